"""Read a .docx into paragraphs and table grids, in body order, keeping merged cells visible.

We walk the XML rather than python-docx's cell API: it repeats a merged cell across its span
and copies a vertically merged cell into every row, which hides the difference between "same
as above" (merged) and "the same text typed twice".

A paragraph's text is read as Word shows the document with its tracked changes accepted
(`paragraph_text`): python-docx's ``Paragraph.text`` takes only the paragraph's own runs, so a
score revised from 95 to 98 by changing one digit under 修订 (run 「9」, deleted 「5」, inserted
「8」) read as 「9」 — a wrong figure, published without a word.

Paragraphs, tables, rows and cells are looked for inside the wrappers Word shows through (content
controls, custom XML, mc:AlternateContent: `_content`), text boxes read once, nested tables and
tables in text boxes as tables of their own, symbols as the glyphs Word draws (`symbol`).
What Word shows otherwise than the file's text is refused, naming the cell: a floating text box
over a cell's own text (`_floating`), or placed by its offsets over another cell (`_moved_boxes`),
or anchored in a body paragraph and placed over the table's cells (`_over_tables`, `docx_layout`;
a VML group's members each where it prints), a floating table placed over another's figures
(`_floating_tables`), a picture hiding a figure the same way, a
content control whose bound custom XML Word shows instead of its saved text (`_Bound`), a field
marked out of date (`stale_field`).
"""

from __future__ import annotations

import colorsys
import math
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import PartFactory
from docx.oxml.ns import qn
from docx.package import Package
from docx.parts.document import DocumentPart
from docx.text.paragraph import Paragraph

from perfsite.importing.grid import ABOVE, LEFT, OWN, Cell, Grid, clean, flat, raised
from perfsite.importing.no_tables import PROSE
from perfsite.importing.sniff import ImportFailure, Refused, logged, parser_limit

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


WORD_SUFFIXES = (".docx", ".docm")
"""The names of a Word package (`sniff.KINDS`): a macro-enabled .docm holds the same body."""
BODIES = frozenset({CT.WML_DOCUMENT_MAIN, "application/vnd.ms-word.document.macroEnabled.main+xml",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
                    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"})
"""The main parts of a Word package, each the same ``w:document``: of a .docx, a macro-enabled
.docm and the templates (.dotx, .dotm) saved under another name. python-docx opens the first
alone; a .docm was read as a PDF (「PDF 已损坏」) and, named .docx, said to be damaged."""
for _body in BODIES:
    PartFactory.part_type_for.setdefault(_body, DocumentPart)


def read_blocks(path: Path) -> tuple[list[Block], list[str]]:
    """`read_docx` of a Word package, `pdf_reader.read_pdf` of anything else (a text PDF): one call
    for the readers that take a Word or PDF file alike."""
    if path.suffix.lower() in WORD_SUFFIXES:
        return read_docx(path)
    from perfsite.importing.pdf_reader import read_pdf

    return read_pdf(path)


def read_docx(path: Path) -> tuple[list[Block], list[str]]:
    """(body blocks in order, page-header and page-footer texts); ImportFailure when the file is not a
    document. The footer is read as an Excel sheet's is (`xlsx_reader`), as lines above the form: a clerk
    prints the 「（2022年度）」 there, and the form that named its year only so failed 「找不到评价年度」. A
    footer's 填报日期 names no evaluated year (`assemble._title_year`)."""
    try:
        doc = _document(path)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ImportFailure("文件已损坏，无法作为 Word 文档打开：请重新导出原件" + logged(exc, path)) from exc
    except Exception as exc:  # lxml and python-docx raise many kinds on a damaged package
        from perfsite.importing.xlsx_reader import AMPLIFIED, amplified

        if amplified(exc):
            raise ImportFailure(AMPLIFIED) from exc
        if (limit := parser_limit(exc, path.name)) is not None:
            raise limit from exc
        raise ImportFailure("Word 文档无法读取（其中的内容有误）：请在 Word 中打开并另存后再导入" + logged(exc, path)) from exc
    budget = _Budget()
    reader = _Blocks(doc, _style_names(doc), RunStyles.of(doc), _Marked.of(doc))
    body = []
    for element in _content(doc.element.body, (*_BLOCKS, _ALT_CHUNK)):
        if element.tag == _ALT_CHUNK:
            reader.chunk(element)
            continue
        body.append(element)
        budget.spend(element)
        reader.add(element)
    reader.flush()
    laid: list[tuple] = []  # type: ignore[type-arg]  # the layout, made once for the checks that need it

    def layout() -> tuple:  # type: ignore[type-arg]
        laid[:] = laid or [_laid_out(doc, body)]
        return laid[0]

    if reader.tables_read and not reader.marked.revised and any(
            next(tbl.iter(_ANCHOR, *_VML_SHAPES), None) is not None for tbl, _ in reader.tables_read):
        _moved_boxes(layout(), reader, doc)
    if reader.anchored and reader.tables_read:
        _over_tables(doc, layout(), reader)
    if sum(1 for tbl, _ in reader.tables_read if tbl.find(f"{_TBLPR}/{qn('w:tblpPr')}") is not None) > 1:
        _floating_tables(layout(), reader)
    if reader.tables_read and next(doc.element.body.iter(_PIC), None) is not None:
        _pictures_in_cells(reader)
    blocks = reader.blocks
    if reader.struck:
        # A struck old figure beside the new one (「~~90%~~95%」) read as 「90%95%」; which stands is the clerk's to say.
        more = f"等 {len(reader.struck)} 格" if len(reader.struck) > 5 else ""
        raise ImportFailure(f"{'、'.join(reader.struck[:5])}{more}：这些表格中的文字有删除线，划掉的是作废的内容还是"
                            "仍然有效，无法照原样判断：请删去作废的内容（或取消删除线）、保存后再导入")
    if reader.bound is not None:
        reader.rebound += [f"正文中{part}" for part in reader.bound.differing(doc.element.body)]
    if reader.rebound:
        more = f"等 {len(reader.rebound)} 处" if len(reader.rebound) > 5 else ""
        raise ImportFailure(f"{'、'.join(reader.rebound[:5])}{more}：这些内容控件绑定到文档中的自定义 XML 数据，"
                            "Word 打开时显示的是绑定的数据，不是文件中保存的文字（由程序填写的文件常这样），表上的内容无法照原样读取："
                            "请在 Word 中打开、核对后保存，再导入")
    if reader.floated:
        # A box floats where its offsets put it: over the cell's own figure, or beside it, in print.
        more = f"等 {len(reader.floated)} 格" if len(reader.floated) > 5 else ""
        raise ImportFailure(f"{'、'.join(reader.floated[:5])}{more}：这些格子里有浮动的文本框（「浮于文字上方」等环绕方式），"
                            "打印时叠在格中的文字上或印在旁边，表上显示的是哪一个无法照原样判断：请把文本框中的内容移进格子"
                            "（或删去作废的文本框）、保存后再导入")
    if reader.pictured:
        more = f"等 {len(reader.pictured)} 格" if len(reader.pictured) > 5 else ""
        raise ImportFailure(f"{'、'.join(reader.pictured[:5])}{more}：这些格子上盖着浮于文字上方的图片（没有透明部分）"
                            "或填充的图形，打印时盖住格中的内容，表上显示的是图片（可能是另一个数的图片）或一块底色，无法照原样读取："
                            "请删去图片、图形（或把图片中的内容填进格子）、保存后再导入")
    if reader.tables_read and _merging(doc.element.body):
        merged, shown = _merge_fields(reader, doc.element.body)
        if merged:
            more = f"等 {len(merged)} 处" if len(merged) > 5 else ""
            raise ImportFailure(f"{'、'.join(merged[:5])}{more}：这些地方是 Word 邮件合并的域，显示的是域的名字（两边带「«»」），"
                                "没有合并进数据：文件是邮件合并用的主文档，不是填好的表：请在 Word 中「邮件 → 完成并合并 → "
                                "编辑单个文档」，保存合并出的本项目的文档后再导入（或把表中的域换成填写的内容）")
        if shown:
            more = f"等 {len(shown)} 格" if len(shown) > 5 else ""
            reader.tables_read[0][1].notes.append(
                f"{'、'.join(shown[:5])}{more}：这些格子里是 Word 邮件合并的域，按文件中保存的内容（数据源中的一条记录）导入；"
                "Word 打开时会重新读取数据源，显示的可能是另一条记录：请核对是不是本项目的数据；最好在 Word 中「邮件 → 完成并合并 → "
                "编辑单个文档」，保存合并出的文档后再导入")
    if reader.stale:
        # LibreOffice 7.4 saves such a document without the marks (w:dirty, w:updateFields) and with
        # the old results, which then read as the form's (measured: tests/test_import_word_fields.py):
        # the clerk is sent to Word.
        more = f"等 {len(reader.stale)} 格" if len(reader.stale) > 5 else ""
        raise ImportFailure(f"{'、'.join(reader.stale[:5])}{more}：文件标明这些域的结果已过时（由程序生成后没有更新"
                            f"{'，文件设置了打开时更新全部域' if reader.marked.every else ''}），"
                            "Word 打开时会要求更新它们，更新后显示的不一定是文件中保存的内容：请在 Word 中打开、全选（Ctrl+A）后按 F9 更新域，"
                            "核对后保存，再导入（不要用 LibreOffice：它保存时去掉「已过时」的标记，却不更新这些域，"
                            "留下的仍是旧的结果，导入时已无从发现）")
    grids = [b for b in blocks if isinstance(b, Grid)]
    if grids and reader.computed:
        more = f"等 {len(reader.computed)} 格" if len(reader.computed) > 5 else ""
        grids[0].notes.append(f"{'、'.join(reader.computed[:5])}{more}：这些格子里是 Word 的公式（域），按文件中保存的结果导入；"
                              "公式只在更新域时重算，表中的数改过之后，Word 显示和打印的仍是上次更新时的结果："
                              "如果检查说它与各项之和不符（「公布 …，计算 …」），请在 Word 中打开、全选（Ctrl+A）后按 F9 更新域，"
                              "核对后保存，再导入")
    if grids and reader.revisions:
        more = f"等 {len(reader.revisions)} 处" if len(reader.revisions) > 5 else ""
        grids[0].notes.append(f"{'、'.join(reader.revisions[:5])}{more}：这些是未接受的修订（修订模式下的插入和删除），"
                              f"按接受全部修订后的文字导入{'（删去的行不导入）' if any('删去的一行' in r for r in reader.revisions) else ''}："
                              "请在 Word 中「审阅 → 接受所有修订」后核对原件与导入结果")
    elif grids and reader.marked.revised:
        grids[0].notes.append("文档中有未接受的修订（修订模式下的插入和删除）：按接受全部修订后的文字导入；"
                              "请在 Word 中「审阅 → 接受所有修订」后核对原件与导入结果")
    if grids and reader.commented is not None:
        grids[0].notes.extend(_comment_notes(doc, reader.commented))
    chunks = sum(1 for _ in doc.element.body.iter(_ALT_CHUNK)) - reader.chunks
    if chunks and not grids:
        # The content is a separate part (HTML, RTF or another document) Word merges in when it opens the file.
        raise ImportFailure(f"文档的正文是 {chunks} 段嵌入的外部内容（altChunk，常见于系统导出的 Word 文件），Word 打开时才合并，"
                            "本程序无法读取：请在 Word 中打开、「另存为」.docx 后再导入")
    if chunks:
        grids[0].notes.append(f"文档中还有 {chunks} 段嵌入的外部内容（altChunk），没有读取：请在 Word 中打开、"
                              "「另存为」.docx 后再导入，或核对原件中这部分内容")
    embedded, objects = _embedded(doc)
    if objects and not embedded and not grids and sum(len(b.text) for b in blocks if isinstance(b, Para)) < PROSE:
        # Little text beside it: the object is the form (a report's prose with a drawing in it is left to `no_tables`).
        raise ImportFailure(f"文档中没有 Word 表格，只有嵌入的对象（{'、'.join(objects[:3])}），Word 中显示为它的图片，其中的内容无法读取："
                            "请在 Word 中双击它，在打开的程序中把表格「另存为」.xlsx 或 .docx 再导入；"
                            "或在打开的程序中复制表格，回到 Word 中粘贴为表格、删去原对象后保存再导入")
    if embedded and not any(_INDICATORS in cell.text for grid in grids for row in grid.rows for cell in row):
        # No Word table names an indicator (a 填报人 line's table at most): the form is the workbook.
        blocks += _embedded_grids(path, embedded)
        grids = [b for b in blocks if isinstance(b, Grid)]
    elif embedded and grids:
        grids[0].notes.append(f"文档中还嵌入了 Excel 工作簿（{'、'.join(embedded)}），没有导入：如果它是另一张表格，"
                              "请在 Word 中双击它，在打开的 Excel 中「另存为」.xlsx，再单独导入")
    prompts = [place for place in reader.unseen if place.endswith(f"（{PLACEHOLDER}）")]
    unseen = [place for place in reader.unseen if not place.endswith(f"（{PLACEHOLDER}）")]
    if grids and prompts:
        more = f"等 {len(prompts)} 处" if len(prompts) > 5 else ""
        listed = "、".join(place.removesuffix(f"（{PLACEHOLDER}）") for place in prompts[:5])
        grids[0].notes.append(f"{listed}{more}：这些是模板中内容控件的提示文字（没有填写时显示的灰字），"
                              "按空白导入：如果这里应当有内容，请在 Word 中点击它、填写后保存，再导入")
    if grids and unseen:
        more = f"等 {len(unseen)} 处" if len(unseen) > 5 else ""
        grids[0].notes.append(f"{'、'.join(unseen[:5])}{more}：这些文字在 Word 中看不见、也打印不出来，"
                              "按表上看到的（没有这些字）导入；如果它应当显示，请把文字颜色改为「自动」、字号改为正常大小后再导入；"
                              "如果是作废的内容，请删去")
    if grids and reader.disputed:
        more = f"等 {len(reader.disputed)} 处" if len(reader.disputed) > 5 else ""
        grids[0].notes.append(f"{'、'.join(reader.disputed[:5])}{more}：这些文字的「隐藏」在段落样式、字符样式等几处都设置了，"
                              "按 Word 的规则互相抵消，Word 与 LibreOffice 等软件显示得不一样；按 Word 显示的导入："
                              "请核对原件，在样式中去掉多余的「隐藏」后再导入")
    unknown = _unknown_symbols(doc.element.body)
    if grids and unknown:
        grids[0].notes.append(f"文档中有 Word「插入符号」插入的、无法识别的符号（{unknown}），读作「{UNKNOWN_SYMBOL}」："
                              "请核对原件，必要时改为普通文字（如 ≥、√）后再导入")
    headers, lost = [], {}
    for section in doc.sections:
        for part in (section.header, section.first_page_header, section.footer, section.first_page_footer):
            try:
                headers.extend(text for p in part.paragraphs if (text := clean(paragraph_text(p._p))))
            except KeyError as exc:  # a header reference naming no relationship: Word drops it on repair
                lost[str(exc.args[0] if exc.args else "")] = None
    if grids and lost:
        grids[0].notes.append(f"文档的页眉引用了文件中不存在的部件（{'、'.join(lost)}），没有读取（Word 打开时提示文件有错误、"
                              "修复时去掉它）：表名、单位等若写在页眉中，请核对导入的是否完整")
    return blocks, headers


def _document(path: Path):  # type: ignore[no-untyped-def]
    """The package's document (`BODIES`); ValueError when its main part is none (a workbook's)."""
    part = Package.open(str(path)).main_document_part
    if part.content_type not in BODIES or not isinstance(part, DocumentPart):
        raise ValueError(f"the main part is {part.content_type}")
    return part.document


_TEXT = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n",
         qn("w:noBreakHyphen"): "-"}
"""Run content shown as text (None: the element's own text), as python-docx reads a run. A soft
hyphen (w:softHyphen) shows only where Word breaks the word, and a field's code (w:instrText)
never: neither is text; a field's result is ordinary runs."""
EMBEDDED = "word/embeddings/"
_OLE_OBJECT = "{urn:schemas-microsoft-com:office:office}OLEObject"


def _embedded(doc) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """The Excel workbooks embedded as objects in the document's body (``o:OLEObject`` of an Excel
    ProgID, or of any whose part is a workbook package: WPS names its own), by package member, and
    the ProgIDs of the other objects. Word draws one as a picture of its cells: the document has no
    table, and the form was reported as 「没有任何表格（可能是扫描件）」. A chart's data workbook is
    no such object and is not listed."""
    names, others = [], []
    for ole in doc.element.body.iter(_OLE_OBJECT):
        kind = str(ole.get("ProgID", ""))
        rel = doc.part.rels.get(ole.get(qn("r:id"), ""))
        name = rel.target_part.partname.lstrip("/") if rel is not None and not rel.is_external else ""
        if name.startswith(EMBEDDED) and (kind.startswith("Excel.") or name.lower().endswith(_WORKBOOKS)):
            names += [name] if name not in names else []
        elif kind not in others:
            others.append(kind or "未注明类型")
    return names, others


_WORKBOOKS = (".xlsx", ".xlsm")
_INDICATORS = "指标"
"""What every form's indicator table names in its header (三级指标, 指标名称): a document whose Word
tables never do, beside an embedded workbook, holds its form in the workbook. Its 填报人 table read
alone, the form was 「没有找到绩效指标表」, the workbook unmentioned."""


def _embedded_grids(path: Path, names: list[str]) -> list[Grid]:
    """The sheets of the one embedded .xlsx, read as any workbook is (its package checked first),
    the clerk told where they came from; ImportFailure saying what to do when it is an old .xls
    object or there are several (which one is the form is not known)."""
    import tempfile

    from perfsite.importing.sniff import MAX_BYTES, check_zip
    from perfsite.importing.xlsx_reader import read_xlsx

    readable = [n for n in names if n.lower().endswith(_WORKBOOKS)]
    if len(readable) != 1 or len(names) != 1:
        what = "Excel 97-2003 对象" if not readable else f"{len(names)} 个 Excel 工作簿"
        raise ImportFailure(f"文档中的表格是嵌入的{what}（{'、'.join(names)}），不是 Word 表格，无法直接读取："
                            "请在 Word 中双击该表格，在打开的 Excel 中「另存为」.xlsx，再导入该文件")
    name = readable[0]
    with zipfile.ZipFile(path) as package, tempfile.TemporaryDirectory(prefix="perfsite-embedded-") as folder:
        if package.getinfo(name).file_size > MAX_BYTES:
            raise ImportFailure(f"文档中嵌入的 Excel 工作簿「{name}」过大，拒绝读取：请向填报单位索取原表格")
        workbook = Path(folder) / "embedded.xlsx"
        workbook.write_bytes(package.read(name))
        try:
            check_zip(workbook)
            grids = read_xlsx(workbook)
        except ImportFailure as exc:
            raise ImportFailure(f"文档中的表格是嵌入的 Excel 工作簿（{name}）：{exc}") from exc
    for grid in grids:
        grid.label = f"嵌入的 Excel {grid.label}"
    if grids:
        grids[0].notes.append(f"文档中的表格是嵌入的 Excel 工作簿（{name}，Word 中显示为它的图片），已按其中的工作表导入："
                              "请核对 Word 中显示的部分与导入结果；也可在 Word 中双击它、「另存为」.xlsx 后单独导入")
    return grids


_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_NOT_SHOWN = {qn("w:del"), qn("w:moveFrom"), qn("w:txbxContent"), qn("w:pPr"), qn("w:rPr"), _FALLBACK, qn("w:rt")}
"""Subtrees whose text is not part of the paragraph as shown: tracked deletions and moves away, a
text box's own paragraphs (read on their own), the copy of a drawing for older readers
(mc:Fallback repeats mc:Choice: read both, a text box's title was doubled), properties, and the
phonetic guide Word's 拼音指南 sets above characters (``w:ruby``'s ``w:rt``: 「péixùn培训」)."""
REVISIONS = (qn("w:ins"), qn("w:del"), qn("w:moveFrom"), qn("w:moveTo"), qn("w:cellIns"), qn("w:cellDel"))
UNKNOWN_SYMBOL = "\ufffd"
"""What a symbol `SYMBOLS` does not know reads as: never nothing (a ≥ left out made 「≥90%」 a 「90%」)."""
SYMBOLS = {
    "symbol": dict(zip(range(0x20, 0x80), " !∀#∃%&∋()∗+,−./0123456789:;<=>?≅ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ[∴]⊥_"
                                          "‾αβχδεφγηιϕκλμνοπθρστυϖωξψζ{|}∼", strict=False))
    | dict(zip(range(0xA0, 0xC0), "€ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…⏐⎯↵", strict=False))
    | {0xD6: "√", 0xD7: "⋅", 0xD8: "¬", 0xD9: "∧", 0xDA: "∨", 0xE5: "∑", 0xF2: "∫"},
    "wingdings": {0x6C: "●", 0x6E: "■", 0x6F: "□", 0x9F: "•", 0xA1: "○", 0xA8: "□", 0xFB: "✗", 0xFC: "✓",
                  0xFD: "☒", 0xFE: "☑"},
    "wingdings 2": {0x4F: "✗", 0x50: "✓", 0x51: "☒", 0x52: "☑", 0x53: "☒", 0x54: "☒", 0xA3: "□"},
}
"""Characters of the symbol fonts Word's 「插入 → 符号」 writes as ``w:sym`` (font and code, no
text): ``Symbol F0B3`` is ≥, ``Wingdings 2 F052`` is ☑. Read as nothing, the target 「≥90%」
was imported as 「90%」. Codes are the fonts' own (Adobe's Symbol encoding), less 0xF000."""


def symbol(font: str, code: str) -> str:
    """The character a ``w:sym`` shows, `UNKNOWN_SYMBOL` when the font or code is not one we know."""
    try:
        number = int(code, 16)
    except ValueError:
        return UNKNOWN_SYMBOL
    table = SYMBOLS.get(font.strip().lower())
    if table is None:  # a text font: the code is the character itself
        return chr(number) if 0x20 <= number < 0xE000 or 0xF900 <= number <= 0xFFFD else UNKNOWN_SYMBOL
    return table.get(number - 0xF000 if number >= 0xF000 else number, UNKNOWN_SYMBOL)


def _symbol_run_text(run, text: str) -> str:  # type: ignore[no-untyped-def]
    """A run's text in a symbol font (Symbol, Wingdings) as the glyphs Word draws: a document converted
    from an old .doc keeps 「³90%」 in the Symbol font, shown and printed as 「≥90%」."""
    props = run.find(_RPR) if run is not None else None
    fonts = props.find(_RFONTS) if props is not None else None
    font = (fonts.get(_ASCII) or fonts.get(_HANSI) or "") if fonts is not None else ""
    if font.strip().lower() not in SYMBOLS:
        return text
    return "".join(symbol(font, f"{ord(ch):04X}") if ord(ch) < 0x100 or 0xF020 <= ord(ch) <= 0xF0FF else ch for ch in text)


PAPER = "FFFFFF"
"""The page a form is printed on: Word prints no page colour unless told to."""
_RGB = re.compile(r"[0-9A-F]{6}")
"""A colour Word gives as RGB (not ``auto`` or a theme's name)."""
WORD_THEME = {"dark1": "000000", "light1": "FFFFFF", "text1": "000000", "background1": "FFFFFF"}
"""The theme colours known without the document's theme: 「文字 1」 black and 「背景 1」 white in every
built-in theme (and in Word's own when a document has no theme part). The others are the theme's."""
_SCHEME = {"dk1": "dark1", "lt1": "light1", "dk2": "dark2", "lt2": "light2",
           **{f"accent{n}": f"accent{n}" for n in range(1, 7)}, "hlink": "hyperlink", "folHlink": "followedHyperlink"}
"""The theme's colour slots (``a:clrScheme``'s children) by the name Word's ``w:themeColor`` gives them."""
_MAPPED = {"background1": ("bg1", "light1"), "text1": ("t1", "dark1"), "background2": ("bg2", "light2"),
           "text2": ("t2", "dark2"), **{f"accent{n}": (f"accent{n}", f"accent{n}") for n in range(1, 7)},
           "hyperlink": ("hyperlink", "hyperlink"), "followedHyperlink": ("followedHyperlink", "followedHyperlink")}
"""The names Word looks up through the settings' ``w:clrSchemeMapping`` (its attribute, and the slot
it maps to where the settings say nothing): 「背景 1」 is the theme's light 1 unless mapped otherwise."""
_SYSTEM = {"windowText": "000000", "window": "FFFFFF"}
"""A theme's system colours (``a:sysClr``) where no last colour is saved with them."""
_INK_ATTRS = tuple(qn(f"w:{name}") for name in ("val", "themeColor", "themeTint", "themeShade"))
_FILL_ATTRS = tuple(qn(f"w:{name}") for name in ("fill", "themeFill", "themeFillTint", "themeFillShade"))
_PATTERN_ATTRS = tuple(qn(f"w:{name}") for name in ("color", "themeColor", "themeTint", "themeShade"))
"""A shading's pattern colour (``w:shd w:color``), which a solid pattern draws in place of its fill."""


def theme_colours(doc) -> Mapping[str, str]:  # type: ignore[no-untyped-def]
    """The colour (RRGGBB) of each theme colour name a run's ``w:color`` or a shading's ``w:shd``
    may give (``w:themeColor="background1"``), from the document's theme (``word/theme/theme1.xml``)
    and its settings' ``w:clrSchemeMapping``; `WORD_THEME` where the document has no theme. Word
    draws the theme's colour, not the ``w:val`` saved beside it: read by ``w:val`` alone, a 「40」
    saved as black but drawn in 「背景 1」 white on the white page was published."""
    from lxml import etree

    scheme = {"dark1": WORD_THEME["dark1"], "light1": WORD_THEME["light1"]}
    part = next((rel.target_part for rel in doc.part.rels.values() if rel.reltype == RT.THEME and not rel.is_external),
                None)
    try:
        root = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False, no_network=True)) if part else None
    except etree.XMLSyntaxError:
        root = None  # Word replaces a theme it cannot read by its own
    found = next(root.iter(f"{{{_DRAWING}}}clrScheme"), None) if root is not None else None
    for slot in found.iterchildren(*(f"{{{_DRAWING}}}{name}" for name in _SCHEME)) if found is not None else ():
        given = next(slot.iterchildren(_SRGB, _SYSCLR), None)
        if given is None:
            continue
        value = given.get("val") if given.tag == _SRGB else given.get("lastClr") or _SYSTEM.get(given.get("val", ""))
        if _RGB.fullmatch(value := (value or "").upper()):
            scheme[_SCHEME[etree.QName(slot).localname]] = value
    mapping = doc.settings.element.find(qn("w:clrSchemeMapping"))
    out = dict(scheme)
    for name, (attribute, slot) in _MAPPED.items():
        mapped = mapping.get(qn(f"w:{attribute}")) if mapping is not None else None
        if (mapped or slot) in scheme:
            out[name] = scheme[mapped or slot]
    return MappingProxyType(out)


_DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"
_SRGB, _SYSCLR = f"{{{_DRAWING}}}srgbClr", f"{{{_DRAWING}}}sysClr"


def colour(element, attrs: tuple[str, ...], theme: Mapping[str, str]) -> str:  # type: ignore[no-untyped-def]
    """The colour a ``w:color`` (`_INK_ATTRS`) or ``w:shd`` (`_FILL_ATTRS`) draws, as RRGGBB; "" for
    「自动」 or none. A theme colour (`theme_colours`) wins over the RGB saved beside it, lightened
    or darkened as its tint or shade says (`toned`); one the theme does not give is read by its RGB."""
    value, named, tint, shade = (element.get(attr) for attr in attrs)
    if named and (base := theme.get(named)):
        return toned(base, tint, shade)
    value = (value or "").upper()
    return value if _RGB.fullmatch(value) else ""


def toned(rgb: str, tint: str | None, shade: str | None) -> str:
    """RRGGBB `rgb` with a theme colour's tint and shade (``w:themeTint="99"``: hex 00–FF, FF none):
    its HLS luminance L becomes L·t + (1 − t) for a tint t, L·s for a shade s (ECMA-376 17.3.2.6;
    LibreOffice reads them the same way, as DrawingML's lumMod/lumOff). White shaded F2 is the
    F2F2F2 of 「白色，背景 1，深色 5%」. Colours are compared, never published: binary floats do."""
    factors = [int(v, 16) / 255 if v and re.fullmatch(r"[0-9A-Fa-f]{1,2}", v) else None for v in (tint, shade)]
    if factors == [None, None]:
        return rgb
    hue, light, saturation = colorsys.rgb_to_hls(*(int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4)))
    if factors[0] is not None:
        light = light * factors[0] + 1 - factors[0]
    if factors[1] is not None:
        light *= factors[1]
    return "".join(f"{min(255, math.floor(c * 255 + 0.5)):02X}" for c in colorsys.hls_to_rgb(hue, light, saturation))


_LOOKED_UP = tuple(qn(f"w:{tag}") for tag in ("vanish", "color", "sz", "highlight", "shd", "strike", "dstrike",
                                               "vertAlign"))
"""The run properties that decide whether a run can be seen, is struck through or is raised (a
footnote's 「¹」, `raised`): the only ones looked up through the styles."""
_VERT_ALIGN = qn("w:vertAlign")
_GROUND = "ground"
"""Key, among a style's looked-up properties, of the shading it lays under its text: a paragraph
style's ``w:pPr/w:shd``, a table style's ``w:tcPr/w:shd``."""
Found = Mapping[str, Any]
"""A style's looked-up properties (`_LOOKED_UP`, `_GROUND`) by tag, each from the nearest style
of its basedOn chain that sets it."""
_TOGGLES = (qn("w:vanish"), qn("w:strike"), qn("w:dstrike"))
"""The looked-up properties that are toggles (ECMA-376 17.7.3): set on in a style, one flips what
the layers under it set (on in both the paragraph and the character style is off); set off in a
style, one leaves it; set on the run, one is what it says."""


_PARITY = {tag: "toggled " + tag for tag in _TOGGLES}
"""Key, in what the layers under a run set (`RunStyles.under`), of whether they toggle a tag on."""


def _on(element) -> bool:  # type: ignore[no-untyped-def]
    """Whether an on/off property is set and on (``<w:strike/>``, not ``w:val="0"``)."""
    return element is not None and element.get(_VAL, "true") not in ("0", "false", "off")


_CONDITIONS = ("band1Vert", "band2Vert", "band1Horz", "band2Horz", "firstCol", "lastCol", "firstRow", "lastRow",
               "nwCell", "neCell", "swCell", "seCell")
"""A table style's conditional parts (``w:tblStylePr w:type``), each over those before it where both
apply to a cell (ECMA-376 17.7.6): bands under the first and last column, under the header and
total rows, under the corners."""


