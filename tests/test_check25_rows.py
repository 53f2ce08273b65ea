"""Two mistakes of a filled-in 自评 form that score without an error and that `check` names at the
row: a 三级指标 whose name is only a number (「88」: a 分值 or 实际值 typed into the name column, as a
town's form had 「88」「68」「20」), and a row repeated whole (path, target and actual: a copy-paste).
The same path with another target is two legal rows (one indicator measured two ways) and passes."""

from __future__ import annotations

from pathlib import Path

import yaml
from core_helpers import core_minimal_programme, scored

from perfsite.problems import Severity


def _warnings(tmp_path: Path, rows: list[dict[str, object]]) -> tuple[list[str], list[int | None], list[str]]:
    weight = 100 // len(rows)
    for row in rows:
        row.setdefault("weight", weight)
    rows[-1]["weight"] = 100 - weight * (len(rows) - 1)
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(core_minimal_programme(indicators=rows), allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    found = [p for p in scored(path, tmp_path).problems if p.severity is Severity.WARNING]
    return [p.message for p in found], [p.line for p in found], path.read_text(encoding="utf-8").splitlines()


def _row(name: str, target: str = "≥10个", actual: str = "10个", level2: str = "数量指标") -> dict[str, object]:
    return {"level1": "产出指标", "level2": level2, "name": name, "target": target, "actual": actual}


def test_a_name_that_is_only_a_number_is_named_at_its_row(tmp_path):
    messages, lines, text = _warnings(tmp_path, [_row("道路硬化"), _row("88")])
    said = [(m, n) for m, n in zip(messages, lines, strict=True) if "「88」" in m]
    assert len(said) == 1, messages
    message, line = said[0]
    assert "只是一个数字" in message and "请核对原表" in message
    assert line is not None and text[line - 1].strip() == "name: '88'"


def test_a_row_repeated_whole_is_named_at_the_copy(tmp_path):
    messages, lines, text = _warnings(tmp_path, [_row("道路硬化"), _row("绿化面积"), _row("道路硬化")])
    said = [(m, n) for m, n in zip(messages, lines, strict=True) if "重复" in m]
    assert len(said) == 1, messages
    message, line = said[0]
    first = next(n for n, t in enumerate(text, 1) if t.strip() == "name: 道路硬化")
    assert f"第 {first} 行" in message and "道路硬化" in message
    assert line is not None and line > first + 5 and text[line - 1].strip() == "name: 道路硬化"


def test_the_same_path_with_another_target_is_legal(tmp_path):
    messages, _, _ = _warnings(tmp_path, [_row("道路硬化"), _row("道路硬化", "≥12个", "12个"), _row("绿化面积")])
    assert not [m for m in messages if "重复" in m or "数字" in m], messages


def test_a_number_inside_a_name_is_a_name(tmp_path):
    messages, _, _ = _warnings(tmp_path, [_row("硬化道路 8 公里"), _row("2021年新建户厕")])
    assert not [m for m in messages if "数字" in m], messages
