"""Read an OFD file (GB/T 33190-2016, the fixed-layout format of 党政机关电子公文, 数科/书生/福昕
readers, 「另存为 OFD」 in WPS and 永中) into the same paragraphs and grids as a text PDF.

An OFD is a zip of XML: OFD.xml names the document (DocBody/DocRoot), Document.xml its page size
(CommonData/PageArea), resources (PublicRes/DocumentRes: drawing parameters, graphic units),
template pages (CommonData/TemplatePage) and pages (Pages/Page BaseLoc); each page's Content.xml
holds layers of TextObject (glyphs placed by TextCode X/Y and DeltaX/DeltaY, the deltas maybe in
the compressed ``g n d`` form; Size and Boundary in millimetres; a CTM scaling or turning the
text), PathObject (AbbreviatedData ``M x y L x y B … Q … A … C``, stroked and/or filled),
ImageObject and CompositeObject (a resource's CompositeGraphicUnit drawn in its place: converters
from PDF put a page's every text in one), maybe nested in PageBlocks. Each object maps its own
coordinates by its CTM, then from its Boundary's top left, inside its parents' mappings.

The page is drawn here, glyph by glyph and path by path, into a PDF in memory that `read_pdf`
then reads: one reader of positioned text and ruling for both formats, so an OFD's tables are
taken apart exactly as a PDF's are (ruled cells, merged cells, tables across page breaks, text
no reader can see, scanned pages among text pages), with nothing to keep in step. Handing
pdf_reader's table reconstruction characters and lines directly would need pdfplumber's page
objects (filter, find_tables, extract_text_lines), which only a PDF makes. The drawing is exact:
each glyph stands where the OFD puts it, at the size its CTM gives it, in a font whose
ToUnicode map gives back the very character the OFD holds (any character, not only those of a
CJK encoding); its width is the full or half em a Chinese font gives it (the OFD gives only
positions). Colours, fill and stroke, invisible objects and pictures (as placeholders where
they stand) are drawn as the OFD says, so what the PDF reader leaves out or refuses (white text,
an image-only page) it does for an OFD too. Its notes and refusals then say 「OFD」. Parsing
and drawing cost little beside the PDF reader's own work: 0.012 s of CPU for a two-page form
whose read takes 0.14 s in all (its PDF drawing 0.11 s), measured 2026-12-06.

A picture is a placeholder where it stands, see-through when the picture is (a PNG seal) and
opaque otherwise (a JPEG pasted over a figure hides it); an annotation that shows typed text or a
filled shape (Annotations, an OFD reader's 「文字批注」) becomes the PDF annotation the PDF reader
refuses over a table and names elsewhere; seals (Stamp), watermarks, highlights and links do not.

Only what prints is read. A glyph outside its object's clip paths (Clips, and those of the
CompositeObject it is drawn in; converters from PDF clip every object, to its cell or the page)
is drawn in the mode that paints nothing, which the PDF reader leaves out and names (「…（文字设为
不显示）」); paths and pictures are drawn unclipped (a border a clip cuts short is still a border;
a picture clipped to part of itself covers the rest too, which no producer we know writes).
Vertical text (ReadDirection 90, a tall merged cell's 「产出指标」) steps down the page glyph by
glyph where no delta is given, as it prints, and so reads down its cell; text read right to left
or up the page (180, 270) is drawn in reading order over its glyphs' places (`_BACKWARDS`); CharDirection (a glyph
turned on its side) is not drawn turned: the character is the same whichever way it faces. Arcs
(``A``) are drawn as Bézier curves, but a rounded corner beside straight sides as the square
corner they meet at (`_arc`: the PDF reader's table finder takes ruling from straight lines only)
(none of the 56 OFDs of ofdrw's test resources draws an arc, sets a ReadDirection, or holds more
than one document).
An OFD of several documents (several DocBody: a 公文 and its 附件 each a document) is refused
naming them: reading the first would leave the rest out unseen. Testing each glyph against its
clips costs 11 µs (c01's 486 glyphs, each clipped: 17.5 → 23.0 ms to parse and draw, measured
2026-12-06), 0.45 s for a 40-page report clipped throughout, beside the PDF reader's 5.9 s. In the
56 OFDs of ofdrw's test resources (invoices, 公文, a journal converted from PDF: 40,048 glyphs,
600 clipped objects) clips leave out 94 glyphs, all one identifier a 不动产证明 clips to an area of
nothing. A Boundary is a clip too in the standard's words, but taken as one it would leave out
231 glyphs of those files, most of them printed by any reader: producers write Boundaries loosely,
so it is not applied.

Text on a template page (CommonData/TemplatePage, placed under or over a page by its Template)
is a page header or footer that the producer has said is one: it is not drawn but given as the
document's running headers, as the PDF reader gives the lines it finds repeated at the top.

easyofd (PyPI, 2026) was looked at and not used: it unpacks to disk, prints, and needs PyMuPDF
(AGPL), reportlab and loguru; ofdparser was last released in 2023. The parsing here is lxml's,
after `sniff.check_zip` has bounded the package and refused any DOCTYPE/ENTITY.
"""

from __future__ import annotations

import math
import posixpath
import re
import tempfile
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from perfsite.importing.docx_reader import Block
from perfsite.importing.grid import Grid
from perfsite.importing.sniff import ImportFailure, Refused, logged

MM = 72 / 25.4
"""Points per millimetre: OFD measures in millimetres, PDF in points."""
A4 = (0.0, 0.0, 210.0, 297.0)
"""The page box when neither the document nor the page gives one (the standard's default is none)."""
MAX_PAGES = 300
"""As the PDF reader's: a report runs 5–40 pages, a department's bundle a few hundred."""
MAX_DRAWN = 400_000
"""Glyphs, paths, pictures and graphic units drawn in all. A 40-page report has about 40,000
glyphs; the PDF reader took 5.9 s of CPU for 40,000 on 40 pages (measured 2026-12-06), so ten
times as many would reach its `CHILD_CPU` anyway, after this process had parsed and drawn them
(0.9 s, 60 MB for 400,000). It also bounds graphic units that draw one another many times over
(ten units each drawing the next ten times would be 10¹⁰ objects). The most the package's bounds
(`sniff.check_zip`) and this let through, a 6 MB OFD of one 36 MB page of 240,000 random paths,
took 5.5 s and 250 MB here to parse and draw, and the PDF reader's child 35 s of CPU and 1.2 GB,
within its limits (measured 2026-12-06)."""
_DEPTH = 16
"""PageBlocks nested deeper than this are not read (producers nest one or two)."""
_ASK = "请向填报单位索取 Word/Excel 原件，或在 OFD 阅读器中「另存为」PDF 后再导入"


