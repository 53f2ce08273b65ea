"""The 历年情况 table when another year was published under another name and 主管部门, the 整改
page's 逾期判断日期 line and a page's facts with the browser's text at 200% on a phone, and the printed
数据下载 page: where things are laid out and what is read, never pixels. Every test reads the shared
desktop tab (`page`, at a phone's width) or the shared `paper` tab."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_looks29b import TEXT_AT_200

from perfsite.site import build_site

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]

ROW = "{level1: 产出指标, level2: 数量指标, name: 受益人口, weight: 100, target: \"≥100人\", actual: \"130人\", score: 100}"
RENAMED = {
    # the year before it was handed to another 主管部门 and renamed: both said in the table
    "2022/w/ws.yaml": "name: 农村饮水安全巩固提升工程\nyear: 2022\nid: ws\nseries: ws\ndepartment: 示例县水利局农村饮水安全管理中心\n",
    "2024/w/ws.yaml": "name: 农村供水保障\nyear: 2024\nid: ws\nseries: ws\ndepartment: 示例县农业农村局\n",
}


@pytest.fixture(scope="module")
def renamed_years(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The 历年情况 section of the 2024 page of a programme published in 2022 under another name by
    another 主管部门, as the site renders it (two files, ~0.5 CPU s: no MkDocs, no site written)."""
    data = tmp_path_factory.mktemp("looks30b") / "data"
    for name, text in RENAMED.items():
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text(f"{text}indicators:\n  - {ROW}\n", encoding="utf-8")
    (data / "site.yaml").write_text((REPO / "data" / "site.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    page = next(p.html for p in build_site(data).pages if p.url == "projects/2024/ws/")
    return '<section id="ps-years"' + page.split('<section id="ps-years"', 1)[1].split("</section>", 1)[0] + "</section>"


YEAR_CELL = """html => {
  document.getElementById('ps-years').outerHTML = html;
  const scroll = document.querySelector('#ps-years .ps-scroll'), table = scroll.querySelector('table');
  const hints = [...table.querySelectorAll('tbody th .ps-hint')].map(h => h.getBoundingClientRect());
  return {table: Math.round(table.getBoundingClientRect().width), room: scroll.clientWidth,
          texts: [...table.querySelectorAll('tbody th .ps-hint')].map(h => h.textContent),
          gap: Math.round(hints[1].top - hints[0].bottom), line: parseFloat(getComputedStyle(table).fontSize)};
}"""


def test_another_years_name_and_department_wrap_inside_a_phones_table(page: Any, base_url: str,
                                                                     renamed_years: str) -> None:
    """On a 320 px phone 「当年主管部门「示例县水利局农村饮水安全管理中心」」 stayed on one line: the
    year column alone outgrew the screen and the scores stood off it, to be scrolled to. The name and
    the 主管部门 now wrap in the column, each its own line, with no blank line between them (each is
    a line of its own already; a line break after the name left one)."""
    page.set_viewport_size({"width": 320, "height": 900})
    page.goto(base_url + "projects/2023/yingyang-gaishan/")  # the site's CSS, a programme page's layout
    cell = page.evaluate(YEAR_CELL, renamed_years)
    assert cell["texts"] == ["当年名称「农村饮水安全巩固提升工程」", "当年主管部门「示例县水利局农村饮水安全管理中心」"]
    assert cell["table"] <= cell["room"], cell
    assert 0 <= cell["gap"] < cell["line"] / 2, cell


def test_the_overdue_check_date_line_spaces_its_date_as_the_page_does(page: Any, base_url: str) -> None:
    """「各项状态按2024-11-20的进度」 ran the date into the words around it, where the alert above says
    「按 2024-11-20 公布的进度」 and every other date on the page stands apart."""
    page.set_viewport_size({"width": 320, "height": 900})
    page.goto(base_url + "projects/2023/yingyang-gaishan/rectification/")
    line = page.locator("dt:text-is('逾期判断日期') + dd").inner_text()
    assert line.endswith("文件未写明状态的日期，各项状态按 2024-11-20 的进度）"), line


PRINTED_FILES = """() => {
  const after = a => getComputedStyle(a, '::after').content;
  const first = document.querySelector('table.ps-files tbody th a');
  return {file: after(first), zip: after(document.querySelector('a[href$=".zip"]')),
          what: Math.round(first.closest('tr').querySelector('td.ps-what').getBoundingClientRect().width),
          name: Math.round(first.closest('th').getBoundingClientRect().width)};
}"""


def test_the_printed_downloads_page_says_where_the_files_are(paper: Any, base_url: str) -> None:
    """Printed, the 数据下载 page listed every file with its size and SHA-256 over 14 pages of the
    demo site and never where to download one. The all-years files and each year's ZIP now print
    their addresses; a file's address goes under its name, so the 内容 column keeps its room."""
    paper.goto(base_url + "downloads/")
    printed = paper.evaluate(PRINTED_FILES)
    assert printed["file"].startswith('"（https://') and printed["file"].endswith('/data/programmes.csv）"'), printed
    assert printed["zip"].startswith('"（https://') and printed["zip"].endswith('.zip）"'), printed
    assert printed["what"] > printed["name"] / 2, printed  # at its address's length 内容 was two characters wide


FACTS = """() => [...document.querySelectorAll('.ps-facts > div')].map(d => {
  const dt = d.querySelector('dt').getBoundingClientRect(), dd = d.querySelector('dd').getBoundingClientRect();
  return [d.querySelector('dt').textContent, dd.top > dt.top + 2 ? 'under' : 'beside', Math.round(dd.width)];
})"""


def test_with_the_browsers_text_at_200_percent_a_fact_goes_under_its_label(page: Any, base_url: str) -> None:
    """At 320 px with the text at 200% the 整改 page's values stood beside their labels in 103 px,
    and beside 逾期判断日期 in 58: 「2026-12-08（本站生成日期…」 one or two characters a line. A value
    now goes under its label when fewer than 7 characters fit beside it; at the site's own text
    size it stays beside."""
    page.set_viewport_size({"width": 320, "height": 900})
    page.goto(base_url + "projects/2023/yingyang-gaishan/rectification/")
    assert {place for _, place, _ in page.evaluate(FACTS)} == {"beside"}
    page.evaluate(TEXT_AT_200)
    facts = page.evaluate(FACTS)
    assert "逾期判断日期" in [label for label, _, _ in facts]
    assert all(place == "under" and width > 320 * 3 / 4 for _, place, width in facts), facts


def test_a_printed_link_without_an_address_is_not_underlined(paper: Any, base_url: str) -> None:
    """On paper a link is text: the 历年情况 table's year links printed underlined (the screen's
    underline for links in a page's body outranked the print rule) and gave no address to follow."""
    paper.goto(base_url + "projects/2023/yingyang-gaishan/")
    links = paper.locator("#ps-years a:not([data-address])").evaluate_all(
        "links => links.map(a => [a.textContent, getComputedStyle(a).textDecorationLine])")
    assert links and all(line == "none" for _, line in links), links
