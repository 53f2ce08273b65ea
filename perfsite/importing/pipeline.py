"""One file in, one checked programme file out (or a clear reason why not); many files as a batch.

Order matters for "nothing half-written": read → recognise → assemble → choose rules → render →
check the rendered text with the core reader and scorer in a scratch folder → write atomically.

A batch reads its files in worker processes (reading is nine tenths of the time: python-docx
and openpyxl parse XML) and writes in the main process, in the order given, so ids and
refusals do not depend on which worker finished first.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from enum import StrEnum
from itertools import chain, pairwise, repeat
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from perfsite import processes
from perfsite.department import DepartmentDocument
from perfsite.documents import document_of
from perfsite.ids import Claim, IdRegistry, is_id, load_words, readable_id, unread_han
from perfsite.importing import rectify_prose, report_form
from perfsite.importing.assemble import NO_INDICATOR_TABLE, Draft, Hints, assemble
from perfsite.importing.bundle import (
    DEPARTMENTS,
    DepartmentPart,
    after_last,
    department_part,
    departments_note,
    disclosure_title,
    form_label,
    new_title,
    own_tail,
    set_aside,
    titled_programme,
    year_hint,
)
from perfsite.importing.convert import Conversions
from perfsite.importing.crosscheck import WEIGHT_SUM, against_summaries, same_programme
from perfsite.importing.dept_form import FILE_SUFFIX as DEPARTMENT_SUFFIX
from perfsite.importing.dept_form import (
    DepartmentForm,
    assemble_department,
    find_department,
    is_department,
    programme_view,
)
from perfsite.importing.dept_prose import untabled_department, untaken_sections
from perfsite.importing.docx_reader import MAX_TEXT, Block, Para, read_blocks
from perfsite.importing.file_notes import hand_over_file_notes, keep_file_notes, place_notes
from perfsite.importing.grid import Cell, Grid, compact
from perfsite.importing.html_reader import WEB, page_asset, page_head, read_html
from perfsite.importing.labels import bare, header_name
from perfsite.importing.rectify_form import FILE_SUFFIX as RECTIFICATION_SUFFIX
from perfsite.importing.rectify_form import KIND as RECTIFICATION
from perfsite.importing.rectify_form import (
    RectificationForm,
    assemble_rectification,
    by_programme,
    find_rectification,
)
from perfsite.importing.rectify_form import render as render_rectification
from perfsite.importing.rules_guess import guess_rules
from perfsite.importing.sniff import (
    KINDS,
    MAX_FORM_CELLS,
    OLD,
    ImportFailure,
    Oversized,
    Refused,
    logged,
    renamed_note,
    sniff,
    zip_advice,
)
from perfsite.importing.tables import Found, scan, stacked_forms, template_guidance, unplaced
from perfsite.importing.target_form import (
    FILE_SUFFIX,
    KIND,
    Scan,
    assemble_targets,
    find_targets,
    is_targets,
)
from perfsite.importing.target_form import _label_kind as target_label
from perfsite.importing.template import (
    BUDGET_ROWS,
    DEPARTMENT_SHEET,
    DEPARTMENT_TARGET_SHEET,
    DEPARTMENT_TARGET_TITLE,
    DEPARTMENT_TITLE,
    FACT_ROWS,
    TARGET_SHEET,
)
from perfsite.importing.text import Prose, is_form_kind, split_prose, title_facts, year_of_form_title
from perfsite.importing.unstated_department import adopt_department, last
from perfsite.importing.writer import DEFAULT_FOLDER, WriteBatch, WriteRefused, dump, indicators_csv, verify
from perfsite.indicator_csv import HEADERS, MAX_BYTES
from perfsite.kinds import DEFAULT_KIND, DocumentKind
from perfsite.markup import one_line
from perfsite.problems import Problem, Severity
from perfsite.progress import Progress
from perfsite.reader import csv_beside, programme_of, read_programme
from perfsite.safefile import LEFT_BY_TOOLS
from perfsite.scoring import score_programme
from perfsite.siteconfig import SiteConfig
from perfsite.yamlload import Loaded

if TYPE_CHECKING:
    from perfsite.importing.bulk import Summary  # bulk imports this module

R = TypeVar("R")
F = TypeVar("F")
"""A form of one programme, as its reader found it (a 绩效目标表 form, a 整改 form)."""

TEMPLATE_TARGETS, TEMPLATE_DEPARTMENT, TEMPLATE_DEPARTMENT_TARGETS, TEMPLATE_FACTS, TEMPLATE_INDICATORS = (
    f"工作表「{name}」" for name in (TARGET_SHEET, DEPARTMENT_SHEET, DEPARTMENT_TARGET_SHEET, "项目信息", "绩效指标"))
"""The labels `read_xlsx` gives the sheets of a `perfsite template` workbook."""
CSV_ROWS = 60
"""Above this many indicators the table goes to a CSV beside the YAML (easier to edit in Excel)."""


PARALLEL_FROM = 8
"""Below this many files a worker pool costs more to start (~0.1 s) than it saves."""
SUPPORTED = (*KINDS, *OLD, *WEB)
"""What a folder given to `perfsite import` is searched for: every kind `sniff` reads or converts."""


@dataclass
class Options:
    out: Path
    force: bool = False
    folder: str = DEFAULT_FOLDER
    hints: Hints = field(default_factory=Hints)
    ids: IdRegistry = field(init=False, repr=False)
    """The ids of this data tree and this run: one registry per run, so two inputs never share an id."""
    placed: dict[Path, FileReport] = field(init=False, repr=False, default_factory=dict)
    """The report that placed each file of this run: one placing it again is told which did (the other
    table of the same input file named by its place in it)."""

    def __post_init__(self) -> None:
        self.ids = IdRegistry(self.out)


class Status(StrEnum):
    """What became of one input file (the `status` of `--format json`)."""

    IMPORTED = "imported"
    """Written, and `perfsite check` will pass it."""
    NEEDS_CHANGES = "needs-changes"
    """Written, but with errors that `perfsite check` will refuse until they are fixed."""
    FAILED = "failed"
    """Nothing written."""
    MERGED = "merged"
    """The same programme as another input of this run, which was written: compared with it (an
    Excel form beside its Word report, or an earlier version beside the 修改稿 written) or its
    sections given to it (a report without indicators)."""
    SKIPPED = "skipped"
    """Nothing written: its file already exists with exactly what this import renders (the same
    file imported again), so importing a folder again is no failure."""


@dataclass
class FileReport:
    source: Path
    found: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    failure: str = ""
    total: str = ""
    id: str = ""
    same_as: Path | None = None
    """The input of this run that holds the same programme and was written instead of this one."""
    exists: str = ""
    """The refusal when its file exists (no --force): said only if what it renders differs from that file."""
    skipped: bool = False
    """Already imported: its file holds exactly what it renders; `failure` says which, and it is no failure."""
    form: tuple[Path, str] | None = None
    """(the input file, where in it) of one of a file's several forms (「第 2 个自评表：B，工作表「B」」, a
    部门整体 form's bundle.form_label): two of them placing the same programme or department-year are
    told apart by it, as two tables of one file, not two files."""

    @property
    def ok(self) -> bool:
        errors = any(p.severity is Severity.ERROR for p in self.problems)
        return not errors if self.skipped else not self.failure and not errors

    @property
    def status(self) -> Status:
        if self.skipped:
            return Status.SKIPPED
        if self.failure:
            return Status.FAILED
        if self.same_as is not None:
            return Status.MERGED
        return Status.IMPORTED if self.ok else Status.NEEDS_CHANGES


@dataclass
class Prepared:
    """A file read and recognised (in a worker), not yet written: what the main process needs."""

    report: FileReport
    draft: Draft | None = None
    prose: Prose | None = None
    """A Word report with sections but no indicator table: its prose, for the Excel form of the
    same programme (units often hand in the report and the 自评表 as two files)."""
    title: dict[str, str] = field(default_factory=dict)
    """The name and year its title gives (with `prose`)."""
    export: bool = False
    """A finance-system export of many programmes (`bulk`), found while reading it as a form."""
    more: list[Prepared] = field(default_factory=list)
    """The other programmes of a department's target list (one table, several programmes)."""
    summaries: list[Summary] = field(default_factory=list)
    """The 汇总表 the file holds (one row per programme): what the programmes of the batch are checked against."""


def read_any(path: Path) -> tuple[list[Grid], list[Para], list[str]]:
    """(grids, paragraphs, page headers) of a .docx, .xlsx, .csv, text .pdf or .ofd; a .doc, .xls, .wps or
    .et is first converted by LibreOffice and then read as the .docx/.xlsx it becomes."""
    kind = sniff(path)
    if kind == "old":
        from perfsite.importing.convert import converted

        with converted(path) as new:
            grids, paras, headers = read_converted(new)
        if grids and (note := renamed_note(path)):  # a .doc/.xls named .docx/.xlsx
            grids[0].notes.insert(0, note)
        return grids, paras, headers
    return _read(path, kind)


