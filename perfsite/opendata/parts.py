"""One programme's share of every /data/ file, made where the programme is scored.

The site-wide and per-year files are these shares concatenated in (year, id) order: a CSV is a
header plus the rows of each programme, `programmes.json` a list of per-programme documents, a
worksheet the rows of each programme in turn (unnumbered: see encode_rows), the feed the newest
entries. Workers that score a share of the files make the parts there, and the parent only
concatenates and compresses, so no process ever needs every scored programme in memory (at
100,000 programmes it could not).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import errno
import hashlib
import io
import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from perfsite.opendata.formats import style_of
from perfsite.opendata.tables import (
    BOOLEAN_WORDS,
    BUDGET_COLUMNS,
    COMPARED_COLUMNS,
    INDICATOR_COLUMNS,
    INDICATOR_CSV_COLUMNS,
    KEY_COLUMNS,
    LABELS,
    PROGRAMME_COLUMNS,
    UNCOMPARED,
    WORKBOOK_WORDS,
    Column,
    Compared,
    budget_cells,
    budget_row,
    cell_text,
    indicator_csv_values,
    lowered_targets,
    programme_row,
)
from perfsite.record import COLUMN_LABEL, Record
from perfsite.report import record_json
from perfsite.siteconfig import SiteConfig
from perfsite.values import FORMULA_START, inert_cell

TABLES = ("programmes", "indicators", "budget")
COLUMNS_OF: dict[str, Sequence[Column]] = {
    "programmes": PROGRAMME_COLUMNS, "indicators": INDICATOR_COLUMNS, "budget": BUDGET_COLUMNS,
}
EPOCH = "2000-01-01"
"""The feed date of a programme with no `published` date when site.yaml gives no data date."""
NUMERIC = {"number", "integer"}


SEP_TEXT = "\x01"
"""Separates a table's worksheet rows in its piece (control characters never reach data)."""
SEP = SEP_TEXT.encode("ascii")


@dataclass(frozen=True)
class Parts:
    """A programme's rows of each table as CSV and as worksheet XML, its JSON document and its
    feed entry, with the keys the files are ordered by.

    The pieces are UTF-8 bytes, kept in `blob` or, in a site build, appended to a worker's spool
    file (`Spool`): the parent then holds only this small record per programme and reads each
    piece when it writes it, so no process ever holds every programme's rows (gigabytes at
    100,000), and nothing is compressed or sent through a pipe twice.
    """

    year: int
    id: str
    sizes: tuple[int, ...]
    """Byte length of each piece: each table's CSV lines, the JSON document, each table's
    worksheet rows (joined by SEP), tables in TABLES order."""
    feed_date: str
    feed_entry: str
    counts: tuple[int, ...] = ()
    """Rows of each table, tables in TABLES order."""
    corrections: tuple[tuple[str, str], ...] = ()
    """(date, feed entry) of each 更正记录 of the programme (correction_entries)."""
    blob: bytes = b""
    """The pieces joined, when kept in memory."""
    spool: str = ""
    """Else the file holding them, from `offset`."""
    offset: int = 0
    sealed: bytes = b""
    """The SHA-256 of the pieces joined when the file is a build cache pack (perfsite.site.buildcache):
    checked when they are first read (SpoolFiles.sealed), not when the build cache gives the part."""

    def csv_and_json(self, spools: SpoolFiles | None = None) -> list[bytes]:
        """[programmes CSV, indicators CSV, budget CSV, JSON document]."""
        return self._pieces(0, len(TABLES) + 1, spools)

    def sheet_rows(self, index: int, spools: SpoolFiles | None = None) -> list[bytes]:
        """The worksheet rows of table `index` (in TABLES order)."""
        joined = self._pieces(len(TABLES) + 1 + index, 1, spools)[0]
        return joined.split(SEP) if joined else []

    def sheet_bytes(self) -> int:
        """Bytes of worksheet rows in all tables (to know when a workbook needs zip64)."""
        return sum(self.sizes[len(TABLES) + 1:])

    def _pieces(self, first: int, count: int, spools: SpoolFiles | None) -> list[bytes]:
        start = sum(self.sizes[:first])
        lengths = self.sizes[first:first + count]
        if not self.spool:
            data = self.blob[start:start + sum(lengths)]
        elif spools is not None:
            data = spools.part(self, start, sum(lengths))
        else:
            with SpoolFiles() as once:
                data = once.part(self, start, sum(lengths))
        pieces, at = [], 0
        for length in lengths:
            pieces.append(data[at:at + length])
            at += length
        return pieces


