"""Web pages beyond a form's caps are refused while they are tokenized, before a tree is walked or a
table laid out, naming the file and the line reached; a system's export named .xls goes to `bulk`
at once, which reads it within its own caps. The caps are made small here so that each page is a
few hundred cells: the rule, not the size, is what is tested."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsite.importing import html_reader, pipeline
from perfsite.importing.assemble import Hints
from perfsite.importing.bulk import read_old_sheets
from perfsite.importing.html_reader import Caps, read_html
from perfsite.importing.sniff import Oversized

HEADER = "<tr>" + "".join(f"<td>{h}</td>" for h in ("项目名称", "主管部门", "一级指标", "二级指标", "三级指标",
                                                    "年度指标值", "实际完成值", "分值", "得分")) + "</tr>\n"
ROW = "<tr>" + "".join(f"<td>{v}</td>" for v in ("某项目", "某局", "产出指标", "数量指标", "培训人次", "100", "100",
                                                 "10", "10")) + "</tr>\n"


@pytest.fixture(autouse=True)
def small_caps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_reader, "FORM", Caps(300, 3000, 1000, "一份自评表", "请拆开"))
    monkeypatch.setattr(html_reader, "EXPORT", Caps(600, 6000, 2000, "一份系统导出表", "请分批导出"))


@pytest.fixture
def never_laid_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page refused while read never reaches the layout of its tables."""
    def fail(*_: object) -> None:
        raise AssertionError("the table was laid out")
    monkeypatch.setattr(html_reader, "table_grid", fail)


def _page(path: Path, body: str) -> Path:
    path.write_text(f"<html><body>\n{body}</body></html>", encoding="utf-8")
    return path


@pytest.mark.parametrize(("body", "said"), [
    ("<table>\n" + "<tr><td>1</td><td>2</td></tr>\n" * 200 + "</table>\n", "超过 300 个有内容的单元格"),
    ("<table><tr><td>甲</td><td>乙</td></tr></table>\n" * 200, "超过 300 个有内容的单元格"),  # many small tables
    ("<table>\n" + ("<tr><td>" + "字" * 100 + "</td></tr>\n") * 40 + "</table>\n", "超过 3000 字"),
    ("<table>\n" + ("<tr>" + "<td></td>" * 10 + "</tr>\n") * 100 + "</table>\n", "超过 1000 个元素（标签）"),  # empty cells cost too
    ("<table><tr><td>项目名称</td></tr></table>\n" + "<p>" * 1001, "超过 1000 个元素（标签）"),  # and any element
])
def test_a_page_beyond_a_forms_caps_is_refused_while_read(tmp_path: Path, never_laid_out: None, body: str,
                                                          said: str) -> None:
    page = _page(tmp_path / "大表.html", body)
    with pytest.raises(Oversized) as refused:
        read_html(page)
    message = str(refused.value)
    assert message.startswith("「大表.html」读到第 ") and f"行时已有{said}，超过一份自评表的上限" in message and "请拆开" in message
    prepared = pipeline.prepare(page, Hints())
    assert said in (prepared.report.failure or "") and not prepared.export


def test_the_refusal_names_the_line_reached(tmp_path: Path, never_laid_out: None) -> None:
    page = _page(tmp_path / "p.htm", "<table>\n" + "<tr><td>1</td><td>2</td></tr>\n" * 200 + "</table>\n")
    with pytest.raises(Oversized, match="读到第 153 行"):  # cell 301 opens row 151, on line 153 (rows start on line 3)
        read_html(page)


def test_hidden_text_and_scripts_spend_no_text(tmp_path: Path) -> None:
    """Only what could be shown counts: a page's long script or style sheet is no form text."""
    script = "<script>" + "var x = 1;\n" * 1000 + "</script><style>" + ".a{color:red}\n" * 500 + "</style>"
    page = _page(tmp_path / "ok.html", script + "<table><tr><td>项目名称</td><td>测试</td></tr></table>")
    blocks, _ = read_html(page)
    assert [c.text for b in blocks if isinstance(b, html_reader.Grid) for row in b.rows for c in row] == ["项目名称", "测试"]


