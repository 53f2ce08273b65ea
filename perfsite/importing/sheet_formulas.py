"""Calculate a form's simple formulas where the workbook holds no saved result for them.

A form computes its 得分 (``=G13``), 合计 (``=SUM(H13:H21)``) and money rows (``=C6+C7``) with formulas.
Excel saves each result beside its formula; a program that does not calculate (openpyxl, a system's
export, some WPS saves) writes none, and what the printed form shows there is known only by
calculating. The formulas such forms hold are few: a reference, ``+ - * /``, brackets, ``SUM``
over cells and ranges, ``ROUND`` and an ``IF`` comparing figures (「执行率」 =E6/D6 or, guarded against an
empty budget, =IF(E7=0,0,F7/E7) as 池州's form holds it; 「得分」 =ROUND(E6/D6*F6,2)). Those are
calculated here in `Decimal`: each number as Excel shows a double, to 15 significant digits, sums and
products exactly, a quotient and the result to those 15 digits (`SIGNIFICANT`), as Excel shows them
(547.8/552 shows 0.992391304347826); ``ROUND`` halves away from zero, as Excel's; ``IF`` calculates
only the branch it takes, as Excel does (the guarded division by 0 is no error). Any other formula
(``VLOOKUP``, another sheet, text in a sum, a result of TRUE) is `NotSimple`, for the caller to name
as not given. Nothing here guesses: a formula is `Failed` only where Excel surely shows an error (a
division by 0 or an empty cell, #DIV/0!; arithmetic on a text with no digit in it, 「无」 or the 「」 of
``=IF(…,"",…)``, #VALUE!; a cell showing an error, that error), and `NotSimple` where it may or may not.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

SIGNIFICANT = Context(prec=15)
"""Excel's precision: it calculates in doubles and shows 15 significant digits (0.1+0.2 shows 0.3)."""


def as_excel_shows(number: float | int) -> Decimal:
    """A number a workbook saved, as Excel shows it: a double to its 15 significant digits (a saved
    0.30000000000000004 shows 0.3), an integer whole: how the .xlsx and 2003 XML readers take a
    saved number as a figure."""
    return Decimal(format(number, ".15g")) if isinstance(number, float) else Decimal(number)


Value = Decimal | str | bool | None
"""A cell as a formula sees it: its number, its text, TRUE/FALSE, or None where it is empty."""


class NotSimple(Exception):
    """A formula this module does not calculate."""


