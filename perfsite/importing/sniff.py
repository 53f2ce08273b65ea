"""Refuse what cannot be read before a library fails on it, with a message a clerk can act on.

Office writes a password-protected .docx/.xlsx as an OLE2 compound file (not a zip) holding an
``EncryptedPackage`` stream; an old .doc/.xls is OLE2 too. A file that is neither zip nor OLE2
is corrupt or mislabelled.

Only a regular file is opened (a FIFO would block the import forever, a link to /dev/zero would
be read until memory runs out), and its size is checked before a byte is read. A zip package is
checked from its directory before any parser sees it: see `check_zip`.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from perfsite.safefile import os_reason

OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
MAX_BYTES = 50_000_000
KINDS = {".docx": "docx", ".docm": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx", ".csv": "csv", ".pdf": "pdf", ".ofd": "ofd"}
OLD = {".doc": "Word 97-2003（.doc）", ".xls": "Excel 97-2003（.xls）", ".wps": "WPS 文字（.wps）",
       ".et": "WPS 表格（.et）", ".odt": "OpenDocument 文本（.odt）", ".ods": "OpenDocument 电子表格（.ods）",
       ".rtf": "RTF 文档（.rtf）", ".xml": "Word XML 文档（.xml）"}
CONVERTS_TO = {".doc": "docx", ".wps": "docx", ".xls": "xlsx", ".et": "xlsx", ".odt": "docx", ".ods": "xlsx", ".rtf": "docx",
               ".xml": "docx"}
"""Old Office and WPS formats, OpenDocument, RTF and Word's XML documents, each read as the format it
becomes (see convert.py: by LibreOffice, or without it where it would read them wrong)."""

ZIP_MAX_XML = 40_000_000
"""Sum of the uncompressed sizes of the parts a reader parses (all but pictures and embedded files).
A sheet at the Excel reader's caps (5000 rows × 100 columns of text and numbers) is 27 MB of XML; a
30-page Word report under 1 MB. python-docx holds the whole document in memory: a 38 MB
document.xml of short paragraphs took 450 MB, a 95 MB one ran out of a 1 GB limit."""
ZIP_MAX_TOTAL = 200_000_000
"""All parts together: pictures are held as bytes, not parsed, so they may take more."""
ZIP_MAX_RATIO = 100
"""Largest uncompressed/compressed ratio of one member above `ZIP_RATIO_FROM` bytes. Measured on
files Word, Excel and openpyxl write: 6–17 for sheets (17 for a 5000×100 sheet of repeated
indicator rows), 32 for Word's stylesWithEffects.xml; a zip bomb needs several hundred (deflate
tops out near 1000)."""
ZIP_RATIO_FROM = 1_000_000
"""Small members may compress better than any ratio (a 40 KB styles part of repeated defaults)."""
ZIP_MAX_MEMBERS = 10_000
"""A .docx/.xlsx has a few dozen parts (a few hundred with many sheets or pictures)."""
MAX_SHEETS = 1000
"""Sheets of one workbook, as its workbook part lists them (several may name one part, so the
parts are not what counts): a department's workbook has a few hundred. openpyxl sets up each
before a cell is read: 9,000 one-cell sheets took 9 CPU s to be found no form."""



UNFINISHED = ("多半是下载、复制或保存没有完成（如 QQ、邮件的附件没有收完）：请重新下载或复制一次；"
              "仍是这样的，请向填报单位重新索取")
"""What to do with a file cut short or empty: a received file is whole in the unit's folder."""


class ImportFailure(Exception):
    """A file that cannot be imported at all; the message is for the clerk (Chinese)."""


class Refused(ImportFailure):
    """A file refused for its bulk (too many pages, paragraphs or cells): no other reader is tried on
    it, since each would spend as long again to refuse it (a Word file of 20,000 one-row tables was
    read twice, 8 CPU s each, the second time for a report without tables)."""


class Oversized(Refused):
    """A file refused while read for holding more than a form may (`MAX_FORM_CELLS`): a system's
    export so named may still be one, which `bulk` reads with its own caps."""


MAX_FORM_CELLS = 200_000
"""Cells with text in all tables of one file read as a form. The recognisers look at each cell some
forty times: 200,000 one-letter cells took 12 CPU s, and a 1.9 MB CSV (950,000 cells) or a 9 MB web
page (900,000) minutes. The largest form-like tables are a 10,000-row, 16-column web-page export
(160,000; `html_reader.MAX_CHARS`) and a department's workbook of a few hundred sheets; an export
beyond it is read by `bulk`. Their text is held to a Word document's (`docx_reader.MAX_TEXT`): 390
Excel cells of 30,000 characters each (a 7 MB workbook) took 65 CPU s, each compacted as a label
some forty times."""


