"""What the build's workers do: each owns a share of the data files for the session.

A worker (perfsite.executor runs one per core, forked, or one in this process) reads, checks
and scores its files (cached by content, so `mkdocs serve` re-reads only edited ones), makes
their /data/ pieces, and later renders their programme pages from the shell: the parent only
ever gets a small summary per programme (for the index, listings and checks). The parent speaks
to it in the request dataclasses below; it answers each with one reply.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from perfsite.dataset import Facts, FileResult, ScoredProgramme, TreeRead, file_digest, load_document
from perfsite.executor import told_message
from perfsite.opendata.parts import Parts, Spool, SpoolFiles, programme_parts
from perfsite.pagedata import year_entry
from perfsite.problems import Problem
from perfsite.record import Record, TargetRecord, make_record, make_target_record
from perfsite.site import search
from perfsite.site.buildcache import BuildCache
from perfsite.site.pages import listing_row
from perfsite.site.render import Templates, grade_band
from perfsite.site.shell import Rendered, render_programme, write_file, write_filled
from perfsite.site.targets_page import render_targets
from perfsite.siteconfig import SiteConfig
from perfsite.targets import TargetTable

COLLECT_EVERY = 1000
"""Pages a worker renders between explicit collections (automatic GC costs more than it saves)."""
HOLD = 1000
"""Pages a worker renders ahead while the shell is not there yet (~50 MB)."""
PARALLEL_FROM = 200
"""Below this many programmes, forking workers costs more than it saves."""

P = dict[str, Any]


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
    slot: int = 0
    """The worker holding this file (its 自评 page is rendered there)."""
    cached: str = ""
    """The build cache's key of this file's entry ("" without a cache)."""


@dataclass(frozen=True)
class PageOf:
    """What the render loop needs of a file with a page, without its record (a file answered
    from the build cache is read again only if its page must be rendered again)."""

    url: str
    year: int
    id: str
    series: str | None
    programme_url: str | None
    """A 绩效目标表's 自评 page (None for a 自评)."""


@dataclass
class Held:
    """A file of this worker's share: its digest, record (None until needed, or when it has no
    page), problems, facts and page."""

    digest: str
    rec: Record | TargetRecord | None
    problems: list[Problem]
    facts: Facts | None
    page: PageOf | None
    kept: Summary | None = None
    """The summary the build cache gave (its /data/ pieces in `parts.blob`), while there is no record."""


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
    targets: dict[tuple[int, str], tuple[str, TargetTable]] | None = None
    """(year, id) → (its file's digest, 绩效目标表), for this worker's 自评s that have one
    (compared on their pages; the digest tells serve whether the page must be rendered again)."""
    evaluated: frozenset[str] = frozenset()
    """URLs of the 自评 pages, for the 绩效目标表 pages' links to them."""
    cache: BuildCache | None = None
    """The build cache: a page rendered by an earlier build from the same inputs is taken from it."""
    salt: str = ""
    """What every page depends on besides its file: the site settings and the site's templates."""
    overrides: Path | None = None
    """The site's own templates folder (custom_dir/perfsite/), None for perfsite's alone."""


@dataclass(frozen=True)
class Shell:
    """Told to workers rendering ahead: the shell, or None when the build stopped (write nothing)."""

    text: str | None