class Spool:
    """A file a worker appends its programmes' pieces to; the parent reads them back by offset."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)
        # a programme's pieces (1–8 KB each, about 25 KB) overflow the default 8 KB buffer about ten
        # times a programme, a system call each; 256 KB takes about ten programmes a call
        self.handle = open(path, "ab", buffering=1 << 18)  # noqa: SIM115 - kept open for the session, closed by the OS
        self.offset = self.handle.tell()

    def add(self, pieces: Sequence[bytes]) -> int:
        """Append the pieces; the offset they start at (flushed by `flush()` before anyone reads)."""
        start = self.offset
        for piece in pieces:
            self.handle.write(piece)
            self.offset += len(piece)
        return start

    def flush(self) -> None:
        self.handle.flush()


class Damaged(OSError):
    """A part's pieces in a build cache pack are not the bytes stored there (and nothing made them again)."""


Remake = Callable[[Parts], bytes]
"""A part's pieces joined, made again from its file (its pieces in a pack were found damaged)."""


class SpoolFiles:
    """Read descriptors of the spool files, each opened once for one writing of /data/ (each part
    is read four times), closed at the end (the spool files are then removed).

    A part whose pieces lie in a build cache pack (`Parts.sealed`) is checked the first time it
    is read: its pieces are read whole and their SHA-256 compared. Damaged, they are made again
    from the programme's file by `remake` and served from memory; without `remake` the write
    fails. Checking here rather than where the worker takes the part from the cache hashes only
    the parts of the years whose files are made again: after a one-file commit one year's,
    where the workers hashed every year's (225 MB at 10,000 programmes)."""

    def __init__(self, remake: Remake | None = None) -> None:
        self.descriptors: dict[str, int] = {}
        self.remake = remake
        self.checked: dict[tuple[str, int], bytes | None] = {}
        """(file, offset) of each sealed part read → None when whole, else its pieces made again."""

    def read(self, path: str, size: int, offset: int) -> bytes:
        if path not in self.descriptors:
            self.descriptors[path] = os.open(path, os.O_RDONLY)
        return os.pread(self.descriptors[path], size, offset)

    def part(self, part: Parts, start: int, size: int) -> bytes:
        """`size` bytes from `start` of the part's pieces (its spool file holds them)."""
        if not part.sealed:
            return self.read(part.spool, size, part.offset + start)
        run = (part.spool, part.offset)
        if run not in self.checked:
            whole = self.read(part.spool, sum(part.sizes), part.offset)
            if len(whole) == sum(part.sizes) and hashlib.sha256(whole).digest() == part.sealed:
                self.checked[run] = None
                return whole[start:start + size]
            if self.remake is None:
                raise Damaged(errno.EIO, f"构建缓存中 {part.year} 年 {part.id} 的开放数据片段已损坏", part.spool)
            self.checked[run] = self.remake(part)
        made = self.checked[run]
        if made is not None:
            return made[start:start + size]
        return self.read(part.spool, size, part.offset + start)

    def close(self) -> None:
        while self.descriptors:
            os.close(self.descriptors.popitem()[1])

    def __enter__(self) -> SpoolFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _escape(text: str) -> str:
    """XML text; most cells need nothing escaped, so look before calling saxutils."""
    return escape(text) if "&" in text or "<" in text or ">" in text else text


def text_cell(ref: str, text: str, style: str = "") -> str:
    """An inline-string cell (no shared-strings table: rows can be made apart and joined)."""
    text = inert_cell(text)
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f'<c r="{ref}" t="inlineStr"{style}><is><t{space}>{_escape(text)}</t></is></c>'


