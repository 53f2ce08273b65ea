"""A list row whose totals agree while the verdict is 不一致 (headline.mismatch): the total's own mark is
the one rule the headline reads (scoring.compare_printed), so a published 89.99999 beside our 90.00 is
✓ as on the programme page, not ≈."""

from __future__ import annotations

import pytest

from perfsite.rules import Status
from perfsite.site.listing_rows import VERDICT_MARK, verdict_mark


@pytest.mark.parametrize(("score", "total", "mark"), [("89.99999", "90.00", Status.MATCH), ("89.86", "89.86", Status.MATCH),
                                                      ("90", "89.60", Status.ROUNDING)])
def test_the_total_s_mark_follows_the_headline_rule(score: str, total: str, mark: Status) -> None:
    shown = verdict_mark({"verdict": "discrepancy", "mismatch": "等级不符", "score": score, "total": total})
    assert shown.startswith(VERDICT_MARK[mark]) and "⚠ 等级不符" in shown, shown
