"""Turn what was recognised into a programme mapping (the contract's keys), noting every judgement.

Precedence where sources overlap: a table's facts (项目名称 | …) over the title over the prose;
the 附件 自评表 (it has 一级指标, usually 完成率) over the per-section tables, which only
cross-check it; the report's own sentence for the total over a 合计 row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from perfsite.dates import iso_date
from perfsite.decimals import HUNDRED, as_printed, parse_decimal, plain, q2
from perfsite.importing.datetext import arabic, form_date
from perfsite.importing.grid import compact, footnote_mark, unprinted
from perfsite.importing.group_scores import SAID as GROUP_SAID
from perfsite.importing.labels import (
    CURRENCY_SIGNS,
    LABEL_LINE,
    MONEY_EXPONENT,
    bare,
    money_unit,
    names_code,
    no_figure,
    stated_unit,
)
from perfsite.importing.name_points import lost_brackets
from perfsite.importing.row_figures import mark_note
from perfsite.importing.sniff import ImportFailure
from perfsite.importing.tables import BudgetTable, Found, IndicatorTable
from perfsite.importing.text import (
    ORG,
    Prose,
    place_of,
    prose_department,
    prose_name,
    prose_total,
    prose_year,
    title_facts,
    year_after_day,
    year_of_form_title,
    year_text,
)
from perfsite.importing.writer import Comments, Num
from perfsite.reader import split_subtotal
from perfsite.schema import EVALUATIONS
from perfsite.values import BRACKETED, PLACEHOLDERS, SIGN_CHARACTERS, UNSTATED, Comparator, parse_value, uncertain_word

LEVEL_SOURCES = ("central", "provincial", "municipal", "county")
PART_SOURCES = (*LEVEL_SOURCES, "carryover", "other")
ITEM_ORDER = ("level1", "level2", "name", "weight", "target", "actual", "completion", "score", "rule",
              "rule_text", "remark", "applicable")
_DIGITS = ("０１２３４５６７８９．％", "0123456789.%")
_FIGURE_WIDTH = str.maketrans(*_DIGITS)
"""Full-width digits a Chinese input method types (「≥９５％」): the same figure as ``≥95%``. Only
digits, the decimal point and ％ are made half-width in a target text; 「，」 and 「（」 there are prose."""
_FULL_WIDTH = str.maketrans(_DIGITS[0] + "，－", _DIGITS[1] + ",-")
NO_INDICATOR_TABLE = "没有找到绩效指标表（"
"""The start of the failure for a file with no indicator table at all (another reader may say more)."""


def half_width_figures(text: str) -> str:
    """A target or actual as the clerk typed it, its full-width digits, point and ％ made half-width."""
    return text.translate(_FIGURE_WIDTH)


_LEVEL1_FROM_CAPTION = (("预算执行", "预算执行指标"), ("产出", "产出指标"), ("效益", "效益指标"),
                        ("满意", "满意度指标"), ("决策", "决策"), ("过程", "过程"))
NO_IMPLEMENTER = "自评表的数据格式没有实施单位一项（implementer 只属于绩效目标表），department 写主管部门"
EXECUTION_ROW = {"level1": "过程指标", "level2": "预算执行", "name": "预算执行率"}
"""The levels of a 预算执行率 line the form prints as a money block with no levels of its own: one name for a
programme's and a department's (docs/data-format.md's examples file it under 过程指标 / 预算执行), so two
imports never name one line two ways and a department's two documents pair it by path."""


@dataclass
class Draft:
    """A programme mapping in the contract's key order, its YAML comments and the clerk's report."""

    data: dict[str, object] = field(default_factory=dict)
    comments: Comments = field(default_factory=dict)
    found: list[str] = field(default_factory=list)
    """What was found (name, year, N indicators …), one line each."""
    notes: list[str] = field(default_factory=list)
    """Judgements and cross-check differences the clerk should look at."""
    tables_used: str = ""
    stated_id: str = ""
    """The 网址编号 a template's 项目信息 states (pipeline): the id it is written under where free. A
    published form's 项目编号 is the budget system's code, not a web address, so only the template's."""
    printed: dict[tuple[object, ...], str] = field(default_factory=dict)
    """Key path → the text the form printed, where the file writes the value otherwise (an 执行率 printed as the
    fraction 0.95, written 95%) or where it is a fraction written as printed (0.1): a note quoting the form
    quotes this, and reads it as the fraction it is."""

    def comment(self, path: tuple[object, ...], *lines: str) -> None:
        self.comments.setdefault(path, []).extend(lines)


@dataclass
class Hints:
    """Fallbacks from the command line, used only where the file says nothing."""

    name: str | None = None
    year: str | None = None
    evaluation: str | None = None
    """部门评价, 财政评价 or 第三方评价: the file is an evaluation report (perfsite.importing.report_form)."""
    evaluator: str | None = None


def number(text: str | None, *, percent: bool = False) -> Num | None:
    """A published figure as text (``3.00``, ``4,700.90``); None for blanks and placeholders.

    With `percent`, ``20%`` reads as 20: forms that head the column 权重 write weights that sum to 100%.
    """
    if text is None:
        return None
    t = text.translate(_FULL_WIDTH).strip().removesuffix("分").removesuffix("万元").strip()
    if percent:
        t = t.removesuffix("%").removesuffix("％").strip()
    if t in PLACEHOLDERS:
        return None
    return Num(t) if parse_decimal(t) is not None else None


NO_AMOUNT = PLACEHOLDERS | {"无"}
"""An amount cell saying there is no money: the contract's placeholders, and 「无」, which in a target
or an actual is a finding (「无上访」) but in an amount cell only means none."""
_AMOUNT = re.compile(r"(?P<num>[0-9][0-9,]*(?:\.[0-9]+)?)\s*(?P<unit>万元|千元|元|万|亿元)?")


def amount(text: str, unit: str, unstated: str = "") -> tuple[Num | None, str]:
    """(figure in the table's `unit`, the unit the cell wrote or ""): ``387,664.62元`` in 万元 is 38.76646200.
    A figure written without a unit is in `unstated` (the 千元 the table states), else in `unit`.

    Converting between units only moves the decimal point (Decimal.scaleb), so no digit is lost.
    The figure is written without thousands separators, as a converted one is and as Excel's number
    1234.5 in ``#,##0.00`` is (「1234.50」): one spelling for one figure whichever way the clerk typed it,
    and a plain YAML number that needs no quotes inside ``{county: …}`` (docs/data-format.md).
    """
    t = text.translate(_FULL_WIDTH).strip()
    if t in NO_AMOUNT:
        return None, ""
    found = _AMOUNT.fullmatch(t)
    if not found:
        return None, ""
    value = parse_decimal(found["num"])
    if value is None:
        return None, ""
    said = found["unit"] or ""
    source = said or unstated or unit
    if MONEY_EXPONENT[source] == MONEY_EXPONENT[unit]:
        return Num(found["num"].replace(",", "")), said
    moved = value.scaleb(MONEY_EXPONENT[source] - MONEY_EXPONENT[unit])
    return Num(f"{moved:f}"), said


def marked_amount(text: str, unit: str, unstated: str = "") -> tuple[Num | None, str, tuple[str, str] | None]:
    """`amount`, and for a text that is no amount for a footnote mark after it (「114¹」, 「100.00*」)
    the amount before the mark and (the figure, the mark) for the note (`row_figures.mark_note`),
    as a figure cell is read: glued on, the mark made the amount 「不是金额」. None where unmarked."""
    value, said = amount(text, unit, unstated)
    if value is None and (split := footnote_mark(text)) and (read := amount(split[0], unit, unstated))[0] is not None:
        return *read, split
    return value, said, None


def money_units(stated: str, written: Iterable[str]) -> tuple[str, str]:
    """(the unit the data file is written in, the unit of a figure the form writes without one).

    The unit the form states (its header, a 金额单位 line) wins; 千元 and 亿元, which the data format
    has not, are written in 万元. Without one, the unit every amount cell writes (all 「…元」: 元),
    else 万元, the templates' unit."""
    stated = money_unit(stated)
    if stated in ("元", "万元"):
        return stated, stated
    if stated:
        return "万元", stated
    seen = {"万元" if w == "万" else w for w in written} - {""}
    return ("元", "元") if seen == {"元"} else ("万元", "万元")


def converted_note(unstated: str, unit: str, what: str) -> str:
    """What the clerk is told of a table stated in 千元 or 亿元."""
    one = Decimal(1).scaleb(MONEY_EXPONENT[unstated] - MONEY_EXPONENT[unit])
    return (f"原表{what}的金额单位是{unstated}（数据格式只有万元和元）：各金额已换算为{unit}写入"
            f"（1 {unstated} = {one:f} {unit}，只移动小数点），请核对")


_LEAD_AND_PARTS = re.compile(r"(?P<lead>[0-9][0-9,]*(?:\.[0-9]+)?\s*(?:万元|元|万|亿元)?)\s*[（(](?P<parts>[^（()）]+)[)）]")
_BOUND = re.compile("不超过|不低于|不少于|不高于|以上|以下|以内|[" + re.escape("".join(
    SIGN_CHARACTERS[c] for c in (Comparator.GT, Comparator.GE, Comparator.LT, Comparator.LE))) + "]")
"""Words that make the figure a bound, not the amount (an estimate's words: `uncertain_word`)."""
_NAMED_AMOUNT = re.compile(r"(?P<words>[^0-9０-９]*[^0-9０-９\s:：,，.．])\s*(?P<amount>[0-9][0-9,]*(?:\.[0-9]+)?\s*(?:万元|元|万|亿元)?)")


_MONEY_NOUN = re.compile(r"(?:资金|经费|补助|补贴|拨款|专款|投资|预算|金额|总额|合计|小计|总计)$")
"""How the name of a sum of money ends (「少数民族发展资金」, 「中央衔接推进乡村振兴补助资金」, 「合计」)."""
OTHER_MONEY = re.compile("节约|节余|节省|结余|剩余|余额|结转|收回|退回|返还|缺口|差额|超支|超出|不足|未(?!成年)|尚|"
                         "欠(?!发达)|调减|调增|追加|减少|增加|滞留|沉淀|闲置|违规|挪用|损失|浪费|应付|待")
"""Words that make a named sum another sum than the cell's (「节约资金50」 in a 全年执行数 cell is what was
saved, 「未到位资金20」 what never came): the figure after them is not the cell's amount."""


def money_name(words: str) -> bool:
    """Whether the words before a figure in a money cell name the money itself: a fund or a source
    (「中央衔接资金」, 「其他资金」, 「合计」, a note in brackets aside) with no word of another sum
    (OTHER_MONEY). Any other words (「节约资金」, 「已完成」, 「项目」) say the figure is something else, or
    nothing a reader can tell: the cell is kept as written, never read as the figure after them."""
    name = BRACKETED.sub("", re.sub(r"[（(][^（()）]*[)）]", "", words)).strip(" :：")
    return bool(_MONEY_NOUN.search(name)) and OTHER_MONEY.search(name) is None


def before_figure(words: str, what: str) -> str:
    """What a note says of the words `other_words` found before the figure of a money cell for `what` (「年初预算数」):
    a currency sign (「¥3,000」) is no name of another sum but leaves the unit unknown (元, or the table's 万元)."""
    if words in CURRENCY_SIGNS:
        return f"数字前的「{words}」是货币符号，看不出这个数的单位是元还是表头写的单位"
    return f"数字前的「{words}」不是这笔资金的名称，这个数不一定是{what}"


def other_words(text: str) -> str | None:
    """The words before the one figure of a money cell where they name no sum of it (`money_name`):
    「节约资金」 of 「节约资金50」; None for any other text, and for an estimate (「预计120万元」: `uncertain_word`)."""
    found = _NAMED_AMOUNT.fullmatch(text.translate(_FULL_WIDTH).strip())
    return found["words"].strip() if found and not money_name(found["words"]) and not uncertain_word(text) else None


_NEGATIVE = re.compile(r"[-−－–—]\s*[0-9]|[（(]\s*[0-9][0-9,]*(?:\.[0-9]+)?\s*[)）]")
"""「-10.00」, 「−10」 and the accounting format's 「(10.00)」: a minus sign, not the name of the money."""


def negative_amount(text: str) -> bool:
    """Whether a money cell writes a negative amount. The data format has no negative money (a refund or
    an adjustment is not a source of funds), so such a cell is left out and named, never read as the
    figure after the sign."""
    t = text.translate(_FULL_WIDTH).strip()
    return bool(_NEGATIVE.match(t))


def amount_in_words(text: str, unit: str) -> tuple[Num | None, str, str]:
    """(figure, unit written, how it was read) for an amount a clerk wrote inside words, or (None, "", "").

    Read only when the words leave one reading, never guessed: an amount followed by its breakdown in
    brackets that adds up to it (``854万(高标准农田建设400万元,示范建设295万元,畅通工程159万元)``), or
    one figure after the name of the money (``中央衔接推进乡村振兴补助资金(少数民族发展任务)50``, no other
    digit in the cell). ``854万854万(…)`` has two leading figures and stays unread, and so does an
    estimate (「预计120万元」, 「120万元左右」: `uncertain_word`), no amount the site may publish.
    """
    t = text.translate(_FULL_WIDTH).strip()
    if uncertain_word(t):
        return None, "", ""
    found = _LEAD_AND_PARTS.fullmatch(t)
    if found:
        lead, said = amount(found["lead"], unit)
        parts = [amount(m[0], unit)[0] for m in _AMOUNT.finditer(found["parts"])]
        if lead is not None and parts and None not in parts:
            added = sum((Decimal(str(p)) for p in parts), Decimal(0))
            if added == Decimal(str(lead)):
                return lead, said, f"按开头的金额 {lead} 写入（括号中各项之和 {plain(added)} 与它相符）"
        return None, "", ""
    found = _NAMED_AMOUNT.fullmatch(t)
    if found and money_name(found["words"]) and not _BOUND.search(BRACKETED.sub("", found["words"])) and not negative_amount(t):
        value, said = amount(found["amount"], unit)
        if value is not None:
            return value, said, f"按「{found['words'].strip()}」后面的金额 {value} 写入"
    return None, "", ""


def assemble(source: str, found: Found, prose: Prose, headers: list[str], hints: Hints, *,
             execution_row: Mapping[str, str] = EXECUTION_ROW) -> Draft:
    """The 自评 mapping; `execution_row` names the levels of a 预算执行率 line made from the budget
    block (the form prints it outside the indicator table, so the importer names its levels)."""
    draft = Draft()
    facts = found.facts
    titles = [*prose.titles, *found.titles, *headers]
    said = "" if "unit_of_money" in facts else next((u for t in prose.titles if (u := stated_unit(t))), "")
    if said:  # 「单位：元」 in a paragraph above a Word table, as a cell above the form says it in Excel
        facts["unit_of_money"] = said
    from_title = next((f for f in map(title_facts, titles) if f), {})
    _not_a_form(found, titles)
    name = facts.get("name") or from_title.get("name") or hints.name
    if name:
        name, code = without_code(name)
        if code:
            draft.comment(("name",), f"原表的项目名称前有编码 {code}，已去掉。")
    if not name:
        name = prose_name(prose.paragraphs)
        if name:
            draft.notes.append(f"项目名称「{name}」取自正文的评价结论，请核对全称")
    if not name:
        raise ImportFailure("找不到项目名称（标题、表格中的「项目名称」和正文都没有）：可用 --name 指定")
    year = stated_year(draft, facts, from_title, titles, source, name, prose, hints)
    data = draft.data
    data["name"] = name
    data["year"] = Num(year)
    _department(draft, facts, prose, found.fact_labels)
    region = _region(draft, facts, from_title, source)
    if region:
        data["region"] = region
    _evaluation(draft, found, "单位自评" if any("自评" in t for t in [*titles, source]) else "")
    for key in ("evaluator", "series"):
        if facts.get(key):
            data[key] = facts[key]
    if facts.get("published"):
        _published(draft, facts["published"], found.fact_refs.get("published", ""))
    data["source"] = source
    sections = [*prose.sections, *found.sections]
    if sections:
        data["sections"] = dict(sections)
    budget_table = next((b for b in found.budgets if b.rows), None)
    budget = _budget(draft, budget_table, facts) if budget_table else None
    if budget:
        data["budget"] = budget
    else:
        _unwritten_budget(draft)
    items = _indicators(draft, found, budget_table, execution_row)
    groups = _groups(items)
    if groups:
        data["groups"] = groups
    data["indicators"] = items
    _reported(draft, found, facts, prose)
    _unfilled(draft, items)
    if budget and budget_table and budget_table.read_as:
        draft.notes.append(budget_table.read_as([key for key in budget if key in _ROW_WORD]))
    draft.notes.extend(found.notes)
    _summary(draft, name, year, found, budget_table, sections, region)
    return draft


def _unwritten_budget(draft: Draft) -> None:
    """What the comments above ``budget`` said, above ``indicators`` where no budget row could be written
    (every amount 「###」 or no amount): the writer places a comment only above a key the file has."""
    lines = [line for path in [p for p in draft.comments if p[:1] == ("budget",)] for line in draft.comments.pop(path)]
    if lines:
        draft.comments.setdefault(("indicators",), [])[:0] = ["原表的预算执行情况表没有一行能写入 budget：", *dict.fromkeys(lines)]


def _year(text: str | None) -> str | None:
    found = re.search(r"(?:19|20)\d{2}", compact(arabic(text or "")))  # 「２０２２年」「二〇二二年」 too
    return found[0] if found else None


def _published(draft: Draft, written: str, ref: str) -> None:
    """公布日期 as the data format's day. A day the contract reads (「2023年12月31日」, 2023-12-31) is
    written as printed; one in Chinese numerals as ISO, the original in a comment. A date the form
    gives only to the month or the year (「2023年12月」, 「2023.12」, 「2023年度」) is not written: the
    contract's date is a day (the feed and the sitemap date the page by it), and 2023-12-01 is a
    day the form never said; the clerk is told, naming the cell, and a comment keeps the text."""
    if iso_date(written):
        draft.data["published"] = written
        return
    date = form_date(written)
    where = f"{ref}：" if ref else ""
    if date is not None and date.iso:
        draft.data["published"] = date.iso
        draft.comment(("published",), f"原表的公布日期写作「{written}」。")
        return
    if date is not None:
        draft.comment(("source",), f"原表的公布日期写作「{written}」，只写到{date.said}，没有写哪一天：published 未写入。")
        draft.notes.append(f"{where}公布日期「{written}」只写到{date.said}，没有写哪一天，未写入 published"
                           "（published 是具体的一天，不能替原表补上一个日子）：请按公开页面上的发布日期补上，"
                           "如 published: 2024-01-15，或不写")
        return
    draft.comment(("source",), f"原表的公布日期写作「{written}」，不是日期：published 未写入。")
    draft.notes.append(f"{where}公布日期「{written}」不是一个日期，未写入 published：请按公开页面上的发布日期补上，"
                       "如 published: 2024-01-15，或不写")


_FILE_YEAR = re.compile(r"(?<![0-9A-Za-z])((?:19|20)\d{2})(?![0-9A-Za-z])")
_NAME_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:年|—|-|～|~)")


