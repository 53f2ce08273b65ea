"""评价报告 and 整改: every field read as the contract says, every error with its file, line and key;
the original document refused unless it is a real PDF or DOCX beside the file; overdue judged
against the build date; the two seed programmes' reports score as published."""

from __future__ import annotations

import hashlib
import io
import os
import time
import zipfile
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest

from perfsite import reports
from perfsite.dataset import file_digest, load_dataset
from perfsite.dates import build_date
from perfsite.documents import read_document
from perfsite.problems import Severity
from perfsite.rectification import Measure, MeasureStatus, Rectification
from perfsite.reports import EvaluationReport, format_of
from perfsite.rules import Status
from perfsite.siteconfig import SiteConfig

DATA = Path(__file__).resolve().parent.parent / "data"
PDF_BYTES = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def packed(*parts: tuple[str, str | bytes], deflated: frozenset[str] = frozenset()) -> bytes:
    """A zip of these parts (stored; `deflated` ones compressed), the same bytes whenever it is made: each part
    dated 1980-01-01, not at the clock (two calls a second apart differed, and a test compares two calls)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts:
            archive.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), content,
                             zipfile.ZIP_DEFLATED if name in deflated else zipfile.ZIP_STORED)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return packed(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"))


REPORT = """\
kind: 评价报告
id: xuesheng-zizhu
name: 学生资助
year: 2022
department: 测试县教育局
evaluation: 第三方评价
commissioner: 测试县财政局
evaluator: 测试会计师事务所
period: {start: 2023-03-01, end: 2023-05-31}
method: 资料审核、现场核查
published: 2023-06-30
doc_no: 测财绩〔2023〕1号
original: {file: baogao.pdf, title: 学生资助绩效评价报告}
groups: {决策: 20, 过程: 20, 产出: 30, 效益: 30}
indicators:
  - {level1: 决策, level2: 项目立项, name: 立项依据, weight: 20, target: 符合要求, actual: 符合要求, score: 20}
  - {level1: 过程, level2: 资金管理, name: 预算执行率, weight: 20, target: "100%", actual: "90%", score: 18, remark: 结转}
  - {level1: 产出, level2: 数量指标, name: 资助人数, weight: 30, target: "≥500人", actual: 450人, score: 27, remark: 少资助}
  - {level1: 效益, level2: 满意度指标, name: 满意度, weight: 30, target: "≥90%", actual: "90%", score: 30}
reported: {score: 95, grade: 优}
conclusion: 项目总体实施良好。
findings:
  - 预算执行率未达100%。
  - 资助人数少于目标。
suggestions:
  - 加快支出进度。
