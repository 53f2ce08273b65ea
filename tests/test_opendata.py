"""Open data: the published tables agree with the computed programmes and validate as a Data Package."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from perfsite.dataset import load_dataset
from perfsite.opendata.build import COLUMNS_OF
from perfsite.opendata.datapackage import descriptor
from perfsite.site import build_site
from perfsite.siteconfig import SiteConfig

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def files(core_data_tree: Path) -> dict[str, bytes]:
    return build_site(core_data_tree).files


KEY_OF = {c.header: c.name for columns in COLUMNS_OF.values() for c in columns}
"""A published header → the column's English identifier (the tests address columns by it)."""


def _frame(raw: bytes) -> pd.DataFrame:
    frame = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    return frame.rename(columns=KEY_OF)


def test_csv_has_bom_and_reads_as_chinese_with_excel_rules(files: dict[str, bytes]) -> None:
    raw = files["data/programmes.csv"]
    assert raw.startswith(b"\xef\xbb\xbf")
    # Excel on Chinese Windows honours the BOM; pandas with utf-8-sig reads the same text
    frame = _frame(raw)
    assert set(frame["name"]) == {"学生资助", "村医补助", "农机补贴"}


def test_programme_rows_agree_with_scores(files: dict[str, bytes], core_data_tree: Path) -> None:
    frame = _frame(files["data/programmes.csv"]).set_index("id")
    assert frame.loc["alpha", "total"] == "94.00"
    assert frame.loc["alpha", "grade"] == "优"
    assert frame.loc["beta", "total"] == "82.40"
    assert frame.loc["beta", "grade"] == "良"
    assert frame.loc["gamma", "total"] == "87.50"
    # 万元 are published in 元 and in 万元: 100 万元 = 1,000,000.00 元; 72/100 = 72.00%
    assert frame.loc["beta", "budget"] == "1000000.00"
    assert frame.loc["beta", "budget_wan"] == "100.00"
    assert frame.loc["beta", "spent"] == "720000.00"
    assert frame.loc["beta", "execution_rate"] == "72.00"
    data = load_dataset(core_data_tree)
    for sp in data.programmes:
        assert Decimal(frame.loc[sp.programme.id, "total"]) == sp.total


def test_indicator_table_round_trips_through_pandas(files: dict[str, bytes], core_data_tree: Path) -> None:
    frame = _frame(files["data/indicators.csv"])
    data = load_dataset(core_data_tree)
    for sp in data.programmes:
        rows = frame[(frame["year"] == str(sp.programme.year)) & (frame["id"] == sp.programme.id)]
        assert list(rows["name"]) == [s.indicator.name for s in sp.indicators]
        assert [Decimal(x) for x in rows["score"]] == [s.score for s in sp.indicators]
        assert sum(Decimal(x) for x in rows["score"]) == sp.total


def test_budget_cells_include_derived_rates_and_blank_for_zero_denominator(files: dict[str, bytes]) -> None:
    frame = _frame(files["data/budget.csv"])
    beta = frame[frame["id"] == "beta"].set_index(["row", "column"])
    assert beta.loc[("funded", "county"), "amount"] == "800000.00"
    assert beta.loc[("funding_rate", "total"), "rate"] == "80.00"
    assert beta.loc[("balance", "county"), "amount"] == "80000.00"
    # there is no initial budget row: its rate would divide by nothing and is not invented
    assert ("initial", "county") not in beta.index


def test_per_year_split_partitions_the_rows(files: dict[str, bytes]) -> None:
    whole = _frame(files["data/indicators.csv"])
    parts = [_frame(files[f"data/{year}/indicators.csv"]) for year in (2021, 2022)]
    assert sum(len(p) for p in parts) == len(whole)
    assert set(parts[0]["year"]) == {"2021"}


def test_json_figures_are_strings_with_two_places(files: dict[str, bytes]) -> None:
    payload = json.loads(files["data/programmes.json"])
    alpha = next(p for p in payload["programmes"] if p["id"] == "alpha")
    assert alpha["total"] == "94.00"
    assert alpha["indicators"][0]["score"] == "54.00"
    assert "file" not in alpha  # no local paths of the publisher's machine


