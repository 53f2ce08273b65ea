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

import re
from decimal import Decimal
from typing import Any

from perfsite.headline import shown_grade
from perfsite.siteconfig import SiteConfig

P = dict[str, Any]

_FIGURE = re.compile(r"\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(\S*)\s*")
"""A published actual that is one number and its unit (84.6%, 1.2万人, 604.00): compared as a
number in the same unit, so 86% and 86.0% agree and 86% and 86人 do not."""


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
    """Two published actuals say the same: equal text, or the same number in the same unit."""
    if (a or "").strip() == (b or "").strip():
        return True
    ma, mb = _FIGURE.fullmatch(a or ""), _FIGURE.fullmatch(b or "")
    if ma is None or mb is None or ma[2] != mb[2]:
        return False
    return Decimal(ma[1].replace(",", "")) == Decimal(mb[1].replace(",", ""))


def _pairs(own: list[list[Any]], other: list[list[Any]]) -> list[tuple[list[Any], list[Any]]]:
    """Indicators of both documents, in the 自评's order: the same (一级, 二级, 三级) path, else the
    same 三级 name where each document has it once (a report writes 一级 as 效益 where the 自评
    form writes 效益指标). An indicator of one document only is left out: there is nothing to
    set beside it."""
    by_path = {tuple(i[:3]): i for i in other}
    names: dict[str, list[list[Any]]] = {}
    for i in other:
        names.setdefault(i[2], []).append(i)
    own_names: dict[str, int] = {}
    for i in own:
        own_names[i[2]] = own_names.get(i[2], 0) + 1
    pairs, used = [], set()
    for i in own:
        match = by_path.get(tuple(i[:3]))
        if match is None and own_names[i[2]] == 1 and len(names.get(i[2], [])) == 1:
            match = names[i[2]][0]
        if match is not None and id(match) not in used:
            used.add(id(match))
            pairs.append((i, match))
    return pairs


def compare(own: P, report: P, site: SiteConfig) -> P:
    """The table both pages show: total, grade and each shared indicator's actual, 自评 beside
    report, `differs` where they say different things (grades compared through the site's
    grade words: 良好 and 良 are one grade)."""

    def grade_differs(a: str | None, b: str | None) -> bool:
        ca = site.canonical_grade(a) if a else None
        cb = site.canonical_grade(b) if b else None
        return (ca or a) != (cb or b)

    rows = [
        {"label": "总分", "path": None, "self": own["score"], "report": report["score"],
         "differs": not _same(own["score"], report["score"])},
        {"label": "等级", "path": None, "self": own["grade"], "report": report["grade"],
         "differs": grade_differs(own["grade"], report["grade"])},
    ]
    for a, b in _pairs(own["indicators"], report["indicators"]):
        rows.append({"label": a[2], "path": [p or None for p in a[:2]], "self": a[3], "report": b[3],
                     "differs": not _same(a[3], b[3])})
    return {"self_url": own["url"], "report_url": report["url"], "evaluation": report.get("evaluation"),
            "rows": rows, "differing": sum(row["differs"] for row in rows)}
