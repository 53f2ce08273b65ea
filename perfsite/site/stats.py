"""Aggregates for listings and the home page, in exact decimals.

Money of programmes published in 元 is converted to 万元 exactly (÷ 10000, no rounding) before
summing, so a listing's totals are the sums of the published figures. Sums and means are made
within one year only (summarise refuses more): adding up budgets of different years, or
averaging scores under different years' indicator sets, gives a figure nobody published.
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


def wan(budget: dict[str, Any] | None, key: str) -> Decimal | None:
    """A figure of a programme's budget table (perfsite.record.Record.budget) in 万元 (exact),
    or None without a budget table."""
    if not budget:
        return None
    value = dec((budget.get("figures") or {}).get(key))
    if value is None:
        return None
    return value / 10000 if budget.get("unit") == "元" else value


@dataclass(frozen=True)
class Summary:
    """The figures a listing shows about the programmes of one year.

    Every figure counts each programme by the figure its page leads with (perfsite.headline):
    the published total and grade where they were published, else the computed ones.
    """

    year: int | str | None
    count: int
    """Programmes in the list, 示例 ones included."""
    counted: int
    """Programmes the figures are computed over: all but the 示例 ones, unless every one is 示例."""
    samples_left_out: int
    all_samples: bool
    grades: list[tuple[str, int]]
    scored: int
    """Counted programmes with a score (those in the simple mean)."""
    published: int
    """Of those, the ones whose score is a published total (the rest are recomputed)."""
    discrepancies: int
    """Counted programmes whose published total disagrees with the recomputation."""
    mean: str | None
    """Simple mean: Σ score ÷ number of scored programmes."""
    weighted_mean: str | None
    """Budget-weighted mean: Σ (score × 全年预算) ÷ Σ 全年预算, over the `weighted` programmes
    with both a score and a budget above 0."""
    weighted: int
    budget: str | None
    spent: str | None
    execution_rate: str | None
    with_budget: int


def home_year(programmes: Iterable[dict[str, Any]]) -> int | None:
    """The year the home page opens on: the newest with a programme that is not 示例, the newest
    of all only when every programme is (a demonstration site). `perfsite init`'s sample is of
    2024 and a bureau's own data are often older: opening on the newest year of all showed one
    fictitious programme as the site's 概况, above the bureau's real years."""
    newest = real = None
    for data in programmes:
        year = data["year"]
        if newest is None or year > newest:
            newest = year
        if not data.get("sample") and (real is None or year > real):
            real = year
    return real if real is not None else newest


def summarise(programmes: Iterable[dict[str, Any]], grade_labels: Iterable[str]) -> Summary:
    """Count, grade distribution (every band, zeros kept), means, money sums and 执行率 of the
    programmes of ONE year: money of different years is never added up (ValueError).

    Takes list rows (score, grade, verdict, budget_wan, spent_wan as strings; pages.listing_row).
    示例 programmes stay out of every figure unless all are 示例 (a demonstration site still
    shows its figures). 执行率 here is Σ执行 ÷ Σ全年预算 over the programmes that publish a
    budget table.
    """
    items = list(programmes)
    years = {data.get("year") for data in items}
    if len(years) > 1:
        raise ValueError(f"汇总只能在同一年度内计算，这里有 {len(years)} 个年度")
    real = [data for data in items if not data.get("sample")]
    counted = real or items
    labels = list(grade_labels)
    counts = dict.fromkeys(labels, 0)
    ungraded = scored = published = discrepancies = with_budget = weighted = 0
    score_sum = weighted_sum = weight_sum = budget_sum = spent_sum = Decimal(0)
    for data in counted:
        grade = data.get("grade")
        if grade in counts:
            counts[grade] += 1
        else:
            ungraded += 1
        discrepancies += data.get("verdict") == "discrepancy"
        score = dec(data.get("score"))
        budget, spent = dec(data.get("budget_wan")), dec(data.get("spent_wan"))
        if score is not None:
            scored += 1
            published += data.get("source") == "published"
            score_sum += score
            if budget:
                weighted += 1
                weighted_sum += score * budget
                weight_sum += budget
        if budget is not None or spent is not None:
            with_budget += 1
            budget_sum += budget or 0
            spent_sum += spent or 0
    grades = list(counts.items()) + ([(UNGRADED, ungraded)] if ungraded else [])
    return Summary(
        year=next(iter(years)) if years else None,
        count=len(items),
        counted=len(counted),
        samples_left_out=len(items) - len(counted),
        all_samples=bool(items) and not real,
        grades=grades,
        scored=scored,
        published=published,
        discrepancies=discrepancies,
        mean=text2(score_sum / scored) if scored else None,
        weighted_mean=text2(weighted_sum / weight_sum) if weight_sum else None,
        weighted=weighted,
        budget=exact(budget_sum) if with_budget else None,
        spent=exact(spent_sum) if with_budget else None,
        execution_rate=text2(spent_sum / budget_sum * 100) if budget_sum else None,
        with_budget=with_budget,
    )


def by_year(programmes: Iterable[dict[str, Any]], grade_labels: Iterable[str]) -> list[Summary]:
    """One Summary per year, newest first: a department's or region's listing spans years, and
    its money is summed (and its scores averaged) within each year only."""
    groups: dict[Any, list[dict[str, Any]]] = {}
    for data in programmes:
        groups.setdefault(data.get("year"), []).append(data)
    labels = list(grade_labels)
    return [summarise(groups[year], labels) for year in sorted(groups, key=str, reverse=True)]
