"""The 绩效目标表: every field read as the contract says, every error with its file, line and key;
disclosure metadata and corrections (on every kind); `perfsite score` of a target table."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from perfsite.cli import main
from perfsite.documents import read_document
from perfsite.problems import Severity
from perfsite.siteconfig import SiteConfig
from perfsite.targets import TargetTable
from perfsite.values import Comparator, Figure

D = Decimal

FULL = """\
kind: 绩效目标
id: xuesheng-zizhu
name: 学生资助
year: 2022
department: 测试县教育局
department_code: "012001"
implementer: 测试县第一中学
attribute: 新增项目
period: 2022年至2024年
funds: {unit: 万元, total: 120, fiscal: 100, other: 20}
midterm_goal: 三年内资助全部家庭经济困难学生
annual_goal: 资助500名学生
published: 2022年2月1日
index_no: 0001/2022-01
doc_no: 测财预〔2022〕1号
issuer: 测试县财政局
validity: 有效
corrections:
  - {date: 2022-03-01, what: 资助人数由 450 更正为 500, why: 抄录错误}
indicators:
  - level1: 产出指标（60分）
    level2: 数量指标
    name: 资助人数
    nature: ">="
    target: 500
    unit: 人
    weight: 60
    explanation: 获得资助的学生人数
    basis: 计划标准
    data_source: 学籍系统
    core: true
  - level1: 效益指标
    level2: 社会效益指标
    name: 辍学率
    nature: "≤"
    target: 0.5
    unit: "%"
    weight: 20
  - level1: 满意度指标
    level2: 服务对象满意度指标
    name: 满意度
    target: 群众满意
    weight: 20
