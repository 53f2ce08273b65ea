"""Programme pages at scale: load, score and render them in forked workers, outside MkDocs.

MkDocs renders every page through Markdown with the whole navigation, in one thread (about 6 ms
a page). Here worker processes (perfsite.site.workers, fork, one per core) read and score the
data files, then write every programme page from the one page MkDocs renders
(perfsite.site.shell), with the page's downloads, while MkDocs renders its own pages. The
parent keeps only a summary row per programme (for index and listings); the /data/ files are
joined from pieces the workers spooled.

Under `mkdocs serve` the workers keep what they read, keyed by content, so a rebuild re-reads
only edited files and re-renders only the pages whose inputs changed (the pages live in a
mirror folder linked into the freshly cleaned serve folder).
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import subprocess
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfsite.collector import collector_paused
from perfsite.dataset import SITE_FILE, Dataset, cross_checks, file_digest, scan_tree
from perfsite.opendata.build import FolderSink, write_open_data
from perfsite.opendata.parts import Parts, close_spools
from perfsite.problems import Problem, Severity, relpath
from perfsite.processes import jobs
from perfsite.progress import Progress, Ticker
from perfsite.site import workers
from perfsite.site.downloads import fill_page
from perfsite.site.shell import CONTENT_MARK, SHELL_URL, TITLE_MARK
from perfsite.site.timing import figure, since
from perfsite.site.workers import SERVE, Summary, close, kill
from perfsite.siteconfig import SiteConfig, load_site

__all__ = [  # what the hook uses (the marks, SERVE, close and kill are shell.py's and workers.py's; jobs is processes.py's)
    "CONTENT_MARK", "PAGES_STAGE", "SERVE", "SHELL_URL", "TITLE_MARK", "Loaded", "Rendering", "can_start_early", "close",
    "discard", "finish_programmes", "give_shell", "jobs", "kill", "load", "open_data_job", "open_data_wanted",
    "pages_done", "start_programmes", "stub_dir",
]

P = dict[str, Any]

LOAD_STAGE, PAGES_STAGE = "读取数据", "生成项目页"
"""The stages of a build's progress bar that count files."""


@dataclass
class Loaded:
    """A loaded tree: the dataset without programmes (problems, facts, site), rows in page order."""

    dataset: Dataset
    rows: list[P]
    digest: str
    summaries: list[Summary] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    spool: Path | None = None
    """The folder of the workers' spool files holding the /data/ pieces (load(…, parts=True))."""

    def series_map(self) -> dict[str, list[P]]:
        """Series → its programmes' `other_years` entries, by year then id (as Dataset.by_series)."""
        groups: dict[str, list[tuple[tuple[int, str], P]]] = defaultdict(list)
        for s in self.summaries:
            if s.series and s.other is not None and s.facts is not None:
                groups[s.series].append(((s.facts.year, s.facts.id), s.other))
        return {k: [o for _, o in sorted(v, key=lambda item: item[0])] for k, v in groups.items()}

    def parts(self) -> list[Parts]:
        """The programmes' shares of the /data/ files (load(…, parts=True) made them)."""
        return [s.parts for s in self.summaries if s.parts is not None]


def load(root: Path, parts: bool = False, progress: Progress | None = None) -> Loaded:
    """What `perfsite.dataset.load_dataset(root)` reports, read in parallel and cached by content;
    the scored programmes stay in the workers. With `parts`, each programme's share of the /data/
    files is made too (Loaded.parts(), pieces in spool files). `progress` hears of the files read."""
    started = time.perf_counter()
    with collector_paused():  # many new objects, no cycles: collections would cost more than the work
        return _load(root, started, parts, progress)


