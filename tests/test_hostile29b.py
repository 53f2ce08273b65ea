"""A series with a year that has only a 绩效目标表 (2023 between the 自评s of 2022 and 2024), said
right everywhere: the 各年度指标对照 says that year has no 自评表 (not no data), the 历年情况 row
links the year's 绩效目标表 and names the year a programme was published under another name,
check does not call the table's year mistyped, and a rename in the table is checked against every
year's 自评 as a 自评's is. The sitemap's lastmod is the Beijing build date every page shows.
One tiny tree, built once without MkDocs."""

from __future__ import annotations

import gzip
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from core_helpers import data_tree

from perfsite.kinds import DocumentKind
from perfsite.site import build_site, sitemap
from perfsite.site.programme_page import gap_tables
from perfsite.site.workers import PageOf, RenderRequest, page_inputs
from perfsite.siteconfig import SiteConfig

ROW = "{level1: 产出指标, level2: 数量指标, name: %s, weight: %s, target: \"≥100人\", actual: \"130人\", score: %s}"
TABLE_ROW = "{level1: 产出指标, level2: 数量指标, name: %s, nature: \"≥\", target: 100, unit: 人}"


def _evaluation(year: int, ident: str, name: str, indicators: list[str]) -> str:
    weight = 100 // len(indicators)
    rows = "\n".join(f"  - {ROW % (i, weight, weight)}" for i in indicators)
    return f"name: {name}\nyear: {year}\nid: {ident}\nseries: {ident}\ndepartment: 示例县水利局\nindicators:\n{rows}\n"


def _table(year: int, ident: str, name: str, indicator: str, series: bool = True, renamed: str = "") -> str:
    head = f"kind: 绩效目标\nid: {ident}\n" + (f"series: {ident}\n" if series else "")
    return (f"{head}name: {name}\nyear: {year}\ndepartment: 示例县水利局\n{renamed}"
            f"indicators:\n  - {TABLE_ROW % indicator}\n")


FILES = {
    # renamed in 2023: the 2022 row says so, the 2023 绩效目标表 is the gap year's only document
    "2022/y/yrs.yaml": _evaluation(2022, "yrs", "农村供水保障", ["受益人口"]),
    "2023/y/yrs-mubiao.yaml": _table(2023, "yrs", "农村饮水安全", "受益人口"),
    "2024/y/yrs.yaml": _evaluation(2024, "yrs", "农村饮水安全", ["受益人口"]),
    # a 2023 table renaming 甲 → 乙 where 2022 lists both
    "2022/z/zz.yaml": _evaluation(2022, "zz", "河道保洁", ["保洁里程", "保洁长度"]),
    "2023/z/zz-mubiao.yaml": _table(2023, "zz", "河道保洁", "保洁长度", renamed=textwrap.dedent("""\
        renamed:
          - {from: [产出指标, 数量指标, 保洁里程], to: [产出指标, 数量指标, 保洁长度]}
        """)),
    "2024/z/zz.yaml": _evaluation(2024, "zz", "河道保洁", ["保洁长度"]),
    # a table one year before its programme's first 自评: its year may well be mistyped
    "2023/s/solo-mubiao.yaml": _table(2023, "solo", "堤防巡查", "巡查人次", series=False),
    "2024/s/solo.yaml": _evaluation(2024, "solo", "堤防巡查", ["巡查人次"]),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], list[str]]:
    data = data_tree(tmp_path_factory.mktemp("gaps29b") / "data", FILES)
    build = build_site(data)
    return data, {page.url: page.html for page in build.pages}, build.problems


def test_the_years_comparison_says_a_gap_year_has_no_self_evaluation_not_no_data(built) -> None:
    page = built[1]["projects/2024/yrs/"]
    assert "2022—2024 年度（2023 年度没有自评表）共列出" in page  # 2023 has its 绩效目标表
    assert "年度的数据" not in page