"""


def read(tmp_path, text: str, name: str = "t.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_document(path, SiteConfig(), tmp_path)


def problems_of(tmp_path, text: str, severity: Severity = Severity.ERROR):
    _, problems = read(tmp_path, text)
    return [(p.line, p.key, p.message) for p in problems.items if p.severity is severity]


def test_a_full_target_table_reads_every_field(tmp_path):
    table, problems = read(tmp_path, FULL)
    assert problems.items == []
    assert isinstance(table, TargetTable)
    assert (table.id, table.year, table.name, table.department) == ("xuesheng-zizhu", 2022, "学生资助", "测试县教育局")
    assert (table.department_code, table.implementer, table.attribute) == ("012001", "测试县第一中学", "新增")
    assert (table.period, table.period_years) == ("2022年至2024年", (2022, 2024))
    assert table.funds is not None and (table.funds.total, table.funds.computed_total) == (D(120), D(120))
    assert (table.midterm_goal, table.annual_goal) == ("三年内资助全部家庭经济困难学生", "资助500名学生")
    assert table.published == "2022-02-01"
    d = table.disclosure
    assert (d.index_no, d.doc_no, d.issuer, d.validity) == ("0001/2022-01", "测财预〔2022〕1号", "测试县财政局", "有效")
    [c] = d.corrections
    assert (c.date, c.what, c.why, c.line) == ("2022-03-01", "资助人数由 450 更正为 500", "抄录错误", 19)
    first, second, third = table.indicators
    assert (first.level1, first.comparator, first.target, first.unit, first.figures) == (
        "产出指标", Comparator.GE, "500", "人", (Figure(D(500), "人"),))
    assert (first.explanation, first.basis, first.data_source, first.core, first.line) == (
        "获得资助的学生人数", "计划标准", "学籍系统", True, 21)
    assert (second.comparator, second.figures, second.core) == (Comparator.LE, (Figure(D("0.5"), "%"),), False)
    assert (third.comparator, third.nature, third.figures) == (None, "定性", ())
    assert table.weights == D(100)


@pytest.mark.parametrize(("cell", "unit", "expected"), [
    ("1.2", "万人", Figure(D(12000), "人")),
    ("300", "万元", Figure(D(3_000_000), "元")),
    ("95", "%", Figure(D(95), "%")),
    ("95%", "%", Figure(D(95), "%")),
    ("2", "倍", Figure(D(200), "%")),
    ("26.07", "万元/个", Figure(D(260700), "元/个")),
    ("3", "立方米/10人", Figure(D(3), "立方米/10人")),  # a unit the reader cannot take apart stays as written
    ("≥46所", "", Figure(D(46), "所")),
])
def test_target_values_are_read_in_their_unit(tmp_path, cell, unit, expected):
    row = f'  - {{name: 指标, target: "{cell}"' + (f', unit: "{unit}"' if unit else "") + "}\n"
    table, problems = read(tmp_path, f"kind: 绩效目标\nname: 项目\nyear: 2022\ndepartment: 局\nindicators:\n{row}")
    assert problems.items == []
    assert table.indicators[0].figures == (expected,)


@pytest.mark.parametrize(("cell", "nature"), [("≥90%", Comparator.GE), ("≤5元", Comparator.LE), ("=0起", Comparator.EQ),
                                              ("90", Comparator.GE), ("不超过50万元", Comparator.LE)])
def test_without_nature_the_cell_gives_it(tmp_path, cell, nature):
    table, _ = read(tmp_path, f'kind: 绩效目标\nname: 项目\nyear: 2022\ndepartment: 局\nindicators:\n  - {{name: 指标, target: "{cell}"}}\n')
    assert table.indicators[0].comparator is nature


HEAD = "kind: 绩效目标\nname: 项目\nyear: 2022\ndepartment: 局\n"


@pytest.mark.parametrize(("body", "line", "key", "words"), [
    ("attribute: 常年\nindicators: [{name: a, target: '1'}]\n", 5, "attribute", "新增 或 延续"),
    ("period: 明年\nindicators: [{name: a, target: '1'}]\n", 5, "period", "2021-2023"),
    ("period: 2024-2022\nindicators: [{name: a, target: '1'}]\n", 5, "period", "晚于"),
    ("funds: 100\nindicators: [{name: a, target: '1'}]\n", 5, "funds", "键值映射"),
    ("funds: {unit: 美元, total: 1}\nindicators: [{name: a, target: '1'}]\n", 5, "funds.unit", "万元 或 元"),
    ("funds: {total: -1}\nindicators: [{name: a, target: '1'}]\n", 5, "funds.total", "负数"),
    ("funds: {totl: 1}\nindicators: [{name: a, target: '1'}]\n", 5, "funds.totl", "total"),
    ("indicators: []\n", 5, "indicators", "指标列表"),
    ("indicators:\n  - {name: a}\n", 6, "indicators[1]", "target"),
    ("indicators:\n  - {name: a, target: '/'}\n", 6, "indicators[1].target", "不能空着"),
    ("indicators:\n  - {name: a, target: '1', nature: 大约}\n", 6, "indicators[1].nature", "定性"),
    ("indicators:\n  - {name: a, target: 符合要求, nature: '≥'}\n", 6, "indicators[1].target", "不是数字"),
    ("indicators:\n  - {name: a, target: '≤5', nature: '≥'}\n", 6, "indicators[1].target", "方向相反"),
    ("indicators:\n  - {name: a, target: '5%', unit: 元}\n", 6, "indicators[1].unit", "不一致"),
    ("indicators:\n  - {name: a, target: '5', weight: 十}\n", 6, "indicators[1].weight", "数字"),
    ("indicators:\n  - {name: a, target: '5', core: 是}\n", 6, "indicators[1].core", "true 或 false"),
    ("indicators:\n  - {name: a, target: '5', targt: 1}\n", 6, "indicators[1].targt", "target"),
    ("indicators:\n  - {name: a, target: '5', weight: 60}\n  - {name: b, target: '5'}\n", 7, "indicators[2]",
     "缺少权重"),
    ("indicators:\n  - {name: a, target: '5', weight: 60}\n  - {name: b, target: '5', weight: 30}\n", 5, "indicators",
     "不等于 100"),
    ("weight_total: 80\nindicators:\n  - {name: a, target: '5', weight: 60}\n  - {name: b, target: '5', weight: 30}\n",
     5, "weight_total", "不等于 80"),
    ("weight_total: 80\nindicators:\n  - {name: a, target: '5'}\n", 5, "weight_total", "没有一个指标写了权重"),
    ("validity: 永久\nindicators: [{name: a, target: '1'}]\n", 5, "validity", "有效"),
    ("published: 上周\nindicators: [{name: a, target: '1'}]\n", 5, "published", "日期"),
    ("series: Bad_Series\nindicators: [{name: a, target: '1'}]\n", 5, "series", "小写字母"),
    ("indicators: [{name: a, target: '1'}]\nextra: 1\n", 6, "extra", "未知的键"),
])
def test_errors_name_file_line_and_key(tmp_path, body, line, key, words):
    found = problems_of(tmp_path, HEAD + body)
    assert any((at, where) == (line, key) and words in message for at, where, message in found), found


def test_a_missing_required_key_points_at_the_file(tmp_path):
    found = problems_of(tmp_path, "kind: 绩效目标\nname: 项目\nyear: 2022\n")
    assert {message for _, _, message in found} >= {"缺少必填的键 department（主管部门）", "缺少必填的键 indicators（绩效指标）"}


def test_funds_that_do_not_add_up_are_a_discrepancy_with_both_figures(tmp_path):
    _, problems = read(tmp_path, HEAD + "funds: {total: 100, fiscal: 70.5, other: 20}\nindicators: [{name: a, target: '1'}]\n")
    [p] = problems.items
    assert (p.severity, p.line, p.key, p.published, p.computed) == (Severity.DISCREPANCY, 5, "funds.total", "100", "90.5")


def test_funds_with_a_part_missing_are_not_added_up(tmp_path):
    table, problems = read(tmp_path, HEAD + "funds: {total: 100, fiscal: 70}\nindicators: [{name: a, target: '1'}]\n")
    assert problems.items == [] and table.funds.computed_total is None


def test_a_year_outside_the_period_is_a_warning(tmp_path):
    found = problems_of(tmp_path, HEAD + "period: 2019-2021\nindicators: [{name: a, target: '1'}]\n", Severity.WARNING)
    assert found == [(5, "period", "起止年限 2019-2021 不包括本表的年度 2022")]


def test_weights_with_more_places_are_warned_about_as_in_a_self_evaluation(tmp_path):
    found = problems_of(tmp_path, HEAD + "indicators:\n  - {name: a, target: '1', weight: 33.335}\n"
                        "  - {name: b, target: '1', weight: 66.665}\n", Severity.WARNING)
    assert [key for _, key, _ in found] == ["indicators[1].weight", "indicators[2].weight"]


@pytest.mark.parametrize(("corrections", "line", "key", "words"), [
    ("corrections: 已更正\n", 6, "corrections", "应是列表"),
    ("corrections: [已更正]\n", 6, "corrections[1]", "键值映射"),
    ("corrections:\n  - {date: 2022-03-01, what: 改了}\n", 7, "corrections[1]", "缺少必填的键 why"),
    ("corrections:\n  - {date: 昨天, what: 改了, why: 错了}\n", 7, "corrections[1].date", "应是日期"),
    ("corrections:\n  - {date: 2022-01-01, what: 改了, why: 错了}\n", 7, "corrections[1].date", "早于发布日期"),
    ("corrections:\n  - {date: 2022-03-01, what: '', why: 错了}\n", 7, "corrections[1].what", "不能是空的"),
    ("corrections:\n  - {date: 2022-05-01, what: a, why: b}\n  - {date: 2022-04-01, what: a, why: b}\n", 8,
     "corrections[2].date", "先后"),
    ("corrections:\n  - {date: 2022-03-01, what: a, why: b, who: c}\n", 7, "corrections[1].who", "未知的键"),
])
def test_correction_errors(tmp_path, corrections, line, key, words):
    text = HEAD + "published: 2022-02-01\n" + corrections + "indicators: [{name: a, target: '1'}]\n"
    found = problems_of(tmp_path, text)
    assert any((at, where) == (line, key) and words in message for at, where, message in found), found


def test_a_self_evaluation_carries_disclosure_metadata_and_corrections(tmp_path, core_write, core_programme):
    path = core_write(tmp_path / "p.yaml", core_programme(
        published="2022-03-01", index_no="X-1", doc_no="测财〔2022〕2号", issuer="测试县财政局", validity="有效",
        corrections=[{"date": "2022-04-01", "what": "满意度由 93% 更正为 95%", "why": "问卷汇总错误"}]))
    prog, problems = read_document(path, SiteConfig(), tmp_path)
    assert problems.items == []
    assert prog.disclosure.doc_no == "测财〔2022〕2号" and prog.disclosure.corrections[0].why == "问卷汇总错误"


def test_a_self_evaluation_correction_error_has_its_line(tmp_path, core_write, core_programme):
    path = core_write(tmp_path / "p.yaml", core_programme(validity="过期"))
    _, problems = read_document(path, SiteConfig(), tmp_path)
    [p] = problems.items
    line = path.read_text(encoding="utf-8").splitlines().index("validity: 过期") + 1
    assert (p.key, p.line) == ("validity", line) and "时效性" in p.message


def test_score_shows_a_target_table_and_its_checks(tmp_path, capsys):
    (tmp_path / "t.yaml").write_text(FULL, encoding="utf-8")
    assert main(["score", str(tmp_path / "t.yaml")]) == 0
    out = capsys.readouterr().out
    assert "学生资助（2022 年绩效目标表，测试县教育局）" in out
    assert "资金总额：120 万元（财政拨款 100，其他资金 20；两项合计 120）" in out
    assert "权重合计：100（应为 100）" in out
    assert "不计分" in out
    assert main(["score", str(tmp_path / "t.yaml"), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["kind"] == "绩效目标" and payload["indicators"][0]["figures"] == ["500人"]
    assert payload["funds"] == {"unit": "万元", "total": "120", "fiscal": "100", "other": "20", "computed_total": "120"}


def test_score_says_which_funds_a_target_table_leaves_blank(tmp_path, capsys):
    # a 批复表 often prints only the fiscal amount: the blanks are said, never printed as nothing
    text = FULL.replace("funds: {unit: 万元, total: 120, fiscal: 100, other: 20}", "funds: {unit: 万元, fiscal: 100}")
    assert text != FULL
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    main(["score", str(tmp_path / "t.yaml")])
    out = capsys.readouterr().out
    assert "资金总额：未填写（金额单位 万元）（财政拨款 100，其他资金 未填写）" in out


def test_score_of_a_broken_target_table_exits_1(tmp_path, capsys):
    (tmp_path / "t.yaml").write_text(HEAD + "indicators:\n  - {name: a, target: '1', nature: 大约}\n", encoding="utf-8")
    assert main(["score", str(tmp_path / "t.yaml")]) == 1
    assert "nature（指标性质）只能是" in capsys.readouterr().out


DOC = Path(__file__).resolve().parent.parent / "docs" / "data-format.md"


def test_the_data_format_names_every_key():
    from perfsite.budget import COLUMNS
    from perfsite.disclosure import CORRECTION_KEYS
    from perfsite.indicator_paths import RENAME_KEYS
    from perfsite.schema import BUDGET_KEYS, DISCLOSURE_KEYS, INDICATOR_KEYS, PROGRAMME_KEYS, REPORTED_KEYS
    from perfsite.targets import FUNDS_KEYS, TARGET_INDICATOR_KEYS, TARGET_TABLE_KEYS

    text = DOC.read_text(encoding="utf-8")
    keys = {*PROGRAMME_KEYS, *INDICATOR_KEYS, *BUDGET_KEYS, *REPORTED_KEYS, *DISCLOSURE_KEYS, *CORRECTION_KEYS,
            *RENAME_KEYS, *TARGET_TABLE_KEYS, *TARGET_INDICATOR_KEYS, *FUNDS_KEYS, *(c for c in COLUMNS if c != "subtotal")}
    assert [key for key in sorted(keys) if f"`{key}`" not in text] == []


def test_the_full_example_in_the_data_format_reads_clean(tmp_path):
    text = DOC.read_text(encoding="utf-8")
    example = text.split("### 完整的例子", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    table, problems = read(tmp_path, example)
    assert problems.items == []
    assert isinstance(table, TargetTable) and len(table.indicators) == 5 and table.weights == D(100)


@pytest.mark.parametrize("dangling", [False, True])
def test_an_indicator_csv_beside_a_target_table_is_refused(tmp_path, dangling):
    """Refused when it is a file, and when it is a link to nothing (a reader would still be misled)."""
    beside = tmp_path / "t.indicators.csv"
    if dangling:
        beside.symlink_to(tmp_path / "gone.csv")
    else:
        beside.write_text("三级指标,年度指标值\na,1\n", encoding="utf-8")
    found = problems_of(tmp_path, HEAD + "indicators: [{name: a, target: '1'}]\n")
    assert [(key, "t.indicators.csv" in message) for _, key, message in found] == [("indicators", True)]


# --------------------------------------------------------------------------- the 中期 set

MIDTERM_TABLE = HEAD + """\
period: 2021-2025
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 养护里程, target: '≥1300公里'}
midterm_indicators:
  - {level1: 产出指标, level2: 数量指标, name: 累计养护里程, nature: '≥', target: 1.2, unit: 万公里, core: true}
  - {level1: 效益指标, name: 长效机制, target: 全面建立, explanation: 县乡村三级, basis: 计划标准, data_source: 台账}
