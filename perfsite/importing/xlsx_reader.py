"""Read every sheet of an .xlsx into grids, showing each cell as Excel displays it.

openpyxl gives numbers as binary floats; a clerk published what Excel displayed. So a float is
read through its 15 significant digits (Excel's precision) and rounded only where the cell's
number format fixes the decimals; a ``%`` format turns 0.95 into ``95%``.

The sheet XML is streamed cell by cell (openpyxl's read-only workbook for styles and dates, its
cell parser for each number ``<c>``; text, shared or inline, is read here, as Excel shows it: see
`_string`): the sheet's declared dimension and its merged
ranges are never trusted for sizes. A merge such as A1:XFD1048576 (17 billion cells) is clipped
to the used range, the cells that hold a value (a 5 KB form with that merge reads in 0.06 s, the
whole process at 59 MB); openpyxl's ordinary load would create every cell of it. A value beyond `MAX_ROWS`/`MAX_COLS` fails the file, naming the cell: a form is never
imported with rows cut off.

What a clerk cannot see is not read as if printed: hidden rows, columns and sheets are left out and
named, a value its format shows as nothing is blank; what cannot be read as shown (struck-through
text, a formula's error, a formula with no saved result, a cell written twice, a number or date
printed as 「####」, a number format writing digits of its own, a saved value that is no number
Excel writes, a text box floating over a cell's text, a picture with no transparent part over a
figure) refuses the file, naming the cells and what to do. A conditional format that holds is
drawn as its rule says (its colour, its number format: `_conditional`); a figure shown in Chinese
numerals (``[DBNum2]``: 贰拾) is the figure a clerk reads, and named. What the page prints around
the grid, its header and footer, is read as title lines above it.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import operator
import posixpath
import re
import zipfile
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import TypeVar
from urllib.parse import unquote
from xml.sax.saxutils import escape

from lxml import etree
from openpyxl import load_workbook
from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.formula.translate import Translator
from openpyxl.packaging.manifest import Manifest
from openpyxl.styles.colors import COLOR_INDEX
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import coordinate_to_tuple, get_column_letter, range_boundaries
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.xml.constants import ARC_CONTENT_TYPES, SHARED_STRINGS, SHEET_MAIN_NS

from perfsite.importing.datetext import FormDate, form_date
from perfsite.importing.grid import ABOVE, LEFT, OWN, Cell, Grid, clean, compact, flat, raised, row_number
from perfsite.importing.labels import CURRENCY_SIGNS, is_total
from perfsite.importing.sheet_formulas import (
    LIBREOFFICE,
    LINKED,
    Cells,
    Failed,
    NotSimple,
    Value,
    as_excel_shows,
    calculate,
    stale_refusal,
)
from perfsite.importing.sniff import MAX_FORM_CELLS, ImportFailure, Oversized, logged, parser_limit
from perfsite.importing.template import (
    DEPARTMENT_SHEET,
    DEPARTMENT_TARGET_SHEET,
    TARGET_SHEET,
    department_labels,
    department_target_labels,
    target_labels,
)

MAX_ROWS, MAX_COLS = 5000, 100
"""A 自评表 has a few dozen rows and under 20 columns; a whole 部门 on one sheet a few hundred rows.
A sheet beyond them (a system export of thousands of programmes) is refused, never cut short."""
SKIP_SHEETS = {"填写说明", "填表说明", "填报说明", "说明", "使用说明"}
"""Instruction sheets: their numbered lines (「1.“年度指标值”按批复的绩效目标填写。」) are no part of the form."""
TEMPLATE_LABELS = {TARGET_SHEET: target_labels(), DEPARTMENT_SHEET: department_labels(),
                   DEPARTMENT_TARGET_SHEET: department_target_labels()}
"""Cells of each optional template sheet left empty (title and labels): such a sheet is not read."""
_DECIMALS = re.compile(r"0\.(0+)")
_ROW, _CELL, _MERGE, _FORMULA, _COL, _SI, _T, _R, _RPR, _STRIKE, _IS, _V, _COLOR, _SZ = (
    f"{{{SHEET_MAIN_NS}}}{tag}" for tag in ("row", "c", "mergeCell", "f", "col", "si", "t", "r", "rPr", "strike", "is", "v",
                                            "color", "sz"))
_VERT_ALIGN = f"{{{SHEET_MAIN_NS}}}vertAlign"
"""A rich-text run's 上标/下标 (`raised`)."""
_CONDITIONS, _RULE, _FORMULA_TEXT, _VIEW, _HEADER_FOOTER, _FORMAT_PR = (
    f"{{{SHEET_MAIN_NS}}}{tag}" for tag in ("conditionalFormatting", "cfRule", "formula", "sheetView", "headerFooter",
                                            "sheetFormatPr"))
X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
XM = "http://schemas.microsoft.com/office/excel/2006/main"
_X14_CONDITIONS, _X14_RULE, _X14_DXF = (f"{{{X14}}}{tag}" for tag in ("conditionalFormatting", "cfRule", "dxf"))
_XM_FORMULA, _XM_SQREF = f"{{{XM}}}f", f"{{{XM}}}sqref"
_VALIDATION, _X14_VALIDATION = f"{{{SHEET_MAIN_NS}}}dataValidation", f"{{{X14}}}dataValidation"
_TRUE = ("1", "true")
"""How the sheet XML writes a true flag (Excel writes 1; other writers true)."""


@dataclass
class _Sheet:
    """One sheet's cells with a value, inside the caps, and its merged ranges as written."""

    cells: dict[tuple[int, int], str] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows: int = 0
    cols: int = 0
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    hidden: dict[tuple[int, int], str] = field(default_factory=dict)
    """Cells with a value in a hidden row or column: not on the form as printed and published."""
    uncached: dict[tuple[int, int], str] = field(default_factory=dict)
    """Shown cells holding a formula whose result the file does not hold, or holds but Excel
    recalculates (`saved`) → their style id (the ``s`` of the cell): calculated after the sheet is
    read (`_calculate`)."""
    recalculated: bool = False
    """Whether the workbook asks to be recalculated when opened (`recalculated_on_open`)."""
    saved: dict[tuple[int, int], tuple[str, bool]] = field(default_factory=dict)
    """Shown formula cells of such a workbook → the result saved beside the formula, as its format
    shows it, and whether it is a number: no figure the form shows until calculated again."""
    stale: dict[tuple[int, int], str] = field(default_factory=dict)
    """Those of them holding a number whose formula is not calculated here → what is said of it
    (「H14 是公式（=MAX(G14,0)），保存的结果是「0」」): read as saved, the saved number may be the score,
    amount or actual the form shows, or not (`Grid.doubtful`)."""
    errors: list[str] = field(default_factory=list)
    """Shown cells whose formula's saved result is an error: 「E4 显示 #DIV/0!」."""
    struck: list[str] = field(default_factory=list)
    """Shown cells with struck-through text: 「D4「90%」划掉、「95%」未划掉」."""
    formulas_shown: bool = False
    """Whether the sheet is set to show its formulas in place of their results (``<sheetView
    showFormulas="1">``: Excel's 「公式 → 显示公式」): the form shows and prints 「=SUM(E3:E5)」."""
    shown_formulas: list[str] = field(default_factory=list)
    """Shown formula cells of such a sheet: 「E6 是公式（=SUM(E3:E5)）」."""
    zeros_hidden: bool = False
    """Whether the sheet is set not to show zeros (``<sheetView showZeros="0">``: Excel's 「在具有零值的
    单元格中显示零」 unticked): a cell holding 0 shows, and prints, as blank."""
    zeros: dict[tuple[int, int], str] = field(default_factory=dict)
    """Cells holding 0 on such a sheet: read as the blank shown, named in a note."""
    blank: dict[tuple[int, int], str] = field(default_factory=dict)
    """Cells holding a value their number format shows as nothing (``;;;``): their value, for the note."""
    unseen: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)
    """Cells whose font cannot be seen on the form (`unseen_font`): their value and why, for the note."""
    fonts: dict[tuple[int, str], str] = field(default_factory=dict)
    """(Style id, its number format's colour for the value) → `unseen_font` of it: a sheet has a
    few dozen styles and thousands of cells."""
    coloured: dict[int, str] = field(default_factory=dict)
    """Style id → its number format where that may name a colour (has a ``[``), else ""."""
    partly: dict[tuple[int, int], tuple[str, tuple[tuple[str, str], ...]]] = field(default_factory=dict)
    """Cells part of whose rich text cannot be seen (`unseen_runs`): the text read, and each run left out with why."""
    papers: dict[int, tuple[str, str, str]] = field(default_factory=dict)
    """Style id → the colour under its text (`paper`) and its font's colour and size (`font_ink`), for
    the runs of rich text."""
    seen: set[tuple[int, int]] = field(default_factory=set)
    """Every cell position written, to find one written twice."""
    area: tuple[tuple[int, int, int, int], ...] = ()
    """The sheet's print area as (first column, first row, last column, last row) ranges; () for none."""
    outside: dict[tuple[int, int], str] = field(default_factory=dict)
    """Cells with a value outside the print area: not on the form as printed and published."""
    values: dict[tuple[int, int], tuple[object, int]] = field(default_factory=dict)
    """Each read cell's stored value and style id, for its conditional formats (`_conditional`)."""
    rules: list[Rule] = field(default_factory=list)
    """The sheet's conditional formats (「条件格式」), each rule with the ranges it covers."""
    conditional: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)
    """Cells a conditional format that holds for their value hides: their value and how."""
    covered: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)
    """Cells with a value inside a merge, not its top-left cell: (the value, the merge). Excel shows
    only the top-left cell's content over the whole merge (`_covered_note`)."""
    rounded: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)
    """Cells whose number format rounds the stored number: (the stored number, what the form shows)."""
    reformatted: dict[tuple[int, int], tuple[str, str, str]] = field(default_factory=dict)
    """Cells a conditional format that holds shows in a number format of its own: (what the cell's
    format shows, what the rule's shows and is read, the rule's format)."""
    rich: dict[tuple[int, int], tuple[tuple[str, str, str], ...]] = field(default_factory=dict)
    """The runs of the rich text cells shown, for the conditional formats over them (`_conditional_runs`)."""
    chinese: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)
    """Numbers a ``[DBNum1]``–``[DBNum3]`` format shows in Chinese numerals (一百二十三, 壹佰贰拾叁,
    １２３): (the figure read, the format)."""
    currency: dict[tuple[int, int], str] = field(default_factory=dict)
    """Figures a currency format prints with a sign (¥540.00): what the form shows, for the note (`currency_sign`)."""
    doubtful: dict[tuple[int, int], str] = field(default_factory=dict)
    """Cells a conditional format would hide whose condition this reader cannot evaluate: read, and named."""
    choices: list[str] = field(default_factory=list)
    """The source of each drop-down list (a ``list`` data validation): 「代码表!$A$1:$A$9」 or a defined name."""
    cited: list[str] = field(default_factory=list)
    """Its cells' formulas that name another sheet (「!」) or may name one through a defined name."""
    header: list[str] = field(default_factory=list)
    """The lines the first printed page's header shows (`page_lines`): a form's title is often typed there."""
    footer: list[str] = field(default_factory=list)
    """The lines the first printed page's footer shows: a 填报日期 or a 单位名称."""
    widths: dict[int, float] = field(default_factory=dict)
    """Column → its width in characters (of the default font's digits), where a ``<col>`` sets one."""
    default_width: float = 8.43
    """The width of a column no ``<col>`` sets (``sheetFormatPr``; Excel's 8.43 where it says none)."""
    heights: dict[int, float] = field(default_factory=dict)
    """Row → its height in points, where a ``<row ht>`` sets one."""
    default_height: float = 15.0
    """The height of a row no ``ht`` sets (``sheetFormatPr defaultRowHeight``; Excel's 15 for 11-point text)."""
    figures: dict[tuple[int, int], tuple[str, int]] = field(default_factory=dict)
    """Shown numbers of a fixed format (not General) and dates, as printed (`grouped`, `printed_date`),
    with their style: those too wide print as 「####」."""
    drawn: list[str] = field(default_factory=list)
    """Text boxes and shapes with text over the form's cells (`_drawn_texts`): 「E4:E5 上的文本框「30」」;
    pictures with no transparent part over figures (`_place_pictures`): 「E4 上的图片（盖住了格中的「30」）」."""
    in_cell: dict[tuple[int, int], str] = field(default_factory=dict)
    """Cells showing a picture placed in the cell (`in_cell_picture`): what the file holds for it."""
    too_wide: list[str] = field(default_factory=list)
    """Cells whose number is surely wider than its column (`_too_wide`): 「E4（12345678.00）」."""
    links: dict[str, str] = field(default_factory=dict)
    """The workbook's links to other workbooks (`linked_books`): 「1」 of ``=[1]Sheet1!A1`` → the file it names."""
    linked: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)
    """Shown cells whose formula reads another workbook: (its formula, the workbooks it names)."""
    shared_links: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    """A shared formula's ``si`` → its first cell's formula, that cell and the workbooks, for its copies
    (written with no text: each is the first's moved, ``[1]得分!H15`` in H15 is ``[1]得分!H16`` in H16)."""

    def printed(self, r: int, c: int) -> bool:
        """Whether the cell is inside the print area (every cell is, when the sheet sets none)."""
        return not self.area or any(c0 <= c <= c1 and r0 <= r <= r1 for c0, r0, c1, r1 in self.area)


AMPLIFIED = ("文件中有声明的实体（DOCTYPE/ENTITY），展开后是原文件的许多倍（Office 软件不会这样保存，可能是恶意构造的文件），"
             "拒绝读取：请向填报单位索取原文件，或在 Excel/Word 中打开后另存")
"""The refusal of a part whose entities expand without bound (「billion laughs」). The package check
refuses a declaration at the head of a part; one behind a long comment is stopped by the XML
parser's own limit (expat's and libxml2's amplification factor), whose English words said nothing."""


def amplified(exc: BaseException) -> bool:
    """Whether an XML parser stopped `exc` at entities that expand past its limit, or loop."""
    text = str(exc)
    return "amplification" in text or "entity reference loop" in text.lower()


MAX_STRINGS = 200_000
"""Most shared strings a workbook may hold: a form at the caps (`MAX_ROWS` × `MAX_COLS`) repeats its
labels and holds a few thousand, a whole 部门's sheet some tens of thousands. 1.8 million six-letter
strings are 39.6 MB, under the package's bound (`sniff.ZIP_MAX_XML`), and took 24.7 s of CPU and
748 MB (openpyxl's table, then this reader's) before the first cell was read; refused, 0.2 s and 64 MB."""
_SI_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,20}:)?si[\s>/]")
"""An ``<si>`` start tag, in any namespace prefix: counted in the raw bytes up to the cap (a parse
would cost what the count is to spare); a comment or CDATA that names one only counts high."""


def _refuse_many_strings(path: Path) -> None:
    """Refuse a workbook of more than `MAX_STRINGS` shared strings before openpyxl loads them all."""
    count, data = 0, b""
    try:
        with zipfile.ZipFile(path) as archive:
            if all(member.file_size < 5 * MAX_STRINGS for member in archive.infolist()):
                return  # an <si/> is 5 bytes at least: no part can hold too many (every form: no parse)
            part = Manifest.from_tree(etree.fromstring(archive.read(ARC_CONTENT_TYPES))).find(SHARED_STRINGS)
            with archive.open(part.PartName.lstrip("/")) if part is not None else io.BytesIO() as source:
                while count <= MAX_STRINGS and (chunk := source.read(1 << 20)):
                    data += chunk
                    count += sum(1 for match in _SI_TAG.finditer(data) if match.start() < len(data) - 32)
                    data = data[-32:]  # a tag cut by the chunk's end is counted with the next
    except Exception:  # a damaged package is load_workbook's to report
        return
    if count + sum(1 for _ in _SI_TAG.finditer(data)) > MAX_STRINGS:
        raise ImportFailure(f"工作簿的共享字符串表超过 {MAX_STRINGS} 项，远超一份自评报告（一张 5000 行的表也不过几万项），"
                            "可能是恶意构造的文件，拒绝读取：请删去无关的工作表后另存，或向填报单位索取原文件")


