"""A clerk's hand edits of a data folder, read through `perfsite check` as the clerk reads them: a key
indented too little, a figure with a currency sign split by its comma, an amount in 元 below a 分,
documents no file names, and the help's columns beside Chinese words."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsite.argparse_zh import display_width, wrap
from perfsite.cli import main

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
  - {level1: 产出指标, level2: 质量指标, name: 达标合格率, weight: 50, target: "95", actual: "100%", score: 50}
  - {level1: 效益指标, level2: 社会效益, name: 企业数, weight: 50, target: "≥10家", actual: "12家", score: 50}
"""


def tree(tmp_path: Path, text: str = PROGRAMME) -> Path:
    """A one-programme data folder whose file is data/2023/a/p.yaml."""
    folder = tmp_path / "data" / "2023" / "a"
    folder.mkdir(parents=True)
    (tmp_path / "data" / "site.yaml").write_text("title: 预算绩效信息公开\n", encoding="utf-8")
    (folder / "p.yaml").write_text(text, encoding="utf-8")
    return tmp_path / "data"


def checked(data: Path, capsys: pytest.CaptureFixture[str], name: str = "p.yaml") -> tuple[int, list[str]]:
    """`perfsite check` of the folder: the exit code and the lines naming `name`, folder prefix removed."""
    code = main(["check", "--no-cache", str(data)])
    out = capsys.readouterr().out
    return code, [line.replace(f"{data}/", "") for line in out.splitlines() if name in line]


def test_the_tree_passes_as_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert checked(tree(tmp_path), capsys) == (0, [])


@pytest.mark.parametrize("owner", ["budget:", "budget:  # 预算执行情况"], ids=["bare", "commented"])
def test_a_key_moved_one_level_out_is_named_on_its_own_line_as_indented_too_little(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], owner: str) -> None:
    # the parser complains of line 8 (initial, which is right) 「也可能是缩进多了」
    text = PROGRAMME.replace("  unit: 万元", "unit: 万元").replace("budget:\n", f"{owner}\n", 1)
    code, lines = checked(tree(tmp_path, text), capsys)
    assert (code, lines) == (1, ["2023/a/p.yaml:7: 错误：YAML 语法错误：键 unit 缩进少了，离开了它所属的 budget："
                                 "请在 unit 前面加 2 个空格，与下一行的 initial 对齐"])


def test_a_colon_in_a_value_is_still_told_to_be_quoted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = checked(tree(tmp_path, PROGRAMME.replace("name: 小升规企业奖励资金", "name: 资金: 小升规")), capsys)
    assert code == 1 and len(lines) == 1 and "缩进少了" not in lines[0] and "加引号" in lines[0], lines


@pytest.mark.parametrize(("typed", "figure", "unit"), [("¥3,000", "3000", "元"), ("￥1,234.5", "1234.5", "元"),
                                                      ("3,000元", "3000", "元"), ("1,200万元", "1200", "万元")], ids=["yen", "full-width-yen", "yuan", "wanyuan"])
def test_a_split_figure_with_a_currency_sign_is_told_a_value_check_accepts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str, figure: str, unit: str) -> None:
    code, lines = checked(tree(tmp_path, PROGRAMME.replace("spent:   {county: 25}", f"spent:   {{county: {typed}}}")),
                          capsys)
    assert (code, lines) == (1, [f"2023/a/p.yaml:11: budget.spent.county: 错误：花括号 {{ }} 里的逗号用来分隔各项，"
                                 f"「county: {typed}」被逗号拆开了，county 只读到「{typed.split(',')[0]}」："
                                 f"请写成 county: {figure}（金额只写数字，不带逗号、货币符号和单位；这个数以{unit}计，"
                                 f"budget 的 unit 须是 {unit}）"])
    # the advice, followed, passes
    fixed = PROGRAMME.replace("unit: 万元", f"unit: {unit}").replace("25}", f"{figure}}}")
    assert checked(tree(tmp_path / "fixed", fixed), capsys) == (0, [])


@pytest.mark.parametrize(("typed", "said"), [
    ("25.123", "金额 25.123 元的小数超过两位（不足一分），请核对：如果是 25,123 元（千位分隔符误写成了小数点），请写成 25123；"
               "如果这是以万元计的数，请把 budget 的 unit 改为 万元；确实如此则不必修改"),
    ("25.1234", "金额 25.1234 元的小数超过两位（不足一分），请核对："
                "如果这是以万元计的数，请把 budget 的 unit 改为 万元；确实如此则不必修改"),
], ids=["thousands", "four-decimals"])
def test_an_amount_in_yuan_below_a_fen_is_a_note_naming_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str, said: str) -> None:
    text = PROGRAMME.replace("unit: 万元", "unit: 元").replace("25}", f"{typed}}}")
    code, lines = checked(tree(tmp_path, text), capsys)
    assert code == 0
    assert [line for line in lines if "不足一分" in line] == \
        [f"2023/a/p.yaml:{n}: budget.{row}.county: 提示：{said}" for n, row in
         ((8, "initial"), (9, "budget"), (10, "funded"), (11, "spent"))]


