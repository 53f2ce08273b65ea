"""A Word report and an Excel form of the same programme in one batch: written once, compared.

Units often hand in both: the 自评报告 (.docx, with the prose) and the 自评表 (.xlsx) it
contains. Two files of one programme would be two files with one (name, department, year),
which `perfsite check` refuses; so the Word report is written (it has the sections) and every
figure both files state is compared: indicator count, each indicator's 分值 and 得分, the
published total and the budget totals. Differences are reported on both files, never resolved.

When the Word report has no indicator table (the 自评表 was handed in only as the Excel file),
the form is written and the report's sections go into it: the programme gets both.

Two files of one programme that are not such a pair (a form and its 修改稿, one form in several
formats) are compared the same way, with each indicator's 年度指标值 and 实际完成值 too (`same_forms`).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from perfsite.decimals import parse_decimal, plain
from perfsite.ids import Identity, identity
from perfsite.importing.assemble import total_of
from perfsite.importing.grid import without_mark
from perfsite.importing.labels import MONEY_EXPONENT, bare
from perfsite.importing.row_evaluation import checks_a_form, score_word, whose
from perfsite.kinds import DocumentKind
from perfsite.problems import FIELD_LABEL
from perfsite.reader import split_subtotal
from perfsite.values import UNSTATED

if TYPE_CHECKING:
    from perfsite.importing.assemble import Draft
    from perfsite.importing.bulk import SummaryRow
    from perfsite.importing.pipeline import Prepared

REPORT_KIND = str(DocumentKind.EVALUATION_REPORT)
UNKNOWN_DEPARTMENT = ("", "未载明")
"""A department the file does not state matches any department."""
BUDGET_KEYS = (("initial", "年初预算数"), ("budget", "全年预算数"), ("funded", "实际到位资金"), ("spent", "全年执行数"))
REGION_ENDS = tuple("省市县区旗州盟")
_NOT_NAME = re.compile(r"[^0-9a-z\u3400-\u9fff]+")


def same_programme(prepared: list[Prepared]) -> None:
    """Mark each non-Word file that repeats a Word report of the batch, and compare the two; choose
    between two versions of one form (`same_forms`); give the sections of a Word report without
    indicators to the form of its programme. A 绩效目标表
    (or any document with a `kind`: 整改, 部门整体) is another document of its programme, never one of these pairs."""
    selves = [item for item in prepared if item.draft is None or "kind" not in item.draft.data]
    _compare_forms(selves)
    same_forms(selves)  # before the prose is given: to the 修改稿 written, not to none of two forms
    _give_prose(selves)


def _compare_forms(prepared: list[Prepared]) -> None:
    words: dict[str, list[Prepared]] = {}
    for item in prepared:
        if item.draft is not None and item.report.source.suffix.lower() == ".docx":
            words.setdefault(str(item.draft.data.get("year")), []).append(item)
    for item in prepared:
        if item.draft is None or item.report.source.suffix.lower() == ".docx":
            continue
        word = next((w for w in words.get(str(item.draft.data.get("year")), [])
                     if _same_name(_name(w.draft), _name(item.draft)) and _same_department(w.draft, item.draft)), None)
        if word is None:
            continue
        assert word.draft is not None
        differences = compare(word.draft, item.draft)
        other, this = item.report.source.name, word.report.source.name
        item.report.same_as = word.report.source
        item.report.unplaced = not_said(item.report.unplaced, word.report.unplaced)
        item.report.found = [f"与「{this}」是同一项目：以 Word 报告为准（它有正文），本文件只用于核对，未另写文件"]
        item.report.notes = [*still_asked(item.report.notes, word.draft.notes), *(f"与「{this}」不一致：{d}" for d in differences)]
        _say_left_out(word, item)
        if differences:
            word.draft.notes.extend(f"与同一项目的「{other}」不一致：{d}" for d in differences)
        else:
            word.draft.found.append(f"核对：同一项目的「{other}」的指标、分值、得分和总分与本报告一致")
        word.draft.comment(("source",), f"同一项目的「{other}」已与本报告核对"
                           + (f"，有 {len(differences)} 处不一致（见导入结果）。" if differences else "，一致。"))


ASKS = "请"
"""What a note that asks someone to act says: 「请单位把扩展名改回 .xlsx」, 「请向填报单位索取…」, 「请核对」."""


def still_asked(notes: list[str], said: list[str]) -> list[str]:
    """The notes of a file merged into another (not written itself) that still reach the clerk, in its
    own section: those asking someone to act (`asks`: rename the file, fill it in, check a figure), for
    it is the unit's file all the same, unless the file written says the same. How the file was read
    (「原表的金额单位是元，各金额已换算为万元」) is moot: its figures are not the ones written, and
    where they differ the comparison says so."""
    return [note for note in dict.fromkeys(notes) if asks(note) and note not in said]


_QUOTED = re.compile(r"「[^「」]*」")


def asks(note: str) -> bool:
    """Whether a reader's note asks the clerk to act: it says 「请」 in its own words. Every such note of the
    readers says it: of the 303 places the readers add a note spelt out there, 10 use a word like 核对, 改为 or
    应 without a 「请」, and each of these only tells how a cell was read or that a check matched. A 「请」 within 「…」 is the
    file's text quoted (a column 「年度资金申请总额」, a template's 「请填写实际完成值」), no request of ours."""
    while (unquoted := _QUOTED.sub("", note)) != note:
        note = unquoted
    return ASKS in note


def not_said(unplaced: list[str], said: list[str]) -> list[str]:
    """The 「未能归位的内容」 of a file merged into another that the file written does not list too: they are
    in neither file's result and are still the clerk's to look at (each is 「where：text」, compared by text).
    Cleared, an original's stray 「备注：…」 cell, with its 修改稿 written instead, would never be said."""
    texts = {entry.split("：", 1)[-1] for entry in said}
    return [entry for entry in unplaced if entry.split("：", 1)[-1] not in texts]


