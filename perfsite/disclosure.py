"""Disclosure metadata and corrections: what a government disclosure page states about a document.

政府信息公开 pages carry 索引号, 文号, 发布机构, 发布日期 and 时效性; every document kind may give
them (发布日期 is the existing `published`). A published figure that is later corrected keeps a
更正记录 (date, what changed, why), so a correction is never a silent replacement.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from perfsite.dates import future_date, iso_date
from perfsite.problems import Problems
from perfsite.schema import check_keys, mapping_rows, shown, text_field
from perfsite.values import PLACEHOLDERS

CORRECTION_KEYS = ("date", "what", "why")
CORRECTION_LABEL = {"date": "更正日期", "what": "更正内容", "why": "更正原因"}

NOTHING_SAID = frozenset({"无", "暂无", "略", "空", "不详", "未知", "见附件", "同上", "待补充", "待定"})
"""Words that fill a 更正记录's 更正内容 or 更正原因 without saying anything (besides the
placeholders a cell may hold, values.PLACEHOLDERS): a correction whose reason is 「无」 is a
silent replacement with a record beside it."""

VALIDITY = ("有效", "失效", "废止", "已修订")
"""时效性 as disclosure catalogues give it; anything else is a typing slip worth asking about."""


@dataclass(frozen=True)
class Correction:
    """One entry of the 更正记录."""

    date: str
    """ISO date (2023-05-10)."""
    what: str
    """What changed (「预算执行率 由 95% 更正为 97.5%」)."""
    why: str
    """Why (「原表抄录错误」)."""
    line: int | None = None


@dataclass(frozen=True)
class Disclosure:
    """The metadata of one document; empty text where not given."""

    index_no: str = ""
    """索引号 (catalogue number of the disclosure platform)."""
    doc_no: str = ""
    """文号 (e.g. 曲财绩〔2022〕3号)."""
    issuer: str = ""
    """发布机构."""
    validity: str = ""
    """时效性: one of VALIDITY."""
    corrections: tuple[Correction, ...] = field(default_factory=tuple)
    """Oldest first, as the file lists them (checked to be in date order)."""

    @property
    def empty(self) -> bool:
        return not (self.index_no or self.doc_no or self.issuer or self.validity or self.corrections)


def read_disclosure(data: Mapping[str, object], published: str, problems: Problems) -> Disclosure:
    """The disclosure keys (schema.DISCLOSURE_KEYS) of a document's top level; `published` is its checked ISO 发布日期 ("" if none)."""
    validity = text_field(data, "validity", (), problems)
    if validity and validity not in VALIDITY:
        problems.error(("validity",), f"validity（时效性）只能是 {'、'.join(VALIDITY)}，而不是「{shown(validity)}」")
    found = Disclosure(
        index_no=text_field(data, "index_no", (), problems), doc_no=text_field(data, "doc_no", (), problems),
        issuer=text_field(data, "issuer", (), problems), validity=validity,
        corrections=_corrections(data.get("corrections"), published, problems),
    )
    if found.corrections and data.get("published") is None:
        problems.warning(("corrections",), "有更正记录，但没有写 published（发布日期）：读者看不出更正是在公开之后，"
                         "网站也无法核对更正日期，请照原件补上发布日期")
    return NO_DISCLOSURE if found.empty else found


def corrected_after(d: Disclosure, date: str) -> tuple[Correction, ...]:
    """The corrections of a document dated after `date` (another document's 发布日期; none when
    that is not known, "": nothing can be said to come after it): a 自评 that agrees with a
    绩效目标表 corrected after it was published agrees with targets set since, not 「年初」."""
    return tuple(c for c in d.corrections if c.date > date) if date else ()


_CLAUSE = re.compile(r"[，；;。\n]|,(?!\d{3})")  # 1,200 is one number, not two clauses
_CORRECTED = re.compile(r"^(?P<subject>.*?)由\s*(?P<before>.+?)\s*(?:更正|改正|修改|调整)为\s*(?P<after>.+?)\s*$")
_FIGURE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class CorrectedTo:
    """A figure a 更正记录 says was corrected: 「该项得分由 9.39 更正为 9.20」 is (subject 「该项得分」,
    before 「9.39」, after 「9.20」), `index` the entry of the record (oldest first)."""

    index: int
    subject: str
    before: str
    after: str


