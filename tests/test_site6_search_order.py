"""Full-text search results in reading order: a programme's newest 自评 first, then its older
years, each year's 自评 before its other documents, the site's own pages (部门整体, 说明文档) last.
Run on real Pagefind indexes (one a year, as the build makes them) by Pagefind's own script in
node, with search.js's ordering (orderedSearch, mergeOptions) on top."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from perfsite.site import search

SEARCH_JS = Path(search.__file__).resolve().parents[1] / "assets" / "search.js"
NAME = "义务教育阶段学生营养改善计划"

HARNESS = r"""
const fs = require("fs");
const path = require("path");
const [site, js, query, raw] = process.argv.slice(2);
globalThis.fetch = async (url) => {
  const buf = fs.readFileSync(path.join(site, decodeURIComponent(new URL(url, "http://x/").pathname)));
  return {ok: true, status: 200, json: async () => JSON.parse(buf.toString()),
          arrayBuffer: async () => buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)};
};
global.window = {perfsiteDom: {el: () => null}};
global.document = {readyState: "complete", getElementById: () => null, createElement: () => ({})};
global.location = {href: "http://x/search/", origin: "http://x"};
eval(fs.readFileSync(js, "utf8").replace("function orderedSearch(", "window.ui = {orderedSearch, mergeOptions}; function orderedSearch("));
(async () => {
  const pf = await import(path.join(site, "pagefind", "pagefind.js"));
  await pf.options({baseUrl: "/", basePath: "/pagefind/", noWorker: true});
  const merged = ["/pagefind/2023/", "/pagefind/2022-1/", "/pagefind/2022-2/", "/pagefind/2021/"];
  for (const u of merged) await pf.mergeIndex(u, window.ui.mergeOptions(u, "/"));
  const found = raw ? (await pf.search(query)).results : await window.ui.orderedSearch(pf, query, ["2023", "2022", "2021"]);
  const out = [];
  for (const r of found) out.push((await r.data()).url);
  console.log(JSON.stringify(out));
})();
"""


def _programme(year: int, ident: str, name: str, story: str) -> dict:
    return {"name": name, "year": year, "id": ident, "url": f"projects/{year}/{ident}/", "department": "示例县教育局",
            "region": "示例县", "evaluation": "单位自评", "indicators": [{"level1": "产出指标", "name": "受益学生人数"}],
            "sections": [{"title": "项目概况", "html": f"<p>{story}</p>"}]}


def _write(folder: Path, url: str, text: str) -> None:
    (folder / url).mkdir(parents=True, exist_ok=True)
    (folder / url / "index.html").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three years of one programme (自评 with a long narrative, 绩效目标表, 评价报告), 2022 in two
    parts as a big year is, another programme that mentions the name, and a department page
    (the prose index) whose table names it."""
    root = tmp_path_factory.mktemp("order")
    stubs = root / "stubs"
    long_story = "按国家规定为农村义务教育阶段学生提供营养膳食补助，" * 12
    for year, part in ((2023, "2023"), (2022, "2022-1"), (2021, "2021")):
        own = _programme(year, "yy", NAME, long_story)
        _write(stubs / part, own["url"], search.stub_html(own))
        _write(stubs / part, f"{own['url']}targets/",
               search.target_stub_html({**own, "url": f"{own['url']}targets/", "indicators": []}))
        _write(stubs / part, f"{own['url']}evaluation/",
               search.stub_html({**own, "url": f"{own['url']}evaluation/", "kind_label": "绩效评价报告"}))
    other = _programme(2022, "canting", "学校食堂改造项目", f"配合{NAME}建设食堂。")
    _write(stubs / "2022-2", other["url"], search.stub_html(other))
    _write(stubs / search.PROSE, "departments/jiaoyu/2023/",
           f'<html lang="zh-CN"><body><div {search.MARK} {search.META} data-kind="部门整体" data-year="2023">'
           f"<h1>示例县教育局</h1><table><tr><th>{NAME}</th></tr><tr><th>{NAME}</th></tr></table></div></body></html>")
    out = root / "site" / "pagefind"
    search._pagefind(stubs / search.PROSE, out)
    for part in ("2023", "2022-1", "2022-2", "2021"):
        search._pagefind(stubs / part, out / part)
    return root / "site"


def _run(site: Path, query: str, raw: bool = False) -> list[str]:
    harness = site.parent / "h.js"
    harness.write_text(HARNESS, encoding="utf-8")
    done = subprocess.run(["node", str(harness), str(site), str(SEARCH_JS), query, "1" if raw else ""],
                          capture_output=True, text=True, check=True, timeout=60)
    return json.loads(done.stdout)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_a_programme_s_name_finds_its_newest_self_evaluation_first_then_older_years_then_the_department(
        site: Path) -> None:
    got = _run(site, "学生营养")
    assert len(got) == 11
    assert got[0] == "/projects/2023/yy/" and got[3] == "/projects/2022/yy/" and got[7] == "/projects/2021/yy/"
    assert set(got[1:3]) == {"/projects/2023/yy/targets/", "/projects/2023/yy/evaluation/"}
    assert got[4] == "/projects/2022/canting/"  # another 自评 of 2022 (the name in its story) before 2022's other documents
    assert set(got[5:7]) == {"/projects/2022/yy/targets/", "/projects/2022/yy/evaluation/"}
    assert set(got[8:10]) == {"/projects/2021/yy/targets/", "/projects/2021/yy/evaluation/"}
    assert got[10] == "/departments/jiaoyu/2023/"
    named = _run(site, NAME)  # the whole name: the pages of that title first, then the other programme
    # within a year the documents after the 自评 follow Pagefind's relevance, which differs by query
    assert named[0] == got[0] and set(named[1:3]) == set(got[1:3]) and named[3] == got[3]
    assert set(named[4:6]) == set(got[5:7]) and named[6] == got[7] and set(named[7:9]) == set(got[8:10])
    assert named[-2:] == ["/projects/2022/canting/", "/departments/jiaoyu/2023/"]
    raw = _run(site, "学生营养", raw=True)  # Pagefind alone: 2023, 2022, 2021 自评, then 2023, 2022 … 评价报告
    assert sorted(raw) == sorted(got) and raw != got


def test_the_search_page_says_how_results_are_ordered() -> None:
    page = search.search_page(True, ["2023", "2022"])
    assert "结果先列标题与检索词相符的页面，再列其余的；两部分都按年度从新到旧排列，同一年度先列绩效自评" in page.html
