"""A programme's indicators year by year: what the 自评 page's 各年度指标对照 and its JSON twin publish.

A reader comparing years wants to know more than the totals: whether the same indicators were
reported, under which names, against which targets, and where the actual went. The matching is
perfsite.targets_compare.compare_years (by 一级/二级/三级 path, renames only where a file states
them); this module projects it to JSON-ready data (docs/json.md, `years_compared`).

A page is rendered in a worker that holds only its own record, so each other year of the series
travels as a YearSheet: the few texts the comparison reads, made from that year's record where it
was scored and sent with the series' entries (pagedata.series_entry).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from perfsite.model import Rename
from perfsite.record import Record
from perfsite.targets_compare import (
    YEAR_CHANGE_LABEL,
    YEAR_FLAGGED,
    YearChange,
    YearRow,
    actual_move,
    compare_years,
    year_steps,
)

P = dict[str, Any]

TREND = {1: "up", -1: "down", 0: "same"}
"""An actual against the year before, as the twin writes it (the page draws ↑ ↓ →)."""


class SheetRow(NamedTuple):
    """One indicator of another year: its path and its target and actual as written."""

    level1: str
    level2: str
    name: str
    target: str
    actual: str


FIELD, ROW = "\x1f", "\x1e"
"""Separators of a packed sheet: C0 controls, which the readers remove from every value."""


@dataclass(frozen=True, slots=True)
class YearSheet:
    """Another year of the series as the comparison reads it. The parent holds one per programme
    of a series and sends them to every worker, so its indicators are packed into one string
    (fields joined by FIELD, rows by ROW): about an eighth of the memory of five strings a row, which at
    100,000 programmes saves hundreds of megabytes."""

    year: int
    url: str
    packed: str
    renamed: tuple[Rename, ...] = ()
    corrected: str = ""
    """The date of its latest 更正 ("" without one): the table shows that year as corrected data."""

    @property
    def indicators(self) -> tuple[SheetRow, ...]:
        if not self.packed:
            return ()
        return tuple(SheetRow(*row.split(FIELD)) for row in self.packed.split(ROW))


def with_table_renames(sheet: YearSheet, renames: Sequence[Rename]) -> YearSheet:
    """A year's sheet with the renames its 绩效目标表 states as well: a `renamed` written in any
    file of a programme-year is followed by the years comparison (docs/data-format.md), or the
    indicator shows as 不再列入 beside 新列入 and a target lowered under the new name is hidden."""
    return replace(sheet, renamed=(*sheet.renamed, *renames)) if renames else sheet


def year_sheet(rec: Record) -> YearSheet:
    """The sheet of a record: its indicators' paths, targets and actuals as published."""
    packed = ROW.join(FIELD.join((i.level1, i.level2, i.name, i.target, i.actual)) for i in rec.indicators)
    return YearSheet(rec.year, rec.url, packed, rec.renamed, last_correction(rec))


def last_correction(rec: Record | YearSheet) -> str:
    """The date of a year's latest 更正 ("" without one)."""
    if isinstance(rec, YearSheet):
        return rec.corrected
    corrections = rec.disclosure["corrections"]
    return corrections[-1]["date"] if corrections else ""


def years_compared(rec: Record, others: Sequence[YearSheet]) -> P | None:
    """The series' indicators by year, or None when the programme has no other year. A year
    whose 自评 was corrected after it was published names the latest 更正's date (`corrected`):
    the table shows the corrected targets, and a target corrected down to the year before's is
    no change here, so the reader is told where the year's 更正记录 is.

    Of two documents of one year (the cross-file check reports them) the page's own stays."""
    if not others:
        return None
    documents: list[Record | YearSheet] = [rec, *others]
    urls: dict[int, tuple[str, str]] = {}
    for document in documents:
        urls.setdefault(document.year, (document.url, last_correction(document)))
    if len(urls) < 2:
        return None
    years = sorted(urls)
    rows = compare_years(documents)
    shown = [_row(row, years) for row in rows]
    return {
        "years": [{"year": year, "url": urls[year][0], "this": year == rec.year, "corrected": urls[year][1] or None}
                  for year in years],
        "rows": shown,
        "counts": _counts(shown),
    }


_STEP_TEXTS = {change: (str(change), YEAR_CHANGE_LABEL[change], change in YEAR_FLAGGED) for change in YearChange}
"""A change's name, label and whether it is flagged, as a step publishes them: one lookup a step
(an enum member hashes in Python: looking up its label and its flag apart cost two such calls)."""


def _row(row: YearRow, years: list[int]) -> P:
    """One indicator of the table: its cell each year (None in a year without it; the trend
    against the year just before, when that year has it) and its changes."""
    level1, level2, name = row.path
    found = row.years
    cells: list[P | None] = []
    before = None  # the year just before's cell
    for year in years:
        cell = found.get(year)
        if cell is None:
            cells.append(None)
        else:
            move = actual_move(before, cell) if before is not None else None
            path = cell.path
            cells.append({"year": year, "level1": path[0], "level2": path[1], "name": path[2],
                          "target": cell.target, "actual": cell.actual,
                          "trend": None if move is None else TREND.get(move)})
        before = cell
    changes = []
    for step in year_steps(row, years):
        change, label, flagged = _STEP_TEXTS[step.change]
        changes.append({"year": step.year, "change": change, "label": label, "flagged": flagged,
                        "before": step.before, "after": step.after, "note": step.note})
    return {"level1": level1, "level2": level2, "name": name, "former": [list(path) for path in row.former],
            "cells": cells, "changes": changes}


def _counts(rows: list[P]) -> P:
    """How many indicators the table has, how many every year has, and how many of each change."""
    counts = {"indicators": len(rows), "every_year": 0, **dict.fromkeys(map(str, YearChange), 0)}
    for row in rows:
        counts["every_year"] += None not in row["cells"]
        for change in {c["change"] for c in row["changes"]}:
            counts[change] += 1
    return counts
