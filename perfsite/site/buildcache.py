"""The build cache: what a build made of each input, kept in a folder between runs (CI keeps it
with actions/cache or GitLab's cache:), found again by content, so a build after a one-file data
commit redoes only what that file touches and still publishes the bytes a build from nothing would.

Every entry is content-addressed: its key is a digest of all its output depends on. The data
file's digest (its bytes, its indicator CSV, site.yaml and the core's code: perfsite.dataset's
file_digest), the *version* (every file of the perfsite package, the Python version), and per
kind what else it reads: a page the site settings, mkdocs.yml and the site's templates (not the
shell MkDocs renders around it: that is filled in at each build); a Pagefind index the stubs it
indexes and Pagefind's version. No key holds an absolute path: a data file is named relative to the
project (project_path), so a copy of the project elsewhere (a CI runner's varying checkout
folder) with its cache, or a build started from another folder, finds every entry; the one
exception is `site`, the record of a site folder, which is of that folder alone. The one date in a cached output, a year zip's entry time
(SOURCE_DATE_EPOCH, which CI sets per commit), is written anew on reuse, so it is no part of a
key. A changed input gives a new key, so no entry is ever invalidated or changed in place: the
old one is no longer asked for, and `prune` removes it.

Kinds (a folder each):
- `pack`: many small entries in one file (PackWriter), each piece with its SHA-256: what a
  worker read of each data file (what the worker holds of it, with the summary for the
  parent pickled apart inside, forwarded unopened; then its /data/ pieces: `load` entries)
  and each 自评's comparison with its 绩效目标表. Each worker writes one pack per build with
  the files it read anew; the next build opens a few packs instead of a file per data file, and
  the /data/ pieces are read where they lie (the pack is linked into the build's spool folder);
- `whole`: a page as written (the shell filled in), its downloads and its search stub, keyed by
  the page's inputs and the shell's digest: hard-linked into the site when both are unchanged (the
  stub, a copy of its own in the cache, is copied into the build's stubs folder only when its
  index must be made again: a folder per stub is a new inode each); a flat entry, its index and
  its files `<key>.<n>` side by side in the key's bucket (no folder of its own). The index also
  keeps the page's title and head values: when the shell changed, the page is filled from the
  entry the last build's shell made, its content taken out of that shell (workers.Writing.cached),
  so a page is kept once. A `page` entry (a page without the shell, beside it) would store the
  content, downloads and stub a second time: about 33 KB, a SHA-256 and a new file per page of
  a cold build. None is made; `page` is a kind still so that prune removes those an older
  perfsite left;
- `shard` (one Pagefind index): flat like `whole`;
- `data` (a year's /data/ bundle, its zip apart): a folder of files;
  `data` also holds blobs: a year's rows of each site-wide sheet, deflated (perfsite.opendata.workbook.Segment);
- `listing`: a listing's pages (HTML fragments MkDocs puts in the theme) and its CSV and JSON
  twins, keyed by what it shows (perfsite.site.pages.Listings);
- `shell`: the digest of the shell the last build with the same settings had (a blob keyed by
  them): a build links the pages the cache holds with it before MkDocs has rendered this build's
  shell (perfsite.site.session.BuildSession.start_programmes), and writes them again if it differs;
- `site`: what the last build wrote into a site folder's projects/ (a blob keyed by the folder:
  the shell's digest, each page's `whole` key, when it was done): the next build into that
  folder keeps the tree rather than link every page again (perfsite.site.session.SiteRecord);
- `prose`: a docs/ page as MkDocs converted it from Markdown (perfsite.site.memo.Memo, keyed in
  perfsite_mkdocs.conventions.converted by its text and everything the conversion reads);
- `stamp`: each `whole` file a build linked, as it stood right after the link (`Stamps`; a blob
  per worker): the next build takes the file whose stat is still that one without hashing it.

Why it is safe to publish from:
- an entry is made aside (tmp/) and renamed into place in one step (a flat entry's index, once
  its files are linked beside it), so a reader finds a whole entry or none, and two builds
  making the same entry concurrently leave one of them;
- each piece's size and SHA-256 are in the entry's index (itself checksummed, with the entry's
  kind and key: an entry renamed under another key reads as damaged) and checked on
  every read: a truncated or damaged entry counts as absent (made again, replaced), never
  published. A 自评's /data/ pieces in a pack are checked where they are read, by the parent
  when their year's files are made again (perfsite.opendata.parts.SpoolFiles): damaged, they are
  made again from the file and the pack is not kept. `whole` and `shard` entries are checked by
  size, mtime_ns, inode and ctime, and by SHA-256 only when one of the last three moved
  (BuildCache.keep_linked says why): a linked file written to in place is no longer used, even
  with its times put back;
- the large files of `whole`, `data` and `shard` entries are hard-linked between the site and
  the cache where the file system allows (no copy); the cache only ever adds new files and
  renames them, and a build replaces a site file rather than write into it
  (perfsite.site.shell.write_file), so a linked file is never changed through the cache or a
  build; a site file changed in place shows as a damaged entry;
- after a build, `prune` removes every entry that build did not use: the cache holds about one
  site's worth, however many builds ran. It lists only the buckets that changed since the last
  prune (`names`, beside the kinds' folders: each bucket's keys, inode and mtime as that prune
  left them, Names), so what it does not list is what it left there itself.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import pickle
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from jinja2.bccache import Bucket, FileSystemBytecodeCache

import perfsite
from perfsite.failures import OS_ADVICE
from perfsite.safefile import write_new

CACHE_ENV = "PERFSITE_BUILD_CACHE"
"""The cache folder; `0` (what `perfsite build --no-cache` sets) turns the cache off."""
FOLDER = ".perfsite-cache"
"""The default cache folder, beside mkdocs.yml (git-ignored in a new project)."""
OFF = ("0", "off", "no", "false")
FORMAT = "v1"
"""The layout of the folder; another layout's entries are removed by prune."""
MAGIC = b"perfsite-cache-1\n"
KINDS = ("pack", "page", "whole", "data", "shard", "listing", "shell", "site", "prose", "stamp")
STALE_SECONDS = 3600
"""An unfinished entry in tmp/ older than this was left by a killed build."""

NAMES = "names"
"""The file beside the kinds' folders that records each bucket's keys as the last prune left them (Names)."""
RACY_NS = 2_000_000_000
"""How much older than the moment it is looked at a bucket's mtime must be for Names to record it."""

