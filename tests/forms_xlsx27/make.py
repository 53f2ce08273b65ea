"""The forms of tests/forms_xlsx27 typed into .xlsx as units' clerks hand them in: each a real published form
(SOURCES.md) in the shape another clerk gives it (amounts typed with their unit as text, the 年度 only in the
page footer, two forms one above the other on one sheet). Built on the 池州 委托业务项目 form as
tests/forms_xlsx26 types it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from forms_xlsx26.make import WEITUO_MERGES, cached, weituo_rows
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

Cells = list[list[object]]
SAVED = {"H7": 0, "I7": 0, "H24": 90}
"""What Excel saved for the form's three formulas (the 执行率 and 得分 over the 0 row, and the 总分)."""


def _book(path: Path, rows: Cells, tweak: Callable[[Worksheet], None] | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "自评表"
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value != "":
                sheet.cell(r, c, value)
    for merge in WEITUO_MERGES:
        sheet.merge_cells(merge)
    sheet["H7"].number_format = "0.00%"
    if tweak is not None:
        tweak(sheet)
    book.save(path)
    cached(path, SAVED)
    return path


def wan_in_cells(path: Path) -> Path:
    """The money typed as text with its unit, 「90万元」, and the header's 「(万元)」 left out, as a clerk
    who types the unit into each cell does."""
    rows = [list(row) for row in weituo_rows()]
    rows[5][0] = "项目资金"
    rows[7][3:6] = ["90万元", "89.974万元", "89.974万元"]
    return _book(path, rows)


def year_in_footer(path: Path) -> Path:
    """The 「(2022年度)」 line moved from above the form into the printed page's footer."""
    rows = [list(row) for row in weituo_rows()]
    rows[2] = []

    def footer(sheet: Worksheet) -> None:
        sheet.oddFooter.center.text = "2022年度"

    return _book(path, rows, footer)
