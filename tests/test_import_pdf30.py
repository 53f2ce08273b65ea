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
PRINTS = ("justified",)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str]]:
    """Each print's `perfsite import` output and the programme written (or "")."""
    out: dict[str, tuple[str, str]] = {}
    for stem in PRINTS:
        folder = tmp_path_factory.mktemp(stem)
        shown = io.StringIO()
        with contextlib.redirect_stdout(shown):
            main(["import", str(FORMS / f"{stem}.pdf"), "--out", str(folder / "out")])
        written = sorted((folder / "out").rglob("*.yaml"))
        out[stem] = shown.getvalue(), written[0].read_text(encoding="utf-8") if written else ""
    return out


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