@dataclass(frozen=True)
class RenderReply:
    """A render's reply: pages written and their bytes (with downloads)."""

    pages: int
    bytes: int
    rendered: tuple[str, ...] = ()
    """The pages rendered (not taken from the cache), by URL."""
    used: tuple[str, ...] = ()
    """The build cache's page entries this share's pages came from or went to."""


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
        self.spool: Spool | None = None
        self.rendered: dict[str, str] = {}  # url → what its page in the mirror was rendered from
        self.shell: str | None = ""
        self.tables: dict[str, TargetTable] = {}
        """path → the 绩效目标表 read from it (its record is in `entries`)."""
        self.templates: tuple[tuple[Path | None, str], Templates] | None = None
        """The templates pages are rendered with, and the (folder, salt) they were made for."""
        self.read: TreeRead | None = None
        """The tree of the last load (a file answered from the build cache is read from it when its page is rendered)."""

    def handle(self, request: LoadRequest | RenderRequest) -> list[Summary] | RenderReply:
        if isinstance(request, LoadRequest):
            return self.load(request)
        if isinstance(request, RenderRequest):
            return self.render(request)
        raise TypeError(f"not a worker request: {request!r}")

    def load(self, request: LoadRequest) -> list[Summary]:
        """Read, check and score the files whose content changed since the last call (all, the
        first time) and that the build cache does not hold; a summary of every file. With a
        `spool` folder, each programme's /data/ pieces go to this worker's file there."""
        job, spool, cache = request.read, request.spool, request.cache
        self.read = job
        site = job.site
        out = []
        band = grade_band(site)
        if spool and (self.spool is None or Path(self.spool.path).parent != Path(spool)):
            self.spool, self.parts = Spool(Path(spool) / f"{os.getpid()}.bin"), {}
        self.done[self.slot] = 0
        for path in job.paths:
            self.done[self.slot] += 1
            digest = file_digest(Path(path), job.salt)
            cached = cache.key("load", digest, path, "parts" if spool else "") if cache is not None else ""
            hit = self.entries.get(path)
            fresh = hit is None or hit.digest != digest
            if fresh and cache is not None:
                summary = self._from_cache(path, digest, cache, cached, bool(spool))
                if summary is not None:
                    out.append(summary)
                    continue
            if fresh:
                scored, facts, problems = load_document(Path(path), job.root, site, job.base)
                rec: Record | TargetRecord | None
                if isinstance(scored, TargetTable):
                    rec = make_target_record(scored, problems)
                    self.tables[path] = scored
                else:
                    rec = make_record(scored) if scored is not None else None
                    self.tables.pop(path, None)
                hit = self.entries[path] = Held(digest, rec, problems, facts, page_of(rec))
                self.parts.pop(path, None)
            assert hit is not None
            if hit.rec is None and hit.kept is not None:  # answered from the build cache by an earlier call
                again = self._respool(hit.kept, path, bool(spool))
                if again is not None:
                    out.append(dataclasses.replace(again, fresh=False, cached=cached))
                    continue
            summary = self._summary(path, hit, fresh, band, spool, request.keep_parts)
            if fresh and cache is not None:
                self._to_cache(cache, cached, summary, hit)
            out.append(dataclasses.replace(summary, cached=cached))
        live = set(job.paths)
        for path in [k for k in self.entries if k not in live]:
            del self.entries[path]
            self.tables.pop(path, None)
            self.parts.pop(path, None)
        if self.spool is not None:
            self.spool.flush()
        gc.freeze()
        return out

    def _summary(self, path: str, hit: Held, fresh: bool, band: Any, spool: str, keep_parts: bool) -> Summary:
        rec = hit.rec
        if not isinstance(rec, Record):
            return Summary(path, hit.digest, hit.problems, hit.facts, None, None, None, None, fresh,
                           target=self.tables.get(path), slot=self.slot)
        assert self.read is not None
        row = listing_row(rec, band)
        share = None
        if spool:
            share = self.parts.get(path) or programme_parts(rec, self.read.site, self.spool)
            if keep_parts:  # kept for the next rebuild; a build never needs them again
                self.parts[path] = share
        return Summary(path, hit.digest, hit.problems, hit.facts, row, (-rec.year, row["name"], rec.id),
                       rec.series, year_entry(rec) if rec.series else None, fresh, share, slot=self.slot)

    def _to_cache(self, cache: BuildCache, key: str, summary: Summary, hit: Held) -> None:
        """Keep what the parent and the render loop need of a file read now: its summary (the
        /data/ pieces inside), its page."""
        parts = summary.parts
        if parts is not None:
            assert self.spool is not None
            self.spool.flush()
            with SpoolFiles() as spools:  # the pieces as the spool holds them, in one run
                blob = spools.read(parts.spool, sum(parts.sizes), parts.offset)
            parts = dataclasses.replace(parts, blob=blob, spool="", offset=0)
        kept = dataclasses.replace(summary, parts=parts, fresh=False, slot=0)
        cache.write("load", key, pickle.dumps((kept, hit.page), protocol=pickle.HIGHEST_PROTOCOL))

    def _from_cache(self, path: str, digest: str, cache: BuildCache, key: str, spool: bool) -> Summary | None:
        """The summary of a file an earlier build read (its record is made only if its page must
        be rendered again), or None when the cache has no whole entry for it."""
        payload = cache.read("load", key)
        if payload is None:
            return None
        try:
            kept, page = pickle.loads(payload)
        except Exception:  # an entry of other code: read the file instead
            return None
        if not isinstance(kept, Summary) or kept.path != path or kept.digest != digest:
            return None
        summary = self._respool(kept, path, bool(spool))
        if summary is None:
            return None
        if kept.target is not None:
            self.tables[path] = kept.target
        else:
            self.tables.pop(path, None)
        self.entries[path] = Held(digest, None, kept.problems, kept.facts, page, kept)
        self.parts.pop(path, None)
        return dataclasses.replace(summary, cached=key)

    def _respool(self, kept: Summary, path: str, spool: bool) -> Summary | None:
        """A cached summary for this call: its /data/ pieces appended to this worker's spool
        (None when pieces are wanted and the entry has none, or the other way round)."""
        parts = kept.parts
        if (parts is None) != (not spool or kept.row is None):
            return None
        if parts is not None and spool:
            assert self.spool is not None
            parts = self.parts.get(path) or dataclasses.replace(parts, blob=b"", spool=self.spool.path,
                                                                offset=self.spool.add([parts.blob]))
        return dataclasses.replace(kept, parts=parts, fresh=False, slot=self.slot)

    def _record(self, path: str, held: Held) -> Record | TargetRecord:
        """The record of a file answered from the build cache, made now that its page is rendered."""
        if held.rec is None:
            table = self.tables.get(path)
            if table is not None:
                held.rec = make_target_record(table, held.problems)
            else:
                assert self.read is not None
                scored, _, _ = load_document(Path(path), self.read.root, self.read.site, self.read.base)
                if not isinstance(scored, ScoredProgramme):
                    raise RuntimeError(f"{path} 在生成页面时读取的结果与之前不同")
                held.rec = make_record(scored)
        return held.rec

    def render(self, request: RenderRequest) -> RenderReply:
        """Write this share's programme pages and downloads: each from the build cache when an
        earlier build rendered it from the same inputs, else rendered (and put in the cache).

        With no shell yet (a build starts the workers before MkDocs has rendered it, and has not
        yet cleaned the site folder), pages are rendered and held, at most HOLD, until the parent
        tells it (`Shell`); a Shell of None means the build stopped: nothing is written.
        """
        shell, out, plan, cache = request.shell, Path(request.out), request.plan, request.cache
        incremental = request.incremental
        if not incremental or shell != self.shell:
            self.rendered = {}
        count = size = 0
        held: list[Page] = []
        rendered: list[str] = []
        used: list[str] = []
        stub_root = Path(request.stubs) if request.stubs else None
        self.done[self.slot] = 0
        for path, entry in self.entries.items():
            self.done[self.slot] += 1
            page_of = entry.page
            if page_of is None:
                continue
            table = None
            others: list[P] = []
            if page_of.programme_url is not None:
                key = entry.digest + repr(page_of.programme_url in request.evaluated)
            else:
                others = request.series.get(page_of.series, []) if page_of.series else []
                target_digest, table = (request.targets or {}).get((page_of.year, page_of.id), ("", None))
                key = entry.digest + repr(others) + target_digest
            if incremental and self.rendered.get(page_of.url) == key:
                continue
            entry_key = (cache.key("page", key, path, request.salt, "stub" if stub_root else "")
                         if cache is not None else "")
            cached = cached_page(cache.read("page", entry_key)) if cache is not None else None
            if entry_key:
                used.append(entry_key)
            page: Page
            if cached is not None:
                page = Page(page_of, entry_key, cached=cached)
            else:
                rec = self._record(path, entry)
                templates = self._templates(request)
                if isinstance(rec, TargetRecord):
                    made = render_targets(rec, request.info, rec.programme_url in request.evaluated, templates)
                else:
                    made = render_programme(rec, request.info, others, table, templates)
                page = Page(page_of, entry_key, made=made,
                            stub=search.stub_html(made[4]) if stub_root is not None and page_of.programme_url is None
                            else None)
                rendered.append(page_of.url)
            if shell is None and (len(held) >= HOLD or self.inbox.poll()):
                shell = self._receive_shell()
                if shell is None:
                    return RenderReply(0, 0)
                size += sum(p.write(out, shell, stub_root, plan, cache) for p in held)
                held.clear()
            if shell is None:
                held.append(page)
            else:
                size += page.write(out, shell, stub_root, plan, cache)
            self.rendered[page_of.url] = key
            count += 1
            if count % COLLECT_EVERY == 0:
                gc.collect()  # templates leave reference cycles; the frozen programmes are not scanned
        if shell is None:  # all rendered before the shell came
            shell = self._receive_shell()
            if shell is None:
                return RenderReply(0, 0)
            size += sum(p.write(out, shell, stub_root, plan, cache) for p in held)
        self.shell = shell
        return RenderReply(count, size, tuple(rendered), tuple(used))

    def _templates(self, request: RenderRequest) -> Templates:
        """The site's templates, made again when its folder or their content (in the salt) changed."""
        made_for = (request.overrides, request.salt)
        if self.templates is None or self.templates[0] != made_for:
            self.templates = (made_for, Templates(request.overrides))
        return self.templates[1]

    def _receive_shell(self) -> str | None:
        """Wait for the parent's Shell message."""
        told = told_message(self.inbox.recv())
        if not isinstance(told, Shell):
            raise TypeError(f"expected the shell, got {told!r}")
        return told.text


