"""Calculate a form's simple formulas where the workbook holds no saved result for them.

A form computes its 得分 (``=G13``), 合计 (``=SUM(H13:H21)``) and money rows (``=C6+C7``) with formulas.
Excel saves each result beside its formula; a program that does not calculate (openpyxl, a system's
export, some WPS saves) writes none, and what the printed form shows there is known only by
calculating. The formulas such forms hold are few: a reference, ``+ - * /``, brackets, ``SUM``
over cells and ranges and ``ROUND`` (「执行率」 =E6/D6, 「得分」 =ROUND(E6/D6*F6,2)). Those are calculated
here in `Decimal`: each number as Excel shows a double, to 15 significant digits, sums and products
exactly, a quotient and the result to those 15 digits (`SIGNIFICANT`), as Excel shows them (547.8/552
shows 0.992391304347826); ``ROUND`` halves away from zero, as Excel's. Any other formula (``IF``,
``VLOOKUP``, another sheet, text in a sum) is `NotSimple`, for the caller to name as not given.
Nothing here guesses: a formula Excel answers with an error (a division by 0) is `NotSimple` too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

SIGNIFICANT = Context(prec=15)
"""Excel's precision: it calculates in doubles and shows 15 significant digits (0.1+0.2 shows 0.3)."""

Value = Decimal | str | bool | None
"""A cell as a formula sees it: its number, its text, TRUE/FALSE, or None where it is empty."""


class NotSimple(Exception):
    """A formula this module does not calculate (or one Excel answers with an error)."""


_TOKEN = re.compile(r"""\s*(?:
    (?P<number>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<function>(?:SUM|ROUND)\()
  | (?P<cells>\$?[A-Z]{1,3}\$?\d{1,7}(?::\$?[A-Z]{1,3}\$?\d{1,7})?)(?![A-Z0-9_(!])
  | (?P<op>[-+*/(),])
)""", re.VERBOSE | re.IGNORECASE)
"""The words of the formulas calculated here; anything else (``&``, ``^``, a name, ``'表'!A1``) is `NotSimple`."""
_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)", re.IGNORECASE)
MAX_COLUMN, MAX_ROW = 16384, 1048576
"""Excel's last column (XFD) and row: a reference beyond them is no cell (Excel reads ``ABCD1`` as a name)."""


def _tokens(formula: str) -> list[tuple[str, str]]:
    out, at, text = [], 0, formula.lstrip().removeprefix("=")
    while at < len(text.rstrip()):
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


def calculate(formula: str, cells: Cells) -> Decimal | str:
    """The formula's result as the form shows it: a number, or the text a bare reference points at
    (``=B4`` of a text cell); an empty cell referred to alone shows 0, as in Excel."""
    parser = _Parser(_tokens(formula), cells)
    try:
        result = parser.sum()
    except ArithmeticError as exc:  # a figure beyond what Decimal holds (ROUND(1E+30,2)): Excel shows no such figure
        raise NotSimple(formula) from exc
    if parser.at != len(parser.tokens):
        raise NotSimple(formula)
    if isinstance(result, bool) or result is None:
        return _number(result)
    return result if isinstance(result, str) else SIGNIFICANT.plus(result)


def _number(value: Value) -> Decimal:
    """A value in arithmetic: empty is 0, TRUE 1; text is `NotSimple` (Excel reads 「10」 as 10 but
    「10万元」 as #VALUE!: which text it takes is not decided here)."""
    if value is None:
        return Decimal(0)
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, Decimal):
        return value
    raise NotSimple(value)


class _Parser:
    """Recursive descent over `_tokens`: sum → product (+|- product)*, product → sign (*|/ sign)*,
    sign → (+|-) sign | bracket | SUM(…) | ROUND(…) | number | reference."""

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

    def sum(self) -> Value:
        value = self.product()
        while self._peek() in (("op", "+"), ("op", "-")):
            sign = self._next()[1]
            right = _number(self.product())
            value = _number(value) + right if sign == "+" else _number(value) - right
        return value

    def product(self) -> Value:
        value = self.sign()
        while self._peek() in (("op", "*"), ("op", "/")):
            sign = self._next()[1]
            right = _number(self.sign())
            if sign == "*":
                value = _number(value) * right
            elif right:
                value = SIGNIFICANT.divide(_number(value), right)
            else:
                raise NotSimple("#DIV/0!")
        return value

    def sign(self) -> Value:
        kind, text = self._next()
        if (kind, text) == ("op", "-"):
            return -_number(self.sign())
        if (kind, text) == ("op", "+"):
            return self.sign()  # Excel keeps the operand as it is: =+B4 of a text shows the text
        if (kind, text) == ("op", "("):
            value = self.sum()
            self._expect(")")
            return value
        if kind == "number":
            try:
                return Decimal(text)
            except InvalidOperation as exc:
                raise NotSimple(text) from exc
        if kind == "cells" and ":" not in text:
            return self.cells.value(_cell(text))
        if (kind, text.upper()) == ("function", "SUM("):
            return self._sum_of()
        if kind == "function":
            return self._round()
        raise NotSimple(text)

    def _round(self) -> Decimal:
        """ROUND(number, digits): half away from zero, as Excel rounds (ROUND(2.345,2) is 2.35, ROUND(-2.5,0) -3)."""
        number = _number(self.sum())
        self._expect(",")
        digits = _number(self.sum())
        self._expect(")")
        if digits != digits.to_integral_value() or abs(digits) > 30:
            raise NotSimple("ROUND")
        return number.quantize(Decimal(1).scaleb(-int(digits)), rounding=ROUND_HALF_UP)

    def _sum_of(self) -> Decimal:
        """SUM's arguments: in a reference, only numbers count (text, TRUE and empty cells are
        skipped, as Excel does); an argument that is an expression counts as a number."""
        total = Decimal(0)
        while True:
            kind, text = self._peek()
            follows = self.tokens[self.at + 1] if self.at + 1 < len(self.tokens) else ("end", "")
            if kind == "cells" and follows in (("op", ","), ("op", ")")):
                self._next()
                total += sum((v for v in map(self.cells.value, self._span(text)) if isinstance(v, Decimal)),
                             Decimal(0))
            else:
                total += _number(self.sum())
            kind, text = self._next()
            if (kind, text) == ("op", ")"):
                return total
            if (kind, text) != ("op", ","):
                raise NotSimple(text)

    def _span(self, text: str) -> Iterator[tuple[int, int]]:
        first, _, last = text.partition(":")
        (r1, c1), (r2, c2) = _cell(first), _cell(last or first)
        return self.cells.within((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
