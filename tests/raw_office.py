"""Build .xlsx and .docx packages from XML written by hand, as Excel, WPS and Word save them.

openpyxl and python-docx cannot write what the red-team cases need (phonetic runs, a struck run
inside a shared string, a veryHidden sheet, an error cached in a formula cell, mc:AlternateContent,
rows inside a content control, an embedded workbook): each part here is the XML those programs
write, cut to what the case needs.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


@dataclass
class Sheet:
    name: str
    data: str
    """The <sheetData> children: <row> elements."""
    state: str = "visible"
    after: str = ""
    """What follows <sheetData> (mergeCells, conditionalFormatting)."""
    before: str = ""
    """What precedes <sheetData> (dimension, cols)."""


@dataclass
class Book:
    sheets: list[Sheet]
    strings: list[str] = field(default_factory=list)
    """Each shared string as the inside of its <si>: ``<t>文字</t>`` or runs."""
    fonts: list[str] = field(default_factory=lambda: ["<font><sz val=\"11\"/><name val=\"宋体\"/></font>"])
    formats: dict[int, str] = field(default_factory=dict)
    """Custom number formats by id (164 and up)."""
    xfs: list[tuple[int, ...]] = field(default_factory=lambda: [(0, 0)])
    """Cell styles as (numFmtId, fontId) or (numFmtId, fontId, fillId): index = the s attribute."""
    fills: list[str] = field(default_factory=list)
    """Fills after the two every workbook starts with (none, gray125): fillId 2 is the first."""
    date1904: bool = False
    print_areas: dict[int, str] = field(default_factory=dict)
    dxfs: list[str] = field(default_factory=list)
    """Differential styles (``<dxf>``) the sheets' conditional formats apply, by dxfId."""
    """Sheet index → its print area as Excel writes it (``'自评表'!$A$1:$E$5``)."""


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def write_xlsx(path: Path, book: Book) -> Path:
    """An .xlsx of the book's sheets, in tab order, with its shared strings and styles."""
    parts: dict[str, str] = {}
    overrides = ['<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                 'spreadsheetml.sheet.main+xml"/>',
                 '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                 'spreadsheetml.styles+xml"/>']
    rels, entries = [], []
    for n, sheet in enumerate(book.sheets, 1):
        parts[f"xl/worksheets/sheet{n}.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                                                f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}">{sheet.before}'
                                                f'<sheetData>{sheet.data}</sheetData>{sheet.after}</worksheet>')
        overrides.append(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
                         'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
        rels.append(f'<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>')
        state = "" if sheet.state == "visible" else f' state="{sheet.state}"'
        entries.append(f'<sheet name="{_esc(sheet.name)}" sheetId="{n}"{state} r:id="rId{n}"/>')
    n = len(book.sheets)
    rels.append(f'<Relationship Id="rId{n + 1}" Type="{REL}/styles" Target="styles.xml"/>')
    if book.strings:
        rels.append(f'<Relationship Id="rId{n + 2}" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>')
        overrides.append('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                         'officedocument.spreadsheetml.sharedStrings+xml"/>')
        parts["xl/sharedStrings.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{MAIN}" '
                                         f'count="{len(book.strings)}" uniqueCount="{len(book.strings)}">'
                                         + "".join(f"<si>{s}</si>" for s in book.strings) + "</sst>")
    pr = '<workbookPr date1904="1"/>' if book.date1904 else "<workbookPr/>"
    names = ("<definedNames>" + "".join(f'<definedName name="_xlnm.Print_Area" localSheetId="{i}">{_esc(a)}</definedName>'
                                        for i, a in book.print_areas.items()) + "</definedNames>") if book.print_areas else ""
    parts["xl/workbook.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{MAIN}" '
                                f'xmlns:r="{REL}">{pr}<sheets>{"".join(entries)}</sheets>{names}</workbook>')
    parts["xl/_rels/workbook.xml.rels"] = f'<Relationships xmlns="{PKG_REL}">{"".join(rels)}</Relationships>'
    formats = "".join(f'<numFmt numFmtId="{i}" formatCode="{_esc(code)}"/>' for i, code in book.formats.items())
    parts["xl/styles.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{MAIN}">'
        f'<numFmts count="{len(book.formats)}">{formats}</numFmts>'
        f'<fonts count="{len(book.fonts)}">{"".join(book.fonts)}</fonts>'
        f'<fills count="{2 + len(book.fills)}"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill>' + "".join(book.fills) + '</fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{len(book.xfs)}">'
        + "".join(f'<xf numFmtId="{xf[0]}" fontId="{xf[1]}" fillId="{xf[2] if len(xf) > 2 else 0}" borderId="0" '
                  'xfId="0" applyNumberFormat="1"/>' for xf in book.xfs)
        + '</cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>'
        + (f'<dxfs count="{len(book.dxfs)}">{"".join(book.dxfs)}</dxfs>' if book.dxfs else "") + "</styleSheet>")
    parts["[Content_Types].xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="{CT}">'
                                    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                                    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                                    + "".join(overrides) + "</Types>")
    parts["_rels/.rels"] = (f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="{OFFICE_DOC}" '
                            'Target="xl/workbook.xml"/></Relationships>')
    _zip(path, parts)
    return path


def _zip(path: Path, parts: dict[str, str | bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        first = "[Content_Types].xml"
        for name in [first, *(n for n in parts if n != first)]:
            data = parts[name]
            out.writestr(name, data.encode() if isinstance(data, str) else data)


def row(r: int, *cells: str, attrs: str = "") -> str:
    return f'<row r="{r}"{attrs}>{"".join(cells)}</row>'


def text_cell(ref: str, text: str, style: int = 0) -> str:
    s = f' s="{style}"' if style else ""
    return f'<c r="{ref}" t="inlineStr"{s}><is><t>{_esc(text)}</t></is></c>'


def num(ref: str, value: object, style: int = 0) -> str:
    s = f' s="{style}"' if style else ""
    return f'<c r="{ref}"{s}><v>{value}</v></c>'


def shared(ref: str, index: int, style: int = 0) -> str:
    s = f' s="{style}"' if style else ""
    return f'<c r="{ref}" t="s"{s}><v>{index}</v></c>'


FORM_HEAD = ["三级指标", "分值", "年度指标值", "实际完成值", "得分"]
FORM_ROWS = [("培训人次", 40, "≥100人", "120人", 40), ("结业率", 30, "≥90%", "95%", 30), ("满意度", 30, "≥90%", "92%", 30)]


def form_rows(title: str = "示例项目2023年度绩效自评表", start: int = 1, rows=FORM_ROWS) -> str:  # type: ignore[no-untyped-def]
    """A small 自评表 as sheet rows: a title, the header, three indicators (scores in column E)."""
    out = [row(start, text_cell(f"A{start}", title)),
           row(start + 1, *(text_cell(f"{c}{start + 1}", h) for c, h in zip("ABCDE", FORM_HEAD, strict=True)))]
    for r, (name, weight, target, actual, score) in enumerate(rows, start + 2):
        out.append(row(r, text_cell(f"A{r}", name), num(f"B{r}", weight), text_cell(f"C{r}", target),
                       text_cell(f"D{r}", actual), num(f"E{r}", score) if isinstance(score, int) else score))
    return "".join(out)


# --------------------------------------------------------------------------- Word

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = {
    "w": W, "r": REL,
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
}


def write_docx(path: Path, body: str, embeddings: dict[str, bytes] | None = None, styles: str = "",
               defaults: str = "") -> Path:
    """A .docx whose body is `body` (paragraphs and tables as Word writes them), made from python-docx's
    default package so styles and settings are Word's; `embeddings` go to word/embeddings/, the
    n-th related to the document as ``rIdE<n>``; `styles` (``w:style`` elements) are added to Word's,
    `defaults` (run properties) to the document's default run properties (``w:rPrDefault``)."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    declared = " ".join(f'xmlns:{k}="{v}"' for k, v in NAMESPACES.items())
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {declared} mc:Ignorable="w14">'
                f'<w:body>{body}<w:sectPr/></w:body></w:document>')
    parts: dict[str, str | bytes] = {}
    with zipfile.ZipFile(buffer) as source:
        for name in source.namelist():
            parts[name] = source.read(name)
    parts["word/document.xml"] = document
    style_part = parts["word/styles.xml"].decode()  # type: ignore[union-attr]
    style_part = style_part.replace("</w:styles>", styles + "</w:styles>")
    parts["word/styles.xml"] = style_part.replace("<w:rPrDefault><w:rPr>", "<w:rPrDefault><w:rPr>" + defaults, 1)
    rels, types = [], []
    for n, (name, data) in enumerate((embeddings or {}).items(), 1):
        parts[f"word/embeddings/{name}"] = data
        kind = "package" if name.endswith((".xlsx", ".xlsm")) else "oleObject"
        rels.append(f'<Relationship Id="rIdE{n}" Type="{REL}/{kind}" Target="embeddings/{name}"/>')
        extension = name.rsplit(".", 1)[-1]
        content = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" if kind == "package"
                   else "application/vnd.openxmlformats-officedocument.oleObject")
        types.append(f'<Default Extension="{extension}" ContentType="{content}"/>')
    if rels:
        key = "word/_rels/document.xml.rels"
        parts[key] = parts[key].decode().replace("</Relationships>", "".join(rels) + "</Relationships>")  # type: ignore[union-attr]
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].decode().replace(  # type: ignore[union-attr]
            "<Default ", "".join(types) + "<Default ", 1)
    _zip(path, parts)
    return path


def para(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{_esc(text)}</w:t></w:r></w:p>"


def tc(content: str, props: str = "") -> str:
    """A cell: `content` is its runs (wrapped in one paragraph) unless it already holds block XML."""
    inner = content if content.startswith(("<w:p>", "<w:p ", "<w:tbl>", "<w:sdt>")) else f"<w:p>{content}</w:p>"
    return f"<w:tc>{'<w:tcPr>' + props + '</w:tcPr>' if props else ''}{inner}</w:tc>"


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{_esc(text)}</w:t></w:r>'


def tr(*cells: str) -> str:
    return f"<w:tr>{''.join(cells)}</w:tr>"


def tbl(*rows: str, columns: int = 5, style: str = "") -> str:
    grid = "".join('<w:gridCol w:w="1500"/>' for _ in range(columns))
    styled = f'<w:tblStyle w:val="{style}"/>' if style else ""
    return (f'<w:tbl><w:tblPr>{styled}<w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
            f'{"".join(rows)}</w:tbl>')


def plain_row(*texts: str) -> str:
    return tr(*(tc(run(t)) for t in texts))


def word_form_rows(rows=FORM_ROWS) -> list[str]:  # type: ignore[no-untyped-def]
    """The header and indicator rows of `form_rows`, as Word table rows."""
    return [plain_row(*FORM_HEAD), *(plain_row(*(str(v) for v in r)) for r in rows)]