def read_xlsx(path: Path) -> list[Grid]:
    """One grid per sheet (instruction sheets skipped); ImportFailure when it is not a workbook."""
    _refuse_many_strings(path)
    try:
        book = load_workbook(str(path), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImportFailure("文件已损坏，无法作为 Excel 工作簿打开：请重新导出原件" + logged(exc, path)) from exc
    except Exception as exc:  # openpyxl raises many kinds on a damaged package
        if amplified(exc):
            raise ImportFailure(AMPLIFIED) from exc
        if (limit := parser_limit(exc, path.name)) is not None:
            raise limit from exc
        raise ImportFailure("Excel 工作簿无法读取（其中的内容有误）：请在 Excel 中打开并另存后再导入" + logged(exc, path)) from exc
    try:
        try:
            strings = _shared_strings(book)
        except Exception as exc:  # lxml raises many kinds on a damaged part
            if amplified(exc):
                raise ImportFailure(AMPLIFIED) from exc
            if (limit := parser_limit(exc, path.name)) is not None:
                raise limit from exc
            raise ImportFailure("工作簿的共享字符串表已损坏，无法读取：请在 Excel 中打开并另存后再导入" + logged(exc, path)) from exc
        grids, hidden = [], []
        read: dict[int, _Sheet] = {}
        titles: dict[int, str] = {}
        held = 0
        workbook = _workbook_part(book)
        areas = _print_areas(workbook)
        recalculated = recalculated_on_open(workbook)
        links = linked_books(book, workbook)
        for sheet in book.worksheets:
            if sheet.title.strip() in SKIP_SHEETS:
                continue
            label = f"工作表「{sheet.title}」"
            empty = TEMPLATE_LABELS.get(sheet.title.strip())
            try:
                cells = _stream(sheet, label, strings, areas.get(sheet.title, ()), recalculated, links)
                if cells.area and cells.outside and not cells.cells:
                    cells = _stream(sheet, label, strings, (), recalculated, links)  # a print area over none of the form: read as if unset
                    cells.notes.append(f"{label}的打印区域（{_area_text(areas[sheet.title])}）里没有内容，已按整张表导入："
                                       "请核对导入的是否就是公布的表，并在 Excel 中重新设置或取消打印区域")
                elif cells.area and (header := _header_left_out(label, cells)):
                    cells = _stream(sheet, label, strings, (), recalculated, links)
                    cells.notes.append(f"{label}的打印区域（{_area_text(areas[sheet.title])}）没有包括绩效指标表（表头在第 {header} 行），"
                                       "已按整张表导入：请核对导入的是否就是公布的表，并在 Excel「页面布局 → 打印区域」中重新设置"
                                       "或取消打印区域")
                if empty is not None and len(cells.cells) <= empty:
                    continue  # an optional sheet of the template left empty: nothing to import
                if cells.cells:
                    _place_drawn(cells, _drawn_texts(book, sheet, cells), label)
                    _place_pictures(cells, _pictures(book, sheet, cells), label)
                    if broken := _unreadable_drawings(book, sheet):
                        cells.notes.append(f"{label}的{'、'.join(broken)}已损坏，其中的文本框、图片和图形没有检查是否盖在表中的"
                                           "格子上（Excel 打开时提示修复，删去它们）：请在 Excel 中打开，对照原件核对后另存再导入")
                grid = _grid(label, cells)
            except ImportFailure:
                raise
            except Exception as exc:  # lxml and openpyxl raise many kinds on a damaged sheet
                if amplified(exc):
                    raise ImportFailure(f"{label}：{AMPLIFIED}") from exc
                if (limit := parser_limit(exc, path.name)) is not None:
                    raise limit from exc
                raise ImportFailure(f"{label}已损坏，无法读取：请在 Excel 中打开并另存后再导入" + logged(exc, path)) from exc
            read[id(grid)] = cells
            titles[id(grid)] = sheet.title
            (grids if sheet.sheet_state == "visible" else hidden).append((grid, sheet.sheet_state))
            held += len(cells.cells) if sheet.sheet_state == "visible" else 0
            if held > MAX_FORM_CELLS:  # refused as read: 50 sheets of 3,000 rows read whole and scanned take 54 CPU s and 575 MB
                raise Oversized(f"文件的表格中读到{label}时已有 {held} 个有内容的单元格，超过一份自评表的上限 {MAX_FORM_CELLS} 个，"
                                "不像一份自评表，拒绝读取：请把各项目的表拆成单独的文件后再导入")
        names = _defined_names(workbook) if hidden else {}
        lists = {grid.label for grid, _ in hidden
                 if _choices_only(titles[id(grid)], [read[id(other)] for other, _ in grids + hidden if other is not grid], names)}
        shown, notes = _shown_sheets(grids, [(grid, state) for grid, state in hidden if grid.label not in lists], hidden)
        _refuse_hidden_form(shown, [grid for grid, state in hidden if grid not in shown])
        _one_form(shown)
        sheets = [(grid.label, read[id(grid)]) for grid in shown]
        errors = _error_note([(label, ref) for label, cells in sheets for ref in cells.errors])
        for kept, why in REFUSED:
            if cells := [(label, ref) for label, sheet in sheets for ref in getattr(sheet, kept)]:
                raise ImportFailure(_cells(cells) + why)
        for grid in shown:  # only an indicator table's reading (`tables.scan`) tells which doubtful cells it publishes
            if grid.doubtful and not _has_header(grid):
                raise ImportFailure(stale_refusal(grid.label, list(grid.doubtful.values())))
        if shown:
            shown[0].notes.extend([*notes, *errors])
        return shown
    finally:
        book.close()


_FORM_TITLE = re.compile(r"自评表|自评情况表")


def _header_left_out(label: str, sheet: _Sheet) -> int:
    """The sheet row of an indicator header outside the print area where none stands inside it; 0 where
    one does or none is outside. A print area left from a 资金 page (A1:I11) printed no indicator table:
    read by it, the whole form was refused as holding none (「没有找到绩效指标表」), its rows unsaid."""
    if not sheet.outside or _has_header(_bare_grid(label, sheet.cells)):
        return 0
    outside = _bare_grid(label, sheet.outside)
    return next((row_number(outside, r) for r in range(min(len(outside.rows), 60)) if _header_row(outside, r)), 0)


def _bare_grid(label: str, cells: Mapping[tuple[int, int], str]) -> Grid:
    """Cells as a grid of their own texts, no merges: enough to find a header row in."""
    rows, cols = max((r for r, _ in cells), default=0), max((c for _, c in cells), default=0)
    return Grid(label, [[Cell(cells.get((r, c), ""), OWN, f"{get_column_letter(c)}{r}") for c in range(1, cols + 1)]
                        for r in range(1, rows + 1)])


def _header_row(grid: Grid, r: int) -> bool:
    from perfsite.importing.tables import header_at

    return bool(header_at(grid, r)[0])


def _has_header(grid: Grid) -> bool:
    """Whether an indicator header (「三级指标 | 分值 | 得分」…) stands in the sheet's first 60 rows."""
    return any(_header_row(grid, r) for r in range(min(len(grid.rows), 60)))


def _refuse_hidden_form(shown: list[Grid], hidden: list[Grid]) -> None:
    """Refuse a workbook whose indicator table is only on a hidden sheet, the visible ones holding
    none (an instructions sheet of another name, a cover): a hidden sheet is no part of the printed
    workbook and is not read, and the import failed with 「找不到项目名称」, the hidden form never
    named. Which sheet is the form is the clerk's to show."""
    if not hidden or any(_has_header(grid) for grid in shown):
        return
    forms = [grid.label for grid in hidden if grid.rows and _has_header(grid)]
    if forms:
        raise ImportFailure(f"{'、'.join(forms)}是隐藏的工作表，指标表在其中，而看得见的工作表中没有指标表："
                            "隐藏的工作表不在打印和公布的表上，未导入任何内容。如果它就是公布的自评表，请在 Excel 中"
                            "右击工作表标签、「取消隐藏」（「深度隐藏」的要在 VBA 编辑器中改 Visible 属性），保存后再导入")


def _one_form(grids: list[Grid]) -> None:
    """Refuse a workbook of two visible sheets that are each a whole 自评表 (a title and an indicator
    header of its own) unless each names a programme of its own in a 项目名称 cell: a unit's workbook
    of its programmes, one a sheet, is imported as the several programmes of one file (as a sheet of
    stacked forms, or a Word file of several tables, is). Refused, the sheets' indicators would be read
    as one programme's: a form and last year's copy of it (the same 项目名称, or none to tell them
    apart) are the clerk's to choose between. A form continued on a second sheet repeats its header,
    never its title; the template's own sheets are named apart. A sheet of two stacked forms counts two."""
    if len(grids) < 2:
        return
    from perfsite.importing.tables import header_at, scan

    forms: list[tuple[str, list[str]]] = []
    for grid in grids:
        if any(grid.label == f"工作表「{name}」" for name in TEMPLATE_LABELS):
            continue
        for r in range(min(len(grid.rows), 60)):
            if header_at(grid, r)[0]:
                title = next((flat(cell.own) for row in grid.rows[:r] for cell in row
                              if _FORM_TITLE.search(compact(cell.own)) and "部门" not in cell.own), "")
                if title:
                    found = scan([grid])
                    forms.append((f"{grid.label}（{title[:40]}）", [found.facts.get("name", ""), found.second_programme]))
                break
    if len(forms) < 2:
        return
    unnamed = [label for label, named in forms if not named[0]]
    seen: dict[str, tuple[str, list[str]]] = {}
    for label, named in forms:
        for name in filter(None, named):
            seen.setdefault(compact(name), (name, []))[1].append(label)
    twice = next((held for held in seen.values() if len(held[1]) > 1), None)
    if not unnamed and twice is None:
        return  # each sheet its own programme(s): `pipeline.programme_groups` imports each
    count = sum(1 + bool(named[1]) for _, named in forms)
    listed = "、".join(label + ("（其中上下两张表）" if named[1] else "") for label, named in forms)
    head = (f"工作簿中有 {len(forms)} 张工作表各是一张完整的自评表：{listed}" if count == len(forms)
            else f"工作簿的 {len(forms)} 张工作表中共有 {count} 张完整的自评表：{listed}")
    why = (f"其中{'、'.join(dict.fromkeys(twice[1]))}是同一项目（项目名称都是「{twice[0]}」），可能一张是旧版或副本"
           if twice is not None else f"{'、'.join(unnamed)}没有填写项目名称，无法分成各自的项目")
    raise ImportFailure(f"{head}；{why}：不知道公布的是哪一张，未导入任何内容。不同项目请在每张表中填写各自的项目名称"
                        "（每张工作表导入为一个项目）；如果其中一张是旧版或副本，请删去它")


VERY_HIDDEN = "veryHidden"


def _shown_sheets(visible: list[tuple[Grid, str]], named: list[tuple[Grid, str]], hidden: list[tuple[Grid, str]]
                  ) -> tuple[list[Grid], list[str]]:
    """The sheets to import and what to tell the clerk of the hidden ones. A hidden sheet (last
    year's form, a lookup list) is no part of what the unit published, so it is left out and
    named, unless it is only a drop-down list's choices (`_choices_only`: left out of `named`, as
    it is no form). When every visible sheet is empty the hidden ones are all there is: they are
    read, and the clerk is told the form imported is one Excel does not show. A sheet hidden as
    ``veryHidden`` is not listed by Excel's 「取消隐藏」: the note says how to show it."""
    def how(state: str) -> str:
        if state == VERY_HIDDEN:
            return ("它是「深度隐藏」（veryHidden）的，Excel 的「取消隐藏」里看不到：请在 Excel 中按 Alt+F11，"
                    "在 VBA 编辑器中把这张工作表的 Visible 属性改为 -1 - xlSheetVisible")
        return "请在 Excel 中右击工作表标签、「取消隐藏」"
    if any(grid.rows for grid, _ in visible):
        return [grid for grid, _ in visible], [
            f"{grid.label}是隐藏的工作表，没有导入：隐藏的内容不在公布的表上；如果要导入它：{how(state)}，再导入"
            for grid, state in named if grid.rows]
    return [grid for grid, _ in visible + hidden], [
        f"{grid.label}是隐藏的工作表（其他工作表都是空的），已按它导入：打开工作簿时看不到这张表，"
        f"请核对它是否就是公布的表（{how(state)}）" for grid, state in hidden if grid.rows]


def _choices_only(title: str, others: list[_Sheet], names: dict[str, str]) -> bool:
    """Whether the sheet `title` serves only as the choices of drop-down lists: another sheet's ``list``
    validation reads it (directly or through a defined name) and no formula does. Such a sheet is
    hidden to keep the choices out of the way (a template's 指标性质 or 是否 list), not a form left out.
    A list of ``INDIRECT(B13)`` reads the name a cell holds (the 三级指标 offered under the 二级指标
    typed in B13, each list a name over the hidden sheet): it reads every name over the sheet."""
    through = [name for name, ref in names.items() if _names_sheet(ref, title)]

    def cites(text: str) -> bool:
        return (_names_sheet(text, title) or (bool(through) and _INDIRECT.search(text) is not None)
                or any(re.search(rf"(?<![\w.]){re.escape(name)}(?![\w.(])", text) for name in through))
    return (any(cites(text) for sheet in others for text in sheet.choices)
            and not any(cites(text) for sheet in others for text in sheet.cited))


_INDIRECT = re.compile(r"(?<![\w.])INDIRECT\s*\(", re.IGNORECASE)


def _names_sheet(text: str, title: str) -> bool:
    """Whether a formula reads the sheet `title`: 「代码表!$A$1」, or 「'代码 表'!A1」 quoted as Excel quotes it."""
    quoted = "'" + title.replace("'", "''") + "'!"
    return quoted in text or re.search(rf"(?<![\w.'\]]){re.escape(title)}!", text) is not None


def _defined_names(root) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The workbook's defined names (「名称管理器」) → what each refers to, Excel's own (_xlnm.) left out."""
    if root is None:
        return {}
    return {element.get("name", ""): (element.text or "")[:FORMULA_MAX]
            for element in root.iter(f"{{{SHEET_MAIN_NS}}}definedName")
            if element.get("name") and not element.get("name", "").startswith("_xlnm.")}


@dataclass(frozen=True)
class _Text:
    """A string cell's text as shown, and its struck-through runs (none: an empty tuple)."""

    text: str
    struck: tuple[str, ...] = ()
    runs: tuple[tuple[str, str, str], ...] = ()
    """Every part of a rich text one of whose runs sets a colour or a size: (text, colour as
    `_colour` gives it or "" for none, size or ""); () for any other text."""
    inherited: tuple[tuple[str, bool], ...] = ()
    """Every part of a rich text some part of which sets no run properties of its own: (text,
    whether it takes the cell's font); () for any other text. Such a part prints in the cell's
    font, raised where that is 上标 (`raised_parts`)."""


def _shared_strings(book) -> list[_Text]:  # type: ignore[no-untyped-def]
    """The workbook's shared strings read as Excel shows them (`_string`). openpyxl's table keeps
    the ``_x000D_`` escape a CR is saved as (a cell typed with a line break on Windows read
    「120_x000D_人」) and cannot tell a struck run from the rest."""
    manifest = Manifest.from_tree(etree.fromstring(book._archive.read(ARC_CONTENT_TYPES)))
    part = manifest.find(SHARED_STRINGS)
    if part is None:
        return []
    out = []
    with book._archive.open(part.PartName.lstrip("/")) as source:
        for _, element in etree.iterparse(source, tag=_SI, resolve_entities=False, no_network=True, huge_tree=False):
            out.append(_string(element))
            element.clear()
    return out


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def unescape(text: str) -> str:
    """Text of a sheet part as Excel shows it: ``_xHHHH_`` is the character HHHH (Excel saves a CR
    as ``_x000D_`` and a literal ``_x`` as ``_x005F_x``); other control characters show as nothing."""
    return _CONTROL.sub("", _ESCAPE.sub(lambda m: chr(int(m[1], 16)), text)) if "_x" in text else text


def _string(element) -> _Text:  # type: ignore[no-untyped-def]
    """An ``<si>`` or ``<is>``: its ``<t>`` and its runs' texts joined; the phonetic guide WPS and
    Excel add to CJK text (``<rPh>``, shown only on request above the characters) left out."""
    parts, struck, runs, styled, own = [], [], [], False, []
    for child in element:
        if child.tag == _T:
            parts.append(unescape(child.text or ""))
            own.append(False)
        elif child.tag == _R:
            if not runs:  # a <t> may stand before the runs: only rich text pays for its parts
                runs = [(part, "", "") for part in parts]
            text = unescape("".join(t.text or "" for t in child.iter(_T)))
            props = child.find(_RPR)
            own.append(props is not None)
            if props is not None and (place := props.find(_VERT_ALIGN)) is not None:
                text = raised(text, place.get("val", ""))
            parts.append(text)
            strike = props.find(_STRIKE) if props is not None else None
            if strike is not None and strike.get("val", "true") not in ("0", "false") and text.strip():
                struck.append(text)
            colour = props.find(_COLOR) if props is not None else None
            size = props.find(_SZ) if props is not None else None
            runs.append((text, _run_colour(colour), size.get("val", "") if size is not None else ""))
            styled = styled or colour is not None or size is not None
    inherited = tuple(zip(parts, (not o for o in own), strict=True)) if runs and not all(own) else ()
    return _Text("".join(parts), tuple(struck), tuple(runs) if styled else (), inherited)


def raised_parts(string: _Text, place: str) -> str:
    """A rich text in a cell whose font is 上标 or 下标 (`place`: Format Cells → Font, the cell's
    style), as it prints: the parts that set no run properties take the cell's font and are raised,
    those that set their own are as they set. Read as one text, a run 「19.6」 set to the baseline
    before a bare 「1」 in a 上标 cell read 19.61, the footnote mark glued onto the score."""
    return "".join(raised(part, place) if bare else part for part, bare in string.inherited)


def _run_colour(color) -> str:  # type: ignore[no-untyped-def]
    """A rich-text run's ``<color>`` as `_colour` gives a font's: RRGGBB, 「theme4:-0.25」; "" for
    none or automatic (the run is drawn in the font's ordinary ink)."""
    if color is None or color.get("auto") in _TRUE:
        return ""
    tint = _tint(color.get("tint")) if _NUMBER.match(color.get("tint") or "0") else ""
    if (rgb := color.get("rgb")) and len(rgb) >= 6:
        return rgb[-6:].upper() if not tint else f"{rgb[-6:].upper()}:{tint}"
    if (theme := color.get("theme", "")).isdigit():
        return _THEME_BASE[int(theme)] if int(theme) in _THEME_BASE and not tint else f"theme{theme}:{tint}"
    if (indexed := color.get("indexed", "")).isdigit():
        return _INDEXED.get(int(indexed), f"indexed{indexed}")
    return ""


_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?(?:[eE]-?\d+)?$")


def _stream(sheet, label: str, strings: list[_Text],  # type: ignore[no-untyped-def]
            area: tuple[tuple[int, int, int, int], ...] = (), recalculated: bool = False,
            links: dict[str, str] | None = None) -> _Sheet:
    """The sheet's cells one at a time, holding only those with a value inside the caps; `recalculated`:
    the workbook asks to be recalculated when opened (its formulas' saved results are not shown);
    `links`: its links to other workbooks (`linked_books`)."""
    book = sheet.parent
    parser = WorkSheetParser(None, [s.text for s in strings], data_only=True, epoch=book.epoch,
                             date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
    out = _Sheet(area=area, recalculated=recalculated, links=links or {})
    with book._archive.open(sheet._worksheet_path) as source:
        events = etree.iterparse(source, events=("start", "end"),
                                 tag=(_ROW, _CELL, _MERGE, _COL, _CONDITIONS, _X14_CONDITIONS, _VIEW, _HEADER_FOOTER, _FORMAT_PR,
                                      _VALIDATION, _X14_VALIDATION),
                                 resolve_entities=False, no_network=True, huge_tree=False)
        for event, element in events:
            if event == "start":
                if element.tag == _ROW:
                    r = element.get("r")
                    parser.row_counter = int(r) if r and r.isdigit() else parser.row_counter + 1
                    parser.col_counter = 0
                    if element.get("hidden") in _TRUE or _below(element.get("ht"), SMALLEST_ROW):
                        out.hidden_rows.add(parser.row_counter)
                    elif (height := _size(element.get("ht"))) is not None:
                        out.heights[parser.row_counter] = height
                continue
            if element.tag == _CELL:
                if (formula := element.findtext(_FORMULA)) and not _NUMBER.fullmatch(formula):
                    out.cited.append(formula[:FORMULA_MAX])
                _read_cell(out, element, parser, sheet, label, strings)
            elif element.tag in (_VALIDATION, _X14_VALIDATION):
                if element.get("type") == "list":
                    out.choices.append((element.findtext(f"{{{SHEET_MAIN_NS}}}formula1")
                                        or element.findtext(f"{{{X14}}}formula1/{_XM_FORMULA}") or "")[:FORMULA_MAX])
            elif element.tag == _COL:
                first, last = element.get("min", ""), element.get("max", "")
                if (element.get("hidden") in _TRUE or _below(element.get("width"), SMALLEST_COLUMN)) and (
                        first.isdigit() and last.isdigit()):
                    out.hidden_cols.update(range(int(first), min(int(last), MAX_COLS) + 1))
                elif (width := _size(element.get("width"))) is not None and first.isdigit() and last.isdigit():
                    out.widths.update(dict.fromkeys(range(int(first), min(int(last), MAX_COLS) + 1), width))
            elif element.tag == _FORMAT_PR:
                width = _size(element.get("defaultColWidth"))
                base = _size(element.get("baseColWidth"))
                out.default_width = width if width is not None else base + 0.71 if base is not None else out.default_width
                out.default_height = _size(element.get("defaultRowHeight")) or out.default_height
            elif element.tag == _MERGE:
                out.merges.append(range_boundaries(element.get("ref", "")))
            elif element.tag == _VIEW:
                out.zeros_hidden = out.zeros_hidden or element.get("showZeros") in ("0", "false")
                out.formulas_shown = out.formulas_shown or element.get("showFormulas") in _TRUE
            elif element.tag == _CONDITIONS:
                out.rules += rules_of(element)
            elif element.tag == _X14_CONDITIONS:
                out.rules += x14_rules_of(element)
            elif element.tag == _HEADER_FOOTER:
                out.header, out.footer = first_page(element)
            element.clear()  # done with it: keep memory flat on a long sheet or a long row
            while element.getprevious() is not None:
                del element.getparent()[0]
    if out.uncached:
        _calculate(out, parser, sheet, label, strings, out.recalculated)
    if out.rules and out.cells:
        _conditional(out, book, label)
    if out.figures:
        _too_wide(out, book)
    return out


def _read_cell(out: _Sheet, element, parser: WorkSheetParser, sheet, label: str,  # type: ignore[no-untyped-def]
               strings: list[_Text]) -> None:
    """One ``<c>`` of the sheet into `out` (`_take`), its saved number checked first."""
    string = _cell_string(element, strings, label)
    if string is None and element.get("t", "n") == "n" and (value := element.findtext(_V)) and not (
            _FIGURE.fullmatch(value)):  # the common figure, tested here: 100,000 calls fewer
        check_double(value, f"{label} {element.get('r') or '一个单元格'}")
    parsed = parser.parse_cell(element) if string is None else _place(parser, element, string.text)
    _take(out, parsed, element, sheet, label, string)


@dataclass(frozen=True)
class _Error:
    """A cell a formula cannot read as a value: an error (its `code`, 「#N/A」, which a formula reading
    it shows in turn), a date written as text (``t="d"``, no code: what Excel makes of it is not decided)."""

    code: str = ""


_ERROR = _Error()
_FORMULA_BUDGET, _FORMULA_SHARE = 1_000_000, 200
"""Cells a sheet's formulas may read in all, and more for each formula: a form's few dozen 得分 and sums
read a few thousand; an export of 1,000 programmes whose 20,000 得分 and 自评得分 sum ten rows each reads
2.2 million (2.7 s with the sheet's second reading); a made file of 500,000 SUMs over the whole sheet
would read 10^11. Beyond it the rest are not given, each named."""


@dataclass
class _Values:
    """A sheet as its formulas read it (`_sheet_values`)."""

    values: dict[tuple[int, int], Value | _Error] = field(default_factory=dict)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    """Each cell with a formula and no saved result → its formula, without the 「=」."""
    written: dict[tuple[int, int], str] = field(default_factory=dict)
    """Each cell with a formula whose saved error stands (the workbook not recalculated) → its formula, for the note."""
    saved: dict[tuple[int, int], Value | _Error] = field(default_factory=dict)
    """Each formula of a workbook recalculated on opening → the result saved beside it, where there is one."""
    beyond: bool = False
    """Whether a cell beyond `last` holds something: not kept, so a formula reading there is not
    calculated (never read as the empty cell it is not)."""
    last: tuple[int, int] = (MAX_ROWS, MAX_COLS)
    """The last row and column kept: a form's caps, or Excel's for a system's export."""


def _sheet_values(sheet, strings: list[_Text], last: tuple[int, int] = (MAX_ROWS, MAX_COLS),  # type: ignore[no-untyped-def]
                  every: bool = False) -> _Values:
    """Every cell as a formula reads it, hidden ones too (Excel's SUM counts a hidden row), and the
    formula of each cell with no saved result (`every`: of each cell, the workbook recalculated on
    opening), a shared formula's copies written out from the first (`Translator`: ``G13`` in H13 is
    ``G14`` in H14). A second pass over the sheet, made only for a workbook holding such formulas:
    the ordinary file pays nothing for it."""
    out = _Values(last=last)
    values = out.values
    pending: dict[tuple[int, int], tuple[str, str]] = {}
    shared: dict[str, tuple[str, str]] = {}
    row = column = 0
    with sheet.parent._archive.open(sheet._worksheet_path) as source:
        for event, element in etree.iterparse(source, tag=(_ROW, _CELL), events=("start", "end"), resolve_entities=False,
                                              no_network=True, huge_tree=False):
            if element.tag == _ROW:
                if event == "start":
                    r = element.get("r")
                    row, column = (int(r) if r and r.isdigit() else row + 1), 0
                else:
                    element.clear()  # done with the row: keep memory flat on a long sheet
                continue
            if event == "start":
                continue  # a cell's <f> and <v> are parsed by its end, not (lxml reads in chunks) by its start
            ref = element.get("r")
            try:
                row, column = coordinate_to_tuple(ref) if ref else (row, column + 1)
            except (ValueError, TypeError):
                continue  # the first pass named such a cell
            kind, saved, formula = element.get("t", "n"), element.findtext(_V), element.find(_FORMULA)
            at = f"{get_column_letter(min(column, 16384))}{row}"
            if formula is not None and formula.get("t") == "shared" and formula.text and formula.get("si"):
                shared[formula.get("si", "")] = (formula.text, at)
            if row > last[0] or column > last[1]:
                out.beyond = out.beyond or bool(saved) or formula is not None or kind == "inlineStr"
            elif formula is not None and (every or (not saved and kind != "str") or kind == "e"):
                text = f"{{={formula.text}}}" if formula.get("t") == "array" else formula.text or ""  # {=…}: no simple one
                pending[(row, column)] = (text, formula.get("si", "") if formula.get("t") == "shared" else "")
                if every and (held := _saved_value(element, kind, saved, strings)) is not None:
                    out.saved[(row, column)] = held
                elif not every and kind == "e" and saved:
                    values[(row, column)] = _Error(saved.strip()[:20])  # the error shown: read as saved, named with its formula
            elif (held := _saved_value(element, kind, saved, strings)) is not None:
                values[(row, column)] = held
    for at, (text, si) in pending.items():
        if not text and si in shared:
            master, origin = shared[si]
            text = Translator(f"={master}", origin=origin).translate_formula(f"{get_column_letter(at[1])}{at[0]}")[1:]
        (out.written if at in values else out.formulas)[at] = text
    return out


def _saved_value(element, kind: str, saved: str | None, strings: list[_Text]) -> Value | _Error | None:  # type: ignore[no-untyped-def]
    """A cell's saved value as a formula reads it; None where it holds none."""
    if kind == "s" and saved is not None and saved.strip().isdigit() and int(saved) < len(strings):
        return strings[int(saved)].text
    if kind == "inlineStr":
        return _string(element.find(_IS)).text if element.find(_IS) is not None else ""
    if kind == "str":
        return saved or ""
    if kind == "b" and saved is not None:
        return saved.strip() == "1"
    if kind == "n" and saved and saved.isascii() and _XSD_DOUBLE.fullmatch(saved) and math.isfinite(float(saved)):
        return as_excel_shows(float(saved))
    if saved:
        return _Error(saved.strip()[:20]) if kind == "e" else _ERROR
    return None


def _calculate(out: _Sheet, parser: WorkSheetParser, sheet, label: str,  # type: ignore[no-untyped-def]
               strings: list[_Text], recalculated: bool = False) -> None:
    """The shown formulas with no saved result (`_Sheet.uncached`), calculated where they are
    simple (`sheet_formulas`) and read as if Excel had saved the result: the cell's number format
    shows it, rounding and all; the rest read as blank. Both named in a note, each cell with its
    formula. Refusing the workbook for them lost every literal cell of a form whose 得分 and 合计 a
    program wrote as formulas; reading them blank let the site put its own score where the form's
    stood, unsaid.

    A workbook Excel `recalculated` on opening shows each formula's result afresh, whatever was
    saved (XlsxWriter saves 0, a program filling a template keeps the template's old results): every
    formula is calculated from the others' recalculated results, and each simple one reads as
    calculated, named where the saved result differs. A formula not calculated here whose saved
    result is a number is read as saved and marked doubtful (`_Sheet.stale`, `Grid.doubtful`): that
    number may be the 得分, amount or 实际值 the form shows, or a stale one, and the reader cannot tell
    which; the tables refuse the workbook where they publish it as a figure, and read it, named, where
    they do not (a 序号 =ROW()-4, a check beside the form). A sheet with no indicator table (a 绩效目标表,
    an 整改 list: read by readers that do not say which cells they publish) is refused (`read_xlsx`).
    Refusing the workbook for every such formula lost forms whose 得分 =G14 a generator wrote with 0
    beside it, or whose only such formula numbered the rows."""
    read = _sheet_values(sheet, strings, every=recalculated)

    def show(at: tuple[int, int], result: Decimal | str) -> str:
        text = result if isinstance(result, str) else _plain(result)
        style = out.uncached[at]
        ref = f"{get_column_letter(at[1])}{at[0]}"
        styled = f' s="{escape(style)}"' if style else ""
        saved = (f'<c xmlns="{SHEET_MAIN_NS}" r="{ref}"{styled} t="inlineStr"><is><t>{escape(text)}</t></is></c>'
                 if isinstance(result, str) else f'<c xmlns="{SHEET_MAIN_NS}" r="{ref}"{styled}><v>{text}</v></c>')
        out.seen.discard(at)
        _read_cell(out, etree.fromstring(saved), parser, sheet, label, strings)
        return out.cells.get(at, "")

    judged = _judge(read, sorted(out.uncached), out.saved, show, out.links)
    for at, said in judged.stale:
        if isinstance(held := read.saved.get(at), Decimal):
            show(at, held)  # as the form showed it when saved, in its number format
        out.stale[at] = said
    out.errors += judged.errors
    out.notes.extend(judged.notes(label))


EXCEL_LAST = (1_048_576, 16_384)
"""Excel's last row and column (XFD1048576): an export's bound (`bulk.check_extent` holds it to its cells)."""


def formula_results(path: Path) -> dict[str, tuple[dict[tuple[int, int], str], list[str], dict[tuple[int, int], str]]]:
    """A system's export's formulas whose saved result Excel would not show (`bulk`, which reads the saved
    results with calamine): those with none, read as empty (a 得分 and 自评得分 lost with no word and the
    site's own score published in their place), and every formula of a workbook Excel recalculates on
    opening (XlsxWriter's saved 0 read as the 得分). By sheet name: each cell's figure as the export's other
    cells are read (the figure, no number format: 「9.5」; "" for one read blank), and the notes, by the
    form's rule (`_judge`), and the stale figures not calculated, read as saved, each with what is said of
    it: the export's reader refuses a programme that publishes one, as a form's does (`Grid.doubtful`);
    refusing the whole export lost every programme for one stale cell. A cell saved showing an error
    (「#DIV/0!」, 「#REF!」), which calamine reads as empty, is named as the form's reader names it
    (`_error_note`): its formula's, or the error typed alone. Read only for a workbook whose sheets hold
    such a cell (`bulk.check_extent`)."""
    out: dict[str, tuple[dict[tuple[int, int], str], list[str], dict[tuple[int, int], str]]] = {}
    book = load_workbook(str(path), read_only=True, data_only=True)
    try:
        strings = _shared_strings(book)
        workbook = _workbook_part(book)
        recalculated, links = recalculated_on_open(workbook), linked_books(book, workbook)
        for sheet in book.worksheets:
            read = _sheet_values(sheet, strings, EXCEL_LAST, every=recalculated)
            typed = [f"{get_column_letter(c)}{r} 显示 {held.code}" for (r, c), held in read.values.items()
                     if isinstance(held, _Error) and held.code and (r, c) not in read.written]
            if not read.formulas and not read.written and not typed:
                continue
            results: dict[tuple[int, int], str] = {}

            def show(at: tuple[int, int], result: Decimal | str) -> str:
                results[at] = result if isinstance(result, str) else _plain(result)  # noqa: B023 (called here, in this turn)
                return results[at]  # noqa: B023

            saved = {at: (_plain(held) if isinstance(held, Decimal) else held.code if isinstance(held, _Error)
                          else ("TRUE" if held else "FALSE") if isinstance(held, bool) else held or "",
                          isinstance(held, Decimal)) for at, held in read.saved.items()}
            label = f"工作表「{sheet.title}」"
            judged = _judge(read, sorted({*read.formulas, *read.written}), saved, show, links)  # written: an error saved
            stale = dict(judged.stale)
            results.update(dict.fromkeys(judged.blank, ""))
            out[sheet.title] = (results, judged.notes(label) + _error_note([(label, cell) for cell in [*judged.errors, *typed]])
                                + stale_note(label, list(stale.values())), stale)
    finally:
        book.close()
    return out


@dataclass
class _Judged:
    """A sheet's formulas calculated (`_judge`), each cell in the list of what is said of it."""

    calculated: list[str] = field(default_factory=list)
    """With no saved result, calculated: 「H13（=G13，算得「10」）」."""
    unknown: list[str] = field(default_factory=list)
    """With no saved result, not calculated: read blank."""
    changed: list[str] = field(default_factory=list)
    """Recalculated on opening, calculated, differing from the saved result."""
    doubtful: list[str] = field(default_factory=list)
    """Recalculated on opening, not calculated, saved no figure: read blank."""
    stale: list[tuple[tuple[int, int], str]] = field(default_factory=list)
    """Recalculated on opening, not calculated, saved a figure: each cell and what is said of it (`STALE`)."""
    errors: list[str] = field(default_factory=list)
    """Showing an error (`Failed`, or an error saved and not recalculated): 「E7（=E6/D6）显示 #DIV/0!」, read blank."""
    blank: list[tuple[int, int]] = field(default_factory=list)
    """Every cell read blank: the errors, the doubtful and the unknown."""

    def notes(self, label: str) -> list[str]:
        return formula_notes(label, self.calculated, self.unknown) + recalculated_notes(label, self.changed, self.doubtful)


def _judge(read: _Values, cells: Iterable[tuple[int, int]], saved: Mapping[tuple[int, int], tuple[str, bool]],
           show: Callable[[tuple[int, int], Decimal | str], str], links: Mapping[str, str] | None = None) -> _Judged:
    """The rule for a formula whose saved result the form may not show, for a form (`_calculate`) and an
    export (`formula_results`) alike: each of `cells` calculated and read through `show` (what the form
    shows of the result), or, where Excel shows an error, named with its formula and read blank (a 执行率
    =E6/D6 over an empty 预算数); where it is not calculated, read blank if the `saved` result (as shown,
    and whether a figure) is none, else refused. A formula reading another workbook (`links`) names the
    file the link points to: Excel, recalculating, takes its figure from there."""
    value = _calculator(read)
    out = _Judged()
    for at in cells:
        ref, formula, before = f"{get_column_letter(at[1])}{at[0]}", _written(read, at), saved.get(at)
        try:
            result = value(at)
        except Failed as exc:
            was = f"，文件中保存的结果是「{before[0][:20] or '空白'}」" if before is not None and before[0] != exc.code else ""
            out.errors.append(f"{ref}（{formula}{was}）显示 {exc.code}")
            out.blank.append(at)
            continue
        except NotSimple:
            books = _linked_books(read.formulas.get(at, ""), links or {})
            linked = f"{LINKED}{books}" if books else ""
            if before is not None and before[1]:
                held = f"保存的结果是「{before[0][:20]}」" if before[0] else "保存的结果是数字、表上不显示（数字格式或不显示零值）"
                out.stale.append((at, f"{ref} 是公式（{formula}）{linked}，{held}"))
                continue
            if before is None:
                out.unknown.append(f"{ref}（{formula}）")
            else:
                out.doubtful.append(f"{ref}（{formula}{linked}，保存的结果是「{before[0][:20] or '空白'}」）")
            out.blank.append(at)
            continue
        shown = show(at, result)
        if before is None:
            out.calculated.append(f"{ref}（{formula}，算得「{shown[:20] or '空白'}」）")
        elif before[0] != shown:
            out.changed.append(f"{ref}（{formula}，保存的结果是「{before[0][:20] or '空白'}」，算得「{shown[:20] or '空白'}」）")
    return out


def _linked_books(formula: str, links: Mapping[str, str]) -> str:
    """The workbooks a formula reads through links (``[1]得分!H14``), each as the link records it: 「「2023年得分.xlsx」」."""
    return "、".join(dict.fromkeys(f"「{links.get(n, f'[{n}]')}」" for n in _LINK_INDEX.findall(formula)))


def stale_note(label: str, said: list[str]) -> list[str]:
    """What is said of a sheet's stale figures read as saved (`_Judged.stale`), published or not: a reader
    refuses what publishes one (`stale_refusal`)."""
    if not said:
        return []
    return [f"{label} {_listed_cells(said)}：这些格是公式，{RECALCULATED}；公式又不只由加、减、乘、除、求和（SUM）、"
            "四舍五入（ROUND）、条件（IF）和算得出的格子组成，算不出表上显示的数，已按文件中保存的结果导入：这些格若是表上"
            "公布的数字（得分、金额、指标值等），保存的可能是旧数，请在 Excel 或 WPS 中打开这个文件、核对后保存，再导入" + LIBREOFFICE]


def _written(read: _Values, at: tuple[int, int]) -> str:
    """A formula as Excel's formula bar shows it, for a note: 「=G13」, 「{=SUM(A2:A3*2)}」."""
    formula = read.formulas.get(at) or read.written.get(at, "")
    return (formula if formula.startswith("{") else f"={formula}" if formula else "共享公式")[:40]


def formula_notes(label: str, calculated: list[str], unknown: list[str]) -> list[str]:
    """What is said of a sheet's formulas with no saved result: those calculated, with what they gave, and
    those read as blank."""
    notes = []
    if calculated:
        notes.append(f"{label} {_listed_cells(calculated)}：这些格是公式，文件中没有保存计算结果（由不计算公式的程序生成、"
                     "没有在 Excel 中打开过的文件常这样），已照公式算出表上应显示的数导入：请在 Excel 或 WPS 中打开这个文件，"
                     "核对这些数后保存，再导入")
    if unknown:
        notes.append(f"{label} {_listed_cells(unknown)}：这些格是公式，文件中没有保存计算结果，公式又不只由加、减、乘、除、"
                     "求和（SUM）、四舍五入（ROUND）、条件（IF）和算得出的格子组成，算不出表上显示的数，已按空白导入"
                     "（得分为空的指标按未公布处理，金额、实际值为空的需补填）：请在 Excel 或 WPS 中打开这个文件、保存后再导入")
    return notes


RECALCULATED = "工作簿设置了「打开时重新计算全部公式」（由程序生成、没有在 Excel 中保存过的文件常这样），Excel 打开时表上显示的是重新算出的结果，不是文件中保存的"
def recalculated_notes(label: str, changed: list[str], doubtful: list[str]) -> list[str]:
    """What is said of a recalculated workbook's formulas (`_calculate`): those whose saved result
    differs from the one calculated, read as calculated; those not calculated whose saved result is
    no number, read as blank (a saved number is `STALE`)."""
    notes = []
    if changed:
        notes.append(f"{label} {_listed_cells(changed)}：这些格是公式，{RECALCULATED}，已照公式算出表上显示的数导入："
                     "请在 Excel 或 WPS 中打开这个文件，核对这些数后保存，再导入" + LIBREOFFICE)
    if doubtful:
        notes.append(f"{label} {_listed_cells(doubtful)}：这些格是公式，{RECALCULATED}；公式又不只由加、减、乘、除、"
                     "求和（SUM）、四舍五入（ROUND）、条件（IF）和算得出的格子组成，算不出表上显示的内容，已按空白导入"
                     "（得分为空的指标按未公布处理，实际值为空的需补填）：请在 Excel 或 WPS 中打开这个文件、保存后再导入"
                     + LIBREOFFICE)
    return notes


def _calculator(read: _Values) -> Callable[[tuple[int, int]], Value]:
    """A cell's value as the sheet's formulas read it, a formula with no saved result calculated on demand
    (each once; one reading itself, or past `_FORMULA_BUDGET`, `NotSimple`)."""
    values, formulas = read.values, read.formulas
    done: dict[tuple[int, int], Decimal | str | _Error] = {}
    budget = [_FORMULA_BUDGET + _FORMULA_SHARE * len(formulas)]

    def spend(cells: int = 1) -> None:
        budget[0] -= cells
        if budget[0] < 0:
            raise NotSimple("budget")

    def value(at: tuple[int, int]) -> Value:
        spend()
        if at not in formulas:
            held = values.get(at)
            if read.beyond and (at[0] > read.last[0] or at[1] > read.last[1]):
                raise NotSimple("beyond")
            if isinstance(held, _Error):
                raise Failed(held.code) if held.code else NotSimple("error")
            return held  # type: ignore[return-value]
        if at not in done:
            done[at] = _ERROR  # a formula reading itself, through others or not: Excel's circular reference
            try:
                done[at] = calculate(formulas[at], cells)
            except Failed as exc:
                done[at] = _Error(exc.code)
            except (NotSimple, RecursionError):
                raise NotSimple("formula") from None
        if isinstance(held := done[at], _Error):
            raise Failed(held.code) if held.code else NotSimple("error")
        return held  # type: ignore[return-value]

    by_row: dict[int, list[int]] = {}
    for r, c in (*values, *formulas):
        by_row.setdefault(r, []).append(c)
    rows = sorted(by_row)

    def within(span: tuple[int, int, int, int]) -> Iterator[tuple[int, int]]:
        """The cells holding something in `span`, found through the rows it covers: a sum over two rows of
        an export of 1.8 million cells reads those rows, not the sheet."""
        first_row, first_col, last_row, last_col = span
        if read.beyond and (last_row > read.last[0] or last_col > read.last[1]):
            raise NotSimple("beyond")
        found = []
        for r in rows[bisect_left(rows, first_row):bisect_right(rows, last_row)]:
            spend(len(by_row[r]))
            found.extend((r, c) for c in by_row[r] if first_col <= c <= last_col)
        return iter(found)

    cells = Cells(value, within)
    return value


def _listed_cells(cells: list[str], most: int = 20) -> str:
    """「H13（=G13，算得「10」）、H14（…）…等 30 格」: every cell up to `most`."""
    return "、".join(cells[:most]) + (f"等 {len(cells)} 格" if len(cells) > most else "")


_XDR = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
_A_T, _A_P = "{http://schemas.openxmlformats.org/drawingml/2006/main}t", "{http://schemas.openxmlformats.org/drawingml/2006/main}p"
_ANCHORS = (f"{_XDR}twoCellAnchor", f"{_XDR}oneCellAnchor", f"{_XDR}absoluteAnchor")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DRAWING_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing"


def _drawings(book, sheet):  # type: ignore[no-untyped-def]
    """The sheet's drawing parts (``xl/drawings``), each as (its path, its root); a part this
    reader cannot open holds nothing."""
    for part in _related(book, sheet._worksheet_path, _DRAWING_REL).values():
        try:
            yield part, etree.fromstring(book._archive.read(part), etree.XMLParser(resolve_entities=False, no_network=True))
        except Exception:
            continue


def _unreadable_drawings(book, sheet) -> list[str]:  # type: ignore[no-untyped-def]
    """The drawing parts the sheet names that `_drawings` passes over as holding nothing: not XML,
    or missing, each as 「绘图部件「xl/drawings/drawing1.xml」」. A text box or white shape in them
    would print over a figure; Excel repairs such a file by dropping them. (A sheet's relationships
    part that is not XML refuses the workbook as it opens.) Parsed again only here: the few sheets
    with drawings, a drawing part a few kilobytes."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    broken = []
    for part in _related(book, sheet._worksheet_path, _DRAWING_REL).values():
        try:
            etree.fromstring(book._archive.read(part), parser)
        except KeyError:
            broken.append(f"绘图部件「{part}」（缺失）")
        except etree.XMLSyntaxError:
            broken.append(f"绘图部件「{part}」")
    return broken


def _related(book, path: str, kind: str | None = None) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The package parts part `path` relates to (of type `kind`, or any), by relationship id: none
    where it has no relationships part or one this reader cannot open (most sheets: no drawing)."""
    folder, name = posixpath.split(path)
    try:
        rels = etree.fromstring(book._archive.read(f"{folder}/_rels/{name}.rels"),
                                etree.XMLParser(resolve_entities=False, no_network=True))
    except Exception:
        return {}
    out = {}
    for rel in rels:
        if (kind is not None and rel.get("Type") != kind) or rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        out[rel.get("Id", "")] = target.lstrip("/") if target.startswith("/") else \
            posixpath.normpath(posixpath.join(folder, target))
    return out


def _anchors(root):  # type: ignore[no-untyped-def]
    """A drawing's anchors as Excel draws them: not a ``mc:Fallback`` copy for older readers."""
    for anchor in root.iter(*_ANCHORS):
        if not any(above.tag == _MC_FALLBACK for above in anchor.iterancestors()):
            yield anchor


def _drawn_texts(book, sheet, out: _Sheet) -> list[tuple[tuple[int, int, int, int] | None, str]]:  # type: ignore[no-untyped-def]
    """The texts of the sheet's text boxes and shapes (``xl/drawings``, each ``xdr:sp`` with a
    ``xdr:txBody``; not hidden, not a ``mc:Fallback`` copy), "" for a shape of no text that hides
    what is under it (`_opaque_shape`), with the cells each covers (`_spanned`: first column, first
    row, last column, last row, from 1; None for one whose place is not written)."""
    found = []
    for _, root in _drawings(book, sheet):
        for anchor in _anchors(root):
            texts, filled = [], False
            for shape in anchor.iter(f"{_XDR}sp"):
                props = shape.find(f"{_XDR}nvSpPr/{_XDR}cNvPr")
                if props is not None and props.get("hidden") in _TRUE:
                    continue
                body = shape.find(f"{_XDR}txBody")
                lines = ["".join(t.text or "" for t in p.iter(_A_T)) for p in body.iter(_A_P)] if body is not None else []
                texts += [line for line in map(clean, lines) if line]
                filled = filled or _opaque_shape(shape)
            if texts or filled:
                found.append((_spanned(anchor, out), "\n".join(texts)))
    return found


_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_FILLS = (f"{_A}solidFill", f"{_A}gradFill", f"{_A}pattFill", f"{_A}blipFill")
_LINES = {"line", "lineInv", "straightConnector1", "bentConnector3", "curvedConnector3", "arc"}
"""Shapes of no area: nothing under them is hidden."""


def _opaque_shape(shape) -> bool:  # type: ignore[no-untyped-def]
    """Whether a sheet's shape (``xdr:sp``) hides the cells under it (`opaque_shape`)."""
    return opaque_shape(shape.find(f"{_XDR}spPr"), shape.find(f"{_XDR}style/{_A}fillRef"))


def opaque_shape(props, style) -> bool:  # type: ignore[no-untyped-def]
    """Whether a DrawingML shape of properties `props` (``spPr``) and style fill `style` (``a:fillRef``)
    hides what is under it: filled in its own properties (a colour with no
    transparency, ``a:alpha`` under 100%), or, setting none, by its style's theme fill (Excel's and
    Word's inserted rectangle is a solid blue; ``a:fillRef idx="0"`` is none); not a line, nor
    ``a:noFill``. A white rectangle over an old figure hides it on the printed form, as in a PDF editor."""
    if props is None:
        return False
    geometry = props.find(f"{_A}prstGeom")
    if (geometry is not None and geometry.get("prst") in _LINES) or props.find(f"{_A}noFill") is not None:
        return False
    fill = next((child for child in props if child.tag in _FILLS), None)
    if fill is not None:
        alpha = next(fill.iter(f"{_A}alpha"), None)
        try:
            return alpha is None or int(alpha.get("val", "100000")) >= 100000
        except ValueError:
            return True
    return style is not None and style.get("idx", "0") != "0"


def _place_drawn(sheet: _Sheet, drawn: list[tuple[tuple[int, int, int, int] | None, str]], label: str) -> None:
    """Text boxes over cells of the form that hold text (`sheet.cells`) go to `sheet.drawn`, and
    refuse the workbook (`REFUSED`): the box prints over the cell's own text. Those over empty cells
    (the words of a diagonal header, a figure typed in a box over its empty cell), beside the form,
    or of no written place are named in a note and not read:
    printed, but in no cell."""
    if not drawn:
        return
    rows = [r for r, _ in sheet.cells]
    cols = [c for _, c in sheet.cells]
    top, bottom, left, right = min(rows), max(rows), min(cols), max(cols)
    over, beside = [], []
    for cells, text in drawn:
        where = (f"{get_column_letter(cells[0])}{cells[1]}" + ("" if cells[:2] == cells[2:] else
                 f":{get_column_letter(cells[2])}{cells[3]}")) if cells else ""
        said = f"{where + '处' if where else ''}「{flat(text)[:20]}」"
        under = [(r, c) for r, c in sheet.cells if cells and cells[0] <= c <= cells[2] and cells[1] <= r <= cells[3]]
        if under and not text:  # a filled shape (`_opaque_shape`) over text: it hides it
            hidden = "、".join(f"「{flat(sheet.cells[at])[:20]}」" for at in sorted(under)[:3])
            sheet.drawn.append(f"{where} 上的填充图形（盖住了格中的{hidden}）")
        elif not text:
            continue  # a filled shape over nothing of the form: no text hidden, none shown
        elif cells is None or not (cells[0] <= right and cells[2] >= left and cells[1] <= bottom and cells[3] >= top):
            beside.append(said)
        elif under:
            sheet.drawn.append(f"{where} 上的文本框「{flat(text)[:20]}」")
        else:
            over.append(said)
    for found, why in ((over, "表格中有文本框浮在空白的格子上：{}，打印在这些格子里，但不是格中的内容，没有导入："
                              "如果它是表上的数字或文字，请把它移进格子、保存后再导入"),
                       (beside, "表格以外有文本框：{}，打印在表格旁，没有导入：请对照原件核对其中没有应当填进表格的内容")):
        if found:
            listed = "、".join(found[:5]) + (f"等 {len(found)} 个" if len(found) > 5 else "")
            sheet.notes.append(label + why.format(listed))


_XDR_PIC, _XDR_FRAME = f"{_XDR}pic", f"{_XDR}graphicFrame"
_R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
EMU_PER_PIXEL, EMU_PER_POINT = 9525, 12700
DIGIT_PIXELS = 7
"""The width in pixels of a digit of Excel's default font (11-point 等线/Calibri at 96 dpi): a column
of width w is about 7w + 5 pixels (ECMA-376 18.3.1.13, the 5 its padding). Row heights are in
points. A picture's place is in EMU from its anchor cells: how far it reaches into a cell is exact,
the width of the cells it passes estimated within a few pixels."""


@dataclass(frozen=True)
class _Picture:
    """A picture (``xdr:pic``) or chart (``xdr:graphicFrame``) drawn over the sheet."""

    kind: str
    """图片 or 图表."""
    cells: tuple[int, int, int, int] | None
    """The cells whose middle it covers (`_spanned`): first column, first row, last column, last row."""
    opaque: bool
    """Whether it hides what is under it (`_opaque_picture`): a seal's transparent ground does not."""


def _pictures(book, sheet, out: _Sheet) -> list[_Picture]:  # type: ignore[no-untyped-def]
    """The sheet's pictures and charts, not hidden nor a ``mc:Fallback`` copy, where they print."""
    found = []
    for part, root in _drawings(book, sheet):
        related: dict[str, str] | None = None
        for anchor in _anchors(root):
            for drawn in anchor.iter(_XDR_PIC, _XDR_FRAME):
                props = drawn.find(f"{_XDR}nvPicPr/{_XDR}cNvPr" if drawn.tag == _XDR_PIC else f"{_XDR}nvGraphicFramePr/{_XDR}cNvPr")
                if props is not None and props.get("hidden") in _TRUE:
                    continue
                if related is None:
                    related = _related(book, part)
                if drawn.tag == _XDR_PIC:
                    found.append(_Picture("图片", _spanned(anchor, out), _opaque_picture(book, drawn, related)))
                else:
                    chart = next(drawn.iter(f"{_CHART}chart"), None)
                    if chart is not None:
                        found.append(_Picture("图表", _spanned(anchor, out), _opaque_chart(book, related.get(chart.get(_R_ID, "")))))
    return found


def _opaque_picture(book, pic, related: dict[str, str]) -> bool:  # type: ignore[no-untyped-def]
    """Whether a picture hides the cells under it: a JPEG, BMP or TIFF, or a PNG or GIF with no
    transparent part, drawn without transparency (``a:alphaModFix`` under 100%) or a colour made
    transparent (``a:clrChange``, 「设置透明色」). A scanned or electronic seal is a PNG on a
    transparent ground: the figures under it print through. A drawing (EMF, WMF, SVG) paints only its
    strokes: not opaque; nor a picture whose data this reader cannot find."""
    blip = next(pic.iter(f"{_A}blip"), None)
    if blip is None or blip.find(f"{_A}clrChange") is not None:
        return False
    alpha = blip.find(f"{_A}alphaModFix")
    if alpha is not None and alpha.get("amt", "100000") != "100000":
        return False
    try:
        data = book._archive.read(related.get(blip.get(_R_EMBED, ""), ""))
    except Exception:
        return False
    return opaque_image(data)


def opaque_image(data: bytes) -> bool:
    """Whether an image file paints every one of its pixels: a JPEG, BMP or TIFF; a PNG of no alpha
    channel (colour types 4 and 6) and no ``tRNS`` chunk; a GIF with no transparent colour."""
    if data.startswith((b"\xff\xd8", b"BM", b"II*\x00", b"MM\x00*")):
        return True
    if data.startswith(b"\x89PNG"):
        head = data[:data.find(b"IDAT")] if b"IDAT" in data else data
        return len(data) > 25 and data[25] not in (4, 6) and b"tRNS" not in head
    if data.startswith(b"GIF8"):
        at = data.find(b"\x21\xf9\x04")
        return at < 0 or not data[at + 3] & 1
    return False


def _opaque_chart(book, part: str | None) -> bool:  # type: ignore[no-untyped-def]
    """Whether a chart hides the cells under it: its chart area is filled (white, as Excel inserts
    one) unless it says ``a:noFill``."""
    if not part:
        return True
    try:
        root = etree.fromstring(book._archive.read(part), etree.XMLParser(resolve_entities=False, no_network=True))
    except Exception:
        return True
    props = root.find(f"{_CHART}spPr")
    return props is None or props.find(f"{_A}noFill") is None


def _column_emu(sheet: _Sheet, c: int) -> int:
    if c in sheet.hidden_cols:
        return 0
    return round((sheet.widths.get(c, sheet.default_width) * DIGIT_PIXELS + 5) * EMU_PER_PIXEL)


def _row_emu(sheet: _Sheet, r: int) -> int:
    if r in sheet.hidden_rows:
        return 0
    return round(sheet.heights.get(r, sheet.default_height) * EMU_PER_POINT)


def _spanned(anchor, sheet: _Sheet) -> tuple[int, int, int, int] | None:  # type: ignore[no-untyped-def]
    """The cells a drawing's anchor covers, for pictures, charts, text boxes and shapes alike (first
    column, first row, last column, last row, from 1), from its ``xdr:from`` (or absolute
    ``xdr:pos``) to its ``xdr:to`` (or that plus its ``xdr:ext``): those whose middle it covers, or,
    where it covers no cell's middle, the one its own middle lies in. A cell's text prints about
    its middle (centred, or filling a narrow column): a seal's or a box's edge over a corner of a
    figure's cell, or a box ending just inside the next one, leaves the figure legible; one smaller
    than a cell, inside it (a 「30」 typed in a small box in the 得分 cell), prints in that cell.
    None where its place is not written."""
    def number(at, tag: str) -> int:  # type: ignore[no-untyped-def]
        try:
            return int(at.findtext(f"{_XDR}{tag}") or at.get(tag) or 0)
        except ValueError:
            return 0

    def column(n: int) -> int:
        return _column_emu(sheet, n)

    def row(n: int) -> int:
        return _row_emu(sheet, n)

    def place(at, sizes: Callable[[int], int], most: int, cell: str, off: str) -> int:  # type: ignore[no-untyped-def]
        return sum(sizes(n) for n in range(1, min(number(at, cell), most) + 1)) + number(at, off)

    start, end, pos, ext = (anchor.find(f"{_XDR}{tag}") for tag in ("from", "to", "pos", "ext"))
    if start is not None:
        x0, y0 = place(start, column, MAX_COLS, "col", "colOff"), place(start, row, MAX_ROWS, "row", "rowOff")
    elif pos is not None:
        x0, y0 = number(pos, "x"), number(pos, "y")
    else:
        return None
    if end is not None:
        x1, y1 = place(end, column, MAX_COLS, "col", "colOff"), place(end, row, MAX_ROWS, "row", "rowOff")
    elif ext is not None:
        x1, y1 = x0 + number(ext, "cx"), y0 + number(ext, "cy")
    else:
        return None

    def middles(low: int, high: int, sizes: Callable[[int], int], most: int) -> list[int]:
        out, edge = [], 0
        for n in range(1, most + 1):
            size = sizes(n)
            if edge >= high:
                break
            if size and low <= edge + size / 2 <= high:
                out.append(n)
            edge += size
        return out

    def holding(point: float, sizes: Callable[[int], int], most: int) -> int:
        edge = 0
        for n in range(1, most + 1):
            edge += sizes(n)
            if point < edge:
                return n
        return most

    cols = middles(x0, x1, column, MAX_COLS) or [holding((x0 + x1) / 2, column, MAX_COLS)]
    rows = middles(y0, y1, row, MAX_ROWS) or [holding((y0 + y1) / 2, row, MAX_ROWS)]
    return cols[0], rows[0], cols[-1], rows[-1]


FIGURE = re.compile(r"[≥≤><=＞＜±+-]?\s*[\d０-９][\d０-９,，.．]*\s*(?:%|％|‰|分|元|万元|个|人|天)?")
"""A cell's text that is a figure: a score, weight, amount or rate, what a picture of another
figure pasted over it changes on the printed form."""


def _place_pictures(sheet: _Sheet, pictures: list[_Picture], label: str) -> None:
    """Pictures and charts over the form's cells. One that hides what is under it over a figure
    (`FIGURE`) goes to `sheet.drawn`, refusing the workbook: the printed form shows the picture,
    perhaps of another number, where the cell's figure is. One over other text (a scanned seal over
    the 填报单位 and its date), one with a transparent ground (a seal over the 总分), or one over
    empty cells of the form (a figure pasted in as a picture prints there, in no cell) is named in a
    note; the cells' text is read."""
    if not pictures or not sheet.cells:
        return
    rows = [r for r, _ in sheet.cells]
    cols = [c for _, c in sheet.cells]
    top, bottom, left, right = min(rows), max(rows), min(cols), max(cols)
    over, empty = [], []
    for picture in pictures:
        cells = picture.cells
        if cells is None or not (cells[0] <= right and cells[2] >= left and cells[1] <= bottom and cells[3] >= top):
            continue  # beside the form: a logo, a seal on the margin
        where = f"{get_column_letter(cells[0])}{cells[1]}" + ("" if cells[:2] == cells[2:] else
                                                               f":{get_column_letter(cells[2])}{cells[3]}")
        under = sorted((r, c) for r, c in sheet.cells if cells[0] <= c <= cells[2] and cells[1] <= r <= cells[3])
        figures = [at for at in under if FIGURE.fullmatch(sheet.cells[at].strip())]
        said = "、".join(f"「{flat(sheet.cells[at])[:20]}」" for at in (figures or under)[:3])
        if picture.opaque and figures:
            sheet.drawn.append(f"{where} 上的{picture.kind}（盖住了格中的{said}）")
        elif under:
            how = "不透明" if picture.opaque else "有透明部分（如公章）"
            over.append(f"{where} 上的{picture.kind}（{how}，盖在{said}上）")
        else:
            empty.append(f"{where} 处的{picture.kind}")
    if over:
        sheet.notes.append(f"{label}有图片或图表盖在格子上：{'、'.join(over[:5])}"
                           f"{f'等 {len(over)} 个' if len(over) > 5 else ''}，格中的文字照常导入："
                           "请对照原件核对打印出来的表上这些格子的内容看得清")
    if empty:
        sheet.notes.append(f"{label}有图片或图表浮在空白的格子上：{'、'.join(empty[:5])}"
                           f"{f'等 {len(empty)} 个' if len(empty) > 5 else ''}，打印在这些格子里，但不是格中的内容，没有导入"
                           "（图片中的文字读不出来）：如果它是表上的数字或文字，请把它填进格子、删去图片后再导入")


MARK_WIDTH = Decimal("0.5")
"""How wide, in digits, a printed number's separator, point, sign or a Latin letter is at the
least: Arial Narrow's comma and point are 0.228 em against its digits' 0.456 (宋体's are as wide as
its digits). A Chinese character is an em, twice the widest digit's half em (`printed_width`)."""


def printed_width(text: str) -> Decimal:
    """`text`'s width in digits of its font, at the least (`MARK_WIDTH`)."""
    digits = sum(ch.isdigit() for ch in text)
    wide = sum(ord(ch) >= 0x2E80 for ch in text)  # CJK, full-width forms
    return digits + 2 * wide + MARK_WIDTH * (len(text) - digits - wide)


@cache
def _groups(number_format: str) -> bool:
    """Whether a number format prints thousands separators (``#,##0``: a comma between placeholders)."""
    return bool(re.search(r"[0#?],+[0#?]", _unquoted(number_format.split(";")[0])))


def grouped(text: str, number_format: str) -> str:
    """A fixed-format number's text (`shown_number`, which writes no separators) as the form prints
    it: with the thousands separators its format adds (12345678.00 in ``#,##0.00`` → 12,345,678.00)."""
    if not _groups(number_format) or not (match := re.match(r"(-?)(\d{4,})(.*)", text, re.S)):
        return text
    return f"{match[1]}{int(match[2]):,}{match[3]}"


def printed_date(value: dt.date, number_format: str) -> str:
    """A date as its format prints it, near enough to measure (`_too_wide`): ``yyyy"年"m"月"d"日"`` →
    「2023年12月31日」, ``mmmm d, yyyy`` → 「December 31, 2023」. A code this reader does not know
    (``aaaa``, the weekday in Chinese) is measured as its letters, narrower than what it prints."""
    import calendar

    section = number_format.split(";")[0]
    found = list(_DATE_PART.finditer(section))
    letters = [m[1].lower() for m in found if m[1]]
    moment = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
    out, at, k = [], 0, 0
    for m in found:
        out.append(section[at:m.start()])
        at = m.end()
        token = m[0]
        if not m[1]:
            out.append(token[1:-1] if token.startswith('"') else token[1:] if token.startswith("\\")
                       else "" if token.startswith("[") else "AM")
            continue
        code, n = m[1].lower(), len(token)
        minutes = code == "m" and ("h" in letters[:k][-1:] or "s" in letters[k + 1:k + 2])
        k += 1
        if code == "y":
            out.append(f"{moment.year % 100:02d}" if n <= 2 else f"{moment.year:04d}")
        elif code == "m" and not minutes:
            out.append(f"{moment.month:0{min(n, 2)}d}" if n <= 2 else calendar.month_name[moment.month][:3 if n == 3 else 1 if n == 5 else None])
        elif code == "d":
            out.append(f"{moment.day:0{n}d}" if n <= 2 else calendar.day_name[moment.weekday()][:3 if n == 3 else None])
        else:
            out.append(f"{(moment.minute if code == 'm' else moment.second if code == 's' else moment.hour):0{min(n, 2)}d}")
    out.append(section[at:])
    return "".join(out)


DIGIT_MARGIN = Decimal("0.85")
"""How wide a digit of the cell's font may be against one of the default font at the same size:
column widths count the default font's digits (Calibri's and 宋体's are half an em, Arial's 0.56),
and a narrow font (Arial Narrow, 0.46 em) is the narrowest a form uses. Only a number wider than
its column even in such a font is taken for 「####」."""


def _too_wide(sheet: _Sheet, book) -> None:  # type: ignore[no-untyped-def]
    """Name the numbers of a fixed format and the dates surely wider than their column (or merge):
    Excel prints them as 「####」, and the printed form shows no figure. Surely: each character at
    its narrowest (`printed_width`: a separator or the point half a digit, a Chinese character of
    the format's words (``0.00"万元"``) two: a full em, never under 1.8 digits in any font), in the cell's font size against the default's, at
    `DIGIT_MARGIN`; a cell set to shrink to fit or turned is never too wide. General is not
    checked: it prints fewer decimals instead (`general_text`)."""
    spans = {(r0, c0): range(c0, c1 + 1) for c0, r0, c1, r1 in sheet.merges}
    inside = _merged_away(sheet.merges, sheet.figures)
    try:
        normal = Decimal(str(book._fonts[0].sz or 11))
    except (IndexError, AttributeError, InvalidOperation):
        normal = Decimal(11)
    for (r, c), (text, style) in sheet.figures.items():
        if (r, c) not in sheet.cells:
            continue  # read as a blank, or covered by a merge
        try:
            array = book._cell_styles[style]
            align = book._alignments[array.alignmentId]
            size = Decimal(str(book._fonts[array.fontId].sz or normal))
        except (IndexError, AttributeError, InvalidOperation):
            continue
        if align.shrinkToFit or align.textRotation:
            continue
        width = sum(Decimal(str(sheet.widths.get(col, sheet.default_width)))
                    for col in spans.get((r, c), (c,)) if col not in sheet.hidden_cols)
        if printed_width(text) * size / normal * DIGIT_MARGIN > width and (r, c) not in inside:  # a covered cell prints nothing (`_covered_note`)
            shown = text if len(text) <= 20 else f"{text[:20]}…，共 {len(text)} 个字符"
            sheet.too_wide.append(f"{get_column_letter(c)}{r}（{shown}，列宽 {plain_size(width)}）")


def _merged_away(merges: list[tuple[int, int, int, int]], cells: Mapping[tuple[int, int], object]) -> set[tuple[int, int]]:
    """The cells among `cells` ((row, column)) that a merge covers but does not own, found merge by
    merge through the cells' rows and columns (bisect), not cell by cell through every merge: 40,000
    figures beside 2,000 merges took 80 million comparisons."""
    columns: dict[int, list[int]] = {}
    for r, c in cells:
        columns.setdefault(r, []).append(c)
    for found in columns.values():
        found.sort()
    rows = sorted(columns)
    out = set()
    for c0, r0, c1, r1 in merges:
        for r in rows[bisect_left(rows, r0):bisect_right(rows, r1)]:
            found = columns[r]
            out.update((r, c) for c in found[bisect_left(found, c0):bisect_right(found, c1)] if (r, c) != (r0, c0))
    return out


def _size(text: str | None) -> float | None:
    """A width or height the sheet XML writes, None where it writes none or no number."""
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


_PAGE_CODE = re.compile(r'&&|&"[^"]*"|&K(?:[0-9A-Fa-f]{6}|\d\d[+-]\d{3})|&\d+|&([LCR])|&.?', re.S)
"""A header/footer code (ECMA-376 18.3.1.39): ``&&`` an ampersand; a font (``&"宋体,加粗"``), a
colour (``&KFF0000``), a size (``&16``); ``&L`` ``&C`` ``&R`` start the left, centre and right
parts; any other prints no word a clerk typed and is dropped: ``&B`` bold, ``&P`` page number,
``&N`` pages, ``&D`` ``&T`` the day and time of printing, ``&F`` ``&Z`` the file's name and
folder, ``&G`` a picture, ``&A`` the sheet's name (LibreOffice's default header, so every
converted .xls would gain a title line of its sheet's name: 「2022年」 on a copied sheet read as the year)."""
_PAGE_WORDS = re.compile(r"page|of|[第共页頁]|[^\w]", re.I)
"""What a line that only numbered the pages (「第 &P 页，共 &N 页」, 「&P/&N」, 「Page &P of &N」) leaves."""


def page_lines(code: str) -> list[str]:
    """The lines a header or footer prints: each part's (left, centre, right) lines, its codes
    removed, a line that only numbered the pages dropped. ``&C2023年度项目支出绩效自评表`` →
    「2023年度项目支出绩效自评表」."""
    parts = {"L": "", "C": "", "R": ""}
    at = "C"  # text before any part code is centred, as Excel prints it
    start = 0
    for match in _PAGE_CODE.finditer(code):
        parts[at] += code[start:match.start()]
        start = match.end()
        if match[1]:
            at = match[1]
        elif match[0] == "&&":
            parts[at] += "&"
    parts[at] += code[start:]
    lines = [clean(line) for part in parts.values() for line in unescape(part).split("\n")]
    return [line for line in lines if _PAGE_WORDS.sub("", line)]


def first_page(element) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """The header's and footer's lines on the first printed page (`page_lines`): ``firstHeader``
    where the sheet sets ``differentFirst`` (「首页不同」), else ``oddHeader`` (page 1 is odd)."""
    first = element.get("differentFirst") in _TRUE

    def lines(kind: str) -> list[str]:
        chosen = element.find(f"{{{SHEET_MAIN_NS}}}first{kind}") if first else None
        chosen = chosen if chosen is not None else element.find(f"{{{SHEET_MAIN_NS}}}odd{kind}")
        return page_lines(chosen.text or "") if chosen is not None else []

    return lines("Header"), lines("Footer")


SMALLEST_ROW = 2.0
"""Row height in points below which a row shows no text (as `SMALLEST_SHOWN` for a font): a clerk
who drags a row nearly shut (1 pt) hides its text as surely as one who hides the row."""
SMALLEST_COLUMN = 1.0
"""Column width in characters below which a column shows no digit: Excel prints a number there
as 「#」 and cuts text off; a template's spacer columns of this width hold nothing."""


def _below(size: str | None, smallest: float) -> bool:
    """A row height or column width below `smallest` (zero among them): hidden as surely as by the
    hidden flag (Excel sets the flag itself at zero; other programs may write only the size, and
    the row then never prints)."""
    value = _size(size)
    return value is not None and value < smallest


def _place(parser: WorkSheetParser, element, text: str) -> dict:  # type: ignore[no-untyped-def]
    """`WorkSheetParser.parse_cell` of a text cell whose text is already read: its place (a cell
    without a ref follows the one before it) and style. openpyxl would build a rich-text object of
    every inline string only to join its runs: 40% of reading a 5000-row sheet of text."""
    ref = element.get("r")
    if ref:
        row, column = coordinate_to_tuple(ref)
        parser.col_counter = column
    else:
        parser.col_counter += 1
        row, column = parser.row_counter, parser.col_counter
    style = element.get("s")
    return {"row": row, "column": column, "value": text, "data_type": "s", "style_id": int(style) if style else 0}


_DISPIMG = re.compile(r"\s*(?:_xlfn\.)?DISPIMG\(", re.I)


def in_cell_picture(element, parsed: dict) -> str | None:  # type: ignore[no-untyped-def, type-arg]
    """What the file holds for a cell that shows a picture placed in it, None for any other cell. WPS
    「嵌入单元格图片」 writes the cell as the formula ``_xlfn.DISPIMG("ID_…",1)`` with the text
    「=DISPIMG("ID_…",1)」 as its result (the picture is in ``xl/cellimages.xml``); Excel's
    「置于单元格内」 writes an error (``#VALUE!``) with a value-metadata index (``vm``) that points to the
    picture. The form prints the picture there: neither the formula's text nor an error."""
    if parsed["data_type"] == "e" and element.get("vm"):
        return str(parsed["value"] or "")
    if parsed["data_type"] not in ("s", "str") or not isinstance(parsed["value"], str) or "DISPIMG" not in parsed["value"].upper():
        return None
    formula = element.find(_FORMULA)
    return parsed["value"] if formula is not None and _DISPIMG.match(formula.text or "") else None


def _take(out: _Sheet, parsed: dict, element, sheet, label: str, string: _Text | None) -> None:  # type: ignore[no-untyped-def]
    r, c = parsed["row"], parsed["column"]
    if (r, c) in out.seen and r <= MAX_ROWS and c <= MAX_COLS:
        raise ImportFailure(f"{label} {get_column_letter(c)}{r} 在文件中写了两次（Excel 不会这样保存，打开时会报告文件有问题），"
                            "无法知道表上显示的是哪一个：请在 Excel 中打开、核对这一格后另存，再导入")
    out.seen.add((r, c))
    inside = not out.area or out.printed(r, c)  # most sheets set no print area: no call per cell
    shown = inside and not (r in out.hidden_rows or c in out.hidden_cols or r > MAX_ROWS or c > MAX_COLS)
    at = f"{get_column_letter(min(c, 16384))}{r}"
    locale = _locale_date(sheet.parent, parsed) if string is None and parsed["data_type"] == "n" else None
    if locale:
        parsed = {**parsed, "value": from_excel(parsed["value"], sheet.parent.epoch), "data_type": "d"}
    if (held := in_cell_picture(element, parsed)) is not None:
        if shown:
            out.in_cell[(r, c)] = held
        return
    cell = ReadOnlyCell(sheet, **parsed)
    if parsed["data_type"] == "e" and parsed["value"]:
        if shown and not out.formulas_shown and element.find(_FORMULA) is not None:
            out.uncached[(r, c)] = element.get("s", "")  # named with its formula, or calculated again (`_judge`)
            out.saved[(r, c)] = (str(parsed["value"]), False)
        elif shown:
            out.errors.append(f"{at} 显示 {parsed['value']}")
        return
    rounded = ""
    number = type(parsed["value"]) in (int, float) and not locale  # a number shown in its number format
    try:
        if number:  # cell_text's number, with what it rounds
            text, rounded = shown_number(parsed["value"], cell.number_format or "General")
        else:
            text = cell_text(cell, locale)
            if type(parsed["value"]) is str and text and ";" in (cell.number_format or ""):  # a text section (0;-0;0;"…")
                drawn = _drawn_section(cell.number_format, text) or ""
                if written := written_digits(drawn):
                    raise Unshowable(f"的文字部分（第四段）写定了数字「{written}」")
                if (words := format_words(drawn)) is not None:
                    text, rounded = words, text  # ;;;"已完成": the form shows the words, not the text
            if type(parsed["value"]) is str and text and "@" in (written := cell.number_format or "@") != "@":
                drawn = _drawn_section(written, text) or ""
                if "@" in drawn:  # @"人" shows 「50」 typed as text as 50人
                    prefix, suffix = _literals(drawn)
                    text = prefix + text + suffix
    except Unshowable as exc:
        if not shown:
            return  # not on the printed form: nothing was published from it
        held = f"数字是 {_plain(as_excel_shows(parsed['value']))}" if number else f"是「{text[:20]}」"
        raise unshowable(f"{label} {at}", held, cell.number_format, exc) from exc
    blank = bool(text) and shown and shows_nothing(cell.value, locale or cell.number_format or "General")
    zero = out.zeros_hidden and bool(text) and shown and number and parsed["value"] == 0
    if (blank or zero) and out.recalculated and not out.formulas_shown and element.find(_FORMULA) is not None:
        # What Excel shows is the result recalculated, in this format: the stale one hid nothing the form shows.
        out.uncached[(r, c)] = element.get("s", "")
        out.saved[(r, c)] = ("", number and not all(shows_nothing(v, cell.number_format or "General") for v in (1, -1, 0)))
        return
    if blank:
        out.blank[(r, c)] = text
        return
    if zero:
        out.zeros[(r, c)] = text
        return
    style = parsed["style_id"]
    rich = string.runs if string is not None else ()  # not bool(): a call per cell
    if text and shown and style:
        if style not in out.coloured:  # a format's colour is looked for only in a format that could name one
            written = locale or cell.number_format or ""
            out.coloured[style] = written if "[" in written else ""
        look = (style, format_ink(out.coloured[style], parsed["value"], sheet.parent._colors) if out.coloured[style] else "")
        if look not in out.fonts:
            out.fonts[look] = unseen_font(sheet.parent, *look)
        if out.fonts[look] and not rich:  # rich text's runs may carry colours of their own
            out.unseen[(r, c)] = (text, out.fonts[look])
            return
    if text and shown and rich:
        if style not in out.papers:
            out.papers[style] = (paper(sheet.parent, style), *font_ink(sheet.parent, style))
        if style and look[1]:  # the format's colour code ([白色]@) draws the runs of no colour of their own
            seen, gone = _coded_runs(rich, out.papers[style], look[1], f"{label} {at}", cell.number_format)
        else:
            seen, gone = unseen_runs(rich, *out.papers[style])
        if gone and not clean(seen):
            out.unseen[(r, c)] = (text, gone[0][1])
            return
        if gone:
            text = clean(seen)
            out.partly[(r, c)] = (text, gone)
        out.rich[(r, c)] = rich  # the sheet's conditional formats follow its cells in the file
    if (text and string is not None and string.inherited and text == clean(string.text)
            and (place := _raised_font(sheet.parent, parsed["style_id"]))):
        text = clean(raised_parts(string, place))
    struck = string.struck if string is not None and string.struck else (
        (text,) if _struck_font(sheet.parent, parsed["style_id"]) else ())
    if text and shown and struck:
        kept = text
        for part in struck:
            kept = kept.replace(part, "", 1)
        said = "、".join(f"「{part[:20]}」" for part in struck)
        out.struck.append(f"{at} {said}划掉" + (f"、「{clean(kept)[:20]}」未划掉" if clean(kept) else ""))
    formula = element.find(_FORMULA) if shown and (out.recalculated or out.formulas_shown or not text) else None
    written = (f"={formula.text}" if formula.text else "共享公式")[:40] if formula is not None else ""
    # Excel writes an empty text result as t="str" with an empty <v>; a program that does not
    # calculate (openpyxl, many generators) writes no type and an empty or missing <v>.
    if formula is not None and not text and element.get("t") != "str" and not out.formulas_shown:
        out.uncached[(r, c)] = element.get("s", "")
        return
    if formula is not None and out.formulas_shown:
        out.shown_formulas.append(f"{at} 是公式（{written}）")
        return
    if formula is not None and out.recalculated:
        out.uncached[(r, c)] = element.get("s", "")
        out.saved[(r, c)] = (text, number)
        return
    if out.links and text and shown and formula is None and (linking := element.find(_FORMULA)) is not None:
        _link(out, (r, c), linking)
    if not text:
        return
    if r > MAX_ROWS or c > MAX_COLS:
        where = f"第 {r} 行" if r > MAX_ROWS else f"第 {c} 列"
        raise ImportFailure(f"{label}在 {at} 还有内容「{text[:20]}」，已到{where}，"
                            f"超出一张自评表的上限（{MAX_ROWS} 行、{MAX_COLS} 列），未导入任何内容："
                            "请删去表格以外的内容，或把每个项目的自评表另存为单独的文件")
    if not inside:
        out.outside[(r, c)] = text
        return
    if r in out.hidden_rows or c in out.hidden_cols:
        out.hidden[(r, c)] = text
        return
    out.cells[(r, c)] = text
    if rounded:
        out.rounded[(r, c)] = (rounded, text)
    if number and "dbnum" in (cell.number_format or "").lower():
        out.chinese[(r, c)] = (text, cell.number_format)
    if number and (sign := currency_sign(cell.number_format or "")):
        out.currency[(r, c)] = sign + text
    out.values[(r, c)] = (parsed["value"], style)  # not cell.value: a property, a call per cell
    if number and (cell.number_format or "General") not in ("General", "@"):
        out.figures[(r, c)] = (grouped(text, cell.number_format), style)
    elif isinstance(parsed["value"], dt.date):  # a date prints 「####」 as a number does
        out.figures[(r, c)] = (printed_date(parsed["value"], locale or cell.number_format or "General"), style)
    out.rows, out.cols = max(out.rows, r), max(out.cols, c)


_XSD_DOUBLE = re.compile(r"[ \t\r\n]*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?[ \t\r\n]*", re.ASCII)
"""A number cell's ``<v>`` as Excel writes it: an xsd:double of ASCII digits (ECMA-376 18.18.86).
Python's int() and float() also take other scripts' digits (「٤٠」, which Excel shows as no figure),
underscores (「4_0」), NaN and Infinity: each read as the figure 40 or failed the whole sheet."""


_FIGURE = re.compile(r"[ \t\r\n]*-?[0-9]{1,300}(?:\.[0-9]*)?[ \t\r\n]*")
"""The figures a sheet holds, surely a double's (no exponent, not too long): tested before `check_double`."""


def check_double(value: str, where: str) -> None:
    """Refuse a number cell whose saved value is no number Excel writes (`_XSD_DOUBLE`), or beyond
    a double's range (1e400), naming the cell (`where`): what the form shows there is unknown."""
    if value.isascii() and _XSD_DOUBLE.fullmatch(value) and math.isfinite(float(value)):
        return
    raise ImportFailure(f"{where} 保存的数字「{value.strip()[:20]}」不是 Excel 写的数字"
                        "（只由 0–9、小数点、正负号和指数 E 组成，且在 Excel 的范围以内）：文件已损坏或是程序构造的，"
                        "这一格在表上显示什么无法知道，拒绝读取：请在 Excel 中打开、核对这一格后另存，再导入")


def unshowable(where: str, held: str, number_format: str, exc: Unshowable) -> ImportFailure:
    """The refusal of a cell whose number format shows another figure than it holds (`held`: 「数字是 26」)."""
    return ImportFailure(f"{where} 保存的{held}，数字格式「{number_format}」{exc}，表上显示的不是这个数字，无法照原样导入："
                         "请把这一格的格式改为「常规」或「数值」，必要时把数字改成表上应显示的数（单位写在表头），保存后再导入")


def _cell_string(element, strings: list[_Text], label: str = "") -> _Text | None:  # type: ignore[no-untyped-def]
    """A text cell's `_Text` (shared, inline or a formula's text result); None for any other cell.
    A shared-string index outside the table refuses the file, naming the cell: the sheet is
    damaged (or made so), and what the cell shows is unknown."""
    kind = element.get("t")
    if kind == "s":
        index = (element.findtext(_V) or "").strip()
        if not index:
            return _Text("")
        if not index.isdigit() or int(index) >= len(strings):
            raise ImportFailure(f"{label} {element.get('r') or '一个单元格'} 引用了第 {index[:20]} 号共享字符串，"
                                f"但工作簿的共享字符串表只有 {len(strings)} 项（从 0 编号）：文件已损坏，这一格显示什么无法知道，"
                                "拒绝读取：请在 Excel 中打开并另存后再导入，或向填报单位索取原文件")
        return strings[int(index)]
    if kind == "inlineStr":
        inline = element.find(_IS)
        return _string(inline) if inline is not None else _Text("")
    if kind == "str":
        return _Text(unescape(element.findtext(_V) or ""))
    return None


LOCALE_DATES = {27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: "m-d-yy", 31: 'yyyy"年"m"月"d"日"',
                36: 'yyyy"年"m"月"', 50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"',
                54: 'm"月"d"日"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"'}
"""Built-in number formats Excel and WPS show as dates in a Chinese locale, with the format each
stands for there (ECMA-376 18.8.30, zh-CN); a file stores only the id, and openpyxl, knowing the
ids of the English locale alone, reads such a cell as General: 填报日期 「2023年12月」 read 「45261」."""


def _locale_date(book, parsed: dict) -> str | None:  # type: ignore[no-untyped-def]
    """The format of a number cell whose built-in format is one of the `LOCALE_DATES`, within
    Excel's dates; None for any other cell."""
    try:
        number_format = book._cell_styles[parsed["style_id"]].numFmtId if parsed["style_id"] else 0
    except (IndexError, AttributeError):
        return None
    dated = isinstance(parsed["value"], int | float) and 0 <= parsed["value"] < 2958466
    return LOCALE_DATES.get(number_format) if dated else None


_PAGE, _INK = "FFFFFF", "000000"
"""The paper a form is printed on, and the colour of text of no colour (Excel's 「自动」)."""
_THEME_BASE = {0: _PAGE, 1: _INK}
"""Excel's theme colours 0 and 1 (「背景 1」 white and 「文字 1」 black in every built-in theme); the
others depend on the theme and are compared as they are written."""
_INDEXED = {0: _INK, 1: _PAGE, 8: _INK, 9: _PAGE, 64: _INK, 65: _PAGE}
"""The legacy palette's black and white, and the system's text (64) and window (65) colours."""
SMALLEST_SHOWN = 2.0
"""Font size in points below which text is no text a reader of the printed form can see (1 pt is a
dot); forms print at 9 to 12 pt and their smallest notes at 6."""


def _tint(value: object) -> str:
    """A colour's tint to three places, as text ("" for none): font and fill colours are compared by it."""
    try:
        tint = Decimal(str(value or 0)).quantize(Decimal("0.001"), ROUND_HALF_UP)
    except InvalidOperation:
        return ""
    return format(tint.normalize(), "f") if tint else ""


def _colour(color, default: str) -> str:  # type: ignore[no-untyped-def]
    """An openpyxl colour as RRGGBB where it is one, else as written (「theme4:-0.25」); `default` for none."""
    if color is None:
        return default
    tint = _tint(color.tint)
    if color.type == "rgb" and isinstance(color.rgb, str):
        return color.rgb[-6:].upper() if not tint else f"{color.rgb[-6:].upper()}:{tint}"
    if color.type == "theme":
        return _THEME_BASE[color.theme] if color.theme in _THEME_BASE and not tint else f"theme{color.theme}:{tint}"
    if color.type == "indexed":
        return _INDEXED.get(color.indexed, f"indexed{color.indexed}")
    return default  # auto


def unseen_font(book, style_id: int, ink: str = "") -> str:  # type: ignore[no-untyped-def]
    """Why a cell of this style shows nothing a reader can see, or "": its font is the colour of its
    fill (white on no fill, the commonest: a clerk whitens an old figure rather than delete it, or
    types a note to a colleague), or smaller than `SMALLEST_SHOWN`. `ink`, the colour its number
    format draws the value in (`format_ink`: ``[White]0``), stands for the font's where given. Read as stored, such a figure
    was published though the form showed a blank; it is read as the blank the form shows, as a
    ``;;;`` format is (`shows_nothing`), and named in a note."""
    try:
        style = book._cell_styles[style_id]
        font = book._fonts[style.fontId]
    except (IndexError, AttributeError):
        return ""
    if font.sz is not None and float(font.sz) < SMALLEST_SHOWN:
        return f"字号只有 {plain_size(font.sz)} 磅"
    why = _unseen_ink(ink or _colour(font.color, _INK), paper(book, style_id))
    return f"{why}（数字格式中的颜色代码所设）" if why and ink else why


def font_ink(book, style_id: int) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """A cell style's font colour (`_colour`'s form; black for none) and size ("" for none)."""
    try:
        font = book._fonts[book._cell_styles[style_id].fontId]
    except (IndexError, AttributeError):
        return _INK, ""
    return _colour(font.color, _INK), "" if font.sz is None else str(font.sz)


def paper(book, style_id: int) -> str:  # type: ignore[no-untyped-def]
    """The colour under a cell's text: its solid fill's, else the white page (`_colour`'s form)."""
    try:
        fill = book._fills[book._cell_styles[style_id].fillId]
    except (IndexError, AttributeError):
        return _PAGE
    return _colour(fill.fgColor, _PAGE) if getattr(fill, "patternType", None) == "solid" else _PAGE


def _unseen_ink(ink: str, under: str) -> str:
    """Why text in `ink` on `under` cannot be seen, or ""."""
    if ink == under:
        return "文字是白色的，底色也是白色" if ink == _PAGE else "文字的颜色与单元格的填充色相同"
    return ""


def unseen_runs(runs: tuple[tuple[str, str, str], ...], under: str, font: str = _INK,
                size: str = "") -> tuple[str, tuple[tuple[str, str], ...]]:
    """A rich text's parts a reader can see, joined, and the runs left out with why: a run coloured
    as the cell's fill (`under`) or smaller than `SMALLEST_SHOWN`. A clerk whitens the old figure
    inside the cell (「90%」 and a white 「100%」 in one cell): read whole, 「90%100%」 was published.
    A run of no colour or size is drawn in the cell font's (`font`, `size`): a cell whose font is
    white shows the runs coloured otherwise (the note in red over a whitened cell is read), and
    hides the rest."""
    kept: list[str] = []
    gone: list[tuple[str, str]] = []
    for text, colour, points in runs:
        points = points or size
        small = _NUMBER.match(points) is not None and float(points) < SMALLEST_SHOWN
        why = f"字号只有 {plain_size(points)} 磅" if small else _unseen_ink(colour or font, under)
        if why and text.strip():
            gone.append((text, why))
        else:
            kept.append(text)
    return "".join(kept), tuple(gone)


def _coded_runs(runs: tuple[tuple[str, str, str], ...], papers: tuple[str, str, str], ink: str, where: str,
               number_format: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """What a reader sees of a rich text whose number format names a colour (`format_ink`): a run
    of no colour of its own is drawn in the code's colour, as a cell of plain text is
    (`unseen_font`). Whether the code also colours the runs that set their own is not settled here
    (no Excel at hand): where that changes what is seen (a clerk's 「[白色]@」 over a cell of black
    runs), the cell is refused, naming it."""
    under, _, size = papers
    own = unseen_runs(runs, under, ink, size)
    if own == unseen_runs(tuple((text, ink, points) for text, _, points in runs), under, ink, size):
        return own
    raise ImportFailure(f"{where} 的文字分几段设了颜色，数字格式「{number_format}」又用颜色代码规定了颜色"
                        f"（{_unseen_ink(ink, under) or '另一种颜色'}），格中哪些文字在表上看得见无法照原样判断，拒绝读取："
                        "请把数字格式改为「常规」或「文本」（去掉方括号中的颜色），核对这一格的文字颜色后保存，再导入")


def plain_size(size: object) -> str:
    """A font size as Excel's font box shows it: 1, 1.5."""
    return format(Decimal(str(size)).normalize(), "f")


def _raised_font(book, style_id: int) -> str:  # type: ignore[no-untyped-def]
    """「superscript」 or 「subscript」 where the cell's style sets its font so (Format Cells → Font →
    上标/下标), else "". A whole cell so set prints its figure small and high, the figure still: only
    the parts of a rich text that take the cell's font are raised by it (`raised_parts`)."""
    try:
        place = book._fonts[book._cell_styles[style_id].fontId].vertAlign if style_id else None
    except (IndexError, AttributeError):
        return ""
    return place if place in ("superscript", "subscript") else ""


def _struck_font(book, style_id: int) -> bool:  # type: ignore[no-untyped-def]
    """Whether the cell's style strikes its text through (Format Cells → Font → 删除线)."""
    try:
        return bool(style_id) and bool(book._fonts[book._cell_styles[style_id].fontId].strike)
    except (IndexError, AttributeError):
        return False


def _error_note(cells: list[tuple[str, str]]) -> list[str]:
    """The note on shown cells whose formula failed (#DIV/0!, #REF!, #N/A), which are read as
    blank: the form shows no figure there. Read as text, the 实际值 「#N/A」 was published as the
    figure achieved. Blank, a 实际值 is missing and a 得分 unpublished, as on the form, and the
    clerk is told which cells. A file is not refused for them: a form's 执行率 of a fund with no
    budget (=执行数/预算数 over an empty cell) shows #DIV/0! on forms as units hand them in."""
    if not cells:
        return []
    return [f"{_cells(cells)}：这些格的公式出错，表上显示的是错误值而不是数字或文字，已按空白读取"
            "（得分为空的指标按未公布处理，实际值为空的指标需补填）：请在 Excel 中改正公式（或填入应有的数值）后核对"]


def _cells(cells: list[tuple[str, str]]) -> str:
    """「工作表「自评表」 E4 显示 #DIV/0!、E5 …等 7 格」: the first five, each sheet named once."""
    label = cells[0][0]
    more = f"等 {len(cells)} 格" if len(cells) > 5 else ""
    return f"{label} " + "、".join(ref if at == label else f"{at} {ref}" for at, ref in cells[:5]) + more


REFUSED: tuple[tuple[str, str], ...] = (
    # A clerk strikes an old figure and types the new one beside it (in the cell, or in the next
    # column): the form on paper shows both, and read as text the cell 「~~90%~~95%」 imported as
    # 「90%95%」. Which one stands is the clerk's to say, by deleting the other.
    ("struck", "：这些格的文字有删除线，划掉的是作废的内容还是仍然有效，无法照原样判断："
               "请删去作废的内容（或取消删除线）、保存后再导入"),
    # A sheet showing its formulas, not their results (`_Sheet.formulas_shown`): the printed form
    # holds 「=SUM(E3:E5)」 where the 合计 stands, no figure at all, and the results the file keeps
    # were never on it.
    ("shown_formulas", "，但工作表设置了「显示公式」（Excel「公式 → 显示公式」），表上显示和打印的是公式本身"
                       "而不是计算结果，无法照原样读取：请在 Excel 中再点一次「显示公式」取消它，核对后保存，再导入"),
    # A text box or shape with text over the form (`_place_drawn`): printed over the cells it covers,
    # a 「30」 in a box over the 得分 「26」, or the only text of an empty cell; which the form shows is
    # not in the file. So with a picture with no transparent part over a figure (`_place_pictures`).
    ("drawn", "：这些地方有文本框、图形或图片浮在表格的格子上，打印时盖在格中的文字上，表上显示的是哪一个无法照原样判断："
              "请把文本框、图片中的内容移进格子（或删去作废的文本框、图形、图片）、保存后再导入"),
    # A shown number or date wider than its column (`_too_wide`): the form prints 「####」 there, no figure,
    # and the stored one was never on it.
    ("too_wide", "的数字（日期）比列宽宽，Excel 在表上显示和打印的是「####」而不是数字，无法照原样读取："
                 "请在 Excel 中把这一列拉宽到能显示出数字，核对后保存，再导入"),
)
"""What refuses a workbook, in this order: a `_Sheet` list of shown cells, and what follows the
cells named (`_cells`) in the message."""


def _grid(label: str, sheet: _Sheet) -> Grid:
    """The visible rows and columns up to the last cell with a value; merges clipped to them. Hidden
    rows and columns are left out, as on the printed form (a clerk hides a dropped indicator or
    last year's column instead of deleting it); their text is named in a note, never lost."""
    rows = [r for r in range(1, sheet.rows + 1) if r not in sheet.hidden_rows]
    cols = [c for c in range(1, sheet.cols + 1) if c not in sheet.hidden_cols]
    at_row, at_col = {r: i for i, r in enumerate(rows)}, {c: i for i, c in enumerate(cols)}
    grid = Grid(label, notes=sheet.notes)
    for r in rows:
        grid.rows.append([Cell(sheet.cells.get((r, c), ""), OWN, f"{get_column_letter(c)}{r}") for c in cols])
    budget = len(rows) * len(cols)  # valid merges never overlap, so together they cover at most the grid once
    covered: dict[tuple[int, int], str] = {}
    for first_col, first_row, last_col, last_row in sheet.merges:
        min_col, max_col = sorted((first_col, last_col))
        min_row, max_row = sorted((first_row, last_row))
        # Slices of the sorted visible rows and columns: a merge costs its own size, never the
        # sheet's, so the overlap budget below bounds a hostile file's many sheet-wide merges.
        shown_rows = rows[bisect_left(rows, min_row):bisect_right(rows, max_row)]
        shown_cols = cols[bisect_left(cols, min_col):bisect_right(cols, max_col)]
        if not shown_rows or not shown_cols:
            continue
        budget -= len(shown_rows) * len(shown_cols)
        name = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(min(max_col, 16384))}{max_row}"
        twice = budget < 0 or next((covered[(r, c)] for r in shown_rows for c in shown_cols if (r, c) in covered), None)
        if twice:
            # Two merges over one cell: Excel calls the file damaged and drops merges to open it,
            # so which text the cell shows is not known.
            both = f"（{twice} 与 {name}）" if isinstance(twice, str) else ""
            raise ImportFailure(f"{label}的合并单元格互相重叠{both}（Excel 不会这样保存），文件可能已损坏："
                                "请在 Excel 中打开、取消再重新合并后另存")
        covered.update(((r, c), name) for r in shown_rows for c in shown_cols)
        # A merge shows its top-left cell's text, hidden or not: then it is imported, not hidden.
        text = sheet.cells.get((min_row, min_col)) or sheet.hidden.pop((min_row, min_col), "")
        for r in shown_rows:
            for c in shown_cols:
                kind = OWN if (r, c) == (shown_rows[0], shown_cols[0]) else ABOVE if r > shown_rows[0] else LEFT
                if (r, c) != (min_row, min_col) and (held := sheet.cells.get((r, c))):
                    sheet.covered[(r, c)] = (held, name)
                grid.rows[at_row[r]][at_col[c]] = Cell(text, kind, f"{get_column_letter(c)}{r}")
    # The header and footer are read as title lines above the grid, as a Word table's paragraphs are;
    # below it, a footer's 「填报人：张三」 after the last indicator would read as one more indicator.
    # Excel prints no page of a sheet with nothing in it, so neither its header.
    if grid.rows:
        grid.rows[:0] = [[Cell(line, OWN, "页眉")] for line in sheet.header] + [
            [Cell(line, OWN, "页脚")] for line in sheet.footer]
    grid.notes += (_hidden_note(label, sheet) + _conditional_notes(label, sheet) + _covered_note(label, sheet)
                   + _rounded_note(label, sheet) + _format_notes(label, sheet))
    if sheet.linked:
        grid.notes.append(f"{label} " + "、".join(f"{get_column_letter(c)}{r}（{written}，取自{books}）" for (r, c), (written, books)
                                                  in list(sheet.linked.items())[:5])
                          + (f"等 {len(sheet.linked)} 格" if len(sheet.linked) > 5 else "")
                          + "：这些格的公式取自另一个工作簿，导入的是这个文件上次保存时记下的数，那个工作簿后来的改动不在其中："
                          "请核对这些数与那个工作簿中的一致；不再需要链接的，请在 Excel「数据 → 编辑链接 → 断开链接」"
                          "（WPS：「数据 → 编辑链接」）把它们变成数字、保存后再导入")
    if sheet.stale:
        grid.doubtful = {f"{get_column_letter(c)}{r}": said for (r, c), said in sheet.stale.items()}
        grid.notes += stale_note(label, list(sheet.stale.values()))
    if sheet.in_cell:
        grid.notes.append(f"{label} {_listed(sheet.in_cell, lambda held: '')} 是放在格子里的图片（WPS「嵌入单元格图片」、"
                          "Excel「置于单元格内」），表上印的是图片，读不出其中的文字或数字，按空白导入：如果图片中是表上的数字或文字"
                          "（得分、签名以外的内容），请把它填进格子、删去图片后再导入")
    if sheet.blank:
        shown = "、".join(f"{get_column_letter(c)}{r}（{text[:20]}）" for (r, c), text in list(sheet.blank.items())[:5])
        more = f"等 {len(sheet.blank)} 格" if len(sheet.blank) > 5 else ""
        grid.notes.append(f"{label} {shown}{more}保存了内容，但数字格式（如「;;;」）使它在表上显示为空白：按表上的空白导入；"
                          "如果它应当显示，请把这一格的格式改为「常规」后再导入")
    if sheet.zeros:
        grid.notes.append(f"{label} {_listed(sheet.zeros, lambda text: '')} 保存的是 0，但这张工作表设置了不显示零值"
                          "（Excel「文件 → 选项 → 高级 → 在具有零值的单元格中显示零」没有勾选），表上显示为空白：按表上的空白导入；"
                          "如果应当显示 0，请勾选这一项（WPS：「视图 → 零值」）、保存后再导入")
    if sheet.unseen:
        shown = "、".join(f"{get_column_letter(c)}{r}（{text[:20]}，{why}）" for (r, c), (text, why) in list(sheet.unseen.items())[:5])
        more = f"等 {len(sheet.unseen)} 格" if len(sheet.unseen) > 5 else ""
        grid.notes.append(f"{label} {shown}{more}保存了内容，但在表上看不见：按表上的空白导入；"
                          "如果它应当显示，请把字体颜色改为「自动」（黑色）、字号改为正常大小后再导入；如果是作废的内容，请删去")
    if sheet.partly:
        shown = "、".join(f"{get_column_letter(c)}{r}（" + "、".join(f"「{part[:20]}」{why}" for part, why in gone)
                         + f"，读作「{seen[:20]}」）" for (r, c), (seen, gone) in list(sheet.partly.items())[:5])
        more = f"等 {len(sheet.partly)} 格" if len(sheet.partly) > 5 else ""
        grid.notes.append(f"{label} {shown}{more}：格中有一部分文字在表上看不见，按表上看到的部分导入；"
                          "如果它应当显示，请把这部分文字的颜色改为「自动」（黑色）、字号改为正常大小后再导入；如果是作废的内容，请删去")
    return grid


T = TypeVar("T")


def _listed(cells: Mapping[tuple[int, int], T], show: Callable[[T], str]) -> str:
    """The first five of `cells` ((row, column) → what it held) as 「B7」 and show(what), then
    「等 N 格」 when there are more: a note names cells the clerk can find, not all of them."""
    shown = "、".join(f"{get_column_letter(min(c, 16384))}{r}{show(held)}" for (r, c), held in list(cells.items())[:5])
    return shown + (f"等 {len(cells)} 格" if len(cells) > 5 else "")


def _conditional_notes(label: str, sheet: _Sheet) -> list[str]:
    """What the conditional formats hid, and what they may hide, for the clerk to judge."""
    notes = []
    if sheet.conditional:
        shown = _listed(sheet.conditional, lambda held: f"（{held[0][:20]}，{held[1]}）")
        notes.append(f"{label} {shown}保存了内容，但工作表的条件格式使它在表上看不见：按表上的空白导入；"
                     "如果它应当显示，请在 Excel「开始 → 条件格式 → 管理规则」中改正或删除这条规则后再导入；"
                     "如果是作废的内容，请删去")
    if sheet.doubtful:
        shown = _listed(sheet.doubtful, lambda text: f"（{text[:20]}）")
        notes.append(f"{label} {shown}有条件格式，条件成立时文字在表上看不见（与底色同色或不显示数字），"
                     "本程序无法判断条件是否成立，已按保存的内容导入：请在 Excel 中核对这些格在表上是否显示；"
                     "如果不显示，请删去其中的内容或改正条件格式后再导入")
    return notes


def _format_notes(label: str, sheet: _Sheet) -> list[str]:
    """The cells shown in another number format than their own by a conditional format, and the
    figures shown in Chinese numerals: read as the figure the form shows, and named."""
    notes = []
    if sheet.reformatted:
        shown = _listed(sheet.reformatted, lambda held: f"（格式「{held[2][:30]}」，表上显示「{held[1][:20]}」，"
                                                        f"单元格本身的格式显示「{held[0][:20]}」）")
        notes.append(f"{label} {shown}：条件格式在条件成立时改变了数字格式，按表上显示的导入："
                     "请核对导入的数；如果应当按单元格本身的格式公布，请在 Excel「开始 → 条件格式 → 管理规则」中删去这条规则后再导入")
    if sheet.currency:
        notes.append(f"{label} {_listed(sheet.currency, lambda held: f'（表上印作「{held[:20]}」）')}是货币格式："
                     "货币符号只表示币种，不说明是元还是万元，按表头或「金额单位」写明的单位读取，不换算："
                     "请核对这些数的单位（表头写万元、这些数其实是元的，请把 budget.unit 改为 元）")
    if sheet.chinese:
        shown = _listed(sheet.chinese, lambda held: f"（格式「{held[1][:30]}」，读作 {held[0][:20]}）")
        notes.append(f"{label} {shown}：数字格式用中文数字（如「一百二十三」「壹佰贰拾叁」）显示这个数，"
                     "按它表示的数导入：请核对导入的数与表上的中文数字一致")
    return notes


def _covered_note(label: str, sheet: _Sheet) -> list[str]:
    """The values a merge covers (`_Sheet.covered`): the form shows the merge's top-left content (or
    nothing) there, and so does the import; a program that wrote a 得分 into the lower cell of a
    merged pair had it dropped without a word."""
    if not sheet.covered:
        return []
    cells = _listed(sheet.covered, lambda held: f"「{held[0][:20]}」（在合并单元格 {held[1]} 中）")
    return [f"{label} {cells}：这些格在合并单元格中、不是它左上角的格子，Excel 只显示左上角的内容，表上看不到它们，"
            "按表上显示的导入（没有这些内容）：如果它应当显示，请在 Excel 中取消合并、把内容移到左上角的格子后再导入"]


def _rounded_note(label: str, sheet: _Sheet) -> list[str]:
    """The cells whose format rounds what they hold (`shown_number`), still on the form: the figure
    imported is the one printed (29.5 formatted with no decimals printed and published as 30), and
    the clerk is told the stored one, in case the form should have shown it; so too of the cells it
    shows as words (`format_words`: 26 as 「不合格」)."""
    shown = [(r, c) for r, c in sheet.rounded if (r, c) in sheet.cells]
    if not shown:
        return []
    worded = [at for at in shown if not any(ch.isdecimal() for ch in sheet.rounded[at][1])]
    dashed = [at for at in shown if sheet.rounded[at][0] in DASHES]
    shown = [at for at in shown if at not in worded and at not in dashed]
    notes = []
    if dashed:
        listed = _listed({at: sheet.rounded[at] for at in dashed}, lambda held: f"（表上显示 {held[0]}）")
        notes.append(f"{label} {listed}：保存的是 0，数字格式（如会计专用格式）把 0 显示为「-」，按 0 导入"
                     "（按「-」导入，得分格会被当作没有公布得分）：如果这一格本来就没有数，请清空它后再导入")
    for cells, why in ((shown, "数字格式把保存的数字四舍五入后显示，按表上显示的数导入（公布的是表上印出的数）："
                               "如果应当公布更精确的数，请在 Excel 中「增加小数位数」后再导入"),
                       (worded, "数字格式不显示保存的内容，而显示格式中写的文字，按表上显示的文字导入："
                                "如果应当公布保存的内容，请在 Excel 中把格式改为「常规」或「数值」后再导入")):
        if cells:
            listed = _listed({at: sheet.rounded[at] for at in cells}, lambda held: f"（保存的是 {held[0][:20]}，表上显示 {held[1][:20]}）")
            notes.append(f"{label} {listed}：{why}")
    return notes


def _hidden_note(label: str, sheet: _Sheet) -> list[str]:
    """What the hidden rows and columns, and the cells outside the print area, held, for the clerk to judge."""
    notes = []
    include = "如果它是表格的一部分，请在 Excel 中「页面布局 → 打印区域」把它包括进来（或「取消打印区域」）后再导入"
    totals = sorted({r for (r, _), text in sheet.outside.items() if is_total(text)})
    for r in totals:  # said apart: in 「等 12 格」 the row the published total stands in went unseen
        cells = {at: text for at, text in sheet.outside.items() if at[0] == r}
        word = next(text for text in cells.values() if is_total(text))
        notes.append(f"{label}的「{word}」行 {_listed(cells, lambda text: f'「{text[:20]}」')}在打印区域"
                     f"（{_area_text(sheet.area)}）以外：没有导入，未作为公布的总分（或合计）；{include}")
    rest = {at: text for at, text in sheet.outside.items() if at[0] not in totals}
    if rest:
        shown = _listed(rest, lambda text: f"「{text[:20]}」")
        notes.append(f"{label}设置了打印区域（{_area_text(sheet.area)}），区域以外的内容没有导入：{shown}。"
                     f"打印区域以外的内容不在打印和公布的表上（常是草稿计算）；{include}")
    if not sheet.hidden:
        return notes
    shown = _listed(sheet.hidden, lambda text: f"「{text[:20]}」")
    return [*notes, f"{label}有隐藏的行或列，其中的内容没有导入：{shown}。隐藏的内容不在公布的表上；"
            "如果它是表格的一部分，请在 Excel 中取消隐藏后再导入"]


@dataclass(frozen=True)
class Rule:
    """One rule of a conditional format (``<cfRule>``) with the ranges of its ``sqref``."""

    ranges: tuple[tuple[int, int, int, int], ...]
    """(first column, first row, last column, last row) of each range."""
    kind: str
    operator: str = ""
    formulas: tuple[str, ...] = ()
    text: str = ""
    dxf: int | None = None
    """The differential style (``<dxf>``) it applies when it holds; None for a colour scale, a data bar or icons."""
    priority: int = 1 << 30
    stop: bool = False
    inline: DifferentialStyle | None = field(default=None, compare=False)
    """The differential style an Excel 2010 rule (`x14_rules_of`) carries in itself, in place of `dxf`."""

    def covers(self, r: int, c: int) -> bool:
        return any(c0 <= c <= c1 and r0 <= r <= r1 for c0, r0, c1, r1 in self.ranges)


def rules_of(element) -> list[Rule]:  # type: ignore[no-untyped-def]
    """The rules of a ``<conditionalFormatting>``; none where its ranges cannot be read."""
    try:
        ranges = tuple(range_boundaries(part) for part in (element.get("sqref") or "").split())
    except (ValueError, TypeError):
        return []
    ranges = tuple((c0 or 1, r0 or 1, c1 or 16384, r1 or 1048576) for c0, r0, c1, r1 in ranges)  # type: ignore[misc]
    out = []
    for rule in element.iter(_RULE):
        dxf, priority = rule.get("dxfId", ""), rule.get("priority", "")
        out.append(Rule(ranges, rule.get("type", ""), rule.get("operator", ""),
                        tuple((f.text or "").strip() for f in rule.iter(_FORMULA_TEXT)), rule.get("text", ""),
                        int(dxf) if dxf.isdigit() else None, int(priority) if priority.isdigit() else 1 << 30,
                        rule.get("stopIfTrue") in _TRUE))
    return out


def x14_rules_of(element) -> list[Rule]:  # type: ignore[no-untyped-def]
    """The rules of an Excel 2010 ``<x14:conditionalFormatting>`` (in the sheet's ``extLst``),
    read as `rules_of` reads the main ones: its ranges are the text of ``<xm:sqref>``, a rule's
    formulas ``<xm:f>``, its style an ``<x14:dxf>`` of its own. Excel writes a rule there when its
    formula refers to another sheet (and for data bars and icons, which hide nothing); openpyxl
    drops the part, so a rule 「=自评表!$B$4>0 → 白色字体」 whitened a score unseen by the reader."""
    sqref = element.find(_XM_SQREF)
    try:
        ranges = tuple(range_boundaries(part) for part in (sqref.text or "").split()) if sqref is not None else ()
    except (ValueError, TypeError):
        return []
    ranges = tuple((c0 or 1, r0 or 1, c1 or 16384, r1 or 1048576) for c0, r0, c1, r1 in ranges)  # type: ignore[misc]
    out = []
    for rule in element.iter(_X14_RULE):
        priority, dxf = rule.get("priority", ""), rule.find(_X14_DXF)
        inline = DifferentialStyle.from_tree(dxf) if dxf is not None else None
        out.append(Rule(ranges, rule.get("type", ""), rule.get("operator", ""),
                        tuple((f.text or "").strip() for f in rule.iter(_XM_FORMULA)), rule.get("text", ""),
                        None, int(priority) if priority.isdigit() else 1 << 30, rule.get("stopIfTrue") in _TRUE,
                        inline))
    return out


_LITERAL = re.compile(r'^(?:(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|"((?:[^"]|"")*)"|(TRUE|FALSE))$', re.I)
_RELATION = re.compile(r'^(.+?)\s*(<=|>=|<>|<|>|=)\s*(.+)$')
_OPERATORS = {"equal": "=", "notEqual": "<>", "greaterThan": ">", "greaterThanOrEqual": ">=", "lessThan": "<",
              "lessThanOrEqual": "<="}


def _constant(formula: str) -> Decimal | str | bool | None:
    """A formula that is a constant (``20``, ``"作废"``, ``TRUE``), as Excel compares it; None for any other."""
    match = _LITERAL.match(formula.strip().lstrip("="))
    if match is None:
        return None
    if match[1] is not None:
        return Decimal(match[1])
    if match[2] is not None:
        return match[2].replace('""', '"')
    return match[3].upper() == "TRUE"


def _compared(left: object, operator_: str, right: object) -> bool | None:
    """``left operator right`` as Excel compares two constants; None where it cannot be told here
    (a number against text beyond equality)."""
    if isinstance(left, bool) or isinstance(right, bool):
        if type(left) is not type(right):
            return operator_ == "<>" if operator_ in ("=", "<>") else None
    elif isinstance(left, str) and isinstance(right, str):
        left, right = left.casefold(), right.casefold()  # Excel compares text without case
    elif isinstance(left, str) or isinstance(right, str):
        return operator_ == "<>" if operator_ in ("=", "<>") else None
    return bool(_COMPARE[operator_](left, right))


def holds(rule: Rule, value: object) -> bool | None:
    """Whether a rule of a conditional format holds for a cell holding `value`; None where it
    cannot be told here (a formula that refers to cells, a rule over the whole range such as top
    10 or above average). A cell value rule (cellIs) against constants, an expression that is a
    constant (``TRUE``, ``1=1``: a clerk's way to whiten a cell 「by rule」) and the text rules are
    evaluated; they are what a clerk writes to hide a cell."""
    if isinstance(value, float | int) and not isinstance(value, bool):
        value = as_excel_shows(value)
    elif not isinstance(value, str | bool):
        return None  # a date: compared as its serial number, which is not kept here
    if rule.kind == "cellIs":
        bounds = [_constant(f) for f in rule.formulas]
        if not bounds or any(b is None for b in bounds):
            return None
        if rule.operator in ("between", "notBetween") and len(bounds) == 2:
            low, high = (_compared(value, ">=", bounds[0]), _compared(value, "<=", bounds[1]))
            low_, high_ = (_compared(value, ">=", bounds[1]), _compared(value, "<=", bounds[0]))
            if None in (low, high, low_, high_):
                return None
            inside = bool((low and high) or (low_ and high_))  # Excel takes the two bounds in either order
            return inside if rule.operator == "between" else not inside
        return _compared(value, _OPERATORS[rule.operator], bounds[0]) if rule.operator in _OPERATORS else None
    if rule.kind == "expression" and len(rule.formulas) == 1:
        formula = rule.formulas[0].lstrip("=").strip()
        alone = _constant(formula)
        if alone is not None:
            return alone if isinstance(alone, bool) else alone != 0 if isinstance(alone, Decimal) else None
        relation = _RELATION.match(formula)
        if relation is not None:
            left, right = _constant(relation[1]), _constant(relation[3])
            return None if left is None or right is None else _compared(left, relation[2], right)
        return None
    if rule.kind in ("containsText", "notContainsText", "beginsWith", "endsWith"):
        if not isinstance(value, str) or not rule.text:
            return None
        text, part = value.casefold(), rule.text.casefold()
        return {"containsText": part in text, "notContainsText": part not in text, "beginsWith": text.startswith(part),
                "endsWith": text.endswith(part)}[rule.kind]
    return {"containsBlanks": False, "notContainsBlanks": True, "containsErrors": False,
            "notContainsErrors": True}.get(rule.kind)  # a cell read holds a value and no error


@dataclass
class _Look:
    """How a cell is drawn: its font's colour and size, the colour under it, the format of its value."""

    ink: str
    size: str
    under: str
    number_format: str | None = None

    def over(self, dxf) -> _Look:  # type: ignore[no-untyped-def]
        """This look with what a differential style sets over it (a dxf's solid fill is its bgColor)."""
        font, fill, number = getattr(dxf, "font", None), getattr(dxf, "fill", None), getattr(dxf, "numFmt", None)
        ink = _colour(font.color, self.ink) if font is not None and font.color is not None else self.ink
        size = str(font.sz) if font is not None and font.sz is not None else self.size
        under = self.under
        if fill is not None and getattr(fill, "patternType", None) in (None, "solid"):
            shade = next((c for c in (fill.bgColor, fill.fgColor) if c is not None and not (
                c.type == "rgb" and c.rgb == "00000000")), None)  # openpyxl's colour when none is written
            under = _colour(shade, self.under)
        code = number.formatCode if number is not None else self.number_format
        return _Look(ink, size, under, code)

    def hides(self, value: object, palette: Sequence[str] = COLOR_INDEX) -> str:
        """Why a value so drawn cannot be seen, or "": a colour code of the format (``[白色]0``)
        draws it in place of the font's colour."""
        if self.number_format is not None and shows_nothing(value, self.number_format):
            return f"数字格式「{self.number_format}」不显示它"
        if _NUMBER.match(self.size) and float(self.size) < SMALLEST_SHOWN:
            return f"字号只有 {plain_size(self.size)} 磅"
        coded = format_ink(self.number_format, value, palette) if self.number_format else ""
        why = _unseen_ink(coded or self.ink, self.under)
        return f"{why}（数字格式「{self.number_format}」中的颜色代码所设）" if why and coded else why


def _reformatted(number_format: str | None, value: object, text: str, where: str) -> tuple[str, str] | None:
    """(what a cell holding `value` shows in a conditional format's `number_format`, the stored
    figure where that rounds it) where it is not `text` (what the cell's own format shows); None
    where the rule sets no format or shows the same. A format that writes digits of its own
    refuses the cell (`shown_number`), as the cell's own would."""
    if number_format is None:
        return None
    try:
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float):
            shown = shown_number(value, number_format)
        elif isinstance(value, dt.date):
            shown = (date_text(value, number_format), "")
        elif isinstance(value, str):
            drawn = _drawn_section(number_format, value) or ""
            if written := written_digits(drawn):
                raise Unshowable(f"的文字部分写定了数字「{written}」")
            words = format_words(drawn) if ";" in number_format else None
            shown = (words, text) if words is not None else (text, "")
        else:
            return None
    except Unshowable as exc:
        held = f"数字是 {_plain(as_excel_shows(value))}" if isinstance(value, int | float) else f"是「{text[:20]}」"
        raise unshowable(f"{where}（条件格式）", held, number_format, exc) from exc
    return shown if shown[0] != text else None


def _conditional_runs(sheet: _Sheet, at: tuple[int, int], look: _Look, inked: bool, where: str) -> None:
    """A rich text cell under conditional formats that hold (`look`): its runs drawn as `unseen_runs`
    tells on the rule's fill, a run of no colour of its own in the rule's font colour; what no one
    sees is left out and named, as in a cell of no rule. Whether a rule's font colour (`inked`)
    also colours the runs that set their own is not settled here: where that changes what is seen
    the cell is refused, naming it (a rule whitening a cell of red and black runs)."""
    runs = sheet.rich[at]
    seen, gone = unseen_runs(runs, look.under, look.ink, look.size)
    if inked and (seen, gone) != unseen_runs(tuple((text, look.ink, size) for text, _, size in runs), look.under,
                                             look.ink, look.size):
        raise ImportFailure(f"{where} 的文字分几段设了颜色，工作表的条件格式又在条件成立时规定了字体颜色，格中哪些文字在表上"
                            "看得见无法照原样判断，拒绝读取：请把这一格的文字颜色改为「自动」，或在 Excel「开始 → 条件格式 → 管理规则」"
                            "中删去这条规则，核对后保存，再导入")
    if gone and not clean(seen):
        sheet.conditional[at] = (sheet.cells.pop(at), "条件格式使" + gone[0][1])
        sheet.partly.pop(at, None)
        return
    sheet.cells[at] = clean(seen)
    if gone:
        sheet.partly[at] = (clean(seen), gone)
    else:
        sheet.partly.pop(at, None)


def _conditional(sheet: _Sheet, book, label: str) -> None:  # type: ignore[no-untyped-def]
    """Take out of the sheet's cells those its conditional formats hide, and name those they may
    hide. A rule 「单元格值 = 20 → 白色字体」 (or a ``;;;`` format) hides the figure on the printed
    form while the file keeps it: read as stored, it was published. Rules apply by priority, a
    higher one's colour over a lower one's, and stop where a rule that holds says so. A rule that
    holds and sets a number format shows the cell in it (``0.00,"万"``, ``[DBNum2]``): the figure
    read is the one shown, and named (`_Sheet.reformatted`); one whose condition cannot be told
    here and that would show another figure refuses the sheet, naming the cell."""
    try:
        dxfs = list(book._differential_styles.styles)
    except AttributeError:
        dxfs = []
    rules = sorted((rule for rule in sheet.rules
                    if rule.inline is not None or (rule.dxf is not None and rule.dxf < len(dxfs))),
                   key=lambda rule: rule.priority)
    looks: dict[int, _Look] = {}
    for (r, c) in list(sheet.cells):
        applying = [rule for rule in rules if rule.covers(r, c)]
        if not applying:
            continue
        value, style = sheet.values[(r, c)]
        if style not in looks:
            looks[style] = _Look(*font_ink(book, style), paper(book, style))
        plain, held, doubt = looks[style], [], False
        at = f"{label} {get_column_letter(c)}{r}"
        for rule in applying:
            dxf = rule.inline if rule.inline is not None else dxfs[rule.dxf]  # type: ignore[index]
            verdict = holds(rule, value)
            if verdict is None:
                doubt = doubt or bool(plain.over(dxf).hides(value, book._colors))
                if _reformatted(plain.over(dxf).number_format, value, sheet.cells[(r, c)], at) is not None:
                    raise ImportFailure(f"{at} 有条件格式，条件成立时把数字格式改为「{plain.over(dxf).number_format}」，"
                                        "表上显示的数与格中的格式显示的不同；本程序无法判断条件是否成立，拒绝读取："
                                        "请在 Excel「开始 → 条件格式 → 管理规则」中删去改变数字格式的规则（或把它改成固定的格式），"
                                        "核对后保存，再导入")
            elif verdict:
                held.append(dxf)
                if rule.stop:
                    break
        look = plain
        for dxf in reversed(held):  # the rule of highest priority last: what it sets is drawn
            look = look.over(dxf)
        inked = any(getattr(getattr(dxf, "font", None), "color", None) is not None for dxf in held)
        if (r, c) in sheet.rich and (inked or look.under != plain.under) and not sheet.coloured.get(style) and not (
                look.number_format and shows_nothing(value, look.number_format)):
            _conditional_runs(sheet, (r, c), look, inked, at)  # a rule's colours over runs of colours of their own
            continue
        why = look.hides(value, book._colors) if held else ""
        if why:
            sheet.conditional[(r, c)] = (sheet.cells.pop((r, c)), "条件格式使" + why)
            continue
        if held and (shown := _reformatted(look.number_format, value, sheet.cells[(r, c)], at)) is not None:
            sheet.reformatted[(r, c)] = (sheet.cells[(r, c)], shown[0], look.number_format or "")
            sheet.cells[(r, c)] = shown[0]
            if shown[1]:
                sheet.rounded[(r, c)] = (shown[1], shown[0])
            if isinstance(value, int | float) and look.number_format not in ("General", "@"):
                sheet.figures[(r, c)] = (grouped(shown[0], look.number_format or ""), style)  # printed in the rule's format
        if held and isinstance(value, int | float) and "dbnum" in (look.number_format or "").lower():
            sheet.chinese[(r, c)] = (sheet.cells[(r, c)], look.number_format or "")
        if doubt:
            sheet.doubtful[(r, c)] = sheet.cells[(r, c)]
    if sheet.conditional:
        sheet.rows = max((r for r, _ in sheet.cells), default=0)
        sheet.cols = max((c for _, c in sheet.cells), default=0)


PRINT_AREA = "_xlnm.Print_Area"
FORMULA_MAX = 8192
"""Characters Excel allows in a formula, a name's range among them (Excel's specifications and limits):
a print area written longer is none Excel made, and is taken as unset. Splitting one by its commas looks
ahead to the end at each comma: 20,000 ranges (a 3 KB file) took 7.5 CPU s, 200,000 would take 750."""


def _workbook_part(book):  # type: ignore[no-untyped-def]
    """The workbook part's XML root, None where it cannot be read again (the workbook opened: what
    only this part tells, a print area or how to calculate, is then taken as unset)."""
    return workbook_root(book._archive)


def _workbook_name(archive: zipfile.ZipFile) -> str:
    """The workbook part's name in the package (「xl/workbook.xml」), as its content types say."""
    from openpyxl.reader.excel import _find_workbook_part

    manifest = Manifest.from_tree(etree.fromstring(archive.read(ARC_CONTENT_TYPES)))
    return str(_find_workbook_part(manifest).PartName.lstrip("/"))


def workbook_root(archive: zipfile.ZipFile):  # type: ignore[no-untyped-def]
    """`_workbook_part` of a package opened as a zip (`bulk.check_extent`)."""
    try:
        return etree.fromstring(archive.read(_workbook_name(archive)), etree.XMLParser(resolve_entities=False, no_network=True))
    except Exception:
        return None


def recalculates(archive: zipfile.ZipFile) -> bool:
    """`recalculated_on_open` of a package opened as a zip."""
    return recalculated_on_open(workbook_root(archive))


def recalculated_on_open(root) -> bool:  # type: ignore[no-untyped-def]
    """Whether Excel recalculates every formula when it opens the workbook (``<calcPr
    fullCalcOnLoad="1">``, unless calculation is manual, when Excel ignores it). XlsxWriter,
    openpyxl, ExcelJS and POI set it so that results they did not compute are never shown; Excel
    and LibreOffice do not write it, and Excel drops it when it saves."""
    props = root.find(f"{{{SHEET_MAIN_NS}}}calcPr") if root is not None else None
    return props is not None and props.get("fullCalcOnLoad") in _TRUE and props.get("calcMode") != "manual"


_EXTERNAL_REFERENCE = f"{{{SHEET_MAIN_NS}}}externalReference"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_LINK_INDEX = re.compile(r"\[(\d+)\]")
"""A formula's link to another workbook as the file writes it: ``[1]Sheet1!A1``, ``'[2]收支表'!C4``."""


def linked_books(book, root) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The workbook's links to other workbooks (Excel's 「数据 → 编辑链接」), by the number a formula
    calls each (``[1]``, in the order of ``<externalReferences>``) → the file as the link records it
    (「file:///D:/预算/2023年预算.xlsx」, 「2023年预算.xlsx」). A formula reading one shows, until
    Excel updates the link, the figure saved when the file was last saved."""
    references = root.find(f"{{{SHEET_MAIN_NS}}}externalReferences") if root is not None else None
    if references is None:
        return {}
    try:
        parts = _related(book, _workbook_name(book._archive))
    except Exception:
        parts = {}
    out = {}
    for n, reference in enumerate(references.iter(_EXTERNAL_REFERENCE), 1):
        folder, name = posixpath.split(parts.get(reference.get(_REL_ID, ""), ""))
        try:
            rels = etree.fromstring(book._archive.read(f"{folder}/_rels/{name}.rels"),
                                    etree.XMLParser(resolve_entities=False, no_network=True))
        except Exception:
            rels = []
        target = next((rel.get("Target", "") for rel in rels if rel.get("TargetMode") == "External"), "")
        out[str(n)] = unquote(target).strip()[:80] or f"第 {n} 个链接的工作簿（文件中没有记下它的位置）"
    return out


def _link(out: _Sheet, at: tuple[int, int], formula) -> None:  # type: ignore[no-untyped-def]
    """Note a shown cell whose formula (`formula`, its ``<f>``) reads another workbook (`linked_books`)."""
    si = formula.get("si", "") if formula.get("t") == "shared" else ""
    ref = f"{get_column_letter(at[1])}{at[0]}"
    if formula.text:
        books = _linked_books(formula.text, out.links)
        written = f"={formula.text}"
        if si:
            out.shared_links[si] = (written, ref, books)
    elif si in out.shared_links:
        first, origin, books = out.shared_links[si]
        written = Translator(first, origin=origin).translate_formula(ref)
    else:
        return
    if books:
        out.linked[at] = (written[:40], books)


def _print_areas(root) -> dict[str, tuple[tuple[int, int, int, int], ...]]:  # type: ignore[no-untyped-def]
    """Sheet title → its print area (「页面布局 → 打印区域」), read from the workbook part (`root`):
    openpyxl's read-only workbook drops it. A range that cannot be read is no print area (all is read)."""
    if root is None:
        return {}
    names = [sheet.get("name", "") for sheet in root.iter(f"{{{SHEET_MAIN_NS}}}sheet")]
    out = {}
    for element in root.iter(f"{{{SHEET_MAIN_NS}}}definedName"):
        local = element.get("localSheetId", "")
        if (element.get("name") != PRINT_AREA or not local.isdigit() or int(local) >= len(names)
                or len(element.text or "") > FORMULA_MAX):
            continue
        ranges = []
        for part in re.split(r",(?=(?:[^']*'[^']*')*[^']*$)", element.text or ""):
            try:
                c0, r0, c1, r1 = range_boundaries(part.rpartition("!")[2].replace("$", "").strip())
            except (ValueError, TypeError):
                ranges = []
                break
            ranges.append((c0 or 1, r0 or 1, c1 or 16384, r1 or 1048576))
        if ranges:
            out[names[int(local)]] = tuple(ranges)
    return out


def _area_text(area: tuple[tuple[int, int, int, int], ...]) -> str:
    """「A1:E10」, as Excel's page setup names it."""
    return "、".join(f"{get_column_letter(c0)}{r0}:{get_column_letter(c1)}{r1}" for c0, r0, c1, r1 in area)


def cell_text(cell, number_format: str | None = None) -> str:  # type: ignore[no-untyped-def]
    """What Excel shows in the cell, as text (never through a float's binary digits);
    `number_format` stands for the cell's own where openpyxl cannot name it (`LOCALE_DATES`)."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # as Excel and WPS show it in a Chinese locale too
    if isinstance(value, dt.date):
        return date_text(value, number_format or cell.number_format or "General")
    if isinstance(value, int | float):
        return number_text(value, cell.number_format or "General")
    return clean(str(value))


_DATE_PART = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|AM/PM|A/P|([ymdhs])\1*', re.I)
"""A date format's quoted text, colour, escape or AM/PM (no part of the date), or a run of one code letter."""


def date_text(value: dt.date, number_format: str) -> str:
    """A date cell as its format shows it, to the precision shown: a whole day as printed where
    the date readers read it back as that day (``yyyy"年"m"月"d"日"`` → 「2023年12月31日」,
    ``yyyy/m/d`` → 「2023/12/31」), else as ISO (``m-d-yy``, ``mmmm d, yyyy``, a time beside it);
    a month (``yyyy"年"m"月"``, ``yyyy.mm``, ``mmm-yy``) as 「2023年12月」, a year as 「2023年」, a
    day of no year as 「12月31日」. The data format publishes a form's text as written: a 年度指标值
    「2023年10月31日」 written 2023-10-31 would be a target the form never printed, and a 公布日期 or a
    完成时限 reads the same either way (`form_date`). Written as ISO, a 填报日期 or a 完成时间 the
    form showed as 「2023年12月」 would be published as 2023-12-01, a day it never said; 「2023.12」 as
    printed would read as the number 2023.12. A time alone (``h:mm``) keeps the date: no form
    prints one."""
    day = value.date() if isinstance(value, dt.datetime) else value
    codes = [(m[1].lower(), len(m[0])) for m in _DATE_PART.finditer(number_format.split(";")[0]) if m[1]]
    letters = [c for c, _ in codes]

    def minutes(i: int) -> bool:  # m after h or before s is minutes, as Excel reads it
        return "h" in letters[:i][-1:] or "s" in letters[i + 1:i + 2]

    has_year = "y" in letters
    has_month = any(c == "m" and not minutes(i) for i, c in enumerate(letters))
    has_day = any(c == "d" and n <= 2 for c, n in codes)  # ddd and dddd name the weekday
    if has_year and has_month and has_day:
        printed = printed_date(day, number_format)
        return printed if form_date(printed) == FormDate(day.year, day.month, day.day) else day.isoformat()
    if not (has_year or has_month or has_day):
        return day.isoformat()
    return (f"{day.year}年" if has_year else "") + (f"{day.month}月" if has_month else "") + (f"{day.day}日" if has_day else "")


class Unshowable(ValueError):
    """A number format whose display cannot be written as the number: the reason, for the clerk."""


_FORMAT_TOKEN = re.compile(r'"[^"]*"|\[[^\]]*\]|[\\!_*].|[0#?]|.', re.S)
_TRAILING_COMMAS = re.compile(r"[0#?](,+)[^0#?]*$")


def _tokens(section: str) -> list[str]:
    """A format section's tokens (quoted text, an escaped character, a placeholder, any other
    character), its colours and conditions left out."""
    return [t for t in _FORMAT_TOKEN.findall(section) if not t.startswith("[")]


def _split_digits(section: str) -> str | None:
    """What a format puts between its digit placeholders other than ``,`` and ``.``: the 万 trick
    ``0!.0,"万"`` (12345678 shown as 1234.6万), a fraction ``# ?/?`` (3.14 as 3 1/7). None when
    the digits are shown together."""
    tokens = _tokens(section)
    places = [i for i, t in enumerate(tokens) if t in ("0", "#", "?")]
    if len(places) < 2:
        return None
    between = [t for t in tokens[places[0]:places[-1]] if t not in ("0", "#", "?", ",", ".", " ")]
    if any(t.upper() in ("E", "+", "-") for t in between) and re.search(r"[0#?.]E[+-]", section, re.I):
        return None  # scientific notation (0.00E+00): the stored number is the figure, at full precision
    return "".join(between) or None


def _filled(number: Decimal, section: str) -> str:
    """The integer `number` written into the format's placeholders right to left, as Excel does
    when text stands among them (``0000-00-00``: 20231231 → 2023-12-31; ``0!.0"万"`` after the
    scaling comma: 12345.678 → 1234.6万); the leftmost placeholder takes the digits left over."""
    tokens = [t for t in _tokens(section) if t != ","]
    digits = str(abs(number.to_integral_value(rounding=ROUND_HALF_UP)))
    digits = "" if digits == "0" else digits
    first = next(i for i, t in enumerate(tokens) if t in ("0", "#", "?"))
    out = []
    for i in range(len(tokens) - 1, -1, -1):
        token = tokens[i]
        if token in ("0", "#", "?"):
            taken, digits = (digits, "") if i == first else (digits[-1:], digits[:-1])
            out.append(taken or {"0": "0", "#": "", "?": " "}[token])
        elif token.startswith('"'):
            out.append(token[1:-1])
        elif token[0] in "\\!":
            out.append(token[1:])
        elif token[0] in "_*":
            out.append(" " if token[0] == "_" else "")
        else:
            out.append(token)
    return ("-" if number < 0 else "") + "".join(reversed(out)).strip()


_CONDITION = re.compile(r"\[(<=|>=|<>|<|>|=)\s*(-?\d+(?:\.\d+)?)\]")
_COMPARE = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "=": operator.eq, "<>": operator.ne}


