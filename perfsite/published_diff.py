"""`perfsite check --since REV`: a published figure is never silently replaced.

REV is the last published commit (origin/main, HEAD~1, a tag). Each document that existed at
REV was published; its old bytes and its new ones are both read, scored and projected to the
cells its page shows (``_read``), and every cell whose published text differs is an
error unless the new file adds a 更正记录 entry. Comparing what is published, not the bytes,
lets a comment, a reformatted line or ``weight: 10`` → ``weight: 10.0`` (both shown as 10.00)
pass, and catches ``actual: 95%`` → ``actual: 90%`` wherever in the file it moved.

Git is asked three times at most whatever the tree's size: the changed paths (``git diff -M``,
which also follows renames; when nothing changed, the only one), the files at REV (``git
ls-tree``) and the old bytes of the documents to compare and of their folders' companions (one
``git cat-file --batch``). Only changed documents are read, so the common run, a commit changing a
few files, costs what those few cost. Measured on a tree of 1,000 自评 (2 cores, load about 5,
five runs each, getrusage): nothing changed, 0.005 CPU s (git) and under 0.001 s (Python);
three 实际值 changed, 0.03 s; and with all 1,000 changed (two runs each): a comment added to
each, 1.3 and 1.2 CPU s (the YAML of both versions read and found equal), a published 实际值
changed in each, 4.4 and 4.3 CPU s (both versions read, scored and projected, 1,000 errors).

The scoring reads site.yaml (grade bands, aliases, 定性 levels): when a setting other than the
footer's texts changed since REV, every document published at REV is also scored with REV's
settings and with the current ones, the same bytes both ways, and a published cell that moved
is an error unless the document adds a 更正记录 (its page is where a reader sees the re-grade).
That is every document read twice: 2.8 CPU s for 1,000 自评 (two runs, getrusage), and only then.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from perfsite.dates import PUBLISHER_TIME
from perfsite.decimals import written
from perfsite.department import DepartmentDocument, department_fields
from perfsite.disclosure import published_disclosure
from perfsite.documents import read_document
from perfsite.indicator_csv import read_indicator_csv
from perfsite.model import Programme
from perfsite.problems import FIELD_LABEL, Problem, Problems, Severity, relpath
from perfsite.record import (
    BUDGET_ROWS,
    COLUMN_LABEL,
    make_record,
    make_rectification_record,
    make_report_record,
    make_target_record,
)
from perfsite.rectification import Rectification
from perfsite.reports import EvaluationReport
from perfsite.schema import shown
from perfsite.scoring import score_programme
from perfsite.siteconfig import SITE_FILE, TEXT_KEYS, SiteConfig, load_site
from perfsite.targets import TargetTable
from perfsite.yamlload import load_yaml_text

WITHDRAWN = ("废止", "失效")
"""时效性 that withdraws a document: kept on the site, marked, with a 更正记录 saying why."""

DERIVED = frozenset({
    "problems", "links", "file", "url", "programme_url", "explanation", "status", "completion", "score",
    "rule", "rule_label", "headline", "reached", "subtotals", "columns", "figures", "computed", "consistent",
    "tasks_sum", "computed_rate", "target_text", "size", "size_text", "media_type", "corrections", "checks", "kind",
    "weight_total",
})
"""Record keys that are not a cell a clerk wrote: addresses, findings, and figures computed from
written cells (完成率, 各项得分, 小计, 权重合计, 结余, 到位率, 执行率; a report original's size, which its
SHA-256 decides). A change of a written cell changes
them too; comparing them would report one edit five times. The result a page leads with (总分,
等级: top-level `total` and `grade`) is compared. `corrections` is checked on its own."""

LABEL: Mapping[str, str] = {
    **COLUMN_LABEL, **FIELD_LABEL, "reported_score": "公布得分", "reported_completion": "公布完成率", "given_rule": "评分规则",
    "reported_total": "公布总分", "reported_grade": "公布等级", "total": "总分", "weight_total": "权重合计",
    "nature": "指标性质", "unit": "度量单位", "basis": "指标值设定依据", "data_source": "数据来源", "core": "核心指标",
    "funds": "年度资金总额", "fiscal": "财政拨款", "other": "其他资金", "midterm_goal": "中期目标",
    "annual_goal": "年度目标", "midterm_indicators": "中期指标", "department_code": "主管部门编码",
    "implementer": "实施单位", "attribute": "项目属性", "period": "起止年限", "conclusion": "评价结论",
    "findings": "主要问题", "suggestions": "建议", "commissioner": "委托方", "method": "评价方法",
    "original": "报告原件", "sha256": "内容", "size": "大小", "format": "格式", "title": "标题",
    "table": "评分表", "index_no": "索引号", "doc_no": "文号", "issuer": "发布机构", "validity": "时效性",
    "disclosure": "公开信息", "application": "结果应用", "measures": "整改措施", "measure": "措施", "owner": "责任单位",
    "deadline": "整改时限", "evidence": "佐证", "problem": "问题", "item": "问题序号", "indicator": "指标",
    "amount": "金额", "action": "应用方式", "budget_year": "预算年度", "note": "说明", "tasks": "部门任务",
    "tasks_total": "金额合计", "content": "任务内容", "execution": "预算执行", "rate": "执行率",
    "functions": "部门职能", "annual_result": "年度目标完成情况", "deviation": "偏差原因分析及改进措施",
    "sample": "示例", "renamed": "指标改名", "status": "整改状态", "completed": "完成日期", "evaluation": "评价类型", "self_evaluation": "自评", "targets": "目标表", "level": "等级",
}
"""A reader's name of each compared key (perfsite.problems.FIELD_LABEL's, and the other kinds')."""

