"""PDF prints of whole disclosures and of forms cut by a page break (tests/forms_pdf26, made by makers.py there)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_forms import differences, scored
from test_import_targets import differences as target_differences
from test_import_targets import table_of

from perfsite.importing.pdf_reader import cut_row
from perfsite.importing.pipeline import Options, import_file, prepare
from perfsite.importing.text import title_facts
from perfsite.scoring import ScoredProgramme
from perfsite.siteconfig import SiteConfig

HERE = Path(__file__).resolve().parent
FORMS = HERE / "forms_pdf26"


def _import(path: Path, out: Path) -> list[Path]:
    import_file(path, Options(out), SiteConfig(), set())
    return sorted(out.rglob("*.yaml"))


def _names(path: Path) -> list[str]:
    return [i["name"] for i in yaml.safe_load(path.read_text(encoding="utf-8"))["indicators"]]


def test_a_name_cut_by_the_page_break_in_a_row_without_values_is_one_indicator(tmp_path: Path) -> None:
    """海淀区学院路's last row (its source cut inside the name, 「是否达到国」) prints 「是否」「达到」 at page 1's
    foot and 「国」 on page 2, no value on either: it was two indicators, 「是否达到」 and 「国」."""
    [written] = _import(FORMS / "cut-name.pdf", tmp_path / "out")
    assert _names(written) == ["预算执行率", "是否完成绩效目标申报表中申报的数量", "是否达到国"]


def test_a_valueless_row_goes_on_only_where_its_last_words_filled_their_cell() -> None:
    last = ["", "", "质量\n指标", "是否\n达到", "", "", "", "", "", ""]
    assert cut_row(last, ["", "", "", "国", "", "", "", "", "", ""])
    assert not cut_row(["", "", "质量\n指标", "合格\n率", "", "", ""], ["", "", "", "及时率", "", "", ""])  # ended short
    assert not cut_row(["项目负\n责人", ""], ["联系电话", ""])  # a label and its blank value: a new row
    assert not cut_row(last, ["", "", "", "国", "", "10", "", "", "", ""])  # a value of its own: a new row


def test_the_department_form_before_the_programmes_forms_is_a_department_document(tmp_path: Path) -> None:
    """department-first.pdf: 宁德市地震局's 部门整体支出绩效自评表 ahead of 青神 and 中江's 自评表. The file
    was read as three programmes, the first named 「部门整体」 (its money table's 54 cells 「未能归位」); the
    department form is now the department's own file, as it is when printed after the forms
    (tests/forms_pdf8/department.pdf), and each 自评表 imports to its golden file."""
    written = _import(FORMS / "department-first.pdf", tmp_path / "out")
    assert [p.name for p in written] == ["ningdeshi-dizhen-ju-bumen-zhengti-ziping.yaml",
                                         "zhongjiangxian-nongye-shuijia-zonghe-anzhuang.yaml", "gongzi-xing-zhichu.yaml"]
    for path, folder in zip(written[1:], ("b01-zhongjiang-shuibiaochi", "b02-qingshen-gongzixing"), strict=True):
        assert not differences(scored(path), scored(HERE / "forms" / folder / "golden.yaml")), folder
    after = _import(HERE / "forms_pdf8" / "department.pdf", tmp_path / "after")[0]
    assert _without_source(written[0]) == _without_source(after)
    assert "kind: 部门整体自评" in written[0].read_text(encoding="utf-8")


def _without_source(path: Path) -> str:
    return "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                     if not line.startswith(("source:", "# 由 perfsite import")))


def test_prose_after_the_last_form_is_no_part_of_the_last_programme(tmp_path: Path) -> None:
    """closing-prose.pdf: the 决算 closes its 自评表 with two paragraphs about its 自评 as a whole, no
    heading. The last programme, 中江县's 2022 自评表, took them as its title lines: the year 2024 of
    「2024年度，我单位…开展了绩效自评…」, its own 「(2022年度)」 listed as 「未能归位」. They are the
    disclosure's, said once, and each form imports to its golden file."""
    prepared = prepare(FORMS / "closing-prose.pdf", Options(Path("unused")).hints)
    for part in (prepared, *prepared.more):
        said = next(n for n in part.report.notes if "是部门预算、决算公开的报表" in n)
        assert "最后一张绩效表之后的 2 段（「2024年度，我单位严格按照" in said, said
        assert not any("2024年度" in entry for entry in part.report.unplaced), part.report.unplaced
    written = _import(FORMS / "closing-prose.pdf", tmp_path / "out")
    assert [p.name for p in written] == ["zhongjiangxian-nongye-shuijia-zonghe-anzhuang.yaml", "gongzi-xing-zhichu.yaml"]
    for path, folder in zip(written, ("b01-zhongjiang-shuibiaochi", "b02-qingshen-gongzixing"), strict=True):
        assert not differences(scored(path), scored(HERE / "forms" / folder / "golden.yaml")), folder


def test_a_sentence_naming_a_year_and_a_self_evaluation_is_no_title() -> None:
    """A form's paragraphs outside a disclosure keep this: a sentence gave the year of a title."""
    assert title_facts("2024年度，我单位严格按照预算绩效管理要求，对项目支出开展了绩效自评，自评结果已按规定公开。") == {}
    assert title_facts("中江县2022年度项目支出绩效自评表")["year"] == "2022"


def test_a_form_naming_no_year_is_refused_saying_how_to_give_it() -> None:
    """普惠金融's 区域绩效自评表 (a 中央 transfer's, tests/forms/c03) prints no year. It was refused
    「找不到评价年度（…正文都没有）：可用 --year 指定」, inside a 决算 whose title names 2024. The clerk is
    told what to confirm and how to give it, and the disclosure's year is named, never taken."""
    alone = prepare(HERE / "forms_pdf8" / "after.pdf", Options(Path("unused")).hints)
    failure = alone.report.failure
    assert failure.startswith("找不到评价年度") and "向填报单位确认这张表评价的是哪一年度" in failure, failure
    assert "--year 2023" in failure and "写明「（2023年度）」" in failure
    assert "本文件是「渠县农业综合技术服务中心2024年度单位决算」" in failure and "加上 --year 2024 重新导入" in failure
    third = prepare(HERE / "forms_pdf8" / "juesuan.pdf", Options(Path("unused")).hints).more[1]
    assert "加上 --year 2024 重新导入" in third.report.failure and third.draft is None


PAIRS = {
    "pair-foot.pdf": ("b05-langzhong-chegoushui", "b06-huanggang-shuibao"),
    "pair-titled.pdf": ("d01-changjiang-jinbu-yuchuan", "ann-ningjin-zhuxuejin"),
    "pair-title-first.pdf": ("ann-ningjin-zhuxuejin", "ann-putuo-tiyu-jiesuan"),
    "repeat-rows.pdf": ("b04-yongde-yingyang",),
}


@pytest.mark.parametrize("pdf", sorted(PAIRS))
def test_forms_printed_as_portals_print_them_import_as_alone(pdf: str, tmp_path: Path) -> None:
    """Portals' prints of held forms (makers.portal_docx): two forms with no page break between them,
    the indicator header repeated on each page. Each pair was read as one programme holding both forms'
    indicators: pair-foot.pdf put 黄冈's title at page 1's foot, under 阆中's table, read as a merged cell's text of
    阆中's last row, so 黄冈's table on page 2 went on as 阆中's rows (黄冈 not imported at all);
    宁晋's form names its programme only in its title, so after 昌江's it went on as 昌江's tables
    (5 indicators became 12), and before 普陀's it gave 普陀 its year 2019 and its 7 indicators.
    repeat-rows.pdf: 永德县's form with its first two rows repeated on page 2, which opens with the template
    row 「生态效益指标」: joined to the 「社会效益指标」 above it, 政策知晓率's 二级 read 「社会效益指标生态效益指标」."""
    written = _import(FORMS / pdf, tmp_path / "out")
    assert len(written) == len(PAIRS[pdf]), [p.name for p in written]
    for folder in PAIRS[pdf]:
        want = scored(HERE / "forms" / folder / "golden.yaml")
        [got] = [s for s in map(scored, written) if s.programme.name == want.programme.name]
        assert not differences(got, want), (folder, differences(got, want))


TARGETS = {
    "title-wrapped.pdf": ("t12-baodi-chuqin-fenwu",),
    "narrow-cut.pdf": ("t14-xiangxi-texiao-huoshi", "t15-hanyin-puhui-jinrong"),
}


@pytest.mark.parametrize("pdf", sorted(TARGETS))
def test_target_tables_printed_on_narrow_paper_import_as_alone(pdf: str, tmp_path: Path) -> None:
    """title-wrapped.pdf: 宝坻区's title, too long for 纵向 paper, wraps onto a second centred line; read as
    two paragraphs, neither was a title and the 目标表 was refused for want of a year (2022 is in it).
    narrow-cut.pdf: 湘西州特校's 13 columns on 纵向 paper print one character a line, and the page break
    cuts the row 「残疾学生家庭负担率」 after 「残」, its 「-」 finished on the page: it was two indicators."""
    written = _import(FORMS / pdf, tmp_path / "out")
    assert len(written) == len(TARGETS[pdf]), [p.name for p in written]
    for folder in TARGETS[pdf]:
        want = table_of(HERE / "forms_targets" / folder / "golden.yaml")
        [got] = [t for t in map(table_of, written) if t.name == want.name]
        found = target_differences(got, want, lambda v: v.replace("\n", "") if isinstance(v, str) else v)
        assert not found, (folder, found)


LAYOUTS = {
    "pair-facts-head.pdf": ("l08-suzhou-shiguan-lvdi", "l09-licheng-wenhuaguan"),
    "indented-cut.pdf": ("l15-xiaoxian-yanglou-zhongyang", "l16-xuancheng-dizhen-fangzhen"),
    "pair-merged-label.pdf": ("l16-xuancheng-dizhen-fangzhen", "l17-longyang-huafei-jianliang"),
}


@pytest.fixture(scope="module")
def from_workbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ScoredProgramme]:
    """Each transcription of LAYOUTS (tests/forms_layouts, no golden file) imported from its workbook:
    what its PDF print must import as."""
    from forms.make import load_form, write_xlsx

    out = tmp_path_factory.mktemp("workbooks")
    made = {}
    for folder in sorted({f for pair in LAYOUTS.values() for f in pair}):
        book = write_xlsx(load_form(HERE / "forms_layouts" / folder), out / f"{folder}.xlsx")
        [made[folder]] = map(scored, _import(book, out / folder))
    return made


