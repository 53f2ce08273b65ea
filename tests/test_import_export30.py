"""System exports as other provinces' 一体化系统 write them: a 绩效目标 export too big to be read as a form,
headers over two and three rows, a title whose year is not the rows', styled empty cells past the data."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from decimal import Decimal
from pathlib import Path

import pytest
from forms_bulk29.make import held
from forms_export30.make import (
    by_department,
    grouped_wide,
    merged_targets,
    three_row_long,
    three_row_ss2003,
    unicode_text,
)
from openpyxl import Workbook
from test_import_bulk import HEAD, P002, ROWS, _with_sheet_xml, xlsx
from test_import_bulk29 import _as_imported, _as_published, _imported
from test_import_bulk_unnumbered import _unnumbered
from test_import_targets29 import HEADER, _programmes, _rows

from perfsite.cli import main
from perfsite.importing import pipeline, target_export
from perfsite.importing.assemble import Hints
from perfsite.importing.bulk import check_extent, programmes_of
from perfsite.importing.pipeline import prepare
from perfsite.yamlload import load_yaml_file

TARGETS = _programmes()


def test_styled_empty_cells_past_an_unnumbered_sheet_do_not_count(tmp_path: Path) -> None:
    """An export whose cells leave out r, with a clerk's format reaching Excel's last row and column
    (one styled empty cell at XFD1048576): read as the rows it holds. Before, the walk counted the empty
    cell and refused the export as 1,048,576 × 16,384 cells."""
    far = b'<row r="1048576" s="3" customFormat="1"><c r="XFD1048576" s="3"/></row>'
    path = _with_sheet_xml(xlsx(tmp_path / "汇总.xlsx", [HEAD, *ROWS]),
                           lambda x: _unnumbered(x).replace(b"</sheetData>", far + b"</sheetData>"))
    check_extent(path)
    assert [p.values["name"][0] for p in programmes_of(path)] == ["校舍维修", "学生资助"]


def _target_book(path: Path, header: list[list[str]], rows: list[list[str]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "绩效目标"
    for row in [*header, *rows]:
        sheet.append(row)
    book.save(path)
    return path


def _written(out: Path) -> list[dict]:
    """The files an import wrote, as data, without the source file's name."""
    return [{k: v for k, v in load_yaml_file(p).data.items() if k != "source"} for p in sorted(out.rglob("*.yaml"))]


def test_a_target_export_too_big_for_a_form_is_read_as_targets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 绩效目标 export whose sheet is past a form's size (`FORM_SHEET_BYTES`, here lowered so a small
    file stands for a 4 MB one) is imported as the same 绩效目标表 as a small one. Before, it went to the
    自评 export's reader and each programme failed for want of 实际完成值 or was written as a 自评."""
    rows = [row for programme in TARGETS[:2] for row in _rows(*programme)]
    path = _target_book(tmp_path / "目标.xlsx", [["2024年项目支出绩效目标"], HEADER], rows)
    assert main(["import", str(path), "--out", str(tmp_path / "small")]) == 0
    monkeypatch.setattr(pipeline, "FORM_SHEET_BYTES", 1_000)
    assert main(["import", str(path), "--out", str(tmp_path / "big")]) == 0
    small, big = _written(tmp_path / "small"), _written(tmp_path / "big")
    assert [f["kind"] for f in big] == ["绩效目标", "绩效目标"]
    assert big == small


_DIRECTION = {"≥": "正向", ">": "正向", "≤": "反向", "<": "反向", "=": "="}


def _split_rows(year: str, code: str, department: str, golden: dict, *, direction: bool) -> list[list[str]]:
    """`_rows` with the target's sign in 指标性质, or (`direction`) in a 指标方向 column as provinces print it:
    正向 for ≥, 反向 for ≤, the sign itself for =."""
    out = []
    for row in _rows(year, code, department, golden):
        *head, sign, value, measure = row
        out.append([*head, _DIRECTION.get(sign, ""), value, measure] if direction else row)
    return out


