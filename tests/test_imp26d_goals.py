"""A form's printed overall completion beside its goal texts is named, not left as two unexplained cells."""

from __future__ import annotations

from pathlib import Path

import pytest
from forms.make import load_form
from test_import_layout import draft_of, grid

from perfsite.importing.tables import unplaced

CHENGAN = Path(__file__).resolve().parent / "forms_layouts" / "l10-chengan-gaoling"


@pytest.mark.parametrize("printed", ["100.00", "95%"])
def test_the_printed_overall_completion_is_named_in_one_note(printed: str) -> None:
    """邯郸's 「三、目标完成情况」 prints 「总体完成率(%) | 100.00」 beside its two goal texts (tests/forms_layouts/l10,
    K7 and K8): the head and its figure were listed among the 「未能归位的内容」 with no word of what they are."""
    form = load_form(CHENGAN)
    assert (form.rows[6][10], form.rows[7][10]) == ("总体完成率(%)", "100.00")
    form.rows[7][10] = printed
    g = grid(form.rows, tuple(form.merges))
    draft, found = draft_of(g)
    assert [n for n in draft.notes if "总体完成率" in n] == [
        f"表1 第7行第11列「总体完成率(%)」和第8行第11列「{printed}」是原表印出的年度总体目标完成率：数据格式没有对应的键，未写入"
        "（页面上的完成情况按各项指标计算）"]
    left = unplaced([g], found.used)
    assert not [u for u in left if u.startswith(("表1 第7行", "表1 第8行"))], left


def test_a_completion_head_without_its_one_figure_stays_unplaced() -> None:
    form = load_form(CHENGAN)
    form.rows[7][10] = "完成"
    g = grid(form.rows, tuple(form.merges))
    draft, found = draft_of(g)
    assert not [n for n in draft.notes if "总体完成率" in n]
    assert [u for u in unplaced([g], found.used) if u.startswith(("表1 第7行第11列", "表1 第8行第11列"))] == [
        "表1 第7行第11列：总体完成率(%)", "表1 第8行第11列：完成"]