YAML_KEY: Mapping[str, str | None] = {"reported_score": "score", "reported_completion": "completion",
                                      "given_rule": "rule", "disclosure": None}
"""A record key → the data file's key, where they differ (for the line of a changed cell); None:
its keys are the file's top-level ones (索引号 … are written beside `published`)."""
TOP_YAML: Mapping[str, tuple[object, ...]] = {
    "reported_total": ("reported", "score"), "reported_grade": ("reported", "grade"),
    "total": ("reported",), "grade": ("reported",),
}
NAMED_ROWS = frozenset({"indicators", "midterm_indicators", "tasks"})
"""Lists whose rows are matched by name (一级/二级/名称), not by place."""
PLACED_ROWS: Mapping[str, tuple[str, str]] = {"findings": ("问题来源", "问题序号或指标"), "measures": ("", ""),
                                             "suggestions": ("", "")}
"""Lists whose rows are matched by a stable key, not by place (a finding inserted first leaves the
others as published), but named by place (第2条), their text being too long to name them by: a
整改's findings by a report's 问题序号, a 自评 indicator or, without either, the problem's text, its
measures by their text; an 评价报告's 主要问题 and 建议 (texts) by their text. The reader's names
of the key's first two parts (for a finding moved between them)."""
DERIVED_IN = frozenset({("tasks", "rate")})
"""(list, key) of a computed cell in a row whose other keys are written (a 部门任务's 执行率)."""
WRITTEN_IN = frozenset({(("measures",), "status")})
"""(list, key) of a written cell under a name DERIVED holds elsewhere: a 整改措施's status is the
clerk's (a 自评 indicator's is computed); a measure finished after publication is a correction."""


Cell = tuple[str, tuple[object, ...]]
"""One published cell: its text as published and its key path in the data file (its line). Its
name for a reader (_label) is made only for a cell that changed: a 自评 has about 200 cells."""


@dataclass(frozen=True)
class Published:
    """What one document publishes: its cells by identity, its 更正记录, its dates."""

    cells: dict[tuple[object, ...], Cell]
    corrections: tuple[tuple[str, str, str], ...]
    published: str
    problems: Problems
    sample: bool = False
    """示例数据 (`sample: true`): fictitious, so never disclosed information; `perfsite init`'s
    README asks for its example to be deleted before going live."""
    csv_lines: dict[int, int] | None = None
    csv_file: str = ""


class GitError(Exception):
    """Git is missing, the folder is not in a repository, or REV is not a commit: one sentence."""


def published_changes(root: Path, rev: str, site: SiteConfig, base: Path | None = None) -> list[Problem]:
    """Every published cell of `root`'s documents changed since `rev` without a new 更正记录, and
    every published document removed: errors, on the new file's line (the old file's for a removal)."""
    base = base if base is not None else Path.cwd()
    changes = _diff(root, rev)
    if not changes:
        return []  # no commit yet (nothing was published), or nothing changed: nothing more to ask git or to read
    old_files = _ls_tree(root, rev)
    documents, touched = _documents_to_compare(changes, old_files, root)
    wanted = {old for old, _ in documents} | _companions({_folder(old) for old, _ in documents}, old_files)
    site_changed = any(SITE_FILE in (old, new) for _, old, new in changes)
    out: list[Problem] = []
    regraded: list[tuple[str, Problem]] = []
    with tempfile.TemporaryDirectory(prefix="perfsite-since-") as temp:
        old_root = Path(temp)
        _extract(root, rev, sorted(wanted | ({SITE_FILE} & old_files if site_changed else set())), old_root)
        then = load_site(old_root / SITE_FILE, SITE_FILE)[0] if site_changed else site  # none at REV: the defaults
        settings = _grading_changes(then, site)
        for old, new in documents:
            if (not settings and new is not None and _folder(old) not in touched
                    and _same_data(old_root / old, root / new)):
                continue
            before = _read(old_root / old, old_root, site, old_root)
            if before is None or before.sample:
                continue  # unreadable at REV, or fictitious (sample: true): no information was disclosed
            if new is None:
                out.append(_removed(root, old, rev, base))
                continue
            after = _read(root / new, root, site, base)
            if after is None:
                continue  # check says why it cannot be read, and a build refuses it: nothing is replaced
            file = relpath(root / new, base)
            out += compare(before, after, file, _held_since(root, rev, old) if len(after.corrections) > len(before.corrections) else "")
            if settings and not _corrected(before, after):
                regraded += _regraded(_read(old_root / old, old_root, then, old_root), before, after, file, settings, rev)
        if settings:  # every other document published at REV is unchanged: its bytes are the tree's
            compared = {old for old, _ in documents}
            for path in sorted(p for p in old_files if _is_document(p) and p not in compared):
                now = _read(root / path, root, site, base) if (root / path).is_file() else None
                if now is not None and not now.sample:
                    regraded += _regraded(_read(root / path, root, then, base), now, now, relpath(root / path, base),
                                          settings, rev)
    if regraded:
        out.append(_settings_summary(root, base, rev, settings, [file for file, _ in regraded]))
    return out + [problem for _, problem in regraded]


