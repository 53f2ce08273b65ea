"""Old Office formats through LibreOffice and text PDFs through pdfplumber import as their .docx/.xlsx.

The old files and PDFs are made here from the .docx/.xlsx the builders write, with LibreOffice.
LibreOffice cannot write WPS's .wps/.et, so real WPS files are untested; a Word 97 file named
.wps (which is what WPS writes) checks that it is read as Word, not as Microsoft Works.
Without LibreOffice these tests skip, except in CI (CI=true), where they fail.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import TypeVar

import docx
import pytest
from test_import_builders import SEED000, SEED002, seed000_docx, seed002_docx, seed002_xlsx
from test_import_word import _strip_lines, assert_same_programme, imported, scored

from perfsite.cli import main
from perfsite.importing.convert import soffice
from perfsite.importing.docx_reader import Para
from perfsite.importing.pdf_reader import cut_row, read_pdf, unwrap

OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")


@pytest.fixture(scope="module")
def office() -> str:
    program = soffice()
    if program is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI 中没有 soffice：.ci/run 应安装 libreoffice-writer-nogui libreoffice-calc-nogui")
        pytest.skip("LibreOffice (soffice) is not installed")
    return program


def lo_convert(program: str, source: Path, to: str, outdir: Path) -> Path:
    """Convert with a private profile, as a clerk's LibreOffice would save the file."""
    return lo_convert_all(program, {source: source}, to, outdir, timeout=180)[source]


K = TypeVar("K")


def lo_convert_all(program: str, sources: dict[K, Path], to: str, outdir: Path, timeout: int = 900) -> dict[K, Path]:
    """Each source converted, by its key, in one LibreOffice run (a start costs seconds): the
    files of a module's fixture are converted at once."""
    profile = (outdir / "lo-profile").as_uri()
    subprocess.run([program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", to,
                    "--outdir", str(outdir), *map(str, sources.values())], check=True, capture_output=True,
                   timeout=timeout)
    made = {key: outdir / f"{path.stem}.{to.split(':')[0]}" for key, path in sources.items()}
    missing = sorted(p.name for p in made.values() if not p.is_file())
    assert not missing, missing
    return made


def ruled(path: Path) -> Path:
    """Real forms have ruled tables; python-docx's default table style draws no lines."""
    document = docx.Document(str(path))
    for table in document.tables:
        table.style = "Table Grid"
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def seed002_files(tmp_path_factory: pytest.TempPathFactory, office: str) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("formats002")
    source = ruled(seed002_docx(tmp / "zxqy.docx"))
    pdf = lo_convert(office, source, "pdf", tmp / "pdf")
    # LibreOffice drops a python-docx table when it writes .doc straight from .docx; through .odt it keeps it
    odt = lo_convert(office, source, "odt", tmp / "odt")
    doc = lo_convert(office, odt, "doc", tmp / "doc")
    return {"docx": source, "pdf": pdf, "doc": doc}


def test_doc_imports_as_its_docx(tmp_path: Path, seed002_files: dict[str, Path]) -> None:
    [out] = imported(tmp_path, seed002_files["doc"])
    got = scored(out)
    assert got.programme.source == "zxqy.doc"
    assert_same_programme(got, scored(SEED002), budget=False)
    assert f"{got.total}" == "96.42"


def test_two_conversions_at_once_do_not_collide(tmp_path: Path, seed002_files: dict[str, Path]) -> None:
    """Each conversion has its own LibreOffice profile (one instance runs per profile)."""
    from concurrent.futures import ThreadPoolExecutor

    from perfsite.importing.pipeline import read_any

    copies = []
    for name in ("a.doc", "b.doc", "c.doc"):
        (tmp_path / name).write_bytes(seed002_files["doc"].read_bytes())
        copies.append(tmp_path / name)
    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(read_any, copies))
    assert [len(grids) for grids, _, _ in results] == [1, 1, 1]
    assert results[0][0][0].rows == results[2][0][0].rows


def test_a_word_97_file_named_wps_is_read_as_word(tmp_path: Path, seed002_files: dict[str, Path]) -> None:
    wps = tmp_path / "zxqy.wps"
    wps.write_bytes(seed002_files["doc"].read_bytes())
    assert wps.read_bytes()[:8] == OLE2
    [out] = imported(tmp_path, wps)
    assert_same_programme(scored(out), scored(SEED002), budget=False)


def test_xls_imports_as_its_xlsx(tmp_path: Path, office: str) -> None:
    xls = lo_convert(office, seed002_xlsx(tmp_path / "zhongxiaoqiye.xlsx"), "xls", tmp_path / "xls")
    assert xls.read_bytes()[:8] == OLE2
    [out] = imported(tmp_path, xls)
    assert_same_programme(scored(out), scored(SEED002), budget=False)
    assert "weight: 3.00" in out.read_text(encoding="utf-8")  # the number format survived the conversion


