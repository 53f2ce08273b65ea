"""The hand-written pages (方法说明, 数据下载, 关于 × 3) print who publishes them, their address and
the date the data is as of, with the same macros (print_head, page_meta) as every generated page;
data/site.yaml sets the publisher, site_url and data_date."""

from __future__ import annotations

import re

import pytest
from conftest_site import DATA

from perfsite.site import SiteBuild, build_site

ADDRESS = "https://example.gov.cn/jxgk/"
PAGES = ("method/", "downloads/", "contact/", "sitemap/", "privacy/")


@pytest.fixture(scope="module")
def built() -> SiteBuild:
    return build_site(DATA)


@pytest.mark.parametrize("path", PAGES)
def test_a_hand_written_page_prints_its_head_and_foot(built: SiteBuild, path: str) -> None:
    page = next(p for p in built.pages if p.url == path)
    head = re.search(r'<p class="ps-print-only">(.*?)</p>', page.html)
    assert head, path
    assert "示例县财政局" in re.sub(r"<[^>]+>", " ", head[1])
    assert page.html.count("数据截至") == (2 if path == "downloads/" else 1), path  # the foot; 数据下载 lists it too
    assert f'<p class="ps-pagemeta">数据截至 2026-11-01。本页网址：<span class="ps-url">{ADDRESS}{path}</span></p>' in page.html
    programme = next(p for p in built.pages if p.url == "projects/2022/yingyang-gaishan/")
    assert head[0] in programme.html  # the same head as a generated page's
