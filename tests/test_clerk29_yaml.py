"""A clerk's hand edits of a data file, read through `perfsite check` as the clerk reads them:
each fault is one Chinese message naming the file, the line and the key, and what to write instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsite.cli import main
from perfsite.yamlload import load_yaml_text

PROGRAMME = """\
name: 小升规企业奖励资金
year: 2023
department: 县工业和信息化局
region: 曲沃县
reported: {score: 100, grade: 优秀}
budget:
  unit: 万元
  initial: {county: 25}
  budget:  {county: 25}
  funded:  {county: 25}
  spent:   {county: 25}
indicators:
  - level1: 产出指标
    level2: 质量指标
    name: 达标合格率
    weight: 50
    target: "95"
    actual: "100%"
    score: 50
  - {level1: 效益指标, level2: 社会效益, name: 企业数, weight: 50, target: "≥10家", actual: "12家", score: 50}
"""


def checked(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> tuple[int, list[str]]:
    """`perfsite check` of a one-programme tree whose file is `text`: the exit code and the lines
    naming the file (the summary and site.yaml's sample notes left out)."""
    folder = tmp_path / "data" / "2023" / "a"
    folder.mkdir(parents=True)
    (tmp_path / "data" / "site.yaml").write_text("title: 预算绩效信息公开\n", encoding="utf-8")
    (folder / "p.yaml").write_text(text, encoding="utf-8")
    code = main(["check", "--no-cache", str(tmp_path / "data")])
    out = capsys.readouterr().out
    return code, [line for line in out.splitlines() if "p.yaml" in line]


def test_the_tree_passes_as_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert checked(tmp_path, capsys, PROGRAMME) == (0, [])


@pytest.mark.parametrize(("typed", "whole", "plain"), [
    ("1,234.50", "1,234.50", "1234.50"),
    ("1,000", "1,000", "1000"),
    ("1,234,567.89", "1,234,567.89", "1234567.89"),
    ("1, 234", "1, 234", "1234"),
])
def test_a_thousands_comma_in_a_one_line_row_is_named_with_the_whole_figure(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str, whole: str, plain: str) -> None:
    # YAML splits {county: 1,234.50} into county: 1 and a key 234.50: the clerk read
    # 「未知的资金来源 234.50」, and the figure 1 was summed into the checks beside it
    code, lines = checked(tmp_path, capsys, PROGRAMME.replace("spent:   {county: 25}", f"spent:   {{county: {typed}, total: 9}}"))
    assert code == 1
    assert lines == [f"{tmp_path}/data/2023/a/p.yaml:11: budget.spent.county: 错误：花括号 {{ }} 里的逗号用来分隔各项，"
                     f"「county: {whole}」被逗号拆开了，county 只读到「1」：请去掉数字中的逗号（写成 county: {plain}），"
                     f"或给整个值加引号（county: \"{whole}\"）"]


def test_a_split_weight_in_a_one_line_indicator_is_named_not_called_an_unknown_key(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = checked(tmp_path, capsys, PROGRAMME.replace("weight: 50, target", "weight: 5,0, target"))
    assert code == 1
    assert any(":20: indicators[2].weight: 错误：花括号 { } 里的逗号用来分隔各项，「weight: 5,0」被逗号拆开了" in line
               for line in lines), lines
    assert not any("未知的键" in line for line in lines)


def test_numbers_and_words_in_one_line_rows_still_read() -> None:
    # a comma that separates items, a figure at the end of a row, a key that is a word: no split
    loaded = load_yaml_text("a: {county: 1, 2023: 5}\nb: {x: 1, y}\nc: [1,234]\n", "f.yaml")
    assert loaded.problems == []
    assert loaded.data == {"a": {"county": 1, "2023": 5}, "b": {"x": 1, "y": None}, "c": [1, 234]}


@pytest.mark.parametrize(("row", "said"), [
    ("region:曲沃县", "键 region 后面的冒号缺少空格"),
    ("region:\u3000曲沃县", "键 region 后面的冒号是全角空格「　」"),
])
def test_a_key_without_a_space_after_its_colon_is_named_at_its_own_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], row: str, said: str) -> None:
    # YAML reads 「region:曲沃县」 as a text with no key and complained of line 5 (「缺少冒号」)
    code, lines = checked(tmp_path, capsys, PROGRAMME.replace("region: 曲沃县", row))
    assert code == 1
    assert lines == [f"{tmp_path}/data/2023/a/p.yaml:4: 错误：YAML 语法错误：{said}，YAML 不把它当作键："
                     "冒号后要有一个半角空格，请写成「region: 曲沃县」"]


