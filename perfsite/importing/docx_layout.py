"""Where Word prints the objects that float over a document's tables: the tables' cells and the text
boxes and pictures anchored in the body's paragraphs (``wp:anchor``), on the page, in twips.

Word places a floating object by its offsets from the page, the margins or its anchor paragraph
(ECMA-376 20.4.3), not in the line of text: a text box anchored in the title paragraph and moved
down by its offset prints over the table's cells, and the reader that takes the box for a
paragraph before the table never sees it there. Across the page the cells are where the file
says: the table's grid (``w:tblGrid``) from the left margin, shifted by its indent or alignment
(within a cell margin, 0.19 cm). Down the page the heights are Word's where the file states them
(a row's exact ``w:trHeight``; a paragraph's exact line spacing) and otherwise estimated from the
lines of text at the paragraph's font size (`LINE` times it a line, a CJK character as wide as its
size, a Latin one half): each estimate adds half a line of doubt, summed from the object's
reference (its anchor paragraph, or the page's top) down to the cell. A cell counts as surely
covered when its middle is inside the object by more than that doubt, perhaps covered when
within it. Page breaks are Word's last rendered ones (``w:lastRenderedPageBreak``) where the
file holds them, else explicit breaks and the estimated heights filling the page.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from docx.oxml.ns import qn

EMU_PER_TWIP = 635
LINE = 1.3
"""A single-spaced line's height over its font size: 宋体 and 等线 at 10.5 pt set lines about 13.7 pt apart."""
DEFAULT_SIZE = 21
"""Half-points of text with no size set: 五号, 10.5 pt, Word's default for Chinese documents."""
CELL_MARGIN = 108
"""Twips of a table cell's left and right margins where the table sets none (Word's 0.19 cm)."""

_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_WP14 = "{http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing}"
ANCHOR = f"{_WP}anchor"
_P, _TBL, _TR, _TC, _T, _BR = (qn(f"w:{tag}") for tag in ("p", "tbl", "tr", "tc", "t", "br"))
_VAL, _BOX = qn("w:val"), qn("w:txbxContent")
_RENDERED = qn("w:lastRenderedPageBreak")


@dataclass(frozen=True)
class Page:
    """A section's page in twips (``w:pgSz``, ``w:pgMar``): Word's A4 with its default margins where none is set."""

    width: float = 11906
    height: float = 16838
    left: float = 1800
    right: float = 1800
    top: float = 1440
    bottom: float = 1440


def finite(text: object) -> float:
    """`text` as a number of the file's units; ValueError where it is none or no finite one: a
    「1e400」 or 「NaN」 read by ``float`` is an infinity or no number, and every edge summed from it
    is no place (``int(nan)`` raised)."""
    value = float(text)  # type: ignore[arg-type]
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def page_of(body) -> Page:  # type: ignore[no-untyped-def]
    """The page of the body's last section (``w:sectPr``), which a one-section form is laid out on."""
    sect = body.find(qn("w:sectPr"))
    if sect is None:
        return Page()
    size, margins = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))

    def twips(element, name: str, default: float) -> float:  # type: ignore[no-untyped-def]
        try:
            return finite(element.get(qn(f"w:{name}"))) if element is not None and element.get(qn(f"w:{name}")) else default
        except ValueError:
            return default

    base = Page()
    return Page(twips(size, "w", base.width), twips(size, "h", base.height), twips(margins, "left", base.left),
                twips(margins, "right", base.right), abs(twips(margins, "top", base.top)),
                abs(twips(margins, "bottom", base.bottom)))


@dataclass(frozen=True)
class Span:
    """A block's place down the page: its page (from 0), its top and height in twips, the doubt in
    twips of its top from the page's top (`Flow`), and of its own height."""

    page: int
    top: float
    height: float
    doubt: float
    own_doubt: float


