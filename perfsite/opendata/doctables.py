"""The /data/ tables of the documents around the 自评 (绩效目标表, 评价报告, 整改, 结果应用,
部门整体), site-wide in data/ and per year in data/<year>/, from one description each.

A `DocTable` says what a table is (name, title, columns, key, the workbook holding its sheet);
`write_doc_tables` writes every table the site has rows of: its CSV site-wide and in each year
with rows, and each workbook of them site-wide and per year, a sheet per table present. Rows
arrive as `Chunk`s already encoded (perfsite.opendata.parts' cell rules), in (year, …) order:
a 绩效目标表's rows from the worker that read it (in its spool file), the other tables' from
their rows here. A site without such documents has none of these files, so its /data/ is as it was.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from perfsite.opendata.parts import SEP, SpoolFiles, csv_head, encode_rows
from perfsite.opendata.tables import Column
from perfsite.opendata.workbook import Segment, WorkbookWriter
from perfsite.siteconfig import SiteConfig

if TYPE_CHECKING:
    from perfsite.opendata.build import FileFacts, Kept, Sink


DOCUMENT_TABLES = 0
"""The `year` a Kept keys the document tables' files by as a whole (write_doc_tables): its keys
there are those of the 绩效目标表 files' build cache entries (Loaded.year_keys), as a year's are
its 自评s'; no year of data is 0."""


@dataclass(frozen=True)
class DocTable:
    """One table: its CSV is <name>.csv, its sheet is in `book` (beside the CSV), its Data
    Package resource is named `name` with primary key `key`; `title` names it there."""

    name: str
    title: str
    columns: Sequence[Column]
    key: tuple[str, ...]
    book: str


class Chunk(Protocol):
    """Encoded rows of one table from one year: CSV lines and worksheet rows joined by SEP."""

    year: int
    rows: int

    def pieces(self, spools: SpoolFiles) -> tuple[bytes, bytes]: ...


@dataclass(frozen=True)
class Encoded:
    """A Chunk held in memory (rows encoded in this process)."""

    year: int
    rows: int
    csv: bytes
    sheet: bytes

    def pieces(self, spools: SpoolFiles) -> tuple[bytes, bytes]:
        return self.csv, self.sheet


def encoded(columns: Sequence[Column], rows: Iterable[dict[str, str]], site_url: str = "") -> list[Encoded]:
    """`rows` (each with its "year") as one Chunk per run of a year, in the order given (页面地址
    absolute from `site_url` in the worksheet rows: parts.encode_rows)."""
    runs: list[tuple[int, list[dict[str, str]]]] = []
    for row in rows:
        year = int(row["year"])
        if not runs or runs[-1][0] != year:
            runs.append((year, []))
        runs[-1][1].append(row)
    chunks = []
    for year, group in runs:
        lines, sheet = encode_rows(columns, group, site_url)
        chunks.append(Encoded(year, len(group), lines.encode("utf-8"), sheet.encode("utf-8")))
    return chunks


@dataclass
class DocFiles:
    """What write_doc_tables wrote: each file's FileFacts, and the tables present site-wide and
    in each year (what the Data Package descriptors list and the year zips hold)."""

    facts: dict[str, FileFacts] = field(default_factory=dict)
    tables: list[str] = field(default_factory=list)
    years: dict[int, list[str]] = field(default_factory=dict)

    def year_files(self, year: int) -> list[str]:
        """The file names of the year's tables in data/<year>/ (CSVs, then workbooks)."""
        return sorted(path.rsplit("/", 1)[1] for path in self.facts if path.startswith(f"data/{year}/"))

    def year_digest(self, year: int) -> str:
        """The year's files by name and SHA-256: what the year's zip holds besides its bundle."""
        return hashlib.sha256("".join(f"{name}:{self.facts[f'data/{year}/{name}']['sha256']};"
                                      for name in self.year_files(year)).encode()).hexdigest()


