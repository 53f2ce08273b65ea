"""Excel 2003 XML number formats as Excel writes them: by name (「Currency」「Short Date」, the XML
Spreadsheet reference's list) or inherited from the style a style names as ss:Parent; a figure is
never read as the format's name."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsite.importing.ss2003_reader import read_ss2003

BOOK = ('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        '<Styles><Style ss:ID="Default" ss:Name="Normal"><NumberFormat/></Style>'
        '<Style ss:ID="money"><NumberFormat ss:Format="#,##0.00"/></Style>'
        '<Style ss:ID="bold" ss:Parent="money"><Font ss:Bold="1"/></Style>'
        '<Style ss:ID="loop" ss:Parent="loop2"/><Style ss:ID="loop2" ss:Parent="loop"/>'
        '<Style ss:ID="named"><NumberFormat ss:Format="{name}"/></Style></Styles>'
        '<Worksheet ss:Name="表"><Table><Row>'
        '<Cell ss:StyleID="named"><Data ss:Type="Number">{number}</Data></Cell>'
        '<Cell ss:StyleID="bold"><Data ss:Type="Number">77</Data></Cell>'
        '<Cell ss:StyleID="loop"><Data ss:Type="Number">5</Data></Cell>'
        '</Row></Table></Worksheet></Workbook>')


@pytest.mark.parametrize(("name", "number", "shown"), [
    ("Currency", "1234.5", "1234.50"), ("Euro Currency", "-12", "-12.00"), ("Standard", "1234.5", "1234.50"),
    ("Short Date", "45291", "2023-12-31"), ("Long Date", "45291.75", "2023-12-31"), ("General Date", "45291", "2023-12-31"),
    ("Short Time", "0.75", "18:00"), ("Long Time", "0.5", "12:00:00"), ("Yes/No", "0", "No"), ("On/Off", "1", "On"),
])
def test_a_named_format_shows_the_figure_not_its_name(tmp_path: Path, name: str, number: str, shown: str) -> None:
    path = tmp_path / "导出.xls"
    path.write_text(BOOK.format(name=name, number=number), encoding="utf-8")
    [grid] = read_ss2003(path)
    assert [c.text for c in grid.rows[0]] == [shown, "77.00", "5"]


def test_a_row_or_column_dragged_nearly_shut_is_left_out_and_named_as_in_an_xlsx(tmp_path: Path) -> None:
    """A row 1 pt high and a column 3 pt wide print nothing: not read, and named, as hidden ones are."""
    sheet = ('<Worksheet ss:Name="自评表"><Table><Column ss:Width="54"/><Column ss:Width="3"/><Column ss:Width="54"/>'
             '<Row><Cell><Data ss:Type="String">三级指标</Data></Cell><Cell><Data ss:Type="String">草稿</Data></Cell>'
             '<Cell><Data ss:Type="String">得分</Data></Cell></Row>'
             '<Row ss:Height="1"><Cell><Data ss:Type="String">上年旧指标</Data></Cell></Row>'
             '<Row ss:Height="14.25"><Cell><Data ss:Type="String">满意度</Data></Cell><Cell ss:Index="3">'
             '<Data ss:Type="Number">30</Data></Cell></Row></Table></Worksheet>')
    path = tmp_path / "导出.xml"
    path.write_text(BOOK.split("<Worksheet")[0] + sheet + "</Workbook>", encoding="utf-8")
    [grid] = read_ss2003(path)
    assert [[c.text for c in row] for row in grid.rows] == [["三级指标", "得分"], ["满意度", "30"]]
    assert any("上年旧指标" in note and "草稿" in note for note in grid.notes), grid.notes
