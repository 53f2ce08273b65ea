"""Two sheets' forms printed to one PDF are no sheet printed with its columns over two pages.

A 预算's 目标表 kept one to a sheet of a workbook and printed to one PDF (LibreOffice Calc): Excel's
rows are all of one height, so 绩效目标表 (18 rows) on page 3 and 2023年项目支出绩效目标申报表 (20
rows) on page 4, both opening their pages at 72 pt, share 18 rules' heights, and have other
columns: the whole file was refused as 「PDF 第 3、4 页是同一张表格按列分开打印的」. A table that
names its programme in its first column (「项目名称」) is a form of its own.
"""

from __future__ import annotations

from perfsite.importing.pdf_columns import split_pages

HEIGHTS = {3: 612.0, 4: 612.0}
PAGE_3 = [72.0 + 15 * k for k in range(19)]  # the rules pdfplumber finds in that print, 15 pt apart
PAGE_4 = [72.0 + 15 * k for k in range(21)]
COLUMNS_3 = [(40.0, 160.0), (160.0, 280.0), (280.0, 400.0), (400.0, 520.0), (520.0, 640.0)]
COLUMNS_4 = [(40.0, 140.0), (140.0, 240.0), (240.0, 340.0), (340.0, 440.0), (440.0, 540.0), (540.0, 640.0)]


def test_a_form_naming_its_programme_on_the_next_page_is_no_column_split() -> None:
    tables = [(3, PAGE_3, COLUMNS_3), (4, PAGE_4, COLUMNS_4)]
    assert split_pages(tables, HEIGHTS) == [3, 4]  # what the rules alone say
    assert split_pages(tables, HEIGHTS, {3, 4}) == []
