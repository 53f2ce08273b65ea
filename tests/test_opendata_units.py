"""The open data's unit policy and what harvesters read: money in 元 and 万元 with the unit in
every header and in datapackage.json, typed spreadsheets, the per-programme indicator CSV as the
site-wide one's building block, per-year packages and zips, files.json, data.json, the schema.org
block, the licence and the listing twins."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import lxml.html
import openpyxl
import pandas as pd
import pytest
from conftest_site import index_rows

from perfsite.dataset import load_dataset
from perfsite.indicator_csv import read_indicator_csv
from perfsite.opendata.build import COLUMNS_OF, MANIFEST, TABLES
from perfsite.opendata.datapackage import descriptor
from perfsite.opendata.licence import licence_of
from perfsite.opendata.tables import COMPARED_COLUMNS, INDICATOR_COLUMNS, INDICATOR_CSV_COLUMNS
from perfsite.opendata.units import MONEY, MONEY_UNITS, WAN, YUAN, index_money, money_header
from perfsite.site import build_site
from perfsite.site.programme_page import indicators_csv
from perfsite.siteconfig import SiteConfig

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"


@pytest.fixture(scope="module")
def sample() -> dict[str, bytes]:
    return build_site(DATA).files


@pytest.fixture(scope="module")
def site() -> Any:
    return build_site(DATA)


def table(raw: bytes, **options: Any) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", **options)


# -- the policy: every money column in both units, the unit in header and schema --------------


def test_every_money_figure_is_published_in_yuan_and_wan_with_the_unit_in_its_header() -> None:
    for name in TABLES:
        columns = COLUMNS_OF[name]
        for c in columns:
            if c.unit in MONEY_UNITS:
                assert c.header == f"{c.title}（{c.unit}）"
        money = {c.name.removesuffix("_wan") for c in columns if c.unit in MONEY_UNITS}
        assert money <= set(MONEY)
        for field in money:
            units = [c.unit for c in columns if c.name in (field, field + "_wan")]
            assert units == list(MONEY_UNITS), (name, field)
    assert money_header("budget", YUAN) == "全年预算数（元）" and money_header("budget", WAN) == "全年预算数（万元）"


def test_datapackage_fields_are_the_headers_and_carry_their_units() -> None:
    package = descriptor(SiteConfig())
    for resource in package["resources"]:  # type: ignore[union-attr]
        columns = COLUMNS_OF[resource["name"]]
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == [c.header for c in columns]
        assert [f.get("unit", "") for f in fields] == [c.unit for c in columns]
        assert [f["perfsite:key"] for f in fields] == [c.name for c in columns]
        for f in fields:
            if f.get("unit") in MONEY_UNITS or f.get("unit") == "%":
                assert f["name"].endswith(f"（{f['unit']}）")


def test_csv_money_reads_as_numbers_in_pandas_and_wan_times_10000_is_yuan(sample: dict[str, bytes]) -> None:
    frame = table(sample["data/programmes.csv"])
    for field in ("budget", "funded", "spent", "balance"):
        yuan, wan = money_header(field, YUAN), money_header(field, WAN)
        assert frame[yuan].dtype == "float64" and frame[wan].dtype == "float64"
    assert frame["示例数据"].dtype == bool
    assert frame["预算执行率（%）"].dtype == "float64"
    exact = table(sample["data/programmes.csv"], dtype=str, keep_default_na=False)
    both = exact[(exact["全年预算数（元）"] != "")]
    assert len(both) > 0
    for yuan, wan in zip(both["全年预算数（元）"], both["全年预算数（万元）"], strict=True):
        assert Decimal(wan) * 10000 == Decimal(yuan)
        assert re.fullmatch(r"-?\d+\.\d{2}", yuan)
    budget = table(sample["data/budget.csv"], dtype=str, keep_default_na=False)
    amounts = budget[budget["金额（元）"] != ""]
    assert all(Decimal(w) * 10000 == Decimal(y) for y, w in zip(amounts["金额（元）"], amounts["金额（万元）"], strict=True))
    assert (budget[budget["比率（%）"] != ""]["金额（元）"] == "").all()


def test_wan_figures_equal_what_the_pages_and_index_show(sample: dict[str, bytes], site: Any) -> None:
    index = json.loads(site.files["projects/index.json"])
    assert index["money"] == index_money()
    assert index["money"]["budget"]["header"] == money_header("budget", WAN)
    shown = {"projects/" + row["path"]: row["budget"] for row in index_rows(site.files.__getitem__)}
    frame = table(sample["data/programmes.csv"], dtype=str, keep_default_na=False)
    for url, wan in zip(frame["页面地址"], frame["全年预算数（万元）"], strict=True):
        assert (shown[url] or "") == wan, url


# -- the workbook ---------------------------------------------------------------------------


def test_workbook_has_one_header_row_filter_formats_types_and_dimension(sample: dict[str, bytes]) -> None:
    raw = sample["data/perfsite.xlsx"]
    book = openpyxl.load_workbook(io.BytesIO(raw))
    rows = len(table(sample["data/programmes.csv"]))
    sheet = book["项目"]
    header = [c.value for c in sheet[1]]
    assert header == [c.header for c in COLUMNS_OF["programmes"]]
    assert sheet.freeze_panes == "A2"
    last = openpyxl.utils.get_column_letter(len(header))
    assert sheet.auto_filter.ref == f"A1:{last}{rows + 1}"
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert f'<dimension ref="A1:{last}{rows + 1}"/>' in xml
    column = {h: i for i, h in enumerate(header)}
    cells = {h: sheet.cell(row=2, column=i + 1) for h, i in column.items()}
    assert cells["全年预算数（元）"].number_format == "#,##0.00"
    assert cells["全年预算数（万元）"].number_format == "#,##0.00####"
    assert cells["预算执行率（%）"].number_format == '0.00"%"'
    assert cells["示例数据"].value in ("是", "否") and cells["执行率口径"].value in ("执行数/预算数", "执行数/到位数", None)
    assert all(sheet.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width > 0 for i in range(len(header)))
    dated = [row[column["公开日期"]] for row in sheet.iter_rows(min_row=2, values_only=True) if row[column["公开日期"]]]
    assert dated and all(isinstance(d, dt.datetime) for d in dated)
    assert sheet.column_dimensions["D"].width >= 30  # 项目名称 is wide
    labels = [[v or "" for v in row] for row in book["字段说明"].iter_rows(values_only=True)]
    assert labels[0] == ["工作表", "列名", "字段名", "类型", "单位", "说明"]
    described = {(r[0], r[1]): r for r in labels[1:]}
    assert described[("项目", "全年预算数（万元）")][2:5] == ["budget_wan", "数值", "万元"]


def test_workbook_opens_in_pandas_with_typed_columns(sample: dict[str, bytes]) -> None:
    frames = pd.read_excel(io.BytesIO(sample["data/perfsite.xlsx"]), sheet_name=None, engine="openpyxl")
    programmes = frames["项目"]
    assert set(programmes["示例数据"]) <= {"是", "否"}  # the workbook is the human view; the CSV keeps true/false
    assert str(programmes["公开日期"].dtype).startswith("datetime64")
    assert programmes["全年预算数（元）"].dtype.kind in "if" and programmes["全年预算数（万元）"].dtype.kind == "f"
    assert programmes["评价年度"].dtype.kind == "i"
    csv_frame = table(sample["data/programmes.csv"])
    assert list(programmes.columns) == list(csv_frame.columns)
    assert (programmes["全年预算数（元）"].fillna(-1) == csv_frame["全年预算数（元）"].fillna(-1)).all()
    assert set(frames["绩效指标"]["是否适用"]) <= {"是", "否"}


# -- the indicator table is the per-programme one plus keys -----------------------------------


def test_site_wide_indicator_rows_are_the_per_programme_csv_with_keys(sample: dict[str, bytes], site: Any) -> None:
    whole = list(csv.reader(io.StringIO(sample["data/indicators.csv"].decode("utf-8-sig"), newline="")))
    keys = len(INDICATOR_COLUMNS) - len(INDICATOR_CSV_COLUMNS) - len(COMPARED_COLUMNS)
    end = keys + len(INDICATOR_CSV_COLUMNS)  # then the comparison with the 绩效目标表 (site-wide only)
    assert whole[0][keys:end] == [c.header for c in INDICATOR_CSV_COLUMNS]
    assert whole[0][end:] == [c.header for c in COMPARED_COLUMNS]
    programmes = [p for p in site.pages if p.kind == "programme"]
    assert programmes
    checked = 0
    for name, raw in site.files.items():
        match = re.fullmatch(r"projects/(\d+)/([^/]+)/\2\.csv", name)
        if not match:
            continue
        own = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        assert own[0] == whole[0][keys:end]
        mine = [r[keys:end] for r in whole[1:] if r[:2] == [match[1], match[2]]]
        assert own[1:] == mine, name
        assert raw.endswith(b"\r\n") and raw.startswith(b"\xef\xbb\xbf")
        checked += 1
    assert checked == len(programmes)


def test_every_indicator_header_is_read_or_knowingly_skipped_by_check() -> None:
    from perfsite.indicator_csv import PUBLISHED_ONLY, header_key

    for c in INDICATOR_COLUMNS:
        key = header_key(c.header)
        assert (key is None) == (c.header in PUBLISHED_ONLY), c.header
        if key is not None:
            # the clerk's figures are the reported ones, the data file's rule the given one
            assert key == c.name.removeprefix("reported_").removeprefix("given_"), c.header


def test_per_programme_csv_reads_back_as_an_indicator_table(tmp_path: Path) -> None:
    dataset = load_dataset(DATA)
    from perfsite.record import make_record

    for sp in dataset.programmes:
        path = tmp_path / f"{sp.programme.id}-{sp.programme.year}.indicators.csv"
        path.write_bytes(indicators_csv(make_record(sp)))
        rows, _, problems = read_indicator_csv(path, path.name)
        assert not problems, [p.message for p in problems]
        assert [r["name"] for r in rows] == [s.indicator.name for s in sp.indicators]
        assert [None if r.get("weight") is None else Decimal(str(r["weight"])) for r in rows] == [
            s.indicator.weight for s in sp.indicators]
        assert [r.get("actual") or "" for r in rows] == [s.indicator.actual for s in sp.indicators]
        assert [r.get("applicable") for r in rows] == [s.indicator.applicable for s in sp.indicators]


# -- per year: packages, zips; files.json and the downloads page ------------------------------


def test_every_year_has_a_package_and_a_sorted_reproducible_zip(sample: dict[str, bytes],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    years = sorted({int(m[1]) for name in sample if (m := re.fullmatch(r"data/(\d+)/programmes\.csv", name))})
    assert len(years) >= 2
    for year in years:
        package = json.loads(sample[f"data/{year}/datapackage.json"])
        assert str(year) in package["title"]
        with zipfile.ZipFile(io.BytesIO(sample[f"data/{year}.zip"])) as archive:
            names = archive.namelist()
            assert names == sorted(names) and f"{year}/datapackage.json" in names
            for name in names:
                assert archive.read(name) == sample[f"data/{name}"]
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # `make test` exports the last commit's time
    undated = build_site(DATA).files
    with zipfile.ZipFile(io.BytesIO(undated[f"data/{years[0]}.zip"])) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2026, 11, 1, 0, 0, 0)}  # the data date
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    again = build_site(DATA).files
    with zipfile.ZipFile(io.BytesIO(again[f"data/{years[0]}.zip"])) as archive:  # Beijing time, as the build date
        assert {i.date_time for i in archive.infolist()} == {(2023, 11, 15, 6, 13, 20)}
    assert again == build_site(DATA).files


def test_files_json_gives_size_rows_and_sha256_of_every_data_file(sample: dict[str, bytes]) -> None:
    manifest = json.loads(sample[MANIFEST])["files"]
    published = {name for name in sample if name.startswith("data/") and name != MANIFEST}
    assert set(manifest) == published
    for name, facts in manifest.items():
        assert facts["bytes"] == len(sample[name])
        assert facts["sha256"] == hashlib.sha256(sample[name]).hexdigest()
        if name.endswith(".csv"):
            assert facts["rows"] == len(table(sample[name], dtype=str)), name
        if name.endswith("programmes.json"):
            assert facts["rows"] == len(json.loads(sample[name])["programmes"])


def test_downloads_page_shows_each_files_size_rows_and_hash(site: Any) -> None:
    manifest = json.loads(site.files[MANIFEST])["files"]
    page = next(p for p in site.pages if p.url == "downloads/")
    assert "<!--ps-file:" not in page.html
    doc = lxml.html.fromstring(page.html)
    rows = doc.xpath("//tr[@data-file]")
    assert {r.get("data-file") for r in rows} == {n for n in manifest if not n.endswith(".zip")}
    for row in rows:
        facts = manifest[row.get("data-file")]
        cells = [c.text_content().strip() for c in row]
        assert cells[3] == f"{facts['bytes']:,}"
        assert cells[4] == ("—" if facts["rows"] is None else f"{facts['rows']:,}")
        assert cells[5] == facts["sha256"]
    for name in (n for n in manifest if n.endswith(".zip")):
        assert manifest[name]["sha256"] in page.html


# -- harvesting: DCAT, schema.org, licence ------------------------------------------------------


def test_data_json_is_a_dcat_catalogue_of_existing_files(sample: dict[str, bytes]) -> None:
    catalogue = json.loads(sample["data.json"])
    assert catalogue["@type"] == "dcat:Catalog" and catalogue["conformsTo"].endswith("/v1.1/schema")
    base = "https://example.gov.cn/jxgk/"
    package = json.loads(sample["data/datapackage.json"])
    for dataset in catalogue["dataset"]:
        assert dataset["license"] == package["licenses"][0]["path"]
        assert dataset["accessLevel"] == "public" and dataset["modified"] == "2026-11-01"
        for item in dataset["distribution"]:
            assert item["downloadURL"].removeprefix(base) in sample, item["downloadURL"]
            assert item["describedBy"].removeprefix(base) in sample
    years = sorted(int(d["temporal"][:4]) for d in catalogue["dataset"][1:])
    assert [f"data/{y}.zip" in sample for y in years] == [True] * len(years)


def test_downloads_page_has_a_schema_org_dataset_block(site: Any) -> None:
    page = next(p for p in site.pages if p.url == "downloads/")
    blocks = lxml.html.fromstring(page.html).xpath("//script[@type='application/ld+json']")
    assert len(blocks) == 1
    block = json.loads(blocks[0].text)
    assert block["@type"] == "Dataset" and block["@context"] == "https://schema.org"
    assert block["license"] == licence_of(load_dataset(DATA).site).path
    assert block["temporalCoverage"] == "2021/2023"
    for item in block["distribution"]:
        assert item["contentUrl"].removeprefix("https://example.gov.cn/jxgk/") in site.files


def test_markup_in_the_title_cannot_leave_the_json_ld_block(tmp_path: Path, core_data_tree: Path) -> None:
    (core_data_tree / "site.yaml").write_text('title: "</script><script>alert(1)</script>"\n', encoding="utf-8")
    page = next(p for p in build_site(core_data_tree).pages if p.url == "downloads/")
    block = page.html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(block)["name"] == "</script><script>alert(1)</script>"


@pytest.mark.parametrize(("text", "name", "path"), [
    ("CC BY 4.0", "CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"),
    ("知识共享 署名 4.0 国际", "CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"),
    ("CC0", "CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    ("详见 https://example.gov.cn/licence.html。", "", "https://example.gov.cn/licence.html"),
    ("可自由复制、引用，请注明来源", "", "https://x.gov.cn/privacy/#licence"),
    ("", "", "https://x.gov.cn/privacy/#licence"),
])
def test_licence_is_machine_readable(text: str, name: str, path: str) -> None:
    licence = licence_of(SiteConfig(licence=text, site_url="https://x.gov.cn/"))
    assert (licence.name, licence.path) == (name, path)
    assert licence.title == (text or "引用时请注明来源（本站名称与页面网址）")
    entry = licence.datapackage()
    assert entry["path"] == path and ("name" in entry) == bool(name)


def test_the_privacy_page_has_the_licence_section_the_licence_points_at(site: Any) -> None:
    page = next(p for p in site.pages if p.url == "privacy/")
    assert lxml.html.fromstring(page.html).xpath("//*[@id='licence']")


# -- listing twins ------------------------------------------------------------------------------


def test_every_listing_has_csv_and_json_twins_linked_from_the_page(site: Any) -> None:
    listings = [p for p in site.pages if p.kind == "listing" and "/page/" not in p.url]
    assert len(listings) > 5
    for page in listings:
        overview = page.url.count("/") == 1
        stem = "groups" if overview else "programmes"
        for suffix in ("csv", "json"):
            assert f"{page.url}{stem}.{suffix}" in site.files, page.url
        hrefs = lxml.html.fromstring(page.html).xpath("//a/@href")
        assert any(h.endswith(f"{stem}.csv") for h in hrefs) and any(h.endswith(f"{stem}.json") for h in hrefs)


def test_listing_twins_agree_with_programmes_csv_and_the_summary(site: Any, sample: dict[str, bytes]) -> None:
    everything = table(sample["data/programmes.csv"], dtype=str, keep_default_na=False).set_index("页面地址")
    for name, raw in site.files.items():
        if not re.fullmatch(r"(years|regions|departments)/[^/]+/programmes\.csv", name):
            continue
        mine = table(raw, dtype=str, keep_default_na=False)
        assert "全年预算数（元）" in mine.columns and "全年预算数（万元）" in mine.columns
        for _, row in mine.iterrows():
            theirs = everything.loc[row["页面地址"]]
            for header in ("全年预算数（元）", "全年预算数（万元）", "全年执行数（元）", "计算总分"):
                assert row[header] == theirs[header], (name, header)
            # the figure the listing shows: the published total where there is one
            assert row["得分"] == (theirs["公布总分"] or theirs["计算总分"]), name
            assert row["得分来源"] == ("published" if theirs["公布总分"] else "computed"), name
        document = json.loads(site.files[name.replace(".csv", ".json")])
        assert document["units"]["budget"] == YUAN and document["units"]["budget_wan"] == WAN
        summaries = document["summaries"]
        assert len(document["programmes"]) == len(mine) == sum(s["count"] for s in summaries)
        for summary in summaries:  # money summed within one year, 示例 left out unless all are 示例
            of_year = mine[mine["评价年度"] == str(summary["year"])]
            if (of_year["示例数据"] != "true").any():
                of_year = of_year[of_year["示例数据"] != "true"]
            of_year = of_year[of_year["全年预算数（万元）"] != ""]
            if len(of_year) and summary["budget_wan"] is not None:
                assert sum(Decimal(x) for x in of_year["全年预算数（万元）"]) == Decimal(summary["budget_wan"])
    groups = table(site.files["years/groups.csv"], dtype=str, keep_default_na=False)
    assert sorted(groups["项目数"].astype(int)) and groups["项目数"].astype(int).sum() == len(everything)
