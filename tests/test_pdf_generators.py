"""Real published forms (tests/forms/) as PDFs of generators other than LibreOffice import to the golden file.

tests/test_forms_pdf.py prints every form with LibreOffice. PDFs also come from browsers (a
web-based reporting system's page printed by Chrome/Edge) and from report engines (FineReport,
iText) that draw each cell themselves; tests/pdf_makers.py makes both: chromium prints the form
as an HTML table (collapsed borders, with the browser's header and footer; separate boxes with
a gap), and the engine's drawing is written there with each cell a stroked rectangle, four
lines, or four thin filled rectangles (on pages stored portrait and turned by /Rotate 90 or
270), the text one string per line or glyph by glyph, in a larger size that breaks the table
over pages (the header repeated, merged cells drawn again on the next page). Office programs'
own PDFs are drawn too: Excel's and WPS's 「另存为 PDF」 (borders as hairline filled rectangles,
every glyph kerned in one TJ array, figures in full-width digits with thousands separators,
short labels spread over their cells) and Microsoft Print to PDF (each glyph placed alone, no
spaces). Each PDF must import to the same programme as the golden file; a page turned sideways
without saying so is read upright. What no reader can take apart must be refused, naming the
page and why, never imported wrong: a table with only row shading and no borders, a scanned
PDF, a PDF whose font lost its character map.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from forms.make import forms, load_form
from pdf_makers import DRAWINGS, Drawing, draw_form, draw_page, draw_unreadable, form_html, print_html, scan
from test_forms import assert_imports_as, scored

from perfsite.cli import main
from perfsite.importing.docx_reader import Para
from perfsite.importing.grid import Grid
from perfsite.importing.pdf_reader import read_here

FOLDERS = forms()
CHROMIUM = Path("/usr/bin/chromium")
BROWSER_STYLES = ("collapse", "boxes")
HEADER_FOOTER = {"collapse"}
"""Styles printed with the browser's header and footer, as Chrome prints by default."""

NOT_YET: dict[tuple[str, str], str] = {}
"""Prints that do not import to the golden file yet, and why: each fails the test when it starts to pass."""


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """(form folder name, drawing name) → the PDF a report engine would write."""
    tmp = tmp_path_factory.mktemp("drawn-pdf")
    made = {}
    for folder in FOLDERS:
        form = load_form(folder)
        for how in DRAWINGS:
            made[(folder.name, how.name)] = tmp / f"{folder.name}--{how.name}.pdf"
            made[(folder.name, how.name)].write_bytes(draw_form(form, how))
    return made


