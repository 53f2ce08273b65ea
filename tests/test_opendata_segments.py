"""The site-wide workbook is made of per-year segments a rebuild takes from the build cache: a
one-file commit compresses only its year's rows again, and the bytes are a cold build's."""

from __future__ import annotations

import io
import json
import os
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from perfsite.dataset import load_dataset
from perfsite.dates import build_date
from perfsite.demo import write_demo
from perfsite.opendata import workbook as workbook_module
from perfsite.opendata.build import MANIFEST, FolderSink, MemorySink, write_open_data
from perfsite.opendata.doctables import DOCUMENT_TABLES
from perfsite.opendata.parts import COLUMNS_OF, TABLES, programme_parts
from perfsite.opendata.tables import PROGRAMME_COLUMNS
from perfsite.opendata.workbook import Segment, WorkbookWriter, crc32_combine
from perfsite.record import make_record
from perfsite.site.buildcache import FORMAT, BuildCache, _unseal
from perfsite.site.session import BuildSession, KeptYears
from perfsite.siteconfig import SiteConfig


@pytest.mark.parametrize("length", [0, 1, 7, 4096, 1_000_003])
def test_crc32_combine_is_the_crc_of_the_joined_bytes(length: int) -> None:
    first, second = os.urandom(333), os.urandom(length)
    assert crc32_combine(zlib.crc32(first), zlib.crc32(second), length) == zlib.crc32(first + second)


def rows(first: int, count: int) -> list[bytes]:
    return [b'<row><c t="inlineStr"><is><t>x%d</t></is></c></row>' % n for n in range(first, first + count)]


def workbook(large: bool, segments: dict[int, Segment] | None = None) -> tuple[bytes, dict[int, Segment]]:
    """Three runs of rows in one sheet, each cut as a segment; those in `segments` put instead."""
    handle = io.BytesIO()
    writer = WorkbookWriter(handle, {"programmes": PROGRAMME_COLUMNS}, SiteConfig(), large)
    writer.begin("programmes", 3000)
    made = {}
    for run in range(3):
        if segments and run in segments:
            writer.put(segments[run])
            continue
        writer.add(rows(run * 1000, 1000))
        made[run] = writer.cut()
    writer.end()
    writer.close()
    return handle.getvalue(), made


@pytest.mark.parametrize("large", [False, True])
def test_a_sheet_of_kept_segments_is_the_sheet_written_row_by_row(large: bool) -> None:
    whole, made = workbook(large)
    again, _ = workbook(large, {0: made[0], 2: made[2]})
    assert again == whole
    with zipfile.ZipFile(io.BytesIO(whole)) as archive:
        assert archive.testzip() is None  # every member's CRC and sizes as stored
    sheet = load_workbook(io.BytesIO(whole), read_only=True)["项目"]
    values = [row[0] for row in sheet.iter_rows(min_row=2, max_col=1, values_only=True)]
    assert values == [f"x{n}" for n in range(3000)]


class Counting(KeptYears):
    """The session's cache of /data/ years, counting the sheet segments found in it by year (and
    the bundles' file facts in `facts`)."""

    found: dict[int, int]
    facts: set[int]

    def blob(self, year: int, kind: str) -> bytes | None:
        content = super().blob(year, kind)
        if content is not None and kind.startswith("facts+"):
            self.facts.add(year)
        elif content is not None:
            self.found[year] = self.found.get(year, 0) + 1
        return content


def data_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _one_file_commit(tmp_path: Path, data: Path, counting: type[KeptYears], pick: Callable[[Path], Path]
                     ) -> tuple[Any, Any, Path, list[str]]:
    """/data/ written three times by one session: cached (`first/`), again cached after the `name:` of
    the file `pick` chooses was changed (`warm/`), and without the cache (`cold/`). Returns the
    `counting` cache of the first and of the warm build, the edited file, and the files the warm
    build read back (to hash them)."""
    session = BuildSession(serve=False)
    session.cache = BuildCache(tmp_path / "cache", "test")
    try:
        session.workers(0)

        def write(site: Path, cached: bool) -> Any:
            loaded = session.load_tree(data, parts=True)
            kept = counting(session.cache, site, loaded.year_keys(), session.used) if cached else None
            if kept is not None:
                kept.found, kept.facts = {}, set()  # type: ignore[attr-defined]
            sink = FolderSink(site)
            read = sink.read
            sink.read = lambda path: (reads.append(path), read(path))[1]  # type: ignore[method-assign]
            loaded.write_open_data(sink, build_date(), kept)
            return kept if kept is not None else None

        reads: list[str] = []

        first = write(tmp_path / "first", True)
        reads.clear()
        edited = pick(data)
        text = edited.read_text(encoding="utf-8")
        line = next(line for line in text.splitlines() if line.startswith("name:"))
        edited.write_text(text.replace(line, line[:-1] + '（改名）"', 1), encoding="utf-8")
        found = write(tmp_path / "warm", True)
        warm_reads = sorted(reads)
        write(tmp_path / "cold", False)
    finally:
        session.close()
    return first, found, edited, warm_reads


