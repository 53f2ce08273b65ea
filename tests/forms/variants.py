"""The ways real forms differ from the corpus, each a named function from a transcribed form to a variant.

The corpus (tests/forms/*/form.yaml) is fourteen forms as published. Units elsewhere hand in the
same tables laid out a little differently: columns in another order, an extra column, other header
words, a header over two rows, spacer rows and columns, a title and 金额单位 above the table and
填表人 lines below it, the table on a second sheet, a 说明 table first in the Word file, numbers
typed with full-width digits or as text, amounts with their unit in the cell, placeholders in blank
cells, line breaks inside cells. Each transformation here is one of those, applied to the grid
before the .xlsx/.docx are made (tests/forms/make.py), so the import must give back the golden file.

A transformation returns None where it does not apply to a form (no 分值 column to move, a merge
it would cut); the harness then picks another form. The harness locates the indicator block with
its own small word list (`HEADER_WORDS`), never with the importer's, so a recognition bug cannot
hide itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from forms.make import Form, add_table, load_form, title_rows, write_docx, write_xlsx

HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标", "指标名称"),
    "weight": ("分值", "权重"),
    "target": ("年度指标值", "指标值", "目标值", "年初目标值(A)"),
    "actual": ("实际完成值", "全年实际值", "完成值", "全年完成值", "全年实际完成值", "实际完成值(B)"),
    "score": ("得分",),
    "remark": ("偏差原因分析及改进措施", "未完成原因和改进措施", "未完成原因及拟采取的改进措施", "未完成原因分析"),
}
"""The header words the corpus prints, by what the column holds (compared without spaces)."""

TOTAL = re.compile(r"^(?:总分|合计|得分合计)")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass
class Variant:
    """A form as a unit hands it in: the grid, plus what lies outside it in each file kind."""

    form: Form
    sheets_before: list[tuple[str, list[str]]] = field(default_factory=list)
    """Excel: sheets (title, one text per row) before the form's sheet (a cover, a 说明 sheet)."""
    tables_before: list[list[list[str]]] = field(default_factory=list)
    """Word: tables before the form's table (a 填表说明 table)."""
    after: list[str] = field(default_factory=list)
    """Lines below the table: rows of the sheet in Excel, paragraphs in Word."""
    word_split: tuple[int, int, int] | None = None
    """Word: (row, header's first row, first row under the header) to break the table before `row`
    into two tables, the second starting with a copy of the header, as a clerk does at a page break."""

    def write(self, out: Path) -> tuple[Path, Path]:
        out.mkdir(parents=True, exist_ok=True)
        form = self.form
        if self.after:
            width = form.width
            start = len(form.rows)
            rows = [*form.rows, *([line] + [""] * (width - 1) for line in self.after)]
            merges = [*form.merges, *((start + n, 0, start + n, width - 1) for n in range(len(self.after)))]
            form = replace(form, rows=rows, merges=merges)
        xlsx = write_xlsx(form, out / f"{form.file}.xlsx")
        if self.sheets_before:
            from openpyxl import load_workbook

            book = load_workbook(str(xlsx))
            for index, (title, lines) in enumerate(self.sheets_before):
                sheet = book.create_sheet(title, index)
                for r, line in enumerate(lines, 1):
                    sheet.cell(r, 1).value = line
            book.active = len(self.sheets_before)
            book.save(str(xlsx))
        docx = write_docx(self.form, out / f"{form.file}.docx") if self.word_split is None \
            else _split_docx(self.form, *self.word_split, out / f"{form.file}.docx")
        if self.tables_before or self.after:
            from docx import Document

            doc = Document(str(docx))
            body = doc.element.body
            for rows in reversed(self.tables_before):
                table = add_table(doc, rows)
                table.style = "Table Grid"
                body.insert(0, table._tbl)
            for line in self.after:
                doc.add_paragraph(line)
            doc.save(str(docx))
        return xlsx, docx


def _split_docx(form: Form, at: int, header: int, body: int, path: Path) -> Path:
    """Two Word tables: rows before `at`, and a copy of the header rows (`header` up to `body`, and
    the row above if it merges down into them) followed by the rest. A merge across the break is cut
    in two (its text stays in the first part), as Word splits it."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    skip = title_rows(form)
    for row in form.rows[:skip]:
        doc.add_paragraph(next((t for t in row if t), "")).alignment = WD_ALIGN_PARAGRAPH.CENTER
    upper = header - 1 if any(r0 == header - 1 and r1 >= header and r1 - r0 <= 1 for r0, c0, r1, c1 in form.merges) \
        else header
    head_rows = form.rows[upper:body]
    n = len(head_rows)
    first = form.rows[skip:at]
    second = [*head_rows, *form.rows[at:]]
    top = [(r0 - skip, c0, min(r1, at - 1) - skip, c1) for r0, c0, r1, c1 in form.merges if skip <= r0 < at]
    head = [(r0 - upper, c0, r1 - upper, c1) for r0, c0, r1, c1 in form.merges if upper <= r0 and r1 < body]
    bottom = [(max(r0, at) - at + n, c0, r1 - at + n, c1) for r0, c0, r1, c1 in form.merges if r1 >= at]
    add_table(doc, first, tuple(m for m in top if m[2] >= m[0])).style = "Table Grid"
    doc.add_paragraph("")
    add_table(doc, second, tuple(head + bottom)).style = "Table Grid"
    doc.save(str(path))
    return path


# --------------------------------------------------------------------------- locating the table

@dataclass(frozen=True)
class Block:
    """The indicator table of a form: header row, last row (the 总分 row if any), columns by key."""

    header: int
    last: int
    columns: dict[str, int]
    total: int | None
    first: int
    """The first row under the header (below its second row, if it has one)."""


def block(form: Form) -> Block | None:
    """The first indicator header (a row naming 三级指标/指标名称) and the rows under it."""
    for h, row in enumerate(form.rows):
        columns = {}
        for c, text in enumerate(row):
            for key, words in HEADER_WORDS.items():
                if squeeze(text) in words and key not in columns:
                    columns[key] = c
        if "name" not in columns:
            continue
        words = {w for ws in HEADER_WORDS.values() for w in ws}
        below = [squeeze(t) for t in form.rows[h + 1] if t] if h + 1 < len(form.rows) else []
        first = h + 2 if below and all(t in words for t in below) else h + 1
        total, last = None, h
        for r in range(first, len(form.rows)):
            lead = next((t for t in form.rows[r] if t), "")
            if TOTAL.match(squeeze(lead)):
                total = last = r
                break
            if form.rows[r][columns["name"]] or not lead:
                last = r
            elif lead and not any(form.rows[r][c] for c in columns.values()):
                break
        return Block(h, last, columns, total, first)
    return None


def data_rows(form: Form, b: Block) -> list[int]:
    """Rows under the header with a figure or a name (not the total)."""
    keys = [k for k in ("name", "weight", "target", "actual", "score") if k in b.columns]
    return [r for r in range(b.first, b.last + 1)
            if r != b.total and any(form.rows[r][b.columns[k]] for k in keys)
            and squeeze(form.rows[r][b.columns["name"]]) not in HEADER_WORDS["name"]]  # a repeated header


# --------------------------------------------------------------------------- grid edits

def _merged_over(form: Form, rows: range, cols: set[int]) -> bool:
    """A merge wider than one column touching `cols` in `rows`, or one reaching outside `rows` there."""
    for r0, c0, r1, c1 in form.merges:
        if r1 < rows.start or r0 >= rows.stop or not cols & set(range(c0, c1 + 1)):
            continue
        if c0 != c1 or r0 < rows.start or r1 >= rows.stop:
            return True
    return False


def move_column(form: Form, b: Block, src: int, dst: int) -> Form | None:
    """Move column `src` of the indicator block to position `dst` (the columns between shift)."""
    if src == dst:
        return None
    order = list(range(form.width))
    order.insert(dst, order.pop(src))
    moved = set(range(min(src, dst), max(src, dst) + 1))
    rows = range(b.header, b.last + 1)
    if _merged_over(form, rows, moved):
        return None
    new_rows = [list(r) for r in form.rows]
    for r in rows:
        new_rows[r] = [form.rows[r][c] for c in order]
    where = {old: new for new, old in enumerate(order)}
    merges = [(r0, where[c0], r1, where[c1]) if r0 in rows and c0 in moved else (r0, c0, r1, c1)
              for r0, c0, r1, c1 in form.merges]
    cells = {(r, where[c]) if r in rows else (r, c) for r, c in form.text_cells}
    return replace(form, rows=new_rows, merges=merges, text_cells=cells)


def insert_column(form: Form, at: int, text: Callable[[int], str] = lambda r: "") -> Form:
    """A new column before `at` (at = width: after the last), each row's cell from `text(row)`.

    A merge across the insertion point grows by one column (the new cell is inside it and stays
    empty); at the right edge, the full-width rows above and below the table grow with it.
    """
    width = form.width
    merges, covered = [], set()
    for r0, c0, r1, c1 in form.merges:
        if c0 >= at:
            merges.append((r0, c0 + 1, r1, c1 + 1))
            continue
        grows = c1 >= at or (at == width and c1 == width - 1 and c0 == 0)
        merges.append((r0, c0, r1, c1 + 1 if grows else c1))
        if grows:
            covered.update(range(r0, r1 + 1))
    rows = [[*row[:at], "" if r in covered else text(r), *row[at:]] for r, row in enumerate(form.rows)]
    cells = {(r, c + 1 if c >= at else c) for r, c in form.text_cells}
    return replace(form, rows=rows, merges=merges, text_cells=cells)


def insert_rows(form: Form, at: int, lines: list[list[str]], full_width: bool = False) -> Form:
    """New rows before row `at`; a merge across the point grows; `full_width` merges each new row."""
    n = len(lines)
    width = form.width
    merges = []
    for r0, c0, r1, c1 in form.merges:
        if r0 >= at:
            merges.append((r0 + n, c0, r1 + n, c1))
        elif r1 >= at:
            merges.append((r0, c0, r1 + n, c1))
        else:
            merges.append((r0, c0, r1, c1))
    if full_width:
        merges += [(at + k, 0, at + k, width - 1) for k in range(n)]
    rows = [*form.rows[:at], *([*line, *[""] * (width - len(line))] for line in lines), *form.rows[at:]]
    cells = {(r + n if r >= at else r, c) for r, c in form.text_cells}
    return replace(form, rows=rows, merges=merges, text_cells=cells)


def edit_cells(form: Form, cells: list[tuple[int, int]], edit: Callable[[str], str], *, as_text: bool = True) -> Form:
    rows = [list(r) for r in form.rows]
    changed = set()
    for r, c in cells:
        new = edit(rows[r][c])
        if new != rows[r][c]:
            rows[r][c] = new
            changed.add((r, c))
    return replace(form, rows=rows, text_cells=form.text_cells | (changed if as_text else set()))


def _covered(form: Form) -> set[tuple[int, int]]:
    return {(r, c) for r0, c0, r1, c1 in form.merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
            if (r, c) != (r0, c0)}


# --------------------------------------------------------------------------- the transformations

@dataclass(frozen=True)
class Facts:
    """What a transformation may need to know of the programme (from its golden file)."""

    year: str
    unit: str
    """The budget table's money unit (万元/元), "" without one."""
    budget: dict[str, object] = field(default_factory=dict)
    """The golden file's `budget` rows (budget, spent, …), each a figure or a mapping by source."""