@dataclass(frozen=True)
class RunStyles:
    """What the document's styles set of the run properties `_LOOKED_UP`, read once. Word applies
    them in layers, each over the one before: the document's defaults (``w:docDefaults``), the
    table's style (``w:tblStyle``), the paragraph's (``w:pStyle``, else the default paragraph
    style), the run's character style (``w:rStyle``), then the run's own ``w:rPr``; each style
    takes what it does not set from the style it is based on. A run styled 「隐藏备注」 whose style
    sets ``w:vanish``, a white ``w:color`` or a 1 pt ``w:sz`` shows as little as a run formatted
    so directly; read from the run alone its text was published. A property the run sets itself
    wins (``<w:vanish w:val="0"/>`` shows it again)."""

    characters: dict[str, Found] = field(default_factory=dict)
    paragraphs: dict[str, Found] = field(default_factory=dict)
    tables: dict[str, Found] = field(default_factory=dict)
    table_styles: dict[str, tuple[Any, str]] = field(default_factory=dict)
    """Table style id → its ``w:style`` element and the style it is based on: its conditional parts
    are read for the tables that use it (`conditional`), not for the hundred a template defines."""
    conditions: dict[str, dict[str, Found]] = field(default_factory=dict)
    """Table style → its conditional parts (`_CONDITIONS`) that set a looked-up property, by type:
    `conditional`'s, filled as tables use them."""
    defaults: Found = field(default_factory=dict)
    normal: str = ""
    """The default paragraph style: that of a paragraph that names none."""
    normal_table: str = ""
    strikes: bool = False
    """Whether some style or the defaults set a strike-through (on or off): then every table cell
    is looked at, not only those whose XML holds one."""
    layers: dict[tuple[str, str, tuple[str, ...]], Found] = field(default_factory=dict)
    """(paragraph style, table style, the table style's parts for the cell) → what the layers under
    the run set: a few a document."""
    prompts: frozenset[str] = frozenset()
    """The document's placeholder texts (its glossary's building blocks, `_glossary`), with Word's
    own (`WORD_PROMPTS`): what a content control shows when nothing is filled in (`_prompting`)."""
    theme: Mapping[str, str] = field(default_factory=lambda: MappingProxyType(dict(WORD_THEME)))
    """The document's theme colours by the name ``w:themeColor``/``w:themeFill`` give (`theme_colours`)."""

    @classmethod
    def of(cls, doc) -> RunStyles:  # type: ignore[no-untyped-def]
        """The document's styles, read once (the style part is searched for nothing else per run)."""
        try:
            root = doc.styles.element
        except (KeyError, ValueError, AttributeError):
            return cls(prompts=_prompts(doc), theme=theme_colours(doc))
        own: dict[str, dict[str, tuple[Found, str]]] = {"character": {}, "paragraph": {}, "table": {}}
        table_styles: dict[str, tuple[Any, str]] = {}
        defaults: dict[str, Any] = {}
        normal = {"paragraph": "", "table": ""}
        style_id, based_on, default = qn("w:styleId"), qn("w:basedOn"), qn("w:default")
        for style in root.iter(qn("w:style")):
            kind = style.get(_TYPE)
            if kind not in own:
                continue
            name = style.get(style_id, "")
            based = style.find(based_on)
            own[kind][name] = (_looked_up(style), based.get(_VAL, "") if based is not None else "")
            if kind == "table":
                table_styles[name] = (style, own[kind][name][1])
            if kind in normal and style.get(default) in ("1", "true", "on") and not normal[kind]:
                normal[kind] = name
        props = root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if props is not None:
            defaults = {child.tag: child for child in props if child.tag in _LOOKED_UP}
        chains = {kind: {name: found for name in styles if (found := _inherited(styles, name))}
                  for kind, styles in own.items()}
        strikes = any(tag in found for found in (defaults, *(f for c in chains.values() for f in c.values()))
                      for tag in _STRIKES)
        return cls(chains["character"], chains["paragraph"], chains["table"], table_styles, {}, defaults,
                   normal["paragraph"], normal["table"], strikes, {}, _prompts(doc), theme_colours(doc))

    def conditional(self, table: str) -> dict[str, Found]:
        """Table style `table`'s conditional parts that set a looked-up property, by type, each part
        taking what it does not set from the same part of the style it is based on; read once."""
        if table not in self.conditions:
            merged: dict[str, Found] = {}
            seen: set[str] = set()
            at = table
            while at in self.table_styles and at not in seen:
                seen.add(at)
                style, at = self.table_styles[at]
                for part in style.iterchildren(_STYLE_PART):
                    if (condition := part.get(_TYPE)) in _CONDITIONS:
                        merged[condition] = {**_looked_up(part), **merged.get(condition, _NOTHING)}
            self.conditions[table] = {condition: found for condition, found in merged.items() if found}
        return self.conditions[table]

    def under(self, p, table: str = "", parts: tuple[str, ...] = ()) -> Found:  # type: ignore[no-untyped-def]
        """What the layers under the runs of paragraph `p` (in a table of style `table`, in a cell
        its conditional `parts` apply to) set: the document's defaults, the table style's, the
        paragraph style's, nearest last; and, for each of `_TOGGLES`, whether they toggle it on
        (`_PARITY`)."""
        if not (self.paragraphs or self.tables or self.defaults):
            return _NOTHING
        props = p.find(_PPR)
        named = props.find(_PSTYLE) if props is not None else None
        paragraph = named.get(_VAL, "") if named is not None else self.normal
        key = (paragraph, table, parts)
        if key not in self.layers:
            shaded = self.cell(table, parts)  # its shading lies under the cell (`_grid`), not the paragraph
            layers = (self.defaults, {k: v for k, v in shaded.items() if k != _GROUND},
                      self.paragraphs.get(paragraph, _NOTHING))
            self.layers[key] = {**{k: v for layer in layers for k, v in layer.items()},
                                **{_PARITY[tag]: sum(_on(layer.get(tag)) for layer in layers) % 2 == 1
                                   for tag in _TOGGLES}}
        return self.layers[key]

    def cell(self, table: str, parts: tuple[str, ...]) -> Found:
        """What table style `table` sets for a cell its conditional `parts` apply to, nearest last."""
        found = self.tables.get(table, _NOTHING)
        conditions = self.conditional(table)
        for part in parts:
            found = {**found, **conditions.get(part, _NOTHING)}
        return found

    def bands(self, table: str) -> tuple[int, int]:
        """The band sizes table style `table` sets (`_band_sizes`), each from the nearest style of its
        basedOn chain that sets it; (1, 1), Word's, where none does."""
        chain, seen, at = [], set(), table
        while at in self.table_styles and at not in seen:
            seen.add(at)
            style, at = self.table_styles[at]
            chain.append(style.find(_TBLPR))
        sizes = (1, 1)
        for props in reversed(chain):  # the farthest first: each nearer style over it
            sizes = _band_sizes(props, sizes)
        return sizes

    def table(self, tbl) -> str:  # type: ignore[no-untyped-def]
        """The style id of table `tbl`: its ``w:tblStyle``, else the default table style."""
        props = tbl.find(_TBLPR)
        named = props.find(_TBLSTYLE) if props is not None else None
        return named.get(_VAL, "") if named is not None else self.normal_table

    def find(self, props, tag: str, under: Found | None = None):  # type: ignore[no-untyped-def]
        """The property `tag` of a run whose ``w:rPr`` is `props` (maybe None): its own, else its
        character style's, else what the layers `under` it set, else None."""
        if props is not None:
            found = props.find(tag)
            if found is not None:
                return found
            if self.characters and (style := props.find(_RSTYLE)) is not None:
                found = self.characters.get(style.get(_VAL, ""), _NOTHING).get(tag)
                if found is not None:
                    return found
        return under.get(tag) if under else None

    def toggled(self, props, tag: str, under: Found) -> tuple[bool, bool]:  # type: ignore[no-untyped-def]
        """Whether toggle `tag` (`_TOGGLES`) is on for a run whose ``w:rPr`` is `props`, as Word
        and as LibreOffice show it: the run's own setting, else the layers `under` it and its
        character style flipping it in turn (Word), or the nearest that sets it (LibreOffice)."""
        if props is not None:
            found = props.find(tag)
            if found is not None:
                on = _on(found)
                return on, on
            style = props.find(_RSTYLE) if self.characters else None
            character = self.characters.get(style.get(_VAL, ""), _NOTHING).get(tag) if style is not None else None
            if character is not None:
                return under.get(_PARITY[tag], False) != _on(character), _on(character)
        return (under.get(_PARITY[tag], False), _on(under[tag])) if tag in under else (False, False)


_NOTHING: Found = MappingProxyType({})


def _looked_up(style) -> Found:  # type: ignore[no-untyped-def]
    """A style's own looked-up properties: its ``w:rPr``'s, and the shading its ``w:pPr`` (a
    paragraph style) or ``w:tcPr`` (a table style) lays under the text; a table style's part for
    the whole table (``w:tblStylePr w:type="wholeTable"``) over them. Its parts for the first row,
    bands and the like are `RunStyles.conditions`."""
    found: dict[str, Any] = {}
    parts = [style]
    if style.get(_TYPE) == "table":
        parts += [part for part in style.iterchildren(_STYLE_PART) if part.get(_TYPE) == "wholeTable"]
    for part in parts:
        props = part.find(_RPR)
        if props is not None:
            found.update((child.tag, child) for child in props if child.tag in _LOOKED_UP)
        for where in _GROUNDS:
            shading = part.find(where)
            if shading is not None:
                found[_GROUND] = shading
    return found


_STYLE_PART, _TYPE = qn("w:tblStylePr"), qn("w:type")
_GROUNDS = (f"{qn('w:pPr')}/{qn('w:shd')}", f"{qn('w:tcPr')}/{qn('w:shd')}")


def _inherited(styles: dict[str, tuple[Found, str]], name: str) -> Found:
    """Style `name`'s looked-up properties with those of the styles it is based on, nearest first;
    a loop of basedOn ends where it closes."""
    merged: Found = {}
    seen: set[str] = set()
    at = name
    while at in styles and at not in seen:
        seen.add(at)
        found, at = styles[at]
        merged = {**found, **merged}
    return merged


_RSTYLE, _VAL, _RPR = qn("w:rStyle"), qn("w:val"), qn("w:rPr")
_PPR, _PSTYLE, _SHD, _FILL, _SZ, _COLOR, _HIGHLIGHT, _VANISH, _TCPR, _TBLPR, _TBLSTYLE, _RFONTS, _ASCII, _HANSI = (
    qn(f"w:{tag}") for tag in ("pPr", "pStyle", "shd", "fill", "sz", "color", "highlight", "vanish", "tcPr", "tblPr",
                               "tblStyle", "rFonts", "ascii", "hAnsi"))
_R, _T, _P, _TBL, _TR, _TC = (qn(f"w:{tag}") for tag in ("r", "t", "p", "tbl", "tr", "tc"))
"""Tags of the walk, made once: ``qn`` per run was a fifth of the calls of reading a form."""


WORD_PROMPTS = frozenset({"单击或点击此处输入文字。", "单击此处输入文字。", "单击或点击以输入日期。", "单击此处输入日期。",
                          "选择一项。", "Click or tap here to enter text.", "Click here to enter text.",
                          "Click or tap to enter a date.", "Click here to enter a date.", "Choose an item."})
"""The placeholders Word puts in the content controls it inserts (Chinese and English Word)."""


def _prompts(doc) -> frozenset[str]:  # type: ignore[no-untyped-def]
    """`RunStyles.prompts` of `doc`: none where no content control shows its placeholder (most
    documents: then no paragraph looks for one)."""
    if next(doc.element.body.iter(_PROMPT), None) is None:
        return frozenset()
    return WORD_PROMPTS | _glossary(doc)


def _glossary(doc) -> frozenset[str]:  # type: ignore[no-untyped-def]
    """The texts of the document's glossary building blocks (``word/glossary/document.xml``), where
    a template keeps its content controls' own placeholders (「请填写实际完成值」). A glossary that is
    not XML (python-docx keeps the part unparsed) refuses the file: without it a control marked as
    showing its placeholder cannot be told from one a program filled in and left marked."""
    from lxml import etree

    part = next((part for part in doc.part.package.iter_parts() if part.partname == "/word/glossary/document.xml"), None)
    if part is None:
        return frozenset()
    try:
        root = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise ImportFailure("文件中的模板词库「word/glossary/document.xml」已损坏（不是完整的 XML），"
                            "无法判断标明为提示文字的内容控件中显示的是模板的提示文字还是填写的内容，因此拒绝导入："
                            "请在 Word 中打开、核对后另存再导入") from exc
    return frozenset(text for block in root.iter(qn("w:docPart"))
                     if (text := clean("".join(t.text or "" for t in block.iter(_T)))))


NO_STYLES = RunStyles(prompts=WORD_PROMPTS)
"""A part read without the document's styles (page headers)."""


def paragraph_text(p, background: str = PAPER, unseen: list[str] | None = None,  # type: ignore[no-untyped-def]
                   styles: RunStyles = NO_STYLES, table: str = "", parts: tuple[str, ...] = (),
                   disputed: list[str] | None = None) -> str:
    """The paragraph's text with its tracked changes accepted, hidden (vanish) runs left out, and
    runs no reader can see on `background` (`unseen_run`) too, their texts added to `unseen`; a
    run's properties are its own or its styles' (`styles`; `table` is the style of the table the
    paragraph stands in, `parts` its conditional parts for the cell); hidden runs Word and
    LibreOffice show differently are read as Word shows them and added to `disputed`."""
    out: list[str] = []
    if styles.prompts and any(_prompting(sdt, styles) for sdt in p.iterancestors(_SDT)):
        _prompted(p, unseen)
        return ""
    under = styles.under(p, table, parts)
    background = _fill(p.find(_PPR), _ground(under, background, styles.theme), styles)
    fields: list[bool] = []
    """The complex fields open at this point, innermost last: whether each is past its code (`_field`)."""
    raising = _VERT_ALIGN in under or next(p.iter(_VERT_ALIGN, _RSTYLE), None) is not None
    """Whether a run may be raised (`raised`): only then is each run's 上标 looked up (run by run it
    cost about 6% of reading a 400-row table of two-run cells where none is, 143–153 → 156–162 ms)."""

    def walk(element) -> None:  # type: ignore[no-untyped-def]
        for child in element:
            tag = child.tag
            if tag == _FLDCHAR:
                if all(fields) and (box := checkbox(child)):
                    out.append(box)
                _field(fields, child.get(_FLDCHARTYPE, ""))
            elif fields and not all(fields):
                if tag not in _TEXT and tag != _SYM:
                    walk(child)  # a field's code: only its own fields' marks count
            elif tag in _TEXT:
                shown = _TEXT[tag]
                out.append(_symbol_run_text(element, child.text or "") if shown is None else shown)
            elif tag == _R:
                hidden, elsewhere = _vanished(child, styles, under)
                if hidden != elsewhere and disputed is not None and (
                        text := "".join(t.text or "" for t in child.iter(_T))).strip():
                    disputed.append(_disputed(text, hidden, "隐藏", "显示"))
                if hidden:
                    continue
                why = unseen_run(child, background, styles, under)
                if not why:
                    start = len(out)
                    walk(child)
                    if raising and (place := styles.find(child.find(_RPR), _VERT_ALIGN, under)) is not None:
                        out[start:] = [raised("".join(out[start:]), place.get(_VAL, ""))]
                elif unseen is not None and (text := "".join(t.text or "" for t in child.iter(_T))).strip():
                    unseen.append(f"「{text.strip()[:20]}」（{why}）")
            elif tag == _SYM:
                out.append(symbol(child.get(qn("w:font"), ""), child.get(qn("w:char"), "")))
            elif tag == _SDT and styles.prompts and _prompting(child, styles):
                _prompted(child, unseen)
            elif tag == _MATH_TEXT:
                out.append(child.text or "")
            elif tag in _MATH_SHAPED:
                start = len(out)
                pieces = []
                for piece in child.iterchildren(*_MATH_SHAPED[tag]):
                    walk(piece)
                    pieces.append("".join(out[start:]))
                    del out[start:]
                out.append(equation(child, pieces))
            elif tag not in _NOT_SHOWN:
                walk(child)

    walk(p)
    return "".join(out)


MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_MATH_TEXT, _FRACTION, _DELIMITED = (f"{{{MATH}}}{tag}" for tag in ("t", "f", "d"))
_MATH_SHAPED = {_FRACTION: (f"{{{MATH}}}num", f"{{{MATH}}}den"), _DELIMITED: (f"{{{MATH}}}e",)}
"""The equation parts (Word's 「插入 → 公式」, OMML) drawn as a shape around their text: a fraction's
numerator over its denominator, a bracket around its items."""


def equation(shape, parts: list[str]) -> str:  # type: ignore[no-untyped-def]
    """A fraction (``m:f``) as 「numerator/denominator」, each bracketed where it holds an operator
    (「(实际数-计划数)/计划数」); a bracket (``m:d``) with its characters (``m:begChr``, ``m:endChr``,
    ``m:sepChr``, Word's defaults ( ) |). An equation's text is ``m:t``, not ``w:t``: the 评分标准
    「得分=实际完成数/计划数×分值」 typed as one read as nothing."""
    if shape.tag == _FRACTION:
        return "/".join(f"({part})" if re.search(r"[-+−×÷*/=]", part) else part for part in parts)
    props = shape.find(f"{{{MATH}}}dPr")

    def char(tag: str, default: str) -> str:
        found = props.find(f"{{{MATH}}}{tag}") if props is not None else None
        return found.get(f"{{{MATH}}}val", "") if found is not None else default

    return char("begChr", "(") + char("sepChr", "|").join(parts) + char("endChr", ")")


_SYM, _SDT, _SDTPR, _PROMPT = qn("w:sym"), qn("w:sdt"), qn("w:sdtPr"), qn("w:showingPlcHdr")
PLACEHOLDER = "内容控件的提示文字，没有填写"
"""Why a content control's text is not read (`_prompting`): the entries of `unseen` so marked are told apart."""


def _prompting(sdt, styles: RunStyles = NO_STYLES) -> bool:  # type: ignore[no-untyped-def]
    """Whether a content control shows its placeholder: marked so (``w:showingPlcHdr``) and holding
    one of the document's placeholder texts (`RunStyles.prompts`). It is the grey prompt of a
    template's empty field (「单击或点击此处输入文字。」), which Word shows and prints until the clerk
    types over it; read as text, an unfilled 实际完成值 would be published as 「单击或点击此处输入文字。」.
    It is read as the empty field it is. A control so marked that holds other text (a program
    filled it and left the mark) shows that text, and it is read."""
    props = sdt.find(_SDTPR)
    if props is None or not _on(props.find(_PROMPT)):
        return False
    content = sdt.find(qn("w:sdtContent"))
    if content is None:
        return False
    text = clean("".join(t.text or "" for t in content.iter(_T)))
    return any(f"{text}{end}" in styles.prompts for end in _PROMPT_ENDS)


_PROMPT_ENDS = ("", "。", ".")
"""What may follow a control's text for it to be a placeholder: its own end, kept or not (a template
whose 「单击或点击此处输入文字」 lost its 「。」 imported the prompt as the 总得分, 「不是数字」)."""


def _prompted(element, unseen: list[str] | None) -> None:
    """Add the placeholder text in `element` to `unseen`, marked `PLACEHOLDER`."""
    text = "".join(t.text or "" for t in element.iter(_T)).strip()
    if text and unseen is not None:
        unseen.append(f"「{text[:20]}」（{PLACEHOLDER}）")


_BINDING, _XPATH, _STORE, _PREFIXES = qn("w:dataBinding"), qn("w:xpath"), qn("w:storeItemID"), qn("w:prefixMappings")
_PREFIX = re.compile(r"""xmlns:([\w.-]+)\s*=\s*['"]([^'"]*)['"]""")
_PATH = re.compile(r"(?:/(?:[\w.-]+:)?[\w.-]+(?:\[\d{1,6}\])?){1,64}(?:/@(?:[\w.-]+:)?[\w.-]+)?")
"""A binding's XPath as Word writes it, a path of named steps (``/ns0:root[1]/ns0:score[1]``, maybe
an attribute last). Any other expression is not evaluated (one a file makes up, such as nested
``//*`` counts, could take minutes) and the control reads as saved."""
_LISTS = (qn("w:dropDownList"), qn("w:comboBox"))
_NOT_TEXT = (qn("w:date"), qn("w:picture"), "{http://schemas.microsoft.com/office/word/2010/wordml}checkbox")
"""Bound controls Word shows in a form of its own (a date by its format, a picture, a check box): not compared."""


def _in_table_within(node, element) -> bool:  # type: ignore[no-untyped-def]
    """Whether `node` stands in a table that is itself inside `element`."""
    for above in node.iterancestors():
        if above is element:
            return False
        if above.tag == _TBL:
            return True
    return False


@dataclass(frozen=True)
class _Bound:
    """The document's custom XML data (``customXml/item*.xml``) by item ID, for the content controls
    bound to it (``w:dataBinding``). Word shows such a control's bound value, not the text saved in
    it: opening the document it fills the control from the data, and a generator that wrote the
    data and left the template's text (or the other way round) hands in a form whose saved 「26」
    Word shows as 「30」."""

    store: Mapping[str, Any]

    @classmethod
    def of(cls, doc) -> _Bound | None:  # type: ignore[no-untyped-def]
        """None where no control is bound (most documents: one search of the body)."""
        from lxml import etree

        if next(doc.element.body.iter(_BINDING), None) is None:
            return None
        store = {}
        try:
            for part in doc.part.package.iter_parts():
                for rel in part.rels.values():
                    if rel.is_external or not rel.reltype.endswith("/customXmlProps"):
                        continue
                    parser = etree.XMLParser(resolve_entities=False, no_network=True)
                    props = etree.fromstring(rel.target_part.blob, parser)
                    item = props.get("{http://schemas.openxmlformats.org/officeDocument/2006/customXml}itemID", "")
                    store[item.strip().upper()] = etree.fromstring(part.blob, parser)
        except Exception:  # data this reader cannot open: Word shows the saved text then too
            return None
        return cls(MappingProxyType(store))

    def differing(self, element) -> list[str]:  # type: ignore[no-untyped-def]
        """The bound controls in `element` (the body, a cell), but for those in a table inside it
        (named with that table's cell), whose saved text is not what Word shows, as
        「「26」（绑定的数据是「30」）」. A binding Word cannot resolve (no such item or node) shows the
        saved text, as does a control whose bound value is empty and that shows its placeholder."""
        out = []
        for binding in element.iter(_BINDING):
            if _in_table_within(binding, element):
                continue
            props = binding.getparent()
            sdt = props.getparent() if props is not None else None
            if sdt is None or any(props.find(tag) is not None for tag in _NOT_TEXT):
                continue
            shown = self._value(binding)
            if shown is None:
                continue
            shown = clean(self._listed(props, shown))
            content = sdt.find(qn("w:sdtContent"))
            saved = clean("".join(t.text or "" for t in content.iter(_T))) if content is not None else ""
            if shown != saved and (shown or not (saved == "" or _on(props.find(_PROMPT)))):
                out.append(f"「{saved[:20]}」（绑定的数据是{f'「{shown[:20]}」' if shown else '空的'}）")
        return out

    def _value(self, binding) -> str | None:  # type: ignore[no-untyped-def]
        from lxml import etree

        root = self.store.get(binding.get(_STORE, "").strip().upper())
        if root is None:
            return None
        path = binding.get(_XPATH, "").strip()
        if not _PATH.fullmatch(path):
            return None
        spaces = dict(_PREFIX.findall(binding.get(_PREFIXES, "")))
        try:
            found = root.getroottree().xpath(path, namespaces=spaces)
        except etree.XPathError:  # an expression Word could not resolve either
            return None
        if isinstance(found, list):
            if not found:
                return None
            found = found[0]
        return "".join(found.itertext()) if hasattr(found, "itertext") else str(found)

    @staticmethod
    def _listed(props, value: str) -> str:  # type: ignore[no-untyped-def]
        """A drop-down or combo box shows the display text of the list item whose value is bound."""
        for kind in _LISTS:
            for item in props.findall(f"{kind}/{qn('w:listItem')}"):
                if item.get(qn("w:value")) == value:
                    return item.get(qn("w:displayText")) or value
        return value


_FLDCHAR, _FLDCHARTYPE = qn("w:fldChar"), qn("w:fldCharType")
_FLDSIMPLE, _INSTR, _INSTRTEXT, _DIRTY = qn("w:fldSimple"), qn("w:instr"), qn("w:instrText"), qn("w:dirty")


def _dirty(mark) -> bool:  # type: ignore[no-untyped-def]
    """Whether a field's mark (``w:fldChar`` begin, ``w:fldSimple``) says its result is out of date (``w:dirty``)."""
    return mark.get(_DIRTY) in ("1", "true", "on")


LAYOUT_FIELDS = {"TOC", "TC", "PAGE", "NUMPAGES", "SECTIONPAGES", "PAGEREF", "HYPERLINK", "SEQ", "STYLEREF", "XE", "INDEX"}
"""Fields that lay out a document (contents, page numbers, captions, links) rather than hold its
figures: a generator marks a table of contents dirty so that Word fills it in, which is no figure."""


def stale_field(element, layout: bool = True, every: bool = False) -> str:  # type: ignore[no-untyped-def]
    """The code of the fields in `element` (a table cell or a paragraph) that the file marks out of
    date (``w:dirty``: its result is stale and is to be updated before it is shown; Word asks to
    update it on opening), "" for none; with `layout` False, "" where every such field is one of the
    `LAYOUT_FIELDS`; with `every`, every field counts as marked (`_Marked.every`). A program that fills a template writes ``=SUM(ABOVE)`` dirty beside the
    template's old result (often 0) and leaves the sum to Word: read as saved, the 合计 0 was
    published while the page Word shows and prints says 100."""
    dirty = [field for field in element.iter(_FLDCHAR, _FLDSIMPLE) if _dirty(field) or (
        every and (field.tag == _FLDSIMPLE or field.get(_FLDCHARTYPE) == "begin"))]
    if not dirty:
        return ""
    codes = _codes(element, dirty)
    if not layout and codes and all(code.split()[0].upper() in LAYOUT_FIELDS for code in codes):
        return ""
    return "；".join(codes) or "域"


def _codes(element, marks: list) -> list[str]:  # type: ignore[no-untyped-def]
    """The codes of the fields whose marks (``w:fldSimple``, ``w:fldChar``) are `marks`, in `element`:
    a simple field's ``w:instr``, and the complex fields' ``w:instrText`` of the element joined."""
    codes = [field.get(_INSTR, "") for field in marks if field.tag == _FLDSIMPLE]
    codes += ["".join(t.text or "" for t in element.iter(_INSTRTEXT))] if any(f.tag == _FLDCHAR for f in marks) else []
    return [code.strip() for code in codes if code.strip()]


def calculated_field(element) -> str:  # type: ignore[no-untyped-def]
    """The code of the calculation fields (``=SUM(ABOVE)``, ``=B2*C2``: Word's 「公式」) in `element` (a
    table cell), "" for none. Word computes one only when it is updated (F9, or printing with 「打印前
    更新域」 on), not when a figure it sums is typed over: the saved 合计 90 of indicator scores
    since changed to sum 98.62 is what Word shows and prints, and what is read; the clerk is told
    which figure is such a result, as check's 「公布 90，计算 98.62」 cannot."""
    marks = list(element.iter(_FLDSIMPLE)) + [mark for mark in element.iter(_FLDCHAR) if mark.get(_FLDCHARTYPE) == "begin"]
    return "；".join(code for code in _codes(element, marks) if code.startswith("="))


_MERGEFIELD = re.compile(r"\bMERGEFIELD\s+(\"[^\"]*\"|[^\s\\]+)", re.IGNORECASE)
_UNMERGED = re.compile(r"«[^«»]*»")
"""What a mail-merge field shows where no record is merged in: its field's name in chevrons (「«得分»」)."""


def _merging(body) -> bool:  # type: ignore[no-untyped-def]
    """Whether the document holds a mail-merge field (``MERGEFIELD``) at all: one search, most hold none."""
    return any("MERGEFIELD" in (t.text or "").upper() for t in body.iter(_INSTRTEXT)) or any(
        "MERGEFIELD" in (f.get(_INSTR) or "").upper() for f in body.iter(_FLDSIMPLE))


def _merge_fields(reader: _Blocks, body) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """The table cells holding a mail-merge field (``MERGEFIELD``), as 「表1第1行第2列「«项目名称»」（域 项目名称）」:
    those that show a field's name (`_UNMERGED`), of a main document no record was merged into (and
    the body's paragraphs that do), and those that show a record's data. Read as saved, the main
    document's 「«项目名称»」 was imported as the programme's name, and its 「«总得分»」 as a total that
    is no number."""
    from perfsite.importing.docx_layout import rows_of

    unmerged = [f"正文中「{flat(text)[:20]}」" for p in body.iter(_P) if next(p.iterancestors(_TBL), None) is None
                and _merge_names(p) and _UNMERGED.search(text := clean(paragraph_text(p)))]
    shown: list[str] = []
    for tbl, grid in reader.tables_read:
        for r, _, cells in rows_of(tbl, _content):
            for c, _, tc in cells:
                if not (names := _merge_names(tc)):
                    continue
                text = flat(" ".join(clean(paragraph_text(p)) for p in _content(tc, (_P,))))
                place = f"{grid.label}{_ref(r, c)}「{text[:20]}」（域 {'、'.join(names[:3])}）"
                (unmerged if _UNMERGED.search(text) else shown).append(place)
    return unmerged, shown


def _merge_names(element) -> list[str]:  # type: ignore[no-untyped-def]
    """The names of the mail-merge fields in `element` (a cell or a paragraph), not in a table inside it."""
    codes = "".join(t.text or "" for t in element.iter(_INSTRTEXT) if not _in_table_within(t, element))
    codes += " ".join(f.get(_INSTR) or "" for f in element.iter(_FLDSIMPLE) if not _in_table_within(f, element))
    return [name.strip('"') for name in _MERGEFIELD.findall(codes)]


_CHECKBOX, _CHECKED, _DEFAULT = (qn(f"w:{tag}") for tag in ("checkBox", "checked", "default"))
_FFDATA = qn("w:ffData")


def checkbox(mark) -> str:  # type: ignore[no-untyped-def]
    """「☑」 or 「☐」 for the ``begin`` mark of an old-style check box (a FORMCHECKBOX form field:
    ``w:ffData/w:checkBox``, checked by ``w:checked``, else by its ``w:default``), "" for any
    other mark. Word draws the box; the field has no text, so the choice 「☑是 ☐否」 read as 「是 否」."""
    data = mark.find(_FFDATA)
    box = data.find(_CHECKBOX) if data is not None else None
    if box is None:
        return ""
    state = box.find(_CHECKED)
    state = box.find(_DEFAULT) if state is None else state
    return "☑" if state is not None and _on(state) else "☐"