@dataclass(frozen=True)
class CellBox:
    """A table cell on the page: its row and grid column (as the reader's grid numbers them), its
    left and right edges, its row's `Span`."""

    row: int
    column: int
    left: float
    right: float
    span: Span


class Flow:
    """The body's blocks placed one under another down the pages."""

    def __init__(self, page: Page, rendered: bool) -> None:
        self.page, self.rendered = page, rendered
        self.number, self.y, self.doubt = 0, page.top, 0.0

    def break_page(self) -> None:
        self.number, self.y, self.doubt = self.number + 1, self.page.top, 0.0

    def place(self, height: float, doubt: float, breaks_before: bool = False) -> Span:
        full = not self.rendered and self.y + height > self.page.height - self.page.bottom
        if (breaks_before or full) and self.y > self.page.top:
            self.break_page()
        span = Span(self.number, self.y, height, self.doubt, doubt)
        self.y += height
        self.doubt += doubt
        return span


def _number(element, name: str) -> float | None:  # type: ignore[no-untyped-def]
    if element is None:
        return None
    try:
        return finite(element.get(qn(f"w:{name}")))
    except (TypeError, ValueError):
        return None


def _text_of(p) -> str:  # type: ignore[no-untyped-def]
    """The paragraph's own text, without the text boxes drawn in it."""
    if next(p.iter(_BOX), None) is None:
        return "".join(t.text or "" for t in p.iter(_T))
    return "".join(t.text or "" for t in p.iter(_T) if not any(a.tag == _BOX for a in t.iterancestors()))


def _size(p, default: float) -> float:  # type: ignore[no-untyped-def]
    """The paragraph's largest text in points: its runs' sizes (``w:sz``, half-points), else `default`."""
    sizes = [v for sz in p.iter(qn("w:sz")) if (v := _number(sz, "val")) and not any(a.tag == _BOX for a in sz.iterancestors())]
    return (max(sizes) if sizes else default) / 2


def printed_width(text: str, size: float) -> float:
    """Twips a line of `text` takes at `size` points: a CJK character as wide as its size, others half."""
    return sum(size * (20 if ord(ch) > 0x2E7F else 10) for ch in text)


@dataclass(frozen=True)
class Defaults:
    """The document's defaults for text: its size in half-points (``w:rPrDefault``) and paragraph
    spacing (``w:pPrDefault``'s ``w:spacing``: before, after, line, lineRule), where a paragraph sets none."""

    size: float = DEFAULT_SIZE
    spacing: tuple[tuple[str, str], ...] = ()


def defaults_of(styles) -> Defaults:  # type: ignore[no-untyped-def]
    """The `Defaults` of a styles part's root (``w:docDefaults``)."""
    if styles is None:
        return Defaults()
    size = _number(styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}"), "val")
    spacing = styles.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    return Defaults(size or DEFAULT_SIZE, tuple(spacing.attrib.items()) if spacing is not None else ())


def paragraph_height(p, width: float, defaults: Defaults) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(height in twips, doubt in twips) of paragraph `p` set in `width` twips: its spacing before and
    after, and its lines (the wrapped text, plus its line breaks) at its line spacing; what the
    paragraph does not set is the document's `defaults`."""
    props = p.find(qn("w:pPr"))
    own = props.find(qn("w:spacing")) if props is not None else None
    spacing = dict(defaults.spacing)
    if own is not None:
        spacing.update(own.attrib)
    size = _size(p, defaults.size)
    rule = spacing.get(qn("w:lineRule"), "auto")

    def twips(name: str) -> float | None:
        try:
            return finite(spacing[qn(f"w:{name}")])
        except (KeyError, ValueError):
            return None

    stated = twips("line")
    if stated is not None and rule == "exact":
        line, doubt = stated, 0.0
    elif stated is not None and rule == "atLeast":
        line = max(stated, size * 20 * LINE)
        doubt = 0.0 if stated >= size * 20 * LINE * 1.2 else line / 2
    else:
        line = size * 20 * LINE * ((stated or 240) / 240)
        doubt = line / 2
    breaks = sum(1 for br in p.iter(_BR) if br.get(qn("w:type"), "textWrapping") == "textWrapping")
    lines = max(1, math.ceil(printed_width(_text_of(p), size) / max(width, 1))) + breaks
    around = (twips("before") or 0.0) + (twips("after") or 0.0)
    return around + lines * line, doubt


