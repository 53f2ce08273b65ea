"""PDFs of a transcribed form (tests/forms/) as generators other than LibreOffice write them.

- `form_html` + `print_html`: the form as a web page's table, printed by headless chromium
  (playwright ``page.pdf``), as Chrome/Edge users and web-based reporting systems make PDFs:
  the title rows as headings above the table, cells with rowspan/colspan, the borders collapsed,
  or separate boxes with a gap between cells, or no borders at all with only row shading; with
  or without the browser's own header and footer (date, page title, address, 「1/2」).
- `draw_form`: a PDF written here, operator by operator, as report engines (FineReport/帆软,
  iText) write theirs: each cell's border a stroked rectangle, four lines or four thin filled
  rectangles; the text one string per line or glyph by glyph; the font STSong-Light with the
  UniGB-UCS2-H encoding, which a reader maps to Unicode by its own tables (no embedded font);
  a merged cell crossing a page break drawn again, with its text, on the next page, and the
  indicator header repeated on every page.
  The same drawing as Office programs write it: Excel's and WPS's 「另存为 PDF」 (`excel-saved`:
  borders as hairline filled rectangles at fractional positions, each line one TJ array with a
  kerning adjustment between glyphs, figures in full-width digits with thousands separators,
  short labels spread over their cells), Microsoft Print to PDF (`ms-print`: each glyph placed
  alone, no space characters), and landscape pages stored portrait with /Rotate 90 or 270.
- `draw_unreadable`: the same drawing in a font without ToUnicode (Identity-H): the text is only
  glyph numbers, as a PDF whose CID font lost its ToUnicode map; or with GBK bytes in a font
  declared WinAnsi, which a reader decodes as Latin-1 (「ÏîÄ¿Ãû³Æ」), as old Chinese tools wrote.
- `scan`: a PDF's pages rasterised into an image-only PDF, as a scanner or 「打印为图片」 makes it;
  `with_pictures` replaces some pages of a PDF by pictures of themselves (a page scanned and
  merged back) and appends picture pages such as `seal_page` (a scanned 盖章页).
"""

from __future__ import annotations

import html
import io
import re
import zlib
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from forms.make import Form, title_rows

# --------------------------------------------------------------------------- HTML (chromium)

HTML_STYLES = {
    "collapse": "table{border-collapse:collapse} td{border:1px solid #000}",
    "boxes": "table{border-collapse:separate;border-spacing:2px} td{border:1px solid #333}",
    "shaded": "table{border-collapse:collapse} td{border:none} tr:nth-child(odd) td{background:#e8e8e8}",
}
"""How a web page draws its table's cells."""


def form_html(form: Form, style: str) -> str:
    """The form as a web page: leading title rows as headings, the rest one table."""
    titles = title_rows(form)
    covered = {(r, c) for r0, c0, r1, c1 in form.merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
               if (r, c) != (r0, c0)}
    spans = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in form.merges}
    out = ["<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>",
           "<title>项目支出绩效自评表 - 预算绩效管理信息系统</title><style>",
           "@page{size:A4 landscape;margin:12mm} body{font-family:'WenQuanYi Micro Hei',sans-serif;font-size:10pt}",
           "h1{font-size:15pt;text-align:center} td{padding:2px 4px;vertical-align:middle} table{width:100%}",
           HTML_STYLES[style], "</style></head><body>"]
    out.extend(f"<h1>{_html_text(' '.join(t for t in row if t))}</h1>" for row in form.rows[:titles])
    out.append("<table>")
    for r, row in enumerate(form.rows[titles:], start=titles):
        out.append("<tr>")
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            down, across = spans.get((r, c), (1, 1))
            attrs = (f" rowspan='{down}'" if down > 1 else "") + (f" colspan='{across}'" if across > 1 else "")
            out.append(f"<td{attrs}>{_html_text(text)}</td>")
        out.append("</tr>")
    out.append("</table></body></html>")
    return "\n".join(out)


def _html_text(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.split("\n"))