TWO_ROW = {
    "sign": [[*HEADER[:8], "年度指标值", "", ""], [""] * 8 + ["指标性质", "指标值", "度量单位"]],
    "direction": [[*HEADER[:8], "指标方向", "年度指标值", ""], [""] * 9 + ["指标值", "度量单位"]],
    "three_rows": [["项目信息", "", "", "", "", "绩效指标", "", "", "", "", ""], [*HEADER[:8], "年度指标值", "", ""],
                   [""] * 8 + ["指标性质", "指标值", "度量单位"]],
}


@pytest.mark.parametrize("kind", TWO_ROW)
def test_a_target_export_under_a_two_row_header_imports_as_under_one(tmp_path: Path, kind: str) -> None:
    """「年度指标值」 over 「指标性质 | 指标值 | 度量单位」 (merged down over the other columns), and the same under
    a group row (项目信息, 绩效指标), imports as the one-row header does; a 指标方向 column (正向/反向) with no
    指标性质 gives the signs (≥/≤). Before, the two- and three-row headers were not found (no file was
    written), and a 反向 「1000 万元」 read as ≥ 1000."""
    rows = [row for programme in TARGETS[2:4] for row in _rows(*programme)]
    one = _target_book(tmp_path / "一行.xlsx", [HEADER], rows)
    split = [row for programme in TARGETS[2:4] for row in _split_rows(*programme, direction=kind == "direction")]
    two = _target_book(tmp_path / "两行.xlsx", [["2024年项目支出绩效目标表"], *TWO_ROW[kind]], split)
    for path in (one, two):
        assert main(["import", str(path), "--out", str(tmp_path / path.stem)]) == 0
    want, got = _written(tmp_path / "一行"), _written(tmp_path / "两行")
    assert len(got) == 2 and got == want


SELF = held()
SHAPES = {
    "grouped_wide": lambda tmp: grouped_wide(tmp / "自评汇总.xlsx", SELF),
    "three_row_long": lambda tmp: three_row_long(tmp / "自评汇总.xlsx", SELF),
    "three_row_ss2003": lambda tmp: three_row_ss2003(tmp / "自评汇总.xls", SELF),
    "unicode_xls": lambda tmp: unicode_text(tmp / "自评汇总.xls", SELF),
    "unicode_csv": lambda tmp: unicode_text(tmp / "自评汇总.csv", SELF),
    "by_department": lambda tmp: by_department(tmp / "自评汇总.xlsx", SELF),
    "by_year": lambda tmp: by_department(tmp / "自评汇总.xlsx", SELF, sheet_of=lambda form: f"{form.year}年"),
    "named_sheets": lambda tmp: by_department(tmp / "自评汇总.xlsx", SELF, department_column=False),
}


@pytest.fixture(scope="module")
def self_exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, dict], str]]:
    """Each shape's import: {shape: ({name: file's data}, what the import printed)}."""
    tmp = tmp_path_factory.mktemp("export30")
    out = {}
    for shape, make in SHAPES.items():
        (tmp / shape).mkdir()
        path = make(tmp / shape)
        buffer = io.StringIO()
        with redirect_stdout(buffer):
            main(["import", str(path), "--out", str(tmp / shape / "out")])
        out[shape] = (_imported(tmp / shape / "out"), buffer.getvalue())
    return out


@pytest.mark.parametrize("shape", SHAPES)
def test_a_self_evaluation_export_under_a_grouped_header_imports_as_the_published_forms(
        self_exports: dict[str, tuple[dict[str, dict], str]], shape: str) -> None:
    """「指标1」 over 「名称 | 目标值 | 实际值 | 得分」 (one row per programme), and a header of three rows
    under a title (「年度指标值」 over 「指标性质 | 指标值 | 度量单位」 under 绩效指标): every programme is written
    with the published form's figures. Before, the numbered groups under their numbers were no indicators
    (the export was no export: nothing written), and the three-row header was read as two, its third
    row a programme-less row, each target its sign alone (「≥」) and the figure unread. Excel's 「Unicode
    文本」 (UTF-16, tab-separated) named .xls or .csv: before, refused as UTF-16 (save it again as CSV).
    One sheet per department (or year), 万元 in the title alone, each programme's cells merged down over its
    rows and a 小计 row under each sheet's programmes: before, the 小计 of two programmes was read as the
    second's row and its sums failed it (「全年预算数」是「900」，而同一项目……是「880」). A sheet named after its
    department with no 主管部门 column: the name is each programme's 主管部门 (before: 「未载明」)."""
    files, out = self_exports[shape]
    assert sorted(files) == sorted(form.name for form in SELF), out
    for form in SELF:
        assert _as_imported(files[form.name]) == _as_published(form)
    if shape == "by_year":
        assert "工作表「2022年」第 23 行是合计行，未作为指标导入" in out
    if shape == "named_sheets":
        assert "工作表「中江县水利局」没有主管部门一栏：其中 1 个项目的主管部门按工作表名写作「中江县水利局」，请核对" in out


