"""argparse in Chinese: `perfsite -h`, usage lines and usage errors for a clerk who reads no English.

argparse builds its messages from English templates; a parser of this class gives its help
its Chinese headings and turns each usage error back into its template (MESSAGES, matched as
a whole) to say it in Chinese. A message a future Python words differently keeps its English
text after the Chinese `用法错误：`, never a traceback.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any, NoReturn

EXIT_USAGE = 2

MESSAGES: tuple[tuple[str, str], ...] = (
    ("argument %(argument_name)s: %(message)s", "参数 {argument_name}：{message}"),
    ("the following arguments are required: %s", "缺少必须给出的参数：{0}"),
    ("unrecognized arguments: %s", "无法识别的参数：{0}（用 -h 查看可用的参数）"),
    ("invalid choice: %(value)r (choose from %(choices)s)", "{value}不是可选的值，可选：{choices}"),
    ("invalid %(type)s value: %(value)r", "{value}不是有效的{type}"),
    ("expected one argument", "后面需要给出一个值"),
    ("expected at most one argument", "后面最多给出一个值"),
    ("expected at least one argument", "后面至少需要给出一个值"),
    ("expected %s argument", "后面需要给出 {0} 个值"),
    ("expected %s arguments", "后面需要给出 {0} 个值"),
    ("ambiguous option: %(option)s could match %(matches)s", "选项 {option} 不明确，可能是 {matches}"),
    ("unexpected option string: %s", "不应出现选项 {0}"),
    ("not allowed with argument %s", "不能与参数 {0} 同时使用"),
    ("ignored explicit argument %r", "不接受值 {0}"),
    ("one of the arguments %s is required", "须给出参数 {0} 之一"),
)
"""argparse's usage-error templates (as in its gettext catalogue) and what a clerk reads instead."""

TYPE_NAMES = {"int": "整数", "float": "数字", "str": "文字"}
"""The `type=` functions perfsite's commands use, as `invalid %(type)s value` names them."""

HEADINGS = {"positional arguments": "参数", "options": "选项", "optional arguments": "选项"}
"""argparse's section headings; 「位置参数」 is a programmer's word: a clerk reads 参数 (what is typed
after the command: a folder, a file) beside 选项 (what starts with -)."""

METAVARS = {"out": "位置", "folder": "文件夹", "year": "年度", "name": "名称", "evaluator": "评价机构", "id": "编号",
            "seed": "种子", "n": "个数", "site_dir": "目录", "config_file": "文件", "title": "名称", "wait": "秒数"}
"""What the help shows after an option that takes a value, by the option's name, where its command gave
none: argparse shows the name in capitals (「--year YEAR」, 「--config-file CONFIG_FILE」)."""

_FIELD = re.compile(r"%(?:\((\w+)\))?[sr]")


def _pattern(template: str) -> re.Pattern[str]:
    """A template as a regular expression: each `%(name)s` or `%s` a named group."""
    out, last, index = [], 0, 0
    for match in _FIELD.finditer(template):
        out.append(re.escape(template[last:match.start()]))
        name = match.group(1) or f"_{index}"
        index += not match.group(1)
        out.append(f"(?P<{name}>.+?)")
        last = match.end()
    out.append(re.escape(template[last:]))
    return re.compile("".join(out) + r"\Z", re.DOTALL)


_TABLE = [(_pattern(english), chinese) for english, chinese in MESSAGES]


def translate(message: str) -> str:
    """An argparse usage error in Chinese; unknown messages are kept as they are."""
    for pattern, chinese in _TABLE:
        match = pattern.match(message)
        if match is None:
            continue
        fields = match.groupdict()
        if "message" in fields:
            fields["message"] = translate(fields["message"])
        if "type" in fields:
            fields["type"] = TYPE_NAMES.get(fields["type"], fields["type"])
        if "value" in fields:  # argparse quotes what was typed as Python does ('soon')
            fields["value"] = f"「{_unquoted(fields['value'])}」"
        if "choices" in fields:
            fields["choices"] = "、".join(_unquoted(choice.strip()) for choice in fields["choices"].split(","))
        positional = [fields[k] for k in sorted(fields) if k.startswith("_")]
        return chinese.format(*positional, **{k: v for k, v in fields.items() if not k.startswith("_")})
    return message


HELP_WORDS = frozenset({"帮助", "说明", "用法", "help", "?", "？"})
"""Words typed for help in place of a command: answered with the option that gives it."""