def read_converted(new: Path) -> tuple[list[Grid], list[Para], list[str]]:
    """`read_any` of the .docx/.xlsx LibreOffice made of an old file (or the copy of a package under an
    old name, `convert.unconverted`), its failures saying which."""
    from perfsite.importing.convert import unconverted

    how = f"按 {new.suffix} 读取时" if unconverted(new) else f"经 LibreOffice 转换为 {new.suffix} 后"
    try:
        grids, paras, headers = _read(new, sniff(new))
    except ImportFailure as exc:
        raise type(exc)(f"（{how}）{exc}") from exc  # a Refused one stays refused
    if not any(cell.text for grid in grids for row in grid.rows for cell in row) and not paras:
        raise ImportFailure(f"{how}没有任何内容：文件可能已损坏，"
                            "请在 Word/Excel/WPS 中打开原件核对，「另存为」.docx/.xlsx 后再导入")
    return grids, paras, headers


def document_blocks(path: Path) -> tuple[list[Block], list[str]]:
    """`read_blocks` of a Word or PDF file, `read_ofd` of an OFD: (blocks, page headers) alike."""
    if path.suffix.lower() == ".ofd":
        from perfsite.importing.ofd_reader import read_ofd

        return read_ofd(path)
    return read_blocks(path)


class _WebExport(Exception):
    """A web page or 2003 XML workbook named as a system names its export (`WEB_EXPORTS`), beyond a
    form's caps, whose first rows are an export's header: `_prepare` hands it to `bulk` at once (run
    through every recogniser first, a 12 MB one took 80 s before `bulk` read it again)."""


def _read(path: Path, kind: str) -> tuple[list[Grid], list[Para], list[str]]:
    from perfsite.importing.bulk import grids_are_export

    try:
        grids, paras, headers = _read_kind(path, kind)
    except Oversized:
        if kind == "html" and path.suffix.lower() in WEB_EXPORTS and grids_are_export(page_head(path)):
            raise _WebExport from None
        raise
    texts = [cell.text for grid in grids for row in grid.rows for cell in row if cell.text]
    if len(texts) > MAX_FORM_CELLS or (chars := sum(map(len, texts))) > MAX_TEXT:
        if path.suffix.lower() in WEB_EXPORTS and grids_are_export(grids):
            raise _WebExport
        what = f"{len(texts)} 个有内容的单元格" if len(texts) > MAX_FORM_CELLS else f"{chars} 字"
        most = f"{MAX_FORM_CELLS} 个" if len(texts) > MAX_FORM_CELLS else f"{MAX_TEXT} 字"
        raise Refused(f"文件的表格中共有 {what}，超过一份自评表的上限 {most}，不像一份自评表，拒绝读取："
                      "请把各项目的表拆成单独的文件后再导入")
    return grids, paras, headers


WEB_EXPORTS = (".xls", ".et", ".xml")
"""Names a system gives the web page or 2003 XML workbook it exports: one beyond a form's caps with
an export's header is left to `bulk` (`_WebExport`), which reads it within its own."""


def _read_kind(path: Path, kind: str) -> tuple[list[Grid], list[Para], list[str]]:
    if kind in ("docx", "pdf", "ofd", "html"):
        blocks, headers = read_html(path) if kind == "html" else document_blocks(path)
        grids, paras = [], []
        for block in blocks:
            if isinstance(block, Grid):
                block.paras_before = len(paras)
                grids.append(block)
            else:
                paras.append(block)
        if not grids:
            from perfsite.importing.no_tables import no_tables

            raise ImportFailure(no_tables(kind, [p.text for p in paras]))
        return grids, paras, headers
    if kind == "ss2003":
        from perfsite.importing.ss2003_reader import read_ss2003

        return read_ss2003(path), [], []
    if kind == "xlsx":
        from perfsite.importing.xlsx_reader import read_xlsx

        return read_xlsx(path), [], []
    if (size := path.stat().st_size) > MAX_BYTES:  # sniff made sure it is a regular file
        raise ImportFailure(f"CSV 文件过大（{size} 字节，指标表上限 {MAX_BYTES} 字节），拒绝读取：一个文件只放一个项目的指标表")
    return [_csv_grid(path)], [], []


def _csv_grid(path: Path) -> Grid:
    """The CSV's cells as written: UTF-8, GB18030, or Excel's 「Unicode 文本」 (UTF-16, tab-separated) that
    systems and clerks name .csv, read and split as the export path reads them (`convert.text_of`,
    `convert.text_separator`), so one file is not an export there and refused here."""
    import csv
    import io

    from perfsite.importing.convert import text_of, text_separator

    text = text_of(path.read_bytes())
    separator = text_separator("".join(text.splitlines(keepends=True)[:20]))
    grid = Grid(f"CSV「{path.name}」")
    for r, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=separator)):
        grid.rows.append([Cell(v.strip(), "", f"第{r + 1}行第{c + 1}列") for c, v in enumerate(row)])
    return grid


def import_file(path: Path, options: Options, site: SiteConfig, planned: set[Path]) -> FileReport:
    """One file's import; the report of its first programme (a target list may hold several)."""
    prepared = prepare(path, options.hints)
    for item in (prepared, *prepared.more):
        if item.draft is None:
            continue
        try:
            target = place(item.draft, item.report, options, planned)
        except WriteRefused as exc:
            item.report.failure = str(exc)
            continue
        with Finisher(site, options.force) as finisher:
            finisher.finish([(item, target)])
    return prepared.report


def import_batch(paths: list[Path], options: Options, site: SiteConfig, planned: set[Path],
                 progress: Progress | None = None, jobs: int | None = None) -> list[FileReport]:
    """Import many files: read in parallel; in the order given pair a Word report with the Excel
    form of the same programme and choose each file's id and place; render, check and write in
    parallel again. Ids and refusals are the serial ones whatever the pool does. A finance-system
    export among them is found while it is read and imported after the forms (`bulk`), its
    reports (one per programme) after theirs."""
    tell = progress or (lambda stage, done, total: None)
    workers = worker_count(jobs, len(paths))
    with Conversions() as conversions:
        reports = _batch(paths, options, site, planned, tell, workers, conversions)
        from perfsite.importing.bulk import import_export

        return reports[0] + [report for path in reports[1]
                             for report in import_export(path, options, site, planned, jobs, conversions)]


def _batch(paths: list[Path], options: Options, site: SiteConfig, planned: set[Path], tell: Progress, workers: int,
           conversions: Conversions) -> tuple[list[FileReport], list[Path]]:
    """`import_batch` but the exports: (the forms' reports, the exports found)."""
    with Pool(workers) as pool, Finisher(site, options.force) as finisher:
        prepared: list[Prepared] = []
        exports: list[Path] = []
        for done, item in enumerate(pool.map(prepare, [(path, options.hints, conversions) for path in paths]), 1):
            if item.export:
                exports.append(item.report.source)
            else:
                prepared += [item, *item.more]
            tell("读取", done, len(paths))
        same_programme(prepared)
        against_summaries(prepared)
        placed: list[tuple[Prepared, Path]] = []
        for item in sorted(prepared, key=lambda item: last(item.draft)):  # stable: the rest in their order
            if item.draft is not None and item.report.same_as is None and not item.report.failure:
                try:
                    placed.append((item, place(item.draft, item.report, options, planned)))
                except WriteRefused as exc:
                    item.report.failure = str(exc)
        done = 0
        for chunk, reports in finisher.run(pool, placed, len(placed), workers):
            for (item, _), report in zip(chunk, reports, strict=True):
                item.report = report  # a worker's copy of the report
            done += len(chunk)
            tell("写出", done, len(placed))
    return [item.report for item in prepared], exports


def prepare(path: Path, hints: Hints, conversions: Conversions | None = None) -> Prepared:
    """Read and recognise one file; a file that cannot be read is a failure, never a traceback. An
    old format (.doc, .xls, .wps, .et) is converted by LibreOffice once, and everything, a report's
    published original included, is read from what it becomes (a conversion takes seconds); the
    run's `conversions` keep it for an export's sheets, read again in the main process (`bulk`)."""
    if path.suffix.lower() in OLD and _converted(path):
        from perfsite.importing.convert import converted

        try:
            sniff(path)
            with conversions.of(path) if conversions is not None else converted(path) as new:
                return _prepare(path, new, hints)
        except ImportFailure as exc:
            return Prepared(FileReport(path, failure=str(exc)))
    return _prepare(path, path, hints)


def _converted(path: Path) -> bool:
    """Whether an old-format file goes through LibreOffice: not a web page or 2003 XML workbook under
    the old name (read directly); True when `sniff` refuses it, which `prepare` then reports."""
    try:
        return sniff(path) == "old"
    except ImportFailure:
        return True