V = TypeVar("V")
"""A harness's own case of a form (Variant, or a subclass such as the 整改 harness's Case)."""
Transform = Callable[[Variant, Facts], Variant | None]


def _with(v: Variant, form: Form | None) -> Variant | None:
    return None if form is None else replace(v, form=form)


def weight_moved(v: Variant, facts: Facts) -> Variant | None:
    """分值 where the other common layout has it: after 实际完成值 (MoF) or right after 三级指标 (四川)."""
    b = block(v.form)
    if b is None or not {"weight", "actual", "name"} <= set(b.columns):
        return None
    w, a, n = b.columns["weight"], b.columns["actual"], b.columns["name"]
    return _with(v, move_column(v.form, b, w, n + 1) if w > a else move_column(v.form, b, w, a))


def score_before_remark_swapped(v: Variant, facts: Facts) -> Variant | None:
    """得分 as the last column, after 偏差原因 (or before it, where the form has it last)."""
    b = block(v.form)
    if b is None or not {"score", "remark"} <= set(b.columns):
        return None
    s, r = b.columns["score"], b.columns["remark"]
    return _with(v, move_column(v.form, b, s, r))


def _extra_column(v: Variant, at_key: str | None, header: str, value: Callable[[int], str]) -> Variant | None:
    b = block(v.form)
    if b is None:
        return None
    rows = set(data_rows(v.form, b))
    at = v.form.width if at_key is None else (b.columns.get(at_key, -1) + 1 if at_key != "left" else 0)
    if at == 0 and at_key != "left":
        return None
    numbers = {r: n for n, r in enumerate(sorted(rows), 1)}
    return _with(v, insert_column(v.form, at, lambda r: header if r == b.header else value(numbers[r]) if r in rows else ""))


def remark_column(v: Variant, facts: Facts) -> Variant | None:
    """A 备注 column at the right edge, 「无」 in every indicator row."""
    return _extra_column(v, None, "备注", lambda n: "无")


def explanation_column(v: Variant, facts: Facts) -> Variant | None:
    """A 指标解释 column right after the indicator name (provincial templates print one)."""
    return _extra_column(v, "name", "指标解释", lambda n: "反映项目实施的实际情况")


def number_column(v: Variant, facts: Facts) -> Variant | None:
    """A 序号 column at the left of the whole sheet, numbering the indicator rows."""
    return _extra_column(v, "left", "序号", str)


def criteria_column(v: Variant, facts: Facts) -> Variant | None:
    """A 评分标准 column after 得分, in the words forms print (no deduction count: no rule to apply)."""
    return _extra_column(v, "score", "评分标准", lambda n: "完成目标得满分，未完成按完成比例计分")


def _rename(v: Variant, words: dict[str, str], total: str) -> Variant | None:
    b = block(v.form)
    if b is None:
        return None
    cells = [(b.header, c) for key, c in b.columns.items() if key in words]
    new = {(b.header, b.columns[k]): w for k, w in words.items() if k in b.columns}
    if b.total is not None:
        first = next(c for c, t in enumerate(v.form.rows[b.total]) if t)
        cells.append((b.total, first))
        new[(b.total, first)] = total
    rows = [list(r) for r in v.form.rows]
    for r, c in cells:
        rows[r][c] = new[(r, c)]
    return _with(v, replace(v.form, rows=rows))


def vocabulary_a(v: Variant, facts: Facts) -> Variant | None:
    """权重 / 年度指标值 / 完成值 / 得分合计."""
    return _rename(v, {"weight": "权重", "target": "年度指标值", "actual": "完成值"}, "得分合计")


def vocabulary_b(v: Variant, facts: Facts) -> Variant | None:
    """标准分 / 预期指标值 / 全年实际值 / 未完成原因和改进措施 / 综合得分."""
    return _rename(v, {"weight": "标准分", "target": "预期指标值", "actual": "全年实际值",
                       "remark": "未完成原因和改进措施"}, "综合得分")


