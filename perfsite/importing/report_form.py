"""Recognise a 绩效评价报告 (部门评价, 财政评价, 第三方评价) and make the `kind: 评价报告` file.

A report and a unit's 自评报告 look alike: the same outline (财预〔2020〕10号), often the same
决策/过程/产出/效益 score table. What tells them apart is who evaluated: a report names someone
other than the unit (「受…委托」, a 会计师事务所, a 评审中心, 「财政局组织」), a 自评 says 自评 in its
title or its 评价方式. So a file is a report only when nothing says 自评 and something names an
outside evaluator or the type (部门评价/财政评价/第三方评价), or the clerk gives `--evaluation`;
a title saying 评价报告 with no evaluator stays a 自评, with a note saying how to import it as a
report. Nothing is guessed: a key the report does not state is left out and named in a note
(`perfsite check` then refuses the file until it is written), never filled with a likely value.

The score table is read by the 自评's readers (`tables.scan`, `assemble`), so its rows, weights
and totals are read and cross-checked as a 自评's are; a table of 评价准则 with 权重 and
加权得分 (international loans' reports) is read here. The original (.docx, .pdf or .ofd) is copied
beside the YAML byte for byte; a .doc or .wps is published as the .docx LibreOffice makes of it.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from perfsite.decimals import parse_decimal, plain
from perfsite.documents import document_of
from perfsite.importing.assemble import (
    Draft,
    Hints,
    assemble,
    in_order,
    number,
    stated_year,
    unnamed,
    without_code,
)
from perfsite.importing.docx_reader import Para
from perfsite.importing.grid import Grid, as_written, flat, row_number, simplified
from perfsite.importing.labels import (
    FINANCE_BUREAU,
    FINANCE_LABEL,
    GRADES,
    PROGRAMME_NAME,
    TOTAL_WORDS,
    bare,
    finance_bureau,
    finance_note,
    unit_labels,
)
from perfsite.importing.rules_guess import guess_rules
from perfsite.importing.sniff import ImportFailure
from perfsite.importing.tables import scan
from perfsite.importing.text import (
    _DATE,
    _NUMBERING,
    GRADE_WORD,
    ORG,
    Prose,
    heading,
    place_of,
    prose_total,
    title_facts,
)
from perfsite.importing.writer import Num, dump, verify
from perfsite.kinds import FILE_SUFFIX as KIND_SUFFIX
from perfsite.kinds import DocumentKind
from perfsite.reports import EvaluationReport
from perfsite.siteconfig import SiteConfig
from perfsite.values import UNSTATED

if TYPE_CHECKING:
    from perfsite.importing.pipeline import FileReport

KIND = str(DocumentKind.EVALUATION_REPORT)
FILE_SUFFIX = KIND_SUFFIX[DocumentKind.EVALUATION_REPORT]
"""A report shares its 自评's id; its file is named <id>-pingjia.yaml, its original <id>-<年度>-pingjia.<ext>."""
DOCUMENTS = (".docx", ".pdf", ".ofd", ".doc", ".wps")
"""What a report in prose is read from (an evaluation report, published beside its page as its
original; a 整改 report, `rectify_prose`): a Word, PDF or OFD document, a .doc or .wps read and
published as the .docx LibreOffice makes of it. An .xlsx score sheet is a form, not a report."""

_SELF = re.compile(r"自评|自我评价")
_REPORT_TITLE = re.compile(r"评价报告|评价结果")
_TYPE = re.compile(r"部门评价|财政评价|第三方评价|第三方绩效评价")
_COVER_LABELS = {"组织单位": "commissioner", "委托单位": "commissioner", "委托方": "commissioner", "评价机构": "evaluator",
                 "评价单位": "evaluator", "受托机构": "evaluator", "评价类型": "evaluation", "评价方式": "evaluation",
                 "评价时间": "period", "评价方法": "method", "评价年度": "year"}
"""Labels only a report's cover prints; the programme's and its units' are every form's (labels.py)."""
_LABEL_KEYS = {**{word: "name" for word in PROGRAMME_NAME}, **{word: "department" for word in unit_labels("department")},
               **{word: "unit" for word in unit_labels("implementer", "unit")},
               **_COVER_LABELS, **{f"{word}名称": key for word, key in _COVER_LABELS.items() if key in ("commissioner", "evaluator")}}
_LABEL = re.compile("(" + "|".join(sorted(_LABEL_KEYS, key=len, reverse=True)) + f"|{FINANCE_LABEL}"
                    + "|" + "|".join(rf"(?<![^\s　，,；;]){word}" for word in FINANCE_BUREAU) + r")\s*[:：]\s*")
"""A cover's 「label：」, the longest first: 「评价单位名称：」 is the evaluator's, not a 单位名称. The finance bureau's
(「财政部门：」「县级财政部门：」, 「财政局：」 at a line's or a word's start) is known so that it ends the label before it:
「主管部门：X县农业农村局 财政部门：X县财政局」 named the department 「X县农业农村局 财政部门：X县财政局」."""
_ORG_END = r"(?:事务所(?:有限公司)?|有限责任公司|有限公司|公司|研究院|研究所|评审中心|中心|大学|学院)"
_FIRM = re.compile(r"事务所|公司|研究院|研究所|咨询|大学|学院|第三方")
_ENTRUSTED = re.compile(r"(?P<by>[^，,。；;：:\s]{2,40}?" + _ORG_END + r")?\s*(?:接受|受|根据)\s*"
                        r"(?P<who>[^，,。；;《》“”]{2,30}?)(?:的)?委托[，,]?\s*"
                        r"(?:(?P<we>我所|本所|我公司|本公司|我们|我中心|我院)"
                        r"|(?P<after>[^，,。；;：:\s（(对]{2,40}?" + _ORG_END + r"))?")
