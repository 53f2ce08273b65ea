"""Forms from places the importer was not written against (tests/forms_layouts/*/form.yaml) import
as an auditor reads them.

Each transcription is a real published table, often cut where the stored page ends; its ``expect``
block was written by hand from the visible part before the importer was run: the facts, the money,
each indicator with its level path, target, actual, weight and score, and what the clerk must be
told about the part that is missing (a cut 总分 is named, never made up). The grid is handed in
as a unit would (.xlsx and .docx, tests/forms/make.py) and the written data file is compared with
``expect`` key by key, so a failure reads as a review note.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
import yaml
from forms.make import Form, load_form, make
from test_import_layout import draft_of, grid

from perfsite.cli import main
from perfsite.importing.assemble import Draft, _fold_numbered_parts, amount_in_words, unit_without_code
from perfsite.importing.grid import compact
from perfsite.importing.labels import SCORING_METHOD, TEMPLATE_HINT, TEMPLATE_NUMBER, bare, level_rank, template_unit
from perfsite.importing.pipeline import _prose_unplaced
from perfsite.importing.tables import scan
from perfsite.importing.text import Prose
from perfsite.reader import split_subtotal

LAYOUTS = Path(__file__).resolve().parent / "forms_layouts"
FOLDERS = sorted(p.parent for p in LAYOUTS.glob("*/form.yaml"))
FACTS = ("name", "year", "department")
NUMBERS = ("weight", "score", "year")
NOTHING = ("", "null", "~")


def same(got: object, want: object, key: str) -> bool:
    """Figures compare by value (``10`` and ``10.00`` are one weight); everything else as text.
    ``null`` in expect means the key must be absent: the figure was cut off and is not to be made up."""
    if str(want) in NOTHING:
        return got is None
    if got is None:
        return False
    if key in NUMBERS or (isinstance(got, (int, float)) and not isinstance(got, bool)):
        try:
            return Decimal(str(got)) == Decimal(str(want))
        except InvalidOperation:
            return False
    return str(got) == str(want)


def row_total(row: object) -> Decimal | None:
    """A budget row as the table prints its total: a figure, or a mapping's ``total`` or sum."""
    if row is None:
        return None
    if isinstance(row, dict):
        if "total" in row:
            return Decimal(str(row["total"]))
        return sum((Decimal(str(v)) for v in row.values()), Decimal(0))
    return Decimal(str(row))


def differences(data: dict, want: dict, printed: str) -> list[str]:  # type: ignore[type-arg]
    out = []
    kind = data.get("kind", "自评")
    if kind != want.get("kind", "自评"):
        out.append(f"kind: 导入「{kind}」，应为「{want['kind']}」")
    out += [f"{key}: 导入「{data.get(key)}」，应为「{want[key]}」"
            for key in FACTS if key in want and not same(data.get(key), want[key], key)]
    budget = want.get("budget")
    if isinstance(budget, dict):
        got = data.get("budget") or {}
        if got.get("unit", "万元") != budget.get("unit", "万元"):
            out.append(f"budget.unit: 导入「{got.get('unit')}」，应为「{budget.get('unit')}」")
        for row, figure in budget.items():
            if row == "unit":
                continue
            if str(figure) in NOTHING:
                if got.get(row) is not None:
                    out.append(f"budget.{row}: 原表这一行没有可读的金额，却写了 {got.get(row)}")
            elif row_total(got.get(row)) != Decimal(figure):
                out.append(f"budget.{row}: 导入 {got.get(row)}，应为 {figure}")
    funds = want.get("funds")
    if isinstance(funds, dict):
        got = data.get("funds") or {}
        for part in sorted({*funds, *got}):
            if part not in funds or part not in got or not same(got[part], funds[part], "weight" if part != "unit" else part):
                out.append(f"funds.{part}: 导入 {got.get(part)}，应为 {funds.get(part)}")
    if want.get("reported", "x") in NOTHING and "reported" in data:
        out.append(f"reported: 原表没有总分（被截去），却写了 {data['reported']}")
    mine, theirs = data.get("indicators") or [], want.get("indicators") or []
    if len(mine) != len(theirs):
        out.append(f"indicators: 导入 {len(mine)} 项，应为 {len(theirs)} 项："
                   f"{[i.get('name') for i in mine]} / {[i.get('name') for i in theirs]}")
    else:
        for n, (x, y) in enumerate(zip(mine, theirs, strict=True)):
            out += [f"indicators[{n}].{key}（{y.get('name')}）: 导入「{x.get(key)}」，应为「{y[key]}」"
                    for key in y if not same(x.get(key), y[key], key)]
    out += [f"结果中没有提示「{words}」" for words in want.get("says") or [] if words not in printed]
    return out


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_each_transcription_says_where_it_was_read_and_what_an_auditor_reads(folder: Path) -> None:
    meta = load_form(folder).meta
    for key in ("address", "date", "title", "place", "form", "file", "cut", "quirks", "expect"):
        assert meta.get(key), f"{folder.name}/form.yaml 缺少 {key}"
    expect = meta["expect"]
    assert isinstance(expect, dict)
    for key in ("kind", "name", "year", "department", "indicators"):
        assert expect.get(key), f"{folder.name}: expect 缺少 {key}"


def test_the_layouts_come_from_more_than_one_province() -> None:
    provinces = {str(load_form(f).meta["place"]["province"]) for f in FOLDERS}  # type: ignore[index]
    assert len(provinces) >= 3, provinces


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_form_imports_as_the_auditor_reads_it(folder: Path, kind: str, tmp_path: Path) -> None:
    form = load_form(folder)
    xlsx, docx = make(folder, tmp_path / "in")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        main(["import", str(xlsx if kind == "xlsx" else docx), "--out", str(tmp_path / "out")])
    written = sorted((tmp_path / "out").rglob("*.yaml"))
    assert len(written) == 1, printed.getvalue()
    data = yaml.safe_load(written[0].read_text(encoding="utf-8"))
    diff = differences(data, form.meta["expect"], printed.getvalue())  # type: ignore[arg-type]
    assert not diff, "\n".join([f"{form.file}.{kind}", *diff, "", printed.getvalue()])


