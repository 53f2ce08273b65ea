"""What `check` and `score` print: plain text for a clerk, JSON for machines."""

from __future__ import annotations

import json
from decimal import Decimal

from perfsite.dataset import Dataset
from perfsite.decimals import fmt2
from perfsite.model import RULE_LABEL
from perfsite.problems import SEVERITY_LABEL, Problem, Severity
from perfsite.scoring import ScoredProgramme

ORDER = (Severity.ERROR, Severity.DISCREPANCY, Severity.WARNING, Severity.NOTE)


def check_text(data: Dataset) -> str:
    lines = []
    for severity in ORDER:
        found = [p for p in data.problems if p.severity is severity]
        if found:
            lines.append(f"== {SEVERITY_LABEL[severity]}（{len(found)}）==")
            lines += [p.as_text() for p in found]
            lines.append("")
    lines.append(summary(data))
    return "\n".join(lines)


def summary(data: Dataset) -> str:
    counts = "，".join(f"{SEVERITY_LABEL[s]} {data.count(s)}" for s in ORDER)
    verdict = "通过" if data.ok else "未通过"
    return f"检查了 {data.files} 个项目文件：{verdict}（{counts}）"


def check_json(data: Dataset) -> str:
    payload = {
        "ok": data.ok,
        "files": data.files,
        "counts": {str(s): data.count(s) for s in ORDER},
        "problems": [p.as_dict() for p in data.problems],
        "programmes": [
            {"file": f.file, "year": f.year, "id": f.id, "name": f.name, "total": fmt2(f.total), "grade": f.grade}
            for f in sorted(data.facts, key=lambda f: (-f.year, f.id))
        ],
    }
    return dumps(payload)


def score_json(sp: ScoredProgramme) -> dict[str, object]:
    """The `perfsite score --format json` document (documented in docs/json.md)."""
    p = sp.programme
    return {
        "file": p.file, "id": p.id, "year": p.year, "name": p.name, "department": p.department,
        "total": fmt2(sp.total), "grade": sp.grade,
        "reported_total": fmt2(p.reported_score), "reported_grade": p.reported_grade or None,
        "weight_total": fmt2(sp.weight_total),
        "indicators": [
            {
                "level1": s.indicator.level1, "level2": s.indicator.level2, "name": s.indicator.name,
                "weight": fmt2(s.indicator.weight), "target": s.indicator.target, "actual": s.indicator.actual,
                "completion": fmt2(s.outcome.completion), "reported_completion": s.indicator.completion or None,
                "score": fmt2(s.score), "reported_score": fmt2(s.indicator.score),
                "rule": str(s.outcome.rule), "rule_label": RULE_LABEL[s.outcome.rule],
                "applicable": s.indicator.applicable, "status": s.status, "explanation": s.outcome.explanation,
            }
            for s in sp.indicators
        ],
        "errors": [p.as_dict() for p in sp.of(Severity.ERROR)],
        "discrepancies": [p.as_dict() for p in sp.of(Severity.DISCREPANCY)],
        "warnings": [p.as_dict() for p in sp.of(Severity.WARNING)],
        "notes": [p.as_dict() for p in sp.of(Severity.NOTE)],
    }


def score_text(sp: ScoredProgramme) -> str:
    p = sp.programme
    rows = [f"{p.name}（{p.year} 年，{p.department}）", ""]
    header = ("一级指标", "二级指标", "三级指标", "权重", "完成率", "得分", "公布", "规则")
    table = [header]
    for s in sp.indicators:
        ind = s.indicator
        table.append((ind.level1, ind.level2, ind.name, _d(ind.weight),
                      f"{s.outcome.completion}%" if s.outcome.completion is not None else "—",
                      _d(s.score) if ind.applicable else "不适用", _d(ind.score), RULE_LABEL[s.outcome.rule]))
    widths = [max(_width(r[i]) for r in table) for i in range(len(header))]
    for r in table:
        rows.append("  ".join(_pad(c, w, i >= 3) for i, (c, w) in enumerate(zip(r, widths, strict=True))).rstrip())
    rows.append("")
    rows.append(f"总得分：{_d(sp.total)}    等级：{sp.grade or '—'}")
    if p.reported_score is not None:
        rows.append(f"公布总分：{p.reported_score}    公布等级：{p.reported_grade or '—'}")
    for problem in sp.problems:
        rows.append(_problem_line(problem))
    return "\n".join(rows)


def _problem_line(problem: Problem) -> str:
    return problem.as_text()


def _d(value: Decimal | None) -> str:
    return fmt2(value) or "—"


def _width(text: str) -> int:
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def _pad(text: str, width: int, right: bool) -> str:
    space = " " * (width - _width(text))
    return space + text if right else text + space


def dumps(payload: object) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2)
