"""Read any data file: its `kind` decides which contract it is checked against.

A file without `kind` is a 自评 (perfsite.reader); a 绩效目标表 is read by perfsite.targets, a
评价报告 by perfsite.reports, a 整改 by perfsite.rectification. Every programme kind shares the
header that places it: year and id (the programme-year it belongs to); a 部门整体 document is
placed by year and department (perfsite.department).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from perfsite.dates import future_date
from perfsite.department import DepartmentDocument, department_of
from perfsite.kinds import DEPARTMENT_KINDS, KINDS, DocumentKind, kind_of
from perfsite.model import Programme
from perfsite.problems import Problems, relpath
from perfsite.reader import programme_of, read_id, read_year
from perfsite.rectification import Rectification, rectification_of
from perfsite.reports import EvaluationReport, report_of
from perfsite.siteconfig import SiteConfig
from perfsite.targets import TargetTable, targets_of
from perfsite.yamlload import Loaded, load_yaml_file

Document = Programme | TargetTable | EvaluationReport | Rectification | DepartmentDocument


def read_document(path: Path, site: SiteConfig, base: Path | None = None) -> tuple[Document | None, Problems]:
    """Read and validate one data file of any kind; None when it cannot be read at all."""
    file = relpath(path, base)
    return document_of(load_yaml_file(path, file), path, file, site, base)


def document_of(loaded: Loaded, path: Path, file: str, site: SiteConfig,
                base: Path | None = None) -> tuple[Document | None, Problems]:
    doc, problems = _document_of(loaded, path, file, site, base)
    if doc is not None:
        check_published(doc, problems)
    return doc, problems


AFTER_THE_YEAR = frozenset({DocumentKind.SELF_EVALUATION, DocumentKind.DEPARTMENT_SELF_EVALUATION,
                            DocumentKind.EVALUATION_REPORT, DocumentKind.RECTIFICATION})
"""Kinds that look back on a year that has ended: published in a later year."""
WITH_THE_BUDGET = frozenset({DocumentKind.TARGETS, DocumentKind.DEPARTMENT_TARGETS})
"""Kinds published with the year's budget: in that year or before it."""


def check_published(doc: Document, problems: Problems) -> None:
    """A 发布日期 on the wrong side of its year is most often a year typed wrong (2023 for 2024),
    and the page would state it: a 自评 published before the year it evaluates has ended, a
    绩效目标表 published after its year. One later than the build date is an error (dates.future_date)."""
    future = future_date(doc.published, "发布日期")
    if future:
        problems.error(("published",), future)
        return
    kind = kind_of_document(doc)
    if not (doc.year and doc.published):
        return
    label = KINDS[kind].label
    # said on the document's page (数据核验) to its readers: no key; check prints `published:` before it
    if kind in AFTER_THE_YEAR and int(doc.published[:4]) <= doc.year:
        problems.warning(("published",), f"发布日期 {doc.published} 在被评价的 {doc.year} 年度结束之前：{label}评价的是已经结束的年度，"
                         "发布日期或年度可能有误")
    elif kind in WITH_THE_BUDGET and int(doc.published[:4]) > doc.year:
        problems.warning(("published",), f"发布日期 {doc.published} 在本表的 {doc.year} 年度之后：{label}随当年预算公开，"
                         "发布日期或年度可能有误")


def _document_of(loaded: Loaded, path: Path, file: str, site: SiteConfig,
                 base: Path | None = None) -> tuple[Document | None, Problems]:
    data = loaded.data
    if not isinstance(data, dict) or "kind" not in data:
        return programme_of(loaded, path, file, site, base)  # a 自评, or what programme_of explains
    problems = Problems(file, loaded.lines)
    problems.items.extend(loaded.problems)
    kind = kind_of(data, problems)
    if kind is DocumentKind.SELF_EVALUATION:
        return programme_of(loaded, path, file, site, base)
    if kind is None:
        return None, problems
    if kind in DEPARTMENT_KINDS:
        return department_of(kind, data, path, file, problems, read_year(data, problems), site), problems
    return READERS[kind](data, path, file, problems, read_year(data, problems), read_id(data, path, problems),
                         site), problems


Reader = Callable[[dict, Path, str, Problems, int, str, SiteConfig], Any]
"""(data, path, file, problems, year, id, site settings) → the document."""


def _unscored(read: Callable[[dict, Path, str, Problems, int, str], Any]) -> Reader:
    """A reader that needs no site settings: nothing in its kind is scored or graded."""
    return lambda data, path, file, problems, year, ident, _site: read(data, path, file, problems, year, ident)


READERS: Mapping[DocumentKind, Reader] = {
    DocumentKind.TARGETS: _unscored(targets_of),
    DocumentKind.EVALUATION_REPORT: report_of,
    DocumentKind.RECTIFICATION: _unscored(rectification_of),
}
"""The reader of every programme kind other than 自评 whose contract is defined (kinds.KINDS: read);
the department kinds are read by perfsite.department.department_of (placed by department, not id)."""


def kind_of_document(document: Document) -> DocumentKind:
    return DocumentKind.SELF_EVALUATION if isinstance(document, Programme) else document.kind

