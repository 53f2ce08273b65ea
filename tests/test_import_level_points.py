"""A 分值 column after each level (「一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | … | 分值」, as 湖南's forms print it):
only the last is each indicator's weight; a level's own points are folded into its label (「产出指标（30分）」)
by tables.level_points_folded, which every reader shares (`scan` for the 自评, 部门整体 and report readers,
`find_targets` for the 目标表), and checked against the weights under the level. The corpus forms laid out
so are the variant `level_points_columns` (tests/forms/variants.py, run by test_import_variants.py)."""

from __future__ import annotations

from decimal import Decimal

from test_import_layout import draft_of, grid
from test_import_targets import one

from perfsite.importing.tables import level_points_folded

HEAD = ["一级指标", "分值", "二级指标", "分值", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
BODY = [["产出指标", "30", "数量指标", "20", "受益人数", "≥100人", "120人", "12", "12"],
        ["", "", "", "", "覆盖率", "≥90%", "95%", "8", "8"],
        ["", "", "质量指标", "10", "合格率", "100%", "100%", "10", "10"],
        ["效益指标", "70", "社会效益指标", "70", "群众满意度", "≥90%", "96%", "70", "70"],
        ["合计", "", "", "", "", "", "", "100", "100"]]
NAME = ["项目名称", "示例项目（2021年度）", *[""] * 7]
MERGES = ((2, 0, 4, 0), (2, 1, 4, 1), (2, 2, 3, 2), (2, 3, 3, 3))


def _weights(items: object) -> list[tuple[str, str, str, Decimal]]:
    assert isinstance(items, list)
    return [(str(i["level1"]), str(i["level2"]), str(i["name"]), Decimal(str(i["weight"]))) for i in items]


def test_a_self_evaluation_takes_each_indicator_s_own_points() -> None:
    """Read as printed, the 一级's 30 was each indicator's weight; folded, the levels carry their points."""
    draft, _ = draft_of(grid([NAME, HEAD, *BODY], MERGES))
    assert _weights(draft.data["indicators"]) == [
        ("产出指标（30分）", "数量指标（20分）", "受益人数", Decimal(12)),
        ("产出指标（30分）", "数量指标（20分）", "覆盖率", Decimal(8)),
        ("产出指标（30分）", "质量指标（10分）", "合格率", Decimal(10)),
        ("效益指标（70分）", "社会效益指标（70分）", "群众满意度", Decimal(70))]
    assert not [n for n in draft.notes if "不一致" in n], draft.notes


def test_a_level_s_points_that_do_not_add_up_are_named_by_their_cell() -> None:
    """The 二级 数量指标 prints 25 over 12 + 8: the level keeps its published 25, each indicator its own weight,
    and the clerk is told which cell to look at."""
    body = [list(row) for row in BODY]
    body[0][3] = "25"
    draft, _ = draft_of(grid([NAME, HEAD, *body], MERGES))
    assert _weights(draft.data["indicators"])[0] == ("产出指标（30分）", "数量指标（25分）", "受益人数", Decimal(12))
    [said] = [n for n in draft.notes if "不一致" in n]
    assert said == ("表1 第3行第4列：「数量指标」的分值 25 与其下各项指标分值之和 20 不一致：按原表写作「数量指标（25分）」，"
                    "各项指标的分值取自「三级指标」后面的「分值」一列，请核对原表")


def test_a_level_printed_on_every_row_is_one_level() -> None:
    """「产出指标 | 30」 printed again on each of its rows (no merge) is one level worth 30, not 30 per row."""
    rows = [HEAD, ["产出指标", "30", "数量指标", "20", "受益人数", "≥100人", "120人", "20", "20"],
            ["产出指标", "30", "质量指标", "10", "合格率", "100%", "100%", "10", "10"]]
    folded = level_points_folded(grid(rows))
    assert [row[0].text for row in folded.rows[1:]] == ["产出指标（30分）"] * 2
    assert folded.notes == []


def test_a_total_row_s_points_are_not_folded_into_it() -> None:
    """「合计 | 100」 under the 一级's 分值 column is the table's total, not a level named 合计."""
    rows = [HEAD, BODY[0], ["合计", "30", "", "", "", "", "", "", "12"]]
    folded = level_points_folded(grid(rows))
    assert folded.rows[2][0].text == "合计"


def test_a_target_table_takes_each_indicator_s_own_points() -> None:
    """The 目标表 reader shares the fold: 「一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 指标值 | 分值」."""
    rows = [["项目支出绩效目标表（2024年度）", "", "", "", "", "", ""],
            ["项目名称", "学生营养改善", "", "", "主管部门", "示例县教育局", ""],
            ["一级指标", "分值", "二级指标", "分值", "三级指标", "指标值", "分值"],
            ["产出指标", "60", "数量指标", "60", "受益学生人数", "≥1200人", "40"],
            ["", "", "", "", "补助发放率", "100%", "20"],
            ["满意度指标", "40", "服务对象满意度指标", "40", "家长满意度", "≥90%", "40"]]
    draft = one(grid(rows, ((0, 0, 0, 6), (3, 0, 4, 0), (3, 1, 4, 1), (3, 2, 4, 2), (3, 3, 4, 3))))
    items = draft.data["indicators"]
    assert isinstance(items, list)
    assert [(i["name"], str(i.get("weight"))) for i in items] == [
        ("受益学生人数", "40"), ("补助发放率", "20"), ("家长满意度", "40")]


def test_a_target_table_s_level_points_that_do_not_add_up_are_named() -> None:
    rows = [["项目支出绩效目标表（2024年度）", "", "", "", "", "", ""],
            ["项目名称", "学生营养改善", "", "", "主管部门", "示例县教育局", ""],
            ["一级指标", "分值", "二级指标", "分值", "三级指标", "指标值", "分值"],
            ["产出指标", "50", "数量指标", "60", "受益学生人数", "≥1200人", "60"],
            ["满意度指标", "40", "服务对象满意度指标", "40", "家长满意度", "≥90%", "40"]]
    draft = one(grid(rows, ((0, 0, 0, 6),)))
    [said] = [n for n in draft.notes if "不一致" in n]
    assert said.startswith("表1 第4行第2列：「产出指标」的分值 50 与其下各项指标分值之和 60 不一致"), said
