"""One Excel workbook with the three tables, written as SpreadsheetML directly.

openpyxl keeps an object per cell and took about a minute for 10,000 programmes; the format
needed here (a few sheets of text and numbers, a frozen header) is a small amount of XML, so we
write it ourselves, streaming rows. Each table's sheet has one header row (the CSV's headers,
units included), an autofilter, column widths, number formats (perfsite.opendata.formats), typed
booleans and dates and a `<dimension>`; a last sheet, 字段说明, gives every column's field name,
type, unit and description. Entry times and document dates are fixed, so two builds of the
same data give the same bytes (the data date when known, else 2000-01-01, never the clock).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Mapping, Sequence
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from perfsite.opendata.formats import HEADER_STYLE, NUMBER_FORMATS, STYLE, width_of
from perfsite.opendata.parts import ROW_BYTES, column_letter, text_cell
from perfsite.opendata.tables import Column
from perfsite.siteconfig import SiteConfig

SHEET_TITLE = {"programmes": "项目", "indicators": "绩效指标", "budget": "预算执行情况", "targets": "绩效目标",
               "reports": "绩效评价报告", "rectification": "整改措施", "application": "结果应用", "departments": "部门整体"}
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


class WorkbookWriter:
    """An .xlsx written into `handle` sheet by sheet and row by row, so no sheet is ever held
    whole in memory; headers in row 1, frozen, filtered; the field sheet last."""

    def __init__(self, handle: BinaryIO, columns: Mapping[str, Sequence[Column]], site: SiteConfig,
                 large: bool = False) -> None:
        self.names = list(columns)
        self.columns = columns
        self.large = large  # sheets may pass 2 GiB: zip64 sizes
        self.archive = zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED)
        self.member: Any = None
        self.row = 2
        self.last = 1
        self.filter = ""
        for name, text in _fixed_parts(self.names, columns, site):
            self.archive.writestr(_info(name), text.encode("utf-8"))

    def begin(self, name: str, rows: int) -> None:
        """Start the sheet of table `name` (sheets in the order of `columns`), which will hold
        `rows` rows below its header (the dimension and autofilter are written first)."""
        index = self.names.index(name) + 1
        self.member = self.archive.open(_info(f"xl/worksheets/sheet{index}.xml"), "w", force_zip64=self.large)
        self.member.write(_sheet_head(self.columns[name], rows).encode("utf-8"))
        self.row = 2
        self.last = rows + 1
        self.filter = _filter(self.columns[name], rows)

    def add(self, rows: Sequence[bytes]) -> None:
        """Rows as perfsite.opendata.parts makes them (their number written as ROW)."""
        out = []
        for row in rows:
            out.append(row.replace(ROW_BYTES, b"%d" % self.row))
            self.row += 1
        self.member.write(b"".join(out))

    def end(self) -> None:
        if self.row - 1 != self.last:
            raise ValueError(f"sheet has {self.row - 2} rows, {self.last - 1} announced")
        self.member.write(f"</sheetData>{self.filter}</worksheet>".encode())
        self.member.close()

    def close(self) -> None:
        """Write the field sheet and finish the file."""
        self.archive.writestr(_info(f"xl/worksheets/sheet{len(self.names) + 1}.xml"),
                              _labels_sheet(self.names, self.columns).encode("utf-8"))
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


def _labels_sheet(names: list[str], columns: Mapping[str, Sequence[Column]]) -> str:
    """字段说明: one row per column of every table sheet (the data dictionary of the 数据下载 page)."""
    lines = [[SHEET_TITLE[n], c.header, c.name, TYPE_LABEL.get(c.type, c.type), c.unit, c.description]
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