def stated_year(draft: Draft, facts: dict[str, str], from_title: dict[str, str], titles: list[str],
                     source: str, name: str, prose: Prose, hints: Hints) -> str:
    """The year from the table, the title or the file name; weaker readings only with a note.

    A year inside the programme name (「2019年农村公路建设项目」) is usually the year evaluated but
    can be the year a multi-year programme began; 填报日期 is usually the year after.
    """
    stated = (_year(facts.get("year")) or from_title.get("year") or _title_year(titles)
              or year_after_day(facts.get("filled", "")) or _year_match(_FILE_YEAR, source.rsplit(".", 1)[0]))
    if stated:
        if hints.year and hints.year != stated:
            draft.notes.append(f"命令行给出年度 {hints.year}，但文件写的是 {stated}：以文件为准")
        if other := next(((t, y) for t in titles if (y := _title_year([t])) and y != stated), None):
            # A 自评报告 titled for one year whose appended 自评表 is titled for another: which is meant is not known.
            draft.notes.append(f"标题「{compact(other[0])[:40]}」写的是 {other[1]} 年度，与导入的评价年度 {stated} 不同"
                               f"（文件中的标题写了两个年度）：请核对原件，评价年度不对时改正 year")
        return stated
    guesses = [
        (_year_match(_NAME_YEAR, name), "评价年度 {} 取自项目名称「" + name + "」中的年份，请核对（多年项目的名称写的可能是起始年）"),
        (prose_year(prose.paragraphs), "评价年度 {} 是从正文中出现最多的年份推断的，请核对"),
    ]
    for year, note in guesses:
        if year:
            if hints.year and hints.year != year:
                draft.notes.append(f"命令行给出年度 {hints.year}，文件中只能推断出 {year}：采用命令行的 {hints.year}")
                return hints.year
            draft.notes.append(note.format(year))
            return year
    if hints.year:
        return hints.year
    filled = _year(facts.get("filled"))
    if filled:
        year = str(int(filled) - 1)
        draft.notes.append(f"文件中没有写评价年度：按填报日期「{facts['filled']}」的上一年推断为 {year}，请核对")
        return year
    raise ImportFailure(f"{NO_YEAR}：{YEAR_HOW}")


