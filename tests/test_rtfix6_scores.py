"""Figures a reader re-does: a score beside a published one with more places is the exact score at
those places, shortfall's completion is 目标 ÷ 实际 below a cap as the ratio's is, and the working's
得分 = 权重 × 完成率 holds."""

from __future__ import annotations

from decimal import Decimal

from test_rtfix1_scoring import row, scored
from test_rules import run

from perfsite.record import make_record
from perfsite.rules import Status

D = Decimal


def test_a_score_beside_one_with_more_places_is_the_exact_score_at_them(tmp_path, core_write):
    """25 × 1/3 = 8.3333…: beside a published 8.33333 it is 8.33333 (was 8.33000, called 一致)."""
    sp = scored(tmp_path, core_write, row("三分之一", 25, "≥3人", "1人", score="8.33333"),
                row("B", 75, "≥1", "1", score=75))
    first = sp.indicators[0]
    assert first.status is Status.MATCH and first.score == D("8.33")
    assert make_record(sp).indicators[0].score == "8.33333"


def test_a_published_score_taken_as_it_stands_is_written_as_published(tmp_path, core_write):
    """Not recomputed: the published 8.33333 itself, not 8.33 with zeros (8.33000)."""
    sp = scored(tmp_path, core_write, row("约数", 25, "≥3人（约）", "1人", score="8.33333"),
                row("B", 75, "≥1", "1", score=75))
    assert sp.indicators[0].status is Status.NOT_RECOMPUTED
    assert make_record(sp).indicators[0].score == "8.33333"


def test_shortfall_completion_below_a_cap_is_target_over_actual():
    """≤5天 with 7天: 5 ÷ 7 = 71.43% (was 140.00%, and the unit's correct 71.43% flagged)."""
    rule = {"type": "shortfall", "step": "1天", "per": 2, "zero_below": "10天"}
    assert run(10, "≤5天", "7天", rule).completion == D("71.43")
    assert run(10, "≤5天", "12天", rule).completion == D("41.67")  # was 240.00% beside 0.00
    assert run(10, "≥100人", "90人", {"type": "shortfall", "step": "1人", "per": 1}).completion == D("90.00")


def test_shortfall_converts_units_of_one_measure():
    """≥60（分钟） with 1.5小时, step 10分钟: met (was 单位不可比 naming 小时 for the target)."""
    out = run(10, "≥60（分钟）", "1.5小时", {"type": "shortfall", "step": "10分钟", "per": 1})
    assert (out.score, out.completion) == (D("10.00"), D("150.00"))
    short = run(10, "≥2小时", "100分钟", {"type": "shortfall", "step": "10分钟", "per": 1})
    assert short.score == D("8.00")  # 20分钟 short: two steps


def test_the_working_holds_where_the_shown_completion_would_not():
    """15 × 98.495% = 14.77425 → 14.77; written 15 × 98.50% it would be 14.775 → 14.78."""
    out = run(15, "≥200人", "196.99人")
    assert out.score == D("14.77") and "得分 = 15 × 98.495% = 14.77" in out.explanation
    assert "得分 = 8 × 96.11% = 7.69" in run(8, "≥95%", "91.3%").explanation  # holds at 2 places: as before


def test_a_completion_with_no_finite_decimal_says_approximately():
    """10 × 0.5/11: 4.5454…% (no finite decimal) at 2 places is 4.55%, and 10 × 4.55% = 0.455 → 0.46,
    while the score is 0.4545… → 0.45: the working says ≈ (was「= 0.45」, which does not hold)."""
    out = run(10, "≥11", "0.5")
    assert out.score == D("0.45") and "得分 = 10 × 4.55% ≈ 0.45" in out.explanation


def test_shortfall_names_the_units_as_written_where_they_do_not_convert():
    out = run(10, "≥60（分钟）", "1.5小时", {"type": "shortfall", "step": "1人", "per": 1})
    assert out.score is None and any("「分钟」与「人」" in f[2] for f in out.findings)