def encode_rows(columns: Sequence[Column], rows: Iterable[dict[str, str]], site_url: str = "") -> tuple[str, str]:
    """Rows as CSV lines (CRLF as RFC 4180 says; text cells made inert for spreadsheets, numbers
    untouched) and as worksheet rows joined by SEP (numbers from their exact text with their
    number format, booleans and dates typed), in one pass: this runs for every row of every table.

    Rows and cells carry no reference (`r` is optional in SpreadsheetML: Excel, LibreOffice and
    openpyxl place a row after the one before and a cell after the one before it), so a row is
    the same bytes wherever it falls: a year's rows are deflated once and that segment serves the
    site-wide workbook and the year's (perfsite.opendata.build). An empty cell is therefore an
    empty `<c/>` where a later cell of the row has a value, and left out after the last one.
    A 页面地址 (ADDRESS) is the site path in the CSV, as documented, and the absolute address
    from `site_url` in the worksheet, where a reader copies it into a browser."""
    plan = _plan_of(columns)
    names = [name for name, *_ in plan]
    out = io.StringIO(newline="")
    write = csv.writer(out, lineterminator="\r\n").writerow
    sheet = []
    for row in rows:
        get = row.get
        fields, cells = _row_cells(plan, [get(name, "") for name in names], site_url)
        write(fields)
        while cells and cells[-1] is EMPTY_CELL:
            cells.pop()
        sheet.append(f'<row>{"".join(cells)}</row>')
    return out.getvalue(), SEP_TEXT.join(sheet)


def _row_cells(plan: tuple[tuple[str, str, str, str, str], ...], values: list[str], site_url: str = ""
               ) -> tuple[list[str], list[str]]:
    """A row's CSV fields (text made inert) and its worksheet cells, every cell's place kept."""
    fields, cells = [], []
    field, cell = fields.append, cells.append
    short = _short_text_cell
    for (name, kind, open_value, open_text, _), value in zip(plan, values, strict=True):
        if not value:
            field(value)
            cell(EMPTY_CELL)
        elif kind is TEXT:
            inert, written = short(value) if len(value) <= _SHORT_TEXT else _text_cell(value)
            field(inert)
            cell(written)
        else:
            field(value)
            if kind is WORD:
                cell(_word_cell(name, value))
            elif kind is ADDRESS:
                cell(f"{open_text}{_escape(absolute(site_url, value) if site_url else value)}</t></is></c>")
            else:
                cell(f"{open_value}{_typed(kind, value)}</v></c>")
    return fields, cells


_SHORT_TEXT = 40
"""Longer texts (a remark, a long name) are rarely seen twice: made each time, not remembered."""


def _text_cell(value: str) -> tuple[str, str]:
    """_row_cells' CSV field (made inert) and worksheet cell of a non-empty text `value`."""
    inert = inert_cell(value) if value[0] in FORMULA_START else value
    opening = _OPEN_SPACED if inert[0].isspace() or inert[-1].isspace() else _OPEN_TEXT
    return inert, f"{opening}{_escape(inert)}</t></is></c>"


@lru_cache(maxsize=16_384)
def _short_text_cell(value: str) -> tuple[str, str]:
    """_text_cell of a short text, remembered: the same for every text column (_cell_plan opens
    them alike), and most texts of an indicator row (产出指标, 数量指标, ≥95%, auto, true) recur in
    every programme. Looked up, a row's cells take half the time they took made anew (10,000
    indicator rows of the demo tree: 28 µs a programme, not 56); the bound keeps it to a few MB
    a worker."""
    return _text_cell(value)


def budget_encoded(rec: Record) -> tuple[str, str, int]:
    """encode_rows(BUDGET_COLUMNS, budget_rows(rec)) and the number of rows, made without the
    rows: about twenty a programme, their first six cells the programme's keys and the row's
    and column's names. The keys are encoded once a programme, the names once a process (a
    closed set: perfsite.opendata.tables.LABELS × perfsite.budget.COLUMNS), and only the three
    figures a row (each a plain decimal text, which CSV never quotes: any other goes the long
    way). Encoded cell by cell, the budget table took 0.087 ms of the 0.20 ms a programme's
    three tables took; made this way (with _plan_of) the whole share takes 0.33 ms, not 0.40."""
    cells = budget_cells(rec)
    if not cells:
        return "", "", 0
    keys = _key_cells(str(rec.year), rec.id)
    lines, sheet = [], []
    for cell in cells:
        row_key, column, amount, wan, rate = cell
        names = _budget_names(row_key, column)
        if (amount + wan + rate).strip(_PLAIN_FIGURE):
            line, rows = encode_rows(BUDGET_COLUMNS, [budget_row(rec, cell)])
            lines.append(line)
            sheet.append(rows)
            continue
        lines.append(f"{keys[0]},{names[0]},{amount},{wan},{rate}\r\n")
        figures = [f'{_BUDGET_FIGURES[0]}{amount}</v></c>' if amount else EMPTY_CELL,
                   f'{_BUDGET_FIGURES[1]}{wan}</v></c>' if wan else EMPTY_CELL,
                   f'{_BUDGET_FIGURES[2]}{rate}</v></c>' if rate else EMPTY_CELL]
        while figures and figures[-1] is EMPTY_CELL:
            figures.pop()
        sheet.append(f'<row>{keys[1]}{names[1]}{"".join(figures)}</row>')
    return "".join(lines), SEP_TEXT.join(sheet), len(cells)


