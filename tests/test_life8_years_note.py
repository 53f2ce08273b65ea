"""The 各年度指标对照 table's note says what 目标调低 covers as the comparison decides it: a 定性
target softened (达标 → 基本达标, a 「基本」「较」「部分」「初步」 added) is lowered as a smaller ≥
figure is, and other rewording (效果显著 → 效果一般) is 目标有改动, not a softening."""

from __future__ import annotations

import html
import re

import pytest

from perfsite.site.render import standard
from perfsite.targets_compare import Change, moved_target


def _note() -> str:
    compared = {"years": [{"year": 2023, "url": "projects/2023/p/", "corrected": None},
                          {"year": 2024, "url": "projects/2024/p/", "corrected": None}],
                "counts": {"indicators": 1, "every_year": 1, "renamed": 0, "added": 0, "resumed": 0, "dropped": 0,
                           "target_lowered": 0}, "rows": []}
    body = standard().render("_years.html", "projects/2024/p/years/", compared=compared, years_rows="")
    return html.unescape(re.sub(r"<[^>]+>", "", body.split('class="ps-note"')[1]))


@pytest.mark.parametrize(("before", "after", "said"), [
    ("达标", "基本达标", "基本"), ("满意", "较满意", "较"), ("完成", "部分完成", "部分"), ("建成", "初步建成", "初步")])
def test_the_note_names_each_softening_word_the_comparison_lowers(before, after, said):
    assert moved_target(before, after).change is Change.LOWERED
    assert f"“{said}”" in _note()


def test_the_note_says_other_rewording_is_a_change_not_a_lowering():
    assert moved_target("效果显著", "效果一般").change is Change.CHANGED
    note = _note()
    assert "“效果显著”改为“效果一般”" in note and "目标有改动" in note
