"""Read one programme file (YAML, and the indicator CSV beside it) into the model.

Every problem is collected with its file, line and key; reading goes on after a problem so
that a clerk sees everything wrong with a file in one run.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from decimal import Decimal
from pathlib import Path

from perfsite.budget import read_budget
from perfsite.dates import iso_date
from perfsite.decimals import Written, parse_decimal
from perfsite.disclosure import read_disclosure
from perfsite.indicator_csv import read_indicator_csv
from perfsite.indicator_paths import check_renames_name_rows, read_renames
from perfsite.kinds import KINDS, DocumentKind, kind_of
from perfsite.model import DocumentHead, Indicator, Programme
from perfsite.problems import Problems, relpath
from perfsite.rules import read_rule, weight_places_warning
from perfsite.schema import (
    EVALUATIONS,
    INDICATOR_KEYS,
    INDICATORS_NOT_LIST,
    LONG_TEXT,
    PROGRAMME_KEYS,
    REPORTED_KEYS,
    REQUIRED_KEYS,
    SECTION_TEXT,
    SHORT_TEXT,
    applicable_word,
    check_keys,
    mapping_rows,
    not_an_indicator,
    number_field,
    read_flag,
    shown,
    text_field,
    too_long,
    type_name,
)
from perfsite.siteconfig import SiteConfig
from perfsite.values import UNSTATED, cell_text
from perfsite.yamlload import EMPTY, Loaded, load_yaml_file

SLUG = re.compile(r"[a-z0-9-]+")
"""The contract's id and series pattern; `..` and `/` cannot pass it, so an id never escapes its folder."""
_SUBTOTAL = re.compile(r"^(?P<label>.*?)\s*[（(]\s*(?P<n>\d+(?:\.\d+)?)\s*分\s*[)）]\s*$")
_BARE_POINTS = re.compile(r"^(?P<label>.*[\u4e00-\u9fff)）])\s*(?P<n>\d+(?:\.\d+)?)\s*分\s*$")
"""「数量指标15分」「产出指标 50分」 (广水's levels): a number and 分 after a word. A sign before the
number (「≥90分」) makes it a target, and a number without 分 (「指标1」, 「5G建设」) stays in the name."""
_POINTS_WITHOUT_FEN = re.compile(r"^(?P<label>.*(?:指标|决策|过程|产出|效益|满意度|管理|绩效))\s*[（(]\s*(?P<n>\d+(?:\.\d+)?)\s*[)）]\s*$")
"""「效益指标（30）」, 「决策(10)」 (铜陵郊区's rubric): a bracketed number after a level's own word. After
any other word a bracketed number may be a count or a numbering, and is left in the name."""
_POINTS_END = ("分", ")", "）")
_MOST_POINTS = Decimal(100)
"""A level cannot hold more than the form's 100: 「产出指标（2021）」 names a year, not points."""


def csv_beside(path: Path) -> Path:
    """``x.yaml`` → ``x.indicators.csv``."""
    return Path(csv_name(str(path)))


def csv_name(path: str) -> str:
    """csv_beside on a path as text (the tree digest takes one per data file: no Path made)."""
    return path.removesuffix(".yaml").removesuffix(".yml") + ".indicators.csv"


def split_subtotal(label: str) -> tuple[str, Decimal | None]:
    """``决策（16分）`` → (决策, 16): the published subtotal, checked and dropped from the label.

    Also written without brackets (``数量指标15分``) or without 分 after a level's word (``效益指标（30）``,
    at most 100): the spellings that cannot be part of a name. Most labels hold none of 分 ) ） and
    return at the first test: about 2,000 instructions a plain label (callgrind, 14,000 labels), 280 more
    than when only 分 was looked for; a bracketed 「决策（16分）」 takes about 10,600 (9,300)."""
    if "分" not in label and ")" not in label and "）" not in label:  # most labels: three scans, no copy
        return label.strip(), None
    stripped = label.strip()
    if not stripped.endswith(_POINTS_END):
        return stripped, None
    match = _SUBTOTAL.match(stripped) if "分" in stripped else None
    if match:
        return match["label"].strip(), Decimal(match["n"])
    match = (_BARE_POINTS if stripped.endswith("分") else _POINTS_WITHOUT_FEN).match(stripped)
    if not match or Decimal(match["n"]) > _MOST_POINTS:
        return stripped, None
    return match["label"].strip(), Decimal(match["n"])


