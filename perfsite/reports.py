"""The 绩效评价报告 (部门评价, 财政评价, 第三方评价) of a programme-year: model and reading.

A report is the outside look at a programme: who evaluated it (评价机构), when and how, the
scoring table (决策/过程/产出/效益, with weights and scores), the conclusion, the problems found
and the recommendations. Its scoring table is read and scored by the 自评's own machinery
(perfsite.reader's indicator rows, perfsite.scoring), so a report's total, grade and published
figures are checked with the same rules and named with the same status vocabulary as a 自评's.

The signed original (PDF, DOCX, or OFD: 党政机关 publish reports in the fixed-layout format of
电子公文) is published beside the page. Its size and SHA-256 are computed from its bytes, never
typed, so a reader can tell the file they downloaded is the one published; a missing file, one
whose bytes are none of the three, or one over MAX_ORIGINAL_BYTES is an error, and its name may
not leave the YAML's folder (so it cannot leave data/).
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from perfsite.active_content import docx_findings, ofd_findings, pdf_findings
from perfsite.dates import future_date, iso_date
from perfsite.decimals import parse_decimal, plain
from perfsite.kinds import DocumentKind
from perfsite.model import DocumentHead, Programme
from perfsite.problems import Problems, Severity
from perfsite.reader import read_groups, read_head, read_indicator_rows, read_reported
from perfsite.rules import Status
from perfsite.safefile import FileRefused, read_limited
from perfsite.schema import DOCUMENT_KEYS, EVALUATIONS, check_keys, shown, text_field, text_limit, type_name
from perfsite.scoring import ScoredProgramme, compare_printed, score_programme
from perfsite.siteconfig import SiteConfig

REPORT_KEYS = (
    "name", "year", "department", "id", "series", "region", "sample", "evaluation", "commissioner",
    "evaluator", "period", "method", "groups", "indicators", "reported", "conclusion", "findings",
    "suggestions", "original", "source", *(key for key in DOCUMENT_KEYS if key != "kind"), "kind",
)
REPORT_REQUIRED = ("name", "year", "department", "evaluation", "evaluator", "indicators", "conclusion", "original")
ORIGINAL_KEYS = ("file", "title")
PERIOD_KEYS = ("start", "end")

REPORT_EVALUATIONS = tuple(e for e in EVALUATIONS if e != "单位自评")
"""部门评价, 财政评价, 第三方评价: a 单位自评 is the 自评表 itself, not a report about it."""

MAX_ORIGINAL_BYTES = 20 * 2**20
"""A scanned 评价报告 of 60 pages is 5–10 MB; 20 MB keeps the site and its mirror small."""

PDF, DOCX, OFD = "PDF", "DOCX", "OFD"
MEDIA_TYPES = {PDF: "application/pdf",
               DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
               OFD: "application/ofd"}
"""OFD has no IANA-registered media type; the link's type is a hint only (the file downloads under its .ofd name)."""
SUFFIXES = {".pdf": PDF, ".docx": DOCX, ".ofd": OFD}
LABELS = {PDF: "PDF", DOCX: "DOCX", OFD: "OFD 版式文件（可用数科、福昕、WPS 等阅读器打开）"}
"""What the download link says the file is: a reader knows PDF and Word, and may never have met an OFD."""

_NAME = re.compile(r"[^/\\\x00-\x1f\x7f#?%<>:\"|*]*[^/\\\x00-\x1f\x7f#?%<>:\"|*. ]")
"""A file name that is one link beside the page as written: no folder, no character that ends or
escapes a URL path (# ? %) or that Windows refuses (< > : " | *), not ending in a dot or space."""

MAX_ORIGINAL_NAME = 80
"""Characters of an original's name at most: 80 Chinese characters are 240 bytes in UTF-8, within
the 255 a file name may have on Linux, macOS and Windows (the site folder, a mirror, a reader's
download folder), and a name shown on the page stays one line."""

