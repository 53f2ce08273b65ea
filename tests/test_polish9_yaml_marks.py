"""A bracket or quote left open is reported on the line that opened it, not where the parser
gave up (two lines later, or at the end of the file)."""

from __future__ import annotations

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