NOWHERE = Path("/nonexistent/perfsite-pruned")
"""prune's folder aside when none could be made: nothing is moved to it."""

Stamp = tuple[str, int, int, int, int]
"""A flat entry's file as a build last saw it the stored one: its name, inode, size, mtime_ns, ctime_ns."""
Stamps = dict[str, tuple[Stamp, ...]]
"""A flat entry's key → each of its files (in order: `<key>.0`, `<key>.1`, …) as the last build
using it left it: after it linked the file (BuildCache.place: a link moves the ctime), or as its
check found it (a file left in the cache). Any write since moves the ctime again
(BuildCache.keep_linked). Kept per worker (BuildCache.keep_stamps)."""

Known = tuple[int, str]
"""A written file's size and SHA-256 (hex), as its writer hashed it (BuildCache.store)."""

Place = Callable[[str], Path | None]
"""Where a stored file goes back to (its path in the entry → a path, or None to leave it)."""


def cache_folder(project: Path) -> Path | None:
    """$PERFSITE_BUILD_CACHE, else `.perfsite-cache/` beside mkdocs.yml; None when turned off."""
    value = os.environ.get(CACHE_ENV, "").strip()
    if value.lower() in OFF:
        return None
    return Path(value).absolute() if value else project / FOLDER


def project_path(path: str, project: Path | str) -> str:
    """A data file's path as the entries made from it are keyed and kept: relative to the project
    (the folder the build names files from, mkdocs.yml's), so a project copied or checked out
    elsewhere finds the entries its last build made (a GitLab runner's `/builds/<token>/<n>/`
    differs between concurrent jobs, a self-hosted runner's between runners; a key holding the
    absolute path never hit there). What a file's entries hold depends on where it is only
    through that relative path (messages name the file by it; the data folder's own place is in
    the tree's salt, perfsite.dataset.load_tree) and otherwise on the bytes its digest covers, so
    two projects' files under the same relative path share an entry only when their outputs are
    the same. A file outside the project is named by its path as given, as its messages name it."""
    prefix = os.path.join(str(project), "")
    return path[len(prefix):] if path.startswith(prefix) else path


def files_below(root: str) -> list[tuple[str, str]]:
    """(relative POSIX name, path) of each file below `root`, in the order sorted Paths take
    (name by name, folder by folder). By os.scandir: Path.rglob, is_file and relative_to cost a
    Pagefind index of 1,283 files 22 ms of the 55 its storing took (at 10,000 programmes, nine
    indexes on the search's critical path), this about 3."""
    found: list[tuple[str, str]] = []
    with os.scandir(root) as listed:
        entries = sorted((entry.name, entry.path, entry.is_dir(follow_symlinks=False), entry.is_file())
                         for entry in listed)
    for name, path, is_dir, is_file in entries:
        if is_dir:
            found += [(f"{name}/{below}", at) for below, at in files_below(path)]
        elif is_file:
            found.append((name, path))
    return found


def tree_digest(*roots: Path) -> str:
    """SHA-256 of the files under each root (or of the file itself), by relative path; a missing
    root counts as empty. Used for the code version and a site's templates and settings."""
    h = hashlib.sha256()
    for root in roots:
        h.update(b"\0root\0" + str(root.name).encode())
        if root.is_file():
            h.update(root.read_bytes())
            continue
        if not root.is_dir():
            continue
        for name, path in files_below(str(root)):
            if "__pycache__" not in name.split("/") and os.path.splitext(name)[1] != ".pyc":
                h.update(b"\0" + name.encode() + b"\0")
                with open(path, "rb") as handle:
                    h.update(handle.read())
    return h.hexdigest()


OUTPUT_LIBRARIES = ("jinja2", "markupsafe", "markdown-it-py", "pyyaml", "pypinyin")
"""The libraries whose version shapes what a build writes: Jinja and MarkupSafe (every page and
its escaping), markdown-it (a document's text), PyYAML (the values read), pypinyin (ids and the
order of names). An upgrade of one changes every key, as a change of perfsite does: entries
made by the old one would otherwise be published beside pages the new one renders."""


def code_version() -> str:
    """Every file of the perfsite package (code, templates, assets), the Python version, zlib's
    (it deflates /data/'s zips and workbooks, kept compressed) and OUTPUT_LIBRARIES' versions:
    a change in any of them gives every entry a new key (the core's own file digest covers only
    the core's modules)."""
    return hashlib.sha256(f"{perfsite.__version__}\0{sys.version_info[:3]}\0{FORMAT}\0{zlib.ZLIB_RUNTIME_VERSION}\0"
                          f"{library_versions()}\0".encode()
                          + tree_digest(Path(perfsite.__file__).parent).encode()).hexdigest()


def library_versions() -> str:
    """OUTPUT_LIBRARIES as installed (name=version, blank when absent)."""
    found = []
    for name in OUTPUT_LIBRARIES:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=")
    return " ".join(found)


def _seal(payload: bytes, place: str = "") -> bytes:
    """MAGIC, the SHA-256 of `place` and `payload`, the payload. `place` (an entry's kind and key)
    binds the payload to where it is stored: an entry's file renamed or copied under another key
    (a cache restored by hand, two entries swapped) reads as damaged there, not as that key's."""
    return MAGIC + hashlib.sha256(place.encode() + b"\0" + payload).digest() + payload


def _unseal(data: bytes, place: str = "") -> bytes | None:
    """_seal's payload, None when `data` is not sealed or not for `place`. The payload is hashed
    where it lies in `data` and copied once, when it checks: slicing it out and joining `place`
    to it would copy it twice more. The listings a one-file rebuild at 10,000 programmes with
    绩效目标表 takes back are 60 MB: 0.048 CPU s to unseal this way, 0.053–0.071 with the copies."""
    head = len(MAGIC) + 32
    if len(data) < head or not data.startswith(MAGIC):
        return None
    h = hashlib.sha256(place.encode() + b"\0")
    h.update(memoryview(data)[head:])
    return data[head:] if h.digest() == data[len(MAGIC):head] else None


def _link_or_write(source: Path | str, target: Path | str, content: bytes) -> None:
    """`target` as a hard link of `source`, else (another file system, no links) a copy of `content`."""
    try:
        os.link(source, target)
        return
    except FileExistsError:
        os.unlink(target)
    except FileNotFoundError:
        if not os.path.isdir(os.path.dirname(target)):
            raise  # no folder to put it in: the caller makes it
        write_new(str(target), content)  # pruned by another build since it was checked: the bytes are here
        return
    except OSError as error:
        if error.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
        write_new(str(target), content)
        return
    try:
        os.link(source, target)
    except OSError:
        write_new(str(target), content)


