"""The same indicator row imports alike from a single form and from a system's export of many programmes.

The export read its rows' text only: 「85」 under 「苗木成活率(≥**%)」 was a count of 85 and the hint stayed in the
name, 「3%」 of 预算调整率 was scored as a floor, and a 「—」 得分 was dropped with no word said. The form's
reader read each through the hint, the lower-is-better rule and `unscored`; both now share that reading
(row_figures.RowReadings)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook
from test_import_builders import add_table

from perfsite.importing.assemble import Hints
from perfsite.importing.bulk import check_extent, prepare_programme, programmes_of, read_sheets
from perfsite.importing.pipeline import Prepared, prepare

HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"]
ROWS = [["产出指标", "质量指标", "苗木成活率(≥**%)", "85", "90%", "40", "40", ""],
        ["产出指标", "成本指标", "预算调整率", "3%", "2%", "30", "30", ""],
        ["满意度指标", "服务对象满意度指标", "★群众满意度", "≥90%", "95%", "30", "—", ""]]
PROGRAMME = {"项目编码": "P001", "项目名称": "苗木种植", "主管部门": "县林业局", "年度": "2023"}


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[Prepared, Prepared]:
    folder = tmp_path_factory.mktemp("bulk28")
    book = Workbook()
    sheet = book.active
    sheet.title = "明细"
    sheet.append([*PROGRAMME, *HEAD])
    for row in ROWS:
        sheet.append([*PROGRAMME.values(), *row])
    export = folder / "汇总.xlsx"
    book.save(str(export))
    [programme] = programmes_of(export)
    document = docx.Document()
    document.add_paragraph("苗木种植2023年度绩效自评表")
    add_table(document, [HEAD, *ROWS])
    document.save(str(folder / "form.docx"))
    return prepare_programme(programme, export, Hints()), prepare(folder / "form.docx", Hints())


def test_an_export_s_rows_are_read_as_the_form_s(both: tuple[Prepared, Prepared]) -> None:
    exported, form = both
    assert exported.draft is not None and form.draft is not None
    assert exported.draft.data["indicators"] == form.draft.data["indicators"]
    assert [(i["name"], i["target"], i.get("score")) for i in exported.draft.data["indicators"]] == [
        ("苗木成活率", "≥85%", "40"), ("预算调整率", "≤3%", "30"), ("群众满意度", "≥90%", None)]


def test_an_export_names_each_cell_read_so(both: tuple[Prepared, Prepared]) -> None:
    notes = "\n".join(both[0].report.notes)
    assert "工作表「明细」第 2 行 H 列：指标值没有写全符号和单位，按名称后模板的提示（如「85」读作「≥85%」）补上了符号和单位" in notes
    assert "工作表「明细」第 3 行 H 列：指标「预算调整率」的指标值「3%」没有写比较符号" in notes and "写作「≤3%」" in notes
    assert "工作表「明细」第 4 行 K 列「—」：原表没有公布这一项指标的得分，未写入 score" in notes


EXPORT_HEAD = ["项目编码", "项目名称", "主管部门", "年度", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "自评得分"]


def test_an_export_s_formulas_with_no_saved_result_are_calculated(tmp_path: Path) -> None:
    """A system writing its export with openpyxl leaves 得分 =H2 and 自评得分 =SUM(I2:I3) with no result: calamine
    read them as empty, and the programme imported with no score and no 公布总分, the site's own in their place."""
    book = Workbook()
    sheet = book.active
    sheet.title = "明细"
    sheet.append(EXPORT_HEAD)
    sheet.append(["P001", "苗木种植", "县林业局", "2023", "种植面积", "≥100亩", "100亩", 50, "=H2", "=SUM(I2:I3)"])
    sheet.append(["P001", "苗木种植", "县林业局", "2023", "群众满意度", "≥90%", "85%", 50, "=ROUND(H3*0.85/0.9,2)",
                  "=SUM(I2:I3)"])
    book.save(str(tmp_path / "汇总.xlsx"))
    assert check_extent(tmp_path / "汇总.xlsx")
    [programme] = programmes_of(tmp_path / "汇总.xlsx")
    prepared = prepare_programme(programme, tmp_path / "汇总.xlsx", Hints())
    assert prepared.draft is not None
    assert [i.get("score") for i in prepared.draft.data["indicators"]] == ["50", "47.22"]
    assert prepared.draft.data["reported"] == {"score": "97.22"}
    [read] = read_sheets(tmp_path / "汇总.xlsx")
    assert read.notes[0].startswith("工作表「明细」 I2（=H2，算得「50」）、J2（=SUM(I2:I3)，算得「97.22」）")


def test_an_export_excel_saved_is_read_once(tmp_path: Path) -> None:
    """Formulas with their saved results (as Excel writes them, dropping 「recalculate on opening」) need no
    second reading of the sheet."""
    book = Workbook()
    book.active.append(EXPORT_HEAD)
    book.active.append(["P001", "苗木种植", "县林业局", "2023", "种植面积", "≥100亩", "100亩", 50, "=H2", "=I2"])
    book.save(str(tmp_path / "a.xlsx"))
    with zipfile.ZipFile(tmp_path / "a.xlsx") as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    assert sheet.count("<v></v>") == 2
    parts["xl/worksheets/sheet1.xml"] = sheet.replace("<v></v>", "<v>50</v>").encode()
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b' fullCalcOnLoad="1"', b"")
    with zipfile.ZipFile(tmp_path / "a.xlsx", "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    assert not check_extent(tmp_path / "a.xlsx")


def test_a_2003_xml_export_s_score_formulas_are_calculated_and_said(tmp_path: Path) -> None:
    """Systems export 2003 XML named .xls: 得分 as ss:Formula="=RC[-1]" and no ss:Data was read as empty."""
    cells = "".join(f'<Cell><Data ss:Type="String">{text}</Data></Cell>' for text in EXPORT_HEAD)
    row = ('<Row>' + "".join(f'<Cell><Data ss:Type="String">{text}</Data></Cell>'
                             for text in ("P001", "苗木种植", "县林业局", "2023", "种植面积", "≥100亩", "100亩"))
           + '<Cell><Data ss:Type="Number">100</Data></Cell><Cell ss:Formula="=RC[-1]"/><Cell ss:Formula="=RC[-1]"/></Row>')
    (tmp_path / "导出.xls").write_text(
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        f'<Worksheet ss:Name="明细"><Table><Row>{cells}</Row>{row}</Table></Worksheet></Workbook>', encoding="utf-8")
    [programme] = programmes_of(tmp_path / "导出.xls")
    prepared = prepare_programme(programme, tmp_path / "导出.xls", Hints())
    assert prepared.draft is not None
    assert prepared.draft.data["indicators"][0]["score"] == "100" and prepared.draft.data["reported"] == {"score": "100"}
    [read] = read_sheets(tmp_path / "导出.xls")
    assert any(note.startswith("工作表「明细」 I2（=H2，算得「100」）、J2（=I2，算得「100」）") for note in read.notes)
