"""Sample headings above a 目标表's real title (中央 样例: 「项目支出绩效自评表填写样例」 over 「项目支出绩效目标申报表」) do
not make it a 自评表; the title nearest the table decides."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from test_t7imp1_blocks import FORMS, imported


def test_sample_headings_above_the_real_title_do_not_make_it_a_self_evaluation(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, data = imported(FORMS / "e-zhongyang-linye-cebao-mubiao.docx", tmp_path / "out", capsys, "--year", "2015")
    assert data["kind"] == "绩效目标" and data["implementer"] == "造林司"
    assert len(data["indicators"]) == 12  # type: ignore[arg-type]


def test_a_nearer_self_evaluation_title_still_decides(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The order reversed: 「项目支出绩效自评表」 right above the table is a 自评表 not yet filled in, whatever
    heading stands above it."""
    doc = Document(str(FORMS / "e-zhongyang-linye-cebao-mubiao.docx"))
    heads = [p for p in doc.paragraphs if p.text.strip()]
    heads[1].text, heads[-1].text = "项目支出绩效目标申报表", "项目支出绩效自评表"
    doc.save(str(path := tmp_path / "自评.docx"))
    out, data = imported(path, tmp_path / "out", capsys, "--year", "2015")
    assert not data
    assert "表1第 7 行像是绩效目标表的指标表头" in out and "标题「项目支出绩效自评表」" in out  # named, as the 自评 reader does
    assert "分值/权重" not in out
