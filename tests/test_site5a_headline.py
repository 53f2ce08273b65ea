"""perfsite.headline where the totals agree and an item does not: 相互抵消 only where the published
items add up to the published total; where they do not, the published item is the error."""

from __future__ import annotations

from pathlib import Path

import yaml
from core_helpers import core_minimal_programme, scored

from perfsite.headline import headline
from perfsite.rules import Status


def _programme(tmp_path: Path, scores: tuple[str, str], total: str) -> Path:
    """The minimal programme with its first indicator short of target (9 of ≥10: 54.00 of 60)."""
    data = core_minimal_programme(reported={"score": total})
    data["indicators"][0]["actual"] = "9个"  # type: ignore[index]
    for indicator, score in zip(data["indicators"], scores, strict=True):  # type: ignore[arg-type]
        indicator["score"] = score
    path = tmp_path / "2021" / "x" / "p.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_one_wrong_item_beside_the_right_total_is_not_called_cancelling(tmp_path: Path) -> None:
    """55 + 40 published (95) beside a total of 94, recomputed 54 + 40 = 94: one item differs and
    nothing cancels; the published items do not add up to the published total."""
    head = headline(scored(_programme(tmp_path, ("55", "40"), "94"), tmp_path))
    assert head.verdict == Status.DISCREPANCY and head.mismatch == "分项复算不一致"
    assert "相互抵消" not in head.sentence
    assert "「完成数量」（公布 55，复算 54.00）" in head.sentence
    assert "公布的分项得分之和为 95，与公布总分 94.00 不符；按复算的分项得分相加与公布总分一致。" in head.sentence


def test_items_that_do_cancel_are_still_said_to(tmp_path: Path) -> None:
    head = headline(scored(_programme(tmp_path, ("55", "39"), "94"), tmp_path))
    assert head.sentence.endswith("差异相互抵消。") and "分项得分之和" not in head.sentence
