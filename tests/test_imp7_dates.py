"""A date cell is written as the form prints it: a 年度指标值 formatted 「2023年10月31日」 is that
text in the programme file (its rule still reported: the scorer compares no dates), and a 公布日期
so printed reads as the same day. A format the date readers cannot read back (m-d-yy) stays ISO."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from raw_office import Book, Sheet, form_rows, num, row, text_cell, write_xlsx
from test_import_dates import imported

from perfsite.importing.xlsx_reader import date_text


@pytest.mark.parametrize(("number_format", "written"), [
    ('yyyy"年"m"月"d"日"', "2023年10月31日"), ("yyyy/m/d", "2023/10/31"), ("yyyy-mm-dd", "2023-10-31"),
    ('[$-804]yyyy"年"m"月"d"日";@', "2023年10月31日"), ("yyyy.mm.dd", "2023.10.31"),
    ("m-d-yy", "2023-10-31"), ("mmmm d, yyyy", "2023-10-31"), ("yyyy-mm-dd hh:mm", "2023-10-31"),
    ('yyyy"年"m"月"', "2023年10月"),
])
def test_a_whole_day_is_written_as_printed_where_it_reads_back(number_format: str, written: str) -> None:
    assert date_text(dt.date(2023, 10, 31), number_format) == written


def test_a_date_target_is_written_as_the_form_prints_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [("培训人次", 40, "≥100人", "120人", 40), ("结业率", 30, "≥90%", "95%", 30)]
    data = form_rows(rows=rows) + row(5, text_cell("A5", "完工时间"), num("B5", 30), num("C5", 45230, 1),
                                      num("D5", 45260, 1), num("E5", 0))
    data += row(6, text_cell("A6", "公布日期"), num("B6", 45291, 1))
    wide = '<cols><col min="2" max="4" width="18" customWidth="1"/></cols>'
    book = Book([Sheet("自评表", data, before=wide)], formats={164: 'yyyy"年"m"月"d"日"'}, xfs=[(0, 0), (164, 0)])
    out, written = imported(tmp_path, write_xlsx(tmp_path / "f.xlsx", book), capsys)
    assert 'target: "2023年10月31日"' in written and 'actual: "2023年11月30日"' in written, written
    assert "2023-10-31" not in written and "2023-11-30" not in written
    assert "rule: reported" in written and "目标值「2023年10月31日」是一个日期" in out
    assert "published: 2023年12月31日\n" in written
