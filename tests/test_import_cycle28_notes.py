"""A department's table of several programmes' 目标表: a reader's note naming a cell reaches the programme
whose rows hold it; known columns of a 目标表 or 自评表 are read or said plainly as not imported; a 2003 XML
export's error value is said as shown."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import prepare

FORMULA = "工作表「Sheet」 H5（=10+1，算得「11」）"


def test_a_note_naming_a_cell_of_one_programme_of_a_list_reaches_that_programme_only(tmp_path: Path) -> None:
    """The second programme's 指标值 is a formula with no saved result: the note names H5, a cell of the
    second programme's rows, and is said on its report alone, not the first's as well."""
    book = Workbook()
    rows = [["部门预算项目绩效目标表(2024年度)"], ["金额单位:元"],
            ["单位名称", "项目名称", "预算数", "年度目标", "一级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重"],
            ["101001-示例镇人民政府", "村组干部报酬", "200,000.00", "按时发放", "产出指标", "发放人数", "≥", "30", "人", "100"],
            ["", "基层组织活动经费", "100,000.00", "保障运转", "产出指标", "村（社区）数", "=", "=10+1", "个", "100"]]
    for r, line in enumerate(rows, 1):
        for c, text in enumerate(line, 1):
            if text:
                book.active.cell(r, c).value = text
    book.active.merge_cells("A4:A5")
    book.save(tmp_path / "示例镇绩效目标.xlsx")
    first = prepare(tmp_path / "示例镇绩效目标.xlsx", Hints())
    reports = [item.report for item in (first, *first.more)]
    assert [r.failure for r in reports] == ["", ""]
    assert [sum(note.startswith(FORMULA) for note in r.notes) for r in reports] == [0, 1], [r.notes for r in reports]


SS2003 = ('<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n'
          '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
          '<Worksheet ss:Name="自评表"><Table>'
          '<Row><Cell><Data ss:Type="String">预算数</Data></Cell><Cell><Data ss:Type="String">执行数</Data></Cell>'
          '<Cell><Data ss:Type="String">执行率</Data></Cell></Row>'
          '<Row><Cell ss:Index="2"><Data ss:Type="Number">10</Data></Cell><Cell ss:Formula="=RC[-1]/RC[-2]"/></Row>'
          '</Table></Worksheet></Workbook>')


def test_a_2003_xml_formula_over_an_empty_budget_is_said_as_showing_div0(tmp_path: Path) -> None:
    """A system's 2003 XML export writes the 执行率 =B2/A2 with no saved result over an empty 预算数: Excel
    shows #DIV/0! there, and the clerk is told so, as for an .xlsx, not that the formula is too hard to calculate."""
    from perfsite.importing.ss2003_reader import read_ss2003

    path = tmp_path / "导出.xml"
    path.write_text(SS2003, encoding="utf-8")
    [grid] = read_ss2003(path)
    assert grid.rows[1][2].text == ""
    assert any("C2（=B2/A2）显示 #DIV/0!" in note and "已按空白读取" in note for note in grid.notes), grid.notes
    assert not any("算不出" in note for note in grid.notes), grid.notes


def _self_evaluation(tmp_path: Path, head: list[str], rows: list[list[str]]) -> tuple[list[str], list[dict[str, object]]]:
    """A small 自评表 with the header `head` over `rows`: the report's notes and the indicators read."""
    book = Workbook()
    for r, line in enumerate([["项目名称", "村道维修"], ["主管部门", "示例县交通局"], ["评价年度", "2023"], head, *rows], 1):
        for c, text in enumerate(line, 1):
            book.active.cell(r, c).value = text or None
    book.save(tmp_path / "自评表.xlsx")
    item = prepare(tmp_path / "自评表.xlsx", Hints())
    assert item.report.failure == ""
    return item.report.notes, item.draft.data["indicators"]


HEAD = ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分"]


def test_a_self_evaluation_s_target_table_columns_are_said_not_imported_without_advice_to_rename(tmp_path: Path) -> None:
    """是否核心指标, 指标解释, 设定依据, 数据来源 copied from the 目标表 onto a 自评表: the data format has no key
    for them there, and the clerk is told so plainly, not to rename them 「分值」「得分」."""
    notes, _ = _self_evaluation(tmp_path, [*HEAD, "是否核心指标", "指标解释", "设定依据", "数据来源"],
                                [["产出指标", "数量指标", "维修里程", "100", "≥10公里", "10公里", "100", "是", "当年维修的里程", "计划标准", "验收单"]])
    said = [note for note in notes if "本列未导入" in note]
    assert [note.split("：")[0] for note in said] == [
        "工作表「Sheet」 H4「是否核心指标」", "工作表「Sheet」 I4「指标解释」", "工作表「Sheet」 J4「设定依据」", "工作表「Sheet」 K4「数据来源」"]
    assert not any("请把列名改为" in note for note in notes), notes


def test_an_adjusted_target_is_the_target_in_force_and_the_note_says_which_was_taken(tmp_path: Path) -> None:
    """A 自评表 printing 年初指标值 and 调整后指标值: a row filling the adjusted one is read and scored against it
    (named by its cell, with the 年初 target it replaced); a row leaving it blank keeps the 年初 one. Called an
    unknown column, the adjusted target was dropped and the clerk told to rename it 「年度指标值」."""
    head = ["一级指标", "二级指标", "三级指标", "分值", "年初指标值", "调整后指标值", "实际完成值", "得分"]
    notes, indicators = _self_evaluation(tmp_path, head, [
        ["产出指标", "数量指标", "维修里程", "60", "≥10公里", "≥8公里", "9公里", "60"],
        ["效益指标", "满意度指标", "群众满意度", "40", "≥90%", "", "95%", "40"]])
    assert [i["target"] for i in indicators] == ["≥8公里", "≥90%"]
    said = [note for note in notes if "调整后指标值" in note]
    assert len(said) == 1 and "F5「≥8公里」（年初「≥10公里」）" in said[0] and "其余 1 项" in said[0], notes
    assert not any("请把列名改为" in note for note in notes), notes
