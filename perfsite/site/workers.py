"""Forked worker processes, each owning a share of the data files for the session.

A worker reads, checks and scores its files (cached by content, so `mkdocs serve` re-reads only
edited ones), makes their /data/ pieces, and later renders their programme pages from the shell:
the parent only ever gets a small summary per programme (for the index, listings and checks).
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing as mp
import os
import signal
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from perfsite.dataset import Facts, file_digest, load_one
from perfsite.failures import explain
from perfsite.opendata.parts import Parts, Spool, programme_parts
from perfsite.pagedata import year_entry
from perfsite.problems import Problem
from perfsite.processes import can_fork, jobs
from perfsite.record import Record, make_record
from perfsite.site import search
from perfsite.site.pages import listing_row
from perfsite.site.render import grade_band
from perfsite.site.shell import Rendered, render_programme, write_page
from perfsite.siteconfig import SiteConfig

COLLECT_EVERY = 1000
"""Pages a worker renders between explicit collections (automatic GC costs more than it saves)."""
HOLD = 1000
"""Pages a worker renders ahead while the shell is not there yet (~50 MB)."""
PARALLEL_FROM = 200
"""Below this many programmes, forking workers costs more than it saves."""

P = dict[str, Any]

SERVE = {"on": False}
"""Set by the hook's on_startup: under `mkdocs serve`, rebuilds reuse what did not change."""


@dataclass
class Summary:
    """What the parent needs of one programme file (small: the scored programme stays in its worker)."""

    path: str
    problems: list[Problem]
    facts: Facts | None
    row: P | None
    key: tuple[int, str, str] | None
    series: str | None
    other: P | None
    """This programme as another year of its series shows it (pagedata._other_years)."""
    fresh: bool
    digest: str = ""
    """The file's content digest (with its indicator CSV's and site.yaml's)."""
    parts: Parts | None = None
    """Its share of the /data/ files, when they are wanted (the pieces in its worker's spool file)."""


class Share:
    """One worker's files for the session: scored programmes kept between builds, keyed by content."""

    def __init__(self, done: Any = None, slot: int = 0) -> None:
        self.done = done if done is not None else [0]
        """Files this share has read, or pages it has rendered, in the current call: slot
        `slot` of an array the parent shares with every worker (its progress bar reads it)."""
        self.slot = slot
        self.entries: dict[str, tuple[str, Record | None, list[Problem]]] = {}
        """path → (content digest, the programme's record, its problems): a file's record is made
        once, where it is scored, and every output of it is a projection of it."""
        self.facts: dict[str, Facts | None] = {}  # path → what check reports of it, made once per content
        self.parts: dict[str, Parts] = {}  # path → its /data/ share, made once per content
        self.spool: Spool | None = None
        self.rendered: dict[str, str] = {}  # url → what its page in the mirror was rendered from
        self.shell: str | None = ""
        self.inbox: Any = None  # a worker's pipe from the parent (render() may wait on it for the shell)

    def load(self, root: Path, site: Any, base: Path, paths: list[str], salt: bytes, spool: str) -> list[Summary]:
        """Read, check and score the files whose content changed since the last call (all, the
        first time); a summary of every file. With a `spool` folder, each programme's /data/
        pieces go to this worker's file there."""
        out = []
        band = grade_band(site)
        if spool and (self.spool is None or Path(self.spool.path).parent != Path(spool)):
            self.spool, self.parts = Spool(Path(spool) / f"{os.getpid()}.bin"), {}
        self.done[self.slot] = 0
        for path in paths:
            self.done[self.slot] += 1
            digest = file_digest(Path(path), salt)
            hit = self.entries.get(path)
            fresh = hit is None or hit[0] != digest
            if fresh:
                scored, problems = load_one(Path(path), root, site, base)
                facts = Facts.of(scored) if scored is not None else None
                rec = make_record(scored) if scored is not None else None
                hit = self.entries[path] = (digest, rec, problems)
                self.facts[path] = facts
                self.parts.pop(path, None)
            _, rec, problems = hit  # type: ignore[misc]
            if rec is None:
                out.append(Summary(path, problems, None, None, None, None, None, fresh, digest))
                continue
            row = listing_row(rec, band)
            share = None
            if spool:
                share = self.parts.get(path) or programme_parts(rec, site, self.spool)
                if SERVE["on"]:  # kept for the next rebuild; a build never needs them again
                    self.parts[path] = share
            out.append(Summary(path, problems, self.facts[path], row, (-rec.year, row["name"], rec.id),
                               rec.series, year_entry(rec) if rec.series else None, fresh, digest, share))
        live = set(paths)
        for path in [k for k in self.entries if k not in live]:
            del self.entries[path]
            self.facts.pop(path, None)
            self.parts.pop(path, None)
        if self.spool is not None:
            self.spool.flush()
        gc.freeze()
        return out

    def render(self, shell: str | None, info: SiteConfig, series: dict[str, list[P]], out: str,
               incremental: bool, stubs: str, plan: dict[int, int]) -> tuple[int, int]:
        """Write this share's programme pages and downloads under `out` (and search stubs under
        `stubs`, if given, in the indexes `plan` gives); (pages written, bytes).

        With no shell yet (a build starts the workers before MkDocs has rendered it, and has not
        yet cleaned the site folder), pages are rendered and held, at most HOLD, until the parent
        sends it (`Shares.tell`); None instead of a shell means the build stopped: nothing is written.
        """
        if not incremental or shell != self.shell:
            self.rendered = {}
        count = size = 0
        held: list[Rendered] = []
        stub_root = Path(stubs) if stubs else None
        self.done[self.slot] = 0
        for digest, rec, _ in self.entries.values():
            self.done[self.slot] += 1
            if rec is None:
                continue
            others = series.get(rec.series, []) if rec.series else []
            key = digest + repr(others)
            if incremental and self.rendered.get(rec.url) == key:
                continue
            if shell is None and (len(held) >= HOLD or self.inbox.poll()):
                shell = self._receive_shell()
                if shell is None:
                    return 0, 0
                size += sum(write_page(Path(out), shell, page) for page in held)
                held.clear()
            page = render_programme(rec, info, others)
            if stub_root is not None:
                search.write_stub(stub_root, page[4], plan)
            if shell is None:
                held.append(page)
            else:
                size += write_page(Path(out), shell, page)
            self.rendered[rec.url] = key
            count += 1
            if count % COLLECT_EVERY == 0:
                gc.collect()  # templates leave reference cycles; the frozen programmes are not scanned
        if shell is None:  # all rendered before the shell came
            shell = self._receive_shell()
            if shell is None:
                return 0, 0
            size += sum(write_page(Path(out), shell, page) for page in held)
        self.shell = shell
        return count, size

    def _receive_shell(self) -> str | None:
        """Wait for the parent's ("shell", text or None) message."""
        kind, shell = self.inbox.recv()
        assert kind == "shell", kind
        return shell


