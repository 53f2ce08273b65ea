"""A PDF table whose border has rounded corners (a web page's ``border-radius`` printed by a
browser, a cell drawn as a rounded rectangle): the table finder takes ruling from straight lines
only, and the rounded corners left the corner cells without a corner, splitting the table."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_makers import _STSONG, HEIGHT, _encode, _hex, _Pdf

from perfsite.importing.grid import Grid
from perfsite.importing.pdf_reader import read_pdf

K = 0.5523
"""A quarter circle's control points stand this share of the radius along its tangents."""
LEFT, TOP, RIGHT, BOTTOM = 50, 100, 410, 160
CELLS = [["项目名称", "示例项目", "年度"], ["分值", "得分", "备注"]]


def _at(x: float, y: float) -> bytes:
    return b"%.2f %.2f" % (x, HEIGHT - y)


def _rounded(r: float) -> bytes:
    """The table's outer border, its corners rounded to radius `r` (points) by Bézier curves."""
    k = K * r
    return b" ".join([
        _at(LEFT + r, TOP) + b" m", _at(RIGHT - r, TOP) + b" l",
        _at(RIGHT - r + k, TOP) + b" " + _at(RIGHT, TOP + r - k) + b" " + _at(RIGHT, TOP + r) + b" c",
        _at(RIGHT, BOTTOM - r) + b" l",
        _at(RIGHT, BOTTOM - r + k) + b" " + _at(RIGHT - r + k, BOTTOM) + b" " + _at(RIGHT - r, BOTTOM) + b" c",
        _at(LEFT + r, BOTTOM) + b" l",
        _at(LEFT + r - k, BOTTOM) + b" " + _at(LEFT, BOTTOM - r + k) + b" " + _at(LEFT, BOTTOM - r) + b" c",
        _at(LEFT, TOP + r) + b" l",
        _at(LEFT, TOP + r - k) + b" " + _at(LEFT + r - k, TOP) + b" " + _at(LEFT + r, TOP) + b" c", b"h S"])


def _ring(x: float, y: float, r: float) -> bytes:
    """A circle of radius `r` round (x, y), four Bézier quarters and no straight piece."""
    k = K * r
    return b" ".join([_at(x + r, y) + b" m",
                      _at(x + r, y + k) + b" " + _at(x + k, y + r) + b" " + _at(x, y + r) + b" c",
                      _at(x - k, y + r) + b" " + _at(x - r, y + k) + b" " + _at(x - r, y) + b" c",
                      _at(x - r, y - k) + b" " + _at(x - k, y - r) + b" " + _at(x, y - r) + b" c",
                      _at(x + k, y - r) + b" " + _at(x + r, y - k) + b" " + _at(x + r, y) + b" c", b"S"])


def _read(tmp: Path, *drawn: bytes) -> list[list[list[str]]]:
    rules = [(170, TOP, 170, BOTTOM), (290, TOP, 290, BOTTOM), (LEFT, 130, RIGHT, 130)]
    ops = [b"0.5 w", *drawn]
    ops += [b"%s m %s l S" % (_at(a, b), _at(c, d)) for a, b, c, d in rules]
    ops += [b"BT /F1 10 Tf 1 0 0 1 %s Tm %s Tj ET" % (_at(LEFT + 10 + 120 * c, 120 + 30 * r), _hex(_encode(text, "stsong")))
            for r, row in enumerate(CELLS) for c, text in enumerate(row)]
    path = tmp / "表.pdf"
    path.write_bytes(_Pdf().save([b"\n".join(ops)], _STSONG, b"<< /Producer (Chrome) >>"))
    blocks, _ = read_pdf(path)
    return [[[c.text for c in row] for row in b.rows] for b in blocks if isinstance(b, Grid)]


@pytest.mark.parametrize("radius", [2, 6, 12, 20])
def test_a_table_with_rounded_corners_reads_as_its_cells(tmp_path: Path, radius: float) -> None:
    assert _read(tmp_path, _rounded(radius)) == [CELLS]


def test_a_ring_round_a_figure_adds_no_ruling(tmp_path: Path) -> None:
    """A red circle round 「得分」 (no straight piece) squares nothing: its cell stays whole."""
    assert _read(tmp_path, _rounded(6), b"1 0 0 RG " + _ring(230, 145, 12)) == [CELLS]