UNSEEN = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))
"""Unicode categories a name may not hold: controls (C1 as well as C0), format characters (the
bidi overrides U+202A–U+202E and isolates U+2066–U+2069, which make "报告\u202excod.pdf" read
as "报告fdp.docx"; zero-width spaces and joiners, which make two names look alike), surrogates,
private-use and unassigned code points, line and paragraph separators. None is seen as written."""

MARKUP = re.compile(rb"<\s*/?\s*(?:script|html|svg|body|head|iframe|object|embed|!doctype)\b", re.IGNORECASE)
"""Markup that makes a browser's content sniffing, or an old one's, take a file for a web page."""
SNIFFED_BYTES = 1024
"""How far a browser looks for markup when it sniffs (512 bytes in the WHATWG algorithm; older
browsers 256 or more): a PDF or DOCX with markup there is a polyglot, refused."""

MAX_UNZIPPED_BYTES = 10 * MAX_ORIGINAL_BYTES
"""What a DOCX or OFD may say it unpacks to: Word's and OFD producers' own files unpack to a few
times their size; a zip bomb to thousands of times, and a reader's Word or OFD reader would be
the one to unpack it."""
PDF_TRAILER = 1024
"""A PDF ends with %%EOF within its last 1024 bytes (readers look no further): a file that starts
like a PDF and has none is cut short or not a PDF at all."""


@dataclass(frozen=True)
class Original:
    """The original document: its name beside the YAML and what its bytes are."""

    file: str
    """File name as written (beside the YAML; published beside the page under this name)."""
    title: str
    format: str
    """PDF, DOCX or OFD, from the bytes (the name's suffix must agree)."""
    size: int
    sha256: str
    path: Path


@dataclass(frozen=True)
class TextItem:
    """One entry of 主要问题 or 建议, with its line."""

    text: str
    line: int | None = None


@dataclass
class EvaluationReport(DocumentHead):
    """One programme-year's 绩效评价报告, read and scored."""

    evaluation: str = ""
    """部门评价, 财政评价 or 第三方评价."""
    commissioner: str = ""
    """委托方 (the department or bureau that commissioned a 第三方评价)."""
    evaluator: str = ""
    """评价机构."""
    period: tuple[str, str] = ("", "")
    """评价时间: ISO start and end dates."""
    method: str = ""
    conclusion: str = ""
    findings: tuple[TextItem, ...] = ()
    """主要问题, in the report's order: 整改 refers to them by number (1 is the first)."""
    suggestions: tuple[TextItem, ...] = ()
    original: Original | None = None
    scored: ScoredProgramme | None = None
    """The scoring table, scored as a 自评's is (total, grade, statuses, subtotals)."""
    kind: DocumentKind = field(default=DocumentKind.EVALUATION_REPORT)


def report_of(data: dict, path: Path, file: str, problems: Problems, year: int, ident: str,
              site: SiteConfig) -> EvaluationReport:
    """Validate a loaded 评价报告 (the caller has read `kind`, `year` and `id`) and score its table."""
    check_keys(data, REPORT_KEYS, (), problems, REPORT_REQUIRED)
    report = EvaluationReport(id=ident, year=year, name=text_field(data, "name", (), problems),
                              department=text_field(data, "department", (), problems), path=path, file=file)
    read_head(report, data, problems)
    for key in ("commissioner", "evaluator", "method", "conclusion"):
        setattr(report, key, text_field(data, key, (), problems))
    report.evaluation = text_field(data, "evaluation", (), problems)
    if report.evaluation and report.evaluation not in REPORT_EVALUATIONS:
        problems.error(("evaluation",), f"evaluation（评价类型）只能是 {'、'.join(REPORT_EVALUATIONS)}，"
                       f"而不是「{shown(report.evaluation)}」（单位自评请写自评表）")
    if data.get("conclusion") is not None and not report.conclusion:
        problems.error(("conclusion",), "conclusion（评价结论）不能是空的")
    report.period = _period(data.get("period"), problems)
    future = future_date(report.period[1], "评价时间的结束日期")
    if future:
        problems.error(("period", "end"), future)
    elif report.published and report.period[1] > report.published:
        problems.error(("period", "end"), f"评价时间的结束日期 {report.period[1]} 晚于报告的发布日期 {report.published}："
                       "报告只能在评价结束之后发布，请核对两个日期")
    report.findings = text_items(data, "findings", "主要问题", problems)
    report.suggestions = text_items(data, "suggestions", "建议", problems)
    if data.get("original") is not None:
        report.original = _original(data["original"], path, problems)
    table = Programme(id=ident, year=year, name=report.name, department=report.department, path=path, file=file,
                      evaluation=report.evaluation, evaluator=report.evaluator, sample=report.sample)
    table.groups = read_groups(data.get("groups"), problems)
    table.reported_score, table.reported_grade = read_reported(data.get("reported"), problems)
    if data.get("indicators") is not None:
        table.indicators = read_indicator_rows(data["indicators"], site, problems)
        report.scored = score_programme(table, site, problems)
        check_conclusion(report.conclusion, report.scored, site, problems)
    return report


