"""The ways 整改情况表 differ from the three layouts, each a named function from a layout to a variant.

The layouts (tests/forms_rectify/*/form.yaml) are constructed, not published (README.md says why), so
this harness is where the import meets what units hand in: columns in another order, other header
words (问题描述, 具体措施, 责任部门, 完成时限, 整改进展, 佐证资料, with bracketed notes or wrapped over two
lines), a header over two rows, a problem repeated on each of its measures' rows instead of merged
(or left blank under the first), a blank row inside the table, deadlines spelt 2023.6.30, 2023/6/30,
２０２３年６月３０日 or typed as Excel dates, 长期坚持 for a deadline, blank statuses and the other
words for a status (已办结, 已销号, 推进中), spacer rows and columns, lines above and below, a cover
sheet, a Word 说明 table, the Word table broken at a page break with its header repeated.

A transformation returns None where it does not apply to a layout. What the import must give is
derived from the layout itself: the import of the unchanged layout (which tests/test_import_rectify.py
compares cell by cell with the layout's text), changed only where a transformation changes what the
form says (a blank status is no status; 长期坚持 is no date), each such change written beside the
transformation as an edit of that expectation, with the words the clerk must then be told. The
table is located with this module's own word list (`HEADER_WORDS`), never the importer's, so a
recognition bug cannot hide itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from forms.make import Form, write_xlsx
from forms.variants import (
    Block as GridBlock,
)
from forms.variants import (
    Facts,
    Variant,
    all_of,
    edit_cells,
    insert_column,
    insert_rows,
    move_column,
    numbers_as_text,
    spacer_columns,
    squeeze,
    word_note_table,
    wrap_middle,
)
from forms.variants import cover_sheets as self_evaluation_cover
from forms.variants import spread_cases as spread_variants

HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "number": ("序号",),
    "indicator": ("指标名称",),
    "problem": ("存在问题", "评价发现问题", "问题描述", "发现问题", "存在的主要问题"),
    "measure": ("整改措施", "具体措施", "整改举措", "整改落实措施"),
    "owner": ("责任单位", "责任部门", "牵头单位", "牵头部门", "整改责任单位"),
    "deadline": ("整改时限", "完成时限", "整改期限", "整改完成时间"),
    "status": ("整改情况", "整改进展", "整改落实情况", "完成情况", "整改进展情况"),
    "evidence": ("佐证材料", "佐证资料", "证明材料", "整改佐证材料"),
}
"""The header words the layouts print and the words this module renames them to, by what the column
holds (compared without spaces and bracketed notes)."""
_APPLICATION = re.compile(r"结果(?:应用|运用)")

Expected = dict[str, object]
"""The import as compared: name, year, department, findings (each with its measures), application."""


@dataclass(frozen=True)
class Block:
    """The 整改 table of a layout: its header row(s), first and last measure rows, columns by key."""

    header: int
    first: int
    last: int
    columns: dict[str, int]

    @property
    def grid(self) -> GridBlock:
        """The same block as the 自评 harness's helpers (move_column) take it."""
        return GridBlock(self.header, self.last, self.columns, None, self.first)


def _key(text: str) -> str | None:
    word = re.sub(r"[（(][^（()）]*[)）]", "", squeeze(text))
    return next((key for key, words in HEADER_WORDS.items() if word in words), None)


def block(form: Form) -> Block | None:
    for h, row in enumerate(form.rows):
        columns = {key: c for c, text in enumerate(row) if (key := _key(text))}
        if not {"problem", "measure"} <= set(columns):
            continue
        first = h + 1
        below = [(c, t) for c, t in enumerate(form.rows[h + 1]) if t] if h + 1 < len(form.rows) else []
        if below and all(_key(t) for _, t in below):  # 整改落实情况 over 整改进展 | 佐证材料
            columns = {k: c for k, c in columns.items() if c not in {c for c, _ in below}}
            columns.update({_key(t) or "": c for c, t in below})
            first = h + 2
        last = first
        for r in range(first, len(form.rows)):
            lead = next((t for t in form.rows[r] if t), "")
            if _APPLICATION.search(lead) and len(lead) <= 8:
                break
            last = r
        return Block(h, first, last, columns)
    return None


