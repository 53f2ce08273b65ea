"""What the clerk is told of rows the importer leaves out: one thing, said once."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from forms.make import load_form, write_xlsx
from test_import_layout import run_import

FORMS = Path(__file__).resolve().parent / "forms_layouts"


def test_a_template_row_left_out_is_not_said_to_be_imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """廊坊's form (tests/forms_layouts/l01) keeps the template's empty 「指标2」 and 「……」 rows under each filled
    one: they are left out as template rows, so no note may tell the clerk they were imported as indicators
    and to merge them into the name above (the two notes said opposite things of the same rows)."""
    form = load_form(FORMS / "l01-langfang-nuantong")
    out, said = run_import(tmp_path, write_xlsx(form, tmp_path / "l01.xlsx"), capsys)
    names = [i["name"] for i in yaml.safe_load(out.read_text(encoding="utf-8"))["indicators"]]
    assert "指标2" not in names and "……" not in names
    assert "「指标2」、「……」、「指标1」是表格模板中未填写的行，未作为指标导入" in said
    assert "已作为一项指标导入" not in said, said


def test_an_indicator_missing_from_the_word_report_is_said_with_its_space() -> None:
    """「不在 Word 报告中」, spaced as 「以 Word 报告为准」 is; a file named in brackets needs none."""
    from perfsite.importing.assemble import Draft
    from perfsite.importing.crosscheck import compare

    word, form = Draft(), Draft()
    word.data["indicators"] = [{"name": "甲", "weight": 50}]
    form.data["indicators"] = [{"name": "甲", "weight": 50}, {"name": "乙", "weight": 50}]
    said = compare(word, form)
    assert "指标「乙」不在 Word 报告中" in said, said
    assert "指标「乙」不在「a.docx」中" in compare(word, form, "「a.docx」")


def test_a_template_row_opening_a_pdf_page_is_no_remainder_of_the_row_above() -> None:
    """廊坊's form printed to PDF breaks the page under 「指标1项目完成及时率 | 100 | 100 | 10 | 10」, the next page
    opening on the template's empty 「指标2」: a row of its own (left out as a template row), not the rest of
    the name above, which became 「项目完成及时率指标2」. A real remainder (「率」) is still joined."""
    from perfsite.importing.pdf_reader import cut_row

    last = ["", "时效指标", "指标1项目完成及时率", "100", "100", "10", "10", ""]
    assert not cut_row(last, ["", "", "指标2", "", "", "", "", ""])
    assert not cut_row(last, ["", "", "……", "", "", "", "", ""])
    assert cut_row(last, ["", "", "率", "", "", "", "", ""])
