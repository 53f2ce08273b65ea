"""Several target tables one after another in one file (a budget disclosure's 附表, one a programme): one
data file each, read from its own tables and paragraphs; a 部门整体 table among them is named, not read as a
programme's. The files are put together from typed real forms (tests/forms_trial7/t7imp1: 宁乡坝塘镇 2021,
鄂州 市直 2022; tests/forms_dept/d01: 宁德 党史研究室) as a unit's Word file or its PDF print would carry them."""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest
import yaml
from docx import Document

from perfsite.cli import main

HERE = Path(__file__).parent
T7 = HERE / "forms_trial7" / "t7imp1"


def _joined(first: Path, second: Path, out: Path) -> Path:
    """`first`'s document with `second`'s paragraphs and tables after it."""
    doc = Document(str(first))
    end = doc.element.body[-1]  # the section properties stay last
    for element in Document(str(second)).element.body:
        if not element.tag.endswith("sectPr"):
            end.addprevious(copy.deepcopy(element))
    doc.save(str(out))
    return out


def _imported(path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, dict[str, dict[str, object]]]:
    main(["import", str(path), "--out", str(out)])
    written = {f.name: yaml.safe_load(f.read_text(encoding="utf-8")) for f in sorted(out.rglob("*.yaml"))}
    return capsys.readouterr().out, written


def test_two_programmes_target_tables_give_two_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Read as one, the file gave 宁乡's programme the year 2022 of 鄂州's title and left 鄂州's table unplaced."""
    path = _joined(T7 / "d-ningxiang-batang-mubiao.docx", T7 / "c-ezhou-binhu-dalou-mubiao.docx", tmp_path / "两张.docx")
    out, written = _imported(path, tmp_path / "out", capsys)
    by_name = {str(data["name"]): data for data in written.values()}
    assert set(by_name) == {"镇域内基础设施建设", "滨湖大胆办公大楼运行保障"}
    ningxiang, ezhou = by_name["镇域内基础设施建设"], by_name["滨湖大胆办公大楼运行保障"]
    assert ningxiang["year"] == 2021 and ezhou["year"] == 2022
    assert str(ningxiang["funds"]["total"]) == "10606.7522" and ezhou["funds"] == {"unit": "万元", "total": 814}
    assert len(ningxiang["indicators"]) == 8 and len(ningxiang["midterm_indicators"]) == 9
    assert [i["name"] for i in ezhou["indicators"]][:2] == ["办公大楼日常维修维护次数", "大楼安检巡察次数"]
    assert "本文件有 2 张绩效目标表（各有标题或项目名称），各自导入为一个文件；这是第 2 张（表2）" in out


def test_each_table_reads_as_it_does_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _joined(T7 / "d-ningxiang-batang-mubiao.docx", T7 / "c-ezhou-binhu-dalou-mubiao.docx", tmp_path / "两张.docx")
    _, together = _imported(path, tmp_path / "out", capsys)
    _, alone = _imported(T7 / "d-ningxiang-batang-mubiao.docx", tmp_path / "alone", capsys)
    [(name, data)] = alone.items()
    assert {k: v for k, v in together[name].items() if k != "source"} == {k: v for k, v in data.items() if k != "source"}


def test_a_department_table_before_a_programme_s_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The 部门整体 table was read as 鄂州's programme: the department's 资金总额 171.41 as its money. It is
    the department's own file, as it imports alone."""
    sys.path.insert(0, str(HERE))
    from forms.make import load_form, write_docx

    department = write_docx(load_form(HERE / "forms_dept" / "d01-ningde-dangshi-mubiao"), tmp_path / "部门.docx")
    path = _joined(department, T7 / "c-ezhou-binhu-dalou-mubiao.docx", tmp_path / "部门和项目.docx")
    out, written = _imported(path, tmp_path / "out", capsys)
    data = next(d for d in written.values() if d.get("name"))
    assert data["name"] == "滨湖大胆办公大楼运行保障" and data["funds"] == {"unit": "万元", "total": 814}
    assert "本文件在项目的表之前有一张部门整体的表，单独导入为部门整体的文件" in out
    _, alone = _imported(department, tmp_path / "alone", capsys)
    assert [d for d in written.values() if not d.get("name")] == [{**d, "source": "部门和项目.docx"} for d in alone.values()]


def test_a_pdf_print_of_two_target_tables_gives_two_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The Word file of the first test printed by LibreOffice (tests/forms_trial8b/SOURCES.md)."""
    _, written = _imported(HERE / "forms_trial8b" / "constructed-ningxiang-then-ezhou.pdf", tmp_path / "out", capsys)
    assert sorted((str(d["name"]), d["year"]) for d in written.values()) == [
        ("滨湖大胆办公大楼运行保障", 2022), ("镇域内基础设施建设", 2021)]


def _stacked_sheet(out: Path) -> Path:
    """清涧's 申报表 (tests/forms_trial8b) twice on one sheet, two rows apart, the second for another road with 300."""
    from openpyxl import Workbook, load_workbook

    source = load_workbook(HERE / "forms_trial8b" / "qingjian-shiping-guoyuanlu-mubiao.xlsx").active
    book = Workbook()
    sheet = book.active
    below = source.max_row + 2
    for offset, name, money in ((0, None, None), (below, "2021年寨山村另一条果园路", "300")):
        for row in source.iter_rows():
            for cell in row:
                if cell.value is not None:
                    value = name if name and cell.value == "2021年交通局寨山石坪、鲍家沟果园路" else cell.value
                    sheet.cell(cell.row + offset, cell.column, money if money and value == "500" else value)
        for merged in source.merged_cells.ranges:
            sheet.merge_cells(start_row=merged.min_row + offset, start_column=merged.min_col,
                              end_row=merged.max_row + offset, end_column=merged.max_col)
    book.save(out)
    return out


def test_two_target_tables_on_one_sheet_give_two_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Read as one, the second road's 财政拨款 300 was added to the first's: 资金总额 500, 财政拨款 800."""
    out, written = _imported(_stacked_sheet(tmp_path / "两张.xlsx"), tmp_path / "out", capsys)
    by_name = {str(data["name"]): data for data in written.values()}
    assert by_name["2021年交通局寨山石坪、鲍家沟果园路"]["funds"] == {"unit": "万元", "total": 500, "fiscal": 500}
    second = by_name["2021年寨山村另一条果园路"]
    assert second["funds"] == {"unit": "万元", "total": 300, "fiscal": 300} and second["year"] == 2021
    assert len(second["indicators"]) == 5 and "取自项目名称" not in out  # its year from its own 「(2021年度)」 row
    assert "这是第 2 张（工作表「Sheet」）" in out
