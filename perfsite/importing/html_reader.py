"""A web page's forms (.html, .htm, and .mht/.mhtml, Word's and Excel's 「单个文件网页」) read into the
blocks `docx_reader.read_docx` gives: paragraphs and tables in the order they stand.

Many 自评表 and 目标表 are published on 政府信息公开 pages as HTML tables, and finance systems export
「Word」/「Excel」 files that are an HTML table with an Office extension. Read here with the standard
library's tokenizer, what a browser shows and nothing more: rowspan/colspan become merges (the
continued cells show the text, as Word repeats it), `<br>` and block elements break lines, and what
the browser does not show is not read (`_Hidden`: display:none and visibility:hidden in a style
attribute or in a <style> rule with a simple selector, the ``hidden`` attribute, <script>, <style>,
<template>, <noscript>, the <head>, comments, hidden inputs). A table that holds another table lays
out a page (a 政府信息公开 page puts its article in a layout table): its cells are read as the
page's text and the tables inside it as tables, so the form is the innermost table.

Excel's 「网页」 export writes each number's value beside its shown text (``<td x:num="0.955">95.50%
</td>``): the shown text is read, as on the printed form.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import NoReturn

from perfsite.collector import collector_paused
from perfsite.importing.convert import word_xml
from perfsite.importing.docx_reader import MAX_TEXT, Block, Para
from perfsite.importing.grid import ABOVE, LEFT, OWN, Cell, Grid, clean, flat, raised
from perfsite.importing.sniff import (
    HTML,
    MAX_FORM_CELLS,
    MAX_SHEETS,
    TEXT_HEAD,
    ImportFailure,
    Oversized,
    Refused,
    cannot_read,
    regular_size,
    text_kind,
    whole,
)
from perfsite.indicator_csv import decode

WEB = {".html": "html", ".htm": "html", ".mht": "html", ".mhtml": "html", ".xml": "ss2003"}
"""Web pages and Excel 2003 XML workbooks, by extension: read here and by `ss2003_reader`."""
OFFICE = (".doc", ".docx", ".docm", ".xls", ".xlsx", ".xlsm", ".wps", ".et", ".odt", ".ods", ".rtf")
"""Extensions a system's HTML or 2003 XML export is given in place of its own (read as what it is)."""
SS2003 = " Excel 2003 XML 表格"
"""`sniff.text_kind` of an Excel 2003 XML workbook."""
MAX_CHARS = 12_000_000
"""Characters of a page's HTML. The tree built here takes about 24 bytes a character: Excel's
「网页」 export of a 5000-row, 16-column 汇总表 (the Excel reader's row cap) is 5.4 MB and was read
in 2.0 CPU s with 130 MB (measured, /tmp script, this machine); a published form page is under
200 KB. Twice the 5000-row export is allowed, about 300 MB at most."""
MAX_CELLS = 1_000_000
"""Cells of one table once its spans are laid out (the Excel reader's cap is 5000 × 100 = 500,000):
a page of a thousand rows each ``colspan=1000`` is a billion cells and no form."""
MAX_DEPTH = 512
"""Elements open at once: deeper ones are their parent's siblings, as in Chrome's tree builder (the
same limit). The tree is walked recursively, and a page of 100,000 nested <div> overflowed the stack."""
MAX_SPAN = 1000
"""The largest colspan a browser honours (HTML's limit); a rowspan is cut at the table's last row."""


@dataclass(frozen=True)
class Caps:
    """What a page may hold, counted as it is tokenized, before any tree is walked: its cells with
    text, its characters of text and its elements (tags). Counted once read, a 12 MB page of
    one-letter cells was refused after 25 CPU s and 480 MB (its whole tree built, then laid out),
    and one of 3.8 million <p> was read in 38 CPU s and 1.5 GB; the tree takes about 10 µs and
    400 bytes an element here. A form's web page spends 30 (Excel's export) to 60 bytes (Word's) an
    element, so `MAX_CHARS` holds at most some 400,000 of a real one."""

    cells: int
    chars: int
    elements: int
    what: str
    """What a page within them is, and what to do with one beyond them, for the message refusing it."""
    advice: str


FORM = Caps(MAX_FORM_CELLS, MAX_TEXT, 500_000, "一份自评表", "请把各项目的表拆成单独的文件后再导入")
"""A form's caps (`sniff.MAX_FORM_CELLS`, the Word reader's `MAX_TEXT`), as every reader of a form
holds them: a page beyond them is refused while read (`Oversized`), in 5 CPU s at most."""
EXPORT = Caps(2 * MAX_FORM_CELLS, 4 * MAX_TEXT, 1_000_000, "一份系统导出表", "请在系统中分批（如按部门）导出后再导入")
"""A finance system's export read by `bulk` (named .xls/.et/.xml, its header found in the page's
first rows): twice the 10,000-row, 16-column web-page export (`MAX_CHARS`), 10 CPU s at most."""


def web_kind(path: Path, head: bytes) -> str | None:
    """`sniff`'s reader for a web page or 2003 XML workbook: 'html' or 'ss2003' by the content of a
    file named .html/.htm/.mht/.mhtml/.xml or with an Office extension (a system's export), None
    for anything else (an Office file, text that is neither); ImportFailure for a web extension
    whose content is not what it says."""
    suffix = path.suffix.lower()
    named = WEB.get(suffix)
    if named is None and (suffix not in OFFICE or head.startswith((b"PK", b"%PDF", bytes.fromhex("D0CF11E0")))):
        return None
    kind = text_kind(path)
    found = "ss2003" if kind == SS2003 else "html" if kind == HTML or (kind and _mime(path)) else None
    if named is None or found == named:
        return found
    if named == "html" and kind:  # any text named .html is a page (a fragment opens with neither <html> nor <table>)
        return found or "html"
    if found == "html":  # a page named .xml: read as a page, as one named .xls is
        return found
    with path.open("rb") as fh:
        start = fh.read(TEXT_HEAD)
    if named == "ss2003" and word_xml(start):  # Word's 「Word XML 文档」: read as the Word file it is (`convert`)
        return None
    what = " Excel 2003 XML 表格（Excel「另存为 XML 电子表格 2003」所存）" if named == "ss2003" else "网页"
    other = "其他 XML 文件" if start.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") else kind.strip() or "二进制数据"
    raise ImportFailure(f"文件的扩展名是 {path.suffix}，内容却不是{what}，而是{other}："
                        "请给出原来导出的文件，或在 Excel/Word 中打开后「另存为」.xlsx/.docx 再导入")


