"""The disclosure lifecycle (绩效目标表 → 自评 → 评价报告 → 整改, with 更正记录) as a careless or
hostile clerk writes it: a target lowered is never missed and never invented, what cannot be
decided is said to be undecided (无法比较), and every wrong date or claim is a Chinese message
naming the file, line and key, never a page that states something false.

Covers: targets restated in other units, signs, widths and separators, bare numbers copied from
the 目标表's 指标值 column without its 度量单位 (``100`` for ``100万元``, ``0.95`` for ``95%``),
ranked 定性 words (优 → 良, 好 → 较好), renamed indicators and one name under two 二级指标;
the same between two years of a series.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from core_helpers import core_minimal_programme, scored
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_harden_kinds import seed_tree

from perfsite.dataset import load_dataset
from perfsite.dates import build_date
from perfsite.documents import read_document
from perfsite.model import Indicator, Programme, Rename
from perfsite.problems import PerfsiteError, Problem, Problems, Severity
from perfsite.rectification import Measure, MeasureStatus
from perfsite.site.department_page import tasks_caption
from perfsite.siteconfig import SiteConfig
from perfsite.targets import TargetTable, read_target_indicators
from perfsite.targets_compare import Change, YearCell, actual_move, compare_targets, planned_text, target_move
from perfsite.values import parse_value

L1, L2 = "产出指标", "数量指标"
REPO = Path(__file__).resolve().parent.parent
SELF, TARGETS = "nongcun-gonglu-yanghu.yaml", "nongcun-gonglu-yanghu-mubiao.yaml"
REPORT, RECTIFICATION = "nongcun-gonglu-yanghu-pingjia.yaml", "nongcun-gonglu-yanghu-zhenggai.yaml"


def table_of(tmp_path: Path, rows: list[dict[str, object]]) -> TargetTable:
    data = {"kind": "绩效目标", "id": "p", "name": "项目", "year": 2022, "department": "局",
            "indicators": [{"level1": L1, "level2": L2, **row} for row in rows]}
    path = tmp_path / "t.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    table, problems = read_document(path, SiteConfig(), tmp_path)
    assert isinstance(table, TargetTable), problems.items
    assert not [p for p in problems.items if p.severity.name == "ERROR"], problems.items
    return table


def evaluation_of(rows: list[tuple[str, str, str]], renamed: tuple[Rename, ...] = ()) -> Programme:
    indicators = [Indicator(L1, level2, name, Decimal(10), target, "") for level2, name, target in rows]
    return Programme("p", 2022, "项目", "局", Path("p.yaml"), "p.yaml", indicators=indicators, renamed=renamed)


def compared(tmp_path: Path, planned: dict[str, object], restated: str) -> tuple[Change, str]:
    [row] = compare_targets(table_of(tmp_path, [{"name": "指标", **planned}]), evaluation_of([(L2, "指标", restated)]))
    return row.change, row.note


GE_95 = {"nature": "≥", "target": "95", "unit": "%"}
WAN_YUAN = {"nature": "≥", "target": "100", "unit": "万元"}


@pytest.mark.parametrize(("planned", "restated", "expected"), [
    # a bare number copied from the 指标值 column means the 目标表's 度量单位, 万 and all
    (WAN_YUAN, "≥100", Change.UNCHANGED),
    (WAN_YUAN, "100", Change.UNCHANGED),
    (WAN_YUAN, "≥1000000", Change.UNCHANGED),  # the same in 元
    (WAN_YUAN, "≥99", Change.LOWERED),  # lower either way
    (WAN_YUAN, "≥99万", Change.LOWERED),  # its own 万: one reading
    ({"nature": "≥", "target": "1.2", "unit": "万人"}, "1.2", Change.UNCHANGED),
    ({"nature": "≥", "target": "1.2", "unit": "万人"}, "1.1", Change.LOWERED),
    ({"target": "≥1.2万人"}, "≥1.2", Change.UNCHANGED),
    # a share written as a fraction against a percentage
    (GE_95, "≥0.95", Change.UNCHANGED),
    (GE_95, "0.95", Change.UNCHANGED),
    (GE_95, "0.9", Change.LOWERED),
    ({"nature": "≤", "target": "5", "unit": "%"}, "≤0.05", Change.UNCHANGED),
    # 定性 words that rank
    ({"nature": "定性", "target": "好"}, "较好", Change.LOWERED),
    ({"nature": "定性", "target": "较好"}, "好", Change.RAISED),
    ({"nature": "定性", "target": "优"}, "良", Change.LOWERED),
    ({"nature": "定性", "target": "优秀"}, "良好", Change.LOWERED),
    ({"nature": "定性", "target": "优"}, "优秀", Change.UNCHANGED),
    ({"nature": "定性", "target": "好"}, "良好", Change.CHANGED),  # two scales: no ranking
    ({"target": "好"}, "较好", Change.LOWERED),
])
def test_fixed_false_lowered_and_missed_lowered(tmp_path, planned, restated, expected):
    assert compared(tmp_path, planned, restated)[0] is expected


@pytest.mark.parametrize(("planned", "restated", "words"), [
    (GE_95, "0.96", "按 0.96%、96% 理解结论不同"),  # 0.96% lower, 96% higher
    ({"nature": "≤", "target": "5", "unit": "%"}, "≤0.08", "按 0.08%、8% 理解结论不同"),
    ({"nature": "≥", "target": "0.95"}, "≥90%", "按 0.95%、95% 理解结论不同"),  # 95% → 90% is lowered, not raised
    ({"nature": "≥", "target": "1", "unit": "万人"}, "≥9999", "按 9999人、9999万人 理解结论不同"),
])
def test_an_undecidable_bare_number_says_it_cannot_compare(tmp_path, planned, restated, words):
    change, note = compared(tmp_path, planned, restated)
    assert change is Change.CHANGED
    assert note.startswith("无法比较：") and words in note


@pytest.mark.parametrize(("planned", "restated", "expected"), [
    # comparators as clerks write them
    *[(GE_95, f"{sign}95%", Change.UNCHANGED) for sign in ("≥", "不低于", "大于等于", "≧", ">=", "＞＝", "达到")],
    (GE_95, "95%以上", Change.UNCHANGED),
    (GE_95, "不低于90%", Change.LOWERED),
    (GE_95, "90%及以上", Change.LOWERED),
    # full-width digits and separators
    (GE_95, "９５％", Change.UNCHANGED),
    (GE_95, "≥９０％", Change.LOWERED),
    ({"nature": "≥", "target": "１２００", "unit": "人次"}, "≥1,000人次", Change.LOWERED),
    ({"nature": "≥", "target": "1200", "unit": "人次"}, "≥1,200.00人次", Change.UNCHANGED),
    (WAN_YUAN, "≥3,000,000元", Change.RAISED),
    # ≤: a larger number is the lowered bar
    ({"nature": "≤", "target": "5", "unit": "%"}, "≤8%", Change.LOWERED),
    ({"nature": "≤", "target": "5", "unit": "%"}, "低于8%", Change.LOWERED),
    ({"nature": "≤", "target": "5", "unit": "%"}, "不超过5%", Change.UNCHANGED),
    ({"nature": "不高于", "target": "5", "unit": "%"}, "≤8%", Change.LOWERED),
    # what cannot be ranked is a flagged change, never 一致
    ({"nature": "≥", "target": "10", "unit": "个"}, "≥8家", Change.CHANGED),
    ({"nature": "≥", "target": "90", "unit": "%"}, "90%-95%", Change.CHANGED),
    ({"target": "90%-95%"}, "85%-95%", Change.CHANGED),
    ({"nature": "≥", "target": "3", "unit": "天"}, "≥72小时", Change.CHANGED),
    ({"nature": "≤", "target": "5", "unit": "%"}, "5‰", Change.CHANGED),
    (GE_95, "百分之九十五", Change.CHANGED),
])
def test_targets_as_clerks_restate_them(tmp_path, planned, restated, expected):
    assert compared(tmp_path, planned, restated)[0] is expected


def test_one_name_under_two_second_levels_pairs_by_path(tmp_path):
    table = table_of(tmp_path, [{"level2": "社会效益指标", "name": "满意度", "target": "≥90%"},
                                {"level2": "服务对象满意度指标", "name": "满意度", "target": "≥95%"}])
    rows = compare_targets(table, evaluation_of([("服务对象满意度指标", "满意度", "≥95%"), ("社会效益指标", "满意度", "≥85%")]))
    assert [(r.path[1], r.change) for r in rows] == [("服务对象满意度指标", Change.UNCHANGED),
                                                      ("社会效益指标", Change.LOWERED)]


def test_a_renamed_indicator_is_compared_under_its_new_name(tmp_path):
    table = table_of(tmp_path, [{"name": "供餐天数达标率", "target": "≥95%"}])
    rename = Rename((L1, L2, "供餐天数达标率"), (L1, L2, "营养餐供餐率"))
    [row] = compare_targets(table, evaluation_of([(L2, "营养餐供餐率", "≥0.9")], (rename,)))
    assert (row.change, row.renamed_from) == (Change.LOWERED, (L1, L2, "供餐天数达标率"))


def test_years_say_when_a_bare_number_cannot_be_ranked():
    change, note = target_move("≥0.95", "≥90%")
    assert change is Change.CHANGED and note.startswith("无法比较：")


# --- 更正记录 and 索引号 -------------------------------------------------------------------


def edit(root: Path, name: str, old: str, new: str) -> Path:
    path = root / "2022" / "jiaotong" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def errors(root: Path) -> list[Problem]:
    return [p for p in load_dataset(root, root.parent).problems if p.severity is Severity.ERROR]


def test_the_seed_lifecycle_has_no_error(tmp_path):
    assert errors(seed_tree(tmp_path)) == []


def test_one_index_number_with_two_publication_dates_is_an_error_at_its_line(tmp_path):
    root = seed_tree(tmp_path)
    path = edit(root, RECTIFICATION, "issuer: 示例县交通运输局", "issuer: 示例县交通运输局\nindex_no: 11140000-2023-00112")
    [problem] = errors(root)
    assert (problem.file, problem.line, problem.key) == (f"data/2022/jiaotong/{RECTIFICATION}", line_of(path, "index_no"), "index_no")
    report = "data/2022/jiaotong/nongcun-gonglu-yanghu-pingjia.yaml"
    assert problem.message.startswith(f"索引号「11140000-2023-00112」与 {report} 的发布日期不同（2023-08-30、2024-01-15），"
                                      f"与 {report} 的发布机构不同（示例县财政局、示例县交通运输局）：")


def test_one_document_number_with_two_issuers_is_an_error_at_its_line(tmp_path):
    root = seed_tree(tmp_path)
    edit(root, TARGETS, "issuer: 示例县财政局", "issuer: 示例县交通运输局\ndoc_no: 示财绩〔2023〕11号")
    edit(root, TARGETS, "published: 2022-02-15", "published: 2023-08-30")  # the report's date: only the issuer differs
    [problem] = [p for p in errors(root) if p.key == "doc_no"]  # at the later file by path: the report
    assert (problem.file, problem.line) == (f"data/2022/jiaotong/{REPORT}", line_of(root / "2022" / "jiaotong" / REPORT, "doc_no"))
    assert problem.message.startswith(f"文号「示财绩〔2023〕11号」与 data/2022/jiaotong/{TARGETS} 的发布机构不同（示例县交通运输局、示例县财政局）")


def test_two_later_documents_differing_from_each_other_are_told_even_if_the_first_gives_no_date(tmp_path):
    root = seed_tree(tmp_path)
    number = "index_no: 11140000-2023-00112"  # the report's
    edit(root, TARGETS, "published: 2022-02-15\n", number + "\n")  # the first by path (-mubiao), no date
    edit(root, RECTIFICATION, "issuer: 示例县交通运输局", "issuer: 示例县财政局\n" + number)
    [problem] = [p for p in errors(root) if p.key == "index_no"]
    assert problem.file.endswith(RECTIFICATION) and "发布日期不同（2023-08-30、2024-01-15）" in problem.message


def test_one_index_number_shared_by_a_bundled_disclosure_is_no_error(tmp_path):
    """A department publishes its programmes' tables as one catalogue entry: one date, one issuer."""
    root = seed_tree(tmp_path)
    edit(root, SELF, "published: 2023-08-30", "published: 2023-08-30\nindex_no: １１１４００００-2023-00112")  # full width: the same
    assert errors(root) == []


