"""perfsite.yamlload: safe, exact YAML with line marks; traps reported with the fix."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from perfsite.problems import Severity
from perfsite.yamlload import MAX_BYTES, load_yaml_file, load_yaml_text

D = Decimal


def test_numbers_are_decimals_read_from_their_text():
    loaded = load_yaml_text("spent: 4700.90\nweight: 3.00\nscore: 17.1\nyear: 2021\nbig: 1_000\n")
    assert loaded.problems == []
    data = loaded.data
    assert data == {"spent": D("4700.90"), "weight": D("3.00"), "score": D("17.1"), "year": D(2021), "big": D(1000)}
    assert all(isinstance(v, Decimal) for v in data.values())
    assert str(data["spent"]) == "4700.90"  # never through a binary float
    assert str(data["score"]) == "17.1"


def test_quoted_and_block_scalars_stay_text():
    data = load_yaml_text("a: '4700.90'\nb: \"18\"\nc: |\n  多行\n  文本\n").data
    assert data == {"a": "4700.90", "b": "18", "c": "多行\n文本\n"}


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [(".inf", ".inf"), (".nan", ".nan"), ("1:20", "1:20"), ("0x1F", "0x1F"), ("2021-05-01", "2021-05-01"), ("~", None), ("", None)],
)
def test_odd_scalars_keep_their_text(scalar, expected):
    # a date stays the text as published; infinities and sexagesimals are not numbers
    assert load_yaml_text(f"x: {scalar}\n").data == {"x": expected}


def test_lines_of_keys_and_items_are_kept():
    text = "name: 测试\nindicators:\n  - name: 甲\n    weight: 60\n  - name: 乙\n    weight: 40\n"
    lines = load_yaml_text(text, "f.yaml").lines
    assert lines[("name",)] == 1
    assert lines[("indicators",)] == 2
    assert lines[("indicators", 0)] == 3
    assert lines[("indicators", 0, "weight")] == 4
    assert lines[("indicators", 1)] == 5
    assert lines[("indicators", 1, "weight")] == 6


def test_duplicate_key_is_an_error_with_both_lines():
    loaded = load_yaml_text("name: 甲\nyear: 2021\nname: 乙\n", "f.yaml")
    assert len(loaded.problems) == 1
    problem = loaded.problems[0]
    assert problem.severity is Severity.ERROR
    assert (problem.file, problem.line, problem.key) == ("f.yaml", 3, "name")
    assert "重复" in problem.message and "第 1 行" in problem.message
    assert loaded.data["name"] == "甲"  # the first stays; nothing is silently overwritten


def test_nested_duplicate_key_names_the_path():
    loaded = load_yaml_text("indicators:\n  - name: 甲\n    weight: 60\n    weight: 40\n", "f.yaml")
    assert [(p.line, p.key) for p in loaded.problems] == [(4, "indicators[1].weight")]


@pytest.mark.parametrize("value", ["*", "- 5", ">90%", "%95", "!达成", "@x", "`x`"])
def test_value_traps_are_explained_with_the_fix(value):
    loaded = load_yaml_text(f"name: 测试\nactual: {value}\nyear: 2021\n", "f.yaml")
    assert loaded.data is None
    assert len(loaded.problems) == 1
    problem = loaded.problems[0]
    assert problem.severity is Severity.ERROR
    assert problem.line == 2
    assert "引号" in problem.message  # the fix: quote the value
    assert value[0] in problem.message


def test_unknown_tag_is_an_error():
    loaded = load_yaml_text("x: !foo 5\n", "f.yaml")
    assert [(p.severity, p.line) for p in loaded.problems] == [(Severity.ERROR, 1)]
    assert "引号" in loaded.problems[0].message


def test_merge_key_is_refused():
    loaded = load_yaml_text("base: &b {a: 1}\nx:\n  <<: *b\n", "f.yaml")
    assert [(p.line, "<<" in p.message) for p in loaded.problems] == [(3, True)]


def test_alias_bomb_is_refused_quickly():
    rows = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(8):
        prev, name = chr(97 + i), chr(98 + i)
        rows.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    loaded = load_yaml_text("\n".join(rows) + "\n", "bomb.yaml")
    assert loaded.data is None
    assert len(loaded.problems) == 1
    assert loaded.problems[0].severity is Severity.ERROR


def test_syntax_error_has_a_line():
    loaded = load_yaml_text("name: 测试\nx: [\n", "f.yaml")
    assert loaded.data is None
    assert [p.severity for p in loaded.problems] == [Severity.ERROR]
    assert loaded.problems[0].line is not None
    assert loaded.problems[0].file == "f.yaml"


@pytest.mark.parametrize(("text", "line"), [
    ("预算: [1, 2\n执行: 3\n", 1),          # unclosed [: the line that opened it
    ("预算: {甲: 1\n", 1),                    # unclosed {
    ("名称: 甲\n- 乙\n", 2),                  # list item among keys
    ("名称: 甲\n  部门: 乙\n", 2),            # indented too far
    ("指标: [1,, 2]\n", 1),                   # empty flow entry
    ("名称: 甲\n---\n名称: 乙\n", 2),        # a second document
    ("名称: 甲\n  - 乙\n 部门: 丙\n", 3),    # keys not aligned
])
def test_syntax_errors_are_explained_in_chinese(text: str, line: int) -> None:
    problem = load_yaml_text(text, "x.yaml").problems[0]
    assert problem.severity is Severity.ERROR and problem.line == line
    assert problem.message.startswith("YAML 语法错误：")
    said = problem.message.replace("YAML", "")
    assert re.search(r"[A-Za-z]{3,}", said) is None, problem.message  # no parser English left


@pytest.mark.parametrize(("text", "line"), [
    ("预算:\n\t单位: 万元\n", 2),                    # a tab where the key starts
    ("名称: 甲\n预算:\n  单位: 万元\n \t执行: 3\n", 4),  # a tab after spaces
])
def test_a_tab_in_the_indent_is_named(text: str, line: int) -> None:
    """A clerk's editor that indents with Tab: the parser (libyaml) says only that a character
    cannot start a token, which sent the clerk looking for ` or @."""
    problem = load_yaml_text(text, "x.yaml").problems[0]
    assert (problem.line, problem.message) == (line, "YAML 语法错误：不能用 Tab 缩进，请用空格")


@pytest.mark.parametrize("text", ["", "# 只有注释\n", "---\n"])
def test_empty_document_is_none_without_problems(text):
    loaded = load_yaml_text(text)
    assert loaded.data is None
    assert loaded.problems == []


def test_file_utf8_with_bom_is_read(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes("name: 测试\nweight: 18\n".encode("utf-8-sig"))
    loaded = load_yaml_file(path, "a.yaml")
    assert loaded.problems == []
    assert loaded.data == {"name": "测试", "weight": D(18)}


def test_file_in_gbk_is_refused_with_the_line(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes("id: a\nyear: 2021\nname: 测试\n".encode("gbk"))
    loaded = load_yaml_file(path, "a.yaml")
    assert loaded.data is None
    assert len(loaded.problems) == 1
    problem = loaded.problems[0]
    assert (problem.severity, problem.file, problem.line) == (Severity.ERROR, "a.yaml", 3)
    assert "UTF-8" in problem.message


def test_huge_file_is_refused(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * MAX_BYTES + b"\n")
    loaded = load_yaml_file(path, "big.yaml")
    assert loaded.data is None
    assert [p.severity for p in loaded.problems] == [Severity.ERROR]


def test_missing_file_is_a_problem_not_an_exception(tmp_path):
    loaded = load_yaml_file(tmp_path / "nope.yaml", "nope.yaml")
    assert loaded.data is None
    assert [p.severity for p in loaded.problems] == [Severity.ERROR]


@pytest.mark.parametrize("template", ["a: x{c}y\n", "a: 'x{c}y'\n", "a: |\n  x{c}y\n", "k{c}: v\n", "- x{c}\n"])
@pytest.mark.parametrize("char", ["\x01", "\x08", "\x0b", "\x1b", "\x7f"])
def test_raw_control_characters_are_refused_by_the_parser(template, char):
    # the loader checks control characters only in double-quoted scalars (escapes): this is why
    loaded = load_yaml_text(template.format(c=char), "f.yaml")
    assert loaded.data is None
    assert [p.severity for p in loaded.problems] == [Severity.ERROR]


def test_escaped_control_character_is_reported_and_removed():
    loaded = load_yaml_text('name: 测试\nactual: "9\\x015%"\n', "f.yaml")
    assert loaded.data == {"name": "测试", "actual": "95%"}
    assert [(p.line, p.key) for p in loaded.problems] == [(2, "actual")]
    assert "U+0001" in loaded.problems[0].message


def test_repeated_reads_give_the_same_values_and_problems():
    text = "<<: x\n'<<': y\nnull: 1\n1.50: a\nyes: b\nw: 1_0\nd: 2021-05-01\nn: ~\n"
    first, second = load_yaml_text(text, "f.yaml"), load_yaml_text(text, "f.yaml")
    assert first == second
    assert first.data == {"<<": "y", "1.50": "a", "yes": "b", "w": D(10), "d": "2021-05-01", "n": None}
    assert [(p.line, p.message) for p in first.problems] == [
        (1, "不支持 YAML 合并键 <<，请直接写出各项"), (3, "键必须是文字"),
        (6, "数字中不能有下划线：「1_0」会被读作 10，页面上却照写「1_0」；请直接写数字（千位分隔可写 1_000，或加引号写 \"1,000\"）")]


@pytest.mark.parametrize("enabled", [True, False])
def test_the_cyclic_collector_is_left_as_it_was(enabled):
    import gc

    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        load_yaml_text("a: [1, 2]\n")
        load_yaml_text("a: [\n")
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