def _section(number_format: str, number: Decimal) -> str:
    """The section of the format Excel shows `number` with. A conditional format such as
    ``[>=100000]0.00,"万";0.00`` shows large amounts in 万 and small ones as they are, so its
    first section is taken only when its condition holds. Without conditions the first section is
    used for every number, its sign written as a minus (what the figure is, whatever the colour)."""
    sections = number_format.split(";")
    for index, section in enumerate(sections[:2]):
        condition = _CONDITION.search(section)
        if condition is None:
            return sections[index] if index else sections[0]
        if _COMPARE[condition[1]](number, Decimal(condition[2])):
            return section
    return sections[2] if len(sections) > 2 else sections[-1]


_NOTHING_SHOWN = re.compile(r'\[[^\]]*\]|"\s*"|_.|\*\s|\\\s|\s')
"""What a format section may hold and still show nothing: colours and conditions, quoted blanks
(``""``), padding the width of a character (``_)``), a fill of spaces (``* ``), spaces."""


def shows_nothing(value: object, number_format: str) -> bool:
    """Whether the format shows this value as an empty cell: ``;;;`` hides everything, ``0;-0;``
    and ``0;-0;""`` a zero, ``""`` every number, a fourth section left empty (or ``""``) any text.
    Read as stored, a score of 20 the form showed as blank was published (and a clerk hides an old
    figure this way rather than delete it)."""
    if (";" not in number_format and '"' not in number_format) or isinstance(value, bool | dt.date):
        return False  # the usual General or 0.00: no test per cell (5,000 rows: 90,000 calls fewer)
    section = _drawn_section(number_format, value)
    return section is not None and not _NOTHING_SHOWN.sub("", section)


