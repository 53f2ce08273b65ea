"""A held real form typed into .xlsx in the shapes units and their systems hand it in (SOURCES.md).

`tests/forms/make.py` types the transcription as a clerk's Excel holds it; each shape here changes what
its docstring says and nothing the form prints."""

from __future__ import annotations

from pathlib import Path

from forms.make import load_form, write_xlsx
from openpyxl import load_workbook

FORMS = Path(__file__).resolve().parent.parent / "forms"
TIANCHANG = FORMS / "ann-tianchang-shuihan"
"""天长市水利局 水旱灾害防御经费 (2022): 总分 100, the template's 指标2:/…… rows left in place."""
ACCOUNTING = '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ '
"""Excel's 会计专用 format (no currency sign), as a finance clerk sets it on money cells."""


def tianchang(path: Path) -> Path:
    """The form as tests/forms/make.py types it."""
    return write_xlsx(load_form(TIANCHANG), path)


def generated(path: Path) -> Path:
    """As a program writes it: the 总分 row's 分值 and 得分 as SUM formulas with no saved result
    (openpyxl, a system's export): 100 and 100 are on the printed form only once calculated."""
    tianchang(path)
    book = load_workbook(str(path))
    sheet = book.active
    assert sheet["A40"].value == "总分" and sheet["G40"].value == sheet["H40"].value == 100
    assert sheet["I6"].value == 10  # the funds row's 得分 stands under 得分, column I; H6 is its blank 执行率
    sheet["G40"], sheet["H40"] = "=G6+SUM(G13:G39)", "=SUM(I6,H13:H39)"
    book.save(str(path))
    return path


def clerk_formats(path: Path) -> Path:
    """As a finance clerk keeps it: the money in 会计专用 (880 shows 「 880.00 」), every 分值 and 得分 typed as
    text (文本型数字, Excel's green triangle), and the template's empty 指标2:/…… rows hidden, not deleted."""
    tianchang(path)
    book = load_workbook(str(path))
    sheet = book.active
    for ref in ("D6", "E6", "F6", "D7", "E7", "F7"):
        assert sheet[ref].value == 880
        sheet[ref].number_format = ACCOUNTING
    for r in range(13, 41):
        for col in "GH":
            if isinstance(sheet[f"{col}{r}"].value, int):
                sheet[f"{col}{r}"].value = str(sheet[f"{col}{r}"].value)
                sheet[f"{col}{r}"].number_format = "@"
        if str(sheet[f"D{r}"].value or "") in ("指标2:", "……"):
            sheet.row_dimensions[r].hidden = True
    book.save(str(path))
    return path


CHANGJIANG = FORMS / "d01-changjiang-jinbu-yuchuan"
"""2020年度长江禁捕项目自评表 (湖北's 20/80 form, 渔业成品油价格改革补贴): a second programme's form."""


def _copy(source: Path, sheet, top: int) -> int:  # type: ignore[no-untyped-def]
    """The first sheet of `source` copied into `sheet` from row `top` down (values, number formats,
    merges, hidden rows); the last row written."""
    from_sheet = load_workbook(str(source)).active
    for row in from_sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                to = sheet.cell(cell.row + top - 1, cell.column, cell.value)
                to.number_format = cell.number_format
    for merged in from_sheet.merged_cells.ranges:
        sheet.merge_cells(start_row=merged.min_row + top - 1, start_column=merged.min_col,
                          end_row=merged.max_row + top - 1, end_column=merged.max_col)
    return from_sheet.max_row + top - 1


def two_sheets(path: Path) -> Path:
    """Two programmes' forms in one workbook, a sheet each, as a unit hands in its programmes together."""
    from openpyxl import Workbook

    first, second = tianchang(path.with_name("a.xlsx")), write_xlsx(load_form(CHANGJIANG), path.with_name("b.xlsx"))
    book = Workbook()
    book.active.title = "水旱灾害防御"
    _copy(first, book.active, 1)
    _copy(second, book.create_sheet("长江禁捕"), 1)
    book.save(str(path))
    return path


def stacked(path: Path) -> Path:
    """The same two forms one under the other on one sheet, two blank rows between them."""
    from openpyxl import Workbook

    first, second = tianchang(path.with_name("a.xlsx")), write_xlsx(load_form(CHANGJIANG), path.with_name("b.xlsx"))
    book = Workbook()
    last = _copy(first, book.active, 1)
    _copy(second, book.active, last + 3)
    book.save(str(path))
    return path


def weituo_uncalculated(path: Path) -> Path:
    """池州's 委托业务项目 (tests/forms_xlsx26) as a program that does not calculate writes it: its 执行率
    =IF(E7=0,0,F7/E7), 得分 =G7*H7 and 总分 formulas with no saved result; the form prints 0.00%, 0 and 90."""
    import re
    import zipfile

    from forms_xlsx26.make import weituo

    weituo(path)
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    sheet, dropped = re.subn(rb"(<f>[^<]*</f>)<v>[^<]*</v>", rb"\1<v></v>", parts["xl/worksheets/sheet1.xml"])
    assert dropped == 3
    parts["xl/worksheets/sheet1.xml"] = sheet
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            book.writestr(name, data)
    return path
