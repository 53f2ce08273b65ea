"""The badge under a published total that agrees says what does not: 等级不符 where only the
published grade is wrong, not 分项复算不一致 of items that all agree."""

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


def _programme(tmp_path: Path, reported: dict[str, object], first_score: str = "60") -> Path:
    """The minimal programme (60 + 40, both met: 100.00 优) with its published total and grade."""
    data = core_minimal_programme(reported=reported)
    data["indicators"][0]["score"] = first_score  # type: ignore[index]
    path = tmp_path / "2021" / "x" / "p.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _badge(tmp_path: Path, reported: dict[str, object], first_score: str = "60") -> str:
    rec = make_record(scored(_programme(tmp_path, reported, first_score), tmp_path))
    found = re.search(r'<p class="ps-verify[^"]*">(.*?)</p>', render_programme(rec, SiteConfig(), [year_entry(rec)])[2])
    assert found is not None
    return found.group(0)


def test_a_wrong_grade_beside_an_agreeing_total_and_items_is_named_in_the_badge(tmp_path: Path) -> None:
    """100 published as 良: every row and the total agree, the grade does not."""
    badge = _badge(tmp_path, {"score": 100, "grade": "良"})
    assert "ps-verify--discrepancy" in badge and "总分相符，等级不符" in badge
    assert "分项复算不一致" not in badge and "复算一致" not in badge
    head = headline(scored(_programme(tmp_path / "h", {"score": 100, "grade": "良"}), tmp_path / "h"))
    assert (head.verdict, head.as_dict()["mismatch"]) == (Status.DISCREPANCY, "等级不符")


def test_items_that_differ_and_a_wrong_grade_are_both_named(tmp_path: Path) -> None:
    """55 + 39 published as 94 良 against 54 + 40 (9 of ≥10 个): the totals agree, two items differ
    and cancel, and 94 earns 优: both said."""
    data = core_minimal_programme(reported={"score": 94, "grade": "良"})
    data["indicators"][0].update(actual="9个", score=55)  # type: ignore[index]
    data["indicators"][1]["score"] = 39  # type: ignore[index]
    path = tmp_path / "2021" / "x" / "p.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    head = headline(scored(path, tmp_path))
    assert head.mismatch == "分项复算不一致，等级不符" and "差异相互抵消。另外，公布的等级「良」" in head.sentence


def test_a_file_where_nothing_is_wrong_keeps_its_headline_keys(tmp_path: Path) -> None:
    head = headline(scored(_programme(tmp_path, {"score": 100, "grade": "优"}), tmp_path))
    assert head.verdict == Status.MATCH and "mismatch" not in head.as_dict()
    assert set(head.as_dict()) == {"source", "score", "grade", "verdict", "computed", "computed_grade", "difference",
                                   "sentence", "verdict_label"}