LEFT_OUT_SHOWN = 8
"""Items of what a merged file alone holds named one by one (the rest counted): a 自评表 of 30 indicators each
with a 偏差原因 the Word report lacks would fill the report."""


def left_out(kept: Draft, merged: Draft) -> list[str]:
    """What `merged` (a file of the same programme, not written) states and `kept` (written) does not: a
    top-level key (正文章节, 预算执行情况), or a key of an indicator both list (its 偏差原因, 评分标准), named by
    its indicator. Figures both state and state differently are `compare`'s; these have no place at all."""
    out = [FIELD_LABEL.get(key, key) for key, value in merged.data.items()
           if key not in _NOT_CONTENT and _stated(value) and not _stated(kept.data.get(key))]
    theirs = _by_name(_indicators(merged))
    for key, mine in _by_name(_indicators(kept)).items():
        other = theirs.get(key)
        if other is None:
            continue
        missing = [FIELD_LABEL.get(key, key) for key, value in other.items() if _stated(value) and not _stated(mine.get(key))]
        out += [f"指标「{mine.get('name')}」的{'、'.join(missing)}"] if missing else []
    return out


_NOT_CONTENT = frozenset({"source", "id", "series", "sample"})
"""Keys that say where a file came from, not what the form states."""


def _stated(value: object) -> bool:
    """Whether a value says something: a Word report's 「未载明」 department says nothing its form's department is not."""
    return value not in (None, "", [], {}, UNSTATED)


def _say_left_out(kept: Prepared, merged: Prepared) -> None:
    """`left_out` said on both files' reports: on the one written, naming the file it is in, and on that file."""
    assert kept.draft is not None and merged.draft is not None
    items = left_out(kept.draft, merged.draft)
    if not items:
        return
    listed = "；".join(items[:LEFT_OUT_SHOWN]) + (f"等 {len(items)} 处" if len(items) > LEFT_OUT_SHOWN else "")
    this, other = kept.report.source.name, merged.report.source.name
    kept.draft.notes.append(f"同一项目的「{other}」有而本文件没有的内容，未写入：{listed}。如需要，请从「{other}」补入导入的文件")
    merged.report.notes.append(f"本文件有而「{this}」没有的内容，未写入：{listed}。如需要，请从本文件补入「{this}」导入的文件")


