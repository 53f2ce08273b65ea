"""Choose a rule where the default (`auto`) cannot score a row, without inventing facts.

The core scorer decides: a row `auto` fails on (two different texts, as 「符合要求」 against
「存在资料不完善等问题」) gets `deduct` only when the document states both the deduction per
finding (评分标准 「扣0.5分」) and the count (「存在1个项目未按期完工」) and they give the published
score; otherwise `reported`, said in a comment. 执行率/到位率 rows that agree with the budget
table are scored from it (`budget`).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from perfsite.budget import DerivedBudget, derive
from perfsite.decimals import parse_decimal, plain
from perfsite.importing.assemble import Draft, in_order
from perfsite.importing.grid import inner_marks
from perfsite.importing.writer import Num, expected
from perfsite.model import Indicator
from perfsite.problems import Severity
from perfsite.reader import programme_of
from perfsite.rules import Context, Status, apply_rule
from perfsite.scoring import compare_printed, fraction_percent, printed_rounding
from perfsite.siteconfig import SiteConfig
from perfsite.values import PERCENT, parse_value
from perfsite.yamlload import Loaded

_PER = re.compile(r"扣\s*(\d+(?:\.\d+)?)\s*分")
_MEASURE = "个处项例次家笔条起份人件"


def guess_rules(draft: Draft, site: SiteConfig, ident: str) -> None:
    """Rules for the rows the default cannot score, judged on the programme as the core reads it,
    built from the values `dump` will write (`expected`): about 0.5 ms for 10 indicators, where
    rendering the YAML and parsing it back here would add about 1.1 ms."""
    path = Path(f"{ident}.yaml")
    prog, _ = programme_of(Loaded(expected(draft.data)), path, path.name, site, beside=False)
    if prog is None:
        return
    budget = derive(prog.budget) if prog.budget is not None else None
    ctx = Context(site, budget)
    items = draft.data["indicators"]
    assert isinstance(items, list)
    for index, (item, ind) in enumerate(zip(items, prog.indicators, strict=False)):
        if "rule" in item:
            continue
        if budget is not None and _budget_rule(draft, index, item, ind, budget):
            continue
        outcome = apply_rule(ind, ctx)
        if not any(f[0] is Severity.ERROR for f in outcome.findings) or ind.score is None:
            continue
        if not _deduct_rule(draft, index, item, ind):
            _set(item, "rule", "reported")
            why = incomparable(ind.target, ind.actual)
            draft.comment(("indicators", index, "rule"),
                          f"{why}，无法重算：采用公布得分。" if why else
                          "原文给出了评分标准，但没有写明扣分的处数（或评分依据），无法重算：采用公布得分。"
                          if ind.rule_text else "原文没有说明得分如何得出，无法重算：采用公布得分。")
            draft.notes.append(f"指标「{ind.name}」：{why or '原文未写明扣分处数/评分依据'}，"
                               f"写作 rule: reported（采用公布得分 {plain(ind.score)}）")


_DATE = re.compile(r"(?<![\d.])\d{4}\s*(?:[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}(?![\d.])|年\s*\d{1,2}\s*月)")
"""A date (「2023-10-31」 as the reader writes a cell formatted 「2023年10月31日」, 「2023/10/31」, 「2023年10月」):
its hyphens are no span of figures, and the scorer compares no dates."""
_RANGE = re.compile(r"\d\s*[%％]?\s*[-~～—至到]\s*\d")
"""A span of figures (「0.6-0.8」, 「60%～80%」, 「3至5个」): the scorer compares against one figure."""
_PER_BASE = re.compile(r"[/／每]\s*\d*(?:\.\d+)?\s*[十百千万亿]")
"""A rate per a base (「850.1/10万」, 「每千人」): a figure the scorer does not read as a number."""


def incomparable(target: str, actual: str) -> str:
    """Why a target and an actual that both hold figures cannot be compared as numbers (「目标值「0.6-0.8」
    是一个区间…」), or "" when a side has no figure or both read as numbers: such a row falls to
    `reported` for want of a comparison, not for want of a count of deductions (梓潼县 2024:
    「>650/10万 → 850.1/10万」, 「0.6-0.8 → 0.67」)."""
    sides = [("目标值", target), ("实际值", actual)]
    if not all(re.search(r"\d", text) for _, text in sides):
        return ""
    for what, text in sides:
        if marks := inner_marks(text):
            return f"{what}「{text}」中有脚注标记「{marks}」（不在末尾，无法照原样与数值分开），程序读不出数值，无法比较"
    if all(parse_value(text).is_number for _, text in sides):
        return ""
    for what, text in sides:
        if _DATE.search(text):
            return f"{what}「{text}」是一个日期，程序不比较日期，无法与{'实际值' if what == '目标值' else '目标值'}比较"
    for what, text in sides:
        if _RANGE.search(text):
            return f"{what}「{text}」是一个区间，程序只按单个数值比较，无法与{'实际值' if what == '目标值' else '目标值'}比较"
    if any(_PER_BASE.search(text) for _, text in sides):
        return (f"目标值「{target}」、实际值「{actual}」是按基数计的比率（如「/10万」），"
                "程序读不出其中的数值，无法比较")
    return f"目标值「{target}」、实际值「{actual}」的写法程序读不出数值，无法比较"


def _set(item: dict[str, object], key: str, value: object) -> None:
    item[key] = value
    in_order(item)


def _budget_rule(draft: Draft, index: int, item: dict[str, object], ind: Indicator, budget: DerivedBudget) -> bool:
    """执行率/到位率 rows are scored from the budget's amounts, as the contract says.

    The printed rate is checked at the precision it was printed with: 99% for 99.10% is the same
    figure rounded to whole percent (a rounding note), 97% for 99.10% is a real difference. A rate
    the table cannot give (no 到位 row: perfsite.budget.derive) leaves the row alone, so a 到位率 of
    fertiliser or grain (「示范区配方肥到位率」, 隆阳区) is not scored as money that never came.
    """
    if "到位率" in ind.name:
        key, rule, label = "funding_rate", {"type": "budget", "rate": "到位率"}, "资金到位率"
    elif "执行率" in ind.name:
        key, rule, label = "execution_rate", {"type": "budget", "rate": "执行率"}, "预算执行率"
    else:
        return False
    rate = budget.figure(key)
    typed = parse_value(ind.actual)
    if rate is None:
        return False
    one_rate = typed.is_number and len(typed.figures) == 1 and typed.figures[0].unit in (PERCENT, "")
    if typed.is_number and not one_rate:
        return False
    _set(item, "rule", rule)
    said = f"按预算表的金额计分（{label} {rate}%）"
    if one_rate:
        form = draft.printed.get(("indicators", index, "actual"))  # 0.1 written 10%: quoted as printed
        shown = f"{form}（按 {ind.actual} 写入）" if form and form != ind.actual else f"{ind.actual} "
        fraction = parse_decimal(form) if form else None  # checked at the places the form printed
        amount = typed.figures[0].amount
        if fraction is None and typed.figures[0].unit == "" and 0 < amount <= 1 < rate:
            fraction = amount  # a bare 0.99 is the fraction check reads it as (rules._printed_rate)
        printed = fraction_percent(fraction) if fraction is not None else amount
        status = compare_printed(printed, rate)
        if status is Status.MATCH:
            said += f"，与原表印出的 {shown}一致"
        elif status is Status.ROUNDING and printed_rounding(rate, printed):
            said += f"；原表印出的 {shown}是它按原表的位数四舍五入的结果"
            draft.notes.append(f"指标「{ind.name}」：原表印出的 {shown}是预算表算出的{label} {rate}% 四舍五入的结果（舍入）")
        elif status is Status.ROUNDING:
            said += f"；原表印出的 {shown}与它相差不超过 0.1，属舍入差异"
        else:
            said += f"；原表印出的 {shown}与它不符，请核对原表"
            what = f"：原表印出的实际值 {shown}" if form else f"的实际值 {shown}"
            draft.notes.append(f"指标「{ind.name}」{what}与预算表算出的{label} {rate}% 不同，请核对原表")
    draft.comment(("indicators", index, "rule"), said + "。")
    return True


def _deduct_rule(draft: Draft, index: int, item: dict[str, object], ind: Indicator) -> bool:
    pers = {Decimal(x) for x in _PER.findall(ind.rule_text)}
    if len(pers) != 1 or ind.weight is None or ind.score is None:
        return False
    per = pers.pop()
    lost = ind.weight - ind.score
    if per <= 0 or lost <= 0 or lost % per:
        return False
    count = int(lost / per)
    said = re.search(rf"(?<![\d.]){count}\s*[{_MEASURE}]", f"{ind.actual} {ind.remark}")
    if not said:
        return False
    _set(item, "rule", {"type": "deduct", "per": Num(plain(per)), "count": Num(str(count))})
    draft.comment(("indicators", index, "rule"),
                  f"评分标准每处扣 {plain(per)} 分，原文写明「{said[0]}」：{plain(ind.weight)} − {plain(per)}×{count}。")
    draft.notes.append(f"指标「{ind.name}」：按评分标准每处扣 {plain(per)} 分、原文所写 {count} 处计分（rule: deduct）")
    return True