_PLAIN_FIGURE = "-.0123456789"
"""The characters of a figure's text (yuan_text, wan_text, fmt2): none makes CSV quote a field."""


def _first_cells(columns: Sequence[Column], values: list[str]) -> tuple[str, str]:
    """The CSV fields (joined, no line end) and worksheet cells (every place kept) of a row's
    first cells, as encode_rows writes them within the row."""
    fields, cells = _row_cells(_plan_of(columns), values)
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="").writerow(fields)
    return out.getvalue(), "".join(cells)


@lru_cache(maxsize=4)
def _key_cells(year: str, ident: str) -> tuple[str, str]:
    """The first two cells of a programme's indicator and budget rows (KEY_COLUMNS). Remembered
    for the next call: both tables of a programme begin with them, made one after the other."""
    return _first_cells(KEY_COLUMNS, [year, ident])


def indicators_encoded(rec: Record, compared: Compared | None = None) -> tuple[str, str, int]:
    """encode_rows(INDICATOR_COLUMNS, indicator_rows(rec, compared)) and the number of rows, made
    without the rows as dicts: the programme's keys are encoded once, the sequence number is a
    figure, the rest is the indicator's CSV cells (indicator_csv_values) and its comparison's
    (`compared`, blank without a 绩效目标表), one by one."""
    keys, key_cells = _key_cells(str(rec.year), rec.id)
    plan = _plan_of(_COMPARED_ROW)
    out = io.StringIO(newline="")
    write = csv.writer(out, lineterminator="\r\n").writerow
    sheet = []
    for seq, ind in enumerate(rec.indicators, start=1):
        fields, cells = _row_cells(plan, indicator_csv_values(ind) + list(compared[seq - 1] if compared else UNCOMPARED))
        out.write(f"{keys},{seq},")
        write(fields)
        while cells and cells[-1] is EMPTY_CELL:
            cells.pop()
        sheet.append(f'<row>{key_cells}{_SEQ_OPENING}{seq}</v></c>{"".join(cells)}</row>')
    return out.getvalue(), SEP_TEXT.join(sheet), len(rec.indicators)


@cache
def _budget_names(row_key: str, column: str) -> tuple[str, str]:
    return _first_cells(_BUDGET_NAMES, [row_key, LABELS[row_key], column, COLUMN_LABEL[column]])


def csv_head(columns: Sequence[Column]) -> bytes:
    """The bytes every CSV download begins with: a BOM (Excel on Chinese Windows reads UTF-8 only
    with it) and the Chinese headers (title and unit: no header needs quoting), CRLF as the rows."""
    return ("\ufeff" + ",".join(c.header for c in columns) + "\r\n").encode("utf-8")


def csv_file(columns: Sequence[Column], lines: str) -> bytes:
    """A whole CSV download: csv_head, then `lines` (csv_lines or csv_list_lines)."""
    return csv_head(columns) + lines.encode("utf-8")


def csv_lines(columns: Sequence[Column], rows: Iterable[dict[str, str]]) -> str:
    """The CSV lines of encode_rows alone, for a download with no worksheet (a programme's
    indicator CSV, a listing's twin): the worksheet cells cost twice the CSV."""
    names = [c.name for c in columns]
    return csv_list_lines(columns, ([row.get(name, "") for name in names] for row in rows))


def csv_list_lines(columns: Sequence[Column], rows: Iterable[list[str]]) -> str:
    """csv_lines of rows given as their cells in column order (made inert here, in place)."""
    texts = [i for i, c in enumerate(_plan_of(columns)) if c[1] is TEXT or c[1] is ADDRESS]
    out = io.StringIO(newline="")
    write = csv.writer(out, lineterminator="\r\n").writerow
    for fields in rows:
        for i in texts:
            if fields[i][:1] in FORMULA_START:
                fields[i] = inert_cell(fields[i])
        write(fields)
    return out.getvalue()


