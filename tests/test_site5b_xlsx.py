"""perfsite.xlsx is the human view of /data/: a boolean reads 是/否, 执行率口径 its Chinese words and
页面地址 the page's absolute address where site_url is set, while the CSV twin keeps the documented
codes (true, budget) and site paths. Read from the shared sample site (site_url set)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import load_workbook

from perfsite.opendata.parts import encode_rows
from perfsite.opendata.tables import PROGRAMME_COLUMNS


def test_the_workbook_shows_words_and_absolute_addresses_the_csv_keeps_codes(sample_site: Path) -> None:
    book = load_workbook(sample_site / "data" / "perfsite.xlsx", read_only=True)
    rows = list(book["项目"].iter_rows(values_only=True))
    sheet = [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]
    text = (sample_site / "data" / "programmes.csv").read_text(encoding="utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text)))
    assert len(sheet) == len(table) > 5
    for shown, row in zip(sheet, table, strict=True):
        assert shown["示例数据"] == {"true": "是", "false": "否"}[row["示例数据"]]
        assert row["执行率口径"] in ("budget", "funded", "")
        assert shown["执行率口径"] == {"budget": "执行数/预算数", "funded": "执行数/到位数", "": None}[row["执行率口径"]]
        assert not row["页面地址"].startswith("http")
        assert shown["页面地址"] == "https://example.gov.cn/jxgk/" + row["页面地址"]


def test_without_site_url_the_workbook_keeps_the_site_path() -> None:
    row = {"url": "projects/2022/x/", "sample": "true"}
    lines, sheet = encode_rows(PROGRAMME_COLUMNS, [row])
    assert "projects/2022/x/" in sheet and "http" not in sheet and ">是<" in sheet
    assert "true" in lines.rstrip("\r\n").split(",")  # the CSV keeps the code


def test_the_field_sheet_says_a_booleans_words(sample_site: Path) -> None:
    book = load_workbook(sample_site / "data" / "perfsite.xlsx", read_only=True)
    described = {row[1]: row[5] for row in book["字段说明"].iter_rows(min_row=2, values_only=True)}
    assert described["示例数据"] == "是：这是示例数据，并非真实项目"
    assert described["是否适用"] == "否：不适用，不计入总分"