def _give_prose(prepared: list[Prepared]) -> None:
    for word in prepared:
        if word.prose is None:
            continue
        forms = [i for i in prepared if i.draft is not None and i.report.same_as is None and not i.report.failure
                 and i.report.source.suffix.lower() != ".docx" and "sections" not in i.draft.data
                 and str(i.draft.data.get("year")) == word.title["year"] and _same_name(word.title["name"], _name(i.draft))]
        if len(forms) != 1:  # none, or two departments' forms of one name: not ours to choose
            continue
        form, sections = forms[0], word.prose.sections
        assert form.draft is not None
        _insert_sections(form.draft, sections)
        this, other = word.report.source.name, form.report.source.name
        form.draft.comment(("sections",), f"正文取自同一项目的 Word 报告「{this}」（它没有指标表，指标等取自本文件）。")
        form.draft.found.append(f"正文：{len(sections)} 个章节，取自同一项目的 Word 报告「{this}」")
        word.report.failure, word.report.same_as = "", form.report.source
        word.report.notes = still_asked(word.report.notes, form.draft.notes)
        word.report.found = [f"没有指标表：正文 {len(sections)} 个章节写入同一项目的「{other}」导入的文件（指标取自该文件）"]
        if word.report.unplaced:  # its tables, none of them an indicator table, are read by no one
            word.report.notes.append("本文件中的表格都不是指标表，没有导入：其内容列在「未能归位的内容」中，"
                                     f"请核对是否需要补入「{other}」导入的文件")


def _insert_sections(draft: Draft, sections: list[tuple[str, str]]) -> None:
    """Sections in the contract's place: after the facts, before budget and indicators."""
    items = list(draft.data.items())
    at = next((n for n, (key, _) in enumerate(items) if key in ("budget", "groups", "indicators", "reported")), len(items))
    items.insert(at, ("sections", dict(sections)))
    draft.data.clear()
    draft.data.update(items)


def compare(word: Draft, other: Draft, against: str = "Word 报告", versions: bool = False) -> list[str]:
    """Every figure both drafts state and state differently, in Chinese, the figure of `word` second
    (named `against`). With `versions` (two versions of one form) also each indicator's 年度指标值 and
    实际完成值 (a 修改稿 may change 98% to 96% and nothing else; a Word report's wording of them is its
    own), and a total one states and the other does not (a print area that leaves the 总分 row out)."""
    out: list[str] = []
    mine, theirs = _indicators(word), _indicators(other)
    if len(mine) != len(theirs):
        out.append(f"指标 {len(theirs)} 项，{against} {len(mine)} 项")
    by_name = _by_name(mine)
    for key, item in _by_name(theirs).items():
        name = str(item.get("name", ""))
        match = by_name.get(key)
        if match is None:
            out.append(f"指标「{name}」不在{' ' if against[:1].isascii() else ''}{against}中")  # 不在 Word 报告中
            continue
        for key, label in (("weight", "分值"), ("score", "得分")):
            a, b = _number(item.get(key)), _number(match.get(key))
            if a is not None and b is not None and a != b:
                out.append(f"指标「{name}」的{label}为 {item.get(key)}，{against}为 {match.get(key)}")
        for key, label in TEXT_KEYS if versions else ():
            a, b = (str(x.get(key) or "").strip() for x in (item, match))
            if a != b:
                out.append(f"指标「{name}」的{label}为「{a}」，{against}为「{b}」")
    a, b = _number(_reported(other)), _number(_reported(word))
    if a is not None and b is not None and a != b:
        out.append(f"总分为 {_reported(other)}，{against}为 {_reported(word)}")
    elif versions and (a is None) != (b is None):
        out.append(f"总分{'未写明' if a is None else f'为 {_reported(other)}'}，"
                   f"{against}{'未写明' if b is None else f'为 {_reported(word)}'}")
    budgets = (other.data.get("budget"), word.data.get("budget"))
    if all(isinstance(b, dict) for b in budgets):
        units = [str(b.get("unit") or "万元") for b in budgets]  # type: ignore[union-attr]
        shifts = [MONEY_EXPONENT.get(unit, 4) for unit in units]
        for key, label in BUDGET_KEYS:
            x, y = (total_of(b.get(key)) for b in budgets)  # type: ignore[union-attr]
            if x is not None and y is not None and x.scaleb(shifts[0]) != y.scaleb(shifts[1]):
                shown = (f" {units[0]}", f" {units[1]}") if units[0] != units[1] else ("", "")
                out.append(f"{label}合计为 {x}{shown[0]}，{against}为 {y}{shown[1]}")
    return out


