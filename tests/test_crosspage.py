"""A warning found across files (dataset.cross_found) is on the page of the file it names, in its
数据核验 and its JSON twin's checks, once; the page is rendered again when the other file is fixed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest_site import build_in_process, small_project

from perfsite.demo import write_demo
from perfsite.demo_cycle import department_yamls
from perfsite.site import publish
from perfsite.site.workers import PARALLEL_FROM

SERIES = "series「crosstest」把"
"""The series warning's start (dataset._series_problems), said at the later year's 自评."""
RENAMED = "项目名称「另一个项目」与同一 id 的自评表"
"""The 绩效目标表's warning (dataset._joined_by_id): its name is not its 自评's."""
ALONE = "2023 年没有主管部门为「无项目局」的项目自评表"
"""A 部门整体 document's warning (dataset._departments_without_programmes); its page is the parent's."""


def _build(site: Path, data: Path, project: Path, cache: Path | None, said: list[str] | None = None) -> dict[str, float]:
    """`perfsite build` as it runs in a deployment, here in this process, with forked workers."""
    settings = {"PERFSITE_DATA": str(data), "PERFSITE_SEARCH": "0", "SOURCE_DATE_EPOCH": "1700000000",
                "PERFSITE_JOBS": "2", "PERFSITE_BUILD_CACHE": str(cache) if cache is not None else "0",
                publish.STAGED_ENV: "1"}
    return build_in_process(project, site, settings, said)


def _snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _field(text: str, key: str) -> str:
    return re.search(rf"^{key}:\s*\"?([^\"\n]+)", text, re.M).group(1)  # type: ignore[union-attr]


def _set(text: str, key: str, value: str) -> str:
    return re.sub(rf"^{key}:.*$", f"{key}: {value}", text, count=1, flags=re.M)


def _page(site: Path, path: Path) -> tuple[str, dict[str, list[str]]]:
    """A file's page (its HTML) and its JSON twin's checks (messages by part)."""
    text = path.read_text(encoding="utf-8")
    year, ident = _field(text, "year"), _field(text, "id")
    folder = site / "projects" / year / ident
    if path.stem.endswith("-mubiao"):
        folder = folder / "targets"
    html = (folder / "index.html").read_text(encoding="utf-8")
    twin = json.loads(next(p for p in folder.glob("*.json")).read_text(encoding="utf-8"))
    return html, {part: [c["message"] for c in checks] for part, checks in twin["checks"].items()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return small_project(tmp_path / "project")


def test_a_cross_file_warning_is_on_its_page_once_and_goes_when_the_other_file_is_fixed(
        tmp_path: Path, project: Path) -> None:
    data = tmp_path / "data"
    write_demo(PARALLEL_FROM // 2 + 10, data, seed=5, targets=True)  # a 自评 and a 绩效目标表 each: forked workers
    selves = sorted(p for p in data.rglob("demo-*.yaml") if not p.stem.endswith("-mubiao"))
    texts = {p: p.read_text(encoding="utf-8") for p in selves}
    # two programmes of other names and departments, of two years, joined by one series (the later not 示例数据)
    early = next(p for p in selves if _field(texts[p], "year") == "2021")
    late = next(p for p in selves if _field(texts[p], "year") == "2023"
                and _field(texts[p], "department") != _field(texts[early], "department"))
    early.write_text(_set(texts[early], "series", "crosstest") if "\nseries:" in texts[early]
                     else texts[early].replace("\nsample: true", "\nseries: crosstest\nsample: true"), encoding="utf-8")
    joined = _set(texts[late], "series", "crosstest") if "\nseries:" in texts[late] \
        else texts[late].replace("\nsample: true", "\nseries: crosstest\nsample: true")
    late.write_text(joined.replace("\nsample: true", ""), encoding="utf-8")
    # a 绩效目标表 naming another programme than its 自评
    table = next(p for p in data.rglob("*-mubiao.yaml") if p.stem.removesuffix("-mubiao") not in (early.stem, late.stem))
    table_text = table.read_text(encoding="utf-8")
    table.write_text(_set(table_text, "name", '"另一个项目"'), encoding="utf-8")

    # a 部门整体自评 of a department no 自评 names
    alone = data / "2023" / "alone" / "bumen-ziping.yaml"
    alone.parent.mkdir()
    alone.write_text(department_yamls(5, 2023, "无项目局", "大同市")[1], encoding="utf-8")

    cache = tmp_path / "cache"
    said: list[str] = []
    _build(tmp_path / "first", data, project, cache, said)
    assert all(any(start in line for line in said) for start in (SERIES, RENAMED, ALONE))  # as the build prints them
    for path, start in ((late, SERIES), (table, RENAMED)):
        html, checks = _page(tmp_path / "first", path)
        assert html.count(start) == 1, path
        assert str(data) not in html  # the files it names by their place in the data folder, never the build's
        assert [m for m in checks["warnings"] if m.startswith(start)] and not any(
            start in m for part in ("discrepancies", "notes") for m in checks[part])
    department = tmp_path / "first" / "departments" / "无项目局" / "2023"
    checks = json.loads(next(department.glob("*.json")).read_text(encoding="utf-8"))["self_evaluation"]["checks"]
    assert (department / "index.html").read_text(encoding="utf-8").count(ALONE) == 1
    assert [c for c in checks["warnings"] if c["message"].startswith(ALONE)]
    # the 目标调低 提示 of check are the 自评 pages' comparison with their 绩效目标表, not also a check of theirs
    lowered = [p for p in selves if "调低" in _page(tmp_path / "first", p)[0]]
    assert lowered and not any("调低" in m for p in lowered for ms in _page(tmp_path / "first", p)[1].values() for m in ms)

    # the other file fixed (the 自评 takes the table's name; the earlier year the later one's
    # department, which its entry on the later page does not show): only their cross warnings
    # tell the two pages apart from the first build's
    own = table.with_name(table.name.replace("-mubiao", ""))
    own.write_text(_set(own.read_text(encoding="utf-8"), "name", '"另一个项目"'), encoding="utf-8")
    early.write_text(_set(early.read_text(encoding="utf-8"), "department", _field(texts[late], "department")),
                     encoding="utf-8")
    warm = _build(tmp_path / "warm", data, project, cache)
    for path, start in ((late, SERIES), (table, RENAMED)):
        html, checks = _page(tmp_path / "warm", path)
        assert start not in html and not any(start in m for m in checks["warnings"])
    assert warm["loaded_files"] == 2  # only the two files changed: the pages follow their cross warnings
    _build(tmp_path / "cold", data, project, None)
    assert _snapshot(tmp_path / "warm") == _snapshot(tmp_path / "cold")
