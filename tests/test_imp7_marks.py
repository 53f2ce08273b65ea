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


def test_a_department_task_amount_with_a_mark(tmp_path: Path) -> None:
    """宁德's 部门整体 target table, task 2's 预算金额 「11¹」: 11, the cell named (was 「不是数字」)."""
    from test_import_dept import _variant, document_of, imported

    report = imported(_variant(tmp_path, {"E10": "11¹"}), tmp_path / "out")
    assert "工作表「Sheet1」 E10：金额「11¹」末尾的「¹」是脚注标记，按「11」读取：请对照原件核对表下对应的脚注，需要时写进备注" in \
        report.notes, report.notes
    assert not [n for n in report.notes if "不是数字" in n]
    document, _ = document_of(report.written[0])
    assert str(document.tasks[1].amount) == "11"


def test_marks_in_a_target_table_s_money_and_targets() -> None:
    """A 绩效目标表's 年度资金总额 「120万元*」 and 指标值 「≥95%①」: the figure, each mark named."""
    from test_import_layout import grid
    from test_import_targets import one

    rows = [["项目名称", "村道维修"], ["主管部门", "示例县交通局"], ["年度", "2023"],
            ["项目资金", "年度资金总额", "其中：财政拨款"], ["", "120万元*", "120"],
            ["三级指标", "指标值", "权重"], ["维修里程", "≥10公里", "50"], ["群众满意度", "≥95%①", "50"]]
    draft = one(grid(rows))
    assert draft.data["funds"]["total"] == "120" and draft.data["indicators"][1]["target"] == "≥95%", draft.data
    assert "表1 第8行第2列：年度指标值「≥95%①」末尾的「①」是脚注标记，按「≥95%」读取：请对照原件核对表下对应的脚注，需要时写进备注" \
        in draft.notes, draft.notes
    assert "资金「年度资金总额」「120万元*」末尾的「*」是脚注标记，按「120万元」读取：请对照原件核对表下对应的脚注，需要时写进备注" \
        in draft.notes, draft.notes


def test_a_bare_run_in_a_superscript_cell_is_a_mark_not_a_digit(tmp_path: Path) -> None:
    """A cell whose font is 上标 (Format Cells → Font, its style) holding rich text: 「19.6」 set to the
    baseline in a run of its own and a bare 「1」 that takes the cell's font print 19.6 and a raised 1
    (read 19.61 before); a whole cell so set is its figure, small and high, as before."""
    from raw_office import Book, Sheet, form_rows, row, shared, write_xlsx
    from test_redfix5a_marks import _texts

    from perfsite.importing.xlsx_reader import read_xlsx

    fonts = ['<font><sz val="11"/><name val="宋体"/></font>',
             '<font><vertAlign val="superscript"/><sz val="11"/><name val="宋体"/></font>']
    strings = ['<r><rPr><sz val="11"/></rPr><t>19.6</t></r><r><t>1</t></r>', "<t>30</t>"]
    rows = [("培训人次", 40, "≥100人", "120人", shared("E3", 0, 1)), ("结业率", 30, "≥90%", "95%", shared("E4", 1, 1)),
            ("满意度", 30, "≥90%", "92%", 30)]
    book = Book([Sheet("自评表", form_rows(rows=rows) + row(6, ""))], strings=strings, fonts=fonts, xfs=[(0, 0), (0, 1)])
    texts = _texts(read_xlsx(write_xlsx(tmp_path / "f.xlsx", book)))
    assert "19.6¹" in texts and "19.61" not in texts and "30" in texts, texts
