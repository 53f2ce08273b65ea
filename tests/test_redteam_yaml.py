"""Data files as a tired clerk saves them: every refusal names the line and says what to do.

Each case here failed before with the parser's English (「unacceptable character #x0000 … position
2828」, no line), pointed at a line that does not exist (a U+2028 pasted from a web page made the
parser count one line more than the editor shows), or blamed a UTF-16 file on GBK."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from perfsite.cli import main
from perfsite.problems import Severity
from perfsite.yamlload import load_yaml_file, load_yaml_text

SEED = Path(__file__).resolve().parent.parent / "data" / "2023" / "jiaoyu" / "yingyang-gaishan.yaml"
SITE = Path(__file__).resolve().parent.parent / "data" / "site.yaml"


def only_problem(text: str) -> tuple[int | None, str]:
    loaded = load_yaml_text(text, "f.yaml")
    assert loaded.data is None
    assert [p.severity for p in loaded.problems] == [Severity.ERROR]
    problem = loaded.problems[0]
    said = re.sub(r"U\+[0-9A-F]{4}|YAML|Word", "", problem.message)
    assert re.search(r"[A-Za-z]{4,}", said) is None, problem.message  # no parser English left
    return problem.line, problem.message


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f", "\x9f", "\ufffe"])
@pytest.mark.parametrize("template", ["名称: 甲\n备注: x{c}y\n", "名称: 甲\n备注: 'x{c}y'\n", "名称: 甲\n备{c}注: y\n"])
def test_a_raw_control_character_is_named_with_its_line(template: str, char: str) -> None:
    line, message = only_problem(template.format(c=char))
    assert line == 2
    assert f"U+{ord(char):04X}" in message and "删去" in message


@pytest.mark.parametrize(("char", "name"), [("\u2028", "U+2028"), ("\u2029", "U+2029"), ("\x85", "NEL"),
                                            ("\r", "回车")])
def test_a_pasted_line_separator_is_named_at_the_line_the_editor_shows(char: str, name: str) -> None:
    line, message = only_problem(f"名称: 甲\n部门: 乙\n备注: 第一句{char}第二句\n年度: 2023\n")
    assert line == 3  # the parser said 4: it counts the separator as a line break
    assert name in message


def test_a_file_of_crlf_or_cr_lines_still_reads() -> None:
    for newline in ("\r\n", "\r"):
        loaded = load_yaml_text(newline.join(["名称: 甲", "年度: 2023", ""]), "f.yaml")
        assert loaded.problems == [] and loaded.data == {"名称": "甲", "年度": 2023}


@pytest.mark.parametrize("text", ["name: 甲\nyear：2023\n", "name: 甲\nindicators:\n  - name: 乙\n    score： 9.88\n    weight: 10\n"])
def test_a_full_width_colon_is_named_at_its_line(text: str) -> None:
    line, message = only_problem(text)
    assert line == text.count("\n", 0, text.index("：")) + 1
    assert "全角" in message and "「: 」" in message


def test_a_full_width_colon_inside_a_value_is_not_blamed() -> None:
    loaded = load_yaml_text("name: 甲\nremark: 说明：已完成\n", "f.yaml")
    assert loaded.problems == [] and loaded.data == {"name": "甲", "remark": "说明：已完成"}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_is_named_as_such(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes("name: 测试\nweight: 18\n".encode(encoding))
    loaded = load_yaml_file(path, "a.yaml")
    assert loaded.data is None
    assert [(p.line, "UTF-16" in p.message, "UTF-8" in p.message) for p in loaded.problems] == [(1, True, True)]


def test_a_gbk_file_is_still_called_gbk(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes("name: 测试\nweight: 18\n".encode("gb18030"))
    assert "GBK" in load_yaml_file(path, "a.yaml").problems[0].message


def test_check_names_file_and_line_of_a_nul_in_the_seed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    (data / "2023" / "jy").mkdir(parents=True)
    (data / "site.yaml").write_bytes(SITE.read_bytes())
    text = SEED.read_text(encoding="utf-8")
    line = text.count("\n", 0, text.index("score: 9.88")) + 1
    (data / "2023" / "jy" / "p.yaml").write_text(text.replace("score: 9.88", "score: 9.8\x008"), encoding="utf-8")
    assert main(["check", "--no-cache", str(data)]) == 1
    out = capsys.readouterr().out
    assert f"p.yaml:{line}: 错误：第 {line} 行有不可见的控制字符 U+0000" in out
    assert "Traceback" not in out and "unacceptable" not in out


@pytest.mark.parametrize(("written", "text"), [("-0", "0"), ("-0.0", "0.0"), ("-0.00", "0.00")])
def test_a_negative_zero_is_zero(written: str, text: str) -> None:
    # read as written, a score of -0 publishes 「-0.00」 and a weight of -0 is named 「超过权重 -0」
    value = load_yaml_text(f"score: {written}\n", "f.yaml").data["score"]
    assert value == 0 and not value.is_signed() and str(value) == text


def test_a_score_of_minus_zero_is_published_as_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(SEED.read_text(encoding="utf-8").replace("score: 9.88", "score: -0"), encoding="utf-8")
    main(["score", str(path)])
    row = next(line for line in capsys.readouterr().out.splitlines() if "预算执行率" in line)
    assert "-0" not in row and row.split()[-2] == "0.00"