@pytest.mark.parametrize(("key", "written"), [("why", "/"), ("why", "无"), ("what", "—"), ("why", "同上"), ("what", "- -")])
def test_a_correction_saying_nothing_is_an_error(tmp_path, key, written):
    root = seed_tree(tmp_path)
    row = {"date": "2024-02-01", "what": "金额由 100 万元更正为 120 万元", "why": "原表抄录错误", key: written}
    flow = ", ".join(f"{k}: \"{v}\"" for k, v in row.items())
    path = edit(root, RECTIFICATION, "issuer: 示例县交通运输局", f"issuer: 示例县交通运输局\ncorrections:\n  - {{{flow}}}")
    [problem] = errors(root)
    assert (problem.line, problem.key) == (line_of(path, "- {date: "), f"corrections[1].{key}")
    assert f"写的是「{written}」，等于没有写" in problem.message


def test_a_correction_before_publication_is_an_error_at_its_line(tmp_path):
    root = seed_tree(tmp_path)
    path = edit(root, RECTIFICATION, "issuer: 示例县交通运输局",
                "issuer: 示例县交通运输局\ncorrections:\n  - {date: 2023-12-01, what: 状态更正, why: 原表误填}")
    [problem] = errors(root)
    assert (problem.line, problem.key) == (line_of(path, "- {date: "), "corrections[1].date")
    assert "更正日期 2023-12-01 早于发布日期 2024-01-15" in problem.message