def sniff(path: Path, max_xml: int = ZIP_MAX_XML) -> str:
    """The reader to use ('docx', 'xlsx', 'csv', 'pdf', 'ofd', 'html', 'ss2003', or 'old' for LibreOffice), or ImportFailure.
    `max_xml` is `check_zip`'s bound (a system export, streamed, may hold more than one form)."""
    suffix = path.suffix.lower()
    if (decoded := gbk_name(path.name)) is not None:
        raise ImportFailure(f"文件名是乱码（「{path.name}」应是「{decoded}」）：Windows 打包的压缩包中文件名按 GBK 编码，"
                            "解压时被当作了别的编码；这样导入，网站上的原始文件名（source）也是乱码，因此没有导入："
                            f"请把原来的压缩包重新解压（{UNZIP}），或把文件改为正确的名字后再导入")
    size = regular_size(path)
    if suffix == ".zip":
        raise ImportFailure(zip_advice(path))
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise cannot_read(exc) from exc
    if size == 0:
        raise ImportFailure(f"文件是空的（0 字节），没有任何内容：{UNFINISHED}")
    if size > MAX_BYTES:
        raise ImportFailure(f"文件过大（{size} 字节，上限 {MAX_BYTES} 字节），不像一份自评报告，拒绝读取："
                            "请删去无关的工作表、图片后另存；一个文件里有许多项目的，请拆成几个文件后再导入")
    if head == OLE2 and old_locked(path):
        office = "Word" if old_format(path) == ".doc" else "Excel"
        raise ImportFailure(f"文件设置了打开密码（{office} 97-2003 格式，已加密），无法读取：请在 {office} 或 WPS 中输入密码打开，"
                            f"「文件 → 信息 → 保护{'文档' if office == 'Word' else '工作簿'} → 用密码进行加密」清空密码，"
                            f"「另存为」{'.docx' if office == 'Word' else '.xlsx'} 后再导入；不知道密码的，请向填报单位索取未加密的文件")
    if head == OLE2 and suffix in KINDS and old_format(path) is not None:
        return "old"  # a .doc/.xls renamed: converted as what it is (`old_format`), with a note (`renamed_note`)
    if head == OLE2 and (suffix in KINDS or _encrypted(path)):
        # Office keeps the .docx/.xlsx name when it encrypts: the zip goes inside an OLE2 file.
        raise ImportFailure("文件设置了打开密码（已加密），无法读取：请在 Word/Excel 中打开，"
                            "「文件 → 信息 → 保护文档/工作簿 → 用密码进行加密」清空密码并保存后再导入"
                            "（若并未设密码，则是把 .doc/.xls 旧格式改了扩展名：请把扩展名改回 .doc/.xls，"
                            "或「另存为」.docx/.xlsx）")
    from perfsite.importing.html_reader import web_kind

    if (web := web_kind(path, head)) is not None:
        # A web page or 2003 XML workbook, by its name or behind an Office one (a system's export): read directly.
        return web
    if suffix in OLD:
        # Not only OLE2: many published .doc files are RTF renamed, which LibreOffice reads too. Bytes that are no
        # Office file and no text LibreOffice opens as text all the same: junk named .doc would read as 「报告正文（约 1491 字）」.
        actual = _content_kind(path, head)
        if actual in ("pdf", "ofd"):
            raise ImportFailure(f"文件的扩展名是 {path.suffix}，内容却是{_KIND_NAMES[actual]}（扩展名被改过）："
                                f"请把扩展名改为 {_KIND_SUFFIX[actual]} 后重新导入")
        if head != OLE2 and actual is None and not zipfile.is_zipfile(path) and not text_kind(path):
            raise ImportFailure(f"文件已损坏，或并不是真正的 {OLD[suffix]}文件（扩展名是 {path.suffix}，内容却不是）："
                                "请重新从原件导出或索取原文件")
        return "old"
    kind = KINDS.get(suffix)
    if kind is None:
        from perfsite.importing.convert import unreadable

        raise ImportFailure(unreadable(path))
    actual = _content_kind(path, head)
    if actual is not None and actual != kind:
        # A renamed file: each reader would call it corrupt (「无法作为 Word 文档打开（ValueError）」).
        raise ImportFailure(f"文件的扩展名是 {path.suffix}，内容却是{_KIND_NAMES[actual]}（扩展名被改过）："
                            f"请把扩展名改为 {_KIND_SUFFIX[actual]} 后重新导入")
    if kind == "csv":
        return kind
    if kind != "csv" and not head.startswith(b"%PDF-") and not zipfile.is_zipfile(path) and (text := text_kind(path)):
        office = "Word" if kind == "docx" else "Excel" if kind == "xlsx" else "Word 或 Excel"
        suffix_as = ".docx 或 .xlsx" if kind in ("pdf", "ofd") else _KIND_SUFFIX[kind]
        raise ImportFailure(f"文件的扩展名是 {path.suffix}，内容却是{text}（常见于系统导出的文件，扩展名被改过）："
                            f"请在 {office} 中打开，「另存为」{suffix_as} 后再导入")
    if kind == "pdf":
        if not head.startswith(b"%PDF-"):
            raise ImportFailure("文件已损坏，或并不是真正的 PDF 文件（扩展名是 .pdf，内容却不是）：请重新导出或索取原文件")
        return kind
    if not zipfile.is_zipfile(path):
        what = {"docx": "Word", "xlsx": "Excel", "ofd": "OFD"}[kind]
        if head.startswith(b"PK\x03\x04"):  # a package's first part, and no directory at its end
            raise ImportFailure(f"文件不完整，缺了结尾部分（开头是 {what} 文件，结尾的目录却不在文件中），或已损坏：{UNFINISHED}")
        raise ImportFailure(f"文件已损坏，或并不是真正的 {what} 文件（扩展名是 {suffix}，内容却不是）："
                            "请重新从原件导出或索取原文件")
    check_zip(path, max_xml)
    if kind == "ofd":
        return kind
    if _strict(path):
        office, name = ("Word", "Word 文档(*.docx)") if kind == "docx" else ("Excel", "Excel 工作簿(*.xlsx)")
        raise ImportFailure(f"文件是「Strict Open XML」格式（{office}「另存为」中的「Strict Open XML」一项），本程序无法读取："
                            f"请在 {office} 中打开，「另存为」普通的「{name}」后再导入")
    return kind


