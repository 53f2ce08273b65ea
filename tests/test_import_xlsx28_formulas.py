"""Formulas a workbook holds no saved result for: calculated where simple, named and blank where not.

A program that does not calculate (openpyxl here, a system's export, some WPS saves) writes a form's
得分, 合计 and money rows as formulas with no result. The whole workbook was refused for one such cell,
every typed cell of the form lost with it; now the simple ones are calculated as Excel shows them and
the others read as blank, each named with its formula."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from test_import_builders import central_xlsx

from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import Prepared, prepare
from perfsite.importing.sheet_formulas import Cells, NotSimple, Value, calculate
from perfsite.importing.xlsx_reader import read_xlsx


def _shared(xml: str) -> str:
    """H13:H19 as Excel writes one formula filled down: the first holds it, the rest point at it."""
    xml = xml.replace("<c r=\"H13\"><f>G13</f><v></v></c>", '<c r="H13"><f t="shared" ref="H13:H19" si="0">G13</f><v></v></c>')
    for row in range(14, 20):
        assert f'<c r="H{row}"><f>G{row}</f><v></v></c>' in xml
        xml = xml.replace(f'<c r="H{row}"><f>G{row}</f><v></v></c>', f'<c r="H{row}"><f t="shared" si="0"/><v></v></c>')
    return xml


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Prepared:
    """The central form written by a program: every 得分 and the money totals as formulas, never calculated."""
    folder = tmp_path_factory.mktemp("formulas28")
    path = central_xlsx(folder / "made.xlsx")
    book = load_workbook(str(path))
    sheet = book.active
    sheet["C6"] = "=C7+C8+C9"              # 540 + two empty cells
    sheet["D7"], sheet["D8"] = 550, 2      # 上年结转 2 in a row the clerk hid: Excel's SUM counts it
    sheet.row_dimensions[8].hidden = True
    sheet["D6"] = "=SUM(D7:D9)"
    sheet["G6"] = "=E6/D6"                 # 547.8 / 552 = 0.992391304347826, shown in 「0.00%」 as 99.24%
    sheet["H6"] = "=F6*G6"                 # 10 × that, shown in 「0.00」 as 9.92
    sheet["H6"].number_format = "0.00"
    for row in range(13, 20):
        sheet[f"H{row}"] = f"=G{row}"
    sheet["H20"] = "=(G20-1)+1"
    sheet["H21"] = "=MAX(G21,0)"           # no simple formula: read as not given
    sheet["I14"] = "=E14"                  # a reference to text shows the text
    sheet["H22"] = "=H6+SUM(H13:H21)"
    book.save(str(path))
    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info.filename) for info in source.infolist()}
    members["xl/worksheets/sheet1.xml"] = _shared(members["xl/worksheets/sheet1.xml"].decode()).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members.items():
            out.writestr(name, data)
    return prepare(path, Hints())


def test_simple_formulas_with_no_saved_result_are_calculated_as_excel_shows_them(generated: Prepared) -> None:
    """It was refused whole: 「H13 是公式（=G13）……等 13 格，但文件中没有保存计算结果」, nothing imported."""
    assert generated.draft is not None, generated.report.failure
    data = generated.draft.data
    assert data["budget"]["initial"] == "540" and data["budget"]["budget"] == "552"  # the hidden row's 2 counted
    scores = {i["name"]: i.get("score") for i in data["indicators"]}
    assert scores["预算执行率"] == "9.92"  # 9.924 in 「0.00」, as the printed form shows it
    assert [scores[name] for name in ("受益学生人数", "供餐学校数", "营养改善长效机制")] == ["10", "10", "10"]
    assert "reported" not in data  # H22 sums H21, which is not calculated: no total is guessed
    remark = next(i for i in data["indicators"] if i["name"] == "供餐学校数").get("remark")
    assert remark == "≥46所"


def test_each_formula_is_named_with_its_cell_and_what_it_gave(generated: Prepared) -> None:
    notes = "\n".join(generated.report.notes)
    assert "工作表「自评表」 C6（=C7+C8+C9，算得「540」）" in notes
    assert "H14（=G14，算得「10」）" in notes  # a shared formula's copy, written out for its own row
    assert "H6（=F6*G6，算得「9.92」）" in notes and "G6（=E6/D6，算得「99.24%」）" in notes
    assert "已照公式算出表上应显示的数导入：请在 Excel 或 WPS 中打开这个文件，核对这些数后保存" in notes
    assert ("工作表「自评表」 H21（=MAX(G21,0)）、H22（=H6+SUM(H13:H21)）：这些格是公式，文件中没有保存计算结果，"
            "公式又不只由加、减、乘、除、求和（SUM）、四舍五入（ROUND）、条件（IF）和算得出的格子组成，算不出表上显示的数，"
            "已按空白导入") in notes


def test_the_formula_not_calculated_leaves_its_score_unpublished(generated: Prepared) -> None:
    assert generated.draft is not None
    indicator = next(i for i in generated.draft.data["indicators"] if i["name"] == "学生及家长满意度")
    assert indicator.get("score") is None and indicator["actual"] == "94.3%"


def _sheet(cells: dict[str, Value], formulas: dict[str, str] | None = None) -> Cells:
    """A sheet of `cells` ("A1" → value) for `calculate`, other formulas calculated on demand."""
    def at(ref: str) -> tuple[int, int]:
        match = re.fullmatch(r"([A-Z]+)(\d+)", ref)
        assert match is not None
        return int(match[2]), ord(match[1]) - 64
    held = {at(ref): value for ref, value in cells.items()}
    written = {at(ref): text for ref, text in (formulas or {}).items()}
    busy: set[tuple[int, int]] = set()

    def value(cell: tuple[int, int]) -> Value:
        if cell not in written:
            return held.get(cell)
        if cell in busy:
            raise NotSimple("circular")
        busy.add(cell)
        try:
            return calculate(written[cell], sheet)
        finally:
            busy.discard(cell)

    sheet = Cells(value, lambda span: (c for c in (*held, *written)
                                       if span[0] <= c[0] <= span[2] and span[1] <= c[1] <= span[3]))
    return sheet


NUMBERS = {"A1": Decimal("0.1"), "A2": Decimal("0.2"), "A3": "合计", "A4": True, "B1": Decimal("1234.5678"),
           "B2": Decimal("-3"), "C1": "≥90%"}


@pytest.mark.parametrize(("formula", "result"), [
    ("=A1+A2", Decimal("0.3")),                     # exact: a float sum is 0.30000000000000004
    ("=SUM(A1:A4)", Decimal("0.3")),                # text and TRUE in a range are skipped
    ("=SUM(A1,A2,5)", Decimal("5.3")),
    ("=sum($A$1:A2)*2", Decimal("0.6")),
    ("=-B2*(B1-1234)", Decimal("1.7034")),
    ("=B1*B1*B1", Decimal("1881675960.26656")),     # 15 significant digits (…960.266558…), as Excel shows it
    ("=A9", Decimal(0)),                            # an empty cell alone shows 0
    ("=A9+1", Decimal(1)),
    ("=C1", "≥90%"),
    ("= A1 + 1 ", Decimal("1.1")),
    ("=A4+1", Decimal(2)),
    ("=1.5E2", Decimal("150")),
    ("=B1/3", Decimal("411.522600000000")),         # a quotient to 15 significant digits, as Excel shows it
    ("=1/3", Decimal("0.333333333333333")),
    ("=ROUND(B1/B2*-1,2)", Decimal("411.52")),
    ("=ROUND(2.345,2)+ROUND(-2.5,0)", Decimal("-0.65")),  # half away from zero, as Excel's ROUND
    ("=round(B1,-2)", Decimal("1200")),
    ("=IF(A9=0,0,B1/A9)", Decimal(0)),              # 池州's 执行率 over an empty budget: the division is not made
    ("=IF(A1>0,A1*10,0)", Decimal(1)),
    ("=IF(C1=\"≥90%\",1,2)", Decimal(1)),
    ("=IF(A3<>\"合计\",1,\"是\"\"合计\"\"\")", "是\"合计\""),
    ("=IF(B2,1,2)", Decimal(1)),                    # a figure not 0 is TRUE
])
def test_simple_formulas(formula: str, result: Decimal | str) -> None:
    assert calculate(formula, _sheet(NUMBERS)) == result


@pytest.mark.parametrize("formula", [
    "=A1/A9", "=C1+1", "=A3*2", "=ROUND(A1)", "=ROUND(A1,0.5)", "=ROUND(1E+40,2)", "=MAX(A1,0)", "=Sheet2!A1",
    "=A4", "=A1>0", "=IF(A1<0,1)", "=IF(A1>C1,1,0)", "=IF(C1,1,0)", "=IF(A1)", "=IF(A1>0,1,0", "=A1=A2=A3", "='表'!A1", "=A1:A2", "=A1&A2", "=SUM()", "=SUM(A1",
    "=A1+", "=LOG10(A1)", "=AB", "=XFE1", "=A1%", "={1,2}",
])
def test_other_formulas_are_not_calculated(formula: str) -> None:
    with pytest.raises(NotSimple):
        calculate(formula, _sheet(NUMBERS))


def test_a_formula_reading_itself_is_not_calculated() -> None:
    with pytest.raises(NotSimple):
        calculate("=B1+1", _sheet({}, {"B1": "A1+1", "A1": "B1"}))
    assert calculate("=B1+1", _sheet({"A2": Decimal(3)}, {"B1": "A1+1", "A1": "A2*2"})) == Decimal(8)


def test_an_array_formula_is_named_as_excel_shows_it(tmp_path: Path) -> None:
    """{=SUM(A2:A3*2)} multiplies ranges, no simple formula: blank and named with its braces, as Excel's bar shows it."""
    book = Workbook()
    book.active.title = "自评表"
    book.active["A1"], book.active["A2"], book.active["A3"], book.active["B2"] = "项目支出绩效自评表", 1, 2, "=SUM(A2:A3*2)"
    book.save(str(tmp_path / "a.xlsx"))
    with zipfile.ZipFile(tmp_path / "a.xlsx") as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    assert '<c r="B2"><f>SUM(A2:A3*2)</f><v></v></c>' in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.replace("<f>SUM", '<f t="array" ref="B2">SUM').encode()
    with zipfile.ZipFile(tmp_path / "a.xlsx", "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    [grid] = read_xlsx(tmp_path / "a.xlsx")
    assert [cell.text for row in grid.rows for cell in row] == ["项目支出绩效自评表", "1", "2"]  # B2 read as blank
    assert grid.notes[0].startswith("工作表「自评表」 B2（{=SUM(A2:A3*2)}）：这些格是公式，文件中没有保存计算结果")


def test_every_formula_of_a_long_sheet_is_read_whole(tmp_path: Path) -> None:
    """The sheet is parsed in chunks: a formula cell read at its start had, at a chunk's edge, no <f> yet, and
    was named 「共享公式」 and left blank (H319 of 4,000 rows, D57 here)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "自评表"
    sheet["A1"] = "项目支出绩效自评表"
    for r in range(2, 202):  # spaces before the formula, as Excel keeps them: most chunks end inside one
        sheet.append([f"指标{r}", 10, 9.5, f"={' ' * 400}C{r}*B{r}/10"])
    sheet["D203"] = "=SUM(D2:D202)"
    book.save(str(tmp_path / "long.xlsx"))
    [grid] = read_xlsx(tmp_path / "long.xlsx")
    assert [row[3].text for row in grid.rows[1:201]] == ["9.5"] * 200
    assert grid.rows[-1][3].text == "1900" and len(grid.notes) == 1


SS2003 = ('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
          '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
          '<Styles><Style ss:ID="Default" ss:Name="Normal"><NumberFormat/></Style>'
          '<Style ss:ID="pct"><NumberFormat ss:Format="0.00%"/></Style></Styles>'
          '<Worksheet ss:Name="自评表"><Table>'
          '<Row><Cell><Data ss:Type="String">全年预算数</Data></Cell><Cell><Data ss:Type="String">全年执行数</Data></Cell>'
          '<Cell><Data ss:Type="String">执行率</Data></Cell><Cell><Data ss:Type="String">分值</Data></Cell>'
          '<Cell><Data ss:Type="String">得分</Data></Cell></Row>'
          '<Row><Cell><Data ss:Type="Number">552</Data></Cell><Cell><Data ss:Type="Number">547.8</Data></Cell>'
          '<Cell ss:StyleID="pct" ss:Formula="=RC[-1]/RC[-2]"/><Cell><Data ss:Type="Number">10</Data></Cell>'
          '<Cell ss:Formula="=ROUND(RC[-2]*RC[-1],2)"/></Row>'
          '<Row><Cell ss:Index="4" ss:Formula="=SUM(R[-1]C:R[-1]C)"/><Cell ss:Formula="=VLOOKUP(R1C1,R1C1:R2C2,2)"/></Row>'
          '</Table></Worksheet></Workbook>')


def test_a_2003_xml_export_s_formulas_with_no_data_are_calculated(tmp_path: Path) -> None:
    """A system's 2003 XML export writes ss:Formula (R1C1) and no ss:Data: the cells were read as empty, unsaid."""
    from perfsite.importing.ss2003_reader import a1_formula, read_ss2003

    assert a1_formula("=SUM(R[-9]C:R[-1]C)+R2C3+RC[-1]+ROUND(1,0)", 12, 8) == "SUM(H3:H11)+C2+G12+ROUND(1,0)"
    path = tmp_path / "导出.xls"
    path.write_text(SS2003, encoding="utf-8")
    [grid] = read_ss2003(path)
    assert [c.text for c in grid.rows[1]] == ["552", "547.8", "99.24%", "10", "9.92"]
    assert [c.text for c in grid.rows[2]] == ["", "", "", "10", ""]
    notes = "\n".join(grid.notes)
    assert "工作表「自评表」 C2（=B2/A2，算得「99.24%」）、E2（=ROUND(C2*D2,2)，算得「9.92」）、D3（=SUM(D2:D2)，算得「10」）" in notes
    assert "工作表「自评表」 E3（=VLOOKUP(A1,A1:B2,2)）：这些格是公式，文件中没有保存计算结果" in notes
