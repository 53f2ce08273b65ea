"""Readable programme ids (file names and web addresses) from Chinese names, and their uniqueness.

小升规企业奖励资金 → ``xiaoshenggui-qiye-jiangli-zijin``. Rules, in order:

* NFKC first, so full-width ``ＡＢＣ１２３`` is ``abc123``; ASCII letters and digits are kept
  (lower-cased), every other non-Han character is a word boundary (quotes, brackets, 、).
* A leading year (``2021年度``) and a trailing ``项目`` are dropped: the year is already in the
  address (/projects/2021/…) and nearly every name ends in 项目, so both only lengthen the id.
* Word boundaries: forward maximum matching over pypinyin's phrase dictionary (47,111 phrases,
  kept mostly for polyphones such as 重庆 chongqing, 银行 yinhang) plus `BUDGET_WORDS`, the
  common words of programme names, which the phrase dictionary lacks (企业, 资金, 补助 …).
  Consecutive characters that form no known word stay one word (小升规 → xiaoshenggui) when
  short or when they end in a place suffix (吉县, 呼和浩特市), else are read two by two.
* Pronunciation comes from pypinyin with its phrases (offline, pinned version: the same name
  gives the same id on every machine); ü is written v (绿色 → lvse), as in pinyin input.
* At most `MAX_LENGTH` characters, cut between words (never inside one), so a collision suffix
  (-2, -3) still fits well under the reader's 80-character limit. A long name keeps its head and
  its tail and loses words in between: names of one family share a long head and differ at the
  end (巩固拓展产业扶贫重点竹笋项目 / …茶叶项目), so cutting the tail off made two programmes one id
  and which got -2 depended on the order of the files.

`IdRegistry` makes ids unique per year within one data tree and one run: an id already used by
another programme (another file in that year's folders, or one planned earlier in the run) gets
the first free suffix; the same programme (name, department, year) always gets its own file back.
Each document kind of a programme has its own file (the 自评 and its 绩效目标表): the second kind
shares the first one's id, as the data format wants, and never lands on the other kind's file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml

from perfsite.kinds import DEFAULT_KIND, kind_of
from perfsite.problems import Problems
from perfsite.safefile import LEFT_BY_TOOLS, FileRefused, read_limited
from perfsite.values import UNSTATED, identity_text
from perfsite.yamlload import MAX_BYTES, load_yaml_text

MAX_LENGTH = 48
"""Long names (30 Chinese characters are ~130 letters of pinyin) are cut at a word boundary; 48
keeps six or seven words, enough to tell programmes apart (城乡居民基本医疗保险补助 → 43)."""
TAIL_LENGTH = MAX_LENGTH // 2
"""The most of a cut id its tail may take: the last word that is not a common word of programme
names, and the common words after it (…-zhusun-chanye-zijin); the head keeps the rest."""
LOOSE_WORD = 3
"""Unknown characters stay together up to this many (小升规); longer runs are read in pairs,
the commonest length of a Chinese word (水域禁捕退捕 → shuiyu-jinbu-tuibu)."""

BUDGET_WORDS = frozenset(" ".join((
    "企业 资金 奖励 补助 补贴 专项 经费 项目 工程 建设 改造 维修 维护 管理 服务 运行 保障 购置 设备",
    "教育 学校 学生 教师 营养 改善 计划 义务 学前 高中 职业 培训 就业 创业 医疗 卫生 健康 医保 保险",
    "养老 救助 低保 残疾 民政 社会 福利 城乡 城市 农村 乡村 振兴 衔接 扶贫 脱贫 巩固 拓展 成果 农业",
    "农田 水利 水库 灌溉 林业 草原 生态 环境 保护 整治 治理 污染 防治 绿化 交通 道路 公路 桥梁 运输",
    "文化 旅游 体育 广播 电视 图书 信息 系统 平台 数据 安全 应急 消防 公共 基本 发展 产业 园区 招商",
    "科技 创新 人才 引进 研发 示范 试点 综合 标准 质量 监督 检查 执法 司法 法律 宣传 普法 村级 社区",
    "街道 政府 购买 采购 办公 业务 日常 人员 工资 设施 基础 提升 提质 增效 中小 小微 规模 以上",
    "奖补 补偿 贴息 贷款 担保 基金 转移 支付 中央 省级 市级 县级 财政 预算 绩效 评价 监测 统计 调查",
    "人口 计生 妇幼 疾控 防疫 疫苗 接种 住房 保障房 棚户区 老旧 小区 供水 排水 污水 垃圾 处理 厕所",
    "革命 人居 居民 村民 儿童 老年 妇女 困难 群众 家庭 耕地 粮食 种植 畜牧 养殖 渔业 动物 植物 种子",
    "电力 能源 燃气 供暖 清洁 取暖 光伏 储备 物资 仓储 市场 流通 商贸 外贸 电商 物流 网络 通信 邮政",
    "档案 党建 组织 机关 事业 单位 国有 资产 债务 化解 还本 付息 地方 专项债券 债券 一般",
    "高标准 标准化 现代化 信息化 一体化 高质量 新时代 精神文明 乡村振兴 脱贫攻坚 人居环境",
    "部门 整体 支出 收入 经济 行政 事务 机构 改革 能力 推进 实施 开展 活动 工作 补充 配套 运营 专用",
)).split())
"""Common words of programme names (finance, education, health, agriculture, works …)."""

PLACE_ENDS = frozenset("省市县区旗州盟镇乡")
"""A run of unknown characters ending in one of these is a place name, kept as one word."""

_YEAR_HEAD = re.compile(r"^\s*[（(]?(?:19|20)\d{2}\s*年度?\s*[)）]?")
_TAIL = re.compile(r"项目$")
_HAN_CHARS = "\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
"""Han characters: the BMP's, and Ext-B to Ext-H, which pypinyin reads in part (15,148 of them:
𠀀 hē; 𠮷 of 𠮷祥 not). One it cannot read beyond the BMP is a word boundary, as any character that
is not Han (`_readable`); the import note names it (`unread_han`)."""
_RUN = re.compile(f"[{_HAN_CHARS}]+|[a-z0-9]+")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_HAN = re.compile(f"[{_HAN_CHARS}]+")
_KEYS = ("id", "name", "department", "year", "kind")
_TOP_KEY = re.compile(rf"^({'|'.join(_KEYS)}|source)\s*:(.*)$")


def readable_id(name: str) -> str:
    """The id for a programme name; never empty (a name without letters gets ``prog-`` + hash)."""
    text = unicodedata.normalize("NFKC", name).lower()
    text = _TAIL.sub("", _YEAR_HEAD.sub("", text).strip()) or text
    pieces = _pieces(text)
    words = [word for _, word in pieces]
    if not words:
        return "prog-" + hashlib.sha1(name.encode()).hexdigest()[:8]
    if len("-".join(words)) <= MAX_LENGTH:
        return "-".join(words)
    cut = _head(words, MAX_LENGTH) or words[0][:MAX_LENGTH]
    start, tail = _tail(pieces)
    head = _head(words[:start], MAX_LENGTH - len("-".join(tail)) - 1)
    if not head or not tail or start < cut.count("-") + 1:  # the cut already keeps the telling word
        return cut
    return "-".join([head, *tail])


def unread_han(name: str) -> str:
    """The Han characters of `name` pypinyin has no reading for, in order, each once: the id made
    from the name leaves them out (「䃅溪村𠮷祥」 → dixicun-xiang, no 𠮷), which the clerk is told."""
    from pypinyin.pinyin_dict import pinyin_dict

    text = unicodedata.normalize("NFKC", name)
    return "".join(dict.fromkeys(c for run in _HAN.findall(text) for c in run if ord(c) not in pinyin_dict))


def _head(words: list[str], room: int) -> str:
    """The first words that fit in `room` characters, joined; "" when the first does not."""
    ident = ""
    for word in words:
        joined = f"{ident}-{word}" if ident else word
        if len(joined) > room:
            break
        ident = joined
    return ident


def _tail(pieces: list[tuple[str, str]]) -> tuple[int, list[str]]:
    """The words a cut id keeps from the end of the name: the last word that is not a common word
    of programme names (what tells 竹笋 from 茶叶 in names of one family) and the common words
    after it that fit in `TAIL_LENGTH`; the last word when every word is common; empty for one word.
    With the index of its first word (the head is cut from the words before it)."""
    if len(pieces) < 2:
        return len(pieces), []
    last = max((i for i in range(1, len(pieces)) if pieces[i][0] not in BUDGET_WORDS), default=len(pieces) - 1)
    tail = [word for _, word in pieces[last:]]
    while len(tail) > 1 and len("-".join(tail)) > TAIL_LENGTH:
        tail.pop()
    return (last, tail) if len(tail[0]) <= TAIL_LENGTH else (len(pieces), [])


def _pieces(text: str) -> list[tuple[str, str]]:
    """(the characters, their pinyin word) in reading order: Han runs segmented, ASCII runs kept,
    the rest dropped."""
    pieces: list[tuple[str, str]] = []
    for run in _RUN.finditer(text):
        if run[0].isascii():
            pieces.append((run[0], run[0]))
            continue
        for part in _readable(run[0]):
            pieces.extend(_han_words(part))
    return [(source, word) for source, word in pieces if word]


def _readable(run: str) -> list[str]:
    """A Han run cut at the characters beyond the BMP pypinyin has no reading for (looked up only
    where the run has a character beyond the BMP: nearly no name has one)."""
    if run.isascii() or max(run) <= "\uffff":
        return [run]
    unread = "".join(c for c in unread_han(run) if ord(c) > 0xFFFF)
    return [part for part in re.split(f"[{unread}]", run) if part] if unread else [run]


def _han_words(run: str) -> list[tuple[str, str]]:
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(run, style=Style.NORMAL, errors=lambda chars: [""] * len(chars), v_to_u=False)
    if len(syllables) != len(run):  # pypinyin keeps one item per Han character; be safe if not
        return [(run, "".join(syllables))]
    words: list[tuple[str, str]] = []
    start, loose = 0, 0
    known = load_words()
    while start < len(run):
        end = _longest_word(run, start, known)
        if end - start == 1:
            loose += 1
            start = end
            if run[start - 1] in PLACE_ENDS:  # 曲沃县, 呼和浩特市: a place name is one word
                words.append((run[start - loose:start], "".join(syllables[start - loose:start])))
                loose = 0
            continue
        words.extend(_loose(run[start - loose:start], syllables[start - loose:start]))
        loose = 0
        words.append((run[start:end], "".join(syllables[start:end])))
        start = end
    words.extend(_loose(run[len(run) - loose:], syllables[len(run) - loose:]))
    return words


def _loose(chars: str, syllables: list[str]) -> list[tuple[str, str]]:
    if len(syllables) <= LOOSE_WORD:
        return [(chars, "".join(syllables))] if syllables else []
    return [(chars[i:i + 2], "".join(syllables[i:i + 2])) for i in range(0, len(syllables), 2)]


def _longest_word(run: str, start: int, known: tuple[frozenset[str], frozenset[str]]) -> int:
    prefixes, words = known
    best = start + 1
    for end in range(start + 2, len(run) + 1):
        piece = run[start:end]
        if piece not in prefixes:
            break
        if piece in words:
            best = end
    return best


@cache
def load_words() -> tuple[frozenset[str], frozenset[str]]:
    """(every prefix of a known word, the known words), built once. Loading pypinyin's phrases and
    building this takes ~0.3 s, so a caller with idle time (a batch waiting on its workers)
    calls it early."""
    from pypinyin.constants import PHRASES_DICT

    words = frozenset(w for w in (*PHRASES_DICT, *BUDGET_WORDS) if _HAN.fullmatch(w))
    prefixes = frozenset(w[:i] for w in words for i in range(2, len(w) + 1))
    return prefixes, words


def is_id(text: str) -> bool:
    """Lower-case letters and digits in hyphen-separated words, at most 80 characters (the reader's limit)."""
    return bool(_SLUG.fullmatch(text)) and len(text) <= 80


Identity = tuple[str, str, str]
"""(name, department, year): what makes two files the same programme (as `perfsite check` says)."""
Owner = tuple[Identity, str]
"""A programme and one of its document kinds (`kinds.DocumentKind` value): what one file holds."""


def identity(name: object, department: object, year: object) -> Identity:
    """Name and department compared as `perfsite check` compares them (values.identity_text), so
    a re-import whose name differs only in full-width letters or invisible characters lands on the
    file check would call the same programme."""
    return (identity_text(str(name or "")), identity_text(str(department or "")), str(year or "").strip())


@dataclass
class Claim:
    """The id chosen for a programme and, when the programme already has a file, which one."""

    id: str
    existing: Path | None = None
    """The file of the same programme already in the data tree (re-import lands there)."""
    planned_by: str = ""
    """The input of this run that already produced the same programme."""
    displaced: tuple[str, Path | None] | None = None
    """(the id the name gives, the file of another programme that has it) when a suffix was added."""
    sibling: Path | None = None
    """The file of another kind of the same programme whose id this one shares (a new 绩效目标表
    beside its 自评), when there is no file of this kind yet."""


@dataclass
class _Year:
    """What one year's folder holds, plus what this run has placed in it."""

    ids: dict[str, Path | None] = field(default_factory=dict)
    """Every id in use (lower case, as `perfsite check` compares them) → its file."""
    owners: dict[Owner, tuple[str, Path | None, str]] = field(default_factory=dict)
    """Each programme's document already placed → (id, file, the input of this run that made it)."""
    departments: dict[tuple[str, str], str] = field(default_factory=dict)
    """(name, department) as `identity` compares them → the department as its file writes it."""
    sources: dict[tuple[str, str, str], list[tuple[str, Path]]] = field(default_factory=dict)
    """(name as `identity` compares it, kind, `source`) of the files already there → (department as
    written, file) of each: which programme a file of the same original became (`edited_department`)."""


@dataclass
class IdRegistry:
    """Ids in use per year: files under ``<root>/<year>/`` (read on first use) plus this run's."""

    root: Path
    _years: dict[str, _Year] = field(default_factory=dict)

    def claim(self, name: object, department: object, year: object, kind: str = str(DEFAULT_KIND)) -> Claim:
        """The id for this programme's document of `kind`, without reserving it (`keep` reserves it
        for the rest of the run): its own file back, else the id of its document of another kind."""
        key = identity(name, department, year)
        taken = self._year(key[2])
        if (key, kind) in taken.owners:
            return Claim(*taken.owners[key, kind])
        sibling = next((owner for (other, _), owner in taken.owners.items() if other == key), None)
        if sibling is not None:
            return Claim(sibling[0], sibling=sibling[1])
        base = readable_id(key[0])
        ident, n = base, 1
        while ident in taken.ids:
            n += 1
            ident = f"{base}-{n}"
        return Claim(ident, displaced=(base, taken.ids[base]) if n > 1 else None)

    def only_department(self, name: object, year: object) -> tuple[str, Path | None] | None:
        """(the department as written, a file of it) of the only programme called `name` in `year` (files
        there, or this run's), for a document that names no department (an evaluation report or a 整改
        stating none would otherwise take an id of its own, apart from its programme); None when no
        programme or several have that name."""
        key = identity_text(str(name or ""))
        taken = self._year(str(year or "").strip())
        unstated = ("", identity_text(UNSTATED))
        found = {other[1]: owner[1] for (other, _), owner in sorted(taken.owners.items(), key=lambda item: item[0][1] == DEFAULT_KIND)
                 if other[0] == key and other[1] not in unstated}  # the 自评's file named, when there is one
        if len(found) != 1:
            return None
        ((department, path),) = found.items()
        return taken.departments.get((key, department), department), path

    def edited_department(self, name: object, year: object, kind: str, source: str) -> tuple[str, Path] | None:
        """(the department as written, its file) of the only file already in `year` of this name and
        kind imported from an original of the same name (`source`), when it states a department: the
        file an import of that original wrote 「未载明」 into and the clerk then filled in, as the import
        asks. None when there is none or several (two units' 「工资性支出」 both sent as 自评表.xlsx)."""
        taken = self._year(str(year or "").strip())
        found = taken.sources.get((identity_text(str(name or "")), kind, source), [])
        stated = [(department, path) for department, path in found if identity_text(department) not in ("", identity_text(UNSTATED))]
        return stated[0] if len(found) == 1 and stated else None

    def holder(self, year: object, ident: str) -> tuple[bool, Path | None]:
        """Whether `ident` is in use in `year` (files there, or this run's), and its file if known."""
        taken = self._year(str(year or "").strip())
        return ident.lower() in taken.ids, taken.ids.get(ident.lower())

    def keep(self, ident: str, name: object, department: object, year: object, path: Path, source: str,
             kind: str = str(DEFAULT_KIND)) -> None:
        key = identity(name, department, year)
        taken = self._year(key[2])
        taken.ids.setdefault(ident.lower(), path)
        taken.owners[key, kind] = (ident, path, source)
        taken.departments.setdefault(key[:2], str(department or ""))

    def _year(self, year: str) -> _Year:
        if year not in self._years:
            self._years[year] = _scan(self.root / year, year)
        return self._years[year]


def _scan(folder: Path, year: str) -> _Year:
    """Ids and programmes of the files already in one year's folder (and its subfolders), passing
    over what tools leave there (`LEFT_BY_TOOLS`) as the build's data walk does: a .git/x.yaml or
    Office's ~$x.yaml is no programme, and reserving its id gave the next import a needless -2."""
    out = _Year()
    if not year or not folder.is_dir():
        return out
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith(LEFT_BY_TOOLS))
        for filename in sorted(filenames):
            if filename.endswith((".yaml", ".yml")) and not filename.startswith(LEFT_BY_TOOLS):
                path = Path(dirpath) / filename
                ident, key, department, source = _facts(path, year)
                out.ids.setdefault(ident.lower(), path)
                if key is not None:
                    out.owners.setdefault(key, (ident, path, ""))
                    out.departments.setdefault(key[0][:2], department)
                    if source:
                        out.sources.setdefault((key[0][0], key[1], source), []).append((department, path))
    return out


