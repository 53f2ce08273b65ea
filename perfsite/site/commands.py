"""`perfsite build`: MkDocs (in a subprocess) into a folder of its own, then published safely.

`make site` calls it. The publishing rules are perfsite.site.publish's; this module runs MkDocs
and keeps its output readable for a clerk and a CI log: a traceback from MkDocs goes to the log
file and the user gets one sentence; MkDocs' English "Aborted …" lines become the reason in our
one Chinese failure line; its routine INFO lines, Material's end-of-support banner and the
hook's progress reports (drawn as a bar on a terminal) stay out of the log; the run ends with
one summary line (programmes, errors, discrepancies, seconds).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from perfsite.failures import log_file
from perfsite.processes import signals_kept
from perfsite.progress import PROGRESS_ENV, VERBOSE_ENV, Bar, read_report, read_tally, terminal_bar, took
from perfsite.report import counts_text
from perfsite.site.buildcache import CACHE_ENV, FOLDER
from perfsite.site.publish import (
    ALLOW_DROP_ENV,
    LIVE_ENV,
    MANIFEST,
    STAGED_ENV,
    Manifest,
    PublishError,
    Staging,
    build_lock,
    drop_message,
    foreign,
    read_manifest,
    swap,
    sweep,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
WAIT_SECONDS = 1800
"""How long a build waits for another build of the same output (a 100,000-programme build takes minutes)."""
STOP_SECONDS = 30
"""How long MkDocs gets to stop after Ctrl-C before it and its workers are killed."""
TRUE = ("1", "yes", "true", "on")


def _build_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--site-dir", default="site", help="发布目录（默认 site）")
    p.add_argument("--config-file", default="mkdocs.yml", help="MkDocs 配置文件（默认 mkdocs.yml）")
    p.add_argument("--allow-drop", action="store_true",
                   help=f"项目数比正在公开的网站减少超过 10%% 时也发布（也可设环境变量 {ALLOW_DROP_ENV}=1）")
    p.add_argument("--wait", type=float, default=WAIT_SECONDS,
                   help=f"另一次生成正在写入同一目录时最多等待的秒数（默认 {WAIT_SECONDS}）")
    p.add_argument("--verbose", "-v", action="store_true",
                   help="列出数据中的全部问题和 MkDocs 的全部消息（默认每类问题超过 10 条时只列出条数和前 5 条）")
    p.add_argument("--cache-dir", metavar="目录",
                   help=f"构建缓存目录（默认 mkdocs.yml 旁的 {FOLDER}/，也可设环境变量 {CACHE_ENV}）："
                        "只重做改动的文件影响到的页面、/data/ 年度文件和检索索引")
    p.add_argument("--no-cache", action="store_true", help="不使用构建缓存，全部重新生成（也不写缓存）")


def cmd_build(args: argparse.Namespace) -> int:
    live = Path(args.site_dir).absolute()
    config = Path(args.config_file)
    if not config.is_file():
        print(f"perfsite build: 找不到 MkDocs 配置文件 {config}：请在项目目录中运行，或用 --config-file 指定",
              file=sys.stderr)
        return EXIT_USAGE
    if live.exists() and not live.is_dir():
        print(f"perfsite build: {args.site_dir} 已存在但不是目录：请移走它或换一个 --site-dir", file=sys.stderr)
        return EXIT_USAGE
    refusal = foreign(live, config.absolute().parent)
    if refusal:
        print(f"perfsite build: {refusal}", file=sys.stderr)
        return EXIT_USAGE
    live.parent.mkdir(parents=True, exist_ok=True)
    allow = args.allow_drop or os.environ.get(ALLOW_DROP_ENV, "").strip().lower() in TRUE
    relay = Relay(args.verbose)
    if args.no_cache:
        relay.env[CACHE_ENV] = "0"
    elif args.cache_dir:
        relay.env[CACHE_ENV] = str(Path(args.cache_dir).absolute())
    try:
        with exit_on_terminate(), build_lock(live, args.wait, lambda line: print(line, file=sys.stderr, flush=True)):
            for folder in sweep(live):
                print(f"已删除上次中断的生成留下的临时目录 {folder.name}", file=sys.stderr)
            return _build_and_publish(live, config, args.site_dir.rstrip("/"), allow, relay)
    except PublishError as error:
        print(f"perfsite build: {error}", file=sys.stderr)
        return EXIT_FAILED


@contextlib.contextmanager
def exit_on_terminate() -> Iterator[None]:
    """SIGTERM (a cancelled CI job, `kill`) ends the build like Ctrl-C: MkDocs is stopped and the
    build's folder removed (the default action would leave both). Only while the build runs: a
    process that called cmd_build in-process (a test run) gets its own SIGTERM behaviour back, so
    a later `kill` still ends it instead of raising inside whatever it runs next."""
    def terminate(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    if signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:  # someone else owns SIGTERM
        yield
        return
    signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _build_and_publish(live: Path, config: Path, shown: str, allow: bool, relay: Relay) -> int:
    staging = Staging.create(live)
    try:
        if run_mkdocs(config, staging, None if allow else live, relay) != 0:
            print(f"perfsite build: 生成失败（{relay.reason or '原因见上'}），{shown}/ 保持不变{relay.closing()}",
                  file=sys.stderr)
            return EXIT_FAILED
        if not (staging.site / MANIFEST).is_file():
            raise PublishError(f"生成的网站缺少 {MANIFEST}：mkdocs.yml 中是否仍启用了 perfsite 插件（plugins: [perfsite]）或 hooks/perfsite_hook.py？")
        after = read_manifest(staging.site) or Manifest()
        refusal = drop_message(read_manifest(live), after, Path(shown))  # the hook checked early; this is what was built
        if refusal and not allow:
            print(f"perfsite build: {refusal}", file=sys.stderr)
            return EXIT_FAILED
        swap(staging.site, live, staging.root / "old")
        print(f"已发布 {after.published_text()}到 {shown}/{relay.closing()}", file=sys.stderr)
        return EXIT_OK
    finally:
        staging.remove()


def run_mkdocs(config: Path, staging: Staging, live: Path | None, relay: Relay | None = None) -> int:
    """`mkdocs build --strict` into the staging folder, its temporary files in the staging folder
    too; its own session, so Ctrl-C reaches this process, which stops it and its workers. With
    `live`, the hook stops early when the data has markedly fewer programmes than that site.
    Its messages pass through `relay`."""
    relay = relay or Relay()
    env = {**os.environ, "TMPDIR": str(staging.tmp), **QUIET_ENV, PROGRESS_ENV: "1", **relay.env}
    env.pop(LIVE_ENV, None)
    env[STAGED_ENV] = "1"
    env.pop(VERBOSE_ENV, None)
    if live is not None:
        env[LIVE_ENV] = str(live)
    if relay.verbose:
        env[VERBOSE_ENV] = "1"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
               "--site-dir", str(staging.site)]
    process: subprocess.Popen[bytes] | None = None
    try:
        with signals_kept():  # a SIGTERM as MkDocs starts stops it, not lost in the fork
            # one pipe for both: MkDocs (click) says "Aborted …" on stdout, everything else on stderr
            process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                       **_own_group())
        assert process.stdout is not None
        relay.read(process.stdout)
        return process.wait()
    except BaseException:
        if process is not None:
            _stop(process)
        raise
    finally:
        relay.clear()
        if process is not None:
            _kill_group(process)  # forked workers left behind by a failed build


QUIET_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
"""Keep Material's end-of-support banner (and its note on a third-party notice) out of the log:
twelve coloured English lines a clerk cannot act on, printed by every build."""

ROUTINE = tuple(re.compile(p) for p in (
    r"INFO +- +Cleaning site directory$",
    r"INFO +- +Building documentation to directory: ",
    r"INFO +- +Documentation built in [\d.]+ seconds$",
))
"""MkDocs' lines on every build: the build folder is our staging folder (not the site the user
named) and the summary line says the time; shown with --verbose."""

ABORTED = (
    (re.compile(r"Aborted!$"), ""),  # click's word after Ctrl-C or an error: said already, or said by us
    (re.compile(r"Aborted with a BuildError!$"), "原因见上"),
    (re.compile(r"Aborted with (.+) in strict mode!$"), "MkDocs 报告了{0}，严格模式下不发布：请按上面的提示修改"),
    (re.compile(r"Aborted with a configuration error!$"), "MkDocs 配置有错误（见上）：请检查 mkdocs.yml"),
    (re.compile(r"Aborted with (\d+) configuration warnings in 'strict' mode!$"),
     "mkdocs.yml 有 {0} 处配置警告，严格模式下不发布：请检查 mkdocs.yml"),
)
"""MkDocs' (click's) last English line of a refused build → the reason our one failure line gives."""

LEVELS = {"warnings": "警告", "errors": "错误"}

PREFIXED = re.compile(r"(INFO|WARNING|ERROR) +- +(.*)", re.S)
"""MkDocs' log format; the plugin's own messages come out in it too (its logger's handler copies it)."""
OUR_LEVELS = {"INFO": "", "WARNING": "警告：", "ERROR": "错误："}
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
ENGLISH = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,}")
"""Two English words: MkDocs' own sentences start so ("Doc file '说明.md' …"), perfsite's never do
(they start in Chinese, or with a file name: "mkdocs.yml 的 site_url …")."""


