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
A page break also leaves rules out: a browser draws a collapsed border once, a spreadsheet none
under a merged cell that runs on, so the rows at the break are closed where their side rules end
(`_open_ends`), and a row taller than a page lies on both pages' columns (`_realigned`).
Rectangles that shade rows are not rules (`_shading`): such a table is read as text and refused.
A table opening a page with a programme's name or a form's title after an indicator table is
another programme's form, not a continuation (`_opens_form`); a department prints its forms so.

Some layouts are read as the spreadsheet holds them, not as the lines they print: a form's facts
printed without rules above its table (「主管部门   X局      实施单位   Y中心」, labels maybe spread
over their cells) are a facts table of their own (`_fact_line`, `_spread`), not a paragraph that
runs label, value and the next label together; a running header printed on one line with a merged
cell's text is still the header (`_unmixed`). What cannot be read is said, cell by cell: text too
tall for its shrunk row overprints its neighbours' (`_overprinted`). A text layer naming Kangxi
radicals or compatibility ideographs for the characters the page shows (WPS: 「项⽬名称」) is read
as the page shows it, with a note (`_common`); full-width digits are left as printed. Text the
page does not show (drawn in the colour under it, a speck far below the page's size, or in a
rendering mode that paints nothing, or cut away by the clipping path) is left out and named by page and cell (`_unseen`), as the
Word and Excel readers leave theirs.

A scanned PDF (pages that are pictures without text) is refused: there is no OCR here. So is a
page whose text cannot be read back (`garbled`: a CID font without its ToUnicode map gives glyph
numbers, a GBK font read as Latin-1 gives 「ÏîÄ¿Ãû³Æ」): it is as good as a picture. A table
cell holding a few such characters is imported with a note naming its page and cell. Such pages
inside a readable PDF refuse it where the indicator table runs onto them (`_table_runs_into`):
their indicators would be lost without a trace; after the table's 总分 row (a scanned 盖章页)
or before it (a cover) the PDF is imported with a note.

pdfminer inflates every stream whole, so a 2 MB PDF holding a 2 GB stream of spaces took 880 MB
before failing under a 1 GB limit, and would take all memory without one. The PDF is therefore
read in a child process limited to `CHILD_MEMORY` and `CHILD_CPU`, which sends the blocks back as
JSON; a child stopped by a limit becomes a message.
"""

from __future__ import annotations

import bisect
import json
import math
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path

from perfsite.importing.datetext import form_date
from perfsite.importing.docx_reader import Block, Para
from perfsite.importing.extras import optional
from perfsite.importing.grid import ABOVE, LEFT, OWN, Cell, Grid, clean, compact, raised
from perfsite.importing.labels import (
    FACTS,
    LABEL_LINE,
    PROGRAMME_NAME,
    TEMPLATE_NAME,
    bare,
    column_key,
    is_total,
    match,
)
from perfsite.importing.pdf_columns import FOOT, split_failure, split_pages
from perfsite.importing.sniff import ImportFailure, Refused, logged
from perfsite.importing.text import heading
from perfsite.processes import in_fork

CHILD_MEMORY = 1 << 30
"""Address space the reading process may take beyond what it held when it started: a 40-page
report needs about 150 MB."""
CHILD_CPU = 60
"""CPU seconds of the reading process: a 12-page report takes about 2 s."""


def _too_big(page: int, pages: int) -> str:
    """What a clerk is told of a read stopped by `CHILD_MEMORY` or `CHILD_CPU` at `page` of `pages` (0: before the
    first page, opening the file; `pages` + 1: after the last, joining the tables): the page, and what to do. A
    bundle's one huge page (a map, a scanned 盖章页 at print resolution) may be left out; a form cannot."""
    said = f"PDF 内容过大或过于复杂（读取超过 {CHILD_MEMORY >> 20} MB 内存或 {CHILD_CPU} 秒）"
    ask = "请向填报单位索取可编辑的 Word/Excel 自评表"
    if 1 <= page <= pages:
        return (f"{said}，读到第 {page} 页（共 {pages} 页）时停止，拒绝读取：{ask}；若第 {page} 页不是自评表"
                f"（如附图、扫描的盖章页），也可以在 PDF 阅读器中删去这一页，另存后再导入")
    if page > pages > 0:
        return f"{said}，读完全部 {pages} 页后整理表格时停止，拒绝读取：{ask}，或把 PDF 按项目拆成几个文件后分别导入"
    return f"{said}，打开文件时停止，拒绝读取：{ask}"


MAX_PAGES = 300
"""A self-evaluation report runs 5–40 pages; a department's bundle a few hundred."""
_PAGE_NUMBER = re.compile(r"^(?:[-—–·\s]*\d{1,4}[-—–·\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$"
                          r"|^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+(?:上午|下午)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?(?:\s.*)?$"
                          r"|^(?:https?|file|about):\S*\s+\d+\s*/\s*\d+$")
"""A page number, or what a browser prints in the page's margins: the date and time before the
page's title at the top, the address and 「1/2」 at the bottom (on a single page too)."""
_SENTENCE_END = tuple("。；;！？!?：:")
_GAP = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) (?=\d)|(?<=\d) (?=[^\x00-\x7f])"
                  r"|(?<=[^\x00-\x7f]) (?=[,;!?)] ?[^\x00-\x7f])|(?<=[^\x00-\x7f][,;!?(]) (?=[^\x00-\x7f])"
                  r"|(?<=[^\x00-\x7f] [,;!?(]) (?=[^\x00-\x7f])")
"""A space between two non-Latin characters, or a digit and a non-Latin one: the gap a fallback
font leaves around its glyphs (「③ 发现」, 「≥50 厘米」, 「驻保部队 8家」), not typed; or beside a
half-width 「,」「;」「!」「?」 between two non-Latin characters, or inside a half-width bracket: a 两端对齐
line stretched before a word too long to break (an address) reads 「稳 定 , 年 内」, and kept, its
「稳定 , 年内」 would be published (tests/forms_pdf30/justified.pdf). A space typed after 「:」「.」「)」 or
before 「(」 (「联系人: 张三」「(一) 项目概况」) is kept: nothing in a paragraph's text tells it from
a gap. In a cell, a space the page draws as a character there is typed, and kept (`_typed_spaces`)."""
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
    runs: int = 1
    """Stretches of text the line holds apart from one another by a column's gap (`_runs_of`)."""
    parts: tuple[tuple[float, float, str], ...] = ()
    """Those stretches: left, right, text without spaces (`_parts_of`)."""


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
    closed: list[bool] = field(default_factory=list)
    """Each column: whether a rule closes its last row below (else its cell runs on over the break)."""
    rest_only: bool = False
    """Its rows are all the rest of the row the page break before cut: a row cut twice goes on (`cut_row`)."""
    rules: tuple[float, ...] = ()
    """The heights of its rows' top rules and its last row's bottom: a sheet's columns continued on
    the next page stand at the same heights (`pdf_columns`)."""
    room: list[float | None] = field(default_factory=list)
    """Its last row, each column: the width its cell's last line leaves empty before the cell's right
    edge, None without left-aligned text (`_room_left`)."""
    leads: list[list[float | None]] = field(default_factory=list)
    """Its first rows, each column: the width its cell's first line needs for its first word (`_lead`)."""
    spaced_ends: list[bool] = field(default_factory=list)
    """Its last row, each column: whether the page draws a space after its cell's last character, the text the page
    break cut going on after it (`_spaced_ends`)."""


def read_pdf(path: Path) -> tuple[list[Block], list[str]]:
    """(body blocks in reading order, running page headers), read in a limited child process;
    ImportFailure for a damaged, locked, scanned or oversized PDF.

    The child is forked from this process with pdfplumber already imported: a new interpreter
    spent 0.73–0.81 s of CPU starting and importing for a read of 0.10 s (a one-page form,
    measured 2026-12-06), every PDF of a batch again. Where there is no fork it is a new
    interpreter."""
    output, ok, reached = _forked(path) if hasattr(os, "fork") else _spawned(path)
    try:
        answer = json.loads(output) if ok else {}
    except ValueError:
        answer = {}
    if "failure" in answer:
        raise (Refused if answer.get("refused") else ImportFailure)(answer["failure"])
    if "blocks" not in answer:
        raise Refused(_too_big(*reached))  # killed by a limit, or out of memory on the way: not read again
    return [_from_json(b) for b in answer["blocks"]], list(answer["headers"])


_Reached = tuple[int, int]
"""The page the reading process has come to, and the pages in all (`_too_big`)."""


def _forked(path: Path) -> tuple[bytes, bool, _Reached]:
    """The child's answer, whether it ended well, and the page it came to: the child writes each page's number
    into memory it shares with this process, which a limit's kill leaves as it was."""
    import mmap
    import struct

    optional("pdfplumber")  # imported here once, not in each child
    import pdfminer.pdfdocument  # noqa: F401  (read_here's import, likewise)

    with mmap.mmap(-1, 8) as shared:
        def reach(page: int, pages: int) -> None:
            shared[:8] = struct.pack("<ii", page, pages)

        answer, code = in_fork(lambda: _answer(path, reach))
        page, pages = struct.unpack("<ii", shared[:8])
    return answer, code == 0, (page, pages)


_REACHED = re.compile(rb"^page (\d+)/(\d+)$", re.MULTILINE)
"""A spawned child's line on its error output for each page it comes to (`_child`)."""


def _spawned(path: Path) -> tuple[bytes, bool, _Reached]:
    package = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package, os.environ.get("PYTHONPATH")]))}
    child = subprocess.run([sys.executable, "-m", "perfsite.importing.pdf_reader", str(path)], env=env,
                           stdin=subprocess.DEVNULL, capture_output=True, check=False)
    reached = _REACHED.findall(child.stderr)
    return child.stdout, child.returncode == 0, (int(reached[-1][0]), int(reached[-1][1])) if reached else (0, 0)


def _to_json(block: Block) -> dict[str, object]:
    if isinstance(block, Para):
        return {"para": block.text, "outline": block.outline}
    return {"grid": block.label, "before": block.before, "notes": block.notes,
            "rows": [[[c.text, c.merged, c.ref, c.covered] for c in row] for row in block.rows]}


def _from_json(data: dict) -> Block:  # type: ignore[type-arg]
    if "para" in data:
        return Para(data["para"], data["outline"])
    return Grid(data["grid"], [[Cell(*cell) for cell in row] for row in data["rows"]], data["before"], data["notes"], document=True)


def _child(path: Path) -> int:
    """The spawned child's side: answer on stdout, each page it comes to on stderr (`_REACHED`)."""
    def reach(page: int, pages: int) -> None:
        sys.stderr.write(f"page {page}/{pages}\n")
        sys.stderr.flush()

    sys.stdout.buffer.write(_answer(path, reach))
    return 0


def _answer(path: Path, reach: Callable[[int, int], None]) -> bytes:
    """The child's work: limits first, then read, telling `reach` each page it comes to; the answer as JSON."""
    import resource

    memory = _address_space() + CHILD_MEMORY
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        memory = min(memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (memory, hard))
    resource.setrlimit(resource.RLIMIT_CPU, (CHILD_CPU, CHILD_CPU))
    reached = [0, 0]

    def tell(page: int, pages: int) -> None:
        reached[:] = page, pages
        reach(page, pages)

    try:
        blocks, headers = read_here(path, tell)
        answer: dict[str, object] = {"blocks": [_to_json(b) for b in blocks], "headers": headers}
    except ImportFailure as exc:
        answer = {"failure": str(exc), "refused": isinstance(exc, Refused)}
    except MemoryError:
        answer = {"failure": _too_big(*reached), "refused": True}
    return json.dumps(answer, ensure_ascii=False).encode("utf-8")


def _address_space() -> int:
    """Bytes of address space this process holds (0 where /proc does not say): a forked child
    starts with its parent's, and may take CHILD_MEMORY more."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def read_here(path: Path, reach: Callable[[int, int], None] | None = None) -> tuple[list[Block], list[str]]:
    """Read in this process, without limits (the child's work; tests call it directly), telling `reach` each page
    it comes to and the pages in all, then the pages + 1 when it joins their tables."""
    pdfplumber = optional("pdfplumber")
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    reached = [0, 0]
    try:
        # pdfplumber decodes an annotation's /Contents as UTF-8 or UTF-16 and otherwise raises (a
        # PDFDocEncoding 「\225」): the page's annotations would go unread; `_name` decodes them
        with pdfplumber.open(str(path), raise_unicode_errors=False) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise Refused(f"PDF 共 {len(pdf.pages)} 页，超过一份自评报告的上限（{MAX_PAGES} 页）："
                                    "请把各项目的报告拆成单独的文件后再导入")
            reached[1] = len(pdf.pages)

            def tell(page: int) -> None:
                reached[0] = page
                if reach is not None:
                    reach(page, len(pdf.pages))

            items, scanned, unreadable, edges, turned, alike = _read_pages(pdf.pages, tell)
            tell(len(pdf.pages) + 1)
            sheet = spreadsheet(pdf.metadata)
    except ImportFailure:
        raise
    except Exception as exc:  # pdfminer raises many kinds on a damaged file; pdfplumber wraps them
        if _caused_by(exc, MemoryError):
            raise Refused(_too_big(*reached)) from exc
        if _caused_by(exc, PDFPasswordIncorrect):
            raise ImportFailure("PDF 设置了打开密码，无法读取：请向填报单位索取未加密的文件") from exc
        raise ImportFailure(damaged(path, exc)) from exc
    if not any(isinstance(item, _Line) for item in items) and not any(isinstance(item, _Table) for item in items):
        if unreadable:
            raise ImportFailure(f"PDF 的文字无法识别：{_why(unreadable)}{'，其余是图片（扫描件）' if scanned else ''}"
                                f"{_ask(unreadable)}")
        if scanned:
            raise ImportFailure(f"这是扫描件（{len(scanned)} 页都是图片，没有文字）：无文字层，无法读取：{_ASK}")
        raise ImportFailure(f"PDF 中没有任何文字：{_ASK}")
    tables = [x for x in items if isinstance(x, _Table)]
    if sheet and (split := split_pages([(x.page, x.rules, x.columns) for x in tables], edges,
                                       {x.page for x in tables if _names_programme(x)})):
        raise ImportFailure(split_failure(split))
    running = _running(items, edges)
    items = _unmixed(items, edges, running)
    grid_of: dict[int, Grid] = {}
    blocks = _blocks(items, edges, running, rows_cut=not sheet, grid_of=grid_of)
    grids = [b for b in blocks if isinstance(b, Grid)]
    if unreadable and not grids:
        raise ImportFailure(f"PDF 中没有可读的表格，文字无法识别：{_why(unreadable)}{_ask(unreadable)}")
    if grids and (scanned or unreadable):
        lost = {**{p: "是图片（扫描件）" for p in scanned}, **{p: f"{r}" for p, r in unreadable.items()}}
        if cut := _table_runs_into(items, sorted(lost), edges, running, grid_of):
            pages, why = cut
            raise ImportFailure(f"PDF 第 {_pages(pages)} 页{lost[pages[0]]}，无法读取，而指标表{why.format(_these(pages))}："
                                f"{_these(pages)}上的指标读不出来，导入会漏掉指标，因此拒绝导入。请向填报单位索取可编辑的 "
                                f"Word/Excel 原件，或把第 {_pages(pages)} 页做文字识别（OCR）后再导入")
        grids[0].notes.extend(_gap_notes(items, lost, grid_of))
    if grids and alike:
        grids[0].notes.append(_alike_note(alike))
    for how in dict.fromkeys(turned.values()) if grids else ():
        grids[0].notes.append(f"PDF 第 {_pages([p for p, h in turned.items() if h == how])} 页的内容{how}，"
                              "已按转正后的方向读取：请对照原件核对")
    if scanned and not grids:
        raise ImportFailure(f"PDF 中没有可读的表格，第 {'、'.join(map(str, scanned))} 页是图片（扫描件），无法识别："
                            "请向填报单位索取可编辑的 Word/Excel 自评表")
    unruled = _unruled_header(items)
    if unruled and not any(_HEADER.search(cell.text) for grid in grids for row in grid.rows for cell in row):
        raise ImportFailure(f"PDF 第 {unruled} 页的指标表没有框线（各列之间没有竖线，只靠空格对齐；只有横线的三线表也是这样），"
                            "无法按表格读取，"
                            "以免把数字读进别的列：请向填报单位索取 Word/Excel 原件，或带框线打印的 PDF")
    return blocks, sorted(running.values())


def _alike_note(alike: dict[int, dict[str, str]]) -> str:
    """「PDF 第 1、2 页的文字中有同形的康熙部首、兼容汉字或连字（「⾦」→「金」…）…」"""
    pairs = {odd: common for changed in alike.values() for odd, common in changed.items()}
    shown = "、".join(f"「{odd}」→「{common}」" for odd, common in list(pairs.items())[:6])
    return (f"PDF 第 {_pages(sorted(alike))} 页的文字层中有与常用字同形的康熙部首、兼容汉字或连字（{shown}"
            f"{'等' if len(pairs) > 6 else ''}，常见于 WPS 导出的 PDF），已按页面上看到的常用字读取：请对照原件核对")


def _table_runs_into(items: list[_Line | _Table], lost: list[int], heights: dict[int, float],
                     running: dict[str, str], grid_of: dict[int, Grid]) -> tuple[list[int], str] | None:
    """The first run of unreadable pages the indicator table runs into, and how that shows: the
    table is the last thing before them and has no 总分/合计 row yet, or a table without a header
    of its own (or with only the header the printing program repeats) opens the page after them
    while no indicator table was complete before. Its rows there would be lost without a trace:
    the rows after the gap are read as a table of their own, or as more of the table before."""
    body = [x for x in items if not (isinstance(x, _Line) and _margin(x, heights, running))]
    for run in _runs(lost):
        before = [x for x in body if x.page < run[0]]
        after = [x for x in body if x.page > run[-1]]
        last = before[-1] if before and isinstance(before[-1], _Table) else None
        if last is not None and _has_header(grid_of[id(last)]) and not _complete(grid_of[id(last)]):
            return run, f"在第 {last.page} 页到页末还没有总分/合计行，应接着印在{{}}上"
        first = after[0] if after and isinstance(after[0], _Table) else None
        if first is not None and first.page == run[-1] + 1 and first.top <= heights[first.page] * 0.25 \
                and not any(_complete(grid_of[id(x)]) for x in before if isinstance(x, _Table)) \
                and _midway(first):
            return run, f"在第 {first.page} 页开头接着{{}}上的行继续（那里的表格没有自己的标题和表头）"
    return None


def _gap_notes(items: list[_Line | _Table], lost: dict[int, str], grid_of: dict[int, Grid]) -> list[str]:
    """What the import says of unreadable pages it went past: after a complete indicator table
    (a signature or 盖章 page), or elsewhere (a cover, a picture)."""
    notes = []
    for run in _runs(sorted(lost)):
        what = "；".join(f"第 {_pages([p for p in run if lost[p] == why])} 页{why}" for why in dict.fromkeys(lost[p] for p in run))
        done = next((x.page for x in items if isinstance(x, _Table) and x.page < run[0] and _complete(grid_of[id(x)])), None)
        if done is not None:
            notes.append(f"PDF {what}，没有导入：指标表在第 {done} 页已到总分/合计行，{_these(run)}在表格之后"
                         f"（如签字、盖章页）：请对照原件核对{_these(run)}上没有指标")
        else:
            notes.append(f"PDF {what}，其中的内容没有导入：若指标表在{_these(run)}上，请向填报单位索取可编辑的原件")
    return notes


def _these(pages: list[int]) -> str:
    return "这一页" if len(pages) == 1 else "这些页"


def _runs(pages: list[int]) -> list[list[int]]:
    """Consecutive page numbers grouped: [2, 3, 5] → [[2, 3], [5]]."""
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return runs


def _margin(line: _Line, heights: dict[int, float], running: dict[str, str]) -> bool:
    """A page number or a running header or footer, not the body."""
    return _at_edge(line, heights[line.page]) and (_numberless(line.text) in running or bool(_PAGE_NUMBER.match(line.text)))


def _header_row(grid: Grid) -> int | None:
    return next((r for r, row in enumerate(grid.rows) if any(_HEADER.search(compact(c.own)) for c in row)), None)


def _has_header(grid: Grid) -> bool:
    return _header_row(grid) is not None


def _complete(grid: Grid) -> bool:
    """Whether an indicator table has come to its 总分/合计 row (below its header)."""
    header = _header_row(grid)
    return header is not None and any(is_total(c.own) for row in grid.rows[header + 1:] for c in row if c.own)


def _midway(table: _Table) -> bool:
    """Whether a table opening a page goes on with one before it: it has no header, or opens with
    one (the header row a printing program repeats on every page, with no title rows above it)."""
    header = next((r for r, row in enumerate(table.raw) if any(_HEADER.search(compact(t or "")) for t in row)), None)
    return header is None or header == 0


_HEADER = re.compile(r"三级指标|指标名称|指标内容|具体指标")
"""The indicator header's name column (labels.py), without which no indicator table is found."""
_HEADER_FIGURES = re.compile(r"分值|权重|得分|标准分|指标值|完成值")
"""An indicator header's figure columns: its points, or its target and actual (a form scored
elsewhere prints only 「年度指标值 | 全年实际完成值」)."""


def _unruled_header(items: list[_Line | _Table]) -> int | None:
    """The first page whose text outside ruled tables names an indicator header's name and figure
    columns: a table drawn without lines, its header cells wrapped over several text lines. Only
    lines laid out in columns count (text parted by gaps): a report's sentence 「三级指标 25 个，
    综合得分 92 分」 runs on as prose and names no column."""
    text: dict[int, str] = {}
    for x in items:
        if isinstance(x, _Line) and x.runs > 1:
            text[x.page] = text.get(x.page, "") + re.sub(r"\s+", "", x.text)
    return next((page for page, words in text.items()
                 if (_HEADER.search(words) or "三级" in words) and _HEADER_FIGURES.search(words)), None)


_SPREADSHEETS = re.compile(r"excel|calc|spreadsheet|电子表格|wps 表格", re.IGNORECASE)
"""The creator a spreadsheet program writes into the PDFs it prints (Microsoft Excel, LibreOffice Calc, WPS 表格)."""


def spreadsheet(metadata: dict[str, object]) -> bool:
    """Whether the PDF was printed by a spreadsheet program, which moves a row that does not fit
    to the next page whole: a row there that looks like the rest of the one above is a row."""
    return bool(_SPREADSHEETS.search(str(metadata.get("Creator") or "")))


TAIL = 1024
"""Bytes at a PDF's end within which the ``%%EOF`` marker stands (the standard's own allowance)."""


def damaged(path: Path, exc: BaseException) -> str:
    """The clerk's sentence for a PDF the reader cannot open: what is wrong in words a clerk can act
    on (a file cut short, by a download or an attachment not finished, lacks the end marker; any
    other is damaged inside), never the parser's exception class, which goes to the log (`logged`)."""
    try:
        with path.open("rb") as fh:
            fh.seek(max(0, path.stat().st_size - TAIL))
            whole = b"%%EOF" in fh.read()
    except OSError:
        whole = True
    what = ("文件内部的结构有误（生成它的程序有问题，或文件在传送中损坏）" if whole
            else "文件不完整，缺了结尾部分（常因下载、复制或邮件附件没有传完）")
    return f"PDF 已损坏，无法读取：{what}：请在 PDF 阅读器中打开核对，打不开的请重新导出或向填报单位索取原文件" + logged(exc, path)


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = exc
    for _ in range(20):
        if seen is None:
            return False
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


_ASK = "请提供 Excel 或 Word 原件（可编辑的 Word/Excel 自评表），或先做文字识别（OCR）后再导入"


def _pages(numbers: list[int]) -> str:
    return "、".join(map(str, numbers))


_GARBLED, _TURNED = "的字体缺少字符对照表，取出的是乱码", "的文字转了 90° 横躺着（页面没有标明旋转）"
_UPENDED = "的文字上下颠倒，方向不一"
_SIDEWAYS, _UPSIDE_DOWN = "转了 90° 横躺着（页面没有标明旋转）", "上下颠倒（转了 180°）"
"""How a page read turned upright stood (`_upright`)."""
_DRAWN = "的字是 PDF 自己画出的字形，取出的只是一串字母，没有一个汉字"
_OUTLINED = "没有文字层，页面上的字是画出来的线条（文字「转曲」成了图形，或扫描后转成了矢量图），一个字也取不出"
OUTLINED = 200
"""Curves a page without text or pictures must draw to be taken for text turned into outlines: each character
drawn is several (a table's rules are lines and rectangles, not curves)."""


def _why(unreadable: dict[int, str]) -> str:
    """「第 1、2 页的字体缺少字符对照表，取出的是乱码；第 3 页的文字转了 90° …」"""
    reasons = dict.fromkeys(unreadable.values())
    return "；".join(f"第 {_pages([p for p, r in unreadable.items() if r == reason])} 页{reason}" for reason in reasons)


def _ask(unreadable: dict[int, str]) -> str:
    if set(unreadable.values()) <= {_TURNED, _UPENDED}:  # a reader's 「旋转」 writes /Rotate, which pdfminer follows
        return "：请在 PDF 阅读器中把这些页转正（旋转）后另存，或提供 Excel 或 Word 原件"
    return f"，与没有文字层的扫描件一样：{_ASK}"


SIDEWAYS = 0.5
"""Share of a page's characters turned sideways beyond which the page is taken as turned."""


_UNREADABLE = re.compile(r"^\(cid:\d+\)$|[\ue000-\uf8ff\ufffd\U000f0000-\U0010ffff]")
"""What pdfminer gives for a glyph it cannot map to a character: the glyph's number, a
private-use code point or the replacement character."""
_LATIN1 = re.compile(r"^[\u00a0-\u00ff]$")
_CJK = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]$")
GARBLED = 0.3
"""Share of a page's characters beyond which its text is taken as unreadable."""


