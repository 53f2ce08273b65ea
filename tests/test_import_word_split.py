"""A Word form table the clerk split in two (at a page break, or with an empty line) without
repeating the header: read as one table, as the printed pages show it, and said so."""

from __future__ import annotations

from pathlib import Path

import pytest
from raw_office import FORM_HEAD, para, plain_row, tbl, write_docx

from perfsite.cli import main

HEAD = plain_row(*FORM_HEAD)
FIRST = plain_row("培训人次", "40", "≥100人", "120人", "40")
REST = [plain_row("结业率", "30", "≥90%", "95%", "30"), plain_row("满意度", "30", "≥90%", "92%", "30")]
PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def _import(tmp: Path, between: str, second: str, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    body = para("示例项目2023年度绩效自评表") + tbl(HEAD, FIRST) + between + second
    main(["import", str(write_docx(tmp / "form.docx", body)), "--out", str(tmp / "out")])
    [written] = sorted((tmp / "out").rglob("*.yaml"))
    return written.read_text(encoding="utf-8"), capsys.readouterr().out


@pytest.mark.parametrize("between", [PAGE_BREAK, "<w:p/>", ""], ids=["page-break", "empty-line", "nothing"])
def test_a_table_split_without_its_header_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str], between: str) -> None:
    text, out = _import(tmp_path, between, tbl(*REST), capsys)
    assert [line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("  - name: ")] == [
        "培训人次", "结业率", "满意度"]
    assert "表2没有表头，紧接在表1之后、列数相同：按表1的续表" in out and "未能归位" not in out


@pytest.mark.parametrize(("between", "second"), [
    (para("附表：上年指标"), tbl(*REST)),                                  # a caption: another table
    (PAGE_BREAK, tbl(plain_row("结业率", "30", "≥90%", "95%", "30", "备注"), columns=6)),  # not as wide
])
def test_a_table_of_its_own_after_the_form_is_not_read_as_its_rest(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                    between: str, second: str) -> None:
    text, out = _import(tmp_path, between, second, capsys)
    assert text.count("  - name: ") == 1 and "续表" not in out and "未能归位" in out
