"""Pages of the site, built from the core's programme dicts and rendered with Jinja.

Each builder returns a `SitePage` whose HTML is a content fragment; the hook (or any other
renderer) puts it inside the theme. Listing URLs use readable names where they are safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from decimal import Decimal
from functools import partial
from typing import Any

from perfsite.department import DepartmentDocument
from perfsite.headline import VERDICT_LABEL, grade_recomputed, shown_grade
from perfsite.kinds import KINDS, DocumentKind
from perfsite.opendata.units import index_money
from perfsite.record import Record
from perfsite.rules import Status
from perfsite.site import stats
from perfsite.site.cycle_marks import cycle_code
from perfsite.site.department_page import (
    department_files,
    department_links,
    department_twin,
    department_years,
    page_context,
    programmes_by_department,
)
from perfsite.site.listing_rows import listing_page_url, pager, programme_rows
from perfsite.site.memo import Memo
from perfsite.site.model import SiteBuild, SitePage
from perfsite.site.render import Templates, bar, grade_classifier, slug, standard
from perfsite.site.shortcuts import shortcuts
from perfsite.site.twins import listing_twins, overview_twins
from perfsite.siteconfig import SiteConfig
from perfsite.values import identity_text, stated

P = dict[str, Any]
VERDICTS = (Status.DISCREPANCY, Status.ROUNDING, Status.MATCH, Status.COMPUTED, "none")
"""The 复算核验 filter's choices on 项目查询 (those present), 不一致 first: what readers look for."""
MAX_FALLBACK_ROWS = 3000
"""Above this many programmes, the index's no-script fallback links year pages instead of rows."""
LISTING_PAGE = 500
"""Programmes per listing page. A longer listing (a year holds 25,000 programmes at scale, over
10 MB as one page) continues on <listing>/page/2/, page/3/, …; the first page keeps the figures."""


def listing_row(rec: Record, band: Callable[[str | None], str | None]) -> P:
    """The fields a programme list shows (one row per programme): the projection of its record
    that the index, listings, their twins and the 项目查询 data are made from.

    A list shows what the programme page's headline shows (perfsite.headline): ``score`` is the
    published total where one was published, else the computed one (``source`` says which), and
    ``grade`` the band (`band`: 优秀 → 优) of the grade shown beside it (``grade_recomputed``: ours
    beside a published total, headline.grade_recomputed). ``total`` is the
    recomputed total, listed in its own column, and ``verdict`` how the two compare.
    ``targets`` is the address of the programme-year's 绩效目标表 page (None without one) and
    ``lowered`` how many of its targets the 自评 lowered: the build fills them in once every
    file is read (a target table is another file, maybe in another worker).
    """
    budget, spent = stats.wan(rec.budget, "budget"), stats.wan(rec.budget, "spent")
    head = rec.headline
    return {
        "url": rec.url, "year": rec.year, "name": rec.name,
        "department": rec.department or "", "region": rec.region or "",
        "evaluation": rec.evaluation or "单位自评",
        "score": head["score"], "grade": band(shown_grade(head)), "grade_recomputed": grade_recomputed(head),
        "source": head["source"] or "computed", "total": rec.total,
        "verdict": head["verdict"] or "none", "mismatch": head.get("mismatch"), "sample": rec.sample,
        "budget_wan": None if budget is None else stats.exact(budget),
        "spent_wan": None if spent is None else stats.exact(spent),
        "execution_rate": rec.figure("execution_rate"),
        "targets": None, "lowered": 0,  # its 绩效目标表 and lowered targets: targets_page.mark_rows
    }


ROW_FIELDS = frozenset(("url", "year", "name", "department", "region", "evaluation", "score", "grade",
                        "grade_recomputed", "source",
                        "total", "verdict", "mismatch", "sample", "budget_wan", "spent_wan", "execution_rate", "targets", "lowered"))
"""listing_row's fields."""
MARKED_FIELDS = frozenset(("targets", "lowered"))
"""listing_row's fields the parent fills in once every file is read (targets_page.mark_rows)."""
TARGETS_SLUG = KINDS[DocumentKind.TARGETS].slug
OWN_TABLE = "table"
"""row_digest's word for a row marked with its own 绩效目标表 alone: no repr of marks starts so."""


