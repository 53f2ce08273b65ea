"""Field-level checks shared by every file kind: known keys, types, did-you-mean."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from functools import lru_cache

from perfsite.decimals import parse_decimal, range_hint, written
from perfsite.problems import Problems
from perfsite.values import NO_NUMBER, identity_text, number_advice, spreadsheet_warning, unseen_marked
from perfsite.yamlload import YAML11_FLAGS

APPLICABLE_YES = frozenset({"是", "适用", "yes", "true", "y", "1", "on"})
APPLICABLE_NO = frozenset({"否", "不适用", "no", "false", "n", "0", "off"})
"""What a 是否适用 cell may say (case aside), in a CSV table and, as text, in a YAML `applicable:`."""


def applicable_word(raw: object) -> bool | None:
    """`applicable` as written (true/false, 是/否, 适用/不适用): the bool, or None when it is none of them."""
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    return True if word in APPLICABLE_YES else False if word in APPLICABLE_NO else None

DISCLOSURE_KEYS = ("index_no", "doc_no", "issuer", "validity", "corrections")
"""索引号, 文号, 发布机构, 时效性 and 更正记录 (发布日期 is `published`): perfsite.disclosure reads them."""
DOCUMENT_KEYS = ("kind", "published", *DISCLOSURE_KEYS, "renamed")
"""Keys every document kind may carry (kind, disclosure metadata, corrections, renames)."""
PROGRAMME_KEYS = (
    "name", "year", "department", "id", "series", "region", "evaluation", "evaluator",
    "published", "source", "sections", "budget", "indicators", "groups", "reported", "sample",
    *(key for key in DOCUMENT_KEYS if key != "published"),
)
REQUIRED_KEYS = ("name", "year", "department")
INDICATOR_KEYS = (
    "level1", "level2", "name", "weight", "target", "actual", "completion", "score", "rule",
    "rule_text", "remark", "applicable",
)
BUDGET_KEYS = ("unit", "rate_basis", "initial", "budget", "funded", "spent")
REPORTED_KEYS = ("score", "grade")
EVALUATIONS = ("单位自评", "部门评价", "财政评价", "第三方评价")
_LEVEL_NAMES = (("文件顶层", PROGRAMME_KEYS), ("每项指标（indicators 中以 - 开头的一项）", INDICATOR_KEYS),
                ("预算表（budget）", BUDGET_KEYS), ("公布的总分和等级（reported）", REPORTED_KEYS))
_LEVELS = frozenset(keys for _, keys in _LEVEL_NAMES)
_KEY_LEVELS = {key: "或".join(name for name, keys in _LEVEL_NAMES if key in keys)
               for _, keys in _LEVEL_NAMES for key in keys}
"""Where each key of a 自评 lives: a key one level off by its indentation (`score:` under the file's
top, `unit:` out of `budget`) was 「未知的键 score，您是不是想写 source？」, a key that is right but
misplaced sent to a spelling it never had."""

KEY_LABEL = {
    "name": "项目名称", "year": "评价年度", "department": "主管部门", "indicators": "绩效指标",
    "weight": "权重", "target": "目标值", "actual": "实际值", "score": "得分",
    "evaluation": "评价类型", "evaluator": "评价机构", "conclusion": "评价结论", "original": "报告原件",
    "findings": "问题列表", "problem": "存在的问题", "measures": "整改措施", "measure": "整改措施",
    "owner": "责任单位", "deadline": "完成时限", "status": "整改状态", "action": "结果应用",
}


def suggest(word: str, known: Iterable[str]) -> str:
    """「您是不是想写 …」 for a misspelt key, or nothing when no key is close."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f"，您是不是想写 {close[0]}？" if close else ""


@lru_cache(maxsize=64)
def _key_set(known: tuple[str, ...]) -> frozenset[str]:
    """The few key lists of the contract as sets: every mapping of every file is checked against one."""
    return frozenset(known)


