"""One file in, one checked programme file out (or a clear reason why not).

Order matters for "nothing half-written": read → recognise → assemble → choose rules → render →
check the rendered text with the core reader and scorer in a scratch folder → write atomically.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from perfsite.importing.assemble import Draft, Hints, assemble
from perfsite.importing.docx_reader import Para, read_docx
from perfsite.importing.grid import Cell, Grid
from perfsite.importing.labels import header_name
from perfsite.importing.rules_guess import guess_rules
from perfsite.importing.sniff import ImportFailure, sniff
from perfsite.importing.tables import scan, unplaced
from perfsite.importing.text import Prose, split_prose, title_facts
from perfsite.importing.writer import WriteRefused, dump, indicators_csv, verify, write_files
from perfsite.indicator_csv import HEADERS, MAX_BYTES, decode
from perfsite.problems import Problem, Severity
from perfsite.reader import csv_beside, read_programme
from perfsite.scoring import score_programme
from perfsite.siteconfig import SiteConfig

CSV_ROWS = 60
"""Above this many indicators the table goes to a CSV beside the YAML (easier to edit in Excel)."""
DEFAULT_FOLDER = "imported"


@dataclass
class Options:
    out: Path
    force: bool = False
    folder: str = DEFAULT_FOLDER
    hints: Hints = field(default_factory=Hints)


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

    @property
    def ok(self) -> bool:
        return not self.failure and not any(p.severity is Severity.ERROR for p in self.problems)


def read_any(path: Path) -> tuple[list[Grid], list[Para], list[str]]:
    """(grids, paragraphs, page headers) of a .docx, .xlsx, .csv or text .pdf; a .doc, .xls, .wps or
    .et is first converted by LibreOffice and then read as the .docx/.xlsx it becomes."""
    kind = sniff(path)
    if kind == "old":
        from perfsite.importing.convert import converted

        with converted(path) as new:
            try:
                grids, paras, headers = read_any(new)
            except ImportFailure as exc:
                raise ImportFailure(f"（经 LibreOffice 转换为 {new.suffix} 后）{exc}") from exc
        if not any(cell.text for grid in grids for row in grid.rows for cell in row):
            raise ImportFailure(f"经 LibreOffice 转换为 {new.suffix} 后没有任何内容：文件可能已损坏，"
                                "请在 Word/Excel/WPS 中打开原件核对，「另存为」.docx/.xlsx 后再导入")
        return grids, paras, headers
    if kind in ("docx", "pdf"):
        if kind == "docx":
            blocks, headers = read_docx(path)
        else:
            from perfsite.importing.pdf_reader import read_pdf

            blocks, headers = read_pdf(path)
        grids = [b for b in blocks if isinstance(b, Grid)]
        paras = [b for b in blocks if isinstance(b, Para)]
        if not grids:
            words = sum(len(p.text) for p in paras)
            what = "Word 文档" if kind == "docx" else "PDF（只认有框线的表格）"
            raise ImportFailure(f"{what}中没有任何表格（正文约 {words} 字{'，几乎没有文字' if words < 50 else ''}）："
                                "可能是扫描件或图片。请向填报单位索取可编辑的 Word/Excel 自评表")
        return grids, paras, headers
    if kind == "xlsx":
        from perfsite.importing.xlsx_reader import read_xlsx

        return read_xlsx(path), [], []
    if (size := path.stat().st_size) > MAX_BYTES:  # sniff made sure it is a regular file
        raise ImportFailure(f"CSV 文件过大（{size} 字节，指标表上限 {MAX_BYTES} 字节），拒绝读取：一个文件只放一个项目的指标表")
    return [_csv_grid(path)], [], []


def _csv_grid(path: Path) -> Grid:
    import csv
    import io

    try:
        text, _ = decode(path.read_bytes())
    except ValueError as exc:
        raise ImportFailure(str(exc)) from exc
    grid = Grid(f"CSV「{path.name}」")
    for r, row in enumerate(csv.reader(io.StringIO(text, newline=""))):
        grid.rows.append([Cell(v.strip(), "", f"第{r + 1}行第{c + 1}列") for c, v in enumerate(row)])
    return grid


def import_file(path: Path, options: Options, site: SiteConfig, planned: set[Path]) -> FileReport:
    report = FileReport(path)
    try:
        grids, paras, headers = read_any(path)
        found = scan(grids)
        prose = split_prose(paras) if paras else Prose()
        draft = assemble(path.name, found, prose, headers, options.hints)
        report.found, report.notes = draft.found, draft.notes
        report.unplaced = unplaced(grids, found.used) + _prose_unplaced(prose, draft)
        _write(draft, path, options, site, planned, report)
    except (ImportFailure, WriteRefused) as exc:
        report.failure = str(exc)
    return report


def _prose_unplaced(prose: Prose, draft: Draft) -> list[str]:
    out = []
    for text in prose.titles:
        if title_facts(text) or text.startswith("附件") or text == draft.data.get("name"):
            continue
        out.append(f"段落：{text[:60]}{'…' if len(text) > 60 else ''}")
    if draft.data.get("department") not in prose.signature:
        out.extend(f"落款：{line}" for line in prose.signature)
    return out


def _write(draft: Draft, path: Path, options: Options, site: SiteConfig, planned: set[Path], report: FileReport) -> None:
    from perfsite.importing.text import slug

    data = draft.data
    ident, how = slug(path.stem, str(data["name"]), str(data["department"]))
    target = options.out / str(data["year"]) / options.folder / f"{ident}.yaml"
    if target in planned:
        raise WriteRefused(f"{target} 已由本次导入的另一个文件写出：两份文件得到同一个网址编号，请给其中一份改文件名")
    guess_rules(draft, site, ident)
    header = [f"由 perfsite import 从「{path.name}」导入。导入时的判断写在相关键上方的注释里，请核对后再提交。",
              f"文件名 {ident} 即网址编号（id），{how}；可改为有意义的拼音（如 xiaoshenggui），改文件名即可。"]
    items = data["indicators"]
    assert isinstance(items, list)
    files: dict[Path, str] = {}
    csv_path = csv_beside(target)
    if len(items) > CSV_ROWS:
        del data["indicators"]
        header.append(f"指标表共 {len(items)} 项，写在旁边的 {csv_path.name} 中（可用 Excel 打开编辑）。")
        files[csv_path] = indicators_csv(items, {k: header_name(k) for k in HEADERS})
    text = dump(data, draft.comments, header)
    verify(text, data)
    files[target] = text
    report.problems, report.total = _check(files, target, site)
    stale = [csv_path] if csv_path not in files and csv_path.exists() and options.force else []
    write_files(files, options.force, remove=stale)
    planned.add(target)
    report.written = sorted(files, key=lambda p: p.suffix != ".yaml")


def _check(files: dict[Path, str], target: Path, site: SiteConfig) -> tuple[list[Problem], str]:
    """Read and score the rendered files exactly as `perfsite check` will, in a scratch folder."""
    with tempfile.TemporaryDirectory() as tmp:
        for file, text in files.items():
            (Path(tmp) / file.name).write_text(text, encoding="utf-8")
        prog, problems = read_programme(Path(tmp) / target.name, site)
        if prog is None:
            return problems.items, ""
        scored = score_programme(prog, site, problems)
    items = [Problem(p.severity, p.message, file=str(target), line=p.line, key=p.key,
                     published=p.published, computed=p.computed) for p in scored.problems]
    total = f"{scored.total}（{scored.grade}）" if scored.total is not None else "无法计算"
    return items, total