@pytest.mark.parametrize(("text", "unit", "figure"), [
    ("854万(高标准农田建设400万元,示范建设295万元,畅通工程159万元)", "万元", "854"),
    ("中央衔接推进乡村振兴补助资金(少数民族发展任务)50", "万元", "50"),
    ("少数民族发展资金37万元", "万元", "37"),
    ("中央衔接资金17500元", "万元", "1.75"),
    ("854万854万(高标准农田建设400万元,示范建设295万元,畅通工程159万元)", "万元", None),
    ("854万(高标准农田建设400万元,示范建设295万元)", "万元", None),
    ("2022年原州区健康饮茶项目38.75万元(少数民族发展资金37万元,中央衔接资金1.75万元)", "万元", None),
    ("已完成", "万元", None),
    ("不超过50万元", "万元", None),
    ("约50万元", "万元", None),
])
def test_an_amount_inside_words_is_read_only_when_one_reading_is_left(text: str, unit: str, figure: str | None) -> None:
    value, _, how = amount_in_words(text, unit)
    assert (None if value is None else Decimal(str(value))) == (None if figure is None else Decimal(figure))
    assert bool(how) == (figure is not None)


@pytest.mark.parametrize(("text", "name", "code"), [
    ("原州区宗教事务局116422210101621779", "原州区宗教事务局", "116422210101621779"),
    ("219-池州市贵池区棠溪镇人民政府", "池州市贵池区棠溪镇人民政府", "219"),
    ("第2022号工程指挥部", "第2022号工程指挥部", ""),
    ("县教育局2023", "县教育局2023", ""),
])
def test_a_unit_code_before_or_after_the_name_is_dropped(text: str, name: str, code: str) -> None:
    assert unit_without_code(text) == (name, code)


@pytest.mark.parametrize(("cell", "name"), [
    ("指标1工程完工率", "工程完工率"), ("指标1：达标率", "达标率"), ("指标 2: 按期完工率", "按期完工率"),
    ("指标2:", "指标2:"), ("指标10%", "指标10%"), ("指标值达标率", "指标值达标率"),
])
def test_a_template_number_is_dropped_with_or_without_its_colon(cell: str, name: str) -> None:
    assert (TEMPLATE_NUMBER.sub("", cell) or cell) == name


@pytest.mark.parametrize(("cell", "name"), [
    ("公猪舍(≥**平方米)", "公猪舍"), ("排污沟(≥米)", "排污沟"), ("保育栏（≥套）", "保育栏"),
    ("遗留物业费(≥**%)。", "遗留物业费。"), ("粉碎拌合机(11kw)(≥台)", "粉碎拌合机(11kw)"),
    ("满意度(≥90%)", "满意度(≥90%)"), ("粉碎拌合机(11kw)", "粉碎拌合机(11kw)"), ("覆盖率(≥)", "覆盖率(≥)"),
])
def test_a_template_hint_after_a_name_is_dropped(cell: str, name: str) -> None:
    """昌宁县 (l11) left the hints with the stars deleted: 「排污沟(≥米)」 is 排污沟, not part of its name."""
    assert TEMPLATE_HINT.sub("", cell) == name


@pytest.mark.parametrize(("label", "split"), [
    ("数量指标15分", ("数量指标", "15")), ("产出指标40分", ("产出指标", "40")), ("项目绩效85分", ("项目绩效", "85")),
    ("产出指标 50分", ("产出指标", "50")), ("效益指标（30）", ("效益指标", "30")), ("决策(10)", ("决策", "10")),
    ("满意度指标 (10)", ("满意度指标", "10")), ("质量指标(合格率)20分", ("质量指标(合格率)", "20")),
    ("产出指标(50分)", ("产出指标", "50")), ("(50分)", ("", "50")),
])
def test_a_level_s_points_without_brackets_are_its_subtotal(label: str, split: tuple[str, str]) -> None:
    """广水 (l14) prints 「数量指标15分」, 铜陵郊区 「决策(10)」: points all the same, checked against the weights."""
    assert split_subtotal(label) == (split[0], Decimal(split[1]))


@pytest.mark.parametrize("label", [
    "5G建设", "十四五", "指标1", "二级指标2", "满意度≥90分", "满意度>=90分", "社区（3）", "数量(3)",
    "产出指标（2021）", "数量指标150分", "50分", "满意度（%）", "部分", "其中：（1）", "2023年目标",
])
def test_a_number_that_is_part_of_a_level_s_name_is_no_subtotal(label: str) -> None:
    """A number without 分 after a word not a level's own, a sign before it (a target), more than a form's
    100 (a year), or 分 with no word before it: the label stays as printed and no points are checked."""
    assert split_subtotal(label) == (label.strip(), None)


def _numbered(*rows: tuple[str, str]) -> list[tuple[dict[str, object], dict[str, str], str, None]]:
    return [({"level1": "产出指标", "level2": "数量指标", "name": name, "score": score}, {}, f"D{n}", None)
            for n, (name, score) in enumerate(rows, 10)]


@pytest.mark.parametrize(("rows", "kept"), [
    ((("一、示范区建立", "15.0"), ("1、水稻", "5.0"), ("2、玉米", "5.0"), ("3、配方肥", "5.0"), ("三、化验", "5")),
     ["一、示范区建立", "三、化验"]),
    ((("一、示范区建立", "15"), ("1、水稻", "5"), ("2、玉米", "5")), ["一、示范区建立", "1、水稻", "2、玉米"]),
    ((("一、示范区建立", "5"), ("1、水稻", "5")), ["一、示范区建立", "1、水稻"]),
    ((("示范区建立", "10"), ("1、水稻", "5"), ("2、玉米", "5")), ["示范区建立", "1、水稻", "2、玉米"]),
    ((("一、示范区建立", ""), ("1、水稻", "5"), ("2、玉米", "5")), ["一、示范区建立", "1、水稻", "2、玉米"]),
])
def test_numbered_parts_are_folded_only_when_their_scores_make_the_item_s(rows: tuple[tuple[str, str], ...],
                                                                          kept: list[str]) -> None:
    """隆阳区 (l17): 「1、」「2、」 rows under 「一、」 scoring exactly the item's points are its breakdown. Parts
    adding up to less (15 against 10), a lone part, an unnumbered item or an item without a score: the
    form does not say which rows score, and every row stays an indicator."""
    draft = Draft()
    got = [entry[0]["name"] for entry in _fold_numbered_parts(draft, _numbered(*rows))]
    assert got == kept
    assert bool(draft.notes) == (len(kept) < len(rows))