def _prepare(path: Path, readable: Path, hints: Hints) -> Prepared:
    """`prepare` of `path`, read from `readable` (itself, or LibreOffice's conversion of it)."""
    from perfsite.importing.bulk import EXPORT_SUFFIXES, grids_are_export, looks_like_export
    from perfsite.importing.target_export import assemble_exported, export_targets

    report = FileReport(path)
    export = path.suffix.lower() in EXPORT_SUFFIXES
    if export and _sheet_bytes(path) > FORM_SHEET_BYTES and looks_like_export(path):
        return Prepared(report, export=True)  # not read as a form first: that would take seconds
    near_target = disclosed = ""
    tabled = False
    read: list[Grid] = []
    try:
        grids, paras, headers = read_any(path) if readable == path else read_converted(readable)
        tabled, read = True, grids  # a reader refuses a document without tables
        if readable != path and grids and (note := renamed_note(path)):  # a .docx/.xlsx named .doc/.xls
            grids[0].notes.insert(0, note)
        grids, sheets = template_sheets(grids)
        if sheets:
            return _template(path, grids, headers, sheets, hints)
        rectification = find_rectification(grids, [p.text for p in paras])
        if rectification is None and path.suffix.lower() in report_form.DOCUMENTS:  # a report: 整改 in prose
            rectification = rectify_prose.find_prose(grids, [p.text for p in paras], path.name)
        if rectification is not None:
            return _rectification(path, grids, rectification, hints)
        if (evaluated := report_form.read_report(path, readable, grids, paras, headers, hints)) is not None:
            return _report(path, grids, *evaluated)
        whole = paras
        first, labels = (grids[0] if grids else None), {grid.label for grid in grids}
        grids, paras, aside = set_aside(grids, paras, _holds_form)  # a whole 决算/预算公开: its statements
        keep_file_notes(first, grids, labels)
        disclosed = disclosure_title(whole) if aside else ""
        grids, paras, closings = _department_parts(grids, paras)  # and its 部门整体 forms
        if closings and grids:
            hand_over_file_notes((part.grids for part in closings), grids[0], labels)
        several = len(closings) > 1 or any(part.note == DEPARTMENTS for part in closings)
        aside = _Aside(aside, [_closing(path, part, headers, hints, n if several else 0)
                               for n, part in enumerate(closings, 1)], disclosed)
        department = find_department(grids, [p.text for p in paras], path.name)
        if department is not None:
            own = _said(_department(path, grids, paras, headers, department, hints), aside)
            if any(part.note == DEPARTMENTS for part in closings):
                own.report.form = (path, form_label(department, len(closings) + 1))
                own.report.notes.insert(0, departments_note(own.report.form[1]))
            return own
        if (exported := export_targets(grids)) is not None:  # a system's 绩效目标 export: one form a programme
            return _said(_several(path, grids, exported.forms, lambda form: assemble_exported(path.name, form, hints),
                                  lambda form: form.where, exported.used, lambda form: form.notes), aside)
        targets = find_targets(grids, [p.text for p in paras])  # a department's target list looks like an export
        near_target = targets.near
        if targets.forms:
            return _said(_several_targets(path, grids, paras, headers, targets, hints), aside)
        if export and grids_are_export(grids):
            return Prepared(report, export=True)
        if readable == path and path.suffix.lower() in WEB_EXPORTS and grids_are_export(grids):
            return Prepared(report, export=True)  # a web page or 2003 XML workbook so named: `bulk` reads it directly
        if readable != path and readable.suffix.lower() in EXPORT_SUFFIXES and grids_are_export(grids):
            return Prepared(report, export=True)  # an .xls export: `bulk` reads its sheets from the same conversion
        summaries, grids = _summaries(grids)
        keep_file_notes(first, grids, labels)
        summaries = [replace(summary, file=path.name) for summary in summaries]
        if summaries and not grids:
            from perfsite.importing.bulk import summary_failure

            report.failure = "；".join(summary_failure(summary) for summary in summaries)
            return Prepared(report, summaries=summaries)
        found = scan(grids)
        parts = PartScans(grids, found)
        groups = programme_groups(grids, found, parts)
        if len(groups) > 1:
            several = _programmes(path, groups, paras, headers, hints, parts)
            several.summaries = summaries
            for item in (several, *several.more):
                item.report.notes.extend(_summary_notes(summaries))
            return _said(several, aside)
        prose = split_prose(paras) if paras else Prose()
        head_goals(grids, found)
        draft = assemble(path.name, found, prose, headers, hints)
        _template_id(draft, grids, found)
    except _WebExport:
        return Prepared(report, export=True)
    except ImportFailure as exc:
        if export and looks_like_export(path):  # too big for a form: an export, read as one by `bulk`
            return Prepared(report, export=True)
        if readable != path and readable.suffix.lower() in EXPORT_SUFFIXES and looks_like_export(readable):
            return Prepared(report, export=True)
        if isinstance(exc, Refused):
            report.failure = str(exc)
            return Prepared(report)
        paras, headers = _untabled(readable)  # read once for the three readers of a file without tables
        if (rectified := _untabled_rectification(path, paras, hints)) is not None:
            return rectified
        if not tabled and (department := untabled_department(paras)):  # a 部门整体 report's prose: no programme's
            report.failure = department
            return Prepared(report)
        evaluated = _untabled_report(path, readable, paras, headers, hints)
        if isinstance(evaluated, Prepared):
            return evaluated
        failure = near_target if near_target and str(exc).startswith(NO_INDICATOR_TABLE) else year_hint(str(exc), disclosed)
        report.failure = f"{failure}。{evaluated}" if evaluated else failure
        if readable.suffix.lower() != ".docx":
            return Prepared(report)
        prose, title = _prose_only(paras, headers)
        if prose is not None:  # its sections may go to a form (`crosscheck`): none of its tables is read
            report.unplaced = unplaced(read, set())
        return Prepared(report, prose=prose, title=title)
    except Exception as exc:  # a damaged file must not stop the other 299 of a batch
        # a reader's own failure, not the clerk's: what went wrong goes to the log the message names
        report.failure = ("读取文件时出错：请用 Word/Excel 打开该文件、另存为后再导入；仍然出错时请把文件交给维护人员"
                          + logged(exc, path))
        return Prepared(report)
    report.found, report.notes = draft.found, draft.notes
    if note := report_form.unrecognised_title(prose.paragraphs, headers):
        report.notes.append(note)
    report.unplaced = unplaced(grids, found.used) + _prose_unplaced(prose, draft)
    report.notes.extend(_summary_notes(summaries))
    return _said(Prepared(report, draft, summaries=summaries), aside)


def _holds_form(grid: Grid) -> bool:
    """Whether a table holds indicator rows or a 绩效目标表 of its own (`bundle.set_aside` keeps it)."""
    return any(t.rows for t in scan([grid]).indicators) or bool(find_targets([grid], []).forms)


@dataclass
class _Aside:
    """What `bundle` took out of a file of programmes' forms: the note on its statements, and the
    部门整体 form that closes it, read as a department document of its own."""

    note: str = ""
    departments: list[Prepared] = field(default_factory=list)
    disclosed: str = ""
    """The disclosure's title naming its year (`bundle.year_hint`)."""


def _department_parts(grids: list[Grid], paras: list[Para]) -> tuple[list[Grid], list[Para], list[DepartmentPart]]:
    """The programmes' part of a file (or its last 部门整体 form) and each 部门整体 form `bundle.department_part`
    splits off it, in the file's order."""
    parts = []
    while True:
        grids, paras, part = department_part(grids, paras, _holds_form)
        if part is None:
            return grids, paras, parts
        parts.append(part)


def _closing(path: Path, part: DepartmentPart, headers: list[str], hints: Hints, n: int) -> Prepared:
    """The department document of a 部门整体 form `bundle` split off, the `n`th of the file's (0: its only one)."""
    label = form_label(part.form, n)
    source = Path(f"{path}（{part.form.kind}：{label}）")
    note = departments_note(label) if part.note == DEPARTMENTS else f"{part.note}：{label}"
    try:
        prepared = _department(path, part.grids, part.paras, headers, part.form, hints)
    except ImportFailure as exc:  # that form's failure only: the programmes' forms are imported
        return Prepared(FileReport(source, failure=str(exc), notes=[note]))
    prepared.report.source = source
    prepared.report.form = (path, label)
    prepared.report.notes.insert(0, note)
    return prepared


def _said(prepared: Prepared, aside: _Aside) -> Prepared:
    """`prepared` with the statements' note said on each programme's part, and the 部门整体 form after them."""
    prepared.more.extend(aside.departments)
    for item in (prepared, *prepared.more) if aside.note else ():
        item.report.notes.append(aside.note)
        item.report.failure = year_hint(item.report.failure, aside.disclosed)
    return prepared


def _several_targets(path: Path, grids: list[Grid], paras: list[Para], headers: list[str], targets: Scan,
                     hints: Hints) -> Prepared:
    """The 绩效目标表 of a file: as `_targets` reads them, or one programme's tables at a time when the
    file's tables hold more programmes' target tables than the reading of them all found (a 部门预算公开
    prints each programme's 目标表 as a table of its own; all but the first were 「未能归位的内容」)."""
    if len(grids) > 1:
        found = scan(grids)
        parts = PartScans(grids, found)
        groups = [part for group in programme_groups(grids, found, parts) for part in _named_targets(group, parts)]
        if sum(1 for group in groups if parts.targets_of(group, []).forms) > len(targets.forms):
            return _programmes(path, groups, paras, headers, hints, parts)
    return _targets(path, grids, targets, hints)


def _named_targets(group: list[Grid], parts: PartScans) -> list[list[Grid]]:
    """A programme's tables, cut before each later table holding a 目标表 of another programme's name
    that `programme_groups` kept with it (its name in a list's 「单位(专项)名称」 column, not beside a
    「项目名称」 label: 湘西州特校's 学生伙食费 would go on as 舒城县's tables, its 10 indicators
    「未能归位」 and its 部门 taken for 舒城's). A table repeating the header of the one before names none."""
    out: list[list[Grid]] = [[]]
    names = {compact(f.facts.get("name", "")) for f in parts.targets(group[0]).forms} - {""}
    for grid in group:
        own = {compact(f.facts.get("name", "")) for f in parts.targets(grid).forms} - {""}
        if out[-1] and names and own and not own & names:
            out.append([])
            names = own
        names = names or own
        out[-1].append(grid)
    return out


