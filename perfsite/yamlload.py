"""Read YAML safely and exactly: numbers from their text, line marks kept, traps explained.

PyYAML's safe loader turns ``4700.90`` into a binary float and silently keeps the last of two
duplicate keys. Unicode direction controls are made visible (``[U+202E]``) in every text as it is
read, so no page, download, feed or message can be made to read backwards. We compose the node tree instead (libyaml when present) and build values
ourselves, so every number is a Decimal read from its text, every key has a line, duplicate
keys are errors and alias bombs are refused.
"""

from __future__ import annotations

import operator
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from sys import intern

import yaml
from yaml import MappingNode, ScalarNode, SequenceNode

from perfsite.collector import collector_paused
from perfsite.decimals import Written, in_range, with_text
from perfsite.markup import has_controls, visible
from perfsite.problems import Problem, Severity
from perfsite.safefile import FileRefused, read_limited

try:  # libyaml is much faster at composing; the pure-Python loader behaves the same
    from yaml import CSafeLoader as _Base
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Base  # type: ignore[assignment]

PLAIN = "perfsite:plain"
STR = "tag:yaml.org,2002:str"
MERGE = "<<"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
"""The plain scalars read as true/false: YAML 1.2's. YAML 1.1 (PyYAML's own loader) reads yes/no/on/off
(y/n in some parsers) so too, and a 目标值 typed ``target: no`` published 「否」, ``actual: on`` 「是」:
a clerk who writes a word writes text. The contract's flags (`applicable`, `sample`, `core`) are
written true/false (docs/data-format.md); written with those words they are still flags (YAML11_FLAGS)."""
YAML11_FLAGS = {word: flag for flag, words in ((True, ("yes", "on")), (False, ("no", "off")))
                for each in words for word in (each, each.title(), each.upper())}
"""The words YAML 1.1 reads as true/false, read here as text: a flag written so (``sample: yes``) is
still that flag (schema.read_flag), and the import quotes such a text (another YAML tool reads it as a flag)."""
_NUMBER = re.compile(r"[-+]?(?:[0-9０-９][0-9０-９_]*(?:\.[0-9０-９_]*)?|\.[0-9０-９][0-9０-９_]*)(?:[eE][-+]?[0-9]+)?")
"""A plain scalar read as a number: digits ASCII or full-width (DIGITS), YAML 1.1's underscores
(only GROUPED ones pass _scalar's check)."""
_GROUPED = re.compile(r"[-+]?[0-9]{1,3}(?:_[0-9]{3})+(?:\.[0-9]+)?")
"""Underscores as thousands separators (1_000): the one use of them the page's text (published as
written) shows for what it is. 1_0 reads as 10 and shows as 1_0, which a reader takes for 1 or 0."""


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """Leaves plain scalars unresolved: `_plain` reads them itself (faster than the
    regex-per-tag resolver, and numbers become Decimal from their text)."""

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return PLAIN if implicit[0] else STR
        return "tag:yaml.org,2002:map" if kind is MappingNode else "tag:yaml.org,2002:seq"

    # The composer calls these two around every node to track path resolvers, which we never
    # register, so they must do nothing: C builtins whose result is ignored cost less than Python
    # no-ops (about 6% of composing).
    descend_resolver = staticmethod(operator.is_)  # (parent, index)
    ascend_resolver = staticmethod(bool)  # ()


MAX_BYTES = 1_000_000
"""A programme file is a few KB; anything this large is a mistake or an attack."""
MAX_NODES = 100_000
"""Nodes visited while building values; aliases re-visit nodes, so this stops alias bombs."""

_TRAP_HINT = {
    "*": "以 * 开头的值会被当作 YAML 别名",
    "&": "以 & 开头的值会被当作 YAML 锚点",
    "!": "以 ! 开头的值会被当作 YAML 标签",
    "%": "以 % 开头的值会被当作 YAML 指令",
    ">": "以 > 开头的值会被当作折叠文本",
    "|": "以 | 开头的值会被当作多行文本",
    "{": "以 { 开头的值会被当作映射",
    "[": "以 [ 开头的值会被当作列表",
    "-": "以 - 开头的值会被当作列表项",
    "@": "YAML 不允许值以 @ 开头",
    "`": "YAML 不允许值以 ` 开头",
}

Path_ = tuple[object, ...]


