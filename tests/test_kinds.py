"""Document kinds: `kind:` (自评 when absent), one document of each kind per programme-year, and
the build leaving unpublished kinds out without changing a page."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from core_helpers import key_line

from perfsite.checkcache import check_tree
from perfsite.dataset import load_dataset, load_one
from perfsite.documents import read_document
from perfsite.kinds import KINDS, DocumentKind
from perfsite.problems import Severity
from perfsite.reader import read_programme
from perfsite.report import check_json
from perfsite.scoring import score_programme
from perfsite.siteconfig import SiteConfig
from perfsite.targets import TargetTable

REPO = Path(__file__).resolve().parent.parent


def targets(**overrides: object) -> dict[str, object]:
    """A valid 绩效目标表 of the core tree's alpha (2021, 测试县教育局)."""
    data: dict[str, object] = {
        "kind": "绩效目标", "id": "alpha", "name": "学生资助", "year": 2021, "department": "测试县教育局",
        "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "资助人数", "nature": "≥",
                        "target": 500, "unit": "人"}],
    }
    data.update(overrides)
    return data


def errors(problems):
    return [p for p in problems if p.severity is Severity.ERROR]


def test_a_file_without_kind_is_a_self_evaluation_and_kind_self_evaluation_reads_the_same(tmp_path, core_write,
                                                                                           core_programme):
    site = SiteConfig()
    plain = core_write(tmp_path / "a.yaml", core_programme())
    marked = core_write(tmp_path / "b.yaml", core_programme(kind="自评"))
    results = []
    for path in (plain, marked):
        doc, problems = read_document(path, site, tmp_path)
        assert not isinstance(doc, TargetTable) and doc is not None
        assert errors(problems.items) == []
        results.append(score_programme(doc, site, problems).total)
    assert results[0] == results[1] is not None


@pytest.mark.parametrize("spelling", ["绩效目标", "绩效目标表", "项目支出绩效目标表"])
def test_kind_spellings_of_targets(tmp_path, core_write, spelling):
    doc, problems = read_document(core_write(tmp_path / "t.yaml", targets(kind=spelling)), SiteConfig(), tmp_path)
    assert isinstance(doc, TargetTable) and doc.kind is DocumentKind.TARGETS
    assert errors(problems.items) == []


def test_an_unknown_kind_is_an_error_on_its_line(tmp_path, core_write):
    path = core_write(tmp_path / "t.yaml", "name: 学生资助\nyear: 2021\nkind: 绩效目录\ndepartment: 局\n")
    doc, problems = read_document(path, SiteConfig(), tmp_path)
    assert doc is None
    [problem] = errors(problems.items)
    assert (problem.file, problem.line, problem.key) == ("t.yaml", 3, "kind")
    assert "绩效目录" in problem.message and "绩效目标" in problem.message


def test_a_kind_whose_format_is_not_defined_yet_is_refused(tmp_path, core_write, monkeypatch):
    """Every kind is read today; a kind declared before its contract (KindInfo.read False) is
    refused, never half-checked."""
    kind = DocumentKind.RECTIFICATION
    monkeypatch.setitem(KINDS, kind, dataclasses.replace(KINDS[kind], read=False))
    doc, problems = read_document(core_write(tmp_path / "t.yaml", targets(kind=str(kind))), SiteConfig(), tmp_path)
    assert doc is None
    [problem] = errors(problems.items)
    assert problem.key == "kind" and "尚未确定" in problem.message


def test_a_kind_that_is_not_text_is_an_error(tmp_path, core_write):
    doc, problems = read_document(core_write(tmp_path / "t.yaml", targets(kind=["绩效目标"])), SiteConfig(), tmp_path)
    assert doc is None and "kind 应是" in errors(problems.items)[0].message


def test_read_programme_refuses_a_target_table_with_a_message(tmp_path, core_write):
    prog, problems = read_programme(core_write(tmp_path / "t.yaml", targets()), SiteConfig(), tmp_path)
    assert prog is None
    assert "不是自评表" in errors(problems.items)[0].message


def test_targets_and_self_evaluation_share_the_programme_year(core_data_tree, core_write):
    core_write(core_data_tree / "2021" / "jiaoyu" / "alpha-mubiao.yaml", targets())
    data = load_dataset(core_data_tree, core_data_tree)
    assert errors(data.problems) == []
    assert [sp.programme.id for sp in data.programmes] == ["beta", "gamma", "alpha"]  # the 自评s only
    assert not [p for p in data.problems if "暂不为此类文件生成页面" in p.message]  # 绩效目标 is published
    assert sorted((f.id, f.kind) for f in data.facts if f.id == "alpha") == [("alpha", "绩效目标"), ("alpha", "自评")]


@pytest.mark.parametrize("second", [targets(), targets(id="alpha-2")])
def test_two_target_tables_of_one_programme_year_are_an_error(core_data_tree, core_write, second):
    core_write(core_data_tree / "2021" / "jiaoyu" / "alpha-mubiao.yaml", targets())
    core_write(core_data_tree / "2021" / "jiaoyu" / "alpha-mubiao2.yaml", second)
    for data in (load_dataset(core_data_tree, core_data_tree),
                 check_tree(core_data_tree, core_data_tree, use_cache=False)):
        found = errors(data.problems)  # the same id and the same programme: one error each
        assert len(found) == (2 if second["id"] == "alpha" else 1)
        for problem in found:
            second_file = core_data_tree / problem.file
            assert problem.file == "2021/jiaoyu/alpha-mubiao2.yaml" and problem.line == key_line(second_file, problem.key) > 1
            assert "绩效目标表" in problem.message and "alpha-mubiao.yaml" in problem.message


def test_two_self_evaluations_keep_their_message(core_data_tree, core_write, core_programme):
    core_write(core_data_tree / "2021" / "jiaoyu" / "alpha2.yaml", core_programme(id="alpha"))
    [problem] = [p for p in errors(load_dataset(core_data_tree, core_data_tree).problems) if "id「alpha」" in p.message]
    assert problem.message.endswith("每个项目在同一年需要不同的 id")


def test_load_one_gives_no_programme_for_a_target_table(core_data_tree, core_write):
    path = core_write(core_data_tree / "2021" / "jiaoyu" / "alpha-mubiao.yaml", targets())
    scored, problems = load_one(path, core_data_tree, SiteConfig(), core_data_tree)
    assert scored is None and errors(problems) == []


def test_check_json_lists_other_kinds_as_documents(core_data_tree, core_write):
    import json

    core_write(core_data_tree / "2021" / "jiaoyu" / "alpha-mubiao.yaml", targets())
    payload = json.loads(check_json(check_tree(core_data_tree, core_data_tree, use_cache=False)))
    assert [p["id"] for p in payload["programmes"]] == ["beta", "gamma", "alpha"]
    assert payload["documents"] == [{"file": "2021/jiaoyu/alpha-mubiao.yaml", "kind": "绩效目标", "year": 2021,
                                     "id": "alpha", "name": "学生资助"}]
    assert payload["summary"]["programmes"] == 3 and payload["summary"]["files"] == 4


def test_the_seed_target_tables_check_clean():
    data = load_dataset(REPO / "data", REPO)
    mine = [p for p in data.problems if "mubiao" in p.file]
    assert mine == []  # checked clean, and published: no note that the site leaves them out
    assert {f.kind for f in data.facts} == {"自评", "绩效目标", "评价报告", "整改", "部门整体绩效目标", "部门整体自评"}
