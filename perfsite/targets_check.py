"""What `perfsite check` says of a 自评's targets against its programme-year's 绩效目标表.

A reviewer runs check, not the site: a target the 自评 lowered (目标调低) or one the comparison
cannot decide (Verdict.undecided: it may be lowered) is a 提示 at the 自评's row, naming both
targets, as the built page marks it. The comparison is perfsite.targets_compare's, the one the
pages make. Check keeps no documents, only each file's cached Facts; so each of the two files
leaves the rows the comparison reads there (TargetRows, made while the file is read), and the
cross-file step compares them (dataset.cross_checks).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path

from perfsite.model import Indicator, Programme, Rename
from perfsite.problems import Problem, Problems, Severity, key_text
from perfsite.targets import TargetIndicator, TargetTable
from perfsite.targets_compare import Change, compare_targets

Restated = tuple[str, str, str, str, int | None, str]
"""A 自评 row as compared: 一级, 二级, 三级, 目标值, and its line and key in the file."""


@dataclass(frozen=True)
class TargetRows:
    """What the comparison reads of one file: a 绩效目标表's 年度 indicators (`planned`), or a
    自评's rows (`restated`), and the renames the file states."""

    planned: tuple[TargetIndicator, ...] = ()
    restated: tuple[Restated, ...] = ()
    renamed: tuple[Rename, ...] = ()


def planned_rows(table: TargetTable) -> TargetRows:
    """A 绩效目标表's 年度 rows without the texts the comparison never reads (指标解释, 设定依据,
    数据来源: the longest cells), as check's cache keeps them."""
    return TargetRows(planned=tuple(replace(row, explanation="", basis="", data_source="", path=())
                                    for row in table.indicators), renamed=table.renamed)


def restated_rows(programme: Programme, problems: Problems) -> TargetRows:
    """A 自评's rows with the line and key of each 目标值 (read while the file's line map is at
    hand). The labels and targets recur across thousands of files (产出指标, ≥95%): interned,
    a cache of them holds each once."""
    rows = []
    for indicator in programme.indicators:
        where = (*indicator.path, "target")
        rows.append((sys.intern(indicator.level1), sys.intern(indicator.level2), indicator.name,
                     sys.intern(indicator.target), problems.line_of(where), key_text(where)))
    return TargetRows(restated=tuple(rows), renamed=programme.renamed)


def target_hints(evaluation_file: str, restated: TargetRows, table_file: str, planned: TargetRows) -> list[Problem]:
    """A 提示 at each 自评 row whose target is lower than its 绩效目标表's (目标调低), and at each
    the comparison could not decide (无法比较: it may be lower)."""
    table = TargetTable(id="", year=0, name="", department="", path=Path(table_file), file=table_file,
                        indicators=list(planned.planned), renamed=planned.renamed)
    evaluation = Programme("", 0, "", "", Path(evaluation_file), evaluation_file, renamed=restated.renamed,
                           indicators=[Indicator(l1, l2, name, None, target, "") for l1, l2, name, target, _, _
                                       in restated.restated])
    found = []
    for row in compare_targets(table, evaluation):
        if row.evaluated_index is None or row.planned_index is None or not (row.change is Change.LOWERED
                                                                           or row.undecided):
            continue
        _, _, name, _, line, key = restated.restated[row.evaluated_index]
        table_line = planned.planned[row.planned_index].line
        said = (f"自评为「{row.restated}」，绩效目标表（{table_file}{f':{table_line}' if table_line else ''}）"
                f"为「{row.planned}」")
        if row.change is Change.LOWERED:
            note = f"（{row.note}）" if row.note else ""
            message = f"目标调低：指标「{name}」{said}{note}；网站上此指标标“⚠ 目标调低”，请核对自评所列目标"
        else:
            message = f"无法判断目标是否调低：指标「{name}」{said}；{row.note}"
        found.append(Problem(Severity.WARNING, message, file=evaluation_file, line=line, key=key,
                             field=f"指标「{name}」目标值"))
    return found
