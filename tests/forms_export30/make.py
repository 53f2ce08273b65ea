"""System exports (自评 and 绩效目标) in more provinces' shapes, built from held real forms (tests/forms_bulk29's
three programmes, tests/forms_targets' 目标表): headers over two and three rows, one sheet per department,
a programme's cells merged down over its rows, totals per department. Only the layout changes; the figures
and words are the published forms' (their golden files). Built in the test's temporary folder."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path

from forms_bulk29.make import FIELDS, Held
from openpyxl import Workbook

_SIGN = re.compile(r"^(≥|≤|=|>|<)")


def _save(path: Path, sheets: dict[str, tuple[list[list[object]], tuple[str, ...]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, (rows, merges) in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for merge in merges:
            sheet.merge_cells(merge)
    book.save(str(path))
    return path


def grouped_wide(path: Path, forms: list[Held], title: str = "项目支出绩效自评表（单位：万元）") -> Path:
    """One row per programme, each indicator's columns under its number merged over them: 「指标1」 over
    「一级指标 | 二级指标 | 名称 | 目标值 | 实际值 | 分值 | 得分 | 偏差原因」, the programme's columns merged down."""
    most = max(len(form.indicators) for form in forms)
    parts = ["一级指标", "二级指标", "名称", "目标值", "实际值", "分值", "得分", "偏差原因"]
    upper = ["项目编码", "项目名称", "主管部门", "预算年度", "预算数", "执行数", "自评得分"]
    lower = [""] * len(upper)
    merges = [f"{col}2:{col}3" for col in "ABCDEFG"]
    for n in range(1, most + 1):
        upper += [f"指标{n}"] + [""] * (len(parts) - 1)
        lower += parts
        start = 8 + (n - 1) * len(parts)
        merges.append(f"{_letter(start)}2:{_letter(start + len(parts) - 1)}2")
    rows: list[list[object]] = [[title], upper, lower]
    for form in forms:
        row: list[object] = [form.code, form.name, form.department, form.year, form.budget, form.spent, form.score]
        for item in form.indicators:
            row += [item.get(key, "") for key in FIELDS]
        rows.append(row)
    return _save(path, {"自评": (rows, ("A1:H1", *merges))})


def _letter(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n)


TOP = ["序号", "项目编码", "项目名称", "主管部门", "年度", "项目资金", "", "绩效指标", "", "", "", "", "", "", "", "", "",
       "自评得分"]
MIDDLE = ["", "", "", "", "", "全年预算数", "全年执行数", "一级指标", "二级指标", "三级指标", "年度指标值", "", "",
          "实际完成值", "分值", "得分", "偏差原因分析及改进措施", ""]
BOTTOM = [""] * 10 + ["指标性质", "指标值", "度量单位"] + [""] * 5


def three_row_long(path: Path, forms: list[Held], title: str = "2023年度项目支出绩效自评结果汇总表（单位：万元）") -> Path:
    """One row per indicator under a title and a header of three rows: 项目资金 and 绩效指标 over their columns,
    「年度指标值」 over 「指标性质 | 指标值 | 度量单位」, the programme's columns and 自评得分 merged down all three."""
    rows, merges = _three_rows(forms, title)
    return _save(path, {"自评": (rows, merges)})


def three_row_ss2003(path: Path, forms: list[Held], title: str = "2023年度项目支出绩效自评结果汇总表（单位：万元）") -> Path:
    """`three_row_long` as a system exports 「Excel」: an Excel 2003 XML workbook (「XML 电子表格 2003」) named
    .xls, merges by ss:MergeAcross/ss:MergeDown, figures typed as numbers, 项目编码 as text."""
    from forms.make import Form
    from html_makers import form_ss2003
    from openpyxl.utils import range_boundaries

    rows, merges = _three_rows(forms, title)
    width = max(map(len, rows))
    texts = [[str(cell) for cell in row] + [""] * (width - len(row)) for row in rows]
    spans = [(r0 - 1, c0 - 1, r1 - 1, c1 - 1) for c0, r0, c1, r1 in map(range_boundaries, merges)]
    form = Form(path.parent, {}, texts, spans, {(r, 1) for r in range(len(texts))})
    path.write_text(form_ss2003(form, "自评"), encoding="utf-8")
    return path


def _three_rows(forms: list[Held], title: str) -> tuple[list[list[object]], tuple[str, ...]]:
    rows: list[list[object]] = [[title], TOP, MIDDLE, BOTTOM]
    n = 0
    for form in forms:
        for item in form.indicators:
            n += 1
            target = item.get("target", "")
            sign = m[1] if (m := _SIGN.match(target)) else ""
            rows.append([str(n), form.code, form.name, form.department, form.year, form.budget, form.spent,
                         item.get("level1", ""), item.get("level2", ""), item.get("name", ""), sign, target[len(sign):], "",
                         item.get("actual", ""), item.get("weight", ""), item.get("score", ""), item.get("remark", ""),
                         form.score])
    downs = tuple(f"{col}2:{col}4" for col in "ABCDER")
    return rows, ("A1:R1", "F2:G2", "H2:Q2", "K3:M3", "F3:F4", "G3:G4", "H3:H4", "I3:I4", "J3:J4", "N3:N4", "O3:O4",
                  "P3:P4", "Q3:Q4", *downs)


