"""Document kinds: what one data file is in the budget-performance cycle.

Targets are set with the budget (绩效目标表), results are self-evaluated with the final accounts
(自评表), key programmes are evaluated (评价报告) and findings rectified (整改). A file says which
with `kind:`; a file without it is a self-evaluation, so every file written before kinds existed
keeps its meaning. A programme-year (year + id) holds at most one document of each kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from perfsite.problems import Problems
from perfsite.schema import shown, type_name


class DocumentKind(StrEnum):
    """The value of `kind:`, in the cycle's order. Chinese, as a clerk names the document."""

    SELF_EVALUATION = "自评"
    """项目支出绩效自评表 (the default): scored and published at /projects/<year>/<id>/."""
    TARGETS = "绩效目标"
    """项目支出绩效目标表 (ex ante, 财预〔2021〕101号 columns): compared with the same year's 自评."""
    DEPARTMENT_TARGETS = "部门整体绩效目标"
    """部门整体支出绩效目标表 of a department-year (perfsite.department): named by year and department, not id."""
    DEPARTMENT_SELF_EVALUATION = "部门整体自评"
    """部门整体支出绩效自评表 of a department-year."""
    EVALUATION_REPORT = "评价报告"
    """部门评价, 财政评价 or 第三方评价 report, with its original document."""
    RECTIFICATION = "整改"
    """整改 measures for findings, and 结果应用."""


@dataclass(frozen=True)
class KindInfo:
    """What perfsite does with a kind today."""

    label: str
    """The document's full name, for messages and (later) page titles."""
    slug: str
    """Its folder under the programme's address, /projects/<year>/<id>/<slug>/ (the 自评 has none)."""
    read: bool
    """Whether its contract is defined: a kind not yet read is refused, never half-checked."""
    published: bool
    """Whether the site builds pages for it; a read kind not yet published is checked, then left out."""


KINDS: Mapping[DocumentKind, KindInfo] = {
    DocumentKind.SELF_EVALUATION: KindInfo("项目支出绩效自评表", "", read=True, published=True),
    DocumentKind.TARGETS: KindInfo("项目支出绩效目标表", "targets", read=True, published=True),
    DocumentKind.DEPARTMENT_TARGETS: KindInfo("部门整体支出绩效目标表", "department-targets", read=True,
                                              published=True),
    DocumentKind.DEPARTMENT_SELF_EVALUATION: KindInfo("部门整体支出绩效自评表", "department-self-evaluation",
                                                      read=True, published=True),
    DocumentKind.EVALUATION_REPORT: KindInfo("绩效评价报告", "evaluation", read=True, published=True),
    DocumentKind.RECTIFICATION: KindInfo("整改情况", "rectification", read=True, published=True),
}

DEFAULT_KIND = DocumentKind.SELF_EVALUATION

FILE_SUFFIX: Mapping[DocumentKind, str] = {
    DocumentKind.TARGETS: "-mubiao", DocumentKind.EVALUATION_REPORT: "-pingjia", DocumentKind.RECTIFICATION: "-zhenggai",
}
"""How `perfsite import` (and `perfsite demo`) names a programme document of another kind than
自评: beside the 自评 of the same id, <id><suffix>.yaml. A convention, never a rule: the file's
`kind:` and `id` say what it is."""
_SUFFIXED = tuple(f"{suffix}.yaml" for suffix in FILE_SUFFIX.values())


def programme_file(path: str) -> str:
    """The 自评 file a document's file is named after by FILE_SUFFIX (yingyang-gaishan-mubiao.yaml →
    yingyang-gaishan.yaml), else the path itself: a build hands a programme-year's files to one
    worker by it, so the worker rendering a 自评 has read its 绩效目标表."""
    for ending in _SUFFIXED:
        if path.endswith(ending):
            return path[: -len(ending)] + ".yaml"
    return path

DEPARTMENT_KINDS = frozenset({DocumentKind.DEPARTMENT_TARGETS, DocumentKind.DEPARTMENT_SELF_EVALUATION})
"""Kinds of a department-year rather than a programme-year: they have no `id` and no address
under /projects/ (perfsite.department); their slug names their source file on the department page."""


def address(kind: DocumentKind, year: int, ident: str) -> str:
    """A programme document's page, relative to the site root: the 自评's /projects/<year>/<id>/,
    every other kind in its folder under it (KindInfo.slug). Department kinds have their own
    (perfsite.site.department_page)."""
    slug = KINDS[kind].slug
    return f"projects/{year}/{ident}/" + (f"{slug}/" if slug else "")

_SPELLINGS: Mapping[str, DocumentKind] = {
    **{kind.value: kind for kind in DocumentKind},
    **{info.label: kind for kind, info in KINDS.items()},
    "单位自评": DocumentKind.SELF_EVALUATION, "自评表": DocumentKind.SELF_EVALUATION,
    "绩效目标表": DocumentKind.TARGETS, "目标": DocumentKind.TARGETS,
    "部门整体绩效目标表": DocumentKind.DEPARTMENT_TARGETS, "部门整体目标": DocumentKind.DEPARTMENT_TARGETS,
    "部门整体自评表": DocumentKind.DEPARTMENT_SELF_EVALUATION, "部门整体绩效自评": DocumentKind.DEPARTMENT_SELF_EVALUATION,
    "评价": DocumentKind.EVALUATION_REPORT, "整改情况": DocumentKind.RECTIFICATION,
}
"""Accepted spellings of `kind:`: the value, the form's full name and the short names clerks use."""


def kind_of(data: Mapping[object, object], problems: Problems) -> DocumentKind | None:
    """The document's kind (自评 when `kind` is absent); None, with an error, when it is not one.

    A kind whose contract is not defined yet is an error too: checking it as a 自评 would report
    nonsense, and accepting it unchecked would publish nothing while saying it passed."""
    raw = data.get("kind")
    if raw is None:
        return DEFAULT_KIND
    if not isinstance(raw, str):
        problems.error(("kind",), f"kind 应是文件种类的文字（如 绩效目标），而不是{type_name(raw)}")
        return None
    kind = _SPELLINGS.get(raw.strip())
    if kind is None:
        problems.error(("kind",), f"kind 只能是 {'、'.join(DocumentKind)}，而不是「{shown(raw)}」"
                       "（不写 kind 表示自评）")
        return None
    if not KINDS[kind].read:
        problems.error(("kind",), f"{KINDS[kind].label}（kind: {kind}）的数据格式尚未确定，perfsite 暂不能读取："
                       "请暂不提交此文件")
        return None
    return kind
