"""绩效评价报告 (部门评价, 财政评价, 第三方评价) import to `kind: 评价报告` files with their original;
a unit's 自评报告 stays a 自评.

The corpus (tests/forms_reports/*/report.yaml) is real published reports transcribed paragraph by
paragraph and table by table; each is made into the .docx it was published as
(tests/forms_reports/make.py) and imported. Expected values are read from the transcription (the
published text), never from the importer's output. One complete report, the example data's
(data/2022/jiaoyu/yingyang-gaishan-pingjia.yaml), is written out as a Word report in the
财预〔2020〕10号 outline and must import back to that file's values and pass `perfsite check`.
"""

from __future__ import annotations

import os
import re
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from forms.make import add_table
from test_import_formats import lo_convert, office  # noqa: F401 (office is a fixture)

sys.path.insert(0, str(Path(__file__).resolve().parent / "forms_reports"))
from make import load_report, make

from perfsite.documents import read_document
from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import FileReport, Options, Status, import_batch, import_file
from perfsite.importing.report_form import labelled, recognise, signals, title_block
from perfsite.problems import Severity
from perfsite.reader import split_subtotal
from perfsite.reports import EvaluationReport
from perfsite.siteconfig import SiteConfig

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "forms_reports"
FOLDERS = sorted(p.parent for p in CORPUS.glob("*/report.yaml"))
REPORTS = [f for f in FOLDERS if f.name.startswith("r")]
SELF = [f for f in FOLDERS if f.name.startswith("n")]
EXAMPLE = ROOT / "data/2022/jiaoyu/yingyang-gaishan-pingjia.yaml"


def folder(prefix: str) -> Path:
    return next(f for f in FOLDERS if f.name.startswith(prefix))


def imported(source: Path, out: Path, hints: Hints | None = None) -> FileReport:
    return import_file(source, Options(out, hints=hints or Hints()), SiteConfig(), set())


def written(report: FileReport) -> dict:
    yaml_path = next(p for p in report.written if p.suffix == ".yaml")
    return yaml.safe_load(yaml_path.read_text(encoding="utf-8"))


def errors(report: FileReport) -> list[str]:
    return [p.as_text() for p in report.problems if p.severity is Severity.ERROR]


def paragraph(prefix: str, starting: str) -> str:
    return next(p for p in load_report(folder(prefix)).paragraphs() if p.startswith(starting))


# --------------------------------------------------------------------------- the corpus

def test_the_corpus_has_reports_of_three_provinces_and_two_self_evaluations() -> None:
    provinces = {str(load_report(f).meta["place"]["province"]) for f in REPORTS}  # type: ignore[index]
    assert len(REPORTS) >= 4 and len(provinces) >= 3 and len(SELF) >= 2


@pytest.mark.parametrize("where", FOLDERS, ids=[f.name for f in FOLDERS])
def test_each_report_records_where_it_was_published(where: Path) -> None:
    report = load_report(where)
    for key in ("address", "date", "title", "publisher", "place", "evaluation", "file", "quirks"):
        assert report.meta.get(key), key
    assert str(report.meta["address"]).startswith("http")
    assert any("cut" in q or "Transcribed up to" in q or "No title" in q for q in report.meta["quirks"])  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("reports")
    return {f.name[:3]: make(f, out / f.name) for f in FOLDERS}


# --------------------------------------------------------------------------- recognised as reports

def test_a_third_party_report_cut_before_its_table_is_written_with_what_it_says(made: dict[str, Path],
                                                                                  tmp_path: Path) -> None:
    """隆回: 「受隆回县财政局委托,我所…」: 第三方评价 for 隆回县财政局; the firm's name is not in the copy."""
    report = imported(made["r01"], tmp_path)
    assert report.status is Status.NEEDS_CHANGES
    data = written(report)
    assert data["kind"] == "评价报告" and data["evaluation"] == "第三方评价"
    assert data["commissioner"] == "隆回县财政局" and "受隆回县财政局委托" in paragraph("r01", "为进一步")
    assert data["year"] == 2021 and "2021年度乡村振兴项目资金" in paragraph("r01", "为进一步")
    assert data["region"] + data["name"] == "隆回县人居环境指挥部乡村振兴项目资金"
    assert data["original"]["title"] == "隆回县人居环境指挥部乡村振兴项目资金绩效评价报告"
    assert "evaluator" not in data and "conclusion" not in data and "indicators" not in data
    assert {re.search(r"缺少必填的键 (\w+)", e)[1] for e in errors(report)} == {"evaluator", "conclusion", "indicators"}  # type: ignore[index]
    header = next(p for p in report.written if p.suffix == ".yaml").read_text(encoding="utf-8").split("\nkind:")[0]
    assert "evaluator：报告只写「我所」等" in header and "--evaluator" in header