def plain(line: str) -> str:
    """A line of perfsite's as the docs show it: MkDocs' `WARNING -  ` prefix becomes 警告：
    (`INFO    -  ` goes, from an empty line too); MkDocs' own English lines keep theirs."""
    match = PREFIXED.match(line)
    if match is None:
        return line
    level, text = match.groups()
    if not text.strip():  # the blank line between the data's problem blocks: blank, not a bare prefix
        return text
    cjk = CJK.search(text)
    if cjk is None or ENGLISH.search(text, 0, cjk.start()):
        return line
    return OUR_LEVELS[level] + text


class Relay:
    """Copies MkDocs' messages to stderr, as a clerk and a CI log should see them (see the module
    docstring); keeps what the hook reports (the data's problem counts) and why MkDocs stopped."""

    def __init__(self, verbose: bool = False) -> None:
        self.verbose = verbose
        from perfsite.site.session import STAGE_UNITS

        self.bar: Bar | None = terminal_bar(sys.stderr, "个项目", STAGE_UNITS)
        self.tally: dict[str, int] | None = None
        self.reason = ""
        self.started = time.perf_counter()
        self.env: dict[str, str] = {}
        """Settings MkDocs gets besides this process's environment (the build cache's folder)."""

    def read(self, stream: IO[bytes]) -> None:
        trace: list[str] = []
        for raw in stream:
            line = raw.decode("utf-8", "replace")
            if self._aborted(line.strip()):
                continue
            if trace or line.startswith("Traceback (most recent call last):"):
                trace.append(line)
            elif not self._taken(line.rstrip("\r\n")):
                self._say(line)
        self.clear()
        if trace:
            last = next((t.strip() for t in reversed(trace) if t.strip() and not t[0].isspace()), "")[:300]
            where = _log_trace(trace)
            self._say(f"MkDocs 生成网站时出现意外错误（{last}）：{where}"
                      "请检查最近修改的 docs/ 页面、mkdocs.yml 与 overrides/；无法解决时请把这条消息和日志发给系统维护人员\n")

    def _taken(self, line: str) -> bool:
        """Whether a line is for us rather than the log: a progress report, the hook's counts or
        (unless verbose) MkDocs' routine chatter."""
        step = read_report(line)
        if step is not None:
            if self.bar is not None:
                self.bar(*step)
            return True
        counts = read_tally(line)
        if counts is not None:
            self.tally = counts
            return True
        return not self.verbose and any(p.match(line) for p in ROUTINE)

    def _aborted(self, line: str) -> bool:
        """Whether a line is one of MkDocs' "Aborted …" (its reason kept for our failure line)."""
        for pattern, reason in ABORTED:
            match = pattern.match(line)
            if match:
                self.reason = self.reason or reason.format(*(_levels(g) for g in match.groups()))
                return True
        return False

    def clear(self) -> None:
        """Erase the bar (before a message, at the end, after Ctrl-C)."""
        if self.bar is not None:
            self.bar.clear()

    def _say(self, text: str) -> None:
        self.clear()
        sys.stderr.write(plain(text))
        sys.stderr.flush()

    def closing(self) -> str:
        """The end of the summary line: the data's problem counts (when the hook got that far), the time."""
        counts = f"（{counts_text(self.tally)}）" if self.tally is not None else ""
        return f"{counts}，{took(time.perf_counter() - self.started)}"