def test_sub_fen_in_wanyuan_and_two_decimals_in_yuan_stay_silent(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert checked(tree(tmp_path, PROGRAMME.replace("25}", "25.123}")), capsys) == (0, [])
    yuan = PROGRAMME.replace("unit: 万元", "unit: 元").replace("25}", "25.12}")
    assert checked(tree(tmp_path / "yuan", yuan), capsys) == (0, [])


@pytest.mark.parametrize("command", [["import"], ["check"], ["new"], []], ids=["import", "check", "new", "top"])
def test_help_columns_line_up_by_display_width_beside_chinese_names(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    # argparse padded 「文件」 as 2 columns, not 4: its help began two columns right of the others',
    # and help wrapped at 78 characters ran to twice the terminal's width
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit):
        main([*command, "-h"])
    lines = capsys.readouterr().out.splitlines()
    assert "参数：" in lines or "选项：" in lines
    assert not [line for line in lines if line.rstrip().endswith(("参数:", "选项:"))]
    body = lines[lines.index("参数：" if "参数：" in lines else "选项："):]
    starts = set()
    for line in body:
        if line.startswith("  ") and "  " in line.strip():
            name, gap, _ = line.strip().partition("  ")
            starts.add(display_width(line[:line.index(name) + len(name)]) + len(gap) + _spaces_after(line, name))
        elif line.startswith(" " * 8) and line.strip():
            starts.add(len(line) - len(line.lstrip(" ")))
    assert len(starts) == 1, (starts, body)
    assert max(display_width(line) for line in lines if not line.startswith("用法")) <= 80 + 2


def _spaces_after(line: str, name: str) -> int:
    """The spaces beyond the first two between a name and its help."""
    after = line[line.index(name) + len(name):]
    return len(after) - len(after.lstrip(" ")) - 2


def test_help_wraps_chinese_at_the_width_and_keeps_ascii_runs_whole() -> None:
    lines = wrap("写到 <数据目录>/<年度>/ 文件（.xlsx/.xls/.et）、系统导出表，结果。", 16)
    assert all(display_width(line) <= 16 + 2 for line in lines), lines
    assert any(".xlsx/.xls/.et" in line for line in lines), lines
    assert not any(line.startswith(("，", "。", "）")) for line in lines), lines
    assert "".join(lines).replace(" ", "") == "写到<数据目录>/<年度>/文件（.xlsx/.xls/.et）、系统导出表，结果。"


SEED = Path(__file__).resolve().parent.parent / "data" / "2022" / "jiaoyu"


def test_documents_and_tables_no_data_file_reads_are_each_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # each was skipped in silence: a report never named, a table saved under another name, an export
    data = tree(tmp_path)
    folder = data / "2023" / "a"
    (folder / "baogao.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (folder / "q.indicators.csv").write_text("一级指标,二级指标\n", encoding="utf-8")
    (folder / "导出.csv").write_text("项目名称\n", encoding="utf-8")
    (folder / "p.indicators.csv.bak").write_text("", encoding="utf-8")
    code = main(["check", "--no-cache", str(data)])
    notes = sorted(line.replace(f"{data}/", "") for line in capsys.readouterr().out.splitlines() if "提示：这是" in line)
    assert code == 0
    assert [note.split("：")[0] for note in notes] == ["2023/a/baogao.pdf: 提示", "2023/a/q.indicators.csv: 提示",
                                                        "2023/a/导出.csv: 提示"]
    assert "没有哪个数据文件把它写作报告原件（original.file）" in notes[0] and "original: {file: baogao.pdf}" in notes[0]
    assert "旁边没有同名的数据文件 q.yaml" in notes[1]
    assert "perfsite import" in notes[2] and "移出数据目录" in notes[2]


def test_an_original_a_report_names_stays_silent_even_when_the_report_has_errors(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    folder = data / "2022" / "jiaoyu"
    folder.mkdir(parents=True)
    (data / "site.yaml").write_text("title: 预算绩效信息公开\n", encoding="utf-8")
    for name in ("yingyang-gaishan.yaml", "yingyang-gaishan-pingjia.yaml", "yingyang-gaishan-2022-pingjia.pdf"):
        (folder / name).write_bytes((SEED / name).read_bytes())
    assert main(["check", "--no-cache", str(data)]) == 0
    assert "提示：这是" not in capsys.readouterr().out
    report = folder / "yingyang-gaishan-pingjia.yaml"  # a report that cannot be read still names its original
    report.write_text(report.read_text(encoding="utf-8").replace("\nyear:", "\nyear: [", 1), encoding="utf-8")
    assert main(["check", "--no-cache", str(data)]) == 1
    assert "提示：这是" not in capsys.readouterr().out
