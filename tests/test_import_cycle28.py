"""A file of several programmes' forms: each reader note reaches the programme(s) it is about, a note
about the whole file is said once; a clash between two forms of one file names the other table, not
「另一个文件」; a 部门整体自评表's 得分系数 column is read and checked, not listed as unknown."""

from __future__ import annotations

import zipfile
from pathlib import Path

from raw_office import REL, Book, Sheet, form_rows, row, text_cell, write_xlsx

from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import prepare

DRAWING = "工作表「甲」的绘图部件「xl/drawings/drawing1.xml」（缺失）已损坏"


def _named(sheet: str, name: str, title: str = "") -> Sheet:
    """A small 自评表 on a sheet of its own, its 项目名称 in row 1."""
    return Sheet(sheet, row(1, text_cell("A1", "项目名称"), text_cell("B1", name))
                 + form_rows(title or f"{name}项目2023年度绩效自评表", 2))


def _with_lost_drawing(path: Path) -> Path:
    """The first sheet names a drawing part the package lacks (Excel repairs it away on opening)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"</worksheet>", b'<drawing r:id="rId1"/></worksheet>')
    parts["xl/worksheets/_rels/sheet1.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/drawing" Target="../drawings/drawing1.xml"/></Relationships>').encode()
    with zipfile.ZipFile(path, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


def test_a_note_about_one_sheet_reaches_only_that_sheet_s_programme(tmp_path: Path) -> None:
    """Sheet 甲's damaged drawing names sheet 甲 and no cell: it is about 甲's form, not about 乙's on
    the next sheet (given to every programme of the file, it sent 乙's clerk to look for it there)."""
    path = _with_lost_drawing(write_xlsx(tmp_path / "两个项目.xlsx",
                                         Book([_named("甲", "城区绿化养护"), _named("乙", "农村饮水安全")])))
    first = prepare(path, Hints())
    reports = [item.report for item in (first, *first.more)]
    assert [r.failure for r in reports] == ["", ""]
    assert [sum(DRAWING in note for note in r.notes) for r in reports] == [1, 0], [r.notes for r in reports]


def _two_target_tables(path: Path, second_money: str = "300", name: str = "") -> Path:
    """清涧's 申报表 (tests/forms_trial8b) twice on one sheet, the second with `second_money` for its 500
    and, given `name`, another programme's name; a hidden sheet 草稿 beside them (a note about the file)."""
    from openpyxl import Workbook, load_workbook

    source = load_workbook(Path(__file__).parent / "forms_trial8b" / "qingjian-shiping-guoyuanlu-mubiao.xlsx").active
    book = Workbook()
    sheet = book.active
    below = source.max_row + 2
    for offset, money in ((0, ""), (below, second_money)):
        for line in source.iter_rows():
            for cell in line:
                if cell.value is not None:
                    value = money if money and cell.value == "500" else cell.value
                    value = name if name and offset and value == "2021年交通局寨山石坪、鲍家沟果园路" else value
                    sheet.cell(cell.row + offset, cell.column, value)
        for merged in source.merged_cells.ranges:
            sheet.merge_cells(start_row=merged.min_row + offset, start_column=merged.min_col,
                              end_row=merged.max_row + offset, end_column=merged.max_col)
    draft = book.create_sheet("草稿")
    draft["A1"] = "测算底稿"
    draft.sheet_state = "hidden"
    book.save(path)
    return path


HIDDEN = "工作表「草稿」是隐藏的工作表"


def test_a_note_about_the_file_is_said_once_over_its_target_tables(tmp_path: Path) -> None:
    """Two 目标表 stacked on one sheet and a hidden sheet: the hidden sheet is the file's, said once on the
    first table's report and marked so (each table's report said it as if about its programme)."""
    first = prepare(_two_target_tables(tmp_path / "两张.xlsx", name="2021年寨山村另一条果园路"), Hints())
    reports = [item.report for item in (first, *first.more)]
    assert [r.failure for r in reports] == ["", ""]
    said = [[note for note in r.notes if HIDDEN in note] for r in reports]
    assert len(said[0]) == 1 and said[0][0].startswith("关于整个文件（不只是这个项目）：") and said[1] == [], said


def test_two_tables_of_one_programme_in_one_file_are_named_as_such(tmp_path: Path) -> None:
    """The same programme's 目标表 twice on one sheet, the second with other money: the second is refused
    naming the first table of the same file (「另一个文件」 named the file itself), and the two reports
    are told apart by their order on the sheet."""
    from perfsite.importing.pipeline import Options, import_batch
    from perfsite.siteconfig import SiteConfig

    path = _two_target_tables(tmp_path / "两张.xlsx")
    written, refused = import_batch([path], Options(tmp_path / "out"), SiteConfig(), set())
    assert written.written and not written.failure, written.failure
    assert (str(written.source), str(refused.source)) == (f"{path}（第 1 张，工作表「Sheet」）", f"{path}（第 2 张，工作表「Sheet」）")
    assert refused.failure.startswith("与同一文件中的另一张表（第 1 张，工作表「Sheet」）是同一项目的绩效目标表"), refused.failure
    assert "本表（第 2 张，工作表「Sheet」）未导入：请对照原件核对两张是否相同" in refused.failure
    assert "另一个文件" not in refused.failure and "本次导入的「" not in refused.failure


CHONGQING = Path(__file__).parent / "forms_dept" / "d02-chongqing-kexuecheng-ziping"
"""重庆 西部科学城's 部门整体绩效自评表: 年初指标值 | 调整指标值 | 全年完成值 | 得分系数(%) | 指标权重(分) | 指标得分(分)."""


def _chongqing(out: Path, factor: str = "") -> object:
    """d02 as the .xlsx a unit hands in (H9, 财政供养人员控制率's 得分系数, made `factor` when given), imported."""
    from forms.make import load_form, write_xlsx

    from perfsite.importing.pipeline import Options, import_file
    from perfsite.siteconfig import SiteConfig

    form = load_form(CHONGQING)
    if factor:
        form.rows[8][7] = factor
    out.mkdir(parents=True)
    path = write_xlsx(form, out / "部门整体绩效自评表.xlsx")
    options = Options(out / "data", hints=Hints(name="西部（重庆）科学城融媒体中心", year="2021"))
    return import_file(path, options, SiteConfig(), set())


def test_a_score_factor_column_is_read_and_checked_not_taken_for_an_unknown_column(tmp_path: Path) -> None:
    """Its 19 factors (all 100%) each times its weight make its score: said once, checked, none listed as
    「未能归位」 nor its header as a column to rename 「得分」 (which would have scored the factors)."""
    report = _chongqing(tmp_path / "a")
    assert report.written, report.failure  # type: ignore[attr-defined]
    notes, unplaced = report.notes, report.unplaced  # type: ignore[attr-defined]
    assert "「得分系数」一列（工作表「Sheet1」 H9起 19 项）数据格式没有对应的键，未写入；其中 19 项已核对 分值 × 得分系数 = 得分，相符" in notes
    assert not any("得分系数" in note and "不是认得的列名" in note for note in notes), notes
    assert not any(place.startswith("工作表「Sheet1」 H") for place in unplaced), unplaced


def test_a_score_factor_that_disagrees_with_the_score_is_named_by_its_cell(tmp_path: Path) -> None:
    report = _chongqing(tmp_path / "b", factor="50%")
    notes = report.notes  # type: ignore[attr-defined]
    assert ("工作表「Sheet1」 H9：指标「财政供养人员控制率」的得分系数「50%」× 分值 2 = 1，与得分 2 不一致："
            "请对照原件核对（得分照原表写入）") in notes, notes
    assert any(note.endswith("其中 18 项已核对 分值 × 得分系数 = 得分，相符") for note in notes), notes


ENYANG = Path(__file__).parent / "forms_cycle28" / "c01-bazhong-enyang-nongye-bumen-pingjia"


def test_a_department_report_without_tables_is_refused_as_one(tmp_path: Path) -> None:
    """巴中市恩阳区农业农村局's 部门整体支出绩效评价报告, prose only: refused as the 部门整体 report it is, asking
    for its 部门整体 自评表; read as a programme's report it was sent for a programme's 自评表 and told to name
    an evaluator (with which it became a programme named after the department)."""
    import yaml
    from docx import Document

    from perfsite.importing.pipeline import Options, Status, import_file
    from perfsite.siteconfig import SiteConfig

    source = yaml.safe_load((ENYANG / "report.yaml").read_text(encoding="utf-8"))
    document = Document()
    for text in source["paragraphs"]:
        document.add_paragraph(text)
    path = tmp_path / f"{source['title']}.docx"
    document.save(str(path))
    for hints in (Hints(), Hints(evaluation="第三方评价", evaluator="某会计师事务所")):
        report = import_file(path, Options(tmp_path / "out", hints=hints), SiteConfig(), set())
        assert report.status is Status.FAILED and not report.written
        assert report.failure.startswith(f"标题「{source['title']}」说明这是部门整体支出的绩效报告，但文件中没有任何表格"), report.failure
        assert "请向填报单位索取报告所附的部门整体支出绩效自评表" in report.failure and "--evaluation" not in report.failure


def test_a_note_about_the_file_is_kept_when_its_first_table_is_set_aside(tmp_path: Path) -> None:
    """A 决算公开 in Word: its 收入支出决算总表 first (set aside, never imported), then 阆中's 自评表, a revision
    left in the text. The reader notes the revision on the file's first table, the statement: it was
    dropped with it, unsaid."""
    import copy

    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from forms.make import make

    _, form = make(Path(__file__).parent / "forms" / "b05-langzhong-chegoushui", tmp_path / "form")
    document = Document()
    document.add_paragraph("收入支出决算总表")
    table = document.add_table(rows=3, cols=4)
    for r, cells in enumerate([["收入", "", "支出", ""], ["项目", "金额", "项目", "金额"],
                               ["一、一般公共预算财政拨款收入", "100", "一、一般公共服务支出", "100"]]):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    document.paragraphs[0]._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="科员"/>'))
    end = document.element.body[-1]  # the section properties stay last
    for element in Document(str(form)).element.body:
        if not element.tag.endswith("sectPr"):
            end.addprevious(copy.deepcopy(element))
    document.save(str(tmp_path / "决算公开.docx"))
    report = prepare(tmp_path / "决算公开.docx", Hints()).report
    assert not report.failure, report.failure
    assert any(note.startswith("表1（收入支出决算总表）是部门预算、决算公开的报表") for note in report.notes), report.notes
    assert sum("文档中有未接受的修订" in note for note in report.notes) == 1, report.notes
