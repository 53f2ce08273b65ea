"""Text a PDF holds but its page does not show: drawn in the colour under it (white on the white
page, grey on a grey-shaded cell) or far smaller than the page's text. A clerk whitens an old
figure rather than deleting it; read, 「100%」 drawn white over the 「90%」 the page shows became
「100%90%」 or the wrong figure. Such text is left out and named, page and cell, as the Word and
Excel readers name theirs (docs/import.md, 「看不见的文字」).

The pages are written here operator by operator (tests/pdf_makers.py's PDF objects, STSong-Light):
rules, filled boxes, and text in a given fill colour (``rg``/``g``/``k``) and size.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_makers import _STSONG, HEIGHT, WIDTH, _encode, _hex, _Pdf

from perfsite.importing.grid import Grid
from perfsite.importing.pdf_reader import read_here

_Text = tuple[float, float, str, bytes, float]
"""x, y from the top, text, its fill colour operator (b"0 g", b"1 1 1 rg", b"0 0 0 0 k"), size in points."""


def _page(rules: list[tuple[float, float, float, float]], texts: list[_Text],
          fills: list[tuple[float, float, float, float, bytes]] = (),  # type: ignore[assignment]
          shapes: list[bytes] = (),  # type: ignore[assignment]
          covers: list[tuple[float, float, float, float, bytes]] = (),  # type: ignore[assignment]
          last: list[_Text] = ()) -> bytes:  # type: ignore[assignment]
    """One landscape page: `shapes` (content operators as they are) and filled boxes (x0, top, x1,
    bottom, colour operator) first, then the ruled lines (x0, y0, x1, y1), then the texts, each in
    its colour and size; then boxes drawn over them (`covers`) and texts drawn over those (`last`)."""
    ops = [b"0.5 w 0 G", *shapes]
    ops.extend(b"%s %.2f %.2f %.2f %.2f re f" % (colour, x0, HEIGHT - y1, x1 - x0, y1 - y0)
               for x0, y0, x1, y1, colour in fills)
    ops.extend(b"%.2f %.2f m %.2f %.2f l S" % (x0, HEIGHT - y0, x1, HEIGHT - y1) for x0, y0, x1, y1 in rules)
    ops.extend(b"%s BT /F1 %g Tf 1 0 0 1 %.2f %.2f Tm %s Tj ET" % (colour, size, x, HEIGHT - y, _hex(_encode(text, "stsong")))
               for x, y, text, colour, size in texts)
    ops.extend(b"%s %.2f %.2f %.2f %.2f re f" % (colour, x0, HEIGHT - y1, x1 - x0, y1 - y0)
               for x0, y0, x1, y1, colour in covers)
    ops.extend(b"%s BT /F1 %g Tf 1 0 0 1 %.2f %.2f Tm %s Tj ET" % (colour, size, x, HEIGHT - y, _hex(_encode(text, "stsong")))
               for x, y, text, colour, size in last)
    return _Pdf().save([b"\n".join(ops)], _STSONG, b"<< /Producer (iText) >>")


_LEFTS = [50, 150, 250, 350, 450, 530, 610]
"""The indicator table's column rules: 一级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分."""
_RULES = [(50, y, 610, y) for y in (100, 130, 160)] + [(x, 100, x, 160) for x in _LEFTS]
_BLACK = b"0 g"
_WHITE = b"1 1 1 rg"


def _row(texts: list[str], y: float, colour: bytes = _BLACK, size: float = 10) -> list[_Text]:
    return [(x + 5, y, t, colour, size) for x, t in zip(_LEFTS, texts, strict=False) if t]


_HEADER = _row(["一级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"], 120)
_ROW = _row(["产出指标", "完成率", "≥90%", "90%", "10", "10"], 150)


def _grid(tmp_path: Path, page: bytes) -> Grid:
    pdf = tmp_path / "自评表.pdf"
    pdf.write_bytes(page)
    blocks, _ = read_here(pdf)
    grids = [b for b in blocks if isinstance(b, Grid)]
    assert len(grids) == 1, blocks
    return grids[0]


def _texts(grid: Grid) -> list[list[str]]:
    return [[c.text for c in row] for row in grid.rows]


