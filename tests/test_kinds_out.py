"""The 评价报告, 整改 and 部门整体 documents in /data/ and the feed, on the seed data built by the
site build (workers): each table's rows project the documents, the workbook holds the same
cells, the site-wide Data Package lists and validates them, files.json lists them, the feed has
an entry per document; and a site without such documents has none of these files or entries."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest_site import build_or_fail
from openpyxl import load_workbook

from perfsite.opendata.cycle import CYCLE_TABLES, XLSX_PATH

REPO = Path(__file__).resolve().parent.parent
TABLES = ("reports", "rectification", "application", "departments", "department_indicators")
OTHER_KINDS = re.compile(r"kind:\s*(评价报告|整改|部门整体绩效目标|部门整体自评)\s*$", re.M)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seed data built with its reports, 整改 and 部门整体 documents, and without them (as of
    2024-12-05, so which measures are overdue is fixed)."""
    tmp = tmp_path_factory.mktemp("kinds-out")
    without = tmp / "data-without"
    shutil.copytree(REPO / "data", without)
    for path in without.rglob("*.yaml"):
        if OTHER_KINDS.search(path.read_text(encoding="utf-8")):
            path.unlink()
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1733356800")
    mp.setenv("PERFSITE_SEARCH", "0")
    try:
        return build_or_fail(tmp / "with", REPO / "data"), build_or_fail(tmp / "without", without)
    finally:
        mp.undo()


def _rows(site: Path, name: str) -> list[dict[str, str]]:
    raw = (site / "data" / f"{name}.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_the_report_table_has_one_row_per_report_with_its_original(sites):
    rows = _rows(sites[0], "reports")
    assert [(r["年度"], r["项目标识"]) for r in rows] == [
        ("2022", "nongcun-gonglu-yanghu"), ("2022", "yingyang-gaishan"),
        ("2023", "nongcun-gonglu-yanghu"), ("2023", "yingyang-gaishan")]
    first = rows[0]
    assert (first["评价类型"], first["复算总分"], first["复算等级"], first["公布总分"], first["核验结果"]) == \
        ("财政评价", "65.66", "中", "65.66", "复算一致")
    for row in rows:
        original = sites[0] / row["原件地址"]
        assert original.is_file() and int(row["原件大小"]) == original.stat().st_size
        assert row["原件SHA-256"] == hashlib.sha256(original.read_bytes()).hexdigest()
        assert (sites[0] / row["页面地址"] / "index.html").is_file()


def test_measures_are_overdue_as_of_the_build_date(sites):
    rows = _rows(sites[0], "rectification")
    assert {r["判断日期"] for r in rows} == {"2024-12-05"}
    overdue = [(r["年度"], r["项目标识"], r["问题序号"], r["措施序号"]) for r in rows if r["逾期"] == "true"]
    assert overdue == [("2022", "nongcun-gonglu-yanghu", "4", "1"), ("2022", "yingyang-gaishan", "3", "2")]
    for r in rows:  # overdue: not done and the deadline passed
        assert (r["逾期"] == "true") == (r["整改状态"] != "已完成" and r["完成时限"] < r["判断日期"])
    documents = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (REPO / "data").rglob("*zhenggai.yaml")]
    assert len(rows) == sum(len(f["measures"]) for d in documents for f in d["findings"])


def test_application_amounts_are_given_in_wan(sites):
    rows = _rows(sites[0], "application")
    cut = [r for r in rows if r["结果应用"] == "次年预算调减"]
    assert [(r["金额"], r["金额单位"], r["金额（万元）"], r["预算年度"]) for r in cut] == [
        ("120.00", "万元", "120.00", "2024"), ("36.00", "万元", "36.00", "2024")]
    assert all(r["金额（万元）"] == "" for r in rows if r["金额"] == "")


