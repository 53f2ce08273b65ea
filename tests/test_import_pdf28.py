"""PDF prints of real forms cut by page breaks, and PDFs no one can read (tests/forms_pdf28, made by makers.py
there)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_import_pdf26 import _import, _without_source

from perfsite.importing.pdf_reader import cut_row

HERE = Path(__file__).resolve().parent
FORMS = HERE / "forms_pdf28"


def _read(paths: list[Path]) -> dict[str, dict[str, object]]:
    """Each written file's data by its name, the annual goal's spaces left out: a space typed where the print
    wraps a line is not in the PDF (「三营镇 11」「个乡镇」 reads 「11个」)."""
    out = {}
    for path in paths:
        data = yaml.safe_load(_without_source(path))
        data["annual_goal"] = str(data.get("annual_goal", "")).replace(" ", "")
        out[path.name] = data
    return out


def _as_word(folder: str, tmp_path: Path) -> dict[str, dict[str, object]]:
    """The import of a held form's own Word file."""
    from forms.make import load_form, write_docx

    docx = write_docx(load_form(HERE / folder), tmp_path / f"{Path(folder).name}.docx")
    return _read(_import(docx, tmp_path / "word"))


def test_a_valueless_row_cut_after_one_line_is_one_indicator(tmp_path: Path) -> None:
    """l18-large.pdf: 原州区's 目标表 at 14 pt prints 「经济效益」「增加就业机」 one line high at page 1's foot and
    「指标(选填)」「会,提高农民收入。」 at page 2's top, no 指标值 on either page. It was two indicators, 「增加就业机」
    and 「会,提高农民收入。」; each cell's line stopped where the next page's first word would not fit, and it now
    imports as its Word file does."""
    written = _read(_import(FORMS / "l18-large.pdf", tmp_path / "out"))
    assert written == _as_word("forms_layouts/l18-yuanzhou-shuiyuan-hanyanglin", tmp_path)
    [data] = written.values()
    assert "增加就业机会,提高农民收入。" in [i["name"] for i in data["indicators"]]  # type: ignore[attr-defined]


def test_rows_repeated_over_a_page_of_fewer_columns_do_not_open_another_form(tmp_path: Path) -> None:
    """repeat-total.pdf: 中江县's 自评表 (tests/forms/b01) as one table at 13 pt, its 「项目名称」 and 「项目负责人及电话」
    rows repeated on every page. The last page holds them and the 「总分 | 100 | … | 100」 row, merged across, so
    pdfplumber finds 7 columns there and 9 on the page before: the repeated 「项目名称」 row was taken for another
    programme's form, and its 总分 was listed as 「未能归位」 (reported: none). It now imports as its Word file does."""
    written = _read(_import(FORMS / "repeat-total.pdf", tmp_path / "out"))
    assert written == _as_word("forms/b01-zhongjiang-shuibiaochi", tmp_path)
    [data] = written.values()
    assert data["reported"] == {"score": 100}


@pytest.mark.parametrize(("name", "folder"), [
    ("header-cut-16pt.pdf", "forms_layouts/l10-chengan-gaoling"),
    ("unit-cut-16pt.pdf", "forms_layouts/l06-zhongxian-tujing-yimin"),
    ("rule-cut-15pt.pdf", "forms_layouts/l09-licheng-wenhuaguan"),
    ("labels-cut-repeat.pdf", "forms_layouts/l12-xiaoxian-hexi-zhongyang"),
    ("part-cut-15pt.pdf", "forms_layouts/l15-xiaoxian-yanglou-zhongyang"),
])
def test_a_row_cut_where_its_cells_wrapped_at_their_edge_is_one_row(name: str, folder: str, tmp_path: Path) -> None:
    """At 16 pt on 纵向 paper: 成安县's 13-column header, one character a line, cut 「单项指标折算得」 | 「分」, named no
    折算得分 column, and each indicator's 6.25 was read as no score, its 25 as the score, its 目标 as 「>=」; 忠县's
    「指标2:硬化道路 | 5719m | 5719m」 cut 「指标」「5719」「5719」 | 「2:硬化道路」「m」「m」 was 「硬化道路」 from 「m」 to
    「m」. At 15 pt 历城区's 「促进基本公共文化服务标准化均等化,」 | 「保障群众…」 went on beside the end 「分。」 of the
    评分标准 merged down its column, which its text 「…分值记分。定性…」 holds by chance: taken for a report engine's
    copy of the merged cell, the row was cut in two. 萧县河西村's as one table at 13 pt printed only 「效益」「经济」 of a
    row before the break, its labels read 「指标(30分)」「效益指标」; 杨楼社区's at 15 pt printed 「500」「500」 of a part
    row before 「鸡养殖数量」「只」「只」, and its 500 was lost. Each now imports as its Word file does."""
    assert _read(_import(FORMS / name, tmp_path / "out")) == _as_word(folder, tmp_path)


def test_repeated_rows_whose_cells_run_on_below_them_are_no_new_rows(tmp_path: Path) -> None:
    """repeat-merged.pdf: 湘西州特校's 目标表 (tests/forms_targets/t14) as one table at 13 pt, its first two rows set to
    repeat; the second's cells 「单位代码」「单位(专项)名称」… are merged down past it, and LibreOffice prints 「单」「单」
    「资」「实」 in the repeated row and the rest of each, a piece a row, in the rows under it. The pieces were new rows'
    text: the programme's name read 「名」 on pages 2–5, another programme of one indicator split off. The rests are now
    the repeated cells', and the form imports as its Word file does."""
    written = _read(_import(FORMS / "repeat-merged.pdf", tmp_path / "out"))
    assert written == _as_word("forms_targets/t14-xiangxi-texiao-huoshi", tmp_path)