def paragraph_in_cell(cell: CellBox, paragraphs: list, k: int, default: Defaults) -> Span:  # type: ignore[type-arg]
    """Where the `k`-th of a cell's `paragraphs` stands: under the ones before it, from the top of the
    cell's row, each adding its estimated height and its doubt (`paragraph_height`, set in the
    cell's width less its margins). The first paragraph is placed as the row is (its `Span`)."""
    if k == 0:
        return cell.span
    width = cell.right - cell.left - 2 * CELL_MARGIN
    sizes = [paragraph_height(p, width, default) for p in paragraphs[:k + 1]]
    above = sum(height for height, _ in sizes[:k])
    doubt = sum(d for _, d in sizes[:k])
    return Span(cell.span.page, cell.span.top + above, sizes[k][0], cell.span.doubt + doubt, sizes[k][1])


def _breaks_before(p, rendered: bool) -> bool:  # type: ignore[no-untyped-def]
    """Whether Word starts a new page at `p`: its last rendering broke the page there, the
    paragraph is set to start one (``w:pageBreakBefore``)."""
    props = p.find(qn("w:pPr"))
    if props is not None and (flag := props.find(qn("w:pageBreakBefore"))) is not None and flag.get(_VAL, "1") not in ("0", "false"):
        return True
    return rendered and next(p.iter(_RENDERED), None) is not None


def _breaks_after(p) -> bool:  # type: ignore[no-untyped-def]
    return any(br.get(qn("w:type")) == "page" for br in p.iter(_BR)) or \
        (p.find(qn("w:pPr")) is not None and p.find(qn("w:pPr")).find(qn("w:sectPr")) is not None)


def lay_out(blocks: Iterable, page: Page, content: Callable, default: Defaults = Defaults(),  # type: ignore[type-arg]
            ) -> tuple[dict[int, Span], dict[int, list[CellBox]]]:
    """The body's `blocks` (paragraphs and tables, in order) down the pages: each paragraph's `Span`
    and each table's cells, by the element's id(); `content` finds a parent's rows, cells or
    paragraphs as the reader does (through content controls and the like)."""
    blocks = list(blocks)
    rendered = any(next(b.iter(_RENDERED), None) is not None for b in blocks)
    flow = Flow(page, rendered)
    width = page.width - page.left - page.right
    spans: dict[int, Span] = {}
    tables: dict[int, list[CellBox]] = {}
    for block in blocks:
        if block.tag == _P:
            height, doubt = paragraph_height(block, width, default)
            spans[id(block)] = flow.place(height, doubt, _breaks_before(block, rendered))
            if _breaks_after(block):
                flow.break_page()
        elif block.tag == _TBL:
            tables[id(block)] = _table_cells(block, page, flow, content, default, rendered)
    return spans, tables