def _drawn_section(number_format: str, value: object) -> str | None:
    """The section Excel draws `value` with, colour and all: a text's fourth (a format of one
    section with an ``@`` is a text format, ``[白色]@``: that one; else ``@`` where there is none),
    a number's by its condition or else by its sign (second for a negative, third for a zero); None
    for a value of no number format (a date, a truth value)."""
    sections = number_format.split(";")
    if isinstance(value, str):
        return sections[3] if len(sections) > 3 else sections[0] if len(sections) == 1 and "@" in sections[0] else "@"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = as_excel_shows(value)
    if _CONDITION.search(number_format):
        return _section(number_format, number)
    return sections[1 if number < 0 and len(sections) > 1 else 2 if number == 0 and len(sections) > 2 else 0]


_FORMAT_COLOURS = {"black": _INK, "white": _PAGE, "red": "FF0000", "green": "00FF00", "blue": "0000FF",
                   "yellow": "FFFF00", "magenta": "FF00FF", "cyan": "00FFFF",
                   "黑色": _INK, "白色": _PAGE, "红色": "FF0000", "绿色": "00FF00", "蓝色": "0000FF",
                   "黄色": "FFFF00", "洋红": "FF00FF", "青色": "00FFFF"}
"""A number format's colour codes (``[Red]``; the Chinese Excel's ``[红色]``) as RRGGBB; ``[ColorN]``
is the legacy palette's N+7th (`COLOR_INDEX`: ``[Color2]`` is white)."""
_COLOUR_CODE = re.compile(r"\[\s*(?:colou?r\s*(\d+)|([^\]\d<>=$]+?))\s*\]", re.I)


