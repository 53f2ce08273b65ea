"""A build from the plugin down: one `BuildSession` per MkDocs process (`mkdocs build`, or a whole
`mkdocs serve` with its rebuilds). The plugin (perfsite_mkdocs/plugin.py) only calls it, event by
event, in this order:

1. `on_startup` → `BuildSession(serve)`: nothing runs yet.
2. `on_config` → `load(data_dir)`: the one tree loader (perfsite.dataset.load_tree) walks data/
   and the workers (perfsite.site.workers, run by perfsite.executor: forked, one per core, or
   in this process for a small tree) read, check and score their share of the files, spool their
   /data/ pieces, and send back a summary row per programme. Errors stop here (PerfsiteError);
   so does a `perfsite build` that would drop many programmes from the live site (Refused).
   Then `configure(config, site)`: the listings, index, method, downloads and about pages are
   rendered here (perfsite.site.render_site) from the rows; MkDocs will render one programme
   page only, the shell, and of the listing pages, and of the department pages, one shell per
   first folder and depth (shell.themed_pages). On a build the workers start rendering programme pages right away;
   with a build cache they write into a folder of it, and link at once the pages it holds with
   the shell the last build had (buildcache `shell`; pages the last build into the same site
   folder wrote are moved there first and kept as they are: SiteRecord), and tell their search
   stubs: a thread makes the year indexes those call for while MkDocs renders its pages.
3. `on_files`, `on_page_markdown`, `on_page_content` → `page(src_uri)`: MkDocs takes the
   generated pages as files and their HTML as content.
4. `on_post_page` of the shell → `shell(site_dir, html)`: the workers write every programme page
   from it (held pages are released) while MkDocs renders its other pages. A 绩效目标表 has its
   own page one folder below its programme's (/projects/<year>/<id>/targets/), written from the
   same shell (shell.deeper_shell), as are a 评价报告's (evaluation/) and a 整改's (rectification/);
   the worker holding a 自评 is sent the target table of its programme-year
   (target_tables), so its page compares with it, and every worker the addresses of all
   document pages, so each page links its programme-year's others. The site-wide 整改 page is
   rendered here with the site's own pages, from the summaries' `listed`. `on_post_page` of
   a listing or department shell → the pages of its kind, folder and depth are written from it,
   here (a department shell carries the full-text search mark for them).
5. `on_post_build` → `finish(site_dir)`: /data/ is written meanwhile (from configure()'s start,
   in a fork, into a folder of the build cache when the workers read few files; else from now,
   in a thread) while this thread waits
   for the workers (moving their folder, and that one, into site_dir), fixes the sitemap, stops the workers (a build;
   serve keeps them and their cache for the next rebuild) and builds the search index
   (Pagefind: what the early thread did not); then the publish manifest.
6. `on_build_error` → `failed()`: workers killed, the build's folders removed; `on_shutdown` →
   `close()`: workers stopped, every folder the session made removed.

All state lives on the session (the workers, the serve mirror, the shard plan of the pages in it,
the current build, temporary folders): nothing module-level, so two sessions never share any.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import html
import logging
import os
import pickle
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache

from perfsite import progress as progress_report
from perfsite import report
from perfsite.collector import collector_paused
from perfsite.dataset import Dataset, TreeRead, load_tree, on_page
from perfsite.dates import build_date
from perfsite.department import DepartmentDocument
from perfsite.disclosure import published_disclosure
from perfsite.executor import Pool, workers_for
from perfsite.failures import explain
from perfsite.kinds import KINDS, DocumentKind, address
from perfsite.model import Rename
from perfsite.opendata.build import FileFacts, FolderSink, Kept, Sink, write_open_data
from perfsite.opendata.cycle import (
    APPLICATION,
    RECTIFICATION,
    REPORTS,
    department_items,
    department_tables,
    rectification_rows,
)
from perfsite.opendata.doctables import DOCUMENT_TABLES
from perfsite.opendata.feed import TARGET_ORDER, FeedItem
from perfsite.opendata.parts import Parts, correction_entries
from perfsite.opendata.targets import TARGETS, TargetPart
from perfsite.pagedata import SHEET
from perfsite.problems import Problem, relpath
from perfsite.processes import forking, jobs
from perfsite.progress import Progress, Ticker
from perfsite.scaffold.placeholders import notice
from perfsite.site import publish, render_site, search, sitemap
from perfsite.site.buildcache import (
    BuildCache,
    SealedBytecodeCache,
    cache_folder,
    code_version,
    damaged_line,
    move_tree,
    remove_detached,
    tree_digest,
)
from perfsite.site.cycle_marks import mark_cycle, rectification_marks
from perfsite.site.department_page import DepartmentLinks, department_links, department_years
from perfsite.site.downloads import fill_page
from perfsite.site.memo import Memo
from perfsite.site.model import SiteBuild, SitePage
from perfsite.site.pages import Listings, row_digest
from perfsite.site.programme_page import cycle_facts, gap_tables
from perfsite.site.rectification_page import rectification_pages
from perfsite.site.render import Templates
from perfsite.site.shell import (
    CONTENT_MARK,
    SHELL_PAGES_ENV,
    SHELL_URL,
    TITLE_MARK,
    ThemedPages,
    clear_page,
    fill_themed,
    pages_below,
    remove_entry,
    themed_pages,
    write_themed,
)
from perfsite.site.targets_page import mark_rows
from perfsite.site.timing import figure, log, since
from perfsite.site.workers import (
    HOLD,
    PARALLEL_FROM,
    CompareRequest,
    LoadRequest,
    RenderNote,
    RenderRequest,
    Share,
    Shell,
    Summary,
    TableRef,
    YearsNote,
    made_again,
    shell_digest,
)
from perfsite.siteconfig import SiteConfig
from perfsite.values import identity_text
from perfsite.years_compared import with_table_renames

P = dict[str, Any]

LOAD_STAGE, PAGES_STAGE, SEARCH_STAGE = "读取数据", "生成项目页", "建立全文检索"
"""The stages of a build's progress bar (the last, Pagefind, of unknown length)."""
STAGE_UNITS = {LOAD_STAGE: "个文件", PAGES_STAGE: "个页面"}
"""What each stage counts: data files of every kind, then pages (a 自评's and a 绩效目标表's),
never 项目 (a programme-year may have two files and two pages)."""
INDEXED = ("method", "downloads", "department")
"""Generated pages Pagefind indexes besides programme pages (hand-written docs/ pages are too).
Not the site-wide 整改 list: each measure is found on its programme's 整改 page (its stub), and
the list, in the primary index every first query loads, grew with the site (a 1,000-programme
cycle demo: 80.4 → 56.8 KB of index chunks without it)."""

TEMPLATE_CACHE = "jinja"
"""The build cache's folder of compiled theme templates (BuildSession.template_cache)."""
TEMPLATE_CACHE_ENV = "PERFSITE_TEMPLATE_CACHE"
"""A folder for compiled templates alone, used by builds without a build cache (docs/deploy.md)."""



class Refused(Exception):
    """The build stops with this sentence (not a data error: e.g. it would unpublish many programmes)."""


@dataclass(frozen=True)
class Carried:
    """The summaries that carry each kind of thing the site's own pages, /data/ and the feed read,
    from one walk of them (Loaded.carried), in file order. A build walked the 20,000 summaries
    of 10,000 programmes with 目标表 about a dozen times (documents' pages four times, the 部门整体
    and 整改 documents three times each): what the build asks of Loaded after loading cost
    0.23–0.26 CPU s of a one-file rebuild, 0.16–0.18 from this walk (with row_digest's shortcut)."""

    targets: tuple[Summary, ...]
    """With a 绩效目标表 (Summary.target)."""
    documents: tuple[str, ...]
    """The pages of documents of other kinds than 自评 (Summary.document)."""
    departments: tuple[DepartmentDocument, ...]
    listed: tuple[P, ...]
    """The 整改 documents as the site-wide 整改 page lists them (Summary.listed)."""
    cycles: tuple[Summary, ...]
    """With a 评价报告's or 整改's share (Summary.cycle)."""

    @classmethod
    def of(cls, summaries: list[Summary]) -> Carried:
        targets: list[Summary] = []
        documents: list[str] = []
        departments: list[DepartmentDocument] = []
        listed: list[P] = []
        cycles: list[Summary] = []
        for s in summaries:
            if s.target is not None:
                targets.append(s)
            if s.document is not None:
                documents.append(s.document)
            if s.department is not None:
                departments.append(s.department)
            if s.listed is not None:
                listed.append(s.listed)
            if s.cycle is not None:
                cycles.append(s)
        return cls(tuple(targets), tuple(documents), tuple(departments), tuple(listed), tuple(cycles))