# --- 整改 -----------------------------------------------------------------------------------


def test_a_measure_completed_after_its_document_was_published_is_an_error(tmp_path):
    root = seed_tree(tmp_path)
    path = edit(root, RECTIFICATION, "completed: 2023-11-30", "completed: 2024-03-30")
    [problem] = errors(root)
    assert problem.line == line_of(path, "completed: 2024-03-30")
    assert problem.key.endswith(".completed")
    assert "完成日期 2024-03-30 晚于本文件的发布日期（或最近一次更正的日期）2024-01-15" in problem.message


def test_a_measure_completed_after_publication_is_reported_through_a_correction(tmp_path):
    root = seed_tree(tmp_path)
    edit(root, RECTIFICATION, "completed: 2023-11-30", "completed: 2024-03-30")
    edit(root, RECTIFICATION, "issuer: 示例县交通运输局",
         "issuer: 示例县交通运输局\ncorrections:\n  - {date: 2024-04-02, what: 养护市场化试点由整改中更正为已完成, why: 2024年3月完成验收}")
    assert errors(root) == []


DUE = Measure("整改", "局", "2024-12-31", MeasureStatus.IN_PROGRESS)


@pytest.mark.parametrize(("epoch", "day", "overdue"), [
    ("1735660799", "2024-12-31", False),  # 2024-12-31 23:59:59 in Beijing: the deadline's own day
    ("1735660800", "2025-01-01", True),  # 2025-01-01 00:00 in Beijing, still 2024-12-31 in UTC
    ("1735689599", "2025-01-01", True),  # 2024-12-31 23:59:59 UTC
    ("1735603200", "2024-12-31", False),  # 2024-12-31 00:00 UTC
])
def test_overdue_is_judged_on_the_beijing_day_of_the_build(monkeypatch, epoch, day, overdue):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert build_date() == day
    assert DUE.overdue(build_date()) is overdue
    assert Measure("整改", "局", "2024-12-31", MeasureStatus.DONE).overdue(build_date()) is False


