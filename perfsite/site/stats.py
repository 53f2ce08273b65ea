"""Aggregates for listings and the home page, in exact decimals.

Money of programmes published in 元 is converted to 万元 exactly (÷ 10000, no rounding) before
summing, so a listing's totals are the sums of the published figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")
UNGRADED = "未评级"


def dec(value: str | None) -> Decimal | None:
    """A core decimal string as Decimal (None stays None)."""
    return None if value is None or value == "" else Decimal(value)


def text2(value: Decimal | None) -> str | None:
    """A derived figure with 2 places, half up (as the core rounds); None stays None."""
    return None if value is None else f"{value.quantize(CENT, rounding=ROUND_HALF_UP):f}"


def exact(value: Decimal) -> str:
    """An exact sum with at least 2 places (1.234567 stays, 25 → 25.00)."""
    text = f"{value:f}"
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    return f"{whole}.{frac.ljust(2, '0')}"


def wan(data: dict[str, Any], key: str) -> Decimal | None:
    """A budget figure of a programme in 万元 (exact), or None without a budget table."""
    budget = data.get("budget")
    if not budget:
        return None
    value = dec((budget.get("figures") or {}).get(key))
    if value is None:
        return None
    return value / 10000 if budget.get("unit") == "元" else value


@dataclass(frozen=True)
class Summary:
    """The figures a listing shows about a group of programmes."""

    count: int
    grades: list[tuple[str, int]]
    mean: str | None
    budget: str | None
    spent: str | None
    execution_rate: str | None
    with_budget: int


def summarise(programmes: Iterable[dict[str, Any]], grade_labels: Iterable[str]) -> Summary:
    """Count, grade distribution (every band, zeros kept), mean total, money sums and 执行率.

    Takes list rows (total, grade, budget_wan, spent_wan as strings), not the full page data.
    执行率 here is Σ执行 ÷ Σ全年预算 over the programmes that publish a budget table.
    """
    items = list(programmes)
    labels = list(grade_labels)
    counts = dict.fromkeys(labels, 0)
    ungraded = 0
    totals = []
    budget_sum = spent_sum = Decimal(0)
    with_budget = 0
    for data in items:
        grade = data.get("grade")
        if grade in counts:
            counts[grade] += 1
        else:
            ungraded += 1
        total = dec(data.get("total"))
        if total is not None:
            totals.append(total)
        budget, spent = dec(data.get("budget_wan")), dec(data.get("spent_wan"))
        if budget is not None or spent is not None:
            with_budget += 1
            budget_sum += budget or 0
            spent_sum += spent or 0
    grades = list(counts.items()) + ([(UNGRADED, ungraded)] if ungraded else [])
    mean = text2(sum(totals, Decimal(0)) / len(totals)) if totals else None
    rate = text2(spent_sum / budget_sum * 100) if budget_sum else None
    return Summary(
        count=len(items),
        grades=grades,
        mean=mean,
        budget=exact(budget_sum) if with_budget else None,
        spent=exact(spent_sum) if with_budget else None,
        execution_rate=rate,
        with_budget=with_budget,
    )
