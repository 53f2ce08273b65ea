"""What the build's workers do: each owns a share of the data files for the session.

A worker (perfsite.executor runs one per core, forked, or one in this process) reads, checks
and scores its files (cached by content, so `mkdocs serve` re-reads only edited ones), makes
their /data/ pieces, and later renders their programme pages from the shell: the parent only
ever gets a small summary per programme (for the index, listings and checks). The parent speaks
to it in the request dataclasses below; it answers each with one reply.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from perfsite.dataset import Facts, FileResult, TreeRead, file_digest, load_document
from perfsite.department import DepartmentDocument
from perfsite.executor import told_message
from perfsite.opendata.cycle import CyclePart, cycle_part
from perfsite.opendata.parts import Parts, Spool, programme_parts
from perfsite.opendata.targets import TargetPart, target_part
from perfsite.pagedata import series_entry
from perfsite.problems import Problem
from perfsite.record import (
    Record,
    RectificationRecord,
    ReportRecord,
    TargetRecord,
    make_record,
    make_rectification_record,
    make_report_record,
    make_target_record,
)
from perfsite.rectification import Rectification
from perfsite.reports import EvaluationReport
from perfsite.site import search
from perfsite.site.department_page import DepartmentLinks, department_page_of
from perfsite.site.pages import listing_row
from perfsite.site.rectification_page import listed, render_rectification
from perfsite.site.render import grade_band
from perfsite.site.report_page import document_links, render_report, stub
from perfsite.site.shell import Rendered, render_programme, write_page
from perfsite.site.targets_page import changes, lowered_count, render_targets
from perfsite.siteconfig import SiteConfig
from perfsite.targets import TargetTable
from perfsite.targets_compare import IndicatorChange

COLLECT_EVERY = 1000
"""Pages a worker renders between explicit collections (automatic GC costs more than it saves)."""
HOLD = 1000
"""Pages a worker renders ahead while the shell is not there yet (~50 MB)."""
PARALLEL_FROM = 200
"""Below this many programmes, forking workers costs more than it saves."""

P = dict[str, Any]
DocumentRecord = TargetRecord | ReportRecord | RectificationRecord
"""The record of a document of another kind than 自评: its own page under the programme's."""


@dataclass
class Summary(FileResult):
    """What the parent needs of one programme file (small: the scored programme stays in its worker)."""

    row: P | None
    key: tuple[int, str, str] | None
    series: str | None
    other: P | None
    """This programme as another year of its series shows it (pagedata._other_years)."""
    fresh: bool
    """Read in this call (not answered from the worker's cache)."""
    parts: Parts | None = None
    """Its share of the /data/ files, when they are wanted (the pieces in its worker's spool file)."""
    target: TargetTable | None = None
    """A 绩效目标表 as read: the worker rendering the same programme-year's 自评 compares with it."""
    department: DepartmentDocument | None = None
    """A 部门整体 document as read (a self-evaluation scored): its page is rendered with the listings."""
    target_part: TargetPart | None = None
    """A 绩效目标表's share of the /data/ files, when they are wanted (perfsite.opendata.targets)."""
    slot: int = 0
    """The worker holding this file (its 自评 page is rendered there)."""
    document: str | None = None
    """The page address of a document of another kind than 自评 (绩效目标表, 评价报告, 整改)."""
    listed: P | None = None
    """A 整改 document as the site-wide 整改 page lists it (rectification_page.listed)."""
    cycle: CyclePart | None = None
    """A 评价报告's or 整改's share of /data/ and the feed (perfsite.opendata.cycle); a report's row
    also gives its list row's mark (small: these documents are few)."""


@dataclass(frozen=True)
class LoadRequest:
    """Read, check and score these files (of the tree `read` describes); a Summary of each."""

    read: TreeRead
    spool: str
    """A folder for this worker's /data/ pieces ("" when /data/ is not wanted)."""
    keep_parts: bool
    """Keep the pieces for the next call (serve: unchanged files reuse them)."""


@dataclass(frozen=True)
class RenderRequest:
    """Write this share's programme pages and downloads under `out` (and search stubs under
    `stubs`, if given, in the indexes `plan` gives)."""

    shell: str | None
    """The page MkDocs rendered, or None: render ahead and wait for a Shell message."""
    info: SiteConfig
    series: dict[str, list[P]]
    out: str
    incremental: bool
    """Skip pages whose file, series and shell are those of the page already in `out` (serve)."""
    stubs: str
    plan: dict[int, int]
    targets: dict[tuple[int, str], tuple[str, TargetTable]] | None = None
    """(year, id) → (its file's digest, 绩效目标表), for this worker's 自评s that have one
    (compared on their pages; the digest tells serve whether the page must be rendered again)."""
    evaluated: frozenset[str] = frozenset()
    """URLs of the 自评 pages, for the 绩效目标表 pages' links to them."""
    documents: frozenset[str] = frozenset()
    """URLs of every document page (each kind): a page links the other documents of its programme-year."""
    today: str = ""
    """The build date (rectification.build_date), against which 整改 measures are overdue."""
    departments: DepartmentLinks | None = None
    """The department pages by department-year: a 自评 page links its department's."""