def compare(before: Published, after: Published, file: str, held: str = "") -> list[Problem]:
    """The errors of one document published as `before` and now `after` (see the module docstring).
    `held`: the day (Beijing) of the last commit at REV that wrote the document as `before`: a new
    correction dated earlier would date a change to before the value it corrects was published
    here (the 目标调低 it hides, and the page's and feed's dates, read as if long settled)."""
    old, new = before.corrections, after.corrections
    out: list[Problem] = []
    corrections_line = after.problems.line_of(("corrections",))
    if new[: len(old)] != old:
        out.append(Problem(Severity.ERROR, "已公开的更正记录被删除或改动：更正记录只能在末尾新增，已有的各条照旧保留",
                           file=file, line=corrections_line, field="更正记录"))
    added = new[len(old):] if new[: len(old)] == old else ()
    for i, (date, _, _) in enumerate(added, start=len(old)):
        # before the new 发布日期 or the entry above it: the reader says so (perfsite.disclosure)
        if date and before.published and after.published <= date < before.published:
            out.append(Problem(Severity.ERROR, f"新增的更正记录日期 {date} 早于 {before.published}（已公开时的发布日期）："
                               "更正只能在公开之后，请写更正的实际日期，发布日期照已公开的写",
                               file=file, line=after.problems.line_of(("corrections", i, "date")), field="更正记录"))
        elif date and held and date < held:
            out.append(Problem(Severity.ERROR, f"新增的更正记录日期 {date} 早于已公开的内容提交的日期 {held}：这条更正是那之后才做的，"
                               "请写更正的实际日期（不早于该日期）",
                               file=file, line=after.problems.line_of(("corrections", i, "date")), field="更正记录"))
    if added:
        return out
    found: list[Problem] = []
    rows_before, rows_after = _rows(before.cells), _rows(after.cells)
    whole: dict[tuple[object, ...], tuple[Cell | None, Cell | None]] = {}
    moved: list[tuple[tuple[object, ...], Cell, Cell]] = []
    for key in [*after.cells, *(k for k in before.cells if k not in after.cells)]:
        was, now = before.cells.get(key), after.cells.get(key)
        if was is not None and now is not None and (was[0] == now[0] or _words(was[0]) == _words(now[0])):
            continue
        if key in RESULTS and was is not None and now is not None:
            moved.append((key, was, now))
            continue
        row = next((r for r in _row_keys(key) if r not in rows_before or r not in rows_after), None)
        if row is not None:
            whole.setdefault(row, (was, now))  # an indicator (task, finding, measure) added or taken out: one message
            continue
        label = _label(key, (now or was or ("", ()))[1])
        if now is not None:
            line, where_file = _line(after, now[1])
        else:
            line, where_file = after.problems.line_of(was[1][:1]) if was else None, file
        if was is None:
            change = f"在已公开的表中新增了{label}（{shown(now[0]) if now else ''}）"
        elif now is None:
            change = f"删去了已公开的{label}（{shown(was[0])}）"
        else:
            old_text, new_text = _differing(was[0], now[0])
            change = f"已公开的{label}由 {old_text} 改为 {new_text}"
        ask = ASK
        if key == ("id",) and was is not None and now is not None:
            change += "，已公开的网址随之失效"
            if now[0] == Path(file).stem:  # the id is the file name unless written: a rename moved the page
                change, ask = f"文件改名使{change.removeprefix('已公开的')}", (
                    f"：只是改文件名时，在文件开头写 id: {was[0]} 即保持原网址；确要改网址，须新增更正记录：在 corrections 中写明"
                    "日期、更正内容和原因")
        elif key == ("disclosure", "validity") and now is not None and now[0] in WITHDRAWN:
            change = f"已公开的文件时效性改为「{now[0]}」（撤下）"
            ask = f"，但没有新增更正记录：撤下也是改动，请在 corrections 中写明日期、撤下的内容（如「本表{now[0]}」）和原因"
        found.append(Problem(Severity.ERROR, f"{change}{ask}", file=where_file or file, line=line, field=label))
    found += _whole_rows(whole, after, file)
    found.sort(key=lambda p: (p.file, p.line or 0))  # down the file, as a clerk reads it
    return out + _with_results(_by_line(found), moved, after, file)


SETTING_LABEL: Mapping[str, str] = {"grades": "等级划分", "grade_aliases": "等级别名", "judged_levels": "定性等级的得分比例"}
"""A reader's name of each site.yaml setting a document's published figures depend on."""
NAMED = 5
"""Documents a settings change re-graded that its summary names; each has its own error too."""
MOVES = 3
"""Moved cells of one re-graded document said in its message (a 定性 band can move many)."""