class Failed(NotSimple):
    """A formula Excel answers with an error (`code`: 「#DIV/0!」): the form shows the error, no figure."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


_TOKEN = re.compile(r"""\s*(?:
    (?P<number>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<text>"(?:[^"]|"")*")
  | (?P<function>(?:SUM|ROUND|IF)\()
  | (?P<cells>\$?[A-Z]{1,3}\$?\d{1,7}(?::\$?[A-Z]{1,3}\$?\d{1,7})?)(?![A-Z0-9_(!])
  | (?P<op><>|<=|>=|[-+*/(),=<>])
)""", re.VERBOSE | re.IGNORECASE)
"""The words of the formulas calculated here; anything else (``&``, ``^``, a name, ``'表'!A1``) is `NotSimple`."""
_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)", re.IGNORECASE)
MAX_COLUMN, MAX_ROW = 16384, 1048576
"""Excel's last column (XFD) and row: a reference beyond them is no cell (Excel reads ``ABCD1`` as a name)."""


def _tokens(formula: str) -> list[tuple[str, str]]:
    out, at, text = [], 0, formula.strip().removeprefix("=")
    while at < len(text):
        match = _TOKEN.match(text, at)
        if match is None or match.lastgroup is None:
            raise NotSimple(text[at:at + 10])
        out.append((match.lastgroup, match[match.lastgroup]))
        at = match.end()
    return out


def _cell(ref: str) -> tuple[int, int]:
    match = _REF.fullmatch(ref)
    if match is None:
        raise NotSimple(ref)
    column = 0
    for letter in match[1].upper():
        column = column * 26 + ord(letter) - 64
    row = int(match[2])
    if not (1 <= column <= MAX_COLUMN and 1 <= row <= MAX_ROW):
        raise NotSimple(ref)
    return row, column


Span = tuple[int, int, int, int]
"""First row, first column, last row, last column."""


@dataclass(frozen=True)
class Cells:
    """The sheet as a formula reads it: `value` of one cell (another formula's result, calculated on
    demand by the caller), `within` the cells holding something in a range, never every cell of a
    range (``SUM(A:XFD)``-sized ranges cost the sheet's size, not the range's)."""

    value: Callable[[tuple[int, int]], Value]
    within: Callable[[Span], Iterator[tuple[int, int]]]
    totals: dict[Span, Decimal] = field(default_factory=dict)
    """Each range's sum once calculated: an export's 自评得分 =SUM(I2:I11) stands on each of its ten rows."""

    def total(self, span: Span) -> Decimal:
        """The numbers in `span` added (text, TRUE and empty cells skipped, as Excel's SUM does)."""
        if span not in self.totals:
            self.totals[span] = sum((v for v in map(self.value, self.within(span)) if isinstance(v, Decimal)),
                                    Decimal(0))
        return self.totals[span]


def calculate(formula: str, cells: Cells) -> Decimal | str:
    """The formula's result as the form shows it: a number, or the text a bare reference points at
    (``=B4`` of a text cell); an empty cell referred to alone shows 0, as in Excel."""
    parser = _Parser(_tokens(formula), cells)
    thunk = parser.compare()
    if parser.at != len(parser.tokens):
        raise NotSimple(formula)
    try:
        result = thunk()
    except ArithmeticError as exc:  # a figure beyond what Decimal holds (ROUND(1E+30,2)): Excel shows no such figure
        raise NotSimple(formula) from exc
    if isinstance(result, bool):
        raise NotSimple("TRUE/FALSE")  # the form shows the word, in the language of the clerk's Excel
    if result is None:
        return Decimal(0)
    return result if isinstance(result, str) else SIGNIFICANT.plus(result)


def _number(value: Value) -> Decimal:
    """A value in arithmetic: empty is 0, TRUE 1; a text with no digit (「无」, 「—」, 「」) is #VALUE!,
    as Excel reads no figure in it; another text is `NotSimple` (Excel reads 「10」 as 10 and 「1月5日」 as
    a date, but 「10万元」 as #VALUE!: which text it takes is not decided here)."""
    if value is None:
        return Decimal(0)
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, Decimal):
        return value
    if not any(character.isdigit() for character in value):
        raise Failed("#VALUE!")
    raise NotSimple(value)