"""「X受Y委托」「X接受Y委托」, and as often 「受Y委托，X（以下简称“我所”）对…」「根据Y的委托，X于…对…」: the firm X
before or after the commissioner Y. X ends as an organisation's name does, so 「受Y委托，县农业农村局对…」
names no evaluator."""
_ARRANGED = re.compile(r"(?P<who>[^，,。；;、：:\s]{0,15}?财政(?:局|厅|部))[^，,。；;]{0,25}?(?:组织|安排|委托)"
                       r"(?P<by>[^，,。；;]{2,40}?" + _ORG_END + r")?(?:对|开展|实施)")
_NOT_TITLE = re.compile(r"[：:。，,；;]|\d+\s*号|[〔\[]|^[\d〇○零一二三四五六七八九十]{4}\s*年\s*[\d〇○一二三四五六七八九十]{1,2}\s*月")
"""A cover line that is no part of the title: a label, a sentence, a report number, a date."""
_OBJECT = re.compile(r"对(?P<name>[^，,。；;“”]{4,60}?)(?:实施|开展|进行)(?:了)?(?:重点)?绩效评价")
_PERIOD = re.compile(r"(?P<y1>\d{4})\s*年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*日\s*(?:至|到|—|－|-|~|～)\s*"
                     r"(?:(?P<y2>\d{4})\s*年\s*)?(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日"
                     r"|(?P<iso1>\d{4}-\d{2}-\d{2})\s*(?:至|到|—|~|～)\s*(?P<iso2>\d{4}-\d{2}-\d{2})")
_MONTHS = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*(?:至|到|—|-|~|～)\s*(?:\d{4}\s*年\s*)?\d{1,2}\s*月(?!\s*\d)")
_METHOD = re.compile(r"(?:采用|采取|运用|通过)(?:了)?(?P<m>[^。；;]{4,80}?)等(?:评价|工作)?方(?:法|式)")
_CONCLUSION = re.compile(r"评价结论|综合评价|总体评价|评价结果|评价得分")
_FINDINGS = re.compile(r"问题")
_SUGGESTIONS = re.compile(r"建议|对策|改进意见")
"""「有关建议」「对策建议」「改进意见」: not 意见 alone (「综合评价意见」 is the conclusion)."""
_OUTSIDE = re.compile(r"(?:中心|协会|研究会|学会|促进会|评估院|评估所|服务社)$")
"""An evaluator that is an organisation of its own (a 社会组织培育中心, a 协会): commissioned by someone
else, a third party even without a firm's name."""
_TOC_ENTRY = re.compile(r"^目\s*录$|\s[.．…·]+\s*-?\s*\d{1,3}\s*-?\s*$|^[^，,。；;]{1,30}\s[.．…·]+$|[.．…·]{2,}\s*-?\s*\d{1,3}\s*-?\s*$"
                        r"|\t\s*-?\s*\d{1,3}\s*-?\s*$")
"""A 目录 line or entry (「一、项目基本情况 .- 1 -」「二、评价结论……9」, Word's 「三、评价结论\t3」): numbered like a heading, but no
part of the report's text, so never a section (its 评价结论 or 存在的问题 has no text under it). A leader
with no page number after it (「摘要 .」) marks an entry only on a line as short as a heading and without a comma: a
paragraph of the text may end in a space and dots."""
_CONTENTS_HEAD = re.compile(r"^目\s*录$")
_CONTENTS_LINE = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[章节部分])"
                            r"[^，,。；;：:]{1,30}?\s*-?\s*\d{1,3}\s*-?$")
"""An entry under 「目 录」 whose leader is lost: pdftotext prints Word's tab before the page number as one
space or none (「六、有关建议 9」「三、综合评价情况及评价结论4」). Read as a heading it became the 建议 section,
and the opening paragraph after the contents its one suggestion; only under 目录 is such a line an entry."""


def without_contents(texts: list[str]) -> list[str]:
    """The report's lines without its 目录: entries with a leader or tab anywhere (`_TOC_ENTRY`); the
    numbered lines ending in a page number right under a 「目 录」 line; and, with no such line above
    them, a numbered line that is another line of the report with a page number after it (the
    heading seen twice: the entry, then the heading over its text)."""
    lines = [t.strip() for t in texts if t.strip()]
    own = set(lines)
    out: list[str] = []
    listing = False
    for text in lines:
        if _TOC_ENTRY.search(text):
            listing = listing or bool(_CONTENTS_HEAD.match(text))
            continue
        entry = _CONTENTS_LINE.match(text)
        if entry and (listing or _PAGE_NUMBER.sub("", text) in own):
            continue
        listing = False
        out.append(text)
    return out


_PAGE_NUMBER = re.compile(r"\s*-?\s*\d{1,3}\s*-?$")


_APPENDIX = re.compile(r"^附\s*[件表]\s*\d*\s*(?:[：:、.．]|$)")
"""「附件：绩效评价指标评分表」「附表1」: the report's text has ended; what follows is no part of its last section."""
_SPACED = re.compile(r"(?<=[\u3400-\u9fff\d])\s+(?=[\u3400-\u9fff\d])")
"""Spaces a PDF's letter-spaced cover leaves in a title (「浦 东 新 区 2018 年 度」)."""
_OWN_GROUP = re.compile(r"自评|评价(?:工作)?小?组|工作组|领导小组|本单位|本部门")
"""An 评价机构 that is the unit's own group (「部门(单位)评价组」): no outside evaluator."""
_TOTAL = re.compile(r"(?:综合评分|综合评价得分|评价总得分|评价得分|综合得分|最终得分|总得分|项目得分)\s*(?:为|是|：|:)?\s*"
                    r"(\d{1,3}(?:\.\d+)?)\s*(?:分|(?=[，,。；;]))")
