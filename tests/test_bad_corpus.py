"""The bad-input corpus (tests/fixtures/bad/): each file, checked alone, gives its specific message.

Every entry is copied into an otherwise empty data tree (tmp_path/2021/x/) and checked; a folder
(a YAML with its CSV) is copied as a whole. The files say `year: 2023`, so the folder-year warning
is expected too; only errors are counted.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from perfsite.cli import main
from perfsite.dataset import load_dataset
from perfsite.problems import Severity

BAD = Path(__file__).resolve().parent / "fixtures" / "bad"
ENTRIES = sorted(p.name for p in BAD.iterdir() if p.suffix in {".yaml", ".yml"} or p.is_dir()) if BAD.is_dir() else []

# entry → (file checked, [(line or None, key or None, distinctive substrings)]) — each must match an ERROR.
EXPECTED: dict[str, tuple[str, list[tuple[int | None, str | None, tuple[str, ...]]]]] = {
    "bad_id.yaml": ("bad_id.yaml", [(None, None, ("bad_id.yaml", "id"))]),
    "both_yaml_and_csv": ("both-yaml-and-csv.yaml", [(6, "indicators", ("both-yaml-and-csv.indicators.csv",))]),
    "budget_rule_without_budget.yaml": ("budget_rule_without_budget.yaml",
                                        [(14, "indicators[1].rule", ("budget", "预算"))]),
    "duplicate_key.yaml": ("duplicate_key.yaml", [(6, "department", ("department", "重复", "第 5 行"))]),
    "groups_mismatch.yaml": ("groups_mismatch.yaml", [(6, "groups.产出指标", ("产出指标", "50", "60"))]),
    "incomparable_units.yaml": ("incomparable_units.yaml", [(12, "indicators[1].actual", ("单位", "元", "人"))]),
    "level_without_score.yaml": ("level_without_score.yaml", [(14, "indicators[2].score", ("部分达成", "得分"))]),
    "missing_name.yaml": ("missing_name.yaml", [(None, None, ("缺少", "name"))]),
    "negative_money.yaml": ("negative_money.yaml", [(10, "budget.spent.county", ("负数", "-20"))]),
    "not_utf8.yaml": ("not_utf8.yaml", [(3, None, ("UTF-8",))]),
    "reported_without_score.yaml": ("reported_without_score.yaml",
                                    [(14, "indicators[2].score", ("reported", "得分"))]),
    "score_above_weight.yaml": ("score_above_weight.yaml", [(20, "indicators[2].score", ("45", "40", "超过"))]),
    "string_weight.yaml": ("string_weight.yaml", [(10, "indicators[1].weight", ("十八",))]),
    "subtotal_label_mismatch.yaml": ("subtotal_label_mismatch.yaml",
                                     [(7, "indicators[1].level1", ("产出", "40", "38"))]),
    "text_needs_rule.yaml": ("text_needs_rule.yaml", [(14, "indicators[2].rule", ("显著提升", "有所提升", "rule"))]),
    "three_problems.yaml": ("three_problems.yaml", [
        (7, "regoin", ("regoin", "您是不是想写 region")),
        (12, "indicators[1].weight", ("十八",)),
        (8, "indicators", ("95", "100")),
    ]),
    "unknown_key.yaml": ("unknown_key.yaml", [(5, "departmnt", ("departmnt", "您是不是想写 department"))]),
    "unknown_rule.yaml": ("unknown_rule.yaml", [(14, "indicators[1].rule", ("ratoi", "您是不是想写 ratio"))]),
    "unquoted_star.yaml": ("unquoted_star.yaml", [(13, None, ("*", "引号"))]),
    "weight_with_unit.yaml": ("weight_with_unit.yaml", [(11, "indicators[1].weight", ("10分",))]),
    "weights_95.yaml": ("weights_95.yaml", [(6, "indicators", ("95", "100"))]),
    "year_not_int.yaml": ("year_not_int.yaml", [(4, "year", ("2023年",))]),
}


def check_alone(entry: str, tmp_path: Path):
    root = tmp_path / "data"
    target = root / "2021" / "x"
    target.mkdir(parents=True)
    source = BAD / entry
    if source.is_dir():
        for item in source.iterdir():
            shutil.copy(item, target / item.name)
    else:
        shutil.copy(source, target / entry)
    return root, load_dataset(root, root)


def errors_of(data):
    return [p for p in data.problems if p.severity is Severity.ERROR]


def test_corpus_is_present():
    assert ENTRIES, "tests/fixtures/bad/ is empty"
    missing = sorted(set(EXPECTED) - set(ENTRIES))
    assert missing == [], f"expectations for entries no longer in the corpus: {missing}"


@pytest.mark.parametrize("entry", ENTRIES)
def test_every_bad_entry_fails_the_check(entry, tmp_path):
    _, data = check_alone(entry, tmp_path)
    assert not data.ok
    assert errors_of(data), [p.as_text() for p in data.problems]
    assert all(p.file.startswith("2021/x/") for p in errors_of(data))


@pytest.mark.parametrize("entry", sorted(EXPECTED))
def test_specific_message(entry, tmp_path):
    _, data = check_alone(entry, tmp_path)
    file, expectations = EXPECTED[entry]
    errors = errors_of(data)
    for line, key, parts in expectations:
        matching = [
            p for p in errors
            if p.file == f"2021/x/{file}" and (line is None or p.line == line) and (key is None or p.key == key)
            and all(part in p.message for part in parts)
        ]
        assert len(matching) == 1, (line, key, parts, [p.as_text() for p in errors])


def test_an_unreadable_weight_is_not_scored_against_nothing(tmp_path):
    """The weight 10分 is the mistake: its indicator is left unscored (计算 0 against a published 10
    was a 不一致 the clerk did not make), and so is the total it is part of; the weights that can be
    read still sum short of 100, as they do."""
    _, data = check_alone("weight_with_unit.yaml", tmp_path)
    assert sorted((p.line, p.key) for p in errors_of(data)) == [(7, "indicators"), (11, "indicators[1].weight")]
    assert not [p for p in data.problems if p.severity is Severity.DISCREPANCY], [p.as_text() for p in data.problems]


def test_three_problems_gives_exactly_three_errors(tmp_path):
    _, data = check_alone("three_problems.yaml", tmp_path)
    errors = errors_of(data)
    assert sorted((p.line, p.key) for p in errors) == [(7, "regoin"), (8, "indicators"), (12, "indicators[1].weight")]
    assert all(p.file == "2021/x/three_problems.yaml" for p in errors)


def test_three_problems_through_the_command(tmp_path, monkeypatch, capsys):
    root, _ = check_alone("three_problems.yaml", tmp_path)
    monkeypatch.setenv("PERFSITE_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(root)
    assert main(["check", "."]) == 1
    out = capsys.readouterr().out
    error_lines = [line for line in out.splitlines() if "错误：" in line]
    assert len(error_lines) == 3
    assert error_lines[0].startswith("2021/x/three_problems.yaml:7: regoin: 错误：")
    assert "您是不是想写 region" in error_lines[0]
    assert error_lines[1].startswith("2021/x/three_problems.yaml:12: indicators[1].weight: 错误：")
    assert "十八" in error_lines[1]
    assert error_lines[2].startswith("2021/x/three_problems.yaml:8: indicators: 错误：")
    assert "95" in error_lines[2]


def test_a_weight_with_a_stray_comma_is_named_for_what_it_is(tmp_path):
    """「5，」 (a full-width comma typed after the figure) is not a number too large: the message
    shows the text and no range hint. The sum of the weights read says it left that one out, and is
    not said at all when no weight could be read (「权重之和为 0」 would only repeat those errors)."""
    root = tmp_path / "data" / "2023" / "x"
    root.mkdir(parents=True)
    for name, weights in (("some.yaml", ["50，", "40"]), ("none.yaml", ["50，", "50，"])):
        rows = "".join(f"  - {{level1: 产出指标, level2: 数量指标, name: 指标{n}, weight: '{w}', target: 1个, actual: 1个}}\n"
                       for n, w in enumerate(weights))
        (root / name).write_text(f"id: {name[:-5]}\nname: 坏样例{name}\nyear: 2023\ndepartment: 示例县财政局\n"
                                 f"indicators:\n{rows}", encoding="utf-8")
    data = load_dataset(tmp_path / "data")
    said = {(p.file.rsplit("/", 1)[-1], p.key): p.message for p in data.problems if p.severity is Severity.ERROR}
    assert said[("some.yaml", "indicators[1].weight")].endswith("而不是「50，」")
    assert "超出" not in said[("some.yaml", "indicators[1].weight")]
    assert said[("some.yaml", "indicators")] == "各指标权重之和为 40，应为 100（另有 1 项权重无法读取，未计入）"
    assert ("none.yaml", "indicators") not in said
    assert ("none.yaml", "indicators[2].weight") in said