def print_html(pages: dict[str, tuple[str, bool]], outdir: Path, chromium: str = "/usr/bin/chromium") -> dict[str, Path]:
    """Print each page (name → HTML, whether with the browser's header and footer) to
    ``outdir/<name>.pdf`` in one headless chromium, from a thread of its own: playwright's
    sync API refuses a thread whose event loop is running, as the browser tests' session-long
    playwright leaves this process's main thread when they ran first in it."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(_print_html, pages, outdir, chromium).result()


def _print_html(pages: dict[str, tuple[str, bool]], outdir: Path, chromium: str) -> dict[str, Path]:
    from playwright.sync_api import sync_playwright

    outdir.mkdir(parents=True, exist_ok=True)
    done: dict[str, Path] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        tab = browser.new_page()
        for name, (text, header_footer) in pages.items():
            tab.set_content(text)
            done[name] = outdir / f"{name}.pdf"
            tab.pdf(path=str(done[name]), prefer_css_page_size=True, print_background=True,
                    display_header_footer=header_footer)
        browser.close()
    return done


# --------------------------------------------------------------------------- drawn (report engine)

WIDTH, HEIGHT, MARGIN = 842.0, 595.0, 36.0
"""A4 landscape in points, and the margin on each side."""
LEADING = 1.35


@dataclass(frozen=True)
class Drawing:
    """How a report engine draws a table."""

    name: str
    border: str = "rect"
    """rect: each cell a stroked rectangle; lines: its four sides as lines; filled: its four sides
    as thin filled rectangles; none: no border, alternate rows shaded."""
    glyphs: bool = False
    """Each character placed by its own text operator (else one string per line)."""
    size: float = 8.0
    """Points of the table's text: a larger size breaks the table over pages."""
    rotated: bool = False
    """Landscape pages stored portrait with /Rotate 90 (or `turn`)."""
    turn: int = 90
    """The /Rotate of a rotated page: 90, or 270 (the content turned the other way)."""
    kerned: bool = False
    """Each line one TJ array, every glyph its own element with a kerning adjustment between
    (Excel's and WPS's 「另存为 PDF」)."""
    spaces: bool = True
    """Spaces drawn as characters (else only as the gap: Microsoft Print to PDF places each glyph
    and writes no space)."""
    wide_figures: bool = False
    """Figures as a Chinese font's ToUnicode gives them: full-width digits, point and comma
    (「３，０００．５０」), amounts with thousands separators (a cell formatted #,##0.00)."""
    info: bytes = b"/Producer (FineReport) /Creator (FineReport)"
    """The document information the program writes: a spreadsheet program's Creator tells the
    reader a row is never cut at a page break."""
    spread: bool = False
    """Short labels (2–6 Chinese characters) spread over their cell's width (Excel's 分散对齐:
    「项 目 名 称」)."""
    shown: tuple[tuple[str, str], ...] = ()
    """Characters the text layer gives as look-alikes (typed → read): an embedded subset font
    addressed by glyph number whose ToUnicode map names the glyph 金 shares with the Kangxi
    radical ⾦ by the radical, as WPS writes it (the page shows 金, a reader extracts ⾦)."""


DRAWINGS = (
    Drawing("drawn-rects"),
    Drawing("drawn-lines-glyphs", border="lines", glyphs=True),
    Drawing("drawn-filled-rotated", border="filled", rotated=True),
    Drawing("drawn-large", size=14.0),
    Drawing("excel-saved", border="hairline", kerned=True, wide_figures=True, spread=True,
            info=b"/Producer (Microsoft\xae Excel\xae 2016) /Creator (Microsoft\xae Excel\xae 2016)"),
    Drawing("ms-print", glyphs=True, spaces=False, size=10.0, info=b"/Producer (Microsoft: Print To PDF)"),
    Drawing("rotated-270", border="lines", rotated=True, turn=270),
)


def _width(text: str, size: float) -> float:
    """Points of a line: half-width for ASCII (Adobe-GB1's proportional Latin), else full."""
    return sum(size / 2 if ord(ch) < 0x80 else size for ch in text)


def _wrap(text: str, room: float, size: float) -> list[str]:
    lines: list[str] = []
    for part in text.split("\n"):
        line = ""
        for ch in part:
            if line and _width(line + ch, size) > room:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    return [x for x in lines if x] or [""]


@dataclass
class _Box:
    r0: int
    c0: int
    r1: int
    c1: int
    text: str


