"""A 自评 export's money unit: the money column's own (「预算数（元）」) wins over the title's (「（单位：万元）」),
the two said with the column, as for a 绩效目标 export (`bulk.stated_unit`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_import_bulk import HEAD, ROWS, data, run, xlsx

_SAID = ("工作表「明细」表头上方写的金额单位是万元，而 F 列「全年预算数（元）」写的是元：该列的金额按元读入，请对照原表核对；"
         "应按万元读时，请把 F 列表头的单位改为万元后重新导入")


@pytest.mark.parametrize(("title", "header", "unit", "note"), [
    ("（单位：万元）", "（元）", "元", True), ("（单位：元）", "（元）", "元", False), ("（单位：万元）", "", "万元", False)])
def test_a_self_evaluation_money_column_s_own_unit_wins_over_the_title_s_and_is_said(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], title: str, header: str, unit: str, note: bool) -> None:
    """1500000 under 「全年预算数（元）」 below a 「（单位：万元）」 title is 1500000 元 (150 万元) and the clerk is told
    of the two units with the column. Before, the title's 万元 won unsaid: 1500000 万元, 150 亿元. A title agreeing
    with the column, or a column stating none, says nothing."""
    head = [h.replace("（万元）", header) for h in HEAD]
    rows = [[*row[:5], "1500000", *row[6:]] for row in ROWS]
    files = run(tmp_path, xlsx(tmp_path / "汇总.xlsx", [head, *rows], above=([f"2023年项目支出绩效自评表{title}"],)))
    assert {(data(f)["budget"]["unit"], str(data(f)["budget"]["budget"])) for f in files} == {(unit, "1500000")}
    out = capsys.readouterr().out
    assert (_SAID in out) is note, out
