"""Rows of an indicator table with figures but no name of their own, and a 指标值/实际完成值 merged
over two indicators: each said, naming the row or the merged cell, never silently a template row
(「整行只有「/」或空白…」) or a value missing (forms: the red team's v13, v13c, v29, v04b, built here)."""

from __future__ import annotations

from test_import_layout import draft_of, grid

TOP = ["项目名称", "示例项目（2023年度）", "", "", "", "", ""]
HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
A = ["产出指标", "数量指标", "养护里程", "≥100公里", "100公里", "20", "19.6"]
B = ["", "质量指标", "验收合格率", "≥95%", "96%", "30", "30"]
C = ["效益指标", "社会效益指标", "群众满意度", "≥90%", "92%", "50", "50"]


def _names(draft) -> list[str]:  # type: ignore[no-untyped-def]
    return [item.get("name", "") for item in draft.data["indicators"]]


def test_a_subtotal_row_is_checked_against_its_items() -> None:
    """v29: 「小计 | 50 | 48.6」 rows were dropped as blank template rows and never checked."""
    rows = [TOP, HEAD, A, B, ["产出指标小计", "", "", "", "", "50", "49.6"], C, ["小计", "", "", "", "", "50", "49"]]
    draft, _ = draft_of(grid(rows))
    notes = "\n".join(draft.notes)
    assert _names(draft) == ["养护里程", "验收合格率", "群众满意度"]
    assert "表1 第7行「小计」：得分 49 与其上 1 项之和 50 不一致（「群众满意度」）：小计不作为指标导入" in notes, notes
    assert "第5行" not in notes and "整行只有" not in notes


def test_a_name_merged_over_a_row_with_figures_reads_that_row() -> None:
    """v13: the name cell merged down over the next indicator: its 10 / 100% / 90% / 9 were dropped."""
    rows = [TOP, HEAD, A, B, ["", "时效指标", "", "100%", "90%", "10", "9"]]
    draft, _ = draft_of(grid(rows, ((3, 2, 4, 2),)))
    assert _names(draft) == ["养护里程", "验收合格率", "验收合格率"]
    assert draft.data["indicators"][2]["actual"] == "90%"
    assert any(n.startswith("表1 第5行第3列：指标名称「验收合格率」与上一行合并为一格，这一行却有自己的数值") for n in draft.notes)


def test_a_second_header_row_relabelling_columns_is_said() -> None:
    """v04b: a row under the header calls the 指标值 column 实际完成值 and the other way about."""
    rows = [TOP, HEAD, ["", "", "", "实际完成值", "年度指标值", "", ""], A]
    merges = tuple((1, c, 2, c) for c in (0, 1, 2, 5, 6))
    draft, _ = draft_of(grid(rows, merges))
    notes = "\n".join(draft.notes)
    assert "表1 第3行 第3行第4列「实际完成值」、第3行第5列「年度指标值」 像是表头的又一行" in notes, notes
    assert "整行只有" not in notes


def test_a_row_with_figures_and_no_name_is_named() -> None:
    """A new 二级指标 with its name cell left blank (not merged): not imported, but named."""
    rows = [TOP, HEAD, A, ["", "质量指标", "", "≥95%", "96%", "30", "30"], C]
    draft, _ = draft_of(grid(rows))
    notes = "\n".join(draft.notes)
    assert _names(draft) == ["养护里程", "群众满意度"]
    assert "表1 第4行没有指标名称，却有数值（第4行第4列「≥95%」、第4行第5列「96%」、第4行第6列「30」、第4行第7列「30」）" in notes
    assert "整行只有" not in notes


def test_a_blank_template_row_is_still_one() -> None:
    rows = [TOP, HEAD, A, ["", "", "/", "/", "/", "/", "/"], C]
    draft, _ = draft_of(grid(rows))
    assert _names(draft) == ["养护里程", "群众满意度"]
    assert any("整行只有「/」或空白是表格模板中未填写的行" in n for n in draft.notes)


def test_a_target_and_actual_merged_over_two_indicators_are_given_to_both_and_said() -> None:
    """v13c: the second indicator got no target or actual (「目标值和实际值均未给出」) though the
    merged cells print them beside it."""
    rows = [TOP, HEAD, A, B, ["", "时效指标", "按期完工率", "", "", "10", "10"]]
    draft, _ = draft_of(grid(rows, ((3, 3, 4, 3), (3, 4, 4, 4))))
    third = draft.data["indicators"][2]
    assert (third["target"], third["actual"]) == ("≥95%", "96%")
    notes = "\n".join(draft.notes)
    assert ("表1 第4行第4列：年度指标值「≥95%」是合并单元格，向下合并到第 5 行，「验收合格率」「按期完工率」 2 项指标共用这一格"
            in notes), notes
    assert "表1 第4行第5列：实际完成值「96%」是合并单元格" in notes