def _keep_file(written: str | None, stored: str, content: bytes) -> None:
    """A flat entry's file at `stored`: linked to `written`, or `content` written anew without it
    (a file there already, a killed build's, is replaced)."""
    if written is not None:
        _link_or_write(written, stored, content)
        return
    try:
        write_new(stored, content)
    except FileExistsError:
        os.unlink(stored)
        write_new(stored, content)


@dataclass(frozen=True)
class Stored:
    """An entry's files, checked: (name, the file in the cache, its bytes)."""

    files: list[tuple[str, Path, bytes]]

    def contents(self) -> list[tuple[str, bytes]]:
        return [(name, content) for name, _, content in self.files]

    def content(self, name: str) -> bytes:
        return next(content for found, _, content in self.files if found == name)

    def place(self, where: Place) -> None:
        """Link (or copy) each file to where `where` puts it (None: leave it)."""
        for name, stored, content in self.files:
            target = where(name)
            if target is not None:
                if not target.parent.is_dir():
                    target.parent.mkdir(parents=True, exist_ok=True)
                _link_or_write(stored, target, content)


@dataclass(frozen=True)
class Linkable:
    """A flat entry's files, checked (BuildCache.check): (name, its file in the cache, its size)."""

    base: str
    files: list[tuple[str, str, int]]
    placed: bool = False
    """Its files are already where they go (BuildCache.check's `at`): nothing to link."""
    seen: tuple[Stamp, ...] = ()
    """Each file as the check found it (in the cache: without `at`)."""


Damage = Callable[[], object]
"""Called when an entry asked for is there but damaged (BuildCache.read and check): noted for the operator."""


def _usable(index: bytes | None, base: str, at: Callable[[str], str | None] | None,
            known: tuple[Stamp, ...] = ()) -> list[Stamp] | None:
    """A flat entry's files as checked (BuildCache.check), or None when its index is damaged or a
    file of it is not the one stored: another size, or another mtime, inode or ctime and other
    bytes. A file whose stat moved is hashed, not refused: a cache CI restores from an archive
    (actions/cache, GitLab's cache:) has every file anew, another inode (and ctime, and mtime in
    whole seconds), and refusing them made a rebuild there fill and write every page again
    (10,000 pages, 510 MB) and tell the operator each entry was damaged; hashing them is about
    1 s of CPU at 10,000 programmes (535 MB). A file whose stat is the one `known` (Stamps) holds
    for it is not hashed: a build found it the stored one, and nothing wrote to it since."""
    try:
        listed = json.loads(index.partition(b"\n")[0]) if index is not None else None
        if not isinstance(listed, list):
            return None
        if len(known) != len(listed):
            known = ()
        seen: list[Stamp] = []
        for number, (name, size, mtime, inode, ctime, digest) in enumerate(listed):
            placed = at(name) if at is not None else None
            path = placed or f"{base}.{number}"
            found = os.stat(path)
            if found.st_size != size:
                return None
            stat: Stamp = (name, found.st_ino, size, found.st_mtime_ns, found.st_ctime_ns)
            if ((found.st_mtime_ns, found.st_ino, found.st_ctime_ns) != (mtime, inode, ctime)
                    and (placed or not known or known[number] != stat)
                    and not same_content(path, size, digest)):
                return None
            seen.append(stat)
    except (OSError, ValueError, TypeError):
        return None
    return seen


def _unmoved(base: str, known: tuple[Stamp, ...]) -> bool:
    """Whether each file of the entry at `base` still stands as `known` (Stamps) has it."""
    try:
        for number, (_, inode, size, mtime, ctime) in enumerate(known):
            found = os.stat(f"{base}.{number}")
            if (found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns) != (inode, size, mtime, ctime):
                return False
    except OSError:
        return False
    return bool(known)


