"""The `perfsite` command: check and score data files (other subcommands plug in here).

Each command imports what it runs when it runs: the parser is built for every command, and
importing the checker and the import pipeline (python-docx, openpyxl, numpy) to build it would
cost every command, `perfsite build` among them (its work happens in the `mkdocs build` it
starts), 0.43 CPU s more: 0.85 against 0.42 CPU s (Intel 2.8 GHz, five runs each, alternating)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from perfsite import __version__
from perfsite.argparse_zh import ChineseParser
from perfsite.failures import EXIT_CLOSED_PIPE, EXIT_INTERRUPTED, explain
from perfsite.markup import one_line
from perfsite.progress import terminal_bar
from perfsite.siteconfig import DATA_HELP, SITE_FILE, DataFolder, missing_data, site_data_folder

if TYPE_CHECKING:
    from perfsite.dataset import Dataset

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def cmd_check(args: argparse.Namespace) -> int:
    from perfsite.checkcache import check_tree
    from perfsite.problems import Severity

    folder = DataFolder(Path(args.data_dir)) if args.data_dir is not None else site_data_folder()
    root = folder.path
    if not root.is_dir():
        why = "是一个文件，不是数据目录：请给出存放 YAML 文件的目录（如 data）" if root.is_file() else ""
        print(f"perfsite check: {root} {why}" if root.is_file() else f"perfsite check: {missing_data(folder)}",
              file=sys.stderr)
        return EXIT_USAGE
    if args.since is not None:
        from perfsite.published_diff import check_revision

        refused = check_revision(root, args.since)
        if refused is not None:
            print(f"perfsite check: 错误：{refused}", file=sys.stderr)
            return EXIT_USAGE
    started = time.perf_counter()
    bar = terminal_bar(sys.stderr, "个文件")
    try:
        data = check_tree(root, use_cache=not args.no_cache, progress=bar)
    finally:  # also after Ctrl-C: its message starts a clean line
        if bar is not None:
            bar.clear()
    if args.since is not None:
        from perfsite.published_diff import GitError, published_changes

        try:
            data.problems.extend(published_changes(root, args.since, data.site))
        except GitError as error:  # the repository changed under us, or git failed: say so, compare nothing
            print(f"perfsite check: 错误：用 git 读取 {args.since} 的版本失败：{error}", file=sys.stderr)
            return EXIT_USAGE
    print(_check_output(data, args.format, args.verbose, time.perf_counter() - started))
    from perfsite.scaffold.placeholders import notice

    examples = notice(root, data.facts) if args.format != "json" else ""  # JSON readers take the one document
    if examples:
        sys.stdout.flush()  # after the report, also where both go to one log
        print(examples, file=sys.stderr)
    if not data.ok:
        return EXIT_INVALID
    if args.strict and data.count(Severity.DISCREPANCY):
        return EXIT_INVALID
    return EXIT_OK


def _check_output(data: Dataset, form: str, verbose: bool, seconds: float) -> str:
    from perfsite.report import check_json, check_text, github_lines, summary
    from perfsite.targets_check import waiting_lines

    if form == "json":
        return check_json(data, seconds)
    if form == "github":  # the annotations, then the 尚无自评 count and the summary line the log ends with
        waiting = waiting_lines((f.kind, f.year, f.id, f.department) for f in data.facts)
        return "\n".join([*github_lines(data.problems, verbose), *waiting, summary(data, seconds)])
    return check_text(data, verbose, seconds)


def cmd_score(args: argparse.Namespace) -> int:
    from perfsite.department import DepartmentDocument
    from perfsite.documents import read_document
    from perfsite.kinds import KINDS
    from perfsite.rectification import Rectification
    from perfsite.report import (
        department_json,
        department_text,
        dumps,
        score_json,
        score_text,
        targets_json,
        targets_text,
    )
    from perfsite.reports import EvaluationReport
    from perfsite.scoring import score_programme
    from perfsite.siteconfig import load_site
    from perfsite.targets import TargetTable

    path = Path(args.file)
    if not path.is_file():
        why = "不是普通文件（目录、管道或设备）" if path.exists() else "找不到文件"
        print(f"perfsite score: {why} {path}：请给出一个项目的 YAML 文件", file=sys.stderr)
        return EXIT_USAGE
    if path.suffix.lower() in _ORIGINALS:  # a clerk's form, not yet imported: the YAML reader would call it GBK
        print(f"perfsite score: {path} 是{_ORIGINALS[path.suffix.lower()]}，不是数据文件：请先用 perfsite import {path} "
              "导入，再对生成的 YAML 文件计分", file=sys.stderr)
        return EXIT_USAGE
    site_path = _find_site(path)
    site, site_problems = load_site(site_path, str(site_path)) if site_path else load_site(Path("/nonexistent"), "")
    prog, problems = read_document(path, site)
    problems.items[:0] = site_problems.items
    if prog is None:
        for problem in problems.items:
            print(problem.as_text(), file=sys.stderr)
        return EXIT_INVALID
    if isinstance(prog, DepartmentDocument):  # a self-evaluation is scored as it is read
        print(dumps(department_json(prog, problems.items)) if args.format == "json" else department_text(prog, problems.items))
        return EXIT_INVALID if problems.has_errors else EXIT_OK
    if isinstance(prog, TargetTable):  # targets are not scored: shown as read, with their checks
        print(dumps(targets_json(prog, problems.items)) if args.format == "json" else targets_text(prog, problems.items))
        return EXIT_INVALID if problems.has_errors else EXIT_OK
    if isinstance(prog, EvaluationReport | Rectification):  # a report's table was scored as it was read
        if not isinstance(prog, EvaluationReport) or prog.scored is None:
            for problem in problems.items:
                print(problem.as_text(), file=sys.stderr)
            print(f"{prog.file}：{KINDS[prog.kind].label}没有评分表，不计分；请用 perfsite check 检查", file=sys.stderr)
            return EXIT_INVALID if problems.has_errors else EXIT_OK
        print(dumps(score_json(prog.scored)) if args.format == "json" else score_text(prog.scored))
        return EXIT_INVALID if prog.scored.has_errors else EXIT_OK
    scored = score_programme(prog, site, problems)
    print(dumps(score_json(scored)) if args.format == "json" else score_text(scored))
    return EXIT_INVALID if scored.has_errors else EXIT_OK


_ORIGINALS = {**dict.fromkeys((".docx", ".doc", ".wps", ".docm"), " Word 文件"),
              **dict.fromkeys((".xlsx", ".xls", ".et", ".xlsm"), " Excel 文件"), ".pdf": " PDF 文件", ".ofd": " OFD 文件", ".csv": " CSV 表"}


def _find_site(path: Path) -> Path | None:
    """The site.yaml of the data tree a file lives in (grade bands may differ from the defaults)."""
    for folder in path.resolve().parents:
        candidate = folder / SITE_FILE
        if candidate.exists() or candidate.is_symlink():  # a folder or link named site.yaml: load_site says so
            return candidate
    return None


Command = tuple[str, str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]


def _check_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("data_dir", nargs="?", metavar="数据目录", help=DATA_HELP)
    p.add_argument("--strict", action="store_true", help="公布数字与计算不一致时也返回失败")
    p.add_argument("--no-cache", action="store_true", help="不使用缓存，重新读取每个文件")
    p.add_argument("--format", choices=FORMATS, default="text", help=FORMAT_HELP)
    p.add_argument("--since", metavar="版本",
                   help="与 git 中已公开的版本（如 origin/main、HEAD~1、标签）比较：已公开的数字、文字改动了而没有新增"
                        "更正记录，或已公开的文件被删除，都是错误")
    p.add_argument("--verbose", "-v", action="store_true",
                   help="列出全部问题（默认每类问题超过 10 条时只列出各类的条数和前 5 条；错误总是全部列出）")


FORMATS = ("text", "json", "github")
FORMAT_HELP = ("结果的格式：text（默认，给人看）、json（一份 JSON 文档，供其他程序读取）或 github"
               "（GitHub Actions 的注解，问题显示在提交和合并请求的文件上）")


def _score_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="文件", help="一个项目的 YAML 文件（自评表计分；绩效目标表不计分，列出目标并核对资金和权重）")
    p.add_argument("--format", choices=("text", "json"), default="text")


COMMANDS: list[Command] = [
    ("check", "检查数据目录中的所有文件，列出全部问题", _check_args, cmd_check),
    ("score", "计算一个项目的得分与等级", _score_args, cmd_score),
]


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseParser(prog="perfsite", description="预算绩效评价信息公开：检查、计分与建站", command_words=COMMAND_WORDS)
    parser.add_argument("--version", action="version", version=f"perfsite {__version__}")
    parser.add_argument("--debug", action="store_true", help="出现意外错误时显示程序的详细出错信息（供技术人员排查）")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=ChineseParser)
    for name, help_text, add_args, run in COMMANDS + _module_commands():
        p = sub.add_parser(name, help=help_text, description=help_text)
        add_args(p)
        p.set_defaults(run=run)
    return parser


def _module_commands() -> list[Command]:
    """Subcommands that live next to what they run (import, demo, build and serve, init)."""
    from perfsite.demo import COMMANDS as DEMO
    from perfsite.importing.commands import COMMANDS as IMPORTING
    from perfsite.scaffold import COMMANDS as INIT
    from perfsite.site.commands import COMMANDS as SITE

    return [*IMPORTING, *DEMO, *SITE, *INIT]


def main(argv: Sequence[str] | None = None) -> int:
    """Run a subcommand; whatever it did not expect ends as one Chinese sentence and an exit code,
    never a traceback (`--debug` shows it; the log file keeps it)."""
    words = list(sys.argv[1:] if argv is None else argv)
    command = next((f"perfsite {w}" for w in words if w in _ACTION), "perfsite")
    _quiet_readers()
    try:
        args = _parsed(words, command)
        code = args.run(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
        return code
    except KeyboardInterrupt:
        _quiet_stdout()
        print(f"{command}: 已中断（Ctrl-C），未完成的临时文件已删除", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `perfsite check data | head -1`: the reader has what it wanted
        _quiet_stdout()
        return EXIT_CLOSED_PIPE
    except Exception as error:
        if "--debug" in words:
            raise
        _quiet_stdout()
        print(f"{command}: {explain(error, _ACTION.get(command.removeprefix('perfsite '), '运行'))}（加 --debug 可显示详细出错信息）",
              file=sys.stderr)
        return EXIT_INVALID


def _parsed(words: list[str], command: str) -> argparse.Namespace:
    """The arguments; after a usage error, a word naming a file whose name starts with 「-」 is said to
    be one: argparse takes it for an option, and 「缺少必须给出的参数：FILE」 alone left the clerk
    looking at a file that is plainly there."""
    try:
        return build_parser().parse_args(words)
    except SystemExit as exit_:
        if exit_.code == EXIT_USAGE:
            for word in words:
                if word.startswith("-") and word != "-" and os.path.lexists(word):
                    print(f"提示：「{one_line(word)}」是一个文件，但以 - 开头的文件名会被当作选项：请写成 ./{one_line(word)}"
                          f"（或在文件名前加上 --，如 {command} -- {one_line(word)}）", file=sys.stderr)
        raise


_ACTION = {"check": "检查数据", "score": "计分", "import": "导入", "template": "生成模板", "new": "生成空白文件",
           "demo": "生成演示数据", "build": "生成网站", "serve": "预览网站", "init": "新建网站仓库"}
"""What each subcommand was doing, for the message of a failure it did not expect."""
COMMAND_WORDS = {phrase: command for command, phrase in _ACTION.items()} | {word: command for command, words in (
    ("check", ("检查", "校验", "核对", "核验", "查错")),
    ("score", ("评分", "打分", "算分", "得分")),
    ("import", ("导入数据", "读入")),
    ("template", ("模板", "填报模板")),
    ("new", ("新建", "新建文件", "空白文件")),
    ("demo", ("演示", "演示数据")),
    ("build", ("生成", "建站", "构建", "发布")),
    ("serve", ("预览",)),
    ("init", ("初始化", "新建网站")),
) for word in words}
"""A command typed as a clerk says it (`perfsite 导入`), answered with the command it is: what each
does (_ACTION) and the other words for it."""


QUIET_LOGGERS = ("pdfminer", "pdfplumber")
"""Readers that log what they make of a damaged PDF in English (「Could not get FontBBox from font
descriptor because None cannot be parsed as 4 floats」, once a font): with no handler of ours Python
prints each on the clerk's terminal, who can do nothing with it. What the import makes of the file is
said in Chinese; a reader's own failure goes to the log file (`failures.record`)."""


def _quiet_readers() -> None:
    for name in QUIET_LOGGERS:
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())


def _quiet_stdout() -> None:
    """Point stdout at /dev/null: flushing what is left into a closed pipe at exit would print
    a second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