def _layout(form: Form, size: float) -> tuple[list[float], list[float], list[_Box], int]:
    """(column widths, row heights, cell boxes, the indicator header's row or -1)."""
    covered = {(r, c) for r0, c0, r1, c1 in form.merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
               if (r, c) != (r0, c0)}
    spans = {(r0, c0): (r1, c1) for r0, c0, r1, c1 in form.merges}
    boxes = [_Box(r, c, *spans.get((r, c), (r, c)), text) for r, row in enumerate(form.rows)
             for c, text in enumerate(row) if (r, c) not in covered]
    widest = [4.0] * form.width
    for box in boxes:
        if box.c0 == box.c1:
            widest[box.c0] = max(widest[box.c0], min(max((_width(x, size) for x in box.text.split("\n")), default=0), 12 * size))
    scale = (WIDTH - 2 * MARGIN) / sum(w + 6 for w in widest)
    widths = [(w + 6) * scale for w in widest]
    heights = [size * LEADING + 6] * len(form.rows)
    for box in sorted(boxes, key=lambda b: b.r1 - b.r0):
        need = len(_wrap(box.text, sum(widths[box.c0:box.c1 + 1]) - 4, size)) * size * LEADING + 6
        have = sum(heights[box.r0:box.r1 + 1])
        if need > have:
            heights[box.r1] += need - have
    header = next((r for r, row in enumerate(form.rows) if any(t.replace(" ", "") in ("三级指标", "指标名称") for t in row)), -1)
    return widths, heights, boxes, header


class _Pdf:
    """The few PDF objects a report engine writes: pages, content streams, one font."""

    def __init__(self) -> None:
        self.objects: list[bytes] = []

    def add(self, body: bytes) -> int:
        self.objects.append(body)
        return len(self.objects)

    def stream(self, data: bytes, extra: bytes = b"") -> int:
        packed = zlib.compress(data)
        return self.add(b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra) + packed + b"\nendstream")

    def save(self, pages: list[bytes], font: bytes, info: bytes, *, rotated: bool = False, second: bytes = b"",
             turn: int = 90, picture: int = 0, to_unicode: bytes = b"") -> bytes:
        """With `rotated`, each landscape page is stored portrait and turned by /Rotate `turn` (90
        or 270), as a printer driver stores a landscape sheet: the content is drawn turned the other way.
        With `to_unicode`, the glyph-numbered font gets that CMap as its ToUnicode map."""
        if to_unicode:
            font = font.replace(b"/Encoding /Identity-H", b"/Encoding /Identity-H /ToUnicode %d 0 R" % self.stream(to_unicode), 1)
        fonts = b"/F1 %d 0 R" % self.add(font) + (b" /F2 %d 0 R" % self.add(second) if second else b"")
        kids = []
        parent = len(self.objects) + len(pages) * 2 + 1
        for content in pages:
            if rotated and turn == 90:  # landscape (x, y) drawn at portrait (HEIGHT - y, x): upright after /Rotate 90
                content = b"0 1 -1 0 %g 0 cm\n" % HEIGHT + content
            elif rotated:  # ... at (y, WIDTH - x): upright after /Rotate 270
                content = b"0 -1 1 0 0 %g cm\n" % WIDTH + content
            stream = self.stream(content)
            box = (HEIGHT, WIDTH) if rotated else (WIDTH, HEIGHT)
            kids.append(self.add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %g %g] %s/Contents %d 0 R "
                                 b"/Resources << /Font << %s >> %s>> >>"
                                 % (parent, *box, b"/Rotate %d " % turn if rotated else b"", stream, fonts,
                                    b"/XObject << /Im1 %d 0 R >> " % picture if picture else b"")))
        assert self.add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))) == parent
        catalog = self.add(b"<< /Type /Catalog /Pages %d 0 R >>" % parent)
        info_id = self.add(info)
        out = io.BytesIO()
        out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for n, body in enumerate(self.objects, start=1):
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objects) + 1))
        out.writelines(b"%010d 00000 n \n" % o for o in offsets)
        out.write(b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
                  % (len(self.objects) + 1, catalog, info_id, xref))
        return out.getvalue()


_STSONG = (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts "
           b"[<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
           b"/Ordering (GB1) /Supplement 4 >> /DW 1000 /W [1 95 500] /FontDescriptor << /Type /FontDescriptor "
           b"/FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 "
           b"/Descent -120 /CapHeight 880 /StemV 93 >> >>] >>")
"""The Adobe-GB1 font every PDF reader knows without embedding, as iText and FineReport use it."""
_IDENTITY = (b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts "
             b"[<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) "
             b"/Ordering (Identity) /Supplement 0 >> /DW 1000 /FontDescriptor << /Type /FontDescriptor "
             b"/FontName /SimSun /Flags 6 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 "
             b"/CapHeight 859 /StemV 80 >> >>] >>")
