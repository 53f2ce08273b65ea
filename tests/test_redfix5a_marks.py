"""A footnote mark glued to a figure: a raised 「¹」 (Word's and Excel's 上标, a PDF's raised small
glyph), 「*」, 「①」. The readers write a raised digit as the character that prints so, and every
figure cell (得分, 分值, 总得分, 实际完成值, 执行率) reads the figure and names the cell and its mark.
Forms: tests/forms_redteam4 (the red team's, SOURCES.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_import_layout import draft_of, grid, run_import

from perfsite.importing.docx_reader import read_docx
from perfsite.importing.grid import footnote_mark, raised
from perfsite.importing.pdf_reader import read_pdf
from perfsite.importing.rules_guess import incomparable
from perfsite.importing.xlsx_reader import read_xlsx

FORMS = Path(__file__).resolve().parent / "forms_redteam4"


def _texts(blocks) -> list[str]:  # type: ignore[no-untyped-def]
    return [cell.text for block in blocks for row in getattr(block, "rows", []) for cell in row]


@pytest.mark.parametrize(("text", "split"), [
    ("19.6*", ("19.6", "*")), ("96%①", ("96%", "①")), ("19.6¹", ("19.6", "¹")), ("98公里¹", ("98公里", "¹")),
    ("1200m²*", ("1200m²", "*")), ("1200m²", None), ("CO₂", None), ("85⁵%", None), ("*", None), ("≥95%", None),
    ("5×10⁴", None)])
def test_a_mark_is_told_from_a_unit_power(text: str, split: tuple[str, str] | None) -> None:
    """A raised digit after a Latin letter is the unit's power (m²), after 10 a power of ten: no mark."""
    assert footnote_mark(text) == split


def test_raised_digits_print_as_raised_characters() -> None:
    assert raised("1", "superscript") == "¹" and raised("2", "subscript") == "₂" and raised("a*", "superscript") == "a*"
    assert raised("12", "baseline") == "12"


def test_a_word_superscript_is_not_glued_to_the_score() -> None:
    """d01: 「19.6」 and a 上标 「1」 in one cell read 「19.61」."""
    blocks, _ = read_docx(FORMS / "d01_sup_footnote_in_score.docx")
    texts = _texts(blocks)
    assert "19.6¹" in texts and "19.61" not in texts


def test_an_excel_rich_text_superscript_is_not_glued_to_the_figure() -> None:
    """v28: 19.6 + 上标 1 (a score), 114 + 上标 2 (an amount) read 19.61 and 1142."""
    [sheet] = read_xlsx(FORMS / "v28_richtext_sup_xlsx.xlsx")
    texts = [cell.text for row in sheet.rows for cell in row]
    assert "19.6¹" in texts and "114²" in texts
    assert "19.61" not in texts and "1142" not in texts


def test_a_pdf_raised_small_digit_is_not_glued_to_the_figure() -> None:
    """The PDF Calc printed of v28: the raised glyphs are smaller and stand higher than the line's."""
    blocks, _ = read_pdf(FORMS / "v28_richtext_sup_xlsx.pdf")
    texts = _texts(blocks)
    assert "19.6¹" in texts and "19.61" not in texts


HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]


def test_every_figure_cell_reads_its_figure_and_names_the_mark() -> None:
    """One rule for a score, a weight, an actual and the total: the figure, and a note naming the cell."""
    rows = [["项目名称", "示例项目（2023年度）", "", "", "", "", ""], HEAD,
            ["产出指标", "数量指标", "养护里程", "≥100公里", "100公里", "50", "48.6*"],
            ["产出指标", "质量指标", "验收合格率", "≥95%", "96%①", "50①", "50"],
            ["合计", "", "", "", "", "100", "98.6¹"]]
    draft, _ = draft_of(grid(rows))
    first, second = draft.data["indicators"]
    assert (str(first["score"]), second["actual"], str(second["weight"])) == ("48.6", "96%", "50")
    assert str(draft.data["reported"]["score"]) == "98.6"
    notes = "\n".join(draft.notes)
    assert "表1 第3行第7列：得分「48.6*」末尾的「*」是脚注标记，按「48.6」读取" in notes
    assert "表1 第4行第5列：实际完成值「96%①」末尾的「①」是脚注标记" in notes
    assert "表1 第4行第6列：分值「50①」末尾的「①」" in notes
    assert "表1 第5行第7列：总得分「98.6¹」末尾的「¹」是脚注标记" in notes
    assert "原文没有写明总得分" not in notes and "不是数字" not in notes


