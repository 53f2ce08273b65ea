"""System exports (预算管理一体化系统 汇总表) of held real forms, in the shapes provinces' systems write (SOURCES.md).

Each export holds the same three programmes, their figures and words those of the published forms' golden
files (tests/forms/*/golden.yaml); only the layout changes. Built in the test's temporary folder."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from perfsite.yamlload import load_yaml_file

FORMS = Path(__file__).resolve().parent.parent / "forms"
HELD = ("c01-jishan-jiandanglika", "b01-zhongjiang-shuibiaochi", "ann-tianchang-shuihan")
"""Three departments, two years (2020, 2022), all in 万元, every indicator with its 分值."""
CODES = ("530000210000000012345", "510623220000000004017", "341181220000000880012")
"""22-digit 项目编码 as the 一体化系统 writes them (made up: the forms print none)."""
FIELDS = ("level1", "level2", "name", "target", "actual", "weight", "score", "remark")
"""An indicator's columns, in the order exports print them."""


@dataclass(frozen=True)
class Held:
    """What one published form says, as its golden file records it."""

    folder: str
    code: str
    name: str
    year: str
    department: str
    budget: str
    spent: str
    score: str
    indicators: list[dict[str, str]]


def _total(value: object) -> str:
    return str(value["total"] if isinstance(value, dict) else value)


def held() -> list[Held]:
    out = []
    for folder, code in zip(HELD, CODES, strict=True):
        golden = load_yaml_file(FORMS / folder / "golden.yaml").data
        assert isinstance(golden, dict) and golden["budget"]["unit"] == "万元"
        out.append(Held(folder, code, golden["name"], str(golden["year"]), golden["department"],
                        _total(golden["budget"]["budget"]), _total(golden["budget"]["spent"]),
                        str(golden["reported"]["score"]),
                        [{k: str(item[k]) for k in FIELDS if k in item} for item in golden["indicators"]]))
    return out


def _save(path: Path, rows: list[list[object]], merges: tuple[str, ...] = ()) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "项目支出绩效自评"
    for row in rows:
        sheet.append(row)
    for merge in merges:
        sheet.merge_cells(merge)
    book.save(str(path))
    return path


UPPER = ["序号", "项目编码", "项目名称", "主管部门", "年度", "项目资金", "", "绩效指标", "", "", "", "", "", "", "",
         "自评得分"]
LOWER = ["", "", "", "", "", "全年预算数", "全年执行数", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
         "分值", "得分", "偏差原因分析及改进措施", ""]


def long_export(path: Path, forms: list[Held], *, codes_as_numbers: bool = False) -> Path:
    """One row per indicator under a title, a 填报单位 / 单位：万元 line and a header over two rows (项目资金 and
    绩效指标 over their columns, the rest merged down); the programmes' rows taken in turn, so no programme's
    rows are adjacent; a 合计 row and the sign-off lines under the table. `codes_as_numbers`: the 项目编码
    column stored as numbers, as a clerk's re-typed or a system's numeric export holds them."""
    rows: list[list[object]] = [["项目支出绩效自评结果汇总表"], ["填报单位：（财政局汇总）", "", "", "", "", "",
                                                                   "", "", "", "", "", "", "", "", "单位：万元"],
                                UPPER, LOWER]
    n = 0
    for k in range(max(len(form.indicators) for form in forms)):
        for form in forms:
            if k < len(form.indicators):
                n += 1
                item = form.indicators[k]
                code: object = int(form.code) if codes_as_numbers else form.code
                rows.append([str(n), code, form.name, form.department, form.year, form.budget, form.spent,
                             *(item.get(key, "") for key in FIELDS), form.score])
    rows.append(["合计", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""])
    rows.append(["填表人：张某某", "", "", "联系电话：0000-0000000", "", "", "", "", "", "", "", "审核人：李某某"])
    rows.append(["填报日期：2024年3月15日"])
    downs = tuple(f"{col}3:{col}4" for col in "ABCDEP")
    return _save(path, rows, ("A1:P1", "F3:G3", "H3:O3", *downs))


def wide_export(path: Path, forms: list[Held]) -> Path:
    """One row per programme, each indicator a numbered group of columns (指标1名称 … 指标N得分)."""
    most = max(len(form.indicators) for form in forms)
    head = ["项目编码", "项目名称", "主管部门", "预算年度", "预算数", "执行数", "自评得分"]
    for n in range(1, most + 1):
        head += [f"指标{n}一级指标", f"指标{n}二级指标", f"指标{n}名称", f"指标{n}目标值", f"指标{n}完成值",
                 f"指标{n}分值", f"指标{n}得分", f"指标{n}偏差原因"]
    rows: list[list[object]] = [["项目支出绩效自评表（单位：万元）"], head]
    for form in forms:
        row = [form.code, form.name, form.department, form.year, form.budget, form.spent, form.score]
        for item in form.indicators:
            row += [item.get(key, "") for key in FIELDS]
        rows.append(row)
    return _save(path, rows)


def tab_csv(path: Path, forms: list[Held]) -> Path:
    """The long export as a system's 「导出 CSV」 writes it: GBK, tab-separated, each field quoted, a cell's line
    break kept inside its quotes (the remark written over two lines)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(["项目编码", "项目名称", "主管部门", "年度", "全年预算数（万元）", "全年执行数（万元）", "一级指标",
                     "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因", "自评得分"])
    for form in forms:
        for item in form.indicators:
            remark = item.get("remark", "").replace(",", ",\n", 1)
            writer.writerow([form.code, form.name, form.department, form.year, form.budget, form.spent,
                             *(item.get(key, "") for key in ("level1", "level2", "name", "target", "actual", "weight",
                                                             "score")), remark, form.score])
    path.write_bytes(out.getvalue().encode("gbk"))
    return path
