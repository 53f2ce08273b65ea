"""The new document kinds (绩效目标表, 评价报告 with its original, 整改, 部门整体) under hostile and
careless input: every case ends in a Chinese message naming the file, line and key, or in pages
whose every text is escaped; never a traceback, a wrong figure or markup that runs.

Covers: a 整改 `item` past its report's 主要问题 and a 整改 with nothing to attach to; a 部门整体
document whose department has no programmes, or is written with a full-width space; originals that
are missing, empty, links, folders, HTML or a truncated PDF, a zip that is no DOCX or a zip bomb,
names with folders or URL characters, over the limit, or shared by two reports; dates that do not
exist, far deadlines, 16-digit amounts; a hypothesis property over report, 整改 and 绩效目标表 texts
(in this process and under the resource limits of tests/test_harden_inputs.py); a whole site built
from hostile texts.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from conftest_site import build_or_fail
from core_helpers import key_line
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_harden_inputs import run_limited

from perfsite.dataset import load_dataset
from perfsite.documents import read_document
from perfsite.problems import Problem, Severity
from perfsite.record import make_rectification_record, make_report_record, make_target_record
from perfsite.rectification import MAX_DEADLINE_YEARS, Rectification
from perfsite.reports import MAX_ORIGINAL_BYTES, MAX_UNZIPPED_BYTES, EvaluationReport
from perfsite.site.rectification_page import render_rectification
from perfsite.site.report_page import render_report
from perfsite.site.targets_page import render_targets
from perfsite.siteconfig import load_site
from perfsite.targets import TargetTable

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "data" / "2022" / "jiaotong"
REPORT = "nongcun-gonglu-yanghu-pingjia.yaml"
RECTIFICATION = "nongcun-gonglu-yanghu-zhenggai.yaml"
SELF = "nongcun-gonglu-yanghu.yaml"
PDF = "nongcun-gonglu-yanghu-2022-pingjia.pdf"
DEPARTMENT = "kind: 部门整体绩效目标\nyear: 2022\ndepartment: {department}\nindicators:\n" \
             '  - {{level1: 产出指标, level2: 数量指标, name: 养护里程, nature: "≥", target: 1260, unit: 公里}}\n'


def seed_tree(tmp_path: Path) -> Path:
    """data/ with site.yaml and 农村公路养护 2022: 自评, 绩效目标表, 财政评价 with its PDF, 整改."""
    root = tmp_path / "data"
    (root / "2022").mkdir(parents=True)
    shutil.copy(REPO / "data" / "site.yaml", root)
    shutil.copytree(SEEDS, root / "2022" / "jiaotong")
    return root


def folder(root: Path) -> Path:
    return root / "2022" / "jiaotong"


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = folder(root) / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(root: Path, severity: Severity | None = None) -> list[Problem]:
    found = load_dataset(root, root.parent).problems
    return [p for p in found if severity is None or p.severity is severity]


def texts(root: Path, severity: Severity) -> list[str]:
    return [p.as_text() for p in problems(root, severity)]


def test_the_seed_programme_year_is_clean(tmp_path: Path) -> None:
    root = seed_tree(tmp_path)
    assert texts(root, Severity.ERROR) == [] and texts(root, Severity.WARNING) == []


# --------------------------------------------------------------------------- 整改 against its documents

def test_an_item_past_the_reports_findings_is_an_error_at_its_line(tmp_path: Path) -> None:
    root = seed_tree(tmp_path)
    edit(root, RECTIFICATION, "item: 4", "item: 9")
    found = [p for p in problems(root, Severity.ERROR)]
    assert len(found) == 1, found
    problem = found[0]
    line = next(n for n, text in enumerate((folder(root) / RECTIFICATION).read_text(encoding="utf-8").splitlines(), 1)
                if "item: 9" in text)
    assert (problem.file, problem.line, problem.key) == (f"data/2022/jiaotong/{RECTIFICATION}", line, "findings[4].item")
    assert "item 是 9" in problem.message and "只有 4 条主要问题" in problem.message


def test_items_within_the_report_are_accepted(tmp_path: Path) -> None:
    root = seed_tree(tmp_path)
    edit(root, RECTIFICATION, "item: 4", "item: 3")  # two findings on the same 主要问题: allowed
    assert texts(root, Severity.ERROR) == []


def test_a_rectification_with_nothing_to_attach_to_is_warned(tmp_path: Path) -> None:
    root = seed_tree(tmp_path)
    (folder(root) / REPORT).unlink()
    (folder(root) / SELF).unlink()
    warnings = [p for p in problems(root, Severity.WARNING) if p.file.endswith(RECTIFICATION)]
    assert len(warnings) == 1 and "年度的评价报告和自评表" in warnings[0].message
    assert warnings[0].line == key_line(folder(root) / RECTIFICATION, "id") > 1


def test_an_item_without_a_report_is_warned_where_it_is_written(tmp_path: Path) -> None:
    root = seed_tree(tmp_path)
    (folder(root) / REPORT).unlink()
    warnings = [p for p in problems(root, Severity.WARNING) if p.file.endswith(RECTIFICATION)]
    assert [p.key for p in warnings] == ["findings[1].item", "findings[2].item", "findings[3].item", "findings[4].item"]
    assert all("没有评价报告" in p.message and p.line for p in warnings)
    assert texts(root, Severity.ERROR) == []


def self_indicator_names(root: Path) -> list[str]:
    return [row["name"] for row in yaml.safe_load((folder(root) / SELF).read_text(encoding="utf-8"))["indicators"]]


def test_an_indicator_the_self_evaluation_lacks_is_warned_at_its_line(tmp_path: Path) -> None:
    root = seed_tree(tmp_path)
    assert "沿线群众满意度" in self_indicator_names(root)
    edit(root, RECTIFICATION, "indicator: 沿线群众满意度", "indicator: 沿线群众满意率")
    warnings = [p for p in problems(root, Severity.WARNING) if p.file.endswith(RECTIFICATION)]
    line = next(n for n, text in enumerate((folder(root) / RECTIFICATION).read_text(encoding="utf-8").splitlines(), 1)
                if "沿线群众满意率" in text)
    assert [(p.line, p.key) for p in warnings] == [(line, "findings[5].indicator")], warnings
    assert "沿线群众满意率" in warnings[0].message and SELF in warnings[0].message
    assert texts(root, Severity.ERROR) == []


@pytest.mark.parametrize("written", ["沿线群众 满意度", "沿线群众满意度\u200b", "沿线群众满意度　"])
def test_an_indicator_written_with_other_spaces_or_widths_is_the_same(tmp_path: Path, written: str) -> None:
    root = seed_tree(tmp_path)
    edit(root, RECTIFICATION, "indicator: 沿线群众满意度", f'indicator: "{written}"')
    assert texts(root, Severity.WARNING) == []


def test_without_a_self_evaluation_the_indicator_is_not_checked(tmp_path: Path) -> None:
    root = seed_tree(tmp_path)
    edit(root, RECTIFICATION, "indicator: 沿线群众满意度", "indicator: 沿线群众满意率")
    (folder(root) / SELF).unlink()
    assert not [p for p in problems(root, Severity.WARNING) if p.key and p.key.endswith(".indicator")]


# --------------------------------------------------------------------------- 部门整体

def test_a_department_without_programmes_is_warned(tmp_path: Path) -> None:
    root = seed_tree(tmp_path)
    (folder(root) / "bumen.yaml").write_text(DEPARTMENT.format(department="示例县水利局"), encoding="utf-8")
    warnings = [p for p in problems(root, Severity.WARNING) if p.file.endswith("bumen.yaml")]
    assert len(warnings) == 1 and "示例县水利局" in warnings[0].message and warnings[0].key == "department"
    assert warnings[0].line == key_line(folder(root) / "bumen.yaml", "department") > 1


@pytest.mark.parametrize("written", ["示例县交通运输局", "示例县　交通运输局", "示例县交通运输局 ", "示例县ｊｔ局"])
def test_a_department_written_with_other_widths_or_spaces_finds_its_programmes(tmp_path: Path, written: str) -> None:
    root = seed_tree(tmp_path)
    if "ｊｔ" in written:  # the programmes say it in half-width letters
        for name in (SELF, REPORT, RECTIFICATION, "nongcun-gonglu-yanghu-mubiao.yaml"):
            edit(root, name, "department: 示例县交通运输局", "department: 示例县JT局")
    (folder(root) / "bumen.yaml").write_text(DEPARTMENT.format(department=written), encoding="utf-8")
    assert [p for p in problems(root) if p.file.endswith("bumen.yaml") and p.severity is not Severity.NOTE] == []


def test_two_department_documents_differing_in_width_only_are_one_too_many(tmp_path: Path) -> None:
    root = seed_tree(tmp_path)
    (folder(root) / "bumen.yaml").write_text(DEPARTMENT.format(department="示例县交通运输局"), encoding="utf-8")
    (folder(root) / "bumen2.yaml").write_text(DEPARTMENT.format(department="示例县　交通运输局"), encoding="utf-8")
    errors = texts(root, Severity.ERROR)
    line = key_line(folder(root) / "bumen2.yaml", "department")
    assert len(errors) == 1 and f"bumen2.yaml:{line}: department:" in errors[0] and "同一部门同一年度" in errors[0]


# --------------------------------------------------------------------------- originals

def _docx(extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _zip_bomb(path: Path) -> None:
    """A DOCX whose one extra entry unpacks past MAX_UNZIPPED_BYTES (zeros compress a thousandfold)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        chunk = bytes(2**20)
        with archive.open("word/media/zeros.bin", "w", force_zip64=True) as entry:
            for _ in range(MAX_UNZIPPED_BYTES // len(chunk) + 1):
                entry.write(chunk)


def _place(root: Path, name: str, make: object) -> None:
    """Write the original `name` beside the report and point the report at it."""
    target = folder(root) / name
    (folder(root) / PDF).unlink()
    if callable(make):
        make(target)
    elif make is not None:
        target.write_bytes(make)  # type: ignore[arg-type]
    edit(root, REPORT, f"file: {PDF}", f"file: {yaml.safe_dump(name, allow_unicode=True).splitlines()[0]}")


PDF_BYTES = (SEEDS / PDF).read_bytes()
REFUSED = [
    ("missing", "a.pdf", None, "文件不存在"),
    ("empty", "a.pdf", b"", "不是 PDF 或 Word"),
    ("symlink", "a.pdf", lambda p: p.symlink_to(SEEDS / PDF), "符号链接"),
    ("folder", "a.pdf", lambda p: p.mkdir(), "文件夹"),
    ("html named pdf", "a.pdf", b"<html><script>alert(1)</script></html>", "不是 PDF 或 Word"),
    ("pdf that is html", "a.pdf", b"%PDF-1.4\n<html><script>alert(1)</script></html>\n", "没有 %%EOF"),
    ("not a zip", "a.docx", b"PK\x03\x04 not really a zip", "不是 PDF 或 Word"),
    ("zip of no word", "a.docx", b"PK\x03\x04" + _docx()[4:].replace(b"word/document.xml", b"word/documenX.xml"),
     "不是 PDF 或 Word"),
    ("zip bomb", "a.docx", _zip_bomb, "解压后超过 200 MB"),
    ("docx named pdf", "a.pdf", _docx(), "扩展名是 PDF，内容却是 DOCX"),
    ("over the limit", "a.pdf", lambda p: (p.write_bytes(PDF_BYTES), p.open("r+b").truncate(MAX_ORIGINAL_BYTES + 1)),
     "文件过大"),
    ("parent folder", "../a.pdf", PDF_BYTES, "只能写文件名"),
    ("dot dot", "..", None, "只能写文件名"),
    ("hidden", ".a.pdf", PDF_BYTES, "只能写文件名"),
    ("fragment", "报告#1.pdf", PDF_BYTES, "只能写文件名"),
    ("query", "报告?.pdf", PDF_BYTES, "只能写文件名"),
    ("percent", "报告%20.pdf", PDF_BYTES, "只能写文件名"),
    ("windows", 'a<b>"c".pdf', PDF_BYTES, "只能写文件名"),
    ("old word", "a.doc", PDF_BYTES, "应是 .pdf 或 .docx"),
]


@pytest.mark.parametrize(("name", "make", "message"), [case[1:] for case in REFUSED], ids=[case[0] for case in REFUSED])
def test_an_original_that_cannot_be_published_is_named_at_its_line(tmp_path: Path, name: str, make: object,
                                                                    message: str) -> None:
    root = seed_tree(tmp_path)
    _place(root, name, make)
    errors = [p for p in problems(root, Severity.ERROR) if p.file.endswith(REPORT)]
    assert len(errors) == 1, errors
    assert errors[0].key == "original.file" and errors[0].line == 21 and message in errors[0].message


@pytest.mark.parametrize("name", ["报告 原件.PDF", "评价报告（2022年度）.pdf", "a..b.pdf", "报告.DOCX"])
def test_names_with_spaces_chinese_and_upper_case_are_published(tmp_path: Path, name: str) -> None:
    root = seed_tree(tmp_path)
    _place(root, name, _docx() if name.endswith("DOCX") else PDF_BYTES)
    assert texts(root, Severity.ERROR) == []


def test_one_original_for_two_reports_is_warned(tmp_path: Path) -> None:
    root = seed_tree(tmp_path)
    other = folder(root) / "other-pingjia.yaml"
    other.write_text((folder(root) / REPORT).read_text(encoding="utf-8").replace(
        "id: nongcun-gonglu-yanghu\n", "id: other\n").replace("name: 农村公路养护", "name: 另一项目"), encoding="utf-8")
    warnings = [p for p in problems(root, Severity.WARNING) if p.key == "original.file"]
    assert len(warnings) == 1 and warnings[0].file.endswith("other-pingjia.yaml") and REPORT in warnings[0].message and "完全相同" in warnings[0].message
    assert warnings[0].line == key_line(other, "original") > 1


# --------------------------------------------------------------------------- values

VALUES = [
    (RECTIFICATION, "deadline: 2023-06-30, status: 整改中}", "deadline: 2023-02-30, status: 整改中}",
     Severity.ERROR, "findings[4].measures[1].deadline", "2023-02-30"),
    (RECTIFICATION, "deadline: 2023-06-30, status: 整改中}", "deadline: 1999-06-30, status: 整改中}",
     Severity.ERROR, "findings[4].measures[1].deadline", "早于被评价的 2022 年度"),
    (RECTIFICATION, "deadline: 2023-06-30, status: 整改中}", "deadline: 9999-12-31, status: 整改中}",
     Severity.WARNING, "findings[4].measures[1].deadline", f"{MAX_DEADLINE_YEARS} 年之后"),
    (RECTIFICATION, "completed: 2023-02-10", "completed: 2021-12-31",
     Severity.ERROR, "findings[1].measures[1].completed", "早于被评价的 2022 年度"),
    (RECTIFICATION, "amount: 120,", "amount: 1234567890123456,", Severity.ERROR, "application[1].amount", "15 位"),
    (RECTIFICATION, "item: 4", "item: 99999999999999999999", Severity.ERROR, "findings[4].item", "15 位"),
    (RECTIFICATION, "problem: 3个乡镇", "problem: " + "长" * 5001, Severity.ERROR, "findings[4].problem", "上限 5000"),
    (REPORT, "period: {start: 2023-05-08", "period: {start: 2023-02-30", Severity.ERROR, "period.start", "2023-02-30"),
    (REPORT, "conclusion: >-", "conclusion_x: 1\nconclusion: >-", Severity.ERROR, "conclusion_x", "未知的键"),
    (REPORT, "findings:\n", "findings:\n  - true\n", Severity.ERROR, "findings[1]", "而不是是/否"),
    (REPORT, "name: 农村公路养护", "name: " + "长" * 201, Severity.ERROR, "name", "上限 200"),
]


@pytest.mark.parametrize(("file", "old", "new", "severity", "key", "message"), VALUES,
                         ids=[f"{v[0][-12:]}:{v[4]}:{v[5][:8]}" for v in VALUES])
def test_wrong_values_are_named_by_file_line_and_key(tmp_path: Path, file: str, old: str, new: str,
                                                     severity: Severity, key: str, message: str) -> None:
    root = seed_tree(tmp_path)
    edit(root, file, old, new)
    found = [p for p in problems(root, severity) if p.key == key]
    assert found and found[0].file.endswith(file) and found[0].line and message in found[0].message, \
        texts(root, severity)


# --------------------------------------------------------------------------- a hostile site

X = "<script>alert(1)</script>\u202e<img src=x onerror=alert(2)>\u2066"
FORMULA = "=cmd|' /C calc'!A0"


def _hostile(root: Path) -> None:
    """Every text of the new kinds that reaches a page, CSV, JSON or the feed carries markup,
    direction controls, a formula or a javascript: link; all of it is valid data."""
    def q(text: str) -> str:
        return json.dumps(text)  # a YAML double-quoted scalar, in flow and block context alike

    edit(root, REPORT, "method: ", f"method: {q(X + ' [x](javascript:alert(3))')}\nmethod_x: ")
    edit(root, REPORT, "method_x: ", "# ")
    edit(root, REPORT, "commissioner: 示例县财政局", f"commissioner: {q(FORMULA + X)}")
    edit(root, REPORT, "title: 农村公路养护项目2022年度财政重点绩效评价报告}", f"title: {q(X)}}}")
    edit(root, REPORT, "doc_no: 示财绩〔2023〕11号", f"doc_no: {q(FORMULA + X)}")
    edit(root, REPORT, "findings:\n", f"findings:\n  - {q(FORMULA + X)}\n")
    edit(root, REPORT, "published: 2023-08-30", "published: 2023-08-30\n"
         f"corrections:\n  - {{date: 2023-09-01, what: {q(X + ']]>')}, why: {q(FORMULA + X)}}}")
    edit(root, RECTIFICATION, "problem: 3个乡镇养护台账、验收资料不完整。", f"problem: {q(FORMULA + X)}")
    edit(root, RECTIFICATION, "measure: 统一养护台账格式，按月检查", f"measure: {q('-1+1' + X)}")
    edit(root, RECTIFICATION, "owner: 示例县农村公路管理所, deadline: 2023-06-30",
         f"owner: {q('@SUM(A1)' + X)}, evidence: {q('+1' + X)}, deadline: 2023-06-30")
    edit(root, RECTIFICATION, "note: 县级养护补助改为按养护质量考核结果拨付。", f"note: {q(X)}")
    (folder(root) / "bumen.yaml").write_text(
        f"kind: 部门整体绩效目标\nyear: 2022\ndepartment: 示例县交通运输局\nfunctions: {q(FORMULA + X)}\n"
        f"annual_goal: {q(X)}\ntasks:\n  - {{name: {q(X)}, content: {q(FORMULA)}, amount: 12}}\nindicators:\n"
        f'  - {{level1: 产出指标, level2: 数量指标, name: {q(X)}, nature: "≥", target: 1, unit: 公里, basis: {q(FORMULA)}}}\n',
        encoding="utf-8")


def test_a_site_of_hostile_texts_escapes_every_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = seed_tree(tmp_path)
    _hostile(root)
    assert texts(root, Severity.ERROR) == []
    monkeypatch.setenv("PERFSITE_SEARCH", "0")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1693526400")
    site = build_or_fail(tmp_path / "site", root)
    pages = [p for p in site.rglob("*") if p.suffix in (".html", ".xml", ".json", ".csv")]
    report = site / "projects/2022/nongcun-gonglu-yanghu/evaluation/index.html"
    department = next(site.glob("departments/*/2022/index.html"))
    assert report in pages and department in pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if page.suffix == ".json":  # data, not markup: the texts as published, direction controls shown
            assert "\u202e" not in json.dumps(json.loads(text), ensure_ascii=False), page
        if page.suffix in (".json", ".csv"):
            assert "\u202e" not in text and "\u2066" not in text, page
            continue
        assert "<script>alert" not in text and "<img src=x" not in text, page
        assert "\u202e" not in text and "\u2066" not in text, page
        assert not re.search(r"""(?:href|src)\s*=\s*["']?\s*javascript:""", text, re.I), page
    for shown in (report, department, site / "rectification/index.html",
                  site / "projects/2022/nongcun-gonglu-yanghu/rectification/index.html"):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;[U+202E]" in shown.read_text(encoding="utf-8"), shown
    ours = []  # every CSV cell holding one of the texts above
    for table in site.rglob("*.csv"):
        rows = csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig")))
        ours += [cell for row in rows for cell in row if "alert(" in cell]
    assert any("cmd|" in cell for cell in ours) and any("@SUM" in cell for cell in ours)
    assert not [cell for cell in ours if cell[:1] in ("=", "+", "-", "@", "\t", "\r")], "a live formula"
    ElementTree.parse(site / "feed.xml")  # well-formed whatever the texts


# --------------------------------------------------------------------------- property

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "javascript:alert(1)",
           "\u202e", "\u2066", "=cmd|' /C calc'!A0", "@SUM(A1)", "+1", "-1", "&amp;", "]]>", "{{ 7*7 }}", "{% raw %}",
           "2023-02-30", "1234567890123456", "<", ">", "\"", "'", "`", "#", "\\", "\n", "*", "|", "—"]