TEXT_KEYS = (("target", "年度指标值"), ("actual", "实际完成值"))
LATER = re.compile(r"修改稿|修订稿|修正稿|修改版|修订版|更正|定稿|终稿|最终|最新")
"""What a file name says to mark itself the later version of a form handed in twice (「…（修改稿）.xlsx」).
Not 「修订」 alone: 「（修订和批注）」 is a Word file with its tracked changes, not a second version."""


def same_forms(prepared: list[Prepared]) -> None:
    """Two files of one programme (name, department, year) in one import, neither paired as a Word
    report and its form: a unit's form and its 修改稿, or one form in several formats. Identical in
    every figure, the first is written and the others refused as before (`pipeline.place`). When their
    figures differ the first by file name is not the one to publish (the 修改稿 with 96%/9/99 lost to the
    original's 98%/10/100): the differences are listed on each, and only when the file names of exactly
    one version mark it the later one (`LATER`) is it written, said so; else none is."""
    groups: dict[Identity, list[Prepared]] = {}
    for item in prepared:
        draft = item.draft
        if draft is not None and item.report.same_as is None and not item.report.failure and "kind" not in draft.data:
            groups.setdefault(identity(draft.data.get("name"), draft.data.get("department"), draft.data.get("year")),
                              []).append(item)
    unwritten: dict[Path, Path | None] = {}
    for group in groups.values():
        if len(group) > 1:
            unwritten.update(_versions(group))
    for item in prepared:  # an Excel form compared with a Word report that is now not written itself
        word = item.report.same_as
        if word is None or word not in unwritten or item.report.source in unwritten:
            continue
        if (later := unwritten[word]) is None:
            item.report.same_as = None
            item.report.failure = f"与它核对的「{word.name}」没有写出（同一项目的几份数字不同，见该文件）：本文件也没有写出"
        else:
            item.report.same_as = later
            item.report.found.append(f"与它核对的「{word.name}」未写出：同一项目按「{later.name}」写出")


def _versions(group: list[Prepared]) -> dict[Path, Path | None]:
    """The files of `group` not written → the one written instead (None: none is)."""
    versions: list[list[Prepared]] = []
    for item in group:
        same = next((v for v in versions if not _differences(v[0], item)), None)
        if same is None:
            versions.append([item])
        else:
            same.append(item)
    if len(versions) == 1:
        return {}  # one form handed in twice: the first is written, `pipeline.place` refuses the others
    marked = [v for v in versions if any(_later(i) for i in v)]
    if len(marked) == 1:
        later = next(i for i in marked[0] if _later(i))
        _take_later(later, [i for i in group if i is not later], versions)
        return {i.report.source: later.report.source for i in group if i is not later}
    draft = group[0].draft
    assert draft is not None
    what = f"{draft.data.get('year')} 年「{draft.data.get('name')}」，{draft.data.get('department')}"
    for item in group:
        others = [v[0] for v in versions if item not in v]
        names = "、".join(f"「{o.report.source.name}」" for o in others)
        item.report.failure = (f"与本次导入的{names}是同一项目（{what}），但数字不同，不知道公布的是哪一份，都没有写出："
                               "请核对后只导入最终的一份（或在它的文件名中注明「修改稿」，一起导入时按它写出）")
        item.report.notes.extend(f"与「{o.report.source.name}」不一致：{d}" for o in others for d in _differences(o, item))
    return dict.fromkeys((i.report.source for i in group), None)


