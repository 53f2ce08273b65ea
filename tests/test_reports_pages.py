"""The 评价报告 and 整改 pages on the seed data: the original published beside the report with its
size and SHA-256, the links between a programme-year's documents, the site-wide 整改 page with its
filters and twins, overdue judged against SOURCE_DATE_EPOCH, full-text search stubs."""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
from pathlib import Path

import pytest
from conftest_site import build_or_fail

from perfsite.site.rectification_page import CSV_COLUMNS, overview
from perfsite.site.report_page import document_links

REPO = Path(__file__).resolve().parent.parent
REPORT_2022 = "projects/2022/yingyang-gaishan/evaluation/"
RECTIFICATION_2022 = "projects/2022/nongcun-gonglu-yanghu/rectification/"


def _text(page: Path) -> str:
    body = re.sub(r"<script.*?</script>|<style.*?</style>", "", page.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def _build(tmp: Path, epoch: str) -> Path:
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", epoch)
    mp.setenv("PERFSITE_SEARCH", "0")
    try:
        return build_or_fail(tmp, REPO / "data")
    finally:
        mp.undo()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed data built as of 2023-09-01 (1693526400): some 2022 measures are then overdue."""
    return _build(tmp_path_factory.mktemp("reports") / "site", "1693526400")


def test_the_original_is_published_beside_the_report_with_its_size_and_hash(site: Path) -> None:
    twin = json.loads((site / REPORT_2022 / "yingyang-gaishan.evaluation.json").read_text(encoding="utf-8"))
    original = twin["original"]
    published = site / original["url"]
    source = REPO / "data/2022/jiaoyu" / original["file"]
    assert published.read_bytes() == source.read_bytes()
    assert original["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert original["size"] == source.stat().st_size and original["format"] == "PDF"
    text = _text(site / REPORT_2022 / "index.html")
    assert original["sha256"] in text and original["size_text"] in text
    assert (twin["table"]["total"], twin["table"]["grade"], twin["table"]["headline"]["verdict"]) == ("88.31", "良", "match")
    assert "评价结论" in text and "主要问题" in text and "建议" in text and "示例正信会计师事务所" in text


def test_every_document_of_a_programme_year_links_the_others(site: Path) -> None:
    base = "projects/2023/nongcun-gonglu-yanghu/"
    pages = {"": "绩效自评", "targets/": "绩效目标表", "evaluation/": "评价报告", "rectification/": "整改情况"}
    for here, label in pages.items():
        page = (site / base / here / "index.html").read_text(encoding="utf-8")
        nav = page[page.index('class="ps-docs"'):]
        nav = nav[:nav.index("</nav>")]
        assert f'<strong aria-current="page">{label}</strong>' in nav
        for there, other in pages.items():
            if there != here:
                assert re.search(rf'<a href="[^"]*"[^>]*>{other}</a>', nav), (here, other)
    assert document_links("projects/2021/quwo/", frozenset(), _kind("自评")) == []  # alone: nothing to link


def _kind(value: str):
    from perfsite.kinds import DocumentKind
    return DocumentKind(value)


def test_overdue_measures_follow_the_build_date(site: Path, tmp_path: Path) -> None:
    twin = json.loads((site / RECTIFICATION_2022 / "nongcun-gonglu-yanghu.rectification.json").read_text(encoding="utf-8"))
    assert twin["as_of"] == "2023-09-01"
    late = [m["measure"] for f in twin["findings"] for m in f["measures"] if m["overdue"]]
    assert late == ["统一养护台账格式，按月检查"]  # due 2023-06-30, 整改中; the 2024 one is not yet due
    assert "已逾期" in _text(site / RECTIFICATION_2022 / "index.html")
    later = _build(tmp_path / "later", "1767225600")  # 2026-01-01: the 2024 measure is late too
    twin = json.loads((later / RECTIFICATION_2022 / "nongcun-gonglu-yanghu.rectification.json").read_text(encoding="utf-8"))
    assert sum(m["overdue"] for f in twin["findings"] for m in f["measures"]) == 2
    assert twin["application"][0] == {"action": "次年预算调减", "amount": "120.00", "unit": "万元", "budget_year": 2024,
                                      "note": "评价等级“中”，核减2024年县级养护补助120万元，整改到位后再行安排。"}


def test_the_site_wide_page_lists_every_measure_with_its_twins(site: Path) -> None:
    data = json.loads((site / "rectification/index.json").read_text(encoding="utf-8"))
    rows = data["measures"]
    files = sorted(REPO.glob("data/*/*/*-zhenggai.yaml"))
    assert data["summary"]["programmes"] == len(files) == 4
    assert data["summary"]["measures"] == len(rows) == sum(
        f.read_text(encoding="utf-8").count("measure:") for f in files)
    assert data["summary"]["overdue"] == sum(r["overdue"] for r in rows) > 0
    table = list(csv.reader(io.StringIO((site / "rectification/rectification.csv").read_bytes().decode("utf-8-sig"))))
    assert table[0] == [label for _, label in CSV_COLUMNS] and len(table) == len(rows) + 1
    page = (site / "rectification/index.html").read_text(encoding="utf-8")
    assert page.count('class="ps-measure') == len(rows)
    for name in ("status", "year", "dept", "overdue"):
        assert f'name="{name}"' in page
    assert page.count('data-overdue="1"') == data["summary"]["overdue"]
    assert (site / "assets/perfsite/rectification.js").is_file()


def test_the_overview_counts_by_status_and_overdue() -> None:
    measure = {"measure": "m", "owner": "o", "evidence": None, "completed": None}
    docs = [{"url": "projects/2022/a/rectification/", "year": 2022, "name": "甲", "department": "局", "application": [],
             "findings": [{"source": "评价报告", "problem": "p", "measures": [
                 {**measure, "deadline": "2023-01-01", "status": "整改中"},
                 {**measure, "deadline": "2023-01-01", "status": "已完成"},
                 {**measure, "deadline": "2024-01-01", "status": "未开始"}]}]}]
    summary = overview(docs, "2023-06-01")["summary"]
    assert summary == {"programmes": 1, "measures": 3, "未开始": 1, "整改中": 1, "已完成": 1, "overdue": 1}


def test_full_text_search_indexes_the_report_and_the_rectification(site: Path) -> None:
    from perfsite.site.report_page import stub
    from perfsite.site.search import stub_html

    report = json.loads((site / REPORT_2022 / "yingyang-gaishan.evaluation.json").read_text(encoding="utf-8"))
    text = stub_html(stub({**report, "title_suffix": "绩效评价报告"}))
    assert "绩效评价报告" in text and report["findings"][0] in text and report["url"] == REPORT_2022
    fixed = json.loads((site / RECTIFICATION_2022 / "nongcun-gonglu-yanghu.rectification.json").read_text(encoding="utf-8"))
    text = stub_html(stub({**fixed, "title_suffix": "整改情况", "findings": [], "rectification": fixed["findings"]}))
    assert "统一养护台账格式" in text and "次年预算调减" in text


@pytest.mark.parametrize(("heading", "twin"), [
    ("## 评价报告页的 JSON 数据", f"{REPORT_2022}yingyang-gaishan.evaluation.json"),
    ("## 整改情况页的 JSON 数据", f"{RECTIFICATION_2022}nongcun-gonglu-yanghu.rectification.json"),
    ("## 整改情况汇总的 JSON 数据", "rectification/index.json"),
])
def test_each_twin_is_documented_key_for_key(site: Path, heading: str, twin: str) -> None:
    from test_json_contract import documented, key_paths

    assert key_paths(json.loads((site / twin).read_text(encoding="utf-8"))) == documented(heading, "\n## ")
