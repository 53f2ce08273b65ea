"""What reaches the clerk from an import: a note on an adjusted target names the cell it was read from; every
年初 target an adjusted one replaced is said somewhere; every table a report does not read is named; a system
export refuses only the figures it cannot trust; a sheet of drop-down choices is not called a hidden form."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import Prepared, prepare
from perfsite.importing.writer import dump


def _book(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    for r, line in enumerate(rows, 1):
        for c, value in enumerate(line, 1):
            book.active.cell(r, c).value = value if value != "" else None
    book.save(path)
    return path


ADJUSTED_HEAD = ["一级指标", "二级指标", "三级指标", "年初指标值", "调整后指标值", "指标解释"]
SIX_ADJUSTED = [["产出指标", "数量指标", f"完成事项{n}", f"≥{10 + n}件", f"≥{n}件", ""] for n in range(1, 7)]
"""Six rows each adjusted: one more than the note on the 调整后指标值 column lists by name."""


def _targets(tmp_path: Path, rows: list[list[object]], title: str = "项目支出绩效目标表（2024年度）") -> Prepared:
    head = [["项目名称", "学生营养改善", "", "", "主管部门", "示例县教育局"]] if "项目" in title else \
        [["部门名称", "示例县教育局", "部门编码", "301", "", ""]]
    return prepare(_book(tmp_path / "目标表.xlsx", [[title], *head, ["年度目标", "为1200名学生提供营养膳食补助"],
                                                    ADJUSTED_HEAD, *rows]), Hints())


def test_a_note_on_an_adjusted_target_names_the_adjusted_cell(tmp_path: Path) -> None:
    """「292%」 in the 调整后指标值 cell E5 of a 验收合格率 (a misread 「≥92%」): the note sends the clerk to E5, the
    cell the target was read from, not to C5, the indicator's name (as it did)."""
    item = _targets(tmp_path, [["产出指标", "质量指标", "验收合格率", "≥95%", "292%", ""],
                               ["满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "", ""]])
    assert item.report.failure == "", item.report.failure
    said = [note for note in item.report.notes if "超过 100%" in note]
    assert len(said) == 1 and said[0].startswith("工作表「Sheet」 E5：指标「验收合格率」"), item.report.notes


def test_every_initial_target_a_self_evaluation_replaced_is_in_its_note(tmp_path: Path) -> None:
    """A 自评表 with six adjusted targets: its written file has no comment for them, so the note names all six
    年初 targets (it named five, 「等 6 项」, and the sixth 年初 target was said nowhere)."""
    head = ["一级指标", "二级指标", "三级指标", "分值", "年初指标值", "调整后指标值", "实际完成值", "得分"]
    rows = [["产出指标", "数量指标", f"完成事项{n}", "10", f"≥{10 + n}件", f"≥{n}件", f"{n}件", "10"] for n in range(1, 7)]
    item = prepare(_book(tmp_path / "自评表.xlsx", [["项目名称", "村道维修"], ["主管部门", "示例县交通局"], ["评价年度", "2023"],
                                                 head, *rows, ["满意度指标", "满意度", "群众满意度", "40", "≥90%", "", "95%", "40"]]),
                   Hints())
    assert item.report.failure == "", item.report.failure
    [said] = [note for note in item.report.notes if "「调整后指标值」一列" in note]
    assert all(f"（年初「≥{10 + n}件」）" in said for n in range(1, 7)) and "等 6 项" not in said, said


def test_a_department_target_table_keeps_each_initial_target_in_a_comment(tmp_path: Path) -> None:
    """A 部门整体 目标表 with six adjusted targets: the note names five, and each 年初 target is a comment above
    its target in the written file, as a programme's 目标表 keeps it (the sixth was said nowhere)."""
    item = _targets(tmp_path, SIX_ADJUSTED, "部门整体支出绩效目标表（2024年度）")
    assert item.report.failure == "" and item.draft is not None, item.report.failure
    assert item.draft.data["kind"] == "部门整体绩效目标", item.draft.data["kind"]
    [said] = [note for note in item.report.notes if "「调整后指标值」一列" in note]
    assert "等 6 项" in said and "注释" in said, said
    text = dump(item.draft.data, item.draft.comments)
    assert all(f"年初指标值为「≥{10 + n}件」" in text for n in range(1, 7)), text


def test_a_programme_target_table_names_five_and_comments_each(tmp_path: Path) -> None:
    """A programme's 目标表 with six adjusted targets: the note names five and says where the rest are."""
    item = _targets(tmp_path, SIX_ADJUSTED)
    assert item.report.failure == "" and item.draft is not None, item.report.failure
    [said] = [note for note in item.report.notes if "「调整后指标值」一列" in note]
    assert "等 6 项" in said and "注释" in said, said
    text = dump(item.draft.data, item.draft.comments)
    assert all(f"年初指标值为「≥{10 + n}件」" in text for n in range(1, 7)), text


def test_the_tables_of_a_report_that_gives_its_sections_to_a_form_are_listed_as_not_read(tmp_path: Path) -> None:
    """A Word report without an indicator table, with a table of its funds' sources, gives its sections to the
    form of its programme: that table's cells are listed as 「未能归位」 and a note says none of its tables was
    read (nothing was listed, and the table was said nowhere)."""
    import docx
    from test_import_builders import seed002_xlsx

    from perfsite.importing.crosscheck import same_programme

    d = docx.Document()
    for text in ("中小企业发展专项资金2022年度项目支出绩效自评报告", "一、项目概况", "项目支持中小企业转型升级。",
                 "二、存在问题", "个别项目未按期完工。"):
        d.add_paragraph(text)
    table = d.add_table(rows=2, cols=2)
    for r, line in enumerate([["资金来源", "金额（万元）"], ["省级补助", "120"]]):
        for c, text in enumerate(line):
            table.cell(r, c).text = text
    d.save(str(tmp_path / "报告.docx"))
    word, form = prepare(tmp_path / "报告.docx", Hints()), prepare(seed002_xlsx(tmp_path / "自评表.xlsx"), Hints())
    same_programme([word, form])
    assert word.report.same_as == form.report.source and word.report.failure == "", word.report.failure
    assert [entry.split("：", 1)[1] for entry in word.report.unplaced] == ["资金来源", "金额（万元）", "省级补助", "120"]
    assert any("表格都不是指标表，没有导入" in note for note in word.report.notes), word.report.notes


def test_an_export_refuses_only_the_programme_that_publishes_a_stale_figure(tmp_path: Path) -> None:
    """An export Excel recalculates on opening, one programme's 得分 a formula not calculated here with 0 saved
    beside it: that programme is refused, naming the cell, and the other is imported (the whole export was
    refused for that one cell)."""
    import zipfile

    from test_import_xlsx28_bulk import EXPORT_HEAD

    from perfsite.importing.bulk import find_header, group, prepare_programme, read_sheets

    book = Workbook()
    book.active.title = "明细"
    book.active.append(EXPORT_HEAD)
    book.active.append(["P001", "苗木种植", "县林业局", "2023", "种植面积", "≥100亩", "100亩", 100, "=MAX(H2,0)", 100])
    book.active.append(["P002", "村道维修", "县交通局", "2023", "维修里程", "≥10公里", "10公里", 100, 100, 100])
    book.save(str(tmp_path / "made.xlsx"))
    path = tmp_path / "汇总.xlsx"
    with zipfile.ZipFile(tmp_path / "made.xlsx") as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():  # as XlsxWriter saves it: 0 beside each formula (openpyxl's book is recalculated on opening)
            target.writestr(info, source.read(info.filename).replace(b"<v></v>", b"<v>0</v>"))
    [sheet] = read_sheets(path)
    assert find_header(sheet)
    stale, fine = (prepare_programme(p, path, Hints()) for p in group(sheet, []))
    assert "工作表「明细」 I2 是公式（=MAX(H2,0)），保存的结果是「0」" in stale.report.failure, stale.report.failure
    assert "打开时重新计算全部公式" in stale.report.failure
    assert fine.report.failure == "" and fine.draft is not None, fine.report.failure


def _with_choices(tmp_path: Path, source: str, formula: str = "", name: str = "") -> list[str]:
    """A small 自评表 whose 是否核心 cells pick from a hidden sheet 「选项」 through a drop-down list reading
    `source`; `formula` typed beside the form, `name` a defined name over the choices: the report's notes."""
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    form = book.active
    for line in [["项目名称", "村道维修"], ["主管部门", "示例县交通局"], ["评价年度", "2023"],
                 ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分"],
                 ["产出指标", "数量指标", "维修里程", 100, "≥10公里", "10公里", 100]]:
        form.append(line)
    choices = book.create_sheet("选项")
    choices.append(["是"])
    choices.append(["否"])
    choices.sheet_state = "hidden"
    if name:
        book.defined_names[name] = DefinedName(name, attr_text="选项!$A$1:$A$2")
    listed = DataValidation(type="list", formula1=source)
    form.add_data_validation(listed)
    listed.add("H5")
    if formula:
        form["I5"] = formula
    book.save(tmp_path / "自评表.xlsx")
    item = prepare(tmp_path / "自评表.xlsx", Hints())
    assert item.report.failure == "", item.report.failure
    return item.report.notes


def test_a_hidden_sheet_of_drop_down_choices_is_not_called_a_form_left_out(tmp_path: Path) -> None:
    """The hidden 「选项」 only feeds a drop-down list, directly or through a defined name: no 「隐藏的工作表，没有
    导入」 note (it had one, as if a form were left out); read by a formula as well, it is still named."""
    hidden = "工作表「选项」是隐藏的工作表，没有导入"
    assert not any(hidden in note for note in _with_choices(tmp_path, "选项!$A$1:$A$2"))
    assert not any(hidden in note for note in _with_choices(tmp_path, "是否", name="是否"))
    assert any(hidden in note for note in _with_choices(tmp_path, "选项!$A$1:$A$2", formula='=COUNTIF(选项!A1:A2,"是")'))
    assert any(hidden in note for note in _with_choices(tmp_path, "是否", formula='=COUNTIF(是否,"是")', name="是否"))
