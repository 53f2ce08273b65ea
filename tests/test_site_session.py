"""The build session's shortcuts (workers, listing rows, a cache by content) give what the slow path gives."""

from __future__ import annotations

import dataclasses
import gc
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest_site import DATA

from perfsite.dataset import Facts, load_dataset
from perfsite.demo import write_demo
from perfsite.kinds import DocumentKind, address
from perfsite.record import make_record
from perfsite.site import workers
from perfsite.site.pages import ROW_FIELDS, listing_row
from perfsite.site.render import grade_band
from perfsite.site.session import BuildSession
from perfsite.site.shell import CONTENT_MARK
from perfsite.site.targets_page import changes, lowered_count, mark_rows


def _demo(tmp: Path, n: int) -> Path:
    write_demo(n, tmp / "demo", seed=3)
    return tmp / "demo"


@pytest.mark.parametrize("which", ["sample", "demo"])
def test_worker_rows_are_the_listing_projection_of_each_record(which: str, tmp_path: Path) -> None:
    """The listing rows the workers send are listing_row of each programme's record, as the
    single-process build makes them."""
    root = DATA if which == "sample" else _demo(tmp_path, 150)
    dataset = load_dataset(root)
    assert dataset.programmes
    band = grade_band(dataset.site)
    records = {sp.programme.url: make_record(sp) for sp in dataset.programmes}
    expected = {url: listing_row(rec, band) for url, rec in records.items()}
    tables = {(t.year, t.id): t for t in dataset.targets}  # and each row's 绩效目标表 mark
    mark_rows(list(expected.values()), {address(t.kind, t.year, t.id) for t in dataset.targets},
              {url: lowered_count(changes(rec, tables[(rec.year, rec.id)]))
               for url, rec in records.items() if (rec.year, rec.id) in tables})
    session = BuildSession(serve=False)
    try:
        loaded = session.load_tree(root)
    finally:
        session.close()
    # and the 评价报告 and 整改 marks (perfsite.site.cycle_marks), on the rows of programme-years with one
    cycle = ("report", "report_grade", "rectification", "open", "overdue")
    marked = {r["url"] for r in loaded.rows if any(k in r for k in cycle)}
    assert marked == {address(DocumentKind.SELF_EVALUATION, f.year, f.id) for f in dataset.facts
                      if f.kind in (DocumentKind.EVALUATION_REPORT, DocumentKind.RECTIFICATION)}
    assert {r["url"]: {k: v for k, v in r.items() if k not in cycle} for r in loaded.rows} == expected
    # the listings' keys take a row without marks as its worker entry's key alone (pages.row_digest)
    assert all(row.keys() == ROW_FIELDS for row in expected.values())


def test_load_matches_load_dataset_and_caches(tmp_path: Path) -> None:
    root = _demo(tmp_path, 40)
    slow = load_dataset(root)
    session = BuildSession(serve=True)
    first = session.load_tree(root)
    ordered = sorted(slow.programmes, key=lambda sp: sp.programme.file)
    # the line map is the build's (load_dataset drops it); the target rows stay in the workers,
    # which compare (Facts.compared_apart), as check's facts carry them
    assert [dataclasses.astuple(f) for f in first.dataset.facts] == [
        dataclasses.astuple(Facts.of(sp, f.lines)) for f, sp in zip(first.dataset.facts, ordered, strict=True)]
    assert [[row[:4] for row in f.targets.restated] for f in slow.facts if f.targets is not None] == [
        [(i.level1, i.level2, i.name, i.target) for i in sp.programme.indicators] for sp in ordered]
    assert all(dict(f.lines)["name"] > 1 for f in first.dataset.facts)
    assert sorted(r["url"] for r in first.rows) == sorted(sp.programme.url for sp in slow.programmes)
    assert [p.message for p in first.dataset.problems] == [p.message for p in slow.problems]
    again = session.load_tree(root)
    assert again.timings["loaded_files"] == 0
    edited = sorted(p for p in root.rglob("*.yaml") if p.name != "site.yaml")[-1]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert session.load_tree(root).timings["loaded_files"] == 1
    session.close()