def format_ink(number_format: str, value: object, palette: Sequence[str] = COLOR_INDEX) -> str:
    """The colour the number format draws `value` in (``[White]0``, ``[Color2]0``, ``[白色]0``), as
    RRGGBB; "" where the section it is drawn with names none (the font's colour then). A figure
    drawn in the colour of its fill shows nothing, as a white font on white does (`unseen_font`).
    ``[ColorN]`` is the workbook's palette's N+7th colour (`palette`: its ``indexedColors``, else
    Excel's default, where ``[Color2]`` is white)."""
    section = _drawn_section(number_format, value) if "[" in number_format else None
    for match in _COLOUR_CODE.finditer(section or ""):
        if match[1] is not None:
            if 1 <= int(match[1]) <= 56 and int(match[1]) + 7 < len(palette):
                return str(palette[int(match[1]) + 7])[-6:].upper()
        elif (colour := _FORMAT_COLOURS.get(match[2].lower())) is not None:
            return colour
    return ""


@cache  # a sheet has a few sections and 100,000 figures
def written_digits(section: str) -> str:
    """The digits a format section writes as its own text where they read as part of the figure,
    "" for none: digits in a section that shows no placeholder (``"40"``, ``\\4\\0``: 40 for any
    number; ``[<100]"40";0``: every score under 100), next to the figure (``"4"0`` prints 0 as 40,
    ``0".5"`` 26 as 26.5), among its placeholders (``0"4"0``) or filling the cell (``*4``), in any
    script (``"٤"``, ``"４"``). Digits a word holds apart from the figure (``0"m2"``, ``"第1名："0``)
    are a unit or a label, read as before."""
    tokens = _tokens(re.sub("general|G/通用格式", "0", section, flags=re.I))  # the Chinese Excel's General
    if fill := "".join(t[1] for t in tokens if t[0] == "*" and t[1:].isdecimal()):
        return fill
    texts = [None if t in ("0", "#", "?", "@") else t[1:-1] if t[0] == '"' else t[1:] if t[0] in "\\!" else
             "" if t[0] in "_*" else t for t in tokens]
    places = [i for i, t in enumerate(texts) if t is None]
    if not places:
        return "".join(ch for t in texts if t for ch in t if ch.isdecimal())
    before = re.search(r"\d[\d.,\s]*$", "".join(t for t in texts[:places[0]] if t))
    after = re.match(r"[\d.,\s]*\d", "".join(t for t in texts[places[-1] + 1:] if t))
    between = "".join(ch for t in texts[places[0]:places[-1]] if t for ch in t if ch.isdecimal())
    return ((before[0] if before else "") + between + (after[0] if after else "")).strip()


