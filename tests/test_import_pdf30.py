"""LibreOffice prints of documents laid out as other provinces publish them (tests/forms_pdf30, made by
makers.py there): each printed file imported once for the module."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from perfsite.cli import main

HERE = Path(__file__).resolve().parent
FORMS = HERE / "forms_pdf30"
PRINTS = ("justified", "scored", "boxed")


def _makers():  # type: ignore[no-untyped-def]
    """tests/forms_pdf30/makers.py, loaded by its path: each round's makers module is named makers."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("forms_pdf30_makers", FORMS / "makers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str]]:
    """Each print's `perfsite import` output and the programme written (or ""), by the print's name; and the same
    of the Word file it was printed from, made again by its maker, by the name with 「.docx」."""
    makers = _makers()
    out: dict[str, tuple[str, str]] = {}
    for stem in PRINTS:
        folder = tmp_path_factory.mktemp(stem)
        sources = {stem: FORMS / f"{stem}.pdf"}
        if stem != "justified":
            sources[f"{stem}.docx"] = makers.MAKERS[stem](folder / f"{stem}.docx")
        for key, source in sources.items():
            shown = io.StringIO()
            with contextlib.redirect_stdout(shown):
                main(["import", str(source), "--out", str(folder / f"out-{key}")])
            written = sorted((folder / f"out-{key}").rglob("*.yaml"))
            out[key] = shown.getvalue(), written[0].read_text(encoding="utf-8") if written else ""
    return out


def _programme(text: str) -> str:
    """A written programme without its header comment and `source` (the file's name)."""
    return "\n".join(line for line in text.splitlines()[2:] if not line.startswith(("source:", "  file:")))


def test_a_justified_lines_gaps_beside_half_width_commas_are_not_read_as_spaces(
        imported: dict[str, tuple[str, str]]) -> None:
    """justified.pdf: 红河州数据发展中心's 自评报告 (云南) typed with half-width 「,」, 两端对齐; its line before an
    address too long to break is stretched, each gap wide, and read 「项目运行总体稳定 , 年内未发生安全事故 , 详见」."""
    shown, text = imported["justified"]
    assert "项目运行总体稳定,年内未发生安全事故,详见" in text, shown
    assert " , " not in text and " ," not in text


def test_a_reports_prose_before_its_appended_form_goes_to_its_sections(imported: dict[str, tuple[str, str]]) -> None:
    """The report's prose (基本情况, 项目概况, 绩效目标实现情况) and, after 「附件」 on a page of its own, 永德县's 自评表
    (tests/forms/b04) whose indicators are all read."""
    shown, text = imported["justified"]
    assert "绩效指标：10 项，取自 表1（2022年度项目支出绩效自评表）" in shown, shown
    assert "章节：5 个（基本情况、项目概况、绩效目标实现情况、年度总体目标、总体目标完成情况）" in shown
    assert "实际到位资金334.67万元。" in text and "公布总分：96，等级：优" in shown


def test_a_report_and_its_appended_form_titled_for_two_years_is_said(imported: dict[str, tuple[str, str]]) -> None:
    """The report is titled 2024年度, its appended form (2022年度): the year imported is the report's, and the
    clerk was not told the file names another."""
    shown, _ = imported["justified"]
    assert "评价年度：2024" in shown
    assert ("标题「2022年度项目支出绩效自评表」写的是 2022 年度，与导入的评价年度 2024 不同（文件中的标题写了两个年度）："
            "请核对原件，评价年度不对时改正 year") in shown, shown


def test_an_evaluation_reports_score_table_run_onto_a_second_page_reads_as_its_word_file(
        imported: dict[str, tuple[str, str]]) -> None:
    """scored.pdf: the example 第三方评价 report, its 决策/过程/产出/效益 table with each level's points in its label
    (湖南's 得分表: 「决策（15分）」「项目立项（5分）」), 评分标准 and 扣分原因, its header repeated atop page 3 and a row
    cut by the page break: all 14 items, their points, scores and 扣分原因 as the Word file gives them."""
    shown, text = imported["scored"]
    word_shown, word = imported["scored.docx"]
    assert "评分表：14 项（表1）" in shown and "计算总分：88.31（良）" in shown and "公布总分：88.31，等级：良" in shown, shown
    assert "评分表：14 项（表1）" in word_shown
    assert "remark: 2所学校留样记录缺失，1所学校台账不全" in text and "level2: 资金管理（10分）" in text
    assert _programme(text) == _programme(word)


def test_a_form_in_a_text_box_reads_as_the_word_file_it_was_printed_from(imported: dict[str, tuple[str, str]]) -> None:
    """boxed.pdf: 中江县 (四川)'s 自评表 (tests/forms/b01) drawn in a Word 2003 text box: the print and the Word file
    give the same programme, its 10 indicators (110 points, the form's own error) and 总分 row."""
    shown, text = imported["boxed"]
    word_shown, word = imported["boxed.docx"]
    assert "绩效指标：10 项" in shown and "公布总分：100，未写等级" in shown, shown
    assert "各指标权重之和为 110，应为 100" in shown and "各指标权重之和为 110，应为 100" in word_shown
    assert _programme(text) == _programme(word)


@pytest.mark.parametrize(("kind", "said"), [
    ("outlined", "PDF 的文字无法识别：第 1 页没有文字层，页面上的字是画出来的线条（文字「转曲」成了图形，或扫描后转成了矢量图），"
                 "一个字也取不出，与没有文字层的扫描件一样：请提供 Excel 或 Word 原件"),
    ("strips", "这是扫描件（1 页都是图片，没有文字）：无文字层，无法读取：请提供 Excel 或 Word 原件"),
])
def test_a_page_that_only_looks_like_text_is_refused_saying_what_it_is(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, said: str) -> None:
    """A page without a text layer: its words drawn as curves (「转曲」, 900 shapes) were 「PDF 中没有任何文字」, which
    said nothing of the words the clerk sees; a scan kept as 20 strips of a picture is a scan."""
    code = main(["import", str(_makers().drawn_pdf(tmp_path / f"{kind}.pdf", kind)), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 1 and said in out and "或先做文字识别（OCR）后再导入" in out, out
