"""The department page of the seed data (示例县教育局, 2023): both 部门整体 documents, the lowered
target flagged, the department's programmes linked, the 按部门 listing linking to it, its JSON
twin documented key for key, full-text search finding it, and every other page unchanged."""

from __future__ import annotations

import gzip
import html
import json
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
import test_site_serve as serve
from conftest_site import build_or_fail
from test_json_contract import documented, key_paths
from test_site_serve import preview  # noqa: F401  (the serve tests' preview server, a fixture)

REPO = Path(__file__).resolve().parent.parent
PAGE = "departments/示例县教育局/2023/"
FILES = ("bumen-zhengti-mubiaobiao.yaml", "bumen-zhengti-zipingbiao.yaml")


def _text(page: Path) -> str:
    """The page's visible text, tags dropped, entities decoded, spaces collapsed."""
    body = re.sub(r"<script.*?</script>|<style.*?</style>", "", page.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.relative_to(root).as_posix().startswith("pagefind/")}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seed data built (with full-text search) with its 部门整体 documents, and without them."""
    tmp = tmp_path_factory.mktemp("department")
    without = tmp / "data-without"
    shutil.copytree(REPO / "data", without)
    for name in FILES:
        (without / "2023" / "jiaoyu" / name).unlink()
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
    mp.setenv("PERFSITE_SEARCH", "1")
    try:
        return build_or_fail(tmp / "with", REPO / "data"), build_or_fail(tmp / "without", without)
    finally:
        mp.undo()


def test_the_department_page_shows_both_documents_and_the_programmes(sites):
    text = _text(sites[0] / PAGE / "index.html")
    for shown in ("2023年度 · 部门整体支出绩效", "示例县教育局", "公布得分 99.63 分", "复算一致", "编码 301",
                  "部门职能", "统筹规划和管理全县学前教育", "年度主要任务（金额单位：万元）", "义务教育经费保障",
                  "8,650.00", "8,780.00", "8,650.30", "11,000.00", "11,235.60", "11,012.40", "67.12%",
                  "预算执行率 98.01%", "原表公布 98.01%", "年初目标", "实际完成情况", "学前教育毛入园率90.4%",
                  "≥1200人次", "≥1000人次", "目标调低", "自评中有 1 项指标的目标低于年初公布的部门整体绩效目标表",
                  "9.83", "偏差原因分析及改进措施", "城东幼儿园因施工延误", "本部门2023年度项目",
                  "义务教育阶段学生营养改善计划", "示财预〔2023〕5号", "示例县财政局"):
        assert shown in text, shown


def test_the_page_links_the_programmes_and_every_link_resolves(sites):
    folder = sites[0] / PAGE
    page = (folder / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'(?:href|src)="([^"#:?]+)"', page)
    assert "../../../projects/2023/yingyang-gaishan/" in links and "../" in links  # the programme, the listing
    for link in links:
        target = (folder / html.unescape(link)).resolve()
        assert target.is_file() or (target / "index.html").is_file(), link


@pytest.mark.parametrize(("listing", "label"), [("departments/", "2023年度部门整体绩效"),
                                               ("departments/示例县教育局/", "2023年度")])
def test_the_departments_listings_link_the_department_page(sites, listing, label):
    page = sites[0] / listing / "index.html"
    links = re.findall(rf'href="([^"]+)"[^>]*>{label}<', page.read_text(encoding="utf-8"))
    assert [(page.parent / html.unescape(link)).resolve() for link in links] == [(sites[0] / PAGE).resolve()]


def test_the_departments_self_evaluations_link_the_department_page(sites):
    """A 自评 of the department-year links its department page; one of another year or department
    does not, and without 部门整体 documents no 自评 page has the link."""
    linking = []
    for page in sorted((sites[0] / "projects").rglob("index.html")):
        links = re.findall(r'href="([^"]+)"[^>]*>(\d{4})年度部门整体绩效<', page.read_text(encoding="utf-8"))
        if links:
            assert [((page.parent / html.unescape(link)).resolve(), year) for link, year in links] == \
                [((sites[0] / PAGE).resolve(), "2023")]
            linking.append(page.parent.relative_to(sites[0]).as_posix())
    assert linking == ["projects/2023/yingyang-gaishan"]
    assert not [p for p in (sites[1] / "projects").rglob("index.html") if "ps-dept-page" in p.read_text(encoding="utf-8")]


def test_the_twin_is_documented_key_for_key_and_the_sources_are_beside_it(sites):
    folder = sites[0] / PAGE
    twin = json.loads((folder / "department.json").read_text(encoding="utf-8"))
    assert key_paths(twin) == documented("## 部门页的 JSON 数据", "\n## ")
    assert (twin["self_evaluation"]["total"], twin["comparison"]["lowered"]) == ("99.63", 1)
    assert [r["url"] for r in twin["programmes"]] == ["projects/2023/yingyang-gaishan/"]
    for key, name in (("targets_yaml", FILES[0]), ("self_evaluation_yaml", FILES[1])):
        published = sites[0] / twin["downloads"][key]
        assert published.read_bytes() == (REPO / "data" / "2023" / "jiaoyu" / name).read_bytes()


def test_full_text_search_finds_the_department_page(sites):
    fragments = [gzip.decompress(f.read_bytes()) for f in (sites[0] / "pagefind" / "fragment").glob("*.pf_fragment")]
    found = [f for f in fragments if f'"url":"/{PAGE}"'.encode() in f]
    assert len(found) == 1 and "偏差原因".encode() in found[0]


def test_every_other_page_is_unchanged(sites):
    with_pages, without = (_files(s) for s in sites)
    changed = {name for name in without if with_pages.get(name) != without[name]}
    assert changed == {"departments/index.html", "departments/示例县教育局/index.html", "sitemap.xml", "sitemap.xml.gz",
                       "perfsite-manifest.json",  # which counts the documents published by kind
                       "projects/2023/yingyang-gaishan/index.html",  # the department's 自评 links the page
                       "feed.xml", "data/datapackage.json", "data/files.json", "data/evaluations.xlsx",
                       "downloads/index.html",  # /data/'s 部门整体 table (perfsite.opendata.cycle)
                       "data/perfsite.xlsx",  # its 部门整体 sheet
                       "data/2023/datapackage.json", "data/2023/evaluations.xlsx", "data/2023/perfsite.xlsx",
                       "data/2023.zip"}  # and 2023's
    assert {n for n in with_pages if n not in without} == {
        f"{PAGE}{name}" for name in ("index.html", "department.json", "department.csv", "department-targets.yaml",
                                     "department-self-evaluation.yaml")} | {
        f"data/{year}{name}.csv" for year in ("", "2023/") for name in ("departments", "department_indicators")}
    assert f"/{quote(PAGE)}</loc>" in with_pages["sitemap.xml"].decode()


def test_serve_shows_an_added_department_document_and_drops_a_removed_one(preview):  # noqa: F811
    """Under `mkdocs serve`, a 部门整体 self-evaluation added to the data gets its department page
    (with the department's programmes), an edit shows, and removed, the page goes."""
    data, base, _ = preview
    path, url = serve._programme(data, 0)
    text = path.read_text(encoding="utf-8")
    department = re.search(r"^department:\s*(.+)$", text, re.M).group(1).strip()  # type: ignore[union-attr]
    year = url.split("/")[1]
    page = base + quote(f"departments/{department}/{year}/")
    added = path.parent / "bumen-zhengti.yaml"
    document = (f"kind: 部门整体自评\nyear: {year}\ndepartment: {department}\nreported: {{score: 100}}\n"
                "indicators:\n  - {name: 指标, weight: 100, target: '≥5个', actual: '5个'}\n")
    added.write_text(document, encoding="utf-8")
    serve._until(lambda: serve._get(page)[0] == 200, "show the department page")
    assert f'href="../../../{url}"' in serve._get(page)[1]  # the programme, listed with it
    added.write_text(document.replace("actual: '5个'", "actual: '4个'"), encoding="utf-8")
    serve._until(lambda: "复算 80.00" in re.sub(r"<[^>]+>", "", serve._get(page)[1]), "show the edit")
    added.unlink()
    serve._until(lambda: serve._get(page)[0] == 404, "drop the department page")
