"""What the prose of a report says: headed sections, title, name, year, department, total, grade.

Headings are recognised by Word's heading styles and by the numbering Chinese reports use
(一、 （一） 1. （1）); a numbered line is a heading only when it is short and not a sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from perfsite.importing.docx_reader import Para
from perfsite.importing.grid import compact
from perfsite.importing.labels import LABEL_LINE, NAME_LINE_LABELS, unit_labels

_NUMBERING = [
    (1, re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、.．]\s*")),
    (2, re.compile(r"^[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]\s*[、.．]?\s*")),
    (3, re.compile(r"^\d{1,2}\s*[、.．](?!\d)\s*")),
    (4, re.compile(r"^[（(]\s*\d{1,2}\s*[)）]\s*[、.．]?\s*")),
]
_ATTACHMENT = re.compile(r"^附\s*件\s*\d*")
_SENTENCE_END = tuple("。；;，,：:！？")
_YEAR = re.compile(r"[（(]?\s*((?:19|20)\d{2})\s*年度?\s*[)）]?")
_NUMERAL_YEAR = re.compile(r"[〇○零Ｏ一二三四五六七八九]{4}(?=年)")
"""A year in Chinese numerals, digit by digit (「二〇二一年度」): read as four digits, one for one."""
_NUMERAL_DIGITS = str.maketrans("〇○零Ｏ一二三四五六七八九", "0000123456789")
_DAY = r"(?:19|20)\d{2}(?:年(?:\d{1,2}月(?:\d{1,2}[日号])?)?|[-./]\d{1,2}(?:[-./]\d{1,2})?)?"
_DATED = re.compile(r"((?:填报|填表|报告|制表|报送|编制|公布|发布|打印|成文)(?:日期|时间)|日期)([：:]?)(" + _DAY + ")")
"""A labelled day (「填报日期：2022年3月20日」, 「日期:2023.1.10」): the year in it is the year the form was
filled in or published, usually the year after the one evaluated, never that one."""
_LEADING_DAY = re.compile("^" + _DAY)
_TITLE_WORDS = re.compile(r"绩效|自评|评价")
_TITLE_TAIL = re.compile(
    r"(?:的)?(?:财政|部门|第三方)?(?:重点)?(?:项目支出|项目|支出)?(?:整体)?绩效(?:目标)?(?:自评价?|评价|自我评价)(?:工作)?"
    r"(?:报告|表|结果)?.*$")
"""What follows a programme's name in a title, the year taken out: 「项目支出绩效自评报告」, 「财政重点绩效评价报告」."""
_FORM_KIND = re.compile(r"(?:财政|部门)?(?:项目支出|项目|支出)?(?:整体)?(?:支出)?绩效(?:目标)?(?:自评价?|评价|目标申报)?(?:表|报告)?")
"""A title naming only the form: 「项目支出绩效自评表」「部门整体支出绩效自评表」, not 「绩效自评工作总结」."""
_REGION = re.compile(r"^((?:[\u4e00-\u9fff]{2,7}?(?:省(?![级直])|自治区(?!级)))?(?:[\u4e00-\u9fff]{1,6}?(?:市(?![场级民政])|自治州|盟))?"
                     r"(?:[\u4e00-\u9fff]{1,6}?(?:县(?![级域城])|旗)|[\u4e00-\u9fff]{2,3}区(?![域级]))?)(?=\S{2,})")
_TOTAL = re.compile(r"(?:总得分|总分|综合得分|自评总分|自评得分|最终得分|评价得分)\s*(?:为|是|：|:)?\s*"
                    r"(\d{1,3}(?:\.\d+)?)\s*分")
GRADE_WORD = r"(优秀|良好|中等|合格|较差|不合格|优|良|中|差)(?=[”\"'’」』）)]|等|级|[，,。；;、\s]|$)"
"""A grade word that ends there: 「良」「“优秀”等级」, never the 优 of 「优于上年」 or the 中 of 「中期」."""
_GRADE = re.compile(r"^[^。]{0,20}?(?:属于|等级为|等次为|评定为|评价为|为|，|,|(?=[（(]))\s*[“\"'‘「『（(]?\s*"
                    + GRADE_WORD + r"(?:等级|等次|级)?[”\"'’」』）)]?")
_DEPARTMENT = re.compile("(" + "|".join(sorted(unit_labels("department", "implementer", "unit"), key=len, reverse=True))
                         + r")\s*[（(]?[^)）:：]{0,6}[)）]?\s*[:：]\s*([^\s，,。；;]{2,40})")