TEXT = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=8)),
                max_size=4).map("".join)
MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<x-evil a=1>", "<b onclick=alert(1)>",
          "[x](javascript:alert(1))", "\u202e", "\u2066"]
SAID = st.one_of(st.tuples(TEXT, st.sampled_from(MARKUP), TEXT).map("".join), TEXT.filter(str.strip))
"""A text that says something (an empty one is refused where a text is required), most with markup."""


class Tags(HTMLParser):
    """The elements and attributes a page really has (what a browser would build)."""

    def __init__(self, body: str) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.links: list[str] = []
        self.feed(body)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)
        self.links += [value or "" for name, value in attrs if name in ("href", "src")]
VALUE = st.one_of(TEXT, TEXT, TEXT, st.integers(-10**17, 10**17), st.booleans(), st.none(), st.lists(TEXT, max_size=2),
                  st.dictionaries(TEXT, TEXT, max_size=2), st.sampled_from(["2023-06-30", "9999-12-31", "1e400", "0.5"]))
REPORT_TEXTS = ("name", "department", "evaluator", "commissioner", "method", "conclusion", "region", "issuer", "doc_no",
                "index_no")
RECTIFICATION_TEXTS = ("problem", "measure", "owner", "evidence", "deadline", "completed", "status")
TARGET_TEXTS = ("name", "department", "implementer", "annual_goal", "midterm_goal", "explanation", "basis",
                "data_source", "unit")


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, str]:
    """A 评价报告, 整改 or 绩效目标表 (the seed's) with some of its texts replaced by hostile values."""
    kind = draw(st.sampled_from([REPORT, RECTIFICATION, "nongcun-gonglu-yanghu-mubiao.yaml"]))
    data = yaml.safe_load((SEEDS / kind).read_text(encoding="utf-8"))
    if kind == REPORT:
        for key in draw(st.lists(st.sampled_from(REPORT_TEXTS), max_size=4, unique=True)):
            data[key] = draw(st.one_of(SAID, SAID, SAID, VALUE))
        data["findings"] = draw(st.lists(st.one_of(SAID, SAID, SAID, VALUE), max_size=3)) or data["findings"]
        data["suggestions"] = draw(st.lists(SAID, max_size=2))
        data["original"]["title"] = draw(TEXT)
        data["indicators"][0]["remark"] = draw(TEXT)
    elif kind == RECTIFICATION:
        finding = data["findings"][draw(st.integers(0, len(data["findings"]) - 1))]
        measure = finding["measures"][0]
        for key in draw(st.lists(st.sampled_from(RECTIFICATION_TEXTS), min_size=1, max_size=4, unique=True)):
            target = finding if key == "problem" else measure
            target[key] = draw(VALUE) if key in ("deadline", "completed", "status") else draw(SAID)
        data["application"][0]["note"] = draw(TEXT)
        data["application"][0]["amount"] = draw(st.one_of(st.integers(0, 10**16), st.just(120), st.just(120), TEXT))
    else:
        row = data["indicators"][0]
        for key in draw(st.lists(st.sampled_from(TARGET_TEXTS), min_size=1, max_size=4, unique=True)):
            (row if key in ("explanation", "basis", "data_source", "unit") else data)[key] = draw(SAID)
    return kind, yaml.safe_dump(data, allow_unicode=True)