@dataclass
class Loaded:
    """A loaded tree: the dataset without programmes (problems, facts, site), rows in page order."""

    dataset: Dataset
    rows: list[P]
    summaries: list[Summary] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    spool: Path | None = None
    """The folder of the workers' spool files holding the /data/ pieces (when /data/ is wanted)."""
    source: TreeRead | None = None
    """How the files were read: a 自评's /data/ pieces found damaged in the build cache are made
    again from its file (remake)."""
    damaged: set[str] = field(default_factory=set)
    """Build cache packs a damaged piece was found in: not kept (prune), so the next build reads their files anew."""
    remade: list[str] = field(default_factory=list)
    """The files whose /data/ pieces were made again (their copy damaged): the build tells the operator."""
    tables: list[dict[tuple[int, str], TableRef]] | None = None
    """target_tables as the comparison sent them, one per worker (the render requests send the same)."""
    cross: list[Problem] = field(default_factory=list)
    """The cross-file problems the pages list (dataset.CrossFound.shown): warnings, as a tree with
    an error is not built."""
    lowered: dict[str, P] = field(default_factory=dict)
    """自评 address → the targets it lowered, for its 绩效目标表's page (RenderRequest.lowered)."""
    today: str = field(default_factory=build_date)
    """The build date the rows' 整改 marks were judged on, and every later output of the build
    (pages, listings, /data/): read from the clock once, so a build that runs across Beijing
    midnight does not call a measure due that day on time in its listing and overdue on its page."""
    _cycle: dict[str, dict[str, list[P]]] = field(default_factory=dict, repr=False)
    """cycle_tables by build date: the 数据下载 page and /data/ both ask for them."""
    _reports: tuple[dict[str, tuple[str, str | None]], dict[str, str | None], dict[str, P]] | None = \
        field(default=None, repr=False)
    """Loaded._reported, made once: loading marks the rows with it, rendering asks again."""
    _carried: Carried | None = field(default=None, repr=False)
    _evaluated: frozenset[str] | None = field(default=None, repr=False)

    def carried(self) -> Carried:
        """The summaries by what they carry (Carried), walked once: the summaries do not change
        after loading, bar their /data/ shares, which are not among these."""
        if self._carried is None:
            self._carried = Carried.of(self.summaries)
        return self._carried

    def row_digests(self) -> dict[int, tuple[P, bytes]]:
        """Each list row's digest for the listings' keys (pages.row_digest), by the row's id: the
        rows of files the build cache holds an entry for (all, with a cache)."""
        return {id(s.row): (s.row, row_digest(s.cached, s.row)) for s in self.summaries
                if s.row is not None and s.cached}

    def series_map(self) -> dict[str, list[P]]:
        """Series → its programmes' `other_years` entries, by year then id (as Dataset.by_series),
        each year's sheet with its 绩效目标表's renames (years_compared.with_table_renames).

        A series' 绩效目标表 of a year with no 自评 (2023 between the 自评s of 2022 and 2024)
        renames its indicators too: its renames go with every year's sheet, or the 2024 page
        shows the renamed indicator as 不再列入 beside 新列入."""
        tables = [t for s in self.carried().targets if (t := s.target) is not None and t.renamed]
        renames = {(t.year, t.id): t.renamed for t in tables}
        evaluated = {(s.facts.year, s.facts.id) for s in self.summaries if s.series and s.other is not None
                     and s.facts is not None}
        between: dict[str, tuple[Rename, ...]] = defaultdict(tuple)
        for t in tables:
            if t.series and (t.year, t.id) not in evaluated:
                between[t.series] += t.renamed
        groups: dict[str, list[tuple[tuple[int, str], P]]] = defaultdict(list)
        for s in self.summaries:
            if s.series and s.other is not None and s.facts is not None:
                key = (s.facts.year, s.facts.id)
                stated = (*renames.get(key, ()), *between.get(s.series, ()))
                other = {**s.other, SHEET: with_table_renames(s.other[SHEET], stated)} if stated else s.other
                groups[s.series].append((key, other))
        return {k: [o for _, o in sorted(v, key=lambda item: item[0])] for k, v in groups.items()}

    def gap_tables(self, series: dict[str, list[P]]) -> dict[str, dict[int, str]]:
        """Series → year → the 绩效目标表 of each year between its 自评s that has none
        (programme_page.gap_tables), for `series` (series_map)."""
        return gap_tables(series, ((t.year, t.id, t.series) for s in self.carried().targets
                                   if (t := s.target) is not None and t.kind is DocumentKind.TARGETS))

    def document_urls(self) -> list[str]:
        """The pages of documents of other kinds than 自评 (绩效目标表, 评价报告, 整改), in file order."""
        return list(self.carried().documents)

    def indexed_pages(self) -> Counter[int]:
        """Pages per year the full-text search indexes: each 自评 and each document of another
        kind (each has a stub in its programme's index part). The parts are sized by these
        (search.shard_plan): counting the 自评s alone, a site with a 绩效目标表 for every
        programme had 2,500 stubs a part, and a one-file rebuild's Pagefind ran 2.0–2.2 CPU s (1.2
        at 1,250)."""
        counts = Counter(row["year"] for row in self.rows)
        counts.update(int(url.split("/")[1]) for url in self.document_urls())
        return counts

    def target_urls(self) -> list[str]:
        """The 绩效目标表 pages' addresses, in file order."""
        return [address(t.kind, t.year, t.id) for s in self.carried().targets if (t := s.target) is not None]

    def targets_only(self) -> list[P]:
        """The 绩效目标表s whose programme-year has no 自评 (yet: at budget time every table is
        one), in file order, as the listings and 项目查询 name them (pages.Builder.targets_only):
        their page's address, name, year, department and region."""
        evaluated = self.evaluated()
        return [{"url": address(t.kind, t.year, t.id), "name": t.name, "year": t.year, "department": t.department,
                 "region": t.region, "sample": t.sample} for s in self.carried().targets if (t := s.target) is not None
                and address(DocumentKind.SELF_EVALUATION, t.year, t.id) not in evaluated]

    def rectifications(self) -> list[P]:
        """The 整改 documents as the site-wide 整改 page lists them."""
        return list(self.carried().listed)

    def target_parts(self) -> list[TargetPart]:
        """The 绩效目标表's shares of the /data/ files and the feed."""
        return [s.target_part for s in self.summaries if s.target_part is not None]

    def evaluated(self) -> frozenset[str]:
        """The 自评 pages' addresses (a 绩效目标表 page links to its programme-year's)."""
        if self._evaluated is None:
            self._evaluated = frozenset(row["url"] for row in self.rows)
        return self._evaluated

    def departments(self) -> list[DepartmentDocument]:
        """The 部门整体 documents, in file order (their pages are rendered with the listings, in
        this process: each with its cross-file warnings among its problems, as a worker's page)."""
        docs = self.carried().departments
        by_file = self._cross_by_file()
        return [with_problems(doc, by_file[doc.file]) if doc.file in by_file else doc for doc in docs]

    def department_links(self) -> DepartmentLinks:
        """The department pages by department-year (a 自评 page links its department's)."""
        return department_links(department_years(self.departments(), self.rows))

    def parts(self) -> list[Parts]:
        """The programmes' shares of the /data/ files."""
        return [s.parts for s in self.summaries if s.parts is not None]

    def cycle_feed(self) -> list[FeedItem]:
        """The feed entries of the 评价报告, 整改 and 部门整体 documents and of their 更正记录."""
        items = [item for s in self.carried().cycles if s.cycle is not None for item in s.cycle.feed]
        pages = {(d.key, doc.kind): d.url for d in department_years(self.departments(), self.rows)
                 for doc in (d.targets, d.evaluation) if doc is not None}
        site = self.dataset.site
        return items + [item for doc in self.departments()
                        for item in department_items(doc, pages[((doc.year, identity_text(doc.department)), doc.kind)], site)]

    def report_marks(self) -> dict[str, tuple[str, str | None]]:
        """自评 address → (its programme-year's 评价报告 page, the report's grade as its page shows it)."""
        return self._reported()[0]

    def cycle_facts(self) -> dict[str, P]:
        """自评 address → its 评价报告 and 整改 as its page's verdict box names them (after mark_cycle)."""
        scores = self._reported()[1]
        return {row["url"]: found for row in self.rows if (found := cycle_facts(row, scores)) is not None}

    def report_sides(self) -> dict[str, P]:
        """自评 address → its programme-year's 评价报告 side (RenderRequest.reported)."""
        return self._reported()[2]

    def _reported(self) -> tuple[dict[str, tuple[str, str | None]], dict[str, str | None], dict[str, P]]:
        """What the 自评 pages and list rows say of their programme-year's 评价报告, by 自评 address,
        from one walk of the summaries (a 评价报告's carries its /data/ row and its side): its page
        and grade (report_marks), its score (cycle_facts) and its side (report_sides). Score and
        grade are the side's where the report has a scoring table: its page's headline, the figures
        the comparison sets beside the 自评's, so the verdict box's 「评价报告 88.31 分·良」, the
        list mark and the comparison's 总分 and 等级 are one figure each (a report that gives a
        grade and no total leads with the grade of its recomputed total: headline.shown_grade).
        Without a table, the report's row: its published figures, else none."""
        if self._reports is None:
            marks: dict[str, tuple[str, str | None]] = {}
            scores: dict[str, str | None] = {}
            sides: dict[str, P] = {}
            for s in self.carried().cycles:
                if s.cycle is None:
                    continue
                side = s.side
                for row in s.cycle.rows:
                    own = parent_url(row["url"])
                    if side is not None and s.document:
                        sides[own] = side
                        score, grade = side["score"], side["grade"]
                    else:
                        score, grade = row["reported_total"] or row["total"], row["reported_grade"] or row["grade"]
                    marks[own], scores[own] = (row["url"], grade or None), score or None
            self._reports = marks, scores, sides
        return self._reports

    def evaluation_files(self, reported: dict[str, P]) -> dict[str, tuple[str, str | None]]:
        """评价报告 address → (digest, path) of the 自评 file of its programme-year, for the
        programme-years in `reported` (RenderRequest.evaluations)."""
        return {reported[s.row["url"]]["url"]: (s.digest, s.path) for s in self.summaries
                if s.row is not None and s.row["url"] in reported}

    def cycle_tables(self, today: str) -> dict[str, list[dict[str, str]]]:
        """The rows of /data/'s 评价报告, 整改措施, 结果应用 and 部门整体 tables (empty on most sites)."""
        if today not in self._cycle:
            measures, applied = rectification_rows(self.rectifications(), today)
            years = department_years(self.departments(), self.rows)
            self._cycle[today] = {
                REPORTS: [row for s in self.carried().cycles if s.cycle is not None for row in s.cycle.rows],
                RECTIFICATION: measures, APPLICATION: applied,
                **department_tables((d.url, (d.targets, d.evaluation)) for d in years)}
        return self._cycle[today]

    def target_corrections(self) -> list[FeedItem]:
        """The feed entries of the 绩效目标表s' 更正记录 (a programme's own ride in its Parts)."""
        site = self.dataset.site
        items: list[FeedItem] = []
        for s in self.carried().targets:
            table = s.target
            if table is None or not table.disclosure.corrections:
                continue
            title = f"{table.name}（{table.year}年度绩效目标表）"
            entries = correction_entries(address(table.kind, table.year, table.id), title,
                                         published_disclosure(table.disclosure), site, table.sample)
            items += [(date, table.year, table.id, TARGET_ORDER + n, entry) for n, (date, entry) in enumerate(entries, 1)]
        return items

    def document_years(self, today: str) -> dict[str, set[int]]:
        """The tables of 绩效目标表, 评价报告, 整改 and 部门整体 /data/ has (name → the years with
        rows): what the 数据下载 page lists, site-wide and per year."""
        years: dict[str, set[int]] = {}
        for s in self.carried().targets:
            if s.target is not None:
                years.setdefault(TARGETS, set()).add(s.target.year)
        for name, rows in self.cycle_tables(today).items():
            for row in rows:
                years.setdefault(name, set()).add(int(row["year"]))
        return years

    def write_open_data(self, sink: Sink, today: str, kept: Kept | None = None) -> dict[str, FileFacts]:
        """Every /data/ file, data.json and the feed into `sink`, overdue judged on `today`; their FileFacts."""
        return write_open_data(self.parts(), self.dataset.site, sink, self.target_parts(),
                               [*self.target_corrections(), *self.cycle_feed()], self.cycle_tables(today), kept,
                               self.remake if self.source is not None else None)

    def remake(self, part: Parts) -> bytes:
        """A 自评's /data/ pieces made again from its file: their copy in a build cache pack is damaged."""
        assert self.source is not None
        summary = next(s for s in self.summaries if s.parts is part)
        key, pack = summary.compared
        self.damaged.add(pack if key else summary.pack)
        self.remade.append(summary.path)
        table = None
        if key:  # its pieces were made with its comparison: compared again
            table = next((s.digest, s.path) for s in self.summaries if s.target is not None
                         and (s.target.year, s.target.id) == (part.year, part.id))
        return made_again(part, summary.path, self.source, summary.digest, table)

    def cross_shares(self, workers: int) -> list[dict[str, tuple[Problem, ...]]]:
        """Per worker, the cross-file problems of the files it holds, by the file's path there
        (RenderRequest.cross); nearly always none, and then nothing is walked."""
        shares: list[dict[str, tuple[Problem, ...]]] = [{} for _ in range(workers)]
        by_file = self._cross_by_file()
        for s in self.summaries if by_file else ():
            if s.facts is not None and s.facts.file in by_file:
                shares[s.slot][s.path] = tuple(by_file[s.facts.file])
        return shares

    def _cross_by_file(self) -> dict[str, list[Problem]]:
        """The cross-file problems as pages list them (dataset.on_page), by the file they are about."""
        by_file: dict[str, list[Problem]] = defaultdict(list)
        if self.cross and self.source is not None:
            folder = relpath(self.source.root, self.source.base)
            for problem in self.cross:
                by_file[problem.file].append(on_page(problem, folder))
        return by_file

    def year_keys(self) -> dict[int, list[str]]:
        """Year → the build cache keys of its programmes' files (what a year's /data/ files are
        made from); DOCUMENT_TABLES → those of the 绩效目标表 files (their rows in the document tables)."""
        years: dict[int, list[str]] = defaultdict(list)
        for s in self.summaries:
            if s.parts is not None:
                years[s.parts.year].append(s.cached + s.compared[0])  # a 自评's part depends on its 目标表 too
            if s.target_part is not None:
                years[DOCUMENT_TABLES].append(s.cached)
        return {year: sorted(keys) for year, keys in years.items()}