def _take_later(later: Prepared, rest: list[Prepared], versions: list[list[Prepared]]) -> None:
    assert later.draft is not None
    name, word = later.report.source.name, _later(later)
    for item in rest:
        differences = _differences(later, item)
        how = "数字不同" if differences else "内容相同"
        item.report.same_as = later.report.source
        item.report.unplaced = not_said(item.report.unplaced, later.report.unplaced)
        item.report.found = [f"与「{name}」是同一项目，{how}：按文件名注明「{word}」的那一份写出，本文件未写出"]
        item.report.notes = [*still_asked(item.report.notes, later.draft.notes), *(f"与「{name}」不一致：{d}" for d in differences)]
        _say_left_out(later, item)
    earlier = [v[0] for v in versions if later not in v]
    for other in earlier:
        later.draft.notes.extend(f"与同一项目的「{other.report.source.name}」不一致：{d}"
                                 for d in _differences(other, later))
    listed = "、".join(f"「{o.report.source.name}」" for o in earlier)
    later.draft.found.append(f"同一项目另有{listed}，数字不同：本文件的文件名注明「{word}」，按本文件写出")
    later.draft.comment(("source",), f"同一项目另有{listed}（数字不同），按文件名注明「{word}」的本文件写出。")


def against_summaries(prepared: list[Prepared]) -> None:
    """Each programme written in this batch against its row of a 汇总表 handed in with it (alone, or as
    a sheet of a programme's workbook): the published total and grade, a difference said on both. A
    summary of 100 beside a 修改稿 of 99 (or a form whose print area left the total out) is what the
    clerk must look at; rows whose programme came without its 自评表 are listed on the summary."""
    held = [(item, summary) for item in prepared for summary in item.summaries]
    if not held:
        return
    by_name: dict[str, list[Prepared]] = {}  # a county's summary of thousands of rows: not rows × forms comparisons
    for item in prepared:
        if (item.draft is not None and item.report.same_as is None and not item.report.failure
                and item.draft.data.get("kind") in (None, REPORT_KIND)):  # a 自评表 or an evaluation report
            key = _name_key(_name(item.draft))
            for tail in dict.fromkeys([key, *_region_tails(key)]):
                by_name.setdefault(tail, []).append(item)
    for holder, summary in held:
        checked, missing, differ, other = 0, [], [], []
        for row in summary.rows:
            key = _name_key(row.name)
            near = {id(form): form for tail in [key, *_region_tails(key)] for form in by_name.get(tail, [])}
            on_row = [form for form in near.values() if _on_row(row, summary.year, form.draft)]
            matches = [form for form in on_row if _alike(row, form.draft)]
            for form in on_row:
                if form not in matches and form.draft is not None:
                    form.draft.found.append(f"汇总表「{summary.file}」{row.where}是{whose(row.evaluation)}，不是本文件的：未核对")
                    other.append(f"{row.where}「{row.name}」是{whose(row.evaluation)}，与「{form.report.source.name}」未核对")
            if not matches:
                missing.append(row.name if checks_a_form(row.evaluation) else f"{row.name}（{row.evaluation}，评价报告）")
            checked += bool(matches)
            for form in matches:  # one programme's identical files, the later refused as before: each told
                assert form.draft is not None
                where = f"汇总表「{summary.file}」{row.where}"
                differences, compared = _row_differences(row, form.draft)
                if differences:
                    form.draft.notes.extend(f"与{where}不一致：{d}" for d in differences)
                    differ.extend(f"{row.where}「{row.name}」与「{form.report.source.name}」不一致：{d}" for d in differences)
                elif compared:
                    form.draft.found.append(f"核对：与{where}的{compared}一致")
        report = holder.report
        report.found.extend(f"核对：汇总表{line}" for line in other)
        what = "自评表" if all(checks_a_form(row.evaluation) for row in summary.rows) else "自评表或评价报告"
        if checked:
            report.found.append(f"核对：汇总表（{summary.label}）中 {checked} 个项目与本次导入的{what}核对，"
                                + (f"{len(differ)} 处不一致" if differ else "一致"))
        report.notes.extend(differ[:SAID])
        if len(differ) > SAID:
            report.notes.append(f"……另有 {len(differ) - SAID} 处不一致，见各项目")
        if missing and (checked or not report.failure):  # a summary alone: its failure names them and asks for the forms
            report.notes.append(f"汇总表（{summary.label}）中 {len(missing)} 个项目本次没有导入（或没有写出）它的{what}，未核对："
                                + "、".join(f"「{name}」" for name in missing[:10]) + ("等" if len(missing) > 10 else ""))


