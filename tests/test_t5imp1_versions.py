"""Two files of one programme in one import. Identical: the first is written, as before. Different
figures: the differences are listed on both, and the one whose file name marks it the later version
(「（修改稿）」) is written, said so; with no such name (or two versions so named) neither is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from perfsite.cli import main
from perfsite.importing.crosscheck import LATER

FORMS = Path(__file__).parent / "forms_trial5" / "t5imp1"
ORIGINAL = FORMS / "河西村特色种养补贴到户项目自评表.xlsx"
REVISED = FORMS / "河西村特色种养补贴到户项目自评表（修改稿）.xlsx"


def imported(tmp_path: Path, capsys: pytest.CaptureFixture[str], **files: Path) -> tuple[str, list[dict[str, object]]]:
    inbox = tmp_path / "收件"
    inbox.mkdir()
    for name, source in files.items():
        shutil.copy(source, inbox / f"{name}{source.suffix}")
    main(["import", str(inbox), "--out", str(tmp_path / "out")])
    written = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((tmp_path / "out").rglob("*.yaml"))]
    return capsys.readouterr().out, written


def satisfaction(data: dict[str, object]) -> tuple[object, object]:
    item = next(i for i in data["indicators"] if i["name"] == "受益脱贫户满意度")  # type: ignore[attr-defined]
    return item["actual"], item["score"]


def test_the_revision_named_so_is_written_though_it_sorts_last(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, written = imported(tmp_path, capsys, **{"河西村自评表": ORIGINAL, "河西村自评表（修改稿）": REVISED})
    (data,) = written
    assert data["source"] == "河西村自评表（修改稿）.xlsx"
    assert satisfaction(data) == ("96%", 9) and data["reported"] == {"score": 99}
    assert "同一项目另有「河西村自评表.xlsx」，数字不同：本文件的文件名注明「修改稿」，按本文件写出" in out
    assert "与「河西村自评表（修改稿）.xlsx」是同一项目，数字不同：按文件名注明「修改稿」的那一份写出，本文件未写出" in out
    # the differences, listed on the file not written (its figure first) as the Word+Excel comparison lists them
    assert "指标「受益脱贫户满意度」的实际完成值为「98%」，「河西村自评表（修改稿）.xlsx」为「96%」" in out
    assert "指标「受益脱贫户满意度」的得分为 10，「河西村自评表（修改稿）.xlsx」为 9" in out
    assert "总分为 100，「河西村自评表（修改稿）.xlsx」为 99" in out
    assert "同一项目只需导入一份" not in out


def test_different_figures_and_no_later_name_write_neither(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, written = imported(tmp_path, capsys, **{"河西村自评表（一）": ORIGINAL, "河西村自评表（二）": REVISED})
    assert written == []
    assert out.count("但数字不同，不知道公布的是哪一份，都没有写出：") == 2  # each section; the closing list gives its first clause
    assert "与「河西村自评表（一）.xlsx」不一致：总分为 99，「河西村自评表（一）.xlsx」为 100" in out
    assert "共 2 个文件：导入 0 个，需修改 0 个，失败 2 个" in out


def test_two_versions_both_named_later_write_neither(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, written = imported(tmp_path, capsys, **{"河西村自评表（定稿）": ORIGINAL, "河西村自评表（修改稿）": REVISED})
    assert written == [] and out.count("都没有写出：") == 2  # each section; the closing list gives its first clause, asides dropped


def test_identical_files_write_the_first_as_before(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, written = imported(tmp_path, capsys, **{"河西村自评表": ORIGINAL, "河西村自评表（修改稿）": ORIGINAL})
    (data,) = written
    assert data["source"] == "河西村自评表.xlsx" and satisfaction(data) == ("98%", 10)
    assert "已按那个文件写出：同一项目只需导入一份" in out


@pytest.mark.parametrize(("name", "later"), [("自评表（修改稿）", True), ("自评表-修订稿", True), ("自评表（更正）", True),
                                             ("自评表定稿", True), ("自评表（最终版）", True), ("自评表终稿", True),
                                             ("自评表（修订和批注）", False), ("自评表（副本）", False), ("自评表", False)])
def test_what_names_mark_the_later_version(name: str, later: bool) -> None:
    assert bool(LATER.search(name)) is later


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A Word report, a second Word file of it with one 实际完成值 changed, and its Excel form."""
    import docx
    from test_import_builders import seed002_docx, seed002_xlsx

    folder = tmp_path_factory.mktemp("reports")
    first = seed002_docx(folder / "a.docx")
    changed = docx.Document(str(first))
    cell = changed.tables[0].cell(15, 5)
    assert cell.text == "17.65万家次"
    runs = cell.paragraphs[0].runs
    runs[0].text = "16.65万家次"
    for run in runs[1:]:
        run.text = ""
    changed.save(str(second := folder / "b.docx"))
    return first, second, seed002_xlsx(folder / "c.xlsx")


