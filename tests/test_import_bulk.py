"""One finance-system export (long format, many programmes) imports to one checked file per programme."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from test_import_formats import lo_convert, office  # noqa: F401 (office is a fixture)
from test_import_word import scored

from perfsite.cli import main
from perfsite.importing.bulk import import_export, is_export, map_columns, programmes_of
from perfsite.importing.pipeline import Options
from perfsite.siteconfig import SiteConfig
from perfsite.yamlload import load_yaml_file

HEAD = ["项目编码", "项目名称", "主管部门", "实施单位", "年度", "全年预算数（万元）", "全年执行数（万元）",
        "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因", "自评得分"]
P001 = ["P001", "校舍维修", "县教育局", "县第一中学", "2023", "100", "98"]
P002 = ["P002", "学生资助", "县教育局", "县教育局", "2023", "4,700.90", "4,700.90"]
ROWS = [
    [*P001, "产出指标", "数量指标", "维修面积", "≥1000平方米", "1000平方米", "40", "40", "", "99"],
    [*P002, "产出指标", "数量指标", "资助人数", "≥500人", "520人", "50", "50", "", "100"],
    [*P001, "效益指标", "社会效益指标", "安全隐患消除率", "100%", "100%", "30", "30", "", "99"],
    [*P001, "满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "87%", "30", "29", "工期延长，部分师生不满意", "99"],
    [*P002, "效益指标", "社会效益指标", "资助政策知晓率", "≥95%", "98%", "50", "50", "", "100"],
]


def xlsx(path: Path, rows: list[list[str]], *, sheet: str = "明细", above: tuple[list[str], ...] = ()) -> Path:
    book = Workbook()
    ws = book.active
    ws.title = sheet
    for row in [*above, *rows]:
        ws.append(row)
    book.save(str(path))
    return path


def run(tmp: Path, *files: Path, code: int = 0) -> list[Path]:
    assert main(["import", *map(str, files), "--out", str(tmp / "out")]) == code
    return sorted((tmp / "out").rglob("*.yaml"))


def data(path: Path) -> dict:
    loaded = load_yaml_file(path).data
    assert isinstance(loaded, dict)
    return loaded


# --------------------------------------------------------------------------- headers

@pytest.mark.parametrize(("header", "kind", "key"), [
    ("项目编码", "programme", "code"), ("项目 编码", "programme", "code"), ("项目代码", "programme", "code"),
    ("项目名称", "programme", "name"), ("专项名称", "programme", "name"), ("主管部门", "programme", "department"),
    ("预算部门", "programme", "department"), ("实施单位", "programme", "unit"), ("年度", "programme", "year"),
    ("预算年度", "programme", "year"), ("年初预算数（万元）", "programme", "initial"),
    ("全年预算数(万元)", "programme", "budget"), ("预算数", "programme", "budget"), ("执行数（元）", "programme", "spent"),
    ("全年执行数", "programme", "spent"), ("预算执行率", "programme", "execution_rate"),
    ("自评等级", "programme", "reported_grade"),
    ("一级指标", "indicator", "level1"), ("三级指标", "indicator", "name"), ("指标名称", "indicator", "name"),
    ("指标值", "indicator", "target"), ("年度指标值", "indicator", "target"), ("实际完成值", "indicator", "actual"),
    ("完成值", "indicator", "actual"), ("分值", "indicator", "weight"), ("权重（%）", "indicator", "weight"),
    ("得分", "indicator", "score"), ("偏差原因", "indicator", "remark"), ("三级指标 ", "indicator", "name"),
    ("分　值", "indicator", "weight"),  # a full-width space, as typed in a Chinese IME
])
def test_header_synonyms(header: str, kind: str, key: str) -> None:
    columns = map_columns([header])
    assert getattr(columns, kind) == {key: 0}, (columns.indicator, columns.programme)
    assert not columns.unknown


def test_self_score_is_the_total_beside_a_score_column() -> None:
    """自评得分 is the programme's total next to 得分, else (as on a form) the indicator's score."""
    assert map_columns(["三级指标", "得分", "自评得分"]).programme == {"reported_score": 2}
    assert map_columns(["三级指标", "自评得分"]).indicator == {"name": 0, "score": 1}


def test_unknown_columns_are_listed_and_the_mapping_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    head = [*HEAD, "填报人", "联系电话"]
    rows = [[*row, "张三", "0357-1234567"] for row in ROWS]
    run(tmp_path, xlsx(tmp_path / "汇总.xlsx", [head, *rows]))
    out = capsys.readouterr().out
    assert "A「项目编码」→ 项目编码" in out and "F「全年预算数（万元）」→ 全年预算数" in out
    assert "J「三级指标」→ 三级指标" in out and "O「偏差原因」→ 偏差原因" in out
    assert "未识别的列（未导入）：Q「填报人」、R「联系电话」" in out


def test_detection_needs_programme_and_indicator_columns_on_one_row(tmp_path: Path) -> None:
    assert is_export(xlsx(tmp_path / "a.xlsx", [HEAD, *ROWS]))
    single = [["项目名称", "校舍维修"], ["主管部门", "县教育局"], ["一级指标", "二级指标", "三级指标", "分值", "得分"]]
    assert not is_export(xlsx(tmp_path / "b.xlsx", single))
    assert not is_export(xlsx(tmp_path / "c.xlsx", [["项目名称", "主管部门", "年度"], ["校舍维修", "县教育局", "2023"]]))


# Two header rows: 年度指标值 over 指标性质/指标值/度量单位, 项目资金 over 年初/全年预算数/全年执行数;
# the programme and the other indicator columns merged down both rows.
UPPER = ["项目编码", "项目名称", "主管部门", "实施单位", "年度", "项目资金（万元）", "", "", "一级指标", "二级指标",
         "三级指标", "年度指标值", "", "", "实际完成值", "分值", "得分", "偏差原因", "自评得分"]
LOWER = ["", "", "", "", "", "年初预算数", "全年预算数", "全年执行数", "", "", "", "指标性质", "指标值", "度量单位",
         "", "", "", "", ""]
SPLIT = {"≥1000平方米": ("≥", "1000", "平方米"), "≥500人": ("≥", "500", "人"), "100%": ("", "100", "%"),
         "≥90%": ("≥", "90", "%"), "≥95%": ("≥", "95", "%")}


def two_row_export(path: Path, *, merged: bool) -> Path:
    """`ROWS` under a header over two rows, its group labels merged (as Excel shows them) or repeated."""
    upper = list(UPPER)
    if not merged:
        upper[6:8], upper[12:14] = [upper[5]] * 2, [upper[11]] * 2
    book = Workbook()
    ws = book.active
    ws.title = "明细"
    ws.append(upper)
    ws.append(LOWER)
    for row in ROWS:
        sign, value, unit = SPLIT[row[10]]
        ws.append([*row[:5], "100" if row[0] == "P001" else "4,700.90", *row[5:10], sign, value, unit, *row[11:]])
    if merged:
        for first, last in ((6, 8), (12, 14)):
            ws.merge_cells(start_row=1, start_column=first, end_row=1, end_column=last)
        for c, text in enumerate(UPPER, 1):
            if text and not LOWER[c - 1]:
                ws.merge_cells(start_row=1, start_column=c, end_row=2, end_column=c)
    book.save(str(path))
    return path


@pytest.mark.parametrize("merged", [True, False], ids=["merged", "repeated"])
def test_a_header_over_two_rows_combines_its_labels(tmp_path: Path, merged: bool,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """The target recombined from 指标性质/指标值/度量单位 and the budget read under 项目资金, as
    the single-form reader reads such a header: the same files as the one-row export."""
    files = run(tmp_path / "two", two_row_export(tmp_path / "汇总.xlsx", merged=merged))
    out = capsys.readouterr().out
    assert "工作表「明细」第 1–2 行是表头" in out
    assert "L「年度指标值 指标性质」→" in out and "F「项目资金（万元） 年初预算数」→ 年初预算数" in out
    assert "未识别的列" not in out
    first = data(files[0])
    assert [i["target"] for i in first["indicators"]] == ["≥1000平方米", "100%", "≥90%"]
    assert first["budget"]["unit"] == "万元"
    rows = [[*r[:5], "100" if r[0] == "P001" else "4,700.90", *r[5:]] for r in ROWS]
    head = [*HEAD[:5], "年初预算数（万元）", *HEAD[5:]]
    single = run(tmp_path / "one", xlsx(tmp_path / "一行表头.xlsx", [head, *rows]))
    assert [body(f) for f in files] == [body(f) for f in single]


def test_a_two_row_header_names_cells_by_their_sheet_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = two_row_export(tmp_path / "汇总.xlsx", merged=True)
    from openpyxl import load_workbook

    book = load_workbook(str(path))
    book.active["P4"] = "五十"  # 分值 of the second data row: Excel row 4, under two header rows
    book.save(str(path))
    run(tmp_path, path, code=1)
    assert "工作表「明细」第 4 行 P 列：「五十」不是数字，无法作为分值，未写入" in capsys.readouterr().out


def test_a_data_row_is_never_taken_for_a_second_header_row() -> None:
    from perfsite.importing.bulk import two_row_header

    assert two_row_header(HEAD, ROWS[0]) is None
    assert two_row_header(["2023年度项目支出绩效自评汇总表"], HEAD) is None  # a title above the header


# --------------------------------------------------------------------------- grouping

def test_rows_group_by_code_wherever_they_stand(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = run(tmp_path, xlsx(tmp_path / "汇总.xlsx", [HEAD, *ROWS], above=(["2023年度项目支出绩效自评汇总表"],)))
    assert [f.name for f in files] == ["xiaoshe-weixiu.yaml", "xuesheng-zizhu.yaml"]
    a, b = data(files[0]), data(files[1])
    assert [i["name"] for i in a["indicators"]] == ["维修面积", "安全隐患消除率", "师生满意度"]
    assert [i["name"] for i in b["indicators"]] == ["资助人数", "资助政策知晓率"]
    assert (a["name"], a["department"], a["year"], a["evaluation"]) == ("校舍维修", "县教育局", 2023, "单位自评")
    assert a["reported"] == {"score": Decimal(99)}
    out = capsys.readouterr().out
    assert "工作表「明细」第 2 行是表头，2 个项目，5 行" in out
    assert "（工作表「明细」第 3、5–6 行） ==" in out
    assert "计算总分：99.00（优）" in out and "计算总分：100.00（优）" in out


def test_without_codes_name_department_and_year_make_a_programme(tmp_path: Path) -> None:
    head = [h for h in HEAD if h != "项目编码"]
    rows = [row[1:] for row in ROWS]
    rows += [["校舍维修", "县教育局", "县第一中学", "2024", "100", "100", "产出指标", "数量指标", "维修面积",
              "≥1000平方米", "1000平方米", "100", "100", "", "100"],
             ["校舍维修", "市教育局", "市第一中学", "2023", "200", "200", "产出指标", "数量指标", "维修面积",
              "≥2000平方米", "2000平方米", "100", "100", "", "100"]]
    programmes = list(programmes_of(xlsx(tmp_path / "汇总.xlsx", [head, *rows])))
    assert [(p.key, len(p.rows)) for p in programmes] == [
        ("项目名称 校舍维修，主管部门 县教育局，年度 2023", 3), ("项目名称 学生资助，主管部门 县教育局，年度 2023", 2),
        ("项目名称 校舍维修，主管部门 县教育局，年度 2024", 1), ("项目名称 校舍维修，主管部门 市教育局，年度 2023", 1)]
    files = run(tmp_path, tmp_path / "汇总.xlsx")
    assert len(files) == 4 and {f.parent.parent.name for f in files} == {"2023", "2024"}


def test_merged_programme_cells_continue_the_programme_above(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Exports with merged cells leave the programme columns blank below the first row."""
    rows = [ROWS[0], ["", "", "", "", "", "", "", "", "", *ROWS[2][9:15], ""],
            ["", "", "", "", "", "", "", "满意度指标", "服务对象满意度指标", *ROWS[3][9:15], ""]]
    [file] = run(tmp_path, xlsx(tmp_path / "汇总.xlsx", [HEAD, *rows]))
    items = data(file)["indicators"]
    assert [(i["level1"], i["level2"], i["name"]) for i in items] == [
        ("产出指标", "数量指标", "维修面积"), ("产出指标", "数量指标", "安全隐患消除率"),
        ("满意度指标", "服务对象满意度指标", "师生满意度")]
    assert "有 2 行没有填项目名称和编码（第 3–4 行），按合并单元格视为上一行所属项目的指标" in capsys.readouterr().out


