"""Programme pages at scale: load, score and render them in forked workers, outside MkDocs.

MkDocs renders every page through Markdown with the whole navigation, in one thread (about 6 ms
a page). Programme pages all sit at the same depth (projects/<year>/<id>/), so the theme around
their content is the same but for title and URL: MkDocs renders one *shell* page and worker
processes (fork, one per core) write every programme page by substituting into it, with the
page's downloads. The parent keeps only a summary row per programme (for index and listings)
and the scored programmes the /data/ tables are built from.

A cache in this process, keyed by file content, lets `mkdocs serve` re-read only edited files
and re-render only the pages whose inputs changed (the pages live in a mirror folder that is
hard-linked into the freshly cleaned serve folder).
"""

from __future__ import annotations

import atexit
import gc
import hashlib
import html
import multiprocessing as mp
import os
import shutil
import subprocess
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfsite.dataset import SITE_FILE, Dataset, Facts, cross_checks, load_one, programme_files
from perfsite.decimals import fmt2
from perfsite.opendata.build import FolderSink, write_open_data
from perfsite.opendata.parts import Parts, Spool, close_spools, programme_parts
from perfsite.pagedata import _visible, programme_data
from perfsite.problems import Problem, Severity, relpath
from perfsite.reader import csv_beside
from perfsite.scoring import ScoredProgramme
from perfsite.site import search
from perfsite.site.model import ProgrammeInput, SiteInfo
from perfsite.site.pages import bar, grade_classifier, programme_context, row_summary
from perfsite.site.pages import programme_files as page_files
from perfsite.site.render import render
from perfsite.site.timing import figure, since
from perfsite.siteconfig import load_site

SHELL_URL = "projects/0/perfsite-shell/"
"""The one programme-depth page MkDocs renders; its output is the template for all others."""
TITLE_MARK = "PERFSITE-SHELL-TITLE-7f3a"
CONTENT_MARK = "<h1>PERFSITE-SHELL-CONTENT-7f3a</h1>"
"""Has an h1, as every programme page does, so Material adds none of its own."""
COLLECT_EVERY = 1000
HOLD = 1000
"""Pages a worker renders ahead while the shell is not there yet (~50 MB)."""
"""Pages a worker renders between explicit collections (automatic GC costs more than it saves)."""
PARALLEL_FROM = 200
"""Below this many programmes, forking workers costs more than it saves."""

P = dict[str, Any]


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


def jobs() -> int:
    """Worker count: $PERFSITE_JOBS, else one per core."""
    return max(1, int(os.environ.get("PERFSITE_JOBS") or os.cpu_count() or 1))


def _digest(path: Path, salt: bytes) -> str:
    h = hashlib.sha256(salt)
    h.update(path.read_bytes())
    csv = csv_beside(path)
    if csv.exists():
        h.update(b"\0csv\0" + csv.read_bytes())
    return h.hexdigest()


def summary_row(sp: ScoredProgramme) -> P:
    """`row_summary(programme_data(sp))` from the few fields it reads (page data costs ~1 ms).

    tests/test_site_fast.py checks the two agree on the sample and on demo data.
    """
    p = sp.programme
    derived = sp.budget
    budget = None if derived is None else {
        "unit": derived.budget.unit,
        "figures": {k: fmt2(derived.figure(k)) for k in ("budget", "spent", "execution_rate")}}
    data = {"url": p.url, "year": p.year, "name": p.name, "department": p.department,
            "region": p.region or None, "evaluation": p.evaluation, "total": fmt2(sp.total),
            "grade": sp.grade, "sample": p.sample, "budget": budget}
    return row_summary(_visible(data))  # type: ignore[arg-type]


def other_entry(sp: ScoredProgramme) -> P:
    """The programme as pagedata._other_years lists it on its other years' pages."""
    p = sp.programme
    return _visible({"year": p.year, "url": p.url, "name": p.name, "total": fmt2(sp.total),
                     "grade": sp.grade})  # type: ignore[return-value]


