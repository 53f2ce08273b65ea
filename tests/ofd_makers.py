"""OFD files (GB/T 33190) of a transcribed form (tests/forms/), as OFD producers write them.

`draw_ofd` lays the form out exactly as `pdf_makers.draw_form` does (same column widths, row
heights, page breaks, the indicator header repeated on each page, a merged cell drawn again on
the next page) and writes it as an OFD package: OFD.xml → Doc_0/Document.xml (PageArea,
PublicRes, TemplatePage, Pages) → Doc_0/Pages/Page_N/Content.xml. The ways producers differ:

- text (`OfdDrawing.text`): ``line``: one TextObject per line, one TextCode with every glyph's
  advance in DeltaX (WPS, 永中); ``g``: the same with runs of equal advances compressed as
  ``g n d`` (数科, ofdrw); ``glyphs``: each glyph its own TextObject (福昕's 「打印为 OFD」, a
  converter from PDF); ``codes``: one TextObject a line, each glyph its own TextCode with its X,
  the Y given once (the next TextCodes keep it); ``ctm``: positions and size in points, scaled to millimetres by the
  object's CTM (0.3528) and placed by a translation, as 数科 converts PDFs;
- borders (`OfdDrawing.border`): ``rect``: each cell one stroked PathObject ``M L L L C``;
  ``lines``: its four sides as PathObjects of one line each, relative to their own Boundary;
  ``filled``: four thin filled rectangles (Fill true, Stroke false), as WPS draws Excel's borders;
- ``template``: a page header on a TemplatePage placed under every page (``ZOrder="Background"``);
- ``composite``: each page's text in a CompositeGraphicUnit of the resources, placed by a
  CompositeObject whose CTM scales it (a PDF converter's way);
- ``bare``: elements in the OFD namespace as the default namespace, without the ``ofd:`` prefix;
- ``indented``: Content.xml pretty-printed, each TextCode's text on a line of its own between
  indentation (as in ofdrw's test resources, ofdrw-pkg/src/test/resources/Content.xml): the
  line breaks and spaces around it are XML layout, not glyphs that take up DeltaX;
- ``unwritten``: Document.xml names a PublicRes.xml and an Annotations.xml the package does not
  hold, as ofdrw writes a document that needs neither (V4RideRight.ofd, keyword.ofd and Page5.ofd
  among ofdrw's test resources);
- ``clip``: each TextObject clipped to its own Boundary (Clips/Clip/Area/Path, relative to the
  Boundary's top left), as converters from PDF carry a PDF's clip path onto every object.

`package` writes any parts given as a zip (for the damaged, scanned and hostile cases).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape

from forms.make import Form
from pdf_makers import HEIGHT, LEADING, MARGIN, WIDTH, _layout, _width, _wrap, cells_on, paginate, row_tops

MM = 72 / 25.4
NS = "http://www.ofdspec.org/2016"
HEADER = "预算绩效管理信息系统"
"""The template page's header text (what a reporting system prints atop each page)."""


@dataclass(frozen=True)
class OfdDrawing:
    """How an OFD producer writes the form (see the module's docstring)."""

    name: str
    text: str = "line"
    border: str = "rect"
    size: float = 8.0
    """Points of the text, as `pdf_makers.Drawing.size`: 14 breaks the tables over pages."""
    template: bool = False
    bare: bool = False
    indented: bool = False
    unwritten: bool = False
    clip: bool = False
    composite: bool = False
    """The text of each page in a graphic unit of the resources (CompositeGraphicUnit), in a unit
    space twice the page's, placed by one CompositeObject scaling it down, as converters from PDF
    write it."""


OFD_DRAWINGS = (
    OfdDrawing("ofd-lines"),
    OfdDrawing("ofd-g-lines-template-indented", text="g", border="lines", template=True, indented=True),
    OfdDrawing("ofd-ctm-filled", text="ctm", border="filled", bare=True),
    OfdDrawing("ofd-glyphs-large-unwritten", text="glyphs", size=14.0, template=True, unwritten=True),
    OfdDrawing("ofd-codes-composite-clipped", text="codes", border="filled", composite=True, clip=True),
)


def _mm(points: float) -> float:
    return points / MM


def _n(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".") or "0"


@dataclass
class _Drawn:
    """What one page holds: cell boxes and text lines, in PDF points (y up), as draw_form places them."""

    boxes: list[tuple[float, float, float, float]]
    lines: list[tuple[float, float, str]]