def with_problems(doc: DepartmentDocument, cross: list[Problem]) -> DepartmentDocument:
    """A copy of a 部门整体 document with `cross` after its own problems (its scored
    self-evaluation's too: the page's part lists those); the summary's stays as read."""
    evaluation = doc.evaluation
    if evaluation is not None:
        evaluation = replace(evaluation, problems=evaluation.problems + cross)
    return replace(doc, problems=doc.problems + cross, evaluation=evaluation)


def target_tables(summaries: list[Summary], workers: int) -> list[dict[tuple[int, str], TableRef]]:
    """Per worker, (year, id) → (file digest, the file's path when another worker read it) for
    the 自评s it holds that have a 绩效目标表 (TableRef): the tables stay in the workers."""
    tables = {(s.target.year, s.target.id): s for s in summaries if s.target is not None}
    shares: list[dict[tuple[int, str], TableRef]] = [{} for _ in range(workers)]
    for s in summaries:
        if s.row is not None and s.facts is not None and (s.facts.year, s.facts.id) in tables:
            table = tables[(s.facts.year, s.facts.id)]
            shares[s.slot][(s.facts.year, s.facts.id)] = (table.digest, None if table.slot == s.slot else table.path)
    return shares


@dataclass
class KeptYears:
    """A year's /data/ files in the build cache (perfsite.opendata.build.Kept), keyed by its
    programmes' entries and the kind of entry, which also names the year's document tables (its
    bundle) or their files' digest (its zip, re-dated to this build's SOURCE_DATE_EPOCH when reused)."""

    cache: BuildCache
    site_dir: Path
    keys: dict[int, list[str]]
    used: set[tuple[str, str]]
    _years: dict[int, str] = field(default_factory=dict, repr=False)
    """Each year's keys hashed once: a build asks for a year's entries of a dozen kinds, and
    hashing 10,000 keys (the 绩效目标表s', doctables.DOCUMENT_TABLES) takes about 2 ms each time."""

    def _key(self, year: int, kind: str) -> str:
        if year not in self._years:
            self._years[year] = self.cache.key("data-year", str(year), *self.keys.get(year, []))
        return self.cache.key("data", kind, str(year), self._years[year])

    def content(self, year: int, kind: str, path: str) -> bytes | None:
        key = self._key(year, kind)
        stored = self.cache.fetch("data", key)
        if stored is None or [name for name, _ in stored.contents()] != [path]:
            return None
        self.used.add(("data", key))
        return stored.content(path)

    def reuse(self, year: int, kind: str, paths: list[str]) -> bool:
        key = self._key(year, kind)
        stored = self.cache.fetch("data", key)
        if stored is None or sorted(name for name, _ in stored.contents()) != sorted(paths):
            return False
        stored.place(lambda name: self.site_dir / name)
        self.used.add(("data", key))
        return True

    def keep(self, year: int, kind: str, paths: list[str], facts: Mapping[str, FileFacts]) -> None:
        """Store the year's files as written, with the sizes and SHA-256 the manifest took of them
        (files.json): read back and hashed a second time here, a cold build at 10,000 programmes
        read and hashed the years' 100 MB twice."""
        key = self._key(year, kind)
        self.cache.store("data", key, {path: (self.site_dir / path, (facts[path]["bytes"], facts[path]["sha256"]))
                                       for path in paths})
        self.used.add(("data", key))

    def blob(self, year: int, kind: str) -> bytes | None:
        key = self._key(year, kind)
        content = self.cache.read("data", key)
        if content is not None:
            self.used.add(("data", key))
        return content

    def keep_blob(self, year: int, kind: str, content: bytes) -> None:
        key = self._key(year, kind)
        self.cache.write("data", key, content)
        self.used.add(("data", key))

    def hold(self, year: int, kind: str) -> None:
        self.used.add(("data", self._key(year, kind)))


@dataclass(frozen=True)
class SiteRecord:
    """What a build wrote into a site folder's projects/: the build cache's `site` entry, keyed by
    the folder. The next build into the same folder moves the year folders aside before MkDocs
    cleans it (into its staging folder, BuildSession.start_programmes) and leaves in place each
    page whose files are still those of this build's key for it; the rest are emptied and
    written again (workers.Writing.clear). At 100,000 programmes linking every page anew cost
    a new folder and 4–5 links a page, about 500,000 system calls.

    Written once a build is done; removed when the next build takes the tree, so it never
    names a tree a failed build left half made."""

    shell: str
    """The digest of the shell the pages were written with (workers.shell_digest)."""
    pages: dict[str, str]
    """Each page's URL → its `whole` entry in the build cache (its files are that entry's)."""
    done: int
    """time.time_ns() once the tree was complete: a page folder changed later was touched by hand."""

    @staticmethod
    def key(cache: BuildCache, site_dir: Path) -> str:
        return cache.key("site", str(site_dir.resolve()))

    @classmethod
    def read(cls, cache: BuildCache, site_dir: Path) -> SiteRecord | None:
        payload = cache.read("site", cls.key(cache, site_dir))
        try:
            shell, pages, done = pickle.loads(payload) if payload is not None else (None, None, None)
        except Exception:
            return None
        if not (isinstance(shell, str) and isinstance(pages, dict) and isinstance(done, int)):
            return None
        return cls(shell, pages, done)

    def write(self, cache: BuildCache, site_dir: Path) -> None:
        cache.write("site", self.key(cache, site_dir),
                    pickle.dumps((self.shell, self.pages, self.done), protocol=pickle.HIGHEST_PROTOCOL))


@dataclass
class Rendering:
    """Programme pages the workers are writing (start_programmes → finish_programmes)."""

    site_dir: Path
    out: Path
    live: set[str]
    stubs: Path | None
    started: float
    waiting: bool = False
    """The workers were started without the shell and wait for give_shell()."""
    noting: bool = False
    """The workers tell their stubs (RenderNote) as soon as they know them all: `indexing` reads them."""
    staged: bool = False
    """`out` is a folder of the build cache's, moved into site_dir once the workers are done: they
    start before MkDocs has cleaned site_dir, and link pages the cache holds right away."""
    shell: str | None = None
    """The shell the pages are written from, once known."""
    indexing: Background | None = None
    """A thread reading the workers' notes and making the year indexes they complete meanwhile
    (BuildSession._index_early): its result is an EarlyIndex."""
    salt: str = ""
    """The settings the pages depend on (the build cache keeps the shell under them: _keep_shell)."""