def write_doc_tables(tables: Sequence[tuple[DocTable, Sequence[Chunk]]], site: SiteConfig, sink: Sink,
                     years: Collection[int], kept: Kept | None = None) -> DocFiles:
    """Each table with rows as data/<name>.csv and data/<year>/<name>.csv for every year of
    `years` (those with a bundle: a year of 自评s) it has rows in, and each workbook site-wide
    and per year with the sheets of the tables present there (`kept`: the deflated years of an
    earlier build, taken where their rows are the same).

    With `kept`, files an earlier build wrote from the same rows are taken back whole (_reused):
    a commit that changes no such document (a 自评's) changes none of them, and writing them
    read every 绩效目标表's rows back from the spool, wrote and hashed 48 MB at 10,000
    programmes with a table each (the /data/ process of a one-file rebuild: 1.40 → 1.18 CPU s)."""
    present = [(table, chunks) for table, chunks in tables if any(c.rows for c in chunks)]
    out = DocFiles(tables=[table.name for table, _ in present])
    if not present:
        return out
    for table, chunks in present:
        for year in sorted({c.year for c in chunks if c.rows and c.year in years}):
            out.years.setdefault(year, []).append(table.name)
    kind = _whole_kind(present, years)
    if kept is not None and _reused(kept, kind, out):
        return out
    segments: list[tuple[int, str]] = []
    with SpoolFiles() as spools:
        for table, chunks in present:
            _write_csvs(table, chunks, spools, sink, out, years)
        for book in dict.fromkeys(table.book for table, _ in present):
            _write_books(book, [(t, c) for t, c in present if t.book == book], site, spools, sink, out, years, kept,
                         segments)
    if kept is not None:
        kept.keep(DOCUMENT_TABLES, kind, list(out.facts), out.facts)
        kept.keep_blob(DOCUMENT_TABLES, f"facts+{kind}", json.dumps({"facts": out.facts, "segments": segments}).encode())
    return out


def _whole_kind(present: Sequence[tuple[DocTable, Sequence[Chunk]]], years: Collection[int]) -> str:
    """What names the document tables' files besides the 绩效目标表 files' entries (the Kept's
    keys of DOCUMENT_TABLES): the tables and their rows per year, the years with a bundle, and
    the bytes of the rows encoded here (Encoded: the 评价报告, 整改 and 部门整体 tables, whose
    rows come from several files and the build date)."""
    h = hashlib.sha256(repr(sorted(years)).encode())
    for table, chunks in present:
        h.update(f"\0{table.name}\0{table.book}\0".encode())
        for chunk in chunks:
            h.update(f"{chunk.year}:{chunk.rows};".encode())
            if isinstance(chunk, Encoded):
                h.update(hashlib.sha256(chunk.csv + b"\0" + chunk.sheet).digest())
    return f"documents-{h.hexdigest()}"


def _reused(kept: Kept, kind: str, out: DocFiles) -> bool:
    """The document tables' files put back from `kept` with their FileFacts (into `out`), and
    the yearly sheet segments they were made with held for the next commit that changes a
    document; False when `kept` has not all of them."""
    try:
        found = json.loads(kept.blob(DOCUMENT_TABLES, f"facts+{kind}") or b"null")
        facts, segments = found["facts"], [(int(year), str(name)) for year, name in found["segments"]]
    except (ValueError, TypeError, KeyError):
        return False
    if not isinstance(facts, dict) or not facts or not all(
            isinstance(f, dict) and set(f) == {"bytes", "rows", "sha256"} for f in facts.values()):
        return False
    if not kept.reuse(DOCUMENT_TABLES, kind, sorted(facts)):
        return False
    out.facts.update(facts)
    for year, name in segments:
        kept.hold(year, name)
    return True