TEXT, NUMBER, DATE, WORD, ADDRESS = "text", "number", "date", "word", "address"
"""How a column's cells are written in a worksheet; WORD: a code the CSV keeps (true, budget) as the
word a reader of the workbook reads (是, 执行数/预算数), from WORKBOOK_WORDS; ADDRESS: a 页面地址
column (`url`, a site path made of checked ids, never a formula), absolute in the worksheet."""
_OPEN_TEXT = '<c t="inlineStr"><is><t>'
_OPEN_SPACED = '<c t="inlineStr"><is><t xml:space="preserve">'
"""How a text cell opens, and one with leading or trailing space (text_cell's forms)."""
EMPTY_CELL = "<c/>"
"""An empty cell holding the place of its column (cells carry no reference)."""
EXCEL_EPOCH = dt.date(1899, 12, 30)
"""Day 0 of Excel's date serials (1900 date system, counting its phantom 1900-02-29)."""


@cache
def _word_cell(name: str, value: str) -> str:
    """The worksheet cell of code `value` of column `name` (WORD): its word, or the code as it is."""
    word = WORKBOOK_WORDS.get(name, BOOLEAN_WORDS).get(value, value)
    return f'<c t="inlineStr"><is><t>{_escape(word)}</t></is></c>'


def _typed(kind: str, value: str) -> str:
    """A typed cell's <v> text: the number as written, a date's serial."""
    if kind is NUMBER:
        return value
    return str((dt.date.fromisoformat(value) - EXCEL_EPOCH).days)


@cache
def _cell_plan(columns: tuple[Column, ...]) -> tuple[tuple[str, str, str, str, str], ...]:
    """Per column, made once per table: field, kind, and how its cell opens (no reference: see
    encode_rows) as a typed value (number, boolean or date, with its style), as text, as text with
    leading or trailing space (text_cell's forms)."""
    plan = []
    for c in columns:
        kind = (NUMBER if c.type in NUMERIC else WORD if c.type == "boolean" or c.name in WORKBOOK_WORDS
                else DATE if c.type == "date" else ADDRESS if c.name == "url" else TEXT)
        style = style_of(c)
        styled = f' s="{style}"' if style else ""
        typed = f'<c{styled}><v>'
        plan.append((c.name, kind, typed, _OPEN_TEXT, _OPEN_SPACED))
    return tuple(plan)


_COMPARED_ROW = (*INDICATOR_CSV_COLUMNS, *COMPARED_COLUMNS)
"""An indicator row's cells after its keys and sequence number (indicators_encoded)."""
_BUDGET_NAMES = BUDGET_COLUMNS[2:6]
"""The budget table's cells after the programme's keys: the row's and column's names (budget_encoded)."""
_SEQ_OPENING = _cell_plan(INDICATOR_COLUMNS)[2][2]
"""How an indicator row's sequence number opens (indicators_encoded)."""
_BUDGET_FIGURES = tuple(opening for _, _, opening, _, _ in _cell_plan(BUDGET_COLUMNS)[6:])
"""How the budget table's three figure cells open (budget_encoded)."""


_PLANS: dict[int, tuple[Sequence[Column], tuple[tuple[str, str, str, str, str], ...]]] = {}
"""_cell_plan by the columns' identity: a table's columns are one tuple the callers share, and
looking a plan up by the columns' value hashes every Column (a Python __hash__ each: about 50 a
programme, 15 µs)."""


def _plan_of(columns: Sequence[Column]) -> tuple[tuple[str, str, str, str, str], ...]:
    found = _PLANS.get(id(columns))
    if found is not None and found[0] is columns:
        return found[1]
    if len(_PLANS) >= 64:  # columns made anew by a caller each time: not kept for ever
        _PLANS.clear()
    plan = _cell_plan(tuple(columns))
    _PLANS[id(columns)] = (columns, plan)
    return plan


def json_document(rec: Record) -> str:
    """The programme in programmes.json: `perfsite score --format json` without file names, plus its URL.

    Compact, so the C encoder runs (indent forces the pure-Python one: minutes at 100,000).
    """
    item = record_json(rec) | {"url": rec.url}
    item.pop("file", None)
    for key in ("errors", "discrepancies", "warnings", "notes"):
        item[key] = [{k: v for k, v in problem.items() if k != "file"} for problem in item[key]]  # type: ignore[attr-defined]
    return json.dumps(item, ensure_ascii=False, separators=(",", ":"))