def test_the_original_is_copied_beside_the_yaml_byte_for_byte(made: dict[str, Path], tmp_path: Path) -> None:
    report = imported(made["r01"], tmp_path)
    data = written(report)
    yaml_path = next(p for p in report.written if p.suffix == ".yaml")
    original = yaml_path.parent / data["original"]["file"]
    assert original in report.written and original.read_bytes() == made["r01"].read_bytes()
    assert original.name == f"{data['id']}-2021-pingjia.docx" and yaml_path.name == f"{data['id']}-pingjia.yaml"


def test_a_report_with_its_cover_labels(made: dict[str, Path], tmp_path: Path) -> None:
    """会同: 项目名称 / 项目实施单位 / 组织单位 / 评价机构 on the cover."""
    report = imported(made["r02"], tmp_path)
    data = written(report)
    assert data["name"] == paragraph("r02", "项目名称:").removeprefix("项目名称:")
    assert data["year"] == 2022
    assert data["department"] == "会同县农业农村局" and data["commissioner"] == "会同县财政局"
    assert data["evaluator"] == paragraph("r02", "评价机构:").split(":")[1].strip() == "湖南泰信会计师事务所有限公司"
    assert data["evaluation"] == "第三方评价"
    assert {re.search(r"缺少必填的键 (\w+)", e)[1] for e in errors(report)} == {"conclusion", "indicators"}  # type: ignore[index]


def test_a_finance_review_with_a_criteria_table_scores_as_published(made: dict[str, Path], tmp_path: Path) -> None:
    """四川: 财政厅 had its 财政投资评审中心 evaluate; 权重 × 评价分值 = 加权平均得分, total 82.68."""
    report = imported(made["r03"], tmp_path, Hints(year="2023"))
    data = written(report)
    table = load_report(folder("r03")).tables()[0]
    assert data["evaluation"] == "财政评价" and data["evaluator"] == "四川省财政投资评审中心"
    assert data["commissioner"] == "财政厅"
    assert data["name"] == "亚洲开发银行贷款四川资阳绿色转型和发展项目" and data["year"] == 2023
    assert [(i["name"], f"{i['weight']}%", f"{Decimal(str(i['score'])):.2f}", i["remark"]) for i in data["indicators"]] == [
        (row[0], row[1], row[3], row[4]) for row in table[1:-1]]
    assert Decimal(str(data["reported"]["score"])) == Decimal(table[-1][3])
    assert "grade" not in data["reported"]  # 实施比较顺利 is no 优/良/中/差
    assert "period" not in data and any("2024年3月至5月" in n for n in report.notes)
    assert [e for e in errors(report) if "conclusion" not in e] == []
    assert not any(p.severity is Severity.DISCREPANCY for p in report.problems)


def test_a_finance_review_as_a_text_pdf(made: dict[str, Path], tmp_path: Path, office: str) -> None:  # noqa: F811
    pdf = lo_convert(office, made["r03"], "pdf", tmp_path / "pdf")
    report = imported(pdf, tmp_path / "out", Hints(year="2023"))
    data = written(report)
    assert data["evaluation"] == "财政评价" and len(data["indicators"]) == 4
    assert Decimal(str(data["reported"]["score"])) == Decimal("82.68")
    original = next(p for p in report.written if p.suffix == ".pdf")
    assert original.read_bytes() == pdf.read_bytes()