def test_a_mark_inside_a_figure_is_named_as_why_it_cannot_be_compared() -> None:
    """「85⁵%」: the mark stands before the unit, so the figure is not read; the note says why."""
    why = incomparable("≥80%", "85⁵%")
    assert "实际值「85⁵%」中有脚注标记「⁵」" in why
    assert "脚注" not in incomparable("≤5×10⁴", "4×10⁴") and "脚注" not in incomparable("≤5*10^4", "4*10^4")


def test_a_marked_total_and_rate_import_as_printed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """v37: total 「98.1*」 said missing (「原文没有写明总得分」), the 执行率 「95%①」 lost its budget rule."""
    out, said = run_import(tmp_path, FORMS / "v37_total_and_rate_marked.xlsx", capsys)
    text = out.read_text(encoding="utf-8")
    assert "reported: {score: 98.1}" in text and "rule: {type: budget, rate: 执行率}" in text
    assert "工作表「Sheet1」 H19：总得分「98.1*」末尾的「*」是脚注标记" in said
    assert "工作表「Sheet1」 G6：执行率「95%①」末尾的「①」是脚注标记" in said
    assert "原文没有写明总得分" not in said and "原文未写明扣分处数" not in said


def test_a_word_superscript_total_is_not_read_as_a_rounding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """d11: 98.1 + 上标 2 was published as 98.12 (「舍入」), the 执行率 95% + 上标 3 as 953%."""
    out, said = run_import(tmp_path, FORMS / "d11_sup_total_and_rate.docx", capsys)
    assert "reported: {score: 98.1}" in out.read_text(encoding="utf-8")
    assert "总得分「98.1²」末尾的「²」是脚注标记" in said and "舍入" not in said.split("共 1 个文件")[0].split("已写出")[0]


def test_a_superscript_set_by_a_character_style_is_read_raised(tmp_path: Path) -> None:
    """A 「脚注标记」 character style sets 上标: Word raises the run as if it were set on it."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    style = document.styles.add_style("脚注标记", WD_STYLE_TYPE.CHARACTER)
    style.font.superscript = True
    cell = document.add_table(rows=1, cols=2).cell(0, 1)
    paragraph = cell.paragraphs[0]
    paragraph.add_run("19.6")
    paragraph.add_run("1", style="脚注标记")
    document.save(tmp_path / "f.docx")
    blocks, _ = read_docx(tmp_path / "f.docx")
    assert "19.6¹" in _texts(blocks)


def test_a_dash_slash_or_none_in_a_score_cell_says_no_score_was_published() -> None:
    """「—」 and 「/」 were dropped with no word (the page showed the computed score), 「无」 called 「不是数字」."""
    rows = [["项目名称", "示例项目（2023年度）", "", "", "", "", ""], HEAD,
            ["产出指标", "数量指标", "养护里程", "≥100公里", "100公里", "40", "—"],
            ["产出指标", "质量指标", "验收合格率", "≥95%", "96%", "30", "/"],
            ["产出指标", "时效指标", "按期完工率", "100%", "100%", "30", "无"]]
    draft, _ = draft_of(grid(rows))
    assert not any("score" in item for item in draft.data["indicators"])
    notes = "\n".join(draft.notes)
    assert ("表1 第3行第7列「—」、表1 第4行第7列「/」、表1 第5行第7列「无」：原表没有公布这些指标的得分，未写入 score"
            in notes), notes
    assert "不是数字" not in notes


def test_a_total_that_is_no_number_is_not_said_missing() -> None:
    """A 合计 row's 得分 the reader cannot take as a number is named as written, never 「原文没有写明总得分」."""
    rows = [["项目名称", "示例项目（2023年度）", "", "", "", "", ""], HEAD,
            ["产出指标", "数量指标", "养护里程", "≥100公里", "100公里", "100", "98"],
            ["合计", "", "", "", "", "100", "98（复核）"]]
    draft, _ = draft_of(grid(rows))
    assert "reported" not in draft.data
    notes = "\n".join(draft.notes)
    assert "表1 合计行的总得分「98（复核）」不是数字，未写 reported" in notes and "原文没有写明总得分" not in notes