@pytest.mark.parametrize(("traditional", "simplified"), [
    ("項目名稱", "项目名称"), ("實際完成值", "实际完成值"), ("偏差原因分析及改進措施", "偏差原因分析及改进措施"),
    ("服務對象滿意度指標", "服务对象满意度指标"), ("年度資金總額", "年度资金总额"),
])
def test_labels_in_traditional_characters_compare_as_the_simplified_words(traditional: str, simplified: str) -> None:
    assert compact(traditional) == compact(simplified) == simplified


@pytest.mark.parametrize(("nearer", "farther"), [
    ("县级主管部门", "市级主管部门"), ("区级主管部门", "省级主管部门"), ("市级主管部门", "省级主管部门"),
    ("本级主管部门", "县级主管部门"), ("市县主管部门", "自治区主管部门"),
])
def test_of_two_level_named_labels_the_unit_s_own_level_is_the_nearer(nearer: str, farther: str) -> None:
    assert level_rank(nearer) > level_rank(farther) > 0
    assert level_rank("主管部门") == level_rank("中央主管部门") == 0  # no level of the unit's own named


@pytest.mark.parametrize(("value", "placeholder"), [
    ("縣(市、區)教育部門", True), ("县（市、区）财政部门", True), ("市(州)、县级教育局", False),
    ("韶关市教育局", False), ("乐昌市(县级市)教育局", False),
])
def test_a_level_s_alternatives_in_brackets_are_the_template_s_placeholder(value: str, placeholder: bool) -> None:
    assert template_unit(value) is placeholder


def test_a_self_evaluation_s_placeholder_level_gives_no_department() -> None:
    rows = [["项目支出绩效自评表（2018年度）", "", "", "", "", "", ""],
            ["项目名称", "学生资助补助经费", "", "", "", "", ""],
            ["市级主管部门", "韶关市教育局", "", "", "", "", ""],
            ["县级主管部门", "县(市、区)教育部门", "", "", "", "", ""],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "应受助学生数", "100%", "100%", "100", "100"]]
    draft, _ = draft_of(grid(rows))
    assert draft.data["department"] == "韶关市教育局"
    assert any("「县级主管部门：县(市、区)教育部门」是模板留给下级填写的占位文字" in n for n in draft.notes), draft.notes


YUANZHOU_HEAD = [  # 宁夏's 自治区 转移支付 自评表 (原州区农技中心 2022, bigxun.com/view/1651813082920488962, OCR copy)
    ["马铃薯种薯繁育示范推广项目绩效目标自评表（2022年度）", "", "", "", "", "", ""],
    ["项目名称", "马铃薯种薯繁育示范推广项目", "", "", "", "", ""],
    ["实施单位/项目负责人", "原州区农技中心/杨勃兴", "", "", "自治区主管部门", "农业农村厅", ""],
    ["专项实施期", "2022年3月-2022年11月", "", "", "市县财政部门", "原州区财政局", ""],
    ["市县主管部门", "原州区农业农村局", "", "", "", "", ""],
    ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "全年实际值", "得分"],
    ["产出指标", "数量指标", "免费发放原原种", "100", "550万粒", "550万粒", "100"],
]


def test_an_autonomous_region_s_levels_name_the_department() -> None:
    """宁夏's form names the 主管部门 of two levels, 「自治区主管部门」 and 「市县主管部门」: the 市县 one is the
    unit's own (as 县级 over 市级), and neither was read as a 主管部门 at all (「未载明」 was written)."""
    draft, _ = draft_of(grid(YUANZHOU_HEAD))
    assert draft.data["department"] == "原州区农业农村局"
    assert any("「自治区主管部门：农业农村厅」" in n for n in draft.notes), draft.notes


@pytest.mark.parametrize(("cells", "implementer"), [
    (("实施单位/项目负责人", "原州区农技中心/杨勃兴"), "原州区农技中心"),
    (("实施单位／项目负责人", "原州区农技中心 ／ 杨勃兴"), "原州区农技中心"),
    (("实施单位/项目负责人", "原州区农技中心"), None),  # which part is which the value does not say
])
def test_two_labels_joined_by_a_slash_split_their_value_alike(cells: tuple[str, str], implementer: str | None) -> None:
    """「实施单位/项目负责人 | 原州区农技中心/杨勃兴」 (宁夏 原州区): one cell for two facts, the value split by the
    same slash; each part is read under its own label (项目负责人 is no fact of the data format). The 实施单位
    reaches the file as the department's comment (a 自评 file has no implementer field)."""
    rows = [list(row) for row in YUANZHOU_HEAD]
    rows[2][:2] = cells
    found = scan([grid(rows)])
    assert found.facts.get("unit") == implementer
    assert any("不能按「/」分成2项" in n for n in found.notes) is (implementer is None), found.notes
    draft, _ = draft_of(grid(rows))
    said = draft.comments.get(("department",), [])
    assert any(f"实施单位：{implementer}" in text for text in said) is bool(implementer), said


