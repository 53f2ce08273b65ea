"""A bracket or quote left open is reported on the line that opened it, not where the parser
gave up (two lines later, or at the end of the file)."""

from __future__ import annotations

import pytest

from perfsite.yamlload import load_yaml_text

HEAD = "".join(f"k{n}: {n}\n" for n in range(1, 25))  # lines 1-24


def only(text: str) -> tuple[int | None, str]:
    problems = load_yaml_text(text, "x.yaml").problems
    assert len(problems) == 1
    return problems[0].line, problems[0].message


def test_an_unclosed_brace_is_reported_where_it_opened() -> None:
    line, message = only(HEAD + "reported: {score: 9.5,\n  grade: 优\nname: 甲\nyear: 2024\n")
    assert line == 25
    assert "花括号 { } 没有闭合" in message and "这一行的「{」到第 27 行仍未闭合" in message


def test_an_unclosed_bracket_and_quote_too() -> None:
    assert only(HEAD + "tags: [甲, 乙\nname: 甲\n")[0] == 25
    line, message = only(HEAD + 'name: "甲项目\nyear: 2024\nid: a\n')
    assert line == 25
    assert "到文件末尾仍未闭合" in message


def test_a_fault_within_one_line_keeps_its_line() -> None:
    line, message = only(HEAD + "reported: {score: 9 grade: 优 x}\n")
    assert line == 25
    assert "仍未闭合" not in message


@pytest.mark.parametrize(("row", "length"), [("k" * 1100 + ": 1", 1100), ("  - " + "中" * 1030 + ": 1", 1030)])
def test_a_key_too_long_is_said_to_be_too_long(row: str, length: int) -> None:
    line, message = only("name: 甲\nx:\n" + row + "\n")
    assert line == 3
    assert f"键太长（{length} 个字符，YAML 的键最多 1024 个字符）" in message
    assert "这里不能出现冒号" not in message and "缺少冒号" not in message


def test_a_long_value_with_a_colon_keeps_the_quoting_hint() -> None:
    line, message = only("name: 甲\nremark: " + "中" * 1100 + ": 乙\n")
    assert line == 2 and "键太长" not in message and "这里不能出现冒号" in message
