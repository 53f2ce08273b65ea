"""What the build's workers do: each owns a share of the data files for the session.

A worker (perfsite.executor runs one per core, forked, or one in this process) reads, checks
and scores its files (cached by content, so `mkdocs serve` re-reads only edited ones), makes
their /data/ pieces, and later renders their programme pages from the shell: the parent only
ever gets a small summary per programme (for the index, listings and checks). The parent speaks
to it in the request dataclasses below; it answers each with one reply.
"""

from __future__ import annotations

import dataclasses
import errno
import gc
import hashlib
import os
import pickle
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from perfsite.dataset import Facts, FileResult, ScoredProgramme, TreeRead, file_digest, load_document, read_digest
from perfsite.dates import lifted_later
from perfsite.department import DepartmentDocument
from perfsite.disclosure import Disclosure
from perfsite.executor import send_note, told_message
from perfsite.failures import DISK_FULL
from perfsite.kinds import DocumentKind
from perfsite.model import Rename
from perfsite.opendata.cycle import CyclePart, cycle_part
from perfsite.opendata.parts import Damaged, Parts, Spool, SpoolFiles, compared_parts, programme_parts
from perfsite.opendata.tables import Compared, compared_cells
from perfsite.opendata.targets import TargetPart, target_part
from perfsite.pagedata import series_entry
from perfsite.problems import Problem, relpath
from perfsite.record import (
    Record,
    RectificationRecord,
    ReportRecord,
    TargetRecord,
    make_record,
    make_rectification_record,
    make_report_record,
    make_target_record,
    replaced,
)
from perfsite.rectification import Rectification
from perfsite.report_compare import compare, report_side, self_side
from perfsite.reports import EvaluationReport
from perfsite.safefile import FileRefused
from perfsite.site import search
from perfsite.site.buildcache import (
    BuildCache,
    Linkable,
    PackShelf,
    PackWriter,
    SealedBytecodeCache,
    Segment,
    Stamps,
    project_path,
)
from perfsite.site.department_page import DepartmentLinks, department_page_of
from perfsite.site.pages import listing_row
from perfsite.site.rectification_page import listed, render_rectification
from perfsite.site.render import Templates, grade_band
from perfsite.site.report_page import document_links, render_report, stub
from perfsite.site.shell import (
    SHELL_URL,
    Head,
    Rendered,
    Subpage,
    clear_page,
    deeper_shell,
    page_bytes,
    pages_below,
    render_programme,
    write_file,
    write_filled,
)
from perfsite.site.targets_page import changes, lowered_count, lowered_note, render_targets
from perfsite.site.years_page import SERIES_FOLDER
from perfsite.siteconfig import SiteConfig
from perfsite.targets import TargetTable
from perfsite.targets_check import planned_rows, target_hints
from perfsite.targets_compare import IndicatorChange, Parses

COLLECT_EVERY = 1000
"""Pages a worker renders between explicit collections (automatic GC costs more than it saves)."""
HOLD = 1000
"""Pages a worker renders ahead while the shell is not there yet (~50 MB)."""
MAX_PACKS = 8
"""Packs a worker's entries may be spread over before it writes them all into one (each build
puts the files it read in a new pack; a pack is pruned once no entry of it is used)."""
PARALLEL_FROM = 200
"""Below this many programmes, forking workers costs more than it saves."""

P = dict[str, Any]
DocumentRecord = TargetRecord | ReportRecord | RectificationRecord
"""The record of a document of another kind than 自评: its own page under the programme's."""
AnyRecord = Record | DocumentRecord
Spooled = TypeVar("Spooled", Parts, TargetPart)
"""A file's /data/ pieces: in a worker's spool (or a build cache pack linked there) during a
build, in the part itself while it is put in a pack."""

TableRef = tuple[str, str | None]
"""A 绩效目标表 a 自评 is compared with: its file's digest, and None when the worker holding the
自评 read it too (the usual case: the two files sit side by side), else the file's path: that
worker reads it itself. The parent never holds the tables (about 11 KB each in memory, 110 MB at
10,000 programmes), only their heads (TargetHead)."""


@dataclass(frozen=True, slots=True)
class TargetHead:
    """What the parent needs of a 绩效目标表: its page's address, its 更正记录 (the feed) and where
    it is listed while it has no 自评. The
    table itself stays in the worker that read it, which compares and renders with it."""

    kind: DocumentKind
    year: int
    id: str
    name: str
    disclosure: Disclosure
    department: str = ""
    region: str = ""
    """Where the listings name a table that has no 自评 yet (Loaded.targets_only)."""
    renamed: tuple[Rename, ...] = ()
    """Its `renamed`: the years comparison of its series follows them (Loaded.series_map)."""
    series: str = ""
    """Its `series`: a table of a year with no 自评 still renames the series' indicators."""
    sample: bool = False
    """示例数据: the listings and 项目查询 mark it so while it has no 自评 (Loaded.targets_only)."""

    @classmethod
    def of(cls, table: TargetTable) -> TargetHead:
        return cls(table.kind, table.year, table.id, table.name, table.disclosure, table.department, table.region,
                   table.renamed, table.series, table.sample)

KIND_OF: dict[type, DocumentKind] = {Record: DocumentKind.SELF_EVALUATION, TargetRecord: DocumentKind.TARGETS,
                                     ReportRecord: DocumentKind.EVALUATION_REPORT,
                                     RectificationRecord: DocumentKind.RECTIFICATION}
"""The kind of the page a record gives (its links name the other documents from it)."""


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
    target: TargetTable | TargetHead | None = None
    """A 绩效目标表 as read, in the worker and its build cache entry (the worker rendering the same
    programme-year's 自评 compares with it); its head alone in the parent's copy (Share.load)."""
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
    side: P | None = None
    """A 评价报告's side of its programme-year's comparison with the 自评 (report_compare.report_side)."""
    cached: str = ""
    """The build cache's key of this file's entry ("" without a cache)."""
    compared: tuple[str, str] = ("", "")
    """For a 自评 with a 绩效目标表, the build cache's key of their comparison, which its `parts`
    (made again there: CompareReply.parts) depend on too, and the pack holding them (both ""
    without a cache or a 目标表)."""
    pack: str = ""
    """The build cache's pack holding that entry (perfsite.site.buildcache.PackWriter)."""
    damaged: bool = False
    """That entry was there but damaged, no copy of it whole (the file was read again): the build
    tells the operator (a cache kept between runs should not be). A damaged copy passed over for
    a whole one (made by the build that told of it) is not told again."""


@dataclass(frozen=True)
class SealedTable:
    """A 绩效目标表 as its build cache entry keeps it: pickled apart, unpickled (`opened`) only where
    a comparison or a page needs the table. A one-file rebuild needs one or two of a worker's
    5,000 (10,000 programmes with 目标表), and unpickling every one cost 0.33 CPU s of its ~2.4."""

    year: int
    id: str
    blob: bytes

    @classmethod
    def of(cls, table: TargetTable) -> SealedTable:
        return cls(table.year, table.id, pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL))

    def opened(self) -> TargetTable:
        table = pickle.loads(self.blob)
        if not isinstance(table, TargetTable):
            raise RuntimeError(f"{self.year} 年度 {self.id} 的绩效目标表在构建缓存中不是绩效目标表")
        return table


@dataclass(frozen=True)
class Kept:
    """The part of a file's build cache entry its worker unpickles: what it checks the entry
    with and holds of the file. The summary for the parent is pickled apart in the same piece
    and forwarded as those bytes (Forwarded): at 10,000 programmes the workers' unpickling and
    pickling again of the summaries cost 0.7–0.8 CPU s of a one-file rebuild, this 0.3. Its facts are in
    the summary alone (read from there if its record is made again: Share._record). Not
    slotted: a slotted frozen dataclass unpickles through a Python __setstate__."""

    path: str
    """The file's path relative to the project (buildcache.project_path): the entry serves a
    copy of the project elsewhere, where the file's path is the one the build reads."""
    digest: str
    problems: list[Problem]
    page: PageOf | None
    target: SealedTable | None
    department: DepartmentDocument | None
    parts: int | None
    """The byte length of a 自评's /data/ pieces (the entry's first piece after this one), None without."""
    target_part: bool
    """A 绩效目标表's /data/ pieces are the entry's piece after this one."""
    row: bool
    """The summary has a list row (a 自评): its /data/ pieces are kept when /data/ is wanted."""


class Forwarded(NamedTuple):
    """A file's summary as a worker forwards it from the build cache, still pickled, with what
    only the worker knows: the parent unpickles it once (opened). A tuple: pickled 10,000 times
    in the reply."""

    path: str
    summary: bytes
    slot: int
    cached: str
    pack: str
    parts: tuple[str, int, bytes] | None
    """Where a 自评's /data/ pieces are: the pack's link in the spool folder, offset, SHA-256."""
    target_part: tuple[str, int] | None
    """Where a 绩效目标表's /data/ pieces are: the pack's link, offset."""


def opened(item: Summary | Forwarded) -> Summary:
    """A worker's summary of a file in the parent: a forwarded one unpickled and filled in."""
    if isinstance(item, Summary):
        return item
    summary: Summary = pickle.loads(item.summary)
    # the path this build read it at (the entry may come from a copy of the project elsewhere)
    summary.path, summary.slot, summary.cached, summary.pack = item.path, item.slot, item.cached, item.pack
    # its parts were unpickled just now and are held nowhere else: filled in where they are
    # (dataclasses.replace of 10,000 parts costs 0.05 CPU s, a fifth of the parent's unpickling)
    if item.parts is not None and summary.parts is not None:
        spool, offset, sealed = item.parts
        summary.parts.__dict__.update(spool=spool, offset=offset, sealed=sealed)
    if item.target_part is not None and summary.target_part is not None:
        spool, offset = item.target_part
        summary.target_part.__dict__.update(spool=spool, offset=offset)
    return summary


@dataclass(frozen=True)
class LoadReply:
    """A worker's answer to a LoadRequest: a summary of each file, as read or forwarded."""

    files: list[Summary | Forwarded]
    broken: tuple[str, ...] = ()
    """Packs whose index the worker found damaged (every worker opens every pack)."""

    def summaries(self) -> list[Summary]:
        return [opened(item) for item in self.files]