_SAID_SCORE = re.compile(r"(?:综合评分|综合得分|评价得分|总得分|总分|最终得分|得分合计)\s*(?:为|是|达到|：|:)?\s*"
                         r"(\d{1,3}(?:\.\d+)?)\s*分(?!\s*(?:及?以[上下]|至|到|[-—～~]))")
"""A total stated as the result, not a band of a scheme (评价得分90分以上为优)."""
_SAID_GRADE = re.compile(r"等级\s*(?:为|是|评定为|评为|：|:)?\s*[“”\"「『']?\s*(优秀|良好|中等|合格|不合格|较差|优|良|中|差)"
                         r"(?![秀好等格差、（(，,；;\d])")
"""A grade stated as the result, not one of a scheme listed (等级：优秀（90分以上）、良好……)."""


_ANY_SCORE = re.compile(r"(?<![\d.\-—～~至到])(\d{1,3}(?:\.\d+)?)\s*分(?![析钟类别配布数值制项])(?!\s*(?:（含）)?\s*(?:及?以[上下]|至|到|[-—～~]))"
                        r"|(?:得分|评分|总分|分数)[^，。；,;\d]{0,6}?([零〇一二两三四五六七八九十百点]{2,})分")
"""Any figure of 分 in a conclusion, in digits or (after a score word) in Chinese numerals
(九十五分; 十分 alone is "very"), not a band of a scheme: what _SAID_SCORE does not read is told."""
_ANY_GRADE = re.compile(r"(?:评为|评定为|定为|等[级次]为|结果为|确定为)\s*[“”\"「『']?\s*(优秀|良好|中等|合格|不合格|较差|优|良|中|差)"
                        r"|(优秀|良好|中等|合格|不合格|较差|优|良|中|差)\s*[”\"」』']?\s*(?:等级|等次|档次)")
"""A grade stated as a result in other words than _SAID_GRADE reads (评为“优秀”等次, 评定为优秀等级);
a grade word alone (管理良好) is an adjective, not a result."""