def test_a_valueless_row_goes_on_only_where_each_cell_wrapped_at_its_edge() -> None:
    """The cut's cells as pdfplumber gives them: with both cells wrapped at their edge it is one row; with one of
    them ending short of its edge (a name that ended there), or a value beside it, two."""
    last = [None, "效益指标", "经济效益", "增加就业机", ""]
    first = ["", "", "指标\n(选填)", "会,提高农\n民收入。", ""]
    assert cut_row(last, first, wrapped=[2, 3])
    assert not cut_row(last, first)
    assert not cut_row(last, first, wrapped=[3])
    assert not cut_row(last, ["", "", "指标\n(选填)", "会,提高农\n民收入。", "100"], wrapped=[2, 3])
    figures = [None, None, None, "指标", "5719", "5719", ""]
    assert cut_row(figures, ["", "", "", "2:硬化\n道路", "m", "m", ""], wrapped=[4, 5])
    assert not cut_row(figures, ["", "", "", "2:硬化\n道路", "m", "m", ""])
    assert not cut_row(figures, ["", "", "", "硬化\n道路", "60", "60", ""], wrapped=[4, 5])  # a new row's figures
    labels = [None, "效益", "经济", "", "", "", "", "", ""]
    rest = ["", "指标\n(30\n分)", "效益\n指标", "特色\n产业", "20", "≥11.\n376\n万元", "12万\n元", "20", ""]
    assert cut_row(labels, rest, wrapped=[1, 2])
    assert not cut_row(labels, rest, wrapped=[1])  # 「经济」 ended short of its edge: a label of its own
    # 青神's 「2.项目实施内容及过程概述」 one character a line at 16 pt, over the budget table's header, whose first cell
    # stands where a cell merged down from above ran: a row of its own
    # 嘉峪关's 「需要说明的其他问题」, two lines that filled its cell, with no value, over 「年度绩效目标」 and its text
    assert not cut_row(["需要说明的\n其他问题", "", None, None], ["年度绩效目\n标", "进一步提高博物馆", None, None], wrapped=[0])
    prose = [None, "2.\n项\n目\n实\n施", "", None, None]
    assert not cut_row(prose, ["预\n算\n执\n行", "年\n度\n预\n算", "年\n初", "调\n整", "预\n算"], wrapped=[1])


def _cli(capsys: pytest.CaptureFixture[str], path: Path, out: Path) -> tuple[int, str]:
    from perfsite.cli import main

    code = main(["import", str(path), "--out", str(out)])
    return code, capsys.readouterr().out


@pytest.mark.parametrize(("name", "said"), [
    ("type3-letters.pdf", "第 1 页的字是 PDF 自己画出的字形，取出的只是一串字母，没有一个汉字"),
    ("type3-numbered.pdf", "第 1 页的字体缺少字符对照表，取出的是乱码"),
    ("encrypted.pdf", "PDF 设置了打开密码，无法读取：请向填报单位索取未加密的文件"),
])
def test_a_pdf_no_one_can_read_is_refused_naming_the_file_page_and_what_to_do(
        name: str, said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A table whose text is a Type3 font's glyphs named 「a」「b」 … read 「abcdefghijkl」 and was refused only as
    「没有找到绩效指标表」, as if the clerk had given the wrong file; it is now unreadable as glyph numbers are, by page,
    with what to ask for. The glyph-number and password cases said so already and are held here with it."""
    code, out = _cli(capsys, FORMS / name, tmp_path / "out")
    assert code == 1 and f"{name} ==" in out and said in out, out
    assert "没有找到绩效指标表" not in out and not list((tmp_path / "out").rglob("*.yaml"))
    if name.startswith("type3"):
        assert "请提供 Excel 或 Word 原件" in out


def test_a_type3_font_named_for_its_characters_reads_as_chinese(tmp_path: Path) -> None:
    """Glyphs named 「uni4E00」 … are characters: such a page is read, not refused as letters."""
    import importlib.util

    from perfsite.importing.pdf_reader import read_here

    spec = importlib.util.spec_from_file_location("forms_pdf28_makers", FORMS / "makers.py")
    assert spec is not None and spec.loader is not None
    makers = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(makers)
    path = makers.type3_pdf(tmp_path / "named.pdf", [b"uni%04X" % (0x4E00 + 37 * k) for k in range(20)])
    blocks, _ = read_here(path)
    assert "一严乊乯五亹" in str(blocks)


def test_a_page_standing_upside_down_is_read_turned_upright() -> None:
    """upside-down.pdf: tests/forms_pdf27/cut-pair-large.pdf with pages 2 and 4 turned by half (/Rotate 180), as a
    reader's 「旋转」 saves a page printed or scanned upside down. Read as it stood, its text ran backwards (「满意度
    指标」 read 「标指度意满」 in another row's cell) and 衡山县's form had 17 indicators, one of them 「生发件事全安食粮的
    起引动波场市食粮因」. It now reads as the upright print does, with a note naming the pages."""
    from perfsite.importing.docx_reader import Para
    from perfsite.importing.grid import Grid
    from perfsite.importing.pdf_reader import read_here

    def texts(blocks: list[Para | Grid]) -> list[object]:
        return [b.text if isinstance(b, Para) else [[c.text for c in row] for row in b.rows] for b in blocks]

    turned, _ = read_here(FORMS / "upside-down.pdf")
    upright, _ = read_here(HERE / "forms_pdf27" / "cut-pair-large.pdf")
    assert texts(turned) == texts(upright)
    grids = [b for b in turned if isinstance(b, Grid)]
    assert "PDF 第 2、4 页的内容上下颠倒（转了 180°），已按转正后的方向读取：请对照原件核对" in grids[0].notes