class PackSpool(Spool):
    """The build cache's pack being written, as the spool of the files read anew: a file's /data/
    pieces are written once, into the pack, which is linked into the spool folder where the
    parent reads them (as it reads a pack of an earlier build). Spooled apart and copied into
    the pack, they would be written twice and read back once (about 26 KB a programme)."""

    def __init__(self, writer: PackWriter, link: str) -> None:  # the file is the writer's: no Spool.__init__
        self.writer, self.path = writer, link
        self.runs: dict[int, Segment] = {}
        """Offset → the run written there, until the file's entry names it (Share._to_cache)."""

    @classmethod
    def into(cls, writer: PackWriter, folder: str) -> PackSpool | None:
        """The pack as a spool, None where it cannot be linked into `folder` (another file system)."""
        link = writer.linked(folder)
        return cls(writer, link) if link is not None else None

    def add(self, pieces: Sequence[bytes]) -> int:
        """The file's pieces in one write: one by one (1–8 KB each, about 25 KB a programme) they
        overflow the pack's 8 KB buffer about six times a programme, a system call each."""
        run = self.writer.put([b"".join(pieces)])
        self.runs[run[0]] = run
        return run[0]

    def flush(self) -> None:
        self.writer.flush()


@dataclass(frozen=True)
class PageOf:
    """What the render loop needs of a file with a page, without its record (a file answered
    from the build cache is read again only if its page must be rendered again)."""

    url: str
    year: int
    id: str
    series: str | None
    kind: DocumentKind
    department: str | None
    """Its department (a 自评 page links its department-year's 部门整体 page, when there is one)."""
    programme_url: str
    """The programme-year's 自评 address (the page's own for a 自评): where its document links start."""


@dataclass
class Held:
    """A file of this worker's share: its digest, record (None until needed, or when it has no
    page), problems, facts and page."""

    digest: str
    rec: AnyRecord | None
    problems: list[Problem]
    facts: Facts | None
    page: PageOf | None
    kept: tuple[Kept, Forwarded] | None = None
    """What the build cache gave, and the summary forwarded from it, while there is no record."""
    lean: bool = False
    """The record's exact budget cells were dropped once its /data/ pieces were made: a later load
    that keeps no pieces makes the record again rather than publish a programme without them."""
    originals: dict[str, str] | None = None
    """The original documents `digest` hashed (read_digest), for a file naming one: a record made
    again later (Share._record) must have checked these bytes."""


@dataclass(frozen=True)
class LoadRequest:
    """Read, check and score these files (of the tree `read` describes); a Summary of each."""

    read: TreeRead
    spool: str
    """A folder for this worker's /data/ pieces ("" when /data/ is not wanted)."""
    keep_parts: bool
    """Keep the pieces for the next call (serve: unchanged files reuse them)."""
    cache: BuildCache | None = None
    """The build cache: a file read by an earlier build (same content, same code) is not read again."""


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
    targets: dict[tuple[int, str], TableRef] | None = None
    """(year, id) → (its file's digest, 绩效目标表), for this worker's 自评s that have one
    (compared on their pages; the digest tells serve whether the page must be rendered again)."""
    evaluated: frozenset[str] = frozenset()
    """URLs of the 自评 pages, for the 绩效目标表 pages' links to them."""
    documents: frozenset[str] = frozenset()
    """URLs of every document page (each kind): a page links the other documents of its programme-year."""
    today: str = ""
    """The build date (dates.build_date), against which 整改 measures are overdue."""
    departments: DepartmentLinks | None = None
    """The department pages by department-year: a 自评 page links its department's."""
    cache: BuildCache | None = None
    """The build cache: a page rendered by an earlier build from the same inputs is taken from it."""
    salt: str = ""
    """What every page depends on besides its inputs here: the site settings and the site's templates."""
    overrides: Path | None = None
    """The site's own templates folder (custom_dir/perfsite/), None for perfsite's alone."""
    compiled: str = ""
    """The build cache's folder of the templates' compiled code (BuildSession.template_cache),
    "" for none: a rebuild renders a few pages, and compiling their templates cost more."""
    predicted: str = ""
    """The digest of the shell the last build with these settings had (shell_digest), "" for
    none: a page whose whole files the cache holds with it is linked before the shell is there
    (into `out`, which MkDocs does not clean: the parent moves it into the site), and written
    again if the shell turns out to differ."""
    note: bool = False
    """Tell the parent each year whose stubs are all written (YearsNote) as the render goes,
    and every page's search stub (a RenderNote) once they are all known: it indexes them while
    later years are rendered and the pages the cache holds are linked."""
    kept: dict[str, str] | None = None
    """The pages `out` holds already: the last build's into the same site folder, moved there
    (URL → its `whole` key; session.SiteRecord). One whose key is this build's and whose files
    are still the ones stored is left as it is; another is emptied before it is written."""
    kept_since: int = 0
    """When that build was done (time.time_ns()): a kept page whose folder changed since (a
    file added by hand) is written again."""
    cross: dict[str, tuple[Problem, ...]] = dataclasses.field(default_factory=dict)
    """The problems found across files (dataset.CrossFound.shown) of this share's files, by path:
    each page lists them in its 数据核验 after the file's own."""
    cycle: dict[str, P] = dataclasses.field(default_factory=dict)
    """自评 address → its programme-year's 评价报告 and 整改 (programme_page.cycle_facts), for the
    page's verdict box; only the 自评s that have either."""
    reported: dict[str, P] = dataclasses.field(default_factory=dict)
    """自评 address → its programme-year's 评价报告 side (report_compare.report_side): the 自评
    page sets the report's total, grade and actuals beside its own."""
    evaluations: dict[str, TableRef] = dataclasses.field(default_factory=dict)
    """评价报告 address → (digest, path) of its programme-year's 自评 file, read by the worker
    rendering the report for its side of the same comparison (reports are few)."""
    lowered: dict[str, P] = dataclasses.field(default_factory=dict)
    """自评 address → the targets it lowered (targets_page.lowered_note), for its 绩效目标表's
    page; only the 自评s whose comparison has one lowered or undecided."""
    last_shell: str = ""
    """The shell the last build with these settings wrote its pages with ("" for none): a page whose
    inputs are unchanged but whose shell is not is filled from the files the cache holds with that
    one (Writing.cached), not rendered again."""
    gaps: dict[str, dict[int, str]] = dataclasses.field(default_factory=dict)
    """Series → year → the 绩效目标表 of each year between its 自评s that has none
    (programme_page.gap_tables): their pages' 历年情况 link it."""


@dataclass(frozen=True)
class CompareRequest:
    """Compare this share's 自评s with their programme-years' 绩效目标表 ((year, id) → table);
    the reply maps each compared 自评's address to its count of lowered targets (the list rows'
    目标调低 mark, known before any page is rendered)."""

    tables: dict[tuple[int, str], TableRef]
    files: dict[tuple[int, str], str]
    """Each table's path: the 提示 name both files (the build cache keys them by both)."""
    parts: dict[str, Parts | None] = dataclasses.field(default_factory=dict)
    """Each compared 自评's /data/ part as its load made it (by path), when /data/ is wanted: made
    again with the comparison (opendata.parts.compared_parts), in the reply. None for one the
    worker did not read now (Summary.fresh): the worker has it (Share.loaded_part) and needs it
    only when the build cache has no comparison for it; sending the 10,000 parts of a one-file
    rebuild there and back cost the parent 0.04 CPU s and each worker about as much."""


@dataclass(frozen=True)
class CompareReply:
    """A comparison's reply: each compared 自评's address → its lowered targets, the 提示 of check
    for them (targets_check.target_hints, in file order within each 自评), and the build cache's
    packs the counts came from or went to."""

    lowered: dict[str, int]
    hints: list[Problem] = dataclasses.field(default_factory=list)
    notes: dict[str, P] = dataclasses.field(default_factory=dict)
    """自评 address → what its 绩效目标表's page says of it (targets_page.lowered_note), where
    there is something to say."""
    packs: tuple[str, ...] = ()
    damaged: tuple[str, ...] = ()
    """The 自评s (paths) whose comparison's entry, or loaded /data/ pieces, were there but
    damaged: compared again (from the file)."""
    broken: tuple[str, ...] = ()
    """Packs a 自评's loaded /data/ pieces were found damaged in while compared (made from its
    file instead): not kept, or every comparison made again from them finds the damage again."""
    parts: dict[str, tuple[Parts, tuple[str, str]]] = dataclasses.field(default_factory=dict)
    """Each 自评 of CompareRequest.parts → its part with the comparison, and the build cache's key
    of the comparison and the pack holding it ("" without a cache): Summary.parts and
    Summary.compared in the parent."""


@dataclass(frozen=True)
class Shell:
    """Told to workers rendering ahead: the shell, or None when the build stopped (write nothing)."""

    text: str | None


@dataclass(frozen=True)
class RenderNote:
    """A render's note to the parent (RenderRequest.note): every page's search stub, written
    or left in the build cache, told as soon as all are known (before the shell comes when
    every other page was linked; else before the pages left are linked from the cache)."""

    stubs: tuple[search.Stub, ...]
    light: bool = False
    """The worker rendered few pages (at most HOLD) and holds little: the parent may run
    Pagefind on the stubs now, beside it. After a cold build or a change of code every page
    was rendered: the years it told (YearsNote) are being indexed already, one Pagefind at a
    time, and the worker is stopped before the rest (Pagefind then has its memory)."""


@dataclass(frozen=True)
class YearsNote:
    """A render's note to the parent (RenderRequest.note) that its pages of these years (of the
    plan's, each year below the one it renders now) are all written, with their stubs: the
    parent makes a year's indexes as soon as every worker has told it, while the workers render
    later years (at 10,000 programmes the year indexes are about 9 CPU s of Pagefind: made after
    the last page, they would be a tail of about 6 s with a core often idle). Sent only while the render writes each page as it goes (the shell
    is there): a year with a page held or to be linked later waits for the RenderNote."""

    years: tuple[int, ...]
    stubs: tuple[search.Stub, ...]


