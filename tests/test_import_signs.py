"""The sign characters are defined once (values.SIGN_CHARACTERS) and every importer pattern knows the look-alikes.

Forms print ═ (a box-drawing double line) for =, ⩾/⩽ (math fonts) for ≥/≤, 〉/〈 (CJK angle brackets) for
> and <. The scorer reads them as signs; an importer pattern that did not know them left a 指标性质 written
═ beside its figure (「═ | 100 | %」 became 100% with 指标性质 ═), took a 指标值 starting with ⩾ for one
without a sign, or read 「〉 %」 as a target with words. 〈 and 〉 are also a title's brackets: 「〈说明〉」
stays words.
"""

from __future__ import annotations

import pytest
from test_import_layout import draft_of, grid
from test_import_targets import MOF, MOF_MERGES, one

from perfsite.importing.assemble import amount_in_words
from perfsite.importing.labels import no_figure
from perfsite.importing.tables import join_target
from perfsite.importing.target_form import _SIGN_CELL, _SIGNED
from perfsite.values import SIGN_CHARACTERS, SIGNS, Comparator, parse_value

LOOK_ALIKES = [(sign, comparator) for comparator, signs in SIGN_CHARACTERS.items() for sign in signs
               if sign not in "≥≤<>=＞＜＝≧≦"]
"""The signs the importers' own lists lacked before they were derived from SIGN_CHARACTERS."""


def test_every_sign_character_is_read_as_its_comparator() -> None:
    assert LOOK_ALIKES and set(SIGNS) >= {"═", "⩵", "⩾", "⩽", "〉", "〈", "﹥", "﹤", "﹦"}
    for comparator, signs in SIGN_CHARACTERS.items():
        for sign in signs:
            value = parse_value(f"{sign}90%")
            assert (value.is_number, value.comparator) == (True, comparator), sign


@pytest.mark.parametrize(("sign", "comparator"), LOOK_ALIKES)
def test_a_look_alike_in_the_sign_column_is_joined_to_the_target(sign: str, comparator: Comparator) -> None:
    """目标表: 「═ | 100 | %」 is the target ═100%, read as =; no 指标性质 is left beside it."""
    rows = [list(r) for r in MOF]
    rows[10][3] = sign
    table = one(grid(rows, MOF_MERGES))
    first = table.data["indicators"][0]
    assert first["target"] == f"{sign}1200人" and "nature" not in first
    assert parse_value(first["target"]).comparator is comparator
    assert _SIGN_CELL.match(sign) and _SIGNED.match(f"{sign}1200人")


@pytest.mark.parametrize(("sign", "comparator"), LOOK_ALIKES)
def test_a_self_evaluation_s_sign_column_joins_a_look_alike_once(sign: str, comparator: Comparator) -> None:
    """自评表 with 指标性质 | 指标值 | 度量单位 under 年度指标值: the look-alike joins the figure, and a target
    that starts with a look-alike already gets no second sign."""
    values = {"sign": sign, "target": "90", "measure": "%"}
    join_target(values)
    assert values == {"target": f"{sign}90%"}
    values = {"sign": "≥", "target": f"{sign}90%"}
    join_target(values)
    assert values == {"target": f"{sign}90%"}


def test_a_title_in_angle_brackets_is_no_sign() -> None:
    assert not _SIGNED.match("〈说明〉") and _SIGNED.match("〈90%")
    assert str(amount_in_words("中央资金〈少数民族发展任务〉50", "万元")[0]) == "50"
    assert amount_in_words("补助资金⩽50", "万元")[0] is None  # a bound, not the amount
    assert amount_in_words("补助资金〉50", "万元")[0] is None


@pytest.mark.parametrize("text", ["═%", "⩾ 公里", "〉%", "⩽万元"])
def test_a_look_alike_sign_and_a_unit_alone_name_no_target(text: str) -> None:
    assert no_figure(text)


def test_a_self_evaluation_names_a_target_that_is_only_a_unit() -> None:
    """自评表: 「公里」 as 指标值 (the template's cell left unfilled) is said, as the 目标表 reader says it."""
    draft, _ = draft_of(grid([
        ["项目名称", "示例项目（2021年度）", "", "", ""],
        ["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["新建道路长度", "公里", "12公里", "50", "50"],
        ["受益人数", "≥100人", "120人", "50", "50"],
    ]))
    said = [n for n in draft.notes if "新建道路长度" in n and "只有符号或单位" in n]
    assert len(said) == 1 and "第3行第2列" in said[0], draft.notes
    assert not [n for n in draft.notes if "受益人数" in n and "只有符号或单位" in n]
