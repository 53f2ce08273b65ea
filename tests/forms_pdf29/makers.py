"""PDFs of held forms (tests/forms/) drawn as other programs and portals write them (tests/test_import_pdf29*.py).

Each maker returns a whole PDF written here operator by operator on `pdf_makers.draw_form`'s layout (its report-engine
drawing, STSong-Light, one text object per glyph where said), then changed as the program in question writes it;
SOURCES.md says what each shows. Usage: ``python tests/forms_pdf29/makers.py OUT_DIR FOLDER…`` writes every kind of
each form there.
"""

from __future__ import annotations

import io
import random
import re
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import pdf_makers  # noqa: E402
from forms.make import Form, load_form  # noqa: E402
from pdf_makers import LEADING, Drawing, _encode, _hex, _width  # noqa: E402

_STREAM = re.compile(rb"(<< /Length )(\d+)( /Filter /FlateDecode >>\nstream\n)(.*?)(\nendstream)", re.DOTALL)


def _restream(pdf: bytes, change: Callable[[bytes, int], bytes]) -> bytes:
    """`pdf` (draw_form's) with each page's content changed by `change(content, page)`; its xref rebuilt."""
    pages = iter(range(10_000))

    def one(m: re.Match[bytes]) -> bytes:
        data = zlib.compress(change(zlib.decompress(m[4]), next(pages)))
        return m[1] + b"%d" % len(data) + m[3] + data + m[5]

    body = _STREAM.sub(one, pdf.split(b"xref\n")[0])
    return _xref(body)


def _xref(body: bytes) -> bytes:
    """`body` (draw_form's objects, its last the document information) with its cross-reference table and trailer."""
    offsets = [m.start() for m in re.finditer(rb"(?m)^\d+ 0 obj\n", body)]
    out = io.BytesIO()
    out.write(body)
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
    out.writelines(b"%010d 00000 n \n" % o for o in offsets)
    catalog = next(k for k, o in enumerate(offsets, 1) if b"/Type /Catalog" in body[o:o + 200])
    info = len(offsets)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, catalog, info, xref))
    return out.getvalue()


_TEXT = re.compile(rb"BT /F1 [\d.]+ Tf 1 0 0 1 [\d.]+ [\d.]+ Tm <[0-9a-f]*> Tj ET")
_RECT = re.compile(rb"([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re S")


class _Full(str):
    """A line of a cell that a paragraph goes on after: 两端对齐 stretches it to `room`."""

    room: float = 0.0


def justified(form: Form, size: float = 8.0) -> bytes:
    """Word's 「另存为 PDF」 of 两端对齐 text: each glyph placed alone, no space drawn, every line of a cell but a
    paragraph's last stretched to the cell's width (the gaps between glyphs widened)."""
    how = Drawing("word-justified", glyphs=True, spaces=False, size=size,
                  info=b"/Producer (Microsoft\xae Word 2016) /Creator (Microsoft\xae Word 2016)")
    original, original_wrap = pdf_makers._draw_text, pdf_makers._wrap

    def wrap(text: str, room: float, size: float) -> list[str]:
        lines: list[str] = []
        for part in text.split("\n"):
            wrapped = original_wrap(part, room, size)
            for line in wrapped[:-1]:
                full = _Full(line)
                full.room = room
                lines.append(full)
            lines.append(wrapped[-1])
        return [line for line in lines if line] or [""]

    def draw(ops: list[bytes], x: float, y: float, line: str, how: Drawing, font: str, room: float = 0.0) -> None:
        if not isinstance(line, _Full) or len(line) < 2:
            original(ops, x, y, line, how, font, room)
            return
        gap = (line.room - _width(line, how.size)) / (len(line) - 1)
        for ch in line:
            if not ch.isspace():
                ops.append(b"BT /F1 %g Tf 1 0 0 1 %.2f %.2f Tm %s Tj ET" % (how.size, x, y, _hex(_encode(ch, font))))
            x += _width(ch, how.size) + gap

    pdf_makers._draw_text, pdf_makers._wrap = draw, wrap
    try:
        return pdf_makers.draw_form(form, how)
    finally:
        pdf_makers._draw_text, pdf_makers._wrap = original, original_wrap


def shuffled(form: Form) -> bytes:
    """Each glyph its own text object, the page's text objects written in no reading order (a PDF optimiser or a
    program drawing by font and colour), after the rules."""
    how = Drawing("shuffled", glyphs=True, info=b"/Producer (PDF Optimizer)")

    def change(content: bytes, page: int) -> bytes:
        texts = _TEXT.findall(content)
        rest = _TEXT.sub(b"", content)
        random.Random(page).shuffle(texts)
        return rest + b"\n" + b"\n".join(texts)

    return _restream(pdf_makers.draw_form(form, how), change)


def unruled(form: Form) -> bytes:
    """The table without any rule: its columns only whitespace (a text report, a web page's table without borders)."""
    return _restream(pdf_makers.draw_form(form, Drawing("unruled")), lambda content, page: _RECT.sub(b"", content))


