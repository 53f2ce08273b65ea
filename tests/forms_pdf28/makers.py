"""PDF prints of real forms, as portals print them (tests/test_import_pdf28*.py).

Each maker writes a .docx that LibreOffice prints to the PDF of the same name here; SOURCES.md says what of each is
real and where it comes from.

Usage: ``python tests/forms_pdf28/makers.py OUT_DIR`` writes every file there; then
``soffice --headless --convert-to pdf --outdir OUT_DIR OUT_DIR/*.docx``.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
sys.path.insert(0, str(TESTS))


def _pdf27() -> object:
    """tests/forms_pdf27/makers.py, loaded by its path: each round's makers module is named makers."""
    spec = importlib.util.spec_from_file_location("forms_pdf27_makers", TESTS / "forms_pdf27" / "makers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pdf26() -> object:
    spec = importlib.util.spec_from_file_location("forms_pdf26_makers", TESTS / "forms_pdf26" / "makers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def large_docx(path: Path, *folders: str, points: int = 14) -> Path:
    return _pdf27().large_docx(path, *folders, points=points)  # type: ignore[attr-defined,no-any-return]


def repeat_docx(path: Path, folder: str, *, rows: int = 2, points: int = 13) -> Path:
    """A held form as one table on 纵向 paper, its first `rows` rows (项目名称 …) set by a clerk to repeat on every
    page (forms_pdf26 `portal_docx`), in `points` type."""
    from docx import Document
    from docx.shared import Pt

    _pdf26().portal_docx(path, (folder,), landscape=False, repeat=rows)  # type: ignore[attr-defined]
    document = Document(str(path))
    document.styles["Normal"].font.size = Pt(points)
    document.save(str(path))
    return path


LATIN = ["预算控制率=0,计5分;OTo%(含),计4分", "應(yīng)保盡保", "Wi-Fi signal coverage"]
"""Cells whose Latin text a narrow column cuts or wraps: 雨花区's 评分标准 (tests/forms_dept/d08), 岳阳楼区's 指标值
(tests/forms_dept/d05), and three English words."""


def latin_docx(path: Path) -> Path:
    """`LATIN` in a table of two columns 1.6 cm and 3 cm wide at 15 pt, each text in both: in the narrow one
    LibreOffice cuts 「OT」「o%」, 「(yīn」「g)」 and 「sign」「al」, and wraps 「Wi-Fi 」 and 「al 」 at their spaces,
    drawn at the line's end."""
    from docx import Document
    from docx.shared import Cm, Pt

    document = Document()
    document.styles["Normal"].font.size = Pt(15)
    table = document.add_table(rows=len(LATIN), cols=2)
    table.style = "Table Grid"
    table.autofit = False
    for r, text in enumerate(LATIN):
        table.cell(r, 0).text = text
        table.cell(r, 1).text = text
    for c, width in enumerate((Cm(1.6), Cm(3))):
        table.columns[c].width = width
        for cell in table.columns[c].cells:
            cell.width = width
    document.save(str(path))
    return path


def _pdf(objects: list[bytes]) -> bytes:
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def _stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def type3_pdf(path: Path, names: list[bytes]) -> Path:
    """A ruled table of six rows whose text is all in a Type3 font (each glyph a box the PDF draws itself) without a
    ToUnicode map, its glyphs named `names` for codes 1, 2 …: a reader can only spell the names (「a」「b」 …) or,
    names it does not know, give the codes (「(cid:1)」), as some printer drivers and PDF makers leave Chinese text."""
    table = [b"0.5 w"]
    for r in range(6):
        y = 780 - r * 30
        table.append(b"50 %d m 550 %d l S" % (y, y))
        for x, count, step in ((60, 12, 1), (300, 8, 3)):
            codes = bytes(1 + (k * step + r) % len(names) for k in range(count))
            table.append(b"BT /T1 10 Tf %d %d Td <%s> Tj ET" % (x, y - 20, codes.hex().encode()))
    table.append(b"50 630 m 550 630 l S 50 780 m 50 630 l S 290 780 m 290 630 l S 550 780 m 550 630 l S")
    font = (b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << "
            + b" ".join(b"/" + n + b" 5 0 R" for n in names) + b" >> /Encoding << /Type /Encoding /Differences [1 "
            + b" ".join(b"/" + n for n in names) + b"] >> /FirstChar 1 /LastChar %d /Widths [%s] >>"
            % (len(names), b" ".join([b"1000"] * len(names))))
    path.write_bytes(_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /T1 4 0 R >> >> /Contents 6 0 R >>",
        font,
        _stream(b"1000 0 0 0 1000 1000 d1 100 0 800 900 re f"),
        _stream(b"\n".join(table)),
    ]))
    return path


