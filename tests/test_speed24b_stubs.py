"""A page's search stub in the build cache is a copy of its own, never a link to the build's stubs
folder (removed after each build): so the first build after a cold one, and the one after a
rebuild that made a search index again, take every page's entry by its stamps, without reading
its index or hashing its stub, and still publish the bytes a build without the cache does."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from conftest_site import build_in_process, data_files, small_project

from perfsite.demo import write_demo
from perfsite.site import buildcache

EPOCH = "1751328000"

pytestmark = pytest.mark.skipif(importlib.util.find_spec("pagefind") is None, reason="Pagefind is not installed")


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def rename_first(data: Path, name: str) -> None:
    """Give the first 自评 another programme name (a one-file commit that changes its page and stub)."""
    path = next(p for p in data_files(data) if not re.search(r"^kind:", p.read_text(encoding="utf-8"), re.M))
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^name:.*$", f'name: "{name}"', text, count=1, flags=re.M), encoding="utf-8")


def test_rebuilds_after_a_cold_build_and_after_a_new_index_read_no_page_entry(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project, data, cache = small_project(tmp_path / "project"), tmp_path / "data", tmp_path / "cache"
    write_demo(3, data, seed=1, targets=True)
    settings = {"PERFSITE_DATA": str(data), "PERFSITE_SEARCH": "1", "SOURCE_DATE_EPOCH": EPOCH,
                "PERFSITE_JOBS": "1", "PERFSITE_BUILD_CACHE": str(cache), "PERFSITE_OPENDATA": "0"}
    build_in_process(project, tmp_path / "cold", settings)
    hashed: list[str] = []
    real_same = buildcache.same_content
    monkeypatch.setattr(buildcache, "same_content", lambda path, size, digest: hashed.append(path) or real_same(path, size, digest))
    indexes: list[str] = []
    real_unseal = buildcache._unseal
    monkeypatch.setattr(buildcache, "_unseal", lambda blob, place="": indexes.append(place) or real_unseal(blob, place))
    for site, name in (("one", "重建测试项目一"), ("two", "重建测试项目二")):
        rename_first(data, name)
        hashed.clear()
        indexes.clear()
        timings = build_in_process(project, tmp_path / site, {**settings, "SOURCE_DATE_EPOCH": str(int(EPOCH) + 3600)})
        assert timings["rendered"] >= 1 and timings["indexed"] >= 1  # the page and its index made again
        assert [path for path in hashed if "/whole/" in path] == []
        assert [place for place in indexes if place.startswith("whole/")] == []
    monkeypatch.undo()
    build_in_process(project, tmp_path / "fresh", {**settings, "SOURCE_DATE_EPOCH": str(int(EPOCH) + 3600),
                                                   "PERFSITE_BUILD_CACHE": "0"})
    assert snapshot(tmp_path / "two") == snapshot(tmp_path / "fresh")
