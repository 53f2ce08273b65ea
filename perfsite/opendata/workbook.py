"""One Excel workbook with the three tables (and the 部门整体 sheet where the site has such documents), written as SpreadsheetML directly.

openpyxl keeps an object per cell and took about a minute for 10,000 programmes; the format
needed here (a few sheets of text and numbers, a frozen header) is a small amount of XML, so we
write it ourselves, streaming rows. Each table's sheet has one header row (the CSV's headers,
units included), an autofilter, column widths, number formats (perfsite.opendata.formats), typed
booleans and dates and a `<dimension>`; a last sheet, 字段说明, gives every column's field name,
type, unit and description. Entry times and document dates are fixed, so two builds of the
same data give the same bytes (the data date when known, else 2000-01-01, never the clock).

A sheet is deflated in *segments*, each by a compressor of its own ended byte-aligned (a sync
flush), so a segment's bytes depend on its rows alone and segments can be joined. Rows carry no
row number (perfsite.opendata.parts.encode_rows), so the same rows are the same segment wherever
they fall: a year's rows, deflated once, go into the site-wide workbook and the year's, and the
site-wide workbook takes the years a commit left alone as the segments an earlier build deflated
(perfsite.opendata.build keeps them in the build cache) instead of compressing every year again;
a build from nothing writes the same bytes, being made of the same segments. The zip around
them is written here too (zipfile deflates what it is given; it cannot take deflated bytes).
"""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import BinaryIO
from xml.sax.saxutils import escape

from perfsite.opendata.formats import HEADER_STYLE, NUMBER_FORMATS, STYLE, width_of
from perfsite.opendata.parts import column_letter, text_cell
from perfsite.opendata.tables import BOOLEAN_WORDS, Column
from perfsite.siteconfig import SiteConfig

SHEET_TITLE = {"programmes": "项目", "indicators": "绩效指标", "budget": "预算执行情况", "targets": "绩效目标",
               "reports": "绩效评价报告", "rectification": "整改措施", "application": "结果应用", "departments": "部门整体",
               "department_indicators": "部门整体指标"}
LABELS_TITLE = "字段说明"
TYPE_LABEL = {"integer": "整数", "number": "数值", "string": "文本", "boolean": "是/否", "date": "日期"}
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
    '<numFmts count="{count}">{formats}</numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="{xfs}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>{styles}</cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>'
).format(
    count=len(NUMBER_FORMATS),
    formats="".join(f'<numFmt numFmtId="{i}" formatCode="{escape(code, {chr(34): "&quot;"})}"/>'
                    for i, code in NUMBER_FORMATS),
    xfs=2 + len(NUMBER_FORMATS),
    styles="".join(f'<xf numFmtId="{i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
                   for i, _ in NUMBER_FORMATS),
)
assert [2 + n for n in range(len(NUMBER_FORMATS))] == sorted(STYLE.values()), "STYLE follows NUMBER_FORMATS"


@dataclass(frozen=True)
class Segment:
    """Rows of a sheet deflated on their own (ended by a sync flush, not final): `size` bytes
    before compression with CRC-32 `crc`, `rows` rows."""

    deflated: bytes
    crc: int
    size: int
    rows: int

    def packed(self) -> bytes:
        """The segment as one blob (what the build cache stores)."""
        return _SEGMENT_HEAD.pack(self.crc, self.size, self.rows) + self.deflated

    @classmethod
    def unpacked(cls, blob: bytes) -> Segment | None:
        """A segment from `packed` bytes (None when they cannot be one)."""
        if len(blob) < _SEGMENT_HEAD.size:
            return None
        crc, size, rows = _SEGMENT_HEAD.unpack_from(blob)
        return cls(blob[_SEGMENT_HEAD.size:], crc, size, rows)


_SEGMENT_HEAD = struct.Struct("<IQQ")


