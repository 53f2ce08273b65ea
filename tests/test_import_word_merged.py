"""A Word table's vertically merged cell read as Word shows it: only the first cell's text, the
text a generator left in a continuation cell named, never lost unsaid."""

from __future__ import annotations

from pathlib import Path

import pytest
from raw_office import FORM_HEAD, para, plain_row, run, tbl, tc, tr, write_docx

from perfsite.cli import main


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