def check_keys(data: Mapping[object, object], known: Iterable[str], path: tuple[object, ...],
               problems: Problems, required: Iterable[str] = ()) -> None:
    """Unknown keys are errors with the closest known one; required keys must be present."""
    known = tuple(known)
    allowed = _key_set(known)
    for key in data:
        if key not in allowed:
            where = _KEY_LEVELS.get(key) if isinstance(key, str) and known in _LEVELS else None
            if where is not None:
                problems.error((*path, key), f"未知的键 {key}：{key} 是{where}的键，写在这里多半是缩进不对"
                               f"（同一层的键要左对齐）：请对照上下几行调整这一行的缩进（这一层可用的键：{', '.join(known)}）")
                continue
            problems.error((*path, key), f"未知的键 {shown(unseen_marked(str(key)))}{suggest(identity_text(str(key)[:100]), known)}"
                           f"（可用的键：{', '.join(known)}）")
    for key in required:
        if data.get(key) is None:
            label = KEY_LABEL.get(key, "")
            problems.error(path, f"缺少必填的键 {key}{f'（{label}）' if label else ''}")


SHORT_TEXT = 200
"""Characters in a name-like field (项目名称, 主管部门, 指标名称, 等级…): the longest real programme
name seen is about 60 characters; 200 leaves room and keeps headings, filters and CSV cells usable."""
LONG_TEXT = 5_000
"""Characters in a cell or note (目标值, 评分标准, 偏差原因, 来源, 许可): a long 评分标准 is about
1,000 characters; 5,000 is a page of text."""
SECTION_TEXT = 100_000
"""Characters in one `sections` chapter: a whole 评价报告 chapter is 20,000–30,000 characters."""
TEXT_LIMITS = {
    "target": LONG_TEXT, "actual": LONG_TEXT, "completion": LONG_TEXT, "rule_text": LONG_TEXT,
    "remark": LONG_TEXT, "source": LONG_TEXT, "licence": LONG_TEXT, "sections": SECTION_TEXT,
    "what": LONG_TEXT, "why": LONG_TEXT, "midterm_goal": LONG_TEXT, "annual_goal": LONG_TEXT,
    "explanation": LONG_TEXT, "basis": LONG_TEXT, "data_source": LONG_TEXT,
    "conclusion": LONG_TEXT, "method": LONG_TEXT, "findings": LONG_TEXT, "suggestions": LONG_TEXT,
    "problem": LONG_TEXT, "measure": LONG_TEXT, "evidence": LONG_TEXT, "note": LONG_TEXT,
    "functions": LONG_TEXT, "content": LONG_TEXT, "annual_result": LONG_TEXT, "deviation": LONG_TEXT,
}
"""Longest text per key (others SHORT_TEXT): pages, search index and downloads stay readable, and
a pasted book cannot pass for a field."""


def text_limit(key: str) -> int:
    return TEXT_LIMITS.get(key, SHORT_TEXT)


def too_long(text: str, key: str, path: tuple[object, ...], problems: Problems) -> bool:
    """An error when `text` is longer than its key allows; True then."""
    limit = text_limit(key)
    if len(text) <= limit:
        return False
    problems.error((*path, key) if key != "sections" else path,
                   f"{key} 太长（{len(text)} 个字符，上限 {limit}）：请删去多余内容，长篇说明请写在 sections 中")
    return True


def shown(text: object, limit: int = 60) -> str:
    """A value quoted in a message, cut to `limit` characters (a message never echoes a megabyte).
    A value that is no text is shown as a clerk would have typed it (typed), never as Python prints it."""
    if not isinstance(text, str):
        text = typed(text)
    return text if len(text) <= limit else text[:limit] + f"…（共 {len(text)} 个字符）"


def typed(raw: object) -> str:
    """A value read from a data file, written back as YAML: ``[1, 2]``, ``{county: 25}``, ``true``.
    Python's own printing (「[Decimal('1'), Decimal('2')]」, 「True」, 「None」) reached a clerk's
    message wherever a field quoted a value it refused."""
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if raw is None:
        return "空值"
    if isinstance(raw, Decimal):
        return written(raw)
    if isinstance(raw, list):
        return "[" + ", ".join(typed(item) for item in raw[:20]) + (", …]" if len(raw) > 20 else "]")
    if isinstance(raw, dict):
        pairs = list(raw.items())
        return "{" + ", ".join(f"{key}: {typed(value)}" for key, value in pairs[:20]) + (", …}" if len(pairs) > 20 else "}")
    return str(raw)


