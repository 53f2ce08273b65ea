"""A 汇总表 (one row per programme: 项目名称, 预算数, 执行数, 自评得分, 等级): recognised and refused as such
(no indicators, no page), not as a form without a name; handed in with programme forms, alone or as
a sheet in front of one, each programme's published total is checked against its row."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from perfsite.cli import main

FORMS = Path(__file__).parent / "forms_trial5" / "t5imp1"
SUMMARY = FORMS / "红河州2024年度项目支出绩效自评汇总表.xlsx"
BOOK = FORMS / "张庄寨镇各项目自评表.xlsx"
WITH_FORM = FORMS / "张庄寨镇2023年自评（汇总加一项目）.xlsx"
REVISED = FORMS / "河西村特色种养补贴到户项目自评表（修改稿）.xlsx"


def run(capsys: pytest.CaptureFixture[str], out: Path, *args: str | Path) -> str:
    main(["import", *map(str, args), "--out", str(out)])
    return capsys.readouterr().out


@pytest.mark.parametrize("name", [[], ["--name", "红河州项目"]], ids=["plain", "--name"])
def test_a_summary_alone_is_said_to_be_one(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: list[str]) -> None:
    out = run(capsys, tmp_path / "out", SUMMARY, *name)
    assert ("失败：这是项目汇总表（工作表「汇总」第 3 行是表头，每行一个项目：4 个项目：「数说红河展厅运维经费」、"
            "「一中心一平台六大库N应用经费」、「河西村特色种养补贴到户项目」、「村级补助及运转经费」），没有绩效指标，"
            "不能生成项目页：请向各单位索取各项目的自评表") in out
    assert "找不到项目名称" not in out and "没有找到绩效指标表" not in out
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").rglob("*.yaml"))


def test_a_summary_checks_the_forms_imported_with_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The 一中心 row says 95.18 (the computed total), its form published 94.33: said on both. The rows of
    the summary's year (2024) are matched; 河西村 (2023) and 村级补助 (2022) have no form of 2024. The
    workbook handed in twice (the copy refused as before) is told on each file, its rows counted once."""
    book = load_workbook(SUMMARY)
    sheet = book["汇总"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 2).value == "一中心一平台六大库N应用经费")
    score = next(c for c in range(1, sheet.max_column + 1) if sheet.cell(3, c).value == "自评得分")
    sheet.cell(row, score).value = 95.18
    book.save(summary := tmp_path / "汇总表.xlsx")
    shutil.copy(BOOK, copy := tmp_path / "副本.xlsx")  # the same workbook twice: rows are counted once
    out = run(capsys, tmp_path / "out", summary, BOOK, copy)
    assert f"与汇总表「汇总表.xlsx」工作表「汇总」第 {row} 行不一致：总分为 94.33，汇总表的自评得分为 95.18" in out
    assert f"工作表「汇总」第 {row} 行「一中心一平台六大库N应用经费」与「张庄寨镇各项目自评表.xlsx（第 4 个自评表：" in out
    assert "核对：与汇总表「汇总表.xlsx」工作表「汇总」第 4 行的总分一致" in out  # 数说红河, 99.72
    assert "核对：汇总表（工作表「汇总」）中 2 个项目与本次导入的自评表核对，2 处不一致" in out  # one per file
    assert ("汇总表（工作表「汇总」）中 2 个项目本次没有导入（或没有写出）它的自评表，未核对：「河西村特色种养补贴到户项目」、「村级补助及运转经费」"
            in out)


def test_a_summary_sheet_before_the_form_is_no_part_of_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, tmp_path / "alone", WITH_FORM)
    assert "未能归位" not in out  # its row was listed as 9 cells the form could not place
    assert "工作表「汇总」是项目汇总表（每行一个项目：1 个），不是自评表的一部分" in out
    assert "核对：与汇总表「张庄寨镇2023年自评（汇总加一项目）.xlsx」工作表「汇总」第 3 行的总分一致" in out
    (written,) = (tmp_path / "alone").rglob("*.yaml")
    assert yaml.safe_load(written.read_text(encoding="utf-8"))["reported"] == {"score": 100}


def test_the_summary_row_catches_a_revision_that_differs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The 修改稿 is written (99); the unit's own summary still says 100: the clerk is told."""
    inbox = tmp_path / "收件"
    inbox.mkdir()
    for source in (WITH_FORM, REVISED):
        shutil.copy(source, inbox / source.name)
    out = run(capsys, tmp_path / "out", inbox)
    assert ("与汇总表「张庄寨镇2023年自评（汇总加一项目）.xlsx」工作表「汇总」第 3 行不一致：总分为 99，汇总表的自评得分为 100"
            in out)


def test_a_summary_sheet_in_a_workbook_of_programmes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The 汇总 sheet first, then a programme per sheet: every programme told, each checked by the file's name."""
    book = load_workbook(BOOK)
    sheet = book.create_sheet("汇总", 0)
    for row in load_workbook(SUMMARY)["汇总"].iter_rows(values_only=True):
        sheet.append(row)
    book.save(path := tmp_path / "单位.xlsx")
    out = run(capsys, tmp_path / "out", path)
    assert out.count("工作表「汇总」是项目汇总表（每行一个项目：4 个），不是自评表的一部分") == 4
    assert "核对：与汇总表「单位.xlsx」工作表「汇总」第 5 行的总分一致" in out
    assert "未能归位" not in out


def test_rows_find_their_forms_by_name_as_the_word_check_does() -> None:
    """A row 「曲沃县“小升规”企业奖励资金」 is the form 「“小升规”企业奖励资金项目」 (a place name before it,
    项目 after); another county's is not; a row of another year is not looked at."""
    from perfsite.importing.assemble import Draft
    from perfsite.importing.bulk import Summary, SummaryRow
    from perfsite.importing.crosscheck import against_summaries
    from perfsite.importing.pipeline import FileReport, Prepared

    def form(name: str, year: int, score: int) -> Prepared:
        return Prepared(FileReport(Path(f"{name}.xlsx")), Draft({"name": name, "year": year, "department": "县工信局",
                                                                 "reported": {"score": score}}))

    ours, theirs, last_year = form("“小升规”企业奖励资金项目", 2021, 95), form("翼城县小升规企业奖励资金", 2021, 80), \
        form("“小升规”企业奖励资金", 2020, 70)
    rows = (SummaryRow("第 3 行", "曲沃县“小升规”企业奖励资金", "县工信局", "96"),)
    holder = Prepared(FileReport(Path("汇总.xlsx"), failure="汇总表"), summaries=[Summary("工作表「汇总」", 2, "2021", rows, "汇总.xlsx")])
    against_summaries([holder, ours, theirs, last_year])
    assert ours.draft is not None and theirs.draft is not None and last_year.draft is not None
    assert ours.draft.notes == ["与汇总表「汇总.xlsx」第 3 行不一致：总分为 95，汇总表的自评得分为 96"]
    assert theirs.draft.notes == [] and last_year.draft.notes == []
    assert holder.report.found == ["核对：汇总表（工作表「汇总」）中 1 个项目与本次导入的自评表核对，1 处不一致"]
