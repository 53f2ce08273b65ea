"""Print layouts that units and bureaus publish, made with LibreOffice from the corpus's .xlsx
(tests/forms/), each imported to the golden file or refused naming its page — never a wrong figure.

tests/test_forms_pdf.py prints every form landscape, portrait and in a large font with and
without the header row repeated on every page; the layouts here are the other settings a clerk
prints with: a page header with the unit's name and a 「第 1 页 共 3 页」 footer on every page; a
seal picture over the 总分 cell; a manual page break inside a merged 一级指标 cell; 「缩放到一页」
(tiny text, rows shrunk below their wrapped text); the facts rows (项目名称 … 主管部门 … 实施单位 …,
two pairs on a line) printed without rules above the ruled table, their labels also spread over
their cells (「主 管 部 门」); no rules at all (WPS 「无框线」)
or only horizontal ones; three programmes' forms stacked in one sheet with a page break before
the third. All are printed in one LibreOffice run (module fixture).

Also here: forms stacked in one PDF as a report engine draws them (tests/pdf_makers.py), and a
text layer that names look-alike characters (Kangxi radicals 「⽬」 for 目, compatibility ideographs,
WPS's ToUnicode maps) instead of the characters the page shows.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from forms.make import Form, forms, load_form, make, write_xlsx
from pdf_makers import DRAWINGS, Drawing, draw_form
from test_forms import assert_imports_as, differences, scored
from test_forms_pdf import Print, _header_row, _print_xlsx
from test_import_formats import lo_convert_all, office  # noqa: F401  (office is the fixture)

from perfsite.cli import main
from perfsite.importing.labels import FACTS, is_total, match
from perfsite.importing.pdf_reader import cut_row, read_here

FOLDERS = {f.name[:3]: f for f in forms()}


def _sheet(path: Path):  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    book = load_workbook(str(path))
    return book, book.active, [[c.value for c in row] for row in book.active.iter_rows()]


def _borders(path: Path, keep: str, rows: set[int] | None = None) -> None:
    """No rules (`keep` ""), or only the horizontal ones ("h"), on `rows` (all if None)."""
    from openpyxl.styles import Border, Side

    book, sheet, _ = _sheet(path)
    thin = Side(style="thin")
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=sheet.max_column):
        for cell in row:
            if rows is None or cell.row in rows:
                cell.border = Border(top=thin, bottom=thin) if keep == "h" else Border()
    book.save(str(path))


def header_footer(path: Path) -> None:
    """A large print over several pages, the unit's name as the page header and 「第 1 页 共 N 页」 as the footer."""
    _print_xlsx(path, Print("p", "xlsx", landscape=True, font=16))
    book, sheet, _ = _sheet(path)
    sheet.oddHeader.center.text = "某某县财政局"
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"
    book.save(str(path))


def seal(path: Path) -> None:
    """A red seal picture laid over the 总分 row's figures (盖章 on the printed form)."""
    from openpyxl.drawing.image import Image
    from openpyxl.utils import get_column_letter
    from PIL import Image as Picture
    from PIL import ImageDraw

    _print_xlsx(path, Print("p", "xlsx", landscape=True))
    book, sheet, values = _sheet(path)
    picture = Picture.new("RGBA", (150, 150), (255, 255, 255, 0))
    ImageDraw.Draw(picture).ellipse((4, 4, 146, 146), outline=(220, 0, 0, 255), width=6)
    png = path.with_suffix(".png")
    picture.save(png)
    total = next(r for r, row in enumerate(values, 1) if any(isinstance(v, str) and is_total(v) for v in row))
    last = max(c for c, v in enumerate(values[total - 1], 1) if v is not None)
    sheet.add_image(Image(str(png)), f"{get_column_letter(max(last - 1, 1))}{max(total - 1, 1)}")
    book.save(str(path))