_ASSETS = ("_files", ".files")
"""The end of the folder a browser (「网页，全部」: 「页面_files」) or Word and Excel (「另存为网页」:
「页面.files」) save beside a page, holding its pictures, style sheets, scripts, frames and Word's
filelist.xml and header.htm: parts of the page, not forms."""


def page_asset(entry: Path, root: Path) -> bool:
    """Whether `entry`, found in the folder `root` is searched from, lies in a page's own folder of
    parts (`_ASSETS`, beside the page of that name): read with the page, never as a file of its own
    (its frames and Word's header.htm read as forms failed 「没有任何表格」, its pictures were
    listed as scans to be asked for)."""
    for folder in entry.relative_to(root).parents:
        name = folder.name
        stem = next((name[: -len(end)] for end in _ASSETS if name.lower().endswith(end) and len(name) > len(end)), None)
        if stem is not None and any((root / folder.parent / f"{stem}{suffix}").is_file()
                                    for suffix in (".htm", ".html", ".mht", ".mhtml")):
            return True
    return False


def renamed_note(path: Path, what: str, read_as: str) -> list[str]:
    """「扩展名是 .xls，内容是网页表格，已按网页读取」 for a file whose Office extension hides what it is."""
    if path.suffix.lower() in WEB:
        return []
    return [f"{path.name}：扩展名是 {path.suffix}，内容是{what}，已按{read_as}读取（常见于系统导出的文件）"]


def _mime(path: Path) -> bool:
    """Whether the file is a MIME archive (.mht): its headers come first."""
    with path.open("rb") as fh:
        head = fh.read(2048).lower()
    return head.startswith((b"mime-version:", b"from:", b"content-type:", b"subject:", b"date:")) and b"multipart/" in head


def read_html(path: Path, caps: Caps | None = None) -> tuple[list[Block], list[str]]:
    """(blocks in order, page headers: none) of a web page or a .mht archive of one; ImportFailure
    when it holds no table, `Oversized` when it holds more than `caps` (a form's, `FORM`, by default)."""
    size = regular_size(path)
    if size > MAX_CHARS:
        raise ImportFailure(f"网页文件过大（{size} 字节，上限 {MAX_CHARS} 字节），不像一份自评表，拒绝读取")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise cannot_read(exc) from exc
    notes = renamed_note(path, "网页表格", "网页")
    pages, sheets = mime_pages(data) if _mime(path) else ([(data, "")], {})
    if len(pages) > MAX_SHEETS:
        raise Refused(f"「{path.name}」中有 {len(pages)} 个网页部分（Excel 的单个文件网页每张工作表一个，上限 {MAX_SHEETS}），"
                      "不像一份自评表，拒绝读取：请在 Excel 或 Word 中打开，「另存为」.xlsx/.docx 后再导入")
    blocks: list[Block] = []
    count = _Count(caps or FORM, path.name)
    tables = 0
    for raw, declared in pages:
        text, guessed = decode_page(raw, declared)
        if guessed:
            notes.append(f"{path.name}：{guessed}")
        page = page_blocks(text, start=tables, sheets=sheets, count=count)
        tables += sum(isinstance(b, Grid) for b in page)
        blocks += page
    grids = [b for b in blocks if isinstance(b, Grid)]
    if not grids:
        from perfsite.importing.report_form import web_report

        if said := web_report([b.text for b in blocks if isinstance(b, Para)]):
            raise ImportFailure(said)
        words = sum(len(b.text) for b in blocks if isinstance(b, Para))
        raise ImportFailure(f"网页中没有任何表格（正文约 {words} 字）：表格可能是图片，或由脚本在浏览器中生成。"
                            "请向填报单位索取 Word/Excel 自评表")
    grids[0].notes[:0] = notes
    return blocks, []


EXPORT_HEAD = 128_000
"""Bytes of a page read for its first rows (`page_head`): an export's header and some rows after it
(`bulk.HEADER_SCAN`: Excel's 「网页」 export spends about 70 bytes a cell, its style sheet 20 KB)."""


def page_head(path: Path) -> list[Grid]:
    """The tables of the page's first `EXPORT_HEAD` bytes, cut before a tag (never inside a
    character): what `bulk` finds an export's header in when the page is beyond a form's caps.
    None from a .mht (its parts are encoded) or a file that cannot be read."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(EXPORT_HEAD)
    except OSError:
        return []
    if _mime(path):
        return []
    cut = raw.rfind(b"<") if len(raw) == EXPORT_HEAD else len(raw)
    try:
        text, _ = decode_page(raw[:cut])
        head = Caps(EXPORT_HEAD, EXPORT_HEAD, EXPORT_HEAD, "", "")  # what the bytes read bound already
        return [b for b in page_blocks(text, count=_Count(head, path.name)) if isinstance(b, Grid)]
    except ImportFailure:
        return []


def mime_pages(data: bytes) -> tuple[list[tuple[bytes, str]], dict[str, str]]:
    """The HTML parts of a .mht (their bytes, transfer-decoded, and declared charset), in order: Word's
    has one, Excel's one per sheet beside a frame set and the sheet tabs, which are no content; and
    its style sheets by file name (Excel's 「单个文件网页」 keeps the cells' classes in
    ``stylesheet.css``, a part the page links to)."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    pages, sheets = [], {}
    for part in message.walk():
        kind = part.get_content_type()
        where = str(part.get("Content-Location", "")).lower()
        body = part.get_payload(decode=True)
        if kind == "text/css" and isinstance(body, bytes):
            sheets[_file_name(where)] = body.decode(part.get_content_charset() or "utf-8", "replace")
        if kind != "text/html":
            continue
        if not isinstance(body, bytes) or where.endswith("tabstrip.htm") or b"<frameset" in body[:20_000].lower():
            continue
        pages.append((body, part.get_content_charset() or ""))
    if not pages:
        raise ImportFailure("文件是单个文件网页（.mht），但其中没有网页部分：文件可能已损坏，请重新保存或索取原文件")
    return pages, sheets


