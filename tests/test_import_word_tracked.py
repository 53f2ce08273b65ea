"""A Word form revised under 修订 (track changes) is read as Word shows it with the revisions
accepted: a deleted row or cell is gone, never read as a row or a cell that moves the others."""

from __future__ import annotations

from pathlib import Path

import pytest
from raw_office import FORM_HEAD, para, plain_row, run, tbl, tc, tr, write_docx

from perfsite.cli import main

BY = 'w:author="单位" w:date="2024-03-01T00:00:00Z"'


def _import(tmp: Path, rows: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    path = write_docx(tmp / "form.docx", para("示例项目2023年度绩效自评表") + tbl(*rows, columns=6))
    assert main(["import", str(path), "--out", str(tmp / "out")]) == 0
    [written] = sorted((tmp / "out").rglob("*.yaml"))
    return written.read_text(encoding="utf-8"), capsys.readouterr().out


def _deleted_text(text: str, n: int) -> str:
    return f'<w:del w:id="{n}" {BY}><w:r><w:delText>{text}</w:delText></w:r></w:del>'


def test_a_cell_deleted_under_track_changes_moves_no_cell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The clerk deleted a stray cell in the 结业率 row with 修订 on: Word shows the row's cells in
    their columns; read as a cell, 目标值 read 「旧值」, 实际值 「≥90%」 and the 得分 was lost."""
    stray = tc(_deleted_text("旧值", 1), f'<w:cellDel w:id="2" {BY}/>')
    rows = [plain_row(*FORM_HEAD), plain_row("培训人次", "40", "≥100人", "120人", "40"),
            tr(tc(run("结业率")), tc(run("30")), stray, *(tc(run(t)) for t in ("≥90%", "95%", "30"))),
            plain_row("满意度", "30", "≥90%", "92%", "30")]
    text, out = _import(tmp_path, rows, capsys)
    rate = text.split("name: 结业率", 1)[1].split("- name:", 1)[0]
    assert 'target: "≥90%"' in rate and 'actual: "95%"' in rate and "score: 30" in rate and "旧值" not in text
    assert "未接受的修订" in out


def test_a_row_deleted_under_track_changes_is_no_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A dropped indicator's row deleted with 修订 on, its text kept as ordinary runs (as converters
    write it): Word shows no such row once the revision is accepted, nor does the import."""
    gone = (f'<w:tr><w:trPr><w:del w:id="3" {BY}/></w:trPr>'
            + "".join(tc(run(t)) for t in ("已取消的指标", "10", "≥1", "1", "10")) + "</w:tr>")
    rows = [plain_row(*FORM_HEAD), plain_row("培训人次", "40", "≥100人", "120人", "40"), gone,
            plain_row("结业率", "30", "≥90%", "95%", "30"), plain_row("满意度", "30", "≥90%", "92%", "30")]
    text, out = _import(tmp_path, rows, capsys)
    assert "已取消的指标" not in text and text.count("- name: ") == 3
    assert "未接受的修订" in out


def _mark_deleted(text: str) -> str:
    """A paragraph whose end (its mark) was deleted under 修订: accepted, it runs on into the next."""
    return f'<w:p><w:pPr><w:rPr><w:del w:id="7" {BY}/></w:rPr></w:pPr>{run(text)}</w:p>'


def test_a_paragraph_break_deleted_under_track_changes_joins_the_lines(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """满意度's 得分 revised from 「2」¶「9」 to 29 by deleting the break: read 「2 9」, it was no number."""
    rows = [plain_row(*FORM_HEAD), plain_row("培训人次", "40", "≥100人", "120人", "40"),
            plain_row("结业率", "30", "≥90%", "95%", "30"),
            tr(*(tc(run(t)) for t in ("满意度", "30", "≥90%", "92%")), tc(_mark_deleted("2") + f"<w:p>{run('9')}</w:p>"))]
    text, out = _import(tmp_path, rows, capsys)
    assert "score: 29\n" in text.split("name: 满意度", 1)[1] and "不是数字" not in out


def test_body_paragraphs_joined_by_a_deleted_break_are_one(tmp_path: Path) -> None:
    from raw_office import word_form_rows

    from perfsite.importing.docx_reader import Para, read_docx

    body = (para("示例项目2023年度绩效自评报告") + _mark_deleted("本项目自评得分") + "<w:p>" + run("95分。") + "</w:p>"
            + _mark_deleted("（完）") + tbl(*word_form_rows()))
    blocks, _ = read_docx(write_docx(tmp_path / "r.docx", body))
    assert [b.text for b in blocks if isinstance(b, Para)] == ["示例项目2023年度绩效自评报告", "本项目自评得分95分。", "（完）"]


def test_a_table_deleted_under_track_changes_is_not_numbered(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Last year's table deleted with 修订 on stands before the form: Word shows one table, so a
    message names the form's cell in 「表1」, never in a 「表2」 the clerk cannot find."""
    gone = "".join(f'<w:tr><w:trPr><w:del w:id="{n}" {BY}/></w:trPr>' + "".join(tc(run(t)) for t in texts) + "</w:tr>"
                   for n, texts in enumerate([FORM_HEAD, ("上年指标", "100", "≥1", "1", "100")], 10))
    rows = [plain_row(*FORM_HEAD), plain_row("培训人次", "40", "≥100人", "120人", "十分"),
            plain_row("结业率", "30", "≥90%", "95%", "30"), plain_row("满意度", "30", "≥90%", "92%", "30")]
    body = para("示例项目2023年度绩效自评表") + tbl(gone) + tbl(*rows)
    main(["import", str(write_docx(tmp_path / "form.docx", body)), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert "表1 第2行第5列：「十分」不是数字" in out and "表2" not in out and "上年指标" not in out, out


def test_a_text_box_in_a_cell_paragraph_whose_break_was_deleted_is_still_read(tmp_path: Path) -> None:
    """The 实际完成值 cell: 「92%」 with an inline text box 「（抽样）」, its break deleted under 修订 before
    「（复核）」. Accepted, the two paragraphs are one line, the box's after it, as ever: still in the cell, not dropped."""
    from test_import_word_boxes import INLINE

    from perfsite.importing.docx_reader import read_docx
    from perfsite.importing.grid import Grid

    joined = (f'<w:p><w:pPr><w:rPr><w:del w:id="7" {BY}/></w:rPr></w:pPr>{run("92%")}{INLINE.format(inner=para("（抽样）"))}'
              f"</w:p><w:p>{run('（复核）')}</w:p>")
    rows = [plain_row(*FORM_HEAD), plain_row("培训人次", "40", "≥100人", "120人", "40"),
            tr(*(tc(run(t)) for t in ("满意度", "30", "≥90%")), tc(joined), tc(run("30")))]
    blocks, _ = read_docx(write_docx(tmp_path / "f.docx", para("示例项目2023年度绩效自评表") + tbl(*rows)))
    [grid] = [b for b in blocks if isinstance(b, Grid)]
    assert grid.rows[2][3].text == "92%（复核）\n（抽样）"