def vocabulary_c(v: Variant, facts: Facts) -> Variant | None:
    """分值 / 指标值 / 实际完成值 / 偏差原因分析及改进措施 / 自评得分 (the total row's label)."""
    return _rename(v, {"weight": "分值", "target": "指标值", "actual": "实际完成值",
                       "remark": "偏差原因分析及改进措施"}, "自评得分")


def vocabulary_d(v: Variant, facts: Facts) -> Variant | None:
    """分值 written with its unit 分值（分）, 年度目标值, 实际完成值, 总分."""
    return _rename(v, {"weight": "分值（分）", "target": "年度目标值", "actual": "实际完成值", "score": "得分（分）"}, "总分")


def vocabulary_e(v: Variant, facts: Facts) -> Variant | None:
    """全年指标值 / 年度实际值 / 合计: a 自评表's 目标值 and 实际值 columns in the words of the year."""
    return _rename(v, {"target": "全年指标值", "actual": "年度实际值"}, "合计")


def vocabulary_f(v: Variant, facts: Facts) -> Variant | None:
    """绩效目标值 / 指标完成值 / 指标分值 / 总分."""
    return _rename(v, {"target": "绩效目标值", "actual": "指标完成值", "weight": "指标分值"}, "总分")


def vocabulary_g(v: Variant, facts: Facts) -> Variant | None:
    """一级目标 / 当年度指标值 / 未达到指标值原因 / 合计: the 一级 column and the 年度 target in the words of 韶关's
    转移支付 目标表 filled in at the year's end (blackcurrantstudio.com/zdlyxxgk/dzjg/lcsczj/czysjshsgjfgk/czzxxx/
    content/post_2231307.html, tests/forms_layouts/l19) and of 东莞's 2022 目标表 (www.dgec.org.cn/news_show/1361, l20)."""
    b = block(v.form)
    if b is None or "level1" not in b.columns:
        return None
    return _rename(v, {"level1": "一级目标", "target": "当年度指标值", "remark": "未达到指标值原因"}, "合计")


def unit_labels_named(v: Variant, facts: Facts) -> Variant | None:
    """The unit labels with 名称 after them and another word for the spending unit: 「主管部门名称」
    (the 2021 申报表 at gxglmes.com/templets/default/2021yusuan/sqb.files/sheet001.htm prints it so)
    and 「项目执行单位」 (a 绩效目标表's word) where the form prints 主管部门 and 实施单位."""
    words = {"主管部门": "主管部门名称", "实施单位": "项目执行单位"}
    cells = [(r, c) for r, row in enumerate(v.form.rows) for c, t in enumerate(row) if squeeze(t) in words]
    if {squeeze(v.form.rows[r][c]) for r, c in cells} != set(words):
        return None
    return _with(v, edit_cells(v.form, cells, lambda t: words[squeeze(t)], as_text=False))


def levelled_departments(v: Variant, facts: Facts) -> Variant | None:
    """The 主管部门 row as 「市级主管部门」 with a 「县级主管部门」 row under it still holding the template's
    placeholder 「县(市、区)教育部门」: a 市's form passed down to its counties, as 韶关's 转移支付 目标表 is
    (blackcurrantstudio.com/zdlyxxgk/dzjg/lcsczj/czysjshsgjfgk/czzxxx/content/post_2231307.html, a copy of
    a 乐昌市财政局 page; tests/forms_layouts/l19). The department is still the 市级 one."""
    return _with(v, levelled_row(v.form, lambda t: squeeze(t) == "主管部门", lambda t: "市级主管部门",
                                 ("县级主管部门", "县(市、区)教育部门"), below=True))


def autonomous_region_levels(v: Variant, facts: Facts) -> Variant | None:
    """The head of 宁夏's 自治区 转移支付 自评表 (原州区农技中心 2022, bigxun.com/view/1651813082920488962, an OCR copy
    cut in its 满意度 rows): the 主管部门 row as 「市县主管部门」 under a 「自治区主管部门」 row (the region's
    department, 「自治区农业农村厅」 here), and 实施单位 and 项目负责人 in one cell each, 「实施单位/项目负责人 |
    原州区农技中心/杨勃兴」. The department is still the 市县 one (a form whose 主管部门 is blank, 天长's, is left out:
    its department is its 实施单位, which no 自治区 row would leave so)."""
    head = next(((r, c) for r, row in enumerate(v.form.rows) for c, t in enumerate(row) if squeeze(t) == "主管部门"), None)
    beside = next((t for t in v.form.rows[head[0]][head[1] + 1:] if t.strip()), "") if head else ""
    if squeeze(beside) in ("", "实施单位"):
        return None
    form = levelled_row(v.form, lambda t: squeeze(t) == "主管部门", lambda t: "市县主管部门",
                        ("自治区主管部门", "自治区农业农村厅"), below=False)
    if form is None:
        return None
    unit = next(((r, c) for r, row in enumerate(form.rows) for c, t in enumerate(row) if squeeze(t) == "实施单位"), None)
    value = next((k for k in range(unit[1] + 1, form.width) if form.rows[unit[0]][k].strip()), None) if unit else None
    if unit is None or value is None or "/" in form.rows[unit[0]][value]:
        return None
    form = edit_cells(form, [unit], lambda t: "实施单位/项目负责人", as_text=False)
    return _with(v, edit_cells(form, [(unit[0], value)], lambda t: f"{t.strip()}/杨勃兴", as_text=False))


def levelled_row(form: Form, is_label: Callable[[str], bool], relabel: Callable[[str], str],
                 line: tuple[str, str], *, below: bool) -> Form | None:
    """`form` with its first label cell `is_label` picks renamed by `relabel` and a row of another
    level (`line`: its label and value, in the label's and the value's columns) put below or above it;
    None where the form has no such label with a value beside it."""
    found = next(((r, c) for r, row in enumerate(form.rows) for c, t in enumerate(row) if is_label(t)), None)
    if found is None:
        return None
    r, c = found
    row = form.rows[r]
    value = next((k for k in range(c + 1, len(row)) if row[k].strip()), None)
    if value is None:
        return None
    edited = edit_cells(form, [(r, c)], relabel, as_text=False)
    added = ["" for _ in row]
    added[c], added[value] = line
    return insert_rows(edited, r + 1 if below else r, [added])


def _two_rows(v: Variant, spans: list[tuple[str, tuple[str, ...]]], merged: bool) -> Variant | None:
    """The header over two rows: each span's text above its columns (merged across them), every other
    header label either merged down over both rows (`merged`) or typed in the lower row under an empty cell."""
    form = v.form
    b = block(form)
    if b is None:
        return None
    h = b.header
    grouped: dict[int, str] = {}
    for text, keys in spans:
        if not all(k in b.columns for k in keys):
            return None
        cols = sorted(b.columns[k] for k in keys)
        if cols != list(range(cols[0], cols[-1] + 1)):
            return None
        grouped.update({c: text for c in cols})
    if any(c0 != c1 and r0 <= h <= r1 for r0, c0, r1, c1 in form.merges):
        return None  # a label already merged across columns: the split would cut it
    upper = ["" for _ in range(form.width)]
    lower = list(form.rows[h])
    new_merges: list[tuple[int, int, int, int]] = []
    starts = {c0: (r0, r1) for r0, c0, r1, c1 in form.merges if r0 == h and c0 == c1}
    for text in dict.fromkeys(grouped.values()):
        cols = [c for c, t in grouped.items() if t == text]
        upper[cols[0]] = text
        new_merges.append((h, cols[0], h, cols[-1]))
    for c, label in enumerate(form.rows[h]):
        if c in grouped or not label or not merged:
            continue
        upper[c], lower[c] = label, ""
        if c not in starts:
            new_merges.append((h, c, h + 1, c))
    out = insert_rows(form, h, [upper])
    rows = [list(r) for r in out.rows]
    rows[h + 1] = lower
    merges = []
    for r0, c0, r1, c1 in out.merges:
        if r0 == h + 1 and c0 == c1 and c0 in starts and merged and c0 not in grouped:
            r0 = h  # a label merged down over the table (「绩效指标」 in column A) now starts a row higher
        merges.append((r0, c0, r1, c1))
    return _with(v, replace(out, rows=rows, merges=merges + new_merges))


