"""Hostile files a careless or malicious sender could hand in, each ending in bounded CPU with one
Chinese message, the data folder as it was.

A part that is cheap to send and dear to read is the attack here: each case below took seconds to
minutes of CPU from a file of a few kilobytes. `cpu_bound` stops a case that overruns (a CPU-time
alarm in this process, no child and no sleep), so a regression fails instead of hanging the suite.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from lxml import etree
from raw_office import MAIN, REL

from perfsite.importing.xlsx_reader import FORMULA_MAX, _print_areas


class Overran(Exception):
    pass


@contextmanager
def cpu_bound(seconds: float) -> Iterator[None]:
    """Raise Overran when the block uses more than `seconds` of this process's CPU time."""
    def stop(signum: int, frame: object) -> None:
        raise Overran(f"more than {seconds} CPU s")

    before = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, before)


def _workbook(area: str) -> etree._Element:
    return etree.fromstring(f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="自评表" sheetId="1" r:id="rId1"/>'
                            f'</sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">{area}'
                            '</definedName></definedNames></workbook>'.encode())


def test_a_print_area_longer_than_excel_writes_is_no_print_area_and_costs_nothing() -> None:
    """20,000 ranges in a 3 KB workbook took 7.5 CPU s to split (each comma looked ahead to the end)."""
    area = ",".join(["'自评表'!$A$1:$E$5"] * 20_000)
    with cpu_bound(2):
        assert _print_areas(_workbook(area)) == {}