def row_digest(cached: str, row: P) -> bytes:
    """A list row as its listings' keys take it (Listings.key), given `cached`, the build cache's
    key of the worker entry the row came from (Summary.cached): the worker made the row from
    that entry's file alone, so the key stands for every field it set, and only the fields the
    parent set since (MARKED_FIELDS, and any other: the cycle marks) are added, as their repr.
    Most rows have no mark (no 绩效目标表, 评价报告 or 整改): their digest is the key alone. The
    listings' and index parts' keys from each row's whole repr (Decimals, many strings) cost
    0.18–0.20 CPU s of the parent's one-file rebuild at 10,000 programmes; from these, 0.09 (0.04
    of it making the digests). A row whose one mark is its own 绩效目标表 with no target lowered
    (nearly every row where each programme has one) is the key and a word: the repr of its marks
    cost 0.026 CPU s of 10,000 such rows, this 0.004."""
    if row.keys() == ROW_FIELDS and not row["lowered"]:
        if row["targets"] is None:
            return cached.encode()
        if row["targets"] == f"{row['url']}{TARGETS_SLUG}/":
            return f"{cached} {OWN_TABLE}".encode()
    marks = [(k, v) for k, v in row.items() if k in MARKED_FIELDS or k not in ROW_FIELDS]
    return f"{cached} {marks!r}".encode("utf-8", "surrogatepass")


def sort_rows(rows: Iterable[P]) -> list[P]:
    """Best score first (the figure the list shows), then by name: the order readers expect."""
    return sorted(rows, key=lambda r: (-Decimal(r["score"] or "-1"), r["name"], r["url"]))


class Listings:
    """Listings an earlier build rendered, in the build cache: a listing (its pages and twins)
    is keyed by everything it shows (its rows, by row_digest, and figures, as their repr) and
    `salt` (the site settings, mkdocs.yml and the site's templates; the cache's version covers
    perfsite's code and own templates). A one-file commit changes the listings of its year, region and department;
    the others, about 220 at 10,000 programmes, are taken back (their CSV and JSON twins cost
    more than the pages' Jinja: each row's money converted again)."""

    def __init__(self, memo: Memo, salt: str, rows: dict[int, tuple[P, bytes]] | None = None) -> None:
        """`rows`: the rows' digests the build has (row_digest: id → (row, digest)); a row
        without one is keyed by its repr."""
        self.memo, self.salt = memo, salt
        self.rendered = 0
        self.rows: dict[int, tuple[P, bytes]] = dict(rows or {})
        """Each row's digest or repr, made once (a row is in three listings: its year's, region's
        and department's), by id; the row is held with it, so the id stays its own."""

    def key(self, shown: object, rows: Iterable[P] = ()) -> str:
        """The key of a listing showing `shown` and `rows`."""
        h = hashlib.sha256(repr(shown).encode("utf-8", "surrogatepass"))
        made = self.rows
        each = []
        for row in rows:
            found = made.get(id(row))
            if found is None:
                found = made[id(row)] = (row, repr(row).encode("utf-8", "surrogatepass"))
            each.append(found[1])
        if each:  # one update: 30,000 small ones cost more
            h.update(b"\0" + b"\0".join(each))
        return self.memo.key(self.salt, h.hexdigest())

    def index_part(self, year: int, rows: list[P], make: Callable[[], bytes]) -> bytes:
        """A year's part of the 项目查询 index (index_files), taken back when its rows are those
        of an earlier build: a one-file commit changes one year's part. Each row's digest is the
        one its listings' keys use (made once). Making the four parts at 10,000 programmes cost
        0.11–0.12 CPU s of the parent's one-file rebuild."""
        key = self.key(("index part", INDEX_VERSION, year), rows)
        found = self.memo.get(key)
        if found is None:
            found = make()
            self.memo.put(key, found)
        return found

    def get(self, key: str) -> tuple[list[SitePage], dict[str, bytes], list[stats.Summary]] | None:
        payload = self.memo.get(key)
        if payload is None:
            return None
        found: tuple[list[SitePage], dict[str, bytes], list[stats.Summary]] = pickle.loads(payload)  # our own entry, its checksum verified
        return found

    def put(self, key: str, pages: list[SitePage], files: dict[str, bytes], summaries: list[stats.Summary]) -> None:
        self.memo.put(key, pickle.dumps((pages, files, summaries), protocol=pickle.HIGHEST_PROTOCOL))
        self.rendered += 1


