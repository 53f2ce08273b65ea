"""A published figure printed with fewer places than our 2 (a total of 90, a 执行率 of 98%) is checked at
the places it was printed with, by one rule (scoring.compare_printed): where our figure rounded half up
to those places gives it, the difference is the printing's, 舍入, however far the two are apart at 2
places; the badge, the sentence, the finding, the twin and the list row all say so."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import yaml
from core_helpers import core_minimal_programme, scored

from perfsite.documents import read_document
from perfsite.headline import headline, verify_badge
from perfsite.pagedata import year_entry
from perfsite.problems import Severity
from perfsite.record import make_record
from perfsite.rules import Status
from perfsite.scoring import compare_printed
from perfsite.site.pages import listing_row
from perfsite.site.shell import render_programme
from perfsite.siteconfig import SiteConfig

D = Decimal


def _programme(tmp_path: Path, total: object, first: str, grade: str | None = None) -> Path:
    """60 + 40: the first indicator's published score taken as it stands (`first`), the second 40.00."""
    data = core_minimal_programme(reported={"score": total, **({"grade": grade} if grade else {})})
    data["indicators"][0].update(score=first, rule="reported", remark="部分完成")  # type: ignore[index]
    path = tmp_path / "2021" / "x" / "p.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _total_findings(sp) -> list[tuple[Severity, str]]:
    return [(p.severity, p.message) for p in sp.problems if p.field == "总得分"]


def test_the_one_rule() -> None:
    assert compare_printed(D("90"), D("89.60")) == Status.ROUNDING  # 89.60 rounds to 90
    assert compare_printed(D("90"), D("89.40")) == Status.DISCREPANCY  # to 89
    assert compare_printed(D("88.3"), D("88.34")) == Status.ROUNDING
    assert compare_printed(D("90.00"), D("89.60")) == Status.DISCREPANCY  # printed to 2 places: no rounding of ours
    assert compare_printed(D("90"), D("89.995")) == Status.MATCH


def test_a_whole_number_total_that_is_ours_rounded_is_rounding_everywhere(tmp_path: Path) -> None:
    """公布 90 beside our 89.60: at 2 places 0.4 apart, at the places printed the same."""
    sp = scored(_programme(tmp_path, 90, "49.6"), tmp_path)
    assert sp.total == D("89.60")
    assert _total_findings(sp) == [(Severity.NOTE, "总得分：公布 90，计算 89.60，属舍入差异")]
    head = headline(sp)
    assert head.verdict == Status.ROUNDING and head.printed == "90"
    assert head.sentence == "本站复算为 89.60 分；原文总分写到整数（90 分），复算得分取整也是 90，属舍入差异。"
    badge = verify_badge(head.as_dict())
    assert (badge.mark, badge.words, badge.value, badge.after) == ("≈", "复算", "89.60", "（取整为 90，属舍入）")
    rec = make_record(sp)
    assert rec.headline["verdict"] == "rounding" and rec.headline["printed"] == "90"
    assert listing_row(rec, lambda grade: grade)["verdict"] == "rounding"
    body = render_programme(rec, SiteConfig(), [year_entry(rec)])[2]
    shown = re.search(r'<p class="ps-verify[^"]*">(.*?)</p>', body)
    assert shown is not None and "ps-verify--rounding" in shown[0]
    assert re.sub(r"<[^>]+>", "", shown[1]) == "≈ 复算 89.60（取整为 90，属舍入）"


def test_one_place_printed_says_so(tmp_path: Path) -> None:
    sp = scored(_programme(tmp_path, "90.0", "49.96"), tmp_path)
    head = headline(sp)
    assert head.verdict == Status.ROUNDING and head.printed == "90.0"
    assert verify_badge(head.as_dict()).after == "（保留一位小数为 90.0，属舍入）"
    assert "原文总分写到一位小数（90.0 分），复算得分保留一位小数也是 90.0" in head.sentence


def test_a_total_the_printing_does_not_explain_is_still_a_discrepancy(tmp_path: Path) -> None:
    sp = scored(_programme(tmp_path, 90, "49.4"), tmp_path)
    assert [s for s, _ in _total_findings(sp)] == [Severity.DISCREPANCY]
    head = headline(sp)
    assert head.verdict == Status.DISCREPANCY and head.printed is None and "printed" not in head.as_dict()
    # agreeing within 0.01 is 一致, with no words about the printing
    head = headline(scored(_programme(tmp_path / "a", 90, "49.99"), tmp_path / "a"))
    assert head.verdict == Status.MATCH and "printed" not in head.as_dict()
    # and a 2-place total keeps its keys and words
    sp = scored(_programme(tmp_path / "b", "89.99", "49.96"), tmp_path / "b")
    head = headline(sp)
    assert head.verdict == Status.ROUNDING and "printed" not in head.as_dict()
    assert verify_badge(head.as_dict()).after == "（相差 0.03）"


def test_rounding_across_a_grade_line_is_still_named(tmp_path: Path) -> None:
    """公布 90 优 beside our 89.60 良: the total is the printing's, the grade is not."""
    head = headline(scored(_programme(tmp_path, 90, "49.6", "优"), tmp_path))
    assert head.verdict == Status.DISCREPANCY and head.mismatch == "等级不符"
    assert "原文总分写到整数（90 分），复算得分取整也是 90" in head.sentence and "等级「良」不符" in head.sentence


DEPARTMENT = """\
kind: 部门整体自评
year: 2023
department: 测试县教育局
execution: {budget: 100, spent: 97.52, rate: 98%}
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 资助人数, weight: 100, target: "≥500人", actual: "520人", score: 100}
"""


def test_a_department_s_execution_rate_printed_whole_is_checked_at_its_places(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(DEPARTMENT, encoding="utf-8")
    _, problems = read_document(path, SiteConfig(), tmp_path)
    found = [(p.severity, p.message) for p in problems.items if p.field == "预算执行率"]
    assert found == [(Severity.NOTE, "执行率：公布 98%，计算 97.52%，属舍入差异")]


def test_a_table_of_scores_only_says_the_printing_too(tmp_path: Path) -> None:
    """No indicator recomputed (a 评价报告's 评分表 of scores): the sum is what is checked."""
    path = _programme(tmp_path, 90, "49.6")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["indicators"][1].update(rule="reported")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    head = headline(scored(path, tmp_path))
    assert head.verdict == "none" and head.sentence.startswith(
        "各项得分之和与公布总分相差 0.4 分，原文总分写到整数（90 分），各项得分之和取整也是 90，属舍入差异；")