def _grading_changes(then: SiteConfig, now: SiteConfig) -> tuple[str, ...]:
    """The settings that differ between REV's site.yaml and the current one and may move a
    published figure: every setting but the texts of the footer (TEXT_KEYS), so one added to
    SiteConfig is compared without being listed here. Empty: no document is read twice."""
    return tuple(f.name for f in fields(SiteConfig)
                 if f.name not in TEXT_KEYS and getattr(then, f.name) != getattr(now, f.name))


def _settings(names: tuple[str, ...]) -> str:
    """「等级划分（grades）、等级别名（grade_aliases）」."""
    return "、".join(f"{SETTING_LABEL.get(name, name)}（{name}）" for name in names)


def _corrected(before: Published, after: Published) -> bool:
    """Whether `after` adds a 更正记录 to what was published."""
    return len(after.corrections) > len(before.corrections) and after.corrections[: len(before.corrections)] == before.corrections


def _regraded(then: Published | None, now: Published | None, after: Published, file: str,
              settings: tuple[str, ...], rev: str) -> list[tuple[str, Problem]]:
    """The error of one document whose published cells differ between REV's settings (`then`) and
    the current ones (`now`), the same bytes scored both ways; on the first moved cell's line."""
    if then is None or now is None:
        return []
    moved = [(key, then.cells.get(key), now.cells.get(key))
             for key in [*now.cells, *(k for k in then.cells if k not in now.cells)]
             if (then.cells.get(key) or ("",))[0] != (now.cells.get(key) or ("",))[0]]
    if not moved:
        return []
    said = "、".join(f"{LABEL[str(key[0])] if key in RESULTS else _label(key, (cell or was or ('', ()))[1])}由 {was[0] if was else '（空）'} "
                    f"改为 {cell[0] if cell else '（空）'}" for key, was, cell in moved[:MOVES])
    more = f"等 {len(moved)} 处" if len(moved) > MOVES else ""
    where = next(cell for _, _, cell in moved if cell is not None)[1] if any(c for _, _, c in moved) else ()
    line, where_file = _line(after, where)
    first = said.split("、")[0]
    return [(file, Problem(Severity.ERROR, f"site.yaml 的{_settings(settings)}自 {rev} 以来改了，本文件已公开的{said}{more}，"
                           "但没有新增更正记录：改设置使已公开的内容改变也是更正，请在 corrections 中写明日期、更正内容（如"
                           f"「按调整后的{SETTING_LABEL.get(settings[0], settings[0])}，{first}」）和原因；或把 site.yaml 改回",
                           file=where_file or file, line=line, field="site.yaml"))]


def _settings_summary(root: Path, base: Path, rev: str, settings: tuple[str, ...], files: list[str]) -> Problem:
    """One error at the changed setting's line of site.yaml: how many published documents it re-grades and
    the first few, so whoever changed it can weigh correcting each against changing it back."""
    path = root / SITE_FILE
    line = load_site(path, SITE_FILE)[1].line_of((settings[0],)) if path.is_file() else None
    first = "、".join(files[:NAMED]) + ("等" if len(files) > NAMED else "")
    return Problem(Severity.ERROR, f"site.yaml 的{_settings(settings)}自 {rev} 以来改了，使 {len(files)} 个已公开文件的内容改变"
                   f"（{first}，各文件另列）：每个文件都须新增一条更正记录，读者在该页上看到更正；不是有意重评的，"
                   "请把设置改回", file=relpath(path, base), line=line, field="site.yaml")


ASK = "，但没有新增更正记录：请在 corrections 中写明日期、更正内容和原因"
"""What every message of a changed cell ends with: what to write."""

RESULTS = (("total",), ("grade",))
"""The computed 总分 and 等级 a page leads with: they move when a written cell does, so they are
said as that edit's consequence, once (_with_results), not as edits of their own."""


def _by_line(found: list[Problem]) -> list[Problem]:
    """One message a line edited: 「公布总分」 and 「公布等级」 written as one `reported: {…}`, or two
    cells of one indicator row written on one line, are one edit to the clerk who made it."""
    out: list[Problem] = []
    for p in found:
        last = out[-1] if out else None
        if (last is not None and p.line is not None and (last.file, last.line) == (p.file, p.line)
                and last.message.endswith(ASK) and p.message.endswith(ASK) and p.message.startswith("已公开的")):
            change = p.message.removeprefix("已公开的").removesuffix(ASK)
            if change.startswith(p.field):
                change = _after(last.field, p.field) + change[len(p.field):]
            out[-1] = replace(last, message=f"{last.message.removesuffix(ASK)}、{change}{ASK}")
        else:
            out.append(p)
    return out


def _after(first: str, label: str) -> str:
    """`label` as said after `first` in one message: the indicator or the row they share named once
    (「供餐学校数」权重 …、实际值 …; 「主要问题 · 第2条 · 整改措施 · 第1条 · 整改状态」 …、完成日期 …)."""
    row = first[: first.find("」") + 1]
    if row.startswith("「") and label.startswith(row) and label != row:
        return label[len(row):]
    head = first[: first.rfind(" · ") + 3]
    if " · " in first and label.startswith(head) and label.endswith("」"):
        return label[len(head):-1]
    return label


