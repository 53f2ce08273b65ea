"""perfsite.site.search: a small stub per programme with only the words worth finding, one
Pagefind index per year under the primary (prose) index, merged by the search page."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsite.site import search

DATA = {
    "year": 2024, "url": "projects/2024/roads/", "name": "农村公路<script>alert(1)</script>",
    "department": "交通运输局", "region": "翼城县", "evaluation": "单位自评", "evaluator": None,
    "grade": "良", "total": "85.50",
    "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "新建里程", "score": "9.00"},
                   {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "score": "8.00"}],
    "sections": [{"title": "项目概况", "html": "<p>修建通村公路 12 公里。</p>"}],
}


def test_a_stub_holds_the_words_worth_finding_and_the_year_in_its_title() -> None:
    stub = search.stub_html(DATA)
    assert "<h1>农村公路&lt;script&gt;alert(1)&lt;/script&gt;（2024年度）</h1>" in stub
    assert "<script>" not in stub
    assert "交通运输局" in stub and "翼城县" in stub and "评价等级：良" in stub
    assert stub.count("产出指标") == 1 and "新建里程" in stub and "养护里程" in stub
    assert "<h2>项目概况</h2><p>修建通村公路 12 公里。</p>" in stub
    assert "85.50" not in stub and "9.00" not in stub  # figures are for the tables, not for search
    assert f"<main {search.MARK}>" in stub


def test_stubs_go_in_their_years_folder_at_the_page_path(tmp_path: Path) -> None:
    search.write_stub(tmp_path, DATA)
    assert (tmp_path / "2024" / "projects" / "2024" / "roads" / "index.html").is_file()


def test_the_search_page_merges_the_years_newest_first() -> None:
    page = search.search_page(True, [2022, 2024, 2023, 2024])
    assert 'data-merge="../pagefind/2024/ ../pagefind/2023/ ../pagefind/2022/"' in page.html
    off = search.search_page(False, [2024])
    assert "PagefindUI" not in off.html and "项目查询" in off.html


@pytest.mark.parametrize(("value", "on"), [("1", True), ("0", False), ("no", False), ("true", True)])
def test_the_environment_switches_search(monkeypatch: pytest.MonkeyPatch, value: str, on: bool) -> None:
    monkeypatch.setenv("PERFSITE_SEARCH", value)
    assert search.enabled({"perfsite_search": not on}) is on


def test_build_index_writes_a_primary_and_one_index_per_year(tmp_path: Path) -> None:
    site, stubs = tmp_path / "site", tmp_path / "stubs"
    (site / "method").mkdir(parents=True)
    (site / "method" / "index.html").write_text(
        f'<html lang="zh-CN"><body><div {search.MARK}><h1>方法说明</h1><p>评分规则</p></div></body></html>',
        encoding="utf-8")
    (site / "projects").mkdir()
    (site / "unmarked.html").write_text("<html><body><p>导航</p></body></html>", encoding="utf-8")
    for year in (2023, 2024):
        search.write_stub(stubs, DATA | {"year": year, "url": f"projects/{year}/roads/"})
    search.build_index(site, stubs, [2023, 2024], jobs=2)
    primary = site / search.BUNDLE
    assert (primary / "pagefind-ui.js").is_file() and (primary / "pagefind-entry.json").is_file()
    assert list((stubs / search.PROSE).rglob("*.html")) == [stubs / search.PROSE / "method" / "index.html"]
    for year in (2023, 2024):
        bundle = site / search.year_bundle(year)
        assert (bundle / "pagefind-entry.json").is_file() and list((bundle / "fragment").iterdir())
        assert not list(bundle.glob("*.js")) and not list(bundle.glob("wasm.*"))  # the primary's are used
