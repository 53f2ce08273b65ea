"""A system's export of the year's 绩效目标 of many programmes: one sheet, one row per indicator.

The 一体化系统 prints 年度 | 项目编码 | 项目名称 | 主管部门 | 年度目标 | 一级指标 … 指标值 | 度量单位 with the
programme's columns repeated on every row and no 实际完成值 or 得分. Read as a department's target list
(`target_form`), each row repeating the 项目名称 began a form of its own, and the 年度 column was not read:
every row failed with 「找不到评价年度」. Here the rows are grouped as `bulk.group` groups a 自评 export
(by 年度 + 项目编码, else 项目名称 + 主管部门 + 年度, disagreeing repeated cells an error of that programme)
and each programme's rows are read by the single 目标表's row reader (`target_form.read_row`), so a
programme gets the same reading and notes as its own 目标表 would.

Only a sheet whose header names a 年度 or 项目编码 column is taken: a department's own list (单位名称 |
项目名称 | 预算数 on a programme's first row, merged down) names neither and stays `target_form`'s.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from perfsite.importing.assemble import Draft, Hints
from perfsite.importing.bulk import (
    CODE_HEADERS,
    DIRECTION_HEADERS,
    DIRECTIONS,
    HEADER_SCAN,
    Columns,
    Programme,
    Sheet,
    directed,
    group,
    row_ranges,
    sheet_department,
    short_codes_note,
    stated_unit,
    title_year_note,
)
from perfsite.importing.grid import OWN, Cell, Grid, flat
from perfsite.importing.labels import bare, match
from perfsite.importing.target_form import (
    FACTS,
    IGNORED_COLUMNS,
    SELF_EVALUATION,
    SIGN_CELL,
    SPANNING,
    TARGET_CELL,
    Scan,
    TargetForm,
    assemble_targets,
    closing_notes,
    column_of,
    read_row,
    row_sign,
)
from perfsite.opendata.parts import column_letter
from perfsite.values import parse_value

PROGRAMME_COLUMNS = {"programme": "name", "unit": "implementer", "amount": "amount",
                     "annual_goal": "annual_goal", "midterm_goal": "midterm_goal"}
"""`target_form` column keys that are the programme's, repeated on its rows → the key a form keeps them under."""


@dataclass
class _Header:
    row: int
    columns: Columns
    height: int = 1
    """Rows the header takes: two or three when group labels stand over the columns."""
    year_end: list[int] = field(default_factory=list)
    """Columns a 自评 fills (实际完成值, 偏差原因): a 目标表 export may print them and leave every row blank."""


_DEPARTMENT_CODES = frozenset(dict(FACTS)["department_code"])


def _columns(cells: list[str]) -> Columns:
    """Header cells → keys: the single 目标表's column words (`target_form.column_of`), then its facts'
    labels (年度, 主管部门), and the export's 项目编码."""
    columns = Columns(headers=[flat(cell) for cell in cells])
    for c, raw in enumerate(cells):
        text = unicodedata.normalize("NFKC", raw).strip()
        if not text:
            continue
        key = column_of(text)
        if bare(text) in CODE_HEADERS:
            taken, key = columns.programme, "code"
        elif bare(text) in _DEPARTMENT_CODES:  # `match` reads 「部门编码」 as 部门: the code took the name's place
            taken, key = columns.programme, "department_code"
        elif key == "ignored":
            continue
        elif key is not None:
            taken, key = (columns.programme, PROGRAMME_COLUMNS[key]) if key in PROGRAMME_COLUMNS else (columns.indicator, key)
        elif (key := match(text, FACTS, whole=True)) is not None:
            taken = columns.programme
        else:
            columns.unknown.append(c)
            continue
        if key in taken:
            columns.unknown.append(c)
        else:
            taken[key] = c
    return columns