def test_the_department_table_has_both_documents(sites):
    rows = _rows(sites[0], "departments")
    assert [(r["文件类型"], r["复算总分"], r["复算等级"], r["页面地址"]) for r in rows] == [
        ("部门整体绩效目标", "", "", "departments/示例县教育局/2023/"),
        ("部门整体自评", "99.63", "优", "departments/示例县教育局/2023/")]


def test_the_workbook_holds_the_csv_cells(sites):
    book = load_workbook(sites[0] / XLSX_PATH, read_only=True)
    assert book.sheetnames == [*(CYCLE_TABLES[n].title for n in TABLES), "字段说明"]
    for name in TABLES:
        sheet = list(book[CYCLE_TABLES[name].title].iter_rows(values_only=True))
        rows = _rows(sites[0], name)
        assert list(sheet[0]) == [c.header for c in CYCLE_TABLES[name].columns]
        assert len(sheet) - 1 == len(rows)
        for cells, row in zip(sheet[1:], rows, strict=True):
            for cell, text in zip(cells, row.values(), strict=False):
                shown = "" if cell is None else ({"是": "true", "否": "false"}.get(cell) if cell in ("是", "否") else
                                                 cell.date().isoformat() if hasattr(cell, "date") else str(cell))
                shown = shown.removeprefix("https://example.gov.cn/jxgk/")  # 页面地址: absolute in the workbook
                assert shown == text or (isinstance(cell, int | float) and float(text) == cell), (name, cell, text)