@pytest.mark.parametrize("epoch", ["1e9", "-1", "１７３５６６０８００", "17356608OO", "99999999999999"])
def test_a_malformed_build_date_is_refused_never_today(monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    with pytest.raises(PerfsiteError) as refused:
        build_date()
    [problem] = refused.value.problems
    assert problem.file == "SOURCE_DATE_EPOCH" and f"而不是「{epoch}」" in problem.message


# --- 评价报告 ---------------------------------------------------------------------------------


def report_problems(root: Path) -> list[Problem]:
    path = root / "2022" / "jiaotong" / REPORT
    _, found = read_document(path, SiteConfig(), root.parent)
    return [p for p in found.items if p.severity is not Severity.WARNING]


@pytest.mark.parametrize(("old", "new", "key", "words"), [
    # the table's subtotals, weights and grade: checked as a 自评's are
    ("效益: 25}", "效益: 30}", "groups.效益", "groups 标明「效益」30 分，但其下权重之和为 25"),
    ("name: 立项依据充分性, weight: 5, target: 符合要求, actual: 符合要求, score: 5",
     "name: 立项依据充分性, weight: 10, target: 符合要求, actual: 符合要求, score: 10", "indicators", "各指标权重之和为 105，应为 100"),
    ("grade: 中}", "grade: 良}", "reported.grade", "公布的等级「良」与公布总分 65.66 应得的等级「中」不符"),
    ("score: 65.66,", "score: 75.66,", "reported.score", "公布的总得分 75.66 不等于公布的各项得分之和 65.66"),
    # the conclusion restates total and grade: a corrected table with an old conclusion is two totals
    ("score: 65.66,", "score: 75.66,", "conclusion", "评价结论中写的总分 65.66 与公布的总分 75.66 不符，相差超过 0.1"),
    ("综合评分65.66分", "综合评分68.66分", "conclusion", "评价结论中写的总分 68.66 与公布的总分 65.66 不符"),
    ("评价等级为“中”", "评价等级为“良好”", "conclusion", "评价结论中写的等级「良好」与公布的等级「中」不符"),
])
def test_a_report_states_one_total_and_one_grade(tmp_path, old, new, key, words):
    root = seed_tree(tmp_path)
    path = edit(root, REPORT, old, new)
    found = [p for p in report_problems(root) if p.key == key and words in p.message]
    assert found, [p.as_text() for p in report_problems(root)]
    assert found[0].line == line_of(path, f"{key.split('.')[0]}:")


def test_a_conclusion_agreeing_with_the_table_or_naming_other_scores_is_quiet(tmp_path):
    root = seed_tree(tmp_path)
    edit(root, REPORT, "综合评分65.66分，评价等级为“中”", "其中决策得分13分、产出得分23.12分；综合评分65.66分，等级评定为“中等”")
    assert report_problems(root) == []


@pytest.mark.parametrize(("written", "hint"), [
    ("2024年底前", "年底请写 2024-12-31"),
    ("2024年6月", "只写到月时请写该月最后一天，如 2024-06-30"),
    ("2024-02", "如 2024-02-29"),  # a leap year's February
    ("2024年12月31日前", "请只写日期 2024-12-31"),
    ("长期坚持", "长期坚持的措施也请写出一个完成时限"),
    ("已完成", "「已完成」是整改状态，请写在 status 中"),
    ("2024年6月前", ""),  # before June, or by its end: not guessed
])
def test_a_deadline_as_clerks_write_it_is_refused_with_the_date_to_write(tmp_path, written, hint):
    root = seed_tree(tmp_path)
    path = edit(root, RECTIFICATION, "deadline: 2024-12-31", f"deadline: {written}")
    [problem] = errors(root)
    assert (problem.line, problem.key) == (line_of(path, f"deadline: {written}"), "findings[2].measures[3].deadline")
    assert problem.message.startswith(f"deadline（完成时限）应是日期，如 2023-12-31，而不是「{written}」")
    if hint:
        assert hint in problem.message
    else:
        assert problem.message.endswith(f"「{written}」")


def test_a_report_published_before_its_evaluation_ended_is_an_error(tmp_path):
    root = seed_tree(tmp_path)
    path = edit(root, REPORT, "end: 2023-07-31", "end: 2023-09-30")
    [problem] = errors(root)
    assert (problem.line, problem.key) == (line_of(path, "period:"), "period.end")
    assert "评价时间的结束日期 2023-09-30 晚于报告的发布日期 2023-08-30" in problem.message


def test_corrections_without_a_publication_date_are_pointed_out(tmp_path):
    root = seed_tree(tmp_path)
    path = edit(root, RECTIFICATION, "published: 2024-01-15\n",
                "corrections:\n  - {date: 2024-02-01, what: 金额由 100 万元更正为 120 万元, why: 原表抄录错误}\n")
    found = [p for p in load_dataset(root, root.parent).problems if p.key == "corrections"]
    assert [(p.severity, p.line) for p in found] == [(Severity.WARNING, line_of(path, "corrections:"))]
    assert "有更正记录，但没有写 published（发布日期）" in found[0].message


@pytest.mark.parametrize(("planned", "restated", "note"), [
    (GE_95, "约85%", "无法比较：「约85%」中的「约」说明该数不确切"),
    (GE_95, "百分之九十五", "无法比较：「百分之九十五」"),
    ({"nature": "≥", "target": "1200", "unit": "人次"}, "≥一千人次", "无法比较：「≥一千人次」"),
    ({"target": "90%-95%"}, "≥90%", "无法比较：「90%-95%」"),
    (GE_95, "较好", "定量目标改为定性目标"),  # words, no figure: the kind did change
    ({"nature": "定性", "target": "明显改善"}, "≥90%", "定性目标改为定量目标"),
])
def test_a_figure_the_reader_cannot_take_is_no_change_of_kind(tmp_path, planned, restated, note):
    change, said = compared(tmp_path, planned, restated)
    assert change is Change.CHANGED and said.startswith(note)


@pytest.mark.parametrize(("target", "unit", "shown"), [
    ("50000元", "万元", "≥50000元"),  # not ≥50000元万元
    ("95％", "%", "≥95％"),  # not ≥95％%
    ("12000人", "万人", "≥12000人"),
    ("1.2", "万人", "≥1.2万人"),
    ("1.2万", "人", "≥1.2万人"),
    ("80、60", "%", "≥80、60%"),
])
def test_a_target_writing_its_own_unit_is_published_once(tmp_path, target, unit, shown):
    [row] = table_of(tmp_path, [{"name": "指标", "nature": "≥", "target": target, "unit": unit}]).indicators
    assert planned_text(row) == shown


def test_a_qualitative_row_written_as_a_number_is_pointed_out_and_equal_cells_agree(tmp_path):
    data = {"kind": "绩效目标", "id": "p", "name": "项目", "year": 2022, "department": "局",
            "indicators": [{"level1": L1, "level2": L2, "name": "指标", "nature": "定性", "target": "95%"}]}
    path = tmp_path / "t.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    table, problems = read_document(path, SiteConfig(), tmp_path)
    [warning] = problems.items
    assert (warning.severity, warning.key) == (Severity.WARNING, "indicators[1].nature")
    assert "指标性质是 定性，指标值却是数字「95%」" in warning.message
    assert isinstance(table, TargetTable)
    [same] = compare_targets(table, evaluation_of([(L2, "指标", "95%")]))
    assert same.change is Change.UNCHANGED  # the same cell, not 目标有改动


# --- a property: one target in any clerk's notation is unchanged; a lowered one is never hidden ---

_WIDE = str.maketrans("0123456789.,", "０１２３４５６７８９．，")
SIGNS = {"≥": ("≥", ">=", "≧", "＞＝", "不低于", "不少于", "大于等于", "至少"),
         "≤": ("≤", "<=", "≦", "＜＝", "不高于", "不超过", "小于等于", "不大于")}
UNITS = {"%": ("%", "％"), "万元": ("万元",), "元": ("元",), "人": ("人",), "万人": ("万人",)}


def _table(nature: str, amount: Decimal, unit: str) -> TargetTable:
    problems = Problems("t.yaml")
    rows = read_target_indicators([{"level1": L1, "level2": L2, "name": "指标", "nature": nature,
                                    "target": f"{amount}", "unit": unit}], problems)
    assert not problems.items
    return TargetTable(id="p", year=2022, name="项目", department="局", path=Path("t.yaml"), file="t.yaml", indicators=rows)


def _written(amount: Decimal, draw: st.DrawFn, unit: str) -> str:
    """`amount` (in the 度量单位 `unit`) in one of the ways a clerk restates it."""
    form = draw(st.sampled_from(["plain", "zeros", "comma", "wide", "yuan", "bare", "fraction"]))
    if form == "yuan" and unit in ("万元", "万人"):
        return f"{amount * 10000:f}{unit[1:]}"
    if form == "fraction" and unit == "%" and 1 < amount <= 100:
        return f"{amount / 100:f}"  # 0.95 for 95%
    text = f"{amount:f}"
    if form == "zeros":
        text = f"{amount:.4f}"
    elif form == "comma":
        text = f"{amount:,f}"
    elif form == "wide":
        text = text.translate(_WIDE)
    if form == "bare":
        return text
    return text + draw(st.sampled_from(UNITS[unit]))


@st.composite
def restatements(draw: st.DrawFn, moved: int) -> tuple[TargetTable, str, str]:
    nature = draw(st.sampled_from(["≥", "≤"]))
    unit = draw(st.sampled_from(sorted(UNITS)))
    amount = Decimal(draw(st.integers(1, 99_999))) / 100
    step = Decimal(draw(st.integers(1, 500))) / 100
    easier = amount - step if nature == "≥" else amount + step
    restated = amount if moved == 0 else easier
    if restated <= 0:
        restated = amount / 2 if nature == "≥" else amount * 2
    sign = draw(st.sampled_from(SIGNS[nature]))
    return _table(nature, amount, unit), sign + _written(restated, draw, unit), nature


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(restatements(0))
def test_a_target_restated_in_any_notation_is_unchanged(case):
    table, restated, _ = case
    [row] = compare_targets(table, evaluation_of([(L2, "指标", restated)]))
    assert row.change is Change.UNCHANGED, (row.planned, restated, row.note)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(restatements(1))
def test_a_lowered_target_in_any_notation_is_never_unchanged_or_raised(case):
    table, restated, _ = case
    [row] = compare_targets(table, evaluation_of([(L2, "指标", restated)]))
    assert row.change is Change.LOWERED or (row.change is Change.CHANGED and row.undecided), \
        (row.planned, restated, row.change, row.note)
    assert row.undecided is row.note.startswith("无法比较")  # what a page counts is what its row says


def test_a_full_width_point_is_a_decimal_point(tmp_path):
    assert compared(tmp_path, GE_95, "≥９４．５％") == (Change.LOWERED, "")
    assert compared(tmp_path, {"nature": "≥", "target": "０．９５", "unit": "万人"}, "≥9500人") == (Change.UNCHANGED, "")


@pytest.mark.parametrize(("planned", "restated", "expected"), [
    ({"nature": "≥", "target": "1200", "unit": "人"}, "≥1，200人", Change.UNCHANGED),  # typed in full-width mode
    ({"nature": "≥", "target": "1，200", "unit": "人"}, "≥2，000人", Change.RAISED),  # not 1→2 and 200→000
    ({"nature": "≥", "target": "1，200", "unit": "人"}, "≥1，000人", Change.LOWERED),
    ({"target": "≥80%、60%"}, "≥80%，50%", Change.LOWERED),  # a list stays a list
])
def test_a_full_width_thousands_comma_is_a_thousands_comma(tmp_path, planned, restated, expected):
    assert compared(tmp_path, planned, restated)[0] is expected


def test_a_full_width_thousands_comma_is_scored_as_one_figure(tmp_path):
    data = core_minimal_programme()
    data["indicators"][0].update(target="≥1,000个", actual="1，200个", score=60)  # type: ignore[index]
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = scored(path, tmp_path)
    assert result.total == Decimal("100.00")  # not 1 of 1,000: 0.06 points


@pytest.mark.parametrize(("before", "after", "trend"), [
    ("95%", "0.95", 0),  # a share written as a fraction: the same, not down to 0.95%
    ("95%", "0.96", None),  # 0.96% down, 96% up: no arrow
    ("95%", "0.5", -1),  # down either way
    ("100万元", "120", None),  # 120 元 is down, 120 万元 up
    ("1.18万人", "12,350人", 1),
])
def test_the_actuals_trend_reads_bare_numbers_as_targets_are_read(before, after, trend):
    cells = [YearCell("", actual, parse_value(actual).figures[0]) for actual in (before, after)]
    assert actual_move(*cells) == trend


@pytest.mark.parametrize(("restated", "expected"), [
    ("=0起", Change.UNCHANGED), ("0起", Change.CHANGED),  # a bare 0 is scored ≥ 0: met by anything
    ("≤0起", Change.UNCHANGED), ("≤1起", Change.LOWERED), ("<2起", Change.LOWERED),
    ("=1起", Change.CHANGED), ("≥0起", Change.CHANGED),
])
def test_none_at_all_restated(tmp_path, restated, expected):
    assert compared(tmp_path, {"nature": "=", "target": "0", "unit": "起"}, restated)[0] is expected


@pytest.mark.parametrize(("restated", "expected"), [
    ("≥0.85、50%", Change.LOWERED),  # the first undecided, the second lowered: lowered
    ("≥0.85、60%", Change.CHANGED),
    ("≥70%、60元", Change.LOWERED),  # a unit that cannot be compared hides no lowered figure
])
def test_an_undecided_figure_never_hides_a_lowered_one(tmp_path, restated, expected):
    assert compared(tmp_path, {"target": "≥80%、60%"}, restated)[0] is expected


@pytest.mark.parametrize("conclusion", [
    "按评价指标体系（总分100分）评分，综合评分65.66分，评价等级为“中”。",
    "评价等级：优秀（90分以上）、良好（80-90分）、中（60-80分）、差（60分以下）；本项目综合得分65.66分，等级为中。",
    "评价得分90分及以上为优，本项目综合评分65.66分，评价等级为“中”。",
])
def test_a_conclusion_naming_the_full_marks_or_the_grade_scheme_is_quiet(tmp_path, conclusion):
    root = seed_tree(tmp_path)
    path = root / "2022" / "jiaotong" / REPORT
    text = path.read_text(encoding="utf-8")
    start = text.index("conclusion: >-")
    end = text.index("findings:", start)
    path.write_text(text[:start] + f"conclusion: {conclusion}\n" + text[end:], encoding="utf-8")
    assert report_problems(root) == []


@pytest.mark.parametrize(("written", "hint"), [
    ("基本完成", "没有全部完成的措施是 整改中"),  # never read as 已完成: it would never be overdue
    ("部分完成", "没有全部完成的措施是 整改中"),
    ("进行中", "请写 整改中"), ("持续整改", "请写 整改中"),
    ("未完成", "请写 整改中 或 未开始"),
    ("尚未开始", "请写 未开始"),
    ("已整改", "全部做完的措施请写 已完成"), ("整改完成", "全部做完的措施请写 已完成"),
])
def test_a_status_as_clerks_write_it_is_refused_and_the_right_word_named(tmp_path, written, hint):
    root = seed_tree(tmp_path)
    path = edit(root, RECTIFICATION, "status: 整改中, evidence: 2024年", f"status: {written}, evidence: 2024年")
    [problem] = errors(root)
    assert (problem.line, problem.key) == (line_of(path, f"status: {written}"), "findings[2].measures[3].status")
    assert f"而不是「{written}」：" in problem.message and hint in problem.message


@pytest.mark.parametrize(("name", "old", "new", "words"), [
    (SELF, "published: 2023-08-30", "published: 2022-08-30", "发布日期 2022-08-30 在被评价的 2022 年度结束之前：项目支出绩效自评表"),
    (REPORT, "published: 2023-08-30", "published: 2022-12-30", "在被评价的 2022 年度结束之前：绩效评价报告"),
    (TARGETS, "published: 2022-02-15", "published: 2023-02-15", "发布日期 2023-02-15 在本表的 2022 年度之后：项目支出绩效目标表随当年预算公开"),
])
def test_a_publication_date_on_the_wrong_side_of_its_year_is_pointed_out(tmp_path, name, old, new, words):
    root = seed_tree(tmp_path)
    path = edit(root, name, old, new)
    found = [p for p in load_dataset(root, root.parent).problems if p.key == "published" and p.file.endswith(name)]
    assert [(p.severity, p.line) for p in found] == [(Severity.WARNING, line_of(path, new))]
    assert words in found[0].message


@pytest.mark.parametrize(("before", "after", "expected"), [
    ("≥2倍", "≥2", Change.UNCHANGED),  # 2 copied without its 倍, not 2%
    ("≥2倍", "≥1.5", Change.LOWERED),
    ("≥2倍", "≥150%", Change.LOWERED),
    ("≥2倍", "≥3", Change.CHANGED),  # 3% or 300%
])
def test_a_multiple_restated_without_its_bei(before, after, expected):
    assert target_move(before, after)[0] is expected


def test_the_two_department_documents_of_a_year_may_differ_in_money_unit_and_the_page_names_both(tmp_path):
    """Each form is published as printed (照原表填): a 目标表 in 万元 and a 自评表 in 元 are both valid,
    and the tasks' caption names each column's unit rather than one for both."""
    root = tmp_path / "data"
    (root / "2023" / "jiaoyu").mkdir(parents=True)
    shutil.copy(REPO / "data" / "site.yaml", root)
    for name in ("bumen-zhengti-mubiaobiao.yaml", "bumen-zhengti-zipingbiao.yaml"):
        shutil.copy(REPO / "data" / "2023" / "jiaoyu" / name, root / "2023" / "jiaoyu")
    path = root / "2023" / "jiaoyu" / "bumen-zhengti-zipingbiao.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("unit: 万元", "unit: 元", 1), encoding="utf-8")
    assert errors(root) == []
    twin = {"targets": {"unit": "万元"}, "self_evaluation": {"unit": "元"}}
    assert tasks_caption(twin) == "年度主要任务（年初预算金额单位：万元；全年预算数、全年执行数单位：元）"
    assert tasks_caption({"targets": {"unit": "元"}, "self_evaluation": {"unit": "元"}}) == "年度主要任务（金额单位：元）"
    assert tasks_caption({"targets": {"unit": "元"}, "self_evaluation": None}) == "年度主要任务（金额单位：元）"


@pytest.mark.parametrize(("planned", "restated", "expected", "note"), [
    ({"nature": "≤", "target": "5", "unit": "%"}, "8%", Change.LOWERED, "目标值「8%」没有写比较符号（计分时按 ≥ 理解），按原来的 ≤ 比较"),
    ({"target": "投诉率≤5%"}, "投诉率8%", Change.CHANGED, "目标文字不同"),  # words around it: text
    ({"nature": "≤", "target": "5", "unit": "%"}, "5%", Change.CHANGED, "指标性质由 ≤ 改为 ≥"),  # scored as ≥ 5%
    ({"nature": "≤", "target": "5", "unit": "%"}, "3%", Change.CHANGED, "指标性质由 ≤ 改为 ≥"),
    ({"nature": "=", "target": "0", "unit": "起"}, "1起", Change.LOWERED, "按原来的 ≤ 比较"),
    ({"nature": "=", "target": "0", "unit": "起"}, "0起", Change.CHANGED, "指标性质由 = 改为 ≥"),
])
def test_a_lower_is_better_target_restated_without_its_sign(tmp_path, planned, restated, expected, note):
    change, said = compared(tmp_path, planned, restated)
    assert change is expected and note in said


def test_years_read_a_lower_is_better_target_without_its_sign_the_same_way():
    assert target_move("≤5%", "8%")[0] is Change.LOWERED


@pytest.mark.parametrize(("planned", "restated", "expected", "note"), [
    ("90%-95%", "90%～95%", Change.UNCHANGED, ""),  # one range, another dash
    ("90%-95%", "90-95%", Change.UNCHANGED, ""),
    ("3至5天", "3-5天", Change.UNCHANGED, ""),
    ("90%-95%", "85%-96%", Change.LOWERED, "区间两端都放宽"),
    ("90%-95%", "92%-94%", Change.RAISED, "区间两端都收窄"),
    ("90%-95%", "85%-95%", Change.CHANGED, "无法比较：区间目标的下限由 90% 改为 85%"),  # the same bar if read as ≤ 95%
])
def test_range_targets(tmp_path, planned, restated, expected, note):
    for change, said in (compared(tmp_path, {"target": planned}, restated), target_move(planned, restated)):
        assert change is expected and said.startswith(note)


def test_a_deadline_within_the_evaluated_year_is_pointed_out(tmp_path):
    root = seed_tree(tmp_path)
    path = edit(root, RECTIFICATION, "deadline: 2024-12-31", "deadline: 2022-12-31")
    found = [p for p in load_dataset(root, root.parent).problems if p.key == "findings[2].measures[3].deadline"]
    assert [(p.severity, p.line) for p in found] == [(Severity.WARNING, line_of(path, "deadline: 2022-12-31"))]
    assert "完成时限 2022-12-31 在被评价的 2022 年度之内" in found[0].message and "如应为 2023 年" in found[0].message


def test_a_fraction_against_a_small_percentage_is_undecided_not_raised(tmp_path):
    """Found by the notation property: 1.01% written as 0.0101 against ≤0.02% read only as 0.0101% is raised."""
    change, note = compared(tmp_path, {"nature": "≤", "target": "0.02", "unit": "%"}, "≤0.0101")
    assert change is Change.CHANGED and note.startswith("无法比较")