def _worker(conn: Any, siblings: list[Any], parent: int, done: Any, slot: int) -> None:
    """A worker's loop: run the Share method the parent names, send back its result or error.

    It ends when the parent goes away (even killed), so no orphan keeps the serve port open.
    """
    for other in siblings:  # ends of earlier workers' pipes, inherited by fork: not ours
        other.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to report, once
    gc.disable()
    share = Share(done, slot)
    share.inbox = conn
    while True:
        try:
            while not conn.poll(1.0):
                if os.getppid() != parent:
                    return
            name, args = conn.recv()
        except (EOFError, OSError):
            return
        if name == "stop":  # exit at once: freeing 50,000 scored programmes one by one takes seconds
            conn.close()
            os._exit(0)
        try:
            conn.send(("ok", getattr(share, name)(*args)))
        except Exception as error:  # the parent raises it as WorkerError; the traceback goes to the log
            conn.send(("error", explain(error, "生成网站页面")))


class WorkerError(RuntimeError):
    """A worker's call failed: its message is already the sentence for the user."""


class Shares:
    """Forked worker processes, each owning the files whose path hashes to it, for the session
    (in this process when there is one core or few files)."""

    def __init__(self, n: int):
        self.n = n
        self.counts = mp.get_context("fork").RawArray("q", n) if n > 1 else [0]
        """Per worker: files read or pages rendered in the current call, for the build's progress
        bar (shared memory, no lock: each worker writes only its own slot; about 1 µs an
        increment, 20 ms of a 10,000-programme build's 20 s)."""
        self.local = [Share(self.counts)] if n == 1 else []
        self.done: list[Any] = []
        self.conns: list[Any] = []
        self.processes: list[Any] = []
        if n > 1:
            ctx = mp.get_context("fork")
            for slot in range(n):
                parent, child = ctx.Pipe()
                process = ctx.Process(target=_worker, args=(child, list(self.conns), os.getpid(), self.counts, slot),
                                      daemon=True)
                process.start()
                self.processes.append(process)
                child.close()
                self.conns.append(parent)

    def owner(self, path: str) -> int:
        return int(hashlib.sha1(path.encode()).hexdigest()[:8], 16) % self.n

    def progress(self) -> int:
        """Files read or pages rendered so far by the running call, over all workers."""
        return sum(self.counts)

    def call(self, name: str, per_share: list[tuple[Any, ...]] | None = None) -> list[Any]:
        """Run Share.name on every share at once (args per share), results in share order."""
        self.start(name, per_share)
        return self.finish()

    def start(self, name: str, per_share: list[tuple[Any, ...]] | None = None) -> None:
        """Send the call to every share; finish() collects the results (the parent works meanwhile)."""
        args = per_share or [() for _ in range(self.n)]
        if self.local:
            self.done = [getattr(self.local[0], name)(*args[0])]
            return
        for conn, a in zip(self.conns, args, strict=True):
            conn.send((name, a))

    def tell(self, message: tuple[str, Any]) -> None:
        """Send every worker a message that a running call waits for (Share.render's shell)."""
        for conn in self.conns:
            conn.send(message)

    def finish(self) -> list[Any]:
        if self.local:
            return self.done
        results = []
        for conn in self.conns:
            status, value = conn.recv()
            if status != "ok":
                raise WorkerError(value)
            results.append(value)
        return results


_pool: dict[str, Shares] = {}


def close() -> None:
    """End the workers and free what they hold (a build is done with them once pages are written;
    Pagefind then has their memory)."""
    shares = _pool.pop("shares", None)
    if shares is None:
        return
    for conn in shares.conns:
        try:
            conn.send(("stop", ()))
            conn.close()
        except OSError:
            pass
    for process in shares.processes:
        process.join(timeout=10)
def kill() -> None:
    """End the workers at once: after a failed build nothing they are writing is wanted, and
    waiting for a worker halfway through 10,000 pages would keep the user waiting for nothing."""
    shares = _pool.pop("shares", None)
    if shares is None:
        return
    for process in shares.processes:
        process.kill()
    for process in shares.processes:
        process.join()
    for conn in shares.conns:
        conn.close()


def progress() -> int:
    """Files read or pages rendered by the running call (0 with no workers: never starts them)."""
    shares = _pool.get("shares")
    return shares.progress() if shares is not None else 0


def pool(count: int = 0) -> Shares:
    """The session's workers; started on first use, one per core when the site is big enough."""
    if "shares" not in _pool:
        n = jobs() if count >= PARALLEL_FROM and can_fork() else 1
        _pool["shares"] = Shares(n)
    return _pool["shares"]
