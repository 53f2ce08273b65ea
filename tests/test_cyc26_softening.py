"""A 定性 target whose degree word (有效, 大幅, 显著 …) before its verb is dropped asks less
(有效提升 → 提升: 目标调低), and put in asks more (调高); words that say how much of a thing
(全部完成 → 完成) and words before other verbs are no clear change."""

from __future__ import annotations

import pytest

from perfsite.targets_compare import Change, compare_texts, moved_target


@pytest.mark.parametrize(("before", "after", "change", "note"), [
    ("有效提升", "提升", Change.LOWERED, "定性目标去掉了「有效」"),
    ("提升", "有效提升", Change.RAISED, "定性目标加了「有效」"),
    ("有效提高", "提升", Change.LOWERED, "定性目标去掉了「有效」"),  # 提高 and 提升 are one word
    ("有效提升服务质量", "提升服务质量", Change.LOWERED, "定性目标去掉了「有效」"),
    ("提升服务质量", "有效提升服务质量", Change.RAISED, "定性目标加了「有效」"),
    ("服务质量得到有效提升", "服务质量得到提升", Change.LOWERED, "定性目标去掉了「有效」"),
    ("大幅降低运行成本", "降低运行成本", Change.LOWERED, "定性目标去掉了「大幅」"),
    ("降低运行成本", "大幅度降低运行成本", Change.RAISED, "定性目标加了「大幅度」"),
    ("明显改善群众出行条件", "改善群众出行条件", Change.LOWERED, "定性目标去掉了「明显」"),
    # as before: the scales rank these whole texts, and a softener in an intensifier's place
    ("显著提升", "提升", Change.LOWERED, ""),
    ("有效提升", "有所提升", Change.LOWERED, "定性目标「有效」改为「有所」"),
    # no clear change: how much of a thing, another verb, another degree word
    ("全部完成", "完成", Change.CHANGED, "目标文字不同"),
    ("完成", "全部完成", Change.CHANGED, "目标文字不同"),
    ("有效推进", "推进", Change.CHANGED, "目标文字不同"),
    ("有效提升", "显著提升", Change.CHANGED, "目标文字不同"),
    ("有效期内提升", "期内提升", Change.CHANGED, "目标文字不同"),
])
def test_a_degree_word_dropped_before_its_verb_lowers_the_target(before: str, after: str, change: Change,
                                                                 note: str) -> None:
    verdict = compare_texts(before, after)
    assert (verdict.change, verdict.note) == (change, note)
    assert moved_target(before, after).change is change  # the years comparison reads them alike