def _unquoted(text: str) -> str:
    """A value as typed, without the quotes Python's repr gave it."""
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"" else text


def unknown_command(word: str, commands: list[str], prog: str, words: Mapping[str, str] | None = None) -> str:
    """What a clerk reads for a command typed wrong: the likeliest one meant (difflib's closest, as
    `git` does), then every command, since a word close to none may be a command under another name.
    `words`: the commands' Chinese names (导入 → import), which spelling distance never finds."""
    if word.strip() in HELP_WORDS:
        return f"没有 {word} 这个命令：查看帮助请用 {prog} -h（某个命令的帮助：{prog} 命令 -h，如 {prog} check -h）"
    meant_word = (words or {}).get(word.strip())
    close = [meant_word] if meant_word else difflib.get_close_matches(word, commands, n=1)
    meant = f"，是不是要用 {close[0]}？" if close else "。"
    usage = f"（命令用英文写：{prog} {close[0]} …）" if meant_word else ""
    return f"没有 {word} 这个命令{meant}{usage}可用的命令：{'、'.join(commands)}（{prog} -h 列出各命令的用途）"


def display_width(text: str) -> int:
    """The columns a terminal gives `text`: a wide or full-width character (汉字, 「，」) takes two.
    argparse counts characters, so beside 「文件」 the help column began two columns late, and help
    wrapped at 78 characters ran to 150 columns."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


_PIECES = re.compile(r"\s+|[!-~]+|.")
"""What a help line may break between: spaces, runs of ASCII (a word, an option, 「.xlsx/.xls」) kept
whole, and any other character alone (Chinese breaks between any two characters)."""
_NO_LINE_START = frozenset("，。、；：？！）」』】》”’%")
"""Punctuation a Chinese line never begins with: it stays at the end of the line before."""


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` columns; one closing punctuation mark may hang past it."""
    lines: list[str] = []
    line, used = "", 0
    for piece in _PIECES.findall(" ".join(text.split())):
        size = display_width(piece)
        if piece == " ":
            if line:
                line, used = line + piece, used + size
            continue
        hangs = piece[0] in _NO_LINE_START and used + size <= width + 2
        while used + size > width and line.strip() and not hangs:
            lines.append(line.rstrip())
            line, used = "", 0
            if size > width:  # an ASCII run longer than a line: broken where the line ends
                cut = _fitting(piece, width)
                lines.append(piece[:cut])
                piece, size = piece[cut:], display_width(piece[cut:])
        line, used = line + piece, used + size
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _fitting(piece: str, width: int) -> int:
    """How many leading characters of `piece` fit in `width` columns (at least one)."""
    used = 0
    for index, char in enumerate(piece):
        used += display_width(char)
        if used > width:
            return max(index, 1)
    return len(piece)


_USAGE_PARTS = re.compile(r"\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+")
"""The pieces a usage line breaks between, as argparse splits them: an option with its value
(「[--out 位置]」), a group, a positional."""


def _usage_lines(parts: list[str], width: int, start: int, indent: int) -> list[str]:
    """`parts` filled into lines of at most `width` columns (a part wider than a line alone on one):
    the first line continues after `start` columns, each later one begins with `indent` spaces."""
    lines: list[str] = []
    line: list[str] = []
    used = start - 1
    for part in parts:
        size = display_width(part)
        if line and used + 1 + size > width:
            lines.append(" ".join(line))
            line, used = [], indent - 1
        line.append(part)
        used += size + 1
    if line:
        lines.append(" ".join(line))
    return lines[:1] + [" " * indent + line for line in lines[1:]]


