"""项目支出绩效目标表 as units publish them import to the target table an auditor wrote by hand.

The corpus (tests/forms_targets/*/form.yaml) is real published forms, transcribed cell by cell;
each is made into the .xlsx and the .docx a unit would hand in (tests/forms/make.py) and imported
as a clerk would, then compared field by field with its golden file. The layout rules below are
small invented grids, every expected value worked by hand.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from forms.make import load_form, make
from openpyxl import Workbook
from test_import_layout import grid

from perfsite.cli import main
from perfsite.documents import read_document
from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import Options, Status, import_batch, import_file
from perfsite.importing.sniff import ImportFailure
from perfsite.importing.target_form import assemble_targets, find_targets
from perfsite.problems import Severity
from perfsite.siteconfig import SiteConfig
from perfsite.targets import TargetTable

CORPUS = Path(__file__).resolve().parent / "forms_targets"
FOLDERS = sorted(p.parent for p in CORPUS.glob("*/form.yaml"))
FACTS = ("name", "year", "department", "department_code", "implementer", "attribute", "period",
         "midterm_goal", "annual_goal", "weight_total")
CELLS = ("level1", "level2", "name", "nature", "target", "unit", "weight", "explanation", "basis", "data_source", "core")


def table_of(path: Path) -> TargetTable:
    document, problems = read_document(path, SiteConfig())
    assert isinstance(document, TargetTable), [p.as_text() for p in problems.items]
    errors = [p.as_text() for p in problems.items if p.severity is Severity.ERROR]
    assert not errors, errors
    return document


def differences(got: TargetTable, want: TargetTable, seen: Callable[[object], object] = lambda value: value
                ) -> list[str]:
    """Every fact and cell the import did not give back as the auditor wrote it, both read
    through `seen` (a PDF's text layer has no line breaks inside a cell: tests/test_pdf_targets.py)."""
    out = [f"{key}: 导入「{getattr(got, key)}」，应为「{getattr(want, key)}」"
           for key in FACTS if seen(getattr(got, key)) != seen(getattr(want, key))]
    if got.funds != want.funds:
        out.append(f"funds: 导入 {got.funds}，应为 {want.funds}")
    for key in ("indicators", "midterm_indicators"):
        mine, theirs = getattr(got, key), getattr(want, key)
        if len(mine) != len(theirs):
            out.append(f"{key}: 导入 {[i.name for i in mine]}，应为 {[i.name for i in theirs]}")
            continue
        for n, (x, y) in enumerate(zip(mine, theirs, strict=True)):
            out += [f"{key}[{n}].{cell}（{y.name}）: 导入「{getattr(x, cell)}」，应为「{getattr(y, cell)}」"
                    for cell in CELLS if seen(getattr(x, cell)) != seen(getattr(y, cell))]
    return out


# --------------------------------------------------------------------------- the corpus

def test_the_corpus_has_fourteen_forms_from_nine_provinces() -> None:
    provinces = {str(load_form(folder).meta["place"]["province"]) for folder in FOLDERS}  # type: ignore[index]
    assert len(FOLDERS) >= 14 and len(provinces) >= 9


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_golden_file_is_a_valid_target_table(folder: Path) -> None:
    form = load_form(folder)
    for key in ("address", "date", "title", "file", "quirks"):
        assert form.meta.get(key), f"form.yaml 缺少 {key}"
    assert str(form.meta["date"]) == "未载明" or str(form.meta["date"])[:2] in ("19", "20")
    table_of(folder / "golden.yaml")


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_form_imports_to_its_golden_file(folder: Path, kind: str, tmp_path: Path) -> None:
    xlsx, docx = make(folder, tmp_path / "in")
    report = import_file(xlsx if kind == "xlsx" else docx, Options(tmp_path / "out"), SiteConfig(), set())
    assert report.status is Status.IMPORTED, (report.failure, [p.as_text() for p in report.problems])
    [written] = report.written
    assert written.name.endswith("-mubiao.yaml")
    assert not differences(table_of(written), table_of(folder / "golden.yaml")), differences(
        table_of(written), table_of(folder / "golden.yaml"))


# --------------------------------------------------------------------------- layout rules

def one(*grids, paragraphs: tuple[str, ...] = (), source: str = "目标表.xlsx"):  # type: ignore[no-untyped-def]
    scan = find_targets(list(grids), list(paragraphs))
    assert len(scan.forms) == 1
    return assemble_targets(source, scan.forms[0], Hints())


MOF = [
    ["项目支出绩效目标表（2024年度）", "", "", "", "", "", "", ""],
    ["项目名称", "学生营养改善", "", "", "主管部门及代码", "[301]示例县教育局", "", ""],
    ["实施单位", "示例县实验小学", "", "", "项目属性", "新增项目□ 延续项目√", "", ""],
    ["项目期", "2021年至2025年", "", "", "金额单位", "万元", "", ""],
    ["项目资金", "年度资金总额", "其中：财政拨款", "其他资金", "", "", "", ""],
    ["", "120万元", "1,000,000元", "20", "", "", "", ""],
    ["总体目标", "中期目标", "", "", "年度目标", "", "", ""],
    ["", "到2025年营养膳食补助全覆盖", "", "", "为1200名学生提供营养膳食补助", "", "", ""],
    ["一级指标", "二级指标", "三级指标", "指标值", "", "", "指标解释", "是否核心指标"],
    ["", "", "", "指标性质", "指标值", "度量单位", "", ""],
    ["产出指标", "数量指标", "受益学生人数", "≥", "1200", "人", "享受补助的学生", "是"],
    ["", "质量指标", "指标1:", "", "", "", "", ""],
    ["", "成本指标", "生均每天补助标准", "≤", "5", "元", "", "否"],
    ["效益指标", "社会效益指标", "★学生营养健康状况", "定性", "明显改善", "", "", ""],
    ["", "", "……", "", "", "", "", ""],
    ["满意度指标", "服务对象满意度指标", "家长满意度", "定性", "90", "%", "", ""],
]
MOF_MERGES = ((0, 0, 0, 7), (4, 0, 5, 0), (6, 0, 7, 0), (8, 0, 9, 0), (8, 1, 9, 1), (8, 2, 9, 2), (8, 3, 8, 5),
              (8, 6, 9, 6), (8, 7, 9, 7), (10, 0, 12, 0), (13, 0, 14, 0), (13, 1, 14, 1))


@pytest.mark.parametrize(("value", "implementer"), [("原州区农技中心/杨勃兴", "原州区农技中心"), ("原州区农技中心", None)])
def test_an_autonomous_region_s_levels_and_joined_labels(value: str, implementer: str | None) -> None:
    """宁夏's head (原州区, tests/test_import_layouts.py YUANZHOU_HEAD) on a 目标表: 「市县主管部门」 is the unit's own
    level over 「自治区主管部门」, and 「实施单位/项目负责人 | 原州区农技中心/杨勃兴」 gives the implementer; a value that
    does not split alike gives none. Before, the department was 「未载明」 and the implementer was lost."""
    rows = [["马铃薯种薯繁育示范推广项目绩效目标表（2022年度）", "", "", ""],
            ["项目名称", "马铃薯种薯繁育示范推广项目", "", ""],
            ["实施单位/项目负责人", value, "自治区主管部门", "农业农村厅"],
            ["市县财政部门", "原州区财政局", "市县主管部门", "原州区农业农村局"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "免费发放原原种", "550万粒"]]
    draft = one(grid(rows))
    assert draft.data["department"] == "原州区农业农村局"
    assert draft.data.get("implementer") == implementer


def test_a_self_evaluation_is_no_target_table() -> None:
    rows = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "受益学生人数", "≥1200人", "1250人", "50", "50"]]
    assert find_targets([grid(rows)], []).forms == []


