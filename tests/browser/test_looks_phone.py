"""The programme page's tables as phone cards, and the 大字 reading mode on the smallest phones, in
headless chromium: geometry and computed text, never pixels.

The 自评 table's cells carry no class or label; on a phone perfsite.css writes each card line's
label by the cell's position from the row's end (td:nth-last-child). These tests read every label
chromium draws and compare it with the header of the column the cell sits in, so a table variant
whose cells are not where the CSS expects them shows up as a wrong or missing label."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PROGRAMMES = ["projects/2023/yingyang-gaishan/", "projects/2023/nongcun-gonglu-yanghu/",
              "projects/2022/jiuye-chuangye-buzhu/"]
"""The two seed programmes (99.10 and 96.42, with subtotals, a 定性 rule and a budget table) and
the programme whose published scores differ from the recomputation (a second line in a cell)."""

LABELS = """(selector) => {
  // [row class, column header, the label drawn before the cell] for every shown, non-empty,
  // one-column cell of the tables; the column is counted from the row's end, as the CSS does
  const out = [];
  for (const table of document.querySelectorAll(selector)) {
    const rows = [...table.tHead.rows], grid = [];
    rows.forEach((row, r) => {
      let c = 0;
      for (const th of row.cells) {
        while ((grid[r] || [])[c]) c++;
        for (let i = 0; i < th.colSpan; i++) for (let k = 0; k < th.rowSpan; k++) (grid[r + k] = grid[r + k] || [])[c + i] = th;
        c += th.colSpan;
      }
    });
    const header = grid[rows.length - 1], columns = header.length;
    for (const row of [...table.tBodies].flatMap(b => [...b.rows]).concat(table.tFoot ? [...table.tFoot.rows] : [])) {
      let end = columns;
      for (const cell of [...row.cells].reverse()) {
        end -= cell.colSpan;
        if (cell.tagName !== 'TD' || cell.colSpan !== 1 || !cell.textContent.trim()) continue;
        if (getComputedStyle(cell).display === 'none') continue;
        const label = getComputedStyle(cell, '::before').content;
        if (cell.classList.contains('ps-line')) continue;  // 行次, beside the line's name (test_budget_cards_are_short)
        out.push([row.className, header[end].textContent.trim(),
                  /^"/.test(label) ? JSON.parse(label).trim() : '', cell.textContent.trim().slice(0, 12)]);
      }
    }
  }
  return out;
}"""


def phone_context(browser: Any, width: int, large: bool, height: int) -> Any:
    """A phone's browser context (is_mobile, zh-CN), in 大字 when `large` (the reader's choice, kept in localStorage)."""
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=True, locale="zh-CN")
    if large:
        context.add_init_script("localStorage.setItem('perfsite-modes', 'ps-large')")
    return context


@pytest.fixture(scope="module")
def phones(browser: Any) -> Iterator[Callable[[int, bool, int], Any]]:
    """`phones(width, large, height)`: one tab per phone for the module (phone_context), at that
    viewport each time it is asked for. The tests open their pages in it and read them, or click
    what changes only the page (a fold, a filter): the site keeps nothing of either, and the 大字
    choice is the context's own. A new context and tab cost chromium about 0.5 CPU s
    (browser/conftest.py `paper`), and these tests took ~25."""
    made: dict[tuple[int, bool, int], tuple[Any, Any]] = {}

    def tab(width: int, large: bool, height: int) -> Any:
        if (width, large, height) not in made:
            context = phone_context(browser, width, large, height)
            made[(width, large, height)] = (context, context.new_page())
        opened = made[(width, large, height)][1]
        opened.set_viewport_size({"width": width, "height": height})
        return opened

    yield tab
    for context, _ in made.values():
        context.close()


@pytest.fixture(scope="module")
def phone(browser: Any, base_url: str) -> Iterator[Any]:
    """One 390 px tab for the tests that open a page in it and read it (a click opens a <details>,
    a key moves the focus; the site keeps nothing of either): a new context and tab cost chromium
    about 0.5 CPU s (browser/conftest.py `paper`)."""
    context = phone_context(browser, 390, False, 900)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PROGRAMMES)
def test_every_figure_on_a_phone_card_is_labelled_with_its_column(phone: Any, base_url: str, path: str) -> None:
    """Every card line of the 自评, budget and 数据核验 tables, the 小计 and 合计 rows' figures
    included, starts with its column's header (偏差原因 for 偏差原因分析及改进措施)."""
    phone.goto(base_url + path)
    cells = phone.evaluate(LABELS, "table.ps-selfeval, table.ps-budget, table.ps-checktable")
    assert len(cells) > 50
    wrong = [c for c in cells if not c[2] or not c[1].startswith(c[2])]
    assert not wrong, "\n".join(f"{row or '-'}: column {head!r}, label {label!r}, cell {text!r}"
                                for row, head, label, text in wrong)
    totals = [c for c in cells if "ps-totalrow" in c[0]]
    assert sorted(c[2] for c in totals) == ["得分", "权重"]


CELL_FILL = """() => [...document.querySelectorAll('table.ps-selfeval tbody > tr:not(.ps-subtotal)')].flatMap(row => {
  const inner = row.getBoundingClientRect().width - parseFloat(getComputedStyle(row).borderLeftWidth)
    - parseFloat(getComputedStyle(row).borderRightWidth) - parseFloat(getComputedStyle(row).paddingLeft)
    - parseFloat(getComputedStyle(row).paddingRight);
  return [...row.cells].slice(-2).filter(td => td.textContent.trim())
    .map(td => [td.textContent.trim().slice(0, 12), Math.round(td.getBoundingClientRect().width), Math.round(inner)]);
})"""


BUDGET_CARDS = """() => [...document.querySelectorAll('table.ps-budget tbody tr')].map(row => {
  const box = row.getBoundingClientRect(), style = getComputedStyle(row);
  const right = box.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
  const shown = [...row.cells].filter(c => c.getClientRects().length);
  const [name, line, total] = [row.cells[0], row.cells[1], row.cells[2]].map(c => c.getBoundingClientRect());
  const sources = shown.slice(3).map(c => c.getBoundingClientRect());
  return {
    name: row.cells[0].textContent, lineBesideName: Math.abs(line.top - name.top) < 2,
    total: row.cells[2].textContent ? {right: right - total.right, below: total.top - line.top,
                                       weight: getComputedStyle(row.cells[2]).fontWeight} : null,
    sources: sources.length, sourceLines: new Set(sources.map(r => Math.round(r.top))).size,
    past: shown.filter(c => c.getBoundingClientRect().right > right + 0.5 || c.scrollWidth > c.clientWidth + 1)
               .map(c => c.textContent),
    height: box.height,
  };
})"""


@pytest.mark.parametrize("path", ["projects/2022/zhongxiaoqiye-fazhan/", "projects/2023/nongcun-gonglu-yanghu/"])
def test_budget_cards_are_short(phones: Callable[[int, bool, int], Any], base_url: str, path: str) -> None:
    """The budget table on a phone is read down its right edge: each line of the form is one card
    whose first line holds its name, its 行次 and, in bold at the card's right edge, its 年度总金额
    (in 大字 the 行次 and the figure may take a line each); the seven sources follow two to a line on a 390 px phone
    (one a line in 大字 on 320 px), each figure whole inside its card. With a labelled line per
    figure the 96.42 seed's seven cards were 1,118 px tall and the 2023 农村公路养护's 1,807 px."""
    for width, large in ((390, False), (320, True)):
        tab = phones(width, large, 900)
        tab.goto(base_url + path)
        cards = tab.evaluate(BUDGET_CARDS)
        line_height = tab.evaluate("parseFloat(getComputedStyle(document.querySelector('table.ps-budget th')).lineHeight)")
        assert len(cards) == 7
        for card in cards:
            where = f"{width} px{' 大字' if large else ''}, {card['name']}"
            assert card["lineBesideName"] or large, where
            assert not card["past"], (where, card["past"])
            if card["total"]:
                assert abs(card["total"]["right"]) < 1, (where, card["total"])
                assert card["total"]["below"] < 1.5 * line_height, (where, card["total"])
                assert int(card["total"]["weight"]) >= 700, where
            per_line = 1 if large else 2
            assert card["sourceLines"] == -(-card["sources"] // per_line), (where, card)


@pytest.mark.parametrize("path", PROGRAMMES[:2])
def test_rule_and_remark_fill_the_phone_card(phone: Any, base_url: str, path: str) -> None:
    """The 评分方法 and 偏差原因 lines are as wide as their card: a cap meant for the desktop
    column would wrap a remark every eight characters beside an empty half card."""
    phone.goto(base_url + path)
    cells = phone.evaluate(CELL_FILL)
    assert cells
    narrow = [c for c in cells if c[1] < c[2] - 1]
    assert not narrow, narrow


FIGURE_LINE = """() => [...document.querySelectorAll('table.ps-selfeval tbody > tr:not(.ps-subtotal)')].map(row => {
  const cell = n => row.cells[row.cells.length - n].getBoundingClientRect();
  const [weight, target, actual, rate, score] = [7, 6, 5, 4, 3].map(cell);
  return [row.querySelector('th.ps-l3').firstChild.textContent, Math.round(weight.top), Math.round(rate.top),
          Math.round(score.top), weight.left < rate.left && rate.left < score.left, rate.top > actual.top && actual.top > target.top];
})"""


@pytest.mark.parametrize("path", PROGRAMMES[:2])
def test_a_self_evaluation_card_puts_its_three_short_figures_on_one_line(phone: Any, base_url: str, path: str) -> None:
    """On a 390 px phone a 自评 card reads 目标值, 实际值, then 权重, 完成率 and 得分 side by side on
    one line: a line each made the 96.42 seed's 25 cards 9,847 px tall (8,522 px without the
    narrower label gutter of test_card_labels_fit_a_narrow_gutter)."""
    phone.goto(base_url + path)
    cards = phone.evaluate(FIGURE_LINE)
    assert len(cards) >= 10
    apart = [c for c in cards if not (c[1] == c[2] == c[3] and c[4] and c[5])]
    assert not apart, apart


LABEL_ROOM = """() => { const pen = document.createElement('canvas').getContext('2d'), out = [];
  for (const td of document.querySelectorAll('table.ps-indicators td')) {
    const label = getComputedStyle(td, '::before');
    if (!td.getClientRects().length || label.position !== 'absolute' || !/^"/.test(label.content)) continue;
    pen.font = `${label.fontWeight} ${label.fontSize} ${label.fontFamily}`;
    const text = JSON.parse(label.content), need = pen.measureText(text).width;
    if (need > parseFloat(label.width) || parseFloat(label.width) > parseFloat(getComputedStyle(td).paddingLeft))
      out.push([text, Math.round(need), parseFloat(label.width)]);
  }
  return out; }"""


GUTTER = """(() => { const td = document.querySelector(`table.ps-indicators tbody td[data-label],
  table.ps-selfeval tbody > tr:not(.ps-subtotal) > td:last-child`);
  return td ? parseFloat(getComputedStyle(td).paddingLeft) / parseFloat(getComputedStyle(td).fontSize) : 0; })()"""


def test_card_labels_fit_a_narrow_gutter(phones: Callable[[int, bool, int], Any], base_url: str) -> None:
    """A card's labels (自评, 评价报告's 评分表, 部门整体, 绩效目标表) sit in a 5em gutter, one line
    each, the longest four characters or 目标 / 实际: the 7.5em gutter left a value 100 px in 大字 on a
    320 px phone, and 过程指标 / 预算执行 or √ 与绩效目标一致 took three lines."""
    tab = phones(320, True, 800)
    crowded, seen = [], 0
    for path in ("projects/2022/zhongxiaoqiye-fazhan/", "projects/2023/yingyang-gaishan/evaluation/",
                 "projects/2023/yingyang-gaishan/targets/", "departments/示例县教育局/2023/"):
        tab.goto(base_url + path)
        seen += tab.evaluate("document.querySelectorAll('table.ps-indicators td').length")
        crowded += [(path, *label) for label in tab.evaluate(LABEL_ROOM)]
        gutter = tab.evaluate(GUTTER)
        assert gutter <= 5.5, (path, gutter)
    assert seen > 100
    assert not crowded, crowded


LARGE_PAGES = ["", "projects/2023/yingyang-gaishan/", "projects/2022/jiuye-chuangye-buzhu/",
               "projects/2023/nongcun-gonglu-yanghu/targets/", "departments/示例县教育局/2023/",
               "departments/示例县农业农村局/", "downloads/", "method/", "data-format/", "json/"]
"""Home, a programme page with its 历年 table, the programme whose scores differ from the published
ones (公布 … 不一致 under a score, the 数据核验 table), a 绩效目标表 page, a department page, a
department's programme list (its grade counts table), the data downloads, the 方法说明 (small
tables) and the two documentation pages with the most tables."""


NARROW_IN_SCROLL = """() => [...document.querySelectorAll('.ps-scroll, .md-typeset__scrollwrap')]
  .filter(box => box.querySelector('table:is(.ps-cards-sm, .ps-indicators, .ps-budget, .ps-yeartable, .ps-dist, .ps-narrow)')
                 || box.matches('.md-typeset__scrollwrap') && box.querySelectorAll('thead th').length < 8)
  .filter(box => box.scrollWidth > box.clientWidth + 1)
  .map(box => [box.querySelector('table').className || box.querySelector('th').textContent, box.scrollWidth, box.clientWidth])"""


CONTROLS_PAST = """(width) => [...document.querySelectorAll('.md-content form :is(input, select, button)')]
  .filter(c => c.getClientRects().length && c.getBoundingClientRect().right > width + 0.5)
  .map(c => [c.id || c.textContent, Math.round(c.getBoundingClientRect().right)])"""


def test_large_text_never_widens_a_small_phone(browser: Any, base_url: str, built_site: Path) -> None:
    """大字 (root font 160%) on a 320 px phone, the width WCAG's reflow asks for: no page scrolls
    sideways (a grid column's 13rem minimum is 333 px there, wider than the screen; a card's
    公布 … 不一致 kept on one line ran past it), nor, inside its box, does a table that is cards on
    a phone (数据核验 ran 86 px out of its box, its 项目 column one character wide) or a small table
    (历年 totals 73 px, the grade counts 80 px, the 方法说明's 80 px), nor a documentation table
    (every one of docs/data-format.md's ran 107 px wider than the screen: three 5rem columns) but
    the pictures of a spreadsheet's eight to twelve columns in docs/import.md; no form's box runs
    off the screen (the 404 page's search box, 12rem wide, ended at 328 px)."""
    width = 320
    context = phone_context(browser, width, True, 800)
    prefix = re.search(r'href="(/[^"]*?)assets/stylesheets/', (built_site / "404.html").read_text(encoding="utf-8"))[1]
    if prefix != "/":  # 404.html links its styles under the site_url's path, as deployed
        context.route(base_url.rstrip("/") + prefix + "**",
                      lambda route: route.continue_(url=route.request.url.replace(prefix, "/", 1)))
    tab = context.new_page()
    wide = []
    for path in [*LARGE_PAGES, "404.html"]:
        tab.goto(base_url + path)
        assert tab.evaluate("document.documentElement.classList.contains('ps-large')")
        scroll = tab.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wide.append(f"/{path}: {scroll} px")
        wide += [f"/{path}: {cls} {inner} px in {box} px" for cls, inner, box in tab.evaluate(NARROW_IN_SCROLL)]
        wide += [f"/{path}: {name} ends at {right} px" for name, right in tab.evaluate(CONTROLS_PAST, width)]
    context.close()
    assert not wide, wide


FIGURES = """() => [...document.querySelectorAll('.ps-figures > div')].map(box => {
  const outer = box.getBoundingClientRect(), style = getComputedStyle(box);
  const left = outer.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
  const right = outer.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
  const text = e => { const r = document.createRange(); r.selectNodeContents(e); return r.getBoundingClientRect(); };
  const dt = text(box.querySelector('dt')), dd = text(box.querySelector('dd')), figure = box.querySelector('dd');
  return {label: box.querySelector('dt').textContent, top: Math.round(outer.top), past: Math.max(dt.right, dd.right) - right,
          ddLines: Math.round(figure.getBoundingClientRect().height / parseFloat(getComputedStyle(figure).lineHeight)),
          fitsBeside: dt.width + dd.width + parseFloat(getComputedStyle(figure).fontSize) <= right - left,
          beside: dd.top < dt.bottom && dt.top < dd.bottom, ddRight: right - dd.right};
})"""


@pytest.mark.parametrize("path", ["", "years/2023/"])
def test_key_figures_are_a_compact_grid_on_a_phone(phones: Callable[[int, bool, int], Any], base_url: str, path: str) -> None:
    """The headline figures on a phone: two to a row on a 320 px screen (one a row they filled the
    first screen, 558 px of boxes for six numbers), each figure whole on one line with its unit and
    inside its box; where only one fits a row (大字 on a 320 or 390 px phone) a box is one line, its
    label left and its figure at the right edge, whenever the two fit side by side."""
    for width, large in ((320, False), (390, False), (320, True), (390, True)):
        tab = phones(width, large, 900)
        tab.goto(base_url + path)
        boxes = tab.evaluate(FIGURES)
        where = f"/{path} {width} px{' 大字' if large else ''}"
        assert len(boxes) == 6, where
        rows = len({b["top"] for b in boxes})
        assert rows == (6 if large else 3), (where, rows)
        assert not [b for b in boxes if b["past"] > 0.5 or b["ddLines"] != 1], (where, boxes)
        if large:
            apart = [b["label"] for b in boxes if b["fitsBeside"] and not (b["beside"] and abs(b["ddRight"]) < 1)]
            assert not apart, (where, apart)
            assert sum(b["fitsBeside"] for b in boxes) >= 4, where


SITE_NAME_CUT = """(name) => {
  const title = document.querySelector('.md-header__topic .md-ellipsis');
  if (name) title.textContent = name;
  return [title.scrollWidth - title.clientWidth, title.scrollHeight - title.clientHeight,
          title.getBoundingClientRect().bottom - document.querySelector('.md-header').getBoundingClientRect().bottom];
}"""


def test_the_site_name_in_the_header_is_never_cut_on_a_phone(phones: Callable[[int, bool, int], Any], base_url: str) -> None:
    """The header's site name takes a second line on a phone rather than lose its end to an
    ellipsis: 预算绩效信息公开 in 大字 on a 320 px phone showed 预算绩效信…, and a county's longer name
    (示例市示例县财政局预算绩效信息公开) lost half of itself on any phone. Two lines is the most the
    header holds: that long a name in 大字 on 320 px still ends in an ellipsis."""
    cut = []
    for width, large in ((320, True), (320, False), (390, False)):
        tab = phones(width, large, 800)
        tab.goto(base_url + "rectification/")
        for name in ("",) if large else ("", "示例市示例县财政局预算绩效信息公开"):
            wide, tall, below = tab.evaluate(SITE_NAME_CUT, name)
            if wide > 0 or tall > 0 or below > 0:
                cut.append((width, large, name, wide, tall, below))
    assert not cut, cut


SORT_BUTTONS_SEEN = """() => [...document.querySelectorAll('#ps-results thead th[data-sort] button, table.ps-sortable thead th[data-sort] button')].map(button => {
  button.focus();
  const box = button.getBoundingClientRect(), hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return [button.textContent.trim(), Math.round(box.width), Math.round(box.height), box.left >= 0 && box.right <= innerWidth,
          !!hit && button.contains(hit)];
})"""


def test_a_hidden_sort_button_shows_when_it_has_the_focus(phone: Any, base_url: str) -> None:
    """项目查询 on a phone is cards, its header (the sort buttons) kept for screen readers only; a
    keyboard user who tabs onto a sort button sees it, a tap-sized button on the screen, not a focus
    ring round a 1 px box."""
    phone.goto(base_url + "projects/")
    expect(phone.locator("#ps-rows tr").first).to_be_visible()
    phone.evaluate("window.scrollTo(0, document.querySelector('table.ps-sortable').getBoundingClientRect().top + scrollY - 100)")
    buttons = phone.evaluate(SORT_BUTTONS_SEEN)
    assert len(buttons) >= 5
    unseen = [b for b in buttons if b[1] < 24 or b[2] < 24 or not b[3] or not b[4]]
    assert not unseen, unseen


TOGGLES = """() => [...document.querySelectorAll('table.ps-selfeval details.ps-ruletext')]
  .filter(d => d.getClientRects().length).map(d => {
    const box = d.getBoundingClientRect(), summary = d.querySelector('summary').getBoundingClientRect();
    return [Math.round(summary.left - box.left), Math.round(summary.right - box.right)];
  })"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_rule_toggle_lines_up_with_the_rule_it_opens(browser: Any, base_url: str, width: int) -> None:
    """▸ 评分标准 starts where the rule's text starts, in the card's value column on a phone and
    inside its cell on a desktop, not 12 px out into the label column or the cell's padding."""
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 500, locale="zh-CN")
    tab = context.new_page()
    tab.goto(base_url + "projects/2022/zhongxiaoqiye-fazhan/")
    offsets = tab.evaluate(TOGGLES)
    context.close()
    assert offsets
    assert {tuple(o) for o in offsets} == {(0, 0)}


HASH_PAST_TEXT = """() => {
  const code = document.querySelector('code.ps-hash'), line = code.closest('p');
  const right = line.getBoundingClientRect().right - parseFloat(getComputedStyle(line).paddingRight);
  return Math.max(...[...code.getClientRects()].map(r => r.right)) - right;
}"""


def test_the_sha256_line_stays_in_the_text_column(phones: Callable[[int, bool, int], Any], base_url: str) -> None:
    """The SHA-256 of a 评价报告's original breaks anywhere, and each of its lines ends inside the
    text column on phones 320 to 430 px wide, in 大字 too (Material pads every line of a wrapped
    code span after chromium has filled it, and the hash ran 3.5 px past the column at 339 px)."""
    past = []
    for large in (False, True):
        tab = phones(390, large, 800)
        tab.goto(base_url + "projects/2023/yingyang-gaishan/evaluation/")
        for width in range(320, 431, 3):
            tab.set_viewport_size({"width": width, "height": 800})
            if tab.evaluate(HASH_PAST_TEXT) > 0.5:
                past.append((width, large, round(tab.evaluate(HASH_PAST_TEXT), 1)))
    assert not past, past


SELECTS = """() => [...document.querySelectorAll('.ps-filters select')].filter(s => s.offsetParent).map(select => {
  const style = getComputedStyle(select), pen = document.createElement('canvas').getContext('2d');
  pen.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const text = select.options[select.selectedIndex].text;
  const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return [select.id, text, pen.measureText(text).width + parseFloat(style.fontSize), room];
})"""


@pytest.mark.parametrize(("width", "large"), [(320, False), (320, True), (390, False)])
def test_every_filter_shows_its_whole_choice(phones: Callable[[int, bool, int], Any], base_url: str, width: int, large: bool) -> None:
    """项目查询's and 整改情况's filters on a phone: each select shows the whole of its choice
    (全部年度（11）, the sort's 年度（新到旧）) and its arrow (an em); two 96 px columns in 大字 on a
    320 px phone cut 全部年度 to 全部年, the sort to 年度（新. A filter the site hides (绩效自评 where no
    programme waits for its 自评) shows nothing and is not measured."""
    tab = phones(width, large, 800)
    cut = []
    for path, form, fold in (("projects/", "#ps-filters", "#ps-fold"), ("rectification/", "#ps-rfilters", "#ps-rfold")):
        tab.goto(base_url + path)
        expect(tab.locator(form)).to_be_visible()
        tab.click(fold)
        selects = tab.evaluate(SELECTS)
        assert len(selects) >= 4
        cut += [(path, name, text, round(need), round(room)) for name, text, need, room in selects if need > room]
    assert not cut, cut


def folded(tab: Any, url: str, fold: str, label: str, hidden: tuple[str, ...]) -> Any:
    """Open `url`: its filters folded under the button `fold`, which names the choice the address made."""
    tab.goto(url)
    button = tab.locator(fold)
    expect(button).to_have_text(label)
    expect(button).to_have_attribute("aria-expanded", "false")
    for name in hidden:
        expect(tab.locator(name)).to_be_hidden()
    return button


@pytest.mark.parametrize(("width", "large"), [(320, True), (390, False)])
def test_a_phone_opens_the_project_query_on_its_search_box_and_results(phones: Callable[[int, bool, int], Any], base_url: str, width: int,
                                                                        large: bool) -> None:
    """项目查询 on a phone: the search box, one 筛选和排序 button naming how many filters are
    chosen, and the first result on the first screen (the nine filters and the how-to paragraph
    above them took a screen and a half at 320 px in 大字); the button opens and closes the
    filters, and counts a choice made after."""
    tab = phones(width, large, 800)
    fold = folded(tab, base_url + "projects/?grade=优", "#ps-fold", "▸ 筛选和排序（已选 1 项）",
                  ("#ps-year", "#ps-grade", "#ps-sort", ".ps-howto"))
    expect(tab.locator("#ps-q")).to_be_visible()
    first = tab.locator("#ps-rows tr").first
    expect(first).to_be_visible()
    box = first.bounding_box()
    assert box is not None and box["y"] + 40 < 800, box
    fold.click()
    expect(fold).to_have_attribute("aria-expanded", "true")
    for shown in ("#ps-year", "#ps-grade", "#ps-sort", ".ps-howto"):
        expect(tab.locator(shown)).to_be_visible()
    tab.select_option("#ps-sort", "score-desc")
    expect(fold).to_have_text("▾ 筛选和排序（已选 2 项）")
    fold.click()
    expect(tab.locator("#ps-year")).to_be_hidden()


@pytest.mark.parametrize(("width", "large", "in_view"), [(320, True, "#ps-rcount"),
                                                       (390, False, "#ps-rtable tbody tr:not([hidden])")])
def test_a_phone_opens_the_rectification_page_on_its_measures(phones: Callable[[int, bool, int], Any], base_url: str, width: int,
                                                               large: bool, in_view: str) -> None:
    """整改情况 on a phone: its four filters fold under one 筛选 button naming how many are chosen
    (from the address too), so the first measure starts on the first screen (at 320 px in 大字
    the page's summary paragraph takes half of it: there the count of measures does); the button
    opens them and counts a choice made after."""
    tab = phones(width, large, 800)
    fold = folded(tab, base_url + "rectification/?status=整改中", "#ps-rfold", "▸ 筛选（已选 1 项）",
                  ("#ps-rstatus", "#ps-ryear", "#ps-rdept", "#ps-roverdue"))
    box = tab.locator(in_view).first.bounding_box()
    assert box is not None and box["y"] + 40 < 800, box
    fold.click()
    expect(fold).to_have_attribute("aria-expanded", "true")
    tab.select_option("#ps-roverdue", "1")
    expect(fold).to_have_text("▾ 筛选（已选 2 项）")


def test_a_wide_screen_shows_every_filter_and_no_fold(browser: Any, base_url: str) -> None:
    """At 1280 px the filters and the how-to line are all in view and the phone's button is not."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    tab.goto(base_url + "projects/")
    expect(tab.locator("#ps-count")).not_to_be_empty()
    expect(tab.locator("#ps-fold")).to_be_hidden()
    for shown in ("#ps-q", "#ps-year", "#ps-grade", "#ps-sort", ".ps-howto"):
        expect(tab.locator(shown)).to_be_visible()
    tab.goto(base_url + "rectification/")
    expect(tab.locator("#ps-rfold")).to_be_hidden()
    for shown in ("#ps-rstatus", "#ps-ryear", "#ps-rdept", "#ps-roverdue"):
        expect(tab.locator(shown)).to_be_visible()
    context.close()


WORKING = """() => [...document.querySelectorAll('table.ps-selfeval tbody > tr')].filter(row => row.querySelector('.ps-explain'))
  .map(row => [row.className, !!row.querySelector('details.ps-ruletext'), row.querySelector('.ps-explain').getClientRects().length > 0])"""


def test_a_card_that_agrees_keeps_its_working_under_its_rule(phone: Any, base_url: str) -> None:
    """On a phone a 自评 card whose recomputed score agrees with the published one shows its
    working (实际…判为达成，得分应在…) only once its 评分标准 is opened; a card that disagrees,
    or has no 评分标准 to open, shows it at once."""
    phone.goto(base_url + "projects/2022/jiuye-chuangye-buzhu/")
    cards = phone.evaluate(WORKING)
    assert any("ps-status--discrepancy" in c[0] for c in cards) and all(shown for _, _, shown in cards), cards
    phone.goto(base_url + "projects/2022/zhongxiaoqiye-fazhan/")
    cards = phone.evaluate(WORKING)
    agreeing = [c for c in cards if "ps-status--" not in c[0] and c[1]]
    assert len(agreeing) > 10 and not any(shown for _, _, shown in agreeing), agreeing
    row = phone.locator("table.ps-selfeval tbody > tr:not([class*='ps-status--']):has(details.ps-ruletext)").first
    expect(row.locator(".ps-explain")).to_be_hidden()
    row.locator("details.ps-ruletext > summary").click()
    expect(row.locator(".ps-explain")).to_be_visible()