@dataclass
class _Page:
    number: int
    box: tuple[float, float, float, float]
    annots: list[bytes] = field(default_factory=list)
    """PDF annotations standing for its OFD annotations (`_Package._annotate`)."""
    ops: list[bytes] = field(default_factory=list)
    """PDF operators drawing its glyphs, paths and pictures in the order the OFD draws them (a box
    drawn after a glyph covers it, `pdf_reader._unseen`)."""
    texts: int = 0
    images: int = 0
    template_text: list[tuple[float, float, float, str]] = field(default_factory=list)
    """Template glyphs: (baseline's depth, x, size, character), in points."""


@dataclass
class _Style:
    """What a layer's or object's drawing parameters (DrawParam) and attributes set."""

    line_width: float = 0.353
    stroke: tuple[float, ...] = (0.0, 0.0, 0.0)
    fill: tuple[float, ...] = (0.0, 0.0, 0.0)


def read_ofd(path: Path) -> tuple[list[Block], list[str]]:
    """(body blocks in reading order, running page headers), as `read_pdf` gives them for a PDF;
    ImportFailure for an OFD that cannot be read (a missing or damaged part, named), a scanned
    one, an encrypted one, or one too big."""
    from perfsite.importing.pdf_reader import read_pdf

    pages, codes = _pages(path)
    if not any(p.texts for p in pages):
        pictured = [p.number for p in pages if p.images]
        if pictured:
            raise ImportFailure(f"这是扫描件（OFD 的 {len(pictured)} 页都是图片，没有文字层），无法读取：{_ASK}，"
                                "或先做文字识别（OCR）")
        raise ImportFailure(f"OFD 文件中没有任何文字：{_ASK}")
    headers = _template_headers(pages)
    with tempfile.TemporaryDirectory(prefix="perfsite-ofd-") as tmp:
        drawn = Path(tmp) / "drawn.pdf"
        drawn.write_bytes(draw_pdf(pages, codes))
        try:
            blocks, running = read_pdf(drawn)
        except ImportFailure as exc:
            raise ImportFailure(_as_ofd(str(exc))) from exc
    for block in blocks:
        if isinstance(block, Grid):
            block.notes[:] = [_as_ofd(note) for note in block.notes]
    return blocks, list(dict.fromkeys([*headers, *running]))


def _as_ofd(text: str) -> str:
    """A PDF reader's note or refusal about the drawing, said of the OFD it was drawn from (「PDF 第 2
    页…」 → 「OFD 第 2 页…」); the file's own text the note quotes in 「」 is left as it is."""
    return "".join(part if part.startswith("「") else part.replace("PDF", "OFD") for part in _QUOTED.split(text))


_QUOTED = re.compile(r"(「[^」]*」)")


# --------------------------------------------------------------------------- the package


def _pages(path: Path) -> tuple[list[_Page], dict[str, int]]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFailure("OFD 文件已损坏，压缩包目录无法读取（文件不完整或在传送中损坏）：请重新导出或索取原文件"
                            + logged(exc, path)) from exc
    with archive:
        package = _Package(path, archive)
        return package.pages(), package.codes


