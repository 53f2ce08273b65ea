"""Listing pages' pieces: page URLs, the pager, and programme table rows built in Python.

Programme lists (listings, the home page) are built here, not in the template: at 100,000
programmes the listings hold 300,000 rows, ~10 s in Jinja (two macro calls, ten lookups and
escapes a row), ~1 s here. The text is exactly what _macros.html's loop wrote, escaped as
autoescape does (tests/test_site_listings.py renders that loop as the reference).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from perfsite.rules import Status
from perfsite.scoring import compare_printed
from perfsite.site.cycle_marks import cycle_marks
from perfsite.site.render import DASH, group_digits, linker, needs_escaping, percent
from perfsite.site.render import escape_text as esc

P = dict[str, Any]


def listing_page_url(url: str, number: int) -> str:
    """Page `number` of the listing at `url`: the listing itself, then url/page/2/, …"""
    return url if number == 1 else f"{url}page/{number}/"


def pager_numbers(current: int, total: int, around: int = 2) -> list[int | None]:
    """The page numbers a pager shows: first, last and `around` either side of the current one,
    None for a gap (…); a gap of one page shows that page instead, as it takes the same room."""
    shown = sorted({1, total, *range(max(1, current - around), min(total, current + around) + 1)})
    numbers: list[int | None] = []
    last = 0
    for n in shown:
        if n - last == 2:
            numbers.append(n - 1)
        elif n - last > 2:
            numbers.append(None)
        numbers.append(n)
        last = n
    return numbers


def pager(url: str, current: int, total: int) -> P:
    """What the pager macro draws for page `current` of `total` of the listing at `url`:
    previous/next URLs (None at the ends) and the numbered items (None: a gap)."""
    return {
        "current": current, "total": total,
        "prev": listing_page_url(url, current - 1) if current > 1 else None,
        "next": listing_page_url(url, current + 1) if current < total else None,
        "items": [None if n is None else {"number": n, "url": listing_page_url(url, n), "current": n == current}
                  for n in pager_numbers(current, total)],
    }


def programme_rows(items: list[P], show_year: bool, page_url: str,
                   grade_class: Callable[[str | None], str], address: Callable[[str], str] | None = None) -> Markup:
    """The <tr> of each programme (list rows of pages.listing_row) of a programme table, as HTML.
    `address` (SiteInfo.address) puts each name's absolute address on its link, which print prints
    (a[data-address]): on the home page's ten, not on a listing's thousands, a printed list the
    reader files with 项目查询 beside it."""
    link = linker(page_url)
    # a row made by hand (no grade_recomputed: tests, a site's own template) shows the grade as given
    badges = {(grade, ours): grade_badge(grade, grade_class, ours)
              for grade, ours in {(p["grade"], p.get("grade_recomputed", False)) for p in items}}
    return Markup("".join([_programme_row(p, show_year, link, badges, address) for p in items]))


def grade_badge(grade: str | None, grade_class: Callable[[str | None], str], recomputed: bool = False) -> str:
    """A list row's grade badge (no prefix), with the newline the template's macro left; marked
    复算 where the grade is ours beside a published total (headline.grade_recomputed), as its
    page calls it 复算等级. The mark has no title (every row of a demo listing has one): the note
    under the table (_macros.html's score_note) says what it means."""
    if not grade:
        return '<span class="ps-grade ps-grade--none">未评级</span>\n'
    return (f'<span class="ps-grade ps-grade--{esc(grade_class(grade))}"><span class="ps-visually-hidden">：</span>'
            f'<strong>{esc(grade)}</strong></span>{_RECOMPUTED_GRADE_TAG if recomputed else ""}\n')


_SAMPLE_BADGE = '<span class="ps-tag ps-tag--sample" title="示例数据，不是正式公开的评价结果">示例</span>'
_COMPUTED_TAG = '<span class="ps-src" title="原文未公布总分，这是本站复算的得分">复算</span>'
"""Beside a score that is ours: the list otherwise shows published totals."""
_RECOMPUTED_GRADE_TAG = '<span class="ps-src">复算</span>'
"""Beside a grade that is ours beside a published total (grade_badge)."""

VERDICT_MARK = {
    Status.MATCH: '<span class="ps-mark ps-mark--match" aria-hidden="true">✓</span>'
                 '<span class="ps-visually-hidden">（与公布一致）</span>',
    Status.ROUNDING: '<span class="ps-mark ps-mark--rounding" title="与公布得分有舍入差异">≈</span>'
                    '<span class="ps-visually-hidden">（舍入差异）</span>',
    Status.DISCREPANCY: '<span class="ps-mark ps-mark--discrepancy" title="与公布得分不一致">⚠ 不一致</span>',
}
"""The mark after the recomputed total, by headline verdict; none where nothing was published."""


def verdict_mark(p: P) -> str:
    """The mark after a row's recomputed total: VERDICT_MARK, or where the totals agree and the
    verdict is 不一致 all the same (headline.mismatch), the total's own mark by the one rule the headline
    reads (scoring.compare_printed: ✓ for a published 89.99999 beside 90.00, ≈ for 90 beside 89.60) and
    the headline's words for what disagrees: 「89.86 ⚠ 不一致」 beside a published 89.86 read as if
    the totals differed."""
    mismatch = p.get("mismatch")
    if not mismatch:
        return VERDICT_MARK.get(p["verdict"], "")
    total = VERDICT_MARK[compare_printed(Decimal(p["score"]), Decimal(p["total"]))]
    return (f'{total}<span class="ps-mark ps-mark--discrepancy" title="总分与公布相符，但{esc(mismatch)}">'
            f'⚠ {esc(mismatch)}</span>')


def targets_marks(p: P, link: Callable[[str], str]) -> str:
    """After a programme's name: a link to its 绩效目标表 and, when the 自评 lowered a target, the
    目标调低 mark in words (pages.listing_row's `targets` and `lowered`; nothing without a table)."""
    url = p.get("targets")
    if not url:
        return ""
    mark = (' <a class="ps-tag ps-tag--targets" href="' + esc(link(url)) + '" title="本项目年初公布的绩效目标表">目标表</a>')
    if p.get("lowered"):
        mark += (f'<span class="ps-tag ps-tag--lowered" title="自评表所列目标低于年初公布的绩效目标表">⚠ 目标调低'
                 f'<span class="ps-visually-hidden">（{int(p["lowered"])} 项）</span></span>')
    return mark


def _year_text(year: int | str) -> str:
    """As {{ year }} writes it; an int needs no escaping (markupsafe would take 1 µs a row)."""
    return str(year) if type(year) is int else esc(year)


def _programme_row(p: P, show_year: bool, link: Callable[[str], str], badges: dict[str | None, str],
                   address: Callable[[str], str] | None = None) -> str:
    """One row; its texts are checked for markup once together and escaped only if need be."""
    absolute = address(p["url"]) if address else ""
    printed = f' data-address="{esc(absolute)}"' if absolute else ""
    href, name, department = link(p["url"]), p["name"], p["department"]
    region, score, total = p["region"] or DASH, p["score"] or DASH, p["total"] or DASH
    budget, rate = group_digits(p["budget_wan"]), percent(p["execution_rate"])
    if needs_escaping(f"{href}{name}{department}{region}{score}{total}{budget}{rate}"):
        href, name, department, region, score, total, budget, rate = map(
            esc, (href, name, department, region, score, total, budget, rate))
    year = f'<td class="ps-num" data-label="年度">{_year_text(p["year"])}</td>' if show_year else ""
    ours = _COMPUTED_TAG if p["source"] != "published" and p["score"] else ""
    return (
        f"    <tr>\n{year}"
        f'      <th scope="row"><a href="{href}"{printed}>{name}</a>{_SAMPLE_BADGE if p["sample"] else ""}{targets_marks(p, link)}{cycle_marks(p, link)}</th>\n'
        f'      <td data-label="主管部门">{department}</td>\n'
        f'      <td data-label="地区">{region}</td>\n'
        f'      <td class="ps-num" data-label="全年预算（万元）">{budget}</td>\n'
        f'      <td class="ps-num" data-label="执行率">{rate}</td>\n'
        f'      <td class="ps-num" data-label="得分">{score}{ours}</td>\n'
        f'      <td class="ps-num" data-label="复算">{total}{verdict_mark(p)}</td>\n'
        f'      <td data-label="等级">{badges[p["grade"], p.get("grade_recomputed", False)]}</td>\n'
        "    </tr>\n"
    )