_KIND_NAMES = {"docx": " Word 文档（.docx）", "xlsx": " Excel 工作簿（.xlsx）", "pdf": " PDF 文件", "ofd": " OFD 版式文件（.ofd）"}
_KIND_SUFFIX = {"docx": ".docx", "xlsx": ".xlsx", "pdf": ".pdf", "ofd": ".ofd"}


def _content_kind(path: Path, head: bytes) -> str | None:
    """What the bytes are, when they tell: a PDF by its header, a Word or Excel package by its main
    part, an OFD by its entry (OFD.xml at the root). None for anything else (text, a corrupt zip):
    the reader of the extension judges it."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if any(name.lstrip("/").lower() == "ofd.xml" for name in names):
        return "ofd"
    return None


HTML = "网页（HTML）"
"""`text_kind` of an HTML file (a table a web system exports as 「Word」 or 「Excel」)."""
PLAIN_TEXT = "纯文本（如 CSV）"
"""`text_kind` of other text (a system's 「Excel」 written as a text table, `convert.text_table`)."""
TEXT_HEAD = 1024
"""Bytes read to tell a text format by its start (an HTML export's <html> follows its DOCTYPE and comments)."""


_HTML_ROOT = re.compile(rb"<html[\s>]")
"""A web page's root element: a 2003 XML workbook's cells hold ``<html:Font>`` runs, never ``<html>``."""


def text_kind(path: Path) -> str:
    """What a file that is text is, by its start: 「 RTF 文档」, 「 Excel 2003 XML 表格」, 「网页（HTML）」,
    「纯文本（如 CSV）」; "" for anything else (binary: damaged). Systems export 「Word」 and 「Excel」
    as RTF or an HTML table with the Office extension, and the reader then called the file
    damaged, which told the clerk to export it again the same way."""
    try:
        with path.open("rb") as fh:
            head = fh.read(TEXT_HEAD)
    except OSError:
        return ""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom):].decode(codec, "replace").encode("utf-8", "replace")
            break
    start = head.lstrip().lower()
    if start.startswith(b"{\\rtf"):
        return " RTF 文档"
    if (b"progid=\"excel.sheet\"" in start or b"urn:schemas-microsoft-com:office:spreadsheet" in start) \
            and not _HTML_ROOT.search(start):  # a system's web page may declare the spreadsheet namespace too
        return " Excel 2003 XML 表格"
    if start.startswith(b"<") and any(tag in start for tag in (b"<html", b"<table", b"<!doctype html")):
        return HTML
    if b"\0" not in head and not any(byte < 9 or 13 < byte < 32 for byte in head):
        return PLAIN_TEXT
    return ""


