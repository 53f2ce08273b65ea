"""Problems found in data: every check reports here, so a run lists them all at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from perfsite.markup import one_line


class Severity(StrEnum):
    """How bad a problem is, and what `check` does with it."""

    ERROR = "error"
    """The file cannot be published as it is; `check` exits 1 and the build stops."""
    DISCREPANCY = "discrepancy"
    """A published figure differs from the computed one by more than 0.1; shown on the page, fatal with --strict."""
    WARNING = "warning"
    """Something a reader should know (missing 偏差原因, a score that cannot be verified); never fatal."""
    NOTE = "note"
    """A rounding difference of at most 0.1 between a published and a computed figure."""


SEVERITY_LABEL = {
    Severity.ERROR: "错误",
    Severity.DISCREPANCY: "不一致",
    Severity.WARNING: "提示",
    Severity.NOTE: "舍入",
}


@dataclass(frozen=True)
class Problem:
    """One finding, located as precisely as the source allows (file, line, key)."""

    severity: Severity
    message: str
    file: str = ""
    line: int | None = None
    key: str = ""
    published: str | None = None
    computed: str | None = None
    field: str = ""
    """A reader's name for the figure (指标「达标合格率」得分), shown on the page."""

    def location(self) -> str:
        """``file:line: key`` as editors and CI logs understand it."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.key:
            where += f": {self.key}" if where else self.key
        return where

    def as_text(self) -> str:
        """One line, a file name's or a quoted text's line breaks and controls shown as marks (`one_line`)."""
        return one_line(f"{self.location()}: {self.statement()}")

    def statement(self) -> str:
        """What is wrong, without where: ``不一致：…（公布 9.5，计算 10.00）``."""
        text = f"{SEVERITY_LABEL[self.severity]}：{self.message}"
        named = self.published is not None and f"公布 {self.published}" in self.message  # said once is enough
        if (self.published is not None or self.computed is not None) and not named:
            text += f"（公布 {self.published or '—'}，计算 {self.computed or '—'}）"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "severity": str(self.severity),
            "file": self.file,
            "line": self.line,
            "key": self.key,
            "field": self.field,
            "message": self.message,
            "published": self.published,
            "computed": self.computed,
        }


class PerfsiteError(Exception):
    """The data has errors, so nothing may be published: carries the problems that say why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"data/ 有 {len(problems)} 个错误，未生成网站：\n" + "\n".join(self.lines))

    @property
    def lines(self) -> list[str]:
        """Each problem as ``file:line: key: 错误：…``."""
        return [p.as_text() for p in self.problems]


@dataclass
class Problems:
    """Collects problems for one file; `at` gives the line of a key path from the YAML marks."""

    file: str
    lines: dict[tuple[object, ...], int] = field(default_factory=dict)
    items: list[Problem] = field(default_factory=list)

    def line_of(self, path: tuple[object, ...]) -> int | None:
        """Line of the nearest marked ancestor of `path` (a missing key points at its parent)."""
        for cut in range(len(path), -1, -1):
            line = self.lines.get(path[:cut])
            if line is not None:
                return line
        return None

    def add(self, severity: Severity, path: tuple[object, ...], message: str, **extra: object) -> None:
        extra.setdefault("field", field_label(path))
        self.items.append(
            Problem(severity, message, file=self.file, line=self.line_of(path), key=key_text(path), **extra)  # type: ignore[arg-type]
        )

    def error(self, path: tuple[object, ...], message: str, **extra: object) -> None:
        self.add(Severity.ERROR, path, message, **extra)

    def warning(self, path: tuple[object, ...], message: str, **extra: object) -> None:
        self.add(Severity.WARNING, path, message, **extra)

    @property
    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.items)


FIELD_LABEL = {
    "name": "项目名称", "year": "评价年度", "department": "主管部门", "id": "网址标识", "series": "系列标识",
    "region": "地区", "evaluation": "评价类型", "evaluator": "评价机构", "published": "公开日期",
    "source": "来源", "sections": "正文章节", "budget": "预算执行情况", "indicators": "绩效指标",
    "groups": "一级指标分值", "reported": "公布结果", "initial": "年初预算数", "funded": "实际到位资金",
    "spent": "全年执行数", "total": "合计", "unit": "金额单位", "rate_basis": "执行率口径",
    "weight": "权重", "target": "目标值", "actual": "实际值", "completion": "完成率", "score": "得分",
    "rule": "评分规则", "rule_text": "评分标准", "remark": "偏差原因", "applicable": "是否适用",
    "grade": "等级", "level1": "一级指标", "level2": "二级指标",
}


def field_label(path: tuple[object, ...]) -> str:
    """A reader's name for the place a key path points at (预算执行情况 · 全年执行数)."""
    words = [FIELD_LABEL[part] for part in path if isinstance(part, str) and part in FIELD_LABEL]
    return " · ".join(words[-2:])


def key_text(path: tuple[object, ...]) -> str:
    """``('indicators', 3, 'weight')`` → ``indicators[3].weight`` (index as in the file, from 1)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def relpath(path: Path, base: Path | None = None) -> str:
    """A path as the user typed it, relative where possible: also when one of the two is absolute
    and the other not (`mkdocs build --config-file mkdocs.yml` names the project `.`, the data
    folder is resolved), so `perfsite build` names files as `perfsite check` does."""
    base = base or Path.cwd()
    try:
        return str(path.relative_to(base))
    except ValueError:
        pass
    try:
        return str(path.absolute().relative_to(base.absolute()))
    except ValueError:
        return str(path)