def _header(rows: list[list[str]]) -> _Header | None:
    """The export's header among the first rows: one row, or two or three when group labels stand over
    the columns (「年度指标值」 over 「指标性质 | 指标值 | 度量单位」, 「项目信息」 over 项目编码 and 项目名称),
    each column named by its lowest label, a label merged down (项目名称 over all the rows) by its own."""
    for r in range(min(len(rows), HEADER_SCAN)):
        for height in (3, 2, 1):
            cells = _stacked(rows[r:r + height]) if height > 1 else rows[r]
            if cells is None or len(rows) < r + height:
                continue
            columns = _columns(cells)
            if ("name" in columns.programme and ("code" in columns.programme or "year" in columns.programme)
                    and {"name", "target"} <= columns.indicator.keys()):
                year_end = sorted({c for row in rows[r:r + height] for c, cell in enumerate(row)
                                   if cell and SELF_EVALUATION.search(bare(cell))})
                return _Header(r, columns, height, year_end)
    return None


def _header_word(text: str) -> bool:
    """Whether a header cell names a column of an export (a 目标表's, 年度, 主管部门, 项目编码) or spans some."""
    word = bare(text)
    return bool(column_of(text) or word in SPANNING or word in CODE_HEADERS or match(text, FACTS, whole=True))


def _stacked(rows: list[list[str]]) -> list[str] | None:
    """The header rows `rows` as one row, each column's lowest text, when every row under the first holds
    only column words (a data row never does); None otherwise."""
    cells = list(rows[0])
    if not any(column_of(t) or bare(t) in SPANNING for t in cells if t):
        return None  # a title or a 填报单位 line above the header
    for lower in rows[1:]:
        texts = [t for t in lower if t]
        if len(texts) < 2 or not all(_header_word(t) for t in texts):
            return None
        width = max(len(cells), len(lower))
        cells = [(lower[c] if c < len(lower) else "") or (cells[c] if c < len(cells) else "") for c in range(width)]
    return cells


def export_targets(grids: list[Grid]) -> Scan | None:
    """The forms of every sheet that is a system's 绩效目标 export, one per programme; None when none is.
    A system exporting a 财政局's year may give each department a sheet: read as the first sheet alone,
    the other departments' programmes would be lost unsaid."""
    found = Scan()
    for grid in grids:  # every file read as a form comes here: its first rows only, unless they are such a header
        header = _header([_texts(row) for row in grid.rows[:HEADER_SCAN]])
        if header is not None and (scan := _forms(grid, [_texts(row) for row in grid.rows], header)).forms:
            found.forms += scan.forms
            found.used |= scan.used
    return found if found.forms else None


def sheet_targets(sheet: Sheet) -> Scan | None:
    """The forms of an export's sheet (`bulk.read_sheets`) that is a system's 绩效目标 export, one per
    programme; None when it is none. A sheet too big to be read as a form (`pipeline.FORM_SHEET_BYTES`)
    comes to `bulk` first, which would read a 目标表 export's rows as 自评 rows with no 实际完成值."""
    header = _header(sheet.rows[:HEADER_SCAN])
    if header is None or _evaluated(sheet.rows, header):  # a 自评 export, read as one before any cell is made
        return None
    grid = Grid(sheet.label, [[Cell(text, OWN, f"{column_letter(c)}{r + 1}") for c, text in enumerate(row)]
                              for r, row in enumerate(sheet.rows)], notes=list(sheet.notes))
    scan = _forms(grid, sheet.rows, header)
    return scan if scan.forms else None


def _texts(row: list[Cell]) -> list[str]:
    """A row's cells as an export's sheet holds them: a merged cell's text in its first cell only (`bulk.group`
    reads the blanks under a merged 项目名称 as that programme's rows)."""
    return [cell.text if cell.merged == OWN else "" for cell in row]


def _evaluated(rows: list[list[str]], header: _Header) -> bool:
    """Whether a row under the header fills a 自评 column (stops at the first)."""
    body = range(header.row + header.height, len(rows))
    return any(c < len(rows[r]) and rows[r][c] for r in body for c in header.year_end)


