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


@pytest.mark.parametrize(("before", "after", "change"), [
    ("服务质量优", "服务质量良", Change.LOWERED),
    ("群众较满意", "群众基本满意", Change.LOWERED),
    ("考核良好", "考核优秀", Change.RAISED),
    ("服务质量优", "服务质量优秀", Change.UNCHANGED),
    ("总体较好", "总体一般", Change.LOWERED),
    ("效果显著", "效果一般", Change.CHANGED),  # 显著 is on no scale with 一般: no softening either
    ("中期", "中等", Change.CHANGED),
])
def test_a_rank_after_what_is_ranked_ranks(before, after, change):
    """A form writes the rank after what is ranked (服务质量优): the words both begin with are set
    aside, and what follows ranks on the scales as a bare rank does."""
    assert moved_target(before, after).change is change
