"""「###」 where a money figure should be (Excel's print of a number wider than its column, kept by a PDF or a
copied table): the cell is named and nothing is written for it; what did print around it is read. On 青神县's
form (tests/forms/b02) the 分值 of the 年度资金总额 row printed so dropped the whole 预算执行率 line, and the
weights then added up to 90 with the 满意度 rows blamed; on 苏州's money blocks (tests/forms_layouts/l08) one
such figure sent the whole block to the unplaced list, where nothing says it is money."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from forms.make import load_form, write_xlsx
from test_import_layout import draft_of, grid, run_import

from perfsite.importing.assemble import Draft, _budget, _budget_row
from perfsite.importing.grid import Grid
from perfsite.importing.tables import BudgetTable, unplaced

FORMS = Path(__file__).resolve().parent / "forms"


def _qingshen(tmp_path: Path, ref: str) -> Path:
    form = load_form(FORMS / "b02-qingshen-gongzixing")
    assert form.rows[8][1] == "总额"  # the 年度资金总额 row: 年初 | 调整后 | 执行数 | 执行率 | 权重 | 得分
    form.rows[8]["FGH".index(ref) + 5] = "###"
    return write_xlsx(form, tmp_path / "b02.xlsx")


@pytest.mark.parametrize(("ref", "word", "key"), [("F", "执行率", "actual"), ("G", "分值", "weight")])
def test_an_execution_figure_printed_as_hashes_is_named_and_the_line_kept(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], ref: str, word: str, key: str) -> None:
    out, said = run_import(tmp_path, _qingshen(tmp_path, ref), capsys)
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    line = data["indicators"][0]
    assert line["name"] == "预算执行率" and key not in line, line
    assert "###" not in yaml.safe_dump(data["indicators"], allow_unicode=True)
    assert f"工作表「Sheet1」 {ref}9（资金表的{word}）印作「###」（Excel 列太窄，没有印出数字）" in said
    assert f"原表资金表的{word}印作「###」" in out.read_text(encoding="utf-8")
    assert data["budget"]["spent"] == 251.89  # the amounts beside it still read
    if key == "actual":
        assert line["weight"] == 10


def _suzhou(spent: str) -> list[list[str]]:
    rows = [
        ["苏州市级财政支出项目绩效自评表", "", "", "", "", "", ""],
        ["项目名称", "市管绿地养护", "", "", "项目年份", "2017", ""],
        ["项目主管部门(单位)", "苏州市园林和绿化管理局", "", "", "", "", ""],
        ["市级预算执行情况(万元)", "年初预算数", "当年使用上年结余、结转及当年调整预算数", "财政拨款数", "指标结余数", "", ""],
        ["", "2960.00", "0.00", "2960.00", "0.00", "", ""],
        ["市级财政资金使用情况(万元)", "财政拨款数", "实际支付数", "资金结余、结转数", "其中:结转数", "财政收回数", ""],
        ["", "2960.00", spent, "161.70", "0.00", "0.00", ""],
        ["项目类别", "", "指标名称", "目标值", "权重", "实际完成值", "自评分"],
        ["项目绩效", "投入目标", "资金使用合规性", "合规", "50", "好", "50"],
        ["", "", "预算执行率", "95%", "50", "=98%", "50"],
    ]
    return rows


def test_a_money_block_figure_printed_as_hashes_is_named_not_listed() -> None:
    g = grid(_suzhou("#####"), ((3, 0, 4, 0), (5, 0, 6, 0), (7, 0, 7, 1), (8, 0, 9, 0), (8, 1, 9, 1)))
    draft, found = draft_of(g)
    assert draft.data["budget"]["initial"] == "2960.00" and "spent" not in draft.data["budget"]
    assert any(n.startswith("表1 第7行第3列（全年执行数）印作「###」：这是 Excel 列宽不够时显示的符号，表上没有印出这些数，"
                            "这些格未写入（全年执行数未写入）。请直接导入原 Excel 文件") for n in draft.notes), draft.notes
    left = unplaced([g], found.used)
    assert not [u for u in left if "#" in u or "实际支付数" in u or "市级财政资金使用情况" in u], left


def test_the_same_block_printed_whole_reads_its_spending() -> None:
    g = grid(_suzhou("2798.30"), ((3, 0, 4, 0), (5, 0, 6, 0), (7, 0, 7, 1), (8, 0, 9, 0), (8, 1, 9, 1)))
    draft, _ = draft_of(g)
    assert draft.data["budget"]["spent"] == "2798.30"
    assert not [n for n in draft.notes if "###" in n]



def test_a_money_block_with_two_known_heads_reads_its_row_of_totals() -> None:
    """苏州's block labelled at its left, its heads 年初预算数 | 全年预算数 (both known), one row of figures and no
    年度资金总额 label: the row is the year's totals. Taken for the central layout, it was read as no row at all."""
    rows = _suzhou("2798.30")
    rows[3][2] = "全年预算数"
    g = grid(rows, ((3, 0, 4, 0), (5, 0, 6, 0), (7, 0, 7, 1), (8, 0, 9, 0), (8, 1, 9, 1)))
    draft, found = draft_of(g)
    budget = draft.data["budget"]
    assert (budget["initial"], budget["budget"], budget["spent"]) == ("2960.00", "0.00", "2798.30")
    left = unplaced([g], found.used)
    assert "表1 第5行第4列：2960.00" in left  # 财政拨款数: a head the reader does not know, listed
    assert not [u for u in left if u.startswith(("表1 第5行第2列", "表1 第5行第3列", "表1 第4行第1列"))], left


