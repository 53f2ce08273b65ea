"""Import's known failures: the first failure said for a file with no indicator table, a 万 reading shown in
the form's unit, the cap on a summary export's rows, the mode of the files written, and the `source` of an odd
file name."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from openpyxl import Workbook
from raw_office import Book, Sheet, form_rows, write_xlsx

from perfsite.cli import main
from perfsite.importing.assemble import NO_INDICATOR_TABLE, Hints
from perfsite.importing.pipeline import prepare
from perfsite.unit_readings import readings
from perfsite.values import parse_value
from perfsite.yamlload import load_yaml_file


def _minutes(path: Path) -> Path:
    """A workbook of a meeting's minutes: no 项目名称, no 年度, no indicator table."""
    book = Workbook()
    for row in (["会议记录"], ["时间", "地点"], ["3月5日", "会议室"], ["出席", "张三"]):
        book.active.append(row)
    book.save(path)
    return path


def test_a_file_with_no_indicator_table_says_so_before_asking_for_a_name(tmp_path: Path) -> None:
    """It asked for --name, then for --year, and only then said there is no table: two runs for nothing."""
    path = _minutes(tmp_path / "会议记录.xlsx")
    for hints in (Hints(), Hints(name="测试项目"), Hints(name="测试项目", year="2023")):
        failure = prepare(path, hints).report.failure or ""
        assert failure.startswith(NO_INDICATOR_TABLE), failure
        assert "--name" not in failure and "--year" not in failure


@pytest.mark.parametrize(("target", "actual", "shown"), [
    ("≤90", "90万元", ["90元", "90万元"]),  # was 900000元
    ("90", "≤90万元", ["90元", "90万元"]),
    ("≥1.5", "2亿元", ["1.5元", "1.5亿元"]),  # was 150000000元
    ("≥10", "5万人次", ["10人次", "10万人次"]),
    ("≥2", "3倍", ["2%", "2倍"]),  # was 200%
    ("≥0.95", "50%", ["0.95%", "95%"]),  # a share: no word of the form's to count in
])
def test_a_reading_in_wan_is_shown_in_the_unit_the_form_writes(target: str, actual: str, shown: list[str]) -> None:
    assert [r.shown for r in readings(parse_value(target), parse_value(actual))] == shown


def test_the_working_of_a_reading_in_wan_prints_it_as_the_reading_shows_it() -> None:
    """It read 「读作 90万元；完成率 = 目标 90万元 ÷ 实际 900000元」."""
    from test_fix26 import _scored

    assert _scored("≤90万元", "90").explanation.startswith(
        "实际值「90」没有写单位，读作 90万元；完成率 = 目标 90万元 ÷ 实际 90万元 = 100.00%")


def _export(path: Path, rows: int) -> Path:
    """A CSV export: `rows` indicator rows of 项目编码 P001, then one row of P002."""
    head = "项目编码,项目名称,主管部门,年度,三级指标,年度指标值,实际完成值,分值,得分\n"
    lines = [f"P001,校舍维修,县教育局,2023,维修面积{i},≥10平方米,10平方米,0.1,0.1\n" for i in range(rows)]
    path.write_text(head + "".join(lines) + "P002,学生资助,县教育局,2023,资助人数,≥500人,520人,100,100\n", encoding="utf-8")
    return path


def test_an_export_programme_past_the_cap_fails_naming_the_file_and_row(tmp_path: Path) -> None:
    """40,000 rows of one programme took 24 CPU s, each read and scored as a form's indicator."""
    from perfsite.importing.bulk import MAX_PROGRAMME_ROWS, prepare_programme, programmes_of

    path = _export(tmp_path / "汇总.csv", MAX_PROGRAMME_ROWS + 1)
    big, small = programmes_of(path)
    failure = prepare_programme(big, path, Hints()).report.failure or ""
    assert failure.startswith(f"CSV「汇总.csv」第 {MAX_PROGRAMME_ROWS + 2} 行：同一项目（项目编码 P001）"), failure
    assert not prepare_programme(small, path, Hints()).report.failure  # the export's other programme
    [at_cap, _] = programmes_of(_export(tmp_path / "满.csv", MAX_PROGRAMME_ROWS))
    assert not at_cap.errors


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_imported_files_get_the_mode_of_any_file_the_clerk_makes(tmp_path: Path, umask: int, mode: int) -> None:
    """They were created 0600 whatever the umask (tempfile.mkstemp): a colleague's build could not read them."""
    from perfsite.importing.writer import WriteBatch

    target, original = tmp_path / "2023" / "a.yaml", tmp_path / "2023" / "a.docx"
    was = os.umask(umask)
    try:
        batch = WriteBatch()
        batch.stage({target: "name: 甲\n", original: b"PK"}, force=False)
        assert batch.commit() == {}
    finally:
        os.umask(was)
    assert [stat.S_IMODE(p.stat().st_mode) for p in (target, original)] == [mode, mode]
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.docx", "a.yaml"]  # written whole, no temp left


def test_source_names_the_received_file_by_the_one_escape_the_data_format_documents(tmp_path: Path) -> None:
    """A file name's control characters cannot stand in a data file's value; `source` writes each as
    [U+XXXX] (docs/data-format.md, `source`), and turning each back gives the file in the 收件 folder."""
    name = "自评\n表\x1b\u202e\x85.xlsx"
    write_xlsx(tmp_path / name, Book([Sheet("自评表", form_rows())]))
    assert main(["import", str(tmp_path / name), "--out", str(tmp_path / "out")]) == 0
    [written] = (tmp_path / "out").rglob("*.yaml")
    source = load_yaml_file(written).data["source"]  # type: ignore[index]
    assert source == "自评[U+000A]表[U+001B][U+202E][U+0085].xlsx"
    assert (tmp_path / re.sub(r"\[U\+([0-9A-F]{4,6})\]", lambda m: chr(int(m[1], 16)), source)).is_file()


@pytest.mark.parametrize(("budget", "spent", "unit", "note"), [
    ("100万元", "98万元", "万元", False), ("1000000元", "980000元", "元", False), ("100", "98", "万元", True)])
def test_an_export_without_a_unit_in_its_header_says_so_only_of_bare_figures(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], budget: str, spent: str, unit: str, note: bool) -> None:
    """Cells writing their unit were read in it, and still the clerk was told they were read as 万元."""
    path = tmp_path / "汇总.csv"
    path.write_text("项目编码,项目名称,主管部门,年度,全年预算数,全年执行数,三级指标,年度指标值,实际完成值,分值,得分\n"
                    f"P001,校舍维修,县教育局,2023,{budget},{spent},维修面积,≥10平方米,10平方米,100,100\n", encoding="utf-8")
    main(["import", str(path), "--out", str(tmp_path / "out")])
    [written] = (tmp_path / "out").rglob("*.yaml")
    assert load_yaml_file(written).data["budget"]["unit"] == unit  # type: ignore[index]
    assert ("表头没有写金额单位：按万元导入" in capsys.readouterr().out) is note


def test_a_file_that_cannot_be_written_whole_leaves_nothing_beside_its_target(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from perfsite import safefile
    from perfsite.importing.writer import WriteBatch, WriteRefused

    def full(path: str, content: bytes) -> None:  # the file made, the disk full before its bytes are in
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safefile, "write_new", full)
    with pytest.raises(WriteRefused):
        WriteBatch().stage({tmp_path / "a.yaml": "name: 甲\n"}, force=False)
    assert list(tmp_path.iterdir()) == []
