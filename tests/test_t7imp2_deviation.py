"""A 自评表's form-wide 「偏差大或目标未完成原因分析」 and 「改进措施及结果应用方案」 rows (施甸县's 2019 form,
tests/forms_trial7b/SOURCES.md): the unit's published text goes to `sections` under the labels as printed, never
listed as unplaced; it explains the form as a whole, so no indicator's `remark` is filled from it (said)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_import_dept import STANDARD_EVALUATION, STANDARD_EVALUATION_MERGES, imported, workbook
from test_import_layout import draft_of, grid

from perfsite.cli import main

HERE = Path(__file__).parent / "forms_trial7b"

CAUSE = "一是相关台账不健全,部分新型农业经营主体提供带动建档立卡户发展的相关支撑材料不足"


def _import(tmp: Path, name: str, capsys: pytest.CaptureFixture[str]) -> tuple[dict[str, object], str]:
    main(["import", str(HERE / name), "--out", str(tmp / "out")])
    [out] = sorted((tmp / "out").rglob("*.yaml"))
    return yaml.safe_load(out.read_text(encoding="utf-8")), capsys.readouterr().out


@pytest.mark.parametrize("name", ["a-shidian-xinxing-zhuti.xlsx", "a-nospace.xlsx", "a-newline.xlsx"])
def test_the_deviation_and_improvement_rows_are_sections(tmp_path: Path, name: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    data, out = _import(tmp_path, name, capsys)
    sections = data.get("sections")
    assert isinstance(sections, dict), out
    assert list(sections) == ["偏差大或目标未完成原因分析", "改进措施及结果应用方案"]
    assert str(sections["偏差大或目标未完成原因分析"]).startswith(CAUSE)
    assert str(sections["偏差大或目标未完成原因分析"]).endswith("没有100%执行完毕。")
    assert str(sections["改进措施及结果应用方案"]).endswith("规范业务管")  # cut where the published excerpt ends
    assert "A17：" not in out and "B17：" not in out and "B18：" not in out  # none listed as unplaced
    assert not any("remark" in item for item in data["indicators"])  # nothing invented per indicator
    assert "A17「偏差大或目标未完成原因分析」一行写入 sections 的「偏差大或目标未完成原因分析」：原表是对整张表的说明" in out
    assert "A18「改进措施及结果应用方案」一行写入 sections 的「改进措施及结果应用方案」\n" in out  # the why said once


def test_a_form_wide_row_right_under_the_indicators_ends_the_table() -> None:
    """With no 合计 row between, the 「存在问题」 row is no indicator (its text in the name column would be one)."""
    rows = [["项目名称", "通村道路", "", "", "", "", ""], ["评价年度", "2023", "", "", "", "", ""],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "新建道路", "5公里", "5公里", "50", "50"],
            ["效益指标", "社会效益指标", "受益人口", "1000人", "800人", "50", "40"],
            ["存在问题", "受益人口未达目标：部分村民外出务工。", "", "", "", "", ""]]
    draft, _ = draft_of(grid(rows, ((5, 1, 5, 6),)))
    assert [i["name"] for i in draft.data["indicators"]] == ["新建道路", "受益人口"]
    assert draft.data["sections"] == {"存在问题": "受益人口未达目标：部分村民外出务工。"}
    assert "remark" not in draft.data["indicators"][1]


def test_a_department_form_takes_both_rows_into_its_deviation(tmp_path: Path) -> None:
    """A 部门整体自评表 has no sections: 「存在问题」 and 「改进措施」 rows both go to `deviation`, each under its label,
    and no note speaks of sections."""
    rows = [*STANDARD_EVALUATION[:-1], ["存在问题", "教师培训人次低于年初目标。", "", "", "", "", "", ""],
            ["改进措施", "提前安排培训计划。", "", "", "", "", "", ""]]
    report = imported(workbook(tmp_path / "自评表.xlsx", rows, (*STANDARD_EVALUATION_MERGES[:-1], "B16:H16", "B17:H17")),
                      tmp_path / "out")
    assert report.written, report.failure
    data = yaml.safe_load(report.written[0].read_text(encoding="utf-8"))
    assert data["deviation"] == "存在问题：教师培训人次低于年初目标。\n改进措施：提前安排培训计划。"
    assert not [n for n in report.notes if "sections" in n]
    assert not [u for u in report.unplaced if "培训" in u]