def _file_name(address: str) -> str:
    """The file an address names, in lower case (``file:///C:/x/form.files/Stylesheet.css?v=1`` →
    ``stylesheet.css``): how a page's link is matched to a part of its .mht."""
    return re.split(r"[?#]", address.replace("\\", "/"), maxsplit=1)[0].rstrip("/").rsplit("/", 1)[-1].lower()


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)""", re.I)
_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "iso-8859-1": "cp1252", "ascii": "cp1252",
          "us-ascii": "cp1252"}
"""Declared charsets browsers read as a wider one (the WHATWG Encoding Standard): a 「GB2312」 page
written by a GBK editor holds characters GB2312 lacks (「镕」「喆」)."""


def _utf8(raw: bytes) -> bool:
    """Whether the bytes are UTF-8 with characters beyond ASCII: GBK decodes most UTF-8 bytes too (as
    mojibake, 「绩效」 → 「缁╂晥」), but Chinese GBK text is almost never valid UTF-8."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not raw.isascii()


def decode_page(raw: bytes, declared: str = "") -> tuple[str, str]:
    """(text, what to tell when the charset was guessed): by the byte order mark, else the charset
    the .mht part or the page declares (<meta charset>, http-equiv, an XML declaration), else
    UTF-8 and then GB18030 (`indicator_csv.decode`). A declared charset the bytes are not in (a page
    re-saved as UTF-8 keeping its 「gb2312」 meta) is guessed as an undeclared one, and said."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return raw.decode(codec, "replace"), ""
    found = _META.search(raw[:4096])
    name = (declared or (found and (found[1] or found[2]).decode("ascii")) or "").lower()
    if name:
        try:
            codec = codecs.lookup(_WIDER.get(name, name)).name
        except LookupError:
            codec = ""
        if codec and not codec.startswith("utf-16") and not (codec != "utf-8" and _utf8(raw)):
            try:
                return raw.decode(codec), ""
            except UnicodeDecodeError:
                pass
    try:
        text, used = decode(raw)  # UTF-8, else GB18030
    except ValueError as exc:
        raise ImportFailure(f"网页{exc}") from exc
    said = f"声明的字符编码「{name}」与内容不符" if name else "没有声明字符编码"
    return text, "" if used == "UTF-8" and not name else f"网页{said}，已按 {used} 读取：请核对导入的文字有无乱码"


# --------------------------------------------------------------------------- the tree

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr", "basefont", "frame", "keygen"})
UNSHOWN = frozenset({"script", "style", "template", "noscript", "head", "title", "iframe", "object", "svg", "math",
                     "xml", "option", "button"})
"""Elements whose text the page does not show (an <option> shows only when selected, `_lines`), and
its buttons: controls, not content."""
BLOCK = frozenset({"address", "article", "aside", "blockquote", "caption", "center", "dd", "div", "dl", "dt",
                   "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
                   "header", "hr", "legend", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody",
                   "td", "tfoot", "th", "thead", "tr", "ul", "select", "textarea"})
_NAVIGATION = re.compile(r"[\s\u00a0>»›/|｜·\-—:：【】\[\]()（）]+")
"""What stands between a breadcrumb's or a menu's links (「首页 > 政务公开 > 预算绩效」)."""
_OWN = 10
"""A paragraph of links with fewer characters than this of its own (besides `_NAVIGATION`) is the
site's navigation, not the page's text: a breadcrumb names the page it ends at without a link, and
「首页>政务公开>预算绩效」 was taken for the programme's name."""
_SECTIONS = ("tbody", "thead", "tfoot")
_CLOSED_BY = {"td": ("td", "th"), "th": ("td", "th"), "tr": ("tr", "td", "th"), "tbody": (*_SECTIONS, "tr", "td", "th"),
              "thead": (*_SECTIONS, "tr", "td", "th"), "tfoot": (*_SECTIONS, "tr", "td", "th"),
              "p": ("p",), "li": ("li",), "option": ("option",), "dt": ("dt", "dd"), "dd": ("dt", "dd")}
"""A start tag closes these open elements first (HTML's optional end tags), up to the enclosing table."""
_SPACE = re.compile(r"[ \t\n\r\f]+")


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    children: list[_Node | str] = field(default_factory=list)


class _Tree(HTMLParser):
    """The page as a tree of elements and text, with the text of its <style> rules; no element is
    dropped here (what is hidden is judged once every rule is known)."""

    def __init__(self, count: _Count | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {})
        self.stack = [self.root]
        self.css: list[str] = []
        self.count = count or _Count(FORM, "")
        self.cells: list[int] = []
        """Where in `stack` the open cells stand, innermost last."""
        self.counted: _Node | None = None
        """The cell whose text was counted last."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.count.element(self.getpos()[0])
        for closed in _CLOSED_BY.get(tag, ()):
            self._close(closed, implied=True)
        node = _Node(tag, {k.lower(): v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID and len(self.stack) < MAX_DEPTH:
            if tag in ("td", "th"):
                self.cells.append(len(self.stack))
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # </br> is a line break in every browser
            self.handle_starttag("br", [])
        else:
            self._close(tag)

    def _close(self, tag: str, implied: bool = False) -> None:
        """Close the innermost open `tag` and what is open inside it; never past a table (a cell's
        stray </div> closes nothing outside the cell), and an implied close never past a cell."""
        walls = ("table",) if tag in ("table", "tr", "td", "th", *_SECTIONS) else ("table", "td", "th")
        for depth in range(len(self.stack) - 1, 0, -1):
            found = self.stack[depth].tag
            if found == tag:
                del self.stack[depth:]
                while self.cells and self.cells[-1] >= depth:
                    self.cells.pop()
                return
            if found in walls or (implied and found in ("td", "th") and tag not in ("td", "th", "tr", *_SECTIONS)):
                return

    def handle_data(self, data: str) -> None:
        if self.stack[-1].tag == "style":
            self.css.append(data)
        elif self.stack[-1].tag not in UNSHOWN and data.strip():
            cell = self.stack[self.cells[-1]] if self.cells else None
            self.count.text(len(data), cell is not None and cell is not self.counted, self.getpos()[0])
            self.counted = cell or self.counted
        self.stack[-1].children.append(data)


class _Count:
    """A page's (or a .mht's pages') `Caps` spent as it is tokenized; `Oversized` beyond them,
    naming the file and the line reached."""

    def __init__(self, caps: Caps, name: str) -> None:
        self.caps = caps
        self.name = name
        self.cells = self.chars = self.elements = 0

    def element(self, line: int) -> None:
        self.elements += 1
        if self.elements > self.caps.elements:
            self._refuse(f"超过 {self.caps.elements} 个元素（标签）", line)

    def text(self, chars: int, cell: bool, line: int) -> None:
        self.chars += chars
        self.cells += cell
        if self.cells > self.caps.cells:
            self._refuse(f"超过 {self.caps.cells} 个有内容的单元格", line)
        if self.chars > self.caps.chars:
            self._refuse(f"超过 {self.caps.chars} 字", line)

    def _refuse(self, what: str, line: int) -> NoReturn:
        named = f"「{self.name}」" if self.name else "网页"
        raise Oversized(f"{named}读到第 {line} 行时已有{what}，超过{self.caps.what}的上限，不像{self.caps.what}，"
                        f"拒绝读取：{self.caps.advice}")


_BRACE = re.compile(r"[{}]")
_PRINT_ONLY = re.compile(r"@media\b(?=.*\bprint\b)(?!.*\b(?:screen|all)\b)", re.I | re.S)
"""A media query for printing only: its rules are not the screen's."""


