"""Assemble the /data/ downloads: CSV (UTF-8 with BOM for Excel), JSON, one workbook, per year too."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence

from perfsite.dataset import Dataset
from perfsite.opendata.datapackage import descriptor
from perfsite.opendata.feed import atom_feed
from perfsite.opendata.tables import (
    BUDGET_COLUMNS,
    INDICATOR_COLUMNS,
    PROGRAMME_COLUMNS,
    Column,
    budget_rows,
    indicator_rows,
    programme_row,
)
from perfsite.opendata.workbook import workbook_bytes
from perfsite.report import score_json
from perfsite.scoring import ScoredProgramme

TABLES = ("programmes", "indicators", "budget")
COLUMNS_OF: dict[str, Sequence[Column]] = {
    "programmes": PROGRAMME_COLUMNS, "indicators": INDICATOR_COLUMNS, "budget": BUDGET_COLUMNS,
}


FORMULA_START = ("=", "+", "@", "\t", "\r")


def inert_cell(text: str) -> str:
    """A text cell Excel would run as a formula (=HYPERLINK(…)) gets a leading ' (OWASP CSV injection)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_bytes(columns: Sequence[Column], rows: Iterable[dict[str, str]]) -> bytes:
    """CSV with a BOM, so Excel on Chinese Windows opens it as UTF-8; CRLF as RFC 4180 says.

    Text cells are made inert for spreadsheets; numbers are never touched.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([inert_cell(row.get(c.name, "")) if c.type == "string" else row.get(c.name, "")
                         for c in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def table_rows(programmes: Sequence[ScoredProgramme]) -> dict[str, list[dict[str, str]]]:
    ordered = sorted(programmes, key=lambda sp: (sp.programme.year, sp.programme.id))
    return {
        "programmes": [programme_row(sp) for sp in ordered],
        "indicators": [r for sp in ordered for r in indicator_rows(sp)],
        "budget": [r for sp in ordered for r in budget_rows(sp)],
    }


def _bundle(prefix: str, programmes: Sequence[ScoredProgramme], data: Dataset) -> dict[str, bytes]:
    rows = table_rows(programmes)
    files = {f"{prefix}{name}.csv": csv_bytes(COLUMNS_OF[name], rows[name]) for name in TABLES}
    ordered = sorted(programmes, key=lambda sp: (sp.programme.year, sp.programme.id))
    payload = {"title": data.site.title, "data_date": data.site.data_date or None,
               "licence": data.site.licence or None,
               "programmes": [score_json(sp) | {"url": sp.programme.url} for sp in ordered]}
    for item in payload["programmes"]:
        item.pop("file", None)
        for key in ("errors", "discrepancies", "warnings", "notes"):
            for problem in item[key]:
                problem.pop("file", None)
    # compact: the C encoder (indent forces the pure-Python one, minutes at 100,000 programmes)
    files[f"{prefix}programmes.json"] = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    files[f"{prefix}perfsite.xlsx"] = workbook_bytes(rows, COLUMNS_OF, data.site)
    return files


def open_data_files(data: Dataset) -> dict[str, bytes]:
    """Every file under /data/ plus the feed, keyed by its path in the site."""
    files = _bundle("data/", data.programmes, data)
    by_year: dict[int, list[ScoredProgramme]] = defaultdict(list)
    for sp in data.programmes:
        by_year[sp.programme.year].append(sp)
    for year, group in sorted(by_year.items()):
        files.update(_bundle(f"data/{year}/", group, data))
    files["data/datapackage.json"] = json.dumps(descriptor(data.site), ensure_ascii=False, indent=1).encode("utf-8")
    files["feed.xml"] = atom_feed(data)
    return files
