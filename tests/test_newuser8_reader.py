"""What a reader on a phone and a journalist without the docs meet first (a 390 px phone, the
home page, 项目查询): rendered from the templates alone, no site built."""

from __future__ import annotations

import re

from perfsite.report_compare import compare
from perfsite.siteconfig import SiteConfig


def _side(indicators, score="92", grade="优秀"):
    return {"url": "projects/2024/x/", "score": score, "grade": grade, "indicators": [list(i) for i in indicators]}


def test_the_report_comparison_is_one_card_a_row_on_a_phone_with_each_figure_labelled():
    """As a table at 390 px its figures' columns left the indicator's name one character a line
    (资/金/到/位/率) and pushed 对照 past the screen's edge: it is a card list there, each figure
    saying whose it is, as the programme lists are."""
    from perfsite.site.render import standard

    own = _side([("产出指标", "数量指标", "培训人数", "120人"), ("产出指标", "质量指标", "合格率", "98%")])
    report = _side([("产出", "数量指标", "培训人数", "110人"), ("产出", "质量指标", "合格率", "98%")], score="90")
    html = standard().env.from_string('{% include "_report_compare.html" %}').render(
        report_compared=compare(own, report, SiteConfig()), url=lambda u: "/" + u, compare_table=True)
    table = re.search(r'<table class="([^"]*)"', html)
    assert table and "ps-cards-sm" in table.group(1).split()
    cells = re.findall(r'<td class="ps-num"( data-label="[^"]*")?>([^<]*)</td>', html)
    assert cells and all(label for label, _ in cells)
    assert ' data-label="绩效自评">120人<' in html and ' data-label="评价报告">110人<' in html


def test_the_home_page_links_the_questions_the_search_box_cannot_answer_with_their_counts():
    """目标调低, 差, 复算不一致, 整改逾期 typed in the search box match no programme's name (0 of
    the seed site's 11 for 目标调低); the home page links each to its filtered 项目查询, counted
    as the 项目查询 counts (every year, samples too), and leaves out a question with no answer."""
    from perfsite.site.render import standard
    from perfsite.site.shortcuts import shortcuts

    rows = [{"lowered": 1, "grade": "差", "verdict": "match"}, {"lowered": 0, "grade": "差", "verdict": "discrepancy"},
            {"lowered": 2, "grade": "优", "verdict": "match", "overdue": False}]
    found = shortcuts(rows, ["优", "良", "中", "差"])
    assert found == [("目标调低的项目", "year=all&targets=has%2Flowered", 2),
                     ("评价等级为「差」的项目", "year=all&grade=%E5%B7%AE", 2),
                     ("复算与公布得分不一致的项目", "year=all&check=discrepancy", 1)]
    html = standard().env.get_template("home.html").render(
        url=lambda u: "/jxgk/" + u, page_url="", site=SiteConfig(), latest=None, years=[], count=3, shortcuts=found)
    assert '<a href="/jxgk/projects/?year=all&amp;targets=has%2Flowered">目标调低的项目（2 个）</a>' in html
    assert "整改逾期" not in html
    # a link longer than a 320 px line in 大字 breaks inside rather than widening the page (365 px)
    from pathlib import Path

    import perfsite

    css = (Path(perfsite.__file__).parent / "assets" / "perfsite.css").read_text(encoding="utf-8")
    links = re.search(r"\n\.ps-shortcuts a \{([^}]*)\}", css)
    assert links and "nowrap" not in links.group(1) and "max-width: 100%" in links.group(1)


def test_a_region_keeps_its_name_on_one_line_in_a_wide_list():
    """At 1280 px a list's 地区 column got two characters' width and broke 安泽县 as 安泽/县: the
    cell has a minimum width on every screen wider than a phone's cards (outside the
    small-screen block, so in print too)."""
    from pathlib import Path

    import perfsite

    css = (Path(perfsite.__file__).parent / "assets" / "perfsite.css").read_text(encoding="utf-8")
    rule = re.search(r'\n(\.md-typeset table\.ps-list td\[data-label="地区"\] \{[^}]*\})', css)
    assert rule and "min-width" in rule.group(1)
    depth = css[:rule.start()].count("{") - css[:rule.start()].count("}")
    assert depth == 0  # a top-level rule: no @media around it


