"""A whole data tree: site.yaml plus every programme file, scored, with cross-file checks."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from operator import attrgetter
from pathlib import Path
from typing import Any, Generic, TypeVar

from perfsite import __version__
from perfsite.department import DepartmentDocument
from perfsite.disclosure import CorrectedTo, Disclosure, corrected_to, figures
from perfsite.documents import Document, kind_of_document, read_document
from perfsite.failures import explain
from perfsite.indicator_csv import MAX_BYTES as CSV_BYTES
from perfsite.kinds import DEFAULT_KIND, DEPARTMENT_KINDS, KINDS, DocumentKind
from perfsite.model import DocumentHead, Programme, Rename
from perfsite.problems import PerfsiteError, Problem, Problems, Severity, relpath
from perfsite.reader import csv_name
from perfsite.rectification import (
    IndicatorRef,
    ItemRef,
    Rectification,
    attachment_problems,
    has_name,
    indicator_refs,
    item_refs,
    name_marks,
)
from perfsite.reports import MAX_ORIGINAL_BYTES, SUFFIXES, EvaluationReport
from perfsite.safefile import LEFT_BY_TOOLS, FileRefused, os_message, read_limited
from perfsite.scoring import ScoredProgramme, score_programme
from perfsite.siteconfig import SITE_FILE, SiteConfig, load_site
from perfsite.targets import TargetTable
from perfsite.targets_check import TargetRows, planned_rows, restated_rows, target_hints
from perfsite.targets_compare import Parses
from perfsite.unjoined import unjoined
from perfsite.values import identity_text, stated
from perfsite.yamlload import MAX_BYTES as YAML_BYTES
from perfsite.yamlload import load_yaml_text


@dataclass(frozen=True)
class Facts:
    """What cross-file checks and the check summary need of a programme (small enough to cache)."""

    file: str
    year: int
    id: str
    name: str
    department: str
    total: Decimal | None
    grade: str | None
    kind: str = str(DEFAULT_KIND)
    """The document kind: a programme-year holds one document of each kind."""
    findings: int | None = None
    """A 评价报告's number of 主要问题: what its 整改's `item` may point at."""
    items: tuple[ItemRef, ...] = ()
    """A 整改's references to the 评价报告's 主要问题."""
    original: str = ""
    """A 评价报告's original's SHA-256: one original is the report of one programme-year."""
    indicator_refs: tuple[IndicatorRef, ...] = ()
    """A 整改's references to its 自评's indicators."""
    indicator_names: bytes = b""
    """A 自评's indicator names as rectification.name_marks: what those references must name."""
    lines: tuple[tuple[str, int], ...] = ()
    """The lines of the keys a cross-file problem points at (`HEAD_KEYS`), read while the file's
    line map is at hand: a duplicate id or a department without programmes names its line."""
    disclosed: tuple[str, str, str, str] = ("", "", "", "")
    """索引号, 文号, 发布日期 and 发布机构 as written ("" where not): one 索引号 is one catalogue
    entry, one 文号 one official document."""
    targets: TargetRows | None = None
    """A 自评's or a 绩效目标表's rows as the comparison of the two reads them: a lowered target
    is a 提示 of check (targets_check)."""
    series: str = ""
    """A 自评's `series`: one programme per series and year, and the years it joins should be one
    programme (cross_checks)."""
    sample: bool = False
    """`sample: true`: what the 提示 before publishing lists (scaffold.placeholders), taken from
    the file as it was read, cached with the rest, not by reading every file again."""
    region: str = ""
    """The 地区 as written: the listings and 项目查询 group by it (_spellings)."""
    renamed: tuple[tuple[str, str, int], ...] = ()
    """A 自评's renames as (old 三级 name, new 三级 name, line): a series' other years must not list
    both (_series_problems). A rename that keeps the 三级 name (the row moved to another 一级 or
    二级) is not among them: the names kept (Facts.indicator_names) cannot tell it."""
    name_key: str = field(init=False, repr=False, compare=False)
    department_key: str = field(init=False, repr=False, compare=False)
    region_key: str = field(init=False, repr=False, compare=False)
    """The name, department and region as the cross-file checks compare them (values.identity_text): made
    where the file is read, in a worker, and cached with the facts. In the parent, whose cache of
    identity_text starts empty each build, folding the 10,000 names of a one-file rebuild costs
    about 0.03 CPU s, a third of the cross-file checks; unpickling the keys costs 0.004 s."""

    def __post_init__(self) -> None:
        for key, text in (("name_key", self.name), ("department_key", self.department), ("region_key", self.region)):
            same = identity_text(text)
            # the text itself where it is its own key (most departments): pickled as a reference
            object.__setattr__(self, key, text if same == text else same)

    @classmethod
    def of(cls, sp: ScoredProgramme, lines: tuple[tuple[str, int], ...] = (),
           targets: TargetRows | None = None) -> Facts:
        p = sp.programme
        return cls(p.file, p.year, p.id, p.name, p.department, sp.total, sp.grade,
                   indicator_names=name_marks(i.name for i in p.indicators), lines=lines, disclosed=disclosed(p),
                   targets=targets, series=p.series, sample=p.sample, region=p.region, renamed=renamed_names(p.renamed))

    def compared_apart(self) -> Facts:
        """These facts as a build's parent holds them: its workers, which hold both files of a
        programme-year, compare the 自评 with its 绩效目标表 and send the 提示 (load_tree's
        `compared`), so the rows stay there. At 10,000 programmes with a 目标表 each, unpickling
        the rows of 20,000 files cost the parent about 0.2 CPU s of a one-file rebuild. A 部门整体
        document keeps its rows: its department-year's pair is compared in the parent."""
        if self.targets is None or self.kind in DEPARTMENT_KINDS:
            return self
        return replace(self, targets=None)

    def line(self, key: str) -> int:
        """The line of `key` in this file; 1 (the file itself) when the key is not written (an id
        taken from the file name)."""
        return next((line for k, line in self.lines if k == key), 1)


def renamed_names(renamed: Sequence[Rename]) -> tuple[tuple[str, str, int], ...]:
    """Facts.renamed of a document's renames: those that change the 三级 name."""
    return tuple((r.old[2], r.new[2], r.line or 1) for r in renamed if identity_text(r.old[2]) != identity_text(r.new[2]))


def disclosed(doc: DocumentHead | DepartmentDocument) -> tuple[str, str, str, str]:
    """A document's Facts.disclosed."""
    return doc.disclosure.index_no, doc.disclosure.doc_no, doc.published, doc.disclosure.issuer


HEAD_KEYS = ("id", "year", "name", "department", "original.file", "index_no", "doc_no", "unit", "series", "region")
"""The keys cross-file problems are about (`key_lines` keeps their lines in Facts)."""


def key_lines(problems: Problems) -> tuple[tuple[str, int], ...]:
    """The lines of the HEAD_KEYS written in the file (a few small pairs: Facts are cached)."""
    return tuple((key, line) for key in HEAD_KEYS
                 if (line := problems.lines.get(tuple(key.split(".")))) is not None)


