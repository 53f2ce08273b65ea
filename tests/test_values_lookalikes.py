"""Look-alike signs clerks type for = ≥ ≤ > <: ``═100%`` (U+2550, box drawing, as 永德 writes it),
``⩵`` (U+2A75), ``⩾ ⩽`` (U+2A7E, U+2A7D, the slanted forms of math fonts), ``〉 〈`` (U+3009,
U+3008, CJK angle brackets), besides the printed ``＝ ﹦ ≧ ≦ ＞ ＜``. Each is its sign when a 自评
is scored and when its target is compared with the 绩效目标表's (docs/data-format.md: 比较符号)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_harden_lifecycle import L2, evaluation_of, table_of

from perfsite.reader import read_programme
from perfsite.rules import RuleType
from perfsite.scoring import score_programme
from perfsite.siteconfig import SiteConfig
from perfsite.targets_compare import Change, compare_targets, target_move
from perfsite.values import PERCENT, Comparator, Figure, Kind, comparator_word, parse_value, target_value

LOOKALIKES = [("═", Comparator.EQ), ("⩵", Comparator.EQ), ("⩾", Comparator.GE), ("⩽", Comparator.LE),
              ("〉", Comparator.GT), ("〈", Comparator.LT)]


@pytest.mark.parametrize(("sign", "comparator"), LOOKALIKES)
def test_a_lookalike_sign_reads_as_the_sign(sign, comparator):
    for read in (parse_value, target_value):
        value = read(f"{sign}80%")
        assert (value.kind, value.comparator, value.figures) == (Kind.NUMBER, comparator, (Figure(Decimal(80), PERCENT),))
    assert comparator_word(sign) is comparator  # a 绩效目标表's 指标性质 column


@pytest.mark.parametrize(("target", "actual", "completion"), [
    ("═100%", "100%", Decimal("100.00")),  # 永德's = 100%
    ("═100%", "95%", Decimal("95.00")),
    ("⩾90%", "99%", Decimal("110.00")),
    ("⩽5天", "4天", Decimal("125.00")),  # lower is better
])
def test_a_target_under_a_lookalike_sign_is_scored_as_a_figure_not_judged(tmp_path, core_write, target, actual,
                                                                          completion):
    path = core_write(tmp_path / "p.yaml", {"name": "项目", "year": 2022, "department": "局", "indicators": [
        {"level1": "产出指标", "level2": L2, "name": "指标", "weight": 100, "target": target, "actual": actual}]})
    programme, problems = read_programme(path, SiteConfig(), tmp_path)
    assert programme is not None
    [row] = score_programme(programme, SiteConfig(), problems).indicators
    assert row.outcome.rule is not RuleType.JUDGED, row.outcome.explanation
    assert row.outcome.completion == completion, row.outcome.explanation


@pytest.mark.parametrize(("planned", "restated", "expected"), [
    ("=100%", "═100%", Change.UNCHANGED),
    ("≥100%", "═100%", Change.UNCHANGED),  # = 100% is met as ≥ 100% is
    ("≥98%", "⩾95%", Change.LOWERED),
    ("≤5天", "⩽7天", Change.LOWERED),
    (">90%", "〉95%", Change.RAISED),
    ("<3天", "〈5天", Change.LOWERED),
])
def test_a_lookalike_sign_is_compared_as_its_sign(tmp_path, planned, restated, expected):
    [row] = compare_targets(table_of(tmp_path, [{"name": "指标", "target": planned}]), evaluation_of([(L2, "指标", restated)]))
    assert (row.change, row.undecided) == (expected, False), row.note
    assert target_move(planned, restated)[0] is expected