def test_a_report_naming_no_evaluator_stays_a_self_evaluation_until_the_clerk_says(made: dict[str, Path],
                                                                                     tmp_path: Path) -> None:
    """嘉兴: the province's template title 「…绩效评价报告」 and nothing about who evaluated."""
    report = imported(made["r04"], tmp_path)
    assert report.status is Status.FAILED and "--evaluation" in report.failure and not report.written
    report = imported(made["r04"], tmp_path, Hints(year="2022", evaluation="第三方评价", evaluator="某会计师事务所"))
    data = written(report)
    assert data["kind"] == "评价报告" and data["evaluation"] == "第三方评价" and data["evaluator"] == "某会计师事务所"
    assert data["region"] == "浙江省" and data["year"] == 2022


def test_a_report_with_a_table_of_contents_and_an_organisation_as_evaluator(made: dict[str, Path],
                                                                            tmp_path: Path) -> None:
    """浦东 塘桥: the 评价机构 a 社会组织培育中心 commissioned by the programme's 主管部门 (a third party, neither
    a firm nor the finance bureau); a 目录 whose entries (评价结论, 存在的主要问题, 相关建议和措施, each with its
    page number) are no part of the report's text; a letter-spaced cover title; cut in the 摘要."""
    report = imported(made["r05"], tmp_path)
    data = written(report)
    assert data["kind"] == "评价报告"
    assert paragraph("r05", "评价机构").endswith("上海申杰社会组织培育中心") and paragraph("r05", "委托单位").endswith("塘桥街道办事处")
    assert (data["evaluation"], data["evaluator"], data["commissioner"]) == ("第三方评价", "上海申杰社会组织培育中心", "塘桥街道办事处")
    assert (data["name"], data["year"], data["department"]) == ("小区综合整新", 2018, "塘桥街道办事处")
    assert data["original"]["title"] == load_report(folder("r05")).meta["title"]  # the cover's letter-spacing dropped
    # the 目录's 评价结论, 问题 and 建议 entries have no text under them in the copy: nothing is read from them
    assert not {"conclusion", "findings", "suggestions", "indicators", "period", "method"} & set(data)
    assert {re.search(r"缺少必填的键 (\w+)", e)[1] for e in errors(report)} == {"conclusion", "indicators"}  # type: ignore[index]


# --------------------------------------------------------------------------- self-evaluations stay 自评

@pytest.mark.parametrize("prefix", ["n01", "n02"])
def test_a_self_evaluation_report_is_not_taken_for_an_evaluation_report(prefix: str, made: dict[str, Path],
                                                                       tmp_path: Path) -> None:
    """岳阳 has 评价方式 and 评价机构 on its cover and 岳阳市财政局(制); 红河 the 财预 outline: both say 自评."""
    texts = load_report(folder(prefix)).paragraphs()
    assert recognise(texts, [], Hints()) is None
    assert recognise(texts, [], Hints(evaluation="第三方评价")) is None  # a 自评 stays one whatever the option
    report = imported(made[prefix], tmp_path)
    assert report.status is Status.FAILED and "评价报告" not in report.failure
    assert not list(tmp_path.rglob("*.yaml"))


def test_a_finance_bureau_reviewing_its_own_spending_is_no_finance_review(made: dict[str, Path], tmp_path: Path) -> None:
    """南县财政局's 「机关整体支出绩效评价报告」 evaluates the bureau itself: no one else is named, and its list of
    duties' 「受县人民政府委托，向县人大常委会报告…」 is no commission of an evaluation."""
    texts = load_report(folder("n03")).paragraphs()
    assert recognise(texts, [], Hints()) is None
    assert signals(texts, {}).commissioner == ""
    report = imported(made["n03"], tmp_path)  # as a 自评 it has no indicator table: refused, with how to import a report
    assert report.status is Status.FAILED and "按单位自评处理" in report.failure
    assert not list(tmp_path.rglob("*.yaml"))


def test_the_self_evaluation_corpus_is_never_a_report(tmp_path: Path) -> None:
    """Every real 自评 form of tests/forms, made as the Word file a unit hands in, imports as a 自评."""
    from forms.make import forms, load_form, write_docx

    for form_dir in forms():
        form = load_form(form_dir)
        source = write_docx(form, tmp_path / f"{form_dir.name}.docx")
        report = imported(source, tmp_path / "out" / form_dir.name, Hints(name="某项目", year="2021"))
        for path in (p for p in report.written if p.suffix == ".yaml"):
            assert "kind" not in yaml.safe_load(path.read_text(encoding="utf-8")), form_dir.name


