"""Assemble the /data/ downloads: CSV (UTF-8 with BOM for Excel), JSON, one workbook and a Data
Package descriptor, site-wide and per year (the workbook also has the 部门整体 sheet where there
are such documents: a reader opening perfsite.xlsx finds the department-wide figures beside the
programmes, not only in evaluations.xlsx); a zip of each year's files; `files.json` (size, rows
and SHA-256 of each file, shown on the 数据下载 page); the DCAT catalogue `data.json`; the feed.

Every file is built from the programmes' `Parts` (perfsite.opendata.parts), so the site build can
make the parts in the workers that scored the programmes and assemble here from them alone
(perfsite.site.session.Loaded.write_open_data is the one caller). Files
are streamed to their destination programme by programme: at 100,000 programmes the site-wide
tables are gigabytes before compression and must never be held whole.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import struct
import zipfile
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO, Protocol, TypedDict

from perfsite.dates import PUBLISHER_TIME, source_date_epoch
from perfsite.opendata.cycle import CYCLE_TABLES, DEPARTMENT_COLUMNS, DEPARTMENTS
from perfsite.opendata.datapackage import descriptor
from perfsite.opendata.dcat import catalogue
from perfsite.opendata.doctables import Encoded, encoded, rows_of, write_doc_tables, year_tables
from perfsite.opendata.feed import FeedItem, atom_feed, target_item
from perfsite.opendata.parts import COLUMNS_OF, SEP, TABLES, Parts, Remake, SpoolFiles, csv_head, inert_cell
from perfsite.opendata.tables import Column
from perfsite.opendata.targets import TARGET_TABLE, TargetPart
from perfsite.opendata.workbook import LEVEL, ZIP_TIME, Segment, WorkbookWriter
from perfsite.siteconfig import SiteConfig

__all__ = ["COLUMNS_OF", "MANIFEST", "TABLES", "FileFacts", "FolderSink", "Kept", "MemorySink", "inert_cell",
           "write_open_data", "year_paths", "zip_time"]

LARGE = 1 << 30
"""Bytes of sheet rows above which a workbook's sheets are written with zip64 sizes."""


MANIFEST = "data/files.json"
"""Size, rows and SHA-256 of every other file under /data/ (FileFacts by site path)."""
BUNDLE = ("programmes.csv", "indicators.csv", "budget.csv", "perfsite.xlsx", "programmes.json",
          "datapackage.json")
"""The files of each bundle (site-wide in data/, a year's in data/<year>/ and its zip)."""


class FileFacts(TypedDict):
    """What the 数据下载 page and files.json say of a file: bytes, data rows (None where the file
    has no rows: a descriptor, a zip), SHA-256 in hex."""

    bytes: int
    rows: int | None
    sha256: str


class Sink(Protocol):
    """Where assembled files go: `open(path)` gives a binary handle for the file at that site
    path, `read(path)` one to read a file written before."""

    def open(self, path: str) -> BinaryIO: ...

    def read(self, path: str) -> BinaryIO: ...


class Kept(Protocol):
    """Years' files made by an earlier build from the same programmes (the site build's cache):
    `reuse` puts a year's files of one kind (`bundle`: its tables, workbook and descriptor)
    back in place and says whether it could, `content` gives one file's bytes (`zip`: its zip,
    re-dated here); `keep` stores them once written. `blob` and `keep_blob` are the same for
    bytes that are no file: a year's rows of a site-wide sheet, deflated (workbook.Segment). The
    document tables' files as a whole are kept as the `year` doctables.DOCUMENT_TABLES."""

    def reuse(self, year: int, kind: str, paths: list[str]) -> bool: ...

    def content(self, year: int, kind: str, path: str) -> bytes | None: ...

    def keep(self, year: int, kind: str, paths: list[str], facts: Mapping[str, FileFacts]) -> None: ...

    def blob(self, year: int, kind: str) -> bytes | None: ...

    def keep_blob(self, year: int, kind: str, content: bytes) -> None: ...

    def hold(self, year: int, kind: str) -> None:
        """What `blob` would give is kept for a later build, unread (doctables._reused)."""


def year_paths(year: int) -> list[str]:
    """The site paths of a year's bundle."""
    return [f"data/{year}/{name}" for name in BUNDLE]


BUFFER = 1 << 18
"""Bytes buffered per /data/ file being written (about ten files are open at once)."""


