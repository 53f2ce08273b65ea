"""Real published forms as the web pages portals publish them in (tests/forms_formats8/, SOURCES.md):
each imports to exactly the YAML of the same form's .docx (the Excel web page: its .xlsx); and what a
page prints raised (<sup>, <sub>) is read as Word's 上标 is, so a footnote mark joins no figure."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
from forms.make import load_form, write_docx, write_xlsx
from forms_formats8.make_pages import PAGES

from perfsite.cli import main

TESTS = Path(__file__).resolve().parent
HERE = TESTS / "forms_formats8"


def _imported(path: Path, out: Path) -> tuple[str, str]:
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        main(["import", str(path), "--out", str(out), "--year", "2099"])
    masked = re.escape(path.stem) + r"\.\w+"
    return "".join(re.sub(masked, "SOURCE", f.read_text(encoding="utf-8")) for f in sorted(out.rglob("*.yaml"))), \
        said.getvalue()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_published_page_imports_as_the_form_s_office_file(name: str, tmp_path: Path) -> None:
    folder, make, _ = PAGES[name]
    form = load_form(TESTS / folder)
    excel = make.__name__ == "excel_html"
    office = (write_xlsx if excel else write_docx)(form, tmp_path / f"{Path(name).stem}.{'xlsx' if excel else 'docx'}")
    want, _ = _imported(office, tmp_path / "office")
    got, said = _imported(HERE / name, tmp_path / "page")
    assert got == want != "", said


PAGE = """<html><head><meta charset="utf-8"></head><body><p align="center">示例项目2023年度绩效自评表</p>
<table border="1"><tr><td>项目名称</td><td colspan="4">示例项目</td></tr>
<tr><td>三级指标</td><td>分值</td><td>年度指标值</td><td>实际完成值</td><td>得分</td></tr>
<tr><td>改造面积</td><td>40</td><td>≥500m<sup>2</sup></td><td>520m<sup>2</sup></td><td>{score}</td></tr>
<tr><td>结业率</td><td>30</td><td>≥90%</td><td>95%</td><td>30</td></tr>
<tr><td>满意度</td><td>30</td><td>≥90%</td><td>92%</td><td>30</td></tr>
<tr><td>合计</td><td>100</td><td></td><td></td><td>99.6</td></tr></table>
<p>注：1.面积按竣工验收单计。</p></body></html>"""


@pytest.mark.parametrize("score", ["39.6<sup>1</sup>", '39.6<span style="vertical-align: super">1</span>'])
def test_a_raised_footnote_mark_joins_no_figure_and_m2_reads_as_printed(tmp_path: Path, score: str) -> None:
    page = tmp_path / "自评表.html"
    page.write_text(PAGE.format(score=score), encoding="utf-8")
    text, said = _imported(page, tmp_path / "out")
    assert 'target: "≥500m²"' in text and 'actual: "520m²"' in text
    assert "score: 39.6\n" in text and "396" not in text
    assert "得分「39.6¹」末尾的「¹」是脚注标记，按「39.6」读取" in said


def test_figures_in_a_system_page_s_inputs_are_read_as_the_browser_shows_them(tmp_path: Path) -> None:
    """A budget system's form page saved from the browser holds its figures in read-only inputs."""
    page = tmp_path / "自评表.html"
    boxes = '新增项目<input type="checkbox" disabled> 延续项目<input type="checkbox" checked disabled>'
    page.write_text(PAGE.format(score='<input type="number" value="39.6" readonly>')
                    .replace("<td>满意度</td><td>30</td>", '<td>满意度</td><td><input type="text" value="30" readonly></td>')
                    .replace("<td colspan=\"4\">示例项目</td>", f'<td colspan="2">示例项目</td><td colspan="2">{boxes}</td>'),
                    encoding="utf-8")
    text, said = _imported(page, tmp_path / "out")
    assert "score: 39.6\n" in text and text.count("weight: 30\n") == 2, said
    assert "新增项目☐ 延续项目☑" in said + text


def test_a_page_saved_with_its_folder_of_parts_imports_as_one_file(tmp_path: Path) -> None:
    """「网页，全部」 saves 「页面_files」 beside the page, Word's 「另存为网页」 「页面.files」: their frames,
    header.htm, filelist.xml, pictures, style sheets and scripts are the page's parts, not forms to
    import nor files to list; a folder of that name beside no page is searched as any other."""
    inbox = tmp_path / "收件"
    parts = {"岳阳县绩效目标表_files": ("style.css", "jquery.min.js", "logo.png", "share.html"),
             "昌宁自评表.files": ("filelist.xml", "header.htm", "image001.png"), "其他_files": ("说明.html",)}
    for folder, names in parts.items():
        (inbox / folder).mkdir(parents=True)
        for name in names:
            (inbox / folder / name).write_text("<html><body><p>页眉</p></body></html>", encoding="utf-8")
    (inbox / "岳阳县绩效目标表.html").write_bytes((HERE / "l03-yueyang-portal.html").read_bytes())
    (inbox / "昌宁自评表.htm").write_bytes((HERE / "l11-changning-word.htm").read_bytes())
    _, said = _imported(inbox, tmp_path / "out")
    assert "共 3 个文件：" in said and "文件夹中另有" not in said, said
    assert "_files" not in said.replace("其他_files", "") and ".files" not in said
    assert "其他_files/说明.html ==" in said  # no page 「其他」 beside it: a folder like any other


def test_vertical_align_raises_inline_text_only() -> None:
    from perfsite.importing.grid import Grid
    from perfsite.importing.html_reader import page_blocks

    blocks = page_blocks('<table><tr><td style="vertical-align:super">95</td><td><p style="vertical-align:sub">12</p></td>'
                         '<td>3<span style="vertical-align: super">2</span></td></tr></table>')
    assert [[c.text for c in row] for b in blocks if isinstance(b, Grid) for row in b.rows] == [["95", "12", "3²"]]