def test_a_title_whose_year_is_not_the_rows_is_said(self_exports: dict[str, tuple[dict[str, dict], str]],
                                                    tmp_path: Path) -> None:
    """A title stating 2023 over rows of 2020 and 2022: the rows' years are imported, and the clerk is told,
    naming the title, both years and the column to correct (before: nothing said). A title agreeing with
    every row says nothing, and a 目标表 export is told the same."""
    files, out = self_exports["three_row_long"]
    assert {data["year"] for data in files.values()} == {2020, 2022}
    assert ("工作表「自评」的标题「2023年度项目支出绩效自评结果汇总表（单位：万元）」写的是 2023 年，而 E 列「年度」一栏有 "
            "1 个项目是 2020 年、2 个项目是 2022 年：这些项目按「年度」一栏的年份导入；若标题的年份才对，"
            "请在导出表中改正「年度」一栏后重新导入") in out
    assert "的标题「" not in self_exports["grouped_wide"][1]  # its title states no year
    rows = [row for programme in TARGETS[:2] for row in _rows(*programme)]
    for title, said in (("2023年项目支出绩效目标表", True), ("2024年项目支出绩效目标表", False)):
        path = _target_book(tmp_path / f"{title}.xlsx", [[title], HEADER], rows)
        notes = prepare(path, Hints()).report.notes
        assert any(f"标题「{title}」写的是 2023 年，而 A 列「年度」一栏有 2 个项目是 2024 年" in n for n in notes) is said


def test_unicode_text_named_txt_is_told_to_be_renamed(tmp_path: Path) -> None:
    """Excel's 「Unicode 文本」 keeps the .txt name Excel gives it: the clerk is told what it is and that renamed
    .csv it imports, given alone or in a folder (before: 「不能导入的文件类型（.txt）」 and a list of formats none
    of them its own, or in a folder 「文本文件」 like any note)."""
    from perfsite.importing.convert import unreadable

    path = unicode_text(tmp_path / "自评汇总.txt", SELF)
    assert unreadable(path).startswith("「自评汇总.txt」是 Excel 另存的「Unicode 文本」（UTF-16 编码，制表符分隔）：请把扩展名 .txt 改为 .csv")
    (tmp_path / "说明.txt").write_text("不是表格", encoding="utf-8")
    assert "不能导入的文件类型（.txt）" in unreadable(tmp_path / "说明.txt")
    passed_over: list[str] = []  # a folder's: passed over as before, with what to do
    assert pipeline.expand([str(tmp_path)], passed_over)[0] == []
    assert f"{path}（Excel 另存的「Unicode 文本」" in passed_over[0] and "文本文件：" in passed_over[1]


def test_a_target_export_with_a_sheet_per_department_imports_every_sheet(tmp_path: Path) -> None:
    """A 绩效目标 export giving each department a sheet: every sheet's programmes are imported, each sheet's
    notes leading its own first programme. Before, the first sheet alone was read and the others were lost
    with no word."""
    book = Workbook()
    book.remove(book.active)
    for department in dict.fromkeys(programme[2] for programme in TARGETS[:4]):
        sheet = book.create_sheet(department[:31])
        for row in [["2024年项目支出绩效目标表"], HEADER,
                    *(row for programme in TARGETS[:4] if programme[2] == department for row in _rows(*programme))]:
            sheet.append(row)
    book.save(tmp_path / "目标.xlsx")
    assert main(["import", str(tmp_path / "目标.xlsx"), "--out", str(tmp_path / "out")]) == 0
    got = {(f["name"], f["department"]) for f in _written(tmp_path / "out")}
    assert got == {(g["name"], department) for _, _, department, g in TARGETS[:4]}