def _with_results(found: list[Problem], moved: list[tuple[tuple[object, ...], Cell, Cell]],
                  after: Published, file: str) -> list[Problem]:
    """`found` with the moved 总分/等级 said once: in the first message when the document's written
    cells changed (the clerk's edit), else as an error of their own on the `reported` line."""
    if not moved:
        return found

    def result(then: str) -> str:
        return "、".join(f"{LABEL[str(key[0])]}{'' if i else then}由 {was[0]} 改为 {now[0]}"
                        for i, (key, was, now) in enumerate(moved))
    at = next((i for i, p in enumerate(found) if p.message.endswith(ASK)), None)
    if at is None:  # nothing else changed, or only what has a message of its own (a rename, a withdrawal)
        return [*found, Problem(Severity.ERROR, f"已公开的{result('')}{ASK}", file=file,
                                line=after.problems.line_of(moved[0][2][1]), field=LABEL[str(moved[0][0][0])])]
    others = f"连同本文件另外 {len(found) - 1} 处改动，" if len(found) > 1 else ""
    message = f"{found[at].message.removesuffix(ASK)}，{others}{result('随之')}{ASK}"
    return [*found[:at], replace(found[at], message=message), *found[at + 1:]]


def _row_keys(key: tuple[object, ...]) -> list[tuple[object, ...]]:
    """The keys of the rows (NAMED_ROWS, PLACED_ROWS) a cell is in, outermost first: up to each
    (一级, 二级, 名称, n); a 整改措施's are its finding's and its own."""
    return [key[: i + 1] for i, part in enumerate(key) if isinstance(part, tuple)]


def _rows(cells: Mapping[tuple[object, ...], Cell]) -> set[tuple[object, ...]]:
    return {row for key in cells for row in _row_keys(key)}


def _whole_rows(whole: Mapping[tuple[object, ...], tuple[Cell | None, Cell | None]], after: Published,
                file: str) -> list[Problem]:
    """One message a row taken out or added; a row taken out and one added at the same place of
    the same table are one: renamed, or another indicator put in its place (the clerk knows which)."""
    added = {row: now for row, (_, now) in whole.items() if now is not None}
    out: list[Problem] = []
    for row, (was, now) in whole.items():
        if now is not None:
            continue
        assert was is not None
        place = was[1][len(row) - 1]
        twin = next((new for new, cell in added.items()
                     if new[:-1] == row[:-1] and cell[1][len(new) - 1] == place), None)
        if twin is None:
            out.append(_whole_row(row, None, after, was, file))
            continue
        cell = added.pop(twin)
        line, where_file = _line(after, cell[1][: len(twin)])
        hint = ("" if row[-1][2] == twin[-1][2] or twin[-2] in PLACED_ROWS
                else "（若是改名，写明原名和新名；若是换了一项指标，写明删去和新增的原因）")
        out.append(Problem(Severity.ERROR, f"已公开的{_row_change(row, twin, cell[1])}{ASK}{hint}",
                           file=where_file or file, line=line, field=_row_what(twin, cell[1])))
    return out + [_whole_row(row, now, after, None, file) for row, now in added.items()]


def _row_change(old: tuple[object, ...], new: tuple[object, ...], where: tuple[object, ...]) -> str:
    """「绩效指标「供餐学校数」改为「供餐学校数量」」, or the 一级/二级 it moved under; a finding's or
    measure's text (its key) quoted where it differs: 「整改措施第1条由 「…」 改为 「…」」."""
    was, now = old[-1], new[-1]
    assert isinstance(was, tuple) and isinstance(now, tuple)
    levels = PLACED_ROWS.get(str(new[-2]), ("一级指标", "二级指标"))
    if was[2] == now[2] or (new[-2] in PLACED_ROWS and not (was[2] and now[2])):
        moved = [f"{levels[i]}由 {was[i] or '（空）'} 改为 {now[i] or '（空）'}" for i in (0, 1) if was[i] != now[i]]
        return f"{_row_what(new, where)}的{'、'.join(moved[: 1 if new[-2] not in PLACED_ROWS else 2])}"
    if new[-2] in PLACED_ROWS:
        return f"{_row_what(new, where)}由 {' 改为 '.join(_differing(str(was[2]), str(now[2])))}"
    return f"{_row_what(old, where)}改为「{_row_name(now)}」"


def _row_what(row: tuple[object, ...], where: tuple[object, ...]) -> str:
    """「绩效指标「供餐学校数」」; 「主要问题第2条的整改措施第1条」 (PLACED_ROWS: by place in `where`, the
    data path of one of its cells)."""
    if row[-2] not in PLACED_ROWS:
        return f"{LABEL.get(str(row[-2]), row[-2])}「{_row_name(row[-1])}」"
    return "的".join(f"{LABEL.get(str(row[i - 1]), row[i - 1])}第{int(str(where[i])) + 1}条"
                     for i, part in enumerate(row) if isinstance(part, tuple))


