"""An indicator row whose name cell is blank and unmerged, with no level cell of its own, under a
named row: not the same indicator (a clerk's blank is no 「同上」), so it is named, never published
as a second row under the name above (the red team's redfix5a form, built here)."""

from __future__ import annotations

from test_import_layout import draft_of, grid
from test_redfix5a_rows import HEAD, TOP, A, C, _names


def test_a_blank_unmerged_name_under_a_named_row_is_not_copied_down() -> None:
    rows = [TOP, HEAD, A, ["", "", "", "≥95%", "96%", "30", "30"], C]
    draft, _ = draft_of(grid(rows))
    notes = "\n".join(draft.notes)
    assert _names(draft) == ["养护里程", "群众满意度"], _names(draft)
    assert "表1 第4行没有指标名称，却有数值（第4行第4列「≥95%」、第4行第5列「96%」、第4行第6列「30」、第4行第7列「30」）" in notes, notes


def test_a_name_merged_down_over_a_row_without_figures_stays_one_indicator() -> None:
    rows = [TOP, HEAD, A, ["", "", "", "", "", "", ""], C]
    draft, _ = draft_of(grid(rows, ((2, 2, 3, 2),)))
    assert _names(draft) == ["养护里程", "群众满意度"]