@dataclass(frozen=True)
class BuildCache:
    """A cache folder and the version its entries are keyed with (picklable: workers get it)."""

    folder: Path
    version: str

    @classmethod
    def at(cls, folder: Path | None) -> BuildCache | None:
        return None if folder is None else cls(folder, code_version())

    def unwritable(self) -> str | None:
        """Why entries cannot be made in the folder, as the sentence a build logs (a read-only or
        full disk, no permission, a file where the folder goes), or None. A build asks once, before
        anything relies on the folder, and builds without the cache when it cannot write there: a
        cache only saves time, yet its first write (a worker's pack, the pages' folder, a compiled
        template) stopped the build. Probed by making a small entry's worth (4 KiB) aside and
        removing it. A disk that fills later: what cannot be written is passed over (`write`,
        `store`, `keep_linked`, a pack's copies, `prune`), unless it is the site's disk too (the pages'
        folder, a pack the /data/ pieces are read from): then the build stops with the disk's message."""
        try:
            probe = self.scratch("probe-")
            try:
                write_new(str(probe / "probe"), bytes(4096))
            finally:
                shutil.rmtree(probe, ignore_errors=True)
        except OSError as error:
            reason = OS_ADVICE.get(error.errno or 0, "无法写入")
            return f"构建缓存 {self.folder} 无法写入（{reason}）：本次不使用构建缓存，全部重新生成，发布的网站不受影响"
        return None

    def key(self, *parts: str) -> str:
        """The key of an entry whose output depends on `parts` (and the version)."""
        h = hashlib.sha256(self.version.encode())
        for part in parts:
            h.update(b"\0" + part.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / FORMAT / kind / key[:2] / key

    def _tmp(self) -> Path:
        tmp = self.folder / FORMAT / "tmp"
        tmp.mkdir(parents=True, exist_ok=True)
        return tmp

    def scratch(self, prefix: str) -> Path:
        """A new folder beside the entries (the same file system: files link into it, and it can
        be renamed away); one a killed build left is removed by a later prune."""
        return Path(tempfile.mkdtemp(dir=self._tmp(), prefix=prefix))

    # --- blobs

    def entry_file(self, kind: str, key: str) -> str:
        """An entry's path as text (whether it is there is a stat, not a read)."""
        return self._file(kind, key)

    def _file(self, kind: str, key: str) -> str:
        """An entry's path as text (a build reads tens of thousands: pathlib's objects cost more than the read)."""
        return f"{self.folder}/{FORMAT}/{kind}/{key[:2]}/{key}"

    def read(self, kind: str, key: str, damaged: Damage | None = None) -> bytes | None:
        """The payload stored under `key`, or None (absent, truncated or damaged: `damaged` is
        called when it was there but damaged or truncated)."""
        try:
            with open(self._file(kind, key), "rb") as handle:
                payload = _unseal(handle.read(), f"{kind}/{key}")
        except OSError:
            return None
        if payload is None and damaged is not None:
            damaged()
        return payload

    def write(self, kind: str, key: str, payload: bytes) -> None:
        """Store `payload` under `key` (a cache that cannot be written only costs time)."""
        target = self._file(kind, key)
        temp = f"{self.folder}/{FORMAT}/tmp/{key[:16]}-{os.getpid()}-{threading.get_ident()}-{time.monotonic_ns()}"
        try:
            try:
                write_new(temp, _seal(payload, f"{kind}/{key}"))
            except FileNotFoundError:
                self._tmp()
                write_new(temp, _seal(payload, f"{kind}/{key}"))
            try:
                os.replace(temp, target)
            except FileNotFoundError:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.replace(temp, target)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp)

    def drop(self, kind: str, key: str) -> None:
        """Remove a blob (one that would no longer be true)."""
        with contextlib.suppress(OSError):
            os.unlink(self._file(kind, key))

    # --- folders of files

    def fetch(self, kind: str, key: str) -> Stored | None:
        """The files of entry `key`, each checked; None when the entry is absent or any file of
        it is truncated or damaged (then none of it is used)."""
        folder = self._path(kind, key)
        try:
            index = _unseal((folder / "index").read_bytes(), f"{kind}/{key}")
            listed = json.loads(index) if index is not None else None
            if not isinstance(listed, list):
                return None
            checked: list[tuple[str, Path, bytes]] = []
            for number, (name, size, digest) in enumerate(listed):
                stored = folder / str(number)
                content = stored.read_bytes()
                if len(content) != size or hashlib.sha256(content).hexdigest() != digest:
                    return None
                checked.append((str(name), stored, content))
        except (OSError, ValueError, TypeError):
            return None
        return Stored(checked)

    def store(self, kind: str, key: str, files: Mapping[str, tuple[Path | None, bytes | Known]]) -> None:
        """Store `files` (name → (the file written with these bytes, or None; the bytes, or the
        written file's size and SHA-256 when the caller has them: the file is then linked without
        being read, or copied from where it is)) as entry `key`: linked to the written file where
        the file system allows, else copied."""
        with contextlib.suppress(OSError):
            target = self._path(kind, key)
            if target.is_dir():
                return  # made by another build meanwhile: the same bytes, by its key
            work = Path(tempfile.mkdtemp(dir=self._tmp(), prefix=f"{key[:16]}-"))
            try:
                listed = []
                for number, (name, (written, content)) in enumerate(files.items()):
                    if isinstance(content, tuple) and written is not None:
                        link_file(str(written), str(work / str(number)), content[0])
                        listed.append([name, *content])
                        continue
                    assert isinstance(content, bytes)
                    if written is None:
                        write_new(str(work / str(number)), content)
                    else:
                        _link_or_write(written, work / str(number), content)
                    listed.append([name, len(content), hashlib.sha256(content).hexdigest()])
                write_new(str(work / "index"), _seal(json.dumps(listed, ensure_ascii=False).encode(), f"{kind}/{key}"))
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.rename(work, target)
                except OSError as error:
                    if error.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                        raise
                    self._replace_damaged(kind, key, work)
            finally:
                if work.exists():
                    shutil.rmtree(work, ignore_errors=True)

    def _replace_damaged(self, kind: str, key: str, work: Path) -> None:
        """Another entry sits at `key`: kept when it reads back whole, else replaced by `work`."""
        if self.fetch(kind, key) is not None:
            return
        target = self._path(kind, key)
        aside = Path(tempfile.mkdtemp(dir=self._tmp(), prefix="damaged-"))
        os.rename(target, aside / "old")
        shutil.rmtree(aside, ignore_errors=True)
        os.rename(work, target)

    # --- whole files, linked

    def link(self, kind: str, key: str, where: Callable[[str, str], str | None]) -> int | None:
        """Hard-link (or copy) the files of entry `key` to where `where` puts them (given each
        file's name and its path in the cache, it returns a path as text, or None to leave the
        file where it is: a search stub is placed only if its index must be made again); the
        bytes placed, or None when the entry is absent or any file of it is no longer the one
        stored (then nothing is placed). Checked by size, mtime_ns, inode and ctime_ns as
        recorded at store time, by content only when one of them moved: see `keep_linked`.
        `check` and `place` are its two halves."""
        found = self.check(kind, key)
        return self.place(found, where) if found is not None else None

    def check(self, kind: str, key: str, at: Callable[[str], str | None] | None = None,
              damaged: Damage | None = None, stamps: Stamps | None = None) -> Linkable | None:
        """Entry `key`'s files as `link` would place them, each checked; None when the entry is
        absent (the usual miss: its inputs changed) or unusable: its index or a file of it
        damaged, truncated, deleted or written in place, or an entry of another key renamed to
        this one; then `damaged` is called (the build tells the operator it made the entry again:
        a cache kept by CI should not be damaged). With `at` (a file's name → where
        it was placed, or None), each file `at` names is checked there instead of in the cache:
        the same inode, size and mtime_ns as stored and the bytes stored (a ctime unmoved, or
        their SHA-256) means it is the stored file, untouched, and the entry comes back `placed`
        (a kept site folder: perfsite.site.session.SiteRecord). `stamps` (without `at`): an entry
        whose every file still stands as the last build using it left it is taken without reading
        its index (at 10,000 programmes with a 绩效目标表 each, 0.17 s of CPU per worker), and a
        file of it that does is not hashed (_usable)."""
        base = self._file(kind, key)
        known = stamps.get(key, ()) if stamps is not None and at is None else ()
        if known and _unmoved(base, known):
            return Linkable(base, [(name, f"{base}.{number}", size) for number, (name, _, size, _, _) in enumerate(known)],
                            False, known)
        try:
            with open(base, "rb") as handle:
                index = _unseal(handle.read(), f"{kind}/{key}")
        except OSError:
            return None
        seen = _usable(index, base, at, known)
        if seen is None:
            if damaged is not None:
                damaged()
            return None
        return Linkable(base, [(str(name), f"{base}.{number}", size) for number, (name, _, size, _, _) in enumerate(seen)],
                        at is not None, tuple(seen))

    @staticmethod
    def place(found: Linkable, where: Callable[[str, str], str | None], stamps: Stamps | None = None) -> int | None:
        """Link the files `check` found where `where` puts them; the bytes placed, None when one
        was pruned by another build since (the caller writes the files anew). `stamps`: the entry
        is noted there, each file linked as it stands after the link (a stat each), the others as
        the check found them."""
        placed = 0
        made: set[str] = set()
        after = list(found.seen) if stamps is not None and len(found.seen) == len(found.files) else None
        try:
            for number, (name, source, size) in enumerate(found.files):
                target = where(name, source)
                if target is not None:
                    folder = target.rpartition("/")[0]
                    if folder and folder not in made:  # a page's folder is new: made first, not after a failed link
                        make_folder(folder)
                        made.add(folder)
                    link_file(source, target, size)
                    placed += size
                    if after is not None:
                        now = os.stat(source)
                        after[number] = (name, now.st_ino, now.st_size, now.st_mtime_ns, now.st_ctime_ns)
        except OSError:
            return None
        if after is not None and stamps is not None:
            stamps[found.base.rpartition("/")[2]] = tuple(after)
        return placed

    def keep_linked(self, kind: str, key: str, files: Mapping[str, tuple[str | None, bytes]],
                    about: bytes = b"") -> tuple[Stamp, ...] | None:
        """Store `files` (name → (the file just written with these bytes, the bytes)) as entry `key`,
        and `about` (what else the entry's user keeps of it, in the index: `opened` gives it back),
        each file a hard link of the written one where the file system allows, else a copy. A file
        given without a path (None) is written into the cache, a copy of its own: one written
        where it is soon removed (a search stub: the build's stubs folder goes once Pagefind is
        done), as a link, would have its ctime moved by that removal, and the next build would
        read the entry's index and hash the file again (`check`: every page's, as a stub goes
        with each page; at 10,000 programmes with a 绩效目标表 each, 20,000 entries).

        The entry is flat: its files sit beside its index in the key's bucket (`<key>.0`, `<key>.1`,
        …), linked there first, then the index is put in place (written aside, renamed) and makes
        the entry. A folder per entry (made aside, renamed into place) would cost a cold build a
        new directory, an inode, per page besides the page's own, and the calls around it (at
        3,000 programmes about 8,700 of the build's 13,800 mkdir calls). A killed build leaves
        files without an index (no entry; `prune` removes them); two builds
        storing the same key link files of the same bytes (the key is their content's), and an
        index that names the other build's inode is checked against its file by SHA-256: the
        same bytes are used, other bytes passed over and stored again, never published wrong.

        The entry records each file's size, mtime_ns, inode, ctime_ns and SHA-256, and `check`
        compares the stat and reads the file only when its mtime, inode or ctime moved (as in a
        cache restored from an archive: _usable). A published site file is the cache's file
        (the same inode): written in place, its mtime moves, and so does its ctime, which utime
        cannot set back (`cp -p`, `rsync --inplace -t`, an editor keeping
        times, `touch -d` put the mtime back and move the ctime again). A ctime also moves when a
        link to the file is made or removed, as a build into another folder, or one after the
        site folder was deleted, does: then the bytes are hashed, and an entry whose bytes are no
        longer those stored is not used (the page is rendered again). Measured at 10,000 programmes (41,694 files, 535 MB, in the page cache,
        load average 10): hashing them all cost 0.90–0.98 s of CPU, a stat of each 0.09 s. A
        rebuild into the folder the last one wrote (`perfsite build`; the workers' kept tree) or
        the first into a new folder after a cold build hashes none (no link made since the
        entry was stored); one into a third folder hashes none either: the build before noted
        each file it linked as it stood after the link (`Stamps`, `place`), and a file still so
        is untouched since. A build after the site folder was removed hashes them all (the
        removal moved every ctime: about +1 s of CPU at 10,000). Returns the files as stored
        (Stamps), None when the entry could not be stored."""
        base = self._file(kind, key)
        with contextlib.suppress(OSError):
            listed = []
            stamps: list[Stamp] = []
            for number, (name, (written, content)) in enumerate(files.items()):
                stored = f"{base}.{number}"
                try:
                    _keep_file(written, stored, content)
                except FileNotFoundError:  # the key's bucket is not there yet (or `written` is gone)
                    os.makedirs(os.path.dirname(base), exist_ok=True)
                    _keep_file(written, stored, content)
                found = os.stat(stored)
                listed.append([name, found.st_size, found.st_mtime_ns, found.st_ino, found.st_ctime_ns,
                               hashlib.sha256(content).hexdigest()])
                stamps.append((name, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns))
            self.write(kind, key, json.dumps(listed, ensure_ascii=False).encode() + b"\n" + about)
            return tuple(stamps)
        return None

    def opened(self, kind: str, key: str, damaged: Damage | None = None) -> tuple[bytes, list[tuple[str, bytes]]] | None:
        """A flat entry's `about` and its files' bytes (name, bytes), each file checked by size and
        SHA-256 (it is read whole here, so the stat says nothing more); None when the entry is
        absent, or damaged (then `damaged` is called)."""
        base = self._file(kind, key)
        try:
            with open(base, "rb") as handle:
                index = _unseal(handle.read(), f"{kind}/{key}")
        except OSError:
            return None
        try:
            if index is None:
                raise ValueError(base)
            listing, _, about = index.partition(b"\n")
            listed = json.loads(listing)
            files: list[tuple[str, bytes]] = []
            for number, (name, size, _, _, _, digest) in enumerate(listed):
                with open(f"{base}.{number}", "rb") as handle:
                    content = handle.read()
                if len(content) != size or hashlib.sha256(content).hexdigest() != digest:
                    raise ValueError(base)
                files.append((str(name), content))
        except (OSError, ValueError, TypeError):
            if damaged is not None:
                damaged()
            return None
        return about, files

    def stamps(self, name: str) -> Stamps:
        """The stamps a build kept under `name` (keep_stamps); none when absent or damaged."""
        payload = self.read("stamp", self.key("stamp", name))
        with contextlib.suppress(pickle.UnpicklingError, ValueError, TypeError, EOFError):
            found = pickle.loads(payload) if payload is not None else None
            if isinstance(found, dict):
                return found
        return {}

    def keep_stamps(self, name: str, stamps: Stamps) -> str:
        """Keep `stamps` under `name` for the next build (a blob, replaced each build); its key."""
        key = self.key("stamp", name)
        self.write("stamp", key, pickle.dumps(stamps, protocol=pickle.HIGHEST_PROTOCOL))
        return key

    # --- packs

    def packs(self) -> list[Path]:
        """The packs in the cache (each a file of many small entries: `Pack`)."""
        base = self.folder / FORMAT / "pack"
        return sorted(base.glob("*/*")) if base.is_dir() else []

    def pack_path(self, key: str) -> str:
        return self._file("pack", key)

    def new_pack(self) -> PackWriter | None:
        """A pack to write this build's new entries into; None when the cache's disk cannot hold
        even its start (the build goes on without storing them)."""
        try:
            return PackWriter(self)
        except OSError:
            return None

    # --- after a build

    def prune(self, used: Iterable[tuple[str, str]]) -> int:
        """Remove every entry not in `used` ((kind, key) pairs of the build just finished), other
        layouts' folders and unfinished entries of killed builds; the number of entries removed.

        Entries are moved aside into one folder under tmp/ (a rename each) and that folder is
        deleted by a detached `rm -rf`: deleting is the slow part (after a change of code, 8,000
        entries took 32 s to delete on a loaded machine, the build waiting), and an entry moved
        aside is already out of every build's reach.

        A bucket is listed only when it may hold a name `used` lacks: it changed since the last
        prune recorded it (Names), or that record names a key this build did not use. At 10,000
        programmes with their 绩效目标表 the cache holds about 130,000 names in 550 buckets, and
        listing them all cost a one-file rebuild's parent 0.10 CPU s at the very end of the build;
        with the record, 0.03 (reading and writing it included)."""
        keep: dict[str, set[str]] = {}
        for kind, key in used:
            keep.setdefault(kind, set()).add(key)
        removed = 0
        base = self.folder / FORMAT
        aside: Path | None = None
        for other in self.folder.iterdir() if self.folder.is_dir() else []:
            if other.is_dir() and other.name != FORMAT and other.name.startswith("v"):
                shutil.rmtree(other, ignore_errors=True)
        names = Names.read(self)
        for kind in KINDS:
            folder = f"{base}/{kind}"
            kept = keep.get(kind, set())
            for bucket, recorded in names.buckets(kind, folder):
                if recorded is not None and kept.issuperset(recorded):
                    names.still(kind, bucket)
                    continue
                # names, not Paths: a flat entry is several files (`<key>.<n>` beside `<key>`), five
                # a page, 60,000 names at 10,000 programmes
                left: set[str] = set()
                for name in os.listdir(f"{folder}/{bucket}"):
                    key = name.partition(".")[0]
                    if key in kept:
                        left.add(key)
                        continue
                    if aside is None:
                        aside = self._aside()
                    entry = Path(folder, bucket, name)
                    try:
                        if aside == NOWHERE:
                            raise FileNotFoundError(entry)
                        os.rename(entry, aside / f"{kind}-{name}")
                    except OSError:  # no folder aside (a full disk): removed in place, which needs no space
                        _remove(entry)
                    if "." not in name:  # an entry's index or folder (a killed build's files make no entry)
                        removed += 1
                names.listed(kind, bucket, left)
        names.write()
        tmp = base / "tmp"
        for leftover in tmp.iterdir() if tmp.is_dir() else []:
            with contextlib.suppress(OSError):
                if leftover != aside and time.time() - leftover.lstat().st_mtime > STALE_SECONDS:
                    _remove(leftover)
        if aside is not None and aside != NOWHERE:
            remove_detached(aside)
        return removed

    def _aside(self) -> Path:
        """A new folder under tmp/ for what prune removes; NOWHERE when none can be made (a full
        disk: the entries are then removed in place, and the build that pruned still succeeds)."""
        try:
            return Path(tempfile.mkdtemp(dir=self._tmp(), prefix="pruned-"))
        except OSError:
            return NOWHERE


