"""Old Office and WPS files (.doc, .xls, .wps, .et), OpenDocument (.odt, .ods), RTF and Word's XML
documents made readable: by LibreOffice headless, or here where LibreOffice would read them wrong
(`converted`: a .docx/.xlsx under an old name, a flat 「Word XML 文档」, a text table named .xls);
and the message for a type nothing reads (`unreadable`).

LibreOffice writes a .docx/.xlsx that then goes through the ordinary readers, so an old file is
recognised exactly as a new one. Each run gets its own temporary folder holding a copy of the
file under a plain name (a name starting with ``-`` or full of spaces cannot be taken for an
option), LibreOffice's output and a private user profile: LibreOffice runs one instance per
profile, so with the shared ~/.config/libreoffice a second import at the same time would hand its
file to the first instance and may return before the converted file exists. A conversion takes about 2 s on a 2-core machine (about 1 s more for the first, which
creates the profile); `TIME_LIMIT` stops one that hangs on a damaged or password-protected file.
"""

from __future__ import annotations

import base64
import codecs
import hashlib
import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from perfsite.importing.sniff import (
    CONVERTS_TO,
    MAX_FORM_CELLS,
    OLD,
    OLE2,
    PLAIN_TEXT,
    TEXT_HEAD,
    ImportFailure,
    Refused,
    _content_kind,
    _declares,
    cannot_read,
    old_suffix,
    text_kind,
)
from perfsite.processes import signals_kept

PROGRAMS = ("soffice", "libreoffice")
TIME_LIMIT = 120
"""Seconds for one conversion: 60× the measured 2 s, for a long report on a busy machine."""
OLE2_FILTERS = {"docx": "MS Word 97", "xlsx": "MS Excel 97"}
"""Import filter for an OLE2 file. WPS writes .wps/.et in the Word/Excel 97 binary formats; left to
guess, LibreOffice reads a damaged .xls as a text file (garbage in cell A1) and takes a .wps for
Microsoft Works. A .doc that is really RTF (common on government sites) is left to guess. A web
page named .doc or .xls never comes here: `sniff` reads it directly (`html_reader.web_kind`), which
LibreOffice could not (it opens an HTML .doc as Writer/Web, which has no .docx export)."""
PACKAGES = {"docx": "libreoffice-writer（无桌面的服务器上用 libreoffice-writer-nogui）",
            "xlsx": "libreoffice-calc（无桌面的服务器上用 libreoffice-calc-nogui）"}


_SAVE_AS = "「另存为」Word 文档（.docx）或 Excel 工作簿（.xlsx）后再导入"
UNREADABLE = (
    ((".uof", ".uot", ".uos", ".uop"), "UOF 格式的文件（《标准化办公文档格式》，永中 Office、中标普华 Office 等所存）",
     f"请在原软件中打开，{_SAVE_AS}"),
    ((".eio",), "永中 Office 的文件", f"请在永中 Office 中打开，{_SAVE_AS}"),
    ((".xlsb",), "Excel 二进制工作簿（.xlsb）", "请在 Excel 中打开，「另存为」Excel 工作簿（.xlsx）后再导入"),
    ((".numbers",), "Apple Numbers 表格", "请在 Numbers 中「文件 → 导出为 → Excel」，得到 .xlsx 后再导入"),
    ((".pages",), "Apple Pages 文稿", "请在 Pages 中「文件 → 导出为 → Word」，得到 .docx 后再导入"),
    ((".ceb",), "方正 CEB 版式文件", "请在方正 Apabi Reader 中打开后打印为 PDF，或向填报单位索取 Word/Excel 原件，再导入"),
    ((".sep", ".gd", ".gw"), "书生版式文件", "请在书生阅读器中打开后另存为（或打印为）OFD 或 PDF，或向填报单位索取 Word/Excel 原件，再导入"),
    ((".xps", ".oxps"), "XPS 文档（「打印为 XPS」所存）", "请在 XPS 查看器中打印为 PDF，或向填报单位索取 Word/Excel 原件，再导入"),
    ((".wpt", ".ett", ".dot", ".dotx", ".dotm", ".xlt", ".xltx", ".xltm", ".ott", ".ots"), "模板文件",
     f"请在 Word、Excel 或 WPS 中打开，{_SAVE_AS}"),
    ((".ppt", ".pptx", ".pps", ".ppsx", ".dps", ".dpt", ".odp", ".key"), "演示文稿（幻灯片）",
     "自评表、目标表要交 Word、Excel、PDF 或 OFD 文件：请向填报单位索取表格原件（幻灯片中的表格可复制到 Excel 中，"
     "「另存为」.xlsx 后导入）"),
)
"""Kinds of file a unit may send that no reader here reads nor LibreOffice converts, or not so we
can tell it is right (UOF: a form LibreOffice saved as UOF read back without its merged cells, its
figures in the wrong columns), each with what the clerk does: the office program that saves what
we read. (.odt/.ods/.rtf are converted, `sniff.CONVERTS_TO`.)"""