@dataclass(frozen=True)
class RenderReply:
    """A render's reply: pages written and their bytes (with downloads)."""

    pages: int
    bytes: int
    rendered: tuple[str, ...] = ()
    """The pages rendered (not taken from the cache), by URL."""
    used: tuple[tuple[str, str], ...] = ()
    """The build cache's entries ((kind, key)) this share's pages came from or went to."""
    linked: int = 0
    """Pages whose files were hard-linked (or copied) whole from the build cache."""
    stubs: tuple[search.Stub, ...] = ()
    """Each page's search stub (search.Stub): a shard's stubs are known without reading them
    back (a linked stub's digest is in its name in the build cache)."""
    kept: int = 0
    """Pages left as the last build wrote them (RenderRequest.kept): nothing linked."""
    wrote: tuple[tuple[str, str], ...] = ()
    """Each page's URL and its `whole` entry in the build cache: what the site folder holds."""
    series: tuple[str, ...] = ()
    """The series pages (各年度指标对照) beside this share's pages in `out`, by URL: the sitemap
    lists them as the workers wrote, linked or left them (a glob of 100,000 page folders took 4 s)."""
    damaged: tuple[str, ...] = ()
    """Pages whose build cache entries were there but damaged (made again from the next one, or
    rendered): the build tells the operator (a cache kept between runs should not be)."""


CACHE_FULL = ("构建缓存 {} 所在的磁盘已满，写不下 /data/ 的汇总片段：请清理该磁盘后重试，"
              "或不用构建缓存构建（perfsite build --no-cache，或设 PERFSITE_BUILD_CACHE=0），"
              "或用 PERFSITE_BUILD_CACHE 把构建缓存放到空间足够的磁盘")