class Names:
    """The keys of each bucket (a kind's folder `<kind>/<xx>`) as a prune left them, with the
    bucket's inode and mtime then: while both are unchanged, nothing was added, removed or
    renamed in it since, so the next prune need not list it (BuildCache.prune). Kept in one file
    (NAMES, checksummed; unreadable or damaged, every bucket is listed, as before it existed).

    A bucket is recorded only when its mtime is RACY_NS older than the moment it was looked at:
    a file system stamps a folder from a coarse clock (a tick, up to a second or two on some),
    and a name added within the same tick as the change recorded would leave the mtime as it was.
    A bucket this build wrote to or pruned is so listed once more by the next prune. Where the
    stamps cannot be trusted (a network disk whose clock lags this machine's), the worst is a
    stranger's file left in a bucket until that bucket next changes: prune never removes a name
    it did not list or record, so what a build uses is never lost."""

    def __init__(self, cache: BuildCache, recorded: dict[tuple[str, str], tuple[int, int, frozenset[str]]]) -> None:
        self.cache = cache
        self.recorded = recorded
        self.made: dict[tuple[str, str], tuple[int, int, frozenset[str]]] = {}
        """What this prune records: the buckets it found as recorded or listed, RACY_NS old."""

    @classmethod
    def read(cls, cache: BuildCache) -> Names:
        try:
            with open(f"{cache.folder}/{FORMAT}/{NAMES}", "rb") as handle:
                payload = _unseal(handle.read(), NAMES)
            recorded = pickle.loads(payload) if payload is not None else {}  # our own file, its checksum verified
        except (OSError, pickle.UnpicklingError, EOFError, ValueError):
            recorded = {}
        return cls(cache, recorded if isinstance(recorded, dict) else {})

    def buckets(self, kind: str, folder: str) -> Iterable[tuple[str, frozenset[str] | None]]:
        """Each bucket of a kind's folder, in name order, with its recorded keys when it is unchanged since."""
        try:
            with os.scandir(folder) as listed:
                found = sorted((entry.name, entry.stat(follow_symlinks=False)) for entry in listed
                               if entry.is_dir(follow_symlinks=False))
        except OSError:
            return
        for bucket, stat in found:
            recorded = self.recorded.get((kind, bucket))
            same = recorded is not None and (recorded[0], recorded[1]) == (stat.st_ino, stat.st_mtime_ns)
            yield bucket, recorded[2] if same and recorded is not None else None

    def still(self, kind: str, bucket: str) -> None:
        """A bucket left as recorded."""
        self.made[(kind, bucket)] = self.recorded[(kind, bucket)]

    def listed(self, kind: str, bucket: str, keys: set[str]) -> None:
        """A bucket listed and pruned: `keys` are left in it."""
        try:
            stat = os.stat(f"{self.cache.folder}/{FORMAT}/{kind}/{bucket}")
        except OSError:
            return
        if stat.st_mtime_ns < time.time_ns() - RACY_NS:
            self.made[(kind, bucket)] = (stat.st_ino, stat.st_mtime_ns, frozenset(keys))

    def write(self) -> None:
        """Replace the record (a cache that cannot be written only lists every bucket next time)."""
        if self.made == self.recorded:  # as it stands (or nothing to record in a cache with none)
            return
        try:
            temp = f"{self.cache._tmp()}/{NAMES}-{os.getpid()}-{time.monotonic_ns()}"
        except OSError:
            return
        try:
            write_new(temp, _seal(pickle.dumps(self.made, protocol=pickle.HIGHEST_PROTOCOL), NAMES))
            os.replace(temp, f"{self.cache.folder}/{FORMAT}/{NAMES}")
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp)