def corrected_to(d: Disclosure) -> list[CorrectedTo]:
    """Each 「X 由 A 更正为 B」 clause of the 更正记录, in order: the page prints the record beside the
    figures, so a record naming B beside a page that prints A publishes two figures for one cell
    (the file's figure left uncorrected, or the record mistyped)."""
    return [CorrectedTo(index, match["subject"].strip(), match["before"], match["after"])
            for index, c in enumerate(d.corrections) for clause in _CLAUSE.split(c.what)
            if (match := _CORRECTED.match(clause.strip()))]


def figures(text: str) -> tuple[Decimal, ...]:
    """The numbers written in a text (「1,200人」 → 1200, 「84.6%」 → 84.6), as a 更正记录 and a cell are compared."""
    return tuple(Decimal(n.replace(",", "")) for n in _FIGURE.findall(text))


NO_DISCLOSURE = Disclosure()
"""Shared by every document that gives none (most): one object, not one per programme."""


def published_disclosure(d: Disclosure) -> dict[str, object]:
    """The disclosure as every document's record publishes it (docs/json.md `disclosure`): the
    four texts, None where not given, and the 更正记录 oldest first. A document without any
    shares one dict (records only read it)."""
    if d is NO_DISCLOSURE:
        return _NONE_PUBLISHED
    return {"index_no": d.index_no or None, "doc_no": d.doc_no or None, "issuer": d.issuer or None,
            "validity": d.validity or None,
            "corrections": [{"date": c.date, "what": c.what, "why": c.why} for c in d.corrections]}


_NONE_PUBLISHED: dict[str, object] = {"index_no": None, "doc_no": None, "issuer": None, "validity": None,
                                      "corrections": []}


def _corrections(raw: object, published: str, problems: Problems) -> tuple[Correction, ...]:
    if raw is None:
        return ()
    found: list[Correction] = []
    for path, row in mapping_rows(
            raw, "corrections", problems,
            "corrections（更正记录）应是列表，每项写 date、what、why，例如 "
            "- {date: 2023-05-10, what: 预算执行率由95%更正为97.5%, why: 原表抄录错误}",
            lambda kind: f"每条更正记录应是键值映射（date、what、why），而不是{kind}"):
        check_keys(row, CORRECTION_KEYS, path, problems, CORRECTION_KEYS)
        written = text_field(row, "date", path, problems)
        date = iso_date(written) if written else None
        if written and date is None:
            problems.error((*path, "date"), f"更正日期应是日期，如 2023-05-10，而不是「{shown(written)}」")
        future = future_date(date or "", "更正日期")
        if future:
            problems.error((*path, "date"), future)
        elif date and published and date < published:
            problems.error((*path, "date"), f"更正日期 {date} 早于发布日期 {published}：更正只能在发布之后")
        if date and found and found[-1].date and date < found[-1].date:
            problems.error((*path, "date"), f"更正记录应按日期先后排列：{date} 早于上一条的 {found[-1].date}")
        what, why = text_field(row, "what", path, problems), text_field(row, "why", path, problems)
        for key, text in (("what", what), ("why", why)):
            if not text and row.get(key) is not None:
                problems.error((*path, key), f"更正记录的 {key}（{CORRECTION_LABEL[key]}）不能是空的")
            elif text and (text.replace(" ", "").replace("\u3000", "") in PLACEHOLDERS or text in NOTHING_SAID):
                problems.error((*path, key), f"更正记录的 {key}（{CORRECTION_LABEL[key]}）写的是「{shown(text)}」，"
                               f"等于没有写：请写明{CORRECTION_LABEL[key]}，读者据此判断哪个数可信")
        found.append(Correction(date or "", what, why, problems.line_of(path)))
    return tuple(found)
