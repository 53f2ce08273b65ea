"""Dates as forms print them: a 公布日期 is written only as the day the form gave, whatever the file.

A form's 公布日期 is printed 「2023年12月31日」, 「2023年12月」, 「2023.12」, 「2023年度」 or in Chinese
numerals. The data format's date is a day (the feed and the sitemap date a page by it): a date given
to the month was imported as the first of that month (a 「2023年12月」 date cell as 2023-12-01),
a day the form never said; one typed as text was written as it stood and refused by check.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from forms.make import Form
from raw_office import Book, Sheet, form_rows, num, row, text_cell, write_xlsx

from perfsite.cli import main
from perfsite.importing.datetext import FormDate, arabic, form_date
from perfsite.yamlload import load_yaml_file

ROWS = [["示例项目2023年度绩效自评表", "", "", "", ""],
        ["项目名称", "示例项目", "公布日期", "{date}", ""],
        ["三级指标", "分值", "年度指标值", "实际完成值", "得分"],
        ["培训人次", "40", "≥100人", "120人", "40"],
        ["结业率", "30", "≥90%", "95%", "30"],
        ["满意度", "30", "≥90%", "92%", "30"]]


def imported(tmp: Path, path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """(what `perfsite import` said, the programme file it wrote)."""
    main(["import", str(path), "--out", str(tmp / "out")])
    out = capsys.readouterr().out
    [written] = sorted((tmp / "out").rglob("*.yaml"))
    return out, written.read_text(encoding="utf-8")


def written_form(tmp: Path, date: str, suffix: str) -> Path:
    """The small form with 公布日期 `date`, as the .xlsx, .docx or .pdf a unit hands in."""
    from forms.make import write_docx
    from forms.make import write_xlsx as form_xlsx
    from pdf_makers import DRAWINGS, draw_form

    form = Form(tmp, {}, [[c.replace("{date}", date) for c in r] for r in ROWS], [(0, 0, 0, 4)], {(1, 3)})
    path = tmp / f"shili{suffix}"
    if suffix == ".pdf":
        path.write_bytes(draw_form(form, DRAWINGS[0]))
        return path
    return (form_xlsx if suffix == ".xlsx" else write_docx)(form, path)


@pytest.mark.parametrize(("text", "date"), [
    ("2023年12月31日", FormDate(2023, 12, 31)), ("2023-12-31", FormDate(2023, 12, 31)), ("20231231", FormDate(2023, 12, 31)),
    ("2023年12月", FormDate(2023, 12)), ("2023.12", FormDate(2023, 12)), ("2023/12", FormDate(2023, 12)),
    ("2023年12月份", FormDate(2023, 12)), ("２０２３年１２月", FormDate(2023, 12)),
    ("二〇二三年十二月", FormDate(2023, 12)), ("二〇二三年十二月三十一日", FormDate(2023, 12, 31)),
    ("二〇二四年二月十日", FormDate(2024, 2, 10)), ("2023年度", FormDate(2023)), ("2023", FormDate(2023)),
    ("2023年2月30日", None), ("2023.13", None), ("2023.1-2023.12", None), ("十二月", None), ("见附件", None),
])
def test_form_dates_to_the_precision_printed(text: str, date: FormDate | None) -> None:
    assert form_date(text) == date


def test_chinese_numerals_of_a_date() -> None:
    assert arabic("二〇二三年十二月三十一日") == "2023年12月31日"
    assert arabic("二〇二〇年十月二十日") == "2020年10月20日"
    assert (FormDate(2023, 12).words, FormDate(2023, 12).iso, FormDate(2023).said) == ("2023年12月", None, "年")


@pytest.mark.parametrize("suffix", [".xlsx", ".docx", ".pdf"])
@pytest.mark.parametrize(("date", "said"), [("2023年12月", "月"), ("2023.12", "月"), ("二〇二三年十二月", "月"),
                                            ("2023年度", "年")])
def test_a_publication_date_without_its_day_is_not_written_as_one(tmp_path: Path, suffix: str, date: str, said: str,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out, written = imported(tmp_path, written_form(tmp_path, date, suffix), capsys)
    assert "published:" not in written
    assert f"# 原表的公布日期写作「{date}」，只写到{said}" in written
    assert f"公布日期「{date}」只写到{said}，没有写哪一天，未写入 published" in out


@pytest.mark.parametrize("suffix", [".xlsx", ".docx", ".pdf"])
def test_a_whole_day_is_written(tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, written = imported(tmp_path, written_form(tmp_path, "2023年12月31日", suffix), capsys)
    assert "published: 2023年12月31日\n" in written
    _, written = imported(tmp_path / "cn", written_form(tmp_path, "二〇二三年十二月三十一日", suffix), capsys)
    assert "# 原表的公布日期写作「二〇二三年十二月三十一日」。\npublished: 2023-12-31\n" in written


def test_a_month_date_cell_names_its_cell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A date cell formatted yyyy"年"m"月" (built-in 57: the file stores the id alone) holds the serial
    of the month's first day: read as the month it shows, never as that day."""
    data = form_rows() + row(6, text_cell("A6", "公布日期"), num("B6", 45261, 1))
    wide = '<cols><col min="2" max="2" width="16" customWidth="1"/></cols>'  # 「2023年12月」 prints 「####」 in 8.43
    book = Book([Sheet("自评表", data, before=wide)], xfs=[(0, 0), (57, 0)])
    out, written = imported(tmp_path, write_xlsx(tmp_path / "f.xlsx", book), capsys)
    assert "published:" not in written and "2023-12-01" not in written
    assert "工作表「自评表」 B6：公布日期「2023年12月」只写到月" in out


