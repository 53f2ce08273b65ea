"""Every link of a small built site resolves to a file the build wrote, on the pages of each
programme document kind (自评, 绩效目标表, 评价报告, 整改), the department pages, the listings and
the search page; a 整改 filed without its 自评 (or with only its 评价报告) names its source in plain
text; a report's original is saved under its Chinese title; full-text search finds a 整改's words
on the programme's own 整改 page. One build, with the full-text index, of two folders of the seed
data and two programmes made for these cases (~3 CPU s)."""

from __future__ import annotations

import gzip
import html
import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest_site import build_or_fail

REPO = Path(__file__).resolve().parent.parent
ALONE = "projects/2022/zhenggai-alone/rectification/"
"""A 整改 with neither 自评 nor 评价报告 (`perfsite check` warns; the page is still published)."""
REPORTED = "projects/2022/baogao-only/rectification/"
"""A 整改 whose programme-year has a 评价报告 and no 自评."""
LINK = re.compile(r'(?:href|src)="([^"]*)"')


def _orphan(source: Path, target: Path, ident: str, name: str) -> None:
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^id: .*$", f"id: {ident}", text)
    text = re.sub(r"(?m)^name: .*$", f"name: {name}", text)
    target.write_text(re.sub(r"(?m)^series: .*\n", "", text), encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("links")
    data = tmp / "data"
    data.mkdir()
    shutil.copy(REPO / "data/site.yaml", data / "site.yaml")
    for folder in ("2022/jiaoyu", "2023/jiaoyu"):  # every kind, 整改 findings from both sources
        shutil.copytree(REPO / "data" / folder, data / folder)
    extra = data / "2022/extra"
    extra.mkdir()
    fixed = REPO / "data/2022/jiaoyu/yingyang-gaishan-zhenggai.yaml"  # findings from the 自评 and the report
    _orphan(fixed, extra / "alone-zhenggai.yaml", "zhenggai-alone", "单独整改项目")
    _orphan(fixed, extra / "baogao-zhenggai.yaml", "baogao-only", "只有报告的项目")
    report = REPO / "data/2022/jiaoyu/yingyang-gaishan-pingjia.yaml"
    _orphan(report, extra / "baogao-pingjia.yaml", "baogao-only", "只有报告的项目")
    shutil.copy(report.parent / "yingyang-gaishan-2022-pingjia.pdf", extra)
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1733356800")
    mp.setenv("PERFSITE_SEARCH", "1")
    try:
        return build_or_fail(tmp / "site", data)
    finally:
        mp.undo()


def _dead_links(site: Path) -> dict[str, list[str]]:
    """Links (href, src) of every page to a path below the site the build did not write; site-
    absolute ones (the 404 page's) are read below the site's base path."""
    base = re.search(r'href="(/[^"]*?)assets/stylesheets/', (site / "404.html").read_text(encoding="utf-8"))
    prefix = base[1] if base else "/"
    dead: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        for link in LINK.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(html.unescape(link))
            if parts.scheme or parts.netloc or not parts.path:
                continue
            path = unquote(parts.path)
            if path.startswith("/"):
                target = site / path[len(prefix):].lstrip("/") if path.startswith(prefix) else site / "\0"
            else:
                target = page.parent / path
            target = target.resolve()
            if not (target.is_file() or (target / "index.html").is_file()):
                dead.setdefault(str(page.relative_to(site)), []).append(link)
    return dead


def test_no_page_links_to_a_path_the_build_did_not_write(site: Path) -> None:
    pages = {str(p.relative_to(site).parent) + "/" for p in site.rglob("index.html")}
    for kind in ("projects/2022/yingyang-gaishan/", "projects/2022/yingyang-gaishan/targets/",
                 "projects/2022/yingyang-gaishan/evaluation/", "projects/2022/yingyang-gaishan/rectification/",
                 ALONE, REPORTED, "rectification/", "departments/", "projects/", "years/2023/"):
        assert kind in pages, kind  # the check covers each kind of page
    assert _dead_links(site) == {}


def _sources(site: Path, url: str) -> list[str]:
    text = (site / url / "index.html").read_text(encoding="utf-8")
    return re.findall(r'<p class="ps-note">来源：(.*?) · 状态', text)


def test_a_finding_links_its_source_only_where_the_page_is_published(site: Path) -> None:
    alone = _sources(site, ALONE)
    assert any(s.startswith("2022年度绩效自评") for s in alone) and not any("<a " in s for s in alone)
    reported = _sources(site, REPORTED)
    self_found = [s for s in reported if "绩效自评" in s]
    report_found = [s for s in reported if "评价报告" in s]
    assert self_found and not any("<a " in s for s in self_found)  # no 自评 page: plain text
    assert report_found and all('<a href="../evaluation/#ps-findings"' in s for s in report_found)
    linked = _sources(site, "projects/2022/yingyang-gaishan/rectification/")
    assert any(re.match(r'<a href="\.\./"[^>]*>2022年度绩效自评</a>', s) for s in linked)  # the 自评 is there: linked


def test_a_reports_original_is_saved_under_its_chinese_title(site: Path) -> None:
    text = (site / "projects/2023/yingyang-gaishan/evaluation/index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="(yingyang-gaishan-2023-pingjia\.docx)"[^>]* download="([^"]*)"', text)
    assert links and all(name == "义务教育阶段学生营养改善计划2023年度绩效评价报告.docx" for _, name in links)
    assert (site / "projects/2023/yingyang-gaishan/evaluation" / links[0][0]).is_file()  # the path stays ASCII


def _indexed(site: Path) -> dict[str, str]:
    """Every page Pagefind indexed (its fragments, every index): url → the text it holds."""
    found = {}
    for fragment in (site / "pagefind").rglob("*.pf_fragment"):
        raw = gzip.decompress(fragment.read_bytes())
        record = json.loads(raw[raw.index(b"{"):])
        found[record["url"]] = record["content"].replace("\u200b", "")  # Pagefind marks its word breaks
    return found


def test_search_finds_a_measures_words_on_its_programmes_own_page(site: Path) -> None:
    """Each programme document kind is found through its search stub; a 整改 measure's 责任单位
    and 佐证材料 are among its page's words (the site-wide 整改 list, a listing, is not indexed:
    it held every measure again and outranked the programme's own page)."""
    indexed = _indexed(site)
    for kind in ("", "targets/", "evaluation/", "rectification/"):
        assert f"/projects/2022/yingyang-gaishan/{kind}" in indexed, kind
    page = indexed["/projects/2022/yingyang-gaishan/rectification/"]
    assert "示例县教育局基建股" in page and "3所食堂竣工验收报告" in page
    assert "/rectification/" not in indexed
    assert "data-pagefind-body" not in (site / "rectification/index.html").read_text(encoding="utf-8")


def test_every_programme_document_page_marks_its_body_for_search(site: Path) -> None:
    """The published page of each kind marks the same part as worth indexing (an index made of the
    published pages, not of our stubs, then holds all four kinds, not the 自评 alone)."""
    for kind in ("", "targets/", "evaluation/", "rectification/"):
        text = (site / "projects/2022/yingyang-gaishan" / kind / "index.html").read_text(encoding="utf-8")
        assert text.count("data-pagefind-body") == 1, kind
