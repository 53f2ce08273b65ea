"""What an Excel form prints around its grid: the page header and footer (「页眉/页脚」), where
clerks type the form's title and the 填报日期, read as title lines above the sheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from raw_office import FORM_HEAD, FORM_ROWS

from perfsite.cli import main
from perfsite.importing.xlsx_reader import page_lines


@pytest.mark.parametrize(("code", "lines"), [
    ('&C&"宋体,Bold"&16 2023年度项目支出绩效自评表', ["2023年度项目支出绩效自评表"]),   # font and size codes
    ("&C第 &P 页，共 &N 页&R填报日期：2024年1月10日", ["填报日期：2024年1月10日"]),   # page numbers dropped
    ("Page &P of &N", []),
    ("&L&A&R&P/&N", []),                                                             # &A: the sheet's name, no typed word
    ("&CR&&D 部门\n单位名称：某局", ["R&D 部门", "单位名称：某局"]),                    # && is an ampersand
    ("&C&KFF0000示例&B2023年度", ["示例2023年度"]),
])
def test_a_header_prints_its_text_without_its_codes(code: str, lines: list[str]) -> None:
    assert page_lines(code) == lines


def _form(path: Path, first: bool = False) -> Path:
    """The form's title row names no year: the year is printed only in the page header."""
    book = Workbook()
    sheet = book.active
    sheet.title = "自评表"
    sheet.append(["示例项目绩效自评表"])
    sheet.append(FORM_HEAD)
    for values in FORM_ROWS:
        sheet.append(list(values))
    header = sheet.firstHeader if first else sheet.oddHeader
    header.center.text, header.center.font, header.center.size = "2023年度项目支出绩效自评表", "宋体,Bold", 16
    header.left.text = "单位名称：示例县教育局"
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.oddFooter.left.text = "填报人：张三"
    if first:
        sheet.HeaderFooter.differentFirst = True
        sheet.oddHeader.center.text = "2022年度（续页）"  # pages 2 on: not the first page's title
    book.save(str(path))
    return path


@pytest.mark.parametrize("first", [False, True])
def test_the_year_printed_only_in_the_page_header_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          first: bool) -> None:
    """Without the header the import failed: 「找不到评价年度」. With 「首页不同」 the first page's header is
    the title. The unit named in the header is the 主管部门; the footer's lines, read above the table, are no indicator."""
    path = _form(tmp_path / "f.xlsx", first)
    assert main(["import", str(path), "--out", str(tmp_path / "out")]) == 0, capsys.readouterr().out
    [written] = sorted((tmp_path / "out").rglob("*.yaml"))
    text, out = written.read_text(encoding="utf-8"), capsys.readouterr().out
    assert "\nyear: 2023\n" in text and written.parts[-3] == "2023" and "department: 示例县教育局\n" in text
    assert text.count("  - name: ") == 3 and "填报人" not in text and "2022" not in text + out
