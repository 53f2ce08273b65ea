"""A page no one can read inside a readable PDF: refused where the indicator table runs over it,
imported with a note where it comes after the table (a scanned signature and seal page).

The PDFs are corpus forms drawn as a report engine draws them (tests/pdf_makers.py), a page
then replaced by a picture of itself (scanned and merged back), or a scanned 盖章页 appended.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from forms.make import forms, load_form
from pdf_makers import DRAWINGS, draw_form, draw_page, seal_page, with_pictures
from test_forms import assert_imports_as, scored

from perfsite.cli import main
from perfsite.importing.docx_reader import Para
from perfsite.importing.pdf_reader import read_here

FOLDERS = {f.name[:3]: f for f in forms()}
LARGE = next(how for how in DRAWINGS if how.name == "drawn-large")
RECTS = next(how for how in DRAWINGS if how.name == "drawn-rects")


def _import(pdf: bytes, tmp_path: Path, name: str = "自评表.pdf") -> tuple[int, str]:
    path = tmp_path / name
    path.write_bytes(pdf)
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        code = main(["import", str(path), "--out", str(tmp_path / "out"), "--year", "2099"])
    return code, shown.getvalue()


@pytest.fixture(scope="module")
def two_pages() -> bytes:
    """c05 drawn large: the indicator table runs from page 1 onto page 2 (its header repeated there)."""
    pdf = draw_form(load_form(FOLDERS["c05"]), LARGE)
    assert pdf.count(b"/Type /Page ") == 2
    return pdf


def test_a_scanned_page_the_table_runs_onto_is_refused(two_pages: bytes, tmp_path: Path) -> None:
    """Page 2 holds the table's last indicators and its 总分 row: as a picture they would be lost."""
    code, shown = _import(with_pictures(two_pages, {2}), tmp_path)
    assert code == 1 and not list((tmp_path / "out").rglob("*.yaml")), shown
    assert "PDF 第 2 页是图片（扫描件），无法读取，而指标表在第 1 页到页末还没有总分/合计行，应接着印在这一页上" in shown, shown
    assert "导入会漏掉指标" in shown and "可编辑的 Word/Excel 原件" in shown and "把第 2 页做文字识别（OCR）" in shown, shown


def test_a_scanned_page_the_table_comes_from_is_refused(two_pages: bytes, tmp_path: Path) -> None:
    """Page 1 holds the title, the facts and the first indicators; page 2 opens with the header
    the engine repeats on every page, and no title above it: the table goes on from page 1."""
    code, shown = _import(with_pictures(two_pages, {1}), tmp_path)
    assert code == 1 and not list((tmp_path / "out").rglob("*.yaml")), shown
    assert "PDF 第 1 页是图片（扫描件），无法读取，而指标表在第 2 页开头接着这一页上的行继续" in shown, shown


def test_a_page_whose_font_cannot_be_read_is_refused_like_a_scan(tmp_path: Path) -> None:
    """The same with a page that has text, but only glyph numbers: no more readable than a picture."""
    import pypdfium2

    form = load_form(FOLDERS["c05"])
    readable, garbled = draw_form(form, LARGE), draw_form(form, LARGE, font="identity")
    out = pypdfium2.PdfDocument.new()
    out.import_pages(pypdfium2.PdfDocument(readable), [0])
    out.import_pages(pypdfium2.PdfDocument(garbled), [1])
    buffer = io.BytesIO()
    out.save(buffer)
    code, shown = _import(buffer.getvalue(), tmp_path)
    assert code == 1, shown
    assert "PDF 第 2 页的字体缺少字符对照表，取出的是乱码，无法读取，而指标表在第 1 页到页末还没有总分/合计行，应接着印在这一页上" in shown, shown


@pytest.mark.parametrize("stamp", ["", "第 2 页"])
def test_a_scanned_seal_page_after_the_table_imports_with_a_note(stamp: str, tmp_path: Path) -> None:
    """A signature and seal page after the 总分 row (with or without a page number stamped on the
    picture) holds no indicator: the form imports to the golden file, and the note says so."""
    folder = FOLDERS["b01"]
    form = load_form(folder)
    pdf = tmp_path / f"{form.file}.pdf"
    pdf.write_bytes(with_pictures(draw_form(form, RECTS), set(), [seal_page(stamp)]))
    want = scored(folder / "golden.yaml")
    args = ["import", str(pdf), "--out", str(tmp_path / "out")] + ([] if want.programme.year else ["--year", "2099"])
    assert_imports_as(args, tmp_path / "out", want, "seal page")
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        main([*args[:3], str(tmp_path / "again"), *args[4:]])
    assert "PDF 第 2 页是图片（扫描件），没有导入：指标表在第 1 页已到总分/合计行，这一页在表格之后（如签字、盖章页）" \
        in shown.getvalue(), shown.getvalue()


def test_a_prose_report_naming_indicators_and_scores_is_not_taken_for_a_table_without_borders(tmp_path: Path) -> None:
    """A report's text says 三级指标 and 得分 in sentences, and its only table is ruled: no table
    without borders is there, so the text is read as paragraphs, not refused for missing lines."""
    text = ["一、评价结论",
            "本次评价设一级指标4个、二级指标10个、三级指标25个，经评价该项目综合得分92.5分，",
            "评价等级为优秀。其中产出指标得分38分，效益指标得分27分。",
            "二、资金使用情况"]
    rules = [(50, 200, 450, 200), (50, 230, 450, 230), (50, 260, 450, 260),
             (50, 200, 50, 260), (250, 200, 250, 260), (450, 200, 450, 260)]
    cells = [(55, 220, "年度预算（万元）"), (255, 220, "执行数（万元）"), (55, 250, "120.00"), (255, 250, "118.50")]
    pdf = tmp_path / "评价报告.pdf"
    pdf.write_bytes(draw_page(rules, [(50, 60 + 20 * k, line) for k, line in enumerate(text)] + cells))
    blocks, _ = read_here(pdf)
    paragraphs = [b.text for b in blocks if isinstance(b, Para)]
    assert any("三级指标25个" in p for p in paragraphs), paragraphs


def test_a_table_laid_out_in_columns_without_rules_is_still_refused(tmp_path: Path) -> None:
    """The same words as column headings, parted by gaps: that is a table without borders."""
    header = [(50, 100, "一级指标"), (130, 100, "三级指标"), (230, 100, "分值"), (290, 100, "得分")]
    rows = [(50, 120, "产出指标"), (130, 120, "完成率"), (230, 120, "20"), (290, 120, "20")]
    pdf = tmp_path / "无框线.pdf"
    pdf.write_bytes(draw_page([(50, 300, 400, 300), (50, 330, 400, 330), (50, 300, 50, 330), (400, 300, 400, 330)],
                              [*header, *rows, (60, 320, "备注")]))
    code, shown = _import(pdf.read_bytes(), tmp_path, "无框线.pdf")
    assert code == 1 and "PDF 第 1 页的指标表没有框线" in shown, shown
