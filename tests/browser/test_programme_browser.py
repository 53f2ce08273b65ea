"""Programme pages as citizens read them, in headless chromium: every reading mode (normal, 大字,
高对比, and dark when the system asks for it) at 1280 and 390 px under axe-core with no text under
14 px; the trend across a programme's years; a 评分标准 a level shares, written once; and the A4
printout of a 20-indicator programme (no narrative) on at most three pages, its table header on
every page and nothing cut off."""

from __future__ import annotations

import io
import logging
import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest_site import COLOUR_RULES, DATA, RUN_AXE, build_or_fail, serve
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"

PAGES = ["", "projects/", "years/2022/", "projects/2021/xiaoshenggui/", "projects/2022/zhongxiaoqiye-fazhan/",
         "projects/2022/jiuye-chuangye-buzhu/", "projects/2023/yingyang-gaishan/", "projects/2022/yingyang-gaishan/",
         "projects/2022/yingyang-gaishan/targets/", "projects/2023/nongcun-gonglu-yanghu/targets/", "departments/",
         "departments/示例县教育局/2023/"]
"""Home, 项目查询, a listing, the two seed programmes, the discrepancy programme (就业创业补助), a
programme with other years (and a 绩效目标表), one with a lowered target, a 绩效目标表 page and one
with a 中期 set, the
按部门 listing and a department page (部门整体, with a lowered target)."""

MODES = {"normal": ("", "light"), "大字": ("ps-large", "light"), "高对比": ("ps-contrast", "light"),
         "dark": ("", "dark")}

SMALL_TEXT = """() => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walker.nextNode()) {
    const e = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || seen.has(e)) continue;
    seen.add(e);
    const box = e.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1 || e.closest('.ps-visually-hidden, .md-visually-hidden, [hidden]')) continue;
    const style = getComputedStyle(e);
    if (style.visibility === 'hidden') continue;
    let size = parseFloat(style.fontSize);
    if (e instanceof SVGElement) size *= e.getScreenCTM().a;  /* drawn size of chart text */
    if (size < 13.95) small.push(`${size.toFixed(1)}px ${e.tagName}.${e.getAttribute('class')}: ${e.textContent.trim().slice(0, 20)}`);
  }
  return small;
}"""




def serious(result: dict[str, Any]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} → {[n['target'] for n in v['nodes']][:5]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def mode_context(browser: Any, width: int, mode: str) -> Any:
    saved, scheme = MODES[mode]
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 500,
                                  locale="zh-CN", color_scheme=scheme)
    if saved:
        context.add_init_script(f"localStorage.setItem('perfsite-modes', '{saved}')")
    return context


@pytest.fixture(scope="module")
def mode_tabs(browser: Any) -> Iterator[dict[tuple[int, str], Any]]:
    """One tab per width and mode, axe-core loaded into every document it opens, for every page:
    a context and axe injected per page and mode cost 0.5 of the 1.6 s each took (96 of them)."""
    contexts = {(width, mode): mode_context(browser, width, mode) for width in (1280, 390) for mode in MODES}
    for context in contexts.values():
        context.add_init_script(path=str(AXE))
    yield {key: context.new_page() for key, context in contexts.items()}
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", PAGES)
def test_every_mode_passes_axe_and_has_no_small_text(mode_tabs: dict[tuple[int, str], Any], base_url: str,
                                                     path: str, width: int) -> None:
    failures = []
    for mode in MODES:
        tab = mode_tabs[(width, mode)]
        tab.goto(base_url + path)
        if path == "projects/":
            expect(tab.locator("#ps-rows tr").first).to_be_visible()
        scheme = tab.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert scheme == ("slate" if mode == "dark" else "default"), (mode, scheme)
        rules = COLOUR_RULES if mode in ("高对比", "dark") else None
        failures += [f"{mode}: {v}" for v in serious(tab.evaluate(RUN_AXE, rules))]
        failures += [f"{mode}: text under 14 px: {s}" for s in tab.evaluate(SMALL_TEXT)]
        if tab.evaluate("document.documentElement.scrollWidth") > width:
            failures.append(f"{mode}: the page scrolls sideways")
    assert not failures, "\n".join(failures)


BACKGROUND = "getComputedStyle(document.querySelector('.ps-figures div')).backgroundColor"


