"""A folder as a clerk saves it from e-mail and QQ, imported and read to the end.

Its name has a space and 「（定稿）」; it holds a good form, one with an error, a file that is empty
and one cut short (an attachment not fully received), Office's lock file and what macOS and Windows
leave. Each section says what became of its file; the run ends with one list of the files the clerk
must act on and why, so the few among many sections are not hunted for.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from raw_office import Book, Sheet, form_rows, write_xlsx

from perfsite.cli import main
from perfsite.importing.commands import BRIEF, brief
from perfsite.importing.sniff import UNFINISHED

SHORT = [("培训人次", 40, "≥100人", "120人", 40), ("结业率", 30, "≥90%", "95%", 30), ("满意度", 20, "≥90%", "92%", 20)]
"""Weights summing to 90: written, with an error perfsite check refuses."""


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, Path]:
    root = tmp_path_factory.mktemp("clerk")
    folder = root / "收件 2023（定稿）"
    folder.mkdir()
    good = write_xlsx(folder / "甲单位 自评表.xlsx", Book([Sheet("自评表", form_rows("培训项目2023年度绩效自评表"))]))
    write_xlsx(folder / "乙单位 自评表.xlsx", Book([Sheet("自评表", form_rows("维修项目2023年度绩效自评表", rows=SHORT))]))
    (folder / "丙单位 自评表.xlsx").write_bytes(b"")
    whole = good.read_bytes()
    (folder / "丁单位 自评表（副本）.xlsx").write_bytes(whole[:len(whole) // 2])
    (folder / "~$单位 自评表.xlsx").write_bytes(b"\x05clerk".ljust(165, b"\0"))
    (folder / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (folder / "Thumbs.db").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504))
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        code = main(["import", str(folder), "--out", str(root / "data")])
    return code, said.getvalue(), folder


def test_the_run_ends_with_the_files_to_act_on_and_why(run: tuple[int, str, Path]) -> None:
    code, said, folder = run
    assert code == 1
    closing = said[said.index("需要处理的文件"):].splitlines()
    assert closing[0] == "需要处理的文件（3 个；原因的全文和怎么办见上面各文件的说明）："
    assert closing[1:4] == [
        f"  - {folder}/丁单位 自评表（副本）.xlsx：失败，文件不完整，缺了结尾部分（开头是 Excel 文件，结尾的目录却不在文件中），或已损坏",
        f"  - {folder}/丙单位 自评表.xlsx：失败，文件是空的（0 字节），没有任何内容",
        f"  - {folder}/乙单位 自评表.xlsx：已写出，有 1 个错误，perfsite check 不会通过",
    ]
    assert closing[4].startswith("共 4 个文件：导入 1 个，需修改 1 个，失败 2 个。")
    assert "甲单位" not in "\n".join(closing)


def test_an_empty_or_cut_file_says_what_to_do_and_office_leftovers_are_not_files(run: tuple[int, str, Path]) -> None:
    _, said, _ = run
    assert said.count(UNFINISHED) == 2 and "请向填报单位重新索取" in UNFINISHED
    assert "~$" not in said and "DS_Store" not in said and "Thumbs" not in said


def test_a_single_file_has_no_closing_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "空.xlsx").write_bytes(b"")
    assert main(["import", str(tmp_path / "空.xlsx"), "--out", str(tmp_path / "data")]) == 1
    assert "需要处理的文件" not in capsys.readouterr().out


def test_brief_is_the_first_clause_outside_brackets() -> None:
    assert brief("文件中的「a：b」（注：c）有误：请重新导出") == "文件中的「a：b」（注：c）有误"
    assert brief("甲" * (BRIEF + 5)) == "甲" * BRIEF + "…"
    assert brief("没有冒号") == "没有冒号"


def test_a_file_given_twice_is_imported_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The folder and a file in it (`收件/ 收件/补交/x.xlsx`), or one name twice: read twice, the file was
    refused as the same programme as itself (「与本次导入的「x.xlsx」是同一项目」)."""
    form = write_xlsx(_made(tmp_path / "收件" / "补交") / "甲单位 自评表.xlsx", Book([Sheet("自评表", form_rows())]))
    assert main(["import", str(tmp_path / "收件"), str(form), f"{tmp_path}/收件/./补交/{form.name}",
                 "--out", str(tmp_path / "data")]) == 0
    said = capsys.readouterr().out
    assert said.count("== ") == 1 and "共 1 个文件：导入 1 个" in said


def _made(folder: Path) -> Path:
    folder.mkdir(parents=True)
    return folder


def test_office_leftovers_a_wildcard_names_are_passed_over_with_why(run: tuple[int, str, Path], tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """`perfsite import 收件/*` names Office's lock file and Thumbs.db too: each was 「文件已损坏……请重新从原件
    导出或索取原文件」, which sends the clerk to the unit for a file no unit sent."""
    _, _, folder = run
    names = [str(folder / "~$单位 自评表.xlsx"), str(folder / "Thumbs.db")]
    assert main(["import", *names, "--out", str(tmp_path / "data")]) == 0
    said = capsys.readouterr().out
    assert f"  - {names[0]}（Word/Excel 打开文件时留下的临时文件（锁定文件），不是报送的文件，不导入" in said
    assert f"  - {names[1]}（Windows 自动生成的文件" in said
    assert "损坏" not in said and "共 0 个文件：导入 0 个，需修改 0 个，失败 0 个；所列的文件中有 2 个未导入" in said, said


def test_a_path_split_at_its_spaces_is_a_usage_error_saying_to_quote_it(run: tuple[int, str, Path], tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """`perfsite import 收件 2023（定稿）` typed without quotes: each piece was 「无法读取文件：文件不存在」."""
    _, _, folder = run
    pieces = str(folder).split(" ")
    assert main(["import", *pieces, "--out", str(tmp_path / "data")]) == 2
    said = capsys.readouterr().err
    assert said == (f"perfsite import: 用法错误：「{folder}」被空格分成了「{pieces[0]}」「{pieces[1]}」几段（命令中空格隔开的是不同的文件）："
                    f"路径中有空格时，请用英文双引号把它括起来，如 perfsite import \"{folder}\"\n")
    assert not (tmp_path / "data").exists()
