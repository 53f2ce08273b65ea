"""Issue 6 on the built sample site: the 数据下载 page, its data dictionary, Excel/pandas encoding,
exports agreeing with the pages figure for figure, absolute URLs in sitemap.xml and feed.xml."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import lxml.html
import pandas as pd
import pytest
from conftest_site import DATA, build_or_fail, index_rows

from perfsite.opendata.build import COLUMNS_OF, TABLES
from perfsite.opendata.cycle import CYCLE_TABLES
from perfsite.opendata.targets import TARGETS
from perfsite.site.downloads import dictionary
from perfsite.siteconfig import load_site

BOM = b"\xef\xbb\xbf"
KEY_OF = {c.header: c.name for columns in COLUMNS_OF.values() for c in columns}
"""A published header → the column's English identifier (the tests address columns by it)."""


def read_table(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False).rename(columns=KEY_OF)


@pytest.fixture(scope="module")
def site(sample_site: Path) -> Path:
    return sample_site


@pytest.fixture(scope="module")
def downloads(site: Path) -> Any:
    return lxml.html.fromstring((site / "downloads" / "index.html").read_text(encoding="utf-8"))


def load_site_config(path: Path) -> Any:
    config, _problems = load_site(path, "site.yaml")
    return config


def csv_header(path: Path) -> list[str]:
    return next(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def excel_decode(raw: bytes) -> str:
    """How Excel on Chinese Windows reads a double-clicked CSV: BOM → UTF-8, else the ANSI code page."""
    if raw.startswith(BOM):
        return raw[len(BOM):].decode("utf-8")
    return raw.decode("cp936", errors="replace")


def page_text(doc: Any) -> str:
    return re.sub(r"\s+", " ", doc.text_content())


# -- the page and its dictionary ----------------------------------------------------------


def test_every_published_column_is_documented(site: Path, downloads: Any) -> None:
    """Each column of every CSV actually published (site-wide and per year) has a dictionary row."""
    documented = {
        table.get("data-table"): [row.get("data-column") for row in table.iterfind(".//tbody/tr")]
        for table in downloads.iterfind(".//table[@data-table]")
    }
    # data/ holds 绩效目标表, 评价报告, 整改 and 部门整体: their tables are described too
    assert set(documented) == {*TABLES, TARGETS, *CYCLE_TABLES}
    csvs = sorted((site / "data").rglob("*.csv"))
    assert len(csvs) >= 3
    for path in csvs:
        table = path.stem
        undocumented = [c for c in csv_header(path) if c not in documented[table]]
        assert not undocumented, f"{path.relative_to(site)}: 数据字典缺少 {undocumented}"
    for name in (*TABLES, TARGETS, *CYCLE_TABLES):  # and nothing documented that is not published, in the published order
        assert documented[name] == csv_header(site / "data" / f"{name}.csv")


def test_dictionary_matches_datapackage(site: Path, downloads: Any) -> None:
    package = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        rows = downloads.xpath(f".//table[@data-table='{resource['name']}']/tbody/tr")
        by_name = {r.get("data-column"): [re.sub(r"\s+", " ", td.text_content()).strip() for td in r]
                   for r in rows}
        for field in resource["schema"]["fields"]:
            cells = by_name[field["name"]]
            assert cells[1] == field["title"]
            assert cells[3] == (field.get("unit") or "—")
            assert cells[4] == field["description"]


def test_dictionary_is_generated_from_the_columns() -> None:
    """A column added to a table's schema appears in the dictionary without touching the page."""
    from perfsite.opendata.tables import Column

    extra = {**COLUMNS_OF, "programmes": (*COLUMNS_OF["programmes"], Column("new_col", "number", "新列", "说明", "元"))}
    tables = {t["name"]: t for t in dictionary(extra)}
    assert tables["programmes"]["columns"][-1] == {"header": "新列（元）", "name": "new_col", "title": "新列",
                                                  "type": "数值", "unit": "元", "description": "说明"}


def test_page_links_every_data_file_and_the_feed(site: Path, downloads: Any) -> None:
    base = site / "downloads"
    linked = set()
    for href in downloads.xpath(".//a/@href"):
        if "://" in href or href.startswith("#"):
            continue
        target = (base / href.split("#")[0]).resolve()
        assert target.exists(), f"dead link {href}"
        linked.add(target)
    published = {p.resolve() for p in (site / "data").rglob("*") if p.is_file()}
    assert published, "no open data files"
    missing = sorted(str(p.relative_to(site.resolve())) for p in published - linked)
    assert not missing, f"files under /data/ not linked from 数据下载: {missing}"
    assert (site / "feed.xml").resolve() in linked


def test_page_shows_licence_and_data_date(downloads: Any) -> None:
    config = load_site_config(DATA / "site.yaml")
    text = page_text(downloads)
    assert config.licence and config.licence in text
    assert config.data_date and str(config.data_date) in text


def test_page_is_in_the_navigation(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="downloads/"' in home or 'href="./downloads/"' in home


# -- encodings: pandas and Excel -----------------------------------------------------------


@pytest.mark.parametrize("name", ["programmes", "indicators", "budget"])
def test_csv_reads_as_chinese_in_pandas_and_excel(site: Path, name: str) -> None:
    path = site / "data" / f"{name}.csv"
    raw = path.read_bytes()
    assert raw.startswith(BOM)
    excel = list(csv.reader(io.StringIO(excel_decode(raw))))
    assert excel[0][:2] == ["评价年度", "项目标识"], "Excel would show a mangled first header"
    assert "\ufffd" not in excel_decode(raw)
    for frame in (pd.read_csv(path, dtype=str, keep_default_na=False),
                  pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")):
        assert list(frame.columns) == excel[0]
        assert frame.values.tolist() == excel[1:]
    if name == "programmes":
        names = set(pd.read_csv(path, dtype=str)["项目名称"])
        assert "高标准农田建设" in names
        # Without the BOM, Excel would take the file for GBK and show mojibake: the BOM matters.
        assert "高标准农田建设" not in excel_decode(raw[len(BOM):])


# -- figure for figure ---------------------------------------------------------------------


def programme_rows(site: Path) -> list[dict[str, str]]:
    return read_table(site / "data" / "programmes.csv").to_dict("records")


def test_programme_pages_agree_with_programmes_csv(site: Path) -> None:
    rows = programme_rows(site)
    assert rows
    indicators = read_table(site / "data" / "indicators.csv")
    for row in rows:
        doc = lxml.html.fromstring((site / row["url"] / "index.html").read_text(encoding="utf-8"))
        # the headline is the published total where there is one (with its published grade)
        total = doc.xpath("string(//*[contains(@class,'ps-total-value')])").strip()
        assert total == (row["reported_total"] or row["total"] or "—"), row["url"]
        grade = doc.xpath("string(//header//*[contains(@class,'ps-grade')]//strong)").strip()
        published_grade = row["reported_grade"] if row["reported_total"] else ""
        assert grade == (published_grade or row["grade"]), row["url"]
        assert row["name"] in doc.xpath("string(//h1)")
        scores = [(row.xpath("./td")[-3].text or "").strip() for row in doc.xpath(  # 得分: the third cell from the end
            "//table[contains(@class,'ps-selfeval')]/tbody/tr[not(contains(@class,'ps-subtotal'))]")]
        mine = indicators[(indicators["year"] == row["year"]) & (indicators["id"] == row["id"])]
        assert scores == [s or "—" for s in mine["score"]], row["url"]
        figures = page_text(doc)
        if row["execution_rate"]:
            assert f"{row['execution_rate']}%" in figures, row["url"]


def test_programme_json_twins_agree_with_the_tables(site: Path) -> None:
    """Each page's JSON twin, programmes.json and the CSVs carry the same totals, grades and scores."""
    rows = {(r["year"], r["id"]): r for r in programme_rows(site)}
    published = json.loads((site / "data" / "programmes.json").read_text(encoding="utf-8"))["programmes"]
    assert len(published) == len(rows)
    indicators = read_table(site / "data" / "indicators.csv")
    for item in published:
        row = rows[(str(item["year"]), item["id"])]
        assert (item.get("total") or "") == row["total"]
        assert (item.get("grade") or "") == row["grade"]
        twin_path = site / row["url"] / f"{item['id']}.json"
        candidates = [twin_path] if twin_path.exists() else sorted((site / row["url"]).glob("*.json"))
        assert candidates, f"no JSON twin next to {row['url']}"
        twin = json.loads(candidates[0].read_text(encoding="utf-8"))
        assert (twin.get("total") or "") == row["total"]
        assert (twin.get("grade") or "") == row["grade"]
        mine = indicators[(indicators["year"] == row["year"]) & (indicators["id"] == row["id"])]
        assert [r.get("score") or "" for r in twin["indicators"]] == list(mine["score"])


def test_index_data_agrees_with_programmes_csv(site: Path) -> None:
    rows = {r["url"]: r for r in programme_rows(site)}
    config = load_site_config(DATA / "site.yaml")
    seen = 0
    for r in index_rows(lambda path: (site / path).read_bytes()):
        row = rows["projects/" + r["path"]]
        # the list leads with the published total and grade (in its band), as the page does
        assert (r["score"] or "") == (row["reported_total"] or row["total"])
        assert r["published"] == (1 if row["reported_total"] else 0)
        assert (r["total"] or "") == row["total"]
        shown = config.canonical_grade(row["reported_grade"]) if row["reported_grade"] else row["grade"]
        assert r["grade"] == shown
        seen += 1
    assert seen == len(rows)


# -- absolute URLs -------------------------------------------------------------------------


def test_sitemap_and_feed_use_absolute_urls_from_site_url(site: Path) -> None:
    site_url = load_site_config(DATA / "site.yaml").site_url
    assert site_url.startswith("https://")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "a": "http://www.w3.org/2005/Atom"}
    locs = [e.text or "" for e in ET.parse(site / "sitemap.xml").getroot().iterfind("s:url/s:loc", ns)]
    assert locs and all(loc.startswith(site_url) for loc in locs), locs[:3]
    for row in programme_rows(site):
        assert site_url + row["url"] in locs
    assert site_url + "downloads/" in locs
    feed = ET.parse(site / "feed.xml").getroot()
    hrefs = [e.get("href") or "" for e in feed.iter("{http://www.w3.org/2005/Atom}link")]
    ids = [e.text or "" for e in feed.iter("{http://www.w3.org/2005/Atom}id")]
    assert hrefs and all(h.startswith(site_url) for h in hrefs + ids)
    assert site_url + "feed.xml" in hrefs


def test_site_url_from_site_yaml_wins_over_mkdocs_yml(tmp_path: Path, core_data_tree: Path) -> None:
    """mkdocs.yml carries a placeholder site_url; the one in site.yaml is what sitemap and feed use."""
    site_url = "https://data.example.org/perf/"
    (core_data_tree / "site.yaml").write_text(f"title: 测试站点\nsite_url: {site_url}\n", encoding="utf-8")
    site = build_or_fail(tmp_path / "out", core_data_tree)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text or "" for e in ET.parse(site / "sitemap.xml").getroot().iterfind("s:url/s:loc", ns)]
    assert site_url + "projects/2021/alpha/" in locs
    assert all(loc.startswith(site_url) for loc in locs)
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert f'href="{site_url}projects/2021/alpha/"' in feed
    assert "example.gov.cn" not in feed + (site / "sitemap.xml").read_text(encoding="utf-8")


def test_workbook_columns_are_documented_and_agree_with_the_csv(site: Path, downloads: Any) -> None:
    import openpyxl

    book = openpyxl.load_workbook(site / "data" / "perfsite.xlsx", read_only=True)
    departments = (site / "data" / "departments.csv").exists()
    assert len(book.worksheets) == len(TABLES) + departments + 1  # the 部门整体 sheet where there is one, the field sheet
    labels = [[v or "" for v in row] for row in book.worksheets[-1].iter_rows(values_only=True)]
    for name, sheet in zip((*TABLES, *(["departments"] if departments else [])), book.worksheets, strict=False):
        rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        table = downloads.xpath(f".//table[@data-table='{name}']/tbody/tr")
        assert rows[0] == [r.get("data-column") for r in table], name           # one header row
        described = [row for row in labels[1:] if row[0] == sheet.title]
        assert [row[1] for row in described] == rows[0], name                   # each column in 字段说明
        assert [row[2] for row in described] == [r[-1].text_content().strip() for r in table], name
        published = list(csv.reader(io.StringIO((site / "data" / f"{name}.csv").read_bytes().decode("utf-8-sig"))))
        assert len(rows) == len(published), name
        if name == "programmes":
            col = {KEY_OF[c]: i for i, c in enumerate(published[0])}
            for mine, theirs in zip(rows[1:], published[1:], strict=True):
                for field in ("year", "id", "name", "total", "grade", "budget", "budget_wan", "execution_rate"):
                    a, b = mine[col[field]], theirs[col[field]]
                    assert a == b or (a and b and float(a) == float(b)), (field, a, b)


def test_downloads_page_links_exactly_the_open_data_files(core_data_tree: Path) -> None:
    """Without MkDocs: the page built for any data tree links every /data/ file and the feed, no more."""
    import posixpath

    from perfsite.site import build_site

    build = build_site(core_data_tree)
    page = next(p for p in build.pages if p.url == "downloads/")
    assert page.in_nav and page.title == "数据下载"
    doc = lxml.html.fromstring(page.html)
    linked = {posixpath.normpath(posixpath.join("downloads", h)) for h in doc.xpath(".//a/@href")
              if not h.startswith(("#", "http"))}
    published = {path for path in build.files if path.startswith("data/")} | {"feed.xml"}
    assert published <= linked, sorted(published - linked)
    assert {p for p in linked if p.startswith("data/")} <= published
    assert {"data/2021/programmes.csv", "data/2022/perfsite.xlsx"} <= linked


def test_every_generated_csv_opens_in_excel(site: Path) -> None:
    """Per year and per programme too: BOM, valid UTF-8, and nothing Excel would mangle."""
    generated = sorted((site / "data").rglob("*.csv")) + sorted((site / "projects").glob("*/*/*.csv"))
    assert len(generated) > 12
    for path in generated:
        if path.name.endswith(".indicators.csv"):
            continue  # the publisher's own file, published byte for byte as submitted
        raw = path.read_bytes()
        assert raw.startswith(BOM), path.relative_to(site)
        text = excel_decode(raw)
        assert "\ufffd" not in text and "\ufeff" not in text
        rows = list(csv.reader(io.StringIO(text)))
        assert len({len(r) for r in rows}) == 1, path.relative_to(site)


def test_built_downloads_page_shows_the_written_files_sizes_and_hashes(site: Path, downloads: Any) -> None:
    """The page is rendered before /data/ is written; its figures are filled in afterwards."""
    import hashlib

    rows = downloads.xpath("//tr[@data-file]")
    assert rows
    for row in rows:
        path = site / row.get("data-file")
        cells = [c.text_content().strip() for c in row]
        assert cells[3] == f"{path.stat().st_size:,}", path
        assert cells[5] == hashlib.sha256(path.read_bytes()).hexdigest(), path
    assert "ps-file:" not in (site / "downloads" / "index.html").read_text(encoding="utf-8")
    manifest = json.loads((site / "data" / "files.json").read_text(encoding="utf-8"))["files"]
    on_disk = {p.relative_to(site).as_posix() for p in (site / "data").rglob("*") if p.is_file()}
    assert set(manifest) == on_disk - {"data/files.json"}


def test_built_listings_have_their_twins(site: Path) -> None:
    """The MkDocs build writes the listing pages' CSV and JSON twins next to them."""
    for base in ("years", "regions", "departments"):
        assert (site / base / "groups.csv").read_bytes().startswith(BOM)
        assert json.loads((site / base / "groups.json").read_text(encoding="utf-8"))["groups"]
        listings = [p.parent for p in (site / base).glob("*/index.html") if p.parent.name != "page"]
        assert listings
        for folder in listings:
            assert (folder / "programmes.csv").is_file() and (folder / "programmes.json").is_file(), folder
