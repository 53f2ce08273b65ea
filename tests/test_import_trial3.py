"""Four real forms a clerk's trial imported (tests/forms_trial3/: 黄石市图书馆's 自评表 with a 得分 per
二级指标, 荆门市民政局's 部门整体 report, 梓潼县's prose-only 2024 report, 阳泉市公路服务中心's 目标申报表).

Each is kept as the stored page gives it; what the trial's tester made up to finish a form is kept apart
under `completion` (its `by` says so) and used only where the import needs a whole form to say anything.
"""

from __future__ import annotations

import contextlib
import io
import json
from itertools import pairwise
from pathlib import Path

import pytest
import yaml
from forms.make import Form, add_table, cell_ref, load_form, write_xlsx
from pdf_makers import _STSONG, _encode, _hex, _Pdf
from test_import_trial2 import write_docx

from perfsite.cli import main
from perfsite.importing.pdf_columns import split_pages
from perfsite.importing.rules_guess import incomparable

TRIAL = Path(__file__).resolve().parent / "forms_trial3"
HUANGSHI, JINGMEN, ZITONG, YANGQUAN = (TRIAL / name for name in (
    "t01-huangshi-gongxiang", "t02-jingmen-bumen-zhengti", "t03-zitong-manxingbing", "t04-yangquan-mubiao"))


def _merges(refs: list[str]) -> list[tuple[int, int, int, int]]:
    out = []
    for text in refs:
        first, _, last = text.partition(":")
        (r0, c0), (r1, c1) = cell_ref(first), cell_ref(last or first)
        out.append((r0, c0, r1, c1))
    return out


def completed(folder: Path) -> Form:
    """The form with the tester's completion in place of the rows from `completion.from` on."""
    form = load_form(folder)
    more = form.meta["completion"]
    assert isinstance(more, dict)
    keep = int(more["from"]) - 1
    rows = form.rows[:keep] + [list(r) for r in more["rows"]]
    merges = [m for m in form.merges if m[0] < keep] + _merges(more.get("merges") or [])
    return Form(folder, form.meta, rows, merges, form.text_cells)


def report(folder: Path) -> dict:  # type: ignore[type-arg]
    return yaml.load((folder / "report.yaml").read_text(encoding="utf-8"), Loader=yaml.CBaseLoader)


def report_docx(folder: Path, path: Path, with_completion: bool) -> Path:
    """The report's paragraphs; with the tester's completion, its attached table after them."""
    from docx import Document

    meta = report(folder)
    doc = Document()
    for text in meta["paragraphs"]:
        doc.add_paragraph(text)
    if with_completion:
        more = meta["completion"]
        for text in [*more.get("paragraphs", []), *([more["caption"]] if more.get("caption") else [])]:
            doc.add_paragraph(text)
        add_table(doc, more["rows"], tuple(_merges(more["merges"]))).style = "Table Grid"
    doc.save(str(path))
    return path


def run(src: Path, tmp_path: Path, *more: str) -> tuple[dict, dict | None, str]:  # type: ignore[type-arg]
    """(the import's JSON entry for `src`, the written data or None, the written text)."""
    printed = io.StringIO()
    out = tmp_path / "out"
    with contextlib.redirect_stdout(printed):
        main(["import", str(src), "--out", str(out), "--format", "json", *more])
    entry = json.loads(printed.getvalue())["files"][0]
    written = sorted(out.rglob("*.yaml"))
    text = written[0].read_text(encoding="utf-8") if written else ""
    return entry, (yaml.safe_load(text) if text else None), text


def test_each_fixture_says_where_it_was_read_and_marks_the_tester_s_completion() -> None:
    for folder in (HUANGSHI, YANGQUAN):
        meta = load_form(folder).meta
        for key in ("address", "date", "title", "place", "form", "file", "cut", "quirks", "completion"):
            assert meta.get(key), f"{folder.name}/form.yaml 缺少 {key}"
        assert "NOT IN THE ORIGINAL" in meta["completion"]["by"]  # type: ignore[index]
    for folder in (JINGMEN, ZITONG):
        meta = report(folder)
        for key in ("address", "date", "title", "place", "cut", "quirks", "paragraphs", "completion"):
            assert meta.get(key), f"{folder.name}/report.yaml 缺少 {key}"
        assert "NOT IN THE ORIGINAL" in meta["completion"]["by"]


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_a_score_merged_over_a_group_s_rows_is_said_and_put_on_no_row(kind: str, tmp_path: Path) -> None:
    form = load_form(HUANGSHI)  # as the page gives it: cut inside the 满意度 row
    src = tmp_path / f"{form.file}.{kind}"
    (write_xlsx if kind == "xlsx" else write_docx)(form, src)
    entry, data, text = run(src, tmp_path)
    assert data is not None, entry
    rows = {i["name"]: i for i in data["indicators"]}
    for name in ("一个存储备份器", "WIFI布点全覆盖", "可保证读者使用时长", "2022年全年", "社会公益服务无经济效益",
                 "使读者更方便快捷查找检阅", "数字图书馆环境优良无污染", "WIFI全覆盖,绿色环保"):
        assert "score" not in rows[name], (name, rows[name])
    assert str(rows["以最新资源面市"]["score"]) == "10"  # a 得分 cell over its own row only
    notes = [n for n in entry["notes"] if "项合计" in n]
    assert len(notes) == 4, entry["notes"]
    where = "G13，向下合并到第 14 行" if kind == "xlsx" else "向下合并到第"
    assert "得分 10 是「数量指标」2 项合计（合并单元格 " in notes[0] and where in notes[0], notes[0]
    assert "「一个存储备份器」「WIFI布点全覆盖」" in notes[0] and "没有写到其中任何一项上" in notes[0]
    assert "「经济效益」、「社会效益」3 项合计" in notes[2], notes[2]
    said = "    # 原表的得分 10 是这一项起 2 项的合计（合并单元格 "
    assert text.count(said) == 3 and f"{said}G13，向下合并到第 14 行）" in text if kind == "xlsx" else said in text, text
    assert text.index(said) < text.index("name: 一个存储备份器") < text.index("name: WIFI布点全覆盖")


