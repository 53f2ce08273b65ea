"""`perfsite check` at scale: remember each file's findings, keyed by its content.

A file whose bytes (and its CSV's, and site.yaml's, and perfsite's version) are unchanged gives
the same problems, so only changed files are read and scored again. The cache lives in the
user's cache folder, never in the data tree; a damaged or foreign cache is ignored.
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
import pickle
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from perfsite import __version__
from perfsite.dataset import SITE_FILE, Dataset, Facts, cross_checks, load_one, programme_files
from perfsite.indicator_csv import MAX_BYTES as CSV_BYTES
from perfsite.problems import Problem, relpath
from perfsite.reader import csv_beside
from perfsite.safefile import read_limited
from perfsite.siteconfig import SiteConfig, load_site
from perfsite.yamlload import MAX_BYTES as YAML_BYTES

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


def file_digest(path: Path, salt: bytes) -> str:
    """A programme file's content digest with its indicator CSV's; "" for a file the reader
    would refuse (special, linked, too large): it is then read again every time, never cached."""
    h = hashlib.sha256(salt)
    try:
        h.update(read_limited(path, YAML_BYTES))
        csv = csv_beside(path)
        if os.path.lexists(csv):
            h.update(b"\0csv\0")
            h.update(read_limited(csv, CSV_BYTES))
    except OSError:
        return ""
    return h.hexdigest()


def site_bytes(path: Path) -> bytes:
    """site.yaml's bytes for the cache key; b"" when absent or refused (load_site says why)."""
    try:
        return read_limited(path, YAML_BYTES) if os.path.lexists(path) else b""
    except OSError:
        return b"\0refused"


def _load(path: Path) -> dict[str, Entry]:
    try:
        with path.open("rb") as handle:
            stored = pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return {}
    return stored if isinstance(stored, dict) else {}


def _save(path: Path, entries: dict[str, Entry]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as handle:
            pickle.dump(entries, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass  # a cache that cannot be written only costs time


PARALLEL_FROM = 400
"""Below this many files to read, starting worker processes costs more than it saves."""


def check_tree(root: Path, base: Path | None = None, use_cache: bool = True, jobs: int | None = None) -> Dataset:
    """What `check` reports: every file's problems and facts, re-reading only changed files.

    Files to read are shared among worker processes (one per core) when there are many.
    """
    base = base if base is not None else Path.cwd()
    site_path = root / SITE_FILE
    site, site_problems = load_site(site_path, relpath(site_path, base))
    data = Dataset(root, site, problems=list(site_problems.items))
    salt = code_digest() + (str(base.resolve()) + "\0").encode() + site_bytes(site_path)
    store = cache_file(root)
    old = _load(store) if use_cache else {}
    new: dict[str, Entry] = {}
    misses: list[tuple[str, Path, str]] = []
    for path in programme_files(root):
        data.files += 1
        key = path.relative_to(root).as_posix()
        digest = file_digest(path, salt)
        hit = old.get(key)
        if hit is not None and digest and hit[0] == digest:
            new[key] = hit
        else:
            misses.append((key, path, digest))
    for (key, _, _), entry in zip(misses, _read_all(misses, root, site, base, jobs), strict=True):
        new[key] = entry
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
    scored, problems = load_one(path, _shared["root"], _shared["site"], _shared["base"])  # type: ignore[arg-type]
    return digest, problems, Facts.of(scored) if scored else None


def _read_all(misses: list[tuple[str, Path, str]], root: Path, site: SiteConfig, base: Path,
              jobs: int | None) -> list[Entry]:
    _shared.update(root=root, site=site, base=base)
    workers = jobs or os.cpu_count() or 1
    if workers < 2 or len(misses) < PARALLEL_FROM or "fork" not in mp.get_all_start_methods():
        return [_read(item) for item in misses]
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
        return list(pool.map(_read, misses, chunksize=64))