def test_cover_labels_split_on_one_line() -> None:
    assert labelled(["项目实施单位:会同县农业农村局 组织单位: 会同县财政局"]) == {
        "unit": "会同县农业农村局", "commissioner": "会同县财政局"}


def test_the_title_joins_the_lines_it_is_printed_on() -> None:
    texts = load_report(folder("r02")).paragraphs()
    assert title_block(texts)[1] == str(load_report(folder("r02")).meta["title"])


# --------------------------------------------------------------------------- a complete report

def example_docx(path: Path, data: dict, *, total: str | None = None) -> Path:
    """The example report as a firm would write it in Word: cover, 财预〔2020〕10号 outline, score table."""
    from docx import Document

    doc = Document()
    for line in (f"{data['name']}{data['year']}年度绩效评价报告", f"项目名称：{data['name']}",
                 f"主管部门：{data['department']}", f"委托单位：{data['commissioner']}", f"评价机构：{data['evaluator']}",
                 f"评价方法：{data['method']}"):
        doc.add_paragraph(line)
    start, end = (date.split("-") for date in (str(data["period"]["start"]), str(data["period"]["end"])))
    doc.add_paragraph(f"受{data['commissioner']}委托，{data['evaluator']}于{start[0]}年{int(start[1])}月{int(start[2])}日至"
                      f"{int(end[1])}月{int(end[2])}日对该项目开展第三方绩效评价。现将评价情况报告如下：")
    doc.add_paragraph("一、基本情况")
    doc.add_paragraph("项目覆盖全县义务教育阶段学校。")
    doc.add_paragraph("二、绩效评价工作开展情况")
    doc.add_paragraph("评价组按方案开展了资料审核和现场核查。")
    doc.add_paragraph("三、综合评价情况及评价结论")
    doc.add_paragraph(data["conclusion"])
    doc.add_paragraph("四、绩效评价指标分析")
    doc.add_paragraph("评分情况见下表。")
    rows = [["一级指标", "二级指标", "三级指标", "分值", "指标值", "实际完成值", "得分", "扣分原因"]]
    for item in data["indicators"]:
        rows.append([f"{item['level1']}（{data['groups'][item['level1']]}分）", item["level2"], item["name"],
                     str(item["weight"]), str(item["target"]), str(item["actual"]), str(item["score"]), item.get("remark", "")])
    rows.append(["合计", "", "", "100", "", "", total or str(data["reported"]["score"]), ""])
    add_table(doc, rows).style = "Table Grid"
    doc.add_paragraph("五、主要经验及做法、存在的问题及原因分析")
    doc.add_paragraph("（一）主要经验及做法")
    doc.add_paragraph("县财政与教育部门建立了联席会议制度。")
    doc.add_paragraph("（二）存在的问题及原因分析")
    for n, text in enumerate(data["findings"], 1):
        doc.add_paragraph(f"{n}.{text}")
    doc.add_paragraph("六、有关建议")
    for n, text in enumerate(data["suggestions"], 1):
        doc.add_paragraph(f"（{n}）{text}")
    doc.add_paragraph(str(data["evaluator"]))
    doc.add_paragraph("2023年7月20日")
    doc.save(str(path))
    return path


@pytest.fixture(scope="module")
def example() -> dict:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def test_a_complete_report_imports_to_the_example_and_passes_check(example: dict, tmp_path: Path) -> None:
    source = example_docx(tmp_path / "baogao.docx", example)
    report = imported(source, tmp_path / "data")
    assert report.status is Status.IMPORTED, [p.as_text() for p in report.problems]
    data = written(report)
    for key in ("kind", "name", "year", "department", "evaluation", "commissioner", "evaluator", "method",
                "conclusion", "findings", "suggestions", "groups"):
        assert data[key] == example[key], key
    assert data["period"] == example["period"]
    assert [(split_subtotal(i["level1"])[0], i["level2"], i["name"], Decimal(str(i["weight"])), Decimal(str(i["score"])))
            for i in data["indicators"]] == [(i["level1"], i["level2"], i["name"], Decimal(str(i["weight"])),
                                              Decimal(str(i["score"]))) for i in example["indicators"]]
    assert Decimal(str(data["reported"]["score"])) == Decimal("88.31") and data["reported"]["grade"] == "良"
    document, problems = read_document(next(p for p in report.written if p.suffix == ".yaml"), SiteConfig())
    assert isinstance(document, EvaluationReport) and not problems.has_errors
    assert document.scored is not None and document.scored.total == Decimal("88.31")
    assert document.original is not None and document.original.sha256 and document.original.format == "DOCX"
    assert report.total.startswith("88.31")


