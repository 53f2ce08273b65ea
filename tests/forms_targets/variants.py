"""The ways real 绩效目标表 differ from the target corpus, each a named function from a transcribed form to a variant.

The corpus (tests/forms_targets/*/form.yaml) is real target tables as published. Units elsewhere hand
in the same tables laid out a little differently: columns in another order, other header words
(目标值 for 指标值, 指标内容 for 三级指标, 计量单位 for 度量单位, 符号 for 指标性质), a header over two
rows, spacer rows and columns, a title and 金额单位 above the table and 填表说明 below it, a cover
sheet or a 说明 table first, numbers typed with full-width digits or as text, amounts with their unit
in the cell, line breaks inside cells, the table broken in two at a Word page break. Each
transformation here is one of those, applied to the grid before the .xlsx/.docx are made
(tests/forms/make.py), so the import must still give back the golden file.

The grid helpers and the file writer are the 自评 harness's (tests/forms/variants.py); the indicator
block is located with this module's own word list (`HEADER_WORDS`), never with the importer's, so a
recognition bug cannot hide itself. A transformation returns None where it does not apply to a form.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from forms.make import Form
from forms.variants import (
    Block,
    Facts,
    Variant,
    edit_cells,
    insert_column,
    insert_rows,
    levelled_row,
    move_column,
    numbers_as_text,
    spacer_columns,
    squeeze,
    word_note_table,
    wrap_middle,
)

HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标", "指标内容", "指标名称"),
    "sign": ("指标性质", "符号", "指标方向"),
    "target": ("指标值", "指标目标值", "指标值及单位", "计划指标值", "目标值", "年度指标值"),
    "measure": ("度量单位", "计量单位"),
    "weight": ("权重", "分值", "指标权重"),
    "explanation": ("指标解释",),
    "basis": ("绩效标准",),
}
"""The header words the target corpus prints, by what the column holds (compared without spaces and
bracketed notes: 「三级指标(年度)」 is 三级指标), the words this module renames them to among them. Where a
key's word appears twice (a 中期 set beside the 年度 set), the right-hand one is the 年度 set's, as the
corpus prints them."""


def side_by_side(form: Form) -> bool:
    """A 中期 set beside the 年度 one: two indicator-name columns in the header."""
    b = block(form)
    return b is not None and sum(_word(t) in HEADER_WORDS["name"] for t in form.rows[b.header]) > 1

_NOTE = re.compile(r"[（(][^（()）]*[)）]")


def _word(text: str) -> str:
    return _NOTE.sub("", squeeze(text))


def block(form: Form) -> Block | None:
    """The indicator header (a row naming 三级指标/指标内容 and 指标值) and the rows under it that name an indicator."""
    for h, row in enumerate(form.rows):
        columns: dict[str, int] = {}
        for c, text in enumerate(row):
            for key, words in HEADER_WORDS.items():
                if _word(text) in words and (key not in columns or key != "level1"):
                    columns[key] = c
        if not {"name", "target"} <= set(columns):
            continue
        named = [r for r in range(h + 1, len(form.rows)) if form.rows[r][columns["name"]]]
        if not named:
            return None
        return Block(h, named[-1], columns, None, h + 1)
    return None


def data_rows(form: Form, b: Block) -> list[int]:
    return [r for r in range(b.first, b.last + 1) if form.rows[r][b.columns["name"]]]


def _with(v: Variant, form: Form | None) -> Variant | None:
    return None if form is None else replace(v, form=form)


Transform = Callable[[Variant, Facts], Variant | None]


# --------------------------------------------------------------------------- columns

def target_moved(v: Variant, facts: Facts) -> Variant | None:
    """指标值 right after the indicator's name, or (where it already is) at the right of the block, as
    provinces order 指标值 | 度量单位 | 权重 | 指标解释 differently."""
    b = block(v.form)
    if b is None or side_by_side(v.form):
        return None  # moving one set's value column into the other set is no layout a form has
    name, target = b.columns["name"], b.columns["target"]
    last = max(b.columns.values())
    dst = name + 1 if target != name + 1 else last
    return _with(v, move_column(v.form, b, target, dst)) if dst != target else None


def sign_after_value(v: Variant, facts: Facts) -> Variant | None:
    """指标值 | 指标性质 | 度量单位: the sign printed after the figure instead of before it."""
    b = block(v.form)
    if b is None or "sign" not in b.columns:
        return None
    return _with(v, move_column(v.form, b, b.columns["sign"], b.columns["target"]))


# --------------------------------------------------------------------------- header words

def _rename(v: Variant, words: dict[str, str]) -> Variant | None:
    b = block(v.form)
    if b is None or not any(k in b.columns for k in words):
        return None
    rows = [list(r) for r in v.form.rows]
    for key, word in words.items():
        if key in b.columns:
            rows[b.header][b.columns[key]] = word
    return _with(v, replace(v.form, rows=rows))


def vocabulary_target_a(v: Variant, facts: Facts) -> Variant | None:
    """目标值 for 指标值."""
    return _rename(v, {"target": "目标值"})


def vocabulary_target_b(v: Variant, facts: Facts) -> Variant | None:
    """年度指标值 for 指标值, 指标名称 for 三级指标."""
    return _rename(v, {"target": "年度指标值", "name": "指标名称"})


def vocabulary_name(v: Variant, facts: Facts) -> Variant | None:
    """指标内容 for 三级指标 (the 2015 template's word), 计量单位 for 度量单位."""
    return _rename(v, {"name": "指标内容", "measure": "计量单位"})


def vocabulary_sign(v: Variant, facts: Facts) -> Variant | None:
    """符号 for 指标性质 (a column holding ≥ ≤ =), 指标权重 for 权重."""
    b = block(v.form)
    if b is None or "sign" not in b.columns:
        return None
    return _rename(v, {"sign": "符号", "weight": "指标权重"})


def vocabulary_direction(v: Variant, facts: Facts) -> Variant | None:
    """指标方向 for 指标性质: the column of ≥ ≤ = headed as some systems head it (others print 正向/反向 there)."""
    b = block(v.form)
    if b is None or "sign" not in b.columns:
        return None
    return _rename(v, {"sign": "指标方向"})


def _two_rows(v: Variant, text: str, keys: tuple[str, ...]) -> Variant | None:
    """The header over two rows: `text` over the columns of `keys` (merged across them), every other
    header label merged down over both rows."""
    form = v.form
    b = block(form)
    if b is None or not all(k in b.columns for k in keys):
        return None
    cols = sorted(b.columns[k] for k in keys)
    h = b.header
    if cols != list(range(cols[0], cols[-1] + 1)) or any(_word(t) == text for row in form.rows for t in row):
        return None
    if any(r0 <= h <= r1 and (c0 != c1 or r0 != r1) for r0, c0, r1, c1 in form.merges):
        return None  # a label merged across the header row: the split would cut it
    upper = list(form.rows[h])
    lower = ["" for _ in upper]
    merges = []
    for c in cols:
        upper[c], lower[c] = "", form.rows[h][c]
    upper[cols[0]] = text
    merges.append((h, cols[0], h, cols[-1]))
    merges += [(h, c, h + 1, c) for c, t in enumerate(form.rows[h]) if t and c not in cols]
    out = insert_rows(form, h + 1, [lower])
    rows = [list(r) for r in out.rows]
    rows[h] = upper
    return _with(v, replace(out, rows=rows, merges=[*out.merges, *merges]))


def header_levels_spanned(v: Variant, facts: Facts) -> Variant | None:
    """「绩效指标」 over 一级指标 | 二级指标 | 三级指标; the other labels merged down over both rows."""
    return _two_rows(v, "绩效指标", ("level1", "level2", "name"))


def header_values_spanned(v: Variant, facts: Facts) -> Variant | None:
    """「年度指标值」 over 指标性质 | 指标值 | 度量单位 (the 101 form's header); the others merged down."""
    return _two_rows(v, "年度指标值", ("sign", "target", "measure"))


# --------------------------------------------------------------------------- around the table

def spacer_rows(v: Variant, facts: Facts) -> Variant | None:
    """A blank row above the indicator header and one under the title rows."""
    b = block(v.form)
    if b is None:
        return None
    if any(r0 < b.header <= r1 for r0, c0, r1, c1 in v.form.merges):
        return None  # a side label merged down into the header: a blank row would sit inside it
    form = insert_rows(v.form, b.header, [[]])
    first = next((r for r, row in enumerate(form.rows) if sum(1 for t in row if t) > 1), 0)
    return _with(v, insert_rows(form, first, [[]]) if first else form)


def lines_above(v: Variant, facts: Facts) -> Variant | None:
    """Title, 填报单位（盖章） and 金额单位 lines above the table (each a row across the sheet)."""
    lines = [[f"{facts.year}年度项目支出绩效目标表"], ["填报单位（盖章）："]]
    if facts.unit:
        lines.append([f"金额单位：{facts.unit}"])
    return _with(v, insert_rows(v.form, 0, lines, full_width=True))


def lines_below(v: Variant, facts: Facts) -> Variant | None:
    """填表说明 and 填表人 lines under the table."""
    return replace(v, after=["填表说明：1.指标值按批复的绩效目标填写；2.定性指标填写文字。",
                             "填表人：王某某    联系电话：0731-12345678", "填报日期：    年  月  日"])


def cover_sheets(v: Variant, facts: Facts) -> Variant | None:
    """Excel: a 封面 sheet and a 填表说明 sheet before the form's sheet."""
    return replace(v, sheets_before=[
        ("封面", ["项目支出绩效目标申报材料", "申报单位（盖章）：", "申报日期：", "1.本材料由项目实施单位填报。"]),
        ("填表说明", ["填表说明：", "1.“指标值”按项目实施后预期达到的水平填写。",
                      "2.定量指标写明符号和度量单位，定性指标写文字。", "3.请勿改动表格格式。"]),
    ])


# --------------------------------------------------------------------------- how cells are typed

_FULL = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
_NUMBERISH = re.compile(r"^\s*[≥≤>=<＝]*\s*\d[\d,]*(?:\.\d+)?\s*%?\s*$")


def fullwidth_digits(v: Variant, facts: Facts) -> Variant | None:
    """Figures typed with an input method's full-width digits: ９５％, １０."""
    b = block(v.form)
    if b is None:
        return None
    cells = [(r, b.columns[k]) for r in data_rows(v.form, b) for k in ("target", "weight")
             if k in b.columns and _NUMBERISH.match(v.form.rows[r][b.columns[k]])]
    return _with(v, edit_cells(v.form, cells, lambda t: t.translate(_FULL))) if cells else None


_PLAIN_AMOUNT = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
_NOT_MONEY = re.compile(r"编码|代码|电话|年度|日期")
"""Labels of the plain numbers above a table that are no amounts (「部门预算编码 | 901001033」)."""


def amounts_with_unit(v: Variant, facts: Facts) -> Variant | None:
    """Amounts typed with the table's unit in the cell (20万元, 3,309,840.00元); the money cells are the
    plain numbers above the indicator header (or in a list's 预算数 column)."""
    b = block(v.form)
    if b is None or not facts.unit:
        return None
    amount_col = next((c for c, t in enumerate(v.form.rows[b.header]) if _word(t) in ("预算数", "预算金额")), None)
    cells = [(r, c) for r in range(len(v.form.rows)) for c, t in enumerate(v.form.rows[r])
             if _PLAIN_AMOUNT.match(t.strip()) and (r < b.header or c == amount_col)
             and not (c and _NOT_MONEY.search(v.form.rows[r][c - 1]))]
    return _with(v, edit_cells(v.form, cells, lambda t: f"{t}{facts.unit}")) if cells else None


def line_breaks(v: Variant, facts: Facts) -> Variant | None:
    """Line breaks inside cells: header labels and long indicator names wrapped by the clerk (Alt+Enter)."""
    b = block(v.form)
    if b is None:
        return None
    heads = [(b.header, c) for c in b.columns.values() if len(squeeze(v.form.rows[b.header][c])) >= 4]
    names = [(r, b.columns["name"]) for r in data_rows(v.form, b) if len(v.form.rows[r][b.columns["name"]]) >= 8]

    return _with(v, edit_cells(v.form, heads + names, wrap_middle, as_text=False)) if heads or names else None


def word_table_split(v: Variant, facts: Facts) -> Variant | None:
    """Word: the indicator table broken in two at a page break, the header repeated atop the second."""
    b = block(v.form)
    if b is None:
        return None
    rows = data_rows(v.form, b)
    if len(rows) < 3:
        return None
    return replace(v, word_split=(rows[len(rows) // 2], b.header, b.first))


def number_column(v: Variant, facts: Facts) -> Variant | None:
    """A 序号 column at the left of the sheet, numbering the indicator rows."""
    b = block(v.form)
    if b is None:
        return None
    numbers = {r: str(n) for n, r in enumerate(data_rows(v.form, b), 1)}
    return _with(v, insert_column(v.form, 0, lambda r: "序号" if r == b.header else numbers.get(r, "")))


def year_end_columns(v: Variant, facts: Facts) -> Variant | None:
    """Two columns at the right of the indicator block headed 实际完成值 | 未达到指标值原因 and left blank in
    every row, the level-1 column headed 一级目标: a target table printed for the year's end to be filled
    in later, as 韶关's 转移支付 目标表 is (blackcurrantstudio.com/zdlyxxgk/dzjg/lcsczj/czysjshsgjfgk/czzxxx/
    content/post_2231307.html, a copy of a 乐昌市财政局 page; tests/forms_layouts/l19)."""
    b = block(v.form)
    if b is None:
        return None
    renamed = _rename(v, {"level1": "一级目标"}) or v
    form = renamed.form
    at = max(b.columns.values()) + 1
    for word in ("未达到指标值原因", "实际完成值"):
        form = insert_column(form, at, lambda r, word=word: word if r == b.header else "")
    return _with(v, form)


def levelled_units(v: Variant, facts: Facts) -> Variant | None:
    """The 主管部门 label named 「县级主管部门」 with a 「市级主管部门」 row above it naming the 市's bureau, as
    汉阴县's 转移支付 目标表 prints its units (www.hanyin.gov.cn/Content-2392921.html, tests/forms_targets/t15):
    the department is still the 县级 one, the nearer level."""
    labels = ("主管部门", "主管部门及代码", "主管部门及编码", "主管部门及其编码", "项目主管部门")
    return _with(v, levelled_row(v.form, lambda t: _word(t) in labels, lambda t: f"县级{t}",
                                 ("市级主管部门", "市人力资源和社会保障局"), below=False))


def autonomous_region_units(v: Variant, facts: Facts) -> Variant | None:
    """The units as 宁夏's 自治区 转移支付 form prints them (原州区农技中心 2022, bigxun.com/view/1651813082920488962;
    tests/forms/variants.py autonomous_region_levels for the 自评表): the 主管部门 label named 「市县主管部门」 under a
    「自治区主管部门」 row, and the 实施单位 label and its value joined with the 项目负责人's by a slash (「实施单位/项目负责人 |
    X/杨勃兴」). The department is still the 市县 one, the implementer X."""
    labels = ("主管部门", "主管部门及代码", "主管部门及编码", "主管部门及其编码", "项目主管部门")
    form = levelled_row(v.form, lambda t: _word(t) in labels, lambda t: f"市县{t}",
                        ("自治区主管部门", "自治区人力资源和社会保障厅"), below=False)
    units = ("实施单位", "项目实施单位", "项目执行单位", "项目单位")
    cell = next(((r, c) for r, row in enumerate(form.rows) for c, t in enumerate(row) if _word(t) in units), None) if form else None
    value = next((k for k in range(cell[1] + 1, form.width) if form.rows[cell[0]][k].strip()), None) if form and cell else None
    if form is None or cell is None or value is None or _word(form.rows[cell[0]][value]) in labels or "/" in form.rows[cell[0]][value]:
        return None
    form = edit_cells(form, [cell], lambda t: f"{t.strip()}/项目负责人", as_text=False)
    return _with(v, edit_cells(form, [(cell[0], value)], lambda t: f"{t.strip()}/杨勃兴", as_text=False))


def _all(*steps: Transform) -> Transform:
    def composed(v: Variant, facts: Facts) -> Variant | None:
        applied = 0
        for step in steps:
            changed = step(v, facts)
            if changed is not None:
                v, applied = changed, applied + 1
        return v if applied >= len(steps) - 1 else None

    composed.__doc__ = "Several at once, as one province's form differs in several ways: " + \
        ", ".join(step.__name__ for step in steps) + " (at most one of them not applying)."
    return composed


province_a = _all(vocabulary_target_a, target_moved, lines_above, lines_below, amounts_with_unit)
province_b = _all(header_levels_spanned, fullwidth_digits, spacer_columns, cover_sheets, line_breaks)
province_a.__name__, province_b.__name__ = "province_a", "province_b"

TRANSFORMS: dict[str, Transform] = {f.__name__: f for f in (
    target_moved, sign_after_value, vocabulary_target_a, vocabulary_target_b, vocabulary_name, vocabulary_sign,
    vocabulary_direction,
    header_levels_spanned, header_values_spanned, spacer_rows, spacer_columns, lines_above, lines_below,
    cover_sheets, word_note_table, fullwidth_digits, numbers_as_text, amounts_with_unit, line_breaks,
    word_table_split, number_column, year_end_columns, levelled_units, autonomous_region_units, province_a,
    province_b,
)}
"""Name (the test id) → transformation; the docstring of each says what real forms do."""

ONLY = {"cover_sheets": ("xlsx",), "numbers_as_text": ("xlsx",), "word_note_table": ("docx",),
        "word_table_split": ("docx",)}
"""Transformations of one file kind only (Word has no sheets and no cell types, Excel no page breaks)."""
