"""Assemble the /data/ downloads: CSV (UTF-8 with BOM for Excel), JSON, one workbook, per year too.

Every file is built from the programmes' `Parts` (perfsite.opendata.parts), so the site build can
make the parts in the workers that scored the programmes and assemble here from them alone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from perfsite.dataset import Dataset
from perfsite.opendata.datapackage import descriptor
from perfsite.opendata.feed import atom_feed
from perfsite.opendata.parts import COLUMNS_OF, TABLES, Parts, inert_cell, programme_parts
from perfsite.opendata.workbook import workbook_bytes
from perfsite.siteconfig import SiteConfig

__all__ = ["COLUMNS_OF", "TABLES", "assemble", "inert_cell", "open_data_files"]


def csv_file(table: str, parts: Sequence[Parts]) -> bytes:
    """A table as CSV with a BOM, so Excel on Chinese Windows opens it as UTF-8."""
    index = TABLES.index(table)
    header = ",".join(c.name for c in COLUMNS_OF[table]) + "\r\n"
    return ("\ufeff" + header + "".join(p.csv[index] for p in parts)).encode("utf-8")


def json_file(parts: Sequence[Parts], site: SiteConfig) -> bytes:
    """programmes.json: the site's title, data date and licence, then every programme's document."""
    head = json.dumps({"title": site.title, "data_date": site.data_date or None, "licence": site.licence or None},
                      ensure_ascii=False, separators=(",", ":"))
    return (head[:-1] + ',"programmes":[' + ",".join(p.json for p in parts) + "]}").encode("utf-8")


def bundle(prefix: str, parts: Sequence[Parts], site: SiteConfig) -> dict[str, bytes]:
    """The three CSVs, programmes.json and the workbook of `parts` (already in (year, id) order)."""
    files = {f"{prefix}{name}.csv": csv_file(name, parts) for name in TABLES}
    files[f"{prefix}programmes.json"] = json_file(parts, site)
    files[f"{prefix}perfsite.xlsx"] = workbook_bytes(
        {name: [row for p in parts for row in p.sheets[i]] for i, name in enumerate(TABLES)}, COLUMNS_OF, site)
    return files


def assemble(parts: Sequence[Parts], site: SiteConfig) -> dict[str, bytes]:
    """Every file under /data/ plus the feed, keyed by its path in the site: site-wide, then per year."""
    ordered = sorted(parts, key=lambda p: (p.year, p.id))
    files = bundle("data/", ordered, site)
    for year in sorted({p.year for p in ordered}):
        files.update(bundle(f"data/{year}/", [p for p in ordered if p.year == year], site))
    files["data/datapackage.json"] = json.dumps(descriptor(site), ensure_ascii=False, indent=1).encode("utf-8")
    files["feed.xml"] = atom_feed(ordered, site)
    return files


def open_data_files(data: Dataset) -> dict[str, bytes]:
    """Every file under /data/ plus the feed, from a loaded dataset."""
    return assemble([programme_parts(sp, data.site) for sp in data.programmes], data.site)