@dataclass
class EarlyIndex:
    """What the workers told of their stubs while MkDocs worked, and the year indexes made then."""

    noted: list[RenderNote] | None
    parts: search.YearIndexes | None = None
    """The year indexes made, begun or taken from the cache while the workers rendered."""
    begun: int = 0
    """How many of them were begun before the workers were done."""
    told: int = 0
    """How many of those were begun as the workers told their years were written (YearsNote)."""


@dataclass
class OpenData:
    """The /data/ files a thread of this process, or a fork of it, writes into `folder`
    (BuildSession.open_data_job): site_dir, or a folder of the build cache that finish() moves into it."""

    folder: Path
    work: Background


@dataclass
class Build:
    """One build's state (a serve session makes one per rebuild)."""

    data_dir: Path
    loaded: Loaded
    progress: Progress | None
    started: float
    site: SiteBuild | None = None
    pages: dict[str, SitePage] = field(default_factory=dict)
    """Generated pages by their virtual source path."""
    search: bool = False
    plan: dict[int, int] = field(default_factory=dict)
    prose: list[str] = field(default_factory=list)
    """Pages Pagefind indexes from MkDocs' output (their dest_uri)."""
    rendering: Rendering | None = None
    open_data: OpenData | None = None
    """The /data/ files being written, from configure() when the pages are staged (else finish())."""
    ticker: Ticker | None = None
    salt: str = ""
    """What every programme page depends on besides its file (the site settings, the site's
    templates and mkdocs.yml): part of each page's key in the build cache."""
    templates: Templates = field(default_factory=Templates)
    """The site's templates (perfsite's, its custom_dir/perfsite/ ones first): made for each build."""
    themed: ThemedPages = field(default_factory=lambda: ThemedPages([]))
    """The pages MkDocs renders, and the listing pages written from shells (shell.themed_pages)."""


