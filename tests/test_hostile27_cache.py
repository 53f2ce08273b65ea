"""The build cache and the build's temporary folders, hostile cases: a 自评's /data/ pieces
damaged in its load pack when its comparison must be made again, a cache disk that fills after the
spool folder was made in it, and temporary folders left by a build or an import that stopped."""

from __future__ import annotations

import builtins
import contextlib
import errno
import logging
import os
import pickle
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from perfsite.dates import build_date
from perfsite.demo import write_demo
from perfsite.executor import WorkerError
from perfsite.opendata.build import MemorySink
from perfsite.site.buildcache import FORMAT, BuildCache, PackShelf
from perfsite.site.session import BuildSession
from perfsite.site.workers import Summary


def _write_open_data(data: Path, cache: Path | None) -> tuple[dict[str, bytes], set[str], list[str]]:
    """/data/ of `data` as one build session writes it (its cache at `cache`): the files, the
    packs the build found damaged (not kept), and the files it read again because of them."""
    session = BuildSession(serve=False)
    session.cache = BuildCache(cache, "test") if cache is not None else None
    try:
        session.workers(0)
        loaded = session.load_tree(data, parts=True)
        assert loaded.dataset.ok
        sink = MemorySink()
        loaded.write_open_data(sink, build_date())
        return sink.files, set(loaded.damaged), list(loaded.remade)
    finally:
        session.close()


def _loaded_pieces(cache: Path) -> list[tuple[Path, Summary, tuple[int, int]]]:
    """Each 自评's /data/ pieces in its load entry: the pack, the summary, (offset, length)."""
    shelf = PackShelf(BuildCache(cache, "test"))
    shelf.copies("")  # reads the packs' indexes
    found = []
    for pack, segments in (shelf.found or {}).values():
        head = pickle.loads(shelf.piece(pack, segments[0]) or b"")
        if isinstance(head[1], bytes):  # a file's entry: (what its worker keeps, its summary)
            kept = pickle.loads(head[1])
            if isinstance(kept, Summary) and kept.parts is not None and len(segments) > 1:
                where = BuildCache(cache, "test").folder / FORMAT / "pack" / pack[:2] / pack
                found.append((where, kept, segments[1][:2]))
    shelf.close()
    return found


