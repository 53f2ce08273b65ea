"""PDF prints of real forms cut by page breaks, two to a page, inside whole disclosures (tests/forms_pdf27, made by
makers.py there)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_import_pdf26 import _import, _without_source

from perfsite.importing.pdf_reader import cut_row

HERE = Path(__file__).resolve().parent
FORMS = HERE / "forms_pdf27"


def test_a_row_cut_on_portrait_paper_beside_words_it_finished_is_one_indicator(tmp_path: Path) -> None:
    """department-pair-portrait.pdf: 广水市's 目标申报表 then 岳阳楼区's on 纵向 paper. 岳阳楼区's row 「保證單位正常
    運(yùn)轉(zhuǎn)」 is cut after 「運」「(yùn)」, its 指标解释 and 评分标准 going on beside 「轉」 while the
    「定性」「應保盡保」「%」 it finished stay empty: four of its seven cells going on, it was two indicators, the
    second 「轉(zhuǎn)」 with no 指标值. It now imports as its Word file does."""
    from forms.make import load_form, write_docx

    written = {p.name: _without_source(p) for p in _import(FORMS / "department-pair-portrait.pdf", tmp_path / "out")}
    folder = "d05-yueyanglou-jiage-mubiao"
    [alone] = _import(write_docx(load_form(HERE / "forms_dept" / folder), tmp_path / f"{folder}.docx"), tmp_path / "w")
    assert written == {alone.name: _without_source(alone)}


def test_a_row_goes_on_in_exactly_the_cells_that_filled_its_height() -> None:
    """The cells of that cut as pdfplumber gives them; a new row, or the same shape two lines high (a facts table's
    labels over blank values look so), is no remainder."""
    last = [None, "社會\n(huì)\n效益指\n標", "保證單\n位正常\n運\n(yùn)", "定性", "應\n(yīng)\n保盡保", "%",
            "該指標\n(biāo)\n主要考\n察單位", "未達\n(dá)指\n標\n(biāo)", ""]
    rest = ["", "(biāo)", "轉\n(zhuǎ\nn)", "", "", "", "運\n(yùn)\n轉\n(zhuǎ\nn)需要", "值酌情\n扣分", ""]
    assert cut_row(last, rest)
    new = ["", "", "辦公\n經費", "定量", "≤", "萬元", "考察\n經費", "超出\n扣分", ""]
    assert not cut_row(last, new)  # a new row fills its values
    short = [None, "社會\n效益", "保證\n運", "定性", "應保", "%", "該指標\n主要", "未達\n指標", ""]
    assert not cut_row(short, ["", "指標", "轉", "", "", "", "運轉", "扣分", ""])  # two lines: no narrow wrap


def test_a_level_whose_points_lost_their_opening_bracket_is_split_into_name_and_points(tmp_path: Path) -> None:
    """大英县总工会's 一级 「部门预\\n算管理\\n80分)」 (tests/forms_dept26/e01, its opening bracket lost in the copy) was
    written 「部门预算管理80分)」, a name of its own, its 80 never checked; the clerk is now told it is read as
    「部门预算管理(80分)」, and the 80 is checked against the 30 the cut copy holds under it."""
    from forms.make import load_form, write_xlsx

    from perfsite.importing.pipeline import Options, prepare

    book = write_xlsx(load_form(HERE / "forms_dept26" / "e01-daying-zonggonghui-ziping"),
                      tmp_path / "大英县总工会2020年度部门整体支出绩效自评表.xlsx")
    prepared = prepare(book, Options(Path("unused")).hints)
    assert prepared.draft is not None
    assert {i["level1"] for i in prepared.draft.data["indicators"]} == {"部门预算管理(80分)"}
    assert "指标级次「部门预算管理80分)」的分值少了左括号：按「部门预算管理(80分)」读作名称和分值，请对照原件核对" \
        in prepared.report.notes


def test_only_points_after_a_word_with_their_closing_bracket_get_it_back() -> None:
    from perfsite.importing.name_points import lost_brackets

    items = [{"level1": "部门预算管理80分)", "level2": "预算编制（30分）"}, {"level1": "产出指标50分）", "level2": "数量"},
             {"level1": "达标率120分)"}, {"level1": "指标(2021)"}, {"level1": "效益(30分"}, {"level1": "(20分)"}]
    notes = lost_brackets(items)
    assert [i["level1"] for i in items] == ["部门预算管理(80分)", "产出指标（50分）", "达标率120分)", "指标(2021)",
                                           "效益(30分", "(20分)"]
    assert items[0]["level2"] == "预算编制（30分）" and len(notes) == 2


def test_each_of_a_file_s_department_forms_is_told_apart(tmp_path: Path) -> None:
    """广水市's 目标申报表 (refused: cut before its indicators), 宁德市委党史研究室's 2019 目标表 and 岳阳楼区's 2023
    目标表 printed one after the other: the two split off were both headed 「…（部门整体绩效目标）」 and said the same
    note, so the clerk could not tell which had failed. Each now names its place, department and year, in its
    heading, its note and the written file's first line."""
    import sys

    from perfsite.importing.bundle import DEPARTMENTS
    from perfsite.importing.pipeline import Options, prepare

    sys.path.insert(0, str(HERE / "forms_pdf26"))
    from makers import portal_docx

    folders = ("d04-guangshui-zhengfuban-mubiao", "d01-ningde-dangshi-mubiao", "d05-yueyanglou-jiage-mubiao")
    path = portal_docx(tmp_path / "三张.docx", tuple(f"forms_dept/{f}" for f in folders))
    prepared = prepare(path, Options(Path("unused")).hints)
    own, *split = [prepared, *prepared.more]
    assert [p.report.source.name for p in split] == ["三张.docx（部门整体绩效目标：第 1 张，广水市人民政府办公室）",
                                                     "三张.docx（部门整体绩效目标：第 2 张，中共宁德市委党史和地方志研究室，2019年度）"]
    assert split[0].report.failure and split[0].draft is None
    said = [next(n for n in p.report.notes if n.startswith(DEPARTMENTS)) for p in (*split, own)]
    assert [n.removeprefix(DEPARTMENTS) for n in said] == [
        "。这是第 1 张，广水市人民政府办公室", "。这是第 2 张，中共宁德市委党史和地方志研究室，2019年度",
        "。这是第 3 张，岳陽樓區(qū)價(jià)格認(rèn)證鑒定中心，2023年度"]
    [written] = [p for p in _import(path, tmp_path / "out") if "ningde" in p.name]
    assert "从「三张.docx（部门整体绩效目标：第 2 张，中共宁德市委党史和地方志研究室，2019年度）」导入" \
        in written.read_text(encoding="utf-8")