class WorkbookWriter:
    """An .xlsx written into `handle` sheet by sheet and row by row, so no sheet is ever held
    whole in memory; headers in row 1, frozen, filtered; the field sheet last."""

    def __init__(self, handle: BinaryIO, columns: Mapping[str, Sequence[Column]], site: SiteConfig,
                 large: bool = False) -> None:
        self.names = list(columns)
        self.columns = columns
        self.archive = ZipStream(handle, large)  # large: sheets may pass 4 GiB, zip64 sizes
        self.row = 2
        self.last = 1
        self.filter = ""
        self._segment: _Deflating | None = None
        for name, text in _fixed_parts(self.names, columns, site):
            self.archive.whole(name, text.encode("utf-8"))

    def begin(self, name: str, rows: int) -> None:
        """Start the sheet of table `name` (sheets in the order of `columns`), which will hold
        `rows` rows below its header (the dimension and autofilter are written first). The head
        is a segment of its own: the rows that follow start the next."""
        index = self.names.index(name) + 1
        self.archive.begin(f"xl/worksheets/sheet{index}.xml")
        self.archive.put(_deflated(_sheet_head(self.columns[name], rows).encode("utf-8")))
        self._segment = _Deflating()
        self.row = 2
        self.last = rows + 1
        self.filter = _filter(self.columns[name], rows)

    def add(self, rows: Sequence[bytes]) -> None:
        """Rows as perfsite.opendata.parts makes them (unnumbered: they follow the row before)."""
        self._open().add(b"".join(rows), len(rows))
        self.row += len(rows)

    def cut(self) -> Segment:
        """End the segment of the rows added since begin() or the last cut, and write it; returns
        it (another workbook, or a later build, may put() it back)."""
        segment = self._open().done()
        self.archive.put(segment)
        self._segment = _Deflating()
        return segment

    def put(self, segment: Segment) -> None:
        """Rows deflated before (a `cut`, of this workbook or another)."""
        self.cut()
        self.archive.put(segment)
        self.row += segment.rows

    def end(self) -> None:
        if self.row - 1 != self.last:
            raise ValueError(f"sheet has {self.row - 2} rows, {self.last - 1} announced")
        self.cut()
        self.archive.put(_deflated(f"</sheetData>{self.filter}</worksheet>".encode()))
        self.archive.end()
        self._segment = None

    def close(self) -> None:
        """Write the field sheet and finish the file."""
        self.archive.whole(f"xl/worksheets/sheet{len(self.names) + 1}.xml",
                           _labels_sheet(self.names, self.columns).encode("utf-8"))
        self.archive.close()

    def _open(self) -> _Deflating:
        if self._segment is None:
            raise ValueError("begin() a sheet first")
        return self._segment


class _Deflating:
    """A segment being deflated: its compressed pieces, CRC and sizes so far."""

    def __init__(self) -> None:
        self.compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
        self.pieces: list[bytes] = []
        self.crc = self.size = self.rows = 0

    def add(self, data: bytes, rows: int = 0) -> None:
        self.pieces.append(self.compressor.compress(data))
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        self.rows += rows

    def done(self) -> Segment:
        """The segment; no bytes when it has none, so an empty cut writes nothing wherever it falls."""
        if not self.size:
            return Segment(b"", 0, 0, self.rows)
        self.pieces.append(self.compressor.flush(zlib.Z_SYNC_FLUSH))
        return Segment(b"".join(self.pieces), self.crc, self.size, self.rows)


def _deflated(data: bytes) -> Segment:
    segment = _Deflating()
    segment.add(data)
    return segment.done()


_FINAL = b"\x03\x00"
"""An empty final deflate block (fixed Huffman, end of block): what ends a member of segments."""
_LIMIT = 0xFFFFFFFF
"""The largest size or offset a zip's 32-bit fields hold; zip64 records beyond."""
_DOS_TIME = ((ZIP_TIME[3] << 11) | (ZIP_TIME[4] << 5) | ZIP_TIME[5] // 2,
             ((ZIP_TIME[0] - 1980) << 9) | (ZIP_TIME[1] << 5) | ZIP_TIME[2])
"""ZIP_TIME as a zip entry stores it (time, date)."""