def test_a_lone_name_under_a_complete_row_is_named_as_a_possible_wrapped_line(tmp_path: Path) -> None:
    form = load_form(HUANGSHI)
    entry, data, _ = run(write_xlsx(form, tmp_path / f"{form.file}.xlsx"), tmp_path)
    said = [n for n in entry["notes"] if "可能是上一项名称的续行" in n]
    assert said == ["工作表「附表2」 D21「促进黄石文化经济发展,丰富市民文化活动」一行只有指标名称、没有任何数值，"
                    "紧接在「使读者更方便快捷查找检阅」一行之下：可能是上一项名称的续行。已作为一项指标导入；如是续行，"
                    "请把它并入上一项的名称（「使读者更方便快捷查找检阅促进黄石文化经济发展,丰富市民文化活动」），并删去这一项"], said
    assert data is not None and any(i["name"] == "促进黄石文化经济发展,丰富市民文化活动" for i in data["indicators"])


def _column_split_pdf(form: Form, groups: list[range], top: int, path: Path) -> Path:
    """`form`'s rows from `top` on, each group of columns on a page of its own at the same heights, as
    LibreOffice Calc prints a sheet wider than the paper (default page setup)."""
    pages = []
    rows = form.rows[top:]
    for n, columns in enumerate(groups):
        ops = [b"0.5 w"]
        width, height, x0, y0 = 110.0 + 10 * n, 18.0, 40.0, 60.0  # the sheet's columns are of different widths
        right = x0 + width * len(columns)
        for r in range(len(rows) + 1):
            y = 595.0 - (y0 + r * height)
            ops.append(b"%.2f %.2f m %.2f %.2f l S" % (x0, y, right, y))
        for k in range(len(columns) + 1):
            x = x0 + k * width
            ops.append(b"%.2f %.2f m %.2f %.2f l S" % (x, 595.0 - y0, x, 595.0 - (y0 + len(rows) * height)))
        for r, row in enumerate(rows):
            for k, c in enumerate(columns):
                if row[c]:
                    ops.append(b"BT /F1 9 Tf 1 0 0 1 %.2f %.2f Tm %s Tj ET"
                               % (x0 + k * width + 2, 595.0 - (y0 + r * height + 13), _hex(_encode(row[c][:12], "stsong"))))
        pages.append(b"\n".join(ops))
    path.write_bytes(_Pdf().save(pages, _STSONG, b"<< /Creator (Calc) /Producer (LibreOffice 7.4) >>"))
    return path


def test_a_sheet_printed_with_its_columns_on_the_next_pages_is_refused_in_words_a_clerk_can_act_on(tmp_path: Path) -> None:
    form = load_form(HUANGSHI)
    pdf = _column_split_pdf(form, [range(0, 3), range(3, 6), range(6, 8)], 4, tmp_path / f"{form.file}.pdf")
    entry, data, _ = run(pdf, tmp_path)
    assert data is None and entry["status"] == "failed"
    assert entry["failure"].startswith("PDF 第 1–3 页是同一张表格按列分开打印的（表格比纸宽"), entry["failure"]
    assert "请向填报单位索取 Excel 原件" in entry["failure"] and "调整为 1 页宽" in entry["failure"]
    assert "表头改为" not in entry["failure"]