def unicode_text(path: Path, forms: list[Held]) -> Path:
    """The long export as Excel's 「另存为 Unicode 文本」 writes it (and systems export it, named .xls or .csv):
    UTF-16 LE after its byte-order mark, tab-separated, a cell quoted only where it holds a tab, a quote or a
    line break, each line ended by CR LF."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\r\n")
    writer.writerow(["项目编码", "项目名称", "主管部门", "年度", "全年预算数（万元）", "全年执行数（万元）", "一级指标",
                     "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因", "自评得分"])
    for form in forms:
        for item in form.indicators:
            writer.writerow([form.code, form.name, form.department, form.year, form.budget, form.spent,
                             *(item.get(key, "") for key in (*FIELDS[:7], "remark")), form.score])
    path.write_bytes(codecs.BOM_UTF16_LE + out.getvalue().encode("utf-16-le"))
    return path


def by_department(path: Path, forms: list[Held], *, codes_as_numbers: bool = False,
                  sheet_of: Callable[[Held], str] = lambda form: form.department, department_column: bool = True) -> Path:
    """One sheet per 主管部门 (named after it), as a province's system exports a 财政局's whole year: a title
    stating the year and the unit (「金额单位：万元」, the money columns' headers say none), one header row,
    each programme's columns merged down over its indicator rows (the text in its first row only), and a
    小计 row under each department's programmes summing their money. `codes_as_numbers`: 项目编码 stored as
    numbers, their leading zeros gone. `sheet_of`: the sheet a programme goes to (a department's, or its
    year's where a system splits so). Without `department_column` the sheet's name alone says the 主管部门."""
    sheets: dict[str, tuple[list[list[object]], tuple[str, ...]]] = {}
    head = ["序号", "项目编码", "项目名称", "主管部门", "年度", "全年预算数", "全年执行数", "一级指标", "二级指标", "三级指标",
            "年度指标值", "实际完成值", "分值", "得分", "偏差原因", "自评得分"]
    for department in dict.fromkeys(map(sheet_of, forms)):
        mine = [form for form in forms if sheet_of(form) == department]
        rows: list[list[object]] = [[f"{mine[0].year}年度项目支出绩效自评汇总表（金额单位：万元）"], head]
        merges: list[str] = ["A1:P1"]
        for n, form in enumerate(mine, 1):
            first = len(rows) + 1
            code: object = int(form.code) if codes_as_numbers else form.code
            for k, item in enumerate(form.indicators):
                own: list[object] = ([str(n), code, form.name, form.department, form.year, form.budget, form.spent] if k == 0
                                     else [""] * 7)
                rows.append([*own, *(item.get(key, "") for key in FIELDS), form.score if k == 0 else ""])
            last = len(rows)
            merges += [f"{col}{first}:{col}{last}" for col in "ABCDEFGP"]
        rows.append(["小计", "", "", "", "", _sum(f.budget for f in mine), _sum(f.spent for f in mine)])
        if not department_column:
            rows = [row[:3] + row[4:] for row in rows]
            merges = ["A1:O1", *(_left(m) for m in merges[1:] if not m.startswith("D"))]
        sheets[department[:31]] = (rows, tuple(merges))
    return _save(path, sheets)


def _left(merge: str) -> str:
    """A merge of a column right of D, one column to the left (D taken out)."""
    return re.sub(r"[E-P]", lambda m: chr(ord(m[0]) - 1), merge)


def _sum(figures: Iterable[str]) -> str:
    return str(sum(Decimal(f.replace(",", "")) for f in figures))


TARGET_HEAD = ["年度", "项目编码", "项目名称", "主管部门", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标性质",
               "指标值", "度量单位"]


def merged_targets(path: Path, programmes: list[tuple[str, str, str, str, list[list[str]]]], title: str) -> Path:
    """A 绩效目标 export of (year, code, department, 预算数 in 万元, its indicator rows as `_rows` gives them),
    one sheet per department: 万元 in the title alone, a programme's columns (年度 … 年度目标) merged down over
    its indicator rows, a 小计 row under each sheet's programmes summing their 预算数."""
    sheets: dict[str, tuple[list[list[object]], tuple[str, ...]]] = {}
    for department in dict.fromkeys(p[2] for p in programmes):
        rows: list[list[object]] = [[title], TARGET_HEAD]
        merges: list[str] = ["A1:L1"]
        mine = [p for p in programmes if p[2] == department]
        for year, code, _, amount, indicators in mine:
            first = len(rows) + 1
            for k, row in enumerate(indicators):
                own = [year, code, row[2], department, amount, row[4]] if k == 0 else [""] * 6
                rows.append([*own, *row[5:]])
            merges += [f"{col}{first}:{col}{len(rows)}" for col in "ABCDEF"]
        rows.append(["小计", "", "", "", _sum(p[3] for p in mine)])
        sheets[department[:31]] = (rows, tuple(merges))
    return _save(path, sheets)