def unreadable_type(suffix: str) -> str:
    """What a file of `suffix` that cannot be imported is, and what to do about it."""
    found = next(((what, todo) for suffixes, what, todo in UNREADABLE if suffix.lower() in suffixes), None)
    if found is None:
        return (f"不能导入的文件类型（{suffix or '无扩展名'}）：自评表、目标表请在原软件中打开，{_SAVE_AS}（能导入的是 .docx、"
                ".xlsx、.csv、.pdf、.ofd、网页（.html、.htm、.mht）、Excel 2003 XML（.xml），以及经 LibreOffice 转换的 "
                f"{'、'.join(s for s in OLD if s != '.xml')}，Word 的 XML 文档（.xml））")
    return "：".join(found)


def unreadable(path: Path) -> str:
    """The failure of a file no reader reads: its name, what it is and what to do."""
    if path.suffix.lower() == ".txt" and unicode_text(path):
        return f"「{path.name}」是 {UNICODE_TEXT}"
    said = unreadable_type(path.suffix)
    return f"「{path.name}」是{' ' if said[0].isascii() else ''}{said}"


UNICODE_TEXT = ("Excel 另存的「Unicode 文本」（UTF-16 编码，制表符分隔）：请把扩展名 .txt 改为 .csv 后再导入"
                "（系统导出的汇总表、自评表都照样读取）")


def unicode_text(path: Path) -> bool:
    """Whether `path` starts as Excel's 「Unicode 文本」 does: UTF-16 LE's byte-order mark, and a tab in its first line."""
    try:
        with path.open("rb") as fh:
            head = fh.read(TEXT_HEAD)
    except OSError:
        return False
    return head.startswith(codecs.BOM_UTF16_LE) and "\t" in head[2:].decode("utf-16-le", "replace").split("\n")[0]


def soffice() -> str | None:
    """The LibreOffice program on PATH, or None."""
    return next((found for name in PROGRAMS if (found := shutil.which(name))), None)


class Conversions:
    """The conversions of one import run, kept by the content's digest until the run ends, so a
    file is converted once however often it is read: a batch's worker reads an .xls as a form,
    finds a finance-system export, and the main process reads its sheets again (`bulk`), from
    the same .xlsx. A context manager owning a temporary folder; the batch's forked workers are
    given the folder (pickled), and only the process that made it removes it."""

    def __init__(self) -> None:
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self.folder: Path | None = None

    def __enter__(self) -> Conversions:
        self._folder = tempfile.TemporaryDirectory(prefix="perfsite-converted-")
        self.folder = Path(self._folder.name)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "_folder": None}

    @contextmanager
    def of(self, path: Path) -> Iterator[Path]:
        """`converted(path)`, made once in the run for each content: a file of the same content
        converted before is not converted again, and this conversion is kept for the rest of the run."""
        if self.folder is None:
            raise RuntimeError("Conversions used outside its with block")
        digest = hashlib.sha256()
        try:
            with path.open("rb") as fh:
                for piece in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(piece)
        except OSError as exc:
            raise cannot_read(exc) from exc
        package = _package(path)
        keep = self.folder / (f"{digest.hexdigest()}{AS_IS}.{package}" if package
                              else f"{digest.hexdigest()}.{CONVERTS_TO[old_suffix(path)]}")
        if not keep.is_file():
            with converted(path) as result:
                part = keep.with_name(f"{keep.name}.{os.getpid()}.part")
                shutil.move(result, part)
                os.replace(part, keep)  # whole, for a worker converting the same content at once
        yield keep


AS_IS = "-as-is"
"""The stem's end of a copy made by `converted` of a .docx/.xlsx under an old name (`unconverted`)."""