@dataclass
class Loaded:
    """A document's values and the line (1-based) of every mapping key and list item."""

    data: object
    lines: dict[Path_, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def load_yaml_text(text: str, file: str = "") -> Loaded:
    """Parse one YAML document from text; problems instead of exceptions.

    Composing makes a few thousand short-lived objects with no reference cycles (nodes, marks,
    pairs): with the collector running it walked them, about 9% of reading a file."""
    with collector_paused():
        deep = _depth_beyond(text, MAX_DEPTH) if _could_nest_deeply(text) else None
        if deep is not None:
            return Loaded(None, problems=[Problem(
                Severity.ERROR, f"YAML 嵌套超过 {MAX_DEPTH} 层，拒绝读取（数据文件最多用到六七层）：到第 {deep} 行已超过，"
                "多半是误粘贴的方括号、花括号或层层加深的缩进，请删去", file=file, line=deep)])
        try:
            node = yaml.compose(text, Loader=_Loader)
        except yaml.MarkedYAMLError as exc:
            return Loaded(None, problems=[_odd_character(text, file) or _syntax_problem(exc, text, file)])
        except (yaml.YAMLError, ValueError) as exc:  # ValueError: a lone surrogate the parser cannot encode
            return Loaded(None, problems=[_odd_character(text, file)
                                          or Problem(Severity.ERROR, f"YAML 无法解析：{exc}", file=file)])
        except RecursionError as exc:
            return Loaded(None, problems=[Problem(Severity.ERROR, f"YAML 无法解析：{exc}", file=file)])
        if node is None:
            return Loaded(None)
        if type(node) is ScalarNode and node.tag == PLAIN:  # a file of one line 「name:小升规」 is one text
            spaceless = _colon_without_space(text, node.start_mark.line)
            if spaceless is not None:
                return Loaded(None, problems=[Problem(Severity.ERROR, spaceless[1], file=file, line=spaceless[0] + 1)])
        out = Loaded(None, lines={(): node.start_mark.line + 1})
        build, release = _builder(out, file, text)
        try:
            out.data = build(node, ())
        except _TooBig:
            out.data = None
            out.problems.append(Problem(Severity.ERROR, _too_big(node), file=file))
        except RecursionError:
            out.data = None
            out.problems.append(Problem(Severity.ERROR, "YAML 嵌套过深，拒绝读取", file=file))
        finally:
            release()
        del node  # the tree is garbage now: free it before the collector resumes
        return out


def load_yaml_file(path: Path, file: str = "") -> Loaded:
    """Read a UTF-8 YAML file, refusing special, huge and non-UTF-8 files with a message."""
    file = file or str(path)
    try:
        raw = read_limited(path, MAX_BYTES)  # a regular file, its size checked before reading
    except FileRefused as exc:
        message = exc.message + (_TOO_LARGE if exc.message.startswith("文件过大") else "")
        return Loaded(None, problems=[Problem(Severity.ERROR, message, file=file)])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _mostly_zero(raw[:200:2]) or _mostly_zero(raw[1:200:2]):
        # Windows Notepad's 「Unicode」 is UTF-16: every other byte of ASCII text (keys, digits) is zero.
        return Loaded(None, problems=[Problem(
            Severity.ERROR, "文件是 UTF-16 编码（记事本的「Unicode」）：请在「另存为」中把编码选为 UTF-8 后再提交",
            file=file, line=1)])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Loaded(None, problems=[Problem(
            Severity.ERROR,
            "文件不是 UTF-8 编码（可能是 GBK/GB18030，记事本的「ANSI」）：请在「另存为」中把编码选为 UTF-8 后再提交",
            file=file, line=line)])
    return load_yaml_text(text, file)


_TOO_LARGE = "：一个项目的数据文件只有几千到几万字节，多半是粘贴进了整篇文档或把多个项目写进了一个文件，请删去多余的内容（每个项目一个文件）"
EMPTY = "文件是空的（没有内容，或只有以 # 开头的注释）：请填写项目内容（perfsite new 可生成带中文注释的空白文件），不需要的文件请删去"
"""The error of a file with no document: saved empty by an editor, or every line commented out."""


class _SettingsLoader(_Base):  # type: ignore[misc,valid-type]
    """mkdocs.yml's own tags (`!!python/name:…` for Material's emoji) read as null: a command
    reading one setting must not fail on, or run, what MkDocs alone resolves. `!ENV` is read as
    MkDocs reads it (`_env`): a data folder named by a variable is the folder the build reads."""


class EnvText(str):
    """A setting's text taken from the environment by `!ENV`, naming its variable for messages."""

    variable: str = ""


@dataclass(frozen=True)
class EnvUnset:
    """An `!ENV` none of whose variables is set and which gives no default: MkDocs reads it as
    null (a plugin option then takes its default)."""

    variables: tuple[str, ...]


def _env(loader: _SettingsLoader, node: yaml.Node) -> object:
    """MkDocs' `!ENV` (pyyaml_env_tag): ``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``, the first
    variable that is set (even to ""), else the list's last item when it has two or more."""
    if isinstance(node, ScalarNode):
        names, default = [node], None
    elif isinstance(node, SequenceNode):
        names, default = (node.value[:-1], node.value[-1]) if len(node.value) > 1 else (node.value, None)
    else:
        return None
    variables = tuple(str(loader.construct_scalar(name)) for name in names)
    for variable in variables:
        if variable in os.environ:
            found = EnvText(os.environ[variable])
            found.variable = variable
            return found
    return EnvUnset(variables) if default is None else loader.construct_object(default)


_SettingsLoader.add_constructor("!ENV", _env)
_SettingsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_settings(path: Path) -> dict[object, object]:
    """The top-level mapping of a configuration file such as mkdocs.yml; {} when it is missing or
    unreadable (the build that reads it names what is wrong)."""
    try:
        data = yaml.load(read_limited(path, MAX_BYTES).decode("utf-8-sig"), Loader=_SettingsLoader)
    except (FileRefused, OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _mostly_zero(half: bytes) -> bool:
    """Whether a quarter or more of these bytes are zero: UTF-16 without its byte-order mark."""
    return len(half) >= 4 and half.count(0) * 4 >= len(half)


_ODD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_LONE_CR = re.compile("\r(?!\n)")
"""Characters YAML refuses (C0/C1 controls, surrogates, non-characters) or reads as a line break
where an editor shows none or numbers lines differently (NEL, U+2028/U+2029 pasted from a web
page or Word, a lone CR among LF lines): either way the parser's own message names no line a clerk
can find. A file of CR lines only (old Mac editors) reads as it did."""
_ODD_NAMES = {"\r": "单独的回车符（CR）", "\x85": "下一行符 NEL（U+0085）", "\u2028": "行分隔符 U+2028",
              "\u2029": "段分隔符 U+2029"}


def _odd_character(text: str, file: str) -> Problem | None:
    """The first such character, by the line an editor shows it on; None when there is none.
    Looked for only after the parser failed, so a clean file pays nothing for it."""
    found = _ODD.search(text) or (_LONE_CR.search(text) if "\n" in text else None)
    if found is None:
        return None
    char = found[0][0]
    line = text.count("\n", 0, found.start()) + 1
    name = _ODD_NAMES.get(char)
    if name is not None:
        return Problem(Severity.ERROR, f"第 {line} 行有{name}（多从网页或 Word 复制带入），YAML 把它当作换行，"
                       "文件无法正确读取：请删去它（需要换行时另起一行）", file=file, line=line)
    return Problem(Severity.ERROR, f"第 {line} 行有不可见的控制字符 U+{ord(char):04X}（YAML 不允许），"
                   "文件无法读取：请删去它后再提交", file=file, line=line)


class _TooBig(Exception):
    pass


def _too_big(root: yaml.Node) -> str:
    """Why a document of more than `MAX_NODES` values is refused: aliases that repeat a few nodes many
    times (a bomb), or that many values written out (7,000 indicators of one line each, under the
    1 MB cap), which the bomb's message called an attack the clerk never made. Each node is looked at
    once, so the count stops at `MAX_NODES` either way."""
    seen: set[int] = set()
    todo = [root]
    while todo and len(seen) <= MAX_NODES:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            todo.extend(node.value)
        elif isinstance(node, MappingNode):
            todo.extend(part for pair in node.value for part in pair)
    if len(seen) > MAX_NODES:
        return (f"文件中的值超过 {MAX_NODES} 个，远超一个项目的数据文件（指标一般不过几十项），拒绝读取："
                "请检查是否把多个项目写进了一个文件，每个项目一个文件")
    return (f"文件中的锚点（& 加名称）和别名（* 加名称）展开后超过 {MAX_NODES} 个值（可能是别名炸弹），拒绝读取："
            "数据文件用不到锚点和别名，请删去以 * 开头的引用，把内容直接写出来")


MAX_DEPTH = 200
"""Nesting levels allowed. A programme file uses about six (file, indicators, indicator, rule,
bands, band); libyaml's composer recurses in C without a limit and crashed the process
(segmentation fault) at about 30,000 levels, which a 60 KB line of ``[`` reaches."""
_DEEP_INDENT = "\n" + " " * MAX_DEPTH


def _could_nest_deeply(text: str) -> bool:
    """Whether `text` has enough openers (``[``, ``{``, ``- ``, ``? ``) or indentation to nest
    MAX_DEPTH levels: only then is it parsed once more to measure (large files only)."""
    openers = text.count("[") + text.count("{") + text.count("- ") + text.count("? ")
    return openers > MAX_DEPTH or _DEEP_INDENT in text


def _depth_beyond(text: str, limit: int) -> int | None:
    """The line (1-based) where the document nests deeper than `limit`, or None, measured on the
    parser's events (libyaml parses with its own stack, so this cannot crash); a syntax error is
    left to the composer."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            kind = type(event)
            if kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                depth += 1
                if depth > limit:
                    return event.start_mark.line + 1
            elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                depth -= 1
    except yaml.YAMLError:
        return None
    return None


def _builder(out: Loaded, file: str, text: str) -> tuple[Callable[[yaml.Node, Path_], object], Callable[[], None]]:
    """The node→value walk for one document, as a closure: its state lives in local cells
    (faster than passing six arguments per node), and each nesting level costs one frame as before.

    The walk calls itself through its own cell, a reference cycle holding the whole document
    (values, line map, nodes); the second function breaks it. Builds run with the collector off,
    so without it every file read stayed in memory (2.7 GB a worker at 100,000 programmes).
    """
    lines, problems = out.lines, out.problems
    left = MAX_NODES
    traps = "&" in text or "*" in text  # without either, no value can start with an anchor or alias
    rare = _RARE.search(text) is not None
    show = rare and has_controls(text)  # a raw direction control anywhere: every text is made visible
    # a digit of another script anywhere, or an escape that may write one: every text is searched
    foreign = "\\" in text or (rare and _FOREIGN_DIGIT.search(text) is not None)
    cached = _PLAIN_VALUES.get

    def build(node: yaml.Node, path: Path_) -> object:
        nonlocal left
        left -= 1
        if left < 0:
            raise _TooBig
        kind = type(node)
        if kind is ScalarNode:
            tag = node.tag
            if tag == PLAIN:  # no escapes in plain text, and the parser refuses raw control characters
                value = cached(node.value, _UNSEEN)
                value = _plain(node.value) if value is _UNSEEN else value
                if type(value) is Written:
                    _check_underscores(node, value, path, out, file)
                elif foreign and type(value) is str:
                    _check_foreign_digit(node, path, out, file)
                return visible(value) if show and type(value) is str else value
            if tag == STR and (node.style != '"' or node.value.isprintable()):
                if foreign:
                    _check_foreign_digit(node, path, out, file)
                # short quoted text (targets, actuals: "≥90%") recurs across files: one copy of each
                written = node.value if len(node.value) > _SHARE_UP_TO else intern(node.value)
                return visible(written) if show else written
            return _scalar(node, path, out, file)  # escapes ("\u202e") are made visible there
        if node.tag != (SEQ if kind is SequenceNode else MAP):
            _refuse_tag(node, path, out, file)
            return None
        if kind is SequenceNode:
            items = []
            for index, item in enumerate(node.value):
                sub = path + (index,)  # noqa: RUF005 - concatenation is twice as fast as unpacking
                lines[sub] = item.start_mark.line + 1
                items.append(build(item, sub))
            return items
        result: dict[object, object] = {}
        flow = node.flow_style  # `{county: 1,234.50}`: a comma there ends the figure (_split_figure)
        for key_node, value_node in node.value:
            if flow and type(value_node) is ScalarNode and not value_node.value:
                cut = _split_figure(node, key_node, value_node, path, out, file, text)
                if cut is not None:
                    if cut in result:  # its first piece is no figure of its own: read as blank
                        result[cut] = None
                    continue
            # The usual key is plain text read before: take it from the cache without a call.
            key = cached(key_node.value) if type(key_node) is ScalarNode and key_node.tag == PLAIN else None
            if type(key) is str and key != MERGE:
                left -= 1
                if left < 0:
                    raise _TooBig
                if show:
                    key = visible(key)
            else:
                key = build(key_node, path)
                if type(key) is not str or key == MERGE:
                    key = _mapping_key(key, key_node, out, file)
                    if key is None:
                        continue
            line = key_node.start_mark.line + 1
            sub = path + (key,)  # noqa: RUF005
            if key in result:
                problems.append(_duplicate(key, path, lines.get(sub), line, file))
                continue
            lines[sub] = line
            if traps and type(value_node) is ScalarNode:
                _check_trap(text, key_node.end_mark.index, line, path, key, out, file)
            result[key] = build(value_node, sub)
        return result

    def release() -> None:
        nonlocal build
        build = None  # type: ignore[assignment]

    return build, release


_FIGURE_END = re.compile(r"[0-9０-９]\Z")
_FIGURE_PIECE = re.compile(r"[0-9０-９]")


def _split_figure(node: MappingNode, key_node: yaml.Node, value_node: ScalarNode, path: Path_, out: Loaded,
                  file: str, text: str) -> str | None:
    """The key whose figure this pair of a flow mapping is the tail of, when its comma split it ("" for
    a later piece), else None. In
    ``{county: 1,234.50}`` (the data format's own one-line rows) YAML reads ``county: 1`` and a
    key ``234.50`` with no value, and the clerk read 「未知的资金来源 234.50」 of a figure typed as on
    paper. The first piece of each split figure is one error naming the whole figure and the two
    ways to write it; every piece is left out (never an unknown key of its own), and the key keeps
    no figure (1 is no part of any sum or check)."""
    if key_node.tag != PLAIN or value_node.tag != PLAIN or value_node.start_mark.index != key_node.end_mark.index \
            or not _FIGURE_PIECE.match(key_node.value):
        return None
    pairs = node.value
    at = next(index for index, pair in enumerate(pairs) if pair[0] is key_node)
    if at == 0:
        return None
    before_key, before = pairs[at - 1]
    if type(before) is not ScalarNode or before.tag != PLAIN or before_key.tag != PLAIN:
        return None
    if not before.value:  # a later piece of a figure split more than once (1,234,567): said with the first
        later = _FIGURE_PIECE.match(before_key.value) is not None and before.start_mark.index == before_key.end_mark.index
        return "" if later else None
    if not _FIGURE_END.search(before.value) or before.end_mark.line != key_node.start_mark.line:
        return None
    end = at
    while end + 1 < len(pairs) and pairs[end + 1][0].tag == PLAIN and _FIGURE_PIECE.match(pairs[end + 1][0].value) \
            and pairs[end + 1][1].tag == PLAIN and not pairs[end + 1][1].value \
            and pairs[end + 1][1].start_mark.index == pairs[end + 1][0].end_mark.index:
        end += 1
    whole = text[before.start_mark.index:pairs[end][0].end_mark.index]
    name = before_key.value
    out.problems.append(Problem(
        Severity.ERROR, f"花括号 {{ }} 里的逗号用来分隔各项，「{name}: {whole}」被逗号拆开了，{name} 只读到「{before.value}」："
        f"{_split_advice(name, whole)}", file=file, line=before_key.start_mark.line + 1, key=_key(path, name)))
    return name


_MARKED_MONEY = re.compile(r"[¥￥]?\s*(?P<figure>[0-9０-９][0-9０-９, ]*(?:\.[0-9０-９]+)?)\s*(?P<unit>万元|元)?")


def _split_advice(name: str, whole: str) -> str:
    """What to write for a figure a comma split: a bare figure two ways; one with a currency sign or a
    unit (「¥3,000」) only without them, since check refuses 「¥3000」 and 「"¥3,000"」 alike, and with
    the unit that then belongs in budget's unit."""
    plain = whole.replace(",", "").replace(" ", "")
    marked = _MARKED_MONEY.fullmatch(whole)
    if marked is None or marked["figure"] == whole:
        return f"请去掉数字中的逗号（写成 {name}: {plain}），或给整个值加引号（{name}: \"{whole}\"）"
    figure = marked["figure"].replace(",", "").replace(" ", "")
    unit = marked["unit"] or "元"
    return (f"请写成 {name}: {figure}（金额只写数字，不带逗号、货币符号和单位；这个数以{unit}计，"
            f"budget 的 unit 须是 {unit}）")


def _mapping_key(key: object, key_node: yaml.Node, out: Loaded, file: str) -> str | None:
    """A key that YAML read as a number or true/false, as its text; None (with a problem) for
    a merge key, a null or a collection. A quoted ``"<<"`` is an ordinary key."""
    if key_node.tag == PLAIN and key_node.value == MERGE:
        out.problems.append(Problem(Severity.ERROR, "不支持 YAML 合并键 <<，请直接写出各项",
                                    file=file, line=key_node.start_mark.line + 1))
        return None
    if not isinstance(key, str | int | Decimal | bool) or key is None:
        out.problems.append(Problem(Severity.ERROR, "键必须是文字", file=file,
                                    line=key_node.start_mark.line + 1))
        return None
    return str(key) if not isinstance(key, str) else key


def _duplicate(key: str, path: Path_, first: int | None, line: int, file: str) -> Problem:
    return Problem(
        Severity.ERROR,
        f"键 {key} 重复出现（第一次在第 {first} 行）：YAML 只会保留最后一个，请删去多余的一项",
        file=file, line=line, key=_key(path, key))


def _check_trap(text: str, after_key: int, line: int, path: Path_, key: str, out: Loaded, file: str) -> None:
    written = _anchor_or_alias(text, after_key)
    if written:
        out.problems.append(Problem(
            Severity.ERROR, f"{_TRAP_HINT[written]}（数据文件不使用锚点和别名），请给整个值加引号",
            file=file, line=line, key=_key(path, key)))


def _anchor_or_alias(text: str, after_key: int) -> str:
    """``&`` or ``*`` when the value written after a key starts with one (`target: &x` typed as text)."""
    head = text[after_key:after_key + 16]
    if "&" not in head and "*" not in head:
        return ""
    index = after_key
    while index < len(text) and text[index] in " :\t":
        index += 1
    char = text[index:index + 1]
    return char if char in {"&", "*"} else ""


def _key(path: Path_, key: str) -> str:
    from perfsite.problems import key_text

    return key_text((*path, key))


CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""C0 controls other than tab and line breaks: invisible, refused by Excel's file format, never meant."""


_FOREIGN_DIGIT = re.compile(r"\d(?<![0-9０-９])")
"""A decimal digit of another script (Unicode category Nd: Bengali ৭ is 7 and looks like 9,
Arabic-Indic ٦٤ is 64, mathematical 𝟕): Python's Decimal and int read any of them, so a figure
would score as one number and show as another. DIGITS are the only ones a figure may use."""
_RARE = re.compile("[\u0660-\u1c59\ua620-\uabf9\U000104a0-\U0001fbf9\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""The code point ranges holding every such digit (Unicode 14: Arabic-Indic to Ol Chiki, Vai to
Meetei Mayek, Osmanya to the legacy computing digits) and markup.has_controls' direction controls:
one scan of a file finds whether it may have either (data files, Chinese and ASCII, have neither),
at about the cost of the direction-control scan alone (0.27 against 0.23 ms for data/'s 26 files)."""
DIGITS = "半角 0–9 或全角 ０–９"


def control_message(text: str) -> str | None:
    """A message naming the first character in `text` a value may not hold (a control character,
    a digit of another script), or None. Searched in every scalar and CSV cell as it is read:
    the one place every figure's text passes before anything makes a number of it."""
    found = CONTROL.search(text)
    if found is not None:
        return f"含有不可见的控制字符 U+{ord(found.group()):04X}，请删除后再提交"
    found = _FOREIGN_DIGIT.search(text)
    if found is None:
        return None
    digit = found.group()
    return (f"含有其他文字的数字「{digit}」（U+{ord(digit):04X}，{unicodedata.name(digit, '数字')}，"
            f"表示 {unicodedata.digit(digit, '?')}）：数字只能用{DIGITS}，请改正后再提交")


def _scalar(node: yaml.ScalarNode, path: Path_, out: Loaded, file: str) -> object:
    tag, value = node.tag, node.value
    message = control_message(value)
    if message:
        out.problems.append(Problem(Severity.ERROR, message, file=file, line=node.start_mark.line + 1,
                                    key=_key(path[:-1], str(path[-1])) if path else ""))
        value = CONTROL.sub("", value)
    if tag != PLAIN and tag != STR:
        _refuse_tag(node, path, out, file)
        return visible(value)
    if tag != PLAIN:  # quoted, block or !!str scalars are text as written
        return visible(value)
    found = _plain(value)
    if type(found) is Written:
        _check_underscores(node, found, path, out, file)
    return visible(found) if type(found) is str else found


def _check_foreign_digit(node: yaml.ScalarNode, path: Path_, out: Loaded, file: str) -> None:
    """A digit of another script in a scalar the fast path took (printable: no control character)."""
    message = control_message(node.value)
    if message:
        out.problems.append(Problem(Severity.ERROR, message, file=file, line=node.start_mark.line + 1,
                                    key=_key(path[:-1], str(path[-1])) if path else ""))


def _check_underscores(node: yaml.ScalarNode, number: Decimal, path: Path_, out: Loaded, file: str) -> None:
    """A number written with underscores other than as thousands separators (_GROUPED) is an error."""
    value = node.value
    if "_" in value and not _GROUPED.fullmatch(value):
        out.problems.append(Problem(
            Severity.ERROR, f"数字中不能有下划线：「{value}」会被读作 {number:f}，页面上却照写「{value}」；"
            "请直接写数字（千位分隔可写 1_000，或加引号写 \"1,000\"）",
            file=file, line=node.start_mark.line + 1, key=_key(path[:-1], str(path[-1])) if path else ""))


SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"
_STANDARD = "tag:yaml.org,2002:"


def _refuse_tag(node: yaml.Node, path: Path_, out: Loaded, file: str) -> None:
    """An explicit tag other than !!str (!!binary, !!timestamp, !!python/…, !local) is an error:
    the data format has text, numbers, lists and mappings only, and a tag would silently change
    what a value means (or, for another YAML reader, run code)."""
    tag = node.tag
    shown = "!!" + tag.removeprefix(_STANDARD) if tag.startswith(_STANDARD) else tag
    out.problems.append(Problem(
        Severity.ERROR, f"不支持 YAML 标签 {shown[:60]}：数据文件只用文字、数字、列表和映射，请删去标签"
        "（以 ! 开头的文字请给整个值加引号）",
        file=file, line=node.start_mark.line + 1, key=_key(path[:-1], str(path[-1])) if path else ""))


_UNSEEN = object()
_PLAIN_VALUES: dict[str, object] = {
    **dict.fromkeys(_NULLS), **dict.fromkeys(_TRUE, True), **dict.fromkeys(_FALSE, False)}
"""Plain scalar text → value. Keys, weights and scores repeat across thousands of files, so each
short text is read once; the values (None, bool, Decimal, str) are immutable and safe to share."""
_NUMBER_TEXT = 64
"""A plain scalar longer than this is never read as a number (no number in range is this long)."""
_REMEMBER = 20_000
"""At most this many texts are remembered, and only short ones: long text is rarely repeated."""
_SHARE_UP_TO = 40
"""Quoted text up to this long is interned (sys.intern: freed with its last reference), so the
records a worker holds share each target and actual written the same in many files."""


def _plain(value: str) -> object:
    """A plain scalar: null, true/false, a Decimal read from its text, or the text itself."""
    found = _PLAIN_VALUES.get(value, _UNSEEN)
    if found is not _UNSEEN:
        return found
    found = value
    if len(value) <= _NUMBER_TEXT and _NUMBER.fullmatch(value):
        try:
            number = Decimal(value.replace("_", ""))
        except InvalidOperation:
            number = None
        written = value
        if number is not None and number.is_zero() and number.is_signed():
            number, written = number.copy_abs(), value.lstrip("-")  # -0 is 0: never a page's 「-0.00」
        if number is not None and in_range(number):  # out of range stays text: the field that wants a number says why
            found = with_text(number, written)  # 1e3 and 0100 keep their text: pages publish it
    if len(value) <= 40 and len(_PLAIN_VALUES) < _REMEMBER:
        _PLAIN_VALUES[value] = found
    return found


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    """Explain a YAML syntax error in the clerk's terms, with the usual fix (quote the value)."""
    mark = found = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    colon = _full_width_colon(text, mark.line if mark else None)
    if colon is not None:
        return Problem(Severity.ERROR, "YAML 语法错误：键后面的冒号是全角「：」，请改为半角冒号加空格「: 」",
                       file=file, line=colon + 1)
    spaceless = _colon_without_space(text, mark.line if mark else None)
    if spaceless is not None:
        return Problem(Severity.ERROR, spaceless[1], file=file, line=spaceless[0] + 1)
    outdented = _outdented_key(text, mark.line) if mark is not None and "mapping values" in (exc.problem or "") else None
    if outdented is not None:
        return Problem(Severity.ERROR, outdented[1], file=file, line=outdented[0] + 1)
    hint, note = "", ""
    opened = _OPENED.get(exc.context or "")
    if opened and exc.context_mark is not None and mark is not None and exc.context_mark.line < mark.line:
        # the parser notices an unclosed bracket or quote lines later (or at the end of the file):
        # the line to fix is where it opened
        until = "文件末尾" if mark.line >= len(text.splitlines()) else f"第 {mark.line + 1} 行"
        note = f"（这一行的{opened}到{until}仍未闭合）"
        mark = exc.context_mark
        line = mark.line + 1
    if mark is not None:
        row = text.splitlines()[mark.line] if mark.line < len(text.splitlines()) else ""
        _, _, after = row.partition(":")
        first = after.strip()[:1]  # a value that starts with a YAML character is the usual cause
        if first in _TRAP_HINT and not (first in "{[" and _reads_alone(after.strip())):
            example = after.strip() if len(after.strip()) <= 60 else after.strip()[:60] + "…"
            hint = f"；{_TRAP_HINT[first]}，请给整个值加引号，例如 \"{example}\""
    said = f"{exc.problem or ''} {exc.context or ''}"
    detail = next((chinese for english, chinese in _DETAILS.items() if english in said), "")
    if found is not None and "\t" in _indent(text, found.line):  # libyaml does not name the character
        detail = _DETAILS["found a tab character"]
    long_key = _long_key(text, found.line) if found is not None else None
    if long_key is not None:  # the parser says 「缺少冒号」 or 「这里不能出现冒号」 of a colon that is there
        detail, hint = (f"：键太长（{long_key} 个字符，YAML 的键最多 {KEY_LIMIT} 个字符）：冒号前是键名，"
                        "长文字请写在冒号后面作为值"), ""
    if not detail and said.strip():
        detail = f"：格式有误（解析器的说明：{said.strip()}）"
    return Problem(Severity.ERROR, f"YAML 语法错误{detail}{note}{hint}", file=file, line=line)


_OPENED = {"while parsing a flow mapping": "「{」", "while parsing a flow sequence": "「[」",
           "while scanning a quoted scalar": "引号"}
"""The parser's context for a bracket or quote still open when it fails: what opened it."""


KEY_LIMIT = 1024
"""YAML's longest implicit key (a key written without ``? ``), in characters."""
_KEY = re.compile(r"[ \t]*(?:-[ \t]+)*(.*?):(?:[ \t]|$)")


def _long_key(text: str, at: int) -> int | None:
    """The length of the key on 0-based line `at` when it is longer than YAML allows, else None."""
    rows = text.splitlines()
    found = _KEY.match(rows[at]) if 0 <= at < len(rows) and len(rows[at]) > KEY_LIMIT else None
    return len(found[1]) if found is not None and len(found[1]) > KEY_LIMIT else None


def _indent(text: str, at: int) -> str:
    """The leading white space of 0-based line `at` of `text` ("" past its end)."""
    rows = text.splitlines()
    row = rows[at] if 0 <= at < len(rows) else ""
    return row[:len(row) - len(row.lstrip())]


def _full_width_colon(text: str, at: int | None) -> int | None:
    """The 0-based line, at or just above the parser's mark, whose key is followed by a full-width
    colon and no ASCII one (「score：9.88」 typed with a Chinese input method); the parser notices it
    only on the next line."""
    if at is None:
        return None
    rows = text.splitlines()
    for row in (at, at - 1):
        if 0 <= row < len(rows):
            key, colon, _ = rows[row].partition("：")
            if colon and ":" not in key and re.fullmatch(r"\s*(?:- )?\s*[A-Za-z_][\w ]*", key):
                return row
    return None


_BLOCK_KEY = re.compile(r"( *)([^\s#:\-][^:#]*):(?: +([^\s#].*))?(?: +#.*)?\Z")


def _outdented_key(text: str, at: int) -> tuple[int, str] | None:
    """The 0-based line of a key moved one level out of the mapping it belongs to, and what to say of
    it: in 「budget:」 / 「unit: 万元」 / 「  initial: …」 YAML reads unit as budget's neighbour with the
    indented line as the rest of its value, and the parser's complaint (「这里不能出现冒号」) comes on
    the indented line below, which is right; the key to indent is the one above it."""
    rows = text.splitlines()
    here = _BLOCK_KEY.fullmatch(rows[at]) if 0 <= at < len(rows) else None
    if here is None or not here[1]:
        return None
    above = [row for row in range(at - 1, -1, -1) if rows[row].strip() and not rows[row].lstrip().startswith("#")][:2]
    if len(above) < 2:
        return None
    moved, parent = (_BLOCK_KEY.fullmatch(rows[row]) for row in above)
    if moved is None or parent is None or moved[3] is None or parent[3] is not None \
            or len(moved[1]) >= len(here[1]) or len(parent[1]) != len(moved[1]):
        return None
    key, owner, missing = moved[2].strip(), parent[2].strip(), len(here[1]) - len(moved[1])
    return above[0], (f"YAML 语法错误：键 {key} 缩进少了，离开了它所属的 {owner}：请在 {key} 前面加 {missing} 个空格，"
                      f"与下一行的 {here[2].strip()} 对齐")


_SPACELESS = re.compile(r"\s*(?:- )?([A-Za-z_][A-Za-z0-9_]*):([^\s:]|\u3000)(.*)")


def _colon_without_space(text: str, at: int | None) -> tuple[int, str] | None:
    """The 0-based line, at or just above the parser's mark, of a key whose colon no space follows
    (「region:曲沃县」, or a full-width space 「region:　曲沃县」 typed with a Chinese input method), and
    what to say of it: YAML reads the whole line as one text with no key, and the parser's own
    complaint (「缺少冒号」) comes a line later, of a line that is right."""
    if at is None:
        return None
    rows = text.splitlines()
    for row in (at, at - 1):
        found = _SPACELESS.fullmatch(rows[row]) if 0 <= row < len(rows) else None
        if found is not None:
            key, after = found[1], (found[2] + found[3]).lstrip("\u3000").strip()
            what = "是全角空格「　」" if found[2] == "\u3000" else "缺少空格"
            return row, (f"YAML 语法错误：键 {key} 后面的冒号{what}，YAML 不把它当作键：冒号后要有一个半角空格，"
                         f"请写成「{key}: {after[:40]}」")
    return None


def _reads_alone(value: str) -> bool:
    """Whether a flow mapping or list the row's fault was blamed on reads as YAML by itself (``{county: 25}``):
    then the fault is elsewhere, and 「请给整个值加引号」 would send the clerk to quote what is right."""
    try:
        yaml.compose(value, Loader=_Loader)
    except (yaml.YAMLError, ValueError, RecursionError):
        return False
    return True


_DETAILS = {
    "found undefined alias": "：出现了未定义的别名",
    "expected alphabetic or numeric character": "：* 或 & 后面缺少名称",
    "mapping values are not allowed here": "：这里不能出现冒号（值中含有「: 」时请给整个值加引号）",
    "found character '\\t'": "：不能用 Tab 缩进，请用空格",
    "could not find expected ':'": "：缺少冒号，或者上一行的引号没有闭合",
    "found unexpected end of stream": "：引号或括号没有闭合",
    "expected <block end>, but found": "：缩进不一致",
    "found a tab character": "：不能用 Tab 缩进，请用空格",
    "mapping values are not allowed in this context": "：这里不能出现冒号（值中含有「: 」时请给整个值加引号；也可能是缩进多了）",
    "did not find expected ',' or ']'": "：方括号 [ ] 没有闭合，或其中缺少逗号",
    "did not find expected ',' or '}'": "：花括号 { } 没有闭合，或其中缺少逗号",
    "did not find expected key": "：缩进不一致（同一层的键要对齐），或上一行的引号没有闭合",
    "did not find expected '-' indicator": "：列表项「- 」与同一层的其他内容缩进不一致",
    "did not find expected node content": "：缺少值（例如连续两个逗号），或括号不配对",
    "found unknown escape character": "：双引号内有无效的反斜杠转义（含 \\ 的文字请改用单引号）",
    "found character that cannot start any token": "：出现了不能作为值开头的字符（如 ` 或 @）",
    "but found another document": "：一个文件只能写一个项目（文件中出现了第二个 ---）",
    "found duplicate anchor": "：锚点（& 后的名称）重复",
    "block sequence entries are not allowed in this context": "：这里不能开始列表",
}