@cache
def format_words(section: str) -> str | None:
    """The text a number format section shows in place of the number (``[>=60]"合格";"不合格"``, a
    zero's ``"-"``): the section has no digit placeholder and writes something visible. None for a
    section that shows the number (or nothing at all: `shows_nothing`)."""
    tokens = _tokens(re.sub("general|G/通用格式", "0", section, flags=re.I))
    if any(t in ("0", "#", "?", "@") for t in tokens):
        return None
    words = "".join(t[1:-1] if t[0] == '"' else t[1:] if t[0] in "\\!" else "" if t[0] in "_*" else t for t in tokens)
    return clean(words) or None


DASHES = frozenset("-－—–")


@cache
def dashed_zero(section: str) -> bool:
    """Whether a zero's section prints only a dash: the accounting format's ``_ * "-"??_ `` (the
    ``??`` keep the dash above the decimals) and ``#,##0;-#,##0;"-"``, how a 财务 sheet prints 0.
    The cell holds 0 and is read as 0: read as the printed 「-」 a 得分 was no score at all, and
    the site scored the indicator by its rules (40 of 40 where the clerk gave 0); the sheet's SUM of
    the scores counted the 0."""
    tokens = _tokens(section)
    if any(t in ("0", "@") for t in tokens):
        return False
    shown = "".join(t[1:-1] if t[0] == '"' else t[1:] if t[0] in "\\!" else "" if t[0] in "_*" or t in ("#", "?") else t
                    for t in tokens)
    return shown.strip() in DASHES