def _pages(form: Form, size: float) -> list[_Drawn]:
    """`pdf_makers.draw_form`'s pages: each cell's box (x, bottom, w, h) and each text line's
    baseline start (x, y) and text."""
    widths, heights, boxes, header = _layout(form, size)
    lefts = [MARGIN + sum(widths[:c]) for c in range(len(widths))]
    pages = paginate(heights, header)
    out = []
    for page, rows in enumerate(pages):
        repeated = header if page and rows[0] == header and any(header in done for done in pages[:page]) else -1
        drawn = _Drawn([], [])
        for box, x, top, w, h in cells_on(rows, boxes, row_tops(rows, heights), heights, lefts, widths, header, repeated):
            drawn.boxes.append((x, top - h, w, h))
            lines = _wrap(box.text, w - 4, size)
            if box.text:
                y = top - (h - len(lines) * size * LEADING) / 2 - size
                for line in lines:
                    drawn.lines.append((x + 2, y, line))
                    y -= size * LEADING
        out.append(drawn)
    return out


class _Ids:
    def __init__(self) -> None:
        self.last = 10

    def __call__(self) -> int:
        self.last += 1
        return self.last


def _deltas(advances: list[float], compressed: bool) -> str:
    if not compressed:
        return " ".join(_n(a) for a in advances)
    out: list[str] = []
    k = 0
    while k < len(advances):
        run = 1
        while k + run < len(advances) and _n(advances[k + run]) == _n(advances[k]):
            run += 1
        out.append(f"g {run} {_n(advances[k])}" if run > 1 else _n(advances[k]))
        k += run
    return " ".join(out)


def _text(ids: _Ids, x: float, baseline: float, line: str, size: float, how: str) -> Iterator[str]:
    """TextObjects of a line whose baseline starts at (x, baseline), in millimetres from the top left."""
    s = _mm(size)
    advances = [_mm(_width(ch, size)) for ch in line]
    if how == "codes":  # one TextCode a glyph, each with its X; the Y of the first goes on (GB/T 33190 §11.3)
        codes, at = [], 0.0
        for ch, advance in zip(line, advances, strict=True):
            if not ch.isspace():
                y = "" if codes else f' Y="{_n(s)}"'
                codes.append(f'<ofd:TextCode X="{_n(at)}"{y}>{escape(ch)}</ofd:TextCode>')
            at += advance
        yield (f'<ofd:TextObject ID="{ids()}" Boundary="{_n(x)} {_n(baseline - s)} {_n(sum(advances))} {_n(s * 1.2)}" '
               f'Font="3" Size="{_n(s)}">' + "".join(codes) + "</ofd:TextObject>")
        return
    if how == "glyphs":
        for ch, advance in zip(line, advances, strict=True):
            if not ch.isspace():
                yield (f'<ofd:TextObject ID="{ids()}" Boundary="{_n(x)} {_n(baseline - s)} {_n(advance)} {_n(s * 1.2)}" '
                       f'Font="3" Size="{_n(s)}"><ofd:TextCode X="0" Y="{_n(s)}">{escape(ch)}</ofd:TextCode></ofd:TextObject>')
            x += advance
        return
    width = sum(advances)
    if how == "ctm":  # object space in points; the CTM scales to millimetres and moves the line into place
        k = 1 / MM
        yield (f'<ofd:TextObject ID="{ids()}" Boundary="0 0 {_n(x + width + 1)} {_n(baseline + s)}" Font="3" '
               f'Size="{_n(size)}" CTM="{k:.6f} 0 0 {k:.6f} {_n(x)} {_n(baseline - s)}">'
               f'<ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="{_n(size)}" '
               f'DeltaX="{_deltas([_width(ch, size) for ch in line[:-1]], True)}">{escape(line)}</ofd:TextCode></ofd:TextObject>')
        return
    yield (f'<ofd:TextObject ID="{ids()}" Boundary="{_n(x)} {_n(baseline - s)} {_n(width)} {_n(s * 1.2)}" Font="3" '
           f'Size="{_n(s)}"><ofd:TextCode X="0" Y="{_n(s)}" DeltaX="{_deltas(advances[:-1], how == "g")}">'
           f"{escape(line)}</ofd:TextCode></ofd:TextObject>")