def test_an_indented_indicator_key_without_a_space_is_named_too(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = checked(tmp_path, capsys, PROGRAMME.replace("    score: 50\n", "    score:50\n"))
    assert code == 1
    assert lines == [f"{tmp_path}/data/2023/a/p.yaml:19: 错误：YAML 语法错误：键 score 后面的冒号缺少空格，"
                     "YAML 不把它当作键：冒号后要有一个半角空格，请写成「score: 50」"]


@pytest.mark.parametrize(("old", "new", "line", "said"), [
    ("  funded:", "\tfunded:", 10, "不能用 Tab 缩进，请用空格"),
    ("  funded:", " funded:", 10, "缩进不一致"),
])
def test_a_right_one_line_row_on_a_faulty_line_is_not_said_to_need_quotes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, line: int, said: str) -> None:
    # the row 「funded: {county: 25}」 is right; 「以 { 开头的值会被当作映射，请给整个值加引号」 sent the
    # clerk to quote it, and the quoted figure is no budget
    code, lines = checked(tmp_path, capsys, PROGRAMME.replace(old, new))
    assert code == 1 and len(lines) == 1
    assert f"p.yaml:{line}: 错误：YAML 语法错误：" in lines[0] and said in lines[0]
    assert "请给整个值加引号" not in lines[0] and "会被当作映射" not in lines[0]


def test_a_faulty_brace_value_still_gets_the_quoting_hint() -> None:
    loaded = load_yaml_text("name: 甲\nregion: {曲沃县}x\nyear: 2023\n", "f.yaml")
    assert len(loaded.problems) == 1
    assert "以 { 开头的值会被当作映射，请给整个值加引号" in loaded.problems[0].message


@pytest.mark.parametrize(("old", "new", "said"), [
    ("initial: {county: 25}", "initial: [{county: 25}]", "budget.initial: 错误：金额应是数字，而不是「[{county: 25}]」"),
    ("initial: {county: 25}", "initial: true", "budget.initial: 错误：金额应是数字，而不是「true」"),
    ("year: 2023", "year: [2023, 2024]", "year: 错误：year 应是四位数的年度（如 2021），而不是「[2023, 2024]」"),
    ("unit: 万元", "unit: {元: 1}", "budget.unit: 错误：金额单位只能是 万元 或 元，而不是「{元: 1}」"),
    ("unit: 万元", "unit: 万元\n  rate_basis: true", "budget.rate_basis: 错误：rate_basis 只能是 budget（执行数/预算数）或 "
     "funded（执行数/到位数），而不是「true」"),
    ('actual: "100%"', 'actual: "100%"\n    applicable: [是]', "applicable: 错误：applicable 只能是 true/false 或 是/否，而不是「[是]」"),
    ("department: 县工业和信息化局", "department: 县工业和信息化局\nid: [1, 2]",
     "id: 错误：id 只能由小写字母、数字和连字符组成（最长 80 个字符），而不是「[1, 2]」"),
])
def test_a_value_of_the_wrong_shape_is_quoted_as_typed_not_as_python_prints_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, said: str) -> None:
    # 「[{'county': Decimal('25')}]」, 「True」: Python's printing of the value read
    code, lines = checked(tmp_path, capsys, PROGRAMME.replace(old, new, 1))
    assert code == 1
    assert any(line.endswith(said) for line in lines), lines
    assert not any("Decimal(" in line or "True" in line or "'" in line for line in lines)


@pytest.mark.parametrize(("old", "new", "said"), [
    ("initial: {county: 25}", "initial: {county: 无}", "budget.initial.county: 错误：金额应是数字，而不是「无」：没有这个数时请写「/」，或删去这一项"),
    ("initial: {county: 25}", "initial: {county: ——}", "budget.initial.county: 错误：金额应是数字，而不是「——」：没有这个数时请写「/」，或删去这一项"),
    ("initial: {county: 25}", "initial: {county: 3千元}", "budget.initial.county: 错误：金额应是数字，而不是「3千元」："
     "请只写数字，不带单位、百分号、货币符号和「万」「千」等字"),
    ("initial: {county: 25}", 'initial: {county: "¥3,000"}', "budget.initial.county: 错误：金额应是数字，而不是「¥3,000」："
     "请只写数字，不带单位、百分号、货币符号和「万」「千」等字"),
    ("    score: 50\n", "    score: 不适用\n", "indicators[1].score: 错误：score 应是数字（得分），而不是「不适用」：没有这个数时请写「/」，或删去这一项"),
    ("    weight: 50\n", "    weight: 五十\n", "indicators[1].weight: 错误：weight 应是数字（分值），而不是「五十」：请用阿拉伯数字书写（如 18、2.5）"),
])
def test_a_figure_refused_says_what_to_write_instead(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     old: str, new: str, said: str) -> None:
    code, lines = checked(tmp_path, capsys, PROGRAMME.replace(old, new, 1))
    assert code == 1
    assert any(line.endswith(said) for line in lines), lines


