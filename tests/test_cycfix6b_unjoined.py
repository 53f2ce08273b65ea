"""A 绩效目标表, 评价报告 or 整改 that joins no 自评 of its programme-year (its id or year written
otherwise), while a 自评 names the same programme: a 提示 naming that 自评 and what to write
(red-team cut-downs of /tmp/redteam6 F3, F3b, R3)."""

from __future__ import annotations

from perfsite.dataset import load_dataset
from perfsite.problems import Severity

TARGETS = """\
kind: 绩效目标
{id}name: 高标准农田建设
year: {year}
department: 示例县农业农村局
indicators:
  - {{level1: 产出指标, level2: 数量指标, name: 建设面积, nature: "≥", target: 10000, unit: 亩}}
"""
REPORT = """\
kind: 评价报告
{id}name: 高标准农田建设
year: {year}
department: 示例县农业农村局
evaluation: 财政评价
evaluator: 示例县财政局
conclusion: 综合评分65分，评价等级为“中”。
findings:
  - 建设面积未达到年初目标。
"""
RECTIFICATION = """\
kind: 整改
{id}name: 高标准农田建设
year: {year}
department: 示例县农业农村局
findings:
  - source: 自评
    problem: 建设面积未达到年初目标。
    measures:
      - {{measure: 甲, owner: 农业农村局, deadline: 2025-12-31, status: 整改中}}
"""


def _self(core_data_tree, core_write, core_programme, year=2024, ident="gbnt", name="高标准农田建设",
          department="示例县农业农村局"):
    core_write(core_data_tree / str(year) / "b" / f"{ident}.yaml",
               core_programme(name=name, year=year, department=department, id=ident))


def _hints(root, file):
    data = load_dataset(root, root)
    return data, [p for p in data.problems if p.file == file and p.severity is Severity.WARNING
                  and p.key in ("id", "year")]


def test_a_target_table_without_id_names_the_self_evaluation_of_its_name(core_data_tree, core_write, core_programme):
    _self(core_data_tree, core_write, core_programme)
    core_write(core_data_tree / "2024" / "b" / "gbnt-mubiao.yaml", TARGETS.format(id="", year=2024))
    data, found = _hints(core_data_tree, "2024/b/gbnt-mubiao.yaml")
    assert len(found) == 1, found
    hint = found[0]
    assert (hint.key, hint.line) == ("id", 1)  # no id written: the file itself
    assert "2024/b/gbnt.yaml" in hint.message and "id: gbnt" in hint.message
    assert "网址标识「gbnt-mubiao」" in hint.message
    assert data.ok


def test_a_target_table_a_year_early_names_the_next_years_self_evaluation(core_data_tree, core_write, core_programme):
    _self(core_data_tree, core_write, core_programme)
    core_write(core_data_tree / "2023" / "c" / "gbnt-mubiao.yaml", TARGETS.format(id="id: gbnt\n", year=2023))
    _, found = _hints(core_data_tree, "2023/c/gbnt-mubiao.yaml")
    assert [(p.key, p.line) for p in found] == [("year", 4)]
    assert "2024/b/gbnt.yaml" in found[0].message and "year: 2024" in found[0].message


def test_next_years_target_table_at_budget_time_is_not_a_mistake(core_data_tree, core_write, core_programme):
    """2025's 目标表 is published before 2025's 自评 (a year early for the 自评 of 2024): no 提示."""
    _self(core_data_tree, core_write, core_programme)
    core_write(core_data_tree / "2025" / "b" / "gbnt-mubiao.yaml", TARGETS.format(id="id: gbnt\n", year=2025))
    _, found = _hints(core_data_tree, "2025/b/gbnt-mubiao.yaml")
    assert found == []


def test_a_target_table_of_another_programme_is_left_alone(core_data_tree, core_write, core_programme):
    _self(core_data_tree, core_write, core_programme, name="农村公路养护")
    core_write(core_data_tree / "2024" / "b" / "gbnt-mubiao.yaml", TARGETS.format(id="", year=2024))
    _, found = _hints(core_data_tree, "2024/b/gbnt-mubiao.yaml")
    assert found == []


def test_an_orphaned_report_is_warned_and_names_its_likely_self_evaluation(core_data_tree, core_write,
                                                                            core_programme):
    _self(core_data_tree, core_write, core_programme)
    core_write(core_data_tree / "2024" / "b" / "gbnt-pingjia.yaml", REPORT.format(id="", year=2024))
    _, found = _hints(core_data_tree, "2024/b/gbnt-pingjia.yaml")
    assert len(found) == 1, found
    assert "id: gbnt" in found[0].message and "2024/b/gbnt.yaml" in found[0].message
    assert "报告页与自评页不互相链接" in found[0].message


def test_an_orphaned_report_with_no_likely_partner_is_warned_as_a_rectification_is(core_data_tree, core_write):
    core_write(core_data_tree / "2024" / "b" / "gbnt-pingjia.yaml", REPORT.format(id="id: gbnt\n", year=2024))
    _, found = _hints(core_data_tree, "2024/b/gbnt-pingjia.yaml")
    assert [(p.key, p.line) for p in found] == [("id", 2)]
    assert "本站没有该项目 2024 年度的自评表（网址标识「gbnt」）" in found[0].message


def test_an_orphaned_rectification_names_its_likely_self_evaluation(core_data_tree, core_write, core_programme):
    """The 自评 is named, not the report beside it, as lost as the 整改 (no id: gbnt-pingjia)."""
    _self(core_data_tree, core_write, core_programme)
    core_write(core_data_tree / "2024" / "b" / "gbnt-pingjia.yaml", REPORT.format(id="", year=2024))
    core_write(core_data_tree / "2024" / "b" / "gbnt-zhenggai.yaml", RECTIFICATION.format(id="", year=2024))
    _, found = _hints(core_data_tree, "2024/b/gbnt-zhenggai.yaml")
    assert len(found) == 1, found
    assert "本站没有该项目 2024 年度的评价报告和自评表（网址标识「gbnt-zhenggai」）" in found[0].message
    assert "`id: gbnt`" in found[0].message and "2024/b/gbnt.yaml" in found[0].message


def test_joined_documents_get_no_hint(core_data_tree, core_write, core_programme):
    _self(core_data_tree, core_write, core_programme)
    for name, text in (("gbnt-mubiao", TARGETS), ("gbnt-pingjia", REPORT), ("gbnt-zhenggai", RECTIFICATION)):
        core_write(core_data_tree / "2024" / "b" / f"{name}.yaml", text.format(id="id: gbnt\n", year=2024))
    data = load_dataset(core_data_tree, core_data_tree)
    assert [p for p in data.problems if p.severity is Severity.WARNING and p.key in ("id", "year")] == []
