"""The build cache: a rebuild after a one-file commit redoes only what the file touches and
publishes the same bytes as a build from nothing; what the cache holds is checked before use."""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import importlib.util
import os
import pickle
import re
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest_site import REPO, build_in_process, small_project

from perfsite.dataset import TreeRead, load_document, load_tree
from perfsite.demo import write_demo
from perfsite.executor import Told
from perfsite.opendata.parts import Damaged, Parts, SpoolFiles, programme_parts
from perfsite.record import make_record
from perfsite.site import buildcache, publish, search
from perfsite.site.buildcache import FORMAT, TRAILER, BuildCache, PackShelf, PackWriter, Segment, tree_digest
from perfsite.site.session import BuildSession
from perfsite.site.shell import CONTENT_MARK
from perfsite.site.workers import (
    PARALLEL_FROM,
    Forwarded,
    LoadRequest,
    RenderRequest,
    SealedTable,
    Share,
    Shell,
    Summary,
    shell_digest,
)
from perfsite.targets import TargetTable

SEARCH = importlib.util.find_spec("pagefind") is not None
SHELL = f"<html><head><title>t</title></head><body>{CONTENT_MARK}</body></html>"


def demo(root: Path, n: int = 24) -> Path:
    write_demo(n, root, seed=5, targets=True)
    return root


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """small_project, shared by the module's builds (none writes into it)."""
    return small_project(tmp_path_factory.mktemp("project") / "project")


def build(site: Path, data: Path, cache: Path | None, search: bool = False, *, project: Path,
          said: list[str] | None = None, **env: str) -> dict[str, float]:
    """What `perfsite build` of `data` into `site` runs, with the build cache at `cache` (None:
    off): MkDocs' build into a new folder, told it is staged (no site record), here in this
    process (build_in_process); its timings (`said` gets its log)."""
    settings = {"PERFSITE_DATA": str(data), "PERFSITE_SEARCH": "1" if search else "0", "SOURCE_DATE_EPOCH": "1700000000",
                "PERFSITE_BUILD_CACHE": str(cache) if cache is not None else "0", publish.STAGED_ENV: "1", **env}
    return build_in_process(project, site, settings, said)


def perfsite_build(site: Path, data: Path, cache: Path, project: Path) -> subprocess.Popen[str]:
    """`perfsite build` of `data` into `site` in a process of its own, not waited for."""
    environ = {**os.environ, "PERFSITE_DATA": str(data), "PERFSITE_SEARCH": "0", "SOURCE_DATE_EPOCH": "1700000000",
               "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-m", "perfsite", "build", "--site-dir", str(site), "--cache-dir", str(cache),
                             "--config-file", str(project / "mkdocs.yml")], env=environ, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def entries(cache: Path, kind: str) -> list[Path]:
    """The entries of a kind: a folder or file each, a flat entry's files (`<key>.<n>`) beside it not counted."""
    return sorted(p for p in (cache / FORMAT / kind).glob("*/*") if "." not in p.name)


def edit_name(path: Path, suffix: str = "（调整）") -> None:
    text = path.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("name:"))
    path.write_text(text.replace(line, line[:-1] + suffix + '"', 1), encoding="utf-8")


def self_evaluations(data: Path) -> list[Path]:
    return sorted(p for p in data.rglob("*.yaml") if p.name != "site.yaml" and not p.stem.endswith("-mubiao"))


@pytest.mark.parametrize("search", [False, True] if SEARCH else [False])
def test_a_one_file_rebuild_is_byte_identical_to_a_cold_build(tmp_path: Path, search: bool, project: Path) -> None:
    data = demo(tmp_path / "data")
    cache = tmp_path / "cache"
    first = build(tmp_path / "first", data, cache, search, project=project)
    assert first["rendered"] > 0 and first["reused"] == 0
    edit_name(self_evaluations(data)[3])
    later = "1700003600"  # CI dates each build by its commit: the year zips' entries change their time (same day)
    warm = build(tmp_path / "warm", data, cache, search, SOURCE_DATE_EPOCH=later, project=project)
    cold = build(tmp_path / "cold", data, None, search, SOURCE_DATE_EPOCH=later, project=project)
    assert snapshot(tmp_path / "warm") == snapshot(tmp_path / "cold")
    assert warm["loaded_files"] == 1 and cold["loaded_files"] == first["loaded_files"]
    assert 1 <= warm["rendered"] <= 5 and warm["rendered"] + warm["reused"] == cold["rendered"]
    assert warm["listings"] == 3 < first["listings"]  # the edited programme's year, region and department
    assert warm["linked"] == warm["reused"]  # the shell is the same: every page not rendered is linked whole
    pages = sorted(p.relative_to(tmp_path / "warm") for p in (tmp_path / "warm" / "projects").rglob("*") if p.is_file())
    same = [p for p in pages if (tmp_path / "first" / p).stat().st_ino == (tmp_path / "warm" / p).stat().st_ino]
    assert len(pages) - 20 < len(same) < len(pages)  # the edited page and its series' others were written anew
    if search:
        # the edited year's alone: no prose changed (the 数据下载 page's file figures are not indexed)
        assert warm["indexed"] == 1 < first["indexed"]