"""Why a load stops when the build cache's disk fills under the spool folder (which is in the
cache, beside the packs it links): the disk's own message names a spool file in a folder the
operator never made, and neither way on."""


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
        self.entries: dict[str, Held] = {}
        """path → what this share holds of the file: a file's record is made once, where it is
        scored, and every output of it is a projection of it."""
        self.parts: dict[str, Parts] = {}  # path → its /data/ share, made once per content
        self.unread_parts: dict[str, Parts] = {}
        """path → the /data/ share of a file the last load gave from what this share held rather
        than read (not from the build cache: Held.kept has those), as that load gave it."""
        self.target_parts: dict[str, TargetPart] = {}  # the same for a 绩效目标表
        self.spool: Spool | None = None
        self.rendered: dict[str, str] = {}  # url → what its page in the mirror was rendered from
        self.series_pages: dict[str, bool] = {}
        """Page URL → whether its series page is beside it in `out` (RenderReply.series): kept
        with `rendered`, for the pages an incremental render (serve) leaves as they are."""
        self.shell: str | None = ""
        self.tables: dict[str, TargetTable | SealedTable] = {}
        """path → the 绩效目标表 read from it (its record is in `entries`); one the build cache gave
        stays sealed until it is needed (`_target`)."""
        self.own: dict[tuple[int, str, str], str | TargetTable] | None = None
        """The same by (year, id, file digest): the path of one in `tables`, or a table another
        worker read (read here from its file); made when first needed after a load."""
        self.departments: dict[str, DepartmentDocument] = {}
        """path → the 部门整体 document read from it (its page is the parent's to render)."""
        self.compared: dict[str, tuple[str, list[IndicatorChange]]] = {}
        """自评 address → (its 绩效目标表's digest, their comparison), from the last CompareRequest:
        the page renders from it rather than compare again."""
        self.parses = Parses()
        """The target cells this share's comparisons read, remembered across its 自评s."""
        self.templates: tuple[tuple[Path | None, str], Templates] | None = None
        """The templates pages are rendered with, and the (folder, salt) they were made for."""
        self.read: TreeRead | None = None
        """The tree of the last load (a file answered from the build cache is read from it when its record is needed)."""
        self.shelf: PackShelf | None = None
        """The build cache's packs, as the last load found them (its entries and comparisons)."""
        self.links: dict[str, str] = {}
        """Pack key → its link in the spool folder: the cached /data/ pieces are read from there."""
        self.lasting = False
        """The session builds again (serve: the last load kept its /data/ pieces): a record is then
        kept after its page is rendered, for the next build's unchanged files. A build renders
        each page once and nothing reads the record after: it is dropped as its page is made."""

    def handle(self, request: LoadRequest | CompareRequest | RenderRequest) -> LoadReply | CompareReply | RenderReply:
        try:
            if isinstance(request, LoadRequest):
                return self.load(request)
            if isinstance(request, CompareRequest):
                return self.compare(request)
        except OSError as error:
            cache = request.cache if isinstance(request, LoadRequest) else self.shelf.cache if self.shelf else None
            spool = request.spool if isinstance(request, LoadRequest) else os.path.dirname(self.spool.path) if self.spool else ""
            if error.errno in DISK_FULL and cache is not None and spool.startswith(f"{cache.folder}/"):
                raise FileRefused(CACHE_FULL.format(cache.folder)) from error
            raise
        if isinstance(request, RenderRequest):
            return self.render(request)
        raise TypeError(f"not a worker request: {request!r}")

    def load(self, request: LoadRequest) -> LoadReply:
        """Read, check and score the files whose content changed since the last call (all, the
        first time) and that the build cache does not hold; a summary of every file. With a
        `spool` folder, each programme's /data/ pieces go to this worker's file there."""
        job, spool, cache = request.read, request.spool, request.cache
        self.read, self.lasting = job, request.keep_parts
        site = job.site
        out: list[Summary | Forwarded] = []
        band = grade_band(site)
        if spool and (self.spool is None or Path(self.spool.path).parent != Path(spool)):
            self.spool, self.parts, self.target_parts = Spool(Path(spool) / f"{os.getpid()}.bin"), {}, {}
        self.done[self.slot] = 0
        if self.shelf is not None:
            self.shelf.close()
        self.shelf, self.links, self.own = (PackShelf(cache) if cache is not None else None), {}, None
        self.unread_parts = {}
        writer = cache.new_pack() if cache is not None else None
        direct = PackSpool.into(writer, spool) if writer is not None and spool else None
        drawn: set[str] = set()
        hurt: set[str] = set()
        """Files whose entry was there but damaged, none of its copies whole: read again."""
        for path in job.paths:
            self.done[self.slot] += 1
            digest, originals = read_digest(path, job.salt, job.tables)
            named = project_path(path, job.base)
            cached = cache.key("load", digest, named, "parts" if spool else "") if cache is not None else ""
            hit = self.entries.get(path)
            fresh = hit is None or hit.digest != digest
            if fresh and cache is not None:
                forwarded = self._from_cache(path, named, digest, cached, bool(spool), originals)
                if forwarded is None and self.shelf is not None and cached in self.shelf.damaged:
                    hurt.add(path)  # told once: a damaged copy with a whole one after it was told when it was made again
                if forwarded is not None:
                    drawn.add(forwarded.pack)
                    out.append(forwarded)
                    continue
            if not fresh and hit is not None and hit.rec is None and hit.kept is not None:
                again = self._respool(*hit.kept, bool(spool))  # answered from the build cache before
                if again is not None:
                    hit.kept = (hit.kept[0], again)
                    out.append(again._replace(cached=cached))
                    continue
                fresh = True  # its cached pieces do not fit this call: read the file again
            if fresh:
                scored, facts, problems = load_document(Path(path), job.root, site, job.base)
                rec = self._make(path, scored, problems)
                checked = checked_digest(digest, originals, rec)
                if checked != digest:  # an original changed while it was read: cached under what was checked
                    digest, cached = checked, cache.key("load", checked, named, "parts" if spool else "") if cache else ""
                hit = self.entries[path] = Held(digest, rec, problems, facts, page_of(rec), originals=originals or None)
                self.parts.pop(path, None)
                self.target_parts.pop(path, None)
            assert hit is not None
            summary = self._summary(path, hit, fresh, band, spool, request.keep_parts, direct if fresh else None)
            if fresh and writer is not None and not lifted_later(summary.problems):
                self._to_cache(writer, cached, named, summary, hit, direct)
            summary.cached = cached  # made just now for this reply, held nowhere else
            if not fresh and summary.parts is not None:
                self.unread_parts[path] = summary.parts
            out.append(summary)
        if hurt:  # read again, so never forwarded
            out = [dataclasses.replace(s, damaged=True) if isinstance(s, Summary) and s.path in hurt else s for s in out]
        live = set(job.paths)
        for path in [k for k in self.entries if k not in live]:
            del self.entries[path]
            self.tables.pop(path, None)
            self.departments.pop(path, None)
            self.parts.pop(path, None)
            self.target_parts.pop(path, None)
        if self.spool is not None:
            self.spool.flush()
        if writer is not None:
            out = self._pack(writer, out, drawn)
        gc.freeze()
        return LoadReply([_headed(s) if isinstance(s, Summary) else s for s in out],
                         tuple(self.shelf.broken) if self.shelf is not None else ())

    def _pack(self, writer: PackWriter, out: list[Summary | Forwarded], drawn: set[str]) -> list[Summary | Forwarded]:
        """Put the entries of the files read now in a new pack; with more than MAX_PACKS packs
        drawn from, every entry of this share (compacted: the old packs are then pruned). `out`
        with each entry's pack."""
        moved: set[str] = set()
        if len(drawn) > MAX_PACKS and self.shelf is not None:
            for item in out:
                if item.pack:
                    found = self.shelf.get(item.cached)
                    if found is not None:
                        writer.add(item.cached, [piece for _, piece in found[1]])
                        moved.add(item.cached)
        pack = writer.finish()
        if pack is None:
            return out
        done: list[Summary | Forwarded] = []
        for item in out:
            if isinstance(item, Summary):
                if not item.pack and item.cached:
                    item.pack = pack
            elif item.cached in moved:
                item = item._replace(pack=pack)
                held = self.entries.get(item.path)
                if held is not None and held.kept is not None:
                    held.kept = (held.kept[0], item)
            done.append(item)
        return done

    def _make(self, path: str, scored: Any, problems: list[Problem]) -> AnyRecord | None:
        """The record of a file just read (None: no page of its own), the tables and 部门整体
        documents noted by path."""
        self.departments.pop(path, None)
        self.tables.pop(path, None)
        if isinstance(scored, TargetTable):
            self.tables[path] = scored
            return make_target_record(scored, problems)
        if isinstance(scored, DepartmentDocument):
            self.departments[path] = scored
            return None
        if isinstance(scored, EvaluationReport):
            return make_report_record(scored, problems)
        if isinstance(scored, Rectification):
            return make_rectification_record(scored, problems)
        return make_record(scored) if isinstance(scored, ScoredProgramme) else None

    def _summary(self, path: str, hit: Held, fresh: bool, band: Any, spool: str, keep_parts: bool,
                 direct: PackSpool | None = None) -> Summary:
        """The file's summary, its /data/ pieces made now unless kept: into `direct` when given
        (the build cache's pack), else this share's spool."""
        rec = hit.rec if hit.rec is not None or hit.page is None else self._record(path, hit)  # dropped once rendered
        facts = hit.facts.compared_apart() if hit.facts is not None else None
        assert self.read is not None
        site = self.read.site
        into = direct or self.spool
        if not isinstance(rec, Record):
            part = None
            if spool and isinstance(rec, TargetRecord):
                part = self.target_parts.get(path) or target_part(rec, site, into)
                if keep_parts:
                    self.target_parts[path] = part
            return Summary(path, hit.digest, hit.problems, facts, None, None, None, None, fresh,
                           target=self._target(path), department=self.departments.get(path), slot=self.slot,
                           target_part=part, document=rec.url if rec is not None else None,
                           listed=listed(rec) if isinstance(rec, RectificationRecord) else None,
                           cycle=cycle_part(rec, site), side=report_side(rec) if isinstance(rec, ReportRecord) else None)
        if spool and hit.lean and path not in self.parts:
            hit.rec, hit.lean = None, False
            rec = self._record(path, hit)
        row = listing_row(rec, band)
        share = None
        if spool:
            share = self.parts.get(path) or programme_parts(rec, site, into)
            if keep_parts:  # kept for the next rebuild; a build never needs them again
                self.parts[path] = share
        if share is not None and rec.derived is not None:
            # the exact budget cells are for the /data/ pieces alone, made now (or kept): about a
            # fifth of what the record holds until its page is written
            hit.rec, hit.lean = replaced(rec, derived=None), True
        return Summary(path, hit.digest, hit.problems, facts, row, (-rec.year, row["name"], rec.id),
                       rec.series, series_entry(rec) if rec.series else None, fresh, share, slot=self.slot)

    def _to_cache(self, writer: PackWriter, key: str, named: str, summary: Summary, hit: Held,
                  direct: PackSpool | None = None) -> None:
        """Keep what the parent and the render loop need of a file read now: its summary and page,
        then its /data/ pieces (of a 自评 or a 绩效目标表) as pieces of their own, read from there
        in place by the next build (already in the pack when made into `direct`)."""
        blobs: list[bytes | Segment] = []
        for part in (summary.parts, summary.target_part):
            if part is None:
                continue
            run = direct.runs.pop(part.offset, None) if direct is not None and part.spool == direct.path else None
            blobs.append(run if run is not None else self._unspooled(part).blob)
        theirs = _headed(_copy(summary, parts=_bare(summary.parts), target_part=_bare(summary.target_part),
                               fresh=False, slot=0))
        target = SealedTable.of(summary.target) if isinstance(summary.target, TargetTable) else None
        kept = Kept(named, summary.digest, summary.problems, hit.page, target, summary.department,
                    sum(summary.parts.sizes) if summary.parts is not None else None, summary.target_part is not None,
                    summary.row is not None)
        theirs_bytes = pickle.dumps(theirs, protocol=pickle.HIGHEST_PROTOCOL)
        writer.add(key, [pickle.dumps((kept, theirs_bytes), protocol=pickle.HIGHEST_PROTOCOL), *blobs])

    def _unspooled(self, part: Spooled) -> Spooled:
        """A file's /data/ pieces as the spool holds them, read in one run into the part itself."""
        assert self.spool is not None
        self.spool.flush()
        with SpoolFiles() as spools:
            blob = spools.read(part.spool, sum(part.sizes), part.offset)
        return dataclasses.replace(part, blob=blob, spool="", offset=0)

    def _intact_copies(self, key: str) -> Iterator[tuple[str, bytes, list[Segment]]]:
        """Each copy of `key`'s entry in the build cache whose head piece reads back whole: its pack,
        the head's bytes and the entry's other pieces. A copy with a damaged head is passed over
        and the key marked damaged (the file is read, or compared, again when no copy is whole and
        the build says so): one rule for a file's entry and a comparison's."""
        assert self.shelf is not None
        for pack, (head, *blobs) in self.shelf.copies(key):
            found = self.shelf.piece(pack, head)
            if found is None:
                self.shelf.damaged.add(key)
                continue
            yield pack, found, blobs

    def _from_cache(self, path: str, named: str, digest: str, key: str, spool: bool,
                    originals: dict[str, str]) -> Forwarded | None:
        """The summary of a file an earlier build read, forwarded still pickled (its record is
        made only if its page must be rendered again), or None when the cache has no whole entry
        for it. Its /data/ pieces stay in the pack, which is linked into the spool folder (one
        link per pack, no copy).

        A 自评's pieces are not read here: the parent checks them where it reads them, only if
        their year's /data/ files are made again (Parts.sealed); a 绩效目标表's, read by every
        build, are checked here, so a damaged copy is passed over for another."""
        assert self.shelf is not None
        for pack, found, blobs in self._intact_copies(key):
            try:
                kept, summary = pickle.loads(found)
            except Exception:  # an entry of other code: read the file instead
                return None
            if not isinstance(kept, Kept) or not isinstance(summary, bytes) or kept.path != named or kept.digest != digest:
                return None
            if (kept.parts is None) != (not spool or not kept.row) or kept.target_part != (spool and kept.target is not None):
                return None
            if len(blobs) != (kept.parts is not None) + kept.target_part:
                return None
            if kept.target_part and self.shelf.piece(pack, blobs[0]) is None:
                self.shelf.damaged.add(key)
                continue
            parts: tuple[str, int, bytes] | None = None
            part: tuple[str, int] | None = None
            if blobs:
                link = self._link_pack(pack)
                if link is None:
                    return None
                offset, length, sealed = blobs[0]
                if kept.parts is not None:
                    if length != kept.parts:
                        return None
                    parts = (link, offset, sealed)
                else:
                    part = (link, offset)
            return self._taken(path, kept, Forwarded(path, summary, self.slot, key, pack, parts, part), originals)
        return None

    def _taken(self, path: str, kept: Kept, forwarded: Forwarded, originals: dict[str, str]) -> Forwarded:
        """A file the build cache gave (at `path`), held as this share's."""
        self.tables.pop(path, None)
        self.departments.pop(path, None)
        if kept.target is not None:
            self.tables[path] = kept.target
        if kept.department is not None:
            self.departments[path] = kept.department
        self.entries[path] = Held(kept.digest, None, kept.problems, None, kept.page, (kept, forwarded),
                                  originals=originals or None)
        self.parts.pop(path, None)
        self.target_parts.pop(path, None)
        return forwarded

    def _link_pack(self, pack: str) -> str | None:
        """The pack's link in this worker's spool folder, made once per load (a copy where links
        fail); the link keeps its bytes for this build even if another build prunes the pack."""
        if pack not in self.links:
            assert self.shelf is not None and self.spool is not None
            link = f"{Path(self.spool.path).parent}/pack-{pack[:24]}-{os.getpid()}.bin"
            source = self.shelf.cache.pack_path(pack)
            try:
                try:
                    os.link(source, link)
                except FileExistsError:
                    pass
                except OSError:
                    shutil.copyfile(source, link)
            except OSError:
                return None
            self.links[pack] = link
        return self.links[pack]

    def _respool(self, kept: Kept, forwarded: Forwarded, spool: bool) -> Forwarded | None:
        """A summary the build cache gave an earlier call, for this call: None when /data/ pieces
        are wanted and it has none (or the other way round), or they are in another call's spool."""
        parts, part = forwarded.parts, forwarded.target_part
        if (parts is None) != (not spool or not kept.row) or (part is None) != (not spool or kept.target is None):
            return None
        if spool:
            assert self.spool is not None
            folder = os.path.dirname(self.spool.path)
            if any(p is not None and os.path.dirname(p[0]) != folder for p in (parts, part)):
                return None
        return forwarded._replace(slot=self.slot)

    def _record(self, path: str, held: Held) -> AnyRecord:
        """The record of a file answered from the build cache, made now that it is needed (its
        page is rendered again, or its 自评 compared)."""
        if held.rec is None:
            table = self._target(path)
            if table is not None:
                held.rec = make_target_record(table, held.problems)
            else:
                assert self.read is not None
                scored, facts, _ = load_document(Path(path), self.read.root, self.read.site, self.read.base)
                rec = self._make(path, scored, held.problems)
                if (isinstance(rec, ReportRecord) and rec.original is not None
                        and checked_digest(held.digest, held.originals or {}, rec) != held.digest):
                    raise FileRefused(f"{rec.file}: original.file: 报告原件「{rec.original['file']}」在读取之后被改动"
                                      "（生成页面时再读一次，内容已不同）：页面将与构建缓存按原内容所记的不符，不予发布；"
                                      "请在它不再变动时重新生成网站")
                refuse_changed(path, self.read, held.digest)
                if rec is None or page_of(rec) != held.page:
                    raise RuntimeError(f"{path} 在生成页面时读取的结果与之前不同")
                held.rec = rec
                held.facts = facts  # with its target rows (Facts.compared_apart: a summary's have none)
            if held.kept is not None:  # its summary is made from the record from now on
                held.facts = held.facts or opened(held.kept[1]).facts
            held.kept = None
        return held.rec

    def compare(self, request: CompareRequest) -> CompareReply:
        """Each 自评 of this share that has a 绩效目标表: its address → lowered targets, and its 提示
        (made here from both files' rows: the parent holds neither). A count and 提示 the build
        cache holds for the same two files are taken from it (comparing needs the 自评's record:
        its file read again)."""
        found: dict[str, int] = {}
        notes: dict[str, P] = {}
        hints: list[Problem] = []
        made_parts: dict[str, tuple[Parts, tuple[str, str]]] = {}
        self.compared = {}
        shelf = self.shelf
        writer = shelf.cache.new_pack() if shelf is not None else None
        folder = os.path.dirname(self.spool.path) if self.spool is not None and request.parts else ""
        into = (PackSpool.into(writer, folder) if writer is not None and folder else None) or self.spool
        packs: set[str] = set()
        damaged: list[str] = []
        broken: dict[str, str] = {}
        for path, held in self.entries.items():
            page = held.page
            if page is None or page.kind is not DocumentKind.SELF_EVALUATION or (page.year, page.id) not in request.tables:
                continue
            digest, ref = request.tables[(page.year, page.id)]
            base = self.read.base if self.read is not None else ""
            wanted = path in request.parts
            key = (shelf.cache.key("compare", held.digest, digest, project_path(path, base),
                                   project_path(request.files[(page.year, page.id)], base), "parts" if wanted else "")
                   if shelf is not None else "")
            hit = self._compared_hit(key, wanted) if shelf is not None else None
            if hit is None and shelf is not None and key in shelf.damaged:
                damaged.append(path)
            if hit is not None:
                (count, said, note, part), pack = hit
                found[page.url] = count
                if note is not None:
                    notes[page.url] = note
                hints += said
                packs.add(pack)
                if part is not None:
                    made_parts[path] = (part, (key, pack))
                continue
            old = (request.parts[path] or self.loaded_part(path, held)) if wanted else None  # before _record drops held.kept
            rec = self._record(path, held)
            assert isinstance(rec, Record) and held.facts is not None and held.facts.targets is not None
            table = self._table((page.year, page.id), (digest, ref))
            rows = self.compared[rec.url] = (digest, changes(rec, table, self.parses))
            found[rec.url] = lowered_count(rows[1])
            note = lowered_note(rows[1])
            if note is not None:
                notes[rec.url] = note
            said = target_hints(held.facts.file, held.facts.targets, table.file, planned_rows(table), self.parses)
            hints += said
            part = None
            if old is not None:
                part = self._compared_part(path, held, old, compared_cells(len(rec.indicators), rows[1]), into, broken)
                made_parts[path] = (part, (key, ""))
            if writer is not None:
                blobs: list[bytes | Segment] = []
                if part is not None:
                    run = into.runs.pop(part.offset, None) if isinstance(into, PackSpool) else None
                    blobs.append(run if run is not None else self._unspooled(part).blob)
                writer.add(key, [pickle.dumps((found[rec.url], said, note, _bare(part)),
                                              protocol=pickle.HIGHEST_PROTOCOL), *blobs])
        if self.spool is not None:
            self.spool.flush()
        made = writer.finish() if writer is not None else None
        if made is not None:
            made_parts = {path: (part, (key, pack or made)) for path, (part, (key, pack)) in made_parts.items()}
        return CompareReply(found, hints, notes, tuple(sorted(packs | ({made} if made else set()))),
                            (*damaged, *broken), tuple(sorted(set(broken.values()))), made_parts)

    def loaded_part(self, path: str, held: Held) -> Parts:
        """The /data/ part of a 自评 the last load did not read, as that load gave it: from its
        summary the build cache gave (unpickled only here, for the few compared again), or as
        this share held it."""
        part = opened(held.kept[1]).parts if held.kept is not None else self.unread_parts.get(path)
        if part is None:
            raise RuntimeError(f"{path}：与绩效目标表比对时找不到这个自评读取时给出的 /data/ 份额（程序内部错误）："
                               "请把这条消息报告给网站的维护者")
        return part

    def _compared_hit(self, key: str, wanted: bool) -> tuple[tuple[int, list[Problem], P | None, Parts | None], str] | None:
        """A comparison the build cache holds for the same two files, and its pack: the count, 提示
        and note, and (when `wanted`: /data/ is, and the 自评 has a part) its part made with the
        comparison, whose pieces stay in the pack (linked into the spool folder, checked where
        they are read, as a loaded 自评's are); None when there is no whole entry of this code."""
        assert self.shelf is not None
        for pack, found, blobs in self._intact_copies(key):
            try:
                count, said, note, bare = pickle.loads(found)
            except Exception:  # an entry of other code: compare again
                return None
            if not (type(count) is int and type(said) is list and all(type(p) is Problem for p in said)
                    and (note is None or type(note) is dict)):
                return None
            if not wanted or not isinstance(bare, Parts) or len(blobs) != 1 or blobs[0][1] != sum(bare.sizes):
                return ((count, said, note, None), pack) if not wanted and not blobs else None
            link = self._link_pack(pack)
            if link is None:
                return None
            offset, _, sealed = blobs[0]
            return (count, said, note, dataclasses.replace(bare, spool=link, offset=offset, sealed=sealed)), pack
        return None

    def _compared_part(self, path: str, held: Held, old: Parts, compared: Compared, into: Spool | None,
                       broken: dict[str, str]) -> Parts:
        """A 自评's part (`old`, as its load made it) made again with its comparison: from its
        pieces (compared_parts), or, those found damaged where they lie, from its file read again
        (`path` → the pack they lie in, into `broken`)."""
        assert self.read is not None
        site = self.read.site
        try:
            with SpoolFiles() as spools:
                pieces = spools.part(old, 0, sum(old.sizes)) if old.spool else old.blob
            return compared_parts(old, pieces, compared, site.site_url, into)
        except Damaged:
            broken.update((path, pack) for pack, link in self.links.items() if link == old.spool)
            held.rec, held.lean, held.kept = None, False, None
            rec = self._record(path, held)
            assert isinstance(rec, Record)
            return programme_parts(rec, site, into, compared)

    def render(self, request: RenderRequest) -> RenderReply:
        """Write this share's programme pages and downloads: each hard-linked from the build cache
        when an earlier build wrote it from the same inputs and the same shell, filled from the
        cache when only the shell changed, else rendered (and put in the cache).

        With no shell yet (a build starts the workers before MkDocs has rendered it, and has not
        yet cleaned the site folder), pages are rendered and held, at most HOLD, until the parent
        tells it (`Shell`); a page the cache holds is only noted then. A Shell of None means the
        build stopped: nothing is written.
        """
        shell, plan, cache = request.shell, request.plan, request.cache
        incremental = request.incremental
        if not incremental or shell != self.shell:
            self.rendered, self.series_pages = {}, {}
        count = collected = 0
        held: list[Page] = []
        series_text: dict[str, str] = {}
        early: list[tuple[Page, tuple[str, Linkable]]] = []
        """Pages whose whole files the cache holds with the last build's shell: linked once every
        stub is known and told (RenderNote), before this build's shell comes."""
        stub_root = Path(request.stubs) if request.stubs else None
        writing = Writing(Path(request.out), stub_root, plan, cache, request, kept=request.kept or {},
                          kept_since=request.kept_since, stamped=cache.stamps(f"worker-{self.slot}") if cache else {})
        self.done[self.slot] = 0
        years = YearsTold(sorted(plan), writing) if request.note else None
        for path, entry in sorted(self.entries.items(), key=_page_year):
            self.done[self.slot] += 1
            of = entry.page
            if of is None:
                continue
            if years is not None and shell is not None:
                years.tell(self.inbox, of.year)
            key = page_inputs(of, entry.digest, request, series_text, request.cross.get(path, ()))
            if incremental and self.rendered.get(of.url) == key:
                continue
            entry_key = (cache.key("page", key, project_path(path, self.read.base) if self.read else path, request.salt,
                                   "stub" if stub_root else "")
                         if cache is not None else "")
            page = Page(of, entry_key, path)
            if shell is not None and writing.link(page, shell):
                pass
            elif shell is None and request.predicted and (found := writing.check_with(page, request.predicted)):
                early.append((page, found))
                if years is not None:
                    years.later.add(of.year)
            elif shell is None and writing.fillable(page):
                held.append(page)  # linked or filled once the shell is there (nothing to hold meanwhile)
            else:  # without the shell, the entry was just found absent: not looked for again
                page.cached = writing.cached(page) if shell is not None else None
                if page.cached is None:
                    self._render(page, request, stub_root is not None)
                    writing.rendered.append(of.url)
                if shell is None and (len(held) >= HOLD or self.inbox.poll()):
                    shell = self._receive_shell()
                    if shell is None:
                        return RenderReply(0, 0)
                    for waiting in held:
                        self._write(waiting, shell, writing)
                    held.clear()
                if shell is None:
                    held.append(page)
                else:
                    writing.write(page, shell)
            self.rendered[of.url] = key
            count += 1
            if len(writing.rendered) >= collected + COLLECT_EVERY:
                # templates leave reference cycles; the frozen programmes are not scanned. Pages
                # linked or kept make none: a rebuild's 10,000 no longer pay for 4 collections
                gc.collect()
                collected = len(writing.rendered)
        noted = False
        if shell is None and request.note and all(page.made is not None for page in held):
            for page in held:  # every other page is to be linked: each stub is known before the shell comes
                writing.write_stub(page)
            send_note(self.inbox, RenderNote(tuple(writing.stubbed), len(writing.rendered) <= HOLD))
            noted = True
        placed, lost = [], []
        for page, found in early:
            (placed if writing.place(page, found) else lost).append(page)  # lost: pruned by another build since
        if shell is None:  # all rendered or noted before the shell came
            shell = self._receive_shell()
            if shell is None:
                return RenderReply(0, 0)
        if placed and shell_digest(shell) != request.predicted:  # the shell changed: written again around the new one
            writing.forget(placed, request.predicted)
            held = placed + held
        for page in lost:
            self._write(page, shell, writing, link=False, report=False)
        linkable = []
        for waiting in held:  # stubs first: every page's is known once its whole files are checked
            found = writing.check(waiting, shell) if waiting.made is None and waiting.cached is None else None
            if found is not None:
                linkable.append((waiting, found))
            else:
                self._write(waiting, shell, writing, link=False)
        if request.note and not noted:
            send_note(self.inbox, RenderNote(tuple(writing.stubbed), len(writing.rendered) <= HOLD))
        for waiting, found in linkable:
            if not writing.place(waiting, found):  # pruned by another build since: written anew
                self._write(waiting, shell, writing, link=False, report=False)
        self.shell = shell
        self.series_pages.update(writing.series)
        live = {entry.page.url for entry in self.entries.values() if entry.page is not None}
        series = tuple(f"{url}{SERIES_FOLDER}" for url, beside in self.series_pages.items() if beside and url in live)
        writing.keep_stamps(f"worker-{self.slot}")
        return RenderReply(count, writing.size, tuple(writing.rendered), tuple(writing.used), writing.linked,
                           tuple(writing.stubbed), len(writing.in_place), tuple(writing.wrote.items()), series,
                           tuple(sorted(writing.damaged)))

    def _write(self, page: Page, shell: str, writing: Writing, link: bool = True, report: bool = True) -> None:
        """Write a held page now that the shell is there: a page only noted is linked from the
        cache (unless `link` is False: it was tried), else filled from it, else (its entry
        turned out damaged) rendered now. `report`: its stub is not yet in Writing.stubbed."""
        if page.made is None and page.cached is None:
            if link and writing.link(page, shell):
                return
            page.cached = writing.cached(page)
            if page.cached is None:
                self._render(page, writing.request, writing.stubs is not None)
                writing.rendered.append(page.of.url)
        writing.write(page, shell, report)

    def _render(self, page: Page, request: RenderRequest, stubs: bool) -> None:
        """Render one page (and its search stub when `stubs`) from the file's record."""
        held = self.entries[page.path]
        rec = self._record(page.path, held)
        cross = request.cross.get(page.path)
        if not self.lasting:  # the page made now is all a build needs of it (Share.lasting)
            held.rec, held.lean = None, False
        if cross:  # a copy: the record held for the next build keeps the file's own problems
            rec = dataclasses.replace(rec, problems=rec.problems + tuple(p.as_dict() for p in cross))
        templates = self._templates(request)
        info, documents = request.info, request.documents
        data: P | None = None
        text: str | None = None
        if isinstance(rec, TargetRecord):
            made = render_targets(rec, info, rec.programme_url in request.evaluated, documents, templates,
                                  request.lowered.get(rec.programme_url))
            text = search.target_stub_html(made[4]) if stubs else None
        elif isinstance(rec, ReportRecord):
            made = render_report(rec, info, documents, templates, self._compared(rec, request))
            data = stub({**made[4], "title_suffix": "绩效评价报告"})
        elif isinstance(rec, RectificationRecord):
            made = render_rectification(rec, info, documents, request.today, templates)
            data = stub({**made[4], "title_suffix": "整改情况", "findings": [], "rectification": made[4]["findings"]})
        else:
            others = request.series.get(rec.series, []) if rec.series else []
            ref = (request.targets or {}).get((rec.year, rec.id))
            target_digest, table = (ref[0], self._table((rec.year, rec.id), ref)) if ref is not None else ("", None)
            known = self.compared.get(rec.url)
            found = known[1] if table is not None and known is not None and known[0] == target_digest else None
            reported = request.reported.get(rec.url)
            made = render_programme(rec, info, others, table, found, documents, request.departments, templates,
                                    request.cycle.get(rec.url),
                                    compare(self_side(rec), reported, info) if reported is not None else None,
                                    request.gaps.get(rec.series) if rec.series else None)
            data = made[4]
        if data is not None:
            text = search.stub_html(data) if stubs else None
        # the page data has given the stub: a page held until the shell comes keeps only its
        # files (a 自评's data is a fifth of what it holds, ~12 KB)
        page.made, page.stub = (*made[:4], {}, made[5]), text

    def _compared(self, rec: ReportRecord, request: RenderRequest) -> P | None:
        """The report's side by side with its 自评 (report_compare.compare), the 自评 read from its
        file (checked to be the file the build read); None without a 自评 or a scoring table."""
        ref, side = request.evaluations.get(rec.url), report_side(rec)
        job = self.read
        if ref is None or side is None or job is None or ref[1] is None:
            return None
        digest, path = ref
        held = self.entries.get(path)
        if held is not None and held.digest == digest and isinstance(held.rec, Record):  # this worker's own
            return compare(self_side(held.rec), side, request.info)
        if file_digest(Path(path), job.salt) != digest:
            raise RuntimeError(f"{path} 在生成页面时与读取时不同")
        scored, _, _ = load_document(Path(path), job.root, job.site, job.base)  # 1.4 ms a 自评 of 18 indicators
        if not isinstance(scored, ScoredProgramme):
            raise RuntimeError(f"{path} 不是绩效自评表")
        return compare(self_side(make_record(scored)), side, request.info)

    def _table(self, key: tuple[int, str], ref: TableRef) -> TargetTable:
        """The 绩效目标表 `ref` names: read by this worker with the digest given, else (another
        worker read it) read now from its file, once."""
        digest, path = ref
        if self.own is None:
            self.own = {(t.year, t.id, self.entries[path].digest): path for path, t in self.tables.items()
                        if path in self.entries}
        found = self.own.get((*key, digest))
        if found is None and path is not None:
            found = self.own[(*key, digest)] = self._other_table(path, digest)
        if isinstance(found, str):
            found = self._target(found)
        if found is None:
            raise RuntimeError(f"{key[0]} 年度 {key[1]} 的绩效目标表不在本进程中")
        return found

    def _target(self, path: str) -> TargetTable | None:
        """The 绩效目标表 read from `path` by this share (None: not a table), unpickled once if the
        build cache gave it."""
        table = self.tables.get(path)
        if isinstance(table, SealedTable):
            table = self.tables[path] = table.opened()
        return table

    def _other_table(self, path: str, digest: str) -> TargetTable:
        """A 绩效目标表 another worker read, read here from its file (checked to be the same content)."""
        job = self.read
        assert job is not None
        if file_digest(Path(path), job.salt) != digest:
            raise RuntimeError(f"{path} 在生成页面时与读取时不同")
        table, _, _ = load_document(Path(path), job.root, job.site, job.base)
        if not isinstance(table, TargetTable):
            raise RuntimeError(f"{path} 不是绩效目标表")
        return table

    def _templates(self, request: RenderRequest) -> Templates:
        """The site's templates, made again when its folder or their content (in the salt) changed."""
        made_for = (request.overrides, request.salt)
        if self.templates is None or self.templates[0] != made_for:
            templates = Templates(request.overrides)
            if request.compiled:
                templates.env.bytecode_cache = SealedBytecodeCache(request.compiled)
            self.templates = (made_for, templates)
        return self.templates[1]

    def _receive_shell(self) -> str | None:
        """Wait for the parent's Shell message."""
        told = told_message(self.inbox.recv())
        if not isinstance(told, Shell):
            raise TypeError(f"expected the shell, got {told!r}")
        return told.text


