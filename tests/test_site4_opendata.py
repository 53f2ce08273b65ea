"""/data/'s tables carry what the pages say: the 绩效目标表's inferred sign, the 整改 document's
status date; docs/opendata.md names every column of the document tables."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from test_trial3site import _table

from perfsite.opendata.build import MemorySink
from perfsite.opendata.cycle import CYCLE_TABLES, RECTIFICATION_COLUMNS, rectification_rows
from perfsite.opendata.doctables import write_doc_tables
from perfsite.opendata.tables import INDICATOR_CSV_COLUMNS
from perfsite.opendata.targets import CSV_PATH, TARGET_COLUMNS, TARGET_TABLE, target_part
from perfsite.record import make_target_record
from perfsite.siteconfig import SiteConfig

REPO = Path(__file__).resolve().parent.parent


def test_targets_csv_says_which_sign_the_site_inferred(tmp_path):
    rec = make_target_record(_table(tmp_path), [])  # 81个 and 100% printed without a sign
    sink = MemorySink()
    write_doc_tables([(TARGET_TABLE, [target_part(rec, SiteConfig())])], SiteConfig(), sink, ())
    rows = list(csv.DictReader(io.StringIO(sink.files[CSV_PATH].decode("utf-8-sig"))))
    assert [(r["目标"], r["指标性质"], r["性质系推断"]) for r in rows] == [
        ("81个", "≥", "true"), ("100%", "≥", "true"), ("≤25万元", "≤", "false"), ("明显改善", "定性", "false"),
        ("≥90%", "≥", "false"), ("243个", "≥", "true")]


def _document(status_date: str | None) -> dict[str, object]:
    measure = {"measure": "修订制度", "owner": "教育局", "deadline": "2024-03-31", "status": "整改中",
               "completed": None, "evidence": None}
    return {"year": 2023, "url": "projects/2023/p/rectification/", "name": "项目", "department": "教育局",
            "status_date": status_date, "findings": [{"source": "评价报告", "problem": "制度不全", "measures": [measure]}],
            "application": []}


def test_rectification_csv_gives_the_status_date_apart_from_the_day_judged_on():
    [dated], _ = rectification_rows([_document("2024-06-30")], "2024-05-01")
    assert dated["status_date"] == "2024-06-30" and dated["as_of"] == "2024-05-01"  # a later date is not yet
    [undated], _ = rectification_rows([_document(None)], "2024-05-01")
    assert undated["status_date"] == "" and undated["as_of"] == "2024-05-01"
    assert "status_date" in [c.name for c in RECTIFICATION_COLUMNS]


def _between(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end, text.index(start))]


def test_docs_name_every_column_of_the_document_tables():
    """Each table's columns in its own part of docs/opendata.md: the 绩效目标表 section, or the
    cycle section's opening (the columns every table ends with) and the table's own item; the
    indicator columns department_indicators shares with indicators.csv named there as their
    range (`一级指标` … `核验`, as the 指标表 section names them)."""
    text = (REPO / "docs/opendata.md").read_text(encoding="utf-8")
    cycle = _between(text, "## 评价报告、整改与部门整体", "\n## ")
    opening = cycle[:cycle.index("\n- `")]
    parts = {"targets": _between(text, "## 绩效目标表", "\n## ")}
    for name in CYCLE_TABLES:
        item = cycle[cycle.index(f"\n- `{name}.csv`"):]
        parts[name] = opening + item[:item.find("\n- `", 1) if "\n- `" in item[1:] else len(item)]
    shared = INDICATOR_CSV_COLUMNS
    assert f"`{shared[0].header}` … `{shared[-1].header}`" in parts["department_indicators"]
    tables = {"targets": TARGET_COLUMNS, **{name: table.columns for name, table in CYCLE_TABLES.items()}}
    missing = {name: [c.header for c in columns if f"`{c.header}`" not in parts[name]
                      and not (name == "department_indicators" and c in shared)]
               for name, columns in tables.items()}
    assert missing == {name: [] for name in tables}