"""


def read(tmp_path: Path, text: str, name: str = "t.yaml", original: bytes | None = PDF_BYTES,
         original_name: str = "baogao.pdf"):
    if original is not None:
        (tmp_path / original_name).write_bytes(original)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_document(path, SiteConfig(), tmp_path)


def errors(tmp_path: Path, text: str, severity: Severity = Severity.ERROR, **kwargs) -> list[tuple[int | None, str, str]]:
    _, problems = read(tmp_path, text, **kwargs)
    assert all(p.file == "t.yaml" for p in problems.items)
    return [(p.line, p.key, p.message) for p in problems.items if p.severity is severity]


def test_a_full_report_reads_every_field_and_scores_its_table(tmp_path):
    report, problems = read(tmp_path, REPORT)
    assert [p.message for p in problems.items] == []
    assert isinstance(report, EvaluationReport)
    assert (report.evaluation, report.commissioner, report.evaluator) == ("第三方评价", "测试县财政局", "测试会计师事务所")
    assert (report.period, report.method, report.published) == (("2023-03-01", "2023-05-31"), "资料审核、现场核查", "2023-06-30")
    assert [(f.text, f.line) for f in report.findings] == [("预算执行率未达100%。", 23), ("资助人数少于目标。", 24)]
    assert [s.text for s in report.suggestions] == ["加快支出进度。"]
    assert report.disclosure.doc_no == "测财绩〔2023〕1号"
    o = report.original
    assert o is not None
    assert (o.file, o.title, o.format, o.size) == ("baogao.pdf", "学生资助绩效评价报告", "PDF", len(PDF_BYTES))
    assert o.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    scored = report.scored
    assert scored is not None and (scored.total, scored.grade) == (Decimal(95), "优")
    assert [s.status for s in scored.indicators] == [Status.MATCH] * 4


def test_a_report_table_is_checked_as_a_self_evaluation_is(tmp_path):
    text = REPORT.replace("score: 27, remark", "score: 29, remark").replace("score: 95, grade: 优", "score: 97, grade: 优")
    found = errors(tmp_path, text, Severity.DISCREPANCY)
    assert [(line, key) for line, key, _ in found] == [(18, "indicators[3].score"), (20, "reported.score")]
    assert "公布 29，计算 27" in found[0][2]


@pytest.mark.parametrize(("old", "new", "line", "key", "words"), [
    ("evaluation: 第三方评价", "evaluation: 单位自评", 6, "evaluation", "部门评价、财政评价、第三方评价"),
    ("evaluator: 测试会计师事务所\n", "", 1, "", "evaluator"),
    ("conclusion: 项目总体实施良好。", "conclusion: ''", 21, "conclusion", "不能是空的"),
    ("period: {start: 2023-03-01, end: 2023-05-31}", "period: 2023年", 9, "period", "start"),
    ("period: {start: 2023-03-01, end: 2023-05-31}", "period: {start: 2023-03-01, end: 五月}", 9, "period.end", "应是日期"),
    ("period: {start: 2023-03-01, end: 2023-05-31}", "period: {start: 2023-06-01, end: 2023-05-31}", 9, "period.end", "早于开始日期"),
    ("findings:\n  - 预算执行率未达100%。", "findings: 预算执行率未达100%。\nx:\n  - 1", 22, "findings", "应是列表"),
    ("  - 资助人数少于目标。", "  - {a: 1}", 24, "findings[2]", "一段文字"),
    ("suggestions:\n  - 加快支出进度。", "suggestions:\n  - ''", 26, "suggestions[1]", "空的"),
    ("original: {file: baogao.pdf, title: 学生资助绩效评价报告}", "original: baogao.pdf", 13, "original", "{file:"),
    ("original: {file: baogao.pdf, title: 学生资助绩效评价报告}", "original: {file: ../baogao.pdf}", 13, "original.file", "只能写文件名"),
    ("original: {file: baogao.pdf, title: 学生资助绩效评价报告}", "original: {file: baogao.txt}", 13, "original.file", ".pdf 或 .docx"),
    ("original: {file: baogao.pdf, title: 学生资助绩效评价报告}", "original: {file: qita.pdf}", 13, "original.file", "文件不存在"),
    ("original: {file: baogao.pdf, title: 学生资助绩效评价报告}", "original: {file: baogao.pdf, titel: x}", 13, "original.titel", "title"),
])
def test_every_report_field_error_names_its_line_and_key(tmp_path, old, new, line, key, words):
    assert old in REPORT
    found = errors(tmp_path, REPORT.replace(old, new))
    assert any(at == line and k == key and words in m for at, k, m in found), found


@pytest.mark.parametrize(("content", "name", "words"), [
    (b"hello, not a report", "baogao.pdf", "不是 PDF 或 Word"),
    (b"PK\x03\x04 broken zip", "baogao.pdf", "不是 PDF 或 Word"),
    (docx_bytes(), "baogao.pdf", "内容却是 DOCX"),
    (PDF_BYTES, "baogao.docx", "内容却是 PDF"),
])
def test_an_original_is_judged_by_its_bytes(tmp_path, content, name, words):
    text = REPORT.replace("file: baogao.pdf", f"file: {name}")
    found = errors(tmp_path, text, original=content, original_name=name)
    assert [(line, key) for line, key, m in found if words in m] == [(13, "original.file")], found


def test_a_docx_original_is_accepted(tmp_path):
    report, problems = read(tmp_path, REPORT.replace("file: baogao.pdf", "file: baogao.docx"), original=docx_bytes(),
                            original_name="baogao.docx")
    assert problems.items == [] and report.original is not None and report.original.format == "DOCX"
    assert format_of(docx_bytes()) == "DOCX" and format_of(PDF_BYTES) == "PDF" and format_of(b"GIF89a") is None


def test_an_original_over_the_limit_or_a_link_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(reports, "MAX_ORIGINAL_BYTES", len(PDF_BYTES) - 1)
    assert any(k == "original.file" and "文件过大" in m for _, k, m in errors(tmp_path, REPORT))
    monkeypatch.undo()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.pdf").write_bytes(PDF_BYTES)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "baogao.pdf").symlink_to(outside / "secret.pdf")
    path = tmp_path / "data" / "t.yaml"
    path.write_text(REPORT, encoding="utf-8")
    _, problems = read_document(path, SiteConfig(), tmp_path)
    assert any(p.key == "original.file" and "符号链接" in p.message for p in problems.items)


def test_a_replaced_original_changes_the_file_digest(tmp_path):
    read(tmp_path, REPORT)
    before = file_digest(tmp_path / "t.yaml", b"")
    (tmp_path / "baogao.pdf").write_bytes(PDF_BYTES + b"% changed\n")
    assert file_digest(tmp_path / "t.yaml", b"") != before


RECTIFICATION = """\
kind: 整改
id: xuesheng-zizhu
name: 学生资助
year: 2022
department: 测试县教育局
published: 2023-12-01
findings:
  - source: 评价报告
    item: 1
    problem: 预算执行率未达100%。
    measures:
      - {measure: 加快支出, owner: 财务股, deadline: 2023-06-30, status: 已完成, completed: 2023-06-01, evidence: 支出凭证}
      - {measure: 按月调度, owner: 财务股, deadline: 2023-12-31, status: 整改中}
  - source: 自评
    indicator: 资助人数
    problem: 资助人数少于目标。
    measures:
      - {measure: 扩大宣传, owner: 资助中心, deadline: 2024-03-31, status: 未开始}
