"""A budget row whose total cell cannot be read (Excel prints 「###」 in a column too narrow for the
figure, and a PDF of that print keeps only the hashes) while a part of it reads 「0.00」: the readable
parts are not the row's money. Summed into a total they would publish 0 for a 120,000 budget."""

from __future__ import annotations

from perfsite.importing.assemble import Draft, _budget_row


def test_an_unreadable_total_is_not_replaced_by_the_readable_parts() -> None:
    draft = Draft()
    entry = _budget_row(draft, "budget", {"total": "###", "fiscal": "###", "other": "0.00"}, "元", "")
    assert entry is None, entry
    assert any("「###」是 Excel 列太窄时印出的「###」，不是数字，未写入" in n for n in draft.notes)
    assert any("合计读不出" in c for c in draft.comments[("budget", "budget")]), draft.comments


def test_an_unreadable_part_beside_a_readable_total_keeps_the_total() -> None:
    draft = Draft()
    entry = _budget_row(draft, "spent", {"total": "30000", "fiscal": "###", "other": "0.00"}, "元", "")
    assert entry == {"other": "0.00", "total": "30000"}, entry


def test_a_row_with_no_total_column_and_an_unreadable_part_publishes_no_sum() -> None:
    draft = Draft()
    entry = _budget_row(draft, "initial", {"fiscal": "###", "other": "20.00"}, "万元", "")
    assert entry is None, entry