def starts(form: Form, b: Block) -> list[int]:
    """The rows where a problem starts (its cell has text)."""
    c = b.columns["problem"]
    return [r for r in range(b.first, b.last + 1) if form.rows[r][c]]


def measure_rows(b: Block) -> list[int]:
    return list(range(b.first, b.last + 1))


# --------------------------------------------------------------------------- the variant and its expectation

Edit = Callable[[Expected], None]


@dataclass
class Case(Variant):
    """A variant, what it changes in the expected import, and what the clerk must be told."""

    edits: tuple[Edit, ...] = ()
    told: tuple[str, ...] = ()
    """Words the import's notes (or its list of unplaced cells) must contain."""
    dates: dict[tuple[int, int], dt.date] = field(default_factory=dict)
    """Excel: cells typed as dates (the clerk's 2023/6/30 that Excel turns into a date)."""

    def write(self, out: Path) -> tuple[Path, Path]:
        xlsx, docx = super().write(out)
        if self.dates:
            from openpyxl import load_workbook

            book = load_workbook(str(xlsx))
            sheet = book.worksheets[len(self.sheets_before)]
            for (r, c), day in self.dates.items():
                cell = sheet.cell(r + 1, c + 1)
                cell.value = day
                cell.number_format = "yyyy/m/d"
            book.save(str(xlsx))
        return xlsx, docx

    def expecting(self, edit: Edit, *told: str) -> Case:
        return replace(self, edits=(*self.edits, edit), told=(*self.told, *told))


Transform = Callable[[Case, Facts], Case | None]


def _with(v: Case, form: Form | None) -> Case | None:
    return None if form is None else replace(v, form=form)


def _measure_at(form: Form, b: Block, row: int) -> tuple[int, int]:
    """(finding, measure) index of a measure row: problems start where their cell has text."""
    first_rows = starts(form, b)
    finding = sum(1 for r in first_rows if r <= row) - 1
    return finding, row - max(r for r in first_rows if r <= row)


def _measure(expected: Expected, at: tuple[int, int]) -> dict[str, str]:
    findings = expected["findings"]
    assert isinstance(findings, list)
    measure: dict[str, str] = findings[at[0]]["measures"][at[1]]
    return measure


# --------------------------------------------------------------------------- columns

def _move(v: Case, key: str, after: str) -> Case | None:
    b = block(v.form)
    if b is None or key not in b.columns or after not in b.columns:
        return None
    src, anchor = b.columns[key], b.columns[after]
    return _with(v, move_column(v.form, b.grid, src, anchor if src < anchor else anchor + 1))


def owner_after_deadline(v: Case, facts: Facts) -> Case | None:
    """责任单位 after 完成时限 (序号 | 问题 | 措施 | 时限 | 责任单位 | 整改情况), as many 台账 print it."""
    return _move(v, "owner", "deadline")


def status_before_owner(v: Case, facts: Facts) -> Case | None:
    """整改情况 right after 整改措施 (what was done beside what was planned), owner and deadline after."""
    b = block(v.form)
    if b is None or "status" not in b.columns:
        return None
    return _with(v, move_column(v.form, b.grid, b.columns["status"], b.columns["measure"] + 1))


def evidence_before_status(v: Case, facts: Facts) -> Case | None:
    """佐证材料 before 整改情况."""
    b = block(v.form)
    if b is None or not {"evidence", "status"} <= set(b.columns):
        return None
    return _with(v, move_column(v.form, b.grid, b.columns["evidence"], b.columns["status"]))


def number_column(v: Case, facts: Facts) -> Case | None:
    """A 序号 column on the left where the layout has none, numbering the problems (blank under each)."""
    b = block(v.form)
    if b is None or "number" in b.columns:
        return None
    numbers = {r: str(n) for n, r in enumerate(starts(v.form, b), 1)}
    return _with(v, insert_column(v.form, 0, lambda r: "序号" if r == b.header else numbers.get(r, "")))