class BuildSession:
    """The workers, the serve mirror, the shard plan, the current build and temporary folders."""

    def __init__(self, serve: bool) -> None:
        self.serve = serve
        self.pool: Pool | None = None
        self.kept: dict[str, Path] = {}
        """Folders kept for a serve session: the spool, the search stubs, the pages' mirror."""
        self.temporary: set[Path] = set()
        """A build's folders not yet removed (removed by discard(), failed() or close())."""
        self.mirror_plan: dict[int, int] | None = None
        """The shard plan the mirror's search stubs were written for."""
        self.told_no_open_data = False
        self.told_unbuilt = False
        """Whether the note that full-text search was not built was said (once a session)."""
        self.build: Build | None = None
        self.cache: BuildCache | None = None
        """The build cache (perfsite.site.buildcache) of a build; a serve session keeps its own in memory."""
        self.used: set[tuple[str, str]] = set()
        """The cache entries the current build used or made ((kind, key)): the rest is pruned after it."""
        self.rendered: list[str] = []
        """The programme and document pages the last build rendered (the others came from the cache)."""
        self.stubbed: list[search.Stub] = []
        """The last build's search stubs, written or left in the build cache (workers.RenderReply.stubs)."""
        self.wrote: dict[str, str] = {}
        """The last build's pages and the `whole` entries they are (workers.RenderReply.wrote)."""
        self.series: list[str] = []
        """The series pages beside the last build's pages, by URL, sorted (workers.RenderReply.series)."""
        self.frozen = False
        """load() froze what this process held (gc.freeze): thawed when the build fails or the session closes."""
        self.code: str | None = None
        """perfsite's code version (buildcache.code_version) for compiled templates kept without a build cache."""

    # --- the workers

    def workers(self, files: int = 0) -> Pool:
        """The session's workers: started on first use (one per core when the tree is big
        enough), started again if one went away."""
        if self.pool is not None and self.pool.broken:
            self.pool.kill()
            self.pool = None
        if self.pool is None:
            self.pool = Pool(workers_for(files, PARALLEL_FROM), Share, "生成网站页面")
        return self.pool

    def pages_done(self) -> int:
        """Files read or pages rendered by the running call (0 with no workers: never starts them)."""
        return self.pool.progress() if self.pool is not None else 0

    def stop_workers(self) -> None:
        """End the workers once idle and free what they hold (Pagefind then has their memory)."""
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    # --- folders

    def _kept(self, key: str, prefix: str) -> Path:
        if key not in self.kept:
            self.kept[key] = Path(tempfile.mkdtemp(prefix=prefix))
        return self.kept[key]

    def _temporary(self, prefix: str) -> Path:
        folder = Path(tempfile.mkdtemp(prefix=prefix))
        self.temporary.add(folder)
        return folder

    def spool_dir(self) -> Path:
        """Where workers append /data/ pieces: kept for a serve session (parts of unchanged files
        are reused), else a new folder removed once /data/ is written; with a build cache, in its
        scratch folder. A worker's pack is linked into the spool folder, where the parent reads
        the pieces in place, and a link needs the same file system: with the cache on disk and
        TMPDIR on tmpfs (/tmp on many systems) the pieces were written twice and read back in a
        cold build, and each rebuild copied every pack (243 MB at 10,000 programmes)."""
        if self.serve:
            return self._kept("spool", "perfsite-spool-")
        if self.cache is not None:
            with contextlib.suppress(OSError):
                folder = self.cache.scratch("spool-")
                self.temporary.add(folder)
                return folder
        return self._temporary("perfsite-spool-")

    def stub_dir(self) -> Path:
        """Where workers write search stubs: kept for a serve session (only changed pages are
        rendered again), else a new folder removed after indexing."""
        return self._kept("stubs", "perfsite-stubs-") if self.serve else self._temporary("perfsite-stubs-")

    def discard(self, folder: Path) -> None:
        """Remove a build's folder without waiting: a detached `rm -rf` (deleting the 200,000 files
        and folders of 100,000 search stubs takes 11 s, after the site is complete)."""
        self.temporary.discard(folder)
        remove_detached(folder)

    # --- 2. load

    def load_tree(self, root: Path, parts: bool = False, progress: Progress | None = None,
                  frozen: bool = False, base: Path | None = None) -> Loaded:
        """What `perfsite.dataset.load_dataset(root)` reports, read by the workers and cached by
        content (in the workers, and in the build cache when the session has one); the scored
        programmes stay in the workers. With `parts`, each programme's share of the /data/ files
        is made too. `progress` hears of the files read. `frozen`: what the process holds then is
        left out of the collector's walks until the build ends (gc.freeze, undone by finish()):
        the summaries live that long, and the first collection after the load walked them all
        (about a million objects at 10,000 programmes, 1–2 s of a one-file rebuild under
        cProfile). Not under serve: each rebuild's MkDocs objects would never be collected.
        `base`: the folder messages name files from (the current one when None)."""
        started = time.perf_counter()
        spool = self.spool_dir() if parts else None

        source: list[TreeRead] = []
        broken: set[str] = set()

        def read(job: TreeRead) -> list[Summary]:
            source.append(job)
            pool = self.workers(len(job.paths))
            ticker = Ticker(progress, LOAD_STAGE, len(job.paths), pool.progress) if progress is not None else None
            try:
                replies = pool.call([LoadRequest(TreeRead(job.root, job.site, job.base, share, job.salt, job.tables),
                                                 str(spool or ""), self.serve, self.cache)
                                     for share in pool.split(job.paths)])
            finally:
                if ticker is not None:
                    ticker.stop()
            broken.update(pack for reply in replies for pack in reply.broken)
            found = {s.path: s for reply in replies for s in reply.summaries()}
            got.append([found[p] for p in job.paths])
            return got[-1]

        got: list[list[Summary]] = []
        lowered: dict[str, int] = {}
        notes: dict[str, P] = {}
        hurt: set[str] = set()
        tables: list[list[dict[tuple[int, str], TableRef]]] = []
        dropped: set[str] = set()
        with collector_paused():  # many new objects, no cycles: collections would cost more than the work
            tree = load_tree(root, base, read,
                             lambda: self.compare_targets(got[-1], lowered, hurt, tables, notes, dropped))
            if frozen:
                gc.freeze()
                self.frozen = True
        self.used.update(("pack", s.pack) for s in tree.results if s.pack)
        keyed = sorted(((s.key, s.row) for s in tree.results if s.row is not None), key=lambda item: item[0])  # type: ignore[arg-type, return-value]
        loaded = Loaded(tree.dataset, [row for _, row in keyed], tree.results,
                        {"load": since(started), "loaded_files": sum(1 for s in tree.results if s.fresh)}, spool,
                        source[0] if source else None, damaged=dropped, tables=tables[0] if tables else None,
                        cross=tree.shown, lowered=notes)
        mark_rows(loaded.rows, set(loaded.target_urls()), lowered)
        mark_cycle(loaded.rows, loaded.report_marks(), rectification_marks(loaded.rectifications(), loaded.today))
        hurt |= {s.path for s in tree.results if s.damaged}
        if hurt or broken:
            log.info(damaged_line("数据文件读取结果", [*(os.path.relpath(p, root) for p in sorted(hurt)),
                                                 *(f"缓存包 {pack[:12]}" for pack in sorted(broken))]))
        return loaded

    def compare_targets(self, summaries: list[Summary], lowered: dict[str, int], damaged: set[str],
                        sent: list[list[dict[tuple[int, str], TableRef]]],
                        notes: dict[str, P] | None = None, dropped: set[str] | None = None) -> dict[str, list[Problem]]:
        """The workers holding the 自评s compare each with its programme-year's 绩效目标表 (one
        round, only when the tree has target tables; the tree loader asks only for a tree with no
        errors): each 自评 address's lowered targets into `lowered` (its list row's mark), the
        自评s (paths) whose comparison's build cache entry was there but damaged (compared again)
        into `damaged`, the target_tables sent into `sent`, what each 绩效目标表's page says of
        its 自评 into `notes` (targets_page.lowered_note), the build cache packs a 自评's loaded
        /data/ pieces were found damaged in into `dropped` (Loaded.damaged: not kept); the 提示
        of check by 自评 file (dataset.Compared)."""
        hints: dict[str, list[Problem]] = defaultdict(list)
        files = {(s.target.year, s.target.id): s.path for s in summaries if s.target is not None}
        if files:
            pool = self.workers()
            sent.append(target_tables(summaries, pool.n))
            by_path = {s.path: s for s in summaries}
            parts: list[dict[str, Parts | None]] = [{} for _ in sent[-1]]
            for s in summaries:
                if s.parts is not None and s.facts is not None and (s.facts.year, s.facts.id) in sent[-1][s.slot]:
                    parts[s.slot][s.path] = s.parts if s.fresh else None  # the worker holds one it did not read now
            for reply in pool.call([CompareRequest(tables, {key: files[key] for key in tables}, share)
                                    for tables, share in zip(sent[-1], parts, strict=True)]):
                for path, (part, compared) in reply.parts.items():
                    by_path[path].parts, by_path[path].compared = part, compared
                lowered.update(reply.lowered)
                if notes is not None:
                    notes.update(reply.notes)
                self.used.update(("pack", pack) for pack in reply.packs)
                damaged.update(reply.damaged)
                if dropped is not None:
                    dropped.update(reply.broken)
                for problem in reply.hints:
                    hints[problem.file].append(problem)
        return hints

    def load(self, data_dir: Path, project: Path | None = None) -> SiteConfig:
        """Load data_dir for a build; its site settings. A build of a `project` (the folder of
        mkdocs.yml) uses the build cache there (buildcache.cache_folder). Raises PerfsiteError
        when the data has errors, Refused when `perfsite build` would unpublish many programmes."""
        started = time.perf_counter()
        self.collect_pending()
        self.used, self.rendered = set(), []
        self.cache = BuildCache.at(cache_folder(project)) if project is not None and not self.serve else None
        refusal = self.cache.unwritable() if self.cache is not None else None
        if refusal is not None:
            log.info(refusal)
            self.cache = None
        drawn = os.environ.get(progress_report.PROGRESS_ENV) == "1" and not self.serve  # `perfsite build` draws the bar
        progress = progress_report.reporter(sys.stderr) if drawn else None
        # files named from the project, not the current folder: the build cache's keys hold these
        # names (buildcache.project_path), and a build started elsewhere would miss every entry
        loaded = self.load_tree(data_dir, parts=self.open_data_wanted(), progress=progress, frozen=not self.serve,
                                base=project)
        self.build = Build(data_dir, loaded, progress, started)
        dataset = loaded.dataset
        if progress is not None:  # `perfsite build`: what is still the example, from the facts just read
            examples = notice(data_dir, dataset.facts, project)
            sys.stderr.write(examples + "\n" if examples else "")
            sys.stderr.write(progress_report.tally_line(report.tally(dataset.problems), len(loaded.rows)))
        if not dataset.ok:
            raise dataset.refusal()
        live = os.environ.get(publish.LIVE_ENV)
        if live and not self.serve:  # `perfsite build` would refuse this site: say so before rendering it
            refusal = publish.drop_message(publish.read_manifest(Path(live)), publish.Manifest.of_rows(loaded.rows),
                                           Path(live))
            if refusal:
                raise Refused(refusal)
        return dataset.site

    def collect_pending(self) -> None:
        """A serve rebuild that failed after the workers started: collect their replies first."""
        build, self.build = self.build, None
        if build is not None and build.rendering is not None:
            try:
                self.finish_programmes(build.rendering)
            except Exception:  # already reported with the failed build
                pass
            finally:
                self._stop_ticker(build)

    def configure(self, config: Any, site: SiteConfig) -> Any:
        """Render the site's own pages into the build and give MkDocs what it shows of them:
        site_name, site_url and the footer (config.extra.perfsite). Starts the workers early."""
        build = self._current()
        loaded = build.loaded
        build.open_data = self._open_data_early(loaded, Path(config.site_dir))
        build.templates = Templates.of_site(getattr(config.theme, "custom_dir", None))
        build.templates.env.bytecode_cache = self.template_cache(build.templates.env)
        custom = getattr(config.theme, "custom_dir", None)
        build.salt = repr(site) + tree_digest(*([Path(custom)] if custom else []),
                                              *([Path(config.config_file_path)] if config.config_file_path else []))
        build.search = search.enabled(config.extra)
        if not build.search and not self.told_unbuilt and (unbuilt := search.unbuilt_note(config.extra)):
            log.info(unbuilt)
            self.told_unbuilt = True
        build.plan = search.shard_plan(loaded.indexed_pages())
        if self.can_start_early():
            # the workers render ahead while this process renders the site's own pages and MkDocs
            # works up to the shell: started after those pages, they would idle through them
            # (about 2 CPU s at 10,000 programmes: listings, 部门 pages)
            build.rendering = self._start(build, Path(config.site_dir), None, site)
        memo = self.memo("listing")
        listings = Listings(memo, build.salt, loaded.row_digests()) if memo is not None else None
        built = site_pages(loaded, site, loaded.today, build.templates, listings, self.open_data_wanted())
        # MkDocs renders one programme page (the shell); the workers write all of them from it.
        built.pages.insert(0, SitePage(url=SHELL_URL, title=TITLE_MARK, html=CONTENT_MARK, kind="programme"))
        built.pages.append(search.search_page(build.search, search.shard_names(build.plan) if build.search else (),
                                              build.templates, site))
        verbose = os.environ.get(progress_report.VERBOSE_ENV) == "1" or log.isEnabledFor(logging.DEBUG)
        for line in built.problems + report.digest(loaded.dataset.problems, verbose=verbose):
            log.info(line)  # data warnings are for `perfsite check`; they must not fail --strict
        build.themed = themed_pages(built.pages, os.environ.get(SHELL_PAGES_ENV) != "0")
        build.site, build.pages = built, {page.src_uri: page for page in build.themed.rendered}
        # Material prints site_name and titles unescaped: escape what comes from data here.
        config.site_name = html.escape(site.title)
        if site.site_url:
            config.site_url = site.site_url
        config.extra["perfsite"] = {**site.footer(), "feed": self.open_data_wanted()}  # no link to a feed not written
        timing(load=loaded.timings.get("load", 0), loaded_files=loaded.timings.get("loaded_files", 0),
               listings=listings.rendered if listings is not None else -1,
               themed=sum(len(pages) for pages in build.themed.groups.values()), config=since(build.started))
        return config

    def _current(self) -> Build:
        if self.build is None:
            raise RuntimeError("no build in progress: load() comes first")
        return self.build

    # --- 3. pages

    def pages(self) -> list[SitePage]:
        """The generated pages MkDocs renders (the listing pages written from shells are not among
        them, their shells are), for MkDocs to take as files."""
        return self._current().themed.rendered

    def files(self) -> dict[str, bytes]:
        """The generated static files by site path."""
        site = self._current().site
        return site.files if site is not None else {}

    def template_cache(self, env: Environment) -> FileSystemBytecodeCache | None:
        """Where `env`'s compiled templates are kept between builds (none without a build cache):
        the theme's (MkDocs compiles Material's anew each build, about 45 templates, 0.5 s of a
        rebuild's main process under cProfile) and perfsite's for the pages made in this process.

        Jinja's bytecode cache keys a template by its name and file and checks it against its
        source, not against the code that compiled it, so each environment gets its own folder
        under `jinja/` keyed by what compiling depends on: Jinja's version, the environment's
        class and settings, and the build cache's version (perfsite's code, whose compiler
        perfsite's templates use, and Python's). finish() removes the folders the build did not use.

        Without a build cache, $PERFSITE_TEMPLATE_CACHE may name a folder for the compiled
        templates alone: nothing a build publishes comes from it, so builds that must not share
        results can share it (the test suite's ~250 builds each compiled the same 60 templates,
        0.6 of a small build's 1.9 CPU s in its main process)."""
        if self.cache is not None:
            folder = self.cache.folder / TEMPLATE_CACHE / compile_key(env, self.cache.version)
            self.used.add((TEMPLATE_CACHE, folder.name))
        elif os.environ.get(TEMPLATE_CACHE_ENV):
            self.code = self.code or code_version()
            folder = Path(os.environ[TEMPLATE_CACHE_ENV]) / compile_key(env, self.code)
        else:
            return None
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:  # a folder that cannot be made only costs the compile
            return None
        return SealedBytecodeCache(str(folder))

    def memo(self, kind: str) -> Memo | None:
        """Where this build keeps results of one kind of pure work for the next (perfsite.site.memo);
        None without a build cache (a preview, `--no-cache`)."""
        return None if self.cache is None else Memo(self.cache, kind, self.used)

    def data_dir(self) -> Path:
        """The data folder of the current build (serve watches it)."""
        return self._current().data_dir

    def page(self, src_uri: str) -> SitePage | None:
        """The generated page at this virtual source path, if it is one."""
        return self.build.pages.get(src_uri) if self.build is not None else None

    def content(self, page: SitePage | None, html_text: str, dest_uri: str, for_public: bool) -> str:
        """A page's content: the generated HTML, marked for Pagefind where it is indexed; a
        documentation page's opens with the printed site-title line, outside the indexed text."""
        build = self._current()
        text = html_text if page is None else page.html
        head = build.templates.print_head(build.site.info) if page is None else ""  # our pages print their own
        if build.search and for_public and (page is None or page.kind in INDEXED):
            text = f"<div data-pagefind-body>{text}</div>"  # prose pages are found by full-text search
            written = build.themed.shell(page.url) if page is not None else None
            # a department pages' shell carries the mark for the pages written from it; it is removed
            build.prose.extend([f"{p.url}index.html" for p in written] if written is not None else [dest_uri])
        return head + text

    # --- 4. the shell

    def post_page(self, src_uri: str, site_dir: Path, output: str) -> None:
        """A page MkDocs has rendered: if it is the shell, the workers write programme pages from
        it; if a listing or department shell, its pages are written from it here."""
        page = self.page(src_uri)
        if page is None:
            return
        if page.url == SHELL_URL:
            self.shell(site_dir, output)
        for listing in self._current().themed.shell(page.url) or ():
            write_themed(site_dir, listing.url, fill_themed(output, page.url, listing.url, listing.title, listing.html))

    def shell(self, site_dir: Path, output: str) -> None:
        """MkDocs rendered the shell: the workers write programme pages from it (started now, or
        at configure() and waiting for it)."""
        build = self._current()
        if build.rendering is not None:
            self.give_shell(build.rendering, output)
        else:
            assert build.site is not None
            build.rendering = self._start(build, site_dir, output, build.site.info)

    def _start(self, build: Build, site_dir: Path, shell: str | None, site: SiteConfig) -> Rendering:
        stubs = self.stub_dir() if build.search else None
        compiled = build.templates.env.bytecode_cache
        rendering = self.start_programmes(site_dir, shell, build.loaded, site, stubs, build.plan, build.salt,
                                          build.templates.overrides,
                                          compiled.directory if isinstance(compiled, FileSystemBytecodeCache) else "",
                                          self._last_shell(build.salt) if shell is None else "")
        if rendering.noting and stubs is not None:
            pool = self.workers()
            rendering.indexing = Background(lambda: self._index_early(pool, build, stubs))
        if build.progress is not None:
            pages = len(build.loaded.rows) + len(build.loaded.document_urls())
            build.ticker = Ticker(build.progress, PAGES_STAGE, pages, self.pages_done)
        return rendering

    def _index_early(self, pool: Pool, build: Build, stubs: Path) -> EarlyIndex:
        """In a thread: the workers' notes. A year's indexes are begun as soon as every worker
        has told it wrote all its stubs of that year (YearsNote), one Pagefind run at a time
        while they render later years; once they have all told their stubs (RenderNote), the
        rest are left to finish() (Pagefind then has the workers' memory), unless every worker
        rendered few pages (a rebuild: the others were linked from the build cache): then they
        are made now, while MkDocs renders its pages and the workers link theirs. After a
        one-file commit that is before the shell comes. The indexes go in a folder of their
        own, which finish() moves into the site."""
        assert self.cache is not None  # the workers note only into a staged folder, one of the cache's
        folder = self.cache.scratch("index-")
        self.temporary.add(folder)
        years = search.YearIndexes(folder, stubs, search.shard_names(build.plan), search.Shards(self.cache, self.used),
                                   jobs(), workers=pool.n)
        noted: list[RenderNote] = []
        for _, note in pool.each_note(lambda note: isinstance(note, RenderNote)):
            if isinstance(note, YearsNote):
                years.told(note.years, note.stubs)
            else:
                noted.append(note)
        if pool.early:  # a worker failed: the build stops
            years.wait()
            return EarlyIndex(None)
        told = len(years.started)
        years.widen()
        if all(note.light for note in noted):
            years.start(years.rest(stub for note in noted for stub in note.stubs))
        return EarlyIndex(noted, years, len(years.started), told)

    def start_programmes(self, site_dir: Path, shell: str | None, loaded: Loaded, info: SiteConfig,
                         stubs: Path | None = None, plan: dict[int, int] | None = None, salt: str = "",
                         overrides: Path | None = None, compiled: str = "", predicted: str = "") -> Rendering:
        """Have the workers write every programme page and its downloads into site_dir (and search
        stubs into `stubs`), without waiting: MkDocs goes on rendering its own pages meanwhile.

        With no shell (only when can_start_early()), the workers render ahead and write once
        give_shell() hands it over: MkDocs' own work up to the shell no longer idles them.

        Under serve, pages live in a mirror folder kept for the session: only pages whose file,
        series or shell changed are rendered again, then linked into site_dir. A build that starts
        them without a shell and has a build cache has them write into a folder of the cache,
        moved into site_dir when they are done: given the digest of the shell the last build had
        (`predicted`), they link the pages the cache holds with it at once, while MkDocs cleans
        site_dir and renders its own pages (9,999 pages took 1.7 s after the shell at 10,000).
        """
        started = time.perf_counter()
        series = loaded.series_map()
        stage = self._stage(site_dir) if shell is None and not self.serve else None
        staged = stage is not None
        out = self._kept("root", "perfsite-pages-") if self.serve else stage or site_dir
        incremental = self.serve and self.mirror_plan == plan  # stubs move when a year gets more indexes
        self.mirror_plan = plan
        pool = self.workers()
        evaluated = loaded.evaluated()
        documents = frozenset(loaded.document_urls()) | evaluated
        kept = self._take_tree(site_dir, stage, predicted, documents) if stage is not None and predicted else None
        noting = stubs is not None and staged and pool.n > 1
        once: Callable[[Any], Any] = PickledOnce if pool.n > 1 else lambda value: value
        reported = loaded.report_sides()
        gaps = loaded.gap_tables(series)
        series, evaluated, documents, departments, evaluations, reported, gaps = (
            once(v) for v in (series, evaluated, documents, loaded.department_links(),
                              loaded.evaluation_files(reported), reported, gaps))
        cycle, lowered = once(loaded.cycle_facts()), once(loaded.lowered)
        shares = loaded.tables if loaded.tables is not None and len(loaded.tables) == pool.n \
            else target_tables(loaded.summaries, pool.n)
        last = self._last_shell_page(salt)
        pool.start([RenderRequest(shell, info, series, str(out), incremental, str(stubs or ""), plan or {},
                                  targets, evaluated, documents, loaded.today, departments, self.cache,
                                  salt, overrides, compiled, predicted if staged else "", noting,
                                  kept.pages if kept is not None else None, kept.done if kept is not None else 0, cross,
                                  cycle, reported, evaluations, lowered, last, gaps)
                    for targets, cross in zip(shares, loaded.cross_shares(pool.n), strict=True)])
        live = {row["url"] for row in loaded.rows} | {u for url in loaded.document_urls() for u in (url, parent_url(url))}
        return Rendering(site_dir, out, live, stubs, started, shell is None, noting, staged, shell, salt=salt)

    def _take_tree(self, site_dir: Path, stage: Path, predicted: str, pages: frozenset[str]) -> SiteRecord | None:
        """Move the year folders of projects/ the last build wrote into site_dir to `stage`, when
        the build cache's record says it wrote them there with the shell this build predicts
        (SiteRecord); None when there is nothing to keep. The record is removed first: the tree
        is this build's now. What the record does not name is removed, and so are the pages of
        the record that are not among this build's `pages` (the pages below them that are stay)."""
        assert self.cache is not None
        record = SiteRecord.read(self.cache, site_dir)
        if record is None:
            return None
        self.cache.drop("site", SiteRecord.key(self.cache, site_dir))
        if record.shell != predicted:  # every page would be written again: linking them is less work
            return None
        moved = stage / "projects"
        taken: set[str] = set()
        for year in sorted({url.split("/")[1] for url in record.pages}):
            source = site_dir / "projects" / year
            if source.is_dir() and not source.is_symlink():
                moved.mkdir(exist_ok=True)
                try:
                    os.rename(source, moved / year)
                except OSError:  # MkDocs removes it; its pages are linked as without a record
                    continue
                taken.add(year)
        kept = {url: key for url, key in record.pages.items() if url.split("/")[1] in taken}
        known = set(kept) | {parent_url(url) for url in kept}
        for year in sorted(taken):
            for entry in os.scandir(moved / year):
                if f"projects/{year}/{entry.name}/" not in known:
                    remove_entry(entry)
        for url in sorted(set(kept) - pages, key=len, reverse=True):  # a programme's documents before it
            clear_page(f"{stage}/{url}", pages_below(url, pages))
            with contextlib.suppress(OSError):
                (stage / url).rmdir()
            del kept[url]
        return SiteRecord(record.shell, kept, record.done) if kept else None

    def _stage(self, site_dir: Path) -> Path | None:
        """A folder of the build cache for the workers' pages, moved into site_dir once they are
        done; None without a cache, or when the cache is on another file system than site_dir
        (pages would be copied twice: the workers then write into site_dir once it is clean)."""
        return self._scratch_beside("pages-", site_dir)

    def _scratch_beside(self, prefix: str, site_dir: Path) -> Path | None:
        """A new folder of the build cache on site_dir's file system (moved into it by renames),
        or None (no cache, or on another file system)."""
        if self.cache is None:
            return None
        folder = self.cache.scratch(prefix)
        anchor = site_dir
        while not anchor.exists() and anchor != anchor.parent:
            anchor = anchor.parent
        if os.stat(folder).st_dev != os.stat(anchor).st_dev:
            folder.rmdir()
            return None
        self.temporary.add(folder)
        return folder

    def _last_shell(self, salt: str) -> str:
        """The digest of the shell the last build with these settings had ("" for none; buildcache `shell`)."""
        last = self._last_shell_page(salt)
        return shell_digest(last) if last else ""

    def _last_shell_page(self, salt: str) -> str:
        """The shell the last build with these settings had ("" for none): its pages are filled
        from the whole files the cache holds with it when the shell changed (Writing.cached)."""
        if self.cache is None:
            return ""
        key = self.cache.key("shell", salt)
        self.used.add(("shell", key))
        found = self.cache.read("shell", key) or b""
        try:
            return found.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            return ""

    def _keep_shell(self, salt: str, shell: str) -> None:
        """Remember this build's shell for the next build with these settings (_last_shell)."""
        if self.cache is not None and self._last_shell_page(salt) != shell:
            self.cache.write("shell", self.cache.key("shell", salt), shell.encode("utf-8", "surrogatepass"))

    def can_start_early(self) -> bool:
        """Whether start_programmes may be given no shell: a build (serve compares shells to skip
        unchanged pages) with worker processes (one in this process could not be told it later)."""
        return not self.serve and self.workers().n > 1

    def give_shell(self, rendering: Rendering, shell: str | None) -> None:
        """Hand the shell to workers started without it (None: the build stopped, write nothing)."""
        if rendering.waiting:
            self.workers().tell(Shell(shell))
            rendering.waiting = False
            rendering.shell = shell

    def finish_programmes(self, rendering: Rendering, meanwhile: Callable[[], Any] | None = None
                          ) -> tuple[dict[str, float], Any]:
        """Wait for the workers; returns timings and what `meanwhile()` (run in this process while
        they work) returned."""
        self.give_shell(rendering, None)  # still waiting: the build stopped before MkDocs rendered the shell
        if rendering.indexing is not None:
            rendering.indexing.wait()  # it reads from the workers too: done before their replies are read
        meanwhile_started = time.perf_counter()
        try:
            extra = meanwhile() if meanwhile is not None else None
        finally:
            meanwhile_s = since(meanwhile_started)
            done = self.workers().finish()  # every reply read, even when meanwhile() failed
        if self.serve:
            link_tree(rendering.out, rendering.site_dir, rendering.live)
        elif rendering.staged:
            move_tree(rendering.out, rendering.site_dir)
            self.temporary.discard(rendering.out)
            shutil.rmtree(rendering.out, ignore_errors=True)
        if rendering.stubs is not None and self.serve:  # a build's stubs folder is new: nothing to drop
            for shard in sorted(rendering.stubs.iterdir()):
                prune(shard / "projects", rendering.live)
        self.rendered = sorted(url for w in done for url in w.rendered)
        self.stubbed = [stub for w in done for stub in w.stubs]
        self.wrote = {url: key for w in done for url, key in w.wrote}
        self.series = sorted(url for w in done for url in w.series)
        self.used.update(entry for w in done for entry in w.used)
        damaged = sorted(url for w in done for url in w.damaged)
        if damaged:
            log.info(damaged_line("页面", [f"/{url}" for url in damaged]))
        if rendering.shell is not None:  # every page is in the cache with it: the next build fills from there
            self._keep_shell(rendering.salt, rendering.shell)
        return {"pages": since(rendering.started), "meanwhile": meanwhile_s, "rendered": len(self.rendered),
                "reused": sum(w.pages for w in done) - len(self.rendered), "linked": sum(w.linked for w in done),
                "kept": sum(w.kept for w in done),
                "written_mb": figure(sum(w.bytes for w in done) / 2**20, 1)}, extra

    # --- 5. after MkDocs

    def open_data_wanted(self) -> bool:
        """PERFSITE_OPENDATA=0 leaves /data/ out (bench/run.py measures the pages without it); under
        `mkdocs serve` it is left out unless PERFSITE_OPENDATA=1, so a preview starts and rebuilds
        in seconds (`make site` always builds it)."""
        flag = os.environ.get("PERFSITE_OPENDATA")
        return not (flag == "0" or (self.serve and flag != "1"))

    def _open_data(self, loaded: Loaded, folder: Path) -> OpenData:
        """Start writing the /data/ files into `folder`, in a thread of this process."""
        return OpenData(folder, Background(self.open_data_job(loaded, folder)))

    def _open_data_early(self, loaded: Loaded, site_dir: Path) -> OpenData | None:
        """/data/ started as configure() begins, into a folder of the build cache, for a build whose
        pages are staged (can_start_early, the cache on site_dir's file system) and that read few
        files (a commit's, the rest from the build cache); None: finish() starts it.

        It only reads the loaded summaries and the spool, so it goes on while this process renders
        the site's pages and MkDocs its own, rather than after them: after a one-file commit at
        10,000 programmes /data/ is about 1.5 s, the longest step of finish(). It runs in a fork
        (forked): the workers are idle then, and a thread would share the GIL with the listings
        and MkDocs. A build that read many files starts it at finish(), in a thread: its workers
        render every page meanwhile, holding at most HOLD until MkDocs renders the shell, and a
        fork would copy the memory its references touch."""
        if (not self.can_start_early() or loaded.timings.get("loaded_files", 0) > HOLD
                or not self.open_data_wanted()):
            return None
        folder = self._scratch_beside("data-", site_dir)
        if folder is None:
            return None
        work = self.open_data_job(loaded, folder)
        return OpenData(folder, forked(work) if hasattr(os, "fork") else Background(work))

    def open_data_job(self, loaded: Loaded, folder: Path) -> Callable[[], DataWritten]:
        """A zero-argument function writing the /data/ files into `folder`, giving their FileFacts
        and the build cache's entries it used, to run beside the pages (in a thread, or a fork):
        it only joins and compresses the parts the workers made."""
        if not self.open_data_wanted():
            if self.serve and not self.told_no_open_data:
                print("INFO    -  预览不生成 /data/ 汇总下载（PERFSITE_OPENDATA=1 可生成；make site 总会生成）")
                self.told_no_open_data = True
            return lambda: DataWritten({}, set())  # no files: the 数据下载 page's sizes and hashes show —

        used: set[tuple[str, str]] = set()
        kept = KeptYears(self.cache, folder, loaded.year_keys(), used) if self.cache is not None else None

        def write() -> DataWritten:
            manifest = loaded.write_open_data(FolderSink(folder), loaded.today, kept)
            if loaded.spool is not None and not self.serve:
                shutil.rmtree(loaded.spool, ignore_errors=True)
            return DataWritten(manifest, used)

        return write

    def _written(self, loaded: Loaded, written: DataWritten) -> dict[str, FileFacts]:
        """Once /data/ is written: its cache entries are this build's, the spool and the parts go."""
        self.used |= written.used
        if loaded.spool is not None and not self.serve:
            self.temporary.discard(loaded.spool)
        for summary in loaded.summaries:
            summary.parts = summary.target_part = None  # written: free them before Pagefind runs
        return written.manifest

    def finish(self, site_dir: Path) -> None:
        """Finish the programme pages, fix the sitemap, build the search index, write the manifest
        `perfsite build` compares the next build against; the /data/ files are written meanwhile.

        /data/ runs in a thread from the start: it only reads the loaded summaries and the spool,
        so Pagefind starts as soon as the workers are done (they are stopped first, for its
        memory) instead of after /data/ too. After a one-file commit the two were each about 2 s
        of the 10,000-programme rebuild, one after the other."""
        started = time.perf_counter()
        build = self._current()
        loaded = build.loaded
        shell_dir = site_dir / SHELL_URL
        rendering, build.rendering = build.rendering, None
        if rendering is None or rendering.waiting:  # the shell was not rendered in this build (a dirty rebuild)
            shell = (shell_dir / "index.html").read_text(encoding="utf-8")
            if rendering is None:
                assert build.site is not None
                rendering = self._start(build, site_dir, shell, build.site.info)
            self.give_shell(rendering, shell)
        shutil.rmtree(shell_dir.parent)
        for url in build.themed.groups:  # the shells: years/Perfsite-Shell/ and below
            shutil.rmtree(site_dir.joinpath(*url.split("/")[:2]), ignore_errors=True)
        if rendering.stubs is not None:  # before /data/ fills in the 数据下载 page
            try:
                search.copy_prose(site_dir, rendering.stubs, build.prose)
            except OSError as error:
                build.rendering = rendering  # the workers' replies are still out: collect_pending reads them
                raise Refused(explain(error, "建立全文检索")) from None
        early = build.open_data is not None
        open_data = build.open_data or self._open_data(loaded, site_dir)
        try:
            timings = self._pages_and_search(build, rendering, site_dir)
        except BaseException:
            open_data.work.wait()  # its own error, if any, is second to this one
            raise
        joined = time.perf_counter()
        timings.update(data_early=int(early), meanwhile=open_data.work.join(), data_wait=since(joined))
        manifest = self._written(loaded, open_data.work.result)
        if open_data.folder != site_dir:
            move_tree(open_data.folder, site_dir)
            self.temporary.discard(open_data.folder)
            shutil.rmtree(open_data.folder, ignore_errors=True)
        fill_page(site_dir, manifest)  # the 数据下载 page, written by MkDocs before: its file sizes and hashes
        if not self.serve:
            publish.write_manifest(site_dir, loaded.rows, report.kind_counts(loaded.dataset))
        if self.cache is not None:
            # the next build into site_dir keeps its projects/ (SiteRecord); none builds into
            # a folder `perfsite build` swaps in
            if rendering.shell is not None and rendering.staged and os.environ.get(publish.STAGED_ENV) != "1":
                SiteRecord(shell_digest(rendering.shell), self.wrote, time.time_ns()).write(self.cache, site_dir)
                self.used.add(("site", SiteRecord.key(self.cache, site_dir)))
            self.used -= {("pack", pack) for pack in loaded.damaged}
            if loaded.remade and loaded.source is not None:
                log.info(damaged_line("开放数据片段", sorted(os.path.relpath(p, loaded.source.root) for p in loaded.remade)))
            timings["pruned"] = self.cache.prune(self.used)  # the cache keeps what this build used, no more
            compiled = self.cache.folder / TEMPLATE_CACHE
            for folder in compiled.iterdir() if compiled.is_dir() else []:
                if (TEMPLATE_CACHE, folder.name) not in self.used:
                    shutil.rmtree(folder, ignore_errors=True)
        timing(**timings, post_build=since(started))

    def _pages_and_search(self, build: Build, rendering: Rendering, site_dir: Path) -> dict[str, float]:
        """finish()'s part beside /data/: the workers' pages, the sitemap, the search index.

        The thread that read the workers' notes (_index_early) began each year's indexes as the
        workers told the year was written; what is left runs once they have stopped (it then has
        their memory): the last year's and the primary index after a cold build (at 10,000
        programmes 3.7 of 8.9 CPU s of Pagefind), only the primary one when they rendered few
        pages (the year indexes to make again, one after a one-file commit, were made while they
        and MkDocs worked; the links took 1.7 s and the index 1.2 s, one after the other, when
        both waited for MkDocs)."""
        started = time.perf_counter()
        loaded = build.loaded
        stubs = rendering.stubs
        indexed: dict[str, float] | None = None
        early: EarlyIndex | None = None
        try:
            try:
                if rendering.indexing is not None:
                    self._searching(rendering.indexing.join)
                    early = rendering.indexing.result
                timings, _ = self.finish_programmes(rendering)
            finally:
                self._stop_ticker(build)
            replaced = dict(build.themed.sitemap)
            after_shell = replaced.pop(SHELL_URL, [SHELL_URL])[1:]  # listing pages MkDocs listed after the shell
            programmes = [row["url"] for row in loaded.rows] + loaded.document_urls() + self.series
            sitemap.fix_sitemap(site_dir, {SHELL_URL: programmes + after_shell, **replaced}, loaded.today)
            if not self.serve:
                self.stop_workers()  # a build is done with them; serve keeps them for the next rebuild
            timings["pages_done"] = since(started)
            if stubs is not None and indexed is None:
                indexed = self._index(build, site_dir, stubs, self.stubbed, early.parts if early is not None else None)
                if early is not None and early.parts is not None:
                    indexed.update(indexed_early=early.begun, indexed_told=early.told)
                    self.temporary.discard(early.parts.folder)
                    shutil.rmtree(early.parts.folder, ignore_errors=True)
        finally:
            if stubs is not None and not self.serve:
                self.discard(stubs)
        return {**timings, **(indexed or {})}

    def _index(self, build: Build, site_dir: Path, stubs: Path, stubbed: list[search.Stub],
               parts: search.YearIndexes | None = None) -> dict[str, float]:
        """Pagefind's indexes of the stubs the workers told (search.build_index)."""
        if build.progress is not None:
            build.progress(SEARCH_STAGE, 0, 0)
        return self._searching(lambda: search.build_index(site_dir, stubs, search.shard_names(build.plan), jobs(),
                                                          self.cache, self.used, stubbed, parts))

    @staticmethod
    def _searching(work: Callable[[], Any]) -> Any:
        """work(), its failures as the sentence a build stops with."""
        try:
            return work()
        except OSError as error:
            raise Refused(explain(error, "建立全文检索")) from None
        except RuntimeError as error:
            raise Refused(str(error)) from None

    @staticmethod
    def _stop_ticker(build: Build) -> None:
        if build.ticker is not None:
            build.ticker.stop()
            build.ticker = None

    # --- 6. the end

    def failed(self) -> None:
        """A failed build leaves no workers and no folders behind (a serve session keeps its
        own for the next rebuild, which first collects the workers' replies)."""
        if self.serve:
            return
        try:
            self.thaw()
            if self.build is not None:
                self._stop_ticker(self.build)
                self._settle_open_data(self.build)
            if self.pool is not None:
                self.pool.kill()
                self.pool = None
        finally:  # a second Ctrl-C while the workers end still leaves no folder behind
            self._remove_temporary()

    def close(self) -> None:
        """The session ends: workers stopped, every folder it made removed.

        The build is dropped before what load() froze is thawed: its objects are freed by their
        counts while the collector cannot see them, so the interpreter's last collection, as
        `mkdocs build` exits, walks what is left: after a 10,000-programme rebuild 47,000 objects
        and 0.06 s, where thawing with the build held left 129,000 and 0.4 s."""
        try:
            if self.serve:
                self.collect_pending()
            if self.build is not None:
                self._settle_open_data(self.build)
            self.build = None
            self.thaw()
            self.stop_workers()
        finally:  # the folders go even when ending the workers is interrupted (a second Ctrl-C)
            self._remove_temporary()
            for folder in self.kept.values():
                shutil.rmtree(folder, ignore_errors=True)
            self.kept.clear()

    @staticmethod
    def _settle_open_data(build: Build) -> None:
        """A build ending before finish() joined its /data/ thread waits for it: it writes into a
        folder about to be removed."""
        if build.open_data is not None:
            build.open_data.work.wait()
            build.open_data = None

    def thaw(self) -> None:
        """Undo load()'s gc.freeze() (the build failed, or the session ends): the process may
        build again, and what the build held is collected."""
        if self.frozen:
            gc.unfreeze()
            self.frozen = False

    def _remove_temporary(self) -> None:
        for folder in sorted(self.temporary):
            shutil.rmtree(folder, ignore_errors=True)
        self.temporary.clear()


