"""差额扣分 (rule shortfall) short on the side the target's sign says: below ≥ and ＞, above ≤ and ＜,
and an actual exactly at a strict target one step short, as 达到目标 counts it not met."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_rules import run

D = Decimal

RULE = {"type": "shortfall", "step": "1人", "per": 2}


def test_shortfall_exactly_at_a_strict_target_is_one_step_short():
    """＞100人 and 100人: not reached (达到目标 says so); was full marks 10.00."""
    out = run(10, "＞100人", "100人", RULE)
    assert (out.score, out.met) == (D("8.00"), False)
    assert "恰好等于目标「＞100人」，未达到" in out.explanation and "不足一档按一档" in out.explanation


def test_shortfall_beyond_a_strict_target_is_full_marks():
    assert run(10, "＞100人", "101人", RULE).score == D("10.00")


@pytest.mark.parametrize(("actual", "score", "met"), [
    ("3天", "10.00", True),   # under a cap: met (was 10 − 2×2 = 6.00)
    ("5天", "10.00", True),
    ("7天", "6.00", False),   # 2 days over (was full marks)
    ("12天", "0.00", False),  # past zero_below on the bad side
])
def test_shortfall_at_a_lower_is_better_target_counts_the_excess(actual, score, met):
    out = run(10, "≤5天", actual, {"type": "shortfall", "step": "1天", "per": 2, "zero_below": "10天"})
    assert (out.score, out.met) == (D(score), met)


def test_shortfall_exactly_at_a_strict_cap_is_one_step_short():
    out = run(10, "＜5天", "5天", {"type": "shortfall", "step": "1天", "per": 2})
    assert (out.score, out.met) == (D("8.00"), False)


def test_shortfall_at_a_zero_target_counts_each_step_over():
    """＝0 起 and 2 起: two steps over, 10 − 2×2 (was one step: the gap came out negative)."""
    out = run(10, "=0起", "2起", {"type": "shortfall", "step": "1起", "per": 2})
    assert (out.score, out.met) == (D("6.00"), False)
