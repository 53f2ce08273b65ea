"""The forms of tests/forms_xlsx26 typed into .xlsx as a unit's clerk keeps them: numbers as numbers, the
form's number formats, merged cells, a hidden column of the clerk's own notes, and formulas with the results
Excel saves beside them (openpyxl writes a formula with no result; `cached` adds the result and drops the
workbook's 「recalculate on open」, as a file saved by Excel has). SOURCES.md says where each form is from."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl import Workbook

Cells = list[list[object]]


def cached(path: Path, results: dict[str, object]) -> None:
    """Write each formula cell's saved result (`results`: 「H7」 → 0) into the first sheet of `path`."""
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    for ref, value in results.items():
        sheet, found = re.subn(rf'(<c r="{ref}"[^>]*>)<f>([^<]*)</f><v\s*/>|(<c r="{ref}"[^>]*>)<f>([^<]*)</f><v></v>',
                               lambda m, v=value: f"{m[1] or m[3]}<f>{m[2] or m[4]}</f><v>{v}</v>", sheet)
        assert found == 1, ref
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    parts["xl/workbook.xml"] = re.sub(rb"<calcPr[^>]*/>", b'<calcPr calcId="191029"/>', parts["xl/workbook.xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            book.writestr(name, data)


def weituo_rows(fiscal: tuple[object, object, object] = (90, 89.974, 89.974)) -> Cells:
    """池州市贵池区棠溪镇 委托业务项目 (2022), as published (SOURCES.md): 年度资金总额 left 0 with the money in
    「其中:本年财政拨款」, its 执行率 and 得分 formulas over the 0 row (so printed 0 and 0). `fiscal` as printed."""
    return [
        ["附件:"],
        ["项目支出绩效自评表"],
        ["(2022年度)"],
        ["项目名称", "委托业务项目"],
        ["主管部门", "219-池州市贵池区棠溪镇人民政府", "", "", "", "实施单位", "219001-池州市贵池区棠溪镇人民政府"],
        ["项目资金\n(万元)", "", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额:", "", 0, 0, 0, 10, "=IF(E7=0,0,F7/E7)", "=G7*H7", "执行数核对：国库支付89.974"],
        ["", "其中:本年财政拨款", "", *fiscal],
        ["", "上年结转资金"],
        ["", "其他资金"],
        ["年度总体目标", "预期目标", "", "", "", "实际完成情况"],
        ["", "本项目共申请预算资金90万元。其中:30万元用于基建工程项目预算编制;30万元用于基建工程项目审计;30万元用于基建工程项目设计、"
             "规划、测绘。", "", "", "",
         "本项目共完成预算资金89.97万元。其中:30万元用于基建工程项目预算编制;30万元用于基建工程项目审计;29.99万元用于基建工程项目设计、"
         "规划、测绘。"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["", "产出指标(50分)", "数量指标", "基建工程委托业务项目数量", "≥50个", 50, 8, 8],
        ["", "", "质量指标", "委托业务报告合格率", "≥100百分比", 100, 8, 8],
        ["", "", "", "经费支出合规性", "严格执行相关制度规定", "达成预期指标", 8, 8],
        ["", "", "时效指标", "提交报告及时性", "在项目计划完成时间内完成", "达成预期指标", 8, 8],
        ["", "", "成本指标", "项目总成本", "≤90万元", 90, 8, 8],
        ["", "", "", "单项业务成本", "符合相关规定", "达成预期指标", 10, 10],
        ["", "效益指标(30分)", "社会效益指标", "对维护基建市场公平的影响程度", "效果明显", "达成预期指标", 10, 10],
        ["", "", "生态效益指标", "对控制基建项目成本影响程度", "效果明显", "达成预期指标", 10, 10],
        ["", "", "可持续影响指标", "对推动基建项目“四项制度”健全和落实的持续性影响", "效果明显", "达成预期指标", 10, 10],
        ["", "满意度指标(10分)", "满意度指标", "公众满意度", "≥90%", "95%", 10, 10],
        ["总分", "", "", "", "", "", 100, "=SUM(H14:H23)+I7"],
    ]


WEITUO_MERGES = ("A1:I1", "A2:I2", "A3:I3", "B4:I4", "B5:E5", "G5:I5", "A6:C6", "A7:A10", "B7:C7", "B8:C8", "B9:C9",
                 "B10:C10", "A11:A12", "B11:E11", "F11:I11", "B12:E12", "F12:I12", "A13:A23", "B14:B19", "C15:C16",
                 "C18:C19", "B20:B22", "A24:F24")


def weituo(path: Path, fiscal: tuple[object, object, object] = (90, 89.974, 89.974)) -> Path:
    """The 委托业务项目 form as its .xlsx: the 执行率 0.00%, its clerk's note in the hidden column J."""
    book = Workbook()
    sheet = book.active
    sheet.title = "自评表"
    for r, row in enumerate(weituo_rows(fiscal), 1):
        for c, value in enumerate(row, 1):
            if value != "":
                sheet.cell(r, c, value)
    for merge in WEITUO_MERGES:
        sheet.merge_cells(merge)
    sheet["H7"].number_format = "0.00%"
    for column, width in zip("ABCDEFGHIJ", (10, 14, 12, 24, 14, 12, 8, 10, 10, 20), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.column_dimensions["J"].hidden = True
    book.save(path)
    cached(path, {"H7": 0, "I7": 0, "H24": 90})
    return path