"""


def test_the_midterm_set_is_read_as_the_annual_set_is(tmp_path):
    table, problems = read(tmp_path, MIDTERM_TABLE)
    assert isinstance(table, TargetTable) and not problems.items, [p.as_text() for p in problems.items]
    assert [i.name for i in table.indicators] == ["养护里程"]
    first, second = table.midterm_indicators
    assert (first.comparator, first.figures, first.core, first.line, first.path) == (
        Comparator.GE, (Figure(D(12000), "公里"),), True, 9, ("midterm_indicators", 0))
    assert (second.nature, second.target, second.level2, second.explanation, second.basis, second.data_source) == (
        "定性", "全面建立", "", "县乡村三级", "计划标准", "台账")


def test_without_a_midterm_set_the_table_has_none(tmp_path):
    table, _ = read(tmp_path, FULL)
    assert table.midterm_indicators == []
    empty, problems = read(tmp_path, HEAD + "indicators: [{name: a, target: '1'}]\nmidterm_indicators: []\n")
    assert empty.midterm_indicators == [] and not problems.items


ONE = "indicators: [{name: a, target: '1'}]\n"


@pytest.mark.parametrize(("body", "line", "key", "words"), [
    (ONE + "midterm_indicators: 3\n", 6, "midterm_indicators", "中期指标）应是指标列表"),
    (ONE + "midterm_indicators:\n  - 累计里程\n", 7, "midterm_indicators[1]", "键值映射"),
    (ONE + "midterm_indicators:\n  - {name: a}\n", 7, "midterm_indicators[1]", "target"),
    (ONE + "midterm_indicators:\n  - {name: a, target: '1', nature: 大约}\n", 7, "midterm_indicators[1].nature", "定性"),
    (ONE + "midterm_indicators:\n  - {name: a, target: '≤5', nature: '≥'}\n", 7, "midterm_indicators[1].target",
     "方向相反"),
    (ONE + "midterm_indicators:\n  - {name: a, target: '5%', unit: 元}\n", 7, "midterm_indicators[1].unit", "不一致"),
    (ONE + "midterm_indicators:\n  - {name: a, target: '5', core: 是}\n", 7, "midterm_indicators[1].core",
     "true 或 false"),
    (ONE + "midterm_indicators:\n  - {name: a, target: '5', weight: 60}\n  - {name: b, target: '5'}\n", 8,
     "midterm_indicators[2]", "其他中期指标都有权重"),
    (ONE + "midterm_indicators:\n  - {name: a, target: '5', weight: 60}\n  - {name: b, target: '5', weight: 30}\n", 6,
     "midterm_indicators", "各中期指标权重之和为 90，不等于 100"),
])
def test_midterm_errors_name_file_line_and_key(tmp_path, body, line, key, words):
    found = problems_of(tmp_path, HEAD + body)
    assert any((at, where) == (line, key) and words in message for at, where, message in found), found


def test_a_midterm_set_without_its_period_is_a_warning(tmp_path):
    found = problems_of(tmp_path, HEAD + ONE + "midterm_indicators: [{name: b, target: '2'}]\n", Severity.WARNING)
    assert [(line, key) for line, key, message in found if "起止年限" in message] == [(6, "midterm_indicators")]
    with_period = problems_of(tmp_path, HEAD + "period: 2021-2023\n" + ONE + "midterm_indicators: [{name: b, target: '2'}]\n",
                              Severity.WARNING)
    assert with_period == []


def test_the_midterm_set_is_never_compared_with_the_self_evaluation(tmp_path):
    """Only the 年度 set meets the 自评: a 中期 target the 自评 does not restate is no 「自评中没有」."""
    from perfsite.targets_compare import Change, compare_targets

    table, _ = read(tmp_path, MIDTERM_TABLE)
    evaluation = TargetTable(id="x", year=2022, name="项目", department="局", path=tmp_path, file="x",
                             indicators=table.indicators, midterm_indicators=[])
    rows = compare_targets(table, evaluation)  # type: ignore[arg-type]
    assert [(r.path[-1], r.change) for r in rows] == [("养护里程", Change.UNCHANGED)]


def test_score_shows_the_midterm_set_apart(tmp_path, capsys):
    (tmp_path / "t.yaml").write_text(MIDTERM_TABLE, encoding="utf-8")
    assert main(["score", str(tmp_path / "t.yaml")]) == 0
    out = capsys.readouterr().out
    annual, midterm = out.split("中期指标（实施期，不与自评对照）：")
    assert "养护里程" in annual and "累计养护里程" not in annual
    assert "累计养护里程" in midterm and "≥1.2万公里" in midterm and "长效机制" in midterm
    assert main(["score", str(tmp_path / "t.yaml"), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert [i["name"] for i in payload["indicators"]] == ["养护里程"]
    assert [(i["name"], i["figures"], i["core"]) for i in payload["midterm_indicators"]] == [
        ("累计养护里程", ["12000公里"], True), ("长效机制", [], False)]
    (tmp_path / "t.yaml").write_text(FULL, encoding="utf-8")
    main(["score", str(tmp_path / "t.yaml"), "--format", "json"])
    assert json.loads(capsys.readouterr().out)["midterm_indicators"] == []


def test_the_search_stub_holds_the_midterm_targets():
    from perfsite.site.search import target_stub_html

    twin = {"name": "农村公路养护", "year": 2023, "department": "局", "indicators": [
        {"level1": "产出", "level2": "数量指标", "name": "养护里程", "target_text": "≥1300公里"}],
        "midterm_indicators": [{"level1": "产出", "level2": "质量指标", "name": "优良中等路率", "target_text": "≥85%"}]}
    stub = target_stub_html(twin)
    assert "养护里程 ≥1300公里" in stub and "优良中等路率 ≥85%" in stub
    assert "优良中等路率" not in target_stub_html({**twin, "midterm_indicators": []})
