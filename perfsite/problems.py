"""Problems found in data: every check reports here, so a run lists them all at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


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
        label = SEVERITY_LABEL[self.severity]
        text = f"{self.location()}: {label}：{self.message}"
        if self.published is not None or self.computed is not None:
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
    """The only exception perfsite lets escape: it carries the problems that caused it."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.as_text() for p in problems))


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
    """A path as the user typed it, relative where possible."""
    try:
        return str(path.relative_to(base or Path.cwd()))
    except ValueError:
        return str(path)