"""「综合评分88.31分」, and 「项目评价得分88.31，评价等级为良」 with no 分 before the comma (a percentage never)."""

_TOTAL_GRADE = re.compile(r"^[，,、\s]*(?:(?:绩效|综合)?(?:评价|评定)?(?:等级|结果|等次|评级)\s*(?:为|是|：|:|评定为|属于)?|评定为|属于|定为)?"
                          r"\s*[“\"'「『（(]?\s*" + GRADE_WORD)
"""The grade after a report's total: 「，评价等级：良好」「（良）」「，评价等级"良"」; a grade word must end
there (「优于上年」 is none)."""

CRITERIA_COLUMNS = {"评价准则": "name", "评价内容": "name", "评价维度": "name", "评价指标": "name", "指标": "name",
                    "一级指标": "name", "权重": "weight", "分值": "weight", "指标分值": "weight", "标准分": "weight",
                    "评价分值": "actual", "得分率": "rate", "加权平均得分": "score", "加权得分": "score", "得分": "score",
                    "评价得分": "score", "实际得分": "score", "绩效等级": "remark", "等级": "remark"}
"""Headers of a criteria table (相关性/效率/效果/可持续性 with 权重 and 加权得分) or of a report's 一级指标
table (决策/过程/产出/效益 with 分值, 得分 and 得分率), compared without brackets. 评价分值 (百分制) is what
the weight is multiplied by; 得分率 is only the score divided by the points, checked and not kept."""


@dataclass
class ReportDraft(Draft):
    """A report's mapping, with the bytes of the original to publish beside it."""

    original: bytes = b""
    original_suffix: str = ""
    title: str = ""
    unfound: dict[str, str] = field(default_factory=dict)
    """A required key the report does not give, and where to find it: written over the file's keys, not said
    as a note, since `perfsite check` names each one missing (file and line) as an error."""


@dataclass
class _Node:
    level: int
    title: str
    body: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)


@dataclass
class Signals:
    """Who evaluated, as the report says it, and the words each was read from."""

    evaluation: str = ""
    evaluator: str = ""
    commissioner: str = ""
    said: list[str] = field(default_factory=list)
    firm: bool = False
    """The text names a firm as the evaluator without its name (「我所」)."""


# --------------------------------------------------------------------------- recognition

def title_block(texts: list[str]) -> tuple[list[str], str]:
    """(the lines before the first heading, the report's title joined from the lines that make it)."""
    block = []
    for text in texts:
        if heading(Para(text)) is not None:
            break
        block.append(text.strip())
    for index, line in enumerate(block):
        if (_REPORT_TITLE.search(line) or ("绩效" in line and "报告" in line)) and not re.search(r"[，,。；;：:]", line):
            start = index
            while start > 0 and _title_part(block[start - 1]):
                start -= 1
            return block, _SPACED.sub("", "".join(block[start:index + 1]))
    return block, ""


def _title_part(line: str) -> bool:
    """A short line above the title's last line that continues it (not a label, date or number)."""
    return (0 < len(line) <= 30 and not _LABEL.search(line) and not _NOT_TITLE.search(line)
            and not _REPORT_TITLE.search(line) and "目 录" not in line)


FINANCE, FINANCE_WORD = "finance", "finance_label"
"""`labelled`'s keys of a finance bureau's cover line: its value and its label, said once, never written
(the data format has no key for it: the department is the 主管部门)."""


def labelled(lines: list[str]) -> dict[str, str]:
    """「项目实施单位:会同县农业农村局 组织单位: 会同县财政局」 → {unit: …, commissioner: …}: cover lines."""
    facts: dict[str, str] = {}
    for line in lines:
        found = list(_LABEL.finditer(line))
        for n, label in enumerate(found):
            end = found[n + 1].start() if n + 1 < len(found) else len(line)
            value = line[label.end():end].strip(" 　，,；;")
            key = _LABEL_KEYS.get(label[1], FINANCE)
            if key == FINANCE and label[1] in FINANCE_BUREAU and not finance_bureau(value):
                continue  # 「财政局：」 before no bureau's name is no label the format knows: left in the line
            if value and key not in facts:
                facts[key] = value
                if key == FINANCE:
                    facts[FINANCE_WORD] = label[1]
    return facts


def signals(paragraphs: list[str], facts: dict[str, str]) -> Signals:
    """Who evaluated and for whom, from the cover's labels and the opening sentences."""
    found = Signals()
    stated = facts.get("evaluation", "")
    if _SELF.search(stated):
        found.said.append(f"评价方式：{stated}")
        return found
    explicit = _TYPE.search(stated) or next((m for p in paragraphs[:40] if (m := _TYPE.search(p))), None)
    if explicit:
        found.evaluation = "第三方评价" if explicit[0].startswith("第三方") else explicit[0]
        found.said.append(f"「{explicit[0]}」")
    if facts.get("evaluator") and not _OWN_GROUP.search(facts["evaluator"]):
        found.evaluator = facts["evaluator"]
        found.said.append(f"评价机构：{found.evaluator}")
    if facts.get("commissioner"):
        found.commissioner = facts["commissioner"]
    for para in paragraphs[:40]:
        entrusted = _ENTRUSTED.search(para) if "评价" in para else None  # 「受县人民政府委托，向县人大…报告」 is a duty
        if entrusted:
            found.commissioner = found.commissioner or entrusted["who"].strip()
            if (entrusted["by"] or entrusted["after"]) and not found.evaluator:
                found.evaluator = (entrusted["by"] or entrusted["after"]).strip()
            found.firm = found.firm or entrusted["we"] in ("我所", "本所", "我公司", "本公司")
            found.said.append(f"「{entrusted[0].strip(' ，,')}」")
            break
        arranged = _ARRANGED.search(para)
        if arranged:
            found.commissioner = found.commissioner or arranged["who"].strip()
            if arranged["by"] and not found.evaluator:
                found.evaluator = arranged["by"].strip()
            found.said.append(f"「{arranged[0].strip(' ，,')}」")
            break
    if not found.evaluation and (found.evaluator or found.firm):
        if found.firm or _FIRM.search(found.evaluator):
            found.evaluation = "第三方评价"
        elif "财政" in found.evaluator or "财政" in found.commissioner:
            found.evaluation = "财政评价"
        elif (_OUTSIDE.search(found.evaluator) and found.commissioner
              and found.evaluator not in (found.commissioner, facts.get("department"), facts.get("unit"))):
            found.evaluation = "第三方评价"
        elif found.evaluator:
            found.evaluation = "部门评价"
    return found