@dataclass
class Dataset:
    """What a build publishes: the site settings, the scored programmes and every problem."""

    root: Path
    site: SiteConfig
    programmes: list[ScoredProgramme] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    facts: list[Facts] = field(default_factory=list)
    departments: list[DepartmentDocument] = field(default_factory=list)
    """The 部门整体 documents (target tables and self-evaluations), in file order."""
    targets: list[TargetTable] = field(default_factory=list)
    """The 绩效目标表 read (load_dataset; a build's workers keep theirs), for the 自评s to compare with."""
    _series: tuple[int, dict[str, list[ScoredProgramme]]] | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        """No errors: the site may be built."""
        return not any(p.severity is Severity.ERROR for p in self.problems)

    def refusal(self) -> PerfsiteError:
        """The error that stops a build of this data (when not `ok`): every error problem."""
        return PerfsiteError([p for p in self.problems if p.severity is Severity.ERROR])

    def count(self, severity: Severity) -> int:
        return sum(1 for p in self.problems if p.severity is severity)

    def by_series(self, series: str) -> list[ScoredProgramme]:
        """The programmes of one series by year; indexed once, so pages of 10,000 programmes stay linear."""
        index = self._series
        if index is None or index[0] != len(self.programmes):
            groups: dict[str, list[ScoredProgramme]] = defaultdict(list)
            for sp in self.programmes:
                if sp.programme.series:
                    groups[sp.programme.series].append(sp)
            for group in groups.values():
                group.sort(key=lambda sp: sp.programme.year)
            index = self._series = (len(self.programmes), dict(groups))
        return list(index[1].get(series, []))


DATA_SUFFIXES = (".yaml", ".yml")

SKIPPED = {
    "case": "扩展名不是小写的 .yaml/.yml，此文件未读取：要发布请把扩展名改为小写 .yaml",
    "link_dir": "这是指向文件夹的符号链接，其中的文件未读取：请把文件夹本身放进数据目录",
    "link": "这是符号链接，未读取：数据只从数据目录中的文件本身读取，请提交文件本身",
    "dangling": "这是无法打开的符号链接（目标不存在或链接成环），未读取：请删除它或换成文件本身",
    "special": "这不是普通文件（管道、设备或套接字），未读取：请删除它",
    "hidden": "名称以 . 或 ~$ 开头，是隐藏文件或编辑器、Office 留下的临时文件，未读取：要发布请去掉名称开头的 . 或 ~$",
    "form": "这是 Excel、WPS 或旧版 Word 文件，不是数据文件，未读取，网站上不会有它的内容：要发布其中的自评表，"
            "请用 perfsite import 导入（生成 YAML 数据文件），再把这个文件移出数据目录",
}
FORM_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".doc", ".wps")
"""Office files a clerk drops into data/ meaning them as data; none is ever read from there (a 评价报告's
original is a PDF, DOCX or OFD, so those may be data's own and are not named)."""
"""Why the walk leaves an entry out; each is named (a warning), never dropped in silence."""


@dataclass
class Tree:
    """The programme files under a data folder and the entries left out, each with a message."""

    paths: list[str]
    """The programme files, as text: a build hands them to its workers as text, and making a Path
    of each and text of it again took the walk of 10,000 programmes with their 绩效目标表
    (20,000 files) from 0.034 to 0.13 CPU s, on the critical path of every rebuild."""
    skipped: list[Problem] = field(default_factory=list)
    tables: frozenset[str] = frozenset()
    """Every entry named *.csv the walk saw, whatever it is (TreeRead.tables)."""
    documents: list[str] = field(default_factory=list)
    """The PDF, Word and OFD files the walk saw: a report's original, or one left there unnamed."""

    @property
    def files(self) -> list[Path]:
        return [Path(path) for path in self.paths]


def scan_tree(root: Path, base: Path | None = None) -> Tree:
    """Every programme file under the year folders, in a stable order (not file-system order),
    and a problem for every entry left out that may have been meant as data.

    One scandir walk, never following a link (a link cannot loop or reach outside the tree): at
    100,000 files two rglob passes took seconds. A symlinked *.yaml is listed for the loader to
    refuse with its own error; a folder that cannot be read is an error (its programmes would go
    missing); other-case extensions, other links and special files are warnings.
    """
    found: list[tuple[str, str]] = []
    skipped: list[tuple[str, Problem]] = []
    tables: set[str] = set()
    documents: list[str] = []
    todo = [("", str(root))]
    while todo:
        relative, folder = todo.pop()
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError as exc:
            where = relpath(Path(folder), base)
            skipped.append((relative, Problem(Severity.ERROR, f"无法读取目录（{exc.strerror}），其中的文件未读取：请检查权限",
                                              file=where)))
            continue
        for entry in listed:
            name = f"{relative}{entry.name}"
            why = _skip_reason(entry, name)
            if why == "dir":
                todo.append((name + "/", entry.path))
            elif why == "file":
                found.append((name, entry.path))
            elif why:
                path = Path(entry.path)
                skipped.append((name, Problem(Severity.WARNING, SKIPPED[why], file=relpath(path, base))))
            if entry.name.endswith(".csv"):
                tables.add(entry.path)
        for name, path, why in _unnamed(listed, relative):
            if why:
                skipped.append((name, Problem(Severity.WARNING, why, file=relpath(Path(path), base))))
            else:
                documents.append(path)
    found.sort()
    skipped.sort(key=lambda item: item[0])
    return Tree([path for _, path in found], [problem for _, problem in skipped], frozenset(tables),
                sorted(documents))


UNNAMED = {
    "original": "这是 PDF、Word 或 OFD 文件，这个文件夹中没有哪个数据文件把它写作报告原件（original.file），网站上不会有它："
                "如果是评价报告的原件，请在该报告的数据文件中写 original: {{file: {name}}}；如果是要发布的自评报告或自评表，"
                "请用 perfsite import 导入（生成 YAML 数据文件）；都不是请把它移出数据目录",
    "indicators": "这是指标表（.indicators.csv），但旁边没有同名的数据文件 {stem}.yaml，未读取：指标表要与数据文件同名"
                  "（数据文件 x.yaml 的指标表是 x.indicators.csv）；要发布它请改名与数据文件一致，或用 perfsite import 导入，"
                  "否则请把它移出数据目录",
    "indicators_case": "这是数据文件 {stem}.yaml 的指标表，但扩展名不是小写的 .indicators.csv，未读取：要发布请改名为 "
                       "{stem}.indicators.csv（全部小写）",
    "csv": "这是 CSV 表格，不是数据文件，未读取，网站上不会有它的内容：如果是系统导出的表或指标表，请用 perfsite import "
           "导入（生成 YAML 数据文件），再把它移出数据目录；指标表要与数据文件同名（x.yaml 旁边的 x.indicators.csv）",
}
"""What is said of a document or table in a data folder that no data file reads (a 提示)."""
_INDICATORS = ".indicators.csv"
_LOOSE = (".csv", *SUFFIXES)


def _unnamed(listed: list[os.DirEntry[str]], relative: str) -> list[tuple[str, str, str]]:
    """The indicator tables and other CSV files of one folder that no data file beside them reads,
    each as (name in the tree, path, what to say), and its PDF, Word and OFD files with nothing to say
    yet (whether a report names one is known once the files are read: unnamed_originals). A table
    saved under another name, or a report copied in and never named, was otherwise left out in silence."""
    loose = [entry for entry in listed if entry.name.lower().endswith(_LOOSE)
             and not entry.name.startswith(LEFT_BY_TOOLS) and entry.is_file(follow_symlinks=False)]
    names = {entry.name for entry in listed} if loose else set()
    out = []
    for entry in loose:
        name = entry.name
        if not name.lower().endswith(".csv"):
            out.append((f"{relative}{name}", entry.path, ""))
        elif name.lower().endswith(_INDICATORS):  # x.indicators.CSV is one too, never read (only *.csv is)
            stem = name[:-len(_INDICATORS)]
            if not any(stem + suffix in names for suffix in DATA_SUFFIXES):
                out.append((f"{relative}{name}", entry.path, UNNAMED["indicators"].format(stem=stem)))
            elif not name.endswith(_INDICATORS):
                out.append((f"{relative}{name}", entry.path, UNNAMED["indicators_case"].format(stem=stem)))
        else:
            out.append((f"{relative}{name}", entry.path, UNNAMED["csv"]))
    return out


