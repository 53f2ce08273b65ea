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


def test_scores_taken_as_published_are_named_not_left_to_read_as_missed(tmp_path):
    """A row whose published score was taken unjudged counts as not reached (docs/json.md): the sentence
    says how many, else 「10 项中 7 项达到目标」 reads as three missed where two were. A strict edge not
    recomputed (100人 against ＞100人) was judged not reached and is not among them."""

    from perfsite.pagedata import programme_data
    from perfsite.reader import read_programme
    from perfsite.scoring import score_programme
    from perfsite.siteconfig import SiteConfig

    def sentence(rows: str) -> tuple[str, dict[str, int]]:
        path = tmp_path / "p.yaml"
        path.write_text("name: 甲项目\nyear: 2023\ndepartment: 甲局\nindicators:\n"
                        "  - {level1: 产出指标, name: 甲, weight: 50, target: '≥100人', actual: '100人', score: 50}\n"
                        + rows, encoding="utf-8")
        site = SiteConfig()
        prog, problems = read_programme(path, site)
        assert prog is not None
        data = programme_data(score_programme(prog, site, problems))
        return summary_sentence(data).split("，")[0], data["reached"]

    taken = "  - {level1: 产出指标, name: 乙, weight: 50, target: 严格执行, actual: 执行, score: 50, rule: reported}\n"
    assert sentence(taken) == ("2 项指标中 1 项达到目标、1 项按公布得分计未作判断",
                               {"reached": 1, "scored": 2, "unjudged": 1})
    strict = "  - {level1: 产出指标, name: 乙, weight: 50, target: '＞100人', actual: '100人', score: 50}\n"
    said, counts = sentence(strict)
    assert "unjudged" not in counts and said == "2 项指标中 1 项达到目标"