STRICT = b"purl.oclc.org/ooxml/"
"""The namespaces of ISO 29500 Strict, which Excel and Word write when 「Strict Open XML」 is chosen."""


def _strict(path: Path) -> bool:
    """Whether the package is Strict Open XML (its relationships name the Strict namespaces): the
    readers know only the usual (transitional) ones, and a strict workbook read as empty (「找不到项目
    名称」), a strict document as damaged (「KeyError」)."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open("_rels/.rels") as rels:
            return STRICT in rels.read(64_000)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return False


def logged(exc: BaseException, path: Path) -> str:
    """The end of the clerk's sentence for a file a reader could not open: the reader's own account
    (an exception class such as 「PdfminerException」 or 「BadZipFile」 says nothing a clerk can act
    on) goes to the log file the operator's guide names (`perfsite.failures.record`), and the
    sentence says where, for a report to the maintainers: a file Office opens may be one a reader
    here gets wrong. "" when the log cannot be written."""
    from perfsite.failures import record

    where = record(exc, f"读取 {path}")
    return f"；如果它在 Office 或 PDF 阅读器中能正常打开，请把它和日志 {where} 发给系统维护人员" if where else ""


XML_DEPTH = 256
"""Elements open at once that the XML parser (libxml2 without XML_PARSE_HUGE) reads: a Word table in
a cell of a table adds three (table, row, cell), so about 80 tables nested in one another; a form
nests two or three."""
XML_TEXT = 10_000_000
"""Bytes of one text the XML parser reads (libxml2's limit): an Excel cell holds 32,767 characters."""
_PARSER_LIMITS = (("Excessive depth", f"内容层层嵌套超过 {XML_DEPTH} 层（如表格中套表格，一层套一层）",
                   "把套在格子里的表格移出来（或复制到新文档）"),
                  ("Text node too long", f"有一段文字超过 {XML_TEXT} 字节（一个 Excel 单元格最多 32767 字）",
                   "删去无关的长文字"))
"""The XML parser's own limits, by the words of its message: what the file holds, and what to do."""


def parser_limit(exc: BaseException, name: str) -> Refused | None:
    """The refusal of a file whose XML the parser stopped at one of its limits (`_PARSER_LIMITS`),
    naming the file; None for any other failure. Its English words (「Excessive depth in document:
    256, use XML_PARSE_HUGE option」) read as a damaged file, sent to the maintainers' log."""
    said = str(exc)
    found = next(((what, todo) for words, what, todo in _PARSER_LIMITS if words in said), None)
    if found is None:
        return None
    return Refused(f"「{name}」中{found[0]}，不像一份自评表或报告，拒绝读取：请在 Word/Excel 中打开，{found[1]}后另存再导入")


_WHOLE = re.compile(r"\s*([0-9]+)\s*")


def whole(text: str, most: int) -> int | None:
    """The whole number of ASCII digits `text` writes (a span, an index), as Excel and browsers read
    one, `most` + 1 for any beyond `most`; None for anything else. int() takes 「٣」 and 「²」 passes
    str.isdigit(), and int() fails on 4,300 digits or more (Python's limit): a cell's
    ``colspan="999…"`` failed the file as 「读取文件时出错」."""
    found = _WHOLE.fullmatch(text)
    if found is None:
        return None
    digits = found[1].lstrip("0") or "0"
    return most + 1 if len(digits) > len(str(most)) else min(int(digits), most + 1)


def cannot_read(exc: OSError) -> ImportFailure:
    """「无法读取文件：文件不存在」 and the like, in Chinese where the cause is a common one: `Refused`,
    as no other reader reads it either."""
    return Refused(f"无法读取文件：{os_reason(exc)}")


def regular_size(path: Path) -> int:
    """The size of a regular file (a link to one is followed); `Refused` for anything else: no
    other reader may open it (a FIFO named .docx, refused here, was then opened by the Word
    reader as a report without tables, which waited for a writer forever)."""
    try:
        info = path.stat()
    except OSError as exc:
        raise cannot_read(exc) from exc
    if not stat.S_ISREG(info.st_mode):
        what = "文件夹" if stat.S_ISDIR(info.st_mode) else "设备、管道或套接字等特殊文件"
        raise Refused(f"这不是普通文件，而是{what}，拒绝读取：请给出 .docx/.xlsx/.pdf 等文件本身")
    return info.st_size


def check_zip(path: Path, max_xml: int = ZIP_MAX_XML) -> None:
    """Refuse a package whose directory declares too much, names one part twice, or whose XML
    declares a document type (`_refuse_declarations`): ImportFailure naming the member.

    Part names compare without case, as OPC's do (ECMA-376 Part 2, 9.1.1.1). Of two members of one
    name Python's zipfile opens the last and other readers the first: each shows another sheet.

    The declared sizes bound what the readers unpack: Python's zipfile stops a member at its
    declared size (and then fails its CRC), so a directory that lies cannot make it inflate more.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFailure("文件已损坏，压缩包目录无法读取（文件不完整或在传送中损坏）：请重新从原件导出或索取原文件"
                            + logged(exc, path)) from exc
    with archive:  # one open for the directory's bounds and the parts' declarations
        members = archive.infolist()
        if len(members) > ZIP_MAX_MEMBERS:
            raise ImportFailure(f"文件内含 {len(members)} 个部件（上限 {ZIP_MAX_MEMBERS}），不像正常的 Office 或 OFD 文件，拒绝读取")
        total = xml = 0
        names: set[str] = set()
        for member in members:
            if (name := member.filename.lower()) in names:
                raise ImportFailure(f"文件中有两个同名的部件「{member.filename}」（Office 软件不会这样保存，可能是恶意构造的文件）："
                                    "不同的软件读出的是其中不同的一个，表上显示的内容无法确定，拒绝读取：请向填报单位索取原文件，"
                                    "或在原来的软件中打开、核对后另存再导入")
            names.add(name)
            if member.flag_bits & 0x1:  # zipfile cannot open it without the password (RuntimeError)
                raise ImportFailure(f"文件中的「{member.filename}」设置了密码（压缩包已加密），无法读取："
                                    "请在原来的软件中去掉密码后另存，或向填报单位索取未加密的文件")
            total += member.file_size
            if not member.filename.lower().startswith(_NOT_PARSED_UNDER) and not member.filename.lower().endswith(_NOT_PARSED):
                xml += member.file_size
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > ZIP_RATIO_FROM and ratio > ZIP_MAX_RATIO:
                raise ImportFailure(f"文件中的「{member.filename}」压缩比异常（{ratio:.0f} 倍，上限 {ZIP_MAX_RATIO} 倍），"
                                    "可能是恶意构造的“压缩炸弹”，拒绝读取：请向填报单位索取原文件")
        if total > max(ZIP_MAX_TOTAL, max_xml) or xml > max_xml:
            what, size, limit = ("文字和表格部分", xml, max_xml) if xml > max_xml else ("", total, max(ZIP_MAX_TOTAL, max_xml))
            raise ImportFailure(f"文件{what}解压后共 {size} 字节（上限 {limit} 字节），远超一份自评报告，拒绝读取："
                                "请删去无关的工作表、图片后另存，或向填报单位索取原文件")
        _refuse_declarations(archive, members)
        if _sheets(archive, members) > MAX_SHEETS:
            raise Refused(f"「{path.name}」中有超过 {MAX_SHEETS} 张工作表（一个部门的工作簿也不过几百张），不像一份自评表，"
                          "拒绝读取：请删去无关的工作表后另存，或把各项目的表拆成单独的文件后再导入")


_OVERRIDE = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,20}:)?Override\b[^>]*>")
_WORKBOOK_TYPE = re.compile(rb"application/vnd\.(?:openxmlformats-officedocument\.spreadsheetml|ms-excel)"
                            rb"\.(?:sheet|template)(?:\.macroEnabled)?\.main\+xml", re.I)
_PART_NAME = re.compile(rb"""PartName\s*=\s*["']/?([^"']+)""")
_SHEET_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,20}:)?sheet[\s/>]")
"""A ``<sheet>`` of a workbook part's ``<sheets>`` (not ``<sheets>``, ``<sheetPr>`` …), in any prefix."""