def read_programme(path: Path, site: SiteConfig, base: Path | None = None) -> tuple[Programme | None, Problems]:
    """Read and validate one programme file; None when it cannot be read at all."""
    file = relpath(path, base)
    return programme_of(load_yaml_file(path, file), path, file, site, base)


def programme_of(loaded: Loaded, path: Path, file: str, site: SiteConfig, base: Path | None = None,
                 beside: bool = True) -> tuple[Programme | None, Problems]:
    """Validate a loaded document as the file at `path` (shown as `file`). `beside=False` reads no
    indicator CSV beside it: the import checks a text before writing it, without a scratch file."""
    problems = Problems(file, loaded.lines)
    problems.items.extend(loaded.problems)
    data = loaded.data
    if data is None:
        if not loaded.problems:
            problems.error((), EMPTY)
        return None, problems
    if not isinstance(data, dict):
        problems.error((), f"文件的顶层必须是键值映射（name: …），而不是{type_name(data)}")
        return None, problems
    kind = kind_of(data, problems)
    if kind is not DocumentKind.SELF_EVALUATION:  # a kind not read yet (or misspelt): kind_of said so
        if kind is not None:
            problems.error(("kind",), f"此文件是{KINDS[kind].label}（kind: {kind}），不是自评表：此处只能读取自评表")
        return None, problems
    check_keys(data, PROGRAMME_KEYS, (), problems, REQUIRED_KEYS)
    prog = Programme(
        id="", year=read_year(data, problems), name=text_field(data, "name", (), problems),
        department=text_field(data, "department", (), problems), path=path, file=file,
        lines=loaded.lines,
    )
    prog.id = read_id(data, path, problems)
    read_head(prog, data, problems)
    prog.evaluator = text_field(data, "evaluator", (), problems)
    prog.evaluation = text_field(data, "evaluation", (), problems) or EVALUATIONS[0]
    if prog.evaluation not in EVALUATIONS:
        problems.error(("evaluation",), f"评价类型只能是 {'、'.join(EVALUATIONS)}，而不是「{prog.evaluation}」")
    prog.renamed = read_renames(data.get("renamed"), problems)
    prog.sections = _sections(data.get("sections"), problems)
    if data.get("budget") is not None:
        prog.budget = read_budget(data["budget"], ("budget",), problems)
    prog.groups = read_groups(data.get("groups"), problems)
    prog.reported_score, prog.reported_grade = read_reported(data.get("reported"), problems)
    prog.indicators = _indicators(data, path, prog, site, problems, base, beside)
    check_renames_name_rows(prog.renamed, ((i.level1, i.level2, i.name) for i in prog.indicators), problems)
    return prog, problems


def read_head(doc: DocumentHead, data: dict, problems: Problems) -> None:
    """The keys every programme document shares, after its identity (id, year, name, department):
    where, when and whether a sample; a department 未载明 is said, whatever the kind."""
    doc.region, doc.source = text_field(data, "region", (), problems), text_field(data, "source", (), problems)
    doc.series = read_series(data, problems)
    doc.published = read_published(data, problems)
    doc.disclosure = read_disclosure(data, doc.published, problems)
    doc.sample = read_flag(data, "sample", (), problems)
    if doc.department == UNSTATED:
        problems.warning(("department",), "主管部门未载明：原文没有写明部门全称")


def read_published(data: dict, problems: Problems) -> str:
    """The 公开日期 (发布日期) as an ISO date, "" when not given or not a date (an error then)."""
    written = text_field(data, "published", (), problems)
    if not written:
        return ""
    published = iso_date(written)
    if published is None:
        problems.error(("published",), f"published 应是日期，如 2022-03-01 或 2022年3月1日，而不是「{written}」")
    return published or ""


WINDOWS_RESERVED = frozenset(["con", "prn", "aux", "nul", *(f"{d}{n}" for d in ("com", "lpt") for n in range(10))])
"""Names Windows cannot give a folder: a site copied to a Windows server (IIS) loses that page."""


def _reserved(slug: str) -> str:
    """The sentence naming a Windows device name used as an address, or ''."""
    if slug in WINDOWS_RESERVED:
        return f"：「{slug}」是 Windows 的设备名，网站复制到 Windows 服务器时建不出这个文件夹，请换一个"
    return ""


def read_series(data: dict, problems: Problems) -> str:
    series = text_field(data, "series", (), problems)
    if series and (not SLUG.fullmatch(series) or len(series) > 80):
        problems.error(("series",), f"series 只能由小写字母、数字和连字符组成（最长 80 个字符），而不是「{shown(series)}」")
    elif series and _reserved(series):
        problems.error(("series",), f"series 不能用作网址{_reserved(series)}")
    return series


