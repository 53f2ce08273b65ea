"""A footnote mark after a figure in the other paths reads as on a 自评表 (`footnote_mark`,
`unmarked`, `mark_note`): the figure, the mark named with its cell; never glued onto the figure
(「87%①」 no actual the scorer can compare, 「29*」 no score, 「99*」 no 自评得分, 「98¹」 no amount)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_import_bulk import HEAD, P001, data, run, xlsx


def test_marks_in_an_export_s_rows_are_read_off_and_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p001 = [*P001[:6], "98¹"]
    rows = [[*p001, "产出指标", "数量指标", "维修面积", "≥1000平方米", "1000平方米", "40", "40", "", "99*"],
            [*p001, "效益指标", "社会效益指标", "安全隐患消除率", "100%", "100%", "30", "30", "", "99*"],
            [*p001, "满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "87%①", "30", "29*", "工期延长", "99*"]]
    [out] = run(tmp_path, xlsx(tmp_path / "export.xlsx", [HEAD, *rows]))
    said = capsys.readouterr().out
    loaded = data(out)
    last = loaded["indicators"][-1]
    assert (last["actual"], str(last["score"])) == ("87%", "29"), last
    assert last.get("rule") != "reported", last
    assert str(loaded["reported"]["score"]) == "99" and str(loaded["budget"]["spent"]) == "98", loaded
    for where, text, mark in [("工作表「明细」第 4 行 L 列：实际完成值", "87%①", "①"),
                              ("工作表「明细」第 4 行 N 列：得分", "29*", "*"),
                              ("工作表「明细」第 2 行 P 列：自评得分", "99*", "*"), ("预算表 全年执行数", "98¹", "¹")]:
        assert f"{where}「{text}」末尾的「{mark}」是脚注标记，按「{text[:-1]}」读取" in said, (where, said)


def test_a_summary_row_s_marked_score_is_checked(tmp_path: Path) -> None:
    """A 汇总表 row 「96*」 checks its programme's total 95 as 96 would (read with the mark, no score:
    the programme went unchecked without a word)."""
    from perfsite.importing.assemble import Draft
    from perfsite.importing.bulk import Summary, SummaryRow
    from perfsite.importing.crosscheck import against_summaries
    from perfsite.importing.pipeline import FileReport, Prepared

    ours = Prepared(FileReport(Path("a.xlsx")), Draft({"name": "小升规企业奖励资金", "year": 2021,
                                                       "department": "县工信局", "reported": {"score": 95}}))
    rows = (SummaryRow("第 3 行", "小升规企业奖励资金", "县工信局", "96*"),)
    holder = Prepared(FileReport(Path("汇总.xlsx"), failure="汇总表"),
                      summaries=[Summary("工作表「汇总」", 2, "2021", rows, "汇总.xlsx")])
    against_summaries([holder, ours])
    assert ours.draft is not None
    assert ours.draft.notes == ["与汇总表「汇总.xlsx」第 3 行不一致：总分为 95，汇总表的自评得分为 96*"]
