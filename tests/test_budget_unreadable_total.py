"""A budget row whose total cell cannot be read (Excel prints 「###」 in a column too narrow for the
figure, and a PDF of that print keeps only the hashes) while a part of it reads 「0.00」: the readable
parts are not the row's money. Summed into a total they would publish 0 for a 120,000 budget."""

from __future__ import annotations

from perfsite.importing.assemble import Draft, _budget_row


def test_an_unreadable_total_is_not_replaced_by_the_readable_parts() -> None:
    draft = Draft()
    entry = _budget_row(draft, "budget", {"total": "###", "fiscal": "###", "other": "0.00"}, "元", "")
    assert entry is None, entry
    assert any("合计读不出" in c for c in draft.comments[("budget", "budget")]), draft.comments


def test_an_unreadable_part_beside_a_readable_total_keeps_the_total() -> None:
    draft = Draft()
    entry = _budget_row(draft, "spent", {"total": "30000", "fiscal": "###", "other": "0.00"}, "元", "")
    assert entry == "30000", entry  # 其他 0.00 alone under it is no breakdown of 30000
    assert draft.comments[("budget", "spent")] == ["全年执行数的来源有一格读不出，只写合计；读出的其他资金 0.00 未写入：请照原表补上各来源。"]


def test_a_row_with_no_total_column_and_an_unreadable_part_publishes_no_sum() -> None:
    draft = Draft()
    entry = _budget_row(draft, "initial", {"fiscal": "###", "other": "20.00"}, "万元", "")
    assert entry is None, entry
