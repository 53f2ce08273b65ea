"""整改 measures copied twice under one problem: the 整改 page, /data/rectification.csv and the
completion counts take them as two measures (one 已完成, one 整改中 reads as half done). `check`
tells the clerk which two rows (a 提示: the file stays valid); the same words under two problems,
and the seed data, say nothing. A problem written twice (same source and words) is told the same way."""

from __future__ import annotations

import textwrap
from pathlib import Path

from perfsite.dataset import load_document
from perfsite.siteconfig import SiteConfig

RECTIFICATION = """\
    kind: 整改
    id: pj
    name: 报告项目
    year: 2023
    department: 示例县甲局
    published: 2024-11-20
    findings:
      - source: 自评
        problem: 台账不全。
        measures:
          - {{measure: 完善台账, owner: 甲局, deadline: 2024-09-30, status: 已完成, completed: 2024-09-01, evidence: 台账}}
          - {{measure: "{second}", owner: 甲局, deadline: 2024-12-31, status: 整改中}}
      - source: 自评
        problem: 资金拨付慢。
        measures:
          - {{measure: 完善台账, owner: 甲局, deadline: 2024-12-31, status: 整改中}}
    """


def _told(tmp_path: Path, second: str) -> list[str]:
    path = tmp_path / "2023" / "pj-zhenggai.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(RECTIFICATION.format(second=second)), encoding="utf-8")
    _, _, problems = load_document(path, tmp_path, SiteConfig(), tmp_path)
    return [p.as_text() for p in problems if "文字相同" in p.message]


def test_a_measure_written_twice_under_one_problem_is_told_with_both_rows(tmp_path: Path) -> None:
    [told] = _told(tmp_path, "完善台账。")  # the same words, a full stop added
    assert told.startswith("2023/pj-zhenggai.yaml:12: findings[1].measures[2].measure: 提示：")
    assert "整改措施第 2 条与第 1 条（第 11 行）文字相同：「完善台账。」" in told and "请删去一条" in told


def test_distinct_measures_and_the_same_words_under_another_problem_say_nothing(tmp_path: Path) -> None:
    assert _told(tmp_path, "完善台账并按月检查") == []


def test_the_seed_rectifications_have_no_repeated_measure() -> None:
    seed = Path(__file__).resolve().parent.parent / "data"
    for path in sorted(seed.glob("*/*/*-zhenggai.yaml")):
        _, _, problems = load_document(path, seed, SiteConfig(), seed)
        assert not [p for p in problems if "文字相同" in p.message or "文字都相同" in p.message], path


def test_a_problem_written_twice_is_told_at_the_second(tmp_path: Path) -> None:
    path = tmp_path / "2023" / "pj-zhenggai.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = textwrap.dedent(RECTIFICATION.format(second="按月检查")).replace("problem: 资金拨付慢。", "problem: 台账不全")
    path.write_text(text, encoding="utf-8")
    _, _, problems = load_document(path, tmp_path, SiteConfig(), tmp_path)
    assert [p.as_text() for p in problems if "文字都相同" in p.message] == [
        "2023/pj-zhenggai.yaml:14: findings[2].problem: 提示：第 2 个整改问题与第 1 个（第 8 行）来源和文字都相同：「台账不全」。"
        "如是重复录入，请删去一个（连同其措施）：整改页、整改表和完成情况的统计都按两个问题计；如是两个不同的问题，请写明各自的内容"]
