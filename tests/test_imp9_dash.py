"""A zero the number format prints as a dash (the accounting format ``_ * "-"??_ ``, ``#,##0;-#,##0;"-"``)
holds 0 and is imported as 0, named: read as the printed 「-」 a 得分 was no score, and the site
scored the indicator by its rules (40 of 40 where the clerk gave 0)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from raw_office import Book, Sheet, form_rows, num, write_xlsx

from perfsite.cli import main
from perfsite.importing.xlsx_reader import shown_number

ACCOUNTING = '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ '


@pytest.mark.parametrize(("value", "number_format", "shown"), [
    (0, ACCOUNTING, ("0", "-")),
    (0.0, '_-* #,##0.00_-;-* #,##0.00_-;_-* "-"??_-;_-@_-', ("0", "-")),
    (0, '#,##0;-#,##0;"-"', ("0", "-")),
    (0, '_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)', ("0", "-")),
    (1234.5, ACCOUNTING, ("1234.50", "")),     # the other sections as before
    (0, '0;-0;"无"', ("无", "0")),             # a word is no dash: read as printed
])
def test_a_dashed_zero_is_read_as_zero(value: float, number_format: str, shown: tuple[str, str]) -> None:
    assert shown_number(value, number_format) == shown


@pytest.mark.parametrize("number_format", [ACCOUNTING, '#,##0;-#,##0;"-"'])
def test_a_score_of_zero_printed_as_a_dash_is_published_as_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                 number_format: str) -> None:
    data = form_rows().replace(num("E3", 40), num("E3", 0, 1))
    path = write_xlsx(tmp_path / "f.xlsx", Book([Sheet("自评表", data)], formats={164: number_format}, xfs=[(0, 0), (164, 0)]))
    assert main(["import", str(path), "--out", str(tmp_path / "out")]) == 0
    said = capsys.readouterr().out
    [written] = (tmp_path / "out").rglob("*.yaml")
    assert yaml.safe_load(written.read_text(encoding="utf-8"))["indicators"][0]["score"] == 0
    assert "E3（表上显示 -）：保存的是 0，数字格式（如会计专用格式）把 0 显示为「-」，按 0 导入" in said
