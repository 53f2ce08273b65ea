"""A series with a year missing (2021, 2023, 2024): the 历年情况 chart spaces its years by year,
and the words never say 「上年」/「上一年度」 across the gap, naming the year compared with."""

from __future__ import annotations

import re

from perfsite.site.programme_page import TREND_FIRST, TREND_LAST, trend_svg
from perfsite.site.render import standard
from perfsite.site.years_page import years_flags, years_rows


def _xs(svg: str) -> list[float]:
    labels = re.search(r'<g class="ps-trend-year"[^>]*>(.*?)</g>', svg)
    assert labels is not None
    return [float(x) for x in re.findall(r'<text x="([\d.]+)"', labels.group(1))]


def test_the_chart_spaces_years_by_year():
    gap = _xs(trend_svg([2021, 2022, 2024], ["90", "91", "95"], "分"))
    step = (TREND_LAST - TREND_FIRST) / 3
    assert gap == [TREND_FIRST, round(TREND_FIRST + step, 1), TREND_LAST]  # was evenly: 72, 175, 278
    assert _xs(trend_svg([2021, 2022, 2023], ["90", "91", "95"], "分")) == [72.0, 175.0, 278.0]


def _compared(years: list[int]) -> dict[str, object]:
    cell = {"target": "≥10", "actual": "9", "trend": "down"}
    change = {"year": years[-1], "change": "target_lowered", "label": "目标调低", "before": "≥12", "after": "≥10",
              "note": "", "flagged": True}
    return {"years": [{"year": y, "url": f"projects/{y}/p/"} for y in years],
            "counts": {"indicators": 1, "every_year": 1, "renamed": 0, "added": 0, "resumed": 0, "dropped": 0,
                       "target_lowered": 1},
            "rows": [{"name": "人数", "level1": "产出指标", "level2": "数量指标",
                      "cells": [{**cell, "trend": ""}, cell], "changes": [change]}]}


def test_words_name_the_year_compared_with_across_a_gap():
    gap = _compared([2021, 2023])
    assert "2023年（比 2021 年度）：<strong>目标调低</strong>" in years_rows(gap)
    assert "（较 2021 年度下降）" in years_rows(gap)
    assert "2023年（比 2021 年度）：" in years_flags(gap)
    counts = standard().render("_years_counts.html", "projects/2023/p/", yc=gap)
    assert "2021—2023 年度（2022 年度没有自评表）共列出" in counts
    assert "目标比前一个有自评的年度调低" in counts and "上一年度" not in counts


def test_consecutive_years_keep_the_short_words():
    near = _compared([2022, 2023])
    assert "2023年：<strong>目标调低</strong>" in years_rows(near) and "（较上年下降）" in years_rows(near)
    counts = standard().render("_years_counts.html", "projects/2023/p/", yc=near)
    assert "目标比上一年度调低" in counts and "没有" not in counts