class PickledOnce:
    """`value` pickled once for every worker's request that carries it, and `value` again once
    unpickled there. A render's requests each carry the series of every programme and the
    addresses of every page; pickled with each request, the parent pickled them once a worker
    (at 10,000 programmes about 5,000 series entries, each with a slotted dataclass that pickles
    through Python's __getstate__): sending two workers their requests cost 0.15–0.16 CPU s of a
    one-file rebuild, now 0.01 and 0.07 to pickle these once."""

    def __init__(self, value: object) -> None:
        self.data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    def __reduce__(self) -> tuple[Callable[[bytes], Any], tuple[bytes]]:
        return pickle.loads, (self.data,)


@dataclass
class DataWritten:
    """What writing /data/ gives back: each file's FileFacts, the build cache's entries it used."""

    manifest: dict[str, FileFacts]
    used: set[tuple[str, str]]


class Background:
    """A function run in a thread of this process; join() waits for it, gives its seconds and
    raises what it raised (wait() only waits)."""

    def __init__(self, work: Callable[[], Any]) -> None:
        self.error: BaseException | None = None
        self.seconds = 0.0
        self.result: Any = None

        def run() -> None:
            started = time.perf_counter()
            try:
                self.result = work()
            except BaseException as error:  # handed to the thread that joins
                self.error = error
            finally:
                self.seconds = since(started)

        self.thread = threading.Thread(target=run, name="perfsite-background", daemon=True)
        self.thread.start()

    def wait(self) -> None:
        self.thread.join()

    def join(self) -> float:
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.seconds