SHAOGUAN = [  # 韶关's 转移支付 目标表 (tests/forms_layouts/l19), in simplified characters
    ["中等职业学校国家助学金和免学费补助资金绩效目标表（2018年度）", "", "", "", "", ""],
    ["专项名称", "学生资助补助经费", "", "", "", ""],
    ["省级主管部门", "广东省教育厅", "市级主管部门", "韶关市教育局", "县级主管部门", "县(市、区)教育部门"],
    ["一级目标", "二级指标", "三级指标", "指标值", "实际完成值", "未达到指标值原因"],
    ["产出指标", "数量指标", "国家助学金应受助学生数", "100%", "", ""],
]


def test_a_target_table_printed_with_blank_year_end_columns_is_a_target_table() -> None:
    draft = one(grid(SHAOGUAN))
    assert draft.data["indicators"] == [{"level1": "产出指标", "level2": "数量指标", "name": "国家助学金应受助学生数",
                                         "target": "100%"}]
    assert "表1「实际完成值」、「未达到指标值原因」这 2 栏每行都空着（目标表留待年终填写）：未导入" in draft.notes, draft.notes
    filled = [row[:] for row in SHAOGUAN]
    filled[4][4] = "98%"  # the year's end filled in: a 自评表
    assert find_targets([grid(filled)], []).forms == []
    unfilled = [row[:] for row in SHAOGUAN]
    unfilled[0][0] = "中等职业学校国家助学金和免学费补助资金绩效目标自评表（2018年度）"  # a 自评表 not yet filled in
    assert find_targets([grid(unfilled)], []).forms == []


def test_blank_year_end_columns_under_a_spanning_header_keep_the_two_row_header() -> None:
    rows = [["学生资助绩效目标表（2018年度）", "", "", "", "", "", ""],
            ["专项名称", "预算数", "绩效指标", "", "", "", ""],
            ["", "", "一级目标", "二级指标", "三级指标", "指标值", "实际完成值"],
            ["学生资助补助经费", "30", "产出指标", "数量指标", "受助学生数", "168", ""]]
    draft = one(grid(rows, ((0, 0, 0, 6), (1, 0, 2, 0), (1, 1, 2, 1), (1, 2, 1, 6))))
    assert draft.data["name"] == "学生资助补助经费"
    assert [i["name"] for i in draft.data["indicators"]] == ["受助学生数"]