def _sheets(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> int:
    """How many sheets the package's workbook part lists (the one its content types name, as
    openpyxl finds it, else xl/workbook.xml), counted in its bytes and only up to `MAX_SHEETS`;
    0 for a package without one (a .docx, an .ofd)."""
    try:
        return _listed_sheets(archive, {member.filename.lower(): member for member in members})
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
        return 0  # a damaged part: the reader that opens it says so


def _listed_sheets(archive: zipfile.ZipFile, named: dict[str, zipfile.ZipInfo]) -> int:
    types = named.get("[content_types].xml")
    if types is None:
        return 0
    with archive.open(types) as part:
        listed = part.read(ZIP_RATIO_FROM)
    parts = [found[1].decode("utf-8", "replace").lower() for tag in _OVERRIDE.finditer(listed)
             if _WORKBOOK_TYPE.search(tag[0]) and (found := _PART_NAME.search(tag[0]))] or ["xl/workbook.xml"]
    most = 0
    for name in parts:
        if (member := named.get(name)) is None:
            continue
        count, rest = 0, b""
        with archive.open(member) as part:
            while count <= MAX_SHEETS and (chunk := part.read(_CHUNK)):
                text = rest + chunk
                count += sum(1 for tag in _SHEET_TAG.finditer(text) if tag.start() < len(text) - 32)
                rest = text[-32:]  # a tag cut by the chunk's end is counted with the next
        most = max(most, count + sum(1 for _ in _SHEET_TAG.finditer(rest)))
    return most


_NOT_PARSED_UNDER = ("word/media/", "xl/media/", "word/embeddings/", "xl/embeddings/")
_NOT_PARSED = (".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff", ".jb2", ".ttf", ".otf", ".ttc", ".dat")
"""Parts no reader parses: Office's pictures and embedded files by their folder, an OFD's
(pictures, fonts, a signature's value under Signs/) by their extension wherever its producer
puts them (Res/, Doc_0/Res/)."""
_CHUNK = 65_536
"""Bytes of a part read at a time while looking for its root element: Office writes it within the
first few hundred bytes, so one read is all an Office file costs."""
_KEYWORDS = ("<!DOCTYPE", "<!ENTITY")


def _encoding(head: bytes) -> str:
    """The encoding of an XML part from its first bytes (XML 1.0 appendix F): UTF-16 by its byte
    order mark or its 「<」, else UTF-8 (what Office writes; any other declared encoding is
    ASCII-compatible up to the root element)."""
    if head.startswith((b"\xff\xfe", b"<\x00")):
        return "utf-16-le"
    if head.startswith((b"\xfe\xff", b"\x00<")):
        return "utf-16-be"
    return "utf-8"


def _declares(part) -> bool:  # type: ignore[no-untyped-def]
    """Whether the XML `part` (an open binary stream) declares a document type before its root
    element, the only place a declaration (and the entities it declares) can stand: its prolog is
    read through, past comments and processing instructions however long (a 70 KB comment hid a
    declaration from a search of the part's first 64 KB), a read at a time, and the part no further."""
    head = part.read(_CHUNK)
    decoder = codecs.getincrementaldecoder(_encoding(head))("replace")
    text, closing = decoder.decode(head), ""
    while True:
        if closing:  # inside a comment or processing instruction
            end = text.find(closing)
            if end >= 0:
                text, closing = text[end + len(closing):], ""
                continue
            text = text[1 - len(closing):]  # a closing split between two reads
        else:
            start = text.find("<")
            if start >= 0 and len(text) - start >= len(_KEYWORDS[0]):
                if text.startswith(_KEYWORDS, start):
                    return True
                skipped = next((pair for pair in _SKIPPED if text.startswith(pair[0], start)), None)
                if skipped is None:
                    return False  # the root element: no declaration can follow
                text, closing = text[start + len(skipped[0]):], skipped[1]
                continue
            text = text[start:] if start >= 0 else ""
        more = part.read(_CHUNK)
        if not more:
            return False
        text += decoder.decode(more)


_SKIPPED = (("<?", "?>"), ("<!--", "-->"))
"""What may stand before a part's root element besides its declaration, opened and closed."""


def _refuse_declarations(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    """Refuse a package whose XML declares a document type or entities, which Word, Excel, WPS and
    LibreOffice never write. The parsers neither fetch nor expand them (no file is read, no
    entity bomb grows), but an unexpanded entity reads as nothing: a sheet whose 主管部门 cell was
    ``&xxe;`` imported the 实施单位 as the department, with no word said; behind a long comment
    python-docx read such a cell empty and openpyxl dropped the sheet's every row."""
    try:
        for member in members:
            if not member.filename.lower().endswith((".xml", ".rels")):
                continue
            with archive.open(member) as part:
                declared = _declares(part)
            if declared:
                raise ImportFailure(f"文件中的「{member.filename}」含有 DOCTYPE/ENTITY 声明（Office 软件不会这样保存，"
                                    "可能是恶意构造的文件），拒绝读取：请向填报单位索取原文件，或在 Excel/Word 中打开后另存")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
        raise ImportFailure("文件已损坏，压缩包中的部件无法解压（文件不完整或在传送中损坏）：请重新从原件导出或索取原文件"
                            + logged(exc, Path(str(archive.filename)))) from exc


def _encrypted(path: Path) -> bool:
    """Whether the file names the streams of an encrypted .docx/.xlsx (MS-OFFCRYPTO 2.3.4) anywhere:
    a file that may be locked is called so rather than sent to LibreOffice, which would hang on it."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data


_OLD_STREAMS = {"WORDDOCUMENT": ".doc", "WORKBOOK": ".xls", "BOOK": ".xls"}
"""The main stream of a Word 97-2003 document (MS-DOC 2.1.1) and of an Excel 97-2003 (BIFF8
``Workbook``) or Excel 5.0/95 (``Book``) workbook: the old format the file is, whatever its name."""
_ENTRY = 128
"""Size of an OLE2 directory entry; the directory's sectors (512 or 4096 bytes) hold whole entries."""


def ole_streams(path: Path) -> set[str]:
    """The names (upper case) of the storages and streams an OLE2 file's directory lists. Every
    128-byte record after the header that reads as a directory entry (a UTF-16 name of the length
    its length field gives, an entry type of storage, stream or root) is taken as one: the directory
    sectors lie wherever the FAT puts them, and a stream's data would have to mimic an entry's
    fields at an entry's place to be mistaken for one. Empty for a file that cannot be read."""
    try:
        data = path.read_bytes()
    except OSError:
        return set()
    return {name for name, _ in _entries(data)}


def _entries(data: bytes) -> Iterator[tuple[str, int]]:
    """(name in upper case, offset) of each record of an OLE2 file that reads as a directory entry (`ole_streams`)."""
    for at in range(512, len(data) - _ENTRY + 1, _ENTRY):
        length, kind = int.from_bytes(data[at + 64:at + 66], "little"), data[at + 66]
        if kind not in (1, 2, 5) or not 2 < length <= 64 or length % 2 or data[at + length - 2:at + length] != b"\0\0":
            continue
        try:
            name = data[at:at + length - 2].decode("utf-16-le")
        except UnicodeDecodeError:
            continue
        if name.isprintable():
            yield name.upper(), at


_MINI_CUTOFF = 4096
"""Streams shorter than this lie in the mini stream, not at their own sector (MS-CFB 2.2)."""


def _stream_start(data: bytes, stream: str) -> bytes:
    """The first sector of the named stream of an OLE2 file (what the 97-2003 formats begin their main
    stream with); b"" when there is none or it is in the mini stream."""
    shift = int.from_bytes(data[30:32], "little")
    if shift not in (9, 12):
        return b""
    size = 1 << shift
    for name, at in _entries(data):
        if name == stream and data[at + 66] == 2:
            start, length = int.from_bytes(data[at + 116:at + 120], "little"), int.from_bytes(data[at + 120:at + 124], "little")
            return data[(start + 1) * size:(start + 2) * size] if length >= _MINI_CUTOFF and start < 0xFFFFFFFA else b""
    return b""


_FILEPASS = 0x002F
"""The BIFF8 record saying the rest of an Excel 97-2003 workbook is encrypted; it follows the first BOF."""
_FIB_ENCRYPTED = 0x0100
"""fEncrypted of a Word 97-2003 document's FibBase flags (offset 0x0A): its text is encrypted or obfuscated."""


def old_locked(path: Path) -> bool:
    """Whether an Excel or Word 97-2003 file (.xls, .et, .doc, .wps) has an open password: LibreOffice
    cannot convert it (「source file could not be loaded」, in English), and 「可能已损坏或设置了打开密码」
    leaves the clerk to guess which. Read from the first sector of its main stream."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    word = _stream_start(data, "WORDDOCUMENT")
    if len(word) >= 12 and word[:2] == b"\xec\xa5":
        return bool(int.from_bytes(word[10:12], "little") & _FIB_ENCRYPTED)
    book, at = _stream_start(data, "WORKBOOK"), 0
    for _ in range(4):  # BOF, then FILEPASS at once when it is there
        if at + 4 > len(book):
            break
        kind, length = int.from_bytes(book[at:at + 2], "little"), int.from_bytes(book[at + 2:at + 4], "little")
        if kind == _FILEPASS:
            return True
        at += 4 + length
    return False


def old_format(path: Path) -> str | None:
    """``.doc`` or ``.xls`` for an unencrypted Word/Excel 97-2003 file (`_OLD_STREAMS`), whatever its
    extension says; None for anything else (an encrypted .docx/.xlsx holds no such stream)."""
    if _encrypted(path):
        return None
    streams = ole_streams(path)
    return next((suffix for name, suffix in _OLD_STREAMS.items() if name in streams), None)


def renamed_note(path: Path) -> str | None:
    """The note for an old Word/Excel file whose name gives a new format's extension: it is read as
    what it is, and the unit should name it so (a reader other than this one would call it damaged).
    The same for a .docx/.xlsx named .doc/.xls/.wps/.et: LibreOffice opens it by its content, so it
    imports, but the unit's name for it is wrong all the same."""
    suffix = path.suffix.lower()
    if suffix in CONVERTS_TO:
        try:
            with path.open("rb") as fh:
                actual = _content_kind(path, fh.read(8))
        except OSError:
            return None
        if actual not in ("docx", "xlsx"):
            from perfsite.importing.convert import text_table

            return (f"文件的扩展名是 {path.suffix}，内容却是文本表格（常见于系统导出的「Excel」）：已按 Excel 打开它的样子读取"
                    "（每格照写的文字，不经 LibreOffice），请核对") if text_table(path) else None
        return (f"文件的扩展名是 {path.suffix}，内容却是{_KIND_NAMES[actual]}（扩展名被改过）："
                f"已按 {_KIND_SUFFIX[actual]} 读取（不经 LibreOffice），请核对；请单位把扩展名改回 {_KIND_SUFFIX[actual]} 再报送")
    real = old_format(path)
    if real is None:
        return None
    return (f"文件的扩展名是 {path.suffix}，内容却是 {OLD[real]} 旧格式文件（扩展名被改过，不是设置了密码）："
            f"已按 {real} 经 LibreOffice 转换后导入，请核对；请单位把扩展名改回 {real}，"
            f"或在 {'Word' if real == '.doc' else 'Excel'} 中打开后「另存为」{_KIND_SUFFIX[CONVERTS_TO[real]]} 再报送")


def old_suffix(path: Path) -> str:
    """The old format's extension a file is converted as: its own (.doc, .xls, .wps, .et), or the
    one its content shows when it was renamed (`old_format`)."""
    suffix = path.suffix.lower()
    return suffix if suffix in CONVERTS_TO else (old_format(path) or suffix)


UNZIP = "Windows 上用 7-Zip 或右键「全部解压缩」，Linux 上用 unzip -O GBK 压缩包名.zip"
"""How to unzip a unit's folder with its names right: Windows writes a zip's names in the system's
code page (GBK) without the UTF-8 flag, which Python, Info-ZIP and macOS read as CP437 (or bytes)."""
_ZIP_LISTED = 5


def zip_advice(path: Path) -> str:
    """What to do with a zip given to the import: unzip it first (`UNZIP`), and what it holds, its
    names as Windows wrote them (`zip_name`). Not imported from the zip: `source` names the file a
    clerk keeps in the intake folder and can open, and a unit's zip holds more than forms (photos,
    附件), which the folder's import then lists."""
    members = []
    try:
        if path.stat().st_size <= MAX_BYTES:  # its directory is read whole, as `check_zip` reads a package's
            with zipfile.ZipFile(path) as archive:
                members = [zip_name(m) for m in archive.infolist()[:ZIP_MAX_MEMBERS] if not m.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError):
        members = []
    held = ""
    if members:
        more = f"等 {len(members)} 个" if len(members) > _ZIP_LISTED else ""
        held = f"，内有{'、'.join(members[:_ZIP_LISTED])}{more}"
    return f"压缩包：请先解压后导入（{UNZIP}；其他方法解压出的中文文件名可能是乱码），再导入解压出的文件夹{held}"


def zip_name(member: zipfile.ZipInfo) -> str:
    """A zip member's name as its maker wrote it: GBK where the UTF-8 flag (bit 11) is off and the
    bytes read as GBK (Windows' 「发送到 → 压缩文件夹」 and WinRAR/360压缩 in a Chinese locale),
    which zipfile gives decoded as CP437 (「╩²╦╡…」)."""
    if member.flag_bits & 0x800:
        return member.filename
    try:
        return member.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return member.filename


_BOX = re.compile("[\u2500-\u259f]")
"""Box drawing and block elements: CP437 gives its upper half so, and GBK's lead bytes (0x81–0xFE)
fall there: 「数」 is B5 C4, read 「╡─」. No name a clerk types holds them."""
_HAN = re.compile("[\u3400-\u9fff]")


def gbk_name(name: str) -> str | None:
    """The name a file had before a GBK zip was unzipped as CP437 (「╩²╦╡║∞║╙…xlsx」 →
    「数说红河…xlsx」) or as raw bytes on a UTF-8 system (undecodable, kept as surrogates); None
    for a name that does not read so (no box drawing characters, or not GBK with Chinese in it)."""
    try:
        raw = os.fsencode(name) if any("\udc80" <= ch <= "\udcff" for ch in name) else \
            name.encode("cp437") if _BOX.search(name) else None
        decoded = raw.decode("gbk") if raw is not None else None
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return decoded if decoded is not None and len(_HAN.findall(decoded)) >= 2 and decoded.isprintable() else None
