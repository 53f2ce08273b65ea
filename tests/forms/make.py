"""Turn a transcribed form (``form.yaml``) into the .xlsx and the .docx a unit would hand in.

A transcription is the published table as a grid of texts plus its merged ranges; the files are
made from it, never from the golden data file, so the import is tried on what units really send:

- Excel: every cell typed as a clerk types it: a plain number becomes a number shown with the
  printed decimals (``8.00`` → 8 with format ``0.00``), a percentage a fraction with a % format,
  anything else (and every cell named in ``text_cells``) text; merged ranges merged.
- Word: the leading title rows (rows whose only text sits in a full-width merge, or the first
  ``title_rows`` rows) become centred paragraphs above the table, as Word forms are laid out;
  the rest is one table with the same merges; line breaks inside a cell become paragraphs.

Usage: ``python tests/forms/make.py tests/forms/<dir> OUT_DIR`` writes ``<file>.xlsx`` and
``<file>.docx`` into OUT_DIR.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from openpyxl.utils.cell import column_index_from_string, get_column_letter

FORMS = Path(__file__).resolve().parent
_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")
_PERCENT = re.compile(r"^-?\d+(?:\.(\d+))?%$")
_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")


@dataclass
class Form:
    """One transcription: the grid as printed, where it came from, what an auditor concludes."""

    folder: Path
    meta: dict[str, object]
    rows: list[list[str]]
    merges: list[tuple[int, int, int, int]]
    """(first row, first column, last row, last column), zero-based, inclusive."""
    text_cells: set[tuple[int, int]] = field(default_factory=set)

    @property
    def file(self) -> str:
        return str(self.meta.get("file") or self.folder.name)

    @property
    def width(self) -> int:
        return max(len(r) for r in self.rows)

    @property
    def expect(self) -> dict[str, str]:
        value = self.meta.get("expect") or {}
        assert isinstance(value, dict)
        return {str(k): str(v) for k, v in value.items()}


def cell_ref(ref: str) -> tuple[int, int]:
    """``B7`` → (6, 1)."""
    found = _REF.match(ref.strip())
    if not found:
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(found[2]) - 1, column_index_from_string(found[1]) - 1


def load_form(folder: Path) -> Form:
    """Every scalar read as text (BaseLoader): ``8.00`` must stay ``8.00``, not become 8.0."""
    meta = yaml.load((folder / "form.yaml").read_text(encoding="utf-8"), Loader=yaml.CBaseLoader)
    raw_rows = meta.pop("rows")
    for n, row in enumerate(raw_rows, 1):  # `a: b` or `a, b` unquoted in a flow list is no cell text
        bad = [c for c in row if not isinstance(c, str)]
        if bad:
            raise ValueError(f"{folder.name}/form.yaml rows[{n}]: a cell is not text: {bad!r} (quote it)")
    width = max(len(r) for r in raw_rows)
    rows = [[str(c) for c in r] + [""] * (width - len(r)) for r in raw_rows]
    merges = []
    for text in meta.pop("merges", None) or []:
        first, _, last = str(text).partition(":")
        (r0, c0), (r1, c1) = cell_ref(first), cell_ref(last or first)
        merges.append((r0, c0, r1, c1))
    cells = {cell_ref(str(ref)) for ref in meta.pop("text_cells", None) or []}
    return Form(folder, meta, rows, merges, cells)


def forms() -> list[Path]:
    """Folders holding both a transcription and its golden file."""
    return sorted(p.parent for p in FORMS.glob("*/form.yaml") if (p.parent / "golden.yaml").exists())


def _covered(form: Form) -> set[tuple[int, int]]:
    return {(r, c) for r0, c0, r1, c1 in form.merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
            if (r, c) != (r0, c0)}


def title_rows(form: Form) -> int:
    """Leading rows Word shows as paragraphs: one text in a full-width merge (or ``title_rows``)."""
    if "title_rows" in form.meta:
        return int(str(form.meta["title_rows"]))
    full = {r0 for r0, c0, r1, c1 in form.merges if r0 == r1 and c0 == 0 and c1 == form.width - 1}
    n = 0
    while n < len(form.rows) - 1 and n in full:
        n += 1
    return n


# --------------------------------------------------------------------------- Excel

def write_xlsx(form: Form, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    from perfsite.importing.xlsx_reader import DIGIT_MARGIN, printed_width

    wb = Workbook()
    ws = wb.active
    ws.title = str(form.meta.get("sheet") or "Sheet1")
    covered = _covered(form)
    for r, row in enumerate(form.rows):
        for c, text in enumerate(row):
            if not text or (r, c) in covered:
                continue
            cell = ws.cell(r + 1, c + 1)
            value, fmt = _typed(text) if (r, c) not in form.text_cells else (text, "@")
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # typed text, never a formula
            if fmt:
                cell.number_format = fmt
            if "\n" in text:
                cell.alignment = Alignment(wrap_text=True)
    for r0, c0, r1, c1 in form.merges:
        ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    for c in range(max((len(row) for row in form.rows), default=0)):  # a clerk widens a column Excel shows 「####」 in
        figures = [row[c] for r, row in enumerate(form.rows) if c < len(row) and row[c]
                   and (r, c) not in covered and (r, c) not in form.text_cells and _typed(row[c])[1] not in ("", "General")]
        if figures and max(printed_width(f) for f in figures) * DIGIT_MARGIN > DEFAULT_WIDTH:
            ws.column_dimensions[get_column_letter(c + 1)].width = max(len(f) for f in figures) + 2
    wb.save(str(path))
    return path


DEFAULT_WIDTH = 8.43
"""Excel's default column width, in digits: a figure of a fixed format wider than its column prints
「####」, and the reader refuses it (`printed_width` at `DIGIT_MARGIN`, as xlsx_reader measures it)."""