"""A subset TrueType font addressed by glyph number, its ToUnicode map missing."""
_WESTERN = b"<< /Type /Font /Subtype /Type1 /BaseFont /SimSun /Encoding /WinAnsiEncoding >>"
"""A Chinese font declared with a Western encoding: its GBK bytes read as Latin-1."""
FONTS = {"stsong": _STSONG, "identity": _IDENTITY, "western": _WESTERN}


def _encode(text: str, font: str) -> bytes:
    if font == "western":
        return text.encode("gbk", errors="replace")
    if font == "identity":  # glyph numbers as a subset font numbers them: in order of first use, not by Unicode
        return b"".join((0x0100 + (ord(ch) * 7919) % 0x7000).to_bytes(2, "big") for ch in text)
    return text.encode("utf-16-be")


def _hex(data: bytes) -> bytes:
    return b"<" + data.hex().encode() + b">"


_FIGURE = re.compile(r"^([≥≤><=]?)(\d+)(\.\d+)?(%?)$")
_WIDE = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")
_SPREAD = re.compile(r"^[\u4e00-\u9fff]{2,6}$")


def _figure(text: str, how: Drawing, amount: bool) -> str:
    """A cell's text as `how` prints a figure (`wide_figures`); any other text as it is. Only an
    `amount` (the money rows above the indicator header, formatted #,##0.00) has thousands
    separators: a figure typed as an indicator's actual is text, printed as typed."""
    found = _FIGURE.match(text)
    if not how.wide_figures or found is None:
        return text
    sign, whole, fraction, percent = found.groups()
    if amount and fraction and len(whole) > 3:
        whole = f"{int(whole):,}"
    return sign + (whole + (fraction or "") + percent).translate(_WIDE)


def _draw_text(ops: list[bytes], x: float, y: float, line: str, how: Drawing, font: str, room: float = 0.0) -> None:
    if how.spread and room and _SPREAD.match(line) and _width(line, how.size) < room:
        step = (room - how.size) / (len(line) - 1)  # the first glyph at the left edge, the last at the right
        for k, ch in enumerate(line):
            ops.append(b"BT /F1 %g Tf 1 0 0 1 %.3f %.3f Tm %s Tj ET" % (how.size, x + k * step, y, _hex(_encode(ch, font))))
        return
    if how.kerned:  # thousandths of the size, negative moves right: Excel nudges glyphs by a few units
        parts = []
        for k, ch in enumerate(line):
            parts.append(_hex(_encode(ch, font)))
            if k + 1 < len(line):
                parts.append(b"%d" % (-(k * 37 % 11) + 4))
        ops.append(b"BT /F1 %g Tf 1 0 0 1 %.3f %.3f Tm [%s] TJ ET" % (how.size, x, y, b" ".join(parts)))
        return
    if not how.glyphs:
        ops.append(b"BT /F1 %g Tf 1 0 0 1 %.2f %.2f Tm %s Tj ET" % (how.size, x, y, _hex(_encode(line, font))))
        return
    for ch in line:
        if how.spaces or not ch.isspace():
            ops.append(b"BT /F1 %g Tf 1 0 0 1 %.2f %.2f Tm %s Tj ET" % (how.size, x, y, _hex(_encode(ch, font))))
        x += _width(ch, how.size)


def _draw_border(ops: list[bytes], x: float, y: float, w: float, h: float, how: Drawing) -> None:
    if how.border == "rect":
        ops.append(b"%.2f %.2f %.2f %.2f re S" % (x, y, w, h))
    elif how.border == "lines":
        ops.append(b"%.2f %.2f m %.2f %.2f l %.2f %.2f l %.2f %.2f l %.2f %.2f l S"
                   % (x, y, x + w, y, x + w, y + h, x, y + h, x, y))
    elif how.border == "hairline":  # each side a filled rectangle a fraction of a point wide, centred on the grid line
        t = 0.48
        ops.append(b"%.3f %.3f %.3f %.3f re f %.3f %.3f %.3f %.3f re f %.3f %.3f %.3f %.3f re f %.3f %.3f %.3f %.3f re f"
                   % (x - t / 2, y - t / 2, w + t, t, x - t / 2, y + h - t / 2, w + t, t,
                      x - t / 2, y - t / 2, t, h + t, x + w - t / 2, y - t / 2, t, h + t))
    elif how.border == "filled":
        t = 0.6
        ops.append(b"%.2f %.2f %.2f %.2f re f %.2f %.2f %.2f %.2f re f %.2f %.2f %.2f %.2f re f %.2f %.2f %.2f %.2f re f"
                   % (x, y, w, t, x, y + h - t, w, t, x, y, t, h, x + w - t, y, t, h))


