"""System exports in the shapes provinces' 一体化系统 write, built from held real forms (tests/forms_bulk29):
each programme imports as the published form says it (name, year, department, money, indicators, 总分)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from forms_bulk29.make import CODES, Held, held, long_export, tab_csv, wide_export

from perfsite.cli import main
from perfsite.decimals import parse_decimal
from perfsite.importing.bulk import find_header, group, lost_code, map_columns, read_sheets, two_row_header
from perfsite.yamlload import load_yaml_file

FORMS = held()
INDICATOR = ("level1", "level2", "name", "target", "actual", "weight", "score", "remark")


def _same(value: object) -> object:
    """A figure as a number (「4,700.90」 and 4700.9 agree), a text as written."""
    number = parse_decimal(str(value).replace(",", ""))
    return number if number is not None else str(value)


def _total(value: object) -> object:
    return _same(value["total"] if isinstance(value, dict) else value)


def _imported(out: Path) -> dict[str, dict]:
    files = {}
    for path in sorted(out.rglob("*.yaml")):
        data = load_yaml_file(path).data
        assert isinstance(data, dict)
        files[data["name"]] = data
    return files


def _as_published(form: Held) -> tuple[object, ...]:
    return (form.name, form.year, form.department, _same(form.budget), _same(form.spent), _same(form.score),
            [{k: _same(v) for k, v in item.items()} for item in form.indicators])


def _as_imported(data: dict) -> tuple[object, ...]:
    return (data["name"], str(data["year"]), data["department"], _total(data["budget"]["budget"]),
            _total(data["budget"]["spent"]), _same(data["reported"]["score"]),
            [{k: _same(item[k]) for k in INDICATOR if k in item} for item in data["indicators"]])


SHAPES: dict[str, Callable[[Path], Path]] = {
    "long": lambda tmp: long_export(tmp / "自评汇总.xlsx", FORMS),
    "wide": lambda tmp: wide_export(tmp / "自评汇总.xlsx", FORMS),
    "tab_csv": lambda tmp: tab_csv(tmp / "自评汇总.csv", FORMS),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_each_programme_imports_as_its_published_form(tmp_path: Path, shape: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """Three departments and two years in one export, in each shape: every programme is written, and
    its figures are the form's. Before, the one-row-per-programme export failed as a 汇总表 with no
    indicators, the tab-separated CSV found no table, and the sign-off lines under the long export
    were read as the last programme's rows, failing it."""
    path = SHAPES[shape](tmp_path)
    main(["import", str(path), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    files = _imported(tmp_path / "out")
    assert sorted(files) == sorted(form.name for form in FORMS), out
    for form in FORMS:
        want = _as_published(form)
        if shape == "tab_csv" and form is FORMS[0]:  # its remark written over two lines in its quoted cell keeps the break
            want[-1][1]["remark"] = "建档立卡中有新增死亡人员,\n导致有偏差"
        assert _as_imported(files[form.name]) == want
    assert {(data["year"], data["department"]) for data in files.values()} == {
        (2020, "稷山县医疗保障局"), (2022, "中江县水利局"), (2022, "天长市水利局")}
    if shape == "long":
        assert "工作表「项目支出绩效自评」第 3–4 行是表头，3 个项目，27 行" in out
        assert "工作表「项目支出绩效自评」第 33 行是表下的签字栏（填表人、审核人、填报日期等），未作为指标导入" in out
        assert f"项目编码：{CODES[0]}" in out
    if shape == "wide":
        assert "工作表「项目支出绩效自评」第 2 行是表头，3 个项目，3 行" in out
        assert "J「指标1名称」→ 第 1 个指标的三级指标" in out and "G「自评得分」→ 自评得分" in out
        assert "未识别的列" not in out


def _grouped(path: Path) -> tuple[list, list[str]]:
    [sheet] = read_sheets(path)
    assert find_header(sheet)
    notes: list[str] = []
    return group(sheet, notes), notes


def test_long_codes_stored_as_numbers_are_said_and_never_used(tmp_path: Path) -> None:
    """22-digit 项目编码 stored as numbers keep 15 significant digits: the three codes read back as doubles
    (Excel shows 5.30000E+20). They are not taken for codes (two would have merged into one programme
    if they rounded alike, and each would be reported wrong); the programmes are told apart by name,
    department and year, and the clerk is told which cells and how to keep the codes."""
    programmes, notes = _grouped(long_export(tmp_path / "汇总.xlsx", FORMS, codes_as_numbers=True))
    assert [p.key for p in programmes] == [f"项目名称 {f.name}，主管部门 {f.department}，年度 {f.year}" for f in FORMS]
    assert all("code" not in p.values and not p.errors for p in programmes)
    [said] = [n for n in notes if "项目编码" in n]
    assert said.startswith("工作表「项目支出绩效自评」第 5–31 行 B 列「项目编码」（如「530000209999999991808」）是按数字保存的长编码")
    assert "请在系统中把项目编码按文本导出" in said
    programmes, notes = _grouped(long_export(tmp_path / "文本.xlsx", FORMS))  # the same codes as text are kept
    assert [p.values["code"][0] for p in programmes] == list(CODES)
    assert not [n for n in notes if "项目编码" in n]


@pytest.mark.parametrize(("text", "lost"), [
    ("5.30123E+21", True),  # a CSV saved from Excel
    ("530000209999999991808", True), ("5301232023000000233472", True),  # doubles' exact values, as calamine reads them
    ("530000210000000012345", False), ("53010021000000001234", False),  # written as text
    ("123456789012345696", False),  # 18 digits a double needing 17: a library's, or text; left as read
    ("1234567890123450", False), ("P001", False), ("2023-001", False),
])
def test_which_codes_are_numbers_that_lost_digits(text: str, lost: bool) -> None:
    assert lost_code(text) is lost


def test_a_split_target_s_parts_are_named_in_chinese() -> None:
    """The column mapping a clerk reads names 指标性质 and 度量单位 in Chinese (before: 「sign」, 「measure」)."""
    upper = ["项目编码", "项目名称", "三级指标", "年度指标值", "", "", "分值"]
    lower = ["", "", "", "指标性质", "指标值", "度量单位", ""]
    [line] = map_columns(lower, two_row_header(upper, lower)).describe("表")
    assert "D「年度指标值 指标性质」→ 指标性质" in line and "F「年度指标值 度量单位」→ 度量单位" in line


def test_numbered_columns_need_a_name_to_be_indicators() -> None:
    """A year (「2023年预算数」) or a numbered column with no 名称 is no indicator group; a long export's own
    indicator columns are kept whatever numbered columns stand beside them."""
    columns = map_columns(["项目编码", "项目名称", "2023年预算数", "指标1目标值", "指标1分值"])
    assert not columns.groups and not columns.is_export
    columns = map_columns(["项目编码", "项目名称", "三级指标", "分值", "指标1名称", "指标1分值"])
    assert columns.indicator == {"name": 2, "weight": 3} and not columns.groups and columns.unknown == [4, 5]
    columns = map_columns(["项目名称", "第1项指标名称", "第1项指标分值", "第2项指标名称", "第2项指标分值", "得分"])
    assert columns.groups == [{"name": 1, "weight": 2}, {"name": 3, "weight": 4}]
    assert columns.programme == {"name": 0, "reported_score": 5} and columns.is_export



@pytest.mark.parametrize(("head", "separator"), [
    ("项目编码\t项目名称\t三级指标\t分值\r\nP001\t校舍维修,一期\t维修面积\t40\r\n", "\t"),  # a comma inside a cell
    ("项目编码,项目名称,三级指标,分值\r\nP001,校舍维修\t,维修面积,40\r\n", ","),  # a tab typed into a cell
    ("项目编码;项目名称;三级指标;分值\r\n", ";"), ("项目编码,项目名称,三级指标,分值\r\n", ","),
])
def test_the_separator_is_the_one_the_lines_are_cut_by(head: str, separator: str) -> None:
    from perfsite.importing.convert import text_separator

    assert text_separator(head) == separator
