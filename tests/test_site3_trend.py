"""The 历年情况 chart's line joins only consecutive years: a year with no page (its gap kept by
the spacing) or without the figure breaks it, so no line stands for a year never published."""

from __future__ import annotations

import re

from perfsite.site.programme_page import trend_svg


def _lines(svg: str) -> list[int]:
    """The points of each polyline."""
    return [len(points.split()) for points in re.findall(r'<polyline class="ps-trend-line" points="([^"]*)"', svg)]


def test_a_missing_year_breaks_the_line() -> None:
    assert _lines(trend_svg([2020, 2021, 2023, 2024], ["90", "91", "92", "93"], "分")) == [2, 2]
    svg = trend_svg([2021, 2022, 2024], ["90", "91", "92"], "分")
    assert _lines(svg) == [2] and svg.count("<circle") == 3  # 2024 stands alone, as a point


def test_consecutive_years_are_one_line_and_a_year_without_the_figure_breaks_it() -> None:
    assert _lines(trend_svg([2021, 2022, 2023], ["90", "91", "92"], "分")) == [3]
    assert _lines(trend_svg([2021, 2022, 2023, 2024], ["90", None, "92", "93"], "%")) == [2]
