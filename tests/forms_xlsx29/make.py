"""A held real form (天长市水利局 水旱灾害防御经费, tests/forms/ann-tianchang-shuihan) typed into .xlsx in the
workbook shapes units really send (SOURCES.md): each shape changes how the workbook holds the form, never
what the form prints, so each imports as the Word file of the same form (`tests/forms/make.py`)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from forms.make import Form, load_form, write_xlsx
from openpyxl import load_workbook

FORMS = Path(__file__).resolve().parent.parent / "forms"
TIANCHANG = FORMS / "ann-tianchang-shuihan"
CHANGJIANG = FORMS / "d01-changjiang-jinbu-yuchuan"


JIAYUGUAN = FORMS.parent / "forms_targets" / "t03-jiayuguan-bowuguan"
"""嘉峪关 博物馆's 绩效目标表 (2023): 项目开始日期 2023-01-01, 项目完成日期 2023-12-31."""


def tianchang() -> Form:
    return load_form(TIANCHANG)


def clerk_typed() -> Form:
    """天长's form as a clerk retypes its figures: money with a thousands separator and decimals
    (「1,234.50」), a rate with a decimal (「12.5%」), and amounts a cost indicator states with a currency sign
    and a Chinese unit (「¥3,000」, 「3千元」)."""
    form = tianchang()
    rows = [list(row) for row in form.rows]
    for r, c in ((5, 3), (5, 4), (5, 5), (6, 3), (6, 4), (6, 5)):
        assert rows[r][c] == "880"
        rows[r][c] = "1,234.50"
    assert rows[15][3] == "指标1:工程质量合格" and rows[21][3].startswith("指标1:资金执行在预算范围内")
    rows[15][4], rows[15][5] = "≥10%", "12.5%"
    rows[21][4], rows[21][5] = "¥3,000", "3千元"
    return Form(form.folder, form.meta, rows, form.merges, form.text_cells)


def listed() -> Form:
    """天长's form with its indicator rows as an Excel table holds them: no merged cells (a table object takes
    none), each row's 一级 and 二级指标 typed on it."""
    form = tianchang()
    rows = [list(row) for row in form.rows]
    for r in range(12, 39):
        for c in (1, 2):
            rows[r][c] = rows[r][c] or rows[r - 1][c]
    merges = [m for m in form.merges if m[0] < 11]
    return Form(form.folder, form.meta, rows, merges, form.text_cells)


