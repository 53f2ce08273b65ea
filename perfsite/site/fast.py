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

import gc
import gzip
import hashlib
import html
import multiprocessing as mp
import os
import re
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfsite.dataset import SITE_FILE, Dataset, Facts, cross_checks, load_one, programme_files
from perfsite.decimals import fmt2
from perfsite.pagedata import _visible, programme_data
from perfsite.problems import Problem, Severity, relpath
from perfsite.reader import csv_beside
from perfsite.scoring import ScoredProgramme
from perfsite.site.model import ProgrammeInput, SiteInfo
from perfsite.site.pages import bar, grade_classifier, programme_context, row_summary
from perfsite.site.pages import programme_files as page_files
from perfsite.site.render import render
from perfsite.siteconfig import load_site

SHELL_URL = "projects/0/perfsite-shell/"
"""The one programme-depth page MkDocs renders; its output is the template for all others."""
TITLE_MARK = "PERFSITE-SHELL-TITLE-7f3a"
CONTENT_MARK = "<h1>PERFSITE-SHELL-CONTENT-7f3a</h1>"
"""Has an h1, as every programme page does, so Material adds none of its own."""
PARALLEL_FROM = 200
"""Below this many programmes, forking workers costs more than it saves."""

P = dict[str, Any]


@dataclass
class Entry:
    """One programme file as last loaded: content digest, scored programme, its problems, row."""

    digest: str
    scored: ScoredProgramme | None
    problems: list[Problem]
    row: P | None


@dataclass
class Loaded:
    """A loaded tree: the dataset (as load_dataset gives it) and rows in page order."""

    dataset: Dataset
    rows: list[P]
    digest: str
    timings: dict[str, float] = field(default_factory=dict)


_cache: dict[str, Entry] = {}
_work: dict[str, Any] = {}  # read by forked workers (inherited, never pickled)


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


def _load_task(path: Path) -> tuple[ScoredProgramme | None, list[Problem], P | None]:
    scored, problems = load_one(path, _work["root"], _work["site"], _work["base"])
    return scored, problems, None if scored is None else summary_row(scored)


def _map(func: Any, items: list[Any], chunksize: int) -> Iterator[Any]:
    """map in forked workers when worth it (order kept), else in this process."""
    workers = jobs()
    if workers < 2 or len(items) < PARALLEL_FROM or "fork" not in mp.get_all_start_methods():
        yield from map(func, items)
        return
    with mp.get_context("fork").Pool(workers, initializer=gc.disable) as pool:
        yield from pool.imap(func, items, chunksize)


def load(root: Path) -> Loaded:
    """What `perfsite.dataset.load_dataset(root)` gives, read in parallel and cached by content."""
    started = time.perf_counter()
    gc.disable()  # millions of new objects, no cycles: collections would cost more than loading
    try:
        return _load(root, started)
    finally:
        gc.freeze()  # and later collections (MkDocs' own) need not walk them either
        gc.enable()


def _load(root: Path, started: float) -> Loaded:
    base = Path.cwd()
    site_path = root / SITE_FILE
    site, site_problems = load_site(site_path, relpath(site_path, base))
    dataset = Dataset(root, site, problems=list(site_problems.items))
    if not root.is_dir():
        dataset.problems.append(Problem(Severity.ERROR, "数据目录不存在", file=relpath(root, base)))
        return Loaded(dataset, [], "")
    salt = (str(base) + "\0").encode() + (site_path.read_bytes() if site_path.exists() else b"")
    paths = programme_files(root)
    digests = [_digest(p, salt) for p in paths]
    misses = [(p, d) for p, d in zip(paths, digests, strict=True)
              if (hit := _cache.get(str(p))) is None or hit.digest != d]
    _work.update(root=root, site=site, base=base)
    loaded = _map(_load_task, [p for p, _ in misses], 32)
    for (path, digest), (scored, problems, row) in zip(misses, loaded, strict=True):
        _cache[str(path)] = Entry(digest, scored, problems, row)
    live = {str(p) for p in paths}
    for key in [k for k in _cache if k not in live]:
        del _cache[key]
    keyed: list[tuple[tuple[int, str, str], P]] = []
    for path in paths:
        entry = _cache[str(path)]
        dataset.files += 1
        dataset.problems.extend(entry.problems)
        if entry.scored is not None:
            dataset.programmes.append(entry.scored)
            dataset.facts.append(Facts.of(entry.scored))
            p = entry.scored.programme
            keyed.append(((-p.year, entry.row["name"], p.id), entry.row))  # type: ignore[index]
    by_file = {sp.programme.file: sp for sp in dataset.programmes}
    for problem in cross_checks(dataset.facts):
        dataset.problems.append(problem)
        by_file[problem.file].problems.append(problem)
        for key, entry in list(_cache.items()):  # the scored programme now carries it: reload next time
            if entry.scored is by_file[problem.file]:
                del _cache[key]
    dataset.programmes.sort(key=lambda sp: (-sp.programme.year, sp.programme.id))
    keyed.sort(key=lambda item: item[0])
    overall = hashlib.sha256("".join(digests).encode()).hexdigest()
    return Loaded(dataset, [row for _, row in keyed], overall,
                  {"load": round(time.perf_counter() - started, 2), "loaded_files": len(misses)})


