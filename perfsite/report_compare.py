"""A 自评 and the 绩效评价报告 of the same programme-year, side by side.

Both documents publish a total, a grade and an actual for each indicator, and nothing makes them
agree: the 2022 学生营养改善计划's 自评 says 学生体质健康达标率 84.6% and 满意度 82% (88.38 良好),
its 部门评价 report 90.1% and 86% (88.31 良), and a 整改 quoted the one as the other. Both pages
show the same small table (`compare`), so a reader of either learns the other says something else.

A side (`self_side`, `report_side`) is what one document contributes: its headline score and
grade as its own page shows them, and each indicator's path and actual as published. A report's
side travels with its summary (reports are few); a 自评's is made where the report page is
rendered, from the 自评's file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from perfsite.headline import shown_grade
from perfsite.indicator_paths import path_key
from perfsite.siteconfig import SiteConfig
from perfsite.targets_compare import pair_rows
from perfsite.unit_readings import measure_align
from perfsite.values import UnitMismatch, parse_figure

P = dict[str, Any]


def _side(url: str, headline: P, indicators: list[tuple[str, str, str, str | None]]) -> P:
    return {"url": url, "score": headline.get("score"), "grade": shown_grade(headline),
            "indicators": [list(i) for i in indicators]}


def self_side(rec: Any) -> P:
    """A 自评 record's side (perfsite.record.Record): headline score, shown grade, each
    indicator's (一级, 二级, 三级, actual)."""
    return _side(rec.url, rec.headline, [(i.level1, i.level2, i.name, i.actual) for i in rec.indicators])


def report_side(rec: Any) -> P | None:
    """A report record's side (perfsite.record.ReportRecord); None when it has no scoring table."""
    table = rec.table
    if table is None:
        return None
    return _side(rec.url, table["headline"],
                 [(i["level1"], i["level2"], i["name"], i["actual"]) for i in table["indicators"]]) | {
                     "evaluation": rec.evaluation}


def _same(a: str | None, b: str | None) -> bool:
    """Two published actuals say the same: equal text, or one figure each (values.parse_figure:
    1,200人, 120万元) of one amount in units of one measure, converted as the comparison with the
    绩效目标表 converts them (unit_readings.measure_align: 120万元 and 1200000元, 100公里 and
    100000米). A figure without a unit is the same only as one without: 86 and 86% are not."""
    if (a or "").strip() == (b or "").strip():
        return True
    fa, fb = parse_figure(a or ""), parse_figure(b or "")
    if fa is None or fb is None or (fa.unit == "") != (fb.unit == ""):
        return False
    try:
        x, y, _ = measure_align(fa, fb)
    except UnitMismatch:
        return False
    return x == y


def _pairs(own: list[list[Any]], other: list[list[Any]]) -> list[tuple[list[Any], list[Any]]]:
    """Indicators of both documents, in the 自评's order, paired as the 自评 is paired with its
    绩效目标表 (targets_compare.pair_rows): the same path, else the path with its 一级/二级 labels
    loosened (a report writes 一级 as 产出 or 效益 where the 自评 form writes 产出指标), else the
    same 三级 name where it stands for one indicator on each side; rows of one key in order. An
    indicator of one document only is left out: there is nothing to set beside it."""
    pairs = pair_rows([path_key((i[0], i[1], i[2])) for i in own], [path_key((i[0], i[1], i[2])) for i in other])
    return [(own[mine], other[theirs]) for mine, theirs in sorted(pairs.items())]


def compare(own: P, report: P, site: SiteConfig) -> P:
    """The table both pages show: total, grade and each shared indicator's actual, 自评 beside
    report, `differs` where they say different things (grades compared through the site's
    grade words: 良好 and 良 are one grade)."""

    def grade_differs(a: str | None, b: str | None) -> bool:
        ca = site.canonical_grade(a) if a else None
        cb = site.canonical_grade(b) if b else None
        return (ca or a) != (cb or b)

    def row(label: str, path: list[str | None] | None, mine: str | None, theirs: str | None,
            differ: Callable[[str, str], bool]) -> P:
        # A report that gives a grade and no total (or leaves an actual blank) says nothing to
        # differ with: the row is shown as not stated on one side, never as 不同.
        stated = bool((mine or "").strip()) and bool((theirs or "").strip())
        return {"label": label, "path": path, "self": mine, "report": theirs, "stated": stated,
                "differs": stated and differ(mine or "", theirs or "")}

    def figure_differs(a: str, b: str) -> bool:
        return not _same(a, b)

    rows = [row("总分", None, own["score"], report["score"], figure_differs),
            row("等级", None, own["grade"], report["grade"], grade_differs)]
    for a, b in _pairs(own["indicators"], report["indicators"]):
        rows.append(row(a[2], [p or None for p in a[:2]], a[3], b[3], figure_differs))
    return {"self_url": own["url"], "report_url": report["url"], "evaluation": report.get("evaluation"),
            "rows": rows, "differing": sum(r["differs"] for r in rows)}
