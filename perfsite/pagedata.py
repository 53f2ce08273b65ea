"""Page data: the programme page's context and its JSON twin, both projections of its record.

The twin (`twin`) is the documented contract of /projects/<year>/<id>/<id>.json (docs/json.md):
the record's fields, no layout. The page data (`page_data`) is the twin plus what only the page's
layout needs: the merged 一级/二级 cells' rowspans and each section rendered as HTML. Every figure
is already a string in the record (2 places for money and scores, percentages to 2 places), so no
reader loses a cent and templates never do arithmetic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from perfsite.headline import shown_grade
from perfsite.markup import render_markdown
from perfsite.problems import Severity
from perfsite.record import Record, make_record
from perfsite.scoring import ScoredProgramme
from perfsite.years_compared import year_sheet, years_compared

if TYPE_CHECKING:
    from perfsite.dataset import Dataset

P = dict[str, Any]
CHECKS = {"discrepancies": Severity.DISCREPANCY, "warnings": Severity.WARNING, "notes": Severity.NOTE}


def programme_data(sp: ScoredProgramme, dataset: Dataset | None = None) -> P:
    """The page data of a scored programme (its other years from `dataset`)."""
    return page_data(make_record(sp), _other_years(sp, dataset))


def twin(rec: Record, other_years: list[P], compared: P | None = None, target_comparison: P | None = None) -> P:
    """The programme's JSON twin: every published field of its record (docs/json.md names each);
    `compared` is its years_compared (made once per page by page_data), `target_comparison` its
    comparison with the programme-year's 绩效目标表 (perfsite.site.targets_page; None without one)."""
    return {
        "kind": str(rec.kind), "id": rec.id, "year": rec.year, "url": rec.url, "name": rec.name,
        "department": rec.department, "region": rec.region, "evaluation": rec.evaluation,
        "evaluator": rec.evaluator, "published": rec.published, "source": rec.source, "series": rec.series,
        "sample": rec.sample, "total": rec.total, "grade": rec.grade,
        "reported_total": rec.reported_total, "reported_grade": rec.reported_grade,
        "headline": rec.headline, "reached": rec.reached, "budget": rec.budget_table(),
        "indicators": rec.indicator_rows(),
        "level1_subtotals": list(rec.subtotals), "weight_total": rec.weight_total,
        "sections": [{"title": title, "text": text} for title, text in rec.sections],
        "checks": {name: [check_entry(x) for x in rec.of(severity)] for name, severity in CHECKS.items()},
        "other_years": other_years,
        "years_compared": compared,
        "disclosure": rec.disclosure,
        "target_comparison": target_comparison,
        "downloads": rec.links,
    }


LAYOUT = ("level1_rowspan", "level2_rowspan")
"""Page-only fields of an indicator row: how many rows its merged 一级 and 二级 cells span."""


def page_twin(rec: Record, other_years: list[P], target_comparison: P | None = None) -> P:
    """The twin a programme page publishes: `other_years` are series entries (series_entry: the
    year's entry and its sheet, whose indicators make the page's years_compared)."""
    entries = [{k: v for k, v in o.items() if k != SHEET} for o in other_years]
    return twin(rec, entries, years_compared(rec, [o[SHEET] for o in other_years if SHEET in o]), target_comparison)


def page_data(rec: Record, other_years: list[P], target_comparison: P | None = None, made: P | None = None) -> P:
    """The twin plus the page's layout: indicator rows with rowspans, sections with their HTML.
    `made` is page_twin of the same record, years and comparison when it is made already (a
    programme page publishes it too): it is copied, not changed."""
    data = page_twin(rec, other_years, target_comparison) if made is None else dict(made)
    data["indicators"] = indicator_rows(rec, data["indicators"])
    data["sections"] = [{"title": title, "text": text, "html": render_markdown(text)} for title, text in rec.sections]
    return data


def indicator_rows(rec: Record, rows: list[P] | None = None) -> list[P]:
    """Indicator rows in table order (`rows`: the twin's, if made), with rowspans for the merged
    一级/二级 cells."""
    indicators = rec.indicators
    spans1 = _run_spans([ind.level1 for ind in indicators])
    spans2 = _run_spans([(ind.level1, ind.level2) for ind in indicators])
    return [{**row, "level1_rowspan": span1, "level2_rowspan": span2}  # no third dict, as `row | {…}` makes
            for row, span1, span2 in zip(rows or rec.indicator_rows(), spans1, spans2, strict=True)]


def _run_spans(keys: list) -> list[int]:  # type: ignore[type-arg]
    """Per position: the length of the run of equal keys that starts there, 0 inside a run."""
    spans = [0] * len(keys)
    start = 0
    for index in range(1, len(keys) + 1):
        if index == len(keys) or keys[index] != keys[start]:
            spans[start] = index - start
            start = index
    return spans


def check_entry(problem: P) -> P:
    """One finding as a twin's `checks` lists it (every document kind's page the same way)."""
    return {"field": problem["field"] or problem["key"], "message": problem["message"],
            "published": problem["published"], "computed": problem["computed"]}


def _other_years(sp: ScoredProgramme, dataset: Dataset | None) -> list[P]:
    p = sp.programme
    if not p.series or dataset is None:
        return []
    return [series_entry(make_record(o)) for o in dataset.by_series(p.series) if o is not sp]


def year_entry(rec: Record) -> P:
    """The programme as the pages of its other years list it and draw it in their trend: the
    headline's figure (published where there is one, as on its own page) and its execution rate;
    `total` and `grade` stay the recomputed ones. Its `department`: a programme handed to another
    主管部门 between years is still one series, and its other years' pages say who published it;
    its `sample`: a fictitious year (示例数据) beside real ones is marked there as everywhere else."""
    head = rec.headline
    return {"year": rec.year, "url": rec.url, "name": rec.name, "department": rec.department, "sample": rec.sample,
            "evaluation": rec.evaluation or "单位自评",
            "total": rec.total, "grade": rec.grade,
            "headline": {"score": head["score"], "grade": shown_grade(head), "source": head["source"]},
            "execution_rate": rec.figure("execution_rate")}


SHEET = "sheet"
"""The key of a series entry that carries its year's YearSheet (never published as such)."""


def series_entry(rec: Record) -> P:
    """What the other years' pages of a series get of this record: its year_entry, and its
    indicators for their 各年度指标对照 (perfsite.years_compared.YearSheet)."""
    return year_entry(rec) | {SHEET: year_sheet(rec)}
