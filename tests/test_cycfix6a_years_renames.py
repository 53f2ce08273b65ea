"""A `renamed` written in a 绩效目标表 is followed by the years comparison, as docs/data-format.md
(指标改名) says of any file: the renamed indicator is one row whose lowered target shows, not a
不再列入 beside a 新列入 — on the page of the table's own year (shell.render_programme) and on the
other years' pages (each year's sheet with its table's renames: years_compared.with_table_renames,
which Loaded.series_map applies)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from perfsite.dataset import load_dataset
from perfsite.pagedata import SHEET, series_entry
from perfsite.record import make_record
from perfsite.site.shell import render_programme
from perfsite.site.workers import TargetHead
from perfsite.siteconfig import SiteConfig
from perfsite.years_compared import with_table_renames

REPO = Path(__file__).resolve().parent.parent

FILES = {
    "2023/y/yrs.yaml": """
        name: 农村饮水安全
        year: 2023
        series: yrs
        department: 示例县水利局
        indicators:
          - {level1: 产出指标, level2: 数量指标, name: 供水人口, weight: 100, target: "≥12000人", actual: "13000人", score: 100}
        """,
    "2024/y/yrs.yaml": """
        name: 农村饮水安全
        year: 2024
        series: yrs
        department: 示例县水利局
        indicators:
          - {level1: 产出指标, level2: 覆盖指标, name: 供水人口, weight: 100, target: "≥1.1万人", actual: "13000人", score: 100}
        """,
    "2024/y/yrs-mubiao.yaml": """
        kind: 绩效目标
        id: yrs
        name: 农村饮水安全
        year: 2024
        department: 示例县水利局
        renamed:
          - {from: [产出指标, 数量指标, 供水人口], to: [产出指标, 覆盖指标, 供水人口]}
        indicators:
          - {level1: 产出指标, level2: 覆盖指标, name: 供水人口, nature: "≥", target: 1.1, unit: 万人}
        """,
}


def loaded(tmp_path: Path):
    for name, text in FILES.items():
        path = tmp_path / "data" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    (tmp_path / "data" / "site.yaml").write_text((REPO / "data" / "site.yaml").read_text(encoding="utf-8"),
                                                 encoding="utf-8")
    data = load_dataset(tmp_path / "data")
    records = {sp.programme.year: make_record(sp) for sp in data.programmes}
    [table] = data.targets
    return records, table


def changes(data) -> list[tuple[str, list[str]]]:
    return [(row["name"], [c["change"] for c in row["changes"]]) for row in data["years_compared"]["rows"]]


def test_the_tables_own_year_follows_its_rename(tmp_path):
    records, table = loaded(tmp_path)
    *_, data, _ = render_programme(records[2024], SiteConfig(), [series_entry(records[2023])], table)
    assert changes(data) == [("供水人口", ["renamed", "target_lowered"])]


def test_another_years_page_follows_the_rename_of_the_tables_year(tmp_path):
    records, table = loaded(tmp_path)
    entry = series_entry(records[2024])
    head = TargetHead.of(table)  # what the parent holds of the table
    assert head.renamed == table.renamed
    entry = {**entry, SHEET: with_table_renames(entry[SHEET], head.renamed)}
    *_, data, _ = render_programme(records[2023], SiteConfig(), [entry])
    assert changes(data) == [("供水人口", ["renamed", "target_lowered"])]
