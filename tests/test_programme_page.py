"""perfsite.site.programme_page: the trend across a programme's years and the 评分标准 a level shares."""

from __future__ import annotations

import re
from pathlib import Path

from perfsite.dataset import load_dataset
from perfsite.pagedata import programme_data
from perfsite.site.programme_page import indicator_bodies, indicator_groups, programme_context, trend
from perfsite.siteconfig import SiteConfig


def _series_tree(root: Path, core_write, core_programme) -> Path:  # type: ignore[no-untyped-def]
    """One programme over 2021–2023: 2021 published 98.5 and spent 9 of 10 万元; 2022 published
    nothing and has no budget table; 2023 spent 12 of 10 万元 (execution above 100%)."""
    core_write(root / "site.yaml", {"title": "测试站"})
    core_write(root / "2021" / "jiaoyu" / "zizhu.yaml", core_programme(
        year=2021, series="zizhu", reported={"score": 98.5, "grade": "优秀"},
        budget={"unit": "万元", "budget": {"county": 10}, "funded": {"county": 10}, "spent": {"county": 9}}))
    core_write(root / "2022" / "jiaoyu" / "zizhu.yaml", core_programme(year=2022, series="zizhu"))
    core_write(root / "2023" / "jiaoyu" / "zizhu.yaml", core_programme(
        year=2023, series="zizhu",
        budget={"unit": "万元", "budget": {"county": 10}, "funded": {"county": 10}, "spent": {"county": 12}}))
    core_write(root / "2023" / "jiaoyu" / "other.yaml", core_programme(year=2023))
    return root


def _page(root: Path, year: int, pid: str = "zizhu") -> dict:
    data = load_dataset(root, root)
    sp = next(s for s in data.programmes if s.programme.year == year and s.programme.id == pid)
    return programme_data(sp, data)


def test_trend_lists_every_year_with_the_headline_figure(tmp_path, core_write, core_programme) -> None:
    root = _series_tree(tmp_path / "data", core_write, core_programme)
    t = trend(_page(root, 2023))
    assert t is not None
    assert [r["year"] for r in t["rows"]] == [2021, 2022, 2023]
    assert [r["url"] for r in t["rows"]] == ["projects/2021/zizhu/", "projects/2022/zizhu/", None]
    # the published 98.50 leads for 2021, as on that year's own page; the others published nothing
    assert [r["headline"]["score"] for r in t["rows"]] == ["98.50", "100.00", "100.00"]
    assert [r["headline"]["source"] for r in t["rows"]] == ["published", "computed", "computed"]
    assert [r["headline"]["grade"] for r in t["rows"]] == ["优秀", "优", "优"]
    assert [r["execution_rate"] for r in t["rows"]] == ["90.00", None, "120.00"]
    assert "复算" in t["note"]


def test_trend_charts_scale_from_zero_and_break_at_a_missing_year(tmp_path, core_write, core_programme) -> None:
    root = _series_tree(tmp_path / "data", core_write, core_programme)
    charts = {c["title"]: str(c["svg"]) for c in trend(_page(root, 2021))["charts"]}  # type: ignore[index]
    score, rate = charts["总分"], charts["预算执行率"]
    assert score.count("<circle") == 3 and score.count("<polyline") == 1
    # 2022 has no budget table: two points, no line drawn across the gap
    assert rate.count("<circle") == 2 and "<polyline" not in rate
    # a rate of 120% sets the top of the scale (y 24); 90% is three quarters of the way up from y 104
    cys = [float(v) for v in re.findall(r'<circle[^>]*cy="([\d.]+)"', rate)]
    assert cys == [104 - 90 / 120 * 80, 24.0]
    assert ">120.00%<" in rate and ">90.00%<" in rate
    # on the 0–100 score scale, 98.50 is drawn lower than 100.00
    ys = [float(v) for v in re.findall(r'<circle[^>]*cy="([\d.]+)"', score)]
    assert ys[0] > ys[1] == ys[2] == 24.0


def test_no_trend_without_other_years(tmp_path, core_write, core_programme) -> None:
    root = _series_tree(tmp_path / "data", core_write, core_programme)
    page = _page(root, 2023, "other")
    assert trend(page) is None
    assert programme_context(page, SiteConfig())["trend"] is None


def test_a_single_other_figure_gives_a_table_but_no_chart(tmp_path, core_write, core_programme) -> None:
    root = tmp_path / "data"
    core_write(root / "site.yaml", {"title": "测试站"})
    for year in (2022, 2023):
        core_write(root / str(year) / "jiaoyu" / "zizhu.yaml", core_programme(year=year, series="zizhu"))
    t = trend(_page(root, 2023))
    assert t is not None and len(t["rows"]) == 2
    assert [c["title"] for c in t["charts"]] == ["总分"]  # no budget table in either year
    assert t["note"].startswith("各年度原文均未公布总分")


