"""What `perfsite check` says of a 自评's targets against its programme-year's 绩效目标表.

A reviewer runs check, not the site: a target the 自评 lowered (目标调低) or one the comparison
cannot decide (Verdict.undecided: it may be lowered) is a 提示 at the 自评's row, naming both
targets, as the built page marks it. The comparison is perfsite.targets_compare's, the one the
pages make. Check keeps no documents, only each file's cached Facts; so each of the two files
leaves the rows the comparison reads there (TargetRows, made while the file is read), and the
cross-file step compares them (dataset.cross_checks). A site build's workers hold both files
of a programme-year and compare them for the pages anyway: they make these 提示 there, from the
same rows, and the parent takes them in check's order (dataset.Compared).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from perfsite.disclosure import Correction, Disclosure, corrected_after
from perfsite.indicator_paths import Key, path_key
from perfsite.kinds import DEFAULT_KIND, DocumentKind
from perfsite.model import Indicator, Programme, Rename
from perfsite.problems import Problem, Problems, Severity, key_text
from perfsite.targets import TargetIndicator, TargetTable
from perfsite.targets_compare import Change, Parses, compare_targets
from perfsite.values import Comparator, Figure

Restated = tuple[str, str, str, str, int | None, str]
"""A 自评 row as compared: 一级, 二级, 三级, 目标值, and its line and key in the file."""
Planned = tuple[str, str, str, str, str, str, tuple[tuple[str, str], ...], int | None, bool]
"""A 绩效目标表 row as compared: 一级, 二级, 三级, 指标性质 ("" for 定性), 指标值, 度量单位, its
figures (amount as text, unit), its line and whether its sign was inferred (the 提示 name the
target as the page does). Plain text: a cache of 3,000 tables unpickled in
0.16 s as TargetIndicators (a dataclass and Decimals a row), and the comparison reads few."""


@dataclass(frozen=True)
class TargetRows:
    """What the comparison reads of one file: a 绩效目标表's 年度 indicators (`planned`), or a
    自评's rows (`restated`), and the renames the file states."""

    planned: tuple[Planned, ...] = ()
    restated: tuple[Restated, ...] = ()
    renamed: tuple[Rename, ...] = ()
    published: tuple[str, int | None] = ("", None)
    """A 自评's 发布日期 and its line ("" when not written)."""
    corrections: tuple[Correction, ...] = ()
    """A 绩效目标表's 更正记录 (those after its 自评 was published are a 提示: late_hint)."""


def planned_rows(table: TargetTable) -> TargetRows:
    """A 绩效目标表's 年度 rows as the comparison reads them (Planned), without the texts it never
    reads (指标解释, 设定依据, 数据来源: the longest cells); labels, signs and units interned."""
    return TargetRows(planned=tuple(
        (sys.intern(row.level1), sys.intern(row.level2), row.name, sys.intern(str(row.comparator or "")),
         sys.intern(row.target), sys.intern(row.unit), tuple((str(f.amount), f.unit) for f in row.figures), row.line,
         row.inferred)
        for row in table.indicators), renamed=table.renamed,
        corrections=table.disclosure.corrections)


def _indicator(row: Planned) -> TargetIndicator:
    level1, level2, name, sign, target, unit, figures, line, inferred = row
    return TargetIndicator(level1, level2, name, Comparator(sign) if sign else None, target, unit,
                           _figures(figures), line=line, inferred=inferred)


def restated_rows(programme: Programme, problems: Problems) -> TargetRows:
    """A 自评's rows with the line and key of each 目标值 (read while the file's line map is at
    hand). The labels and targets recur across thousands of files (产出指标, ≥95%): interned,
    a cache of them holds each once."""
    rows = []
    for indicator in programme.indicators:
        where = (*indicator.path, "target")
        rows.append((sys.intern(indicator.level1), sys.intern(indicator.level2), indicator.name,
                     sys.intern(indicator.target), problems.line_of(where), key_text(where)))
    return TargetRows(restated=tuple(rows), renamed=programme.renamed,
                      published=(programme.published, problems.line_of(("published",)) if programme.published else None))


def _copied(restated: TargetRows, planned: TargetRows, parses: Parses) -> bool:
    """Whether each row of the 绩效目标表 (one a path, no renames in either file) has its path in
    the 自评, and the first 自评 row of that path keeps its target (Parses.verdict): then each
    pairs with that row, the other 自评 rows pair with nothing (新增), and there is nothing to
    say. Most 自评s keep their targets: of 3,000 demo pairs this answers all but the 147 with a
    lowered one, from a few hundred distinct (target, restated) verdicts."""
    if restated.renamed or planned.renamed:
        return False
    keys = {path_key((row[0], row[1], row[2])) for row in planned.planned}
    if len(keys) != len(planned.planned):
        return False
    first: dict[Key, str] = {}
    for level1, level2, name, target, _, _ in restated.restated:
        first.setdefault(path_key((level1, level2, name)), target)
    for row in planned.planned:
        text = first.get(path_key((row[0], row[1], row[2])))
        if text is None or parses.verdict(_SIGNS[row[3]], row[4], row[5], _figures(row[6]), text).change is not Change.UNCHANGED:
            return False
    return True


