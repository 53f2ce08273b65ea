"""A whole 部门决算公开 / 部门预算公开 as the portal carries it: one Word document of 目录, prose,
the budget tables (横向 pages) and then the performance tables, one per programme, printed to PDF.

What is real and what is the national template is told in tests/forms_pdf8/SOURCES.md: the 决算's
目录 and prose are the 渠县农业综合技术服务中心 2024 决算's (quxian.gov.cn); the 预算's 目录 and
收支总表 are the template's headings (no 部门预算 of 武汉市青山区教育局 is held); the performance
tables are the held real forms of tests/forms and tests/forms_targets, typed cell by cell there
(their golden.yaml is what each must import as). The statements carry the template's headings and
row labels with their amounts blank, save the 总计 the source prints.

Usage: ``python tests/forms_pdf8/disclosures.py OUT_DIR`` writes juesuan.docx and yusuan.docx there.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
sys.path.insert(0, str(TESTS))
from forms.make import add_table, load_form, title_rows  # noqa: E402  (not bare `make`: tests/forms_reports has one too)

JUESUAN_FORMS = ("forms/b02-qingshen-gongzixing", "forms/b01-zhongjiang-shuibiaochi",
                 "forms/c03-sichuan-puhui-jinrong")
"""Three 四川 自评表, in the order a 决算 prints its 附件."""
YUSUAN_FORMS = ("forms_targets/t08-qingshan-jiaoyu-jijian", "forms_targets/t09-qingshan-boruo-xuexiao")
"""Two 目标表 of 武汉市青山区教育局's 部门预算 pages."""

JUESUAN_CONTENTS = """目录
公开时间:2025年10月15日
第一部分单位概况
一、主要职责
二、机构设置
第二部分2024年度单位决算情况说明
一、收入支出决算总体情况说明
二、收入决算情况说明
三、支出决算情况说明
四、财政拨款收入支出决算总体情况说明
五、一般公共预算财政拨款支出决算情况说明
六、一般公共预算财政拨款基本支出决算情况说明
七、财政拨款“三公”经费支出决算情况说明
八、政府性基金预算支出决算情况说明
九、国有资本经营预算支出决算情况说明
十、其他重要事项的情况说明
第三部分名词解释
第四部分附件
第五部分附表
一、收入支出决算总表
二、收入决算表
三、支出决算表
四、财政拨款收入支出决算总表
五、财政拨款支出决算明细表
六、一般公共预算财政拨款支出决算表
七、一般公共预算财政拨款支出决算明细表
八、一般公共预算财政拨款基本支出决算明细表
九、一般公共预算财政拨款项目支出决算表
十、政府性基金预算财政拨款收入支出决算表
十一、国有资本经营预算财政拨款收入支出决算表
十二、国有资本经营预算财政拨款支出决算表
十三、财政拨款“三公”经费支出决算表"""

JUESUAN_PROSE = """第一部分单位概况
一、主要职责
机构职能:负责种植业技术推广、良种良法普及、农业机械装备更新;负责土壤改良与培肥、种子质量检验等相关工作。农业新技术、新品种、新机制的试验、示范、推广工作。人员概况:在职人员81人,专业技术人员57人、管理人员1人,工勤人员23人。
二、机构设置
渠县农业综合技术服务中心下设办公室、财务室、种子管理组、农业补贴组、种植业组、土壤肥料组等。
第二部分2024年度单位决算情况说明
一、收入支出决算总体情况说明
2024年度收、支总计均为1523.26万元。"""

UNIT = "渠县农业综合技术服务中心"

TOTAL_TABLE = [
    ["收入支出决算总表", "", "", "", "", ""],
    ["公开01表", "", "", "", "", ""],
    [f"部门:{UNIT}", "", "", "", "金额单位:万元", ""],
    ["收入", "", "", "支出", "", ""],
    ["项目", "行次", "金额", "项目", "行次", "金额"],
    ["栏次", "", "1", "栏次", "", "2"],
    ["一、一般公共预算财政拨款收入", "1", "", "一、一般公共服务支出", "32", ""],
    ["二、政府性基金预算财政拨款收入", "2", "", "二、外交支出", "33", ""],
    ["三、国有资本经营预算财政拨款收入", "3", "", "三、国防支出", "34", ""],
    ["四、上级补助收入", "4", "", "四、公共安全支出", "35", ""],
    ["五、事业收入", "5", "", "五、教育支出", "36", ""],
    ["本年收入合计", "30", "", "本年支出合计", "60", ""],
    ["总计", "31", "1,523.26", "总计", "64", "1,523.26"],
]
TOTAL_MERGES = ((0, 0, 0, 5), (1, 0, 1, 5), (2, 0, 2, 3), (2, 4, 2, 5), (3, 0, 3, 2), (3, 3, 3, 5))