@pytest.mark.parametrize("later", [False, True], ids=["neither named later", "the second a 修改稿"])
def test_the_form_checked_against_an_unwritten_report_follows_it(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                reports: tuple[Path, Path, Path], later: bool) -> None:
    """The Excel form was compared with the first Word report; that report is not written: the form is
    not written either, or goes with the 修改稿 that is."""
    first, second, form = reports
    revised = f"中小企业自评报告{'（修改稿）' if later else '（二）'}.docx"
    inbox = tmp_path / "收件"
    inbox.mkdir()
    for source, name in ((first, "中小企业自评报告.docx"), (second, revised), (form, "中小企业自评表.xlsx")):
        shutil.copy(source, inbox / name)
    main(["import", str(inbox), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    written = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (tmp_path / "out").rglob("*.yaml")]
    assert "实际完成值为「17.65万家次」，「" in out
    if later:
        assert [data["source"] for data in written] == [revised]
        assert f"与它核对的「中小企业自评报告.docx」未写出：同一项目按「{revised}」写出" in out
    else:
        assert written == []
        assert "失败：与它核对的「中小企业自评报告.docx」没有写出（同一项目的几份数字不同，见该文件）：本文件也没有写出" in out


def test_a_report_without_indicators_gives_its_text_to_the_revision(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                    reports: tuple[Path, Path, Path]) -> None:
    """The Word report has only prose; of the two forms the 修改稿 is written, and it gets the sections
    (with two forms left to choose from, neither did)."""
    import docx
    from openpyxl import load_workbook

    form = reports[2]
    book = load_workbook(form)
    sheet = book.active
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "17.65万家次")
    cell.value = "16.65万家次"
    book.save(revised := tmp_path / "revised.xlsx")
    report = docx.Document()
    report.add_paragraph("2022年度中小企业发展专项资金绩效自评报告")
    for heading, text in (("一、项目基本情况", "专项资金支持中小企业转型升级和服务体系建设。" * 3),
                          ("二、绩效目标完成情况", "2022年服务企业16.65万家次，各项目按期推进。" * 3)):
        report.add_paragraph(heading)
        report.add_paragraph(text)
    report.save(str(prose := tmp_path / "prose.docx"))
    out, written = imported(tmp_path, capsys, **{"中小企业自评表": form, "中小企业自评表（修改稿）": revised,
                                                 "中小企业自评报告": prose})
    (data,) = written
    assert data["source"] == "中小企业自评表（修改稿）.xlsx"
    assert len(data["sections"]) == 2, data.get("sections")
    assert "正文 2 个章节写入同一项目的「中小企业自评表（修改稿）.xlsx」导入的文件" in out


def test_a_word_of_the_programme_name_marks_no_version(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file called after its programme, 「最新…」 in the programme's own name: not a 最新版."""
    from openpyxl import load_workbook

    name = "最新品种特色种养补贴到户项目"
    copies = {}
    for n, source in enumerate((ORIGINAL, REVISED), 1):
        book = load_workbook(source)
        assert book.active["A3"].value == "项目名称"
        book.active["B3"] = name
        copies[f"{name}自评表" if n == 1 else "自评表（二）"] = tmp_path / f"{n}.xlsx"
        book.save(tmp_path / f"{n}.xlsx")
    out, written = imported(tmp_path, capsys, **copies)
    assert written == [] and out.count("都没有写出：") == 2


def test_budgets_in_yuan_and_wanyuan_are_the_same_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """一中心 in 元 (2,000,000.00) in one file and in 万元 (200) on a sheet of the unit's workbook: the same
    form, written once as before, no difference listed."""
    yuan = FORMS / "一中心一平台六大库N应用经费自评表（文本数字）.xlsx"
    out, written = imported(tmp_path, capsys, **{"一中心自评表": yuan, "张庄寨镇各项目自评表": FORMS / "张庄寨镇各项目自评表.xlsx"})
    assert sorted(str(data["source"]) for data in written) == ["一中心自评表.xlsx", *["张庄寨镇各项目自评表.xlsx"] * 3]
    assert "已按那个文件写出：同一项目只需导入一份" in out
    assert "预算数合计为" not in out and "数字不同" not in out


def test_a_total_one_file_leaves_out_is_a_difference(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The print area of one leaves its 总分 row out, the other publishes 100: not one form twice (the first
    by name, without its total, was written and the one with it refused)."""
    out, written = imported(tmp_path, capsys, **{"河西村自评表（一）": FORMS / "河西村特色种养补贴到户项目自评表（保护隐藏打印区域）.xlsx",
                                                 "河西村自评表（二）": ORIGINAL})
    assert written == []
    assert "与「河西村自评表（二）.xlsx」不一致：总分未写明，「河西村自评表（二）.xlsx」为 100" in out
