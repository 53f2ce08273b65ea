"""Files a clerk drops into the data folder by mistake: each is named by `perfsite check`, none skipped without a word."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsite.cli import main
from tests.test_clerk29_yaml import PROGRAMME

FORM = ("这是 Excel、WPS 或旧版 Word 文件，不是数据文件，未读取，网站上不会有它的内容：要发布其中的自评表，"
        "请用 perfsite import 导入（生成 YAML 数据文件），再把这个文件移出数据目录")


def test_an_office_file_dropped_into_data_is_named_and_the_check_still_passes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 「检查了 1 个项目文件：通过」 said nothing of 自评表.xlsx beside it: the clerk took its table as published
    folder = tmp_path / "data" / "2023" / "a"
    folder.mkdir(parents=True)
    (tmp_path / "data" / "site.yaml").write_text("title: 预算绩效信息公开\n", encoding="utf-8")
    (folder / "p.yaml").write_text(PROGRAMME, encoding="utf-8")
    for name in ("自评表.xlsx", "旧表.XLS", "表.et", "报告.doc", "报告.wps"):
        (folder / name).write_bytes(b"PK\x03\x04")
    for name in ("p.indicators.csv.bak", "说明.txt"):  # not forms (a PDF or DOCX no report names is a 提示 of its own)
        (folder / name).write_bytes(b"%PDF")
    assert main(["check", "--no-cache", str(tmp_path / "data")]) == 0
    said = [line for line in capsys.readouterr().out.splitlines() if ": 提示：" in line]
    assert said == [f"{tmp_path}/data/2023/a/{name}: 提示：{FORM}"
                    for name in sorted(("自评表.xlsx", "旧表.XLS", "表.et", "报告.doc", "报告.wps"))]


def test_a_file_in_another_years_folder_says_which_to_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "data" / "2022" / "a"
    folder.mkdir(parents=True)
    (tmp_path / "data" / "site.yaml").write_text("title: 预算绩效信息公开\n", encoding="utf-8")
    (folder / "p.yaml").write_text(PROGRAMME, encoding="utf-8")
    assert main(["check", "--no-cache", str(tmp_path / "data")]) == 0
    assert (f"{tmp_path}/data/2022/a/p.yaml:2: year: 提示：文件在 2022 年的目录下，但 year 写的是 2023（网站按 year 发布）："
            "年度写错了请改正 year，文件放错了请移到 2023 年的目录") in capsys.readouterr().out