def _uncommented(css: str) -> str:
    """A style sheet without its comments (one left open runs to the end, as a browser reads it), in
    one pass: a search for each comment's end from each of many unclosed ``/*`` took quadratic time."""
    parts, at = [], 0
    while (start := css.find("/*", at)) >= 0:
        parts.append(css[at:start])
        end = css.find("*/", start + 2)
        if end < 0:
            return "".join(parts)
        at = end + 2
    return "".join([*parts, css[at:]])


def _rules(css: str) -> list[tuple[str, str]]:
    """(selectors, declarations) of a style sheet's rules, in their order, but those inside a media
    query for printing only (`_PRINT_ONLY`); a rule is a block holding no block, at any depth (in
    @media, @supports …), its selectors what follows the last statement (``@import …;``) before it.
    One pass over the braces: regular expressions for blocks and media queries took a minute for
    300 KB of a style sheet without braces (each position tried up to the end)."""
    found: list[tuple[str, str]] = []
    open_blocks: list[_Block] = []  # outermost first
    at = 0
    for brace in _BRACE.finditer(css):
        text = css[at:brace.start()]
        at = brace.end()
        if brace[0] == "{":
            printed = bool(open_blocks and open_blocks[-1].printed) or _PRINT_ONLY.match(text.strip()) is not None
            if open_blocks:
                open_blocks[-1].holds = True
            open_blocks.append(_Block(text, printed))
            continue
        if not open_blocks:
            continue  # a stray }
        block = open_blocks.pop()
        selectors = block.prelude.rsplit(";", 1)[-1]
        if not block.holds and not block.printed and selectors.strip():
            found.append((selectors, text))
    return found


@dataclass
class _Block:
    """A block of a style sheet open while it is read (`_rules`)."""

    prelude: str
    printed: bool
    """Whether it or a block around it is a media query for printing only."""
    holds: bool = False
    """Whether a block stands inside it (then it is no rule)."""
_UNSEEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SIMPLE = re.compile(r"^([a-z][a-z0-9]*)?(?:([.#])([\w-]+))?$", re.I)
_DECLARATION = re.compile(r"(?:^|;)\s*(color|background-color|background|font-size)\s*:\s*([^;]*)", re.I)
_NAMED = {"white": "FFFFFF", "black": "000000", "windowtext": "000000", "window": "FFFFFF", "red": "FF0000",
          "silver": "C0C0C0", "gray": "808080", "grey": "808080", "yellow": "FFFF00", "blue": "0000FF"}
"""Colour names as a browser reads them (the commonest on forms, and Word's ``windowtext``); a name
not here is a colour this reader does not know, never taken for the ground's."""
_PAGE, _INK = "FFFFFF", "000000"
"""A page's ground (no ``background`` anywhere) and its text's colour (no ``color``): a browser's defaults."""
_SMALLEST_PX = 2 / 0.75
"""`xlsx_reader.SMALLEST_SHOWN` (2 pt) in CSS pixels (1 px = 0.75 pt): text smaller is no text a reader sees."""


def _rgb(value: str) -> str | None:
    """A CSS or HTML colour as RRGGBB: #fff, #ffffff, rgb(255, 255, 255), a name of `_NAMED`; "" for
    none shown (transparent: what lies under shows), None for one not read here."""
    value = value.strip().lower().removesuffix("!important").strip()
    if value in ("transparent", "none", "inherit", "initial", "unset", "currentcolor"):
        return ""
    if found := re.fullmatch(r"#?([0-9a-f]{3}|[0-9a-f]{6})", value):
        code = found[1] if len(found[1]) == 6 else "".join(ch * 2 for ch in found[1])
        return code.upper()
    if found := re.fullmatch(r"rgba?\(\s*([0-9]+)\s*,\s*([0-9]+)\s*,\s*([0-9]+)\s*(?:,\s*([\d.]+)\s*)?\)", value):
        if found[4] is not None and found[4] != "1":
            return None  # see-through: the colour shown is a blend
        return "".join(f"{min(whole(v, 255) or 0, 255):02X}" for v in found.groups()[:3])
    return _NAMED.get(value)


_SAME_COLOUR = 15
"""Difference of each of red, green and blue (0–255) within which text cannot be told from its ground,
as the PDF reader's (0.06 of full): #F2F2F2 (「白色，深色 5%」) on white is as unreadable as white."""


def _alike(one: str, other: str) -> bool:
    """Two RRGGBB colours no reader tells apart."""
    return all(abs(int(one[i:i + 2], 16) - int(other[i:i + 2], 16)) <= _SAME_COLOUR for i in (0, 2, 4))


