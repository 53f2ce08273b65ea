"""A report's score table laid out as firms lay it out still imports to what it says.

No published report in the stored pages shows its 决策/过程/产出/效益 table (tests/forms_reports/README.md
logs the searches), so the score table is tried here in the layouts firms print, on the example
data's report (data/2022/jiaoyu/yingyang-gaishan-pingjia.yaml, itself fictitious and marked
`sample`) written out as a Word report: 分值 and 得分 under other words, columns in another order,
一级指标 merged down over its rows, a 得分率 column, a header over two rows, other words for the total
row, and a report printing only its 一级指标 summary (决策 15 | 14 | 93.33%). The expected import is
the example file's own values: what each layout prints is made from them, so the same values must
come back.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from forms.make import add_table

from perfsite.documents import read_document
from perfsite.importing.pipeline import FileReport, Options, Status, import_file
from perfsite.reader import split_subtotal
from perfsite.reports import EvaluationReport
from perfsite.siteconfig import SiteConfig

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = yaml.safe_load((ROOT / "data/2022/jiaoyu/yingyang-gaishan-pingjia.yaml").read_text(encoding="utf-8"))
LEVELS = list(EXAMPLE["groups"])

Table = tuple[list[list[str]], list[tuple[int, int, int, int]]]
"""(rows, merges as (first row, first column, last row, last column)) of the score table."""

COLUMNS = ("一级指标", "二级指标", "三级指标", "分值", "指标值", "实际完成值", "得分", "扣分原因")
KEYS = ("level1", "level2", "name", "weight", "target", "actual", "score", "remark")


def _cell(item: dict, key: str) -> str:
    if key == "level1":
        return f"{item['level1']}（{EXAMPLE['groups'][item['level1']]}分）"
    return str(item.get(key, ""))


def detail(header: tuple[str, ...] = COLUMNS, order: tuple[str, ...] = KEYS, total: str = "合计",
           level1: Callable[[dict], str] | None = None) -> Table:
    """The detailed table: one row per 三级指标 in `order`, headed `header` (in KEYS order), a total row."""
    words = dict(zip(KEYS, header, strict=True))
    rows = [[words[k] for k in order]]
    for item in EXAMPLE["indicators"]:
        rows.append([(level1(item) if level1 and k == "level1" else _cell(item, k)) for k in order])
    last = ["" for _ in order]
    last[0], last[order.index("weight")], last[order.index("score")] = total, "100", str(EXAMPLE["reported"]["score"])
    return [*rows, last], []


def sums() -> dict[str, Decimal]:
    out = {level: Decimal(0) for level in LEVELS}
    for item in EXAMPLE["indicators"]:
        out[item["level1"]] += Decimal(str(item["score"]))
    return out


def summary() -> Table:
    """The 一级指标 table alone: 一级指标 | 分值 | 得分 | 得分率, 合计 under it (the detail not printed)."""
    rows = [["一级指标", "分值", "得分", "得分率"]]
    for level, points in EXAMPLE["groups"].items():
        got = sums()[level]
        rows.append([level, str(points), f"{got}", f"{(got / points * 100).quantize(Decimal('0.01'))}%"])
    rows.append(["合计", "100", str(EXAMPLE["reported"]["score"]), f"{EXAMPLE['reported']['score']}%"])
    return rows, []


CONTENTS = ["目  录", "一、基本情况\t1", "二、综合评价情况及评价结论\t2", "（一）评价结论\t2", "三、绩效评价指标分析\t3",
            "四、存在的问题及原因分析\t5", "五、有关建议\t6", "附件：绩效评价指标评分表\t7"]
"""A Word table of contents as python-docx reads it (the dot leader is the tab's fill, not characters)."""


def report_docx(path: Path, tables: list[Table], appendix: bool = False, data: dict = EXAMPLE,
                contents: bool = False, opening: str = "") -> Path:
    """The example report as a firm writes it in Word, with `tables` in its 绩效评价指标分析 section, or
    (`appendix`) after its suggestions under 「附件：绩效评价指标评分表」 and the evaluator's signature.
    With an `opening` sentence, who evaluated for whom is said there instead of on the cover."""
    from docx import Document

    doc = Document()
    cover = [] if opening else [f"委托单位：{data['commissioner']}", f"评价机构：{data['evaluator']}"]
    for line in (f"{data['name']}{data['year']}年度绩效评价报告", f"项目名称：{data['name']}",
                 f"主管部门：{data['department']}", *cover,
                 f"评价方法：{data['method']}", *(CONTENTS if contents else []), "一、基本情况",
                 *([opening] if opening else []), "项目覆盖全县义务教育阶段学校。",
                 "二、综合评价情况及评价结论", data["conclusion"], "三、绩效评价指标分析",
                 "评分情况见附件。" if appendix else "评分情况见下表。"):
        doc.add_paragraph(line)
    for rows, merges in [] if appendix else tables:
        add_table(doc, rows, tuple(merges)).style = "Table Grid"
        doc.add_paragraph("")
    doc.add_paragraph("四、存在的问题及原因分析")
    for n, text in enumerate(data["findings"], 1):
        doc.add_paragraph(f"{n}.{text}")
    doc.add_paragraph("五、有关建议")
    for n, text in enumerate(data["suggestions"], 1):
        doc.add_paragraph(f"（{n}）{text}")
    if appendix:
        doc.add_paragraph(str(data["evaluator"]))
        doc.add_paragraph("2023年7月20日")
        doc.add_paragraph("附件：绩效评价指标评分表")
        for rows, merges in tables:
            add_table(doc, rows, tuple(merges)).style = "Table Grid"
    doc.save(str(path))
    return path


def imported(source: Path, out: Path) -> FileReport:
    return import_file(source, Options(out), SiteConfig(), set())


def written(report: FileReport) -> dict:
    return yaml.safe_load(next(p for p in report.written if p.suffix == ".yaml").read_text(encoding="utf-8"))


def rows_of(data: dict) -> list[tuple[str, str, str, Decimal, Decimal]]:
    return [(split_subtotal(i["level1"])[0], i.get("level2", ""), i["name"], Decimal(str(i["weight"])),
             Decimal(str(i["score"]))) for i in data["indicators"]]


EXPECTED = [(i["level1"], i["level2"], i["name"], Decimal(str(i["weight"])), Decimal(str(i["score"])))
            for i in EXAMPLE["indicators"]]


def _merged_down(rows: list[list[str]], column: int) -> Table:
    """Equal cells of `column` under one another merged into one (only the first keeps its text)."""
    merges, r = [], 1
    out = [list(row) for row in rows]
    while r < len(rows) - 1:
        end = r
        while end + 1 < len(rows) - 1 and rows[end + 1][column] == rows[r][column]:
            end += 1
        if end > r:
            merges.append((r, column, end, column))
            for k in range(r + 1, end + 1):
                out[k][column] = ""
        r = end + 1
    return out, merges


def _two_row_header(table: Table) -> Table:
    """「评价指标」 over 一级 | 二级 | 三级指标; the other labels merged down over both header rows."""
    rows, merges = table
    head = rows[0]
    upper = ["评价指标", "", "", *head[3:]]
    lower = [*head[:3], *["" for _ in head[3:]]]
    new = [(0, 0, 0, 2), *((0, c, 1, c) for c in range(3, len(head)))]
    return [upper, lower, *rows[1:]], [*new, *((r0 + 1, c0, r1 + 1, c1) for r0, c0, r1, c1 in merges)]


def _with_rate(table: Table) -> Table:
    """A 得分率 column after 得分 (得分 ÷ 分值, as firms print it)."""
    rows, merges = table
    w, s = rows[0].index("分值"), rows[0].index("得分")
    out = [[*rows[0][:s + 1], "得分率", *rows[0][s + 1:]]]
    for row in rows[1:]:
        rate = f"{(Decimal(row[s]) / Decimal(row[w]) * 100).quantize(Decimal('0.01'))}%" if row[w] and row[s] else ""
        out.append([*row[:s + 1], rate, *row[s + 1:]])
    return out, [(r0, c0 + (c0 > s), r1, c1 + (c1 > s)) for r0, c0, r1, c1 in merges]


def _subtotal_rows() -> Table:
    """A row per 一级指标 before its indicators, with its points and its score (「决策 | | | 15 | | | 14」),
    the indicators' 一级指标 cell left blank."""
    rows, _ = detail()
    out = [rows[0]]
    for level, points in EXAMPLE["groups"].items():
        out.append([level, "", "", str(points), "", "", str(sums()[level]), ""])
        out += [["", *row[1:]] for row in rows[1:-1] if row[0].startswith(level)]
    return [*out, rows[-1]], []


LAYOUTS: dict[str, Callable[[], list[Table]]] = {
    "as_in_the_outline": lambda: [detail()],
    "weight_and_score_named_otherwise": lambda: [detail(("一级指标", "二级指标", "三级指标", "权重", "年度指标值", "实际完成值",
                                                         "评价得分", "扣分原因"), total="总分")],
    "points_with_units": lambda: [detail(("一级指标", "二级指标", "三级指标", "分值（分）", "目标值", "完成值", "得分（分）",
                                          "偏差原因"), total="综合得分")],
    "weight_after_actual_score_last": lambda: [detail(order=("level1", "level2", "name", "target", "actual", "weight",
                                                             "remark", "score"))],
    "level1_merged_down": lambda: [_merged_down(detail()[0], 0)],
    "level1_merged_and_level2_merged": lambda: [_merge_both()],
    "a_rate_column": lambda: [_with_rate(detail())],
    "header_over_two_rows": lambda: [_two_row_header(_merged_down(detail()[0], 0))],
    "summary_before_detail": lambda: [summary(), detail()],
    "subtotal_row_per_level": lambda: [_subtotal_rows()],
    "standard_and_actual_points": lambda: [detail(("一级指标", "二级指标", "三级指标", "标准分值", "目标值", "实际值", "实得分",
                                                   "扣分说明"))],
    "levels_without_the_word_indicator": lambda: [detail(("一级", "二级", "三级", "分值", "指标值", "完成值", "考核得分",
                                                          "扣分理由"))],
}
"""Name (the test id) → the score tables the report prints."""


def _merge_both() -> Table:
    rows, first = _merged_down(detail()[0], 0)
    # 二级指标 merged only inside its 一级指标 (the example's 二级 names do not repeat across levels)
    rows2, second = _merged_down([[r[1]] for r in detail()[0]], 0)
    for n, row in enumerate(rows):
        row[1] = rows2[n][0]
    return rows, [*first, *((r0, 1, r1, 1) for r0, _, r1, _ in second)]


RUNS = [(name, appendix) for name in LAYOUTS for appendix in (False, True)]


@pytest.mark.parametrize("appendix", [False, True])
def test_a_word_table_of_contents_is_no_part_of_the_text(appendix: bool, tmp_path: Path) -> None:
    report = imported(report_docx(tmp_path / "baogao.docx", [detail()], appendix, contents=True), tmp_path / "data")
    assert report.status is Status.IMPORTED, [*report.notes, *(p.as_text() for p in report.problems)]
    data = written(report)
    for key in ("name", "year", "evaluator", "conclusion", "findings", "suggestions"):
        assert data[key] == EXAMPLE[key], key
    assert rows_of(data) == EXPECTED


@pytest.mark.parametrize(("name", "appendix"), RUNS, ids=[f"{n}{'-appendix' if a else ''}" for n, a in RUNS])
def test_the_score_table_reads_as_printed(name: str, appendix: bool, tmp_path: Path) -> None:
    report = imported(report_docx(tmp_path / "baogao.docx", LAYOUTS[name](), appendix), tmp_path / "data")
    printed = "\n".join([*report.found, *report.notes, report.failure, *(p.as_text() for p in report.problems)])
    assert report.status is Status.IMPORTED, printed
    data = written(report)
    assert rows_of(data) == EXPECTED, printed
    assert Decimal(str(data["reported"]["score"])) == Decimal("88.31") and data["reported"]["grade"] == "良"
    document, problems = read_document(next(p for p in report.written if p.suffix == ".yaml"), SiteConfig())
    assert isinstance(document, EvaluationReport) and document.scored is not None
    assert document.scored.total == Decimal("88.31") and not problems.has_errors, printed
    for key in ("conclusion", "findings", "suggestions"):  # an appendix after the suggestions is none of them
        assert data[key] == EXAMPLE[key], key


def test_a_report_printing_only_its_first_level_table(tmp_path: Path) -> None:
    """决策/过程/产出/效益 with 分值, 得分 and 得分率, the detailed table not published: four rows, each a
    一级指标 with its points and its published score (no basis to recompute it: taken as published and
    said so), the total as printed; the clerk is told the detail is missing."""
    report = imported(report_docx(tmp_path / "baogao.docx", [summary()]), tmp_path / "data")
    printed = "\n".join([*report.found, *report.notes, report.failure, *(p.as_text() for p in report.problems)])
    assert report.status is not Status.FAILED, printed
    data = written(report)
    assert [(i["level1"], Decimal(str(i["weight"])), Decimal(str(i["score"]))) for i in data["indicators"]] == [
        (level, Decimal(points), sums()[level]) for level, points in EXAMPLE["groups"].items()]
    assert Decimal(str(data["reported"]["score"])) == Decimal("88.31")
    document, problems = read_document(next(p for p in report.written if p.suffix == ".yaml"), SiteConfig())
    assert isinstance(document, EvaluationReport) and document.scored is not None
    assert document.scored.total == Decimal("88.31") and not problems.has_errors, printed
    assert "一级指标" in printed and "三级指标" in printed  # told that only the summary was published


def test_a_rate_that_does_not_match_its_score_is_reported(tmp_path: Path) -> None:
    rows, merges = summary()
    rows[1][3] = "99.00%"  # 决策 14 of 15 is 93.33%
    report = imported(report_docx(tmp_path / "baogao.docx", [(rows, merges)]), tmp_path / "data")
    assert any("99.00%" in n and "93.33%" in n for n in report.notes), report.notes


@pytest.mark.parametrize(("sentence", "grade"), [
    ("经评价，该项目综合得分为88.31分，绩效等级为良。", "良"),
    ("项目最终得分88.31分，评价等级：良好。", "良好"),
    ("评价总得分88.31分，评定为“良”。", "良"),
    ("绩效评价得分为88.31分，属于“良”等级。", "良"),
    ("综合评价得分88.31分（良）。", "良"),
    ("本次评价得分88.31分,评价等级\"良\"。", "良"),
    ("综合得分88.31分，优于上年。", None),  # 优 here is a comparison, not a grade
    ("经评价，该项目综合得分为88.31分，绩效评级为“良”。", "良"),
    ("项目综合评分88.31分，综合评定等级为良。", "良"),
    ("本项目绩效评价得分为88.31分，绩效评价结果为“良”。", "良"),
    ("经综合评价，项目得分88.31分，等级为“良”。", "良"),
    ("项目评价得分88.31，评价等级为良。", "良"),
])
def test_the_conclusions_total_and_grade_as_firms_write_them(sentence: str, grade: str | None, tmp_path: Path) -> None:
    """The conclusion's sentence gives the published total and grade, in the words firms use."""
    data = {**EXAMPLE, "conclusion": str(EXAMPLE["conclusion"]).replace("综合评分88.31分，评价等级为“良”。", sentence)}
    assert sentence in data["conclusion"]
    report = imported(report_docx(tmp_path / "baogao.docx", [detail()], data=data), tmp_path / "data")
    reported = written(report)["reported"]
    assert Decimal(str(reported["score"])) == Decimal("88.31") and reported.get("grade") == grade


def test_a_paragraph_ending_in_a_space_and_dots_is_text_not_a_contents_entry(tmp_path: Path) -> None:
    """「…，详见附表 .」 ends like a 目录 entry whose page number is lost, but it is a sentence of the
    text (a comma in it, longer than a heading): kept, while the 目录 above it is still left out."""
    conclusion = f"{str(EXAMPLE['conclusion']).rstrip('。')}，详见附表 ."
    data = {**EXAMPLE, "conclusion": conclusion}
    report = imported(report_docx(tmp_path / "baogao.docx", [detail()], data=data, contents=True), tmp_path / "data")
    got = written(report)
    assert got["conclusion"] == conclusion
    assert (got["findings"], got["suggestions"]) == (EXAMPLE["findings"], EXAMPLE["suggestions"])


def test_a_short_unfinished_last_finding_keeps_the_findings_above_it(tmp_path: Path) -> None:
    """「4.…，后续跟踪 ……」 is short and ends in no full stop, so it reads as a sub-heading of 存在的问题:
    the numbered findings above it are findings still, all four in order."""
    findings = [*EXAMPLE["findings"][:-1], f"{str(EXAMPLE['findings'][-1]).rstrip('。')}，后续跟踪 ……"]
    report = imported(report_docx(tmp_path / "baogao.docx", [detail()], data={**EXAMPLE, "findings": findings}),
                      tmp_path / "data")
    assert written(report)["findings"] == findings


FIRM = "示例正信会计师事务所"
OPENINGS = [
    f"受示例县财政局委托，{FIRM}对{EXAMPLE['name']}2022年度资金开展了绩效评价。",
    f"受示例县财政局委托，{FIRM}（以下简称“我所”）对{EXAMPLE['name']}开展了绩效评价。",
    f"根据示例县财政局的委托，{FIRM}于2023年5月对{EXAMPLE['name']}开展了绩效评价。",
    f"{FIRM}接受示例县财政局委托，对{EXAMPLE['name']}开展了绩效评价。",
    f"{FIRM}受示例县财政局的委托，对{EXAMPLE['name']}开展了绩效评价。",
]
"""How firms open a report when the cover names no 评价机构: the firm after 「受…委托」 as often as before it."""


@pytest.mark.parametrize("opening", OPENINGS, ids=range(len(OPENINGS)))
def test_the_evaluator_named_in_the_opening_sentence(opening: str, tmp_path: Path) -> None:
    """Without cover labels the firm named in the opening sentence is the evaluator and the one it names as
    commissioning it the commissioner, the firm before or after 「受…委托」; the report is no 自评."""
    report = imported(report_docx(tmp_path / "baogao.docx", [detail()], opening=opening), tmp_path / "data")
    printed = "\n".join([*report.found, *report.notes, report.failure])
    assert report.status is Status.IMPORTED, printed
    data = written(report)
    assert (data["evaluation"], data["evaluator"], data["commissioner"]) == ("第三方评价", FIRM, "示例县财政局"), printed


def _points_after_each_level() -> Table:
    """「一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分」: each level's points in a column of its own
    (湖南's 评价指标表, as tests/forms_dept/d08 prints it), the levels and their points merged down."""
    items = EXAMPLE["indicators"]
    level2: dict[str, Decimal] = {}
    for item in items:
        level2[item["level2"]] = level2.get(item["level2"], Decimal(0)) + Decimal(str(item["weight"]))
    rows = [["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分"]]
    rows += [[i["level1"], str(EXAMPLE["groups"][i["level1"]]), i["level2"], str(level2[i["level2"]]), i["name"],
              str(i["weight"]), str(i["score"])] for i in items]
    rows.append(["合计", "100", "", "", "", "", str(EXAMPLE["reported"]["score"])])
    merged, merges = _merged_down(rows, 0)
    for column in (1, 2, 3):
        merged, more = _merged_down([[*row[:column], original[column], *row[column + 1:]]
                                     for row, original in zip(merged, rows, strict=True)], column)
        merges += more
    return merged, merges


@pytest.mark.parametrize("appendix", [False, True])
def test_points_after_each_level_are_the_levels(appendix: bool, tmp_path: Path) -> None:
    """Only the last 分值 is the indicator's weight; the 一级 and 二级 points are the levels' (written after
    their names and checked), not the first indicator's weight."""
    report = imported(report_docx(tmp_path / "baogao.docx", [_points_after_each_level()], appendix), tmp_path / "data")
    printed = "\n".join([*report.found, *report.notes, report.failure, *(p.as_text() for p in report.problems)])
    assert report.status is Status.IMPORTED, printed
    data = written(report)
    assert [(level1, split_subtotal(level2)[0], *rest) for level1, level2, *rest in rows_of(data)] == EXPECTED, printed
    assert {split_subtotal(i["level1"])[0]: split_subtotal(i["level1"])[1] for i in data["indicators"]} == {
        level: Decimal(points) for level, points in EXAMPLE["groups"].items()}


def test_a_table_of_measures_in_a_report_leaves_it_a_report(tmp_path: Path) -> None:
    """A report may print its findings' measures as a table whose problem column the 整改 reader does not
    know (「问题事项」): the 整改 reader's refusal of that table does not stop the file reading as the report its
    title says."""
    measures = ([["序号", "问题事项", "整改措施", "责任单位", "完成时限"],
                 ["1", str(EXAMPLE["findings"][0]), "建立台账", "示例县教育局", "2023年12月底"]], [])
    report = imported(report_docx(tmp_path / "baogao.docx", [measures]), tmp_path / "data")  # its score table unpublished
    assert report.status is not Status.FAILED, report.failure
    data = written(report)
    assert (data["kind"], data["evaluator"], data["findings"]) == ("评价报告", EXAMPLE["evaluator"], EXAMPLE["findings"])


@pytest.mark.parametrize("heading", ["五、改进意见", "五、意见和建议", "五、对策建议", "五、有关建议"])
def test_the_suggestions_under_the_headings_firms_give_them(heading: str, tmp_path: Path) -> None:
    """The last section is the suggestions whether headed 建议, 对策 or 改进意见 (「改进意见」 was not read)."""
    source = report_docx(tmp_path / "baogao.docx", [detail()])
    from docx import Document

    document = Document(str(source))
    [old] = [p for p in document.paragraphs if p.text == "五、有关建议"]
    old.text = heading
    document.save(str(source))
    data = written(imported(source, tmp_path / "data"))
    assert (data["findings"], data["suggestions"]) == (EXAMPLE["findings"], EXAMPLE["suggestions"])


def test_a_table_with_several_columns_of_names_is_not_read_as_criteria(tmp_path: Path) -> None:
    """「评价维度 | 评价要点 | 评价指标 | 分值 | … | 得分」: three columns name the indicator at three levels the reader
    cannot tell apart. It was read as a criteria table of the 评价指标 alone, the levels dropped; it is now left
    unread, and the clerk is told which header cells to rename and where."""
    table = detail(("评价维度", "评价要点", "评价指标", "分值", "目标值", "实际值", "得分", "扣分原因"))
    report = imported(report_docx(tmp_path / "baogao.docx", [table]), tmp_path / "data")
    assert "indicators" not in written(report)
    note = next(n for n in report.notes if "评价维度" in n)
    assert "表1" in note and "第1行" in note and "一级指标" in note and "三级指标" in note, note