def test_a_merged_target_export_with_subtotals_and_the_unit_in_its_title(tmp_path: Path) -> None:
    """A 绩效目标 export a sheet per department, each programme's columns merged down over its rows, 万元 in the
    title alone and a 小计 row under each sheet: every programme imports with its indicators and its 预算数 in
    万元. Before, the 小计 under two programmes was read as the second's row, its sum failing that programme."""
    amounts = ("330.984", "330.984", "20", "20", "1000", "1000")
    programmes = [(y, c, d, a, _rows(y, c, d, g)) for (y, c, d, g), a in zip(TARGETS, amounts, strict=True)]
    path = merged_targets(tmp_path / "目标.xlsx", programmes, "2024年项目支出绩效目标表（金额单位：万元）")
    assert main(["import", str(path), "--out", str(tmp_path / "out")]) == 0
    got = {(f["name"], f["department"]): f for f in _written(tmp_path / "out")}
    assert len(got) == len(TARGETS)
    for (_, _, department, golden), amount in zip(TARGETS, amounts, strict=True):
        data = got[(golden["name"], department)]
        assert data["funds"] == {"unit": "万元", "total": Decimal(amount)}
        assert [(i["name"], str(i["target"])) for i in data["indicators"]] == \
            [(i["name"], str(i["target"])) for i in golden["indicators"]]


def test_a_target_export_with_blank_year_end_columns_is_a_target_export(tmp_path: Path) -> None:
    """A 绩效目标 export printing 实际完成值 and 偏差原因 for the year's end, blank on every row: one 目标表 per
    programme, the blank columns said. Before, the header words made it no export, and the single 目标表's
    reader took each row for a form (all but the first refused as the same programme). With the columns
    filled it is a 自评 export, none of whose rows is read as targets."""
    rows = [[*row, "", ""] for programme in TARGETS[:2] for row in _rows(*programme)]
    path = _target_book(tmp_path / "目标.xlsx", [["2024年项目支出绩效目标表"], [*HEADER, "实际完成值", "偏差原因"]], rows)
    item = prepare(path, Hints())
    reports = [item.report, *(more.report for more in item.more)]
    assert [r.failure for r in reports] == ["", ""] and all(r.form for r in reports)
    assert "工作表「绩效目标」L 列「实际完成值」、M 列「偏差原因」各行都是空的（绩效目标表不填年底的完成情况），未导入" in reports[0].notes
    rows[0][-2] = "≥95%"
    filled = _target_book(tmp_path / "自评.xlsx", [["2024年项目支出绩效自评表"], [*HEADER, "实际完成值", "偏差原因"]], rows)
    assert target_export.export_targets(pipeline.read_any(filled)[0]) is None


def test_a_blank_sign_takes_the_direction(tmp_path: Path) -> None:
    """A 指标性质 left blank beside a 指标方向 of 反向: the target is ≤, said once for the sheet with the cells.
    Before, the blank 指标性质 was read as ≥ (a 反向 cost ceiling a floor), and the 指标方向 column was said to
    be unread because the 指标性质 showed the direction."""
    golden = TARGETS[0][3]
    rows = [[*row, _DIRECTION.get(row[8], "")] for row in _rows(*TARGETS[0])]
    blanked = [n for n, row in enumerate(rows) if row[8] in ("≥", "≤")][:2]
    for n in blanked:
        rows[n][8] = ""
    path = _target_book(tmp_path / "目标.xlsx", [["2024年项目支出绩效目标表"], [*HEADER, "指标方向"]], rows)
    assert main(["import", str(path), "--out", str(tmp_path / "out")]) == 0
    [data] = _written(tmp_path / "out")
    assert [str(i["target"]) for i in data["indicators"]] == [str(i["target"]) for i in golden["indicators"]]
    notes = prepare(path, Hints()).report.notes
    assert any(f"有 2 行的「指标性质」一格空着（I{blanked[0] + 3}、I{blanked[1] + 3}），按 L 列「指标方向」读符号" in n
               for n in notes), notes
    assert not any("「指标方向」一列未导入" in n for n in notes)