def _summary_notes(summaries: list[Summary]) -> list[str]:
    return [f"{summary.label}是项目汇总表（每行一个项目：{len(summary.rows)} 个），不是自评表的一部分，没有作为项目的内容导入；"
            "按它核对本次导入的各项目公布的总分和等级" for summary in summaries]


def _summaries(grids: list[Grid]) -> tuple[list[Summary], list[Grid]]:
    """The 汇总表 among a file's tables (`bulk.find_summary`), and the other tables: a unit's workbook
    may put its 汇总 sheet before the programme's 自评表, whose reading then took the summary's row
    for cells it could not place."""
    from perfsite.importing.bulk import find_summary

    found = [(grid, summary) for grid in grids if (summary := find_summary(grid)) is not None]
    if not found:
        return [], grids
    return [summary for _, summary in found], [grid for grid in grids if all(grid is not g for g, _ in found)]


class PartScans:
    """The scans of a file's tables and of the parts its stacked forms are cut into, each made once.

    Cutting a sheet of three stacked forms scanned each part four to five times (`is_form` on the
    part above and the part below each cut, the cut part again, `programme_groups` and `_programmes`
    again, `find_targets` three times): 11 scans and 14 table scans for a file of 3 forms, 5 and 8
    with the scans kept (docs/performance.md, 导入). Keyed by the grid's identity: each entry holds
    its grid, so no other grid takes the id while the file is read."""

    def __init__(self, grids: list[Grid], found: Found) -> None:
        self.scans: dict[int, tuple[Grid, Found]] = {id(grids[0]): (grids[0], found)} if len(grids) == 1 else {}
        """Grid's id → (grid, `scan([grid])`); the file's scan is its one table's scan."""
        self.target_scans: dict[int, tuple[Grid, Scan]] = {}
        """Grid's id → (grid, `find_targets([grid], [])`)."""

    def found(self, grid: Grid) -> Found:
        """`scan([grid])`, made once."""
        if id(grid) not in self.scans:
            self.scans[id(grid)] = (grid, scan([grid]))
        return self.scans[id(grid)][1]

    def targets(self, grid: Grid) -> Scan:
        """`find_targets([grid], [])`, made once."""
        if id(grid) not in self.target_scans:
            self.target_scans[id(grid)] = (grid, find_targets([grid], []))
        return self.target_scans[id(grid)][1]

    def is_form(self, grid: Grid) -> bool:
        """Whether a part of a grid holds a form of its own: indicator rows, or a 绩效目标表."""
        return any(t.rows for t in self.found(grid).indicators) or bool(self.targets(grid).forms)

    def found_of(self, group: list[Grid]) -> Found:
        """The scan of a programme's tables: the kept one of a single table."""
        return self.found(group[0]) if len(group) == 1 else scan(group)

    def targets_of(self, group: list[Grid], paragraphs: list[str]) -> Scan:
        """`find_targets(group, paragraphs)`. A single table the kept scan found no target table in
        has none with the paragraphs either: they only add facts to a target table, or refuse one."""
        if len(group) == 1 and not self.targets(group[0]).forms:
            return self.targets(group[0])
        return find_targets(group, paragraphs)


def programme_groups(grids: list[Grid], found: Found, parts: PartScans | None = None) -> list[list[Grid]]:
    """The tables of a file, one list per programme's 自评表, in order; `found` is the scan of them all.

    A Word file may hold several programmes' forms one after another (大英县's pages publish a
    unit's forms so), and one sheet or one table several stacked (a department's sheet of its
    programmes): read as one, the second form's indicators were set against the first's. The scan of
    the whole file says whether a second 项目名称 follows indicator rows and has its own
    (`Found.second_programme`); only then is each table scanned alone (a file of one programme, nearly
    every file, is scanned once). A table holding several forms is first cut into one part per form
    (`stacked_forms`). A table naming a programme other than the one the tables before it named,
    after those gave indicator rows (or a target table), starts the next programme; a table naming
    none (the form going on after a page break) stays with the one before it, unless a form title of
    its own stands right above it naming the programme (`bundle.titled_programme`: 宁晋县's form names
    its programme only there). `parts` keeps each part's scan for the caller that reads the parts next."""
    titled = {id(grid): name for previous, grid in pairwise(grids) if (name := titled_programme(grid, previous))}
    if not found.second_programme and found.other_row < 0 and not any(new_title(g, p) for p, g in pairwise(grids)):
        return [grids]
    parts = parts or PartScans(grids, found)
    groups: list[tuple[list[Grid], bool]] = []
    name, rows = "", False
    for grid, title in ((part, titled.get(id(table), "") if n == 0 else "") for table in grids
                        for n, part in enumerate(stacked_forms(table, parts.is_form, parts.found))):
        own = parts.found(grid)
        named = own.facts.get("name", "") or title  # a form named only by its title above the table
        if groups and rows and named and compact(named) != compact(name):
            name, rows = "", False
            groups.append(([], False))
        if not groups:
            groups.append(([], False))
        rows = rows or parts.is_form(grid)
        groups[-1] = ([*groups[-1][0], grid], rows)
        name = name or named
    merged: list[list[Grid]] = []
    for tables, has_rows in groups:  # a later table naming a programme but holding no indicators (a list
        if merged and not has_rows:  # of sub-projects) is part of the form it follows
            merged[-1].extend(tables)
        else:
            merged.append(tables)
    for before, after in pairwise(merged):  # a table of facts with no paragraph between it and the next
        while len(before) > 1 and not parts.is_form(before[-1]) and before[-1].paras_before == after[0].paras_before:
            after.insert(0, before.pop())  # form's table (历城's 「主管部门(盖章): 单位:万元」) is that form's head
    return merged


def paragraphs_of(groups: list[list[Grid]], paras: list[Para]) -> tuple[list[list[Para]], list[str]]:
    """The paragraphs of each programme: those after the last table of the programme before it
    (its title, above its first table) up to those after its own last table; the first programme's
    start at the file's top. And the texts after the last programme's table that are no form's own:
    only its notes, sign-off lines and signature are (`bundle.own_tail`, as after a disclosure's last
    form). The file's closing words about its forms as a whole name no programme: taken as the last
    one's, they would be listed as its 「未能归位的内容」 or, under a heading, published as its section."""
    starts = [0, *(group[-1].paras_before for group in groups[:-1])]
    end = own_tail(paras, groups[-1][-1].paras_before, len(paras))
    left = [p.text for p in paras[end:] if p.text.strip()]
    return [paras[a:b] for a, b in zip(starts, [*starts[1:], end], strict=True)], left


def _programmes(path: Path, groups: list[list[Grid]], paras: list[Para], headers: list[str],
                hints: Hints, parts: PartScans) -> Prepared:
    """One Prepared per programme's form of a file holding several, the first carrying the others.
    Each reads only its own tables and the paragraphs from its title to the next one's. A reader's
    note goes to the programmes it is about (`file_notes.place_notes`): the file's closing words and
    its notes about the whole file are said once, on the first programme's report that is read."""
    owns, left = paragraphs_of(groups, paras)
    items: list[tuple[Prepared, list[Grid]]] = []
    for n, (group, own) in enumerate(zip(groups, owns, strict=True), 1):
        targets = parts.targets_of(group, [p.text for p in own])
        if targets.forms:  # a 绩效目标表 stacked above or below the 自评表 (one sheet of a unit's forms)
            items += [(item, group) for item in _stacked_targets(path, n, len(groups), group, targets, hints)]
            continue
        found = parts.found_of(group)
        where = f"第 {n} 个自评表" + (f"：{found.facts['name']}" if found.facts.get("name") else "")
        report = FileReport(Path(f"{path}（{where}）"), form=(path, _part_label(where, group)))
        prose = split_prose(own) if own else Prose()
        try:
            head_goals(group, found)
            draft = assemble(path.name, found, prose, headers, hints)
        except ImportFailure as exc:
            report.failure = str(exc)
            items.append((Prepared(report), group))
            continue
        report.found, report.notes = draft.found, draft.notes
        report.notes.insert(0, f"本文件有 {len(groups)} 个项目的自评表，各自导入为一个文件；这是{where}")
        report.unplaced = unplaced(group, found.used) + _prose_unplaced(prose, draft)
        items.append((Prepared(report, draft), group))
    read = next((n for n, (item, _) in enumerate(items) if not item.report.failure), 0)
    place_notes((note for group in groups for grid in group for note in grid.notes),
                [(item.report.notes, {grid.label for grid in group}) for item, group in items], read)
    if left:
        items[read][0].report.notes.append(f"本文件{after_last(left)}")
    first, *rest = (item for item, _ in items)
    first.more = rest
    return first


def _part_label(where: str, group: list[Grid]) -> str:
    """A programme's form among a file's others, as a clerk finds it: its place and its tables
    (「第 2 个自评表：B，工作表「B」」, 「第 1 个表（绩效目标表）：A，表1、表2」)."""
    return f"{where}，{'、'.join(dict.fromkeys(grid.label for grid in group))}"


def _weight_sum_said_once(report: FileReport) -> None:
    """The import's note on weights short of 100 (crosscheck.weight_sums: each 一级指标's sum, the levels the
    form lacks, where its last indicator is) said as the check's error on the same sum, once: the error stays an
    error (the file will not pass perfsite check) and names the line of the written file, the note's words
    telling the clerk what to look for in the form."""
    note = next((n for n in report.notes if n.startswith(WEIGHT_SUM)), None)
    if note is None:
        return
    for n, problem in enumerate(report.problems):
        if problem.severity is Severity.ERROR and problem.message.startswith(WEIGHT_SUM) and note.startswith(problem.message):
            report.problems[n] = replace(problem, message=note)
            report.notes.remove(note)
            return