def test_workbook_has_three_sheets_the_field_sheet_and_fixed_dates(files: dict[str, bytes]) -> None:
    book = load_workbook(io.BytesIO(files["data/perfsite.xlsx"]))
    assert book.sheetnames == ["项目", "绩效指标", "预算执行情况", "字段说明"]
    sheet = book["项目"]
    header = [KEY_OF[c.value] for c in sheet[1]]
    totals = {row[header.index("id")]: row[header.index("total")] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert Decimal(str(totals["alpha"])) == Decimal("94")
    with zipfile.ZipFile(io.BytesIO(files["data/perfsite.xlsx"])) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_builds_are_byte_identical(core_data_tree: Path) -> None:
    first = build_site(core_data_tree).files
    second = build_site(core_data_tree).files
    assert first == second


def test_feed_dates_come_from_the_data(core_data_tree: Path, core_write) -> None:  # type: ignore[no-untyped-def]
    text = build_site(core_data_tree).files["feed.xml"].decode()
    assert "2000-01-01T00:00:00+08:00" in text  # no published date and no data_date: a fixed date, not the clock
    path = core_data_tree / "2021" / "jiaoyu" / "alpha.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "published: 2022-03-05\n", encoding="utf-8")
    text = build_site(core_data_tree).files["feed.xml"].decode()
    assert "<updated>2022-03-05T00:00:00+08:00</updated>" in text


def test_feed_links_are_absolute_from_site_url(core_data_tree: Path) -> None:
    site = core_data_tree / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "site_url: https://example.gov.cn/jx/\n", encoding="utf-8")
    text = build_site(core_data_tree).files["feed.xml"].decode()
    assert '<link href="https://example.gov.cn/jx/projects/2021/alpha/"/>' in text


def test_every_column_is_described_in_the_schema() -> None:
    package = descriptor(SiteConfig())
    for resource in package["resources"]:  # type: ignore[union-attr]
        names = [f["name"] for f in resource["schema"]["fields"]]
        assert names == [c.header for c in COLUMNS_OF[resource["name"]]]
        assert all(f["description"] and f["title"] for f in resource["schema"]["fields"])


def _validate_every_package(files: dict[str, bytes], root: Path) -> list[str]:
    """Write the files out and validate every datapackage.json (site-wide and each year's)."""
    frictionless = pytest.importorskip("frictionless")
    for name, raw in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(raw)
    packages = sorted(name for name in files if name.endswith("datapackage.json"))
    for name in packages:
        report = frictionless.validate(str(root / name))
        assert report.valid, (name, report.flatten(["rowNumber", "fieldName", "type", "note"]))
    return packages


def test_data_package_validates_with_frictionless(files: dict[str, bytes], tmp_path: Path) -> None:
    packages = _validate_every_package(files, tmp_path)
    assert packages == ["data/2021/datapackage.json", "data/2022/datapackage.json", "data/datapackage.json"]


def test_sample_data_package_validates(tmp_path: Path) -> None:
    files = build_site(REPO / "data").files
    years = sorted({int(name.split("/")[1]) for name in files if name.count("/") == 2 and name.startswith("data/")})
    assert len(_validate_every_package(files, tmp_path)) == len(years) + 1


WORDS = {"rate_basis": {"budget": "执行数/预算数", "funded": "执行数/到位数"}}


@pytest.mark.parametrize("read_only", [True, False])
def test_workbook_cells_equal_the_csv_cells(files: dict[str, bytes], read_only: bool) -> None:
    """Site-wide and per year, streamed and loaded whole: rows and cells carry no reference, so each
    must land in its row and column by order alone (an empty cell keeps its column's place)."""
    years = sorted({name.split("/")[1] for name in files if name.count("/") == 2 and name.endswith("/perfsite.xlsx")})
    assert years
    empty = 0
    for prefix in ["data/", *(f"data/{year}/" for year in years)]:
        book = load_workbook(io.BytesIO(files[f"{prefix}perfsite.xlsx"]), read_only=read_only)
        for name, title in (("programmes", "项目"), ("indicators", "绩效指标"), ("budget", "预算执行情况")):
            csv_rows = _frame(files[f"{prefix}{name}.csv"]).to_dict("records")
            sheet = list(book[title].iter_rows(min_row=1, values_only=True))
            header, body = [KEY_OF[h] for h in sheet[0]], sheet[1:]
            assert list(header) == list(csv_rows[0]) if csv_rows else True
            assert len(body) == len(csv_rows)
            for cells, row in zip(body, csv_rows, strict=True):
                cells = list(cells) + [None] * (len(header) - len(cells))  # read-only mode drops trailing empties
                for key, cell in zip(header, cells, strict=True):
                    text = row[key]
                    empty += cell is None and any(row[k] for k in header[header.index(key) + 1:])
                    if key in WORDS or text in ("true", "false"):  # the workbook's words for the CSV's codes
                        assert cell == ({"true": "是", "false": "否"} | WORDS.get(key, {})).get(text), (name, key, cell)
                    elif isinstance(cell, dt.datetime):
                        assert text == cell.date().isoformat(), (name, key)
                    elif isinstance(cell, int | float):
                        assert Decimal(text) == Decimal(str(cell)), (name, key)
                    else:
                        assert (cell or "") == text.removeprefix("'"), (name, key)
    assert empty  # empty cells before filled ones were met


def test_workbook_keeps_markup_characters_as_text(core_data_tree: Path) -> None:
    path = core_data_tree / "2021" / "jiaoyu" / "alpha.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: 学生资助", 'name: "学生 <资助> & 补贴"'),
                    encoding="utf-8")
    raw = build_site(core_data_tree).files["data/perfsite.xlsx"]
    sheet = load_workbook(io.BytesIO(raw), read_only=True)["项目"]
    names = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "学生 <资助> & 补贴" in names