def test_the_years_in_the_midterm_goal_s_label_are_the_period() -> None:
    rows = [["东莞市财政项目支出绩效目标表", "", "", "", "", "", "", ""],  # 东莞 2022, tests/forms_layouts/l20
            ["( 2022 年度)", "", "", "", "", "", "", ""],
            ["项目 名称", "物业管理费支出", "", "", "", "本年度申请市财政预算资金(万元)", "", "282.92"],
            ["总体目标", "实施周期总目标(2022年--2024年)", "", "", "", "年度目标", "", ""],
            ["", "维持场馆正常开放运转", "", "", "", "2022年维持场馆正常开放运转", "", ""],
            ["绩效指标", "一级 指标", "二级 指标", "三级 指标", "实施周期指标值", "二级 指标", "三级 指标", "当年度指标值"],
            ["", "产出指标", "质量指标", "物业管理保障工作合格率", "100%", "质量指标", "物业管理保障工作合格率", "100%"]]
    merges = ((0, 0, 0, 7), (1, 0, 1, 7), (2, 1, 2, 4), (2, 5, 2, 6), (3, 0, 4, 0), (3, 1, 3, 4), (3, 5, 3, 7),
              (4, 1, 4, 4), (4, 5, 4, 7), (5, 0, 6, 0))
    draft = one(grid(rows, merges))
    assert draft.data["period"] == "2022年--2024年"
    assert draft.data["indicators"][0]["target"] == draft.data["midterm_indicators"][0]["target"] == "100%"


def test_an_allocation_s_year_amount_and_its_central_and_local_parts() -> None:
    rows = [["2022年普惠金融发展专项资金绩效目标表（2022年度）", "", "", ""],  # 汉阴县, tests/forms_targets/t15
            ["专项名称", "普惠金融发展专项资金", "", ""],
            ["资金情况\n(万元)", "年度金额", "112", ""],
            ["", "其中:中央补助", "40", ""],
            ["", "地方资金", "72", ""],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "本年度创业担保贷款发放额", "4000万元"]]
    draft = one(grid(rows, ((2, 0, 4, 0),)))
    assert draft.data["funds"] == {"unit": "万元", "total": "112", "fiscal": "112"}


def test_the_nearest_level_a_target_table_fills_in_is_its_department() -> None:
    draft = one(grid(SHAOGUAN))
    assert draft.data["department"] == "韶关市教育局"
    assert any("「县级主管部门：县(市、区)教育部门」是模板留给下级填写的占位文字" in n for n in draft.notes), draft.notes
    assert any("取最近一级的「市级主管部门：韶关市教育局」" in n and "「广东省教育厅」未写入" in n for n in draft.notes), draft.notes
    county = [row[:] for row in SHAOGUAN]
    county[2][5] = "乐昌市教育局"
    assert one(grid(county)).data["department"] == "乐昌市教育局"
    plain = [*SHAOGUAN[:2], ["主管部门", "韶关市教育局", "", "", "", ""], ["市级主管部门", "广东省教育厅", "", "", "", ""],
             *SHAOGUAN[3:]]
    draft = one(grid(plain))
    assert draft.data["department"] == "韶关市教育局"
    assert any("另有不分级的一栏写「韶关市教育局」" in n and "「市级主管部门：广东省教育厅」未写入" in n for n in draft.notes), draft.notes


def test_the_101_form_facts_money_goals_and_split_target_columns() -> None:
    draft = one(grid(MOF, MOF_MERGES))
    data = draft.data
    assert (data["name"], data["year"], data["department"], data["department_code"]) == (
        "学生营养改善", "2024", "示例县教育局", "301")
    assert (data["implementer"], data["attribute"], data["period"]) == ("示例县实验小学", "延续", "2021年至2025年")
    # 1,000,000元 in a 万元 table is 100 万元: the point moved, no digit lost
    assert data["funds"] == {"unit": "万元", "total": "120", "fiscal": "100", "other": "20"}
    assert (data["midterm_goal"], data["annual_goal"]) == ("到2025年营养膳食补助全覆盖", "为1200名学生提供营养膳食补助")
    items = data["indicators"]
    assert [i["name"] for i in items] == ["受益学生人数", "生均每天补助标准", "学生营养健康状况", "家长满意度"]
    assert (items[0]["target"], items[0]["explanation"], items[0]["core"]) == ("≥1200人", "享受补助的学生", True)
    assert items[1]["target"] == "≤5元" and "core" not in items[1]  # 否: the default
    assert items[2] == {"level1": "效益指标", "level2": "社会效益指标", "name": "学生营养健康状况", "target": "明显改善", "core": True}
    # 定性 over a figure: the target alone would read as ≥90%, so 指标性质 is kept
    assert (items[3]["nature"], items[3]["target"]) == ("定性", "90%")
    assert any("第12行、第15行" in n and "「指标1:」" in n and "「……」" in n and "模板" in n for n in draft.notes), draft.notes