def turned_pdf(path: Path, source: Path, pages: set[int], degrees: int) -> Path:
    """`source` with its pages numbered `pages` (from 1) turned by `degrees` (/Rotate), as a reader's 「旋转」 saves
    them: a page of a bundle printed or scanned upside down, turned the wrong way."""
    import io

    import pypdfium2

    document = pypdfium2.PdfDocument(str(source))
    for number in pages:
        document[number - 1].set_rotation(degrees)
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


MAKERS: dict[str, Callable[[Path], Path]] = {
    "l18-large": lambda path: large_docx(path, "forms_layouts/l18-yuanzhou-shuiyuan-hanyanglin"),
    "repeat-total": lambda path: repeat_docx(path, "forms/b01-zhongjiang-shuibiaochi"),
    "header-cut-16pt": lambda path: large_docx(path, "forms_layouts/l10-chengan-gaoling", points=16),
    "unit-cut-16pt": lambda path: large_docx(path, "forms_layouts/l06-zhongxian-tujing-yimin", points=16),
    "rule-cut-15pt": lambda path: large_docx(path, "forms_layouts/l09-licheng-wenhuaguan", points=15),
    "labels-cut-repeat": lambda path: repeat_docx(path, "forms_layouts/l12-xiaoxian-hexi-zhongyang"),
    "part-cut-15pt": lambda path: large_docx(path, "forms_layouts/l15-xiaoxian-yanglou-zhongyang", points=15),
    "repeat-merged": lambda path: repeat_docx(path, "forms_targets/t14-xiangxi-texiao-huoshi"),
    "goal-items-16pt": lambda path: large_docx(path, "forms_dept/d01-ningde-dangshi-mubiao", points=16),
    "goal-points-15pt": lambda path: large_docx(path, "forms_layouts/l14-guangshui-xiangcun-daolu", points=15),
    "latin-cut-15pt": lambda path: large_docx(path, "forms_dept/d08-yuhua-fagai-ziping", points=15),
    "pinyin-cut-16pt": lambda path: large_docx(path, "forms_dept/d05-yueyanglou-jiage-mubiao", points=16),
    "latin-gap-16pt": lambda path: large_docx(path, "forms_targets/t03-jiayuguan-bowuguan", points=16),
    "space-end-15pt": lambda path: large_docx(path, "forms_layouts/l08-suzhou-shiguan-lvdi", points=15),
    "latin-wrap": latin_docx,
}
WRITTEN: dict[str, Callable[[Path], Path]] = {
    "type3-letters": lambda path: type3_pdf(path, [bytes([c]) for c in b"abcdefghijklmnopqrst"]),
    "type3-numbered": lambda path: type3_pdf(path, [b"g%d" % k for k in range(1, 21)]),
    "upside-down": lambda path: turned_pdf(path, TESTS / "forms_pdf27" / "cut-pair-large.pdf", {2, 4}, 180),
}
"""Each PDF written here whole (no LibreOffice), by its name without .pdf."""
"""Each PDF's name (without .pdf) and the maker of the file LibreOffice prints it from (SOURCES.md)."""


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, maker in MAKERS.items():
        print(maker(out / f"{name}.docx"))
    for name, writer in WRITTEN.items():
        print(writer(out / f"{name}.pdf"))
