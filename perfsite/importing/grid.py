"""A table as both readers see it: rows of cells that know whether they continue a merge.

Word repeats a merged cell's text across its span, Excel leaves all but the first cell empty;
both become the same `Grid`, so one recogniser (`tables`) serves both file kinds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

OWN, LEFT, ABOVE = "", "left", "above"
"""A cell holds its own text, or continues a merge from the left or from above."""

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’、，。；：！？（）《》【】]")


@dataclass(frozen=True)
class Cell:
    text: str
    merged: str = OWN
    """OWN, LEFT or ABOVE: a continued cell shows the text of the cell it continues."""
    ref: str = ""
    """Where a clerk finds it: ``B7`` in Excel, ``第3行第2列`` in Word."""
    covered: str = ""
    """The cell's whole text where a picture drawn over it hides part of it (a PDF's seal over
    「实际完成情况」 leaves `text` 「实际成情」): what is left is no label and no section text."""

    @property
    def own(self) -> str:
        """The text only if this cell is not a merge continuation."""
        return self.text if self.merged == OWN else ""


@dataclass
class Grid:
    """One Word table or one Excel sheet."""

    label: str
    """「表3」 or 「工作表 绩效指标」, for messages."""
    rows: list[list[Cell]] = field(default_factory=list)
    before: str = ""
    """The nearest heading or paragraph above a Word table (its caption)."""
    notes: list[str] = field(default_factory=list)
    """What the reader could not show (a formula with no saved result)."""
    document: bool = False
    """A table of a Word or PDF document: tables follow one another in the text, so one may go on
    with the last (a table broken at a page break). An Excel sheet stands alone."""
    paras_before: int = 0
    """How many of the document's paragraphs come before this table: where its text stands."""
    doubtful: dict[str, str] = field(default_factory=dict)
    """Cells read as the file saved them though the form may show another figure there → what is said
    of each (「H14 是公式（=MAX(G14,0)），保存的结果是「0」」), by reference: a recalculated workbook's
    formula not calculated here. Where a table publishes one as a value the file is refused
    (`tables.scan`); elsewhere (a 序号, a check beside the form) it is read, and named in a note."""

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def cell(self, r: int, c: int) -> Cell:
        row = self.rows[r]
        return row[c] if c < len(row) else Cell("", OWN, "")


_REF_ROW = re.compile(r"^(?:[A-Z]{1,3}|第)(\d+)")
"""The row a cell's reference names: 12 of 「E12」 (a sheet), 3 of 「第3行第2列」 (a Word, PDF or CSV table)."""


def row_number(grid: Grid, r: int) -> int:
    """The number a clerk finds the grid's row `r` under: a sheet's own row number (the rows the
    grid leaves out, hidden ones, or puts in, the page header's lines, not counted), a table's row;
    its place in the grid where no cell of it names one (a page header's line)."""
    for cell in grid.rows[r]:
        if found := _REF_ROW.match(cell.ref):
            return int(found[1])
    return r + 1


def clean(text: str) -> str:
    """Text as published, less word-processor artefacts and odd spaces."""
    text = _BOOKMARK.sub("", text).replace("\u00a0", " ").replace("\u200b", "").replace("\r\n", "\n")
    return text.replace("\r", "\n").strip()


_GLUED_AFTER = "≥≤＞＜><=±"
_GLUED_BEFORE = "%％‰"


def join_lines(lines: list[str]) -> str:
    """Join a cell's lines: a break inside a Chinese cell is wrapping, so no space is added; nor
    between a figure and its sign (a Word cell 「95↵%」 is 95%, never 「95 %」; 「≥↵90%」 is ≥90%)."""
    out = ""
    for line in (clean(x) for x in lines):
        if not line:
            continue
        if out and not (_CJK.match(out[-1]) or _CJK.match(line[0]) or out[-1] in _GLUED_AFTER
                        or line[0] in _GLUED_BEFORE):
            out += " "
        out += line
    return out


def flat(text: str) -> str:
    """A cell's text on one line (labels, figures, rule texts): its line breaks are wrapping."""
    return join_lines(text.split("\n")) if "\n" in text else text


_WRAP_SPACE = re.compile(r"(?<=[\u3400-\u9fff（）、])\s+(?=[\u3400-\u9fff（）、])")


def label(text: str) -> str:
    """An indicator or level label on one line, less the spaces a printed form leaves between Chinese
    characters (vertical 「产 出 指 标」, a name wrapped as 「管理制 度严格执行率」)."""
    return _WRAP_SPACE.sub("", flat(text))