def unknown_column(v: Case, facts: Facts) -> Case | None:
    """A 整改责任人 column (a person, no key for it) after 责任单位: imported without it, its cells listed."""
    b = block(v.form)
    if b is None or "owner" not in b.columns:
        return None
    rows = set(measure_rows(b))
    form = insert_column(v.form, b.columns["owner"] + 1,
                         lambda r: "整改责任人" if r == b.header else "王某某" if r in rows else "")
    return _with(v, form).expecting(lambda e: None, "王某某") if form else None  # type: ignore[union-attr]


# --------------------------------------------------------------------------- header words

def _rename(v: Case, words: dict[str, str]) -> Case | None:
    b = block(v.form)
    if b is None:
        return None
    head = b.first - 1  # the lower header row of a two-row header names the columns
    cells = {(head if v.form.rows[head][c] else b.header, c): w for key, w in words.items()
             if (c := b.columns.get(key)) is not None}
    rows = [list(r) for r in v.form.rows]
    for (r, c), word in cells.items():
        rows[r][c] = word
    return _with(v, replace(v.form, rows=rows))


def vocabulary_a(v: Case, facts: Facts) -> Case | None:
    """问题描述 / 具体措施 / 责任部门 / 完成时限 / 整改进展 / 佐证资料."""
    return _rename(v, {"problem": "问题描述", "measure": "具体措施", "owner": "责任部门", "deadline": "完成时限",
                       "status": "整改进展", "evidence": "佐证资料"})


def vocabulary_b(v: Case, facts: Facts) -> Case | None:
    """发现问题 / 整改举措 / 牵头部门 / 整改期限 / 完成情况 / 证明材料."""
    return _rename(v, {"problem": "发现问题", "measure": "整改举措", "owner": "牵头部门", "deadline": "整改期限",
                       "status": "完成情况", "evidence": "证明材料"})


def vocabulary_c(v: Case, facts: Facts) -> Case | None:
    """The longer words of 审计/巡察 整改台账: 存在的主要问题 / 整改落实措施 / 整改责任单位 / 整改完成时间 /
    整改进展情况 / 整改佐证材料."""
    return _rename(v, {"problem": "存在的主要问题", "measure": "整改落实措施", "owner": "整改责任单位",
                       "deadline": "整改完成时间", "status": "整改进展情况", "evidence": "整改佐证材料"})


def vocabulary_noted(v: Case, facts: Facts) -> Case | None:
    """Labels with the template's bracketed notes: 责任单位（部门）, 完成时限（年月日）,
    整改情况（已完成/整改中/未开始）, 佐证材料（附件名称）."""
    return _rename(v, {"owner": "责任单位（部门）", "deadline": "完成时限（年月日）",
                       "status": "整改情况（已完成/整改中/未开始）", "evidence": "佐证材料（附件名称）"})


def header_wrapped(v: Case, facts: Facts) -> Case | None:
    """Header labels wrapped by the clerk (Alt+Enter): 「整改\\n措施」."""
    b = block(v.form)
    if b is None:
        return None
    heads = [(r, c) for r in range(b.header, b.first) for c in b.columns.values()
             if len(squeeze(v.form.rows[r][c])) >= 4]
    return _with(v, edit_cells(v.form, heads, wrap_middle, as_text=False)) if heads else None


def _two_rows(v: Case, text: str, keys: tuple[str, str], merged: bool) -> Case | None:
    """The header over two rows: `text` above the two adjacent columns `keys` (merged across them);
    every other label merged down over both rows (`merged`) or typed in the lower row, empty above."""
    form = v.form
    b = block(form)
    if b is None or b.first != b.header + 1 or not all(k in b.columns for k in keys):
        return None
    left, right = sorted(b.columns[k] for k in keys)
    if right != left + 1 or any(c0 != c1 and r0 <= b.header <= r1 for r0, c0, r1, c1 in form.merges):
        return None
    h = b.header
    upper = ["" for _ in range(form.width)]
    lower = list(form.rows[h])
    upper[left] = text
    merges = [(h, left, h, right)]
    for c, label in enumerate(form.rows[h]):
        if c in (left, right) or not label or not merged:
            continue
        upper[c], lower[c] = label, ""
        merges.append((h, c, h + 1, c))
    out = insert_rows(form, h, [upper])
    rows = [list(r) for r in out.rows]
    rows[h + 1] = lower
    return _with(v, replace(out, rows=rows, merges=[*out.merges, *merges]))


