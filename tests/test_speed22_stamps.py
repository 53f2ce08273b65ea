"""A `whole` file a build linked is taken unhashed by the next build while its stat is the one
noted right after that link (buildcache.Stamps), and hashed again once anything wrote to it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from conftest_site import build_in_process, rewrite_keeping_times, small_project

from perfsite.demo import write_demo
from perfsite.site import buildcache

EPOCH = "1751328000"


@pytest.fixture
def hashed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files buildcache hashes (same_content), in order."""
    calls: list[str] = []
    real = buildcache.same_content

    def counting(path: str, size: int, digest: str) -> bool:
        calls.append(path)
        return real(path, size, digest)

    monkeypatch.setattr(buildcache, "same_content", counting)
    return calls


def test_a_stamped_link_is_taken_unhashed_until_it_is_written_in_place(tmp_path: Path, hashed: list[str],
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    cache = buildcache.BuildCache(tmp_path / "cache", "v")
    page = tmp_path / "site" / "page.html"
    page.parent.mkdir()
    page.write_bytes(b"<p>99.10</p>" * 500)
    key = "a" * 64
    cache.keep_linked("whole", key, {"page.html": (str(page), page.read_bytes())})
    stamps: buildcache.Stamps = {}
    found = cache.check("whole", key)
    assert found is not None and not hashed
    assert cache.place(found, lambda name, _: str(tmp_path / "again" / name), stamps) == page.stat().st_size
    assert list(stamps) == [key]
    assert cache.check("whole", key) is not None
    assert len(hashed) == 1  # the link moved the ctime: without the stamp the bytes are read
    read: list[bytes] = []
    real_unseal = buildcache._unseal
    monkeypatch.setattr(buildcache, "_unseal", lambda data, place="": read.append(data) or real_unseal(data, place))
    assert cache.check("whole", key, stamps=stamps) is not None
    assert len(hashed) == 1 and not read  # with it they are not, nor is the entry's index read
    assert cache.keep_stamps("worker-0", stamps) and cache.stamps("worker-0") == stamps
    rewrite_keeping_times(tmp_path / "again" / "page.html")
    assert cache.check("whole", key, stamps=stamps) is None  # written in place, times put back: refused
    assert len(hashed) == 2


def test_damaged_stamps_are_none(tmp_path: Path) -> None:
    cache = buildcache.BuildCache(tmp_path / "cache", "v")
    cache.keep_stamps("worker-0", {"x": (("page.html", 1, 2, 3, 4),)})
    blob = Path(cache.entry_file("stamp", cache.key("stamp", "worker-0")))
    blob.write_bytes(blob.read_bytes()[:-3])
    assert cache.stamps("worker-0") == {}
    assert cache.stamps("worker-1") == {}


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_rebuilds_into_new_folders_read_no_page_entry_and_still_refuse_one_written_in_place(
        tmp_path: Path, hashed: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Rebuilds into new folders (CI publishing each commit's site anew): the second and third
    builds neither hash the page files the build before linked or stored nor read their entries'
    indexes; a page of the third's written in place with its times put back is not published by
    the fourth."""
    project, data, cache = small_project(tmp_path / "project"), tmp_path / "data", tmp_path / "cache"
    write_demo(2, data, seed=1)
    settings = {"PERFSITE_DATA": str(data), "PERFSITE_SEARCH": "0", "SOURCE_DATE_EPOCH": EPOCH,
                "PERFSITE_JOBS": "1", "PERFSITE_BUILD_CACHE": str(cache), "PERFSITE_OPENDATA": "0"}
    build_in_process(project, tmp_path / "one", settings)
    published = snapshot(tmp_path / "one")
    indexes: list[str] = []
    real_unseal = buildcache._unseal
    monkeypatch.setattr(buildcache, "_unseal", lambda data, place="": indexes.append(place) or real_unseal(data, place))
    for site in ("two", "three"):
        hashed.clear()
        indexes.clear()
        build_in_process(project, tmp_path / site, settings)
        assert [path for path in hashed if "/whole/" in path] == []
        assert [place for place in indexes if place.startswith("whole/")] == []
        assert snapshot(tmp_path / site) == published
    pages = sorted(p for p in (tmp_path / "three" / "projects").rglob("index.html") if p.stat().st_nlink > 1)
    assert pages
    rewrite_keeping_times(pages[0])
    build_in_process(project, tmp_path / "four", settings)
    assert snapshot(tmp_path / "four") == published


@pytest.mark.skipif(importlib.util.find_spec("pagefind") is None, reason="Pagefind is not installed")
def test_rebuilds_into_new_folders_hash_no_search_index_file_and_still_refuse_one_written_in_place(
        tmp_path: Path, hashed: list[str]) -> None:
    """The same of the Pagefind indexes the main process links from the cache: the third build
    hashes none of their files; one written in place with its times put back is made again."""
    project, data, cache = small_project(tmp_path / "project"), tmp_path / "data", tmp_path / "cache"
    write_demo(2, data, seed=1)
    settings = {"PERFSITE_DATA": str(data), "PERFSITE_SEARCH": "1", "SOURCE_DATE_EPOCH": EPOCH,
                "PERFSITE_JOBS": "1", "PERFSITE_BUILD_CACHE": str(cache), "PERFSITE_OPENDATA": "0"}
    build_in_process(project, tmp_path / "one", settings)
    published = snapshot(tmp_path / "one" / "pagefind")
    build_in_process(project, tmp_path / "two", settings)
    hashed.clear()
    build_in_process(project, tmp_path / "three", settings)
    assert [path for path in hashed if "/shard/" in path] == []
    assert snapshot(tmp_path / "three" / "pagefind") == published
    index = sorted(p for p in (tmp_path / "three" / "pagefind").rglob("*") if p.is_file() and p.stat().st_nlink > 1)
    rewrite_keeping_times(index[0])
    build_in_process(project, tmp_path / "four", settings)
    assert snapshot(tmp_path / "four" / "pagefind") == published
