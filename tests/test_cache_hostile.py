"""The build cache under attack: whatever was done to it, and whatever changed since it was
written, a build with it publishes the bytes a build without it publishes (pages, /data/,
listings, sitemap), or refuses in a sentence; never a stale or damaged entry.

Builds run in this process (mkdocs.commands.build, the plugin's events as `mkdocs build` calls
them) on a small `perfsite demo --cycle` tree: a cold one about 1.3 s of CPU, a warm one 0.6 s.
A `fork` build has two forked workers (PARALLEL_FROM lowered for the test): the path a large
site takes, where the workers link the cached pages before MkDocs renders the shell.
"""

from __future__ import annotations

import builtins
import contextlib
import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from conftest_site import REPO, build_in_process, environment, rewrite_keeping_times

from perfsite.dataset import original_names
from perfsite.demo import write_demo
from perfsite.site import buildcache
from perfsite.site import session as session_module
from perfsite.site.buildcache import FORMAT

EPOCH = "1751328000"
"""2025-07-01: the demo's 整改 measures due 2025-07-30 are not overdue yet."""
LATER = "1754006400"
"""2025-08-01: they are."""


@dataclass
class Tree:
    """A project (its own mkdocs.yml, docs/ and overrides/, the repository's hooks) and a demo data tree."""

    root: Path

    @property
    def project(self) -> Path:
        return self.root / "project"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @classmethod
    def make(cls, root: Path, n: int = 12) -> Tree:
        tree = cls(root)
        tree.project.mkdir(parents=True)
        shutil.copy(REPO / "mkdocs.yml", tree.project / "mkdocs.yml")
        (tree.project / "hooks").symlink_to(REPO / "hooks")
        (tree.project / "overrides").mkdir()
        (tree.project / "docs").mkdir()  # not the publishers' pages of this repository: 2 s a build, none of them generated
        (tree.project / "docs" / "notice.md").write_text("# 公告\n\n第一版。\n", encoding="utf-8")
        write_demo(n, tree.data, seed=1, cycle=True)
        return tree

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build(tree: Tree, site: Path, cache: Path | None, epoch: str = EPOCH, fork: bool = False,
          said: list[str] | None = None, search: bool = False) -> dict[str, float]:
    """`mkdocs build --strict` of the tree into `site` in this process, the build cache at `cache`
    (None: off), with full-text search if `search`; its timings (`said` gets its log). Raises what
    the build raised (a refused build: mkdocs' Abort)."""
    settings = {"PERFSITE_DATA": str(tree.data), "PERFSITE_SEARCH": "1" if search else "0", "SOURCE_DATE_EPOCH": epoch,
                "PERFSITE_JOBS": "2" if fork else "1", "PERFSITE_BUILD_CACHE": str(cache) if cache is not None else "0"}
    with contextlib.ExitStack() as stack:
        if fork:
            patch = stack.enter_context(pytest.MonkeyPatch.context())
            patch.setattr(session_module, "PARALLEL_FROM", 1)
        return build_in_process(tree.project, site, settings, said)


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def differences(one: Path, other: Path) -> list[str]:
    """The files that differ between two sites (or are in one only), sorted: empty when byte-identical."""
    a, b = snapshot(one), snapshot(other)
    return sorted(path for path in a.keys() | b.keys() if a.get(path) != b.get(path))


Mutation = Callable[[Tree], object]
"""A change to the tree; the build date it asks for (a str; anything else: the last one)."""


def move(tree: Tree, source: str, target: str) -> None:
    (tree.root / target).parent.mkdir(parents=True, exist_ok=True)
    os.rename(tree.root / source, tree.root / target)


def move_year(tree: Tree, relative: str, year: str, to: str) -> None:
    """A 自评 and its 绩效目标表 moved to another year's folder, their `year` changed with it."""
    for path in (relative, relative.replace(".yaml", "-mubiao.yaml")):
        source = tree.root / path
        if not source.exists():
            source = next((tree.data / year).glob(f"*/{Path(path).name}"))
            path = source.relative_to(tree.root).as_posix()
        tree.edit(path, f"year: {year}", f"year: {to}")
        move(tree, path, path.replace(f"/{year}/", f"/{to}/"))


def rename_without_id(tree: Tree, relative: str, name: str) -> None:
    tree.edit(relative, "\nid: ", "\n# id: ")
    move(tree, relative, str(Path(relative).with_name(name)))


def flip(path: Path, at: int) -> None:
    content = bytearray(path.read_bytes())
    content[at] ^= 1
    path.write_bytes(bytes(content))