def unnamed_originals(documents: list[str], results: Sequence[FileResult],
                      base: Path | None) -> list[Problem]:
    """A 提示 for each PDF, Word or OFD file no data file beside it names as its `original.file`.
    Only the 评价报告s (and files that could not be read as any kind) in a folder holding such a file
    are read again for their names, after the loader: read in the walk, every data file of those
    folders, a 1,000-programme demo cycle's walk took 0.05 CPU s, not 0.004, on the path of every
    rebuild; here it takes 0.012 of its 2.4 s check."""
    if not documents:
        return []
    folders = {os.path.dirname(path) for path in documents}
    named: set[str] = set()
    for result in results:
        folder = os.path.dirname(result.path)
        if folder in folders and (result.facts is None or result.facts.kind == DocumentKind.EVALUATION_REPORT):
            try:
                text = read_limited(Path(result.path), YAML_BYTES)
            except FileRefused:  # the loader has said why; what it names is not known
                folders.discard(folder)
                continue
            named.update(os.path.join(folder, name) for name in original_names(text))
    return [Problem(Severity.WARNING, UNNAMED["original"].format(name=os.path.basename(path)),
                    file=relpath(Path(path), base))
            for path in documents if os.path.dirname(path) in folders and path not in named]


def _skip_reason(entry: os.DirEntry[str], name: str) -> str:
    """"dir", "file" (a programme file), "" (not data, or site.yaml: load_site reports on it) or
    a key of SKIPPED."""
    if name == SITE_FILE:
        return ""
    if entry.name.startswith(LEFT_BY_TOOLS):
        return "hidden" if entry.name.lower().endswith(DATA_SUFFIXES) and not entry.is_dir() else ""
    if entry.is_symlink():
        try:
            target = os.stat(entry.path)
        except OSError:
            return "dangling"
        if stat.S_ISDIR(target.st_mode):
            return "link_dir"
        return "file" if entry.name.endswith(DATA_SUFFIXES) else "link"
    if entry.is_dir(follow_symlinks=False):
        return "dir"
    if not entry.is_file(follow_symlinks=False):
        return "special"
    if not entry.name.lower().endswith(DATA_SUFFIXES):
        return "form" if entry.name.lower().endswith(FORM_SUFFIXES) else ""
    return "file" if entry.name.endswith(DATA_SUFFIXES) else "case"


def programme_files(root: Path) -> list[Path]:
    """The programme files scan_tree finds (without the entries it leaves out)."""
    return scan_tree(root).files


HASHED_BYTES = max(YAML_BYTES, CSV_BYTES)
"""A file larger than the loader reads is refused by it; its digest is the refusal, not its bytes."""


def file_digest(path: Path | str, salt: bytes, tables: frozenset[str] | None = None) -> str:
    """sha256 of salt, a data file, its indicator CSV and the original documents it may name
    (a 评价报告's `original`): what cached findings are keyed by, so a replaced original is checked again.

    `tables`: the *.csv entries of the tree as scanned (TreeRead.tables); a CSV not among them is
    hashed as absent without trying to open it (most data files have none: at 10,000 files the
    failed opens and their errors were about a sixth of a rebuild's reading)."""
    return read_digest(path, salt, tables)[0]


def read_digest(path: Path | str, salt: bytes, tables: frozenset[str] | None = None) -> tuple[str, dict[str, str]]:
    """file_digest, and the SHA-256 of each original document as it hashed it (name → hex digest;
    none for a file it refused). The loader reads an original again to check it: changed between
    the two reads, the bytes checked (and published, with their SHA-256) are not those in the
    digest, and a page cached under it would be published again once the file is put back
    (perfsite.site.workers.checked_digest compares the two). An original is hashed as its
    SHA-256: one pass over its bytes gives both."""
    h = hashlib.sha256(salt)
    text = _feed(h, path)
    h.update(b"\0csv\0")
    name = str(path)
    beside = csv_name(name)
    if tables is not None and beside not in tables:
        h.update(ABSENT)
    else:
        _feed(h, beside)
    originals: dict[str, str] = {}
    for original in original_names(text):
        h.update(b"\0original\0" + original.encode())
        try:
            content = read_limited(Path(name).parent / original, MAX_ORIGINAL_BYTES)
        except FileRefused as exc:
            h.update(_refusal(exc.message))
            continue
        originals[original] = hashlib.sha256(content).hexdigest()
        h.update(originals[original].encode())
    return h.hexdigest(), originals


def _refusal(message: str) -> bytes:
    """What a digest holds in place of a file the loader refuses: the reason it will report."""
    return f"\0{message}\0".encode()


ABSENT = _refusal(os_message(FileNotFoundError(errno.ENOENT, "")))
"""What _feed hashes for a file that is not there, without trying to open it."""


_ORIGINAL_FILE = re.compile(r"""\bfile["']?[ \t]*:(.*)""")
"""A `file:` key (where a 评价报告's `original` names its file) and the rest of its line."""
_ORIGINAL_SUFFIXES = tuple(SUFFIXES)
"""What an original's name ends with (`reports.SUFFIXES`): a name ending otherwise has its data file parsed for it."""


def original_names(text: bytes) -> list[str]:
    """The names of original documents a data file may give (`file: x.pdf` after `original`), read
    from its bytes without parsing: a name found here that is none costs a hash, never a wrong result;
    a name missed would be. A name may hold spaces, commas and brackets (docs/data-format.md), so each
    `file:` value is read as YAML would on one line: quoted, the text between the quotes; plain, up
    to the first `,` `}` `]` (a flow mapping) and up to a comment (a block mapping), both tried. A
    value this cannot read (on later lines, escaped, an anchor or tag) has the file parsed (rare)."""
    if b"original" not in text:
        return []
    found: set[str] = set()
    for match in _ORIGINAL_FILE.finditer(text.decode("utf-8", "replace")):
        names = _line_names(match.group(1).strip())
        if names is None:
            return sorted(found | _parsed_original(text))
        found |= names
    return sorted(found)


def _line_names(value: str) -> set[str] | None:
    """The original names a one-line `file:` value may be (see original_names); None: parse the file."""
    if not value or value[0] in "|>&*!%@`":
        return None
    if value[0] in "\"'":
        end = value.find(value[0], 1)
        while value[0] == "'" and end > 0 and value[end + 1:end + 2] == "'":  # '' is a quote inside
            end = value.find("'", end + 2)
        inner = value[1:end].replace("''", "'") if value[0] == "'" else value[1:end]
        if end < 0 or (value[0] == '"' and "\\" in inner):
            return None
        names = {inner.strip()}
    else:
        names = {value.split(" #")[0].strip(), re.split(r"[,}\]]", value)[0].strip()}
    names = {name for name in names if name.lower().endswith(_ORIGINAL_SUFFIXES) and not any(c in name for c in "/\\")}
    return names or None


