"""bench/stages.py times every stage of the worker's path on a tiny tree (figures are reported, never asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
STAGES = ("digest", "compose", "yaml", "document", "scored", "read", "record", "summary", "parts", "load_cache", "page", "write", "cache", "reply",
          "forward", "sum")


def test_stages_reports_each_stage_per_programme() -> None:
    result = subprocess.run([sys.executable, str(REPO / "bench" / "stages.py"), "--n", "12", "--rounds", "1"],
                            cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [line.split() for line in result.stdout.splitlines()]
    assert [line[0] for line in lines] == list(STAGES)
    assert all(line[2] == "ms" and float(line[1]) >= 0 for line in lines)
    assert float(lines[-1][1]) > 0


@pytest.mark.parametrize("stage", ["record", "cache", "load_cache", "forward"])
def test_one_stage_alone(stage: str) -> None:
    """`--stage` times that stage only: `cache` times writing with and without the build cache,
    `load_cache` the parts taken with and without the pack, `forward` a rebuild's reply of
    summaries the build cache gave (forwarded still pickled, opened in the parent)."""
    result = subprocess.run([sys.executable, str(REPO / "bench" / "stages.py"), "--n", "12", "--rounds", "1",
                             "--stage", stage], cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert [line.split()[0] for line in result.stdout.splitlines()] == [stage, "sum"]


def test_each_round_starts_with_the_memos_of_a_fresh_worker() -> None:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import stages
    finally:
        sys.path.remove(str(REPO / "bench"))
    from perfsite import record, values, yamlload
    from perfsite.model import RuleType

    values.parse_value("≥95%")
    values.identity_text("某项目")
    yamlload._PLAIN_VALUES["某个值"] = "某个值"
    record._GIVEN_RULES[(RuleType.DEDUCT, "{}")] = None
    stages.fresh_memos()
    assert values._parse_text.cache_info().currsize == 0
    assert values.parse_figure.cache_info().currsize == 0
    assert values.identity_text.cache_info().currsize == 0
    assert "某个值" not in yamlload._PLAIN_VALUES and yamlload._PLAIN_VALUES["true"] is True
    assert not record._GIVEN_RULES


def test_a_cycle_tree_has_a_stage_per_kind_of_document() -> None:
    result = subprocess.run([sys.executable, str(REPO / "bench" / "stages.py"), "--n", "12", "--rounds", "1", "--cycle"],
                            cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names == [*STAGES[:-1], "compare", "target_parts", "cycle_parts", "targets_page", "report_page",
                     "rectification_page", "sum"]