_SCIENCE = re.compile(r"([0#?,]*)(?:\.([0#?]*))?[eE]([+-])([0#?]+)")


def _scientific(number: Decimal, section: str) -> str | None:
    """A scientific format's display of `number` (``0E+0`` shows 26 as 3E+1) where it shows fewer
    digits than the number has, "" where it shows them all (2.6E+1 in ``0.0E+0``), None for a
    format of no exponent. With n integer placeholders the exponent is a multiple of n (``##0.0E+0``)."""
    if (science := _science(section)) is None:
        return None
    whole, places, plus, width = science
    exponent = (number.adjusted() // whole) * whole if number else 0
    mantissa = number.scaleb(-exponent).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_WIDE)
    if mantissa.scaleb(exponent) == number:
        return ""
    sign = "-" if exponent < 0 else "+" if plus else ""
    return f"{mantissa:f}E{sign}{abs(exponent):0{width}d}"


@cache
def _science(section: str) -> tuple[int, int, bool, int] | None:
    """A scientific section's integer placeholders, decimal places, whether it writes E+, and the
    exponent's digits; None for a section of no exponent."""
    match = _SCIENCE.search(re.sub(r'"[^"]*"|\[[^\]]*\]|\\.|!.|_.|\*.', "", section))
    if match is None:
        return None
    return (max(sum(match[1].count(p) for p in "0#?"), 1), sum((match[2] or "").count(p) for p in "0#?"),
            match[3] == "+", len(match[4]))


