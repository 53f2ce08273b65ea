"""Full-text search results a reader can use: each says what it is and of which year (Pagefind
metadata), the title weighs most, a table's numbers stay out of the excerpts, and an excerpt no
longer opens with a cut copy of the title (search.js)."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from perfsite.site import search
from perfsite.site.render import standard
from perfsite.site.report_page import stub

SEARCH_JS = Path(search.__file__).resolve().parents[1] / "assets" / "search.js"


def _doc(**extra):
    return {"name": "义务教育阶段学生营养改善计划", "year": 2022, "id": "yy", "url": "projects/2022/yy/evaluation/",
            "department": "示例县教育局", "conclusion": "总体良好", **extra}


def test_each_stub_names_its_kind_and_year_for_the_result_line() -> None:
    own = search.stub_html({**_doc(), "url": "projects/2022/yy/"})
    report = search.stub_html(stub({**_doc(), "title_suffix": "绩效评价报告"}))
    targets = search.target_stub_html({**_doc(), "url": "projects/2022/yy/targets/", "indicators": []})
    for text, kind, weight in ((own, "绩效自评", search.TITLE_WEIGHT), (report, "绩效评价报告", search.DOCUMENT_WEIGHT),
                               (targets, search.TARGETS_KIND, search.DOCUMENT_WEIGHT)):
        assert f'{search.META} data-kind="{kind}" data-year="2022"' in text
        assert re.search(rf'<h1 data-pagefind-weight="{weight}">义务教育阶段学生营养改善计划', text)
    assert search.TITLE_WEIGHT > 7 > search.DOCUMENT_WEIGHT  # a 自评 before its other documents (Pagefind's h1: 7)


def test_the_department_page_says_its_kind_and_year() -> None:
    template = (Path(search.__file__).resolve().parents[1] / "templates" / "department.html").read_text(encoding="utf-8")
    assert 'data-pagefind-meta="kind[data-kind], year[data-year]" data-kind="部门整体" data-year="{{ d["year"] }}"' in template
    assert standard()  # the template set loads with it


def _fragments(bundle: Path) -> list[dict]:
    return [json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd")) for f in (bundle / "fragment").iterdir()]


def test_a_table_s_number_cells_are_not_indexed_and_kind_and_year_are_metadata(tmp_path: Path) -> None:
    page = tmp_path / "src" / "departments" / "jiaoyu" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(f'<html lang="zh-CN"><body><div {search.MARK} {search.META} data-kind="部门整体" data-year="2023">'
                    "<h1>示例县教育局</h1><table><tr><th>学生营养改善计划</th><td class=\"ps-num\">604.00</td>"
                    '<td class="ps-num">98.52%</td></tr></table></div></body></html>', encoding="utf-8")
    search._pagefind(tmp_path / "src", tmp_path / "out")
    [fragment] = _fragments(tmp_path / "out")
    text = fragment["content"].replace("\u200b", "")
    assert "学生营养改善计划" in text and "604" not in text and "98.52" not in text
    assert fragment["meta"] == {"title": "示例县教育局", "kind": "部门整体", "year": "2023"}


NODE_HARNESS = r"""
const fs = require("fs");
const src = fs.readFileSync(process.argv[2], "utf8");
const made = [];
function node(tag, attrs, kids) { return {tag, attrs, kids: kids || [], querySelector: () => null}; }
global.window = {perfsiteDom: {el: node}};
global.document = {readyState: "complete", getElementById: () => null,
  createElement: () => { const t = {}; Object.defineProperty(t, "innerHTML", {set(v) { t.value = v.replace(/&amp;/g, "&"); }}); return t; },
  createTextNode: (text) => ({text})};
global.location = {href: "http://x/search/", origin: "http://x"};
eval(src.replace("function hitNode(data) {", "window.hitNode = hitNode; function hitNode(data) {"));
const hit = window.hitNode(JSON.parse(process.argv[3]));
const flat = (n) => typeof n === "string" ? n : n.text !== undefined ? n.text : (n.tag === "mark" ? "[" + n.kids.map(flat).join("") + "]" : n.kids.map(flat).join(""));
console.log(JSON.stringify(hit.kids.map(flat)));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_a_result_shows_its_kind_and_year_and_no_cut_title(tmp_path: Path) -> None:
    harness = tmp_path / "h.js"
    harness.write_text(NODE_HARNESS, encoding="utf-8")
    data = {"url": "/projects/2021/yy/", "meta": {"title": "义务教育阶段学生营养改善计划（2021年度）", "kind": "绩效自评",
                                                  "year": "2021"},
            "excerpt": "教育阶段<mark>学生营养</mark>改善计划（2021年度） 示例县教育局 · 单位自评"}
    out = subprocess.run(["node", str(harness), str(SEARCH_JS), json.dumps(data, ensure_ascii=False)],
                         capture_output=True, text=True, check=True).stdout
    kind, title, excerpt = json.loads(out)
    assert kind == "绩效自评 · 2021年度" and title == "义务教育阶段[学生营养]改善计划（2021年度）"  # marked there now
    assert excerpt == "示例县教育局 · 单位自评"
    prose = {"url": "/method/", "meta": {"title": "方法说明"}, "excerpt": "按<mark>评分规则</mark>复算"}
    out = subprocess.run(["node", str(harness), str(SEARCH_JS), json.dumps(prose, ensure_ascii=False)],
                         capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == ["说明文档", "方法说明", "按[评分规则]复算"]
