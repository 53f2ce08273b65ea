"""A whole 部门决算公开 / 部门预算公开 handed in as one PDF (or Word file): each programme's 自评表 or
目标表 imports as it does alone, the budget statements and the disclosure's prose are set aside.

tests/forms_pdf8/juesuan.pdf is a 决算 (目录, 单位概况, three statements on 横向 pages, then three
四川 自评表, portrait and landscape, one over a page break, then 名词解释); yusuan.pdf a 预算 (目录,
收支总表, then two 目标表 of 武汉市青山区教育局). Both are printed by LibreOffice from the .docx
tests/forms_pdf8/disclosures.py makes (SOURCES.md there says what of them is real).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from test_forms import differences, scored
from test_import_targets import differences as target_differences
from test_import_targets import table_of

from perfsite.importing.bundle import set_aside, statement_titles
from perfsite.importing.grid import Cell, Grid
from perfsite.importing.pipeline import Options, import_file, prepare
from perfsite.siteconfig import SiteConfig

HERE = Path(__file__).resolve().parent
FORMS = HERE / "forms_pdf8"
sys.path.insert(0, str(FORMS))

STATEMENTS = "是部门预算、决算公开的报表，不是绩效表"


def _import(path: Path, out: Path) -> list[Path]:
    import_file(path, Options(out), SiteConfig(), set())
    return sorted(out.rglob("*.yaml"))


def _juesuan_docx(tmp_path: Path) -> Path:
    from disclosures import juesuan_docx

    return juesuan_docx(tmp_path / "juesuan.docx")


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_each_self_evaluation_of_a_juesuan_imports_as_its_form_does_alone(kind: str, tmp_path: Path) -> None:
    """Read as the first form's, the 收入支出决算总表 became its 预算执行情况表 (the 预算执行率 indicator
    and the budget 238.93 / 251.89 / 251.89 lost) and the 决算's title gave it the year 2024."""
    path = FORMS / "juesuan.pdf" if kind == "pdf" else _juesuan_docx(tmp_path)
    written = _import(path, tmp_path / "out")
    assert [p.name for p in written] == ["zhongjiangxian-nongye-shuijia-zonghe-anzhuang.yaml", "gongzi-xing-zhichu.yaml"]
    for path, folder in zip(written, ("b01-zhongjiang-shuibiaochi", "b02-qingshen-gongzixing"), strict=True):
        found = differences(scored(path), scored(HERE / "forms" / folder / "golden.yaml"))
        assert not found, (folder, found)
    text = written[1].read_text(encoding="utf-8")
    assert "主要职责" not in text and "1523.26" not in text  # the 决算's 概况 and 说明 are no form's


def test_the_statements_are_named_once_for_each_programme_and_listed_nowhere_else() -> None:
    prepared = prepare(FORMS / "juesuan.pdf", Options(Path("unused")).hints)
    parts = [prepared, *prepared.more]
    assert len(parts) == 3
    for part in parts:
        said = [n for n in part.report.notes if STATEMENTS in n]
        assert said == [said[0]] and "收入支出决算总表" in said[0] and "财政拨款“三公”经费支出决算表" in said[0]
        assert not any("决算" in entry or "栏次" in entry for entry in part.report.unplaced), part.report.unplaced
    assert "评价年度" in parts[2].report.failure  # 普惠金融's 区域绩效自评表 names no year: as alone


def test_every_target_table_of_a_yusuan_is_a_file_of_its_own(tmp_path: Path) -> None:
    """Only the first 目标表 was read; the second's 9 indicators were 「未能归位的内容」."""
    written = _import(FORMS / "yusuan.pdf", tmp_path / "out")
    golden = {"jiaoyu-xitong-jichu-sheshi-jianshe-he-shebei-mubiao.yaml": "t08-qingshan-jiaoyu-jijian",
              "nongcun-yiwujiaoyu-boruo-xuexiao-gaizao-buzhu-mubiao.yaml": "t09-qingshan-boruo-xuexiao"}
    assert sorted(p.name for p in written) == sorted(golden)
    for path in written:
        want = table_of(HERE / "forms_targets" / golden[path.name] / "golden.yaml")
        found = target_differences(table_of(path), want, lambda v: v.replace("\n", "") if isinstance(v, str) else v)
        assert not found, (path.name, found)
        assert "国有资本经营" not in path.read_text(encoding="utf-8")  # the 收支总表's rows are no 资金


def _grid(label: str, rows: list[list[str]], before: str = "") -> Grid:
    return Grid(label, [[Cell(t, ref=f"第{r + 1}行第{c + 1}列") for c, t in enumerate(row)] for r, row in enumerate(rows)],
                before=before, document=True)


def test_a_statement_is_known_by_its_title_and_its_header_together() -> None:
    titled = _grid("表1", [["收入支出决算总表", ""], ["项目", "金额"], ["总计", "1,523.26"]])
    assert statement_titles(titled) == ["收入支出决算总表"]
    above = _grid("表1", [["项目", "预算数"], ["收入总计", ""]], before="一、收支总表")
    assert statement_titles(above) == ["一、收支总表"]
    assert statement_titles(_grid("表1", [["收入支出决算总表", ""], ["一", "二"]])) == []  # no statement's header
    assert statement_titles(_grid("表1", [["项目支出绩效自评表", ""], ["项目", "金额"]])) == []