def _field(fields: list[bool], kind: str) -> None:
    """A complex field's mark (``w:fldChar``) met: `begin` opens its code, `separate` starts the
    result Word shows, `end` closes it. Everything between begin and separate is code, the
    results of fields nested in it too: ``{ IF { =1 } = 1 "30" "0" }`` shows 「30」, and reading
    the inner result 「1」 as text made the 得分 「130」. A mark with no field open is ignored."""
    if kind == "begin":
        fields.append(False)
    elif kind == "separate" and fields:
        fields[-1] = True
    elif kind == "end" and fields:
        fields.pop()


def _unknown_symbols(body) -> str:  # type: ignore[no-untyped-def]
    """「Webdings F021、…」: the ``w:sym`` of the document read as `UNKNOWN_SYMBOL`, the first five."""
    unknown = []
    for sym in body.iter(_SYM):
        font, code = sym.get(qn("w:font"), ""), sym.get(qn("w:char"), "")
        if symbol(font, code) == UNKNOWN_SYMBOL and f"{font} {code}" not in unknown:
            unknown.append(f"{font} {code}")
    return "、".join(unknown[:5]) + (f" 等 {len(unknown)} 种" if len(unknown) > 5 else "")


SMALLEST_SHOWN = 4
"""Half-points (2 pt) below which a run is no text a reader of the printed form can see."""
_HIGHLIGHTS = {"white": "FFFFFF", "black": "000000", "yellow": "FFFF00", "green": "00FF00", "cyan": "00FFFF",
               "magenta": "FF00FF", "blue": "0000FF", "red": "FF0000", "darkBlue": "000080", "darkCyan": "008080",
               "darkGreen": "008000", "darkMagenta": "800080", "darkRed": "800000", "darkYellow": "808000",
               "darkGray": "808080", "lightGray": "C0C0C0"}
"""Word's highlight colours (w:highlight), as RRGGBB."""


def _fill(props, background: str, styles: RunStyles = NO_STYLES, under: Found = _NOTHING) -> str:  # type: ignore[no-untyped-def]
    """The shading `props` (a tcPr, pPr or rPr; with `styles`, an rPr and its styles', `under`)
    lays under the text, or `background` when none; theme fills by `styles`' theme."""
    return _shade(styles.find(props, _SHD, under), background, styles.theme)


def _shade(shading, background: str, theme: Mapping[str, str]) -> str:  # type: ignore[no-untyped-def]
    """The colour a ``w:shd`` lays under the text (`colour`), or `background` when it sets none (or
    「自动」). A shading's pattern (``w:val``) is drawn in its ``w:color`` over its ``w:fill``: the
    solid one (「图案样式：纯色（100%）」) covers the fill wholly, in its colour, and 「自动」 is then
    black (Word's and LibreOffice's drawing). Read by ``w:fill`` alone, black text on a solid black
    shading saved over a white fill was read as seen, and white text on it dropped as unseen."""
    if shading is None:
        return background
    if shading.get(_VAL) == "solid":
        return colour(shading, _PATTERN_ATTRS, theme) or "000000"  # 「自动」: black
    return colour(shading, _FILL_ATTRS, theme) or background


def _ground(found: Found, background: str, theme: Mapping[str, str]) -> str:
    """The shading a paragraph or table style (`found`) lays under its text, or `background`."""
    return _shade(found[_GROUND], background, theme) if _GROUND in found else background


def unseen_run(run, background: str, styles: RunStyles = NO_STYLES,  # type: ignore[no-untyped-def]
               under: Found = _NOTHING) -> str:
    """Why a run shows nothing a reader can see, or "": its colour is the colour under it (white
    text on the white page, the commonest: an old figure whitened, a note to a colleague), or it
    is smaller than `SMALLEST_SHOWN`. Read, such text was published though the form showed none;
    like hidden (vanish) text it is left out, and, unlike it, named in a note. 「自动」 colour is
    never unseen: Word draws it white on a dark fill and black on a light one. A property the run
    does not set comes from its styles (`RunStyles`; `under`: the paragraph's, table's and defaults)."""
    props = run.find(_RPR)
    if props is None and not under:
        return ""
    size = styles.find(props, _SZ, under)
    half_points = size.get(_VAL, "") if size is not None else ""
    if half_points.isdigit() and int(half_points) < SMALLEST_SHOWN:
        return f"字号只有 {int(half_points) / 2:g} 磅"
    coloured = styles.find(props, _COLOR, under)
    ink = colour(coloured, _INK_ATTRS, styles.theme) if coloured is not None else ""
    if not ink:
        return ""
    highlight = styles.find(props, _HIGHLIGHT, under)
    marked = _HIGHLIGHTS.get(highlight.get(_VAL, ""), "") if highlight is not None else ""
    if ink == (marked or _fill(props, background, styles, under)):
        return "白色文字在白色底上" if ink == PAPER else "文字的颜色与底色相同"
    return ""


def _vanished(run, styles: RunStyles = NO_STYLES, under: Found = _NOTHING) -> tuple[bool, bool]:  # type: ignore[no-untyped-def]
    """Whether a run is formatted as hidden text, itself or by its styles, in Word and in
    LibreOffice (`RunStyles.toggled`): neither shows nor prints it."""
    return _flag(run, (_VANISH,), styles, under)


def _flag(run, tags: tuple[str, ...], styles: RunStyles = NO_STYLES,  # type: ignore[no-untyped-def]
          under: Found = _NOTHING) -> tuple[bool, bool]:
    """Whether one of the run's toggles `tags` is on (``<w:strike/>``, not ``w:val="0"``), in Word
    and in LibreOffice: set on the run or, where the run does not set it, by its styles (`under`:
    the paragraph's, the table's and the document's defaults)."""
    props = run.find(_RPR)
    if props is None and not under:
        return False, False
    word = other = False
    for tag in tags:
        shown = styles.toggled(props, tag, under)
        word, other = word or shown[0], other or shown[1]
    return word, other


def _disputed(text: str, word: bool, on: str, off: str) -> str:
    """「「90%」（Word 中隐藏，LibreOffice 中显示）」: a run Word and LibreOffice show differently."""
    return f"「{text.strip()[:20]}」（Word 中{on if word else off}，LibreOffice 中{off if word else on}）"


def struck_runs(p, styles: RunStyles = NO_STYLES, table: str = "",  # type: ignore[no-untyped-def]
                parts: tuple[str, ...] = ()) -> list[str]:
    """The texts (「90%」) of the paragraph's shown runs that are struck through (single or double
    line), directly or by a style: Word draws the line either way; and those Word and LibreOffice
    strike differently (`RunStyles.toggled`), said so."""
    out: list[str] = []
    under = styles.under(p, table, parts)

    def walk(element) -> None:  # type: ignore[no-untyped-def]
        for child in element:
            if child.tag == _R:
                if _vanished(child, styles, under)[0]:
                    continue
                word, other = _flag(child, _STRIKES, styles, under)
                if (word or other) and (text := "".join(t.text or "" for t in child.iter(_T))).strip():
                    out.append(f"「{text.strip()[:20]}」" if word == other else _disputed(text, word, "有删除线", "没有删除线"))
            elif child.tag not in _NOT_SHOWN:
                walk(child)

    walk(p)
    return out


class _Budget:
    """Counts what the walk has read and stops it, with a message, beyond the caps."""

    def __init__(self) -> None:
        self.paragraphs = 0
        self.text = 0

    def spend(self, element) -> None:  # type: ignore[no-untyped-def]
        self.paragraphs += 1 if element.tag == _P else sum(1 for _ in element.iter(_TR))
        self.text += sum(len(t.text or "") for t in element.iter(_T))
        if self.paragraphs > MAX_PARAGRAPHS or self.text > MAX_TEXT:
            raise Refused(f"Word 文档过长（超过 {MAX_PARAGRAPHS} 段/表格行或 {MAX_TEXT} 字），不像一份自评报告，"
                                "拒绝读取：请把各项目的报告拆成单独的文件后再导入")


_BLOCKS = (qn("w:p"), qn("w:tbl"))
_ALT_CHUNK = qn("w:altChunk")
_MHT = "message/rfc822"
_WEB_CHUNKS = frozenset({"text/html", "application/xhtml+xml", _MHT})
"""The content types of an altChunk that is a web page (`_Blocks.chunk`), or a 「单个文件网页」 of one (.mht)."""
_WRAPPERS = {qn("w:sdt"): qn("w:sdtContent"), qn("w:customXml"): None,
             "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent": None}
"""Elements that wrap a document's paragraphs, tables, rows or cells without being one: a content
control (its content), custom XML, and mc:AlternateContent (whose mc:Choice is read, never its
mc:Fallback copy). Word shows what they hold where they stand; a reader looking only for ``w:tr``
dropped the rows of a repeating-section control (two of three indicators, no word said), and one
looking only for ``w:tc`` moved every cell after a wrapped one a column to the left."""
_CHOICE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Choice"
_BOX = qn("w:txbxContent")
_STRIKES = (qn("w:strike"), qn("w:dstrike"))


def _content(parent, tags: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """The children of `parent` with one of `tags`, as Word shows them: looking inside `_WRAPPERS`."""
    for child in parent.iterchildren():
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            inner = _WRAPPERS[child.tag]
            if inner is not None:
                content = child.find(inner)
                if content is not None:
                    yield from _content(content, tags)
            elif child.tag.endswith("AlternateContent"):
                choice = child.find(_CHOICE)
                if choice is not None:
                    yield from _content(choice, tags)
            else:
                yield from _content(child, tags)


def _boxes(element):  # type: ignore[no-untyped-def]
    """The text boxes drawn in `element` (a paragraph), each once: not inside mc:Fallback, which
    repeats a box for older readers, nor inside another box (read with it)."""
    if next(element.iter(_BOX), None) is None:
        return  # most paragraphs: lxml's search is quicker than the walk below
    for child in element.iterchildren():
        if child.tag == _BOX:
            yield child
        elif child.tag != _FALLBACK and isinstance(child.tag, str):
            yield from _boxes(child)


_ANCHOR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}anchor"
_VML = "urn:schemas-microsoft-com:vml"
_ABSOLUTE = re.compile(r"position\s*:\s*absolute", re.IGNORECASE)


def _floating(box, paragraph) -> bool:  # type: ignore[no-untyped-def]
    """Whether text box `box` (a ``w:txbxContent`` in `paragraph`) floats: a DrawingML shape anchored
    (``wp:anchor``, not ``wp:inline``) or a VML shape positioned absolutely. Word lays it out by its
    offsets, not in the line of text: in a table cell it is printed over the cell's own text or beside it."""
    for above in box.iterancestors():
        if above is paragraph:
            return False
        if above.tag == _ANCHOR or (str(above.tag).startswith(f"{{{_VML}}}") and _ABSOLUTE.search(above.get("style", ""))):
            return True
    return False


_PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}pic"
_A_MAIN = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_PICT = qn("w:pict")
_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def _laid_out(doc, body: list):  # type: ignore[no-untyped-def, type-arg]
    """(the page, the body's paragraphs' `Span` and tables' cells by id) as `docx_layout.lay_out` places them."""
    from perfsite.importing import docx_layout as layout

    page = layout.page_of(doc.element.body)
    return page, *layout.lay_out(body, page, _content, _defaults(doc))


def _defaults(doc):  # type: ignore[no-untyped-def]
    """The document's `docx_layout.Defaults` (Word's own where it has no styles part)."""
    from perfsite.importing import docx_layout as layout

    try:
        return layout.defaults_of(doc.styles.element)
    except (KeyError, ValueError, AttributeError):
        return layout.Defaults()


def _moved_boxes(laid: tuple, reader: _Blocks, doc) -> None:  # type: ignore[no-untyped-def, type-arg]
    """Floating text boxes anchored in a table cell whose offsets print them over another cell of
    the table (a 「30」 anchored in the empty E3 and moved down onto E4's 「26」): the cell read
    (`_table_grid`) took the box for its own, as its text or over its text. Where the box surely
    covers other cells' middles and not its own cell's (`docx_layout.covered`: across by the
    table's grid, exactly; down by the rows' stated heights, or estimated with their doubt), it is
    taken off its own cell and judged over those: over text it refuses the document as a box over
    a cell's own text does, over an empty cell it is named and not read (as a box anchored in the
    body over an empty cell). A box in a later paragraph of the cell is placed from that
    paragraph's top (`docx_layout.paragraph_in_cell`: under the paragraphs before it, their
    estimated heights adding their doubt); one box a cell, in a document of no tracked changes
    (whose rows the layout numbers as the grid does); any other stays as `_table_grid` took it. A
    VML box (``position:absolute``) is placed by its style alike (`docx_layout.vml_placed`), the
    cell its column."""
    from perfsite.importing import docx_layout as layout

    page, _, tables = laid
    defaults = _defaults(doc)
    for tbl, grid in reader.tables_read:
        cells = tables.get(id(tbl))
        if not cells or len(grid.rows) != len({cell.row for cell in cells}):
            continue
        at = {(cell.row, cell.column): cell for cell in cells}
        for r, _, row in layout.rows_of(tbl, _content):
            for c, _, tc in row:
                paragraphs = list(_content(tc, (_P,)))
                anchors = [a for a in tc.iter(_ANCHOR, *_VML_SHAPES) if next(a.iter(_BOX), None) is not None
                           and (a.tag == _ANCHOR or _ABSOLUTE.search(a.get("style", "")))
                           and not any(above.tag in (_FALLBACK, _BOX) or str(above.tag).endswith("}group")
                                       for above in a.iterancestors())
                           and next(a.iterancestors(_TC), None) is tc]
                own = at.get((r, c))
                if len(anchors) != 1 or own is None:
                    continue
                anchor = anchors[0]
                holding = next((k for k, paragraph in enumerate(paragraphs) if anchor in paragraph.iter()), None)
                if holding is None:
                    continue
                span = layout.paragraph_in_cell(own, paragraphs, holding, defaults)
                column = (own.left + layout.CELL_MARGIN, own.right - own.left - 2 * layout.CELL_MARGIN) \
                    if anchor.get("layoutInCell", "1") in ("1", "true") else None
                box = layout.placed(anchor, span, page, column) if anchor.tag == _ANCHOR else \
                    layout.vml_placed(anchor, span, page, column)
                if box is None:
                    continue
                surely, perhaps = layout.covered(box, cells)
                if not surely or any((x.row, x.column) == (r, c) for x in [*surely, *perhaps]):
                    continue
                text = flat(" ".join(clean(paragraph_text(p)) for p in anchor.iter(_P)).strip())
                _move_box(grid, r, c, text, [(x.row, x.column) for x in surely], reader)


def _move_box(grid: Grid, r: int, c: int, text: str, over: list[tuple[int, int]], reader: _Blocks) -> None:
    """Take box `text` off cell (r, c), where `_table_grid` read it, and judge it over the cells `over`."""
    here = f"{grid.label}{_ref(r, c)}「"
    reader.floated[:] = [said for said in reader.floated if not said.startswith(here)]
    if grid.rows[r][c].text == text:  # an empty cell that took the box's text: empty, and its note gone
        grid.notes[:] = [n for n in grid.notes if not (n.startswith(here) and "是浮在格子上的文本框中的文字" in n)]
        for k in range(c, len(grid.rows[r])):
            if k > c and grid.rows[r][k].merged != LEFT:
                break
            grid.rows[r][k] = replace(grid.rows[r][k], text="")
    for x, y in over:
        shown = grid.rows[x][y].text
        if shown.strip():
            reader.floated.append(f"{grid.label}{_ref(x, y)}「{flat(shown)[:20]}」上的文本框「{text[:20]}」"
                                  f"（锚定在{_ref(r, c)}，按位置印在这一格上）")
        else:
            grid.notes.append(f"{grid.label}{_ref(r, c)}中的文本框「{text[:20]}」按位置印在{grid.label}{_ref(x, y)}（空白）上，"
                              "没有读进表格：请对照原件核对它印在哪一格，把内容填进那一格后再导入")


