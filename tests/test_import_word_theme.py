"""Word's theme colours: a run's ``w:color`` or a cell's ``w:shd`` naming a theme colour
(``w:themeColor="background1"``, ``w:themeFill``) is drawn in the theme's colour, lightened or
darkened by its tint or shade, whatever RGB is saved beside it in ``w:val``/``w:fill``. Read by the
RGB alone, a 「40」 saved as black but drawn in 「背景 1」 white on the white page was published,
and a 「40」 saved as white but drawn in 「文字 1」 black was dropped as white text."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from raw_office import para, run, tbl, tc, tr, write_docx

from perfsite.importing.docx_reader import read_docx, toned
from perfsite.importing.grid import Grid

UNSEEN = "这些文字在 Word 中看不见"


def _coloured(colour: str, text: str = "40") -> str:
    return f'<w:r><w:rPr><w:color {colour}/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def _shd(fill: str) -> str:
    return f'<w:shd w:val="clear" w:color="auto" {fill}/>'


def _edited(path: Path, edits: dict[str, tuple[str, str] | None]) -> Path:
    """`path` with parts rewritten: part name → (old, new) text replaced once, or None to remove it."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    for name, edit in edits.items():
        if edit is None:
            del parts[name]
            continue
        text = parts[name].decode()
        assert edit[0] in text
        parts[name] = text.replace(edit[0], edit[1], 1).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def _score_cell(tmp: Path, cell: str, props: str = "", edits: dict[str, tuple[str, str] | None] | None = None
                ) -> tuple[str, list[str]]:
    body = para("示例项目2023年度绩效自评表") + tbl(tr(tc(run("指标")), tc(run("得分"))), tr(tc(run("培训人次")), tc(cell, props)),
                                              columns=2)
    path = _edited(write_docx(tmp / "f.docx", body), edits or {})
    blocks, _ = read_docx(path)
    [grid] = [b for b in blocks if isinstance(b, Grid)]
    return grid.rows[1][1].text, grid.notes


@pytest.mark.parametrize(("cell", "props", "shown", "why"), [
    # theme-white.docx: saved black, drawn in 背景 1 (white) on the white page
    (_coloured('w:val="000000" w:themeColor="background1"'), "", "", "白色文字在白色底上"),
    # theme-black.docx: saved white, drawn in 文字 1 (black)
    (_coloured('w:val="FFFFFF" w:themeColor="text1"'), "", "40", ""),
    # 「白色，背景 1，深色 5%」 on a cell shaded F2F2F2
    (_coloured('w:val="000000" w:themeColor="background1" w:themeShade="F2"'), _shd('w:fill="F2F2F2"'), "",
     "文字的颜色与底色相同"),
    # 「白色，背景 1，深色 50%」: grey on the white page, seen
    (_coloured('w:val="FFFFFF" w:themeColor="background1" w:themeShade="80"'), "", "40", ""),
    # a cell shaded 背景 2 (the template theme's EEECE1) though its fill is saved white, text EEECE1
    (_coloured('w:val="EEECE1"'), _shd('w:fill="FFFFFF" w:themeFill="background2"'), "", "文字的颜色与底色相同"),
    # the same shading lightened to white by its tint: the EEECE1 text is seen on it
    (_coloured('w:val="EEECE1"'), _shd('w:fill="EEECE1" w:themeFill="background2" w:themeFillTint="00"'), "40", ""),
    # 个性色 1 text on a 个性色 1 cell, both saved otherwise
    (_coloured('w:val="000000" w:themeColor="accent1"'), _shd('w:fill="FFFFFF" w:themeFill="accent1"'), "",
     "文字的颜色与底色相同"),
    # black text on the run's own shading in 文字 1 (its fill saved white): black on black
    (_coloured('w:val="000000"/><w:shd w:val="clear" w:color="auto" w:fill="FFFFFF" w:themeFill="text1"'), "", "",
     "文字的颜色与底色相同"),
    # the same on the paragraph's shading
    ('<w:p><w:pPr><w:shd w:val="clear" w:color="auto" w:fill="FFFFFF" w:themeFill="text1"/></w:pPr>'
     + _coloured('w:val="000000"') + "</w:p>", "", "", "文字的颜色与底色相同"),
])
def test_theme_colour_is_what_word_draws(tmp_path: Path, cell: str, props: str, shown: str, why: str) -> None:
    text, notes = _score_cell(tmp_path, cell, props)
    assert text == shown
    if why:
        assert any(UNSEEN in note and f"第2行第2列「40」（{why}）" in note for note in notes), notes
    else:
        assert not any(UNSEEN in note for note in notes), notes


def test_settings_map_text_and_background(tmp_path: Path) -> None:
    """``w:clrSchemeMapping`` says which theme slot 「文字 1」 is: mapped to light 1, it is white."""
    mapping = ('w:bg1="light1" w:t1="dark1"', 'w:bg1="dark1" w:t1="light1"')
    text, notes = _score_cell(tmp_path, _coloured('w:val="000000" w:themeColor="text1"'),
                              edits={"word/settings.xml": mapping})
    assert text == "" and any("白色文字在白色底上" in note for note in notes)
    text, notes = _score_cell(tmp_path, _coloured('w:val="FFFFFF" w:themeColor="background1"'),
                              edits={"word/settings.xml": mapping})
    assert text == "40" and not any(UNSEEN in note for note in notes)


def test_theme_part_gives_the_colours(tmp_path: Path) -> None:
    """A theme whose 深色 2 is white draws 「文字 2」 text white."""
    text, notes = _score_cell(tmp_path, _coloured('w:val="1F497D" w:themeColor="text2"'),
                              edits={"word/theme/theme1.xml": ('<a:srgbClr val="1F497D"/>', '<a:srgbClr val="FFFFFF"/>')})
    assert text == "" and any("白色文字在白色底上" in note for note in notes)


def test_without_a_theme_part(tmp_path: Path) -> None:
    """No theme in the file: 背景 1 and 文字 1 are still white and black (every built-in theme's);
    a colour only the theme could give is read by the RGB saved with it."""
    without = {"word/theme/theme1.xml": None,
               "word/_rels/document.xml.rels": ('<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/'
                                                'officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/>',
                                                "")}
    text, _ = _score_cell(tmp_path, _coloured('w:val="000000" w:themeColor="background1"'), edits=without)
    assert text == ""
    text, _ = _score_cell(tmp_path, _coloured('w:val="FFFFFF" w:themeColor="accent1"'), edits=without)
    assert text == ""
    text, _ = _score_cell(tmp_path, _coloured('w:val="4F81BD" w:themeColor="accent1"'), edits=without)
    assert text == "40"


@pytest.mark.parametrize(("rgb", "tint", "shade", "drawn"), [
    ("4472C4", "99", None, "8FAADC"),  # Word 2013+: 「蓝色，个性色 1，淡色 40%」
    ("4472C4", None, "BF", "2F5496"),  # 「蓝色，个性色 1，深色 25%」 (Word 2016's 标题 1)
    ("5B9BD5", "66", None, "BDD7EE"),  # 「蓝色，个性色 1，淡色 60%」 (Word 2013)
    ("FFFFFF", None, "F2", "F2F2F2"),  # 「白色，背景 1，深色 5%」
    ("000000", "80", None, "7F7F7F"),  # 「黑色，文字 1，淡色 50%」
    ("ED7D31", None, None, "ED7D31"),
    ("ED7D31", "zz", None, "ED7D31"),  # not a byte: no tint
])
def test_tint_and_shade(rgb: str, tint: str | None, shade: str | None, drawn: str) -> None:
    assert toned(rgb, tint, shade) == drawn
