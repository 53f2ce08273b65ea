"""What the fifth look at the pages left on a phone and on paper: the 方法说明's data-file examples,
the 全文检索 page's last line, the 部门整体 page's order and the 项目查询 card's last line. Where
things are laid out and what is read, never pixels."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest
from test_looks_phone import phone_context
from test_looks_print import pdf_pages

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def phone(browser: Any) -> Iterator[Any]:
    """One 390 px tab for the module's tests, which open a page and read it: a new context and tab
    cost chromium about 0.5 CPU s (browser/conftest.py `paper`)."""
    context = phone_context(browser, 390, False, 900)
    yield context.new_page()
    context.close()


CODE_BLOCKS = """() => [...document.querySelectorAll('pre.ps-code')].map(pre => {
  /* each character's box, line by line of the file: how many lines wrap, and each wrapped line's
     rest that does not stand right of the line's own text (its key, or the 「- 」 of a list) */
  const walk = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT), lines = [[]];
  for (let node; (node = walk.nextNode());)
    for (let i = 0; i < node.length; i++) {
      if (node.data[i] === '\\n') { lines.push([]); continue; }
      const range = document.createRange();
      range.setStart(node, i); range.setEnd(node, i + 1);
      const box = range.getClientRects()[0];
      if (box) lines.at(-1).push([node.data[i], box]);
    }
  let wrapped = 0;
  const astray = [], box = pre.getBoundingClientRect();
  for (const line of lines.filter(l => l.length)) {
    const text = line.find(([c]) => c !== ' ')[1].left, top = line[0][1].top;
    const rests = line.filter(([, b], i) => i && b.top > line[i - 1][1].top + 2);
    if (rests.length) wrapped++;
    for (const [c, b] of rests) if (b.left < text + 4) astray.push(line.map(([c]) => c).join('') + ' | ' + c);
  }
  const all = document.createRange();
  all.selectNodeContents(pre);  /* the text as laid out, scrolled out of sight or not */
  return {hidden: Math.round(all.getBoundingClientRect().right - box.right), right: Math.round(box.right), wrapped, astray};
})"""


def test_the_method_pages_data_file_examples_wrap_on_a_phone_and_on_paper(phone: Any, paper: Any,
                                                                        base_url: str) -> None:
    """方法说明's YAML examples were cut at a 390 px phone's right edge, with nothing to say that
    they scrolled: 「rule: {type: shortfall, step: 1万, per: 0.5, zero_below: 5万}」 showed to
    「…per: 0.」. A long line now wraps, its rest indented past the line's own text (at 320 px the
    8-space 「- {min: 90%, score: 8}」 too), and the examples read whole on a phone and on paper;
    the text copied is still the data file's lines."""
    wrapped = []
    for tab, width in ((phone, 390), (phone, 320), (paper, None)):
        if width:
            tab.set_viewport_size({"width": width, "height": 900})
        tab.goto(base_url + "method/")
        blocks = tab.evaluate(CODE_BLOCKS)
        assert len(blocks) >= 8
        assert all(b["hidden"] <= 0 and b["right"] <= tab.viewport_size["width"] for b in blocks), (width, blocks)
        assert [line for b in blocks for line in b["astray"]] == [], width
        wrapped.append(sum(b["wrapped"] for b in blocks))
    phone.set_viewport_size({"width": 390, "height": 900})
    assert wrapped[0] >= 3 and wrapped[1] > wrapped[0] and wrapped[2] == 0, wrapped  # on paper every line fits
    phone.locator("pre.ps-code").last.select_text()
    copied = phone.evaluate("getSelection().toString()")
    assert copied.splitlines()[:3] == ["indicators:", "  - name: 新增就业人数", "    weight: 50"], copied


def test_a_printed_data_file_example_is_on_one_page(paper: Any, base_url: str) -> None:
    """Printed, five of 方法说明's data-file examples ran over two A4 pages, a few lines at one
    page's foot and the rest at the next one's head: each example's lines are now on one page."""
    paper.goto(base_url + "method/")
    blocks = [unicodedata.normalize("NFKC", "".join(text.split()))
              for text in paper.locator("pre.ps-code").all_inner_texts()]
    pages = pdf_pages(paper.pdf(format="A4", prefer_css_page_size=True))
    assert len(blocks) >= 8
    assert [b for b in blocks if not any(b in page for page in pages)] == [], [p[-60:] for p in pages]


def test_the_search_page_ends_with_the_data_date_and_its_address(phone: Any, base_url: str) -> None:
    """Every page ends with 数据截至 and 本页网址 (a printout is cited by it); 全文检索's did not."""
    phone.goto(base_url + "search/")
    meta = phone.locator(".ps-search .ps-pagemeta").all_inner_texts()
    assert meta == ["数据截至 2026-11-01。本页网址：https://example.gov.cn/jxgk/search/"]
    phone.goto(base_url + "method/")
    assert phone.locator(".ps-pagemeta").inner_text().startswith("数据截至 2026-11-01。本页网址：")


def test_on_a_phone_a_departments_indicators_come_before_its_functions_tasks_and_goals(phone: Any,
                                                                                     base_url: str) -> None:
    """示例县教育局's 2023 部门整体 page put 部门职能, six 年度主要任务 cards and 年度总体目标, some
    2,000 px at 390 px, between its money and its 绩效指标完成情况: the indicator results now
    follow the score and the money, as on a programme's page, and 偏差原因分析 follows the indicators
    it explains."""
    phone.goto(base_url + "departments/示例县教育局/2023/")
    tops = phone.evaluate("""() => Object.fromEntries(['ps-execution', 'ps-ind', 'ps-deviation', 'ps-functions', 'ps-tasks', 'ps-goals']
      .map(id => [id, Math.round(document.getElementById(id).getBoundingClientRect().top + scrollY)]))""")
    assert tops["ps-execution"] < tops["ps-ind"] < tops["ps-deviation"] < tops["ps-functions"] < tops["ps-tasks"] < tops["ps-goals"], tops
    assert tops["ps-ind"] < 1800, tops


CARD_LINES = """rows => rows.map(tr => {
  const top = label => Math.round(tr.querySelector(`td[data-label="${label}"]`).getBoundingClientRect().top);
  return [tr.querySelector('th').innerText, top('全年预算（万元）'), top('执行率'), top('得分'), top('复算'), top('等级'),
          Math.round(tr.querySelector('td[data-label="地区"]').getBoundingClientRect().top)];
})"""


def test_a_programme_card_gives_its_money_and_its_result_a_line_each(phone: Any, base_url: str) -> None:
    """At 390 px the 项目查询 card of 就业创业补助 (复算 99.25 ⚠ 不一致) put 执行率 beside the
    score and 「等级 优」 on a line of its own: a card now reads who, then the money (全年预算,
    执行率), then the result (得分, 复算, 等级), each on its line, in the query's cards (drawn by
    the script) and in a listing page's (written by the build) alike."""
    phone.goto(base_url + "projects/")
    phone.wait_for_selector("#ps-results tbody tr")
    for path in ("projects/", "years/2022/"):
        if path != "projects/":
            phone.goto(base_url + path)
        cards = phone.locator("table.ps-list tbody tr").evaluate_all(CARD_LINES)
        assert len(cards) >= 2
        for name, budget, rate, score, total, grade, region in cards:  # a line is ~25 px; a badge sits 3 px higher
            assert abs(budget - rate) < 10 and abs(score - total) < 10 and abs(score - grade) < 10, (path, name, cards)
            assert region + 10 < budget and budget + 10 < score, (path, name, cards)
        assert any(name.startswith("就业创业补助") for name, *_ in cards)
