"""`perfsite template` round-trips; `perfsite new` gives a skeleton that check accepts once filled."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_import_builders import ROOT, SEED000, load, text
from test_import_word import assert_same_programme, imported, scored

from perfsite.cli import main
from perfsite.indicator_csv import decode
from perfsite.model import RuleType
from perfsite.reader import read_programme
from perfsite.scoring import score_programme
from perfsite.siteconfig import SiteConfig

YILIAO = ROOT / "data/2023/yibao/yiliao-jiuzhu.yaml"
BUDGET_COLUMN = {"total": "年度总金额", "central": "中央级", "provincial": "省级", "municipal": "市级",
                 "county": "县区级", "carryover": "上年结转资金", "other": "其他资金"}
BUDGET_ROW = {"initial": "年初预算资金", "budget": "全年预算资金", "funded": "实际到位资金", "spent": "全年执行资金"}


def number(value: object) -> object:
    """What a clerk types into a number cell: Excel stores a float (or an int)."""
    d = Decimal(text(value))
    return int(d) if d == d.to_integral_value() and "." not in text(value) else float(d)


def fill_template(path: Path, facts: dict[str, object], budget: dict, rows: list[dict[str, object]],
                  sections: dict[str, str]) -> Path:
    """Fill the workbook `perfsite template` wrote, the way a clerk would."""
    book = load_workbook(str(path))
    info = book["项目信息"]
    labels = {str(c.value).rstrip("*"): c.row for c in info["A"] if c.value}
    for label, value in facts.items():
        info.cell(labels[label], 2, value)
    header = next(r for r in info.iter_rows() if r[1].value == "年度总金额")
    columns = {c.value: c.column for c in header if c.value}
    for key, row in budget.items():
        if key in BUDGET_ROW:
            for source, amount in (row.items() if isinstance(row, dict) else [("total", row)]):
                info.cell(labels[BUDGET_ROW[key]], columns[BUDGET_COLUMN[source]], number(amount))
    sheet = book["绩效指标"]
    heads = {c.value: c.column for c in sheet[1]}
    for r, row in enumerate(rows, 2):
        for head, value in row.items():
            if value not in (None, ""):
                cell = sheet.cell(r, heads[head], value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # typed into a text cell: not a formula
    body = book["报告正文"]
    for r, (title, content) in enumerate(sections.items(), 2):
        body.cell(r, 1, title)
        body.cell(r, 2, content)
    book.save(str(path))
    return path


def seed000_rows() -> list[dict[str, object]]:
    rows = []
    for i in load(SEED000)["indicators"]:
        rule = i.get("rule")
        rows.append({"一级指标": i["level1"], "二级指标": i["level2"], "三级指标": i["name"], "分值": number(i["weight"]),
                     "年度指标值": text(i["target"]), "实际完成值": text(i["actual"]), "完成率": text(i["completion"]),
                     "得分": number(i["score"]), "规则": rule, "偏差原因分析及改进措施": i.get("remark")})
    return rows


def test_filled_template_imports_back_without_loss(tmp_path: Path) -> None:
    assert main(["template", "--out", str(tmp_path / "t.xlsx")]) == 0
    seed = load(SEED000)
    facts = {"项目名称": seed["name"], "评价年度": 2021, "主管部门": "未载明", "地区": "曲沃县", "评价类型": "单位自评",
             "公布总分": 99.1, "公布等级": "优秀", "金额单位": "万元", "执行率口径": "全年执行数/全年预算数"}
    path = fill_template(tmp_path / "t.xlsx", facts, seed["budget"], seed000_rows(), seed["sections"])
    [out] = imported(tmp_path, path)
    got, want = scored(out), scored(SEED000)
    from test_import_word import _strip_lines

    _strip_lines(got.programme)
    assert_same_programme(got, want)
    assert [i.rule for i in got.programme.indicators] == [i.rule for i in want.programme.indicators]
    assert got.programme.source == "t.xlsx"


def test_template_round_trips_rules_levels_and_not_applicable(tmp_path: Path) -> None:
    """The CSV sample: flow-mapping rules, 是否适用 = 否 without a 分值, four funding sources, a date."""
    main(["template", "--out", str(tmp_path / "t.xlsx")])
    seed = load(YILIAO)
    raw, _ = decode((ROOT / "data/2023/yibao/yiliao-jiuzhu.indicators.csv").read_bytes())
    table = list(csv.reader(io.StringIO(raw)))
    heads = [re.sub(r"\s+", "", h) for h in table[0]]
    rows = []
    for cells in table[1:]:
        row = dict(zip(heads, cells, strict=True))
        rows.append({**row, "分值": number(row["分值"]) if row["分值"] else None,
                     "得分": number(row["得分"]) if row["得分"] else None})
    facts = {"项目名称": seed["name"], "评价年度": 2023, "主管部门": seed["department"], "地区": seed["region"],
             "评价类型": seed["evaluation"], "评价机构": seed["evaluator"], "公布日期": dt.date(2024, 5, 20),
             "公布总分": number(seed["reported"]["score"]), "公布等级": "优秀", "执行率口径": "实际支出/实际到位"}
    path = fill_template(tmp_path / "t.xlsx", facts, seed["budget"], rows, seed["sections"])
    [out] = imported(tmp_path, path)
    got, want = scored(out), scored(YILIAO)
    from test_import_word import _strip_lines

    _strip_lines(got.programme)
    _strip_lines(want.programme)
    assert_same_programme(got, want)
    for x, y in zip(got.programme.indicators, want.programme.indicators, strict=True):
        assert x.rule == y.rule, y.name
    assert [i.applicable for i in got.programme.indicators].count(False) == 1
    assert (got.programme.evaluator, got.programme.published) == (want.programme.evaluator, want.programme.published)
    assert got.programme.budget is not None and got.programme.budget.rate_basis.value == "funded"


def test_judged_level_column(tmp_path: Path) -> None:
    main(["template", "--out", str(tmp_path / "t.xlsx")])
    rows = [{"一级指标": "效益指标", "二级指标": "社会效益指标", "三级指标": "群众获得感", "分值": 100, "年度指标值": "明显提升",
             "实际完成值": "有所提升", "得分": 85, "规则": "judged", "定性等级": "达成", "偏差原因分析及改进措施": "宣传不足"}]
    path = fill_template(tmp_path / "t.xlsx", {"项目名称": "定性示例", "评价年度": 2024, "主管部门": "示例局"}, {}, rows, {})
    [out] = imported(tmp_path, path)
    ind = scored(out).programme.indicators[0]
    assert ind.rule.type is RuleType.JUDGED and ind.rule.params["level"] == "达成"
    assert "rule: {type: judged, level: 达成}" in out.read_text(encoding="utf-8")


def test_template_has_instructions_drop_downs_and_text_formats(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    assert main(["template", "--out", str(out)]) == 0
    book = load_workbook(str(out))
    assert book.sheetnames == ["填写说明", "项目信息", "绩效指标", "报告正文", "绩效目标表", "部门整体自评", "部门整体绩效目标表"]
    assert "perfsite import" in " ".join(str(c.value) for c in book["填写说明"]["A"] if c.value)
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in book["绩效指标"].data_validations.dataValidation}
    assert "产出指标" in lists["A2"] and "满意度指标" in lists["A2"] and "决策" in lists["A2"]
    for rule in ("auto", "ratio", "judged", "budget", "deduct", "shortfall", "bands", "reported"):
        assert rule in lists["I2"]
    assert lists["J2"] == '"达成,部分达成,未达成"' and lists["M2"] == '"是,否"'
    assert book["绩效指标"]["E2"].number_format == "@" and book["绩效指标"]["D2"].number_format == "General"
    assert main(["template", "--out", str(out)]) == 1  # exists: refused
    assert main(["template", "--out", str(tmp_path / "t.txt")]) == 2


def test_template_has_a_target_table_sheet_with_the_101_columns(tmp_path: Path) -> None:
    """财预〔2021〕101号's 项目支出绩效目标表: its head, then 绩效指标 with 指标性质, 指标值, 度量单位,
    指标解释, 设定依据, 数据来源 and the core mark, text cells kept as typed."""
    out = tmp_path / "t.xlsx"
    assert main(["template", "--out", str(out)]) == 0
    sheet = load_workbook(str(out))["绩效目标表"]
    labels = [str(c.value).rstrip("*") for c in sheet["A"][2:15] if c.value]
    assert labels == ["项目名称", "年度", "主管部门", "主管部门编码", "实施单位", "项目属性", "项目期（起止年限）", "金额单位",
                      "年度资金总额", "其中：财政拨款", "其中：其他资金", "中期目标", "年度目标"]
    header = next(r for r in sheet.iter_rows() if r[0].value == "一级指标")
    assert [c.value for c in header[:11]] == ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "指标解释",
                                              "设定依据", "数据来源", "核心指标", "权重"]  # the 中期 set stands to the right
    first = header[0].row + 1
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert lists[f"D{first}"] == '"≥,≤,=,>,<,定性"' and lists[f"J{first}"] == '"是,否"'
    assert "新增,延续" in lists["B8"]
    assert sheet[f"E{first}"].number_format == "@" and sheet[f"K{first}"].number_format == "General"
    assert "绩效目标表" in " ".join(str(c.value) for c in load_workbook(str(out))["填写说明"]["A"] if c.value)


def test_template_has_a_department_target_sheet_laid_out_as_the_form(tmp_path: Path) -> None:
    """The 部门整体支出绩效目标表: its title, head, 年度主要任务 with 预算金额, 年度总体目标, then the
    绩效指标 of the 绩效目标表 sheet, whose 一级指标 list offers 过程指标 (where 预算执行率 goes)."""
    out = tmp_path / "t.xlsx"
    assert main(["template", "--out", str(out)]) == 0
    book = load_workbook(str(out))
    sheet = book["部门整体绩效目标表"]
    assert sheet["A1"].value == "部门整体支出绩效目标表"
    column_a = [str(c.value) for c in sheet["A"] if c.value]
    assert column_a[1:8] == ["部门名称*", "年度*", "部门编码", "部门职能", "金额单位", "年度主要任务", "年度总体目标"]
    tasks = next(r for r in sheet.iter_rows() if r[0].value == "年度主要任务")
    assert [c.value for c in tasks[:4]] == ["年度主要任务", "任务名称", "主要内容", "预算金额"]
    assert sheet.cell(tasks[0].row + 1, 3).number_format == "@" and sheet.cell(tasks[0].row + 1, 4).number_format == "General"
    header = next(r for r in sheet.iter_rows() if r[0].value == "一级指标")
    assert [c.value for c in header] == ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "指标解释",
                                         "设定依据", "数据来源", "核心指标", "权重"]
    first = header[0].row + 1
    lists = {str(dv.sqref).split(":")[0]: (dv.formula1, dv.prompt) for dv in sheet.data_validations.dataValidation}
    assert lists[f"A{first}"][0].startswith('"过程指标,产出指标') and "过程指标 / 预算执行" in lists[f"A{first}"][1]
    assert sheet[f"E{first}"].number_format == "@"
    assert "部门整体绩效目标表" in " ".join(str(c.value) for c in book["填写说明"]["A"] if c.value)


def test_a_target_sheet_without_indicators_is_named_and_the_self_evaluation_still_imports(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["template", "--out", str(tmp_path / "t.xlsx")])
    seed = load(SEED000)
    path = fill_template(tmp_path / "t.xlsx", {"项目名称": seed["name"], "评价年度": 2021, "主管部门": "未载明"},
                         seed["budget"], seed000_rows(), seed["sections"])
    book = load_workbook(str(path))
    book["绩效目标表"]["B3"] = seed["name"]
    book.save(str(path))
    assert main(["import", str(path), "--out", str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert "t.xlsx（工作表「绩效目标表」） ==\n  失败：找不到评价年度" in out  # only its name was filled
    assert len(list((tmp_path / "out").rglob("*.yaml"))) == 1  # the 自评 as before


def test_empty_template_is_refused_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["template", "--out", str(tmp_path / "t.xlsx")])
    assert main(["import", str(tmp_path / "t.xlsx"), "--out", str(tmp_path / "out")]) == 1
    assert "找不到项目名称" in capsys.readouterr().out
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- perfsite new

def fill(text_: str, values: dict[str, str]) -> str:
    """Fill `key:   # comment` blanks the way a clerk does: type the value after the colon."""
    for key, value in values.items():
        text_, n = re.subn(rf"^(\s*{key}:)(\s+#)", rf"\1 {value}\2", text_, count=1, flags=re.M)
        assert n == 1, key
    return text_


def check_file(path: Path) -> list[str]:
    site = SiteConfig()
    prog, problems = read_programme(path, site)
    if prog is None:
        return [p.message for p in problems.items]
    scored_ = score_programme(prog, site, problems)
    return [p.message for p in scored_.problems if p.severity.value == "error"]


def test_new_skeleton_parses_and_is_valid_once_filled(tmp_path: Path) -> None:
    assert main(["new", "--year", "2024", "--name=-测试项目", "--out", str(tmp_path)]) == 0
    path = tmp_path / "2024" / "ceshi.yaml"  # the id is the pinyin of the name, 项目 dropped
    skeleton = path.read_text(encoding="utf-8")
    assert 'name: "-测试项目"' in skeleton and "# 必填" in skeleton
    errors = check_file(path)
    assert any("department" in e for e in errors) and any("权重" in e or "weight" in e for e in errors)
    path.write_text(fill(skeleton, {"department": "示例县财政局", "name": "项目资金拨付及时率", "weight": "100",
                                    "score": "100"}).replace('target: ""', 'target: "100%"', 1)
                    .replace('actual: ""', 'actual: "100%"', 1), encoding="utf-8")
    assert check_file(path) == []
    assert main(["check", str(tmp_path)]) == 0


def test_new_refuses_to_overwrite_and_bad_usage(tmp_path: Path) -> None:
    assert main(["new", "--out", str(tmp_path)]) == 0
    before = (tmp_path / "new-programme.yaml").read_text(encoding="utf-8")
    assert main(["new", "--out", str(tmp_path)]) == 1
    assert (tmp_path / "new-programme.yaml").read_text(encoding="utf-8") == before
    assert main(["new", "--year", "24", "--out", str(tmp_path)]) == 2
    assert main(["new", "--id", "新项目", "--out", str(tmp_path)]) == 2


# --------------------------------------------------------------------------- the 中期 set of the 绩效目标表 sheet

MIDTERM_ROWS = [("产出指标", "数量指标", "累计受益学生人数", "≥", "6000", "人次", "实施期内累计", "计划标准", "学籍系统", "是"),
                ("", "质量指标", "供餐学校达标率", "=", "100", "%", "", "", "", ""),
                ("效益指标", "社会效益指标", "学生营养不良率", "≤", "5", "%", "", "历史标准", "体检报告", "否")]
"""Its own 一级指标 column (a blank cell is the one above), not the 年度 set's."""


