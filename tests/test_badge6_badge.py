"""The badge under a headline says what the verdict says, on each of the three pages that show one
(a programme's 自评, a 评价报告, a department's 自评): the words come from headline.verify_badge, not
from the page comparing the published and recomputed texts. 89.99999 published as 优 beside our
90.00 agrees within 0.01 and its grade does not: 「总分相符，等级不符」, as the sentence says."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import pytest
import yaml
from core_helpers import core_minimal_programme, scored

from perfsite.headline import headline
from perfsite.pagedata import year_entry
from perfsite.record import make_record
from perfsite.site.render import standard
from perfsite.site.shell import render_programme
from perfsite.siteconfig import SiteConfig

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


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("case", CASES)
def test_each_page_badge_says_the_verdict(tmp_path: Path, page: str, case: str) -> None:
    head = headline(scored(_path(tmp_path, case), tmp_path)).as_dict()
    rendered = standard().env.from_string(_verify_line(page)).render(h=head)
    assert _text(rendered) == CASES[case][3]
    assert f'ps-verify--{head["verdict"]}' in rendered


def test_the_programme_page_badge_and_sentence_agree_for_a_total_within_0_01(tmp_path: Path) -> None:
    rec = make_record(scored(_path(tmp_path, "grade_only"), tmp_path))
    body = render_programme(rec, SiteConfig(), [year_entry(rec)])[2]
    badge = re.search(r'<p class="ps-verify ps-verify--discrepancy">(.*?)</p>', body)
    assert badge is not None and _text(badge.group(1)) == "⚠ 总分相符，等级不符"
    assert "相差 0.00001" not in body and "总分与公布得分一致；但公布的等级「优」" in body


def test_no_page_compares_the_two_totals_itself() -> None:
    for page in PAGES:
        line = _verify_line(page)
        assert "verify_badge(h" in line and 'h["computed"]' not in line and "==" not in line
