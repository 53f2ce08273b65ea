"""目标表 forms and 绩效目标 exports: signs said where their 指标性质 and 指标方向 disagree or are blank,
起止年限 dates under their label, one assemble-or-fail for a programme's drafts, the money unit of an export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from forms.make import Form, load_form, write_xlsx
from openpyxl import load_workbook
from test_import_export30 import TARGETS, _target_book
from test_import_targets29 import HEADER, _rows

from perfsite.importing import bulk
from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import prepare

_SHEET = "工作表「绩效目标」"
_WORDS = {"≥": "正向", "≤": "反向"}


def _notes(path: Path) -> list[str]:
    item = prepare(path, Hints())
    return [note for report in (item.report, *(more.report for more in item.more)) for note in report.notes]


def test_a_sign_against_its_direction_is_said_and_read_as_printed(tmp_path: Path) -> None:
    """「≥ | 95%」 beside 指标方向 「反向」: the target stays ≥95% (the 指标性质 is the comparison the programme
    set) and the clerk is told both cells and to check which is mistyped; an 「=」 or a 正向 beside ≥ is
    no disagreement. Before, nothing was said."""
    rows = [[*row, "正向"] for row in _rows(*TARGETS[0])]
    rows[0][-1], rows[1][-1], rows[2][8] = "反向", "越小越好", "="
    path = _target_book(tmp_path / "目标.xlsx", [[*HEADER, "指标方向"]], rows)
    item = prepare(path, Hints())
    assert item.draft is not None
    assert [str(i["target"]) for i in item.draft.data["indicators"][:3]] == ["≥95%", "≥1年", "=1人/年"]
    said = [n for n in item.report.notes if "不一致" in n]
    assert said == [f"{_SHEET} I2：指标「维护社会稳定」的指标性质「≥」与 {_SHEET} L2 的指标方向「反向」（越小越好，应为 ≤）"
                    "不一致：按 ≥ 读入，请对照原表核对哪一格填错了，改正后重新导入",
                    f"{_SHEET} I3：指标「维持时效」的指标性质「≥」与 {_SHEET} L3 的指标方向「越小越好」（越小越好，应为 ≤）"
                    "不一致：按 ≥ 读入，请对照原表核对哪一格填错了，改正后重新导入"], said


def test_without_a_sign_column_a_signed_target_or_a_blank_direction_is_said(tmp_path: Path) -> None:
    """No 指标性质 column, the 指标方向 giving the signs: 「≥95%」 typed beside 「反向」 names the 指标值 cell;
    a bare 「1年」 whose 指标方向 is blank is read as ≥, said with the 指标方向 cell to fill. Before, both
    were silent (the blank read ≥ as every 正向 row, the column said to give every row its sign)."""
    header = [*HEADER[:8], "指标值", "度量单位", "指标方向"]
    rows = [[*row[:8], row[9], row[10], _WORDS[row[8]]] for row in _rows(*TARGETS[0])]
    rows[0][8], rows[0][10] = "≥95%", "反向"
    rows[1][10] = ""
    path = _target_book(tmp_path / "目标.xlsx", [header], rows)
    notes = _notes(path)
    assert (f"{_SHEET} I2：指标「维护社会稳定」的指标值「≥95%」前的符号与 {_SHEET} K2 的指标方向「反向」（越小越好，应为 ≤）"
            "不一致：按 ≥ 读入，请对照原表核对哪一格填错了，改正后重新导入") in notes, notes
    assert (f"{_SHEET} K3：指标「维持时效」的指标方向一格空着（表中没有指标性质一栏），指标值「1年」将按 ≥ 读：请对照原表"
            "核对；是反向（越小越好）的指标时，请在这一格填「反向」，或把 ≤ 写在指标值前（如 ≤5元）") in notes, notes
    assert sum("指标方向一格空着" in n or "不一致" in n for n in notes) == 2


JINAN = Path(__file__).resolve().parent / "forms_targets" / "t11-jinan-wangqiu-saishi"
"""金安区's 网球公开赛 目标表: rows 7–8 (项目来源, 项目期 「3年」) become a row of labels over a row of values."""