def _load(root: Path, started: float, parts: bool, progress: Progress | None) -> Loaded:
    base = Path.cwd()
    site_path = root / SITE_FILE
    site, site_problems = load_site(site_path, relpath(site_path, base))
    dataset = Dataset(root, site, problems=list(site_problems.items))
    if not root.is_dir():
        dataset.problems.append(Problem(Severity.ERROR, "数据目录不存在", file=relpath(root, base)))
        return Loaded(dataset, [], "")
    salt = file_digest(site_path, (str(base) + "\0").encode()).encode()
    tree = scan_tree(root, base)
    dataset.problems.extend(tree.skipped)
    paths = [str(p) for p in tree.files]
    shares = workers.pool(len(paths))
    items: list[list[str]] = [[] for _ in range(shares.n)]
    for path in paths:
        items[shares.owner(path)].append(path)
    spool = spool_dir() if parts else None
    ticker = Ticker(progress, LOAD_STAGE, len(paths), workers.progress) if progress else None
    try:
        found = {s.path: s for part in shares.call("load", [(root, site, base, i, salt, str(spool or "")) for i in items])
                 for s in part}
    finally:
        if ticker is not None:
            ticker.stop()
    summaries = [found[p] for p in paths]
    keyed = []
    for s in summaries:
        dataset.files += 1
        dataset.problems.extend(s.problems)
        if s.facts is not None:
            dataset.facts.append(s.facts)
            keyed.append((s.key, s.row))
    dataset.problems.extend(cross_checks(dataset.facts))
    keyed.sort(key=lambda item: item[0])  # type: ignore[arg-type, return-value]
    overall = hashlib.sha256("".join(s.digest for s in summaries).encode()).hexdigest()
    return Loaded(dataset, [row for _, row in keyed], overall, summaries,  # type: ignore[misc]
                  {"load": since(started),
                   "loaded_files": sum(1 for s in summaries if s.fresh)}, spool)


