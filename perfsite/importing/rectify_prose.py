"""Recognise a 整改 report published as prose and read it into the form a 整改情况表 gives.

Bureaus publish rectification mostly as a report, not a table: 「关于2022年度…绩效评价发现问题整改情况的
报告」, with numbered problems (一、… （一）… 1.… （1）…), each followed by what was done
(「整改措施：…」「整改情况：…」, or in the same paragraph after the problem's sentence), sometimes a
programme heading over its problems (「（一）卫生事业发展补助资金项目。」) and a 结果应用 paragraph.
This module only finds those parts and hands them over as the rows of a `RectificationForm`; the
words are read by rectify_form exactly as in a table (`status_of`, `deadline_of`, `application_of`,
`source_of`, `by_programme`, `assemble_rectification`), so a report and a table that say the same
thing make the same file.

A paragraph is read for what it is, never for what it probably means:

- a report is one when its title or its opening says 整改 (「…整改情况的报告」「现将整改情况报告如下」);
  a file with an indicator table is a 自评表 or a 绩效目标表 whatever its prose says;
- a measure's status comes from its own words («整改情况：» when the report has one, else the
  measure's text: 「项目单位已完成整改」); a measure saying none is written without one, and the
  clerk is told;
- a deadline from a 「整改时限：」 line, or a single 「2023年6月底前」 in the measure; a date that is
  history (「截至2021年11月底」「2018年…已全部硬化」) is none;
- an owner only from a 「责任单位：」 line (the subject of a sentence is not read);
- the programme from a 「…项目」 heading, or a title that names one; a report of several programmes
  gives one document each, and the programmes its opening names (“…”“…”) without a section of
  their own are named to the clerk. A report naming none (an audit of a whole budget) is refused
  until the clerk gives --name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from perfsite.importing.docx_reader import Para
from perfsite.importing.grid import Grid, flat
from perfsite.importing.labels import bare
from perfsite.importing.rectify_form import (
    RectificationForm,
    Row,
    application_paragraphs,
    column_of,
    deadline_doubt,
    deadline_of,
    fact_of,
)
from perfsite.importing.report_form import DOCUMENTS
from perfsite.importing.sniff import ImportFailure
from perfsite.importing.target_form import find_targets, is_self_evaluation
from perfsite.importing.text import _DATE, _NUMBERING, ORG

_OPENING = re.compile(r"整改(?:工作|落实)?情况(?:的)?(?:报告|汇报)|整改(?:工作)?报告")
"""The opening of a 整改 report: 「现将整改情况报告如下」, 「…作了《关于…整改情况的报告》」."""
_TITLE_END = re.compile(r"(?:报告|情况|说明|汇报|通报|公告|公示)$")
_SENTENCE = re.compile(r"[。；;，,]")
_FIRST_SENTENCE = re.compile(r"^(.+?[。；;])\s*(.*)$", re.S)
_SECTION_OF_PROBLEMS = re.compile(r"^(?:存在的?|主要|发现的?|反馈的?)?问题(?:及|和|与)?(?:其)?.{0,10}$")
"""「存在问题及整改情况」「主要问题」: a section over the problems, not one of them."""
_PROGRAMME = re.compile(r"^.{2,40}?(?:项目|资金|专项|经费)[。.：:]?$")
"""「（一）卫生事业发展补助资金项目。」「一、农村公路养护项目」: a programme's section (its name less 项目)."""
_QUOTED = re.compile(r"[“\"「]([^”\"」]{2,40})[”\"」]")
_BY_DATE = re.compile(r"((?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:底|末)?|底|末|内|[上下]半年"
                      r"|第?[一二三四1-4]季度末?)?\s*(?:之前|以前|前))")
"""「2023年6月底前」「于2024年前完成」: a date a measure is to be done by (a date without 前 is history),
with its 前, which `deadline_of` needs (「2023年12月前」 is no one day: `deadline_doubt`)."""
_PROBLEM_N = re.compile(r"(?:存在)?问题\s*[一二三四五六七八九十\d]{1,3}")
"""「问题一：…」「问题2：…」: a problem's label with its number."""
MEASURE_KEYS = ("measure", "status")
DETAIL_KEYS = ("owner", "deadline", "evidence")


@dataclass
class _Measure:
    ref: str
    cells: dict[str, str] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)


@dataclass
class _Finding:
    problem: str
    ref: str
    programme: str
    measures: list[_Measure] = field(default_factory=list)
    details: dict[str, tuple[str, str]] = field(default_factory=dict)
    """责任单位/整改时限/佐证材料 lines said before any measure: for the measures that follow."""


def is_rectification_report(texts: list[str]) -> bool:
    """Whether the title or the opening (the first six paragraphs) says this is a 整改 report."""
    for text in texts[:6]:
        if _OPENING.search(text):
            return True
        if "整改" in text and len(text) <= 80 and not _SENTENCE.search(text) and _TITLE_END.search(text):
            return True
    return False


