"""One export of the 预算管理一体化/绩效管理 system holding many programmes, one row per indicator.

The system exports every programme in *long format*: the programme's columns (项目编码, 项目名称,
主管部门, 实施单位, 年度, budget columns, 自评得分 …) repeated on each of its indicator rows
(一级指标 … 得分, 偏差原因). Here the rows are grouped back into programmes, and each goes through
the same assembly, id choice, checks and atomic writing as a single form (`assemble`, then
`pipeline.place` in order and `pipeline.Finisher` in the batch's forked pool), one `FileReport` each.

Reading: pandas with every cell as text (``dtype=str, keep_default_na=False``) so a published
``3.50`` or ``0012`` keeps its digits. For .xlsx the `calamine` engine (Rust): on the bench's
export of 1,000 programmes (10,000 rows, 18 columns) pandas used 0.4 s of CPU with calamine and
6.7 s with openpyxl (17×); 10,000 programmes (100,000 rows, 8.4 MB) took 4.7 s with calamine.
A number Excel stores as a number arrives as Python prints it: ``4700.9`` for a cell shown as
4700.90 (the same amount), but ``0.95`` for one shown as 95%, which then reads as 0.95; exports
normally hold text, and docs/import.md asks for such a column as text.

Detection: a file is an export when a sheet's header (among its first rows, over one row or two)
names a programme column (项目名称/项目编码) *and* indicator columns; a single 自评表 has 项目名称
in a row of its own, never on the indicator header row. A batch finds it while reading each file
as a form (`grids_are_export`), or, for a file too big for a form, from its first rows alone
(`head_sheets`): no file is opened twice just to ask.

Speed (measured on 1,000 programmes of 10 indicators, CPU per programme): reading and grouping
1.1 ms (calamine, after `check_extent`'s scan), assembling 0.5, choosing the id 0.6 (pinyin), all
in the main process, in order; then rendering, checking and writing 2.5 (YAML 0.5, read back
once 0.6, rules 0.5, scoring 0.3, files 0.3) in the batch import's forked workers, a chunk of
programmes per task, each chunk handed over as soon as it is placed and its files synced together.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from perfsite.decimals import parse_decimal
from perfsite.importing.assemble import Hints, amount, assemble, number
from perfsite.importing.convert import Conversions, text_of, text_separator
from perfsite.importing.extras import optional
from perfsite.importing.grid import OWN, Grid, compact, flat, footnote_mark, row_number
from perfsite.importing.labels import (
    BUDGET_ROWS,
    COPY_DOWN,
    DERIVED_ROWS,
    FACTS,
    SPANNING,
    bare,
    column_key,
    indicator_name,
    is_sign_off,
    is_total,
    match,
)
from perfsite.importing.pipeline import FileReport, Finisher, Options, Pool, Prepared, assembled, place, worker_count
from perfsite.importing.row_evaluation import SAID_IN, checks_a_form, said_evaluation
from perfsite.importing.row_figures import RowReadings, mark_note
from perfsite.importing.sheet_formulas import stale_refusal
from perfsite.importing.sniff import OLD, ImportFailure, logged, sniff
from perfsite.importing.tables import (
    TITLE_LIKE,
    UNDER_ACTUAL,
    BudgetTable,
    Found,
    IndicatorTable,
    join_target,
    money_unit,
)
from perfsite.importing.text import ORG, Prose
from perfsite.importing.writer import WriteRefused
from perfsite.importing.xlsx_reader import formula_results, recalculates
from perfsite.opendata.parts import column_letter
from perfsite.siteconfig import SiteConfig

if TYPE_CHECKING:
    from perfsite.importing.target_form import TargetForm

HEADER_SCAN = 10
"""Rows searched for the header (a title or a 单位：万元 line may stand above it)."""

CODE_HEADERS = frozenset({"项目编码", "项目代码", "项目编号", "项目id", "项目ID", "项目识别码"})
"""The programme's code (compared whole: `match` reads 「主管部门及代码」 as 主管部门)."""
# Programme columns the system uses that a single form does not (checked before the forms' FACTS).
EXPORT_FACTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("name", ("项目名称", "专项名称", "项目专项名称", "项目全称")),
    ("year", ("预算年度", "年份", "评价年份", "自评年度")),
    ("reported_score", ("自评总分", "自评得分", "项目自评得分", "综合得分", "总得分", "评价得分", "自评分数", "评价分数")),
    ("reported_grade", ("自评等级", "评价等级", "自评结果", "等级", "评价结果")),
)
# Indicator columns under the names exports give them (the forms' names come from `column_key`).
EXPORT_INDICATORS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("target", ("指标值", "年度目标", "目标值年度", "预期指标值")),
    ("actual", ("完成值", "实际完成", "全年完成值", "实际完成指标值", "全年实际完成值")),
    ("weight", ("标准分", "指标分值", "指标权重")),
    ("remark", ("偏差原因", "偏差原因分析", "未完成原因", "原因分析及改进措施", "偏差原因及改进措施")),
)
# Budget columns by their short export names (「预算数」 alone is the year's budget).
EXPORT_BUDGET: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("budget", ("预算数", "预算金额", "预算资金", "年度预算数", "调整后预算数")),
    ("spent", ("执行数", "支出数", "执行金额", "实际执行数", "执行资金")),
    ("funded", ("到位数", "到位资金")),
)
KEY_NAMES = {
    "code": "项目编码", "name": "项目名称", "department": "主管部门", "unit": "实施单位", "year": "年度",
    "region": "地区", "evaluation": "评价类型", "evaluator": "评价机构", "published": "公布日期", "id": "网址编号",
    "series": "系列编号", "reported_score": "自评得分", "reported_grade": "自评等级",
    "unit_of_money": "金额单位", "rate_basis": "执行率口径",
    "initial": "年初预算数", "budget": "全年预算数", "funded": "实际到位数", "spent": "全年执行数",
    "execution_rate": "执行率",
    "level1": "一级指标", "level2": "二级指标", "name_": "三级指标", "weight": "分值", "target": "年度指标值",
    "actual": "实际完成值", "completion": "完成率", "score": "得分", "rule_text": "评分标准",
    "remark": "偏差原因", "rule": "规则", "applicable": "是否适用", "level": "定性等级",
    "sign": "指标性质", "direction": "指标方向", "measure": "度量单位", "actual_sign": "实际完成值的指标性质", "actual_measure": "实际完成值的度量单位",
}
"""How a report names each key (indicator 三级指标 is ``name_`` so it does not clash with 项目名称)."""
MARKED = {"reported_score": "自评得分", "execution_rate": "执行率"}
"""The programme columns a footnote mark may follow (`footnote_mark`), with the word a note names them by."""
NUMERIC = frozenset({"initial", "budget", "funded", "spent", "reported_score"})
"""Repeated columns compared as numbers (``100`` and ``100.00`` agree)."""
FACT_KEYS = frozenset(key for key, _ in FACTS)
"""The programme columns `assemble` reads as a form's facts (name, department, year, 自评得分 …)."""
IDENTITY = ("code", "name", "id")
"""A row with none continues the programme above it (the export merged those cells). 网址编号
(项目标识 in our own /data/ workbook) names a programme within its year."""


@dataclass(frozen=True)
class Columns:
    """Which column of a header row became which key (indices from 0)."""

    headers: list[str]
    indicator: dict[str, int] = field(default_factory=dict)
    programme: dict[str, int] = field(default_factory=dict)
    """Columns repeated on every row of a programme: facts and budget figures."""
    unknown: list[int] = field(default_factory=list)
    groups: list[dict[str, int]] = field(default_factory=list)
    """An export with one row per programme: each numbered indicator's columns (指标1名称, 指标1目标值 …),
    in the order of their numbers; `indicator` is then empty."""

    @property
    def every_indicator(self) -> list[dict[str, int]]:
        """The indicator columns of one indicator each: a row's one set, or its numbered groups."""
        return self.groups or [self.indicator]

    @property
    def is_export(self) -> bool:
        has_programme = any(k in self.programme for k in IDENTITY)
        return has_programme and any("name" in columns and any(k in columns for k in ("weight", "target", "actual", "score"))
                                     for columns in self.every_indicator)

    def describe(self, label: str) -> list[str]:
        """「A 项目编码 → 项目编码」 lines for the clerk, then the columns not used."""
        pairs = sorted([*((c, KEY_NAMES.get(k, k)) for k, c in self.programme.items()),
                        *((c, KEY_NAMES.get("name_" if k == "name" else k, k)) for k, c in self.indicator.items()),
                        *((c, f"第 {n} 个指标的{KEY_NAMES.get('name_' if k == 'name' else k, k)}")
                          for n, columns in enumerate(self.groups, 1) for k, c in columns.items())])
        lines = [f"{label}的列：" + "；".join(f"{column_letter(c)}「{self.headers[c]}」→ {what}" for c, what in pairs)]
        if self.unknown:
            lines.append("未识别的列（未导入）：" + "、".join(f"{column_letter(c)}「{self.headers[c]}」"
                                                      for c in self.unknown))
        return lines