def read_year(data: dict, problems: Problems) -> int:
    raw = data.get("year")
    number = parse_decimal(raw) if not isinstance(raw, str) else None
    if raw is None:
        return 0
    if number is None or number != number.to_integral_value() or not 1990 <= number <= 2200:
        quoted = isinstance(raw, str) and parse_decimal(raw.strip()) is not None
        problems.error(("year",), f"year 应是四位数的年度（如 2021），而不是「{shown(raw)}」"
                       + ("：年度两边加了引号，就成了文字，请去掉引号（写成 year: 2021）" if quoted else ""))
        return 0
    return int(number)


def read_id(data: dict, path: Path, problems: Problems) -> str:
    raw = data.get("id")
    if raw is not None:
        slug = cell_text(raw)  # its digits (id: 0100 is /100/), so a page keeps its address
        if not SLUG.fullmatch(slug) or len(slug) > 80:
            problems.error(("id",), f"id 只能由小写字母、数字和连字符组成（最长 80 个字符），而不是「{shown(slug if isinstance(raw, str | Decimal | int) else raw)}」")
        elif _reserved(slug):
            problems.error(("id",), f"id 不能用作网址{_reserved(slug)}")
        return slug
    stem = path.name.removesuffix(".yaml").removesuffix(".yml")
    if not SLUG.fullmatch(stem) or len(stem) > 80 or _reserved(stem):
        problems.error((), f"文件名「{path.name}」不能直接作网址{_reserved(stem)}：请加一行 id（小写字母、数字和连字符，如 id: xiaoshenggui）")
    return stem


def _sections(raw: object, problems: Problems) -> list[tuple[str, str]]:
    if raw is None:
        return []
    if not isinstance(raw, dict):
        problems.error(("sections",), "sections 应是「标题: 正文」的映射")
        return []
    result = []
    for title, text in raw.items():
        if text is None:
            text = ""
        if not isinstance(text, str):
            problems.error(("sections", title), f"章节「{shown(title)}」的正文应是文字，而不是{type_name(text)}")
            continue
        if len(str(title)) > SHORT_TEXT:
            problems.error(("sections", title), f"章节标题太长（{len(str(title))} 个字符，上限 {SHORT_TEXT}）")
            continue
        if too_long(text, "sections", ("sections", title), problems):
            text = text[:SECTION_TEXT]
        result.append((str(title), text))
    return result


def read_groups(raw: object, problems: Problems) -> dict[str, Decimal]:
    """`groups`: the declared 一级 subtotals (a 自评's, or a 评价报告's scoring table)."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.error(("groups",), "groups 应是「一级指标: 分值」的映射，例如 {决策: 16, 过程: 20}")
        return {}
    groups = {}
    for key in raw:
        number = number_field(raw, key, ("groups",), problems, what="分值", allow_negative=False)
        if number is not None:
            groups[str(key)] = number
    return groups


def read_reported(raw: object, problems: Problems) -> tuple[Decimal | None, str]:
    """`reported`: the published total and grade, cross-checked by perfsite.scoring."""
    if raw is None:
        return None, ""
    if not isinstance(raw, dict):
        problems.error(("reported",), "reported 应是映射，例如 {score: 99.1, grade: 优秀}")
        return None, ""
    check_keys(raw, REPORTED_KEYS, ("reported",), problems)
    score = number_field(raw, "score", ("reported",), problems, what="总分")
    grade = text_field(raw, "grade", ("reported",), problems)
    if score is None and grade:
        problems.error(("reported",), "reported 只写了等级没有总分（score）：请同时写出公布的总分")
    return score, grade


_MISSING = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})


def _lstat(path: Path) -> os.stat_result | None:
    """One lstat for pathlib's is_symlink() and exists(): None where both would say False."""
    try:
        return os.lstat(path)
    except OSError as exc:
        if exc.errno in _MISSING:
            return None
        raise
    except ValueError:  # an embedded NUL, as pathlib treats it
        return None


