"""A PDF whose figures a PDF editor changed with annotations (a text box typed over a cell, a white
box over the old figure) or a PDF form filled in: what a viewer shows and prints is not in the page's
text, so the import, which reads that text, refuses the file rather than publish what lies under."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from pdf_makers import HEIGHT, draw_page

from perfsite.cli import main

XS, YS = [50, 150, 210, 290, 370, 430], [100, 120, 140, 160, 180, 200]
CELLS = [["三级指标", "分值", "年度指标值", "实际完成值", "得分"], ["培训人次", "40", "≥100人", "120人", "40"],
         ["结业率", "30", "≥90%", "95%", "30"], ["满意度", "30", "≥90%", "92%", "26"]]
SCORE = b"[370 %g 430 %g]" % (HEIGHT - 180, HEIGHT - 160)
"""满意度's 得分 cell, in PDF coordinates (from the bottom)."""


def _form() -> bytes:
    rules = [(x, YS[0], x, YS[-1]) for x in XS] + [(XS[0], y, XS[-1], y) for y in YS]
    texts = [(60, 80, "示例项目2023年度绩效自评表")] + [(XS[c] + 3, YS[r] + 14, t) for r, row in enumerate(CELLS)
                                                 for c, t in enumerate(row)]
    return draw_page(rules, texts)


def with_annotations(pdf: bytes, annotations: bytes, extra: Sequence[bytes] = (), annots: bytes = b"") -> bytes:
    """`pdf` with `annotations` (dictionaries) on its page, its objects written again with a new table
    of offsets; the `extra` objects after its own (numbered from `first_extra(pdf)`); with `annots`,
    that as the page's /Annots instead of an array of `annotations`."""
    objects = re.findall(rb"(\d+) 0 obj\n(.*?)\nendobj\n", pdf, re.S)
    objects += [(b"%d" % (len(objects) + 1 + i), body) for i, body in enumerate(extra)]
    trailer = re.search(rb"trailer\n(<<.*?>>)", pdf, re.S)[1]  # type: ignore[index]
    trailer = re.sub(rb"/Size \d+", b"/Size %d" % (len(objects) + 1), trailer)
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in objects:
        offsets.append(len(out))
        body = body.replace(b"/Type /Page ", b"/Type /Page /Annots " + (annots or b"[" + annotations + b"]") + b" ", 1)
        out += n + b" 0 obj\n" + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return bytes(out) + b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % xref


def first_extra(pdf: bytes) -> int:
    """The number `with_annotations` gives the first of its `extra` objects."""
    return len(re.findall(rb"(\d+) 0 obj\n", pdf)) + 1


def _import(tmp: Path, data: bytes, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    path = tmp / "自评表.pdf"
    path.write_bytes(data)
    code = main(["import", str(path), "--out", str(tmp / "out")])
    return code, capsys.readouterr().out


@pytest.mark.parametrize(("annotation", "said"), [
    (b"<< /Type /Annot /Subtype /FreeText /Rect " + SCORE + b" /Contents (30) /DA (/Helv 10 Tf 0 g) /F 4 >>",
     "（文字框「30」）"),                                  # 26 corrected to 30 by a typed text box
    (b"<< /Type /Annot /Subtype /Square /Rect " + SCORE + b" /IC [1 1 1] /F 4 >>", "（矩形）"),  # whited out
    (b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (score) /V (30) /Rect " + SCORE + b" /F 4 >>",
     "（表单域「30」）"),                                  # a PDF form's field filled in
])
def test_an_annotation_over_the_table_refuses_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       annotation: bytes, said: str) -> None:
    code, out = _import(tmp_path, with_annotations(_form(), annotation), capsys)
    assert code == 1 and not (tmp_path / "out").exists()
    assert f"PDF 第 1 页的表格上有 PDF 编辑器加上的批注或表单内容{said}" in out and "「拼合」" in out


