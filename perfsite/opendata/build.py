"""Assemble the /data/ downloads: CSV (UTF-8 with BOM for Excel), JSON, one workbook, per year too.

Every file is built from the programmes' `Parts` (perfsite.opendata.parts), so the site build can
make the parts in the workers that scored the programmes and assemble here from them alone. Files
are streamed to their destination programme by programme: at 100,000 programmes the site-wide
tables are gigabytes before compression and must never be held whole.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO, Protocol

from perfsite.dataset import Dataset
from perfsite.opendata.datapackage import descriptor
from perfsite.opendata.feed import atom_feed
from perfsite.opendata.parts import COLUMNS_OF, TABLES, Parts, inert_cell, programme_parts
from perfsite.opendata.workbook import WorkbookWriter
from perfsite.siteconfig import SiteConfig

__all__ = ["COLUMNS_OF", "TABLES", "FolderSink", "MemorySink", "inert_cell", "open_data_files",
           "write_open_data"]

LARGE = 1 << 30
"""Bytes of sheet rows above which a workbook's sheets are written with zip64 sizes."""


class Sink(Protocol):
    """Where assembled files go: `open(path)` gives a binary handle for the file at that site path."""

    def open(self, path: str) -> BinaryIO: ...


class FolderSink:
    """Files written under a folder (the built site)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def open(self, path: str) -> BinaryIO:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        return target.open("wb")


class MemorySink:
    """Files kept as bytes, keyed by site path (tests, and small sites built in one process)."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def open(self, path: str) -> BinaryIO:
        sink = self

        class Capture(io.BytesIO):
            def close(self) -> None:
                sink.files[path] = self.getvalue()
                super().close()

        return Capture()


class _TextBundle:
    """The three CSVs and programmes.json of one bundle (site-wide or a year), open for appending."""

    def __init__(self, prefix: str, sink: Sink, site: SiteConfig, stack: ExitStack) -> None:
        self.csv = [stack.enter_context(sink.open(f"{prefix}{name}.csv")) for name in TABLES]
        for handle, name in zip(self.csv, TABLES, strict=True):
            header = ",".join(c.name for c in COLUMNS_OF[name]) + "\r\n"
            handle.write(("\ufeff" + header).encode("utf-8"))  # BOM: Excel on Chinese Windows reads UTF-8
        self.json = stack.enter_context(sink.open(f"{prefix}programmes.json"))
        head = json.dumps({"title": site.title, "data_date": site.data_date or None,
                           "licence": site.licence or None}, ensure_ascii=False, separators=(",", ":"))
        self.json.write((head[:-1] + ',"programmes":[').encode("utf-8"))
        self.first = True

    def add(self, part: Parts) -> None:
        *tables, document = part.csv_and_json()
        for handle, lines in zip(self.csv, tables, strict=True):
            handle.write(lines)
        if not self.first:
            self.json.write(b",")
        self.json.write(document)
        self.first = False

    def close(self) -> None:
        self.json.write(b"]}")


def _by_year(ordered: Sequence[Parts]) -> list[tuple[int, Sequence[Parts]]]:
    groups: list[tuple[int, list[Parts]]] = []
    for part in ordered:
        if not groups or groups[-1][0] != part.year:
            groups.append((part.year, []))
        groups[-1][1].append(part)
    return list(groups)


def _write_text(ordered: Sequence[Parts], site: SiteConfig, sink: Sink) -> None:
    with ExitStack() as stack:
        whole = _TextBundle("data/", sink, site, stack)
        for year, group in _by_year(ordered):
            with ExitStack() as inner:
                bundle = _TextBundle(f"data/{year}/", sink, site, inner)
                for part in group:
                    whole.add(part)
                    bundle.add(part)
                bundle.close()
        whole.close()


def _write_workbooks(ordered: Sequence[Parts], site: SiteConfig, sink: Sink) -> None:
    large = sum(p.sheet_bytes() for p in ordered) > LARGE
    groups = _by_year(ordered)
    with ExitStack() as stack:
        whole = WorkbookWriter(stack.enter_context(sink.open("data/perfsite.xlsx")), COLUMNS_OF, site, large)
        years = [(WorkbookWriter(stack.enter_context(sink.open(f"data/{year}/perfsite.xlsx")), COLUMNS_OF, site,
                                 large), group) for year, group in groups]
        for index, name in enumerate(TABLES):
            whole.begin(name)
            for book, group in years:
                book.begin(name)
                for part in group:
                    rows = part.sheet_rows(index)
                    whole.add(rows)
                    book.add(rows)
                book.end()
            whole.end()
        for book, _ in years:
            book.close()
        whole.close()


def write_open_data(parts: Sequence[Parts], site: SiteConfig, sink: Sink) -> None:
    """Every file under /data/ plus the feed: site-wide and per-year tables, workbooks, the Data
    Package descriptor, in (year, id) order whatever order `parts` come in."""
    ordered = sorted(parts, key=lambda p: (p.year, p.id))
    _write_text(ordered, site, sink)
    _write_workbooks(ordered, site, sink)
    with sink.open("data/datapackage.json") as handle:
        handle.write(json.dumps(descriptor(site), ensure_ascii=False, indent=1).encode("utf-8"))
    with sink.open("feed.xml") as handle:
        handle.write(atom_feed(ordered, site))


def open_data_files(data: Dataset) -> dict[str, bytes]:
    """Every file under /data/ plus the feed, keyed by its path in the site, from a loaded dataset."""
    sink = MemorySink()
    write_open_data([programme_parts(sp, data.site) for sp in data.programmes], data.site, sink)
    return sink.files