def test_a_table_going_on_over_a_page_break_is_no_column_split() -> None:
    heights = {1: 595.0, 2: 595.0, 3: 595.0}
    pitch = [100.0 + 18 * k for k in range(25)]  # to 532: down to the page's foot, then on
    left, right = [(40.0, 160.0), (160.0, 280.0)], [(40.0, 200.0), (200.0, 330.0)]
    assert split_pages([(1, pitch, left), (2, pitch[:10], right)], heights) == []
    assert split_pages([(1, pitch[:12], left), (3, pitch[:12], right)], heights) == []  # not the next page
    assert split_pages([(1, pitch[:12], left), (2, pitch[:6], left)], heights) == []  # broken by hand: the same columns
    assert split_pages([(1, pitch[:12], left), (2, pitch[:6], right)], heights) == [1, 2]
    # the rules and column edges pdfplumber finds in the trial's PDF of 黄石's sheet (LibreOffice, A4 portrait)
    measured = [(1, [132, 147, 162, 177, 192, 207, 222, 237, 252, 282, 297, 327, 342, 357, 387, 417, 432, 447]),
                (2, [207, 222, 237, 252, 267, 282, 297, 312, 327, 342, 357, 372, 387, 402, 417, 432, 447]),
                (3, [237, 252, 267, 282, 297, 312, 327, 342, 357, 372, 387, 402, 417, 432, 447, 462])]
    edges = {1: (54.0, 179.9, 277.9, 375.8), 2: (54.0, 249.9, 403.9), 3: (54.0, 207.9, 291.8)}
    assert split_pages([(p, [float(y) for y in ys], list(pairwise(edges[p]))) for p, ys in measured],
                       {p: 842.0 for p in (1, 2, 3)}) == [1, 2, 3]


def test_a_prose_only_report_is_said_to_lack_its_table_not_to_be_a_scan(tmp_path: Path) -> None:
    entry, data, _ = run(report_docx(ZITONG, tmp_path / "梓潼-仅正文.docx", with_completion=False), tmp_path)
    assert data is None
    failure = entry["failure"]
    assert failure.startswith("Word 文档中没有任何表格，只有正文（约 675 字）：这是报告正文，不是扫描件，但没有自评表"), failure
    assert "可能是扫描件" not in failure and "perfsite template" in failure and "附件中的自评表" in failure


def test_values_that_cannot_be_compared_are_said_so_not_blamed_on_a_missing_count(tmp_path: Path) -> None:
    entry, data, text = run(report_docx(ZITONG, tmp_path / "梓潼.docx", with_completion=True), tmp_path)
    assert data is not None, entry
    notes = [n for n in entry["notes"] if "rule: reported" in n]
    assert notes == [
        "指标「死因监测粗死亡率」：目标值「>650/10万」、实际值「850.1/10万」是按基数计的比率（如「/10万」），"
        "程序读不出其中的数值，无法比较，写作 rule: reported（采用公布得分 7）",
        "指标「恶性肿瘤报告发病」：目标值「>200/10万」、实际值「316.95/10万」是按基数计的比率（如「/10万」），"
        "程序读不出其中的数值，无法比较，写作 rule: reported（采用公布得分 7）"], notes
    assert "未写明扣分处数" not in json.dumps(entry, ensure_ascii=False)
    # A two-ended range needs no rule written: the scorer itself takes the published score and says why.
    assert '    target: "0.6-0.8"\n    actual: "0.67"\n    score: 6\n' in text


def test_incomparable_says_nothing_of_texts_or_numbers() -> None:
    assert incomparable("符合要求", "存在资料不完善等问题") == ""  # the count of deductions is what is missing
    assert incomparable("≥90%", "96%") == ""
    assert incomparable("60%～80%", "75%").startswith("目标值「60%～80%」是一个区间")
    assert incomparable("2000颗", "每千人3颗").startswith("目标值「2000颗」、实际值「每千人3颗」是按基数计的比率")


def test_a_department_report_s_prose_is_listed_not_dropped(tmp_path: Path) -> None:
    entry, data, _ = run(report_docx(JINGMEN, tmp_path / "荆门.docx", with_completion=True), tmp_path)
    assert data is not None and data["kind"] == "部门整体自评", entry
    unplaced = entry["unplaced"]
    for title in ("部门整体绩效自评得分", "部门整体绩效目标完成情况", "存在的问题和原因", "下一步拟改进措施"):
        assert any(line.startswith(f"正文章节「{title}」：") for line in unplaced), (title, unplaced)
    assert "正文章节「存在的问题和原因」：1、受疫情等因素影响,一些工作计划未开展" in "\n".join(unplaced)
    assert any(n.startswith("报告正文的 4 个章节（") and "没有正文章节（sections）" in n for n in entry["notes"]), entry["notes"]


def test_a_programme_length_in_years_is_named_or_spelt_out_as_the_period(tmp_path: Path) -> None:
    form = completed(YANGQUAN)
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
    entry, data, _ = run(write_xlsx(form, tmp_path / "a" / f"{form.file}.xlsx"), tmp_path / "a")
    assert data is not None and "period" not in data, entry
    assert ("项目期限「3年」只写了年数、没有起止年份（延续项目不一定从本表年度算起）：未写入 period（起止年限），"
            "请按原件或向填报单位问明后在 YAML 中补上（如 2021-2023）") in entry["notes"], entry["notes"]
    assert not any("项目期限" in line or line.endswith("：3年") for line in entry["unplaced"]), entry["unplaced"]
    form.rows[4][1] = "新增项目"
    entry, data, text = run(write_xlsx(form, tmp_path / "b" / f"{form.file}.xlsx"), tmp_path / "b")
    assert data is not None and data["period"] == "2021-2023", entry
    assert "# 原表的项目期限写作「3年」：新增项目自本表年度 2021 年起算，写作 2021-2023。" in text