def test_a_published_total_that_does_not_add_up_is_reported_not_hidden(example: dict, tmp_path: Path) -> None:
    broken = {**example, "conclusion": str(example["conclusion"]).replace("88.31", "92.31"),
              "reported": {"score": 92.31, "grade": "优"}}
    report = imported(example_docx(tmp_path / "baogao.docx", broken, total="92.31"), tmp_path / "data")
    data = written(report)
    assert Decimal(str(data["reported"]["score"])) == Decimal("92.31")
    discrepancies = [p for p in report.problems if p.severity is Severity.DISCREPANCY]
    assert any(p.key == "reported.score" and p.published == "92.31" and p.computed == "88.31" for p in discrepancies), \
        [p.as_text() for p in report.problems]


def test_a_report_beside_its_self_evaluation_shares_its_id(example: dict, tmp_path: Path) -> None:
    out = tmp_path / "data"
    folder_ = out / "2022" / "jiaoyu"
    folder_.mkdir(parents=True)
    (folder_ / "yingyang-gaishan.yaml").write_text((ROOT / "data/2022/jiaoyu/yingyang-gaishan.yaml").read_text(
        encoding="utf-8"), encoding="utf-8")
    report = imported(example_docx(tmp_path / "baogao.docx", example), out)
    yaml_path = next(p for p in report.written if p.suffix == ".yaml")
    assert yaml_path == folder_ / "yingyang-gaishan-pingjia.yaml" and written(report)["id"] == "yingyang-gaishan"
    again = imported(example_docx(tmp_path / "baogao2.docx", example), out)
    assert again.status is Status.FAILED and "已是同一项目的评价报告" in again.failure


def test_a_batch_imports_reports_and_forms_together(made: dict[str, Path], example: dict, tmp_path: Path) -> None:
    sources = [made["r02"], made["n02"], example_docx(tmp_path / "baogao.docx", example)]
    reports = import_batch(sources, Options(tmp_path / "data"), SiteConfig(), set())
    assert [r.status for r in reports] == [Status.NEEDS_CHANGES, Status.FAILED, Status.IMPORTED]


# --------------------------------------------------------------------------- broken and hostile files

def test_a_report_whose_score_cell_is_not_a_number_names_the_cell(example: dict, tmp_path: Path) -> None:
    broken = {**example, "indicators": [{**example["indicators"][0], "score": "五分"}, *example["indicators"][1:]]}
    report = imported(example_docx(tmp_path / "baogao.docx", broken), tmp_path / "data")
    assert any("「五分」不是数字" in n and "表1 第2行" in n for n in report.notes), report.notes
    assert "score" not in written(report)["indicators"][0]  # left for the clerk, never made up


def test_a_hostile_title_and_findings_are_written_as_text(example: dict, tmp_path: Path) -> None:
    hostile = {**example, "findings": ["key: value # 不是注释", "- 不是列表", "\u202e反向文字", "{a: 1}"]}
    report = imported(example_docx(tmp_path / "baogao.docx", hostile), tmp_path / "data")
    findings = written(report)["findings"]
    assert findings[:2] == hostile["findings"][:2] and findings[3] == "{a: 1}"
    assert findings[2] == "[U+202E]反向文字"  # the Word reader shows a bidi control, never passes it on


def test_a_damaged_report_is_a_failure_not_a_traceback(tmp_path: Path) -> None:
    source = tmp_path / "评价报告.docx"
    source.write_bytes(b"PK\x03\x04 not really a zip")
    report = imported(source, tmp_path / "data")
    assert report.status is Status.FAILED and report.failure and not report.written


