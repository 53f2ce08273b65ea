"""An amount the form prints in two columns of one budget row (「约114」 under 年度资金总额 and 财政拨款)
that is no amount: said once on screen, not the same line twice (a footnote mark after an amount,
「约114」, is an amount and its mark: tests/test_imp7_amounts.py)."""

from __future__ import annotations

from perfsite.importing.assemble import Draft, _budget_row


def test_an_unread_amount_in_two_columns_of_a_row_is_said_once() -> None:
    draft = Draft()
    _budget_row(draft, "spent", {"total": "约114", "fiscal": "约114"}, "万元", "")
    said = [n for n in draft.notes if "「约114」" in n]
    assert said == ["预算表 全年执行数的「约114」是估计的数（「约」），不是确定的金额，未写入"], draft.notes
    assert draft.comments[("budget", "unit")] == ["原表全年执行数写作「约114」，不是确定的金额，未写入；请向填报单位核实后补上。"]


def test_two_different_unread_amounts_are_each_said() -> None:
    draft = Draft()
    _budget_row(draft, "spent", {"total": "约114", "fiscal": "-5"}, "万元", "")
    assert len([n for n in draft.notes if "「约114」" in n]) == 1
    assert len([n for n in draft.notes if "「-5」" in n]) == 1
