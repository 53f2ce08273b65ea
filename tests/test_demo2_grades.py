"""A grade nobody published is said one way everywhere: 复算等级 on the 自评, 评价报告 and 部门整体
pages, 复算 beside it in lists (headline.grade_recomputed, one rule for every page and row)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import lxml.html

from perfsite.department import DepartmentDocument
from perfsite.documents import read_document
from perfsite.headline import grade_label, grade_recomputed, shown_grade
from perfsite.site.pages import Builder
from perfsite.siteconfig import SiteConfig

REPO = Path(__file__).resolve().parent.parent
SELF_EVALUATION = REPO / "data" / "2023" / "jiaoyu" / "bumen-zhengti-zipingbiao.yaml"
PUBLISHED = {"source": "published", "grade": "优秀", "computed_grade": "优"}
UNGRADED = {"source": "published", "grade": None, "computed_grade": "良"}
OURS = {"source": "computed", "grade": "良", "computed_grade": "良"}


def test_one_rule_names_the_grade_beside_every_headline() -> None:
    assert [(shown_grade(h), grade_label(h), grade_label(h, "评价等级"), grade_recomputed(h))
            for h in (PUBLISHED, UNGRADED, OURS)] == [
        ("优秀", "公布等级", "评价等级", False), ("良", "复算等级", "复算等级", True), ("良", "评价等级", "评价等级", False)]
    # nothing recomputed, nothing to call ours
    assert not grade_recomputed({"source": "published", "grade": None, "computed_grade": None})


def _department_page(tmp_path: Path, text: str) -> str:
    path = tmp_path / "2023" / "x" / "bumen.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    doc, _ = read_document(path, SiteConfig(), tmp_path)
    assert isinstance(doc, DepartmentDocument)
    [page] = [p for p in Builder(SiteConfig(), [], [doc]).run().pages if p.kind == "department"]
    return "".join(lxml.html.fromstring(f"<div>{page.html}</div>").xpath("string(//*[contains(@class, 'ps-grade')])").split())


def test_the_department_page_calls_a_grade_nobody_published_recomputed(tmp_path: Path) -> None:
    text = SELF_EVALUATION.read_text(encoding="utf-8")
    assert "reported: {score: 99.63, grade: 优秀}" in text
    assert _department_page(tmp_path / "a", text) == "公布等级：优秀"
    ungraded = text.replace("reported: {score: 99.63, grade: 优秀}", "reported: {score: 99.63}")
    assert _department_page(tmp_path / "b", ungraded) == "复算等级：优"


def _row(name: str, head: dict[str, Any]) -> dict[str, Any]:
    """A list row (pages.listing_row's shape) of a programme whose headline is `head`."""
    return {"url": f"projects/2023/{name}/", "year": 2023, "name": name, "department": "教育局", "region": "甲县",
            "evaluation": "单位自评", "score": "88.00" if head["source"] == "published" else "86.00",
            "grade": shown_grade(head), "grade_recomputed": grade_recomputed(head), "source": head["source"],
            "total": "86.00", "verdict": "rounding", "sample": False, "budget_wan": "100.00", "spent_wan": "90.00",
            "execution_rate": "90.00", "targets": None, "lowered": 0}


def test_a_listing_marks_a_grade_nobody_published_recomputed() -> None:
    rows = [_row("p", PUBLISHED), _row("u", UNGRADED), _row("c", OURS)]
    page = next(p for p in Builder(SiteConfig(), rows).run().pages if p.url == "years/2023/")
    cells = {}
    for tr in lxml.html.fromstring(f"<div>{page.html}</div>").xpath("//table[contains(@class, 'ps-list')]//tbody/tr"):
        name = tr.xpath("string(th/a/@href)").rstrip("/").rsplit("/", 1)[-1]
        cells[name] = "".join(tr.xpath("string(td[@data-label='等级'])").split())
    assert cells == {"p": "：优秀", "u": "：良复算", "c": "：良"}
    assert re.search("等级标“复算”的为原文未公布等级", page.html)
    # 项目查询's rows (perfsite.js, from projects/index.json's grade_recomputed) mark it too: so does its note
    search = next(p for p in Builder(SiteConfig(), rows).run().pages if p.url == "projects/")
    assert "得分：有公布总分的为公布得分" in search.html and "等级标“复算”" in search.html
