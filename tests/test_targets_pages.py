"""The 绩效目标表 pages, their links with the 自评 pages, and the 目标调低 flag, on the seed data."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
import test_site_serve as serve
from conftest_site import build_or_fail, index_rows, mkdocs_build
from test_site_serve import preview  # noqa: F401  (the serve tests' preview server, a fixture)

from perfsite.checkcache import check_tree
from perfsite.problems import Severity

REPO = Path(__file__).resolve().parent.parent
TARGETS_2022 = "projects/2022/yingyang-gaishan/targets/"
EVALUATION_2022 = "projects/2022/yingyang-gaishan/"


def _text(page: Path) -> str:
    """The page's visible text, tags dropped, entities decoded, spaces collapsed."""
    body = re.sub(r"<script.*?</script>|<style.*?</style>", "", page.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seed data built with its target tables, and without them."""
    tmp = tmp_path_factory.mktemp("targets")
    without = tmp / "data-without"
    shutil.copytree(REPO / "data", without)
    removed = list(without.rglob("*-mubiao.yaml"))
    assert len(removed) == 4  # two programmes' tables of 2022 and 2023
    for path in removed:
        path.unlink()
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
    try:
        return build_or_fail(tmp / "with", REPO / "data"), build_or_fail(tmp / "without", without)
    finally:
        mp.undo()


def test_the_targets_page_shows_each_field(sites):
    text = _text(sites[0] / TARGETS_2022 / "index.html")
    for shown in ("项目支出绩效目标表", "义务教育阶段学生营养改善计划", "示例县教育局（编码 301001）",
                  "示例县教育局及各义务教育学校", "延续", "2021-2025", "578.00 万元", "财政拨款", "其他资金",
                  "资金总额 = 财政拨款 + 其他资金，核对一致", "到2025年，全县农村义务教育学生营养膳食补助全覆盖",
                  "为全县46所学校约1.2万名学生提供营养膳食补助", "≥1.2万人", "≥93%", "=0起", "≤5元", "明显改善",
                  "享受营养膳食补助的在校学生人数", "历史标准", "学生体质健康测试数据", "核心指标",
                  "11141000MB0000000X/2022-00012", "示财预〔2022〕8号", "示例县财政局", "有效",
                  "更正记录", "2022-03-01", "供餐学校数的指标值由 45 所更正为 46 所", "原表漏计新建的一所学校"):
        assert shown in text, shown
    cores = re.findall(r"<th scope=\"row\">([^<]+)<span class=\"ps-core\"", (sites[0] / TARGETS_2022 / "index.html").read_text())
    assert [c.strip() for c in cores] == ["受益学生人数", "食品安全事故数", "学生体质健康达标率"]


ROAD_2023 = "projects/2023/nongcun-gonglu-yanghu/targets/"


def test_the_midterm_set_has_its_own_table_with_the_period(sites):
    page = (sites[0] / ROAD_2023 / "index.html").read_text(encoding="utf-8")
    text = _text(sites[0] / ROAD_2023 / "index.html")
    assert "年度绩效指标 年度绩效指标（7 项）" in text
    assert "中期绩效指标（实施期 2021年至2025年）" in text and "中期绩效指标（4 项）" in text
    assert "只用年度指标" in text  # the comparison with the 自评 is said to take the 年度 set only
    midterm = page[page.index('id="ps-mid"'):page.index("</section>", page.index('id="ps-mid"'))]
    assert re.findall(r'<th scope="row">([^<]+)', midterm) == [
        "实施期累计养护里程 ", "农村公路优良中等路率 ", "村级养护专管员覆盖率", "沿线群众满意度"]
    assert "≥6500公里" in midterm and "年度公路技术状况评定" in midterm and "养护里程" not in midterm.replace("累计养护里程", "")
    twin = json.loads((sites[0] / ROAD_2023 / "nongcun-gonglu-yanghu.targets.json").read_text(encoding="utf-8"))
    assert [(r["name"], r["target_text"], r["core"]) for r in twin["midterm_indicators"]][:2] == [
        ("实施期累计养护里程", "≥6500公里", True), ("农村公路优良中等路率", "≥85%", True)]
    assert len(twin["indicators"]) == 7
    evaluation = json.loads((sites[0] / "projects/2023/nongcun-gonglu-yanghu/nongcun-gonglu-yanghu.json").read_bytes())
    compared = [r["path"] for part in ("rows", "removed") for r in evaluation["target_comparison"][part]]
    assert compared and not any("实施期累计养护里程" in p or "专管员" in p for p in compared)
    # a one-year table has neither the section nor the key
    assert 'id="ps-mid"' not in (sites[0] / TARGETS_2022 / "index.html").read_text(encoding="utf-8")
    assert "midterm_indicators" not in json.loads((sites[0] / TARGETS_2022 / "yingyang-gaishan.targets.json").read_bytes())


def test_the_targets_page_has_a_json_twin_and_its_yaml(sites):
    folder = sites[0] / TARGETS_2022
    twin = json.loads((folder / "yingyang-gaishan.targets.json").read_text(encoding="utf-8"))
    assert twin["kind"] == "绩效目标" and twin["url"] == TARGETS_2022
    assert twin["funds"] == {"unit": "万元", "total": "578.00", "fiscal": "578.00", "other": "0.00",
                             "computed": "578.00", "consistent": True}
    assert [i["target_text"] for i in twin["indicators"]][:2] == ["≥1.2万人", "≥46所"]
    assert twin["self_evaluation"] == EVALUATION_2022
    assert (folder / "yingyang-gaishan.targets.yaml").read_bytes() == \
        (REPO / "data/2022/jiaoyu/yingyang-gaishan-mubiao.yaml").read_bytes()


def test_the_lowered_target_is_flagged_on_the_self_evaluation_page(sites):
    page = (sites[0] / EVALUATION_2022 / "index.html").read_text(encoding="utf-8")
    text = _text(sites[0] / EVALUATION_2022 / "index.html")
    # its 目标表 was corrected (2022-03-01) before the 自评 was published: the table it is lower than is the corrected one
    assert ('本项目有 1 项指标的目标低于更正后的<a href="targets/">绩效目标表</a>（该表在本自评表公布之前更正过：2022-03-01，'
            '供餐学校数的指标值由 45 所更正为 46 所；本自评表公布时有效的是更正后的目标）') in page
    row = re.search(r"<tr class=\"ps-flagged\"><th scope=\"row\">效益指标 / 社会效益指标 / 学生体质健康达标率.*?</tr>", page)
    assert row is not None
    assert "≥93%" in row.group(0) and "≥92%" in row.group(0) and "⚠" in row.group(0) and "目标调低" in row.group(0)
    assert "绩效目标表中没有此指标" in text  # 自评 rows the target table lacks


def test_the_pages_link_both_ways(sites):
    evaluation = (sites[0] / EVALUATION_2022 / "index.html").read_text(encoding="utf-8")
    targets = (sites[0] / TARGETS_2022 / "index.html").read_text(encoding="utf-8")
    assert 'href="targets/"' in evaluation
    assert 'href="../">本项目2022年度绩效自评' in targets
    assert '"base": "../../../.."' in targets  # the theme's links from one folder deeper


def test_every_relative_link_of_a_targets_page_resolves(sites):
    for year in (2022, 2023):
        folder = sites[0] / f"projects/{year}/yingyang-gaishan/targets"
        page = (folder / "index.html").read_text(encoding="utf-8")
        for link in re.findall(r'(?:href|src)="([^"#:?]+)"', page):
            target = (folder / html.unescape(link)).resolve()
            assert target.is_file() or (target / "index.html").is_file(), link


TABLES = ("yingyang-gaishan", "nongcun-gonglu-yanghu")
"""The programmes with a 绩效目标表 in 2022 and 2023 (the fixture's `without` has none)."""
LISTINGS = ("index.html", "years/2022/index.html", "years/2023/index.html", "departments/示例县教育局/index.html",
            "departments/示例县交通运输局/index.html", "regions/示例省示例市示例县/index.html")
"""The pages listing the programmes with target tables (the home page's latest year among them)."""
_MARKS = re.compile(r' <a class="ps-tag ps-tag--targets"[^>]*>目标表</a>(?:<span class="ps-tag ps-tag--lowered".*?</span></span>)?'
                    r'|<a href="projects/\?year=all&amp;targets=has%2Flowered">目标调低的项目（\d+ 个）</a>　')
"""The marks, and the home page's 常用查询 link to the programmes whose targets were lowered."""


def test_pages_of_programmes_without_a_target_table_are_unchanged(sites):
    with_targets, without = (_files(s) for s in sites)
    changed = {name for name in without if with_targets.get(name) != without[name]}
    pages = {f"projects/{year}/{ident}/{name}" for year in (2022, 2023) for ident in TABLES
             for name in ("index.html", f"{ident}.json")}
    # the programmes' other documents (评价报告, 整改) link the 绩效目标表, in page and twin
    others = {f"projects/{year}/{ident}/{kind}/{name}" for year in (2022, 2023) for ident in TABLES
              for kind in ("evaluation", "rectification") for name in ("index.html", f"{ident}.{kind}.json")}
    assert changed == pages | others | {
        "sitemap.xml", "sitemap.xml.gz",  # which lists the targets pages besides
        "perfsite-manifest.json",  # which counts the documents published by kind
        *LISTINGS, "projects/index.html", "projects/index/2022.json", "projects/index/2023.json",  # marks, facet
        "departments/示例县教育局/2023/index.html",  # the department page lists its programmes with their marks
        "departments/示例县教育局/2023/department.json",  # and its twin says which have a 目标表 and 目标调低
        "data/datapackage.json", "data/files.json", "downloads/index.html", "feed.xml",  # /data/targets.csv
        *(f"data/{year}{name}" for year in (2022, 2023) for name in ("/datapackage.json", ".zip")),  # and each year's
        *(name.replace("index.html", twin) for name in LISTINGS[1:] for twin in ("programmes.csv", "programmes.json")),
        # each 自评 row's 与绩效目标对照 and each programme's 目标调低数, filled where there is a 目标表
        *(f"data/{folder}{name}" for folder in ("", "2022/", "2023/")
          for name in ("indicators.csv", "programmes.csv", "perfsite.xlsx"))}
    for name in LISTINGS:  # a listing differs by the programmes' marks only
        assert _MARKS.sub("", with_targets[name].decode()) == without[name].decode(), name
    feed = with_targets["feed.xml"].decode()
    [entry] = re.findall(r"<entry>\s*<title>更正：[^<]*绩效目标表）</title>.*?</entry>", feed, flags=re.S)
    assert "projects/2022/yingyang-gaishan/targets/#ps-corrections" in entry and "2022-03-01" in entry
    sitemap = with_targets["sitemap.xml"].decode()
    assert sitemap.count("/targets/</loc>") == 4
    assert re.sub(r"\s*<url>\s*<loc>[^<]*/targets/</loc>.*?</url>", "", sitemap, flags=re.S) == \
        without["sitemap.xml"].decode()
    assert {n for n in with_targets if n not in without} == {
        f"projects/{year}/{ident}/targets/{name}" for year in (2022, 2023) for ident in TABLES
        for name in ("index.html", f"{ident}.targets.csv", f"{ident}.targets.json", f"{ident}.targets.yaml")} | {
        "data/targets.csv", "data/targets.xlsx",
        *(f"data/{year}/targets.{ext}" for year in (2022, 2023) for ext in ("csv", "xlsx"))}


def _row(listing: str, ident: str) -> str:
    row = re.search(rf"<tr>(?:(?!</tr>).)*{ident}/(?:(?!</tr>).)*</tr>", listing, flags=re.S)
    assert row is not None
    return row.group(0)


def test_listings_and_the_index_mark_the_target_table_and_the_lowered_target(sites):
    years = (sites[0] / "years/2022/index.html").read_text(encoding="utf-8")
    row = _row(years, "yingyang-gaishan")
    assert 'href="../../projects/2022/yingyang-gaishan/targets/"' in row and "⚠ 目标调低" in row
    assert "⚠ 目标调低" not in _row(years, "nongcun-gonglu-yanghu")
    later = (sites[0] / "years/2023/index.html").read_text(encoding="utf-8")
    kept = _row(later, "yingyang-gaishan")
    assert 'href="../../projects/2023/yingyang-gaishan/targets/"' in kept and "目标调低" not in kept
    assert "⚠ 目标调低" in _row(later, "nongcun-gonglu-yanghu")  # its 自评 restates one target lower
    rows = {r["path"]: r for r in index_rows(lambda path: (sites[0] / path).read_bytes())}
    assert json.loads((sites[0] / "projects/index.json").read_bytes())["version"] == 8
    assert {p: r["targets"] for p, r in rows.items() if r["targets"]} == {
        "2022/yingyang-gaishan/": 2, "2023/yingyang-gaishan/": 1,
        "2022/nongcun-gonglu-yanghu/": 1, "2023/nongcun-gonglu-yanghu/": 2}
    assert sum(1 for r in rows.values() if r["targets"] == 0) == len(rows) - 4
    twin = json.loads((sites[0] / "years/2022/programmes.json").read_bytes())["programmes"]
    assert {p["url"]: (p["targets"], p["lowered"]) for p in twin if p["targets"]} == {
        EVALUATION_2022: (TARGETS_2022, 1),
        "projects/2022/nongcun-gonglu-yanghu/": ("projects/2022/nongcun-gonglu-yanghu/targets/", 0)}


def test_the_self_evaluation_twin_carries_the_comparison(sites):
    twin = json.loads((sites[0] / EVALUATION_2022 / "yingyang-gaishan.json").read_text(encoding="utf-8"))
    comparison = twin["target_comparison"]
    assert (comparison["url"], comparison["lowered"]) == (TARGETS_2022, 1)
    [lowered] = [r for r in comparison["rows"] if r["change"] == "lowered"]
    assert (lowered["path"], lowered["planned"], lowered["restated"], lowered["label"], lowered["flagged"]) == (
        "效益指标 / 社会效益指标 / 学生体质健康达标率", "≥93%", "≥92%", "目标调低", True)
    other = json.loads((sites[0] / "projects/2021/xiaoshenggui/xiaoshenggui.json").read_text(encoding="utf-8"))
    assert other["target_comparison"] is None


def test_open_data_has_the_target_indicator_table_and_the_feed_its_entries(sites):
    import csv
    import io

    from openpyxl import load_workbook

    root = sites[0]
    rows = list(csv.DictReader(io.StringIO((root / "data/targets.csv").read_bytes().decode("utf-8-sig"))))
    tables = [yaml_rows(path) for path in REPO.glob("data/*/*/*-mubiao.yaml")]
    assert len(tables) == 4 and len(rows) == sum(len(t) for t in tables)
    [first] = [r for r in rows if (r["年度"], r["项目标识"], r["序号"]) == ("2022", "yingyang-gaishan", "1")]
    assert (first["年度"], first["项目标识"], first["序号"], first["三级指标"], first["指标性质"], first["指标值"],
            first["度量单位"], first["目标"], first["核心指标"]) == (
        "2022", "yingyang-gaishan", "1", "受益学生人数", "≥", "1.2", "万人", "≥1.2万人", "true")
    assert list(rows[0])[-2:] == ["指标组", "示例数据"]  # columns added last: the others keep their places
    # the 2023 农村公路养护 table has 7 年度 and 4 中期 indicators: the 中期 rows follow, numbered on
    road = [(r["序号"], r["三级指标"], r["指标组"]) for r in rows if (r["年度"], r["项目标识"]) == ("2023", "nongcun-gonglu-yanghu")]
    assert [x[2] for x in road] == ["年度"] * 7 + ["中期"] * 4
    assert road[7] == ("8", "实施期累计养护里程", "中期") and [int(x[0]) for x in road] == list(range(1, 12))
    assert {r["指标组"] for r in rows if r["项目标识"] != "nongcun-gonglu-yanghu" or r["年度"] != "2023"} == {"年度"}
    sheet = load_workbook(root / "data/targets.xlsx", read_only=True)["绩效目标"]
    assert sheet.max_row == len(rows) + 1
    package = json.loads((root / "data/datapackage.json").read_bytes())
    [resource] = [r for r in package["resources"] if r["name"] == "targets"]
    assert resource["path"] == "targets.csv" and "foreignKeys" not in resource["schema"]
    assert {f["name"]: f.get("unit") for f in resource["schema"]["fields"]}["权重"] == "分"
    manifest = json.loads((root / "data/files.json").read_bytes())["files"]
    assert manifest["data/targets.csv"]["rows"] == len(rows)
    downloads = (root / "downloads/index.html").read_text(encoding="utf-8")
    assert 'data-file="data/targets.csv"' in downloads and 'data-table="targets"' in downloads
    feed = (root / "feed.xml").read_text(encoding="utf-8")
    assert len(re.findall(r"<title>(?!更正)[^<]*年度绩效目标表）</title>", feed)) == 4 and "/projects/2022/yingyang-gaishan/targets/" in feed


def yaml_rows(path: Path) -> list[object]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["indicators"] + (data.get("midterm_indicators") or [])


def test_a_target_table_with_errors_is_reported_with_file_and_line_and_refused(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    path = data / "2022/jiaoyu/yingyang-gaishan-mubiao.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("nature: \"≤\"\n    target: 5\n", "nature: \"≤\"\n    target: 五元\n"), encoding="utf-8")
    line = next(i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "五元" in t)
    errors = [p for p in check_tree(data, data, use_cache=False).problems if p.severity is Severity.ERROR]
    assert [(p.file, p.line) for p in errors] == [("2022/jiaoyu/yingyang-gaishan-mubiao.yaml", line)]
    result = mkdocs_build(tmp_path / "site", data)
    assert result.returncode != 0
    assert "2022/jiaoyu/yingyang-gaishan-mubiao.yaml" in result.stdout + result.stderr


def test_a_target_table_without_its_self_evaluation_and_a_removed_indicator(tmp_path, monkeypatch):
    """A programme-year with a target table only still gets its page (saying the 自评 is not here);
    an indicator the 自评 leaves out is listed under the comparison."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    (data / "2022/jiaoyu/yingyang-gaishan.yaml").unlink()
    table = data / "2023/jiaoyu/yingyang-gaishan-mubiao.yaml"
    table.write_text(table.read_text(encoding="utf-8") + '  - {level1: 效益指标, level2: 社会效益指标, '
                     'name: 学生近视率, nature: "≤", target: 30, unit: "%"}\n', encoding="utf-8")
    site = build_or_fail(tmp_path / "site", data)
    alone = site / TARGETS_2022
    assert "本站尚未收录本项目2022年度的绩效自评" in _text(alone / "index.html")
    assert json.loads((alone / "yingyang-gaishan.targets.json").read_text(encoding="utf-8"))["self_evaluation"] is None
    assert not (site / EVALUATION_2022 / "index.html").exists()
    removed = re.search(r"自评中没有的指标：</strong>(.*?)</p>", (site / "projects/2023/yingyang-gaishan/index.html")
                        .read_text(encoding="utf-8"))
    assert removed is not None and "效益指标 / 社会效益指标 / 学生近视率（目标 ≤30%）" in removed.group(1)


def test_serve_drops_a_targets_page_whose_table_is_gone(tmp_path):
    from perfsite.site.session import prune

    programme = tmp_path / "projects/2022/a"
    (programme / "targets").mkdir(parents=True)
    (tmp_path / "projects/2022/b/targets").mkdir(parents=True)
    prune(tmp_path / "projects", {"projects/2022/a/", "projects/2022/b/", "projects/2022/b/targets/"})
    assert programme.is_dir() and not (programme / "targets").exists()
    assert (tmp_path / "projects/2022/b/targets").is_dir()


def test_serve_shows_an_added_target_table_and_drops_a_removed_one(preview):  # noqa: F811
    """Under `mkdocs serve`, a 绩效目标表 added beside a 自评 gets its page and the comparison;
    removed, both go (the mirror keeps no stale page, the 自评 page is rendered again)."""
    data, base, _ = preview
    path, url = serve._programme(data, 0)
    year, ident = url.split("/")[1:3]
    table = path.parent / f"{ident}-mubiao.yaml"
    table.write_text(f"kind: 绩效目标\nid: {ident}\nyear: {year}\nname: 测试项目\ndepartment: 测试部门\n"
                     "indicators:\n  - {level1: 产出指标, level2: 数量指标, name: 未评价的指标, nature: \"≥\", "
                     "target: 5, unit: 个}\n", encoding="utf-8")
    serve._until(lambda: serve._get(base + url + "targets/")[0] == 200, "show the targets page")
    serve._until(lambda: "自评中没有的指标" in serve._get(base + url)[1], "compare the 自评 with it")
    assert 'href="targets/"' in serve._get(base + url)[1]
    table.unlink()
    serve._until(lambda: serve._get(base + url + "targets/")[0] == 404, "drop the targets page")
    serve._until(lambda: 'href="targets/"' not in serve._get(base + url)[1], "render the 自评 page again")