_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""", re.I)


def linked_sheets(root: _Node) -> list[str]:
    """The style sheets the page takes rules from but does not hold (``<link rel=stylesheet
    href>``, ``@import`` in a <style>), as written, in order: this reader reads no file but the
    page (no network at import), so what they say of colours and visibility is unknown."""
    found: list[str] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.tag == "link" and "stylesheet" in node.attrs.get("rel", "").lower():
            found.append(node.attrs.get("href", "").strip() or "（未写地址）")
        if node.tag == "style":
            found += [m[1] for child in node.children if isinstance(child, str) for m in _IMPORT.finditer(child)]
        stack.extend(reversed([child for child in node.children if isinstance(child, _Node)]))
    return list(dict.fromkeys(found))


def _points_zero(value: str) -> bool:
    """Whether a CSS font-size is below what a reader can see (0, 1px, 1pt): `_SMALLEST_PX`."""
    found = re.fullmatch(r"\s*(\d*\.?\d+)\s*([a-z%]*)\s*(?:!important)?\s*", value.lower())
    if found is None:
        return False
    size = float(found[1])
    return size == 0 or (found[2] == "px" and size < _SMALLEST_PX) or (found[2] == "pt" and size < _SMALLEST_PX * 0.75)


@dataclass
class _Look:
    """What an element's style says of its text's colour, ground and size (None: says nothing; "?"
    a colour not read here)."""

    colour: str | None = None
    ground: str | None = None
    tiny: bool | None = None

    def over(self, other: _Look) -> None:
        """`other`'s say where it has one (a later, weightier declaration)."""
        self.colour = self.colour if other.colour is None else other.colour
        self.ground = self.ground if other.ground is None else other.ground
        self.tiny = self.tiny if other.tiny is None else other.tiny

    def add(self, declarations: str) -> None:
        self.over(_declared(declarations))

    def _read(self, declarations: str) -> None:
        for name, value in _DECLARATION.findall(declarations):
            name = name.lower()
            if name == "color":
                found = _rgb(value)
                self.colour = "?" if found is None else found or self.colour
            elif name == "font-size":
                self.tiny = _points_zero(value)
            else:
                first = value.strip().split()[0] if value.strip() else ""
                ground = _rgb(first) if name == "background" and not first.startswith(("url", "linear")) else \
                    _rgb(value) if name == "background-color" else None
                self.ground = "?" if ground is None else ground or self.ground


@lru_cache(maxsize=4096)
def _declared(declarations: str) -> _Look:
    """A rule's or ``style`` attribute's `_Look`, read once (Excel's web page repeats a few styles on
    every cell)."""
    look = _Look()
    look._read(declarations)
    return look


@dataclass
class _Hidden:
    """The simple selectors (tag, .class, #id, tag.class, tag#id) of <style> rules that hide what they
    select; a rule inside a media query for printing only is not the screen's."""

    tags: set[str] = field(default_factory=set)
    classes: set[tuple[str, str]] = field(default_factory=set)
    ids: set[tuple[str, str]] = field(default_factory=set)
    styled: dict[tuple[str, str], list[tuple[str, _Look]]] = field(default_factory=dict)
    """The rules that set a colour, a background or a font size, by what they select ("" and a tag,
    "." and a class, "#" and an id): (the tag they are limited to or "", their declarations)."""
    quiet: dict[int, str] = field(default_factory=dict)
    """Why the text of an element (by ``id``) cannot be seen: its colour is its ground's, or its size
    is none (`see`); filled once the tree is built."""
    linked: list[str] = field(default_factory=list)
    """The page's style sheets this reader cannot read (`linked_sheets`)."""
    unsure: bool = False
    """Whether a rule this reader does not match (``.head td``, ``tr:first-child``) sets a colour or
    a background: then no colour is judged (the dark header's white text could be read as white on
    white); a size of none still is."""

    @classmethod
    def of(cls, css: str) -> _Hidden:
        found = cls()
        css = _uncommented(css).replace("<!--", " ").replace("-->", " ")  # Word wraps its rules in <!-- -->
        for selectors, declarations in _rules(css):
            looks = _DECLARATION.search(declarations) is not None
            if not _UNSEEN.search(declarations) and not looks:
                continue
            for selector in selectors.split(","):
                simple = _SIMPLE.match(selector.strip())
                if simple is None or not selector.strip() or selector.strip().startswith("@"):
                    found.unsure = found.unsure or (looks and re.search(r"colou?r|background", declarations, re.I) is not None)
                    continue
                tag, mark, name = (simple[1] or "").lower(), simple[2], simple[3]
                if looks:
                    found.styled.setdefault((mark or "", name or tag), []).append((tag, _declared(declarations)))
                if not _UNSEEN.search(declarations):
                    continue
                if mark == ".":
                    found.classes.add((tag, name))
                elif mark == "#":
                    found.ids.add((tag, name))
                else:
                    found.tags.add(tag)
        return found

    def see(self, root: _Node) -> None:
        """Fill `quiet`: each element's colour and size are its own or inherited, its ground the
        nearest background under it (its own, its cell's, its table's, the page's); presentational
        attributes (``<font color>``, ``bgcolor``, ``<body text>``) yield to style rules, which yield
        to ``style``, a rule's weight by its selector (tag, then class, then id) as a browser orders
        them. Only a colour the page sets is judged: text of none set is taken as shown (as Word's
        「自动」 is), since a style sheet this reader cannot read (``<link>``) may set it; and none
        where a rule it cannot match sets colours (`unsure`)."""
        if self.unsure or self.linked:
            self.styled = {key: [(tag, _Look(tiny=look.tiny)) for tag, look in rules] for key, rules in self.styled.items()}
            judge = False
        else:
            judge = True
        stack: list[tuple[_Node, str | None, str | None, bool]] = [(root, None, _PAGE, False)]
        while stack:
            node, colour, ground, tiny = stack.pop()
            for child in node.children:
                if isinstance(child, str):
                    continue
                look = _Look()
                said = child.attrs.get("color" if child.tag == "font" else "text" if child.tag == "body" else "")
                if said is not None and judge:
                    look.colour = _rgb(said)
                    look.colour = "?" if look.colour is None else look.colour or None
                if "bgcolor" in child.attrs:
                    look.add(f"background-color:{child.attrs['bgcolor']}")
                selected = [("", child.tag), *((".", name) for name in child.attrs.get("class", "").split()),
                            ("#", child.attrs.get("id", ""))]
                for key in selected if self.styled else ():
                    for tag, declared in self.styled.get(key, ()):
                        if tag in ("", child.tag):
                            look.over(declared)
                if "style" in child.attrs:
                    look.add(child.attrs["style"])
                if not judge:
                    look.colour = look.ground = None
                mine = (colour if look.colour is None else None if look.colour == "?" else look.colour,
                        ground if look.ground is None else None if look.ground == "?" else look.ground,
                        tiny if look.tiny is None else look.tiny)
                if mine[2]:
                    self.quiet[id(child)] = "字号为 0"
                elif mine[0] is not None and mine[1] is not None and _alike(mine[0], mine[1]):
                    self.quiet[id(child)] = "文字是白色的，底色也是白色" if _alike(mine[0], _PAGE) else "文字的颜色与底色相同"
                stack.append((child, *mine))

    def hides(self, node: _Node) -> bool:
        attrs = node.attrs
        if node.tag in UNSHOWN or "hidden" in attrs or _UNSEEN.search(attrs.get("style", "")):
            return True
        if node.tag == "input" and attrs.get("type", "").lower() in ("hidden", "button", "submit", "reset", "image"):
            return True
        if node.tag == "a" and attrs.get("href", "").strip().lower().startswith("javascript:"):
            return True  # the page's controls (「打印本页」「关闭窗口」), not its content
        if node.tag in self.tags:
            return True
        ident = attrs.get("id", "")
        if ident and ((node.tag, ident) in self.ids or ("", ident) in self.ids):
            return True
        return any((node.tag, name) in self.classes or ("", name) in self.classes for name in attrs.get("class", "").split())


