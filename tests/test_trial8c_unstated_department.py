"""A report or a 整改 naming no 主管部门 shares the id of the only programme of its name and year, and
writes that programme's department (tests/forms_trial8c/SOURCES.md: 三门县城镇污水处理设施建设工程, whose
finance review the results list reports). With no such programme, or two of that name, it keeps 「未载明」.

The 自评表, the report and the 整改 table are CONSTRUCTED (the site publishes none of them): the real
2023 form of 张庄寨镇 renamed, a report of eight paragraphs, a one-row 整改 table."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook
from test_trial8c_results_list import FIRST, finance_report, self_form

from perfsite.cli import main

DEPARTMENT = "三门县住房和城乡建设局"
ID = "sanmen-xiancheng-zhen-wushui-chuli-sheshi"


def run(capsys: pytest.CaptureFixture[str], out: Path, *paths: Path) -> str:
    main(["import", *map(str, paths), "--out", str(out)])
    return capsys.readouterr().out


def rectification(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append([f"2024年度{FIRST}绩效评价发现问题整改情况表"])
    sheet.append(["序号", "存在问题", "整改措施", "责任单位", "整改时限", "整改情况"])
    sheet.append([1, "绩效目标不够细化", "细化量化绩效目标", "三门县市政公用工程建设事务中心", "2025年6月底", "已整改"])
    book.save(path)
    return path


def data(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_handed_in_together_the_report_and_the_rectification_join_the_form(tmp_path: Path,
                                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """The report's file name sorts before the form's: it is placed after it all the same."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    finance_report(inbox / f"{FIRST}绩效评价报告.docx", "87")
    self_form(inbox / f"{FIRST}自评表.xlsx")
    rectification(inbox / "整改情况表.xlsx")
    out = run(capsys, tmp_path / "out", inbox)
    folder = tmp_path / "out" / "2024" / "imported"
    assert sorted(p.name for p in folder.glob("*.yaml")) == [f"{ID}-pingjia.yaml", f"{ID}-zhenggai.yaml", f"{ID}.yaml"]
    for name in (f"{ID}-pingjia.yaml", f"{ID}-zhenggai.yaml"):
        assert data(folder / name)["id"] == ID and data(folder / name)["department"] == DEPARTMENT
    assert f"# 原件没有写明主管部门；2024 年名为「{FIRST}」的项目只有一个（{ID}.yaml）" in (folder / f"{ID}-pingjia.yaml").read_text(
        encoding="utf-8")
    assert f"主管部门：{DEPARTMENT}（原件未写，取自同名项目）" in out and "已写「未载明」" not in out
    assert f"{ID}-2.yaml" not in out and "另一个项目" not in out


def test_a_report_imported_after_its_form_joins_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, tmp_path / "out", self_form(tmp_path / "form.xlsx"))
    out = run(capsys, tmp_path / "out", finance_report(tmp_path / "报告.docx", "87"))
    written = tmp_path / "out" / "2024" / "imported" / f"{ID}-pingjia.yaml"
    assert data(written)["department"] == DEPARTMENT and data(written)["id"] == ID
    assert "与它共用网址编号" in out


def test_two_programmes_of_the_name_leave_the_department_unstated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, tmp_path / "out", self_form(tmp_path / "form.xlsx"))
    other = tmp_path / "out" / "2024" / "imported" / "other.yaml"
    other.write_text((tmp_path / "out" / "2024" / "imported" / f"{ID}.yaml").read_text(encoding="utf-8")
                     .replace(f"department: {DEPARTMENT}", "department: 三门县水利局").replace(f"id: {ID}", "id: other"),
                     encoding="utf-8")
    out = run(capsys, tmp_path / "out", finance_report(tmp_path / "报告.docx", "87"))
    (written,) = (tmp_path / "out" / "2024" / "imported").glob("*-pingjia.yaml")
    assert data(written)["department"] == "未载明" and "报告没有写明主管部门：已写「未载明」" in out


def test_alone_the_report_keeps_the_department_unstated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, tmp_path / "out", finance_report(tmp_path / "报告.docx", "87"))
    (written,) = (tmp_path / "out" / "2024" / "imported").glob("*-pingjia.yaml")
    assert data(written)["department"] == "未载明" and "报告没有写明主管部门：已写「未载明」" in out
