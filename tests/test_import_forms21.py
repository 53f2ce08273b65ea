"""Forms a unit re-saved that imported otherwise than the form as printed: a blank row above a header, the money's
unit after a label left blank to sign, a goal in two cells (tests/forms/edits.py on real forms, and the rule each
fix rests on, cell by cell)."""

from __future__ import annotations

from pathlib import Path

import pytest
from forms.edits import EDITS
from forms.make import load_form
from test_import_layout import draft_of, grid
from test_import_targets import one
from test_import_variants_edits import compare

from perfsite.importing.labels import stated_unit
from perfsite.importing.tables import header_at

TESTS = Path(__file__).resolve().parent
EDITED = [
    ("blank_rows_and_columns", "forms/ann-ningjin-zhuxuejin", "docx"),
    ("blank_rows_and_columns", "forms_layouts/l01-langfang-nuantong", "xlsx"),
    ("blank_rows_and_columns", "forms_layouts/l06-zhongxian-tujing-yimin", "docx"),
    ("blank_rows_and_columns", "forms_layouts/l08-suzhou-shiguan-lvdi", "xlsx"),
    ("blank_rows_and_columns", "forms_layouts/l10-chengan-gaoling", "docx"),
    ("blank_rows_and_columns", "forms_layouts/l13-yinchuan-chuzhong-gongyong", "xlsx"),
    ("amounts_in_yuan", "forms_layouts/l09-licheng-wenhuaguan", "docx"),
    ("goal_in_two_cells", "forms_layouts/l22-chencang-yinshui", "xlsx"),
    ("goal_in_two_cells", "forms_targets/t09-qingshan-boruo-xuexiao", "docx"),
    ("goal_in_two_cells", "forms_targets/t04-dongguan-zhenji-lianwanglu", "xlsx"),
]
"""Edited forms that imported otherwise than the form (the edits test tries three forms an edit, so most of these
are not among its cases), each in the file kind that differed or in turn: the 目标表 goals under their label
(t09 under 「总体目标 | 年度目标」, t04 beside the 中期 goal) are the MoF layout's two-row goal."""