application:
  - {action: 次年预算调减, amount: 12.5, unit: 万元, budget_year: 2024, note: 按执行率核减}
"""


def test_a_full_rectification_reads_every_field(tmp_path):
    doc, problems = read(tmp_path, RECTIFICATION, original=None)
    assert problems.items == []
    assert isinstance(doc, Rectification)
    first, second = doc.findings
    assert (first.source, first.item, first.problem, first.status, first.line) == (
        "评价报告", 1, "预算执行率未达100%。", MeasureStatus.IN_PROGRESS, 8)
    assert (second.source, second.indicator, second.status) == ("自评", "资助人数", MeasureStatus.NOT_STARTED)
    done, going = first.measures
    assert (done.owner, done.deadline, done.status, done.completed, done.evidence, done.line) == (
        "财务股", "2023-06-30", MeasureStatus.DONE, "2023-06-01", "支出凭证", 12)
    assert (going.status, going.evidence) == (MeasureStatus.IN_PROGRESS, "")
    [applied] = doc.application
    assert (applied.action, applied.amount, applied.unit, applied.budget_year) == ("次年预算调减", Decimal("12.5"), "万元", 2024)


@pytest.mark.parametrize(("old", "new", "line", "key", "words"), [
    ("  - source: 评价报告", "  - source: 审计", 8, "findings[1].source", "评价报告、自评"),
    ("    item: 1", "    item: 0", 9, "findings[1].item", "序号"),
    ("    item: 1", "    item: 1.5", 9, "findings[1].item", "序号"),
    ("    indicator: 资助人数", "    indicator: 资助人数\n    item: 2", 16, "findings[2].item", "只用于 source: 评价报告"),
    ("    item: 1", "    item: 1\n    indicator: 执行率", 10, "findings[1].indicator", "只用于 source: 自评"),
    ("    problem: 预算执行率未达100%。", "    problem: ''", 10, "findings[1].problem", "不能是空的"),
    ("findings:\n  - source: 评价报告", "findings: 很多\nx:\n  - source: 评价报告", 7, "findings", "应是列表"),
    ("      - {measure: 扩大宣传, owner: 资助中心, deadline: 2024-03-31, status: 未开始}", "      - 扩大宣传", 18,
     "findings[2].measures[1]", "键值映射"),
    ("    measures:\n      - {measure: 扩大宣传, owner: 资助中心, deadline: 2024-03-31, status: 未开始}", "    measures: []", 17,
     "findings[2].measures", "应是列表"),
    ("status: 未开始}", "status: 进行中}", 18, "findings[2].measures[1].status", "未开始、整改中、已完成"),
    ("deadline: 2024-03-31", "deadline: 明年", 18, "findings[2].measures[1].deadline", "应是日期"),
    ("deadline: 2024-03-31", "deadline: 2021-12-31", 18, "findings[2].measures[1].deadline", "早于被评价的 2022 年度"),
    ("status: 整改中}", "status: 整改中, completed: 2023-11-01}", 13, "findings[1].measures[2].completed", "status: 已完成"),
    ("owner: 资助中心, ", "", 18, "findings[2].measures[1]", "owner"),
    ("action: 次年预算调减", "action: 表扬", 20, "application[1].action", "次年预算调减、"),
    ("amount: 12.5, ", "", 20, "application[1]", "须写出金额"),
    ("amount: 12.5", "amount: 很多", 20, "application[1].amount", "金额"),
    ("unit: 万元", "unit: 美元", 20, "application[1].unit", "万元 或 元"),
    ("budget_year: 2024", "budget_year: 2022", 20, "application[1].budget_year", "2022 年之后"),
    ("application:\n  - {", "application: 调减\nx:\n  - {", 19, "application", "应是列表"),
])
def test_every_rectification_field_error_names_its_line_and_key(tmp_path, old, new, line, key, words):
    assert old in RECTIFICATION
    found = errors(tmp_path, RECTIFICATION.replace(old, new), original=None)
    assert any(at == line and k == key and words in m for at, k, m in found), found


def test_a_completed_measure_without_evidence_is_a_warning(tmp_path):
    text = RECTIFICATION.replace(", evidence: 支出凭证", "")
    found = errors(tmp_path, text, Severity.WARNING, original=None)
    assert [(line, key) for line, key, _ in found] == [(12, "findings[1].measures[1].evidence")]


def test_overdue_is_judged_against_the_build_date(monkeypatch):
    measure = Measure("加快支出", "财务股", "2023-12-31", MeasureStatus.IN_PROGRESS)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1704067200")  # 2024-01-01 UTC
    assert build_date() == "2024-01-01" and measure.overdue(build_date())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1703980800")  # 2023-12-31 UTC: due today, not overdue yet
    assert build_date() == "2023-12-31" and not measure.overdue(build_date())
    done = Measure("加快支出", "财务股", "2023-12-31", MeasureStatus.DONE)
    assert not done.overdue("2030-01-01")


def test_the_seed_reports_score_as_published_and_the_seed_programmes_still_do():
    data = load_dataset(DATA, DATA.parent)
    assert data.ok, [p.as_text() for p in data.problems if p.severity is Severity.ERROR]
    by_file = {sp.programme.file: sp for sp in data.programmes}
    assert (by_file["data/2021/quwo/xiaoshenggui.yaml"].total, by_file["data/2021/quwo/xiaoshenggui.yaml"].grade) == (
        Decimal("99.1"), "优")
    reports_found = []
    for path in sorted(DATA.rglob("*-pingjia.yaml")):
        report, problems = read_document(path, data.site, DATA.parent)
        assert isinstance(report, EvaluationReport) and report.scored is not None and report.original is not None
        assert not [p for p in problems.items if p.severity in (Severity.ERROR, Severity.DISCREPANCY)]
        assert report.scored.total == report.scored.programme.reported_score
        assert report.original.sha256 == hashlib.sha256((path.parent / report.original.file).read_bytes()).hexdigest()
        reports_found.append((report.year, report.id))
    assert {ident for _, ident in reports_found} >= {"yingyang-gaishan", "nongcun-gonglu-yanghu"}
    assert {year for year, _ in reports_found} == {2022, 2023}
    assert os.path.getsize(DATA / "2022/jiaoyu/yingyang-gaishan-2022-pingjia.pdf") < 100_000


def test_the_data_format_names_every_report_and_rectification_key():
    from perfsite import rectification

    text = (DATA.parent / "docs" / "data-format.md").read_text(encoding="utf-8")
    keys = {*reports.REPORT_KEYS, *reports.ORIGINAL_KEYS, *reports.PERIOD_KEYS, *rectification.RECTIFICATION_KEYS,
            *rectification.FINDING_KEYS, *rectification.MEASURE_KEYS, *rectification.APPLICATION_KEYS}
    assert [key for key in sorted(keys) if f"`{key}`" not in text] == []
    assert all(f"`{action}`" in text for action in rectification.ACTIONS)


def test_perfsite_score_scores_a_report_table_and_explains_a_rectification(capsys):
    from perfsite.cli import main

    assert main(["score", str(DATA / "2022/jiaotong/nongcun-gonglu-yanghu-pingjia.yaml")]) == 0
    assert "总得分：65.66    等级：中" in capsys.readouterr().out
    assert main(["score", str(DATA / "2022/jiaotong/nongcun-gonglu-yanghu-zhenggai.yaml")]) == 0
    assert "整改情况没有评分表" in capsys.readouterr().err


def test_long_texts_have_the_long_limit_and_a_finding_over_it_is_an_error(tmp_path):
    conclusion = "结" * 3000  # a real 评价结论 runs to thousands of characters
    report, problems = read(tmp_path, REPORT.replace("conclusion: 项目总体实施良好。", f"conclusion: {conclusion}"))
    assert problems.items == [] and report.conclusion == conclusion
    found = errors(tmp_path, REPORT.replace("  - 资助人数少于目标。", "  - " + "问" * 5001))
    assert [(line, key) for line, key, m in found if "太长" in m] == [(24, "findings[2]")]


def ofd_bytes(*, first: tuple[str, str] | None = None, bomb: bool = False) -> bytes:
    """An OFD package (a zip with OFD.xml at its root), its first part `first` stored uncompressed;
    with `bomb`, a part of 100 KB of zeros (past the limit `test_an_ofd_bomb_is_refused` sets)."""
    return packed(*([first] if first is not None else []),
                  ("OFD.xml", '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody>'
                              "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"),
                  ("Doc_0/Document.xml", "<ofd:Document/>"),
                  *([("Doc_0/Res/zeros.bin", bytes(100_000))] if bomb else []), deflated=frozenset({"Doc_0/Res/zeros.bin"}))


def test_the_packages_made_here_are_the_same_bytes_whenever_made(monkeypatch):
    """A zip dates each part at the clock, to 2 s: the OFD test compares two calls of ofd_bytes()."""
    made = []
    for clock in (1_700_000_000.0, 1_700_000_002.0):
        monkeypatch.setattr(zipfile, "time", SimpleNamespace(time=lambda now=clock: now, localtime=time.localtime))
        made.append((ofd_bytes(), ofd_bytes(bomb=True), docx_bytes()))
    assert made[0] == made[1]


def test_an_ofd_original_is_accepted_and_published_with_a_label_saying_what_opens_it(tmp_path):
    from perfsite.record import make_report_record
    from perfsite.site.report_page import render_report

    text = REPORT.replace("file: baogao.pdf", "file: baogao.ofd")
    report, problems = read(tmp_path, text, original=ofd_bytes(), original_name="baogao.ofd")
    assert problems.items == [] and report.original is not None and report.original.format == "OFD"
    assert report.original.sha256 == hashlib.sha256(ofd_bytes()).hexdigest() and report.original.size == len(ofd_bytes())
    record = make_report_record(report, [])
    assert record.original is not None and record.original["media_type"] == "application/ofd"
    _, _, body, files, _, _ = render_report(record, SiteConfig(), frozenset())
    assert files[record.original["url"]] == ofd_bytes()
    assert "（OFD 版式文件（可用数科、福昕、WPS 等阅读器打开），" in body and 'type="application/ofd"' in body


def test_an_ofd_that_unpacks_past_the_limit_is_refused_as_a_docx_is(tmp_path, monkeypatch):
    monkeypatch.setattr(reports, "MAX_UNZIPPED_BYTES", 50_000)  # a real bomb's 200 MB would take a second to make
    text = REPORT.replace("file: baogao.pdf", "file: baogao.ofd")
    found = errors(tmp_path, text, original=ofd_bytes(bomb=True), original_name="baogao.ofd")
    assert [(line, key) for line, key, m in found if "既不含 Word 文档也不含 OFD.xml，或解压后超过" in m] == [(13, "original.file")]
    within = tmp_path / "within"
    within.mkdir()
    assert not errors(within, text, original=ofd_bytes(), original_name="baogao.ofd")


@pytest.mark.parametrize(("content", "words"), [
    (ofd_bytes(first=("a.html", "<html><script>alert(document.cookie)</script></html>")), "网页标记「<html」"),
    (ofd_bytes(first=("x.xml", "<!DOCTYPE html><x/>")), "网页标记「<!DOCTYPE」"),
    (docx_bytes(), "内容却是 DOCX"),
    (PDF_BYTES, "内容却是 PDF"),
])
def test_a_hostile_or_misnamed_ofd_original_is_refused_as_a_pdf_or_docx_one_is(tmp_path, content, words):
    text = REPORT.replace("file: baogao.pdf", "file: baogao.ofd")
    found = errors(tmp_path, text, original=content, original_name="baogao.ofd")
    assert [(line, key) for line, key, m in found if words in m] == [(13, "original.file")], found


def test_an_ofd_named_pdf_is_named_for_what_it_is(tmp_path):
    found = errors(tmp_path, REPORT, original=ofd_bytes())
    assert any(key == "original.file" and "内容却是 OFD" in m for _, key, m in found), found


def test_a_replaced_ofd_original_changes_the_file_digest(tmp_path):
    text = REPORT.replace("file: baogao.pdf", "file: baogao.ofd")
    read(tmp_path, text, original=ofd_bytes(), original_name="baogao.ofd")
    before = file_digest(tmp_path / "t.yaml", b"")
    (tmp_path / "baogao.ofd").write_bytes(ofd_bytes(first=("a.txt", "changed")))
    assert file_digest(tmp_path / "t.yaml", b"") != before


def test_an_ofd_original_s_name_is_read_from_its_line_without_parsing_the_file(monkeypatch):
    from perfsite import dataset

    monkeypatch.setattr(dataset, "_parsed_original", lambda text: pytest.fail("parsed"))
    assert dataset.original_names(b"original: {file: baogao.ofd, title: x}\n") == ["baogao.ofd"]