def _rendered(doc: object, problems: list[Problem], site: object) -> tuple[str, str]:
    if isinstance(doc, EvaluationReport):
        _, title, body, _, _, _ = render_report(make_report_record(doc, problems), site, frozenset())
    elif isinstance(doc, Rectification):
        _, title, body, _, _, _ = render_rectification(make_rectification_record(doc, problems), site, frozenset(),
                                                       "2023-09-01")
    else:
        assert isinstance(doc, TargetTable)
        _, title, body, _, _, _ = render_targets(make_target_record(doc, problems), site, False)
    return title, body


def check_document(folder_: Path, kind: str, text: str) -> None:
    """Refused with file and line on every error, or rendered with every text escaped."""
    site, _ = load_site(REPO / "data" / "site.yaml", "site.yaml")
    path = folder_ / kind
    path.write_text(text, encoding="utf-8")
    doc, found = read_document(path, site, folder_.parent)
    errors = [p for p in found.items if p.severity is Severity.ERROR]
    for problem in errors:
        assert problem.file == f"x/{kind}" and problem.line, problem
        assert re.search(r"[\u4e00-\u9fff]", problem.message), problem
    if errors or doc is None:
        return
    title, body = _rendered(doc, found.items, site)
    page = Tags(body)
    assert not page.tags & {"script", "img", "x-evil"}, page.tags
    assert not [name for name in page.attributes if name.startswith("on")], page.attributes
    assert not [link for link in page.links if link.strip().lower().startswith("javascript:")], page.links
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", title + body)