def xml_escape(text: str) -> str:
    """XML text and attribute values (quotes too)."""
    return escape(text, {'"': "&quot;", "'": "&apos;"})


def absolute(site_url: str, path: str) -> str:
    """An absolute URL from site_url; relative when site_url is not set."""
    if not site_url:
        return "/" + path
    return site_url.rstrip("/") + "/" + path


def stamp(date: str) -> str:
    """A date of the data as the instant the feed gives it: the start of that day in Beijing,
    where every date of the data is one (dates.PUBLISHER_TIME). Written as UTC midnight, a correction
    dated today and built after 16:00 UTC would be stamped hours after the build that publishes it.
    Dates are validated ISO dates by the core; escaped all the same, as every text here."""
    return xml_escape(f"{date[:10]}T00:00:00+08:00")


SAMPLE_ENTRY = ("示例：", "示例数据，不是正式公开的评价结果。")
"""What a feed entry of 示例数据 begins its title and summary with: a subscriber reads no listing's
「示例」 mark, and a fictitious programme's entry read as one published."""


def atom_entry(title: str, entry_id: str, link: str, date: str, summary: str, sample: bool = False) -> str:
    """One <entry> of the feed, for a document of any kind or a correction of one; every text escaped."""
    if sample:
        title, summary = SAMPLE_ENTRY[0] + title, SAMPLE_ENTRY[1] + summary
    return "\n".join([
        "  <entry>",
        f"    <title>{xml_escape(title)}</title>",
        f"    <id>{xml_escape(entry_id)}</id>",
        f'    <link href="{xml_escape(link)}"/>',
        f"    <updated>{stamp(date)}</updated>",
        f"    <summary>{xml_escape(summary)}</summary>",
        "  </entry>",
    ])


def feed_entry(rec: Record, site: SiteConfig, date: str) -> str:
    url = absolute(site.site_url, rec.url)
    summary = f"{rec.year}年度 {rec.department}；计算总分 {rec.total or '—'}，等级 {rec.grade or '—'}"
    return atom_entry(f"{rec.name}（{rec.year}年度）", url, url, date, summary, rec.sample)


def correction_entries(url: str, title: str, disclosure: dict, site: SiteConfig,  # type: ignore[type-arg]
                       sample: bool = False) -> tuple[tuple[str, str], ...]:
    """(date, feed entry) of each 更正记录 of a document (`disclosure` as its record publishes it):
    a subscriber learns of a corrected figure on the day it was corrected, with what and why,
    and the entry links to the page's 更正记录."""
    page = absolute(site.site_url, url)
    entries = []
    for number, c in enumerate(disclosure["corrections"], 1):
        date = c["date"] or EPOCH
        summary = f"{date} 更正：{c['what']}。更正原因：{c['why']}"
        if sample:  # 「更正：示例：…」: a correction first, as every correction's title begins
            summary = SAMPLE_ENTRY[1] + summary
        entries.append((date, atom_entry(f"更正：{SAMPLE_ENTRY[0] if sample else ''}{title}", f"{page}#ps-correction-{number}",
                                         f"{page}#ps-corrections", date, summary)))
    return tuple(entries)


def programme_parts(rec: Record, site: SiteConfig, spool: Spool | None = None, compared: Compared | None = None) -> Parts:
    """Everything /data/ and the feed publish of one programme's record (its pieces appended to
    `spool` if given, else kept in the record); `compared`: its comparison with its programme-year's
    绩效目标表 (tables.compared_cells), None without one. A 自评's part is made when it is read,
    uncompared, and made again where it is compared (the build's comparison step): the part of a
    自评 with a 目标表 depends on both files."""
    date = rec.published or site.data_date or EPOCH
    indicator_lines, indicator_sheet, indicator_count = indicators_encoded(rec, compared)
    budget_lines, budget_sheet, budget_count = budget_encoded(rec)
    encoded = [encode_rows(PROGRAMME_COLUMNS, [programme_row(rec, compared)], site.site_url), (indicator_lines, indicator_sheet),
               (budget_lines, budget_sheet)]
    pieces = [lines.encode("utf-8") for lines, _ in encoded] + [json_document(rec).encode("utf-8")] + [
        sheet.encode("utf-8") for _, sheet in encoded]
    sizes = tuple(len(piece) for piece in pieces)
    entry = feed_entry(rec, site, date)
    counts = (1, indicator_count, budget_count)
    corrected = correction_entries(rec.url, f"{rec.name}（{rec.year}年度）", rec.disclosure, site, rec.sample) \
        if rec.disclosure["corrections"] else ()
    if spool is None:
        return Parts(rec.year, rec.id, sizes, date, entry, counts, corrected, blob=b"".join(pieces))
    return Parts(rec.year, rec.id, sizes, date, entry, counts, corrected, spool=spool.path, offset=spool.add(pieces))


