"""The build cache keys a data file by its path relative to the project (mkdocs.yml's folder): a
project copied or checked out elsewhere with its cache (a GitLab runner's /builds/<token>/<n>/,
a self-hosted runner's workspace, a cache restored there), or built from another current
folder, finds every entry its last build made and publishes the same bytes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest_site import build_in_process

from perfsite.demo import write_demo
from perfsite.scaffold import scaffold
from perfsite.site.buildcache import FOLDER, files_below, project_path


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def project(root: Path) -> Path:
    """A `perfsite init` project holding demo data (a 自评 and a 绩效目标表 each) and one docs page."""
    scaffold(root, "某县预算绩效信息公开")
    shutil.rmtree(root / "data" / "2024")
    write_demo(6, root / "data", seed=5, targets=True)
    (root / "docs" / "notice.md").write_text("# 公告\n\n第一版。\n", encoding="utf-8")
    return root


SETTINGS = {"PERFSITE_SEARCH": "0", "SOURCE_DATE_EPOCH": "1700000000", "PERFSITE_JOBS": "1"}


def build(root: Path, site: Path, cwd: Path, **env: str) -> dict[str, float]:
    """mkdocs build of the project at `root` started in `cwd`, its cache the default one beside mkdocs.yml."""
    before = Path.cwd()
    os.chdir(cwd)
    try:
        return build_in_process(root, site, {**SETTINGS, **env})
    finally:
        os.chdir(before)


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, float]]:
    """The project at …/a/jxgk built once with its default cache (into `first`), for both tests to copy
    (read only: each copies the project, its cache with it, and builds the copy); its timings."""
    root = tmp_path_factory.mktemp("paths")
    with pytest.MonkeyPatch.context() as env:
        env.delenv("PERFSITE_BUILD_CACHE", raising=False)
        env.delenv("PERFSITE_DATA", raising=False)
        a = project(root / "a" / "jxgk")
        return a, root / "first", build(a, root / "first", a)


def test_a_project_copied_elsewhere_with_its_cache_links_every_page_from_it(first, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("PERFSITE_BUILD_CACHE", raising=False)
    monkeypatch.delenv("PERFSITE_DATA", raising=False)
    a, site, made = first
    assert made["rendered"] > 0 and made["reused"] == 0
    b = tmp_path / "b" / "runner" / "7" / "jxgk"
    shutil.copytree(a, b)  # the project and its cache (.perfsite-cache/), as CI restores them
    moved = build(b, tmp_path / "moved", tmp_path)  # and started from another folder
    assert moved["loaded_files"] == 0 and moved["rendered"] == 0
    assert moved["linked"] == moved["reused"] == made["rendered"] and moved["listings"] == 0
    assert moved["pruned"] == 0  # every entry was this build's too
    assert snapshot(tmp_path / "moved") == snapshot(site)
    assert (b / FOLDER).is_dir()


def test_an_entry_from_the_other_copy_is_reused_only_for_unchanged_files(first, tmp_path: Path, monkeypatch) -> None:
    """Content digests still decide: a file changed in the copy is read and its pages made again,
    and the site is the one a build without the cache makes."""
    monkeypatch.delenv("PERFSITE_BUILD_CACHE", raising=False)
    monkeypatch.delenv("PERFSITE_DATA", raising=False)
    a, _, _ = first
    b = tmp_path / "b" / "jxgk"
    shutil.copytree(a, b)
    edited = sorted(p for p in (b / "data").rglob("*.yaml") if p.name != "site.yaml" and "mubiao" not in p.name)[2]
    text = edited.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("name:"))
    edited.write_text(text.replace(line, line[:-1] + '（调整）"', 1), encoding="utf-8")
    warm = build(b, tmp_path / "warm", b)
    build(b, tmp_path / "cold", b, PERFSITE_BUILD_CACHE="0")
    assert warm["loaded_files"] == 1 and 1 <= warm["rendered"] <= 3 and warm["reused"] > 0
    assert snapshot(tmp_path / "warm") == snapshot(tmp_path / "cold")


def test_project_path_is_relative_inside_the_project_and_as_given_outside() -> None:
    assert project_path("/builds/x/1/site/data/2024/a.yaml", Path("/builds/x/1/site")) == "data/2024/a.yaml"
    assert project_path("/builds/x/1/site/data/2024/a.yaml", "/builds/x/1/site/") == "data/2024/a.yaml"
    assert project_path("/builds/x/1/site2/data/a.yaml", Path("/builds/x/1/site")) == "/builds/x/1/site2/data/a.yaml"
    assert project_path("/srv/data/a.yaml", Path("/builds/x/1/site")) == "/srv/data/a.yaml"


def test_files_below_lists_a_tree_as_sorted_paths_do(tmp_path: Path) -> None:
    """Pagefind's indexes and the code version are read through files_below: the same files, in
    the same order, as sorted(Path.rglob) of the files (a name sorting before '/' as text, as
    `a-b` and `a.js` do against `a/`, still comes after the folder `a`); a link to a folder is
    not followed."""
    for name in ("a/z", "a.js", "a-b/c", "b", "a/y/x", "index/0", "index.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name, encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "a", target_is_directory=True)
    expected = [(p.relative_to(tmp_path).as_posix(), str(p)) for p in sorted(tmp_path.rglob("*")) if p.is_file()]
    assert files_below(str(tmp_path)) == expected
    assert [name for name, _ in expected] == ["a/y/x", "a/z", "a-b/c", "a.js", "b", "index/0", "index.json"]
