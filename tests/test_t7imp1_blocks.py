"""绩效目标表 of the seventh trial's regions (tests/forms_trial7/t7imp1/SOURCES.md): a 长期 block over the 年度
block, each with its own header row and a side label merged down beside it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from perfsite.cli import main

FORMS = Path(__file__).parent / "forms_trial7" / "t7imp1"

def imported(path: Path, out: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[str, dict[str, object]]:
    main(["import", str(path), "--out", str(out), *extra])
    files = sorted(out.rglob("*.yaml"))
    assert len(files) <= 1
    text = capsys.readouterr().out
    return text, (yaml.safe_load(files[0].read_text(encoding="utf-8")) if files else {})


def _names(items: object) -> list[tuple[str, str]]:
    assert isinstance(items, list)
    return [(str(i.get("level2", "")), str(i["target"])) for i in items]


def test_side_labels_beside_the_headers_split_the_long_term_block_from_the_annual(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, data = imported(FORMS / "d-min-side-label.docx", tmp_path / "out", capsys)
    assert _names(data["indicators"]) == [("数量指标", "≥4个"), ("社会效益指标", "≥3000人")]
    assert _names(data["midterm_indicators"]) == [("数量指标", "≥12个"), ("社会效益指标", "≥1万人")]
    assert "没有年度指标" not in out and "中期、年度两组绩效指标上下排列" in out


def test_the_town_s_form_writes_nine_long_term_and_eight_annual_indicators(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, data = imported(FORMS / "d-ningxiang-batang-mubiao.docx", tmp_path / "out", capsys)
    annual, midterm = data["indicators"], data["midterm_indicators"]
    assert isinstance(annual, list) and isinstance(midterm, list)
    assert len(annual) == 8 and len(midterm) == 9
    assert midterm[-1]["level1"] == "社会公众或服务对象满意度指标"
    assert [i["level2"] for i in annual][-1] == "可持续影响指标"