def test_the_target_sheet_has_room_for_the_midterm_set_beside_the_annual_one(tmp_path: Path) -> None:
    from perfsite.importing.template import MIDTERM_COLUMN, target_indicator_row, write_template

    write_template(tmp_path / "t.xlsx")
    sheet = load_workbook(str(tmp_path / "t.xlsx"))["绩效目标表"]
    top = target_indicator_row()
    assert (sheet.cell(top - 1, 1).value, sheet.cell(top - 1, MIDTERM_COLUMN).value.split("（")[0]) == ("绩效指标", "中期绩效指标")
    row = [c.value for c in sheet[top]]
    assert row[:11] == row[MIDTERM_COLUMN - 1:MIDTERM_COLUMN + 10] and row[11] is None
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert lists[f"P{top + 1}"] == '"≥,≤,=,>,<,定性"' and sheet[f"Q{top + 1}"].number_format == "@"


def test_a_midterm_set_typed_into_the_template_imports_as_midterm_indicators(tmp_path: Path) -> None:
    from test_import_dept import ROWS, filled_targets
    from test_import_dept import imported as import_one

    from perfsite.documents import read_document
    from perfsite.importing.pipeline import Status
    from perfsite.importing.template import MIDTERM_COLUMN, target_indicator_row
    from perfsite.targets import TargetTable

    path = filled_targets(tmp_path / "模板.xlsx")
    only_annual = import_one(path, tmp_path / "annual")
    assert "midterm_indicators" not in only_annual.written[0].read_text(encoding="utf-8")
    book = load_workbook(str(path))
    sheet = book["绩效目标表"]
    for r, row in enumerate(MIDTERM_ROWS, target_indicator_row() + 1):
        for c, value in enumerate(row, MIDTERM_COLUMN):
            sheet.cell(r, c, value)
    book.save(str(path))
    report = import_one(path, tmp_path / "out")
    assert report.status is Status.IMPORTED, (report.failure, [p.as_text() for p in report.problems])
    table, problems = read_document(report.written[0], SiteConfig())
    assert isinstance(table, TargetTable) and not problems.items, [p.as_text() for p in problems.items]
    assert [(i.level1, i.level2, i.name, i.target) for i in table.indicators] == [(*r[:3], t) for r, t in zip(
        ROWS, ("≥1200人", "明显改善", "≥90%"), strict=True)]
    assert [(i.level1, i.level2, i.name, i.target, i.explanation, i.basis, i.data_source, i.core)
            for i in table.midterm_indicators] == [
        ("产出指标", "数量指标", "累计受益学生人数", "≥6000人次", "实施期内累计", "计划标准", "学籍系统", True),
        ("产出指标", "质量指标", "供餐学校达标率", "=100%", "", "", "", False),
        ("效益指标", "社会效益指标", "学生营养不良率", "≤5%", "", "历史标准", "体检报告", False)]
    assert any("按中期指标写入 midterm_indicators" in n for n in report.notes), report.notes
    assert not report.unplaced, report.unplaced