def _page_year(item: tuple[str, Held]) -> int:
    """Pages are rendered year by year (the order files were read in, within a year), so that
    each year's stubs are all written early (YearsNote); a file with no page first."""
    return item[1].page.year if item[1].page is not None else 0


@dataclass
class YearsTold:
    """The years a render has told the parent it has written every page of (YearsNote)."""

    plan: list[int]
    """Every year of the site (RenderRequest.plan), in order: one this share has no page of is
    told too, once it renders a later year, so the parent waits for every worker's word."""
    writing: Writing
    told: set[int] = dataclasses.field(default_factory=set)
    later: set[int] = dataclasses.field(default_factory=set)
    """Years with a page linked only after the loop (RenderReply's early list): never told before."""
    seen: int = 0
    """How many of writing.stubbed were told: stubs are noted in year order, pages being rendered so."""
    below: int = 0
    """Every year below it is told (or later): a page of it or an earlier year has nothing to tell."""

    def tell(self, inbox: Any, year: int) -> None:
        """Tell the years before `year` not yet told (every page before it is written)."""
        if year <= self.below:
            return
        self.below = year
        done = tuple(y for y in self.plan if y < year and y not in self.told and y not in self.later)
        if not done:
            return
        stubbed = self.writing.stubbed
        end = self.seen
        while end < len(stubbed) and search.shard_year(stubbed[end][0].split("/", 1)[0]) < year:
            end += 1
        send_note(inbox, YearsNote(done, tuple(s for s in stubbed[self.seen:end]
                                               if search.shard_year(s[0].split("/", 1)[0]) in done)))
        self.told.update(done)
        self.seen = end