class Builder:
    """Renders all pages of one site; holds the shared context (site info, grade classes)."""

    def __init__(self, info: SiteConfig, rows: list[P], departments: Iterable[DepartmentDocument] = (),
                 templates: Templates | None = None, listings: Listings | None = None):
        """`rows`: the programmes' list rows in page order (their pages are rendered by the
        workers, perfsite.site.session). `departments`: the 部门整体 documents (a page per
        department-year); `templates`, the site's (perfsite's own by default); `listings`, the
        build cache's listings (none: every listing rendered)."""
        self.info = info
        self.templates = templates or standard()
        self.kept = listings
        self.rows = rows
        self.grade_class = grade_classifier(info)
        self.grade_labels = [band.label for band in info.grades]
        self.build = SiteBuild(info=info)
        self.departments = department_years(departments, self.rows)
        self.department_links = department_links(self.departments)
        """The department pages: the 按部门 listing and the 自评 pages link there."""
        self.documents: Mapping[str, Collection[int]] = {}
        """The tables of 绩效目标表, 评价报告, 整改 and 部门整体 /data/ has, by the years with rows
        (render_site says which; a target table may have no 自评 row)."""
        self.targets_only: Sequence[P] = ()
        """The 绩效目标表s whose programme-year has no 自评 yet (the normal case at budget time;
        session.Loaded.targets_only): url, name, year, department, region. The listings of their
        year, department and region name them under their list (a year or department with no 自评
        gets a listing for them alone), the 项目查询 page says how many and where."""
        self.open_data = True
        """Whether this build writes /data/ (render_site): the 数据下载 page links its files only then."""

    def render(self, template: str, page_url: str, **context: Any) -> str:
        rows = partial(programme_rows, page_url=page_url, grade_class=self.grade_class)
        return self.templates.render(template, page_url, site=self.info, grade_class=self.grade_class, bar=bar,
                                     programme_rows=rows, **context)

    def page(self, url: str, title: str, kind: str, template: str, in_nav: bool = False,
             **context: Any) -> None:
        html = self.render(template, url, title=title, **context)
        self.build.pages.append(SitePage(url=url, title=title, html=html, kind=kind, in_nav=in_nav))

    def summary(self, rows: Iterable[P]) -> stats.Summary:
        return stats.summarise(rows, self.grade_labels)

    def summaries(self, rows: Iterable[P]) -> list[stats.Summary]:
        return stats.by_year(rows, self.grade_labels)

    def run(self) -> SiteBuild:
        self.index()
        self.department_pages()
        self.listings()
        self.home()
        return self.build

    # index -------------------------------------------------------------------------------
    def index(self) -> None:
        by_year: dict[int, list[P]] = defaultdict(list)
        for row in self.rows:
            by_year[row["year"]].append(row)
        years = sorted(by_year, reverse=True)
        waiting = Counter(r["year"] for r in self.targets_only)
        every_year = sorted({*years, *waiting}, reverse=True)
        limit = first_rows()
        first = opening_years({y: len(by_year[y]) + waiting[y] for y in every_year}, years, limit)
        present = {r["verdict"] for r in self.rows}
        self.build.files.update(index_files(self.rows, limit, self.kept.index_part if self.kept is not None else None,
                                            self.targets_only))
        self.page(
            "projects/", "项目查询", "index", "index.html",
            years=[(y, sorted(by_year[y], key=lambda r: r["name"])) for y in years], every_year=every_year,
            fallback_rows=len(self.rows) <= MAX_FALLBACK_ROWS,
            regions=sorted({r["region"] for r in self.rows if stated(r["region"])}),
            departments=sorted({r["department"] for r in self.rows if stated(r["department"])}),
            unstated={"region": any(not stated(r["region"]) for r in self.rows),
                      "department": any(not stated(r["department"]) for r in self.rows)},
            evaluations=sorted({r["evaluation"] for r in self.rows}),
            verdicts=[(v, VERDICT_LABEL[v]) for v in VERDICTS if v in present],
            with_targets=bool(waiting) or any(r.get("targets") for r in self.rows),
            with_cycle=any(cycle_code(r) for r in self.rows),
            targets_only=waiting,
            grades=self.grade_labels, count=len(self.rows), in_nav=True, split=len(first) < len(every_year),
            opening=first[0] if first else None,
            grade_classes={label: self.grade_class(label) for label in self.grade_labels},
        )

    # listings ----------------------------------------------------------------------------
    def listings(self) -> None:
        ranked = sort_rows(self.rows)  # sorted once: grouping keeps the order within each group
        self.listing_kind(ranked, "years", "年度", lambda r: str(r["year"]), lambda k: k,
                          lambda k: f"{k}年度", newest_first=True)
        self.listing_kind(ranked, "regions", "地区", lambda r: r["region"], slug, lambda k: k)
        self.listing_kind(ranked, "departments", "部门", lambda r: r["department"], slug, lambda k: k)

    def listing_kind(self, ranked: list[P], base: str, noun: str, key: Callable[[P], str],
                     to_slug: Callable[[str], str], label: Callable[[str], str],
                     newest_first: bool = False) -> None:
        """The pages of one kind of listing (`ranked`: all rows in listing order) and its overview.

        A programme whose department or region is not stated (empty, a placeholder, 未载明) gets
        no listing of its own: the overview counts it beside the list, year by year."""
        groups: dict[str, list[P]] = defaultdict(list)
        missing: dict[Any, int] = defaultdict(int)
        for row in ranked:
            if stated(key(row)):
                groups[key(row)].append(row)
            else:
                missing[row["year"]] += 1
        waiting: dict[str, list[P]] = defaultdict(list)
        for row in sorted(self.targets_only, key=lambda r: (-r["year"], r["name"])):
            if stated(key(row)):
                waiting[key(row)].append(row)
        names = sorted({*groups, *waiting}, reverse=newest_first)
        per_year: dict[Any, list[P]] = defaultdict(list)
        only_targets: dict[Any, list[P]] = defaultdict(list)
        for name in names:
            url = f"{base}/{to_slug(name)}/"
            pages = [(year, page.url) for (year, key), page in self.department_links.items()
                     if key == identity_text(name)] if base == "departments" and self.department_links else []
            summaries = self.listing(url, label(name), noun, base, groups[name], sorted(pages, reverse=True),
                                     waiting[name])
            evaluated_years = {summary.year for summary in summaries}
            waiting_in = Counter(r["year"] for r in waiting[name])
            for year in sorted(set(waiting_in) - evaluated_years, reverse=True):
                only_targets[year].append({"name": name, "label": label(name), "url": url, "count": waiting_in[year]})
            for summary in summaries:
                page = self.department_links.get((summary.year, identity_text(name))) \
                    if base == "departments" and self.department_links else None
                per_year[summary.year].append({"name": name, "label": label(name), "url": url, "summary": summary,
                                               "department_url": page.url if page is not None else None,
                                               "waiting": waiting_in[summary.year]})
        overall_only: dict[Any, list[P]] = defaultdict(list)
        if base == "departments":  # a department with no programme at all has only its 部门整体 pages
            listed = {identity_text(name) for name in names}
            for entry in self.departments:
                if entry.key[1] not in listed:
                    overall_only[entry.year].append({"label": entry.department, "url": entry.url})
        if base == "years":  # one row per year already: one table
            sections = [{"year": None, "entries": [e for y in per_year for e in per_year[y]], "missing": 0,
                         "only_targets": [e for y in sorted(only_targets, reverse=True) for e in only_targets[y]],
                         "overall_only": []}]
        else:
            sections = [{"year": year, "entries": per_year.get(year, []), "missing": missing.get(year, 0),
                         "only_targets": only_targets.get(year, []), "overall_only": overall_only.get(year, [])}
                        for year in sorted({*per_year, *missing, *only_targets, *overall_only}, key=str, reverse=True)]
        self.build.files.update(overview_twins(f"{base}/", f"按{noun}查看",
                                               [e for section in sections for e in section["entries"]],
                                               [{**e, "year": year} for year in sorted(only_targets, reverse=True)
                                                for e in only_targets[year]]))
        self.page(f"{base}/", f"按{noun}查看", "listing", "listings.html", noun=noun,
                  sections=sections, missing=sum(missing.values()), base=base, in_nav=True)

    def listing(self, url: str, heading: str, noun: str, base: str, items: list[P],
                overall_pages: Sequence[tuple[int, str]] = (), waiting: Sequence[P] = ()) -> list[stats.Summary]:
        """One listing: LISTING_PAGE programmes a page, the first at `url` with the summary
        figures (one Summary per year the listing spans, newest first, returned: the overview
        shows them); a department's links its department pages (year, address), newest first.
        `waiting`: its programmes with a 绩效目标表 and no 自评 yet (Builder.targets_only), named
        under the list (alone where there is no 自评), LISTING_PAGE a page as the list is.

        The figures are a function of the rows and the site's grades (in the listings' salt), so
        they are no part of the key: a listing taken from the cache brings its figures with it
        rather than sum its rows again (Decimal sums of each row, in three listings: render_site
        of 10,000 rows with every listing cached, 0.33–0.37 → 0.27–0.33 s of CPU)."""
        key = self.kept.key((url, heading, noun, base, len(items), list(overall_pages), LISTING_PAGE,
                             [(r["url"], r["name"], r["year"], r.get("department"), r.get("region"), r.get("sample"))
                              for r in waiting]),
                            items) if self.kept is not None else ""
        found = self.kept.get(key) if self.kept is not None else None
        if found is not None:
            self.build.pages.extend(found[0])
            self.build.files.update(found[1])
            return found[2]
        summaries = self.summaries(items)
        pages, files = len(self.build.pages), listing_twins(url, f"{heading}项目", items, summaries, waiting)
        self.build.files.update(files)
        size = LISTING_PAGE
        total = max(1, -(-len(items) // size), -(-len(waiting) // size))  # the waiting paged alike
        for number in range(1, total + 1):
            chunk = items[(number - 1) * size:number * size]
            caption = f"{heading}项目（按得分排列）"
            suffix = ""
            if total > 1:
                first = (number - 1) * size + 1
                caption = f"{heading}项目（按得分排列，第 {first}–{first + len(chunk) - 1} 个，共 {len(items)} 个）"
                suffix = "" if number == 1 else f"（第 {number} 页，共 {total} 页）"
            self.page(listing_page_url(url, number), f"{heading}项目绩效评价{suffix}", "listing",
                      "listing.html", heading=heading, heading_suffix=suffix, noun=noun,
                      summaries=summaries, count=len(items), items=chunk, caption=caption,
                      show_year=base != "years", base=base, first_url=url, page_size=size,
                      pager=pager(url, number, total) if total > 1 else None, overall_pages=overall_pages,
                      waiting=waiting[(number - 1) * size:number * size], waiting_count=len(waiting))
        if self.kept is not None:
            self.kept.put(key, self.build.pages[pages:], files, summaries)
        return summaries

    # department pages --------------------------------------------------------------------
    def department_pages(self) -> None:
        """A page per department-year with a 部门整体 document, its programmes of that year listed."""
        if not self.departments:
            return
        by_department = programmes_by_department(r for r in self.rows if stated(r["department"]))
        waiting = programmes_by_department(sorted((r for r in self.targets_only if stated(r["department"])),
                                                  key=lambda r: r["name"]))
        listed = {key for _, key in (*by_department, *waiting)}
        for entry in self.departments:
            programmes = sort_rows(by_department.get(entry.key, []))
            twin = department_twin(entry, programmes, waiting.get(entry.key, []))
            self.build.files.update(department_files(entry, twin))
            self.page(entry.url, f"{entry.department}{entry.year}年度部门整体支出绩效", "department", "department.html",
                      programmes=programmes, **page_context(twin), listing_url=f"departments/{slug(entry.department)}/" if entry.key[1] in listed else None)

    # home --------------------------------------------------------------------------------
    def home(self) -> None:
        years = sorted({r["year"] for r in self.rows}, reverse=True)
        latest = stats.home_year(self.rows)
        latest_rows = [r for r in self.rows if r["year"] == latest]
        self.page("", self.info.title, "home", "home.html",
                  latest=latest, summary=self.summary(latest_rows), years=years,
                  recent=sort_rows(latest_rows)[:10], count=len(self.rows), in_nav=True,
                  shortcuts=shortcuts(self.rows, self.grade_labels))


INDEX_FIELDS = ("path", "year", "name", "department", "region", "evaluation", "score", "grade",
                "budget", "sample", "total", "verdict", "execution_rate", "published", "targets", "cycle",
                "grade_recomputed", "stage", "mismatch", "report_grade")
INDEX_VERSION = 8
"""The 项目查询 data's format (docs/opendata.md): 4 added `targets`, 5 `cycle` (cycle_marks.cycle_code),
6 `grade_recomputed` and `stage` (a 绩效目标表 with no 自评 yet is a row of its own), 7 `mismatch`
(headline.mismatch: what disagrees where the totals agree) and `report_grade` (the 评价报告's grade
its chip shows, as the listings' chip does), 8 names the `mismatch` lookup list `mismatches` (LOOKUPS)."""
LOOKUPS = {"department": "departments", "region": "regions", "evaluation": "evaluations", "grade": "grades",
           "verdict": "verdicts", "mismatch": "mismatches", "report_grade": "report_grades"}
"""Each column an index part stores as a position in a lookup list → that list's name."""
TARGETS_NONE, TARGETS_KEPT, TARGETS_LOWERED = 0, 1, 2
"""The index's `targets` column: no 绩效目标表, one whose targets the 自评 kept, one with a target lowered."""
STAGE_EVALUATED, STAGE_TARGETS_ONLY = 0, 1
"""The index's `stage` column: a 自评 (the row's path is its page), or a 绩效目标表 whose
programme-year has no 自评 yet (the path is the table's page; no score, grade or total)."""
INDEX_URL = "projects/index.json"
INDEX_PART = "projects/index/{year}.json"
"""One part of the index data per year, loaded by the page when a reader needs that year."""
FIRST_ROWS = 20_000
"""Rows the 项目查询 page loads with itself (newest years first, at least one year); the other
years load when chosen. A row is about 17 bytes gzipped (1.6 MB for 100,000 demo programmes), so
20,000 rows keep the first load near 340 KB, within the 500 KB a reader on a slow line should
wait for; a site below it loads every year at once and opens on 全部年度, as before.
$PERFSITE_INDEX_FIRST_ROWS overrides it (the browser tests split a small site this way)."""
FIRST_ROWS_ENV = "PERFSITE_INDEX_FIRST_ROWS"


def first_rows() -> int:
    """FIRST_ROWS, or $PERFSITE_INDEX_FIRST_ROWS when it is a whole number."""
    value = os.environ.get(FIRST_ROWS_ENV, "").strip()
    return int(value) if value.isdigit() else FIRST_ROWS


def opening_years(counts: dict[int, int], evaluated: Collection[int], limit: int) -> list[int]:
    """The years loaded with the page (`counts`: rows per year, 绩效目标表s without a 自评 among
    them; `evaluated`: the years with a 自评): first_years, but on a site above `limit` from the
    newest year with a 自评, so a year of 绩效目标表s alone (budget time) loads when chosen and the
    page opens on the scores a reader comes for, as before those tables were rows."""
    if sum(counts.values()) <= limit or not evaluated:
        return first_years(counts, limit)
    newest = max(evaluated)
    return first_years({year: n for year, n in counts.items() if year <= newest}, limit)


def first_years(counts: dict[int, int], limit: int) -> list[int]:
    """The years loaded with the page (`counts`: rows per year): the newest, then older ones
    while all of them together stay within `limit` rows."""
    chosen: list[int] = []
    total = 0
    for year in sorted(counts, reverse=True):
        total += counts[year]
        if chosen and total > limit:
            break
        chosen.append(year)
    return chosen


def index_part(rows: list[P]) -> dict[str, Any]:
    """One year's rows in the compact form, column by column, with its own lookup lists.

    The columns are INDEX_FIELDS: path under projects/, year, name, department#, region#,
    evaluation#, score, grade#, budget万元, sample, total, verdict#, 执行率, published, targets
    (targets_code), cycle (cycle_marks.cycle_code: 评价报告, 整改未完成, 整改逾期), grade_recomputed
    (1: the grade is ours beside a published total, headline.grade_recomputed, which pages call
    复算等级), stage (STAGE_*: a waiting_row is 1), # meaning an index into the list of that name. Column by column, like values sit together and a year of
    25,000 demo rows gzips to 390 KB (408 KB at gzip level 6, a web server's usual), where row by
    row it took 490 KB (513 KB at level 6), above a first load of 500 KB. ``score`` and ``grade`` are
    what the programme's page leads with (the published total and grade where published, else
    the computed ones; ``published`` is 1 for a published total), ``total`` the recomputed total,
    ``verdict`` how they compare (perfsite.headline: match, rounding, discrepancy, computed,
    none). A department or region not stated (empty, a placeholder, 未载明) is stored as "".
    Each part carries its own lookups, so a part fetched from a cache older or newer than the
    list of parts still reads correctly.
    """
    lookups: dict[str, list[str]] = {kind: [] for kind in LOOKUPS}
    positions: dict[str, dict[str, int]] = {k: {} for k in lookups}

    def ref(kind: str, value: str | None) -> int:
        value = value or ""
        if value not in positions[kind]:
            positions[kind][value] = len(lookups[kind])
            lookups[kind].append(value)
        return positions[kind][value]

    out = []
    for r in rows:
        department, region = r["department"], r["region"]
        out.append([
            r["url"].removeprefix("projects/"), r["year"], r["name"],
            ref("department", department if stated(department) else ""),
            ref("region", region if stated(region) else ""),
            ref("evaluation", r["evaluation"]), r["score"], ref("grade", r["grade"]),
            r["budget_wan"], 1 if r["sample"] else 0, r["total"], ref("verdict", r["verdict"]),
            r["execution_rate"], 1 if r["source"] == "published" else 0, targets_code(r), cycle_code(r),
            1 if r.get("grade_recomputed") else 0, STAGE_TARGETS_ONLY if r.get("stage") else STAGE_EVALUATED,
            ref("mismatch", r.get("mismatch")), ref("report_grade", r.get("report_grade")),
        ])
    return {**{LOOKUPS[k]: v for k, v in lookups.items()},
            "columns": [list(column) for column in zip(*out, strict=True)] if out else [[] for _ in INDEX_FIELDS]}


def waiting_row(table: P) -> P:
    """A 绩效目标表 whose programme-year has no 自评 yet (Builder.targets_only) as a row of the
    项目查询 data, beside the 自评s' rows (listing_row's fields): its path is the table's page,
    ``stage`` marks it, and it has no score, grade, total or evaluation to show."""
    return {"url": table["url"], "year": table["year"], "name": table["name"],
            "department": table.get("department") or "", "region": table.get("region") or "",
            "evaluation": "", "score": None, "grade": None, "grade_recomputed": False, "source": "computed",
            "total": None, "verdict": "none", "mismatch": None, "sample": bool(table.get("sample")), "budget_wan": None,
            "spent_wan": None, "execution_rate": None, "targets": table["url"], "lowered": 0, "stage": True}


def targets_code(row: P) -> int:
    """A list row's `targets` column of the index (TARGETS_NONE, _KEPT or _LOWERED)."""
    if not row.get("targets"):
        return TARGETS_NONE
    return TARGETS_LOWERED if row.get("lowered") else TARGETS_KEPT


KeptPart = Callable[[int, list[P], Callable[[], bytes]], bytes]
"""A year, its index rows, and how to make its part → the part's bytes (Listings.index_part)."""


def _json(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def index_files(rows: list[P], limit: int = FIRST_ROWS, kept: KeptPart | None = None,
                waiting: Sequence[P] = ()) -> dict[str, bytes]:
    """The 项目查询 page's data (site path → bytes): a small list of parts at INDEX_URL and one
    part per year (`rows` in page order, then the year's `waiting`: Builder.targets_only, as
    waiting_row makes them), so the page loads the newest years (`limit` rows, see
    FIRST_ROWS) and fetches the others when a reader chooses them; docs/opendata.md describes it.
    `kept` gives a year's part made by an earlier build from the same rows (Listings.index_part).
    """
    by_year: dict[int, list[P]] = defaultdict(list)
    for r in [*rows, *map(waiting_row, waiting)]:
        by_year[r["year"]].append(r)
    years = sorted(by_year, reverse=True)
    files: dict[str, bytes] = {}
    parts = []
    for year in years:
        path = INDEX_PART.format(year=year)
        def made(year: int = year) -> bytes:
            return _json({"version": INDEX_VERSION, "year": year, **index_part(by_year[year])})

        files[path] = kept(year, by_year[year], made) if kept is not None else made()
        parts.append({"year": year, "count": len(by_year[year]), "path": path.removeprefix("projects/")})
    first = opening_years({y: len(by_year[y]) for y in years}, {r["year"] for r in rows}, limit)
    files[INDEX_URL] = _json({"version": INDEX_VERSION, "fields": list(INDEX_FIELDS), "money": index_money(),
                              "verdict_labels": VERDICT_LABEL, "count": len(rows) + len(waiting),
                              "targets_only": len(waiting), "first": first,
                              "parts": parts})
    return files
