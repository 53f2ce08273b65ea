"""池州市贵池区棠溪镇's 委托业务项目 自评表 (tests/forms_xlsx26, SOURCES.md there) laid out as other provinces'
templates lay out the same form: each layout moves the published figures into another template's cells and
never changes one, so each imports as the form typed plainly (`plain`)."""

from __future__ import annotations

import re
from pathlib import Path

from forms_xlsx26.make import WEITUO_MERGES, weituo_rows
from openpyxl import Workbook

Cells = list[list[object]]

HEAD = ("A1:I1", "A2:I2", "A3:I3", "B4:I4", "B5:E5", "G5:I5", "A6:C6", "A7:A10", "B7:C7", "B8:C8", "B9:C9", "B10:C10",
        "A11:A12", "B11:E11", "F11:I11", "B12:E12", "F12:I12")
"""The merges above the indicator table (the facts, the money, the goals)."""


def typed() -> Cells:
    """The form as a clerk types it without formulas: the published 执行率, 得分 and 总分 are formulas over the
    年度资金总额 row left 0 (printing 0, 0 and 90); typed here, the 执行率 is left blank, its 得分 is the 10 the
    money in 「其中:本年财政拨款」 earns and the 总分 the sum of every score."""
    rows = [list(row) + [""] * (9 - len(row)) for row in weituo_rows()]
    rows[6][7:9] = ["", 10]
    rows[23][7] = 100  # the ten indicators' 90 and the 预算执行率's 10
    return rows


def save(rows: Cells, merges: tuple[str, ...] | list[str], path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "自评表"
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value != "":
                sheet.cell(r, c, value)
    for merge in merges:
        sheet.merge_cells(merge)
    book.save(path)
    return path


def plain(path: Path) -> Path:
    return save(typed(), WEITUO_MERGES, path)


_FIGURE = re.compile(r"^([≥≤<>=]*\d+(?:\.\d+)?)(\D*)$")


def unit_columns(path: Path) -> Path:
    """年度指标值 and 实际完成值 each over 「指标值 | 单位」 (a second header row), as 四川's and 广西's templates
    print them: 「≥50个」 typed 「≥50 | 个」 and the 实际完成值 50 typed 「50 | 个」; a text target stays whole."""
    out: Cells = []
    for r, row in enumerate(typed()):
        if r == 12:
            out += [[*row[:4], "年度指标值", "", "实际完成值", "", *row[6:]],
                    ["", "", "", "", "指标值", "单位", "指标值", "单位", "", "", ""]]
        elif 13 <= r <= 22:
            found = _FIGURE.match(str(row[4]))
            target, unit = (found[1], found[2]) if found else (row[4], "")
            out.append([*row[:4], target, unit, row[5], unit if isinstance(row[5], int) else "", *row[6:]])
        else:
            out.append([*row[:6], "", "", *row[6:]] if r >= 5 else row)
    return save(out, ("A1:K1", "A2:K2", "A3:K3", "B4:K4", "B5:E5", "G5:K5", "A6:C6", "A7:A10", "B7:C7", "B8:C8",
                      "B9:C9", "B10:C10", "A11:A12", "B11:E11", "F11:K11", "B12:E12", "F12:K12", "A13:A24", "B13:B14",
                      "C13:C14", "D13:D14", "E13:F13", "G13:H13", "I13:I14", "J13:J14", "K13:K14", "B15:B20",
                      "C16:C17", "C19:C20", "B21:B23", "A25:H25"), path)


def subtotals(path: Path, rows: dict[int, list[list[object]]]) -> Path:
    """The form with subtotal rows after each row index of `rows` (their cells), the level cells unmerged as
    a template with 小计 rows types them: 「小计」 under each 一级 in the 三级指标 column (河南's template), or
    「质量指标小计」 after each 二级 and 「产出指标小计」 after the 一级."""
    out: Cells = []
    for r, row in enumerate(typed()):
        out.append(row)
        out += rows.get(r, [])
    return save(out, HEAD, path)


LEVEL_FIGURES = {13: ((50, 50), (8, 8)), 14: ((), (16, 16)), 16: ((), (8, 8)), 17: ((), (18, 18)),
                 19: ((30, 30), (10, 10)), 20: ((), (10, 10)), 21: ((), (10, 10)), 22: ((10, 10), (10, 10))}
"""Each 一级 and 二级 group's 分值 and 得分 by its first row: the sums of its indicators'."""


def level_columns(path: Path, figures: dict[int, tuple[tuple[int, ...], tuple[int, ...]]] = LEVEL_FIGURES) -> Path:
    """「一级指标 | 分值 | 得分 | 二级指标 | 分值 | 得分 | 三级指标 | … | 分值 | 得分」: each level's points and score in
    columns of its own, merged down its group, as 湖南's 评价指标表 prints 分值 after each level (tests/forms_dept/d08)
    and a 得分 beside it; the 一级 labels printed without their points, which the 分值 column gives."""
    out: Cells = []
    for r, row in enumerate(typed()):
        if r < 12:
            out.append([*row, "", "", "", ""])
        elif r == 12:
            out.append(["绩效指标", "一级指标", "分值", "得分", "二级指标", "分值", "得分", "三级指标", "年度指标值",
                        "实际完成值", "分值", "得分", "偏差原因分析及改进措施"])
        elif r <= 22:
            first, second = figures.get(r, ((), ()))
            level1 = str(row[1]).split("(")[0]
            out.append(["", level1, *(first or ("", "")), row[2], *(second or ("", "")), *row[3:9]])
        else:
            out.append(["总分", "", "", "", "", "", "", "", "", "", 100, 100, ""])
    merges = ["A1:M1", "A2:M2", "A3:M3", "B4:M4", "A13:A23"]
    merges += [f"{c}{r0}:{c}{r1}" for r0, r1 in ((14, 19), (20, 22)) for c in "BCD"]
    merges += [f"{c}{r0}:{c}{r1}" for r0, r1 in ((15, 16), (18, 19)) for c in "EFG"]
    return save(out, merges, path)


def level_rows(path: Path, totals: dict[int, tuple[int, int]]) -> Path:
    """Each 一级 on a row of its own above its indicators, with its 分值 and 得分 (`totals` by the row index of the
    group's first indicator), its indicators' 一级 cells left blank, as some templates print a group's totals."""
    out: Cells = []
    for r, row in enumerate(typed()):
        if r in totals:
            out.append(["", str(row[1]).split("(")[0], "", "", "", "", *totals[r], ""])
            row = ["", "", *row[2:]]
        out.append(row)
    return save(out, HEAD, path)