def _forms(grid: Grid, rows: list[list[str]], header: _Header) -> Scan:
    """The programmes' forms; none when a 自评 column (实际完成值, 偏差原因) is filled on any row: a 自评 export,
    `bulk`'s to read. Left blank on every row, the columns are a 目标表's year-end columns, said and unread:
    taken for a 自评 export by its header words alone, the sheet would go to the single 目标表's reader, which
    takes each row for a form of its own (all but the first refused as the same programme)."""
    columns = header.columns
    if _evaluated(rows, header):
        return Scan()
    above = [" ".join(c for c in rows[r] if c) for r in range(header.row)]
    sheet = Sheet(grid.label, rows, grid.label, header.row, header.height, columns, titles=[t for t in above if t])
    notes: list[str] = []
    programmes = group(sheet, notes, by_year=True)
    if note := title_year_note(sheet, programmes):
        notes.append(note)
    notes += [note for key in ("code", "department_code") if (note := short_codes_note(sheet, programmes, key))]
    if note := sheet_department(sheet, grid.label.removeprefix("工作表「").removesuffix("」"), programmes):
        notes.append(note)
    scan = Scan()
    scan.used |= {(grid.label, r, c) for r in range(header.row + header.height) for c in range(grid.width)}
    mapped = [*columns.programme.values(), *columns.indicator.values()]
    unit, unit_note = stated_unit(grid.label, above, columns)
    notes += [unit_note] if unit_note else []
    headers = {key: columns.headers[c] for key, c in columns.indicator.items()}
    filled: list[str] = []
    for programme in programmes:
        scan.forms.append(_form(grid, programme, columns, unit, headers, filled))
        scan.used |= {(grid.label, r, c) for r in programme.rows for c in mapped}
    by = "按年度和项目编码" if "code" in columns.programme else "按项目名称、主管部门和年度"
    rows_said = (f"第 {header.row + 1} 行" if header.height == 1
                 else f"第 {header.row + 1}–{header.row + header.height} 行")
    said = [f"{grid.label}是系统导出的绩效目标表（每行一个指标，{rows_said}是表头）：{by}分为 "
            f"{len(programmes)} 个项目，各自导入为一个绩效目标表（{len(programmes)} 个文件）"]
    direction = _direction(columns)
    signs = "正向（越大越好）为 ≥，反向（越小越好）为 ≤"
    if direction is not None and "sign" not in columns.indicator:
        said.append(f"{grid.label} {column_letter(direction)} 列「{columns.headers[direction]}」读作指标值的符号："
                    f"{signs}；指标值前已有符号的，按指标值的符号")
    elif filled and direction is not None:  # rows filled from the direction: there is one
        said.append(f"{grid.label}有 {len(filled)} 行的「{columns.headers[columns.indicator['sign']]}」一格空着"
                    f"（{'、'.join(filled[:3])}{'等' if len(filled) > 3 else ''}），按 {column_letter(direction)} 列"
                    f"「{columns.headers[direction]}」读符号：{signs}，请核对")
    used = direction is not None and ("sign" not in columns.indicator or bool(filled))
    said += [f"{grid.label}「{word}」一列未导入：{why}" for word, why in IGNORED_COLUMNS.items()
             if any(bare(text) == word for text in columns.headers)
             and not (used and direction is not None and word == bare(columns.headers[direction]))]
    if header.year_end:
        columns.unknown[:] = [c for c in columns.unknown if c not in header.year_end]
        said.append(f"{grid.label}" + "、".join(f"{column_letter(c)} 列「{columns.headers[c]}」" for c in header.year_end)
                    + "各行都是空的（绩效目标表不填年底的完成情况），未导入")
    if columns.unknown:
        said.append(f"{grid.label}未识别的列（未导入）：" + "、".join(f"{column_letter(c)} 列「{columns.headers[c]}」"
                                                         for c in columns.unknown))
    if scan.forms:
        scan.forms[0].notes[:0] = [*said, *notes]
    return scan


