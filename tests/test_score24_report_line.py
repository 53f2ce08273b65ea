"""The 自评 page's verdict box states its 评价报告's score and grade (「评价报告 88.31 分·良」) and the
line comparing the two documents refers to them (「总分」 differs, the table is a link away): both
take them from one place, the report's side (its page's headline, report_compare.report_side), so
the box, the list mark and the comparison never give the report two scores or two grades."""

from __future__ import annotations

import re
from types import SimpleNamespace

from conftest_site import DATA

from perfsite.dataset import load_document
from perfsite.record import make_record, make_report_record
from perfsite.report_compare import compare, report_side, self_side
from perfsite.site.programme_page import cycle_facts
from perfsite.site.session import Loaded
from perfsite.site.shell import render_programme
from perfsite.siteconfig import SiteConfig


def _loaded(row: dict, side: dict | None) -> Loaded:
    report = SimpleNamespace(cycle=SimpleNamespace(rows=(row,)), side=side, document=row["url"], target=None,
                             department=None, listed=None)
    return Loaded(None, [{"url": "projects/2022/a/"}], [report])  # type: ignore[arg-type]


def test_a_report_s_score_and_grade_are_its_side_s() -> None:
    """A report that gives a grade (优) and no total: its page leads with the total recomputed from its
    table (79.50) and that total's grade, 中 (headline.shown_grade), and the comparison compares those;
    the box and the list mark said 优 beside them."""
    row = {"url": "projects/2022/a/evaluation/", "reported_total": "", "total": "79.50", "reported_grade": "优",
           "grade": "中"}
    side = {"url": row["url"], "score": "79.50", "grade": "中", "indicators": [], "evaluation": "第三方评价"}
    loaded = _loaded(row, side)
    assert loaded.report_marks() == {"projects/2022/a/": (row["url"], "中")}
    assert loaded.cycle_facts() == {}  # the rows are not marked yet: mark_cycle does that
    loaded.rows[0] |= {"report": row["url"], "report_grade": "中"}
    assert loaded.cycle_facts()["projects/2022/a/"]["report_score"] == "79.50"
    # without a scoring table there is no side: the row's own figures, as before
    bare = _loaded({**row, "total": "", "reported_total": "", "grade": ""}, None)
    assert bare.report_marks() == {"projects/2022/a/": (row["url"], "优")} and bare.report_sides() == {}


def test_the_page_states_the_report_s_score_once_and_the_comparison_refers_to_it() -> None:
    site = SiteConfig()
    folder = DATA / "2022" / "jiaoyu"
    own, _, _ = load_document(folder / "yingyang-gaishan.yaml", DATA, site, DATA)
    report, _, _ = load_document(folder / "yingyang-gaishan-pingjia.yaml", DATA, site, DATA)
    rec, rep = make_record(own), make_report_record(report, [])  # type: ignore[arg-type]
    side = report_side(rep)
    assert side is not None
    compared = compare(self_side(rec), side, site)
    row = {"url": rec.url, "report": rep.url, "report_grade": side["grade"]}
    body = render_programme(rec, site, [], cycle=cycle_facts(row, {rec.url: side["score"]}), compared=compared)[2]
    box = re.search(r'<p class="ps-verify-text ps-verify-cycle">(.*?)</p>', body)
    line = re.search(r'<p id="ps-vs-report"[^>]*>(.*?)</p>', body)
    assert box is not None and line is not None
    total, grade = compared["rows"][0], compared["rows"][1]
    assert re.sub(r"<[^>]+>", "", box[1]) == f"评价报告 {total['report']} 分·{grade['report']}" == "评价报告 88.31 分·良"
    said = re.sub(r"<[^>]+>", "", line[1])
    assert "（总分、" in said and total["report"] not in said and body.count(total["report"]) == 1