def test_pdf_of_a_report_imports_as_its_docx(tmp_path: Path, seed002_files: dict[str, Path]) -> None:
    """Twelve pages: rows cut by page breaks, 一级/二级 merged cells running over the breaks."""
    [from_pdf] = imported(tmp_path / "p", seed002_files["pdf"])
    [from_docx] = imported(tmp_path / "d", seed002_files["docx"])
    got, want = scored(from_pdf), scored(from_docx)
    assert_same_programme(got, want, budget=False)
    assert_same_programme(got, scored(SEED002), budget=False)


def test_pdf_report_with_sections_budget_and_grade(tmp_path: Path, office: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Headings, the title, the budget table and the 「总得分99.1分，属于"优秀"」 sentence, wrapped over lines."""
    source = ruled(seed000_docx(tmp_path / "xsg.docx"))
    document = docx.Document(str(source))
    document.sections[0].header.paragraphs[0].text = "曲沃县中小企业发展促进中心"  # on every page
    document.save(str(source))
    pdf = lo_convert(office, source, "pdf", tmp_path / "pdf")
    blocks, headers = read_pdf(pdf)
    assert headers == ["曲沃县中小企业发展促进中心"]
    assert not [b for b in blocks if isinstance(b, Para) and "促进中心" in b.text]
    [from_pdf] = imported(tmp_path / "p", pdf)
    out = capsys.readouterr().out
    for words in ("项目名称：“小升规”企业奖励资金", "评价年度：2021", "章节：11 个", "公布总分：99.1，等级：优秀",
                  "预算执行情况表：有"):
        assert words in out, words
    [from_docx] = imported(tmp_path / "d", tmp_path / "xsg.docx")
    got, want = scored(from_pdf), scored(from_docx)
    _strip_lines(got.programme)  # budget rows remember their YAML line
    _strip_lines(want.programme)
    assert got.programme.budget is not None and "county" in got.programme.budget.rows["budget"].parts
    assert_same_programme(got, want)  # the budget table's 财政资金 header spans five columns (LEFT cells)
    assert_same_programme(scored(from_pdf), scored(SEED000), budget=False)


def test_pdf_table_with_a_repeated_header_is_one_table(tmp_path: Path, office: str) -> None:
    d = docx.Document()
    d.add_paragraph("示例项目2023年度绩效自评表")
    table = d.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["三级指标", "分值", "目标值", "实际值", "得分"], strict=True):
        cell.text = text
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(header.makeelement(docx.oxml.ns.qn("w:tblHeader"), {}))
    for i in range(80):  # 80 rows of 1.25 points: three pages
        for cell, text in zip(table.add_row().cells, [f"第{i + 1}片区巡查次数", "1.25", "≥1次", "1次", "1.25"], strict=True):
            cell.text = text
    d.save(str(tmp_path / "long.docx"))
    pdf = lo_convert(office, tmp_path / "long.docx", "pdf", tmp_path / "pdf")
    [out] = imported(tmp_path, pdf)
    got = scored(out)
    assert [i.name for i in got.programme.indicators] == [f"第{i + 1}片区巡查次数" for i in range(80)]
    assert f"{got.total}" == "100.00"


def test_scanned_pdf_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from PIL import Image, ImageDraw

    pages = []
    for n in range(2):
        page = Image.new("RGB", (595, 842), "white")
        ImageDraw.Draw(page).rectangle((60, 100 + n * 10, 540, 700), outline="black")
        pages.append(page)
    pages[0].save(tmp_path / "scan.pdf", save_all=True, append_images=pages[1:])
    assert main(["import", str(tmp_path / "scan.pdf"), "--out", str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert "这是扫描件（2 页都是图片，没有文字）" in out and "可编辑的 Word/Excel" in out
    assert not (tmp_path / "out").exists()


def test_without_libreoffice_the_message_names_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    for name, package in (("old.doc", "libreoffice-writer"), ("old.xls", "libreoffice-calc"),
                          ("old.et", "libreoffice-calc-nogui")):
        (tmp_path / name).write_bytes(OLE2 + bytes(600))
        assert main(["import", str(tmp_path / name), "--out", str(tmp_path / "out")]) == 1
        out = capsys.readouterr().out
        assert "本机没有安装（找不到 soffice 命令）" in out and package in out and "另存为" in out, out


@pytest.mark.parametrize("name", ["junk.doc", "junk.xls"])
def test_damaged_old_file_is_refused_by_the_conversion(tmp_path: Path, office: str, name: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """Left to guess, LibreOffice would read a damaged .xls as text and import garbage."""
    (tmp_path / name).write_bytes(OLE2 + bytes(range(256)) * 8)
    assert main(["import", str(tmp_path / name), "--out", str(tmp_path / "out")]) == 1
    assert "LibreOffice 无法转换" in capsys.readouterr().out
    assert not (tmp_path / "out").exists()


def test_password_protected_docx_is_still_refused_before_conversion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # never reaches LibreOffice
    (tmp_path / "locked.doc").write_bytes(OLE2 + bytes(100) + "EncryptedPackage".encode("utf-16-le") + bytes(100))
    assert main(["import", str(tmp_path / "locked.doc"), "--out", str(tmp_path / "out")]) == 1
    assert "设置了打开密码" in capsys.readouterr().out


@pytest.mark.parametrize(("last", "first", "cut"), [
    # the rest of a 评分标准 cell on the next page; 分值/得分 were on the first
    (["决策", "决策依据充分性", "项目决策符合国家有关", "3.00", "3.00"], ["", "", "规定，不扣分。", "", ""], True),
    # a new indicator whose 一级指标 cell is merged over the break: its short cells are filled
    (["决策", "决策依据充分性", "项目决策符合国家有关", "3.00", "3.00"], ["", "决策程序合规性", "本项共计3分", "3.00", "3.00"], False),
    ([None, "甲", "乙", "1", "1"], [None, None, "丙", "", ""], False),
    # a narrow name column: every cell is short, the name filled the row's three lines and goes on
    ([None, "效益\n指标", "足额\n保障\n率(参", "=", "100", "%", "30"], ["", "", "保率)", "", "", "", ""], True),
    # figures wrapped in a narrow column are cut too: rejoined they are figures again
    ([None, "质量", "创业", "≥90", "98.7", "20%", "20"], ["", "指标", "担保\n贷款", "%", "0%", "", ""], True),
    # a name that filled only one of the row's two lines did not go on: this is a row of its own
    (["产出", "数量\n指标", "人数", "10", "10"], ["", "", "覆盖率", "", ""], False),
    # the middle of a row printed over three pages (the part before all its page held: `middle`)
    (["", "", "慰问\n伤残", "", ""], ["", "", "军人\n遗属", "", ""], True),
    # a header row, then the first indicator filling every column: two rows
    (["一级指标", "二级指标", "三级指标", "权重", "得分"], ["产出指标", "数量指标", "发放额增长率", "20%", "20"], False),
    # the header's last cell cut: its other cells finished on the page before
    (["绩效\n指标", "一级\n指标", "三级\n指标", "年度\n指标\n值", "未完\n成原\n因和"], ["", "", "", "", "措施"], True),
])
def test_a_row_cut_by_a_page_break(last: list[str | None], first: list[str | None], cut: bool) -> None:
    assert cut_row(last, first, middle=True) is cut


@pytest.mark.parametrize(("lines", "joined"), [
    ("得分=指标分\n值*资金到位\n率", "得分=指标分值*资金到位率"),
    ("4,700.\n90万元", "4,700.90万元"),
    ("budget\nexecution", "budget execution"),
    ("①-③ 发现一例", "①-③发现一例"),  # a fallback font's gap, not a typed space
    ("存在截留等情况的 ,发现", "存在截留等情况的,发现"),  # a justified line's gap before a half-width comma
])
def test_wrapped_cell_lines_are_rejoined(lines: str, joined: str) -> None:
    assert unwrap(lines) == joined


@pytest.mark.parametrize(("lines", "typed", "joined"), [
    ("中央预算内 投资", {5}, "中央预算内 投资"),  # the page draws the space: typed
    ("中央预算内 投资", set(), "中央预算内投资"),  # only a gap between the glyphs
    ("存在截留等情况的 ,发现", {8}, "存在截留等情况的 ,发现"),  # drawn before the comma: typed
    ("广泛吸纳当地群众就 近\n就业 增收", {9}, "广泛吸纳当地群众就 近就业增收"),  # places count past the wrap
])
def test_a_typed_space_between_chinese_characters_is_kept(lines: str, typed: set[int], joined: str) -> None:
    assert unwrap(lines, frozenset(typed)) == joined


def test_pdf_table_drawn_without_lines_is_refused_naming_the_page(tmp_path: Path, office: str,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Columns aligned by spaces only: read as text it would put figures in the wrong columns."""
    import pdfplumber

    source = seed002_docx(tmp_path / "zxqy.docx")  # python-docx's default table style draws no lines
    pdf = lo_convert(office, source, "pdf", tmp_path / "pdf")
    with pdfplumber.open(str(pdf)) as opened:
        page = next(n for n, p in enumerate(opened.pages, 1) if "三级" in (p.extract_text() or ""))
    assert main(["import", str(pdf), "--out", str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert f"PDF 第 {page} 页的指标表没有框线" in out and "带框线打印的 PDF" in out, out
    assert not (tmp_path / "out").exists()

