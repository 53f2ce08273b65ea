"""A clerk pointing a command at the wrong thing is told what to run instead.

`perfsite score 自评表.xlsx` said 「文件不是 UTF-8 编码（可能是 GBK/GB18030）」 of a workbook, and
`perfsite check 项目.yaml` 「找不到数据目录」 of a file that is there."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsite.cli import main


@pytest.mark.parametrize(("name", "what"), [("自评表.xlsx", "Excel 文件"), ("报告.DOCX", "Word 文件"), ("报告.pdf", "PDF 文件"),
                                            ("表.csv", "CSV 表"), ("旧表.et", "Excel 文件")])
def test_score_of_an_original_says_to_import_it_first(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      name: str, what: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04 not really")
    assert main(["score", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"是 {what}，不是数据文件：请先用 perfsite import {path} 导入" in err
    assert "UTF-8" not in err


def test_check_of_a_file_says_it_wants_the_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("name: 甲\n", encoding="utf-8")
    assert main(["check", str(path)]) == 2
    assert f"perfsite check: {path} 是一个文件，不是数据目录" in capsys.readouterr().err
    assert main(["check", str(tmp_path / "nope")]) == 2
    assert "找不到数据目录" in capsys.readouterr().err