@pytest.mark.parametrize("pdf", sorted(LAYOUTS))
def test_forms_printed_two_to_a_page_import_as_their_workbooks(pdf: str, tmp_path: Path,
                                                               from_workbooks: dict[str, ScoredProgramme]) -> None:
    """pair-facts-head.pdf: 历城's 「主管部门(盖章): 单位:万元」 line, read as a table of facts between its
    title and its table, went with 苏州's form before it, and 历城's own part began after it: its title
    「( 2019年度)」 lost, it was refused for want of a year. indented-cut.pdf: 杨楼社区's part row 「猪养殖数量」,
    its name indented with spaces, is cut after its blank first line: 「| 80头 | 80头」 ends page 1, the name
    opens page 2, and 杨楼's 5 indicators became 9. pair-merged-label.pdf: 宣城's template row 「成本指标」
    opens page 2 under the 「时效指标」 merged down to the break: two of its indicators got the 二级
    「时效指标成本指标」."""
    written = _import(FORMS / pdf, tmp_path / "out")
    assert len(written) == 2, [p.name for p in written]
    for folder in LAYOUTS[pdf]:
        want = from_workbooks[folder]
        [got] = [s for s in map(scored, written) if s.programme.name == want.programme.name]
        assert not differences(got, want), (folder, differences(got, want))


