"""The build cache and the build's temporary folders, hostile cases: a 自评's /data/ pieces
damaged in its load pack when its comparison must be made again, a cache disk that fills after the
spool folder was made in it, and temporary folders left by a build or an import that stopped."""

from __future__ import annotations

import logging
import pickle
from pathlib import Path

import pytest

from perfsite.dates import build_date
from perfsite.demo import write_demo
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