def test_a_white_figure_over_the_figure_shown_is_left_out_and_named(tmp_path: Path) -> None:
    """The 实际值 cell shows 「90%」; a white 「100%」 is drawn over it (the old figure whitened)."""
    grid = _grid(tmp_path, _page(_RULES, [*_HEADER, *_ROW, (355, 150, "100%", _WHITE, 10)]))
    assert _texts(grid)[1] == ["产出指标", "完成率", "≥90%", "90%", "10", "10"], _texts(grid)
    assert any("PDF 第 1 页表格第2行第4列「100%」（白色文字在白色底上）" in n and "看不见" in n for n in grid.notes), grid.notes


def test_white_in_grey_and_cmyk_are_white_too(tmp_path: Path) -> None:
    """``1 g`` and ``0 0 0 0 k`` are the same white as ``1 1 1 rg``; 95% white cannot be told from it."""
    for colour in (b"1 g", b"0 0 0 0 k", b"0.96 0.96 0.96 rg"):
        grid = _grid(tmp_path, _page(_RULES, [*_HEADER, *_ROW, (540, 150, "5", colour, 10)]))
        assert _texts(grid)[1][5] == "10", (colour, _texts(grid))
        assert any("第2行第6列「5」" in n for n in grid.notes), (colour, grid.notes)