def test_a_merged_cell_s_text_going_on_over_the_break_is_that_cell_s(tmp_path: Path) -> None:
    """department-large.pdf: 宁德市地震局's 自评表 at 14 pt on 纵向 paper. 「年度绩效指标完成情况」, merged down the first
    column from the indicator header, prints 「年度」「绩效」「指标」 beside the header at page 1's foot and 「完成」「情况」
    on page 2 beside the first indicator: read as a cell of its own, 「完成情况」 took that row for the 年度目标's
    完成情况 (年度总体目标 「已完成」) and the indicator 「抽查全市地震监测台站运维情况个数」 was lost. It now imports
    as its Word file does, the join said."""
    from forms.make import load_form, write_docx

    from perfsite.importing.pipeline import Options, import_file
    from perfsite.siteconfig import SiteConfig

    folder = "d06-ningde-dizhen-ziping"
    [alone] = _import(write_docx(load_form(HERE / "forms_dept" / folder), tmp_path / f"{folder}.docx"), tmp_path / "w")
    notes = import_file(FORMS / "department-large.pdf", Options(tmp_path / "out"), SiteConfig(), set()).notes
    [written] = sorted((tmp_path / "out").rglob("*.yaml"))
    assert (written.name, _without_source(written)) == (alone.name, _without_source(alone))
    assert "PDF 第 2 页：第1列的合并单元格跨页，页首的「完成情况」按它的文字读作「年度绩效指标完成情况」：请对照原件核对" in notes


def test_a_figure_s_unit_wrapped_in_a_narrow_column_is_one_word(tmp_path: Path) -> None:
    """unit-cut-large.pdf: 忠县涂井乡's 自评表 at 14 pt wraps 「14.7km」 as 「14.7k」「m」; joined with a space, its 目标值
    and 实际完成值 read 「14.7k m」, no figure with its unit. Words wrapped at their space keep it."""
    import yaml

    from perfsite.importing.pdf_reader import unwrap

    [written] = _import(FORMS / "unit-cut-large.pdf", tmp_path / "out")
    road = next(i for i in yaml.safe_load(written.read_text(encoding="utf-8"))["indicators"] if "便道" in i["name"])
    assert (road["target"], road["actual"]) == ("14.7km", "14.7km")
    assert unwrap("14.7k\nm") == "14.7km" and unwrap("PM\nvalue") == "PM value" and unwrap("5719\nm") == "5719m"