class ChineseHelpFormatter(argparse.HelpFormatter):
    """Help with a Chinese `用法：` line, headings ending in 「：」, and columns counted in display
    width, so the help column lines up beside Chinese argument names and help wraps at the
    terminal's edge."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._headings: set[str] = set()
        """The heading lines as argparse writes them, with their indent and ASCII colon."""

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def _format_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None) -> str:
        """argparse's usage lines, wrapped by display width as argparse lays them out: it counts
        characters, so 「用法：perfsite new …」 with its Chinese value names ran to 86 columns at 80,
        and its later lines began 3 columns left of the first line's options (「用法：」 is 3
        characters, 6 columns)."""
        parts_of = getattr(self, "_format_actions_usage", None)
        if usage is not None or not actions or parts_of is None:
            return str(super()._format_usage(usage, actions, groups, prefix))
        prefix = "用法：" if prefix is None else prefix
        prog, width, lead = self._prog, self._width - self._current_indent, display_width(prefix)
        optionals = _USAGE_PARTS.findall(parts_of([a for a in actions if a.option_strings], groups))
        positionals = _USAGE_PARTS.findall(parts_of([a for a in actions if not a.option_strings], groups))
        whole = " ".join([prog, *optionals, *positionals])
        if lead + display_width(whole) <= width:
            lines = [whole]
        elif lead + display_width(prog) <= 0.75 * width:  # options beside the command, aligned under its first
            indent = lead + display_width(prog) + 1
            first = [prog, *optionals] if optionals else [prog, *positionals]
            lines = _usage_lines(first, width, lead, indent)
            if optionals and positionals:
                lines += [" " * indent + line.lstrip(" ") for line in _usage_lines(positionals, width, indent, indent)]
        else:  # a long command on its own line, the options under it
            lines = [prog] + [" " * lead + line.lstrip(" ") for group in (optionals, positionals) if group
                              for line in _usage_lines(group, width, lead, lead)]
        return prefix + "\n".join(lines) + "\n\n"

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            widest = max(display_width(text) for text in self._invocations(action))
            self._action_max_length = max(self._action_max_length, widest + self._current_indent)

    def _invocations(self, action: argparse.Action) -> Iterable[str]:
        yield self._format_action_invocation(action)
        for sub in self._iter_indented_subactions(action):
            yield self._format_action_invocation(sub)

    def _format_action(self, action: argparse.Action) -> str:
        """argparse's layout, its first line re-padded by display width: argparse pads the name with
        spaces by its character count, and puts a name that fits by characters but not by columns
        on the help's line, so the help column jumps beside a Chinese name."""
        text = super()._format_action(action)
        header = self._format_action_invocation(action)
        wider = display_width(header) - len(header)
        if not wider or not action.help:
            return text
        position = min(self._action_max_length + 2, self._max_help_position)
        start = " " * self._current_indent + header
        first, _, rest = text.partition("\n")
        if not first.startswith(start) or not first[len(start):].startswith("  "):
            return text  # argparse already put the help on the next line
        room = position - self._current_indent - 2 - display_width(header)
        helped = first[len(start):].lstrip(" ")
        if room >= 0:
            return f"{start}{' ' * (room + 2)}{helped}\n{rest}"
        return f"{start}\n{' ' * position}{helped}\n{rest}"

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, width))

    def start_section(self, heading: str | None) -> None:
        super().start_section(heading)
        if heading:
            self._headings.add(" " * (self._current_indent - self._indent_increment) + f"{heading}:")

    def format_help(self) -> str:
        """argparse ends each heading with an ASCII colon (「选项:」): a Chinese heading ends in 「：」."""
        lines = super().format_help().split("\n")
        return "\n".join(f"{line[:-1]}：" if line in self._headings else line for line in lines)

class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and usage errors are in Chinese; bad usage exits 2.
    `command_words`: Chinese words for its commands, named when one is typed as a command."""

    def __init__(self, *args: Any, add_help: bool = True, command_words: Mapping[str, str] | None = None,
                 **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        self.command_words = dict(command_words or {})
        for group in self._action_groups:
            group.title = HEADINGS.get(group.title or "", group.title)
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        if kwargs.get("action") == "version":
            kwargs.setdefault("help", "显示版本号并退出")
        if args and all(str(arg).startswith("-") for arg in args) and kwargs.get("action", "store") == "store":
            dest = kwargs.get("dest") or max(args, key=len).lstrip("-").replace("-", "_")
            if dest in METAVARS:
                kwargs.setdefault("metavar", METAVARS[dest])
        return super().add_argument(*args, **kwargs)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        """A word that is no command is named with the command it is closest to (`perfsite imprt`:
        「没有 imprt 这个命令，是不是要用 import？」) and the list of commands, not as a choice whose
        allowed values argparse quotes in English style (「'imprt' 不是可选的值，可选：'check', …」)."""
        if isinstance(action, argparse._SubParsersAction) and value not in (action.choices or {}):
            raise argparse.ArgumentError(None, unknown_command(str(value), list(action.choices or {}), self.prog,
                                                               self.command_words))
        super()._check_value(action, value)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: 用法错误：{translate(message)}\n")