def break_in_merge(path: Path) -> None:
    """A manual page break in the middle of the longest merged 一级/二级指标 cell."""
    from openpyxl.worksheet.pagebreak import Break

    _print_xlsx(path, Print("p", "xlsx", landscape=True))
    book, sheet, values = _sheet(path)
    header = _header_row(values) or 0
    spans = [s for s in sheet.merged_cells.ranges if s.min_col <= 3 and s.max_row - s.min_row >= 2 and s.min_row > header]
    longest = max(spans, key=lambda s: s.max_row - s.min_row)
    sheet.row_breaks.append(Break(id=(longest.min_row + longest.max_row) // 2))
    book.save(str(path))


def fit_page(path: Path) -> None:
    """「缩放到一页」 (fit to one page wide and tall) in a 14 pt font: everything shrunk, tiny text."""
    from openpyxl.styles import Font

    _print_xlsx(path, Print("p", "xlsx"))
    book, sheet, _ = _sheet(path)
    sheet.page_setup.fitToHeight = 1
    for row in sheet.iter_rows():
        for cell in row:
            cell.font = Font(size=14)
    book.save(str(path))


def facts_above(path: Path) -> None:
    """The title and facts rows (项目名称 | … ; 主管部门 | … | 实施单位 | …) without rules: lines of
    text with gaps above the ruled table."""
    _print_xlsx(path, Print("p", "xlsx", landscape=True))
    _, _, values = _sheet(path)
    header = _header_row(values) or 0
    top: set[int] = set()
    for r, row in enumerate(values[:header], 1):
        texts = [str(v) for v in row if v is not None]
        if len(texts) > 1 and not match(texts[0], FACTS, whole=True):
            break
        top.add(r)
    _borders(path, "", top)


def facts_spread(path: Path) -> None:
    """The same, the labels spread over their cells (分散对齐: 「主 管 部 门」), the value printed
    right after the cell's edge (「项 目 名 称中江县…」)."""
    from openpyxl.styles import Alignment

    facts_above(path)
    book, sheet, _ = _sheet(path)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and match(cell.value, FACTS, whole=True):
                cell.alignment = Alignment(horizontal="distributed", vertical="center")
    book.save(str(path))


def no_rules(path: Path) -> None:
    _print_xlsx(path, Print("p", "xlsx", landscape=True))
    _borders(path, "")


def horizontal_rules(path: Path) -> None:
    _print_xlsx(path, Print("p", "xlsx", landscape=True))
    _borders(path, "h")


LAYOUTS: dict[str, tuple[Callable[[Path], None], tuple[str, ...]]] = {
    "header-footer": (header_footer, ("b05", "c05")),
    "seal": (seal, ("b01", "c05")),
    "break-in-merge": (break_in_merge, ("b04", "c05")),
    "fit-page": (fit_page, ("b04", "c05", "b05")),
    "facts-above": (facts_above, ("b01", "b02", "c01", "d01")),
    "facts-spread": (facts_spread, ("b01", "c01")),
    "no-rules": (no_rules, ("b01", "b05")),
    "horizontal-rules": (horizontal_rules, ("b04", "b03")),
}
"""Layout → (how the sheet is set up, the forms printed so)."""
IMPORTED = ("header-footer", "seal", "break-in-merge", "fit-page", "facts-above", "facts-spread")
STACK = ("b01", "b04", "b05")
OVERPRINTED = ("fit-page", "b05")


def _stack(folders: list[Path], path: Path) -> None:
    """Three forms one below the other in one sheet, two blank rows apart, a page break before the
    third's title (one form per page from there, as a department prints its sheet)."""
    from openpyxl.worksheet.pagebreak import Break

    parts = [load_form(f) for f in folders]
    width = max(p.width for p in parts)
    rows: list[list[str]] = []
    merges: list[tuple[int, int, int, int]] = []
    cells: set[tuple[int, int]] = set()
    starts = []
    for n, part in enumerate(parts):
        if n:
            rows += [[""] * width, [""] * width]
        starts.append(len(rows))
        merges += [(r0 + len(rows), c0, r1 + len(rows), c1) for r0, c0, r1, c1 in part.merges]
        cells |= {(r + len(rows), c) for r, c in part.text_cells}
        rows += [r + [""] * (width - len(r)) for r in part.rows]
    write_xlsx(Form(parts[0].folder, dict(parts[0].meta), rows, merges, cells), path)
    _print_xlsx(path, Print("p", "xlsx", landscape=True))
    book, sheet, _ = _sheet(path)
    sheet.row_breaks.append(Break(id=starts[2]))  # the break goes after this (1-based) row: the third's title opens a page
    book.save(str(path))


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory, office: str) -> dict[tuple[str, str], Path]:  # noqa: F811
    """(layout, form key) → the PDF, and ("stack", "") → the three stacked forms; one LibreOffice run."""
    tmp = tmp_path_factory.mktemp("pdf-layouts")
    (tmp / "src").mkdir()
    sources: dict[tuple[str, str], Path] = {}
    made: dict[str, Path] = {}
    for layout, (setup, keys) in LAYOUTS.items():
        for key in keys:
            if key not in made:
                made[key] = make(FOLDERS[key], tmp / "in" / key)[0]
            source = tmp / "src" / f"{key}--{layout}.xlsx"
            shutil.copyfile(made[key], source)
            setup(source)
            sources[(layout, key)] = source
    _stack([FOLDERS[k] for k in STACK], tmp / "src" / "stack.xlsx")
    sources[("stack", "")] = tmp / "src" / "stack.xlsx"
    return lo_convert_all(office, sources, "pdf", tmp / "pdf", timeout=600)


def _run(pdf: Path, tmp_path: Path, year: bool = True) -> tuple[list[Path], str]:
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        main(["import", str(pdf), "--out", str(tmp_path / "out"), *([] if year else ["--year", "2099"])])
    return sorted((tmp_path / "out").rglob("*.yaml")), shown.getvalue()


def _handed_in(folder: Path, pdf: Path, tmp_path: Path) -> Path:
    """The PDF under the name a unit hands it in (some forms state the year only there)."""
    named = tmp_path / f"{load_form(folder).file}.pdf"
    named.write_bytes(pdf.read_bytes())
    return named


CASES = [(layout, key) for layout in IMPORTED for key in LAYOUTS[layout][1] if (layout, key) != OVERPRINTED]


@pytest.mark.parametrize(("layout", "key"), CASES, ids=[f"{layout}-{key}" for layout, key in CASES])
def test_a_print_layout_imports_to_the_golden_file(layout: str, key: str, printed: dict[tuple[str, str], Path],
                                                   tmp_path: Path) -> None:
    folder = FOLDERS[key]
    pdf = _handed_in(folder, printed[(layout, key)], tmp_path)
    want = scored(folder / "golden.yaml")
    args = ["import", str(pdf), "--out", str(tmp_path / "out")] + ([] if want.programme.year else ["--year", "2099"])
    assert_imports_as(args, tmp_path / "out", want, f"{pdf.name} ({layout})")


def test_the_running_header_beside_a_merged_cells_text_is_no_body_text(printed: dict[tuple[str, str], Path]) -> None:
    """Calc prints a merged 绩效指标 cell running over the break on the header's line of page 2
    (「绩效指标      某某县财政局」): read as one line, neither was the header, and the body line
    parted the table from its continuation (three indicators lost). The header is found per stretch."""
    blocks, headers = read_here(printed[("header-footer", "b05")])
    assert headers == ["某某县财政局"], headers
    assert not [b for b in blocks if "某某县财政局" in getattr(b, "text", "")]


def test_text_printed_over_other_text_is_named_with_its_cells(printed: dict[tuple[str, str], Path], tmp_path: Path) -> None:
    """「缩放到一页」 shrinks rows below their wrapped text: 「经济效益指标」 runs into the row of
    「社会效益指标」, their characters interleave in the text layer (「指社标会效益」). The import says
    which cells, with what it read; the figures stay right."""
    folder = FOLDERS["b05"]
    files, shown = _run(_handed_in(folder, printed[OVERPRINTED], tmp_path), tmp_path)
    for row in (19, 20, 21):
        assert f"PDF 第 1 页表格第{row}行第3列的文字与别的文字叠印（行高放不下，文字印出了格子）" in shown, shown
    assert "请对照原件或 Excel 原件改正" in shown
    [written] = files
    got, want = scored(written), scored(folder / "golden.yaml")
    assert [(i.name, i.weight, i.score) for i in got.programme.indicators] == \
        [(i.name, i.weight, i.score) for i in want.programme.indicators]


@pytest.mark.parametrize(("layout", "key"), [(layout, key) for layout in ("no-rules", "horizontal-rules")
                                             for key in LAYOUTS[layout][1]])
def test_a_table_without_vertical_rules_is_refused_naming_the_page(layout: str, key: str,
                                                                   printed: dict[tuple[str, str], Path],
                                                                   tmp_path: Path) -> None:
    files, shown = _run(printed[(layout, key)], tmp_path, year=False)
    assert not files, shown
    assert "PDF 第 1 页的指标表没有框线" in shown and "带框线打印的 PDF" in shown, shown


def test_a_form_opening_a_page_after_another_is_a_form_of_its_own(printed: dict[tuple[str, str], Path],
                                                                  tmp_path: Path) -> None:
    """Three forms in one sheet, the third's title at the top of page 2: each is written as its
    golden file, none of the third's rows joined to the second's last row."""
    files, shown = _run(printed[("stack", "")], tmp_path)
    assert "本文件有 3 个项目的自评表" in shown, shown
    assert len(files) == 3, shown
    for written in files:
        got = scored(written)
        folder = next(FOLDERS[k] for k in STACK if scored(FOLDERS[k] / "golden.yaml").programme.name == got.programme.name)
        want = scored(folder / "golden.yaml")
        if not want.programme.year:
            got.programme.year = 0
        assert not differences(got, want), (folder.name, differences(got, want))


def test_three_forms_stacked_as_an_engine_draws_them_import_each_as_alone(tmp_path: Path) -> None:
    """The engine's page 3 opens (under the header it repeats) with the third form's 「中央主管部门 |
    财政部」 below page 2's 「转移支付(项目)名称 | …」: two rows of a label and its value, with text
    under the same cells, which was taken for the middle of a row cut twice."""
    parts = [load_form(FOLDERS[k]) for k in STACK]
    width = max(p.width for p in parts)
    rows: list[list[str]] = []
    merges: list[tuple[int, int, int, int]] = []
    for n, part in enumerate(parts):
        if n:
            rows += [[""] * width, [""] * width]
        merges += [(r0 + len(rows), c0, r1 + len(rows), c1) for r0, c0, r1, c1 in part.merges]
        rows += [r + [""] * (width - len(r)) for r in part.rows]
    pdf = tmp_path / "各项目.pdf"
    pdf.write_bytes(draw_form(Form(parts[0].folder, dict(parts[0].meta), rows, merges, set()), DRAWINGS[0]))
    assert pdf.read_bytes().count(b"/Type /Page ") == 3
    files, shown = _run(pdf, tmp_path)
    assert "本文件有 3 个项目的自评表" in shown and len(files) == 3, shown
    for k in STACK:
        want = scored(FOLDERS[k] / "golden.yaml")
        got = next(scored(f) for f in files if scored(f).programme.name == want.programme.name)
        if not want.programme.year:
            got.programme.year = 0
        assert not differences(got, want), (k, differences(got, want))


def test_two_label_rows_are_no_row_cut_twice() -> None:
    """Text under the same cells as the row before is the middle of a row cut twice only where that
    row was all its page held (`middle`)."""
    last = ["转移支付(项目)名称", None, "车辆购置税收入补助地方资金", None, "", ""]
    first = ["中央主管部门", None, "财政部", None, "", ""]
    assert not cut_row(last, first)
    assert cut_row(last, first, middle=True)


LOOK_ALIKES = (("金", "\u2fa6"), ("一", "\u2f00"), ("二", "\u2f06"), ("目", "\u2f6c"), ("工", "\u2f2f"),
               ("年", "\uf98e"), ("率", "\uf961"))
"""WPS's ToUnicode names these glyphs by the Kangxi radical (⾦ ⼀ ⼆ ⽬ ⼯) or the compatibility
ideograph (年 率) that shares them."""


@pytest.mark.parametrize("key", ["b01", "b04", "c05"])
def test_look_alike_characters_are_read_as_the_page_shows_them_and_said(key: str, tmp_path: Path) -> None:
    """「项⽬名称」 matched no label and 「2022年度」 named no year: the radicals and compatibility
    ideographs are read as the characters they look like (NFKC), and the import says so."""
    folder = FOLDERS[key]
    pdf = tmp_path / f"{load_form(folder).file}.pdf"
    pdf.write_bytes(draw_form(load_form(folder), Drawing("wps", shown=LOOK_ALIKES)))
    want = scored(folder / "golden.yaml")
    args = ["import", str(pdf), "--out", str(tmp_path / "out")] + ([] if want.programme.year else ["--year", "2099"])
    assert_imports_as(args, tmp_path / "out", want, f"{pdf.name} (look-alikes)")
    _, shown = _run(pdf, tmp_path / "again", year=bool(want.programme.year))
    assert "PDF 第 1 页的文字层中有与常用字同形的康熙部首、兼容汉字或连字（" in shown and "「⽬」→「目」" in shown, shown
    assert "已按页面上看到的常用字读取：请对照原件核对" in shown, shown


def test_a_corpus_form_without_look_alikes_gets_no_note(tmp_path: Path) -> None:
    folder = FOLDERS["b01"]
    pdf = tmp_path / f"{load_form(folder).file}.pdf"
    pdf.write_bytes(draw_form(load_form(folder), DRAWINGS[0]))
    _, shown = _run(pdf, tmp_path)
    assert "同形" not in shown, shown



WIDE = (*((d, chr(ord(d) + 0xFEE0)) for d in "0123456789%"), ("(", "（"), (")", "）"))
"""A font whose character map gives its digits, percent sign and brackets as the full-width code points."""


@pytest.mark.parametrize("key", ["b01", "c01", "b05"])
def test_full_width_digits_in_the_text_layer_still_give_the_year_and_figures(key: str, tmp_path: Path) -> None:
    """「（２０２２年度）」 names the year, 「２０」 under 分值 is 20; a name is written as the text layer
    gives it (a clerk may have typed 「５０人」 so: the text is not changed), equal to the golden
    file's under NFKC."""
    import unicodedata

    folder = FOLDERS[key]
    pdf = tmp_path / f"{load_form(folder).file}.pdf"
    pdf.write_bytes(draw_form(load_form(folder), Drawing("wide", shown=WIDE)))
    files, shown = _run(pdf, tmp_path)
    assert len(files) == 1, shown
    got, want = scored(files[0]), scored(folder / "golden.yaml")
    assert got.programme.year == want.programme.year
    assert [(i.weight, i.score, i.target, i.actual) for i in got.programme.indicators] == \
        [(i.weight, i.score, i.target, i.actual) for i in want.programme.indicators]
    assert [unicodedata.normalize("NFKC", i.name) for i in got.programme.indicators] == \
        [unicodedata.normalize("NFKC", i.name) for i in want.programme.indicators]
    assert (got.total, got.grade) == (want.total, want.grade)


def test_two_labelled_facts_on_one_line_are_two_facts(tmp_path: Path) -> None:
    """Word's 「项目名称：…⇥⇥主管部门：…」 above the ruled table: two 「label：value」 stretches of a
    line, read as two facts, not as one paragraph running both together."""
    from pdf_makers import draw_page

    from perfsite.importing.grid import Grid
    from perfsite.importing.tables import scan

    rules = [(50, 100, 450, 100), (50, 130, 450, 130), (50, 160, 450, 160),
             (50, 100, 50, 160), (250, 100, 250, 160), (350, 100, 350, 160), (450, 100, 450, 160)]
    texts = [(50, 60, "项目名称：农村公路养护"), (300, 60, "主管部门：某县交通运输局"),
             (50, 80, "实施单位：某县公路段"), (55, 120, "三级指标"), (255, 120, "分值"), (355, 120, "得分"),
             (55, 150, "完成率"), (255, 150, "10"), (355, 150, "10")]
    pdf = tmp_path / "facts.pdf"
    pdf.write_bytes(draw_page(rules, texts))
    blocks, _ = read_here(pdf)
    found = scan([b for b in blocks if isinstance(b, Grid)])
    assert found.facts == {"name": "农村公路养护", "department": "某县交通运输局", "unit": "某县公路段"}, found.facts


def test_look_alikes_are_replaced_and_listed_other_text_is_left() -> None:
    """Only the look-alike blocks change (radicals, compatibility ideographs, ligatures): full-width
    digits and the common characters stay as the text layer gives them."""
    from perfsite.importing.pdf_reader import _common

    chars: list[dict[str, object]] = [{"text": t} for t in ("\u2fa6", "\ufb01", "\uf98e", "金", "２", "（")]
    assert _common(chars) == {"\u2fa6": "金", "\ufb01": "fi", "\uf98e": "年"}
    assert [c["text"] for c in chars] == ["金", "fi", "年", "金", "２", "（"]