NO_YEAR = "找不到评价年度（标题、表格、文件名和正文都没有）"
YEAR_HOW = ("请对照原件或向填报单位确认这张表评价的是哪一年度的资金，再加上 --year 重新导入（如 --year 2023；"
            "只用于文件中找不到年度的表，写明了年度的照旧），或在文件中表格的标题里写明「（2023年度）」后再导入")
"""What a clerk does about a form that names no year: the importer never guesses one (a 中央 transfer's
区域绩效自评表 prints none, tests/forms/c03)."""


def unnamed(missing_name: str, facts: dict[str, str], from_title: dict[str, str], titles: list[str],
            source: str, prose: Prose, hints: Hints, what: str = "") -> ImportFailure:
    """The failure of a file with no programme (or department, `what` 「部门全称」) name, naming the year
    too when that is also missing, so that one run tells the clerk both options (--name and --year)
    rather than one failure after another."""
    try:
        stated_year(Draft(), facts, from_title, titles, source, "", prose, hints)
    except ImportFailure:
        return ImportFailure(f"{missing_name}，也{NO_YEAR}：可用 --name 和 --year 指定{what and what + '和年度'}")
    return ImportFailure(f"{missing_name}：可用 --name 指定{what}")


def _year_match(pattern: re.Pattern[str], text: str) -> str | None:
    found = pattern.search(text)
    return found[1] if found else None


def _title_year(titles: list[str]) -> str | None:
    """A title's 「2021年度」 (「二〇二一年度」, 「2021 年度」); or a year in 年 alone on a line that names nothing else
    than the form (银川's 「(2021年)」 under its title, tests/forms_layouts/l13). A labelled day on the line
    (「填报日期：2023年1月10日」) is never read for it: it names the year the form was filled in."""
    for title in titles:
        found = re.search(r"((?:19|20)\d{2})年度", year_text(title))
        if found:
            return found[1]
    return next((year for year in map(year_of_form_title, titles) if year), None)


_ORG_CODE = re.compile(r"^\s*(?:[\[【]\s*(\d[0-9A-Za-z_]{2,})\s*[\]】]|(\d[0-9A-Za-z_]{2,})\s*[-－—_.．、:：\s])\s*"
                       r"(?=[^\d\s])")
_MARKED_CODE = re.compile(r"^\s*(?:[\[【]\s*(\d[0-9A-Za-z_]{2,})\s*[\]】]|(\d[0-9A-Za-z_]{2,})\s*[-－—_.．、:：])\s*"
                          r"(?=[^\d\s])")
"""`_ORG_CODE` with a mark after the code, not a space alone: under a plain 「主管部门」 「110 指挥中心」 is
the unit's whole name (a public-security unit named by its emergency number)."""


def without_code(name: str, *, spaced: bool = True) -> tuple[str, str]:
    """(name, code) for 「219-池州市贵池区棠溪镇人民政府」, 「51000021R000000019951-工资性支出」: the
    finance system prefixes its unit or project code; with `spaced` False, digits and a space
    (「110 指挥中心」) are no code: only a label that names one (`labels.names_code`) says they are."""
    found = (_ORG_CODE if spaced else _MARKED_CODE).match(name)
    return (name[found.end():].strip(), found[1] or found[2]) if found else (name, "")


_TRAILING_CODE = re.compile(r"(?<=[\u4e00-\u9fff）)])\s*[\[【(（]?\s*(\d{6,}[0-9A-Za-z]*)\s*[\]】)）]?\s*$")
"""A unit's system code after its name: 「原州区宗教事务局116422210101621779」 under 「主管部门及代码」.
Six digits at least, so a name that ends with a year or a count keeps it."""


def unit_without_code(text: str, *, spaced: bool = True) -> tuple[str, str]:
    """(unit, code) with the finance system's code before (`without_code`) or after the unit's name."""
    name, code = without_code(text, spaced=spaced)
    if code:
        return name, code
    found = _TRAILING_CODE.search(name)
    return (name[:found.start()].strip(), found[1]) if found else (name, "")


def _region(draft: Draft, facts: dict[str, str], from_title: dict[str, str], source: str) -> str | None:
    """地区 as stated, else the place the title, the 主管部门, the 实施单位 or the file name starts with.

    A province alone from the 主管部门 is not taken: a 省财政厅 above a county's programme spends across
    the province; the unit's own name (实施单位, file name) does say where it is.
    """
    if facts.get("region") or from_title.get("region"):
        return facts.get("region") or from_title.get("region")
    for where, text in (("主管部门", facts.get("department", "")), ("实施单位", facts.get("unit", "")),
                        ("文件名", source.rsplit(".", 1)[0])):
        place = place_of(without_code(text)[0]) if text else None
        if place and not (where == "主管部门" and place.endswith(("省", "自治区"))):
            draft.comment(("region",), f"取自{where}「{text}」开头的地名。")
            return place
    return None


def _evaluation(draft: Draft, found: Found, inferred: str) -> None:
    """评价类型 as stated when it is one of the contract's words, else what the title says (自评); a
    stated one in other words (a template's ticked boxes 「□阶段评价 ☑结束评价」, 「委托评价」) is
    named, never dropped unsaid."""
    stated = found.facts.get("evaluation", "")
    evaluation = stated if stated in EVALUATIONS else inferred
    if evaluation:
        draft.data["evaluation"] = evaluation
    if stated and stated not in EVALUATIONS:
        label = found.fact_labels.get("evaluation", "评价类型")
        draft.notes.append(f"原表的「{label}：{stated}」不是评价类型的写法（{'、'.join(EVALUATIONS)}），未写入"
                           f"{f'，按标题写作「{evaluation}」' if evaluation else ''}：请核对 evaluation")


def _department(draft: Draft, facts: dict[str, str], prose: Prose, labels: Mapping[str, str]) -> None:
    codes = []
    for key in ("department", "unit"):
        if facts.get(key):
            facts[key], code = unit_without_code(facts[key], spaced=names_code(labels.get(key, "")))
            if code:
                codes.append(f"原表的{'主管部门' if key == 'department' else '实施单位'}带有单位编码 {code}，已去掉。")
    if codes:
        draft.comment(("department",), *codes)
    department = facts.get("department") or facts.get("unit") or prose_department(prose.paragraphs)
    if not department:
        org = next((line for line in prose.signature if not re.match(r"^\d", line)), None)
        if org:
            department = org
            draft.notes.append(f"主管部门「{org}」取自文末落款，请核对")
            draft.comment(("department",), "取自文末落款，请核对是否为主管部门全称。")
    if department:
        draft.data["department"] = department
        several = department.split()
        if len(several) > 1 and all(len(unit) >= 4 and ORG.search(unit) for unit in several):
            draft.notes.append(f"主管部门一格写了 {len(several)} 个单位（{'、'.join(several)}）：照原表写入，请只留下一个")
        if facts.get("department") and facts.get("unit") and facts["unit"] != department:
            draft.comment(("department",), f"原表的实施单位：{facts['unit']}（{NO_IMPLEMENTER}）。")
            draft.notes.append(f"实施单位「{facts['unit']}」写在 department 上方的注释中：{NO_IMPLEMENTER}")
        return
    draft.data["department"] = UNSTATED
    draft.comment(("department",), "原文没有写明主管部门或实施单位：按数据格式写「未载明」（check 会提示）。",
                  "知道部门全称时请改写。")
    draft.notes.append("原文没有写明主管部门：已写「未载明」，知道全称时请补上")


# --------------------------------------------------------------------------- indicators

NOT_A_FORM: tuple[tuple[str, str], ...] = (
    ("评价机构名称", "委托单位给第三方评价机构打分的工作考核表：打分的是评价机构的工作（人员、沟通、报告质量），"
                "不是项目的绩效自评表或绩效目标表，表中的分数不是项目的得分，不能导入发布；请导入该项目的绩效评价报告或自评表，"
                "用 --name 指定名称也无法导入"),
)
"""The label of a line above a table that is no indicator table → what the file is. 上海 嘉定's
评价机构考核表 (tests/forms_dept26/e03) names the firm it rates above a 考核内容 | 分值 | 分数 table:
read as a 自评表, it asked for a 项目名称 and, given one, said it found no indicator table, as though a
项目 form could be made of it."""


def _not_a_form(found: Found, titles: list[str]) -> None:
    """Refuse a file with no indicator table, before asking for any fact: a 项目名称 named with --name
    (and then a 年度 with --year) would only bring the next failure, 「没有找到绩效指标表」, two runs
    later. A file naming itself something else says what it is; a table header with no rows under it
    (an unfilled template) is left to ask for its facts with the rest of the form."""
    if found.indicators:
        return
    if not (found.transposed or found.near_headers):  # a table nearly read has its own advice
        for line in titles:
            if said := next((what for label, what in NOT_A_FORM if bare(line).startswith(label)), None):
                raise ImportFailure(f"{NO_INDICATOR_TABLE}原表写有「{line}」，是{said}）")
    raise ImportFailure(_no_indicator_table(found))


def _no_indicator_table(found: Found) -> str:
    """Why a file with no indicator header holds no indicator table, and what the clerk can do."""
    if found.transposed:
        return (f"没有找到绩效指标表：表头写在第一列的各行（{found.transposed}），指标一列一项，像是转置的表："
                "请在 Excel 中复制后「选择性粘贴 → 转置」，使指标一行一项、表头在上面一行，再重新导入")
    if found.near_headers:
        return f"没有找到绩效指标表：{found.near_headers[0]}：请把指标名称所在列的表头改为「三级指标」后重新导入"
    return f"{NO_INDICATOR_TABLE}需要一张表头含「三级指标/指标名称」和「分值/权重」的表格）"


