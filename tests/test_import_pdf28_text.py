"""PDF text as the form wrote it: items a line each, Latin words a narrow column cut, a read stopped by a limit
(tests/forms_pdf28, made by makers.py there)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_import_pdf26 import _import
from test_import_pdf28 import _as_word, _read

from perfsite.importing import pdf_reader
from perfsite.importing.pdf_reader import read_here, unwrap

HERE = Path(__file__).resolve().parent
FORMS = HERE / "forms_pdf28"


@pytest.mark.parametrize(("name", "folder", "said"), [
    ("goal-items-16pt.pdf", "forms_dept/d01-ningde-dangshi-mubiao", "的发放;\n目标2:对合作社区"),
    ("goal-points-15pt.pdf", "forms_layouts/l14-guangshui-xiangcun-daolu", "300公里;\n2.\n3."),
    ("latin-cut-15pt.pdf", "forms_dept/d08-yuhua-fagai-ziping", "计5分;OTo%(含),计4分"),
    ("pinyin-cut-16pt.pdf", "forms_dept/d05-yueyanglou-jiage-mubiao", "應(yīng)保盡保"),
    ("latin-gap-16pt.pdf", "forms_targets/t03-jiayuguan-bowuguan", "为当地提供就业LJUI,冈位"),
    ("space-end-15pt.pdf", "forms_layouts/l08-suzhou-shiguan-lvdi", "项目绩效实现情况(80 分)"),
], ids=lambda x: x if str(x).endswith(".pdf") else "")
def test_a_print_reads_its_text_as_the_word_file_does(name: str, folder: str, said: str, tmp_path: Path) -> None:
    """Held forms printed by LibreOffice on 纵向 paper at 15–16 pt (forms_pdf27 `large_docx`). 宁德市委党史研究室's
    「…的发放;」「目标 2:对合作社区…」 (a fallback font's gap after 目标) and 广水's 「…300公里;」「2.」「3.」 were one line
    each, the line break the clerk typed lost (「目标1…发放;目标2…」, 「300公里;2.3.」); 雨花区's 「OTo%」 cut 「OT」「o%」
    read 「OT o%」, 岳阳楼区's 「(yīn」「g)」 read 「(yīn g)」, and 嘉峪关's 「就业LJUI」, which pdfplumber reads with a gap
    after 「就业」 that the page does not draw, 「就业 LJUI」; 苏州's 「(80 」 over 「分)」, the space drawn at the line's
    end, 「(80分)」. Each now imports as its Word file does."""
    written = _read(_import(FORMS / name, tmp_path / "out"))
    assert written == _as_word(folder, tmp_path)
    assert any(said in text for text in _texts(written))


def _texts(value: object) -> list[str]:
    """Every text in a written file's data."""
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return [value] if isinstance(value, str) else []


def test_latin_words_a_narrow_column_cuts_are_joined_and_its_spaces_kept() -> None:
    """latin-wrap.pdf: each of makers.LATIN in a column 1.6 cm wide (its words cut: 「OT」「o%」 left 7.9 pt for an
    「o」 9.0 pt wide, 「sign」「al」 2.7 pt for an 「a」 8.9 pt wide) and in one 3 cm wide. A wrap at a space, which
    LibreOffice draws at the line's end (「Wi-Fi 」「al 」), keeps it."""
    blocks, _ = read_here(FORMS / "latin-wrap.pdf")
    [grid] = [b for b in blocks if hasattr(b, "rows")]
    assert [[cell.text for cell in row] for row in grid.rows] == [
        ["预算控制率=0,计5分;OTo%(含),计4分"] * 2, ["應(yīng)保盡保"] * 2, ["Wi-Fi signal coverage"] * 2]


def test_a_point_between_wrapped_digits_is_a_figure_not_an_item() -> None:
    """井研县's 预算数 「3,309,840.00」 two characters a line at 15 pt prints 「84」「0.」「00」 (tests/forms_targets/t01):
    read as an item 「0.」 its funds were lost. A figure's point at a line's start is no item either."""
    assert unwrap("3,\n30\n9,\n84\n0.\n00") == "3,309,840.00"
    assert unwrap("收入\n增加\n2.\n5万\n元") == "收入增加2.5万元"
    assert unwrap("达到\n0.2") == "达到0.2"
    assert unwrap("完成;\n2.\n3.") == "完成;\n2.\n3."
    assert unwrap("完成;\n2.项目实施") == "完成;\n2.项目实施"


@pytest.mark.parametrize("why", ["time", "memory"])
def test_a_read_stopped_by_a_limit_names_the_page_and_what_to_do(why: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """upside-down.pdf's page 2 made to take the reading process past its CPU time (1 s here) or its memory: the
    clerk was told the PDF was too large, not where; the page is now named, with what to ask for or leave out."""
    laid_out = pdf_reader._lay_out

    def heavy(page) -> None:  # type: ignore[no-untyped-def]
        if page.page_number == 2:
            if why == "memory":
                bytearray(pdf_reader.CHILD_MEMORY + (64 << 20))
            while True:
                pass
        laid_out(page)

    monkeypatch.setattr(pdf_reader, "CHILD_CPU", 1)
    monkeypatch.setattr(pdf_reader, "_lay_out", heavy)
    with pytest.raises(pdf_reader.Refused) as refused:
        pdf_reader.read_pdf(FORMS / "upside-down.pdf")
    assert str(refused.value) == (
        "PDF 内容过大或过于复杂（读取超过 1024 MB 内存或 1 秒），读到第 2 页（共 4 页）时停止，拒绝读取：请向填报单位"
        "索取可编辑的 Word/Excel 自评表；若第 2 页不是自评表（如附图、扫描的盖章页），也可以在 PDF 阅读器中删去这一页，"
        "另存后再导入")