@pytest.mark.parametrize("numbered", [False, True])
def test_total_rows_are_set_aside(tmp_path: Path, numbered: bool, capsys: pytest.CaptureFixture[str]) -> None:
    """合计 under 项目编码, or in a 序号 column the import does not use."""
    total = ["合计", "", "", "", "", "4,800.90", "4,798.90", "", "", "", "", "", "200", "199", "", ""]
    head, rows = [HEAD, *ROWS, total][0], [*ROWS, total]
    if numbered:
        head, rows = ["序号", *head], [[str(n + 1), *r] for n, r in enumerate(ROWS)] + [["合计", "", *total[1:]]]
    files = run(tmp_path, xlsx(tmp_path / "汇总.xlsx", [head, *rows]))
    assert [len(data(f)["indicators"]) for f in files] == [3, 2]
    assert "工作表「明细」第 7 行是合计行，未作为指标导入" in capsys.readouterr().out


# --------------------------------------------------------------------------- errors

def test_repeated_columns_that_disagree_name_sheet_row_and_column(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    rows = [list(r) for r in ROWS]
    rows[2][2] = "县教育和体育局"  # 第 4 行 C 列
    rows[3][5] = "101"  # 第 5 行 F 列
    files = run(tmp_path, xlsx(tmp_path / "汇总.xlsx", [HEAD, *rows], sheet="项目自评"), code=1)
    assert [f.name for f in files] == ["xuesheng-zizhu.yaml"]  # the other programme is written
    out = capsys.readouterr().out
    assert ("工作表「项目自评」第 4 行 C 列「主管部门」是「县教育和体育局」，而同一项目（项目编码 P001）"
            "第 2 行是「县教育局」") in out
    assert "工作表「项目自评」第 5 行 F 列「全年预算数（万元）」是「101」，而同一项目（项目编码 P001）第 2 行是「100」" in out
    assert "共 2 个文件：导入 1 个，需修改 0 个，失败 1 个。" in out


def test_the_same_amount_written_differently_agrees(tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS]
    rows[2][5], rows[3][5] = "100.00", "１００"
    assert len(run(tmp_path, xlsx(tmp_path / "汇总.xlsx", [HEAD, *rows]))) == 2


def test_cell_problems_name_sheet_and_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [list(r) for r in ROWS]
    rows[1][12] = "五十"
    other = [HEAD, [*P001[:1], "", *P001[2:], "产出指标", "数量指标", "维修面积", "1", "1", "100", "100", "", ""]]
    book = Workbook()
    book.active.title = "一"
    for row in [HEAD, *rows]:
        book.active.append(row)
    second = book.create_sheet("二")
    second.append(["说明：金额单位为万元"])
    for row in other:
        second.append(row)
    book.save(str(tmp_path / "汇总.xlsx"))
    run(tmp_path, tmp_path / "汇总.xlsx", code=1)
    out = capsys.readouterr().out
    assert "工作表「一」第 3 行 M 列：「五十」不是数字，无法作为分值，未写入" in out
    assert "工作表「二」第 2 行是表头" in out


def test_no_year_anywhere_fails_with_the_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    head = [h for h in HEAD if h != "年度"]
    rows = [[c for i, c in enumerate(r) if i != 4] for r in ROWS[:1]]
    run(tmp_path, xlsx(tmp_path / "汇总.xlsx", [head, *rows]), code=1)
    out = capsys.readouterr().out
    assert "== " in out and "（工作表「明细」第 2 行） ==" in out
    assert "找不到评价年度" in out and "未写出任何文件" in out


# --------------------------------------------------------------------------- CSV and text

def body(path: Path) -> list[str]:
    """A data file less the lines that name its source (comments, ``source:``)."""
    return [line for line in path.read_text(encoding="utf-8").splitlines()
            if not line.startswith("#") and not line.startswith("source:")]


@pytest.mark.parametrize("encoding", ["gbk", "utf-8", "utf-8-sig"])
def test_csv_in_the_encodings_excel_writes(tmp_path: Path, encoding: str) -> None:
    title = "2023年度项目支出绩效自评汇总表"
    from_xlsx = run(tmp_path / "x", xlsx(tmp_path / "汇总.xlsx", [HEAD, *ROWS], above=([title],)))
    lines = [title, ",".join(HEAD), *(",".join(f'"{c}"' if "," in c else c for c in r) for r in ROWS)]
    path = tmp_path / "汇总.csv"
    path.write_bytes("\r\n".join(lines).encode(encoding))
    from_csv = run(tmp_path / "c", path)
    assert [f.name for f in from_csv] == [f.name for f in from_xlsx] == ["xiaoshe-weixiu.yaml", "xuesheng-zizhu.yaml"]
    for a, b in zip(from_csv, from_xlsx, strict=True):
        assert body(a) == body(b)
    assert "学生资助" in from_csv[1].read_text(encoding="utf-8")


def test_amounts_and_scores_keep_their_published_digits(tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS]
    for r in rows[1], rows[4]:
        r[6] = "4,700.90"
    files = run(tmp_path, xlsx(tmp_path / "汇总.xlsx", [HEAD, *rows]))
    text = files[1].read_text(encoding="utf-8")
    assert "budget: 4700.90" in text and "spent: 4700.90" in text
    assert scored(files[1]).budget.execution_rate == Decimal(100)
    rows[0][13], rows[0][12] = "40.00", "40.00"
    files = run(tmp_path / "again", xlsx(tmp_path / "b.xlsx", [HEAD, *rows]))
    assert "weight: 40.00" in files[0].read_text(encoding="utf-8")


# --------------------------------------------------------------------------- same as a single form

def test_an_export_writes_what_the_single_form_import_writes(tmp_path: Path) -> None:
    """One programme as a 自评表 and as one export's rows: the same data file, less the lines naming the source."""
    form = Workbook()
    ws = form.active
    ws.title = "自评表"
    for row in [["项目支出绩效自评表"], ["（2023年度）"], ["项目名称", "校舍维修"], ["主管部门", "县教育局", "实施单位", "县第一中学"],
                ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数"], ["", "年度资金总额", "", "100", "98"],
                ["自评得分", "99"], [],
                ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
                *([*r[7:15]] for r in ROWS if r[0] == "P001")]:
        ws.append(row)
    form.save(str(tmp_path / "校舍维修自评表.xlsx"))
    [single] = run(tmp_path / "one", tmp_path / "校舍维修自评表.xlsx")
    [bulk, _] = run(tmp_path / "many", xlsx(tmp_path / "自评汇总.xlsx", [HEAD, *ROWS]))
    assert body(bulk) == body(single)
    assert "  budget: 100" in body(bulk) and "  spent: 98" in body(bulk)


def test_many_programmes_in_workers_match_a_serial_run(tmp_path: Path) -> None:
    rows = [HEAD]
    for n in range(240):
        code, name = f"C{n:04d}", f"项目{n}"
        rows += [[code, name, "县教育局", "", "2023", "10", "10", "产出指标", "数量指标", f"指标{k}", "≥10个", "10个",
                  "50", "50", "", ""] for k in (1, 2)]
    rows.append(["C0007", "项目7", "县财政局", "", "2023", "10", "10", "产出指标", "数量指标", "指标3", "1", "1",
                 "0", "0", "", ""])
    path = xlsx(tmp_path / "汇总.xlsx", rows)
    site = SiteConfig()
    serial = import_export(path, Options(tmp_path / "a"), site, set(), jobs=1)
    forked = import_export(path, Options(tmp_path / "b"), site, set(), jobs=2)
    assert len(serial) == len(forked) == 240
    for x, y in zip(serial, forked, strict=True):
        assert (x.source, x.found, x.notes, x.failure, x.total) == (y.source, y.found, y.notes, y.failure, y.total)
        assert [p.relative_to(tmp_path / "a") for p in x.written] == [p.relative_to(tmp_path / "b") for p in y.written]
    assert sum(1 for r in forked if r.failure) == 1
    assert len(list((tmp_path / "b").rglob("*.yaml"))) == 239


def test_csv_with_semicolons(tmp_path: Path) -> None:
    """Excel with European list separators writes ; between cells."""
    path = tmp_path / "汇总.csv"
    path.write_text("\n".join(";".join(r) for r in [HEAD, *ROWS]), encoding="utf-8")
    files = run(tmp_path, path)
    assert [f.name for f in files] == ["xiaoshe-weixiu.yaml", "xuesheng-zizhu.yaml"]
    assert "budget: 4700.90" in files[1].read_text(encoding="utf-8")


def test_level_rows_carry_down_and_other_sheets_are_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blank = ["", "", "", "", "", "", "", ""]
    rows = [[*P001, "产出指标", "", "", "", "", "", "", "", "99"],
            [*P001[:7], "", "数量指标", "维修面积", "≥1000平方米", "1000平方米", "40", "40", "", ""],
            [*P001[:7], "", "", "维修间数", "≥10间", "10间", "30", "30", "", ""],
            [*P001[:7], "效益指标", "社会效益指标", "安全隐患消除率", "100%", "100%", "30", "30", "", ""]]
    book = Workbook()
    book.active.title = "填写说明"
    book.active.append(["本表由系统导出，请勿修改表头", *blank])
    sheet = book.create_sheet("明细")
    for row in [HEAD, *rows]:
        sheet.append(row)
    book.save(str(tmp_path / "汇总.xlsx"))
    [file] = run(tmp_path, tmp_path / "汇总.xlsx")
    assert [(i["level1"], i["level2"], i["name"]) for i in data(file)["indicators"]] == [
        ("产出指标", "数量指标", "维修面积"), ("产出指标", "数量指标", "维修间数"),
        ("效益指标", "社会效益指标", "安全隐患消除率")]
    assert "工作表「填写说明」的前 10 行没有汇总表的表头" in capsys.readouterr().out


def test_bench_runs_on_a_small_export(tmp_path: Path) -> None:
    """bench/import_bulk.py end to end (figures are reported, never asserted)."""
    import json
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, str(root / "bench" / "import_bulk.py"), "--n", "30", "--out", str(tmp_path)],
                          cwd=root, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    figures = json.loads((tmp_path / "import-bulk-30.json").read_text(encoding="utf-8"))
    assert figures["files"] == 30 and figures["rows"] == 300
    assert figures["import_s"] > 0 and figures["read_calamine_s"] > 0