Thunk = Callable[[], Value]
"""A parsed part of a formula, calculated when called: IF calls only the branch it takes."""
_COMPARE: dict[str, Callable[[object, object], bool]] = {
    "=": operator.eq, "<>": operator.ne, "<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge}


def _compared(sign: str, left: Value, right: Value) -> bool:
    """Two figures (an empty cell is 0) or two texts (an empty cell is 「」; Excel ignores case) compared;
    a figure against a text is `NotSimple` (Excel orders every text after every figure)."""
    if isinstance(left, str) or isinstance(right, str):
        if not all(isinstance(v, str) or v is None for v in (left, right)):
            raise NotSimple(sign)
        return _COMPARE[sign]((left or "").casefold(), (right or "").casefold())
    return _COMPARE[sign](_number(left), _number(right))


def _divided(dividend: Decimal, divisor: Decimal) -> Decimal:
    if not divisor:
        raise Failed("#DIV/0!")
    return SIGNIFICANT.divide(dividend, divisor)


_OPERATIONS: dict[str, Callable[[Decimal, Decimal], Decimal]] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": _divided}


def _arithmetic(sign: str, left: Thunk, right: Thunk) -> Thunk:
    operation = _OPERATIONS[sign]
    return lambda: operation(_number(left()), _number(right()))


class _Parser:
    """Recursive descent over `_tokens` into thunks: compare → sum (=|<>|<|>|<=|>= sum)?, sum → product
    (+|- product)*, product → sign (*|/ sign)*, sign → (+|-) sign | bracket | SUM(…) | ROUND(…) | IF(…) |
    number | reference."""

    def __init__(self, tokens: list[tuple[str, str]], cells: Cells) -> None:
        self.tokens, self.cells, self.at = tokens, cells, 0

    def _peek(self) -> tuple[str, str]:
        return self.tokens[self.at] if self.at < len(self.tokens) else ("end", "")

    def _next(self) -> tuple[str, str]:
        token = self._peek()
        self.at += 1
        return token

    def _expect(self, text: str) -> None:
        if self._next() != ("op", text):
            raise NotSimple(text)

    def compare(self) -> Thunk:
        left = self.sum()
        kind, sign = self._peek()
        if kind != "op" or sign not in _COMPARE:
            return left
        self._next()
        right = self.sum()
        return lambda: _compared(sign, left(), right())

    def sum(self) -> Thunk:
        value = self.product()
        while self._peek() in (("op", "+"), ("op", "-")):
            value = _arithmetic(self._next()[1], value, self.product())
        return value

    def product(self) -> Thunk:
        value = self.sign()
        while self._peek() in (("op", "*"), ("op", "/")):
            value = _arithmetic(self._next()[1], value, self.sign())
        return value

    def sign(self) -> Thunk:
        kind, text = self._next()
        if (kind, text) == ("op", "-"):
            operand = self.sign()
            return lambda: -_number(operand())
        if (kind, text) == ("op", "+"):
            return self.sign()  # Excel keeps the operand as it is: =+B4 of a text shows the text
        if (kind, text) == ("op", "("):
            value = self.compare()
            self._expect(")")
            return value
        if kind == "text":
            words = text[1:-1].replace('""', '"')
            return lambda: words
        if kind == "number":
            try:
                number = Decimal(text)
            except InvalidOperation as exc:
                raise NotSimple(text) from exc
            return lambda: number
        if kind == "cells" and ":" not in text:
            at = _cell(text)
            return lambda: self.cells.value(at)
        if kind == "function":
            return {"SUM(": self._sum_of, "ROUND(": self._round, "IF(": self._if}[text.upper()]()
        raise NotSimple(text)

    def _arguments(self) -> list[tuple[str, Thunk]]:
        """A function's arguments up to its 「)」: each a reference or range as written (for SUM) and its thunk."""
        out: list[tuple[str, Thunk]] = []
        while True:
            kind, text = self._peek()
            follows = self.tokens[self.at + 1] if self.at + 1 < len(self.tokens) else ("end", "")
            if kind == "cells" and follows in (("op", ","), ("op", ")")):
                self._next()
                out.append((text, lambda: None))
            else:
                out.append(("", self.compare()))
            kind, text = self._next()
            if (kind, text) == ("op", ")"):
                return out
            if (kind, text) != ("op", ","):
                raise NotSimple(text)

    def _sum_of(self) -> Thunk:
        """SUM's arguments: in a reference, only numbers count (text, TRUE and empty cells are
        skipped, as Excel does); an argument that is an expression counts as a number."""
        arguments = self._arguments()
        spans = [self._span(written) if written else None for written, _ in arguments]

        def total() -> Value:
            out = Decimal(0)
            for span, (_, thunk) in zip(spans, arguments, strict=True):
                out += _number(thunk()) if span is None else self.cells.total(span)
            return out

        return total

    def _single(self, argument: tuple[str, Thunk]) -> Thunk:
        """An argument other than SUM's: a bare reference is its cell's value, a range is `NotSimple`."""
        written, thunk = argument
        if not written:
            return thunk
        if ":" in written:
            raise NotSimple(written)
        at = _cell(written)
        return lambda: self.cells.value(at)

    def _round(self) -> Thunk:
        """ROUND(number, digits): half away from zero, as Excel rounds (ROUND(2.345,2) is 2.35, ROUND(-2.5,0) -3)."""
        arguments = self._arguments()
        if len(arguments) != 2:
            raise NotSimple("ROUND")
        number, digits = (self._single(a) for a in arguments)

        def rounded() -> Value:
            places = _number(digits())
            if places != places.to_integral_value() or abs(places) > 30:
                raise NotSimple("ROUND")
            return _number(number()).quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)

        return rounded

    def _if(self) -> Thunk:
        """IF(condition, then, else): only the branch taken is calculated; a condition of text is `NotSimple`
        (#VALUE!), an IF of no else gives FALSE, which no figure shows."""
        arguments = self._arguments()
        if len(arguments) not in (2, 3):
            raise NotSimple("IF")
        condition, then, otherwise = (*(self._single(a) for a in arguments), lambda: False)[:3]

        def chosen() -> Value:
            held = condition()
            if isinstance(held, str):
                raise NotSimple("IF")
            return then() if _number(held) else otherwise()

        return chosen

    def _span(self, text: str) -> Span:
        first, _, last = text.partition(":")
        (r1, c1), (r2, c2) = _cell(first), _cell(last or first)
        return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