def compared_pieces(pieces: bytes, sizes: Sequence[int], compared: Compared, site_url: str) -> list[bytes]:
    """A 自评's pieces (`pieces`, joined, of `sizes`: its part as made when it was read, with no
    comparison) with its comparison with its 绩效目标表 (`compared`) written in: the programme
    row's 目标调低数 and each indicator row's COMPARED_COLUMNS, its table's last columns. The
    bytes programme_parts(rec, site, spool, compared) gives (tests/test_cyc26_opendata.py holds
    them to it); made from the pieces because the build compares after its load has dropped the
    record's exact budget cells (the programme row's money). On the seed's 2023 农村公路养护 (13
    indicators), on a loaded machine: 0.8 ms this way, 1.5 ms taking every cell back and encoding
    the rows anew, 7.8 ms reading the file again (programme_parts itself: 3.0 ms). A row's own
    CSV fields are taken back as written (inert text stays so: inert_cell leaves a cell beginning
    with its apostrophe) and the new ones added; its worksheet row gets the new cells after the
    empty ones encode_rows left out at its end (a cell opens with ``<c``, which escaped text never
    holds)."""
    at = [0]
    for size in sizes:
        at.append(at[-1] + size)
    made = [pieces[at[i]:at[i + 1]] for i in range(len(sizes))]
    for index, columns, tail in ((0, PROGRAMME_COLUMNS, [[cell_text(lowered_targets(compared))]]),
                                 (1, INDICATOR_COLUMNS, [list(cells) for cells in compared])):
        sheet = made[len(TABLES) + 1 + index].decode("utf-8")
        rows = list(csv.reader(io.StringIO(made[index].decode("utf-8"), newline="")))
        sheet_rows = sheet.split(SEP_TEXT) if sheet else []
        if not len(rows) == len(sheet_rows) == len(tail):
            raise ValueError(f"{len(rows)} CSV rows and {len(sheet_rows)} worksheet rows for {len(tail)} compared")
        width = len(columns) - len(tail[0]) if tail else 0
        plan = _plan_of(columns[width:])
        out = io.StringIO(newline="")
        write = csv.writer(out, lineterminator="\r\n").writerow
        done = []
        for fields, row, cells in zip(rows, sheet_rows, tail, strict=True):
            added, added_cells = _row_cells(plan, cells, site_url)
            write(fields[:width] + added)
            while added_cells and added_cells[-1] is EMPTY_CELL:
                added_cells.pop()
            body = row[len("<row>"):-len("</row>")]
            if added_cells:
                body += EMPTY_CELL * (width - body.count("<c")) + "".join(added_cells)
            done.append(f"<row>{body}</row>")
        made[index], made[len(TABLES) + 1 + index] = out.getvalue().encode("utf-8"), SEP_TEXT.join(done).encode("utf-8")
    return made


def compared_parts(part: Parts, pieces: bytes, compared: Compared, site_url: str, spool: Spool | None = None) -> Parts:
    """`part` (a 自评's, made when it was read; its pieces joined: `pieces`) made again with its
    comparison (compared_pieces), into `spool` if given, else kept in the part."""
    made = compared_pieces(pieces, part.sizes, compared, site_url)
    sizes = tuple(len(piece) for piece in made)
    fields = {"sizes": sizes, "blob": b"", "spool": "", "offset": 0, "sealed": b""}
    if spool is None:
        return dataclasses.replace(part, **fields | {"blob": b"".join(made)})
    return dataclasses.replace(part, **fields | {"spool": spool.path, "offset": spool.add(made)})
