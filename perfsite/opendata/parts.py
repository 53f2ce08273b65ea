"""One programme's share of every /data/ file, made where the programme is scored.

The site-wide and per-year files are these shares concatenated in (year, id) order: a CSV is a
header plus the rows of each programme, `programmes.json` a list of per-programme documents, a
worksheet the rows of each programme numbered in turn, the feed the newest entries. Workers that
score a share of the files make the parts there, and the parent only concatenates and compresses,
so no process ever needs every scored programme in memory (at 100,000 programmes it could not).
"""

from __future__ import annotations

import csv
import io
import json
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

from perfsite.decimals import fmt2
from perfsite.opendata.tables import (
    BUDGET_COLUMNS,
    INDICATOR_COLUMNS,
    PROGRAMME_COLUMNS,
    Column,
    budget_rows,
    indicator_rows,
    programme_row,
)
from perfsite.report import score_json
from perfsite.scoring import ScoredProgramme
from perfsite.siteconfig import SiteConfig

TABLES = ("programmes", "indicators", "budget")
COLUMNS_OF: dict[str, Sequence[Column]] = {
    "programmes": PROGRAMME_COLUMNS, "indicators": INDICATOR_COLUMNS, "budget": BUDGET_COLUMNS,
}
ROW = "\x00"
"""Stands for the worksheet row number in a part's rows (control characters never reach data)."""
ROW_BYTES = ROW.encode("ascii")
EPOCH = "2000-01-01"
"""The feed date of a programme with no `published` date when site.yaml gives no data date."""
FORMULA_START = ("=", "+", "@", "\t", "\r")
NUMERIC = {"number", "integer"}


SEP = b"\x01"
"""Separates the pieces packed in one compressed field (control characters never reach data)."""


@dataclass(frozen=True)
class Parts:
    """A programme's rows of each table as CSV and as worksheet XML, its JSON document and its
    feed entry, with the keys the files are ordered by.

    The CSV, JSON and XML are UTF-8, joined by SEP and, for big sites, deflated (level 1, about a
    seventh of the size): the parent holds every programme's parts until /data/ is written (2.3 GB
    unpacked at 100,000 programmes); deflating costs a fifth of the time a part takes to make,
    so small sites skip it.
    """

    year: int
    id: str
    text: bytes
    """The CSV lines (CRLF-terminated) of the programmes, indicators and budget tables, then the
    JSON document, packed."""
    sheets: tuple[bytes, ...]
    """Per table, its worksheet rows (number written as ROW), packed."""
    feed_date: str
    feed_entry: str
    packed: bool = False
    """Whether `text` and `sheets` are deflated."""

    def csv_and_json(self) -> list[bytes]:
        """[programmes CSV, indicators CSV, budget CSV, JSON document]."""
        return self._open(self.text).split(SEP)

    def sheet_rows(self, index: int) -> list[bytes]:
        """The worksheet rows of table `index` (in TABLES order)."""
        joined = self._open(self.sheets[index])
        return joined.split(SEP) if joined else []

    def _open(self, field: bytes) -> bytes:
        return zlib.decompress(field) if self.packed else field


def inert_cell(text: str) -> str:
    """A text cell Excel would run as a formula (=HYPERLINK(…)) gets a leading ' (OWASP CSV injection)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_lines(columns: Sequence[Column], rows: Iterable[dict[str, str]]) -> str:
    """Rows as CSV (CRLF as RFC 4180 says); text cells made inert for spreadsheets, numbers untouched."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([inert_cell(row.get(c.name, "")) if c.type == "string" else row.get(c.name, "")
                         for c in columns])
    return out.getvalue()


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
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f'<c r="{ref}" t="inlineStr"{style}><is><t{space}>{_escape(text)}</t></is></c>'


def sheet_rows(columns: Sequence[Column], rows: Iterable[dict[str, str]]) -> tuple[str, ...]:
    """Worksheet rows with ROW for their number; empty cells left out, numbers written from their exact text."""
    plan = _cell_plan(tuple(columns))
    out = []
    for row in rows:
        cells = []
        for name, numeric, ref in plan:
            value = row.get(name, "")
            if not value:
                continue
            if numeric:
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                cells.append(text_cell(ref, value))
        out.append(f'<row r="{ROW}">{"".join(cells)}</row>')
    return tuple(out)


@cache
def _cell_plan(columns: tuple[Column, ...]) -> tuple[tuple[str, bool, str], ...]:
    """(field, numeric?, cell reference with ROW) per column, made once per table."""
    return tuple((c.name, c.type in NUMERIC, f"{column_letter(i)}{ROW}") for i, c in enumerate(columns))


def json_document(sp: ScoredProgramme) -> str:
    """The programme in programmes.json: `perfsite score --format json` without file names, plus its URL.

    Compact, so the C encoder runs (indent forces the pure-Python one: minutes at 100,000).
    """
    item = score_json(sp) | {"url": sp.programme.url}
    item.pop("file", None)
    for key in ("errors", "discrepancies", "warnings", "notes"):
        for problem in item[key]:  # type: ignore[attr-defined]
            problem.pop("file", None)
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
    """Dates are validated ISO dates by the core; escaped all the same, as every text here."""
    return xml_escape(f"{date[:10]}T00:00:00Z")


def feed_entry(sp: ScoredProgramme, site: SiteConfig, date: str) -> str:
    p = sp.programme
    url = absolute(site.site_url, p.url)
    summary = f"{p.year}年度 {p.department}；计算总分 {fmt2(sp.total) or '—'}，等级 {sp.grade or '—'}"
    return "\n".join([
        "  <entry>",
        f"    <title>{xml_escape(p.name)}（{p.year}年度）</title>",
        f"    <id>{xml_escape(url)}</id>",
        f'    <link href="{xml_escape(url)}"/>',
        f"    <updated>{stamp(date)}</updated>",
        f"    <summary>{xml_escape(summary)}</summary>",
        "  </entry>",
    ])


def programme_parts(sp: ScoredProgramme, site: SiteConfig, pack: bool = False) -> Parts:
    """Everything /data/ and the feed publish of one scored programme."""
    tables = {"programmes": [programme_row(sp)], "indicators": indicator_rows(sp), "budget": budget_rows(sp)}
    date = sp.programme.published or site.data_date or EPOCH
    text = [csv_lines(COLUMNS_OF[name], tables[name]) for name in TABLES] + [json_document(sp)]
    return Parts(
        year=sp.programme.year, id=sp.programme.id,
        text=_join((t.encode("utf-8") for t in text), pack),
        sheets=tuple(_join((row.encode("utf-8") for row in sheet_rows(COLUMNS_OF[name], tables[name])), pack)
                     for name in TABLES),
        feed_date=date, feed_entry=feed_entry(sp, site, date), packed=pack,
    )


def _join(pieces: Iterable[bytes], pack: bool) -> bytes:
    joined = SEP.join(pieces)
    return zlib.compress(joined, 1) if pack else joined
