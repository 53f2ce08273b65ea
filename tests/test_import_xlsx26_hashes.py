"""Money printed 「###」 (Excel's print of a number wider than its column, kept by a PDF or a copied table) in
every figure of a budget row, or in a part of it: the readable figures are kept, each 「###」 cell is named with
what its row then publishes, and no total is published that the form did not print.

On 邯郸's 「预算数 | 6.84 | 到位数 | 6.84 | 执行数 | 6.84」 form (tests/forms_layouts/l10) a row of three 「###」
pairs was no money block: its cells went to the unplaced list and the 财政资金/其他 rows under it were read
as amounts named 「其中:财政资金」; with 到位数 and its 财政资金 printed 「###」, the 其他 0.00 under it was
published as the whole 到位数 (0 for 6.84). On the county form a 「###」 财政拨款 under a printed 年度资金总额
published 上年结转 10 as the breakdown of 210, and with every amount 「###」 the notes named no cell and the
file said nothing (its comments sat above a `budget` never written)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from forms.make import load_form
from openpyxl import Workbook
from test_import_builders import sheet_rows
from test_import_layout import county_form, draft_of, grid, run_import
from test_import_targets import one

from perfsite.importing.assemble import Hints
from perfsite.importing.tables import unplaced

CHENGAN = Path(__file__).resolve().parent / "forms_layouts" / "l10-chengan-gaoling"
ADVICE = "请直接导入原 Excel 文件（数保存在文件里，不受列宽影响），或请填报单位把这些列拉宽后重新导出"


def _chengan(*cells: tuple[int, int]):  # type: ignore[no-untyped-def]
    form = load_form(CHENGAN)
    for r, c in cells:
        form.rows[r][c] = "###"
    g = grid(form.rows, tuple(form.merges))
    draft, found = draft_of(g)
    return draft, unplaced([g], found.used)


def test_a_row_of_pairs_all_printed_as_hashes_is_named_not_listed() -> None:
    draft, left = _chengan(*((r, c) for r in (3, 4) for c in (3, 6, 9)))
    assert "budget" not in draft.data
    note = next(n for n in draft.notes if "印作「###」" in n)
    assert note.startswith("表1 第4行第4列（全年预算数）、第4行第7列（实际到位数）、第4行第10列（全年执行数）、"
                           "第5行第4列（全年预算数·财政拨款）")
    assert "（全年预算数未写入；实际到位数未写入；全年执行数未写入）" in note and ADVICE in note
    assert not [n for n in draft.notes if "其中:财政资金」不是金额" in n], draft.notes
    assert not [u for u in left if "###" in u or u.startswith(("表1 第5行", "表1 第6行"))], left


def test_a_total_and_its_part_printed_as_hashes_publish_no_part_as_the_total() -> None:
    draft, _ = _chengan((3, 6), (4, 6))  # 到位数 6.84 and its 财政资金 6.84; 其他 0.00 printed
    budget = draft.data["budget"]
    assert "funded" not in budget, budget  # was {other: 0.00}: 0 published for 6.84
    assert budget["budget"] == budget["spent"] == "6.84"
    assert any("第4行第7列（实际到位数）、第5行第7列（实际到位数·财政拨款）印作「###」" in n and "（实际到位数未写入）" in n
               for n in draft.notes), draft.notes


def _county(tmp_path: Path, total: list[str], fiscal: list[str]) -> Path:
    rows, merges = county_form()
    rows[5][3:6], rows[6][3:6], rows[7][3:6] = total, fiscal, ["10", "10", "10"]
    book = Workbook()
    sheet_rows(book.active, rows, merges)
    book.save(tmp_path / "yinshui.xlsx")
    return tmp_path / "yinshui.xlsx"


def test_a_part_printed_as_hashes_leaves_the_printed_total_alone(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out, said = run_import(tmp_path, _county(tmp_path, ["210", "218", "216.13"], ["###"] * 3), capsys)
    text = out.read_text(encoding="utf-8")
    budget = yaml.safe_load(text)["budget"]
    assert (budget["initial"], budget["budget"], budget["spent"]) == (210, 218, 216.13)  # was {carryover: 10, total: 210}
    assert "工作表「Sheet」 D7（年初预算数·财政拨款）、E7（全年预算数·财政拨款）、F7（全年执行数·财政拨款）印作「###」" in said
    assert "（年初预算数只写印出的合计 210；全年预算数只写印出的合计 218；全年执行数只写印出的合计 216.13）" in said
    assert "# 年初预算数的来源有一格读不出，只写合计；读出的上年结转 10 未写入：请照原表补上各来源。" in text
    assert "与各来源之和" not in said


def test_every_amount_printed_as_hashes_is_named_in_the_file(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    out, said = run_import(tmp_path, _county(tmp_path, ["###"] * 3, ["###"] * 3), capsys)
    text = out.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert "budget" not in data and data["indicators"][0]["name"] == "预算执行率"
    cells = "工作表「Sheet」 D6（年初预算数）、E6（全年预算数）、F6（全年执行数）、D7（年初预算数·财政拨款）"
    assert cells in said and ADVICE in said
    head, _, _ = text.partition("\nindicators:")
    assert "# 原表的预算执行情况表没有一行能写入 budget：" in head and f"# {cells}" in head


HAINAN = Path(__file__).resolve().parent / "forms_trial2" / "t01-hainan-fuwumaoyi"


def test_a_label_value_pair_printed_as_hashes_is_named_not_listed() -> None:
    """海南's 「实际到位资金(万元) | 398.88」 pair (tests/forms_trial2/t01) and its 省财政 part printed 「###」: the pair
    was no pair, its two cells went to the unplaced list with nothing saying they were money."""
    form = load_form(HAINAN)
    for r, row in enumerate(form.rows):
        form.rows[r] = ["###" if text == "398.88" else text for text in row]
    g = grid(form.rows, tuple(form.merges))
    draft, found = draft_of(g, hints=Hints(year="2019"))
    assert "funded" not in draft.data["budget"] and draft.data["budget"]["spent"] == "395.86"
    assert any(n.startswith("表1 第8行第6列（实际到位数）、第12行第6列（实际到位数·省级）印作「###」") and "（实际到位数未写入）" in n
               for n in draft.notes), draft.notes
    assert not [u for u in unplaced([g], found.used) if "#" in u]


@pytest.mark.parametrize("local", ["###", "节约资金72"])
def test_a_target_form_s_fiscal_sum_with_a_line_unread_is_not_written(local: str) -> None:
    """汉阴县's 「其中:中央补助 40 | 地方资金 72」 (tests/forms_targets/t15) are summed into 财政拨款 112; with 地方资金
    printed 「###」 (or written 「节约资金72」) the 40 alone was published as the 财政拨款 of a 112 year."""
    rows = [["2022年普惠金融发展专项资金绩效目标表（2022年度）", "", "", ""],
            ["专项名称", "普惠金融发展专项资金", "", ""],
            ["资金情况\n(万元)", "年度金额", "112", ""],
            ["", "其中:中央补助", "40", ""],
            ["", "地方资金", local, ""],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "本年度创业担保贷款发放额", "4000万元"]]
    draft = one(grid(rows, ((2, 0, 4, 0),)))
    assert draft.data["funds"] == {"unit": "万元", "total": "112"}  # was fiscal 40
    assert "财政拨款由几行相加，其中有一行读不出：读出的「其中:中央补助 40」不是原表的全部财政拨款，未写入；请照原表补上。" \
        in draft.comments[("funds",)]