def header_levels_spanned(v: Variant, facts: Facts) -> Variant | None:
    """「绩效指标」 over 一级指标 | 二级指标 | 三级指标; the other labels merged down over both rows."""
    if _has_own(v, "绩效指标"):  # the MoF form already heads column A so
        return None
    return _two_rows(v, [("绩效指标", ("level1", "level2", "name"))], merged=True)


def _has_own(v: Variant, text: str) -> bool:
    return any(squeeze(t) == text for row in v.form.rows for t in row)


def header_values_spanned(v: Variant, facts: Facts) -> Variant | None:
    """「指标值」 over 年度指标值 | 实际完成值, other labels merged down."""
    renamed = _rename(v, {"target": "年度指标值", "actual": "实际完成值"}, "总分")
    return _two_rows(renamed, [("指标值", ("target", "actual"))], merged=True) if renamed else None


def header_labels_below(v: Variant, facts: Facts) -> Variant | None:
    """Two header rows not merged: the spans above, every other label in the lower row, empty above."""
    return _two_rows(v, [("绩效指标", ("level1", "level2", "name"))], merged=False) if not _has_own(v, "绩效指标") \
        else _two_rows(v, [("指标值", ("target", "actual"))], merged=False)


def spacer_rows(v: Variant, facts: Facts) -> Variant | None:
    """A blank row above the indicator header and one under the title rows."""
    b = block(v.form)
    if b is None:
        return None
    form = insert_rows(v.form, b.header, [[]])
    first = next((r for r, row in enumerate(form.rows) if sum(1 for t in row if t) > 1), 0)
    return _with(v, insert_rows(form, first, [[]]) if first else form)


def spacer_columns(v: Variant, facts: Facts) -> Variant | None:
    """The sheet starting at column B (A left blank, narrow), as many templates are."""
    return _with(v, insert_column(v.form, 0))


def lines_above(v: Variant, facts: Facts) -> Variant | None:
    """Title, 填报单位（盖章） and 金额单位 lines above the table (each a row across the sheet)."""
    lines = [[f"{facts.year}年度项目支出绩效自评表"] if facts.year else ["项目支出绩效自评表"],
             ["填报单位（盖章）："]]
    if facts.unit:
        lines.append([f"金额单位：{facts.unit}"])
    return _with(v, insert_rows(v.form, 0, lines, full_width=True))


def unit_line_of_template(v: Variant, facts: Facts) -> Variant | None:
    """「金额单位：万元」 left above the form by the template while the unit filled its funds table in 元
    and headed it so (「项目资金（元）」): the table's own header counts."""
    if facts.unit != "元":
        return None
    return _with(v, insert_rows(v.form, 0, [["金额单位：万元"]], full_width=True))


def lines_below(v: Variant, facts: Facts) -> Variant | None:
    """填表人 / 联系电话 / 填报日期 under the table."""
    return replace(v, after=["填表人：王某某", "联系电话：0755-12345678", "填报日期：    年  月  日"])


def cover_sheets(v: Variant, facts: Facts) -> Variant | None:
    """Excel: a 封面 sheet and a 填表说明 sheet before the form's sheet."""
    return replace(v, sheets_before=[
        ("封面", ["项目支出绩效自评材料", "报送单位（盖章）：", "报送日期：", "1.本材料由项目实施单位填报绩效自评情况。"]),
        ("填表说明", ["填表说明：", "1.“年度指标值”按批复的绩效目标填写。",
                      "2.定量指标得分按完成比例计算，不超过该指标分值。", "3.请勿改动表格格式。"]),
    ])


def word_note_table(v: Variant, facts: Facts) -> Variant | None:
    """Word: a 填表说明 table before the form's table."""
    return replace(v, tables_before=[[["序号", "填表说明"],
                                       ["1", "“年度指标值”按批复的绩效目标填写"],
                                       ["2", "定量指标得分按完成比例计算，不超过该指标分值"]]])


_FULL = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
_NUMBERISH = re.compile(r"^\s*[≥≤>=<＝]*\s*\d[\d,]*(?:\.\d+)?\s*%?\s*$")


def _figure_cells(form: Form, keys: tuple[str, ...]) -> list[tuple[int, int]]:
    b = block(form)
    if b is None:
        return []
    rows = [*data_rows(form, b), *([b.total] if b.total is not None else [])]
    return [(r, b.columns[k]) for r in rows for k in keys if k in b.columns and _NUMBERISH.match(form.rows[r][b.columns[k]])]


def fullwidth_digits(v: Variant, facts: Facts) -> Variant | None:
    """Numbers typed with an input method's full-width digits: ９５％, １０."""
    cells = _figure_cells(v.form, ("weight", "target", "actual", "score"))
    return _with(v, edit_cells(v.form, cells, lambda t: t.translate(_FULL))) if cells else None


def padded_numbers(v: Variant, facts: Facts) -> Variant | None:
    """Numbers typed with spaces around them, kept as text: 「 10 」, 「 95% 」."""
    cells = _figure_cells(v.form, ("weight", "target", "actual", "score"))
    return _with(v, edit_cells(v.form, cells, lambda t: f" {t.strip()} ")) if cells else None


def numbers_as_text(v: Variant, facts: Facts) -> Variant | None:
    """Excel: every cell typed as text (a 「'」 or the 文本 format), so 95% stays the text 95%."""
    every = {(r, c) for r, row in enumerate(v.form.rows) for c, t in enumerate(row) if t}
    return replace(v, form=replace(v.form, text_cells=every))


_AMOUNT_HEAD = re.compile(r"预算|执行数|到位|年度金额")


def _amount_cells(form: Form) -> list[tuple[int, int]]:
    """The budget table's amount cells: plain numbers under a 预算数/执行数 heading, above the indicators."""
    b = block(form)
    stop = b.header if b else len(form.rows)
    for h in range(stop):
        cols = [c for c, t in enumerate(form.rows[h]) if _AMOUNT_HEAD.search(t) and "率" not in t and len(squeeze(t)) <= 12]
        if len(cols) >= 2:
            number = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
            return [(r, c) for r in range(h + 1, stop) for c in cols if number.match(form.rows[r][c].strip())]
    return []


def amounts_with_unit(v: Variant, facts: Facts) -> Variant | None:
    """Amounts typed with the table's unit in the cell: 20万元, 250,000.00元."""
    cells = _amount_cells(v.form)
    if not cells or not facts.unit:
        return None
    return _with(v, edit_cells(v.form, cells, lambda t: f"{t}{facts.unit}"))


_STATED_WAN = re.compile(r"[（(]\s*万元\s*[)）]|^(?:金额)?单位\s*[:：]\s*万元$")
"""A unit a header or line states (「预算执行情况(万元)(20分)」「金额单位：万元」), not a 万元 inside words."""


