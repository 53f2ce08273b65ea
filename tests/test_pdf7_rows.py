"""A Word table's row cut by a page break under a cell merged down from the rows above."""

from __future__ import annotations

from pathlib import Path

from forms.make import load_form
from test_forms import assert_imports_as, scored

from perfsite.importing.pdf_reader import cut_row

HERE = Path(__file__).parent
FORM = HERE / "forms" / "b06-huanggang-shuibao"


def test_the_rest_of_a_merged_cell_s_text_over_a_cut_row_is_no_new_row() -> None:
    """黄冈市's form printed by Word with narrow columns at 14 pt: the page ends inside the row
    「产出指 | 质量指 | 监测数 | 100% | 100% | 20」, and the next page's first row holds the rest of
    its cells (「标」「标」「据资料整编」) and, under the 一级 cell merged down from the rows above
    (no box of its own: None), the rest of that cell's text 「分)」 (「年度绩效目标2(40」)."""
    last = [None, "产出指", "质量指", "监测数", "100%", "100%", "20"]
    first = ["分)", "标", "标", "据资料\n整编", "", "", ""]
    assert cut_row(last, first)


def test_a_new_row_under_a_merged_cell_is_still_a_row_of_its_own() -> None:
    """A next row with figures of its own is new whatever the merged cell beside it shows."""
    last = [None, "产出指标", "质量指标", "监测数据资料整编", "100%", "100%", "20"]
    first = ["分)", "产出指标", "进度指标", "完成年度资料上报", "100%", "100%", "20"]
    assert not cut_row(last, first)


def test_the_word_print_imports_to_the_golden_file(tmp_path: Path) -> None:
    """The whole print (tests/forms_pdf7/SOURCES.md): before, 「监测数」 and 「据资料整编」 were two
    indicators, the second with no figures and 一级/二级 「标」."""
    pdf = tmp_path / f"{load_form(FORM).file}.pdf"
    pdf.write_bytes((HERE / "forms_pdf7" / "b06-docx-narrow-large.pdf").read_bytes())
    assert_imports_as(["import", str(pdf), "--out", str(tmp_path / "out")], tmp_path / "out",
                      scored(FORM / "golden.yaml"), pdf.name)