def made_again(part: Parts, path: str, read: TreeRead, digest: str, table: tuple[str, str] | None = None) -> bytes:
    """A 自评's /data/ pieces joined, made again from its file in the parent (their copy in a
    build cache pack was found damaged where they were read: SpoolFiles): the bytes its worker
    made, the file being the one the entry was keyed by (`digest`: refuse_changed). `table`:
    its 绩效目标表's digest and path, when it has one: compared again, as its worker did."""
    scored, _, _ = load_document(Path(path), read.root, read.site, read.base)
    refuse_changed(path, read, digest)
    made = None
    if isinstance(scored, ScoredProgramme):
        rec, compared = make_record(scored), None
        if table is not None:
            target, _, _ = load_document(Path(table[1]), read.root, read.site, read.base)
            refuse_changed(table[1], read, table[0])
            if isinstance(target, TargetTable):
                compared = compared_cells(len(rec.indicators), changes(rec, target))
        made = programme_parts(rec, read.site, compared=compared)
    if made is None or (made.year, made.id, made.sizes) != (part.year, part.id, part.sizes):
        raise Damaged(errno.EIO, f"{path}：构建缓存中的开放数据片段已损坏，重新读取的结果也与之不同", part.spool)
    return made.blob


def refuse_changed(path: str, read: TreeRead, digest: str) -> None:
    """Refuse (FileRefused, naming the file) a file just loaded again (a record the build cache's
    entry stands for, its page or its /data/ pieces to be made now) unless its digest is still
    `digest`, the one that entry is keyed by: changed between the two reads, what is made now
    would be published, and cached, under the key of other bytes, and published again by a later
    build once the file is put back. Called after the load (a change before or during it shows;
    one undone before this check, within the load, would not)."""
    if read_digest(path, read.salt, read.tables)[0] != digest:
        raise FileRefused(f"{relpath(Path(path), read.base)}: 数据文件在读取之后被改动（生成页面时再读一次，内容已与构建缓存"
                          "按原内容所记的不同）：不予发布；请在它不再变动时重新生成网站")