def test_a_department_code_column_is_not_the_department(tmp_path: Path) -> None:
    """主管部门编码 printed before 主管部门 (as systems print a code before its name): the 主管部门 is the name, and
    a 目标表 export's code is its department_code with its leading zero. Before, the code column took the
    department's place in both exports (each programme's 主管部门 「012」) and the name went unread."""
    head = [*HEAD[:2], "主管部门编码", *HEAD[2:]]
    path = xlsx(tmp_path / "自评.xlsx", [head, *([*row[:2], "012", *row[2:]] for row in ROWS)])
    assert main(["import", str(path), "--out", str(tmp_path / "自评")]) == 0
    assert {f["department"] for f in _written(tmp_path / "自评")} == {"县教育局"}
    header = [*HEADER[:3], "部门编码", *HEADER[3:]]
    rows = [[*row[:3], "012", *row[3:]] for row in _rows(*TARGETS[0])]
    path = _target_book(tmp_path / "目标.xlsx", [header], rows)
    assert main(["import", str(path), "--out", str(tmp_path / "目标")]) == 0
    [data] = _written(tmp_path / "目标")
    assert (data["department"], data["department_code"]) == (TARGETS[0][2], "012")


def test_codes_stored_as_numbers_that_lost_their_leading_zeros_are_said(tmp_path: Path) -> None:
    """项目编码 and 部门编码 stored as numbers: 「0012」 and 「012」 are read 12, the others keep their length. The
    codes are imported as read, and the clerk is told which are short and how to keep the zeros (before:
    nothing said, the department_code written 「12」 beside a 「301」)."""
    header = [*HEADER[:3], "部门编码", *HEADER[3:]]
    rows = []
    for (year, code, department, golden), number in zip(TARGETS[:2], (12, "301"), strict=True):
        short = code if number == "301" else 1234
        rows += [[row[0], short, row[2], number, *row[3:]] for row in _rows(year, code, department, golden)]
    path = _target_book(tmp_path / "目标.xlsx", [header], rows)
    notes = prepare(path, Hints()).report.notes
    assert any("B 列「项目编码」长短不一（最长 12 位，第 2 行「1234」较短）" in n for n in notes), notes
    assert any("D 列「部门编码」长短不一（最长 3 位，第 2 行「12」较短）" in n and "按文本导出" in n for n in notes), notes


def test_a_self_evaluation_export_s_direction_column_gives_the_signs(tmp_path: Path) -> None:
    """A 自评 export printing 指标方向 (正向/反向) beside bare figures imports as the same export with the signs
    written before them: 「1000元」 under 反向 is ≤1000元 (scored as a ceiling), 「500人」 under 正向 ≥500人; a
    target already signed, and one that is no figure, keep theirs. Before, the column was unread and every
    bare figure was ≥, a 反向 cost scored as a floor."""
    cost = [*P002, "成本指标", "经济成本指标", "人均资助成本", "≤1000元", "950元", "10", "10", "", "100"]
    signed = [*ROWS, cost]
    words = {"≥": "正向", "≤": "反向"}
    bare_rows = [[*row[:10], row[10][1:] if row[10][:1] in words else row[10], *row[11:], words.get(row[10][:1], "")]
                 for row in signed]
    bare_rows[0][10] = signed[0][10]  # one target keeps its own sign beside the column
    one = xlsx(tmp_path / "符号.xlsx", [HEAD, *signed])
    two = xlsx(tmp_path / "方向.xlsx", [[*HEAD, "指标方向"], *bare_rows])
    for path in (one, two):
        main(["import", str(path), "--out", str(tmp_path / path.stem)])
    assert _written(tmp_path / "方向") == _written(tmp_path / "符号")
    assert any(str(i["target"]) == "≤1000元" for f in _written(tmp_path / "方向") for i in f["indicators"])
