"""perfsite.reader: one programme file (and its CSV) into the model, every problem with file, line, key."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfsite.model import BudgetRow, RateBasis, RuleType, Source
from perfsite.problems import Severity
from perfsite.reader import csv_beside, read_programme, split_subtotal
from perfsite.siteconfig import SiteConfig

D = Decimal
REPO = Path(__file__).resolve().parent.parent
SEED_000 = REPO / "data" / "2021" / "quwo" / "xiaoshenggui.yaml"
SEED_002 = REPO / "data" / "2022" / "zhongxiaoqiye" / "zhongxiaoqiye-fazhan.yaml"


def read(path: Path, base: Path | None = None):
    return read_programme(path, SiteConfig(), base or path.parent)


def errors(problems):
    return [p for p in problems.items if p.severity is Severity.ERROR]


def test_seed_000_is_read_completely():
    prog, problems = read(SEED_000, REPO)
    assert errors(problems) == []
    assert prog is not None
    assert (prog.id, prog.year, prog.name, prog.department) == ("xiaoshenggui", 2021, "“小升规”企业奖励资金", "未载明")
    assert (prog.region, prog.evaluation, prog.file) == ("曲沃县", "单位自评", "data/2021/quwo/xiaoshenggui.yaml")
    assert prog.url == "projects/2021/xiaoshenggui/"
    assert [title for title, _ in prog.sections][:3] == ["项目概况", "项目实施期绩效目标", "项目年度目标"]
    assert len(prog.sections) == 11
    assert (prog.reported_score, prog.reported_grade) == (D("99.1"), "优秀")
    assert [i.name for i in prog.indicators] == [
        "预算执行率", "申报企业达标数", "达标合格率", "资金拨付及时率%", "经济效益增长", "群众满意度"]
    budget = prog.budget
    assert budget is not None and budget.rate_basis is RateBasis.BUDGET and budget.unit == "万元"
    assert budget.rows[BudgetRow.SPENT].parts == {Source.COUNTY: D(25)}
    assert budget.rows[BudgetRow.SPENT].total == D(25)


def test_seed_000_indicator_fields_as_published():
    prog, _ = read(SEED_000, REPO)
    ind = prog.indicators[2]
    assert (ind.level1, ind.level2, ind.name) == ("产出指标", "质量指标", "达标合格率")
    assert (ind.weight, ind.target, ind.actual, ind.completion, ind.score) == (D(18), "95", "100%", "105.26%", D(18))
    assert ind.remark == "所奖励企业已全部达标"
    assert ind.rule.type is RuleType.AUTO
    assert prog.indicators[0].rule.type is RuleType.BUDGET
    assert prog.indicators[4].score == D("17.1")
    assert ind.line == prog.lines[("indicators", 2)]


def test_seed_002_labels_groups_and_exact_weights():
    prog, problems = read(SEED_002, REPO)
    assert errors(problems) == []
    assert prog.groups == {"决策": D(16), "过程": D(20), "产出": D(38), "效益": D(26)}
    first = prog.indicators[0]
    assert (first.level1, first.level1_declared, first.level2, first.level2_declared) == ("决策", D(16), "决策过程", D(6))
    assert str(first.weight) == "3.00"  # exactly as typed
    assert prog.budget.rows[BudgetRow.SPENT].total == D("4700.90")
    assert prog.reported_score == D("96.42")
    assert len(prog.indicators) == 25


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("决策（16分）", ("决策", D(16))),
        ("资金管理(11分)", ("资金管理", D(11))),
        ("项目管理 （9 分）", ("项目管理", D(9))),
        ("产出（38.5分）", ("产出", D("38.5"))),
        ("决策", ("决策", None)),
        ("满意度（%）", ("满意度（%）", None)),
    ],
)
def test_split_subtotal(label, expected):
    assert split_subtotal(label) == expected


def test_csv_beside():
    assert csv_beside(Path("data/2023/a/x.yaml")) == Path("data/2023/a/x.indicators.csv")


def test_id_defaults_to_the_file_name(tmp_path, core_write, core_programme):
    prog, problems = read(core_write(tmp_path / "nongcun-gonglu.yaml", core_programme()))
    assert problems.items == []
    assert prog.id == "nongcun-gonglu"


def test_file_name_not_a_slug_asks_for_id(tmp_path, core_write, core_programme):
    _, problems = read(core_write(tmp_path / "农村公路.yaml", core_programme()))
    assert len(errors(problems)) == 1
    assert "id" in errors(problems)[0].message
    prog, problems = read(core_write(tmp_path / "农村 公路.yaml", core_programme(id="nongcun-gonglu")))
    assert problems.items == [] and prog.id == "nongcun-gonglu"


@pytest.mark.parametrize("ident", ["Abc", "a_b", "农村", "a b", "a/b"])
def test_bad_explicit_id(tmp_path, core_write, core_programme, ident):
    path = core_write(tmp_path / "p.yaml", {"id": ident, **core_programme()})
    _, problems = read(path)
    assert [(p.key, p.line) for p in errors(problems)] == [("id", 1)]


def test_id_follows_the_contract_pattern(tmp_path, core_write, core_programme):
    # contract: "id: ASCII slug [a-z0-9-]+"; "2021-" and "a--b" match it
    _, problems = read(core_write(tmp_path / "p.yaml", core_programme(id="a--b")))
    assert errors(problems) == []


def test_missing_required_keys(tmp_path, core_write, core_programme):
    data = core_programme()
    del data["name"], data["department"]
    _, problems = read(core_write(tmp_path / "p.yaml", data))
    messages = sorted(p.message for p in errors(problems))
    assert len(messages) == 2
    assert "department" in messages[0] and "name" in messages[1]


def test_unknown_key_with_suggestion_and_line(tmp_path, core_write):
    path = core_write(tmp_path / "p.yaml", """
        name: 测试
        year: 2021
        department: 测试局
        regoin: 测试县
        indicators:
          - name: 甲
            wieght: 100
            weight: 100
            target: "≥1"
            actual: "1"
        """)
    _, problems = read(path)
    found = [(p.line, p.key) for p in errors(problems)]
    assert found == [(4, "regoin"), (7, "indicators[1].wieght")]
    assert "您是不是想写 region" in errors(problems)[0].message
    assert "您是不是想写 weight" in errors(problems)[1].message


def test_every_problem_of_a_file_in_one_run(tmp_path, core_write):
    path = core_write(tmp_path / "p.yaml", """
        name: 测试
        year: 2021年
        department: 测试局
        evaluation: 自评
        indicators:
          - name: 甲
            weight: -5
            score: 十八
          - 5
          - name: 乙
            weight: 10
            applicable: 也许
        """)
    _, problems = read(path)
    assert [(p.line, p.key) for p in errors(problems)] == [
        (2, "year"), (4, "evaluation"), (7, "indicators[1].weight"), (8, "indicators[1].score"),
        (9, "indicators[2]"), (12, "indicators[3].applicable"),
    ]


@pytest.mark.parametrize("year", ["2021年", "'2021'", "21.5", "1800", "[2021]"])
def test_year_must_be_an_integer(tmp_path, core_write, year):
    path = core_write(tmp_path / "p.yaml", f"name: 测试\nyear: {year}\ndepartment: 局\nindicators:\n  - name: 甲\n    weight: 100\n")
    _, problems = read(path)
    assert [(p.line, p.key) for p in errors(problems)] == [(2, "year")]


def test_string_weight_names_the_value(tmp_path, core_write, core_programme):
    data = core_programme()
    data["indicators"][0]["weight"] = "十八"
    _, problems = read(core_write(tmp_path / "p.yaml", data))
    assert len(errors(problems)) == 1
    assert "十八" in errors(problems)[0].message
    assert errors(problems)[0].key == "indicators[1].weight"


def test_applicable_row_without_weight_is_an_error(tmp_path, core_write, core_programme):
    data = core_programme()
    del data["indicators"][0]["weight"]
    _, problems = read(core_write(tmp_path / "p.yaml", data))
    assert [p.key for p in errors(problems)] == ["indicators[1]"]


def test_not_applicable_row_may_omit_its_weight(tmp_path, core_write, core_programme):
    data = core_programme()
    data["indicators"].append({"level1": "效益指标", "level2": "社会效益", "name": "不适用项", "applicable": False,
                               "target": "/", "actual": "/"})
    prog, problems = read(core_write(tmp_path / "p.yaml", data))
    assert errors(problems) == []
    assert prog.indicators[2].applicable is False and prog.indicators[2].weight is None


def test_department_unstated_is_a_warning(tmp_path, core_write, core_programme):
    _, problems = read(core_write(tmp_path / "p.yaml", core_programme(department="未载明")))
    assert [(p.severity, p.key) for p in problems.items] == [(Severity.WARNING, "department")]


def test_sections_keep_their_order(tmp_path, core_write, core_programme):
    sections = {"项目概况": "概况", "绩效目标": "目标", "存在问题": "- 问题一\n- 问题二", "改进措施": ""}
    prog, problems = read(core_write(tmp_path / "p.yaml", core_programme(sections=sections)))
    assert problems.items == []
    assert prog.sections == list(sections.items())


def test_section_text_must_be_text(tmp_path, core_write, core_programme):
    _, problems = read(core_write(tmp_path / "p.yaml", core_programme(sections={"项目概况": ["a", "b"]})))
    assert [p.key for p in errors(problems)] == ["sections.项目概况"]


def test_reported_grade_without_score_is_an_error(tmp_path, core_write, core_programme):
    _, problems = read(core_write(tmp_path / "p.yaml", core_programme(reported={"grade": "优秀"})))
    assert len(errors(problems)) == 1


def test_reported_unknown_key(tmp_path, core_write, core_programme):
    _, problems = read(core_write(tmp_path / "p.yaml", core_programme(reported={"score": 100, "grdae": "优"})))
    assert len(errors(problems)) == 1 and "您是不是想写 grade" in errors(problems)[0].message


def test_empty_file_and_non_mapping(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("# 空\n", encoding="utf-8")
    prog, problems = read(empty)
    assert prog is None and len(errors(problems)) == 1
    listing = tmp_path / "list.yaml"
    listing.write_text("- a\n- b\n", encoding="utf-8")
    prog, problems = read(listing)
    assert prog is None and len(errors(problems)) == 1


def test_no_indicators_is_an_error(tmp_path, core_write, core_programme):
    data = core_programme()
    del data["indicators"]
    _, problems = read(core_write(tmp_path / "p.yaml", data))
    assert len(errors(problems)) == 1 and "indicators" in errors(problems)[0].message


def test_indicators_from_the_csv_beside(tmp_path, core_write, core_programme):
    data = core_programme()
    del data["indicators"]
    path = core_write(tmp_path / "p.yaml", data)
    (tmp_path / "p.indicators.csv").write_bytes(
        "一级指标,二级指标,三级指标,分值,目标值,实际值,得分,是否适用\n"
        "产出指标,数量指标,完成数量,60,≥10个,10个,60,是\n"
        ",,完成质量,,≥90%,/,,否\n"
        "效益指标,满意度指标,满意度,40,≥90%,95%,40,是\n".encode("gb18030"))
    prog, problems = read(path)
    assert problems.items == []
    assert prog.csv_path == tmp_path / "p.indicators.csv"
    assert [(i.level1, i.name, i.weight, i.applicable) for i in prog.indicators] == [
        ("产出指标", "完成数量", D(60), True), ("产出指标", "完成质量", None, False), ("效益指标", "满意度", D(40), True)]
    assert [i.line for i in prog.indicators] == [2, 3, 4]


def test_csv_problems_point_into_the_csv(tmp_path, core_write, core_programme):
    data = core_programme()
    del data["indicators"]
    path = core_write(tmp_path / "p.yaml", data)
    (tmp_path / "p.indicators.csv").write_text(
        "三级指标,分值,目标值,实际值,规则\n完成数量,60,≥10个,10个,ratoi\n满意度,四十,≥90%,95%,\n", encoding="utf-8")
    _, problems = read(path)
    assert [(p.file, p.line) for p in errors(problems)] == [("p.indicators.csv", 2), ("p.indicators.csv", 3)]


def test_indicators_in_both_yaml_and_csv_is_an_error(tmp_path, core_write, core_programme):
    path = core_write(tmp_path / "p.yaml", core_programme())
    (tmp_path / "p.indicators.csv").write_text("三级指标,分值\n甲,100\n", encoding="utf-8")
    _, problems = read(path)
    assert len(errors(problems)) == 1
    assert errors(problems)[0].key == "indicators"
    assert "p.indicators.csv" in errors(problems)[0].message


def test_unquoted_brace_value_is_explained(tmp_path, core_write):
    # contract: "a value that starts with … { must be quoted" (reported clearly, with the fix)
    path = core_write(tmp_path / "p.yaml", """
        name: 测试
        year: 2021
        department: 测试局
        indicators:
          - name: 完成数量
            weight: 100
            target: {≥10个}
            actual: "10个"
        """)
    _, problems = read(path)
    found = errors(problems)
    assert len(found) == 1
    assert found[0].line == 7 and "引号" in found[0].message