def forked(work: Callable[[], Any]) -> Background:
    """`work` run in a fork of this process, its result (or what it raised) sent back pickled and
    handed over as a thread's would be (Background).

    For work that would otherwise share this process's GIL with the work that follows: a thread
    compressing and writing releases the GIL in each call and must then wait for this thread to
    give it up (every 5 ms), so beside Python work it went 3–6 times slower."""

    def answer() -> bytes:
        try:
            done: tuple[bool, Any] = (True, work())
        except BaseException as error:  # handed to the process that joins
            done = (False, error)
        try:
            return pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # an error that does not pickle: its words
            return pickle.dumps((False, RuntimeError(repr(done[1]))))

    waiting = forking(answer)  # here, not in the thread: the thread that forks is the child's only one

    def collect() -> Any:
        sent, code = waiting()
        try:
            ok, value = pickle.loads(sent)  # our own child's answer
        except Exception:
            raise RuntimeError(f"写 /data/ 的子进程异常退出（{code}）") from None
        if not ok:
            raise value
        return value

    return Background(collect)


def site_pages(loaded: Loaded, site: SiteConfig, today: str, templates: Templates,
               listings: Listings | None = None, open_data: bool = True) -> SiteBuild:
    """The site's own pages (listings, index, department pages, method, 数据下载, about, the
    site-wide 整改 page) and their files, from a loaded tree, with the settings `site` (the
    tree's, or as mkdocs.yml overrides them): what every build renders in this process (the
    workers write programme and document pages); `listings`, those in the build cache;
    `open_data`, whether /data/ is written (render_site)."""
    built = render_site(site, loaded.rows, loaded.departments(), loaded.document_years(today), templates, listings,
                        loaded.targets_only(), open_data)
    page, files = rectification_pages(loaded.rectifications(), site, today, templates)
    built.pages.append(page)
    built.files.update(files)
    return built


