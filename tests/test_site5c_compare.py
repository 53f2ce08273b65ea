"""A 自评 and the 评价报告 of the same programme-year side by side (perfsite.report_compare): the
2022 学生营养改善计划's 自评 says 84.6% and 82% (88.38 良好), its report 90.1% and 86% (88.31 良);
both pages, and both twins, say so."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from conftest_site import DATA

from perfsite.dataset import load_document
from perfsite.kinds import DocumentKind
from perfsite.record import make_record, make_report_record
from perfsite.report_compare import _same, compare, report_side, self_side
from perfsite.site import build_site
from perfsite.site.report_page import render_report
from perfsite.site.shell import render_programme
from perfsite.site.workers import PageOf, RenderRequest, page_inputs
from perfsite.siteconfig import SiteConfig

FOLDER = DATA / "2022" / "jiaoyu"


def _records():
    site = SiteConfig()
    scored, _, _ = load_document(FOLDER / "yingyang-gaishan.yaml", DATA, site, DATA)
    report, _, _ = load_document(FOLDER / "yingyang-gaishan-pingjia.yaml", DATA, site, DATA)
    return make_record(scored), make_report_record(report, [])  # type: ignore[arg-type]


def _rows(compared):
    return {row["label"]: (row["self"], row["report"], row["differs"]) for row in compared["rows"]}


def test_the_nutrition_programme_s_self_evaluation_and_report_differ_where_they_do():
    rec, report = _records()
    compared = compare(self_side(rec), report_side(report), SiteConfig())
    rows = _rows(compared)
    assert rows["总分"] == ("88.38", "88.31", True)
    assert rows["等级"] == ("良好", "良", False)  # one grade in two words
    assert rows["学生体质健康达标率"] == ("84.6%", "90.1%", True)
    assert rows["学生及家长满意度"] == ("82%", "86%", True)
    assert rows["资金到位率"][2] is False
    # the report writes 一级 as 效益 where the 自评 writes 效益指标: matched by the 三级 name
    assert [r["path"] for r in compared["rows"] if r["label"] == "学生体质健康达标率"] == [["效益指标", "社会效益指标"]]
    assert compared["differing"] == sum(r[2] for r in rows.values()) == 4
    assert (compared["self_url"], compared["report_url"], compared["evaluation"]) == (rec.url, report.url, "第三方评价")


def test_a_number_in_the_same_unit_is_the_same_and_another_unit_is_not():
    assert _same("86%", "86.0%") and _same("1,200人", "1200人") and _same("达标", " 达标")
    assert not _same("86%", "86人") and not _same("86%", "86") and not _same("84.6%", "90.1%")


def test_both_pages_and_both_twins_show_the_same_table():
    rec, report = _records()
    compared = compare(self_side(rec), report_side(report), SiteConfig())
    _, _, body, _, twin, _ = render_report(report, SiteConfig(), frozenset(), compared=compared)
    _, _, own_body, _, own_data, _ = render_programme(rec, SiteConfig(), [], compared=compared)
    section = re.search(r'<section id="ps-vs-report".*?</section>', body, re.S)
    assert section is not None  # the report page: the table
    text = re.sub(r"<[^>]+>", "", section[0])
    assert "有 4 处说法不同" in text and "学生体质健康达标率84.6%90.1%⚠不同" in text.replace(" ", "")
    line = re.search(r'<p id="ps-vs-report"[^>]*>(.*?)</p>', own_body, re.S)
    assert line is not None  # the 自评 page: one line, linking the table
    assert re.sub(r"<[^>]+>", "", line[1]) == "⚠ 本页与第三方评价报告有 4 处说法不同（总分、3 项指标的实际值），见对照表。"
    assert '#ps-vs-report">对照表</a>' in line[0]
    assert twin["report_compared"] == own_data["report_compared"] == compared
    alone = render_report(report, SiteConfig(), frozenset())
    assert "ps-vs-report" not in alone[2] and "report_compared" not in alone[4]


def test_the_comparison_is_part_of_each_page_s_build_cache_key():
    rec, report = _records()
    side = report_side(report)
    own = PageOf(rec.url, rec.year, rec.id, rec.series, DocumentKind.SELF_EVALUATION, rec.department, rec.url)
    theirs = PageOf(report.url, report.year, report.id, None, DocumentKind.EVALUATION_REPORT, None, rec.url)
    plain = RenderRequest(None, SiteConfig(), {}, "", False, "", {})
    told = RenderRequest(None, SiteConfig(), {}, "", False, "", {}, reported={rec.url: side},
                         evaluations={report.url: ("d1", "x.yaml")})
    changed = RenderRequest(None, SiteConfig(), {}, "", False, "", {}, reported={rec.url: {**side, "score": "1"}},
                            evaluations={report.url: ("d2", "x.yaml")})
    for of in (own, theirs):
        keys = {page_inputs(of, "digest", request) for request in (plain, told, changed)}
        assert len(keys) == 3


def test_a_build_puts_the_comparison_on_both_pages(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(FOLDER, data / "2022" / "jiaoyu")
    shutil.copy(DATA / "site.yaml", data / "site.yaml")
    built = build_site(data)
    files, pages = built.files, {page.url: page.html for page in built.pages}
    base = "projects/2022/yingyang-gaishan/"
    own = json.loads(files[f"{base}yingyang-gaishan.json"])["report_compared"]
    theirs = json.loads(files[f"{base}evaluation/yingyang-gaishan.evaluation.json"])["report_compared"]
    assert own == theirs and own["differing"] == 4
    for page in (base, f"{base}evaluation/"):
        assert 'id="ps-vs-report"' in pages[page]


def test_the_rectification_quotes_the_self_evaluation_s_own_figure():
    text = (FOLDER / "yingyang-gaishan-zhenggai.yaml").read_text(encoding="utf-8")
    finding = text[text.index("indicator: 学生体质健康达标率"):].split("measures:")[0]
    assert "source: 自评" in text[text.index("indicator: 学生体质健康达标率") - 40:text.index("indicator: 学生体质健康达标率")]
    own = (FOLDER / "yingyang-gaishan.yaml").read_text(encoding="utf-8")
    actual = re.search(r'name: 学生体质健康达标率\n(?:    .*\n)*?    actual: "([^"]+)"', own)
    assert actual is not None and f"学生体质健康达标率{actual[1]}，" in finding