def test_the_101_form_imports_and_checks(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    for r, row in enumerate(MOF, 1):
        for c, text in enumerate(row, 1):
            if text:
                sheet.cell(r, c).value = text
    for r0, c0, r1, c1 in MOF_MERGES:
        sheet.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    book.save(tmp_path / "营养改善绩效目标表.xlsx")
    report = import_file(tmp_path / "营养改善绩效目标表.xlsx", Options(tmp_path / "out"), SiteConfig(), set())
    assert report.status is Status.IMPORTED, (report.failure, [p.as_text() for p in report.problems])
    table = table_of(report.written[0])
    assert table.indicators[0].figures[0].amount == Decimal(1200)
    assert table.funds is not None and table.funds.computed_total == table.funds.total == Decimal(120)


def test_template_leftovers_and_rows_that_say_no_indicator_applies() -> None:
    """Anhui's template: 「指标1:」 before each name and 「(≥**%)」 hints after some, a money line left
    blank above the 年度目标 whose text starts 「目标1:」, a 生态效益 row saying it does not apply."""
    rows = [["项目支出绩效目标申报表（2021年度）", "", "", ""],
            ["项目名称", "物业管理", "", ""],
            ["项目资金（万元）", "年度资金总额:", "100", ""],
            ["", "其他资金", "", ""],
            ["年度目标", "目标1:维护小区环境", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "成本指标", "指标1:项目总成本(≤**万元)", "≤100万元"],
            ["效益指标", "生态效益指标", "本项目不适用此指标", "无"],
            ["", "社会效益指标", "不涉及", "10户"],
            ["满意度指标", "服务对象满意度指标", "指标1:居民满意度（≥**%）", "≥90%"]]
    draft = one(grid(rows, ((0, 0, 0, 3), (1, 1, 1, 3), (2, 0, 3, 0), (2, 2, 2, 3), (3, 2, 3, 3), (4, 1, 4, 3), (7, 0, 8, 0))))
    data = draft.data
    assert data["annual_goal"] == "目标1:维护小区环境"
    assert data["funds"] == {"unit": "万元", "total": "100"}
    # a name the unit wrote 「不涉及」 with a figure beside it is an indicator, kept as printed
    assert [(i["name"], i["target"]) for i in data["indicators"]] == [
        ("项目总成本", "≤100万元"), ("不涉及", "10户"), ("居民满意度", "≥90%")]
    assert any("第8行" in n and "不适用" in n for n in draft.notes), draft.notes


def test_an_allocation_table_with_one_overall_goal() -> None:
    """A 下达 table (中央预算内投资计划绩效目标表): 下达地方或单位, one amount, one 总体目标, and a level
    above 产出/效益 (一级 「实施效果指标」)."""
    rows = [["2022年中央预算内投资计划绩效目标表", "", "", ""],
            ["专项名称", "农业绿色发展专项", "", ""],
            ["下达地方或单位", "示例区人民政府", "", ""],
            ["下达中央预算内投资(万元)", "2350", "", ""],
            ["总 体 目 标", "提高畜禽粪污综合利用率。", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["实施效果指标", "产出指标", "建设项目个数", "1"],
            ["", "效益指标", "畜禽粪污综合利用率", "≥90%"]]
    merges = ((0, 0, 0, 3), (1, 1, 1, 3), (2, 1, 2, 3), (3, 1, 3, 3), (4, 1, 4, 3), (6, 0, 7, 0))
    draft = one(grid(rows, merges))
    data = draft.data
    assert (data["name"], data["year"], data["department"]) == ("农业绿色发展专项", "2022", "示例区人民政府")
    assert data["funds"] == {"unit": "万元", "total": "2350"}
    assert data["annual_goal"] == "提高畜禽粪污综合利用率。"
    assert [(i["level1"], i["level2"]) for i in data["indicators"]] == [("实施效果指标", "产出指标"), ("实施效果指标", "效益指标")]


def test_a_department_list_makes_one_file_per_programme(tmp_path: Path) -> None:
    rows = [["部门预算项目绩效目标表(2024年度)", "", "", "", "", "", "", "", ""],
            ["金额单位:元", "", "", "", "", "", "", "", ""],
            ["单位名称", "项目名称", "预算数", "年度目标", "一级指标", "三级指标", "指标性质", "指标值", "度量单位"],
            ["101-示例镇部门", "", "300,000.00", "", "", "", "", "", ""],
            ["101001-示例镇人民政府", "村组干部报酬", "200,000.00", "按时发放", "产出指标", "发放人数", "≥", "30", "人"],
            ["", "", "", "", "满意度指标", "群众满意度", "≥", "95", "%"],
            ["", "基层组织活动经费", "100,000.00", "保障运转", "产出指标", "村（社区）数", "=", "11", "个"]]
    merges = ((0, 0, 0, 8), (1, 0, 1, 8), (3, 0, 3, 1), (4, 0, 6, 0), (4, 1, 5, 1), (4, 2, 5, 2), (4, 3, 5, 3))
    scan = find_targets([grid(rows, merges)], [])
    drafts = [assemble_targets("list.xlsx", form, Hints()) for form in scan.forms]
    assert [d.data["name"] for d in drafts] == ["村组干部报酬", "基层组织活动经费"]
    assert all((d.data["department"], d.data["department_code"], d.data["implementer"]) == ("示例镇部门", "101", "示例镇人民政府")
               for d in drafts)
    assert [d.data["funds"] for d in drafts] == [{"unit": "元", "total": "200000.00"}, {"unit": "元", "total": "100000.00"}]
    assert [[i["target"] for i in d.data["indicators"]] for d in drafts] == [["≥30人", "≥95%"], ["=11个"]]
    assert [d.tables_used for d in drafts] == ["表1第5行起", "表1第7行起"]


def test_a_self_evaluation_and_its_target_table_import_to_two_files(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """The 自评 keeps <id>.yaml, the 绩效目标表 goes beside it as <id>-mubiao.yaml with `id: <id>`,
    whichever comes first; `perfsite check` takes both, and a second import overwrites neither."""
    source = tmp_path / "in"
    source.mkdir()
    book = Workbook()
    for r, row in enumerate([["项目名称", "村道维修"], ["主管部门", "示例县交通局"], ["评价年度", "2023"],
                             ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分"],
                             ["产出指标", "数量指标", "维修里程", "100", "≥10公里", "10公里", "100"]], 1):
        for c, text in enumerate(row, 1):
            book.active.cell(r, c).value = text
    book.save(source / "b-自评表.xlsx")
    book = Workbook()
    for r, row in enumerate([["项目支出绩效目标表（2023年度）"], ["项目名称", "村道维修"], ["主管部门", "示例县交通局"],
                             ["一级指标", "二级指标", "三级指标", "指标值"],
                             ["产出指标", "数量指标", "维修里程", "≥10公里"]], 1):
        for c, text in enumerate(row, 1):
            book.active.cell(r, c).value = text
    book.save(source / "a-绩效目标表.xlsx")
    out = tmp_path / "data"
    assert main(["import", str(source), "--out", str(out)]) == 0
    folder = out / "2023" / "imported"
    assert sorted(p.name for p in folder.iterdir()) == ["cundao-weixiu-mubiao.yaml", "cundao-weixiu.yaml"]
    assert table_of(folder / "cundao-weixiu-mubiao.yaml").id == "cundao-weixiu"
    assert main(["check", str(out)]) == 0
    capsys.readouterr()
    again = import_batch(sorted(source.iterdir()), Options(out), SiteConfig(), set())
    assert [r.status for r in again] == [Status.SKIPPED, Status.SKIPPED]  # the same files: nothing to do
    for written_file in folder.iterdir():  # the clerk's edits: importing again would lose them
        written_file.write_text(written_file.read_text(encoding="utf-8") + "# 已核对\n", encoding="utf-8")
    again = import_batch(sorted(source.iterdir()), Options(out), SiteConfig(), set())
    assert [r.status for r in again] == [Status.FAILED, Status.FAILED]
    assert "已是同一项目的绩效目标表" in again[0].failure and "cundao-weixiu-mubiao.yaml" in again[0].failure
    assert "已是同一项目（" in again[1].failure and "cundao-weixiu.yaml" in again[1].failure


def test_a_target_table_for_an_existing_self_evaluation_goes_beside_it(tmp_path: Path) -> None:
    out = tmp_path / "data"
    (out / "2022" / "jiaoyu").mkdir(parents=True)
    (out / "2022" / "jiaoyu" / "yingyang.yaml").write_text(
        "name: 学生营养改善\nyear: 2022\ndepartment: 示例县教育局\nindicators:\n"
        "  - {level1: 产出指标, name: 受益学生人数, weight: 100, target: 1200人, actual: 1200人}\n", encoding="utf-8")
    book = Workbook()
    for r, row in enumerate([["项目名称", "学生营养改善"], ["主管部门", "示例县教育局"], ["年度", "2022"],
                             ["三级指标", "指标值"], ["受益学生人数", "≥1200人"]], 1):
        for c, text in enumerate(row, 1):
            book.active.cell(r, c).value = text
    book.save(tmp_path / "目标.xlsx")
    report = import_file(tmp_path / "目标.xlsx", Options(out), SiteConfig(), set())
    assert report.written == [out / "2022" / "jiaoyu" / "yingyang-mubiao.yaml"]
    assert table_of(report.written[0]).id == "yingyang"
    assert any("共用网址编号 yingyang" in n for n in report.notes)


def test_a_table_without_indicator_rows_is_refused_by_name() -> None:
    rows = [["项目名称", "村道维修"], ["主管部门", "示例县交通局"], ["年度", "2023"], ["三级指标", "指标值"],
            ["……", ""]]
    scan = find_targets([grid(rows)], [])
    with pytest.raises(ImportFailure, match="表1 是绩效目标表的指标表，但表中没有指标行"):
        assemble_targets("目标.xlsx", scan.forms[0], Hints())


def test_cells_that_cannot_be_read_are_named_by_cell() -> None:
    rows = [["项目名称", "村道维修"], ["主管部门", "示例县交通局"], ["年度", "2023"],
            ["三级指标", "指标值", "权重"], ["维修里程", "≥10公里", "十"], ["", "≥95%", "10"]]
    draft = one(grid(rows))
    assert "表1 第5行第3列：权重「十」不是数字，未写入" in draft.notes
    assert any("表1 第6行有指标值「≥95%」，但没有指标名称" in n for n in draft.notes), draft.notes


def test_weights_not_adding_up_to_100_are_written_as_the_form_adds_them() -> None:
    rows = [["项目名称", "村道维修"], ["主管部门", "示例县交通局"], ["年度", "2023"],
            ["三级指标", "指标值", "权重"], ["维修里程", "≥10公里", "50"], ["群众满意度", "≥95%", "40"]]
    draft = one(grid(rows))
    assert draft.data["weight_total"] == "90"
    assert ("weight_total",) in draft.comments
    assert any("权重之和为 90，不是 100" in n for n in draft.notes)


def test_a_middle_term_set_beside_the_annual_set_is_written_as_midterm_indicators() -> None:
    rows = [["项目名称", "道路改造", "", "", "", "", ""], ["年度", "2019", "", "", "", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "改造里程", "169公里", "数量指标", "改造里程", "30公里"],
            ["", "质量指标", "验收合格率", "100%", "质量指标", "优良率", "≥90%"]]
    draft = one(grid(rows, ((3, 0, 4, 0),)))
    # unlabelled sets: forms print the 中期 set first, the 年度 set to its right
    assert [(i["level1"], i["level2"], i["name"], i["target"]) for i in draft.data["indicators"]] == [
        ("产出指标", "数量指标", "改造里程", "30公里"), ("产出指标", "质量指标", "优良率", "≥90%")]
    assert [(i["level1"], i["level2"], i["name"], i["target"]) for i in draft.data["midterm_indicators"]] == [
        ("产出指标", "数量指标", "改造里程", "169公里"), ("产出指标", "质量指标", "验收合格率", "100%")]
    assert any("第B–D列按中期指标写入 midterm_indicators" in n and "第E–G列按年度指标写入 indicators" in n
               for n in draft.notes), draft.notes
    assert any("另有中期指标 2 项" in line for line in draft.found), draft.found


def test_labelled_sets_are_read_by_their_labels_not_their_places() -> None:
    """A 中期 set printed to the right of the 年度 set (as `perfsite template` lays it out) is still the 中期 set."""
    rows = [["项目名称", "道路改造", "", "", "", ""], ["年度", "2019", "", "", "", ""],
            ["年度绩效指标", "", "", "中期绩效指标", "", ""],
            ["二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"],
            ["数量指标", "改造里程", "30公里", "数量指标", "累计改造里程", "169公里"]]
    draft = one(grid(rows))
    assert [i["name"] for i in draft.data["indicators"]] == ["改造里程"]
    assert [(i["name"], i["target"]) for i in draft.data["midterm_indicators"]] == [("累计改造里程", "169公里")]


def test_a_middle_term_block_over_the_annual_block_is_read_by_its_caption() -> None:
    rows = [["项目名称", "镇域基础设施建设", "", ""], ["年度", "2021", "", ""],
            ["长期绩效指标", "", "", ""],
            ["一级指标", "二级指标", "指标内容", "指标值"],
            ["产出指标", "数量指标", "建设项目数", "≥12个"],
            ["合计", "", "", ""],
            ["年度绩效指标", "", "", ""],
            ["一级指标", "二级指标", "指标内容", "指标值"],
            ["产出指标", "数量指标", "建设项目数", "≥4个"],
            ["效益指标", "满意度指标", "群众满意度", "≥90%"]]
    draft = one(grid(rows))
    assert [(i["name"], i["target"]) for i in draft.data["indicators"]] == [("建设项目数", "≥4个"), ("群众满意度", "≥90%")]
    assert [(i["level1"], i["name"], i["target"]) for i in draft.data["midterm_indicators"]] == [("产出指标", "建设项目数", "≥12个")]
    assert any("上下排列" in n for n in draft.notes), draft.notes


def test_a_middle_term_value_column_makes_the_row_an_indicator_of_both_sets() -> None:
    rows = [["项目名称", "道路改造", "", "", "", ""], ["年度", "2022", "", "", "", ""],
            ["一级指标", "三级指标", "度量单位", "中期指标值", "年度指标值", "权重"],
            ["产出指标", "改造里程", "公里", "169", "30", "60"],
            ["", "累计受益人口", "万人", "12", "/", ""],
            ["效益指标", "群众满意度", "%", "≥90", "≥90", "40"]]
    draft = one(grid(rows, ((3, 0, 4, 0),)))
    assert [(i["name"], i["target"], i.get("weight")) for i in draft.data["indicators"]] == [
        ("改造里程", "30公里", "60"), ("群众满意度", "≥90%", "40")]
    assert [(i["level1"], i["name"], i["target"], i.get("weight")) for i in draft.data["midterm_indicators"]] == [
        ("产出指标", "改造里程", "169公里", None), ("产出指标", "累计受益人口", "12万人", None),
        ("效益指标", "群众满意度", "≥90%", None)]


def test_a_department_list_in_a_batch_reports_each_programme(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    book = Workbook()
    rows = [["部门预算项目绩效目标表(2024年度)"], ["金额单位:元"],
            ["单位名称", "项目名称", "预算数", "年度目标", "一级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重"],
            ["101001-示例镇人民政府", "村组干部报酬", "200,000.00", "按时发放", "产出指标", "发放人数", "≥", "30", "人", "100"],
            ["", "基层组织活动经费", "100,000.00", "保障运转", "产出指标", "村（社区）数", "=", "11", "个", "100"]]
    for r, row in enumerate(rows, 1):
        for c, text in enumerate(row, 1):
            if text:
                book.active.cell(r, c).value = text
    book.active.merge_cells("A4:A5")
    book.save(tmp_path / "示例镇绩效目标.xlsx")
    assert main(["import", str(tmp_path / "示例镇绩效目标.xlsx"), "--out", str(tmp_path / "data"), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [f["source"].rsplit("（", 1)[-1] for f in result["files"]] == ["工作表「Sheet」第4行起）", "工作表「Sheet」第5行起）"]
    assert [f["status"] for f in result["files"]] == ["imported", "imported"]
    written = sorted(p.name for p in (tmp_path / "data" / "2024" / "imported").iterdir())
    assert written == ["cunzu-ganbu-baochou-mubiao.yaml", "jiceng-zuzhi-huodong-jingfei-mubiao.yaml"]
    # no department row above the unit: the unit stands for the 主管部门 (a comment says so)
    assert [table_of(tmp_path / "data" / "2024" / "imported" / name).department for name in written] == ["示例镇人民政府"] * 2


def test_a_period_value_column_as_guangdong_prints_it() -> None:
    """广东's 专项资金 绩效目标表 has 年度目标值 | 实施周期目标值 columns (seen at www.dy1993.cn/O0nx.html)."""
    rows = [["项目名称", "新建高校建设", "", ""], ["年度", "2021", "", ""], ["实施周期", "2020年-2022年", "", ""],
            ["二级指标", "三级指标", "年度目标值", "实施周期目标值"],
            ["数量指标", "新建高校(校区)", "7", "7"],
            ["质量指标", "工程质量达标率(%)", "100%", "100%"]]
    draft = one(grid(rows))
    assert draft.data["period"] == "2020年-2022年"
    assert [(i["name"], i["target"]) for i in draft.data["indicators"]] == [("新建高校(校区)", "7"), ("工程质量达标率(%)", "100%")]
    assert [(i["name"], i["target"]) for i in draft.data["midterm_indicators"]] == [("新建高校(校区)", "7"),
                                                                                    ("工程质量达标率(%)", "100%")]


# --------------------------------------------------------------------------- what the clerk is told

HEAD = [["项目支出绩效目标表（2024年度）"], ["项目名称", "村道维修"], ["主管部门", "示例县交通局"]]


def _sheet(path: Path, rows: list[list[str]], merges: tuple[str, ...] = ()) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "目标表"
    for r, row in enumerate(rows, 1):
        for c, text in enumerate(row, 1):
            if text:
                sheet.cell(r, c).value = text
    for merge in merges:
        sheet.merge_cells(merge)
    book.save(path)
    return path


def test_a_header_without_its_target_column_is_named_with_what_to_do(tmp_path: Path) -> None:
    """The 指标值 column headed in words no form had (「预期数值」): the clerk reads which sheet and row
    look like the header, which label is not known, and what to change; not the 自评 reader's words."""
    path = _sheet(tmp_path / "缺指标值.xlsx", [*HEAD, ["一级指标", "二级指标", "三级指标", "预期数值", "度量单位"],
                                              ["产出指标", "数量指标", "维修里程", "10", "公里"]])
    report = import_file(path, Options(tmp_path / "out"), SiteConfig(), set())
    assert report.status is Status.FAILED and not report.written
    assert report.failure.startswith("工作表「目标表」第 4 行像是绩效目标表的指标表头，但没有「指标值」一栏"), report.failure
    assert "认不出的列名：D4「预期数值」" in report.failure and "请把写指标值的那一栏的表头改为「指标值」后重新导入" in report.failure


def test_a_project_name_merged_over_two_programmes_fails_naming_the_rows(tmp_path: Path) -> None:
    """A list whose 项目名称 is merged down over the next programme's first row (its own 预算数 and
    年度目标 show it): importing would give the first programme the second's indicators, so nothing is
    written and the clerk is told which rows to unmerge."""
    rows = [["部门预算项目绩效目标表(2024年度)"], ["金额单位:元"],
            ["单位名称", "项目名称", "预算数", "年度目标", "一级指标", "三级指标", "指标性质", "指标值", "度量单位"],
            ["101001-示例镇人民政府", "村组干部报酬", "200,000.00", "按时发放", "产出指标", "发放人数", "≥", "30", "人"],
            ["", "", "", "", "满意度指标", "群众满意度", "≥", "95", "%"],
            ["", "", "100,000.00", "保障运转", "产出指标", "村（社区）数", "=", "11", "个"]]
    report = import_file(_sheet(tmp_path / "合并.xlsx", rows, ("A4:A6", "B4:B6")), Options(tmp_path / "out"), SiteConfig(), set())
    assert report.status is Status.FAILED and not report.written
    assert report.failure == ("工作表「目标表」 第6行另有预算数「100,000.00」、年度目标「保障运转」，但它的项目名称一格是第4行"
                              "「村组干部报酬」向下合并来的：这一行像是另一个项目的第一行，项目名称被合并单元格盖住了。"
                              "请拆开第4行起合并的项目名称，给第6行填上它自己的项目名称后重新导入")


def test_a_blank_sign_over_a_figure_is_said_to_read_as_at_least(tmp_path: Path) -> None:
    path = _sheet(tmp_path / "缺性质.xlsx", [*HEAD, ["一级指标", "三级指标", "指标性质", "指标值", "度量单位"],
                                            ["产出指标", "维修里程", "≥", "10", "公里"], ["满意度指标", "群众满意度", "", "95", "%"],
                                            ["效益指标", "通行状况", "", "明显改善", ""]])
    report = import_file(path, Options(tmp_path / "out"), SiteConfig(), set())
    assert report.status is Status.IMPORTED
    said = [n for n in report.notes if "指标性质一格空着" in n]
    assert said == ["工作表「目标表」 C6：指标「群众满意度」的指标性质一格空着，指标值「95%」将按 ≥ 读："
                    "请对照原表核对；是 ≤ 或 = 时，请把符号写在指标值前（如 ≤5元）"]  # a text target has no sign to miss


def test_a_table_cut_in_its_last_row_is_said_to_be_cut(tmp_path: Path) -> None:
    path = _sheet(tmp_path / "截断.xlsx", [*HEAD, ["一级指标", "二级指标", "三级指标", "指标值"],
                                          ["产出指标", "数量指标", "维修里程", "≥10公里"],
                                          ["效益指标", "社会效益指标", "群众出行", ""]])
    report = import_file(path, Options(tmp_path / "out"), SiteConfig(), set())
    assert any(n.startswith("工作表「目标表」 C6 是指标表的最后一行，却没有指标值：原表可能在这里被截断") for n in report.notes), report.notes
    assert report.status is Status.NEEDS_CHANGES  # the empty target is an error the check names too


@pytest.mark.parametrize(("written", "department", "code"), [
    ("示例县交通局 101001", "示例县交通局", "101001"), ("示例县交通局(101001)", "示例县交通局", "101001"),
    ("[101001]示例县交通局", "示例县交通局", "101001"), ("示例县交通局2024", "示例县交通局2024", None)])
def test_a_unit_code_before_or_after_the_department_is_taken_off(written: str, department: str, code: str | None) -> None:
    draft = one(grid([["项目名称", "村道维修"], ["主管部门", written], ["年度", "2024"], ["三级指标", "指标值"],
                      ["维修里程", "≥10公里"]]))
    assert (draft.data["department"], draft.data.get("department_code")) == (department, code)


def test_a_period_of_months_is_spelt_out_and_one_without_years_is_left_to_the_clerk() -> None:
    def period_of(text: str):  # type: ignore[no-untyped-def]
        return one(grid([["项目名称", "村道维修"], ["主管部门", "示例县交通局"], ["年度", "2024"], ["项目起止时间", text],
                         ["三级指标", "指标值"], ["维修里程", "≥10公里"]]))
    spelt = period_of("202401-202412")
    assert spelt.data["period"] == "2024年01月-2024年12月" and ("period",) in spelt.comments
    garbled = period_of("20246-202516")
    assert "period" not in garbled.data
    assert "起止年限「20246-202516」读不出起止年份：未写入 period，请按原件填写（如 2024-2025）" in garbled.notes


def test_money_listed_line_by_line_in_one_cell_and_the_year_s_lines_over_the_project_s() -> None:
    lines = one(grid([["项目名称", "村道维修"], ["主管部门", "示例县交通局"], ["年度", "2024"],
                      ["项目资金申请（万元）", "资金总额: 250\n一、预算资金:230\n二、自有资金:15\n三、其他:5"],
                      ["三级指标", "指标值"], ["维修里程", "≥10公里"]]))
    assert lines.data["funds"] == {"unit": "万元", "total": "250", "fiscal": "230", "other": "20"}
    yearly = one(grid([["项目名称", "村道维修", "", ""], ["主管部门", "示例县交通局", "", ""], ["年度", "2024", "", ""],
                       ["资金总额", "900万元", "当年资金总额", "300万元"], ["其中:财政拨款", "800万元", "其中:当年财政拨款", "250万元"],
                       ["三级指标", "指标值", "", ""], ["维修里程", "≥10公里", "", ""]]))
    assert yearly.data["funds"] == {"unit": "万元", "total": "300", "fiscal": "250"}
    assert ("funds",) in yearly.comments


def test_a_value_type_column_of_signs_is_the_sign_column() -> None:
    """湖南's 2025 form heads its sign column 指标值类型 and fills it with ≤, 定性 or 定量 (seen at
    nxjw.nanxian.gov.cn/14890/36191/36261/38621/content_2047266.html, cut in its copy)."""
    rows = [["项目支出名称", "基本公共卫生服务", "", "", "", ""], ["主管部门", "南县卫健局", "", "", "", ""],
            ["年度", "2025", "", "", "", ""], ["一级指标", "二级指标", "三级指标", "指标值类型", "目标值", "度量单位"],
            ["成本指标", "经济成本指标", "疾病预防控制中心经费", "≤", "70", "万元"],
            ["", "社会成本指标", "实施项目对社会产生的不利影响", "定性", "减少", ""],
            ["产出指标", "数量指标", "培训人次", "定量", "200", "人次"]]
    draft = one(grid(rows))
    assert [i["target"] for i in draft.data["indicators"]] == ["≤70万元", "减少", "200人次"]
    assert not any("nature" in i for i in draft.data["indicators"])  # 定量 is no sign, 定性 over a word needs none
    assert "表1「指标值类型」一列填的是 ≥、≤、=、定性、定量：按指标性质读入（定量不写）" in draft.notes


def test_a_row_is_named_by_its_excel_number_with_a_page_header_and_hidden_rows(tmp_path: Path) -> None:
    """The page header's lines stand above the grid and a hidden row is left out of it: the header row
    the message names is still row 5 of the sheet, where the clerk finds it, not the 5th of the grid."""
    from openpyxl import load_workbook

    path = _sheet(tmp_path / "缺指标值.xlsx", [*HEAD, ["（本行隐藏）"], ["一级指标", "二级指标", "三级指标", "预期数值", "度量单位"],
                                              ["产出指标", "数量指标", "维修里程", "10", "公里"]])
    book = load_workbook(path)
    sheet = book.active
    sheet.row_dimensions[4].hidden = True
    sheet.oddHeader.center.text = "2023年度项目支出绩效目标表\n单位名称：示例县交通运输局"
    book.save(path)
    report = import_file(path, Options(tmp_path / "out"), SiteConfig(), set())
    assert report.failure.startswith("工作表「目标表」第 5 行像是绩效目标表的指标表头"), report.failure


@pytest.mark.parametrize(("target", "left_out"), [
    ("公里", True), ("万亩", True), ("≧ %", True), ("≥ 万元", True), ("次/年", True),
    ("≥90%", False), ("显著提升", False), ("达标", False), ("满意", False), ("", False),
])
def test_a_target_of_a_sign_and_a_unit_only_has_its_figure_left_out(target: str, left_out: bool) -> None:
    """陈仓区's 2020 水利 目标表 (tests/forms_layouts/l22) prints the template's rows unfilled: 「公里」「≧ %」 are
    written as printed and said; a qualitative target is no figure left out."""
    from perfsite.importing.labels import no_figure

    assert no_figure(target) is left_out