FUND_TABLE = [
    ["政府性基金预算财政拨款收入支出决算表", "", "", "", "", ""],
    ["公开10表", "", "", "", "", ""],
    [f"部门:{UNIT}", "", "", "", "金额单位:万元", ""],
    ["项目", "", "年初结转和结余", "本年收入", "本年支出", "年末结转和结余"],
    ["支出功能分类科目编码", "科目名称", "", "", "", ""],
    ["栏次", "", "1", "2", "3", "4"],
    ["合计", "", "", "", "", ""],
    ["注:本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。", "", "", "", "", ""],
]
FUND_MERGES = ((0, 0, 0, 5), (1, 0, 1, 5), (2, 0, 2, 3), (2, 4, 2, 5), (3, 0, 3, 1), (3, 2, 4, 2),
               (3, 3, 4, 3), (3, 4, 4, 4), (3, 5, 4, 5), (6, 0, 6, 1), (7, 0, 7, 5))

THREE_TABLE = [
    ["财政拨款“三公”经费支出决算表", "", "", "", "", ""],
    ["公开13表", "", "", "", "", ""],
    [f"部门:{UNIT}", "", "", "", "金额单位:万元", ""],
    ["预算数", "", "", "", "", ""],
    ["合计", "因公出国(境)费", "公务用车购置及运行费", "", "", "公务接待费"],
    ["", "", "小计", "公务用车购置费", "公务用车运行费", ""],
    ["1", "2", "3", "4", "5", "6"],
    ["", "", "", "", "", ""],
]
THREE_MERGES = ((0, 0, 0, 5), (1, 0, 1, 5), (2, 0, 2, 3), (2, 4, 2, 5), (3, 0, 3, 5), (4, 0, 5, 0),
                (4, 1, 5, 1), (4, 2, 4, 4), (4, 5, 5, 5))

DETAIL_TABLE = [
    ["一般公共预算财政拨款支出决算表", "", "", "", "", "", ""],
    ["公开05表", "", "", "", "", "", ""],
    [f"部门:{UNIT}", "", "", "", "", "金额单位:万元", ""],
    ["项目", "", "本年支出", "", "", "", ""],
    ["支出功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出", "", ""],
    ["栏次", "", "1", "2", "3", "", ""],
    ["合计", "", "", "", "", "", ""],
]
DETAIL_MERGES = ((0, 0, 0, 6), (1, 0, 1, 6), (2, 0, 2, 4), (2, 5, 2, 6), (3, 0, 3, 1), (3, 2, 3, 6))
"""Seven columns, as many as the 区域绩效自评表 it follows on the next page of the same section."""


def after_docx(path: Path, turned: bool = False) -> Path:
    """四川's order: the 自评表 (附件) first, the statements (附表) after them, the first one as wide
    as the last 自评表 and opening the page after it: on the same 纵向 paper, or `turned` 横向."""
    doc = _document(f"{UNIT}2024年度单位决算", JUESUAN_CONTENTS, JUESUAN_PROSE,
                    ((DETAIL_TABLE, DETAIL_MERGES), (TOTAL_TABLE, TOTAL_MERGES)), JUESUAN_FORMS[2:],
                    "第三部分名词解释", forms_first=True, turned=turned)
    doc.save(str(path))
    return path


def department_docx(path: Path) -> Path:
    """The 决算 closing its 附件 with a 部门整体支出绩效自评表 (宁德市地震局's, tests/forms_dept/d06)
    after two 项目支出绩效自评表."""
    doc = _document(f"{UNIT}2024年度单位决算", JUESUAN_CONTENTS, JUESUAN_PROSE, ((TOTAL_TABLE, TOTAL_MERGES),),
                    (*JUESUAN_FORMS[:2], "forms_dept/d06-ningde-dizhen-ziping"), "第三部分名词解释")
    doc.save(str(path))
    return path


def listed_docx(path: Path) -> Path:
    """A 预算 whose second 目标表 names its programme in a list's 「单位(专项)名称」 column, not beside a
    「项目名称」 label (湘西州特校's, tests/forms_targets/t14, after 舒城县's t13)."""
    doc = _document("部门预算", YUSUAN_CONTENTS, "第一部分 部门预算概况", ((BUDGET_TABLE, BUDGET_MERGES),),
                    ("forms_targets/t13-shucheng-yigongdaizhen", "forms_targets/t14-xiangxi-texiao-huoshi"),
                    "第四部分 名词解释")
    doc.save(str(path))
    return path


def flow_docx(path: Path) -> Path:
    """Forms one after another in one section, no page break between them (a Word file a unit pastes
    its forms into): the 说明, the 收入支出决算总表, 青神 and 中江's 自评表, and 青山区's 薄弱学校
    目标表 (t09), whose row 可持续影响指标 the page break cuts."""
    from docx import Document

    doc = Document()
    _lines(doc, JUESUAN_PROSE)
    _plain_table(doc, TOTAL_TABLE, TOTAL_MERGES)
    for name in (*JUESUAN_FORMS[:2], "forms_targets/t09-qingshan-boruo-xuexiao"):
        doc.add_paragraph("")
        _form(doc, TESTS / name)
    doc.save(str(path))
    return path