@pytest.fixture(scope="module")
def browser_printed(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """(form folder name, style) → the PDF chromium prints of the form as a web page; one browser prints all."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium (.ci/run installs it)")
    pages = {f"{folder.name}--{style}": (form_html(load_form(folder), style), style in HEADER_FOOTER)
             for folder in FOLDERS for style in (*BROWSER_STYLES, "shaded")}
    printed = print_html(pages, tmp_path_factory.mktemp("browser-pdf"), str(CHROMIUM))
    return {tuple(name.split("--")): path for name, path in printed.items()}  # type: ignore[misc]


def _cases(kinds: tuple[str, ...]) -> list[object]:
    return [pytest.param(folder, kind, id=f"{folder.name}-{kind}",
                         marks=[pytest.mark.xfail(reason=NOT_YET[(folder.name, kind)], strict=True)]
                         if (folder.name, kind) in NOT_YET else [])
            for folder in FOLDERS for kind in kinds]


def _import_as_golden(folder: Path, pdf: Path, tmp_path: Path, label: str) -> None:
    form = load_form(folder)
    handed_in = tmp_path / f"{form.file}.pdf"  # the name a unit hands in: some forms state the year only there
    handed_in.write_bytes(pdf.read_bytes())
    want = scored(folder / "golden.yaml")
    args = ["import", str(handed_in), "--out", str(tmp_path / "out")]
    if not want.programme.year:
        args += ["--year", "2099"]
    assert_imports_as(args, tmp_path / "out", want, f"{form.file}.pdf ({label})")


def _refused(pdf: Path, tmp_path: Path) -> str:
    """What `perfsite import` prints for a PDF it must refuse; fails if it writes anything."""
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        main(["import", str(pdf), "--out", str(tmp_path / "out"), "--year", "2099"])
    assert not list((tmp_path / "out").rglob("*.yaml")), shown.getvalue()
    assert f"== {pdf} ==" in shown.getvalue() and "失败 1 个" in shown.getvalue(), shown.getvalue()
    return shown.getvalue()


@pytest.mark.parametrize(("folder", "drawing"), _cases(tuple(how.name for how in DRAWINGS)))
def test_engine_drawn_form_imports_to_the_golden_file(folder: Path, drawing: str, drawn: dict[tuple[str, str], Path],
                                                      tmp_path: Path) -> None:
    _import_as_golden(folder, drawn[(folder.name, drawing)], tmp_path, drawing)


@pytest.mark.parametrize(("folder", "style"), _cases(BROWSER_STYLES))
def test_browser_printed_form_imports_to_the_golden_file(folder: Path, style: str,
                                                         browser_printed: dict[tuple[str, str], Path],
                                                         tmp_path: Path) -> None:
    _import_as_golden(folder, browser_printed[(folder.name, style)], tmp_path, f"chromium {style}")


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_a_table_with_row_shading_and_no_borders_is_refused(folder: Path, browser_printed: dict[tuple[str, str], Path],
                                                            tmp_path: Path) -> None:
    """The shading's rectangles are no rules: read as a table their rows would be split into
    columns by guesswork, so the PDF is refused as one without borders."""
    shown = _refused(browser_printed[(folder.name, "shaded")], tmp_path)
    assert "没有框线" in shown, shown


@pytest.mark.parametrize("font", ["identity", "western"])
def test_a_pdf_whose_text_cannot_be_read_back_is_refused(font: str, tmp_path: Path) -> None:
    """Glyph numbers (a CID font without ToUnicode) or GBK bytes read as Latin-1 are no text: the
    clerk is asked for the original or OCR, as for a scan, never given a programme named 「ÏîÄ¿」."""
    folder = next(f for f in FOLDERS if f.name.startswith("b01-"))
    pdf = tmp_path / "自评表.pdf"
    pdf.write_bytes(draw_unreadable(load_form(folder), font))
    shown = _refused(pdf, tmp_path)
    assert "PDF 的文字无法识别：第 1 页的字体缺少字符对照表，取出的是乱码" in shown, shown
    assert "请提供 Excel 或 Word 原件" in shown and "先做文字识别" in shown, shown


@pytest.mark.parametrize("turn", [90, 270])
def test_a_page_turned_without_saying_so_is_read_upright(turn: int, tmp_path: Path) -> None:
    """A landscape sheet a printer driver stored portrait by turning its drawing (a rotated CTM)
    but without /Rotate: every character lies sideways, and read as it stands the table would
    come out transposed with each cell backwards (「表评自标目效绩」). The page is read turned the
    way its text runs, to the golden file, and the clerk is told."""
    folder = next(f for f in FOLDERS if f.name.startswith("b01-"))
    turned = draw_form(load_form(folder), Drawing("turned", rotated=True, turn=turn))
    assert b"/Rotate %d " % turn in turned
    pdf = tmp_path / "turned.pdf"
    pdf.write_bytes(turned.replace(b"/Rotate %d " % turn, b""))
    (tmp_path / "a").mkdir()
    _import_as_golden(folder, pdf, tmp_path / "a", f"turned {turn}")
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        main(["import", str(pdf), "--out", str(tmp_path / "b"), "--year", "2099"])
    assert "PDF 第 1 页的内容转了 90° 横躺着（页面没有标明旋转），已按转正后的方向读取" in shown.getvalue(), shown.getvalue()


def test_a_scan_of_a_printed_form_is_refused(drawn: dict[tuple[str, str], Path], tmp_path: Path) -> None:
    """The pages of a form that imports (drawn-large: two pages) as pictures only."""
    folder = next(f for f in FOLDERS if f.name.startswith("c05-"))
    pdf = tmp_path / "扫描件.pdf"
    pdf.write_bytes(scan(drawn[(folder.name, "drawn-large")], dpi=60))
    shown = _refused(pdf, tmp_path)
    assert "这是扫描件（2 页都是图片，没有文字）：无文字层" in shown and "先做文字识别" in shown, shown


def test_text_in_no_cell_of_a_ruled_table_is_kept_and_named(tmp_path: Path) -> None:
    """A rule that stops short leaves part of a table in no cell (here the third column's right
    rule ends above the last row): its text is neither a cell's nor outside the table. It is
    read as text beside the table, which the import lists, and the table's note names it."""
    rules = [(50, 100, 350, 100), (50, 130, 350, 130), (50, 160, 250, 160), (50, 190, 250, 190),
             (50, 100, 50, 190), (150, 100, 150, 190), (250, 100, 250, 190), (350, 100, 350, 165)]
    texts = [(55, 120, "一级指标"), (155, 120, "三级指标"), (255, 120, "说明"),
             (55, 150, "产出指标"), (155, 150, "完成率"), (255, 150, "线外的说明"),
             (55, 180, "效益指标"), (155, 180, "满意度"), (255, 182, "第二段")]
    pdf = tmp_path / "open.pdf"
    pdf.write_bytes(draw_page(rules, texts))
    blocks, _ = read_here(pdf)
    grids = [b for b in blocks if isinstance(b, Grid)]
    assert [c.own for c in grids[0].rows[1]] == ["产出指标", "完成率", ""]
    assert [b.text for b in blocks if isinstance(b, Para)] == ["线外的说明", "第二段"]
    assert grids[0].notes == ["PDF 第 1 页表格中「线外的说明第二段」不在任何单元格内（框线没有围合），"
                              "没有读进表格，按表格外的文字处理：请对照原件核对"]


def test_a_cell_with_a_glyph_no_reader_can_map_is_named(tmp_path: Path) -> None:
    """One glyph of a symbol font without ToUnicode (a 「≥」 before a target) leaves the page
    readable, but the cell holds 「(cid:N)」 where the figure's sign was: the note names the
    page and cell so the clerk corrects it from the original."""
    rules = [(50, 100, 350, 100), (50, 130, 350, 130), (50, 160, 350, 160),
             (50, 100, 50, 160), (150, 100, 150, 160), (250, 100, 250, 160), (350, 100, 350, 160)]
    texts = [(55, 120, "三级指标"), (155, 120, "指标值"), (255, 120, "分值"),
             (55, 150, "完成率"), (165, 150, "90%"), (255, 150, "10")]
    pdf = tmp_path / "symbol.pdf"
    pdf.write_bytes(draw_page(rules, texts, unmapped=[(155, 150, "≥")]))
    blocks, _ = read_here(pdf)
    grid = next(b for b in blocks if isinstance(b, Grid))
    figure = grid.rows[1][1].text
    assert figure.startswith("(cid:") and figure.endswith(")90%"), figure
    assert grid.notes == [f"PDF 第 1 页表格第2行第2列有 1 个字符无法识别（字体缺少字符对照表），导入为「{figure}」：请按原件改正"]
