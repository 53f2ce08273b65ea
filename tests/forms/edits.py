"""Edits units make when they fill in or re-save a form, each a function from a transcribed form to a
changed form that says the same thing, for metamorphic import tests (tests/test_import_variants_edits.py).

Unlike tests/forms/variants.py (layouts of other provinces, each compared with a golden file), an edit
here is compared with the import of the form itself: whatever the importer reads from the form as
transcribed, it must read from the edited form too (a blank column, 「分」 after a score, 一级指标
repeated on every row instead of merged down, the sheet renamed ... change nothing a form says). So
every transcribed 自评表 and 目标表 (tests/forms, tests/forms_targets, tests/forms_layouts) is tried,
golden file or not.

The indicator block is located with this module's own word list, never with the importer's. An edit
returns None where it does not apply to a form (no merged 一级指标 to unmerge, no sign column).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from forms.make import Form
from forms.variants import Variant, edit_cells, insert_column, insert_rows, squeeze

HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标", "一级目标"),
    "level2": ("二级指标",),
    "name": ("三级指标", "指标名称", "指标内容"),
    "sign": ("指标性质", "符号"),
    "target": ("年度指标值", "指标值", "目标值", "年初目标值(A)", "预期指标值(A)", "指标值(A)", "绩效目标值"),
    "measure": ("度量单位", "计量单位"),
    "weight": ("分值", "权重", "指标权重", "参考分值", "指标分值"),
    "actual": ("实际完成值", "全年实际值", "完成值", "全年完成值", "全年实际完成值", "实际完成值(B)",
               "全年实际值(B)", "实际完成指标值(B)"),
    "score": ("得分", "自评得分"),
}
"""Header words the transcribed forms print, by what the column holds (compared without spaces)."""

_WORD = {squeeze(w): key for key, words in HEADER_WORDS.items() for w in words}


def _key(text: str) -> str | None:
    return _WORD.get(squeeze(text).replace("（", "(").replace("）", ")"))


def header(form: Form) -> tuple[int, dict[str, int]] | None:
    """(row, columns by key) of the first row naming the indicator column and one figure column."""
    for h, row in enumerate(form.rows):
        columns: dict[str, int] = {}
        for c, text in enumerate(row):
            key = _key(text)
            if key and key not in columns:
                columns[key] = c
        if "name" in columns and ({"target", "weight", "score"} & set(columns)):
            return h, columns
    return None


def body(form: Form, h: int, columns: dict[str, int]) -> list[int]:
    """The rows under the header that name an indicator (a second header row is not one)."""
    c = columns["name"]
    return [r for r in range(h + 1, len(form.rows)) if form.rows[r][c].strip() and _key(form.rows[r][c]) is None
            and not any(r0 < r <= r1 and c0 <= c <= c1 for r0, c0, r1, c1 in form.merges)]


def _v(form: Form | None, **kw: object) -> Variant | None:
    return None if form is None else Variant(form, **kw)  # type: ignore[arg-type]


def _covered(form: Form) -> set[tuple[int, int]]:
    return {(r, c) for r0, c0, r1, c1 in form.merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
            if (r, c) != (r0, c0)}


# --------------------------------------------------------------------------- around the table

def blank_rows_and_columns(form: Form) -> Variant | None:
    """An empty row at the top and above the indicator header, an empty column left and right of the form."""
    found = header(form)
    if found is None:
        return None
    h, _ = found
    if any(r0 < h <= r1 for r0, c0, r1, c1 in form.merges):
        h = min(r0 for r0, c0, r1, c1 in form.merges if r0 < h <= r1)  # above the side label merged into it
    form = insert_rows(form, h, [[]])
    form = insert_rows(form, 0, [[]])
    form = insert_column(form, form.width)
    return _v(insert_column(form, 0))


def title_and_notes_rows(form: Form) -> Variant | None:
    """A title row across the sheet above the form and a 注 row across it below."""
    form = insert_rows(form, 0, [["项目支出绩效表"]], full_width=True)
    return _v(insert_rows(form, len(form.rows), [["注：本表由项目实施单位填报，指标值按批复的绩效目标填写。"]], full_width=True))


def signature_rows(form: Form) -> Variant | None:
    """填表人 / 联系电话 / 审核人 in cells of their own under the table, then the signature and seal row."""
    w = form.width
    if w < 6:
        return None
    people = ["填表人：", "张某某", "联系电话：", "0745-1234567", "审核人：", "李某某"]
    seal = ["单位负责人（签字）：", "", "", "（单位盖章）"]
    form = insert_rows(form, len(form.rows), [[], people[:w], seal[:w]])
    return _v(form)


def sheet_renamed(form: Form) -> Variant | None:
    """Excel: the sheet named as the unit saved it."""
    return _v(replace(form, meta={**form.meta, "sheet": "附件2 自评表（定稿）"}))


def after_instructions_sheet(form: Form) -> Variant | None:
    """Excel: the form on the second sheet, after a 填表说明 sheet."""
    return _v(form, sheets_before=[("填表说明", ["填表说明：", "1.“指标值”按批复的绩效目标填写。",
                                               "2.金额单位为万元，保留两位小数。", "3.请勿改动表格格式。"])])


# --------------------------------------------------------------------------- money

_UNIT_STATED = re.compile(r"(?:金额)?单位\s*[:：]\s*万元")
_AMOUNT_HEAD = re.compile(r"预算数|执行数|预算申[报请]数|资金总额|年度金额|到位数|^金额$|^合计$")
_PLAIN = re.compile(r"^\d[\d,]*(?:\.\d+)?$")


def _unit_cell(form: Form) -> tuple[int, int] | None:
    hits = [(r, c) for r, row in enumerate(form.rows) for c, t in enumerate(row) if _UNIT_STATED.search(squeeze(t))]
    return hits[0] if len(hits) == 1 else None


def _amount_header(form: Form, stop: int) -> tuple[int, list[int]] | None:
    for r in range(stop):
        cols = [c for c, t in enumerate(form.rows[r]) if _AMOUNT_HEAD.search(squeeze(t)) and "率" not in t
                and len(squeeze(t)) <= 12]
        if cols:
            return r, cols
    return None


def _unit_and_amounts(form: Form) -> tuple[tuple[int, dict[str, int]], tuple[int, int], tuple[int, list[int]]] | None:
    """The indicator header, the 「单位：万元」 cell above it and the budget table's amount header
    (its row and columns); None when the form has not all three in that order."""
    found, cell = header(form), _unit_cell(form)
    if found is None or cell is None or cell[0] >= found[0]:
        return None
    heads = _amount_header(form, found[0])
    return None if heads is None else (found, cell, heads)


def unit_into_header(form: Form) -> Variant | None:
    """「单位：万元」 taken out of its own cell and written into the amount headers: 「全年预算数（万元）」."""
    placed = _unit_and_amounts(form)
    if placed is None:
        return None
    _, cell, heads = placed
    r, c = cell
    text = _UNIT_STATED.sub("", form.rows[r][c].replace(" ", "")).strip()
    form = edit_cells(form, [cell], lambda t: text, as_text=False)
    return _v(edit_cells(form, [(heads[0], k) for k in heads[1]], lambda t: f"{t}（万元）", as_text=False))


def amounts_in_yuan(form: Form) -> Variant | None:
    """The money typed in 元 (every amount ten thousand times the 万元 figure), the unit stated 「单位：元」."""
    placed = _unit_and_amounts(form)
    if placed is None:
        return None
    found, cell, (r0, cols) = placed
    cells = [(r, c) for r in range(r0 + 1, found[0]) for c in cols if _PLAIN.match(form.rows[r][c].strip())]
    if not cells:
        return None

    def yuan(text: str) -> str:
        return f"{Decimal(text.replace(',', '')).scaleb(4).normalize():f}"

    form = edit_cells(form, cells, yuan, as_text=False)
    return _v(edit_cells(form, [cell], lambda t: t.replace("万元", "元"), as_text=False))


# --------------------------------------------------------------------------- how cells are typed

_FULL_FIGURE = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
_FULL_BRACKET = str.maketrans("()", "（）")
_FIGURE = re.compile(r"^\s*[≥≤>=<＝]*\s*\d[\d,]*(?:\.\d+)?\s*%?\s*$")


def fullwidth_characters(form: Form) -> Variant | None:
    """Typed in full-width mode: figures ９５％ in the indicator block, brackets （） everywhere."""
    found = header(form)
    if found is None:
        return None
    h, cols = found
    figures = [(r, cols[k]) for r in body(form, h, cols) for k in ("target", "actual", "weight", "score")
               if k in cols and _FIGURE.match(form.rows[r][cols[k]])]
    brackets = [(r, c) for r, row in enumerate(form.rows) for c, t in enumerate(row) if "(" in t or ")" in t]
    form = edit_cells(form, figures, lambda t: t.translate(_FULL_FIGURE))
    return _v(edit_cells(form, brackets, lambda t: t.translate(_FULL_BRACKET), as_text=False)) if figures else None


_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def points_suffix(form: Form) -> Variant | None:
    """Weights and scores typed with 「分」: 「10分」, 「9.5分」."""
    found = header(form)
    if found is None or not {"weight", "score"} & set(found[1]):
        return None
    h, cols = found
    cells = [(r, cols[k]) for r in body(form, h, cols) for k in ("weight", "score")
             if k in cols and _NUMBER.match(form.rows[r][cols[k]].strip())]
    return _v(edit_cells(form, cells, lambda t: f"{t.strip()}分")) if cells else None


def weights_percent(form: Form) -> Variant | None:
    """Weights typed as percentages (「10%」) where they add up to 100."""
    found = header(form)
    if found is None or "weight" not in found[1]:
        return None
    h, cols = found
    c = cols["weight"]
    cells = [(r, c) for r in body(form, h, cols) if _NUMBER.match(form.rows[r][c].strip())]
    try:
        total = sum((Decimal(form.rows[r][c]) for r, c in cells), Decimal(0))
    except InvalidOperation:  # pragma: no cover - _NUMBER admits only numbers
        return None
    if not cells or total != 100:
        return None
    return _v(edit_cells(form, cells, lambda t: f"{t.strip()}%"))


def header_spaces(form: Form) -> Variant | None:
    """Header labels spaced out to fill their cell (「指 标 值」, 「项 目 名 称」) and long ones wrapped."""
    found = header(form)
    if found is None:
        return None
    h, cols = found
    covered = _covered(form)
    labels = [(h, c) for c in cols.values()]
    labels += [(r, c) for r in range(h) for c, t in enumerate(form.rows[r]) if (r, c) not in covered
               and squeeze(t) in ("项目名称", "主管部门", "实施单位", "年度总体目标", "项目资金")]

    def spaced(text: str) -> str:
        word = squeeze(text)
        if len(word) <= 5 and all("\u4e00" <= ch <= "\u9fff" for ch in word):
            return " ".join(word)
        half = len(word) // 2
        return word[:half] + "\n" + word[half:] if "(" not in word and "（" not in word else text

    return _v(edit_cells(form, labels, spaced, as_text=False))


# --------------------------------------------------------------------------- levels

def _level_merges(form: Form, h: int, cols: dict[str, int]) -> list[tuple[int, int, int, int]]:
    level_cols = {cols[k] for k in ("level1", "level2") if k in cols}
    return [m for m in form.merges if m[0] > h and m[1] == m[3] and m[1] in level_cols and m[2] > m[0]]


def _unmerge_levels(form: Form, fill: bool) -> Form | None:
    found = header(form)
    if found is None:
        return None
    merges = _level_merges(form, *found)
    if not merges:
        return None
    rows = [list(r) for r in form.rows]
    for r0, c, r1, _ in merges:
        for r in range(r0 + 1, r1 + 1):
            rows[r][c] = rows[r0][c] if fill else ""
    return replace(form, rows=rows, merges=[m for m in form.merges if m not in merges])


def levels_repeated(form: Form) -> Variant | None:
    """一级/二级指标 typed on every row instead of merged down."""
    return _v(_unmerge_levels(form, fill=True))


def levels_blank_below(form: Form) -> Variant | None:
    """一级/二级指标 typed on the first row of their group, the cells below left blank and not merged."""
    return _v(_unmerge_levels(form, fill=False))


def levels_merged(form: Form) -> Variant | None:
    """一级/二级指标 repeated on every row merged down over their group, as Excel's 「合并后居中」 does."""
    found = header(form)
    if found is None:
        return None
    h, cols = found
    rows = [list(r) for r in form.rows]
    covered = _covered(form)
    named = body(form, h, cols)
    merges = []
    for key in ("level1", "level2"):
        c = cols.get(key)
        if c is None:
            continue
        r = 0
        while r < len(named):
            k = r
            while k + 1 < len(named) and named[k + 1] == named[k] + 1 and rows[named[k + 1]][c] == rows[named[r]][c] \
                    and rows[named[r]][c] and (named[k + 1], c) not in covered:
                k += 1
            if k > r and (named[r], c) not in covered:
                merges.append((named[r], c, named[k], c))
                for x in range(r + 1, k + 1):
                    rows[named[x]][c] = ""
            r = k + 1
    if not merges:
        return None
    return _v(replace(form, rows=rows, merges=[*form.merges, *merges]))


