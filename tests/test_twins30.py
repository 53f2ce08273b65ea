"""A 绩效目标表, 评价报告 or 整改 page offers its table as CSV, first in its download list: the
indicators, the scoring table, the measures, each the projection of the record its JSON twin
projects (the same values; the CSV's one escape, the formula guard), its columns those
docs/json.md lists. Made from data/'s documents in process, no site built."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest_site import DATA

from perfsite.dataset import load_document
from perfsite.record import make_rectification_record, make_report_record, make_target_record
from perfsite.site.rectification_page import render_rectification
from perfsite.site.report_page import render_report
from perfsite.site.targets_page import render_targets
from perfsite.siteconfig import SiteConfig
from perfsite.values import inert_cell

DOC = Path(__file__).resolve().parents[1] / "docs" / "json.md"
SECTION = "## 文件页的 CSV 下载"
TODAY = "2023-09-01"  # some 2022 measures are overdue then (tests/test_reports_pages.py)

Rendered = tuple[str, str, str, dict[str, bytes], dict[str, Any], Any]


def _read(pattern: str) -> list[tuple[Any, list[Any]]]:
    found = []
    for path in sorted(DATA.rglob(pattern)):
        doc, _, problems = load_document(path, DATA, SiteConfig(), DATA)
        found.append((doc, problems))
    return found


def _targets(doc: Any, problems: list[Any]) -> Rendered:
    return render_targets(make_target_record(doc, problems), SiteConfig(), True)


def _report(doc: Any, problems: list[Any]) -> Rendered:
    return render_report(make_report_record(doc, problems), SiteConfig(), frozenset())


def _rectification(doc: Any, problems: list[Any]) -> Rendered:
    return render_rectification(make_rectification_record(doc, problems), SiteConfig(), frozenset(), TODAY)


KINDS: dict[str, tuple[str, Callable[[Any, list[Any]], Rendered], str]] = {
    "targets": ("*-mubiao.yaml", _targets, "### 绩效目标表"),
    "evaluation": ("*-pingjia.yaml", _report, "### 评价报告"),
    "rectification": ("*-zhenggai.yaml", _rectification, "### 整改情况"),
}


@pytest.fixture(scope="module")
def pages() -> dict[str, list[Rendered]]:
    """Every 绩效目标表, 评价报告 and 整改 page of data/ (four of each), rendered once."""
    return {kind: [render(doc, problems) for doc, problems in _read(pattern)]
            for kind, (pattern, render, _) in KINDS.items()}


def _rows(content: bytes) -> list[dict[str, str]]:
    assert content.startswith("\ufeff".encode()) and b"\r\n" in content  # Excel reads UTF-8 by the BOM
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def _documented(heading: str) -> list[str]:
    """The 列名 column of the table under `heading` in docs/json.md's CSV section, in order."""
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index(SECTION):]
    section = section[section.index(heading):]
    section = section[section.index("|---"):]
    lines = section.split("\n\n")[0].splitlines()[1:]
    return [line.split("|")[1].strip() for line in lines]


@pytest.mark.parametrize("kind", KINDS)
def test_the_csv_is_listed_first_and_published_beside_the_page(pages: dict[str, list[Rendered]], kind: str) -> None:
    for url, _, body, files, twin, _ in pages[kind]:
        listed = body[body.index('id="ps-h-dl"'):]
        first = re.search(r'<li><a href="([^"]+)"[^>]*download[^>]*>([^<]+)</a>', listed)
        assert first is not None and first[1].endswith(".csv") and "（CSV）" in first[2], (url, first)
        assert twin["downloads"]["csv"] == f"{url}{url.split('/')[2]}.{kind}.csv"
        assert first[1].endswith(twin["downloads"]["csv"].rsplit("/", 1)[1])
        header = files[twin["downloads"]["csv"]].decode("utf-8-sig").split("\r\n", 1)[0].split(",")
        assert header == _documented(KINDS[kind][2]), "docs/json.md 的列与 CSV 不符"


def test_the_targets_csv_is_each_indicator_of_the_twin(pages: dict[str, list[Rendered]]) -> None:
    """Each text as the twin holds it, guarded as every CSV of the site is: the seed's 按期完工率
    targets =100%, which a spreadsheet would run; the CSV writes '=100%."""
    for _, _, _, files, twin, _ in pages["targets"]:
        rows = _rows(files[twin["downloads"]["csv"]])
        indicators = [*twin["indicators"], *twin.get("midterm_indicators", [])]
        assert [(r["三级指标"], r["目标"], r["权重"]) for r in rows] == \
            [(i["name"], inert_cell(i["target_text"]), i["weight"] or "") for i in indicators]
        assert [r["序号"] for r in rows] == [str(n) for n in range(1, len(indicators) + 1)]


def test_the_report_csv_is_its_scoring_table(pages: dict[str, list[Rendered]]) -> None:
    for _, _, _, files, twin, _ in pages["evaluation"]:
        rows = _rows(files[twin["downloads"]["csv"]])
        table = twin["table"]["indicators"]
        assert [(r["三级指标"], r["得分"], r["复算得分"], r["核验"]) for r in rows] == \
            [(i["name"], i["reported_score"] or "", i["score"] or "", i["status"]) for i in table]


def test_the_rectification_csv_is_each_measure_judged_as_the_page(pages: dict[str, list[Rendered]]) -> None:
    overdue = 0
    for _, _, _, files, twin, _ in pages["rectification"]:
        rows = _rows(files[twin["downloads"]["csv"]])
        measures = [(f["problem"], m) for f in twin["findings"] for m in f["measures"]]
        assert [(r["问题"], r["整改措施"], r["整改状态"], r["逾期"], r["判断日期"]) for r in rows] == \
            [(p, m["measure"], m["status"], "true" if m["overdue"] else "false", twin["as_of"]) for p, m in measures]
        overdue += sum(r["逾期"] == "true" for r in rows)
    assert overdue  # the day chosen judges some overdue: the column is not all false


def test_a_formula_in_a_cell_is_inert_in_the_csv_and_as_written_in_the_json() -> None:
    (doc, problems), *_ = _read("*-zhenggai.yaml")
    first = doc.findings[0]
    hostile = dataclasses.replace(first, problem="=HYPERLINK(\"http://x\",\"点击\")")
    rec = make_rectification_record(dataclasses.replace(doc, findings=(hostile, *doc.findings[1:])), problems)
    files = render_rectification(rec, SiteConfig(), frozenset(), TODAY)[3]
    assert _rows(files[rec.links["csv"]])[0]["问题"] == "'=HYPERLINK(\"http://x\",\"点击\")"
    assert json.loads(files[rec.links["json"]])["findings"][0]["problem"] == "=HYPERLINK(\"http://x\",\"点击\")"


def test_a_report_without_a_scoring_table_offers_no_csv() -> None:
    (doc, problems), *_ = _read("*-pingjia.yaml")
    rec = make_report_record(dataclasses.replace(doc, scored=None), problems)
    _, _, body, files, twin, _ = render_report(rec, SiteConfig(), frozenset())
    assert twin["downloads"]["csv"] is None
    assert not any(path.endswith(".csv") for path in files) and "（CSV）" not in body
