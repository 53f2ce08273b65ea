"""Read a text PDF into the same paragraphs and grids as a Word report (pdfplumber).

A PDF has lines, not paragraphs, and ruled boxes, not tables. Tables are pdfplumber's ruled
tables; a cell pdfplumber leaves ``None`` is covered by a merged cell, which becomes a LEFT or
ABOVE continuation as in Word. An indicator table drawn without lines is refused, naming its
page: read as text its figures could land in the wrong columns. Lines outside the tables are
joined into paragraphs where the layout says a paragraph goes on (no indent, the line before ran
to the margin, no numbering such as 「一、」), so headings, the title and the total sentence are
found as in Word.

A table that runs over a page break is joined back: the table that opens a page continues the
one that closed the page before when its header row repeats or its columns are (some of) that
table's columns. Word cuts a row at the break (`cut_row` rejoins it); a spreadsheet program
moves the row whole but prints a merged cell's text at the middle of the merged range, beside
the table or over a repeated header, which is put back into the cell with a note (`_place`).

A scanned PDF (pages that are pictures without text) is refused: there is no OCR here.

pdfminer inflates every stream whole, so a 2 MB PDF holding a 2 GB stream of spaces took 880 MB
before failing under a 1 GB limit, and would take all memory without one. The PDF is therefore
read in a child process limited to `CHILD_MEMORY` and `CHILD_CPU`, which sends the blocks back as
JSON; a child stopped by a limit becomes a message.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from perfsite.importing.docx_reader import Block, Para
from perfsite.importing.extras import optional
from perfsite.importing.grid import ABOVE, LEFT, OWN, Cell, Grid, clean
from perfsite.importing.sniff import ImportFailure
from perfsite.importing.text import heading

CHILD_MEMORY = 1 << 30
"""Address space of the reading process: a 40-page report needs about 150 MB."""
CHILD_CPU = 60
"""CPU seconds of the reading process: a 12-page report takes about 2 s."""
_TOO_BIG = (f"PDF 内容过大或过于复杂（读取超过 {CHILD_MEMORY >> 20} MB 内存或 {CHILD_CPU} 秒），拒绝读取："
            "请向填报单位索取可编辑的 Word/Excel 自评表")
MAX_PAGES = 300
"""A self-evaluation report runs 5–40 pages; a department's bundle a few hundred."""
_PAGE_NUMBER = re.compile(r"^(?:[-—–·\s]*\d{1,4}[-—–·\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")
_SENTENCE_END = tuple("。；;！？!?：:")
_GAP = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) (?=\d)|(?<=\d) (?=[^\x00-\x7f])")
"""A space between two non-Latin characters, or a digit and a non-Latin one: the gap a fallback
font leaves around its glyphs (「③ 发现」, 「≥50 厘米」, 「驻保部队 8家」), never typed."""
RAGGED = 6
"""Characters a wrapped line may stop short of the right margin (see `_continues`)."""
_EDGE = 0.08
"""Top and bottom share of a page where page numbers, headers and footers stand."""


@dataclass
class _Line:
    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    chars: tuple[tuple[float, str], ...] = ()
    """Each character's middle and text: a line may run across a table's columns (`_stray`)."""


@dataclass
class _Table:
    page: int
    top: float
    bottom: float = 0.0
    columns: list[tuple[float, float]] = field(default_factory=list)
    """Each column's left and right edge."""
    cells: list[list[Cell]] = field(default_factory=list)
    raw: list[list[str | None]] = field(default_factory=list)
    """pdfplumber's texts unwrapped: None where a merged cell covers the position."""
    lines: list[list[str | None]] = field(default_factory=list)
    """pdfplumber's texts with their line breaks: how many lines each cell filled (`cut_row`)."""
    notes: list[str] = field(default_factory=list)
    """What the printed cells cannot show (a number Excel printed as ###)."""


def read_pdf(path: Path) -> tuple[list[Block], list[str]]:
    """(body blocks in reading order, running page headers), read in a limited child process;
    ImportFailure for a damaged, locked, scanned or oversized PDF."""
    package = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package, os.environ.get("PYTHONPATH")]))}
    child = subprocess.run([sys.executable, "-m", "perfsite.importing.pdf_reader", str(path)], env=env,
                           stdin=subprocess.DEVNULL, capture_output=True, check=False)
    try:
        answer = json.loads(child.stdout) if child.returncode == 0 else {}
    except ValueError:
        answer = {}
    if "failure" in answer:
        raise ImportFailure(answer["failure"])
    if "blocks" not in answer:
        raise ImportFailure(_TOO_BIG)  # killed by a limit, or out of memory on the way
    return [_from_json(b) for b in answer["blocks"]], list(answer["headers"])


