"""An estimate in a 自评表's budget cell (「预计540万元」, 「约540万元」, 「540万元左右」) is no amount: the
import writes no figure for it and keeps the cell's text in a comment, as the 绩效目标表 does."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from test_import_builders import central_xlsx

from perfsite.cli import main
from perfsite.importing.assemble import amount_in_words


@pytest.mark.parametrize("text", ["预计540万元", "约540万元", "预计 540", "估计540万元", "力争540万元"])
def test_an_estimate_is_no_amount_in_words(text: str) -> None:
    assert amount_in_words(text, "万元") == (None, "", "")


@pytest.mark.parametrize("text", ["中央衔接推进乡村振兴补助资金(少数民族发展任务)50", "其他资金10"])
def test_a_named_amount_is_still_read(text: str) -> None:
    assert amount_in_words(text, "万元")[0] is not None


def test_an_estimated_budget_is_left_out_and_kept_in_a_comment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = central_xlsx(tmp_path / "f.xlsx")
    book = load_workbook(path)
    book.active["C6"] = book.active["C7"] = "预计540万元"  # 年初预算数, 年度资金总额 and its 财政拨款
    book.save(path)
    assert main(["import", str(path), "--out", str(tmp_path / "out")]) == 0
    said = capsys.readouterr().out
    [written] = (tmp_path / "out").rglob("*.yaml")
    text = written.read_text(encoding="utf-8")
    budget = yaml.safe_load(text)["budget"]
    assert "initial" not in budget and budget["budget"] == 552
    assert "# 原表年初预算数写作「预计540万元」，不是确定的金额，未写入；请向填报单位核实后补上。" in text
    assert "年初预算数的「预计540万元」是估计的数（「预计」），不是确定的金额，未写入" in said