class SealedBytecodeCache(FileSystemBytecodeCache):
    """Jinja's compiled templates kept in the build cache (`jinja/`), each file sealed like every
    entry (MAGIC and the SHA-256 of what follows). Jinja checks a compiled file's header and its
    template's source, not the code in it (marshal has no checksum): a file damaged on disk was
    run as it was, and a changed constant of the same length published a wrong page on every page
    the template renders (tests/test_cache_hostile.py), a changed name stopped the build. Damaged,
    truncated or written by an older perfsite, a file is compiled again and replaced. A file
    that cannot be written (a read-only or full disk) only costs the compile next time."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            with open(self._get_cache_filename(bucket), "rb") as handle:
                payload = _unseal(handle.read())
        except OSError:
            return
        if payload is not None:
            bucket.bytecode_from_string(payload)

    def dump_bytecode(self, bucket: Bucket) -> None:
        name = self._get_cache_filename(bucket)
        temp = f"{name}.{os.getpid()}-{threading.get_ident()}-{time.monotonic_ns()}.tmp"
        try:
            write_new(temp, _seal(bucket.bytecode_to_string()))
            os.replace(temp, name)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def damaged_line(what: str, names: list[str], shown: int = 3) -> str:
    """The build's line for build cache entries found damaged and made again (a clerk's words: the
    site is right, the cache was not): `what` they were of, the first `shown` of their `names`."""
    more = f" 等 {len(names)} 个" if len(names) > shown else ""
    return f"构建缓存中的{what}已损坏，已重新生成：{'、'.join(names[:shown])}{more}（发布的网站不受影响）"


def remove_detached(folder: Path) -> None:
    """Delete a folder without waiting for it (a detached `rm -rf`; removed here where there is none)."""
    rm = shutil.which("rm")
    if rm is None:
        shutil.rmtree(folder, ignore_errors=True)
        return
    subprocess.Popen([rm, "-rf", "--", str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True)


def move_tree(source: Path, target: Path) -> None:
    """Move what is in `source` into `target`, folder by folder: a folder `target` lacks is renamed
    there whole (a year's pages in one rename), a file replaces the one there."""
    for entry in sorted(os.scandir(source), key=lambda e: e.name) if source.is_dir() else []:
        moved = target / entry.name
        if entry.is_dir(follow_symlinks=False) and moved.is_dir() and not moved.is_symlink():
            move_tree(Path(entry.path), moved)
            continue
        if moved.is_dir() and not moved.is_symlink():
            shutil.rmtree(moved)
        elif entry.is_dir(follow_symlinks=False) and (moved.exists() or moved.is_symlink()):
            moved.unlink()  # a file where a folder goes
        target.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(entry.path, moved)
        except OSError as error:
            if error.errno != errno.EXDEV:
                raise
            shutil.move(entry.path, moved)  # the build cache on another file system: copied


def same_content(path: str, size: int, digest: str) -> bool:
    """Whether the file at `path` holds `size` bytes of SHA-256 `digest` (read in full: a linked
    file whose ctime moved, BuildCache.check)."""
    try:
        with open(path, "rb") as handle:
            content = handle.read(size + 1)
    except OSError:
        return False
    return len(content) == size and hashlib.sha256(content).hexdigest() == digest


def make_folder(folder: str) -> None:
    """`folder` made if it is not there (its parents too). A page placed from the build cache goes
    into a new folder: making it before the first link, rather than after that link failed
    (then `os.makedirs`, which also stats the parent), saves two calls and an exception a page:
    placing a rebuild's 10,000 pages (41,700 files) takes 0.46–0.50 s of CPU this way, 0.51–0.69 s
    the other."""
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)