def test_dark_follows_the_system_and_high_contrast_stays_black_on_white(browser: Any, base_url: str) -> None:
    context = mode_context(browser, 1280, "dark")
    tab = context.new_page()
    tab.goto(base_url + "projects/2022/jiuye-chuangye-buzhu/")
    assert tab.evaluate(BACKGROUND) == "rgb(30, 33, 41)"
    ink = tab.evaluate("getComputedStyle(document.querySelector('.ps-page h1')).color")
    assert ink == "rgb(230, 232, 235)"
    tab.get_by_role("button", name="高对比").click()
    assert tab.evaluate(BACKGROUND) == "rgb(255, 255, 255)"
    assert tab.evaluate("getComputedStyle(document.querySelector('.ps-page h1')).color") == "rgb(0, 0, 0)"
    # printed in dark ink, whatever the screen's scheme
    tab.get_by_role("button", name="高对比").click()
    tab.emulate_media(media="print")
    for selector in (".ps-page h1", ".ps-summary", "table.ps-indicators td"):
        colour = tab.evaluate(f"getComputedStyle(document.querySelector('{selector}')).color")
        assert all(int(c) < 64 for c in colour[4:-1].split(",")), (selector, colour)
    context.close()


TREND = "projects/2023/yingyang-gaishan/"