def _stacked_targets(path: Path, n: int, total: int, group: list[Grid], targets: Scan, hints: Hints) -> list[Prepared]:
    """The 绩效目标表 that is the `n`th of a file's `total` stacked forms, as `_targets` reads it alone
    (a department's list in it gives one document per programme), named by its place in the file."""
    first = _targets(path, group, targets, hints)
    items = [first, *first.more]
    first.more = []
    for item in items:
        name = item.draft.data.get("name", "") if item.draft is not None else ""
        where = f"第 {n} 个表（绩效目标表）" + (f"：{name}" if name else "")
        item.report.source = Path(f"{path}（{where}）")
        item.report.form = (path, _part_label(where, group))
        item.report.notes.insert(0, f"本文件有 {total} 个项目的表，各自导入为一个文件；这是{where}")
    return items


def _report(path: Path, grids: list[Grid], draft: Draft, used: set[tuple[str, int, int]]) -> Prepared:
    """A 绩效评价报告 (report_form): one `kind: 评价报告` file and its original."""
    report = FileReport(path, found=draft.found, notes=draft.notes, unplaced=unplaced(grids, used))
    return Prepared(report, draft)


def _untabled(readable: Path) -> tuple[list[Para], list[str]]:
    """(paragraphs, page headers) of a Word or PDF file the 自评 readers refused, ([], []) when it is
    neither or cannot be read as one."""
    if readable.suffix.lower() not in (".docx", ".pdf", ".ofd"):
        return [], []
    try:
        blocks, headers = document_blocks(readable)
    except ImportFailure:
        return [], []
    return [b for b in blocks if isinstance(b, Para)], headers


def _untabled_rectification(path: Path, paras: list[Para], hints: Hints) -> Prepared | None:
    """A 整改 report in prose without any table (the table readers refuse it): its documents, or None."""
    try:
        form = rectify_prose.read_untabled(path, paras)
    except ImportFailure as exc:
        return Prepared(FileReport(path, failure=str(exc)))
    return None if form is None else _rectification(path, [], form, hints)


def _untabled_report(path: Path, readable: Path, paras: list[Para], headers: list[str],
                     hints: Hints) -> Prepared | str:
    """A report without any table (the 自评 readers refuse it), written with what it says and its
    missing score table named; else what to add to the 自评 readers' failure ("" or a hint)."""
    try:
        evaluated = report_form.read_untabled(path, readable, paras, headers, hints)
    except ImportFailure as exc:
        return Prepared(FileReport(path, failure=str(exc)))
    return _report(path, [], *evaluated) if isinstance(evaluated, tuple) else evaluated or ""


def _department(path: Path, grids: list[Grid], paras: list[Para], headers: list[str], form: DepartmentForm,
                hints: Hints) -> Prepared:
    """A 部门整体 target table or self-evaluation: one department document."""
    report = FileReport(path)
    draft, used = assemble_department(path.name, form, grids, [p.text for p in paras], headers, hints)
    prose, why = untaken_sections(paras)
    report.found, report.notes = draft.found, [*draft.notes, *([why] if why else [])]
    report.unplaced = [*unplaced(grids, used), *prose]
    return Prepared(report, draft)


def _rectification(path: Path, grids: list[Grid], form: RectificationForm, hints: Hints) -> Prepared:
    """A 整改情况表: one 整改 document per programme it lists (a department's ledger holds several)."""
    prepared = _several(path, grids, by_programme(form), lambda one: assemble_rectification(path.name, one, hints),
                        lambda one: one.facts["name"], form.used)
    prepared.report.unplaced += form.unread
    return prepared


def template_sheets(grids: list[Grid]) -> tuple[list[Grid], dict[str, Grid]]:
    """(the other grids, the filled 绩效目标表, 部门整体自评 and 部门整体绩效目标表 sheets of a
    `perfsite template` workbook by label): each is a document of its own."""
    sheets = {g.label: g for g in grids if g.label in (TEMPLATE_TARGETS, TEMPLATE_DEPARTMENT,
                                                        TEMPLATE_DEPARTMENT_TARGETS)}
    return [g for g in grids if g.label not in sheets], sheets


def _template(path: Path, grids: list[Grid], headers: list[str], sheets: dict[str, Grid], hints: Hints) -> Prepared:
    """A filled template: its 自评 sheets as any 自评表; its 绩效目标表 sheet as a target table (the same
    programme's, written beside the 自评); its 部门整体自评 and 部门整体绩效目标表 sheets as a
    department's self-evaluation and target table. A template whose 自评 sheets were left empty
    gives the others alone."""
    extras: list[tuple[Prepared, str]] = []
    if TEMPLATE_TARGETS in sheets:
        sheet = sheets[TEMPLATE_TARGETS]
        found_targets = find_targets([sheet], [])
        targets = _targets(path, [sheet], found_targets, hints) if found_targets.forms else Prepared(FileReport(
            path, failure=f"{sheet.label}已填写，但找不到绩效指标（表头「三级指标」「指标值」下没有指标行）：请核对"))
        extras += [(item, sheet.label) for item in (targets, *targets.more)]
        targets.more = []
    for label, kind in ((TEMPLATE_DEPARTMENT, DocumentKind.DEPARTMENT_SELF_EVALUATION),
                        (TEMPLATE_DEPARTMENT_TARGETS, DocumentKind.DEPARTMENT_TARGETS)):
        if label in sheets:
            extras.append((_template_department(path, sheets[label], kind, hints), label))
    filled = _self_sheets_filled(grids)
    for item, label in extras:
        if filled or len(extras) > 1:  # each document of the workbook is named by its sheet, but the only one
            item.report.source = Path(f"{path}（{label}）")
    others = [item for item, _ in extras]
    if not filled:
        first, *rest = others
        first.more = rest
        return first
    report = FileReport(path)
    try:
        found = scan(grids)
        draft = assemble(path.name, found, Prose(), headers, hints)
    except ImportFailure as exc:
        report.failure = str(exc)
        return Prepared(report, more=others)
    _template_id(draft, grids, found)
    report.found, report.notes = draft.found, draft.notes
    report.unplaced = unplaced(grids, found.used)
    return Prepared(report, draft, more=others)


def _template_id(draft: Draft, grids: list[Grid], found: Found) -> None:
    """A template's 项目信息 sheet states a 网址编号 (place writes the file under it, where free); a
    published form's 项目编号 is the budget system's code, not a web address, and is not taken."""
    if any(g.label == TEMPLATE_FACTS for g in grids):
        draft.stated_id = str(found.facts.get("id") or "").strip()


def _template_department(path: Path, sheet: Grid, kind: DocumentKind, hints: Hints) -> Prepared:
    """The template's 部门整体自评 or 部门整体绩效目标表 sheet, read as the published form it copies."""
    report = FileReport(path)
    try:
        form = find_department([sheet], [])
        if form is None:
            title = DEPARTMENT_TITLE if kind is DocumentKind.DEPARTMENT_SELF_EVALUATION else DEPARTMENT_TARGET_TITLE
            raise ImportFailure(f"{sheet.label}已填写，但不是{title}的样子（缺少标题「{title}」）："
                                "请用 perfsite template 重新生成模板后再填")
        form.kind = str(kind)
        draft, used = assemble_department(path.name, form, [sheet], [], [], hints)
    except ImportFailure as exc:
        report.failure = str(exc)
        return Prepared(report)
    report.found, report.notes = draft.found, draft.notes
    report.unplaced = unplaced([sheet], used)
    return Prepared(report, draft)


def _self_sheets_filled(grids: list[Grid]) -> bool:
    """Whether a value was typed into the template's 项目信息 (column B) or 绩效指标 (below its header)."""
    labels = {bare(label) for label, _, _ in FACT_ROWS} | {bare(label) for label in BUDGET_ROWS}
    for grid in grids:
        if grid.label == TEMPLATE_FACTS and any(bare(row[0].own) in labels and any(cell.own for cell in row[1:])
                                                for row in grid.rows if row):
            return True
        if grid.label == TEMPLATE_INDICATORS and any(cell.own for row in grid.rows[1:] for cell in row):
            return True
    return False


def _targets(path: Path, grids: list[Grid], found: Scan, hints: Hints) -> Prepared:
    """A 绩效目标表: one programme's, or several (a department's list)."""
    return _several(path, grids, found.forms, lambda form: assemble_targets(path.name, form, hints),
                    lambda form: form.where, found.used)


def _several(path: Path, grids: list[Grid], forms: list[F], assemble: Callable[[F], Draft],
             where: Callable[[F], str], used: set[tuple[str, int, int]],
             said: Callable[[F], list[str]] | None = None) -> Prepared:
    """One Prepared per form of a file that holds several programmes' documents, the first carrying
    the others; a programme that cannot be made is that programme's failure only, with what the reader
    said of its form (`said`) kept."""
    items = []
    places = [where(form) for form in forms] if len(forms) > 1 else [""]  # a form alone is the file
    for n, (form, place) in enumerate(zip(forms, places, strict=True), 1):
        label = f"第 {n} 张，{place}"  # two forms of one sheet are told apart by their order
        report = FileReport(Path(f"{path}（{place if places.count(place) == 1 else label}）") if place else path,
                            form=(path, label) if place else None)
        items.append(assembled(report, lambda form=form: assemble(form), said(form) if said else None))
    items[0].report.unplaced = unplaced(grids, used)
    items[0].more = items[1:]
    return items[0]