"""「主管部门（盖章）：X」 in a report's text: the unit a report names when no table does."""
_NAME_LABEL = re.compile(r"^(?:附\s*[件表]\s*[\d一二三四五六七八九十]*\s*[：:.．、]?|[^：:]{2,8}[：:])\s*")
"""The label a title line starts with (「项目名称：X绩效评价」, 「附件1：X项目支出绩效自评表」, 「附件1X…」):
no part of the programme's name."""
_PROSE_NAME = re.compile(r"([^\s，,。：:；;“”\"]{2,30}?)(?:项目)?(?:绩效)?自评价?结果")
_DATE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?$")
ORG = re.compile(r"(?:局|委员会|委|中心|办公室|办|厅|院|站|所|处|部|公司|学校|医院|政府)$")
"""How the name of a unit ends (a department, a school, a company): 「示例县教育局」, not 「教育」."""


@dataclass
class Prose:
    """The prose of a Word report, split into titles, sections and what could not be placed."""

    titles: list[str] = field(default_factory=list)
    sections: list[tuple[str, str]] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    """Closing lines under the last section (unit, date): never section text."""
    paragraphs: list[str] = field(default_factory=list)
    """All text, for name/year/total searches."""


def heading(para: Para) -> tuple[int, str] | None:
    """(level, title without numbering) when the paragraph is a heading."""
    text = para.text.strip()
    if not text or len(text) > 60:
        return None
    for level, pattern in _NUMBERING:
        found = pattern.match(text)
        if found:
            title = text[found.end():].strip().rstrip("：:")
            if title and len(title) <= 40 and not text.endswith(_SENTENCE_END) and "。" not in title:
                return (para.outline or level), title
            return None
    if para.outline is not None and not text.endswith(_SENTENCE_END[:2]):
        return para.outline, text.rstrip("：:")
    return None


def split_prose(paragraphs: list[Para]) -> Prose:
    """Sections are the headings that have text under them; a heading with only tables is skipped."""
    prose = Prose(paragraphs=[p.text for p in paragraphs if p.text])
    current: tuple[str, list[str]] | None = None
    in_attachment = False
    seen_heading = False
    parents: dict[int, str] = {}
    chunks: list[tuple[str, list[str]]] = []
    for para in paragraphs:
        text = para.text.strip()
        if not text:
            continue
        if _ATTACHMENT.match(text):
            in_attachment, current = True, None
            prose.titles.append(text)
            continue
        found = heading(para)
        if found and not in_attachment:
            level, title = found
            seen_heading = True
            parents = {k: v for k, v in parents.items() if k < level}
            parent = parents[max(parents)] if parents else ""
            parents[level] = title
            current = (_unique(title, parent, chunks), [])
            chunks.append(current)
            continue
        if current is None or in_attachment or not seen_heading:
            prose.titles.append(text)
            continue
        current[1].append(text)
    if chunks:
        last = chunks[-1][1]
        while last and (_DATE.match(last[-1]) or (len(last[-1]) <= 25 and ORG.search(last[-1]))):
            prose.signature.insert(0, last.pop())
    prose.sections = [(title, "\n\n".join(body)) for title, body in chunks if body]
    return prose


def _unique(title: str, parent: str, chunks: list[tuple[str, list[str]]]) -> str:
    taken = {t for t, _ in chunks}
    if title not in taken:
        return title
    candidate = f"{title}（{parent}）" if parent else title
    n = 2
    while candidate in taken:
        candidate = f"{title}（{n}）"
        n += 1
    return candidate


_SENTENCE = re.compile(r"[，,].*[。；;！？!?]$")
"""Clauses ending in a full stop: a paragraph's sentence. No title ends so (「…项目支出绩效自评报告」)."""