def _floating_tables(laid: tuple, reader: _Blocks) -> None:  # type: ignore[type-arg]
    """Floating tables (``w:tblpPr``) placed over one another (`docx_layout.float_place`; Word lays
    text and the tables in it out around a floating table, but lets two floating tables overlap
    unless either says ``w:tblOverlap never``): a cell with text printed over another table's cell
    with text refuses the document, the form printing both figures one over the other (a table of
    「30」 placed over the 得分 「26」); over an empty cell, or perhaps over one (within the doubt of
    estimated row heights), it is named in a note on the table under it."""
    from perfsite.importing import docx_layout as layout

    _, _, tables = laid
    floats = [(grid, cells) for tbl, grid in reader.tables_read
              if layout.floating_table(tbl) == "overlap" and (cells := tables.get(id(tbl)))]
    refused: list[str] = []
    for k, (upper, upper_cells) in enumerate(floats):
        for lower, lower_cells in floats[:k]:
            for cell in upper_cells:
                text = upper.rows[cell.row][cell.column].text if cell.row < len(upper.rows) else ""
                if not text.strip() or upper.rows[cell.row][cell.column].merged != OWN:
                    continue
                for under in lower_cells:
                    if not (how := layout.overprinted(cell, under)) or under.row >= len(lower.rows):
                        continue
                    shown = lower.rows[under.row][under.column].text
                    said = (f"{upper.label}{_ref(cell.row, cell.column)}「{flat(text)[:20]}」（浮动的表格）按位置印在"
                            f"{lower.label}{_ref(under.row, under.column)}")
                    if how == "surely" and shown.strip():
                        refused.append(f"{said}「{flat(shown)[:20]}」上")
                    elif how == "surely":
                        lower.notes.append(f"{said}（空白）上：请对照原件核对它印在哪一格")
                    else:
                        lower.notes.append(f"{said}{f'「{flat(shown)[:20]}」' if shown.strip() else '（空白）'}上"
                                           "（位置按估算的行高推算，不能确定）：请对照原件核对")
    if refused:
        more = f"等 {len(refused)} 处" if len(refused) > 5 else ""
        raise ImportFailure(f"{'、'.join(refused[:5])}{more}：这些表格设了「文字环绕：环绕」并定位到另一张表格上，打印时两张表格的文字"
                            "叠在一起，表上显示的是哪一个无法照原样判断：请在 Word 中把表格的文字环绕改为「无」"
                            "（或把内容移进原来的表格）、保存后再导入")


def _over_tables(doc, laid: tuple, reader: _Blocks) -> None:  # type: ignore[no-untyped-def, type-arg]
    """Text boxes and pictures anchored in the body's paragraphs (`_Blocks.anchored`) in front of the
    text (「浮于文字上方」, ``wp:wrapNone``), placed over a table's cells (`docx_layout`). A box over
    cells with text goes to `reader.floated` (the form prints both, one over the other), a picture
    with no transparent part over a figure (`FIGURE`) to `reader.pictured`: both refuse the
    document. A box only over empty cells, a picture over words (a seal over the 填报单位) or with a
    transparent ground, and anything that perhaps covers cells (within the doubt of the estimated
    heights) are named in a note on the table. Objects wrapped around by the text (四周型 and the
    like) are not looked at: Word lays the text out around them. VML shapes positioned absolutely
    (Word before 2010, and documents in compatibility mode) are placed by their style alike."""
    from perfsite.importing import docx_layout as layout
    from perfsite.importing.xlsx_reader import opaque_image

    page, spans, tables = laid
    grid_of = {id(element): grid for element, grid in reader.tables_read}
    for paragraph, number in reader.anchored:
        span = spans.get(id(paragraph))
        if span is None:
            continue
        for box, drawn, image, front in _floating_drawings(paragraph, span, page):
            text = flat(" ".join(clean(paragraph_text(p)) for found in drawn.iter(_BOX) for p in found.iter(_P)).strip())
            kind = "图片" if image is not None else "填充图形"
            if text:
                opaque = False
            elif image is not None:
                try:
                    opaque = opaque_image(doc.part.related_parts[image].blob)
                except (KeyError, AttributeError):
                    opaque = False
            elif not (opaque := _filled(drawn)):
                continue  # a line, an outline, a see-through shape: nothing under it is hidden
            for table, cells in tables.items():
                if (grid := grid_of.get(table)) is not None:
                    _over_table(grid, layout.covered(box, cells), reader, f"正文第{number}段", text, opaque and front, kind)


_WPS_SHAPE = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"


def _filled(drawn) -> bool:  # type: ignore[no-untyped-def]
    """Whether a drawing of no text and no picture hides what is under it: a DrawingML shape
    (``wps:wsp``) filled as `opaque_shape` tells; a VML shape filled (its default, white, unless
    ``filled="f"``) with no transparency (``v:fill opacity`` under 1) and not a line."""
    from perfsite.importing.xlsx_reader import opaque_shape

    if drawn.tag in (_ANCHOR, f"{_WPS_SHAPE}wsp"):
        shape = drawn if drawn.tag != _ANCHOR else next(drawn.iter(f"{_WPS_SHAPE}wsp"), None)
        return shape is not None and opaque_shape(shape.find(f"{_WPS_SHAPE}spPr"), shape.find(f"{_WPS_SHAPE}style/{_A_MAIN}fillRef"))
    if drawn.tag == _PIC:
        return False
    if drawn.get("filled", "t").lower() in ("f", "false"):
        return False
    fill = drawn.find(f"{{{_VML}}}fill")
    opacity = (fill.get("opacity", "1") if fill is not None else "1").strip()
    try:
        seen = float(opacity[:-1]) / 65536 if opacity.endswith("f") else float(opacity)
    except ValueError:
        seen = 1.0
    return seen >= 1.0


_VML_SHAPES = tuple(f"{{{_VML}}}{tag}" for tag in ("shape", "rect", "roundrect", "oval"))
_VML_GROUP = f"{{{_VML}}}group"
_IMAGEDATA = f"{{{_VML}}}imagedata"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_W10_WRAP = "{urn:schemas-microsoft-com:office:word}wrap"


def _floating_drawings(paragraph, span, page):  # type: ignore[no-untyped-def]
    """The drawings floating in front of or behind the text of `paragraph` (laid out at `span`), each
    as (where it prints, its element, the relationship id of its picture or None, whether it is in
    front of the text): DrawingML anchors with no text wrapping round them (``wp:wrapNone``), and
    VML shapes positioned absolutely with none (no ``w10:wrap`` type, or ``none``; behind the text
    with a negative ``z-index``). Not a ``mc:Fallback`` copy, not hidden, nor inside a text box."""
    from perfsite.importing import docx_layout as layout

    for anchor in paragraph.iter(_ANCHOR, _VML_GROUP, *_VML_SHAPES):
        if any(above.tag in (_FALLBACK, _BOX) or str(above.tag).endswith("}group") for above in anchor.iterancestors()):
            continue
        if anchor.tag == _VML_GROUP:
            style = anchor.get("style", "")
            wrap = anchor.find(_W10_WRAP)
            if (wrap is not None and wrap.get("type", "none") != "none") or "visibility:hidden" in style.replace(" ", ""):
                continue
            if (box := layout.vml_placed(anchor, span, page)) is not None:
                front = not re.search(r"z-index\s*:\s*-", style)
                for member_box, member in _vml_members(anchor, box):
                    data = member.find(_IMAGEDATA)
                    yield member_box, member, data.get(_R_ID) if data is not None else None, front
            continue
        if anchor.tag == _ANCHOR:
            props = anchor.find(f"{_WP}docPr")
            if anchor.find(f"{_WP}wrapNone") is None or (props is not None and props.get("hidden") in ("1", "true")):
                continue
            box = layout.placed(anchor, span, page)
            front = anchor.get("behindDoc") not in ("1", "true")
            group = next(anchor.iter(f"{_WPG}wgp"), None)
            if group is not None and box is not None:
                for member_box, member in _members(group, box):
                    yield member_box, member, _image_of(member), front
                continue
            image = _image_of(anchor)
        else:
            wrap = anchor.find(_W10_WRAP)
            style = anchor.get("style", "")
            if (wrap is not None and wrap.get("type", "none") != "none") or "visibility:hidden" in style.replace(" ", ""):
                continue
            box = layout.vml_placed(anchor, span, page)
            data = anchor.find(_IMAGEDATA)
            image = data.get(_R_ID) if data is not None else None
            front = not re.search(r"z-index\s*:\s*-", style)
        if box is not None:
            yield box, anchor, image, front


_WPG = "{http://schemas.microsoft.com/office/word/2010/wordprocessingGroup}"
_XFRM = f"{_A_MAIN}xfrm"


def _image_of(drawn) -> str | None:  # type: ignore[no-untyped-def]
    """The relationship id of the picture `drawn` shows, None for none."""
    picture = drawn if drawn.tag == _PIC else next(drawn.iter(_PIC), None)
    blip = next(picture.iter(_BLIP), None) if picture is not None else None
    return blip.get(_EMBED) if blip is not None else None


def _members(group, box):  # type: ignore[no-untyped-def]
    """The shapes and pictures of a group (``wpg:wgp``, or a ``wpg:grpSp`` in it) that prints at
    `box`, each where it prints: its ``a:xfrm`` offset and size are in the group's child space
    (``a:chOff``, ``a:chExt``), which the group stretches over its box. A member of no readable
    place is taken as the whole group, as the group was."""
    from perfsite.importing import docx_layout as layout

    frame = group.find(f"{_WPG}grpSpPr/{_XFRM}")

    def number(at, tag: str, key: str) -> float | None:  # type: ignore[no-untyped-def]
        found = at.find(f"{_A_MAIN}{tag}") if at is not None else None
        try:
            return layout.finite(found.get(key)) if found is not None else None
        except (TypeError, ValueError):
            return None

    left, top = number(frame, "chOff", "x"), number(frame, "chOff", "y")
    wide, high = number(frame, "chExt", "cx"), number(frame, "chExt", "cy")
    for member in group:
        kind = member.tag
        if kind not in (f"{_WPS_SHAPE}wsp", _PIC, f"{_WPG}grpSp"):
            continue
        props = member.find(f"{_WPG}grpSpPr" if kind == f"{_WPG}grpSp" else f"{_WPS_SHAPE}spPr" if kind != _PIC else
                            "{http://schemas.openxmlformats.org/drawingml/2006/picture}spPr")
        own = props.find(_XFRM) if props is not None else None
        x, y, cx, cy = number(own, "off", "x"), number(own, "off", "y"), number(own, "ext", "cx"), number(own, "ext", "cy")
        if None in (left, top, wide, high, x, y, cx, cy) or not wide or not high:
            placed = box
        else:
            across, down = (box.right - box.left) / wide, (box.bottom - box.top) / high
            placed = replace(box, left=box.left + (x - left) * across, top=box.top + (y - top) * down,  # type: ignore[operator]
                             right=box.left + (x - left + cx) * across, bottom=box.top + (y - top + cy) * down)  # type: ignore[operator]
        if kind == f"{_WPG}grpSp":
            yield from _members(member, placed)
        else:
            yield placed, member


def _vml_members(group, box):  # type: ignore[no-untyped-def]
    """The shapes of a VML group (``v:group``, as Word before 2010 and documents in compatibility
    mode write 「组合」) that prints at `box`, each where it prints: a member's style gives its
    ``left``, ``top``, ``width`` and ``height`` in the group's own units (``coordsize``, from
    ``coordorigin``; 1000 × 1000 from 0, 0 where it says none), which the group stretches over its
    box; a group in it is placed alike and its members in turn. A member of no readable place, or a
    hidden one, is passed over."""
    from dataclasses import replace

    def pair(name: str, default: tuple[float, float]) -> tuple[float, float]:
        parts = (group.get(name) or "").replace(" ", "").split(",")
        try:
            return (float(parts[0]) if parts[0] else default[0], float(parts[1]) if len(parts) > 1 and parts[1] else default[1])
        except ValueError:
            return default

    (x0, y0), (wide, high) = pair("coordorigin", (0.0, 0.0)), pair("coordsize", (1000.0, 1000.0))
    if not (math.isfinite(x0 + y0 + wide + high) and wide and high):
        return
    across, down = (box.right - box.left) / wide, (box.bottom - box.top) / high
    for member in group:
        if member.tag not in (*_VML_SHAPES, _VML_GROUP):
            continue
        style = {k.strip().lower(): v.strip() for k, _, v in (part.partition(":") for part in member.get("style", "").split(";"))
                 if k.strip()}
        if style.get("visibility", "").lower() == "hidden":
            continue
        try:
            x, y, cx, cy = (float(style.get(key, "")) for key in ("left", "top", "width", "height"))
        except ValueError:
            continue
        if not math.isfinite(x + y + cx + cy):
            continue
        placed = replace(box, left=box.left + (x - x0) * across, top=box.top + (y - y0) * down,
                         right=box.left + (x - x0 + cx) * across, bottom=box.top + (y - y0 + cy) * down)
        if member.tag == _VML_GROUP:
            yield from _vml_members(member, placed)
        else:
            yield placed, member


def _pictures_in_cells(reader: _Blocks) -> None:
    """Name the table cells that hold a picture (``pic:pic``, in the line of the cell's text or
    floating in it), in a note on the table: the form prints the picture there, and what it shows
    (a figure pasted as a picture, a signature) is not read; the cell's own text is."""
    from perfsite.importing.docx_layout import rows_of

    for tbl, grid in reader.tables_read:
        if next(tbl.iter(_PIC), None) is None:
            continue
        found = []
        for r, _, cells in rows_of(tbl, _content):
            for c, _, tc in cells:
                if any(not any(a.tag == _FALLBACK for a in pic.iterancestors()) for pic in tc.iter(_PIC)):
                    text = grid.rows[r][c].text if r < len(grid.rows) and c < len(grid.rows[r]) else ""
                    found.append(f"{_ref(r, c)}" + (f"「{flat(text)[:20]}」" if clean(text) else "（格中没有文字）"))
        if found:
            more = f"等 {len(found)} 格" if len(found) > 5 else ""
            grid.notes.append(f"{grid.label}{'、'.join(found[:5])}{more}中有图片：表上印着图片，其中的文字或数字读不出来，"
                              "格中的文字照常导入（没有文字的按空白导入）：请对照原件核对；如果图片中是表上的数字或文字（如得分），"
                              "请把它填进格子、删去图片后再导入")