def run_property(tmp: Path, max_examples: int) -> None:
    target = tmp / "x"
    target.mkdir(exist_ok=True)
    shutil.copy(SEEDS / PDF, target / PDF)

    @settings(max_examples=max_examples, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(document=documents())
    def prop(document: tuple[str, str]) -> None:
        check_document(target, *document)

    prop()


def test_any_new_kind_document_is_refused_at_a_line_or_published_escaped(tmp_path: Path) -> None:
    run_property(tmp_path, 150)


UNDER_LIMITS = """
import sys
sys.path.insert(0, {tests!r})
from pathlib import Path
from test_harden_kinds import run_property
run_property(Path({tmp!r}), {n})
print("fuzzed")
"""


def test_the_property_stays_within_memory_and_cpu_limits(tmp_path: Path) -> None:
    tests = Path(__file__).resolve().parent
    result = run_limited("-c", UNDER_LIMITS.format(tests=str(tests), tmp=str(tmp_path), n=40), cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().endswith("fuzzed")


@pytest.mark.parametrize("file", [REPORT, RECTIFICATION, "nongcun-gonglu-yanghu-mubiao.yaml"])
def test_a_second_document_of_a_kind_is_an_error_and_nothing_is_built(tmp_path: Path, file: str) -> None:
    root = seed_tree(tmp_path)
    shutil.copy(folder(root) / file, folder(root) / f"copy-{file}")
    errors = [p for p in problems(root, Severity.ERROR)]
    assert errors and all(p.file.endswith(f"jiaotong/{file}") and f"copy-{file}" in p.message
                          and p.line == key_line(folder(root) / file, p.key) > 1
                          for p in errors), errors  # the later of the two in path order is named, at its key
    assert any("每种文件各一个" in p.message for p in errors)
    if file == RECTIFICATION:  # the build refuses the tree as check does: no site at all
        from conftest_site import mkdocs_build
        result = mkdocs_build(tmp_path / "site", root)
        assert result.returncode != 0 and "未生成网站" in result.stdout + result.stderr
        assert not (tmp_path / "site" / "index.html").exists()


# --------------------------------------------------------------------------- every key, every wrong type

KIND_FILES = [SEEDS / REPORT, SEEDS / RECTIFICATION, SEEDS / "nongcun-gonglu-yanghu-mubiao.yaml",
              REPO / "data/2023/jiaoyu/bumen-zhengti-mubiaobiao.yaml", REPO / "data/2023/jiaoyu/bumen-zhengti-zipingbiao.yaml"]
WRONG = [[], {"a": [1]}, True, "", 10**16, "2023-02-30"]
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's emitter writes the same text as safe_dump (checked on every seed document with each
wrong value) in a quarter of the time: the pure-Python one took two thirds of this test's 3,400 files."""


def _key_paths(node: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [path] if path else []
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in children:
        found += _key_paths(child, (*path, key))
    return found


def _replaced(data: object, path: tuple[object, ...], value: object) -> object:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {k: _replaced(v, rest, value) if k == head else v for k, v in data.items()}
    assert isinstance(data, list)
    return [_replaced(v, rest, value) if i == head else v for i, v in enumerate(data)]


@pytest.mark.parametrize("source", KIND_FILES, ids=[p.name for p in KIND_FILES])
def test_every_key_of_the_new_kinds_with_a_wrong_value_is_named_at_a_line(tmp_path: Path, source: Path) -> None:
    """Each key path of a seed document (top-level keys, rows, cells) replaced by each wrong value:
    the file is read without an unexpected failure, and every error has its line."""
    site, _ = load_site(REPO / "data" / "site.yaml", "site.yaml")
    target = tmp_path / "x"
    target.mkdir()
    shutil.copy(SEEDS / PDF, target / PDF)
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    tried = 0
    for path in _key_paths(data):
        if path == ("kind",):
            continue
        for value in WRONG:
            (target / "t.yaml").write_text(yaml.dump(_replaced(data, path, value), Dumper=DUMPER, allow_unicode=True),
                                           encoding="utf-8")
            _, found = read_document(target / "t.yaml", site, tmp_path)
            tried += 1
            for problem in found.items:
                assert "意外错误" not in problem.message, (path, value, problem)
                assert problem.severity is not Severity.ERROR or problem.line, (path, value, problem)
    assert tried > 100
