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
