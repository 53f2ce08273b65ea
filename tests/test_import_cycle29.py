"""Lifecycle forms: a 目标表 as adjusted mid-year takes its 调整后指标值 as the target in force, as a 自评表
does; a file's notes reach the form they are about; a merged form names what it left out."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import Prepared, prepare
from perfsite.importing.writer import dump


def _book(path: Path, rows: list[list[str]]) -> Path:
    book = Workbook()
    for r, line in enumerate(rows, 1):
        for c, text in enumerate(line, 1):
            book.active.cell(r, c).value = text or None
    book.save(path)
    return path


def _adjusted_targets(tmp_path: Path, target_word: str) -> Prepared:
    return prepare(_book(tmp_path / "目标表.xlsx", [
        ["项目支出绩效目标表（2024年度）"],
        ["项目名称", "学生营养改善", "", "", "主管部门", "示例县教育局"],
        ["年度目标", "为1200名学生提供营养膳食补助"],
        ["一级指标", "二级指标", "三级指标", target_word, "调整后指标值", "指标解释"],
        ["产出指标", "数量指标", "受益学生人数", "≥1200人", "≥1100人", "享受补助的学生"],
        ["产出指标", "成本指标", "生均每天补助标准", "≤5元", "/", ""],
        ["满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "", ""]]), Hints())


def test_a_target_table_as_adjusted_mid_year_takes_the_adjusted_target_and_keeps_the_initial_in_a_comment(
        tmp_path: Path) -> None:
    """A 目标表 printing 年初指标值 | 调整后指标值: the adjusted one is the year's target, as the 自评 reader takes it
    (the two then compare alike); a blank or 「/」 keeps the 年初 one; the note names each adjusted cell with the
    年初 target, and the file keeps it above the target. The 年初 header was refused (no 指标值 column), and
    beside 年度指标值 the adjusted cells were listed as unplaced, the 年初 targets written."""
    for word in ("年初指标值", "年度指标值"):
        item = _adjusted_targets(tmp_path, word)
        assert item.report.failure == "", item.report.failure
        assert [i["target"] for i in item.draft.data["indicators"]] == ["≥1100人", "≤5元", "≥90%"]
        said = [note for note in item.report.notes if "调整后指标值」一列" in note]
        assert len(said) == 1 and "E5「≥1100人」（年初「≥1200人」）" in said[0] and f"其余 2 项没有填写调整后的指标值，按「{word}」读入" in said[0]
        assert not item.report.unplaced, item.report.unplaced
        text = dump(item.draft.data, item.draft.comments)
        assert "年初指标值为「≥1200人」" in text.split("target: \"≥1100人\"")[0].rsplit("name:", 1)[1]


def _department_then_programme(tmp_path: Path) -> Path:
    """宁德市地震局's 部门整体自评表 (tests/forms_dept d06), then 永德's 项目支出自评表 (tests/forms b04, its
    「项目名称」 label merged over two columns) in one Word file, a revision left in its first paragraph."""
    import copy

    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from forms.make import make

    forms = Path(__file__).parent
    _, department = make(forms / "forms_dept" / "d06-ningde-dizhen-ziping", tmp_path / "d")
    _, programme = make(forms / "forms" / "b04-yongde-yingyang", tmp_path / "p")
    document = Document(str(department))
    end = document.element.body[-1]  # the section properties stay last
    for element in Document(str(programme)).element.body:
        if not element.tag.endswith("sectPr"):
            end.addprevious(copy.deepcopy(element))
    document.paragraphs[0]._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="科员"/>'))
    document.save(str(tmp_path / "部门和项目.docx"))
    return tmp_path / "部门和项目.docx"


REVISED = "文档中有未接受的修订"


def test_a_file_opened_by_a_department_form_says_its_own_notes_once_on_the_programmes_report(tmp_path: Path) -> None:
    """The 部门整体 form opens the file: it is split off as the department's document, the programme's form read on
    its own, and the revision (about the file, put by the reader on its first table) is said once, on the report
    headed by the file's name and marked as the file's. The programme's 项目名称 sat in the column after its
    two-column label: the programme's 8 indicators went into the department's file; once split, the note was said on
    both reports, on neither as the file's."""
    first = prepare(_department_then_programme(tmp_path), Hints())
    reports = [item.report for item in (first, *first.more)]
    assert [r.failure for r in reports] == ["", ""], [r.failure for r in reports]
    assert [(item.draft.data.get("kind"), item.draft.data.get("department")) for item in (first, *first.more)] == [
        (None, "永德县教育体育局"), ("部门整体自评", "宁德市地震局")]
    assert [[note for note in r.notes if REVISED in note] for r in reports] == [
        [next(note for note in reports[0].notes if REVISED in note)], []]
    assert next(note for note in reports[0].notes if REVISED in note).startswith("关于整个文件")


def _form(path: Path, score: str, remark: str, stray: str = "") -> Prepared:
    """A small 自评表: two indicators, the second's 偏差原因 `remark`, a stray line `stray` under the table."""
    return prepare(_book(path, [
        ["项目名称", "村道维修"], ["主管部门", "示例县交通局"], ["评价年度", "2023"],
        ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分", "偏差原因分析及改进措施"],
        ["产出指标", "数量指标", "维修里程", "60", "≥10公里", "10公里", "60", ""],
        ["效益指标", "满意度指标", "群众满意度", "40", "≥90%", "88%", score, remark],
        ["总分", "", "", "100", "", "", str(60 + int(score)), ""], [], [stray]]), Hints())