def garbled(texts: list[str]) -> bool:
    """Whether a page's characters (pdfminer's texts) are mostly glyph numbers or private-use
    code points, or Latin-1 letters with hardly any Chinese (GBK bytes read through a Western
    encoding): text no one can read, though it is there."""
    texts = [t for t in texts if not t.isspace()]
    if len(texts) < 10:
        return False
    bad = sum(1 for t in texts if _UNREADABLE.search(t))
    latin = sum(1 for t in texts if _LATIN1.match(t))
    chinese = sum(1 for t in texts if _CJK.match(t))
    return bad > GARBLED * len(texts) or (latin > GARBLED * len(texts) and chinese < latin / 10)


def _drawn_letters(page) -> bool:  # type: ignore[no-untyped-def]
    """Whether a page's text is Latin letters without one Chinese character, all in Type3 fonts (glyphs the PDF
    draws itself, named as its maker liked): a Chinese form printed so reads 「abcdefghijkl」, text as unreadable as
    glyph numbers (`garbled`) but made of letters. A Type3 font whose glyphs are named for their characters
    (「uni4E00」) reads as Chinese and is not this."""
    from pdfminer.pdftypes import resolve1

    texts = [c["text"] for c in page.chars if not c["text"].isspace()]
    if len(texts) < 10 or any(_CJK.match(t) for t in texts):
        return False
    if sum(t.isascii() and t.isalpha() for t in texts) <= GARBLED * len(texts):
        return False
    fonts = resolve1((page.page_obj.resources or {}).get("Font")) or {}
    kinds = {str(getattr(resolve1(font).get("Subtype"), "name", "")) for font in fonts.values()
             if isinstance(resolve1(font), dict)} if isinstance(fonts, dict) else set()
    return kinds == {"Type3"}


def _read_pages(pages, reach: Callable[[int], None] = lambda page: None  # type: ignore[no-untyped-def]
                ) -> tuple[list[_Line | _Table], list[int], dict[int, str], dict[int, float], dict[int, str],
                           dict[int, dict[str, str]]]:
    """(lines and tables by page and position, scanned page numbers, the pages whose text cannot be
    read and why, each page's height, the pages read turned upright and how they stood, the look-alike characters read
    as the common ones by page, `_common`), telling `reach` each page's number as it comes to it.

    A landscape sheet a printer driver stored on a portrait page by turning its drawing (a
    rotated CTM) without saying so (/Rotate) holds sideways characters: read as it stands its
    table comes out transposed, each cell's text backwards. Such a page is read as a reader's
    「旋转」 would show it (`_upright`); one that stays sideways (text turned several ways) is not read. So is a
    page standing upside down."""
    items: list[_Line | _Table] = []
    scanned: list[int] = []
    unreadable: dict[int, str] = {}
    heights: dict[int, float] = {}
    turned: dict[int, str] = {}
    alike: dict[int, dict[str, str]] = {}
    pending: list[str] = []  # notes on unseen text before the first table, which carries them
    for number, page in enumerate(pages, start=1):
        reach(number)
        heights[number] = float(page.height)
        _lay_out(page)
        text = [c for c in page.chars if not c["text"].isspace()]
        annotations = drawn_annotations(page)
        drawn = annotations.drawn
        if drawn and not text:
            _refuse_annotations(number, drawn, "页面上（页面本身没有文字）")
        if annotations.broken:
            more = f"等 {len(annotations.broken)} 项" if len(annotations.broken) > 3 else ""
            pending.append(f"PDF 第 {number} 页的批注列表中{'、'.join(annotations.broken[:3])}{more}无法读取，"
                           "没有检查它们是否显示在表格上：请在 PDF 阅读器中对照原件核对")
        if annotations.unreadable and not text:
            pending.append(_unread_annotations(number, annotations.unreadable))
        if not text or (len(text) < STAMPED and _pictured(page)):
            if page.images:
                scanned.append(number)
            elif not text and len(page.curves) >= OUTLINED:  # 「PDF 中没有任何文字」 said nothing of what the page shows
                unreadable[number] = _OUTLINED
            continue
        if garbled([c["text"] for c in page.chars]):
            unreadable[number] = _GARBLED
            continue
        if _drawn_letters(page):
            unreadable[number] = _DRAWN
            continue
        if _sideways(page) or _upended(page):
            how = _SIDEWAYS if _sideways(page) else _UPSIDE_DOWN
            page = _upright(page)
            if _sideways(page) or _upended(page):
                unreadable[number] = _TURNED if _sideways(page) else _UPENDED
                continue
            turned[number] = how
            heights[number] = float(page.height)
        if changed := _common(page.chars):
            alike[number] = changed
        _raise_marks(page.chars)
        clipped = _unpainted(page, "clipped")
        if unseen := _unseen(page):
            gone = {id(c) for c, _ in unseen}
            clipped = [c for c in clipped if id(c) not in gone]
            page = page.filter(lambda obj, gone=gone: id(obj) not in gone)
        if slanted := _slanted(page.chars):
            pending.append(f"PDF 第 {number} 页斜着印的文字「{_letters(slanted)}」是水印或印章上的字，不是表格的内容，"
                           "没有读取：请对照原件核对")
            gone = {id(c) for c in slanted}
            page = page.filter(lambda obj, gone=gone: id(obj) not in gone)
        ruled = page.filter(_not_shading) if any(_shading(r) for r in page.rects) else page
        settings = _open_ends(ruled)
        for key, edges in _square_corners(ruled).items():
            settings[key] = [*settings.get(key, []), *edges]
        found = ruled.find_tables(settings)  # the slowest step: once per page (twice where text spills)
        if not found and _dotted(ruled):
            settings["edge_min_length_prefilter"] = DOT  # type: ignore[assignment]
            found = ruled.find_tables(settings)
        if spilt := _spilt(ruled, settings.get("explicit_horizontal_lines", []), found):
            ruled = ruled.filter(lambda obj, spilt=spilt: id(obj) not in spilt)
            found = ruled.find_tables(settings)
        if clipped and (cut := _clipped_in_tables(clipped, found)):
            gone = {id(c) for c in cut}
            page = page.filter(lambda obj, gone=gone: id(obj) not in gone)
            ruled = ruled.filter(lambda obj, gone=gone: id(obj) not in gone)
            found = ruled.find_tables(settings)
            unseen = [*unseen, *((c, CLIPPED) for c in cut)]
        if cut := next((x for x in found if _past_foot(ruled, x)), None):
            raise ImportFailure(_cut_at_foot(number, cut))
        tables = []
        boxes = []
        read = []
        pictured = _partly_pictured(unseen, found, page) if unseen else {}
        for k, x in enumerate(found):
            table = _table(x, number, pictured.get(k, {}))
            read.append(table)
            holed = _holes(x)
            boxes.append((x.bbox, x.cells if holed else []))
            if not table.cells:
                continue
            tables.append(table)
            if holed and (lost := "".join(c["text"] for c in page.chars if _in_hole(c, x)).strip()):
                table.notes.append(f"PDF 第 {number} 页表格中「{lost}」不在任何单元格内（框线没有围合），"
                                   "没有读进表格，按表格外的文字处理：请对照原件核对")
            for r, c in _overprinted(page.chars, x):
                table.notes.append(f"PDF 第 {number} 页表格第{r + 1}行第{c + 1}列的文字与别的文字叠印（行高放不下，"
                                   f"文字印出了格子），读出的「{table.cells[r][c].text}」可能混进了相邻格子的字："
                                   "请对照原件或 Excel 原件改正")
        if on_tables := [a for a in drawn if any(_overlaps(a[1], x.bbox) for x in found)]:
            _refuse_annotations(number, on_tables, "表格上")
        if annotations.unreadable:
            if tables:
                raise ImportFailure(f"PDF 第 {number} 页有表格，但这一页的{annotations.unreadable}，读不出阅读器在表格上"
                                    "显示、打印了哪些批注或表单内容（PDF 编辑器在格子上写的数、盖住旧数的白色方块），"
                                    "导入的可能不是页面上看到的，因此拒绝导入：请在 PDF 阅读器中把这个文件「打印」为新的 PDF"
                                    "后再导入，或提供 Word/Excel 原件")
            pending.append(_unread_annotations(number, annotations.unreadable))
        if drawn:
            pending.append(f"PDF 第 {number} 页表格外有 PDF 编辑器加上的{_annotations(drawn)}，没有读取：请对照原件核对")
        if unseen:
            _unseen_notes(unseen, found, read, number, pending)
        if page.images and not _pictured(page):
            _seal_notes(page, found, read, number)
        if tables and pending:
            tables[0].notes.extend(pending)
            pending.clear()
        boxes = boxes if tables else []
        outside = page.filter(lambda obj, boxes=boxes: not any(_in_table(obj, box, cells) for box, cells in boxes)) \
            if boxes else page
        lines = [_Line(_line_text(x), number, x["x0"], x["x1"], x["top"], x["bottom"],
                       tuple(((c["x0"] + c["x1"]) / 2, c["text"]) for c in x["chars"]), _runs_of(x["chars"]),
                       _parts_of(x["chars"]))
                 for x in outside.extract_text_lines(return_chars=True)]
        page_items: list[_Line | _Table] = [x for x in lines if x.text]
        page_items.extend(tables)
        page_items.sort(key=lambda x: x.top)
        items.extend(page_items)
    if pending:
        last = next((x for x in reversed(items) if isinstance(x, _Table)), None)
        if last is not None:
            last.notes.extend(pending)
    return items, scanned, unreadable, heights, turned, alike


ANNOTATIONS = {"FreeText": "文字框", "Square": "矩形", "Circle": "椭圆", "Polygon": "多边形"}
"""The annotations a PDF editor draws over a page that can show a figure or hide one: a text box
typed over a cell (「添加文本注释」, a typewriter), a filled shape laid over an old figure; and
filled form fields (`drawn_annotations`)."""
_HIDDEN_FLAGS = 0b100010
"""An annotation's /F bits for Hidden (2) and NoView (32): not shown."""


def _name(value: object) -> str:
    """A PDF name (a PSLiteral) or text string as text. A text string (an annotation's /Contents, a
    form field's value) is UTF-16BE after the bytes FE FF (how a PDF editor writes a Chinese one),
    UTF-8 after EF BB BF (PDF 2.0), else PDFDocEncoding: read as Latin-1, 「满意度」 typed in a
    text box would show as 「þÿná…」."""
    from pdfminer.utils import decode_text

    if isinstance(value, bytes):
        if value.startswith(b"\xef\xbb\xbf"):
            return value[3:].decode("utf-8", "replace")
        return decode_text(value)
    name = getattr(value, "name", value)
    return name.decode("latin-1") if isinstance(name, bytes) else str(name) if name is not None else ""


Drawn = tuple[str, tuple[float, float, float, float]]
"""What an annotation shows (「文字框「30」」) and where, (x0, top, x1, bottom) on the page as pdfplumber gives it."""


@dataclass
class PageAnnotations:
    """A page's annotations as far as they can be read (`drawn_annotations`)."""

    drawn: list[Drawn] = field(default_factory=list)
    """Those that show what the page's own text does not."""
    broken: list[str] = field(default_factory=list)
    """Entries of the list that cannot be read, each as 「第 3 项（…）」."""
    unreadable: str = ""
    """Why the list itself cannot be read; empty where it can (or the page has none)."""


def drawn_annotations(page) -> PageAnnotations:  # type: ignore[no-untyped-def]
    """The annotations on `page` that show what the page's own text does not: a text box
    (FreeText), a filled rectangle, ellipse or polygon (a shape with an interior colour), a form
    field filled in (a Widget with a value; a signature's is no figure).
    Viewers show and print them over the page, and the text layer read here has none of them: a
    figure typed over a cell by a PDF editor, or a white box over the old one, would read as the old
    one; a filled-in PDF form as its blank template.

    The list is read entry by entry, each resolved on its own (pdfminer's ``resolve1``), not
    through pdfplumber's ``Page.annots``, which resolves every object an annotation refers to and
    fails for the whole page on one bad entry: a null or dangling entry, a /Rect of three numbers,
    or a comment's /Popup whose /Parent leads back to it (a loop when the comment has no /Type,
    which is optional) would each have hidden a typed-over figure. An entry that cannot be read is
    skipped and named in `PageAnnotations.broken`; a list that cannot be read at all (/Annots a
    dangling reference or not an array) is said in `PageAnnotations.unreadable`."""
    from pdfminer.pdftypes import resolve1

    found = PageAnnotations()
    raw = page.page_obj.attrs.get("Annots")
    if raw is None:
        return found
    try:
        entries = resolve1(raw)
    except Exception as exc:  # pdfminer raises its parser's kinds on a damaged object: said, not passed over
        found.unreadable = f"批注列表（/Annots）已损坏：{type(exc).__name__}"
        return found
    if not isinstance(entries, list):
        found.unreadable = ("批注列表（/Annots）指向的对象不存在" if entries is None
                            else "批注列表（/Annots）不是数组")
        return found
    for number, entry in enumerate(entries, start=1):
        if entry is None:  # a null in the array (not a reference to a missing object): nothing to show
            continue
        try:
            drawn = _annotation_shown(page, resolve1(entry))
        except _Broken as exc:
            found.broken.append(f"第 {number} 项（{exc}）")
        except Exception as exc:  # pdfminer's kinds on a damaged object: this entry only, named
            found.broken.append(f"第 {number} 项（{type(exc).__name__}）")
        else:
            if drawn is not None:
                found.drawn.append(drawn)
    return found


