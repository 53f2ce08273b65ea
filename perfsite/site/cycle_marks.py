"""A list row's 评价报告 and 整改 marks: after a programme's name, a link to its programme-year's
evaluation report with the report's grade, and a link to its 整改 with ⚠ 逾期 when a measure is
overdue; the 项目查询 index's `cycle` column and its 评价与整改 facet read the same row keys.

A row gets the keys only when its programme-year has such a document (mark_cycle), so the rows,
listings and twins of a site without reports or 整改 stay as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from perfsite.rectification import MeasureStatus
from perfsite.site.render import escape_text as esc

P = dict[str, Any]

REPORT_BIT, OPEN_BIT, OVERDUE_BIT, RECTIFICATION_BIT = 1, 2, 4, 8
"""The index's `cycle` column adds these: an evaluation report, a 整改 measure not 已完成, one
overdue, a 整改 document (its measures perhaps all done)."""


def rectification_marks(documents: Iterable[P], today: str) -> dict[str, tuple[str, int, int]]:
    """自评 address → (整改 page, measures not 已完成, measures overdue on the document's
    status_date or else `today`), from the 整改 documents as the site-wide 整改 page lists them
    (rectification_page.listed)."""
    from perfsite.rectification import judged_on
    from perfsite.site.rectification_page import overdue

    out = {}
    for doc in documents:
        measures = [m for f in doc["findings"] for m in f["measures"]]
        out[doc["programme_url"]] = (doc["url"], sum(1 for m in measures if m["status"] != MeasureStatus.DONE),
                                     sum(1 for m in measures if overdue(m, judged_on(doc.get("status_date"), today))))
    return out


def mark_cycle(rows: Iterable[P], reports: Mapping[str, tuple[str, str | None]],
               rectifications: Mapping[str, tuple[str, int, int]]) -> None:
    """Give each list row whose programme-year has them `report` (its page) and `report_grade`,
    `rectification` (its page), `open` and `overdue` (counts of measures); rows without keep none."""
    if not reports and not rectifications:
        return
    for row in rows:
        for key in ("report", "report_grade", "rectification", "open", "overdue"):
            row.pop(key, None)  # a row marked by an earlier build (serve)
        if (report := reports.get(row["url"])) is not None:
            row["report"], row["report_grade"] = report
        if (rect := rectifications.get(row["url"])) is not None:
            row["rectification"], row["open"], row["overdue"] = rect


def cycle_code(row: P) -> int:
    """A list row's `cycle` column of the index: the bits it has, added."""
    return ((REPORT_BIT if row.get("report") else 0) + (OPEN_BIT if row.get("open") else 0)
            + (OVERDUE_BIT if row.get("overdue") else 0) + (RECTIFICATION_BIT if row.get("rectification") else 0))


def cycle_marks(p: P, link: Callable[[str], str]) -> str:
    """The marks after a programme's name (as the _macros.html `cycle_marks` macro writes them)."""
    mark = ""
    if p.get("report"):
        grade = f" · {esc(p['report_grade'])}" if p.get("report_grade") else ""
        mark += (f' <a class="ps-tag ps-tag--report" href="{esc(link(p["report"]))}" '
                 f'title="本项目该年度的绩效评价报告">评价报告{grade}</a>')
    if p.get("rectification"):
        mark += (f' <a class="ps-tag ps-tag--report" href="{esc(link(p["rectification"]))}" '
                 f'title="本项目该年度的整改情况">整改</a>')
        if p.get("overdue"):
            mark += (f'<span class="ps-tag ps-tag--overdue" title="有整改措施已过完成时限仍未完成">⚠ 逾期'
                     f'<span class="ps-visually-hidden">（{int(p["overdue"])} 项）</span></span>')
    return mark
