"""The 绩效目标表 page says what its 自评 lowered (目标调低): near the top, at each lowered row and
in its JSON twin; a table whose 自评 lowered nothing is published as before. The build cache
renders the page again when a 自评 edit changes what it lowered, and only then."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest_site import REPO, build_in_process, small_project

from perfsite.dataset import load_document
from perfsite.record import make_record, make_target_record
from perfsite.site import publish
from perfsite.site.render import standard
from perfsite.site.targets_page import changes, lowered_note, render_targets
from perfsite.siteconfig import SiteConfig

FOLDER = REPO / "data" / "2023" / "jiaotong"
TABLE, EVALUATION = FOLDER / "nongcun-gonglu-yanghu-mubiao.yaml", FOLDER / "nongcun-gonglu-yanghu.yaml"
PAGE = "projects/2023/nongcun-gonglu-yanghu/targets/"
TWIN = PAGE + "nongcun-gonglu-yanghu.targets.json"


def _pair() -> tuple[object, object, SiteConfig]:
    site = SiteConfig()
    table, _, _ = load_document(TABLE, REPO / "data", site, REPO)
    scored, _, _ = load_document(EVALUATION, REPO / "data", site, REPO)
    return table, make_record(scored), site  # type: ignore[arg-type]


def test_the_page_says_what_the_self_evaluation_lowered_at_the_top_and_at_the_row() -> None:
    table, evaluation, site = _pair()
    note = lowered_note(changes(evaluation, table))  # type: ignore[arg-type]
    assert note == {"count": 1, "undecided": 0, "at": [1], "rows": [
        {"path": "产出 / 质量指标 / 路面病害处治率", "planned": "≥90%", "restated": "≥85%", "note": ""}]}
    rec = make_target_record(table, ())  # type: ignore[arg-type]
    _, _, body, files, twin, _ = render_targets(rec, site, True, frozenset(), standard(), note)
    top = body.split('<p class="ps-alert ps-alert--warn ps-lowered" role="note">')[1].split("</p>")[0]
    assert "目标调低" in top and "2023年度绩效自评</a>所列目标有 1 项低于本表" in top
    assert "路面病害处治率，本表 ≥90%，自评表 ≥85%" in top and 'href="../"' in top
    rows = body.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    marked = [row for row in rows if "⚠ 目标调低" in row]
    assert len(marked) == 1 and "路面病害处治率" in marked[0] and "自评表写为 ≥85%" in marked[0]
    assert twin["self_evaluation_lowered"] == {k: v for k, v in note.items() if k != "at"}  # type: ignore[union-attr]
    assert json.loads(files[rec.links["json"]])["self_evaluation_lowered"]["count"] == 1
    # without a 自评 on the site the page says nothing of one
    _, _, alone, _, twin_alone, _ = render_targets(rec, site, False, frozenset(), standard(), note)
    assert "ps-tag--lowered" not in alone and "ps-lowered" not in alone and "self_evaluation_lowered" not in twin_alone


def test_a_table_whose_self_evaluation_lowered_nothing_is_published_as_without_one() -> None:
    table, evaluation, site = _pair()
    kept = [row for row in changes(evaluation, table) if row.change != "lowered"]  # type: ignore[arg-type]
    assert lowered_note(kept) is None
    rec = make_target_record(table, ())  # type: ignore[arg-type]
    assert render_targets(rec, site, True, frozenset(), standard(), None)[2:5] == \
        render_targets(rec, site, True, frozenset(), standard())[2:5]


def _build(site: Path, data: Path, cache: Path | None, project: Path) -> dict[str, float]:
    settings = {"PERFSITE_DATA": str(data), "PERFSITE_SEARCH": "0", "SOURCE_DATE_EPOCH": "1700000000",
                "PERFSITE_BUILD_CACHE": str(cache) if cache is not None else "0", publish.STAGED_ENV: "1"}
    return build_in_process(project, site, settings)


def _snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """The seed's 2023 农村公路养护 自评 and 绩效目标表 alone (with the site settings)."""
    data = tmp_path / "data"
    (data / "2023" / "jiaotong").mkdir(parents=True)
    shutil.copy(REPO / "data" / "site.yaml", data / "site.yaml")
    for path in (TABLE, EVALUATION):
        shutil.copy(path, data / "2023" / "jiaotong" / path.name)
    return data


def test_a_rebuild_after_a_self_evaluation_edit_renders_the_target_page_only_when_its_comparison_changed(
        tmp_path: Path, tree: Path) -> None:
    project = small_project(tmp_path / "project")
    cache = tmp_path / "cache"
    first = tmp_path / "first"
    _build(first, tree, cache, project)
    assert "自评表写为 ≥85%" in (first / PAGE / "index.html").read_text(encoding="utf-8")
    evaluation = tree / "2023" / "jiaotong" / EVALUATION.name
    text = evaluation.read_text(encoding="utf-8")

    # prose alone: the comparison is the same, the target page is linked from the cache
    evaluation.write_text(text.replace("全年完成养护里程1,312公里", "全年共完成养护里程1,312公里", 1), encoding="utf-8")
    prose = tmp_path / "prose"
    said = _build(prose, tree, cache, project)
    assert said["rendered"] == 1
    assert (prose / PAGE / "index.html").stat().st_ino == (first / PAGE / "index.html").stat().st_ino

    # the 自评 restates the target lower still: only the 自评 changed, and the target page with it
    restated = '    target: "≥85%"\n    actual: "86%"\n    completion: "101.18%"'
    assert restated in text
    evaluation.write_text(text.replace(restated, '    target: "≥80%"\n    actual: "86%"\n    completion: "107.50%"', 1),
                          encoding="utf-8")
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    said = _build(warm, tree, cache, project)
    _build(cold, tree, None, project)
    assert _snapshot(warm) == _snapshot(cold)
    assert said["rendered"] == 2  # the 自评 page and its 绩效目标表's
    page = (warm / PAGE / "index.html").read_text(encoding="utf-8")
    assert page != (first / PAGE / "index.html").read_text(encoding="utf-8")
    assert "自评表写为 ≥80%" in page and "自评表写为 ≥85%" not in page and "自评表 ≥85%" not in page
    assert json.loads((warm / TWIN).read_bytes())["self_evaluation_lowered"]["rows"][0]["restated"] == "≥80%"


def test_targets_the_comparison_could_not_decide_are_counted_and_linked_to_the_comparison() -> None:
    table, _, site = _pair()
    rec = make_target_record(table, ())  # type: ignore[arg-type]
    body = render_targets(rec, site, True, frozenset(), standard(), {"count": 0, "undecided": 2, "rows": [], "at": []})[2]
    assert "ps-tag--lowered" not in body and "ps-lowered" not in body
    note = body.split("2023年度绩效自评所列目标中有 2 项无法判断是否低于本表")[1].split("</p>")[0]
    assert 'href="../#ps-vs-targets"' in note