def _over_table(grid: Grid, covered: tuple[list, list], reader: _Blocks, where: str, text: str,  # type: ignore[type-arg]
                hides: bool, kind: str = "图片") -> None:
    """A floating object anchored at `where` over `grid`'s cells (`docx_layout.covered`: those it
    surely covers, those it perhaps covers): a text box of `text`, else a picture or filled shape
    (`kind`) that `hides` what is under it or not (`_over_tables`)."""
    from perfsite.importing.xlsx_reader import FIGURE

    surely, perhaps = covered

    def shown(cell) -> str:  # type: ignore[no-untyped-def]
        row = grid.rows[cell.row] if cell.row < len(grid.rows) else []
        return row[cell.column].text if cell.column < len(row) else ""

    def named(cell) -> str:  # type: ignore[no-untyped-def]
        return f"{grid.label}{_ref(cell.row, cell.column)}" + (f"「{flat(shown(cell))[:20]}」" if clean(shown(cell)) else "（空白）")

    written = [c for c in surely if clean(shown(c))]
    if text and written:
        reader.floated.append(f"{named(written[0])}上的文本框「{text[:20]}」（锚定在{where}，按位置印在表格上）")
    elif hides and kind != "图片" and written:  # a white box over the old figure: whatever it covers is gone
        reader.pictured.append(f"{named(written[0])}上的{kind}（锚定在{where}）")
    elif hides and (figures := [c for c in written if FIGURE.fullmatch(shown(c).strip())]):
        reader.pictured.append(f"{named(figures[0])}上的图片（锚定在{where}）")
    elif surely or perhaps:
        how = "印在" if surely else "可能印在（位置按估算的行高推算，不能确定）"
        why = ("：打印在这些格子里，但不是格中的内容，没有读进表格：如果它是表上的数字或文字，"
               "请把它移进格子、保存后再导入" if text else
               f"：{kind}与格中的文字印在一起（公章、签名常这样），格中的文字照常导入：请对照原件核对这些格子的内容看得清")
        what = f"文本框「{text[:20]}」" if text else kind
        grid.notes.append(f"{where}的{what}按位置{how}{'、'.join(named(c) for c in (surely or perhaps)[:3])}上{why}")


@dataclass(frozen=True)
class _Marked:
    """Whether the document holds at all what is otherwise looked for in every row, cell and
    paragraph: tracked changes (`REVISIONS`, `_deleted`, `_mark_deleted`) and fields marked out of
    date (`stale_field`). Looked for in every element, they made the walk of a 1,500-paragraph
    document with a 2,700-cell table 21% slower (119 → 144 ms CPU); one search of the body for
    them takes under 1 ms."""

    revised: bool
    dirty: bool
    every: bool = False
    """Whether the document's settings ask Word to update every field on opening (``w:updateFields``,
    which generators set so that Word fills in what they did not): then every field's saved result
    is as out of date as a dirty one's."""
    calculated: bool = True
    """Whether any field's code holds an 「=」 (a calculation field, `calculated_field`, may be among them)."""

    @classmethod
    def of(cls, doc) -> _Marked:  # type: ignore[no-untyped-def]
        body = doc.element.body  # settings that are not XML refused the file when it opened (python-docx parses them)
        every = _on(doc.settings.element.find(qn("w:updateFields")))
        fields = body.iter(_FLDCHAR, _FLDSIMPLE)
        dirty = any(every or _dirty(mark) for mark in fields)
        calculated = any("=" in (t.text or "") for t in body.iter(_INSTRTEXT)) or any(
            "=" in (f.get(_INSTR) or "") for f in body.iter(_FLDSIMPLE))
        return cls(next(body.iter(*REVISIONS), None) is not None, dirty, every, calculated)


class _Blocks:
    """The document's blocks in reading order: a paragraph after the text boxes drawn in it, a table
    followed by the tables nested in its cells and drawn in text boxes, each its own grid (a form
    laid out inside one cell of a frame table read as one cell of all its words)."""

    def __init__(self, doc, styles: dict[str, str], runs: RunStyles,  # type: ignore[no-untyped-def]
                 marked: _Marked | None = None) -> None:
        self.doc, self.styles, self.runs = doc, styles, runs
        self.marked = marked or _Marked(True, True)
        self.blocks: list[Block] = []
        self.scanned, self.before = 0, ""
        """Blocks `_text_before` has looked at, and the last paragraph text among them."""
        self.tables = 0
        self.struck: list[str] = []
        """Table cells holding struck-through text: 「表1第3行第4列「90%」」."""
        self.bound = _Bound.of(doc)
        self.rebound: list[str] = []
        """Content controls whose saved text Word does not show (`_Bound`), where they stood."""
        self.floated: list[str] = []
        """Table cells with text of their own and a floating text box's over it: 「表1第3行第5列「26」上的文本框「30」」."""
        self.stale: list[str] = []
        """Cells and paragraphs showing a field's result the file marks out of date: 「表1第5行第5列「0」中的域（=SUM(ABOVE)）」."""
        self.computed: list[str] = []
        """Cells showing a calculation field's saved result (`calculated_field`): 「表1第6行第5列「90」（=SUM(ABOVE)）」."""
        self.unseen: list[str] = []
        """Text no reader can see, where it stood: 「表1第3行第5列「20」（白色文字在白色底上）」."""
        self.disputed: list[str] = []
        """Hidden text Word and LibreOffice show differently (`RunStyles.toggled`), where it stood."""
        self.paragraphs = 0
        self.joined = _Joined()
        self.body_paragraphs = 0
        """The body's paragraphs so far, not counting those in text boxes: as a reader of the page counts them."""
        self.anchored: list[tuple[Any, int]] = []
        """Body paragraphs with a floating object anchored in them (``wp:anchor``), with their number (`body_paragraphs`)."""
        self.tables_read: list[tuple[Any, Grid]] = []
        """Each table's element and grid (the element kept, so that its id() names it)."""
        self.pictured: list[str] = []
        """Table cells with a figure under a picture anchored in the body that hides it (`_over_tables`)."""
        self.revisions: list[str] = []
        """Cells a tracked change altered and rows deleted under 修订 (`_grid`), where they stood."""
        self.chunks = 0
        """The body's altChunks read (`chunk`)."""
        self.commented: dict[str, str] | None = {} if _has_comments(doc) else None
        """Where each comment (批注) is anchored, by its id: 「表1第4行第4列「≤202.6万元」」, 「第3段「…」」;
        None for a document without comments (no mark is looked for)."""

    def _text_before(self) -> str:
        """The text of the last paragraph with text before a table (`Grid.before`), looking only at the
        blocks added since the table before: searched back from each table, 20,000 one-row tables in a
        190 KB file took 8 CPU s."""
        for block in self.blocks[self.scanned:]:
            if isinstance(block, Para) and block.text:
                self.before = block.text
        self.scanned = len(self.blocks)
        return self.before

    def flush(self) -> None:
        """The paragraphs `joined` waits with, as one, where no paragraph follows them (a table, the end)."""
        if rest := self.joined.rest():
            self.blocks.append(Para(rest))

    def chunk(self, element) -> None:  # type: ignore[no-untyped-def]
        """An altChunk of the body: a web page (HTML) Word merges into the document where it stands
        when it opens it, as systems export their 「Word」 forms. Its paragraphs and tables are read
        there as the page's (`html_reader.page_blocks`), its tables numbered on from the document's,
        the clerk told; a chunk of another kind (RTF, a document, text) is left to `read_docx`'s note."""
        from perfsite.importing.html_reader import decode_page, mime_pages, page_blocks

        rel = self.doc.part.rels.get(element.get(qn("r:id"), ""))
        part = rel.target_part if rel is not None and not rel.is_external else None
        if part is None or part.content_type not in _WEB_CHUNKS:
            return
        self.flush()
        pages, sheets = mime_pages(part.blob) if part.content_type == _MHT else ([(part.blob, "")], {})
        blocks: list[Block] = []
        said = []
        for raw, declared in pages:
            text, guessed = decode_page(raw, declared)
            said += [guessed] if guessed else []
            blocks += page_blocks(text, start=self.tables + sum(isinstance(b, Grid) for b in blocks), sheets=sheets)
        grids = [block for block in blocks if isinstance(block, Grid)]
        guessed = "；".join(said)
        if grids:
            labels = "、".join(grid.label for grid in grids[:3]) + (f"等 {len(grids)} 张表" if len(grids) > 3 else "")
            grids[0].notes.insert(0, f"{labels}取自文档中嵌入的网页内容（altChunk「{part.partname.lstrip('/')}」，"
                                     f"Word 打开时并入正文），已按网页中的表格读取{f'（{guessed}）' if guessed else ''}："
                                     "请对照 Word 中显示的核对导入结果")
        self.blocks += blocks
        self.tables += len(grids)
        self.chunks += 1

    def add(self, element, in_box: bool = False) -> None:  # type: ignore[no-untyped-def]
        if element.tag == _P:
            for box in _boxes(element):  # titles are often typed in a text box
                for inner in _content(box, _BLOCKS):
                    self.add(inner, in_box=True)
            self.paragraphs += 1
            self.body_paragraphs += 0 if in_box else 1
            if not in_box and next(element.iter(_ANCHOR, _PICT), None) is not None:
                self.anchored.append((element, self.body_paragraphs))
            hidden: list[str] = []
            differ: list[str] = []
            text = clean(paragraph_text(element, PAPER, hidden, self.runs, disputed=differ))
            if self.commented is not None:
                self.commented.update((mark.get(_W_ID), f"第{self.paragraphs}段「{text[:20]}」")
                                      for mark in element.iter(_COMMENT_MARK))
            if differ:
                self.disputed += [f"第{self.paragraphs}段{part}" for part in differ]
            self.unseen += [f"第{self.paragraphs}段{part}" for part in hidden]
            if not in_box and self.marked.dirty and (code := stale_field(element, False, self.marked.every)):
                self.stale.append(f"第{self.paragraphs}段「{text[:20]}」中的域（{code[:40]}）")
            if in_box:
                if text:
                    self.blocks.append(Para(text))
            elif (whole := self.joined.add(text, self.marked.revised and _mark_deleted(element))) is not None:
                self.blocks.append(Para(whole, _outline(Paragraph(element, self.doc), self.styles)))
        elif element.tag == _TBL:
            if self.marked.revised and _deleted_table(element):
                return  # gone once the revisions are accepted: no 表N of its own, and paragraphs around it join
            self.flush()
            self.tables += 1
            nested: list = []
            grid = _grid(element, f"表{self.tables}", nested, self.struck, self.unseen, self.runs, self.disputed,
                         self.stale if self.marked.dirty else None, revised=self.marked.revised, every=self.marked.every,
                         floated=self.floated, bound=(self.bound, self.rebound) if self.bound is not None else None,
                         commented=self.commented, revisions=self.revisions if self.marked.revised else None,
                         computed=self.computed if self.marked.calculated else None)
            grid.before = self._text_before()
            self.blocks.append(grid)
            self.tables_read.append((element, grid))
            for table in nested:
                self.add(table, in_box)


_COMMENT_MARK, _W_ID = qn("w:commentReference"), qn("w:id")
"""The mark Word puts at the end of a comment's anchor, every comment has one (a range's start and
end marks are optional), and the id naming the comment in word/comments.xml."""
COMMENTS_LISTED = 20
"""Comments named one by one; more are counted (a reviewer's pass over a report may leave dozens)."""


def _has_comments(doc) -> bool:  # type: ignore[no-untyped-def]
    """Whether the document has a comments part: python-docx's `Document.comments` makes an empty
    one where there is none."""
    return any(rel.reltype == RT.COMMENTS and not rel.is_external for rel in doc.part.rels.values())


def _comment_notes(doc, commented: dict[str, str]) -> list[str]:  # type: ignore[no-untyped-def]
    """One note per comment (批注): where it is anchored, who wrote it and what it says. A reviewer's
    「应为≤202.64万元？」 on a target is a question the unit may not have answered; its text is never
    read into the form (the body's marks are not text), so it is said, for the clerk to confirm."""
    try:
        comments = [(str(c.comment_id), c.author, flat(clean(c.text))) for c in doc.comments]
    except Exception:  # python-docx raises many kinds on a damaged part: the comments are said, not read
        return ["文档中有批注，但批注部分已损坏，无法读取：请在 Word 中打开原件，查看「审阅 → 批注」是否有需要处理的意见"]
    comments = [c for c in comments if c[2]]
    notes = [f"Word 批注：{commented.get(id_, '正文和表格以外（页眉、脚注等）')}上{author or '（未署名）'}的批注「{text[:80]}」："
             "批注不导入、不发布；请确认单位已按批注处理（已改正原件，或批注无需改动）后再发布"
             for id_, author, text in comments[:COMMENTS_LISTED]]
    if len(comments) > COMMENTS_LISTED:
        notes.append(f"Word 批注：另有 {len(comments) - COMMENTS_LISTED} 条批注没有逐条列出：请在 Word 中「审阅 → 批注」逐条核对")
    return notes


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
            names[style.get(qn("w:styleId"), "")] = name.get(_VAL, "")
    return names


def _outline(paragraph: Paragraph, styles: dict[str, str]) -> int | None:
    ppr = paragraph._p.pPr
    if ppr is None:
        return None  # the default paragraph style (正文/Normal) is never a heading
    level = ppr.find(qn("w:outlineLvl"))
    if level is not None and (val := level.get(_VAL, "")).isdigit() and int(val) < 9:
        return int(val) + 1
    style = ppr.find(_PSTYLE)
    match = _HEADING_STYLE.match(styles.get(style.get(_VAL, ""), "") if style is not None else "")
    return int(match[1]) if match else None