def find_prose(grids: list[Grid], paragraphs: list[str], label: str) -> RectificationForm | None:
    """The 整改 report's parts as a `RectificationForm` (`prose`), or None when this is no 整改 report."""
    texts = [flat(p).strip() for p in paragraphs if p and p.strip()]
    if not is_rectification_report(texts):
        return None
    if grids and (is_self_evaluation(grids) or find_targets(grids, texts).forms):
        return None
    form = RectificationForm(label, {}, prose=True, paragraphs=texts)
    read = application_paragraphs(form, texts)
    findings = _Reader(form, texts, read).findings()
    for finding in findings:
        if not finding.measures:
            form.rows.append(Row(finding.ref, 0, finding.problem, finding.ref, True, False,
                                 {"programme": finding.programme} if finding.programme else {}))
        for n, measure in enumerate(finding.measures):
            for key, (value, ref) in finding.details.items():
                if key not in measure.cells:
                    measure.cells[key], measure.refs[key] = value, ref
            if finding.programme:
                measure.cells["programme"] = finding.programme
            form.rows.append(Row(measure.ref, 0, finding.problem, finding.ref, n == 0, False, measure.cells, measure.refs))
    if not form.rows:
        raise ImportFailure(f"{label} 是整改情况报告（标题或开头写明整改），但找不到编号的问题及其整改措施"
                            "（「（一）…的问题。」「存在问题：…」下面「整改措施：…」「整改情况：…」）：请对照原件核对，"
                            "或把问题和措施整理成整改情况表再导入")
    _programmes_named(form, texts, findings)
    return form


class _Reader:
    """One pass over the paragraphs: the findings, in order, of the programme each is under."""

    def __init__(self, form: RectificationForm, texts: list[str], read: set[int]) -> None:
        self.form, self.texts, self.read = form, texts, read
        self.out: list[_Finding] = []
        self.programme = ""
        self.finding: _Finding | None = None
        self.listing = False
        """After a bare 「整改措施：」/「整改情况：」 line: each numbered paragraph is a measure."""
        self.started = False

    def _unread(self, ref: str, text: str) -> None:
        self.form.unread.append(f"{ref}：{text[:60]}{'…' if len(text) > 60 else ''}")

    def findings(self) -> list[_Finding]:
        for n, text in enumerate(self.texts):
            if n not in self.read:
                self._paragraph(n, text)
        if any(not f.programme for f in self.out) and len({f.programme for f in self.out if f.programme}) > 1:
            first = next(f for f in self.out if not f.programme)
            self.form.notes.append(f"{first.ref} 起的问题写在第一个项目标题之前，不知道是哪个项目的：未导入，请核对")
        return self.out

    def _paragraph(self, n: int, text: str) -> None:
        ref = f"第{n + 1}段"  # counting the paragraphs with text, as the clerk counts them on the page
        level, rest = _numbered(text)
        key, body = _labelled(rest)
        if key is not None:
            self.started = True
            self._label(ref, key, body, text)
            return
        if level is not None:
            self.started = True
            self._numbered(n, ref, rest)
            return
        if not self.started:
            self._opening(text)
        elif _closing(text):
            return  # the bureau's name and the date under the report
        elif self.finding is not None and self.finding.measures:
            self._continue(text)
        else:
            self._unread(ref, text)

    def _opening(self, text: str) -> None:
        """A paragraph above the first problem: a fact, a title line, or the opening that says what the
        report answers (read for `source`)."""
        fact = fact_of(text)
        if fact:
            self.form.facts.setdefault(*fact)
        elif len(text) <= 80 and not _SENTENCE.search(text):
            self.form.titles.append(text)
        else:
            self.form.context.append(text)

    def _label(self, ref: str, key: str, body: str, text: str) -> None:
        if key == "problem":
            if body:
                self._finding(ref, body)
            else:  # 「存在问题：」 over numbered problems
                self.finding, self.listing = None, False
            return
        if self.finding is None:
            if body:  # 「整改情况：」 before any problem: the report's summary, not a measure
                self._unread(ref, text)
            return
        if key in MEASURE_KEYS:
            if not body:
                self.listing = True
                return
            last = self.finding.measures[-1] if self.finding.measures else None
            if key == "status" and last is not None and last.cells.get("status") == last.cells.get("measure"):
                last.cells["status"], last.refs["status"] = body, ref  # 「整改情况：」 of the measure above
                return
            self._measure(ref, body)
            return
        for measure in [m for m in self.finding.measures if key not in m.cells]:
            measure.cells[key], measure.refs[key] = body, ref
        if not self.finding.measures:
            self.finding.details[key] = (body, ref)

    def _numbered(self, n: int, ref: str, rest: str) -> None:
        title = rest.rstrip("。.：: ")
        heading = len(rest) <= 40 and not _SENTENCE.search(title)
        programme = _PROGRAMME.match(rest) if heading and "问题" not in rest else None
        follows = self._next_is_measure(n)
        section = heading and _SECTION_OF_PROBLEMS.match(title)  # 「一、存在问题及整改情况」 even over a summary line
        if section or (heading and (programme or not follows) and ("问题" not in rest or "整改" in rest)):
            self.finding, self.listing = None, False
            if programme:
                self.programme = re.sub(r"项目$", "", title).strip()
            return
        if self.listing and self.finding is not None:
            self._measure(ref, rest)
            return
        first = _FIRST_SENTENCE.match(rest)
        problem, after = (first[1], first[2].strip()) if first else (rest, "")
        inline = re.search(r"(整改措施|整改情况|整改举措)\s*[:：]", rest)
        if inline:  # 「1.预算执行率偏低。整改措施：…」
            problem, after = rest[:inline.start()].strip(), rest[inline.end():].strip()
        if "问题" not in problem and not inline and not follows:
            self._unread(ref, rest)  # a numbered sentence that is neither a problem nor a measure (下一步计划's items)
            return
        self._finding(ref, problem)
        if after:
            self._measure(ref, after)

    def _next_is_measure(self, n: int) -> bool:
        """Whether the paragraph after `n` is 「整改措施：…」 (or 整改情况): `n` is then a problem, however short."""
        following = next((self.texts[i] for i in range(n + 1, len(self.texts)) if i not in self.read), "")
        return _labelled(_numbered(following)[1])[0] in MEASURE_KEYS

    def _finding(self, ref: str, problem: str) -> None:
        self.finding = _Finding(problem.strip(), ref, self.programme)
        self.out.append(self.finding)
        self.listing = False

    def _measure(self, ref: str, text: str) -> None:
        assert self.finding is not None
        measure = _Measure(ref, {"measure": text, "status": text}, {"measure": ref, "status": ref})
        for key, (value, where) in self.finding.details.items():
            measure.cells[key], measure.refs[key] = value, where
        self.finding.measures.append(measure)
        _deadline_in(measure, text, ref)

    def _continue(self, text: str) -> None:
        """An unnumbered paragraph under a measure goes on with it (its status read from all of it)."""
        assert self.finding is not None
        measure = self.finding.measures[-1]
        joined = measure.cells["measure"] + "\n\n" + text
        if measure.cells.get("status") == measure.cells["measure"]:
            measure.cells["status"] = joined
        measure.cells["measure"] = joined
        if "deadline" not in measure.cells:
            _deadline_in(measure, joined, measure.ref)