def map_columns(cells: list[str], over: list[str] | None = None) -> Columns:
    """Header cells → keys, matched after NFKC (full-width letters), without spaces or brackets.

    `over` is the upper row of a header over two rows (`two_row_header`), each column's group label:
    a column blank in `cells` is named by it (a label merged down), and under 实际完成值 a
    指标值/度量单位 is the actual's, as the single-form reader reads such a header."""
    above = over or [""] * len(cells)
    named = [cell or _at(above, c) for c, cell in enumerate(cells)]
    columns = Columns(headers=[flat((f"{_at(above, c)} {cell}" if cell and _at(above, c) else text).strip())
                               for c, (cell, text) in enumerate(zip(cells, named, strict=True))])
    texts = [unicodedata.normalize("NFKC", raw).strip() for raw in named]
    # 自评得分 is an indicator's score on a form, the programme's total beside an export's 得分 column
    scored = any(column_key(t) == "score" and match(t, EXPORT_FACTS, whole=True) != "reported_score"
                 for t in texts if t)
    numbered: dict[int, dict[str, int]] = {}
    for c, text in enumerate(texts):
        if not text:
            continue
        found = _numbered(text)
        if found is None and cells[c] and _at(above, c):  # 「指标1」 over 「名称 | 目标值 | 实际值 | 得分」
            found = _numbered(_at(above, c) + text)
        if found is not None and found[1] not in numbered.setdefault(found[0], {}):
            numbered[found[0]][found[1]] = c
            continue
        kind, key = _column(text, scored)
        if cells[c] and key is not None and column_key(_at(above, c)) == "actual":
            key = UNDER_ACTUAL.get(key, key)
        taken = columns.indicator if kind == "indicator" else columns.programme
        if key is None or key in taken:
            columns.unknown.append(c)
        else:
            taken[key] = c
    groups = [numbered[n] for n in sorted(numbered)]
    if "name" in columns.indicator or not any("name" in group for group in groups):
        columns.unknown.extend(c for group in groups for c in group.values())
    else:  # one row per programme: the numbered groups are its indicators, a 自评得分 or 得分 outside them its total
        columns.groups.extend(groups)
        if "score" in columns.indicator and "reported_score" not in columns.programme:
            columns.programme["reported_score"] = columns.indicator.pop("score")
        columns.unknown.extend(columns.indicator.values())
        columns.indicator.clear()
    columns.unknown.sort()
    return columns


_NUMBER = re.compile(r"(?<![\d.])(?:第)?(\d{1,2})(?:项|个)?(?![\d.])")
_GROUP_ONLY = {"名称": "name", "内容": "name"}
"""What a numbered group's column may be called with no other word (「指标1」 「名称」)."""


def _numbered(text: str) -> tuple[int, str] | None:
    """(number, indicator key) of a column of the numbered group an export with one row per programme
    prints for each indicator: 「指标1名称」 「指标1目标值」 「三级指标2」 「第3项指标完成值」 「指标10得分」.
    The number taken out, the rest must name an indicator column (「指标名称」, 「指标分值」), with or
    without its 「指标」 (「指标1实际完成值」 → 实际完成值); a year (「2023年预算数」) is four digits."""
    found = _NUMBER.search(text)
    if found is None:
        return None
    rest = bare(text[:found.start()] + text[found.end():])
    for label in (rest, rest.removeprefix("指标"), rest.removeprefix("绩效指标")):
        if label in _GROUP_ONLY:
            return int(found[1]), _GROUP_ONLY[label]
        kind, key = _column(label, True) if label else ("", None)
        if kind == "indicator" and key is not None:
            return int(found[1]), key
    return None


def two_row_header(upper: list[str], lower: list[str]) -> list[str] | None:
    """Each column's label in `upper` when `lower` continues a header begun there, else None.

    Exports print a group label over its columns, merged (the text in its first column, the rest
    blank) or repeated over each: 「年度指标值」 over 「指标性质 | 指标值 | 度量单位」, 「项目资金」
    over 「年初预算数 | 全年预算数 | 全年执行数」, while 项目编码 or 项目名称 is merged down both rows.
    The lower row counts only when every text in it names a column (so a data row never does) and
    the upper row names at least one column itself (so a title above the header never does); a
    group label is short and not a title, and stretches right over the blanks after it.
    """
    def names(text: str) -> bool:
        return _column(unicodedata.normalize("NFKC", text).strip(), False)[1] is not None

    lower_texts = [t for t in lower if t]
    upper_texts = [t for t in upper if t]
    if (not lower_texts or not all(names(t) or bare(t) in SPANNING or bare(t) in _UNNAMED or _CODE_COLUMN.search(bare(t))
                                   for t in lower_texts)
            or not any(names(t) for t in upper_texts)
            or any(len(bare(t)) > 10 or TITLE_LIKE.search(t) for t in upper_texts if not names(t))):
        return None
    over, group = [], ""
    for c in range(max(len(upper), len(lower))):
        top, low = _at(upper, c), _at(lower, c)
        group = top or (group if low else "")
        over.append(group)
    return over


_UNNAMED = frozenset({"序号", "备注", *_GROUP_ONLY})
"""Header words a header's lower row may hold that name no column of a whole export (序号), or one only
under a numbered group's label (「指标1」 over 「名称」)."""


_CODE_COLUMN = re.compile(r"(?:编码|代码|编号)$")
"""A column of codes other than the programme's (主管部门编码, 单位编码, 区划代码): no fact of a 自评's. Matched
by its words (`match` reads 「主管部门编码」 as 主管部门), it would take the department's place: each programme's
主管部门 its code (「301」), the 主管部门 column beside it unread."""


DIRECTIONS = {"正向": "≥", "正向指标": "≥", "越大越好": "≥", "越高越好": "≥", "越多越好": "≥",
              "反向": "≤", "反向指标": "≤", "越小越好": "≤", "越低越好": "≤", "越少越好": "≤"}
"""A 指标方向 cell → the sign it gives a figure: provinces' systems print 正向/反向 or 越大越好/越小越好
beside a bare 指标值 (「50 | 万元」), with no 指标性质 column; read without it, a 反向 成本 ≤ 50 would be ≥ 50."""
DIRECTION_HEADERS = frozenset({"指标方向", "指标方向性"})
_FIGURE = re.compile(r"^\s*\d")


def directed(cells: dict[str, str], direction: str) -> bool:
    """Whether an indicator row's cells took a sign from its 指标方向 cell: a sign printed there (≥ ≤ =) as it
    is, a direction's word as `DIRECTIONS` maps it, for a figure only (「好」 or 「达到预期」 take no sign)
    that has none in a 指标性质 cell or before it."""
    word = bare(direction)
    sign = DIRECTIONS.get(word) or (word if word in ("≥", "≤", "=", ">", "<") else "")
    if not sign or cells.get("sign") or not _FIGURE.match(cells.get("target", "")):
        return False
    cells["sign"] = sign
    return True


def _column(text: str, scored: bool) -> tuple[str, str | None]:
    label = bare(text)
    if label in CODE_HEADERS:
        return "programme", "code"
    if label in DIRECTION_HEADERS:
        return "indicator", "direction"
    if _CODE_COLUMN.search(label):
        return "programme", None
    if scored and match(text, EXPORT_FACTS, whole=True) == "reported_score":
        return "programme", "reported_score"
    key = column_key(text) or match(text, EXPORT_INDICATORS, whole=True)
    if key is not None:
        return "indicator", key
    key = match(text, EXPORT_FACTS, whole=True) or match(text, FACTS, whole=True)
    if key is not None:
        return "programme", key
    if len(label) <= 12:
        key = (match(text, DERIVED_ROWS) if "率" in label else None) or match(text, BUDGET_ROWS) \
            or match(text, EXPORT_BUDGET, whole=True)
        if key in ("initial", "budget", "funded", "spent", "execution_rate"):
            return "programme", key
    return "programme", None


# --------------------------------------------------------------------------- reading