_SIMPLIFIED = str.maketrans(
    "萬與專業東兩個臨為舉義於產産億從們價優會體餘關養寫農決況準減幾劃則刪別辦務動勵區醫單卻廳歷壓縣參發號後員"
    "響啟圍圖場壞處備復複頭獎學實審對導屬張歸當錄態總執擴護報擬撥擇損換據數斷無舊時暫機雜權條來構標欄樣檔檢匯"
    "沒濟滿點獨環現監蓋碼確種稱積筆籌類係約級線組細織終經結給絕統繼績續維綜緩編網職節範獲營補裝見規視計訂認議"
    "論設證評識試詢該說請讀調財責質資轉載較邊達過運還這進遠連選適釋裏裡銷長門問間際頁項須預領題額驗貼費貧衛違"
    "獻畝戶脫飲災繳險療階館書崗訓練師貸擔創競賽輸車購稅鐵橋園綠測兒殘傷"
    "佔倉內冊協噸寧廣彥徑應採晉棟楊溝漢爲爾簡籤聯臺興華虛話誤誰諮負蹤輛錯鍵開陰陳電頃顯魚夠礎",
    "万与专业东两个临为举义于产产亿从们价优会体余关养写农决况准减几划则删别办务动励区医单却厅历压县参发号后员"
    "响启围图场坏处备复复头奖学实审对导属张归当录态总执扩护报拟拨择损换据数断无旧时暂机杂权条来构标栏样档检汇"
    "没济满点独环现监盖码确种称积笔筹类系约级线组细织终经结给绝统继绩续维综缓编网职节范获营补装见规视计订认议"
    "论设证评识试询该说请读调财责质资转载较边达过运还这进远连选适释里里销长门问间际页项须预领题额验贴费贫卫违"
    "献亩户脱饮灾缴险疗阶馆书岗训练师贷担创竞赛输车购税铁桥园绿测儿残伤"
    "占仓内册协吨宁广彦径应采晋栋杨沟汉为尔简签联台兴华虚话误谁咨负踪辆错键开阴陈电顷显鱼够础",
)
"""Traditional characters of the forms' words, to the simplified ones the label tables use.

A table copied from a WeChat post or a browser set to traditional script reads 「項目名稱」「績效指標」
「實際完成值」: the same labels. Only labels are compared this way (`compact`); the values a clerk typed
are written as printed.

A table, not OpenCC (PyPI `opencc` 1.4.2, 7.0 MB installed): every entry agrees with OpenCC's t2s, which has
the 285 characters here plus thousands no form uses; it converts by phrases and need not keep a text's
length, while a fold for matching must be one character for one (a match in the folded text is at the same
place in the text as written). Measured on 上犹县寺下镇's 495-character report (tests/forms_trial7b): of its 62
traditional characters the table lacked 3 (夠礎負), now added, with the traditional forms of every character
the label and report readers' own words use (41 more); `str.translate` costs 29 µs a report, OpenCC 16 µs."""


def simplified(text: str) -> str:
    """`text` with the forms' traditional characters in simplified ones, one for one: for matching only."""
    return text.translate(_SIMPLIFIED)


def as_written(folded: str, original: str) -> Callable[[str], str]:
    """A text read from `folded` (`simplified(original)`) back in the characters of `original`: each line
    found in the folded text is taken from the same place in the original (one character for one); a line
    the reader made anew (joined, spaces dropped) has each folded character turned back where the original
    wrote it one way only and never kept it as it is. Identity when nothing was folded."""
    if folded == original:
        return lambda text: text
    changed: dict[str, set[str]] = {}
    kept: set[str] = set()
    for f, o in zip(folded, original, strict=True):
        if f != o:
            changed.setdefault(f, set()).add(o)
        else:
            kept.add(f)
    back = str.maketrans({f: next(iter(o)) for f, o in changed.items() if len(o) == 1 and f not in kept})

    def written(text: str) -> str:
        lines = []
        for line in text.split("\n"):
            at = folded.find(line) if line else -1
            lines.append(original[at:at + len(line)] if at >= 0 else line.translate(back))
        return "\n".join(lines)
    return written


_HALF_WIDTH = str.maketrans("０１２３４５６７８９％", "0123456789%")
"""Full-width digits and percent sign, as a Chinese font's character map gives the digits of a
PDF's text layer (「（２０２２年度）」) or a clerk types them: the same year and figures."""