def assembled(report: FileReport, make: Callable[[], Draft], said: list[str] | None = None) -> Prepared:
    """`report` with the draft `make` assembles, or with its refusal as the report's failure and what
    the reader said of the form (`said`) kept beside it: one programme of a file or an export that
    cannot be made fails alone, the others are imported."""
    try:
        draft = make()
    except ImportFailure as exc:
        report.failure = str(exc)
        report.notes = list(said or [])
        return Prepared(report)
    report.found, report.notes = draft.found, draft.notes
    return Prepared(report, draft)


FORM_SHEET_BYTES = 4_000_000
"""Sheet XML (uncompressed) beyond any form's: a 自评表 of a few dozen rows takes 20–100 KB, a
whole 部门 on one sheet (a few hundred rows) about 2 MB; an export of 1,000 programmes 14 MB."""


def _sheet_bytes(path: Path) -> int:
    """The largest sheet of an .xlsx, uncompressed, from the zip's directory (0 for a CSV, a damaged
    file or anything but a regular file: a FIFO would block the import, `sniff` reports it)."""
    import stat
    import zipfile

    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return 0
        with zipfile.ZipFile(path) as book:
            return max((i.file_size for i in book.infolist() if i.filename.startswith("xl/worksheets/")), default=0)
    except (zipfile.BadZipFile, OSError, ValueError):
        return 0


def _prose_only(paras: list[Para], headers: list[str]) -> tuple[Prose | None, dict[str, str]]:
    """The sections and title facts of a Word report without an indicator table, when it has both
    sections and a title naming the programme and the year (nothing less is matched to a form)."""
    prose = split_prose(paras)
    title = next((f for f in map(title_facts, [*prose.titles, *headers]) if f), {})
    if not prose.sections or not title.get("name") or not title.get("year"):
        return None, {}
    return prose, title


def worker_count(jobs: int | None, files: int) -> int:
    """One worker per core (or $PERFSITE_JOBS, as for the build); none for a few files."""
    workers = min(jobs or processes.jobs(), files)
    return workers if workers >= 2 and files >= PARALLEL_FROM and processes.can_fork() else 1


class Pool:
    """A forked pool of `workers` processes, or none: `map` gives results in order either way.

    A pool that breaks (a worker killed for memory, no processes left) is given up and the
    remaining items are done here, so a batch finishes whatever happens to its workers.
    """

    def __init__(self, workers: int) -> None:
        self.pool = ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) if workers > 1 else None
        self.started = False

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def map(self, fn: Callable[..., R], args: Iterable[tuple], chunksize: int = 2) -> Iterator[R]:  # type: ignore[type-arg]
        """`fn(*arg)` for each arg, in order. Each arg is handed to a worker as soon as `args` gives
        it, so work the caller does between args overlaps with the workers'."""
        source = iter(args)
        given: list[tuple] = []  # type: ignore[type-arg]

        def feed() -> Iterator[tuple]:  # type: ignore[type-arg]
            for arg in source:
                given.append(arg)
                yield arg

        done = 0
        if self.pool is not None:
            try:
                self._start()
                results = self.pool.map(_star, repeat(fn), feed(), chunksize=chunksize)
                load_words()  # the main process would only wait: load pypinyin now, with the workers started
                for item in results:
                    done += 1
                    yield item
                return
            except (BrokenProcessPool, OSError):
                self.pool.shutdown(cancel_futures=True)
                self.pool = None
        for arg in chain(given[done:], source):
            yield fn(*arg)

    def _start(self) -> None:
        """Fork every worker now, under signals_kept(): a Ctrl-C or SIGTERM then is not lost in the
        fork. Only the start is held: `ProcessPoolExecutor.map` takes all of `args` before it
        returns, and where they are placed as they are given (an export's programmes) a Ctrl-C
        held over the map waits until every one is placed: for an export of 500 programmes, a
        Ctrl-C at its first ends the import in 5.9–7.7 s held over the map, 0.03–0.10 s held over
        the start alone. With fork the executor starts all its workers at its first task, and no
        more after it."""
        assert self.pool is not None
        if not self.started:
            with processes.signals_kept():
                self.pool.submit(int)
            self.started = True


def _star(fn: Callable[..., R], args: tuple) -> R:  # type: ignore[type-arg]
    return fn(*args)