def _indicators(draft: Draft, found: Found, budget: BudgetTable | None,
                execution_row: Mapping[str, str]) -> list[dict[str, object]]:
    if second := found.second_programme:
        raise ImportFailure(f"一张表中有两个项目的自评表：「{found.facts.get('name', '')}」之后又有「{second}」。"
                            f"请把「{second}」的自评表另存为一个文件（或放到另一张工作表）后分别导入")
    tables = [t for t in found.indicators if t.rows]
    if not tables:
        raise ImportFailure("找到了指标表的表头，但表中没有指标行" if found.indicators else _no_indicator_table(found))
    complete = [t for t in tables if t.complete]
    if complete:
        primary = max(complete, key=lambda t: (len(t.rows), "completion" in t.keys))
        added = [t for t in tables if t is not primary and _complements(t, primary)]
        primary_tables = [t for t in tables if t is primary or t in added]  # in the sheet's order
        rows = [row for t in primary_tables for row in t.rows]
        refs = [ref for t in primary_tables for ref in t.refs]
        cells = [where for t in primary_tables for where in _cells(t)]
        others = [t for t in tables if t not in primary_tables]
        draft.tables_used = "、".join(f"{t.label}{_caption(t)}" for t in primary_tables)
        if added:
            draft.notes.append(f"{'、'.join(f'{t.refs[0]}起的 {len(t.rows)} 项' for t in added)}有自己的得分、与"
                               f"{primary.refs[0]}起的指标没有同名的：是同一张自评表的另一部分，按表中的顺序一并写入，请核对")
    else:
        rows, refs, cells = [], [], []
        for table in tables:
            level1 = _level1_from_caption(table.caption)
            rows.extend({"level1": level1, **r} if level1 and "level1" not in r else r for r in table.rows)
            refs.extend(table.refs)
            cells.extend(_cells(table))
        others = []
        primary_tables = tables
        draft.tables_used = "、".join(f"{t.label}{_caption(t)}" for t in tables)
        if any("level1" not in r for r in rows):
            draft.notes.append("分表没有「一级指标」列，也无法从表前标题推断：这些指标的一级指标留空")
        else:
            draft.notes.append("没有完整的自评表，一级指标取自各分表前的标题，请核对")
    folded = [weighted_row(row) for row in rows]  # a row without 权重占比 comes back as it is
    rows = [row for row, _ in folded]
    if any(how for _, how in folded):
        _say_weighted(draft, primary_tables[0].headers, [how for _, how in folded if how])
    made = [(_item(draft, row, ref, where), row, ref, how)
            for (row, how), ref, where in zip(folded, refs, cells, strict=True)]
    score_factors(draft, [(item, row, where.get("factor", ref)) for (item, row, ref, _), where in zip(made, cells, strict=True)])
    made = _fold_numbered_parts(draft, _fold_breakdowns(draft, [entry for entry in made if entry[0]]))
    _shifted_left(draft, made)
    items = [i for i, _, _, _ in made]
    scored_line = budget is not None and (any(number(budget.execution.get(k)) is not None for k in ("weight", "score"))
                                          or any(k in budget.unprinted for k in ("weight", "score")))
    if budget and scored_line and not any(_is_execution_line(i) for i in items):
        items.insert(0, execution_item(budget.execution, execution_row))
        draft.notes.append("预算执行率（资金表中的分值/执行率/得分）作为一项指标写入，按预算表计分")
        for key, where in budget.unprinted.items():
            word = _EXECUTION_WORD[key]
            draft.notes.append(f"{where}（资金表的{word}）印作「###」（Excel 列太窄，没有印出数字）：预算执行率一项的{word}未写入，"
                               "请照原件填写")
            draft.comment(("indicators", 0, "name"), f"原表资金表的{word}印作「###」，没有印出数字，未写入：请照原件填写。")
        printed = budget.execution.get("rate", "").strip()
        if printed and items[0].get("actual") not in (None, printed):
            draft.printed[("indicators", 0, "actual")] = printed
            draft.comment(("indicators", 0, "actual"), f"原表印作 {printed}（小数）：按 {items[0]['actual']} 写入。")
        elif printed and _coarse_fraction(printed):
            draft.printed[("indicators", 0, "actual")] = printed
            draft.comment(("indicators", 0, "actual"), f"原表印作 {printed}（小数，只印到十分位）：照原表写入，写成百分数"
                          f"（{plain(Decimal(printed) * HUNDRED)}%）会多出原表没有的位数；perfsite check 按小数的位数核对它。")
        if budget.weight_from:
            draft.comment(("indicators", 0, "weight"), f"分值取自资金表的「{budget.weight_from}」。")
    draft.notes.extend(lost_brackets(items))
    _name_levels(draft, items)
    ahead = len(items) - len(made)  # the execution line inserted before the form's indicators
    for index, (item, row, ref, how) in enumerate(made, ahead):
        if item.get("applicable") is False and "applicable" not in row:
            draft.comment(("indicators", index, "applicable"), "原表的指标值和实际完成值都是「/」、没有得分：按不适用处理。")
            draft.notes.append(f"{ref}：指标「{item.get('name', '')}」的指标值和实际完成值都是「/」、没有得分，按不适用写入"
                               "（applicable: false）")
        if how and how.said and "score" in item:
            draft.comment(("indicators", index, "score"), how.said)
        if said := row.get(GROUP_SAID):  # a 得分 merged over a group's rows (group_scores)
            draft.comment(("indicators", index, "name"), said)
    _missing_weights(draft, primary_tables, items)
    for other in others:
        _cross_check(draft, rows, other)
    for table in primary_tables:
        _check_total(draft, items if len(primary_tables) == 1 else [], table)
    from perfsite.importing.crosscheck import weight_sums  # it imports this module

    weight_sums(draft, items, draft.tables_used, refs[-1] if refs else "")
    return items


_BREAKDOWN = re.compile(r"^其中\s*[:：]?\s*\S")
"""「其中桃树种植面积」: a part of the indicator above it, as 安徽's 衔接 forms break a 「★补助各类瓜果蔬菜种植面积」 down."""


_PART_FIGURES = (("target", "年度指标值"), ("actual", "实际完成值"), ("score", "得分"))


def _into_remark(parent: dict[str, object], part: dict[str, object], keys: tuple[str, ...]) -> None:
    """Write a part row into its indicator's remark as the form prints it: 「名称（年度指标值 …，实际完成值 …）」,
    after what the remark holds (「；」 between)."""
    said = "，".join(f"{word} {part[key]}" for key, word in _PART_FIGURES if key in keys and part.get(key) not in (None, ""))
    text = f"{part.get('name', '')}（{said}）" if said else str(part.get("name", ""))
    parent["remark"] = f"{parent['remark']}；{text}" if parent.get("remark") else text


def _fold_breakdowns(draft: Draft, made: list) -> list:  # type: ignore[type-arg]
    """Rows named 「其中…」 with no 分值 and no 得分 under an indicator that has a 分值: the parts of
    that indicator, not indicators (萧县 河西村, tests/forms_layouts/l12: read as indicators they were
    seven of fifteen, each 「缺少权重」). The same template filled without the word (萧县 杨楼镇, l15)
    prints the indicator's 分值 and 得分 only and its figures in the rows under it (「红薯种植面积 5.5亩
    5.5亩」): rows with a figure but no 分值 and no 得分, under the same 二级指标 as an indicator that
    prints a 分值 and no figure of its own, are its parts too (read as indicators they were nine of
    fourteen). Each part is written into the indicator's remark, as the form prints it, and the clerk
    is told which rows."""
    kept: list = []  # type: ignore[type-arg]
    folded: list[str] = []
    for entry in made:
        item, _, ref, _ = entry
        name = str(item.get("name", ""))
        parent = kept[-1][0] if kept else None
        if (item.get("weight") is None and item.get("score") is None
                and parent is not None and parent.get("weight") is not None and not _BREAKDOWN.match(str(parent.get("name", "")))
                and (_BREAKDOWN.match(name) or _figures_of_the_row_above(item, parent))):
            _into_remark(parent, item, ("target", "actual"))
            folded.append(f"{ref}「{name}」")
            continue
        kept.append(entry)
    if folded:
        more = f"等 {len(folded)} 行" if len(folded) > 5 else ""
        draft.notes.append(f"{'、'.join(folded[:5])}{more}是上一项指标的分项（没有分值和得分）：未作为指标导入，"
                           "写在该指标的 remark（偏差原因）中，请核对")
    return kept


_ITEM_NUMBER = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]")
"""「一、示范区建立」: an item numbered in Chinese numerals."""
_PART_NUMBER = re.compile(r"^\d+\s*[、.．)）]")
"""「1、水稻侧深施肥+缓控释肥」: a part numbered under it."""


def _fold_numbered_parts(draft: Draft, made: list) -> list:  # type: ignore[type-arg]
    """An item numbered 「一、」 followed by parts numbered 「1、」「2、」 whose scores add up to exactly its
    own (隆阳区, tests/forms_layouts/l17: 15 = 5 + 5 + 5): the parts break the item down, and read as
    indicators beside it they counted the same points twice (30 of the 80). They are written into the
    item's remark with their figures and score, and the clerk is told. Parts whose scores add up to
    something else are left as indicators: which rows score, the form does not say."""
    kept: list = []  # type: ignore[type-arg]
    folded: list[str] = []
    index = 0
    while index < len(made):
        entry = made[index]
        kept.append(entry)
        index += 1
        item = entry[0]
        score = number(str(item.get("score", "")))
        if score is None or not _ITEM_NUMBER.match(str(item.get("name", ""))):
            continue
        end = index
        while end < len(made) and _PART_NUMBER.match(str(made[end][0].get("name", ""))) \
                and all(made[end][0].get(k) == item.get(k) for k in ("level1", "level2")):
            end += 1
        parts = made[index:end]
        scores = [number(str(p[0].get("score", ""))) for p in parts]
        if len(parts) < 2 or None in scores or sum(Decimal(s) for s in scores if s) != Decimal(score):
            continue
        for part in parts:
            _into_remark(item, part[0], ("target", "actual", "score"))
        in_order(item)
        folded.append(f"{parts[0][2]}起的 {len(parts)} 行（「{item['name']}」之下）")
        index = end
    if folded:
        draft.notes.append(f"{'、'.join(folded)}编了号、得分之和等于上面那一项的得分，是那一项的细项：未作为指标导入"
                           "（否则同一些分数计了两次），写在该项指标的 remark（偏差原因）中，请核对")
    return kept


def _figures_of_the_row_above(item: dict[str, object], parent: dict[str, object]) -> bool:
    """A row carrying the figures its indicator above leaves out: same levels, a target or an actual
    where the indicator prints neither."""
    def figures(entry: dict[str, object]) -> bool:
        return any(entry.get(key) not in (None, "") for key in ("target", "actual"))
    return (figures(item) and not figures(parent)
            and all(item.get(key) == parent.get(key) for key in ("level1", "level2")))


_FRAMEWORK = (("产出指标", ("数量", "质量", "时效", "进度", "成本")),
              ("效益指标", ("经济效益", "社会效益", "生态效益", "可持续影响")),
              ("满意度指标", ("满意度",)))