def _border(ids: _Ids, x: float, y: float, w: float, h: float, how: str) -> Iterator[str]:
    """PathObjects of a cell's border: (x, y) its top left, in millimetres."""
    line = _n(_mm(0.5))
    if how == "rect":
        yield (f'<ofd:PathObject ID="{ids()}" Boundary="{_n(x)} {_n(y)} {_n(w)} {_n(h)}" LineWidth="{line}">'
               f"<ofd:AbbreviatedData>M 0 0 L {_n(w)} 0 L {_n(w)} {_n(h)} L 0 {_n(h)} C</ofd:AbbreviatedData></ofd:PathObject>")
    elif how == "lines":
        for x0, y0, x1, y1 in ((x, y, x + w, y), (x + w, y, x + w, y + h), (x, y + h, x + w, y + h), (x, y, x, y + h)):
            yield (f'<ofd:PathObject ID="{ids()}" Boundary="{_n(x0)} {_n(y0)} {_n(x1 - x0 + 1)} {_n(y1 - y0 + 1)}" '
                   f'LineWidth="{line}"><ofd:StrokeColor Value="0 0 0"/>'
                   f"<ofd:AbbreviatedData>M 0 0 L {_n(x1 - x0)} {_n(y1 - y0)}</ofd:AbbreviatedData></ofd:PathObject>")
    else:
        t = _mm(0.6)
        for rx, ry, rw, rh in ((x, y, w, t), (x, y + h - t, w, t), (x, y, t, h), (x + w - t, y, t, h)):
            yield (f'<ofd:PathObject ID="{ids()}" Boundary="{_n(rx)} {_n(ry)} {_n(rw)} {_n(rh)}" Stroke="false" Fill="true">'
                   f'<ofd:FillColor Value="0 0 0"/><ofd:AbbreviatedData>M 0 0 L {_n(rw)} 0 L {_n(rw)} {_n(rh)} '
                   f"L 0 {_n(rh)} C</ofd:AbbreviatedData></ofd:PathObject>")


def page_xml(objects: list[str], template: int = 0, area: str = "") -> str:
    """A page's Content.xml of the objects given, on the template page `template` (an ID) if any."""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="{NS}">'
            + (f"<ofd:Area><ofd:PhysicalBox>{area}</ofd:PhysicalBox></ofd:Area>" if area else "")
            + (f'<ofd:Template TemplateID="{template}" ZOrder="Background"/>' if template else "")
            + f'<ofd:Content><ofd:Layer ID="{9000 + len(objects)}" Type="Body">' + "".join(objects)
            + "</ofd:Layer></ofd:Content></ofd:Page>")


def document_xml(pages: int, template: bool, box: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
            f"<ofd:MaxUnitID>100000</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>{box}</ofd:PhysicalBox></ofd:PageArea>"
            "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
            + ('<ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/>' if template else "")
            + "</ofd:CommonData><ofd:Pages>"
            + "".join(f'<ofd:Page ID="{100 + k}" BaseLoc="Pages/Page_{k}/Content.xml"/>' for k in range(pages))
            + "</ofd:Pages></ofd:Document>")


OFD_XML = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD"><ofd:DocBody>'
           "<ofd:DocInfo><ofd:DocID>6f2c7d0e0b1a4c5d9e8f7a6b5c4d3e2f</ofd:DocID><ofd:Creator>perfsite tests</ofd:Creator>"
           "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
PUBLIC_RES = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>'
              '<ofd:Font ID="3" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>')


def clip_area(w: float, h: float, x: float = 0.0, y: float = 0.0) -> str:
    """A Clips of one rectangle (x, y, w, h), relative to the Boundary of the object it is in."""
    return (f'<ofd:Clips><ofd:Clip><ofd:Area><ofd:Path Boundary="{_n(x)} {_n(y)} {_n(w)} {_n(h)}">'
            f"<ofd:AbbreviatedData>M 0 0 L {_n(w)} 0 L {_n(w)} {_n(h)} L 0 {_n(h)} C</ofd:AbbreviatedData>"
            "</ofd:Path></ofd:Area></ofd:Clip></ofd:Clips>")


_TEXT_OBJECT = re.compile(r'(<ofd:TextObject [^>]*Boundary="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"[^>]*>)')


def clipped(xml: str) -> str:
    """Each TextObject in `xml` clipped to its own Boundary."""
    return _TEXT_OBJECT.sub(lambda m: m[1] + clip_area(float(m[2]), float(m[3])), xml)


_TEXT_CODE = re.compile(r"(<ofd:TextCode[^>]*>)([^<]*)(</ofd:TextCode>)")


def indented(xml: str) -> str:
    """Each TextCode's text on a line of its own, indented, as a pretty-printer writes it."""
    return _TEXT_CODE.sub(lambda m: f"{m[1]}\n                    {m[2]}\n                {m[3]}", xml)