PASSED_OVER = (
    ((".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz"), "压缩包：请先解压后导入"),
    ((".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".gif", ".webp", ".heic"),
     "图片：扫描件请提供原件或先做文字识别"),
    ((".txt", ".md"), "文本文件：只导入表格和 Word/PDF 报告，请打开核对其中是否有需要录入的内容"),
)
"""What a folder may hold beside the forms, and what the clerk does about it: said, never skipped
unsaid (a zip may hold a unit's 自评表)."""
SILENT = frozenset({"thumbs.db", "desktop.ini", "__macosx"})
"""What systems leave in a folder (besides hidden files and Office's ``~$`` lock files): never a form."""


def expand(arguments: list[str], passed_over: list[str] | None = None) -> tuple[list[Path], list[str]]:
    """Files to import: files as given, folders searched (sorted) for every kind in SUPPORTED.

    Office's lock files (``~$报告.docx``), hidden files and what systems leave (`SILENT`) are
    skipped unsaid; every other file of a folder that is not imported is added to `passed_over`
    with what to do about it (`PASSED_OVER`). A folder with nothing to import and a missing path
    are returned as messages. An entry with a form's name that is no folder is imported even when
    it is no regular file (a link to a file not there, a link loop, a pipe): reading it fails with
    its reason, where skipping it would lose a unit's form unsaid.
    """
    files: list[Path] = []
    missing: list[str] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found: list[Path] = []
            for entry in sorted(path.rglob("*"), key=lambda p: p.relative_to(path).as_posix()):
                parts = entry.relative_to(path).parts
                if (any(part.startswith(LEFT_BY_TOOLS) or part.lower() in SILENT for part in parts) or entry.is_dir()
                        or page_asset(entry, path)):
                    continue
                if entry.suffix.lower() in SUPPORTED:
                    found.append(entry)
                elif passed_over is not None:
                    passed_over.append(f"{entry}（{_passed_over(entry)}）")
            if not found:
                zipped = next((e for e in path.rglob("*") if e.suffix.lower() == ".zip" and e.is_file()), None)
                missing.append(f"文件夹 {path} 中没有可导入的文件（{'、'.join(SUPPORTED)}）"
                               + (f"；{zipped.name} 是{zip_advice(zipped)}" if zipped is not None else ""))
            files.extend(found)
        elif passed_over is not None and (left := _left_by_office(path)):  # `perfsite import 收件/*.docx` matches them too
            passed_over.append(f"{path}（{left}）")
        else:
            files.append(path)
    if passed_over is not None:
        passed_over[:] = dict.fromkeys(passed_over)
    # a file given twice (a folder and a file in it, `收件/ 收件/补交/x.xlsx`) is one file: read twice it
    # would be refused as 「与本次导入的「x.xlsx」是同一项目」, the same programme as itself
    first: dict[str, Path] = {}
    for path in files:
        first.setdefault(os.path.abspath(path), path)
    return list(first.values()), missing


def _left_by_office(path: Path) -> str:
    """Why a file named on the command line is no unit's file (Office's ~$ owner file, Windows' Thumbs.db
    and desktop.ini, which a folder's import passes over unsaid); "" for any other name. A wildcard names
    them as well, and read, each would be 「文件已损坏……请重新从原件导出」, sending the clerk to the unit for nothing."""
    if path.name.startswith("~$") and path.is_file():
        return "Word/Excel 打开文件时留下的临时文件（锁定文件），不是报送的文件，不导入：关闭 Word/Excel 后它会自动删除"
    if path.name.lower() in SILENT and path.is_file():
        return "Windows 自动生成的文件（图片缩略图或文件夹设置），不是报送的文件，不导入"
    return ""


def _passed_over(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return zip_advice(path)
    from perfsite.importing.convert import UNICODE_TEXT, unicode_text, unreadable_type

    if suffix == ".txt" and unicode_text(path):  # a system's export saved as Excel's 「Unicode 文本」
        return UNICODE_TEXT
    return next((what for suffixes, what in PASSED_OVER if suffix in suffixes), unreadable_type(suffix))


def head_goals(grids: list[Grid], found: Found) -> None:
    """The 年度目标 a form's head gives under or beside its label (青神's 「项目年度目标」 over the
    text, C5 over C6) as the section 年度总体目标, when the scan found none: the label is one the
    绩效目标表 reader knows (`target_form._label_kind`, with a leading 项目 dropped), its text the first
    cell to its right or else the one below that is no label and no template instruction. A
    「…目标完成情况」 label gives 总体目标完成情况 the same way."""
    titles = {title for title, _ in found.sections}
    for grid in grids:
        for r, row in enumerate(grid.rows):
            for c, cell in enumerate(row):
                title = _goal_title(cell.own) if cell.own and (grid.label, r, c) not in found.used else None
                if title is None or title in titles:
                    continue
                at = next((pos for pos in _goal_texts(grid, r, c) if _goal_text(grid, pos, found)), None)
                if at is not None:
                    found.sections.append((title, grid.cell(*at).own.strip()))
                    found.used |= {(grid.label, r, c), (grid.label, *at)}
                    titles.add(title)


def _goal_title(text: str) -> str | None:
    word = bare(text).removeprefix("项目")
    if target_label(word) != ("goal", "annual_goal"):
        return None
    return "总体目标完成情况" if "完成" in word else "年度总体目标"


def _goal_texts(grid: Grid, r: int, c: int) -> Iterator[tuple[int, int]]:
    """Where a goal label's text may stand: the first filled cell to its right, the cell below."""
    right = next((k for k in range(c + 1, len(grid.rows[r])) if grid.rows[r][k].own), None)
    if right is not None:
        yield r, right
    if r + 1 < len(grid.rows) and c < len(grid.rows[r + 1]):
        yield r + 1, c


def _goal_text(grid: Grid, at: tuple[int, int], found: Found) -> bool:
    text = grid.cell(*at).own.strip()
    return (bool(text) and (grid.label, *at) not in found.used and target_label(bare(text).removeprefix("项目")) is None
            and not template_guidance(text))


def _prose_unplaced(prose: Prose, draft: Draft) -> list[str]:
    out = []
    for text in prose.titles:
        if (title_facts(text) or text.startswith("附件") or text == draft.data.get("name") or is_form_kind(text)
                or year_of_form_title(text) == str(draft.data.get("year"))):
            continue
        out.append(f"段落：{text[:60]}{'…' if len(text) > 60 else ''}")
    if draft.data.get("department") not in prose.signature:
        out.extend(f"落款：{line}" for line in prose.signature)
    return out


PLACED = {KIND: ("同一项目的绩效目标表", FILE_SUFFIX), RECTIFICATION: ("同一项目的整改情况", RECTIFICATION_SUFFIX),
          report_form.KIND: ("同一项目的评价报告", report_form.FILE_SUFFIX)}
"""A programme document of another kind than 自评: how a clash names it, and its file name's suffix
(beside the 自评 whose id it shares)."""


def _stated_claim(draft: Draft, claim: Claim, ids: IdRegistry, year: object) -> Claim:
    """The 网址编号 the file states (a template's 项目信息) as the programme's id, where it is an id
    and free in its year; else the id from the name's pinyin, with a note saying why."""
    stated = draft.stated_id
    if not is_id(stated):
        draft.notes.append(f"网址编号「{stated}」只能由小写字母、数字和连字符组成，未采用：本项目用 {claim.id}")
        return claim
    used, path = ids.holder(year, stated)
    if used:
        draft.notes.append(f"网址编号 {stated} 已由 {path or '另一个项目'} 使用，未采用：本项目用 {claim.id}")
        return claim
    return Claim(stated)


def place(draft: Draft, report: FileReport, options: Options, planned: set[Path]) -> Path:
    """The file this programme goes to, reserved for it in this run: its own file when the data
    tree already has it (refused without --force), else a new id under <年度>/<文件夹>/."""
    if is_department(draft):
        return _place_department(draft, report, options, planned)
    adopt_department(draft, options.ids)
    data = draft.data
    name, department, year = data["name"], data["department"], data["year"]
    kind = str(data.get("kind") or DEFAULT_KIND)
    claim = options.ids.claim(name, department, year, kind)
    if draft.stated_id and claim.existing is None and claim.sibling is None and not claim.planned_by:
        claim = _stated_claim(draft, claim, options.ids, year)
    what, suffix = PLACED.get(kind, ("同一项目", ""))
    if claim.planned_by:
        if places := _same_file(report, options.placed.get(claim.existing) if claim.existing else None):
            raise WriteRefused(f"与同一文件中的另一张表（{places[0]}）是{what}（{year} 年「{name}」，{department}），已按那张表写出，"
                               f"本表（{places[1]}）未导入：{TWO_TABLES}")
        raise WriteRefused(f"与本次导入的「{claim.planned_by}」是{what}（{year} 年「{name}」，{department}），"
                           "已按那个文件写出：同一项目只需导入一份")
    if claim.existing is not None and not options.force:
        report.exists = (f"{claim.existing} 已是{what}（{year} 年「{name}」，{department}），未覆盖"
                         "（确需用本次导入的结果替换请加 --force）")
    folder = claim.sibling.parent if claim.sibling is not None else options.out / str(year) / options.folder
    target = claim.existing or folder / f"{claim.id}{suffix}.yaml"
    if suffix:  # its file name is not its id: the id it shares with the 自评 is written
        items = list(data.items())
        data.clear()
        data.update([items[0], ("id", claim.id), *items[1:]])
    if isinstance(draft, report_form.ReportDraft):
        report_form.name_original(draft, claim.id, year)
    if report.exists:  # rendered only to compare: not reserved, so a later input is compared too, never "written"
        return target
    if claim.sibling is not None:
        draft.notes.append(f"与 {claim.sibling} 是同一项目同一年度的文件：共用网址编号 {claim.id}，写在它旁边")
    if target in planned:
        if places := _same_file(report, options.placed.get(target)):
            raise WriteRefused(f"{target} 已由同一文件中的另一张表（{places[0]}）写出：两张表得到同一个网址编号，"
                               f"本表（{places[1]}）未导入：{TWO_TABLES}")
        by = f"「{options.placed[target].source}」" if target in options.placed else "另一个文件"
        raise WriteRefused(f"{target} 已由本次导入的{by}写出：两份文件得到同一个网址编号，请给其中一份改文件名")
    if claim.displaced is not None:
        draft.notes.append(f"网址编号 {claim.displaced[0]} 已由 {claim.displaced[1]}（另一个项目）使用，本项目用 {claim.id}")
    if claim.existing is None and claim.sibling is None and claim.id != draft.stated_id and (
            note := unread_note("项目名称", str(name), f"网址编号 {claim.id}", "网址编号")):
        draft.notes.append(note)
    planned.add(target)
    options.placed[target] = report
    options.ids.keep(claim.id, name, department, year, target, str(report.source), kind)
    report.id = claim.id
    return target


def unread_note(what: str, name: str, where: str, change: str) -> str:
    """The note on a name whose id (a programme's 网址编号, a department's file name) leaves out
    characters pypinyin has no reading for (`unread_han`); "" for a name read whole. A 部门 name
    gets it as a programme name does: 「䃅溪镇𠮷祥村委员会」 made dixizhen-xiangcun-… with no word."""
    if not (unread := unread_han(name)):
        return ""
    return (f"{what}「{name}」中的「{'」「'.join(unread)}」没有拼音读音，{where} 中没有{'它们' if len(unread) > 1 else '它'}"
            f"（名称照原样写入，页面上照原样显示）：需要时把{change}改为别的写法")


def _place_department(draft: Draft, report: FileReport, options: Options, planned: set[Path]) -> Path:
    """A department document has no id: <年度>/<文件夹>/<部门的拼音>-bumen-zhengti-{mubiao,ziping}.yaml."""
    data = draft.data
    kind, year, department = str(data["kind"]), data["year"], str(data["department"])
    target = options.out / str(year) / options.folder / f"{readable_id(department)}{DEPARTMENT_SUFFIX[kind]}.yaml"
    what = "部门整体支出绩效自评表" if kind == str(DocumentKind.DEPARTMENT_SELF_EVALUATION) else "部门整体支出绩效目标表"
    if target in planned:
        raise WriteRefused(_placed_twice(target, report, options.placed.get(target), f"{year} 年{department}的{what}"))
    if target.exists() and not options.force:
        report.exists = f"{target} 已存在（{year} 年{department}的{what}），未覆盖（确需用本次导入的结果替换请加 --force）"
        return target
    if note := unread_note("部门名称", department, f"文件名 {target.name}", "文件名"):
        report.notes.append(note)
    planned.add(target)
    options.placed[target] = report
    report.id = target.stem
    return target


TWO_TABLES = "请对照原件核对两张是否相同；不同时请向填报单位问清以哪一张为准，把另一张从文件中删去后重新导入"
"""What the clerk does when one file holds two tables of the same programme (or department-year)."""


def _same_file(report: FileReport, other: FileReport | None) -> tuple[str, str, Path] | None:
    """(where `other`'s table stands, where `report`'s, the file) when both are tables of one input file."""
    if report.form is None or other is None or other.form is None or other.form[0] != report.form[0]:
        return None
    return other.form[1], report.form[1], report.form[0]


def _placed_twice(target: Path, report: FileReport, placed: FileReport | None, what: str) -> str:
    """The refusal of a 部门整体 form whose file `placed`'s form of this run already took (one
    department-year, one file): two forms of one input file are named by their places in it (that
    file holding the same department's form twice is no other file written)."""
    if places := _same_file(report, placed):
        return (f"{places[2].name} 中有两张{what}（「{places[0]}」和「{places[1]}」）："
                f"已按「{places[0]}」写出 {target}，「{places[1]}」未导入：{TWO_TABLES}")
    by = f"「{placed.source}」" if placed is not None else "另一个文件"
    return f"{target} 已由本次导入的{by}写出（{what}）：同一部门同一年度只需导入一份"


CHUNK = 200
"""Most programmes a worker finishes (renders, checks, writes) per task: one sync of their files
together, one message each way. Smaller when a batch is small, so each worker gets several."""


def chunk_size(total: int, workers: int) -> int:
    """At most `CHUNK`, and small enough for four chunks per worker."""
    return max(1, min(CHUNK, -(-total // (4 * max(workers, 1)))))


def _skip_or_refuse(report: FileReport, files: dict[Path, str]) -> None:
    """A programme whose file exists (no --force): skipped when the file holds exactly what this
    import renders (the same file imported again: a folder imported twice is no failure), else
    refused as `place` said. A file the clerk has since edited is refused: --force would lose the edits."""
    try:
        same = all(path.read_text(encoding="utf-8") == text for path, text in files.items())
    except (OSError, UnicodeDecodeError):
        same = False
    report.skipped = same
    report.failure = (f"已导入过，跳过：{next(iter(sorted(files, key=lambda p: p.suffix != '.yaml')))} 与本次导入的结果相同"
                      if same else report.exists)
    # the file on disk is the one just checked: its errors still stop perfsite check (its hints were said when it was written)
    report.written, report.total = [], ""
    report.problems = [p for p in report.problems if same and p.severity is Severity.ERROR]


class Finisher:
    """Renders, checks and writes placed programmes, a chunk at a time (in a batch's workers: nothing
    here depends on the other programmes); a context manager owning the batch's one scratch folder.

    The check reads the rendered YAML once (the reading `verify` compares) and scores that reading
    as `perfsite check` will; only a long table written to a CSV beside the YAML is checked from
    files, in the scratch folder: in /dev/shm where it can be written (making, writing and
    removing a folder on this machine's disk cost about 5 ms, in memory 0.3 ms), unless TMPDIR
    names the place for temporary files.
    """

    def __init__(self, site: SiteConfig, force: bool) -> None:
        self.site, self.force = site, force
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        self.scratch = Path()

    def __enter__(self) -> Finisher:
        shm = Path("/dev/shm")
        where = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) and not os.environ.get("TMPDIR") else None
        self._scratch = tempfile.TemporaryDirectory(dir=where, prefix="perfsite-import-")
        self.scratch = Path(self._scratch.name)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._scratch is not None:
            self._scratch.cleanup()

    def __getstate__(self) -> dict[str, object]:
        """What a worker needs (the folder is removed by the process that made it)."""
        return {**self.__dict__, "_scratch": None}

    def run(self, pool: Pool, placed: Iterable[tuple[Prepared, Path]], total: int,
            workers: int) -> Iterator[tuple[list[tuple[Prepared, Path]], list[FileReport]]]:
        """(chunk, its reports) in order, finished in `pool`; `placed` may be a generator still placing
        (about `total` programmes): each chunk goes to a worker as soon as it is full."""
        size = chunk_size(total, workers)
        parts: list[list[tuple[Prepared, Path]]] = []

        def cut() -> Iterator[tuple[list[tuple[Prepared, Path]]]]:
            part: list[tuple[Prepared, Path]] = []
            for item in placed:
                part.append(item)
                if len(part) == size:
                    parts.append(part)
                    yield (part,)
                    part = []
            if part:
                parts.append(part)
                yield (part,)

        for index, reports in enumerate(pool.map(self.finish, cut(), chunksize=1)):
            yield parts[index], reports

    def finish(self, chunk: list[tuple[Prepared, Path]]) -> list[FileReport]:
        """The chunk's reports, its files written together (a failure is one programme's, never the chunk's)."""
        batch = WriteBatch()
        staged: dict[int, FileReport] = {}
        try:
            for item, target in chunk:
                self._stage(item, target, batch, staged)
        except BaseException:  # Ctrl-C while the next is rendered: no temp file of those staged left behind
            batch.discard()
            raise
        for index, message in batch.commit().items():
            staged[index].failure, staged[index].written = message, []
        return [item.report for item, _ in chunk]

    def _stage(self, item: Prepared, target: Path, batch: WriteBatch, staged: dict[int, FileReport]) -> None:
        report = item.report
        assert item.draft is not None
        try:
            files = self._render(item.draft, report.source, target, report)
            _weight_sum_said_once(report)
            if report.exists:
                _skip_or_refuse(report, files)
                return
            csv_path = csv_beside(target)
            stale = [csv_path] if csv_path not in files and csv_path.exists() and self.force else []
            staged[batch.stage(files, self.force, remove=stale)] = report
            report.written = sorted(files, key=lambda p: p.suffix != ".yaml")
        except WriteRefused as exc:
            report.failure = str(exc)
            report.written = []

    def _render(self, draft: Draft, path: Path, target: Path, report: FileReport) -> dict[Path, str]:
        """The YAML (and the indicator CSV of a long table), checked as `perfsite check` will check them."""
        data = draft.data
        if isinstance(data.get("source"), str):  # a file name's line breaks and controls shown, as its bidi controls are
            data["source"] = one_line(data["source"])
        if is_targets(draft):
            return self._render_targets(draft, path, target, report)
        if is_department(draft):
            return self._render_department(draft, path, target, report)
        if data.get("kind") == RECTIFICATION:
            text, report.problems = render_rectification(draft, path.name, target, self.site)
            return {target: text}
        if isinstance(draft, report_form.ReportDraft):
            return report_form.render_report(draft, path, target, report, self.site)  # type: ignore[return-value]
        guess_rules(draft, self.site, target.stem)
        header = [f"由 perfsite import 从「{path.name}」导入。导入时的判断写在相关键上方的注释里，请核对后再提交。",
                  f"文件名 {target.stem} 即网址编号（id），取自原表的网址编号；改文件名即可改网址编号。"
                  if draft.stated_id == target.stem else
                  f"文件名 {target.stem} 即网址编号（id），由项目名称的拼音生成；可改为更短的拼音，改文件名即可。"]
        items = data["indicators"]
        assert isinstance(items, list)
        files: dict[Path, str] = {}
        csv_path = csv_beside(target)
        if len(items) > CSV_ROWS:
            del data["indicators"]
            header.append(f"指标表共 {len(items)} 项，写在旁边的 {csv_path.name} 中（可用 Excel 打开编辑）。")
            files[csv_path] = indicators_csv(items, {k: header_name(k) for k in HEADERS})
        text = dump(data, draft.comments, header)
        loaded = verify(text, data, target)
        files[target] = text
        report.problems, report.total = self._check(loaded, files, target)
        return files

    def _render_targets(self, draft: Draft, path: Path, target: Path, report: FileReport) -> dict[Path, str]:
        """A target table: written and read back as `perfsite check` reads it (nothing to score)."""
        header = [f"由 perfsite import 从「{path.name}」导入的项目支出绩效目标表。导入时的判断写在相关键上方的注释里，请核对后再提交。",
                  f"id {draft.data['id']} 与同一项目同一年度的自评表相同（网站据此把两者对应起来）；文件名 {target.name} 可以改。"]
        text = dump(draft.data, draft.comments, header)
        loaded = verify(text, draft.data, target)
        _, problems = document_of(loaded, target, str(target), self.site)
        report.problems = problems.items
        return {target: text}

    def _render_department(self, draft: Draft, path: Path, target: Path, report: FileReport) -> dict[Path, str]:
        """A 部门整体 document: rules chosen for the self-evaluation's rows as for a 自评's, then written
        and read back as `perfsite check` reads it; the self-evaluation is scored and its total reported."""
        if draft.data["kind"] == str(DocumentKind.DEPARTMENT_SELF_EVALUATION):
            guess_rules(programme_view(draft), self.site, target.stem)
        what = "部门整体支出绩效自评表" if draft.data["kind"] == str(DocumentKind.DEPARTMENT_SELF_EVALUATION) else "部门整体支出绩效目标表"
        header = [f"由 perfsite import 从「{path.name}」导入的{what}。导入时的判断写在相关键上方的注释里，请核对后再提交。",
                  f"部门整体文件没有 id：网站按 year 和 department 找到它；department 须与本部门项目的主管部门写法相同。"
                  f"文件名 {target.name} 可以改。"]
        text = dump(draft.data, draft.comments, header)
        loaded = verify(text, draft.data, target)
        document, problems = document_of(loaded, target, str(target), self.site)
        report.problems = problems.items
        if isinstance(document, DepartmentDocument) and document.evaluation is not None:
            scored = document.evaluation
            report.total = (f"{scored.total}（{scored.grade}）" if scored.total is not None and not scored.has_errors
                            else "无法计算（先改正下面的错误）")
        return {target: text}

    def _check(self, loaded: Loaded, files: dict[Path, str], target: Path) -> tuple[list[Problem], str]:
        """Score the rendered files exactly as `perfsite check` will."""
        if len(files) == 1:
            prog, problems = programme_of(loaded, target, str(target), self.site, beside=False)
        else:  # the reader reads a long table from the CSV beside the YAML
            folder = self.scratch / str(os.getpid())  # workers share the folder: one subfolder each
            folder.mkdir(exist_ok=True)
            for file, text in files.items():
                (folder / file.name).write_text(text, encoding="utf-8")
            try:
                prog, problems = read_programme(folder / target.name, self.site)
            finally:
                for file in files:
                    (folder / file.name).unlink()
        if prog is None:
            return problems.items, ""
        scored = score_programme(prog, self.site, problems)
        items = [Problem(p.severity, p.message, file=str(target), line=p.line, key=p.key,
                         published=p.published, computed=p.computed) for p in scored.problems]
        total = (f"{scored.total}（{scored.grade}）" if scored.total is not None and not scored.has_errors
                 else "无法计算（先改正下面的错误）")
        return items, total