def _grid(tbl, label: str, nested: list, struck: list[str], unseen: list[str],  # type: ignore[no-untyped-def]
          styles: RunStyles = NO_STYLES, disputed: list[str] | None = None, stale: list[str] | None = None,
          revised: bool = True, every: bool = False, floated: list[str] | None = None,
          bound: tuple[_Bound, list[str]] | None = None, commented: dict[str, str] | None = None,
          revisions: list[str] | None = None, computed: list[str] | None = None) -> Grid:
    """The table's cells; the tables nested in them are added to `nested`, not to the cell's text,
    the cells whose text a tracked change altered (「表1第16行第8列「98.62」（修订前「85」）」) and the
    rows deleted under 修订 to `revisions`,
    the cells with struck-through text to `struck`, the text no reader can see to `unseen`, hidden
    text Word and LibreOffice show differently to `disputed`, the results of fields marked out of
    date (`stale_field`) to `stale`; `revised`: whether the document holds tracked changes at all
    (else no row, cell or paragraph mark is looked at for one); `every`: `_Marked.every`; the cells
    with text of their own and a floating text box's text over it (`_floating`) to `floated`; the
    content controls whose saved text Word does not show (`_Bound.differing`) to `bound`'s list;
    the cell each comment is anchored in to `commented` (`_Blocks.commented`); the cells showing a
    calculation field's result no mark says is out of date (`calculated_field`) to `computed`.

    A floating box in a cell is printed where its offsets put it, over the cell's text or beside
    it: a 「30」 typed in a box over the 得分 「26」 read as the cell's second line gave 「26 30」.
    Where the cell holds nothing else, the box is its only text and is read as the cell's, with a
    note; where both hold text, which one the form shows is not known from the file."""
    grid = Grid(label, document=True)
    table = styles.table(tbl)
    rows = [tr for tr in _content(tbl, (_TR,)) if not (revised and _deleted(tr, _TRPR))]
    if revisions is not None and revised:
        revisions += [f"{label}删去的一行「{flat(' '.join(filter(None, (_rejected(tc) for tc in _content(tr, (_TC,))))))[:30]}」"
                      for tr in _content(tbl, (_TR,)) if _deleted(tr, _TRPR)]
    conditions = styles.conditional(table) if styles.table_styles else {}
    conditional = _TableLook.of(tbl, len(rows), styles.bands(table)) if conditions else None
    strikes = styles.strikes or any(tag in found for found in conditions.values() for tag in _STRIKES)
    parts: tuple[str, ...] = ()
    ground = _ground(styles.tables.get(table, _NOTHING), PAPER, styles.theme)
    covered: list[str] = []
    for r, tr in enumerate(rows):
        row: list[Cell] = [Cell("", OWN, _ref(r, c))
                           for c in range(min(_columns(tr, _TRPR, "gridBefore", 0, f"{label}第{r + 1}行"), MAX_COLUMNS))]
        for tc in _content(tr, (_TC,)):
            if revised and _deleted(tc, _TCPR):
                continue
            c = len(row)
            if c >= MAX_COLUMNS:
                raise ImportFailure(f"{label}第 {r + 1} 行超过 Word 表格的上限 {MAX_COLUMNS} 列，文件可能已损坏："
                                    "请在 Word 中打开并另存后再导入")
            if conditional is not None:
                parts = conditional.parts(r, c)
                ground = _ground(styles.cell(table, parts), PAPER, styles.theme)
            hidden: list[str] = []
            differ: list[str] = []
            boxed: list[str] = []
            text = "\n".join(_cell_lines(tc, nested, hidden, styles, table, ground, parts, differ, revised,
                                         None if floated is None else boxed))
            if boxed := [line for line in boxed if line]:
                if text and floated is not None:  # never otherwise: boxes are not set apart without `floated`
                    floated.append(f"{label}{_ref(r, c)}「{flat(text)[:20]}」上的文本框「{flat(' '.join(boxed))[:20]}」")
                elif not text:
                    text = "\n".join(boxed)
                    grid.notes.append(f"{label}{_ref(r, c)}「{flat(text)[:20]}」是浮在格子上的文本框中的文字（格子本身是空的），"
                                      "按这一格的内容导入：请对照原件核对它确实印在这一格里")
            below = str(tc.vMerge or "") == "continue" and bool(grid.rows)  # a merge's continuation: Word shows the cell above
            right = not below and _continues_left(tc) and bool(row)
            if below or right:
                # Word shows a merged cell's first cell alone: a prompt repeated in the rest is no blank of its own.
                hidden = [part for part in hidden if not part.endswith(f"（{PLACEHOLDER}）")]
            unseen += [f"{label}{_ref(r, c)}{part}" for part in hidden]
            if revisions is not None and revised and next(tc.iter(*_TEXT_REVISIONS), None) is not None and (
                    before := _rejected(tc)) != flat(clean(text)):
                revisions.append(f"{label}{_ref(r, c)}" + (f"「{flat(text)[:20]}」" if clean(text) else "（现为空白）")
                                 + (f"（修订前「{before[:20]}」）" if before else "（修订前为空白）"))
            if commented is not None:
                commented.update((mark.get(_W_ID), f"{label}{_ref(r, c)}「{flat(text)[:20]}」") for mark in tc.iter(_COMMENT_MARK))
            if differ and disputed is not None:
                disputed += [f"{label}{_ref(r, c)}{part}" for part in differ]
            crossed = [part for p in _content(tc, (_P,)) for part in struck_runs(p, styles, table, parts)] if (
                strikes or next(tc.iter(*_STRIKES), None) is not None) else []
            if crossed:
                struck.append(f"{label}{_ref(r, c)}" + "、".join(crossed))
            if bound is not None and (found := bound[0].differing(tc)):
                bound[1].extend(f"{label}{_ref(r, c)}{part}" for part in found)
            if stale is not None and (code := stale_field(tc, every=every)):
                stale.append(f"{label}{_ref(r, c)}「{text[:20]}」中的域（{code[:40]}）")
            elif computed is not None and (code := calculated_field(tc)):
                computed.append(f"{label}{_ref(r, c)}「{flat(text)[:20]}」（{code[:40]}）")
            merged = OWN
            if below:
                above = grid.cell(len(grid.rows) - 1, c)
                if clean(text) and clean(text) != clean(above.text):
                    covered.append(f"{_ref(r, c)}「{flat(clean(text))[:20]}」")
                text, merged = above.text, ABOVE
            elif right:
                text, merged = row[-1].text, LEFT if row[-1].merged != ABOVE else ABOVE
            row.append(Cell(text, merged, _ref(r, c)))
            for extra in range(1, min(_columns(tc, _TCPR, "gridSpan", 1, f"{label}{_ref(r, c)}"), MAX_COLUMNS - c)):
                row.append(Cell(text, LEFT if merged == OWN else ABOVE, _ref(r, c + extra)))
        after = _columns(tr, _TRPR, "gridAfter", 0, f"{label}第{r + 1}行")
        row.extend(Cell("", OWN, _ref(r, len(row) + i)) for i in range(min(after, MAX_COLUMNS - len(row))))
        grid.rows.append(row)
    if covered:
        grid.notes.append(f"{label}{'、'.join(covered[:5])}{f'等 {len(covered)} 格' if len(covered) > 5 else ''}"
                          "是上面格子的纵向合并（w:vMerge）的延续，格中还保存着文字，但 Word 只显示合并单元格第一格的内容，"
                          "这些文字在表上看不见：按表上显示的导入；如果它是表上应有的内容，请向填报单位核对原件")
    return grid


_TEXT_REVISIONS = (qn("w:ins"), qn("w:del"), qn("w:moveFrom"), qn("w:moveTo"))
_ADDED = (qn("w:ins"), qn("w:moveTo"))
_DELTEXT = qn("w:delText")


def _rejected(tc) -> str:  # type: ignore[no-untyped-def]
    """A cell's text as it was before its tracked changes (each rejected: insertions and moves in left
    out, deletions and moves away kept), its lines joined by spaces: what the clerk is told the cell
    said before, beside what is read (the changes accepted). For the message alone: styles and
    fields are not looked at."""
    lines = ("".join(t.text or "" for t in p.iter(_T, _DELTEXT) if next(t.iterancestors(*_ADDED), None) is None)
             for p in tc.iter(_P))
    return flat(clean(" ".join(line for line in lines if line.strip())))


def _cell_lines(tc, nested: list, unseen: list[str], styles: RunStyles = NO_STYLES,  # type: ignore[no-untyped-def]
                table: str = "", ground: str = PAPER, parts: tuple[str, ...] = (),
                disputed: list[str] | None = None, revised: bool = True,
                floating: list[str] | None = None) -> list[str]:
    """A cell's non-empty lines: each paragraph, then the text boxes drawn in it; nested tables go to
    `nested`, text no reader can see on the cell's shading (its own, else its table style's
    `ground`; `parts`: the style's conditional parts for the cell) to `unseen`, hidden text Word and
    LibreOffice show differently to `disputed`, the text of floating boxes (`_floating`) to
    `floating` where it is given, not to the lines."""
    lines = []
    background = _fill(tc.find(_TCPR), ground, styles)
    joined = _Joined()
    boxed: list[str] = []  # the text boxes' lines, after the (joined) paragraph they stand in
    for block in _content(tc, _BLOCKS):
        if block.tag == _TBL:
            nested.append(block)
            continue
        text = clean(paragraph_text(block, background, unseen, styles, table, parts, disputed))
        for box in _boxes(block):
            texts = [clean(paragraph_text(p, PAPER, unseen, styles, disputed=disputed)) for p in box.iter(_P)]
            (floating if floating is not None and _floating(box, block) else boxed).extend(texts)
        if (whole := joined.add(text, revised and _mark_deleted(block))) is not None:
            lines += [whole, *boxed]
            boxed.clear()
    return [line for line in [*lines, joined.rest(), *boxed] if line]


class _Joined:
    """Paragraphs whose mark is deleted under 修订 (`_mark_deleted`) and the paragraph after them,
    as the one paragraph they are once the revision is accepted: a 得分 「29」 revised by deleting
    the break in 「2」¶「9」 is 「29」, not two lines. For the body's paragraphs and a cell's lines alike."""

    def __init__(self) -> None:
        self.waiting = ""

    def add(self, text: str, deleted: bool) -> str | None:
        """The paragraph's text joined to those waiting, or None while its mark is deleted (it waits)."""
        if deleted:
            self.waiting += text
            return None
        whole, self.waiting = self.waiting + text, ""
        return whole

    def rest(self) -> str:
        """What waits where no paragraph follows (a table, the end), and no more."""
        rest, self.waiting = self.waiting, ""
        return rest


_MARK_DELETED = (qn("w:del"), qn("w:moveFrom"))


def _mark_deleted(p) -> bool:  # type: ignore[no-untyped-def]
    """Whether paragraph `p`'s mark (its end) is deleted under 修订 (``w:pPr/w:rPr/w:del``): accepted,
    it and the next paragraph are one. A 得分 「29」 revised by deleting the break in 「2」¶「9」 read
    「2 9」, no number."""
    props = p.find(_PPR)
    mark = props.find(_RPR) if props is not None else None
    return mark is not None and any(mark.find(tag) is not None for tag in _MARK_DELETED)


_LOOK_BITS = {"firstRow": 0x20, "lastRow": 0x40, "firstColumn": 0x80, "lastColumn": 0x100, "noHBand": 0x200,
              "noVBand": 0x400}
"""``w:tblLook``'s switches as Word 2010 writes them (attributes) and as bits of Word 2007's ``w:val``."""
WORD_LOOK = 0x04A0
"""The switches of a table that sets none: Word's own (header row, first column, banded rows)."""


@dataclass(frozen=True)
class _TableLook:
    """Which of its style's conditional parts a table applies (``w:tblLook``: 「表格样式选项」's
    标题行, 汇总行, 第一列, 最后一列, 镶边行, 镶边列), and its size: Word colours a cell by the parts
    that fall on it (its header row white on blue, say). ``w:cnfStyle`` on the rows and cells is
    the same choice written down when the file was saved; Word works it out again on opening."""

    switches: int
    rows: int
    columns: int
    bands: tuple[int, int] = (1, 1)
    """Rows and columns in each band (``w:tblStyleRowBandSize``, ``w:tblStyleColBandSize``): with 2,
    rows 1–2 are the first band, 3–4 the second."""

    @classmethod
    def of(cls, tbl, rows: int, bands: tuple[int, int] = (1, 1)) -> _TableLook:  # type: ignore[no-untyped-def]
        """The table's switches and size; `bands`: its style's band sizes, the table's own over them."""
        props = tbl.find(_TBLPR)
        look = props.find(qn("w:tblLook")) if props is not None else None
        grid = tbl.find(qn("w:tblGrid"))
        columns = len(grid) if grid is not None else 0
        bands = _band_sizes(props, bands)
        if look is None:
            return cls(WORD_LOOK, rows, columns, bands)
        value = look.get(_VAL, "")
        switches = int(value, 16) if re.fullmatch(r"[0-9A-Fa-f]{1,4}", value) else 0
        for name, bit in _LOOK_BITS.items():
            if (said := look.get(qn(f"w:{name}"))) is not None:
                switches = switches | bit if said in ("1", "true", "on") else switches & ~bit
        return cls(switches, rows, columns, bands)

    def parts(self, r: int, c: int) -> tuple[str, ...]:
        """The conditional parts (`_CONDITIONS`, in their order) that fall on row `r`, column `c`."""
        on = {name for name, bit in _LOOK_BITS.items() if self.switches & bit}
        first, last = r == 0 and "firstRow" in on, r == self.rows - 1 and "lastRow" in on
        left, right = c == 0 and "firstColumn" in on, c == self.columns - 1 and "lastColumn" in on
        band_row, band_column = r - ("firstRow" in on), c - ("firstColumn" in on)
        band_row, band_column = band_row // self.bands[0] if band_row >= 0 else -1, (
            band_column // self.bands[1] if band_column >= 0 else -1)
        found = {"band1Vert": "noVBand" not in on and band_column >= 0 and band_column % 2 == 0,
                 "band2Vert": "noVBand" not in on and band_column >= 0 and band_column % 2 == 1,
                 "band1Horz": "noHBand" not in on and band_row >= 0 and band_row % 2 == 0,
                 "band2Horz": "noHBand" not in on and band_row >= 0 and band_row % 2 == 1,
                 "firstCol": left, "lastCol": right, "firstRow": first, "lastRow": last,
                 "nwCell": first and left, "neCell": first and right, "swCell": last and left, "seCell": last and right}
        return tuple(part for part in _CONDITIONS if found[part])


_TRPR, _CELL_DELETED = qn("w:trPr"), (qn("w:del"), qn("w:cellDel"))


def _deleted(element, props_tag: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether a table row (``w:trPr/w:del``) or cell (``w:tcPr/w:cellDel``) is deleted under 修订:
    gone once the revisions are accepted, as the rest of the document is read. A deleted cell read
    as a cell moved the row's later cells a column to the right: 目标值 read 「旧值」, the 得分 lost."""
    props = element.find(props_tag)
    return props is not None and any(props.find(tag) is not None for tag in _CELL_DELETED)


def _deleted_table(tbl) -> bool:  # type: ignore[no-untyped-def]
    """Whether every row of a table is deleted under 修订: Word, the revisions accepted as the
    document is read, shows no table there. Counted, every later table's 「表N」 in a message was
    one more than the table the clerk sees."""
    rows = list(_content(tbl, (_TR,)))
    return bool(rows) and all(_deleted(tr, _TRPR) for tr in rows)


_BAND_SIZES = (qn("w:tblStyleRowBandSize"), qn("w:tblStyleColBandSize"))


def _band_sizes(props, under: tuple[int, int]) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """The band sizes a ``w:tblPr`` sets (a table's or a table style's), `under` where it sets none."""
    if props is None:
        return under
    sizes = []
    for tag, size in zip(_BAND_SIZES, under, strict=True):
        said = props.find(tag)
        value = said.get(_VAL, "") if said is not None else ""
        sizes.append(int(value) if value.isdigit() and int(value) > 0 else size)
    return sizes[0], sizes[1]


def _columns(element, props: str, tag: str, default: int, where: str) -> int:  # type: ignore[no-untyped-def]
    """The grid columns a row's ``w:gridBefore``/``w:gridAfter`` or a cell's ``w:gridSpan`` (in
    `element`'s `props`) gives: the schema's whole number, `default` where there is none. Any other
    value (「1e400」, 「2.5」, empty: a generator's fault, never Word's) places every cell after it
    where no one can say, so the file is refused, naming `where`; a count past the table's room is
    refused by the caller (`MAX_COLUMNS`), one below zero places nothing, as Word reads it."""
    found = element.find(props)
    found = found.find(qn(f"w:{tag}")) if found is not None else None
    if found is None:
        return default
    value = found.get(_VAL, "").strip()
    if not re.fullmatch(r"[+-]?\d+", value):
        raise ImportFailure(f"{where}的 w:{tag}（跨过的列数）是「{value[:20]}」，不是一个整数，这一行的格子排在哪一列无法判断，"
                            "文件可能已损坏：请在 Word 中打开并另存后再导入")
    return int(value) if len(value) < 10 else -1 if value.startswith("-") else 10**9  # int() of 5000 digits raises


def _continues_left(tc) -> bool:  # type: ignore[no-untyped-def]
    """A cell merged with the one on its left the old way (``w:hMerge`` without ``restart``, as Word
    2003 and some converters write it, where Word now writes ``w:gridSpan``): Word shows one cell."""
    props = tc.find(_TCPR)
    merge = props.find(qn("w:hMerge")) if props is not None else None
    return merge is not None and merge.get(_VAL, "continue") != "restart"


def _ref(r: int, c: int) -> str:
    return f"第{r + 1}行第{c + 1}列"