YUSUAN_CONTENTS = """目录
第一部分 武汉市青山区教育局2020年部门预算概况
一、部门主要职能
二、部门预算单位构成
第二部分 武汉市青山区教育局2020年部门预算表
一、收支总表
二、收入总表
三、支出总表
四、财政拨款收支总表
五、一般公共预算支出表
六、一般公共预算基本支出表
七、一般公共预算“三公”经费支出表
八、政府性基金预算支出表
第三部分 武汉市青山区教育局2020年部门预算情况说明
第四部分 名词解释
第五部分 项目支出绩效目标表"""

BUDGET_TABLE = [
    ["收支总表", "", "", ""],
    ["单位名称:武汉市青山区教育局", "", "", "单位:万元"],
    ["收入", "", "支出", ""],
    ["项目", "预算数", "项目", "预算数"],
    ["一、一般公共预算拨款收入", "", "一、一般公共服务支出", ""],
    ["二、政府性基金预算拨款收入", "", "二、教育支出", ""],
    ["三、国有资本经营预算拨款收入", "", "三、社会保障和就业支出", ""],
    ["收入总计", "", "支出总计", ""],
]
BUDGET_MERGES = ((0, 0, 0, 3), (1, 0, 1, 2), (2, 0, 2, 1), (2, 2, 2, 3))


def footer_page_number(section, before: str = "第 ", after: str = " 页") -> None:  # type: ignore[no-untyped-def]
    """The page number centred in the footer between `before` and `after`: 「第 N 页」 as a portal's PDF
    prints it, or a scanned-looking 「- N -」."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    para = section.footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.add_run(before)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    para._p.append(field)
    para.add_run(after)


def _section(doc, landscape: bool):  # type: ignore[no-untyped-def]
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Cm

    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Cm(29.7), Cm(21.0)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    return section


def _lines(doc, text: str, centre_first: bool = False) -> None:  # type: ignore[no-untyped-def]
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for n, line in enumerate(text.splitlines()):
        para = doc.add_paragraph(line)
        if n == 0 and centre_first:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _plain_table(doc, rows, merges) -> None:  # type: ignore[no-untyped-def]
    add_table(doc, rows, merges).style = "Table Grid"
    doc.add_paragraph("")


def _form(doc, folder: Path) -> None:  # type: ignore[no-untyped-def]
    """A held form as write_docx lays it: its title rows as centred paragraphs, then its table."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    form = load_form(folder)
    skip = title_rows(form)
    for row in form.rows[:skip]:
        doc.add_paragraph(next((t for t in row if t), "")).alignment = WD_ALIGN_PARAGRAPH.CENTER
    merges = tuple((r0 - skip, c0, r1 - skip, c1) for r0, c0, r1, c1 in form.merges if r0 >= skip)
    add_table(doc, form.rows[skip:], merges).style = "Table Grid"


def _document(title: str, contents: str, prose: str, tables, forms: tuple[str, ...], closing: str,  # type: ignore[no-untyped-def]
              forms_first: bool = False, turned: bool = True):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    doc = Document()
    first = doc.sections[0]
    first.page_width, first.page_height = Cm(21.0), Cm(29.7)
    footer_page_number(first)
    doc.add_paragraph(title).alignment = WD_ALIGN_PARAGRAPH.CENTER
    _lines(doc, contents, centre_first=True)
    _section(doc, landscape=False)
    _lines(doc, prose)

    def statements() -> None:
        if turned:
            _section(doc, landscape=True)
        for n, (rows, merges) in enumerate(tables):
            if n or not turned:
                doc.add_page_break()
            _plain_table(doc, rows, merges)

    if not forms_first:
        statements()
    for n, name in enumerate(forms):
        _section(doc, landscape=n % 2 == 1)
        _form(doc, TESTS / name)
    if forms_first:  # 四川's 决算 prints its 附件 (the 自评表) before its 附表 (the statements)
        statements()
    _section(doc, landscape=False)
    _lines(doc, closing)
    return doc


def juesuan_docx(path: Path) -> Path:
    doc = _document(f"{UNIT}2024年度单位决算", JUESUAN_CONTENTS, JUESUAN_PROSE,
                    ((TOTAL_TABLE, TOTAL_MERGES), (FUND_TABLE, FUND_MERGES), (THREE_TABLE, THREE_MERGES)),
                    JUESUAN_FORMS, "第三部分名词解释\n一、财政拨款收入:指单位从同级财政部门取得的财政预算资金。")
    doc.save(str(path))
    return path


def yusuan_docx(path: Path) -> Path:
    doc = _document("武汉市青山区教育局2020年部门预算", YUSUAN_CONTENTS,
                    "第一部分 武汉市青山区教育局2020年部门预算概况\n一、部门主要职能",
                    ((BUDGET_TABLE, BUDGET_MERGES),), YUSUAN_FORMS, "第四部分 名词解释")
    doc.save(str(path))
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    print(juesuan_docx(out / "juesuan.docx"), yusuan_docx(out / "yusuan.docx"), after_docx(out / "after.docx"),
          after_docx(out / "after-turned.docx", turned=True), department_docx(out / "department.docx"),
          listed_docx(out / "listed.docx"), flow_docx(out / "flow.docx"))
