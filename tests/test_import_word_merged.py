"""A Word table's vertically merged cell read as Word shows it: only the first cell's text, the
text a generator left in a continuation cell named, never lost unsaid."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from raw_office import FORM_HEAD, para, plain_row, run, tbl, tc, tr, write_docx

from perfsite.cli import main
from perfsite.importing.docx_reader import read_docx
from perfsite.importing.sniff import ImportFailure


@pytest.mark.parametrize("left", ["25", ""])
def test_text_left_in_a_merge_continuation_is_not_shown_and_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                     left: str) -> None:
    """结业率 and 满意度 share one merged 得分 cell showing 30; the continuation cell also holds 「25」
    (a program filled both): Word shows 30 over both rows, and so does the import; the 25 is named."""
    rows = [plain_row(*FORM_HEAD), plain_row("培训人次", "40", "≥100人", "120人", "40"),
            tr(*(tc(run(t)) for t in ("结业率", "30", "≥90%", "95%")), tc(run("30"), '<w:vMerge w:val="restart"/>')),
            tr(*(tc(run(t)) for t in ("满意度", "30", "≥90%", "92%")), tc(run(left), "<w:vMerge/>"))]
    path = write_docx(tmp_path / "form.docx", para("示例项目2023年度绩效自评表") + tbl(*rows))
    main(["import", str(path), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    [written] = sorted((tmp_path / "out").rglob("*.yaml"))
    assert "25" not in written.read_text(encoding="utf-8")
    if left:
        assert "表1第4行第5列「25」是上面格子的纵向合并（w:vMerge）的延续，格中还保存着文字" in out
    else:
        assert "纵向合并" not in out


def _table(row: str) -> str:
    return para("示例项目2023年度绩效自评表") + tbl(plain_row(*FORM_HEAD), row, plain_row("结业率", "30", "≥90%", "95%", "30"))


@pytest.mark.parametrize(("row", "said"), [
    (f'<w:tr><w:trPr><w:gridBefore w:val="1e400"/></w:trPr>{tc(run("培训人次"))}</w:tr>', "表1第2行的 w:gridBefore"),
    (f'<w:tr><w:trPr><w:gridAfter w:val="2.5"/></w:trPr>{tc(run("培训人次"))}</w:tr>', "表1第2行的 w:gridAfter"),
    (tr(tc(run("培训人次")), tc(run("40"), '<w:gridSpan w:val="two"/>')), "表1第2行第2列的 w:gridSpan"),
])
def test_a_column_count_that_is_no_number_is_refused_naming_the_row(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                    row: str, said: str) -> None:
    """A generator's 「1e400」 columns skipped: where the row's cells stand no one can say; the file
    is refused naming the row, not failed on as an unreadable file."""
    path = write_docx(tmp_path / "form.docx", _table(row))
    code = main(["import", str(path), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 1 and f"{said}（跨过的列数）是「" in out and "读取文件时出错" not in out, out


VALUES = st.one_of(st.integers(-10**12, 10**12).map(str), st.text("0123456789e+-. x", max_size=12),
                   st.sampled_from(["1e400", "9" * 5000, "", "restart", "continue"]))


@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(["gridBefore", "gridAfter", "gridSpan", "vMerge", "hMerge", "tcW", "trHeight"]),
       value=VALUES)
def test_any_table_structure_value_is_read_or_refused(tmp_path: Path, where: str, value: str) -> None:
    """Whatever a row's or cell's structure attributes say, the reader reads the table or refuses
    the file (ImportFailure, with a message), never fails on its own."""
    attr = "w:w" if where == "tcW" else "w:val"
    element = f'<w:{where} {attr}="{value}"/>'
    cells = tc(run("培训人次")) + (tc(run("40"), element) if where not in ("gridBefore", "gridAfter", "trHeight") else
                                  tc(run("40")))
    row = f"<w:tr><w:trPr>{element}</w:trPr>{cells}</w:tr>" if where in ("gridBefore", "gridAfter", "trHeight") else \
        f"<w:tr>{cells}</w:tr>"
    path = write_docx(tmp_path / "form.docx", _table(row))
    try:
        read_docx(path)
    except ImportFailure as failure:
        assert str(failure)