"""The 一级指标 each 二级指标 of the MoF framework (财预〔2020〕10号) sits under."""


def _name_levels(draft: Draft, items: list[dict[str, object]]) -> None:
    """A 一级指标 cell printing only its points (「(50分)」) is named from its 二级指标, points kept."""
    named = set()
    for item in items:
        printed = str(item.get("level1", ""))
        label, declared = split_subtotal(printed)
        if not printed or label or declared is None:
            continue
        level2 = str(item.get("level2", ""))
        level1 = next((l1 for l1, words in _FRAMEWORK if any(w in level2 for w in words)), None)
        if level1:
            item["level1"] = level1 + printed.strip()
            named.add((printed, level1))
    for printed, level1 in sorted(named):
        draft.notes.append(f"一级指标只印了分值「{printed}」：按其下的二级指标写作「{level1}{printed}」，请核对")


@dataclass(frozen=True)
class Folded:
    """How one row of a form scoring out of 100 and weighting (河北's 自评得分 in three columns) was read."""

    raw: str
    """单项指标得分 as printed: the indicator's score out of 100."""
    share: str
    """权重占比(%) as printed: the contract's weight (the shares add up to 100, as weights do)."""
    weighted: str
    """单项指标折算得分 as printed, or "" when the form left it blank."""
    written: str
    """The score written: 折算得分, else 单项指标得分 × 权重占比 ÷ 100."""
    weight_text: str
    """What the form's own 分值 column held when it is not the share (a sentence, another figure)."""
    status: str

    @property
    def said(self) -> str:
        if not self.written:
            return ""
        origin = "单项指标折算得分" if self.weighted else "按单项指标得分 × 权重占比 算出"
        return f"得分取自{origin}：{self.raw or '—'}（百分制）× {self.share}% = {self.written}。"

    @property
    def off(self) -> bool:
        """The printed 折算得分 is not the printed score × share (more than rounding apart)."""
        raw, weighted = parse_decimal(self.raw), parse_decimal(self.weighted)
        share = parse_decimal(self.share)
        return (None not in (raw, weighted, share)
                and abs(q2(raw * share / HUNDRED) - weighted) > Decimal("0.01"))  # type: ignore[operator]


def weighted_row(row: dict[str, str]) -> tuple[dict[str, str], Folded | None]:
    """A row with 权重占比 → the contract's row: weight = the share, score = the weighted score.

    The contract's weight is the indicator's part of 100 points and its score the points earned
    out of it; 河北's form prints both shares of 100 and the score out of 100 (``25.00 | 25.00 | 6.25``:
    25 of 100 points, a 25% share, 6.25 earned), so the share is the weight and the product the score.
    A row without a share is left as it is (a 权重 column of other forms is the weight itself)."""
    share = number(row.get("share"), percent=True)
    if share is None:
        return row, None
    out = {k: v for k, v in row.items() if k not in ("share", "weighted", "status", "weight", "score")}
    raw, weighted = number(row.get("score")), number(row.get("weighted"))
    written = weighted if weighted is not None else (
        Num(plain(q2(Decimal(raw) * Decimal(share) / HUNDRED))) if raw is not None else None)
    out["weight"] = str(share)
    if written is not None:
        out["score"] = str(written)
    printed_weight = row.get("weight", "").strip()
    other = printed_weight if printed_weight and number(printed_weight, percent=True) != share else ""
    return out, Folded(raw=str(raw or ""), share=str(share), weighted=str(weighted or ""), written=str(written or ""),
                       weight_text=other, status=row.get("status", "").strip())


def _say_weighted(draft: Draft, headers: dict[str, str], rows: list[Folded]) -> None:
    """What the clerk reads about a form that scores out of 100 and weights: once, not row by row."""
    heads = {k: headers.get(k, word) for k, word in (("score", "单项指标得分"), ("share", "权重占比"),
                                                      ("weighted", "单项指标折算得分"), ("weight", "分值"),
                                                      ("status", "完成情况"))}
    first = rows[0]
    draft.notes.append(f"自评得分按百分制折算：「{heads['score']}」（满分 100）×「{heads['share']}」=「{heads['weighted']}」；"
                       f"权重占比写作分值（weight），折算得分写作得分（score），如 {first.raw or '—'} × {first.share}% = "
                       f"{first.written or '—'}")
    texts = [r.weight_text for r in rows if r.weight_text]
    if texts:
        draft.notes.append(f"「{heads['weight']}」一列写的不是权重占比（如「{texts[0]}」），未写入；分值取自「{heads['share']}」")
    off = [r for r in rows if r.off]
    if off:
        draft.notes.append(f"{len(off)} 项的「{heads['weighted']}」不等于「{heads['score']}」×「{heads['share']}」"
                           f"（如 {off[0].raw} × {off[0].share}% ≠ {off[0].weighted}）：写入印出的折算得分，请核对")
    scored = [r for r in rows if r.raw]
    if len(scored) >= 2 and all(r.raw == r.share for r in scored) and any(parse_decimal(r.share) != HUNDRED for r in scored):
        draft.notes.append(f"每项的「{heads['score']}」都等于其「{heads['share']}」：百分制得分完成时应为 100，"
                           "这样折算后总分远低于 100；请核对原表是否把分值填进了单项指标得分")
    if any(r.status for r in rows):
        draft.notes.append(f"「{heads['status']}」一列（{'、'.join(sorted({r.status for r in rows if r.status}))}）未写入："
                           "是否完成由指标值和实际完成值计算")


def _not_applicable(row: dict[str, str]) -> bool:
    """「/」 in both target and actual and no score: the unit marked the indicator 不适用.

    Blank cells are not enough (an unfilled row says nothing); with a published score the row stays
    as it is and the core reports it 无法核验, as the contract says.
    """
    target, actual = row.get("target", "").strip(), row.get("actual", "").strip()
    filled = {t for t in PLACEHOLDERS if t}
    return target in filled and actual in filled and number(row.get("score")) is None


def _missing_weights(draft: Draft, tables: list[IndicatorTable], items: list[dict[str, object]]) -> None:
    """A form without a 分值 column: say so, and list the points its headings state, never guess weights."""
    if all("weight" in t.keys for t in tables) or all("weight" in i for i in items):
        return
    stated: dict[str, str] = {}
    for item in items:
        if "weight" in item:  # a rubric scored in its own 分值 column (广水's 项目决策2分): nothing to fill
            continue
        for key in ("level1", "level2"):
            label, declared = split_subtotal(str(item.get(key, "")))
            if declared is not None:
                stated.setdefault(label, f"{label} {plain(declared)} 分")
        for text in (str(item.get("rule_text", "")), str(item.get("name", ""))):
            formula = re.search(r"得分\s*[=＝]\s*(\d+(?:\.\d+)?)\s*分\s*[×xX*＊]", text)
            if formula:
                stated.setdefault(str(item.get("name")), f"{item.get('name')} {formula[1]} 分（{text}）")
    for table in tables:
        for text in table.stated:
            stated.setdefault(text, text)
    _sole_indicator_weights(draft, items)
    where = "、".join(t.label for t in tables if "weight" not in t.keys)
    said = "；原表写明的分值：" + "、".join(stated.values()) if stated else ""
    draft.notes.append(f"{where}没有「分值」列：原表没有印出各项指标的分值，weight 未写入：请向填报单位问清各项的分值后填写"
                       f"（原表上没有，不要照别的表抄，也不要自行估算）{said}")


def _sole_indicator_weights(draft: Draft, items: list[dict[str, object]]) -> None:
    """A level stating its points (「效益指标(10分)」) over one indicator only: that is its weight, not a guess."""
    for key in ("level2", "level1"):
        members: dict[str, list[int]] = {}
        for index, item in enumerate(items):
            if item.get(key):
                members.setdefault(str(item[key]), []).append(index)
        for printed, indexes in members.items():
            _, declared = split_subtotal(printed)
            if declared is None or len(indexes) != 1 or "weight" in items[indexes[0]]:
                continue
            item = items[indexes[0]]
            item["weight"] = Num(plain(declared))
            in_order(item)
            draft.comment(("indicators", indexes[0], "weight"), f"分值取自「{printed}」：其下只有这一项指标。")


def in_order(item: dict[str, object]) -> None:
    """An indicator's keys in the contract's order, after one was added."""
    ordered = {k: item[k] for k in ITEM_ORDER if k in item}
    item.clear()
    item.update(ordered)


def _caption(table: IndicatorTable) -> str:
    return f"（{table.caption}）" if is_caption(table.caption) else ""


def is_caption(text: str) -> bool:
    """A line that names the table (「附件1：项目支出绩效自评表」, 「(2022年度)」) and may be shown as where
    the indicators were read; a label line or a sentence (a goal typed above the header) is not."""
    line = text.strip()
    return bool(line) and len(line) <= 40 and not LABEL_LINE.match(line) and not line.endswith(("。", "；", ";"))


def _level1_from_caption(caption: str) -> str:
    for word, level1 in _LEVEL1_FROM_CAPTION:
        if word in caption:
            return level1
    return ""


def _cells(table: IndicatorTable) -> list[dict[str, str]]:
    """Each row's cells by key; none for a table read without them (a finance-system export's rows)."""
    return table.cells if len(table.cells) == len(table.rows) else [{} for _ in table.rows]


def _item(draft: Draft, row: dict[str, str], ref: str, cells: Mapping[str, str]) -> dict[str, object]:
    """An indicator of the contract from a row as read; `ref` is the row's first cell, `cells` where
    each key's cell is (a figure that cannot be read is named by its own cell)."""
    item: dict[str, object] = {}
    for key in ITEM_ORDER:
        text = row.get(key)
        if not text:
            continue
        if key in ("weight", "score"):
            value = number(text, percent=key == "weight")
            if value is None and text.strip() not in PLACEHOLDERS:
                draft.notes.append(f"{cells.get(key, ref)}：「{text}」不是数字，无法作为{'分值' if key == 'weight' else '得分'}，未写入")
                continue
            if value is not None:
                item[key] = value
        elif key == "applicable":
            item[key] = text.strip() not in ("否", "不适用", "no", "false")
        elif key == "rule":
            item[key] = _rule_cell(draft, text, ref)
        elif key in ("target", "actual", "completion"):
            if text.strip() == DASH_AS_ONE:
                draft.notes.append(f"{cells.get(key, ref)}：「一」单独一格，按破折号「—」读（没有填写），不是数字 1")
                text = "—"
            item[key] = half_width_figures(text)
            if key == "target" and text.strip() not in PLACEHOLDERS and no_figure(text):
                draft.notes.append(f"{cells.get(key, ref)}：指标「{row.get('name', '').strip()}」的指标值「{text.strip()}」只有符号或单位，"
                                   "没有数值（模板的这一格没有填）：按原表写入，请对照原件补上数值")
        else:
            item[key] = text
    if (review := row.get("review", "").strip()) and review not in PLACEHOLDERS:
        draft.notes.append(f"{cells.get('review', ref)}：复核分「{review}」是财政复核的得分，不是自评得分：未写入")
    if "applicable" not in item and _not_applicable(row):
        item["applicable"] = False
    level = row.get("level")
    if level and item.get("rule") in (None, "judged"):
        item["rule"] = {"type": "judged", "level": level}
    if "name" not in item and "weight" not in item:
        return {}
    return item


