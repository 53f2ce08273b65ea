"""The one workbook /data/perfsite.xlsx holds the 部门整体 sheet beside the programme tables
(site-wide and in the year's), its rows those of departments.csv, counted in files.json (a site
without 部门整体 documents keeps its three sheets: tests/test_opendata.py)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from perfsite.site import build_site

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The seed's 2023 education folder: one programme's documents and its department's two."""
    data = tmp_path_factory.mktemp("site3-book") / "data"
    data.mkdir()
    shutil.copy(REPO / "data" / "site.yaml", data / "site.yaml")
    shutil.copytree(REPO / "data" / "2023" / "jiaoyu", data / "2023" / "jiaoyu")
    return build_site(data).files


def _sheet(book: bytes, title: str) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(book), read_only=True)[title]
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("path", ["data/perfsite.xlsx", "data/2023/perfsite.xlsx"])
def test_the_workbook_has_the_department_sheet_of_departments_csv(files: dict[str, bytes], path: str) -> None:
    book = load_workbook(io.BytesIO(files[path]), read_only=True)
    assert book.sheetnames == ["项目", "绩效指标", "预算执行情况", "部门整体", "字段说明"]
    rows = _sheet(files[path], "部门整体")
    published = list(csv.reader(io.StringIO(files["data/departments.csv"].decode("utf-8-sig"))))
    assert rows[0] == published[0] and len(rows) == len(published) == 3  # 目标表 and 自评 of one department-year
    assert [r[:2] for r in rows[1:]] == [r[:2] for r in published[1:]] == [["2023", "示例县教育局"]] * 2
    described = [r for r in _sheet(files[path], "字段说明") if r[0] == "部门整体"]
    assert [r[1] for r in described] == rows[0]
    counted = json.loads(files["data/files.json"])["files"][path]["rows"]
    assert counted == sum(len(_sheet(files[path], t)) - 1 for t in ("项目", "绩效指标", "预算执行情况", "部门整体"))