# --------------------------------------------------------------------------- blocks


def page_blocks(text: str, start: int = 0, sheets: dict[str, str] | None = None, count: _Count | None = None) -> list[Block]:
    """The paragraphs and tables of one page, tables labelled 「表N」 from `start` + 1; `sheets`, the
    style sheets the file holds beside the page (a .mht's, `mime_pages`), by file name; `count`,
    the file's caps spent so far (a form's, `FORM`, when not given)."""
    if len(text) > MAX_CHARS:
        raise ImportFailure(f"网页过大（{len(text)} 个字符，上限 {MAX_CHARS}），不像一份自评表，拒绝读取")
    tree = _Tree(count)
    with collector_paused():  # a tree of no cycles: the collector walked it again and again (a quarter of the time)
        tree.feed(text)
        tree.close()
    linked: list[str] = []
    held: list[str] = []
    for sheet in linked_sheets(tree.root):
        if (found := (sheets or {}).get(_file_name(sheet))) is None:
            linked.append(sheet)
        else:
            held.append(_imported(found, sheets or {}, linked, {_file_name(sheet)}))
    hidden = _Hidden.of("\n".join([*held, *tree.css]))  # a linked sheet's rules come before the page's own
    hidden.linked = linked
    hidden.see(tree.root)
    reader = _Blocks(hidden, start)
    blocks = reader.read(tree.root)
    grid = next((b for b in blocks if isinstance(b, Grid)), None)
    if reader.unseen and grid is not None:
        grid.notes.insert(0, _unseen_note("网页正文中", reader.unseen))
    return blocks


def _imported(css: str, sheets: dict[str, str], linked: list[str], seen: set[str]) -> str:
    """A style sheet the file holds with the sheets its ``@import`` rules name put before its own
    rules, as a browser reads them: each from the file where it holds it (`sheets`, by file name),
    in turn with its own imports; one it does not hold is added to `linked` (out of reach, named as
    a ``<link>`` is). A sheet imported again (`seen`: a loop) is read once. Read as the held sheet's
    text alone, a .mht's stylesheet.css whose first line imports a part that whitens a class left
    the white 「30」 read as the cell's own text."""
    parts = []
    for match in _IMPORT.finditer(_uncommented(css)):
        name = _file_name(match[1])
        if name in seen:
            continue
        seen.add(name)
        if (found := sheets.get(name)) is None:
            linked.append(match[1])
        else:
            parts.append(_imported(found, sheets, linked, seen))
    return "\n".join([*parts, css])


def _unseen_note(where: str, gone: list[tuple[str, str]]) -> str:
    """The note naming text left out as no reader sees it (as the Excel and PDF readers name theirs)."""
    listed = [f"「{flat(text)[:20]}」（{why}）" for text, why in gone]
    more = f"等 {len(listed)} 处" if len(listed) > 5 else ""
    return (f"{where}有网页上看不见的文字：{''.join(listed[:5])}{more}，按网页上看到的导入，这些文字没有读取；"
            "如果它是表上应有的内容，请在原网页或原表中改为看得见的颜色、字号后再导入")


class _Blocks:
    """The page's text as paragraphs (a block element or <br> ends one) and its tables as grids.
    Headings are paragraphs like any other, as a Word form's centred title lines are: an <h1> read
    as a heading level was no title to the 自评 readers (「找不到项目名称」)."""

    def __init__(self, hidden: _Hidden, start: int) -> None:
        self.hidden = hidden
        self.blocks: list[Block] = []
        self.line: list[str] = []
        self.unlinked: list[str] = []
        """The paragraph's text outside links: a paragraph of links alone is the site's navigation."""
        self.links = 0
        self.tables = start
        self.unseen: list[tuple[str, str]] = []
        """Text outside the tables no reader can see (`_Hidden.quiet`), with why."""
        self.said = ""
        """The last paragraph's text: what stands above the next table (looked up in `blocks`, a
        page of 150,000 small tables took minutes)."""

    def read(self, root: _Node) -> list[Block]:
        self._flow(root)
        self._flush()
        return self.blocks

    def _flush(self) -> None:
        text = clean(_SPACE.sub(" ", "".join(self.line)))  # &nbsp; as a space, as the Word reader reads it
        own = _NAVIGATION.sub("", "".join(self.unlinked))
        if text and not ((self.links and not own) or (self.links > 1 and len(own) < _OWN)):
            self.blocks.append(Para(text))
            self.said = text
        self.line, self.unlinked, self.links = [], [], 0

    def _flow(self, node: _Node, linked: bool = False) -> None:
        why = self.hidden.quiet.get(id(node), "")
        for child in node.children:
            if isinstance(child, str) and why:
                if child.strip(" \t\n\r\f\xa0"):
                    self.unseen.append((child, why))
            elif isinstance(child, str):
                self.line.append(child)
                if not linked:
                    self.unlinked.append(child)
            elif self.hidden.hides(child):
                continue
            elif child.tag == "table" and not self._lays_out(child):
                self._flush()
                for above in _above_table(child):  # its caption, and text a browser moves out of a table
                    self._flow(_Node("p", {}, [above]), linked)  # an element in it is judged hidden or shown as any
                    self._flush()
                self.tables += 1
                grid = table_grid(child, self.hidden, f"表{self.tables}")
                grid.before = self.said
                self.blocks.append(grid)
            elif child.tag in ("br", "hr") or child.tag in BLOCK:
                self._flush()
                self._flow(child, linked)
                self._flush()
            else:
                self.line.append(_inline(child))
                link = child.tag == "a" and "href" in child.attrs
                if not linked:
                    self.unlinked.append(_inline(child))
                self.links += link
                self._flow(child, linked or link)

    def _lays_out(self, table: _Node) -> bool:
        """Whether a table holds another (shown) table: a page's layout, not a form."""
        return any(self._holds_table(child) for child in table.children if isinstance(child, _Node))

    def _holds_table(self, node: _Node) -> bool:
        if self.hidden.hides(node):
            return False
        return node.tag == "table" or any(self._holds_table(c) for c in node.children if isinstance(c, _Node))


