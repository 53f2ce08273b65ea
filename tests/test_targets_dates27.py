"""A deadline written two ways is one target; a deadline moved within its year is 目标调低 or 目标调高.

「2021年12月31日前」 in a 绩效目标表 and 「2021年12月底前」 in its 自评 were 目标文字不同 (Change.CHANGED): both
are read as days (月底 the month's last day, 年底/年末 31 December) by the importer's date reader.
"""

from __future__ import annotations

import pytest

from perfsite.targets_compare import Change, compare_values, moved_target
from perfsite.values import target_value


def verdict(before: str, after: str):  # type: ignore[no-untyped-def]
    return compare_values(target_value(before), target_value(after))


@pytest.mark.parametrize(("before", "after"), [
    ("2021年12月31日前", "2021年12月底前"),
    ("2021年12月31日前", "2021年底前"),
    ("2021年12月31日前完成", "2021年末前完成"),  # read as a figure of 2021 before: now a day
    ("2021年末之前", "2021年12月31日以前"),
    ("2024年2月29日前", "2024年2月底前"),  # a leap year's February ends on the 29th
    ("12月31日前", "年底前"),  # no year on either side
    ("6月30日前完成验收", "6月底前完成验收"),
])
def test_the_same_day_written_two_ways_is_the_same_target(before: str, after: str) -> None:
    assert verdict(before, after).change is Change.UNCHANGED


@pytest.mark.parametrize(("before", "after", "change", "note"), [
    ("2021年12月31日前", "2021年11月30日前", Change.RAISED, "完成时限提前：2021年12月31日 → 2021年11月30日"),
    ("2021年11月30日前", "2021年12月底前", Change.LOWERED, "完成时限推后：2021年11月30日 → 2021年12月31日"),
    ("10月底前", "年底前", Change.LOWERED, "完成时限推后：10月31日 → 12月31日"),
])
def test_a_deadline_moved_within_its_year_has_a_direction(before: str, after: str, change: Change, note: str) -> None:
    found = verdict(before, after)
    assert (found.change, found.note) == (change, note)


@pytest.mark.parametrize(("before", "after"), [
    ("2021年12月31日前完成验收", "2021年12月底前完成建设"),  # other words: other targets
    ("2023年2月28日前", "2023年2月底前完成"),
    ("2月28日前", "2月底前"),  # no year: 28 or 29 February, not said
])
def test_deadlines_that_say_more_than_a_day_are_not_called_the_same(before: str, after: str) -> None:
    assert verdict(before, after).change is not Change.UNCHANGED


def test_the_next_year_s_deadline_is_no_lowered_target() -> None:
    """The years comparison: 2022's programme due by 2022年底 asks what 2021's due by 2021年12月31日 did."""
    assert moved_target("2021年12月31日前", "2022年底前").change not in (Change.LOWERED, Change.RAISED)


@pytest.mark.parametrize("written", ["13月底前", "2021年0月底前", "2021年13月31日前"])
def test_a_month_that_is_none_is_no_deadline_and_compares_as_text(written: str) -> None:
    """A typo's month (13) is read as no date, never raises in the calendar's month-end lookup."""
    assert verdict(written, "12月底前").change is not Change.UNCHANGED