@pytest.mark.parametrize("count", [1, FORMULA_MAX // len(",'自,表'!$A$1:$E$5")])
def test_a_print_area_excel_can_write_is_read_whole(count: int) -> None:
    area = ",".join(["'自,表'!$A$1:$E$5"] * count)
    assert len(area) <= FORMULA_MAX
    assert _print_areas(_workbook(area)) == {"自评表": ((1, 1, 5, 5),) * count}


def test_a_short_text_is_compacted_once_however_often_the_readers_ask(monkeypatch: pytest.MonkeyPatch) -> None:
    """The label readers compact each cell some forty times: a 1.9 MB CSV of 950,000 one-letter cells took
    79 CPU s, most of it compacting the same few texts again."""
    from perfsite.importing import grid

    calls = []
    monkeypatch.setattr(grid, "simplified", lambda text: calls.append(text) or text)
    grid._compact_short.cache_clear()
    assert {grid.compact(" 三级 指标 ") for _ in range(1000)} == {"三级指标"}
    assert grid.compact("１２％") == "12%"
    assert calls == ["三级指标", "１２％"]
    long = "甲" * 101
    assert grid.compact(long) == grid.compact(long) == long and calls[2:] == [long, long]  # long texts are not kept
    grid._compact_short.cache_clear()


def _import(capsys: pytest.CaptureFixture[str], path: Path, out: Path) -> tuple[int, str]:
    from perfsite.cli import main

    code = main(["import", str(path), "--out", str(out)])
    return code, capsys.readouterr().out


def test_a_file_of_more_cells_than_any_form_is_refused_before_the_recognisers(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A 1.9 MB CSV of 950,000 one-letter cells took 79 CPU s, a 9 MB web page of 900,000 more than 180 s
    (the cap is lowered here to keep the test cheap; the readers are the same)."""
    from perfsite.importing import pipeline

    monkeypatch.setattr(pipeline, "MAX_FORM_CELLS", 1000)
    path = tmp_path / "指标表.csv"
    path.write_text("项目名称,示例项目\n" + ("a," * 99 + "a\n") * 10, encoding="utf-8")
    code, out = _import(capsys, path, tmp_path / "data")
    assert code == 1
    assert "共有 1002 个有内容的单元格，超过一份自评表的上限 1000 个" in out and "未写出任何文件" in out
    assert not (tmp_path / "data").exists()


def test_a_word_file_refused_for_its_length_is_read_once(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused, it was read again for a report without tables, as long again (20,000 one-row tables: 8 CPU s twice)."""
    from raw_office import para, write_docx

    from perfsite.importing import docx_reader, pipeline

    monkeypatch.setattr(docx_reader, "MAX_PARAGRAPHS", 30)
    reads = []
    monkeypatch.setattr(pipeline, "read_blocks", lambda path: reads.append(path) or docx_reader.read_blocks(path))
    path = write_docx(tmp_path / "报告.docx", "".join(para(f"第{n}段") for n in range(40)))
    code, out = _import(capsys, path, tmp_path / "data")
    assert code == 1 and "Word 文档过长（超过 30 段" in out
    assert reads == [path]


def test_the_text_before_each_of_many_tables_is_found_without_searching_back(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Searched back over every block from each table, 20,000 one-row tables (190 KB) took 8 CPU s:
    counted here as the type tests the reader makes, which grew with the square of the tables."""
    from raw_office import para, tbl, tc, tr, write_docx

    from perfsite.importing import docx_reader

    tables = 1500
    path = write_docx(tmp_path / "表.docx", para("表前的说明") + "".join(tbl(tr(tc(para(str(n)))), columns=1)
                                                                    for n in range(tables)))
    tests = []
    monkeypatch.setattr(docx_reader, "isinstance", lambda *a: tests.append(1) or isinstance(*a), raising=False)
    blocks, _ = docx_reader.read_blocks(path)
    assert [b.before for b in blocks[1:]] == ["表前的说明"] * tables
    assert len(tests) < 20 * tables


def test_tables_of_more_text_than_a_word_document_may_hold_are_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """390 Excel cells of 30,000 characters each (a 7 MB workbook) took 65 CPU s (the cap is lowered here)."""
    from raw_office import Book, Sheet, form_rows, row, text_cell, write_xlsx

    from perfsite.importing import pipeline

    monkeypatch.setattr(pipeline, "MAX_TEXT", 2500)
    rows = "".join(row(r, text_cell(f"F{r}", "说明" * 500)) for r in range(10, 13))
    path = write_xlsx(tmp_path / "自评表.xlsx", Book([Sheet("自评表", form_rows() + rows)]))
    code, out = _import(capsys, path, tmp_path / "data")
    assert code == 1 and "字，超过一份自评表的上限 2500 字" in out and not (tmp_path / "data").exists()


_UNFONTED_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                 b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>endobj\n"
                 b"4 0 obj<</Length 44>>stream\nBT /F1 12 Tf 72 712 Td (Hello) Tj ET\nendstream endobj\n"
                 b"xref\n0 5\n0000000000 65535 f \n9999999999 00000 n \ngarbage\ntrailer<</Size 5/Root 1 0 R>>\n"
                 b"startxref\n99999\n%%EOF\n")
"""A PDF with a broken cross-reference table whose text names a font it never defines."""


def test_a_damaged_pdf_leaves_no_english_log_lines_on_the_terminal(tmp_path: Path) -> None:
    """pdfminer logged 「Could not get FontBBox from font descriptor because None cannot be parsed as
    4 floats」 twice above the Chinese result. A child process: pytest's own log handler would hide it."""
    import os
    import subprocess
    import sys

    path = tmp_path / "自评报告.pdf"
    path.write_bytes(_UNFONTED_PDF)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    result = subprocess.run([sys.executable, "-m", "perfsite", "import", str(path), "--out", str(tmp_path / "data")],
                            capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, check=False)
    assert result.returncode == 1 and "PDF" in result.stdout and "未写出任何文件" in result.stdout
    assert result.stderr == "", result.stderr


@pytest.mark.parametrize(("text", "says"), [
    ("year: '2024'", "「2024」：年度两边加了引号，就成了文字，请去掉引号（写成 year: 2021）"),
    ('year: " 2024"', "年度两边加了引号"),
    ("year: 2024年", "而不是「2024年」"),
    ("year: 1900", "而不是「1900」"),
])
def test_a_year_in_quotes_is_named_as_such(text: str, says: str) -> None:
    """「year 应是四位数的年度（如 2021），而不是「2024」」 named no fault the clerk could see."""
    from perfsite.problems import Problems
    from perfsite.reader import read_year
    from perfsite.yamlload import load_yaml_text

    problems = Problems("a.yaml")
    assert read_year(load_yaml_text(text).data, problems) == 0  # type: ignore[arg-type]
    [problem] = problems.items
    assert says in problem.message
    assert ("引号" in problem.message) == ("引号" in says)


def test_a_file_named_with_a_leading_dash_is_said_to_be_taken_for_an_option(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """`perfsite import -自评表.xlsx` said only 「缺少必须给出的参数：FILE」 beside a file plainly there."""
    from perfsite.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "-自评表.xlsx").write_bytes(b"")
    with pytest.raises(SystemExit) as exit_:
        main(["import", "-自评表.xlsx"])
    assert exit_.value.code == 2
    assert "「-自评表.xlsx」是一个文件，但以 - 开头的文件名会被当作选项：请写成 ./-自评表.xlsx" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["import", "--nothing-here"])
    assert "提示" not in capsys.readouterr().err


def test_a_web_page_export_named_xls_is_left_to_the_export_reader_whatever_its_cells(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A finance system's export as a web page named .xls is read as an export (bulk) beyond the cell cap,
    as before it; the same table named .html is no export a system writes, and is refused."""
    from test_import_bulk import HEAD, ROWS

    from perfsite.importing import pipeline

    monkeypatch.setattr(pipeline, "MAX_FORM_CELLS", 10)
    page = "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in [HEAD, *ROWS]) + "</table>"
    for suffix in (".xls", ".html"):
        path = tmp_path / f"导出{suffix}"
        path.write_text(page, encoding="utf-8")
        code, out = _import(capsys, path, tmp_path / suffix)
        written = sorted(p.name for p in (tmp_path / suffix).rglob("*.yaml"))
        if suffix == ".xls":
            assert code == 0 and len(written) == 2, out
        else:
            assert code == 1 and "超过一份自评表的上限 10 个" in out and written == []


def test_a_list_of_thousands_is_cut_short_in_the_text_and_whole_in_json(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """3,000 sheets with a word each listed 3,000 「未能归位」 lines above what was written."""
    import json

    from raw_office import Book, Sheet, form_rows, row, text_cell, write_xlsx

    from perfsite.cli import main
    from perfsite.importing.commands import TEXT_LISTED

    extra = [Sheet(f"S{n}", row(1, text_cell("A1", f"备注{n}"))) for n in range(TEXT_LISTED + 3)]
    path = write_xlsx(tmp_path / "自评表.xlsx", Book([Sheet("自评表", form_rows()), *extra]))
    code, out = _import(capsys, path, tmp_path / "data")
    assert code == 0 and f"未能归位的内容（{TEXT_LISTED + 3} 处" in out
    assert f"工作表「S{TEXT_LISTED - 1}」 A1：备注{TEXT_LISTED - 1}" in out and f"「S{TEXT_LISTED}」" not in out
    assert "……另有 3 处未逐一列出（加 --format json 可列出全部）" in out and "已写出" in out
    main(["import", str(path), "--out", str(tmp_path / "json"), "--format", "json"])
    [file] = json.loads(capsys.readouterr().out)["files"]
    assert len(file["unplaced"]) == TEXT_LISTED + 3


def test_a_file_of_too_many_values_written_out_is_not_called_an_alias_bomb() -> None:
    """7,000 one-line indicators (under the 1 MB cap) were refused as 「可能是别名炸弹」, an attack no one made."""
    from perfsite.yamlload import MAX_NODES, load_yaml_text

    rows = "".join(f"  - {{name: 指标{n}, weight: 1}}\n" for n in range(MAX_NODES // 4))
    [written] = load_yaml_text("indicators:\n" + rows).problems
    assert f"文件中的值超过 {MAX_NODES} 个" in written.message and "别名" not in written.message
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 10)}]\n" for n in range(5))
    [aliased] = load_yaml_text(bomb).problems
    assert "可能是别名炸弹" in aliased.message


def test_a_converted_file_refused_for_its_bulk_stays_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The note naming LibreOffice's conversion made a refusal a plain failure, and the file was read again."""
    from perfsite.importing import pipeline
    from perfsite.importing.sniff import Refused

    def refuse(path: Path, kind: str) -> None:
        raise Refused("Word 文档过长")

    monkeypatch.setattr(pipeline, "_read", refuse)
    monkeypatch.setattr(pipeline, "sniff", lambda path: "docx")
    with pytest.raises(Refused, match=r"（经 LibreOffice 转换为 \.docx 后）Word 文档过长"):
        pipeline.read_converted(tmp_path / "报告.docx")


def test_a_pdf_refused_for_its_pages_is_read_once(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Each refused PDF was read again for a report without tables: a PDF bomb twice up to the reading
    child's 1 GB and 60 s (two bombs: four children, 11.1 s; now two, 1.6 s)."""
    from PIL import Image

    from perfsite.importing import pdf_reader

    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 1)
    reads = []
    forked = pdf_reader._forked
    monkeypatch.setattr(pdf_reader, "_forked", lambda path: reads.append(path) or forked(path))
    path = tmp_path / "报告.pdf"
    Image.new("1", (8, 8)).save(path, save_all=True, append_images=[Image.new("1", (8, 8))])
    code, out = _import(capsys, path, tmp_path / "data")
    assert code == 1 and "PDF 共 2 页，超过一份自评报告的上限（1 页）" in out
    assert reads == [path]


def test_an_ofd_refused_for_its_bulk_is_read_once(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """As a PDF: refused for its pages or drawings, an OFD was read again for a report without tables."""
    from ofd_makers import prose_ofd

    from perfsite.importing import ofd_reader

    monkeypatch.setattr(ofd_reader, "MAX_DRAWN", 5)
    reads = []
    read = ofd_reader.read_ofd
    monkeypatch.setattr(ofd_reader, "read_ofd", lambda path: reads.append(path) or read(path))
    path = tmp_path / "报告.ofd"
    path.write_bytes(prose_ofd([f"第{n}段正文" for n in range(10)]))
    code, out = _import(capsys, path, tmp_path / "data")
    assert code == 1 and "OFD 内容过多（超过 5 个字和图形）" in out
    assert reads == [path]
