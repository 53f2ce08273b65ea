"""Word reports laid out like the two seeds import back to the programmes in data/."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from test_import_builders import SEED000, SEED002, seed000_docx, seed002_docx

from perfsite.cli import main
from perfsite.model import Programme, RuleType
from perfsite.reader import read_programme
from perfsite.scoring import ScoredProgramme, score_programme
from perfsite.siteconfig import SiteConfig

CELLS = ("level1", "level2", "name", "weight", "target", "actual", "completion", "score", "rule_text", "remark",
         "applicable")


def scored(path: Path) -> ScoredProgramme:
    site = SiteConfig()
    prog, problems = read_programme(path, site)
    assert prog is not None, [p.as_text() for p in problems.items]
    return score_programme(prog, site, problems)


def imported(tmp: Path, *files: Path, args: tuple[str, ...] = ()) -> list[Path]:
    assert main(["import", *map(str, files), "--out", str(tmp / "out"), *args]) == 0
    return sorted((tmp / "out").rglob("*.yaml"))


def assert_same_programme(got: ScoredProgramme, want: ScoredProgramme, *, budget: bool = True) -> None:
    """Every fact, section, table cell and score; the rules may differ where the scores agree."""
    a, b = got.programme, want.programme
    for key in ("name", "year", "department", "region", "evaluation", "reported_score", "reported_grade", "groups"):
        assert getattr(a, key) == getattr(b, key), key
    assert a.sections == b.sections
    if budget:
        assert a.budget == _budget_without_lines(b)
    assert len(a.indicators) == len(b.indicators)
    for x, y, sx, sy in zip(a.indicators, b.indicators, got.indicators, want.indicators, strict=True):
        for key in CELLS:
            assert getattr(x, key) == getattr(y, key), (y.name, key)
        assert sx.score == sy.score, y.name
    assert got.total == want.total
    assert got.grade == want.grade
    assert not got.has_errors, [p.as_text() for p in got.problems]


def _budget_without_lines(prog: Programme):  # type: ignore[no-untyped-def]
    """Budget rows remember their YAML line; compare the figures only."""
    from dataclasses import replace

    if prog.budget is None:
        return None
    return replace(prog.budget, rows={k: replace(v, line=None) for k, v in prog.budget.rows.items()})


@pytest.fixture(scope="module")
def seed000(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("w000")
    [out] = imported(tmp, seed000_docx(tmp / "000_413624b6244a8c00.docx"))
    return out


def _strip_lines(prog: Programme) -> None:
    if prog.budget is not None:
        from dataclasses import replace

        prog.budget = replace(prog.budget, rows={k: replace(v, line=None) for k, v in prog.budget.rows.items()})


def test_seed000_docx_reproduces_the_programme(seed000: Path) -> None:
    got, want = scored(seed000), scored(SEED000)
    _strip_lines(got.programme)
    assert_same_programme(got, want)
    assert got.total is not None and f"{got.total}" == "99.10"
    assert got.programme.source == "000_413624b6244a8c00.docx"
    assert got.programme.indicators[0].rule.type is RuleType.BUDGET


def test_seed000_output_says_what_it_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    imported(tmp_path, seed000_docx(tmp_path / "report.docx"))
    out = capsys.readouterr().out
    for words in ("项目名称：“小升规”企业奖励资金", "评价年度：2021", "绩效指标：6 项", "附件1.项目支出绩效自评表",
                  "预算执行情况表：有", "章节：11 个", "公布总分：99.1，等级：优秀", "主管部门：未载明",
                  "核对：表3（（二）项目产出情况） 的 3 项指标与自评表一致", "已写出："):
        assert words in out, words
    text = next((tmp_path / "out").rglob("*.yaml")).read_text(encoding="utf-8")
    assert "department: 未载明" in text and "# 原文没有写明主管部门" in text


def test_section_tables_alone_give_the_indicators(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without the 附件 自评表, the four section tables are combined; 一级指标 comes from their headings."""
    [out] = imported(tmp_path, seed000_docx(tmp_path / "no-attachment.docx", with_attachment=False))
    got, want = scored(out), scored(SEED000)
    assert [i.level1 for i in got.programme.indicators] == [i.level1 for i in want.programme.indicators]
    assert [(i.name, i.weight, i.target, i.actual, i.score) for i in got.programme.indicators] == \
        [(i.name, i.weight, i.target, i.actual, i.score) for i in want.programme.indicators]
    assert got.total == want.total
    assert "一级指标取自各分表前的标题" in capsys.readouterr().out