def _indicators(data: dict, path: Path, prog: Programme, site: SiteConfig, problems: Problems,
                base: Path | None, beside: bool = True) -> list[Indicator]:
    csv_path = csv_beside(path)
    raw = data.get("indicators")
    found = _lstat(csv_path) if beside else None
    if found is not None and stat.S_ISLNK(found.st_mode):
        problems.error((), f"{csv_path.name} 不能是符号链接（可能指向数据目录之外）：请提交文件本身")
        return []
    if found is not None:  # not a link, so it exists
        csv_file = relpath(csv_path, base)
        if raw is not None:
            problems.error(("indicators",), f"指标表不能同时写在 YAML 和 {csv_path.name} 中：请删去其中之一")
            return []
        prog.csv_path = csv_path
        rows, lines, csv_problems = read_indicator_csv(csv_path, csv_file)
        problems.items.extend(csv_problems)
        sub = Problems(csv_file, {("csv", i): n for i, n in lines.items()}, problems.items)
        return [_indicator(row, ("csv", i), site, sub) for i, row in enumerate(rows) if isinstance(row, dict)]
    if raw is None:
        problems.error((), f"缺少绩效指标：请写 indicators，或在旁边放 {csv_path.name}")
        return []
    return read_indicator_rows(raw, site, problems)


def read_indicator_rows(raw: object, site: SiteConfig, problems: Problems) -> list[Indicator]:
    """The rows under `indicators` of a YAML document: a 自评's, or a 评价报告's scoring table."""
    return [_indicator(row, path, site, problems)
            for path, row in mapping_rows(raw, "indicators", problems, INDICATORS_NOT_LIST, not_an_indicator, False)]


def _indicator(row: dict, path: tuple[object, ...], site: SiteConfig, problems: Problems) -> Indicator:
    check_keys(row, INDICATOR_KEYS, path, problems, ("name",))
    read_applicable = applicable_word(row.get("applicable", True))
    if read_applicable is None:
        problems.error((*path, "applicable"), f"applicable 只能是 true/false 或 是/否，而不是「{shown(row['applicable'])}」")
    applicable_raw = read_applicable is not False
    weight = number_field(row, "weight", path, problems, what="数字（分值）", allow_negative=False)
    if row.get("weight") is None and applicable_raw:
        problems.error(path, "缺少权重（weight）")
    places = weight_places_warning(weight) if weight is not None else None
    if places:
        problems.warning((*path, "weight"), places)
    level1, declared1 = split_subtotal(text_field(row, "level1", path, problems))
    level2, declared2 = split_subtotal(text_field(row, "level2", path, problems))
    return Indicator(
        level1=level1, level2=level2, name=text_field(row, "name", path, problems),
        weight=weight, target=cell_field(row, "target", path, problems), actual=cell_field(row, "actual", path, problems),
        completion=cell_field(row, "completion", path, problems),
        score=number_field(row, "score", path, problems, what="数字（得分）", allow_negative=False),
        rule=read_rule(row.get("rule"), (*path, "rule"), problems, site),
        rule_text=text_field(row, "rule_text", path, problems),
        remark=text_field(row, "remark", path, problems), applicable=applicable_raw,
        level1_declared=declared1, level2_declared=declared2, line=problems.line_of(path), path=path,
        written=_written(row),
    )


WRITTEN_CELLS = ("target", "actual", "completion")
"""The cells scored from their value but published as written (model.Indicator.written)."""


def _written(row: dict) -> tuple[tuple[str, str], ...]:
    """The indicator's cells that YAML read as a number printing otherwise (``1e3``, ``0100``)."""
    get = row.get
    if type(get("actual")) is not Written and type(get("target")) is not Written \
            and type(get("completion")) is not Written:  # nearly every row: no generator made
        return ()
    return tuple((key, raw.text) for key in WRITTEN_CELLS if type(raw := get(key)) is Written)



def cell_field(row: dict, key: str, path: tuple[object, ...], problems: Problems) -> str:
    """A published cell; a mapping or list here is an unquoted `{…}` or `[…]` value."""
    raw = row.get(key)
    if type(raw) is str:  # the usual case, as cell_text would give it
        text = raw.strip()
        if text[:1] == "#" and not text.strip("#"):
            # What Excel shows (and a PDF of its print keeps) where a figure is wider than its
            # column: no figure at all, so publishing it would put 「###」 on a page as a result.
            problems.error((*path, key), f"「{text}」是 Excel 列太窄时显示的符号，不是原表的数字：请照原件填写这一格")
            return ""
        return text[:LONG_TEXT] if len(text) > LONG_TEXT and too_long(text, key, path, problems) else text
    if isinstance(raw, dict | list):
        problems.error((*path, key), f"{key} 的值以 {{ 或 [ 开头，被 YAML 当作了{type_name(raw)}：请给整个值加引号，例如 \"{{≥10个}}\"")
        return ""
    if isinstance(raw, bool):  # true/false: the cell is published as written, not as 是/否
        return "true" if raw else "false"
    return cell_text(raw)