def three_lines(form: Form) -> bytes:
    """A 三线表: only horizontal rules, one above and below the table and one under its first row."""
    def change(content: bytes, page: int) -> bytes:
        rects = [tuple(float(v) for v in m.groups()) for m in _RECT.finditer(content)]
        left = min(r[0] for r in rects)
        right = max(r[0] + r[2] for r in rects)
        top = max(r[1] + r[3] for r in rects)
        bottom = min(r[1] for r in rects)
        under = max(r[1] for r in rects if abs(r[1] + r[3] - top) < 0.1)
        rules = b"1.2 w %.2f %.2f m %.2f %.2f l S %.2f %.2f m %.2f %.2f l S 0.5 w %.2f %.2f m %.2f %.2f l S" % (
            left, top, right, top, left, bottom, right, bottom, left, under, right, under)
        return _RECT.sub(b"", content) + b"\n" + rules
    return _restream(pdf_makers.draw_form(form, Drawing("three-lines")), change)


def row_rules(form: Form) -> bytes:
    """Only horizontal rules: each cell's top and bottom, no vertical rule (a table styled 「无竖线」)."""
    def change(content: bytes, page: int) -> bytes:
        def one(m: re.Match[bytes]) -> bytes:
            x, y, w, h = (float(v) for v in m.groups())
            return b"%.2f %.2f m %.2f %.2f l S %.2f %.2f m %.2f %.2f l S" % (x, y, x + w, y, x, y + h, x + w, y + h)
        return _RECT.sub(one, content)
    return _restream(pdf_makers.draw_form(form, Drawing("row-rules")), change)


def dashed(form: Form, step: float = 0.5) -> bytes:
    """Every rule drawn as tiny segments `step` points long (a CAD or chart program's dashes, thousands a page)."""
    def change(content: bytes, page: int) -> bytes:
        def one(m: re.Match[bytes]) -> bytes:
            x, y, w, h = (float(v) for v in m.groups())
            out = []
            for (x0, y0, x1, y1) in ((x, y, x + w, y), (x, y + h, x + w, y + h), (x, y, x, y + h), (x + w, y, x + w, y + h)):
                length = max(abs(x1 - x0), abs(y1 - y0))
                n = max(1, int(length / step))
                for k in range(n):
                    a, b = k / n, (k + 1) / n
                    out.append(b"%.2f %.2f m %.2f %.2f l" % (x0 + (x1 - x0) * a, y0 + (y1 - y0) * a,
                                                            x0 + (x1 - x0) * b, y0 + (y1 - y0) * b))
            return b" ".join(out) + b" S"
        return _RECT.sub(one, content)
    return _restream(pdf_makers.draw_form(form, Drawing("dashed")), change)


def watermarked(form: Form, mark: str = "仅供参考", size: float = 72.0) -> bytes:
    """A watermark 「仅供参考」 in light grey, turned 30°, drawn across the table after it (as a portal stamps its
    downloads)."""
    def change(content: bytes, page: int) -> bytes:
        return content + b"\nq 0.8 g BT /F1 %g Tf 0.866 0.5 -0.5 0.866 180 120 Tm %s Tj ET Q" % (size, _hex(_encode(mark, "stsong")))
    return _restream(pdf_makers.draw_form(form, Drawing("watermarked")), change)


def vertical(form: Form) -> bytes:
    """Merged cells of the first column with their text 竖排: each character turned 90° anticlockwise, read up the
    cell, centred in it (Word's 「文字方向」 of a column's label, 「产出指标」); a text too long for its cell as it was."""
    how = Drawing("vertical")
    original = pdf_makers._draw_text
    _, heights, boxes, _ = pdf_makers._layout(form, how.size)
    tall = {box.text: sum(heights[box.r0:box.r1 + 1]) for box in boxes if box.c0 == 0 and box.r1 > box.r0}

    def draw(ops: list[bytes], x: float, y: float, line: str, how: Drawing, font: str, room: float = 0.0) -> None:
        if line not in tall or _width(line, how.size) + 8 > tall[line]:
            original(ops, x, y, line, how, font, room)
            return
        middle = y + how.size - how.size * LEADING / 2  # the cell's middle: its one line was centred there
        up = middle - _width(line, how.size) / 2
        for ch in line:
            ops.append(b"BT /F1 %g Tf 0 1 -1 0 %.2f %.2f Tm %s Tj ET" % (how.size, x + how.size, up, _hex(_encode(ch, font))))
            up += _width(ch, how.size)

    pdf_makers._draw_text = draw
    try:
        return pdf_makers.draw_form(form, how)
    finally:
        pdf_makers._draw_text = original


def two_up(pdf: bytes) -> bytes:
    """`pdf`'s landscape pages two to a portrait A4 sheet, one above the other, each scaled by 595/842 to the sheet's
    width (a printer's 「每版打印 2 页」 saved as PDF)."""
    import pypdfium2

    source = pypdfium2.PdfDocument(pdf)
    out = pypdfium2.PdfDocument.new()
    width, height = source[0].get_size()
    scale = height / width
    for first in range(0, len(source), 2):
        sheet = out.new_page(height, width)
        for k in range(first, min(first + 2, len(source))):
            placed = source.page_as_xobject(k, out).as_pageobject()
            placed.transform(pypdfium2.PdfMatrix().scale(scale, scale).translate(0, width / 2 * (1 - (k - first))))
            sheet.insert_obj(placed)
        sheet.gen_content()
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


