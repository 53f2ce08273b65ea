"""A .mht's own style sheet importing another (``@import``): the imported sheet's rules are read from
the .mht where it holds it, and one it does not hold is named as out of reach, as a ``<link>`` is."""

from __future__ import annotations

from pathlib import Path

from html_makers import as_mht

from perfsite.importing.grid import Grid
from perfsite.importing.html_reader import page_blocks, read_html

CLASSED = ("<table><tr><td>三级指标</td><td>得分</td></tr><tr><td>满意度</td><td class=xl70>26"
           "<span class='old fix'>30</span></td></tr></table>")
PAGE = ("<html><head><link rel=Stylesheet href=\"form.files/stylesheet.css\"></head><body>"
        "<p>示例项目2023年度绩效自评表</p>" + CLASSED + "</body></html>")
BOUNDARY = b"------=_NextPart_01D9C5A1.5C9E3B10"
HIDING = (BOUNDARY + b"\r\nContent-Location: file:///C:/D3A5E1F0/form.files/hide.css\r\n"
          b"Content-Type: text/css\r\n\r\n.old{color:white}\r\n")
"""A second style sheet part of the .mht, put before its closing boundary."""


def _read(tmp: Path, css: bytes, extra: bytes = b"") -> tuple[list[list[str]], str]:
    data = as_mht(PAGE.encode(), "utf-8", css=css)
    if extra:
        data = data.replace(BOUNDARY + b"--", extra + BOUNDARY + b"--")
    path = tmp / "自评表.mht"
    path.write_bytes(data)
    blocks, _ = read_html(path)
    [grid] = [b for b in blocks if isinstance(b, Grid)]
    return [[cell.text for cell in row] for row in grid.rows], "\n".join(grid.notes)


def test_a_sheet_the_mht_holds_imported_by_its_sheet_is_read(tmp_path: Path) -> None:
    rows, said = _read(tmp_path, b'@import url("hide.css");\n.xl70{font-weight:700}', HIDING)
    assert rows[1] == ["满意度", "26"], rows
    assert "「30」（文字是白色的，底色也是白色）" in said and "外部样式表" not in said, said


def test_a_remote_sheet_imported_by_the_mhts_sheet_is_named(tmp_path: Path) -> None:
    rows, said = _read(tmp_path, b"@import 'http://cdn.example/site.css';\n.xl70{font-weight:700}")
    assert rows[1] == ["满意度", "2630"], rows
    assert "网页引用了外部样式表「http://cdn.example/site.css」" in said, said


def test_a_sheet_importing_itself_is_read_once(tmp_path: Path) -> None:
    rows, said = _read(tmp_path, b'@import "stylesheet.css";\n.old{color:white}')
    assert rows[1] == ["满意度", "26"] and "外部样式表" not in said, said


def test_a_rule_after_an_import_in_the_pages_style_is_read() -> None:
    """「@import …; .old{display:none}」: the rule was read with the import as its selector, and lost."""
    [grid] = [b for b in page_blocks("<style>@import url(held.css);.old{display:none}</style>" + CLASSED,
                                     sheets={"held.css": "td{padding:1px}"}) if isinstance(b, Grid)]
    assert [cell.text for cell in grid.rows[1]] == ["满意度", "26"]