def test_a_version_not_written_names_what_only_it_holds_and_keeps_its_unplaced_cells(tmp_path: Path) -> None:
    """A form and its 修改稿 (another score): the 修改稿 is written. The original's 偏差原因 of 群众满意度, which the
    修改稿 left blank, is said on both reports, with the file it is in; its stray line under the table stays in its
    「未能归位的内容」. Both were cleared without a word."""
    from perfsite.importing.crosscheck import same_programme

    original = _form(tmp_path / "村道维修自评表.xlsx", "38", "部分群众反映施工期间出行不便，下一步加强沟通", "经办人核实：里程以验收单为准")
    revised = _form(tmp_path / "村道维修自评表（修改稿）.xlsx", "39", "")
    same_programme([original, revised])
    assert revised.report.same_as is None and original.report.same_as == revised.report.source
    said = [note for note in revised.draft.notes if note.startswith("同一项目的「村道维修自评表.xlsx」有而本文件没有的内容")]
    assert len(said) == 1 and "指标「群众满意度」的偏差原因" in said[0], revised.draft.notes
    assert any(note.startswith("本文件有而「村道维修自评表（修改稿）.xlsx」没有的内容，未写入：指标「群众满意度」的偏差原因")
               for note in original.report.notes), original.report.notes
    assert [entry for entry in original.report.unplaced if "经办人核实" in entry], original.report.unplaced


def test_a_merged_file_s_note_is_kept_when_it_asks_in_its_own_words_not_in_a_quoted_cell() -> None:
    """Notes as the readers write them: the 「请」 that keeps one is ours, not a quoted cell's. A template row
    quoted with its hint 「请填写指标名称」 only tells how the row was read: it was kept as a request."""
    from perfsite.importing.crosscheck import still_asked
    from perfsite.importing.tables import in_force_note, template_note

    template = template_note("工作表「Sheet1」", [(7, "「请填写指标名称」"), (8, "「……」")])
    adjusted = in_force_note("工作表「Sheet1」", {"target": "年初指标值"}, ["F5「≥8公里」（年初「≥10公里」）"], 2,
                             "按调整后的指标值读入并计分", "如果这一年并未按调整后的指标值考核，请把导入文件中这些指标的目标值改为年初的")[0]
    revised = "文档中有未接受的修订（修订模式下的插入和删除）：按接受全部修订后的文字导入；请在 Word 中「审阅 → 接受所有修订」后核对原件与导入结果"
    assert still_asked([template, adjusted, revised], []) == [adjusted, revised]
    assert still_asked([template, adjusted, revised], [revised]) == [adjusted]


CYCLE = Path(__file__).parent / "forms_cycle29"


def _made(tmp_path: Path, folder: str) -> list[Prepared]:
    """A form of tests/forms_cycle29 as the .xlsx and the .docx a unit hands in, each read."""
    from forms.make import make

    return [prepare(path, Hints()) for path in make(CYCLE / folder, tmp_path / folder)]


def test_a_target_table_with_a_value_column_for_each_village_is_refused_naming_them(tmp_path: Path) -> None:
    """安溪县's 2022 省级水利专项 目标表 prints one 指标值 column for each of the 7 villages the money goes to: refused,
    the villages' columns named, and told how to make a file of it."""
    for item in _made(tmp_path, "a01-anxi-shuili-qicipi"):
        failure = item.report.failure
        assert "没有「指标值」一栏，而是每个地方一栏" in failure and "「西坪镇尧山村」" in failure, failure
        assert "各地的值导入不了，也不替原表选一个地方或相加" in failure, failure


def test_an_adjusted_target_table_under_a_two_row_header_reads_alike_from_word_and_excel(tmp_path: Path) -> None:
    """「指标值」 spanning 「年初指标值 | 调整后指标值」, the other heads merged down over both rows: each format takes the
    two adjusted targets, keeps the blank and 「/」 rows' 年初 ones (a 定性 target among them), and reads the
    指标解释 beside them; no cell is left unplaced."""
    for item in _made(tmp_path, "a02-adjusted-constructed"):
        assert item.draft is not None, item.report.failure
        indicators = item.draft.data["indicators"]
        assert [i["target"] for i in indicators] == ["≥4万平方米", "≤30天", "明显改善", "≥90%"]
        assert indicators[0]["explanation"] == "当年维修的面积" and not item.report.unplaced, item.report.unplaced
        said = [note for note in item.report.notes if "「调整后指标值」一列" in note]
        assert len(said) == 1 and "「≥90%」（年初「≥95%」）" in said[0] and "其余 2 项" in said[0], item.report.notes


def test_what_only_the_merged_file_states_is_named_by_its_key_and_indicator() -> None:
    """`left_out` on two drafts as the readers make them: the form's 主管部门 where the report wrote 「未载明」, its budget
    the report has none of, and one indicator's 评分标准; what both state, or only the written one, is not named."""
    from perfsite.importing.assemble import Draft
    from perfsite.importing.crosscheck import left_out

    report = Draft(data={"name": "村道维修", "department": "未载明", "sections": {"项目概况": "……"},
                         "indicators": [{"name": "维修里程", "weight": 60}, {"name": "群众满意度", "weight": 40}]})
    form = Draft(data={"name": "村道维修", "department": "示例县交通局", "budget": {"rows": [1]},
                       "indicators": [{"name": "维修里程", "weight": 60, "rule_text": "每少1公里扣5分"},
                                      {"name": "群众满意度", "weight": 40}]})
    assert left_out(report, form) == ["主管部门", "预算执行情况", "指标「维修里程」的评分标准"]
    assert left_out(form, report) == ["正文章节"]