def _whole_row(row: tuple[object, ...], now: Cell | None, after: Published, was: Cell | None, file: str) -> Problem:
    """「在已公开的表中新增了绩效指标「X」」 or 「删去了已公开的绩效指标「X」」."""
    what = _row_what(row, (now or was or ("", ()))[1])
    if now is not None:
        line, where_file = _line(after, now[1][: len(row)])
        change = f"在已公开的表中新增了{what}"
    else:
        line, where_file = after.problems.line_of(was[1][: len(row) - 1] if was else ()), file
        change = f"删去了已公开的{what}"
    return Problem(Severity.ERROR, f"{change}{ASK}", file=where_file or file, line=line, field=what)


def _row_name(identity: object) -> str:
    assert isinstance(identity, tuple)
    return str(identity[2] or identity[1] or identity[0])


def _words(text: str) -> list[str]:
    """A text as a reader reads it: a line wrapped or an indent changed is not a change."""
    return text.split()


SHOWN = 40
"""Characters of a changed text quoted in a message, around its first difference."""


def _differing(was: str, now: str) -> tuple[str, str]:
    """The two texts, or where a long one first differs (「…原表漏计新建的一所学校…」)."""
    if len(was) <= SHOWN and len(now) <= SHOWN:
        return was, now
    at = next((i for i, (a, b) in enumerate(zip(was, now, strict=False)) if a != b), min(len(was), len(now)))
    start = max(0, at - 10)

    def cut(text: str) -> str:
        part = text[start:start + SHOWN]
        return f"「{'…' if start else ''}{part}{'…' if start + SHOWN < len(text) else ''}」"
    return cut(was), cut(now)


def _line(doc: Published, where: tuple[object, ...]) -> tuple[int | None, str]:
    """The line of a cell: in the YAML, or in the indicator CSV (the row) when the table is there."""
    if doc.csv_lines is not None and where[:1] == ("indicators",) and len(where) > 1 and isinstance(where[1], int):
        return doc.csv_lines.get(where[1]), doc.csv_file
    return doc.problems.line_of(where), ""


def _held_since(root: Path, rev: str, old: str) -> str:
    """The Beijing day of the last commit at or before `rev` that wrote `old` (a path relative to
    `root`): asked only of a document that adds a 更正记录 (a few a commit), "" when git cannot say."""
    done = _git(root, "log", "-1", "--format=%ct", rev, "--", old)
    stamp = done.stdout.decode("ascii", "replace").strip()
    if done.returncode != 0 or not stamp.isdigit():
        return ""
    return dt.datetime.fromtimestamp(int(stamp), PUBLISHER_TIME).date().isoformat()


def _removed(root: Path, old: str, rev: str, base: Path) -> Problem:
    return Problem(Severity.ERROR, f"本文件在 {rev} 时已经公开，现在被删除了：已公开的信息不能悄悄撤下。"
                   f"请保留文件，把 validity（时效性）改为 {'或'.join(WITHDRAWN)}，并在 corrections 中写明日期、"
                   "撤下的内容和原因；若只是移动或改名，请用 git mv（或 git add 新文件），内容不变", file=relpath(root / old, base))


# Reading a document as published -------------------------------------------------------------

