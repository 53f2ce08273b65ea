"""The badge under a headline says what the verdict says, on each of the three pages that show one
(a programme's 自评, a 评价报告, a department's 自评): the words come from headline.verify_badge, not
from the page comparing the published and recomputed texts. 89.99999 published as 优 beside our
90.00 agrees within 0.01 and its grade does not: 「总分相符，等级不符」, as the sentence says."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial
from importlib.resources import files
from pathlib import Path

import pytest
import yaml
from core_helpers import core_minimal_programme, scored

from perfsite.documents import read_document
from perfsite.headline import Badge, headline, verify_badge
from perfsite.pagedata import year_entry
from perfsite.record import make_record, make_report_record
from perfsite.reports import EvaluationReport
from perfsite.site.department_page import department_twin, department_years, page_context
from perfsite.site.listing_rows import programme_rows
from perfsite.site.render import bar, grade_classifier, standard
from perfsite.site.report_page import render_report
from perfsite.site.shell import render_programme
from perfsite.siteconfig import SiteConfig

SEEDS = Path(__file__).resolve().parent.parent / "data"

PAGES = ("programme.html", "evaluation.html", "department.html")
CASES = {
    # published total and grade, the first row's target and published score → the badge's text
    "grade_only": ({"score": "89.99999", "grade": "优"}, "≥12个", 50, "⚠ 总分相符，等级不符"),
    "match": ({"score": 100, "grade": "优"}, "≥10个", 60, "✓ 复算一致"),
    "total": ({"score": 95, "grade": "优"}, "≥10个", 60, "⚠ 复算 100.00（相差 5）"),
}


def _path(tmp_path: Path, case: str) -> Path:
    reported, target, first_score, _ = CASES[case]
    data = core_minimal_programme(reported=reported)
    data["indicators"][0].update(target=target, score=first_score)  # type: ignore[index]
    path = tmp_path / "2021" / "x" / "p.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _verify_line(page: str) -> str:
    """The page's badge line as the template writes it (one line: the pages keep it so)."""
    text = files("perfsite").joinpath("templates", page).read_text(encoding="utf-8")
    found = [line for line in text.splitlines() if 'class="ps-verify ps-verify--' in line]
    assert len(found) == 1
    return found[0]


def _text(html_text: str) -> str:
    return re.sub(r"<[^>]+>", "", html_text).strip()


def _programme_page(tmp_path: Path, case: str) -> str:
    rec = make_record(scored(_path(tmp_path, case), tmp_path))
    return render_programme(rec, SiteConfig(), [year_entry(rec)])[2]


def _evaluation_page(head: dict[str, object]) -> str:
    """The seed 评价报告 with the case's headline for its scoring table's."""
    doc, problems = read_document(SEEDS / "2022" / "jiaoyu" / "yingyang-gaishan-pingjia.yaml", SiteConfig(), SEEDS)
    assert isinstance(doc, EvaluationReport)
    rec = make_report_record(doc, list(problems.items))
    assert rec.table is not None
    return render_report(replace(rec, table=rec.table | {"headline": head}), SiteConfig(), frozenset())[2]


def _department_page(head: dict[str, object]) -> str:
    """The seed department-year with the case's headline for its 自评's."""
    folder = SEEDS / "2023" / "jiaoyu"
    documents = [read_document(folder / name, SiteConfig(), SEEDS)[0]
                 for name in ("bumen-zhengti-mubiaobiao.yaml", "bumen-zhengti-zipingbiao.yaml")]
    [entry] = department_years(documents, [])  # type: ignore[arg-type]
    twin = department_twin(entry, [])
    twin["self_evaluation"]["headline"] = head
    info = SiteConfig()
    rows = partial(programme_rows, page_url=twin["url"], grade_class=grade_classifier(info))
    return standard().render("department.html", twin["url"], site=info, grade_class=grade_classifier(info), bar=bar,
                             programme_rows=rows, title="", programmes=[], **page_context(twin), listing_url=None)


@pytest.mark.parametrize("case", CASES)
def test_each_page_badge_says_the_verdict(tmp_path: Path, case: str) -> None:
    head = headline(scored(_path(tmp_path / "h", case), tmp_path / "h")).as_dict()
    for body in (_programme_page(tmp_path, case), _evaluation_page(head), _department_page(head)):
        badges = re.findall(r'<p class="ps-verify ps-verify--(\w+)">(.*?)</p>', body)
        assert [(verdict, _text(words)) for verdict, words in badges] == [(head["verdict"], CASES[case][3])]
        assert head["sentence"] in body


def test_the_badge_and_sentence_agree_for_a_total_within_0_01(tmp_path: Path) -> None:
    body = _programme_page(tmp_path, "grade_only")
    assert "相差 0.00001" not in body and "总分与公布得分一致；但公布的等级「优」" in body


def test_no_page_compares_the_two_totals_itself() -> None:
    for page in PAGES:
        line = _verify_line(page)
        assert "verify_badge(h" in line and 'h["computed"]' not in line and "==" not in line


def test_the_badge_words_where_nothing_or_only_rounding_differs() -> None:
    rounding = {"verdict": "rounding", "computed": "99.25", "difference": "0.05", "score": "99.30"}
    assert verify_badge(rounding) == Badge("≈", "复算", "99.25", "（相差 0.05）")
    assert verify_badge({"verdict": "computed"}) == Badge(None, "原文未公布总分")
    assert verify_badge({"verdict": "computed"}, "报告未写总分") == Badge(None, "报告未写总分")
    assert verify_badge({"verdict": "none", "computed": "80.00"}) == Badge(None, "未能复算")