def check_conclusion(conclusion: str, scored: ScoredProgramme, site: SiteConfig, problems: Problems) -> None:
    """The 评价结论 restates the total and the grade in words (「综合评分88.31分，评价等级为“良”」):
    a report whose table or `reported` was corrected and whose conclusion was not states two
    totals on one page. Each stated total and grade is checked against the published ones (the
    computed ones where none is published), by the rule of every other published figure (compare_printed)."""
    table = scored.programme
    total = table.reported_score if table.reported_score is not None else scored.total
    for said in _SAID_SCORE.finditer(conclusion):
        figure = parse_decimal(said[1])
        if total is None or figure is None:
            break
        if figure == scored.weight_total:  # 总分100分: the full marks, not the result
            continue
        status = compare_printed(figure, total)  # 「综合评分95分」 for a total of 94.6: the total at the places said
        if status is not Status.MATCH:
            which = "公布" if table.reported_score is not None else "计算"
            problems.add(Severity.DISCREPANCY if status is Status.DISCREPANCY else Severity.NOTE, ("conclusion",),
                         f"评价结论中写的总分 {said[1]} 与{which}的总分 {plain(total)} 不符"
                         + ("，相差超过 0.1：请同时改正结论" if status is Status.DISCREPANCY else "，属舍入差异"),
                         **_figures(said[1], plain(total), which), field="评价结论 · 总分")
    grade = site.canonical_grade(table.reported_grade) if table.reported_grade else scored.grade
    for said in _SAID_GRADE.finditer(conclusion):
        written = site.canonical_grade(said[1])
        if grade is not None and written is not None and written != grade:
            which = "公布" if table.reported_grade else "计算"
            problems.add(Severity.DISCREPANCY, ("conclusion",),
                         f"评价结论中写的等级「{said[1]}」与{which}的等级「{grade}」不符：请同时改正结论",
                         **_figures(said[1], grade, which), field="评价结论 · 等级")
    unread = _unread(conclusion, scored, total, grade, site)
    if unread:
        which = "公布" if table.reported_score is not None or table.reported_grade else "计算"
        shown_total = f"总分 {plain(total)}" if total is not None else ""
        shown_grade = f"等级「{grade}」" if grade else ""
        problems.warning(("conclusion",), f"评价结论中的{'、'.join(f'「{u}」' for u in unread)}未能核对（不是“综合评分为 X 分”"
                         f"“评价等级为 X”的写法），与{which}的{'、'.join(x for x in (shown_total, shown_grade) if x)}不同："
                         "结论与评分表不一致时请一并改正，结论中的得分宜写成“综合评分为 X 分”")


def _unread(conclusion: str, scored: ScoredProgramme, total: Decimal | None, grade: str | None,
            site: SiteConfig) -> list[str]:
    """The 分 figures and grades of a conclusion that the checks above did not read and that
    differ from the total and grade checked against, as written (「95分」). A figure equal to
    the full marks, a 一级指标's weight or subtotal, or an indicator's weight or score is the
    table's own, not a second total."""
    read = [m.span() for pattern in (_SAID_SCORE, _SAID_GRADE) for m in pattern.finditer(conclusion)]

    def unread(match: re.Match[str]) -> bool:
        return not any(start <= match.start() < end for start, end in read)

    own = {scored.weight_total, *(x for _, w, c in scored.subtotals for x in (w, c) if x is not None),
           *(x for i in scored.indicators for x in (i.indicator.weight, i.score) if x is not None)}
    found = []
    for match in _ANY_SCORE.finditer(conclusion):
        if not unread(match) or total is None:
            continue
        figure = parse_decimal(match[1]) if match[1] else None
        if match[2] or (figure is not None and figure != total and figure not in own):
            found.append(match[0].strip() if match[1] else f"{match[2]}分")
    for match in _ANY_GRADE.finditer(conclusion):
        word = match[1] or match[2]
        if unread(match) and grade is not None and site.canonical_grade(word) not in (None, grade):
            found.append(word)
    return list(dict.fromkeys(found))


def _figures(said: str, against: str, which: str) -> dict[str, str | None]:
    """A conclusion's figure and the one it is checked against as the 公布/计算 pair of a finding:
    against a computed one, the conclusion is what was published; against `reported`, both were
    published and none computed, so the message alone names them (a pair would label the
    published total 计算)."""
    return {"published": said, "computed": against} if which == "计算" else {}