def _table_cells(tbl, page: Page, flow: Flow, content: Callable, default: Defaults,  # type: ignore[no-untyped-def, type-arg]
                 rendered: bool) -> list[CellBox]:
    """The table's cells placed in `flow`, row under row: across by its own grid (not a nested
    table's), down by each row's stated or estimated height; `rendered`: the document holds
    Word's last page breaks, a row starting a page where its first cell holds one."""
    columns = tbl.find(qn("w:tblGrid"))
    grid = [_number(col, "w") or 0.0 for col in columns.findall(qn("w:gridCol"))] if columns is not None else []
    props = tbl.find(qn("w:tblPr"))
    indent = _number(props.find(qn("w:tblInd")), "w") if props is not None and props.find(qn("w:tblInd")) is not None else None
    align = props.find(qn("w:jc")) if props is not None else None
    room = page.width - page.left - page.right
    left = page.left + (indent or 0.0)
    if align is not None and align.get(_VAL) in ("center", "right", "end"):
        left = page.left + (room - sum(grid)) / (2 if align.get(_VAL) == "center" else 1)
    floating = props.find(qn("w:tblpPr")) if props is not None else None
    rows_at: Flow | None = None
    if floating is not None and (found := float_place(floating, page, sum(grid), flow)) is not None:
        left, rows_at = found
    edges = [left]
    for width in grid:
        edges.append(edges[-1] + width)
    out = []
    for r, tr, row in rows_of(tbl, content):
        cells, height, doubt = [], 0.0, 0.0
        first = True
        breaks = False
        for c, span, tc in row:
            cells.append((c, span))
            props = tc.find(qn("w:tcPr"))
            merged = props is not None and props.find(qn("w:vMerge")) is not None
            width = (edges[min(c + span, len(edges) - 1)] - edges[min(c, len(edges) - 1)]) - 2 * CELL_MARGIN
            paragraphs = list(content(tc, (_P,)))
            if first and rendered and paragraphs:
                breaks = next(paragraphs[0].iter(_RENDERED), None) is not None
            first = False
            if not merged:
                sizes = [paragraph_height(p, width, default) for p in paragraphs] or [(0.0, 0.0)]
                total = sum(h for h, _ in sizes)
                if total > height:
                    height, doubt = total, sum(d for _, d in sizes)
        row_props = tr.find(qn("w:trPr"))
        rule = row_props.find(qn("w:trHeight")) if row_props is not None else None
        stated = _number(rule, "val")
        if stated is not None and rule.get(qn("w:hRule"), "atLeast") == "exact":
            height, doubt = stated, 0.0
        elif stated is not None:
            if stated >= height + doubt * 2:
                doubt = 0.0  # the text surely fits the stated height: the row is that high
            height = max(height, stated)
        where = flow.place(height, doubt, breaks) if rows_at is None else rows_at.place(height, doubt)
        if rows_at is not None and floating is not None and floating.get(qn("w:vertAnchor"), "margin") == "text":
            flow.place(height, doubt)  # the text below goes on under it, as under a table in the text
        out.extend(CellBox(r, c, edges[min(c, len(edges) - 1)], edges[min(c + span, len(edges) - 1)], where)
                   for c, span in cells)
    return out


def float_place(props, page: Page, width: float, flow: Flow) -> tuple[float, Flow] | None:  # type: ignore[no-untyped-def]
    """Where a floating table (``w:tblpPr``: 「表格属性 → 文字环绕 → 环绕 → 定位」) prints: its left
    edge, and a `Flow` whose place is its top, from which its rows go down. Across and down it is
    placed from its anchor (``w:horzAnchor``, ``w:vertAnchor``: the page, the margins, or the text:
    the column, and the place the text has reached, with that place's doubt) by ``w:tblpX``/
    ``w:tblpY`` (twips) or an alignment (``w:tblpXSpec``/``w:tblpYSpec``). Word lays the body's text
    and tables out around it (「环绕」), never under it; another floating table may overlap it
    unless either says ``w:tblOverlap w:val="never"``. None where the place is not one this reader
    follows (an alignment ``inside``/``outside`` of facing pages, a number that is none)."""
    room, content = page.width - page.left - page.right, page.height - page.top - page.bottom
    across = {"page": (0.0, page.width), "margin": (page.left, room), "text": (page.left, room)}
    down = {"page": (0.0, page.height), "margin": (page.top, content), "text": (flow.y, 0.0)}
    x_frame = across.get(props.get(qn("w:horzAnchor"), "text"))
    y_frame = down.get(props.get(qn("w:vertAnchor"), "margin"))
    x_align, y_align = props.get(qn("w:tblpXSpec"), ""), props.get(qn("w:tblpYSpec"), "")
    if x_frame is None or y_frame is None or x_align in ("inside", "outside") or y_align in ("inside", "outside", "inline"):
        return None
    try:
        x, y = (finite(props.get(qn(f"w:tblp{k}"), "0")) for k in ("X", "Y"))
    except ValueError:
        return None
    left = _aligned(x_frame, x, width, x_align) if x_align else x_frame[0] + x
    top = y_frame[0] + y if not y_align else _aligned(y_frame, 0.0, 0.0, y_align) if y_align == "top" else None
    if top is None:  # centred or at the bottom: its own height, not yet known, decides
        return None
    rows = Flow(page, True)
    rows.number, rows.y, rows.doubt = flow.number, top, flow.doubt if props.get(qn("w:vertAnchor"), "margin") == "text" else 0.0
    return left, rows


