"""A unit's folder zipped on Windows (GBK names, no UTF-8 flag): the zip is refused with how to
unzip it and what it holds; files unzipped with mojibake names are refused naming the right name."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from perfsite.cli import main
from perfsite.importing.sniff import ImportFailure, gbk_name, sniff

HERE = Path(__file__).parent / "forms_trial5" / "t5imp2"
ZIP = HERE / "t5imp2-unit-folder-gbk.zip"
NAMES = ("红河州数据发展中心/数说红河展厅运维经费自评表.xlsx", "红河州数据发展中心/一中心一平台六大库N应用经费自评表.xlsx")


def test_a_zip_is_refused_with_how_to_unzip_and_its_names_decoded() -> None:
    with pytest.raises(ImportFailure) as caught:
        sniff(ZIP)
    message = str(caught.value)
    assert message.startswith("压缩包：请先解压后导入") and "7-Zip" in message and "unzip -O GBK" in message
    assert all(name in message for name in NAMES), message


def test_mojibake_names_are_refused_naming_the_right_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with zipfile.ZipFile(ZIP) as archive:  # as Python (and so the trial) unzips it: CP437 names
        archive.extractall(tmp_path / "收件")
    assert main(["import", str(tmp_path / "收件"), "--out", str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert "应是「数说红河展厅运维经费自评表.xlsx」" in out and "应是「一中心一平台六大库N应用经费自评表.xlsx」" in out, out
    assert "unzip -O GBK" in out and not (tmp_path / "out").exists()


def test_gbk_names() -> None:
    assert gbk_name("数说红河展厅运维经费自评表.xlsx".encode("gbk").decode("cp437")) == "数说红河展厅运维经费自评表.xlsx"
    raw = "数说红河.xlsx".encode("gbk").decode("utf-8", "surrogateescape")  # unzip without -O on a UTF-8 system
    assert gbk_name(raw) == "数说红河.xlsx"
    assert gbk_name("数说红河.xlsx") is None and gbk_name("表格─框线.xlsx") is None and gbk_name("report.docx") is None