class _Package:
    """The parts of one OFD, read as the pages need them."""

    def __init__(self, path: Path, archive: zipfile.ZipFile) -> None:
        self.path = path
        self.archive = archive
        self.names = {info.filename.replace("\\", "/").lstrip("/"): info for info in archive.infolist()}
        self.folded = {name.lower(): name for name in self.names}
        """Each part's name by its lower case: a BaseLoc may spell a folder 「pages」 that is 「Pages」."""
        self.params: dict[str, tuple[dict[str, str], list]] = {}  # type: ignore[type-arg]
        self.drawn = 0
        self.media: dict[str, str] = {}
        """Each picture resource's part, by ID."""
        self.clear: dict[str, bool] = {}
        """Whether each picture resource has a transparent part (`_see_through`), once each."""
        self.parsed: dict[str, object] = {}
        """Each template page's and resource's part, parsed, by name: read once, however many pages use it."""
        self.units: dict[str, object] = {}
        """The graphic units (CompositeGraphicUnit) of the resources, by ID, for CompositeObjects."""
        self.codes: dict[str, int] = {}
        """Each character drawn and its code in the one font, in order of first use (`draw_pdf`)."""
        self.absent: list[str] = []
        """Resource parts the document names and the package lacks (`_resources`)."""

    def part(self, name: str, what: str):  # type: ignore[no-untyped-def]
        """The root element of part `name` (`what` says what it is for the clerk)."""
        from lxml import etree

        info = self.names.get(name)
        if info is None:
            raise ImportFailure(f"OFD 文件不完整：缺少「{name}」（{what}），无法读取：请重新导出或索取原文件")
        try:
            data = self.archive.read(info)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error, RuntimeError) as exc:
            raise ImportFailure(f"OFD 文件中的「{name}」（{what}）无法解压，文件已损坏：请重新导出或索取原文件"
                                + logged(exc, self.path)) from exc
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as exc:
            if self._encrypted():
                raise ImportFailure(f"OFD 文件的内容已加密（「{name}」不是可读的 XML），无法读取：{_ASK}") from exc
            raise ImportFailure(f"OFD 文件中的「{name}」（{what}）已损坏，不是完整的 XML，无法读取：请重新导出或索取原文件"
                                + logged(exc, self.path)) from exc
        if root.getroottree().docinfo.doctype:  # `sniff.check_zip` looked only at the parts named .xml
            raise ImportFailure(f"文件中的「{name}」含有 DOCTYPE/ENTITY 声明（OFD 软件不会这样保存，可能是恶意构造的文件），"
                                "拒绝读取：请向填报单位索取原文件")
        return root

    def _encrypted(self) -> bool:
        """Whether the package says its parts are encrypted (GB/T 33190's Encryptions entry)."""
        return any(posixpath.basename(name).lower().startswith("encryption") for name in self.names)

    def locate(self, base: str, loc: str, what: str) -> str:
        """The part a BaseLoc names: from the package's root when it starts with 「/」, else from the
        folder of the part that names it (producers differ; a path from the root is also tried)."""
        loc = loc.strip().replace("\\", "/")
        if not loc:
            raise ImportFailure(f"OFD 文件有误：{what}的位置（BaseLoc）是空的，无法读取：请重新导出或索取原文件")
        candidates = [posixpath.normpath(loc.lstrip("/"))] if loc.startswith("/") else \
            [posixpath.normpath(posixpath.join(base, loc)), posixpath.normpath(loc)]
        found = next((c for c in candidates if c in self.names), None) or \
            next((self.folded[c.lower()] for c in candidates if c.lower() in self.folded), None)
        return found or candidates[0]

    def pages(self) -> list[_Page]:
        root = self.part(self.locate("", "OFD.xml", "文件入口"), "文件入口")
        roots = [e.text.strip() for e in _all(root, "DocRoot") if (e.text or "").strip()]
        if not roots:
            raise ImportFailure("OFD 文件有误：「OFD.xml」没有指明文档（DocBody/DocRoot），无法读取：请重新导出或索取原文件")
        if len(roots) > 1:  # a 公文 and its 附件 as documents of their own: one read would drop the rest unseen
            raise ImportFailure(f"OFD 文件中有 {len(roots)} 份文档（「{'」「'.join(roots[:5])}」{'等' if len(roots) > 5 else ''}），"
                                "一次只能读取一份：请在 OFD 阅读器中把各份文档分别「另存为」PDF（或 OFD）后分别导入")
        doc_root = roots[0]
        doc_name = self.locate("", doc_root, "文档")
        document = self.part(doc_name, "文档")
        folder = posixpath.dirname(doc_name)
        common = _child(document, "CommonData")
        area = _box(_child(_child(common, "PageArea"), "PhysicalBox")) if common is not None else None
        for res in ([*_children(common, "PublicRes"), *_children(common, "DocumentRes")] if common is not None else []):
            self._resources(self.locate(folder, res.text or "", "资源"))
        templates = {t.get("ID", ""): t for t in (_children(common, "TemplatePage") if common is not None else [])}
        listed = [e for e in _all(_child(document, "Pages"), "Page")] if _child(document, "Pages") is not None else []
        if len(listed) > MAX_PAGES:
            raise Refused(f"OFD 共 {len(listed)} 页，超过一份自评报告的上限（{MAX_PAGES} 页）："
                                "请把各项目的报告拆成单独的文件后再导入")
        if not listed:
            raise ImportFailure(f"OFD 文件中没有任何页面（「{doc_name}」的 Pages 是空的）：请重新导出或索取原文件")
        annotated = self._annotated(document, folder)
        pages = []
        for number, entry in enumerate(listed, start=1):
            name = self.locate(folder, entry.get("BaseLoc", ""), f"第 {number} 页")
            content = self.part(name, f"第 {number} 页的内容")
            for res in _children(content, "PageRes"):
                self._resources(self.locate(posixpath.dirname(name), res.text or "", "页面资源"))
            page = _Page(number, _box(_child(_child(content, "Area"), "PhysicalBox")) or area or A4)
            used = [(t.get("ZOrder", "Background"), templates.get(t.get("TemplateID", ""))) for t in _children(content, "Template")]
            for order, template in used:
                if template is not None and order != "Foreground":
                    self._template(page, template, folder, number)
            self._content(page, content, template=False)
            for order, template in used:
                if template is not None and order == "Foreground":
                    self._template(page, template, folder, number)
            for part in annotated.get(entry.get("ID", ""), []):
                self._annotate(page, part)
            pages.append(page)
        return pages

    def _annotated(self, document, folder: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
        """The annotation parts of each page, by the page's ID (Document.xml's Annotations → its list)."""
        listed = _child(document, "Annotations")
        if listed is None or not (listed.text or "").strip():
            return {}
        name = self.locate(folder, listed.text or "", "批注")
        if name not in self.names:  # named and not written (ofdrw does so): no reader shows annotations it has not got
            return {}
        out: dict[str, list[str]] = {}
        for page in _children(self.part(name, "批注目录"), "Page"):
            for loc in _children(page, "FileLoc"):
                found = self.locate(posixpath.dirname(name), loc.text or "", "批注")
                if found in self.names:
                    out.setdefault(page.get("PageID", ""), []).append(found)
        return out

    def _annotate(self, page: _Page, name: str) -> None:
        """A page's annotations that show what its content does not, as the PDF annotations the PDF
        reader refuses over a table and names elsewhere (`pdf_reader.drawn_annotations`): typed text
        (a FreeText) or a filled shape or picture (a filled Square) where the annotation stands.
        Links, highlights, seals (Stamp) and watermarks are not (a PDF's are not either), nor
        strokes alone (a circle drawn round a figure)."""
        left, top, _, height = page.box
        for annot in _all(self.part(name, f"第 {page.number} 页的批注"), "Annot"):
            if annot.get("Visible", "true") == "false" or annot.get("Type", "Path") in _UNSHOWN_ANNOTATIONS:
                continue
            appearance = _child(annot, "Appearance")
            box = _box(appearance, "Boundary")
            if box is None:
                continue
            text = "".join(code.text or "" for code in _all(appearance, "TextCode")).strip()
            filled = any(_local(e) == "ImageObject" or (_local(e) == "PathObject" and e.get("Fill") == "true")
                         for e in appearance.iter())
            if not (text or filled):
                continue
            x, y, w, h = box
            rect = b"%.3f %.3f %.3f %.3f" % ((x - left) * MM, (height + top - y - h) * MM, (x - left + w) * MM, (height + top - y) * MM)
            if text:
                shown = b" /Contents (%s)" % text[:20].encode() if text.isascii() and text.isprintable() and "(" not in text \
                    and ")" not in text and "\\" not in text else b""
                page.annots.append(b"<< /Type /Annot /Subtype /FreeText /Rect [%s]%s /DA (/F1 10 Tf 0 g) >>" % (rect, shown))
            else:
                page.annots.append(b"<< /Type /Annot /Subtype /Square /Rect [%s] /IC [1 1 1] >>" % rect)

    def _template(self, page: _Page, template, folder: str, number: int) -> None:  # type: ignore[no-untyped-def]
        name = self.locate(folder, template.get("BaseLoc", ""), f"第 {number} 页的模板页")
        if name not in self.parsed:  # parsed once for the pages that use it: often every page
            self.parsed[name] = self.part(name, f"第 {number} 页的模板页")
        self._content(page, self.parsed[name], template=True)

    def _resources(self, name: str) -> None:
        """The drawing parameters, graphic units and pictures of a resource part (fonts are not
        needed: the text is drawn in one font, `draw_pdf`), once each (pages may share a PageRes).
        A part the package lacks is passed over: what it would have held is then drawn in the
        default style, a picture as one of unknown kind, and a graphic unit refused where drawn."""
        if name in self.parsed or name in self.absent:
            return
        if name not in self.names:  # ofdrw names a PublicRes.xml it never writes when nothing needs one
            self.absent.append(name)
            return
        res = self.parsed[name] = self.part(name, "资源")
        for param in _all(res, "DrawParam"):
            self.params[param.get("ID", "")] = (dict(param.attrib), list(param))
        for unit in _all(res, "CompositeGraphicUnit"):
            self.units[unit.get("ID", "")] = unit
        media = posixpath.join(posixpath.dirname(name), res.get("BaseLoc", "") or "")
        for item in _all(res, "MultiMedia"):
            file = _child(item, "MediaFile")
            if file is not None and (file.text or "").strip():
                self.media[item.get("ID", "")] = self.locate(media, file.text or "", "图片")

    # ----------------------------------------------------------------------- content

    def _content(self, page: _Page, content, *, template: bool) -> None:  # type: ignore[no-untyped-def]
        box = _child(content, "Content")
        if box is None:
            return
        left, top, _, height = page.box
        on_page = (MM, 0.0, 0.0, -MM, -left * MM, (height + top) * MM)  # millimetres down from the top → points up
        for layer in sorted(_children(box, "Layer"), key=lambda layer: _LAYERS.get(layer.get("Type", "Body"), 1)):
            self._objects(page, layer, self._style(_Style(), layer.get("DrawParam")), template, 0, on_page)

    def _objects(self, page: _Page, parent, style: _Style, template: bool, depth: int,  # type: ignore[no-untyped-def]
                 outer: _Matrix, clips: tuple[_Region, ...] = ()) -> None:
        """Draw the objects in `parent`, whose coordinates `outer` maps to the PDF page's, inside
        every one of `clips` (the clip paths of the graphic units they are drawn in)."""
        if depth > _DEPTH:
            return
        for item in parent:
            kind = _local(item)
            if kind == "PageBlock":
                self._objects(page, item, style, template, depth + 1, outer, clips)
                continue
            if kind not in _DRAWN or item.get("Visible", "true") == "false" or item.get("Alpha", "255").strip() == "0":
                continue  # not shown (Alpha 0 is wholly transparent)
            self._spend()
            own = self._style(style, item.get("DrawParam"))
            placed = _times(outer, _placed(item))
            inside = (*clips, *self._clips(item, outer, placed))
            if kind == "TextObject":
                self._text(page, item, own, template, placed, inside)
            elif kind == "PathObject":
                self._path(page, item, own, placed)
            elif kind == "ImageObject":
                self._image(page, item, placed)
            elif (unit := self.units.get(item.get("ResourceID", ""))) is not None:
                # a CompositeObject: the resource's graphic unit (CompositeGraphicUnit), drawn in the
                # object's place; converters from PDF put a page's every text in such units
                for content in _children(unit, "Content"):
                    self._objects(page, content, own, template, depth + 1, placed, inside)
            elif self.absent:  # its text may be in the part that is not there: not read as if it were blank
                raise ImportFailure(f"OFD 文件不完整：缺少「{self.absent[0]}」（资源），第 {page.number} 页引用的图元"
                                    f"（CompositeObject {item.get('ResourceID', '')}）无法读取：请重新导出或索取原文件")

    def _clips(self, item, outer: _Matrix, placed: _Matrix) -> list[_Region]:  # type: ignore[no-untyped-def]
        """The clip paths of an object (Clips, GB/T 33190 §8.5), each a region in PDF points: what
        is drawn outside any one of them does not print. A Clip's Areas are a union, its Clips an
        intersection (a converter from PDF writes a PDF's nested clips as several Clips). An Area
        is relative to the object's Boundary (its top left), mapped by its own CTM and its Path's
        placement; by the object's CTM too only when Clips says TransFlag="true" (false by
        default, as ofdrw reads it; a converter's Path Boundary of 「-32.95 -713.87 …」 under an
        object at 「32.95 713.87」 with a CTM of 9 puts the clip at the unit's origin so). An Area
        of text (a glyph-shaped window) is taken to hold everything: text is not drawn through
        letters in any form."""
        out: list[_Region] = []
        for group in _children(item, "Clips"):
            frame = placed if group.get("TransFlag", "false") == "true" else \
                _times(outer, (1.0, 0.0, 0.0, 1.0, *_placed_at(item)))
            for clip in _children(group, "Clip"):
                if not _children(clip, "Area"):  # malformed (the standard wants one): no clip
                    continue
                region: _Region = []
                for area in _children(clip, "Area"):
                    path = _child(area, "Path")
                    if path is None:  # an Area of text, or none this reader knows: holds everything
                        region = []
                        break
                    where = _times(_times(frame, _ctm(area)), _placed(path))
                    data = "".join(e.text or "" for e in _children(path, "AbbreviatedData"))
                    region.extend(_polygons(data, where))
                else:
                    out.append(region)
        return out

    def _spend(self) -> None:
        """Count one more thing drawn; ImportFailure past `MAX_DRAWN`."""
        self.drawn += 1
        if self.drawn > MAX_DRAWN:
            raise Refused(f"OFD 内容过多（超过 {MAX_DRAWN} 个字和图形），不像一份自评报告，拒绝读取：{_ASK}")

    def _style(self, style: _Style, param_id: str | None) -> _Style:
        """`style` with the drawing parameter `param_id` (and those it is relative to) applied."""
        chain = []
        seen: set[str] = set()
        while param_id and param_id in self.params and param_id not in seen and len(chain) < _DEPTH:
            seen.add(param_id)
            chain.append(self.params[param_id])
            param_id = self.params[param_id][0].get("Relative")
        out = _Style(style.line_width, style.stroke, style.fill)
        for attrib, children in reversed(chain):
            if (width := _number(attrib.get("LineWidth"))) is not None:
                out.line_width = width
            for child in children:
                if _local(child) == "FillColor":
                    out.fill = self._colour(child, out.fill)
                elif _local(child) == "StrokeColor":
                    out.stroke = self._colour(child, out.stroke)
        return out

    def _colour(self, element, default: tuple[float, ...]) -> tuple[float, ...]:  # type: ignore[no-untyped-def]
        """A colour's components from 0 to 1 (gray, RGB or CMYK by their number); `default` for an
        indexed or pattern colour this reader does not follow."""
        value = element.get("Value")
        if value is None:
            return default
        parts = []
        for token in value.split():
            try:
                parts.append(int(token[1:], 16) if token.startswith("#") else float(token))
            except ValueError:
                return default
        if len(parts) not in (1, 3, 4):
            return default
        return tuple(min(max(v / 255, 0.0), 1.0) for v in parts)  # 8 bits a component, the standard's default

    def _text(self, page: _Page, item, style: _Style, template: bool, placed: _Matrix,  # type: ignore[no-untyped-def]
              clips: tuple[_Region, ...] = ()) -> None:
        """Each glyph where its TextCode, deltas and ReadDirection put it; one whose middle lies
        outside `clips` is drawn in the mode that paints nothing (``3 Tr``), so the PDF reader
        leaves it out and names it (「…（文字设为不显示）」) as it does a PDF's hidden text."""
        a, b, c, d, e, f = placed
        size = _number(item.get("Size")) or 3.528
        along = _READ_DIRECTIONS.get(int(_number(item.get("ReadDirection")) or 0) % 360, (1, 0))
        fill, stroke = style.fill, style.stroke
        for child in item:
            if _local(child) == "FillColor":
                fill = self._colour(child, fill)
            elif _local(child) == "StrokeColor":
                stroke = self._colour(child, stroke)
        filled, stroked = item.get("Fill", "true") != "false", item.get("Stroke", "false") == "true"
        mode = 2 if filled and stroked else 0 if filled else 1 if stroked else 3
        paint = f"{_paint(fill, fill=True)} {_paint(stroke, fill=False)} {mode} Tr".encode()
        hidden = f"{_paint(fill, fill=True)} {_paint(stroke, fill=False)} 3 Tr".encode()
        scale = math.hypot(a, b)
        x = y = 0.0
        for code in _children(item, "TextCode"):
            text = _LAYOUT.sub("", code.text or "")
            x = _number(code.get("X")) if code.get("X") is not None else x
            y = _number(code.get("Y")) if code.get("Y") is not None else y
            x, y = x or 0.0, y or 0.0
            dx, dy = _deltas(code.get("DeltaX", ""), len(text)), _deltas(code.get("DeltaY", ""), len(text))
            gx, gy = x, y
            places = []
            for k in range(len(text)):
                if k:  # without a delta, the glyph before's width along the reading direction
                    gx += dx[k - 1] if k - 1 < len(dx) else along[0] * _advance(text[k - 1], size)
                    gy += dy[k - 1] if k - 1 < len(dy) else along[1] * _advance(text[k - 1], size)
                places.append((gx, gy))
            if along in _BACKWARDS:  # the places taken in the page's order, the characters in reading order
                places.sort(key=lambda place: place[0] if along[0] else place[1])
                if not (dx if along[0] else dy):  # each glyph its own width on from the first, as it prints
                    step = (1, 0) if along[0] else (0, 1)
                    for k in range(1, len(text)):
                        width = _advance(text[k - 1], size)
                        places[k] = (places[k - 1][0] + step[0] * width, places[k - 1][1] + step[1] * width)
            for ch, (gx, gy) in zip(text, places, strict=True):
                self._spend()
                px, py = a * gx + c * gy + e, b * gx + d * gy + f
                mx, my = gx + _advance(ch, size) / 2, gy - size * 0.4  # the glyph's middle
                shown = all(_holds(region, (a * mx + c * my + e, b * mx + d * my + f)) for region in clips)
                page.texts += not ch.isspace()
                if template:
                    page.template_text.append((-py, px, size * scale, ch))
                    continue
                code = self.codes.setdefault(ch, len(self.codes) + 1)
                # the glyph's x axis is the object's, its up the object's -y (OFD's y runs down)
                page.ops.append(b"BT %s /F1 1 Tf %.4f %.4f %.4f %.4f %.3f %.3f Tm <%04X> Tj ET"
                                % (paint if shown else hidden, a * size, b * size, -c * size, -d * size, px, py, code))

    def _path(self, page: _Page, item, style: _Style, placed: _Matrix) -> None:  # type: ignore[no-untyped-def]
        a, b, c, d, e, f = placed
        fill, stroke = style.fill, style.stroke
        data = ""
        shaded = False
        for child in item:
            if _local(child) == "FillColor":
                fill = self._colour(child, fill)
                shaded = any(_local(e) in _SHADINGS for e in child)
            elif _local(child) == "StrokeColor":
                stroke = self._colour(child, stroke)
            elif _local(child) == "AbbreviatedData":
                data = child.text or ""
        # a fill by a pattern or gradient has no one colour: left unfilled, as the PDF reader takes a
        # box of a colour it cannot tell for one that may be seen through (its text is read)
        stroked, filled = item.get("Stroke", "true") != "false", item.get("Fill", "false") == "true" and not shaded
        if not (stroked or filled) or not data.strip():
            return

        def point(x: float, y: float) -> bytes:
            return b"%.3f %.3f" % (a * x + c * y + e, b * x + d * y + f)

        ops = []
        commands = list(_commands(data))
        at = start = (0.0, 0.0)
        for k, (command, numbers) in enumerate(commands):
            if command in ("M", "S") and len(numbers) >= 2:
                ops.append(point(*numbers[:2]) + b" m")
                at = start = (numbers[0], numbers[1])
            elif command == "L" and len(numbers) >= 2:
                ops.append(point(*numbers[:2]) + b" l")
                at = (numbers[0], numbers[1])
            elif command == "B" and len(numbers) >= 6:
                ops.append(b"%s %s %s c" % (point(*numbers[0:2]), point(*numbers[2:4]), point(*numbers[4:6])))
                at = (numbers[4], numbers[5])
            elif command == "Q" and len(numbers) >= 4:  # a quadratic curve: its control point twice will do
                ops.append(b"%s %s %s c" % (point(*numbers[0:2]), point(*numbers[0:2]), point(*numbers[2:4])))
                at = (numbers[2], numbers[3])
            elif command == "A" and len(numbers) >= 7:
                beside = {commands[k - 1][0] if k else "", commands[k + 1][0] if k + 1 < len(commands) else ""}
                for piece in _arc(at, numbers, "L" in beside):
                    ops.append(b" ".join(point(*xy) for xy in piece) + (b" c" if len(piece) == 3 else b" l"))
                at = (numbers[5], numbers[6])
            elif command in ("C", "Z"):
                ops.append(b"h")
                at = start
        if not ops or not ops[0].endswith(b" m"):
            return
        width = (_number(item.get("LineWidth")) or style.line_width) * math.sqrt(abs(a * d - b * c))
        paint = " ".join(x for x, on in ((_paint(fill, fill=True), filled), (_paint(stroke, fill=False), stroked)) if on)
        op = b"B" if stroked and filled else b"f" if filled else b"S"
        page.ops.append(b"q %s %.3f w %s %s Q" % (paint.encode(), width, b" ".join(ops), op))

    def _image(self, page: _Page, item, placed: _Matrix) -> None:  # type: ignore[no-untyped-def]
        """A picture: drawn as a placeholder where it stands, so the PDF reader tells a page of
        pictures (a scan) and a picture laid over text. Its CTM maps the picture's unit square
        into its Boundary; without one it fills the Boundary."""
        box = _box(item, "Boundary")
        if item.get("CTM") is None:
            if box is None:
                return
            placed = _times(placed, (box[2], 0.0, 0.0, box[3], 0.0, 0.0))
        a, b, c, d, e, f = placed
        xs, ys = [e, a + e, c + e, a + c + e], [f, b + f, d + f, b + d + f]
        x0, y0 = min(xs), min(ys)
        w, h = max(xs) - x0, max(ys) - y0
        if w <= 0 or h <= 0:
            return
        page.images += 1
        clear = item.get("ImageMask") is not None or self._see_through(item.get("ResourceID", ""))
        page.ops.append(b"q %.3f 0 0 %.3f %.3f %.3f cm /%s Do Q" % (w, h, x0, y0, b"Im2" if clear else b"Im1"))

    def _see_through(self, resource: str) -> bool:
        """Whether the picture has transparent parts (a seal's ground shows the text under it): a PNG
        with an alpha channel or a transparent colour; not a JPEG, BMP or TIFF. A picture this
        reader cannot look at (missing, another format) counts as see-through, so the text under
        it is read, as the PDF reader reads text under a shape of unknown transparency."""
        if resource not in self.clear:
            info = self.names.get(self.media.get(resource, ""))
            head = b""
            if info is not None:
                try:
                    with self.archive.open(info) as media:
                        head = media.read(_PICTURE_HEAD)
                except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error, RuntimeError):
                    head = b""
            if head.startswith(b"\x89PNG"):
                data_at = head.find(b"IDAT")
                self.clear[resource] = (len(head) > 25 and head[25] in (4, 6)) or b"tRNS" in head[:data_at if data_at > 0 else None]
            else:
                self.clear[resource] = not head.startswith((b"\xff\xd8", b"BM", b"II*\x00", b"MM\x00*"))
        return self.clear[resource]