def floating_table(tbl) -> str | None:  # type: ignore[no-untyped-def]
    """A floating table's ``w:tblOverlap`` (「允许重叠」: "overlap" unless it says "never"), None for a table in the text."""
    props = tbl.find(qn("w:tblPr"))
    if props is None or props.find(qn("w:tblpPr")) is None:
        return None
    overlap = props.find(qn("w:tblOverlap"))
    return overlap.get(_VAL, "overlap") if overlap is not None else "overlap"


def rows_of(tbl, content: Callable):  # type: ignore[no-untyped-def, type-arg]
    """The table's rows, each as (its number, its ``w:tr``, its cells as (grid column, columns
    spanned, ``w:tc``)): the grid columns the reader's grid gives the cells (after ``w:gridBefore``,
    a cell spanning ``w:gridSpan`` of them)."""
    for r, tr in enumerate(content(tbl, (_TR,))):
        c, cells = _grid_before(tr), []
        for tc in content(tr, (_TC,)):
            props = tc.find(qn("w:tcPr"))
            found = props.find(qn("w:gridSpan")) if props is not None else None
            span = max(1, _count(found, 1))
            cells.append((c, span, tc))
            c += span
        yield r, tr, cells


def _grid_before(tr) -> int:  # type: ignore[no-untyped-def]
    props = tr.find(qn("w:trPr"))
    return _count(props.find(qn("w:gridBefore")) if props is not None else None, 0)


MOST_COLUMNS = 10000
"""More grid columns than any table holds: a count past it (``1e400``) is no count."""


def _count(element, default: int) -> int:  # type: ignore[no-untyped-def]
    """A count of grid columns an element's ``w:val`` gives, `default` where it gives none or no sane one."""
    value = _number(element, "val")
    return int(value) if value is not None and 0 <= value <= MOST_COLUMNS else default


@dataclass(frozen=True)
class Placed:
    """A floating object on the page: its page, edges in twips, and the doubt of its top and
    bottom relative to the blocks of that page (from its reference: the anchor paragraph's or none)."""

    page: int
    left: float
    top: float
    right: float
    bottom: float
    reference: float
    """The doubt (`Span.doubt`) of the place the object is measured from: its anchor paragraph's top
    for a paragraph-relative offset, 0 for the page and its margins."""


