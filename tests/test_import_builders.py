"""Builders for the import tests: .docx and .xlsx files laid out like the seeds and the central 自评表.

The cell contents come from the programmes in data/ (what the importer must give back); the
layout (headings, numbering, merged cells, line breaks inside cells, bookmarks, a 合计 row) is
the seeds'. Nothing here reads /work/shared: the tests run from the repository alone.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from forms.make import add_table
from openpyxl import Workbook

from perfsite.yamlload import load_yaml_file

ROOT = Path(__file__).resolve().parent.parent
SEED000 = ROOT / "data/2021/quwo/xiaoshenggui.yaml"
SEED002 = ROOT / "data/2022/zhongxiaoqiye/zhongxiaoqiye-fazhan.yaml"
CENTRAL = ROOT / "data/2021/jiaoyu/yingyang-gaishan.yaml"


def load(path: Path) -> dict:
    data = load_yaml_file(path).data
    assert isinstance(data, dict)
    return data


def text(value: object) -> str:
    if value is None:
        return ""
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


# --------------------------------------------------------------------------- Word

def _bookmark(paragraph, name: str) -> None:  # type: ignore[no-untyped-def]
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), "0")
    start.set(qn("w:name"), name)
    paragraph._p.insert(0, start)


def heading(document, text: str, level: int):  # type: ignore[no-untyped-def]
    """A numbered heading in a Heading style, with the _Toc bookmark Word adds for the contents."""
    paragraph = document.add_paragraph(text, style=f"Heading {level}")
    _bookmark(paragraph, "_Toc61505636")
    return paragraph


def body(document, text: str) -> None:  # type: ignore[no-untyped-def]
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph)


SEED000_BUDGET = [
    ["项目", "行次", "年度总金额(万元)", "财政资金", "", "", "", "", "上年结转资金(万元)", "其他资金(万元)"],
    ["", "", "", "小计", "中央级", "省级", "市级", "县区级", "", ""],
    ["年初预算资金", "(1)", "25", "25", "", "", "", "25", "", ""],
    ["全年预算资金", "(2)", "25", "25", "", "", "", "25", "", ""],
    ["实际到位资金", "(3)", "25", "25", "", "", "", "25", "", ""],
    ["全年执行资金", "(4)", "25", "25", "", "", "", "25", "", ""],
    ["资金结余", "(5)=(3)-(4)", *["0"] * 8],
    ["预算到位率", "(6)=(3)/(2)", "100", "100", "0", "0", "0", "100", "0", "0"],
    ["预算执行率(%)", "(7)=(4)/(2)", "100", "100", "0", "0", "0", "100", "0", "0"],
]
SEED000_BUDGET_MERGES = ((0, 3, 0, 7), (0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 8, 1, 8), (0, 9, 1, 9))
SECTION_HEADER = ["二级指标", "三级指标", "权重", "目标值", "业绩值", "得分"]
SELF_HEADER = ["一级指标", "二级指标", "目标指标", "权重", "目标值", "业绩值", "完成率", "指标得分", "偏差原因分析及改进措施"]


def seed000_rows(items: list[dict]) -> list[list[str]]:
    return [[text(i.get(k)) for k in ("level1", "level2", "name", "weight", "target", "actual", "completion", "score",
                                      "remark")] for i in items]


def vertical_runs(values: list[str], offset: int, col: int) -> list[tuple[int, int, int, int]]:
    """Merge runs of equal consecutive values in a column (the seeds' merged 一级/二级指标 cells)."""
    merges, start = [], 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            if i - start > 1:
                merges.append((offset + start, col, offset + i - 1, col))
            start = i
    return merges


def blank_merged(rows: list[list[str]], merges: list[tuple[int, int, int, int]]) -> None:
    for r0, c0, r1, c1 in merges:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    rows[r][c] = ""


def seed000_docx(path: Path, *, with_attachment: bool = True, with_sections: bool = True) -> Path:
    """The county self-evaluation report: sections, budget table, four section tables, 附件1."""
    seed = load(SEED000)
    sections, items = seed["sections"], seed["indicators"]
    d = docx.Document()
    d.add_paragraph("曲沃县“小升规”企业奖励资金2021年度项目支出绩效自评报告", style="Title")
    heading(d, "一、项目的基本情况", 1)
    heading(d, "（一）项目概况", 2)
    body(d, sections["项目概况"])
    d.add_paragraph("")
    heading(d, "（二）预算执行情况", 2)
    add_table(d, SEED000_BUDGET, SEED000_BUDGET_MERGES)
    heading(d, "（三）项目绩效目标", 2)
    d.add_paragraph("（1）. 项目实施期绩效目标")
    body(d, sections["项目实施期绩效目标"])
    d.add_paragraph("\t")
    d.add_paragraph("（2）. 项目年度目标")
    body(d, sections["项目年度目标"])
    heading(d, "二、项目绩效情况", 1)
    body(d, sections["项目绩效情况"])
    if with_sections:
        groups = [("（一）预算执行情况", items[0:1]), ("（二）项目产出情况", items[1:4]),
                  ("（三）项目效益情况", items[4:5]), ("（四）项目满意度情况", items[5:6])]
        for title, group in groups:
            heading(d, title, 2)
            add_table(d, [SECTION_HEADER] + [[text(i[k]) for k in ("level2", "name", "weight", "target", "actual", "score")]
                                             for i in group])
            d.add_paragraph("")
    heading(d, "三、项目绩效分析", 1)
    for n, title in enumerate(["项目实施和预算执行情况及分析", "产出情况及分析", "效益情况及分析", "满意度情况及分析"], 1):
        d.add_paragraph(f"{n}. {title}")
        body(d, sections[title])
        d.add_paragraph("")
    for n, title in enumerate(["项目主要经验做法", "项目管理中存在问题及原因分析", "进一步加强项目管理措施及建议"], 4):
        heading(d, f"{n}、 {title} ", 1)
        body(d, sections[title] + " ")
    if with_attachment:
        heading(d, " 附件1.项目支出绩效自评表", 1)
        d.add_paragraph("")
        rows = [["附件1.项目支出绩效自评表"] + [""] * 8, SELF_HEADER, *seed000_rows(items)]
        merges = [(0, 0, 0, 8), *vertical_runs([text(i["level1"]) for i in items], 2, 0)]
        blank_merged(rows, merges)
        add_table(d, rows, tuple(merges))
    d.save(str(path))
    return path


SEED002_HEADER = ["一级指标", "二级指标", "三级指标", "评分标准", "年度\n指标值", "实际\n完成值", " 分值 ", " 得分 ", "评分说明"]
SEED002_WRAPPED = {"资金使用合规性": "资金使用\n合规性", "管理制度健全性": "管理制度\n健全性",
                   "制度执行有效性": "制度执行\n有效性", "项目质量可控性": "项目质量\n可控性",
                   "监督检查情况": "监督检查\n情况", "项目管理（9分）": "项目管理\n（9分）"}


def seed002_table() -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """附件2: 一级/二级 merged down, one 三级指标 merged with the row above, a 合计 row spanning six columns."""
    items = load(SEED002)["indicators"]
    rows = [list(SEED002_HEADER)]
    for i in items:
        rows.append([SEED002_WRAPPED.get(text(i[k]), text(i[k])) for k in ("level1", "level2", "name")]
                    + [text(i[k]) for k in ("rule_text", "target", "actual", "weight", "score", "remark")])
    merges = [*vertical_runs([text(i["level1"]) for i in items], 1, 0),
              *vertical_runs([text(i["level1"]) + text(i["level2"]) for i in items], 1, 1),
              *vertical_runs([text(i["level2"]) + text(i["name"]) for i in items], 1, 2)]
    total = len(rows)
    rows.append(["合计", "", "", "", "", "", "100.00", "96.42", ""])
    merges.append((total, 0, total, 5))
    blank_merged(rows, merges)
    return rows, merges


def seed002_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("附件2")
    d.add_paragraph("2022年度中小企业发展专项资金绩效自评表")
    rows, merges = seed002_table()
    table = add_table(d, rows, tuple(merges))
    on_time = next(r for r, row in enumerate(rows) if row[2] == "项目按期完成")
    table.cell(on_time, 2).add_paragraph("")  # the seed's empty paragraph after 项目按期完成
    remark = next(r for r, row in enumerate(rows) if row[8].startswith("完善中小服务体系类项目自筹资金"))
    _bookmark(table.cell(remark, 8).paragraphs[0], "RANGE!I29")
    d.save(str(path))
    return path


# --------------------------------------------------------------------------- Excel

def sheet_rows(ws, rows: list[list[object]], merges=(), start: int = 1) -> None:  # type: ignore[no-untyped-def]
    for r, row in enumerate(rows, start):
        for c, value in enumerate(row, 1):
            if value not in ("", None):
                cell = ws.cell(r, c, value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # typed as text ('=0起), not a formula
    for r0, c0, r1, c1 in merges:
        ws.merge_cells(start_row=r0 + start, start_column=c0 + 1, end_row=r1 + start, end_column=c1 + 1)


def seed002_xlsx(path: Path) -> Path:
    """The seed-002 table as the unit's spreadsheet: numbers as numbers (3.00 shown by format), merged cells."""
    wb = Workbook()
    ws = wb.active
    ws.title = "附件2"
    ws["A1"] = "2022年度中小企业发展专项资金绩效自评表"
    rows, merges = seed002_table()
    sheet_rows(ws, rows, merges, start=2)
    for r in range(3, ws.max_row + 1):
        for col in ("G", "H"):
            cell = ws[f"{col}{r}"]
            if isinstance(cell.value, str) and cell.value.replace(".", "").isdigit():
                places = len(cell.value.partition(".")[2])
                cell.value = float(cell.value)
                cell.number_format = "0." + "0" * places if places else "General"  # 0.5 stays 0.5
    wb.save(str(path))
    return path


def central_xlsx(path: Path, *, percent_as_fraction: bool = True) -> Path:
    """The central 项目支出绩效自评表 (财预〔2020〕10号 style), holding data/2021/jiaoyu/yingyang-gaishan."""
    seed = load(CENTRAL)
    wb = Workbook()
    ws = wb.active
    ws.title = "自评表"
    ws["A1"] = "项目支出绩效自评表"
    ws["A2"] = "（2021年度）"
    rows: list[list[object]] = [
        ["项目名称", seed["name"], "", "", "", "", "", "", ""],
        ["主管部门", seed["department"], "", "", "实施单位", "示例县各中小学校", "", "", ""],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
        ["", "年度资金总额", 540, 552, 547.8, 10, 0.9924 if percent_as_fraction else "99.24%", 9.92, ""],
        ["", "其中：当年财政拨款", 540, 552, 547.8, "—", "", "—", ""],
        ["", "上年结转资金", "", "", "", "—", "", "—", ""],
        ["", "其他资金", "", "", "", "—", "", "—", ""],
        ["年度总体目标", "预期目标", "", "", "", "实际完成情况", "", "", ""],
        ["", seed["sections"]["绩效目标"], "", "", "", seed["sections"]["绩效分析"].split("\n\n")[0], "", "", ""],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ]
    items = [i for i in seed["indicators"] if i["name"] != "预算执行率"]
    first = len(rows)
    for i in items:
        rows.append(["", text(i["level1"]), text(i["level2"]), text(i["name"]), text(i["target"]), text(i["actual"]),
                     int(i["weight"]), float(i["score"]), text(i.get("remark"))])
    rows.append(["总分", "", "", "", "", "", 100, 99.92, ""])
    merges = [(0, 1, 0, 8), (1, 1, 1, 3), (1, 5, 1, 8), (2, 0, 6, 0), (7, 0, 8, 0), (7, 1, 7, 4), (7, 5, 7, 8),
              (8, 1, 8, 4), (8, 5, 8, 8), (9, 0, first + len(items) - 1, 0),
              *vertical_runs([text(i["level1"]) for i in items], first, 1),
              *vertical_runs([text(i["level1"]) + text(i["level2"]) for i in items], first, 2),
              (len(rows) - 1, 0, len(rows) - 1, 5)]
    blank_merged(rows, merges)
    sheet_rows(ws, rows, merges, start=3)
    if percent_as_fraction:
        ws["G6"].number_format = "0.00%"
    wb.save(str(path))
    return path


def test_builders_make_readable_files(tmp_path: Path) -> None:
    """The fixtures open with the libraries clerks' files are read with."""
    assert docx.Document(str(seed000_docx(tmp_path / "a.docx"))).tables
    assert len(docx.Document(str(seed002_docx(tmp_path / "b.docx"))).tables) == 1
    from openpyxl import load_workbook

    assert load_workbook(str(central_xlsx(tmp_path / "c.xlsx"))).active.merged_cells.ranges