def header_owner_spanned(v: Case, facts: Facts) -> Case | None:
    """「整改责任」 over 责任单位 | 完成时限, the other labels merged down over both rows."""
    return _two_rows(v, "整改责任", ("owner", "deadline"), merged=True)


def header_status_spanned_below(v: Case, facts: Facts) -> Case | None:
    """「整改落实情况」 over 整改情况 | 佐证材料, the other labels typed in the lower row under empty cells."""
    return _two_rows(v, "整改落实情况", ("status", "evidence"), merged=False)


# --------------------------------------------------------------------------- the problem column

def _unmerge_problems(v: Case, fill: bool) -> Case | None:
    """Problem (and 序号, 指标名称) cells not merged over their measures: the text repeated on each
    row (`fill`), or left blank under the first."""
    form = v.form
    b = block(form)
    if b is None:
        return None
    cols = {b.columns[k] for k in ("problem", "indicator", "number") if k in b.columns}
    down = [m for m in form.merges if m[0] >= b.first and m[1] == m[3] and m[1] in cols]
    if not [m for m in down if m[1] == b.columns["problem"]]:
        return None
    rows = [list(r) for r in form.rows]
    for r0, c, r1, _ in down:
        for r in range(r0 + 1, r1 + 1):
            rows[r][c] = rows[r0][c] if fill else ""
    return _with(v, replace(form, rows=rows, merges=[m for m in form.merges if m not in down]))


def problem_repeated(v: Case, facts: Facts) -> Case | None:
    """Each measure's row repeats its problem (and its 序号) instead of a merged cell: one problem still."""
    return _unmerge_problems(v, fill=True)


def problem_blank_below(v: Case, facts: Facts) -> Case | None:
    """The problem typed on its first measure's row only, the cells under it blank and not merged:
    the same problem, and the clerk told which cell was blank."""
    changed = _unmerge_problems(v, fill=False)
    return changed.expecting(lambda e: None, "存在问题一格空着") if changed else None


def blank_row_inside(v: Case, facts: Facts) -> Case | None:
    """An empty row left between two problems (a deleted row): the problems below it are still read."""
    b = block(v.form)
    if b is None:
        return None
    later = [r for r in starts(v.form, b)[1:] if not any(r0 < r <= r1 for r0, _, r1, _ in v.form.merges)]
    return _with(v, insert_rows(v.form, later[-1], [[]])) if later else None


# --------------------------------------------------------------------------- deadlines

_FULL_DATE = re.compile(r"^((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日(前)?$")


def _date_cells(form: Form, b: Block) -> list[tuple[int, int, dt.date, str]]:
    """(row, column, date, tail) of each deadline cell holding one full date (2023年3月31日前)."""
    if "deadline" not in b.columns:
        return []
    c = b.columns["deadline"]
    out = []
    for r in measure_rows(b):
        found = _FULL_DATE.match(form.rows[r][c])
        if found:
            out.append((r, c, dt.date(int(found[1]), int(found[2]), int(found[3])), found[4] or ""))
    return out


def deadlines_spelt(v: Case, facts: Facts) -> Case | None:
    """Full dates spelt as clerks type them: 2023.3.31, 2023/03/31, 2023-3-31前, and a month end as
    2023年3月底 (the same day)."""
    b = block(v.form)
    cells = _date_cells(v.form, b) if b else []
    if not cells:
        return None
    spellings = [lambda d: f"{d.year}.{d.month}.{d.day}", lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}",
                 lambda d: f"{d.year}-{d.month}-{d.day}前"]
    rows = [list(r) for r in v.form.rows]
    for n, (r, c, day, _) in enumerate(cells):
        month_end = (day + dt.timedelta(days=1)).day == 1
        rows[r][c] = f"{day.year}年{day.month}月底" if month_end and n % 2 else spellings[n % 3](day)
    return _with(v, replace(v.form, rows=rows, text_cells=v.form.text_cells | {(r, c) for r, c, _, _ in cells}))


_FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def deadlines_fullwidth(v: Case, facts: Facts) -> Case | None:
    """Deadlines typed with an input method's full-width digits: ２０２３年６月３０日."""
    b = block(v.form)
    if b is None or "deadline" not in b.columns:
        return None
    c = b.columns["deadline"]
    cells = [(r, c) for r in measure_rows(b) if re.search(r"\d", v.form.rows[r][c])]
    return _with(v, edit_cells(v.form, cells, lambda t: t.translate(_FULL))) if cells else None


def deadlines_as_excel_dates(v: Case, facts: Facts) -> Case | None:
    """Excel: full-date deadlines typed so that Excel made them dates (shown 2023/3/31)."""
    b = block(v.form)
    cells = _date_cells(v.form, b) if b else []
    plain = [(r, c, day) for r, c, day, tail in cells if not tail]
    return replace(v, dates={(r, c): day for r, c, day in plain}) if plain else None


def deadline_not_a_date(v: Case, facts: Facts) -> Case | None:
    """One deadline written 常态化推进 (no date): no deadline is made up, the clerk is told the cell's words."""
    b = block(v.form)
    cells = _date_cells(v.form, b) if b else []
    if not cells or b is None:
        return None
    r, c, _, _ = cells[0]
    at = _measure_at(v.form, b, r)
    changed = _with(v, edit_cells(v.form, [(r, c)], lambda t: "常态化推进"))
    return changed.expecting(lambda e: _measure(e, at).pop("deadline"), "常态化推进") if changed else None


# --------------------------------------------------------------------------- statuses

_SAME_STATUS = {"已完成": ("已整改", "已办结", "已销号", "完成整改"), "整改中": ("推进中", "正在整改"),
                "持续整改": ("正在推进",), "已整改": ("已完成",), "已整改到位": ("整改到位",),
                "未整改": ("尚未启动",)}
"""Bare status words and others that say the same (the harness's own list, not the importer's)."""


def status_words(v: Case, facts: Facts) -> Case | None:
    """The other words units write for a status: 已办结, 已销号, 推进中, 尚未启动 …"""
    b = block(v.form)
    if b is None or "status" not in b.columns:
        return None
    c = b.columns["status"]
    cells = [(r, c) for r in measure_rows(b) if v.form.rows[r][c] in _SAME_STATUS]
    turn = iter(range(len(cells)))
    return _with(v, edit_cells(v.form, cells, lambda t: (w := _SAME_STATUS[t])[next(turn) % len(w)])) if cells else None


def status_blank(v: Case, facts: Facts) -> Case | None:
    """The first measure's 整改情况 left blank: no status is made up, the clerk is told the cell."""
    b = block(v.form)
    if b is None or "status" not in b.columns or v.form.rows[b.first][b.columns["status"]] not in _SAME_STATUS:
        return None
    changed = _with(v, edit_cells(v.form, [(b.first, b.columns["status"])], lambda t: ""))
    return changed.expecting(lambda e: _measure(e, (0, 0)).pop("status"), "整改情况空着") if changed else None


def long_texts_wrapped(v: Case, facts: Facts) -> Case | None:
    """Long problem and measure texts wrapped by the clerk inside their cells."""
    b = block(v.form)
    if b is None:
        return None
    cells = [(r, b.columns[k]) for r in measure_rows(b) for k in ("problem", "measure")
             if len(v.form.rows[r][b.columns[k]]) >= 12]
    return _with(v, edit_cells(v.form, cells, wrap_middle, as_text=False)) if cells else None


# --------------------------------------------------------------------------- around the table

def spacer_rows(v: Case, facts: Facts) -> Case | None:
    """A blank row under the title and one above the header."""
    b = block(v.form)
    if b is None or b.header < 2:
        return None
    return _with(v, insert_rows(insert_rows(v.form, b.header, [[]]), 1, [[]]))


