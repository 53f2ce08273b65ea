"""A system's 绩效目标 export (many programmes' targets in one sheet, one row per indicator) imports as one
绩效目标表 per programme, grouped by 年度 + 项目编码 (by name + 主管部门 + 年度 without codes).

The export is built from held 目标表 (tests/forms_targets t01, t03, t11: their golden programmes' names,
goals and indicators), each programme under its own department and again, same name, under a second one:
3 programmes × 2 departments. One import of an .xlsx (with codes, two years of one code) and a .csv
(no code column, rows of two programmes interleaved) serves every test.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook

from perfsite.cli import main
from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import prepare
from perfsite.yamlload import load_yaml_file

HELD = Path(__file__).parent / "forms_targets"
FORMS = ("t01-jingyan-cunzu-ganbu", "t03-jiayuguan-bowuguan", "t11-jinan-wangqiu-saishi")
SECOND = "示例县教育局"
HEADER = ["年度", "项目编码", "项目名称", "主管部门", "年度目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"]
_SIGN = re.compile(r"^(≥|≤|=|>|<)")


def _golden(folder: str) -> dict:
    return yaml.safe_load((HELD / folder / "golden.yaml").read_text(encoding="utf-8"))


def _programmes() -> list[tuple[str, str, str, dict]]:
    """(year, code, department, golden) of the six programmes."""
    out = []
    for n, folder in enumerate(FORMS, 1):
        golden = _golden(folder)
        out.append(("2024", f"53012324{n:04d}", golden["department"], golden))
        out.append(("2024", f"53012399{n:04d}", SECOND, golden))
    return out


def _rows(year: str, code: str, department: str, golden: dict) -> list[list[str]]:
    rows = []
    for item in golden["indicators"]:
        target = str(item["target"])
        sign = m[1] if (m := _SIGN.match(target)) else ""
        rows.append([year, code, golden["name"], department, golden.get("annual_goal", ""), item.get("level1", ""),
                     item.get("level2", ""), item["name"], sign, target[len(sign):], ""])
    return rows


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    """{"xlsx": [...], "csv": [...]}: the files each import wrote, as data."""
    tmp = tmp_path_factory.mktemp("targets29")
    book = Workbook()
    sheet = book.active
    sheet.append(["2024年项目支出绩效目标"])
    sheet.append(HEADER)
    for programme in _programmes():
        for row in _rows(*programme):
            sheet.append(row)
    first = _programmes()[0]
    for row in _rows("2025", first[1], first[2], first[3]):  # the same code a year on: a form of its own
        sheet.append(row)
    book.save(tmp / "export.xlsx")
    with (tmp / "export.csv").open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([h for h in HEADER if h != "项目编码"])
        blocks = [[[c for i, c in enumerate(row) if i != 1] for row in _rows(*p)] for p in _programmes()]
        a, b = blocks[0], blocks[1]  # the same programme name under two departments, rows interleaved
        writer.writerows([a[0], b[0], *a[1:], *b[1:], *(row for block in blocks[2:] for row in block)])
    result = {}
    for kind in ("xlsx", "csv"):
        assert main(["import", str(tmp / f"export.{kind}"), "--out", str(tmp / kind)]) == 0
        result[kind] = [load_yaml_file(p).data for p in sorted((tmp / kind).rglob("*.yaml"))]
    return result


def _key(data: dict) -> tuple[str, str, int]:
    return data["name"], data["department"], int(data["year"])


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_one_target_table_per_programme(imported: dict[str, list[dict]], kind: str) -> None:
    files = imported[kind]
    want = {(g["name"], d, int(y)) for y, _, d, g in _programmes()} | ({(_golden(FORMS[0])["name"], _golden(FORMS[0])["department"], 2025)}
                                                                        if kind == "xlsx" else set())
    assert {_key(f) for f in files} == want
    assert all(f["kind"] == "绩效目标" for f in files)
    by_key = {_key(f): f for f in files}
    for year, _, department, golden in _programmes():
        got = by_key[(golden["name"], department, int(year))]
        assert [(i["name"], str(i["target"]), i.get("level1"), i.get("level2")) for i in got["indicators"]] == \
            [(i["name"], str(i["target"]), i.get("level1"), i.get("level2")) for i in golden["indicators"]]
        assert got.get("annual_goal") == golden.get("annual_goal")


def test_export_notes_and_codes(tmp_path: Path) -> None:
    """The clerk is told the sheet was split by 年度 and 项目编码, and each programme's code is listed."""
    path = tmp_path / "export.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([*HEADER, "填报说明", "指标方向性"])
        for programme in _programmes()[:2]:
            writer.writerows([*row, "", "正向指标"] for row in _rows(*programme))
    item = prepare(path, Hints())
    reports = [item.report, *(more.report for more in item.more)]
    assert len(reports) == 2 and all(not r.failure for r in reports)
    assert "按年度和项目编码分为 2 个项目" in reports[0].notes[0]
    assert any("「填报说明」" in note and "未导入" in note for note in reports[0].notes)
    assert any("「指标方向性」一列未导入" in note for note in reports[0].notes)
    assert "项目编码：530123240001" in reports[0].found
    assert "项目编码：530123990001" in reports[1].found