def title_facts(title: str) -> dict[str, str]:
    """「曲沃县“小升规”企业奖励资金2021年度项目支出绩效自评报告」 → name, year, region; a title in
    traditional characters (「2020年度項目支出績效自評表」) is read alike, its name kept as printed."""
    text = re.sub(r"\s+", "", title)
    simple = year_text(text)  # one character for one: a match in it is at the same place in `text`
    if not _TITLE_WORDS.search(simple) or (LABEL_LINE.match(simple) and not _TITLE_TAIL.search(simple)):
        return {}
    if _SENTENCE.search(simple):
        return {}  # 「2024年度，我单位…开展了绩效自评，…。」 under a 决算's forms: a sentence, no title
    out: dict[str, str] = {}
    year = _YEAR.search(simple)
    if year:
        out["year"] = year[1]
        text, simple = (t[: year.start()] + t[year.end():] for t in (text, simple))
    label = _NAME_LABEL.match(simple)
    if label and not label[0].startswith("附") and re.sub(r"[：:\s]", "", label[0]) not in NAME_LINE_LABELS:
        return {}  # 「评价方式：单位绩效自评」: a labelled line about something else than the name
    if label:
        text, simple = text[label.end():], simple[label.end():]
    if simple.startswith("关于"):
        text, simple = text[2:], simple[2:]
    tail = _TITLE_TAIL.search(simple)
    name = (text[: tail.start()] if tail else text).strip("　 ，,。:：")
    if _FORM_KIND.fullmatch(compact(name)):
        return {}  # 「项目支出绩效表」「绩效目标表」 above a form: the kind of form, no programme's name
    region = _REGION.match(compact(name))
    if region and region[1]:
        out["region"] = name[: region.end(1)]
        name = name[region.end(1):]
    if name:
        out["name"] = name
    return out if "name" in out else {}


def year_text(line: str) -> str:
    """The line as its year is looked for in it: compact (one character for one, so a match is at the
    same place in the line without its spaces), a year in Chinese numerals in digits, and a labelled day
    blotted out after its label (「填报日期：2023年1月10日」 → 「填报日期___________」), so that
    「（2021年）填报日期：2023年1月10日」 gives 2021 and a line that is a label gives no title (title_facts)."""
    simple = _NUMERAL_YEAR.sub(lambda m: m[0].translate(_NUMERAL_DIGITS), compact(line))
    return _DATED.sub(lambda m: m[1] + m[2] + "_" * len(m[3]), simple)


def year_of_form_title(line: str) -> str | None:
    """The year of a line that names only a year and the form: 「(2021年度)」「2021年度)」「2022年度项目支出绩效自评表」
    「2020年度項目支出績效自評表」「（二〇二一年度）」 (no programme in it), beside a labelled day at most, else None."""
    simple = year_text(line)
    year = _YEAR.search(simple)
    if year is None:
        return None
    rest = _NAME_LABEL.sub("", (simple[: year.start()] + simple[year.end():])).strip("()（）_")
    return year[1] if not rest or _FORM_KIND.fullmatch(rest) else None


def is_form_kind(line: str) -> bool:
    """A line naming only the form (「项目支出绩效自评表」 above 南华's table): its title, no content to place."""
    return bool(_FORM_KIND.fullmatch(compact(line)))


def year_after_day(filled: str) -> str | None:
    """A year line printed in the 填报日期's cell after its day (「2023年1月10日（2021年度）」): the year
    evaluated, which the day before it is not."""
    day = _LEADING_DAY.match(year_text(filled))
    return year_of_form_title(year_text(filled)[day.end():]) if day and day.end() else None


def place_of(name: str) -> str | None:
    """The place a unit's name starts with: 「上海市普陀区体育局」 → 上海市普陀区, 「中江县水利局」 → 中江县."""
    found = _REGION.match(re.sub(r"\s+", "", name))
    return found[1] if found and found[1] else None


def prose_year(paragraphs: list[str]) -> str | None:
    """The year the text speaks of most (「2021年度」 before 「2021年」)."""
    for pattern in (r"((?:19|20)\d{2})\s*年度", r"((?:19|20)\d{2})\s*年"):
        counts = Counter(m for p in paragraphs for m in re.findall(pattern, p))
        if counts:
            return counts.most_common(1)[0][0]
    return None


def prose_total(paragraphs: list[str]) -> tuple[str | None, str | None, str]:
    """(score, grade, the words they were read from) from 「总得分99.1分，属于"优秀"」."""
    for para in paragraphs:
        found = _TOTAL.search(para)
        if found:
            grade = _GRADE.match(para[found.end():])
            end = found.end() + (grade.end() if grade else 0)
            return found[1], (grade[1] if grade else None), para[found.start():end]
    return None, None, ""


def prose_department(paragraphs: list[str]) -> str | None:
    for para in paragraphs:
        found = _DEPARTMENT.search(para)
        if found:
            return found[2]
    return None


def prose_name(paragraphs: list[str]) -> str | None:
    """Last resort: 「小升规企业奖励资金项目绩效自评价结果为」."""
    for para in paragraphs:
        found = _PROSE_NAME.search(para)
        if found:
            return found[1]
    return None

