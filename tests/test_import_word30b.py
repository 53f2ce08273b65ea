"""Single-form text tables as clerks hand them in: Excel's 「Unicode 文本」 named .csv."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import load_workbook
from test_import_builders import central_xlsx

from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import prepare


def _text(rows: list[list[str]], separator: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=separator, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def test_a_unicode_text_form_named_csv_imports_as_its_utf8_csv(tmp_path: Path) -> None:
    """The central 自评表 saved by Excel as 「Unicode 文本」 (UTF-16 with its mark, tab-separated) and named
    .csv imports as the same form saved as 「CSV UTF-8」: before, it was refused as UTF-16 (「请在 Excel 中另存为
    CSV UTF-8」) although the export path reads the same file. A file marked UTF-16 that is not is still
    refused, saying what to do."""
    book = central_xlsx(tmp_path / "form.xlsx", percent_as_fraction=False)
    rows = [["" if v is None else str(v) for v in row] for row in load_workbook(str(book)).active.iter_rows(values_only=True)]
    (tmp_path / "utf8.csv").write_text(_text(rows, ","), encoding="utf-8")
    (tmp_path / "unicode.csv").write_bytes(_text(rows, "\t").encode("utf-16"))
    utf8, unicode = prepare(tmp_path / "utf8.csv", Hints()), prepare(tmp_path / "unicode.csv", Hints())
    assert utf8.draft is not None and unicode.draft is not None, unicode.report.failure
    assert len(unicode.draft.data["indicators"]) == 10
    assert unicode.draft.data == utf8.draft.data | {"source": "unicode.csv"}
    (tmp_path / "broken.csv").write_bytes(b"\xff\xfe" + "项目名称\t".encode("utf-16-le") + b"\x00\xd8")
    failure = prepare(tmp_path / "broken.csv", Hints()).report.failure
    assert "UTF-16" in failure and "另存为「CSV UTF-8（逗号分隔）」" in failure