def test_a_cache_restored_from_an_archive_links_its_pages_without_calling_them_damaged(tmp_path: Path,
                                                                                         project: Path) -> None:
    """CI restores the cache from an archive (actions/cache, GitLab's cache:): every file anew, with
    another inode and ctime and its mtime in whole seconds. Each page's files are hashed against
    their entry and linked, not taken for damaged (filled and written again, every page told to
    the operator as damaged); the site is a cold build's."""
    data = demo(tmp_path / "data")
    cache = tmp_path / "cache"
    build(tmp_path / "first", data, cache, project=project)
    restored = tmp_path / "restored"
    shutil.copytree(cache, restored)
    for path in restored.rglob("*"):
        found = path.stat()
        os.utime(path, ns=(found.st_atime_ns, found.st_mtime_ns // 10**9 * 10**9))
    edit_name(self_evaluations(data)[3])
    said: list[str] = []
    warm = build(tmp_path / "warm", data, restored, SOURCE_DATE_EPOCH="1700003600", project=project, said=said)
    build(tmp_path / "cold", data, None, SOURCE_DATE_EPOCH="1700003600", project=project)
    assert snapshot(tmp_path / "warm") == snapshot(tmp_path / "cold")
    assert warm["reused"] > 20 and warm["linked"] == warm["reused"]
    assert not [line for line in said if "损坏" in line]


@pytest.mark.parametrize("search", [False, True] if SEARCH else [False])
def test_a_rebuild_with_workers_links_pages_before_the_shell_and_publishes_a_cold_builds_bytes(
        tmp_path: Path, search: bool, project: Path) -> None:
    """Forked workers start before MkDocs has rendered the shell (or cleaned the site folder):
    they link the pages the cache holds with the last build's shell into a folder of the cache,
    moved into the site once they are done, and tell their search stubs before they link what
    is left; /data/ is written meanwhile into another folder of the cache, moved in too. The
    site is a cold build's, byte for byte."""
    data = demo(tmp_path / "data", PARALLEL_FROM // 2 + 10)  # a 自评 and a 绩效目标表 each: two files
    cache = tmp_path / "cache"
    first = build(tmp_path / "first", data, cache, search, PERFSITE_JOBS="2", project=project)
    edit_name(self_evaluations(data)[3])
    later = "1700003600"
    warm = build(tmp_path / "warm", data, cache, search, SOURCE_DATE_EPOCH=later, PERFSITE_JOBS="2", project=project)
    cold = build(tmp_path / "cold", data, None, search, SOURCE_DATE_EPOCH=later, PERFSITE_JOBS="2", project=project)
    assert snapshot(tmp_path / "warm") == snapshot(tmp_path / "cold")
    assert first["linked"] == 0 and warm["linked"] == warm["reused"] > 4 * warm["rendered"] > 0
    assert warm["rendered"] + warm["reused"] == cold["rendered"]
    assert not list((cache / FORMAT / "tmp").glob("pages-*"))  # the workers' folder, moved into the site
    assert warm["data_early"] == 1 and cold["data_early"] == 0  # no cache: written into the site at the end
    assert not list((cache / FORMAT / "tmp").glob("data-*"))
    assert entries(cache, "data")  # what /data/ used, written in a fork, is the build's to keep: not pruned
    assert not entries(cache, "site")  # `perfsite build` swaps a new folder in: no build comes into it again
    if search:
        assert warm["indexed"] == 1


def mkdocs_build(site: Path, data: Path, cache: Path, project: Path, **env: str) -> dict[str, float]:
    """`mkdocs build -d site` (what builds into the same site folder each time, unlike `perfsite
    build`, which builds aside and swaps) with the build cache at `cache`, two workers; its timings."""
    settings = {"PERFSITE_DATA": str(data), "PERFSITE_SEARCH": "0", "SOURCE_DATE_EPOCH": "1700000000",
                "PERFSITE_BUILD_CACHE": str(cache), "PERFSITE_JOBS": "2", **env}
    return build_in_process(project, site, settings)


def inodes(site: Path) -> dict[str, int]:
    """The inodes of the programme pages' files (not of projects/index.html and the like, which MkDocs writes)."""
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in (site / "projects").glob("[0-9]*/**/*")
            if p.is_file()}


def test_a_rebuild_into_the_same_site_keeps_its_pages_where_they_are(tmp_path: Path, project: Path) -> None:
    """Built again into the same folder, the pages the last build wrote there stay (not linked
    anew); what changed is fixed up, and the site is a cold build's, byte for byte: an edited
    programme, a removed one, a file edited by hand in the site and one added there."""
    data = demo(tmp_path / "data", PARALLEL_FROM // 2 + 10)
    site, cache = tmp_path / "site", tmp_path / "cache"
    first = mkdocs_build(site, data, cache, project=project)
    assert first["kept"] == 0 and first["rendered"] > 0
    before = inodes(site)
    edited, removed = self_evaluations(data)[3], self_evaluations(data)[7]
    edit_name(edited)
    removed.unlink()
    removed.with_name(removed.stem + "-mubiao.yaml").unlink()
    later = "1700003600"
    warm = mkdocs_build(site, data, cache, SOURCE_DATE_EPOCH=later, project=project)
    build(tmp_path / "cold", data, None, SOURCE_DATE_EPOCH=later, PERFSITE_JOBS="2", project=project)
    assert snapshot(site) == snapshot(tmp_path / "cold")
    assert warm["linked"] == 0 and warm["kept"] == warm["reused"] > 4 * warm["rendered"] > 0
    after = inodes(site)
    changed = {p.split("/")[2] for p in after if before.get(p) != after[p]}  # the edited series' pages
    assert 0 < len(changed) <= 5 and len(after) > 500
    assert not list((cache / FORMAT / "tmp").glob("pages-*"))

    page = next(p for p in pages_of(site) if "mubiao" not in p.as_posix() and "/targets/" not in p.as_posix())
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</body>", "<p>手工改动</p></body>"), encoding="utf-8")  # in place: the cache's inode
    (page.parent / "手工添加.txt").write_text("不应发布", encoding="utf-8")
    again = mkdocs_build(site, data, cache, SOURCE_DATE_EPOCH=later, project=project)
    assert snapshot(site) == snapshot(tmp_path / "cold")
    # the page's whole files are the site's, written in place: the cache holds no other copy of it
    assert again["rendered"] == 1 and again["kept"] == again["reused"] and again["linked"] == 0


def test_a_new_shell_writes_every_kept_page_again(tmp_path: Path) -> None:
    """The shell changed where the settings did not (mkdocs.yml reads the site author
    from the environment): every page the site folder kept is written again around the new one
    (from the cache, not rendered), as a cold build would."""
    data = demo(tmp_path / "data", PARALLEL_FROM // 2 + 10)
    project = small_project(tmp_path / "project")
    (project / "mkdocs.yml").unlink()
    (project / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8")
                                        + '\nsite_author: !ENV [PERFSITE_TEST_AUTHOR, "作者甲"]\n', encoding="utf-8")
    site, cache = tmp_path / "site", tmp_path / "cache"
    mkdocs_build(site, data, cache, project)
    warm = mkdocs_build(site, data, cache, project, PERFSITE_TEST_AUTHOR="作者乙")
    assert warm["rendered"] == 0 and warm["kept"] == 0 and warm["reused"] > 0
    assert all("作者乙" in p.read_text(encoding="utf-8") for p in pages_of(site))
    cold = tmp_path / "cold"
    mkdocs_build(cold, data, tmp_path / "other-cache", project, PERFSITE_TEST_AUTHOR="作者乙")
    assert snapshot(site) == snapshot(cold)
    again = mkdocs_build(site, data, cache, project, PERFSITE_TEST_AUTHOR="作者乙")
    assert again["kept"] == again["reused"] > 0 and snapshot(site) == snapshot(cold)


class ShellLater:
    """A worker's inbox handing over `shell` when the worker waits for it, noting which files
    its output folder held by then."""

    def __init__(self, out: Path, shell: str) -> None:
        self.out, self.shell = out, shell
        self.held: list[str] | None = None

    def poll(self) -> bool:
        return False

    def recv(self) -> Told:
        self.held = sorted(p.relative_to(self.out).as_posix() for p in self.out.rglob("*") if p.is_file())
        return Told(Shell(self.shell))

    def send(self, message: object) -> None:
        raise AssertionError(f"no note was asked for: {message!r}")


def test_pages_are_linked_with_the_last_builds_shell_before_this_builds_comes(tmp_path: Path) -> None:
    """A worker started before the shell links the pages whose whole files the cache holds with
    the shell the last build had; if this build's shell differs, it writes them again around it."""
    data = demo(tmp_path / "data", 6)
    found: list[TreeRead] = []
    load_tree(data, data, lambda job: found.append(job) or [])
    cache = BuildCache(tmp_path / "cache", "v")
    other = SHELL.replace("<title>t</title>", "<title>另一个外壳</title>")

    def render(name: str, shell: str, last: str) -> tuple[int, int, list[str] | None]:
        out = tmp_path / name
        inbox = ShellLater(out, shell)
        share = Share(inbox=inbox)
        share.load(LoadRequest(found[0], "", False, cache))
        reply = share.render(RenderRequest(None, found[0].site, {}, str(out), False, "", {}, cache=cache,
                                           predicted=shell_digest(last) if last else "", last_shell=last))
        assert reply.pages > 10
        return reply.linked, len(reply.rendered), inbox.held

    assert render("one", SHELL, "") == (0, 12, [])
    written = sorted(snapshot(tmp_path / "one"))
    assert render("two", SHELL, SHELL) == (12, 0, written)  # all linked before the shell came
    assert snapshot(tmp_path / "two") == snapshot(tmp_path / "one")
    linked, rendered, held = render("three", other, SHELL)
    assert (linked, rendered, held) == (0, 0, written)  # linked, then filled again from the cache
    assert all("另一个外壳" in p.read_text(encoding="utf-8") for p in pages_of(tmp_path / "three"))
    assert render("four", other, other) == (12, 0, written)
    assert snapshot(tmp_path / "four") == snapshot(tmp_path / "three")


def test_the_session_reports_which_pages_it_rendered(tmp_path: Path) -> None:
    """An edited name shows on its own page and in the 其他年度 of its series' other pages, and its
    绩效目标表's page now says the two names differ (a cross-file warning): those are rendered
    again, every other page comes from the cache."""
    data = demo(tmp_path / "data")
    session = BuildSession(serve=False)
    session.cache = BuildCache(tmp_path / "cache", "test")
    try:
        cold = render(session, data, tmp_path / "one")
        assert len(cold) > 20
        edited = self_evaluations(data)[3]
        edit_name(edited)
        loaded = session.load_tree(data)
        summary = next(s for s in loaded.summaries if s.path == str(edited))
        assert summary.row is not None
        series = {s.row["url"] for s in loaded.summaries if s.row is not None and s.series == summary.series}
        assert render(session, data, tmp_path / "two") == sorted(series | {summary.row["url"], summary.row["url"] + "targets/"})
        assert len(series) > 1  # the demo gives programmes several years
        assert render(session, data, tmp_path / "three") == []
    finally:
        session.close()


def test_linked_pages_leave_their_search_stubs_in_the_cache(tmp_path: Path) -> None:
    """A page linked whole from the cache leaves its search stub there (a folder per stub made the
    rebuild wait): only an index made again gets its stubs, the bytes a cold build wrote."""
    data = demo(tmp_path / "data")
    session = BuildSession(serve=False)
    session.cache = BuildCache(tmp_path / "cache", "test")
    try:
        loaded = session.load_tree(data)
        plan = search.shard_plan(Counter(row["year"] for row in loaded.rows))

        def stubs_of(site: Path, stubs: Path) -> list[search.Stub]:
            loaded = session.load_tree(data)
            session.finish_programmes(session.start_programmes(site, SHELL, loaded, loaded.dataset.site, stubs, plan))
            return session.stubbed

        cold = stubs_of(tmp_path / "one", tmp_path / "stubs-one")
        assert cold and all(source == "" for _, _, source in cold)  # written, not linked
        warm = stubs_of(tmp_path / "two", tmp_path / "stubs-two")
        assert sorted(stub[:2] for stub in warm) == sorted(stub[:2] for stub in cold)
        assert all(source for _, _, source in warm)
        assert not [p for p in (tmp_path / "stubs-two").rglob("*") if p.is_file()]
        shard = search.shard_names(plan)[-1]
        search.place_stubs(tmp_path / "stubs-two", [stub for stub in warm if stub[0].startswith(f"{shard}/")])
        assert snapshot(tmp_path / "stubs-two") == {path: content for path, content in snapshot(tmp_path / "stubs-one").items()
                                                    if path.startswith(f"{shard}/")}
    finally:
        session.close()


def render(session: BuildSession, data: Path, site: Path) -> list[str]:
    """Load and write every page of `data` from a fixed shell; the pages the session rendered."""
    loaded = session.load_tree(data)
    rendering = session.start_programmes(site, SHELL, loaded, loaded.dataset.site)
    session.finish_programmes(rendering)
    return session.rendered


def test_a_rebuild_unpickles_only_the_target_tables_it_compares_or_renders(tmp_path: Path) -> None:
    """A 绩效目标表 the build cache gives stays pickled in its worker (SealedTable) until a
    comparison or a page needs it: after a one-file edit, the tables of the pages rendered again,
    no others; the pages are a cold build's."""
    data = demo(tmp_path / "data")
    cache = tmp_path / "cache"
    first = BuildSession(serve=False)
    first.cache = BuildCache(cache, "test")
    try:
        render(first, data, tmp_path / "one")
    finally:
        first.close()
    edited = self_evaluations(data)[3]
    edit_name(edited)
    session = BuildSession(serve=False)
    session.cache = BuildCache(cache, "test")
    try:
        share = session.workers(0).local
        assert isinstance(share, Share)
        rendered = render(session, data, tmp_path / "warm")
        assert 1 <= len(rendered) < 20
        opened = {path for path, table in share.tables.items() if isinstance(table, TargetTable)}
        sealed = {path for path, table in share.tables.items() if isinstance(table, SealedTable)}
        assert len(opened | sealed) == len(share.tables) > len(rendered)
        assert str(edited).replace(".yaml", "-mubiao.yaml") in opened
        assert len(opened) <= len(rendered)  # a 自评 page rendered again, or its 绩效目标表's page
    finally:
        session.close()
    cold = BuildSession(serve=False)
    try:
        render(cold, data, tmp_path / "cold")
    finally:
        cold.close()
    assert snapshot(tmp_path / "warm") == snapshot(tmp_path / "cold")


def pages_of(site: Path) -> list[Path]:
    return sorted(p for p in (site / "projects").rglob("index.html"))


def test_a_new_shell_fills_every_page_again_without_rendering_it(tmp_path: Path) -> None:
    """The shell MkDocs renders (navigation, theme) is no part of a page's key: a new one is
    put around the cached content; the same one again is linked."""
    data = demo(tmp_path / "data", 10)
    session = BuildSession(serve=False)
    session.cache = BuildCache(tmp_path / "cache", "test")
    other = SHELL.replace("<title>t</title>", "<title>另一个外壳</title>")
    try:
        assert render(session, data, tmp_path / "one")
        loaded = session.load_tree(data)
        rendering = session.start_programmes(tmp_path / "two", other, loaded, loaded.dataset.site)
        timings, _ = session.finish_programmes(rendering)
        assert session.rendered == [] and timings["linked"] == 0 and timings["reused"] > 0
        assert all("另一个外壳" in p.read_text(encoding="utf-8") for p in pages_of(tmp_path / "two"))
        rendering = session.start_programmes(tmp_path / "three", other, loaded, loaded.dataset.site)
        timings, _ = session.finish_programmes(rendering)
        assert session.rendered == [] and timings["linked"] == timings["reused"] > 0
    finally:
        session.close()
    assert snapshot(tmp_path / "two") == snapshot(tmp_path / "three")


def test_a_new_shell_takes_the_old_one_off_the_cached_pages_byte_for_byte(tmp_path: Path) -> None:
    """The cache keeps a page once, as written (its whole files): a new shell is put around the
    content taken out of the old one, on programme pages, the pages below them (绩效目标表, one
    folder deeper) and a series' 各年度指标对照; the site is the one a build without the cache
    writes, and no `page` entry beside the whole files holds the same bytes again. A page whose
    published file was written in place (the cache's file) is rendered again, never filled from it."""
    data = demo(tmp_path / "data", 12)
    other = SHELL.replace("<title>t</title>", "<title>另一个外壳</title>")
    session = BuildSession(serve=False)
    session.cache = BuildCache(tmp_path / "cache", "test")
    try:
        render(session, data, tmp_path / "one")
        assert entries(tmp_path / "cache", "page") == []
        damaged = pages_of(tmp_path / "one")[0]
        with damaged.open("r+b") as handle:  # one bit flipped in place, same size
            handle.seek(300)
            byte = handle.read(1)
            handle.seek(300)
            handle.write(bytes([byte[0] ^ 1]))
        loaded = session.load_tree(data)
        rendering = session.start_programmes(tmp_path / "two", other, loaded, loaded.dataset.site)
        timings, _ = session.finish_programmes(rendering)
        url = damaged.parent.relative_to(tmp_path / "one").as_posix() + "/"
        assert session.rendered == [url] and timings["reused"] > 20 and timings["linked"] == 0
    finally:
        session.close()
    cold = BuildSession(serve=False)
    try:
        loaded = cold.load_tree(data)
        cold.finish_programmes(cold.start_programmes(tmp_path / "cold", other, loaded, loaded.dataset.site))
    finally:
        cold.close()
    written = snapshot(tmp_path / "two")
    assert written == snapshot(tmp_path / "cold")
    assert any("/targets/" in name for name in written) and any("/years/" in name for name in written)


def test_without_hard_links_pages_are_copied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache on another file system than the site (os.link fails): every file is copied, and
    a site file written in place never reaches the cache."""
    def no_link(*_: object, **__: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setenv("PERFSITE_JOBS", "1")  # os.link is replaced in this process only
    monkeypatch.setattr(os, "link", no_link)
    data = demo(tmp_path / "data", 6)
    session = BuildSession(serve=False)
    session.cache = BuildCache(tmp_path / "cache", "test")
    try:
        assert render(session, data, tmp_path / "one")
        first = pages_of(tmp_path / "one")
        with first[0].open("ab") as handle:
            handle.write(b"<!-- edited -->")
        assert render(session, data, tmp_path / "two") == []
    finally:
        session.close()
    second = pages_of(tmp_path / "two")
    assert [p.relative_to(tmp_path / "two") for p in second] == [p.relative_to(tmp_path / "one") for p in first]
    assert all(p.stat().st_nlink == 1 for p in second)
    assert b"<!-- edited -->" not in second[0].read_bytes()
    assert [p.read_bytes() for p in second[1:]] == [p.read_bytes() for p in first[1:]]


def test_a_code_version_change_renders_and_reads_everything_again(tmp_path: Path) -> None:
    data = demo(tmp_path / "data", 10)
    for version, fresh in (("code-a", True), ("code-a", False), ("code-b", True)):
        session = BuildSession(serve=False)
        session.cache = BuildCache(tmp_path / "cache", version)
        try:
            loaded = session.load_tree(data)
            rendered = render(session, data, tmp_path / version)
            assert (loaded.timings["loaded_files"] == len(loaded.summaries)) is fresh
            assert (len(rendered) == 2 * len(loaded.rows)) is fresh  # each 自评 page and its 绩效目标表's
        finally:
            session.close()


def test_the_code_version_covers_templates_and_every_module(tmp_path: Path) -> None:
    package = tmp_path / "perfsite"
    shutil.copytree(Path(sys.modules["perfsite"].__file__).parent, package,  # type: ignore[arg-type]
                    ignore=shutil.ignore_patterns("__pycache__"))
    before = tree_digest(package)
    template = package / "templates" / "programme.html"
    template.write_text(template.read_text(encoding="utf-8") + " ", encoding="utf-8")
    after_template = tree_digest(package)
    (package / "site" / "workers.py").write_text("# changed\n", encoding="utf-8")
    assert len({before, after_template, tree_digest(package)}) == 3


def test_a_template_override_renders_every_page_again(tmp_path: Path) -> None:
    """A site's own templates (overrides/perfsite/) are part of every page's and listing's key."""
    project = tmp_path / "project"
    subprocess.run([sys.executable, "-m", "perfsite", "init", str(project)], check=True, capture_output=True,
                   env={**os.environ, "PYTHONPATH": str(REPO)})
    data = demo(tmp_path / "data", 8)
    cache = tmp_path / "cache"
    first = build(tmp_path / "first", data, cache, project=project)
    template = (REPO / "perfsite" / "templates" / "programme.html").read_text(encoding="utf-8")
    (project / "overrides" / "perfsite").mkdir(parents=True, exist_ok=True)
    (project / "overrides" / "perfsite" / "programme.html").write_text(
        template.replace("<h1", "<p>本单位覆盖的模板</p><h1", 1), encoding="utf-8")
    listing = (REPO / "perfsite" / "templates" / "listing.html").read_text(encoding="utf-8")
    (project / "overrides" / "perfsite" / "listing.html").write_text("<p>本单位的列表</p>" + listing, encoding="utf-8")
    second = build(tmp_path / "second", data, cache, project=project)
    assert second["rendered"] == first["rendered"] and second["reused"] == 0
    assert second["listings"] == first["listings"] > 0
    pages = [p for p in (tmp_path / "second" / "projects").glob("*/*/index.html")]
    assert pages and all("本单位覆盖的模板" in p.read_text(encoding="utf-8") for p in pages)
    listings = [p for p in (tmp_path / "second" / "years").rglob("index.html") if p.parent.name != "years"]
    assert listings and all("本单位的列表" in p.read_text(encoding="utf-8") for p in listings)
    third = build(tmp_path / "third", data, cache, project=project)
    assert third["rendered"] == 0 and third["listings"] == 0


def test_damaged_entries_are_rebuilt_never_published(tmp_path: Path, project: Path) -> None:
    data = demo(tmp_path / "data")
    cache = tmp_path / "cache"
    build(tmp_path / "first", data, cache, project=project)
    first = tmp_path / "first"
    urls = sorted(p.parent.relative_to(first).as_posix() + "/" for p in (first / "projects").glob("*/*/index.html"))
    # a published page truncated (it is the cache's file, linked): not used, the page is rendered again
    with (first / urls[0] / "index.html").open("r+b") as handle:
        handle.truncate(100)
    # a published page edited in place after the build (one bit flipped, same size): rendered
    # again, the edit never published
    with (first / urls[1] / "index.html").open("r+b") as handle:
        handle.seek(200)
        byte = handle.read(1)
        handle.seek(200)
        handle.write(bytes([byte[0] ^ 1]))
    # a published page with a line added: the same
    with (first / urls[2] / "index.html").open("ab") as handle:
        handle.write("<!-- 发布后改动 -->".encode())
    # one data file's entry in a pack damaged: that file alone is read again
    pack = max((p for p in (cache / FORMAT / "pack").glob("*/*")), key=lambda p: p.stat().st_size)
    content = bytearray(pack.read_bytes())
    content[len(content) // 3] ^= 1
    pack.write_bytes(bytes(content))
    # a published /data/ file changed in place changes its cache entry (one file, linked): not used either
    year = next((first / "data").glob("20*/programmes.csv"))
    with year.open("r+b") as handle:
        handle.truncate(50)
    warm = build(tmp_path / "warm", data, cache, project=project)
    assert warm["loaded_files"] == 1 and warm["rendered"] >= 3
    build(tmp_path / "cold", data, None, project=project)
    assert snapshot(tmp_path / "warm") == snapshot(tmp_path / "cold")
    assert "发布后改动" not in page(tmp_path / "warm", urls[2])
    assert (tmp_path / "warm" / urls[2] / "index.html").stat().st_ino != (first / urls[2] / "index.html").stat().st_ino
    # the file read again is in a new pack; its damaged copy, still in the old one, is passed over
    again = build(tmp_path / "again", data, cache, project=project)
    assert again["loaded_files"] == again["rendered"] == 0


def programme_pieces(cache: Path) -> list[tuple[Path, Parts, Segment]]:
    """Each 自评's published /data/ pieces in the cache's packs: its pack, its part and its
    pieces' segment. A 自评 with a 绩效目标表 publishes the pieces its comparison's entry holds
    (made again with the comparison); one without, those of its own entry."""
    shelf = PackShelf(BuildCache(cache, ""))
    shelf.copies("")  # reads the packs' indexes
    loaded, compared = [], []
    for pack, segments in (shelf.found or {}).values():
        head = pickle.loads(shelf.piece(pack, segments[0]) or b"")
        where = BuildCache(cache, "").folder / FORMAT / "pack" / pack[:2] / pack
        if isinstance(head[1], bytes):  # a file's entry: (what its worker keeps, its summary)
            kept = pickle.loads(head[1])
            if isinstance(kept, Summary) and kept.parts is not None:
                loaded.append((where, kept.parts, segments[1]))
        elif isinstance(head[-1], Parts):  # a comparison's: its count, 提示, note and the part made with it
            compared.append((where, head[-1], segments[1]))
    shelf.close()
    published = {(part.year, part.id) for _, part, _ in compared}
    return compared + [found for found in loaded if (found[1].year, found[1].id) not in published]


def test_a_damaged_open_data_piece_is_found_where_it_is_read_and_made_again(tmp_path: Path, project: Path) -> None:
    """A 自评's /data/ pieces in a pack are checked where the parent reads them (a year whose
    files are made again): damaged, they are made again from the file (and compared again with
    its 绩效目标表), never published, and the pack is not kept (the next build reads its files anew)."""
    data = demo(tmp_path / "data")
    cache = tmp_path / "cache"
    build(tmp_path / "first", data, cache, project=project)
    pack, damaged, (offset, length, _) = programme_pieces(cache)[0]
    with pack.open("r+b") as handle:
        handle.seek(offset + length // 2)
        byte = handle.read(1)
        handle.seek(offset + length // 2)
        handle.write(bytes([byte[0] ^ 1]))
    path = next(p for p in self_evaluations(data) if p.stem == damaged.id and f"/{damaged.year}/" in p.as_posix())
    edited = next(p for p in self_evaluations(data) if p != path and f"/{damaged.year}/" in p.as_posix())
    edit_name(edited)
    said: list[str] = []
    warm = build(tmp_path / "warm", data, cache, said=said, project=project)
    assert warm["loaded_files"] == 1  # the damaged piece is not the worker's to find: its head is whole
    name = path.relative_to(data).as_posix()
    assert [line for line in said if "已损坏" in line] == [
        f"构建缓存中的开放数据片段已损坏，已重新生成：{name}（发布的网站不受影响）"], said
    build(tmp_path / "cold", data, None, project=project)
    assert snapshot(tmp_path / "warm") == snapshot(tmp_path / "cold")
    assert not pack.exists()
    build(tmp_path / "again", data, cache, project=project)  # what that pack held is made anew
    assert snapshot(tmp_path / "again") == snapshot(tmp_path / "cold")


def test_sealed_pieces_are_checked_when_first_read(tmp_path: Path) -> None:
    pieces = b"".join([b"a,b\r\n", b"c\r\n", b"d\r\n", b"{}", b"<row/>", b"", b""])
    spool = tmp_path / "pack.bin"
    spool.write_bytes(b"head" + pieces)
    part = Parts(2024, "P1", (5, 3, 3, 2, 6, 0, 0), "2024-01-01", "", (1, 1, 1), spool=str(spool), offset=4,
                 sealed=hashlib.sha256(pieces).digest())
    with SpoolFiles() as spools:
        assert part.csv_and_json(spools) == [b"a,b\r\n", b"c\r\n", b"d\r\n", b"{}"]
    damaged = dataclasses.replace(part, sealed=hashlib.sha256(b"other").digest())
    with SpoolFiles() as spools, pytest.raises(Damaged):
        damaged.csv_and_json(spools)
    asked = []
    with SpoolFiles(lambda p: asked.append(p) or pieces.replace(b"row", b"new")) as spools:
        assert damaged.sheet_rows(0, spools) == [b"<new/>"]
        assert damaged.csv_and_json(spools)[3] == b"{}"
    assert asked == [damaged]  # made again once, then read from memory


def test_concurrent_builds_share_the_cache_without_damage(tmp_path: Path, project: Path) -> None:
    data = demo(tmp_path / "data", 30)
    cache = tmp_path / "cache"
    running = {name: perfsite_build(tmp_path / name, data, cache, project) for name in ("a", "b")}
    for name, process in running.items():
        output, _ = process.communicate()
        assert process.returncode == 0, (name, output)
    build(tmp_path / "cold", data, None, project=project)
    again = build(tmp_path / "again", data, cache, project=project)
    assert again["rendered"] == 0 and again["loaded_files"] == 0
    expected = snapshot(tmp_path / "cold")
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b") == snapshot(tmp_path / "again") == expected


def test_entries_written_at_once_leave_one_whole_entry(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache", "v")
    sources = []
    for i in range(8):
        path = tmp_path / f"file{i}"
        path.write_bytes(b"x" * 100_000)
        sources.append(path)
    threads = [threading.Thread(target=cache.store, args=("page", "k" * 64, {"a": (src, src.read_bytes())}))
               for src in sources]
    threads += [threading.Thread(target=cache.write, args=("load", "k" * 64, b"y" * 100_000)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stored = cache.fetch("page", "k" * 64)
    assert stored is not None and stored.content("a") == b"x" * 100_000
    assert cache.read("load", "k" * 64) == b"y" * 100_000
    assert not any((tmp_path / "cache" / FORMAT / "tmp").iterdir())


def test_the_cache_keeps_only_what_the_last_build_used(tmp_path: Path, project: Path) -> None:
    data = demo(tmp_path / "data", 20)
    cache = tmp_path / "cache"
    full = build(tmp_path / "one", data, cache, project=project)
    assert full["rendered"] > 0 and entries(cache, "page") == []  # a page is kept once: its whole files
    gone = [p for p in data.rglob("*.yaml") if p.name != "site.yaml" and p.parent.name == "dept01"]
    assert gone
    for path in gone:
        path.unlink()
    edit_name(self_evaluations(data)[0])
    smaller = build(tmp_path / "two", data, cache, PERFSITE_ALLOW_DROP="1", project=project)
    assert smaller["pruned"] > 0
    pages = len(list((tmp_path / "two" / "projects").glob("*/*/index.html")))
    pages += len([p for p in (tmp_path / "two" / "projects").glob("*/*/*/index.html")
                  if p.parent.name != "years"])  # a series' page is among the files of its newest 自评's
    assert len(entries(cache, "whole")) == pages == smaller["rendered"] + smaller["reused"]
    again = build(tmp_path / "three", data, cache, PERFSITE_ALLOW_DROP="1", project=project)
    assert again["loaded_files"] == again["rendered"] == again["pruned"] == 0  # every pack still there is used


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_document_pages_are_rebuilt_whenever_an_input_of_theirs_changes(tmp_path: Path, project: Path) -> None:
    """Each change below reaches pages through one input of their keys alone: a 评价报告's own
    file; a 整改 whose removal changes the document links of its programme-year's other pages
    (its return adds them back); a 绩效目标表 edited, which changes its 自评's comparison and
    not its links; a 绩效目标表 removed, then added; a department-year's 部门整体 documents
    removed, then added (its 自评 pages link their page); the build date that makes a 整改 measure
    overdue. A warm build that reused a page made without that input would differ from the cold one."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    cache = tmp_path / "cache"
    before = "1700000000"  # 2023-11-14: no measure of the seed 整改 is overdue
    build(tmp_path / "first", data, cache, SOURCE_DATE_EPOCH=before, project=project)
    first = tmp_path / "first"

    report = data / "2023" / "jiaoyu" / "yingyang-gaishan-pingjia.yaml"
    rectification = data / "2022" / "jiaoyu" / "yingyang-gaishan-zhenggai.yaml"
    edited = data / "2023" / "jiaotong" / "nongcun-gonglu-yanghu-mubiao.yaml"
    removed = data / "2022" / "jiaotong" / "nongcun-gonglu-yanghu-mubiao.yaml"
    department = sorted((data / "2023" / "jiaoyu").glob("bumen-zhengti-*.yaml"))
    assert department
    kept = {path: path.read_bytes() for path in (report, rectification, edited, removed, *department)}
    report.write_text(kept[report].decode("utf-8").replace("、专家评议\n", "、专家评议、回访核实\n", 1), encoding="utf-8")
    rectification.unlink()
    lowered = "name: 路面病害处治率, nature: \"≥\", target: 90"
    assert lowered in kept[edited].decode("utf-8")
    edited.write_text(kept[edited].decode("utf-8").replace(lowered, lowered[:-2] + "85"), encoding="utf-8")
    removed.unlink()
    for path in department:
        path.unlink()
    warm = build(tmp_path / "warm", data, cache, SOURCE_DATE_EPOCH=before, PERFSITE_ALLOW_DROP="1", project=project)
    build(tmp_path / "cold", data, None, SOURCE_DATE_EPOCH=before, PERFSITE_ALLOW_DROP="1", project=project)
    assert snapshot(tmp_path / "warm") == snapshot(tmp_path / "cold")
    assert warm["reused"] > 0
    changed = ["projects/2023/yingyang-gaishan/evaluation/",  # its file
               "projects/2022/yingyang-gaishan/", "projects/2022/yingyang-gaishan/targets/",  # their links
               "projects/2022/yingyang-gaishan/evaluation/",
               "projects/2023/nongcun-gonglu-yanghu/",  # its comparison
               "projects/2022/nongcun-gonglu-yanghu/",  # its comparison and links
               "projects/2023/yingyang-gaishan/"]  # its department-year's 部门整体 page
    for url in changed:
        assert page(tmp_path / "warm", url) != page(first, url), url

    for path, content in kept.items():
        path.write_bytes(content)
    after = "1735776000"  # 2025-01-02: the seed's 2024-12-31 measure still 整改中 is overdue
    warm = build(tmp_path / "warm2", data, cache, SOURCE_DATE_EPOCH=after, project=project)
    build(tmp_path / "cold2", data, None, SOURCE_DATE_EPOCH=after, project=project)
    assert snapshot(tmp_path / "warm2") == snapshot(tmp_path / "cold2")
    assert warm["reused"] > 0
    overdue = "projects/2023/yingyang-gaishan/rectification/"
    assert page(tmp_path / "warm2", overdue) != page(first, overdue)
    # every file as it was: so are these pages, but for a 自评's verdict box, which counts the 整改
    # measures overdue on the build date
    box = re.compile(r'<p class="ps-verify-text ps-verify-cycle">.*?</p>')
    for url in changed:
        assert box.sub("", page(tmp_path / "warm2", url)) == box.sub("", page(first, url)), url
    assert "（1 项逾期）" in page(tmp_path / "warm2", "projects/2022/yingyang-gaishan/")
    assert "逾期" not in box.search(page(first, "projects/2022/yingyang-gaishan/")).group(0)  # type: ignore[union-attr]


def test_a_cold_build_writes_each_data_piece_once_into_the_pack(tmp_path: Path) -> None:
    """With the build cache, a file's /data/ pieces go straight into the worker's new pack, which
    the spool folder holds as a link: the parent reads them there, the next build from the pack."""
    data = demo(tmp_path / "data", 6)
    found: list[TreeRead] = []
    load_tree(data, data, lambda job: found.append(job) or [])
    cache = BuildCache(tmp_path / "cache", "v")
    spool = tmp_path / "spool"
    spool.mkdir()
    share = Share()
    summaries = share.load(LoadRequest(found[0], str(spool), False, cache)).summaries()
    parted = [s for s in summaries if s.parts is not None]
    assert parted and all(s.target_part is not None for s in summaries if s.target is not None)
    pack = Path(cache.pack_path(parted[0].pack))
    for summary in summaries:
        for part in (summary.parts, summary.target_part):
            if part is not None:
                assert Path(part.spool).parent == spool
                assert Path(part.spool).stat().st_ino == pack.stat().st_ino  # the pack itself, linked
    assert all(p.stat().st_size == 0 for p in spool.iterdir() if p.stat().st_ino != pack.stat().st_ino)
    job = found[0]
    scored, _, _ = load_document(Path(parted[0].path), job.root, job.site, job.base)
    made = programme_parts(make_record(scored), job.site)  # the record as read, its exact budget cells in it
    assert parted[0].parts is not None and parted[0].parts.csv_and_json() == made.csv_and_json()
    # the next worker takes the same pieces from the pack, linked anew into its spool folder
    again = tmp_path / "again"
    again.mkdir()
    cached = Share().load(LoadRequest(found[0], str(again), False, cache)).summaries()
    assert not any(s.fresh for s in cached)
    assert [s.parts.csv_and_json() for s in cached if s.parts is not None] == [
        s.parts.csv_and_json() for s in parted if s.parts is not None]


def test_a_worker_forwards_a_cached_summary_unopened_and_names_a_broken_pack_in_its_reply(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file the build cache holds: its worker unpickles only what it checks and holds of it and
    forwards the summary as the entry's bytes; the parent unpickles each once, the summary a load
    reading the file gives (under serve also once its record is made again: the facts come from
    the forwarded bytes). A pack whose index is damaged is named once, by the reply itself."""
    data = demo(tmp_path / "data", 6)
    found: list[TreeRead] = []
    load_tree(data, data, lambda job: found.append(job) or [])
    cache = BuildCache(tmp_path / "cache", "v")
    (tmp_path / "spool").mkdir()
    read = Share().load(LoadRequest(found[0], str(tmp_path / "spool"), False, cache)).summaries()
    unpickled: list[str] = []

    def counted(summary: Summary, state: dict[str, object]) -> None:
        unpickled.append(str(state["path"]))
        summary.__dict__.update(state)

    monkeypatch.setattr(Summary, "__setstate__", counted, raising=False)
    (tmp_path / "again").mkdir()
    reply = Share().load(LoadRequest(found[0], str(tmp_path / "again"), False, cache))
    assert unpickled == [] and reply.broken == ()
    cached = reply.summaries()
    assert sorted(unpickled) == sorted(s.path for s in cached) == sorted(found[0].paths)
    assert not any(s.fresh for s in cached)

    def placed(s: Summary) -> Summary:
        return dataclasses.replace(s, fresh=False, parts=None, target_part=None)

    assert [placed(s) for s in cached] == [placed(s) for s in read]
    assert any(s.target is not None for s in cached) and all(s.slot == 0 and s.pack for s in cached)
    for then, now in zip(read, cached, strict=True):
        for was, part in ((then.parts, now.parts), (then.target_part, now.target_part)):
            assert (was is None) == (part is None)
            if part is not None:
                assert Path(part.spool).parent == tmp_path / "again"
        if now.parts is not None and then.parts is not None:
            assert now.parts.csv_and_json() == then.parts.csv_and_json()
    # serve: a file whose record is made again (its page rendered) keeps the facts its summary had
    serving = Share()
    (tmp_path / "serve").mkdir()
    first = serving.load(LoadRequest(found[0], str(tmp_path / "serve"), True, cache))
    remade = next(f.path for f in first.files if isinstance(f, Forwarded) and serving.entries[f.path].page)
    serving._record(remade, serving.entries[remade])
    again = {s.path: s for s in serving.load(LoadRequest(found[0], str(tmp_path / "serve"), True, cache)).summaries()}
    assert again[remade].facts == next(s.facts for s in read if s.path == remade) is not None
    broken = Path(cache.pack_path("f" * 64))
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_bytes(b"not a pack")
    (tmp_path / "third").mkdir()
    third = Share().load(LoadRequest(found[0], str(tmp_path / "third"), False, cache))
    assert third.broken == (broken.name,) and [placed(s) for s in third.summaries()] == [placed(s) for s in read]


def test_whole_pages_are_flat_entries(tmp_path: Path, project: Path) -> None:
    """A page's whole files sit beside its index in the key's bucket: no folder per page."""
    data = demo(tmp_path / "data", 6)
    cache = tmp_path / "cache"
    build(tmp_path / "one", data, cache, project=project)
    buckets = list((cache / FORMAT / "whole").iterdir())
    assert buckets and not [p for b in buckets for p in b.iterdir() if p.is_dir()]
    indexes = entries(cache, "whole")
    for index in indexes:
        files = sorted(index.parent.glob(f"{index.name}.*"))
        assert files and all(f.stat().st_nlink == 2 for f in files)  # each the site's file, linked
    again = build(tmp_path / "two", data, cache, project=project)
    assert again["rendered"] == 0 and again["linked"] == len(indexes)


def test_where_the_pack_cannot_be_linked_the_pieces_are_spooled_and_copied_into_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache on another file system than the spool folder: the pieces go to the worker's spool
    file as without a cache, and the pack gets a copy (the next build reads the same bytes)."""
    data = demo(tmp_path / "data", 6)
    found: list[TreeRead] = []
    load_tree(data, data, lambda job: found.append(job) or [])
    spool = tmp_path / "spool"
    spool.mkdir()
    cache = BuildCache(tmp_path / "cache", "v")
    linked = Share().load(LoadRequest(found[0], str(spool), False, cache)).summaries()

    def no_link(*_: object, **__: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", no_link)
    apart = tmp_path / "apart"
    apart.mkdir()
    other = BuildCache(tmp_path / "other", "v")
    spooled = Share().load(LoadRequest(found[0], str(apart), False, other)).summaries()
    parted = [s for s in spooled if s.parts is not None]
    assert parted and all(Path(s.parts.spool) == apart / f"{os.getpid()}.bin" for s in parted if s.parts)
    pieces = [s.parts.csv_and_json() for s in linked if s.parts is not None]
    assert [s.parts.csv_and_json() for s in parted if s.parts is not None] == pieces
    again = tmp_path / "again"
    again.mkdir()
    cached = Share().load(LoadRequest(found[0], str(again), False, other)).summaries()
    assert not any(s.fresh for s in cached)
    assert [s.parts.csv_and_json() for s in cached if s.parts is not None] == pieces


def test_prune_removes_a_flat_entry_with_its_files_and_a_killed_builds_files(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache", "v")
    written = []
    for name in ("page", "download"):
        path = tmp_path / name
        path.write_bytes(name.encode() * 100)
        written.append(path)
    kept, gone = "a" * 64, "b" * 64
    for key in (kept, gone):
        cache.keep_linked("whole", key, {p.name: (str(p), p.read_bytes()) for p in written})
    bucket = tmp_path / "cache" / FORMAT / "whole" / "aa"
    orphan = tmp_path / "cache" / FORMAT / "whole" / "cc" / ("c" * 64 + ".0")  # linked by a build killed before its index
    orphan.parent.mkdir()
    os.link(written[0], orphan)
    assert cache.prune({("whole", kept)}) == 1
    assert sorted(p.name for p in bucket.iterdir()) == [kept, f"{kept}.0", f"{kept}.1"]
    assert not orphan.exists() and not any((tmp_path / "cache" / FORMAT / "whole" / "bb").iterdir())
    placed: list[str] = []
    assert cache.link("whole", kept, lambda name, _: placed.append(name) or str(tmp_path / f"out-{name}")) == 1200
    assert placed == ["page", "download"] and (tmp_path / "out-page").read_bytes() == b"page" * 100



def test_prune_lists_only_the_buckets_that_changed_or_lose_an_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a prune has recorded the buckets (Names), the next prune lists a bucket only when a
    name was added to it since (a stranger's file, a new entry) or it holds an entry the build
    did not use; it still removes exactly what a prune listing every bucket removes."""
    cache = BuildCache(tmp_path / "cache", "v")
    keys = {c: c * 64 for c in "abcde"}
    for key in keys.values():
        cache.write("whole", key, key.encode())
    base = tmp_path / "cache" / FORMAT / "whole"
    used = {("whole", key) for key in keys.values()}

    past = time.time_ns() - 60 * 10**9  # a minute: far beyond any file system's clock tick

    def age() -> None:  # the buckets as a later build finds them: their last change long past
        for bucket in base.iterdir():
            os.utime(bucket, ns=(past, past))

    age()
    assert cache.prune(used) == 0  # no record yet: every bucket listed, and recorded
    listed: list[str] = []
    real = os.listdir
    monkeypatch.setattr(buildcache.os, "listdir",
                        lambda path: (listed.append(os.path.basename(path)) if os.path.dirname(path) == str(base) else None)
                        or real(path))
    assert cache.prune(used) == 0
    assert listed == []  # all five as recorded: not one listed
    (base / "cc" / ("f" * 64)).write_bytes(b"junk")  # a stranger's file: its bucket changed
    assert cache.prune(used - {("whole", keys["a"])}) == 2
    assert sorted(listed) == ["aa", "cc"]
    assert sorted(p.name for p in base.glob("*/*")) == [keys[c] for c in "bcde"]
    age()
    listed.clear()
    assert cache.prune(used) == 0 and listed == ["aa", "cc"]  # changed by the last prune: listed once more
    listed.clear()
    assert cache.prune(used) == 0 and listed == []
    (tmp_path / "cache" / FORMAT / buildcache.NAMES).write_bytes(b"damaged")
    assert cache.prune(used) == 0 and len(listed) == 5  # an unreadable record: every bucket listed

@pytest.mark.parametrize("how", ["flipped", "truncated", "emptied"])
def test_a_pack_whose_index_is_damaged_is_named_and_none_of_its_entries_found(tmp_path: Path, how: str) -> None:
    """A bit flipped in a pack's index, the pack cut short or emptied: the shelf finds none of its
    entries and names the pack (the build tells the operator), whichever way the index fails to
    read, and keeps no handle on it."""
    cache = BuildCache(tmp_path / "cache", "")
    writer = PackWriter(cache)
    writer.add("entry", [b"piece"])
    key = writer.finish()
    assert key is not None
    pack = cache.pack_path(key)
    content = bytearray(Path(pack).read_bytes())
    if how == "flipped":
        content[-TRAILER.size - 3] ^= 1  # inside the sealed index
    else:
        content = content[:-1] if how == "truncated" else bytearray()
    Path(pack).write_bytes(bytes(content))
    shelf = PackShelf(cache)
    assert shelf.copies("entry") == []
    assert shelf.broken == [Path(pack).name] and shelf.handles == {}
    shelf.close()


def test_listings_from_the_cache_bring_their_figures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A listing taken from the cache is not summed again (its figures, which the overviews show,
    come with it), and the pages and files are a build's without the cache; a changed row sums
    again only the listings it is in (its year's, region's and department's)."""
    from test_site_listings import make_rows

    from perfsite.site import render_site, stats
    from perfsite.site.memo import Memo
    from perfsite.site.pages import Listings
    from perfsite.siteconfig import SiteConfig

    summed: list[object] = []
    by_year = stats.by_year
    monkeypatch.setattr(stats, "by_year", lambda rows, labels: summed.append(rows) or by_year(rows, labels))
    cache = BuildCache(tmp_path / "cache", "test")

    def built(rows: list[dict[str, object]], cached: bool = True) -> tuple[list[object], dict[str, bytes], int]:
        summed.clear()
        site = render_site(SiteConfig(), rows, listings=Listings(Memo(cache, "listing", set()), "salt") if cached else None)
        return [dataclasses.astuple(page) for page in site.pages], site.files, len(summed)

    rows = make_rows(40)
    pages, files, first = built(rows)
    assert first > 3
    assert built(rows) == (pages, files, 0)
    changed = [{**row, "score": "12.00"} if n == 1 else row for n, row in enumerate(rows)]
    assert rows[1]["region"] and rows[1]["department"]
    again = built(changed)
    assert again[2] == 3
    assert again[:2] == built(changed, cached=False)[:2]


class Unprinted(dict):  # type: ignore[type-arg]
    """A list row whose repr fails: the listings' keys take its digest instead."""

    def __repr__(self) -> str:
        raise AssertionError("a row with a digest is keyed by its repr")


def test_listing_keys_take_each_rows_worker_entry_and_the_marks_the_parent_set(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the rows' digests (pages.row_digest: the key of the worker's build cache entry the
    row came from, and the fields the parent set since), a listing's key never takes a row's repr;
    a listing is summed again when a row's entry or a mark the parent set (its lowered targets,
    a 评价报告) changed, and only then, and its pages and files are those of a build without the cache."""
    from test_site_listings import make_rows

    from perfsite.site import render_site, stats
    from perfsite.site.memo import Memo
    from perfsite.site.pages import Listings, row_digest
    from perfsite.siteconfig import SiteConfig

    summed: list[object] = []
    by_year = stats.by_year
    monkeypatch.setattr(stats, "by_year", lambda rows, labels: summed.append(rows) or by_year(rows, labels))
    cache = BuildCache(tmp_path / "cache", "test")

    def built(rows: list[dict[str, object]], keys: list[str]) -> tuple[list[object], dict[str, bytes], int]:
        summed.clear()
        digests = {id(row): (row, row_digest(key, row)) for row, key in zip(rows, keys, strict=True)}
        site = render_site(SiteConfig(), rows, listings=Listings(Memo(cache, "listing", set()), "salt", digests))
        return [dataclasses.astuple(page) for page in site.pages], site.files, len(summed)

    def plain(rows: list[dict[str, object]]) -> tuple[list[object], dict[str, bytes]]:
        site = render_site(SiteConfig(), [dict(row) for row in rows])
        return [dataclasses.astuple(page) for page in site.pages], site.files

    rows = [Unprinted(row, targets=None, lowered=0) for row in make_rows(40)]
    keys = [f"entry{n}" for n in range(len(rows))]
    first = built(rows, keys)
    assert first[2] > 3 and first[:2] == plain(rows)
    assert built(rows, keys)[2] == 0
    assert rows[1]["region"] and rows[1]["department"]
    own = f"{rows[1]['url']}targets/"  # its own 绩效目标表, nothing lowered: the key and a word
    for change in ({"targets": own}, {"lowered": 1}, {"lowered": 0, "targets": "projects/x/targets/"},
                   {"report": "projects/x/evaluation/"}):
        rows[1].update(change)
        again = built(rows, keys)
        assert again[2] == 3 and again[:2] == plain(rows)  # its year's, region's and department's listings
        assert built(rows, keys)[2] == 0
    rows[1] = Unprinted(rows[1], score="12.00")
    keys[1] = "entry1 of the file as changed"
    again = built(rows, keys)
    assert again[2] == 3 and again[:2] == plain(rows)


def test_the_index_parts_of_years_whose_rows_are_unchanged_come_from_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The 项目查询 index has a part per year: a build makes again only the parts of years whose
    rows changed, and its files are those of a build without the cache."""
    from test_site_listings import make_rows

    from perfsite.site import pages, render_site
    from perfsite.site.memo import Memo
    from perfsite.site.pages import Listings
    from perfsite.siteconfig import SiteConfig

    made: list[int] = []
    index_part = pages.index_part
    monkeypatch.setattr(pages, "index_part", lambda rows: made.append(rows[0]["year"]) or index_part(rows))
    cache = BuildCache(tmp_path / "cache", "test")

    def built(rows: list[dict[str, object]], cached: bool = True) -> dict[str, bytes]:
        made.clear()
        listings = Listings(Memo(cache, "listing", set()), "salt") if cached else None
        return {path: data for path, data in render_site(SiteConfig(), rows, listings=listings).files.items()
                if path.startswith("projects/index")}

    rows = make_rows(40)
    years = sorted({row["year"] for row in rows})
    assert len(years) > 1
    files = built(rows)
    assert sorted(made) == years
    assert built(rows) == files and made == []
    changed = [{**row, "name": "改过的名称"} if n == 1 else row for n, row in enumerate(rows)]
    again = built(changed)
    assert made == [rows[1]["year"]]
    assert again == built(changed, cached=False) and again != files


def test_placing_a_page_makes_its_folders_before_linking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page placed from the cache links each file once: its new folders (the page's and one
    below it) are made first, not after a link into a missing folder failed."""
    cache = BuildCache(tmp_path / "cache", "test")
    written = tmp_path / "written"
    files = {}
    for name in ("p/index.html", "p/p.json", "p/years/index.html"):
        (written / name).parent.mkdir(parents=True, exist_ok=True)
        (written / name).write_bytes(name.encode())
        files[name] = (str(written / name), name.encode())
    cache.keep_linked("whole", "k", files)
    found = cache.check("whole", "k")
    assert found is not None
    links: list[str] = []
    link = os.link
    monkeypatch.setattr(os, "link", lambda source, target: links.append(target) or link(source, target))
    out = tmp_path / "site"
    out.mkdir()
    assert BuildCache.place(found, lambda name, _: f"{out}/{name}") == sum(len(name) for name in files)
    assert sorted(links) == sorted(f"{out}/{name}" for name in files)
    assert snapshot(out) == {name: name.encode() for name in files}