def _chengan(*cells: tuple[int, int]) -> Grid:
    form = load_form(FORMS.parent / "forms_layouts" / "l10-chengan-gaoling")
    for r, c in cells:
        form.rows[r][c] = "###"
    return grid(form.rows, tuple(form.merges))


def test_money_pairs_with_hashes_keep_the_pairs_that_printed() -> None:
    """邯郸's 「预算数 | 6.84 | 到位数 | 6.84 | 执行数 | 6.84」 row (tests/forms_layouts/l10) with two of its totals printed
    「###」: one pair left was too few to know the row, and the block's every figure went unplaced. The pairs
    are read, the two cells named; the totals come from the 财政资金 and 其他 rows under them, as printed."""
    g = _chengan((3, 6), (3, 9))
    draft, found = draft_of(g)
    budget = draft.data["budget"]
    assert budget["budget"] == "6.84" and budget["funded"] == "6.84" and budget["spent"] == "6.84"
    assert any(n.startswith("表1 第4行第7列（实际到位数）、第4行第10列（全年执行数）印作「###」：") and
               "（实际到位数的合计按其下印出的各来源之和 6.84 写入；全年执行数的合计按其下印出的各来源之和 6.84 写入）" in n
               for n in draft.notes), draft.notes
    assert not [u for u in unplaced([g], found.used) if "#" in u or "第5行" in u]


def test_a_source_row_figure_printed_as_hashes_is_named_with_its_pair() -> None:
    draft, _ = draft_of(_chengan((4, 9)))
    assert draft.data["budget"]["spent"] == "6.84"  # 其他 0.00 alone under it would read as the breakdown
    assert any(n.startswith("表1 第5行第10列（全年执行数·财政拨款）印作「###」") and "（全年执行数只写印出的合计 6.84）" in n
               for n in draft.notes), draft.notes


def test_an_amount_printed_as_hashes_is_said_to_be_excel_s_print() -> None:
    """「###」 is no amount the unit wrote wrong: the note and the file's comment say what it is, as the loader's
    error on a data file holding it does, so the clerk asks for the figure instead of correcting a text."""
    draft = Draft()
    table = BudgetTable("表1", unit="元")
    table.put("spent", "total", "30000", "第5行第4列")
    table.put("spent", "fiscal", "###", "第6行第4列")
    table.put("spent", "other", "0.00", "第7行第4列")
    assert _budget(draft, table, {}) is not None
    said = ("表1 第6行第4列（全年执行数·财政拨款）印作「###」：这是 Excel 列宽不够时显示的符号，表上没有印出这些数，这些格未写入"
            "（全年执行数只写印出的合计 30000）。请直接导入原 Excel 文件")
    assert any(n.startswith(said) for n in draft.notes), draft.notes
    assert draft.comments[("budget", "unit")][0].startswith(said)
    other = Draft()
    _budget_row(other, "spent", {"total": "见附表"}, "元", "")
    assert other.notes == ["预算表 全年执行数的「见附表」不是金额，未写入"]