def test_the_spool_is_beside_the_build_cache_where_the_packs_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a build cache, the workers' /data/ pieces are spooled in its scratch folder, not in
    TMPDIR: the pack a worker writes is linked into the spool folder and read there in place, and
    a TMPDIR on another file system (tmpfs, the cache on disk) had every piece written twice and
    read back (Share._unspooled), and a rebuild copy every pack."""
    import tempfile

    from perfsite.site.buildcache import BuildCache

    root = _demo(tmp_path, 12)
    other = Path("/dev/shm")
    elsewhere = other.is_dir() and other.stat().st_dev != tmp_path.stat().st_dev
    scratch = Path(tempfile.mkdtemp(dir=other if elsewhere else tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setattr(workers.Share, "_unspooled", lambda *_: pytest.fail("pieces read back from the spool"))
    session = BuildSession(serve=False)
    session.cache = BuildCache(tmp_path / "cache", "test")
    try:
        session.workers(0)
        loaded = session.load_tree(root, parts=True)
        assert loaded.spool is not None and loaded.spool.is_relative_to(tmp_path / "cache")
        pack = next(p for p in loaded.spool.iterdir() if p.name.startswith("pack-"))
        assert all(s.parts.spool == str(pack) for s in loaded.summaries if s.parts is not None)
        assert len(list((tmp_path / "cache").rglob("pack/*/*"))) == 1 and list(scratch.iterdir()) == []
    finally:
        session.close()
        shutil.rmtree(scratch, ignore_errors=True)


@pytest.mark.parametrize("end", ["failed", "close"])
def test_a_build_that_ends_before_finish_leaves_nothing_frozen(tmp_path: Path, end: str) -> None:
    """load() moves what the process holds out of the collector's reach (gc.freeze) for the
    build; a build failing or shut down before finish() gives it back all the same."""
    root = _demo(tmp_path, 12)
    session = BuildSession(serve=False)
    before = gc.get_freeze_count()
    session.load_tree(root, frozen=True)
    assert gc.get_freeze_count() > before
    getattr(session, end)()
    assert gc.get_freeze_count() == 0
    session.close()


@pytest.mark.parametrize("end", ["failed", "close"])
def test_a_build_ending_while_data_is_written_early_waits_for_it_and_removes_its_folder(
        tmp_path: Path, end: str) -> None:
    """/data/ may be written from configure() on, in a thread, into a folder of the session's
    (OpenData): a build that fails, or a session closed, before finish() lets the thread end
    before it removes that folder, so nothing writes into a removed folder or is left behind."""
    import threading

    from perfsite.site.session import Background, Build, OpenData

    folder = tmp_path / "data-early"
    folder.mkdir()
    started, go = threading.Event(), threading.Event()

    def write() -> dict[str, Any]:
        started.set()
        go.wait(timeout=60)
        (folder / "data.json").write_text("{}", encoding="utf-8")
        return {}

    session = BuildSession(serve=False)
    work = Background(write)
    started.wait(timeout=60)
    session.build = Build(tmp_path, None, None, 0.0, open_data=OpenData(folder, work))  # type: ignore[arg-type]
    session.temporary.add(folder)
    waiting = work.wait

    def wait() -> None:  # the thread goes on writing only once the ending build waits for it
        go.set()
        waiting()

    work.wait = wait  # type: ignore[method-assign]
    getattr(session, end)()
    assert not work.thread.is_alive() and work.error is None
    assert not folder.exists()
    session.close()


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_workers_started_before_the_shell_write_what_one_process_writes(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A build over PARALLEL_FROM programmes starts its workers at on_config, before MkDocs has
    rendered the shell (and cleaned the site folder), and before this process renders the site's
    own pages (listings, 部门 pages: the workers idled through them); the site is the same as from
    one process."""
    from conftest_site import build_or_fail

    from perfsite.site import session as session_module

    root = _demo(tmp_path, workers.PARALLEL_FROM + 40)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("PERFSITE_SEARCH", "0")
    monkeypatch.setenv("PERFSITE_JOBS", "1")
    one = _files(build_or_fail(tmp_path / "one", root))
    monkeypatch.setenv("PERFSITE_JOBS", "2")
    steps: list[str] = []
    start, own_pages = BuildSession._start, session_module.site_pages
    monkeypatch.setattr(BuildSession, "_start", lambda *args: steps.append("workers") or start(*args))
    monkeypatch.setattr(session_module, "site_pages", lambda *args: steps.append("own pages") or own_pages(*args))
    (tmp_path / "two" / "stale").mkdir(parents=True)  # MkDocs cleans the folder after the workers started
    two = _files(build_or_fail(tmp_path / "two", root))
    assert steps == ["workers", "own pages"]
    assert sum(1 for name in one if name.startswith("projects/")) > 4 * workers.PARALLEL_FROM
    assert two == one


