"""Satisfaction ranks on the survey's own scale (满意 > 较满意 > 基本满意 > 不满意): 较满意 restated
基本满意 is 目标调低, where it was only 目标文字不同 (both soften 满意, neither a softening of the
other); a softener keeps naming its word (满意 → 较满意: 加了「较」)."""

from __future__ import annotations

import pytest

from perfsite.targets_compare import Change, moved_target


@pytest.mark.parametrize(("before", "after", "change", "note"), [
    ("较满意", "基本满意", Change.LOWERED, ""),
    ("基本满意", "较满意", Change.RAISED, ""),
    ("非常满意", "满意", Change.LOWERED, ""),
    ("比较满意", "较满意", Change.UNCHANGED, ""),
    ("满意", "较满意", Change.LOWERED, "定性目标加了「较」"),
    ("基本满意", "满意", Change.RAISED, "定性目标去掉了「基本」"),
])
def test_satisfaction_ranks_on_the_survey_scale(before, after, change, note):
    verdict = moved_target(before, after)
    assert (verdict.change, verdict.note) == (change, note)