DOTTED_TEXTS = [(55, 120, "一级指标"), (155, 120, "三级指标"), (255, 120, "分值"),
                (55, 150, "产出指标"), (155, 150, "完成率"), (255, 150, "20"),
                (55, 180, "效益指标"), (155, 180, "满意度"), (255, 180, "10")]
"""dotted.pdf's cells (x, y from the top, text), from 中江县's 自评表 (tests/forms/b01)."""


def dotted_page(step: float = 0.5) -> bytes:
    """One small ruled table (3 × 3 cells, `DOTTED_TEXTS`) each of whose rules is drawn as strokes `step` points
    long, end to end (about 3,000 on the page)."""
    rules = [(50, y, 350, y) for y in (100, 130, 160, 190)] + [(x, 100, x, 190) for x in (50, 150, 250, 350)]
    pieces = []
    for x0, y0, x1, y1 in rules:
        n = int(max(x1 - x0, y1 - y0) / step)
        pieces += [(x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n, x0 + (x1 - x0) * (k + 1) / n, y0 + (y1 - y0) * (k + 1) / n)
                   for k in range(n)]
    return pdf_makers.draw_page(pieces, DOTTED_TEXTS)


def _pdf28() -> object:
    """tests/forms_pdf28/makers.py, loaded by its path: each round's makers module is named makers."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("forms_pdf28_makers", HERE.parent / "forms_pdf28" / "makers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def space_cut_docx(path: Path) -> Path:
    """space-cut-16pt.pdf's .docx: 苏州's 自评表 (tests/forms_layouts/l08) as forms_pdf27 `large_docx` at 16 pt."""
    return _pdf28().large_docx(path, "forms_layouts/l08-suzhou-shiguan-lvdi", points=16)  # type: ignore[attr-defined,no-any-return]


def unspaced_docx(path: Path) -> Path:
    """忠县's 自评表 (tests/forms_layouts/l06) as `large_docx` at 15 pt with 「硬化 14.7km」 typed 「硬化14.7km」: its
    print is compared with the print of the form as typed (SOURCES.md)."""
    import zipfile

    typed = _pdf28().large_docx(path.with_name("typed.docx"), "forms_layouts/l06-zhongxian-tujing-yimin", points=15)  # type: ignore[attr-defined]
    with zipfile.ZipFile(typed) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            out.writestr(item, data.replace("硬化 14.7km".encode(), "硬化14.7km".encode()) if item.filename == "word/document.xml" else data)
    return path


ALIKE = ["GIS data platform", "GIS dataplatform"]
"""Two texts LibreOffice prints alike in a column 1.6 cm wide at 15 pt (`alike_docx`)."""


def alike_docx(path: Path) -> Path:
    """`ALIKE` in forms_pdf28 `latin_docx`'s table (columns 1.6 cm and 3 cm wide, 15 pt)."""
    module = _pdf28()
    held = module.LATIN  # type: ignore[attr-defined]
    module.LATIN = ALIKE  # type: ignore[attr-defined]
    try:
        return module.latin_docx(path)  # type: ignore[attr-defined,no-any-return]
    finally:
        module.LATIN = held  # type: ignore[attr-defined]


KINDS: dict[str, Callable[[Form], bytes]] = {
    "justified": justified,
    "shuffled": shuffled,
    "unruled": unruled,
    "three-lines": three_lines,
    "row-rules": row_rules,
    "dashed": dashed,
    "watermarked": watermarked,
    "vertical": vertical,
    "two-up": lambda form: two_up(pdf_makers.draw_form(form, Drawing("large", size=14.0))),
}


FIXTURES: dict[str, tuple[str, str]] = {
    "watermarked.pdf": ("watermarked", "b01-zhongjiang-shuibiaochi"),
    "three-lines.pdf": ("three-lines", "b01-zhongjiang-shuibiaochi"),
    "vertical.pdf": ("vertical", "b04-yongde-yingyang"),
    "two-up.pdf": ("two-up", "b04-yongde-yingyang"),
}
"""The PDFs kept here that `KINDS` makes: each name's kind and held form (tests/forms/)."""


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, (kind, folder) in FIXTURES.items():
        (out / name).write_bytes(KINDS[kind](load_form(HERE.parent / "forms" / folder)))
    (out / "dotted.pdf").write_bytes(dotted_page())
    for name, docx in (("space-cut-16pt", space_cut_docx), ("unspaced-15pt", unspaced_docx), ("alike", alike_docx)):
        print(docx(out / f"{name}.docx"))
    for folder in sys.argv[2:]:  # every kind of each form named: the survey SOURCES.md tells of
        form = load_form(Path(folder))
        for kind, maker in KINDS.items():
            (out / f"{Path(folder).name}--{kind}.pdf").write_bytes(maker(form))
