"""Excel 2003 XML (SpreadsheetML 2003) read into the sheet grids of the .xlsx reader.

The whole transcribed corpus is imported as 2003 XML in tests/test_import_html.py; here the parts of
the format a form's export uses: ss:Index gaps, merges, hidden rows and columns, number formats,
hidden sheets, a declared GB2312 encoding, and the DOCTYPE/ENTITY refusal.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsite.importing.grid import ABOVE, LEFT, OWN
from perfsite.importing.sniff import ImportFailure
from perfsite.importing.ss2003_reader import read_ss2003

HEAD = ('<?xml version="1.0" encoding="{enc}"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"'
        ' xmlns:x="urn:schemas-microsoft-com:office:excel">'
        '<Styles><Style ss:ID="p"><NumberFormat ss:Format="Percent"/></Style>'
        '<Style ss:ID="f"><NumberFormat ss:Format="0.0"/></Style></Styles>')


def _book(tmp_path: Path, sheets: str, enc: str = "UTF-8", head: str = "") -> Path:
    path = tmp_path / "导出.xml"
    path.write_bytes((head + HEAD.format(enc=enc) + sheets + "</Workbook>").encode("gb18030" if enc == "GB2312" else "utf-8"))
    return path


def test_cells_merges_hidden_rows_and_columns_and_formats(tmp_path: Path) -> None:
    sheet = ('<Worksheet ss:Name="自评表"><Table><Column ss:Index="3" ss:Hidden="1"/>'
             '<Row><Cell ss:MergeAcross="1" ss:MergeDown="1"><Data ss:Type="String">产出指标</Data></Cell>'
             '<Cell><Data ss:Type="String">旧列</Data></Cell><Cell><Data ss:Type="Number">0.955</Data></Cell></Row>'
             '<Row><Cell ss:Index="5" ss:StyleID="f"><Data ss:Type="Number">8</Data></Cell></Row>'
             '<Row ss:Hidden="1"><Cell><Data ss:Type="String">删去的指标</Data></Cell></Row>'
             '<Row ss:Index="5"><Cell ss:Index="4" ss:StyleID="p"><Data ss:Type="Number">0.955</Data></Cell></Row>'
             '</Table></Worksheet>')
    [grid] = read_ss2003(_book(tmp_path, sheet))
    assert grid.label == "工作表「自评表」"
    assert [[c.text for c in row] for row in grid.rows] == [
        ["产出指标", "产出指标", "0.955", ""], ["产出指标", "产出指标", "", "8.0"], ["", "", "", ""], ["", "", "95.50%", ""]]
    assert [[c.merged for c in row] for row in grid.rows][:2] == [[OWN, LEFT, OWN, OWN], [ABOVE, ABOVE, OWN, OWN]]
    assert grid.rows[3][2].ref == "D5"
    assert any("删去的指标" in note for note in grid.notes) and any("旧列" in note for note in grid.notes)


def test_a_formula_error_reads_blank_and_is_said_and_a_row_span_counts(tmp_path: Path) -> None:
    sheet = ('<Worksheet ss:Name="表"><Table><Row ss:Span="2"/><Row><Cell ss:Formula="=A1/B1"><Data ss:Type="Error">#DIV/0!</Data>'
             '</Cell><Cell><Data ss:Type="String">得分</Data></Cell></Row></Table></Worksheet>')
    [grid] = read_ss2003(_book(tmp_path, sheet))
    assert [[c.text for c in row] for row in grid.rows][3:] == [["", "得分"]] and grid.rows[3][1].ref == "B4"
    assert any("A4 显示 #DIV/0!" in note and "已按空白读取" in note for note in grid.notes)


def test_a_declared_gb2312_encoding_and_a_hidden_sheet(tmp_path: Path) -> None:
    sheets = ('<Worksheet ss:Name="说明"><WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel">'
              '<Visible>SheetHidden</Visible></WorksheetOptions></Worksheet>'
              '<Worksheet ss:Name="表"><Table><Row><Cell><Data ss:Type="String">项目名称：镕</Data></Cell></Row></Table></Worksheet>')
    grids = read_ss2003(_book(tmp_path, sheets, enc="GB2312"))
    assert [g.label for g in grids] == ["工作表「表」"] and grids[0].rows[0][0].text == "项目名称：镕"


def test_doctype_and_entities_are_refused(tmp_path: Path) -> None:
    sheet = '<Worksheet ss:Name="a"><Table><Row><Cell><Data ss:Type="String">&x;</Data></Cell></Row></Table></Worksheet>'
    path = tmp_path / "a.xml"
    path.write_text(HEAD.format(enc="UTF-8").replace("?>\n<?mso", '?>\n<!DOCTYPE Workbook [<!ENTITY x "9">]>\n<?mso', 1)
                    + sheet + "</Workbook>", encoding="utf-8")
    with pytest.raises(ImportFailure, match="DOCTYPE/ENTITY"):
        read_ss2003(path)


def test_an_index_beyond_excel_is_refused(tmp_path: Path) -> None:
    sheet = '<Worksheet ss:Name="a"><Table><Row ss:Index="99999999"><Cell><Data ss:Type="String">x</Data></Cell></Row></Table></Worksheet>'
    with pytest.raises(ImportFailure, match="超出 Excel 的范围"):
        read_ss2003(_book(tmp_path, sheet))