def recognise(texts: list[str], headers: list[str], hints: Hints) -> tuple[list[str], str, dict[str, str], Signals] | None:
    """(cover lines, title, labelled facts, signals) when the text is an outside evaluation's report."""
    block, title = title_block(texts)
    facts = labelled(block + texts[:12])
    if any(_SELF.search(line) for line in [*block, *headers]) or _SELF.search(facts.get("evaluation", "")):
        return None
    found = signals(texts, facts)
    about_evaluation = bool(title) or any("绩效评价" in t for t in texts[:40])
    if not about_evaluation:
        return None
    if hints.evaluation or found.evaluation or found.evaluator:
        return block, title, facts, found
    return None


def unrecognised_title(texts: list[str], headers: list[str]) -> str:
    """A note for a file titled 评价报告 that names no evaluator (it is imported as a 自评); the title read
    through the traditional → simplified fold, quoted as written."""
    folded = [simplified(t) for t in texts]
    _, title = title_block(folded)
    if not title or _SELF.search(title) or any(_SELF.search(simplified(h)) for h in headers):
        return ""
    title = as_written("\n".join(folded), "\n".join(texts))(title)
    return (f"标题是「{title}」，但没有写明由谁评价（受…委托、会计师事务所、财政局组织、评价机构）：按单位自评处理。"
            "若这是部门评价、财政评价或第三方评价的报告，请加 --evaluation 第三方评价（或 部门评价、财政评价）"
            "和 --evaluator 评价机构 重新导入")


# --------------------------------------------------------------------------- the report's parts

def outline(paragraphs: list[str]) -> list[_Node]:
    """The report's headed sections as a tree (text before the first heading is the cover; the
    closing lines under the last section, the evaluator and the date, and the appendices after them
    are no part of it)."""
    roots: list[_Node] = []
    stack: list[_Node] = []
    for text in paragraphs:
        if stack and _APPENDIX.match(text):
            break
        found = heading(Para(text))
        if found is not None:
            node = _Node(found[0], found[1])
            while stack and stack[-1].level >= node.level:
                stack.pop()
            (stack[-1].children if stack else roots).append(node)
            stack.append(node)
        elif stack:
            stack[-1].body.append(text)
    last = stack[-1] if stack else None
    while last is not None and last.body and _closing(last.body[-1]):
        last.body.pop()
    return roots


def _closing(line: str) -> bool:
    """A closing line: a date, or a short name of an organisation (「示例正信会计师事务所（虚构）」)."""
    name = re.sub(r"[（(][^（()）]*[)）]$", "", line)
    return bool(_DATE.match(line)) or (len(name) <= 25 and bool(ORG.search(name)) and not re.search(r"[。；;，,]", name))


def _walk(nodes: list[_Node]) -> list[_Node]:
    return [n for node in nodes for n in (node, *_walk(node.children))]


def _all_text(node: _Node) -> str:
    parts = list(node.body)
    for child in node.children:
        parts.append(child.title + ("：" + _all_text(child) if _all_text(child) else ""))
    return "\n\n".join(p for p in parts if p)


def section(nodes: list[_Node], pattern: re.Pattern[str], avoid: re.Pattern[str] | None = None) -> _Node | None:
    """The most specific section whose title matches (a child before the parent that contains it)."""
    matching = [n for n in _walk(nodes) if pattern.search(n.title) and not (avoid and avoid.search(n.title))]
    deepest = [n for n in matching if not any(c in matching for c in _walk(n.children))]
    return next((n for n in deepest if n.body or n.children), None)


def items(node: _Node) -> list[str]:
    """A list section's entries: each sub-heading with its text, else each paragraph, numbering removed.
    Numbered paragraphs above sub-headings are entries too: a last entry short and unfinished
    (「4.…后续跟踪 ……」) reads as a heading, and the entries above it are entries still; an
    unnumbered paragraph there is the section's lead-in (「发现以下问题：」), no entry. In a section
    numbered nowhere, each paragraph is an entry (findings typed one paragraph each, as the example
    report's four 问题 are), unless the one before it is left open (`_closed`): then it goes on with it."""
    out: list[str] = []
    numbered_body = any(p.match(para) for para in node.body for _, p in _NUMBERING)
    for para in node.body if numbered_body or not node.children else []:
        numbered = next((p.match(para) for _, p in _NUMBERING if p.match(para)), None)
        if numbered or not out or (not numbered_body and _closed(out[-1])):
            out.append(para[numbered.end():].strip() if numbered else para)
        else:
            out[-1] += "\n\n" + para  # a paragraph continuing the entry above it
    out += [f"{c.title}：{_all_text(c)}" if _all_text(c) else c.title for c in node.children]
    return [text for text in out if text]