def page_of(rec: Record | TargetRecord | None) -> PageOf | None:
    """What the render loop needs of a record's page (None: the file has no page)."""
    if rec is None:
        return None
    return PageOf(rec.url, rec.year, rec.id, rec.series, rec.programme_url if isinstance(rec, TargetRecord) else None)


Cached = tuple[str, str, str, tuple[str, str, str], dict[str, bytes], bytes | None]
"""A page as the build cache keeps it: (url, title, content, head values, downloads, search stub):
everything but the shell, which is filled in at each build."""


@dataclass
class Page:
    """A page to write once the shell is there: rendered now (`made`, put in the cache once
    written) or taken from the cache (`cached`)."""

    of: PageOf
    key: str
    made: Rendered | None = None
    stub: str | None = None
    cached: Cached | None = None

    def write(self, out: Path, shell: str, stubs: Path | None, plan: dict[int, int],
              cache: BuildCache | None) -> int:
        """Write the page, its downloads and its search stub; the bytes written under `out`."""
        if self.cached is not None:
            url, title, body, head, files, stub = self.cached
        else:
            assert self.made is not None
            url, title, body, files, _, head = self.made
            stub = self.stub.encode("utf-8") if self.stub is not None else None
        size = write_filled(out, shell, url, title, body, head)
        for path, content in files.items():
            size += write_file(f"{out}/{path}", content)
        if stubs is not None and stub is not None:
            folder = search.stub_folder(stubs, plan, self.of.year, self.of.id, url)
            os.makedirs(folder, exist_ok=True)
            write_file(f"{folder}index.html", stub)
        if self.cached is None and cache is not None:
            cache.write("page", self.key, pickle.dumps((url, title, body, head, files, stub),
                                                       protocol=pickle.HIGHEST_PROTOCOL))
        return size


def cached_page(payload: bytes | None) -> Cached | None:
    """A page from the build cache's bytes (None: absent, damaged, or written by other code)."""
    if payload is None:
        return None
    try:
        page = pickle.loads(payload)
    except Exception:
        return None
    return page if isinstance(page, tuple) and len(page) == 6 else None