def _numbered(text: str) -> tuple[int | None, str]:
    """(numbering level, the text without it), or (None, text)."""
    for level, pattern in _NUMBERING:
        found = pattern.match(text)
        if found and text[found.end():].strip():
            return level, text[found.end():].strip()
    return None, text


def _labelled(text: str) -> tuple[str | None, str]:
    """(key, text after the label) of 「整改措施：…」「责任单位：…」; the label words are the 整改 table's
    headers (rectify_form.COLUMNS)."""
    found = re.match(r"^([^:：，,。；;（）()]{1,10})\s*[:：]\s*(.*)$", text, re.S)
    key = ("problem" if _PROBLEM_N.fullmatch(found[1].strip()) else column_of(found[1])) if found else None
    if found and key in ("problem", *MEASURE_KEYS, *DETAIL_KEYS):
        return key, found[2].strip()
    return None, text


def _deadline_in(measure: _Measure, text: str, ref: str) -> None:
    """The one 「…前」 date a measure says it is to be done by (two different ones: none)."""
    if "deadline" in measure.cells:
        return
    dates = {m[1].replace(" ", "") for m in _BY_DATE.finditer(text) if deadline_of(m[1])[0] or deadline_doubt(m[1])}
    if len(dates) == 1:
        measure.cells["deadline"], measure.refs["deadline"] = dates.pop(), ref


def _closing(line: str) -> bool:
    """A closing line (the bureau's name, the date), never part of a measure."""
    return bool(_DATE.match(line)) or (len(line) <= 25 and bool(ORG.search(line)) and not _SENTENCE.search(line))


def _programmes_named(form: RectificationForm, texts: list[str], findings: list[_Finding]) -> None:
    """Programmes the opening names in quotes that have no section of their own are named to the clerk
    (a copy cut short, or a report published in parts)."""
    found = {f.programme for f in findings if f.programme}
    if not found:
        return
    named = [name for text in form.context for name in _QUOTED.findall(text) if "项目" in text]
    absent = [name for name in dict.fromkeys(named)
              if not any(bare(p) in bare(name) or bare(name) in bare(p) for p in found)]
    if absent:
        form.notes.append(f"开头列出的「{'」「'.join(absent)}」在正文中没有找到整改内容（原件可能不全，或分别公开）："
                          "未导入，请核对")


def read_untabled(path: Path, paras: list[Para]) -> RectificationForm | None:
    """`find_prose` of a Word, PDF or OFD file without any table (the table readers refuse it), from its
    paragraphs as read once by the pipeline."""
    if path.suffix.lower() not in DOCUMENTS:
        return None
    return find_prose([], [p.text for p in paras], path.name)
