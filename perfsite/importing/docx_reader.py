"""Read a .docx into paragraphs and table grids, in body order, keeping merged cells visible.

We walk the XML rather than python-docx's cell API: it repeats a merged cell across its span
and copies a vertically merged cell into every row, which hides the difference between "same
as above" (merged) and "the same text typed twice".

A paragraph's text is read as Word shows the document with its tracked changes accepted
(`paragraph_text`): python-docx's ``Paragraph.text`` takes only the paragraph's own runs, so a
score revised from 95 to 98 by changing one digit under 修订 (run 「9」, deleted 「5」, inserted
「8」) read as 「9」 — a wrong figure, published without a word.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from perfsite.importing.grid import ABOVE, LEFT, OWN, Cell, Grid, clean
from perfsite.importing.sniff import ImportFailure

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)", re.IGNORECASE)
MAX_PARAGRAPHS = 20_000
"""Paragraphs and table rows in one document. A 40-page report has about 1,500; python-docx reads
about 10,000 a second here, so the cap keeps a hostile file to a few seconds."""
MAX_COLUMNS = 63
"""Word's own limit for a table's columns; a span or a row beyond it is not a table Word wrote."""
MAX_TEXT = 2_000_000
"""Characters in one document (a 40-page report has about 40,000)."""


@dataclass(frozen=True)
class Para:
    text: str
    outline: int | None = None
    """Heading level from the style or outline setting (1 = top), None for body text."""


Block = Para | Grid


def read_blocks(path: Path) -> tuple[list[Block], list[str]]:
    """`read_docx` of a .docx, `pdf_reader.read_pdf` of anything else (a text PDF): one call for the
    readers that take a Word or PDF file alike."""
    if path.suffix.lower() == ".docx":
        return read_docx(path)
    from perfsite.importing.pdf_reader import read_pdf

    return read_pdf(path)


def read_docx(path: Path) -> tuple[list[Block], list[str]]:
    """(body blocks in order, page-header texts); ImportFailure when the file is not a document."""
    try:
        doc = Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ImportFailure(f"文件已损坏，无法作为 Word 文档打开（{type(exc).__name__}）：请重新导出原件") from exc
    except Exception as exc:  # lxml and python-docx raise many kinds on a damaged package
        raise ImportFailure(f"Word 文档无法读取（{type(exc).__name__}: {exc}）：请在 Word 中打开并另存后再导入") from exc
    blocks: list[Block] = []
    tables = 0
    budget = _Budget()
    styles = _style_names(doc)
    for element in _body_elements(doc.element.body):
        budget.spend(element)
        if element.tag == qn("w:p"):
            for box in element.iter(qn("w:txbxContent")):  # titles are often typed in a text box
                for p in box.iter(qn("w:p")):
                    text = clean(paragraph_text(p))
                    if text:
                        blocks.append(Para(text))
            blocks.append(Para(clean(paragraph_text(element)), _outline(Paragraph(element, doc), styles)))
        elif element.tag == qn("w:tbl"):
            tables += 1
            grid = _grid(element, doc, f"表{tables}")
            grid.before = next((b.text for b in reversed(blocks) if isinstance(b, Para) and b.text), "")
            blocks.append(grid)
    if any(True for tag in REVISIONS for _ in doc.element.body.iter(tag)):
        grids = [b for b in blocks if isinstance(b, Grid)]
        if grids:
            grids[0].notes.append("文档中有未接受的修订（修订模式下的插入和删除）：按接受全部修订后的文字导入；"
                                  "请在 Word 中「审阅 → 接受所有修订」后核对原件与导入结果")
    headers = []
    for section in doc.sections:
        for part in (section.header, section.first_page_header):
            try:
                headers.extend(text for p in part.paragraphs if (text := clean(paragraph_text(p._p))))
            except Exception:  # a missing header part is not worth failing the import
                continue
    return blocks, headers


_TEXT = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n",
         qn("w:noBreakHyphen"): "-"}
"""Run content shown as text (None: the element's own text), as python-docx reads a run."""
_NOT_SHOWN = {qn("w:del"), qn("w:moveFrom"), qn("w:txbxContent"), qn("w:pPr"), qn("w:rPr"),
              "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}
"""Subtrees whose text is not part of the paragraph as shown: tracked deletions and moves away, a
text box's own paragraphs (read on their own), the VML copy of a drawing, properties."""
REVISIONS = (qn("w:ins"), qn("w:del"), qn("w:moveFrom"), qn("w:moveTo"))


def paragraph_text(p) -> str:  # type: ignore[no-untyped-def]
    """The paragraph's text with its tracked changes accepted, hidden (vanish) runs left out."""
    out: list[str] = []

    def walk(element) -> None:  # type: ignore[no-untyped-def]
        for child in element:
            tag = child.tag
            if tag in _TEXT:
                shown = _TEXT[tag]
                out.append(child.text or "" if shown is None else shown)
            elif tag not in _NOT_SHOWN and not (tag == qn("w:r") and _vanished(child)):
                walk(child)

    walk(p)
    return "".join(out)


def _vanished(run) -> bool:  # type: ignore[no-untyped-def]
    """A run formatted as hidden text (Word neither shows nor prints it)."""
    props = run.find(qn("w:rPr"))
    vanish = props.find(qn("w:vanish")) if props is not None else None
    return vanish is not None and vanish.get(qn("w:val"), "true") not in ("0", "false", "off")


class _Budget:
    """Counts what the walk has read and stops it, with a message, beyond the caps."""

    def __init__(self) -> None:
        self.paragraphs = 0
        self.text = 0

    def spend(self, element) -> None:  # type: ignore[no-untyped-def]
        self.paragraphs += 1 if element.tag == qn("w:p") else sum(1 for _ in element.iter(qn("w:tr")))
        self.text += sum(len(t.text or "") for t in element.iter(qn("w:t")))
        if self.paragraphs > MAX_PARAGRAPHS or self.text > MAX_TEXT:
            raise ImportFailure(f"Word 文档过长（超过 {MAX_PARAGRAPHS} 段/表格行或 {MAX_TEXT} 字），不像一份自评报告，"
                                "拒绝读取：请把各项目的报告拆成单独的文件后再导入")


def _body_elements(parent):  # type: ignore[no-untyped-def]
    """Paragraphs and tables, looking inside content controls (w:sdt) as Word shows them."""
    for child in parent.iterchildren():
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_elements(content)


def _style_names(doc) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Style id → name, read once per document. python-docx's `paragraph.style` searches the
    style part on every call (for an unstyled paragraph, all of it): 8 ms a paragraph, over half
    of reading a 40-paragraph report."""
    try:
        root = doc.styles.element
    except (KeyError, ValueError, AttributeError):
        return {}
    names = {}
    for style in root.iter(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None:
            names[style.get(qn("w:styleId"), "")] = name.get(qn("w:val"), "")
    return names


def _outline(paragraph: Paragraph, styles: dict[str, str]) -> int | None:
    ppr = paragraph._p.pPr
    if ppr is None:
        return None  # the default paragraph style (正文/Normal) is never a heading
    level = ppr.find(qn("w:outlineLvl"))
    if level is not None and (val := level.get(qn("w:val"), "")).isdigit() and int(val) < 9:
        return int(val) + 1
    style = ppr.find(qn("w:pStyle"))
    match = _HEADING_STYLE.match(styles.get(style.get(qn("w:val"), ""), "") if style is not None else "")
    return int(match[1]) if match else None


def _cells(tr):  # type: ignore[no-untyped-def]
    for child in tr.iterchildren():
        if child.tag == qn("w:tc"):
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _cells(content)


def _grid(tbl, doc, label: str) -> Grid:  # type: ignore[no-untyped-def]
    grid = Grid(label, document=True)
    for r, tr in enumerate(tbl.iterchildren(qn("w:tr"))):
        row: list[Cell] = [Cell("", OWN, _ref(r, c)) for c in range(min(tr.grid_before, MAX_COLUMNS))]
        for tc in _cells(tr):
            c = len(row)
            if c >= MAX_COLUMNS:
                raise ImportFailure(f"{label}第 {r + 1} 行超过 Word 表格的上限 {MAX_COLUMNS} 列，文件可能已损坏："
                                    "请在 Word 中打开并另存后再导入")
            lines = [clean(paragraph_text(p)) for p in tc.iter(qn("w:p"))]
            text = "\n".join(line for line in lines if line)
            merged = OWN
            if str(tc.vMerge or "") == "continue" and grid.rows:
                above = grid.cell(len(grid.rows) - 1, c)
                text, merged = above.text, ABOVE
            row.append(Cell(text, merged, _ref(r, c)))
            for extra in range(1, min(tc.grid_span, MAX_COLUMNS - c)):
                row.append(Cell(text, LEFT if merged == OWN else ABOVE, _ref(r, c + extra)))
        row.extend(Cell("", OWN, _ref(r, len(row) + i)) for i in range(min(tr.grid_after, MAX_COLUMNS - len(row))))
        grid.rows.append(row)
    return grid


def _ref(r: int, c: int) -> str:
    return f"第{r + 1}行第{c + 1}列"