def placed(anchor, paragraph: Span, page: Page,  # type: ignore[no-untyped-def]
           cell: tuple[float, float] | None = None) -> Placed | None:
    """Where `anchor` (a ``wp:anchor`` in the paragraph laid out at `paragraph`) prints: None where its
    position is not one this reader follows. In a table cell laid out in it (``layoutInCell``),
    `cell` (its text's left edge and width) is the column its horizontal offset counts from."""
    extent = anchor.find(f"{_WP}extent")
    try:
        width, height = (finite(extent.get(k, "0")) / EMU_PER_TWIP for k in ("cx", "cy")) if extent is not None else (0.0, 0.0)
    except ValueError:
        return None
    if anchor.get("simplePos") in ("1", "true"):
        simple = anchor.find(f"{_WP}simplePos")
        try:
            x, y = (finite(simple.get(k, "0")) / EMU_PER_TWIP for k in ("x", "y"))
        except (AttributeError, ValueError):
            return None
        return Placed(paragraph.page, x, y, x + width, y + height, 0.0)
    column = cell or (page.left, page.width - page.left - page.right)
    across = _axis(anchor.find(f"{_WP}positionH"), width, {
        "page": (0.0, page.width), "margin": (page.left, page.width - page.left - page.right),
        "column": column, "character": column,
        "leftMargin": (0.0, page.left), "rightMargin": (page.width - page.right, page.right),
        "insideMargin": (0.0, page.left), "outsideMargin": (page.width - page.right, page.right)})
    content = page.height - page.top - page.bottom
    down = _axis(anchor.find(f"{_WP}positionV"), height, {
        "page": (0.0, page.height), "margin": (page.top, content), "topMargin": (0.0, page.top),
        "bottomMargin": (page.height - page.bottom, page.bottom), "insideMargin": (0.0, page.top),
        "outsideMargin": (page.height - page.bottom, page.bottom),
        "paragraph": (paragraph.top, paragraph.height), "line": (paragraph.top, paragraph.height)})
    if across is None or down is None:
        return None
    relative = anchor.find(f"{_WP}positionV").get("relativeFrom") in ("paragraph", "line")
    return Placed(paragraph.page, across, down, across + width, down + height, paragraph.doubt if relative else 0.0)


_VML_UNITS = {"pt": 20.0, "in": 1440.0, "cm": 566.93, "mm": 56.693, "pc": 240.0, "px": 15.0, "": 15.0}
"""Twips per unit of a VML style's length (CSS: a bare number is in pixels, 96 to the inch)."""


def _vml_length(text: str | None) -> float | None:
    if not text:
        return None
    number = text.strip().lower()
    unit = next((u for u in ("pt", "in", "cm", "mm", "pc", "px") if number.endswith(u)), "")
    try:
        return finite(number.removesuffix(unit)) * _VML_UNITS[unit]
    except ValueError:
        return None


def vml_placed(shape, paragraph: Span, page: Page,  # type: ignore[no-untyped-def]
               cell: tuple[float, float] | None = None) -> Placed | None:
    """Where a VML shape (``v:shape`` and the like, as Word wrote text boxes and pictures before
    2010 and still does in a document in compatibility mode) anchored in the paragraph laid out at
    `paragraph` prints: by its style's ``position:absolute``, ``margin-left``/``margin-top`` from
    the frame its ``mso-position-…-relative`` names (the column and the paragraph where it names
    none; in a table cell, `cell`, its text's left edge and width, is the column), or its
    ``mso-position-horizontal``/``-vertical`` alignment; None where it is not positioned absolutely
    (in the line of text) or its style says no size."""
    style = {k.strip().lower(): v.strip() for k, _, v in (part.partition(":") for part in shape.get("style", "").split(";")) if k.strip()}
    width, height = _vml_length(style.get("width")), _vml_length(style.get("height"))
    if style.get("position", "").lower() != "absolute" or width is None or height is None:
        return None
    room, content = page.width - page.left - page.right, page.height - page.top - page.bottom
    column = cell or (page.left, room)
    across = {"page": (0.0, page.width), "margin": (page.left, room), "text": column, "char": column,
              "left-margin-area": (0.0, page.left), "right-margin-area": (page.width - page.right, page.right),
              "inner-margin-area": (0.0, page.left), "outer-margin-area": (page.width - page.right, page.right)}
    down = {"page": (0.0, page.height), "margin": (page.top, content), "text": (paragraph.top, paragraph.height),
            "line": (paragraph.top, paragraph.height), "top-margin-area": (0.0, page.top),
            "bottom-margin-area": (page.height - page.bottom, page.bottom)}
    x_frame = across.get(style.get("mso-position-horizontal-relative", "text"))
    y_frame = down.get(style.get("mso-position-vertical-relative", "text"))
    if x_frame is None or y_frame is None:
        return None
    x = _aligned(x_frame, _vml_length(style.get("margin-left")) or 0.0, width, style.get("mso-position-horizontal", ""))
    y = _aligned(y_frame, _vml_length(style.get("margin-top")) or 0.0, height, style.get("mso-position-vertical", ""))
    relative = style.get("mso-position-vertical-relative", "text") in ("text", "line")
    return Placed(paragraph.page, x, y, x + width, y + height, paragraph.doubt if relative else 0.0)