def test_an_export_named_xls_goes_to_bulk_unread_as_a_form(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond a form's caps, its first rows an export's header: handed to `bulk` at once (the form's
    recognisers never see it), and read there within the export's caps."""
    def fail(*_: object) -> None:
        raise AssertionError("read as a form")
    monkeypatch.setattr(pipeline, "find_rectification", fail)
    export = _page(tmp_path / "导出.xls", "<table>\n" + HEADER + ROW * 50 + "</table>\n")  # 459 cells
    assert pipeline.prepare(export, Hints()).export
    [sheet] = read_old_sheets(export)
    assert len(sheet.rows) == 51 and sheet.rows[1][4] == "培训人次"
    beyond = _page(tmp_path / "大导出.xls", "<table>\n" + HEADER + ROW * 80 + "</table>\n")  # 729 cells
    assert pipeline.prepare(beyond, Hints()).export
    with pytest.raises(Oversized, match=r"「大导出\.xls」读到第 \d+ 行时已有超过 600 个有内容的单元格，超过一份系统导出表的上限"):
        read_old_sheets(beyond)


def test_only_an_export_so_named_is_one(tmp_path: Path) -> None:
    """The same table named .html, or named .xls without an export's header, is refused as a form."""
    for name, header in (("导出.html", HEADER), ("表.xls", "<tr><td>说明</td></tr>\n")):
        page = _page(tmp_path / name, "<table>\n" + header + ROW * 50 + "</table>\n")
        prepared = pipeline.prepare(page, Hints())
        assert not prepared.export and "超过 300 个有内容的单元格" in (prepared.report.failure or "")


def test_hidden_columns_beyond_the_cells_are_not_held(tmp_path: Path) -> None:
    """20,000 hidden ``<col span=1000>`` (440 KB) were 20 million columns held (1.2 GB): only the
    columns the cells reach are the table's."""
    page = _page(tmp_path / "cols.html", "<table><col>" + "<col span=1000 hidden>" * 50
                 + "<tr><td>项目名称</td><td>隐藏</td></tr></table>")
    [grid] = [b for b in read_html(page)[0] if isinstance(b, html_reader.Grid)]
    assert [[c.text for c in row] for row in grid.rows] == [["项目名称"]]
    assert any("隐藏" in note for note in grid.notes)
    tree = html_reader._Tree()
    tree.feed(page.read_text(encoding="utf-8"))
    table = next(n for n in tree.root.children[0].children[0].children if isinstance(n, html_reader._Node))
    assert html_reader._hidden_columns(table, html_reader._Hidden(), 2) == {1}


def _mht(path: Path, pages: int) -> Path:
    part = ("--B\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            "<table><tr><td>项目名称</td><td>测试</td></tr></table>\r\n")
    path.write_bytes(("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n"
                      + part * pages + "--B--\r\n").encode())
    return path


def test_a_single_file_page_of_too_many_parts_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Excel's .mht holds a page a sheet: one of 126,000 parts (11 MB) was read for minutes, each
    page's tables numbered by counting all tables read before it."""
    monkeypatch.setattr(html_reader, "MAX_SHEETS", 5)
    blocks, _ = read_html(_mht(tmp_path / "ok.mht", 5))
    assert [b.label for b in blocks if isinstance(b, html_reader.Grid)] == ["表1", "表2", "表3", "表4", "表5"]
    with pytest.raises(html_reader.Refused, match=r"「many\.mht」中有 6 个网页部分"):
        read_html(_mht(tmp_path / "many.mht", 6))


def test_style_rules_read_in_one_pass_keep_the_browsers_order(tmp_path: Path) -> None:
    """The style sheet is read brace by brace (regular expressions over it took a minute for 300 KB
    without braces): its rules in their order, a later rule over an earlier one as in a browser, and
    none inside a media query for printing only, however deep."""
    page = _page(tmp_path / "css.html", "<style>@media screen{.q{color:#000}} .q{color:#fff} .w{color:#000}"
                 "@media print{@media (min-width:1px){.deep{display:none}}} /* .c{display:none} */ .open{x:y} /*"
                 "</style><table><tr><td class=q>白字</td><td class=w>项目名称</td><td class=deep>测试</td>"
                 "<td class=c>注释</td></tr></table>")
    [grid] = [b for b in read_html(page)[0] if isinstance(b, html_reader.Grid)]
    assert [[c.text for c in row] for row in grid.rows] == [["", "项目名称", "测试", "注释"]]  # .q: white on white
    assert html_reader._rules("a{b}" * 3 + "x" * 1000 + "{" * 5 + "c{d}") == [("a", "b")] * 3 + [("c", "d")]
