"""The disclosure lifecycle (绩效目标表 → 自评 → 评价报告 → 整改, with 更正记录) as a careless or
hostile clerk writes it: a target lowered is never missed and never invented, what cannot be
decided is said to be undecided (无法比较), and every wrong date or claim is a Chinese message
naming the file, line and key, never a page that states something false.

Covers: targets restated in other units, signs, widths and separators, bare numbers copied from
the 目标表's 指标值 column without its 度量单位 (``100`` for ``100万元``, ``0.95`` for ``95%``),
ranked 定性 words (优 → 良, 好 → 较好), renamed indicators and one name under two 二级指标;
the same between two years of a series.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from perfsite.documents import read_document
from perfsite.model import Indicator, Programme, Rename
from perfsite.siteconfig import SiteConfig
from perfsite.targets import TargetTable
from perfsite.targets_compare import Change, compare_targets, target_move

L1, L2 = "产出指标", "数量指标"


def table_of(tmp_path: Path, rows: list[dict[str, object]]) -> TargetTable:
    data = {"kind": "绩效目标", "id": "p", "name": "项目", "year": 2022, "department": "局",
            "indicators": [{"level1": L1, "level2": L2, **row} for row in rows]}
    path = tmp_path / "t.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    table, problems = read_document(path, SiteConfig(), tmp_path)
    assert isinstance(table, TargetTable), problems.items
    assert not [p for p in problems.items if p.severity.name == "ERROR"], problems.items
    return table


def evaluation_of(rows: list[tuple[str, str, str]], renamed: tuple[Rename, ...] = ()) -> Programme:
    indicators = [Indicator(L1, level2, name, Decimal(10), target, "") for level2, name, target in rows]
    return Programme("p", 2022, "项目", "局", Path("p.yaml"), "p.yaml", indicators=indicators, renamed=renamed)


def compared(tmp_path: Path, planned: dict[str, object], restated: str) -> tuple[Change, str]:
    [row] = compare_targets(table_of(tmp_path, [{"name": "指标", **planned}]), evaluation_of([(L2, "指标", restated)]))
    return row.change, row.note


GE_95 = {"nature": "≥", "target": "95", "unit": "%"}
WAN_YUAN = {"nature": "≥", "target": "100", "unit": "万元"}


@pytest.mark.parametrize(("planned", "restated", "expected"), [
    # a bare number copied from the 指标值 column means the 目标表's 度量单位, 万 and all
    (WAN_YUAN, "≥100", Change.UNCHANGED),
    (WAN_YUAN, "100", Change.UNCHANGED),
    (WAN_YUAN, "≥1000000", Change.UNCHANGED),  # the same in 元
    (WAN_YUAN, "≥99", Change.LOWERED),  # lower either way
    (WAN_YUAN, "≥99万", Change.LOWERED),  # its own 万: one reading
    ({"nature": "≥", "target": "1.2", "unit": "万人"}, "1.2", Change.UNCHANGED),
    ({"nature": "≥", "target": "1.2", "unit": "万人"}, "1.1", Change.LOWERED),
    ({"target": "≥1.2万人"}, "≥1.2", Change.UNCHANGED),
    # a share written as a fraction against a percentage
    (GE_95, "≥0.95", Change.UNCHANGED),
    (GE_95, "0.95", Change.UNCHANGED),
    (GE_95, "0.9", Change.LOWERED),
    ({"nature": "≤", "target": "5", "unit": "%"}, "≤0.05", Change.UNCHANGED),
    # 定性 words that rank
    ({"nature": "定性", "target": "好"}, "较好", Change.LOWERED),
    ({"nature": "定性", "target": "较好"}, "好", Change.RAISED),
    ({"nature": "定性", "target": "优"}, "良", Change.LOWERED),
    ({"nature": "定性", "target": "优秀"}, "良好", Change.LOWERED),
    ({"nature": "定性", "target": "优"}, "优秀", Change.UNCHANGED),
    ({"nature": "定性", "target": "好"}, "良好", Change.CHANGED),  # two scales: no ranking
    ({"target": "好"}, "较好", Change.LOWERED),
])
def test_fixed_false_lowered_and_missed_lowered(tmp_path, planned, restated, expected):
    assert compared(tmp_path, planned, restated)[0] is expected


@pytest.mark.parametrize(("planned", "restated", "words"), [
    (GE_95, "0.96", "按 0.96%、96% 理解结论不同"),  # 0.96% lower, 96% higher
    ({"nature": "≤", "target": "5", "unit": "%"}, "≤0.08", "按 0.08%、8% 理解结论不同"),
    ({"nature": "≥", "target": "0.95"}, "≥90%", "按 0.95%、95% 理解结论不同"),  # 95% → 90% is lowered, not raised
    ({"nature": "≥", "target": "1", "unit": "万人"}, "≥9999", "按 9999人、99990000人 理解结论不同"),
])
def test_an_undecidable_bare_number_says_it_cannot_compare(tmp_path, planned, restated, words):
    change, note = compared(tmp_path, planned, restated)
    assert change is Change.CHANGED
    assert note.startswith("无法比较：") and words in note


@pytest.mark.parametrize(("planned", "restated", "expected"), [
    # comparators as clerks write them
    *[(GE_95, f"{sign}95%", Change.UNCHANGED) for sign in ("≥", "不低于", "大于等于", "≧", ">=", "＞＝", "达到")],
    (GE_95, "95%以上", Change.UNCHANGED),
    (GE_95, "不低于90%", Change.LOWERED),
    (GE_95, "90%及以上", Change.LOWERED),
    # full-width digits and separators
    (GE_95, "９５％", Change.UNCHANGED),
    (GE_95, "≥９０％", Change.LOWERED),
    ({"nature": "≥", "target": "１２００", "unit": "人次"}, "≥1,000人次", Change.LOWERED),
    ({"nature": "≥", "target": "1200", "unit": "人次"}, "≥1,200.00人次", Change.UNCHANGED),
    (WAN_YUAN, "≥3,000,000元", Change.RAISED),
    # ≤: a larger number is the lowered bar
    ({"nature": "≤", "target": "5", "unit": "%"}, "≤8%", Change.LOWERED),
    ({"nature": "≤", "target": "5", "unit": "%"}, "低于8%", Change.LOWERED),
    ({"nature": "≤", "target": "5", "unit": "%"}, "不超过5%", Change.UNCHANGED),
    ({"nature": "不高于", "target": "5", "unit": "%"}, "≤8%", Change.LOWERED),
    # what cannot be ranked is a flagged change, never 一致
    ({"nature": "≥", "target": "10", "unit": "个"}, "≥8家", Change.CHANGED),
    ({"nature": "≥", "target": "90", "unit": "%"}, "90%-95%", Change.CHANGED),
    ({"target": "90%-95%"}, "85%-95%", Change.CHANGED),
    ({"nature": "≥", "target": "3", "unit": "天"}, "≥72小时", Change.CHANGED),
    ({"nature": "≤", "target": "5", "unit": "%"}, "5‰", Change.CHANGED),
    (GE_95, "百分之九十五", Change.CHANGED),
])
def test_targets_as_clerks_restate_them(tmp_path, planned, restated, expected):
    assert compared(tmp_path, planned, restated)[0] is expected


def test_one_name_under_two_second_levels_pairs_by_path(tmp_path):
    table = table_of(tmp_path, [{"level2": "社会效益指标", "name": "满意度", "target": "≥90%"},
                                {"level2": "服务对象满意度指标", "name": "满意度", "target": "≥95%"}])
    rows = compare_targets(table, evaluation_of([("服务对象满意度指标", "满意度", "≥95%"), ("社会效益指标", "满意度", "≥85%")]))
    assert [(r.path[1], r.change) for r in rows] == [("服务对象满意度指标", Change.UNCHANGED),
                                                      ("社会效益指标", Change.LOWERED)]


def test_a_renamed_indicator_is_compared_under_its_new_name(tmp_path):
    table = table_of(tmp_path, [{"name": "供餐天数达标率", "target": "≥95%"}])
    rename = Rename((L1, L2, "供餐天数达标率"), (L1, L2, "营养餐供餐率"))
    [row] = compare_targets(table, evaluation_of([(L2, "营养餐供餐率", "≥0.9")], (rename,)))
    assert (row.change, row.renamed_from) == (Change.LOWERED, (L1, L2, "供餐天数达标率"))


@pytest.mark.parametrize(("before", "after", "expected"), [
    ("≥100万元", "≥100", Change.UNCHANGED),
    ("≥95%", "≥0.95", Change.UNCHANGED),
    ("≥95%", "≥0.9", Change.LOWERED),
    ("好", "较好", Change.LOWERED),
    ("≥1.2万人", "≥11000人", Change.LOWERED),
])
def test_years_rank_targets_as_the_target_table_does(before, after, expected):
    assert target_move(before, after)[0] is expected


def test_years_say_when_a_bare_number_cannot_be_ranked():
    change, note = target_move("≥0.95", "≥90%")
    assert change is Change.CHANGED and note.startswith("无法比较：")