def checked_digest(digest: str, originals: dict[str, str], rec: AnyRecord | None) -> str:
    """The digest a file's build cache entries (its load entry, its page) are keyed by: `digest`
    (read_digest's) when the original document the loader checked, and the page states the size
    and SHA-256 of, is the one `digest` hashed (`originals`); else (the file changed between the
    two reads) a digest no read of the files gives, so that what was checked is published by this
    build and never by a later one from the cache (the original put back gives `digest` again)."""
    if isinstance(rec, ReportRecord) and rec.original is not None:
        name, sha256 = rec.original["file"], rec.original["sha256"]
        if originals.get(name) != sha256:
            return hashlib.sha256(f"{digest}\0original\0{name}\0{sha256}".encode()).hexdigest()
    return digest


def _headed(summary: Summary) -> Summary:
    """The summary as the parent gets it: a 绩效目标表's head rather than the table."""
    if isinstance(summary.target, TargetTable):
        return dataclasses.replace(summary, target=TargetHead.of(summary.target))
    return summary


def _bare(part: Spooled | None) -> Spooled | None:
    """A part as its pack entry keeps it: where its pieces are is known only when it is read back."""
    return _copy(part, blob=b"", spool="", offset=0) if part is not None else None


Copied = TypeVar("Copied", Summary, Parts, TargetPart)


def _copy(value: Copied, **changes: Any) -> Copied:
    """dataclasses.replace(value, **changes) for a dataclass without slots or __post_init__
    (a Summary, a part): its __dict__ copied, then the changes, in place, so its fields keep
    __init__'s order and it pickles to the same bytes. replace() reads every field and passes it
    through __init__ (a frozen class's each through object.__setattr__): a Summary's 22 fields cost
    it about 43,000 instructions, this 13,500 (valgrind); a cold build's worker copies each
    programme file's summary and its parts once."""
    copied = object.__new__(type(value))
    copied.__dict__.update(value.__dict__, **changes)
    return copied


def page_of(rec: AnyRecord | None) -> PageOf | None:
    """What the render loop needs of a record's page (None: the file has no page)."""
    if rec is None:
        return None
    programme_url = rec.url if isinstance(rec, Record) else rec.programme_url
    return PageOf(rec.url, rec.year, rec.id, rec.series, KIND_OF[type(rec)], rec.department, programme_url)


def page_inputs(of: PageOf, digest: str, request: RenderRequest, series: dict[str, str] | None = None,
                cross: tuple[Problem, ...] = ()) -> str:
    """Everything a page is made from besides the site salt and the code (in the build cache's
    key): its file; the links to its programme-year's other documents; for a 自评 its series'
    entries (each year's sheet), its 绩效目标表 (the comparison follows from the two files) and
    its department-year's 部门整体 page and the 绩效目标表s of its series' years without a 自评 (RenderRequest.gaps);
    for another document whether its 自评 is published; for a 绩效目标表 the targets its 自评
    lowered (RenderRequest.lowered, where it lowered one); for a 整改 the build date its overdue
    marks are counted to. `series`: each series' entries as text, made once for all its pages
    (a render call's: the entries are the request's; at 10,000 programmes 10,000 reprs of up
    to four years' entries each, about 0.3 s under cProfile). `cross`: the file's problems found
    across files (RenderRequest.cross), added to the inputs only when there are any: a page
    without gets the key it had without them."""
    links = repr(document_links(of.programme_url, request.documents, of.kind))
    found = "\0" + repr(cross) if cross else ""
    if of.kind is DocumentKind.SELF_EVALUATION:
        others = "[]"
        if of.series:
            known = series.get(of.series) if series is not None else None
            others = known if known is not None else repr(request.series.get(of.series, []))
            if series is not None:
                series[of.series] = others
            tables = request.gaps.get(of.series)
            found += "\0" + repr(sorted(tables.items())) if tables else ""  # only where a year between has one
        target_digest, _ = (request.targets or {}).get((of.year, of.id), ("", None))
        department = repr(department_page_of(request.departments or {}, of.year, of.department))
        cycle = request.cycle.get(of.programme_url)  # in the key only where there is one: most have none
        reported = request.reported.get(of.url)
        found += "\0" + repr(reported) if reported is not None else ""
        return "\0".join((digest, others, target_digest, links, department)) + found + (
            "\0" + repr(sorted(cycle.items())) if cycle else "")
    today = request.today if of.kind is DocumentKind.RECTIFICATION else ""
    evaluated = request.evaluations.get(of.url) if of.kind is DocumentKind.EVALUATION_REPORT else None
    found += "\0" + evaluated[0] if evaluated is not None else ""
    lowered = request.lowered.get(of.programme_url) if of.kind is DocumentKind.TARGETS else None
    found += "\0" + repr(lowered) if lowered is not None else ""  # only where its 自评 lowered one
    return "\0".join((digest, repr(of.programme_url in request.evaluated), links, today)) + found


Cached = tuple[str, str, str, tuple[str, str, str], dict[str, bytes], bytes | None]
"""A page as the build cache keeps it: (url, title, content, head values, downloads, search stub):
everything but the shell, which is filled in at each build."""


STUB = "#stub"
"""A page's search stub among its files in the build cache (its place follows the shard plan)."""


@dataclass
class Page:
    """A page to write once the shell is there: rendered now (`made`), taken from the whole files
    the cache holds with the last build's shell (`cached`), or neither yet (its whole files may be
    linked from the cache)."""

    of: PageOf
    key: str
    """The key of its inputs in the build cache, its `whole` entries' with the shell ("" without a cache)."""
    path: str
    """Its data file."""
    made: Rendered | None = None
    stub: str | None = None
    cached: Cached | None = None
    stub_file: tuple[str, str] | None = None
    """Its stub's file and SHA-256, when written before the page (Writing.write_stub)."""


