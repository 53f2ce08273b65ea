"""One Excel workbook with the three tables, written as SpreadsheetML directly.

openpyxl keeps an object per cell and took about a minute for 10,000 programmes; the format
needed here (a few sheets of text and numbers, a frozen header) is a small amount of XML, so we
write it ourselves, streaming rows. Entry times and document dates are fixed, so two builds of the
same data give the same bytes (the data date when known, else 2000-01-01, never the clock).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Mapping, Sequence
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from perfsite.opendata.parts import ROW_BYTES, column_letter, text_cell
from perfsite.opendata.tables import Column
from perfsite.siteconfig import SiteConfig

SHEET_TITLE = {"programmes": "项目", "indicators": "绩效指标", "budget": "预算执行情况"}
FIXED_TIME = dt.datetime(2000, 1, 1)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
LEVEL = 3

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '{sheets}'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    '</Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    '</Relationships>'
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>'
)


class WorkbookWriter:
    """An .xlsx written into `handle` sheet by sheet and row by row, so no sheet is ever held
    whole in memory; Chinese titles in row 1, field names in row 2, frozen below."""

    def __init__(self, handle: BinaryIO, columns: Mapping[str, Sequence[Column]], site: SiteConfig,
                 large: bool = False) -> None:
        self.names = list(columns)
        self.columns = columns
        self.large = large  # sheets may pass 2 GiB: zip64 sizes
        self.archive = zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED)
        self.member: Any = None
        self.row = 3
        for name, text in _fixed_parts(self.names, site):
            self.archive.writestr(_info(name), text.encode("utf-8"))

    def begin(self, name: str) -> None:
        """Start the sheet of table `name` (sheets in the order of `columns`)."""
        index = self.names.index(name) + 1
        self.member = self.archive.open(_info(f"xl/worksheets/sheet{index}.xml"), "w", force_zip64=self.large)
        self.member.write(_sheet_head(self.columns[name]).encode("utf-8"))
        self.row = 3

    def add(self, rows: Sequence[bytes]) -> None:
        """Rows as perfsite.opendata.parts makes them (their number written as ROW)."""
        out = []
        for row in rows:
            out.append(row.replace(ROW_BYTES, b"%d" % self.row))
            self.row += 1
        self.member.write(b"".join(out))

    def end(self) -> None:
        self.member.write(b"</sheetData></worksheet>")
        self.member.close()

    def close(self) -> None:
        self.archive.close()


def _info(name: str) -> zipfile.ZipInfo:
    """A member with the fixed time and deflate level 3 (level 6, the default, took 2.5 times as
    long at 10,000 programmes for files a sixth smaller)."""
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    setattr(info, _LEVEL_FIELD, LEVEL)
    return info


_LEVEL_FIELD = "compress_level" if hasattr(zipfile.ZipInfo, "compress_level") else "_compresslevel"
"""ZipInfo's per-member level: public since Python 3.13, private before."""


def _fixed_parts(names: list[str], site: SiteConfig) -> list[tuple[str, str]]:
    """The workbook's members other than its sheets, in the order they are stored."""
    return [
        ("[Content_Types].xml", _CONTENT_TYPES.format(sheets="".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(names) + 1)))),
        ("_rels/.rels", _ROOT_RELS),
        ("docProps/core.xml", _core(site)),
        ("docProps/app.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
         '<Application>perfsite</Application></Properties>'),
        ("xl/workbook.xml", _workbook(names)),
        ("xl/_rels/workbook.xml.rels", _workbook_rels(len(names))),
        ("xl/styles.xml", _STYLES),
    ]


def _core(site: SiteConfig) -> str:
    when = _date(site.data_date).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(site.title)}</dc:title><dc:creator>{escape(site.publisher or 'perfsite')}</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def _workbook(names: list[str]) -> str:
    sheets = "".join(f'<sheet name="{escape(SHEET_TITLE[n])}" sheetId="{i}" r:id="rId{i}"/>'
                     for i, n in enumerate(names, start=1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f"<sheets>{sheets}</sheets></workbook>")


def _workbook_rels(count: int) -> str:
    rels = "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   f'relationships/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, count + 1))
    rels += (f'<Relationship Id="rId{count + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             'relationships/styles" Target="styles.xml"/>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')


def _sheet_head(cols: Sequence[Column]) -> str:
    letters = [column_letter(i) for i in range(len(cols))]
    head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" '
            'state="frozen"/></sheetView></sheetViews><sheetData>')
    for number, header in ((1, [c.title for c in cols]), (2, [c.name for c in cols])):
        head += f'<row r="{number}">' + "".join(text_cell(f"{letter}{number}", text, ' s="1"')
                                              for letter, text in zip(letters, header, strict=True)) + "</row>"
    return head


def _date(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text) if text else FIXED_TIME
    except ValueError:
        return FIXED_TIME