# What a clerk is told of a formula not calculated here whose saved figure may not be the one shown: said
# by the readers that find such cells (an .xlsx, an export) and by the table scan that knows which of them
# a form publishes, so it lives with the calculation whose limits it states.
LIBREOFFICE = ("（LibreOffice 打开时不重新计算，保存后留下的仍是这些旧的结果，导入时已无从发现：用 LibreOffice 的，"
               "请先按 Ctrl+Shift+F9 重新计算全部公式，核对后再保存）")


STALE = ("，但工作簿设置了「打开时重新计算全部公式」（由程序生成、没有在 Excel 中保存过的"
         "文件常这样），文件中保存的结果不一定是表上显示的数字（常是 0 或模板中的旧数），公式又不只由加、减、乘、除、"
         "求和（SUM）、四舍五入（ROUND）、条件（IF）和算得出的格子组成，算不出表上显示的数："
         "请在 Excel 或 WPS 中打开、保存后再导入" + LIBREOFFICE)
"""What follows the cells named where a recalculated workbook's formula not calculated here saved a
number that is published as a figure (`tables.scan` for a form, `formula_results` for an export).

Shown formulas Excel recalculates when it opens the file (`recalculated_on_open`), not calculated
here (`_calculate`), whose saved result is a number: the results saved beside them are whatever the
writing program put there. XlsxWriter saves 0 for every formula unless told a result, and a program
that fills a template's inputs keeps the template's old results: a 得分 read 0 from such a file was
imported as the published score (「不一致：公布 0，计算 30」, the file written). Excel drops the
setting when it saves (and LibreOffice never writes it), so a file saved there reads as shown; that
WPS drops it too is expected, not checked here (no WPS at hand). LibreOffice 7.4 drops the setting
when it saves but does not recalculate on opening (its default for .xlsx): the old 0 comes back
without the setting and reads as the form's figure, beyond any check. Its clerk is told the key that
recalculates first (measured: tests/test_redteam_import.py, a LibreOffice round trip)."""


LINKED_STALE = ("，但工作簿设置了「打开时重新计算全部公式」（由程序生成、没有在 Excel 中保存过的文件常这样），"
                "Excel 打开时照链接从另一个工作簿重新取数，表上显示的不一定是文件中保存的结果（常是 0 或模板中的旧数），"
                "本程序读不到那个工作簿：请在 Excel 中打开这个文件，提示更新链接时选「更新」，核对这些数与那个工作簿中的一致后保存，"
                "再导入；不再需要链接的，请在 Excel「数据 → 编辑链接 → 断开链接」（WPS：「数据 → 编辑链接」）把它们变成数字、"
                "保存后再导入")
"""`STALE` where a formula reads another workbook: the figure Excel shows comes from that file, not from any
calculation, and the clerk is told which file (`LINKED`) and how to bring its figures in or break the link."""


LINKED = "，取自另一个工作簿"
"""What a stale formula's description says of a link (「H14 是公式（=[1]得分!H14），取自另一个工作簿「2023年得分.xlsx」」)."""


def stale_refusal(label: str, said: list[str]) -> str:
    """The refusal of a recalculated workbook's formulas not calculated here that publish a saved number
    (`STALE`; `LINKED_STALE` where one reads another workbook): the first five named."""
    more = f"等 {len(said)} 格" if len(said) > 5 else ""
    return f"{label} {'、'.join(said[:5])}{more}" + (LINKED_STALE if any(LINKED in text for text in said) else STALE)
