"""Hostile files a careless or malicious sender could hand in, each ending in bounded CPU with one
Chinese message, the data folder as it was.

A part that is cheap to send and dear to read is the attack here: each case below took seconds to
minutes of CPU from a file of a few kilobytes. `cpu_bound` stops a case that overruns (a CPU-time
alarm in this process, no child and no sleep), so a regression fails instead of hanging the suite.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from lxml import etree
from raw_office import MAIN, REL

from perfsite.importing.xlsx_reader import FORMULA_MAX, _print_areas


class Overran(Exception):
    pass


@contextmanager
def cpu_bound(seconds: float) -> Iterator[None]:
    """Raise Overran when the block uses more than `seconds` of this process's CPU time."""
    def stop(signum: int, frame: object) -> None:
        raise Overran(f"more than {seconds} CPU s")

    before = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, before)


def _workbook(area: str) -> etree._Element:
    return etree.fromstring(f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="自评表" sheetId="1" r:id="rId1"/>'
                            f'</sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">{area}'
                            '</definedName></definedNames></workbook>'.encode())


def test_a_print_area_longer_than_excel_writes_is_no_print_area_and_costs_nothing() -> None:
    """20,000 ranges in a 3 KB workbook took 7.5 CPU s to split (each comma looked ahead to the end)."""
    area = ",".join(["'自评表'!$A$1:$E$5"] * 20_000)
    with cpu_bound(2):
        assert _print_areas(_workbook(area)) == {}


@pytest.mark.parametrize("count", [1, FORMULA_MAX // len(",'自,表'!$A$1:$E$5")])
def test_a_print_area_excel_can_write_is_read_whole(count: int) -> None:
    area = ",".join(["'自,表'!$A$1:$E$5"] * count)
    assert len(area) <= FORMULA_MAX
    assert _print_areas(_workbook(area)) == {"自评表": ((1, 1, 5, 5),) * count}


def test_a_short_text_is_compacted_once_however_often_the_readers_ask(monkeypatch: pytest.MonkeyPatch) -> None:
    """The label readers compact each cell some forty times: a 1.9 MB CSV of 950,000 one-letter cells took
    79 CPU s, most of it compacting the same few texts again."""
    from perfsite.importing import grid

    calls = []
    monkeypatch.setattr(grid, "simplified", lambda text: calls.append(text) or text)
    grid._compact_short.cache_clear()
    assert {grid.compact(" 三级 指标 ") for _ in range(1000)} == {"三级指标"}
    assert grid.compact("１２％") == "12%"
    assert calls == ["三级指标", "１２％"]
    long = "甲" * 101
    assert grid.compact(long) == grid.compact(long) == long and calls[2:] == [long, long]  # long texts are not kept
    grid._compact_short.cache_clear()