@pytest.mark.parametrize(("text", "deadline"), [("二〇二三年十二月底前", ("2023-12-31", True)),
                                                ("二〇二四年六月三十日", ("2024-06-30", False)),
                                                ("2023年12月", ("2023-12-31", True))])
def test_a_deadline_in_chinese_numerals(text: str, deadline: tuple[str, bool]) -> None:
    """A 完成时限 is the end of the month it names, with a comment (rectify_form); in numerals too."""
    from perfsite.importing.rectify_form import deadline_of

    assert deadline_of(text) == deadline


def test_a_filling_date_in_chinese_numerals_still_gives_the_year() -> None:
    """With no other year, the year evaluated is the one before the 填报日期 (assemble.stated_year)."""
    from test_import_layout import _no_year_grid, draft_of

    draft, _ = draft_of(_no_year_grid("示例项目", ["填报日期", "二〇二一年三月五日", "", "", ""]), source="shili.xlsx")
    assert draft.data["year"] == "2020"


# --------------------------------------------------------------------------- a 整改 deadline

@pytest.mark.parametrize(("text", "date", "doubt"), [
    ("2023年12月底前", "2023-12-31", ""), ("2024年6月底前", "2024-06-30", ""), ("2023年底前", "2023-12-31", ""),
    ("2024年第二季度末前", "2024-06-30", ""), ("2023年6月30日前", "2023-06-30", ""), ("2023.6.30之前", "2023-06-30", ""),
    ("2023年12月", "2023-12-31", ""), ("2024年上半年", "2024-06-30", ""),
    ("2023年12月前", "", "可能指2023年12月开始之前，也可能指2023年12月底之前"),
    ("2023年12月之前完成整改", "", "可能指2023年12月开始之前，也可能指2023年12月底之前"),
    ("2024年前", "", "可能指2024年开始之前，也可能指2024年底之前"),
    ("2024年第二季度前", "", "可能指2024年第二季度开始之前，也可能指2024年第二季度末之前"),
    ("年底前", "", "没有写年份"), ("上半年", "", "没有写年份"), ("6月底前", "", "没有写年份"),
    ("长期坚持", "", ""),
])
def test_a_deadline_is_a_day_only_when_the_words_say_which(text: str, date: str, doubt: str) -> None:
    """「2023年12月前」 may stop at 30 November: the forms write 「12月底前」 for its end, so a bare period
    with 前 (and a deadline without its year) is kept as text and the note says why, never a day."""
    from perfsite.importing.rectify_form import deadline_doubt, deadline_of

    assert deadline_of(text)[0] == date
    assert deadline_doubt(text).startswith(doubt) if doubt else deadline_doubt(text) == ""


def test_an_ambiguous_deadline_is_left_out_with_a_note_in_a_table_and_in_prose(tmp_path: Path) -> None:
    from test_import_rectify import HEAD, _workbook
    from test_import_rectify import imported as imported_file
    from test_import_rectify_prose import imported_text

    rows = [["示例县2022年度农村公路养护项目绩效评价发现问题整改情况表"], HEAD,
            ["1", "配套资金80万元未到位", "县级配套资金纳入2023年预算", "示例县财政局", "2023年12月前", "已完成"],
            ["2", "台账不全", "统一台账格式", "示例县公路所", "年底前", "整改中"],
            ["3", "公示不及时", "按月公示", "示例县公路所", "2023年12月底前", "已完成"]]
    (tmp_path / "表").mkdir()
    report = imported_file(_workbook(tmp_path / "表", rows), tmp_path / "表" / "out")
    notes = " ".join(report.notes)
    assert "完成时限写作「2023年12月前」，可能指2023年12月开始之前，也可能指2023年12月底之前" in notes
    assert "完成时限写作「年底前」，没有写年份" in notes
    measures = [m for f in load_yaml_file(report.written[0]).data["findings"] for m in f["measures"]]
    assert [m.get("deadline") for m in measures] == [None, None, "2023-12-31"]
    (tmp_path / "文").mkdir()
    report, doc = imported_text(["示例县2022年度农村公路养护项目绩效评价发现问题整改情况的报告", "现将整改情况报告如下：",
                                 "1.预算执行率偏低。整改措施：按季度拨付资金，2023年12月前完成。"], tmp_path / "文")
    [measure] = doc["findings"][0]["measures"]
    assert "deadline" not in measure
    assert "可能指2023年12月开始之前" in " ".join(report.notes)