RULE_A = "得分=分值×完成率，完成率低于60%不得分。"
RULE_B = "每少1项扣1分。"


def _indicator(level1: str, level2: str, name: str, rule_text: str | None) -> dict:
    row = {"level1": level1, "level2": level2, "name": name, "weight": 20, "target": "≥10个", "actual": "10个"}
    return {**row, "rule_text": rule_text} if rule_text else row


def _indicator_table(tmp_path, core_write, core_programme, indicators: list[dict]) -> str:
    """The indicator table's HTML of a 2023 programme with these indicators."""
    root = tmp_path / "data"
    core_write(root / "site.yaml", {"title": "测试站"})
    core_write(root / "2023" / "jiaoyu" / "rules.yaml", core_programme(year=2023, indicators=indicators))
    return str(indicator_bodies(indicator_groups(_page(root, 2023, "rules"))))


def test_a_rule_text_shared_by_a_level_is_written_once(tmp_path, core_write, core_programme) -> None:
    html = _indicator_table(tmp_path, core_write, core_programme, [
        # a whole 一级 (two 二级) with one text: marked once for the 一级
        _indicator("产出指标", "数量指标", "甲", RULE_A),
        _indicator("产出指标", "数量指标", "乙", RULE_A),
        _indicator("产出指标", "质量指标", "丙", RULE_A),
        # in 效益指标 only the first 二级 shares one text; the second 二级 has one row of its own
        _indicator("效益指标", "社会效益指标", "丁", RULE_B),
        _indicator("效益指标", "社会效益指标", "戊", RULE_B),
        {**_indicator("效益指标", "满意度指标", "己", RULE_A), "weight": 0},
    ])
    rows = re.findall(r"<tr class=\"ps-status[^\"]*\">(.*?)</tr>", html, re.S)
    assert len(rows) == 6
    same = [i for i, row in enumerate(rows) if "评分标准同上" in row]
    assert same == [1, 2, 4]
    assert "评分标准（本一级指标共用）" in rows[0] and "评分标准（本二级指标共用）" in rows[3]
    assert "共用" not in rows[5] and "同上" not in rows[5]
    # every row keeps its own copy of the text (the phone card shows it)
    assert [row.count(f"<p>{RULE_A}</p>") + row.count(f"<p>{RULE_B}</p>") for row in rows] == [1] * 6


def test_different_rule_texts_are_each_shown(tmp_path, core_write, core_programme) -> None:
    html = _indicator_table(tmp_path, core_write, core_programme, [
        _indicator("产出指标", "数量指标", "甲", RULE_A),
        _indicator("产出指标", "数量指标", "乙", RULE_B),
        _indicator("产出指标", "数量指标", "丙", None),
        _indicator("效益指标", "满意度指标", "丁", None),
        _indicator("效益指标", "满意度指标", "戊", None),
    ])
    assert "同上" not in html and "共用" not in html
    assert html.count("<summary>评分标准</summary>") == 2


def test_an_unstated_department_is_not_linked_as_a_department(tmp_path, core_write, core_programme) -> None:
    root = tmp_path / "data"
    core_write(root / "site.yaml", {"title": "测试站"})
    core_write(root / "2023" / "a" / "named.yaml", core_programme(year=2023, department="测试县教育局"))
    core_write(root / "2023" / "b" / "unstated.yaml", core_programme(year=2023, department="未载明"))
    assert programme_context(_page(root, 2023, "named"), SiteConfig())["dept_url"] == "departments/测试县教育局/"
    assert programme_context(_page(root, 2023, "unstated"), SiteConfig())["dept_url"] is None


def test_score_chart_lengths_are_those_bar_draws() -> None:
    """The chart's rect widths are bar()'s for each weight and score (a missing score is 0), and a
    name with markup is escaped, whatever the largest weight."""
    from decimal import Decimal

    from markupsafe import escape

    from perfsite.site.programme_page import score_chart
    from perfsite.site.render import bar

    rows = [{"name": "满意度<a>", "weight": "33.335", "score": "30.12", "applicable": True},
            {"name": "完成率", "weight": "7.00", "score": None, "applicable": True},
            {"name": "时效", "weight": "0.30", "score": "0.00", "applicable": True},
            {"name": "不计", "weight": "5.00", "score": "1.00", "applicable": False}]
    chart = score_chart({"indicators": rows})
    assert chart is not None
    top = Decimal("33.335")
    widths = re.findall(r'<rect width="([^"]+)"', chart["bars"])
    assert widths == [length for row in rows[:3]
                      for length in (bar(Decimal(row["weight"]), top, 100), bar(Decimal(row["score"] or 0), top, 100))]
    assert f"<span>{escape('满意度<a>')}</span>" in chart["bars"]
    assert chart["max_label"] == "33.335"