def text_field(data: Mapping[str, object], key: str, path: tuple[object, ...],
               problems: Problems) -> str:
    """A text value; numbers and dates are accepted as their text, lists and mappings are not.

    Longer than its limit (TEXT_LIMITS) is an error; the text is cut to the limit."""
    raw = data.get(key)
    if raw is None:
        return ""
    if isinstance(raw, str):
        text = raw.strip()
        if len(text) > SHORT_TEXT and too_long(text, key, path, problems):
            return text[:text_limit(key)]
        return text
    if isinstance(raw, Decimal | int) and not isinstance(raw, bool):
        return written(raw) if isinstance(raw, Decimal) else str(raw)  # 0100 stays 0100
    problems.error((*path, key), f"{key} 应是一段文字，而不是{type_name(raw)}")
    return ""


def number_field(data: Mapping[str, object], key: str, path: tuple[object, ...],
                 problems: Problems, *, what: str = "数字", allow_negative: bool = True) -> Decimal | None:
    """A decimal read from its text; wrong types are errors naming the value."""
    raw = data.get(key)
    if raw is None:
        return None
    if isinstance(raw, str) and raw.strip() in NO_NUMBER:
        return None
    number = parse_decimal(raw)
    if number is None:
        problems.error((*path, key), f"{key} 应是{what}，而不是「{shown(raw)}」{range_hint(raw) or number_advice(raw)}"
                       if isinstance(raw, str) else f"{key} 应是{what}，而不是{type_name(raw)}")
        return None
    if not allow_negative and number < 0:
        problems.error((*path, key), f"{key} 不能为负数（{raw}）")
    elif what.startswith("金额") and (digits := spreadsheet_warning(number)) is not None:  # every money field says 金额
        problems.warning((*path, key), digits)
    return number


INDICATORS_NOT_LIST = "indicators 应是指标列表（每项以 - 开头）"
"""The error of an `indicators` value that is not a non-empty list (a 自评 or a 绩效目标表)."""


def not_an_indicator(kind: str) -> str:
    """The error of an item of `indicators` that is not a mapping."""
    return f"每个指标应是键值映射，而不是{kind}"


def mapping_rows(raw: object, key: str, problems: Problems, not_list: str, not_mapping: Callable[[str], str],
                 empty_ok: bool = True) -> Iterator[tuple[tuple[object, ...], dict]]:
    """Each item of the list under `key` that is a mapping, with its path. A value that is not a
    list (or an empty one, unless `empty_ok`) is one error (`not_list`); an item that is not a
    mapping is an error of its own (`not_mapping` of its type_name) and is skipped. A generator, so
    each item's errors come in the file's order beside the caller's own."""
    if not isinstance(raw, list) or not (raw or empty_ok):
        problems.error((key,), not_list)
        return
    for index, row in enumerate(raw):
        path: tuple[object, ...] = (key, index)
        if isinstance(row, dict):
            yield path, row
        else:
            problems.error(path, not_mapping(type_name(row)))


def type_name(raw: object) -> str:
    """A clerk's word for a YAML type."""
    if isinstance(raw, bool):
        return "是/否"
    if isinstance(raw, dict):
        return "键值映射"
    if isinstance(raw, list):
        return "列表"
    if isinstance(raw, Decimal | int):
        return "数字"
    if raw is None:
        return "空值"
    return "文字"


def read_flag(row: dict, key: str, path: tuple[object, ...], problems: Problems) -> bool:
    """A true/false key (false when absent); anything else is an error."""
    raw = row.get(key)
    if isinstance(raw, str) and raw in YAML11_FLAGS:
        return YAML11_FLAGS[raw]
    if raw is not None and not isinstance(raw, bool):
        problems.error((*path, key), f"{key} 只能是 true 或 false")
    return raw is True

