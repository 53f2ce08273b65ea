"""方法说明: grade bands, 定性 levels, tolerance and every rule with a worked example.

The examples are not written by hand: each YAML snippet shown on the page is read and scored by
the core exactly as a data file would be, so the page cannot drift from the scorer.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfsite.decimals import plain
from perfsite.site.model import SitePage
from perfsite.siteconfig import GradeBand

if TYPE_CHECKING:
    from perfsite.site.pages import Builder


@dataclass(frozen=True)
class Example:
    """One worked example: a rule, what it means, and the indicator rows as a publisher writes them."""

    rule: str
    title: str
    meaning: str
    yaml: str
    budget: str = ""


EXAMPLES = (
    Example("ratio", "比率法（目标值为下限，如数量、合格率）",
            "完成率 = 实际值 ÷ 目标值；得分 = 权重 × 完成率，最多得满分。目标值没有比较符号时按“≥”理解；"
            "一边是百分数、另一边是不带单位的数时，按百分数比较。",
            '- name: 达标合格率\n  weight: 18\n  target: "95"\n  actual: 100%\n'),
    Example("ratio", "比率法（目标值为上限，越低越好，如成本）",
            "目标值带“≤”或“<”时，完成率 = 目标值 ÷ 实际值。",
            '- name: 单位面积建设成本\n  weight: 10\n  target: ≤0.15万元/亩\n  actual: 0.16万元/亩\n'),
    Example("ratio", "比率法加“低于某比例不得分”",
            "floor 为不得分线：完成率低于它时得 0 分，否则按比率法计分。",
            '- name: 平均补助金额\n  weight: 5\n  target: ≥20万元/个\n  actual: 14万元/个\n'
            '  rule: {type: ratio, floor: 75%}\n'),
    Example("ratio", "反向线性法",
            "用于“越低越好”的另一种公式：得分 = (1 − (实际值 − 目标值) ÷ 目标值) × 权重，达到目标值两倍时为 0 分。",
            '- name: 投诉件数\n  weight: 10\n  target: ≤100件\n  actual: 110件\n'
            '  rule: {type: ratio, reverse: linear}\n'),
    Example("judged", "定性评价（按完成程度）",
            "目标值是文字（如“增长较大”）、实际值是百分数时，得分 = 权重 × 该百分数。",
            '- name: 经济效益增长\n  weight: 18\n  target: 增长较大\n  actual: 95%\n'),
    Example("judged", "定性评价（按等级区间）",
            "写明等级（达成 / 部分达成 / 未达成）时，公布得分须落在该等级对应的权重比例区间内（见上表），"
            "在区间内即采用公布得分，超出区间列为不一致。",
            '- name: 政策知晓度\n  weight: 5\n  target: 较高\n  actual: 一般\n  score: 3.5\n'
            '  rule: {type: judged, level: 部分达成}\n'),
    Example("budget", "预算比率（预算执行率、资金到位率）",
            "实际值取自本项目的预算执行情况表，再按比率法计分，可设不得分线。",
            '- name: 预算执行率\n  weight: 4\n  target: 100%\n  actual: 97.94%\n'
            '  rule: {type: budget, rate: 执行率, floor: 75%}\n',
            budget="budget:\n  rate_basis: funded\n  budget: 4800\n  funded: 4800\n  spent: 4700.90\n"),
    Example("deduct", "扣分法",
            "得分 = 权重 − 每处扣分 × 处数，扣完为止（不低于 0）。",
            '- name: 制度执行有效性\n  weight: 2\n  target: 符合要求\n  actual: 发现 3 处资料不完善\n'
            '  rule: {type: deduct, per: 0.5, count: 3}\n'),
    Example("shortfall", "差额扣分",
            "实际值每比目标值少一个 step 扣 per 分（不足一个 step 按一个计），低于 zero_below 不得分。",
            '- name: 服务企业数\n  weight: 4\n  target: ≥6万家次\n  actual: 5.4万家次\n'
            '  rule: {type: shortfall, step: 1万, per: 0.5, zero_below: 5万}\n'),
    Example("bands", "分档计分",
            "按实际值达到的第一档得分；一档也达不到得 0 分。",
            '- name: 服务对象满意度\n  weight: 8\n  target: ≥90%\n  actual: 85%\n'
            '  rule:\n    type: bands\n    bands:\n      - {min: 90%, score: 8}\n'
            '      - {min: 80%, score: 5}\n      - {min: 70%, score: 1}\n'),
    Example("reported", "采用公布得分",
            "原文没有写明如何得出该分（如评价组的专业判断、未公布的问题处数）时，采用公布得分，页面注明“按公布得分”，不作复算。",
            '- name: 项目质量可控性\n  weight: 2\n  target: 符合要求\n  actual: 基本符合\n  score: 1.5\n'
            '  rule: reported\n'),
)

NOT_APPLICABLE = (
    '- name: 新增就业人数\n  weight: 50\n  target: ≥100人\n  actual: 90人\n'
    '- name: 设备采购完成率\n  weight: 30\n  target: 100%\n  actual: 100%\n'
    '- name: 试点地区覆盖率\n  weight: 20\n  target: 100%\n  actual: /\n  applicable: false\n'
)


def _programme_text(indicators: str, budget: str = "") -> str:
    return ("name: 方法示例\nyear: 2024\ndepartment: 示例部门\n" + budget
            + "indicators:\n" + "\n".join("  " + line if line else line
                                          for line in indicators.splitlines()) + "\n")


def score_snippet(indicators: str, site: Any, budget: str = "") -> Any:
    """Read and score a programme made of `indicators` with the core, as a data file would be."""
    from perfsite.reader import read_programme
    from perfsite.scoring import score_programme

    with tempfile.TemporaryDirectory(prefix="perfsite-method-") as tmp:
        path = Path(tmp) / "example.yaml"
        path.write_text(_programme_text(indicators, budget), encoding="utf-8")
        programme, problems = read_programme(path, site, Path(tmp))
        if programme is None:
            raise RuntimeError(f"方法说明示例无法读取：{[p.as_text() for p in problems.items]}")
        return score_programme(programme, site, problems)


def worked(example: Example, site: Any) -> dict[str, Any]:
    from perfsite.decimals import fmt2
    from perfsite.problems import Severity

    scored = score_snippet(example.yaml, site, example.budget)
    errors = [p.as_text() for p in scored.problems if p.severity is Severity.ERROR
              and "权重之和" not in p.message]
    if errors:
        raise RuntimeError(f"方法说明示例「{example.title}」计分出错：{errors}")
    first = scored.indicators[0]
    return {
        "rule": example.rule, "title": example.title, "meaning": example.meaning,
        "yaml": (example.budget + "indicators:\n"
                 + "".join("  " + line + "\n" for line in example.yaml.splitlines())),
        "score": fmt2(first.score), "completion": fmt2(first.outcome.completion),
        "explanation": first.outcome.explanation, "weight": fmt2(first.indicator.weight),
    }


def not_applicable_example(site: Any) -> dict[str, Any]:
    from perfsite.decimals import fmt2

    scored = score_snippet(NOT_APPLICABLE, site)
    return {
        "yaml": "indicators:\n" + "".join("  " + line + "\n" for line in NOT_APPLICABLE.splitlines()),
        "rows": [{"name": s.indicator.name, "weight": fmt2(s.indicator.weight), "score": fmt2(s.score),
                  "applicable": s.indicator.applicable} for s in scored.indicators],
        "total": fmt2(scored.total),
    }


def tolerance_examples() -> list[dict[str, str]]:
    from perfsite.rules import Status
    from perfsite.scoring import compare

    labels = {Status.MATCH: "一致", Status.ROUNDING: "舍入差异（列为提示）", Status.DISCREPANCY: "不一致（页面标出）"}
    pairs = (("17.1", "17.10"), ("3.9", "3.92"), ("9.52", "9.25"))
    return [{"published": a, "computed": b, "result": labels[compare(Decimal(a), Decimal(b))]}
            for a, b in pairs]


def grade_rows(grades: tuple[GradeBand, ...]) -> list[dict[str, str]]:
    """Half-open bands as readers say them: 90 ≤ 总分, 80 ≤ 总分 < 90, …"""
    rows = []
    upper: str | None = None
    for band in grades:
        low = plain(band.min)
        rows.append({"label": band.label, "range": f"{low} ≤ 总分" + (f" < {upper}" if upper else "")})
        upper = low
    return rows


def method_page(builder: Builder) -> SitePage:
    site = builder.info
    html = builder.render(
        "method.html", "method/", title="方法说明",
        examples=[worked(e, site) for e in EXAMPLES],
        not_applicable=not_applicable_example(site),
        tolerance=tolerance_examples(),
        grade_rows=grade_rows(builder.info.grades),
    )
    return SitePage(url="method/", title="方法说明", html=html, kind="method", in_nav=True)
