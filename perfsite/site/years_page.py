"""The rows of the 自评 page's 各年度指标对照 table, built in Python.

The table has a cell per indicator and year and a list of changes per indicator (~60 values for
a three-year series); written by Jinja loops they cost about as much as the rest of the page, so
the rows are built here as programme_page builds the indicator table, from the twin's
`years_compared` (perfsite.years_compared), values escaped as autoescape does. The section around
them (heading, summary, header row) is templates/_years.html.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from perfsite.site.render import DASH
from perfsite.site.render import escape_text as esc

P = dict[str, Any]

TREND_MARK = {"up": ("↑", "较上年上升"), "down": ("↓", "较上年下降"), "same": ("→", "与上年持平")}
"""An actual against the year before: the mark for the eye, the words for a screen reader."""


def years_rows(compared: P | None) -> Markup:
    """The table's body rows: one <tr> per indicator (flagged when a change warns a reader)."""
    if not compared:
        return Markup()
    labels = [f'{year["year"]}年度' for year in compared["years"]]
    return Markup("".join(_row(row, labels) for row in compared["rows"]))


def _row(row: P, labels: list[str]) -> str:
    flagged = any(change["flagged"] for change in row["changes"])
    level2 = f' › {esc(row["level2"])}' if row["level2"] else ""
    parts = ['    <tr class="ps-flagged">' if flagged else "    <tr>",
             f'<th scope="row">{esc(row["name"])}<span class="ps-yc-path">{esc(row["level1"])}{level2}</span></th>\n']
    for cell, label in zip(row["cells"], labels, strict=True):
        parts.append(_cell(cell, label))
    changes = "".join(_change(change) for change in row["changes"]) or DASH
    parts.append(f'      <td data-label="变化" class="ps-yc-changes">{changes}</td></tr>\n')
    return "".join(parts)


def _cell(cell: P | None, label: str) -> str:
    if cell is None:
        return f'      <td data-label="{label}" class="ps-yc-none">未列入</td>\n'
    trend = ""
    if cell["trend"] in TREND_MARK:
        mark, words = TREND_MARK[cell["trend"]]
        trend = f' <span aria-hidden="true">{mark}</span><span class="ps-visually-hidden">（{words}）</span>'
    return (f'      <td data-label="{label}"><span class="ps-yc-target">目标 {esc(cell["target"]) or DASH}</span> '
            f'<span class="ps-yc-actual">实际 {esc(cell["actual"]) or DASH}{trend}</span></td>\n')


def _change(change: P) -> str:
    flagged = change["flagged"]
    label = esc(change["label"])
    if change["change"] == "target_lowered":
        label = f"<strong>{label}</strong>"
    detail = ""
    if change["change"] == "renamed":
        detail = f'，原为「{esc(change["before"])}」'
    elif change["change"].startswith("target_"):
        note = f'，{esc(change["note"])}' if change["note"] else ""
        detail = f'（{esc(change["before"])} → {esc(change["after"])}{note}）'
    mark = '<span aria-hidden="true">⚠ </span>' if flagged else ""
    css = "ps-yc-change ps-yc-change--flagged" if flagged else "ps-yc-change"
    return f'<span class="{css}">{change["year"]}年：{mark}{label}{detail}</span>'