def test_a_file_of_statements_only_is_refused_naming_them() -> None:
    only = _grid("表1", [["收入支出决算总表", ""], ["项目", "金额"]])
    with pytest.raises(Exception, match="本文件中没有绩效表"):
        set_aside([only], [], lambda grid: False)


def test_a_statement_opening_the_page_after_a_form_is_no_rows_of_it() -> None:
    """四川's order (after.pdf): the 区域绩效自评表 ends half way down page 4; page 5 opens with the
    一般公共预算财政拨款支出决算表, as wide (7 columns), on the same 纵向 paper. It was joined to the
    form as its rows 19–25 (their cells listed as the form's 「未能归位的内容」, the statement never
    named); a table opening its page with its own title, after one that ended above the page's foot,
    is a table of its own."""
    from perfsite.importing.pdf_reader import read_pdf

    blocks, _ = read_pdf(FORMS / "after.pdf")
    grids = [b for b in blocks if isinstance(b, Grid)]
    assert [len(g.rows) for g in grids] == [18, 7, 13]
    assert statement_titles(grids[1]) == ["一般公共预算财政拨款支出决算表"]


def test_a_statement_on_turned_paper_after_a_form_is_no_rows_of_it() -> None:
    """The same with the statements on 横向 pages after the 纵向 form (after-turned.pdf): a section
    break, which no Word table runs over."""
    from perfsite.importing.pdf_reader import read_pdf

    blocks, _ = read_pdf(FORMS / "after-turned.pdf")
    grids = [b for b in blocks if isinstance(b, Grid)]
    assert len(grids[0].rows) == 18
    assert statement_titles(grids[1])[0] == "一般公共预算财政拨款支出决算表"


def test_the_department_form_after_the_programmes_forms_is_a_department_document(tmp_path: Path) -> None:
    """A 决算 closes its 附件 with the 部门整体支出绩效自评表 (department.pdf: 宁德市地震局's after 青神
    and 中江's 自评表). It names a department, not a programme, so it went on as 中江's tables: its 3
    indicators were added to 中江's 10 (13 indicators, one without a weight). It is now the department's own file, as
    imported alone, and 中江's form imports to its golden file."""
    written = _import(FORMS / "department.pdf", tmp_path / "out")
    assert [p.name for p in written] == ["ningdeshi-dizhen-ju-bumen-zhengti-ziping.yaml",
                                         "zhongjiangxian-nongye-shuijia-zonghe-anzhuang.yaml", "gongzi-xing-zhichu.yaml"]
    found = differences(scored(written[1]), scored(HERE / "forms" / "b01-zhongjiang-shuibiaochi" / "golden.yaml"))
    assert not found, found
    department = written[0].read_text(encoding="utf-8")
    assert "kind: 部门整体自评" in department and "宁德市地震局" in department


def test_a_target_table_naming_its_programme_in_a_list_column_is_a_file_of_its_own(tmp_path: Path) -> None:
    """listed.pdf: 湘西州特校's 目标表 names 学生伙食费 in its 「单位(专项)名称」 column, no 「项目名称」
    label, after 舒城县's. It would go on as 舒城's tables: its indicators 「未能归位」, its 「部门:505_湘西州
    教育和体育局」 taken for 舒城's department (department_code 505)."""
    written = _import(FORMS / "listed.pdf", tmp_path / "out")
    golden = {"anhuisheng-2023-nianyi-gongdai-guodaoduan-zhili-mubiao.yaml": "t13-shucheng-yigongdaizhen",
              "xuesheng-huoshi-fei-mubiao.yaml": "t14-xiangxi-texiao-huoshi"}
    assert sorted(p.name for p in written) == sorted(golden)
    for path in written:
        want = table_of(HERE / "forms_targets" / golden[path.name] / "golden.yaml")
        found = target_differences(table_of(path), want, lambda v: v.replace("\n", "") if isinstance(v, str) else v)
        assert not found, (path.name, found)


def test_forms_following_one_another_on_the_same_pages_import_each_as_alone(tmp_path: Path) -> None:
    """flow.pdf: no page break between the forms; the page break cuts 薄弱学校's row 可持续影响指标
    (tests/test_pdf8_rows.py), which then imports whole."""
    written = _import(FORMS / "flow.pdf", tmp_path / "out")
    assert [p.name for p in written] == ["nongcun-yiwujiaoyu-boruo-xuexiao-gaizao-buzhu-mubiao.yaml",
                                         "zhongjiangxian-nongye-shuijia-zonghe-anzhuang.yaml", "gongzi-xing-zhichu.yaml"]
    want = table_of(HERE / "forms_targets" / "t09-qingshan-boruo-xuexiao" / "golden.yaml")
    found = target_differences(table_of(written[0]), want, lambda v: v.replace("\n", "") if isinstance(v, str) else v)
    assert not found, found
    for path, folder in zip(written[1:], ("b01-zhongjiang-shuibiaochi", "b02-qingshen-gongzixing"), strict=True):
        assert not differences(scored(path), scored(HERE / "forms" / folder / "golden.yaml")), folder