_CLOSING = "”’」』）)"
"""Marks that may follow a sentence's end (「……不规范。」）」)."""


def _closed(paragraph: str) -> bool:
    """Whether the paragraph ends a sentence (。！？；…), so that an unnumbered one after it begins the next
    entry: one ending 「：」 leads into what follows, and one ending 「，」 or mid-word was cut (at a page
    foot, or by a stray line break) and goes on in the next."""
    return paragraph.rstrip().rstrip(_CLOSING).endswith(tuple("。！？!?；;…"))


def period_of(paragraphs: list[str], facts: dict[str, str]) -> tuple[dict[str, str] | None, str]:
    """({start, end}, the words) from 「2023年4月10日至6月20日」; (None, words) when only months are given."""
    for text in [facts.get("period", ""), *paragraphs[:40]]:
        found = _PERIOD.search(text)
        if found and found["iso1"]:
            return {"start": found["iso1"], "end": found["iso2"]}, found[0]
        if found:
            y1, y2 = found["y1"], found["y2"] or found["y1"]
            start = f"{y1}-{int(found['m1']):02d}-{int(found['d1']):02d}"
            end = f"{y2}-{int(found['m2']):02d}-{int(found['d2']):02d}"
            return {"start": start, "end": end}, found[0]
        months = _MONTHS.search(text)
        if months:
            return None, months[0]
    return None, ""


def method_of(paragraphs: list[str], facts: dict[str, str]) -> str:
    if facts.get("method"):
        return facts["method"]
    for para in paragraphs:
        found = _METHOD.search(para)
        if found:
            return found["m"].strip()
    return ""


# --------------------------------------------------------------------------- the score table

@dataclass
class Criteria:
    """A criteria table or a 一级指标 table as read: its rows, total, where it is, what to tell the clerk."""

    rows: list[dict[str, object]]
    total: str
    where: str
    first_level: bool
    """Its names are 一级指标 (决策/过程/产出/效益): the report printed no 三级指标 table."""
    notes: list[str]


def criteria_table(grids: list[Grid], used: set[tuple[str, int, int]]) -> Criteria | None:
    """A criteria table (评价准则 | 权重(%) | 评价分值 | 加权得分 | 绩效等级) or a 一级指标 table
    (一级指标 | 分值 | 得分 | 得分率); its cells are added to `used`."""
    for grid in grids:
        for r, row in enumerate(grid.rows):
            keys = [CRITERIA_COLUMNS.get(bare(cell.text)) for cell in row]
            if "name" not in keys or "weight" not in keys or "score" not in keys:
                continue
            if keys.count("name") > 1:  # the indicator at several levels (评价维度 | 评价要点 | 评价指标): no criteria
                continue
            made: list[dict[str, object]] = []
            total = ""
            notes: list[str] = []
            for n, body in enumerate(grid.rows[r + 1:], r + 2):
                cells = {key: body[c].text.strip() for c, key in enumerate(keys) if key and c < len(body)}
                name = cells.get("name", "")
                weight, score = number(cells.get("weight"), percent=True), number(cells.get("score"))
                if not name:
                    continue
                if (weight is not None and Decimal(weight) == 100 and made) or bare(name) in TOTAL_WORDS:
                    total = str(score or "")  # 「项目绩效 100% / 82.68」「合计 100 88.31」: the total row
                    continue
                notes.extend(_rate_note(f"{grid.label}第{n}行", name, weight, score, cells.get("rate")))
                item: dict[str, object] = {"name": name}
                if weight is not None:
                    item["weight"] = weight
                achieved = number(cells.get("actual"))
                if achieved is not None:
                    item["actual"] = cells["actual"]
                    item["rule"] = {"type": "judged", "achievement": f"{achieved}%"}
                if score is not None:
                    item["score"] = score
                if cells.get("remark"):
                    item["remark"] = cells["remark"]
                made.append(item)
            if made:
                used.update((grid.label, row_, c) for row_ in range(r, len(grid.rows)) for c in range(len(grid.rows[row_])))
                first_level = bare(row[keys.index("name")].text) == "一级指标"
                return Criteria([_ordered(item) for item in made], total, f"{grid.label}第{row_number(grid, r)}行起", first_level, notes)
    return None


def _levels_unknown(grids: list[Grid]) -> str:
    """A note for a score table whose header names the indicator in several columns that say no level
    (「评价维度 | 评价要点 | 评价指标 | 分值 | … | 得分」), naming the cells to rename; "" when there is none."""
    for grid in grids:
        for r, row in enumerate(grid.rows):
            keys = [CRITERIA_COLUMNS.get(bare(cell.text)) for cell in row]
            names = [flat(cell.text) for cell, key in zip(row, keys, strict=True) if key == "name"]
            if len(names) > 1 and "weight" in keys and "score" in keys:
                return (f"{grid.label} 第{row_number(grid, r)}行像评分表的表头，但「{'」「'.join(names)}」几列都是指标名称，"
                        "认不出哪一列是一级、二级、三级指标，评分表未导入：请把这几列的列名改为「一级指标」「二级指标」"
                        "「三级指标」后重新导入；indicators 必填")
    return ""


def _rate_note(where: str, name: str, weight: str | None, score: str | None, rate: str | None) -> list[str]:
    """A 得分率 that is not the score divided by the points (to 0.01%), named with both figures."""
    printed = number(rate, percent=True) if rate else None
    if printed is None or not weight or score is None or Decimal(weight) == 0:
        return []
    computed = (Decimal(score) / Decimal(weight) * 100).quantize(Decimal("0.01"))
    if abs(computed - Decimal(printed)) <= Decimal("0.01"):
        return []
    return [f"{where}「{name}」的得分率写作 {rate}，按得分 {score} ÷ 分值 {weight} 是 {computed}%：请核对原表"]