SAID = 20
"""Most differences listed on the summary itself (each is said on its programme too)."""


def _region_tails(key: str) -> list[str]:
    """What `_same_name` also matches a name to: what follows each place-name ending in it (曲沃县小升规 → 小升规)."""
    return [key[n + 1:] for n, ch in enumerate(key[:-1]) if ch in REGION_ENDS]


def _on_row(row: SummaryRow, year: str, draft: Draft | None) -> bool:
    """The row's programme: the same name, department (where both state one) and year (where the summary states one)."""
    if draft is None or not _same_name(row.name, _name(draft)) or (year and str(draft.data.get("year")) != year):
        return False
    x, y = row.department.strip(), str(draft.data.get("department") or "").strip()
    return x == y or x in UNKNOWN_DEPARTMENT or y in UNKNOWN_DEPARTMENT or _same_name(x, y)


def _alike(row: SummaryRow, draft: Draft | None) -> bool:
    """Whether the row's figures are this file's: a 自评's (or unsaid) row a 自评表's, another evaluation's row
    an evaluation report's (`row_evaluation`)."""
    is_report = draft is not None and draft.data.get("kind") == REPORT_KIND
    return is_report != checks_a_form(row.evaluation)


def _row_differences(row: SummaryRow, draft: Draft) -> tuple[list[str], str]:
    """(the differences, what was compared: 「总分和等级」, 「总分」 …; "" for nothing both state)."""
    out, compared = [], []
    reported = draft.data.get("reported")
    score, grade = (reported.get("score"), reported.get("grade")) if isinstance(reported, dict) else (None, None)
    if row.score and (stated := _number(without_mark(row.score))) is not None:
        compared.append("总分")
        if score is None:
            out.append(f"本文件没有公布总分，汇总表的{score_word(row.evaluation)}为 {row.score}")
        elif _number(score) != stated:
            out.append(f"总分为 {score}，汇总表的{score_word(row.evaluation)}为 {row.score}")
    if row.grade and grade:
        compared.append("等级")
        if bare(str(grade)) != bare(row.grade):
            out.append(f"等级为「{grade}」，汇总表为「{row.grade}」")
    return out, "和".join(compared)


def _later(item: Prepared) -> str:
    """The word of the file name that marks it the later version (`LATER`), or "". Not in the programme's
    own name: a part of a file of several programmes is called 「file（第 2 个自评表：name）」."""
    assert item.draft is not None
    found = LATER.search(item.report.source.stem.replace(_name(item.draft), ""))
    return found[0] if found else ""


def _differences(this: Prepared, other: Prepared) -> list[str]:
    """`compare` of two versions of one form, `this` named second."""
    assert this.draft is not None and other.draft is not None
    return compare(this.draft, other.draft, f"「{this.report.source.name}」", versions=True)


FULL_WEIGHT = Decimal(100)
WEIGHT_SUM = "各指标权重之和为 "
LEVEL_SETS = (("决策", "过程", "产出", "效益"), ("产出指标", "效益指标", "满意度指标"))
"""The 一级指标 of the 评价 framework (决策/过程/产出/效益) and of the 财预〔2021〕101号 form; the latter's
预算执行 line (过程指标, 预算执行指标) stands outside them."""