def package(parts: dict[str, str | bytes]) -> bytes:
    """The parts as an OFD zip (deflated, as producers write it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return out.getvalue()


def _bare(xml: str) -> str:
    """The OFD namespace as the default one: no ``ofd:`` prefixes."""
    return xml.replace("<ofd:", "<").replace("</ofd:", "</").replace("xmlns:ofd=", "xmlns=")


def ofd_parts(form: Form, how: OfdDrawing) -> dict[str, str | bytes]:
    ids = _Ids()
    parts: dict[str, str | bytes] = {"OFD.xml": OFD_XML}
    drawn = _pages(form, how.size)
    box = f"0 0 {_n(_mm(WIDTH))} {_n(_mm(HEIGHT))}"
    parts["Doc_0/Document.xml"] = document_xml(len(drawn), how.template, box)
    parts["Doc_0/PublicRes.xml"] = PUBLIC_RES
    if how.template:  # the header above the page's top margin, as a reporting system prints its name
        header = list(_text(ids, _mm(MARGIN), _mm(MARGIN / 2), HEADER, 9.0, "line"))
        parts["Doc_0/Tpls/Tpl_0/Content.xml"] = page_xml(header)
    units = []
    for k, page in enumerate(drawn):
        objects: list[str] = []
        for x, bottom, w, h in page.boxes:
            objects.extend(_border(ids, _mm(x), _mm(HEIGHT - bottom - h), _mm(w), _mm(h), how.border))
        if how.composite:  # twice the size in the unit; the object halves it, its Boundary's offset undone by its CTM
            texts = [t for x, y, line in page.lines for t in _text(ids, 2 * _mm(x), 2 * _mm(HEIGHT - y), line, 2 * how.size, how.text)]
            unit = ids()
            units.append(f'<ofd:CompositeGraphicUnit ID="{unit}" Width="{_n(2 * _mm(WIDTH))}" Height="{_n(2 * _mm(HEIGHT))}">'
                         f'<ofd:Content>{"".join(texts)}</ofd:Content></ofd:CompositeGraphicUnit>')
            objects.append(f'<ofd:CompositeObject ID="{ids()}" Boundary="10 5 {_n(_mm(WIDTH))} {_n(_mm(HEIGHT))}" '
                           f'CTM="0.5 0 0 0.5 -10 -5" ResourceID="{unit}"/>')
        else:
            for x, y, line in page.lines:
                objects.extend(_text(ids, _mm(x), _mm(HEIGHT - y), line, how.size, how.text))
        parts[f"Doc_0/Pages/Page_{k}/Content.xml"] = page_xml(objects, 2 if how.template else 0)
    if units:
        parts["Doc_0/PublicRes.xml"] = PUBLIC_RES.replace("</ofd:Res>", f"<ofd:CompositeGraphicUnits>{''.join(units)}"
                                                                       "</ofd:CompositeGraphicUnits></ofd:Res>")
    if how.unwritten:
        del parts["Doc_0/PublicRes.xml"]
        parts["Doc_0/Document.xml"] = str(parts["Doc_0/Document.xml"]).replace(
            "</ofd:Pages>", "</ofd:Pages><ofd:Annotations>Annotations.xml</ofd:Annotations>")
    if how.indented:
        parts = {name: indented(data) if isinstance(data, str) else data for name, data in parts.items()}
    if how.clip:
        parts = {name: clipped(data) if isinstance(data, str) else data for name, data in parts.items()}
    if how.bare:
        parts = {name: _bare(data) if isinstance(data, str) else data for name, data in parts.items()}
    return parts


def draw_ofd(form: Form, how: OfdDrawing) -> bytes:
    """The form as an OFD file, drawn as `how` says (see the module's docstring)."""
    return package(ofd_parts(form, how))


def prose_ofd(paragraphs: list[str], size: float = 10.5) -> bytes:
    """Paragraphs as WPS writes a Word report into an OFD: A4 portrait, each paragraph's first line
    indented by two characters, lines wrapped at the right margin, one TextObject per line."""
    ids = _Ids()
    width, height, margin = 210.0, 297.0, 25.0
    s, leading = _mm(size), _mm(size) * 1.6
    pages: list[list[str]] = [[]]
    y = margin
    for text in paragraphs:
        indent = 2 * s
        lines: list[str] = []
        line = ""
        for ch in text:
            room = width - 2 * margin - (indent if not lines else 0)
            if _mm(_width(line + ch, size)) > room:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
        for k, line in enumerate(lines):
            if y + leading > height - margin:
                pages.append([])
                y = margin
            y += leading
            pages[-1].extend(_text(ids, margin + (indent if k == 0 else 0), y, line, size, "g"))
    parts: dict[str, str | bytes] = {"OFD.xml": OFD_XML, "Doc_0/PublicRes.xml": PUBLIC_RES,
                                     "Doc_0/Document.xml": document_xml(len(pages), False, f"0 0 {width} {height}")}
    for k, objects in enumerate(pages):
        parts[f"Doc_0/Pages/Page_{k}/Content.xml"] = page_xml(objects)
    return package(parts)