def _ordered(item: dict[str, object]) -> dict[str, object]:
    in_order(item)
    return item


def _table(draft: ReportDraft, source: str, grids: list[Grid], headers: list[str], name: str, year: str,
           paragraphs: list[str]) -> tuple[list[dict[str, object]], set[tuple[str, int, int]]]:
    """The score table's indicators (and groups, reported) into the draft; the grid cells used."""
    found = scan(grids)  # 「一级指标 | 分值 | 二级指标 | 分值 | …」 folded into the levels (tables.level_points_folded)
    if any(t.rows for t in found.indicators):
        found.facts = {**found.facts, "name": name, "year": year}  # the report's, already read and noted
        table = assemble(source, found, Prose(paragraphs=paragraphs), headers, Hints(name, year))
        for key in ("groups", "indicators", "reported"):
            if key in table.data:
                draft.data[key] = table.data[key]
        draft.comments.update({k: v for k, v in table.comments.items() if k[0] in ("groups", "indicators", "reported")})
        draft.notes.extend(table.notes)
        if "budget" in table.data:
            draft.notes.append("报告中的资金表未写入：评价报告没有预算执行情况表（预算执行率等比率写在评分表的实际值中）")
        draft.found.append(f"评分表：{len(table.data['indicators'])} 项（{table.tables_used}）")  # type: ignore[arg-type]
        return table.data["indicators"], found.used  # type: ignore[return-value]
    criteria = criteria_table(grids, found.used)
    if criteria is None:
        return [], found.used
    rows = criteria.rows
    draft.data["indicators"] = [{"level1": row["name"], **row} for row in rows]
    draft.notes.extend(criteria.notes)
    if criteria.first_level:
        draft.comment(("indicators",), "报告只有一级指标的评分表：每个一级指标的名称同时作指标名称，得分照原文（没有三级指标，无法复算）。")
        draft.notes.append("报告只公布了一级指标（决策、过程、产出、效益）的分值和得分，没有三级指标的评分表："
                           "已按一级指标写入 indicators，得分照原文；有三级指标评分表（常在附件中）时，请按它改写 indicators")
        draft.found.append(f"评分表：{len(rows)} 项一级指标（{criteria.where}：分值、得分）")
    else:
        draft.comment(("indicators",), "评价准则表没有一级、二级指标：每项准则的名称同时作一级指标。",
                      "加权得分 = 权重 × 评价分值（百分制）÷ 100：评价分值写作 judged 的完成程度，据此复算。")
        draft.found.append(f"评分表：{len(rows)} 项评价准则（{criteria.where}：权重、评价分值、加权得分）")
    if criteria.total:
        draft.data["reported"] = {"score": Num(criteria.total)}
        draft.comment(("reported",), "取自评分表的合计行。")
    return draft.data["indicators"], found.used  # type: ignore[return-value]


# --------------------------------------------------------------------------- assembling

def assemble_report(path: Path, texts: list[str], grids: list[Grid], headers: list[str], hints: Hints,
                    recognised: tuple[list[str], str, dict[str, str], Signals],
                    written: Callable[[str], str] = str) -> tuple[ReportDraft, set[tuple[str, int, int]]]:
    """The `kind: 评价报告` mapping of a recognised report, every judgement a note or a comment. `texts` are read
    folded to simplified characters; `written` gives a text taken from them back as the report wrote it."""
    block, title, facts, said = recognised
    draft = ReportDraft(title=title)
    data = draft.data
    data["kind"] = KIND
    from_title = title_facts(title) if title else {}
    name = facts.get("name") or from_title.get("name") or hints.name
    if not name:
        found = next((m for p in texts[:40] if (m := _OBJECT.search(p))), None)
        if found:
            name = found["name"].strip()
            draft.notes.append(f"项目名称「{name}」取自正文「{found[0]}」，请核对全称")
    # when the evaluation was done (「2024年3月至5月」) is not the year evaluated: left out of the year's guess
    prose = Prose(titles=block, paragraphs=[_MONTHS.sub("", _PERIOD.sub("", t)) for t in texts])
    if not name:
        raise unnamed("这是一份绩效评价报告，但找不到项目名称（标题、「项目名称：」和正文都没有）",
                      {"year": facts.get("year", "")}, from_title, [title, *block], path.name, prose, hints)
    name = without_code(name)[0]
    year = stated_year(draft, {"year": facts.get("year", "")}, from_title, [title, *block], path.name, name, prose, hints)
    data["name"], data["year"] = name, Num(year)
    department = facts.get("department") or facts.get("unit")
    if facts.get(FINANCE):
        draft.notes.append(f"封面：{finance_note([(facts[FINANCE_WORD], facts[FINANCE])])}")
    if department:
        data["department"] = without_code(department)[0]
        if facts.get("department") is None:
            draft.comment(("department",), f"取自「实施单位」：{department}（数据格式只有主管部门一项，请核对）。")
    else:
        data["department"] = UNSTATED
        draft.comment(("department",), "报告没有写明主管部门或实施单位：按数据格式写「未载明」，知道部门全称时请改写。")
        draft.notes.append("报告没有写明主管部门：已写「未载明」，知道全称时请补上")
    region = from_title.get("region") or (place_of(department) if department else None)
    if region:
        data["region"] = region
    _who(draft, said, hints)
    period, words = period_of(texts, facts)
    if period:
        data["period"] = period
        draft.comment(("period",), f"取自「{words}」。")
    elif words:
        draft.notes.append(f"评价时间只写到月（「{words}」）：period 要写起止日期，请按报告原件补上，或不写")
    method = method_of(texts, facts)
    if method:
        data["method"] = method
    data["source"] = path.name
    data["original"] = {"file": "", "title": title} if title else {"file": ""}
    indicators, used = _table(draft, path.name, grids, headers, name, year, texts)
    if not indicators:
        if unknown := _levels_unknown(grids):
            draft.notes.append(unknown)
        draft.unfound["indicators"] = ("没有找到评分表（表头含「指标」「分值/权重」「得分」的表格），"
                                       "请按报告的评价指标体系/评分表填写（写法同自评表）")
    nodes = outline(texts)
    _prose_parts(draft, nodes, texts)
    _as_written(draft, written)
    _summary(draft, said)
    return draft, used


