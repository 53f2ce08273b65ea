"""Excel 2003 XML workbooks (SpreadsheetML 2003, ``<?mso-application progid="Excel.Sheet"?>``) read into
the sheet grids `xlsx_reader.read_xlsx` gives.

Finance systems export 「Excel」 in this format, often named .xls: one XML file of
ss:Worksheet/ss:Table/ss:Row/ss:Cell, where a cell's ss:Index skips the empty ones before it,
ss:MergeAcross/ss:MergeDown merge it with the cells right of and below it, and ss:Hidden hides a row
or column. The sheets are laid out as the Excel reader lays out an .xlsx's (`xlsx_reader._grid`:
hidden rows and columns left out and named in a note, merges continued), so every form reader
reads them alike. A number is read as its style's number format shows it where the format is one
Excel names (「Percent」「Fixed」) or a code (`xlsx_reader.number_text`).

Like the parts of an .xlsx (`sniff.check_zip`), a workbook that declares a document type or
entities is refused: Excel never writes one, and an entity read as nothing would drop a cell.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl.utils.cell import get_column_letter

from perfsite.importing.grid import Grid, clean
from perfsite.importing.html_reader import renamed_note
from perfsite.importing.sheet_formulas import as_excel_shows
from perfsite.importing.sniff import MAX_SHEETS, ImportFailure, Refused, _declares, cannot_read, regular_size, whole
from perfsite.importing.xlsx_reader import (
    _ERROR,
    SMALLEST_COLUMN,
    SMALLEST_ROW,
    Unshowable,
    _below,
    _error_note,
    _grid,
    _judge,
    _Sheet,
    _Values,
    check_double,
    number_text,
    unshowable,
)

SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
X = "{urn:schemas-microsoft-com:office:excel}"
MAX_BYTES = 12_000_000
"""Bytes of a workbook: the parsed tree takes about 23 bytes a byte (a 5000-row, 16-column 汇总表 of
5.5 MB, the Excel reader's row cap, was read in 0.8 CPU s with 125 MB; measured on this machine), so
twice that is allowed, about 300 MB at most."""
EXCEL_EPOCH = dt.datetime(1899, 12, 30)
"""Day 0 of Excel's serial dates (1900 system, past its phantom 1900-02-29)."""
MAX_ROWS, MAX_COLUMNS = 65_536, 256
"""Excel 2003's own sheet size: an ss:Index beyond it is no sheet Excel wrote."""
SMALLEST_COLUMN_POINTS = (SMALLEST_COLUMN * 7 + 5) * 0.75
"""`SMALLEST_COLUMN` (characters) as the points ss:Width writes: a character 7 pixels of the default
font, 5 pixels of margin, 0.75 point a pixel (9 pt). A row's ss:Height is in points as an .xlsx's is."""
NAMED_FORMATS = {"general": "General", "general number": "General", "fixed": "0.00", "standard": "#,##0.00",
                 "percent": "0.00%", "scientific": "0.00E+00", "0": "0", "0.00": "0.00",
                 "currency": "#,##0.00", "euro currency": "#,##0.00",
                 "yes/no": '"Yes";"Yes";"No"', "true/false": '"True";"True";"False"', "on/off": '"On";"On";"Off"'}
"""Excel's names for the number formats it writes by name (the XML Spreadsheet reference's list; the
dates and times are `NAMED_MOMENTS`); any other is a format code. Read as a code, a name is a
literal: a figure styled 「Currency」 read as the word. The currency formats print the locale's
symbol (¥ on a Chinese Excel, $ in LibreOffice's reading): the figure as they print it."""
NAMED_MOMENTS = {"short date": 10, "medium date": 10, "long date": 10, "general date": 10,
                 "long time": 8, "medium time": 5, "short time": 5}
"""Excel's named date and time formats, read from a number (Excel's serial day) as a DateTime cell
is: the ISO date (its first 10 characters), or the time (hh:mm:ss cut to what the name shows)."""


def read_ss2003(path: Path) -> list[Grid]:
    """The workbook's shown sheets, each a grid labelled 「工作表「名称」」; ImportFailure naming why not."""
    size = regular_size(path)
    if size > MAX_BYTES:
        raise ImportFailure(f"Excel 2003 XML 文件过大（{size} 字节，上限 {MAX_BYTES} 字节），远超一份自评表，拒绝读取："
                            "请在 Excel 中打开、删去无关的工作表后「另存为」.xlsx 再导入")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise cannot_read(exc) from exc
    if _declares(io.BytesIO(data)):
        raise ImportFailure("文件含有 DOCTYPE/ENTITY 声明（Excel 不会这样保存，可能是恶意构造的文件），拒绝读取："
                            "请向填报单位索取原文件，或在 Excel 中打开后「另存为」.xlsx")
    try:
        root = ET.fromstring(_utf8(data))
    except (ET.ParseError, ValueError, LookupError) as exc:
        raise ImportFailure(f"Excel 2003 XML 文件已损坏，无法读取（{exc}）：请在 Excel 中打开并「另存为」.xlsx 后再导入") from exc
    formats = _formats(root)
    shown, hidden = [], []
    if len(sheets := list(root.iter(f"{SS}Worksheet"))) > MAX_SHEETS:
        raise Refused(f"「{path.name}」中有 {len(sheets)} 张工作表（上限 {MAX_SHEETS}，一个部门的工作簿也不过几百张），"
                      "不像一份自评表，拒绝读取：请删去无关的工作表后另存，或把各项目的表拆成单独的文件后再导入")
    for sheet in sheets:
        grid = _sheet(sheet, formats)
        options = sheet.find(f"{X}WorksheetOptions")
        visible = options.findtext(f"{X}Visible", "") if options is not None else ""
        (hidden if visible in ("SheetHidden", "SheetVeryHidden") else shown).append(grid)
    if not shown and not hidden:
        raise ImportFailure("文件是 Excel 2003 XML 表格，但其中没有工作表：请在 Excel 中打开核对后「另存为」.xlsx 再导入")
    if not any(cell.text for grid in shown for row in grid.rows for cell in row):
        shown = hidden  # only hidden sheets hold anything: read them, as the Excel reader does, and say so
        for grid in shown:
            grid.notes.append(f"{grid.label}是隐藏的工作表（其他工作表都是空的），已按它导入")
    if shown:
        shown[0].notes[:0] = renamed_note(path, " Excel 2003 XML 表格", " Excel 2003 XML ")
    return shown


def _formats(root: ET.Element) -> dict[str, str]:
    """Each style's number format, one without its own taken from the style it names as ss:Parent
    (as Excel and LibreOffice show it: a bold copy of a 「#,##0.00」 style prints 77 as 77.00)."""
    own: dict[str, str | None] = {}
    parents: dict[str, str | None] = {}
    for style in root.iter(f"{SS}Style"):
        name = style.get(f"{SS}ID", "")
        found = style.find(f"{SS}NumberFormat")
        own[name] = None if found is None else found.get(f"{SS}Format", "")
        parents[name] = style.get(f"{SS}Parent")

    def inherited(name: str | None) -> str:
        seen: set[str] = set()
        while name is not None and name not in seen:  # a loop of parents (no file Excel wrote) ends
            seen.add(name)
            if (written := own.get(name)) is not None:
                return written
            name = parents.get(name)
        return ""

    return {name: inherited(name) for name in own}


_DECLARED = re.compile(rb"^(\s*<\?xml[^>]*?encoding\s*=\s*[\"'])([\w.:-]+)([\"'])")


def _utf8(data: bytes) -> bytes:
    """The workbook in UTF-8: expat reads no multi-byte encoding but UTF-8 and UTF-16, and a GBK
    system's export declares 「GB2312」."""
    found = _DECLARED.match(data)
    if found is None or found[2].lower() in (b"utf-8", b"utf8", b"utf-16"):
        return data
    name = found[2].decode("ascii").lower()
    text = data.decode("gb18030" if name in ("gb2312", "gbk") else name)
    return _DECLARED.sub(rb"\1UTF-8\3", text.encode("utf-8"), count=1)


def _index(element: ET.Element, following: int, what: str, most: int) -> int:
    """The element's ss:Index (1-based), or the one after the last."""
    written = element.get(f"{SS}Index")
    at = following if written is None else whole(written, most)
    if at is None:
        raise ImportFailure(f"Excel 2003 XML 的{what}序号「{written[:20]}」不是数字：文件已损坏，请在 Excel 中打开并另存为 .xlsx")
    if not 1 <= at <= most:
        shown = f" {at} " if written is None else f"「{written.strip()[:20]}」"
        raise ImportFailure(f"Excel 2003 XML 的{what}序号{shown}超出 Excel 的范围（1–{most}）：文件已损坏，"
                            "请在 Excel 中打开并另存为 .xlsx")
    return at


def _sheet(sheet: ET.Element, formats: dict[str, str]) -> Grid:
    label = f"工作表「{sheet.get(f'{SS}Name', '')}」"
    out = _Sheet()
    table = sheet.find(f"{SS}Table")
    if table is None:
        return _grid(label, out)
    c = 0
    for column in table.findall(f"{SS}Column"):
        c = _index(column, c + 1, "列", MAX_COLUMNS)
        span = _count(column, f"{SS}Span")
        if column.get(f"{SS}Hidden") == "1" or _below(column.get(f"{SS}Width"), SMALLEST_COLUMN_POINTS):
            out.hidden_cols.update(range(c, min(c + span, MAX_COLUMNS) + 1))
        c += span
    r = 0
    read = _Values(last=(MAX_ROWS, MAX_COLUMNS))  # the cells as formulas read them, hidden ones too
    pending: dict[tuple[int, int], ET.Element] = {}
    for row in table.findall(f"{SS}Row"):
        r = _index(row, r + 1, "行", MAX_ROWS)
        span = min(_count(row, f"{SS}Span"), MAX_ROWS - r)  # rows alike after this one (empty but for their style)
        if row.get(f"{SS}Hidden") == "1" or _below(row.get(f"{SS}Height"), SMALLEST_ROW):
            out.hidden_rows.update(range(r, r + span + 1))
        c = 0
        for cell in row.findall(f"{SS}Cell"):
            c = _index(cell, c + 1, "列", MAX_COLUMNS)
            across, down = (_count(cell, f"{SS}Merge{way}") for way in ("Across", "Down"))
            if across or down:
                out.merges.append((c, r, min(c + across, MAX_COLUMNS), min(r + down, MAX_ROWS)))
            text = _text(cell, formats, f"{label} {get_column_letter(c)}{r}")
            if (formula := cell.get(f"{SS}Formula")) and cell.find(f"{SS}Data") is None:
                read.formulas[(r, c)] = a1_formula(formula, r, c)
                pending[(r, c)] = cell
            elif (held := _held(cell)) is not None:
                read.values[(r, c)] = held
            if text.startswith("#") and _kind(cell) == "Error":  # a failed formula: blank, as on the form, and said
                out.errors.append(f"{get_column_letter(c)}{r} 显示 {text[:20]}")
                text = ""
            if text:
                shown = r not in out.hidden_rows and c not in out.hidden_cols
                (out.cells if shown else out.hidden)[(r, c)] = text
            c += across
        r += span
    notes = _calculated(out, read, pending, formats, label) if pending else []
    # Up to the last cell with text, merges clipped to it, as the Excel reader lays out a sheet: a
    # 20 KB workbook of merges reaching row 65,000 and column 256 was laid out as 16 million cells (4.7 GB).
    corners = [*out.cells, *out.hidden]
    out.rows, out.cols = max((r for r, _ in corners), default=0), max((c for _, c in corners), default=0)
    grid = _grid(label, out)
    grid.notes += [*notes, *_error_note([(label, ref) for ref in out.errors])]
    return grid


_R1C1 = re.compile(r"(?<![A-Za-z_\d.])R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?(?![A-Za-z_\d(])", re.IGNORECASE)


def a1_formula(formula: str, r: int, c: int) -> str:
    """An ss:Formula (R1C1: 「=SUM(R[-9]C:R[-1]C)」 in H12, 「=RC[-1]」) in the A1 terms `sheet_formulas` reads
    (「SUM(H3:H11)」, 「G12」), without its 「=」; a position off the sheet stays R1C1, no formula calculated."""
    def a1(found: re.Match[str]) -> str:
        def at(part: str | None, here: int) -> int:
            return here if not part else here + int(part[1:-1]) if part.startswith("[") else int(part)
        row, column = at(found[1], r), at(found[2], c)
        return f"{get_column_letter(column)}{row}" if 1 <= row <= MAX_ROWS and 1 <= column <= MAX_COLUMNS else found[0]
    return _R1C1.sub(a1, formula.strip().removeprefix("="))


def _held(cell: ET.Element) -> object:
    """A cell's saved value as a formula reads it: a Number its figure to Excel's 15 digits, a String its
    text, a Boolean TRUE/FALSE; an Error (#N/A) or a number Excel does not write no value; None for no data."""
    data = cell.find(f"{SS}Data")
    if data is None:
        return None
    text, kind = "".join(data.itertext()), data.get(f"{SS}Type", "String")
    if kind == "Number":
        try:
            return as_excel_shows(float(text.strip()))
        except ValueError:
            return _ERROR
    if kind == "Boolean":
        return text.strip() == "1"
    return _ERROR if kind in ("Error", "DateTime") else text


def _calculated(out: _Sheet, read: _Values, pending: dict[tuple[int, int], ET.Element], formats: dict[str, str],
                label: str) -> list[str]:
    """The shown cells whose ss:Formula has no saved ss:Data (a system writing the export does not
    calculate; the cell was read as empty, a 得分 or 合计 lost unsaid): judged as an .xlsx's are
    (`xlsx_reader._judge`), each shown in the cell's number format, named as not given, or, where Excel
    shows an error, named with it (「E7（=E6/D6）显示 #DIV/0!」) and read blank: said as 「算不出」, the
    clerk looked for a formula too hard to calculate in a 执行率 over an empty 预算数."""
    def show(at: tuple[int, int], result: Decimal | str) -> str:
        r, c = at
        text = result if isinstance(result, str) else _number_shown(result, pending[at], formats,
                                                                    f"{label} {get_column_letter(c)}{r}")
        if text:
            shown = r not in out.hidden_rows and c not in out.hidden_cols
            (out.cells if shown else out.hidden)[at] = text
        return text

    judged = _judge(read, sorted(pending), {}, show)
    out.errors += judged.errors
    return judged.notes(label)


def _number_shown(number: Decimal, cell: ET.Element, formats: dict[str, str], where: str, text: str = "") -> str:
    """A number as the cell's style shows it (`text`: as saved, where it was)."""
    text = text or str(number)
    written = formats.get(cell.get(f"{SS}StyleID", "Default"), "") or formats.get("Default", "")
    if (cut := NAMED_MOMENTS.get(written.lower())) is not None and 0 <= number < 2_958_466:  # Excel's last day, 9999-12-31
        moment = EXCEL_EPOCH + dt.timedelta(days=float(number))
        return moment.isoformat(" ")[:10] if cut == 10 else moment.time().isoformat()[:cut]
    code = NAMED_FORMATS.get(written.lower(), written) or "General"
    try:
        return number_text(int(number) if number == number.to_integral_value() and "E" not in text.upper()
                           else float(number), code)
    except Unshowable as exc:
        raise unshowable(where, f"数字是 {text.strip()[:20]}", code, exc) from exc
    except (ValueError, InvalidOperation):
        return clean(text)


def _kind(cell: ET.Element) -> str:
    data = cell.find(f"{SS}Data")
    return "" if data is None else data.get(f"{SS}Type", "String")


def _count(cell: ET.Element, name: str) -> int:
    """A span (ss:MergeAcross, ss:Span …): 0 unless whole digits; past a sheet's rows, one more."""
    return whole(cell.get(name) or "0", MAX_ROWS) or 0


def _text(cell: ET.Element, formats: dict[str, str], where: str) -> str:
    """What the cell shows: its text, a number as its style's format shows it; ImportFailure naming
    the cell (`where`) for a number Excel does not write (`check_double`: 「٤٠」, 「NaN」, which
    Decimal() takes) or a format showing another figure (`"40"`, ``0E+0``)."""
    data = cell.find(f"{SS}Data")
    if data is None:
        return ""
    text = "".join(data.itertext())  # rich text (ss:Data of html:Font runs) is its runs' text
    kind = data.get(f"{SS}Type", "String")
    if kind == "Number":
        check_double(text, where)
        return _number_shown(Decimal(text.strip()), cell, formats, where, text)
    if kind == "Boolean":
        return "TRUE" if text.strip() == "1" else "FALSE"
    if kind == "DateTime":
        return text.strip()[:10]
    return clean(text)
