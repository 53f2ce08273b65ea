"""Word forms read as a clerk sees them: a content control's prompt named once for a merged cell,
and a failed report's cells listed in the plain output as the JSON lists them."""

from __future__ import annotations

from pathlib import Path

import pytest
from raw_office import FORM_HEAD, para, plain_row, run, tbl, tc, tr, write_docx
from test_import_word_fields import GLOSSARY, PROMPT, with_glossary

from perfsite.cli import main

ROWS = [("培训人次", "40", "≥100人", "120人", "40"), ("结业率", "30", "≥90%", "95%", "30")]
PROMPTED = f"<w:sdt>{PROMPT.format('<w:p>' + run('请填写实际完成值') + '</w:p>')}</w:sdt>"


def test_a_prompt_in_a_vertically_merged_cell_is_named_once_as_the_cell_the_reader_sees(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The template's 实际完成值 of two indicators one merged cell, its prompt repeated in the merge's
    continuation cell (which Word does not show): the note named 第4行第4列 and 第5行第4列, two blanks
    for the one the clerk sees on the form."""
    first, rest = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    rows = [plain_row(*FORM_HEAD), *(plain_row(*r) for r in ROWS),
            tr(*(tc(run(t)) for t in ("满意度", "20", "≥90%")), tc(PROMPTED, first), tc(run("20"))),
            tr(*(tc(run(t)) for t in ("投诉率", "10", "≤1%")), tc(PROMPTED, rest), tc(run("10")))]
    path = with_glossary(write_docx(tmp_path / "form.docx", para("示例项目2023年度绩效自评表") + tbl(*rows)), GLOSSARY)
    main(["import", str(path), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert "表1第4行第4列「请填写实际完成值」：这些是模板中内容控件的提示文字" in out, out
    assert "第5行第4列" not in out


def test_a_failed_word_reports_unplaced_cells_are_listed_in_the_plain_output(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A 自评报告 without its 自评表: its 基本信息 table's cells were listed only with --format json."""
    body = (para("示例项目2023年度绩效自评报告") + para("一、项目基本情况") + para("本项目由示例局实施，用于开展培训。" * 3)
            + tbl(plain_row("项目名称", "示例项目"), plain_row("资金来源", "省级财政专项"), columns=2)
            + para("二、绩效目标完成情况") + para("全年培训120人次，结业率95%。" * 3))
    code = main(["import", str(write_docx(tmp_path / "r.docx", body)), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 1 and "失败：没有找到绩效指标表" in out
    listed = out.split("未能归位的内容（4 处，未写入，请核对是否需要）：\n", 1)[1]
    assert listed.startswith("    - 表1 第1行第1列：项目名称\n") and "    - 表1 第2行第2列：省级财政专项\n" in listed
    assert listed.index("省级财政专项") < listed.index("未写出任何文件")
