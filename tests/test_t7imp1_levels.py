"""Level columns a target table heads in other words: 「指标」 over the 一级 levels (中央 样例), 一级指标 | 二级指标
holding the 二级 levels and the names (鄂州 市直); a rate far above 100%; a near header named by its row."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from test_t7imp1_blocks import FORMS, imported


def test_a_level_column_headed_zhibiao_gives_the_first_level(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, data = imported(FORMS / "e-no-sample-title.docx", tmp_path / "out", capsys, "--year", "2015")
    items = data["indicators"]
    assert isinstance(items, list) and len(items) == 12
    assert [i.get("level1") for i in items] == ["产出指标"] * 10 + ["效益指标"] * 2
    assert "产出指标" not in out.split("未能归位")[-1] if "未能归位" in out else True
    assert data["department"] == "国家林业局" and str(data["department_code"]) == "169"


def test_first_and_second_level_columns_holding_second_levels_and_names(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, data = imported(FORMS / "c-ezhou-binhu-dalou-mubiao.docx", tmp_path / "out", capsys)
    items = data["indicators"]
    assert isinstance(items, list)
    assert [(i.get("level1"), i["level2"], i["name"]) for i in items[:3]] == [
        (None, "数量指标", "办公大楼日常维修维护次数"), (None, "数量指标", "大楼安检巡察次数"),
        (None, "质量指标", "办公大楼日常维修维护验收合格率")]
    assert items[-1]["level2"] == "成本指标" and items[-1]["name"] == "成本控制率"
    assert "「一级指标」一栏填的是二级指标" in out


def test_a_rate_far_above_100_percent_is_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = imported(FORMS / "c-ezhou-binhu-dalou-mubiao.docx", tmp_path / "out", capsys)
    assert "「经常性大型设备更新验收合格率」的指标值「292%」" in out
    assert "「重.要设备维修维保验收合格率」的指标值「95%」" not in out


def test_a_header_with_levels_and_a_target_but_no_name_column_is_named_by_its_row(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """一级指标 | 二级指标 | 绩效标准 | 当年预期实现值 with the levels in their own columns (no names in the 二级
    column): the failure names the table, the row and the labels, as the 自评 reader's does."""
    doc = Document(str(FORMS / "c-ezhou-binhu-dalou-mubiao.docx"))
    table = doc.tables[0]
    for row in table.rows[11:]:
        row.cells[0].text = "产出指标"
    doc.save(str(path := tmp_path / "目标表.docx"))
    out, data = imported(path, tmp_path / "out", capsys)
    assert not data
    assert "表1第 11 行像是绩效目标表的指标表头" in out and "三级指标" in out
    assert "分值/权重" not in out



def test_a_performance_standard_column_of_explanations_is_the_explanation(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, data = imported(FORMS / "c-ezhou-binhu-dalou-mubiao.docx", tmp_path / "out", capsys)
    items = data["indicators"]
    assert isinstance(items, list)
    assert items[0]["explanation"] == "反映办公大楼全年维修维护情况" and "basis" not in items[0]
    assert items[-1]["basis"] == "不超预算"  # a standard, not an explanation: read cell by cell
    assert "「绩效标准」一栏 5 格填的是指标的解释" in out


def test_a_cost_list_s_total_is_the_year_s_money(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, data = imported(FORMS / "c-ezhou-binhu-dalou-mubiao.docx", tmp_path / "out", capsys)
    assert data["funds"] == {"unit": "万元", "total": 814}
    assert "资金：资金总额 814 万元" in out
    unplaced = out.split("未能归位")[-1]
    assert "第5行第2列：191" in unplaced and "第8行第4列：662.98" in unplaced  # the costs and the past years: not read
    assert "第8行第2列：814" not in unplaced


def test_a_first_level_column_holding_second_levels_only_is_the_second_level(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The 鄂州 form with its 二级指标 header renamed 三级指标: 一级指标 | 三级指标, the 一级 column still
    holding 数量指标, 质量指标, 成本指标."""
    out, data = imported(FORMS / "c1-header3.docx", tmp_path / "out", capsys)
    items = data["indicators"]
    assert isinstance(items, list)
    assert [(i.get("level1"), i["level2"]) for i in items[:3]] == [(None, "数量指标")] * 2 + [(None, "质量指标")]
    assert "「一级指标」一栏填的是二级指标（数量指标、质量指标…）：按二级指标读入" in out