def link_file(source: str, target: str, size: int) -> None:
    """`target` as a hard link of `source`, else (another file system, no links) a copy of it."""
    for _ in range(2):
        try:
            os.link(source, target)
            return
        except FileExistsError:
            os.unlink(target)
        except FileNotFoundError:
            os.makedirs(os.path.dirname(target), exist_ok=True)
        except OSError as error:
            if error.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP):
                raise
            break
    with open(source, "rb") as handle:
        content = handle.read()
    if len(content) != size:
        raise OSError(errno.EIO, f"构建缓存中的文件在复制时已改变：{source}")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(target)
    write_new(target, content)


PACK_MAGIC = b"perfsite-pack-1\n"
TRAILER = struct.Struct("<QQ")
"""A pack ends with its index's offset and length."""
Segment = tuple[int, int, bytes]
"""(offset, length, SHA-256) of one stored piece in a pack."""


class PackWriter:
    """A pack being written: entries of many small pieces each (a data file's summary and its
    /data/ pieces, a comparison) in one file, so a build reads one file per worker where it
    read one per data file (20,000 opens, reads and unpickles at 10,000 programmes with a
    绩效目标表 each). Written aside and renamed into place like every entry; its key is the
    digest of its index, which holds every piece's SHA-256."""

    def __init__(self, cache: BuildCache) -> None:
        self.cache = cache
        self.index: dict[str, list[Segment]] = {}
        self.temp = f"{cache._tmp()}/pack-{os.getpid()}-{threading.get_ident()}-{time.monotonic_ns()}"
        self.handle = open(self.temp, "wb")  # noqa: SIM115 - closed by finish() or discard()
        self.failed: OSError | None = None
        """The write that failed (a full disk): the pack is not kept, and `put`, whose pieces the
        build reads back (PackSpool), fails the same way."""
        try:
            self.handle.write(PACK_MAGIC)
        except OSError:
            self.discard()
            raise
        self.offset = len(PACK_MAGIC)

    def add(self, key: str, pieces: Iterable[bytes | Segment]) -> list[int]:
        """Store entry `key` as these pieces (bytes written now, or a run `put` wrote before); the
        offset of each in the pack."""
        segments, offsets = [], []
        for piece in pieces:
            if isinstance(piece, tuple):
                segments.append(piece)
                offsets.append(piece[0])
                continue
            if self.failed is None:
                try:
                    self.handle.write(piece)
                except OSError as error:  # a copy for the next build only: this build goes on without it
                    self.failed = error
            segments.append((self.offset, len(piece), hashlib.sha256(piece).digest()))
            offsets.append(self.offset)
            self.offset += len(piece)
        self.index[key] = segments
        return offsets

    def put(self, pieces: Iterable[bytes]) -> Segment:
        """Write `pieces` in one run that an entry will name later (`add`); the run as a segment."""
        if self.failed is not None:
            raise self.failed
        start, digest = self.offset, hashlib.sha256()
        try:
            for piece in pieces:
                self.handle.write(piece)
                digest.update(piece)
                self.offset += len(piece)
        except OSError as error:
            self.failed = error
            raise
        return start, self.offset - start, digest.digest()

    def linked(self, folder: str) -> str | None:
        """The pack being written, hard-linked into `folder` (the link stays this file once the
        pack is renamed into place or pruned); None where the file system cannot link them."""
        link = f"{folder}/pack-new-{os.getpid()}-{threading.get_ident()}-{time.monotonic_ns()}.bin"
        try:
            os.link(self.temp, link)
        except OSError:
            return None
        return link

    def flush(self) -> None:
        if self.failed is not None:
            raise self.failed
        try:
            self.handle.flush()
        except OSError as error:
            self.failed = error
            raise

    def finish(self) -> str | None:
        """Put the pack in place; its key (None when it has no entry or cannot be written)."""
        if not self.index or self.failed is not None:
            self.discard()
            return None
        try:
            head = _seal(pickle.dumps(self.index, protocol=pickle.HIGHEST_PROTOCOL))
            key = hashlib.sha256(head).hexdigest()
            self.handle.write(head + TRAILER.pack(self.offset, len(head)))
            self.handle.close()
            target = self.cache.pack_path(key)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.replace(self.temp, target)
            return key
        except OSError:
            self.discard()
            return None

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.handle.close()
        with contextlib.suppress(OSError):
            os.unlink(self.temp)


