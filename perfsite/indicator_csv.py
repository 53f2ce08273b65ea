"""The indicator table as a CSV beside the YAML, as Excel on Chinese Windows writes it.

Encodings are detected (UTF-8 with or without BOM, else GB18030, a superset of GBK); headers
may be Chinese or English; blank level cells are merged cells and copy down from the row above.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from perfsite.importing.writer import flow
from perfsite.markup import has_controls, visible
from perfsite.model import Rule
from perfsite.problems import Problem, Severity
from perfsite.rules import written_rule
from perfsite.safefile import FileRefused, read_limited
from perfsite.schema import applicable_word
from perfsite.values import inert_cell, undo_inert
from perfsite.yamlload import CONTROL, control_message, load_yaml_text

HEADERS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标", "level1"),
    "level2": ("二级指标", "level2"),
    "name": ("三级指标", "指标名称", "目标指标", "name"),
    "weight": ("分值", "权重", "weight"),
    "target": ("年度指标值", "目标值", "年度目标值", "target"),
    "actual": ("实际完成值", "业绩值", "实际值", "全年实际值", "实际完成情况", "actual"),
    "completion": ("完成率", "completion"),
    "score": ("得分", "指标得分", "score"),
    "rule_text": ("评分标准", "评分规则", "rule_text"),
    "remark": ("偏差原因分析及改进措施", "偏差原因分析", "评分说明", "说明", "备注", "remark"),
    "rule": ("规则", "rule"),
    "applicable": ("是否适用", "applicable"),
}
_LOOKUP = {alias.lower(): key for key, aliases in HEADERS.items() for alias in aliases}
PUBLISHED_ONLY = ("评价年度", "项目标识", "序号", "复算完成率（%）", "复算完成率", "复算得分", "复算规则", "核验",
                  "与绩效目标对照", "绩效目标表目标值", "对照说明")
"""Headers of the indicator tables the site publishes (the programme's 指标表 CSV, the site-wide
indicators.csv) that are no part of a clerk's table: the keys, the recomputed figures and the
site-wide table's comparison with the 绩效目标表. A downloaded table read back skips them, so it
imports as the clerk's own."""
_SKIPPED = {re.sub(r"\s+", "", h).lower() for h in PUBLISHED_ONLY}
COPY_DOWN = ("level1", "level2", "name")
MAX_BYTES = 2_000_000


def decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding name): UTF-8 first (strict), else GB18030; never asks the user. UTF-16
    (Excel's 「Unicode 文本」, tab-separated) is refused by name: GB18030 decodes most of its bytes,
    so it read as text with a NUL after every letter and no header was found, with no word why."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:4096]:  # UTF-8 and GB18030 text has no NUL
        raise ValueError("文件是 UTF-16 编码（Excel 另存为「Unicode 文本」时的编码）或含有 NUL 字节：请在 Excel 中另存为"
                         "「CSV UTF-8（逗号分隔）」或「CSV（逗号分隔）」后再导入")
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "GB18030"
    except UnicodeDecodeError as exc:
        raise ValueError(f"无法识别文件编码（既不是 UTF-8 也不是 GB18030/GBK），第 {exc.start} 字节") from exc


def header_key(cell: str) -> str | None:
    """Map a header cell to a contract key; whitespace and line breaks inside are ignored."""
    return _LOOKUP.get(re.sub(r"\s+", "", cell).lower())


Table = list[tuple[int, list[str]]]


def read_table(path: Path, file: str) -> tuple[Table, Problem | None]:
    """The non-blank rows with their line numbers, or the one problem that stops reading."""
    try:
        raw = read_limited(path, MAX_BYTES)  # a FIFO or a link to /dev/zero is refused, not read
    except FileRefused as exc:
        return [], Problem(Severity.ERROR, exc.message, file=file)
    try:
        text, _ = decode(raw)
    except ValueError as exc:
        return [], Problem(Severity.ERROR, str(exc), file=file)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        table = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        said = str(exc)
        if "field larger than field limit" in said:  # the csv module's cap on one cell
            said = f"有单元格超过 {csv.field_size_limit()} 个字符，请检查是否有未闭合的引号"
        return [], Problem(Severity.ERROR, f"CSV 格式错误：{said}", file=file, line=reader.line_num)
    table = [(n, row) for n, row in table if any(c.strip() for c in row)]
    if not table:
        return [], Problem(Severity.ERROR, "CSV 文件是空的", file=file)
    if has_controls(text):  # direction controls shown as [U+202E], as the YAML reader does
        table = [(n, [visible(c) for c in row]) for n, row in table]
    return table, None


def republished(path: Path) -> bytes:
    """The clerk's indicator table as the site offers it for download: made again from the cells
    as read, never the submitted bytes (which may hold live formulas, other columns, GBK).

    Recognised columns only, under their contract headers; control characters removed; every
    text cell made inert for spreadsheets (values.inert_cell); UTF-8 with BOM and CRLF, as the
    site's other CSV files. Raises ValueError for a file `check` would refuse."""
    table, problem = read_table(path, str(path))
    if problem is not None:
        raise ValueError(problem.message)
    keep: list[tuple[int, str]] = []
    for index, cell in enumerate(table[0][1]):
        key = header_key(cell)
        if key is not None and key not in {k for _, k in keep}:
            keep.append((index, key))
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([HEADERS[key][0] for _, key in keep])
    for _, cells in table[1:]:
        writer.writerow([inert_cell(CONTROL.sub("", cells[i]).strip()) if i < len(cells) else "" for i, _ in keep])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def read_indicator_csv(path: Path, file: str) -> tuple[list[dict[str, object]], dict[int, int], list[Problem]]:
    """Rows as indicator mappings (same keys as YAML), the CSV line of each, and problems."""
    problems: list[Problem] = []
    table, stop = read_table(path, file)
    if stop is not None:
        return [], {}, [stop]
    header_line, header = table[0]
    columns: list[str | None] = []
    for cell in header:
        key = header_key(cell)
        if key is None and re.sub(r"\s+", "", cell).lower() in _SKIPPED:
            columns.append(None)
            continue
        if key is None and cell.strip():
            problems.append(Problem(Severity.ERROR, f"无法识别的表头「{cell.strip()}」"
                                    f"（可用：{'、'.join(a for a, *_ in HEADERS.values())} 等）", file=file, line=header_line))
        if key is not None and key in columns:
            problems.append(Problem(Severity.ERROR, f"表头「{cell.strip()}」重复", file=file, line=header_line))
            key = None
        columns.append(key)
    for needed in ("name", "weight"):
        if needed not in columns:
            problems.append(Problem(Severity.ERROR, f"CSV 缺少「{HEADERS[needed][0]}」列", file=file, line=header_line))
    rows: list[dict[str, object]] = []
    lines: dict[int, int] = {}
    above: dict[str, str] = {}
    for line, cells in table[1:]:
        row: dict[str, object] = {}
        for key, cell in zip(columns, cells, strict=False):
            if key is not None:
                message = control_message(cell)
                if message:
                    problems.append(Problem(Severity.ERROR, message, file=file, line=line, key=key))
                    cell = CONTROL.sub("", cell)
                row[key] = undo_inert(cell.strip())
        for key in COPY_DOWN:
            if key in columns:
                if row.get(key):
                    above[key] = str(row[key])
                    # a new level starts a new merged block: lower levels stop copying down
                    for lower in COPY_DOWN[COPY_DOWN.index(key) + 1:]:
                        above.pop(lower, None)
                elif key in above:
                    row[key] = above[key]
        for key, value in list(row.items()):
            if value == "":
                row[key] = None
        if row.get("rule"):
            row["rule"] = _rule_cell(str(row["rule"]), file, line, problems)
        if row.get("applicable") is not None:
            word = applicable_word(row["applicable"])
            if word is not None:
                row["applicable"] = word
            else:
                problems.append(Problem(Severity.ERROR, f"是否适用只能填 是 或 否，而不是「{str(row['applicable'])[:60]}」", file=file, line=line, key="applicable"))
                row["applicable"] = True
        lines[len(rows)] = line
        rows.append(row)
    return rows, lines, problems


def rule_cell(rule: Rule) -> str:
    """The 规则 cell of `rule`: empty for auto, its name, or a flow mapping; `_rule_cell` then
    rules.read_rule read it back to an equal Rule, so a published indicator table re-imports
    with the scoring its data file gave."""
    written = written_rule(rule)
    return "" if written is None else written if isinstance(written, str) else flow(written)


def _rule_cell(cell: str, file: str, line: int, problems: list[Problem]) -> object:
    """A rule name, or a YAML flow mapping such as ``{type: deduct, per: 0.5, count: 3}``."""
    if not cell.startswith("{"):
        return cell
    loaded = load_yaml_text(cell, file)
    for problem in loaded.problems:
        problems.append(Problem(Severity.ERROR, f"规则列：{problem.message}", file=file, line=line, key="rule"))
    return loaded.data if isinstance(loaded.data, dict) else cell