def _period(raw: object, problems: Problems) -> tuple[str, str]:
    """评价时间 {start, end}: two dates, the start not after the end."""
    if raw is None:
        return "", ""
    path = ("period",)
    if not isinstance(raw, dict):
        problems.error(path, f"period（评价时间）应写成 {{start: 2023-03-01, end: 2023-05-31}}，而不是{type_name(raw)}")
        return "", ""
    check_keys(raw, PERIOD_KEYS, path, problems, PERIOD_KEYS)
    dates = []
    for key in PERIOD_KEYS:
        written = text_field(raw, key, path, problems)
        date = iso_date(written) if written else None
        if written and date is None:
            problems.error((*path, key), f"评价时间的 {key} 应是日期，如 2023-03-01，而不是「{shown(written)}」")
        dates.append(date or "")
    start, end = dates
    if start and end and start > end:
        problems.error((*path, "end"), f"评价时间的结束日期 {end} 早于开始日期 {start}")
    return start, end


def text_items(data: dict, key: str, label: str, problems: Problems) -> tuple[TextItem, ...]:
    """A list of texts (主要问题, 建议): each a non-empty text, with its line."""
    raw = data.get(key)
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.error((key,), f"{key}（{label}）应是列表，每条以 - 开头，而不是{type_name(raw)}")
        return ()
    items = []
    for index, item in enumerate(raw):
        path = (key, index)
        if isinstance(item, dict | list | bool) or item is None:
            problems.error(path, f"{label}的每一条应是一段文字，而不是{type_name(item)}")
            continue
        text = item.strip() if isinstance(item, str) else str(item)  # a figure or a date, as its text
        if len(text) > text_limit(key):
            problems.error(path, f"{label}的第 {index + 1} 条太长（{len(text)} 个字符，上限 {text_limit(key)}）")
            text = text[:text_limit(key)]
        if not text:
            problems.error(path, f"{label}的第 {index + 1} 条是空的")
            continue
        items.append(TextItem(text, problems.line_of(path)))
    return tuple(items)


def _original(raw: object, path: Path, problems: Problems) -> Original | None:
    where = ("original",)
    if not isinstance(raw, dict):
        problems.error(where, "original（报告原件）应写成 {file: 文件名.pdf, title: 报告标题}，文件放在本 YAML 文件旁边")
        return None
    check_keys(raw, ORIGINAL_KEYS, where, problems, ("file",))
    name = text_field(raw, "file", where, problems)
    title = text_field(raw, "title", where, problems)
    if not name:
        return None
    at = (*where, "file")
    unseen = unseen_character(name)
    if unseen is not None:
        problems.error(at, f"报告原件的文件名含看不见的字符 U+{ord(unseen):04X}（{unicodedata.name(unseen, '控制或格式字符')}）："
                       "它会让文件名显示得与实际不同，请改名，只用看得见的文字")
        return None
    if len(name) > MAX_ORIGINAL_NAME:
        problems.error(at, f"报告原件的文件名太长（{len(name)} 个字符，上限 {MAX_ORIGINAL_NAME}）：{shown(name)}")
        return None
    if not _NAME.fullmatch(name) or name.startswith("."):
        problems.error(at, f"报告原件「{shown(name)}」只能写文件名，且文件须放在本 YAML 文件旁边（不能含 / 或 \\，"
                       "不能以 . 开头、以 . 或空格结尾，不能含 # ? % < > : \" | * 和控制字符）")
        return None
    claimed = SUFFIXES.get(Path(name).suffix.lower())
    if claimed is None:
        problems.error(at, f"报告原件「{shown(name)}」应是 .pdf 或 .docx（或 .ofd）文件")
        return None
    located = path.parent / name
    try:
        content = read_limited(located, MAX_ORIGINAL_BYTES)
    except FileRefused as refused:
        problems.error(at, f"报告原件「{shown(name)}」无法发布：{refused.message}"
                       + ("（须放在本 YAML 文件旁边）" if not located.exists() else ""))
        return None
    actual = format_of(content)
    if actual is None:
        problems.error(at, f"报告原件「{shown(name)}」的内容不是 PDF 或 Word（DOCX）文件，也不是 OFD 文件"
                       f"{_why_not(content)}：请提交报告原件本身")
        return None
    if actual != claimed:
        problems.error(at, f"报告原件「{shown(name)}」的扩展名是 {claimed}，内容却是 {actual} 文件：请改正扩展名")
        return None
    markup = MARKUP.search(content, 0, SNIFFED_BYTES)
    if markup is not None:
        problems.error(at, f"报告原件「{shown(name)}」开头 {SNIFFED_BYTES} 字节内含网页标记"
                       f"「{markup.group().decode('ascii', 'replace')}」：浏览器可能把它当作网页打开并运行其中的脚本，"
                       "不予发布，请提交由 Word、PDF 或 OFD 软件生成的报告原件")
        return None
    active = active_findings(content, actual)
    if active:
        problems.error(at, f"报告原件「{shown(name)}」含有打开时会运行、下载或解出的内容：{'、'.join(active)}。"
                       "网站不发布这样的文件：请删去其中的宏、脚本、附件和外部链接的模板或对象，"
                       "或另存为 PDF/A（PDF/A 不允许脚本、启动程序和加密）后再提交")
        return None
    return Original(name, title, actual, len(content), hashlib.sha256(content).hexdigest(), located)