# --------------------------------------------------------------------------- XML helpers


def _local(element) -> str:  # type: ignore[no-untyped-def]
    """An element's name without its namespace (producers write ofd:, none, or another prefix)."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(parent, name: str) -> list:  # type: ignore[no-untyped-def, type-arg]
    return [] if parent is None else [e for e in parent if _local(e) == name]


def _child(parent, name: str):  # type: ignore[no-untyped-def]
    return next(iter(_children(parent, name)), None)


def _all(parent, name: str) -> Iterator:  # type: ignore[no-untyped-def, type-arg]
    return (e for e in parent.iter() if _local(e) == name) if parent is not None else iter(())


_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return min(max(value, -_FAR), _FAR) if math.isfinite(value) else None


def _floats(text: str) -> list[float]:
    """The numbers in `text`, each within `_FAR` (a value beyond is no place on a page, and its products
    could overflow to a PDF number no reader parses)."""
    return [min(max(float(x), -_FAR), _FAR) for x in _NUMBER.findall(text)]


_FAR = 1e6
"""Millimetres (or an object's own units) beyond any page: a kilometre."""


def _box(element, attribute: str = "") -> tuple[float, float, float, float] | None:  # type: ignore[no-untyped-def]
    """「x y w h」 of an element's text (PhysicalBox) or attribute (Boundary); None when absent or malformed."""
    if element is None:
        return None
    text = element.get(attribute) if attribute else element.text
    values = _floats(text or "")
    if len(values) != 4 or values[2] <= 0 or values[3] <= 0:
        return None
    return values[0], values[1], values[2], values[3]


_Matrix = tuple[float, float, float, float, float, float]
"""An affine map (a, b, c, d, e, f): (x, y) → (a·x + c·y + e, b·x + d·y + f), as OFD's CTM and PDF's cm."""
_DRAWN = ("TextObject", "PathObject", "ImageObject", "CompositeObject")
_UNSHOWN_ANNOTATIONS = ("Link", "Highlight", "Stamp", "Watermark")
_SHADINGS = ("Pattern", "AxialShd", "RadialShd", "GouraudShd", "LaGourandShd", "LaGouraudShd")
"""What a FillColor may hold instead of one colour (GB/T 33190 §8.3; the standard spells the last 「LaGourandShd」)."""
_PICTURE_HEAD = 65_536
"""Bytes of a picture read to tell whether it is see-through: a PNG's header and the chunks before its data."""
_LAYERS = {"Background": 0, "Body": 1, "Foreground": 2}
"""The order a page's layers are drawn in, whatever order they are written in."""


def _placed(item) -> _Matrix:  # type: ignore[no-untyped-def]
    """How an object's own coordinates map to its parent's: by its CTM, then from its Boundary's top left."""
    bx, by = _placed_at(item)
    a, b, c, d, e, f = _ctm(item)
    return a, b, c, d, e + bx, f + by


def _placed_at(item) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """The top left of an object's Boundary."""
    origin = _floats(item.get("Boundary", ""))
    return (origin[0], origin[1]) if len(origin) >= 2 else (0.0, 0.0)


def _ctm(item) -> _Matrix:  # type: ignore[no-untyped-def]
    values = _floats(item.get("CTM", ""))
    return (values[0], values[1], values[2], values[3], values[4], values[5]) if len(values) == 6 else \
        (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


_Region = list[list[tuple[float, float]]]
"""A clip region: polygons in PDF points, a point inside any of which prints (the Areas of one Clip)."""


def _polygons(data: str, placed: _Matrix) -> _Region:
    """The closed outlines an AbbreviatedData draws, mapped by `placed`: each subpath by the points
    it passes through (a curve by its end and control points, close enough for a clip, which is
    a rectangle in every producer's output we know)."""
    a, b, c, d, e, f = placed
    out: _Region = []
    for command, numbers in _commands(data):
        if command in ("M", "S"):
            out.append([])
        if not out:
            continue
        pairs = numbers[5:7] if command == "A" else numbers
        out[-1].extend((a * x + c * y + e, b * x + d * y + f) for x, y in zip(pairs[0::2], pairs[1::2], strict=False))
    return [polygon for polygon in out if len(polygon) >= 3]


def _holds(region: _Region, point: tuple[float, float]) -> bool:
    """Whether a point lies inside any polygon of `region` (even-odd rule)."""
    x, y = point
    for polygon in region:
        inside = False
        for (x0, y0), (x1, y1) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                inside = not inside
        if inside:
            return True
    return False


_LAYOUT = re.compile(r"^\s*\n\s*|\s*\n\s*$")
"""A TextCode's pretty-printing: whitespace with a line break at either end of its text (ofdrw's own
test pages are written so). No producer puts a line break in the text it draws (a TextCode is one
line); the deltas are for the glyphs between. A space alone at either end is a glyph and kept."""
_READ_DIRECTIONS = {0: (1, 0), 90: (0, 1), 180: (-1, 0), 270: (0, -1)}
"""A TextObject's ReadDirection (degrees clockwise) as the way a glyph without a delta steps from the
one before, in the object's coordinates (y down): 90 reads down the page, a column of vertical text."""
_BACKWARDS = ((-1, 0), (0, -1))
"""Reading directions against the page's (180: right to left, 270: up the page). The PDF reader
reads a line left to right and a column top down, so such text would come out reversed
(「数量指标」 as 「标指量数」): its characters are drawn in reading order over the places its glyphs
take, sorted along the page; where no delta places them, each glyph stands its own width on from
the one before it in reading order, from the run's far end (so half-width digits among Chinese
characters, 「满意度95%」, leave no gaps that would read as spaces). Where deltas place them, the
places are kept and only which character stands in which changes."""


def _times(outer: _Matrix, inner: _Matrix) -> _Matrix:
    """`inner` then `outer`."""
    a, b, c, d, e, f = outer
    p, q, r, s, t, u = inner
    return a * p + c * q, b * p + d * q, a * r + c * s, b * r + d * s, a * t + c * u + e, b * t + d * u + f


def _deltas(text: str, limit: int = 100_000) -> list[float]:
    """DeltaX/DeltaY as one number per gap: 「g 3 4.5」 stands for 4.5 three times (GB/T 33190 §11.3);
    no more than `limit` of them (the glyphs they place)."""
    tokens = text.split()
    out: list[float] = []
    k = 0
    while k < len(tokens) and len(out) < limit:
        if tokens[k] == "g" and k + 2 < len(tokens):
            count, value = _number(tokens[k + 1]), _number(tokens[k + 2])
            if count is not None and value is not None:
                out.extend([value] * max(min(int(count), limit - len(out)), 0))
            k += 3
            continue
        value = _number(tokens[k])
        if value is not None:
            out.append(value)
        k += 1
    return out


def _advance(ch: str, size: float) -> float:
    """A glyph's width where the OFD gives no delta: half an em for a Latin letter or digit."""
    return size / 2 if _half(ch) else size


def _half(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("Na", "H")


_COMMAND = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _arc(at: tuple[float, float], numbers: list[float],
         straight: bool) -> list[tuple[tuple[float, float], ...]]:
    """An arc (``A rx ry angle large sweep x y``, as SVG's, from `at`) as the pieces of a path:
    Bézier curves of a quarter turn at most (three points each), or one straight piece (one point)
    where the arc is none (a radius of 0, the end its start).

    A quarter of a circle or ellipse with its ends on its axes, beside a straight piece of the path
    (`straight`: a rounded rectangle's corner, a cell drawn with rounded corners) is drawn as the
    square corner its two straight sides meet at: the PDF reader's table finder takes a table's
    ruling from straight lines only and finds a cell by its four corners, and the rounded border
    of a table (2 mm radius and more) lost its corner cells and split the rest
    (tests/test_import_ofd.py). A figure drawn of arcs alone (a circle round a figure) is drawn
    round, and no ruling."""
    rx, ry, angle, large, sweep, x2, y2 = numbers[:7]
    x1, y1 = at
    rx, ry = abs(rx), abs(ry)
    if rx < 1e-9 or ry < 1e-9 or (abs(x2 - x1) < 1e-9 and abs(y2 - y1) < 1e-9):
        return [((x2, y2),)]
    phi = math.radians(angle)
    cos, sin = math.cos(phi), math.sin(phi)
    hx, hy = (x1 - x2) / 2, (y1 - y2) / 2
    px, py = cos * hx + sin * hy, -sin * hx + cos * hy
    grow = (px / rx) ** 2 + (py / ry) ** 2
    if grow > 1:  # radii too small to reach: scaled up until they do (SVG's rule)
        rx, ry = rx * math.sqrt(grow), ry * math.sqrt(grow)
    above = rx * rx * ry * ry - rx * rx * py * py - ry * ry * px * px
    below = rx * rx * py * py + ry * ry * px * px
    coef = math.sqrt(max(0.0, above / below)) * (-1 if bool(large) == bool(sweep) else 1)
    qx, qy = coef * rx * py / ry, -coef * ry * px / rx
    cx, cy = cos * qx - sin * qy + (x1 + x2) / 2, sin * qx + cos * qy + (y1 + y2) / 2
    first = math.atan2((py - qy) / ry, (px - qx) / rx)
    turn = math.atan2((-py - qy) / ry, (-px - qx) / rx) - first
    if sweep and turn < 0:
        turn += 2 * math.pi
    elif not sweep and turn > 0:
        turn -= 2 * math.pi
    quarter = abs(abs(turn) - math.pi / 2) < 1e-3 and abs(math.sin(2 * first)) < 1e-3 and abs(math.sin(2 * phi)) < 1e-3
    if straight and quarter:
        return [((x1 + x2 - cx, y1 + y2 - cy),), ((x2, y2),)]

    pieces = max(1, math.ceil(abs(turn) / (math.pi / 2) - 1e-9))
    step = turn / pieces
    lean = 4 / 3 * math.tan(step / 4)
    out = []
    for n in range(pieces):
        t1, t2 = first + n * step, first + (n + 1) * step
        c1 = (math.cos(t1) - lean * math.sin(t1), math.sin(t1) + lean * math.cos(t1))
        c2 = (math.cos(t2) + lean * math.sin(t2), math.sin(t2) - lean * math.cos(t2))
        out.append(tuple(_ellipse(u, cos, sin, rx, ry, cx, cy) for u in (c1, c2, (math.cos(t2), math.sin(t2)))))
    out[-1] = (*out[-1][:2], (x2, y2))
    return out


def _ellipse(unit: tuple[float, float], cos: float, sin: float, rx: float, ry: float, cx: float,
             cy: float) -> tuple[float, float]:
    """A point of the unit circle's plane mapped onto the arc's ellipse."""
    ux, uy = unit
    return cos * rx * ux - sin * ry * uy + cx, sin * rx * ux + cos * ry * uy + cy


def _commands(data: str) -> Iterator[tuple[str, list[float]]]:
    """AbbreviatedData as (command, its numbers): 「M 0 0 L 10 0 C」."""
    command, numbers = "", []
    for token in _COMMAND.findall(data):
        if token.isalpha():
            if command:
                yield command, numbers
            command, numbers = token.upper(), []
        else:
            numbers.append(min(max(float(token), -_FAR), _FAR))
    if command:
        yield command, numbers


def _paint(colour: tuple[float, ...], *, fill: bool) -> str:
    op = {1: "g", 3: "rg", 4: "k"}[len(colour)]
    return " ".join(f"{v:.3f}" for v in colour) + " " + (op if fill else op.upper())


# --------------------------------------------------------------------------- headers


def _template_headers(pages: list[_Page]) -> list[str]:
    """The lines of text the template pages put on the pages, once each: glyphs on one baseline,
    a gap wider than a glyph between them read as a space."""
    lines: list[str] = []
    for page in pages:
        rows: dict[float, list[tuple[float, float, str]]] = {}
        for y, x, size, ch in page.template_text:
            key = next((k for k in rows if abs(k - y) < size / 2), y)
            rows.setdefault(key, []).append((x, size, ch))
        for _, glyphs in sorted(rows.items()):
            glyphs.sort()
            text = ""
            for k, (x, size, ch) in enumerate(glyphs):
                if k and x - glyphs[k - 1][0] > 2 * size:
                    text += " "
                text += ch
            if text.strip():
                lines.append(text.strip())
    return list(dict.fromkeys(lines))


# --------------------------------------------------------------------------- the PDF


def draw_pdf(pages: list[_Page], codes: dict[str, int]) -> bytes:
    """The pages as a PDF: each glyph by its own text matrix in one font whose character `codes`
    (numbered in order of first use) its ToUnicode map maps back, full width but for what Unicode
    calls narrow or half-width (as a Chinese font draws them); paths and pictures as drawn."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes, extra: bytes = b"") -> int:
        packed = zlib.compress(data)
        return add(b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra) + packed + b"\nendstream")

    if len(codes) > 0xFFFE:
        raise Refused(f"OFD 中的不同文字超过 {0xFFFE} 个，不像一份自评报告，拒绝读取：{_ASK}")
    image = stream(b"\xc0", b"/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
                            b"/BitsPerComponent 8 ")
    mask = stream(b"\x80", b"/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
                            b"/BitsPerComponent 8 ")
    clear = stream(b"\xc0", b"/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
                             b"/BitsPerComponent 8 /SMask %d 0 R " % mask)
    entries = [b"<%04X> <%s>" % (code, ch.encode("utf-16-be").hex().upper().encode()) for ch, code in codes.items()]
    cmap = b"\n".join(b"%d beginbfchar\n%s\nendbfchar" % (len(entries[k:k + 100]), b"\n".join(entries[k:k + 100]))
                      for k in range(0, len(entries), 100))
    to_unicode = stream(b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) "
                        b"/Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
                        b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n%s\nendcmap CMapName currentdict /CMap "
                        b"defineresource pop end end" % cmap)
    half = b" ".join(b"%d [500]" % code for ch, code in codes.items() if _half(ch))
    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /ToUnicode %d 0 R /DescendantFonts "
               b"[<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) "
               b"/Ordering (Identity) /Supplement 0 >> /DW 1000 /W [%s] /FontDescriptor << /Type /FontDescriptor "
               b"/FontName /SimSun /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
               b"/CapHeight 880 /StemV 93 >> >>] >>" % (to_unicode, half))
    parent = len(objects) + sum(2 + len(page.annots) for page in pages) + 1  # the Pages object after every page's
    kids = []
    for page in pages:
        body = stream(b"\n".join([b"0 0 0 RG 0 0 0 rg", *page.ops]))
        annots = b" ".join(b"%d 0 R" % add(a) for a in page.annots)
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.3f %.3f] /Contents %d 0 R %s"
                        b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R /Im2 %d 0 R >> >> >>"
                        % (parent, page.box[2] * MM, page.box[3] * MM, body, b"/Annots [%s] " % annots if annots else b"",
                           font, image, clear)))
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))) == parent
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % parent)
    out = [b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"]
    offsets = []
    size = len(out[0])
    for n, body in enumerate(objects, start=1):
        offsets.append(size)
        chunk = b"%d 0 obj\n" % n + body + b"\nendobj\n"
        out.append(chunk)
        size += len(chunk)
    out.append(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.extend(b"%010d 00000 n \n" % o for o in offsets)
    out.append(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, size))
    return b"".join(out)