def test_joined_labels_are_no_value_of_a_blank_fact() -> None:
    """天长's 主管部门 is left blank, 实施单位 beside it (tests/forms/ann-tianchang-shuihan): with the 实施单位 cell
    printed 宁夏's way, 「实施单位/项目负责人」, it was taken as the 主管部门's value and written as the department."""
    rows = [list(row) for row in YUANZHOU_HEAD]
    rows[2] = ["主管部门", "", "实施单位/项目负责人", "天长市水利局/杨勃兴", "", "", ""]
    draft, _ = draft_of(grid(rows))
    assert draft.data["department"] == "原州区农业农村局"
    rows[4] = ["", "", "", "", "", "", ""]
    draft, _ = draft_of(grid(rows))
    assert draft.data["department"] == "天长市水利局"


@pytest.mark.parametrize(("line", "score"), [
    (["(2022年度)", "", "", "", "", "项目总得分99分", ""], "99"),  # 原州区 (宁夏): right of the year, label and figure in one
    (["项目总得分99分", "", "", "", "", "", ""], "99"),
    (["项目总得分：99.5分", "", "", "", "", "", ""], "99.5"),
    (["项目总得分", "99", "", "", "", "", ""], "99"),
    (["(2022年度)", "", "", "", "", "满分100分", ""], None),  # no label of a total
])
def test_a_total_printed_above_the_table_is_the_reported_score(line: list[str], score: str | None) -> None:
    """宁夏's 自治区 form prints 「项目总得分99分」 above the table (bigxun.com/view/1651813082920488962): the label, the
    figure and 分 in one cell, no colon. It was not read, and the clerk was told 「原文没有写明总得分」."""
    rows = [list(row) for row in YUANZHOU_HEAD]
    rows.insert(1, line)
    draft, _ = draft_of(grid(rows))
    assert (draft.data.get("reported") or {}).get("score") == score, draft.notes


@pytest.mark.parametrize(("label", "rule"), [
    ("得分计算方法", True), ("评分标准", True), ("计分办法", True), ("得分", False), ("得分(20分*执行率)", False),
])
def test_a_scoring_method_column_is_no_score_column(label: str, rule: bool) -> None:
    assert bool(SCORING_METHOD.search(bare(label))) == rule


@pytest.mark.parametrize(("line", "year", "listed"), [
    ("(2021年度)", 2021, False), ("（2021年度）", 2021, False), ("2019年度)", 2019, False),
    ("(2020年度)", 2021, True), ("2021年度绩效自评工作总结", 2021, True),
])
def test_a_year_line_above_the_table_is_unplaced_only_when_it_is_not_the_year(line: str, year: int,
                                                                               listed: bool) -> None:
    unplaced = _prose_unplaced(Prose(titles=[line]), Draft(data={"name": "某项目", "year": year}))
    assert unplaced == ([f"段落：{line}"] if listed else [])


FORMS = LAYOUTS.parent / "forms"


def _imported(path: Path, out: Path) -> tuple[dict[str, dict], str]:  # type: ignore[type-arg]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        main(["import", str(path), "--out", str(out)])
    files = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(out.rglob("*.yaml"))}
    for data in files.values():
        data.pop("source", None)
    return files, printed.getvalue()


def _one_word_file(first: Path, second: Path, out: Path) -> Path:
    """Two programmes' Word forms one after the other in one document, as 大英县's pages publish them."""
    import copy

    from docx import Document

    a, b = make(first, out / "a")[1], make(second, out / "b")[1]
    document, more = Document(a), Document(b)
    end = document.element.body[-1]  # the section properties stay last
    for element in list(more.element.body):
        if not element.tag.endswith("sectPr"):
            end.addprevious(copy.deepcopy(element))
    document.save(out / "两个项目.docx")
    return out / "两个项目.docx"


@pytest.mark.parametrize(("first", "second"), [
    ("b01-zhongjiang-shuibiaochi", "b04-yongde-yingyang"),
    ("b04-yongde-yingyang", "c03-sichuan-puhui-jinrong"),
])
def test_two_programmes_forms_in_one_word_file_import_as_two_files(first: str, second: str, tmp_path: Path) -> None:
    both, printed = _imported(_one_word_file(FORMS / first, FORMS / second, tmp_path), tmp_path / "both")
    alone = {}
    for folder in (first, second):
        files, _ = _imported(make(FORMS / folder, tmp_path / f"in-{folder}")[1], tmp_path / f"out-{folder}")
        alone.update(files)
    assert sorted(both) == sorted(alone), printed
    for name, data in both.items():
        assert data == alone[name], name
    assert "第 2 个自评表" in printed and "本文件有 2 个项目的自评表" in printed


def _stacked(folders: list[str], path: Path, blank: int = 1, tail: list[list[str]] | None = None) -> Path:
    """The forms of `folders` one below the other in one sheet (.xlsx) or one table (.docx), `blank`
    empty rows between them, as a department hands in its programmes' 自评表; `tail` rows after the last."""
    forms = [load_form(FORMS / folder) for folder in folders]
    width = max(form.width for form in forms)
    rows: list[list[str]] = []
    merges: list[tuple[int, int, int, int]] = []
    cells: set[tuple[int, int]] = set()
    for n, form in enumerate(forms):
        if n:
            rows += [[""] * width for _ in range(blank)]
        shift = len(rows)
        rows += [r + [""] * (width - len(r)) for r in form.rows]
        merges += [(r0 + shift, c0, r1 + shift, c1) for r0, c0, r1, c1 in form.merges]
        cells |= {(r + shift, c) for r, c in form.text_cells}
    rows += [r + [""] * (width - len(r)) for r in tail or []]
    return _written(Form(forms[0].folder, dict(forms[0].meta), rows, merges, cells), path)


def _written(form: Form, path: Path) -> Path:
    """`form` as the .xlsx, .docx or .pdf (drawn as a report engine draws a page) a unit hands in."""
    from forms.make import write_docx, write_xlsx
    from pdf_makers import DRAWINGS, draw_form

    if path.suffix == ".pdf":
        path.write_bytes(draw_form(form, DRAWINGS[0]))
        return path
    return (write_xlsx if path.suffix == ".xlsx" else write_docx)(form, path)