MUTATIONS: list[tuple[str, Mutation]] = [
    ("一个数据文件的字节（指标实际值）", lambda t: t.edit("data/2024/dept01/demo-000008.yaml", 'actual: "90%"', 'actual: "85%"')),
    ("有评价报告和整改的自评的名称", lambda t: t.edit("data/2024/dept01/demo-000008.yaml", "（第8号）", "（第八号）")),
    ("评价报告公布的等级", lambda t: t.edit("data/2024/dept01/demo-000008-pingjia.yaml", "grade: 优}", "grade: 良}")),
    ("评价报告原件改用带空格和逗号的文件名", lambda t: rename_original(t, "demo-000008 评价报告, 终稿.pdf")),
    ("评价报告原件的字节（带空格的文件名）", lambda t: flip(t.data / "2024" / "dept01" / "demo-000008 评价报告, 终稿.pdf", -20)),
    ("整改措施的状态", lambda t: t.edit("data/2024/dept01/demo-000008-zhenggai.yaml", "status: 未开始", "status: 整改中")),
    ("绩效目标表的目标值", lambda t: t.edit("data/2023/dept04/demo-000007-mubiao.yaml", 'target: "≥95%", core: true',
                                         'target: "≥99%", core: true')),
    ("部门整体自评的得分", lambda t: t.edit("data/2022/dept02/bumen-17-ziping.yaml", "grade: 优}", "grade: 良}")),
    ("数据文件改名（id 取自文件名）", lambda t: rename_without_id(t, "data/2023/dept03/demo-000003.yaml", "demo-000003-b.yaml")),
    ("数据文件移到另一个年度文件夹", lambda t: move_year(t, "data/2021/dept02/demo-000005.yaml", "2021", "2022")),
    ("site.yaml 网站名称、联系方式、许可和数据截止日期", lambda t: (
        t.edit("data/site.yaml", "title: 预算绩效信息公开（演示）", "title: 预算绩效信息公开（试运行）"),
        t.edit("data/site.yaml", "licence: 演示数据，仅供测试\ndata_date: 2026-11-01",
               "licence: 演示数据，仅供参考\ncontact: 0357-1234567\ndata_date: 2026-11-02"))),
    ("site.yaml 等级划分", lambda t: t.edit("data/site.yaml", "data_date:",
                                          "grades:\n  - {label: 优, min: 95}\n  - {label: 良, min: 80}\n"
                                          "  - {label: 中, min: 60}\n  - {label: 差, min: 0}\ndata_date:")),
    ("mkdocs.yml 导航名称", lambda t: t.edit("project/mkdocs.yml", "  - 项目查询: projects/index.md", "  - 项目检索: projects/index.md")),
    ("docs/ 页面改动", lambda t: t.edit("project/docs/notice.md", "第一版。", "第二版。")),
    ("主题 custom_dir 的页面模板", lambda t: write_override(t, "programme.html")),
    ("主题 custom_dir 的外壳模板", lambda t: (t.project / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block announce %}试运行{% endblock %}\n', encoding="utf-8")),
    ("SOURCE_DATE_EPOCH（整改逾期、更新日期）", lambda t: LATER),
    ("删除绩效目标表", lambda t: os.unlink(t.data / "2023" / "dept04" / "demo-000007-mubiao.yaml")),
    ("删除整改", lambda t: os.unlink(t.data / "2022" / "dept02" / "demo-000010-zhenggai.yaml")),
    ("删除系列中的一年", lambda t: os.unlink(t.data / "2021" / "dept02" / "demo-000001.yaml")),
    ("删除部门整体文件", lambda t: [os.unlink(p) for p in sorted((t.data / "2022" / "dept02").glob("bumen-*.yaml"))]),
]


def rename_original(tree: Tree, name: str) -> None:
    """The 评价报告's original under another name (a space and a comma in it: allowed, docs/data-format.md)."""
    folder = tree.data / "2024" / "dept01"
    old = next(p for p in folder.iterdir() if p.suffix == ".pdf")
    old.rename(folder / name)
    tree.edit("data/2024/dept01/demo-000008-pingjia.yaml", f"file: {old.name}", f'file: "{name}"')


def write_override(tree: Tree, name: str) -> None:
    folder = tree.project / "overrides" / "perfsite"
    folder.mkdir(exist_ok=True)
    text = (REPO / "perfsite" / "templates" / name).read_text(encoding="utf-8")
    (folder / name).write_text(text + "\n<!-- 本站模板 -->\n", encoding="utf-8")


def test_every_input_a_page_depends_on_is_in_its_key(tmp_path: Path) -> None:
    """Each change alone, then a build with the cache against a build without: the same files,
    byte for byte. A change whose input is missing from a key would publish the stale entry and
    differ. The builds with the cache fork their workers: the path of a large site, where pages
    are linked with the last build's shell before this build's comes (the keys are the same in
    a build without workers; the damage tests below build both ways)."""
    tree = Tree.make(tmp_path / "tree")
    cache = tmp_path / "cache"
    epoch = EPOCH
    build(tree, tmp_path / "first", cache, epoch, fork=True)
    wrong: list[str] = []
    reusing = 0
    before = snapshot(tmp_path / "first")
    for number, (name, mutate) in enumerate(MUTATIONS):
        asked = mutate(tree)
        epoch = asked if isinstance(asked, str) else epoch
        cold, warm = tmp_path / f"cold-{number}", tmp_path / f"warm-{number}"
        build(tree, cold, None, epoch)
        published = snapshot(cold)
        assert published != before, f"{name}：网站没有变化，这一项什么也没有检验"
        found = build(tree, warm, cache, epoch, fork=True)
        reusing += found["reused"] > 0
        diff = differences(warm, cold)
        if diff:
            wrong.append(f"{name}：{diff[:8]}")
        before = published
        shutil.rmtree(warm)
        shutil.rmtree(cold)
    assert not wrong, "\n".join(wrong)
    assert reusing > len(MUTATIONS) // 2  # most changes leave most pages to the cache (a site setting: none)


# --- damage


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Tree, dict[str, bytes]]:
    """A tree and its cold build after one edit (`edit_one`): what every damaged cache must give."""
    tree = Tree.make(tmp_path_factory.mktemp("reference"))
    edit_one(tree)
    site = tree.root / "cold"
    build(tree, site, None)
    published = snapshot(site)
    shutil.rmtree(site)
    undo_one(tree)
    return tree, published


