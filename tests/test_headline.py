"""perfsite.headline: the sentence under the published total says what the recomputation found,
item by item, not only whether the totals agree."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from core_helpers import core_minimal_programme, scored

from perfsite.headline import headline
from perfsite.pagedata import year_entry
from perfsite.record import make_record
from perfsite.rules import Status
from perfsite.site.shell import render_programme
from perfsite.siteconfig import SiteConfig


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


def test_a_matching_total_with_matching_items_says_so(tmp_path: Path) -> None:
    head = headline(scored(_programme(tmp_path, ("54", "40"), "94"), tmp_path))
    assert head.verdict == Status.MATCH and head.sentence.endswith("结果与公布得分一致。")


def test_a_matching_total_made_of_differing_items_names_them(tmp_path: Path) -> None:
    """55 + 39 published against 54 + 40 recomputed: the totals agree, the items do not."""
    head = headline(scored(_programme(tmp_path, ("55", "39"), "94"), tmp_path))
    assert head.verdict == Status.DISCREPANCY and head.score == head.computed == "94.00"
    assert "结果与公布得分一致" not in head.sentence and "差异相互抵消" in head.sentence
    assert "「完成数量」（公布 55，复算 54.00）" in head.sentence and "「满意度」（公布 39，复算 40.00）" in head.sentence


def test_a_total_within_rounding_made_of_differing_items_is_a_discrepancy(tmp_path: Path) -> None:
    """55 + 39.05 published as 94.05 against 94.00: a rounding difference of the totals, but two items
    differ by a point each; the auditor's conclusion (不一致) is the verdict, not 舍入."""
    head = headline(scored(_programme(tmp_path, ("55", "39.05"), "94.05"), tmp_path))
    assert head.verdict == Status.DISCREPANCY and head.difference == "0.05"
    assert "相差 0.05 分，在舍入范围内" in head.sentence and "差异相互抵消" in head.sentence
    assert "属舍入差异" not in head.sentence


def test_the_badge_of_cancelling_items_does_not_say_the_recomputation_agrees(tmp_path: Path) -> None:
    """The page's badge under the score: never 「✓ 复算一致」 when items differ."""
    rec = make_record(scored(_programme(tmp_path, ("55", "39"), "94"), tmp_path))
    body = render_programme(rec, SiteConfig(), [year_entry(rec)])[2]
    badge = re.search(r'<p class="ps-verify[^"]*">(.*?)</p>', body)
    assert badge is not None and "ps-verify--discrepancy" in badge.group(0)
    assert "总分相符，分项复算不一致" in badge.group(1) and "✓" not in badge.group(1) and "复算一致" not in badge.group(1)


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
