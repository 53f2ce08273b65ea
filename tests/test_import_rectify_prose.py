"""整改 reports published as prose import to the `kind: 整改` files a 整改情况表 gives; nothing else does.

The corpus (tests/forms_rectify_prose/*/report.yaml) is real published reports, cut where their
stored copies end, each with an `expect:` block written by hand before the importer existed; each
is made into the .docx it was published as (tests/forms_reports/make.py) and imported, one also as
a text PDF made by LibreOffice. None of the copies states an owner, a deadline or a 结果应用 inside
its excerpt: those are tested on a report constructed here in the same layout (and said to be).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from test_import_formats import lo_convert, office  # noqa: F401 (office is a fixture)

sys.path.insert(0, str(Path(__file__).resolve().parent / "forms_reports"))
from make import Report, load_report, make, write_docx

from perfsite.documents import read_document
from perfsite.importing.assemble import Hints
from perfsite.importing.pipeline import FileReport, Options, Status, import_batch, import_file
from perfsite.importing.rectify_prose import is_rectification_report
from perfsite.kinds import DocumentKind
from perfsite.problems import Severity
from perfsite.rectification import Rectification
from perfsite.siteconfig import SiteConfig
from perfsite.values import UNSTATED

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT / "forms_rectify_prose"
FOLDERS = sorted(p.parent for p in CORPUS.glob("*/report.yaml"))
CLERK_NAME = "示例项目"
"""What a clerk gives with --name for a report that names no programme (the test's choice, not the file's)."""
CLERK_YEAR = "2023"


def imported(source: Path, out: Path, hints: Hints | None = None) -> FileReport:
    return import_file(source, Options(out, hints=hints or Hints()), SiteConfig(), set())


def documents(report: FileReport, out: Path) -> list[dict]:
    files = sorted(out.rglob("*-zhenggai.yaml"))
    return [yaml.safe_load(f.read_text(encoding="utf-8")) for f in files]


def imported_text(paragraphs: list[str], tmp_path: Path) -> tuple[FileReport, dict]:
    """A report of these paragraphs, made into a .docx and imported: its file report and its one document."""
    report = imported(write_docx(Report({"file": "x"}, paragraphs), tmp_path / "zhenggai.docx"), tmp_path / "out")
    [doc] = documents(report, tmp_path / "out")
    return report, doc


def hints_for(expect: dict) -> Hints:
    """Only what the file does not say: --name when it names no programme, --year when it gives no year."""
    [programme] = expect["programmes"][:1]
    return Hints(name=CLERK_NAME if programme["name"] is None else None,
                 year=CLERK_YEAR if expect["year"] is None else None)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("prose")
    return {folder.name: make(folder, out / folder.name) for folder in FOLDERS}


# --------------------------------------------------------------------------- the corpus

def test_the_corpus_holds_three_real_reports() -> None:
    assert len(FOLDERS) >= 3


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_each_report_records_where_it_was_published_and_what_it_must_give(folder: Path) -> None:
    report = load_report(folder)
    for key in ("address", "date", "title", "publisher", "file", "quirks", "expect"):
        assert report.meta.get(key), f"{folder.name}: report.yaml 缺少 {key}"
    assert str(report.meta["address"]).startswith("http")
    assert report.paragraphs() and not report.tables()


# --------------------------------------------------------------------------- each report as its expect block says

def _compare(doc: dict, want: dict, year: str, report: FileReport) -> None:
    said = " ".join(report.notes)
    assert doc["kind"] == str(DocumentKind.RECTIFICATION)
    assert str(doc["year"]) == year
    assert doc["department"] == (want["department"] or UNSTATED)
    assert doc.get("application", []) == want["application"]
    assert len(doc["findings"]) == len(want["findings"]), [f["problem"] for f in doc["findings"]]
    for got, wanted in zip(doc["findings"], want["findings"], strict=True):
        assert got["problem"] == wanted["problem"]
        assert got.get("source") == want["source"]
        assert [m["measure"] for m in got["measures"]] == [m["measure"] for m in wanted["measures"]]
        for measure, expected in zip(got["measures"], wanted["measures"], strict=True):
            assert measure["owner"] == (expected["owner"] or UNSTATED)
            assert measure.get("status") == expected["status"], measure["measure"][:30]
            assert (str(measure["deadline"]) if "deadline" in measure else None) == (
                expected["deadline"] and str(expected["deadline"]))
            if expected["status"] is None:  # never made up: the clerk is told, quoting the text
                assert f"整改情况「{measure['measure'][:20]}" in said
    if want["source"] is None:
        assert "没有说明问题来自评价报告还是自评" in said


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_each_report_imports_to_its_expect_block(folder: Path, made: dict[str, Path], tmp_path: Path) -> None:
    expect = load_report(folder).meta["expect"]
    report = imported(made[folder.name], tmp_path / "out", hints_for(expect))
    assert not report.failure, report.failure
    docs = documents(report, tmp_path / "out")
    assert [d["name"] for d in docs] == [p["name"] or CLERK_NAME for p in expect["programmes"]]
    for doc, want in zip(docs, expect["programmes"], strict=True):
        _compare(doc, want, str(expect["year"] or CLERK_YEAR), report)
    for name in expect["named_but_absent"]:
        assert name in " ".join(report.notes)


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_what_a_report_does_not_say_is_asked_for_not_guessed(folder: Path, made: dict[str, Path],
                                                              tmp_path: Path) -> None:
    expect = load_report(folder).meta["expect"]
    if expect["programmes"][0]["name"] is not None and expect["year"] is not None:
        pytest.skip("states its programme and year")
    report = imported(made[folder.name], tmp_path / "out")
    assert report.status is Status.FAILED and not report.written
    assert "--name" in report.failure if expect["programmes"][0]["name"] is None else "--year" in report.failure


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_check_reads_the_written_file_and_names_only_what_the_report_left_out(folder: Path, made: dict[str, Path],
                                                                             tmp_path: Path) -> None:
    expect = load_report(folder).meta["expect"]
    report = imported(made[folder.name], tmp_path / "out", hints_for(expect))
    [path] = report.written
    document, problems = read_document(path, SiteConfig())
    assert isinstance(document, Rectification)
    missing = sorted(p.message.rsplit(" ", 1)[-1].split("（")[0] for p in problems.items if p.severity is Severity.ERROR)
    programme = expect["programmes"][0]
    wanted = sorted([key for f in programme["findings"] for m in f["measures"] for key in ("deadline", "status")
                     if m[key] is None] + ["source" for _ in programme["findings"] if programme["source"] is None])
    assert missing == wanted, [p.as_text() for p in problems.items]


def test_a_report_as_a_text_pdf_imports_as_its_word_file(made: dict[str, Path], tmp_path: Path,
                                                          office: str) -> None:  # noqa: F811
    folder = next(f for f in FOLDERS if f.name.startswith("p03"))
    expect = load_report(folder).meta["expect"]
    pdf = lo_convert(office, made[folder.name], "pdf", tmp_path / "pdf")
    report = imported(pdf, tmp_path / "out", hints_for(expect))
    assert not report.failure, report.failure
    [doc] = documents(report, tmp_path / "out")
    _compare(doc, expect["programmes"][0], str(expect["year"]), report)


# --------------------------------------------------------------------------- a complete report (constructed)

COMPLETE = Report({"file": "示例县2022年度重点绩效评价发现问题整改情况的报告"}, [
    "示例县财政局关于2022年度重点绩效评价发现问题整改情况的报告",
    "县人大常委会：",
    "根据《示例县2022年度财政重点绩效评价报告》反映的问题，各项目单位逐项制定整改措施，现将整改情况报告如下：",
    "一、农村公路养护项目",
    "（一）市级、县级配套资金80万元未到位，预算执行率71.76%的问题。",
    "整改措施：县级配套资金160万元足额纳入2023年年初预算。",
    "责任单位：示例县财政局",
    "整改时限：2023年3月31日前",
    "整改情况：已整改。",
    "（二）3个乡镇养护台账、验收资料不完整的问题。",
    "整改措施：统一养护台账格式，按月检查，力争2024年6月底前全部补齐。",
    "责任单位：示例县农村公路管理所",
    "整改情况：正在整改，已补齐5个乡镇中的3个。",
    "二、学生营养改善计划项目",
    "（一）食堂从业人员健康证过期的问题。",
    "整改措施：组织全部从业人员体检换证。",
    "责任单位：示例县教育局",
    "整改时限：长期坚持",
    "整改情况：已召开专题会议研究。",
    "三、评价结果应用",
    "农村公路养护项目评价等级为“中”，核减2024年县级养护补助120万元。",
    "示例县财政局",
    "2023年12月20日",
])
"""Constructed, in the layout of the real reports: two programmes, every label a report can use."""


@pytest.fixture()
def complete(tmp_path: Path) -> tuple[list[FileReport], Path]:
    """The report imported as in a batch: one result per programme."""
    source = write_docx(COMPLETE, tmp_path / f"{COMPLETE.file}.docx")
    out = tmp_path / "out"
    return import_batch([source], Options(out), SiteConfig(), set()), out


def test_a_report_of_two_programmes_gives_one_document_each(complete: tuple[list[FileReport], Path]) -> None:
    reports, out = complete
    assert [r.source.name for r in reports] == [f"{COMPLETE.file}.docx（{name}）" for name in ("农村公路养护", "学生营养改善计划")]
    yanghu, yingyang = (yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(
        out.rglob("*-zhenggai.yaml"), key=lambda p: "yingyang" in p.name))
    assert (yanghu["name"], yanghu["year"], yingyang["name"]) == ("农村公路养护", 2022, "学生营养改善计划")
    first, second = yanghu["findings"]
    assert first == {"source": "评价报告", "problem": "市级、县级配套资金80万元未到位，预算执行率71.76%的问题。",
                     "measures": [{"measure": "县级配套资金160万元足额纳入2023年年初预算。", "owner": "示例县财政局",
                                   "deadline": "2023-03-31", "status": "已完成"}]}
    [measure] = second["measures"]
    assert (measure["owner"], measure["deadline"], measure["status"], measure["evidence"]) == (
        "示例县农村公路管理所", "2024-06-30", "整改中", "正在整改，已补齐5个乡镇中的3个。")
    assert yanghu["application"] == [{"action": "次年预算调减", "amount": 120, "unit": "万元", "budget_year": 2024,
                                      "note": "农村公路养护项目评价等级为“中”，核减2024年县级养护补助120万元"}]
    assert "application" not in yingyang


def test_the_complete_programme_passes_check_and_the_other_names_what_is_missing(
        complete: tuple[list[FileReport], Path]) -> None:
    _, out = complete
    results = {p.name: read_document(p, SiteConfig()) for p in out.rglob("*-zhenggai.yaml")}
    by_name = {doc.name: problems for doc, problems in results.values()}  # type: ignore[union-attr]
    assert not [p for p in by_name["农村公路养护"].items if p.severity is Severity.ERROR]
    missing = sorted(p.message for p in by_name["学生营养改善计划"].items if p.severity is Severity.ERROR)
    assert len(missing) == 2 and all("缺少必填的键" in m for m in missing)


def test_what_the_clerk_sees_for_a_deadline_and_a_status_the_report_leaves_open(
        complete: tuple[list[FileReport], Path]) -> None:
    yanghu, yingyang = complete[0]
    assert yanghu.status is Status.IMPORTED and yingyang.status is Status.NEEDS_CHANGES
    assert "问题：2 个，整改措施 2 项（整改中 1，已完成 1）" in " ".join(yanghu.found)
    notes = " ".join(yingyang.notes)
    assert "完成时限是「长期坚持」，不是一个日期" in notes
    assert "整改情况「已召开专题会议研究。」没有说明整改到哪一步" in notes


def test_the_status_of_a_measure_is_its_own_words_or_none() -> None:
    from perfsite.importing.rectify_form import status_of
    from perfsite.rectification import MeasureStatus

    assert status_of("已采取措施督促项目单位加快建设进度,未完成项目均已建成并投入使用。")[0] is MeasureStatus.DONE
    assert status_of("部分整改，尚未完成")[0] is MeasureStatus.IN_PROGRESS
    assert status_of("未完成")[0] is MeasureStatus.IN_PROGRESS
    assert status_of("制定整改方案,并向社会公开整改方案。")[0] is None


# --------------------------------------------------------------------------- nothing else is a 整改 report

def test_no_self_evaluation_or_evaluation_report_reads_as_a_rectification_report() -> None:
    reports = sorted((ROOT / "forms_reports").glob("*/report.yaml"))
    assert reports
    for path in reports:
        texts = [b for b in load_report(path.parent).blocks if isinstance(b, str)]
        assert not is_rectification_report(texts), path.parent.name


def test_a_self_evaluation_report_with_a_rectification_section_is_not_one() -> None:
    texts = ["示例县2022年度农村公路养护项目支出绩效自评报告", "一、基本情况", "二、存在的问题及整改措施",
             "（一）配套资金未到位的问题。整改措施：纳入年初预算。", "三、下一步改进措施"]
    assert not is_rectification_report(texts)
    assert is_rectification_report(["关于2022年度农村公路养护项目绩效评价发现问题整改情况的报告", "一、…"])
    assert is_rectification_report(["县绩效办：", "根据……要求，现将整改情况报告如下："])


def test_a_rectification_report_without_numbered_problems_is_refused_with_why(tmp_path: Path) -> None:
    source = write_docx(Report({"file": "x"}, ["关于2022年度农村公路养护项目绩效评价发现问题整改情况的报告",
                                               "各项问题均已整改到位，特此报告。"]), tmp_path / "zhenggai.docx")
    report = imported(source, tmp_path / "out")
    assert report.status is Status.FAILED and "找不到编号的问题" in report.failure


def test_a_title_naming_the_programme_names_the_document(tmp_path: Path) -> None:
    _, doc = imported_text([
        "示例县2022年度农村公路养护项目绩效评价发现问题整改情况的报告",
        "现将整改情况报告如下：",
        "1.预算执行率偏低。整改措施：按季度拨付资金，2023年12月底前完成。",
        "2.存在问题：群众满意度78%。",
        "整改情况：已整改，公布养护热线。",
    ], tmp_path)
    assert (doc["name"], doc["region"], doc["year"]) == ("农村公路养护", "示例县", 2022)
    first, second = doc["findings"]
    assert first["problem"] == "预算执行率偏低。"
    assert first["measures"] == [{"measure": "按季度拨付资金，2023年12月底前完成。", "owner": UNSTATED,
                                  "deadline": "2023-12-31"}]  # no status word: none written
    # a 整改情况 with no 整改措施 above it is the measure itself: its words are not repeated as evidence
    assert second["measures"] == [{"measure": "已整改，公布养护热线。", "owner": UNSTATED, "status": "已完成"}]


def test_problems_numbered_wenti_yi_under_a_bureau_s_title(tmp_path: Path) -> None:
    """「问题一：…」「问题二：…」 number the problems (the report was refused as having none); the title
    「示例县农业农村局关于2022年度…项目绩效评价…整改情况的报告」 names the programme after 关于, not the bureau
    (its name was 「农业农村局关于高标准农田建设」); 「已完成80%」 is still in progress."""
    report, doc = imported_text([
        "示例县农业农村局关于2022年度高标准农田建设项目绩效评价发现问题整改情况的报告",
        "县财政局：",
        "根据评价报告反映的问题，我局逐项整改，现将整改情况报告如下：",
        "问题一：项目资金拨付不及时，预算执行率仅65%。",
        "整改措施：建立资金拨付台账，按工程进度及时拨付。",
        "责任单位：县农业农村局计财股",
        "整改时限：2023年12月31日前完成整改",
        "整改进度：已完成80%。",
        "问题二：部分项目未按期验收。",
        "整改措施：组织第三方开展验收。",
        "责任单位：县农田建设管理站",
        "整改时限：2023年6月底",
        "整改情况：已完成。",
    ], tmp_path)
    assert (doc["name"], doc["year"]) == ("高标准农田建设", 2022), report.notes
    first, second = doc["findings"]
    assert (first["problem"], second["problem"]) == ("项目资金拨付不及时，预算执行率仅65%。", "部分项目未按期验收。")
    assert [(m["owner"], m["deadline"], m["status"]) for f in (first, second) for m in f["measures"]] == [
        ("县农业农村局计财股", "2023-12-31", "整改中"), ("县农田建设管理站", "2023-06-30", "已完成")]


def test_a_report_with_a_table_of_counts_is_still_read_from_its_prose(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    for text in COMPLETE.paragraphs()[:13]:
        document.add_paragraph(text)
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate((("项目", "问题数", "已整改"), ("农村公路养护", "2", "1"))):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "with-table.docx"
    document.save(str(path))
    report = imported(path, tmp_path / "out")
    [doc] = documents(report, tmp_path / "out")
    assert doc["name"] == "农村公路养护" and len(doc["findings"]) == 2
    assert any("问题数" in line for line in report.unplaced)


def test_an_old_word_report_is_read_as_the_docx_libreoffice_makes(tmp_path: Path, office: str) -> None:  # noqa: F811
    doc = lo_convert(office, write_docx(COMPLETE, tmp_path / "baogao.docx"), "doc", tmp_path / "doc")
    reports = import_batch([doc], Options(tmp_path / "out"), SiteConfig(), set())
    assert [r.status for r in reports] == [Status.IMPORTED, Status.NEEDS_CHANGES]
    assert len(list((tmp_path / "out").rglob("*-zhenggai.yaml"))) == 2


def test_a_short_problem_heading_over_its_measure_is_a_problem_not_a_section(tmp_path: Path) -> None:
    report, doc = imported_text([
        "关于2022年度农村公路养护项目绩效评价发现问题整改情况的报告",
        "一、存在问题及整改情况",
        "存在问题：",
        "（一）资金拨付不及时",
        "整改措施：按季度拨付。",
        "整改情况：已完成。",
        "二、下一步工作",
        "（一）加强监督。要定期检查。",
    ], tmp_path)
    assert doc["findings"] == [{"source": "评价报告", "problem": "资金拨付不及时",
                                "measures": [{"measure": "按季度拨付。", "owner": UNSTATED, "status": "已完成"}]}]
    assert report.unplaced == ["第8段：加强监督。要定期检查。"]  # 下一步工作's item: told, not dropped


def test_paragraphs_read_as_no_part_of_the_report_are_listed_to_the_clerk(tmp_path: Path) -> None:
    report, doc = imported_text([
        "关于2022年度农村公路养护项目绩效评价发现问题整改情况的报告",
        "现将整改情况报告如下：",
        "一、存在问题及整改情况",
        "整改情况：共发现问题3个，已整改2个。",
        "（一）资金拨付不及时的问题。",
        "经核查，涉及资金120万元，其中县级配套80万元。",
        "整改措施：按季度拨付。",
        "整改情况：已完成。",
        "示例县财政局",
        "2023年12月20日",
    ], tmp_path)
    assert [m["measure"] for f in doc["findings"] for m in f["measures"]] == ["按季度拨付。"]
    # the summary before the first problem and the problem's detail are not measures, nor lost;
    # the signature under the report is not content
    assert report.unplaced == ["第4段：整改情况：共发现问题3个，已整改2个。", "第6段：经核查，涉及资金120万元，其中县级配套80万元。"]