def _alone(folders: list[str], tmp_path: Path, suffix: str = ".xlsx") -> dict[str, dict]:  # type: ignore[type-arg]
    """What each form gives imported alone, from a file of the same kind."""
    alone = {}
    for folder in folders:
        form = load_form(FORMS / folder)
        (tmp_path / f"in-{folder}").mkdir(parents=True)
        files, _ = _imported(_written(form, tmp_path / f"in-{folder}" / f"{form.file}{suffix}"), tmp_path / f"out-{folder}")
        alone.update(files)
    return alone


STACKS = [["b04-yongde-yingyang", "b01-zhongjiang-shuibiaochi"],
          ["b01-zhongjiang-shuibiaochi", "b04-yongde-yingyang", "b05-langzhong-chegoushui"]]


@pytest.mark.parametrize(("folders", "suffix"), [(f, s) for f in STACKS for s in (".xlsx", ".docx", ".pdf")],
                         ids=lambda v: v if isinstance(v, str) else str(len(v)))
def test_programmes_stacked_in_one_sheet_or_table_import_as_one_file_each(folders: list[str], suffix: str,
                                                                         tmp_path: Path) -> None:
    """Each form of the stack is written as that form alone is, and the clerk reads which one it is.
    The PDF of three runs over three pages, the third form's facts rows opening page 3."""
    both, printed = _imported(_stacked(folders, tmp_path / f"各项目{suffix}", blank=2), tmp_path / "out")
    alone = _alone(folders, tmp_path, suffix)
    assert sorted(both) == sorted(alone), printed
    for name, data in both.items():
        assert data == alone[name], name
    assert f"本文件有 {len(folders)} 个项目的自评表" in printed and f"第 {len(folders)} 个自评表" in printed


def test_a_second_form_stacked_without_a_blank_row_starts_at_its_title(tmp_path: Path) -> None:
    """No empty row between the two forms: the second begins at its title, not at its 项目名称 row."""
    folders = ["b01-zhongjiang-shuibiaochi", "b04-yongde-yingyang"]
    both, printed = _imported(_stacked(folders, tmp_path / "各项目.xlsx", blank=0), tmp_path / "out")
    assert both == _alone(folders, tmp_path), printed


def test_a_stacked_form_keeps_the_sub_project_list_under_it(tmp_path: Path) -> None:
    """A 项目名称 | 金额 list under the second form is part of it, not a third programme."""
    folders = ["b01-zhongjiang-shuibiaochi", "b04-yongde-yingyang"]
    extra = [[""], ["项目名称", "学生营养餐食材采购"], ["金额（元）", "387664.62"]]
    both, printed = _imported(_stacked(folders, tmp_path / "各项目.xlsx", tail=extra), tmp_path / "out")
    assert len(both) == 2 and "本文件有 2 个项目的自评表" in printed, printed
    assert "金额（元）" in printed.split("第 2 个自评表")[-1], printed  # not placed, under the second form


@pytest.mark.parametrize("folders", [["../forms_targets/t11-jinan-wangqiu-saishi", "b04-yongde-yingyang"],
                                     ["b01-zhongjiang-shuibiaochi", "../forms_targets/t02-fengjie-yunwu-jiagongyuan"],
                                     ["../forms_targets/t03-jiayuguan-bowuguan", "b04-yongde-yingyang"]],
                         ids=["目标表在上", "目标表在下", "二级项目名称"])
def test_a_target_form_and_a_self_evaluation_stacked_import_each_as_its_kind(folders: list[str], tmp_path: Path) -> None:
    """A unit's sheet with a programme's 绩效目标表 and another's 自评表: each written as its own file is."""
    both, printed = _imported(_stacked(folders, tmp_path / "目标和自评.xlsx", blank=2), tmp_path / "out")
    assert both == _alone(folders, tmp_path), printed
    assert "（绩效目标表）" in printed and "个自评表：" in printed, printed


def test_two_programmes_that_cannot_be_told_apart_are_refused_naming_both(tmp_path: Path) -> None:
    """A 项目名称 with no form of its own above another programme's form: neither is guessed; the second named by its cell."""
    form = load_form(FORMS / "b04-yongde-yingyang")
    above = [["项目名称", "农村公路养护"] + [""] * (form.width - 2), [""] * form.width]
    shifted = [(r0 + 2, c0, r1 + 2, c1) for r0, c0, r1, c1 in form.merges]
    path = _written(Form(form.folder, dict(form.meta), [*above, *form.rows], shifted, set()), tmp_path / "两个名称.xlsx")
    files, printed = _imported(path, tmp_path / "out")
    assert not files, printed
    assert "「农村公路养护」之后" in printed and "C5又有「义务教育营养改善计划专项资金」" in printed, printed


def test_a_stacked_form_without_a_year_fails_alone(tmp_path: Path) -> None:
    """A second form that names no year is that form's failure; the first is written."""
    files, printed = _imported(_stacked(["b04-yongde-yingyang", "c03-sichuan-puhui-jinrong"], tmp_path / "两个项目.xlsx"),
                               tmp_path / "out")
    second = str(yaml.safe_load((FORMS / "c03-sichuan-puhui-jinrong" / "golden.yaml").read_text(encoding="utf-8"))["name"])
    assert len(files) == 1 and f"第 2 个自评表：{second}" in printed and "找不到评价年度" in printed, printed


@pytest.mark.parametrize(("row", "weight", "score", "said"), [
    ({"score": "25.00", "share": "25.00", "weighted": "6.25", "weight": "指标解释"}, "25.00", "6.25", True),
    ({"score": "80", "share": "30", "weight": "30"}, "30", "24.00", True),
    ({"score": "100", "share": "20%", "weighted": "20"}, "20", "20", True),
    ({"score": "8", "weight": "10"}, "10", "8", False),
])
def test_a_score_out_of_100_and_a_share_become_the_weight_and_the_weighted_score(
        row: dict[str, str], weight: str, score: str, said: bool) -> None:
    from perfsite.importing.assemble import weighted_row

    out, how = weighted_row(row)
    assert (Decimal(out["weight"]), Decimal(out["score"])) == (Decimal(weight), Decimal(score))
    assert (how is not None) == said
    assert "share" not in out and "weighted" not in out
    if how is not None:
        assert how.weight_text == ("指标解释" if row.get("weight") == "指标解释" else "")