def _rows_by_year(chunks: Sequence[Chunk], years: Collection[int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for chunk in chunks:
        if chunk.rows and chunk.year in years:
            counts[chunk.year] = counts.get(chunk.year, 0) + chunk.rows
    return counts


def _write_csvs(table: DocTable, chunks: Sequence[Chunk], spools: SpoolFiles, sink: Sink, out: DocFiles,
                years: Collection[int]) -> None:
    """The site-wide CSV in the chunks' order, each year's with that year's chunks."""
    header = csv_head(table.columns)
    counts = _rows_by_year(chunks, years)
    paths = {None: f"data/{table.name}.csv"} | {year: f"data/{year}/{table.name}.csv" for year in counts}
    with ExitStack() as stack:
        handles = {key: stack.enter_context(sink.open(path)) for key, path in paths.items()}
        for handle in handles.values():
            handle.write(header)
        for chunk in chunks:
            if chunk.rows:
                lines = chunk.pieces(spools)[0]
                handles[None].write(lines)
                if chunk.year in counts:
                    handles[chunk.year].write(lines)
    rows = sum(c.rows for c in chunks)
    for key, path in paths.items():
        out.facts[path] = _facts(sink, path, rows if key is None else counts[key])


def _write_books(book: str, tables: Sequence[tuple[DocTable, Sequence[Chunk]]], site: SiteConfig,
                 spools: SpoolFiles, sink: Sink, out: DocFiles, years: Collection[int], kept: Kept | None,
                 segments: list[tuple[int, str]]) -> None:
    """The workbook site-wide and per year: a sheet per table with rows there, in the chunks'
    order, each year's rows a segment of its own (each segment's year and kind into `segments`)."""
    counts = [(table, chunks, _rows_by_year(chunks, years)) for table, chunks in tables]
    present = sorted({year for _, _, by_year in counts for year in by_year})
    paths = {None: f"data/{book}"} | {year: f"data/{year}/{book}" for year in present}
    with ExitStack() as stack:
        writers = {key: WorkbookWriter(stack.enter_context(sink.open(path)),
                                       {t.name: t.columns for t, _, by_year in counts if key is None or key in by_year},
                                       site)
                   for key, path in paths.items()}
        for table, chunks, by_year in counts:
            writers[None].begin(table.name, sum(c.rows for c in chunks))
            for year, rows in by_year.items():
                writers[year].begin(table.name, rows)
            for year, run in _year_runs(chunks):
                sheets = [chunk.pieces(spools)[1] for chunk in run if chunk.rows]
                content = hashlib.sha256(b"".join(sheet + SEP for sheet in sheets)).hexdigest()
                segments.append((year, f"{book}-{table.name}-{content}"))
                _add_year([writers[None], *([writers[year]] if year in by_year else [])], year,
                          segments[-1][1], sheets, sum(c.rows for c in run), kept)
            for writer in (writers[None], *(writers[year] for year in by_year)):
                writer.end()
        for writer in writers.values():
            writer.close()
    totals = {year: sum(by_year.get(year, 0) for _, _, by_year in counts) for year in present}
    whole = sum(c.rows for _, chunks, _ in counts for c in chunks)
    for key, path in paths.items():
        out.facts[path] = _facts(sink, path, whole if key is None else totals[key])


def _year_runs(chunks: Sequence[Chunk]) -> list[tuple[int, list[Chunk]]]:
    """The chunks by year, each year's run in order (the chunks come in (year, …) order)."""
    runs: list[tuple[int, list[Chunk]]] = []
    for chunk in chunks:
        if not runs or runs[-1][0] != chunk.year:
            runs.append((chunk.year, []))
        runs[-1][1].append(chunk)
    return runs


def _add_year(writers: Sequence[WorkbookWriter], year: int, kind: str, sheets: Sequence[bytes], rows: int,
              kept: Kept | None) -> None:
    """A year's rows into each of `writers` as one segment, the same bytes in each (rows carry no
    row number): the one `kept` holds for the same rows (`kind` names them), else deflated once
    now by the first writer (and kept)."""
    first, *others = writers
    blob = kept.blob(year, kind) if kept is not None else None
    segment = Segment.unpacked(blob) if blob is not None else None
    if segment is not None and segment.rows == rows:
        first.put(segment)
    else:
        for sheet in sheets:
            first.add(sheet.split(SEP))
        segment = first.cut()
        if kept is not None:
            kept.keep_blob(year, kind, segment.packed())
    for writer in others:
        writer.put(segment)


def _facts(sink: Sink, path: str, rows: int | None) -> FileFacts:
    from perfsite.opendata.build import file_facts  # build imports this module

    return file_facts(sink, path, rows)


def year_tables(files: DocFiles, year: int) -> list[str]:
    """The tables the year's bundle has rows of, in the order of the site-wide list."""
    return [name for name in files.tables if name in files.years.get(year, ())]


def rows_of(tables: Mapping[str, Sequence[dict[str, str]]], described: Mapping[str, DocTable], site_url: str = ""
            ) -> list[tuple[DocTable, list[Encoded]]]:
    """Row tables (by name) as the (description, chunks) write_doc_tables takes."""
    return [(described[name], encoded(described[name].columns, rows, site_url)) for name, rows in tables.items()]