def paginate(heights: Sequence[float], header: int) -> list[list[int]]:
    """The rows on each page of `draw_form`'s drawing: a row that does not fit starts a new page,
    which repeats the indicator header row (when the table has one above the break)."""
    room = HEIGHT - 2 * MARGIN
    pages: list[list[int]] = [[]]
    used = 0.0
    for r, h in enumerate(heights):
        if pages[-1] and used + h > room:
            pages.append([header] if 0 <= header < r else [])
            used = sum(heights[x] for x in pages[-1])
        pages[-1].append(r)
        used += h
    return pages

def row_tops(rows: Sequence[int], heights: Sequence[float]) -> dict[int, float]:
    """The top of each row on a page of `draw_form`'s drawing, the first at the top margin."""
    tops, y = {}, HEIGHT - MARGIN
    for r in rows:
        tops[r] = y
        y -= heights[r]
    return tops


def cells_on(rows: Sequence[int], boxes: Sequence[Any], tops: dict[int, float], heights: Sequence[float],
             lefts: Sequence[float], widths: Sequence[float], header: int,
             repeated: int) -> Iterator[tuple[Any, float, float, float, float]]:
    """(box, x, top, width, height) of each cell drawn on a page of rows: a merged cell crossing the
    page break is drawn with the part of it on this page; a repeated header row only by the header's
    own cells."""
    for box in boxes:
        shown = [r for r in rows if box.r0 <= r <= box.r1 and (r != repeated or box.r0 == header)]
        if shown:
            yield box, lefts[box.c0], tops[shown[0]], sum(widths[box.c0:box.c1 + 1]), sum(heights[r] for r in shown)

def draw_form(form: Form, how: Drawing, *, font: str = "stsong") -> bytes:
    """The form drawn page by page as a report engine draws it (see the module's docstring)."""
    font = "identity" if how.shown else font
    widths, heights, boxes, header = _layout(form, how.size)
    lefts = [MARGIN + sum(widths[:c]) for c in range(len(widths))]
    pages = paginate(heights, header)
    streams = []
    for page, rows in enumerate(pages):
        # the header drawn again atop a continuation page (a page that starts at it draws it the first time)
        repeated = header if page and rows[0] == header and any(header in done for done in pages[:page]) else -1
        ops: list[bytes] = [b"0.5 w 0 0 0 RG 0 0 0 rg"]
        tops = row_tops(rows, heights)
        for k, r in enumerate(rows):
            if how.border == "none" and k % 2:
                ops.append(b"0.9 g %.2f %.2f %.2f %.2f re f 0 g" % (MARGIN, tops[r] - heights[r], sum(widths), heights[r]))
        for box, x, top, w, h in cells_on(rows, boxes, tops, heights, lefts, widths, header, repeated):
            _draw_border(ops, x, top - h, w, h, how)
            text = _figure(box.text, how, box.r0 < header)
            lines = _wrap(text, w - 4, how.size)
            if text:
                y = top - (h - len(lines) * how.size * LEADING) / 2 - how.size
                for line in lines:
                    _draw_text(ops, x + 2, y, line, how, font, w - 4 if _SPREAD.match(text) else 0.0)
                    y -= how.size * LEADING
        streams.append(b"\n".join(ops))
    return _Pdf().save(streams, _half_widths(form) if how.shown else FONTS[font], b"<< %s >>" % how.info,
                       rotated=how.rotated, turn=how.turn, to_unicode=_to_unicode(form, dict(how.shown)) if how.shown else b"")


def _half_widths(form: Form) -> bytes:
    """The glyph-numbered font with its Latin glyphs half as wide, as `_width` lays them out."""
    latin = sorted({ch for row in form.rows for text in row for ch in text if ord(ch) < 0x80} | set(",.%"))
    widths = b" ".join(b"%d [500]" % int.from_bytes(_encode(ch, "identity"), "big") for ch in latin)
    return _IDENTITY.replace(b"/DW 1000", b"/DW 1000 /W [%s]" % widths)