def _edit(path: Path, part: str, edit: Callable[[str], str]) -> Path:
    """`path` with one part's XML rewritten (a shape openpyxl does not write)."""
    with zipfile.ZipFile(path) as book:
        parts = {info: book.read(info.filename) for info in book.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for info, data in parts.items():
            book.writestr(info, edit(data.decode()).encode() if info.filename == part else data)
    return path


def protected(form: Form, path: Path) -> Path:
    """The sheet protected with a password (审阅 → 保护工作表), as a 财政局 template locks its labels: the
    cells stay readable, the file is not encrypted."""
    write_xlsx(form, path)
    book = load_workbook(str(path))
    book.active.protection.sheet = True
    book.active.protection.password = "czj2022"
    book.save(str(path))
    return path


def frozen_print_area(form: Form, path: Path) -> Path:
    """Panes frozen under the header (row 12) and a print area left from a 资金 page, A1:I11: the indicator rows
    lie outside it, though the clerk handed the whole form in."""
    write_xlsx(form, path)
    book = load_workbook(str(path))
    book.active.freeze_panes = "A13"
    book.active.print_area = "A1:I11"
    book.save(str(path))
    return path


def grade_list(form: Form, path: Path) -> Path:
    """Drop-down lists (数据 → 数据验证 → 序列) on the 得分 and 分值 columns, their values on a hidden sheet
    「等级」 (优/良/中/差 and the points), as a template offers the grades."""
    from openpyxl.worksheet.datavalidation import DataValidation

    write_xlsx(form, path)
    book = load_workbook(str(path))
    grades = book.create_sheet("等级")
    for n, text in enumerate(["优", "良", "中", "差", 10, 5, 0], 1):
        grades.cell(n, 1, text)
    grades.sheet_state = "hidden"
    check = DataValidation(type="list", formula1="=等级!$A$5:$A$7", allow_blank=True)
    check.add("G13:H39")
    book.active.add_data_validation(check)
    book.save(str(path))
    return path


def conditional(form: Form, path: Path) -> Path:
    """Conditional formats a clerk sets to check the form: 得分 below 分值 filled red, blank 实际完成值 yellow."""
    from openpyxl.formatting.rule import CellIsRule, FormulaRule
    from openpyxl.styles import PatternFill

    write_xlsx(form, path)
    book = load_workbook(str(path))
    red, yellow = PatternFill("solid", fgColor="FFC7CE"), PatternFill("solid", fgColor="FFFF00")
    book.active.conditional_formatting.add("H13:H39", CellIsRule(operator="lessThan", formula=["G13"], fill=red))
    book.active.conditional_formatting.add("F13:F39", FormulaRule(formula=['AND(D13<>"",F13="")'], fill=yellow))
    book.save(str(path))
    return path


def rich_text(form: Form, path: Path) -> Path:
    """实际完成值 typed as rich text, its figure in red inside the run: 「100」 red then 「%」, 「1」 red; the
    form prints 100% and 1."""
    write_xlsx(form, path)

    def runs(xml: str) -> str:
        for ref, parts in (("F37", ("100", "%")), ("F13", ("1",))):
            rich = "".join(f'<r><rPr><color rgb="FFFF0000"/><sz val="11"/></rPr><t>{parts[0]}</t></r>' if n == 0 else
                           f"<r><t>{part}</t></r>" for n, part in enumerate(parts))
            xml, found = re.subn(rf'<c r="{ref}"([^>]*?)(?: t="n")?><v>[^<]*</v></c>',
                                 rf'<c r="{ref}"\1 t="inlineStr"><is>{rich}</is></c>', xml)
            assert found == 1, ref
        return xml

    return _edit(path, "xl/worksheets/sheet1.xml", runs)


def numbers_as_text(form: Form, path: Path) -> Path:
    """Every number typed as text (文本型数字, Excel's green triangle), each as printed: 「1,234.50」, 「12.5%」,
    「10」, with a leading apostrophe (``quotePrefix``) on the 得分, as a clerk keeps Excel from changing them."""
    write_xlsx(form, path)
    book = load_workbook(str(path))
    for r, row in enumerate(form.rows):
        for c, text in enumerate(row):
            cell = book.active.cell(r + 1, c + 1)
            if text and isinstance(cell.value, int | float):
                cell.value = text
                cell.number_format = "General"
                cell.quotePrefix = c == 7  # H: 得分
    book.save(str(path))
    return path


def huge_range(form: Form, path: Path) -> Path:
    """A used range to XFD1048576 around 40 rows: whole columns formatted, a styled empty cell in the last row,
    as a clerk who selected the sheet and set a font leaves it."""
    write_xlsx(form, path)
    book = load_workbook(str(path))
    book.active["A41"].number_format = "@"  # a style to give the far cells
    book.save(str(path))

    def far(xml: str) -> str:
        style = re.search(r'<c r="A41" s="(\d+)"', xml)
        assert style
        xml = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', xml)
        xml = re.sub(r"<cols>.*?</cols>|(?=<sheetData)", f'<cols><col min="1" max="16384" width="12" style="{style[1]}" '
                     'customWidth="1"/></cols>', xml, count=1)
        return xml.replace("</sheetData>", f'<row r="1048576"><c r="XFD1048576" s="{style[1]}"/></row></sheetData>')

    return _edit(path, "xl/worksheets/sheet1.xml", far)


def phonetic(form: Form, path: Path) -> Path:
    """Shared strings carrying a phonetic guide (``<rPh>``, 拼音 WPS and a Japanese Excel add over CJK text,
    shown only on request): the project's name and a level."""
    write_xlsx(form, path)

    def guided(xml: str) -> str:
        for text, guide in (("水旱灾害防御经费", "shuǐhàn"), ("数量指标", "shùliàng")):
            xml, found = re.subn(rf"<si><t>{text}</t></si>", f'<si><t>{text}</t><rPh sb="0" eb="2"><t>{guide}</t></rPh>'
                                 '<phoneticPr fontId="1" type="noConversion"/></si>', xml)
            assert found == 1, text
        return xml

    return _edit(path, "xl/sharedStrings.xml", guided)


def side_by_side(form: Form, path: Path) -> Path:
    """Two programmes' forms side by side on one sheet, 天长's in A:I and 长江禁捕's from K, as a department
    lays out its programmes to print on one wide page."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for one, left in ((form, 0), (load_form(CHANGJIANG), 10)):
        made = load_workbook(str(write_xlsx(one, path.with_name(f"{left}.xlsx")))).active
        for row in made.iter_rows():
            for cell in row:
                if cell.value is not None:
                    sheet.cell(cell.row, cell.column + left, cell.value).number_format = cell.number_format
        for merged in made.merged_cells.ranges:
            sheet.merge_cells(start_row=merged.min_row, start_column=merged.min_col + left,
                              end_row=merged.max_row, end_column=merged.max_col + left)
    book.save(str(path))
    return path


def transposed(form: Form, path: Path) -> Path:
    """The indicator table turned on its side: one indicator a column, 一级指标/二级指标/三级指标/年度指标值/实际完成值/
    分值/得分 down the rows (each level typed over each of its indicators), the 总分 the last column, as a unit pastes
    it to fit a landscape page; the template's empty 指标2:/…… rows left out, the rest of the form above as it is."""
    from openpyxl import Workbook

    body, levels = [], ["", ""]
    for row in form.rows[12:39]:
        levels = [row[1] or levels[0], row[2] or levels[1]]
        if row[3] and row[3] not in ("指标2:", "……"):
            body.append([*levels, *row[3:8]])
    assert form.rows[39][0] == "总分"
    body.append(["总分", "", "", "", "", form.rows[39][6], form.rows[39][7]])
    book = Workbook()
    sheet = book.active
    for r, row in enumerate(form.rows[:11], 1):
        for c, text in enumerate(row, 1):
            if text:
                sheet.cell(r, c, text)
    for n, label in enumerate(("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")):
        sheet.cell(13 + n, 1, label)
        for k, row in enumerate(body, 2):
            sheet.cell(13 + n, k, int(row[n]) if row[n].isdigit() else row[n])
    book.save(str(path))
    return path


def table_object(form: Form, path: Path) -> Path:
    """The indicator rows B12:I39 an Excel table (插入 → 表格, a ListObject) with its banded style and filter buttons."""
    from openpyxl.worksheet.table import Table, TableStyleInfo

    write_xlsx(form, path)
    book = load_workbook(str(path))
    table = Table(displayName="指标表", ref="B12:I39")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    book.active.add_table(table)
    book.save(str(path))
    return path


def dated(form: Form, path: Path) -> Path:
    """嘉峪关's 项目开始日期 and 项目完成日期 typed as dates: serial numbers Excel shows in the format yyyy-mm-dd."""
    import datetime as dt

    write_xlsx(form, path)
    book = load_workbook(str(path))
    found = [cell for row in book.active.iter_rows() for cell in row if cell.value in ("2023-01-01", "2023-12-31")]
    assert len(found) == 2
    for cell in found:
        cell.value = dt.datetime.strptime(str(cell.value), "%Y-%m-%d")
        cell.number_format = "yyyy-mm-dd"
    book.save(str(path))
    with zipfile.ZipFile(path) as saved:
        assert b"<v>44927</v>" in saved.read("xl/worksheets/sheet1.xml")  # 2023-01-01 as Excel holds it
    return path


SHAPES: tuple[tuple[Callable[[], Form], Callable[[Form, Path], Path]], ...] = (
    (tianchang, protected), (tianchang, frozen_print_area), (tianchang, grade_list), (tianchang, conditional),
    (tianchang, rich_text), (clerk_typed, numbers_as_text), (tianchang, huge_range), (tianchang, phonetic),
    (listed, table_object), (lambda: load_form(JIAYUGUAN), dated), (tianchang, transposed))
"""The shapes that must import as the Word file of the same form, each with the form it is made of."""