@lru_cache(maxsize=4096)
def _figures(written: tuple[tuple[str, str], ...]) -> tuple[Figure, ...]:
    return tuple(Figure(Decimal(amount), unit) for amount, unit in written)


_SIGNS: dict[str, Comparator | None] = {"": None, **{str(sign): sign for sign in Comparator}}


def target_hints(evaluation_file: str, restated: TargetRows, table_file: str, planned: TargetRows,
                 parses: Parses | None = None) -> list[Problem]:
    """A 提示 at each 自评 row whose target is lower than its 绩效目标表's (目标调低), and at each
    the comparison could not decide (无法比较: it may be lower). `parses`: the cells read for
    the pairs compared before (one for a whole tree: the same targets recur)."""
    parses = parses if parses is not None else Parses()
    late = late_hint(evaluation_file, restated, table_file, planned)
    if _copied(restated, planned, parses):
        return late
    table = TargetTable(id="", year=0, name="", department="", path=Path(table_file), file=table_file,
                        indicators=[_indicator(row) for row in planned.planned], renamed=planned.renamed)
    evaluation = Programme("", 0, "", "", Path(evaluation_file), evaluation_file, renamed=restated.renamed,
                           indicators=[Indicator(l1, l2, name, None, target, "") for l1, l2, name, target, _, _
                                       in restated.restated])
    found = late
    for row in compare_targets(table, evaluation, parses=parses):
        if row.evaluated_index is None or row.planned_index is None or not (row.change is Change.LOWERED
                                                                           or row.undecided):
            continue
        _, _, name, _, line, key = restated.restated[row.evaluated_index]
        table_line = planned.planned[row.planned_index][7]
        said = (f"自评为「{row.restated}」，绩效目标表（{table_file}{f':{table_line}' if table_line else ''}）"
                f"为「{row.planned}」")
        if row.change is Change.LOWERED:
            note = f"（{row.note}）" if row.note else ""
            message = (f"目标调低：指标「{name}」{said}{note}；网站上此指标标“⚠ 目标调低”。如是照抄时写错，"
                       f"请把 target 改为绩效目标表的「{row.planned}」；如目标确经批准调整，不必改，网站照样标出")
        else:
            message = f"无法判断目标是否调低：指标「{name}」{said}；{row.note}"
        found.append(Problem(Severity.WARNING, message, file=evaluation_file, line=line, key=key,
                             field=f"指标「{name}」目标值"))
    return found


def late_hint(evaluation_file: str, restated: TargetRows, table_file: str, planned: TargetRows) -> list[Problem]:
    """A 提示 at the 自评's 发布日期 when its 绩效目标表 was corrected after it (disclosure.corrected_after's
    rule): the page then compares the 自评 with targets set since, and says so; a reviewer should
    see whether the 自评 restated the targets as they were and needs a correction of its own."""
    published, line = restated.published
    late = corrected_after(Disclosure(corrections=planned.corrections), published) if planned.corrections else ()
    if not late:
        return []
    said = "；".join(f"{c.date}（{table_file}{f':{c.line}' if c.line else ''}）：{c.what}" for c in late)
    return [Problem(Severity.WARNING,
                    f"绩效目标表在本自评表发布（{published}）之后更正过 {len(late)} 次：{said}。网站把自评表所列目标与更正后的"
                    "目标对照，自评页写明“该表在本自评表公布之后更正过”；请核对自评表所列目标：如它照抄的是更正前的目标、"
                    "自评表也须更正，改正后在 corrections 中记一笔；不需更正的，不必改",
                    file=evaluation_file, line=line, key="published", field="发布日期")]


WAITING_NAMED = 5
"""Departments a year's 尚无自评 line names; the rest are counted (a county has about 100)."""


def waiting_lines(documents: Iterable[tuple[str, int, str, str]]) -> list[str]:
    """What check says of the 绩效目标表s with no 自评 of their programme-year yet (`documents`: each
    file's kind, year, id and 主管部门): one 提示 line a year, its departments by how many, most
    first. Fine at budget time, but a reader of check should see them counted; not one line a
    file (a year holds thousands at budget time), and no 提示 of its own (nothing to change)."""
    documents = list(documents)
    evaluated = {(year, ident.lower()) for kind, year, ident, _ in documents if kind == str(DEFAULT_KIND)}
    waiting: dict[int, Counter[str]] = {}
    for kind, year, ident, department in documents:
        if kind == str(DocumentKind.TARGETS) and (year, ident.lower()) not in evaluated:
            waiting.setdefault(year, Counter())[department.strip() or "未载明部门"] += 1
    lines = []
    for year in sorted(waiting, reverse=True):
        counts = waiting[year]
        named = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        shown = "、".join(f"{name} {n} 份" for name, n in named[:WAITING_NAMED])
        if len(named) > WAITING_NAMED:
            shown += f" 等 {len(named)} 个部门"
        lines.append(f"尚无自评的绩效目标表：{year} 年 {sum(counts.values())} 份（{shown}）。年度结束、自评公布之前如此，"
                     "网站在年度、部门、地区列表和项目查询中列出它们；自评表公布时，id 须与同一项目的绩效目标表相同")
    return lines