def test_a_damaged_load_pack_found_while_comparing_is_not_kept(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A 自评's /data/ pieces in its load entry are damaged and its 绩效目标表 changed (its
    comparison is made again from those pieces): the part is made from the file, /data/ is the
    cold build's, and the damaged pack is among those the build does not keep, so the next build
    reads its files anew instead of finding the damage again."""
    data = tmp_path / "data"
    write_demo(4, data, seed=5, targets=True)
    cache = tmp_path / "cache"
    _write_open_data(data, cache)
    pack, summary, (offset, length) = next(
        found for found in _loaded_pieces(cache)
        if any(data.glob(f"{found[1].facts.year}/*/{found[1].facts.id}-mubiao.yaml")))  # type: ignore[union-attr]
    with pack.open("r+b") as handle:
        handle.seek(offset + length // 2)
        byte = handle.read(1)
        handle.seek(offset + length // 2)
        handle.write(bytes([byte[0] ^ 1]))
    table = next(data.glob(f"{summary.facts.year}/*/{summary.facts.id}-mubiao.yaml"))  # type: ignore[union-attr]
    table.write_text(table.read_text(encoding="utf-8") + "# 复核过\n", encoding="utf-8")  # a new key, the same table
    with caplog.at_level(logging.INFO):
        files, damaged, remade = _write_open_data(data, cache)
    cold, _, _ = _write_open_data(data, None)
    assert files == cold
    assert pack.name in damaged
    assert remade == [] and "已损坏" in caplog.text and Path(summary.path).name in caplog.text


@contextlib.contextmanager
def _full_after_made(folder: Path) -> Iterator[None]:
    """The disk of `folder` fills once the build found it writable and made its folders there:
    a file opened for writing in it fails with ENOSPC (the spool, a pack), folders are still made."""
    prefix = f"{folder}/"
    real_open, real_os_open = builtins.open, os.open

    def full(path: object) -> None:
        if isinstance(path, str | os.PathLike) and os.fspath(path).startswith(prefix):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.fspath(path))

    def opened_file(path: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(c in mode for c in "wax+"):
            full(path)
        return real_open(path, mode, *args, **kwargs)

    def opened(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            full(path)
        return real_os_open(path, flags, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(builtins, "open", opened_file)
        patch.setattr(os, "open", opened)
        yield


def test_a_cache_disk_filling_under_the_spool_names_the_cache_and_what_to_do(tmp_path: Path) -> None:
    """The /data/ pieces go to a spool folder in the build cache (beside its packs, linked
    there): the cache's disk full part-way through the build stops it with one sentence naming
    the cache folder and the two ways on (free the disk, or build without the cache), not a
    bare 「磁盘空间已满」 about a file in a folder the operator never made."""
    data = tmp_path / "data"
    write_demo(2, data, seed=5)
    cache = tmp_path / "cache"
    session = BuildSession(serve=False)
    session.cache = BuildCache(cache, "test")
    try:
        session.workers(0)
        with _full_after_made(cache), pytest.raises(WorkerError) as failed:
            session.load_tree(data, parts=True)
    finally:
        session.close()
    said = str(failed.value)
    assert f"构建缓存 {cache}" in said and "磁盘已满" in said and "--no-cache" in said and "PERFSITE_BUILD_CACHE" in said
    assert ".bin" not in said
    assert not any((cache / FORMAT / "tmp").iterdir())  # the spool folder went with the session


@pytest.mark.parametrize(("end", "stopping"), [("failed", "kill"), ("close", "close")])
def test_a_session_interrupted_while_its_workers_end_still_removes_its_folders(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, end: str, stopping: str) -> None:
    """A failed or finished build ends its workers, then removes its folders (the /data/ spool
    in TMPDIR without a build cache); a second Ctrl-C while the workers end (a build waits up to
    10 s for each) stopped that, and the spool with its pieces stayed in TMPDIR."""
    data = tmp_path / "data"
    write_demo(2, data, seed=5)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    session = BuildSession(serve=False)
    pool = session.workers(0)
    loaded = session.load_tree(data, parts=True)
    assert loaded.spool is not None and loaded.spool.parent == tmp and any(loaded.spool.iterdir())

    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pool, stopping, interrupted)
    with pytest.raises(KeyboardInterrupt):
        getattr(session, end)()
    assert list(tmp.iterdir()) == []
    session.pool = None
    session.close()


@pytest.mark.parametrize("serve", [False, True])
def test_a_rebuild_sends_back_only_the_parts_its_workers_did_not_already_hold(tmp_path: Path, serve: bool) -> None:
    """Comparing the 自评s with their 绩效目标表 after a one-file edit: the parent sends its worker
    the /data/ part of the file read anew only, not those the worker gave from the build cache
    (a build) or from what it held (serve, whose every comparison is made again: it has no build
    cache); /data/ is a cold build's."""
    data = tmp_path / "data"
    write_demo(6, data, seed=5, targets=True)
    cache = tmp_path / "cache"
    if not serve:
        _write_open_data(data, cache)
    session = BuildSession(serve=serve)
    session.cache = None if serve else BuildCache(cache, "test")
    sent: list[dict[str, object]] = []
    try:
        share = session.workers(0).local
        compare = share.compare

        def noted(request: Any) -> Any:
            sent.append(dict(request.parts))
            return compare(request)

        share.compare = noted  # type: ignore[method-assign]
        if serve:
            session.load_tree(data, parts=True)
        edited = sorted(p for p in data.rglob("*.yaml") if p.name != "site.yaml" and not p.name.endswith("-mubiao.yaml"))[2]
        edited.write_text(edited.read_text(encoding="utf-8").replace('name: "', 'name: "改', 1), encoding="utf-8")
        sent.clear()
        loaded = session.load_tree(data, parts=True)
        sink = MemorySink()
        loaded.write_open_data(sink, build_date())
    finally:
        session.close()
    cold, _, _ = _write_open_data(data, None)
    assert sink.files == cold
    [parts] = sent
    assert len(parts) == 6 and {path for path, part in parts.items() if part is not None} == {str(edited)}
