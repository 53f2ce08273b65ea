"""Real published forms (tests/forms/) printed to PDF, as bureaus publish them, import to the golden file.

Most self-evaluation tables a bureau publishes are PDFs printed from the unit's Excel or Word file.
Each corpus form is made into its .xlsx and .docx (tests/forms/make.py) and printed by LibreOffice
the ways such PDFs come: the sheet with its borders as ruling in landscape and in portrait (a wide
form then wraps its long cells over more lines), the Word table as typed, a larger font that puts a
page break inside the indicator block (rows cut in two, merged 一级/二级 cells running over the
break), the indicator header repeated on every page or not. All files are printed by one
LibreOffice run (each start costs about two seconds). Each PDF must import to the same programme as
the golden file, field by field, and conclude as the auditor did.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from docx.shared import Pt
from forms.make import forms, load_form, make
from test_forms import assert_imports_as, scored
from test_import_formats import lo_convert_all, office  # noqa: F401  (office is the fixture)

from perfsite.cli import main

FOLDERS = forms()


@dataclass(frozen=True)
class Print:
    """One way a form is printed to PDF."""

    name: str
    source: str
    """The file printed: xlsx or docx."""
    landscape: bool = False
    font: float = 0
    """Points for every text (0: as made, 11 pt in Excel, the Word default in Word)."""
    repeat_header: bool = False
    """The indicator header row repeated at the top of every page (Excel's print titles; Word
    repeats only a table's first rows, tests/test_import_formats.py)."""


PRINTS = (
    Print("xlsx-landscape", "xlsx", landscape=True),
    Print("xlsx-portrait", "xlsx"),
    Print("xlsx-large", "xlsx", landscape=True, font=16),
    Print("xlsx-large-header", "xlsx", landscape=True, font=16, repeat_header=True),
    Print("docx", "docx"),
    Print("docx-large", "docx", font=18),
)

NOT_YET: dict[tuple[str, str], str] = {}
"""Prints that do not import to the golden file yet, and why: each fails the test when it starts to pass."""


def _header_row(rows: list[list[object]]) -> int | None:
    """The indicator header's first row (holding 三级指标 or 指标名称), found without the importer."""
    for r, row in enumerate(rows):
        if any(isinstance(t, str) and t.replace(" ", "").strip() in ("三级指标", "指标名称") for t in row):
            return r
    return None


def _print_xlsx(path: Path, how: Print) -> None:
    """Borders on every cell of the form (its ruling), the page set up as a clerk prints it."""
    from openpyxl import load_workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    book = load_workbook(str(path))
    sheet = book.active
    thin = Side(style="thin")
    merged = {(r, c) for span in sheet.merged_cells.ranges for r, c in span.cells if (r, c) != (span.min_row, span.min_col)}
    # a range spanning columns says nothing of one column's width; one set, not a scan of every range per cell
    across = {(r, c) for span in sheet.merged_cells.ranges if span.min_col != span.max_col for r, c in span.cells}
    widest: dict[int, int] = {}
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=sheet.max_column):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            if how.font:
                cell.font = Font(size=how.font)
            if cell.value is not None and (cell.row, cell.column) not in merged and (cell.row, cell.column) not in across:
                widest[cell.column] = max(widest.get(cell.column, 0), len(str(cell.value)))
    size = how.font or 11
    widths = {c: min(max(2 * widest.get(c, 4) + 2, 8), 30) for c in range(1, sheet.max_column + 1)}
    for c, width in widths.items():  # as a clerk widens columns: a CJK character is two units
        sheet.column_dimensions[get_column_letter(c)].width = width
    spans = {(s.min_row, s.min_col): range(s.min_col, s.max_col + 1) for s in sheet.merged_cells.ranges
             if s.min_row == s.max_row}
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=sheet.max_column):
        lines = 1  # Excel grows a row to its wrapped text when the clerk types; LibreOffice keeps the height given
        for cell in row:
            if cell.value is not None:
                room = sum(widths[c] for c in spans.get((cell.row, cell.column), [cell.column]))
                for part in str(cell.value).split("\n"):
                    lines = max(lines, -(-(2 * len(part) * size) // (11 * max(room - 1, 1))))
        sheet.row_dimensions[row[0].row].height = lines * size * 1.4 + 4
    sheet.page_setup.orientation = "landscape" if how.landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    header = _header_row([[c.value for c in row] for row in sheet.iter_rows()])
    if how.repeat_header and header is not None:
        sheet.print_title_rows = f"{header + 1}:{header + 1}"
    book.save(str(path))


def _print_docx(path: Path, how: Print) -> None:
    document = docx.Document(str(path))
    if how.font:
        for table in document.tables:
            for row in table.rows:
                for cell in row.cells:
                    for para in cell.paragraphs:
                        for run in para.runs:
                            run.font.size = Pt(how.font)
    document.save(str(path))


HASHES = (next(f.name for f in FOLDERS if f.name.startswith("b01-")), "narrow-hashes")
"""The print of test_a_number_printed_as_hashes_is_named_with_its_page, in the fixture's one LibreOffice run."""


def _print_narrow_with_hashes(path: Path) -> None:
    """A figure too wide for its column: LibreOffice prints ### in its place."""
    from openpyxl import load_workbook

    _print_xlsx(path, Print("narrow", "xlsx", landscape=True))
    book = load_workbook(str(path))
    sheet = book.active
    sheet["H13"].value = 123456789012  # 得分 of the first indicator (安装坡面水标尺)
    sheet.column_dimensions["H"].width = 4
    book.save(str(path))


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory, office: str) -> dict[tuple[str, str], Path]:  # noqa: F811
    """(form folder name, print name) → the PDF, and HASHES; one LibreOffice run prints them all."""
    tmp = tmp_path_factory.mktemp("forms-pdf")
    (tmp / "src").mkdir()
    sources: dict[tuple[str, str], Path] = {}
    for folder in FOLDERS:
        # each form made once and copied for its six prints: python-docx's table.cell() walks the
        # whole table, and making a form per print was half of this fixture's CPU (44 s of 65 s)
        made = dict(zip(("xlsx", "docx"), make(folder, tmp / "in" / folder.name), strict=True))
        for how in PRINTS:
            named = tmp / "src" / f"{folder.name}--{how.name}.{how.source}"
            shutil.copyfile(made[how.source], named)
            (_print_xlsx if how.source == "xlsx" else _print_docx)(named, how)
            sources[(folder.name, how.name)] = named
        if folder.name == HASHES[0]:
            named = tmp / "src" / f"{folder.name}--{HASHES[1]}.xlsx"
            shutil.copyfile(made["xlsx"], named)
            _print_narrow_with_hashes(named)
            sources[HASHES] = named
    return lo_convert_all(office, sources, "pdf", tmp / "pdf")


def _cases() -> list[object]:
    return [pytest.param(folder, how, id=f"{folder.name}-{how.name}",
                         marks=[pytest.mark.xfail(reason=NOT_YET[(folder.name, how.name)], strict=True)]
                         if (folder.name, how.name) in NOT_YET else [])
            for folder in FOLDERS for how in PRINTS]


@pytest.mark.parametrize(("folder", "how"), _cases())
def test_printed_form_imports_to_the_golden_file(folder: Path, how: Print, printed: dict[tuple[str, str], Path],
                                                 tmp_path: Path) -> None:
    form = load_form(folder)
    pdf = tmp_path / f"{form.file}.pdf"  # the name a unit hands in: some forms state the year only there
    pdf.write_bytes(printed[(folder.name, how.name)].read_bytes())
    want = scored(folder / "golden.yaml")
    args = ["import", str(pdf), "--out", str(tmp_path / "out")]
    if not want.programme.year:
        args += ["--year", "2099"]
    assert_imports_as(args, tmp_path / "out", want, f"{form.file}.pdf ({how.name})")


def test_a_number_printed_as_hashes_is_named_with_its_page(printed: dict[tuple[str, str], Path],
                                                         tmp_path: Path) -> None:
    """A column too narrow for its number prints ###: the PDF no longer holds the figure, so the
    clerk is told which page and cell to correct from the original, never given a number."""
    pdf = tmp_path / f"{load_form(next(f for f in FOLDERS if f.name == HASHES[0])).file}.pdf"
    pdf.write_bytes(printed[HASHES].read_bytes())
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        main(["import", str(pdf), "--out", str(tmp_path / "out")])
    assert "PDF 第 1 页表格第13行第8列印成「###" in shown.getvalue() and "请按原件改正" in shown.getvalue(), shown.getvalue()