def _pack_index(fd: int) -> Any:
    """An open pack's index, or None when its trailer or sealed index is damaged or cut short."""
    with contextlib.suppress(OSError, ValueError, TypeError, pickle.UnpicklingError, EOFError, struct.error):
        size = os.fstat(fd).st_size
        at, length = TRAILER.unpack(os.pread(fd, TRAILER.size, size - TRAILER.size))
        head = _unseal(os.pread(fd, length, at)) if at + length + TRAILER.size == size else None
        return pickle.loads(head) if head is not None else None
    return None


@dataclass
class PackShelf:
    """Every pack in the cache, their indexes read on first use: entry key → its pieces."""

    cache: BuildCache
    found: dict[str, tuple[str, list[Segment]]] | None = None
    handles: dict[str, int] = field(default_factory=dict)
    again: dict[str, list[tuple[str, list[Segment]]]] = field(default_factory=dict)
    """Entries found in more than one pack (a file read again after its entry was found
    damaged): each other copy, tried in turn."""
    damaged: set[str] = field(default_factory=set)
    """Entries a copy of which was there but damaged or truncated (noted by `get`, and by a
    caller of `piece`): its file is read again, and the build tells the operator."""
    broken: list[str] = field(default_factory=list)
    """Packs whose index is damaged or truncated: none of their entries is found. A pack is
    written aside and renamed into place, and prune keeps only the packs the last build used,
    so one the shelf cannot read was damaged where it lies."""

    def _read(self) -> dict[str, tuple[str, list[Segment]]]:
        found: dict[str, tuple[str, list[Segment]]] = {}
        for path in self.cache.packs():
            try:
                fd = os.open(path, os.O_RDONLY)
            except OSError:
                continue  # pruned by another build since it was listed: gone, not damaged
            index = _pack_index(fd)
            if not isinstance(index, dict):
                os.close(fd)
                self.broken.append(path.name)
                continue
            self.handles[path.name] = fd
            for key, segments in index.items():
                if key in found:
                    self.again.setdefault(key, []).append((path.name, segments))
                else:
                    found[key] = (path.name, segments)
        return found

    def copies(self, key: str) -> list[tuple[str, list[Segment]]]:
        """Each copy of entry `key` (the pack holding it, its pieces' segments), unread; the first
        found first (a file read again after its copy was found damaged has a copy in a later pack)."""
        if self.found is None:
            self.found = self._read()
        hit = self.found.get(key)
        return [hit, *self.again.get(key, [])] if hit is not None else []

    def piece(self, pack: str, segment: Segment) -> bytes | None:
        """One piece of a pack, checked; None when it is truncated or damaged."""
        offset, length, digest = segment
        try:
            piece = os.pread(self.handles[pack], length, offset)
        except (OSError, KeyError):
            return None
        return piece if len(piece) == length and hashlib.sha256(piece).digest() == digest else None

    def get(self, key: str) -> tuple[str, list[tuple[int, bytes]]] | None:
        """(the pack holding entry `key`, each piece's offset and bytes), each piece checked;
        None when no pack has it whole."""
        for pack, segments in self.copies(key):
            pieces = []
            for segment in segments:
                piece = self.piece(pack, segment)
                if piece is None:
                    self.damaged.add(key)
                    break
                pieces.append((segment[0], piece))
            else:
                return pack, pieces
        return None

    def close(self) -> None:
        for fd in self.handles.values():
            with contextlib.suppress(OSError):
                os.close(fd)
        self.handles.clear()
        self.found = None
        self.again.clear()
        self.damaged.clear()
        self.broken.clear()


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()
