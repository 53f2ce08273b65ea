"""One Excel workbook with the three tables; metadata dates fixed so builds stay byte-identical."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping, Sequence

from openpyxl import Workbook

from perfsite.opendata.tables import Column
from perfsite.siteconfig import SiteConfig

SHEET_TITLE = {"programmes": "项目", "indicators": "绩效指标", "budget": "预算执行情况"}
FIXED_TIME = dt.datetime(2000, 1, 1)
"""Workbook created/modified dates: the data date when known, else this fixed day (never the clock)."""
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)([^<]*)(</dcterms:)")


def workbook_bytes(rows: Mapping[str, list[dict[str, str]]], columns: Mapping[str, Sequence[Column]],
                   site: SiteConfig) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, table in rows.items():
        sheet = book.create_sheet(SHEET_TITLE[name])
        cols = columns[name]
        sheet.append([c.title for c in cols])
        sheet.append([c.name for c in cols])
        for row in table:
            sheet.append([_cell(row.get(c.name, ""), c) for c in cols])
        sheet.freeze_panes = "A3"
    when = _date(site.data_date)
    book.properties.created = when
    book.properties.modified = when
    book.properties.creator = site.publisher or "perfsite"
    book.properties.title = site.title
    raw = io.BytesIO()
    book.save(raw)
    return _normalise_zip(raw.getvalue(), when)


def _cell(text: str, column: Column) -> object:
    """Numbers as numbers so Excel can sum them; written from text (openpyxl stores the digits)."""
    if text == "" or column.type not in {"number", "integer"}:
        return text
    return int(text) if column.type == "integer" else _number(text)


def _number(text: str) -> object:
    from decimal import Decimal

    return Decimal(text)


def _date(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text) if text else FIXED_TIME
    except ValueError:
        return FIXED_TIME


def _normalise_zip(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite the .xlsx zip with fixed entry times and document dates, so builds give the same bytes.

    openpyxl stamps `modified` with the clock on save, whatever the properties say.
    """
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _DATES.sub(lambda m: m.group(1) + stamp + m.group(3), content)
            target.writestr(fixed, content)
    return out.getvalue()