def _package(path: Path) -> str | None:
    """'docx' or 'xlsx' for what is read here without LibreOffice (`converted`): a Word or Excel
    package under an old name (a .wps/.et WPS saved as one, or a renamed file), a Word document
    saved as one XML file (`word_xml`: 'flat'), a text table named .xls/.et (`text_table`); else None."""
    try:
        with path.open("rb") as fh:
            head = fh.read(TEXT_HEAD)
    except OSError as exc:
        raise cannot_read(exc) from exc
    if word_xml(head) == "flat":
        return "docx"
    if text_table(path):
        return "xlsx"
    kind = _content_kind(path, head[:8])
    return kind if kind in ("docx", "xlsx") else None


def text_table(path: Path) -> bool:
    """Whether `path` is a text table (tab- or comma-separated) under a spreadsheet's old name: what
    systems export as 「Excel」 (.xls) by writing text. LibreOffice opened such a file as one column of
    text in the wrong encoding (the form had no 「项目名称」); Excel opens it as a sheet of the text, and
    so is it read here (`_text_sheet`)."""
    return CONVERTS_TO.get(path.suffix.lower()) == "xlsx" and text_kind(path) == PLAIN_TEXT


TEXT_MAX_BYTES = 2_000_000
"""Bytes of a text table read here, as of a .csv (`pipeline.MAX_BYTES`): a 汇总表 of 5000 rows is about 1.5 MB."""
TEXT_MAX_CELLS = 2 * MAX_FORM_CELLS
"""Cells with text of a text table made a workbook (a system's export may hold more than a form:
`bulk` reads it from the workbook). openpyxl writes about 90,000 cells a CPU second: 2 MB of
one-letter fields (990,000 cells) took 15 CPU s, to be refused as 48 MB of sheet XML."""
_SHEET_NAME = re.compile(r"[\\/*?:\[\]]")


def _text_sheet(path: Path, target: Path) -> None:
    """The text table as the workbook Excel opens it as: a sheet named after the file, each field a
    text cell as written (UTF-8 or GB18030, `indicator_csv.decode`; a tab in the first lines makes
    tabs the separator, else ``;`` where more than commas, else ``,``)."""
    import csv

    from openpyxl import Workbook

    if (size := path.stat().st_size) > TEXT_MAX_BYTES:
        raise ImportFailure(f"文本表格过大（{size} 字节，上限 {TEXT_MAX_BYTES} 字节），拒绝读取：一个文件只放一个项目的自评表")
    text = text_of(path.read_bytes())
    separator = text_separator("".join(text.splitlines(keepends=True)[:20]))
    cells: list[tuple[int, int, str]] = []
    for r, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=separator), 1):
        cells += [(r, c, shown) for c, written in enumerate(row, 1) if (shown := _CONTROL.sub("", written))]
        if len(cells) > TEXT_MAX_CELLS:
            raise Refused(f"文本表格「{path.name}」到第 {r} 行已有超过 {TEXT_MAX_CELLS} 个有内容的格子，远超一份自评表，"
                          "拒绝读取：一个文件只放一个项目的自评表（系统导出表请分批导出）")
    book = Workbook()
    sheet = book.active
    sheet.title = _SHEET_NAME.sub("_", path.stem)[:31] or "Sheet1"
    for r, c, value in cells:
        cell = sheet.cell(r, c)
        cell.value = value
        cell.data_type = "s"  # text as written, never a formula
    book.save(str(target))


_UTF16 = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def text_of(raw: bytes) -> str:
    """A text table's text: UTF-16 after its byte-order mark (Excel's 「Unicode 文本」, tab-separated, which
    systems export named .xls or .csv), else UTF-8 or GB18030 (`indicator_csv.decode`, which refuses UTF-16:
    the data format's 指标 CSV is never UTF-16). ImportFailure when it is none of them."""
    from perfsite.indicator_csv import decode

    for bom, codec in _UTF16:
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise ImportFailure(f"文件开头标明是 UTF-16 编码（Excel 的「Unicode 文本」），第 {exc.start + len(bom)} 字节起却不是："
                                    "请在 Excel 中打开原件，另存为「CSV UTF-8（逗号分隔）」后再导入") from exc
    try:
        return decode(raw)[0]
    except ValueError as exc:
        raise ImportFailure(str(exc)) from exc