@pytest.mark.parametrize("width", [1280, 390])
def test_trend_across_years_reads_with_and_without_the_picture(browser: Any, base_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 500,
                                  java_script_enabled=False)
    tab = context.new_page()
    tab.goto(base_url + TREND)
    section = tab.locator("#ps-years")
    expect(section.locator("figure.ps-trendchart")).to_have_count(2)
    for figure in section.locator("figure.ps-trendchart").all():
        box = figure.locator("svg").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    rows = section.locator("table.ps-yeartable tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("2021年度")
    expect(rows.nth(0)).to_contain_text("99.92")  # the published total, as the 2021 page's headline
    expect(rows.nth(2)).to_contain_text("本页")
    assert section.locator("a").count() == 2
    assert tab.evaluate(SMALL_TEXT) == []
    tab.emulate_media(media="print")
    expect(section.locator("figure.ps-trendchart").first).to_be_visible()
    context.close()


# -- a 20-indicator programme without narrative, its 产出 rows sharing one 评分标准 --------------------
SHARED = "得分=分值×完成率，完成率低于60%不得分，超过100%按100%计。"
INDICATORS = [
    ("产出指标", "数量指标", "改造供水站", "≥12处", "12处"), ("产出指标", "数量指标", "新建管网", "≥36公里", "38.5公里"),
    ("产出指标", "数量指标", "更换水表", "≥2400户", "2415户"), ("产出指标", "数量指标", "水质检测次数", "≥48次", "52次"),
    ("产出指标", "数量指标", "培训管水员", "≥600人次", "612人次"), ("产出指标", "质量指标", "水质达标率", "≥95%", "97.2%"),
    ("产出指标", "质量指标", "工程验收合格率", "100%", "100%"), ("产出指标", "质量指标", "管网漏损率", "≤12%", "10.4%"),
    ("产出指标", "时效指标", "开工及时率", "100%", "100%"), ("产出指标", "时效指标", "完工及时率", "≥90%", "91.7%"),
    ("产出指标", "成本指标", "每公里造价", "≤18万元", "17.6万元"), ("产出指标", "成本指标", "补助标准", "≤900元", "885元"),
    ("效益指标", "社会效益指标", "受益人口", "≥3.2万人", "3.3万人"), ("效益指标", "社会效益指标", "供水保证率", "≥95%", "96%"),
    ("效益指标", "社会效益指标", "自来水普及率", "≥92%", "93.5%"), ("效益指标", "经济效益指标", "水费收缴率", "≥85%", "88%"),
    ("效益指标", "可持续影响指标", "管护制度覆盖", "≥90%", "100%"),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%"),
    ("满意度指标", "服务对象满意度指标", "村委满意度", "≥90%", "95%"),
    ("满意度指标", "服务对象满意度指标", "学校满意度", "≥90%", "92%"),
]
WEIGHTS = [4] * 12 + [6] * 5 + [7, 7, 8]
REMARK = "个别村组入户管线施工受雨季影响延期，已督促施工单位在次年汛期前完成扫尾工程并组织验收。"


def twenty_indicators() -> dict[str, object]:
    indicators = []
    for index, ((level1, level2, name, target, actual), weight) in enumerate(zip(INDICATORS, WEIGHTS, strict=True)):
        row: dict[str, object] = {"level1": level1, "level2": level2, "name": name, "weight": weight,
                                  "target": target, "actual": actual}
        if level1 == "产出指标":
            row["rule_text"] = SHARED
        if index in (1, 9, 13):
            row["remark"] = REMARK
        indicators.append(row)
    return {"name": "农村饮水安全巩固提升工程补助", "year": 2023, "department": "示例县水利局",
            "region": "示例省示例市示例县", "evaluation": "单位自评", "published": "2024-05-20",
            "budget": {"unit": "万元", "initial": {"county": 800}, "budget": {"provincial": 300, "county": 560},
                       "funded": {"provincial": 300, "county": 560}, "spent": {"provincial": 296.4, "county": 548.2}},
            "indicators": indicators}


@pytest.fixture(scope="module")
def twenty_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import yaml

    root = tmp_path_factory.mktemp("twenty")
    data = root / "data"
    (data / "2023" / "shuili").mkdir(parents=True)
    shutil.copy(DATA / "site.yaml", data / "site.yaml")
    (data / "2023" / "shuili" / "yinshui.yaml").write_text(
        yaml.safe_dump(twenty_indicators(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    with serve(build_or_fail(root / "out", data)) as url:
        yield url + "projects/2023/yinshui/"


def test_twenty_indicators_print_on_three_a4_pages_with_the_header_on_each(browser: Any, twenty_url: str) -> None:
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # Chromium's CJK fonts lack a FontBBox
    tab = browser.new_page()
    tab.goto(twenty_url)
    pdf = tab.pdf(format="A4", prefer_css_page_size=True)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        # NFKC: the PDF's text layer spells some characters as their Kangxi radicals (⽔ for 水)
        pages = [unicodedata.normalize("NFKC", "".join((page.extract_text() or "").split())) for page in doc.pages]
    assert len(pages) <= 3, len(pages)
    names = [name for _, _, name, _, _ in INDICATORS]
    table_pages = [text for text in pages if any(name in text for name in names)]
    assert len(table_pages) >= 2  # the table does run over a page break here
    for text in table_pages:
        assert "三级指标权重目标值实际值完成率得分评分方法" in text  # the header row, repeated
    printed = "".join(pages)
    missing = [name for name in names if name not in printed]
    assert missing == []
    assert printed.count("评分标准同上") == 11  # the shared text once, for all 12 产出 rows
    tab.close()


def test_twenty_indicators_print_without_clipping(browser: Any, twenty_url: str) -> None:
    tab = browser.new_page(viewport={"width": 703, "height": 1000})
    tab.goto(twenty_url)
    tab.emulate_media(media="print")
    assert tab.evaluate("document.querySelector('table.ps-indicators').getBoundingClientRect().width") <= 703
    clipped = tab.evaluate("""[...document.querySelectorAll('table.ps-indicators :is(th, td), table.ps-indicators :is(th, td) *')]
      .filter(c => c.offsetParent && (c.scrollWidth > c.clientWidth + 1 || c.getBoundingClientRect().right >
               c.closest('table').getBoundingClientRect().right + 1)).map(c => c.innerText.slice(0, 20))""")
    assert clipped == []
    tab.close()


def test_a_shared_rule_text_is_once_in_the_table_and_on_every_phone_card(browser: Any, twenty_url: str) -> None:
    same = "table.ps-indicators .ps-rule-same"
    copies = "table.ps-indicators details.ps-ruletext--same"
    for width, table_view in ((1280, True), (390, False)):
        context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 500)
        tab = context.new_page()
        tab.goto(twenty_url)
        shown_once = tab.locator("table.ps-indicators details.ps-ruletext:not(.ps-ruletext--same)")
        expect(shown_once).to_have_count(1)
        expect(shown_once.locator("summary")).to_have_text("评分标准（本一级指标共用）")
        visible_same = sum(1 for e in tab.locator(same).all() if e.is_visible())
        visible_copies = sum(1 for e in tab.locator(copies).all() if e.is_visible())
        assert (visible_same, visible_copies) == ((11, 0) if table_view else (0, 11)), width
        if not table_view:  # a card's copy opens in place and reads in full
            card_copy = tab.locator(copies).first
            card_copy.locator("summary").click()
            expect(card_copy.locator("p")).to_have_text(SHARED)
        context.close()