@pytest.mark.parametrize("text", ["", "# 只有注释\n# 第二行\n", "\n  \n"])
def test_an_empty_or_commented_out_file_says_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        text: str) -> None:
    code, lines = checked(tmp_path, capsys, text)
    assert code == 1
    assert lines == [f"{tmp_path}/data/2023/a/p.yaml: 错误：文件是空的（没有内容，或只有以 # 开头的注释）："
                     "请填写项目内容（perfsite new 可生成带中文注释的空白文件），不需要的文件请删去"]


def test_a_file_saved_by_notepad_as_ansi_says_how_to_save_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "data" / "2023" / "a"
    checked(tmp_path, capsys, PROGRAMME)
    (folder / "p.yaml").write_bytes(PROGRAMME.encode("gbk"))
    assert main(["check", "--no-cache", str(tmp_path / "data")]) == 1
    assert ("p.yaml:1: 错误：文件不是 UTF-8 编码（可能是 GBK/GB18030，记事本的「ANSI」）：请在「另存为」中把编码选为 UTF-8 后再提交"
            in capsys.readouterr().out)


def test_a_file_over_the_cap_says_what_it_likely_holds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = checked(tmp_path, capsys, PROGRAMME.replace("region: 曲沃县", "region: " + "甲" * 400_000))
    assert code == 1
    assert len(lines) == 1 and "拒绝读取：一个项目的数据文件只有几千到几万字节" in lines[0]


@pytest.mark.parametrize("text", ["name:小升规\n", "name:小升规\nyear:2023\n"])
def test_a_file_of_keys_without_spaces_is_named_at_the_first(text: str) -> None:
    # the whole file is one text: 「文件的顶层必须是键值映射，而不是文字」 said nothing of the colon
    [problem] = load_yaml_text(text, "f.yaml").problems
    assert (problem.line, problem.message) == (1, "YAML 语法错误：键 name 后面的冒号缺少空格，YAML 不把它当作键："
                                                  "冒号后要有一个半角空格，请写成「name: 小升规」")


@pytest.mark.parametrize(("old", "new", "key", "where"), [
    ("department: 县工业和信息化局", "department: 县工业和信息化局\nscore: 50", "score",
     "score 是每项指标（indicators 中以 - 开头的一项）或公布的总分和等级（reported）的键"),
    ('    target: "95"', '    target: "95"\n    initial: 5', "indicators[1].initial", "initial 是预算表（budget）的键"),
    ("  unit: 万元", "  unit: 万元\n  name: 甲", "budget.name", "name 是文件顶层或每项指标（indicators 中以 - 开头的一项）的键"),
])
def test_a_key_at_the_wrong_level_is_said_to_be_misplaced_not_misspelt(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, key: str, where: str) -> None:
    # 「未知的键 score，您是不是想写 source？」 of a score indented as the file's own key
    code, lines = checked(tmp_path, capsys, PROGRAMME.replace(old, new, 1))
    assert code == 1
    [said] = [line for line in lines if f": {key}: 错误：未知的键" in line]
    assert f"错误：未知的键 {key.rpartition('.')[2]}：{where}，写在这里多半是缩进不对（同一层的键要左对齐）：" in said
    assert "您是不是想写" not in said


def test_nesting_beyond_the_limit_names_the_line_it_is_reached_on() -> None:
    [problem] = load_yaml_text("name: 甲\nyear: 2023\nregion: " + "[" * 300 + "]" * 300 + "\n", "f.yaml").problems
    assert problem.line == 3
    assert problem.message.startswith("YAML 嵌套超过 200 层，拒绝读取（数据文件最多用到六七层）：到第 3 行已超过")