def test_white_text_on_a_dark_fill_is_read_and_grey_on_the_same_grey_is_not(tmp_path: Path) -> None:
    """A header shaded dark blue with white text is what the page shows; a cell shaded grey whose
    text is the same grey shows nothing."""
    fills = [(50, 100, 610, 130, b"0 0 0.5 rg"), (450, 130, 530, 160, b"0.8 g")]
    header = _row(["一级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"], 120, _WHITE)
    grid = _grid(tmp_path, _page(_RULES, [*header, *_ROW, (500, 150, "99", b"0.8 0.8 0.8 rg", 10)], fills))
    assert _texts(grid) == [["一级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
                            ["产出指标", "完成率", "≥90%", "90%", "10", "10"]], _texts(grid)
    assert any("第2行第5列「99」（文字的颜色与底色相同）" in n for n in grid.notes), grid.notes
    assert not any("第1行" in n for n in grid.notes), grid.notes


def test_white_text_on_a_dark_shape_that_is_no_box_is_read(tmp_path: Path) -> None:
    """A title band drawn as a filled path (rounded corners) under white text: the page shows it."""
    band = b"0 0 0.5 rg 60 %.2f m 600 %.2f l 605 %.2f l 600 %.2f l 60 %.2f l 55 %.2f l h f" % (
        HEIGHT - 50, HEIGHT - 50, HEIGHT - 60, HEIGHT - 70, HEIGHT - 70, HEIGHT - 60)
    pdf = tmp_path / "自评表.pdf"
    pdf.write_bytes(_page(_RULES, [(100, 65, "项目名称：农村公路养护", _WHITE, 10), *_HEADER, *_ROW], shapes=[band]))
    blocks, _ = read_here(pdf)
    assert any("农村公路养护" in getattr(b, "text", "") for b in blocks), blocks
    grid = next(b for b in blocks if isinstance(b, Grid))
    assert not any("看不见" in n for n in grid.notes), grid.notes


def test_text_far_smaller_than_the_page_is_left_out_but_a_page_shrunk_to_fit_is_read(tmp_path: Path) -> None:
    """1.5 pt among 10 pt text is a speck no one reads; a sheet printed 「缩放到一页」 at 1.8 pt
    throughout is the form itself, read with a zoom."""
    grid = _grid(tmp_path, _page(_RULES, [*_HEADER, *_ROW, (355, 155, "100%", _BLACK, 1.5)]))
    assert _texts(grid)[1][3] == "90%", _texts(grid)
    assert any("第2行第4列「100%」（字号只有 1.5 磅）" in n for n in grid.notes), grid.notes
    small = [(x, y, t, c, 1.8) for x, y, t, c, _ in [*_HEADER, *_ROW]]
    grid = _grid(tmp_path, _page(_RULES, small))
    assert _texts(grid)[1] == ["产出指标", "完成率", "≥90%", "90%", "10", "10"], _texts(grid)
    assert not any("看不见" in n for n in grid.notes), grid.notes


def test_unseen_text_outside_the_table_is_left_out_and_named_with_the_table(tmp_path: Path) -> None:
    """A white line above the table (a note to a colleague) is no paragraph of the report."""
    pdf = tmp_path / "自评表.pdf"
    pdf.write_bytes(_page(_RULES, [(50, 60, "项目名称：农村公路养护", _BLACK, 10),
                                   (50, 80, "请勿公开此数字", _WHITE, 10), *_HEADER, *_ROW]))
    blocks, _ = read_here(pdf)
    assert not any("请勿公开" in getattr(b, "text", "") for b in blocks), blocks
    grid = next(b for b in blocks if isinstance(b, Grid))
    assert any("表格外「请勿公开此数字」（白色文字在白色底上）" in n for n in grid.notes), grid.notes


def test_ordinary_coloured_text_is_read_without_a_note(tmp_path: Path) -> None:
    """Red or blue text on white is seen: only the colour of what lies under it hides text."""
    row = _row(["产出指标", "完成率", "≥90%", "90%", "10", "10"], 150, b"1 0 0 rg")
    grid = _grid(tmp_path, _page(_RULES, [*_HEADER, *row]))
    assert _texts(grid)[1] == ["产出指标", "完成率", "≥90%", "90%", "10", "10"], _texts(grid)
    assert not grid.notes, grid.notes


def test_a_whitened_actual_in_a_pdf_form_is_not_published(tmp_path: Path) -> None:
    """The whole import: the 实际完成值 written out is the 「90%」 the page shows, and the clerk is told."""
    import contextlib
    import io

    from perfsite.cli import main

    lefts = [50, 130, 210, 310, 400, 490, 550, 610]
    ys = [100, 130, 160, 190, 220, 250]
    rules = ([(50, y, 610, y) for y in ys] + [(x, 130, x, 250) for x in lefts]
             + [(50, 100, 50, 130), (130, 100, 130, 130), (610, 100, 610, 130)])

    def cells(texts: list[str], y: float) -> list[_Text]:
        return [(x + 4, y, t, _BLACK, 10) for x, t in zip(lefts, texts, strict=False) if t]

    texts = [(200, 60, "2023年度项目支出绩效自评表", _BLACK, 14), (54, 120, "项目名称", _BLACK, 10),
             (134, 120, "农村公路养护", _BLACK, 10),
             *cells(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"], 150),
             *cells(["产出指标", "数量指标", "养护里程", "≥100公里", "120公里", "50", "50"], 180),
             *cells(["效益指标", "社会效益", "通行满意度", "≥90%", "90%", "50", "50"], 210),
             (404, 210, "100%", _WHITE, 10), *cells(["总分", "", "", "", "", "100", "100"], 240)]
    pdf = tmp_path / "自评表.pdf"
    pdf.write_bytes(_page(rules, texts))
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        code = main(["import", str(pdf), "--out", str(tmp_path / "out"), "--year", "2023"])
    [written] = (tmp_path / "out").rglob("*.yaml")
    data = written.read_text(encoding="utf-8")
    assert code == 0 and 'actual: "90%"' in data and "100%" not in data, data
    assert "PDF 第 1 页表格第4行第5列「100%」（白色文字在白色底上）：这些文字在页面上看不见" in shown.getvalue(), shown.getvalue()


def test_a_figure_covered_by_a_box_drawn_over_it_is_left_out_and_named(tmp_path: Path) -> None:
    """A PDF editor's whiteout: a white box drawn over the 「90%」 the form was printed with, the new
    「95%」 typed on it. The page shows 95%; the covered 90% was read with it."""
    row = _row(["产出指标", "完成率", "≥90%", "", "10", "10"], 150)
    grid = _grid(tmp_path, _page(_RULES, [*_HEADER, *row, (355, 150, "90%", _BLACK, 10)],
                                 covers=[(352, 138, 440, 157, _WHITE)], last=[(355, 150, "95%", _BLACK, 10)]))
    assert _texts(grid)[1] == ["产出指标", "完成率", "≥90%", "95%", "10", "10"], _texts(grid)
    assert any("第2行第4列「90%」（被后画的白色方块盖住）" in n and "看不见" in n for n in grid.notes), grid.notes


def test_black_text_under_a_black_bar_is_left_out_whichever_was_drawn_first(tmp_path: Path) -> None:
    """A redaction: a black bar over the 得分 (drawn after it), or black text drawn on a black box."""
    for covers, fills in (([(452, 138, 528, 157, _BLACK)], []), ([], [(452, 138, 528, 157, _BLACK)])):
        grid = _grid(tmp_path, _page(_RULES, [*_HEADER, *_ROW], fills, covers=covers))
        assert _texts(grid)[1] == ["产出指标", "完成率", "≥90%", "90%", "", "10"], _texts(grid)
        assert any("第2行第5列「10」" in n and "看不见" in n for n in grid.notes), grid.notes


def test_a_shaded_cell_drawn_before_its_text_and_a_coloured_box_over_text_are_read(tmp_path: Path) -> None:
    """A grey cell shaded before its black text is written is the usual form; a yellow box drawn
    over text may be a see-through highlight (its transparency is not known): both are read."""
    grid = _grid(tmp_path, _page(_RULES, [*_HEADER, *_ROW], [(50, 100, 610, 130, b"0.8 g")],
                                 covers=[(452, 138, 528, 157, b"1 1 0 rg")]))
    assert _texts(grid)[1] == ["产出指标", "完成率", "≥90%", "90%", "10", "10"], _texts(grid)
    assert not any("看不见" in n for n in grid.notes), grid.notes


def _pasted(page: bytes, x0: float, top: float, x1: float, bottom: float, *, masked: bool = False) -> bytes:
    """`page` (`_page`) with a small white picture drawn over (x0, top, x1, bottom) after its text,
    as a PDF editor pastes a picture of the new figure: ``q … cm /Im1 Do Q`` at the content's end.
    With `masked`, the picture has a soft mask (a seal's transparent ground)."""
    pdf = _Pdf()
    mask = pdf.stream(b"\x00" * 16, b"/Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray "
                                    b"/BitsPerComponent 8 ") if masked else 0
    picture = pdf.stream(b"\xff" * 48, b"/Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceRGB "
                                       b"/BitsPerComponent 8 " + (b"/SMask %d 0 R " % mask if masked else b""))
    content = _content(page) + b"\nq %.2f 0 0 %.2f %.2f %.2f cm /Im1 Do Q" % (x1 - x0, bottom - top, x0, HEIGHT - bottom)
    return pdf.save([content], _STSONG, b"<< /Producer (iText) >>", picture=picture)


def _content(page: bytes) -> bytes:
    """The page's content stream, as `_page` wrote it (the first stream of the file)."""
    import zlib

    start = page.index(b"stream\n") + len(b"stream\n")
    return zlib.decompress(page[start:page.index(b"\nendstream", start)])


def test_a_figure_under_a_picture_pasted_over_it_is_left_out_and_a_seal_over_one_is_read(tmp_path: Path) -> None:
    """A picture of a white patch pasted over the 「90%」 (no transparency): the page shows the
    patch and the 「95%」 typed after; a seal's picture has a transparent ground, the text under it shows."""
    row = _row(["产出指标", "完成率", "≥90%", "", "10", "10"], 150)
    page = _page(_RULES, [*_HEADER, *row, (355, 150, "90%", _BLACK, 10)])
    grid = _grid(tmp_path, _pasted(page, 352, 138, 440, 157))
    assert _texts(grid)[1] == ["产出指标", "完成率", "≥90%", "", "10", "10"], _texts(grid)
    assert any("第2行第4列「90%」（被后贴的图片盖住）" in n and "看不见" in n for n in grid.notes), grid.notes
    grid = _grid(tmp_path, _pasted(page, 352, 138, 440, 157, masked=True))
    assert _texts(grid)[1] == ["产出指标", "完成率", "≥90%", "90%", "10", "10"], _texts(grid)


def test_a_figure_under_a_white_shape_drawn_over_it_is_left_out_where_the_shape_is(tmp_path: Path) -> None:
    """A white rounded patch (a closed curve, no rectangle) drawn over the 分值 「10」 of row 2; a white
    wedge over the top of the 实际完成值 cell holds the 「90%」 in its bounds but not under its outline."""
    patch = b"1 g 455 %.2f m 525 %.2f l 528 %.2f 528 %.2f 525 %.2f c 455 %.2f l 452 %.2f 452 %.2f 455 %.2f c h f" % (
        HEIGHT - 139, HEIGHT - 139, HEIGHT - 139, HEIGHT - 156, HEIGHT - 156, HEIGHT - 156, HEIGHT - 156,
        HEIGHT - 139, HEIGHT - 139)
    wedge = b"1 g 352 %.2f m 440 %.2f l 440 %.2f l h f" % (HEIGHT - 138, HEIGHT - 138, HEIGHT - 157)  # its upper right half
    content = _content(_page(_RULES, [*_HEADER, *_ROW])) + b"\n" + patch + b"\n" + wedge
    grid = _grid(tmp_path, _Pdf().save([content], _STSONG, b"<< /Producer (iText) >>"))
    assert _texts(grid)[1] == ["产出指标", "完成率", "≥90%", "90%", "", "10"], _texts(grid)
    assert any("第2行第5列「10」（被后画的白色图形盖住）" in n for n in grid.notes), grid.notes


class _SpotPdf(_Pdf):
    """`_Pdf` whose pages hold a spot colour space ``/CS0``, 「PANTONE 485 C」 (a red) by tint."""

    def add(self, body: bytes) -> int:
        if b"/Type /Page " in body:
            body = body.replace(b"/Resources << ", b"/Resources << /ColorSpace << /CS0 [/Separation /PANTONE#20485#20C "
                                b"/DeviceRGB << /FunctionType 2 /Domain [0 1] /C0 [1 1 1] /C1 [0.85 0.16 0.11] /N 1 >>] >> ", 1)
        return super().add(body)


def test_white_text_on_a_spot_colour_band_is_read(tmp_path: Path) -> None:
    """The header row printed white on a full tint of a spot red (``/CS0 cs 1 scn``): pdfminer gives
    the band's colour as (1,), no colour space; read as a grey it was white, the header unseen."""
    band = b"/CS0 cs 1 scn 50 %.2f 560 30 re f" % (HEIGHT - 130)
    header = _row(["一级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"], 120, _WHITE)
    content = band + b"\n" + _content(_page(_RULES, [*header, *_ROW]))
    grid = _grid(tmp_path, _SpotPdf().save([content], _STSONG, b"<< /Producer (iText) >>"))
    assert _texts(grid)[0] == ["一级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"], _texts(grid)
    assert not any("看不见" in n for n in grid.notes), grid.notes


def test_text_under_a_scan_of_the_whole_page_is_its_ocr_and_read(tmp_path: Path) -> None:
    """A scanner's 「text under the page image」 PDF: the OCR text first, the page's picture over all of
    it. What the picture shows is that text: it is read, not left out as covered."""
    grid = _grid(tmp_path, _pasted(_page(_RULES, [*_HEADER, *_ROW]), 0, 0, WIDTH, HEIGHT))
    assert _texts(grid)[1] == ["产出指标", "完成率", "≥90%", "90%", "10", "10"], _texts(grid)
    assert not any("看不见" in n for n in grid.notes), grid.notes


def _in_mode(mode: int, text: str, x: float, y: float) -> bytes:
    """`text` at (x, y from the top) drawn in text rendering mode `mode` (``Tr``), inside q … Q,
    which ends the mode for what is drawn after."""
    return b"q %d Tr 0 g BT /F1 10 Tf 1 0 0 1 %.2f %.2f Tm %s Tj ET Q" % (mode, x, HEIGHT - y, _hex(_encode(text, "stsong")))


@pytest.mark.parametrize(("mode", "shown"), [(3, False), (1, True), (2, True), (5, True), (7, False)])
def test_a_figure_drawn_in_a_mode_that_paints_nothing_is_left_out_and_named(tmp_path: Path, mode: int,
                                                                              shown: bool) -> None:
    """The 实际值 「90%」 drawn in rendering mode 3 (neither filled nor stroked) is not on the page;
    outlined (1), filled and outlined (2) or filled and clipping (5) it is; as a clipping path
    alone (7) with nothing painted through it before the ``Q`` it prints nothing either. The
    rest of the page, drawn after the mode ended, reads as ever."""
    row = _row(["产出指标", "完成率", "≥90%", "", "10", "10"], 150)
    content = _in_mode(mode, "90%", 355, 150) + b"\n" + _content(_page(_RULES, [*_HEADER, *row]))
    grid = _grid(tmp_path, _Pdf().save([content], _STSONG, b"<< /Producer (iText) >>"))
    assert _texts(grid)[1] == ["产出指标", "完成率", "≥90%", "90%" if shown else "", "10", "10"], _texts(grid)
    named = [n for n in grid.notes if "第2行第4列「90%」（文字设为不显示）" in n and "看不见" in n]
    assert bool(named) is not shown, grid.notes


def test_a_scans_ocr_text_painted_nowhere_is_what_its_picture_shows_and_read(tmp_path: Path) -> None:
    """A scanner writes its OCR text in mode 3 under the page's picture: the picture shows that text,
    so it is read, not left out as unpainted."""
    ocr = _Pdf().save([b"3 Tr\n" + _content(_page(_RULES, [*_HEADER, *_ROW]))], _STSONG, b"<< /Producer (iText) >>")
    grid = _grid(tmp_path, _pasted(ocr, 0, 0, WIDTH, HEIGHT))
    assert _texts(grid)[1] == ["产出指标", "完成率", "≥90%", "90%", "10", "10"], _texts(grid)
    assert not any("看不见" in n for n in grid.notes), grid.notes


def _clipped(clip: bytes, text: str, x: float, y: float) -> bytes:
    """`text` at (x, y from the top) drawn inside q … Q after the clipping path `clip` (``… re W n``)."""
    return b"q %s BT /F1 10 Tf 1 0 0 1 %.2f %.2f Tm %s Tj ET Q" % (clip, x, HEIGHT - y, _hex(_encode(text, "stsong")))


_ACTUAL = (350, HEIGHT - 160, 100, 30)
"""The 实际完成值 cell of the indicator row, x, y from the bottom, width, height: a clip to it."""


@pytest.mark.parametrize(("clip", "shown"), [
    (b"0 0 10 10 re W n", False),                                           # a box far from the text
    (b"%g %g %g %g re W* n" % (500, HEIGHT - 160, 50, 30), False),         # even–odd, the 分值 cell's box
    (b"%g %g %g %g re %g %g %g %g re W* n" % (*_ACTUAL, *_ACTUAL), False),  # a box within itself: nothing, even–odd
    (b"%g %g %g %g re W n" % _ACTUAL, True),                                # Excel clips a cell's text to its cell
    (b"%g %g %g %g re W n" % (350, HEIGHT - 150, 100, 30), True),          # cut below its baseline: printed in part
    (b"%g %g %g %g re %g %g %g %g re W n" % (*_ACTUAL, 0, 0, 10, 10), True),  # nonzero: inside either box
    (b"300 %g m 500 %g l 400 %g l h W n" % (HEIGHT - 160, HEIGHT - 160, HEIGHT - 95), True),  # a triangle round it
    (b"350 %g m 450 %g l 450 %g l h W n" % (HEIGHT - 125, HEIGHT - 125, HEIGHT - 165), False),  # its bounds, not it
])
def test_a_figure_outside_the_clipping_path_is_left_out_and_named(tmp_path: Path, clip: bytes, shown: bool) -> None:
    """The 实际值 「90%」 drawn after a clipping path (``W n``, ``W* n``) that leaves it out is cut
    away: not on the page, left out and named. Inside the path it prints and is read; the rest of
    the page, drawn after ``Q`` restored the whole page, reads as ever."""
    row = _row(["产出指标", "完成率", "≥90%", "", "10", "10"], 150)
    content = _clipped(clip, "90%", 355, 150) + b"\n" + _content(_page(_RULES, [*_HEADER, *row]))
    grid = _grid(tmp_path, _Pdf().save([content], _STSONG, b"<< /Producer (iText) >>"))
    assert _texts(grid)[1] == ["产出指标", "完成率", "≥90%", "90%" if shown else "", "10", "10"], _texts(grid)
    named = [n for n in grid.notes if "第2行第4列「90%」（在剪切区域以外，页面上不显示）" in n and "看不见" in n]
    assert bool(named) is not shown, grid.notes


@pytest.mark.parametrize(("form", "around"), [
    (b"0 0 10 10 re W n ", b""),      # the form's own clip: it ends with the form
    (b"", b"0 0 10 10 re W n "),      # the page's clip around the form: it clips the form's text
])
def test_a_clip_in_or_around_a_form_xobject_clips_its_text_and_ends_with_it(tmp_path: Path, form: bytes,
                                                                            around: bytes) -> None:
    """A form XObject (``Do``) holding an old 「100%」 over the 实际值 cell, clipped away by its own clip
    or by the one the page set before drawing it; the 「90%」 the page draws after ``Do`` and ``Q`` is read."""
    row = _row(["产出指标", "完成率", "≥90%", "", "10", "10"], 150)
    old = b"BT /F1 10 Tf 1 0 0 1 355 %.2f Tm %s Tj ET" % (HEIGHT - 150, _hex(_encode("100%", "stsong")))
    pdf = _Pdf()
    xobject = pdf.stream(form + old, b"/Type /XObject /Subtype /Form /BBox [0 0 %d %d] " % (WIDTH, HEIGHT))
    content = (b"q " + around + b"/Im1 Do Q\n" + _content(_page(_RULES, [*_HEADER, *row]))
               + b"\n" + _clipped(b"", "90%", 355, 150))
    grid = _grid(tmp_path, pdf.save([content], _STSONG, b"<< /Producer (iText) >>", picture=xobject))
    assert _texts(grid)[1] == ["产出指标", "完成率", "≥90%", "90%", "10", "10"], _texts(grid)
    assert any("「100%」（在剪切区域以外，页面上不显示）" in n for n in grid.notes), grid.notes


def test_text_in_the_colour_of_a_rounded_cell_under_it_is_left_out_and_named(tmp_path: Path) -> None:
    """A grey cell drawn as a filled path with rounded corners (no rectangle) under the 实际值 cell,
    and an old 「100%」 in the same grey on it: the page shows the grey cell and the black 「90%」."""
    grey = b"0.8 g"
    top, bottom = HEIGHT - 132, HEIGHT - 158
    cell = (b"0.8 g 355 %.2f m 445 %.2f l 448 %.2f 448 %.2f 448 %.2f c 448 %.2f l 448 %.2f 448 %.2f 445 %.2f c "
            b"355 %.2f l 352 %.2f 352 %.2f 352 %.2f c 352 %.2f l 352 %.2f 352 %.2f 355 %.2f c h f") % (
        top, top, top, top, top - 3, bottom + 3, bottom, bottom, bottom, bottom, bottom, bottom, bottom + 3,
        top - 3, top, top, top)
    grid = _grid(tmp_path, _page(_RULES, [*_HEADER, *_ROW, (400, 150, "100%", grey, 10)], shapes=[cell]))
    assert _texts(grid)[1] == ["产出指标", "完成率", "≥90%", "90%", "10", "10"], _texts(grid)
    assert any("第2行第4列「100%」（文字的颜色与底色相同）" in n for n in grid.notes), grid.notes


def test_text_as_a_clipping_path_prints_where_painted_through_and_clips_what_follows(tmp_path: Path) -> None:
    """Modes 4–7 make the glyphs the clipping path until the ``Q``: 「90%」 as a clip (7) with a box
    painted over it (a gradient title's way) prints and is read; the 「10」 得分 drawn after it inside
    the same ``q``, far from its glyphs, prints nowhere: left out and named."""
    clip = _in_mode(7, "90%", 355, 150)[:-1]  # the Q left off: what follows is drawn through the clip
    painted = clip + b"0.5 g 350 %.2f 40 16 re f Q" % (HEIGHT - 154)
    row = _row(["产出指标", "完成率", "≥90%", "", "10", "10"], 150)
    content = painted + b"\n" + _content(_page(_RULES, [*_HEADER, *row]))
    grid = _grid(tmp_path, _Pdf().save([content], _STSONG, b"<< /Producer (iText) >>"))
    assert _texts(grid)[1] == ["产出指标", "完成率", "≥90%", "90%", "10", "10"], _texts(grid)
    score = b"BT 0 Tr /F1 10 Tf 1 0 0 1 480 %.2f Tm %s Tj ET Q" % (HEIGHT - 150, _hex(_encode("10", "stsong")))
    row = _row(["产出指标", "完成率", "≥90%", "90%", "10", ""], 150)
    content = clip + score + b"\n" + _content(_page(_RULES, [*_HEADER, *row]))
    (tmp_path / "b").mkdir()
    grid = _grid(tmp_path / "b", _Pdf().save([content], _STSONG, b"<< /Producer (iText) >>"))
    assert _texts(grid)[1][5] == "", _texts(grid)
    assert any("「10」" in n and "看不见" in n for n in grid.notes), grid.notes