def thousands_right_of_title(v: Variant, facts: Facts) -> Variant | None:
    """The budget in 千元, stated in the title row's right-hand cell 「单位：千元」 (the MoF template prints
    「单位：万元」 there, right of the title merged across the other columns): every amount is ten times the
    万元 figure, and the import writes it back in 万元, the data format having no 千元."""
    form = v.form
    cells = _amount_cells(form)
    full = next(((r0, c0, r1, c1) for r0, c0, r1, c1 in form.merges if (r0, c0, r1) == (0, 0, 0) and c1 == form.width - 1), None)
    if not cells or facts.unit != "万元" or full is None or form.width < 4:
        return None
    b = block(form)
    stop = b.header if b else len(form.rows)

    def tenfold(text: str) -> str:
        return f"{Decimal(text.replace(',', '')).scaleb(1):f}"

    rows = [list(r) for r in form.rows]
    for r, c in cells:
        rows[r][c] = tenfold(rows[r][c])
    for r in range(stop):
        for c, text in enumerate(rows[r]):
            if len(squeeze(text)) <= 20 and _STATED_WAN.search(squeeze(text)):
                rows[r][c] = text.replace("万元", "千元")
    rows[0][form.width - 1] = "单位：千元"
    merges = [(0, 0, 0, form.width - 2) if m == full else m for m in form.merges]
    return _with(v, replace(form, rows=rows, merges=merges))


def placeholders(v: Variant, facts: Facts) -> Variant | None:
    """Blank amount and remark cells filled with the marks units use for "nothing": —, -, /, 无."""
    form = v.form
    b = block(form)
    covered = _covered(form)
    budget = _amount_cells(replace(form, rows=[[t or "0" for t in row] for row in form.rows]))
    blank_amounts = [(r, c) for r, c in budget if not form.rows[r][c] and (r, c) not in covered]
    remarks = []
    if b is not None and "remark" in b.columns:
        remarks = [(r, b.columns["remark"]) for r in data_rows(form, b)
                   if not form.rows[r][b.columns["remark"]] and (r, b.columns["remark"]) not in covered]
    if not blank_amounts and not remarks:
        return None
    marks = iter(["—", "-", "/", "无", "——"] * len(blank_amounts))
    form = edit_cells(form, blank_amounts, lambda t: next(marks))
    return _with(v, edit_cells(form, remarks, lambda t: "无"))


def line_breaks(v: Variant, facts: Facts) -> Variant | None:
    """Line breaks inside cells: header labels and long indicator names wrapped by the clerk (Alt+Enter)."""
    b = block(v.form)
    if b is None:
        return None
    heads = [(b.header, c) for c in b.columns.values() if len(squeeze(v.form.rows[b.header][c])) >= 4]
    names = [(r, b.columns["name"]) for r in data_rows(v.form, b) if len(v.form.rows[r][b.columns["name"]]) >= 8]

    return _with(v, edit_cells(v.form, heads + names, wrap_middle, as_text=False)) if heads or names else None