def test_a_period_under_its_label_keeps_its_end(tmp_path: Path) -> None:
    """「项目来源 | 起止年限」 over 「本级申报项目 | 2025-01-01 | 至 | 2027-12-31」, the dates Excel serials: the
    period is both dates. Before, the start alone was read (「2025-01-01」), the end lost with no word:
    `two_cell_period` joined only the cells beside a label, not those under it."""
    form = load_form(JINAN)
    rows = [list(row) for row in form.rows]
    rows[6] = ["项目来源", "", "起止年限", "", ""]
    rows[7] = ["本级申报项目", "", "2025-01-01", "至", "2027-12-31"]
    merges = [m for m in form.merges if m not in ((6, 1, 6, 4), (7, 1, 7, 4))] + [(6, 0, 6, 1), (7, 0, 7, 1), (6, 2, 6, 4)]
    path = write_xlsx(Form(form.folder, form.meta, rows, merges, form.text_cells), tmp_path / "目标表.xlsx")
    book = load_workbook(str(path))
    for cell in (book.active["C8"], book.active["E8"]):
        cell.value, cell.number_format = dt.datetime.strptime(cell.value, "%Y-%m-%d"), "yyyy-mm-dd"
    book.save(str(path))
    prepared = prepare(path, Hints())
    assert prepared.draft is not None, prepared.report.failure
    assert prepared.draft.data["period"] == "2025-01-01至2027-12-31"
    assert not [note for note in prepared.report.notes if "D8" in note or "E8" in note or "第8行" in note]


def test_a_programme_that_fails_keeps_what_was_said_of_the_export(tmp_path: Path) -> None:
    """An export whose first programme repeats its 年度目标 differently on two rows fails that programme
    only, and its report keeps the export's notes (how the sheet was split, which columns were unread),
    read as a form or, too big for one, by `bulk`: one assemble-or-fail for both. Before, read as a form,
    the failing programme's report lost them, the clerk told of the failure alone."""
    rows = [[*row, ""] for programme in TARGETS[:2] for row in _rows(*programme)]
    rows[1][4] = "另一个年度目标"
    path = _target_book(tmp_path / "目标.xlsx", [[*HEADER, "填报说明"]], rows)
    small = prepare(path, Hints())
    big = [make() for make in bulk._target_makers(path, bulk.read_sheets(path), Hints())]  # a sheet past a form's size
    assert len(big) == 2 and not big[1].report.failure
    for report in (small.report, big[0].report):
        assert "年度目标" in report.failure and "另一个年度目标" in report.failure, report.failure
        assert any("是系统导出的绩效目标表" in n for n in report.notes), report.notes
        assert any("「填报说明」" in n and "未导入" in n for n in report.notes), report.notes
    assert not small.more[0].report.failure


def test_a_money_column_s_own_unit_wins_over_the_title_s_and_is_said(tmp_path: Path) -> None:
    """「（单位：万元）」 in the title, 「资金总额（元）」 over the figures: 1500000 is 元 (150 万元), and the clerk is
    told of the two units with the column. Before, the title's 万元 won unsaid: 1500000 万元, 150 亿元. A title
    agreeing with the column, or a column stating none, says nothing."""
    header = [*HEADER[:4], "资金总额（元）", *HEADER[4:]]
    rows = [[*row[:4], "1500000", *row[4:]] for row in _rows(*TARGETS[0])]
    said = (f"{_SHEET}表头上方写的金额单位是万元，而 E 列「资金总额（元）」写的是元：该列的金额按元读入，请对照原表核对；"
            "应按万元读时，请把 E 列表头的单位改为万元后重新导入")
    for title, unit, note in (("（单位：万元）", "元", True), ("（单位：元）", "元", False)):
        path = _target_book(tmp_path / f"{unit}{note}.xlsx", [[f"2024年项目支出绩效目标表{title}"], header], rows)
        item = prepare(path, Hints())
        assert item.draft is not None and item.draft.data["funds"] == {"unit": unit, "total": "1500000"}
        assert (said in item.report.notes) is note, item.report.notes
    header[4] = "资金总额"
    path = _target_book(tmp_path / "标题.xlsx", [["2024年项目支出绩效目标表（单位：万元）"], header], rows)
    item = prepare(path, Hints())
    assert item.draft is not None and item.draft.data["funds"] == {"unit": "万元", "total": "1500000"}
    assert not [n for n in item.report.notes if "金额单位" in n]