_WRITTEN = ("name", "department", "region", "evaluator", "commissioner", "method", "conclusion", "findings", "suggestions")
"""The keys holding the report's own words (the others are the contract's words, dates and figures)."""


def _as_written(draft: ReportDraft, written: Callable[[str], str]) -> None:
    """The report's own words in the characters it wrote them in (`grid.as_written`)."""
    data = draft.data
    for key in _WRITTEN:
        value = data.get(key)
        if isinstance(value, str):
            data[key] = written(value)
        elif isinstance(value, list):
            data[key] = [written(v) if isinstance(v, str) else v for v in value]
    original = data.get("original")
    if isinstance(original, dict) and isinstance(original.get("title"), str):
        original["title"] = written(original["title"])
    draft.title = written(draft.title)


def _who(draft: ReportDraft, said: Signals, hints: Hints) -> None:
    data = draft.data
    evaluation = hints.evaluation or said.evaluation
    if evaluation:
        data["evaluation"] = evaluation
        if not hints.evaluation:
            draft.comment(("evaluation",), f"按报告的说法判断：{'；'.join(said.said) or '评价机构'}。请核对。")
    else:
        draft.unfound["evaluation"] = "报告没有写明评价类型，请写 部门评价、财政评价 或 第三方评价（或导入时加 --evaluation）"
    if said.commissioner:
        data["commissioner"] = said.commissioner
    evaluator = hints.evaluator or said.evaluator
    if evaluator:
        data["evaluator"] = evaluator
    else:
        why = "报告只写「我所」等，没有写出评价机构全称" if said.firm else "报告没有写明评价机构"
        draft.unfound["evaluator"] = f"{why}，请按报告落款或封面写评价机构全称（或导入时加 --evaluator）"


def _prose_parts(draft: ReportDraft, nodes: list[_Node], texts: list[str]) -> None:
    data = draft.data
    conclusion = section(nodes, _CONCLUSION, _FINDINGS)
    if conclusion is not None:
        data["conclusion"] = _all_text(conclusion)
        draft.comment(("conclusion",), f"取自报告的「{conclusion.title}」一节。")
    else:
        draft.unfound["conclusion"] = "没有找到评价结论（「评价结论」「综合评价情况及评价结论」一节），请按报告填写"
    score, grade, sentence = report_total([_all_text(conclusion)] if conclusion else texts)
    reported = data.get("reported")
    if score is not None and number(score) is not None:
        if isinstance(reported, dict) and parse_decimal(str(reported["score"])) != parse_decimal(score):
            draft.notes.append(f"正文的综合得分 {score} 与评分表的 {reported['score']} 不同：采用正文的，请核对")
        data["reported"] = {"score": number(score), **({"grade": grade} if grade in GRADES else {})}
        draft.comment(("reported",), f"取自正文「{sentence}」。")
    findings = section(nodes, _FINDINGS, re.compile(r"^(?!.*问题).*建议"))
    if findings is not None:
        data["findings"] = items(findings)
        draft.comment(("findings",), f"取自「{findings.title}」，每条一项；整改文件用序号（1 是第一条）引用。")
    suggestions = section(nodes, _SUGGESTIONS, _FINDINGS)
    if suggestions is not None:
        data["suggestions"] = items(suggestions)
        draft.comment(("suggestions",), f"取自「{suggestions.title}」。")


def report_total(paragraphs: list[str]) -> tuple[str | None, str | None, str]:
    """(score, grade, words) from 「综合评分88.31分，评价等级为“良”」: a report's wording, then a 自评's."""
    for para in paragraphs:
        found = _TOTAL.search(para)
        if found:
            grade = _TOTAL_GRADE.match(para[found.end():])
            return found[1], (grade[1] if grade else None), para[found.start():found.end() + (grade.end() if grade else 0)]
    return prose_total(paragraphs)


def _summary(draft: ReportDraft, said: Signals) -> None:
    data = draft.data
    reported = data.get("reported")
    lines = [f"评价报告：{draft.title or data['name']}", f"项目名称：{data['name']}", f"评价年度：{data['year']}",
             f"主管部门：{data['department']}",
             f"评价类型：{data.get('evaluation', '未写明')}；评价机构：{data.get('evaluator', '未写明')}"
             + (f"；委托方：{data['commissioner']}" if data.get("commissioner") else ""),
             f"评价结论：{'有' if data.get('conclusion') else '未找到'}；主要问题 {len(data.get('findings', []))} 条；"  # type: ignore[arg-type]
             f"建议 {len(data.get('suggestions', []))} 条",  # type: ignore[arg-type]
             ("公布总分：" + str(reported["score"]) + (f"，等级：{reported['grade']}" if "grade" in reported else "")
              if isinstance(reported, dict) else "公布总分：未写明")]
    draft.found[:0] = lines


# --------------------------------------------------------------------------- reading a file