def wrap_middle(text: str) -> str:
    """A break between two Chinese characters near the middle (a clerk's Alt+Enter, never inside a number)."""
    cuts = [n for n in range(1, len(text)) if "\u4e00" <= text[n - 1] <= "\u9fff" and "\u4e00" <= text[n] <= "\u9fff"]
    if "\n" in text or not cuts:
        return text
    middle = min(cuts, key=lambda n: abs(n - len(text) // 2))
    return text[:middle] + "\n" + text[middle:]


def spread_cases(transforms: dict[str, Callable[[V, Facts], V | None]], folders: list[Path], per: int,
                 facts: Callable[[Path], Facts], case: Callable[[Form], V] = Variant  # type: ignore[assignment]
                 ) -> list[tuple[str, Path]]:
    """(transformation, form) pairs: each transformation on the next `per` forms in turn where it
    applies, so that every form is tried by some. `case` makes a harness's own Variant of a form."""
    cases = []
    for n, (name, transform) in enumerate(transforms.items()):
        taken = 0
        for k in range(len(folders)):
            folder = folders[(n * per + k) % len(folders)]
            if transform(case(load_form(folder)), facts(folder)) is not None:
                cases.append((name, folder))
                taken += 1
                if taken == per:
                    break
    return cases


def percent_weights(v: Variant, facts: Facts) -> Variant | None:
    """Weights written as percentages under 权重: 「20%」, the total 「100%」 (as c03 prints them)."""
    b = block(v.form)
    if b is None or "weight" not in b.columns:
        return None
    c = b.columns["weight"]
    rows = [*data_rows(v.form, b), *([b.total] if b.total is not None else [])]
    cells = [(r, c) for r in rows if re.fullmatch(r"\d+(?:\.\d+)?", v.form.rows[r][c].strip())]
    form = edit_cells(v.form, cells, lambda t: f"{t.strip()}%", as_text=False)
    return _with(v, _rename(replace(v, form=form), {"weight": "权重"}, "合计").form) if cells else None


def _level_breaks(form: Form, b: Block) -> list[int]:
    """Rows inside the indicator block where a new 一级指标 starts and no merge runs across."""
    level = b.columns.get("level1")
    if level is None:
        return []
    rows = data_rows(form, b)
    return [r for r in rows[1:] if form.rows[r][level]
            and not any(r0 < r <= r1 for r0, c0, r1, c1 in form.merges)]


def blank_row_inside(v: Variant, facts: Facts) -> Variant | None:
    """An empty row left between two 一级指标 blocks of the indicator table (a deleted indicator)."""
    b = block(v.form)
    breaks = _level_breaks(v.form, b) if b else []
    return _with(v, insert_rows(v.form, breaks[len(breaks) // 2], [[]])) if breaks else None


def word_table_split(v: Variant, facts: Facts) -> Variant | None:
    """Word: the indicator table broken in two at a page break, the header repeated atop the second."""
    b = block(v.form)
    if b is None:
        return None
    rows = data_rows(v.form, b)
    if len(rows) < 3:
        return None
    return replace(v, word_split=(rows[len(rows) // 2], b.header, b.first))


def unknown_column(v: Variant, facts: Facts) -> Variant | None:
    """A column headed in words no form vocabulary has (「核查情况」): imported without it, with a note."""
    return _extra_column(v, "name", "核查情况", lambda n: "已核查")


def name_header_unknown(v: Variant, facts: Facts) -> Variant | None:
    """The indicator name column headed in words no form had (「考核要点」): the table cannot be found;
    the clerk is told which row looks like its header and which label to change."""
    b = block(v.form)
    if b is None:
        return None
    return _with(v, edit_cells(v.form, [(b.header, b.columns["name"])], lambda t: "考核要点", as_text=False))


def level2_label_missing(v: Variant, facts: Facts) -> Variant | None:
    """「一级指标」 merged over the 一级 and the 二级 column and no 「二级指标」 label (重庆's 转移支付
    自评表 prints its header so): the 二级 labels stand in a column with no header of its own."""
    b = block(v.form)
    if b is None or b.first != b.header + 1 or not {"level1", "level2"} <= set(b.columns):
        return None
    h, one, two = b.header, b.columns["level1"], b.columns["level2"]
    if two != one + 1 or any(r0 <= h <= r1 and {c0, c1} & {one, two} for r0, c0, r1, c1 in v.form.merges):
        return None
    rows = [list(r) for r in v.form.rows]
    rows[h][two] = ""
    return _with(v, replace(v.form, rows=rows, merges=[*v.form.merges, (h, one, h, two)]))


def levels_under_one_label(v: Variant, facts: Facts) -> Variant | None:
    """One header cell 「项目类别」 merged over the 一级 and the 二级 column, in words no level header
    has (苏州's 自评表): the two columns left of the name are still the two levels."""
    changed = level2_label_missing(v, facts)
    if changed is None:
        return None
    b = block(v.form)
    assert b is not None
    rows = [list(r) for r in changed.form.rows]
    rows[b.header][b.columns["level1"]] = "项目类别"
    return _with(v, replace(changed.form, rows=rows))


def _funds_header(form: Form) -> int | None:
    """The central layout's funds header: a row naming 执行数 (or 执行率) and 得分."""
    for r, row in enumerate(form.rows):
        cells = [squeeze(t) for t in row]
        if any("执行数" in t for t in cells) and any(t.startswith("得分") for t in cells):
            return r
    return None


def scoring_method_column(v: Variant, facts: Facts) -> Variant | None:
    """A 得分计算方法 column at the right edge (北京's template): beside the funds block's 得分 it reads
    「执行率*该指标分值，最高不得超过分值上限。」, in the indicator table the rule of each row.
    It holds no points: 得分 stays the score."""
    b, funds = block(v.form), _funds_header(v.form)
    if b is None or funds is None or funds > b.header:
        return None
    rows = set(data_rows(v.form, b))
    total_row = next((r for r in range(funds + 1, b.header)
                      if squeeze(next((t for t in v.form.rows[r] if t), "")).startswith("年度资金总额")), None)
    if total_row is None:
        return None

    def text(r: int) -> str:
        if r in (funds, b.header):
            return "得分计算方法"
        if r == total_row:
            return "执行率*该指标分值，最高不得超过分值上限。"
        return "完成值达到指标值，记满分；未达到指标值，按B/A或A/B*该指标分值记分。" if r in rows else ""

    return _with(v, insert_column(v.form, v.form.width, text))


def _first_fact_row(form: Form) -> int | None:
    """The first row under the title rows holding two texts or more (项目名称 | …)."""
    return next((r for r, row in enumerate(form.rows) if sum(1 for t in row if t) > 1), None)


def checkbox_lines(v: Variant, facts: Facts) -> Variant | None:
    """Choice lines ticked in the template's boxes above the form: 「评价类型：□阶段评价 ☑结束评价」
    「评价方式：☑直接组织评价 □委托评价」 (the 自评报告 cover at mdjjksjc.com/html/2024/0724/
    5300021124011301.shtm) and a row 「项目属性 | 新增项目 □ 延续项目 ☑」 (佳县, 陕西: the template at
    docx.baby/p/20793843881926.html). None of them is a fact the data file keeps."""
    first = _first_fact_row(v.form)
    b = block(v.form)
    if first is None or b is None or first >= b.header or v.form.width < 3:
        return None
    form = insert_rows(v.form, first, [["评价类型：□阶段评价 ☑结束评价"], ["评价方式：☑直接组织评价 □委托评价"]],
                       full_width=True)
    row = ["项目属性", "新增项目 □ 延续项目 ☑"]
    form = insert_rows(form, first + 2, [row])
    return _with(v, replace(form, merges=[*form.merges, (first + 2, 1, first + 2, form.width - 1)]))


def level2_row_left_empty(v: Variant, facts: Facts) -> Variant | None:
    """A 二级指标 row of the template left with no indicator (「经济效益指标」 alone under 效益指标, as the
    贵池区棠溪镇 2022 自评表 at anthempetcare.com/upload_cz/download?id=502364 prints it): no indicator."""
    b = block(v.form)
    if b is None or "level2" not in b.columns:
        return None
    two = b.columns["level2"]
    rows = data_rows(v.form, b)
    at = next((r for r in rows[1:] if v.form.rows[r][two] and (r, two) not in _covered(v.form)
               and not any(r0 < r <= r1 and c0 <= two <= c1 for r0, c0, r1, c1 in v.form.merges)), None)
    if at is None:
        return None
    line = ["" for _ in range(v.form.width)]
    line[two] = "经济效益指标"
    return _with(v, insert_rows(v.form, at, [line]))


def total_row_left_zero(v: Variant, facts: Facts) -> Variant | None:
    """「年度资金总额」 left at 0 by the template's formula while 「其中:本年财政拨款」 holds the amounts (the
    贵池区棠溪镇 2022 自评表 at anthempetcare.com/upload_cz/download?id=502364 prints 「0 0 0 10 0 0」
    over 「90 89.974 89.974」): the fiscal row is the budget. Only where the two rows agree in the form."""
    cells = _amount_cells(v.form)
    lead = {r: squeeze(next((t for t in v.form.rows[r] if t), "")) for r, _ in cells}
    total = [(r, c) for r, c in cells if lead[r].startswith("年度资金总额")]
    fiscal = {c: v.form.rows[r][c] for r, c in cells if "财政拨款" in lead[r]}
    if not total or any(fiscal.get(c) != v.form.rows[r][c] for r, c in total):
        return None
    return _with(v, edit_cells(v.form, total, lambda t: "0", as_text=False))


_BRACKETED_POINTS = re.compile(r"^(?P<label>.*\S)\s*[（(]\s*(?P<n>\d+(?:\.\d+)?)\s*分\s*[)）]\s*$")
_UNBRACKETED = ("{label}{n}分", "{label} {n}分", "{label}（{n}）")
"""How units write a level's points without the template's brackets: 广水 「数量指标15分」「产出指标40分」,
「产出指标 50分」 with a space, and 铜陵郊区 「决策(10)」 without 分 (a level's word before the bracket)."""


def level_points_unbracketed(v: Variant, facts: Facts) -> Variant | None:
    """「产出指标(70分)」 written 「产出指标70分」, 「产出指标 70分」 or 「产出指标（70）」 (each level cell in turn
    another way): the points are read all the same, checked against the weights under the level."""
    b = block(v.form)
    if b is None:
        return None
    cells = [(r, b.columns[key]) for key in ("level1", "level2") if key in b.columns
             for r in range(b.first, b.last + 1) if _BRACKETED_POINTS.match(v.form.rows[r][b.columns[key]])]
    if not cells:
        return None
    ways = iter(_UNBRACKETED * len(cells))

    def unbracketed(text: str) -> str:
        match = _BRACKETED_POINTS.match(text)
        assert match
        way = next(ways)
        if not match["label"].endswith("指标"):  # 「（70）」 after another word is no level's points
            way = _UNBRACKETED[0]
        return way.format(label=match["label"], n=match["n"])
    return _with(v, edit_cells(v.form, cells, unbracketed, as_text=False))


def _level_groups(form: Form, b: Block, c: int, within: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(first row, last row) of each level of column `c` inside the groups `within`: a level runs from its
    text down to the row before another text (a cell merged down, left blank or the same text again)."""
    groups = []
    for start, end in within:
        texts = [squeeze(form.rows[r][c]) for r in range(start, end + 1)]
        if not texts[0]:
            return []
        heads = [start + n for n, t in enumerate(texts) if t and (n == 0 or t != next(x for x in reversed(texts[:n]) if x))]
        for r0, r1 in zip(heads, [*heads[1:], end + 1], strict=True):
            groups.append((r0, r1 - 1))
    return groups


def _points_cells(form: Form, c: int, groups: list[tuple[int, int]], weights: dict[int, Decimal]
                  ) -> tuple[dict[int, str], list[tuple[int, int, int, int]]]:
    """A level's points beside each cell printing it, merged down where the level's cell is merged down
    or left blank: row → points, and the merges."""
    cells, merges = {}, []
    for r0, r1 in groups:
        weighted = [weights[r] for r in range(r0, r1 + 1) if r in weights]
        if not weighted:  # 「经济效益指标」 over no indicator: its points left blank, as forms leave them
            continue
        points = f"{sum(weighted, Decimal(0)):f}"
        printed = [r for r in range(r0, r1 + 1) if form.rows[r][c]]
        for p0, p1 in zip(printed, [*printed[1:], r1 + 1], strict=True):
            cells[p0] = points
            if p1 - 1 > p0:
                merges.append((p0, c + 1, p1 - 1, c + 1))
    return cells, merges


def level_points_columns(v: Variant, facts: Facts) -> Variant | None:
    """Each level followed by its own 分值 column, as 湖南's forms print it (雨花区, tests/forms_dept/d08:
    「一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | …」): a level's points, the sum of its indicators'
    weights, in a cell merged down over the level's rows; the level's label without its bracketed points.
    Only the 分值 after 三级指标 is each indicator's weight."""
    b = block(v.form)
    if b is None or not {"level1", "level2", "name", "weight"} <= set(b.columns) or b.first != b.header + 1:
        return None
    l1, l2, w = b.columns["level1"], b.columns["level2"], b.columns["weight"]
    if not l1 < l2 < b.columns["name"] < w:
        return None
    rows = data_rows(v.form, b)
    weights: dict[int, Decimal] = {}
    for r in rows:
        text = squeeze(v.form.rows[r][w])
        if text and not re.fullmatch(r"\d+(?:\.\d+)?", text):  # 「20%」: no points to print beside a level
            return None
        if text:
            weights[r] = Decimal(text)
    end = (b.total - 1) if b.total is not None else b.last
    ones = _level_groups(v.form, b, l1, [(b.first, end)])
    twos = _level_groups(v.form, b, l2, ones)
    if not ones or not twos:
        return None
    form = edit_cells(v.form, [(r, c) for r in range(b.first, end + 1) for c in (l1, l2)],
                      lambda t: m["label"] if (m := _BRACKETED_POINTS.match(t)) else t, as_text=False)
    if any("分" in form.rows[r][c] for r in range(b.first, end + 1) for c in (l1, l2)):
        return None  # 「(50分)」 alone: no level's name to print the points beside
    for c, groups in ((l2, twos), (l1, ones)):  # the right one first: the left one's column stays put
        points, merges = _points_cells(form, c, groups, weights)
        texts = {**points, b.header: "分值"}
        form = insert_column(form, c + 1, lambda r, texts=texts: texts.get(r, ""))  # type: ignore[misc]
        form = replace(form, merges=[*form.merges, *merges])
    return _with(v, form)


_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")
_MOF_SOURCES = ("total", "central", "provincial", "municipal", "county", "other")


def _by_source(row: object) -> dict[str, str] | None:
    """A golden budget row by source (a lone figure is the total); None with a source the MoF rows lack."""
    if row is None:
        return {}
    parts = {str(k): str(v) for k, v in row.items()} if isinstance(row, dict) else {"total": str(row)}
    return parts if set(parts) <= set(_MOF_SOURCES) else None


def _added(*figures: str) -> str:
    present = [Decimal(f.replace(",", "")) for f in figures if f]
    return str(sum(present, Decimal(0))) if present else ""


def transfer_region_mof(v: Variant, facts: Facts) -> Variant | None:
    """The form in the Ministry of Finance's 中央对地方转移支付区域绩效自评表 layout (阆中's b05 is one, unchanged):
    a 项目资金（万元） block merged down at the left with 全年预算数(A) | 全年执行数(B) | 执行率(B/A) over
    「年度资金总额」, 「其中：中央补助」, 「地方资金」 (with 「其中：省级资金」 / 「市县资金」 under it where the money has
    them) and 「其他资金」; the goal and what was done side by side under 「预期目标 | 实际完成情况」 where the form prints
    them as two labelled rows; the indicator columns headed 指标值 | 全年实际值 | 未完成原因分析. Only forms whose money is a budget and what was spent
    (no 年初预算数, no 到位数: the template has no row for them)."""
    budget, spent = _by_source(facts.budget.get("budget")), _by_source(facts.budget.get("spent"))
    b = block(v.form)
    if (b is None or budget is None or spent is None or not budget.get("total") or v.form.width < 5
            or set(facts.budget) - {"unit", "budget", "spent"}
            or any(row.get("municipal") and row.get("county") for row in (budget, spent))):
        return None
    start = next((r for r in range(b.header) if any("执行数" in squeeze(t) for t in v.form.rows[r])
                  or squeeze(next((t for t in v.form.rows[r] if t), "")).startswith("资金情况")), None)
    if start is None:
        return None
    end = next((r for r in range(start + 1, b.header + 1)
                if r == b.header or "目标" in squeeze(next((t for t in v.form.rows[r] if t), ""))), b.header)
    width = v.form.width

    def rate(row: dict[str, str]) -> str:
        return "" if not row.get("total") or not spent.get("total") else \
            f"{(Decimal(spent['total'].replace(',', '')) * 100 / Decimal(row['total'].replace(',', ''))).quantize(Decimal('0.01'))}%"

    local = {key: row for key, row in (("budget", budget), ("spent", spent))}
    lines = [("年度资金总额：", "total"), ("其中：中央补助", "central"), ("地方资金", "local")]
    if budget.get("provincial") or spent.get("provincial"):
        lines.append(("其中：省级资金", "provincial"))
    if any(row.get(k) for row in (budget, spent) for k in ("municipal", "county")):
        lines.append(("市县资金", "municipal" if budget.get("municipal") or spent.get("municipal") else "county"))
    lines.append(("其他资金", "other"))

    def figure(row: dict[str, str], key: str) -> str:
        if key == "local":
            return _added(*(row.get(k, "") for k in ("provincial", "municipal", "county")))
        return row.get(key, "")

    head = v.form.rows[start]
    scoring = [c for c, t in enumerate(head) if any(word in squeeze(t) for word in ("分值", "执行率", "得分"))]
    top = next((r for r in range(start + 1, end) if any(_FIGURE.fullmatch(squeeze(t)) for t in v.form.rows[r])), None)
    printed = [v.form.rows[top][c] if top is not None else "" for c in scoring]
    if not any("执行率" in squeeze(head[c]) for c in scoring):
        scoring, printed = [*scoring, -1], [*printed, rate(budget)]
    if 4 + len(scoring) > width:
        return None
    unit = "（元）" if facts.unit == "元" else "（万元）"
    funds = [[f"项目资金{unit}", "", "全年预算数（A）", "全年执行数（B）", *(head[c] if c >= 0 else "执行率（B/A）" for c in scoring)]]
    for label, key in lines:
        figures = [figure(local["budget"], key), figure(local["spent"], key)]
        funds.append(["", label, *figures, *(printed if key == "total" else [""] * len(scoring))])
    used = len(funds[0])
    n = len(funds)
    delta = n - (end - start)
    merges = []
    for r0, c0, r1, c1 in v.form.merges:
        if r1 < start:
            merges.append((r0, c0, r1, c1))
        elif r0 >= end:
            merges.append((r0 + delta, c0, r1 + delta, c1))
        elif r0 < start or r1 >= end:
            return None
    merges.append((start, 0, start + n - 1, 0))
    if width > used:
        merges += [(start + k, used - 1, start + k, width - 1) for k in range(n)]
    rows = [*v.form.rows[:start], *([*line, *[""] * (width - used)] for line in funds), *v.form.rows[end:]]
    cells = {(r, c) for r, c in v.form.text_cells if r < start} | {(r + delta, c) for r, c in v.form.text_cells if r >= end}
    form = _goals_side_by_side(replace(v.form, rows=rows, merges=merges, text_cells=cells), start + n)
    return _rename(replace(v, form=form), {"target": "指标值", "actual": "全年实际值", "remark": "未完成原因分析"}, "合计")


def _goals_side_by_side(form: Form, g: int) -> Form:
    """「年度总体目标 | 目标…」 over 「完成情况 | …」 (a label and one text each, c03) as the template prints the pair:
    「年度总体目标 | 预期目标 | 实际完成情况」 over the two texts side by side. Other goal layouts stay as they are."""
    if g + 1 >= len(form.rows) or form.width < 6:
        return form
    texts = [[t for t in form.rows[r] if t] for r in (g, g + 1)]
    if (any(len(t) != 2 for t in texts) or squeeze(texts[0][0]) not in ("年度总体目标", "总体目标")
            or "完成" not in squeeze(texts[1][0]) or any(r0 <= g + 1 and r1 >= g and r0 != r1
                                                        for r0, _, r1, _ in form.merges)):
        return form
    width = form.width
    pair = [["年度总体目标", "预期目标", "", "", "实际完成情况", *[""] * (width - 5)],
            ["", texts[0][1], "", "", texts[1][1], *[""] * (width - 5)]]
    merges = [m for m in form.merges if m[0] not in (g, g + 1)]
    merges += [(g, 0, g + 1, 0), *((r, 1, r, 3) for r in (g, g + 1)), *((r, 4, r, width - 1) for r in (g, g + 1))]
    return replace(form, rows=[*form.rows[:g], *pair, *form.rows[g + 2:]], merges=merges)


_MOF_WORDS = {"年度资金总额：": "年度金额", "其中：中央补助": "其中：中央财政", "全年预算数（A）": "预算数", "全年执行数（B）": "执行数"}


def transfer_region_words(v: Variant, facts: Facts) -> Variant | None:
    """`transfer_region_mof` in the shorter words provinces' copies of the template print: 「年度金额」 (汉阴's 转移支付
    目标表, www.hanyin.gov.cn/Content-2392921.html, tests/forms_targets/t15), 「其中：中央财政」 (c03's), 预算数 | 执行数,
    and the indicator columns headed 全年目标值 | 实际完成值."""
    changed = transfer_region_mof(v, facts)
    if changed is None:
        return None
    form = changed.form
    cells = [(r, c) for r, row in enumerate(form.rows) for c, t in enumerate(row) if t in _MOF_WORDS]
    form = edit_cells(form, cells, lambda t: _MOF_WORDS[t], as_text=False)
    return _rename(replace(changed, form=form), {"target": "全年目标值", "actual": "实际完成值"}, "合计")


_MANAGEMENT = (("分配科学性", "合理分配,优先保障工资社保。"), ("下达及时性", ""),
               ("拨付合规性", "严格按照国库集中支付制度有关规定支付资金,未出现违规问题。"),
               ("使用规范性", "严格按照下达预算的科目和项目执行,未出现截留、挤占、挪用或擅自调整等问题。"),
               ("执行准确性", "按照上级下达的金额执行,不存在执行数偏离预算数较多的问题。"),
               ("预算绩效管理情况", "将有关资金纳入本级预算绩效管理,开展绩效监控和绩效评价。"), ("支出责任履行情况", ""))
"""The 资金管理情况 rows of 田家庵区人社局's 2024 就业补助资金 绩效自评表 (www.tja.gov.cn/public/118323190/1260578519.html)."""
_WORDS_2022 = {"项目资金（万元）": "资金投入情况（万元）", "项目资金（元）": "资金投入情况（元）", "执行率（B/A）": "预算执行率(B/A×100%)",
               "其中：中央补助": "其中:中央财政资金", "地方资金": "地方财政资金"}


def transfer_region_2022(v: Variant, facts: Facts) -> Variant | None:
    """`transfer_region_mof` as the Ministry's template prints it from 2022 on (田家庵区 2024, www.tja.gov.cn/public/118323190/
    1260578519.html, 安徽; 巴彦淖尔市临河区 2022, 内蒙古, a copy with no address): 资金投入情况（万元）, 预算执行率(B/A×100%),
    中央财政资金 / 地方财政资金, and a 资金管理情况 block (情况说明 | 存在问题和改进措施 over 分配科学性 … 支出责任履行情况, a
    sentence or nothing in each) between the money and the goals; the actual column headed 全年实际完成值."""
    changed = transfer_region_mof(v, facts)
    if changed is None or changed.form.width < 6:
        return None
    form = changed.form
    cells = [(r, c) for r, row in enumerate(form.rows) for c, t in enumerate(row) if t in _WORDS_2022]
    form = edit_cells(form, cells, lambda t: _WORDS_2022[t], as_text=False)
    top = next(r for r, row in enumerate(form.rows) if row[0].startswith("资金投入情况"))
    at = next(r for r in range(top + 1, len(form.rows)) if form.rows[r][0])
    width = form.width
    lines = [["资金管理情况", "", "情况说明", "", "", "存在问题和改进措施"],
             *(["", label, text, "", "", ""] for label, text in _MANAGEMENT)]
    form = insert_rows(form, at, [[*line, *[""] * (width - 6)] for line in lines])
    merges = [*form.merges, (at, 0, at + len(lines) - 1, 0),
              *((r, 2, r, 4) for r in range(at, at + len(lines))), *((r, 5, r, width - 1) for r in range(at, at + len(lines)))]
    return _rename(replace(changed, form=replace(form, merges=merges)), {"actual": "全年实际完成值"}, "合计")


def all_of(*steps: Callable[[V, Facts], V | None], who: str = "one province's form"
           ) -> Callable[[V, Facts], V | None]:
    """Several transformations at once (at most one of them not applying): `who` differs in
    several ways at once."""
    def composed(v: V, facts: Facts) -> V | None:
        applied = 0
        for step in steps:
            changed = step(v, facts)
            if changed is not None:
                v, applied = changed, applied + 1
        return v if applied >= len(steps) - 1 else None

    composed.__doc__ = f"Several at once, as {who} differs in several ways: " + \
        ", ".join(step.__name__ for step in steps) + " (at most one of them not applying)."
    return composed


_all = all_of
province_a = _all(number_column, vocabulary_b, weight_moved, lines_above, lines_below, placeholders)
province_b = _all(header_levels_spanned, amounts_with_unit, fullwidth_digits, spacer_columns, cover_sheets,
                  line_breaks)
province_c = _all(percent_weights, header_values_spanned, blank_row_inside, remark_column, word_table_split,
                  numbers_as_text)
province_a.__name__, province_b.__name__, province_c.__name__ = "province_a", "province_b", "province_c"


TRANSFORMS: dict[str, Transform] = {f.__name__: f for f in (
    name_header_unknown, percent_weights, blank_row_inside, word_table_split, unknown_column, province_a, province_b, province_c,
    level2_label_missing, levels_under_one_label, scoring_method_column, checkbox_lines, level2_row_left_empty,
    total_row_left_zero,
    weight_moved, score_before_remark_swapped, remark_column, explanation_column, number_column,
    criteria_column, vocabulary_a, vocabulary_b, vocabulary_c, vocabulary_d, header_levels_spanned,
    header_values_spanned, header_labels_below, spacer_rows, spacer_columns, lines_above, unit_line_of_template,
    lines_below,
    cover_sheets, word_note_table, fullwidth_digits, padded_numbers, numbers_as_text, amounts_with_unit,
    placeholders, line_breaks, vocabulary_e, vocabulary_f, vocabulary_g, unit_labels_named, thousands_right_of_title,
    level_points_unbracketed, levelled_departments, autonomous_region_levels, transfer_region_mof,
    transfer_region_words, transfer_region_2022, level_points_columns,
)}
"""Name (the test id) → transformation; the docstring of each says what real forms do."""

ONLY = {"cover_sheets": ("xlsx",), "numbers_as_text": ("xlsx",), "word_note_table": ("docx",),
        "word_table_split": ("docx",)}
"""Transformations of one file kind only (Word has no sheets and no cell types, Excel no page breaks)."""

TOLD: dict[str, tuple[str, str]] = {
    "unknown_column": ("notes", "核查情况"),
    "name_header_unknown": ("failure", "考核要点"),
}
"""Transformations the clerk must be told of: where (the report's notes, or its failure) a line names
the table, the cell (its reference in that file kind) and this header label. A failure writes nothing;
the others still import to the golden file."""