_SCALARS = (str, int, float, Decimal, bool, date, type(None))
"""What a top-level value the registry reads may be: a list or mapping is no name (`perfsite check`
says so), and a flow list of aliases on one line (``name: [&a [x, x], [*a, *a], …]``) printed as
text grew without bound."""


def _facts(path: Path, year: str) -> tuple[str, Owner | None, str, str]:
    """(id, (identity, kind), department as written, source) from the file's top-level lines; None when it
    cannot be read (its name still reserves its id). Read as the build reads a file: a regular
    file of at most `yamlload.MAX_BYTES` (a FIFO would block the import, a link to /dev/zero fill
    the memory).

    Only six top-level keys are needed, so lines are scanned rather than the whole file
    parsed (a year folder may hold thousands of files); a value that is not on its own line
    (a block scalar, a flow mapping) falls back to reading the whole file.
    """
    stem = path.name.rsplit(".", 1)[0]
    try:
        # followed to what it names, which must be a regular file too: a linked programme is still
        # that programme here, so an import refuses to write it a second time (the build reports the link)
        text = read_limited(Path(os.path.realpath(path)), MAX_BYTES).decode("utf-8-sig")
    except (FileRefused, UnicodeDecodeError):
        return stem, None, "", ""
    values: dict[str, object] = {}
    for line in text.splitlines():
        found = _TOP_KEY.match(line)
        if not found:
            continue
        if found[1] == "source":  # only compared (`edited_department`): one that is no plain line is left out, never the file
            with contextlib.suppress(yaml.YAMLError, TypeError, KeyError):
                values["source"] = yaml.safe_load(line)["source"]
            continue
        raw = found[2].strip()
        if raw.startswith(("|", ">", "&", "*", "!")) or (not raw and found[1] not in ("department", "kind")):
            return _facts_by_yaml(text, stem, year)
        try:
            values[found[1]] = yaml.safe_load(line)[found[1]]
        except (yaml.YAMLError, TypeError, KeyError):
            return stem, None, "", ""
    return _owner(values, stem, year)


def _owner(values: dict[str, object] | object, stem: str, year: str) -> tuple[str, Owner | None, str, str]:
    """`_facts` of a file's top-level values."""
    if not isinstance(values, dict) or any(not isinstance(values.get(key), _SCALARS) for key in _KEYS):
        return stem, None, "", ""
    ident = str(values.get("id") or stem)
    if "name" not in values:
        return ident, None, "", ""
    source = values.get("source")
    return ident, (identity(values.get("name"), values.get("department"), values.get("year") or year),
                   kind_key(values.get("kind"))), str(values.get("department") or ""), source if isinstance(source, str) else ""


def kind_key(raw: object) -> str:
    """The kind a file's `kind:` names, as `Owner` keeps it (a misspelt kind is its own)."""
    kind = kind_of({"kind": raw}, Problems("")) if raw is not None else DEFAULT_KIND
    return str(kind if kind is not None else raw)


def _facts_by_yaml(text: str, stem: str, year: str) -> tuple[str, Owner | None, str, str]:
    """`_facts` of a file parsed whole, as the build parses it (`load_yaml_text`: an alias bomb is
    refused, not expanded)."""
    return _owner(load_yaml_text(text).data, stem, year)
