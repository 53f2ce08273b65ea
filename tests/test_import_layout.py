"""Layouts of the forms units hand in, each built here as the unit would type it, imported as a clerk would.

Every case is a layout seen on published 自评表 (two-row headers, template rows left unfilled,
weights as percentages, amounts with units in the cell, a 分值-less form, the year only in the file
name …); the figures are small and invented, and every expected value below is worked by hand.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook
from test_import_builders import add_table, sheet_rows
from test_import_word import scored

from perfsite.cli import main
from perfsite.decimals import as_printed
from perfsite.importing.assemble import Hints, amount, assemble, without_code
from perfsite.importing.grid import ABOVE, LEFT, OWN, Cell, Grid
from perfsite.importing.tables import scan
from perfsite.importing.text import Prose
from perfsite.model import RuleType
from perfsite.problems import Severity

Merge = tuple[int, int, int, int]


def grid(rows: list[list[str]], merges: tuple[Merge, ...] = (), label: str = "表1") -> Grid:
    """Rows as a reader gives them: a merged range's other cells continue its first cell's text."""
    cells = [[Cell(text, OWN, f"第{r + 1}行第{c + 1}列") for c, text in enumerate(row)] for r, row in enumerate(rows)]
    for r0, c0, r1, c1 in merges:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    cells[r][c] = Cell(rows[r0][c0], ABOVE if r > r0 else LEFT, cells[r][c].ref)
    return Grid(label, cells)


def draft_of(*grids: Grid, source: str = "form.xlsx", hints: Hints | None = None):  # type: ignore[no-untyped-def]
    found = scan(list(grids))
    return assemble(source, found, Prose(), [], hints or Hints()), found


def run_import(tmp: Path, path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    main(["import", str(path), "--out", str(tmp / "out")])
    [out] = sorted((tmp / "out").rglob("*.yaml"))
    return out, capsys.readouterr().out


# --------------------------------------------------------------------------- the county MoF form

W = 9
"""The form's width: 一级 | 二级 | 三级 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 分值 | 得分 (+ 偏差原因)."""