def lines_above(v: Case, facts: Facts) -> Case | None:
    """填报单位（盖章） and 填报日期 lines above the table, each across the sheet."""
    return _with(v, insert_rows(v.form, 1, [["填报单位（盖章）："], ["填报日期：    年  月  日"]], full_width=True))


def lines_below(v: Case, facts: Facts) -> Case | None:
    """填表人 / 审核人 / 联系电话 under the table: no part of any measure."""
    return replace(v, after=["填表人：李某某", "审核人：张某某", "联系电话：0731-12345678"])


def cover_sheets(v: Case, facts: Facts) -> Case | None:
    """Excel: a 封面 sheet and a 填表说明 sheet before the table's sheet."""
    return replace(v, sheets_before=[
        ("封面", ["问题整改情况报送材料", "报送单位（盖章）：", "报送日期："]),
        ("填表说明", ["填表说明：", "1.“整改情况”一栏填写已完成、整改中或未开始，并写明进展。", "2.“完成时限”写到日。"]),
    ])


def cover_of_the_workbook(v: Case, facts: Facts) -> Case | None:
    """Excel: the unit's workbook of its 自评 materials (a cover 「项目支出绩效自评材料」 and a 填表说明 sheet)
    with the 整改 table on the third sheet: the table's own title says what its findings answer."""
    return self_evaluation_cover(v, facts)  # type: ignore[return-value]


def word_table_split(v: Case, facts: Facts) -> Case | None:
    """Word: the table broken at a page break before a problem, its header repeated atop the second part."""
    b = block(v.form)
    if b is None:
        return None
    at = [r for r in starts(v.form, b)[1:] if not any(r0 < r <= r1 for r0, _, r1, _ in v.form.merges)]
    return replace(v, word_split=(at[0], b.header, b.first)) if at else None


def _all(*steps: Transform) -> Transform:
    return all_of(*steps, who="one county's ledger")


county_a = _all(vocabulary_a, owner_after_deadline, problem_repeated, deadlines_spelt, lines_above, lines_below)
county_b = _all(number_column, vocabulary_noted, header_owner_spanned, status_words, spacer_columns, cover_sheets)
county_c = _all(vocabulary_c, deadlines_fullwidth, long_texts_wrapped, blank_row_inside, word_table_split)
county_a.__name__, county_b.__name__, county_c.__name__ = "county_a", "county_b", "county_c"


TRANSFORMS: dict[str, Transform] = {f.__name__: f for f in (  # type: ignore[misc]
    owner_after_deadline, status_before_owner, evidence_before_status, number_column, unknown_column,
    vocabulary_a, vocabulary_b, vocabulary_c, vocabulary_noted, header_wrapped, header_owner_spanned,
    header_status_spanned_below, problem_repeated, problem_blank_below, blank_row_inside, deadlines_spelt,
    deadlines_fullwidth, deadlines_as_excel_dates, deadline_not_a_date, status_words, status_blank,
    long_texts_wrapped, spacer_rows, spacer_columns, lines_above, lines_below, cover_sheets, cover_of_the_workbook,
    word_note_table,
    word_table_split, numbers_as_text, county_a, county_b, county_c,
)}
"""Name (the test id) → transformation; the docstring of each says what real forms do."""

ONLY = {"cover_sheets": ("xlsx",), "cover_of_the_workbook": ("xlsx",), "numbers_as_text": ("xlsx",), "deadlines_as_excel_dates": ("xlsx",),
        "word_note_table": ("docx",), "word_table_split": ("docx",)}
"""Transformations of one file kind only (Word has no sheets or cell types, Excel no page breaks)."""


def write_base(form: Form, out: Path) -> Path:
    """The unchanged layout as the .xlsx the expectation is read from."""
    out.mkdir(parents=True, exist_ok=True)
    return write_xlsx(form, out / f"{form.file}.xlsx")


def spread_cases(folders: list[Path], per: int, facts: Callable[[Path], Facts]) -> list[tuple[str, Path]]:
    """(transformation, layout) pairs: each transformation on the next `per` layouts in turn where it applies."""
    return spread_variants(TRANSFORMS, folders, per, facts, Case)
