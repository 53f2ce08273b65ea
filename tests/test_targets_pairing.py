"""A 自评 and its 绩效目标表 word the 一级/二级 labels differently (「服务对象满意度指标等」 and
「服务对象满意度指标」, 「产出」 and 「产出指标」, notes in brackets, full-width letters, spaces):
the rows still pair, so a lowered target is never shown as 新增 beside 未评价 and left out of
the count; two different indicators (one 三级 name under two 二级 of one form) never pair.
Expected results follow docs/data-format.md (目标与自评的比较)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfsite.indicator_paths import label_key
from perfsite.model import Indicator, Programme
from perfsite.problems import Problems
from perfsite.targets import TargetTable, read_target_indicators
from perfsite.targets_compare import Change, compare_targets

YONGDE = [  # 一级, 二级, 三级, 目标表的目标, 自评的目标: the 永德 pair as published
    ("产出指标", "数量指标", "受助学生人数", "≥1200人", "≥1200人"),
    ("效益指标", "社会效益指标", "学生营养改善", "明显改善", "有所改善"),
    ("满意度指标", "服务对象满意度指标", "学生满意度", "≥98%", "≧95%"),
]


def table(rows: list[tuple[str, str, str, str]]) -> TargetTable:
    problems = Problems("t.yaml")
    read = read_target_indicators([{"level1": l1, "level2": l2, "name": name, "target": target}
                                   for l1, l2, name, target in rows], problems)
    assert not problems.items
    return TargetTable(id="p", year=2022, name="项目", department="局", path=Path("t.yaml"), file="t.yaml",
                       indicators=read)


def evaluation(rows: list[tuple[str, str, str, str]]) -> Programme:
    indicators = [Indicator(l1, l2, name, Decimal(10), target, "") for l1, l2, name, target in rows]
    return Programme("p", 2022, "项目", "局", Path("p.yaml"), "p.yaml", indicators=indicators)


def lowered(planned: list[tuple[str, str, str, str]], restated: list[tuple[str, str, str, str]]) -> list[str]:
    return [row.path[2] for row in compare_targets(table(planned), evaluation(restated)) if row.change is Change.LOWERED]


def test_the_yongde_satisfaction_target_lowered_under_a_label_with_deng_is_found():
    planned = [(l1, l2, name, old) for l1, l2, name, old, _ in YONGDE]
    restated = [(l1, "服务对象满意度指标等" if l2 == "服务对象满意度指标" else l2, name, new)
                for l1, l2, name, _, new in YONGDE]
    rows = compare_targets(table(planned), evaluation(restated))
    assert [(r.path[2], r.change) for r in rows] == [
        ("受助学生人数", Change.UNCHANGED), ("学生营养改善", Change.LOWERED), ("学生满意度", Change.LOWERED)]
    assert rows[2].renamed_from == ("满意度指标", "服务对象满意度指标", "学生满意度")  # the page shows the table's wording
    assert rows[2].note == ""  # paired by its path: no more to say


@pytest.mark.parametrize(("planned", "restated"), [
    (("满意度指标", "服务对象满意度指标"), ("满意度指标", "服务对象满意度指标等")),
    (("满意度指标", "服务对象满意度指标"), ("满意度指标", "服务对象满意度")),
    (("产出", "数量"), ("产出指标", "数量指标")),
    (("产出指标", "数量指标"), ("产出指标", "数量指标（必填）")),
    (("产出指标", "数量指标"), ("产出 指标", "数量　指标")),
    (("ＡＢ产出指标", "数量指标"), ("ab产出", "数量指标等")),
    (("产出指标", "数量指标[注1]"), ("产出指标【一级】", "数量指标")),
])
def test_labels_worded_another_way_pair_by_their_path(planned, restated):
    assert label_key(planned[0]) == label_key(restated[0]) and label_key(planned[1]) == label_key(restated[1])
    rows = compare_targets(table([(*planned, "名", "≥98%"), (*planned, "另一名", "≥5人")]),
                           evaluation([(*restated, "名", "≥95%"), ("其他", "其他", "另一名", "≥5人")]))
    assert [(r.change, r.note) for r in rows] == [
        (Change.LOWERED, ""), (Change.UNCHANGED, "两表的一级、二级指标名称写法不同，按三级指标名称对应")]


def test_one_name_under_two_labels_of_one_form_is_two_indicators_never_paired_by_name():
    planned = [("满意度指标", "学生满意度指标", "满意度", "≥98%"), ("满意度指标", "家长满意度指标", "满意度", "≥90%")]
    rows = compare_targets(table(planned), evaluation([("满意度指标", "教师满意度指标", "满意度", "≥80%")]))
    assert [r.change for r in rows] == [Change.ADDED, Change.REMOVED, Change.REMOVED]
    # the same on the 自评's side: its two rows are two indicators, the table's one pairs with neither
    rows = compare_targets(table([("满意度指标", "教师满意度指标", "满意度", "≥80%")]),
                           evaluation([(l1, l2, name, "≥70%") for l1, l2, name, _ in planned]))
    assert [r.change for r in rows] == [Change.ADDED, Change.ADDED, Change.REMOVED]


def test_labels_that_differ_in_more_than_wording_pair_only_by_a_name_found_once():
    planned = [("产出指标", "数量指标", "培训人次", "≥100人次"), ("产出指标", "质量指标", "合格率", "≥95%"),
               ("产出指标", "质量指标", "覆盖率", "≥90%")]
    restated = [("产出指标", "时效指标", "合格率", "≥90%"), ("产出指标", "质量指标", "覆盖率", "≥90%"),
                ("产出指标", "数量指标", "培训人次", "≥100人次")]
    rows = compare_targets(table(planned), evaluation(restated))
    assert [(r.path[1], r.change, r.planned_index, r.note) for r in rows] == [
        ("时效指标", Change.LOWERED, 1, "两表的二级指标名称写法不同，按三级指标名称对应"),
        ("质量指标", Change.UNCHANGED, 2, ""), ("数量指标", Change.UNCHANGED, 0, "")]


def test_an_undecided_note_still_begins_with_its_words_when_the_labels_differ():
    [row] = compare_targets(table([("产出指标", "数量指标", "名", "≥95")]), evaluation([("效益指标", "数量指标", "名", ">94")]))
    assert row.undecided and row.note.startswith("无法比较：") and row.note.endswith("按三级指标名称对应")


_WIDE = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})
RELABELS = {
    "等": lambda label: f"{label}等",
    "指标": lambda label: label.removesuffix("指标") if label.endswith("指标") else f"{label}指标",
    "全角": lambda label: label.translate(_WIDE),
    "空格": lambda label: " ".join(label),
    "注": lambda label: f"{label}（注）",
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_relabelling_the_first_two_levels_never_loses_a_lowered_target(data):
    labels = [("产出指标", "数量指标"), ("产出指标", "质量指标"), ("效益指标", "社会效益指标"),
              ("满意度指标", "服务对象满意度指标"), ("Output", "Qty")]
    names = data.draw(st.lists(st.sampled_from(["人数", "合格率", "满意度", "覆盖率", "次数"]), min_size=1, max_size=6))
    planned = [(*data.draw(st.sampled_from(labels)), name, "≥90%") for name in names]
    down = data.draw(st.lists(st.booleans(), min_size=len(planned), max_size=len(planned)))
    restated = []
    for (l1, l2, name, _), lower in zip(planned, down, strict=True):
        for level in (0, 1):
            for how in data.draw(st.lists(st.sampled_from(sorted(RELABELS)), max_size=3)):
                l1, l2 = (RELABELS[how](l1), l2) if level == 0 else (l1, RELABELS[how](l2))
        restated.append((l1, l2, name, "≥85%" if lower else "≥90%"))
    order = data.draw(st.permutations(range(len(restated))))
    found = lowered(planned, [restated[i] for i in order])
    assert sorted(found) == sorted(name for (_, _, name, _), lower in zip(planned, down, strict=True) if lower)


def test_the_years_comparison_pairs_labels_worded_another_way():
    from perfsite.targets_compare import YearChange, compare_years, year_steps

    def year(when: int, level2: str, target: str) -> Programme:
        programme = evaluation([("满意度指标", level2, "学生满意度", target)])
        programme.year = when
        return programme

    [row] = compare_years([year(2022, "服务对象满意度指标", "≥98%"), year(2023, "服务对象满意度指标等", "≥95%")])
    assert sorted(row.years) == [2022, 2023]
    steps = [step.change for step in year_steps(row, [2022, 2023])]
    assert steps == [YearChange.RENAMED, YearChange.TARGET_LOWERED]  # the wording is shown, the lowered bar flagged