def test_section_table_that_disagrees_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import docx

    path = seed000_docx(tmp_path / "bad.docx")
    document = docx.Document(str(path))
    document.tables[2].cell(1, 5).paragraphs[0].text = "17"  # (二)项目产出情况: 申报企业达标数 得分
    document.save(str(path))
    imported(tmp_path, path)
    assert "与自评表不一致：指标「申报企业达标数」的score为「17」，自评表为「18」" in capsys.readouterr().out


@pytest.fixture(scope="module")
def seed002(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("w002")
    [out] = imported(tmp, seed002_docx(tmp / "002_8d38506441050a66.docx"))
    return out


def test_seed002_docx_reproduces_the_programme(seed002: Path) -> None:
    got, want = scored(seed002), scored(SEED002)
    # The seed's budget comes from the 评分说明 prose, not a table; the document has no budget table.
    assert got.programme.budget is None
    assert_same_programme(got, want, budget=False)
    assert f"{got.total}" == "96.42"


def test_seed002_rules_where_auto_cannot_score(seed002: Path) -> None:
    """Counts not stated → reported; 「存在1个项目未按期完工」 states the count → deduct, as the seed."""
    rules = {i.name: i.rule for i in scored(seed002).programme.indicators}
    want = {i.name: i.rule for i in scored(SEED002).programme.indicators}
    for name in ("制度执行有效性", "监督检查情况", "项目按期完成"):
        assert rules[name] == want[name], name
    text = seed002.read_text(encoding="utf-8")
    assert text.count("rule: reported") == 2
    assert "没有写明扣分的处数" in text


def test_seed002_merged_cells_and_wrapping(seed002: Path) -> None:
    names = [i.name for i in scored(seed002).programme.indicators]
    assert names.count("专项资金平均补助金额") == 2  # the blank (merged) 三级指标 is the row above's
    assert "资金使用合规性" in names and "项目管理" in {i.level2 for i in scored(seed002).programme.indicators}
    text = seed002.read_text(encoding="utf-8")
    assert "weight: 3.00" in text and "score: 0.5" in text and "bookmark" not in text
    assert "groups: {决策: 16, 过程: 20, 产出: 38, 效益: 26}" in text


def test_central_form_as_a_word_table_and_a_two_row_header(tmp_path: Path) -> None:
    """The central 自评表 typed in Word; a header whose 指标值 spans 年度指标值 | 实际完成值."""
    import docx
    from test_import_builders import CENTRAL, add_table
    from test_import_excel import central_xlsx

    from perfsite.importing.xlsx_reader import read_xlsx

    [grid] = read_xlsx(central_xlsx(tmp_path / "c.xlsx", percent_as_fraction=False))
    rows = [[cell.own for cell in row] for row in grid.rows]
    merges = []
    for r, row in enumerate(grid.rows):  # rebuild the sheet's merges from its continued cells
        for c, cell in enumerate(row):
            if cell.own and ((c + 1 < len(row) and row[c + 1].merged) or (r + 1 < len(grid.rows) and grid.rows[r + 1][c].merged == "above")):
                c1 = c
                while c1 + 1 < len(row) and row[c1 + 1].merged == "left":
                    c1 += 1
                r1 = r
                while r1 + 1 < len(grid.rows) and grid.rows[r1 + 1][c].merged == "above":
                    r1 += 1
                if (r1, c1) != (r, c):
                    merges.append((r, c, r1, c1))
    d = docx.Document()
    add_table(d, rows, tuple(merges))
    d.save(str(tmp_path / "central.docx"))
    [out] = imported(tmp_path, tmp_path / "central.docx")
    got, want = scored(out), scored(CENTRAL)
    assert got.total == want.total and got.programme.name == want.programme.name
    assert len(got.programme.indicators) == len(want.programme.indicators)

    d = docx.Document()
    d.add_paragraph("示例项目2023年度绩效自评表")
    add_table(d, [["一级指标", "三级指标", "指标值", "", "分值", "得分"],
                  ["", "", "年度指标值", "实际完成值", "", ""],
                  ["产出指标", "培训人次", "≥100人", "120人", "60", "60"],
                  ["效益指标", "满意度", "≥90%", "95%", "40", "40"]],
              ((0, 2, 0, 3), (0, 0, 1, 0), (0, 1, 1, 1), (0, 4, 1, 4), (0, 5, 1, 5)))
    d.save(str(tmp_path / "two-rows.docx"))
    out = tmp_path / "out/2023/imported/shili.yaml"
    assert main(["import", str(tmp_path / "two-rows.docx"), "--out", str(tmp_path / "out")]) == 0
    got = scored(out)
    assert [(i.name, i.target, i.actual) for i in got.programme.indicators] == \
        [("培训人次", "≥100人", "120人"), ("满意度", "≥90%", "95%")]
    assert f"{got.total}" == "100.00"


def test_tracked_changes_are_read_accepted_and_hidden_text_left_out(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A unit revised the total under 修订 (「98.」 kept, 「62」 deleted, 「26」 inserted) and left a hidden
    「7」 after it: Word shows and prints 98.26, and so does the import; the clerk is told of the revisions."""
    from docx import Document
    from docx.oxml import parse_xml
    from forms.make import make

    from perfsite.importing.docx_reader import paragraph_text

    _, source = make(Path(__file__).parent / "forms" / "ann-putuo-tiyu-jiesuan", tmp_path / "made")
    doc = Document(str(source))
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    [total] = [t for t in doc.element.body.iter(qn("w:t")) if t.text == "98.62"]
    run = total.getparent()
    total.text = "98."
    for xml in (f'<w:del {w} w:id="1" w:author="单位" w:date="2023-03-01T00:00:00Z"><w:r><w:delText>62</w:delText></w:r></w:del>',
                f'<w:ins {w} w:id="2" w:author="单位" w:date="2023-03-01T00:00:00Z"><w:r><w:t>26</w:t></w:r></w:ins>',
                f'<w:r {w}><w:rPr><w:vanish/></w:rPr><w:t>7</w:t></w:r>'):
        run.addnext(parse_xml(xml))
        run = run.getnext()
    assert paragraph_text(run.getparent()) == "98.26"
    doc.save(str(source))
    [out] = imported(tmp_path, source)
    assert scored(out).programme.reported_score == Decimal("98.26")
    assert "未接受的修订" in capsys.readouterr().out


@pytest.mark.parametrize(("sentence", "score", "grade"), [
    ("本项目自评得分95分，等级为优。", "95", "优"),
    ("自评总分98.5分，属于“优秀”等级。", "98.5", "优秀"),
    ("自评得分90分（良）。", "90", "良"),
    ("自评总分95分，优于上年。", "95", None),  # 优 here compares with last year: no grade
    ("自评得分95分，中期目标已完成。", "95", None),
])
def test_the_grade_after_a_self_evaluations_total_is_a_whole_word(sentence: str, score: str, grade: str | None) -> None:
    from perfsite.importing.text import prose_total

    got_score, got_grade, words = prose_total(["项目总体完成情况良好。", sentence])
    assert (got_score, got_grade) == (score, grade)
    assert words in sentence


def test_a_labelled_line_above_the_table_is_no_title() -> None:
    """「评价类型：□阶段评价 ☑结束评价」 says 评价 but is a label and its value: never a programme's name."""
    from perfsite.importing.text import title_facts

    assert title_facts("评价类型：□阶段评价 ☑结束评价") == {}
    assert title_facts("评价方式：☑直接组织评价 □委托评价") == {}
    assert title_facts("示例县示例项目2021年度项目支出绩效自评表")["name"] == "示例项目"


def test_a_line_naming_only_the_year_and_the_form_is_placed_in_either_script() -> None:
    """「2022年度项目支出绩效自评表」 above a Word table gives the year and names no programme: it is read
    (not left for the clerk) when that is the year imported, in traditional characters too."""
    from perfsite.importing.text import title_facts, year_of_form_title

    assert [year_of_form_title(t) for t in ("(2021年度)", "2022年度项目支出绩效自评表", "2020年度項目支出績效自評表",
                                            "2022年度示例项目绩效自评表")] == ["2021", "2022", "2020", None]
    traditional = title_facts("麗江市2020年省級自然資源衛片執法補助經費支出績效自評表")
    assert traditional == {"year": "2020", "region": "麗江市", "name": "省級自然資源衛片執法補助經費"}