def test_workers_waiting_for_a_shell_that_never_comes_write_nothing(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = _demo(tmp_path, workers.PARALLEL_FROM + 10)
    monkeypatch.setenv("PERFSITE_JOBS", "2")
    session = BuildSession(serve=False)
    loaded = session.load_tree(root)
    try:
        assert session.can_start_early()
        rendering = session.start_programmes(tmp_path / "site", None, loaded, loaded.dataset.site)
        timings, _ = session.finish_programmes(rendering)  # the build stopped before MkDocs rendered the shell
        assert timings["rendered"] == 0 and not (tmp_path / "site").exists()
        rendering = session.start_programmes(tmp_path / "site", None, loaded, loaded.dataset.site)
        session.give_shell(rendering, f"<html>{CONTENT_MARK}</html>")
        timings, _ = session.finish_programmes(rendering)
        assert timings["rendered"] == len(loaded.rows)
        assert len(list((tmp_path / "site" / "projects").glob("*/*/index.html"))) == len(loaded.rows)
    finally:
        session.close()


@dataclasses.dataclass
class _ServeRig:
    """A demo tree served as `mkdocs serve` serves it: one plugin session, the config loaded anew for
    each rebuild (`config()`), and one programme's file whose name a test changes (`renamed`)."""

    site: Path
    files: list[Path]
    victim: Path
    text: str

    @property
    def year_id(self) -> tuple[str, str]:
        return (re.search(r"^year:\s*(\d+)", self.text, re.M).group(1),  # type: ignore[union-attr]
                re.search(r"^id:\s*(\S+)", self.text, re.M).group(1))  # type: ignore[union-attr]

    def page(self) -> str:
        year, ident = self.year_id
        return (self.site / "projects" / year / ident / "index.html").read_text(encoding="utf-8")

    def index(self) -> str:
        return (self.site / "projects" / "index" / f"{self.year_id[0]}.json").read_text(encoding="utf-8")

    def renamed(self, name: str) -> None:
        self.victim.write_text(re.sub(r"^name:.*$", f"name: {name}", self.text, count=1, flags=re.M), encoding="utf-8")

    def config(self) -> Any:
        from conftest_site import REPO
        from mkdocs.config import load_config

        return load_config(str(REPO / "mkdocs.yml"), site_dir=str(self.site))


def _serve_rig(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, search: str,
               pick: Callable[[list[Path]], Path]) -> _ServeRig:
    root = _demo(tmp_path, workers.PARALLEL_FROM + 20)
    for key, value in {"PERFSITE_DATA": str(root), "PERFSITE_SEARCH": search, "PERFSITE_JOBS": "2",
                       "NO_MKDOCS_2_WARNING": "1", "PERFSITE_LOG": str(tmp_path / "error.log")}.items():
        monkeypatch.setenv(key, value)
    files = sorted(p for p in root.rglob("*.yaml") if p.name != "site.yaml")
    victim = pick(files)
    return _ServeRig(tmp_path / "site", files, victim, victim.read_text(encoding="utf-8"))


def test_serve_rebuilds_correctly_after_a_worker_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As `mkdocs serve` does: one plugin session, the config loaded anew for each rebuild. A
    rebuild whose worker fails (real forked workers) reports it; the next rebuild, the data fixed,
    publishes every page right (the other worker's reply to the failed call is not taken for a
    reply to the next)."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort

    from perfsite.executor import owner

    # the first worker fails, the second answers
    rig = _serve_rig(tmp_path, monkeypatch, "0", lambda files: next(p for p in files if owner(str(p), 2) == 0))
    real = workers.render_programme

    def render(rec, info, others, *more):  # type: ignore[no-untyped-def]
        if "BOOM" in rec.name:
            raise ValueError("injected")
        return real(rec, info, others, *more)

    monkeypatch.setattr(workers, "render_programme", render)  # before the workers are forked
    first = rig.config()
    first.plugins.on_startup(command="serve", dirty=False)
    try:
        build(first)
        assert len(list(rig.site.glob("projects/*/*/index.html"))) == len(rig.files)
        rig.renamed("BOOM 项目")
        with pytest.raises(Abort):
            build(rig.config())
        assert "ValueError: injected" in (tmp_path / "error.log").read_text(encoding="utf-8")
        rig.renamed("已修复的项目")
        build(rig.config())
        assert "已修复的项目" in rig.page()
        assert len(list(rig.site.glob("projects/*/*/index.html"))) == len(rig.files)
        assert "已修复的项目" in rig.index()
    finally:
        first.plugins.on_shutdown()


def test_serve_rebuilds_correctly_after_the_search_index_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A serve rebuild that fails in the main process after the workers were told to write (the
    search pages could not be copied) leaves their replies to be collected, not taken by the next
    rebuild for its own: the next rebuild publishes the name then in the file."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort

    from perfsite.site import search

    rig = _serve_rig(tmp_path, monkeypatch, "1", lambda files: files[0])
    real = search.copy_prose
    failing = {"now": False}

    def copy_prose(*args: Any) -> Any:
        if failing["now"]:
            raise OSError(28, "No space left on device")
        return real(*args)

    monkeypatch.setattr(search, "copy_prose", copy_prose)
    first = rig.config()
    first.plugins.on_startup(command="serve", dirty=False)
    try:
        build(first)
        rig.renamed("第二次的名称")
        failing["now"] = True
        with pytest.raises(Abort):
            build(rig.config())
        failing["now"] = False
        rig.renamed("第三次的名称")
        build(rig.config())
        assert "第三次的名称" in rig.page() and "第三次的名称" in rig.index()
        rig.renamed("第四次的名称")
        build(rig.config())
        assert "第四次的名称" in rig.page()
    finally:
        first.plugins.on_shutdown()


def test_work_in_a_fork_gives_back_its_result_or_its_error() -> None:
    """/data/ written from configure() on runs in a fork of the build (forked): what it returns,
    and what it raises, reach the build as from a thread; a child that dies says so."""
    import os

    from perfsite.site.session import DataWritten, forked

    parent = os.getpid()
    done = forked(lambda: DataWritten({"data/a.csv": {"bytes": 1, "rows": 0, "sha256": "0" * 64}},
                                      {("data", str(os.getpid()))}))
    assert done.join() >= 0
    assert done.result.manifest == {"data/a.csv": {"bytes": 1, "rows": 0, "sha256": "0" * 64}}
    [(kind, pid)] = done.result.used
    assert kind == "data" and int(pid) != parent  # made in another process

    def fails() -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        forked(fails).join()

    def dies() -> None:
        os._exit(3)

    with pytest.raises(RuntimeError, match="子进程异常退出（3）"):
        forked(dies).join()
