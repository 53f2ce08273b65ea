"""The programme page's first sentence calls a grade published only where the form published
one; a grade this site computed (no total published, or a total without a grade) says so."""

from __future__ import annotations

from perfsite.site.programme_page import summary_sentence


def _head(source: str, grade: str | None, computed_grade: str | None) -> dict[str, object]:
    return {"headline": {"source": source, "grade": grade, "computed_grade": computed_grade}}


def test_a_published_grade_is_called_published():
    assert summary_sentence(_head("published", "优", "良")) == "公布的评价等级为「优」。"


def test_a_computed_grade_is_never_called_published():
    # no total published: the headline's grade is the computed one
    assert summary_sentence(_head("computed", "优", "优")) == "按本站复算评为「优」。"
    # a total published without a grade
    assert summary_sentence(_head("published", None, "良")) == "按本站复算评为「良」。"


def test_no_grade_no_clause():
    assert summary_sentence(_head("computed", None, None)) == ""


def _reached(scored: int, hit: int, statuses: list[str]) -> dict[str, object]:
    return {"reached": {"reached": hit, "scored": scored}, "indicators": [{"status": s} for s in statuses]}


def test_scores_taken_as_published_are_named_not_left_to_read_as_missed():
    """A row whose published score was taken as it stands counts as not reached (docs/json.md): the
    sentence says how many, else 「10 项中 7 项达到目标」 reads as three missed where two were."""
    rows = ["match"] * 7 + ["mismatch", "match", "not_recomputed"]
    assert summary_sentence(_reached(10, 7, rows)) == "10 项指标中 7 项达到目标、1 项按公布得分计未作判断。"
    assert summary_sentence(_reached(10, 8, ["match"] * 10)) == "10 项指标中 8 项达到目标。"
