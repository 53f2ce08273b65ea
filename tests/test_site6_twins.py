"""A listing's twins (programmes.csv, programmes.json) say what differs where the totals agree and
the verdict is 不一致 (`mismatch`, headline.mismatch), as the programme twins and the 项目查询 data
do; the 项目查询 data names that lookup list `mismatches` (index version 8)."""

from __future__ import annotations

import csv
import io
import json

from perfsite.site import pages
from perfsite.site.twins import listing_twins


def _item(ident: str, verdict: str, mismatch: str | None) -> dict:
    return {"year": 2024, "url": f"projects/2024/{ident}/", "name": ident, "department": "教育局", "region": "示例县",
            "evaluation": "单位自评", "sample": False, "score": "89.86", "source": "published", "grade": "良",
            "verdict": verdict, "mismatch": mismatch, "total": "89.86", "budget_wan": None, "spent_wan": None,
            "execution_rate": None, "targets": None, "lowered": None}


def test_a_listing_twin_says_what_differs_where_the_totals_agree() -> None:
    items = [_item("a", "discrepancy", "分项复算不一致"), _item("b", "match", None)]
    files = listing_twins("years/2024/", "2024年度", items, [])
    rows = json.loads(files["years/2024/programmes.json"])["programmes"]
    assert [(r["verdict"], r["mismatch"]) for r in rows] == [("discrepancy", "分项复算不一致"), ("match", None)]
    table = list(csv.DictReader(io.StringIO(files["years/2024/programmes.csv"].decode("utf-8-sig"))))
    header = list(table[0])
    assert header[header.index("复算核验") + 1] == "不一致之处"
    assert [(r["复算核验"], r["不一致之处"]) for r in table] == [("discrepancy", "分项复算不一致"), ("match", "")]


def test_the_index_names_its_mismatch_list_mismatches() -> None:
    part = pages.index_part([{**_item("a", "discrepancy", "等级不符"), "grade_recomputed": False}])
    assert part["mismatches"] == ["等级不符"] and "mismatchs" not in part
    assert {"departments", "regions", "evaluations", "grades", "verdicts", "report_grades"} <= set(part)
    assert pages.INDEX_VERSION == 8