def _parsed_original(text: bytes) -> set[str]:
    """`original.file` as the loader reads it (the file parsed: a value original_names cannot read on its line)."""
    data = load_yaml_text(text.decode("utf-8", "replace")).data
    original = data.get("original") if isinstance(data, dict) else None
    name = original.get("file") if isinstance(original, dict) else None
    return {name.strip()} if isinstance(name, str) and name.strip() else set()


def _feed(h: Any, path: Path | str) -> bytes:
    """Hash a file's bytes only if it is a regular file reached without a link and within the
    size the loader reads (safefile.read_limited: a FIFO would block, a link to /dev/zero never
    end, a huge file be hashed for nothing). Anything else hashes as the reason, for the loader
    to report."""
    try:
        content = read_limited(path, HASHED_BYTES)
    except FileRefused as exc:
        h.update(_refusal(exc.message))
        return b""
    h.update(content)
    return content


@dataclass
class FileResult:
    """One programme file as a tree load reports it: what `check` and the cross-file checks need."""

    path: str
    digest: str
    """tree_digest of the file (with its CSV, site.yaml and the code): what caches are keyed by."""
    problems: list[Problem]
    facts: Facts | None


@dataclass(frozen=True)
class TreeRead:
    """The files a tree load has found, with what reading them needs (for its reader)."""

    root: Path
    site: SiteConfig
    base: Path
    paths: list[str]
    salt: bytes
    """What every file's digest starts from: the code, site.yaml and the data folder as seen from `base`."""
    tables: frozenset[str] | None = None
    """The tree's *.csv entries as the walk saw them (file_digest), None where not known."""


R = TypeVar("R", bound=FileResult)


@dataclass
class TreeLoad(Generic[R]):
    """A loaded tree: the Dataset (problems and facts, no programmes), each file's result in path
    order, and the cross-file problems (also in the Dataset's)."""

    dataset: Dataset
    results: list[R]
    cross: list[Problem]
    shown: list[Problem] = field(default_factory=list)
    """The cross-file problems a file's page lists with its own (CrossFound.shown)."""