@dataclass
class Writing:
    """Where one render call writes pages, and what it did: pages rendered, cache entries
    used, bytes written and pages linked."""

    out: Path
    stubs: Path | None
    plan: dict[int, int]
    cache: BuildCache | None
    request: RenderRequest
    rendered: list[str] = dataclasses.field(default_factory=list)
    used: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    size: int = 0
    linked: int = 0
    shells: dict[str, str] = dataclasses.field(default_factory=dict)
    stubbed: list[search.Stub] = dataclasses.field(default_factory=list)
    """Each page's search stub, written or left in the build cache (RenderReply.stubs)."""
    wrote: dict[str, str] = dataclasses.field(default_factory=dict)
    """URL → the `whole` entry its files are (RenderReply.wrote)."""
    series: dict[str, bool] = dataclasses.field(default_factory=dict)
    """URL → whether its files written or linked include its series page (RenderReply.series)."""
    in_place: set[str] = dataclasses.field(default_factory=set)
    """Kept pages left as they were (RenderRequest.kept)."""
    cleared: set[str] = dataclasses.field(default_factory=set)
    """Kept pages whose folders were emptied to be written again."""
    kept: dict[str, str] = dataclasses.field(default_factory=dict)
    """The pages `out` holds already (RenderRequest.kept)."""
    kept_since: int = 0
    """RenderRequest.kept_since."""
    damaged: set[str] = dataclasses.field(default_factory=set)
    """URLs of the pages whose `whole` entry was there but damaged (RenderReply.damaged)."""
    stamped: Stamps = dataclasses.field(default_factory=dict)
    """The `whole` files the last build linked, as they stood after (BuildCache.check takes them
    unhashed while they still do)."""
    stamps: Stamps = dataclasses.field(default_factory=dict)
    """The same of the entries this render links or stores (BuildCache.place, keep_linked)."""

    def keep_stamps(self, name: str) -> None:
        """Keep the stamps of the `whole` entries this render used (noted now, else as the last
        build left them) for the next build. A build into a new folder links every page from the
        cache, and each link moves its files' ctime: without them the next build hashed every
        page's files (at 10,000 programmes with a 绩效目标表 each, 35,500 files, 0.68 s of CPU
        per worker), and read each entry's index (0.17 s)."""
        if self.cache is None:
            return
        used = {key for kind, key in self.used if kind == "whole"}
        kept = {key: stamp for found in (self.stamped, self.stamps) for key, stamp in found.items() if key in used}
        self.used.append(("stamp", self.cache.keep_stamps(name, kept)))

    def _stubbed(self, page: Page, digest: str, source: str = "") -> None:
        shard = search.shard_of(self.plan, page.of.year, page.of.id)
        self.stubbed.append((f"{shard}/{page.of.url}index.html", digest, source))

    def _whole(self, page: Page, shell: str) -> str:
        """The key of a page's whole files (page, downloads, stub) with this shell in them."""
        return self._whole_with(page, self._digest(shell))

    def _digest(self, shell: str) -> str:
        if shell not in self.shells:
            self.shells[shell] = shell_digest(shell)
        return self.shells[shell]

    def _whole_with(self, page: Page, digest: str) -> str:
        """The same, the shell given by its digest."""
        assert self.cache is not None
        return self.cache.key("whole", page.key, digest)

    def link(self, page: Page, shell: str) -> bool:
        """Link the page's whole files from the cache, if it holds them as written with this shell.

        Its search stub stays in the cache: it is linked into the stubs folder only if its index
        must be made again (perfsite.site.search.build_index), which after a one-file commit is
        one index of the site's. Placing every stub cost a folder per page (a new inode each:
        on this ext4, 0.35 ms apiece after mass deletes, more than the links)."""
        return self.link_with(page, self._digest(shell))

    def check(self, page: Page, shell: str) -> tuple[str, Linkable] | None:
        """The page's whole files with this shell, if the cache holds them as stored, and its
        stub noted (Writing.stubbed) from the cache; `place` links them: the render tells the
        parent every stub between the two (RenderNote)."""
        if self.cache is None or not page.key:
            return None
        return self.check_with(page, self._digest(shell))

    def unnote(self, page: Page) -> None:
        """Drop the stub `check` noted for `page` (its files are written anew, the stub with them)."""
        if self.stubbed and self.stubs is not None and self.stubbed[-1][0].endswith(f"/{page.of.url}index.html"):
            self.stubbed.pop()

    def forget(self, pages: list[Page], digest: str) -> None:
        """Pages linked with the shell of `digest` are to be written again: their links, cache
        entries used and stubs are no longer counted (the stubs are noted again when written)."""
        keys = {("whole", self._whole_with(page, digest)) for page in pages}
        urls = {f"/{page.of.url}index.html" for page in pages}
        self.used = [entry for entry in self.used if entry not in keys]
        self.stubbed = [stub for stub in self.stubbed if f"/{stub[0].split('/', 1)[1]}" not in urls]
        for page in pages:
            self.wrote.pop(page.of.url, None)
            self.series.pop(page.of.url, None)
            if page.of.url in self.in_place:
                self.in_place.discard(page.of.url)
            else:
                self.linked -= 1

    def link_with(self, page: Page, digest: str) -> bool:
        """`link` with the shell given by its digest (RenderRequest.predicted)."""
        found = self.check_with(page, digest)
        if found is not None and self.place(page, found):
            return True
        if found is not None:
            self.unnote(page)
        return False

    def check_with(self, page: Page, digest: str) -> tuple[str, Linkable] | None:
        """`check` with the shell given by its digest (RenderRequest.predicted)."""
        if self.cache is None or not page.key:
            return None
        key = self._whole_with(page, digest)
        found = self._kept(page, key)
        if found is None:
            found = self.cache.check("whole", key, damaged=lambda: self.damaged.add(page.of.url), stamps=self.stamped)
        if found is None:
            return None
        if self.stubs is not None:
            for name, source, _ in found.files:
                if name.startswith(STUB):
                    self._stubbed(page, name[len(STUB):], source)
                    break
        return key, found

    def _kept(self, page: Page, key: str) -> Linkable | None:
        """The page's files as the last build left them in `out` (RenderRequest.kept), if they
        are this key's, untouched (the cache's check, made on the files in `out`) and nothing was
        added beside them since (their folders' mtime)."""
        out = self.out
        if self.kept.get(page.of.url) != key:
            return None
        assert self.cache is not None
        found = self.cache.check("whole", key, lambda name: None if name.startswith(STUB) else f"{out}/{name}")
        if found is None:
            return None
        since = self.kept_since
        try:
            for folder in {f"{out}/{name.rpartition('/')[0]}" for name, _, _ in found.files if not name.startswith(STUB)}:
                if os.stat(folder).st_mtime_ns > since:
                    return None
        except OSError:
            return None
        return found

    def _last_whole(self, page: Page) -> str:
        """The key of the page's whole files with the last build's shell ("" for none)."""
        last = self.request.last_shell if self.request is not None else ""
        return self._whole(page, last) if last and self.cache is not None and page.key else ""

    def fillable(self, page: Page) -> bool:
        """Whether the cache holds the page's whole files with the last build's shell (`cached`
        fills it from them), by a stat: the shell is not there yet to say whether it is needed."""
        key = self._last_whole(page)
        return bool(key) and self.cache is not None and os.path.exists(self.cache.entry_file("whole", key))

    def cached(self, page: Page) -> Cached | None:
        """The page as the cache holds it with the last build's shell, that shell taken off (None:
        absent or damaged, noted in `damaged`): the inputs the page's key covers are the same, so
        is all but the shell. The whole files keep it once: a `page` entry of its own beside them
        would store the content, downloads and stub a second time (a pickle, a SHA-256 and a new
        file per page of a cold build, about 33 KB each)."""
        key = self._last_whole(page)
        if not key:
            return None
        assert self.cache is not None
        opened = self.cache.opened("whole", key, lambda: self.damaged.add(page.of.url))
        return refilled(self.request.last_shell, opened) if opened is not None else None

    def clear(self, page: Page) -> None:
        """Empty a kept page's folder (RenderRequest.kept) before its files are written or linked
        anew: what the last build put there may differ, by name too. The pages below it stay."""
        url = page.of.url
        if url in self.kept and url not in self.cleared:
            self.cleared.add(url)
            self.in_place.discard(url)
            clear_page(f"{self.out}/{url}", pages_below(url, self.request.documents))

    def place(self, page: Page, checked: tuple[str, Linkable]) -> bool:
        """Link what `check` found into the site (False: a file of it is gone since); a kept page
        found as it was stays so."""
        assert self.cache is not None
        key, found = checked
        out = self.out
        if found.placed:
            self.in_place.add(page.of.url)
        else:
            self.clear(page)
            if self.cache.place(found, lambda name, _: None if name.startswith(STUB) else f"{out}/{name}",
                                self.stamps) is None:
                return False
            self.linked += 1
        self.used.append(("whole", key))
        self.wrote[page.of.url] = key
        series_page = f"{page.of.url}{SERIES_FOLDER}index.html"
        self.series[page.of.url] = any(name == series_page for name, _, _ in found.files)
        return True

    def write_stub(self, page: Page) -> None:
        """Write a rendered page's search stub (it needs no shell) and note it, before the page."""
        if self.stubs is None or page.stub is None or page.made is None:
            return
        stub = page.stub.encode("utf-8")
        folder = search.stub_folder(self.stubs, self.plan, page.of.year, page.of.id, page.made[0])
        os.makedirs(folder, exist_ok=True)
        write_file(f"{folder}index.html", stub)
        page.stub_file = (f"{folder}index.html", hashlib.sha256(stub).hexdigest())
        self._stubbed(page, page.stub_file[1])

    def write(self, page: Page, shell: str, report: bool = True) -> None:
        """Write the page, its downloads and its search stub (noted in `stubbed` if `report`);
        put what was rendered in the cache, and the files as written (linked) as the page's
        whole files for this shell."""
        self.clear(page)
        if page.cached is not None:
            url, title, body, head, files, stub = page.cached
        else:
            assert page.made is not None
            url, title, body, files, _, head = page.made
            stub = page.stub.encode("utf-8") if page.stub is not None else None
        content = write_filled(self.out, shell, url, title, body, head)
        whole: dict[str, tuple[str | None, bytes]] = {f"{url}index.html": (f"{self.out}/{url}index.html", content)}
        self.series[page.of.url] = f"{url}{SERIES_FOLDER}index.html" in files
        self.size += len(content)
        for path, data in files.items():
            if isinstance(data, Subpage):  # a page below this one (the series' 各年度指标对照)
                data = write_filled(self.out, shell, path.removesuffix("index.html"), *data)
                self.size += len(data)
            else:
                self.size += write_file(f"{self.out}/{path}", data)
            whole[path] = (f"{self.out}/{path}", data)
        if page.stub_file is not None and stub is not None:
            whole[STUB + page.stub_file[1]] = (None, stub)  # written and noted before; a copy (keep_linked)
        elif self.stubs is not None and stub is not None:
            folder = search.stub_folder(self.stubs, self.plan, page.of.year, page.of.id, url)
            os.makedirs(folder, exist_ok=True)
            write_file(f"{folder}index.html", stub)
            digest = hashlib.sha256(stub).hexdigest()
            whole[STUB + digest] = (None, stub)  # the name tells a stub's digest; a copy (keep_linked)
            if report:
                self._stubbed(page, digest)
        if self.cache is not None and page.key:
            below = {path: (data.title, data.head) for path, data in files.items() if isinstance(data, Subpage)}
            key = self._whole(page, shell)
            stored = self.cache.keep_linked("whole", key, whole, pickle.dumps((url, title, head, below),
                                                                                protocol=pickle.HIGHEST_PROTOCOL))
            if stored is not None:
                self.stamps[key] = stored
            self.used.append(("whole", key))
            self.wrote[page.of.url] = key


def shell_digest(shell: str) -> str:
    """What a page's whole files in the build cache know of the shell they were written with."""
    return hashlib.sha256(shell.encode("utf-8", "surrogatepass")).hexdigest()


def refilled(shell: str, opened: tuple[bytes, list[tuple[str, bytes]]]) -> Cached | None:
    """A page from its whole files in the build cache as written with `shell` (BuildCache.opened:
    its `about`, Writing.write's, and its files): each page's content taken out of the shell,
    the downloads and the stub as they are. None when the entry is not one this code wrote."""
    about, files = opened
    try:
        url, title, head, below = pickle.loads(about)
    except Exception:
        return None
    if not isinstance(url, str) or not isinstance(below, dict):
        return None
    body: str | None = None
    stub: bytes | None = None
    kept: dict[str, bytes | Subpage] = {}
    for name, content in files:
        if name == f"{url}index.html":
            body = unfilled(shell, url, title, head, content)
            if body is None:
                return None
        elif name.startswith(STUB):
            stub = content
        elif name in below:
            sub_title, sub_head = below[name]
            sub_body = unfilled(shell, name.removesuffix("index.html"), sub_title, sub_head, content)
            if sub_body is None:
                return None
            kept[name] = Subpage(sub_title, sub_body, sub_head)
        else:
            kept[name] = content
    return (url, title, body, head, kept, stub) if body is not None else None


def unfilled(shell: str, url: str, title: str, head: Head, content: bytes) -> str | None:
    """The content write_filled put into `shell` to make `content` (None: it is not that shell
    with this page's address, title and head values around some content). The shell filled
    with a one-byte content gives everything before and after the content; `content` must be
    exactly that around it, so filling it again gives back `content`, byte for byte."""
    if url.count("/") > SHELL_URL.count("/"):
        shell = deeper_shell(shell)
    probe = page_bytes(shell, url, title, "\0", head)
    at = probe.find(b"\0")
    after = len(probe) - at - 1
    if at < 0 or probe.count(b"\0") != 1 or len(content) < at + after:
        return None
    if not content.startswith(probe[:at]) or not content.endswith(probe[at + 1:]):
        return None
    try:
        return content[at:len(content) - after].decode("utf-8")
    except UnicodeDecodeError:
        return None

