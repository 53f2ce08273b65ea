"""The 自评 page's table of contents lists its line beside the 评价报告 (#ps-vs-report) when the
programme-year has a report, as it lists every other part of the page, and no such entry when not."""

from __future__ import annotations

import re

from conftest_site import DATA

from perfsite.dataset import load_document
from perfsite.record import make_record, make_report_record
from perfsite.report_compare import compare, report_side, self_side
from perfsite.site.shell import render_programme
from perfsite.siteconfig import SiteConfig

FOLDER = DATA / "2022" / "jiaoyu"


def _toc(body: str) -> list[tuple[str, str]]:
    nav = re.search(r'<nav class="ps-toc" aria-label="本页目录">(.*?)</nav>', body, re.S)
    assert nav is not None
    return re.findall(r'<a href="([^"]*)">([^<]*)</a>', nav[1])


def test_the_table_of_contents_links_the_report_comparison_line_when_there_is_one() -> None:
    site = SiteConfig()
    scored, _, _ = load_document(FOLDER / "yingyang-gaishan.yaml", DATA, site, DATA)
    report, _, _ = load_document(FOLDER / "yingyang-gaishan-pingjia.yaml", DATA, site, DATA)
    rec = make_record(scored)
    compared = compare(self_side(rec), report_side(make_report_record(report, [])), site)  # type: ignore[arg-type]
    body = render_programme(rec, site, [], compared=compared)[2]
    toc = _toc(body)
    assert toc[0] == ("#ps-vs-report", "与评价报告对照")  # the line comes first on the page, before the toc
    assert 'id="ps-vs-report"' in body
    alone = render_programme(rec, site, [])[2]
    assert "#ps-vs-report" not in dict(_toc(alone)) and 'id="ps-vs-report"' not in alone
