"""`perfsite check` at scale: remember each file's findings, keyed by its content.

A file whose bytes (and its CSV's, and site.yaml's, and perfsite's version) are unchanged gives
the same problems, so only changed files are read and scored again. The cache lives in the
user's cache folder, never in the data tree; a damaged or foreign cache is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing as mp
import os
import pickle
import signal
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from perfsite import __version__, processes
from perfsite.dataset import SITE_FILE, Dataset, Facts, cross_checks, file_digest, load_document, scan_tree
from perfsite.problems import Problem, relpath
from perfsite.progress import Progress
from perfsite.siteconfig import SiteConfig, load_site

Entry = tuple[str, list[Problem], Facts | None]


def cache_file(root: Path) -> Path:
    """One cache file per data folder, under $PERFSITE_CACHE or ~/.cache/perfsite."""
    base = Path(os.environ.get("PERFSITE_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "perfsite")
    key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    return base / f"check-{key}.pickle"


def code_digest() -> bytes:
    """The core's own source: a cache written by other code (an upgrade, a fix) is not trusted."""
    h = hashlib.sha256(__version__.encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        h.update(module.name.encode())
        h.update(module.read_bytes())
    return h.digest()


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


def check_tree(root: Path, base: Path | None = None, use_cache: bool = True, jobs: int | None = None,
               progress: Progress | None = None) -> Dataset:
    """What `check` reports: every file's problems and facts, re-reading only changed files.

    Files to read are shared among worker processes (one per core) when there are many;
    `progress` hears of each file read (files the cache answers count as done at once).
    """
    base = base if base is not None else Path.cwd()
    site_path = root / SITE_FILE
    site, site_problems = load_site(site_path, relpath(site_path, base))
    data = Dataset(root, site, problems=list(site_problems.items))
    salt = code_digest() + file_digest(site_path, (str(base.resolve()) + "\0").encode()).encode()
    store = cache_file(root)
    old = _load(store) if use_cache else {}
    new: dict[str, Entry] = {}
    misses: list[tuple[str, Path, str]] = []
    tree = scan_tree(root, base)
    data.problems.extend(tree.skipped)
    for path in tree.files:
        data.files += 1
        key = path.relative_to(root).as_posix()
        try:
            digest = file_digest(path, salt)
        except OSError:
            digest = ""
        hit = old.get(key)
        if hit is not None and digest and hit[0] == digest:
            new[key] = hit
        else:
            misses.append((key, path, digest))
    tell = progress or (lambda stage, done, total: None)
    hits = len(tree.files) - len(misses)
    tell("检查", hits, len(tree.files))
    for done, ((key, _, _), entry) in enumerate(zip(misses, _read_all(misses, root, site, base, jobs), strict=True), 1):
        new[key] = entry
        tell("检查", hits + done, len(tree.files))
    for key in sorted(new):
        _, problems, facts = new[key]
        data.problems.extend(problems)
        if facts is not None:
            data.facts.append(facts)
    data.problems.extend(cross_checks(data.facts))
    if use_cache:
        _save(store, new)
    return data


_shared: dict[str, object] = {}


def _read(item: tuple[str, Path, str]) -> Entry:
    _, path, digest = item
    _, facts, problems = load_document(path, _shared["root"], _shared["site"], _shared["base"])  # type: ignore[arg-type]
    return digest, problems, facts


def _ignore_interrupt() -> None:
    """Ctrl-C reaches the whole process group: the parent ends quietly, its workers must not
    each print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _read_all(misses: list[tuple[str, Path, str]], root: Path, site: SiteConfig, base: Path,
              jobs: int | None) -> Iterator[Entry]:
    """Each file's entry, in order, as it is read (so progress can be shown)."""
    _shared.update(root=root, site=site, base=base)
    workers = jobs or processes.jobs()
    if workers < 2 or len(misses) < PARALLEL_FROM or not processes.can_fork():
        yield from (_read(item) for item in misses)
        return
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork"), initializer=_ignore_interrupt) as pool:
        yield from pool.map(_read, misses, chunksize=64)
