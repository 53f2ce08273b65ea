"""Lists say what the programme page's badge says: a programme whose total agrees and whose items
(or grade) do not is not 「89.86 / 89.86 ⚠ 不一致」 in a listing, in 项目查询's data or in its CSV
export; the export says where a grade comes from; the 评价报告 chip carries the report's grade in
项目查询 as on the listings."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from perfsite.site.listing_rows import programme_rows
from perfsite.site.pages import INDEX_FIELDS, index_part

ASSETS = Path(__file__).resolve().parents[1] / "perfsite" / "assets"


def _row(name: str, **fields: Any) -> dict[str, Any]:
    base = {"url": f"projects/2024/{name}/", "year": 2024, "name": name, "department": "教育局", "region": "甲县",
            "evaluation": "单位自评", "score": "89.86", "grade": "良", "source": "published", "total": "89.86",
            "verdict": "discrepancy", "sample": False, "budget_wan": "100.00", "spent_wan": "90.00",
            "execution_rate": "90.00", "targets": None, "lowered": 0}
    return {**base, **fields}


def _total_cells(rows: list[dict[str, Any]]) -> dict[str, str]:
    html = programme_rows(rows, False, "years/2024/", lambda g: "good")
    doc = lxml.html.fromstring(f"<table><tbody>{html}</tbody></table>")
    return {tr.xpath("string(th/a)"): " ".join(tr.xpath("string(td[@data-label='复算'])").split())
            for tr in doc.xpath("//tr")}


def test_a_listing_marks_agreeing_totals_and_names_what_disagrees() -> None:
    cells = _total_cells([
        _row("items", mismatch="分项复算不一致"),
        _row("grade", mismatch="等级不符", total="89.90"),
        _row("total", total="88.86"),
    ])
    assert cells["items"] == "89.86✓（与公布一致）⚠ 分项复算不一致"
    assert cells["grade"] == "89.90≈（舍入差异）⚠ 等级不符"  # the totals within rounding: ≈, as the page says
    assert cells["total"] == "88.86⚠ 不一致"


def test_the_index_data_carries_the_mismatch_and_the_report_grade() -> None:
    part = index_part([_row("items", mismatch="分项复算不一致", report="projects/2024/items/evaluation/",
                            report_grade="良"), _row("plain", verdict="match")])
    columns = dict(zip(INDEX_FIELDS, part["columns"], strict=True))
    assert [part["mismatches"][i] for i in columns["mismatch"]] == ["分项复算不一致", ""]
    assert [part["report_grades"][i] for i in columns["report_grade"]] == ["良", ""]


NODE = shutil.which("node")


@pytest.mark.skipif(NODE is None, reason="node not installed")
def test_the_export_says_agreeing_totals_and_where_the_grade_comes_from(tmp_path: Path) -> None:
    """export.js's CSV (the rows as perfsite.js decodes them), run in node with a stub window."""
    rows = [
        {"year": "2024", "name": "items", "score": "89.86", "published": True, "total": "89.86",
         "verdict": "discrepancy", "mismatch": "分项复算不一致", "grade": "良", "gradeRecomputed": False, "path": "2024/items/"},
        {"year": "2024", "name": "ours", "score": "96.42", "published": True, "total": "96.42",
         "verdict": "match", "mismatch": "", "grade": "优", "gradeRecomputed": True, "path": "2024/ours/"},
        {"year": "2024", "name": "computed", "score": "80.00", "published": False, "total": "80.00",
         "verdict": "computed", "mismatch": "", "grade": "良", "gradeRecomputed": False, "path": "2024/computed/"},
    ]
    script = tmp_path / "run.js"
    script.write_text(
        "global.window = { __md_scope: { href: 'https://x.gov.cn/' }, perfsiteIndex: { verdictLabel: function (v) {"
        " return { discrepancy: '复算不一致', match: '复算一致', computed: '原文未公布总分' }[v] || ''; } } };\n"
        "global.document = { readyState: 'complete', getElementById: function () { return null; } };\n"
        f"require({json.dumps(str(ASSETS / 'export.js'))});\n"
        f"process.stdout.write(window.perfsiteExport.csvText({json.dumps(rows, ensure_ascii=False)}));\n",
        encoding="utf-8")
    out = subprocess.run([NODE, str(script)], capture_output=True, text=True, check=True, timeout=30).stdout
    lines = [line.split(",") for line in out.lstrip("\ufeff").splitlines()]
    header = lines[0]
    got = {line[1]: dict(zip(header, line, strict=True)) for line in lines[1:]}
    assert got["items"]["复算核验"] == "总分相符，分项复算不一致"
    assert [got[n]["等级来源"] for n in ("items", "ours", "computed")] == ["公布", "复算", "复算"]
    assert got["ours"]["复算核验"] == "复算一致"


def test_the_grade_filter_offers_the_lowest_two_grades_together() -> None:
    from perfsite.site.pages import Builder
    from perfsite.siteconfig import SiteConfig

    page = next(p for p in Builder(SiteConfig(), [_row("a", verdict="match")]).run().pages if p.url == "projects/")
    option = lxml.html.fromstring(page.html).xpath("//select[@name='grade']/option[@data-grades]")
    assert [(o.get("value"), o.get("data-grades"), o.text_content()) for o in option] == [
        ("中及以下", "中 差", "中及以下（中、差）")]
    script = (ASSETS / "perfsite.js").read_text(encoding="utf-8")
    assert "grade: inGrades" in script  # the choice matches each of its grades (NESTED)
