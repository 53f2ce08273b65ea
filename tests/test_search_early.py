"""A year's search indexes begun while the workers render later years: each worker tells the
parent every year whose stubs it has all written (YearsNote), and the parent begins a year's
indexes once every worker has told it (search.YearIndexes)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from perfsite.dataset import TreeRead, load_tree
from perfsite.demo import write_demo
from perfsite.executor import Note
from perfsite.site import search
from perfsite.site.shell import CONTENT_MARK
from perfsite.site.workers import LoadRequest, RenderNote, RenderRequest, Share, YearsNote

SHELL = f"<html><head><title>t</title></head><body>{CONTENT_MARK}</body></html>"


class Told:
    """A worker's inbox that records each note it sends, with the stubs on disk when it sent it."""

    def __init__(self, stubs: Path) -> None:
        self.stubs = stubs
        self.notes: list[tuple[object, set[str]]] = []

    def poll(self) -> bool:
        return False

    def send(self, note: Note) -> None:
        written = {p.relative_to(self.stubs).as_posix() for p in self.stubs.rglob("index.html")}
        self.notes.append((note.message, written))


@pytest.fixture(scope="module")
def read(tmp_path_factory: pytest.TempPathFactory) -> TreeRead:
    data = tmp_path_factory.mktemp("data")
    write_demo(12, data, seed=5, targets=True)
    found: list[TreeRead] = []
    load_tree(data, data, lambda job: found.append(job) or [])
    return found[0]


def test_a_worker_tells_each_year_once_all_its_stubs_are_written(read: TreeRead, tmp_path: Path) -> None:
    """Its pages are rendered year by year whatever order its files were read in (here the
    newest year's first): each year but the last is told, in order, with exactly its stubs,
    every one of them already on disk; the RenderNote then tells them all."""
    share = Share()
    share.load(LoadRequest(read, "", False))
    share.entries = dict(reversed(share.entries.items()))  # the newest year's files first
    years = Counter(held.page.year for held in share.entries.values() if held.page is not None)
    assert len(years) >= 3
    plan = search.shard_plan(years)
    stubs = tmp_path / "stubs"
    share.inbox = Told(stubs)
    share.render(RenderRequest(SHELL, read.site, {}, str(tmp_path / "out"), False, str(stubs), plan, note=True))
    notes = [note for note, _ in share.inbox.notes]
    assert [note.years for note in notes[:-1]] == [(year,) for year in sorted(plan)[:-1]]
    last = notes[-1]
    assert isinstance(last, RenderNote) and len(last.stubs) == sum(years.values())
    for (note, written), year in zip(share.inbox.notes[:-1], sorted(plan), strict=False):
        assert isinstance(note, YearsNote)
        assert sorted(note.stubs) == sorted(s for s in last.stubs if search.shard_year(s[0].split("/")[0]) == year)
        assert {path for path, _, _ in note.stubs} <= written


def test_a_year_is_begun_once_every_worker_has_told_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two workers: a year one of them told waits for the other; the years never told are begun
    with every stub the workers wrote, once they are done (rest)."""
    made: list[tuple[str, list[search.Stub]]] = []
    monkeypatch.setattr(search, "_make_index", lambda run, kept, services: made.append((run[0].name, kept.stubbed[run[0].name])))
    stub = {name: (f"{name}/projects/{name}/a/index.html", "0" * 64, "") for name in ("2022", "2023", "2024")}
    other = {name: (f"{name}/projects/{name}/b/index.html", "1" * 64, "") for name in ("2022", "2023", "2024")}
    names = search.shard_names({2024: 1, 2023: 1, 2022: 1})
    years = search.YearIndexes(tmp_path / "indexes", tmp_path / "stubs", names, search.Shards(None, set()), 2, workers=2)
    years.told([2022], [stub["2022"]])
    assert not years.started
    years.told([2022], [other["2022"]])
    years.told([2023], [stub["2023"]])
    years.widen()
    assert years.rest([*stub.values(), *other.values()]) == ["2024", "2023"]
    years.start(["2024", "2023"])
    assert years.finish() == 3
    assert sorted(made) == [(name, [stub[name], other[name]]) for name in ("2022", "2023", "2024")]