class SeriesIndex:
    """`Dataset.by_series` in O(1): page data asks it once per programme (quadratic otherwise)."""

    def __init__(self, programmes: list[ScoredProgramme]):
        groups: dict[str, list[ScoredProgramme]] = defaultdict(list)
        for sp in programmes:
            if sp.programme.series:
                groups[sp.programme.series].append(sp)
        self.groups = {k: sorted(v, key=lambda sp: sp.programme.year) for k, v in groups.items()}

    def by_series(self, series: str) -> list[ScoredProgramme]:
        return self.groups.get(series, [])


# -- writing pages --------------------------------------------------------------------------------
def page_title(data: P) -> str:
    return f"{data['name']}（{data['year']}年度）"


def render_programme(sp: ScoredProgramme, info: SiteInfo, series: SeriesIndex) -> tuple[str, str, str, dict[str, bytes]]:
    """(url, title, content HTML, downloads) of one programme page, exactly as pages.Builder renders it."""
    data = programme_data(sp, series)  # type: ignore[arg-type]
    url = data["url"]
    body = render("programme.html", url, site=info, grade_class=grade_classifier(info), bar=bar,
                  **programme_context(data, info))
    item = ProgrammeInput(data=data, yaml_path=sp.programme.path, csv_path=getattr(sp.programme, "csv_path", None))
    return url, page_title(data), body, page_files(item)


def fill_shell(shell: str, url: str, title: str, body: str) -> str:
    """The shell page with this programme's URL, (escaped) title and content."""
    head, _, tail = shell.replace(SHELL_URL, url).replace(TITLE_MARK, html.escape(title)).partition(CONTENT_MARK)
    return head + body + tail


def _write(root: Path, path: str, content: bytes) -> int:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return len(content)


def _render_task(index: int) -> tuple[int, int]:
    """Write programme `index`'s page and downloads under the output folder; (index, bytes)."""
    sp = _work["programmes"][index]
    url, title, body, files = render_programme(sp, _work["info"], _work["series"])
    out: Path = _work["out"]
    size = _write(out, f"{url}index.html", fill_shell(_work["shell"], url, title, body).encode("utf-8"))
    for path, content in files.items():
        size += _write(out, path, content)
    return index, size


def _bundle_task(task: tuple[str, int | None]) -> dict[str, bytes]:
    from perfsite.opendata.build import _bundle

    prefix, year = task
    dataset: Dataset = _work["dataset"]
    group = [sp for sp in dataset.programmes if year is None or sp.programme.year == year]
    return _bundle(prefix, group, dataset)


def open_data(dataset: Dataset) -> dict[str, bytes]:
    """`perfsite.opendata.open_data_files`, one bundle (site-wide, per year) per worker."""
    import json

    from perfsite.opendata.datapackage import descriptor
    from perfsite.opendata.feed import atom_feed

    years = sorted({sp.programme.year for sp in dataset.programmes})
    tasks: list[tuple[str, int | None]] = [("data/", None)] + [(f"data/{y}/", y) for y in years]
    _work["dataset"] = dataset
    files: dict[str, bytes] = {}
    workers = jobs()
    if workers < 2 or len(dataset.programmes) < PARALLEL_FROM or "fork" not in mp.get_all_start_methods():
        for task in tasks:
            files.update(_bundle_task(task))
    else:
        with mp.get_context("fork").Pool(workers, initializer=gc.disable) as pool:
            for part in pool.imap(_bundle_task, tasks):
                files.update(part)
    files["data/datapackage.json"] = json.dumps(descriptor(dataset.site), ensure_ascii=False, indent=1).encode("utf-8")
    files["feed.xml"] = atom_feed(dataset)
    return files


@dataclass
class Mirror:
    """Serve mode: programme outputs kept between rebuilds, re-rendered only when inputs change."""

    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="perfsite-pages-")))
    keys: dict[str, str] = field(default_factory=dict)  # url → what its page was rendered from
    shell: str = ""


_mirror: Mirror | None = None


