"""A programme page is at most 40 KB of HTML (docs/performance.md), on the demo whose pages are
the heaviest: the whole cycle (--cycle: 绩效目标表, 评价报告, 整改) and series over four years.

The limit is on what the build writes, not on time: every reader of a page downloads all of it,
on a phone too. The page below a series' newest 自评 holds the series' 各年度指标对照 (one page
per series), so no year's page carries the whole table.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest_site import REPO, build_or_fail

from perfsite.site.shell import CONTENT_MARK, compact, fill_shell

PAGE_LIMIT = 40 * 1024
"""Bytes of HTML a programme page (and each document page below it) may weigh."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("weight")
    data = root / "data"
    subprocess.run([sys.executable, "-m", "perfsite", "demo", "--n", "300", "--cycle", "--out", str(data)],
                   cwd=REPO, check=True, capture_output=True)
    return build_or_fail(root / "site", data, PERFSITE_SEARCH="0", PERFSITE_BUILD_CACHE=str(root / "cache"),
                         SOURCE_DATE_EPOCH="1764900000")


def programme_pages(site: Path) -> dict[str, int]:
    """Every page under projects/<year>/<id>/ (the 自评 page and the pages below it): its size."""
    return {page.parent.relative_to(site).as_posix() + "/": page.stat().st_size
            for page in (site / "projects").glob("*/*/**/index.html")}


def test_the_heaviest_programme_page_is_at_most_40_kb(site: Path) -> None:
    pages = programme_pages(site)
    kinds = {re.sub(r"^projects/\d+/[^/]+/", "", url) for url in pages}
    assert {"", "targets/", "evaluation/", "rectification/", "years/"} <= kinds  # every kind of page was built
    heaviest = max(pages, key=pages.__getitem__)
    assert pages[heaviest] <= PAGE_LIMIT, f"{heaviest}: {pages[heaviest]} bytes"


def test_a_four_year_series_has_its_table_once(site: Path) -> None:
    """The demo has series over four years; each year's page links to the series' page, which
    has a row per indicator and a column per year."""
    series = sorted((site / "projects").glob("*/*/years/index.html"))
    assert series
    four = [page for page in series if len(re.findall(r'<th scope="col"><a href="[^"]+">\d{4}年度</a></th>',
                                                       page.read_text(encoding="utf-8"))) == 4]
    assert four, "no series over four years in the demo"
    page = four[0]
    text = page.read_text(encoding="utf-8")
    years = re.findall(r'<th scope="col"><a href="([^"]+)">\d{4}年度</a></th>', text)
    for link in years:
        year_page = (page.parent / link / "index.html").resolve()
        body = year_page.read_text(encoding="utf-8")
        assert 'id="ps-yearscompare"' in body and "<table class=\"ps-table ps-yearcompare" not in body
        back = re.search(r'<a href="([^"]+)">查看各年度全部', body)
        assert back is not None and (year_page.parent / back.group(1) / "index.html").resolve() == page.resolve()


def test_the_shell_is_compacted_but_not_inside_pre_script_or_textarea() -> None:
    shell = ('<html>\n  <head>\n    <script>var a = 1;\n    var b = "  x";</script>\n  </head>\n'
             '  <body>\n\n   <pre>  one\n    two</pre>  <a>甲</a>\n   <textarea>\n  t</textarea>\n</body></html>')
    assert compact(shell) == ('<html>\n<head>\n<script>var a = 1;\n    var b = "  x";</script>\n</head>\n'
                              '<body>\n<pre>  one\n    two</pre>  <a>甲</a>\n<textarea>\n  t</textarea>\n</body></html>')


def test_the_themes_config_keeps_its_json_with_chinese_as_characters() -> None:
    config = {"translations": {"clipboard.copy": "复制"}, "base": "../..", "odd": "\\u4e2d </script> \U0001f600"}
    encoded = json.dumps(config).replace("<", "\\u003c")  # as Material's tojson writes it
    shell = f'<p>x</p><script id="__config" type="application/json">{encoded}</script>{CONTENT_MARK}'
    page = fill_shell(shell, "projects/2023/p/", "t", "<p>正文</p>")
    found = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page)
    assert found is not None and json.loads(found.group(1)) == config
    assert "复制" in found.group(1) and "</script>" not in found.group(1)


def test_the_sitemap_lists_every_series_page(site: Path) -> None:
    listed = set(re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")))
    series = [page.parent.relative_to(site).as_posix() + "/" for page in (site / "projects").glob("*/*/years/index.html")]
    assert series and all(any(loc.endswith("/" + url) for loc in listed) for url in series)