def county_form() -> tuple[list[list[str]], list[Merge]]:
    """The 财预〔2020〕10号 form as a county unit fills it in the finance system's export:

    codes before the unit names, 年度资金总额 left 0 while 其中：本年财政拨款 has the figures, an
    amount typed with its unit, 年度指标值 split into 指标性质/指标值/度量单位 under a two-row
    header, weights as percentages, the template's unfilled 「指标N：」 and 「……」 rows, an
    indicator the unit marked 不适用 with 「/」, and 99% printed for an execution rate of 99.10%.
    """
    rows = [
        ["项目支出绩效自评表", *[""] * W],
        ["（2022年度）", *[""] * W],
        ["项目名称", "农村饮水安全巩固提升工程", *[""] * (W - 1)],
        ["主管部门", "219-池州市贵池区水利局", "", "", "", "实施单位", "219001-池州市贵池区棠溪镇人民政府", "", "", ""],
        ["项目资金（万元）", "", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
        ["", "年度资金总额", "", "0", "0", "0", "10", "99%", "9.9", ""],
        ["", "其中：本年财政拨款", "", "200", "208万元", "206.13", "—", "", "—", ""],
        ["", "上年结转资金", "", "", "", "", "—", "", "—", ""],
        ["", "其他资金", "", "", "", "", "—", "", "—", ""],
        ["年度总体目标", "预期目标", "", "", "", "实际完成情况", "", "", "", ""],
        ["", "完成12公里供水管网改造，受益群众满意度90%以上。", "", "", "", "完成12.5公里管网改造，群众满意度96%。",
         "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "", "", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["", "", "", "指标性质", "指标值", "度量单位", "", "", "", ""],
        ["产出指标", "数量指标", "供水管网改造长度", "≥", "12", "公里", "12.5公里", "30%", "30", ""],
        ["", "", "指标1：", "", "", "", "", "", "", ""],
        ["", "质量指标", "工程验收合格率", "=", "100", "%", "100%", "20%", "20", ""],
        ["", "时效指标", "……", "/", "/", "/", "/", "/", "/", ""],
        ["效益指标", "社会效益指标", "带动当地就业人数", "/", "/", "/", "/", "/", "", ""],
        ["", "可持续影响指标", "工程设计使用年限", "≥", "20", "年", "20年", "20%", "20", ""],
        ["满意度指标", "服务对象满意度指标", "受益群众满意度", "≥", "90", "%", "96%", "20%", "20", ""],
        ["总分", "", "", "", "", "", "", "100%", "99.9", ""],
    ]
    merges = [(0, 0, 0, W), (1, 0, 1, W), (2, 1, 2, W), (3, 1, 3, 4), (3, 6, 3, W), (4, 0, 8, 0), (4, 1, 4, 2),
              (5, 1, 5, 2), (6, 1, 6, 2), (7, 1, 7, 2), (8, 1, 8, 2), (9, 0, 10, 0), (9, 1, 9, 4), (9, 5, 9, W),
              (10, 1, 10, 4), (10, 5, 10, W), (11, 3, 11, 5), (11, 0, 12, 0), (11, 1, 12, 1), (11, 2, 12, 2),
              (11, 6, 12, 6), (11, 7, 12, 7), (11, 8, 12, 8), (11, 9, 12, 9), (13, 0, 16, 0), (17, 0, 18, 0),
              (20, 0, 20, 6)]
    for r0, c0, r1, c1 in merges:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    rows[r][c] = ""
    return rows, merges


def county_xlsx(path: Path) -> Path:
    wb = Workbook()
    rows, merges = county_form()
    sheet_rows(wb.active, rows, merges)
    wb.save(str(path))
    return path


def county_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("附件")
    rows, merges = county_form()
    add_table(d, rows, tuple(merges))
    d.save(str(path))
    return path


@pytest.mark.parametrize("build", [county_xlsx, county_docx], ids=["xlsx", "docx"])
def test_county_form_with_its_quirks(tmp_path: Path, build, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    suffix = ".xlsx" if build is county_xlsx else ".docx"
    out, said = run_import(tmp_path, build(tmp_path / f"yinshui{suffix}"), capsys)
    got = scored(out)
    prog = got.programme
    assert (prog.name, prog.year, prog.department) == ("农村饮水安全巩固提升工程", 2022, "池州市贵池区水利局")
    text = out.read_text(encoding="utf-8")
    assert "单位编码 219" in text and "实施单位：池州市贵池区棠溪镇人民政府" in text
    # 年度资金总额 was all 0: the 本年财政拨款 figures, 208万元 read in the table's 万元
    assert prog.budget is not None and prog.budget.unit == "万元"
    assert [prog.budget.rows[k].total for k in ("initial", "budget", "spent")] == \
        [Decimal("200"), Decimal("208"), Decimal("206.13")]
    assert "年度资金总额」一行全是 0" in said
    names = [i.name for i in prog.indicators]
    assert names == ["预算执行率", "供水管网改造长度", "工程验收合格率", "带动当地就业人数", "工程设计使用年限", "受益群众满意度"]
    assert "第15行、" in said and "第17行" in said and "「指标1：」、「……」是表格模板中未填写的行，未作为指标导入" in said
    by_name = {i.name: i for i in prog.indicators}
    assert by_name["供水管网改造长度"].target == "≥12公里"
    assert by_name["工程验收合格率"].target == "=100%"
    assert [i.weight for i in prog.indicators] == [Decimal(10), Decimal(30), Decimal(20), None, Decimal(20), Decimal(20)]
    not_applicable = by_name["带动当地就业人数"]
    assert not_applicable.applicable is False
    assert "按不适用写入" in said
    execution = by_name["预算执行率"]
    assert execution.rule.type is RuleType.BUDGET and execution.actual == "99%"
    assert execution.rule.params.get("rate", "execution_rate") == "execution_rate"
    assert got.budget is not None and got.budget.execution_rate == Decimal("99.10")  # 206.13 / 208
    assert "四舍五入的结果（舍入）" in said
    assert [p.severity for p in got.problems if "预算执行率" in p.message and "99%" in p.message] == [Severity.NOTE]
    assert not any(p.severity in (Severity.ERROR, Severity.DISCREPANCY) for p in got.problems), \
        [p.as_text() for p in got.problems]
    assert dict(prog.sections)["年度总体目标"].startswith("完成12公里供水管网改造")
    # 10 × 99.10% = 9.91 for the execution line; every other applicable line full marks: 99.91 of 100
    assert got.total == Decimal("99.91")


# --------------------------------------------------------------------------- headers


def test_indicator_values_spanning_target_and_actual_with_other_words() -> None:
    """绩效指标 over 一级/二级/三级 and 指标值 over 年度指标值/完成值; 标准分, 自评得分 and 得分合计."""
    g = grid([
        ["专项名称", "2023年度乡村振兴衔接资金", "", "", "", "", ""],
        ["绩效指标", "", "", "指标值", "", "标准分", "自评得分"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "完成值", "", ""],
        ["产出指标", "数量指标", "新建产业路", "≥5公里", "5.2公里", "60", "60"],
        ["效益指标", "经济效益指标", "带动增收", "≥1000元/人", "900元/人", "40", "36"],
        ["得分合计", "", "", "", "", "100", "96"],
    ], ((0, 1, 0, 6), (1, 0, 1, 2), (1, 3, 1, 4), (1, 5, 2, 5), (1, 6, 2, 6), (5, 0, 5, 4)))
    draft, _ = draft_of(g)
    items = draft.data["indicators"]
    assert [(i["level1"], i["name"], i["target"], i["actual"], i["weight"], i["score"]) for i in items] == [
        ("产出指标", "新建产业路", "≥5公里", "5.2公里", "60", "60"),
        ("效益指标", "带动增收", "≥1000元/人", "900元/人", "40", "36")]
    assert draft.data["reported"] == {"score": "96"}
    assert draft.data["name"] == "2023年度乡村振兴衔接资金" and draft.data["year"] == "2023"


def test_a_data_row_is_never_read_as_a_second_header_row() -> None:
    g = grid([
        ["项目名称", "示例项目（2021年度）", "", "", ""],
        ["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["受益人数", "≥100人", "120人", "100", "100"],
    ])
    draft, _ = draft_of(g)
    assert [i["name"] for i in draft.data["indicators"]] == ["受益人数"]


def test_goal_rows_inside_the_indicator_block() -> None:
    """Some units type the 年度总体目标 rows under the indicator header: sections, never indicators."""
    g = grid([
        ["项目名称", "示例项目", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "分值", "得分"],
        ["年度总体目标", "预期目标", "", "实际完成情况", "", ""],
        ["", "建成2座桥梁。", "", "已建成2座。", "", ""],
        ["产出指标", "数量指标", "建成桥梁数", "2座", "100", "100"],
    ], ((2, 0, 3, 0), (2, 1, 2, 2), (2, 3, 2, 5), (3, 1, 3, 2), (3, 3, 3, 5)))
    draft, _ = draft_of(g, source="2021年桥梁.xlsx")
    assert [i["name"] for i in draft.data["indicators"]] == ["建成桥梁数"]
    assert draft.data["sections"] == {"年度总体目标": "建成2座桥梁。", "总体目标完成情况": "已建成2座。"}


# --------------------------------------------------------------------------- no 分值 column


def test_form_without_weights_names_the_column_and_the_points_it_states() -> None:
    """Points only on the level headings: a level over one indicator gives it its weight; the rest stay
    unwritten and the note names the missing column and every point the form states."""
    g = grid([
        ["2021年度示例项目绩效自评表", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分"],
        ["产出指标（40分）", "数量指标", "改造户数", "≥50户", "50户", "20"],
        ["", "质量指标", "验收合格率", "100%", "100%", "20"],
        ["效益指标（40分）", "社会效益指标", "群众满意度", "≥90%", "95%", "40"],
        ["预算执行（20分）", "预算执行", "预算执行率", "100%", "98%", "19.6"],
    ], ((2, 0, 3, 0),))
    draft, _ = draft_of(g)
    items = draft.data["indicators"]
    assert [(i["name"], i.get("weight"), i["score"]) for i in items] == [
        ("改造户数", None, "20"), ("验收合格率", None, "20"), ("群众满意度", "40", "40"), ("预算执行率", "20", "19.6")]
    assert draft.comments[("indicators", 2, "weight")] == ["分值取自「效益指标（40分）」：其下只有这一项指标。"]
    [note] = [n for n in draft.notes if "分值" in n]
    assert "表1没有「分值」列" in note and "产出指标 40 分、效益指标 40 分、预算执行 20 分" in note


def test_points_in_a_scoring_formula_are_named_too() -> None:
    g = grid([
        ["项目名称", "示例项目", "", "", "", ""],
        ["评价年度", "2021", "", "", "", ""],
        ["一级指标", "三级指标", "年度指标值", "实际完成值", "评分标准", "得分"],
        ["预算执行", "预算执行率", "100%", "98%", "得分=20分×执行率", "19.6"],
        ["产出指标", "完成户数", "50户", "50户", "完成得80分", "80"],
    ])
    draft, _ = draft_of(g)
    [note] = [n for n in draft.notes if "分值" in n]
    assert "预算执行率 20 分（得分=20分×执行率）" in note


# --------------------------------------------------------------------------- amounts and units


@pytest.mark.parametrize(("text", "unit", "figure", "said"), [
    ("208万元", "万元", "208", "万元"),
    ("208万元", "元", "2080000", "万元"),
    ("387,664.62元", "万元", "38.766462", "元"),
    ("387,664.62元", "元", "387664.62", "元"),
    ("0.5亿元", "万元", "5000", "亿元"),
    ("4,700.90", "万元", "4700.90", ""),
    ("/", "万元", None, ""),
    ("约200万元", "万元", None, ""),
])
def test_amounts_with_units_keep_every_digit(text: str, unit: str, figure: str | None, said: str) -> None:
    got, unit_said = amount(text, unit)
    assert (got, unit_said) == (figure, said)


def test_a_table_in_yuan_stays_in_yuan(tmp_path: Path) -> None:
    g = grid([
        ["项目名称", "示例项目", "", "", "", ""],
        ["评价年度", "2021", "", "", "", ""],
        ["项目资金（元）", "", "年初预算数", "全年预算数", "全年执行数", ""],
        ["", "年度资金总额", "400,000.00元", "400,000.00元", "387,664.62元", ""],
        ["三级指标", "年度指标值", "实际完成值", "分值", "得分", ""],
        ["完成户数", "50户", "50户", "100", "100", ""],
    ], ((2, 0, 3, 0),))
    draft, _ = draft_of(g)
    budget = draft.data["budget"]
    assert budget["unit"] == "元" and budget["spent"] == "387664.62"


def test_cells_in_yuan_in_a_table_in_wan_yuan_are_converted_and_said() -> None:
    g = grid([
        ["项目名称", "示例项目", "", "", "", ""],
        ["评价年度", "2021", "", "", "", ""],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", ""],
        ["", "年度资金总额", "40", "40", "387,664.62元", ""],
        ["三级指标", "年度指标值", "实际完成值", "分值", "得分", ""],
        ["完成户数", "50户", "50户", "100", "100", ""],
    ], ((2, 0, 3, 0),))
    draft, _ = draft_of(g)
    assert draft.data["budget"]["spent"] == "38.766462"
    assert draft.comments[("budget", "spent")] == ["原表写作「387,664.62元」，按本表单位换算为 38.766462 万元。"]


@pytest.mark.parametrize(("text", "name", "code"), [
    ("219-池州市贵池区棠溪镇人民政府", "池州市贵池区棠溪镇人民政府", "219"),
    ("[105001]县教育局", "县教育局", "105001"),
    ("县教育局", "县教育局", ""),
    ("12345", "12345", ""),
])
def test_unit_codes(text: str, name: str, code: str) -> None:
    assert without_code(text) == (name, code)


# --------------------------------------------------------------------------- the year


def _no_year_grid(name: str, *extra: list[str]) -> Grid:
    return grid([["项目名称", name, "", "", ""], *extra,
                 ["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
                 ["受益人数", "≥100人", "120人", "100", "100"]])


@pytest.mark.parametrize(("name", "source", "extra", "year", "note"), [
    ("示例项目", "2020年示例项目自评表.xlsx", [], "2020", None),
    ("示例项目", "zipin_2020.xlsx", [], "2020", None),
    ("示例项目", "a2020b.xlsx", [["填报日期", "2021年3月5日", "", "", ""]], "2020", "按填报日期「2021年3月5日」的上一年"),
    ("2019年农村公路建设项目", "gonglu.xlsx", [], "2019", "取自项目名称「2019年农村公路建设项目」中的年份"),
    ("2019年农村公路建设项目", "2020年gonglu.xlsx", [], "2020", None),
])
def test_year(name: str, source: str, extra: list[list[str]], year: str, note: str | None) -> None:
    draft, _ = draft_of(_no_year_grid(name, *extra), source=source)
    assert draft.data["year"] == year
    notes = [n for n in draft.notes if "年度" in n or "年份" in n]
    assert (note is None and not notes) or (note is not None and any(note in n for n in notes)), notes


def test_no_year_anywhere_is_refused_with_the_option() -> None:
    from perfsite.importing.sniff import ImportFailure

    with pytest.raises(ImportFailure, match="--year"):
        draft_of(_no_year_grid("示例项目"), source="shili.xlsx")


# --------------------------------------------------------------------------- printed precision


@pytest.mark.parametrize(("value", "printed", "shown"), [
    ("99.10", "99", "99"), ("99.50", "99", "100"), ("99.104", "99.1", "99.1"), ("97.94", "97.94", "97.94"),
])
def test_as_printed(value: str, printed: str, shown: str) -> None:
    assert as_printed(Decimal(value), Decimal(printed)) == Decimal(shown)


def test_a_printed_rate_that_is_not_the_rounded_one_is_a_discrepancy(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    rows, merges = county_form()
    rows[5][7] = "97%"
    wb = Workbook()
    sheet_rows(wb.active, rows, merges)
    wb.save(str(tmp_path / "f.xlsx"))
    out, said = run_import(tmp_path, tmp_path / "f.xlsx", capsys)
    got = scored(out)
    assert "实际值 97% 与预算表算出的预算执行率 99.10% 不同" in said
    assert [p.severity for p in got.problems if "预算执行率" in p.message and "97%" in p.message] == [Severity.DISCREPANCY]
    assert got.total == Decimal("99.91")  # scored from the amounts, not from the printed 97%


# --------------------------------------------------------------------------- county and transfer-payment forms


def test_level_cells_printing_only_points_are_named_from_the_framework() -> None:
    """「(50分)」 in 一级指标 above 数量指标/质量指标: the MoF framework puts those under 产出指标."""
    g = grid([
        ["项目名称", "示例项目（2022年度）", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["(60分)", "数量指标", "指标1:完成改造项目", "1", "1", "30", "30"],
        ["", "质量指标", "指标1:工程质量合格", "合格", "合格", "30", "30"],
        ["", "", "指标2:", "", "", "", ""],
        ["(40分)", "社会效益指标", "指标1:保护群众财产", "有效", "有效", "40", "40"],
    ], ((2, 0, 4, 0),))
    draft, _ = draft_of(g)
    items = draft.data["indicators"]
    assert [(i["level1"], i["name"]) for i in items] == [
        ("产出指标(60分)", "完成改造项目"), ("产出指标(60分)", "工程质量合格"), ("效益指标(40分)", "保护群众财产")]
    assert draft.data["groups"] == {"产出指标": "60", "效益指标": "40"}
    assert any("一级指标只印了分值「(60分)」：按其下的二级指标写作「产出指标(60分)」" in n for n in draft.notes)


def test_level_columns_in_the_forms_own_words() -> None:
    g = grid([
        ["2019年度示例县助学金项目绩效评价指标表", "", "", "", ""],
        ["评价指标", "评价内容", "指标名称", "目标值", "分值"],
        ["项目年度绩效目标", "产出数量指标", "享受资助人数", "2100", "60"],
        ["", "时效指标", "及时发放率", "100%", "40"],
    ], ((2, 0, 3, 0),))
    draft, _ = draft_of(g)
    assert [(i["level1"], i["level2"], i["name"]) for i in draft.data["indicators"]] == [
        ("项目年度绩效目标", "产出数量指标", "享受资助人数"), ("项目年度绩效目标", "时效指标", "及时发放率")]
    assert (draft.data["region"], draft.data["year"]) == ("示例县", "2019")


def test_20_40_40_form_execution_line_worth_its_formula_and_block_points_named() -> None:
    """No 分值 per row; the funds block scores 「得分(20分*执行率)」, each block states (40分)."""
    g = grid([
        ["2020年度示例项目绩效自评表", "", "", "", "", "", ""],
        ["项目名称", "示例项目", "", "", "", "", ""],
        ["主管部门", "黄冈市示例局", "", "项目实施单位", "本单位", "", ""],
        ["预算执行情况(万元)(20分)", "预算数(A)", "", "执行数(B)", "执行率(B/A)", "得分(20分*执行率)", ""],
        ["年度财政资金总额", "10", "", "10", "100%", "20", ""],
        ["年度绩效目标1(40分)", "一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"],
        ["", "产出指标", "质量指标", "监测数据合格", "100%", "100%", "40"],
        ["", "效益指标", "", "", "", "", ""],
        ["年度绩效目标2(40分)", "一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"],
        ["", "产出指标", "进度指标", "完成资料上报", "100%", "100%", "40"],
        ["总分", "", "", "", "", "", "100"],
    ], ((0, 0, 0, 6), (1, 1, 1, 6), (3, 1, 3, 2), (4, 1, 4, 2), (5, 0, 7, 0), (8, 0, 9, 0), (10, 0, 10, 5)))
    draft, _ = draft_of(g)
    items = draft.data["indicators"]
    assert [(i["name"], i.get("weight"), i.get("score")) for i in items] == [
        ("预算执行率", "20", "20"), ("监测数据合格", None, "40"), ("完成资料上报", None, "40")]
    assert draft.comments[("indicators", 0, "weight")] == ["分值取自资金表的「20分*执行率」。"]
    assert draft.data["budget"]["budget"] == "10" and draft.data["region"] == "黄冈市"
    [note] = [n for n in draft.notes if "没有「分值」列" in n]
    assert "年度绩效目标1(40分)、年度绩效目标2(40分)" in note
    assert draft.data["reported"] == {"score": "100"}


def test_transfer_payment_form_funds_without_points_are_not_an_indicator() -> None:
    g = grid([
        ["示例资金绩效目标自评", "", "", "", "", "", ""],
        ["(2021年度)", "", "", "", "", "", ""],
        ["转移支付(项目)名称", "", "示例资金", "", "", "", ""],
        ["中央主管部门", "", "财政部", "", "", "", ""],
        ["地方主管部门", "", "阆中市交通运输局", "", "资金使用单位", "阆中市交通运输局", ""],
        ["项目资金\n(万元)", "", "全年预算数(A)", "全年执行数(B)", "预算执行率(B/A)", "", ""],
        ["", "年度资金总额:", "4000", "4000", "100%", "", ""],
        ["", "其中:中央、省、市补助县级资金", "4000", "4000", "100%", "", ""],
        ["绩效指标", "一级\n指标", "二级指标", "三级指标", "指标值", "全年实际完成值", "未完成原因和改进措施"],
        ["", "满 意 度指 标", "服务对象\n满意度指标", "群众满意 度", "≥90%", "95%", ""],
    ], ((0, 0, 0, 6), (1, 0, 1, 6), (2, 0, 2, 1), (2, 2, 2, 6), (5, 0, 7, 0), (8, 0, 9, 0)))
    draft, _ = draft_of(g)
    assert (draft.data["name"], draft.data["department"], draft.data["year"]) == ("示例资金", "阆中市交通运输局", "2021")
    assert [(i["level1"], i["level2"], i["name"]) for i in draft.data["indicators"]] == [
        ("满意度指标", "服务对象满意度指标", "群众满意度")]
    assert draft.data["budget"]["budget"] == "4000"  # a source naming several levels is not 中央 alone
    assert ("budget",) in draft.comments


def test_funds_label_column_headed_like_a_budget_column() -> None:
    g = grid([
        ["部门预算项目支出绩效自评表(2023年度)", "", "", "", "", "", "", ""],
        ["项目名称", "51000021R000000019951-工资性支出", "", "", "", "", "", ""],
        ["主管部门", "青神县发展和改革局本级", "", "", "", "", "", ""],
        ["预算执行情况(10分)", "年度预算数(万元)", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"],
        ["", "总额", "238.93", "251.89", "251.89", "100.00%", "10", "10"],
        ["", "其中:财政资金", "238.93", "251.89", "251.89", "100.00%", "/", "/"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "权重", "得分", ""],
        ["产出指标", "数量指标", "发放覆盖率", "100%", "100%", "90", "90", ""],
        ["总分", "", "", "", "", "100", "100", "优"],
    ], ((3, 0, 5, 0),))
    draft, _ = draft_of(g)
    assert draft.data["name"] == "工资性支出" and draft.comments[("name",)] == ["原表的项目名称前有编码 51000021R000000019951，已去掉。"]
    budget = draft.data["budget"]
    assert (budget["initial"], budget["budget"], budget["spent"]) == ("238.93", "251.89", "251.89")
    assert [(i["name"], i["weight"]) for i in draft.data["indicators"]] == [("预算执行率", "10"), ("发放覆盖率", "90")]
    assert draft.data["reported"] == {"score": "100", "grade": "优"}
    assert draft.data["region"] == "青神县"


def test_the_goal_and_what_was_done_as_two_labelled_rows() -> None:
    """The 区域（转移支付）form (四川 普惠金融, tests/forms/c03): 「年度总体目标 | 目标…」 and under it 「完成情况 | 1:…」,
    each a label and one merged text. 完成情况 was no goal label, so what was done was left out without a word."""
    g = grid([
        ["专项名称", "示例资金", "", ""],
        ["年度总体目标", "目标1:建成2座桥梁,改善沿线群众出行条件,", "", ""],
        ["完成情况", "1:已建成2座桥梁,改善沿线群众出行条件,", "", ""],
        ["三级指标", "指标值", "完成值", "得分"],
        ["建成桥梁数", "2座", "2座", "100"],
    ], ((0, 1, 0, 3), (1, 1, 1, 3), (2, 1, 2, 3)))
    draft, _ = draft_of(g, hints=Hints(year="2021"))
    assert draft.data["sections"] == {"年度总体目标": "目标1:建成2座桥梁,改善沿线群众出行条件,",
                                      "总体目标完成情况": "1:已建成2座桥梁,改善沿线群众出行条件,"}


def _row8(*cells: str) -> list[str]:
    return [*cells, *[""] * (8 - len(cells))]


TIANJIAAN = [  # 田家庵区人社局 2024 就业补助资金 绩效自评表 (www.tja.gov.cn/public/118323190/1260578519.html), cut there
    _row8("转移支付(项目)名称", "就业补助资金"),
    _row8("地方主管部门", "安徽省人力资源和社会保障厅 淮南市人力资源和社会保障局", "", "", "资金使用单位",
          "淮南市田家庵区人力资源和社会保障局"),
    _row8("资金投入情况 (万元)", "", "全年预算数(A)", "全年执行数(B)", "预算执行率(B/A×100%)"),
    _row8("", "年度资金总额:", "808.1", "692.98", "86%"),
    _row8("", "其中:中央财政资金", "808.1", "692.98", "86%"),
    _row8("", "地方财政资金"),
    _row8("", "其他资金"),
    _row8("资金管理情况", "", "情况说明", "", "", "存在问题和改进措施"),
    _row8("", "分配科学性", "合理分配,优先保障工资社保。"),  # the 存在问题 column is blank on the page
    _row8("", "下达及时性"),
    _row8("", "拨付合规性", "严格按照国库集中支付制度有关规定支付资金,未出现违规问题。"),
    _row8("", "预算绩效管理情况", "将有关资金纳入本级预算绩效管理,开展绩效监控和绩效评价。"),
    _row8("总体目标完成情况", "总体目标", "", "", "全年实际完成情况"),
    _row8("", "落实各项就业创业扶持政策,做好各项就业工作,加强公共就业创业服务机构服务能力建设。", "", "",
          "各项就业创业工作指标均按要求完成,基层特岗人员工资社保及时发放。"),
    _row8("绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "全年实际完成值", "未完成原因分析"),
    _row8("", "产出指标", "数量指标", "示例补贴人数", "≥100人", "120人"),  # the page is cut on the header
]


def test_the_money_management_block_of_the_transfer_form_is_no_goal() -> None:
    """The MoF 转移支付 form from 2022 on puts a 资金管理情况 block (情况说明 | 存在问题和改进措施 over 分配科学性 …) between
    the money and the goals: the money is read by source, the goals under their heads, and the block's texts, left
    unplaced before, as a section of their own (the empty items left out)."""
    merges = ((0, 1, 0, 7), (1, 1, 1, 3), (1, 5, 1, 7), (2, 0, 6, 0), (7, 0, 11, 0), (12, 0, 13, 0),
              (12, 1, 12, 3), (12, 4, 12, 7), (13, 1, 13, 3), (13, 4, 13, 7), (14, 0, 15, 0),
              *((r, 2, r, 4) for r in range(7, 12)), *((r, 5, r, 7) for r in range(7, 12)))
    draft, _ = draft_of(grid(TIANJIAAN, merges), hints=Hints(year="2024"))
    budget = draft.data["budget"]
    assert {k: str(v) for k, v in budget["budget"].items()} == {"central": "808.1", "total": "808.1"}
    assert draft.data["sections"] == {
        "资金管理情况": "分配科学性：合理分配,优先保障工资社保。\n拨付合规性：严格按照国库集中支付制度有关规定支付资金,未出现违规问题。\n"
                        "预算绩效管理情况：将有关资金纳入本级预算绩效管理,开展绩效监控和绩效评价。",
        "年度总体目标": "落实各项就业创业扶持政策,做好各项就业工作,加强公共就业创业服务机构服务能力建设。",
        "总体目标完成情况": "各项就业创业工作指标均按要求完成,基层特岗人员工资社保及时发放。"}
    assert [(i["level1"], i["name"], i["target"]) for i in draft.data["indicators"]] == [("产出指标", "示例补贴人数", "≥100人")]


def test_two_units_in_the_department_cell_are_written_as_printed_and_named() -> None:
    """田家庵's 地方主管部门 cell names the province's and the city's departments one after the other: no one unit's
    name. Written as printed (which of them is meant the form does not say), and the clerk is told."""
    draft, _ = draft_of(grid(TIANJIAAN, ((1, 1, 1, 3), (1, 5, 1, 7), (2, 0, 6, 0))), hints=Hints(year="2024"))
    assert draft.data["department"] == "安徽省人力资源和社会保障厅 淮南市人力资源和社会保障局"
    assert any("主管部门一格写了 2 个单位（安徽省人力资源和社会保障厅、淮南市人力资源和社会保障局）" in n for n in draft.notes), draft.notes


def test_a_problem_named_in_the_money_management_block_keeps_its_head() -> None:
    rows = [list(r) for r in TIANJIAAN]
    rows[9] = _row8("", "下达及时性", "省级资金下达偏晚。", "", "", "下一年度提前对接,及时下达。")
    merges = ((0, 1, 0, 7), (1, 1, 1, 3), (1, 5, 1, 7), (2, 0, 6, 0), (7, 0, 11, 0), (14, 0, 15, 0),
              *((r, 2, r, 4) for r in range(7, 12)), *((r, 5, r, 7) for r in range(7, 12)))
    draft, _ = draft_of(grid(rows, merges), hints=Hints(year="2024"))
    assert draft.data["sections"]["资金管理情况"].split("\n")[1:3] == [
        "下达及时性：省级资金下达偏晚。", "下达及时性（存在问题和改进措施）：下一年度提前对接,及时下达。"]


def test_goal_texts_beside_their_labels_and_facts_inside_one_cell() -> None:
    g = grid([
        ["示例项目绩效自评表", "", "", "", ""],
        ["单位名称:示例县示例中心", "", "", "填报日期:2022年3月10日", ""],
        ["项目名称", "示例项目", "", "", ""],
        ["年度总体目标", "建成2座桥梁。", "", "实际完成情况", "已建成2座。"],
        ["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["建成桥梁数", "2座", "2座", "100", "100"],
    ], ((0, 0, 0, 4), (1, 0, 1, 2), (1, 3, 1, 4), (2, 1, 2, 4), (3, 1, 3, 2)))
    draft, _ = draft_of(g, source="qiaoliang.xlsx")
    assert draft.data["sections"] == {"年度总体目标": "建成2座桥梁。", "总体目标完成情况": "已建成2座。"}
    assert [i["name"] for i in draft.data["indicators"]] == ["建成桥梁数"]
    assert (draft.data["department"], draft.data["year"]) == ("示例县示例中心", "2021")
    assert any("按填报日期「2022年3月10日」的上一年推断为 2021" in n for n in draft.notes)


def test_upper_header_in_the_forms_own_words_and_actual_split_like_the_target() -> None:
    """「评价指标」 over 一级/二级/三级; 实际完成值 split into 指标值/度量单位 like 年度指标值."""
    g = grid([
        ["项目名称", "示例项目", "", "", "", "", "", "", "", ""],
        ["主管部门及代码", "[105]示例县教育局", "", "", "", "", "", "", "", ""],
        ["（2022年度）", "", "", "", "", "", "", "", "", ""],
        ["评价指标", "", "", "年度指标值", "", "", "实际完成值", "", "分值", "得分"],
        ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "指标值", "度量单位", "", ""],
        ["产出指标", "数量指标", "受益学生数", "≥", "1200", "人", "1235", "人", "100", "100"],
    ], ((2, 0, 2, 9), (3, 0, 3, 2), (3, 3, 3, 5), (3, 6, 3, 7), (3, 8, 4, 8), (3, 9, 4, 9)))
    draft, _ = draft_of(g)
    [item] = draft.data["indicators"]
    assert (item["level1"], item["name"], item["target"], item["actual"]) == ("产出指标", "受益学生数", "≥1200人", "1235人")
    assert (draft.data["department"], draft.data["year"]) == ("示例县教育局", "2022")


def test_a_short_title_over_the_header_stays_a_title() -> None:
    g = grid([
        ["项目名称", "示例项目", "", "", ""],
        ["（2023年度）", "", "", "", ""],
        ["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["受益人数", "≥100人", "120人", "100", "100"],
    ], ((1, 0, 1, 4),))
    draft, _ = draft_of(g, source="shili.xlsx")
    assert draft.data["year"] == "2023" and len(draft.data["indicators"]) == 1


def test_percent_written_as_a_word_in_the_unit_column_scores_as_a_percentage(tmp_path: Path,
                                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """The MoF system's export writes 度量单位 「百分比」: ≥ | 100 | 百分比 against 98% is 98% complete."""
    rows = [
        ["项目名称", "示例项目", "", "", "", "", "", "", ""],
        ["主管部门", "示例县民政局", "", "", "", "", "", "", ""],
        ["（2022年度）", "", "", "", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "", "", "实际完成值", "分值", "得分"],
        ["", "", "", "指标性质", "指标值", "度量单位", "", "", ""],
        ["产出指标", "数量指标", "救助对象覆盖率", "≥", "100", "百分比", "98%", "50", "49"],
        ["满意度指标", "服务对象满意度指标", "救助对象满意度", "定性", "满意", "", "满意", "50", "50"],
        ["总分", "", "", "", "", "", "", "100", "99"],
    ]
    merges = [(2, 0, 2, 8), (3, 0, 4, 0), (3, 1, 4, 1), (3, 2, 4, 2), (3, 3, 3, 5), (3, 6, 4, 6), (3, 7, 4, 7),
              (3, 8, 4, 8), (7, 0, 7, 6)]
    wb = Workbook()
    for r0, c0, r1, c1 in merges:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    rows[r][c] = ""
    sheet_rows(wb.active, rows, merges)
    wb.save(str(tmp_path / "jiuzhu.xlsx"))
    out, _ = run_import(tmp_path, tmp_path / "jiuzhu.xlsx", capsys)
    got = scored(out)
    assert [i.target for i in got.programme.indicators] == ["≥100百分比", "满意"]
    assert [s.score for s in got.indicators] == [Decimal("49.00"), Decimal("50.00")]
    assert got.total == Decimal("99.00") and not got.has_errors


def test_unit_funds_and_a_bare_printed_rate_and_blank_rows_inside_merged_levels() -> None:
    g = grid([
        ["项目支出绩效自评表", "", "", "", "", "", "", ""],
        ["项目名称:", "46000021T000000002749-学生事务补助", "", "", "", "", "", ""],
        ["主管部门:", "203-省教育厅", "", "", "", "", "", ""],
        ["资金构成(元)", "", "年初预算数", "全年预算数", "执行数", "分值", "执行率(%)", "得分"],
        ["资金总额:", "", "120,000.00", "120,000.00", "30,000.00", "10.00", "25", "2.5"],
        ["其中:财政资金:", "", "0.00", "0.00", "0.00", "", "0", ""],
        ["单位资金:", "", "120,000.00", "120,000.00", "30,000.00", "", "25", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", ""],
        ["产出指标", "时效指标", "预算资金执行率", "90%", "25%", "45", "12.5", ""],
        ["", "", "", "", "", "", "", ""],
        ["", "", "资助人数", "10人", "10人", "45", "45", ""],
        ["合计", "", "", "", "", "100", "60", ""],
        ["（2022年度）", "", "", "", "", "", "", ""],
    ], ((8, 0, 10, 0), (8, 1, 10, 1)))
    draft, _ = draft_of(g)
    assert draft.data["name"] == "学生事务补助" and draft.data["department"] == "省教育厅"
    budget = draft.data["budget"]
    assert budget["unit"] == "元" and budget["spent"] == {"other": "30000.00", "total": "30000.00"}
    items = draft.data["indicators"]
    assert [(i["name"], i.get("actual")) for i in items] == [("预算执行率", "25"), ("预算资金执行率", "25%"), ("资助人数", "10人")]
    assert draft.data["reported"] == {"score": "60"}


def test_regional_form_funds_written_as_label_and_amount_in_one_cell() -> None:
    """The 区域（转移支付）绩效自评表: 资金情况 on the left, 资金使用情况 on the right, 「中央财政165万元」 per cell."""
    g = grid([
        ["专项名称", "示例专项资金（2023年度）", "", "省级主管部门", "四川省财政厅", "", ""],
        ["资金情况(万元)", "年度金额(提前下达):208万元", "", "资金使用情况(万元)", "合计:109.8万元", "", ""],
        ["", "中央财政165万元", "", "", "中央财政84.5万元", "", ""],
        ["", "省级财政43万元", "", "", "省级财政25.3万元", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", "完成值", "权重", "得分"],
        ["产出指标", "数量指标", "贷款发放额增长率", "≥10%", "115.25%", "100%", "100"],
    ], ((1, 0, 3, 0), (1, 3, 3, 3)))
    draft, _ = draft_of(g)
    budget = draft.data["budget"]
    assert budget["budget"] == {"central": "165", "provincial": "43", "total": "208"}
    assert budget["spent"] == {"central": "84.5", "provincial": "25.3", "total": "109.8"}
    assert draft.data["department"] == "四川省财政厅" and "region" not in draft.data
    assert draft.data["indicators"][0]["weight"] == "100"


def test_a_goal_row_with_two_texts_and_no_labels_is_the_goal_and_what_was_done() -> None:
    """北京's form: 「年度总体目标 | 目标… | 完成…」 with no 预期目标/实际完成情况 heads; the clerk is told."""
    g = grid([
        ["项目名称", "示例项目（2021年度）", "", "", ""],
        ["年度总体目标", "建成2座桥梁。", "", "按年初设定目标建成2座。", ""],
        ["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["建成桥梁数", "2座", "2座", "100", "100"],
    ], ((0, 1, 0, 4), (1, 1, 1, 2), (1, 3, 1, 4)))
    draft, _ = draft_of(g)
    assert draft.data["sections"] == {"年度总体目标": "建成2座桥梁。", "总体目标完成情况": "按年初设定目标建成2座。"}
    assert any("第2行第1列「年度总体目标」" in n and "没有「预期目标」「实际完成情况」标签" in n for n in draft.notes), draft.notes


def test_an_evaluation_type_in_other_words_is_named_not_dropped() -> None:
    """A template's ticked boxes under 评价类型 are no contract word: the title's 自评 is written and the
    clerk reads what the form said; a contract word is taken as stated."""
    def imported(stated: str) -> tuple[dict[str, object], list[str]]:
        draft, _ = draft_of(grid([
            ["2021年度示例项目绩效自评表", "", "", "", ""],
            [f"评价类型：{stated}", "", "", "", ""],
            ["项目名称", "示例项目", "", "", ""],
            ["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["受益人数", "≥100人", "120人", "100", "100"],
        ], ((0, 0, 0, 4), (1, 0, 1, 4), (2, 1, 2, 4)), label="工作表「Sheet1」"))
        return draft.data, draft.notes

    data, notes = imported("□阶段评价 ☑结束评价")
    assert data["evaluation"] == "单位自评"
    assert any("「评价类型：□阶段评价 ☑结束评价」不是评价类型的写法" in n for n in notes), notes
    data, notes = imported("部门评价")
    assert data["evaluation"] == "部门评价" and not any("评价类型的写法" in n for n in notes)