def read_report(path: Path, readable: Path, grids: list[Grid], paras: list[Para], headers: list[str],
                hints: Hints) -> tuple[ReportDraft, set[tuple[str, int, int]]] | None:
    """The report's draft when `path` (a Word, PDF or OFD file) is an outside evaluation's report, else None.
    `readable` is the file that was read: `path` itself, or the .docx LibreOffice made of a .doc/.wps."""
    web = _web_page(path, readable)
    if path.suffix.lower() not in DOCUMENTS and not web:
        return None
    # A report in traditional characters (上犹县寺下镇's 「關于…績效評價報告」) is read through one fold, its texts written as written.
    originals = [p.text for p in paras]
    folded = [simplified(t) for t in originals]
    texts = without_contents(folded)
    recognised = recognise(texts, [simplified(h) for h in headers], hints)
    if recognised is None:
        return None
    written = as_written("\n".join(folded), "\n".join(originals))
    if web:  # recognised, so that its score table is not taken for a 自评; but no original the site can publish
        raise ImportFailure(_web_report(written(recognised[1])))
    draft, used = assemble_report(path, texts, grids, headers, hints, recognised, written)
    draft.original, draft.original_suffix = _original(path, readable, draft)
    return draft, used


def web_report(texts: list[str]) -> str:
    """The failure of a web page (without tables: `html_reader.read_html`) that is an outside
    evaluation's report, "" for one that is not."""
    recognised = recognise(without_contents(texts), [], Hints())
    return "" if recognised is None else _web_report(recognised[1])


def _web_report(title: str) -> str:
    title = f"「{title}」" if title else ""
    return (f"这是一份绩效评价报告{title}，但文件是网页：网站发布评价报告时附上报告原件（PDF、DOCX 或 OFD），"
            "网页不能作为原件，因此没有导入（报告中的评分表也不当作自评表导入）："
            "请向评价机构索取报告的 PDF 或 Word 文件后再导入")


def _web_page(path: Path, readable: Path) -> bool:
    """Whether `path` is a web page read directly (.html, .mht, or one a system named .doc or .docx)."""
    from perfsite.importing.html_reader import web_kind

    if readable != path:
        return False
    try:
        with path.open("rb") as fh:
            return web_kind(path, fh.read(8)) == "html"
    except (OSError, ImportFailure):
        return False


def read_untabled(path: Path, readable: Path, paras: list[Para], headers: list[str],
                  hints: Hints) -> tuple[ReportDraft, set[tuple[str, int, int]]] | str | None:
    """A Word, PDF or OFD file without any table (the 自评 readers refuse it), from its paragraphs and page
    headers as read once by the pipeline: its draft when it is a report, else the note of a file
    titled 评价报告 that names no evaluator, else None."""
    if path.suffix.lower() not in DOCUMENTS:
        return None
    found = read_report(path, readable, [], paras, headers, hints)
    return found if found is not None else unrecognised_title([p.text for p in paras if p.text.strip()], headers) or None


def _original(path: Path, readable: Path, draft: ReportDraft) -> tuple[bytes, str]:
    """The original's bytes as published; a .doc or .wps is published as the .docx LibreOffice made
    of it to be read (a site offers PDF, DOCX or OFD, and converting again would cost as much)."""
    suffix = path.suffix.lower()
    if readable != path:
        draft.notes.append(f"原件是 {suffix} 文件，网站只能发布 PDF、DOCX 或 OFD：已把 LibreOffice 转换成的 .docx 作为原件写出；"
                           "有正式的 PDF 版时请换上（改 original.file）")
    return readable.read_bytes(), readable.suffix.lower()


# --------------------------------------------------------------------------- placing and writing

def name_original(draft: ReportDraft, ident: str, year: object) -> None:
    """The original is written beside the YAML as <id>-<year>-pingjia.<pdf|docx|ofd>."""
    original = draft.data["original"]
    assert isinstance(original, dict)
    original["file"] = f"{ident}-{year}{FILE_SUFFIX}{draft.original_suffix}"


def render_report(draft: ReportDraft, source: Path, target: Path, report: FileReport,
                  site: SiteConfig) -> dict[Path, str | bytes]:
    """The YAML and the original beside it, checked together as `perfsite check` will check them."""
    original = draft.data["original"]
    assert isinstance(original, dict)
    header = [f"由 perfsite import 从「{source.name}」导入的绩效评价报告。导入时的判断写在相关键上方的注释里，请核对后再提交。",
              f"id {draft.data['id']} 与同一项目同一年度的自评表相同（网站据此把两者对应起来）；原件 {original['file']} 与本文件放在一起。"]
    if draft.data.get("indicators"):  # rules chosen as for a 自评's rows, on the table as a 自评 reads it
        view = {key: draft.data[key] for key in ("name", "year", "department", "groups", "indicators") if key in draft.data}
        guess_rules(Draft(view, draft.comments, draft.found, draft.notes), site, target.stem)
    missing = [key for key in ("evaluation", "evaluator", "conclusion", "indicators") if key not in draft.data]
    if missing:
        header.append("报告中找不到、须按原件手写的键（写好之前 perfsite check 会报错）：")
        header += [f"  {key}：{draft.unfound.get(key, '请按报告原件填写')}" for key in missing]
    text = dump(draft.data, draft.comments, header)
    loaded = verify(text, draft.data, target)
    with tempfile.TemporaryDirectory(prefix="perfsite-report-") as tmp:
        beside = Path(tmp) / str(original["file"])
        beside.write_bytes(draft.original)
        document, problems = document_of(loaded, Path(tmp) / target.name, str(target), site)
    report.problems = problems.items
    if isinstance(document, EvaluationReport) and document.scored is not None:
        scored = document.scored
        report.total = (f"{plain(scored.total)}（{scored.grade}）" if scored.total is not None and not scored.has_errors
                        else "无法计算（先改正下面的错误）")
    return {target: text, target.parent / str(original["file"]): draft.original}

