"""Count words that count one thing convert (unit_readings.UNIT_SIZES): 人, 名 and 位 each count
people, 株 and 棵 plants, so ≥50人 restated ≥40名 is 目标调低 (on the 自评 page, the years page
and in scoring alike), where it was 无法比较; 个 against 项 stays undecided, and 人 against 人次
undecided for its own reason (one person counted on each visit)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfsite.targets_compare import Change, moved_target
from perfsite.unit_readings import measure_align
from perfsite.values import target_value


@pytest.mark.parametrize(("before", "after", "change"), [
    ("≥50人", "≥40名", Change.LOWERED),
    ("≥50人", "≥50位", Change.UNCHANGED),
    ("≥50名", "≥60人", Change.RAISED),
    ("≥1.2万人", "≥11000名", Change.LOWERED),
    ("≤200元/人", "≤250元/名", Change.LOWERED),
    ("≥100株", "≥90棵", Change.LOWERED),
])
def test_words_that_count_one_thing_compare(before, after, change):
    verdict = moved_target(before, after)
    assert (verdict.change, verdict.undecided, verdict.note) == (change, False, "")


@pytest.mark.parametrize(("before", "after", "why"), [
    ("≥10个", "≥8项", "计数单位不同"),
    ("≥3所", "≥2个", "计数单位不同"),
    ("≥50名", "≥40人次", "同一人可计多次"),
    ("≥3名", "≥3名次", "计数单位不同"),
])
def test_words_that_may_count_other_things_stay_undecided(before, after, why):
    verdict = moved_target(before, after)
    assert verdict.undecided and why in verdict.note


def test_scoring_converts_with_the_same_table():
    assert measure_align(target_value("≥50人").figures[0], target_value("48名").figures[0])[:2] == (
        Decimal(50), Decimal(48))


@pytest.mark.parametrize(("before", "after", "change"), [
    ("≥2次/月", "≥12次/年", Change.LOWERED),
    ("≥2次/月", "≥24次/年", Change.UNCHANGED),
    ("≥1次/季度", "≥3次/年", Change.LOWERED),
    ("≤1500元/亩", "≤2.25元/平方米", Change.UNCHANGED),
    ("≤1500元/亩", "≤2.5元/平方米", Change.LOWERED),
    ("≥6次/小时", "≥1次/10分钟", Change.CHANGED),  # 1次/10分钟: a figure in the unit, not a rate here
])
def test_a_rate_per_period_converts(before, after, change):
    """A frequency per 月 against one per 年 (1/12: no finite decimal) is counted per 年."""
    assert moved_target(before, after).change is change


def test_scoring_reads_a_rate_per_period_alike():
    t, a, unit = measure_align(target_value("≥2次/月").figures[0], target_value("18次/年").figures[0])
    assert (t, a, unit) == (Decimal(24), Decimal(18), "次/年")


@pytest.mark.parametrize(("before", "after", "change", "undecided"), [
    ("≥2次/年度", "≥2次/年", Change.UNCHANGED, False),
    ("≤1周", "≤7天", Change.UNCHANGED, False),
    ("≤2周", "≤10天", Change.RAISED, False),
    ("≥1次/天", "≥300次/年", Change.CHANGED, True),  # a year's days vary: as 天 against 年
    ("≥1次/周", "≥4次/月", Change.CHANGED, True),
    ("≥1次/天", "≥1次/工作日", Change.CHANGED, True),
])
def test_rates_of_one_numerator_compare_by_their_denominators(before, after, change, undecided):
    verdict = moved_target(before, after)
    assert (verdict.change, verdict.undecided) == (change, undecided)
