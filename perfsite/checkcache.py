"""`perfsite check` at scale: remember each file's findings, keyed by its content.

A file whose bytes (and its CSV's, and site.yaml's, and perfsite's version) are unchanged gives
the same problems, so only changed files are read and scored again. The cache lives in the
user's cache folder, never in the data tree; a damaged or foreign cache is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from perfsite.dataset import Dataset, Facts, FileResult, TreeRead, file_digest, load_document, load_tree
from perfsite.dates import lifted_later
from perfsite.executor import Pool
from perfsite.problems import Problem
from perfsite.processes import can_fork
from perfsite.processes import jobs as default_jobs
from perfsite.progress import Progress, Ticker
from perfsite.siteconfig import SiteConfig

Entry = tuple[str, list[Problem], Facts | None]
"""What the cache keeps of a file: (digest, problems, facts)."""


def cache_file(root: Path) -> Path:
    """One cache file per data folder, under $PERFSITE_CACHE or ~/.cache/perfsite, named by the
    data folder's last two names (`site/data`), not its absolute path: CI restores the cache
    into a checkout whose place changes (a GitLab runner's `/builds/<token>/<n>/`), and a name
    holding that place never hit there. The two names keep two projects on one machine in files
    of their own (a shared file would be rewritten by each in turn); two that share the names
    share the file, and only its speed: an entry is used only when the file's digest (its bytes,
    site.yaml's, the code's and the data folder as seen from where check runs) is the same."""
    base = Path(os.environ.get("PERFSITE_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "perfsite")
    key = hashlib.sha256("/".join(root.resolve().parts[-2:]).encode()).hexdigest()[:16]
    return base / f"check-{key}.pickle"


def _load(path: Path) -> dict[str, Entry]:
    try:
        with path.open("rb") as handle:
            stored = pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return {}
    return stored if isinstance(stored, dict) else {}


def _save(path: Path, entries: dict[str, Entry]) -> None:
    temp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=".check-", delete=False) as handle:
            temp = handle.name
            pickle.dump(entries, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    except OSError:  # a cache that cannot be written (a full disk) only costs time; no half-written file stays
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)


PARALLEL_FROM = 400
"""Below this many files to read, starting worker processes costs more than it saves."""
STAGE = "检查"


@dataclass(frozen=True)
class CheckRequest:
    """Read and check these files (a share of those the cache could not answer)."""

    root: Path
    site: SiteConfig
    base: Path
    files: list[tuple[str, str]]
    """(path, digest) of each file."""
    salt: bytes = b""
    tables: frozenset[str] | None = None
    """What the digests were taken with (TreeRead's): each file's is taken again after it is read."""


def unchanged(path: str, digest: str, request: CheckRequest) -> str:
    """`digest` when the file still has it after it was read, else "" (its findings are reported
    and not kept): a file changed between the digest and the read would have the findings of
    other bytes kept under that digest, and reported again, stale, once the file is put back.
    A second digest of each file read (not of those the cache answers): a few percent of a read."""
    try:
        return digest if digest and file_digest(path, request.salt, request.tables) == digest else ""
    except OSError:
        return ""


class Checker:
    """A check worker's handler: each file's problems and facts (nothing is kept between calls)."""

    def __init__(self, counts: Any, slot: int, inbox: Any = None) -> None:
        self.counts, self.slot = counts, slot

    def handle(self, request: CheckRequest) -> list[FileResult]:
        out = []
        self.counts[self.slot] = 0
        for path, digest in request.files:
            _, facts, problems = load_document(Path(path), request.root, request.site, request.base)
            out.append(FileResult(path, unchanged(path, digest, request), problems, facts))
            self.counts[self.slot] += 1
        return out


def check_tree(root: Path, base: Path | None = None, use_cache: bool = True, jobs: int | None = None,
               progress: Progress | None = None) -> Dataset:
    """What `check` reports: every file's problems and facts, re-reading only changed files.

    Files to read are shared among worker processes (one per core) when there are many;
    `progress` hears of the files read (files the cache answers count as done at once).
    """
    store = cache_file(root)
    old = _load(store) if use_cache else {}
    new: dict[str, Entry] = {}

    def read(job: TreeRead) -> list[FileResult]:
        found: dict[str, FileResult] = {}
        misses: list[tuple[str, str]] = []
        for path in job.paths:
            try:
                digest = file_digest(path, job.salt, job.tables)
            except OSError:
                digest = ""
            hit = old.get(_key(job.root, path))
            if hit is not None and digest and hit[0] == digest:
                found[path] = FileResult(path, digest, hit[1], hit[2])
            else:
                misses.append((path, digest))
        total = len(job.paths)
        tell = progress or (lambda stage, done, total: None)
        tell(STAGE, total - len(misses), total)
        count = jobs or default_jobs()
        pool = Pool(count if len(misses) >= PARALLEL_FROM and can_fork() else 1, Checker, "检查数据")
        shares: list[list[tuple[str, str]]] = [[] for _ in range(pool.n)]
        for item in misses:
            shares[pool.owner(item[0])].append(item)
        ticker = (Ticker(progress, STAGE, total, lambda: total - len(misses) + pool.progress())
                  if progress is not None and misses else None)
        try:
            for part in pool.call([CheckRequest(job.root, job.site, job.base, share, job.salt, job.tables) for share in shares]):
                found.update((r.path, r) for r in part)
        finally:
            if ticker is not None:
                ticker.stop()
            pool.close()
        results = [found[path] for path in job.paths]
        new.update((_key(job.root, r.path), (r.digest, r.problems, r.facts)) for r in results
                   if not lifted_later(r.problems))
        return results

    data = load_tree(root, base, read).dataset
    if use_cache:
        _save(store, new)
    return data


def _key(root: Path, path: str) -> str:
    return Path(path).relative_to(root).as_posix()
