"""A unit's workbook of its programmes, one a sheet (and one sheet of two stacked): each programme
imported; two sheets of one programme (an old copy beside the form) still refused, naming both."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from perfsite.cli import main

FORMS = Path(__file__).parent / "forms_trial5" / "t5imp1"
BOOK = FORMS / "张庄寨镇各项目自评表.xlsx"


def imported(path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, dict[str, dict[str, object]]]:
    main(["import", str(path), "--out", str(out)])
    files = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(out.rglob("*.yaml"))}
    return capsys.readouterr().out, files


def test_one_programme_per_sheet_imports_each_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, files = imported(BOOK, tmp_path / "out", capsys)
    names = sorted(str(data["name"]) for data in files.values())
    assert names == ["一中心一平台六大库N应用经费", "数说红河展厅运维经费", "村级补助及运转经费", "河西村特色种养补贴到户项目"]
    assert "本文件有 4 个项目的自评表，各自导入为一个文件" in out and "不知道公布的是哪一张" not in out
    scores = {str(data["name"]): data["reported"]["score"] for data in files.values()}  # type: ignore[index]
    assert scores["村级补助及运转经费"] == 96.56 and scores["一中心一平台六大库N应用经费"] == 94.33
    assert "工作表「上年旧表」是隐藏的工作表，没有导入" in out  # last year's copy, hidden: still left out


def test_two_sheets_of_one_programme_are_still_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The 村级补助 sheet renamed 河西村's programme: an old copy, not a second programme. The sheet of two
    stacked forms is counted as two."""
    book = load_workbook(BOOK)
    book["村级补助"]["B3"] = "河西村特色种养补贴到户项目"
    for ref in ("E11", "E12"):  # 「=8个」 is the form's text, not a formula
        book["村级补助"][ref].data_type = "s"
    book.save(copy := tmp_path / "两份.xlsx")
    out, files = imported(copy, tmp_path / "out", capsys)
    assert files == {}
    assert "工作簿的 3 张工作表中共有 4 张完整的自评表" in out
    assert "工作表「数据中心两项目」（项目支出绩效自评表）（其中上下两张表）" in out
    assert ("其中工作表「河西村」（项目支出绩效自评表）、工作表「村级补助」（项目支出绩效自评表）是同一项目"
            "（项目名称都是「河西村特色种养补贴到户项目」）") in out