def _above_table(table: _Node) -> list[_Node | str]:
    """What a browser shows above a table from inside it: its <caption> (a form's title is often
    one), and text or elements standing between its rows and cells, which the HTML parsing rules
    move out before the table ("foster parenting")."""
    found: list[_Node | str] = []

    def walk(parent: _Node) -> None:
        for child in parent.children:
            if isinstance(child, str):
                if child.strip(" \t\n\r\f"):
                    found.append(child)
            elif child.tag in ("tr", *_SECTIONS):
                walk(child)
            elif child.tag not in ("td", "th", "col", "colgroup"):
                found.append(child)

    walk(table)
    return found


_VALUE_SHOWN = frozenset({"text", "", "number", "tel", "email", "search", "url", "date", "month"})
"""Inputs a browser shows their value in (a system's form page saved from the browser holds its
figures so: ``<input type="number" value="95" readonly>``); a date's value is its ISO date."""


def _inline(node: _Node) -> str:
    """The text an empty inline element shows: an input's value, a tick box's ☑ or ☐ (as the Word
    reader reads a form's check box)."""
    if node.tag != "input":
        return ""
    kind = node.attrs.get("type", "text").strip().lower()
    if kind in _VALUE_SHOWN:
        return node.attrs.get("value", "")
    if kind in ("checkbox", "radio"):
        return "☑" if "checked" in node.attrs else "☐"
    return ""


def _lines(node: _Node, hidden: _Hidden, gone: list[tuple[str, str]] | None = None) -> list[str]:
    """A cell's text, one item a line: a <br> or a block element (Word's <p class=MsoNormal>) breaks it;
    text no reader can see (`_Hidden.quiet`) is left out, added to `gone` with why."""
    lines: list[str] = [""]

    def walk(parent: _Node) -> None:
        why = hidden.quiet.get(id(parent), "")
        for child in parent.children:
            if isinstance(child, str) and why:
                if gone is not None and child.strip(" \t\n\r\f\xa0"):
                    gone.append((child, why))
            elif isinstance(child, str):
                lines[-1] += child
            elif hidden.hides(child):
                if child.tag == "option" and "selected" in child.attrs:
                    lines[-1] += _text_of(child)
            elif child.tag in ("br", "hr"):
                lines.append("")
            elif place := _raised_place(child):
                start, at = len(lines) - 1, len(lines[-1])
                walk(child)
                for n in range(start, len(lines)):
                    offset = at if n == start else 0
                    lines[n] = lines[n][:offset] + raised(lines[n][offset:], place)
            elif child.tag in BLOCK:
                lines.append("")
                if child.tag == "select" and not any(isinstance(o, _Node) and "selected" in o.attrs for o in child.children):
                    lines[-1] += next((_text_of(o) for o in child.children if isinstance(o, _Node) and o.tag == "option"), "")
                walk(child)
                lines.append("")
            else:
                lines[-1] += _inline(child)
                walk(child)

    walk(node)
    out = [clean(_SPACE.sub(" ", line)) for line in lines]  # &nbsp; as a space, as the Word reader reads it
    return [line for line in out if line]


_VERTICAL = re.compile(r"vertical-align\s*:\s*(super|sub)\b", re.I)


def _raised_place(node: _Node) -> str:
    """「superscript」 or 「subscript」 for text the page prints raised or lowered (<sup>, <sub>, or a
    style's vertical-align, as Word's web page writes a footnote mark): read as the characters that
    print so (`grid.raised`), as Word's and Excel's 上标 are, so a mark 「1」 after 「19.6」 is no
    figure 19.61 and 「m<sup>2</sup>」 reads 「m²」; else ""."""
    if node.tag in ("sup", "sub"):
        return "superscript" if node.tag == "sup" else "subscript"
    if node.tag in BLOCK:  # vertical-align raises inline text only (CSS 2.2 §10.8.1)
        return ""
    found = _VERTICAL.search(node.attrs.get("style", ""))
    return "" if found is None else "superscript" if found[1].lower() == "super" else "subscript"


def _text_of(node: _Node) -> str:
    return "".join(c if isinstance(c, str) else _text_of(c) for c in node.children)


def _rows(table: _Node, hidden: _Hidden) -> list[tuple[bool, list[_Node]]]:
    """The table's own rows (through <thead>/<tbody>/<tfoot>, never a nested table's), each with
    whether it is hidden and its cells."""
    rows: list[tuple[bool, list[_Node]]] = []

    def walk(parent: _Node, hide: bool) -> None:
        for child in parent.children:
            if not isinstance(child, _Node):
                continue
            if child.tag == "tr":
                rows.append((hide or hidden.hides(child),
                             [c for c in child.children if isinstance(c, _Node) and c.tag in ("td", "th")]))
            elif child.tag in _SECTIONS or child.tag not in ("table", "caption", "colgroup", "col"):
                walk(child, hide or hidden.hides(child))

    walk(table, False)
    return rows