def test_each_weighted_score_is_explained_on_its_own_indicator() -> None:
    """A row that gives no indicator (a blank row the reader kept) shifts no explanation onto the
    next indicator: each 折算 sentence stands on the score it explains."""
    from perfsite.importing.assemble import Hints, assemble
    from perfsite.importing.tables import Found, IndicatorTable
    from perfsite.importing.text import Prose

    rows = [{"level1": ""},
            {"level1": "产出指标", "name": "甲", "target": "100%", "actual": "100%", "score": "100", "share": "40", "weighted": "40"},
            {"level1": "效益指标", "name": "乙", "target": "100%", "actual": "90%", "score": "90", "share": "60"}]
    table = IndicatorTable("工作表「Sheet1」", "", ["level1", "name", "target", "actual", "score", "share", "weighted"],
                           rows=rows, refs=["A4", "A5", "A6"])
    draft = assemble("f.xlsx", Found(facts={"name": "测试项目", "year": "2023"}, indicators=[table]), Prose(), [], Hints())
    assert [i["name"] for i in draft.data["indicators"]] == ["甲", "乙"]
    assert draft.comments[("indicators", 0, "score")] == ["得分取自单项指标折算得分：100（百分制）× 40% = 40。"]
    assert draft.comments[("indicators", 1, "score")] == ["得分取自按单项指标得分 × 权重占比 算出：90（百分制）× 60% = 54。"]


def test_a_printed_weighted_score_that_is_not_the_product_is_named() -> None:
    from perfsite.importing.assemble import weighted_row

    _, how = weighted_row({"score": "90", "share": "20", "weighted": "20"})
    assert how is not None and how.off and how.written == "20"


def test_json_lists_every_problem_and_marks_those_the_text_folds(tmp_path: Path) -> None:
    """A form with no 分值 column (忠县): the text folds what follows from the missing weights into one
    line; JSON lists every problem, as check does and the summary counts, each folded one marked."""
    import json

    xlsx, _ = make(LAYOUTS / "l06-zhongxian-tujing-yimin", tmp_path / "in")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        main(["import", str(xlsx), "--out", str(tmp_path / "text")])
    text = printed.getvalue()
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        main(["import", str(xlsx), "--out", str(tmp_path / "json"), "--format", "json"])
    doc = json.loads(printed.getvalue())
    problems = doc["files"][0]["problems"]
    folded = [p for p in problems if p["folded"]]
    assert all(p["folded"] is False for p in problems if p not in folded)
    assert (f"另有 {len(folded)} 项" in text) is bool(folded)
    # no weight could be read at all: check does not add a sum of none to the 缺少权重 lines
    assert not any("权重之和" in p["message"] for p in problems)
    assert sum("缺少权重" in p["message"] for p in problems) == 9
    assert doc["summary"]["errors"] == sum(p["severity"] == "error" for p in problems)
    assert not any(p["message"] in text for p in folded if p["message"] not in
                   {q["message"] for q in problems if not q["folded"]})


@pytest.mark.parametrize(("line", "caption"), [
    ("附件1：项目支出绩效自评表", True), ("(2022年度)", True), ("2022年度项目支出绩效自评表", True),
    ("评价方式：☑单位自评 □部门评价", False), ("项目名称：农村公路养护", False),
    ("为我县百岁高龄老年人发放补贴,使老年人得到更好的照顾。", False), ("", False),
])
def test_a_label_line_or_a_sentence_above_a_table_is_no_caption(line: str, caption: bool) -> None:
    from perfsite.importing.assemble import is_caption

    assert is_caption(line) is caption


@pytest.mark.parametrize(("title", "facts"), [
    ("项目名称：曲沃县小升规企业奖励资金绩效评价", {"region": "曲沃县", "name": "小升规企业奖励资金"}),
    ("附件1：曲沃县小升规企业奖励资金2021年度项目支出绩效自评表", {"year": "2021", "region": "曲沃县", "name": "小升规企业奖励资金"}),
    ("附件2 农村公路养护项目绩效评价报告", {"name": "农村公路养护"}),
    ("附件1：2021年度项目支出绩效自评表", {}),
    ("评价方式：单位绩效自评", {}),
])
def test_a_title_s_leading_label_is_no_part_of_the_name(title: str, facts: dict[str, str]) -> None:
    from perfsite.importing.text import title_facts, year_of_form_title

    assert title_facts(title) == facts
    if title.startswith("附件1：2021"):
        assert year_of_form_title(title) == "2021"


def test_a_later_table_naming_a_programme_without_indicators_stays_with_the_form(tmp_path: Path) -> None:
    """Only a table with indicator rows starts another programme: a table of sub-projects (项目名称 | 金额)
    after the form is part of it, as it always was."""
    from docx import Document
    from forms.make import add_table

    from perfsite.importing.pipeline import programme_groups, read_any

    docx = make(FORMS / "b04-yongde-yingyang", tmp_path / "in")[1]
    document = Document(str(docx))
    document.add_paragraph("附：项目资金构成")
    add_table(document, [["项目名称", "学生营养餐食材采购"], ["金额（元）", "387664.62"]])
    document.save(str(docx))
    grids = read_any(docx)[0]
    assert len(grids) == 2 and len(programme_groups(grids, scan(grids))) == 1


def test_a_sub_project_list_under_the_form_in_the_same_sheet_is_no_second_programme(tmp_path: Path) -> None:
    from forms.make import write_xlsx

    a = load_form(FORMS / "b04-yongde-yingyang")
    width = a.width
    extra = [["项目名称", "学生营养餐食材采购"] + [""] * (width - 2), ["金额（元）", "387664.62"] + [""] * (width - 2)]
    rows = [r + [""] * (width - len(r)) for r in (*a.rows, [""] * width, *extra)]
    sheet = type(a)(a.folder, dict(a.meta), rows, list(a.merges), set(a.text_cells))
    files, printed = _imported(write_xlsx(sheet, tmp_path / "一个项目.xlsx"), tmp_path / "out")
    assert len(files) == 1 and "两个项目" not in printed, printed


