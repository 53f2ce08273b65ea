"""PDF prints of real forms cut by page breaks, and PDFs no one can read (tests/forms_pdf28, made by makers.py
there)."""

from __future__ import annotations

from pathlib import Path

import yaml
from test_import_pdf26 import _import, _without_source

from perfsite.importing.pdf_reader import cut_row

HERE = Path(__file__).resolve().parent
FORMS = HERE / "forms_pdf28"


def _read(paths: list[Path]) -> dict[str, dict[str, object]]:
    """Each written file's data by its name, the annual goal's spaces left out: a space typed where the print
    wraps a line is not in the PDF (「三营镇 11」「个乡镇」 reads 「11个」)."""
    out = {}
    for path in paths:
        data = yaml.safe_load(_without_source(path))
        data["annual_goal"] = str(data.get("annual_goal", "")).replace(" ", "")
        out[path.name] = data
    return out


def _as_word(folder: str, tmp_path: Path) -> dict[str, dict[str, object]]:
    """The import of a held form's own Word file."""
    from forms.make import load_form, write_docx

    docx = write_docx(load_form(HERE / folder), tmp_path / f"{Path(folder).name}.docx")
    return _read(_import(docx, tmp_path / "word"))


def test_a_valueless_row_cut_after_one_line_is_one_indicator(tmp_path: Path) -> None:
    """l18-large.pdf: 原州区's 目标表 at 14 pt prints 「经济效益」「增加就业机」 one line high at page 1's foot and
    「指标(选填)」「会,提高农民收入。」 at page 2's top, no 指标值 on either page. It was two indicators, 「增加就业机」
    and 「会,提高农民收入。」; each cell's line stopped where the next page's first word would not fit, and it now
    imports as its Word file does."""
    written = _read(_import(FORMS / "l18-large.pdf", tmp_path / "out"))
    assert written == _as_word("forms_layouts/l18-yuanzhou-shuiyuan-hanyanglin", tmp_path)
    [data] = written.values()
    assert "增加就业机会,提高农民收入。" in [i["name"] for i in data["indicators"]]  # type: ignore[attr-defined]


def test_a_valueless_row_goes_on_only_where_each_cell_wrapped_at_its_edge() -> None:
    """The cut's cells as pdfplumber gives them: with both cells wrapped at their edge it is one row; with one of
    them ending short of its edge (a name that ended there), or a value beside it, two."""
    last = [None, "效益指标", "经济效益", "增加就业机", ""]
    first = ["", "", "指标\n(选填)", "会,提高农\n民收入。", ""]
    assert cut_row(last, first, wrapped=[2, 3])
    assert not cut_row(last, first)
    assert not cut_row(last, first, wrapped=[3])
    assert not cut_row(last, ["", "", "指标\n(选填)", "会,提高农\n民收入。", "100"], wrapped=[2, 3])
