"""The 自评 page and the 404 page on a phone as a citizen reads them: where sections are laid out
and what the first screen holds, never pixels."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from test_looks_phone import phone_context

pytestmark = pytest.mark.browser

SECTIONS = """() => Object.fromEntries(['ps-budget', 'ps-ind', 'ps-vs-targets', 'ps-h-figures'].map(id => {
  const box = document.getElementById(id).getBoundingClientRect();
  return [id, [Math.round(box.top + scrollY), Math.round(box.height)]];
}))"""


def test_on_a_phone_the_score_and_money_come_before_the_targets_comparison(browser: Any, base_url: str,
                                                                          page: Any) -> None:
    """农村公路养护 (one target lowered) put its 13 与绩效目标对照 cards between the headline and the
    budget table at 390 px, some 2,000 px of them: the budget and the indicator results now come
    first and the comparison after them; on a desktop, as in print, every section still shows."""
    path = "projects/2023/nongcun-gonglu-yanghu/"
    context = phone_context(browser, 390, False, 900)
    try:
        tab = context.new_page()
        tab.goto(base_url + path)
        at = tab.evaluate(SECTIONS)
        cards = tab.locator("#ps-vs-targets tbody tr").count()
    finally:
        context.close()
    assert cards == 13
    assert at["ps-h-figures"][0] < at["ps-budget"][0] < at["ps-ind"][0] < at["ps-vs-targets"][0], at
    page.goto(base_url + path)
    assert all(page.locator(f"#{id}").is_visible() for id in ("ps-budget", "ps-ind", "ps-vs-targets"))
    assert page.locator("#ps-vs-targets tbody tr.ps-flagged td.ps-change--lowered").is_visible()
    toc = page.locator("nav.ps-toc a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert toc.index("#ps-ind") < toc.index("#ps-vs-targets")  # the contents in the page's order


def test_the_404_page_has_the_site_line_on_a_phone_and_on_paper(browser: Any, base_url: str, built_site: Path) -> None:
    """Every page names the site and leads home; the 404 page a broken link lands on had neither:
    on a phone no 首页 link (the header's logo is hidden there), on paper no site and publisher line,
    but a search box of no use on paper."""
    context = phone_context(browser, 390, False, 900)
    prefix = re.search(r'href="(/[^"]*?)assets/stylesheets/', (built_site / "404.html").read_text(encoding="utf-8"))[1]
    if prefix != "/":  # 404.html links its styles under the site_url's path, as deployed
        context.route(base_url.rstrip("/") + prefix + "**",
                      lambda route: route.continue_(url=route.request.url.replace(prefix, "/", 1)))
    try:
        tab = context.new_page()
        tab.goto(base_url + "404.html")
        crumbs = tab.locator("nav.ps-crumbs")
        assert crumbs.is_visible()
        home = crumbs.locator("a").first
        assert home.inner_text() == "首页" and home.get_attribute("href") in (prefix, prefix + ".")
        assert crumbs.bounding_box()["y"] < tab.locator("h1").bounding_box()["y"]
        tab.emulate_media(media="print")
        head = tab.locator(".ps-print-only")
        assert head.is_visible() and head.locator("span").all_inner_texts() == ["预算绩效信息公开", "示例县财政局"]
        assert not tab.locator(".ps-notfound-search").is_visible()
    finally:
        context.close()


def test_on_a_phone_a_reports_conclusion_comes_before_its_comparison_with_the_self_evaluation(
        browser: Any, base_url: str) -> None:
    """农村公路养护's 2023 评价报告 showed its 15 对照 cards (13 of them 相同) between the grade and
    the 报告原件, 评价结论 and 主要问题 at 390 px: the report's own words and scores now come first,
    and the header says that, and where, the two documents differ."""
    context = phone_context(browser, 390, False, 900)
    try:
        tab = context.new_page()
        tab.goto(base_url + "projects/2023/nongcun-gonglu-yanghu/evaluation/")
        tops = tab.evaluate("""() => Object.fromEntries(['ps-conclusion', 'ps-findings', 'ps-ind', 'ps-vs-report']
          .map(id => [id, Math.round(document.getElementById(id).getBoundingClientRect().top + scrollY)]))""")
        alert = tab.locator("header.ps-head .ps-alert--warn")
        said, link = alert.all_inner_texts(), alert.locator('a[href="#ps-vs-report"]').count()
    finally:
        context.close()
    assert tops["ps-conclusion"] < tops["ps-findings"] < tops["ps-ind"] < tops["ps-vs-report"], tops
    assert tops["ps-conclusion"] < 1800, tops  # on the second screen, not the fourth
    assert len(said) == 1 and said[0].startswith("⚠ 本报告与本年度的绩效自评有 2 处说法不同") and link == 1, said


CRUMBED = ["rectification/", "search/", "departments/示例县教育局/2023/", "contact/",
           "projects/2023/yingyang-gaishan/years/"]
"""The two pages that had no 首页 line, and three kinds that have one (a 部门整体 page, an about page,
a series' 各年度指标对照), as the pattern they now follow."""


def test_on_a_phone_search_and_rectification_lead_home_as_every_page_below_home_does(browser: Any, base_url: str) -> None:
    """On a phone the header shows the site's name but no way home (its logo is hidden at 390 px):
    the 全文检索 and site 整改情况 pages had no 首页 › line above their titles, as every other page has."""
    context = phone_context(browser, 390, False, 900)
    missing = []
    try:
        tab = context.new_page()
        for path in CRUMBED:
            tab.goto(base_url + path)
            found = tab.evaluate("""() => {
              const nav = document.querySelector('nav.ps-crumbs'), h1 = document.querySelector('.ps-page h1');
              if (!nav || !h1 || !nav.checkVisibility()) return null;
              const home = nav.querySelector('a');
              return [home.textContent, home.getAttribute('href'), nav.getBoundingClientRect().bottom <= h1.getBoundingClientRect().top];
            }""")
            if not found or found[0] != "首页" or not found[2] or not (base_url + path.rstrip("/")).startswith(
                    tab.evaluate("h => new URL(h, location.href).href", found[1]).rstrip("/")):
                missing.append((path, found))
    finally:
        context.close()
    assert not missing, missing


def test_on_a_phone_a_departments_money_comes_before_its_functions_and_tasks(browser: Any, base_url: str) -> None:
    """示例县教育局's 2023 部门整体 page showed 部门职能 and six 年度主要任务 cards, some 1,200 px at
    390 px, between its score and its 预算执行情况: the money now follows the score."""
    context = phone_context(browser, 390, False, 900)
    try:
        tab = context.new_page()
        tab.goto(base_url + "departments/示例县教育局/2023/")
        tops = tab.evaluate("""() => Object.fromEntries(['ps-execution', 'ps-functions', 'ps-tasks', 'ps-ind']
          .map(id => [id, Math.round(document.getElementById(id).getBoundingClientRect().top + scrollY)]))""")
    finally:
        context.close()
    assert tops["ps-execution"] < tops["ps-ind"] < tops["ps-functions"] < tops["ps-tasks"], tops
    assert tops["ps-execution"] < 1800, tops