class ZipStream:
    """A zip of deflated members written to a seekable `handle`: each member's segments as they
    come, its local header patched with the CRC and sizes at its end; the central directory at
    close. With `large`, every local header has zip64 sizes (a member's size is known only once it
    is written); the central directory uses zip64 wherever a size, offset or count needs it."""

    def __init__(self, handle: BinaryIO, large: bool = False) -> None:
        self.handle = handle
        self.large = large
        self.start = handle.tell()
        self.members: list[tuple[bytes, int, int, int, int]] = []
        """name, offset, CRC, size, deflated size."""
        self.current: tuple[bytes, int] | None = None
        self.crc = self.size = self.deflated = 0

    def whole(self, name: str, data: bytes) -> None:
        """A member of `data`, deflated in one segment."""
        self.begin(name)
        self.put(_deflated(data))
        self.end()

    def begin(self, name: str) -> None:
        encoded = name.encode("ascii")
        self.current = (encoded, self.handle.tell() - self.start)
        self.crc = self.size = self.deflated = 0
        self.handle.write(self._local(encoded, 0, 0, 0))

    def put(self, segment: Segment) -> None:
        self.handle.write(segment.deflated)
        self.crc = crc32_combine(self.crc, segment.crc, segment.size)
        self.size += segment.size
        self.deflated += len(segment.deflated)

    def end(self) -> None:
        if self.current is None:
            raise ValueError("begin() a member first")
        self.handle.write(_FINAL)
        self.deflated += len(_FINAL)
        name, offset = self.current
        if not self.large and max(self.size, self.deflated) >= _LIMIT:
            raise ValueError(f"{name.decode()} 超过 4 GB：需要 zip64（large=True）")
        here = self.handle.tell()
        self.handle.seek(self.start + offset)
        self.handle.write(self._local(name, self.crc, self.size, self.deflated))
        self.handle.seek(here)
        self.members.append((name, offset, self.crc, self.size, self.deflated))
        self.current = None

    def _local(self, name: bytes, crc: int, size: int, deflated: int) -> bytes:
        if self.large:
            extra = struct.pack("<HHQQ", 1, 16, size, deflated)
            return _LOCAL.pack(b"PK\x03\x04", 45, 0, 8, *_DOS_TIME, crc, _LIMIT, _LIMIT, len(name), len(extra)) \
                + name + extra
        return _LOCAL.pack(b"PK\x03\x04", 20, 0, 8, *_DOS_TIME, crc, deflated, size, len(name), 0) + name

    def close(self) -> None:
        """Write the central directory and the end records."""
        directory = self.handle.tell() - self.start
        for name, offset, crc, size, deflated in self.members:
            wide = [value for value in (size, deflated, offset) if value >= _LIMIT]  # zip64's order
            extra = struct.pack(f"<HH{len(wide)}Q", 1, 8 * len(wide), *wide) if wide else b""
            version = 45 if wide or self.large else 20
            self.handle.write(_CENTRAL.pack(b"PK\x01\x02", version, version, 0, 8, *_DOS_TIME, crc,
                                            min(deflated, _LIMIT), min(size, _LIMIT), len(name), len(extra),
                                            0, 0, 0, 0, min(offset, _LIMIT)) + name + extra)
        length = self.handle.tell() - self.start - directory
        count = len(self.members)
        if directory >= _LIMIT or length >= _LIMIT or count >= 0xFFFF:
            record = self.handle.tell() - self.start
            self.handle.write(struct.pack("<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, length,
                                          directory))
            self.handle.write(struct.pack("<4sIQI", b"PK\x06\x07", 0, record, 1))
        self.handle.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, min(count, 0xFFFF), min(count, 0xFFFF),
                                      min(length, _LIMIT), min(directory, _LIMIT), 0))


_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_CENTRAL = struct.Struct("<4sHHHHHHIIIHHHHHII")


def crc32_combine(crc1: int, crc2: int, length2: int) -> int:
    """The CRC-32 of A + B from A's (`crc1`), B's (`crc2`) and B's length, as zlib's
    crc32_combine (Python's zlib does not offer it): A's CRC is carried through `length2` zero
    bytes by one GF(2) operator per set bit of the length (_zeros), then B's added."""
    bit = 0
    while length2:
        if length2 & 1:
            crc1 = _times(_zeros(bit), crc1)
        length2 >>= 1
        bit += 1
    return crc1 ^ crc2


@cache
def _zeros(bit: int) -> tuple[int, ...]:
    """The operator (32 columns over GF(2)) advancing a CRC-32 register over 2**bit zero bytes."""
    if bit > 0:
        return _square(_zeros(bit - 1))
    operator = (0xEDB88320, *(1 << n for n in range(31)))  # one zero bit
    for _ in range(3):  # 2, 4, 8 bits
        operator = _square(operator)
    return operator


