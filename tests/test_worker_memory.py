"""What a worker keeps per programme between reading it and writing its page: the record, less
the exact budget cells once the /data/ pieces (their only reader) are made."""

from __future__ import annotations

from pathlib import Path

from perfsite.demo import write_demo
from perfsite.opendata.build import MemorySink
from perfsite.record import Record
from perfsite.rectification import build_date
from perfsite.site.session import BuildSession
from perfsite.site.workers import Share


def held_records(data: Path, parts: bool) -> tuple[list[Record], dict[str, bytes]]:
    session = BuildSession(serve=False)
    try:
        pool = session.workers(0)
        loaded = session.load_tree(data, parts=parts)
        share = pool.local
        assert isinstance(share, Share)
        records = [held.rec for held in share.entries.values() if isinstance(held.rec, Record)]
        sink = MemorySink()
        if parts:
            loaded.write_open_data(sink, build_date())
        return records, sink.files
    finally:
        session.close()


def test_the_exact_budget_is_dropped_once_the_data_pieces_are_made(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_demo(6, data, seed=3)
    kept, _ = held_records(data, parts=False)
    assert kept and all(rec.derived is not None for rec in kept)  # no /data/: nothing made from them yet
    dropped, files = held_records(data, parts=True)
    assert len(dropped) == len(kept) and all(rec.derived is None for rec in dropped)
    assert [rec.budget for rec in dropped] == [rec.budget for rec in kept]  # the page's table is whole
    header, *rows = [line.split(",") for line in files["data/budget.csv"].decode("utf-8-sig").splitlines()]
    yuan, wan = header.index("金额（元）"), header.index("金额（万元）")
    amounts = [row for row in rows if row[yuan] or row[wan]]
    assert len(amounts) >= 4 * len(kept)  # the exact cells, in 元 and 万元, were made before they were dropped
    assert all(row[yuan] and row[wan] for row in amounts)