def edit_one(tree: Tree) -> None:
    """A one-file commit: so a warm build renders a page and a listing (with the templates) and remakes a year's /data/."""
    tree.edit("data/2024/dept01/demo-000012.yaml", "（第12号）", "（第十二号）")


def undo_one(tree: Tree) -> None:
    tree.edit("data/2024/dept01/demo-000012.yaml", "（第十二号）", "（第12号）")


def fresh_copy(tree: Tree, root: Path) -> Tree:
    """A copy of the reference tree (as it was before the edit) to build and damage."""
    copy = Tree(root)
    shutil.copytree(tree.data, copy.data)
    shutil.copytree(tree.project, copy.project, symlinks=True)
    return copy


@dataclass
class Cached:
    """A tree's first build with a new cache (`first`, its files linked to the cache's entries), kept
    aside as `cp -a` copies it: hard links between the site and the cache, and times. The tests that
    start from such a build each damage their own restored copy (a first build is 0.8–2.1 CPU s)."""

    work: Path
    pristine: Path

    PARTS = ("tree", "first", "cache")

    def restored(self) -> tuple[Tree, Path, Path]:
        """The tree, its cache and its first build as the first build left them, in the same place each
        time (the data tree is outside the project, so the cache keys its files by their absolute paths)."""
        shutil.rmtree(self.work)  # the first build's folder or the last test's damaged copy
        self.work.mkdir()
        subprocess.run(["cp", "-a", *(str(self.pristine / part) for part in self.PARTS), str(self.work)], check=True)
        return Tree(self.work / "tree"), self.work / "cache", self.work / "first"


def first_built(source: Tree, root: Path, **options: Any) -> Cached:
    """A fresh copy of `source` built once with a new cache (`options`: build's fork, search), kept aside."""
    cached = Cached(root / "work", root / "pristine")
    cached.work.mkdir()
    build(fresh_copy(source, cached.work / "tree"), cached.work / "first", cached.work / "cache", **options)
    cached.pristine.mkdir()
    subprocess.run(["cp", "-a", *(str(cached.work / part) for part in Cached.PARTS), str(cached.pristine)], check=True)
    return cached


@pytest.fixture(scope="module")
def forked(reference: tuple[Tree, dict[str, bytes]], tmp_path_factory: pytest.TempPathFactory) -> Cached:
    """The reference tree's first build with a new cache, its workers forked."""
    return first_built(reference[0], tmp_path_factory.mktemp("forked"), fork=True)


@pytest.fixture(scope="module")
def unforked(reference: tuple[Tree, dict[str, bytes]], tmp_path_factory: pytest.TempPathFactory) -> Cached:
    """The reference tree's first build with a new cache, in one process."""
    return first_built(reference[0], tmp_path_factory.mktemp("unforked"))


def cache_files(cache: Path, kind: str) -> list[Path]:
    """Every file of one kind of entry (a folder's files, a flat entry's index and files; `jinja`: compiled templates)."""
    base = cache / kind if kind == "jinja" else cache / FORMAT / kind
    return sorted(p for p in base.rglob("*") if p.is_file())