def _levels(text: str) -> str:
    """`2 warnings, 1 errors` → ` 2 个警告、1 个错误`."""
    parts = [re.sub(r"(\d+) (\w+)", lambda m: f" {m[1]} 个{LEVELS.get(m[2], m[2])}", part.strip())
             for part in text.split(",")]
    return "、".join(parts)


def _log_trace(trace: list[str]) -> str:
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write("--- mkdocs build\n" + "".join(trace) + "\n")
    except OSError:
        return ""
    return f"详细信息已写入 {path}，"


POSIX = os.name == "posix"
"""Process groups and PR_SET_PDEATHSIG; on Windows MkDocs' build runs without workers (no fork)
and is stopped by itself alone."""


def _own_group() -> dict[str, object]:
    """Popen arguments giving MkDocs its own process group (POSIX; Windows has neither option)."""
    return {"start_new_session": True, "preexec_fn": _die_with_parent} if POSIX else {}


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Ask MkDocs to stop as after Ctrl-C (its exit handlers remove its temporary folders)."""
    try:
        if POSIX:
            os.killpg(process.pid, signal.SIGINT)
        else:
            process.terminate()
        process.wait(timeout=STOP_SECONDS)
    except (OSError, subprocess.TimeoutExpired):
        pass


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.kill()
    if POSIX:
        with contextlib.suppress(OSError):  # the group is gone already
            os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _die_with_parent(sig: int = signal.SIGKILL) -> None:
    """In the MkDocs child (Linux): sent `sig` when `perfsite` dies: a build is killed, so no build
    writes on unseen; a preview is interrupted, so it removes its temporary folder and frees its port."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, sig)  # PR_SET_PDEATHSIG


