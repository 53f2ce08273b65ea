"""A date target (a cell formatted 「2023年10月31日」, which the reader writes as 2023-10-31) is called
a date, never 「一个区间」 for its hyphens: the scorer compares no dates, so the row is reported."""

from __future__ import annotations

import pytest

from perfsite.importing.rules_guess import incomparable


@pytest.mark.parametrize("target", ["2023-10-31", "2023/10/31", "2023年10月31日前", "≤2023-10-31"])
def test_a_date_target_is_a_date_not_a_range(target: str) -> None:
    said = incomparable(target, "2023-11-30")
    assert said == f"目标值「{target}」是一个日期，程序不比较日期，无法与实际值比较", said


@pytest.mark.parametrize(("target", "actual"), [("0.6-0.8", "0.67"), ("60%～80%", "70%"), ("3至5个", "4个")])
def test_a_span_of_figures_is_still_a_range(target: str, actual: str) -> None:
    assert incomparable(target, actual).startswith(f"目标值「{target}」是一个区间")