def write_programmes(site_dir: Path, shell: str, dataset: Dataset, info: SiteInfo, serve: bool) -> dict[str, float]:
    """Write every programme page and its downloads into site_dir; returns timings."""
    global _mirror
    started = time.perf_counter()
    series = SeriesIndex(dataset.programmes)
    programmes = dataset.programmes
    todo = list(range(len(programmes)))
    out = site_dir
    if serve:
        if _mirror is None or _mirror.shell != shell:
            if _mirror is not None:
                shutil.rmtree(_mirror.root, ignore_errors=True)
            _mirror = Mirror(shell=shell)
        digests = {id(e.scored): e.digest for e in _cache.values()}
        keys = {sp.programme.url: digests.get(id(sp), "") + _series_key(sp, series) for sp in programmes}
        todo = [i for i, sp in enumerate(programmes)
                if _mirror.keys.get(sp.programme.url) != keys[sp.programme.url] or not digests.get(id(sp))]
        _mirror.keys = keys
        out = _mirror.root
    _work.update(programmes=programmes, info=info, series=series, shell=shell, out=out)
    written = sum(size for _, size in _map(_render_task, todo, 16))
    if serve and _mirror is not None:
        link_tree(_mirror.root, site_dir, {programmes[i].programme.url for i in range(len(programmes))})
    return {"pages": round(time.perf_counter() - started, 2), "rendered": len(todo), "written_mb": round(written / 2**20, 1)}


def _series_key(sp: ScoredProgramme, series: SeriesIndex) -> str:
    if not sp.programme.series:
        return ""
    return repr([(o.programme.year, o.programme.url, o.programme.name, str(o.total), o.grade)
                 for o in series.by_series(sp.programme.series)])


def link_tree(source: Path, target: Path, urls: set[str]) -> None:
    """Hard-link (else copy) the mirror's pages of live programmes into the serve folder."""
    for url in sorted(urls):
        folder = source / url
        if not folder.is_dir():
            continue
        dest = target / url
        dest.mkdir(parents=True, exist_ok=True)
        for item in folder.iterdir():
            if item.is_file():
                try:
                    os.link(item, dest / item.name)
                except OSError:
                    shutil.copy2(item, dest / item.name)


# -- sitemap --------------------------------------------------------------------------------------
_URL_BLOCK = re.compile(r"\n?[ \t]*<url>\s*<loc>([^<]*)</loc>(?:\s*<lastmod>([^<]*)</lastmod>)?\s*</url>")


def fix_sitemap(site_dir: Path, urls: list[str], site_url: str) -> None:
    """Replace the shell's entry in sitemap.xml(.gz) by every programme URL, in page order."""
    path = site_dir / "sitemap.xml"
    if not path.exists():
        return
    text = path.read_text(encoding="utf-8")
    shell = next((m for m in _URL_BLOCK.finditer(text) if m.group(1).endswith(SHELL_URL)), None)
    if shell is None:
        return
    prefix = shell.group(1)[: -len(SHELL_URL)]
    lastmod = shell.group(2)
    blocks = "".join(
        f"\n    <url>\n         <loc>{html.escape(prefix + url)}</loc>\n"
        + (f"         <lastmod>{lastmod}</lastmod>\n" if lastmod else "") + "    </url>"
        for url in urls)
    text = text[: shell.start()] + blocks + text[shell.end():]
    path.write_text(text, encoding="utf-8")
    gz = site_dir / "sitemap.xml.gz"
    mtime = int.from_bytes(gz.read_bytes()[4:8], "little") if gz.exists() else 0
    with gz.open("wb") as handle, gzip.GzipFile(fileobj=handle, filename=str(gz), mode="wb", mtime=mtime) as out:
        out.write(text.encode("utf-8"))


SERVE = {"on": False}
"""Set by the hook's on_startup: under `mkdocs serve`, rebuilds reuse what did not change."""
_open: dict[str, Any] = {}


def open_data_cached(loaded: Loaded, serve: bool) -> dict[str, bytes]:
    """The /data/ files; under serve, built once (they take long) and reused on later rebuilds.

    PERFSITE_OPENDATA=0 leaves them out (bench/run.py measures the pages without them).
    """
    if os.environ.get("PERFSITE_OPENDATA") == "0":
        return {}
    if _open.get("digest") == loaded.digest or (serve and "files" in _open):
        if _open.get("digest") != loaded.digest:
            print("INFO    -  预览：/data/ 汇总下载沿用首次构建的版本（完整构建 make site 时重新生成）")
        return _open["files"]
    files = open_data(loaded.dataset)
    if serve:
        _open.update(digest=loaded.digest, files=files)
    return files