def test_a_published_key_table_keeps_its_key_names_whole_on_a_phone():
    """docs/data-format.md's tables of four columns read `da/ta_/sou/rc/e` and 设/定/依/据 at 390 px:
    on a phone the first column's key names do not wrap and no column is under two characters."""
    from pathlib import Path

    import perfsite

    css = (Path(perfsite.__file__).parent / "assets" / "perfsite.css").read_text(encoding="utf-8")
    phone = "@media screen and (max-width: 44.9375em)"
    nowrap = css.index("html:not(.ps-large) .md-typeset table:not([class]):has(th:nth-child(4)) td:first-child code "
                       "{ white-space: nowrap;")
    narrowest = css.index("html:not(.ps-large) .md-typeset table:not([class]):has(th:nth-child(4)) :is(th, td) "
                          "{ min-width: 2.6em; }")
    assert css.rfind(phone, 0, nowrap) == css.rfind(phone, 0, narrowest) > css.rfind("}\n}", 0, nowrap)


def test_the_lowered_target_stands_out_from_the_indicators_the_target_table_lacks():
    """In the 自评 page's 与绩效目标对照 the one 目标调低 row had the yellow of the six 绩效目标表中没有此指标
    rows beside it; it is tinted whole and said in the 不一致 red, the others are not."""
    from pathlib import Path

    import perfsite

    css = (Path(perfsite.__file__).parent / "assets" / "perfsite.css").read_text(encoding="utf-8")
    row = re.search(r"\.md-typeset table\.ps-vstable tr:has\(> td\.ps-change--lowered\) \{([^}]*)\}", css)
    cell = re.search(r"\.md-typeset table\.ps-vstable td\.ps-change--lowered \{([^}]*)\}", css)
    assert row and "background: var(--ps-warn-bg)" in row.group(1)
    assert cell and "color: var(--ps-bad)" in cell.group(1)
    assert "ps-change--added" not in css


def test_a_printed_list_repeats_every_header_word_on_each_page():
    """Chromium left the sort buttons out of the header it repeats on each printed page (page 2 of
    a printed 项目查询 had only 主管部门, 地区 and 等级 over its columns): on paper no box is made
    for a sort button, its words are the header cell's own."""
    from pathlib import Path

    import perfsite

    css = (Path(perfsite.__file__).parent / "assets" / "perfsite.css").read_text(encoding="utf-8")
    rule = ".md-typeset table.ps-sortable th[data-sort] button { display: contents; }"
    at = css.index(rule)
    assert css.rfind("@media print {", 0, at) > css.rfind("}\n}", 0, at)


def test_an_empty_query_and_the_full_text_search_say_the_reader_wants_a_filter():
    """目标调低 typed in 项目查询 finds nothing and the page sent her to 全文检索, which lists pages
    that merely say 目标: both now say these are filters, and which one."""
    from perfsite.site.render import standard

    env = standard().env
    index = env.get_template("index.html").render(
        url=lambda u: "/" + u, page_url="projects/", site=SiteConfig(), years=[], every_year=[2023], regions=[],
        departments=[], unstated={"region": False, "department": False}, evaluations=[], verdicts=[], with_targets=True, with_cycle=True,
        targets_only={}, grades=["优", "良", "中", "差"], count=0, split=False, opening=None, grade_classes={},
        fallback_rows=True)
    empty = re.search(r'<p class="ps-empty" id="ps-empty" hidden>(.*?)</p>', index, re.S).group(1)
    assert "目标调低" in empty and "整改逾期" in empty and "“绩效目标表”选“目标调低”" in empty
    search = env.get_template("search.html").render(url=lambda u: "/" + u, site=None, enabled=False)
    search_on = env.get_template("search.html").render(url=lambda u: "/" + u, site=None, enabled=True, bundle="pagefind",
                                                       merged=[], first_year=None, later_years=[])
    assert "目标调低" in search_on and "项目查询" in search