def active_findings(content: bytes, actual: str) -> list[str]:
    """What the original of format `actual` would run, fetch or unpack on opening (perfsite.active_content)."""
    if actual == PDF:
        return pdf_findings(content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:  # format_of opened it already
        return docx_findings(archive) if actual == DOCX else ofd_findings(archive)


def unseen_character(name: str) -> str | None:
    """The first character of `name` in an UNSEEN category, or None."""
    return next((c for c in name if unicodedata.category(c) in UNSEEN), None)


def format_of(content: bytes) -> str | None:
    """PDF, DOCX or OFD by the bytes (a PDF's %PDF- header; a DOCX is a zip holding word/document.xml,
    an OFD one holding OFD.xml at its root, GB/T 33190 §7.4), else None; a zip that says it unpacks
    to more than MAX_UNZIPPED_BYTES is neither."""
    if content.startswith(b"%PDF-"):
        return PDF if b"%%EOF" in content[-PDF_TRAILER:] else None
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                entries = archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return None
        names = {entry.filename for entry in entries}
        unpacked = sum(entry.file_size for entry in entries)
        if unpacked > MAX_UNZIPPED_BYTES:
            return None
        if {"word/document.xml", "[Content_Types].xml"} <= names:
            return DOCX
        return OFD if any(name.lstrip("/").lower() == "ofd.xml" for name in names) else None
    return None


def _why_not(content: bytes) -> str:
    """What a file that starts like a PDF or a zip lacks (format_of refused it)."""
    if content.startswith(b"%PDF-"):
        return "（以 %PDF- 开头，结尾却没有 %%EOF：文件不完整）"
    if content.startswith(b"PK\x03\x04"):
        return f"（是 zip 文件，但无法打开、既不含 Word 文档也不含 OFD.xml，或解压后超过 {MAX_UNZIPPED_BYTES // 2**20} MB）"
    return ""


def read_original(path: Path, sha256: str, where: str = "") -> bytes:
    """An original's bytes for publishing, refused if they changed since they were checked (the
    page states the size and SHA-256 of the bytes checked); `where`: the report's data file,
    which the refusal names with the key."""
    at = f"{where}: original.file: " if where else ""
    try:
        content = read_limited(path, MAX_ORIGINAL_BYTES)
    except FileRefused as refused:
        raise FileRefused(f"{at}报告原件「{path.name}」在检查之后无法读取：{refused.message}：请重新生成网站") from None
    if hashlib.sha256(content).hexdigest() != sha256:
        raise FileRefused(f"{at}报告原件「{path.name}」在检查之后被改动（发布前再读一次，内容已不同）："
                          "页面上的大小和 SHA-256 将与发布的文件不符，不予发布；请在它不再变动时重新生成网站")
    return content