class FolderSink:
    """Files written under a folder (the built site)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def open(self, path: str) -> BinaryIO:
        """A new file, written through a buffer of BUFFER bytes (a part's CSV lines and JSON
        document are a few KB each: through the default 8 KB buffer, a system call per piece or two)."""
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        return target.open("wb", buffering=BUFFER)

    def read(self, path: str) -> BinaryIO:
        return (self.root / path).open("rb")


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

    def read(self, path: str) -> BinaryIO:
        return io.BytesIO(self.files[path])


class _TextBundle:
    """The three CSVs and programmes.json of one bundle (site-wide or a year), open for appending."""

    def __init__(self, prefix: str, sink: Sink, site: SiteConfig, stack: ExitStack) -> None:
        self.csv = [stack.enter_context(sink.open(f"{prefix}{name}.csv")) for name in TABLES]
        for handle, name in zip(self.csv, TABLES, strict=True):
            handle.write(csv_head(COLUMNS_OF[name]))
        self.heads = [self.csv[0].tell(), self.csv[1].tell(), self.csv[2].tell()]
        self.json = stack.enter_context(sink.open(f"{prefix}programmes.json"))
        head = json.dumps({"title": site.title, "data_date": site.data_date or None,
                           "licence": site.licence or None}, ensure_ascii=False, separators=(",", ":"))
        self.json.write((head[:-1] + ',"programmes":[').encode("utf-8"))
        self.heads.append(self.json.tell())
        self.first = True

    def add(self, part: Parts, spools: SpoolFiles) -> None:
        *tables, document = part.csv_and_json(spools)
        for handle, lines in zip(self.csv, tables, strict=True):
            handle.write(lines)
        if not self.first:
            self.json.write(b",")
        self.json.write(document)
        self.first = False

    def add_bundle(self, prefix: str, sink: Sink) -> None:
        """Append a year's bundle as written before (data/<year>/, the same headers as this
        bundle's): each file without its header (programmes.json also without its closing `]}`),
        which is what adding its parts one by one appends, streamed, no part read again."""
        names = [f"{prefix}{name}.csv" for name in TABLES] + [f"{prefix}programmes.json"]
        for number, (handle, name) in enumerate(zip([*self.csv, self.json], names, strict=True)):
            document = number == len(TABLES)
            with sink.read(name) as source:
                left = source.seek(0, os.SEEK_END) - self.heads[number] - (len(b"]}") if document else 0)
                source.seek(self.heads[number])
                if document and left > 0:
                    if not self.first:
                        handle.write(b",")
                    self.first = False
                while left > 0:
                    block = source.read(min(left, 1 << 20))
                    if not block:
                        raise OSError(f"{name} 比写入时短")
                    handle.write(block)
                    left -= len(block)

    def close(self) -> None:
        self.json.write(b"]}")


def _by_year(ordered: Sequence[Parts]) -> list[tuple[int, Sequence[Parts]]]:
    groups: list[tuple[int, list[Parts]]] = []
    for part in ordered:
        if not groups or groups[-1][0] != part.year:
            groups.append((part.year, []))
        groups[-1][1].append(part)
    return list(groups)


def _write_text(ordered: Sequence[Parts], site: SiteConfig, sink: Sink, spools: SpoolFiles,
                reused: set[int]) -> None:
    with ExitStack() as stack:
        whole = _TextBundle("data/", sink, site, stack)
        for year, group in _by_year(ordered):
            if year in reused:  # its files are in place: the site-wide ones take them as they are
                whole.add_bundle(f"data/{year}/", sink)
                continue
            with ExitStack() as inner:
                bundle = None if year in reused else _TextBundle(f"data/{year}/", sink, site, inner)
                for part in group:
                    whole.add(part, spools)
                    if bundle is not None:
                        bundle.add(part, spools)
                if bundle is not None:
                    bundle.close()
        whole.close()


def _department_sheets(rows: Sequence[dict[str, str]], site_url: str) -> dict[int, Encoded]:
    """The 部门整体 table's rows (perfsite.opendata.cycle, in year order) by year, encoded for a
    sheet of perfsite.xlsx: a department has one row per document, so a site has a few hundred
    at most and they are deflated here each build."""
    return {chunk.year: chunk for chunk in encoded(DEPARTMENT_COLUMNS, rows, site_url)}


def _columns(departments: bool) -> dict[str, Sequence[Column]]:
    """The sheets of a perfsite.xlsx: the three tables, and 部门整体 when it has such rows."""
    return {**COLUMNS_OF, DEPARTMENTS: DEPARTMENT_COLUMNS} if departments else COLUMNS_OF


def _write_workbooks(ordered: Sequence[Parts], site: SiteConfig, sink: Sink, spools: SpoolFiles,
                     reused: set[int], kept: Kept | None, departments: Mapping[int, Encoded]) -> None:
    """The site-wide workbook and those of the years not `reused`. Each year's rows of a sheet are
    one segment (workbook.Segment), deflated once for both workbooks (the rows carry no row
    number, so the bytes are the same in both; at 10,000 programmes a year's rows are 34 MB of
    sheet XML, and deflating them again for the year's workbook cost a one-file commit about
    0.4 s) and kept by the year's programmes: a year the cache has (reused) is not read or
    compressed again. `departments`: the 部门整体 sheet's rows by year, after the three tables'."""
    large = sum(p.sheet_bytes() for p in ordered) > LARGE
    with ExitStack() as stack:
        whole = WorkbookWriter(stack.enter_context(sink.open("data/perfsite.xlsx")), _columns(bool(departments)),
                               site, large)
        books = {year: WorkbookWriter(stack.enter_context(sink.open(f"data/{year}/perfsite.xlsx")),
                                      _columns(year in departments), site, large)
                 for year, _ in _by_year(ordered) if year not in reused}
        for index, name in enumerate(TABLES):
            whole.begin(name, sum(p.counts[index] for p in ordered))
            for year, group in _by_year(ordered):
                kind = f"sheet-{name}"
                rows = sum(p.counts[index] for p in group)
                blob = kept.blob(year, kind) if kept is not None and year in reused else None
                segment = Segment.unpacked(blob) if blob is not None else None
                if segment is None or segment.rows != rows:
                    for part in group:
                        whole.add(part.sheet_rows(index, spools))
                    segment = whole.cut()
                    if kept is not None:
                        kept.keep_blob(year, kind, segment.packed())
                else:
                    whole.put(segment)
                book = books.get(year)
                if book is not None:
                    book.begin(name, rows)
                    book.put(segment)
                    book.end()
            whole.end()
        if departments:
            whole.begin(DEPARTMENTS, sum(chunk.rows for chunk in departments.values()))
            for year, chunk in sorted(departments.items()):
                whole.add(chunk.sheet.split(SEP))
                segment = whole.cut()
                book = books.get(year)
                if book is not None:
                    book.begin(DEPARTMENTS, chunk.rows)
                    book.put(segment)
                    book.end()
            whole.end()
        for book in books.values():
            book.close()
        whole.close()


def file_facts(sink: Sink, path: str, rows: int | None) -> FileFacts:
    """Size and SHA-256 of a written file, read back in blocks (a site-wide CSV may be gigabytes)."""
    digest, size = hashlib.sha256(), 0
    with sink.read(path) as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
            size += len(block)
    return {"bytes": size, "rows": rows, "sha256": digest.hexdigest()}


def _bundle_rows(parts: Sequence[Parts], department_rows: int = 0) -> dict[str, int | None]:
    """Data rows of each file of a bundle: a table's rows, all three and the 部门整体 sheet's in
    the workbook, programmes in programmes.json; a descriptor has none."""
    counts = [sum(p.counts[i] for p in parts) for i in range(len(TABLES))]
    return {**{f"{name}.csv": counts[i] for i, name in enumerate(TABLES)}, "perfsite.xlsx": sum(counts) + department_rows,
            "programmes.json": len(parts), "datapackage.json": None}


def zip_time(site: SiteConfig) -> tuple[int, int, int, int, int, int]:
    """Entry times of the year zips: SOURCE_DATE_EPOCH when set (as for sitemap.xml), else the
    data date, else 1980-01-01 (the earliest a zip can hold); never the build clock.

    A zip entry holds a wall-clock time with no zone, which an unzip tool shows as it is: it is
    Beijing time (PUBLISHER_TIME), the zone of the build date the pages and the overdue 整改 name.
    In UTC a build at 1700000000 (2023-11-15 06:13 in Beijing) would stamp 2023-11-14 22:13, a
    day before the build date the same files print."""
    epoch = source_date_epoch()
    when = None
    if epoch is not None:
        when = dt.datetime.fromtimestamp(epoch, PUBLISHER_TIME)
    elif site.data_date:
        when = dt.datetime.fromisoformat(site.data_date)
    if when is None or when.year < 1980:
        return ZIP_TIME
    return (when.year, when.month, when.day, when.hour, when.minute, when.second - when.second % 2)


def _write_zip(sink: Sink, year: int, site: SiteConfig, large: bool, documents: Sequence[str] = ()) -> None:
    """data/<year>.zip: the year's bundle and its `documents` files (perfsite.opendata.doctables)
    under <year>/, entries sorted, fixed times; the workbooks (already compressed) stored."""
    stamp = zip_time(site)
    with sink.open(f"data/{year}.zip") as handle, zipfile.ZipFile(handle, "w") as archive:
        for name in sorted((*BUNDLE, *documents)):
            info = zipfile.ZipInfo(f"{year}/{name}", stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_STORED if name.endswith(".xlsx") else zipfile.ZIP_DEFLATED
            if info.compress_type == zipfile.ZIP_DEFLATED:
                setattr(info, _LEVEL_FIELD, LEVEL)
            with sink.read(f"data/{year}/{name}") as source, archive.open(info, "w", force_zip64=large) as member:
                shutil.copyfileobj(source, member, 1 << 20)


def redate(archive: bytes, stamp: tuple[int, int, int, int, int, int]) -> bytes:
    """A zip written by _write_zip with every entry's time set to `stamp`: the bytes _write_zip
    writes with that time (zipfile keeps the time in each local header and central directory
    entry only), without compressing the year's files again (a build in CI is dated by its commit)."""
    dosdate = (stamp[0] - 1980) << 9 | stamp[1] << 5 | stamp[2]
    dostime = stamp[3] << 11 | stamp[4] << 5 | (stamp[5] // 2)
    out = bytearray(archive)
    with zipfile.ZipFile(io.BytesIO(archive)) as read:
        infos = read.infolist()
        central = read.start_dir  # type: ignore[attr-defined]
    for info in infos:
        if out[info.header_offset:info.header_offset + 4] != b"PK\x03\x04":
            raise ValueError("not a local file header")
        struct.pack_into("<HH", out, info.header_offset + 10, dostime, dosdate)
    for _ in infos:
        if out[central:central + 4] != b"PK\x01\x02":
            raise ValueError("not a central directory entry")
        struct.pack_into("<HH", out, central + 12, dostime, dosdate)
        name, extra, comment = struct.unpack_from("<HHH", out, central + 28)
        central += 46 + name + extra + comment
    return bytes(out)


_LEVEL_FIELD = "compress_level" if hasattr(zipfile.ZipInfo, "compress_level") else "_compresslevel"
"""ZipInfo's per-member level: public since Python 3.13, private before."""


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8")


def write_open_data(parts: Sequence[Parts], site: SiteConfig, sink: Sink,
                    targets: Sequence[TargetPart] = (), feed_others: Sequence[FeedItem] = (),
                    cycle: Mapping[str, Sequence[dict[str, str]]] | None = None,
                    kept: Kept | None = None, remake: Remake | None = None) -> dict[str, FileFacts]:
    """Every file under /data/ plus data.json and the feed: site-wide and per-year tables,
    workbooks and Data Package descriptors, a zip per year, in (year, id) order whatever order
    `parts` come in; `feed_others` are feed entries of other documents (their corrections);
    `cycle`, the rows of the 评价报告, 整改 and 部门整体 tables (perfsite.opendata.cycle); these
    and the 绩效目标表 are written site-wide and per year (perfsite.opendata.doctables).
    Returns (and writes as files.json) each data file's FileFacts.

    With `kept`, a year whose files an earlier build made from the same programmes and the same
    document tables takes them from there; the site-wide files, which hold every year, and the
    document tables are always written. `remake` makes a part's pieces again from its file
    when those in a build cache pack are found damaged (SpoolFiles)."""
    ordered = sorted(parts, key=lambda p: (p.year, p.id))
    groups = _by_year(ordered)
    departments = _department_sheets((cycle or {}).get(DEPARTMENTS, ()), site.site_url)
    documents = write_doc_tables([(TARGET_TABLE, sorted(targets, key=lambda p: (p.year, p.id))),
                                  *rows_of(cycle or {}, CYCLE_TABLES, site.site_url)], site, sink, {year for year, _ in groups}, kept)
    # a year's workbook and zip are written with zip64 sizes when the whole site's are large
    bundle = "bundle-zip64" if sum(p.sheet_bytes() for p in ordered) > LARGE else "bundle"
    large = sum(p.sheet_bytes() + sum(p.sizes) for p in ordered) > LARGE
    archive = "zip-zip64" if large else "zip"
    kinds = {year: _kind(bundle, [*year_tables(documents, year), *_digest(departments.get(year))]) for year, _ in groups}
    reused = {year for year, _ in groups if kept is not None and kept.reuse(year, kinds[year], year_paths(year))}
    with SpoolFiles(remake) as spools:
        _write_text(ordered, site, sink, spools, reused)
        _write_workbooks(ordered, site, sink, spools, reused, kept, departments)
    years = [year for year, _ in groups]
    with sink.open("data/datapackage.json") as handle:
        handle.write(_json(descriptor(site, documents=documents.tables)))
    manifest: dict[str, FileFacts] = {}
    for name, rows in _bundle_rows(ordered, sum(chunk.rows for chunk in departments.values())).items():
        manifest[f"data/{name}"] = file_facts(sink, f"data/{name}", rows)
    for year, group in groups:
        kind = kinds[year]
        if year not in reused:
            with sink.open(f"data/{year}/datapackage.json") as handle:
                handle.write(_json(descriptor(site, year, year_tables(documents, year))))
        chunk = departments.get(year)
        bundled = _bundle_facts(sink, year, group, kept, kind, year in reused, chunk.rows if chunk else 0)
        if kept is not None and year not in reused:
            kept.keep(year, kind, year_paths(year), bundled)
        manifest.update(bundled)
        manifest.update({path: facts for path, facts in documents.facts.items() if path.startswith(f"data/{year}/")})
        zipped = _kind(archive, [documents.year_digest(year)] if documents.year_files(year) else [])
        made = kept.content(year, zipped, f"data/{year}.zip") if kept is not None else None
        if made is not None:  # the same files: only the entries' time may differ (SOURCE_DATE_EPOCH)
            with sink.open(f"data/{year}.zip") as handle:
                handle.write(redate(made, zip_time(site)))
        else:
            _write_zip(sink, year, site, large, documents.year_files(year))
        manifest[f"data/{year}.zip"] = file_facts(sink, f"data/{year}.zip", None)
        if made is None and kept is not None:
            kept.keep(year, zipped, [f"data/{year}.zip"], manifest)
    manifest.update({path: facts for path, facts in documents.facts.items() if path.count("/") == 1})
    with sink.open(MANIFEST) as handle:
        handle.write(_json({"files": manifest}))
    with sink.open("data.json") as handle:
        handle.write(_json(catalogue(site, years, max((p.feed_date for p in ordered), default=""))))
    with sink.open("feed.xml") as handle:
        handle.write(atom_feed(ordered, site, [*feed_others, *(target_item(t) for t in targets)]))
    return manifest


def _bundle_facts(sink: Sink, year: int, group: Sequence[Parts], kept: Kept | None, kind: str,
                  reused: bool, department_rows: int = 0) -> dict[str, FileFacts]:
    """The FileFacts of a year's bundle: kept beside the bundle in the build cache, so a year it
    gave back (`reused`) is not read and hashed again. After a one-file commit at 10,000
    programmes that was 80 MB of the three years left as they were, read back and hashed while
    the /data/ thread is the last step of the rebuild."""
    facts_kind = f"facts+{kind}"
    found = _facts_of(kept.blob(year, facts_kind)) if kept is not None and reused else None
    if found is not None and sorted(found) == sorted(f"data/{year}/{name}" for name in BUNDLE):
        return found
    made = {f"data/{year}/{name}": file_facts(sink, f"data/{year}/{name}", rows)
            for name, rows in _bundle_rows(group, department_rows).items()}
    if kept is not None:
        kept.keep_blob(year, facts_kind, json.dumps(made).encode("utf-8"))
    return made


def _facts_of(blob: bytes | None) -> dict[str, FileFacts] | None:
    """FileFacts by path from a cache blob, or None when it holds none."""
    try:
        found = json.loads(blob) if blob is not None else None
    except ValueError:
        return None
    if not isinstance(found, dict) or not all(isinstance(f, dict) and set(f) == {"bytes", "rows", "sha256"}
                                              for f in found.values()):
        return None
    return found


def _digest(chunk: Encoded | None) -> list[str]:
    """What names a year's 部门整体 sheet in its cache entry kind: the digest of its rows (none
    without), so a year whose department documents changed writes its perfsite.xlsx again."""
    return [] if chunk is None else [f"{DEPARTMENTS}-{hashlib.sha256(chunk.sheet).hexdigest()[:16]}"]


def _kind(kind: str, documents: Sequence[str]) -> str:
    """A year's cache entry kind: also names what of its document tables its files hold (the
    tables its descriptor lists; the digest of the files its zip holds)."""
    return "+".join((kind, *documents))
