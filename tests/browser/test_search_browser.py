"""The 全文检索 page (perfsite/assets/search.js on Pagefind's JS API) in headless chromium: a query
from ?q=, the status line, 显示更多结果, hostile names shown as text, axe, keyboard, phone width."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from conftest_site import Tab as SiteTab
from conftest_site import built_and_served, serve
from playwright.sync_api import expect

from perfsite.dataset import load_dataset
from perfsite.demo import write_demo

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WORD = "扶贫车间"
"""Only in the hostile programme's name: one result."""
HOSTILE_NAME = "<img src=x onerror=window.__pwned=1><mark>扶贫车间</mark>&amp;"
HOSTILE = f"""\
id: hostile-search
name: {HOSTILE_NAME!r}
year: 2024
department: '"><svg onload=window.__pwned=1>局'
region: 翼城县
evaluation: 部门评价
sections:
  项目概况: "<b onmouseover=window.__pwned=1>{WORD}</b> 建成 3 个。"
indicators:
  - level1: 产出指标
    level2: 数量指标
    name: "<img src=x onerror=alert(2)>"
    weight: 100
    target: "≥1个"
    actual: "1个"
    score: 100
reported: {{score: 100}}
"""


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 demo programmes (every name ends in 项目) and one hostile one."""
    root = tmp_path_factory.mktemp("search-ui")
    write_demo(40, root / "data", seed=3)
    (root / "data" / "2024" / "hostile").mkdir(parents=True)
    (root / "data" / "2024" / "hostile" / "hostile-search.yaml").write_text(HOSTILE, encoding="utf-8")
    return root / "data"


@pytest.fixture(scope="module")
def search_url(data: Path) -> Iterator[str]:
    """The site of `data` built with the full-text index (no open data: not needed here), served."""
    with built_and_served(data.parent / "out", data, PERFSITE_SEARCH="1", PERFSITE_OPENDATA="0") as url:
        yield url


class Tab(SiteTab):
    """A tab that searches."""

    def search(self, query: str) -> Any:
        self.page.goto(f"{self.base_url}search/?q={quote(query)}")
        expect(self.page.locator("#ps-ft-status")).to_contain_text("结果", timeout=15_000)
        return self.page


@pytest.fixture
def tab(browser: Any, search_url: str) -> Iterator[Tab]:
    opened = Tab(browser, search_url)
    yield opened
    opened.close()


def serious_violations(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} → {[n['target'] for n in v['nodes']][:5]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_a_linked_query_lists_programme_pages_with_their_year(tab: Tab, data: Path) -> None:
    word = "大气污染防治"
    expected = [f"{sp.programme.name}（{sp.programme.year}年度）" for sp in load_dataset(data).programmes
                if word in sp.programme.name]
    assert len(expected) >= 2, "the demo data has changed"
    page = tab.search(word)
    expect(page.locator("#ps-ft-q")).to_have_value(word)
    links = page.locator("#ps-ft-results li.ps-hit a")
    titles = links.all_text_contents()
    # Newest year first (search.js `ranked`: the demo's names are not whole words of Pagefind's
    # segmentation of this query, so no title match puts them above the rest), each programme named so found.
    years = [re.search(r"（(\d{4})年度）$", title)[1] for title in titles if re.search(r"（\d{4}年度）$", title)]
    assert years == sorted(years, reverse=True), titles
    assert set(expected) <= set(titles), titles
    for link in links.all():  # every programme page's title carries the year of its address
        path = urlsplit(link.get_attribute("href") or "").path
        if path.startswith("/projects/"):
            assert link.inner_text().endswith(f"（{path.split('/')[2]}年度）"), (path, link.inner_text())
    assert page.locator("#ps-ft-results li:first-child mark").count() >= 1  # the matched words
    # The byte budget: neither Pagefind's stock UI (134 KB) nor its Web Worker (41 KB) is fetched.
    assert not [u for u in tab.requests if "/pagefind/pagefind-" in u and ".json" not in u]
    links.first.click()
    expect(page.locator("h1").first).to_contain_text(titles[0].split("（")[0])


def test_the_status_line_announces_the_count(tab: Tab) -> None:
    page = tab.search(WORD)
    status = page.locator("#ps-ft-status")
    assert status.get_attribute("aria-live") == "polite"
    expect(status).to_have_text("找到 1 个结果")
    page.fill("#ps-ft-q", "项目")
    expect(status).to_have_text(re.compile(r"^找到 \d+ 个结果，显示前 10 个$"))
    assert parse_qs(urlsplit(page.url).query)["q"] == ["项目"]  # the address follows the typing
    page.fill("#ps-ft-q", WORD)
    expect(status).to_have_text("找到 1 个结果")
    expect(page.locator("#ps-ft-more")).to_be_hidden()
    page.fill("#ps-ft-q", "xyzzy龘")
    expect(status).to_have_text("没有找到与“xyzzy龘”相关的内容")
    expect(page.locator("#ps-ft-results li")).to_have_count(0)


def test_show_more_appends_the_next_ten_and_moves_focus_to_them(tab: Tab) -> None:
    page = tab.search("项目")  # every programme (41) and most prose pages
    status = page.locator("#ps-ft-status")
    results = page.locator("#ps-ft-results li")
    expect(results).to_have_count(10)
    total = int(re.fullmatch(r"找到 (\d+) 个结果，显示前 10 个", status.inner_text()).group(1))
    assert total > 41
    first = results.all_text_contents()
    page.get_by_role("button", name="显示更多结果").click()
    expect(results).to_have_count(20)
    assert results.all_text_contents()[:10] == first  # appended, not replaced
    expect(page.locator("#ps-ft-results li:nth-child(11) a")).to_be_focused()
    expect(status).to_have_text(f"找到 {total} 个结果，显示前 20 个")
    for shown in range(30, total + 10, 10):
        page.click("#ps-ft-more")
        expect(results).to_have_count(min(shown, total))
    expect(page.locator("#ps-ft-more")).to_be_hidden()
    expect(status).to_have_text(f"找到 {total} 个结果")  # the count announced is the count listed
    hrefs = [a.get_attribute("href") for a in page.locator("#ps-ft-results a").all()]
    assert len(set(hrefs)) == total


def test_a_hostile_name_shows_as_text_never_as_markup(tab: Tab) -> None:
    page = tab.search(WORD)
    hit = page.locator("#ps-ft-results li.ps-hit")
    expect(hit).to_have_count(1)
    title = hit.locator("a")
    expect(title).to_have_text(f"{HOSTILE_NAME}（2024年度）")
    assert (title.get_attribute("href") or "").endswith("/projects/2024/hostile-search/")
    # The markup in the data is text: no element came from it, only our <mark> around the word.
    assert page.locator("#ps-ft-results img, #ps-ft-results svg, #ps-ft-results b").count() == 0
    excerpt = hit.locator(".ps-hit-excerpt").inner_text()
    assert "<mark>扶贫车间</mark>&（2024年度）" in excerpt and '"><svg onload=' in excerpt  # decoded, as text
    assert "".join(hit.locator("mark").all_text_contents()) == WORD  # Pagefind marks 扶贫, 车间
    page.evaluate("""() => document.querySelectorAll('#ps-ft-results *').forEach(el =>
        ['mouseover', 'error', 'load', 'focus'].forEach(t => el.dispatchEvent(new Event(t))))""")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert not [u for u in tab.requests if u.rstrip("/").endswith("/x")]


def test_the_form_is_labelled_and_keyboard_usable(tab: Tab) -> None:
    page = tab.page
    page.goto(f"{tab.base_url}search/")
    form = page.get_by_role("search", name="全文检索")
    expect(form).to_be_visible()
    box = page.get_by_label("检索词")
    expect(box).to_be_visible()
    expect(page.locator("#ps-ft-status")).to_be_empty()
    box.focus()
    page.keyboard.type(WORD)
    page.keyboard.press("Enter")
    expect(page.locator("#ps-ft-status")).to_have_text("找到 1 个结果")
    page.keyboard.press("Tab")  # the 检索 button
    page.keyboard.press("Tab")  # the result
    expect(page.locator("#ps-ft-results a")).to_be_focused()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), outline
    page.keyboard.press("Enter")
    page.wait_for_url("**/projects/2024/hostile-search/")


def test_works_under_a_sub_path(browser: Any, data: Path) -> None:
    """The site published at /jxgk/: Pagefind's files and the result links are found under it."""
    holder = data.parent / "sub"
    holder.mkdir(exist_ok=True)
    if not (holder / "jxgk").exists():
        (holder / "jxgk").symlink_to(data.parent / "out", target_is_directory=True)
    with serve(holder) as url:
        opened = Tab(browser, url)
        failed: list[str] = []
        opened.page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        try:
            opened.base_url = url + "jxgk/"
            page = opened.search(WORD)
            expect(page.locator("#ps-ft-status")).to_have_text("找到 1 个结果")
            href = page.locator("#ps-ft-results a").get_attribute("href") or ""
            assert urlsplit(href).path == "/jxgk/projects/2024/hostile-search/"
            assert not failed, failed
        finally:
            opened.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_results_pass_axe_and_fit_the_width(browser: Any, search_url: str, width: int) -> None:
    opened = Tab(browser, search_url, width)
    try:
        page = opened.search("项目")
        expect(page.locator("#ps-ft-more")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert not serious_violations(page)
    finally:
        opened.close()


def test_without_javascript_the_page_says_what_to_use(browser: Any, search_url: str) -> None:
    opened = Tab(browser, search_url, java_script_enabled=False)
    try:
        opened.page.goto(f"{search_url}search/?q=项目")
        expect(opened.page.locator("#ps-fulltext")).to_be_hidden()
        # (chromium parses <noscript> as with scripting on even when the context disables it)
        assert "全文检索需要启用 JavaScript" in (opened.page.locator(".ps-search noscript").text_content() or "")
        assert not [u for u in opened.requests if "/pagefind/" in u]
    finally:
        opened.close()


def test_pages_for_publishers_are_not_searched(tab: Tab, data: Path) -> None:
    """The data format, JSON and open-data pages are for staff (the import, operation and performance
    pages are not built at all: tests/test_site5b_docs.py): a word only they hold finds nothing, a word
    of the public method page finds it."""
    tab.page.goto(f"{tab.base_url}search/?q=libyaml")  # a word of the data format page only
    expect(tab.page.locator("#ps-ft-status")).to_have_text("没有找到与“libyaml”相关的内容", timeout=15_000)
    out = data.parent / "out"
    for staff in ("data-format", "json", "opendata"):
        html = (out / staff / "index.html").read_text(encoding="utf-8")
        assert "data-pagefind-body" not in html, staff
        assert "发布人员参考" in html, staff
    assert "data-pagefind-body" in (out / "method" / "index.html").read_text(encoding="utf-8")
