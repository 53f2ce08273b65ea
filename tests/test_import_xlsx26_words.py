"""A money cell with words before its figure: the figure is taken only where the words name that money (a fund,
a source: 「中央衔接资金17500元」, 「其他资金10」). 「节约资金50」 in a 全年执行数 cell is what was saved and read 50, a
spending published that the form never printed; such a cell is kept as written, in a comment, and said."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from test_import_builders import central_xlsx

from perfsite.cli import main
from perfsite.importing.assemble import amount_in_words


@pytest.mark.parametrize("text", ["节约资金50", "结余资金12.5万元", "未到位资金20", "收回资金3", "项目50", "完成50"])
def test_words_of_another_sum_or_no_money_leave_the_figure_unread(text: str) -> None:
    assert amount_in_words(text, "万元") == (None, "", "")


@pytest.mark.parametrize(("text", "figure"), [("中央衔接资金17500元", "1.75"), ("少数民族发展资金37万元", "37"),
                                              ("其他资金10", "10"), ("合计50", "50"), ("未成年人保护资金5", "5"),
                                              ("欠发达地区补助资金8", "8")])
def test_the_name_of_the_money_still_reads(text: str, figure: str) -> None:
    value = amount_in_words(text, "万元")[0]
    assert value is not None and Decimal(str(value)) == Decimal(figure)


def test_a_saving_in_the_spending_cell_is_kept_as_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = central_xlsx(tmp_path / "f.xlsx")
    book = load_workbook(path)
    book.active["E6"] = book.active["E7"] = "节约资金50"  # 全年执行数 of 年度资金总额 and of its 财政拨款
    book.save(path)
    main(["import", str(path), "--out", str(tmp_path / "out")])
    said = capsys.readouterr().out
    [written] = (tmp_path / "out").rglob("*.yaml")
    text = written.read_text(encoding="utf-8")
    budget = yaml.safe_load(text)["budget"]
    assert "spent" not in budget and budget["budget"] == 552
    assert "# 原表全年执行数写作「节约资金50」：数字前的「节约资金」不是这笔资金的名称，这个数不一定是全年执行数，未写入" in text
    assert "预算表 全年执行数写作「节约资金50」：数字前的「节约资金」不是这笔资金的名称" in said
    assert "后面的金额 50" not in text