def test_a_one_file_commit_compresses_only_its_years_rows_again(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_demo(24, data, seed=5)
    first, warm, edited, reads = _one_file_commit(
        tmp_path, data, Counting, lambda data: sorted(p for p in data.rglob("*.yaml") if p.name != "site.yaml")[0])
    assert first.found == {} and first.facts == set()
    assert data_files(tmp_path / "warm") == data_files(tmp_path / "cold")
    years = {int(p.name) for p in data.iterdir() if p.is_dir()}
    year = int(edited.relative_to(data).parts[0])
    assert set(warm.found) == years - {year} and set(warm.found.values()) == {3}  # three sheets of every other year
    # the other years' file facts (files.json, the 数据下载 page) come with their files from the
    # cache: their tables are read once, to be joined into the site-wide ones, and not again to
    # be hashed; their workbooks and descriptors not at all
    assert warm.facts == years - {year}
    others = [path for path in reads if path.count("/") == 2 and path.split("/")[1] != str(year)]
    assert others and len(others) == len(set(others))
    assert not [path for path in others if path.endswith(("perfsite.xlsx", "datapackage.json"))]
    assert f"data/{year}/perfsite.xlsx" in reads  # the edited year's, written anew, is hashed


def test_a_years_files_go_into_the_cache_with_the_facts_taken_of_them(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Each year's files and zip are stored in the build cache with the size and SHA-256 that
    files.json took of them, not read back and hashed a second time (a cold build at 10,000
    programmes read the years' 100 MB twice); the entries hold those facts, and the next build
    takes the unchanged years from them byte for byte."""
    data = tmp_path / "data"
    write_demo(24, data, seed=5)
    read_back: list[str] = []
    read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: (read_back.append(self.as_posix()), read_bytes(self))[1])
    _, warm, _, _ = _one_file_commit(
        tmp_path, data, Counting, lambda data: sorted(p for p in data.rglob("*.yaml") if p.name != "site.yaml")[0])
    assert [path for path in read_back if "/first/data/" in path] == []
    assert data_files(tmp_path / "warm") == data_files(tmp_path / "cold")
    assert warm.found  # the other years' rows came from the first build's entries
    stored = set()
    for index in (tmp_path / "cache" / FORMAT / "data").glob("*/*/index"):
        listed = json.loads(_unseal(index.read_bytes(), f"data/{index.parent.name}") or b"null")
        stored |= {(name, size, digest) for name, size, digest in listed}
    taken = {build: {(path, facts["bytes"], facts["sha256"]) for path, facts in json.loads(
        (tmp_path / build / MANIFEST).read_text(encoding="utf-8"))["files"].items()
        if path.count("/") == 2 or path.endswith(".zip")} for build in ("first", "warm")}
    assert len(taken["first"]) == 4 * 7 and taken["first"] <= stored <= taken["first"] | taken["warm"]


class Kinds(KeptYears):
    """The session's cache of /data/ years, noting the kinds of the segments found in it by year."""

    found: dict[int, list[str]]

    def blob(self, year: int, kind: str) -> bytes | None:
        content = super().blob(year, kind)
        if content is not None:
            self.found.setdefault(year, []).append(kind)
        return content


def test_targets_xlsx_takes_the_unchanged_years_from_the_cache(tmp_path: Path) -> None:
    """targets.xlsx (site-wide and per year) is deflated a year at a time too: after a commit
    that edits one 绩效目标表 only that year's rows are compressed again; the bytes are a cold build's."""
    data = tmp_path / "data"
    write_demo(24, data, seed=5, targets=True)
    first_kept, warm, edited, _ = _one_file_commit(tmp_path, data, Kinds,
                                                   lambda data: sorted(data.rglob("*-mubiao.yaml"))[-1])
    first, found = first_kept.found, {y: [k for k in kinds if not k.startswith("facts+")] for y, kinds in warm.found.items()}
    warm, cold = data_files(tmp_path / "warm"), data_files(tmp_path / "cold")
    assert warm == cold
    assert "（改名）" in cold["data/targets.csv"].decode("utf-8")
    year = int(edited.relative_to(data).parts[0])
    years = {int(p.name) for p in data.iterdir() if p.is_dir()}
    assert first == {}  # each year's rows deflated once, for the site-wide book and the year's
    targets = {y: [k for k in kinds if k.startswith("targets.xlsx-")] for y, kinds in found.items()}
    assert {y for y, kinds in targets.items() if kinds} == years - {year}
    assert all(len(kinds) == 1 for y, kinds in targets.items() if y != year)  # one segment for both books
    for path in ("data/targets.xlsx", f"data/{year}/targets.xlsx"):
        with zipfile.ZipFile(io.BytesIO(cold[path])) as archive:
            assert archive.testzip() is None
        sheet = load_workbook(io.BytesIO(cold[path]), read_only=True).worksheets[0]
        assert sheet.max_row > 1


class Whole(Counting):
    """The session's cache of /data/ years, noting the document tables' files it put back whole."""

    whole: list[str] | None = None

    def reuse(self, year: int, kind: str, paths: list[str]) -> bool:
        done = super().reuse(year, kind, paths)
        if done and year == DOCUMENT_TABLES:
            self.whole = paths
        return done


def test_a_commit_of_a_self_evaluation_takes_the_target_tables_back_whole(tmp_path: Path) -> None:
    """A commit that changes a 自评 changes no 绩效目标表 row: targets.csv and targets.xlsx,
    site-wide and per year, come back from the build cache as the last build wrote them (their
    rows are not read from the spool again, nor the files written and hashed), the bytes a cold
    build's."""
    data = tmp_path / "data"
    write_demo(24, data, seed=5, targets=True)
    first, warm, _, _ = _one_file_commit(
        tmp_path, data, Whole, lambda data: sorted(p for p in data.rglob("*.yaml")
                                                   if p.name != "site.yaml" and not p.name.endswith("-mubiao.yaml"))[0])
    assert first.whole is None
    years = {int(p.name) for p in data.iterdir() if p.is_dir()}
    assert warm.whole == sorted(["data/targets.csv", "data/targets.xlsx",
                                 *(f"data/{year}/targets.{ext}" for year in years for ext in ("csv", "xlsx"))])
    assert data_files(tmp_path / "warm") == data_files(tmp_path / "cold")
    assert json.loads((tmp_path / "warm" / MANIFEST).read_bytes()) == json.loads((tmp_path / "cold" / MANIFEST).read_bytes())


def test_a_years_rows_are_deflated_once_for_both_workbooks(core_data_tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows carry no row number, so the site-wide workbook and the year's take the same segment:
    the sheet rows are compressed once, not once per workbook (and the year's workbook holds the
    site-wide workbook's segment byte for byte)."""
    data = load_dataset(core_data_tree)
    parts = [programme_parts(make_record(sp), data.site) for sp in data.programmes]
    deflated: list[bytes] = []
    add = workbook_module._Deflating.add
    monkeypatch.setattr(workbook_module._Deflating, "add",
                        lambda self, data, rows=0: (deflated.append(data) if rows else None, add(self, data, rows))[1])
    sink = MemorySink()
    write_open_data(parts, data.site, sink)
    assert len({p.year for p in parts}) > 1
    pieces = [b"".join(p.sheet_rows(i)) for p in parts for i in range(len(TABLES)) if p.counts[i]]
    assert sorted(deflated) == sorted(pieces)  # every programme's rows once, none for the year's own workbook
    last = max(p.year for p in parts)
    sheets = []
    for path in ("data/perfsite.xlsx", f"data/{last}/perfsite.xlsx"):
        with zipfile.ZipFile(io.BytesIO(sink.files[path])) as archive:
            info = archive.getinfo("xl/worksheets/sheet2.xml")
            raw = sink.files[path]
            start = info.header_offset + 30 + len(info.filename) + len(info.extra)
            sheets.append(raw[start:start + info.compress_size])
    count = sum(p.counts[1] for p in parts if p.year == last)
    head = workbook_module._deflated(workbook_module._sheet_head(COLUMNS_OF["indicators"], count).encode()).deflated
    tail = workbook_module._deflated(f"</sheetData>{workbook_module._filter(COLUMNS_OF['indicators'], count)}"
                                     "</worksheet>".encode()).deflated
    assert sheets[1].startswith(head) and sheets[1].endswith(tail + workbook_module._FINAL)
    segment = sheets[1][len(head):-len(tail + workbook_module._FINAL)]
    # the year's rows in its own sheet are the bytes deflated for the site-wide sheet
    assert len(segment) > 100 and segment in sheets[0]