# --------------------------------------------------------------------------- goal, signs

_GOAL_LABEL = re.compile(r"^(?:年度总体目标|年度目标|总体目标|年度绩效目标|绩效目标|预期目标|年初设定目标)$")
_BREAK = re.compile(r"[。；;]")
_COMMA = re.compile(r"[，,、]")


def goal_in_two_cells(form: Form) -> Variant | None:
    """The 年度总体目标 text typed in two cells, one under the other, cut at a sentence's end (else at a comma,
    else in its middle, never inside a figure): the unit pasted its goal in two parts. Beside its label, the
    label is merged down over both; under its label (the MoF 目标表's 「总体目标 | 年度目标」 over the text), the
    side label and the cells beside the text are."""
    found = header(form)
    stop = found[0] if found else len(form.rows)
    covered = _covered(form)
    labels = [(r, c) for r in range(stop) for c, t in enumerate(form.rows[r]) if _GOAL_LABEL.match(squeeze(t))]
    goal = None
    for r, c in labels:
        for rr, cc in [*(((r, k) for k in range(c + 1, form.width)) if r else ()), *([(r + 1, c)] if r + 1 < stop else [])]:
            text = form.rows[rr][cc]
            if (rr, cc) not in covered and len(squeeze(text)) >= 16 and not _GOAL_LABEL.match(squeeze(text)) \
                    and not re.search(r"目标(?:[(（]|$)", squeeze(text)):  # 「中期滚动目标(2019年--2021年)」 is a label
                goal = (rr, cc)
                break
        if goal:
            break
    if goal is None:
        return None
    g, c = goal
    text = form.rows[g][c]
    cuts = [m.end() for m in _BREAK.finditer(text) if 4 <= m.end() <= len(text) - 4] or [
        m.end() for m in _COMMA.finditer(text) if 4 <= m.end() <= len(text) - 4]
    at = len(text) // 2
    while 0 < at < len(text) - 1 and text[at - 1].isascii() and text[at - 1].isalnum() and text[at].isascii() \
            and text[at].isalnum():
        at += 1  # 「投资500」 is not cut into 「投资5」 and 「00」
    at = min(cuts, key=lambda n: abs(n - len(text) // 2)) if cuts else at
    own = next(((r0, c0, r1, c1) for r0, c0, r1, c1 in form.merges if (r0, c0) == (g, c)), (g, c, g, c))
    if own[2] != g:
        return None  # a text merged down over several rows: no room to cut it in two without reshaping the form
    merges = []
    for r0, c0, r1, c1 in form.merges:
        if r0 > g:
            merges.append((r0 + 1, c0, r1 + 1, c1))
        elif (r0, c0, r1, c1) == own:
            merges += [own, (g + 1, c0, g + 1, c1)]
        elif r1 >= g:
            merges.append((r0, c0, r1 + 1, c1))
        else:
            merges.append((r0, c0, r1, c1))
    inside = {(g, k) for r0, c0, r1, c1 in merges if r0 <= g <= r1 for k in range(c0, c1 + 1)}
    merges += [(g, k, g + 1, k) for k in range(form.width) if (g, k) not in inside]
    new = [""] * form.width
    new[c] = text[at:]
    rows = [list(r) for r in form.rows]
    rows[g][c] = text[:at]
    rows.insert(g + 1, new)
    cells = {(r + 1 if r > g else r, k) for r, k in form.text_cells}
    return _v(replace(form, rows=rows, merges=merges, text_cells=cells))


_SIGN = re.compile(r"^\s*(≥|≤|=|＝|>|<|＞|＜)\s*")


def _without_column(form: Form, col: int) -> Form | None:
    if any(c0 == col < c1 and form.rows[r0][c0] for r0, c0, r1, c1 in form.merges):
        return None  # a text would go with the column
    rows = [[t for c, t in enumerate(row) if c != col] for row in form.rows]
    merges = [(r0, c0 - (c0 > col), r1, c1 - (c1 >= col)) for r0, c0, r1, c1 in form.merges if not c0 == c1 == col]
    merges = [m for m in merges if m[3] >= m[1] and (m[2] > m[0] or m[3] > m[1])]
    cells = {(r, c - (c > col)) for r, c in form.text_cells if c != col}
    return replace(form, rows=rows, merges=merges, text_cells=cells)


def sign_into_value(form: Form) -> Variant | None:
    """No 指标性质 column: its ≥ ≤ = written before the figure in 指标值 (「≥95」)."""
    found = header(form)
    if found is None or not {"sign", "target"} <= set(found[1]):
        return None
    h, cols = found
    s, t = cols["sign"], cols["target"]
    if any(form.rows[r][s].strip() for r in range(h)):
        return None  # the column holds the money table's cells above the indicators: deleting it changes them
    rows = [list(r) for r in form.rows]
    signed = 0
    for r in body(form, h, cols):
        sign = rows[r][s].strip()
        if _SIGN.fullmatch(sign) and re.match(r"\s*\d", rows[r][t]):
            rows[r][t] = sign + rows[r][t].strip()
            signed += 1
        elif sign and sign not in ("定量", "定性"):
            return None  # a sign 指标值 could not carry (「不低于」 stays in its column here)
    if not signed:
        return None
    cells = {(r, c) for r, c in form.text_cells} | {(r, t) for r in body(form, h, cols)}
    return _v(_without_column(replace(form, rows=rows, text_cells=cells), s))


def sign_in_own_column(form: Form) -> Variant | None:
    """A 指标性质 column before 指标值 holding the ≥ ≤ = the unit had typed before the figures."""
    found = header(form)
    if found is None or "sign" in found[1] or "target" not in found[1]:
        return None
    h, cols = found
    t = cols["target"]
    named = body(form, h, cols)
    if not any(_SIGN.match(form.rows[r][t]) and re.search(r"\d", form.rows[r][t]) for r in named):
        return None
    if any(c0 < t <= c1 for r0, c0, r1, c1 in form.merges if r0 <= h <= r1 or r0 > h):
        return None
    form = insert_column(form, t, lambda r: "指标性质" if r == h else "")
    rows = [list(r) for r in form.rows]
    for r in named:
        found_sign = _SIGN.match(rows[r][t + 1])
        if found_sign and re.search(r"\d", rows[r][t + 1]):
            rows[r][t] = found_sign[1]
            rows[r][t + 1] = rows[r][t + 1][found_sign.end():]
    return _v(replace(form, rows=rows, text_cells=form.text_cells | {(r, t + 1) for r in named}))


Edit = Callable[[Form], Variant | None]

EDITS: dict[str, Edit] = {f.__name__: f for f in (
    blank_rows_and_columns, title_and_notes_rows, signature_rows, sheet_renamed, after_instructions_sheet,
    unit_into_header, amounts_in_yuan, fullwidth_characters, points_suffix, weights_percent, header_spaces,
    levels_repeated, levels_blank_below, levels_merged, goal_in_two_cells, sign_into_value, sign_in_own_column,
)}
"""Name (the test id) → edit; each docstring says what a unit does."""

ONLY = {"sheet_renamed": ("xlsx",), "after_instructions_sheet": ("xlsx",)}
"""Edits of one file kind only (Word has no sheets)."""