def weight_sums(draft: Draft, items: list[dict[str, object]], where: str, last: str) -> None:
    """Weights that do not add up to 100, said at import with the sum of each 一级指标 and the 一级指标
    the form's template has and this form lacks: a form cut where the stored page ends (金寨's, 南华's:
    tests/forms_trial2) is missing its 效益/满意度 rows, and 「各指标权重之和为 70」 with the written
    YAML's line number does not tell the clerk that. Not said while a weight is missing (its own error)."""
    weights = [parse_decimal(str(item.get("weight"))) if item.get("weight") is not None else None for item in items]
    if not items or any(w is None for w in weights):
        return
    total = sum((w for w in weights if w is not None), Decimal(0))
    if total == FULL_WEIGHT:
        return
    sums: dict[str, Decimal] = {}
    unnamed = 0  # rows without a 一级指标 are summed under "" and named by their count: 「未写一级指标的 3 项 70」
    for item, weight in zip(items, weights, strict=True):
        level = split_subtotal(str(item.get("level1", "")))[0]
        unnamed += not level
        sums[level] = sums.get(level, Decimal(0)) + (weight or 0)
    parts = lacks = ""
    if any(item.get("level1") for item in items):  # a table with no 一级指标 column says nothing by level
        parts = "（" + " + ".join(f"{level or f'未写一级指标的 {unnamed} 项'} {plain(value)}"
                                 for level, value in sums.items()) + "）"
        names = [bare(level) for level in sums if level]
        levels = next((s for s in LEVEL_SETS if "决策" in names or s is LEVEL_SETS[-1]), LEVEL_SETS[-1])
        missing = [word for word in levels if not any(word in name for name in names)]
        lacks = f"；原表可能缺{'、'.join(missing)}" if missing and total < FULL_WEIGHT else ""
    # opens with the check's own words (scoring), so that the import says the check's error once, in these words
    draft.notes.append(f"{WEIGHT_SUM}{plain(total)}，应为 {plain(FULL_WEIGHT)}{parts}{lacks}：请对照原表"
                       + (f"（最后一项指标在 {last}）" if last else f"（{where}）" if where else ""))


def _same_name(a: str, b: str) -> bool:
    """Names equal ignoring punctuation, width, a trailing 项目 and a leading place name: the
    report's title gives “小升规”企业奖励资金 (region 曲沃县), its form 曲沃县"小升规"企业奖励资金项目."""
    x, y = sorted((_name_key(a), _name_key(b)), key=len)
    if not x:
        return False
    return x == y or (y.endswith(x) and y[: len(y) - len(x)].endswith(REGION_ENDS))


def _name(draft: Draft | None) -> str:
    return str(draft.data.get("name", "")) if draft else ""


def _name_key(name: str) -> str:
    return _NOT_NAME.sub("", unicodedata.normalize("NFKC", name).lower()).removesuffix("项目")


def _same_department(a: Draft | None, b: Draft | None) -> bool:
    x, y = (str(d.data.get("department") or "").strip() if d else "" for d in (a, b))
    return x == y or x in UNKNOWN_DEPARTMENT or y in UNKNOWN_DEPARTMENT


def _indicators(draft: Draft) -> list[dict[str, object]]:
    items = draft.data.get("indicators")
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _by_name(items: list[dict[str, object]]) -> dict[tuple[str, int], dict[str, object]]:
    """Indicators by name and occurrence: forms repeat a name (a 三级指标 cell merged with the
    row above), and the second 专项资金平均补助金额 is compared with the second."""
    out: dict[tuple[str, int], dict[str, object]] = {}
    seen: dict[str, int] = {}
    for item in items:
        name = bare(str(item.get("name", "")))
        seen[name] = seen.get(name, 0) + 1
        out[(name, seen[name])] = item
    return out


def _reported(draft: Draft) -> object:
    reported = draft.data.get("reported")
    return reported.get("score") if isinstance(reported, dict) else None


def _number(value: object) -> Decimal | None:
    """A figure as published; a 汇总表's 自评得分 is read without a footnote mark after it (「96.5*」, as
    a form's total): read with it, the row would have no score and its programme would go unchecked without a word."""
    return parse_decimal(str(value)) if value is not None else None