def _b04_with(edit: Callable[[Form], None], path: Path) -> Path:
    """b04 (永德, 云南 公开14表) with `edit` applied to a copy of its grid, as the file a unit hands in."""
    form = load_form(FORMS / "b04-yongde-yingyang")
    form = Form(form.folder, dict(form.meta), [list(r) for r in form.rows], list(form.merges), set(form.text_cells))
    edit(form)
    path.parent.mkdir(parents=True, exist_ok=True)
    return _written(form, path)


def _split_remark(form: Form) -> None:
    """「偏差原因分析及改进措施」 (J12:J13) as two columns 「偏差原因 | 改进措施」 (K added), the header
    merged down over both rows; the 资金到位及时率 row (7 of 10) explains itself in both."""
    for row in form.rows:
        row.append("")
    form.rows[11][9], form.rows[11][10] = "偏差原因", "改进措施"
    form.rows[15][9], form.rows[15][10] = "资金下达较晚", "提前申请资金"
    form.merges = [(r0, c0, r1, 10 if c1 == 9 and c0 < 9 else c1) for r0, c0, r1, c1 in form.merges
                   if (r0, c0) != (11, 9)] + [(11, 9, 12, 9), (11, 10, 12, 10)]


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_a_remark_split_into_cause_and_measures_is_one_remark(suffix: str, tmp_path: Path) -> None:
    files, printed = _imported(_b04_with(_split_remark, tmp_path / "in" / f"永德{suffix}"), tmp_path / "out")
    [data] = files.values()
    late = next(i for i in data["indicators"] if i["name"] == "资金到位及时率")
    assert late["remark"] == "资金下达较晚；改进措施：提前申请资金"
    assert "提前申请资金" not in printed and "改进措施」不是认得的列名" not in printed, printed


def _name_goes_on(form: Form) -> None:
    """「学生受资助人数」 wrapped by typing 「(含寄宿生)」 in the row below, every other cell blank."""
    form.rows.insert(14, ["", "", "(含寄宿生)", "", "", "", "", "", "", ""])
    form.merges = [(r0 + (r0 > 13), c0, r1 + (r1 > 13), c1) for r0, c0, r1, c1 in form.merges]


def test_a_name_typed_on_in_the_row_below_goes_with_the_indicator_above(tmp_path: Path) -> None:
    files, printed = _imported(_b04_with(_name_goes_on, tmp_path / "in" / "永德.xlsx"), tmp_path / "out")
    [data] = files.values()
    names = [i["name"] for i in data["indicators"]]
    assert "学生受资助人数(含寄宿生)" in names and "(含寄宿生)" not in names, names
    assert "C15「(含寄宿生)」一行只有指标名称、没有任何数值：作为上一行指标名称的续行" in printed, printed


@pytest.mark.parametrize(("above", "below", "joined"), [
    ("学生受资助人数", "(含寄宿生)", True), ("农村公路养护及", "安全设施维护", True),
    ("学生受资助人数", "家长满意度", False),
])
def test_only_a_bracket_or_an_unfinished_name_continues_the_row_above(above: str, below: str, joined: bool) -> None:
    from perfsite.importing.grid import Cell, Grid
    from perfsite.importing.tables import IndicatorTable, _continues_name

    grid = Grid("表1", [[Cell("数量指标"), Cell(above), Cell("10")], [Cell(""), Cell(below), Cell("")]])
    table = IndicatorTable("表1", "", ["level2", "name", "weight"], rows=[{"name": above, "weight": "10"}])
    assert _continues_name(grid, 1, {"level2": 0, "name": 1, "weight": 2}, table, 0) is joined


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_a_table_turned_on_its_side_is_read_turned_back_naming_its_header_cells(suffix: str, tmp_path: Path) -> None:
    """Headers down the first column, one indicator a column: read one indicator a column, the header cells named
    for the clerk to check (refused before, with how to turn it in Excel)."""
    form = load_form(FORMS / "b04-yongde-yingyang")
    columns = [["一级指标", "产出指标", "产出指标"], ["二级指标", "数量指标", "质量指标"], ["三级指标", "学生受资助人数", "营养改善计划覆盖率"],
               ["年度指标值", "≥735人次", "≥100%"], ["实际完成值", "735", "100%"], ["分值", "50", "50"], ["得分", "50", "50"]]
    rows = [["项目名称", "义务教育营养改善计划专项资金", ""], ["评价年度", "2022", ""], *columns]
    files, printed = _imported(_written(Form(form.folder, {}, rows, [], set()), tmp_path / f"转置{suffix}"), tmp_path / "out")
    [data] = files.values()
    assert [(i["level2"], i["name"], i["target"], i["actual"], i["weight"], i["score"]) for i in data["indicators"]] == [
        ("数量指标", "学生受资助人数", "≥735人次", "735", 50, 50), ("质量指标", "营养改善计划覆盖率", "≥100%", "100%", 50, 50)]
    first = "A3" if suffix == ".xlsx" else "第3行第1列"
    assert f"{first}「一级指标」" in printed and "绩效指标表是转置的" in printed, printed


@pytest.mark.parametrize(("parent", "row", "part"), [
    ({"level2": "数量指标", "name": "补助家畜家禽养殖数量", "weight": "10", "score": "10"},
     {"level2": "数量指标", "name": "猪养殖数量", "target": "80头", "actual": "80头"}, True),
    ({"level2": "数量指标", "name": "补助家畜家禽养殖数量", "weight": "10", "target": "192只", "score": "10"},
     {"level2": "数量指标", "name": "猪养殖数量", "target": "80头", "actual": "80头"}, False),
    ({"level2": "经济效益指标", "name": "带动增收", "weight": "10", "score": "10"},
     {"level2": "生态效益指标", "name": "指标1:", "target": "/", "actual": "/"}, False),
    ({"level2": "数量指标", "name": "补助家畜家禽养殖数量", "weight": "10", "score": "10"},
     {"level2": "数量指标", "name": "……"}, False),
])
def test_a_row_is_a_part_only_when_it_carries_the_figures_its_indicator_leaves_out(
        parent: dict[str, object], row: dict[str, object], part: bool) -> None:
    """杨楼镇 (l15): parts under a ★ indicator without 「其中」; an indicator with its own target, another
    二级指标 (天长's 「指标1:/ / /」 under 生态效益) or a template row without figures are not parts."""
    from perfsite.importing.assemble import _figures_of_the_row_above

    assert _figures_of_the_row_above(row, parent) is part


