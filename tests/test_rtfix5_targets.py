"""Targets written with a note after the figure (（含）, （投诉率）, （约）) read by the one reader of
a cell (values.parse_value, range_ends): exactly where the note says exactly, else no exact target."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_rtfix1_scoring import messages, row, scored

from perfsite.problems import Severity
from perfsite.rules import Status
from perfsite.values import Comparator, Figure, one_sided, parse_value

D = Decimal

@pytest.mark.parametrize(("text", "comparator", "figure"), [
    ("≥95%（含）", Comparator.GE, "95"),       # was unit 「%（含）」: 单位不可比 against 95%
    ("≥95%(含)", Comparator.GE, "95"),
    ("≤5%（投诉率）", Comparator.LE, "5"),       # a label: was unit 「%（投诉率）」
    ("≥95%（含95%）", Comparator.GE, "95"),     # was text: not recomputed
    ("95%以上（含95%）", Comparator.GE, "95"),
    ("90%（含）以上", Comparator.GE, "90"),
    ("≤5%（含本数）", Comparator.LE, "5"),
    ("≥95%（不含）", Comparator.GT, "95"),      # 不含: the figure itself does not reach it
    ("95%以上（不含95%）", Comparator.GT, "95"),
    ("不低于95%", Comparator.GE, "95"), ("不高于5%", Comparator.LE, "5"), ("≥ 95 %", Comparator.GE, "95"),
    ("95%以上", Comparator.GE, "95"), ("5%以内", Comparator.LE, "5"),
])
def test_a_note_that_says_exactly_is_read(text, comparator, figure):
    value = parse_value(text)
    assert value.is_number and value.comparator is comparator
    assert value.figures == (Figure(D(figure), "%"),) and value.text == text


def test_a_bare_number_sized_by_its_note_takes_it_as_its_unit():
    """``≥100（万元）`` is 100万元, not a bare 100 with a label (which would read as 100元 beside 98万元)."""
    assert parse_value("≥100（万元）").figures == (Figure(D(1_000_000), "元"),)
    assert parse_value("≥95（%）").figures == (Figure(D(95), "%"),)
    assert parse_value("≥100（人）").figures == (Figure(D(100), "人"),)  # a unit too (test_rtfix6_notes)
    assert parse_value("≥100（农村学校）").figures == (Figure(D(100), ""),)  # a label: the bare number takes the actual's unit
    assert parse_value("≥100（万元左右）").kind.value == "text"


@pytest.mark.parametrize("text", ["≥95%（约）", "≥95%（左右）", "≥90%（力争95%）", "≥90%（含95%）", "＞95%（含）",
                                  "95%（不含）", "≥90%（以上）", "≥95%（上年80%）"])
def test_a_note_that_hedges_or_contradicts_is_no_exact_target(text):
    assert parse_value(text).kind.value == "text"


def test_a_range_with_a_label_is_one_sided_and_a_hedged_one_is_not():
    assert one_sided("0-5%（投诉率）") == (Comparator.LE, (Figure(D(5), "%"),))
    assert one_sided("90%-100%（含）") == (Comparator.GE, (Figure(D(90), "%"),))
    assert one_sided("90%-100%（约）") is None and one_sided("0-5%（不含）") is None


@pytest.mark.parametrize(("target", "actual"), [
    ("≥95%（含）", "95%"), ("≤5%（投诉率）", "3%"), ("≥95%（含95%）", "95%"), ("0-5%（投诉率）", "5%"),
])
def test_a_noted_target_is_scored_and_met(tmp_path, core_write, target, actual):
    sp = scored(tmp_path, core_write, row("达标率", 30, target, actual, score=30), row("B", 70, "≥1", "1", score=70),
                reported={"score": 100, "grade": "优"})
    first = sp.indicators[0]
    assert (first.score, first.status, first.outcome.met) == (D("30.00"), Status.MATCH, True)
    assert not messages(sp, Severity.ERROR) and not messages(sp, Severity.WARNING)


def test_a_hedged_target_takes_the_published_score_with_the_reason(tmp_path, core_write):
    sp = scored(tmp_path, core_write, row("达标率", 30, "≥95%（约）", "96%", score=30), row("B", 70, "≥1", "1", score=70))
    first = sp.indicators[0]
    assert first.status is Status.NOT_RECOMPUTED and first.score == D(30)
    assert any("≥95%（约）" in m and "未重新计算" in m for m in messages(sp, Severity.WARNING))


def test_not_inclusive_at_the_figure_is_the_strict_edge(tmp_path, core_write):
    sp = scored(tmp_path, core_write, row("达标率", 30, "≥95%（不含）", "95%", score=30), row("B", 70, "≥1", "1", score=70))
    first = sp.indicators[0]
    assert first.status is Status.NOT_RECOMPUTED and first.outcome.met is False
