"""Page data: one JSON-ready dict per programme, the template's context and the page's JSON twin.

Every figure is a string with exactly 2 places (money and scores) or a percentage to 2 places,
so no reader of the JSON loses a cent and templates never do arithmetic.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from perfsite.budget import COLUMNS
from perfsite.decimals import floor2, fmt2, plain
from perfsite.headline import headline, reached, shown_grade
from perfsite.indicator_csv import rule_cell
from perfsite.markup import has_controls, render_markdown, visible
from perfsite.model import BUDGET_ROW_LABEL, RULE_LABEL, SOURCE_LABEL, BudgetRow, RateBasis, Source
from perfsite.problems import Problem, Severity
from perfsite.scoring import ScoredProgramme

if TYPE_CHECKING:
    from perfsite.dataset import Dataset

FISCAL_GROUP = "财政资金"
COLUMN_LABEL = {"total": "年度总金额", "subtotal": "小计", **{s.value: SOURCE_LABEL[s] for s in Source}}
FISCAL_COLUMNS = {"subtotal"} | {s.value for s in Source if s.is_fiscal}


def programme_data(sp: ScoredProgramme, dataset: Dataset | None = None) -> dict[str, object]:
    """Everything a programme page shows, computed once by the core."""
    p = sp.programme
    base = p.url
    data: dict[str, object] = {
        "id": p.id, "year": p.year, "url": base, "name": p.name, "department": p.department,
        "region": p.region or None, "evaluation": p.evaluation, "evaluator": p.evaluator or None,
        "published": p.published or None, "source": p.source or None, "series": p.series or None,
        "sample": p.sample,
        "total": fmt2(sp.total), "grade": sp.grade,
        "reported_total": fmt2(p.reported_score), "reported_grade": p.reported_grade or None,
        "headline": headline(sp).as_dict(),
        "reached": dict(zip(("reached", "scored"), reached(sp), strict=True)),
        "budget": budget_data(sp),
        "indicators": indicator_rows(sp),
        "level1_subtotals": [
            {"level1": label, "weight": fmt2(weight), "score": fmt2(score), "reported_weight": fmt2(_declared(sp, label))}
            for label, weight, score in sp.subtotals
        ],
        "weight_total": fmt2(sp.weight_total),
        "sections": [{"title": title, "html": render_markdown(text)} for title, text in p.sections],
        "checks": {
            "discrepancies": [_check(x) for x in sp.of(Severity.DISCREPANCY)],
            "warnings": [_check(x) for x in sp.of(Severity.WARNING)],
            "notes": [_check(x) for x in sp.of(Severity.NOTE)],
        },
        "other_years": _other_years(sp, dataset),
        "downloads": {
            "yaml": f"{base}{p.id}.yaml",
            "json": f"{base}{p.id}.json",
            "csv": f"{base}{p.id}.csv",
            "source_csv": f"{base}{p.id}.indicators.csv" if p.csv_path else None,
        },
    }
    return _visible(data)


def budget_data(sp: ScoredProgramme) -> dict[str, object] | None:
    derived = sp.budget
    if derived is None:
        return None
    columns = [{"key": c, "label": COLUMN_LABEL[c], **({"group": FISCAL_GROUP} if c in FISCAL_COLUMNS else {})}
               for c in COLUMNS]
    rows = []
    for row in BudgetRow:
        label, line = BUDGET_ROW_LABEL[row]
        rows.append(_budget_row(row.value, label, line, False, False, derived.cells[row.value]))
    basis = "(7)=(4)/(3)" if derived.budget.rate_basis is RateBasis.FUNDED else "(7)=(4)/(2)"
    rows.append(_budget_row("balance", "资金结余", "(5)=(3)-(4)", True, False, derived.cells["balance"]))
    rows.append(_budget_row("funding_rate", "预算到位率(%)", "(6)=(3)/(2)", True, True, derived.cells["funding_rate"]))
    rows.append(_budget_row("execution_rate", "预算执行率(%)", basis, True, True, derived.cells["execution_rate"]))
    return {
        "unit": derived.budget.unit,
        "rate_basis": str(derived.budget.rate_basis),
        "columns": columns,
        "rows": rows,
        "figures": {key: fmt2(derived.figure(key)) for key in
                    ("budget", "funded", "spent", "balance", "funding_rate", "execution_rate")},
    }


def _budget_row(key: str, label: str, line: str, derived: bool, percent: bool, cells: dict) -> dict[str, object]:
    return {"key": key, "label": label, "line": line, "derived": derived, "percent": percent,
            "cells": {c: fmt2(v) for c, v in cells.items()}}


def indicator_rows(sp: ScoredProgramme) -> list[dict[str, object]]:
    """Indicator rows in table order, with rowspans for the merged 一级/二级 cells."""
    items = sp.indicators
    spans1 = _run_spans([s.indicator.level1 for s in items])
    spans2 = _run_spans([(s.indicator.level1, s.indicator.level2) for s in items])
    rows = []
    for s, span1, span2 in zip(items, spans1, spans2, strict=True):
        ind = s.indicator
        rows.append({
            "level1": ind.level1, "level2": ind.level2, "name": ind.name,
            "level1_rowspan": span1, "level2_rowspan": span2,
            "weight": weight_text(ind.weight), "target": ind.target, "actual": ind.actual,
            "completion": fmt2(s.outcome.completion), "reported_completion": ind.completion or None,
            "score": fmt2(s.score), "reported_score": fmt2(ind.score),
            "rule": str(s.outcome.rule), "rule_label": RULE_LABEL[s.outcome.rule], "given_rule": rule_cell(ind.rule) or None,
            "rule_text": ind.rule_text or None, "remark": ind.remark or None,
            "applicable": ind.applicable, "explanation": s.outcome.explanation, "status": s.status,
        })
    return rows


def weight_text(weight: Decimal | None) -> str | None:
    """A weight with 2 places, or as written when it has more (33.335 would round up to 33.34,
    above the 33.33 its score is capped at): a page never shows a weight the file did not give."""
    if weight is None or floor2(weight) == weight:
        return fmt2(weight)
    return plain(weight)


def _run_spans(keys: list) -> list[int]:  # type: ignore[type-arg]
    """Per position: the length of the run of equal keys that starts there, 0 inside a run."""
    spans = [0] * len(keys)
    start = 0
    for index in range(1, len(keys) + 1):
        if index == len(keys) or keys[index] != keys[start]:
            spans[start] = index - start
            start = index
    return spans


def _declared(sp: ScoredProgramme, label: str):  # type: ignore[no-untyped-def]
    for s in sp.indicators:
        if s.indicator.level1 == label and s.indicator.level1_declared is not None:
            return s.indicator.level1_declared
    declared = sp.programme.groups
    return next((v for k, v in declared.items() if k.removesuffix("指标") == label.removesuffix("指标")), None)


def _check(problem: Problem) -> dict[str, object]:
    return {"field": problem.field or problem.key, "message": problem.message,
            "published": problem.published, "computed": problem.computed}


def _other_years(sp: ScoredProgramme, dataset: Dataset | None) -> list[dict[str, object]]:
    p = sp.programme
    if not p.series or dataset is None:
        return []
    return [year_entry(o) for o in dataset.by_series(p.series) if o is not sp]


def year_entry(sp: ScoredProgramme) -> dict[str, object]:
    """The programme as the pages of its other years list it and draw it in their trend: the
    headline's figure (published where there is one, as on its own page) and its execution rate;
    `total` and `grade` stay the recomputed ones."""
    p = sp.programme
    head = headline(sp)
    derived = sp.budget
    return {"year": p.year, "url": p.url, "name": p.name, "total": fmt2(sp.total), "grade": sp.grade,
            "headline": {"score": head.score, "grade": shown_grade(head.as_dict()), "source": head.source},
            "execution_rate": None if derived is None else fmt2(derived.figure("execution_rate"))}


def _visible(value: object) -> object:
    """Direction controls made visible in every string (section HTML is already done).

    Nearly no page has one, so a single search over all its strings decides; only then is the
    value copied with each string made visible.
    """
    if isinstance(value, str):
        return visible(value)
    if not isinstance(value, _CONTAINERS) or not has_controls("\n".join(_strings(value, []))):
        return value
    return _made_visible(value)


_CONTAINERS = (dict, list)


def _strings(container: dict | list, out: list[str]) -> list[str]:
    """Every string in a JSON-like dict or list, appended to `out` (a walk without copying)."""
    for item in container.values() if isinstance(container, dict) else container:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, _CONTAINERS):
            _strings(item, out)
    return out


def _made_visible(value: object) -> object:
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, dict):
        return {k: _made_visible(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_made_visible(v) for v in value]
    return value
