"""The words forms label their columns and facts with: one table each, read alike by every reader.

A header word or a fact label only one reader knew made a form from another province import
differently by kind (a 主管部门名称 read on a 自评表's cover but not on its 绩效目标表), or not at all:
these tests name the words real forms print (tests/forms/README.md lists where they were seen).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from test_import_layout import draft_of, grid

from perfsite.importing import dept_form, report_form, target_form
from perfsite.importing.assemble import amount, money_units
from perfsite.importing.labels import (
    FACTS,
    NAME_LINE_LABELS,
    PROGRAMME_NAME,
    UNITS,
    column_key,
    match,
    money_unit,
    source_key,
    unit_labels,
)
from perfsite.importing.text import prose_department, title_facts


@pytest.mark.parametrize(("header", "key"), [
    ("全年指标值", "target"), ("绩效目标值", "target"), ("指标目标值", "target"), ("计划指标值", "target"),
    ("年度实际值", "actual"), ("指标完成值", "actual"), ("全年目标值", "target"),
    # 财预〔2021〕101号's 自评表 and the corpus' provincial templates: already read, kept so
    ("年度指标值", "target"), ("年初目标值", "target"), ("指标值", "target"), ("实际完成值", "actual"),
    ("全年实际值", "actual"), ("全年实际完成值", "actual"), ("分值", "weight"), ("得分", "score"),
    ("偏差原因分析及改进措施", "remark"), ("未完成原因分析", "remark"), ("指标分值（分）", "weight"),
])
def test_a_self_evaluation_s_target_and_actual_columns_in_other_words(header: str, key: str) -> None:
    assert column_key(header) == key


@pytest.mark.parametrize("header", ["全年指标值", "绩效目标值", "指标目标值", "计划指标值", "年度指标值", "指标值"])
def test_a_target_column_word_of_a_self_evaluation_is_one_of_the_target_table_too(header: str) -> None:
    assert target_form.column_of(header) == "target"


@pytest.mark.parametrize(("header", "key"), [
    ("一级目标", "level1"), ("一級目標", "level1"),  # 韶关's 转移支付 目标表 (tests/forms_layouts/l19)
    ("当年度指标值", "target"),                     # 东莞's 2022 目标表 (tests/forms_layouts/l20)
])
def test_a_header_a_new_province_prints_is_read_alike_by_both_readers(header: str, key: str) -> None:
    assert column_key(header) == target_form.column_of(header) == key


@pytest.mark.parametrize("header", ["年度实际值", "指标完成值", "全年实际值", "实际完成值", "未达到指标值原因"])
def test_an_actual_column_marks_a_self_evaluation_not_a_target_table(header: str) -> None:
    assert target_form.SELF_EVALUATION.search(header)


def test_every_unit_label_is_read_alike_by_every_form_s_reader() -> None:
    """One table (labels.UNITS): the 自评表 keeps the department and one unit, the 绩效目标表 all three,
    the 部门整体 form any of them but the spending unit as its department."""
    for key, words in UNITS:
        for word in words:
            assert target_form._key(word, target_form.FACTS) == key, word
            assert match(word, FACTS, whole=True) == ("department" if key == "department" else "unit"), word
            if key != "implementer":
                assert dept_form._key(word, dept_form.FACTS) == "department", word
            assert report_form.labelled([f"{word}：示例县水利局"]) == {
                "department" if key == "department" else "unit": "示例县水利局"}, word


@pytest.mark.parametrize(("label", "key"), [
    ("主管部门名称", "department"), ("主管部门及代码", "department"), ("部门名称", "department"),
    ("主管单位", "department"), ("项目主管单位", "department"), ("业务主管部门", "department"),
    ("实施单位名称", "implementer"), ("项目执行单位", "implementer"), ("项目单位", "implementer"),
    ("预算单位", "unit"), ("单位名称", "unit"), ("申报单位", "unit"), ("填报单位", "unit"),
])
def test_a_unit_label_as_provinces_print_it(label: str, key: str) -> None:
    assert label in unit_labels(key)
    assert target_form._key(label, target_form.FACTS) == key


def test_a_report_cover_s_evaluator_named_with_its_name_is_no_unit() -> None:
    assert report_form.labelled(["评价单位名称：示例会计师事务所"]) == {"evaluator": "示例会计师事务所"}
    assert report_form.labelled(["项目主管单位：示例县财政局 项目单位：示例县水利局"]) == {
        "department": "示例县财政局", "unit": "示例县水利局"}


def test_a_report_s_text_names_its_department_with_any_unit_label() -> None:
    assert prose_department(["主管部门名称：示例县水利局"]) == "示例县水利局"
    assert prose_department(["项目主管单位（盖章）：示例县农业农村局"]) == "示例县农业农村局"


def test_a_title_line_s_name_labels_are_the_name_labels_and_two_only_lines_print() -> None:
    assert set(PROGRAMME_NAME) <= set(NAME_LINE_LABELS)
    assert set(NAME_LINE_LABELS) - set(PROGRAMME_NAME) == {"评价项目", "项目"}
    assert "项目" not in PROGRAMME_NAME  # in a table 「项目」 heads the budget rows


@pytest.mark.parametrize(("title", "name"), [
    ("评价项目：示例县农村饮水安全补助资金绩效评价报告", "农村饮水安全补助资金"),
    ("项目：示例县农村饮水安全补助资金绩效评价报告", "农村饮水安全补助资金"),
    ("项目名称：农村饮水安全补助资金项目支出绩效自评表", "农村饮水安全补助资金"),
    ("二级项目名称：农村饮水安全补助资金项目支出绩效自评表", "农村饮水安全补助资金"),
    ("转移支付名称：农村饮水安全补助资金绩效自评表", "农村饮水安全补助资金"),
    ("项目支出名称：农村饮水安全补助资金绩效自评表", "农村饮水安全补助资金"),
])
def test_every_name_label_before_a_title_gives_the_name(title: str, name: str) -> None:
    assert title_facts(title)["name"] == name


@pytest.mark.parametrize("line", ["评价方式：单位绩效自评", "填报单位：示例县水利局绩效自评"])
def test_a_title_line_labelled_with_another_fact_gives_no_name(line: str) -> None:
    assert title_facts(line) == {}


@pytest.mark.parametrize(("text", "unit"), [
    ("项目资金（万元）", "万元"), ("项目资金(元)", "元"), ("项目资金（千元）", "千元"), ("金额单位：亿元", "亿元"),
    ("单位：元", "元"), ("单位:千元", "千元"), ("单位： 万元", "万元"), ("千元", "千元"), ("年度资金总额", ""),
    ("预算执行情况(万元)(20分)", "万元"),
])
def test_the_money_unit_a_header_or_line_states(text: str, unit: str) -> None:
    assert money_unit(text) == unit


@pytest.mark.parametrize(("text", "unstated", "figure"), [
    ("1000", "千元", "100.0"), ("1,234.5", "千元", "123.45"), ("0.123456789", "亿元", "1234.56789"),
    ("1000", "万元", "1000"), ("387,664.62元", "千元", "38.766462"), ("20万元", "千元", "20"),
])
def test_a_figure_in_thousands_or_hundred_millions_is_written_in_wan_exactly(text: str, unstated: str,
                                                                             figure: str) -> None:
    value, _ = amount(text, "万元", unstated)
    assert value is not None and Decimal(str(value)) == Decimal(figure)


@pytest.mark.parametrize(("stated", "written", "units"), [
    ("元", [], ("元", "元")), ("（万元）", [], ("万元", "万元")), ("千元", [], ("万元", "千元")),
    ("单位：亿元", ["元"], ("万元", "亿元")), ("", ["元", ""], ("元", "元")), ("", ["元", "万元"], ("万元", "万元")),
])
def test_the_unit_written_and_the_unit_of_a_bare_figure(stated: str, written: list[str], units: tuple[str, str]) -> None:
    assert money_units(stated, written) == units


BUDGET = [["项目资金", "年初预算数", "全年预算数", "全年执行数", "执行率"],
          ["年度资金总额", "1000", "2000", "1500", "75%"],
          ["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
          ["受益人数", "≥100人", "120人", "100", "100"]]


@pytest.mark.parametrize("line", [["金额单位：千元", "", "", "", ""], ["金额单位", "千元", "", "", ""],
                                  ["", "", "", "", "单位：千元"]])
def test_a_budget_in_thousands_is_written_in_wan_and_the_clerk_is_told(line: list[str]) -> None:
    draft, _ = draft_of(grid([["项目名称", "示例项目（2021年度）", "", "", ""], line, *BUDGET]))
    budget = draft.data["budget"]
    assert isinstance(budget, dict) and budget["unit"] == "万元"
    assert [Decimal(str(budget[k])) for k in ("initial", "budget", "spent")] == [Decimal(100), Decimal(200), Decimal(150)]
    assert any("金额单位是千元" in note and "1 千元 = 0.1 万元" in note for note in draft.notes), draft.notes


def test_a_unit_of_yuan_right_of_the_table_is_the_budget_s_unit() -> None:
    """「单位：元」 in the right-hand cell of a row above the table (where the MoF template prints 「单位：万元」)."""
    draft, _ = draft_of(grid([["项目名称", "示例项目（2021年度）", "", "", ""], ["", "", "", "", "单位：元"], *BUDGET]))
    budget = draft.data["budget"]
    assert isinstance(budget, dict) and (budget["unit"], str(budget["budget"])) == ("元", "2000")


def test_a_target_table_s_funds_in_thousands_are_written_in_wan() -> None:
    """The MoF 绩效目标表 with 「金额单位 | 千元」: a bare 20 is 2 万元; cells writing their own unit keep it."""
    from test_import_targets import MOF, MOF_MERGES, one

    rows = [[("千元" if text == "万元" and c == 5 else text) for c, text in enumerate(row)] for row in MOF]
    draft = one(grid(rows, MOF_MERGES))
    funds = draft.data["funds"]
    assert isinstance(funds, dict) and funds["unit"] == "万元"
    assert {k: Decimal(str(funds[k])) for k in ("total", "fiscal", "other")} == {
        "total": Decimal(120), "fiscal": Decimal(100), "other": Decimal(2)}
    assert any("资金的金额单位是千元" in note for note in draft.notes), draft.notes


def test_a_department_s_task_amounts_in_thousands_are_written_in_wan(tmp_path: Path) -> None:
    from test_import_dept import STANDARD_TARGET_MERGES, STANDARD_TARGETS, document_of, imported, workbook

    rows = [[("预算金额（千元）" if text == "预算金额（万元）" else text) for text in row] for row in STANDARD_TARGETS]
    report = imported(workbook(tmp_path / "目标表.xlsx", rows, STANDARD_TARGET_MERGES), tmp_path / "out")
    document, _ = document_of(report.written[0])
    assert document.unit == "万元"
    assert [(t.name, t.amount) for t in document.tasks] == [
        ("义务教育经费保障", Decimal("865")), ("学生资助", Decimal("42")), ("教师培训", Decimal("14.6"))]
    assert document.tasks_total == Decimal(930)
    assert any("年度主要任务的金额单位是千元" in note for note in report.notes), report.notes


# --------------------------------------------------------------------------- the 转移支付 区域绩效自评表's money

def _transfer_funds(*rows: list[str]) -> list[list[str]]:
    """The MoF 区域绩效自评表's funds block over `rows`, then one indicator (tests/forms/variants.py
    `transfer_region_mof` builds the same block from the corpus forms)."""
    return [["专项名称", "示例转移支付资金（2023年度）", "", "", ""],
            ["项目资金（万元）", "", "全年预算数（A）", "全年执行数（B）", "执行率（B/A）"],
            *rows,
            ["一级指标", "二级指标", "三级指标", "指标值", "全年实际值"],
            ["产出指标", "数量指标", "受益人数", "≥100人", "120人"]]


def _budget_of(*rows: list[str]):  # type: ignore[no-untyped-def]
    table = _transfer_funds(*rows)
    draft, _ = draft_of(grid(table, ((1, 0, len(rows) + 1, 0),)))
    return draft


@pytest.mark.parametrize("total", ["年度资金总额：", "年度金额"])
def test_local_money_split_by_level_is_written_by_level(total: str) -> None:
    """「地方资金」 under 「其中：中央补助」 with 「其中：省级资金」 under it: the levels are the sources, 地方资金
    only their sum. The row ended the block: the 省级 money and 其他资金 were lost (c03 in the variant)."""
    draft = _budget_of(["", total, "208", "109.8", "52.79%"], ["", "其中：中央补助", "165", "84.5", ""],
                       ["", "地方资金", "43", "25.3", ""], ["", "其中：省级资金", "43", "25.3", ""],
                       ["", "其他资金", "", "", ""])
    budget = draft.data["budget"]
    assert {k: str(v) for k, v in budget["budget"].items()} == {"central": "165", "provincial": "43", "total": "208"}
    assert {k: str(v) for k, v in budget["spent"].items()} == {"central": "84.5", "provincial": "25.3", "total": "109.8"}
    assert not [n for n in draft.notes if "地方资金" in n]


@pytest.mark.parametrize(("label", "key"), [
    ("地方资金", "local"), ("地方财政资金", "local"), ("地方配套资金", "local"), ("市县资金", "local"),
    ("其中：中央补助", "central"), ("中央财政资金", "central"), ("年度金额", "total"), ("省级资金", "provincial"),
])
def test_the_transfer_form_s_money_labels(label: str, key: str) -> None:
    """The words of the 转移支付 form's money rows. 「地方资金」「地方配套资金」「市县资金」 and 「年度金额」 named no source, so the
    funds block ended on them and the rows under them were lost; 「地方财政资金」 was money of no level."""
    assert source_key(label) == key


def test_local_money_not_split_keeps_the_total_and_tells_the_clerk() -> None:
    """「地方资金」 alone holds 省级 and 市县 money in one figure, which no source of the data format holds:
    the row keeps its total, the split goes to a comment and the clerk is told. Written as 中央 alone beside
    the total, the check would call the printed total wrong by exactly the 地方 part."""
    draft = _budget_of(["", "年度资金总额：", "100", "90", "90%"], ["", "其中：中央补助", "60", "60", ""],
                       ["", "地方资金", "40", "30", ""], ["", "其他资金", "", "", ""])
    budget = draft.data["budget"]
    assert (str(budget["budget"]), str(budget["spent"])) == ("100", "90")
    assert any("地方（市县）资金 40 没有分到省级、市县级：只写入合计 100" in n for n in draft.notes), draft.notes
    assert any("中央 60，地方（市县）资金 40" in line for line in draft.comments[("budget",)])


@pytest.mark.parametrize("rows", [
    # 「地方资金」 over a 省级 row that does not add up to it (the form's own slip)
    [["", "地方资金", "40", "40", ""], ["", "其中：省级资金", "30", "30", ""]],
    # 「省级资金」 beside 「市县资金」: two levels, the second no single level of the data format
    [["", "省级资金", "30", "30", ""], ["", "市县资金", "10", "10", ""]],
])
def test_local_money_the_levels_do_not_account_for_keeps_the_total(rows: list[list[str]]) -> None:
    draft = _budget_of(["", "年度资金总额：", "100", "100", "100%"], ["", "其中：中央补助", "60", "60", ""], *rows,
                       ["", "其他资金", "", "", ""])
    assert str(draft.data["budget"]["budget"]) == "100"
    assert any("与所列省级、市县级之和不同：只写入合计 100" in n for n in draft.notes), draft.notes


def test_the_levels_of_an_autonomous_region_are_sources() -> None:
    """巴彦淖尔市临河区's 2022 就业补助资金 自评表 (内蒙古, the MoF 转移支付 form; the stored copy has no address): its levels
    are 自治区 | 盟市 | 旗县. Read as 「financial money of no level」, all three were dropped beside 中央 (the last of
    them overwriting the others), and the five printed sources came back as two."""
    draft = _budget_of(["", "年度资金总额", "7165.32", "6992.95", ""], ["", "其中:中央财政资金", "3144.00", "3144.00", ""],
                       ["", "自治区财政资金", "570.17", "570.17", ""], ["", "盟市财政资金", "433.00", "432.10", ""],
                       ["", "旗县财政资金", "1426.90", "1294.84", ""],
                       ["", "其他资金 (包括以前年度结转资金)", "1591.22", "1551.84", ""])
    budget = draft.data["budget"]
    assert {k: str(v) for k, v in budget["budget"].items()} == {
        "central": "3144.00", "provincial": "570.17", "municipal": "433.00", "county": "1426.90", "other": "1591.22",
        "total": "7165.32"}
    assert str(budget["spent"]["municipal"]) == "432.10"
