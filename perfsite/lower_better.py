"""Indicators that are lower-is-better by their name, and targets printed without a sign.

The data format reads a target with no sign as ≥ (docs/data-format.md), and every valid file keeps
that reading. Some forms print the target of a rate that must stay low without its sign: 重庆's
部门整体自评表 (tests/forms_dept/d02) prints 「预算调整率 3%」「结转结余率 2%」 over the actual 0, and
scores both full marks (得分系数 100%): read as ≥, 0 scores 0 and the site would publish a
discrepancy that is its own reading, not the form's arithmetic. The importer writes ≤ for such a
target and says so; check and score keep ≥ and say which sign to write. Both ask this one table.
"""

from __future__ import annotations

import re

from perfsite.values import Comparator, parse_value, split_comparator

LOWER_IS_BETTER_ENDINGS: tuple[str, ...] = (
    "预算调整率", "结余率", "偏差率", "误差率", "超支率", "差错率", "失误率", "投诉率", "事故率", "发生率", "违规率", "违规次数",
)
"""Name endings of indicators that are lower-is-better by what they measure (a closed list, never a
guess from other words in the name). Seen in published forms: 「预算调整率 3%」 and 「结转结余率 2%」
(重庆, tests/forms_dept/d02), 「结余率(计算方法为:结余数/预算数) ≤5%」 (dyrmt.com/article-132779-22.html),
「补助款结算误差率 ±3%以内」 (东莞, tests/forms_targets/t04), 「≤5%（投诉率）」 (the notes values.annotation reads);
偏差率, 超支率, 差错率, 失误率, 事故率, 发生率 (安全事故发生率) and 违规 are the budget-control and
safety measures the 部门整体 and 项目 templates name. Left out on purpose: 死亡率 (「死因监测粗死亡率
>650/10万」, 梓潼县 tests/forms_trial3/t03, is a rate of reporting that must reach a floor) and
变动率 (a 三公经费变动率 may be set ≤0 or as a fall below zero, -0.3: no one reading); a bare
调整率 (「种植结构调整率」 is a share to be raised: only the budget's is a ceiling)."""

_NOTE_AFTER = re.compile(r"\s*[（(][^（）()]*[)）]\s*$")
"""A bracket after the name (「结余率(计算方法为:结余数/预算数)」「结转结余率（%）」): no part of what it measures."""


def lower_is_better_ending(name: str) -> str | None:
    """The ending of LOWER_IS_BETTER_ENDINGS the indicator's name ends with (bracketed notes after it
    aside), or None."""
    bare = name.strip().strip("”\"'")
    while True:
        shorter = _NOTE_AFTER.sub("", bare)
        if shorter == bare or not shorter:
            break
        bare = shorter
    return next((ending for ending in LOWER_IS_BETTER_ENDINGS if bare.endswith(ending)), None)


def unsigned_figure(target: str) -> bool:
    """Whether a target is one figure with no sign written, in symbols or words (「3%」, not 「≤3%」,
    「3%以内」 or 「0-5%」): the target the format reads as ≥ only because nothing says otherwise."""
    value = parse_value(target)
    return (value.is_number and len(value.figures) == 1 and value.comparator is Comparator.GE
            and split_comparator(target)[0] is None)


def named_lower(name: str, target: str) -> str | None:
    """The ending that makes an unsigned target (unsigned_figure) of this indicator likely a ceiling
    (「预算调整率」 over 「3%」 → 「预算调整率」); None when the name is not in the table or the target has a sign."""
    ending = lower_is_better_ending(name)
    return ending if ending is not None and unsigned_figure(target) else None
