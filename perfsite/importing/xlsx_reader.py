"""Read every sheet of an .xlsx into grids, showing each cell as Excel displays it.

openpyxl gives numbers as binary floats; a clerk published what Excel displayed. So a float is
read through its 15 significant digits (Excel's precision) and rounded only where the cell's
number format fixes the decimals; a ``%`` format turns 0.95 into ``95%``.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from perfsite.importing.grid import ABOVE, LEFT, OWN, Cell, Grid, clean
from perfsite.importing.sniff import ImportFailure

MAX_ROWS, MAX_COLS = 5000, 100
SKIP_SHEETS = {"填写说明", "说明", "使用说明"}
_DECIMALS = re.compile(r"0\.(0+)")


def read_xlsx(path: Path) -> list[Grid]:
    """One grid per sheet (instruction sheets skipped); ImportFailure when it is not a workbook."""
    try:
        book = load_workbook(str(path), data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImportFailure(f"文件已损坏，无法作为 Excel 工作簿打开（{type(exc).__name__}）：请重新导出原件") from exc
    except Exception as exc:  # openpyxl raises many kinds on a damaged package
        raise ImportFailure(f"Excel 工作簿无法读取（{type(exc).__name__}: {exc}）：请在 Excel 中打开并另存后再导入") from exc
    grids = []
    for sheet in book.worksheets:
        if sheet.title.strip() in SKIP_SHEETS:
            continue
        grids.append(_grid(sheet))
    _unsaved_formulas(path, grids)
    return grids


def _unsaved_formulas(path: Path, grids: list[Grid]) -> None:
    """A formula whose result was never saved (a file made by a program, not Excel) reads as empty."""
    try:
        book = load_workbook(str(path), read_only=True, data_only=False)
    except Exception:  # the first load succeeded; this check is only a courtesy
        return
    by_label = {g.label: g for g in grids}
    for sheet in book.worksheets:
        grid = by_label.get(f"工作表「{sheet.title}」")
        if grid is None:
            continue
        for row in sheet.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLS):
            for cell in row:
                if getattr(cell, "data_type", "") == "f" and not grid.cell(cell.row - 1, cell.column - 1).text:
                    grid.notes.append(f"{grid.label} {cell.coordinate} 是公式（{cell.value}），但文件中没有保存计算结果："
                                      "请在 Excel 中打开、保存后再导入")
    book.close()


def _grid(sheet) -> Grid:  # type: ignore[no-untyped-def]
    rows = min(sheet.max_row or 0, MAX_ROWS)
    cols = min(sheet.max_column or 0, MAX_COLS)
    grid = Grid(f"工作表「{sheet.title}」")
    for r in range(1, rows + 1):
        grid.rows.append([Cell(cell_text(sheet.cell(r, c)), OWN, f"{get_column_letter(c)}{r}")
                          for c in range(1, cols + 1)])
    for merged in sheet.merged_cells.ranges:
        top = merged.min_row - 1
        if top >= rows or merged.min_col - 1 >= cols:
            continue
        text = grid.rows[top][merged.min_col - 1].text
        for r in range(merged.min_row, min(merged.max_row, rows) + 1):
            for c in range(merged.min_col, min(merged.max_col, cols) + 1):
                if (r, c) == (merged.min_row, merged.min_col):
                    continue
                kind = ABOVE if r > merged.min_row else LEFT
                grid.rows[r - 1][c - 1] = Cell(text, kind, f"{get_column_letter(c)}{r}")
    return grid


def cell_text(cell) -> str:  # type: ignore[no-untyped-def]
    """What Excel shows in the cell, as text (never through a float's binary digits)."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return number_text(value, cell.number_format or "General")
    return clean(str(value))


def number_text(value: int | float, number_format: str) -> str:
    """``0.95`` with ``0%`` → ``95%``; ``4700.9`` with ``0.00`` → ``4700.90``; General keeps the digits."""
    try:
        number = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return str(value)
    section = number_format.split(";")[0]
    literal = bool(re.search(r'"[^"]*%[^"]*"|\\%', section))  # 0"%" shows 95 as 95%
    section = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", section)  # quoted text, colours, escapes
    percent = "%" in section
    if percent:
        number *= 100
    match = _DECIMALS.search(section)
    places = len(match[1]) if match else (0 if re.search(r"[0#]", section) else None)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        text = f"{number:f}"
    else:
        text = _plain(number)
    return text + ("%" if percent or literal else "")


def _plain(number: Decimal) -> str:
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