def _span(value: str, most: int) -> int:
    found = re.match(r"\s*([0-9]+)", value)
    number = whole(found[1], most) or 0 if found else 1
    return most if number == 0 else max(1, min(number, most))


def _hidden_columns(table: _Node, hidden: _Hidden, width: int) -> set[int]:
    """The columns of the table's `width` a <col> (or its <colgroup>) hides: Excel's web page marks a
    hidden column so. Those beyond its cells are none of its columns: 20,000 hidden ``<col
    span=1000>`` (440 KB) were 20 million columns held, 1.2 GB."""
    found: set[int] = set()
    at = 0
    for child in table.children:
        if not isinstance(child, _Node) or child.tag not in ("col", "colgroup"):
            continue
        cols = [c for c in child.children if isinstance(c, _Node) and c.tag == "col"] or [child]
        for col in cols:
            if at >= width:
                return found
            span = _span(col.attrs.get("span", "1"), MAX_SPAN)
            if hidden.hides(col) or hidden.hides(child):
                found.update(range(at, min(at + span, width)))
            at += span
    return found


def _classes(td: _Node) -> list[str]:
    """The style classes of a cell and of the elements in it, in order: what a style sheet's rules
    select (``.x{display:none}``, ``td.x{color:#fff}``)."""
    found: list[str] = []
    stack = [td]
    while stack:
        node = stack.pop()
        found += node.attrs.get("class", "").split()
        stack.extend(reversed([child for child in node.children if isinstance(child, _Node)]))
    return list(dict.fromkeys(found))


def _classed_note(label: str, sheets: list[str], classed: list[tuple[int, int, str, list[str]]]) -> str:
    """The note on a table whose cells carry style classes while the page's style sheets are out of
    reach (`linked_sheets`): their rules may hide a cell's text or colour it as its ground (a white
    「30」 beside the 「26」 shown), which the page as read here cannot tell."""
    named = "、".join(f"「{sheet[:60]}」" for sheet in sheets[:3]) + (f"等 {len(sheets)} 个" if len(sheets) > 3 else "")
    places = "、".join(f"第{r + 1}行第{c + 1}列「{flat(text)[:20]}」（class「{' '.join(names)[:30]}」）"
                       for r, c, text, names in classed[:3])
    more = f"等 {len(classed)} 格" if len(classed) > 3 else ""
    return (f"网页引用了外部样式表{named}（导入时不联网，读不到其中的规则），网页{label}中{places}{more}带有样式类（class），"
            "样式表可能把这些格子的文字隐藏或设为与底色相同的颜色（网页上看不见），导入的是网页文件中的全部文字："
            "请在浏览器中打开原网页，核对这些格子显示的内容")


def table_grid(table: _Node, hidden: _Hidden, label: str) -> Grid:
    """The table as the browser lays it out: a cell spanning rows and columns covers them (the
    covered cells show its text, continuing it from the left or above). A hidden row takes no place
    (CSS 2.2 §17.2: no box); a hidden cell's place is kept, and a column of hidden cells (Excel's
    web page writes each cell of a hidden column so) or one its <col> hides is left out, so the
    columns beside it keep their places. A reference counts the shown rows and columns; the text
    left out is named in a note, as the Excel reader names a hidden row's."""
    rows = _rows(table, hidden)
    placed: dict[tuple[int, int], tuple[str, str]] = {}
    unseen: set[tuple[int, int]] = set()
    left_out: list[str] = []
    quiet: list[tuple[str, str]] = []
    classed: list[tuple[int, int, str, list[str]]] = []
    width = budget = 0
    for r, (row_hidden, cells) in enumerate(rows):
        if row_hidden:
            left_out += ["\n".join(_lines(td, _Hidden())) for td in cells]
            continue
        c = 0
        for td in cells:
            while (r, c) in placed:
                c += 1
            down = _span(td.attrs.get("rowspan", "1"), len(rows) - r)
            across = _span(td.attrs.get("colspan", "1"), MAX_SPAN)
            budget += down * across  # spans may overlap: their sum bounds the work, not the grid
            if (width := max(width, c + across)) * len(rows) > MAX_CELLS or budget > 2 * MAX_CELLS:
                raise ImportFailure(f"网页{label}展开合并后超过 {MAX_CELLS} 格，不像一份自评表，拒绝读取")
            gone = hidden.hides(td)
            text = "\n".join(_lines(td, _Hidden() if gone else hidden, quiet))
            if hidden.linked and not gone and (named := _classes(td)):
                classed.append((r, c, text, named))
            if gone:
                left_out.append(text)
                text = ""
            for dr in range(down):
                for dc in range(across):
                    if (r + dr, c + dc) not in placed:
                        placed[(r + dr, c + dc)] = (text, OWN if dr == dc == 0 else ABOVE if dr else LEFT)
                        if gone:
                            unseen.add((r + dr, c + dc))
            c += across
    shown = [r for r, (row_hidden, _) in enumerate(rows) if not row_hidden]
    off = _hidden_columns(table, hidden, width)
    columns = [c for c in range(width) if c not in off and not all((r, c) in unseen for r in shown)]
    grid = Grid(label, document=True)
    for at, r in enumerate(shown):
        grid.rows.append([Cell(*placed.get((r, c), ("", OWN)), f"第{at + 1}行第{k + 1}列") for k, c in enumerate(columns)])
    left_out += ["\n".join(placed[(r, c)][0] for r in shown if (r, c) in placed and placed[(r, c)][1] == OWN)
                 for c in off if c < width]
    if quiet:
        grid.notes.append(_unseen_note(f"网页{label}中", quiet))
    if classed := [(shown.index(r), columns.index(c), text, named) for r, c, text, named in classed
                   if r in shown and c in columns]:
        grid.notes.append(_classed_note(label, hidden.linked, classed))
    if listed := [flat(text)[:20] for text in left_out if text.strip()]:
        more = f"等 {len(listed)} 处" if len(listed) > 5 else ""
        grid.notes.append(f"网页{label}中有隐藏的行、列或格子（网页上不显示）：「{'」「'.join(listed[:5])}」{more}，没有导入；"
                          "如果它应当显示，请在原网页或原表中取消隐藏后再导入")
    return grid