def spool_dir() -> Path:
    """Where workers append /data/ pieces: kept for a serve session (parts of unchanged files
    are reused), else a new folder removed once /data/ is written (or at exit)."""
    if SERVE["on"]:
        return _session_dir("spool", "perfsite-spool-")
    folder = Path(tempfile.mkdtemp(prefix="perfsite-spool-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


_mirror: dict[str, Any] = {}


def _session_dir(key: str, prefix: str) -> Path:
    """A temporary folder kept for the `mkdocs serve` session and removed when it exits."""
    if key not in _mirror:
        _mirror[key] = Path(tempfile.mkdtemp(prefix=prefix))
        atexit.register(shutil.rmtree, _mirror[key], True)
    return _mirror[key]


def discard(folder: Path) -> None:
    """Remove a temporary folder without waiting: a detached `rm -rf` (deleting the 200,000 files
    and folders of 100,000 search stubs takes 11 s, after the site is complete)."""
    _mirror.setdefault("undiscarded", set()).discard(folder)
    rm = shutil.which("rm")
    if rm is None:
        shutil.rmtree(folder, ignore_errors=True)
        return
    subprocess.Popen([rm, "-rf", "--", str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True)


def stub_dir(serve: bool) -> Path:
    """Where workers write search stubs: kept for a serve session (only changed pages are
    rendered again), else a new temporary folder the caller removes."""
    if serve:
        return _session_dir("stubs", "perfsite-stubs-")
    folder = Path(tempfile.mkdtemp(prefix="perfsite-stubs-"))
    if "undiscarded" not in _mirror:  # a build stopped before discard() (Ctrl-C, an error): removed at exit
        _mirror["undiscarded"] = set()
        atexit.register(_remove_undiscarded)
    _mirror["undiscarded"].add(folder)
    return folder


def _remove_undiscarded() -> None:
    for folder in _mirror.pop("undiscarded", set()):
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class Rendering:
    """Programme pages the workers are writing (start_programmes → finish_programmes)."""

    site_dir: Path
    out: Path
    live: set[str]
    serve: bool
    stubs: Path | None
    started: float
    waiting: bool = False
    """The workers were started without the shell and wait for give_shell()."""


def start_programmes(site_dir: Path, shell: str | None, loaded: Loaded, info: SiteConfig, serve: bool,
                     stubs: Path | None = None, plan: dict[int, int] | None = None) -> Rendering:
    """Have the workers write every programme page and its downloads into site_dir (and search
    stubs into `stubs`), without waiting: MkDocs goes on rendering its own pages meanwhile.

    With no shell (only when can_start_early()), the workers render ahead and write once
    give_shell() hands it over: MkDocs' own work up to the shell no longer idles them.

    Under serve, pages live in a mirror folder kept for the session: only pages whose file,
    series or shell changed are rendered again, then linked into site_dir (`stubs` should then
    be kept for the session too).
    """
    started = time.perf_counter()
    series = loaded.series_map()
    out = _session_dir("root", "perfsite-pages-") if serve else site_dir  # the preview's pages go with the session
    incremental = serve and _mirror.get("plan") == plan  # stubs move when a year gets more indexes
    _mirror["plan"] = plan
    shares = workers.pool()
    shares.start("render", [(shell, info, series, str(out), incremental, str(stubs or ""), plan or {})] * shares.n)
    return Rendering(site_dir, out, {row["url"] for row in loaded.rows}, serve, stubs, started, shell is None)


def pages_done() -> int:
    """Programme pages the workers have rendered so far (for a progress bar)."""
    return workers.progress()


def can_start_early() -> bool:
    """Whether start_programmes may be given no shell: a build (serve compares shells to skip
    unchanged pages) with worker processes (one in this process could not be told it later)."""
    return not SERVE["on"] and workers.pool().n > 1


def give_shell(rendering: Rendering, shell: str | None) -> None:
    """Hand the shell to workers started without it (None: the build stopped, write nothing)."""
    if rendering.waiting:
        workers.pool().tell(("shell", shell))
        rendering.waiting = False


def finish_programmes(rendering: Rendering, meanwhile: Any = None) -> tuple[dict[str, float], Any]:
    """Wait for the workers; returns timings and what `meanwhile()` (run in this process while
    they work) returned."""
    give_shell(rendering, None)  # still waiting: the build stopped before MkDocs rendered the shell
    meanwhile_started = time.perf_counter()
    extra = meanwhile() if meanwhile is not None else None
    meanwhile_s = since(meanwhile_started)
    done = workers.pool().finish()
    if rendering.serve:
        link_tree(rendering.out, rendering.site_dir, rendering.live)
    if rendering.stubs is not None:
        for shard in sorted(rendering.stubs.iterdir()):
            prune(shard / "projects", rendering.live)
    return {"pages": since(rendering.started), "meanwhile": meanwhile_s, "rendered": sum(c for c, _ in done),
            "written_mb": figure(sum(b for _, b in done) / 2**20, 1)}, extra


def prune(projects: Path, live: set[str]) -> None:
    """Drop the page folders under a projects/ folder whose programme is no longer in the data."""
    for year in sorted(projects.iterdir()) if projects.is_dir() else []:
        for folder in list(year.iterdir()):
            if f"projects/{year.name}/{folder.name}/" not in live:
                shutil.rmtree(folder, ignore_errors=True)


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


_told = {"no_open_data": False}
"""The preview says once per session that it leaves /data/ out."""


def open_data_wanted(serve: bool) -> bool:
    """PERFSITE_OPENDATA=0 leaves /data/ out (bench/run.py measures the pages without it); under
    `mkdocs serve` it is left out unless PERFSITE_OPENDATA=1, so a preview starts and rebuilds
    in seconds (`make site` always builds it)."""
    flag = os.environ.get("PERFSITE_OPENDATA")
    return not (flag == "0" or (serve and flag != "1"))


def open_data_job(loaded: Loaded, serve: bool, site_dir: Path) -> Any:
    """A zero-argument function writing the /data/ files into site_dir, to run in this process
    while the workers write pages: it only joins and compresses the parts the workers made when
    loading."""
    if not open_data_wanted(serve):
        if serve and not _told["no_open_data"]:
            print("INFO    -  预览不生成 /data/ 汇总下载（PERFSITE_OPENDATA=1 可生成；make site 总会生成）")
            _told["no_open_data"] = True
        return lambda: fill_page(site_dir, {})  # no files: the page's sizes and hashes show —

    def write() -> None:
        manifest = write_open_data(loaded.parts(), loaded.dataset.site, FolderSink(site_dir))
        fill_page(site_dir, manifest)  # the 数据下载 page, written by MkDocs before: its file sizes and hashes
        close_spools()
        if loaded.spool is not None and not serve:
            shutil.rmtree(loaded.spool, ignore_errors=True)
        for summary in loaded.summaries:
            summary.parts = None  # written: free them before Pagefind runs

    return write