def score_factors(draft: Draft, rows: list[tuple[dict[str, object], Mapping[str, str], str]]) -> None:
    """A 得分系数 column (重庆's 部门整体绩效自评表, tests/forms_dept/d02: 指标权重 × 得分系数 = 指标得分): the
    data format has no key for it (the score is the form's 指标得分, rescored by the rule), so it is not
    written; it is checked against the weight and score beside it, and what it showed is said. Listed as a
    column of no known name, the clerk was told to rename it 「得分」. Rows are (indicator, row as read, the
    factor's cell)."""
    read = [(item, text, where) for item, row, where in rows
            if (text := str(row.get("factor", "")).strip()) and text not in PLACEHOLDERS]
    if not read:
        return
    agree, unchecked = [], []
    for item, text, where in read:
        ratio = _factor(text)
        weight, score = parse_decimal(item.get("weight")), parse_decimal(item.get("score"))
        if ratio is None or weight is None or score is None:
            unchecked.append(f"{where}「{text}」")
            continue
        product = as_printed(weight * ratio, score)
        if product == score:
            agree.append(where)
            continue
        draft.notes.append(f"{where}：指标「{item.get('name', '')}」的得分系数「{text}」× 分值 {plain(weight)} = {plain(product)}，"
                           f"与得分 {plain(score)} 不一致：请对照原件核对（得分照原表写入）")
    said = f"「得分系数」一列（{read[0][2]}起 {len(read)} 项）数据格式没有对应的键，未写入"
    checked = f"；其中 {len(agree)} 项已核对 分值 × 得分系数 = 得分，相符" if agree else ""
    left = (f"；{'、'.join(unchecked[:5])}{f'等 {len(unchecked)} 项' if len(unchecked) > 5 else ''}"
            "不是比例，或这一行没有分值、得分，无法核对") if unchecked else ""
    draft.notes.append(said + checked + left)


def _factor(text: str) -> Decimal | None:
    """A 得分系数 as a fraction: 「100%」, 「1」 and, in a column headed 「(%)」, 「85」 (above 1: a percentage)."""
    figure = parse_decimal(text.translate(_FULL_WIDTH).strip().removesuffix("%").removesuffix("％").strip())
    if figure is None:
        return None
    return figure / HUNDRED if text.rstrip().endswith(("%", "％")) or figure > 1 else figure


def _shifted_left(draft: Draft, made: list) -> None:  # type: ignore[type-arg]
    """A row whose 实际完成值 holds its own 分值 and whose 得分 is blank: a cell was left out and the
    figures after it moved one cell left (南华's 「3 | 9.3 | 9.3 |  」, tests/forms_trial2/t03). Read as
    printed it scores 310% on a figure that is the weight; said, and the actual not written.

    Only where the cells really moved: the table's other rows have their 得分 (a 得分 column blank
    throughout was left unfilled, not lost), and the 实际完成值 is not the 指标值's own figure
    (「10 | 10 | 10 |」: the target met by an actual that is, by chance, the weight too)."""
    if not any("score" in item for item, _, _, _ in made):
        return
    for item, _, ref, _ in made:
        actual, weight = number(str(item.get("actual", ""))), item.get("weight")
        if actual is None or weight is None or "score" in item or actual != weight:
            continue
        target = parse_value(item.get("target"))
        if any(figure.amount == parse_decimal(actual) for figure in target.figures):
            continue
        printed = item.pop("actual")
        draft.notes.append(f"{ref}：指标「{item.get('name', '')}」一行少一格：实际完成值一格是「{printed}」，与分值相同，"
                           "得分一格空着，像是漏填了一格、后面的数字前移了一格：未写入实际值，请对照原表补上实际值和得分")


DASH_AS_ONE = "一"
"""The character for one typed alone in a figure cell: a dash (a Word user's 「—」), never the number
1, which a clerk types as a digit (银川's 决策/管理 rows print it as their 指标值, tests/forms_layouts/l13)."""


def _rule_cell(draft: Draft, text: str, ref: str) -> object:
    from perfsite.yamlload import load_yaml_text

    if not text.lstrip().startswith("{"):
        return text.strip()
    loaded = load_yaml_text(text)
    if loaded.problems or not isinstance(loaded.data, dict):
        draft.notes.append(f"{ref}：规则「{text}」写法有误（应如 {{type: deduct, per: 0.5, count: 3}}），原样写入：请照这个写法改正")
        return text
    return _as_nums(loaded.data)