@dataclass(frozen=True)
class CompareRequest:
    """Compare this share's 自评s with their programme-years' 绩效目标表 ((year, id) → table);
    the reply maps each compared 自评's address to its count of lowered targets (the list rows'
    目标调低 mark, known before any page is rendered)."""

    tables: dict[tuple[int, str], tuple[str, TargetTable]]


@dataclass(frozen=True)
class Shell:
    """Told to workers rendering ahead: the shell, or None when the build stopped (write nothing)."""

    text: str | None


@dataclass(frozen=True)
class RenderReply:
    """A render's reply: pages written and their bytes (with downloads)."""

    pages: int
    bytes: int


class Share:
    """One worker's files for the session: scored programmes kept between builds, keyed by content
    (the executor's handler: perfsite.executor.Pool(n, Share, …))."""

    def __init__(self, counts: Any = None, slot: int = 0, inbox: Any = None) -> None:
        self.done = counts if counts is not None else [0]
        """Files this share has read, or pages it has rendered, in the current call: slot
        `slot` of an array the parent shares with every worker (its progress bar reads it)."""
        self.slot = slot
        self.inbox = inbox
        """The pipe from the parent (a render started without the shell waits on it), None in this process."""
        self.entries: dict[str, tuple[str, Record | DocumentRecord | None, list[Problem], Facts | None]] = {}
        """path → (content digest, the programme's record, its problems, what check reports of it):
        a file's record is made once, where it is scored, and every output of it is a projection of it."""
        self.parts: dict[str, Parts] = {}  # path → its /data/ share, made once per content
        self.target_parts: dict[str, TargetPart] = {}  # the same for a 绩效目标表
        self.spool: Spool | None = None
        self.rendered: dict[str, str] = {}  # url → what its page in the mirror was rendered from
        self.shell: str | None = ""
        self.tables: dict[str, TargetTable] = {}
        """path → the 绩效目标表 read from it (its record is in `entries`)."""
        self.departments: dict[str, DepartmentDocument] = {}
        """path → the 部门整体 document read from it (its page is the parent's to render)."""
        self.compared: dict[str, tuple[str, list[IndicatorChange]]] = {}
        """自评 address → (its 绩效目标表's digest, their comparison), from the last CompareRequest:
        the page renders from it rather than compare again."""

    def handle(self, request: LoadRequest | CompareRequest | RenderRequest) -> list[Summary] | dict[str, int] | RenderReply:
        if isinstance(request, LoadRequest):
            return self.load(request)
        if isinstance(request, CompareRequest):
            return self.compare(request)
        if isinstance(request, RenderRequest):
            return self.render(request)
        raise TypeError(f"not a worker request: {request!r}")

    def load(self, request: LoadRequest) -> list[Summary]:
        """Read, check and score the files whose content changed since the last call (all, the
        first time); a summary of every file. With a `spool` folder, each programme's /data/
        pieces go to this worker's file there."""
        job, spool = request.read, request.spool
        site = job.site
        out = []
        band = grade_band(site)
        if spool and (self.spool is None or Path(self.spool.path).parent != Path(spool)):
            self.spool, self.parts, self.target_parts = Spool(Path(spool) / f"{os.getpid()}.bin"), {}, {}
        self.done[self.slot] = 0
        for path in job.paths:
            self.done[self.slot] += 1
            digest = file_digest(Path(path), job.salt)
            hit = self.entries.get(path)
            fresh = hit is None or hit[0] != digest
            if fresh:
                scored, facts, problems = load_document(Path(path), job.root, site, job.base)
                rec: Record | DocumentRecord | None
                self.departments.pop(path, None)
                if isinstance(scored, TargetTable):
                    rec = make_target_record(scored, problems)
                    self.tables[path] = scored
                elif isinstance(scored, DepartmentDocument):
                    rec = None
                    self.departments[path] = scored
                    self.tables.pop(path, None)
                elif isinstance(scored, EvaluationReport):
                    rec = make_report_record(scored, problems)
                elif isinstance(scored, Rectification):
                    rec = make_rectification_record(scored, problems)
                else:
                    rec = make_record(scored) if scored is not None else None
                    self.tables.pop(path, None)
                hit = self.entries[path] = (digest, rec, problems, facts)
                self.parts.pop(path, None)
                self.target_parts.pop(path, None)
            _, rec, problems, facts = hit
            if not isinstance(rec, Record):
                part = None
                if spool and isinstance(rec, TargetRecord):
                    part = self.target_parts.get(path) or target_part(rec, site, self.spool)
                    if request.keep_parts:
                        self.target_parts[path] = part
                out.append(Summary(path, digest, problems, facts, None, None, None, None, fresh,
                                   target=self.tables.get(path), department=self.departments.get(path), slot=self.slot,
                                   target_part=part, document=rec.url if rec is not None else None,
                                   listed=listed(rec) if isinstance(rec, RectificationRecord) else None,
                                   cycle=cycle_part(rec, site)))
                continue
            row = listing_row(rec, band)
            share = None
            if spool:
                share = self.parts.get(path) or programme_parts(rec, site, self.spool)
                if request.keep_parts:  # kept for the next rebuild; a build never needs them again
                    self.parts[path] = share
            out.append(Summary(path, digest, problems, facts, row, (-rec.year, row["name"], rec.id),
                               rec.series, series_entry(rec) if rec.series else None, fresh, share, slot=self.slot))
        live = set(job.paths)
        for path in [k for k in self.entries if k not in live]:
            del self.entries[path]
            self.tables.pop(path, None)
            self.departments.pop(path, None)
            self.parts.pop(path, None)
            self.target_parts.pop(path, None)
        if self.spool is not None:
            self.spool.flush()
        gc.freeze()
        return out

    def compare(self, request: CompareRequest) -> dict[str, int]:
        """Each 自评 of this share that has a 绩效目标表: its address → lowered targets."""
        found, self.compared = {}, {}
        for _, rec, _, _ in self.entries.values():
            if isinstance(rec, Record) and (rec.year, rec.id) in request.tables:
                digest, table = request.tables[(rec.year, rec.id)]
                rows = self.compared[rec.url] = (digest, changes(rec, table))
                found[rec.url] = lowered_count(rows[1])
        return found

    def render(self, request: RenderRequest) -> RenderReply:
        """Write this share's programme pages and downloads.

        With no shell yet (a build starts the workers before MkDocs has rendered it, and has not
        yet cleaned the site folder), pages are rendered and held, at most HOLD, until the parent
        tells it (`Shell`); a Shell of None means the build stopped: nothing is written.
        """
        shell, out, plan = request.shell, Path(request.out), request.plan
        incremental = request.incremental
        if not incremental or shell != self.shell:
            self.rendered = {}
        count = size = 0
        held: list[Rendered] = []
        stub_root = Path(request.stubs) if request.stubs else None
        self.done[self.slot] = 0
        for digest, rec, _, _ in self.entries.values():
            self.done[self.slot] += 1
            if rec is None:
                continue
            table = None
            if isinstance(rec, TargetRecord | ReportRecord | RectificationRecord):
                others: list[P] = []
                key = digest + repr(rec.programme_url in request.evaluated) + \
                    repr(document_links(rec.programme_url, request.documents)) + request.today
            else:
                others = request.series.get(rec.series, []) if rec.series else []
                target_digest, table = (request.targets or {}).get((rec.year, rec.id), ("", None))
                key = digest + repr(others) + target_digest + repr(document_links(rec.url, request.documents)) + \
                    repr(department_page_of(request.departments or {}, rec.year, rec.department))
            if incremental and self.rendered.get(rec.url) == key:
                continue
            if shell is None and (len(held) >= HOLD or self.inbox.poll()):
                shell = self._receive_shell()
                if shell is None:
                    return RenderReply(0, 0)
                size += sum(write_page(out, shell, page) for page in held)
                held.clear()
            if isinstance(rec, TargetRecord):
                page = render_targets(rec, request.info, rec.programme_url in request.evaluated, request.documents)
                if stub_root is not None:
                    search.write_stub(stub_root, page[4], plan, search.target_stub_html)
            elif isinstance(rec, ReportRecord):
                page = render_report(rec, request.info, request.documents)
                if stub_root is not None:
                    search.write_stub(stub_root, stub({**page[4], "title_suffix": "绩效评价报告"}), plan)
            elif isinstance(rec, RectificationRecord):
                page = render_rectification(rec, request.info, request.documents, request.today)
                if stub_root is not None:
                    search.write_stub(stub_root, stub({**page[4], "title_suffix": "整改情况", "findings": [],
                                                       "rectification": page[4]["findings"]}), plan)
            else:
                known = self.compared.get(rec.url)
                changes = known[1] if table is not None and known is not None and known[0] == target_digest else None
                page = render_programme(rec, request.info, others, table, changes, request.documents,
                                        request.departments)
                if stub_root is not None:
                    search.write_stub(stub_root, page[4], plan)
            if shell is None:
                held.append(page)
            else:
                size += write_page(out, shell, page)
            self.rendered[rec.url] = key
            count += 1
            if count % COLLECT_EVERY == 0:
                gc.collect()  # templates leave reference cycles; the frozen programmes are not scanned
        if shell is None:  # all rendered before the shell came
            shell = self._receive_shell()
            if shell is None:
                return RenderReply(0, 0)
            size += sum(write_page(out, shell, page) for page in held)
        self.shell = shell
        return RenderReply(count, size)

    def _receive_shell(self) -> str | None:
        """Wait for the parent's Shell message."""
        told = told_message(self.inbox.recv())
        if not isinstance(told, Shell):
            raise TypeError(f"expected the shell, got {told!r}")
        return told.text