def compile_key(env: Environment, version: str) -> str:
    """A digest of what Jinja's compiled code for `env` depends on besides each template's
    source (BuildSession.template_cache)."""
    def name(value: Any) -> str:
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"

    settings = (version, jinja2.__version__, name(type(env)), name(env.code_generator_class), name(env.autoescape),
                name(env.finalize), env.block_start_string, env.block_end_string, env.variable_start_string,
                env.variable_end_string, env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
                env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
                env.keep_trailing_newline, env.optimized, sorted(env.extensions))
    return hashlib.sha256(repr(settings).encode()).hexdigest()[:20]


def prune(projects: Path, live: set[str]) -> None:
    """Drop the page folders under a projects/ folder whose programme is no longer in the data."""
    for year in sorted(projects.iterdir()) if projects.is_dir() else []:
        for folder in list(year.iterdir()):
            url = f"projects/{year.name}/{folder.name}/"
            if url not in live:
                shutil.rmtree(folder, ignore_errors=True)
                continue
            for kind in (k for k, info in KINDS.items() if info.slug):  # a document page under the programme's
                below = folder / KINDS[kind].slug
                if below.is_dir() and f"{url}{KINDS[kind].slug}/" not in live:
                    shutil.rmtree(below, ignore_errors=True)


def parent_url(url: str) -> str:
    """The folder above a page's: a document page's programme folder."""
    return url.rstrip("/").rpartition("/")[0] + "/"


def link_tree(source: Path, target: Path, live: set[str]) -> None:
    """Serve mode: drop the mirror's pages of programmes no longer in the data, then link each
    year folder of the mirror into the serve folder (a few symlinks, not 40,000 files)."""
    projects = source / "projects"
    prune(projects, live)
    for year in sorted(projects.iterdir()) if projects.is_dir() else []:
        if any(year.iterdir()):
            link = target / "projects" / year.name
            link.parent.mkdir(parents=True, exist_ok=True)
            if link.is_symlink():
                link.unlink()
            elif link.exists():
                shutil.rmtree(link)
            link.symlink_to(year, target_is_directory=True)


def timing(**values: float) -> None:
    """Phase timings for bench/run.py (stderr, only when $PERFSITE_TIMINGS is set)."""
    if os.environ.get("PERFSITE_TIMINGS"):
        # one write: the progress bar's thread may write between the parts of a print()
        sys.stderr.write("perfsite timing " + " ".join(f"{k}={v}" for k, v in values.items()) + "\n")