def _as_nums(value: object) -> object:
    if isinstance(value, dict):
        return {k: _as_nums(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_nums(v) for v in value]
    if isinstance(value, Decimal):
        return Num(f"{value:f}")
    return value


UNFILLED = "这是一份没有填完的自评表"
"""How the note on a form without any 完成值 or 得分 begins (`commands` folds the scoring errors it explains)."""


def _unfilled(draft: Draft, items: list[dict[str, object]]) -> None:
    """A form whose indicators have neither an actual nor a score, and with no total: the unit
    published the blank template with its targets (青神's forms). No rule scores it; what the clerk
    needs is the completed form, so that is said first, not advice on rules."""
    own = [item for item in items if not _is_execution_line(item)]
    if own and "reported" not in draft.data and not any(item.get("actual") or "score" in item for item in own):
        draft.notes.insert(0, f"{UNFILLED}：{len(own)} 项指标都没有完成值和得分，也没有总分，无法评分。"
                              "请向填报单位索取填好完成值和得分的自评表后再导入")


def _is_execution_line(item: dict[str, object]) -> bool:
    """The table already has the 预算执行率 line (not merely a 时效指标 named 预算资金执行率)."""
    return bare(str(item.get("name", ""))) == "预算执行率" or str(item.get("level1", "")).startswith("预算执行")


def execution_item(execution: dict[str, str], row: Mapping[str, str] = EXECUTION_ROW) -> dict[str, object]:
    """The 预算执行率 line of a budget block, under the levels `row` names. Its 分值 written 「10%」 (a 0.1
    under Excel's 0% format) is 10 points, as weights written in per cent are in the indicator table."""
    item: dict[str, object] = dict(row)
    weight, score = number(execution.get("weight"), percent=True), number(execution.get("score"))
    if weight is not None:
        item["weight"] = weight
    item["target"] = "100%"
    rate = execution.get("rate", "").strip()
    value = parse_decimal(rate)
    if value is not None and value <= 2 and "." in rate and not _coarse_fraction(rate):
        rate = f"{plain(value * HUNDRED)}%"  # a fraction Excel stored without its % format
    if rate:
        item["actual"] = rate
    if score is not None:
        item["score"] = score
    if execution.get("rule_text", "").strip():
        item["rule_text"] = execution["rule_text"].strip()
    return item


_EXECUTION_WORD = {"weight": "分值", "rate": "执行率", "score": "得分", "rule_text": "评分方法"}


def _coarse_fraction(rate: str) -> bool:
    """A rate printed as a fraction to one place (0.1 for 14.46%): in per cent it would read as a whole
    percentage (10%), ten times finer than printed, and `perfsite check` would call the rounding a
    difference; as printed, check reads a bare figure up to 1 as that fraction at its places
    (rules._printed_rate). One place and up to 1 only: 1.5 as printed would read as 1.5%."""
    value = parse_decimal(rate)
    return value is not None and 0 < value <= 1 and re.fullmatch(r"\d\.\d", rate) is not None


def _same(a: str | None, b: str | None, key: str) -> bool:
    if key in ("weight", "score"):
        x, y = number(a), number(b)
        return x is None or y is None or Decimal(x) == Decimal(y)
    return not a or not b or bare(a) == bare(b)


def _complements(table: IndicatorTable, primary: IndicatorTable) -> bool:
    """A table of the form's other scored rows, not a section table repeating the 自评表's: it scores
    its rows (a score column, a score in some row) and none of its rows is named as a row of the
    自评表 (湖北 广水's form scores 项目决策 and 项目管理 on its first page, then its indicators on the
    second, tests/forms_layouts/l14). A section table sharing only some names stays a section table,
    its other names reported (`_cross_check`)."""
    names = {bare(r.get("name", "")) for r in primary.rows}
    return ("score" in table.keys and any(number(r.get("score")) is not None for r in table.rows)
            and not any(bare(r.get("name", "")) in names for r in table.rows))


def _cross_check(draft: Draft, rows: list[dict[str, str]], other: IndicatorTable) -> None:
    """A section table must agree with the 自评表 on every cell both have."""
    where = f"{other.label}{_caption(other)}"
    differences = 0
    for row in other.rows:
        name = row.get("name", "")
        match = next((r for r in rows if bare(r.get("name", "")) == bare(name)
                      and _same(r.get("level2"), row.get("level2"), "level2")), None)
        if match is None:
            draft.notes.append(f"{where}中的指标「{name}」不在自评表中")
            differences += 1
            continue
        for key in ("weight", "target", "actual", "score", "completion"):
            if not _same(match.get(key), row.get(key), key):
                draft.notes.append(f"{where}与自评表不一致：指标「{name}」的{key}为「{row.get(key)}」，自评表为「{match.get(key)}」")
                differences += 1
    if not differences:
        draft.found.append(f"核对：{where} 的 {len(other.rows)} 项指标与自评表一致")


def _check_total(draft: Draft, items: list[dict[str, object]], table: IndicatorTable) -> None:
    if not table.total or not items:
        return
    weight = number(table.total.get("weight"))
    if weight is not None:
        summed = sum((Decimal(i["weight"]) for i in items if isinstance(i.get("weight"), Num)), Decimal(0))
        if summed != Decimal(weight):
            draft.notes.append(f"合计行的分值 {weight} 与各项分值之和 {plain(summed)} 不一致")


def _groups(items: list[dict[str, object]]) -> dict[str, Num]:
    """Level-1 subtotals as published in the labels (「决策（16分）」), all or none."""
    groups: dict[str, Num] = {}
    for item in items:
        label, declared = split_subtotal(str(item.get("level1", "")))
        if declared is None:
            return {}
        groups.setdefault(label, Num(f"{declared:f}"))
    return groups


# --------------------------------------------------------------------------- budget

def _budget(draft: Draft, table: BudgetTable, facts: dict[str, str]) -> dict[str, object] | None:
    unit, unstated = _money_unit(draft, table, facts)
    _fiscal_over_zero_total(draft, table, unit, unstated)
    rows: dict[str, object] = {}
    for key, values in table.rows.items():  # a reader that named no cell: the note names the row
        for src, text in values.items():
            if unprinted(text):
                table.unprinted_amounts.setdefault((key, src), "")
    for key in ("initial", "budget", "funded", "spent"):
        values = table.rows.get(key)
        if not values:
            continue
        entry = _budget_row(draft, key, values, unit, unstated)
        if entry is not None:
            rows[key] = entry
    if table.unprinted_amounts:
        _unprinted_note(draft, table, rows)
    if not rows:
        return None
    if unstated != unit:
        draft.notes.append(converted_note(unstated, unit, "预算表"))
        draft.comment(("budget", "unit"), f"原表的金额单位是{unstated}，各金额已换算为{unit}。")
    if ("budget",) in draft.comments:
        draft.comments[("budget",)].insert(0, "原表的财政拨款未分中央/省/市/县级，无法写入各级来源，只写合计；原表各行：")
    _implausible_size(draft, rows, unit)
    basis = _rate_basis(draft, table, facts)
    budget: dict[str, object] = {"unit": unit, "rate_basis": basis, **rows}
    _check_rates(draft, table, rows, basis)
    return budget


PLAUSIBLE_MONEY = {"万元": Decimal(1_000_000), "元": Decimal(1_000)}
"""A programme's largest budget figure at or above 1,000,000 万元 (100 亿元), or below 1,000 元, is most
likely a figure in the other unit under the header: 「资金情况（万元）」 over 1,200,000.00 typed in 元 would
publish 120 亿元. The forms we hold (tests/forms*, data/) range from 1.56 万元 to 10,000 万元; a single
programme of 100 亿元 is beyond a county's or a province's 项目 (a 部门整体 may reach it, and is warned
only, never changed)."""


def _implausible_size(draft: Draft, rows: dict[str, object], unit: str) -> None:
    """Warn (never change) when the budget's largest figure is implausible in the unit it is read in."""
    totals = (v.get("total") if isinstance(v, dict) else v for v in rows.values())
    figures = [f for t in totals if t is not None and (f := parse_decimal(str(t))) is not None]
    if not figures:
        return
    top = max(figures)
    if unit == "万元" and top >= PLAUSIBLE_MONEY["万元"]:
        line = (f"预算表的金额按万元读出 {plain(top)} 万元（即 {plain(top / 10_000)} 亿元），对一个项目过大："
                "若原表的数其实以元填写，请把 budget.unit 改为 元")
    elif unit == "元" and top < PLAUSIBLE_MONEY["元"]:
        line = (f"预算表的金额按元读出，最大的只有 {plain(top)} 元，对一个项目过小："
                "若原表的数其实以万元填写，请把 budget.unit 改为 万元")
    else:
        return
    draft.notes.append(line)
    draft.comment(("budget", "unit"), line + "。")


def _money_unit(draft: Draft, table: BudgetTable, facts: dict[str, str]) -> tuple[str, str]:
    """(unit written, unit of a bare figure): the unit the table's own header states (「项目资金（元）」),
    else a 金额单位 line above the form, else the one its cells write, else 万元 (`money_units`). The
    header is nearer the figures than a line that may be the template's (「金额单位：万元」 printed above
    a table a unit filled in 元)."""
    stated = table.unit or facts.get("unit_of_money", "")
    written = [amount(text, "万元")[1] for values in table.rows.values() for text in values.values()]
    several = {"万元" if w == "万" else w for w in written} - {""}
    if not money_unit(stated) and len(several) > 1:
        draft.notes.append("预算表各格的金额单位不同（" + "、".join(sorted(several)) + "）：统一换算为万元写入，请核对")
    return money_units(stated, written)


def _fiscal_over_zero_total(draft: Draft, table: BudgetTable, unit: str, unstated: str) -> None:
    """The MoF form as units fill it: 年度资金总额 left 0 while 其中：财政拨款 has the figures. Each cell
    is read as the budget row reads it (`amount`): a clerk's 「90万元」 is 90, and read as no figure it
    left the 0 total to be published as the programme's budget."""
    def figures(src: str) -> list[Decimal]:
        read = (amount(v.get(src, ""), unit, unstated)[0] for v in table.rows.values())
        return [d for f in read if f is not None and (d := parse_decimal(str(f))) is not None]

    totals, fiscal = figures("total"), figures("fiscal")
    if totals and not any(totals) and any(fiscal):
        for values in table.rows.values():
            values.pop("total", None)
        draft.notes.append("预算表「年度资金总额」一行全是 0，而「其中：财政拨款」一行有金额：按财政拨款写入，请核对原表")


_PLAIN_NUMBER = re.compile(r"[+-]?(\d+)(?:\.(\d+))?")


def _unprinted_note(draft: Draft, table: BudgetTable, rows: Mapping[str, object]) -> None:
    """One note (and the same words above ``budget``) for the table's amounts printed 「###」, naming each
    cell and what its row then publishes: a total printed so is the sum of its parts where every part
    printed, a part printed so leaves the total alone, and a row with its total and a part so is not
    written. 「###」 is how Excel prints a number wider than its column: the number is in the Excel
    file, never on the print (a PDF, a copied table), so the file itself, or a print of wider columns,
    gives it back."""
    cells = "、".join(f"{ref}（{_ROW_WORD.get(key, '执行率')}" + ("" if src == "total" else f"·{_CELL_WORD.get(src, src)}") + "）"
                      for (key, src), ref in table.unprinted_amounts.items())
    said = []
    for key, word in _ROW_WORD.items():
        hashed = {src for k, src in table.unprinted_amounts if k == key}
        entry = rows.get(key)
        if not hashed:
            continue
        if entry is None:
            said.append(f"{word}未写入")
        elif "total" in hashed:
            said.append(f"{word}的合计按其下印出的各来源之和 {_total_of(entry)} 写入")
        else:
            said.append(f"{word}只写印出的合计 {_total_of(entry)}")
    line = (f"{table.label} {cells}印作「###」：这是 Excel 列宽不够时显示的符号，表上没有印出这些数，这些格未写入"
            + (f"（{'；'.join(said)}）" if said else "")
            + "。请直接导入原 Excel 文件（数保存在文件里，不受列宽影响），或请填报单位把这些列拉宽后重新导出，"
            "也可以照原件把这些数填进 budget")
    draft.notes.append(line)
    draft.comment(("budget", "unit"), line + "。")


def _total_of(entry: object) -> object:
    """A budget row's total as written: the figure, or a breakdown's 「total」 (its parts' sum where it has none)."""
    if not isinstance(entry, dict):
        return entry
    return entry.get("total", _sum(*(v for v in entry.values() if isinstance(v, Num))))


def _unread_amount(draft: Draft, key: str, text: str) -> None:
    """An amount left out, said in the file too (above ``budget.unit``), not only on the screen: the
    clerk checks the file. A figure with more than 15 significant digits is most likely an Excel
    number cell (Excel keeps 15: 123456789012345678 becomes 123456789012346000), no longer what was typed."""
    line = (f"原表{_ROW_WORD[key]}的「{text}」是负数（数据格式的金额不能为负），未写入；请向填报单位核实。"
            if negative_amount(text) else f"原表{_ROW_WORD[key]}写作「{text}」，不是确定的金额，未写入；请向填报单位核实后补上。"
            if uncertain_word(text) else f"原表{_ROW_WORD[key]}的「{text}」是 Excel 列太窄时印出的「###」，不是数字，未写入；"
            "请照原件补上。" if unprinted(text) else f"原表{_ROW_WORD[key]}写作「{text}」：{before_figure(words, _ROW_WORD[key])}，"
            f"未写入；请照原表补上{_ROW_WORD[key]}的金额。" if (words := other_words(text))
            else f"原表{_ROW_WORD[key]}的「{text}」不是金额，未写入；请照原表补上。")
    plain = _PLAIN_NUMBER.fullmatch(text.replace(",", "").strip())
    if plain and len(plain[1].lstrip("0")) + len(plain[2] or "") > 15:
        line += "Excel 的数值单元格只保留 15 位有效数字，此格可能已不是原表的数：请把该格设为文本后照原表重填。"
    if line not in draft.comments.get(("budget", "unit"), []):
        draft.comment(("budget", "unit"), line)


def _budget_row(draft: Draft, key: str, values: dict[str, str], unit: str, unstated: str) -> object:
    """One row's amounts by source. A text no amount is said once for the row, though a Word form
    prints it in two columns (「114¹」 under both 年度资金总额 and 财政拨款): the same line twice on
    screen read as one cell said twice."""
    nums: dict[str, Num | None] = {}
    unread: set[str] = set()
    for src, text in values.items():
        nums[src], said, split = marked_amount(text, unit, unstated)
        if split and (note := mark_note(f"预算表 {_ROW_WORD[key]}", text, split)) not in draft.notes:
            draft.notes.append(note)
            draft.comment(("budget", key), f"原表写作「{text}」：末尾的「{split[1]}」是脚注标记，按「{split[0]}」读取。")
        if nums[src] is None and text.strip() not in NO_AMOUNT:
            nums[src], said, how = amount_in_words(text, unit)
            if nums[src] is None and text in unread:
                continue
            if nums[src] is None:
                unread.add(text)
                if negative_amount(text):
                    draft.notes.append(f"预算表 {_ROW_WORD[key]}的「{text}」是负数：数据格式的金额不能为负，未写入；"
                                       "请向填报单位核实这笔资金（退回、调减写在说明中）")
                elif unprinted(text):
                    continue  # named with its cell, once for the table (`_unprinted_note`)
                elif word := uncertain_word(text):
                    draft.notes.append(f"预算表 {_ROW_WORD[key]}的「{text}」是估计的数（「{word}」），不是确定的金额，未写入")
                elif words := other_words(text):
                    draft.notes.append(f"预算表 {_ROW_WORD[key]}写作「{text}」：{before_figure(words, _ROW_WORD[key])}，"
                                       "未写入（原文写在 budget 上方的注释中）：请照原表补上这个金额")
                else:
                    draft.notes.append(f"预算表 {_ROW_WORD[key]}的「{text}」不是金额，未写入")
                _unread_amount(draft, key, text)
                continue
            draft.comment(("budget", key), f"原表写作「{text}」：{how}。")
        elif said and MONEY_EXPONENT[said] != MONEY_EXPONENT[unit]:
            draft.comment(("budget", key), f"原表写作「{text}」，按本表单位换算为 {nums[src]} {unit}。")
    unread_part = any(nums[src] is None and values[src].strip() not in NO_AMOUNT for src in nums if src != "total")
    if unread_part and nums.get("total") is not None:
        # The total printed and a part did not: the parts that read are not the row's breakdown (the
        # page would list 上年结转 10 under a total of 218, the 财政拨款 208 missing). The total alone,
        # where it can hold the part: Excel prints 「###」 only for a figure too wide to show, never 0,
        # so a total no larger than the parts printed beside it (the 年度资金总额 left 0 over a 「###」
        # 财政拨款, as 池州's units fill the form) is no total of them, and the row is not written.
        read = "，".join(f"{_CELL_WORD.get(src, src)} {v}" for src, v in nums.items() if v is not None and src != "total")
        hashed = any(unprinted(values[src]) for src in nums if src != "total")
        if hashed and Decimal(str(nums["total"])) <= Decimal(str(_sum(*(v for src, v in nums.items() if src != "total")))):
            draft.comment(("budget", key), f"{_ROW_WORD[key]}的合计 {nums['total']} 不大于印出的各来源之和，而印作「###」的来源不会是 0："
                          "这一行未写入" + (f"，读出的{read} 也未写入" if read else "") + "：请照原表补上这一行。")
            return None
        draft.comment(("budget", key), f"{_ROW_WORD[key]}的来源有一格读不出，只写合计" + (f"；读出的{read} 未写入" if read else "")
                      + "：请照原表补上各来源。")
        return nums["total"]
    if unread_part:
        # With the total and a part unread (Excel's 「###」 in narrow columns, kept by a PDF of the
        # print), the parts that did read are not the row's money: summed, 「0.00」 of 其他资金 would
        # publish a 120,000 budget as 0. The row is left out, what was read kept in a comment. (A
        # total cell of prose over parts that all read still sums them: 「…项目38.75万元(…)」.)
        read = "，".join(f"{_CELL_WORD.get(src, src)} {v}" for src, v in nums.items() if v is not None)
        draft.comment(("budget", key), f"{_ROW_WORD[key]}的合计读不出" + (f"，读出的{read}未写入" if read else "")
                      + "：请照原表补上这一行。")
        return None
    parts = {src: v for src, v in nums.items() if src in PART_SOURCES and v is not None}
    total = nums.get("total")
    local = nums.get("local")
    if local is not None and parse_decimal(str(local)):
        placed = [parts[src] for src in LEVEL_SOURCES[1:] if src in parts]
        if not placed or not _same_sum(*placed, of=local):
            return _unplaced(draft, key, parts, ("地方（市县）资金", local), total)
    fiscal = nums.get("fiscal")
    levels = [parts[src] for src in LEVEL_SOURCES if src in parts]
    if fiscal is not None and levels and parse_decimal(str(fiscal)) and not (
            _same_sum(*levels, of=fiscal) or _same_sum(*levels, parts.get("carryover"), of=fiscal)):
        return _unplaced(draft, key, parts, ("财政拨款", fiscal), total)
    unassigned = nums.get("fiscal") or (nums.get("subtotal") if not any(s in parts for s in LEVEL_SOURCES) else None)
    if unassigned is not None and parts and not parse_decimal(str(unassigned)):
        unassigned = None  # 「其中：财政资金 0.00」 beside 单位资金: the money is all in the other sources
    if unassigned is not None and not any(s in parts for s in LEVEL_SOURCES):
        if total is None:
            total = _sum(unassigned, *(parts.values()))
        breakdown = "".join(f"，{_SOURCE_WORD[src]} {v}" for src, v in parts.items())
        draft.comment(("budget",), f"{_ROW_WORD[key]}：财政拨款 {unassigned}{breakdown}")
        return total
    if parts:
        return {**parts, "total": total} if total is not None else parts
    return total


def _unplaced(draft: Draft, key: str, parts: dict[str, Num], whole: tuple[str, Num], total: Num | None) -> Num:
    """A row of money whose parts under it the level rows do not account for: 「地方资金」 (「市县资金」) with
    no level rows under it, or rows that add up to another figure (「省级资金 30」 beside 「市县资金 10」 are two
    levels, not one and its part); 「其中：本年财政拨款 100」 over 「其中：中央补助 60」 alone (the other 40 is
    of no level the form names). Money of several levels in one figure, which no source of the data format
    holds: the row keeps its total (the printed one, else the sum) and every source goes to a comment.
    Written as the placed sources alone beside that total, the part (中央 60) would stand for its parent
    (财政拨款 100), and the check would call the total wrong by exactly the unplaced money."""
    word, figure = whole
    if total is None:
        total = _sum(figure, *parts.values())
    breakdown = "，".join([*(f"{_PART_WORD[src]} {v}" for src, v in parts.items()), f"{word} {figure}"])
    draft.comment(("budget",), f"{_ROW_WORD[key]}：{breakdown}")
    under = LEVEL_SOURCES[1:] if word.startswith("地方") else LEVEL_SOURCES  # 地方 money has no 中央 part
    named = "省级、市县级" if word.startswith("地方") else "中央、省级、市县级"
    why = f"与所列{named}之和不同" if any(src in parts for src in under) else f"没有分到{named}"
    draft.notes.append(f"预算表 {_ROW_WORD[key]}的{word} {figure} {why}：只写入合计 {total}，"
                       "各来源写在注释中，请按级次补填")
    return total


_PART_WORD = {"central": "中央", "provincial": "省级", "municipal": "市级", "county": "县级", "carryover": "上年结转",
              "other": "其他资金"}
_CELL_WORD = {**_PART_WORD, "fiscal": "财政拨款", "local": "地方资金", "subtotal": "小计"}
"""Every column of a budget row by the word a comment names it with."""
_ROW_WORD = {"initial": "年初预算数", "budget": "全年预算数", "funded": "实际到位数", "spent": "全年执行数"}
_SOURCE_WORD = {"carryover": "上年结转", "other": "其他资金"}


def _sum(*values: Num | None) -> Num:
    """The parts' sum at the places the parts print (3683.3970 + 0 is 3683.3970, not 3683.397): the
    total written is read beside the printed parts, and a dropped zero is a figure the form never showed."""
    total = sum((Decimal(str(v).replace(",", "")) for v in values if v is not None), Decimal(0))
    return Num(f"{total:f}")


def _same_sum(*values: Num | None, of: Num | None) -> bool:
    """Whether the parts add up to `of`, whatever places each prints (30 and 30.00 are one figure)."""
    return Decimal(_sum(*values)) == Decimal(_sum(of))


def _rate_basis(draft: Draft, table: BudgetTable, facts: dict[str, str]) -> str:
    said = facts.get("rate_basis", "")
    if said:
        return "funded" if ("funded" in said or "到位" in said) else "budget"
    formula = table.formulas.get("execution_rate", "")
    numbers = re.findall(r"[（(](\d+)[)）]", formula)
    if len(numbers) >= 2:
        denominator = table.numbers.get(f"({numbers[-1]})")
        if denominator in ("funded", "budget"):
            return denominator
    return "budget"


def _check_rates(draft: Draft, table: BudgetTable, rows: dict[str, object], basis: str) -> None:
    printed = number(table.derived.get("execution_rate", {}).get("total", "").rstrip("%％"))
    spent, base = total_of(rows.get("spent")), total_of(rows.get("funded" if basis == "funded" else "budget"))
    if printed is None or spent is None or not base:
        return
    computed = q2(spent * HUNDRED / base)
    if abs(Decimal(printed) - computed) > Decimal("0.01"):
        draft.notes.append(f"预算表印出的执行率 {printed}% 与计算的 {computed}% 不一致，请核对")


def total_of(entry: object) -> Decimal | None:
    if isinstance(entry, Num):
        return parse_decimal(str(entry))
    if isinstance(entry, dict):
        if "total" in entry:
            return parse_decimal(str(entry["total"]))
        return sum((parse_decimal(str(v)) or Decimal(0) for v in entry.values()), Decimal(0))
    return None


# --------------------------------------------------------------------------- total and grade

def _reported(draft: Draft, found: Found, facts: dict[str, str], prose: Prose) -> None:
    score, grade, sentence = prose_total(prose.paragraphs)
    candidates = [("正文", number(score), grade), ("表格", number(facts.get("reported_score")), facts.get("reported_grade"))]
    for table in found.indicators:
        if table.total.get("score"):
            candidates.append((f"{table.label} 合计行", number(table.total["score"]), table.total.get("grade")))
    chosen = next(((w, s, g) for w, s, g in candidates if s is not None), None)
    if chosen is None:
        # a 合计 row's total that is no number (「98.1分（复核）」) is written, not missing: said as it stands
        unread = next((f"{t.label} 合计行的总得分「{t.total['score']}」不是数字" for t in found.indicators
                       if t.total.get("score")), "")
        draft.notes.append(f"{unread}，未写 reported：请按原件改正" if unread else "原文没有写明总得分：未写 reported")
        return
    where, total, grade = chosen
    grade = grade or next((g for _, _, g in candidates if g), None)
    for other, value, _ in candidates:
        if value is not None and Decimal(value) != Decimal(total):
            draft.notes.append(f"{other}的总分 {value} 与{where}的 {total} 不同：采用{where}的")
    draft.data["reported"] = {"score": total, **({"grade": grade} if grade else {})}
    if sentence and where == "正文":
        draft.comment(("reported",), f"取自正文「{sentence}」。")


def _summary(draft: Draft, name: str, year: str, found: Found, budget: BudgetTable | None,
             sections: list[tuple[str, str]], region: str | None) -> None:
    items = draft.data["indicators"]
    assert isinstance(items, list)
    reported = draft.data.get("reported")
    lines = [f"项目名称：{name}" + (f"（地区：{region}）" if region else ""), f"评价年度：{year}",
             f"主管部门：{draft.data['department']}",
             f"绩效指标：{len(items)} 项，取自 {draft.tables_used}",
             f"预算执行情况表：{'有（' + budget.label + '）' if budget else '无'}",
             f"章节：{len(sections)} 个" + (f"（{'、'.join(t for t, _ in sections)}）" if sections else "")]
    if isinstance(reported, dict):
        lines.append(f"公布总分：{reported['score']}" + (f"，等级：{reported['grade']}" if "grade" in reported else "，未写等级"))
    else:
        lines.append("公布总分：未写明")
    draft.found[:0] = lines