def test_the_gap_row_links_that_years_target_table(built) -> None:
    for url in ("projects/2022/yrs/", "projects/2024/yrs/"):
        row = built[1][url].split('<tr class="ps-gapyear">', 1)[1].split("</tr>", 1)[0]
        assert "无自评（本站没有本项目该年度的绩效自评表，只有年初的<a href=" in row
        assert '<a href="../../2023/yrs/targets/">绩效目标表</a>）' in row
    series = {"s": [{"url": "projects/2021/a/"}, {"url": "projects/2024/b/"}]}  # renamed id in 2024: a table under either is the programme's
    assert gap_tables(series, [(2023, "b", ""), (2022, "c", "")]) == {"s": {2023: "projects/2023/b/targets/"}}
    assert gap_tables(series, [(2021, "a", "")]) == {}  # a year with its 自评 is no gap


def test_a_gap_years_target_table_is_in_its_neighbours_build_cache_keys() -> None:
    """Published or withdrawn later, the 2023 table changes the 2022 and 2024 pages' row: a build
    cache must not give them the page it held."""
    of = PageOf("projects/2024/a/", 2024, "a", "a", DocumentKind.SELF_EVALUATION, "示例县水利局", "projects/2024/a/")
    series = {"a": [{"url": "projects/2022/a/"}, {"url": "projects/2024/a/"}]}
    keys = [page_inputs(of, "digest", RenderRequest(None, SiteConfig(), series, "", False, "", {}, gaps=gaps))
            for gaps in ({}, {"a": {2023: "projects/2023/a/targets/"}})]
    assert keys[0] != keys[1]


def test_a_year_published_under_another_name_says_so(built) -> None:
    newest = built[1]["projects/2024/yrs/"].split('id="ps-years"', 1)[1]
    assert "当年名称「农村供水保障」" in newest
    oldest = built[1]["projects/2022/yrs/"].split('id="ps-years"', 1)[1]
    assert "当年名称「农村饮水安全」" in oldest
    assert "当年名称" not in built[1]["projects/2024/zz/"]  # one name throughout: not a byte more


def test_a_gap_year_target_table_is_not_told_its_year_is_mistyped(built) -> None:
    data, _, problems = built
    mistyped = [p for p in problems if "年度写错" in p]
    assert mistyped == [p for p in mistyped if str(data / "2023/s/solo-mubiao.yaml") in p]  # the series' tables: none
    assert len(mistyped) == 1  # the lone table before its first 自评 still is


def test_a_target_tables_rename_is_checked_against_every_years_self_evaluation(built) -> None:
    data, _, problems = built
    told = [p for p in problems if "同时列有" in p]
    assert told == [f"{data / '2023/z/zz-mubiao.yaml'}:8: renamed: 提示：改名「保洁里程」→「保洁长度」用于 series「zz」的每个年度，"
                    f"但 2022 年的 {data / '2022/z/zz.yaml'} 同时列有「保洁里程」和「保洁长度」：两项会被当作同一个指标，"
                    "各年度指标对照把它们混在一起。请核对这条改名（「保洁长度」另有所指的，请删去这条改名）"]


def test_the_sitemap_lastmod_is_the_build_date_the_pages_show(tmp_path: Path) -> None:
    """MkDocs stamps the UTC date: built at 2023-11-14 22:13 UTC, the pages say 2023-11-15 (Beijing)."""
    entry = "<url>\n         <loc>https://example.gov.cn/%s</loc>\n         <lastmod>2023-11-14</lastmod>\n    </url>"
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(entry % u for u in ("", "projects/0/perfsite-shell/")) + "\n</urlset>")
    (tmp_path / "sitemap.xml").write_text(text, encoding="utf-8")
    with gzip.GzipFile(tmp_path / "sitemap.xml.gz", "wb", mtime=0) as out:
        out.write(text.encode())
    sitemap.fix_sitemap(tmp_path, {"projects/0/perfsite-shell/": ["projects/2023/a/"]}, "2023-11-15")
    root = ET.parse(tmp_path / "sitemap.xml").getroot()
    assert [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}lastmod")] == ["2023-11-15"] * 2