def test_the_template_s_placeholder_cut_by_the_break_is_no_indicator() -> None:
    """银川's 自评表 (tests/forms_layouts/l13) at 14 pt on 纵向 paper: its template row 「指标2:」 is cut after 「指标」, and
    「2:」 opening page 3 was an indicator of its own named 「2:」. A page opening on a whole placeholder stays a row."""
    last = [None, None, "指标", "", "", "", "", ""]
    assert cut_row(last, ["", "", "2:", "", "", "", "", ""], merged=["项目产出(30分)", "时效指标(5分)", "指标"])
    assert not cut_row(last, ["", "", "指标2:", "", "", "", "", ""])
    assert not cut_row(last, ["", "", "满意度", "", "", "", "", ""])


def test_a_date_cut_after_its_century_goes_on() -> None:
    """湘西州特校's 目标表 (tests/forms_targets/t14) at 13 pt on 纵向 paper beside 汉阴's: its row 「任务完成时间 |
    2023年12月31日」 is cut after one line, 「20」 at a page's foot and 「23年12月31日」 at the next page's top. 「20」
    read as a figure the row finished, the rest was a new indicator 「务完成时间」."""
    last = [None, None, None, None, None, "时", "任", "20", "反", "按", "-", "定", ""]
    rest = ["", "", "", "", "", "效\n指\n标", "务\n完\n成\n时\n间", "23\n年\n12\n月\n31\n日", "映\n该\n项\n目", "期\n完\n成",
            "", "量", ""]
    assert cut_row(last, rest)
    assert not cut_row([*last[:7], "20%", *last[8:]], [*rest[:7], "2023年\n12月", *rest[8:]])  # a new row's date


def test_only_a_cut_text_runs_on_into_the_merged_cell_below_the_break() -> None:
    """The page-foot rows of the 14 pt prints: 宁德's 「年度绩效指标」 goes on as 「完成情况」; a header's word (奉节县's
    「一级指标」 over its new 一级 「成本指标(0-20)分」, 永德县's 「实际完成值」 opening a page) and two whole labels do not."""
    from perfsite.importing.pdf_reader import _text_runs_on

    header = ["年度\n绩效\n指标", "一级\n指标", "二级\n指标", "三级\n指标", "绩效\n目标\n值", "实际\n完成\n值"]
    assert _text_runs_on(header, 0, "完成\n情况")
    assert not _text_runs_on(header, 1, "成本指\n标(0-\n20)分")
    goal = [None, "确保每一个学生都能享受\n到国家政策福利,改善学生\n体质", None]
    assert not _text_runs_on(goal, 1, "实际完成值")
    assert not _text_runs_on(["产出\n指标", "数量\n指标"], 0, "效益指标")
    assert not _text_runs_on(["产出\n指标", "数量"], 1, "质量")  # ended short of its row's lines


PAIRS = {
    "facts-pair-large.pdf": ("forms_layouts/l02-wuchuan-yangzhichang", "forms_layouts/l05-yuanzhou-songcha"),
    "cut-pair-large.pdf": ("forms/b03-hengshan-chubeiliang", "forms/c04-hainan-nongken-zizhu"),
}


@pytest.mark.parametrize("pdf", sorted(PAIRS))
def test_cells_opening_a_page_under_a_merged_cell_stay_their_own(pdf: str, tmp_path: Path) -> None:
    """Two forms to a 纵向 page at 13 pt, each importing as its Word file. facts-pair-large.pdf: 原州区's 「中央衔接资金1.75万元」
    opens a page in a cell beside a horizontally merged one, not merged down; read as the rest of the 财政拨款 cell above,
    the budget's 38.75 was lost. cut-pair-large.pdf: 衡山县's 「市民满意度调查」 stands under the page's first row, the rest
    「数」 of the row the break cut; read as that row's merged text, two indicators became one."""
    from forms.make import load_form, write_docx

    written = {p.name: _without_source(p) for p in _import(FORMS / pdf, tmp_path / "out")}
    alone = {}
    for folder in PAIRS[pdf]:
        word = write_docx(load_form(HERE / folder), tmp_path / f"{Path(folder).name}.docx")
        alone.update({p.name: _without_source(p) for p in _import(word, tmp_path / Path(folder).name)})
    assert written == alone
