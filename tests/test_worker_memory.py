"""What a worker keeps per programme between reading it and writing its page: the record, less
the exact budget cells once the /data/ pieces (their only reader) are made; once its page is
rendered, nothing in a build (the record in serve, which builds again)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from perfsite.dataset import TreeRead, load_tree
from perfsite.dates import build_date
from perfsite.demo import write_demo
from perfsite.executor import owner
from perfsite.kinds import programme_file
from perfsite.opendata.build import MemorySink
from perfsite.record import Record
from perfsite.site.session import BuildSession
from perfsite.site.shell import CONTENT_MARK
from perfsite.site.workers import CompareRequest, LoadRequest, RenderRequest, Share, Summary, TargetHead
from perfsite.targets import TargetTable


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



@pytest.mark.parametrize("serve", [False, True])
def test_a_build_drops_each_record_once_its_page_is_rendered(tmp_path: Path, serve: bool) -> None:
    """A build renders each page once: its record goes with it. Serve keeps the records for its
    next build; a load after a build's render makes a dropped record again, the same summaries."""
    data = tmp_path / "data"
    write_demo(6, data, seed=3, targets=True)
    job = _tree(data)
    share = Share()
    first = share.load(LoadRequest(job, "", serve)).summaries()
    paged = [held for held in share.entries.values() if held.page is not None]
    assert paged and all(held.rec is not None for held in paged)
    shell = f"<html><head><title>t</title></head><body>{CONTENT_MARK}</body></html>"
    reply = share.render(RenderRequest(shell, job.site, {}, str(tmp_path / "site"), False, "", {}))
    assert reply.pages == len(paged) and len(reply.rendered) == len(paged)
    assert [held.rec is not None for held in paged] == [serve] * len(paged)
    again = share.load(LoadRequest(job, "", serve)).summaries()
    assert [(s.path, s.row, s.other, s.document) for s in again] == [(s.path, s.row, s.other, s.document) for s in first]
    assert all(held.rec is not None for held in share.entries.values() if held.page is not None)

def _tree(data: Path) -> TreeRead:
    found: list[TreeRead] = []

    def keep(job: TreeRead) -> list[Summary]:
        found.append(job)
        return []

    load_tree(data, data, keep)
    return found[0]


def test_the_parent_gets_a_target_tables_head_and_another_worker_reads_the_table(tmp_path: Path) -> None:
    """The parent holds no 绩效目标表 (only what it publishes of one: its address and 更正记录);
    a worker whose 自评's table another worker read reads the file itself, and compares the same."""
    data = tmp_path / "data"
    write_demo(8, data, seed=5, targets=True)
    job = _tree(data)
    table_path = next(p for p in job.paths if p.endswith("-mubiao.yaml"))
    own_path = programme_file(table_path)
    both = Share()
    summaries = both.load(LoadRequest(dataclasses.replace(job, paths=[own_path, table_path]), "", False)).summaries()
    head = summaries[1].target
    assert isinstance(head, TargetHead) and isinstance(both.tables[table_path], TargetTable)
    assert (head.year, head.id, head.name) == (both.tables[table_path].year, both.tables[table_path].id,
                                               both.tables[table_path].name)
    key = (head.year, head.id)
    digest = summaries[1].digest
    alone = Share()
    alone.load(LoadRequest(dataclasses.replace(job, paths=[own_path]), "", False))
    here = both.compare(CompareRequest({key: (digest, None)}, {key: table_path}))
    read_again = alone.compare(CompareRequest({key: (digest, table_path)}, {key: table_path}))
    assert read_again.lowered == here.lowered and len(here.lowered) == 1
    assert read_again.hints == here.hints
    assert alone.compared == both.compared
    with pytest.raises(RuntimeError, match="不在本进程中"):
        alone._table(key, ("0" * 64, None))


def test_a_programme_years_documents_go_to_one_worker() -> None:
    for name in ("a/2023/x/yingyang-gaishan-mubiao.yaml", "a/2023/x/yingyang-gaishan-pingjia.yaml",
                 "a/2023/x/yingyang-gaishan-zhenggai.yaml"):
        assert programme_file(name) == "a/2023/x/yingyang-gaishan.yaml"
        assert all(owner(name, n) == owner("a/2023/x/yingyang-gaishan.yaml", n) for n in (2, 3, 4, 7))
    assert programme_file("a/2023/x/mubiao.yml") == "a/2023/x/mubiao.yml"


def test_a_summary_copied_for_the_cache_is_what_replace_gives(tmp_path: Path) -> None:
    """Share._to_cache keeps each file's summary with its parts bare, copied rather than
    dataclasses.replace'd: the same fields, in the same order, so it pickles to the same bytes;
    the summary and its parts themselves are left as they were."""
    import pickle

    from perfsite.site.workers import _bare, _copy

    data = tmp_path / "data"
    write_demo(3, data, seed=5)
    session = BuildSession(serve=False)
    try:
        session.workers(0)
        loaded = session.load_tree(data, parts=True)
        summaries = [s for s in loaded.summaries if s.parts is not None]
    finally:
        session.close()
    assert summaries
    for summary in summaries:
        spool = summary.parts.spool
        copied = _copy(summary, parts=_bare(summary.parts), fresh=False, slot=0)
        replaced = dataclasses.replace(summary, parts=dataclasses.replace(summary.parts, blob=b"", spool="", offset=0),
                                       fresh=False, slot=0)
        assert copied == replaced and copied is not summary and copied.parts is not summary.parts
        assert pickle.dumps(copied, protocol=pickle.HIGHEST_PROTOCOL) == pickle.dumps(replaced, protocol=pickle.HIGHEST_PROTOCOL)
        assert summary.parts.spool == spool and copied.parts.spool == "" and copied.slot == 0