def text_separator(head: str) -> str:
    """The separator of a text table from its first lines: tabs where more than commas (Excel's 「文本文件
    （制表符分隔）」, and systems exporting .csv so; a tab typed into a cell of a comma-separated export
    does not make it one), else ``;`` where more than commas (Excel with European list separators),
    else ``,``."""
    commas = head.count(",")
    return "\t" if head.count("\t") > commas else ";" if head.count(";") > commas else ","


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters no cell can hold (and no printed form shows)."""


def word_xml(head: bytes) -> str | None:
    """'flat' for Word's 「Word XML 文档」 (the whole .docx package in one XML file, ``<pkg:package>``),
    '2003' for a 「Word 2003 XML 文档」 (``<w:wordDocument>``), by the file's first bytes; else None.
    Both are .xml as Word saves them, and what Java systems export as 「Word」 (a FreeMarker template
    of one of them) under the name .doc. LibreOffice reads the 2003 one; the flat one it takes for
    plain text (738,556 characters of XML and 「no table」), so it is unpacked here (`_unpack_flat`)."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not start.startswith(b"<"):
        return None
    if b"<pkg:package" in start and b"schemas.microsoft.com/office/2006/xmlpackage" in start:
        return "flat"
    if b"<w:worddocument" in start or b'progid="word.document"' in start:
        return "2003"
    return None


FLAT_MAX_BYTES = 20_000_000
"""Bytes of a Word XML file unpacked here: the tree takes about ten times its size (lxml), and a
30-page report is under 2 MB of XML (pictures, base64 in it, make it larger)."""
_PKG = "{http://schemas.microsoft.com/office/2006/xmlPackage}"


def _unpack_flat(path: Path, target: Path) -> None:
    """Write the package a 「Word XML 文档」 holds (each ``pkg:part`` a member, its ``pkg:xmlData``
    or base64 ``pkg:binaryData``; [Content_Types].xml from the parts' content types) to `target`."""
    from lxml import etree

    if (size := path.stat().st_size) > FLAT_MAX_BYTES:
        raise ImportFailure(f"Word XML 文档过大（{size} 字节，上限 {FLAT_MAX_BYTES} 字节）：请在 Word 中打开，"
                            "「另存为」Word 文档（.docx）后再导入")
    data = path.read_bytes()
    if _declares(io.BytesIO(data)):
        raise ImportFailure("文件含有 DOCTYPE/ENTITY 声明（Word 不会这样保存，可能是恶意构造的文件），拒绝读取："
                            "请在 Word 中打开后「另存为」Word 文档（.docx）再导入")
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    except etree.XMLSyntaxError as exc:
        raise ImportFailure(f"Word XML 文档已损坏（{exc}）：请在 Word 中打开，「另存为」Word 文档（.docx）后再导入") from exc
    types = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
             '<Default Extension="xml" ContentType="application/xml"/>']
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for part in root.iter(f"{_PKG}part"):
            name = (part.get(f"{_PKG}name") or "").lstrip("/")
            xml, binary = part.find(f"{_PKG}xmlData"), part.find(f"{_PKG}binaryData")
            if not name or name in package.namelist() or name.lower() == "[content_types].xml":  # written below
                continue
            if xml is not None and len(xml):
                package.writestr(name, etree.tostring(xml[0], xml_declaration=True, encoding="UTF-8", standalone=True))
            elif binary is not None:
                package.writestr(name, base64.b64decode(binary.text or "", validate=False))
            else:
                continue
            kind = part.get(f"{_PKG}contentType") or "application/xml"
            types.append(f'<Override PartName="/{_attr(name)}" ContentType="{_attr(kind)}"/>')
        package.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                         + "".join(types) + "</Types>")


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def unconverted(new: Path) -> bool:
    """Whether `new`, given by `converted` or `Conversions.of`, is the file itself under its own
    format's name, not LibreOffice's conversion (what a message about it says)."""
    return new.stem.endswith(AS_IS)


