"""`perfsite` read as a clerk: a command typed in Chinese is answered with the command it is, and the
help names what to type in Chinese, never a programmer's word."""

from __future__ import annotations

import re

import pytest

from perfsite.cli import COMMAND_WORDS, build_parser, main


@pytest.mark.parametrize(("word", "command"), [
    ("导入", "import"), ("检查", "check"), ("计分", "score"), ("生成网站", "build"), ("预览", "serve"),
    ("模板", "template"), ("新建", "new"), ("演示", "demo"), ("初始化", "init"),
])
def test_a_command_typed_in_chinese_is_answered_with_the_command(
        capsys: pytest.CaptureFixture[str], word: str, command: str) -> None:
    # 「没有 导入 这个命令。可用的命令：check、score、import……」 left the clerk to guess which
    with pytest.raises(SystemExit) as exit_:
        main([word, "收件"])
    assert exit_.value.code == 2
    said = capsys.readouterr().err.splitlines()[-1]
    assert said.startswith(f"perfsite: 用法错误：没有 {word} 这个命令，是不是要用 {command}？"
                           f"（命令用英文写：perfsite {command} …）可用的命令：check、")


def test_every_chinese_word_names_a_command_there_is() -> None:
    commands = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    assert set(COMMAND_WORDS.values()) == commands


def test_help_typed_as_a_command_says_how_to_get_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["帮助"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "perfsite: 用法错误：没有 帮助 这个命令：查看帮助请用 perfsite -h（某个命令的帮助：perfsite 命令 -h，如 perfsite check -h）")


def test_a_misspelt_english_command_is_still_matched_by_its_spelling(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["chekc", "data"])
    assert "没有 chekc 这个命令，是不是要用 check？可用的命令" in capsys.readouterr().err


@pytest.mark.parametrize("words", [["-h"], *([command, "-h"] for command in sorted(set(COMMAND_WORDS.values())))])
def test_help_names_arguments_in_chinese(capsys: pytest.CaptureFixture[str], words: list[str]) -> None:
    # 「位置参数」, 「data_dir」, 「FILE [FILE ...]」, 「--year YEAR」, 「--config-file CONFIG_FILE」
    with pytest.raises(SystemExit):
        main(words)
    out = capsys.readouterr().out
    assert "位置参数" not in out and "Python" not in out
    usage = out.split("\n\n")[0]
    assert not re.search(r"(?<![-\w])(?:data_dir|file|FILE|dir)\b", usage), usage
    assert not re.search(r"--[a-z-]+ [A-Z_]+\b", out), out


def test_a_bad_value_is_quoted_as_typed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["check", "--format", "xml"])
    assert capsys.readouterr().err.splitlines()[-1] == "perfsite check: 用法错误：参数 --format：「xml」不是可选的值，可选：text、json、github"


@pytest.mark.parametrize(("command", "name"), [("score", "文件"), ("import", "文件"), ("init", "目录")])
def test_a_missing_argument_is_named_in_chinese(capsys: pytest.CaptureFixture[str], command: str, name: str) -> None:
    with pytest.raises(SystemExit):
        main([command])
    assert capsys.readouterr().err.splitlines()[-1] == f"perfsite {command}: 用法错误：缺少必须给出的参数：{name}"