@pytest.mark.parametrize(("header", "unit", "note"), [("（元）", "元", False), ("（万元）", "万元", False), ("", "万元", True)])
def test_unit_of_money_from_the_headers(tmp_path: Path, header: str, unit: str, note: bool,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    head = [h.replace("（万元）", header) for h in HEAD]
    files = run(tmp_path, xlsx(tmp_path / "汇总.xlsx", [head, *ROWS]))
    assert data(files[0])["budget"]["unit"] == unit
    assert ("表头没有写金额单位：按万元导入" in capsys.readouterr().out) is note


def test_year_from_the_command_line_when_the_export_has_none(tmp_path: Path) -> None:
    head = [h for h in HEAD if h != "年度"]
    rows = [[c for i, c in enumerate(r) if i != 4] for r in ROWS]
    path = xlsx(tmp_path / "汇总.xlsx", [head, *rows])
    assert main(["import", str(path), "--out", str(tmp_path / "out"), "--year", "2022"]) == 0
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.yaml")) == [
        "2022/imported/xiaoshe-weixiu.yaml", "2022/imported/xuesheng-zizhu.yaml"]


# --------------------------------------------------------------------------- extent before calamine

def _with_sheet_xml(path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    """`path` rewritten with its first sheet's XML passed through `edit`."""
    import zipfile

    with zipfile.ZipFile(path) as old:
        parts = {i.filename: old.read(i) for i in old.infolist()}
    name = "xl/worksheets/sheet1.xml"
    parts[name] = edit(parts[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for part, data in parts.items():
            new.writestr(part, data)
    return path


@pytest.mark.parametrize(("edit", "message"), [
    (lambda x: x.replace(b'<c r="B2"', b"<c r = 'XFD1048576'", 1), "范围过大"),  # other spacing and quotes
    (lambda x: x.replace(b'<c r="B2"', b'<c\nr="XFD1048576"', 1), "范围过大"),
    (lambda x: x.replace(b'<c r="B2"', b'<c r="&#88;FD1048576"', 1), "写法不是 Excel 保存的样子"),
], ids=["spaced", "newline", "entity"])
def test_the_extent_is_found_however_the_reference_is_written(tmp_path: Path, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    from perfsite.importing.bulk import check_extent
    from perfsite.importing.sniff import ImportFailure

    path = _with_sheet_xml(xlsx(tmp_path / "汇总.xlsx", [HEAD, *ROWS]), edit)
    with pytest.raises(ImportFailure, match=message):
        check_extent(path)


def test_an_export_as_excel_writes_it_passes_the_extent_check(tmp_path: Path) -> None:
    from perfsite.importing.bulk import check_extent

    check_extent(xlsx(tmp_path / "汇总.xlsx", [HEAD, *ROWS]))
    check_extent(_with_sheet_xml(tmp_path / "汇总.xlsx", lambda x: x.replace(b'<c r="B2"', b"<c r='B2'", 1)))
    check_extent(_with_sheet_xml(tmp_path / "汇总.xlsx", lambda x: x.replace(b'<c r="B2"', b"<c", 1)))  # B2, after A2


def test_an_export_handed_in_as_xls_imports_as_its_xlsx(tmp_path: Path, office: str) -> None:  # noqa: F811
    """Finance systems often export .xls: converted by LibreOffice, it is recognised as an export (never
    read as one programme's form) and writes the programmes the .xlsx writes, field by field."""
    book = xlsx(tmp_path / "export.xlsx", [HEAD, *ROWS])
    old = lo_convert(office, book, "xls", tmp_path / "xls")
    from_old = run(tmp_path / "a", old)
    from_book = run(tmp_path / "b", book)
    assert [p.name for p in from_old] == [p.name for p in from_book] and len(from_old) == 2
    for a, b in zip(from_old, from_book, strict=True):
        got, want = data(a), data(b)
        assert {k: v for k, v in got.items() if k != "source"} == {k: v for k, v in want.items() if k != "source"}
