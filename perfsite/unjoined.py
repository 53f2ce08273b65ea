"""A 绩效目标表, 评价报告 or 整改 that joins no document of its programme-year (`year` and `id`).

The site joins a programme-year's documents by year and id alone: a 目标表 whose id is not its
自评's is never compared with it (a lowered target goes unmarked), a report is linked from no
page, a 整改 quotes no problem. The likeliest cause is the file's own: the documented naming
(yingyang-gaishan-mubiao.yaml beside yingyang-gaishan.yaml) needs `id:`, and a file without one
takes its file name; or its year typed one off. So where a 自评 of the same year has the same
名称 and 主管部门 (compared as the duplicate check compares them: identity_text), or one of the
year before or after has the same id too, the 提示 names it and says what to write. A 目标表
alone is what budget time looks like (check counts them: targets_check.waiting_lines), and the
next year's 目标表 is published before its 自评: a 目标表 is said only with a partner, and only
with a 自评 of its own year or the year after (one of the year before is last year's 自评 of a
continuing programme), unless its series has a 自评 of an earlier year too: a 目标表 of 2023
between the 自评s of 2022 and 2024 is a year the programme published no 自评, not a mistyped
year (the 历年情况 of the series' pages links it, under their id). A 评价报告 or 整改 alone is said always:
nothing links to its page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Protocol

from perfsite.kinds import DEFAULT_KIND, KINDS, DocumentKind
from perfsite.problems import Problem, Severity


class Placed(Protocol):
    """What this check reads of a file's cached facts (dataset.Facts)."""

    file: str
    year: int
    id: str
    name: str
    department: str
    kind: str
    series: str
    name_key: str
    department_key: str

    def line(self, key: str) -> int: ...


JOINS: Mapping[DocumentKind, tuple[DocumentKind, ...]] = {
    DocumentKind.TARGETS: (DEFAULT_KIND,),
    DocumentKind.EVALUATION_REPORT: (DEFAULT_KIND,),
    DocumentKind.RECTIFICATION: (DocumentKind.EVALUATION_REPORT, DEFAULT_KIND),
}
"""The kinds a document joins: any one of them in its programme-year is enough (a 整改 rectifies
what its 评价报告 or its 自评 found)."""

LOST: Mapping[DocumentKind, str] = {
    DocumentKind.TARGETS: "自评页不与此绩效目标表对照，目标是否调低无从看出",
    DocumentKind.EVALUATION_REPORT: "报告页与自评页不互相链接，两份文件的得分和指标也不对照，读者只能从站点地图找到报告页",
    DocumentKind.RECTIFICATION: "整改页无从链接到被整改的问题",
}
"""What a reader loses when the document joins nothing."""

YEARS_AFTER: Mapping[str, tuple[int, ...]] = {
    DocumentKind.TARGETS: (1,),
    DocumentKind.EVALUATION_REPORT: (-1, 1),
    DocumentKind.RECTIFICATION: (-1, 1),
}
"""The years (from the document's) whose documents of the same id may be the one meant."""


_SHORT = {str(kind): KINDS[kind].label.removeprefix("项目支出绩效").removeprefix("绩效") for kind in KINDS}
"""A kind as the 提示 names the documents missing: 自评表, 评价报告."""
_JOINED = {str(kind): tuple(str(k) for k in joins) for kind, joins in JOINS.items()}
_SOUGHT = {kind: tuple(sorted(joins, key=lambda k: k != DEFAULT_KIND)) for kind, joins in _JOINED.items()}
"""The kinds whose documents may be the one meant, the 自评 first: the anchor of a programme-year
(a 评价报告 of the same name may be as lost as this file)."""
_PARTNERS = frozenset(k for sought in _SOUGHT.values() for k in sought)


def unjoined(by_url: Mapping[tuple[int, str, str], Sequence[Placed]]) -> list[Problem]:
    """A 提示 at each document of JOINS that joins none of its kinds (`by_url`: the files by year,
    id folded to lower case, and kind, as dataset.cross_found groups them)."""
    lost = []
    for key, group in by_url.items():
        joins = _JOINED.get(key[2])
        if joins is not None and (key[0], key[1], DEFAULT_KIND) not in by_url and \
                not any((key[0], key[1], k) in by_url for k in joins):
            lost.append((key[2], group))
    if not lost:  # nearly every tree: the index below is not made
        return []
    years = {group[0].year for _, group in lost}
    named: dict[tuple[int, str, str, str], list[Placed]] = defaultdict(list)
    evaluated: dict[str, list[int]] = defaultdict(list)
    for (year, _, kind), group in by_url.items():
        if year in years and kind in _PARTNERS:
            named[(year, group[0].name_key, group[0].department_key, kind)].append(group[0])
        if kind == DEFAULT_KIND and group[0].series:
            evaluated[group[0].series].append(year)
    found = []
    for kind, group in lost:
        found += [problem for f in group if (problem := _problem(f, kind, by_url, named, evaluated)) is not None]
    return found


def _problem(f: Placed, kind: str, by_url: Mapping[tuple[int, str, str], Sequence[Placed]],
             named: Mapping[tuple[int, str, str, str], list[Placed]],
             evaluated: Mapping[str, list[int]]) -> Problem | None:
    """`evaluated`: each series' years with a 自评."""
    ident = f.id.lower()
    for k in _SOUGHT[kind]:  # a partner whose slot for this kind is taken is not it: the duplicate check says the rest
        for other in named.get((f.year, f.name_key, f.department_key, k), ()):
            if other.id.lower() != ident and (f.year, other.id.lower(), kind) not in by_url:
                return Problem(Severity.WARNING, f"{_head(f, kind)}。{f.year} 年的{KINDS[DocumentKind(k)].label} {other.file} 的项目名称"
                               f"「{other.name}」和主管部门「{other.department}」与本文件相同，多半是同一项目：请在本文件写 "
                               f"`id: {other.id}`（没有写 id 时，网址标识取文件名）", file=f.file, line=f.line("id"), key="id")
        for step in YEARS_AFTER[kind]:
            for other in by_url.get((f.year + step, ident, k), ())[:1]:
                if (other.name_key, other.department_key) == (f.name_key, f.department_key) and \
                        (other.year, ident, kind) not in by_url:
                    if kind == DocumentKind.TARGETS and any(year < f.year for year in evaluated.get(f.series or other.series, ())):
                        return None  # a year of its series without a 自评, between two with one
                    return Problem(Severity.WARNING, f"{_head(f, kind)}。{other.year} 年的{KINDS[DocumentKind(k)].label} {other.file} "
                                   f"的网址标识、项目名称和主管部门与本文件相同，多半是本文件的年度写错了：请核对原表，"
                                   f"应是 {other.year} 年度的，把年度改为 `year: {other.year}`", file=f.file,
                                   line=f.line("year"), key="year")
    if kind == DocumentKind.TARGETS:
        return None
    return Problem(Severity.WARNING, f"{_head(f, kind)}，多半是年度或网址标识与该项目的{'、'.join(_SHORT[k] for k in _JOINED[kind])}"
                   "写得不同", file=f.file, line=f.line("id"), key="id")


def _head(f: Placed, kind: str) -> str:
    """What every such 提示 says first: which documents the site lacks, and what the reader loses."""
    return f"本站没有该项目 {f.year} 年度的{'和'.join(_SHORT[k] for k in _JOINED[kind])}（网址标识「{f.id}」）：{LOST[DocumentKind(kind)]}"