class _Broken(Exception):
    """An annotation entry that is no annotation a viewer could place; the message says why."""


def _annotation_shown(page, data: object) -> Drawn | None:  # type: ignore[no-untyped-def]
    """What annotation `data` shows over `page` and where (`drawn_annotations`), None for nothing."""
    from pdfminer.pdftypes import resolve1

    if not isinstance(data, dict):
        raise _Broken("引用的对象不存在" if data is None else "不是批注字典")
    flags = resolve1(data.get("F", 0))
    if isinstance(flags, int) and flags & _HIDDEN_FLAGS:
        return None
    kind = _name(resolve1(data.get("Subtype")))
    if kind == "Widget":
        field, value, form = data, None, ""
        for _ in range(8):  # a field's value and type may be its parent's
            value = value if value not in (None, b"", "") else resolve1(field.get("V"))
            form = form or _name(resolve1(field.get("FT")))
            field = resolve1(field.get("Parent")) or {}
            if not isinstance(field, dict) or not field:
                break
        shown = _name(value).strip()
        if form != "Sig" and shown and shown != "Off":
            return f"表单域「{shown[:20]}」", _annotation_box(page, data)
    elif kind in ANNOTATIONS and (kind == "FreeText" or resolve1(data.get("IC"))):
        contents = _name(resolve1(data.get("Contents"))).strip() if kind == "FreeText" else ""
        return ANNOTATIONS[kind] + (f"「{contents[:20]}」" if contents else ""), _annotation_box(page, data)
    return None


def _annotation_box(page, data: dict[str, object]) -> tuple[float, float, float, float]:  # type: ignore[no-untyped-def]
    """An annotation's /Rect as (x0, top, x1, bottom) on `page`, turned by the page's /Rotate, as
    pdfplumber places its objects (its ``Page.annots``)."""
    from pdfminer.pdftypes import resolve1

    rect = resolve1(data.get("Rect"))
    corners = [resolve1(v) for v in rect] if isinstance(rect, list) else []
    if len(corners) != 4 or not all(isinstance(v, (int, float)) and math.isfinite(v) for v in corners):
        raise _Broken("没有位置（/Rect 不是 4 个数）")
    points = []
    for x, y in ((corners[0], corners[1]), (corners[2], corners[3])):
        turns = page.rotation // 90
        for i in range(turns):
            x, y = y, (page.width if i == turns % 2 else page.height) - x
        points.append((float(x), float(y)))
    height = float(page.root_page.height)
    (x0, x1), (y0, y1) = sorted(p[0] for p in points), sorted(p[1] for p in points)
    return x0, height - y1, x1, height - y0


def _overlaps(one: tuple[float, ...], other: tuple[float, ...]) -> bool:
    return one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3]


def _annotations(drawn: list[Drawn]) -> str:
    more = f"等 {len(drawn)} 处" if len(drawn) > 5 else ""
    return "批注或表单内容（" + "、".join(what for what, _ in drawn[:5]) + more + "）"


def _unread_annotations(number: int, why: str) -> str:
    return f"PDF 第 {number} 页的{why}，没有检查其中的批注和表单内容（这一页没有表格）：请在 PDF 阅读器中对照原件核对"


def _refuse_annotations(number: int, drawn: list[Drawn], where: str) -> None:
    raise ImportFailure(f"PDF 第 {number} 页的{where}有 PDF 编辑器加上的{_annotations(drawn)}：阅读器把它们显示、打印在页面上，"
                        "但它们不是页面的正文，读不到，导入的会是下面原来的内容，与页面上看到的不同，因此拒绝导入："
                        "请在 PDF 编辑器中把批注和表单「拼合」（或「打印」为新的 PDF）后再导入，或提供 Word/Excel 原件")


SMALLEST_SHOWN = 2.0
"""Points below which a character is nothing a reader of the printed page can see (as in Word and Excel)."""
_SEEN_ON = ("DeviceGray", "DeviceRGB", "DeviceCMYK", "CalGray", "CalRGB", "ICCBased")
"""Colour spaces whose components say the colour: a Separation's or DeviceN's tint is an amount
of some ink, an Indexed colour an entry of a table pdfplumber does not give."""