@pytest.mark.parametrize(("name", "where", "kind"), EDITED, ids=[f"{n}-{Path(w).name}-{k}" for n, w, k in EDITED])
def test_an_edited_form_that_read_otherwise_now_reads_as_the_form(name: str, where: str, kind: str,
                                                                   tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = TESTS / where
    variant = EDITS[name](load_form(folder))
    assert variant is not None
    root = tmp_path_factory.mktemp("forms21")
    xlsx, docx = variant.write(root / "in")
    diff = compare(folder, kind, xlsx if kind == "xlsx" else docx, root / "out", name)
    assert not diff, "\n".join(diff)


# --------------------------------------------------------------------------- a blank row above a header

BODY = [["产出指标", "数量指标", "新建道路", "524m", "524m", "10", "10"],
        ["", "", "硬化道路", "5719m", "5719m", "10", "10"]]


def test_a_blank_row_above_a_header_is_no_upper_header_row() -> None:
    """「一级指标」 merged over the 一级 and 二级 columns (忠县 l06): the blank row a unit left above it is not the
    header's upper row, which would read the header's own text as its lower row and lose the 二级 column."""
    rows = [["项目名称", "示例项目（2021年度）", "", "", "", "", ""], [""] * 7,
            ["一级指标", "", "三级指标", "年度指标值", "实际完成值", "分值", "得分"], *BODY]
    merges = ((2, 0, 2, 1), (3, 0, 4, 0), (3, 1, 4, 1))
    table = grid(rows, merges)
    assert header_at(table, 1) == ({}, 0)
    draft, _ = draft_of(table)
    assert [(i.get("level1"), i.get("level2")) for i in draft.data["indicators"]] == [("产出指标", "数量指标")] * 2


def test_a_short_goal_right_above_the_header_is_the_goal_not_a_header_row() -> None:
    """「年度总体目标」 merged down over its label row and a goal of ten characters (银川 l13, 「保障学校正常工作运行」):
    the goal's row is the block above, not a label spanning the header's columns."""
    rows = [["项目名称", "示例项目（2021年度）", "", "", "", "", ""],
            ["年度总体目标", "年初设定目标", "", "", "年度总体目标完成情况综述", "", ""],
            ["", "保障学校正常工作运行", "", "", "", "", ""],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"], *BODY]
    merges = ((1, 0, 2, 0), (1, 1, 1, 3), (2, 1, 2, 3), (1, 4, 1, 6), (2, 4, 2, 6), (4, 0, 5, 0), (4, 1, 5, 1))
    table = grid(rows, merges)
    assert header_at(table, 2) == ({}, 0)
    draft, _ = draft_of(table)
    assert dict(draft.data["sections"])["年度总体目标"] == "保障学校正常工作运行"
    assert len(draft.data["indicators"]) == 2


# --------------------------------------------------------------------------- the money's unit

@pytest.mark.parametrize(("text", "unit"), [
    ("主管部门(盖章):                                       单位:元", "元"), ("单位：元", "元"), ("金额单位：万元", "万元"),
    ("单位:千元 ", "千元"), ("2万元补助", ""), ("实施单位：示例县教育局", ""), ("单位：元（含税）", "")])
def test_a_line_ending_in_the_money_s_unit_states_it(text: str, unit: str) -> None:
    assert stated_unit(text) == unit


def test_the_unit_after_a_label_left_to_sign_is_the_money_s_unit() -> None:
    """历城 l09's 「主管部门(盖章):　　单位:元」 in one cell over a table typed in 元: 450000 元, not 450000 万元."""
    rows = [["主管部门(盖章):                    单位:元", "", "", "", "", "", ""],
            ["项目名称", "示例项目（2021年度）", "", "", "", "", ""],
            ["项目资金", "", "年初预算数", "全年预算数", "全年执行数", "", ""],
            ["", "年度资金总额", "450000", "450000", "450000", "", ""],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"], *BODY]
    draft, _ = draft_of(grid(rows, ((0, 0, 0, 6), (2, 0, 3, 0))))
    assert draft.data["budget"]["unit"] == "元"


# --------------------------------------------------------------------------- goals in two cells

TARGET_HEAD = [["项目名称", "农村饮水安全巩固提升工程专项（2020年度）", "", "", ""],
               ["资金情况(万元)", "资金来源", "", "", ""], ["", "其中:财政拨款", "500", "", ""], ["", "其他资金", "", "", ""]]
TARGET_BODY = [["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"], ["", "产出指标", "数量指标", "新建管网", "≥12公里"]]


def test_a_goal_part_ending_in_a_figure_under_a_blank_money_line_is_no_money() -> None:
    """陈仓 l22 with its goal in two cells: 「其他资金 |」 left blank above 「总体目标 | …项目投资5」 takes not the goal's
    first part as its amount (it was written as 5 万元 of 其他资金 and the goal lost)."""
    rows = [*TARGET_HEAD, ["总体目标", "完成省级水利发展农村饮水项目投资5", "", "", ""], ["", "00万元,改善提升9200人饮水条件。", "", "", ""],
            *TARGET_BODY]
    table = one(grid(rows, ((1, 0, 3, 0), (4, 0, 5, 0), (4, 1, 4, 4), (5, 1, 5, 4), (6, 0, 7, 0))))
    assert table.data["annual_goal"] == "完成省级水利发展农村饮水项目投资5\n00万元,改善提升9200人饮水条件。"
    assert "other" not in table.data["funds"], table.data["funds"]


def test_the_mof_target_goal_under_its_label_in_two_rows_is_read_whole() -> None:
    """「总体目标 | 年度目标」 over the goal (the MoF 目标表), the goal pasted in two rows with 「总体目标」 merged down over
    both: both are the goal; a label under it (「实施期目标」) heads a text of its own."""
    rows = [["项目名称", "示例项目（2021年度）", "", "", ""], ["总体目标", "年度目标", "", "", ""],
            ["", "全面改善农村义务教育薄弱学校办学条件,", "", "", ""], ["", "进一步提高义务教育均衡发展水平。", "", "", ""],
            *TARGET_BODY]
    merges = ((1, 0, 3, 0), (1, 1, 1, 4), (2, 1, 2, 4), (3, 1, 3, 4), (4, 0, 5, 0))
    goal = one(grid(rows, merges)).data["annual_goal"]
    assert goal == "全面改善农村义务教育薄弱学校办学条件,\n进一步提高义务教育均衡发展水平。"
    rows[3][1] = "实施期目标"
    rows.insert(4, ["", "到2025年全面改善办学条件。", "", "", ""])
    merges = ((1, 0, 4, 0), (1, 1, 1, 4), (2, 1, 2, 4), (3, 1, 3, 4), (4, 1, 4, 4), (5, 0, 6, 0))
    data = one(grid(rows, merges)).data
    assert data["annual_goal"] == "全面改善农村义务教育薄弱学校办学条件,"