@dataclass
class Sheet:
    """One sheet (or the CSV) of an export: its cells as text, and where its header is."""

    label: str
    rows: list[list[str]]
    name: str = ""
    header: int = -1
    height: int = 1
    """Rows the header takes (two when group labels stand over the columns)."""
    columns: Columns | None = None
    unit: str = ""
    """万元 or 元 when a header cell or a line above it says so (`stated_unit`)."""
    unit_note: str = ""
    """What the clerk is told when the title's unit and the money column's disagree (`stated_unit`)."""
    titles: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What concerns the whole sheet (its formulas with no saved result, its hidden rows, a formula's
    error), said at the head of the export."""
    doubtful: dict[tuple[int, int], str] = field(default_factory=dict)
    """Cells (row, column from 1) whose saved number may be stale (`xlsx_reader.formula_results`): a
    programme publishing one is refused (`group`), the others imported."""

    def ref(self, r: int, c: int | None = None) -> str:
        """Where a clerk finds a cell: 「工作表「明细」第 12 行 D 列」 (Excel's row numbers)."""
        return f"{self.label}第 {r + 1} 行" + (f" {column_letter(c)} 列" if c is not None else "")


EXPORT_MAX_XML = 400_000_000
"""Largest sheet XML (uncompressed) of an export: about `MAX_CELLS` cells at the 77 bytes a cell
takes in the bench's export (10,000 programmes: 1.8 million cells, 139 MB). A single form's
bound (`sniff.ZIP_MAX_XML`, 40 MB) is for readers that hold a whole document in memory; an
export is streamed (`check_extent`) and then read by calamine within `MAX_CELLS`."""


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet as rows of text cells, with pandas (calamine for .xlsx); ImportFailure if unreadable."""
    pd = optional("pandas")

    kind = sniff(path, EXPORT_MAX_XML)
    if kind in ("html", "ss2003"):  # a system's export as a web page or 2003 XML workbook, read as the form reader reads it
        return web_sheets(path, kind)
    if kind == "csv":
        text, sep = _csv_text(path)
        try:  # rows differ in length (a title line above the header): pandas needs the widest
            width = _csv_width(text, sep, path.name)
            frame = pd.read_csv(io.StringIO(text, newline=""), header=None, names=list(range(width)), dtype=str,
                                keep_default_na=False, skip_blank_lines=False, sep=sep)
        except (ValueError, csv.Error, pd.errors.ParserError) as exc:
            raise ImportFailure(f"CSV 格式错误：{exc}") from exc
        return [Sheet(f"CSV「{path.name}」", _cells(frame.fillna("")), path.stem)]
    formulas = check_extent(path)
    optional("python_calamine")  # pandas' engine: missing, it would be a bare ImportError
    try:
        frames = pd.read_excel(path, sheet_name=None, header=None, dtype=str, keep_default_na=False,
                               engine="calamine")
        calculated = formula_results(path) if formulas else {}
    except ImportFailure:
        raise
    except Exception as exc:  # calamine raises its own kinds on a damaged package
        raise ImportFailure("Excel 工作簿无法读取（文件已损坏，或不是 Excel 能保存的格式）：请在 Excel 中打开并另存后再导入"
                            + logged(exc, path)) from exc
    sheets = [Sheet(f"工作表「{name}」", _cells(frame), str(name)) for name, frame in frames.items()]
    for sheet in sheets:
        results, sheet.notes, sheet.doubtful = calculated.get(sheet.name, ({}, [], {}))
        _fill(sheet.rows, results)
    return sheets


def _fill(rows: list[list[str]], results: dict[tuple[int, int], str]) -> None:
    """Formulas with no saved result (calamine reads them as empty, and leaves out a row of nothing else)
    written in as calculated (`xlsx_reader.formula_results`), at their row and column (1-based)."""
    for (r, c), text in results.items():
        while len(rows) < r:
            rows.append([""] * len(rows[0]) if rows else [])
        row = rows[r - 1]
        row.extend([""] * (c - len(row)))
        row[c - 1] = text


def _csv_width(text: str, sep: str, name: str) -> int:
    """The widest row of a CSV export, refused once its rows by that width pass `MAX_CELLS` (what
    pandas allocates): a 20 MB CSV whose last line was 20 million commas took 6.7 GB and minutes."""
    width = 0
    for n, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=sep), 1):
        width = max(width, len(row))
        if n * width > MAX_CELLS:
            raise ImportFailure(f"CSV「{name}」到第 {n} 行已有 {width} 列，超过系统导出表的上限（行数乘列数 {MAX_CELLS}），"
                                "拒绝读取：请删去表格以外的内容，或在系统中分批导出后再导入")
    return width


def web_sheets(path: Path, kind: str) -> list[Sheet]:
    """The tables of a web page ('html') or the sheets of an Excel 2003 XML workbook ('ss2003'), each
    a sheet, a merge's text in its first cell only (as calamine reads an .xlsx)."""
    from perfsite.importing.html_reader import EXPORT, read_html
    from perfsite.importing.ss2003_reader import read_ss2003

    grids = read_ss2003(path) if kind == "ss2003" else [b for b in read_html(path, EXPORT)[0] if isinstance(b, Grid)]
    return [Sheet(grid.label, [[c.text if c.merged == OWN else "" for c in row] for row in grid.rows],
                  grid.label.removeprefix("工作表「").removesuffix("」"), notes=grid.notes) for grid in grids]


def read_old_sheets(path: Path, conversions: Conversions | None = None) -> list[Sheet]:
    """`read_sheets` of the .xlsx LibreOffice makes of an export handed in as .xls/.et (systems often
    export .xls): the sheets are read into memory, so the conversion can go at once; the run's
    `conversions` hold the one made when the file was first read."""
    from perfsite.importing.convert import converted

    if sniff(path, EXPORT_MAX_XML) != "old":  # a web page or 2003 XML workbook named .xls: read directly
        return read_sheets(path)
    with conversions.of(path) if conversions is not None else converted(path) as new:
        return read_sheets(new)


MAX_CELLS = 5_000_000
"""Largest sheet extent (rows × columns, as far as the farthest cell) handed to calamine, which
allocates the whole rectangle: one cell typed at XFD1048576 in a 9 KB file would ask it for 17
billion cells and abort the process. 100,000 indicator rows of 30 columns are 3 million."""
_PIECE = 1 << 22
"""Bytes of sheet XML scanned at a time (cut just before a "<": markup never holds one inside a tag)."""
# Cell references and row numbers as Excel, WPS and openpyxl write them (` r="B12"`, ` r="12"`), and
# the same with any spacing or quotes; `_R_LIKE` also meets other attributes ending in r (header=).
_R_CELL = re.compile(rb' r="([A-Z]{1,3})([0-9]{1,7})"')
_R_ROW = re.compile(rb' r="([0-9]{1,7})"')
_R_LIKE = re.compile(rb"""r\s*=\s*["']""")
_R_ANY = re.compile(rb"""(?<=\s)r\s*=\s*["']""")
_R_CELL_ANY = re.compile(rb"""(?<=\s)r\s*=\s*["']([A-Z]{1,3})([0-9]{1,7})["']""")
_R_ROW_ANY = re.compile(rb"""(?<=\s)r\s*=\s*["']([0-9]{1,7})["']""")
_C_TAG = re.compile(rb"<c[\s/>]")


def check_extent(path: Path) -> bool:
    """ImportFailure when a sheet's farthest cell (or row) makes its rectangle too big for calamine,
    never trusting <dimension>; whether a sheet holds a formula whose saved result calamine would read
    and Excel not show (`formula_results`): one with none, or any formula of a workbook Excel recalculates
    on opening (`xlsx_reader.recalculates`: a system writing with XlsxWriter saves 0 beside each 得分,
    which calamine read as the published score). The sheet XML is scanned with regular expressions, not parsed: on
    the bench's export of 10,000 programmes (139 MB of XML) about 1.8 s of CPU, against 11 s for
    ElementTree's iterparse. An r="…" that is neither a cell reference nor a row number (written
    with an entity, say) is refused: calamine might read a cell there that the scan cannot place.
    A sheet with a cell that names no position (`r` is optional in SpreadsheetML; our own /data/
    workbooks leave it out) is walked again in order (`_Walk`), as calamine places such cells: 26 ms
    of CPU a MB of XML against the scan's 14 (20,000 rows of 18 inline-string cells, 15 and 19 MB),
    so a 139 MB sheet would take about 3.6 s more."""
    formulas = False
    with zipfile.ZipFile(path) as book:
        recalculated = recalculates(book)
        for name in (n for n in book.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")):
            try:
                extent = _Extent(name, recalculated)
                _scan(book, name, extent)
            except _Unnumbered:
                _scan(book, name, extent := _Walk(name, recalculated))
            except _Wide:  # measured again by the cells holding something: a rare sheet, a second pass
                _scan(book, name, extent := _Valued(name, recalculated))
            formulas = formulas or extent.formulas
    return formulas


def _scan(book: zipfile.ZipFile, name: str, extent: _Extent) -> None:
    """Feed `extent` the sheet's XML a piece at a time, each cut just before a "<"."""
    rest = b""
    with book.open(name) as sheet:
        while True:
            piece = sheet.read(_PIECE)
            text = rest + piece
            cut = text.rfind(b"<") if piece else len(text)
            if cut <= 0 and piece:  # one tag longer than a piece: read on
                rest = text
                continue
            text, rest = text[:cut], text[cut:]
            extent.feed(text)
            extent.bound()
            if not piece:
                break


class _Unnumbered(Exception):
    """A piece of sheet XML holds a cell without r: the sheet is walked again in order."""


class _Extent:
    """The farthest row and column of a sheet whose every cell names its position (as Excel writes)."""

    def __init__(self, name: str, recalculated: bool = False) -> None:
        self.sheet = name.rsplit("/", 1)[-1]
        self.rows = self.cols = 0
        self.letters: set[bytes] = set()
        self.formulas, self.tail, self.recalculated = False, b"", recalculated

    def unsaved(self, text: bytes) -> None:
        """Whether the sheet holds a formula with no saved result (`_UNSAVED`), or any formula (`_FORMULA`) in a
        workbook Excel recalculates on opening, looked for until one is found."""
        if self.recalculated and not self.formulas:  # a piece is cut before a 「<」: a start tag is whole in it
            self.formulas = _FORMULA.search(text) is not None or (
                _PREFIXED.search(text) is not None and _PREFIXED_FORMULA.search(text) is not None)
        if not self.formulas:  # a piece is cut before a 「<」: the cell's end may open the next one
            self.formulas = (_UNSAVED.search(self.tail + text[:200]) is not None or _UNSAVED.search(text) is not None
                             or _SAVED_ERROR in text)
            self.tail = text[-200:]

    def feed(self, text: bytes) -> None:
        from openpyxl.utils.cell import column_index_from_string

        self.unsaved(text)
        cells, numbered = _references(text, self.sheet)
        self.letters.update(letter for letter, _ in cells)
        self.rows = max(self.rows, max((int(r) for _, r in cells), default=0), max(map(int, numbered), default=0))
        self.cols = max((column_index_from_string(c.decode()) for c in self.letters), default=0)

    def bound(self) -> None:
        if self.rows * self.cols > MAX_CELLS:
            raise (_Wide if type(self) is _Extent else ImportFailure)(
                f"工作表 {self.sheet} 的范围过大（有内容的单元格远至第 {self.rows} 行第 {self.cols} 列），"
                "不像一份系统导出表：请删除表格以外的内容后再导入")


class _Wide(ImportFailure):
    """A sheet past `MAX_CELLS` counting every cell it writes, an empty one too: measured again (`_Valued`)."""


class _Valued(_Extent):
    """The extent of a sheet by the cells holding something: an empty cell written with only a style
    (``<c r="XFD1048576" s="3"/>``, a clerk's format over whole columns and rows) and a row of nothing else
    hold no cell calamine allocates (an export of 40 rows so written read as 40 × 9 in 4 ms), yet put the
    sheet's farthest cell at XFD1048576 and refused it as too wide."""

    def feed(self, text: bytes) -> None:
        from openpyxl.utils.cell import column_index_from_string

        self.unsaved(text)
        cells, _ = _references(text, self.sheet)
        held = list((Counter(cells) - Counter(_EMPTY_CELL.findall(text))).elements())
        self.letters.update(letter for letter, _ in held)
        self.rows = max(self.rows, max((int(r) for _, r in held), default=0))
        self.cols = max((column_index_from_string(c.decode()) for c in self.letters), default=0)


def _references(text: bytes, sheet: str) -> tuple[list[tuple[bytes, bytes]], list[bytes]]:
    """The cell references and row numbers in a piece of sheet XML; ImportFailure for an r="…" that
    is neither. Written as Excel writes them the fast expressions find them all (`_R_LIKE` finds no
    more); otherwise the piece is scanned again allowing any spacing and quotes."""
    cells, numbered = _R_CELL.findall(text), _R_ROW.findall(text)
    tags = text.count(b"<c ") + text.count(b"<c>") + text.count(b"<c/>")
    if len(_R_LIKE.findall(text)) != len(cells) + len(numbered):
        cells, numbered = _R_CELL_ANY.findall(text), _R_ROW_ANY.findall(text)
        tags = len(_C_TAG.findall(text))
        if len(_R_ANY.findall(text)) != len(cells) + len(numbered):
            raise ImportFailure(f"工作表 {sheet} 中有单元格位置（r=）的写法不是 Excel 保存的样子，"
                                "无法确定表格的范围：请在 Excel 中打开并另存后再导入")
    if tags > len(cells):
        raise _Unnumbered
    return cells, numbered


_EMPTY_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[^>]*/>')
"""A cell written with nothing in it (``<c r="B7" s="3"/>``), as Excel, WPS and openpyxl write a styled empty cell."""
_UNSAVED = re.compile(rb"(?:</(?:[A-Za-z_][\w.-]*:)?f>|<(?:[A-Za-z_][\w.-]*:)?f\b[^>]*/>)\s*"
                      rb"(?:<(?:[A-Za-z_][\w.-]*:)?v\s*/>|<(?:[A-Za-z_][\w.-]*:)?v>\s*</(?:[A-Za-z_][\w.-]*:)?v>)?\s*"
                      rb"</(?:[A-Za-z_][\w.-]*:)?c>")
"""A cell's formula with no saved result after it (``<f>G13</f><v></v></c>``): calamine reads such a cell
as empty. A formula Excel saved has its result there, and the export needs no second reading."""
_SAVED_ERROR = b' t="e"'
"""A cell saved showing an error (``<c r="E7" t="e"><f>E6/D6</f><v>#DIV/0!</v></c>``), as Excel, WPS,
openpyxl and XlsxWriter write it: calamine reads it as empty, with no word; `formula_results` names it."""
_FORMULA, _PREFIXED, _PREFIXED_FORMULA = (re.compile(rb"<f[\s/>]"), re.compile(rb":f[\s/>]"),
                                          re.compile(rb"<[A-Za-z_][\w.-]*:f[\s/>]"))
"""A formula's start tag (``<f>``, ``<f t="shared" …>``; ``<font>`` and ``<fill>`` are not), and one in a
namespace prefix (``<x:f>``), looked for only after its literal tail: over the 139 MB of a recalculated
export of 10,000 programmes with no formula, 0.14 CPU s, against 0.68 for one expression taking both."""
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>")
"""A row or cell start tag (any namespace prefix), with its attributes; `<col>` and `<cols>` are not."""
_ATTR_R = re.compile(rb"""(?:^|\s)r\s*=\s*(["'])(.*?)\1""")
_CELL_AT = re.compile(rb"([A-Z]{1,3})([0-9]{1,7})")
LAST_ROW, LAST_COLUMN = 1_048_576, 16_384
"""Excel's last row and column (XFD1048576): a position past them is no sheet Excel can hold."""


class _Walk(_Extent):
    """The extent of a sheet whose cells or rows may leave out r, walked in document order as
    SpreadsheetML (and calamine, openpyxl, LibreOffice) places them: a row without r follows the
    row before, a cell without r the cell before it in its row (an empty cell is `<c/>`).

    The extent counts only cells holding something, as `_Valued` does: a cell written with nothing in
    it (``<c r="XFD1048576" s="3"/>``, a clerk's format over whole rows and columns) advances the walk
    but is none calamine allocates. Every tag is still walked, so the time stays linear in the XML,
    which `EXPORT_MAX_XML` bounds.

    Refused as ambiguous or malformed, since a cell would land where the clerk did not put it or
    overwrite another: a cell whose reference names another row than its row's, a row number not
    after the row before, a cell not right of the cell before it, a position past XFD1048576."""

    def __init__(self, name: str, recalculated: bool = False) -> None:
        super().__init__(name, recalculated)
        self.row = 0
        self.col = 0

    def feed(self, text: bytes) -> None:
        from openpyxl.utils.cell import column_index_from_string

        self.unsaved(text)
        for tag in _TAG.finditer(text):
            found = _ATTR_R.search(tag[2])
            raw = found[2] if found else None
            if tag[1] == b"row":
                number = self.row + 1 if raw is None else int(raw) if raw.isdigit() and len(raw) <= 7 else -1
                if number < 0:
                    self._refuse("位置（r=）的写法不是 Excel 保存的样子")
                if number <= self.row:
                    self._refuse(f"第 {number} 行写在第 {self.row} 行之后，两行会重叠")
                self.row, self.col = number, 0
                continue
            if raw is None:
                col = self.col + 1
            else:
                at = _CELL_AT.fullmatch(raw)
                if at is None:
                    self._refuse("位置（r=）的写法不是 Excel 保存的样子")
                col = column_index_from_string(at[1].decode())
                if int(at[2]) != self.row:
                    self._refuse(f"单元格 {raw.decode()} 写在第 {self.row} 行中，不知道它属于哪一行")
                if col <= self.col:
                    self._refuse(f"单元格 {raw.decode()} 写在第 {self.col} 列之后，两个单元格会重叠")
            self.col = col
            if self.row > LAST_ROW or col > LAST_COLUMN:
                self._refuse("有单元格超出了 Excel 的最大范围（XFD1048576）")
            if not tag[2].endswith(b"/"):  # `<c …/>` holds nothing
                self.rows, self.cols = max(self.rows, self.row), max(self.cols, col)

    def _refuse(self, what: str) -> NoReturn:
        raise ImportFailure(f"工作表 {self.sheet} 中{what}，无法确定表格的范围：请在 Excel 中打开并另存后再导入")


def head_sheets(path: Path) -> list[Sheet]:
    """The first rows of every sheet, for detection only. Streamed with lxml and stopped after
    `HEADER_SCAN` rows: neither pandas (its import took 0.5–2.4 s here), nor calamine or
    openpyxl's read-only workbook, which read a whole sheet (a 10,000-programme export: 4–9 s)."""
    if sniff(path, EXPORT_MAX_XML) == "csv":
        text, sep = _csv_text(path)
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
        try:
            return [Sheet(f"CSV「{path.name}」", [[c.strip() for c in row[:_HEAD_COLS]] for row in islice(rows, HEADER_SCAN)])]
        except csv.Error as exc:
            raise ImportFailure(f"CSV 格式错误：{exc}") from exc
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as book:
            sheets = [(name, _head_rows(book, part)) for name, part in _sheet_parts(book)]
            strings = _shared_strings(book, max((int(v) for _, rows in sheets for row in rows
                                                 for kind, v in row.values() if kind == "s" and v.isdigit()),
                                                default=-1))
    except (KeyError, zipfile.BadZipFile, etree.LxmlError, ValueError) as exc:
        raise ImportFailure("Excel 工作簿无法读取（文件已损坏，或不是 Excel 能保存的格式）：请在 Excel 中打开并另存后再导入"
                            + logged(exc, path)) from exc
    out = []
    for name, rows in sheets:
        width = max((c for row in rows for c in row), default=0)
        cells = [[_head_text(row.get(c), strings) for c in range(1, width + 1)] for row in rows]
        out.append(Sheet(f"工作表「{name}」", cells, name))
    return out


_HEAD_COLS = 300
"""Columns read in a header row (an export has a few dozen). Naming a column costs about 25 µs, so a
CSV row of 2,000,000 cells took 50 s of CPU to be found no export."""


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _sheet_parts(book: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, its part in the zip) in the workbook's order."""
    from lxml import etree

    rels = {}
    for rel in etree.fromstring(book.read("xl/_rels/workbook.xml.rels")):
        target = rel.get("Target", "")
        rels[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    parts = []
    for element in etree.fromstring(book.read("xl/workbook.xml")).iter():
        if _local(element.tag) == "sheet":
            rid = next((v for k, v in element.attrib.items() if _local(k) == "id"), "")
            if rid in rels:
                parts.append((element.get("name", ""), rels[rid]))
    return parts


def _head_rows(book: zipfile.ZipFile, part: str) -> list[dict[int, tuple[str, str]]]:
    """The first `HEADER_SCAN` rows of a sheet: column → (type, raw value), read until there."""
    from lxml import etree
    from openpyxl.utils.cell import column_index_from_string

    rows: list[dict[int, tuple[str, str]]] = []
    with book.open(part) as source:
        for _, element in etree.iterparse(source, events=("end",), resolve_entities=False, no_network=True):
            if _local(element.tag) != "row":
                continue
            number = int(element.get("r") or len(rows) + 1)
            if number > HEADER_SCAN:
                break
            rows.extend({} for _ in range(number - len(rows)))
            row, c = rows[number - 1], 0
            for cell in element:
                if _local(cell.tag) != "c":
                    continue
                found = _CELL_REF.match(cell.get("r", ""))
                c = column_index_from_string(found[1]) if found else c + 1
                if c <= _HEAD_COLS:
                    texts = [t.text or "" for t in cell.iter() if _local(t.tag) in ("v", "t")]
                    row[c] = (cell.get("t", "n"), "".join(texts))
            element.clear()
    return rows


_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)$")


def _shared_strings(book: zipfile.ZipFile, last: int) -> list[str]:
    """Shared strings 0…`last`, read until there (phonetic runs left out, as Excel shows them)."""
    from lxml import etree

    strings: list[str] = []
    if last < 0 or "xl/sharedStrings.xml" not in book.namelist():
        return strings
    with book.open("xl/sharedStrings.xml") as source:
        for _, element in etree.iterparse(source, events=("end",), resolve_entities=False, no_network=True):
            if _local(element.tag) != "si":
                continue
            strings.append("".join(t.text or "" for t in element.iter()
                                   if _local(t.tag) == "t" and _local(t.getparent().tag) != "rPh"))
            element.clear()
            if len(strings) > last:
                break
    return strings


def _head_text(cell: tuple[str, str] | None, strings: list[str]) -> str:
    if cell is None:
        return ""
    kind, raw = cell
    if kind == "s":
        index = int(raw) if raw.isdigit() else -1
        return strings[index].strip() if 0 <= index < len(strings) else ""
    return raw.strip()


def _csv_text(path: Path) -> tuple[str, str]:
    """The text (UTF-8, GB18030/GBK or UTF-16 after its mark: `convert.text_of`) and its separator, chosen from
    the first lines as the single-form reader chooses it (`convert.text_separator`)."""
    text = text_of(path.read_bytes())
    return text, text_separator("".join(islice(io.StringIO(text), HEADER_SCAN)))


def _cells(frame: object) -> list[list[str]]:
    return [[cell.strip() for cell in row] for row in frame.to_numpy().tolist()]  # type: ignore[attr-defined]


def find_header(sheet: Sheet) -> bool:
    """Set the sheet's header (the first of its first rows that makes it an export, over one row or
    two: `two_row_header`, taken when it names more columns than the first row alone)."""
    for r, row in enumerate(sheet.rows[:HEADER_SCAN]):
        columns, height = map_columns(row), 1
        over = two_row_header(row, sheet.rows[r + 1]) if r + 1 < len(sheet.rows) else None
        if over is not None:
            two = map_columns(sheet.rows[r + 1], over)
            if two.is_export and (not columns.is_export or _named(two) > _named(columns)):
                columns, height = two, 2
            if r + 2 < len(sheet.rows):  # a group row over the column row over its parts: 3 rows
                middle = [cell or label for cell, label in zip(_padded(sheet.rows[r + 1], len(over)), over, strict=True)]
                if (under := two_row_header(middle, sheet.rows[r + 2])) is not None:
                    three = map_columns(sheet.rows[r + 2], under)
                    if three.is_export and (not columns.is_export or _named(three) > _named(columns)):
                        columns, height = three, 3
        if columns.is_export:
            sheet.header, sheet.height, sheet.columns = r, height, columns
            above = [" ".join(c for c in sheet.rows[i] if c) for i in range(r)]
            sheet.titles = [t for t in above if t] + [sheet.name]  # a sheet called 项目支出绩效自评 says 自评
            sheet.unit, sheet.unit_note = stated_unit(sheet.label, above, columns)
            return True
    return False


def stated_unit(label: str, above: list[str], columns: Columns) -> tuple[str, str]:
    """(the unit of the programme's amounts, what the clerk is told of it, or ""). A unit the money column's
    own header states (「资金总额（元）」) wins over the title's (「（单位：万元）」): it is said of those very
    figures, where a title's may be the template's; read by the title, 1500000 元 was 1500000 万元, 150 亿.
    The two disagreeing are said, naming the column, since only the form's owner knows which is right."""
    titled = money_unit(" ".join(above))
    own = next(((c, found) for c in columns.programme.values() if (found := money_unit(columns.headers[c]))), None)
    if own is None:
        return titled, ""
    c, unit = own
    if not titled or titled == unit:
        return unit, ""
    return unit, (f"{label}表头上方写的金额单位是{titled}，而 {column_letter(c)} 列「{columns.headers[c]}」写的是{unit}："
                  f"该列的金额按{unit}读入，请对照原表核对；应按{titled}读时，请把 {column_letter(c)} 列表头的单位改为{titled}后重新导入")


def _padded(row: list[str], width: int) -> list[str]:
    return row + [""] * (width - len(row))


def _named(columns: Columns) -> int:
    return sum(map(len, columns.every_indicator)) + len(columns.programme)


EXPORT_SUFFIXES = (".xlsx", ".xlsm", ".csv")


def looks_like_export(path: Path) -> bool:
    """Whether the first rows of `path` hold an export's header (read bounded: `head_sheets`).
    Its extent is checked when it is read (`read_sheets`), and a fault reported there."""
    if path.suffix.lower() not in EXPORT_SUFFIXES:
        return False
    try:
        return any(find_header(s) for s in head_sheets(path))
    except ImportFailure:
        return False


def is_export(path: Path) -> bool:
    """Whether `path` is a system export that can be read (else the single-form import reads it,
    and reports its faults)."""
    if not looks_like_export(path):
        return False
    try:
        if path.suffix.lower() != ".csv":
            check_extent(path)
    except ImportFailure:
        return False
    return True


def grids_are_export(grids: list[Grid]) -> bool:
    """Whether a file the single-form reader read is an export (its first rows, merged cells left
    empty as in the file): detected from that one read, without opening the file again. Its extent
    is bounded by that reader's caps (5000 × 100 cells with a value, all calamine keeps)."""
    return any(find_header(Sheet(grid.label, [[c.text if c.merged == OWN else "" for c in row]
                                              for row in grid.rows[:HEADER_SCAN]], grid.label))
               for grid in grids)


# --------------------------------------------------------------------------- 汇总表

@dataclass(frozen=True)
class SummaryRow:
    """One programme's row of a 汇总表, as printed."""

    where: str
    """「工作表「汇总」第 3 行」."""
    name: str
    department: str = ""
    score: str = ""
    grade: str = ""
    evaluation: str = ""
    """Whose score and grade these are (`row_evaluation`): "" when the list does not say."""


@dataclass(frozen=True)
class Summary:
    """A 汇总表: one row per programme (项目名称, 预算数, 执行数, 自评得分, 等级 …), no indicators.
    No page can be made from it; it checks the forms imported with it (`crosscheck.against_summaries`)."""

    label: str
    header: int
    """The header's row number as the clerk sees it."""
    year: str
    """The year its title states (「红河州2024年度…汇总表」), or ""."""
    rows: tuple[SummaryRow, ...]
    file: str = ""
    """The name of the file holding it (set by `pipeline`, which knows the file)."""

    def named(self) -> str:
        names = "、".join(f"「{row.name}」" for row in self.rows[:5])
        return names + (f"等 {len(self.rows)} 个" if len(self.rows) > 5 else "")


_SUMMARY_WORDS = ("得分", "等级", "评价结果", "自评结果")
_YEAR = re.compile(r"(20\d{2})\s*年")


def find_summary(grid: Grid) -> Summary | None:
    """The grid as a 汇总表: among its first rows a header naming the programme column (项目名称) and
    a 自评得分 or 等级 column on the same row, and no indicator column (三级指标, 分值, 指标值, 完成值:
    a form's indicator header, or an export's), then rows naming a programme with a score or a grade
    (a 合计 row is none). A single 自评表 prints 项目名称 on a row of its own; its header row names
    三级指标. Cheap to ask of every table: `map_columns` runs only on a row holding both words."""
    for r, line in enumerate(grid.rows[:HEADER_SCAN]):
        joined = "".join(c.text for c in line)
        if "名称" not in joined or not any(word in joined for word in _SUMMARY_WORDS):
            continue
        texts = [[flat(c.text) if c.merged == OWN else "" for c in row] for row in grid.rows]
        cells = texts[r]
        columns = map_columns(cells)
        name = columns.programme.get("name")
        score = columns.programme.get("reported_score", columns.indicator.get("score"))
        grade = columns.programme.get("reported_grade")
        if name is None or (score is None and grade is None) or columns.groups or any(
                key in columns.indicator for key in ("name", "weight", "target", "actual")):
            continue
        department = columns.programme.get("department")
        said = next((c for c, text in enumerate(cells) if text in SAID_IN), None)
        heading = said_evaluation("".join(cells[c] for c in (score, grade) if c is not None))
        rows = []
        for n, row in enumerate(texts[r + 1:], r + 1):
            filled = {key: _at(row, c) for key, c in (("name", name), ("department", department), ("score", score),
                                                       ("grade", grade)) if c is not None}
            if filled["name"] and not is_total(filled["name"]) and (filled.get("score") or filled.get("grade")):
                evaluation = said_evaluation(_at(row, said)) if said is not None else ""
                rows.append(SummaryRow(f"{grid.label}第 {row_number(grid, n)} 行", **filled,
                                       evaluation=evaluation or heading))
        if rows:
            year = next((m[1] for line in texts[:r] for cell in line if (m := _YEAR.search(cell))), "")
            return Summary(grid.label, row_number(grid, r), year, tuple(rows))
    return None


def summary_failure(summary: Summary) -> str:
    others = [row for row in summary.rows if not checks_a_form(row.evaluation)]
    named = "、".join(f"{row.where}「{row.name}」是{row.evaluation}" for row in others[:5]) + ("等" if len(others) > 5 else "")
    return (f"这是项目汇总表（{summary.label}第 {summary.header} 行是表头，每行一个项目：{len(summary.rows)} 个项目："
            f"{summary.named()}），没有绩效指标，不能生成项目页：请向各单位索取各项目的自评表"
            "（与本表一起导入时，按本表核对各项目公布的总分和等级）"
            + (f"；其中{named}的结果，请索取其评价报告，与本表一起导入时按本表核对报告公布的总分和等级，"
               "不与自评表核对" if others else ""))


# --------------------------------------------------------------------------- grouping

@dataclass
class Programme:
    """The rows of one programme and its repeated columns, as found."""

    sheet: Sheet
    key: str
    """What grouped its rows: 「项目编码 123」 or 「项目名称 X，主管部门 Y，年度 Z」."""
    rows: list[int] = field(default_factory=list)
    values: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Repeated column → (text, row it was first read from)."""
    errors: list[str] = field(default_factory=list)
    unit: str = ""
    """The money unit of its budget figures when they come from a programme sheet (`join_facts`)."""

    def where(self) -> str:
        return f"{self.sheet.label}{row_ranges(self.rows)}"


def row_ranges(rows: list[int]) -> str:
    """0-based row indices → 「第 5–12、20 行」 in Excel's numbering."""
    spans: list[list[int]] = []
    for r in sorted(rows):
        if spans and r == spans[-1][1] + 1:
            spans[-1][1] = r
        else:
            spans.append([r, r])
    return "第 " + "、".join(f"{a + 1}–{b + 1}" if b > a else f"{a + 1}" for a, b in spans) + " 行"


MAX_PROGRAMME_ROWS = 1_000
"""Rows of one programme in an export. A programme's form has tens of indicators (a few hundred in the
largest department's list); one with thousands is rows of several programmes under one 项目编码 or a
runaway copy. Each row is read, scored and checked as a form's: 2,000 rows of one programme took 2.2
CPU s, 5,000 took 3.2 s and 40,000 took 24 s, and their 指标 CSV then passes what `perfsite check`
reads of one (`indicator_csv.MAX_BYTES`). Past this the programme fails, naming the row, before any
of its rows is read as an indicator; the export's other programmes are imported."""


def group(sheet: Sheet, notes: list[str], by_year: bool = False) -> list[Programme]:
    """Rows → programmes by 项目编码, else 项目名称 + 主管部门 + 年度; disagreements become errors.
    `by_year`: by 年度 + 项目编码, for a list of several years' targets, where a continuing programme
    keeps its code from year to year and each year's targets are a form of their own."""
    columns = sheet.columns
    assert columns is not None
    by_key: dict[str, Programme] = {}
    current: Programme | None = None
    continued: list[int] = []
    lost: list[int] = []
    for r in range(sheet.header + sheet.height, len(sheet.rows)):
        row = sheet.rows[r]
        own = _filled(row, columns.programme)
        indicator = {k: v for group in columns.every_indicator for k, v in _filled(row, group).items()}
        if not own and not indicator:
            continue
        if _is_total_row(row, own, indicator):
            notes.append(f"{sheet.ref(r)}是合计行，未作为指标导入")
            continue
        if "name" not in indicator and any(is_sign_off(cell) for cell in row if cell):
            notes.append(f"{sheet.ref(r)}是表下的签字栏（填表人、审核人、填报日期等），未作为指标导入")
            continue
        if own.get("code") and lost_code(own["code"]):
            lost.append(r)
            del own["code"]
        if not any(k in own for k in IDENTITY):
            if current is None:
                notes.append(f"{sheet.ref(r)}没有项目名称或项目编码，也没有上一行可以沿用：未导入")
                continue
            continued.append(r)
            programme = current
        else:
            key = _key(own, by_year)
            programme = by_key.get(key)
            if programme is None:
                programme = by_key[key] = Programme(sheet, key)
        programme.rows.append(r)
        if len(programme.rows) == MAX_PROGRAMME_ROWS + 1:
            programme.errors.append(
                f"{sheet.ref(r)}：同一项目（{programme.key}）到这一行已有 {len(programme.rows)} 行，超过一个项目的上限"
                f"（{MAX_PROGRAMME_ROWS} 行指标），不像一个项目的指标表：该项目未导入。请核对是否几个项目用了同一个项目编码"
                "（或同一名称、部门和年度），改正后再导入，或把它的指标表单独导出为一个文件")
        for k, text in own.items():
            _repeated(programme, k, text, r)
        current = programme
    if lost:
        c = columns.programme["code"]
        notes.append(f"{sheet.label}{row_ranges(lost)} {column_letter(c)} 列「{columns.headers[c]}」"
                     f"（如「{sheet.rows[lost[0]][c]}」）是按数字保存的长编码，Excel 只保留 15 位有效数字，后面几位已经丢失、"
                     "无法还原：这些行的项目编码未导入，项目按项目名称、主管部门和年度区分。要保留项目编码，"
                     "请在系统中把项目编码按文本导出（或在 Excel 中先把该列设为「文本」再粘贴原编码）后重新导入")
    if continued:
        notes.append(f"{sheet.label}有 {len(continued)} 行没有填项目名称和编码（{row_ranges(continued)}），"
                     "按合并单元格视为上一行所属项目的指标，请核对")
    if sheet.doubtful:
        read = sorted({*columns.programme.values(), *columns.indicator.values()})
        for programme in by_key.values():
            taken = [said for r in programme.rows for c in read if (said := sheet.doubtful.get((r + 1, c + 1)))]
            if taken:
                programme.errors.append(stale_refusal(sheet.label, taken))
    return list(by_key.values())


def find_facts(sheet: Sheet) -> bool:
    """Set the header of a programme sheet: one row per programme, named (项目名称) and identified
    (项目编码, or 网址编号 with its year), without indicator columns. Our own /data/ workbook
    keeps the programmes (项目) apart from their indicators (绩效指标), as a database export may."""
    for r, row in enumerate(sheet.rows[:HEADER_SCAN]):
        columns = map_columns(row)
        ids = columns.programme
        if "name" in ids and ("code" in ids or "id" in ids) and "name" not in columns.indicator:
            sheet.header, sheet.columns = r, columns
            above = [" ".join(c for c in sheet.rows[i] if c) for i in range(r)]
            sheet.unit, sheet.unit_note = stated_unit(sheet.label, above, columns)
            return True
    return False


def join_facts(sheet: Sheet, programmes: list[Programme], notes: list[str]) -> int:
    """Fill each programme's missing programme columns from its row of the programme sheet `sheet`
    (matched by 项目编码, else by 网址编号 within the year); how many were joined. A column the
    indicator rows give already keeps their text (`group` compared those row by row)."""
    columns = sheet.columns
    assert columns is not None
    rows: dict[tuple[str, ...], int] = {}
    for r in range(sheet.header + 1, len(sheet.rows)):
        own = _filled(sheet.rows[r], columns.programme)
        for key in _join_keys(own):
            if key in rows:
                notes.append(f"{sheet.ref(r)}与第 {rows[key] + 1} 行是同一个项目（{'，'.join(key)}）：只用了第 {rows[key] + 1} 行")
            rows.setdefault(key, r)
    joined = 0
    for programme in programmes:
        own = {k: text for k, (text, _) in programme.values.items()}
        r = next((rows[key] for key in _join_keys(own) if key in rows), None)
        if r is None:
            continue
        joined += 1
        for k, text in _filled(sheet.rows[r], columns.programme).items():
            if k in programme.values:
                continue
            programme.values[k] = (text, r)
            if said := sheet.doubtful.get((r + 1, columns.programme[k] + 1)):
                programme.errors.append(stale_refusal(sheet.label, [said]))
        if sheet.unit and not programme.sheet.unit:
            programme.unit = sheet.unit
    if joined < len(programmes):
        notes.append(f"{sheet.label}中找不到 {len(programmes) - joined} 个项目的项目信息（项目编码或网址编号不同）：这些项目只有指标行的信息")
    return joined


def _join_keys(own: dict[str, str]) -> list[tuple[str, ...]]:
    keys = [("项目编码", own["code"])] if own.get("code") else []
    if own.get("id"):
        keys.append(("网址编号", own["id"], _year_of(own.get("year", ""))))
    return keys


def _at(row: list[str], c: int) -> str:
    return row[c] if c < len(row) else ""


def _filled(row: list[str], columns: dict[str, int]) -> dict[str, str]:
    """key → text of the row's non-blank cells among `columns`."""
    width = len(row)
    return {k: row[c] for k, c in columns.items() if c < width and row[c]}


def _is_total_row(row: list[str], own: dict[str, str], indicator: dict[str, str]) -> bool:
    """合计/总计 in the row's first cell (often the 序号 column) or in a name or level column, or a
    department's or a page's 小计 (「小计」, 「县教育局小计」, 「部门合计」): a row naming no indicator. A system
    exporting a 财政局's year prints one under each department's programmes summing their money; taken
    for the programme above it (its cells merged down), its sums disagreed with the programme's figures
    and failed it."""
    if "name" in indicator:
        return False
    first = next((cell for cell in row if cell), "")
    labels = [first, own.get("code", ""), own.get("name", ""), *(indicator.get(k, "") for k in COPY_DOWN)]
    return any(is_total(t) or _SUBTOTAL.search(bare(t)) for t in labels if t)


_SUBTOTAL = re.compile(r"(?:小计|合计|总计)[:：]?$")


_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?[Ee]\+?\d+")
LOST_DIGITS = 18
"""Digits from which a code read as a whole number may be taken for a number stored as a number.
Such a cell arrives as the double's exact value (5301232023000000012345 typed in Excel reads
「5301232023000000233472」). A code typed as text is a double's exact value only if it is a multiple of
a power of two: of 2⁴ or more at 18 digits, of 2¹¹ at 20, of 2¹⁹ at 22. Up to 19 digits it must also
need at most 15 significant digits (Excel keeps no more), which a text code does about once in 10,000;
from 20 digits (where codes of the 一体化系统 are) being a double is enough, since a library writing the
cell may keep 17. At 16 or 17 digits every code under 2⁵³ is a double, and one ending in 0 or 00 would
be refused: those are left as read."""


def lost_code(text: str) -> bool:
    """Whether a 项目编码 is a long number stored as a number, its digits past the 15th (or 17th) gone:
    「5.30123E+21」 (as a CSV saved from Excel writes it) or a whole number of `LOST_DIGITS` digits or
    more that is a double's exact value. Grouping by it would merge programmes whose codes differ only
    in the lost digits, and it would be reported wrong."""
    if _SCIENTIFIC.fullmatch(text):
        return True
    if not text.isdigit() or len(text) < LOST_DIGITS:
        return False
    value = float(text)
    if int(value) != int(text):
        return False
    return len(text) >= 20 or len(repr(value).split("e")[0].replace(".", "").strip("0")) <= 15


def _key(own: dict[str, str], by_year: bool = False) -> str:
    if own.get("code"):
        return f"项目编码 {own['code']}" + (f"，年度 {_year_of(own['year'])}" if by_year and own.get("year") else "")
    if own.get("id"):
        return "，".join(f"{KEY_NAMES[k]} {own[k]}" for k in ("id", "year") if own.get(k))
    parts = [f"{KEY_NAMES[k]} {own[k]}" for k in ("name", "department", "year") if own.get(k)]
    return "，".join(parts)


def _repeated(programme: Programme, key: str, text: str, r: int) -> None:
    seen = programme.values.get(key)
    if seen is None:
        programme.values[key] = (text, r)
        return
    if text == seen[0] or _same(key, seen[0], text):  # the first test settles nearly every row
        return
    columns = programme.sheet.columns
    assert columns is not None
    c = columns.programme[key]
    programme.errors.append(
        f"{programme.sheet.ref(r, c)}「{columns.headers[c]}」是「{text}」，而同一项目（{programme.key}）"
        f"第 {seen[1] + 1} 行是「{seen[0]}」：同一项目各行的项目信息应当一致，请在导出表中改正后再导入")


def _same(key: str, a: str, b: str) -> bool:
    if key in NUMERIC:
        x, y = number(a), number(b)
        if x is not None and y is not None:
            return parse_decimal(str(x)) == parse_decimal(str(y))
    if key == "year":
        return _year_of(a) == _year_of(b)
    return compact(a) == compact(b)


_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)")
"""A year a title states (「2023年度…汇总表」), not a date (「填报日期：2024年3月15日」)."""


def title_year_note(sheet: Sheet, programmes: list[Programme]) -> str | None:
    """The note when the year a sheet's title states is not every programme's 年度: the rows' year is
    imported (each row says its own), and the clerk is told which to correct. Said once for the sheet,
    naming the title, its year, and the rows' years with how many programmes each."""
    columns = sheet.columns
    if columns is None or "year" not in columns.programme:
        return None
    found = next(((line, m[1]) for line in sheet.titles if (m := _TITLE_YEAR.search(line))), None)
    if found is None:
        return None
    title, year = found
    years = Counter(_year_of(p.values["year"][0]) for p in programmes if "year" in p.values)
    other = {y: n for y, n in sorted(years.items()) if y != year}
    if not other:
        return None
    c = columns.programme["year"]
    column = f"「{columns.headers[c]}」一栏"
    said = "、".join(f"{n} 个项目是 {y} 年" for y, n in other.items())
    return (f"{sheet.label}的标题「{flat(title)}」写的是 {year} 年，而 {column_letter(c)} 列{column}有 {said}："
            f"这些项目按{column}的年份导入；若标题的年份才对，请在导出表中改正{column}后重新导入")


def sheet_department(sheet: Sheet, name: str, programmes: list[Programme]) -> str | None:
    """A sheet with no 主管部门 column named after a unit (「县教育局」: a system exporting a 财政局's year a
    sheet per department leaves the column out): each programme's 主管部门 is the sheet's name, said in the
    returned note, where 「未载明」 would hide a name the file gives."""
    columns = sheet.columns
    name = name.strip()
    if (columns is None or "department" in columns.programme or len(name) < 4 or not ORG.search(name)
            or any(ch.isspace() for ch in name) or not programmes):
        return None
    for programme in programmes:
        programme.values.setdefault("department", (name, sheet.header))
    return (f"{sheet.label}没有主管部门一栏：其中 {len(programmes)} 个项目的主管部门按工作表名写作「{name}」，"
            "请核对；不是主管部门的，请在各文件中改 department")


def short_codes_note(sheet: Sheet, programmes: list[Programme], key: str) -> str | None:
    """The note when a code column's codes, all digits, are of different lengths: a code stored as a number
    loses its leading zeros (「012」 is read 12, as Excel shows it without a number format), and the
    shorter ones are likely such. They are imported as read; the clerk is told which and how to keep them."""
    columns = sheet.columns
    if columns is None or key not in columns.programme:
        return None
    codes = {p.values[key][0]: p.values[key][1] for p in programmes if key in p.values}
    if len(codes) < 2 or not all(code.isdigit() for code in codes):
        return None
    longest = max(map(len, codes))
    short = sorted((code for code in codes if len(code) < longest), key=lambda code: codes[code])
    if not short:
        return None
    c = columns.programme[key]
    named = "、".join(f"第 {codes[code] + 1} 行「{code}」" for code in short[:3]) + ("等" if len(short) > 3 else "")
    return (f"{sheet.label} {column_letter(c)} 列「{columns.headers[c]}」长短不一（最长 {longest} 位，{named}较短）："
            "按数字保存的编码开头的 0 会丢失，已按读到的导入：请核对；要保留开头的 0，请在系统中把该列按文本导出"
            "（或在 Excel 中先把该列设为「文本」再粘贴原编码）后重新导入")


def _year_of(text: str) -> str:
    found = re.search(r"(?:19|20)\d{2}", text)
    return found[0] if found else compact(text)


# --------------------------------------------------------------------------- one programme

def found_of(programme: Programme) -> Found:
    """The programme as a single form's recogniser would have found it, for `assemble`."""
    sheet = programme.sheet
    columns = sheet.columns
    assert columns is not None
    where = programme.where()
    notes: list[str] = []
    values = {k: text for k, (text, _) in programme.values.items()}
    for key, what in MARKED.items():  # a mark after the programme's 自评得分 or 执行率, as on a form
        if (text := values.get(key)) and (split := footnote_mark(text)):
            values[key] = split[0]
            notes.append(mark_note(f"{sheet.ref(programme.values[key][1], columns.programme[key])}：{what}", text, split))
    found = Found(facts={k: v for k, v in values.items() if k in FACT_KEYS},
                  titles=list(sheet.titles), notes=notes)
    budget = BudgetTable(where, unit=programme.unit or sheet.unit)
    for key in ("initial", "budget", "funded", "spent"):
        if values.get(key):
            budget.rows[key] = {"total": values[key]}
    if values.get("execution_rate"):
        budget.derived["execution_rate"] = {"total": values["execution_rate"]}
    if budget.rows:
        found.budgets.append(budget)
    keys = list(dict.fromkeys(k for group in columns.every_indicator for k, _ in sorted(group.items(), key=lambda kc: kc[1])
                              if k != "direction"))
    table = IndicatorTable(where, "", keys)
    above: dict[str, str] = {}
    readings, printed = RowReadings(), ""
    for r, group in ((r, group) for r in programme.rows for group in columns.every_indicator):
        row = sheet.rows[r]
        cells = _filled(row, group)
        own = {k: sheet.ref(r, group[k]) for k in cells}  # a note about one figure names its cell
        if "name" in cells:  # 「苗木成活率(≥**%)」: the hint is read into the 指标值 below, as on a form
            printed, cells["name"] = cells["name"], indicator_name(cells["name"])
        for k in COPY_DOWN:  # merged 一级/二级 cells: blank means the row above's
            if k in cells:
                above[k] = cells[k]
                for lower in COPY_DOWN[COPY_DOWN.index(k) + 1:]:
                    above.pop(lower, None)
        if not any(k in cells for k in keys if k not in COPY_DOWN[:2]):
            continue  # a programme-only row (自评得分, budget) or one naming only levels
        cells.update({k: v for k, v in above.items() if k not in cells})
        directed(cells, cells.pop("direction", ""))  # 反向 before a bare 50: ≤50, as 指标性质 would say
        join_target(cells)  # 指标性质 | 指标值 | 度量单位 under 年度指标值 → one target, as on a form
        notes.extend(readings.row(cells, own, group, printed if cells.get("name") else ""))
        table.rows.append(cells)
        table.refs.append(sheet.ref(r, min(group.values())) if columns.groups else sheet.ref(r))
        table.cells.append(own)
    notes.extend(readings.notes())
    found.indicators.append(table)
    return found


def prepare_programme(programme: Programme, source: Path, hints: Hints) -> Prepared:
    """Assemble one programme as `pipeline.prepare` does a form (cheap: the main process does it)."""
    report = FileReport(Path(f"{source}（{programme.where()}）"))
    if programme.errors:
        report.found = [f"项目：{programme.values.get('name', (programme.key, 0))[0]}"]
        report.failure = "；".join(programme.errors)
        return Prepared(report)
    try:
        draft = assemble(source.name, found_of(programme), Prose(), [], hints)
    except ImportFailure as exc:
        report.failure = str(exc)
        return Prepared(report)
    code = programme.values.get("code", ("", 0))[0]
    if code:
        draft.found.insert(1, f"项目编码：{code}")
    report.found, report.notes = draft.found, draft.notes
    return Prepared(report, draft)


# --------------------------------------------------------------------------- the export

def import_export(path: Path, options: Options, site: SiteConfig, planned: set[Path],
                  jobs: int | None = None, conversions: Conversions | None = None) -> list[FileReport]:
    """One report per programme, the first led by what concerns the whole export (which column became
    which key, rows set aside); a single failed report when the export cannot be read.

    As in `pipeline.import_batch`: ids are chosen here, in order (so they are the serial ones),
    and the programmes are rendered, checked and written in the forked pool, a chunk at a time,
    each chunk handed over as soon as it is placed.
    """
    head = FileReport(path)
    try:
        sheets = read_old_sheets(path, conversions) if path.suffix.lower() in OLD else read_sheets(path)
    except ImportFailure as exc:
        head.failure = str(exc)
        return [head]
    facts: list[Sheet] = []
    head.notes.extend(note for sheet in sheets for note in sheet.notes)
    makers: list[Callable[[], Prepared]] = [*_target_makers(path, sheets, options.hints)]
    for sheet in [s for s in sheets if not find_header(s)]:
        sheets.remove(sheet)
        if find_facts(sheet):
            facts.append(sheet)
        elif any(any(row) for row in sheet.rows):
            head.notes.append(f"{sheet.label}的前 {HEADER_SCAN} 行没有汇总表的表头（项目名称或编码与指标列在同一行）：未导入")
    programmes: list[Programme] = []
    for sheet in sheets:
        assert sheet.columns is not None
        found = group(sheet, head.notes)
        programmes.extend(found)
        if note := title_year_note(sheet, found):
            head.notes.append(note)
        if note := short_codes_note(sheet, found, "code"):
            head.notes.append(note)
        if note := sheet_department(sheet, sheet.name, found):
            head.notes.append(note)
        rows = f"第 {sheet.header + 1} 行" if sheet.height == 1 else f"第 {sheet.header + 1}–{sheet.header + sheet.height} 行"
        head.found.append(f"系统导出的汇总表：{sheet.label}{rows}是表头，"
                          f"{len(found)} 个项目，{sum(len(p.rows) for p in found)} 行")
        head.found.extend(sheet.columns.describe(sheet.label))
        if (c := next((group["direction"] for group in sheet.columns.every_indicator if "direction" in group), None)) is not None:
            head.notes.append(f"{sheet.label} {column_letter(c)} 列「{sheet.columns.headers[c]}」读作指标值的符号："
                              "没有指标性质、指标值前也没有符号的数字，正向（越大越好）为 ≥，反向（越小越好）为 ≤")
        if sheet.unit_note:
            head.notes.append(sheet.unit_note)
        if not sheet.unit and _bare_money(sheet):
            head.notes.append(f"{sheet.label}的表头没有写金额单位：按万元导入，若是元请在各文件中改 unit")
    if not programmes and not makers:
        head.failure = "汇总表的表头下面没有任何项目行"
        return [head]
    for sheet in facts:
        joined = join_facts(sheet, programmes, head.notes)
        assert sheet.columns is not None
        if sheet.unit_note:
            head.notes.append(sheet.unit_note)
        head.found.append(f"项目信息表：{sheet.label}第 {sheet.header + 1} 行是表头，{joined} 个项目的项目信息"
                          "按项目编码或网址编号（评价年度内）并入同一项目的指标行")
        head.found.extend(sheet.columns.describe(sheet.label))
    prepared: list[Prepared] = []
    makers += [lambda programme=programme: prepare_programme(programme, path, options.hints) for programme in programmes]

    def placed() -> Iterator[tuple[Prepared, Path]]:
        """Assembled and placed in order, here, while the workers finish the chunks placed before."""
        for make in makers:
            item = make()
            prepared.append(item)
            if item.draft is None:
                continue
            try:
                yield item, place(item.draft, item.report, options, planned)
            except WriteRefused as exc:
                item.report.failure = str(exc)

    workers = worker_count(jobs, len(makers))
    with Finisher(site, options.force) as finisher, Pool(workers) as pool:
        for chunk, reports in finisher.run(pool, placed(), len(makers), workers):
            for (item, _), report in zip(chunk, reports, strict=True):
                item.report = report  # a worker's copy of the report
    first = prepared[0].report  # what the export says as a whole leads its first programme's report, so
    first.found[:0] = head.found  # the summary counts programmes (a separate report would count as a file)
    first.notes[:0] = head.notes
    return [item.report for item in prepared]


def _target_makers(path: Path, sheets: list[Sheet], hints: Hints) -> Iterator[Callable[[], Prepared]]:
    """Each 绩效目标 export sheet's programmes (`target_export.sheet_targets`), taken out of `sheets`: one
    绩效目标表 each, as when the file is read as a form (`pipeline`), the sheet's notes leading the first."""
    from perfsite.importing.target_export import sheet_targets

    for sheet in list(sheets):
        scan = sheet_targets(sheet)
        if scan is None:
            continue
        sheets.remove(sheet)
        for form in scan.forms:
            yield lambda form=form: _target_prepared(path, form, hints)


def _target_prepared(path: Path, form: TargetForm, hints: Hints) -> Prepared:
    from perfsite.importing.target_export import assemble_exported

    return assembled(FileReport(Path(f"{path}（{form.where}）")), lambda: assemble_exported(path.name, form, hints),
                     form.notes)


def _bare_money(sheet: Sheet) -> bool:
    """Whether a money column holds a figure with no unit of its own, which the header's missing unit
    leaves to be read as 万元: cells each writing theirs (「100万元」, 「980000元」) are read in it, and the
    note that they were read as 万元 was untrue of them. Stops at the first such figure."""
    assert sheet.columns is not None
    columns = [c for k, c in sheet.columns.programme.items() if k in ("initial", "budget", "funded", "spent")]
    return any((read := amount(_at(row, c), "万元"))[0] is not None and not read[1]
               for row in sheet.rows[sheet.header + sheet.height:] for c in columns)


def programmes_of(path: Path) -> Iterable[Programme]:
    """The grouped programmes of an export (for tests and the bench)."""
    notes: list[str] = []
    sheets = read_sheets(path)
    exports = [sheet for sheet in sheets if find_header(sheet)]
    programmes = [p for sheet in exports for p in group(sheet, notes)]
    for sheet in sheets:
        if sheet not in exports and find_facts(sheet):
            join_facts(sheet, programmes, notes)
    yield from programmes