def _to_unicode(form: Form, shown: dict[str, str]) -> bytes:
    """A ToUnicode CMap for every character the form can print (its texts, full-width figures):
    each glyph number (`_encode`'s) to the character, or to its look-alike in `shown`."""
    chars = sorted(set("".join("".join(row) for row in form.rows)) | set("０１２３４５６７８９．，％,"))
    entries = [b"%s %s" % (_hex(_encode(ch, "identity")), _hex(shown.get(ch, ch).encode("utf-16-be"))) for ch in chars]
    blocks = [entries[k:k + 100] for k in range(0, len(entries), 100)]
    body = b"\n".join(b"%d beginbfchar\n%s\nendbfchar" % (len(block), b"\n".join(block)) for block in blocks)
    return (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) "
            b"/Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n%s\nendcmap CMapName currentdict /CMap "
            b"defineresource pop end end" % body)


def draw_unreadable(form: Form, font: str = "identity") -> bytes:
    """The form drawn in a font no reader can map back to characters (see the module's docstring)."""
    return draw_form(form, DRAWINGS[0], font=font)


def scan(pdf: Path, dpi: int = 100) -> bytes:
    """Each page of `pdf` as a picture: an image-only PDF without a text layer."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    images: list[Any] = [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in document]
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


def draw_page(rules: list[tuple[float, float, float, float]], texts: list[tuple[float, float, str]],
              unmapped: Sequence[tuple[float, float, str]] = ()) -> bytes:
    """One page of ruled lines (x0, y0, x1, y1) and texts (x, y, text) at 10 pt, y from the top;
    the `unmapped` texts in a second font without ToUnicode (a symbol font's glyphs)."""
    ops = [b"0.5 w"]
    ops.extend(b"%.2f %.2f m %.2f %.2f l S" % (x0, HEIGHT - y0, x1, HEIGHT - y1) for x0, y0, x1, y1 in rules)
    ops.extend(b"BT /F1 10 Tf 1 0 0 1 %.2f %.2f Tm %s Tj ET" % (x, HEIGHT - y, _hex(_encode(text, "stsong")))
               for x, y, text in texts)
    ops.extend(b"BT /F2 10 Tf 1 0 0 1 %.2f %.2f Tm %s Tj ET" % (x, HEIGHT - y, _hex(_encode(text, "identity")))
               for x, y, text in unmapped)
    return _Pdf().save([b"\n".join(ops)], _STSONG, b"<< /Producer (iText) >>", second=_IDENTITY)


def picture_page(image: Any, stamp: str = "") -> bytes:
    """A one-page PDF of `image` (a PIL image) over the whole A4 landscape page, as a scanner
    makes a page, with `stamp` written in text at its foot (a page number a merging program adds)."""
    pdf = _Pdf()
    rgb = image.convert("RGB").resize((int(WIDTH), int(HEIGHT)))
    picture = pdf.stream(rgb.tobytes(), b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
                                        b"/BitsPerComponent 8 " % rgb.size)
    ops = [b"q %g 0 0 %g 0 0 cm /Im1 Do Q" % (WIDTH, HEIGHT)]
    if stamp:
        ops.append(b"BT /F1 10 Tf 1 0 0 1 %.2f 20 Tm %s Tj ET" % (WIDTH / 2 - 20, _hex(_encode(stamp, "stsong"))))
    return pdf.save([b"\n".join(ops)], _STSONG, b"<< /Producer (Scanner) >>", picture=picture)


def seal_page(stamp: str = "") -> bytes:
    """A scanned signature and seal page (盖章页): a red circle and a few strokes of handwriting."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (int(WIDTH), int(HEIGHT)), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((560, 300, 720, 460), outline=(200, 0, 0), width=6)
    draw.line((120, 420, 200, 400, 260, 430, 330, 405), fill=(20, 20, 60), width=3)
    return picture_page(image, stamp)


def with_pictures(pdf: bytes, scanned: set[int], appended: Sequence[bytes] = (), dpi: int = 60) -> bytes:
    """`pdf` with the pages numbered in `scanned` (from 1) replaced by pictures of themselves (a page
    scanned and merged back), and the one-page PDFs `appended` after its last page."""
    import pypdfium2

    source = pypdfium2.PdfDocument(pdf)
    out = pypdfium2.PdfDocument.new()
    for k in range(len(source)):
        if k + 1 in scanned:
            image = source[k].render(scale=dpi / 72).to_pil().convert("RGB")
            buffer = io.BytesIO()
            image.save(buffer, format="PDF", resolution=dpi)
            out.import_pages(pypdfium2.PdfDocument(buffer.getvalue()))
        else:
            out.import_pages(source, [k])
    for page in appended:
        out.import_pages(pypdfium2.PdfDocument(page))
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