def _aligned(frame: tuple[float, float], offset: float, size: float, align: str) -> float:
    """The start of an object `size` long in `frame` (start, length): at `offset` from its start, or
    where `align` (left, center, right, top, bottom, inside, outside) puts it."""
    start, length = frame
    if align in ("left", "top", "inside"):
        return start
    if align == "center":
        return start + (length - size) / 2
    if align in ("right", "bottom", "outside"):
        return start + length - size
    return start + offset


def _axis(position, size: float, frames: dict[str, tuple[float, float]]) -> float | None:  # type: ignore[no-untyped-def]
    """The object's start along one axis: its frame's start (``relativeFrom``) plus its offset
    (``wp:posOffset``, EMU; ``wp14:pctPos…Offset``, thousandths of a percent of the frame) or its
    alignment in the frame."""
    if position is None or (frame := frames.get(position.get("relativeFrom", ""))) is None:
        return None
    start, length = frame
    offset = position.find(f"{_WP}posOffset")
    if offset is not None:
        try:
            return start + finite(offset.text or "0") / EMU_PER_TWIP
        except ValueError:
            return None
    percent = next((child for child in position if child.tag.startswith(_WP14) and child.tag.endswith("Offset")), None)
    if percent is not None:
        try:
            return start + length * finite(percent.text or "0") / 100000
        except ValueError:
            return None
    align = position.find(f"{_WP}align")
    where = (align.text or "").strip() if align is not None else ""
    return _aligned(frame, 0.0, size, where) if where in ("left", "top", "inside", "center", "right", "bottom", "outside") \
        else None


def overprinted(upper: CellBox, lower: CellBox) -> str:
    """Whether cell `upper` of a floating table prints over the middle of cell `lower` of another:
    "surely", "perhaps" (within the doubt of the estimated heights of both, summed: each table is
    placed from its own anchor) or "". Across the page the edges are exact (the tables' grids)."""
    if upper.span.page != lower.span.page or not upper.left <= (lower.left + lower.right) / 2 <= upper.right:
        return ""
    middle = lower.span.top + lower.span.height / 2
    doubt = lower.span.doubt + lower.span.own_doubt / 2 + upper.span.doubt
    top, bottom = upper.span.top, upper.span.top + upper.span.height
    if top + doubt <= middle <= bottom - doubt - upper.span.own_doubt:
        return "surely"
    if top - doubt <= middle <= bottom + doubt + upper.span.own_doubt:
        return "perhaps"
    return ""


def covered(box: Placed, cells: list[CellBox]) -> tuple[list[CellBox], list[CellBox]]:
    """(the cells `box` surely covers, those it perhaps covers): its middle inside the box across
    the page, and down the page by more than, or only within, the doubt between the box's reference
    and the cell's middle."""
    surely, perhaps = [], []
    for cell in cells:
        if cell.span.page != box.page or not box.left <= (cell.left + cell.right) / 2 <= box.right:
            continue
        middle = cell.span.top + cell.span.height / 2
        doubt = abs(cell.span.doubt + cell.span.own_doubt / 2 - box.reference)
        if box.top + doubt <= middle <= box.bottom - doubt:
            surely.append(cell)
        elif box.top - doubt <= middle <= box.bottom + doubt:
            perhaps.append(cell)
    return surely, perhaps