@pytest.mark.parametrize(("annotation", "note"), [
    (b"<< /Type /Annot /Subtype /FreeText /Rect " + SCORE + b" /Contents (30) /F 6 >>", False),  # hidden: not shown
    (b"<< /Type /Annot /Subtype /Square /Rect " + SCORE + b" /F 4 >>", False),       # an outline only: hides nothing
    (b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (sign) /V (x) /Rect " + SCORE + b" /F 4 >>", False),  # a signature
    (b"<< /Type /Annot /Subtype /Link /Rect " + SCORE + b" /F 4 >>", False),
    (b"<< /Type /Annot /Subtype /FreeText /Rect [400 700 500 720] /Contents (ok) /F 4 >>", True),  # off the table
])
def test_an_annotation_that_changes_no_cell_is_read_past(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         annotation: bytes, note: bool) -> None:
    _, out = _import(tmp_path, with_annotations(_form(), annotation), capsys)
    written = sorted((tmp_path / "out").rglob("*.yaml"))
    assert len(written) == 1 and "score: 26\n" in written[0].read_text(encoding="utf-8"), out
    assert ("PDF 第 1 页表格外有 PDF 编辑器加上的批注或表单内容（文字框「ok」），没有读取" in out) is note


def test_a_filled_form_on_a_page_of_no_text_is_refused_not_called_a_scan(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    blank = draw_page([], [])
    field = b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /V (Demo) /Rect [100 700 300 720] /F 4 >>"
    code, out = _import(tmp_path, with_annotations(blank, field), capsys)
    assert code == 1 and "PDF 第 1 页的页面上（页面本身没有文字）有 PDF 编辑器加上的批注或表单内容（表单域「Demo」）" in out


def _hex(text: str, bom: bytes, codec: str) -> bytes:
    return b"<" + (bom + text.encode(codec)).hex().upper().encode() + b">"


@pytest.mark.parametrize(("contents", "said"), [
    (_hex("改为30分", b"\xfe\xff", "utf-16be"), "文字框「改为30分」"),   # how a PDF editor writes Chinese
    (_hex("改为30分", b"\xef\xbb\xbf", "utf-8"), "文字框「改为30分」"),   # PDF 2.0
    (b"(\\200 30)", "文字框「• 30」"),                                   # PDFDocEncoding: 0x80 is a bullet
    (b"(\\225 300)", "文字框「Ł 300」"),                  # neither UTF-8 nor UTF-16 (pdfplumber raised)
])
def test_an_annotations_text_is_named_as_the_viewer_shows_it(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                             contents: bytes, said: str) -> None:
    annotation = b"<< /Type /Annot /Subtype /FreeText /Rect " + SCORE + b" /Contents " + contents + b" /F 4 >>"
    code, out = _import(tmp_path, with_annotations(_form(), annotation), capsys)
    assert code == 1 and f"批注或表单内容（{said}）" in out, out


def test_a_chinese_form_field_value_is_named_as_typed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    field = b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (score) /V " + _hex("三十", b"\xfe\xff", "utf-16be")
    code, out = _import(tmp_path, with_annotations(_form(), field + b" /Rect " + SCORE + b" /F 4 >>"), capsys)
    assert code == 1 and "（表单域「三十」）" in out, out


WHITE_BOX = b"<< /Type /Annot /Subtype /Square /Rect " + SCORE + b" /IC [1 1 1] /F 4 >>"


def _looped_comment(form: bytes) -> bytes:
    """A white box whose comment pop-up (/Popup) names the box as its /Parent, as Acrobat writes a
    comment, with no /Type (it is optional): pdfplumber, resolving every reference, goes round the loop."""
    box, popup = first_extra(form), first_extra(form) + 1
    return with_annotations(form, b"%d 0 R" % box, [
        b"<< /Subtype /Square /Rect " + SCORE + b" /IC [1 1 1] /F 4 /Popup %d 0 R >>" % popup,
        b"<< /Subtype /Popup /Rect [400 700 500 720] /Parent %d 0 R >>" % box])


@pytest.mark.parametrize("make", [
    _looped_comment,
    lambda form: with_annotations(form, b"%d 0 R " % (first_extra(form) + 5) + WHITE_BOX),  # a dangling entry first
    lambda form: with_annotations(form, b"<< /Subtype /Link /Rect [1 2 3] >> " + WHITE_BOX),  # a Rect of 3 numbers
    lambda form: with_annotations(form, b"<< /Subtype /Link >> null " + WHITE_BOX),  # no Rect; a null
], ids=["popup-loop", "dangling-entry", "short-rect", "no-rect"])
def test_one_bad_entry_does_not_hide_the_white_box_after_it(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            make: Callable[[bytes], bytes]) -> None:
    code, out = _import(tmp_path, make(_form()), capsys)
    assert code == 1 and "PDF 第 1 页的表格上有 PDF 编辑器加上的批注或表单内容（矩形）" in out, out


def test_an_annotation_list_that_cannot_be_read_refuses_a_page_with_a_table(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form = _form()
    code, out = _import(tmp_path, with_annotations(form, b"", annots=b"%d 0 R" % (first_extra(form) + 5)), capsys)
    assert code == 1 and not (tmp_path / "out").exists()
    assert "PDF 第 1 页有表格，但这一页的批注列表（/Annots）指向的对象不存在，读不出阅读器在表格上显示" in out, out
    code, out = _import(tmp_path, with_annotations(form, b"", annots=b"(not an array)"), capsys)
    assert code == 1 and "批注列表（/Annots）不是数组" in out, out


def test_a_broken_entry_is_named_and_the_rest_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form = _form()
    data = with_annotations(form, b"<< /Subtype /FreeText /Contents (30) /Rect [370 1 /x 2] >> %d 0 R"
                            % (first_extra(form) + 5))
    code, out = _import(tmp_path, data, capsys)
    written = sorted((tmp_path / "out").rglob("*.yaml"))
    assert code == 0 and len(written) == 1 and "score: 26\n" in written[0].read_text(encoding="utf-8"), out
    assert ("PDF 第 1 页的批注列表中第 1 项（没有位置（/Rect 不是 4 个数））、第 2 项（引用的对象不存在）无法读取，"
            "没有检查它们是否显示在表格上") in out, out