def _stopped_by_interrupt() -> None:
    """In the MkDocs preview child (POSIX): Ctrl-C (SIGINT) stops it, also when `perfsite serve`
    was started with SIGINT ignored, as a shell starts a background job (`… &`) and the child
    would inherit it and never stop; and it is sent SIGINT when `perfsite` dies."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    _die_with_parent(signal.SIGINT)


def _serve_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config-file", default="mkdocs.yml", help="MkDocs 配置文件（默认 mkdocs.yml）")
    p.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="地址:端口",
                   help="预览地址（默认 127.0.0.1:8000，只有本机能访问）")


def cmd_serve(args: argparse.Namespace) -> int:
    """`mkdocs serve`: a preview rebuilt whenever a data file, page or setting changes. It builds
    into a temporary folder of MkDocs' own, so site/ and every user file stay as they are."""
    config = Path(args.config_file)
    if not config.is_file():
        print(f"perfsite serve: 找不到 MkDocs 配置文件 {config}：请在项目目录中运行，或用 --config-file 指定",
              file=sys.stderr)
        return EXIT_USAGE
    print(f"预览地址：http://{args.dev_addr}{mount_path(config)}（修改数据后自动刷新；按 Ctrl-C 结束）",
          file=sys.stderr, flush=True)
    command = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(config), "--dev-addr", args.dev_addr]
    extra: dict[str, object] = {"preexec_fn": _stopped_by_interrupt} if POSIX else {}
    process: subprocess.Popen[bytes] | None = None
    starting = True

    def stop_preview(signum: int, frame: object) -> None:
        """`kill`, a service manager or a test ending the preview: MkDocs stops as after Ctrl-C."""
        if process is None:
            raise SystemExit(128 + signum)
        process.send_signal(signal.SIGINT)

    before = signal.signal(signal.SIGTERM, stop_preview) if POSIX else None
    try:
        with signals_kept():  # a Ctrl-C or SIGTERM as MkDocs starts stops it, not lost in the fork
            process = subprocess.Popen(command, env={**os.environ, **QUIET_ENV}, stdout=subprocess.PIPE,  # type: ignore[call-overload]
                                       stderr=subprocess.STDOUT, **extra)
        starting = False
        # a thread, not this one: MkDocs' workers may hold the pipe open after it ends, and Ctrl-C must reach wait()
        threading.Thread(target=_relay_plain, args=(process.stdout,), daemon=True).start()
        code = process.wait()
    except KeyboardInterrupt:  # MkDocs got the same Ctrl-C and stops its server and workers
        if process is not None:
            # held while it started, the Ctrl-C may have come before MkDocs did: it is sent one (only then:
            # a second Ctrl-C would cut short its clean-up of its temporary folder)
            if starting:
                with contextlib.suppress(OSError):
                    process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        raise
    finally:
        if POSIX:
            signal.signal(signal.SIGTERM, before)
    return EXIT_OK if code == 0 else EXIT_FAILED


SITE_URL = re.compile(r"^site_url:\s*['\"]?([^'\"\s#]+)", re.M)


def mount_path(config: Path) -> str:
    """The path mkdocs serve serves under: mkdocs.yml's site_url's (read as text: perfsite does not load MkDocs)."""
    try:
        found = SITE_URL.search(config.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return "/"
    path = urlsplit(found[1]).path if found else "/"
    return path if path.endswith("/") else f"{path}/"


def _relay_plain(stream: IO[bytes]) -> None:
    """Copy the preview's messages to stderr, perfsite's own without MkDocs' English prefix."""
    with contextlib.suppress(OSError, ValueError):  # the pipe closed under us when perfsite ends
        for raw in stream:
            sys.stderr.write(plain(raw.decode("utf-8", "replace")))
            sys.stderr.flush()


COMMANDS = [("build", "生成网站并安全发布（同一目录一次只生成一个；项目明显减少时停止）", _build_args, cmd_build),
            ("serve", "在本机预览网站，修改数据后自动刷新（不改动 site/ 与任何数据文件）", _serve_args, cmd_serve)]
