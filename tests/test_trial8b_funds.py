"""A money cell that writes no exact amount (「约120万元」) on a 绩效目标表: never a figure, kept as printed in
a comment above `funds` and named to the clerk; 清涧县's 申报表 (tests/forms_trial8b) read whole."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from docx import Document

from perfsite.cli import main

HERE = Path(__file__).parent
FORMS = HERE / "forms_trial8b"
ROWS = HERE / "forms_trial7" / "t7imp1" / "d-min-money-rows.docx"


def imported(path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """(what `perfsite import` said, the text of the one file it wrote)."""
    main(["import", str(path), "--out", str(out)])
    [written] = sorted(out.rglob("*.yaml"))
    return capsys.readouterr().out, written.read_text(encoding="utf-8")


def comments_above_funds(text: str) -> str:
    """The comment lines right above `funds:` (where the writer puts what it says of the money)."""
    lines = text.split("\nfunds:")[0].splitlines()
    block = []
    while lines and lines[-1].startswith("#"):
        block.append(lines.pop())
    return "\n".join(reversed(block))


def _rows_form(tmp: Path, total: str) -> Path:
    """宁乡坝塘镇's money rows (one line a row under 「资金总额及构成」) with the 总额 line written `total`."""
    doc = Document(str(ROWS))
    for cell in doc.tables[0].rows[3].cells[1:]:
        cell.text = total
    doc.save(str(path := tmp / "目标表.docx"))
    return path


def test_a_money_line_glued_to_about_is_no_total(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """「总额约120万元」: the 约 is no part of the label, the total is no figure (it was written as 120)."""
    out, text = imported(_rows_form(tmp_path, "总额约120万元"), tmp_path / "out", capsys)
    funds = yaml.safe_load(text)["funds"]
    assert "total" not in funds and str(funds["fiscal"]) == "6923.3552"
    assert "「约120万元」不是金额，未写入" in out
    assert "约120万元" in comments_above_funds(text)


def test_an_about_amount_after_a_colon_is_kept_in_a_comment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, text = imported(FORMS / "qingjian-about-total.xlsx", tmp_path / "out", capsys)
    funds = yaml.safe_load(text)["funds"]
    assert funds == {"unit": "万元", "fiscal": 500}
    assert "「约500万元」不是金额，未写入" in out
    assert "「年度资金总额:」一格写作「约500万元」" in comments_above_funds(text)


def test_qingjian_s_form_reads_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, text = imported(FORMS / "qingjian-shiping-guoyuanlu-mubiao.xlsx", tmp_path / "out", capsys)
    data = yaml.safe_load(text)
    assert data["funds"] == {"unit": "万元", "total": 500, "fiscal": 500}
    assert data["department"] == "清涧县交通运输局" and data["year"] == 2021
    assert [(i["level2"], i["target"]) for i in data["indicators"]] == [
        ("数量指标", "2km"), ("数量指标", "2km"), ("质量指标", "100%"), ("时效指标", "100%"), ("成本指标", "≤120万元")]
    assert "只有「经济效益」" in out  # the copy is cut inside the 效益 rows: named, not read as an indicator


def test_an_expected_amount_is_no_amount(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """「预计120万元」 was read as 120 (「按「预计」后面的金额 120 写入」): an estimate, not the year's money."""
    out, text = imported(_rows_form(tmp_path, "资金总额:预计120万元"), tmp_path / "out", capsys)
    assert "total" not in yaml.safe_load(text)["funds"]
    assert "「预计120万元」不是金额，未写入" in out and "预计120万元" in comments_above_funds(text)


def test_a_department_task_s_estimated_amount_is_kept_in_a_comment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """宁德 党史研究室's 部门整体 目标表 (tests/forms_dept/d01) with one task's 预算金额 written 「约11万元」: said on screen
    only, the file kept no trace of it."""
    import sys

    sys.path.insert(0, str(HERE))
    from forms.make import load_form, write_docx

    form = load_form(HERE / "forms_dept" / "d01-ningde-dangshi-mubiao")
    form.rows[9][4] = "约11万元"
    path = write_docx(form, tmp_path / "部门.docx")
    main(["import", str(path), "--out", str(tmp_path / "out"), "--year", "2019"])
    [written] = sorted((tmp_path / "out").rglob("*.yaml"))
    text = written.read_text(encoding="utf-8")
    task = next(t for t in yaml.safe_load(text)["tasks"] if t["name"] == "按时发放2019年人员福利")
    assert "amount" not in task
    assert "# 原表任务「按时发放2019年人员福利」的金额一格写作「约11万元」，不是确定的金额，未写入" in text.split("\ntasks:")[0]
    assert "「约11万元」不是数字，未写入" in capsys.readouterr().out
