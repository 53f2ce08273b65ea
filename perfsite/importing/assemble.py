"""Turn what was recognised into a programme mapping (the contract's keys), noting every judgement.

Precedence where sources overlap: a table's facts (项目名称 | …) over the title over the prose;
the 附件 自评表 (it has 一级指标, usually 完成率) over the per-section tables, which only
cross-check it; the report's own sentence for the total over a 合计 row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from perfsite.decimals import HUNDRED, parse_decimal, plain, q2
from perfsite.importing.labels import bare
from perfsite.importing.sniff import ImportFailure
from perfsite.importing.tables import BudgetTable, Found, IndicatorTable
from perfsite.importing.text import Prose, prose_department, prose_name, prose_total, prose_year, title_facts
from perfsite.importing.writer import Comments, Num
from perfsite.reader import UNSTATED, split_subtotal
from perfsite.schema import EVALUATIONS
from perfsite.values import PLACEHOLDERS

LEVEL_SOURCES = ("central", "provincial", "municipal", "county")
PART_SOURCES = (*LEVEL_SOURCES, "carryover", "other")
ITEM_ORDER = ("level1", "level2", "name", "weight", "target", "actual", "completion", "score", "rule",
              "rule_text", "remark", "applicable")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")
_LEVEL1_FROM_CAPTION = (("预算执行", "预算执行指标"), ("产出", "产出指标"), ("效益", "效益指标"),
                        ("满意", "满意度指标"), ("决策", "决策"), ("过程", "过程"))
EXECUTION_ROW = {"level1": "预算执行指标", "level2": "预算执行指标", "name": "预算执行率"}


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

    def comment(self, path: tuple[object, ...], *lines: str) -> None:
        self.comments.setdefault(path, []).extend(lines)


@dataclass
class Hints:
    """Fallbacks from the command line, used only where the file says nothing."""

    name: str | None = None
    year: str | None = None


def number(text: str | None) -> Num | None:
    """A published figure as text (``3.00``, ``4,700.90``); None for blanks and placeholders."""
    if text is None:
        return None
    t = text.translate(_FULL_WIDTH).strip().removesuffix("分").removesuffix("万元").strip()
    if t in PLACEHOLDERS:
        return None
    return Num(t) if parse_decimal(t) is not None else None


def assemble(source: str, found: Found, prose: Prose, headers: list[str], hints: Hints) -> Draft:
    draft = Draft()
    facts = found.facts
    titles = [*prose.titles, *found.titles, *headers]
    from_title = next((f for f in map(title_facts, titles) if f), {})
    name = facts.get("name") or from_title.get("name") or hints.name
    if not name:
        name = prose_name(prose.paragraphs)
        if name:
            draft.notes.append(f"项目名称「{name}」取自正文的评价结论，请核对全称")
    if not name:
        raise ImportFailure("找不到项目名称（标题、表格中的「项目名称」和正文都没有）：可用 --name 指定")
    year = _year(facts.get("year")) or from_title.get("year") or _title_year(titles)
    if not year:
        year = prose_year(prose.paragraphs) or hints.year
        if year and not hints.year:
            draft.notes.append(f"评价年度 {year} 是从正文中出现最多的年份推断的，请核对")
    if hints.year and year and hints.year != year:
        draft.notes.append(f"命令行给出年度 {hints.year}，但文件写的是 {year}：以文件为准")
    if not year:
        raise ImportFailure("找不到评价年度（标题、表格和正文都没有）：可用 --year 指定")
    data = draft.data
    data["name"] = name
    data["year"] = Num(year)
    _department(draft, facts, prose)
    region = facts.get("region") or from_title.get("region")
    if region:
        data["region"] = region
    evaluation = facts.get("evaluation") or ("单位自评" if any("自评" in t for t in [*titles, source]) else "")
    if evaluation in EVALUATIONS:
        data["evaluation"] = evaluation
    for key in ("evaluator", "published", "series"):
        if facts.get(key):
            data[key] = facts[key]
    data["source"] = source
    sections = [*prose.sections, *found.sections]
    if sections:
        data["sections"] = dict(sections)
    budget_table = next((b for b in found.budgets if b.rows), None)
    budget = _budget(draft, budget_table, facts) if budget_table else None
    if budget:
        data["budget"] = budget
    items = _indicators(draft, found, budget_table)
    groups = _groups(items)
    if groups:
        data["groups"] = groups
    data["indicators"] = items
    _reported(draft, found, facts, prose)
    draft.notes.extend(found.notes)
    _summary(draft, name, year, found, budget_table, sections, region)
    return draft


def _year(text: str | None) -> str | None:
    found = re.search(r"(?:19|20)\d{2}", text or "")
    return found[0] if found else None


def _title_year(titles: list[str]) -> str | None:
    for title in titles:
        found = re.search(r"((?:19|20)\d{2})\s*年度", title)
        if found:
            return found[1]
    return None


def _department(draft: Draft, facts: dict[str, str], prose: Prose) -> None:
    department = facts.get("department") or facts.get("unit") or prose_department(prose.paragraphs)
    if not department:
        org = next((line for line in prose.signature if not re.match(r"^\d", line)), None)
        if org:
            department = org
            draft.notes.append(f"主管部门「{org}」取自文末落款，请核对")
            draft.comment(("department",), "取自文末落款，请核对是否为主管部门全称。")
    if department:
        draft.data["department"] = department
        if facts.get("department") and facts.get("unit") and facts["unit"] != department:
            draft.comment(("department",), f"原表的实施单位：{facts['unit']}（数据格式只有主管部门一项）。")
        return
    draft.data["department"] = UNSTATED
    draft.comment(("department",), "原文没有写明主管部门或实施单位：按数据格式写「未载明」（check 会提示）。",
                  "知道部门全称时请改写。")
    draft.notes.append("原文没有写明主管部门：已写「未载明」，知道全称时请补上")


# --------------------------------------------------------------------------- indicators

def _indicators(draft: Draft, found: Found, budget: BudgetTable | None) -> list[dict[str, object]]:
    tables = [t for t in found.indicators if t.rows]
    if not tables:
        if found.indicators:
            raise ImportFailure("找到了指标表的表头，但表中没有指标行")
        raise ImportFailure("没有找到绩效指标表（需要一张表头含「三级指标/指标名称」和「分值/权重」的表格）")
    complete = [t for t in tables if t.complete]
    if complete:
        primary = max(complete, key=lambda t: (len(t.rows), "completion" in t.keys))
        rows = list(primary.rows)
        refs = list(primary.refs)
        others = [t for t in tables if t is not primary]
        draft.tables_used = f"{primary.label}{_caption(primary)}"
        primary_tables = [primary]
    else:
        rows, refs = [], []
        for table in tables:
            level1 = _level1_from_caption(table.caption)
            rows.extend({"level1": level1, **r} if level1 and "level1" not in r else r for r in table.rows)
            refs.extend(table.refs)
        others = []
        primary_tables = tables
        draft.tables_used = "、".join(f"{t.label}{_caption(t)}" for t in tables)
        if any("level1" not in r for r in rows):
            draft.notes.append("分表没有「一级指标」列，也无法从表前标题推断：这些指标的一级指标留空")
        else:
            draft.notes.append("没有完整的自评表，一级指标取自各分表前的标题，请核对")
    items = [_item(draft, row, ref) for row, ref in zip(rows, refs, strict=True)]
    items = [i for i in items if i]
    if budget and budget.execution and not any("执行率" in str(i.get("name", "")) for i in items):
        items.insert(0, _execution_item(budget.execution))
        draft.notes.append("预算执行率（资金表中的分值/执行率/得分）作为一项指标写入，按预算表计分")
    for other in others:
        _cross_check(draft, rows, other)
    for table in primary_tables:
        _check_total(draft, items if len(primary_tables) == 1 else [], table)
    return items


def _caption(table: IndicatorTable) -> str:
    return f"（{table.caption}）" if table.caption else ""


def _level1_from_caption(caption: str) -> str:
    for word, level1 in _LEVEL1_FROM_CAPTION:
        if word in caption:
            return level1
    return ""


def _item(draft: Draft, row: dict[str, str], ref: str) -> dict[str, object]:
    item: dict[str, object] = {}
    for key in ITEM_ORDER:
        text = row.get(key)
        if not text:
            continue
        if key in ("weight", "score"):
            value = number(text)
            if value is None and text.strip() not in PLACEHOLDERS:
                draft.notes.append(f"{ref}：「{text}」不是数字，无法作为{'分值' if key == 'weight' else '得分'}，未写入")
                continue
            if value is not None:
                item[key] = value
        elif key == "applicable":
            item[key] = text.strip() not in ("否", "不适用", "no", "false")
        elif key == "rule":
            item[key] = _rule_cell(draft, text, ref)
        else:
            item[key] = text
    level = row.get("level")
    if level and item.get("rule") in (None, "judged"):
        item["rule"] = {"type": "judged", "level": level}
    if "name" not in item and "weight" not in item:
        return {}
    return item


def _rule_cell(draft: Draft, text: str, ref: str) -> object:
    from perfsite.yamlload import load_yaml_text

    if not text.lstrip().startswith("{"):
        return text.strip()
    loaded = load_yaml_text(text)
    if loaded.problems or not isinstance(loaded.data, dict):
        draft.notes.append(f"{ref}：规则「{text}」写法有误（应如 {{type: deduct, per: 0.5, count: 3}}），原样写入")
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


def _execution_item(execution: dict[str, str]) -> dict[str, object]:
    item: dict[str, object] = dict(EXECUTION_ROW)
    weight, score = number(execution.get("weight")), number(execution.get("score"))
    if weight is not None:
        item["weight"] = weight
    item["target"] = "100%"
    rate = execution.get("rate", "").strip()
    if rate and not rate.endswith(("%", "％")):
        value = parse_decimal(rate)
        rate = f"{plain(value * HUNDRED) if value is not None and value <= 2 else rate}%"
    if rate:
        item["actual"] = rate
    if score is not None:
        item["score"] = score
    return item


def _same(a: str | None, b: str | None, key: str) -> bool:
    if key in ("weight", "score"):
        x, y = number(a), number(b)
        return x is None or y is None or Decimal(x) == Decimal(y)
    return not a or not b or bare(a) == bare(b)


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
    rows: dict[str, object] = {}
    for key in ("initial", "budget", "funded", "spent"):
        values = table.rows.get(key)
        if not values:
            continue
        entry = _budget_row(draft, key, values)
        if entry is not None:
            rows[key] = entry
    if not rows:
        return None
    if ("budget",) in draft.comments:
        draft.comments[("budget",)].insert(0, "原表的财政拨款未分中央/省/市/县级，无法写入各级来源，只写合计；原表各行：")
    unit = facts.get("unit_of_money") or table.unit or "万元"
    unit = unit if unit in ("万元", "元") else "万元"
    basis = _rate_basis(draft, table, facts)
    budget: dict[str, object] = {"unit": unit, "rate_basis": basis, **rows}
    _check_rates(draft, table, rows, basis)
    return budget


def _budget_row(draft: Draft, key: str, values: dict[str, str]) -> object:
    nums = {src: number(text) for src, text in values.items()}
    for src, text in values.items():
        if nums[src] is None and text.strip() not in PLACEHOLDERS:
            draft.notes.append(f"预算表 {key}/{src} 的「{text}」不是金额，未写入")
    parts = {src: v for src, v in nums.items() if src in PART_SOURCES and v is not None}
    total = nums.get("total")
    unassigned = nums.get("fiscal") or (nums.get("subtotal") if not any(s in parts for s in LEVEL_SOURCES) else None)
    if unassigned is not None and not any(s in parts for s in LEVEL_SOURCES):
        if total is None:
            total = _sum(unassigned, *(parts.values()))
        breakdown = "".join(f"，{_SOURCE_WORD[src]} {v}" for src, v in parts.items())
        draft.comment(("budget",), f"{_ROW_WORD[key]}：财政拨款 {unassigned}{breakdown}")
        return total
    if parts:
        return {**parts, "total": total} if total is not None else parts
    return total


_ROW_WORD = {"initial": "年初预算数", "budget": "全年预算数", "funded": "实际到位数", "spent": "全年执行数"}
_SOURCE_WORD = {"carryover": "上年结转", "other": "其他资金"}


def _sum(*values: Num | None) -> Num:
    return Num(plain(sum((Decimal(str(v).replace(",", "")) for v in values if v is not None), Decimal(0))))


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
    spent, base = _total_of(rows.get("spent")), _total_of(rows.get("funded" if basis == "funded" else "budget"))
    if printed is None or spent is None or not base:
        return
    computed = q2(spent * HUNDRED / base)
    if abs(Decimal(printed) - computed) > Decimal("0.01"):
        draft.notes.append(f"预算表印出的执行率 {printed}% 与计算的 {computed}% 不一致，请核对")


def _total_of(entry: object) -> Decimal | None:
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
            candidates.append((f"{table.label} 合计行", number(table.total["score"]), None))
    chosen = next(((w, s, g) for w, s, g in candidates if s is not None), None)
    if chosen is None:
        draft.notes.append("原文没有写明总得分：未写 reported")
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
