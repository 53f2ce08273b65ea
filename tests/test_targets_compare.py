"""targets_compare: a 自评's targets against the 绩效目标表 (lowered, raised, changed, added, removed),
renames stated in data, and indicators by year. Expected statuses follow the contract's rule
(≥: a smaller number is lowered; ≤: a larger one; 定性: text), never the code's output."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from perfsite.documents import read_document
from perfsite.indicator_paths import rename_map
from perfsite.model import Indicator, Programme, Rename
from perfsite.siteconfig import SiteConfig
from perfsite.targets import TargetTable
from perfsite.targets_compare import (
    Change,
    Parses,
    compare_targets,
    compare_years,
    planned_text,
)

D = Decimal
L1, L2 = "产出指标", "数量指标"


def table_of(tmp_path: Path, rows: list[dict[str, object]], **extra: object) -> TargetTable:
    data = {"kind": "绩效目标", "id": "p", "name": "项目", "year": 2022, "department": "局", **extra,
            "indicators": [{"level1": L1, "level2": L2, **row} for row in rows]}
    path = tmp_path / "t.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    table, problems = read_document(path, SiteConfig(), tmp_path)
    assert isinstance(table, TargetTable), problems.items
    return table


def evaluation_of(rows: list[tuple[str, str]], year: int = 2022, level1: str = L1, actual: str = "",
                  renamed: tuple[Rename, ...] = ()) -> Programme:
    indicators = [Indicator(level1, L2, name, D(10), target, actual) for name, target in rows]
    return Programme("p", year, "项目", "局", Path("p.yaml"), "p.yaml", indicators=indicators, renamed=renamed)


def change(tmp_path, planned: dict[str, object], restated: str) -> Change:
    [row] = compare_targets(table_of(tmp_path, [{"name": "指标", **planned}]), evaluation_of([("指标", restated)]))
    return row.change


@pytest.mark.parametrize(("planned", "restated", "expected"), [
    # ≥: a smaller number lowers the bar
    ({"nature": "≥", "target": "93", "unit": "%"}, "≥92%", Change.LOWERED),
    ({"nature": "≥", "target": "93", "unit": "%"}, "≥93%", Change.UNCHANGED),
    ({"nature": "≥", "target": "93", "unit": "%"}, "≥95%", Change.RAISED),
    ({"nature": "≥", "target": "93", "unit": "%"}, "93", Change.UNCHANGED),  # a bare number takes the other unit
    ({"nature": "≥", "target": "93.0", "unit": "%"}, "≥93.00%", Change.UNCHANGED),  # 93.0 = 93.00 exactly
    ({"target": "≥93%"}, "＞＝93％", Change.UNCHANGED),  # full-width signs and percent
    # units normalised: 1.2 万人 is 12,000 人
    ({"nature": "≥", "target": "1.2", "unit": "万人"}, "≥12,000人", Change.UNCHANGED),
    ({"nature": "≥", "target": "1.2", "unit": "万人"}, "≥1.15万人", Change.LOWERED),
    ({"nature": "≥", "target": "300", "unit": "万元"}, "≥3000000元", Change.UNCHANGED),
    ({"nature": "≥", "target": "300", "unit": "万元"}, "≥300人", Change.CHANGED),  # units cannot be compared
    # ≤: a larger number lowers the bar
    ({"nature": "≤", "target": "5", "unit": "元"}, "≤6元", Change.LOWERED),
    ({"nature": "≤", "target": "5", "unit": "元"}, "≤4.5元", Change.RAISED),
    ({"nature": "≤", "target": "5", "unit": "元"}, "不超过5元", Change.UNCHANGED),
    ({"nature": "<", "target": "5"}, "<5.0000000001", Change.LOWERED),
    # =: any other number is a change, not a ranking
    ({"nature": "=", "target": "0", "unit": "起"}, "=0起", Change.UNCHANGED),
    ({"nature": "=", "target": "0", "unit": "起"}, "=1起", Change.CHANGED),
    ({"nature": "=", "target": "0", "unit": "起"}, "≥0起", Change.CHANGED),
    # = with another number is scored as ≥ (the contract's reading), so it ranks like ≥
    ({"nature": "=", "target": "100", "unit": "%"}, "100%", Change.UNCHANGED),
    ({"nature": "=", "target": "100", "unit": "%"}, "≥95%", Change.LOWERED),
    # direction changed; > is just above its number, so ≥ 90% → > 90% asks more
    ({"nature": "≥", "target": "90", "unit": "%"}, "≤90%", Change.CHANGED),
    ({"nature": "≥", "target": "90", "unit": "%"}, ">90%", Change.RAISED),
    ({"nature": "≥", "target": "90", "unit": "%"}, ">85%", Change.LOWERED),
    # 定性 compared as text
    ({"nature": "定性", "target": "明显改善"}, "明显改善", Change.UNCHANGED),
    ({"nature": "定性", "target": "明显改善"}, "明显改善。", Change.UNCHANGED),  # punctuation and spaces do not count
    ({"nature": "定性", "target": "明显改善"}, "有所改善", Change.LOWERED),  # ranked: any improvement meets it
    ({"nature": "定性", "target": "明显改善"}, "基本完成", Change.CHANGED),
    ({"nature": "定性", "target": "明显改善"}, "≥90%", Change.CHANGED),
    ({"nature": "≥", "target": "90", "unit": "%"}, "较好", Change.CHANGED),
    # the 自评 gives no target
    ({"nature": "≥", "target": "90", "unit": "%"}, "/", Change.CHANGED),
    ({"nature": "≥", "target": "90", "unit": "%"}, "", Change.CHANGED),
    # several figures: a lowered one is never hidden by a raised one
    ({"target": "≥80%、60%"}, "≥80%、50%", Change.LOWERED),
    ({"target": "≥80%、60%"}, "≥90%、50%", Change.LOWERED),
    ({"target": "≥80%、60%"}, "≥90%、60%", Change.RAISED),
    ({"target": "≥80%、60%"}, "≥80%", Change.CHANGED),
    # a sign written before every figure is that sign once (forms print ≥80%、≥60%)
    ({"target": "≥80%、60%"}, "≥80%、≥60%", Change.UNCHANGED),
    ({"target": "≥80%、≥60%"}, "≥80%、60%", Change.UNCHANGED),
    ({"nature": "≥", "target": "≥80%、≥60%"}, "≥80%、60%", Change.UNCHANGED),
    ({"target": "≥80%、≥60%"}, "≥80%、≥50%", Change.LOWERED),
    ({"target": "≥80%、≥60%"}, "≥80%、≤60%", Change.CHANGED),  # signs that differ stay text
])
def test_target_changes(tmp_path, planned, restated, expected):
    assert change(tmp_path, planned, restated) is expected


@pytest.mark.parametrize("hostile", ["1e400", "NaN", "Infinity", "-", "９９９９９９９９９９９９９９９９９９", "‮09<", "≥",
                                     "≥" + "9" * 20, "x" * 5000])
def test_hostile_restated_targets_are_changed_never_an_exception(tmp_path, hostile):
    assert change(tmp_path, {"nature": "≥", "target": "90", "unit": "%"}, hostile) is Change.CHANGED


def test_the_largest_numbers_in_range_compare_exactly(tmp_path):
    big = "9" * 15
    assert change(tmp_path, {"nature": "≥", "target": big}, f"≥{big}") is Change.UNCHANGED
    assert change(tmp_path, {"nature": "≥", "target": big}, f"≥{'9' * 14}8") is Change.LOWERED
    assert change(tmp_path, {"nature": "≥", "target": "0.0000000001"}, "≥0") is Change.LOWERED


def test_added_and_removed_rows_in_order(tmp_path):
    table = table_of(tmp_path, [{"name": "甲", "target": "≥1"}, {"name": "乙", "target": "≥2"}, {"name": "丙", "target": "≥3"}])
    rows = compare_targets(table, evaluation_of([("丁", "≥4"), ("甲", "≥1"), ("丙", "≥2")]))
    assert [(r.path[2], r.change, r.planned_index, r.evaluated_index) for r in rows] == [
        ("丁", Change.ADDED, None, 0), ("甲", Change.UNCHANGED, 0, 1), ("丙", Change.LOWERED, 2, 2),
        ("乙", Change.REMOVED, 1, None)]
    assert (rows[0].planned, rows[0].restated) == (None, "≥4")
    assert (rows[3].planned, rows[3].restated) == ("≥2", None)


def test_a_name_found_once_on_each_side_pairs_and_says_the_labels_differ(tmp_path):
    table = table_of(tmp_path, [{"name": "满意度", "target": "≥90%"}])
    [row] = compare_targets(table, evaluation_of([("满意度", "≥85%")], level1="效益指标"))
    assert (row.change, row.renamed_from) == (Change.LOWERED, (L1, L2, "满意度"))
    assert row.note == "两表的一级指标名称写法不同，按三级指标名称对应"


def test_names_match_as_a_reader_sees_them(tmp_path):
    table = table_of(tmp_path, [{"name": "ＡＢＣ 达标率", "target": "≥90%"}])
    rows = compare_targets(table, evaluation_of([("abc达标率\u200b", "≥90%")]))
    assert [r.change for r in rows] == [Change.UNCHANGED]


def test_two_rows_of_one_name_pair_in_order(tmp_path):
    table = table_of(tmp_path, [{"name": "补助金额", "target": "≤20万元"}, {"name": "补助金额", "target": "≤30万元"}])
    rows = compare_targets(table, evaluation_of([("补助金额", "≤20万元"), ("补助金额", "≤35万元"), ("补助金额", "≤1万元")]))
    assert [r.change for r in rows] == [Change.UNCHANGED, Change.LOWERED, Change.ADDED]


def test_a_rename_stated_in_either_file_matches_the_rows(tmp_path):
    rename = {"from": [L1, L2, "培训人数"], "to": [L1, L2, "培训人次"]}
    table = table_of(tmp_path, [{"name": "培训人数", "target": "≥100人"}], renamed=[rename])
    rows = compare_targets(table, evaluation_of([("培训人次", "≥80人")]))
    assert [(r.change, r.renamed_from) for r in rows] == [(Change.LOWERED, (L1, L2, "培训人数"))]
    plain = table_of(tmp_path, [{"name": "培训人数", "target": "≥100人"}])
    stated = evaluation_of([("培训人次", "≥80人")], renamed=(Rename((L1, L2, "培训人数"), (L1, L2, "培训人次")),))
    assert [r.change for r in compare_targets(plain, stated)] == [Change.LOWERED]
    assert [r.change for r in compare_targets(plain, evaluation_of([("培训人次", "≥80人")]))] == [
        Change.ADDED, Change.REMOVED]  # never guessed from a similar name


def test_rename_chains_follow_to_the_newest_name_and_cycles_end():
    a, b, c = ((L1, L2, n) for n in "ABC")
    mapping = rename_map([Rename(a, b), Rename(b, c)])
    assert mapping[("产出指标", "数量指标", "a")] == ("产出指标", "数量指标", "c")
    cycle = rename_map([Rename(a, b), Rename(b, a)])
    assert set(cycle) == {("产出指标", "数量指标", "a"), ("产出指标", "数量指标", "b")}  # finite, each to one key


@pytest.mark.parametrize(("renamed", "words"), [
    ("renamed: 培训人数\n", "应是列表"),
    ("renamed: [培训人数]\n", "键值映射"),
    ("renamed:\n  - {from: 培训人数, to: 培训人次}\n", "三段文字"),
    ("renamed:\n  - {from: [a, b], to: [a, b, c]}\n", "三段文字"),
    ("renamed:\n  - {from: [a, b, ''], to: [a, b, c]}\n", "三段文字"),
    ("renamed:\n  - {from: [a, b, c]}\n", "缺少必填的键 to"),
    ("renamed:\n  - {from: [a, b, c], to: [a, b, ' c ']}\n", "同一个指标"),
    ("renamed:\n  - {from: [a, b, c], to: [a, b, d]}\n  - {from: [a, b, c], to: [a, b, e]}\n", "改名一次"),
])
def test_rename_errors(tmp_path, renamed, words):
    text = "kind: 绩效目标\nname: 项目\nyear: 2022\ndepartment: 局\n" + renamed + "indicators: [{name: a, target: '1'}]\n"
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    _, problems = read_document(tmp_path / "t.yaml", SiteConfig(), tmp_path)
    found = [(p.line, p.message) for p in problems.items]
    assert any(words in message and line is not None and line >= 5 for line, message in found), found


def test_planned_text_joins_the_three_columns(tmp_path):
    table = table_of(tmp_path, [{"name": "a", "nature": "≥", "target": "1.2", "unit": "万人"},
                                {"name": "b", "target": "≤5元", "unit": "元"},
                                {"name": "c", "nature": "定性", "target": "明显改善"}])
    assert [planned_text(r) for r in table.indicators] == ["≥1.2万人", "≤5元", "明显改善"]


def test_the_seed_2022_target_table_flags_the_lowered_target():
    repo = Path(__file__).resolve().parent.parent
    site = SiteConfig()
    table, _ = read_document(repo / "data/2022/jiaoyu/yingyang-gaishan-mubiao.yaml", site, repo)
    evaluation, _ = read_document(repo / "data/2022/jiaoyu/yingyang-gaishan.yaml", site, repo)
    rows = compare_targets(table, evaluation)
    by_name = {r.path[2]: r for r in rows}
    assert by_name["学生体质健康达标率"].change is Change.LOWERED  # 93% promised, 92% evaluated
    assert (by_name["学生体质健康达标率"].planned, by_name["学生体质健康达标率"].restated) == ("≥93%", "≥92%")
    assert by_name["受益学生人数"].change is Change.UNCHANGED  # 1.2 万人 = ≥1.2万人
    assert by_name["食品安全事故数"].change is Change.UNCHANGED
    assert by_name["营养改善长效机制"].change is Change.ADDED


def test_the_seed_2023_target_table_matches_through_its_rename():
    repo = Path(__file__).resolve().parent.parent
    site = SiteConfig()
    table, _ = read_document(repo / "data/2023/jiaoyu/yingyang-gaishan-mubiao.yaml", site, repo)
    evaluation, _ = read_document(repo / "data/2023/jiaoyu/yingyang-gaishan.yaml", site, repo)
    by_name = {r.path[2]: r for r in compare_targets(table, evaluation)}
    assert by_name["营养健康教育开展情况"].change is Change.UNCHANGED
    assert by_name["营养健康教育开展情况"].renamed_from == ("效益指标", "社会效益指标", "学生营养健康教育")
    assert {r.change for r in by_name.values() if r.planned is not None} == {Change.UNCHANGED}  # 2023 kept every target


def test_years_by_indicator_path_with_a_rename():
    older = evaluation_of([("培训人数", "≥100人"), ("满意度", "≥90%")], year=2021, actual="120人")
    newer = evaluation_of([("满意度", "≥90%"), ("培训人次", "≥110人")], year=2022, actual="95%",
                          renamed=(Rename((L1, L2, "培训人数"), (L1, L2, "培训人次")),))
    rows = compare_years([older, newer])
    assert [(r.path[2], sorted(r.years), r.former) for r in rows] == [
        ("满意度", [2021, 2022], ()), ("培训人次", [2021, 2022], ((L1, L2, "培训人数"),))]
    training = rows[1]
    assert (training.years[2021].target, training.years[2022].target) == ("≥100人", "≥110人")
    assert training.years[2021].actual_figure.amount == D(120)


def test_years_rows_only_earlier_years_have_come_last():
    older = evaluation_of([("旧指标", "≥1"), ("甲", "≥1")], year=2021)
    newer = evaluation_of([("甲", "≥2")], year=2023)
    rows = compare_years([newer, older])
    assert [(r.path[2], sorted(r.years)) for r in rows] == [("甲", [2021, 2023]), ("旧指标", [2021])]


def test_years_keep_text_actuals_without_a_figure():
    assert compare_years([]) == []
    rows = compare_years([evaluation_of([("甲", "明显改善")], actual="有所改善")])
    assert rows[0].years[2022].actual_figure is None and rows[0].years[2022].actual == "有所改善"



def test_demo_targets_check_clean_leave_the_self_evaluations_alone_and_flag_some_lowered(tmp_path):
    from perfsite.dataset import load_dataset
    from perfsite.demo import write_demo
    from perfsite.problems import Severity

    write_demo(120, tmp_path / "plain", seed=2)
    write_demo(120, tmp_path / "both", seed=2, targets=True)
    plain = {p.relative_to(tmp_path / "plain"): p.read_bytes() for p in (tmp_path / "plain").rglob("*.yaml")}
    both = {p.relative_to(tmp_path / "both"): p.read_bytes() for p in (tmp_path / "both").rglob("*.yaml")}
    assert {k: v for k, v in both.items() if not k.name.endswith("-mubiao.yaml")} == plain
    data = load_dataset(tmp_path / "both")
    assert data.ok and len(data.programmes) == 120
    assert sum(1 for f in data.facts if f.kind == "绩效目标") == 120
    assert data.count(Severity.DISCREPANCY) == load_dataset(tmp_path / "plain").count(Severity.DISCREPANCY)
    lowered = 0
    for path in sorted((tmp_path / "both").rglob("*-mubiao.yaml")):
        table, _ = read_document(path, SiteConfig(), tmp_path)
        evaluation, _ = read_document(path.with_name(path.name.replace("-mubiao", "")), SiteConfig(), tmp_path)
        changes = {r.change for r in compare_targets(table, evaluation)}
        assert changes <= {Change.UNCHANGED, Change.LOWERED}
        lowered += Change.LOWERED in changes
    assert 0 < lowered < 120 * 0.2


def test_a_rename_naming_no_row_of_its_file_is_an_error(tmp_path, core_write, core_programme):
    path = core_write(tmp_path / "p.yaml", core_programme(renamed=[{"from": ["产出指标", "数量指标", "旧名"],
                                                                    "to": ["产出指标", "数量指标", "另一个名"]}]))
    _, problems = read_document(path, SiteConfig(), tmp_path)
    [p] = problems.items
    line = path.read_text(encoding="utf-8").splitlines().index("renamed:") + 2
    assert (p.key, p.line) == ("renamed[1]", line) and "都不是本文件中的指标" in p.message
    ok = core_write(tmp_path / "q.yaml", core_programme(renamed=[{"from": ["产出指标", "数量指标", "旧名"],
                                                                  "to": ["产出指标", "数量指标", "完成数量"]}]))
    assert read_document(ok, SiteConfig(), tmp_path)[1].items == []


def test_a_sign_before_every_figure_reads_as_one_sign(tmp_path):
    """The target table reads ``≥80%、≥60%`` as two figures under ≥ (no error with 指标性质 ≥);
    mixed signs stay the words they are (定性)."""
    table = table_of(tmp_path, [{"name": "甲", "nature": "≥", "target": "≥80%、≥60%"},
                                {"name": "乙", "target": "≥80%、≤60%"}])
    first, second = table.indicators
    assert (first.nature, [f.show() for f in first.figures]) == ("≥", ["80%", "60%"])
    assert (second.nature, second.figures) == ("定性", ())


def test_the_cells_read_are_remembered_by_whoever_compares(tmp_path) -> None:
    """A comparer's Parses remembers the target cells across its comparisons; a call given none
    remembers nothing past itself, and the rows are the same either way."""
    table = table_of(tmp_path, [{"name": "甲", "nature": "≥", "target": "90", "unit": "%"},
                                {"name": "乙", "target": "≤5元"}])
    evaluation = evaluation_of([("甲", "≥85%"), ("乙", "≤5元")])
    parses = Parses()
    first = compare_targets(table, evaluation, parses=parses)
    assert [row.change for row in first] == [Change.LOWERED, Change.UNCHANGED]
    assert parses.target.cache_info().misses == 2 and parses.target.cache_info().hits == 0
    assert compare_targets(table, evaluation, parses=parses) == first
    assert parses.target.cache_info().hits == 2 and parses.planned.cache_info().hits == 2
    before = parses.target.cache_info()
    assert compare_targets(table, evaluation) == first  # its own Parses, dropped after the call
    assert parses.target.cache_info() == before
    assert [row.planned for row in first] == [planned_text(row) for row in table.indicators] == ["≥90%", "≤5元"]