def code_digest() -> bytes:
    """The core's own source: a result computed by other code (an upgrade, a fix) is not reused."""
    h = hashlib.sha256(__version__.encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        h.update(module.name.encode())
        h.update(module.read_bytes())
    return h.digest()


def load_tree(root: Path, base: Path | None, read: Callable[[TreeRead], Sequence[R]],
              compared: Compared | None = None) -> TreeLoad[R]:
    """The one tree loader of check, build and serve: site.yaml, the walk, then `read` gives one
    result per file (in the order of `paths`: serially, from a cache, or from worker processes),
    folded into a Dataset with the cross-file checks. The programmes are the reader's to keep.
    `compared`: the reader's own 提示 of each 自评 against its 绩效目标表 (cross_checks)."""
    base = base if base is not None else Path.cwd()
    site_path = root / SITE_FILE
    site, site_problems = load_site(site_path, relpath(site_path, base))
    data = Dataset(root, site, problems=list(site_problems.items))
    if not root.is_dir():
        data.problems.append(Problem(Severity.ERROR, "数据目录不存在", file=relpath(root, base)))
        return TreeLoad(data, [], [])
    # the data folder as messages reach it from `base`, not base's absolute path: a project moved
    # or checked out elsewhere keeps its cached findings (the file's own path is keyed relative too)
    salt = code_digest() + file_digest(site_path, (relpath(root, base) + "\0").encode()).encode()
    tree = scan_tree(root, base)
    data.problems.extend(tree.skipped)
    results = list(read(TreeRead(root, site, base, tree.paths, salt, tree.tables)))
    data.problems.extend(unnamed_originals(tree.documents, results, base))
    for result in results:
        data.files += 1
        data.problems.extend(result.problems)
        if result.facts is not None:
            data.facts.append(result.facts)
    found = cross_found(data.facts, compared, data.ok)
    cross = found.all()
    data.problems.extend(cross)
    return TreeLoad(data, results, cross, found.shown())


def load_dataset(root: Path, base: Path | None = None) -> Dataset:
    """Load, validate and score everything under `root` in this process, keeping the scored
    programmes (tests); never raises for bad data."""
    programmes: list[ScoredProgramme] = []
    departments: list[DepartmentDocument] = []
    targets: list[TargetTable] = []

    def read(job: TreeRead) -> list[FileResult]:
        results = []
        for path in job.paths:
            scored, facts, problems = load_document(Path(path), job.root, job.site, job.base)
            if isinstance(scored, ScoredProgramme):
                programmes.append(scored)
            elif isinstance(scored, DepartmentDocument):
                departments.append(scored)
            elif isinstance(scored, TargetTable):
                targets.append(scored)
            results.append(FileResult(path, "", problems, facts))
        return results

    loaded = load_tree(root, base, read)
    data = loaded.dataset
    by_file = {sp.programme.file: sp for sp in programmes}
    for problem in loaded.cross:
        if problem.file in by_file:  # a document of another kind has no page to show it on
            by_file[problem.file].problems.append(problem)
    data.programmes = sorted(programmes, key=lambda sp: (-sp.programme.year, sp.programme.id))
    data.departments = departments
    data.targets = sorted(targets, key=lambda t: (-t.year, t.id))
    return data


def load_one(path: Path, root: Path, site: SiteConfig, base: Path | None) -> tuple[ScoredProgramme | None, list[Problem]]:
    """Read, validate and score one file; the problems are the file's own (no cross-file checks).
    A document of another kind than 自评 gives no programme (see load_document)."""
    scored, _, problems = load_document(path, root, site, base)
    return (scored if isinstance(scored, ScoredProgramme) else None), problems


def load_document(path: Path, root: Path, site: SiteConfig,
                  base: Path | None) -> tuple[ScoredProgramme | Document | None, Facts | None, list[Problem]]:
    """Read and validate one file of any kind, and score it if it is a 自评; its facts for the
    cross-file checks; the problems are the file's own. A document of another kind (绩效目标表,
    评价报告, 整改) comes back as read (a 评价报告 scored its own table as it was read), a 部门整体
    document as read (a self-evaluation scored).

    The one place where the site leaves kinds out: a kind the site does not publish yet
    (kinds.KINDS) is checked, has its facts (one document of each kind per programme-year), and
    gives no document, with a warning saying so; the 自评 pages are built as without it."""
    if path.is_symlink():
        return None, None, [symlink_problem(path, base)]
    try:
        doc, problems = read_document(path, site, base)
        if doc is None:
            return None, None, problems.items
        if isinstance(doc, DepartmentDocument):
            _check_folder(doc.year, path, root, problems)
            facts = Facts(doc.file, doc.year, doc.department, doc.name, doc.department, doc.total, doc.grade,
                          str(doc.kind), lines=key_lines(problems), disclosed=disclosed(doc),
                          targets=_department_rows(doc, problems), sample=doc.sample, region=doc.region)
            return doc, facts, problems.items
        if not isinstance(doc, Programme):  # a document of another kind: checked, never scored
            _check_folder(doc.year, path, root, problems)
            if isinstance(doc, TargetTable):
                _corrected_figures(doc.disclosure, [i.name for i in doc.indicators], _table_cells(doc, problems),
                                   problems)
            kind = kind_of_document(doc)
            facts = Facts(doc.file, doc.year, doc.id, doc.name, doc.department, None, None, str(kind),
                          lines=key_lines(problems), disclosed=disclosed(doc), sample=doc.sample, region=doc.region,
                          **_links(doc))
            if not KINDS[kind].published:
                problems.warning(("kind",), f"{KINDS[kind].label}已检查；网站暂不为此类文件生成页面（同一项目的自评页面不受影响）")
                return None, facts, problems.items
            return doc, facts, problems.items
        scored = score_programme(doc, site, problems)
        _check_folder(doc.year, path, root, problems)
        _corrected_figures(doc.disclosure, [i.name for i in doc.indicators], _programme_cells(scored, problems), problems)
    except Exception as error:  # one file's failure is that file's error, never the whole run's
        return None, None, [Problem(Severity.ERROR, explain(error, "读取此文件"), file=relpath(path, base))]
    doc.lines = {}  # only problems need the line map, and they have their lines now: half the memory
    return scored, Facts.of(scored, key_lines(problems), restated_rows(doc, problems)), problems.items


TOTAL_WORDS = ("总分", "总得分", "综合得分", "自评得分", "评价得分")
"""What a 更正记录 calls the programme's total (「总分由 88.57 更正为 88.38」)."""
CELL_WORDS = (("得分", "score", "得分"), ("实际", "actual", "实际完成值"), ("完成值", "actual", "实际完成值"),
              ("指标值", "target", "指标值"), ("目标", "target", "目标值"))
"""The words that name an indicator's cell in a 更正记录 → its field and how a message names it;
「该项得分」 is the score of the indicator the clause before named."""


Cell = Callable[[int, str], tuple[str | None, int | None]]
"""A document's figure a 更正记录 names (row, or -1 for the total; field) → as the file publishes
it and its line, None where the document has no such figure."""


def _corrected_figures(disclosure: Disclosure, names: Sequence[str], cell_of: Cell, problems: Problems) -> None:
    """A 更正记录 saying 「X 由 A 更正为 B」 where the file's X is not B: the page prints the record
    beside the figure, so a reader sees two figures for one cell, and the downloads and JSON
    carry the one the record says was wrong. Each cell is held to the latest entry naming it;
    a cell whose words the record does not make plain (no indicator name, two rows of that
    name, no number after 更正为) is left alone. `names`: the indicators' names, in table order."""
    stated = corrected_to(disclosure)
    if not stated:
        return
    rows: dict[str, list[int]] = defaultdict(list)
    for index, name in enumerate(names):
        rows[name].append(index)
    longest = sorted((n for n in rows if n), key=len, reverse=True)
    latest: dict[tuple[int, str], tuple[CorrectedTo, str]] = {}
    named: int | None = None  # the row the clause before named: 「该项得分」 is its score
    for item in stated:
        name = next((n for n in longest if n in item.subject), None)
        if name is None and any(word in item.subject for word in TOTAL_WORDS):
            latest[(-1, "total")] = (item, "总分")
            continue
        if name is not None:
            named = rows[name][0] if len(rows[name]) == 1 else None
        elif not any(word in item.subject for word in ("该项", "该指标", "此项")):
            named = None
        rest = item.subject.replace(name, "") if name is not None else item.subject
        found = next(((field, label) for word, field, label in CELL_WORDS if word in rest), None)
        if named is not None and found is not None:
            latest[(named, found[0])] = (item, f"指标「{names[named]}」的{found[1]}")
    for (row, cell), (item, label) in latest.items():
        after = figures(item.after)
        current, line = cell_of(row, cell)
        if not after or current is None or set(after) <= set(figures(current)):
            continue
        where = f"第 {line} 行" if line else ""
        fix = f"请按更正后的「{item.after}」改正{where or label}" if line or row >= 0 else "请改正各项得分"
        problems.warning(("corrections", item.index, "what"),
                         f"更正记录第 {item.index + 1} 条说{label}由「{item.before}」更正为「{item.after}」，"
                         f"而本文件{where}的{label.rsplit('的', 1)[-1]}是「{current}」，网页、下载和 JSON 都按「{current}」公布："
                         f"如数据已更正，{fix}；如是更正记录写错了，请改正这条更正记录")


def _programme_cells(scored: ScoredProgramme, problems: Problems) -> Cell:
    """A 自评's figures: the total (published, else computed: no line) or an indicator's score
    (published, else computed), actual or target."""
    prog = scored.programme

    def cell_of(row: int, cell: str) -> tuple[str | None, int | None]:
        if row < 0:
            if prog.reported_score is not None:
                return str(prog.reported_score), problems.line_of(("reported", "score"))
            return (None if scored.total is None else str(scored.total)), None
        indicator = prog.indicators[row]
        line = problems.line_of((*indicator.path, cell)) or indicator.line
        if cell == "score":
            score = indicator.score if indicator.score is not None else scored.indicators[row].score
            return (None if score is None else str(score)), line if indicator.score is not None else indicator.line
        return (indicator.actual if cell == "actual" else indicator.target), line
    return cell_of


def _table_cells(table: TargetTable, problems: Problems) -> Cell:
    """A 绩效目标表's figures: an indicator's 指标值 (no total, no actual, no score)."""
    def cell_of(row: int, cell: str) -> tuple[str | None, int | None]:
        if row < 0 or cell != "target":
            return None, None
        indicator = table.indicators[row]
        return indicator.target, problems.line_of((*indicator.path, "target")) or indicator.line
    return cell_of


def _department_rows(doc: DepartmentDocument, problems: Problems) -> TargetRows | None:
    """A 部门整体 document's rows as its department-year's comparison reads them (targets_check)."""
    if doc.targets is not None:
        return planned_rows(doc.targets)
    return restated_rows(doc.evaluation.programme, problems) if doc.evaluation is not None else None


def _links(doc: Document) -> dict[str, Any]:
    """What the cross-file checks need of a 评价报告 or 整改 beyond its place."""
    if isinstance(doc, EvaluationReport):
        return {"findings": len(doc.findings), "original": doc.original.sha256 if doc.original else ""}
    if isinstance(doc, Rectification):
        return {"items": item_refs(doc), "indicator_refs": indicator_refs(doc)}
    if isinstance(doc, TargetTable):  # its renames go to its series' years (_renames_nowhere)
        return {"targets": planned_rows(doc), "series": doc.series, "renamed": renamed_names(doc.renamed)}
    return {}


def _check_folder(year: int, path: Path, root: Path, problems: Problems) -> None:
    folder = path.relative_to(root).parts[0]
    if year and folder.isdigit() and int(folder) != year:
        problems.warning(("year",), f"文件在 {folder} 年的目录下，但 year 写的是 {year}（网站按 year 发布）："
                         f"年度写错了请改正 year，文件放错了请移到 {year} 年的目录")


def symlink_problem(path: Path, base: Path | None) -> Problem:
    """Data files are read only from the commit itself: a link could publish any file of the build machine."""
    return Problem(Severity.ERROR, "数据文件不能是符号链接（可能指向数据目录之外）：请提交文件本身", file=relpath(path, base))


Compared = Callable[[], Mapping[str, list[Problem]]]
"""A reader's 提示 of each 自评 against its programme-year's 绩效目标表 (targets_check.target_hints),
by the 自评's file: the build's workers compare the two files they hold (for the pages' marks)
and send these with the counts, so the facts they send carry no rows (Facts.compared_apart)."""


@dataclass(frozen=True)
class CrossFound:
    """The cross-file problems in the order check prints them: the files' relations, the 自评s'
    提示 against their 绩效目标表, the duplicates."""

    related: list[Problem]
    lowered: list[Problem]
    duplicates: list[Problem]

    def all(self) -> list[Problem]:
        return self.related + self.lowered + self.duplicates

    def shown(self) -> list[Problem]:
        """What a page lists among its 数据核验 with the file's own problems: all but the 提示 of
        lowered targets, which a 自评 page shows in its comparison with the 绩效目标表 (and its
        list row marks), made by the worker rendering it."""
        return self.related + self.duplicates


def on_page(problem: Problem, folder: str) -> Problem:
    """A cross-file problem as the page of its file lists it: the files it names by their place
    in the data folder (`folder`, as problems name it: relpath(root, base)), as the pages' own
    downloads are. A data folder outside the project is named by its absolute path, which a
    public page must not show, and which would make a page's bytes depend on where it was built."""
    prefix = folder.rstrip(os.sep) + os.sep
    return replace(problem, message=problem.message.replace(prefix, ""), file=problem.file.removeprefix(prefix))


def cross_checks(facts: list[Facts], compared: Compared | None = None, clean: bool = True) -> list[Problem]:
    """Every cross-file problem (cross_found), in order."""
    return cross_found(facts, compared, clean).all()


def cross_found(facts: list[Facts], compared: Compared | None = None, clean: bool = True) -> CrossFound:
    """Two files of one kind may not share an address (also ignoring case) or be the same
    programme twice; documents of different kinds of one programme-year share its id.

    The 自评s' 提示 against their 绩效目标表 come from `compared` when given, asked only when no
    error is found (`clean`: none among the files' own problems), as a build compares only a
    tree it will publish; else each pair's Facts.targets are compared here (check)."""
    by_url: dict[tuple[int, str, str], list[Facts]] = defaultdict(list)
    by_facts: dict[tuple[str, str, int, str], list[Facts]] = defaultdict(list)
    by_file = sorted(facts, key=lambda f: f.file)
    for f in by_file:
        by_url[(f.year, f.id.lower(), f.kind)].append(f)
        by_facts[(f.name_key, f.department_key, f.year, f.kind)].append(f)
    found = (_attachments(by_url) + _departments_without_programmes(facts) + _spellings(by_file)
             + _shared_numbers(facts)
             + _joined_by_id(by_url) + unjoined(by_url) + _series_problems(facts) + _renames_nowhere(facts))
    duplicates: list[Problem] = []
    # a group of one (nearly every group) has no duplicate: passed over before anything else is
    # asked of it: 40,000 groups at 10,000 programmes with 目标表, 0.030 → 0.016 CPU s
    for (year, ident, kind), group in by_url.items():
        if len(group) == 1 or kind in DEPARTMENT_KINDS:  # named by department, not id: the same-document check below says it
            continue
        duplicates += [Problem(Severity.ERROR, f"{year} 年的 id「{ident}」与 {group[0].file} 重复：每个项目在同一年需要不同的 id"
                          + _of_kind(kind), file=f.file, line=f.line("id"), key="id") for f in group[1:]]
    for (_, _, year, kind), group in by_facts.items():
        if len(group) == 1:
            continue
        first = group[0]
        if kind in DEPARTMENT_KINDS:
            duplicates += [Problem(Severity.ERROR, f"与 {first.file} 是同一部门同一年度的{KINDS[DocumentKind(kind)].label}"
                                   f"（{year} 年，{first.department}；部门名称按字形比较）：每个部门每年只能有一个",
                                   file=f.file, line=f.line("department"), key="department") for f in group[1:]]
            continue
        duplicates += [Problem(Severity.ERROR, f"与 {first.file} 是同一项目（{year} 年「{first.name}」，{first.department}；"
                               "名称按字形比较，全角半角、空格和不可见字符不计）：同一项目同一年只能有一个文件" + _of_kind(kind),
                               file=f.file, line=f.line("name"), key="name") for f in group[1:]]
    hints = None
    if compared is not None:
        ready = clean and not any(p.severity is Severity.ERROR for p in found + duplicates)
        hints = compared() if ready else {}
    return CrossFound(found, _lowered_targets(by_url, hints), duplicates)


def _attachments(by_url: dict[tuple[int, str, str], list[Facts]]) -> list[Problem]:
    """Each 整改 against the documents of its programme-year; one original is one report's."""
    found = []
    for (year, ident, kind), group in by_url.items():
        if kind != DocumentKind.RECTIFICATION:
            continue
        reports = by_url.get((year, ident, str(DocumentKind.EVALUATION_REPORT)), [])
        selves = by_url.get((year, ident, str(DEFAULT_KIND)), [])
        for f in group:
            found += attachment_problems(f.file, year, ident, f.items, reports[0].findings if reports else None,
                                         reports[0].file if reports else "", bool(selves), f.indicator_refs,
                                         selves[0].indicator_names if selves else None, selves[0].file if selves else "")
    by_original: dict[str, list[Facts]] = defaultdict(list)
    for group in by_url.values():
        for f in group:
            if f.original:
                by_original[f.original].append(f)
    for same in by_original.values():
        found += [Problem(Severity.WARNING, f"报告原件与 {same[0].file} 的原件内容完全相同：每份评价报告应附它自己的原件，"
                          "多半是复制文件时放错了：请把本报告的原件放进数据目录，并把 original.file 改为它的文件名",
                          file=f.file, line=f.line("original.file"), key="original.file")
                  for f in same[1:]]
    return found


def _joined_by_id(by_url: dict[tuple[int, str, str], list[Facts]]) -> list[Problem]:
    """A 绩效目标表, 评价报告 or 整改 joins its programme-year's 自评 by `id` alone: one naming another
    programme or department would be published as this one's (its targets compared with this 自评,
    its report under this programme's page). Names and departments are compared as the duplicate
    check compares them (identity_text); a programme renamed within a year is rare, so a 警告, not
    an error: every file valid before stays valid."""
    found = []
    for (year, ident, kind), group in by_url.items():
        if kind == DEFAULT_KIND or kind in DEPARTMENT_KINDS:
            continue
        selves = by_url.get((year, ident, str(DEFAULT_KIND)))
        if not selves:
            continue
        own = selves[0]
        for f in group:
            if f.name_key == own.name_key and f.department_key == own.department_key:
                continue  # nearly every file: nothing more to build
            for key, label, mine, theirs, text in (("name", "项目名称", f.name_key, own.name_key, (f.name, own.name)),
                                                   ("department", "主管部门", f.department_key, own.department_key,
                                                    (f.department, own.department))):
                if mine != theirs:
                    found.append(Problem(Severity.WARNING, f"{label}「{text[0]}」与同一 id 的自评表 {own.file} 的「{text[1]}」不同："
                                         f"网站按 id「{ident}」把此{KINDS[DocumentKind(kind)].label}作为该项目 {year} 年的文件发布，"
                                         "多半是 id 写错了", file=f.file, line=f.line(key), key=key))
    return found


def _series_problems(facts: list[Facts]) -> list[Problem]:
    """A series is one programme across years: two 自评s of one series and year would be one column
    of its years page (one replaced in silence), an error; two adjacent years whose name and
    department both differ are most likely two programmes joined by a mistyped `series`, a 警告 (a
    programme may be renamed, or move to another department, in a year, seldom both), 示例数据 as
    any other (`perfsite demo`'s series are one programme each). A year of 示例数据 beside real ones
    is a 警告 too: its score is drawn on the real years' pages."""
    found = []
    by_series: dict[str, list[Facts]] = defaultdict(list)
    for f in sorted((f for f in facts if f.series and f.kind == DEFAULT_KIND), key=lambda f: (f.year, f.file)):
        by_series[f.series].append(f)
    tables = _series_tables(facts)
    for series, group in by_series.items():
        previous: Facts | None = None
        for f in group:
            if previous is not None and previous.year == f.year:
                found.append(Problem(Severity.ERROR, f"series「{series}」在 {f.year} 年已有 {previous.file}（「{previous.name}」）："
                                     "一个系列每年只能有一个项目：两个文件中有一个的 series 写错了，请改正它（不是同一项目的，删去 series）",
                                     file=f.file, line=f.line("series"), key="series"))
                continue
            if previous is not None and previous.name_key != f.name_key and previous.department_key != f.department_key:
                found.append(Problem(Severity.WARNING, f"series「{series}」把「{f.name}」（{f.department}）与 {previous.year} 年的"
                                     f"「{previous.name}」（{previous.department}，{previous.file}）作为同一项目的各年度：名称和主管部门都不同，"
                                     "多半是 series 写错了", file=f.file, line=f.line("series"), key="series"))
            if previous is not None and previous.sample != f.sample:
                fake, real = (f, previous) if f.sample else (previous, f)
                found.append(Problem(Severity.WARNING, f"series「{series}」中本文件是示例数据（sample: true），而 {real.year} 年的 {real.file} "
                                     "不是：示例年度的得分会列在正式项目页的“历年情况”中（标“示例”）；正式公开前请删去示例文件，"
                                     "或删去它的 series", file=fake.file, line=fake.line("series"), key="series"))
            previous = f
        found += _renamed_elsewhere(series, group, tables.get(series, ()))
    return found


def _series_tables(facts: list[Facts]) -> dict[str, list[Facts]]:
    """The 绩效目标表s whose renames a series' 各年度指标对照 follows (Loaded.series_map), by
    series: a table joined to a 自评 goes with that 自评's series, one of a year with no 自评
    with its own `series`."""
    joined = {(f.year, f.id.lower()): f.series for f in facts if f.kind == DEFAULT_KIND}
    tables: dict[str, list[Facts]] = defaultdict(list)
    for f in facts:
        if f.kind == DocumentKind.TARGETS and f.renamed and (series := joined.get((f.year, f.id.lower())) or f.series):
            tables[series].append(f)
    return tables


def _renames_nowhere(facts: list[Facts]) -> list[Problem]:
    """A 绩效目标表's `renamed` where its programme-year has no 自评 and the table no `series`:
    the 各年度指标对照 follows the renames of a series' tables (a 2023 table between the 自评s of
    2022 and 2024), and this one belongs to none, so its renames go nowhere and the renamed
    indicator shows as 不再列入 beside 新列入. A 提示 naming the series the programme's 自评s of
    other years give under the same id, when they give one."""
    evaluated = {(f.year, f.id.lower()) for f in facts if f.kind == DEFAULT_KIND}
    series_of: dict[str, set[str]] = defaultdict(set)
    for f in facts:
        if f.kind == DEFAULT_KIND and f.series:
            series_of[f.id.lower()].add(f.series)
    found = []
    for f in facts:
        if f.kind != DocumentKind.TARGETS or not f.renamed or f.series or (f.year, f.id.lower()) in evaluated:
            continue
        known = sorted(series_of.get(f.id.lower(), ()))
        hint = f"（其他年度同一 id 的自评表写的是 series: {known[0]}）" if len(known) == 1 else ""
        found.append(Problem(Severity.WARNING, f"本表写了指标改名（「{f.renamed[0][0]}」→「{f.renamed[0][1]}」），但 {f.year} 年没有"
                             f"同一 id「{f.id}」的自评表，本表也没有写 series：改名不会用于该项目任何年度的各年度指标对照，"
                             f"改了名的指标在那里显示为一项“不再列入”和一项“新列入”。请写上该项目的 series{hint}",
                             file=f.file, line=f.renamed[0][2], key="renamed"))
    return found


def _renamed_elsewhere(series: str, group: list[Facts], tables: Sequence[Facts] = ()) -> list[Problem]:
    """A rename in one year's 自评 (甲 → 乙) applies to every year of its series, and so does one
    in a 绩效目标表 of the series (`tables`: _series_tables): a year that lists
    both 甲 and 乙 has them made one indicator, and the 各年度指标对照 listed that year's 乙 as
    「不再列入」 while later years list it. Compared by 三级 name (Facts.indicator_names); a 警告,
    so that every file valid without it stays valid."""
    found = []
    for f in (*group, *tables):
        for old, new, line in f.renamed:
            for other in group:
                if other is not f and has_name(other.indicator_names, old) and has_name(other.indicator_names, new):
                    found.append(Problem(Severity.WARNING, f"改名「{old}」→「{new}」用于 series「{series}」的每个年度，但 "
                                         f"{other.year} 年的 {other.file} 同时列有「{old}」和「{new}」：两项会被当作同一个指标，"
                                         f"各年度指标对照把它们混在一起。请核对这条改名（「{new}」另有所指的，请删去这条改名）",
                                         file=f.file, line=line, key="renamed"))
                    break
    return found


def _lowered_targets(by_url: dict[tuple[int, str, str], list[Facts]],
                     hints: Mapping[str, list[Problem]] | None = None) -> list[Problem]:
    """Each programme-year's 自评 against its 绩效目标表, and each department-year's 部门整体自评
    against its 部门整体绩效目标表 (targets_check): the first of each, as the site pairs them (a
    second is a duplicate, an error of its own). `hints`: the 自评s' as their reader compared
    them (cross_checks), in the order compared here."""
    found = []
    parses = Parses()
    departments: dict[tuple[int, str, str], list[Facts]] = defaultdict(list)
    for (year, _, kind), group in by_url.items():
        if kind in DEPARTMENT_KINDS:  # a department-year is its name as identity_text compares it, as its page
            for f in group:
                departments[(year, identity_text(f.department), kind)].append(f)
    for pairs, evaluated, planned in ((by_url, str(DEFAULT_KIND), str(DocumentKind.TARGETS)),
                                      (departments, str(DocumentKind.DEPARTMENT_SELF_EVALUATION),
                                       str(DocumentKind.DEPARTMENT_TARGETS))):
        for (year, ident, kind), group in pairs.items():
            tables = pairs.get((year, ident, planned)) if kind == evaluated else None
            if tables and hints is not None and pairs is by_url:
                found += hints.get(group[0].file, [])
            elif tables and group[0].targets is not None and tables[0].targets is not None:
                found += target_hints(group[0].file, group[0].targets, tables[0].file, tables[0].targets, parses)
    return found


SHARED_NUMBERS = (("index_no", "索引号", "公开目录中的同一条信息"), ("doc_no", "文号", "同一份公文"))
"""The numbers that name one published item (Facts.disclosed: their places, then 发布日期 and 发布机构)."""


def _shared_numbers(facts: list[Facts]) -> list[Problem]:
    """Documents giving one 索引号 are one entry of the disclosure catalogue, and one 文号 one
    official document: a department often publishes all its programmes' 目标表 (or 自评表) as one
    entry under one notice, so sharing is no error, but one item has one 发布日期 and one 发布机构.
    Two that differ put a false one on some page (said at the later file, by path)."""
    found = []
    ordered = sorted(facts, key=lambda f: f.file)
    for place, (key, label, what) in enumerate(SHARED_NUMBERS):
        dated: dict[str, Facts] = {}
        issued: dict[str, Facts] = {}
        for f in ordered:
            number, published, issuer = f.disclosed[place], f.disclosed[2], f.disclosed[3]
            if not number:
                continue
            same = identity_text(number)
            differs = []
            if published and (was := dated.setdefault(same, f)).disclosed[2] != published:
                differs.append(f"与 {was.file} 的发布日期不同（{was.disclosed[2]}、{published}）")
            if issuer and identity_text((was := issued.setdefault(same, f)).disclosed[3]) != identity_text(issuer):
                differs.append(f"与 {was.file} 的发布机构不同（{was.disclosed[3]}、{issuer}）")
            if differs:
                found.append(Problem(Severity.ERROR, f"{label}「{number}」{'，'.join(differs)}：同一{label}是{what}，"
                                     f"只有一个发布日期和发布机构：{label}写错的，请改正{label}；确是同一{label}的，"
                                     "请把 published、issuer 改为与之相同", file=f.file, line=f.line(key), key=key))
    return found


def _departments_without_programmes(facts: list[Facts]) -> list[Problem]:
    """A 部门整体 document whose department has no 自评 nor 绩效目标表 that year: its page would list
    no programme, most often because `department` is written differently from the programmes'
    主管部门. A department-year with 绩效目标表s alone (budget time) has them listed on its page."""
    with_programmes: dict[tuple[int, str], str] = {}
    for f in facts:
        if f.kind in (DEFAULT_KIND, DocumentKind.TARGETS):
            with_programmes.setdefault((f.year, f.department_key), f.department)
    return [Problem(Severity.WARNING, f"{f.year} 年没有主管部门为「{f.department}」的项目自评表或绩效目标表：部门页上不会列出本部门的项目。"
                    f"请把 department 改为本部门项目自评表的 department 的写法{_alike(f, with_programmes)}",
                    file=f.file, line=f.line("department"), key="department")
            for f in facts if f.kind in DEPARTMENT_KINDS and (f.year, f.department_key) not in with_programmes]


SPELLED = (("department", "主管部门", "部门"), ("region", "地区", "地区"))
"""The names the site lists programmes by, as written (key, what check calls it, the thing listed):
its listings, department pages, 项目查询 facets and /data/ tables each make one entry per spelling."""

LEVELS = frozenset("省市县区州盟旗")
"""The last character of a 行政区划's name: where 「太原市」 ends and 「小店区」 begins."""
_MARKS = re.compile(r"[()\[\]【】〔〕「」『』]")
_BASE_LEVEL = re.compile(r"([省市县区州盟旗])\1本级")
"""「太原市市本级」: the level said twice before 本级, one way of writing 「太原市本级」."""


def _spellings(by_file: list[Facts]) -> list[Problem]:
    """A department or region written two ways that mean one: the site lists it by its name as
    written, so 「示例县教育局」 and 「示例县 教育局」, or 「太原市小店区」 and 「小店区」, are two
    departments (each with a page) or two regions (two entries of 项目查询's 地区 and the
    listings), each with a share of the programmes. Told in each file that wrote the other spelling:

    - names that compare as one (identity_text: spaces, full- and half-width, invisible
      characters, as the duplicate check compares them), or once their brackets are dropped and
      「市市本级」 is read as 「市本级」: the file wrote it otherwise than the first file (by path:
      `by_file` is in path order) that wrote it;
    - a short form, the end of a fuller name from a 行政区划's boundary on (「小店区」 of
      「太原市小店区」, 「市本级」 of 「太原市本级」, 「教育局」 of 「示例县教育局」): the file
      with the short form.

    A 警告, so that every file valid without it stays valid. The files are walked once, grouped by
    spelling; the rest works on the distinct spellings (a few hundred), a short form found by
    looking each spelling's ends up in a dict: 0.031 CPU s at 100,000 files for both names, where
    the department check alone took 0.026 s."""
    departments: dict[str, list[Facts]] = {}  # by spelling, in the path order of each one's first file
    regions: dict[str, list[Facts]] = {}
    for f in by_file:
        for files, text in ((departments, f.department), (regions, f.region)):
            same = files.get(text)
            if same is None:
                files[text] = [f]
            else:
                same.append(f)
    found = []
    for (key, label, noun), files in zip(SPELLED, (departments, regions), strict=True):
        spelled, keyed = attrgetter(key), attrgetter(f"{key}_key")
        first: dict[str, Facts] = {}
        for text, same in files.items():
            if stated(text):
                first.setdefault(keyed(same[0]), same[0])
        bares = {ident: _bare(ident) for ident in first}
        by_bare: dict[str, Facts] = {}
        for ident, f in first.items():
            by_bare.setdefault(bares[ident], f)
        fuller = _fuller(by_bare)
        told = []
        for text, same in files.items():
            if not stated(text):
                continue
            ident = keyed(same[0])
            seen = by_bare[bares[ident]]
            said = spelled(seen)
            if said != text:
                how = "只差空格、全角半角或看不见的字符" if keyed(seen) == ident else "只差括号或「本级」前重复的字"
                message = (f"{label}「{text}」与 {seen.file} 的「{said}」{how}：网站按写法列{noun}，"
                           f"会把它们当作两个{noun}，{_split(key)}：请统一写成「{said}」")
            elif bares[ident] in fuller:
                longer = fuller[bares[ident]]
                names = "或".join(f"{g.file} 的「{spelled(g)}」" for g in longer[:3])
                meant = f"「{spelled(longer[0])}」" if len(longer) == 1 else "全称（写明所属的市、县）"
                message = (f"{label}「{text}」像是 {names}的简称：网站按写法列{noun}，"
                           f"会把它们当作两个{noun}，{_split(key)}：是同一{noun}的，请统一写成{meant}")
            else:
                continue
            told += [Problem(Severity.WARNING, message, file=f.file, line=f.line(key), key=key) for f in same]
        found += sorted(told, key=lambda p: p.file)
    return found


def _split(key: str) -> str:
    return "各有部门页，项目分在两处" if key == "department" else "项目分在地区列表和项目查询的两个地区下"


def _bare(key: str) -> str:
    """A name's identity key as the short forms are sought: without brackets, 「市市本级」 as 「市本级」."""
    return _BASE_LEVEL.sub(r"\1本级", _MARKS.sub("", key))


def _fuller(spellings: Mapping[str, Facts]) -> dict[str, list[Facts]]:
    """Each spelling that is the end of longer ones from a 行政区划's boundary on (the character
    before it, or its own first, ends a 行政区划's name) → the first file of each longer one."""
    shorter: dict[str, list[Facts]] = defaultdict(list)
    for bare, f in spellings.items():
        for start in range(1, len(bare)):
            end = bare[start:]
            if end in spellings and (bare[start - 1] in LEVELS or end[0] in LEVELS):
                shorter[end].append(f)
    return shorter


def _alike(document: Facts, departments: Mapping[tuple[int, str], str]) -> str:
    """「（该年有「X」的项目）」: the 主管部门 of that year's 自评s one of whose names holds the other
    (教育局 and 某县教育局), the likeliest meant; "" when none does."""
    own = document.department_key
    near = sorted(name for (year, key), name in departments.items()
                  if year == document.year and own and key and (own in key or key in own))
    return f"（{document.year} 年有主管部门为{'、'.join(f'「{n}」' for n in near[:3])}的项目）" if near else ""


def _of_kind(kind: str) -> str:
    """「（每种文件各一个：此处是绩效目标表）」 for a kind other than 自评; the 自评 message stays as it was."""
    return "" if kind == DEFAULT_KIND else f"（每种文件各一个，此处是{KINDS[DocumentKind(kind)].label}）"