class Share:
    """One worker's files for the session: scored programmes kept between builds, keyed by content."""

    def __init__(self) -> None:
        self.entries: dict[str, tuple[str, ScoredProgramme | None, list[Problem]]] = {}
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
        if spool and (self.spool is None or Path(self.spool.path).parent != Path(spool)):
            self.spool, self.parts = Spool(Path(spool) / f"{os.getpid()}.bin"), {}
        for path in paths:
            digest = _digest(Path(path), salt)
            hit = self.entries.get(path)
            fresh = hit is None or hit[0] != digest
            if fresh:
                scored, problems = load_one(Path(path), root, site, base)
                hit = self.entries[path] = (digest, scored, problems)
                self.parts.pop(path, None)
            _, sp, problems = hit  # type: ignore[misc]
            if sp is None:
                out.append(Summary(path, problems, None, None, None, None, None, fresh, digest))
                continue
            row = summary_row(sp)
            p = sp.programme
            share = None
            if spool:
                share = self.parts.get(path) or programme_parts(sp, site, self.spool)
                if SERVE["on"]:  # kept for the next rebuild; a build never needs them again
                    self.parts[path] = share
            out.append(Summary(path, problems, Facts.of(sp), row, (-p.year, row["name"], p.id),
                               p.series or None, other_entry(sp) if p.series else None, fresh, digest, share))
        live = set(paths)
        for path in [k for k in self.entries if k not in live]:
            del self.entries[path]
            self.parts.pop(path, None)
        if self.spool is not None:
            self.spool.flush()
        gc.freeze()
        return out

    def render(self, shell: str | None, info: SiteInfo, series: dict[str, list[P]], out: str,
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
        for digest, sp, _ in self.entries.values():
            if sp is None:
                continue
            others = series.get(sp.programme.series, []) if sp.programme.series else []
            key = digest + repr(others)
            if incremental and self.rendered.get(sp.programme.url) == key:
                continue
            if shell is None and (len(held) >= HOLD or self.inbox.poll()):
                shell = self._receive_shell()
                if shell is None:
                    return 0, 0
                size += sum(write_page(Path(out), shell, page) for page in held)
                held.clear()
            page = render_programme(sp, info, others)
            if stub_root is not None:
                search.write_stub(stub_root, page[4], plan)
            if shell is None:
                held.append(page)
            else:
                size += write_page(Path(out), shell, page)
            self.rendered[sp.programme.url] = key
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


def _worker(conn: Any, siblings: list[Any], parent: int) -> None:
    """A worker's loop: run the Share method the parent names, send back its result or error.

    It ends when the parent goes away (even killed), so no orphan keeps the serve port open.
    """
    for other in siblings:  # ends of earlier workers' pipes, inherited by fork: not ours
        other.close()
    gc.disable()
    share = Share()
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
        except Exception as error:  # the parent re-raises it with the traceback text
            import traceback

            conn.send(("error", f"{error!r}\n{traceback.format_exc()}"))


class Shares:
    """Forked worker processes, each owning the files whose path hashes to it, for the session
    (in this process when there is one core or few files)."""

    def __init__(self, n: int):
        self.n = n
        self.local = [Share()] if n == 1 else []
        self.done: list[Any] = []
        self.conns: list[Any] = []
        self.processes: list[Any] = []
        if n > 1:
            ctx = mp.get_context("fork")
            for _ in range(n):
                parent, child = ctx.Pipe()
                process = ctx.Process(target=_worker, args=(child, list(self.conns), os.getpid()), daemon=True)
                process.start()
                self.processes.append(process)
                child.close()
                self.conns.append(parent)

    def owner(self, path: str) -> int:
        return int(hashlib.sha1(path.encode()).hexdigest()[:8], 16) % self.n

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
                raise RuntimeError(f"perfsite worker failed: {value}")
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
_work: dict[str, Any] = {}  # read by forked open-data workers (inherited, never pickled)


def _shares(count: int = 0) -> Shares:
    """The session's workers; started on first use, one per core when the site is big enough."""
    if "shares" not in _pool:
        n = jobs() if count >= PARALLEL_FROM and "fork" in mp.get_all_start_methods() else 1
        _pool["shares"] = Shares(n)
    return _pool["shares"]


def load(root: Path, parts: bool = False) -> Loaded:
    """What `perfsite.dataset.load_dataset(root)` reports, read in parallel and cached by content;
    the scored programmes stay in the workers. With `parts`, each programme's share of the /data/
    files is made too (Loaded.parts(), pieces in spool files)."""
    started = time.perf_counter()
    gc.disable()  # many new objects, no cycles: collections would cost more than the work
    try:
        return _load(root, started, parts)
    finally:
        gc.enable()


def _load(root: Path, started: float, parts: bool) -> Loaded:
    base = Path.cwd()
    site_path = root / SITE_FILE
    site, site_problems = load_site(site_path, relpath(site_path, base))
    dataset = Dataset(root, site, problems=list(site_problems.items))
    if not root.is_dir():
        dataset.problems.append(Problem(Severity.ERROR, "数据目录不存在", file=relpath(root, base)))
        return Loaded(dataset, [], "")
    salt = (str(base) + "\0").encode() + (site_path.read_bytes() if site_path.exists() else b"")
    paths = [str(p) for p in programme_files(root)]
    shares = _shares(len(paths))
    items: list[list[str]] = [[] for _ in range(shares.n)]
    for path in paths:
        items[shares.owner(path)].append(path)
    spool = spool_dir() if parts else None
    found = {s.path: s for part in shares.call("load", [(root, site, base, i, salt, str(spool or "")) for i in items])
             for s in part}
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


# -- writing pages --------------------------------------------------------------------------------
def page_title(data: P) -> str:
    return f"{data['name']}（{data['year']}年度）"


Rendered = tuple[str, str, str, dict[str, bytes], P]
"""(url, title, content HTML, downloads, page data) of a programme page."""


def render_programme(sp: ScoredProgramme, info: SiteInfo, others: list[P]) -> Rendered:
    """(url, title, content HTML, downloads, page data) of one programme page, exactly as
    pages.Builder renders it.

    `others` is the programme's series as other_entry() gives it (itself included, dropped here).
    """
    data = programme_data(sp, None)
    url = data["url"]
    data["other_years"] = [o for o in others if o["url"] != url]
    body = render("programme.html", url, site=info, grade_class=grade_classifier(info), bar=bar,
                  **programme_context(data, info))
    item = ProgrammeInput(data=data, yaml_path=sp.programme.path, csv_path=getattr(sp.programme, "csv_path", None))
    return url, page_title(data), body, page_files(item), data


def fill_shell(shell: str, url: str, title: str, body: str) -> str:
    """The shell page with this programme's URL, (escaped) title and content."""
    head, _, tail = shell.replace(SHELL_URL, url).replace(TITLE_MARK, html.escape(title)).partition(CONTENT_MARK)
    return head + body + tail


def _write(path: str, content: bytes) -> int:
    """Write a new file with plain system calls (pathlib's checks cost as much as the write,
    four files a programme)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)
    return len(content)


def write_page(out: Path, shell: str, page: Rendered) -> int:
    """Write a rendered programme's page (in the shell) and downloads under `out`; the bytes written."""
    url, title, body, files, _ = page
    os.makedirs(out / url, exist_ok=True)  # the downloads sit beside the page
    size = _write(f"{out}/{url}index.html", fill_shell(shell, url, title, body).encode("utf-8"))
    for path, content in files.items():
        size += _write(f"{out}/{path}", content)
    return size


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
    rm = shutil.which("rm")
    if rm is None:
        shutil.rmtree(folder, ignore_errors=True)
        return
    subprocess.Popen([rm, "-rf", "--", str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True)


def stub_dir(serve: bool) -> Path:
    """Where workers write search stubs: kept for a serve session (only changed pages are
    rendered again), else a new temporary folder the caller removes."""
    return _session_dir("stubs", "perfsite-stubs-") if serve else Path(tempfile.mkdtemp(prefix="perfsite-stubs-"))


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


def start_programmes(site_dir: Path, shell: str | None, loaded: Loaded, info: SiteInfo, serve: bool,
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
    shares = _shares()
    shares.start("render", [(shell, info, series, str(out), incremental, str(stubs or ""), plan or {})] * shares.n)
    return Rendering(site_dir, out, {row["url"] for row in loaded.rows}, serve, stubs, started, shell is None)


def can_start_early() -> bool:
    """Whether start_programmes may be given no shell: a build (serve compares shells to skip
    unchanged pages) with worker processes (one in this process could not be told it later)."""
    return not SERVE["on"] and _shares().n > 1


def give_shell(rendering: Rendering, shell: str | None) -> None:
    """Hand the shell to workers started without it (None: the build stopped, write nothing)."""
    if rendering.waiting:
        _shares().tell(("shell", shell))
        rendering.waiting = False


def finish_programmes(rendering: Rendering, meanwhile: Any = None) -> tuple[dict[str, float], Any]:
    """Wait for the workers; returns timings and what `meanwhile()` (run in this process while
    they work) returned."""
    give_shell(rendering, None)  # still waiting: the build stopped before MkDocs rendered the shell
    meanwhile_started = time.perf_counter()
    extra = meanwhile() if meanwhile is not None else None
    meanwhile_s = since(meanwhile_started)
    done = _shares().finish()
    if rendering.serve:
        link_tree(rendering.out, rendering.site_dir, rendering.live)
    if rendering.stubs is not None:
        for shard in sorted(rendering.stubs.iterdir()):
            prune(shard / "projects", rendering.live)
    return {"pages": since(rendering.started), "meanwhile": meanwhile_s, "rendered": sum(c for c, _ in done),
            "written_mb": figure(sum(b for _, b in done) / 2**20, 1)}, extra


def write_programmes(site_dir: Path, shell: str, loaded: Loaded, info: SiteInfo, serve: bool,
                     meanwhile: Any = None, stubs: Path | None = None,
                     plan: dict[int, int] | None = None) -> tuple[dict[str, float], Any]:
    """start_programmes, then finish_programmes."""
    return finish_programmes(start_programmes(site_dir, shell, loaded, info, serve, stubs, plan), meanwhile)


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


SERVE = {"on": False}
"""Set by the hook's on_startup: under `mkdocs serve`, rebuilds reuse what did not change."""
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
        return lambda: None

    def write() -> None:
        write_open_data(loaded.parts(), loaded.dataset.site, FolderSink(site_dir))
        close_spools()
        if loaded.spool is not None and not serve:
            shutil.rmtree(loaded.spool, ignore_errors=True)
        for summary in loaded.summaries:
            summary.parts = None  # written: free them before Pagefind runs

    return write