def test_an_old_word_report_publishes_the_docx_libreoffice_makes(example: dict, tmp_path: Path,
                                                                  office: str) -> None:  # noqa: F811
    # LibreOffice drops a python-docx table when it writes .doc straight from .docx; through .odt it keeps it
    odt = lo_convert(office, example_docx(tmp_path / "baogao.docx", example), "odt", tmp_path / "odt")
    doc = lo_convert(office, odt, "doc", tmp_path / "doc")
    report = imported(doc, tmp_path / "data")
    data = written(report)
    original = next(p for p in report.written if p.name == data["original"]["file"])
    assert original.suffix == ".docx" and original.read_bytes()[:2] == b"PK"
    assert any("LibreOffice 转换成的 .docx" in n for n in report.notes)
    assert report.status is Status.IMPORTED, [p.as_text() for p in report.problems]


def test_an_old_word_report_without_a_table_is_read_once_and_published(made: dict[str, Path], tmp_path: Path,
                                                                        office: str,  # noqa: F811
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """隆回's report (no table in the stored copy) handed in as .doc: read as the report it is, from
    one LibreOffice conversion whose .docx is also the published original."""
    from perfsite.importing import convert

    doc = lo_convert(office, made["r01"], "doc", tmp_path / "doc")
    runs: list[Path] = []
    real = convert.converted

    def counted(path: Path):  # type: ignore[no-untyped-def]
        runs.append(path)
        return real(path)

    monkeypatch.setattr(convert, "converted", counted)
    report = imported(doc, tmp_path / "data")
    assert runs == [doc]
    data = written(report)
    assert data["kind"] == "评价报告" and data["commissioner"] == "隆回县财政局"
    original = next(p for p in report.written if p.name == data["original"]["file"])
    assert original.suffix == ".docx" and original.read_bytes()[:2] == b"PK"


BYTECODE = {key: os.environ[key] for key in ("PYTHONPYCACHEPREFIX", "PYTHONDONTWRITEBYTECODE") if key in os.environ}
"""Where the run keeps its bytecode (tests/conftest.py): without it a bare environment wrote .pyc into the tree."""


def test_the_command_line_names_the_evaluator(made: dict[str, Path], tmp_path: Path) -> None:
    import subprocess

    run = subprocess.run([sys.executable, "-m", "perfsite", "import", str(made["r04"]), "--out", str(tmp_path / "data"),
                          "--year", "2022", "--evaluation", "第三方评价", "--evaluator", "某会计师事务所", "--format", "json"],
                         capture_output=True, text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", **BYTECODE})
    written_ = [p for p in (tmp_path / "data").rglob("*-pingjia.yaml")]
    assert len(written_) == 1, run.stdout + run.stderr
    data = yaml.safe_load(written_[0].read_text(encoding="utf-8"))
    assert (data["evaluation"], data["evaluator"]) == ("第三方评价", "某会计师事务所")


def test_a_period_that_ends_before_it_starts_is_an_error_with_file_and_line(example: dict, tmp_path: Path) -> None:
    backwards = {**example, "period": {"start": "2023-06-20", "end": "2023-06-10"}}
    report = imported(example_docx(tmp_path / "baogao.docx", backwards), tmp_path / "data")
    yaml_path = next(p for p in report.written if p.suffix == ".yaml")
    assert report.status is Status.NEEDS_CHANGES
    assert any(e.startswith(f"{yaml_path}:") and "period.end" in e and "早于开始日期 2023-06-20" in e
               for e in errors(report)), errors(report)


@pytest.mark.parametrize(("evaluator", "evaluation"), [("县农业农村局绩效评价小组", None), ("部门(单位)评价组", None),
                                                       ("某某会计师事务所", "第三方评价"), ("县财政局", "财政评价"),
                                                       ("县农业农村局", "部门评价")])
def test_who_evaluated_decides_the_kind_and_the_type(evaluator: str, evaluation: str | None) -> None:
    """A cover naming the unit's own group is a self-evaluation; a firm, the finance bureau or another
    department is an outside evaluation of that type (the words are those of the corpus's covers)."""
    texts = ["某县2021年度农机购置补贴项目绩效评价报告", f"评价机构:{evaluator}", "一、基本情况", "项目于2021年实施。"]
    found = recognise(texts, [], Hints())
    assert (found[3].evaluation if found else None) == evaluation