def _same_data(old: Path, new: Path) -> bool:
    """Whether two versions of a document hold the same values under the same file name (its
    default id): then they publish the same, and neither is scored. A comment, a blank line or
    a re-indented block changes the bytes only; reading the YAML costs about a third of reading,
    scoring and projecting a 自评 (0.9 of 2.6 ms, 1,000 files)."""
    if old.name != new.name:
        return False
    try:
        before, after = old.read_bytes(), new.read_bytes()
        if before == after:
            return True
        a, b = load_yaml_text(before.decode("utf-8")), load_yaml_text(after.decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        return False
    return not a.problems and not b.problems and a.data is not None and _as_written(a.data) == _as_written(b.data)


def _as_written(value: object) -> object:
    """Values with each number as its text: ``1e3`` and ``1000`` are equal numbers, published
    differently (perfsite.decimals.Written)."""
    if isinstance(value, Decimal):
        return ("#", written(value))
    if isinstance(value, dict):
        return {k: _as_written(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_written(v) for v in value]
    return value


def _read(path: Path, root: Path, site: SiteConfig, base: Path) -> Published | None:
    """The cells one file publishes, None when it cannot be read (its errors are check's)."""
    try:
        doc, problems = read_document(path, site, base)
    except Exception:  # a file that fails to read at REV was not published; now, check reports it
        return None
    if doc is None:
        return None
    if isinstance(doc, Programme):
        written = {row.value for row, line in doc.budget.rows.items() if line.total is not None} if doc.budget else set()
        tree: dict[str, Any] = _self_evaluation(make_record(score_programme(doc, site, problems)), written)
    elif isinstance(doc, TargetTable):
        tree = _fields(make_target_record(doc, []))
    elif isinstance(doc, EvaluationReport):
        tree = _fields(make_report_record(doc, []))
        table = tree.pop("table")
        if table:  # its indicators are the file's top-level `indicators`: one cell each, not a second copy
            tree.update((k, v) for k, v in table.items() if k not in {"headline", "subtotals"})
    elif isinstance(doc, Rectification):
        tree = _fields(make_rectification_record(doc, []))
    elif isinstance(doc, DepartmentDocument):
        tree = {**department_fields(doc), "disclosure": published_disclosure(doc.disclosure)}
        if doc.evaluation is not None:
            rec = make_record(doc.evaluation)
            tree.update(total=rec.total, grade=rec.grade, reported_total=rec.reported_total,
                        reported_grade=rec.reported_grade, indicators=rec.indicator_rows())
        if doc.targets is not None:
            tree["indicators"] = list(make_target_record(doc.targets, []).indicators)
    else:
        return None
    disclosure = tree.get("disclosure") or {}
    corrections = tuple((c["date"], c["what"], c["why"]) for c in disclosure.get("corrections", ()))
    cells: dict[tuple[object, ...], Cell] = {}
    _flatten(tree, (), (), cells)
    for i, rename in enumerate(getattr(doc, "renamed", ())):
        # the years page reads these (改名, not 不再列入 and 新列入): one cell each, by the old name
        cells[("renamed", " / ".join(rename.old))] = (" / ".join(rename.new), ("renamed", i))
    csv_lines, csv_file = None, ""
    csv_path = getattr(doc, "csv_path", None)
    if isinstance(csv_path, Path):
        csv_file = relpath(csv_path, base)
        csv_lines = read_indicator_csv(csv_path, csv_file)[1]
    return Published(cells, corrections, str(tree.get("published") or ""), problems, bool(tree.get("sample")), csv_lines, csv_file)


def _fields(record: Any) -> dict[str, Any]:
    return {f.name: getattr(record, f.name) for f in fields(record) if not f.name.endswith("_path")}


def _self_evaluation(record: Any, totals: set[str]) -> dict[str, Any]:
    """A 自评 record as cells: the budget's written rows by row and column (derived rows, the 小计
    column, and a row's 年度总金额 unless it is written (`totals`: the rows whose is) follow
    from them), the sections by title."""
    tree = _fields(record)
    for name in ("derived", "renamed", "indicators", "sections", "budget"):
        tree.pop(name)
    tree["indicators"] = record.indicator_rows()
    tree["sections"] = dict(record.sections)
    table = record.budget_table()
    if table is not None:
        rows = {row["key"]: {c: v for c, v in row["cells"].items()
                             if c != "subtotal" and (c != "total" or row["key"] in totals)}
                for row, (_, _, _, derived, _) in zip(table["rows"], BUDGET_ROWS, strict=True) if not derived}
        tree["budget"] = {"unit": table["unit"], "rate_basis": table["rate_basis"], **rows}
    return tree


def _flatten(value: Any, key: tuple[object, ...], where: tuple[object, ...],
             out: dict[tuple[object, ...], Cell]) -> None:
    """Cells by identity: a key path in which an indicator is named by its 一级/二级/名称 (a
    finding, measure or 建议 by its key, PLACED_ROWS; each with its place among equal keys), so a
    row added or moved leaves the others' cells as they were; `where` is the path in the data file."""
    if isinstance(value, Mapping):
        for name, item in value.items():
            if (name in DERIVED and (key[-2:-1], name) not in WRITTEN_IN) or (len(key) > 1 and (key[-2], name) in DERIVED_IN):
                continue
            if not key and name in TOP_YAML:
                at = TOP_YAML[name]
            else:
                step = YAML_KEY.get(name, name)
                at = where if step is None else (*where, step)
            _flatten(item, (*key, name), at, out)
    elif isinstance(value, list | tuple):
        if key[-1:] and (key[-1] in NAMED_ROWS or key[-1] in PLACED_ROWS) and all(isinstance(r, Mapping) for r in value):
            seen: dict[tuple[str, str, str], int] = {}
            for i, row in enumerate(value):
                who = _row_key(str(key[-1]), row)
                seen[who] = seen.get(who, 0) + 1
                _flatten(row, (*key, (*who, seen[who])), (*where, i), out)
        elif key[-1:] and key[-1] in PLACED_ROWS and all(isinstance(r, str) for r in value):
            texts: dict[str, int] = {}
            for i, text in enumerate(value):  # a row that is its text: edited, it is taken out and put back
                texts[text] = texts.get(text, 0) + 1
                out[(*key, ("", "", text, texts[text]))] = (_text(text), (*where, i))
        else:
            for i, item in enumerate(value):
                _flatten(item, (*key, i), (*where, i), out)
    else:
        out[key] = (_text(value), where)


def _row_key(table: str, row: Mapping[str, Any]) -> tuple[str, str, str]:
    """What a row is matched by (NAMED_ROWS, PLACED_ROWS): an indicator's 一级, 二级 and name; a
    finding's source and 问题序号 (or 自评 indicator), its problem's text only when it has neither;
    a measure's text."""
    if table == "findings":
        ref = row.get("item") or row.get("indicator") or ""
        return str(row.get("source") or ""), str(ref), "" if ref else str(row.get("problem") or "")
    if table == "measures":
        return "", "", str(row.get("measure") or "")
    return row.get("level1") or "", row.get("level2") or "", row.get("name") or ""


def _text(value: object) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _label(key: tuple[object, ...], where: tuple[object, ...]) -> str:
    """「满意度」实际值, 「预算执行情况 · 全年执行数 · 中央」, 「主要问题 · 第2条」 (a 整改's rows by their
    place in `where`, the cell's data path)."""
    if len(key) == 3 and key[0] == "budget":
        return f"「预算执行情况 · {_ROW_LABEL.get(str(key[1]), key[1])} · {COLUMN_LABEL.get(str(key[2]), key[2])}」"
    words: list[str] = []
    named = ""
    for i, part in enumerate(key):
        if isinstance(part, tuple) and key[i - 1] in PLACED_ROWS:
            words.append(f"第{int(str(where[i])) + 1}条")
        elif isinstance(part, tuple):
            named, words = _row_name(part), []
        elif isinstance(part, int):
            words.append(f"第{part + 1}条")
        else:
            words.append("合计" if part == "total" and i else LABEL.get(str(part), str(part)))
    if named:
        return f"「{named}」{words[-1] if words else ''}"
    return f"「{' · '.join(words)}」"


_ROW_LABEL = {key: label for key, label, *_ in BUDGET_ROWS}


# Git -----------------------------------------------------------------------------------------

Change = tuple[str, str | None, str | None]
"""(status letter, old path, new path), relative to the data folder; None where there is none."""


def _git(root: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], cwd=root, input=stdin, capture_output=True, check=False)


def check_revision(root: Path, rev: str) -> str | None:
    """None when `root` is in a git repository where `rev` names a commit (or the repository has no
    commit yet and `rev` is HEAD); else the one sentence saying why the comparison cannot be made."""
    if shutil.which("git") is None:
        return "找不到 git 命令：--since 要用 git 读取已公开的版本，请安装 git，或去掉 --since"
    inside = _git(root, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != b"true":
        return f"{root} 不在 git 仓库中：--since 比较的是已提交的版本，请在数据仓库中运行，或去掉 --since"
    if not rev.startswith("-") and _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode == 0:
        return None  # a leading "-" would be read as an option by the git commands that follow
    if rev == "HEAD" and not _git(root, "rev-list", "-n", "1", "--all").stdout.strip():
        return None  # the first commit: nothing is published yet
    return (f"git 仓库中找不到版本「{rev}」：请给出已公开的那次提交（如 origin/main、HEAD~1 或标签）；"
            "在 CI 中请拉取完整历史（GitHub：actions/checkout 的 fetch-depth: 0）")


def _diff(root: Path, rev: str) -> list[Change] | None:
    """What changed under `root` between `rev` and the working tree, renames followed; None when the
    repository has no commit yet."""
    if _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode != 0:
        return None
    done = _git(root, "diff", "--name-status", "-M", "-z", "--relative", rev, "--", ".")
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip())
    words = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    out: list[Change] = []
    i = 0
    while i < len(words) and words[i]:
        status = words[i][0]
        if status in "RC":
            out.append((status, words[i + 1], words[i + 2]))
            i += 3
        else:
            path = words[i + 1]
            out.append((status, None if status == "A" else path, None if status == "D" else path))
            i += 2
    return out


def _ls_tree(root: Path, rev: str) -> set[str]:
    done = _git(root, "ls-tree", "-r", "-z", "--name-only", rev, "--", ".")
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip())
    return {p for p in done.stdout.decode("utf-8", "surrogateescape").split("\0") if p}