def _rgb(colour: object, space: object = None) -> tuple[float, float, float] | None:
    """A char's or rect's fill colour (pdfplumber's ``non_stroking_color``) as red, green, blue
    from 0 to 1, by its number of components; None where it cannot be told."""
    if space is not None and not str(space).startswith(_SEEN_ON):
        return None
    if isinstance(colour, (int, float)):  # a grey pdfplumber gives bare (a rect's ``0.8 g``)
        colour = (colour,)
    if not isinstance(colour, (tuple, list)) or not all(isinstance(v, (int, float)) for v in colour):
        return None
    values = [min(max(float(v), 0.0), 1.0) for v in colour]
    if len(values) == 1:
        return values[0], values[0], values[0]
    if len(values) == 3:
        return values[0], values[1], values[2]
    if len(values) == 4:
        c, m, y, k = values
        return (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    return None


_SAME_COLOUR = 0.06
"""Difference of each of red, green and blue (0–1) within which text cannot be told from its
ground: 「白色，背景 1，深色 5%」 (0.95) on white is as unreadable as white."""
_PAPER = (1.0, 1.0, 1.0)
_INK = (0.0, 0.0, 0.0)
_BLACK = frozenset({0, (0,), (0, 0, 0), (0, 0, 0, 1), None})
"""Black as pdfplumber gives it, grey, RGB or CMYK (and no colour: black, the default): most of a
page's text, passed over without a call."""


def _unseen(page) -> list[tuple[dict[str, object], str]]:  # type: ignore[no-untyped-def]
    """The page's characters no reader of it can see, with why: smaller than `SMALLEST_SHOWN` (and
    than half the page's usual size, `_usual_size`), or
    drawn in the colour of the filled box under them (the smallest that holds the character's
    middle; a filled shape other than a box by its outline, `_within`: a rounded cell, a banner) or,
    where none, of the white page, or covered by a box drawn after them (`_covered`).
    A clerk whitens an old figure rather than deleting it (a white 「100%」 over the 「90%」 the page
    shows); read, it joined the figure shown. Black text is looked at only on a page with a dark
    box (`_dark`: black on a black bar is a redaction; a page's text is black, and a black box
    under it elsewhere is a border's hairline), never over a picture (an OCR layer, a banner),
    whose colours this reader cannot see. Text drawn in a rendering
    mode that paints nothing (`_unpainted`) is unseen whatever its colour; so is text wholly outside
    the clipping path, but only inside a table (`_clipped_in_tables`)."""
    tiny, tinted = [], []
    boxes = [(j, r) for j, r in enumerate(page.rects)
             if r["fill"] and r["width"] > SHADE and r["height"] > SHADE]  # as `_box`, no call a rect
    fill = _fill_colour(page)
    dark = _dark([r for _, r in boxes], fill)
    for char in page.chars:  # a page has thousands of black characters: no call for one of them
        colour, size = char["non_stroking_color"], char["size"]
        if size < SMALLEST_SHOWN:
            tiny.append(char)
            continue
        try:
            if colour in _BLACK and not dark:
                continue
        except TypeError:  # a colour pdfplumber gives as a list
            pass
        tinted.append(char)
    hidden: list[tuple[dict[str, object], str]] = []
    usual = _usual_size(page.chars) if tiny else 0.0
    for char in tiny:
        size = float(char["size"] or 0.0)
        if 0 < size < usual / 2 and not str(char["text"]).isspace():
            hidden.append((char, f"字号只有 {size:.1f} 磅".replace(".0 ", " ")))
    fills: list | None = None  # type: ignore[type-arg]
    for char in tinted:
        ink = _rgb(char.get("non_stroking_color"), char.get("ncs"))
        if ink is None or (ink == _INK and not dark) or str(char["text"]).isspace():
            continue
        x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        if any(i["x0"] <= x <= i["x1"] and i["top"] <= y <= i["bottom"] for i in page.images):
            continue
        if fills is None:
            fills = sorted([*(r for r in page.rects if r.get("fill")), *(c for c in page.curves if c.get("fill") and c.get("pts"))],
                           key=lambda r: (r["x1"] - r["x0"]) * (r["bottom"] - r["top"]))
        box = next((r for r in fills if r["x0"] <= x <= r["x1"] and r["top"] <= y <= r["bottom"]
                    and (r.get("object_type") != "curve" or _within(r["pts"], x, y))), None)
        if ink == _INK and box is not None and not _box(box):
            continue  # black text over a rule drawn as a thin black box: the rule's, not a ground
        ground = _PAPER if box is None else fill(box)
        if ground is not None and _alike(ink, ground):
            white = _white(ink)
            hidden.append((char, "白色文字在白色底上" if white and box is None else "文字的颜色与底色相同"))
    if unpainted := _unpainted(page):  # said once, as what hides it first (white text drawn unpainted)
        gone = {id(c) for c in unpainted}
        hidden = [(char, "文字设为不显示") for char in unpainted] + [x for x in hidden if id(x[0]) not in gone]
    if boxes or page.images or page.curves:
        gone = {id(c) for c, _ in hidden}
        hidden += [(char, why) for char, why in _covered(page, boxes, fill) if id(char) not in gone]
    return hidden


CLIPPED = "在剪切区域以外，页面上不显示"


def _clipped_in_tables(clipped: list[dict[str, object]], found) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """The characters wholly outside the clipping path (`_unpainted` ``clipped``) inside one of the
    page's tables (pdfplumber's `found`): a figure cut away in its cell, which the page does not
    show. Those outside every table are read as the rest of the page's text: LibreOffice draws a
    merged cell's text on every page the merge runs over, clipped to the part of the cell on that
    page (the copy below page 1's last row is cut away, page 2's shows), and the copies outside the
    tables are what puts the merged cell back together (`_place`)."""
    return [c for c in clipped if any(_inside(c, x.bbox) for x in found)]


UNPAINTED = frozenset({3})
"""Text rendering modes (``Tr``, PDF 32000-1 9.3.6) that paint nothing: 3 neither fills nor strokes
the glyphs. A scanner's OCR layer is written so, under or over the page's picture; on a page of
text it is text the page does not show (a generator's leftover figure, words hidden for a search
engine)."""
CLIPPING = frozenset({4, 5, 6, 7})
"""Text rendering modes that add the glyphs to the clipping path (at ``ET``): what is drawn after,
until the ``Q`` that ends it, prints only within the glyphs (`_clipping_interpreter`). Mode 7 paints
nothing itself: its glyphs print only where something is painted through them next (a gradient
title), and are otherwise `UNPAINTED` text."""


def _lay_out(page) -> None:  # type: ignore[no-untyped-def]
    """Lay `page` out as pdfplumber's ``Page.layout`` does, with a device (`_painting_device`) that
    also marks the characters drawn in a rendering mode that paints nothing (`UNPAINTED`) and those
    drawn outside the clipping path (`_clipping_interpreter`), which pdfminer reads as any other and
    pdfplumber's device does not tell apart. The extra call per string drawn costs 2% (30 forms
    drawn glyph by glyph and as Excel saves them: 3.16 → 3.23 CPU s); keeping the clipping path,
    which LibreOffice sets around every cell's text, about 3% more (the 15 forms printed by
    LibreOffice six ways, tests/test_forms_pdf.py, and the layouts: 11.71 → 12.08 CPU s, the
    fastest of three runs each on a shared machine)."""
    device = _painting_device()(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    _clipping_interpreter()(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    layout = device.get_result()
    layout.unpainted = device.unpainted
    layout.clipped = device.clipped
    page._layout = layout


Clip = tuple[tuple[bool, tuple[float, float, float, float], tuple[tuple[tuple[float, float], ...], ...] | None], ...]
"""A clipping path as the page's later drawing meets it: each ``W``/``W*`` path in force (all of
them clip), as (even–odd, its bounds, its subpaths' outlines in device space, None for an upright
box, which its bounds are: ``re W n``, most clips)."""


def _clipped_out(clip: Clip, box: tuple[float, float, float, float]) -> bool:
    """Whether a character's `box` (x0, y0, x1, y1) lies wholly outside `clip`: outside one of its
    paths. One cut only in part is printed in part (LibreOffice clips the wrapped lines of a row
    printed lower than its text, 「缩放到一页」: the halves of 「经济效益」 show above the cell's
    edge) and is read. A curve's control points stand in for it (`_within`); under the nonzero rule
    (``W``) a point inside any subpath is in."""
    x0, y0, x1, y1 = box
    for even_odd, (left, bottom, right, top), outlines in clip:
        if x1 < left or x0 > right or y1 < bottom or y0 > top:
            return True
        if outlines is None:
            continue  # a box: meeting its bounds is meeting it
        for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1), ((x0 + x1) / 2, (y0 + y1) / 2)):
            inside = [_within(points, x, y) for points in outlines if len(points) > 2]
            if sum(inside) % 2 == 1 if even_odd else any(inside):
                break
        else:
            return True
    return False


def _upright_box(points: tuple[tuple[float, float], ...]) -> bool:
    xs, ys = {round(x, 3) for x, _ in points}, {round(y, 3) for _, y in points}
    return len(xs) <= 2 and len(ys) <= 2


@cache
def _clipping_interpreter() -> type:
    """pdfminer's page interpreter, keeping the clipping path (``W n``, ``W* n``; saved and restored
    with the graphics state by ``q``/``Q``, handed down into a form XObject) that pdfminer reads and
    drops: the device (`_painting_device`) marks the characters it leaves out. A generator that
    clips a cell's text to the cell (Excel's 「另存为 PDF」) draws every shown character inside."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.utils import apply_matrix_pt

    class Interpreter(PDFPageInterpreter):  # type: ignore[misc]
        clip: Clip = ()

        through: tuple = ()  # type: ignore[type-arg]

        def dup(self):  # type: ignore[no-untyped-def]
            inner = super().dup()
            inner.clip, inner.through = self.clip, self.through
            return inner

        def init_state(self, ctm) -> None:  # type: ignore[no-untyped-def]
            super().init_state(ctm)
            self.device.clip, self.device.through = self.clip, self.through

        def get_current_state(self):  # type: ignore[no-untyped-def]
            return (*super().get_current_state(), self.clip, self.through)

        def set_current_state(self, state) -> None:  # type: ignore[no-untyped-def]
            super().set_current_state(state[:3])
            self.clip = state[3] if len(state) > 3 else self.clip
            self.through = state[4] if len(state) > 4 else self.through
            self.device.clip, self.device.through = self.clip, self.through

        def do_Do(self, xobjid_arg) -> None:  # type: ignore[no-untyped-def]
            super().do_Do(xobjid_arg)
            self.device.clip, self.device.through = self.clip, self.through  # the form's own clips ended with it

        def do_BT(self) -> None:
            super().do_BT()
            self.device.glyphs = ()

        def do_ET(self) -> None:
            """The glyphs drawn in a `CLIPPING` mode become part of the clip (their boxes: a later
            character meeting one prints in part, and is read)."""
            super().do_ET()
            glyphs, self.device.glyphs = self.device.glyphs, ()
            if not glyphs:
                return
            boxes = [(g.x0, g.y0, g.x1, g.y1) for g in glyphs]
            outlines = tuple(((x0, y0), (x1, y0), (x1, y1), (x0, y1)) for x0, y0, x1, y1 in boxes)
            bounds = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
            self.clip = (*self.clip, (False, bounds, None if len(boxes) == 1 else outlines))
            waiting = [g for g in glyphs if getattr(g, "unpainted", False)]
            self.through = (*self.through, (bounds, waiting)) if waiting else self.through
            self.device.clip, self.device.through = self.clip, self.through

        def do_sh(self, name) -> None:  # type: ignore[no-untyped-def]
            super().do_sh(name)
            self.device._paints((), everywhere=True)  # a shading fills the whole clip

        def do_W(self) -> None:
            self._clip(False)

        def do_W_a(self) -> None:
            self._clip(True)

        def _clip(self, even_odd: bool) -> None:
            outlines, points = [], []
            for segment in self.curpath:
                if segment[0] == "m" and points:
                    outlines.append(tuple(points))
                    points = []
                numbers = [v for v in segment[1:] if isinstance(v, (int, float))]
                points += [apply_matrix_pt(self.ctm, (numbers[k], numbers[k + 1])) for k in range(0, len(numbers) - 1, 2)]
            if points:
                outlines.append(tuple(points))
            if not outlines:
                return
            every = [p for outline in outlines for p in outline]
            bounds = (min(x for x, _ in every), min(y for _, y in every), max(x for x, _ in every), max(y for _, y in every))
            box = len(outlines) == 1 and len(outlines[0]) == 4 and _upright_box(outlines[0])
            self.clip = (*self.clip, (even_odd, bounds, None if box else tuple(outlines)))
            self.device.clip = self.clip

    return Interpreter


@cache
def _painting_device() -> type:
    """pdfplumber's layout device, marking the characters of each string drawn in an `UNPAINTED`
    mode (``unpainted``, and the device's own flag for the page), and those wholly outside
    the clipping path its interpreter (`_clipping_interpreter`) keeps in ``clip`` (``clipped``,
    and the flag): the mode is in the text state pdfminer hands to `render_string`, not in the
    characters it makes there, and the clip in no state it keeps."""
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class Device(PDFPageAggregatorWithMarkedContent):  # type: ignore[misc]
        unpainted = False
        clipped = False
        clip: Clip = ()

        glyphs: tuple = ()  # type: ignore[type-arg]
        """The characters drawn in a `CLIPPING` mode in the text object under way: the clip at its ``ET``."""
        through: tuple = ()  # type: ignore[type-arg]
        """The mode-7 characters of the clips in force, each shown once something is painted over it."""

        def render_string(self, textstate, seq, ncs, graphicstate) -> None:  # type: ignore[no-untyped-def]
            mode = textstate.render
            if mode not in UNPAINTED and mode not in CLIPPING and not self.clip and not self.through:
                super().render_string(textstate, seq, ncs, graphicstate)
                return
            drawn = self.cur_item._objs
            start = len(drawn)
            super().render_string(textstate, seq, ncs, graphicstate)
            made = drawn[start:]
            if mode in CLIPPING:
                self.glyphs = (*self.glyphs, *made)
            if mode in UNPAINTED or mode == 7:
                for obj in made:
                    obj.unpainted = True
                self.unpainted = True
                return
            self._paints(made)
            for obj in made:
                if _clipped_out(self.clip, (obj.x0, obj.y0, obj.x1, obj.y1)):
                    obj.clipped = True
                    self.clipped = True

        def paint_path(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            start = len(self.cur_item._objs)
            super().paint_path(*args, **kwargs)
            self._paints(self.cur_item._objs[start:])

        def render_image(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            start = len(self.cur_item._objs)
            super().render_image(*args, **kwargs)
            self._paints(self.cur_item._objs[start:])

        def _paints(self, made, everywhere: bool = False) -> None:  # type: ignore[no-untyped-def]
            """Mode-7 glyphs of the clips in force that `made` (or a shading, `everywhere`) paints over are shown."""
            for bounds, waiting in self.through:
                boxes = [(obj.x0, obj.y0, obj.x1, obj.y1) for obj in made]
                boxes = [box for box in boxes if _overlaps(bounds, box)]  # most paint is elsewhere: one test
                if not boxes and not everywhere:
                    continue
                for glyph in waiting:
                    if everywhere or any(_overlaps((glyph.x0, glyph.y0, glyph.x1, glyph.y1), box) for box in boxes):
                        glyph.unpainted = False
                waiting[:] = [glyph for glyph in waiting if glyph.unpainted]

    return Device


def _unpainted(page, flag: str = "unpainted") -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """The characters of `page` (laid out by `_lay_out`) drawn in a mode that paints nothing, or
    with `flag` ``clipped`` outside the clipping path, but for those over a picture: a scan's OCR
    text, which the picture shows (`_pictured` pages, and a scanned table pasted into a page of text)."""
    from pdfminer.layout import LTChar, LTFigure

    layout = page.layout
    if not getattr(layout, flag, False):
        return []

    def chars(objects):  # type: ignore[no-untyped-def]
        for obj in objects:
            if obj.__class__ is LTChar:
                yield obj
            elif obj.__class__ is LTFigure:
                yield from chars(obj._objs)

    made = list(chars(layout._objs))
    if len(made) != len(page.chars):  # pdfplumber listed them otherwise: nothing is known of any
        return []
    out = []
    for char, obj in zip(page.chars, made, strict=True):
        if not getattr(obj, flag, False) or str(char["text"]).isspace():
            continue
        x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        if not any(i["x0"] <= x <= i["x1"] and i["top"] <= y <= i["bottom"] for i in page.images):
            out.append(char)
    return out


_ONE_INK = ("Separation", "DeviceN", "Indexed")
"""Colour spaces whose single component is no grey: a spot ink's tint (PANTONE red at 1 is full
red, not white), an entry of a colour table (1 is the table's second colour)."""


def _fill_colour(page) -> Callable[[Mapping[str, object]], tuple[float, float, float] | None]:  # type: ignore[no-untyped-def]
    """How to tell the RGB of a shape's fill on `page` (`_rgb`). pdfminer gives a shape's colour
    without its colour space: on a page whose resources hold a spot, DeviceN or indexed colour
    space (`_ONE_INK`), a single component may be a tint or an index and is not taken as a grey
    (a full-tint spot red read as 1 was white, and the white text on it unseen)."""
    from pdfminer.pdftypes import resolve1

    try:
        spaces = resolve1(page.page_obj.resources.get("ColorSpace")) or {}
        kinds = {str(getattr(first, "name", first)) for named in spaces.values()
                 if isinstance(space := resolve1(named), list) and space and (first := resolve1(space[0])) is not None}
    except (AttributeError, TypeError, ValueError):
        kinds = set()
    if not kinds.intersection(_ONE_INK):
        return lambda shape: _rgb(shape.get("non_stroking_color"))

    def fill(shape: Mapping[str, object]) -> tuple[float, float, float] | None:
        colour = shape.get("non_stroking_color")
        return None if isinstance(colour, (int, float)) or (isinstance(colour, (tuple, list)) and len(colour) == 1) \
            else _rgb(colour)

    return fill


def _alike(one: tuple[float, ...], other: tuple[float, ...]) -> bool:
    """Two RGB colours no reader tells apart (each channel within `_SAME_COLOUR`)."""
    return all(abs(a - b) <= _SAME_COLOUR for a, b in zip(one, other, strict=True))


def _white(rgb: tuple[float, ...]) -> bool:
    return min(rgb) >= 1 - _SAME_COLOUR


def _black(rgb: tuple[float, ...]) -> bool:
    return max(rgb) <= _SAME_COLOUR


def _box(rect) -> bool:  # type: ignore[no-untyped-def]
    """A filled rectangle wider and taller than a rule: what can lie under text or over it."""
    return bool(rect.get("fill")) and min(rect["width"], rect["height"]) > SHADE


def _dark(boxes, fill=None) -> bool:  # type: ignore[no-untyped-def]
    """Whether one of the page's filled boxes (`_box`) is black or near it: black text on it cannot
    be seen. `fill` tells a box's colour (`_fill_colour`)."""
    colour = fill or (lambda shape: _rgb(shape.get("non_stroking_color")))
    return any((rgb := colour(r)) is not None and _black(rgb) for r in boxes)


def _covered(page, boxes, fill) -> list[tuple[dict[str, object], str]]:  # type: ignore[no-untyped-def]
    """The page's characters a filled box, a picture or a filled shape drawn after them covers (it
    holds the character's middle): a PDF editor's 「白色矩形」 over an old figure with the new one
    typed on it, a black redaction bar over the text it hides, a picture of the new figure pasted
    over the old. Read, the covered 「90%」 joined the 「95%」 on top. `boxes` are the page's filled
    boxes (`_box`) by their place in ``page.rects``, `fill` tells their colours (`_fill_colour`).
    The order of drawing is the content stream's, as pdfminer lays the page out (`_drawn`). A box
    or shape of a colour other than white, black or the text's own may be a see-through highlight,
    whose transparency pdfminer does not give: its text is read; so is text under a picture with a
    transparent part (a seal), and under the pictures of a page they mostly cover (`_pictured`: a
    scan, whole or in strips, drawn over the text its OCR found)."""
    order = _drawn(page)
    if order is None:
        return []
    chars, rects, images, curves = order
    covers = [(rects[j], r, fill(r), "方块") for j, r in boxes]
    if page.images and not _pictured(page):  # a scan, maybe in strips, drawn over its OCR text: that text is what it shows
        covers += [(images[j], i, None, "图片") for j, i in enumerate(page.images) if _opaque(i)]
    covers += [(curves[j], c, fill(c), "图形") for j, c in enumerate(page.curves) if c.get("fill") and c.get("pts")]
    last = max((n for n, _, _, _ in covers), default=-1)
    out = []
    for i, char in enumerate(page.chars):
        if chars[i] > last or str(char["text"]).isspace():
            continue  # drawn after every cover: most text, as forms shade cells before writing in them
        x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        ink = _rgb(char.get("non_stroking_color"), char.get("ncs"))
        for n, shape, colour, kind in covers:
            if n < chars[i] or not (shape["x0"] <= x <= shape["x1"] and shape["top"] <= y <= shape["bottom"]):
                continue
            if kind == "图片":
                out.append((char, UNDER_PICTURE))
                break
            if colour is None or not (_white(colour) or _black(colour) or (ink is not None and _alike(ink, colour))):
                continue
            if kind == "图形" and not _within(shape["pts"], x, y):
                continue
            out.append((char, f"被后画的白色{kind}盖住" if _white(colour) else f"被后画的{'色块' if kind == '方块' else '图形'}盖住"))
            break
    return out


UNDER_PICTURE = "被后贴的图片盖住"


def _partly_pictured(unseen: list[tuple[dict[str, object], str]], found, page) -> dict[int, dict[tuple[int, int], str]]:  # type: ignore[no-untyped-def]
    """The cells of each table (pdfplumber's `found`, by its place) that an opaque picture drawn over
    them hides only part of, with their whole text as the file holds it: a seal scanned on white
    over 「实际完成情况」 leaves 「实际成情」 on the page, which is neither the label nor anything the
    page shows (the page shows the seal). `page` is the page less its unseen characters."""
    hidden: dict[tuple[int, int, int], list[dict[str, object]]] = {}
    for char, why in unseen:
        if why != UNDER_PICTURE:
            continue
        x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2  # type: ignore[operator]
        k = next((k for k, t in enumerate(found) if _inside(char, t.bbox)), -1)
        if k >= 0 and (at := _cell_at(found[k], x, y)) is not None:
            hidden.setdefault((k, *at), []).append(char)
    out: dict[int, dict[tuple[int, int], str]] = {}
    for (k, r, c), chars in hidden.items():
        box = found[k].rows[r].cells[c]
        shown = [ch for ch in page.chars if not str(ch["text"]).isspace() and _inside(ch, box)]
        if shown:
            whole = sorted([*chars, *shown], key=lambda ch: (_whole_point(float(ch["top"])), ch["x0"]))
            out.setdefault(k, {})[r, c] = "".join(str(ch["text"]) for ch in whole)
    return out


def _seal_notes(page, found, read: list[_Table], number: int) -> None:  # type: ignore[no-untyped-def]
    """Say which cells a picture with a transparent part (a seal) lies over: their text is read as
    the file holds it, which the page shows through the picture, perhaps hard to make out; an
    opaque picture's cells are named by what it hides (`_covered`). As the Excel reader says it."""
    for image in page.images:
        if _opaque(image):
            continue
        for k, table in enumerate(found):
            if not read[k].cells:
                continue
            under: dict[tuple[int, int], list[dict[str, object]]] = {}
            for char in page.chars:
                x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
                if (not str(char["text"]).isspace() and image["x0"] <= x <= image["x1"]
                        and image["top"] <= y <= image["bottom"] and _inside(char, table.bbox)
                        and (at := _cell_at(table, x, y)) is not None):
                    under.setdefault(at, []).append(char)
            if under:
                said = "、".join(f"第{r + 1}行第{c + 1}列「{read[k].cells[r][c].text[:20]}」" for r, c in sorted(under)[:3])
                more = f"等 {len(under)} 格" if len(under) > 3 else ""
                read[k].notes.append(f"PDF 第 {number} 页表格上有一张有透明部分的图片（如公章），盖在{said}{more}上，"
                                     "格中的文字照常导入：请对照原件核对打印出来的表上这些格子的内容看得清")


def _opaque(image) -> bool:  # type: ignore[no-untyped-def]
    """A picture that hides what is under it: no soft mask, colour-key mask or stencil (a seal's
    transparent ground shows the text under it)."""
    stream = image.get("stream")
    attrs = getattr(stream, "attrs", {}) or {}
    return not image.get("imagemask") and "SMask" not in attrs and "Mask" not in attrs


def _within(points, x: float, y: float) -> bool:  # type: ignore[no-untyped-def]
    """Whether (x, y) lies inside the closed outline through `points` (even–odd rule; a curve's
    control points stand in for it: a rounded banner is near enough its polygon)."""
    inside = False
    for (x0, y0), (x1, y1) in zip(points, [*points[1:], points[0]], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def _drawn(page) -> tuple[list[int], list[int], list[int], list[int]] | None:  # type: ignore[no-untyped-def]
    """The place in the page's drawing order of each of its characters, rectangles, pictures and
    curves, as pdfplumber lists them (``page.chars``, ``page.rects``, ``page.images``,
    ``page.curves``: each list in the order
    pdfminer laid the page out, which is the content stream's, forms' drawings entered where they
    are drawn); None where the two cannot be matched. Classes are compared, not isinstance()d:
    pdfplumber names an object's kind by its exact class, and a call per object was most of the cost."""
    from pdfminer.layout import LTChar, LTCurve, LTFigure, LTImage, LTRect

    chars: list[int] = []
    rects: list[int] = []
    images: list[int] = []
    curves: list[int] = []

    def walk(objects, n: int) -> int:  # type: ignore[no-untyped-def]
        for obj in objects:
            kind = obj.__class__
            if kind is LTChar:
                chars.append(n)
            elif kind is LTRect:
                rects.append(n)
            elif kind is LTImage:
                images.append(n)
            elif kind is LTCurve:
                curves.append(n)
            elif kind is LTFigure:
                n = walk(obj._objs, n)
            n += 1
        return n

    try:
        walk(page.layout._objs, 0)
    except AttributeError:
        return None
    if (len(chars), len(rects), len(images), len(curves)) != (len(page.chars), len(page.rects), len(page.images),
                                                              len(page.curves)):
        return None
    return chars, rects, images, curves


def _usual_size(chars) -> float:  # type: ignore[no-untyped-def]
    """The median size of a page's characters: a sheet printed 「缩放到一页」 shrinks all of its
    text below `SMALLEST_SHOWN`, which a reader zooms in to read; only text far smaller than the
    page's own is unseen."""
    sizes = sorted(float(c.get("size") or 0.0) for c in chars if not str(c["text"]).isspace())
    return sizes[len(sizes) // 2] if sizes else 0.0


def _unseen_notes(unseen: list[tuple[dict[str, object], str]], found, read: list[_Table], page: int,  # type: ignore[no-untyped-def]
                  pending: list[str]) -> None:
    """Name the unseen characters left out of page `page`, by the cell of the table (pdfplumber's
    `found`, each read into `read`) that holds them: 「PDF 第 1 页表格第3行第5列「100%」（白色文字在白色
    底上）」, as the Word and Excel readers name theirs. The note goes with that table; text outside
    every table (or in one without cells) goes with the page's first table, or the next one read (`pending`)."""
    groups: dict[tuple[int, int, int, str], list[dict[str, object]]] = {}
    for char, why in unseen:
        x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        k = next((k for k, t in enumerate(found) if _inside(char, t.bbox)), -1)
        r, c = (_cell_at(found[k], x, y) or (-1, -1)) if k >= 0 else (-1, -1)
        groups.setdefault((k, r, c, why), []).append(char)
    by_table: dict[int, list[str]] = {}
    for (k, r, c, why), chars in groups.items():
        text = "".join(str(ch["text"]) for ch in sorted(chars, key=lambda ch: (_whole_point(float(ch["top"])), ch["x0"])))
        where = f"表格第{r + 1}行第{c + 1}列" if r >= 0 else ("表格中" if k >= 0 else "表格外")
        by_table.setdefault(k, []).append(f"{where}「{text[:20]}」（{why}）")
    for k, parts in by_table.items():
        more = f"等 {len(parts)} 处" if len(parts) > 5 else ""
        moved = "（被图片盖住的，把图片移开文字，如公章盖在表格以外）" if any(UNDER_PICTURE in part for part in parts) else ""
        note = (f"PDF 第 {page} 页{'、'.join(parts[:5])}{more}：这些文字在页面上看不见、也打印不出来，"
                f"按页面上看到的（没有这些字）导入；如果它应当显示，请单位改正原件的文字颜色或字号{moved}后重新导出 PDF；"
                "如果是作废的内容，请删去")
        (read[k].notes if k >= 0 and read[k].cells else pending).append(note)


_ALIKE = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff\ufb00-\ufb06]")
"""Kangxi radicals, CJK radicals, compatibility ideographs and Latin ligatures: a font's character
map names a glyph 金 shares with the radical ⾦ by the radical (WPS's PDFs print 「⼀级指标」,
「项⽬名称」, 「资⾦」), a CJK font's compatibility block gives 「年」 for 年, a Latin font 「ﬁ」 for fi.
The page shows the common character; the text layer holds a look-alike no label matches."""


def _common(chars: list[dict[str, object]]) -> dict[str, str]:
    """Give each look-alike character of a page (pdfplumber's char dicts, which its tables and
    lines are read from) the character it stands for, by NFKC; what was replaced, for the note."""
    import unicodedata

    changed: dict[str, str] = {}
    for char in chars:
        text = str(char["text"])
        if _ALIKE.search(text) and (common := unicodedata.normalize("NFKC", text)) != text:
            char["text"] = changed.setdefault(text, common)
    return changed


RAISED_SIZE = 0.85
"""Share of the size of the glyph before it under which a glyph may be set raised or lowered."""
RAISED_SHIFT = 0.2
"""Share of that glyph's size by which a raised glyph's foot stands above its foot (a superscript:
measured 0.39 in Word's PDF, 0.33 in Calc's; a smaller glyph on the same line, 0.1 at most)."""


def _raise_marks(chars: list[dict[str, object]]) -> None:
    """Give a digit printed smaller than the glyph before it and raised above (or lowered below) its
    line the character that prints so (`raised`): a footnote's 「¹」 after 「19.6」 read as 19.61, and
    after 114 万元 as 1141. Read by what is drawn, as Word's 上标 is by the run's format."""
    base = prev = None
    for char in chars:
        text = str(char["text"])
        if text.isspace():
            continue
        if base is not None and prev is not None and (place := _raised_beside(char, base, prev)):
            shown = raised(text, place)
            if shown != text:
                char["text"] = shown
                prev = char
                continue
        base = prev = char


def _raised_beside(char, base, prev) -> str:  # type: ignore[no-untyped-def]
    """「superscript」 or 「subscript」 where `char` is set so beside `base`, the full-size glyph
    before it (`prev`, maybe a raised one, right before it), else ""."""
    size = float(base["size"] or 0.0)
    if not size or float(char["size"] or 0.0) >= RAISED_SIZE * size:
        return ""
    if not (0 <= char["x0"] - prev["x1"] < size / 2 and char["top"] < base["bottom"] and char["bottom"] > base["top"]):
        return ""
    if base["bottom"] - char["bottom"] > RAISED_SHIFT * size:
        return "superscript"
    return "subscript" if char["bottom"] - base["bottom"] > RAISED_SHIFT * size / 2 else ""


def _sideways(page) -> bool:  # type: ignore[no-untyped-def]
    return sum(1 for c in page.chars if not c.get("upright", True)) > SIDEWAYS * len(page.chars)


def _upended(page) -> bool:  # type: ignore[no-untyped-def]
    """Whether most of a page's text runs right to left upside down: a page a reader's 「旋转」 turned by half
    (/Rotate 180), or drawn so. Read as it stands, 「满意度指标」 came out 「标指度意满」 in the cell of the row
    below (tests/forms_pdf28/upside-down.pdf)."""
    return sum(1 for c in page.chars if c.get("upright", True) and c["matrix"][0] < 0 and c["matrix"][3] < 0) \
        > SIDEWAYS * len(page.chars)


SLANT = 5.0
"""Degrees off the page's axes from which a character's baseline is slanted: a watermark 「仅供参考」 laid across a
table (at 30° or 45°), or a seal's ring of characters. A line of text runs along an axis (a skewed font slants its
letters, not its baseline)."""


def _slanted(chars) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """The characters whose baseline runs slanted across the page (`SLANT`): read with the table they fall on, the
    watermark's 「参」 and 「考」 joined 「参社会效益指标」 and 「考项目计划总投资」 (tests/forms_pdf29/watermarked.pdf)."""
    out = []
    for char in chars:
        a, b = char["matrix"][0], char["matrix"][1]
        angle = math.degrees(math.atan2(b, a)) % 90
        if SLANT < angle < 90 - SLANT and not char["text"].isspace():
            out.append(char)
    return out


def _letters(chars) -> str:  # type: ignore[no-untyped-def]
    text = "".join(str(c["text"]) for c in chars)
    return text if len(text) <= 20 else f"{text[:20]}…"


def _upright(page):  # type: ignore[no-untyped-def]
    """The page turned the way its text asks: by half where it stands upside down (`_upended`); else by a quarter,
    text running up the page (its direction's vertical part positive) clockwise, text running down the other way."""
    from pdfplumber.page import Page

    if _upended(page):
        rotate = (page.rotation + 180) % 360
    else:
        up = sum(c["matrix"][1] for c in page.chars if not c.get("upright", True))
        rotate = (page.rotation + (90 if up > 0 else 270)) % 360
    source = page.page_obj
    source.attrs = {**source.attrs, "Rotate": rotate}
    source.rotate = rotate
    turned = Page(page.pdf, source, page.page_number, page.initial_doctop)
    _lay_out(turned)
    return turned


STAMPED = 20
"""Characters a scanned page may carry besides its picture: a page number or a date a scanning
or printing program stamped on it (a page of text has hundreds)."""
PICTURED = 0.5
"""Share of a page pictures must cover for a page with hardly any text to be taken as scanned."""


def _pictured(page) -> bool:  # type: ignore[no-untyped-def]
    """Whether pictures cover most of the page (a scan, maybe with a page number stamped on it)."""
    area = float(page.width) * float(page.height)
    covered = sum(max(0.0, min(i["x1"], page.width) - max(i["x0"], 0)) * max(0.0, min(i["bottom"], page.height) - max(i["top"], 0))
                  for i in page.images)
    return area > 0 and covered >= PICTURED * area


GAP = 0.4
"""Share of a character's height beyond which the space between two characters of a line parts
two columns: Chinese text runs on without gaps, a Latin word space is a quarter of the size, a
table's cells stand apart by their padding."""


def _runs_of(chars) -> int:  # type: ignore[no-untyped-def]
    """How many stretches of text a line holds, parted by column gaps (see `GAP`)."""
    glyphs = sorted((c for c in chars if not c["text"].isspace()), key=lambda c: c["x0"])
    return 1 + sum(1 for a, b in pairwise(glyphs) if b["x0"] - a["x1"] > GAP * max(a["bottom"] - a["top"], 1.0))


def _parts_of(chars) -> tuple[tuple[float, float, str], ...]:  # type: ignore[no-untyped-def]
    """The stretches `_runs_of` counts: (left, right, text without spaces), a label spread over its
    cell (`_spread`) one stretch."""
    glyphs = sorted((c for c in chars if not c["text"].isspace()), key=lambda c: c["x0"])
    parts: list[list] = []  # type: ignore[type-arg]
    for k, glyph in enumerate(glyphs):
        if k and glyph["x0"] - glyphs[k - 1]["x1"] <= GAP * max(glyphs[k - 1]["bottom"] - glyphs[k - 1]["top"], 1.0):
            parts[-1].append(glyph)
        else:
            parts.append([glyph])
    return tuple((float(p[0]["x0"]), float(p[-1]["x1"]), "".join(str(g["text"]) for g in p)) for p in _spread(parts))


def _spread(parts: list[list]) -> list[list]:  # type: ignore[type-arg]
    """Stretches with the characters of a label spread over its cell (Excel's and Calc's 分散对齐:
    「主 管 部 门」) joined: two single characters or more at equal gaps, and the first character
    of the stretch after at that gap, which a value printed right after the cell's edge runs on
    from (「称中江县…」 of 「项 目 名 称中江县…」, split there into label and value)."""
    out: list[list] = []  # type: ignore[type-arg]
    k = 0
    while k < len(parts):
        end = k
        step = parts[k + 1][0]["x0"] - parts[k][0]["x1"] if k + 1 < len(parts) else 0.0
        while end + 1 < len(parts) and len(parts[end]) == 1 and abs(parts[end + 1][0]["x0"] - parts[end][0]["x1"] - step) <= 1.0:
            end += 1
        if end - k < 2:  # fewer than two single characters before the last: no spread label
            out.append(parts[k])
            k += 1
            continue
        label = [g for p in parts[k:end] for g in p] + parts[end][:1]
        out.append(label)
        if len(parts[end]) > 1:
            out.append(parts[end][1:])
        k = end + 1
    return out


SHADE = 2.5
"""Points above which a filled rectangle is a cell's or row's background, not a rule."""


def _shading(obj) -> bool:  # type: ignore[no-untyped-def]
    """A filled, unstroked rectangle wider and taller than a rule: a background, whose edges rule
    nothing. A table shaded by rows without borders (web pages, report engines) would otherwise
    be read as one-row tables whose columns pdfplumber guesses; read as text it is refused
    (`_unruled_header`). Rules drawn as thin filled rectangles (chromium, some engines) stay."""
    return (obj.get("object_type") == "rect" and bool(obj.get("fill")) and not obj.get("stroke")
            and min(obj["width"], obj["height"]) > SHADE)


def _not_shading(obj) -> bool:  # type: ignore[no-untyped-def]
    return not _shading(obj)


DOT = 0.1
"""Points from which a piece of a rule counts (pdfplumber's prefilter drops those under 1 pt before it joins the
rest) on a page whose rules are drawn as dots or short dashes (`_dotted`)."""
DOTS = 200
"""Pieces of rules under 1 pt long from which a page's rules are taken as drawn dot by dot: none of the 167 pages
of the tests' PDF prints (tests/forms_pdf*, their first six pages) has one."""


def _dotted(page) -> bool:  # type: ignore[no-untyped-def]
    """Whether the page draws its rules as many pieces each under 1 pt (a dotted border, or a program drawing each
    rule in short strokes). pdfplumber leaves them out before joining them, and the table, every rule there, was
    refused as drawn without rules: 中江县's 自评表 with each rule in strokes of 0.5 pt (73,900 on its page) reads
    in 1.6 s of CPU more, its page's 6 s of parsing aside (tests/forms_pdf29/dotted.pdf)."""
    return sum(1 for e in page.edges if max(e["width"], e["height"]) < 1) > DOTS


def _open_ends(page) -> dict[str, list[dict[str, object]]]:  # type: ignore[no-untyped-def]
    """The rules a page break left out, as pdfplumber's explicit lines. A browser draws a
    collapsed border once, and a spreadsheet no rule under a merged cell that runs on: the cells
    at the page's first and last table line have their side rules but no rule above (or below)
    them, and pdfplumber, finding no box, would leave their text out of the table. Where two
    neighbouring vertical rules begin (or end) together at the topmost (or bottommost) end of
    the page's vertical rules, with no horizontal rule between them there, one is added."""
    vertical = [e for e in page.edges if e["orientation"] == "v" and e["height"] > SHADE]
    horizontal = [e for e in page.edges if e["orientation"] == "h" and e["width"] > SHADE]
    if not vertical:
        return {}
    added: list[dict[str, object]] = []
    for y, reaches in ((min(e["top"] for e in vertical), lambda e, y: abs(e["top"] - y) <= _ALIGN),
                       (max(e["bottom"] for e in vertical), lambda e, y: abs(e["bottom"] - y) <= _ALIGN)):
        xs = _positions(e["x0"] for e in vertical if reaches(e, y))
        for left, right in pairwise(xs):
            middle = (left + right) / 2
            if right - left > SHADE and not any(abs(e["top"] - y) <= _ALIGN and e["x0"] <= middle <= e["x1"]
                                                for e in horizontal):
                added.append({"object_type": "page_break_edge", "orientation": "h", "x0": left, "x1": right,
                              "top": y, "bottom": y, "width": right - left, "height": 0.0})
    return {"explicit_horizontal_lines": added} if added else {}


def _square_corners(page) -> dict[str, list[dict[str, object]]]:  # type: ignore[no-untyped-def]
    """A rounded corner's square, as pdfplumber's explicit lines: a Bézier curve turning a quarter
    between a horizontal and a vertical tangent (its first control point in line with its start,
    its second with its end) beside a straight piece of its path, a table border or cell drawn with
    rounded corners (a web page's ``border-radius``). The table finder takes ruling from straight
    pieces only and finds a cell by its four corners: from a radius of about 6 pt the border's
    sides stopped short of one another, the corner cells had no corner and the table came apart
    (「项目名称」「年度」 one row, 「分值备注」 a paragraph; tests/test_import_pdf_rounded.py). A figure
    of curves alone (a circle round a figure) is no ruling and gets none."""
    added: dict[str, list[dict[str, object]]] = {}
    for curve in page.curves:
        path = curve.get("path") or []
        at: tuple[float, float] | None = None
        for k, (op, *points) in enumerate(path):
            if op == "c" and at is not None and len(points) == 3 and any(
                    0 <= j < len(path) and path[j][0] == "l" for j in (k - 1, k + 1)):
                (ax, ay), (bx, by), (ex, ey) = points
                if abs(ay - at[1]) < 0.5 and abs(bx - ex) < 0.5:  # along, then down (or up)
                    corner = (ex, at[1])
                elif abs(ax - at[0]) < 0.5 and abs(by - ey) < 0.5:  # down (or up), then along
                    corner = (at[0], ey)
                else:
                    corner = None
                if corner is not None and abs(ex - at[0]) > 0.5 and abs(ey - at[1]) > 0.5:
                    for one, other in ((at, corner), (corner, (ex, ey))):
                        flat = abs(one[1] - other[1]) < 0.5
                        x0, x1 = sorted((one[0], other[0]))
                        top, bottom = sorted((one[1], other[1]))
                        added.setdefault("explicit_horizontal_lines" if flat else "explicit_vertical_lines", []).append(
                            {"object_type": "corner_edge", "orientation": "h" if flat else "v", "x0": x0, "x1": x1,
                             "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top})
            if points:
                at = points[-1]
    return added


SPILL = 0.3
"""Share of a character's height that must stand above a rule for it to have spilt over it."""


def _spilt(page, added: list[dict[str, object]], tables) -> set[int]:  # type: ignore[no-untyped-def]
    """The characters that run down over a rule out of a merged cell above it: their top stands
    above the rule, their middle below, and the cell above spans several rows. Calc prints a
    merged cell's text at the middle of its whole range on every page it spans and hides what
    runs past the range with a clipping path, which pdfminer does not apply: read by its middle
    「况」 of 「年度绩效指标完成情况」 joined the row below (「况总分」): it is the next line of
    the text above it. Text too tall for its own row crosses its rules too, with no line of the
    cell above ending right over it; and a character that runs over a rule below its middle
    stays with its cell, where `_place` and `_repeats` look for a merged cell's text at a page
    break."""
    rules = sorted([(float(e["top"]), float(e["x0"]), float(e["x1"])) for e in page.horizontal_edges
                    if e["width"] > SHADE]
                   + [(float(e["top"]), float(e["x0"]), float(e["x1"])) for e in added])  # type: ignore[arg-type]
    tops = [rule[0] for rule in rules]
    spilt: set[int] = set()
    for char in page.chars if rules and tables else ():
        middle = (char["x0"] + char["x1"]) / 2
        low, high = char["top"] + SPILL * (char["bottom"] - char["top"]), (char["top"] + char["bottom"]) / 2
        crossed = [y for y, x0, x1 in rules[bisect.bisect_right(tops, low):bisect.bisect_left(tops, high)]
                   if x0 <= middle <= x1]
        if crossed and any(_merged_above(table, crossed[0], middle) for table in tables) and _goes_on(page.chars, char):
            spilt.add(id(char))
    return spilt


def _goes_on(chars, char) -> bool:  # type: ignore[no-untyped-def]
    """Whether a line of text ends right above `char` (within half a line) over it: `char` is
    the next line of that text."""
    height = char["bottom"] - char["top"]
    return any(char["top"] - height / 2 <= other["bottom"] <= char["top"] + height / 5
               and other["x0"] < char["x1"] and other["x1"] > char["x0"] for other in chars if other is not char)


def _positions(values: Iterable[float]) -> list[float]:
    """Distinct positions, ascending, those less than a tenth of a point apart taken as one (the
    first): a rule drawn by two strokes, a row's top computed twice, is one place on the page."""
    from pdfplumber.utils import cluster_list

    return [group[0] for group in cluster_list(list(values), tolerance=0.1)]


def _merged_above(table, y: float, x: float) -> bool:  # type: ignore[no-untyped-def]
    """Whether the table's cell that ends at `y` over `x` spans more than one row."""
    starts = _positions(row.bbox[1] for row in table.rows)
    return any(abs(cell[3] - y) <= 1.5 and cell[0] <= x <= cell[2]
               and sum(1 for top in starts if cell[1] - 1 <= top < cell[3] - 1) > 1 for cell in table.cells)


OVERPRINT = 0.8
"""Share of a character's height below which two lines of text at the same place overlap: lines
of a cell stand a line's height apart, a bold face drawn twice at the same height."""


def _overprinted(chars, table) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """The table's cells (row, column) holding characters printed over other characters: text too
    tall for its row (a sheet 「缩放到一页」 keeps the rows' heights and shrinks them, while the text
    of a merged cell grows over the rows around it) runs into the lines of the cells above and below,
    and pdfminer, which sees no clipping, reads both lines as one, their characters interleaved
    (「经济效益」 over 「社会效益」 gave 「指社标会效益」). The text of such a cell cannot be told apart."""
    x0, top, x1, bottom = table.bbox
    inside = sorted((c for c in chars if not c["text"].isspace() and x0 <= (c["x0"] + c["x1"]) / 2 <= x1
                     and top <= (c["top"] + c["bottom"]) / 2 <= bottom), key=lambda c: (_whole_point(c["x0"]), c["top"]))
    hits: list[tuple[int, int]] = []
    for a, b in pairwise(inside):
        size = max(a["bottom"] - a["top"], 1.0)
        if _whole_point(a["x0"]) == _whole_point(b["x0"]) and 0.5 < b["top"] - a["top"] < OVERPRINT * size:
            for char in (a, b):  # and the cell a character runs into
                for y in (char["top"] + 1, char["bottom"] - 1):
                    where = _cell_at(table, (char["x0"] + char["x1"]) / 2, y)
                    if where is not None and where not in hits:
                        hits.append(where)
    return sorted(hits)


def _whole_point(x: float) -> int:
    """The whole point a character starts at (half up, as every figure here rounds): the characters
    of two lines printed over each other start at the same point, give or take a fraction."""
    return math.floor(x + 0.5)


def _cell_at(table, x: float, y: float) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
    """The (row, column) of the table's cell whose box holds the point (the merged cell's first)."""
    for r, row in enumerate(table.rows):
        for c, box in enumerate(row.cells):
            if box is not None and box[0] <= x <= box[2] and box[1] <= y <= box[3]:
                return r, c
    return None


def _past_foot(page, table) -> bool:  # type: ignore[no-untyped-def]
    """Whether the table's side rules run on past the page's bottom edge: the page cut it, and its rows
    below are drawn where no reader shows or prints them. LibreOffice prints so a Word text box taller
    than the page (tests/forms_pdf30/boxed-cut.pdf: the rules run to 945 pt on a 792 pt page, the last
    rows gone but for a few characters); a table that goes on over the break closes each page inside it."""
    x0, _, x1, _ = table.bbox
    foot = page.bbox[3]
    return any(e["orientation"] == "v" and x0 - 1 <= e["x0"] <= x1 + 1 and e["top"] < foot and e["bottom"] > foot + 1
               for e in page.edges)


def _cut_at_foot(number: int, table) -> str:  # type: ignore[no-untyped-def]
    rows = _table(table, number).cells
    last = next((" ".join(c.text for c in row if c.text) for row in reversed(rows) if any(c.text for c in row)), "")
    after = f"（最后印出的一行是「{last[:40]}」）" if last else ""
    return (f"PDF 第 {number} 页的表格超出了页面底边，页脚以下的行没有印出来{after}：多半是表格放在文本框里、文本框比一页还高，"
            "打印时被页脚截断，导入的表格会缺行，因此拒绝导入。请在 Word 中把表格移出文本框（或把文本框缩到一页以内）后重新打印为 PDF，"
            "或直接提交 Word 原件（.docx）")


def _holes(table) -> bool:  # type: ignore[no-untyped-def]
    """Whether some of the table's area lies in no cell (a stretch whose rules do not close)."""
    x0, top, x1, bottom = table.bbox
    covered = sum((c[2] - c[0]) * (c[3] - c[1]) for c in table.cells)
    return (x1 - x0) * (bottom - top) - covered > 0.01 * (x1 - x0) * (bottom - top)


def _in_table(obj, box, cells) -> bool:  # type: ignore[no-untyped-def]
    """Whether `obj` is read with the table: inside its box and, where the table has holes, inside
    one of its `cells`. Text in a hole is in no cell: it is read as a line beside the table
    (a merged cell's text, `_stray`, or a paragraph the import lists), never dropped."""
    return _inside(obj, box) and (not cells or any(_inside(obj, cell) for cell in cells))


def _in_hole(obj, table) -> bool:  # type: ignore[no-untyped-def]
    return _inside(obj, table.bbox) and not any(_inside(obj, cell) for cell in table.cells)


def _inside(obj, box) -> bool:  # type: ignore[no-untyped-def]
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return bool(box[0] <= x <= box[2] and box[1] <= y <= box[3])


def _table(table, page: int, pictured: Mapping[tuple[int, int], str] | None = None) -> _Table:  # type: ignore[no-untyped-def]
    """A pdfplumber table as rows of cells, covered positions as continuations of their owner; a
    cell a picture hides part of keeps its whole text in ``covered`` (`_partly_pictured`)."""
    pictured = pictured or {}
    lines = table.extract(**_turned_text(table.page.chars))
    spaced = _spaced(table)
    raw = [[None if t is None else _unwrapped(table, r, c, t, (r, c) in spaced) for c, t in enumerate(row)]
           for r, row in enumerate(lines)]
    boxes = [row.cells for row in table.rows]
    columns = _columns(boxes, table.bbox)
    bottom = table.rows[-1].bbox[3] if table.rows else table.bbox[3]
    closed = [_ruled_at(table.page, bottom, (x0 + x1) / 2) for x0, x1 in columns]
    out = _Table(page, table.bbox[1], table.bbox[3], columns, raw=raw, lines=lines, closed=closed,
                 rules=(*(row.bbox[1] for row in table.rows), bottom))
    if table.rows:
        out.room = [_room_left(line) for line in _cell_lines(table, len(table.rows) - 1)]
        out.leads = [[_lead(line) for line in _cell_lines(table, r)] for r in range(min(LEADS, len(table.rows)))]
        out.spaced_ends = _spaced_ends(table, lines, spaced)
    for r, row in enumerate(raw):
        cells: list[Cell] = []
        for c, text in enumerate(row):
            ref = f"第{r + 1}行第{c + 1}列"
            if text is not None:
                if _HASHES.match(text):
                    out.notes.append(f"PDF 第 {page} 页表格{ref}印成「{text}」（列太窄，Excel 没有打印出数字）："
                                     "导入的是「#」而不是数字，请按原件改正")
                if unread := len(_UNREADABLE.findall(text)) + text.count("(cid:"):
                    out.notes.append(f"PDF 第 {page} 页表格{ref}有 {unread} 个字符无法识别（字体缺少字符对照表），"
                                     f"导入为「{text}」：请按原件改正")
                cells.append(Cell(text, OWN, ref, pictured.get((r, c), "")))
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


LEADS = 4
"""A page's first rows whose first words are measured (`_lead`): the row a page break cut opens the page, or
follows the header rows a form repeats on every page (two or three)."""

_Box = tuple[float, float, float, float]
_Glyph = tuple[float, float, float]
"""A character's left, right and size."""


def _cell_lines(table, r: int) -> list[tuple[_Box, list[list[_Glyph]]] | None]:  # type: ignore[no-untyped-def]
    """Row `r`'s cells, each its box and its printed lines' characters (left, right, size), left to right;
    None where a merged cell covers the position."""
    row = table.rows[r]
    chars = [ch for ch in table.page.chars if not ch["text"].isspace() and _centre_in(ch, row.bbox)]
    out: list[tuple[_Box, list[list[_Glyph]]] | None] = []
    for box in row.cells:
        if box is None:
            out.append(None)
            continue
        lines: list[list[_Glyph]] = []
        tops: list[float] = []
        for ch in sorted((ch for ch in chars if _centre_in(ch, box)), key=lambda ch: (ch["top"], ch["x0"])):
            if tops and abs(ch["top"] - tops[-1]) < ch["size"] / 2:
                lines[-1].append((ch["x0"], ch["x1"], ch["size"]))
            else:
                tops.append(ch["top"])
                lines.append([(ch["x0"], ch["x1"], ch["size"])])
        out.append((box, [sorted(line) for line in lines]))
    return out


def _room_left(cell: tuple[_Box, list[list[_Glyph]]] | None, line: int = -1) -> float | None:
    """The width a cell's `line` (its last) leaves empty before the cell's right edge, less the margin its
    first line keeps from the left edge (a cell's margins are alike left and right): room for more
    text on that line. None for a cell whose text does not start at its left margin (centred: its
    gaps say nothing of the room), or without text."""
    if cell is None or not cell[1]:
        return None
    box, lines = cell
    margin = lines[0][0][0] - box[0]
    if margin > lines[0][0][2]:
        return None
    return box[2] - lines[line][-1][1] - margin


def _cut_at_edge(cell: tuple[_Box, list[list[_Glyph]]] | None) -> frozenset[int]:
    """The lines of a cell (by number, from 0) after which the next line's first character would not have fitted:
    a word too long for the column, cut there (「OT」 over 「o%」 in a column 35 pt wide, 7.9 pt left for an 「o」
    9.0 pt wide: 雨花区's 「OTo%」 at 15 pt, tests/forms_dept/d08). A line that left room for it wrapped at a
    space, as Latin text wraps between words. One that left room for neither that character nor a space may have
    wrapped at a space it could not draw: it counts as cut, the likelier, since a cut line ends within a letter of
    the edge and a wrap anywhere within the next word's width (tests/forms_pdf28/SOURCES.md). Nothing else on the
    page tells them apart: LibreOffice prints 「GIS data platform」 and 「GIS dataplatform」 in a column 1.6 cm wide
    at 15 pt glyph for glyph at the same places (tests/forms_pdf29/SOURCES.md)."""
    if cell is None:
        return frozenset()
    lines = cell[1]
    return frozenset(k for k in range(len(lines) - 1)
                     if (room := _room_left(cell, k)) is not None and room < lines[k + 1][0][1] - lines[k + 1][0][0])


_WORD = 2
"""Characters of a line's first word: LibreOffice wraps Chinese text by words from its dictionary
(「经济效益」「指标(选填)」 in a 5-character column), which are mostly two characters long."""


def _lead(cell: tuple[_Box, list[list[_Glyph]]] | None) -> float | None:
    """The width a cell's first line needs for its first word (`_WORD` characters, or all the line holds)."""
    if cell is None or not cell[1]:
        return None
    line = cell[1][0]
    return line[min(_WORD, len(line)) - 1][1] - line[0][0]


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
    return _ruled_at(table.page, table.rows[r].bbox[1], x)


def _ruled_at(page, y: float, x: float) -> bool:  # type: ignore[no-untyped-def]
    """Whether a horizontal rule of the page crosses `x` at height `y`."""
    return any(abs(edge["top"] - y) < 1.5 and edge["x0"] - 1 <= x <= edge["x1"] + 1 for edge in page.horizontal_edges)


_HASHES = re.compile(r"^#+$")
"""What Excel prints for a number wider than its column."""


def unwrap(text: str, typed: frozenset[int] | None = None, cut: frozenset[int] = frozenset()) -> str:
    """A cell's lines are wrapping in a PDF (not paragraphs): rejoined without a space, except where the page
    draws one at the line's end (`typed`: 苏州's 「(80 」 over 「分)」, tests/forms_layouts/l08) and between two
    Latin letters, where the wrap took a space, unless the line before is counted in `cut` (by number, from 0:
    its word cut at the cell's edge, `_cut_at_edge`); a line opening with an item's number
    (「一、」「（二）」「3、」「3.」「目标3:」) starts a line of its own, as typed (「资金总额: 250」「一、预算资金:250」).
    A gap between Chinese characters is left out (`_GAP`). Where the spaces the text layer holds are known,
    `typed` (each counted by the non-blank characters before it), a gap is left out unless typed there, and so
    is a gap between a Chinese character and a Latin letter (`_LOOSE`)."""
    lines = [line.strip() for line in clean(text).split("\n") if line.strip()]
    out = ""
    for k, line in enumerate(lines):
        if out and _starts_item(out, line, lines[k + 1] if k + 1 < len(lines) else ""):
            out += "\n"
        elif out and (_inked(out) in (typed or ()) or (_latin(out[-1]) and _latin(line[0]) and k - 1 not in cut
                      and not _UNIT_CUT.search(out))):
            out += " "
        out += line
    if typed is not None:
        return half_width(_LOOSE.sub(lambda m: " " if _inked(out[:m.start()]) in typed else "", out))
    return half_width(_GAP.sub("", out))


_SPREAD = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])")
"""A gap between two Chinese characters: the line is spread (两端对齐 stretching it, or a fallback font's gaps)."""


def _line_text(line) -> str:  # type: ignore[no-untyped-def]
    """A text line outside the tables as pdfplumber reads it, but in a spread line (`_SPREAD`) a gap beside a Latin
    word is left out unless the page draws a space there (`_LOOSE`, as `_typed_spaces` keeps a cell's): a 两端对齐
    line stretched before an address reads 「详 见 https://」 where 「详见https://」 was typed (tests/forms_pdf30/
    justified.pdf: 7.7 pt before 「h」, 4.9 pt between its Chinese characters, no space drawn). A line not spread
    keeps its gaps: its typed spaces are not known where the PDF draws none (12 of the 62 test PDFs draw none)."""
    text = clean(line["text"])
    if not _SPREAD.search(text):
        return text
    drawn = clean("".join(c["text"] for c in line["chars"]))
    if _inked(drawn) != _inked(text):
        return text
    typed = _spaces_in(drawn)
    return _LOOSE.sub(lambda m: " " if _inked(text[:m.start()]) in typed else "", text)


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


_LOOSE = re.compile(f"{_GAP.pattern}|(?<=[^\\x00-\\x7f]) (?=[A-Za-z])|(?<=[A-Za-z]) (?=[^\\x00-\\x7f])")
"""A gap `_GAP` leaves out, or one between a Chinese character and a Latin letter (「就业 LJUI」 where the page
draws 「就业LJUI」: 嘉峪关's 经济效益 at 16 pt, tests/forms_targets/t03), left out unless typed (「采用 PPP 模式」):
pdfplumber writes both alike."""


def _spaced(table) -> set[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """The (row, column) of each cell in which the page draws a space character."""
    out: set[tuple[int, int]] = set()
    for ch in table.page.chars:
        if ch["text"] == " " and _centre_in(ch, table.bbox):
            out |= {(r, c) for r, row in enumerate(table.rows) if _centre_in(ch, row.bbox)
                    for c, box in enumerate(row.cells) if box is not None and _centre_in(ch, box)}
    return out


def _unwrapped(table, r: int, c: int, text: str, spaced: bool) -> str:  # type: ignore[no-untyped-def]
    """`unwrap` of row `r`, column `c`'s `text` (pdfplumber's, its lines as printed), with the spaces the page
    draws where it has a gap pdfplumber may have made (`_LOOSE`), a line break in a cell where it draws a space
    (`spaced`: pdfplumber's lines leave out a space at their end), or a line break between two Latin letters, and
    then where a word was cut at the cell's edge. Of the 7,824 cells in the tests' 49 PDFs, 227 are read again
    for their spaces and 13 measured for their cuts.

    LibreOffice draws the space it wrapped a line at (「GIS 」 over 「data」), none where a word too long for the
    column is cut (「plat」「for」「m」); an edge with room left for the next line's first letter is a wrap at a
    space where a PDF draws no spaces."""
    lines = [line.strip() for line in clean(text).split("\n") if line.strip()]
    latin = any(_latin(a[-1]) and _latin(b[0]) for a, b in pairwise(lines))
    typed = _typed_spaces(table, r, c, text) if latin or _LOOSE.search(text) or (spaced and "\n" in text) else None
    if not latin:
        return unwrap(text, typed)
    cell = _cell_lines(table, r)[c]
    return unwrap(text, typed, _cut_at_edge(cell) if cell is not None and len(cell[1]) == len(lines) else frozenset())


_UNIT_CUT = re.compile(r"\d[A-Za-z]+$")
"""A line ending in a figure's unit (「14.7k」 over 「m」): a narrow column cut the word 「14.7km」, which no space
could part, so its lines join without one. With a space the 目标值 「14.7k m」 was no figure with its unit, where the
Word file says 「14.7km」 (忠县涂井乡's 人行便道, tests/forms_layouts/l06, printed at 14 pt on 纵向 paper)."""


def _inked(text: str) -> int:
    """Characters of `text` that are not blank: a place in a cell's text however it is wrapped."""
    return sum(1 for ch in text if not ch.isspace())


def _spaces_in(text: str) -> frozenset[int]:
    """The places (`_inked`) of the spaces in `text`."""
    places: set[int] = set()
    inked = 0
    for ch in text:
        if ch == " ":
            places.add(inked)
        elif not ch.isspace():
            inked += 1
    return frozenset(places)


def _rejoin(before: str, after: str, spaced: bool = False) -> str:
    """Two texts already read (`unwrap`) joined as one cell's lines: the spaces they kept are typed, and so is one
    the page drew after `before`'s last character (`spaced`), which `unwrap` left out with the line's end."""
    text = f"{before}\n{after}"
    return unwrap(text, _spaces_in(text) | ({_inked(before)} if spaced else set()))


def _spaced_ends(table, lines: list[list[str | None]], spaced: set[tuple[int, int]]) -> list[bool]:  # type: ignore[no-untyped-def]
    """Each column of the table's last row: whether its cell (or the cell merged down over it) ends with a space the
    page draws, as LibreOffice draws the space it wrapped a line at. At a page's foot that line's end is the page
    break's: 苏州's 「投入目标(28 」 over 「分)」 at 16 pt (tests/forms_layouts/l08), its space otherwise lost with the
    line's end when the two pages' texts are joined (`_rejoin`)."""
    out: list[bool] = []
    for c in range(len(lines[-1]) if lines else 0):
        r = len(lines) - 1
        while r > 0 and lines[r][c] is None:
            r -= 1
        drawn = _drawn_text(table, r, c) if (r, c) in spaced else None
        out.append(drawn is not None and drawn.rstrip("\n").endswith(" "))
    return out


_ONE_WORD = 1e6
"""An x tolerance no gap on a page reaches: each line of a cell read as one word, so the text holds
a space only where the page draws a space character."""


def _typed_spaces(table, r: int, c: int, text: str) -> frozenset[int] | None:  # type: ignore[no-untyped-def]
    """The places (`_inked`) in a cell's `text` (pdfplumber's, its lines as printed) of the spaces
    that the page draws as characters. pdfplumber writes a space for a typed space and for a mere
    gap between glyphs alike; a gap between Chinese characters is a fallback font's (`_GAP`), left
    out, but a typed one is the text as written (「中央预算内 投资」 in 舒城县's 年度目标,
    tests/forms_targets/t13), and the .xlsx and .docx of the same form keep it. Read again with
    every line one word, the cell shows only the drawn spaces; asked only where they may differ
    (`_unwrapped`). None where the two readings do not hold the same characters: the spaces are not known."""
    drawn = _drawn_text(table, r, c)
    if drawn is None or _inked(clean(drawn)) != _inked(clean(text)):
        return None
    return _spaces_in(clean(drawn))


def _drawn_text(table, r: int, c: int) -> str | None:  # type: ignore[no-untyped-def]
    """Row `r`, column `c`'s text with every line one word (`_ONE_WORD`): a space only where the page draws one,
    at a line's end too. None where no cell starts there."""
    from pdfplumber.utils import extract_text

    row = table.rows[r]
    box = row.cells[c]
    if box is None:
        return None
    chars = [ch for ch in table.page.chars if _centre_in(ch, row.bbox) and _centre_in(ch, box)]
    return str(extract_text(chars, keep_blank_chars=True, x_tolerance=_ONE_WORD, **_turned_text(chars)))


def _turned_text(chars) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """How to read the characters a quarter turn sideways among `chars` (a cell's 竖排 text, Word's 「文字方向」):
    up the page, lines left to right, where most run up (turned anticlockwise, their baseline's upward part
    positive); else down it, lines right to left. pdfplumber reads them down the page, lines left to right, so
    「产出指标」 turned anticlockwise read 「标指出产」 (tests/forms_pdf29/vertical.pdf)."""
    up = sum(1 if c["matrix"][1] > 0 else -1 for c in chars if not c.get("upright", True))
    return {"char_dir_rotated": "btt", "line_dir_rotated": "ltr"} if up > 0 else {"char_dir_rotated": "ttb", "line_dir_rotated": "rtl"}


def _centre_in(char, box) -> bool:  # type: ignore[no-untyped-def]
    """pdfplumber's own test of a character in a cell (`Table.extract`): its centre, the box's
    right and bottom edges excluded."""
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return bool(box[0] <= x < box[2] and box[1] <= y < box[3])


_ITEM = re.compile(r"[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}、|(?P<point>\d{1,2}[.．](?!\d))"
                   r"|目标\s*\d{1,2}\s*[:：]")
"""An item's number at the start of a line: a line break before it was typed, not wrapping (广水's
「…300公里;」「2.」「3.」, 宁德市委党史研究室's 「…的发放;」「目标 2:对合作社区…」, a fallback font's gap after 目标). Not
a circled number: a range 「①-③」 wraps before its 「③」."""


def _starts_item(before: str, line: str, after: str) -> bool:
    """Whether `line` opens an item (`_ITEM`), given the text `before` it and the line `after` it. A number with a
    point is a figure's where digits run on across the break: 「3,309,840.00」 two characters a line prints 「84」
    「0.」「00」 (井研县's 预算数 at 15 pt, tests/forms_targets/t01), 「收入增加2.5万元」 may print 「增加」「2.」「5万」;
    but 「2.」 over 「3.」 are two items."""
    found = _ITEM.match(line)
    if not found:
        return False
    if not found["point"]:
        return True
    if before[-1].isdigit():
        return False
    rest = line[found.end():] or after
    return not rest[:1].isdigit() or bool(_ITEM.match(rest))


_WIDE_FIGURE = re.compile(r"^[≥≤＞＜><=＝]?\s*[-+－＋]?[0-9０-９,，]*[.．]?[0-9０-９]+\s*[%％]?$")
_HALF = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")


def half_width(text: str) -> str:
    """A cell that is wholly a figure in full-width digits, its digits, point, comma and ％ in
    ASCII: a Chinese font's character map often gives its digits as full-width code points
    (「１００．００％」 for the 100.00% the spreadsheet holds), and a figure means the same either
    way. Its sign (「＞」) and any text around a figure are left as printed."""
    if _WIDE_FIGURE.match(text) and any("０" <= ch <= "９" for ch in text):
        return text.translate(_HALF)
    return text


def _running(items: list[_Line | _Table], heights: dict[int, float]) -> dict[str, str]:
    """Page headers and footers: a line at the top or bottom edge repeated on at least half the pages
    (two at least), as Word repeats its header; kept apart from the body as Word's reader does.
    A stretch of a line parted from the rest by a column's gap counts on its own: Calc prints a
    merged cell's text running over the break beside the header (「绩效指标      某某县财政局」,
    `_unmixed`). Numbers aside: a browser's footer holds the address and 「1/2」, 「2/2」 (`_numberless` → the
    first line printed so)."""
    pages: dict[str, set[int]] = {}
    first: dict[str, str] = {}
    for x in items:
        if not (isinstance(x, _Line) and _at_edge(x, heights[x.page])):
            continue
        for text in dict.fromkeys([x.text, *(part[2] for part in x.parts if len(x.parts) > 1)]):
            if not _PAGE_NUMBER.match(text):
                pages.setdefault(_numberless(text), set()).add(x.page)
                first.setdefault(_numberless(text), text)
    total = len({x.page for x in items})
    return {key: first[key] for key, on in pages.items() if len(on) >= 2 and 2 * len(on) >= total}


def _unmixed(items: list[_Line | _Table], heights: dict[int, float], running: dict[str, str]) -> list[_Line | _Table]:
    """Lines at a page's edge without the stretches that are a running header or footer or a page
    number: the rest is body text printed on the same line (a merged cell's text that `_stray`
    puts back), which left there would hide the header and part the table from its continuation."""
    out: list[_Line | _Table] = []
    for x in items:
        if not (isinstance(x, _Line) and len(x.parts) > 1 and _at_edge(x, heights[x.page])):
            out.append(x)
            continue
        kept = tuple(p for p in x.parts if _numberless(p[2]) not in running and not _PAGE_NUMBER.match(p[2]))
        if len(kept) == len(x.parts):
            out.append(x)
        elif kept:
            chars = tuple(c for c in x.chars if any(p[0] <= c[0] <= p[1] for p in kept))
            out.append(_Line(" ".join(p[2] for p in kept), x.page, kept[0][0], kept[-1][1], x.top, x.bottom,
                             chars, len(kept), kept))
    return out


def _numberless(text: str) -> str:
    return re.sub(r"\d+", "#", text)


def _at_edge(line: _Line, height: float) -> bool:
    return line.top < height * _EDGE or line.bottom > height * (1 - _EDGE)


def _blocks(items: list[_Line | _Table], heights: dict[int, float], running: dict[str, str], *,
            rows_cut: bool = True, grid_of: dict[int, Grid] | None = None) -> list[Block]:
    """Paragraphs and grids in reading order; `grid_of` is given each table's grid (by the table's id)."""
    grid_of = {} if grid_of is None else grid_of
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
    facts: list[_Line] = []

    def text(line: _Line) -> None:
        flush()
        if para and not _continues(para[-1], line, margins[line.page]):
            close()
        para.append(line)

    def flush() -> None:
        nonlocal tables
        if facts:
            tables += 1
            blocks.append(_facts_grid(f"表{tables}", facts))
            facts.clear()

    for item in items:
        if isinstance(item, _Line):
            if _margin(item, heights, running):
                continue
            if last_table is not None and _stray(last_table, item) is not None:
                strays.append(item)
                continue
            for line in strays:
                text(line)
            strays.clear()
            if _fact_line(item) or (facts and facts[-1].page == item.page and _inline_fact(item.parts[0][2] if item.parts else "")):
                close()
                facts.append(item)
            else:
                text(item)
            last_table = None
            continue
        if last_table is not None and _continues_table(last_table, item, heights):
            _place(last_table, strays, item)
            strays.clear()
            _append(last_table[1], last_table[0], item, rows_cut=rows_cut)
            last_table = (item, last_table[1])
            grid_of[id(item)] = last_table[1]
            continue
        for line in strays:
            text(line)
        strays.clear()
        close()
        flush()
        tables += 1
        grid = Grid(f"表{tables}", [list(row) for row in item.cells], notes=list(item.notes), document=True)
        grid.before = next((b.text for b in reversed(blocks) if isinstance(b, Para) and b.text), "")
        blocks.append(grid)
        last_table = (item, grid)
        grid_of[id(item)] = grid
    for line in strays:
        text(line)
    close()
    flush()
    return blocks


def _fact_line(line: _Line) -> bool:
    """A line of a form's facts printed without rules: its first stretch is a fact's label
    (「项目名称」, or 「主管部门：…」 with its value), and the value stands apart by a column's gap,
    often with a second pair on the line (「主管部门   X局      实施单位   Y中心」). Read as a
    paragraph it would run label, value and the next label together (「主管部门X局实施单位Y中心」)."""
    if len(line.parts) < 2:
        return False
    return match(line.parts[0][2], FACTS, whole=True) is not None or _inline_fact(line.parts[0][2])


def _inline_fact(text: str) -> bool:
    """「主管部门：X局」: a fact's label and its value in one stretch (a line of its own under a fact
    line goes with it: 「实施单位：…」 under 「项目名称：…⇥主管部门：…」)."""
    inline = _INLINE_LABEL.match(text)
    return inline is not None and match(inline[1], FACTS, whole=True) is not None


_INLINE_LABEL = re.compile(r"^([^:：]{2,10})[:：]")


def _facts_grid(label: str, lines: list[_Line]) -> Grid:
    """Fact lines as the rows of a table without rules, each stretch a cell, as a spreadsheet's
    facts rows are read (tables.py takes 「label | value」 pairs along a row, a label's value the
    next filled cell). A label left blank (「填报单位（盖章）：」, to be stamped over) before a stretch
    that is a label and its value of its own (「填报日期：2023年3月1日」) ends its row: the next pair
    is no value of it, and the department is not 「填报日期：2023年3月1日」."""
    texts: list[list[str]] = []
    for line in lines:
        row: list[str] = []
        for text in (half_width(part[2]) for part in line.parts):
            if row and _blank_label(row[-1]) and _INLINE_LABEL.match(text) and not _blank_label(text):
                texts.append(row)
                row = []
            row.append(text)
        texts.append(row)
    rows = [[Cell(text, OWN, f"第{r + 1}行第{c + 1}列") for c, text in enumerate(row)] for r, row in enumerate(texts)]
    return Grid(label, rows, document=True)


def _blank_label(text: str) -> bool:
    """「填报单位（盖章）：」: a label with its colon and no value after it."""
    inline = _INLINE_LABEL.match(text)
    return inline is not None and not text[inline.end():].strip()


def _stray(last: tuple[_Table, Grid], line: _Line) -> dict[int, str] | None:
    """The texts, by column, of the merged cells of the table that may go on over the page break
    which `line` holds: Excel prints a merged cell's text at the middle of the whole merged range,
    which a page break puts below the table on one page or above it on the next (two columns'
    texts side by side make one line). Only a line whose every character lies in a column whose
    cell at the break is merged from above (or empty) qualifies, or, below the table on its page,
    one whose cell at the break starts there and runs on unruled (衡阳市衡山县's 二级 「成本指标」
    merged over the break in a narrow column: 「成本 指」 in the table, 「标」 under it)."""
    table, grid = last
    if not ((line.page == table.page and line.top >= table.top - 1) or line.page == table.page + 1):
        return None
    if not grid.rows or not line.chars or _titled([compact(line.text)], _NEXT_FORM):
        return None
    pieces: dict[int, str] = {}
    for middle, char in line.chars:
        column = next((c for c, (x0, x1) in enumerate(table.columns) if x0 <= middle <= x1), None)
        if column is None or column >= len(grid.rows[-1]):
            return None
        while column and grid.rows[-1][column].merged == LEFT:  # the merged cell's own column
            column -= 1
        pieces[column] = pieces.get(column, "") + char
    for column, piece in pieces.items():
        cell = grid.rows[-1][column]
        runs_on = line.page == table.page and column < len(table.closed) and not table.closed[column]
        if cell.merged != ABOVE and cell.text and not (line.page > table.page and _holds(cell.text, piece)) \
                and not runs_on:
            return None  # (a copy of the cell's text printed again on the next page is a stray)
    return {c: unwrap(text) for c, text in pieces.items() if unwrap(text)}


def _holds(text: str, piece: str) -> bool:
    return re.sub(r"\s+", "", piece) in re.sub(r"\s+", "", text)


def _copies(text: str, piece: str) -> bool:
    """Whether `piece` prints `text` again from its start, as a report engine prints a merged cell's text on each page
    it spans: not the rest of the text that went on over the break, which may be found inside it by chance (历城区's
    评分标准 「…该指标分值记分。定性指标…来记」 holds the 「分。」 that ends it on the next page, tests/forms_layouts/l09
    at 15 pt)."""
    return re.sub(r"\s+", "", text).startswith(re.sub(r"\s+", "", piece))


def _place(last: tuple[_Table, Grid], strays: list[_Line], table: _Table) -> None:
    """Put the merged cells' texts found beside the table back into the cells at the page break.
    Excel prints such a text once on every page the range spans, each copy cut by the page's
    edge: the copies' lines are joined page by page, and a copy another holds is dropped. Above
    `table`, which goes on with it, a repeated header's text of a header cell merged from the
    row above (「实际完成值」 over a two-row header) is printed cut by the page's edge: it is dropped."""
    header = next((row for row in reversed(last[1].rows) if _repeats(row, table.lines[0]) is not None), None) \
        if table.lines else None
    found: dict[int, dict[int, str]] = {}
    for line in strays:
        for column, piece in (_stray(last, line) or {}).items():
            if header is not None and line.page == table.page and line.top < table.top \
                    and column < len(header) and _holds(header[column].text, piece):
                continue
            on_page = found.setdefault(column, {})
            on_page[line.page] = unwrap(f"{on_page.get(line.page, '')}\n{piece}")
    for column, copies in found.items():
        text = ""
        for copy in copies.values():
            if copy in text:
                continue
            text = copy if text in copy else unwrap(f"{text}\n{copy}")
        if _holds(last[1].rows[-1][column].text, text):
            continue  # the cell holds it already: a copy printed on the next page
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
        return line.page == prev.page and _centred(line, left, right, size) and (
            _centred(prev, left, right, size) or _wraps_title(prev, left, right, size))
    if prev.text.endswith(_SENTENCE_END) and prev.x1 < right - size:
        return False
    # The line before ran (nearly) to the margin. Left-aligned Chinese text stops up to five
    # characters short when the next character may not start a line (「（」 before 「〔」 was measured).
    return prev.x1 >= right - RAGGED * size


def _wraps_title(prev: _Line, left: float, right: float, size: float) -> bool:
    """Whether `prev` is the first line of a centred title too long for one line: it runs from margin to
    margin and stops mid-phrase (宝坻区's 「…2022年中央预算内投」 over 「资计划绩效目标表」 on 纵向 paper,
    tests/forms_pdf26/title-wrapped.pdf: apart, neither line was the title and its year was lost)."""
    return prev.x0 <= left + size / 2 and prev.x1 >= right - size and not prev.text.endswith(_SENTENCE_END)


def _centred(line: _Line, left: float, right: float, size: float) -> bool:
    return line.x0 > left + 2 * size and abs((line.x0 - left) - (right - line.x1)) < 2 * size


def _join(lines: list[str]) -> str:
    return unwrap("\n".join(lines))


def _continues_table(last: tuple[_Table, Grid], table: _Table, heights: dict[int, float]) -> bool:
    """The table opening this page continues the one that closed the page before (a table with
    other columns is laid on the union of both tables' columns here, `_realigned`)."""
    prev = last[0]
    if table.page == prev.page and table.top >= prev.bottom and _repeats_header(last[1], table):
        return True
    if table.page != prev.page + 1 or not table.raw or not prev.raw:
        return False
    if table.top > heights[table.page] * 0.25:  # something stands above it on the page
        return False
    if abs(heights[table.page] - heights[prev.page]) > heights[prev.page] * _OTHER_PAPER:
        return False  # the paper turned (a section break): no table runs on over one
    if _has_header(last[1]) and _opens_form(table, prev):
        return False
    if prev.bottom < heights[prev.page] * FOOT and _titled(_first_new_row(table, prev)):
        return False  # a table ending half way down its page, and one opening the next with its own title
    width = max(len(r) for r in table.raw)
    return table.raw[0] == prev.raw[0] or width == max(len(r) for r in prev.raw) or _realigned(last, table)


def _repeats_header(grid: Grid, table: _Table) -> bool:
    """Whether `table`, below the grid's last table on the same page, opens with the grid's indicator header again
    (`_repeats`): two pages printed on one sheet (「每版打印 2 页」), the second repeating the header. Read as a table of
    its own, the repeated header 「一级指标 … 三级指标 …」 of 永德县明朗中学's form, its 分值 and 得分 merged down from
    the row above and so not repeated, was an indicator named 「三级指标」 (tests/forms_pdf29/two-up.pdf)."""
    if not table.lines or len(table.lines[0]) != len(grid.rows[-1]):
        return False
    return any(_repeats(row, table.lines[0]) is not None for row in grid.rows
               if any(_HEADER.search(cell.text) for cell in row))


def _opens_form(table: _Table, prev: _Table) -> bool:
    """Whether the table opening a page starts another programme's form below an indicator table:
    its first row that the page before does not repeat names a programme (「项目名称」) or is a
    form's title (one text naming a year or a 绩效…表). A department's forms printed one after
    another put one at the top of a page; it is a table of its own, never rows of the form above
    (whose last row it would be joined to as a cut row, `cut_row`)."""
    texts = _first_new_row(table, prev)
    if any(_HEADER.search(t) for t in texts):
        return False  # an indicator header (a list's names 项目名称 as a column), repeated under the titles the page before opens with
    if any(bare(t) in PROGRAMME_NAME for t in texts):
        return True
    return _titled(texts, _FORM_TITLE)


def _names_programme(table: _Table) -> bool:
    """Whether a table's first column holds a programme's name label (「项目名称」): a form's own,
    never the right-hand columns of a sheet printed over several pages (`pdf_columns`)."""
    return any(row and row[0] and bare(compact(row[0])) in PROGRAMME_NAME for row in table.raw)


def _first_new_row(table: _Table, prev: _Table) -> list[str]:
    """The texts of the first row of `table` that does not repeat the same row of `prev` (a
    printing program repeats a table's header rows at the top of every page). A row repeats with the same texts
    in the same order, on fewer columns too: a page whose only other row is merged across (中江县's 「总分」 under
    its two rows repeated, tests/forms/b01 printed as one table at 13 pt) has rules where the page before has
    none, and the repeated 「项目名称」 row was taken for another programme's form, its 总分 lost."""
    rows = iter(table.raw)
    row = next(rows, [])
    for repeated in prev.raw:
        if [t for t in row if t] != [t for t in repeated if t]:
            break
        row = next(rows, [])
    return [compact(t) for t in row if t]


def _titled(texts: list[str], title: re.Pattern[str] | None = None) -> bool:
    """Whether a row's `texts` are one title (one text across the row, a form's title by `title`,
    else any table's: 「政府性基金预算财政拨款收入支出决算表」)."""
    return (len(set(texts)) == 1 and len(texts[0]) <= 60 and bool((title or _TABLE_TITLE).search(texts[0]))
            and not LABEL_LINE.match(texts[0]) and not texts[0].endswith(_SENTENCE_END))


_FORM_TITLE = re.compile(r"绩效|自评|评价|^附件\s*\d*$")
"""A form's title row: 「2022年度项目支出绩效自评表」, 「…绩效目标自评」, 「附件2」 (a 「label：…」 line is none)."""
_TABLE_TITLE = re.compile(r"表(?:[（(][^）)]*[）)])?$|" + _FORM_TITLE.pattern)
"""Any table's title row: 「收入支出决算总表」, 「项目支出绩效目标表（2024年度）」, or a form's."""
_NEXT_FORM = re.compile(r"(?:绩效|自评|评价).*(?:表|报告|自评)(?:[（(][^）)]*[）)])?$")
"""A form's title under a table (「2020年度水土保持监测项目绩效自评表」, 「…绩效目标自评」): the next form's,
printed at a page's foot below the form before it, never a merged cell's text (`_stray`). Read as one,
the table the next page opens with went on as the form before's rows (阆中's 自评表 then held 黄冈's
indicators, tests/forms_pdf26/pair-foot.pdf)."""
_OTHER_PAPER = 0.05
"""The share by which the next page's height may differ from this one's and still be the same paper:
a portrait page after a landscape one (or A3 after A4) is a new section of a Word document, and
no table runs on over a section break (a 决算's statements on 横向 pages after a 自评表 on a 纵向 one)."""


_ALIGN = 3.0
"""Points by which two pages' rules of the same column may differ."""


def _near(x: float, rules: list[float]) -> int | None:
    return next((k for k, rule in enumerate(rules) if abs(rule - x) <= _ALIGN), None)


def _realigned(last: tuple[_Table, Grid], table: _Table) -> bool:
    """Lay `table` on the columns of the table it continues, when it starts and ends on rules of
    that table and has only rules of it, or every rule of it in between. pdfplumber finds no column in a stretch
    without rules (a merged cell running on from the page before, 「得分合计」 merged over six
    columns on a page of its own), nor a cell where a merged cell crosses the whole page with
    no rule above or below it (a row taller than the page: its 一级 and 原因 cells). A column
    it lacks within its width continues the cell to its left; one beside it continues the cell
    above, or starts empty where the page before ruled that cell off. A rule `table` has that
    the other lacks (a merged header over three columns on the page before) splits the
    grid's column: the rows above continue their cell there from the left (`_widen`)."""
    prev, grid = last
    if not table.columns or not prev.columns:
        return False
    old = [x0 for x0, _ in prev.columns] + [prev.columns[-1][1]]
    new = [x0 for x0, _ in table.columns] + [table.columns[-1][1]]
    first, end = _near(new[0], old), _near(new[-1], old)
    if first is None or end is None or end - first < 2:
        return False
    fewer = all(_near(x, old) is not None for x in new)  # merged cells hide some of its rules
    more = all(_near(x, new) is not None for x in old[first:end + 1])  # it splits some columns
    if not (fewer or more):
        return False
    union = sorted(old + [x for x in new if _near(x, old) is None])
    if len(union) > len(old):
        _widen(prev, grid, union)
    lefts = union[:-1]
    where = [_near(x0, lefts) for x0, _ in table.columns]
    outside = [k for k, x in enumerate(lefts) if x < new[0] - _ALIGN or x > new[-1] - _ALIGN]
    cells, raw, lines = [], [], []
    for r, row in enumerate(table.cells):
        out: list[Cell | None] = [None] * len(lefts)
        texts: list[str | None] = [None] * len(lefts)
        wrapped: list[str | None] = [None] * len(lefts)
        for c, k in enumerate(where):
            if c < len(row) and k is not None:
                out[k], texts[k], wrapped[k] = row[c], table.raw[r][c], table.lines[r][c]
        for k, cell in enumerate(out):
            if cell is not None:
                continue
            ref = f"第{r + 1}行第{k + 1}列"
            left = out[k - 1] if k else None
            if k not in outside and left is not None:
                out[k] = Cell(left.text, LEFT, ref)
            elif r == 0 and k in outside and prev.closed[k]:
                out[k] = Cell("", OWN, ref)  # a cell of its own, whose text (if any) stands beside the table
                texts[k] = wrapped[k] = ""
            else:
                out[k] = Cell("", ABOVE, ref)
        cells.append([x for x in out if x is not None])
        raw.append(texts)
        lines.append(wrapped)
    table.cells, table.raw, table.lines = cells, raw, lines
    table.leads = [[lead[where.index(k)] if k in where and where.index(k) < len(lead) else None for k in range(len(lefts))]
                   for lead in table.leads]
    table.columns = list(pairwise(union))
    table.closed = [table.closed[where.index(k)] if k in where and where.index(k) < len(table.closed) else False
                    for k in range(len(lefts))]
    return True


def _widen(prev: _Table, grid: Grid, union: list[float]) -> None:
    """Split the columns of `prev` and of the grid it went into at the rules `union` adds: each new
    column continues its row's cell from the left."""
    lefts = [x0 for x0, _ in prev.columns]
    parent = [max(k for k, x in enumerate(lefts) if x <= x0 + _ALIGN) for x0 in union[:-1]]
    fresh = [k == 0 or parent[k] != parent[k - 1] for k in range(len(parent))]

    def spread(row: list, gap: object) -> list:  # type: ignore[type-arg]
        return [row[p] if new and p < len(row) else gap for p, new in zip(parent, fresh, strict=True)]

    for r, row in enumerate(grid.rows):
        grid.rows[r] = [Cell(row[p].text, row[p].merged if new else LEFT, f"第{r + 1}行第{k + 1}列")
                        for k, (p, new) in enumerate(zip(parent, fresh, strict=True)) if p < len(row)]
    prev.raw = [spread(row, None) for row in prev.raw]
    prev.lines = [spread(row, None) for row in prev.lines]
    prev.room = spread(prev.room, None) if prev.room else []
    prev.closed = [prev.closed[p] if p < len(prev.closed) else False for p in parent]
    prev.columns = list(pairwise(union))


def _append(grid: Grid, prev: _Table, table: _Table, *, rows_cut: bool = True) -> None:
    """Add a continuation's rows to the grid: repeated header rows dropped, a cut row rejoined
    (unless `rows_cut` is off: a spreadsheet never cuts a row at a page break)."""
    grid.notes.extend(table.notes)
    rows = [list(row) for row in table.cells]
    raw = list(table.raw)
    header = 0
    rests: dict[int, str] = {}
    while header < min(len(raw), len(prev.raw)):
        cut = _cut_repeat(raw[header], grid.rows[header]) if header < len(grid.rows) else None
        if cut is None and raw[header] != prev.raw[header]:
            break
        rests.update(cut or {})
        header += 1
    if rests and header < len(raw):
        _drop_rests(table, header, rests)
        rows, raw = [list(row) for row in table.cells], list(table.raw)
    if header == 0 and raw:
        bled = next((b for b in (_repeats(g, table.lines[0]) for g in reversed(grid.rows)) if b is not None), None)
        if bled is not None:  # a header row Excel repeats at the top of every page (print titles)
            header = 1
            for column, text in bled.items():
                _retext(grid, column, text, join=True)
                grid.notes.append(f"PDF 第 {table.page} 页：第{column + 1}列的合并单元格跨页，文字印进了重复的表头，"
                                  f"已放回为「{grid.rows[-1][column].text}」：请对照原件核对")
    rows, raw = rows[header:], raw[header:]
    joined = bool(rows_cut and rows and grid.rows) and cut_row(prev.lines[-1], table.lines[header], middle=prev.rest_only,
                                                               merged=[cell.text for cell in grid.rows[-1]],
                                                               wrapped=_wrapped(prev, table, header))
    if joined:
        last = grid.rows[-1]
        went_on = [cell.own for c, cell in enumerate(rows[0]) if c < len(last) and cell.own]
        for c, cell in enumerate(rows[0]):
            if c < len(last) and cell.own:
                _retext(grid, c, _rejoin(last[c].text, cell.own, _spaced_end(prev, c)))
        # a page's first row without figures of its own under a row that has them may also be a
        # new row (a template row holding only 「成本指标」): the join is said, never silent
        grid.notes.append(f"PDF 第 {table.page} 页：第一行按被分页截断的上一行读取，「{'」「'.join(went_on)}」"
                          "已接在上一页末行的文字之后：请对照原件核对")
        rows, raw = rows[1:], raw[1:]
        table.rest_only = not rows
    start = len(grid.rows)
    for r, row in enumerate(rows):
        fixed = []
        for c, cell in enumerate(row):
            ref = f"第{start + r + 1}行第{c + 1}列"
            above = grid.rows[-1][c] if grid.rows and c < len(grid.rows[-1]) else None
            spans_down = r + 1 < len(raw) and c < len(raw[r + 1]) and raw[r + 1][c] is None
            covered = r == 0 and c < len(raw[0]) and raw[0][c] is None  # no box: the cell above goes on
            merged_down = r + 1 < len(rows) and c < len(rows[r + 1]) and rows[r + 1][c].merged == ABOVE
            if r == 0 and not cell.text and cell.merged == OWN and (spans_down or covered) and above is not None \
                    and above.text:
                # a merged cell that runs over the break starts again, empty, on the new page
                fixed.append(Cell(above.text, ABOVE, ref))
            elif r == 0 and above is not None and cell.merged == OWN and cell.text == above.text \
                    and c < len(prev.closed) and (not prev.closed[c] or (above.merged == ABOVE and (merged_down or len(rows) == 1))):
                # ... or with its text again (a merged cell's text printed on every page it spans);
                # a report engine closes each page's part of it with a rule, so a cell merged
                # down to the page's end whose text starts again merged down the next is the same,
                # as is one that starts again over the next page's only row (a list's last indicator
                # alone on the last page: its 项目名称 is no new programme of the same name)
                fixed.append(Cell(above.text, ABOVE, ref))
            elif r == 0 and above is not None and cell.merged == OWN and (
                    _rest_of(above.text, cell.text) or (not joined and merged_down and _text_runs_on(prev.lines[-1], c, cell.text))):
                # ... or with the rest of its text, which did not fit on the page before
                _retext(grid, c, _rejoin(above.text, cell.text, _spaced_end(prev, c)))
                grid.notes.append(f"PDF 第 {table.page} 页：第{c + 1}列的合并单元格跨页，页首的「{unwrap(cell.text)}」按它的文字读作"
                                  f"「{grid.rows[-1][c].text}」：请对照原件核对")
                fixed.append(Cell(grid.rows[-1][c].text, ABOVE, ref))
            elif cell.merged == ABOVE and above is not None:
                fixed.append(Cell(above.text, ABOVE, ref))  # the row above may be on the page before
            elif cell.merged == LEFT and fixed:
                fixed.append(Cell(fixed[-1].text, LEFT, ref))
            else:
                fixed.append(Cell(cell.text, cell.merged, ref))
        grid.rows.append(fixed)


def _spaced_end(table: _Table, c: int) -> bool:
    return c < len(table.spaced_ends) and table.spaced_ends[c]


def _cut_repeat(row: list[str | None], held: list[Cell]) -> dict[int, str] | None:
    """Whether a page's row repeats the grid's row `held` (a row set to repeat on every page) with cells merged down
    past it cut to their first lines, and the rest of each such cell's text by column. LibreOffice prints such a
    cell's text over the repeated row and the row under it: 宁德市地震局's 部门整体 form as one table at 13 pt, its
    first two rows repeating (tests/forms_dept/d06), opens a page with 「财政」 where its 「财政资金安排和使用情况(万元)」
    stands, and 「资金安排和使用情况(万元)」 in the first column of the indicator row going on below; read as new rows,
    the budget's labels became indicators."""
    if len(row) != len(held):
        return None
    rests: dict[int, str] = {}
    for c, text in enumerate(row):
        want = compact(held[c].text)
        if text is None or compact(text) == want:
            continue
        if not text or not want.startswith(compact(text)) or held[c].merged != OWN:
            return None
        rests[c] = want[len(compact(text)):]
    return rests if any(row) else None


def _drop_rests(table: _Table, r: int, rests: dict[int, str]) -> None:
    """Blank the cells from row `r` down that hold the rest of a repeated row's cut cell (`_cut_repeat`), a piece a
    row in a narrow column (湘西州特校's 「单」 over 「位(专项)」 over 「名」, tests/forms_targets/t14), and drop a row
    left with nothing in it."""
    blanked: set[int] = set()
    for c, rest in rests.items():
        k = r
        while rest and k < len(table.raw) and c < len(table.raw[k]):
            text = compact(table.raw[k][c] or "")
            if not text or not rest.startswith(text):
                break
            rest = rest[len(text):]
            table.raw[k][c] = table.lines[k][c] = ""
            cell = table.cells[k][c]
            table.cells[k][c] = Cell("", cell.merged, cell.ref)
            blanked.add(k)
            k += 1
    for k in sorted(blanked, reverse=True):
        if not any(table.raw[k]):
            if k == len(table.raw) - 1:
                table.room = []
            if k < len(table.leads):
                del table.leads[k]
            del table.raw[k], table.lines[k], table.cells[k]


def _wrapped(prev: _Table, table: _Table, r: int) -> list[int]:
    """The columns where the last line of `prev`'s last row left less room than the first word of `table`'s row `r`
    needs: the text wrapped there at the cell's edge, and may go on over the break (`cut_row`)."""
    if r >= len(table.leads) or len(prev.room) != len(prev.lines[-1]) or len(table.leads[r]) != len(prev.room):
        return []
    return [c for c, (room, lead) in enumerate(zip(prev.room, table.leads[r], strict=True))
            if room is not None and lead is not None and room < lead]


def _repeats(row: list[Cell], lines: list[str | None]) -> dict[int, str] | None:
    """Whether a page's first row (`lines`) repeats the header row `row` of the grid: each cell
    holds the header's text, and around it a merged cell's text that Excel printed over the
    repeated row (returned by column); a header cell merged from the row above (the lower row
    of a two-row header) shows only the end of its text, the rest cut off by the page's edge.
    A header has three labels and no figure."""
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
        if row[c].merged == ABOVE and want.endswith(unwrap(text)):
            continue
        span = next(((i, j) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)
                     if unwrap("\n".join(parts[i:j])) == want), None)
        if span is None:
            return None
        matched += 1
        if rest := unwrap("\n".join(parts[:span[0]] + parts[span[1]:])):
            bled[c] = rest
    return bled if matched >= 3 else None


def cut_row(last: list[str | None], first: list[str | None], *, middle: bool = False,
            merged: Sequence[str] = (), wrapped: Sequence[int] = ()) -> bool:
    """A row the page break cut in two (texts with their line breaks, as pdfplumber gives them).

    The break cuts every cell of the row after the same number of lines, so the remainder has
    text only under cells that filled all of the lines the row had on its page; a figure cut in a
    narrow column (「98.7」 | 「0%」) is still a figure when rejoined; and the remainder keeps the
    row's merges across columns; and it leaves empty a figure or most of the cells the row finished
    on its page (or, the middle of a row cut twice, has text under the same cells as the part
    before: only where `middle`, the part before being all its page held, for two rows of a
    label and its value (「转移支付名称 | …」 over 「中央主管部门 | 财政部」) look the same). Under
    a cell merged down from rows above (no box of its own on the page before: None) the remainder
    may hold the rest of that cell's text (黄冈市's 「年度绩效目标2(40」 | 「分)」 over a row cut in a
    narrow Word table): it is the merged cell's, not a sign of a new row; but a copy of the whole
    text (`merged`, the texts of the last row's cells) is a report engine printing a merged cell
    again on each page, over a row of its own. A new
    row whose 一级/二级 cells are merged over the break has figures of its own (「3.00」 under
    「3.00」), so it is not taken for a remainder. Nor does a remainder go on under the row's last
    value when it is words (a 目标表's 「稳步提高」: 青山区's 「可持续影响指」「义务教育优质」 | 「标」「均衡
    发展情况」 left it empty, and half the row's cells going on looked like a new row's). A row whose
    page printed its values and not a word left of them goes on with those words: 杨楼社区's part rows
    indent their names with spaces, which fill the name's first line in a narrow column, so the page
    ends on 「| 80头 | 80头」 and the next opens on 「猪养殖数量」 (tests/forms_pdf26/indented-cut.pdf). A row
    without a value on either page goes on where every cell going on wrapped at its edge (`wrapped`,
    `_wrapped_go_on`)."""
    if len(last) != len(first) or not any(first):
        return False
    if all(TEMPLATE_NAME.fullmatch(unwrap(t)) for t in first if t):
        return False  # 「指标2」「……」 alone: the template's next empty row (廊坊, tests/forms_layouts/l01), no remainder
    filled = [c for c, t in enumerate(last) if t]
    going_on = [c for c, t in enumerate(first) if t]
    same = middle and filled == going_on and "" in last  # the middle of a row over three pages
    finished = any(first[c] == "" and (_FIGURE_ON.match(unwrap(last[c] or "")) or TEMPLATE_NAME.fullmatch(unwrap(last[c] or "")))
                   for c in filled)  # a figure (「6场」), or a placeholder (「-」), the row finished on its page
    valued = bool(filled) and first[filled[-1]] == "" and all(c < filled[-1] for c in going_on)
    height = max(_line_count(t) for t in last)
    wide = [c for c in wrapped if len((last[c] or "").strip().split("\n")[-1].strip()) >= 2]  # `_wrapped_go_on`
    started = _started(last, first, going_on, wide)
    if not (same or finished or valued or started or 2 * len(going_on) < len(filled) or _valueless(last, first, going_on)
            or _tall_go_on(last, going_on, height) or _wrapped_go_on(last, first, going_on, wrapped, wide)):
        return False  # a remainder leaves empty the 分值/得分 (or most cells) the row finished on its page
    headless = started or (bool(going_on) and all(last[c] == "" for c in going_on) and min(filled, default=-1) > max(going_on))
    for c, text in enumerate(first):
        before = last[c]
        if text is None and before is not None:
            return False
        if not text:
            continue
        prior = before if before is not None else merged[c] if c < len(merged) else ""
        if unwrap(prior or "").endswith(_LABEL_END) and unwrap(text).endswith(_LABEL_END):
            return False  # 「社会效益指标」 over 「生态效益指标」: two whole labels, the second a row of its own
        if before is None:  # a cell merged down from rows above runs over the break: the rest of its text
            if c < len(merged) and merged[c] and _copies(merged[c], text):
                return False
            continue
        if headless and before == "":
            continue  # the words of a row whose values its page printed (`cut_row`)
        if not before or _line_count(before) < height:
            return False
        if _FIGURE.match(unwrap(before)) and not _FIGURE_ON.match(unwrap(f"{before}\n{text}")) \
                and not _CLAUSES_ON.match(unwrap(text)) and form_date(unwrap(f"{before}\n{text}")) is None:
            return False  # a figure the row finished, over a new row's; but 「20」 | 「23年12月31日」 is one date
    return True


TALL = 3
"""Lines, at least, of a row on its page for `_tall_go_on`: a form's narrow columns on 纵向 paper wrap a name
three to four characters a line; a facts table's two-line labels (「项目负」「责人」) over blank values stay rows."""

FINISHED_WORDS = 2
"""Cells, at least, a cut row finished short of its height on its page (类型, 指标值, 计量单位) for `_tall_go_on`."""


def _tall_go_on(last: list[str | None], going_on: list[int], height: int) -> bool:
    """Whether the page's first row goes on in exactly the cells that filled every line of the row above,
    while the cells that row ended short of its height (words, not only figures) stay empty. 岳阳楼区's
    部门整体 目标表 on 纵向 paper (tests/forms_pdf27) prints 「保證單」「位正常」「運」「(yùn)」 at a page's foot
    and 「轉」「(zhuǎn)」 at the next page's top, its 指标解释 and 评分标准 going on beside it, its 「定性」
    「應保盡保」「%」 finished on the page: half its cells going on, it was two indicators. A new row fills
    its values (or leaves them all blank) whatever the lines of the row above."""
    filled = [c for c, t in enumerate(last) if t]
    tall = [c for c in filled if _line_count(last[c]) == height]
    return height >= TALL and going_on == tall and len(filled) - len(tall) >= FINISHED_WORDS


VALUE_COLUMNS = 2
"""Columns, at least, right of a row's last words that a form fills with its values (分值, 指标值 …): a
list of labels and their values (「项目负责人 | 」 over 「联系电话 | 」) leaves one at most."""


def _valueless(last: list[str | None], first: list[str | None], going_on: list[int]) -> bool:
    """Whether a row with no value on either page goes on in its last words cell alone: 海淀区学院路's
    last row, cut in its source inside its name (tests/forms_layouts/l07), prints 「是否」「达到」 at a
    page's foot and 「国」 at the next page's top, every value column blank on both. Were they two rows,
    both would be indicators without a single figure. The cell's lines on the page before must fill it:
    two at least, the last as long as the first (a name that ends short of its cell's width, 「合格」
    「率」, ended there)."""
    if len(going_on) != 1:
        return False
    c = going_on[0]
    after = range(c + 1, len(last))
    if len(after) < VALUE_COLUMNS or any(last[k] or first[k] for k in after):
        return False
    lines = [x.strip() for x in (last[c] or "").split("\n") if x.strip()]
    if TEMPLATE_NAME.fullmatch(unwrap(f"{last[c]}\n{first[c]}")) and not TEMPLATE_NAME.fullmatch(unwrap(first[c] or "")):
        return True  # the template's 「指标2:」 cut after 「指标」: 「2:」 alone names nothing (银川's, tests/forms_layouts/l13)
    return len(lines) >= 2 and len(lines[-1]) >= len(lines[0]) and not _FIGURE.match(unwrap(first[c] or ""))


def _started(last: list[str | None], first: list[str | None], going_on: list[int], wrapped: Sequence[int]) -> bool:
    """Whether the page before printed only the row's first words, each wrapped at its cell's edge and going on,
    its other cells' text (centred down the row) all to come: 萧县河西村's 自评表 as one table at 13 pt
    (tests/forms_layouts/l12) prints 「效益」「经济」 at a page's foot and 「指标(30分)」「效益指标」, the indicator's name
    and its figures at the next page's top; as two rows, its labels read 「指标(30分)」「效益指标」. A figure among
    them goes on with its unit alone: 杨楼社区's part row at 15 pt (l15) prints 「500」「500」 and then 「鸡养殖数量」
    「只」「只」, and as two rows the 500 was lost."""
    started = [c for c, text in enumerate(last) if text]

    def goes_on(c: int) -> bool:
        before, after = unwrap(last[c] or ""), unwrap(first[c] or "")
        return not _FIGURE_ON.match(before) or (not _FIGURE.match(after) and bool(_FIGURE_ON.match(before + after)))

    # a cell merged down from above that holds text on the new page starts a row of its own (青神's 「预算执行情况(10分)」
    # under 「2.项目实施内容及过程概述」, one character a line: every line of such a column stops at its edge)
    # and only the row's first line: a label two lines high that filled its cell (嘉峪关's 「需要说明的其他问题」 at
    # 16 pt, tests/forms_targets/t03) ended there, over the next row's 「年度绩效目标」
    return bool(started) and set(started) <= set(wrapped) & set(going_on) and all(goes_on(c) for c in started) \
        and not any(before is None and after for before, after in zip(last, first, strict=True)) \
        and max(_line_count(text) for text in last) == 1


def _wrapped_go_on(last: list[str | None], first: list[str | None], going_on: list[int], wrapped: Sequence[int],
                   wide: Sequence[int]) -> bool:
    """Whether a row with no value on either page goes on in cells that each stopped on the page before where the
    next page's first word in them would not fit (`wrapped`): the line broke at the cell's edge, as a wrapped line
    does and a finished name does not. 原州区's 目标表 at 14 pt (tests/forms_pdf28/l18-large.pdf) prints 「经济效益」
    「增加就业机」 one line high at a page's foot and 「指标(选填)」「会,提高农民收入。」 at the next page's top, its
    指标值 blank on both: 「增加就业机」 left 2 pt of a 14 pt character, 「经济效益」 16 pt of the 28 pt 「指标」 needs.
    One line high, nothing in the texts told the cut from a new row, and they were two indicators without a value.
    A row of labels alone goes on so too, beside the rest of cells merged down from rows above (None): 成安县's
    header at 16 pt (tests/forms/l10, one character a line) prints 「单项指标折算得」 at a page's foot and 「分」 at
    the next page's top, and 「单项指标折算得」 named no column: its 折算得分 6.25 was read as no score at all. And
    a row goes on where a figure wrapped at its cell's edge and the next page opens with its unit: 忠县's 自评表 at
    16 pt (tests/forms_layouts/l06) prints 「指标」「5719」「5719」 at a page's foot and 「2:硬化道路」「m」「m」 at the next
    page's top; as two rows, 「硬化道路」 was 「m」 to 「m」, its 5719 lost.

    A column one character wide stops every line at its edge, and says nothing: a row goes on by its words only
    where its last line held two characters at least (`wide`), or, a header's labels, beside a header word."""
    if any(c in wide and _FIGURE.match(unwrap(last[c] or "")) and not _FIGURE.match(unwrap(first[c] or ""))
           and _FIGURE_ON.match(unwrap(f"{last[c]}\n{first[c]}")) for c in going_on):
        return True  # 「5719」 | 「m」: a figure wrapped at its cell's edge before its unit (忠县's 自评表 at 16 pt)
    merged = {c for c in going_on if last[c] is None}
    if not going_on or set(going_on) <= merged:
        return False
    after = [k for k in range(min(going_on) + 1, len(last)) if k not in going_on]
    if set(going_on) <= set(wide) | merged and after and not any(last[k] or first[k] for k in after):
        return True  # no value on either page, but maybe the rest of a merged 评分标准 (历城区's at 15 pt)
    return set(going_on) <= set(wrapped) | merged and any(column_key(unwrap(text)) for text in last if text) \
        and not any(_FIGURE.match(unwrap(text)) for text in (*last, *first) if text)


_LABEL_END = "指标"
"""How a level's whole label ends (「社会效益指标」): a cell ending so was not cut inside its text. 永德县's
form with its first two rows repeated on every page (tests/forms_pdf26/repeat-rows.pdf) opens page 2
with the template row 「生态效益指标」, which was joined to the 「社会效益指标」 above it; 宣城市's opens a page
with 「成本指标」 under a 「时效指标」 merged down to the break above (tests/forms_pdf26/pair-merged-label.pdf)."""


_FIGURE = re.compile(r"^[≥≤＞＜><=]?\s*[-+]?[\d,]*\.?\d+%?$")
"""A score, weight, rate or target figure (「3.00」, 「≥90%」)."""
_FIGURE_ON = re.compile(r"^[≥≤＞＜><=]?\s*[-+]?[\d,]*\.?\d+%?(?:[^\d\s,.()（）]{1,4}|[（(][^\d\s()（）]{1,6}[）)])?$")
"""A figure cut by the page break, rejoined: still a figure, with the unit or the qualifier the
target or actual value writes after it (「1,198.0」 | 「7万元」, 「≥1000」 | 「人」, 「≥95%」 | 「（含）」,
a narrow Word column at 12 pt)."""


_CLAUSES_ON = re.compile(r"^[^\d\s.,，%].*[，,；;。]")
"""The rest of a rule's sentence a cell opened with a figure (雨花区's 评分标准 「100%」 | 「以下(含)计满分,
每超出5%扣2分,扣完为止。…」): clauses, no figure of a row of its own (「未完成原因另见说明」 is none)."""


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


def _text_runs_on(last: list[str | None], c: int, text: str) -> bool:
    """Whether `text`, in a cell merged down from a page's first row, goes on with the text column `c` began in the
    last row of the page before (`last`, with its line breaks): LibreOffice prints a cell merged down over rows that
    run over the break from its first row on, and its text goes on over the break. 宁德市地震局's 「年度绩效指标完成
    情况」, merged down the first column beside the indicator header (tests/forms_dept/d06), prints 「年度」「绩效」
    「指标」 beside the header at a page's foot and 「完成」「情况」 at the next page's top: read as a cell of its own,
    「完成情况」 took the first indicator's row for the 年度目标's 完成情况, and the indicator was lost. The text above
    filled every line of its row, as a cut text does; two whole labels (「产出指标」 over 「效益指标」), two levels'
    points (「项目管理(25分)」 over 「项目产出(30分)」) or a header's word (奉节县's 「一级指标」 at a page's foot over
    「成本指标(0-20)分」, tests/forms_targets/t02 at 14 pt) and a level merged down under it are two cells."""
    before = unwrap(last[c] or "") if c < len(last) else ""
    height = max(_line_count(t) for t in last)
    if not before or height < 2 or _line_count(last[c]) < height or column_key(before):
        return False
    words = unwrap(text)
    if column_key(words):
        return False  # a header's word opening the page (永德县's 「实际完成值」 over its 目标 row): a header of its own
    return not (before.endswith(_LABEL_END) and words.endswith(_LABEL_END)) and not (
        before.endswith(_CLOSE) and words.endswith(_CLOSE))


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
        for k in range(c + 1, len(row)):  # the cell's merge to its right
            if row[k].merged != LEFT:
                break
            row[k] = Cell(text, LEFT, row[k].ref)
        if cell.merged != ABOVE:
            return


if __name__ == "__main__":
    sys.exit(_child(Path(sys.argv[1])))
