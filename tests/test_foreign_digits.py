"""Digits of other scripts and underscores in numbers: Python's Decimal reads any Unicode digit
(Bengali ৭ is 7 and looks like 9), so 「৭0%」 scored as 70% while the page showed the Bengali
text; YAML 1.1 reads 1_0 as 10 while the page shows 「1_0」. Only ASCII and full-width digits
make numbers; anything else is an error at its file, line and key naming the character.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from test_harden_kinds import SELF, edit, problems, seed_tree

from perfsite.decimals import parse_decimal
from perfsite.indicator_csv import read_indicator_csv
from perfsite.problems import Severity
from perfsite.values import Kind, parse_value
from perfsite.yamlload import load_yaml_text


@pytest.mark.parametrize(("text", "char"), [
    ('actual: "৭0%"', "U+09ED"),  # Bengali seven, looks like 9
    ("actual: ٦٤场次", "U+0666"),  # Arabic-Indic 64
    ("score: ৭", "U+09ED"),  # plain: would be the number 7
    ("actual: '𝟕0%'", "U+1D7D5"),  # mathematical bold seven
    ('actual: "\\u09ED0%"', "U+09ED"),  # written as an escape
])
def test_a_digit_of_another_script_is_an_error_at_its_line(text: str, char: str) -> None:
    loaded = load_yaml_text(f"name: x\n{text}\n", "f.yaml")
    assert [(p.severity, p.line, p.key) for p in loaded.problems] == [(Severity.ERROR, 2, text.split(":")[0])]
    assert char in loaded.problems[0].message and "０–９" in loaded.problems[0].message
    assert not isinstance(loaded.data["score" if "score" in text else "actual"], Decimal)  # type: ignore[index]


@pytest.mark.parametrize("text", ["৭0%", "٦٤场次", "≥৭0%"])
def test_a_figure_in_another_script_is_no_number(text: str) -> None:
    assert parse_value(text).kind is Kind.TEXT
    assert parse_decimal(text.rstrip("%场次").lstrip("≥")) is None


def test_ascii_and_full_width_digits_stay_numbers() -> None:
    loaded = load_yaml_text("a: ７０%\nb: 70%\nc: ７０\nd: 1_000\n", "f.yaml")
    assert loaded.problems == []
    assert parse_value(loaded.data["a"]).figures == parse_value(loaded.data["b"]).figures  # type: ignore[index]
    assert loaded.data["c"] == 70 and loaded.data["d"] == 1000  # type: ignore[index]


@pytest.mark.parametrize("number", ["1_0", "10_0.5", "1__000", "1_00", "-1_0"])
def test_underscores_other_than_thousands_are_an_error(number: str) -> None:
    loaded = load_yaml_text(f"name: x\nscore: {number}\n", "f.yaml")
    assert [(p.line, p.key) for p in loaded.problems] == [(2, "score")]
    assert "数字中不能有下划线" in loaded.problems[0].message and number in loaded.problems[0].message


def test_a_csv_cell_in_another_script_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "p.indicators.csv"
    path.write_text("三级指标,实际完成值,分值,得分\n资金到位率,100%,5,5\n完成率,৭0%,10,7\n", encoding="utf-8")
    _rows, _lines, found = read_indicator_csv(path, "p.indicators.csv")
    assert [(p.line, p.key) for p in found] == [(3, "actual")] and "U+09ED" in found[0].message


def test_check_refuses_a_self_evaluation_with_a_bengali_actual(tmp_path: Path) -> None:
    root = seed_tree(tmp_path)
    edit(root, SELF, 'actual: "93.85%"', 'actual: "৯3.85%"')
    errors = [p for p in problems(root, Severity.ERROR) if p.file.endswith(SELF)]
    assert [(p.line, p.key) for p in errors] == [(70, "indicators[4].actual")] and "U+09EF" in errors[0].message, errors


def test_the_one_scan_of_a_file_covers_every_foreign_digit_and_direction_control() -> None:
    import sys
    import unicodedata

    from perfsite.yamlload import _RARE

    digits = [chr(c) for c in range(0x80, sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Nd"]
    assert [d for d in digits if not _RARE.match(d) and not "０" <= d <= "９"] == []
    assert all(_RARE.match(c) for c in "\u061c\u200e\u200f\u202a\u202e\u2066\u2069")