# --------------------------------------------------------------------------- the year evaluated, however the form spells it

@pytest.mark.parametrize(("lines", "year"), [
    (["项目支出绩效自评表", "2021年度)"], "2021"),  # 零陵区 d07: the opening bracket lost in the copy
    (["项目支出绩效自评表", "（2021年度）"], "2021"),
    (["项目支出绩效自评表", "2021 年度"], "2021"),
    (["项目支出绩效自评表", "（二〇二一年度）"], "2021"),
    (["二〇二一年度项目支出绩效自评表"], "2021"),
    (["2021年项目支出绩效自评表", "填报日期：2022年3月20日"], "2021"),
    (["项目支出绩效自评表", "（2021年）填报日期：2023年1月10日"], "2021"),
    (["填报日期：2023年1月10日（2021年度）", "项目支出绩效自评表"], "2021"),
])
def test_the_year_line_gives_the_year_evaluated_never_the_year_filled(lines: list[str], year: str) -> None:
    """The year a form evaluates is printed as 「(2021年度)」, 「2021 年度」, 「二〇二一年度」, or 「2021年」 in the
    title; a 填报日期 beside it names the year after, which is never taken for it. No guess is said: the year
    is read, not inferred (the file name here names no year)."""
    from test_import_layout import draft_of, grid

    rows = [[line, "", "", "", ""] for line in lines]
    draft, _ = draft_of(grid([*rows, ["项目名称", "示例项目", "", "", ""],
                              ["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
                              ["受益人数", "≥100人", "120人", "100", "100"]]), source="shili.xlsx")
    assert draft.data["year"] == year
    assert not [n for n in draft.notes if "评价年度" in n or "填报日期" in n], draft.notes


def test_a_filling_date_alone_is_not_the_year_evaluated() -> None:
    """「填报日期：2022年」 on its own line names the year the form was filled in: the year evaluated is
    then inferred as the year before, and the clerk is told so (as for a 填报日期 row)."""
    from test_import_layout import draft_of, grid

    draft, _ = draft_of(grid([["项目支出绩效自评表", "", "", "", ""], ["填报日期：2022年", "", "", "", ""],
                              ["项目名称", "示例项目", "", "", ""],
                              ["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
                              ["受益人数", "≥100人", "120人", "100", "100"]]), source="shili.xlsx")
    assert draft.data["year"] == "2021"
    assert any("填报日期" in n and "2021" in n for n in draft.notes), draft.notes


@pytest.mark.parametrize(("cell", "level"), [
    ("数量指标\n(必填硬性指标)", "数量指标"), ("经济效益\n指标\n(选填)", "经济效益指标"), ("质量指标（必填）", "质量指标"),
    ("产出指标(40分)", "产出指标(40分)"), ("数量指标", "数量指标"),
])
def test_a_level_s_fill_note_is_no_part_of_its_name(cell: str, level: str) -> None:
    """宁夏 原州区's template notes on each 二级指标 whether it must be filled (l05, l18); a level's points stay."""
    from perfsite.importing.labels import level_label

    assert level_label(cell) == level


@pytest.mark.parametrize(("name", "target", "read"), [
    ("苗木成活率(≥**%)", "85", "≥85%"), ("项目总投入(≥**万元)", "6070", "≥6070万元"), ("排污沟(≥米)", "50", "≥50米"),
    ("苗木成活率(≥**%)", "≥85%", None), ("苗木成活率(≥**%)", "较上年提高", None), ("受益人数(人)", "132", None),
    ("满意度(≥90%)", "95", None),
])
def test_a_bare_figure_under_a_template_hint_reads_as_the_hint_says(name: str, target: str, read: str | None) -> None:
    from perfsite.importing.labels import hinted_target

    assert hinted_target(name, target) == read


@pytest.mark.parametrize("own_column", [None, "sign", "measure"])
def test_both_readers_read_a_hint_by_one_rule(own_column: str | None) -> None:
    """The 自评 reader (tables.py) and the 目标表 reader (target_form.py) both call hinted_cell: a bare
    figure under 「(≥**%)」 is read as the hint says, unless the form gives the sign or the unit a column
    of its own (then the figure stands as printed, its sign or unit in that column)."""
    from perfsite.importing.labels import hinted_cell

    table = grid([["三级指标", "年度指标值", "度量单位"], ["苗木成活率(≥**%)", " 85 ", "%"]])
    columns = {"name": 0, "target": 1, **({own_column: 2} if own_column else {})}
    values = {"name": "苗木成活率", "target": " 85 "}
    read = hinted_cell(table, 1, columns, values)
    if own_column:
        assert read is None and values["target"] == " 85 "
    else:
        assert read == ("表1 第2行第2列", "85", "≥85%") and values["target"] == "≥85%"


@pytest.mark.parametrize(("text", "joined"), [
    ("实施单位/项目负责人", True), ("实施单位／项目负责人", True), ("项目负责人/联系电话", False),
    ("1次/年度", False), ("≥2次/年度", False), ("实施单位", False),
])
def test_only_words_naming_a_fact_make_a_joined_label(text: str, joined: bool) -> None:
    """A figure per period (「≥2次/年度」, a target a fact row may carry) is no pair of labels, though 「年度」 is a fact's word."""
    from perfsite.importing.labels import FACTS, joined_labels, match

    assert bool(joined_labels(text, lambda part: match(part, FACTS, whole=True))) is joined