def damage(path: Path, how: str) -> None:
    """Truncate to half, empty, or flip one bit in the middle (the file's mtime moves, as any write's does)."""
    content = path.read_bytes()
    if how == "half":
        path.write_bytes(content[: len(content) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    else:
        changed = bytearray(content)
        changed[len(changed) // 2] ^= 1
        path.write_bytes(bytes(changed))


KINDS = ("pack", "whole", "data", "listing", "shell", "jinja")


@pytest.mark.parametrize("kind", KINDS)
def test_damaged_entries_are_made_again_never_published(tmp_path: Path, reference: tuple[Tree, dict[str, bytes]], forked: Cached,
                                                        kind: str) -> None:
    """Every file of one kind of entry truncated, emptied or bit-flipped (in turn): the rebuild
    after a one-file commit publishes the cold build's bytes, and so does the build after it."""
    _, published = reference
    tree, cache, _ = forked.restored()  # a new cache's first build
    files = cache_files(cache, kind)
    assert files, kind
    for number, path in enumerate(files):
        damage(path, ("half", "empty", "flip")[number % 3])
    edit_one(tree)
    said: list[str] = []
    build(tree, tmp_path / "warm", cache, fork=True, said=said)
    assert differences_from(tmp_path / "warm", published) == []
    told = [line for line in said if line.startswith("构建缓存中的页面已损坏，已重新生成：/projects/")]
    assert len(told) == (kind == "whole"), said  # the operator is told
    read = [line for line in said if line.startswith("构建缓存中的数据文件读取结果已损坏，已重新生成：")]
    assert len(read) == (kind == "pack") and all(line.endswith("（发布的网站不受影响）") for line in read), said
    if kind in ("pack", "whole"):  # a damaged copy is left beside the new one, or replaced by it
        said.clear()
        build(tree, tmp_path / "again", cache, said=said)
        assert differences_from(tmp_path / "again", published) == []
        assert not [line for line in said if "已损坏" in line]


def test_a_damaged_compiled_template_is_compiled_again(tmp_path: Path, reference: tuple[Tree, dict[str, bytes]], unforked: Cached) -> None:
    """Jinja checks a compiled template's header and its source's checksum, not the code (marshal
    has no checksum): a changed constant in it, same length, would render a wrong page."""
    _, published = reference
    tree, cache, _ = unforked.restored()  # a new cache's first build
    changed = 0
    for path in cache_files(cache, "jinja"):
        content = path.read_bytes()
        if b"ps-" in content:
            path.write_bytes(content.replace(b"ps-", b"px-"))
            changed += 1
    assert changed
    edit_one(tree)
    build(tree, tmp_path / "warm", cache)
    assert differences_from(tmp_path / "warm", published) == []


def differences_from(site: Path, published: dict[str, bytes]) -> list[str]:
    found = snapshot(site)
    return sorted(path for path in found.keys() | published.keys() if found.get(path) != published.get(path))


# --- a cache that cannot be written


@contextlib.contextmanager
def refused_writes(folder: Path, code: int) -> Iterator[None]:
    """Every write into `folder` fails with OSError(`code`) (EROFS: a read-only mount; ENOSPC: a
    full disk), reads succeed: the system calls a build makes files and folders with, patched in
    this process (and in the workers it forks), refused where what they make is in `folder`.
    Running as root, a chmod would not stop a write."""
    prefix = str(folder)
    real = {name: getattr(os, name) for name in ("open", "mkdir", "link", "rename", "replace", "symlink")}

    def refuse(path: object) -> None:
        if isinstance(path, str | os.PathLike) and os.fspath(path).startswith(prefix):
            raise OSError(code, os.strerror(code), os.fspath(path))

    def opened(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            refuse(path)
        return real["open"](path, flags, *args, **kwargs)

    def made(path: Any, *args: Any, **kwargs: Any) -> None:
        refuse(path)
        real["mkdir"](path, *args, **kwargs)

    def wrap(name: str) -> Callable[..., Any]:
        def call(source: Any, target: Any, *args: Any, **kwargs: Any) -> Any:
            refuse(target)
            return real[name](source, target, *args, **kwargs)
        return call

    def opened_file(path: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(c in mode for c in "wax+"):
            refuse(path)
        return real_open(path, mode, *args, **kwargs)

    real_open = builtins.open
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "open", opened)
        patch.setattr(builtins, "open", opened_file)
        patch.setattr(os, "mkdir", made)
        for name in ("link", "rename", "replace", "symlink"):
            patch.setattr(os, name, wrap(name))
        yield


@pytest.mark.parametrize(("code", "fork"), [(errno.EROFS, False), (errno.ENOSPC, True)])
def test_a_cache_that_cannot_be_written_costs_time_never_the_site(
        tmp_path: Path, reference: tuple[Tree, dict[str, bytes]], unforked: Cached, code: int, fork: bool) -> None:
    """A read-only or full cache folder, empty or holding a last build's entries: the build publishes
    the cold build's bytes and says in one line that it built without writing the cache."""
    _, published = reference
    tree, cache, _ = unforked.restored()  # a new cache's first build
    edit_one(tree)
    for name, folder in (("empty", tmp_path / "empty-cache"), ("kept", cache)):
        folder.mkdir(exist_ok=True)
        said: list[str] = []
        with refused_writes(folder, code):
            build(tree, tmp_path / name, folder, fork=fork, said=said)
        assert differences_from(tmp_path / name, published) == [], name
        notes = [line for line in said if "构建缓存" in line]
        assert len(notes) == 1 and os.strerror(code) not in notes[0] and str(folder) in notes[0], said


def test_a_cache_on_its_own_disk_filling_during_the_build_costs_time_never_the_site(
        tmp_path: Path, reference: tuple[Tree, dict[str, bytes]], unforked: Cached, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache's disk fills after the build found it writable: every entry it cannot write or
    set aside is passed over (prune removes in place), and the site is the cold build's."""
    _, published = reference
    tree, cache, _ = unforked.restored()  # a new cache's first build
    edit_one(tree)
    monkeypatch.setattr(buildcache.BuildCache, "unwritable", lambda self: None)
    with refused_writes(cache, errno.ENOSPC):
        found = build(tree, tmp_path / "full", cache)
    assert differences_from(tmp_path / "full", published) == []
    assert found["reused"] > 0 and found["pruned"] > 0


# --- another version


def test_the_code_version_covers_the_libraries_that_shape_the_output(monkeypatch: pytest.MonkeyPatch) -> None:
    before = buildcache.code_version()
    real = metadata.version
    for library in buildcache.OUTPUT_LIBRARIES:
        with monkeypatch.context() as patch:
            patch.setattr(metadata, "version", lambda name, upgraded=library: real(name) + ("1" if name == upgraded else ""))
            assert buildcache.code_version() != before, library
    monkeypatch.setattr(buildcache.zlib, "ZLIB_RUNTIME_VERSION", "0.0.0")  # another zlib deflates otherwise
    assert buildcache.code_version() != before


def test_a_cache_written_by_another_version_is_not_used(
        tmp_path: Path, reference: tuple[Tree, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch) -> None:
    """Entries another perfsite wrote (its version string differs) under the same layout are
    never asked for: everything is read and rendered again, and pruned once the build is done."""
    source, published = reference
    tree = fresh_copy(source, tmp_path / "tree")
    cache = tmp_path / "cache"
    real = buildcache.code_version
    with monkeypatch.context() as patch:
        patch.setattr(buildcache, "code_version", lambda: "另一个版本")
        build(tree, tmp_path / "old", cache, fork=True)
    edit_one(tree)
    found = build(tree, tmp_path / "new", cache, fork=True)
    assert differences_from(tmp_path / "new", published) == []
    assert found["reused"] == 0 and found["loaded_files"] == len(list(tree.data.rglob("*.yaml"))) - 1
    assert found["pruned"] > 0 and real() != "另一个版本"


# --- a build killed half-way, what it and others leave


def perfsite_build(tree: Tree, site: Path, cache: Path) -> subprocess.Popen[bytes]:
    """`perfsite build` of the tree (a process of its own, MkDocs its child), not waited for."""
    env = {**os.environ, "PERFSITE_DATA": str(tree.data), "PERFSITE_SEARCH": "0", "SOURCE_DATE_EPOCH": EPOCH,
           "PYTHONPATH": str(REPO), "PERFSITE_JOBS": "1", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen([sys.executable, "-m", "perfsite", "build", "--site-dir", str(site), "--cache-dir", str(cache)],
                            cwd=tree.project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return Path(f"/proc/{pid}/stat").read_text().split(") ")[-1].startswith("Z")


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads a process's children in /proc (Linux)")
@pytest.mark.parametrize("kind", ["whole", "data"])
def test_a_build_killed_half_way_leaves_nothing_that_is_published(
        tmp_path: Path, reference: tuple[Tree, dict[str, bytes]], kind: str) -> None:
    """`perfsite build` killed (SIGKILL: no handler runs) once its first entry of `kind` is in
    the cache (pages are made first, /data/ last): the next build with that cache publishes the
    cold build's bytes, and removes what the killed one left once it is old."""
    source, published = reference
    tree = fresh_copy(source, tmp_path / "tree")
    cache = tmp_path / "cache"
    edit_one(tree)
    process = perfsite_build(tree, tmp_path / "site", cache)
    try:
        while not any((cache / FORMAT / kind).glob("*/*")) and process.poll() is None:
            time.sleep(0.002)  # polls for the moment to kill at; nothing is timed
        family = [process.pid, *children(process.pid)]
        process.kill()
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL, "the build ended before it could be killed"
    while not all(gone(pid) for pid in family):  # MkDocs dies with it (PR_SET_PDEATHSIG)
        time.sleep(0.002)
    assert not (tmp_path / "site").exists()
    build(tree, tmp_path / "after", cache, fork=True)
    assert differences_from(tmp_path / "after", published) == []


def test_leftovers_and_strangers_in_the_cache_are_passed_over(
        tmp_path: Path, reference: tuple[Tree, dict[str, bytes]], unforked: Cached) -> None:
    """What killed builds, other tools or people leave in the cache folder: unfinished files in
    tmp/ (fresh and old), a flat entry's files without its index, an index naming files that are
    not there, a folder where an entry's file goes, junk named like an entry, a file where a
    kind's folder goes. The build publishes the cold build's bytes; prune clears what is no entry."""
    _, published = reference
    tree, cache, _ = unforked.restored()  # a new cache's first build
    base = cache / FORMAT
    old = time.time() - 2 * buildcache.STALE_SECONDS
    for name in ("pack-1-2-3", "0123456789abcdef-4-5-6", "pages-x"):
        (base / "tmp" / name).write_bytes(b"half")
    (base / "tmp" / "pack-old").write_bytes(b"half")
    os.utime(base / "tmp" / "pack-old", (old, old))
    wholes = sorted(p for p in (base / "whole").glob("*/*") if "." not in p.name)
    wholes[0].unlink()  # its files stay: a killed build's
    for path in sorted(wholes[1].parent.glob(wholes[1].name + ".*")):
        path.unlink()  # an index whose files are gone
    wholes[2].unlink()
    wholes[2].mkdir()  # a folder where the entry's index goes
    (wholes[3].parent / ("f" * 64)).write_bytes(b"junk")  # named like an entry nobody asks for
    shutil.rmtree(base / "shell")
    (base / "shell").write_bytes(b"a file where a folder goes")
    edit_one(tree)
    build(tree, tmp_path / "warm", cache, fork=True)
    assert differences_from(tmp_path / "warm", published) == []
    assert not (base / "tmp" / "pack-old").exists() and (base / "tmp" / "pack-1-2-3").exists()
    assert not (wholes[3].parent / ("f" * 64)).exists()
    build(tree, tmp_path / "again", cache)
    assert differences_from(tmp_path / "again", published) == []


# --- builds at once, a publish that fails


def test_two_builds_of_different_commits_at_once_on_one_cache(
        tmp_path: Path, reference: tuple[Tree, dict[str, bytes]]) -> None:
    """Two CI jobs on one runner share the cache: one builds the commit before the edit, one the
    edit, at the same time, twice (the second time each finds the other's entries, and each
    prunes what it did not use while the other reads). Each publishes its own cold build's bytes."""
    source, published = reference
    before, after = fresh_copy(source, tmp_path / "before"), fresh_copy(source, tmp_path / "after")
    edit_one(after)
    build(before, tmp_path / "cold-before", None)
    expected = {"before": snapshot(tmp_path / "cold-before"), "after": published}
    cache = tmp_path / "cache"
    for round in ("one", "two"):
        running = {name: perfsite_build(tree, tmp_path / f"{name}-{round}", cache)
                   for name, tree in (("before", before), ("after", after))}
        for name, process in running.items():
            assert process.wait() == 0, name
            assert differences_from(tmp_path / f"{name}-{round}", expected[name]) == [], (name, round)


def test_a_publish_that_fails_keeps_the_live_site_and_the_cache_true(
        tmp_path: Path, reference: tuple[Tree, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The swap into the live folder fails (a full disk, say) after the site was built with the
    cache: the live site is the previous build's, byte for byte, the build says why, and the
    next build publishes the cold build's bytes from the entries the failed one made."""
    from perfsite.cli import main
    from perfsite.site import commands

    source, published = reference
    tree = fresh_copy(source, tmp_path / "tree")
    live, cache = tmp_path / "live", tmp_path / "cache"
    args = ["build", "--site-dir", str(live), "--cache-dir", str(cache), "--config-file", str(tree.project / "mkdocs.yml")]
    settings = {"PERFSITE_DATA": str(tree.data), "PERFSITE_SEARCH": "0", "SOURCE_DATE_EPOCH": EPOCH,
                "PYTHONPATH": str(REPO), "PERFSITE_JOBS": "1", "NO_MKDOCS_2_WARNING": "1"}
    with environment(**settings):
        assert main(args) == 0
        previous = snapshot(live)
        edit_one(tree)

        def full(*_: object) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(live))

        with monkeypatch.context() as patch:
            patch.setattr(commands, "swap", full)
            assert main(args) != 0
        assert "磁盘空间已满" in capsys.readouterr().err
        assert snapshot(live) == previous
        assert not list(tmp_path.glob(".live-build-*"))
        assert main(args) == 0
    assert differences_from(live, published) == []


def test_a_refused_build_leaves_the_cache_true(tmp_path: Path, reference: tuple[Tree, dict[str, bytes]], forked: Cached) -> None:
    """A commit that adds a duplicate (the same id in the same year, bytes identical to the
    other file's) is refused with the cache as without it; the next commit removes it, and the
    build with the cache publishes the cold build's bytes."""
    from mkdocs.exceptions import Abort

    _, published = reference
    tree, cache, _ = forked.restored()  # a new cache's first build
    edit_one(tree)
    duplicate = tree.data / "2024" / "dept09" / "demo-000012-copy.yaml"
    shutil.copy(tree.data / "2024" / "dept01" / "demo-000012.yaml", duplicate)
    said: list[str] = []
    with pytest.raises(Abort):
        build(tree, tmp_path / "refused", cache, fork=True, said=said)
    assert any("重复" in line for line in said)
    duplicate.unlink()
    build(tree, tmp_path / "after", cache, fork=True)
    assert differences_from(tmp_path / "after", published) == []


@pytest.mark.parametrize(("text", "names"), [
    ("original: {file: a.pdf, title: x}", ["a.pdf"]),
    ('original: {file: "评价报告 终稿, 2024.pdf", title: x}', ["评价报告 终稿, 2024.pdf"]),
    ("original: {file: 'it''s [1].PDF', title: x}", ["it's [1].PDF"]),
    ("original:\n  file: 报告 终稿.docx  # 注释\n  title: t\n", ["报告 终稿.docx"]),
    ("original:\n  file: >-\n    折叠的 名字.pdf\n", ["折叠的 名字.pdf"]),
    ('original: {"file": 引号键.pdf}', ["引号键.pdf"]),
    ('original: {file: "a\\u0020b.pdf"}', ["a b.pdf"]),
    ("name: 没有原件\n", []),
])
def test_every_original_a_report_may_name_is_in_its_digest(text: str, names: list[str]) -> None:
    """Whatever way a name is written (quoted, with spaces, commas, brackets, folded, escaped),
    the original it names is among those whose bytes the file's digest covers."""
    assert set(names) <= set(original_names(text.encode("utf-8")))


# --- a published file written in place, its mtime put back


def test_a_linked_entry_written_in_place_with_its_times_put_back_is_not_used(tmp_path: Path) -> None:
    """The check a linked entry gets (BuildCache.check): untouched it is used, also after it was
    linked elsewhere (its ctime moved, its bytes did not); written in place with its times put
    back it is not, checked in the cache or where it was placed."""
    cache = buildcache.BuildCache(tmp_path / "cache", "v")
    page = tmp_path / "site" / "page.html"
    page.parent.mkdir()
    page.write_bytes(b"<p>99.10</p>" * 500)
    key = "a" * 64
    cache.keep_linked("whole", key, {"page.html": (str(page), page.read_bytes())})
    assert cache.check("whole", key) is not None
    assert cache.link("whole", key, lambda name, _: str(tmp_path / "again" / name)) == page.stat().st_size
    assert cache.check("whole", key) is not None
    assert cache.check("whole", key, lambda name: str(page)) is not None
    rewrite_keeping_times(page)
    assert cache.check("whole", key) is None
    assert cache.check("whole", key, lambda name: str(page)) is None
    assert cache.link("whole", key, lambda name, _: str(tmp_path / "third" / name)) is None


@pytest.mark.parametrize("fork", [False, True])
def test_a_published_page_written_in_place_with_its_times_put_back_is_never_published_again(
        tmp_path: Path, reference: tuple[Tree, dict[str, bytes]], fork: bool) -> None:
    """A page of the published site is the cache's file (a hard link): written in place with its
    times put back, the next build into the same folder (the tree kept) and one into a new folder
    (the page linked from the cache) both publish the cold build's bytes."""
    source, published = reference
    tree = fresh_copy(source, tmp_path / "tree")
    edit_one(tree)
    cache, site = tmp_path / "cache", tmp_path / "site"
    build(tree, site, cache, fork=fork)
    pages = sorted(p for p in (site / "projects").rglob("index.html") if p.stat().st_nlink > 1)
    assert pages
    rewrite_keeping_times(pages[0])
    build(tree, site, cache, fork=fork)
    assert differences_from(site, published) == []
    pages = sorted(p for p in (site / "projects").rglob("index.html") if p.stat().st_nlink > 1)
    rewrite_keeping_times(pages[-1])
    build(tree, tmp_path / "new", cache, fork=fork)
    assert differences_from(tmp_path / "new", published) == []


# --- search under cache damage


@pytest.fixture(scope="module")
def searched(tmp_path_factory: pytest.TempPathFactory) -> tuple[Tree, dict[str, bytes]]:
    """A small tree (6 programmes a year) and its cold build with full-text search."""
    tree = Tree.make(tmp_path_factory.mktemp("searched"), n=6)
    site = tree.root / "cold"
    build(tree, site, None, search=True)
    published = snapshot(site)
    assert any(path.startswith("pagefind/") and path.count("/") > 1 for path in published)  # year indexes
    shutil.rmtree(site)
    return tree, published


@pytest.fixture(scope="module")
def searched_cache(searched: tuple[Tree, dict[str, bytes]], tmp_path_factory: pytest.TempPathFactory) -> Cached:
    """`searched`'s tree's first build with search and a new cache (2.1 CPU s), for the six tests below."""
    return first_built(searched[0], tmp_path_factory.mktemp("searched-cache"), search=True)


def shard_entries(cache: Path) -> list[Path]:
    """Each Pagefind index's entry (its index file; its files are `<key>.<n>` beside it)."""
    return sorted(p for p in (cache / FORMAT / "shard").glob("*/*") if "." not in p.name)


def swap(one: Path, other: Path) -> None:
    """Give two flat entries each other's index and files (a rename each: the inodes stay)."""
    moves = [(path, to.parent / path.name.replace(entry.name, to.name)) for entry, to in ((one, other), (other, one))
             for path in [entry, *entry.parent.glob(entry.name + ".*")]]
    for path, target in moves:
        os.rename(path, f"{target}.swapped")
    for _, target in moves:
        os.rename(f"{target}.swapped", target)


def damage_shards(cache: Path, site: Path, how: str) -> None:
    """Damage every cached Pagefind index one way (site: the published site, its files linked to the cache's)."""
    entries = shard_entries(cache)
    assert len(entries) >= 3
    files = [path for entry in entries for path in sorted(entry.parent.glob(entry.name + ".*"))]
    if how == "damaged":
        for number, path in enumerate(files):
            damage(path, ("half", "empty", "flip")[number % 3])
    elif how == "in place, times kept":
        for path in (p for p in (site / "pagefind").rglob("*") if p.is_file() and p.stat().st_nlink > 1):
            rewrite_keeping_times(path)
    elif how == "files deleted":
        for path in files[::2]:
            path.unlink()
    elif how == "entries damaged":
        for number, entry in enumerate(entries):
            damage(entry, ("half", "empty", "flip")[number % 3])
    elif how == "entries deleted":
        for entry in entries:
            entry.unlink()
    else:  # "swapped": an index cached under another's key, as if made for another set of pages
        years = [entry for entry in entries if b"pagefind.js" not in entry.read_bytes()]
        primary = [entry for entry in entries if entry not in years]
        assert len(years) >= 3 and len(primary) == 1
        swap(years[0], years[1])  # one year's index published as another's: silent before entries were bound to keys
        swap(primary[0], years[2])  # the primary's: the build stopped, its pagefind.js missing


@pytest.mark.parametrize("how", ["damaged", "in place, times kept", "files deleted", "entries damaged",
                                 "entries deleted", "swapped"])
def test_damaged_search_indexes_are_made_again_never_published(
        tmp_path: Path, searched: tuple[Tree, dict[str, bytes]], searched_cache: Cached, how: str) -> None:
    """The cached Pagefind indexes' files truncated, emptied or bit-flipped, written in place with
    their times put back, their files or their entries deleted or damaged, or swapped between
    keys (each index then stands for another set of pages): the next build publishes the cold
    build's search, byte for byte, and the one after (from the entries made again) too."""
    _, published = searched
    tree, cache, first = searched_cache.restored()  # a new cache's first build with search
    damage_shards(cache, first, how)
    said: list[str] = []
    build(tree, tmp_path / "warm", cache, search=True, said=said)
    assert differences_from(tmp_path / "warm", published) == []
    told = [line for line in said if line.startswith("构建缓存中的检索索引已损坏，已重新生成：")]
    # an entry deleted whole is a miss like any other: nothing there to call damaged
    assert len(told) == (how != "entries deleted"), said
    said.clear()
    build(tree, tmp_path / "again", cache, search=True, said=said)
    assert differences_from(tmp_path / "again", published) == []
    assert not [line for line in said if "已损坏" in line]