@contextmanager
def converted(path: Path) -> Iterator[Path]:
    """The .docx/.xlsx LibreOffice makes from an old file (one renamed .docx/.xlsx by what it is,
    `old_suffix`); the temporary folder goes afterwards. A .docx/.xlsx under an old name is not
    converted but copied under its own format's name (`unconverted`): LibreOffice's conversion would
    drop what the readers refuse a file for (Word's out-of-date field marks, Excel's
    recalculate-on-open flag, so a stale 0 would be read as the total), and needs no LibreOffice.
    A 「Word XML 文档」 is unpacked into the package it holds (`word_xml`)."""
    if (package := _package(path)) is not None:
        with tempfile.TemporaryDirectory(prefix="perfsite-convert-") as tmp:
            copy = Path(tmp) / f"source{AS_IS}.{package}"
            try:
                with path.open("rb") as fh:
                    flat = word_xml(fh.read(TEXT_HEAD)) == "flat"
                if flat:
                    _unpack_flat(path, copy)
                elif text_table(path):
                    _text_sheet(path, copy)
                else:
                    shutil.copyfile(path, copy)
            except OSError as exc:
                raise ImportFailure(f"无法把文件复制到临时文件夹（{exc.strerror or exc}）：请检查磁盘空间后重试") from exc
            yield copy
        return
    suffix = old_suffix(path)
    target = CONVERTS_TO[suffix]
    program = soffice()
    if program is None:
        raise ImportFailure(f"{OLD[suffix]}需要 LibreOffice 转换，但本机没有安装（找不到 soffice 命令）："
                            f"请安装 Debian/Ubuntu 软件包 {PACKAGES[target]}，"
                            f"如 sudo apt-get install {PACKAGES[target].split('（')[0]}；"
                            f"或在 Word/Excel/WPS 中打开原件，「另存为」.{target} 后再导入")
    with tempfile.TemporaryDirectory(prefix="perfsite-convert-") as tmp:
        work = Path(tmp)
        source = work / f"source{suffix}"
        try:
            shutil.copyfile(path, source)
        except OSError as exc:
            raise ImportFailure(f"无法把文件复制到临时文件夹（{exc.strerror or exc}）：请检查磁盘空间后重试") from exc
        out = work / "out"
        command = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--invisible",
                   "--norestore", "--nologo", "--nolockcheck", "--convert-to", target, "--outdir", str(out), str(source)]
        with source.open("rb") as fh:
            if fh.read(len(OLE2)) == OLE2:
                command.insert(-1, f"--infilter={OLE2_FILTERS[target]}")
        failure = _run(command, work)
        result = out / f"source.{target}"
        if not result.is_file():
            raise ImportFailure(f"LibreOffice 无法转换这份{OLD[suffix]}文件{failure}：文件可能已损坏或设置了打开密码。"
                                f"请在 Word/Excel/WPS 中打开原件，清除密码后「另存为」.{target} 再导入")
        yield result


def _run(command: list[str], work: Path) -> str:
    """Run LibreOffice in its own process group (it starts a child) and end the group on timeout.
    A Ctrl-C as it starts (signals_kept) is raised once `process` is here to be ended: raised inside
    Popen, it left LibreOffice running in its own session, which the terminal's Ctrl-C never reaches."""
    env = {**os.environ, "HOME": str(work), "TMPDIR": str(work)}
    process: subprocess.Popen[bytes] | None = None
    try:
        with signals_kept():
            process = _started(command, work, env)
        output, _ = process.communicate(timeout=TIME_LIMIT)
    except subprocess.TimeoutExpired:
        _kill(process)
        return f"（{TIME_LIMIT} 秒内没有完成，已中止）"
    except BaseException:  # Ctrl-C: leave no LibreOffice behind
        if process is not None:
            _kill(process)
        raise
    _kill(process)  # a helper process it left behind would keep the temporary folder busy
    text = output.decode("utf-8", "replace").strip().splitlines()
    errors = [line for line in text if "rror" in line]
    if not errors:
        return ""
    said = next((ours for words, ours in _SAID.items() if words in errors[-1]), errors[-1][:200])
    return f"（LibreOffice：{said}）"


def _started(command: list[str], work: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    try:
        return subprocess.Popen(command, cwd=work, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, start_new_session=True)
    except OSError as exc:
        raise ImportFailure(f"无法启动 LibreOffice（{command[0]}：{exc.strerror or exc}）：请检查安装") from exc


_SAID = {"source file could not be loaded": "打不开这个文件"}
"""What LibreOffice prints when it fails, in the clerk's words: a damaged file (a locked one is told before)."""


def _kill(process: subprocess.Popen[bytes]) -> None:
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