def compact(text: str) -> str:
    """For comparing labels and finding the numbers in them: no whitespace at all, in simplified
    characters, digits in ASCII (one character for one, so a match is at the same place in the text)."""
    return _compact_short(text) if len(text) <= _CACHED_UP_TO else _compact(text)


def _compact(text: str) -> str:
    return simplified(_SPACES.sub("", text)).translate(_HALF_WIDTH)


_SPACES = re.compile(r"\s+")
_CACHED_UP_TO = 100
"""Texts this short are compacted once (`_compact_short`): the readers compact each cell some forty
times, as a label of each kind they look for, and a 1.9 MB CSV of 950,000 one-letter cells took 79 CPU s,
most of it here (8.2 million calls for 200,000 cells). A label is far shorter; the cache holds at most
65,536 texts and their compact forms (13 million characters), whatever the file."""
_compact_short = lru_cache(maxsize=1 << 16)(_compact)


_RAISED = {
    "superscript": str.maketrans("0123456789+-=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾"),
    "subscript": str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎"),
}
"""Word's and Excel's 上标/下标 (``vertAlign``), a PDF's raised or lowered small glyphs: the
characters that print so. Read as plain digits a footnote's 「¹」 joined the figure before it
(「19.6」 and a raised 「1」 read 19.61, a total 98.1 read 98.12, 「85」「⁵」「%」 read 855%); written
as printed, 「19.6¹」 is a figure and its mark (`footnote_mark`), and 「m²」, 「CO₂」 stay what they say.
A raised character with no such form (「*」, 「a」) is left as it is: it joins no figure."""


def raised(text: str, place: str) -> str:
    """`text` set as `place` (「superscript」 or 「subscript」) in the characters that print so."""
    table = _RAISED.get(place)
    return text.translate(table) if table else text


_RAISED_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_MARK_SIGNS = "*＊※†‡" + "".join(map(chr, range(0x2460, 0x2474)))  # ①…⑳: what a form marks a figure with
_MARK = re.compile(rf"(?<=[\d%％‰\u3400-\u9fff）)])(?<!10)\s*([{_RAISED_DIGITS}]+)$"
                   rf"|(?<=[\w%％‰）)])\s*([{re.escape(_MARK_SIGNS)}]+)$")
"""A footnote mark after a figure: 「*」, 「※」, 「†」, a circled 「①」, raised 「¹」. A raised digit
after a Latin letter is the unit's power (「m²」), after 10 a power of ten (「5×10⁴」), not a mark,
so only after another digit, a percent sign, a Chinese unit or a bracket; the other marks after
any of these or a letter (「1200m²*」)."""
_INNER_MARK = re.compile(rf"(?<![A-Za-z])(?<!10)[{_RAISED_DIGITS}]+|[{re.escape(_MARK_SIGNS.strip('*＊'))}]+")
"""A mark inside a text (「85⁵%」); 「*」 there is more likely a product (「5*10^4」) than a mark."""


def inner_marks(text: str) -> str:
    """The footnote marks a text holds anywhere (`footnote_mark` takes them off only at its end)."""
    return "".join(_INNER_MARK.findall(text))


def footnote_mark(text: str) -> tuple[str, str] | None:
    """(the figure, its mark) where a cell's text ends in a footnote mark (「96%①」 → 「96%」, 「①」),
    else None. The form prints the figure and points to a note under the table: the figure is
    read, the mark said with the cell's name. Read with the mark, 「19.6*」 would be no score, 「98.1*」
    no total (「原文没有写明总得分」), 「96%①」 no actual the scorer could compare."""
    found = _MARK.search(text.rstrip())
    if found is None or not found.start():
        return None
    return text[:found.start()].rstrip(), (found[1] or found[2])


def without_mark(text: str) -> str:
    """A cell's text without a footnote mark after its figure (footnote_mark), for a check that
    reads the figure and names no mark: 「96.5*」 → 「96.5」; any other text as it is."""
    split = footnote_mark(text)
    return split[0] if split else text


def unprinted(text: str) -> bool:
    """「###」: what Excel prints where a figure is wider than its column, kept by a PDF or a copy of
    the print. No figure at all: a reader names the cell and writes nothing for it (the loader calls
    the same text written into a data file an error, reader.cell_field)."""
    text = text.replace(" ", "")
    return text[:1] == "#" and not text.strip("#")