def test_department_forms_printed_two_to_a_page_import_as_their_word_files(tmp_path: Path) -> None:
    """pair-departments.pdf: 宁德市地震局's indicator 「协同相关部门开展防震减灾宣传活动场数」 (its source cut in
    its 评分标准, no 分值 or 得分) is cut by the page break after 「开展」, its 「6场」「7场」 finished on page 3:
    it was two indicators, 「协同相关部门开展」 and a second with no 一级 of its own."""
    from forms.make import load_form, write_docx

    written = {p.name: _without_source(p) for p in _import(FORMS / "pair-departments.pdf", tmp_path / "out")}
    for folder in ("d05-yueyanglou-jiage-mubiao", "d06-ningde-dizhen-ziping"):
        word = write_docx(load_form(HERE / "forms_dept" / folder), tmp_path / f"{folder}.docx")
        [alone] = _import(word, tmp_path / folder)
        assert written.get(alone.name) == _without_source(alone), folder


def test_a_department_form_between_programmes_forms_is_a_department_document(tmp_path: Path) -> None:
    """A Word file of 鄂州's 目标表, 宁德's 部门整体支出绩效目标表, then 宁乡's 目标表 (the files of
    tests/test_trial8b_several.py one after another). The department's table went on as 鄂州's: its
    主管部门 「中共宁德市委党史和地方志研究室」 became 鄂州's and its cells 93 「未能归位的内容」. Each now
    imports as it does alone."""
    from forms.make import load_form, write_docx
    from test_trial8b_several import T7, _joined

    department = write_docx(load_form(HERE / "forms_dept" / "d01-ningde-dangshi-mubiao"), tmp_path / "部门.docx")
    parts = (T7 / "c-ezhou-binhu-dalou-mubiao.docx", department, T7 / "d-ningxiang-batang-mubiao.docx")
    whole = _joined(_joined(parts[0], parts[1], tmp_path / "ab.docx"), parts[2], tmp_path / "三张.docx")
    written = {p.name: _without_source(p) for p in _import(whole, tmp_path / "out")}
    alone = {p.name: _without_source(p) for n, part in enumerate(parts) for p in _import(part, tmp_path / f"alone{n}")}
    assert written == alone
