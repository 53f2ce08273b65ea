"""The rows of a series' 各年度指标对照 table, and the warnings a 自评 page lists, built in Python.

The table has a cell per indicator and year and a list of changes per indicator (~60 values for
a three-year series); written by Jinja loops they cost about as much as the rest of the page, so
the rows are built here as programme_page builds the indicator table, from the twin's
`years_compared` (perfsite.years_compared), values escaped as autoescape does. The section around
them (heading, summary, header row) is templates/_years.html, on the series' page (years.html);
a year's page has templates/_years_brief.html: the warnings (years_flags) and a link to it.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from markupsafe import Markup

from perfsite.site.render import DASH
from perfsite.site.render import escape_text as esc

P = dict[str, Any]

SERIES_FOLDER = "years/"
"""The series' 各年度指标对照 page, below the page of its newest 自评: one page per series (on
each year's page the table was a quarter of the page, the same on each)."""


def series_page(compared: P) -> str:
    """The address of a series' 各年度指标对照 page: below its newest year's 自评 page."""
    return compared["years"][-1]["url"] + SERIES_FOLDER


TREND_MARK = {"up": ("ps-up", "较上年上升"), "down": ("ps-dn", "较上年下降"), "same": ("ps-eq", "与上年持平")}
"""An actual against the year before: the class that draws ↑ ↓ → (CSS, hidden from screen
readers) and the words every reader gets (shown to the eye as the arrow only)."""


def years_rows(compared: P | None) -> Markup:
    """The table's body rows: one <tr> per indicator (flagged when a change warns a reader).

    A series of four years has ten indicators × five cells on each of its pages, so a cell holds
    only what differs: the target and the actual (CSS writes 目标 and 实际 before them, the arrow
    for the trend and the ⚠ before a flagged change) and the year for the phone card's label."""
    if not compared:
        return Markup()
    years = [year["year"] for year in compared["years"]]
    labels = [f"{year}年度" for year in years]
    since = _since(compared)
    marks = [{trend: (css, words if since.get(year) is None else words.replace("上年", f" {since[year]} 年度"))
              for trend, (css, words) in TREND_MARK.items()} for year in years]
    return Markup("".join(_row(row, labels, marks, since) for row in compared["rows"]))


def _since(compared: P) -> dict[int, int]:
    """A year of the series whose year before has no page → the series' year it is compared
    with (2024 → 2022 where 2023 is missing): said in words, as 「上年」 would name a year
    that is not there."""
    years = [year["year"] for year in compared["years"]]
    return {year: before for before, year in pairwise(years) if year - before > 1}


def _row(row: P, labels: list[str], marks: list[dict[str, tuple[str, str]]], since: dict[int, int]) -> str:
    flagged = any(change["flagged"] for change in row["changes"])
    level2 = f' › {esc(row["level2"])}' if row["level2"] else ""
    parts = ['<tr class="ps-flagged">' if flagged else "<tr>",
             f'<th scope="row">{esc(row["name"])}<span class="ps-yc-path">{esc(row["level1"])}{level2}</span></th>']
    for cell, label, mark in zip(row["cells"], labels, marks, strict=True):
        parts.append(_cell(cell, label, mark))
    changes = "".join(_change(change, since) for change in row["changes"]) or DASH
    parts.append(f'<td data-label="变化" class="ps-yc-changes">{changes}</td></tr>\n')
    return "".join(parts)


def _cell(cell: P | None, label: str, marks: dict[str, tuple[str, str]]) -> str:
    if cell is None:
        return f'<td data-label="{label}" class="ps-yc-none">未列入</td>'
    trend = ""
    if cell["trend"] in marks:
        css, words = marks[cell["trend"]]
        trend = f'<span class="{css}">（{words}）</span>'
    return f'<td data-label="{label}"><span>{esc(cell["target"]) or DASH}</span><span>{esc(cell["actual"]) or DASH}{trend}</span></td>'


def _change(change: P, since: dict[int, int]) -> str:
    label = esc(change["label"])
    if change["change"] == "target_lowered":
        label = f"<strong>{label}</strong>"
    detail = ""
    if change["change"] == "renamed":
        detail = f'，原为「{esc(change["before"])}」'
    elif change["change"].startswith("target_"):
        note = f'，{esc(change["note"])}' if change["note"] else ""
        detail = f'（{esc(change["before"])} → {esc(change["after"])}{note}）'
    css = ' class="ps-yc-flag"' if change["flagged"] else ""
    before = since.get(change["year"])
    than = "" if before is None else f"（比 {before} 年度）"
    return f'<span{css}>{change["year"]}年{than}：{label}{detail}</span>'


def years_flags(compared: P | None) -> Markup:
    """The series' warnings for a year's page: one <li> per indicator with a flagged change (a
    target lowered or changed, …), naming it and saying each such change as the table does."""
    if not compared:
        return Markup()
    since = _since(compared)
    items = []
    for row in compared["rows"]:
        flagged = [change for change in row["changes"] if change["flagged"]]
        if flagged:
            level2 = f' › {esc(row["level2"])}' if row["level2"] else ""
            items.append(f'<li><strong>{esc(row["name"])}</strong>（{esc(row["level1"])}{level2}）：'
                         f'{"；".join(_change(change, since) for change in flagged)}</li>\n')
    return Markup("".join(items))
