"""`perfsite check` says what the built page marks: a target the 自评 lowered against its
绩效目标表 (目标调低) is a 提示 at the 自评's 目标值 line naming both targets, and so is one the
comparison cannot decide (无法判断: it may be lowered); unchanged and raised ones say nothing.
The cache keeps what the comparison needs: a second check from the cache says the same."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from perfsite.checkcache import check_tree
from perfsite.cli import main
from perfsite.dataset import load_dataset
from perfsite.model import Indicator, Programme
from perfsite.problems import Problems, Severity
from perfsite.targets import TargetTable, read_target_indicators
from perfsite.targets_check import TargetRows, target_hints
from perfsite.targets_compare import Change, compare_targets
from perfsite.values import target_value


def _indicator(level2: str, name: str, target: str, actual: str) -> dict[str, object]:
    return {"level1": "产出指标", "level2": level2, "name": name, "weight": 25, "target": target, "actual": actual}


def write_pair(core_write, root: Path) -> None:
    core_write(root / "2022" / "p.yaml", {
        "id": "yongde", "name": "营养改善计划", "year": 2022, "department": "永德县教育体育局", "indicators": [
            _indicator("数量指标", "受助学生人数", "≥1200人", "1250人"),
            _indicator("服务对象满意度指标等", "学生满意度", "≧95%", "96%"),
            _indicator("质量指标", "合格率", "0.96", "0.97"),
            _indicator("时效指标", "完成及时率", "═100%", "100%")]})
    core_write(root / "2022" / "p-mubiao.yaml", {
        "kind": "绩效目标", "id": "yongde", "name": "营养改善计划", "year": 2022, "department": "永德县教育体育局",
        "indicators": [
            {"level1": "产出指标", "level2": "数量指标", "name": "受助学生人数", "target": "≥1000人"},
            {"level1": "产出指标", "level2": "服务对象满意度指标", "name": "学生满意度", "target": "≥98%"},
            {"level1": "产出指标", "level2": "质量指标", "name": "合格率", "target": "≥95%"},
            {"level1": "产出指标", "level2": "时效指标", "name": "完成及时率", "nature": "=", "target": "100",
             "unit": "%"}]})


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def hints(problems) -> list[tuple[str, int | None, str]]:
    """The comparison's hints: each cites the 绩效目标表's line (a department's note names 绩效目标表 too)."""
    return [(Path(p.file).name, p.line, p.message) for p in problems
            if p.severity is Severity.WARNING and "绩效目标表（" in p.message]


def test_a_lowered_target_is_a_hint_at_the_self_evaluation_row(tmp_path, core_write):
    root = tmp_path / "data"
    write_pair(core_write, root)
    self_file, table_file = root / "2022" / "p.yaml", root / "2022" / "p-mubiao.yaml"
    table_line = line_of(table_file, "name: 学生满意度") - 2  # the row begins with its level1
    found = hints(load_dataset(root, tmp_path).problems)
    assert found == [("p.yaml", line_of(self_file, "≧95%"),
                      f"目标调低：指标「学生满意度」自评为「≧95%」，绩效目标表（data/2022/p-mubiao.yaml:{table_line}）"
                      "为「≥98%」；网站上此指标标“⚠ 目标调低”。如是照抄时写错，请把 target 改为绩效目标表的「≥98%」；"
                      "如目标确经批准调整，不必改，网站照样标出"),
                     ("p.yaml", line_of(self_file, "target: '0.96'"), found[1][2])]
    assert found[1][2].startswith("无法判断目标是否调低：指标「合格率」自评为「0.96」，绩效目标表（data/2022/p-mubiao.yaml:")
    assert "；无法比较：" in found[1][2]


def test_the_hints_come_again_from_the_cache_and_in_check_output(tmp_path, core_write, capsys, monkeypatch):
    root = tmp_path / "data"
    write_pair(core_write, root)
    monkeypatch.chdir(tmp_path)
    first = hints(check_tree(root, tmp_path).problems)
    again = hints(check_tree(root, tmp_path).problems)  # every file from the cache
    assert len(first) == 2 and again == first
    assert main(["check", "data"]) == 0  # a 提示, never a failure
    out = capsys.readouterr().out
    assert "p.yaml:" in out and "提示：目标调低：指标「学生满意度」" in out


def test_no_hint_without_a_target_table(tmp_path, core_write):
    root = tmp_path / "data"
    write_pair(core_write, root)
    (root / "2022" / "p-mubiao.yaml").unlink()
    assert hints(load_dataset(root, tmp_path).problems) == []


TARGETS = ["≥95%", "95%", "≥90%", "100%", "≤5天", "≥1200人", "1.2万人", "0.96", "＝100%", "═100%"]


def _planned(name: str, target: str) -> tuple[object, ...]:
    """A 绩效目标表 row written without 指标性质, as targets.py reads it: the sign from the cell."""
    value = target_value(target)
    if not value.is_number:
        return ("产出指标", "数量指标", name, "", target, "", (), None)
    return ("产出指标", "数量指标", name, str(value.comparator), target, "",
            tuple((str(f.amount), f.unit) for f in value.figures), None, False)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("甲乙丙"), st.sampled_from(TARGETS)), min_size=1, max_size=3,
                unique_by=lambda r: r[0]),
       st.lists(st.tuples(st.sampled_from("甲乙丙丁"), st.sampled_from(TARGETS)), max_size=5))
def test_the_shortcut_for_kept_targets_says_what_the_comparison_says(planned, restated):
    """target_hints answers a 自评 that keeps every target without comparing the rows: it must
    say what comparing every row says."""
    table_rows = TargetRows(planned=tuple(_planned(name, target) for name, target in planned))  # type: ignore[misc]
    said = TargetRows(restated=tuple(("产出指标", "数量指标", name, target, n + 1, f"indicators[{n + 1}].target")
                                     for n, (name, target) in enumerate(restated)))
    found = target_hints("p.yaml", said, "t.yaml", table_rows)
    table = TargetTable(id="", year=0, name="", department="", path=Path("t.yaml"), file="t.yaml",
                        indicators=read_target_indicators([{"level1": "产出指标", "level2": "数量指标", "name": name,
                                                            "target": target} for name, target in planned],
                                                          Problems("t.yaml")))
    evaluation = Programme("", 0, "", "", Path("p.yaml"), "p.yaml",
                           indicators=[Indicator("产出指标", "数量指标", n, None, t, "") for n, t in restated])
    expected = [row.evaluated_index + 1 for row in compare_targets(table, evaluation)
                if row.planned_index is not None and row.evaluated_index is not None
                and (row.change is Change.LOWERED or row.undecided)]
    assert [p.line for p in found] == expected


def test_a_department_target_lowered_is_a_hint_too(tmp_path, core_write):
    from test_department import EVALUATION, TARGETS

    root = tmp_path / "data"
    (root / "2023").mkdir(parents=True)
    (root / "2023" / "t.yaml").write_text(TARGETS.replace("测试县教育局", "测试县教育局 "), encoding="utf-8")
    (root / "2023" / "e.yaml").write_text(EVALUATION.replace('target: "≥500人"', 'target: "≥450人"'), encoding="utf-8")
    [(name, line, message)] = hints(load_dataset(root, tmp_path).problems)
    assert (name, line) == ("e.yaml", line_of(root / "2023" / "e.yaml", "≥450人"))
    assert message.startswith("目标调低：指标「资助人数」自评为「≥450人」，绩效目标表（data/2023/t.yaml:")