def _is_document(path: str) -> bool:
    return path.endswith((".yaml", ".yml")) and path.rpartition("/")[2] != SITE_FILE


def _folder(path: str) -> str:
    return path.rpartition("/")[0]


def _documents_to_compare(changes: list[Change], old_files: set[str],
                          root: Path) -> tuple[list[tuple[str, str | None]], set[str]]:
    """(old path, new path or None when removed) of each document published at REV to compare:
    the documents changed or renamed, and those of a folder whose other files changed (an
    indicator CSV, a report's original), which the document reads; and those folders."""
    out: dict[str, str | None] = {}
    touched: set[str] = set()
    for _, old, new in changes:
        if old is not None and _is_document(old) and old in old_files:
            out[old] = new if new is not None and _is_document(new) else None
        for path in (old, new):
            if path is not None and not _is_document(path):
                touched.add(_folder(path))
    for path in old_files:
        if path not in out and _is_document(path) and _folder(path) in touched and (root / path).is_file():
            out[path] = path
    return sorted(out.items()), touched


def _companions(folders: set[str], old_files: set[str]) -> set[str]:
    """The files beside the documents at REV that they may read (an indicator CSV, a report's
    original): every file of their folders other than documents."""
    return {p for p in old_files if not _is_document(p) and _folder(p) in folders}


def _extract(root: Path, rev: str, paths: list[str], into: Path) -> None:
    """Write each path's bytes at `rev` under `into`: one `git cat-file --batch` for all."""
    if not paths:
        return
    prefix = _git(root, "rev-parse", "--show-prefix").stdout.decode("utf-8", "surrogateescape").strip()
    asked = "".join(f"{rev}:{prefix}{p}\n" for p in paths).encode("utf-8", "surrogateescape")
    done = _git(root, "cat-file", "--batch", stdin=asked)
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip())
    data, at = done.stdout, 0
    for path in paths:
        end = data.index(b"\n", at)
        head = data[at:end].split()
        at = end + 1
        if len(head) < 3 or head[1] != b"blob":
            continue
        size = int(head[2])
        target = into / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data[at:at + size])
        at += size + 1