def _typed(text: str) -> tuple[object, str]:
    """A cell as a clerk's Excel holds it: numbers as numbers shown with the printed decimals."""
    plain = text.strip()
    found = _NUMBER.match(plain)
    if found and not re.match(r"^-?0\d", plain):  # 0100 would lose its zero: a clerk types it as text
        places = len(found[1] or "")
        decimals = "." + "0" * places if places else ""
        fmt = ("#,##0" if "," in plain else "0") + decimals
        number = plain.replace(",", "")
        return (float(number) if places else int(number)), fmt if (places or "," in plain) else "General"
    found = _PERCENT.match(plain)
    if found:
        places = len(found[1] or "")
        digits = plain[:-1]
        fraction = float(digits) / 100
        return fraction, "0" + ("." + "0" * places if places else "") + "%"
    return text, ""


# --------------------------------------------------------------------------- Word

def _cell_text(cell, value: str) -> None:  # type: ignore[no-untyped-def]
    """Several lines become several paragraphs, as Word wraps a typed table cell."""
    lines = value.split("\n")
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def _merge(table, width: int, merges: tuple[tuple[int, int, int, int], ...]) -> None:  # type: ignore[no-untyped-def]
    """What `table.cell(r0, c0).merge(table.cell(r1, c1))` makes of each range of a new, empty table,
    without python-docx's walks: every table.cell call and every merge walked the whole table
    (64% of write_docx, which was 34% and more of test_import_variants' CPU). Each row of a range
    keeps its first cell, widened over the others (their widths added, as python-docx adds them),
    marked to start or continue a vertical merge. The same document.xml for every form folder."""
    from docx.oxml.simpletypes import ST_Merge
    from docx.shared import Length

    tcs = [cell._tc for cell in table._cells]  # before any merge: one <w:tc> a grid position
    for r0, c0, r1, c1 in merges:
        for r in range(r0, r1 + 1):
            tc = tcs[r * width + c0]
            for c in range(c0 + 1, c1 + 1):
                other = tcs[r * width + c]
                if tc.width and other.width:
                    tc.width = Length(tc.width + other.width)
                tc.grid_span += other.grid_span
                other.getparent().remove(other)
            tc.vMerge = None if r0 == r1 else ST_Merge.RESTART if r == r0 else ST_Merge.CONTINUE


def add_table(document, rows: list[list[str]], merges: tuple[tuple[int, int, int, int], ...] = ()):  # type: ignore[no-untyped-def]
    """A Word table of `rows` with `merges` ((first row, first column, last row, last column));
    only a range's top-left cell gets text, as Word keeps it."""
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    covered = {(r, c) for r0, c0, r1, c1 in merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
               if (r, c) != (r0, c0)}
    assert len(covered) + len(merges) == sum((r1 - r0 + 1) * (c1 - c0 + 1) for r0, c0, r1, c1 in merges), \
        f"overlapping merges {merges}"
    _merge(table, width, merges)
    cells = table._cells  # what table.cell(r, c) indexes; each call of it walks the whole table again
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if (r, c) not in covered and value:
                _cell_text(cells[r * width + c], value)
    return table


def write_docx(form: Form, path: Path) -> Path:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    skip = title_rows(form)
    for row in form.rows[:skip]:
        text = next((t for t in row if t), "")
        para = doc.add_paragraph(text)
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    rows = form.rows[skip:]
    merges = tuple((r0 - skip, c0, r1 - skip, c1) for r0, c0, r1, c1 in form.merges if r0 >= skip)
    add_table(doc, rows, merges).style = "Table Grid"
    doc.save(str(path))
    return path


def make(folder: Path, out: Path) -> tuple[Path, Path]:
    form = load_form(folder)
    out.mkdir(parents=True, exist_ok=True)
    return write_xlsx(form, out / f"{form.file}.xlsx"), write_docx(form, out / f"{form.file}.docx")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python tests/forms/make.py tests/forms/<dir> OUT_DIR")
    for made in make(Path(sys.argv[1]), Path(sys.argv[2])):
        print(made)
