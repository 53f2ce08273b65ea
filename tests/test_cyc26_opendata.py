"""/data/ carries each 自评 indicator's comparison with its programme-year's 绩效目标表 (目标调低
and the rest, in the comparison's own words) and each programme's count of lowered targets, so a
自评's /data/ rows depend on its 目标表 too: a rebuild after an edit of the 目标表 alone publishes
what a cold build does."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from conftest_site import REPO, build_in_process, small_project

from perfsite.dataset import load_document
from perfsite.opendata.parts import compared_parts, programme_parts
from perfsite.opendata.tables import (
    COMPARED_COLUMNS,
    INDICATOR_COLUMNS,
    PROGRAMME_COLUMNS,
    TARGET_STATUSES,
    compared_cells,
    indicator_rows,
)
from perfsite.record import make_record
from perfsite.site import publish
from perfsite.site.targets_page import changes
from perfsite.siteconfig import SiteConfig
from perfsite.targets_compare import CHANGE_LABEL, Change

FOLDER = REPO / "data" / "2023" / "jiaotong"
TABLE, EVALUATION = FOLDER / "nongcun-gonglu-yanghu-mubiao.yaml", FOLDER / "nongcun-gonglu-yanghu.yaml"
LOWERED_ROW = "  - {level1: 产出, level2: 质量指标, name: 路面病害处治率, nature: \"≥\", target: 90, unit: \"%\", core: true}"


def _pairs() -> list[tuple[object, object]]:
    """Every seed 自评 with a 绩效目标表 of its programme-year, as (record, table)."""
    site = SiteConfig()
    found = []
    for table_path in sorted((REPO / "data").glob("*/*/*-mubiao.yaml")):
        evaluation = table_path.with_name(table_path.name.replace("-mubiao", ""))
        if evaluation.exists():
            table, _, _ = load_document(table_path, REPO / "data", site, REPO)
            scored, _, _ = load_document(evaluation, REPO / "data", site, REPO)
            found.append((make_record(scored), table))  # type: ignore[arg-type]
    return found


PAIRS = _pairs()


def test_each_indicator_row_names_its_comparison_in_the_comparisons_own_words() -> None:
    rec, table = next((r, t) for r, t in PAIRS if r.year == 2023 and r.id == "nongcun-gonglu-yanghu")  # type: ignore[attr-defined]
    cells = compared_cells(len(rec.indicators), changes(rec, table))  # type: ignore[arg-type, attr-defined]
    rows = {row["name"]: row for row in indicator_rows(rec, cells)}  # type: ignore[arg-type]
    lowered = rows["路面病害处治率"]
    assert (lowered["target_status"], lowered["planned_target"], lowered["target"]) == ("lowered", "≥90%", "≥85%")
    assert {row["target_status"] for row in rows.values()} == {"lowered", "unchanged", "added"}
    assert all(row["planned_target"] == "" for row in rows.values() if row["target_status"] == "added")
    # a programme without a 目标表: blank, not "unchanged"
    assert {row["target_status"] for row in indicator_rows(rec)} == {""}  # type: ignore[arg-type]
    # the column's description lists the vocabulary: every status a row can have, with its label
    described = next(c.description for c in COMPARED_COLUMNS if c.name == "target_status")
    assert all(f"{c} {CHANGE_LABEL[c]}" in described for c in TARGET_STATUSES) and Change.REMOVED not in TARGET_STATUSES


def test_a_part_made_again_with_its_comparison_is_the_part_made_with_it_from_the_record() -> None:
    """The build compares after its load dropped the record's budget cells: it writes the
    comparison into the part's pieces (compared_parts), which must be the bytes the record gives."""
    site = SiteConfig(site_url="https://example.gov.cn/jxgk/")
    assert len(PAIRS) >= 4
    for rec, table in PAIRS:
        cells = compared_cells(len(rec.indicators), changes(rec, table))  # type: ignore[arg-type, attr-defined]
        loaded = programme_parts(rec, site)  # type: ignore[arg-type]
        made = compared_parts(loaded, loaded.blob, cells, site.site_url)
        assert made.blob == programme_parts(rec, site, compared=cells).blob  # type: ignore[arg-type]
        assert made.blob != loaded.blob and made.counts == loaded.counts


def _build(site: Path, data: Path, cache: Path | None, project: Path) -> dict[str, float]:
    settings = {"PERFSITE_DATA": str(data), "PERFSITE_SEARCH": "0", "SOURCE_DATE_EPOCH": "1700000000",
                "PERFSITE_BUILD_CACHE": str(cache) if cache is not None else "0", publish.STAGED_ENV: "1"}
    return build_in_process(project, site, settings)


def _snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _table(site: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((site / "data" / name).read_text(encoding="utf-8-sig"), newline="")))


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """The seed's 2023 农村公路养护 自评 and 绩效目标表 alone (with the site settings)."""
    data = tmp_path / "data"
    (data / "2023" / "jiaotong").mkdir(parents=True)
    shutil.copy(REPO / "data" / "site.yaml", data / "site.yaml")
    for path in (TABLE, EVALUATION):
        shutil.copy(path, data / "2023" / "jiaotong" / path.name)
    return data


def test_a_rebuild_after_an_edit_of_the_target_table_alone_publishes_the_data_of_a_cold_build(
        tmp_path: Path, tree: Path) -> None:
    project = small_project(tmp_path / "project")
    cache = tmp_path / "cache"
    first = tmp_path / "first"
    _build(first, tree, cache, project)
    header = {c.name: c.header for c in (*PROGRAMME_COLUMNS, *INDICATOR_COLUMNS)}
    rows = {row[header["name"]]: row for row in _table(first, "indicators.csv")}
    assert (rows["路面病害处治率"][header["target_status"]], rows["路面病害处治率"][header["planned_target"]]) == \
        ("lowered", "≥90%")
    assert _table(first, "programmes.csv")[0][header["lowered_targets"]] == "1"
    assert _table(first, "2023/indicators.csv") == _table(first, "indicators.csv")

    # the 目标表 now asks what the 自评 restated: nothing lowered, and the 自评's rows say so
    table = tree / "2023" / "jiaotong" / TABLE.name
    text = table.read_text(encoding="utf-8")
    assert LOWERED_ROW in text
    table.write_text(text.replace(LOWERED_ROW, LOWERED_ROW.replace("target: 90", "target: 85")), encoding="utf-8")
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    _build(warm, tree, cache, project)
    _build(cold, tree, None, project)
    assert _snapshot(warm) == _snapshot(cold)
    rows = {row[header["name"]]: row for row in _table(warm, "indicators.csv")}
    assert (rows["路面病害处治率"][header["target_status"]], rows["路面病害处治率"][header["planned_target"]]) == \
        ("unchanged", "≥85%")
    assert _table(warm, "programmes.csv")[0][header["lowered_targets"]] == "0"
    # the year's zip and workbook were made again, not reused from the first build
    assert (warm / "data" / "2023.zip").read_bytes() != (first / "data" / "2023.zip").read_bytes()


def test_docs_name_the_comparison_columns() -> None:
    text = (REPO / "docs" / "opendata.md").read_text(encoding="utf-8")
    added = [*COMPARED_COLUMNS, next(c for c in PROGRAMME_COLUMNS if c.name == "lowered_targets")]
    assert [c.header for c in added if f"`{c.header}`（`{c.name}`）" not in text] == []
    assert all(f"`{status}`" in text for status in TARGET_STATUSES)