def _form(grid: Grid, programme: Programme, columns: Columns, unit: str, headers: dict[str, str],
          filled: list[str]) -> TargetForm:
    """One programme's rows as the single 目标表's reader reads its indicator rows; `filled` gains the
    指标性质 cells left blank whose sign the 指标方向 gave."""
    form = TargetForm(programme.where(), table=grid.label, start=programme.rows[0], titles=list(programme.sheet.titles))
    values = {key: flat(text) for key, (text, _) in programme.values.items()}
    form.facts = {key: text for key, text in values.items() if key not in ("amount", "annual_goal", "midterm_goal")}
    if unit:
        form.facts.setdefault("unit_of_money", unit)
    if values.get("amount"):
        form.funds = [("total", columns.headers[columns.programme["amount"]], values["amount"])]
    form.goals = {key: programme.values[key][0].strip() for key in ("midterm_goal", "annual_goal") if values.get(key)}
    form.span = row_ranges(programme.rows)
    form.conflicts = ["；".join(programme.errors)] if programme.errors else []
    above: dict[str, str] = {}
    direction = _direction(columns)
    for r in programme.rows:
        count = len(form.rows)
        read_row(grid, r, columns.indicator, above, form)
        if direction is None or len(form.rows) == count:
            continue
        way = grid.cell(r, direction)
        if directed(form.rows[-1], way.own):  # its sign set, a blank 指标性质 draws no 「按 ≥ 读」 note
            if "sign" in columns.indicator:
                filled.append(grid.cell(r, columns.indicator["sign"]).ref)
        elif note := _sign_note(form.rows[-1], way.own, f"{grid.label} {way.ref}"):
            form.notes.append(note)
    closing_notes(grid.label, headers, form)
    return form


def _direction(columns: Columns) -> int | None:
    """The 指标方向 column: the signs where no 指标性质 column gives them, or where its cell is blank."""
    return next((c for c, text in enumerate(columns.headers) if bare(text) in DIRECTION_HEADERS), None)


_OPPOSED = {"≥": ("≤", "<"), "≤": ("≥", ">")}
"""A 指标方向's sign → the signs that say the other way: a 反向 (越小越好) indicator is met at or under its
target, so a ≥ beside it scores a cost ceiling as a floor: one of the two cells is mistyped."""
_SAYS = {"≥": "越大越好，应为 ≥", "≤": "越小越好，应为 ≤"}


def _sign_note(row: dict[str, str], direction: str, at: str) -> str:
    """What the clerk checks on a row whose 指标方向 cell (`at`) gave it no sign (`bulk.directed`), "" when
    nothing. A sign in the 指标性质 cell or before the 指标值 that says the other way from the
    direction is read as printed: it is the comparison the programme set (财预〔2021〕101号's 指标值 with its
    sign, docs/data-format.md), the direction a description of it, and which cell is mistyped only the
    form's owner knows. With no 指标性质 column, a blank 指标方向 beside a bare figure is read as ≥ (the data
    format's default), which the column told every other row: both were silent before."""
    name, target, word = row.get("name", ""), row.get("target", "").strip(), bare(direction)
    sign, sign_at = row_sign(row), row.get(SIGN_CELL)
    if sign and word in DIRECTIONS and sign in _OPPOSED[DIRECTIONS[word]]:
        cell, what = ((sign_at, f"指标性质「{row['sign']}」") if sign_at and row.get("sign")
                      else (row.get(TARGET_CELL, at), f"指标值「{target}」前的符号"))
        return (f"{cell}：指标「{name}」的{what}与 {at} 的指标方向「{direction}」（{_SAYS[DIRECTIONS[word]]}）不一致："
                f"按 {sign} 读入，请对照原表核对哪一格填错了，改正后重新导入")
    if not word and sign_at is None and not sign and parse_value(target).is_number:
        return (f"{at}：指标「{name}」的指标方向一格空着（表中没有指标性质一栏），指标值「{target}」将按 ≥ 读：请对照原表"
                "核对；是反向（越小越好）的指标时，请在这一格填「反向」，或把 ≤ 写在指标值前（如 ≤5元）")
    return ""


def assemble_exported(source: str, form: TargetForm, hints: Hints) -> Draft:
    """`assemble_targets`, the programme's 项目编码 (no key of the data format) said among what was found."""
    draft = assemble_targets(source, form, hints)
    if code := form.facts.get("code", ""):
        draft.found.insert(1, f"项目编码：{code}")
    return draft