def test_the_data_package_lists_and_validates_the_tables(sites, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    package = json.loads((sites[0] / "data/datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in package["resources"]]
    assert names[-len(TABLES):] == list(TABLES)
    amount = next(f for f in package["resources"][names.index("application")]["schema"]["fields"]
                  if f["perfsite:key"] == "amount_wan")
    assert (amount["name"], amount["unit"]) == ("金额（万元）", "万元")
    report = frictionless.validate(str(sites[0] / "data/datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    facts = json.loads((sites[0] / "data/files.json").read_text(encoding="utf-8"))["files"]
    for name in TABLES:
        assert facts[f"data/{name}.csv"]["rows"] == len(_rows(sites[0], name))
    assert facts[XLSX_PATH]["bytes"] == (sites[0] / XLSX_PATH).stat().st_size


def test_the_feed_has_an_entry_per_document(sites):
    feed = (sites[0] / "feed.xml").read_text(encoding="utf-8")
    for title in ("农村公路养护（2022年度绩效评价报告）", "义务教育阶段学生营养改善计划（2023年度整改情况）",
                  "示例县教育局（2023年度部门整体支出绩效自评表）", "示例县教育局（2023年度部门整体支出绩效目标表）"):
        assert feed.count(f"<title>示例：{title}</title>") == 1, title  # data/ is 示例数据
    assert "<summary>示例数据，不是正式公开的评价结果。2022年度 示例县交通运输局；财政评价，评价机构" in feed
    assert "/projects/2022/nongcun-gonglu-yanghu/evaluation/" in feed


def test_a_site_without_these_documents_has_none_of_their_files_or_entries(sites):
    without = sites[1]
    for name in TABLES:
        assert not (without / "data" / f"{name}.csv").exists()
    assert not (without / XLSX_PATH).exists()
    package = json.loads((without / "data/datapackage.json").read_text(encoding="utf-8"))
    assert not {r["name"] for r in package["resources"]} & set(TABLES)
    feed = (without / "feed.xml").read_text(encoding="utf-8")
    assert "绩效评价报告）" not in feed and "整改情况）" not in feed and "部门整体" not in feed


def test_the_downloads_page_lists_the_files_with_their_facts(sites):
    page = (sites[0] / "downloads/index.html").read_text(encoding="utf-8")
    facts = json.loads((sites[0] / "data/files.json").read_text(encoding="utf-8"))["files"]
    for name in (*TABLES, "evaluations"):
        path = f"data/{name}.{'xlsx' if name == 'evaluations' else 'csv'}"
        assert f'href="../{path}"' in page and facts[path]["sha256"] in page, path
        assert f"{facts[path]['bytes']:,}" in page
    without = (sites[1] / "downloads/index.html").read_text(encoding="utf-8")
    assert "evaluations.xlsx" not in without and "reports.csv" not in without


def _row(listing: str, ident: str) -> str:
    row = re.search(rf"<tr>(?:(?!</tr>).)*{ident}/(?:(?!</tr>).)*</tr>", listing, flags=re.S)
    assert row is not None
    return row.group(0)


def test_list_rows_link_the_report_with_its_grade_and_the_rectification_with_overdue(sites):
    years = (sites[0] / "years/2022/index.html").read_text(encoding="utf-8")
    row = _row(years, "nongcun-gonglu-yanghu")
    assert 'href="../../projects/2022/nongcun-gonglu-yanghu/evaluation/" title="本项目该年度的绩效评价报告">评价报告 · 中</a>' in row
    assert 'href="../../projects/2022/nongcun-gonglu-yanghu/rectification/"' in row and "⚠ 逾期" in row
    assert "评价报告" not in _row(years, "jiuye-chuangye-buzhu")
    later = _row((sites[0] / "years/2023/index.html").read_text(encoding="utf-8"), "nongcun-gonglu-yanghu")
    assert "评价报告 · 优" in later and "整改</a>" in later and "⚠ 逾期" not in later  # open, none overdue
    without = (sites[1] / "years/2022/index.html").read_text(encoding="utf-8")
    assert "ps-tag--report" not in without and "逾期" not in without


def test_the_index_cycle_column_and_facet(sites):
    from conftest_site import index_rows

    rows = {r["path"]: r["cycle"] for r in index_rows(lambda path: (sites[0] / path).read_bytes())}
    assert {p: c for p, c in rows.items() if c} == {
        "2022/nongcun-gonglu-yanghu/": 1 + 2 + 4 + 8, "2022/yingyang-gaishan/": 1 + 2 + 4 + 8,
        "2023/nongcun-gonglu-yanghu/": 1 + 2 + 8, "2023/yingyang-gaishan/": 1 + 2 + 8}
    page = (sites[0] / "projects/index.html").read_text(encoding="utf-8")
    assert '<div class="ps-field">\n    <label for="ps-cycle">评价与整改</label>' in page
    without = index_rows(lambda path: (sites[1] / path).read_bytes())
    assert {r["cycle"] for r in without} == {0}
    assert '<div class="ps-field" hidden>\n    <label for="ps-cycle">' in (sites[1] / "projects/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("page_url", ["years/2024/", "", "projects/"])
def test_cycle_marks_are_the_macros_bytes(page_url):
    """listing_rows writes the marks the index's no-script list writes with the macro."""
    from test_site_listings import make_rows

    from perfsite.site.cycle_marks import cycle_code, cycle_marks, mark_cycle
    from perfsite.site.render import linker, relative_url, standard

    rows = make_rows(5)
    mark_cycle(rows, {"projects/2023/p000/": ("projects/2023/p000/evaluation/", "<良>"),
                      "projects/2024/p001/": ("projects/2024/p001/evaluation/", None)},
               {"projects/2024/p001/": ("projects/2024/p001/rectification/", 2, 1),
                "projects/2023/p002/": ("projects/2023/p002/rectification/", 0, 0)})
    assert [cycle_code(r) for r in rows] == [1, 1 + 2 + 4 + 8, 8, 0, 0]
    macro = standard().env.from_string('{% from "_macros.html" import cycle_marks with context %}'
                                      "{% for p in items %}[{{ cycle_marks(p) }}]{% endfor %}")
    link = linker(page_url)
    written = "".join(f"[{cycle_marks(r, link)}]" for r in rows)
    assert macro.render(items=rows, url=lambda t: relative_url(t, page_url)) == written
    assert "评价报告 · &lt;良&gt;" in written and written.count("⚠ 逾期") == 1 and "（1 项）" in written