def _to_json(block: Block) -> dict[str, object]:
    if isinstance(block, Para):
        return {"para": block.text, "outline": block.outline}
    return {"grid": block.label, "before": block.before, "notes": block.notes,
            "rows": [[[c.text, c.merged, c.ref] for c in row] for row in block.rows]}


def _from_json(data: dict) -> Block:  # type: ignore[type-arg]
    if "para" in data:
        return Para(data["para"], data["outline"])
    return Grid(data["grid"], [[Cell(*cell) for cell in row] for row in data["rows"]], data["before"], data["notes"], document=True)


def _child(path: Path) -> int:
    """The child's side: limits first, then read, answer on stdout."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CHILD_CPU, CHILD_CPU))
    try:
        blocks, headers = read_here(path)
        answer: dict[str, object] = {"blocks": [_to_json(b) for b in blocks], "headers": headers}
    except ImportFailure as exc:
        answer = {"failure": str(exc)}
    except MemoryError:
        answer = {"failure": _TOO_BIG}
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))
    return 0


def read_here(path: Path) -> tuple[list[Block], list[str]]:
    """Read in this process, without limits (the child's work; tests call it directly)."""
    pdfplumber = optional("pdfplumber")
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        with pdfplumber.open(str(path)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise ImportFailure(f"PDF 共 {len(pdf.pages)} 页，超过一份自评报告的上限（{MAX_PAGES} 页）："
                                    "请把各项目的报告拆成单独的文件后再导入")
            items, scanned, edges = _read_pages(pdf.pages)
            sheet = spreadsheet(pdf.metadata)
    except ImportFailure:
        raise
    except Exception as exc:  # pdfminer raises many kinds on a damaged file; pdfplumber wraps them
        if _caused_by(exc, MemoryError):
            raise ImportFailure(_TOO_BIG) from exc
        if _caused_by(exc, PDFPasswordIncorrect):
            raise ImportFailure("PDF 设置了打开密码，无法读取：请向填报单位索取未加密的文件") from exc
        raise ImportFailure(f"PDF 已损坏，无法读取（{type(exc).__name__}）：请重新导出或索取原文件") from exc
    if not any(isinstance(item, _Line) for item in items) and not any(isinstance(item, _Table) for item in items):
        if scanned:
            raise ImportFailure(f"这是扫描件（{len(scanned)} 页都是图片，没有文字），无法识别（不做文字识别）："
                                "请向填报单位索取可编辑的 Word/Excel 自评表，或由 Word 直接导出的 PDF")
        raise ImportFailure("PDF 中没有任何文字：请向填报单位索取可编辑的 Word/Excel 自评表")
    running = _running(items, edges)
    blocks = _blocks(items, edges, running, rows_cut=not sheet)
    grids = [b for b in blocks if isinstance(b, Grid)]
    if scanned and grids:
        pages = "、".join(str(p) for p in scanned)
        grids[0].notes.append(f"PDF 第 {pages} 页是图片（扫描件），其中的内容无法读取：若指标表在这些页上，"
                              "请向填报单位索取可编辑的原件")
    if scanned and not grids:
        raise ImportFailure(f"PDF 中没有可读的表格，第 {'、'.join(map(str, scanned))} 页是图片（扫描件），无法识别："
                            "请向填报单位索取可编辑的 Word/Excel 自评表")
    unruled = _unruled_header(items)
    if unruled and not any(_HEADER.search(cell.text) for grid in grids for row in grid.rows for cell in row):
        raise ImportFailure(f"PDF 第 {unruled} 页的指标表没有框线（各列只靠空格对齐），无法按表格读取，"
                            "以免把数字读进别的列：请向填报单位索取 Word/Excel 原件，或带框线打印的 PDF")
    return blocks, sorted(running)


_HEADER = re.compile(r"三级指标|指标名称|指标内容|具体指标")
"""The indicator header's name column (labels.py), without which no indicator table is found."""
_HEADER_FIGURES = re.compile(r"分值|权重|得分|标准分")


def _unruled_header(items: list[_Line | _Table]) -> int | None:
    """The first page whose text outside ruled tables names an indicator header's name and figure
    columns: a table drawn without lines, its header cells wrapped over several text lines."""
    text: dict[int, str] = {}
    for x in items:
        if isinstance(x, _Line):
            text[x.page] = text.get(x.page, "") + re.sub(r"\s+", "", x.text)
    return next((page for page, words in text.items()
                 if (_HEADER.search(words) or "三级" in words) and _HEADER_FIGURES.search(words)), None)


_SPREADSHEETS = re.compile(r"excel|calc|spreadsheet|电子表格|wps 表格", re.IGNORECASE)
"""The creator a spreadsheet program writes into the PDFs it prints (Microsoft Excel, LibreOffice Calc, WPS 表格)."""


def spreadsheet(metadata: dict[str, object]) -> bool:
    """Whether the PDF was printed by a spreadsheet program, which moves a row that does not fit
    to the next page whole: a row there that looks like the rest of the one above is a row."""
    return bool(_SPREADSHEETS.search(str(metadata.get("Creator") or "")))


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = exc
    for _ in range(20):
        if seen is None:
            return False
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _read_pages(pages) -> tuple[list[_Line | _Table], list[int], dict[int, float]]:  # type: ignore[no-untyped-def]
    """(lines and tables by page and position, scanned page numbers, each page's height)."""
    items: list[_Line | _Table] = []
    scanned: list[int] = []
    heights: dict[int, float] = {}
    for number, page in enumerate(pages, start=1):
        heights[number] = float(page.height)
        has_text = any(not c["text"].isspace() for c in page.chars)
        if not has_text:
            if page.images:
                scanned.append(number)
            continue
        found = page.find_tables()  # the slowest step: once per page
        tables = [t for t in (_table(x, number) for x in found) if t.cells]
        boxes = [x.bbox for x in found] if tables else []
        outside = page.filter(lambda obj, boxes=boxes: not any(_inside(obj, box) for box in boxes)) if boxes else page
        lines = [_Line(clean(x["text"]), number, x["x0"], x["x1"], x["top"], x["bottom"],
                       tuple(((c["x0"] + c["x1"]) / 2, c["text"]) for c in x["chars"]))
                 for x in outside.extract_text_lines(return_chars=True)]
        page_items: list[_Line | _Table] = [x for x in lines if x.text]
        page_items.extend(tables)
        page_items.sort(key=lambda x: x.top)
        items.extend(page_items)
    return items, scanned, heights


def _inside(obj, box) -> bool:  # type: ignore[no-untyped-def]
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return bool(box[0] <= x <= box[2] and box[1] <= y <= box[3])


def _table(table, page: int) -> _Table:  # type: ignore[no-untyped-def]
    """A pdfplumber table as rows of cells, covered positions as continuations of their owner."""
    lines = table.extract()
    raw = [[None if t is None else unwrap(t) for t in row] for row in lines]
    boxes = [row.cells for row in table.rows]
    columns = _columns(boxes, table.bbox)
    out = _Table(page, table.bbox[1], table.bbox[3], columns, raw=raw, lines=lines)
    for r, row in enumerate(raw):
        cells: list[Cell] = []
        for c, text in enumerate(row):
            ref = f"第{r + 1}行第{c + 1}列"
            if text is not None:
                if _HASHES.match(text):
                    out.notes.append(f"PDF 第 {page} 页表格{ref}印成「{text}」（列太窄，Excel 没有打印出数字）："
                                     "导入的是「#」而不是数字，请按原件改正")
                cells.append(Cell(text, OWN, ref))
                continue
            centre = (columns[c][0] + columns[c][1]) / 2 if c < len(columns) else 0.0
            owner = next((k for k in range(c - 1, -1, -1) if boxes[r][k] is not None), None)
            if owner is not None and boxes[r][owner][2] > centre:
                cells.append(Cell(cells[owner].text, LEFT, ref))  # the owner's box reaches this column
            elif out.cells and not _ruled_above(table, r, centre):
                cells.append(Cell(out.cells[-1][c].text if c < len(out.cells[-1]) else "", ABOVE, ref))
            else:
                cells.append(Cell("", OWN, ref))
        out.cells.append(cells)
    return out


def _columns(boxes: list[list[tuple[float, float, float, float] | None]], bbox: tuple[float, ...]) -> list[tuple[float, float]]:
    """Each column's left and right edge: where the cells that start in it start (pdfplumber's own
    columns stretch over the merged cells they hold)."""
    width = max((len(row) for row in boxes), default=0)
    lefts = [min((row[c][0] for row in boxes if c < len(row) and row[c] is not None), default=bbox[0]) for c in range(width)]
    return [(left, lefts[c + 1] if c + 1 < width else bbox[2]) for c, left in enumerate(lefts)]


def _ruled_above(table, r: int, x: float) -> bool:  # type: ignore[no-untyped-def]
    """Whether a rule separates row `r` from the row above at `x`: then a position without a box
    is a merged cell of its own whose box the page break left open (Excel draws no bottom line
    where a merged range runs on to the next page), not the cell above going on."""
    top = table.rows[r].bbox[1]
    return any(abs(edge["top"] - top) < 1.5 and edge["x0"] - 1 <= x <= edge["x1"] + 1
               for edge in table.page.horizontal_edges)


_HASHES = re.compile(r"^#+$")
"""What Excel prints for a number wider than its column."""


def unwrap(text: str) -> str:
    """A cell's lines are wrapping in a PDF (not paragraphs): rejoined without a space, except between
    two Latin letters, where the wrap took a space."""
    lines = [line.strip() for line in clean(text).split("\n") if line.strip()]
    out = ""
    for line in lines:
        if out and out[-1].isascii() and out[-1].isalpha() and line[0].isascii() and line[0].isalpha():
            out += " "
        out += line
    return _GAP.sub("", out)


def _running(items: list[_Line | _Table], heights: dict[int, float]) -> set[str]:
    """Page headers and footers: a line at the top or bottom edge repeated on at least half the pages
    (two at least), as Word repeats its header; kept apart from the body as Word's reader does."""
    pages: dict[str, set[int]] = {}
    for x in items:
        if isinstance(x, _Line) and _at_edge(x, heights[x.page]) and not _PAGE_NUMBER.match(x.text):
            pages.setdefault(x.text, set()).add(x.page)
    total = len({x.page for x in items})
    return {text for text, on in pages.items() if len(on) >= 2 and 2 * len(on) >= total}


def _at_edge(line: _Line, height: float) -> bool:
    return line.top < height * _EDGE or line.bottom > height * (1 - _EDGE)


def _blocks(items: list[_Line | _Table], heights: dict[int, float], running: set[str], *,
            rows_cut: bool = True) -> list[Block]:
    blocks: list[Block] = []
    para: list[_Line] = []
    last_table: tuple[_Table, Grid] | None = None
    tables = 0
    margins = _margins(items)

    def close() -> None:
        if para:
            blocks.append(Para(_join([x.text for x in para])))
            para.clear()

    strays: list[_Line] = []

    def text(line: _Line) -> None:
        if para and not _continues(para[-1], line, margins[line.page]):
            close()
        para.append(line)

    for item in items:
        if isinstance(item, _Line):
            if _at_edge(item, heights[item.page]) and (item.text in running or _PAGE_NUMBER.match(item.text)):
                continue
            if last_table is not None and _stray(last_table, item) is not None:
                strays.append(item)
                continue
            for line in [*strays, item]:
                text(line)
            strays.clear()
            last_table = None
            continue
        if last_table is not None and _continues_table(last_table[0], item, heights):
            _place(last_table, strays)
            strays.clear()
            _append(last_table[1], last_table[0], item, rows_cut=rows_cut)
            last_table = (item, last_table[1])
            continue
        for line in strays:
            text(line)
        strays.clear()
        close()
        tables += 1
        grid = Grid(f"表{tables}", [list(row) for row in item.cells], notes=list(item.notes), document=True)
        grid.before = next((b.text for b in reversed(blocks) if isinstance(b, Para) and b.text), "")
        blocks.append(grid)
        last_table = (item, grid)
    for line in strays:
        text(line)
    close()
    return blocks


def _stray(last: tuple[_Table, Grid], line: _Line) -> dict[int, str] | None:
    """The texts, by column, of the merged cells of the table that may go on over the page break
    which `line` holds: Excel prints a merged cell's text at the middle of the whole merged range,
    which a page break puts below the table on one page or above it on the next (two columns'
    texts side by side make one line). Only a line whose every character lies in a column whose
    cell at the break is merged from above (or empty) qualifies."""
    table, grid = last
    if not ((line.page == table.page and line.top >= table.top - 1) or line.page == table.page + 1):
        return None
    if not grid.rows or not line.chars:
        return None
    pieces: dict[int, str] = {}
    for middle, char in line.chars:
        column = next((c for c, (x0, x1) in enumerate(table.columns) if x0 <= middle <= x1), None)
        if column is None or column >= len(grid.rows[-1]):
            return None
        pieces[column] = pieces.get(column, "") + char
    for column in pieces:
        cell = grid.rows[-1][column]
        if cell.merged != ABOVE and cell.text:
            return None
    return {c: unwrap(text) for c, text in pieces.items() if unwrap(text)}


def _place(last: tuple[_Table, Grid], strays: list[_Line]) -> None:
    """Put the merged cells' texts found beside the table back into the cells at the page break.
    Excel prints such a text once on every page the range spans, each copy cut by the page's
    edge: the copies' lines are joined page by page, and a copy another holds is dropped."""
    found: dict[int, dict[int, str]] = {}
    for line in strays:
        for column, piece in (_stray(last, line) or {}).items():
            on_page = found.setdefault(column, {})
            on_page[line.page] = unwrap(f"{on_page.get(line.page, '')}\n{piece}")
    for column, copies in found.items():
        text = ""
        for copy in copies.values():
            if copy in text:
                continue
            text = copy if text in copy else unwrap(f"{text}\n{copy}")
        _retext(last[1], column, text, join=True)
        pages = "、".join(str(p) for p in sorted(copies))
        last[1].notes.append(f"PDF 第 {pages} 页：第{column + 1}列的合并单元格跨页，文字印在表格之外，"
                             f"已按位置放回为「{last[1].rows[-1][column].text}」：请对照原件核对")


def _margins(items: list[_Line | _Table]) -> dict[int, tuple[float, float]]:
    """Each page's text margins: the leftmost start and the rightmost end of its lines."""
    out: dict[int, tuple[float, float]] = {}
    for x in items:
        if isinstance(x, _Line):
            left, right = out.get(x.page, (x.x0, x.x1))
            out[x.page] = (min(left, x.x0), max(right, x.x1))
    return out


def _continues(prev: _Line, line: _Line, margins: tuple[float, float]) -> bool:
    """Whether `line` goes on with the paragraph `prev` ends."""
    size = max(prev.bottom - prev.top, 1.0)
    left, right = margins
    if heading(Para(line.text)) is not None:
        return False
    if line.page == prev.page and line.top - prev.bottom > 0.8 * size:
        return False
    if line.x0 > left + 1.5 * size:  # indented (a new paragraph) or centred (a title line)
        return _centred(prev, left, right, size) and _centred(line, left, right, size) and line.page == prev.page
    if prev.text.endswith(_SENTENCE_END) and prev.x1 < right - size:
        return False
    # The line before ran (nearly) to the margin. Left-aligned Chinese text stops up to five
    # characters short when the next character may not start a line (「（」 before 「〔」 was measured).
    return prev.x1 >= right - RAGGED * size


def _centred(line: _Line, left: float, right: float, size: float) -> bool:
    return line.x0 > left + 2 * size and abs((line.x0 - left) - (right - line.x1)) < 2 * size


def _join(lines: list[str]) -> str:
    return unwrap("\n".join(lines))


def _continues_table(prev: _Table, table: _Table, heights: dict[int, float]) -> bool:
    """The table opening this page continues the one that closed the page before (a table with
    fewer columns is laid on the other's columns here, `_realigned`)."""
    if table.page != prev.page + 1 or not table.raw or not prev.raw:
        return False
    if table.top > heights[table.page] * 0.25:  # something stands above it on the page
        return False
    width = max(len(r) for r in table.raw)
    return table.raw[0] == prev.raw[0] or width == max(len(r) for r in prev.raw) or _realigned(prev, table)


_ALIGN = 3.0
"""Points by which two pages' rules of the same column may differ."""


def _realigned(prev: _Table, table: _Table) -> bool:
    """Give `table` the columns of the table it continues, when its columns start where some of
    those start and it ends where they end: pdfplumber finds no column in a stretch without rules
    (a merged cell running on from the page before, 「得分合计」 merged over six columns on a page
    of its own). A column it lacks continues the cell to its left, or above where none is."""
    if not table.columns or not prev.columns or abs(table.columns[-1][1] - prev.columns[-1][1]) > _ALIGN:
        return False
    lefts = [x0 for x0, _ in prev.columns]
    where = [next((k for k, x in enumerate(lefts) if abs(x - x0) <= _ALIGN), None) for x0, _ in table.columns]
    if None in where or where != sorted(set(where)):  # type: ignore[type-var]
        return False
    cells, raw, lines = [], [], []
    for r, row in enumerate(table.cells):
        out: list[Cell | None] = [None] * len(lefts)
        texts: list[str | None] = [None] * len(lefts)
        wrapped: list[str | None] = [None] * len(lefts)
        for c, k in enumerate(where):
            if c < len(row):
                out[k], texts[k], wrapped[k] = row[c], table.raw[r][c], table.lines[r][c]
        for k, cell in enumerate(out):
            if cell is None:
                left = out[k - 1] if k else None
                ref = f"第{r + 1}行第{k + 1}列"
                out[k] = Cell(left.text, LEFT, ref) if left is not None and k > where[0] else Cell("", ABOVE, ref)
        cells.append([x for x in out if x is not None])
        raw.append(texts)
        lines.append(wrapped)
    table.cells, table.raw, table.lines, table.columns = cells, raw, lines, list(prev.columns)
    return True


def _append(grid: Grid, prev: _Table, table: _Table, *, rows_cut: bool = True) -> None:
    """Add a continuation's rows to the grid: repeated header rows dropped, a cut row rejoined
    (unless `rows_cut` is off: a spreadsheet never cuts a row at a page break)."""
    grid.notes.extend(table.notes)
    rows = [list(row) for row in table.cells]
    raw = list(table.raw)
    header = 0
    while header < min(len(raw), len(prev.raw)) and raw[header] == prev.raw[header]:
        header += 1
    if header == 0 and raw:
        bled = next((b for b in (_repeats(g, table.lines[0]) for g in reversed(grid.rows)) if b is not None), None)
        if bled is not None:  # a header row Excel repeats at the top of every page (print titles)
            header = 1
            for column, text in bled.items():
                _retext(grid, column, text, join=True)
                grid.notes.append(f"PDF 第 {table.page} 页：第{column + 1}列的合并单元格跨页，文字印进了重复的表头，"
                                  f"已放回为「{grid.rows[-1][column].text}」：请对照原件核对")
    rows, raw = rows[header:], raw[header:]
    if rows_cut and rows and grid.rows and cut_row(prev.lines[-1], table.lines[header]):
        last = grid.rows[-1]
        for c, cell in enumerate(rows[0]):
            if c < len(last) and cell.own:
                _retext(grid, c, unwrap(f"{last[c].text}\n{cell.own}"))
        rows, raw = rows[1:], raw[1:]
    start = len(grid.rows)
    for r, row in enumerate(rows):
        fixed = []
        for c, cell in enumerate(row):
            ref = f"第{start + r + 1}行第{c + 1}列"
            above = grid.rows[-1][c] if grid.rows and c < len(grid.rows[-1]) else None
            spans_down = r + 1 < len(raw) and c < len(raw[r + 1]) and raw[r + 1][c] is None
            covered = r == 0 and c < len(raw[0]) and raw[0][c] is None  # no box: the cell above goes on
            if r == 0 and not cell.text and cell.merged == OWN and (spans_down or covered) and above is not None \
                    and above.text:
                # a merged cell that runs over the break starts again, empty, on the new page
                fixed.append(Cell(above.text, ABOVE, ref))
            elif r == 0 and above is not None and cell.merged == OWN and _rest_of(above.text, cell.text):
                # ... or with the rest of its text, which did not fit on the page before
                _retext(grid, c, unwrap(f"{above.text}\n{cell.text}"))
                fixed.append(Cell(grid.rows[-1][c].text, ABOVE, ref))
            elif cell.merged == ABOVE and above is not None:
                fixed.append(Cell(above.text, ABOVE, ref))  # the row above may be on the page before
            elif cell.merged == LEFT and fixed:
                fixed.append(Cell(fixed[-1].text, LEFT, ref))
            else:
                fixed.append(Cell(cell.text, cell.merged, ref))
        grid.rows.append(fixed)


def _repeats(row: list[Cell], lines: list[str | None]) -> dict[int, str] | None:
    """Whether a page's first row (`lines`) repeats the header row `row` of the grid: each cell
    begins with the header's text; what follows it is a merged cell's text that Excel printed
    over the repeated row (returned by column). A header has three labels and no figure."""
    own = [cell.own for cell in row if cell.own]
    if len(own) < 3 or any(_FIGURE.match(text) for text in own) or len(lines) != len(row):
        return None
    bled: dict[int, str] = {}
    matched = 0
    for c, text in enumerate(lines):
        want = row[c].text
        parts = [x for x in (text or "").split("\n") if x.strip()]
        if not parts or text is None:
            continue
        if not want:
            return None
        n = next((n for n in range(1, len(parts) + 1) if unwrap("\n".join(parts[:n])) == want), None)
        if n is None:
            return None
        matched += 1
        if rest := unwrap("\n".join(parts[n:])):
            bled[c] = rest
    return bled if matched >= 3 else None


def cut_row(last: list[str | None], first: list[str | None]) -> bool:
    """A row the page break cut in two (texts with their line breaks, as pdfplumber gives them).

    The break cuts every cell of the row after the same number of lines, so the remainder has
    text only under cells that filled all of the lines the row had on its page; a figure cut in a
    narrow column (「98.7」 | 「0%」) is still a figure when rejoined; and the remainder keeps the
    row's merges across columns; and it leaves empty a figure or most of the cells the row finished
    on its page (or, the middle of a row cut twice, has text under the same cells as the part
    before). A new
    row whose 一级/二级 cells are merged over the break has figures of its own (「3.00」 under
    「3.00」), so it is not taken for a remainder."""
    if len(last) != len(first) or not any(first):
        return False
    filled = [c for c, t in enumerate(last) if t]
    going_on = [c for c, t in enumerate(first) if t]
    same = filled == going_on and "" in last  # the middle of a row over three pages
    finished = any(first[c] == "" and _FIGURE.match(unwrap(last[c] or "")) for c in filled)
    if not (same or finished or 2 * len(going_on) < len(filled)):
        return False  # a remainder leaves empty the 分值/得分 (or most cells) the row finished on its page
    height = max(_line_count(t) for t in last)
    for c, text in enumerate(first):
        before = last[c]
        if text is None and before is not None:
            return False
        if not text:
            continue
        if not before or _line_count(before) < height:
            return False
        if _FIGURE.match(unwrap(before)) and not _FIGURE.match(unwrap(f"{before}\n{text}")):
            return False
    return True


_FIGURE = re.compile(r"^[≥≤＞＜><=]?\s*[-+]?[\d,]*\.?\d+%?$")
"""A score, weight, rate or target figure (「3.00」, 「≥90%」)."""


def _line_count(text: str | None) -> int:
    return len([x for x in (text or "").split("\n") if x.strip()])


_OPEN, _CLOSE = "(（[【〔《", ")）]】〕》"


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += char in _OPEN
        depth -= char in _CLOSE
        if depth < 0:
            return False
    return depth == 0


def _rest_of(before: str, text: str) -> bool:
    """Whether `text`, opening a page under a merged cell, is the rest of that cell's text: a
    merged cell runs over the break with the text that did not fit (「效益指标(20」 | 「分)」). Only
    an unbalanced bracket tells: a new merged cell opening the page looks the same otherwise."""
    return bool(before and text) and not (_balanced(before) and _balanced(text)) and _balanced(before + text)


def _retext(grid: Grid, c: int, text: str, *, join: bool = False) -> None:
    """Give column `c`'s cell in the grid's last row, and the merged cells it continues, `text`
    (with `join`, after the text it has)."""
    had = grid.rows[-1][c].text if grid.rows and c < len(grid.rows[-1]) else ""
    if join and had and had != text:
        text = unwrap(f"{had}\n{text}")
    for row in reversed(grid.rows):
        if c >= len(row):
            return
        cell = row[c]
        row[c] = Cell(text, cell.merged, cell.ref)
        if cell.merged != ABOVE:
            return


if __name__ == "__main__":
    sys.exit(_child(Path(sys.argv[1])))