def _unquoted(section: str) -> str:
    """The format without its quoted text, colours and conditions."""
    return re.sub(r'"[^"]*"|\[[^\]]*\]', "", section)


def number_text(value: int | float, number_format: str) -> str:
    """``0.95`` with ``0%`` → ``95%``; ``4700.9`` with ``0.00`` → ``4700.90``; General keeps the digits
    (`shown_number`'s text)."""
    return shown_number(value, number_format)[0]


def shown_number(value: int | float, number_format: str) -> tuple[str, str]:
    """The number as the format shows it (`number_text`), and the stored number in the same terms
    where the format rounds it (29.5 in ``0`` shows 「30」: 「29.5」; 0.99239 in ``0.00%`` shows
    「99.24%」: 「99.239%」), "" where it shows every digit. The form printed the rounded figure and
    it is what is imported; the stored one is for the note that says so (`_rounded_note`).

    Trailing commas scale as in Excel (``#,##0.00,`` shows 12345678 as 12,345.68: thousands). A
    format that puts text or a fraction bar among the digits raises Unshowable: the figure on the
    printed form is not the stored number, and importing the stored one published 12345678 万元 for a
    cell the form showed as 1234.6万."""
    try:
        number = as_excel_shows(value)
    except InvalidOperation:
        return str(value), ""
    section = _section(number_format, number)
    drawn = _drawn_section(number_format, value) or section  # a zero's or a negative's own section, for what it writes
    if written := written_digits(drawn):
        raise Unshowable(f"写定了数字「{written}」（格式中的文字，不是格中保存的数）")
    if not number and dashed_zero(drawn):
        return "0", clean(format_words(drawn) or "-")  # the accountant's zero: what `_rounded_note` says
    if (words := format_words(drawn)) is not None:
        return words, _plain(number)  # [>=60]"合格";"不合格": the form shows the words, not the figure
    if (science := _scientific(number, drawn)) is not None:
        if science:
            raise Unshowable(f"以科学计数法显示为「{science}」")
        return _plain(number), ""  # every digit shown: the stored number is the figure
    split = _split_digits(section)
    if split is not None and ("/" in split or re.search(r"(?<![\\!])\.", _unquoted(section))):
        raise Unshowable(f"在数字中间插入了「{split}」")
    if split is not None:
        scale = _TRAILING_COMMAS.search(_unquoted(section))
        shown = number.scaleb(-3 * len(scale[1])) if scale else number
        return _filled(shown * 100 if "%" in _unquoted(section) else shown, section), ""
    literal = bool(re.search(r'"[^"]*%[^"]*"|[\\!]%', section))  # 0"%" shows 95 as 95%
    written = section
    section = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.|!.|_.|\*.', "", section)  # quoted text, colours, escapes, padding
    scale = _TRAILING_COMMAS.search(section)
    if scale is not None:
        number = number.scaleb(-3 * len(scale[1]))
    percent = "%" in section
    if percent:
        number *= 100
    match = _DECIMALS.search(section)
    places = len(match[1]) if match else (0 if re.search(r"[0#]", section) else None)
    stored = ""
    if places is not None:
        exact, number = number, number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_WIDE)
        stored = _plain(exact) if exact != number else ""
        text = f"{number:f}"
    elif re.fullmatch(r"\s*(?:general|@)?\s*", section, re.I):
        text, stored = general_text(number)
    else:
        text = _plain(number)
    mark = "%" if percent and not literal else ""
    text += mark
    stored += mark if stored else ""
    # 0"人" shows 50 as 50人, #,##0,,"百万" 12345678 as 12百万; a text format (@"人") shows a number as General
    prefix, suffix = _literals(written) if "@" not in _unquoted(written) else ("", "")
    text = prefix + text + suffix
    stored = prefix + stored + suffix if stored else ""
    return text, stored


_WIDE = Context(prec=400)
"""Enough digits to round any double (up to 1.8E+308) to a format's places: the default 28 raised
InvalidOperation on 1E+300 in 「0.00」, failing the sheet as 「已损坏」 with no cell named."""
GENERAL_WIDTH = 11
"""The most numeric characters (digits and the decimal point, not the sign) the General format
shows, however wide the column (Microsoft KB 65903): 1/3 shows as 0.333333333."""


def general_text(number: Decimal) -> tuple[str, str]:
    """A General cell's number as Excel shows it in a column wide enough, and the stored number
    where that rounds it ("" where not): a decimal rounded to `GENERAL_WIDTH` characters. A
    formula's 得分 of 27.2727272727273 prints as 27.27272727, and read to 15 digits it would be published
    with five the form never showed. A whole number too long to show prints in scientific notation
    (1.23457E+11) at a precision that depends on the column's width: it is kept whole (a code
    stored as a number, where the digits are what matters)."""
    text = _plain(number)
    digits = text.lstrip("-")
    if len(digits) <= GENERAL_WIDTH or "." not in digits:
        return text, ""
    whole = len(digits.split(".")[0])
    if whole >= GENERAL_WIDTH:
        return text, ""
    shown = _plain(number.quantize(Decimal(1).scaleb(-(GENERAL_WIDTH - whole - 1)), rounding=ROUND_HALF_UP))
    return (shown, text) if shown != text else (text, "")




@cache
def currency_sign(written: str) -> str:
    """The currency sign a number format prints beside a positive figure (「¥」 of ``"¥"#,##0.00``,
    ``[$¥-804]#,##0.00``, ``¥#,##0.00``), or "". Excel's 货币 and 会计专用 formats in a Chinese Excel print 「¥」
    whatever the figure's size: a sign of the currency, never of 元 against 万元 (the 自评表 templates state
    their unit in the header, 「项目资金（万元）」, and a clerk formats the amounts under it as 货币 to get the
    thousands commas). So the figure is read bare in the unit the table states, and the cells are named."""
    section = written.split(";")[0]
    for token in _FORMAT_TOKEN.findall(section):
        said = (token[1:-1] if token.startswith('"') else token[2:].split("-")[0].rstrip("]") if token.startswith("[$")
                else token[1:] if token[0] in "\\!" else token).strip()
        if said in CURRENCY_SIGNS:
            return said
    return ""


@cache  # a sheet has a few formats and 100,000 figures: each figure paid a scan of its format
def _literals(section: str) -> tuple[str, str]:
    """The text a format writes before its first and after its last digit placeholder (or its
    text's ``@``): quoted (``0"人"``), escaped (``0\\人``) or a locale's currency (``0[$元-804]``)."""
    tokens = [t for t in _FORMAT_TOKEN.findall(re.sub("general|G/通用格式", "0", section, flags=re.I))
              if not t.startswith("[") or t.startswith("[$")]
    places = [i for i, t in enumerate(tokens) if t in ("0", "#", "?", "@")] or [len(tokens)]

    def words(part: list[str]) -> str:
        said = "".join(t[1:-1] if t.startswith('"') else t[2:].split("-")[0].rstrip("]") if t.startswith("[$")
                       else t[1:] if t[0] in "\\!" else "" for t in part).strip()
        return "" if said in CURRENCY_SIGNS else said

    return words(tokens[:places[0]]), words(tokens[places[-1] + 1:])


def _plain(number: Decimal) -> str:
    """The number written out, in E notation (1E+300, 1E-300) beyond 20 places either side of the
    point, as Excel's General shows such a number: no form holds one, and written out it filled a
    message with 300 digits (or 「保存的是 0.000000000000000000」, the digit that mattered cut off)."""
    if number and not -20 <= number.adjusted() <= 20:
        return f"{number.normalize():E}"
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
