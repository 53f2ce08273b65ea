"""The forms of tests/forms_xlsx27 typed into .xlsx as units' clerks hand them in: each a real published form
(SOURCES.md) in the shape another clerk gives it (amounts typed with their unit as text, the 年度 only in the
page footer, two forms one above the other on one sheet). Built on the 池州 委托业务项目 form as
tests/forms_xlsx26 types it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import docx
from forms_xlsx26.make import WEITUO_MERGES, cached, weituo_rows
from openpyxl import Workbook
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

Cells = list[list[object]]
SAVED = {"H7": 0, "I7": 0, "H24": 90}
"""What Excel saved for the form's three formulas (the 执行率 and 得分 over the 0 row, and the 总分)."""


def _book(path: Path, rows: Cells, tweak: Callable[[Worksheet], None] | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "自评表"
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value != "":
                sheet.cell(r, c, value)
    for merge in WEITUO_MERGES:
        sheet.merge_cells(merge)
    sheet["H7"].number_format = "0.00%"
    if tweak is not None:
        tweak(sheet)
    book.save(path)
    cached(path, SAVED)
    return path


def wan_in_cells(path: Path) -> Path:
    """The money typed as text with its unit, 「90万元」, and the header's 「(万元)」 left out, as a clerk
    who types the unit into each cell does."""
    rows = [list(row) for row in weituo_rows()]
    rows[5][0] = "项目资金"
    rows[7][3:6] = ["90万元", "89.974万元", "89.974万元"]
    return _book(path, rows)


def year_in_footer(path: Path) -> Path:
    """The 「(2022年度)」 line moved from above the form into the printed page's footer."""
    rows = [list(row) for row in weituo_rows()]
    rows[2] = []

    def footer(sheet: Worksheet) -> None:
        sheet.oddFooter.center.text = "2022年度"

    return _book(path, rows, footer)


QINGSHEN: Cells = [
    ["报表编号:510000_0013zp"],
    ["部门预算项目支出绩效自评表(2023年度)"],
    ["项目名称", "51000021R000000019951-工资性支出"],
    ["主管部门", "青神县发展和改革局本级", "", "", "", "实施单位 (盖章)", "青神县发展和改革局"],
    ["项目基本情况", "1.项目年度目标完成情况", "", "项目年度目标", "", "", "年度目标完成情况"],
    ["", "", "", "严格执行相关政策,保障工资及时、足额发放或社保及时、足额缴纳,预算编制科学合理,减少结余资金。", "", "",
     "对照年度目标,说明相关任务目标的完成情况(100字以内)"],
    ["", "2.项目实施内容及过程概述"],
    ["预算执行情况(10分)", "年度预算数(万元)", "", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"],
    ["", "总额", "", 238.93, 251.89, 251.89, 1, 10, "", "1.预算执行率=预算执行数/调整后预算数,预算执行率未达到90%的需说明原因"
     "(100字以内);2.年中发生预算调整的(追加或调减),应单独说明理由;3.其他资金包括:社会投入资金、银行贷款."],
    ["", "其中:财政资金", "", 238.93, 251.89, 251.89, 1, "/", "/"],
    ["", "财政专户管理资金", "", 0, 0, 0, 0, "/", "/"],
    ["", "单位资金", "", 0, 0, 0, 0, "/", "/"],
    ["", "其他资金", "", "", "", "", "", "/", "/"],
    ["绩效指标(90分)", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分", "未完成原因分析"],
    ["", "产出指标", "数量指标", "发放(缴纳)覆盖率", "=", 100, "%", "", 60],
    ["", "效益指标", "社会效益指标", "足额保障率(参保率)", "=", 100, "%", "", 30],
    ["合计", "", "", "", "", "", "", "", 100],
    ["评价结论", "结合自评情况,说明项目自评总分,说明项目实施取得的成效或成果。(200字以内)"],
    ["存在问题", "结合自评情况,分析存在的问题及原因。(200字以内)"],
    ["改进措施", "针对项目自评中发现的问题,提出下一步改进完善的意见及有关政策性建议。(200字以内)"],
    ["项目负责人:", "", "", "", "", "财务负责人:"],
]
"""青神县发展和改革局's 工资性支出 (2023) as published (SOURCES.md): 完成值 and 得分 left empty, and the
template's instructions (「…(200字以内)」) left in the 目标完成情况, 评价结论, 存在问题 and 改进措施 cells."""


def qingshen(path: Path) -> Path:
    """The 青神 form as its .xlsx: the money as numbers in 0.00, the 执行率 in 0.00%."""
    book = Workbook()
    sheet = book.active
    sheet.title = "自评表"
    for r, row in enumerate(QINGSHEN, 1):
        for c, value in enumerate(row, 1):
            if value != "":
                sheet.cell(r, c, value)
    for r in range(9, 13):
        sheet[f"G{r}"].number_format = "0.00%"
        for column in "DEF":
            sheet[f"{column}{r}"].number_format = "0.00"
    book.save(path)
    return path


PRINTED = {"=IF(E7=0,0,F7/E7)": "0.00%", "=G7*H7": "0", "=SUM(H14:H23)+I7": "90"}
"""What the form prints for its three formulas, typed into a Word table as printed."""


def word_footer(path: Path) -> Path:
    """The 池州 form as a Word table, as a clerk copies it from Excel: the title above it with no year, the
    「（2022年度）」 and the 填报日期 in the page footer, the fiscal row's money typed 「90万元」."""
    document = docx.Document()
    document.add_paragraph("项目支出绩效自评表")
    table = document.add_table(rows=0, cols=9)
    for row in weituo_rows()[3:]:
        cells = table.add_row().cells
        for c, value in enumerate(row[:9]):
            text = PRINTED.get(value, value) if isinstance(value, str) else str(value)
            cells[c].text = f"{text}万元" if row[1] == "其中:本年财政拨款" and c in (3, 4, 5) else text
    document.sections[0].footer.paragraphs[0].text = "填报日期：2023年3月10日  （2022年度）"
    document.save(str(path))
    return path


def _right(ref: str, columns: int) -> str:
    """A cell reference, range or formula moved `columns` to the right: 「B4」 → 「M4」."""
    return re.sub(r"([A-Z]+)(\d+)", lambda m: f"{get_column_letter(column_index_from_string(m[1]) + columns)}{m[2]}", ref)


def side_by_side(path: Path) -> Path:
    """Two programmes' forms set beside each other on one sheet (A:I and L:T), as a clerk lays out two
    forms to print on one landscape page; the second names 「第二个委托项目」 in M4."""
    book = Workbook()
    sheet = book.active
    sheet.title = "自评表"
    for columns, name in ((0, "委托业务项目"), (11, "第二个委托项目")):
        rows = [list(row) for row in weituo_rows()]
        rows[3][1] = name
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row[:9], 1):
                if value != "":
                    formula = isinstance(value, str) and value.startswith("=")
                    sheet.cell(r, c + columns, f"={_right(value[1:], columns)}" if formula else value)
        for merge in WEITUO_MERGES:
            sheet.merge_cells(_right(merge, columns))
    book.save(path)
    cached(path, {**SAVED, **{_right(ref, 11): value for ref, value in SAVED.items()}})
    return path
