"""The `perfsite` command: check and score data files (other subcommands plug in here)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from perfsite import __version__
from perfsite.checkcache import check_tree
from perfsite.dataset import SITE_FILE
from perfsite.failures import EXIT_CLOSED_PIPE, EXIT_INTERRUPTED, explain
from perfsite.problems import Severity
from perfsite.reader import read_programme
from perfsite.report import check_json, check_text, dumps, score_json, score_text
from perfsite.scoring import score_programme
from perfsite.siteconfig import load_site

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on bad usage; say it in Chinese too
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: 用法错误：{message}\n")


def cmd_check(args: argparse.Namespace) -> int:
    root = Path(args.data_dir)
    if not root.is_dir():
        print(f"perfsite check: 找不到数据目录 {root}", file=sys.stderr)
        return EXIT_USAGE
    data = check_tree(root, use_cache=not args.no_cache)
    print(check_json(data) if args.format == "json" else check_text(data))
    if not data.ok:
        return EXIT_INVALID
    if args.strict and data.count(Severity.DISCREPANCY):
        return EXIT_INVALID
    return EXIT_OK


def cmd_score(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        why = "不是普通文件（目录、管道或设备）" if path.exists() else "找不到文件"
        print(f"perfsite score: {why} {path}：请给出一个项目的 YAML 文件", file=sys.stderr)
        return EXIT_USAGE
    site_path = _find_site(path)
    site, site_problems = load_site(site_path, str(site_path)) if site_path else load_site(Path("/nonexistent"), "")
    prog, problems = read_programme(path, site)
    problems.items[:0] = site_problems.items
    if prog is None:
        for problem in problems.items:
            print(problem.as_text(), file=sys.stderr)
        return EXIT_INVALID
    scored = score_programme(prog, site, problems)
    print(dumps(score_json(scored)) if args.format == "json" else score_text(scored))
    return EXIT_INVALID if scored.has_errors else EXIT_OK


def _find_site(path: Path) -> Path | None:
    """The site.yaml of the data tree a file lives in (grade bands may differ from the defaults)."""
    for folder in path.resolve().parents:
        candidate = folder / SITE_FILE
        if candidate.exists() or candidate.is_symlink():  # a folder or link named site.yaml: load_site says so
            return candidate
    return None


Command = tuple[str, str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]


def _check_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("data_dir", nargs="?", default="data", help="数据目录（默认 data）")
    p.add_argument("--strict", action="store_true", help="公布数字与计算不一致时也返回失败")
    p.add_argument("--no-cache", action="store_true", help="不使用缓存，重新读取每个文件")
    p.add_argument("--format", choices=("text", "json"), default="text")


def _score_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="一个项目的 YAML 文件")
    p.add_argument("--format", choices=("text", "json"), default="text")


COMMANDS: list[Command] = [
    ("check", "检查数据目录中的所有文件，列出全部问题", _check_args, cmd_check),
    ("score", "计算一个项目的得分与等级", _score_args, cmd_score),
]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="perfsite", description="预算绩效评价信息公开：检查、计分与建站")
    parser.add_argument("--version", action="version", version=f"perfsite {__version__}")
    parser.add_argument("--debug", action="store_true", help="出现意外错误时显示 Python 的详细出错信息")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, help_text, add_args, run in COMMANDS + _plugin_commands():
        p = sub.add_parser(name, help=help_text, description=help_text)
        add_args(p)
        p.set_defaults(run=run)
    return parser


def _plugin_commands() -> list[Command]:
    """Subcommands that live in their own modules (import, template, new, demo), when present."""
    found: list[Command] = []
    import importlib

    for module in ("perfsite.importing.commands", "perfsite.demo", "perfsite.site.commands", "perfsite.scaffold"):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name and module.startswith(exc.name):
                continue
            raise
        found.extend(getattr(mod, "COMMANDS", []))
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Run a subcommand; whatever it did not expect ends as one Chinese sentence and an exit code,
    never a traceback (`--debug` shows it; the log file keeps it)."""
    words = list(sys.argv[1:] if argv is None else argv)
    command = next((f"perfsite {w}" for w in words if w in _ACTION), "perfsite")
    try:
        args = build_parser().parse_args(words)
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


_ACTION = {"check": "检查数据", "score": "计分", "import": "导入", "template": "生成模板", "new": "生成空白文件",
           "demo": "生成演示数据", "build": "生成网站", "serve": "预览网站", "init": "新建网站仓库"}
"""What each subcommand was doing, for the message of a failure it did not expect."""


def _quiet_stdout() -> None:
    """Point stdout at /dev/null: flushing what is left into a closed pipe at exit would print
    a second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