def _square(operator: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(_times(operator, column) for column in operator)


def _times(operator: tuple[int, ...], vector: int) -> int:
    total, n = 0, 0
    while vector:
        if vector & 1:
            total ^= operator[n]
        vector >>= 1
        n += 1
    return total


def _fixed_parts(names: list[str], columns: Mapping[str, Sequence[Column]], site: SiteConfig) -> list[tuple[str, str]]:
    """The workbook's members other than its sheets, in the order they are stored."""
    return [
        ("[Content_Types].xml", _CONTENT_TYPES.format(sheets="".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(names) + 2)))),
        ("_rels/.rels", _ROOT_RELS),
        ("docProps/core.xml", _core(site)),
        ("docProps/app.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
         '<Application>perfsite</Application></Properties>'),
        ("xl/workbook.xml", _workbook(names, columns)),
        ("xl/_rels/workbook.xml.rels", _workbook_rels(len(names) + 1)),
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


def _workbook(names: list[str], columns: Mapping[str, Sequence[Column]]) -> str:
    titles = [SHEET_TITLE[n] for n in names] + [LABELS_TITLE]
    sheets = "".join(f'<sheet name="{escape(title)}" sheetId="{i}" r:id="rId{i}"/>'
                     for i, title in enumerate(titles, start=1))
    # the autofilter of each table sheet is named as Excel names the ones it makes
    defined = "".join(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
                      f"{escape(_quoted(SHEET_TITLE[n]))}!$A$1:${column_letter(len(columns[n]) - 1)}$1</definedName>"
                      for i, n in enumerate(names))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f"<sheets>{sheets}</sheets><definedNames>{defined}</definedNames></workbook>")


def _workbook_rels(count: int) -> str:
    rels = "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   f'relationships/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, count + 1))
    rels += (f'<Relationship Id="rId{count + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             'relationships/styles" Target="styles.xml"/>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')


def _sheet_head(cols: Sequence[Column], rows: int) -> str:
    """The sheet up to its first data row: dimension, frozen header, widths, the header row."""
    last = column_letter(len(cols) - 1)
    widths = "".join(f'<col min="{i}" max="{i}" width="{width_of(c)}" customWidth="1"/>'
                     for i, c in enumerate(cols, start=1))
    header = "".join(text_cell(f"{column_letter(i)}1", c.header, f' s="{HEADER_STYLE}"') for i, c in enumerate(cols))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<dimension ref="A1:{last}{rows + 1}"/>'
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
            f'state="frozen"/></sheetView></sheetViews><cols>{widths}</cols><sheetData><row r="1">{header}</row>')


def _filter(cols: Sequence[Column], rows: int) -> str:
    return f'<autoFilter ref="A1:{column_letter(len(cols) - 1)}{rows + 1}"/>'


def _quoted(title: str) -> str:
    """A sheet name as a formula refers to it."""
    return "'" + title.replace("'", "''") + "'"


LABEL_HEADER = ("工作表", "列名", "字段名", "类型", "单位", "说明")


def _shown_description(column: Column) -> str:
    """A column's description as the workbook shows its values: a boolean's 「true 表示…」 says 「是：…」,
    as its cells read 是/否 (perfsite.opendata.tables.BOOLEAN_WORDS), not the CSV's true/false."""
    if column.type != "boolean":
        return column.description
    for code, word in BOOLEAN_WORDS.items():
        if column.description.startswith(f"{code} 表示"):
            return f"{word}：" + column.description.removeprefix(f"{code} 表示")
    return column.description


def _labels_sheet(names: list[str], columns: Mapping[str, Sequence[Column]]) -> str:
    """字段说明: one row per column of every table sheet (the data dictionary of the 数据下载 page)."""
    lines = [[SHEET_TITLE[n], c.header, c.name, TYPE_LABEL.get(c.type, c.type), c.unit, _shown_description(c)]
             for n in names for c in columns[n]]
    rows = [LABEL_HEADER, *lines]
    body = "".join(f'<row r="{r}">' + "".join(text_cell(f"{column_letter(i)}{r}", text, f' s="{HEADER_STYLE}"' if r == 1 else "")
                                             for i, text in enumerate(cells) if text) + "</row>"
                   for r, cells in enumerate(rows, start=1))
    widths = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
                     for i, w in enumerate((14, 24, 18, 8, 8, 60), start=1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<dimension ref="A1:F{len(rows)}"/>'
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
            f'state="frozen"/></sheetView></sheetViews><cols>{widths}</cols><sheetData>{body}</sheetData>'
            f'<autoFilter ref="A1:F{len(rows)}"/></worksheet>')


def _date(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text) if text else FIXED_TIME
    except ValueError:
        return FIXED_TIME
