"""Unexpected failures as one Chinese sentence for the user; the traceback goes to a log file.

A clerk running `perfsite check` or `make site` cannot act on a Python traceback: they need to
know what failed, on which file, and what to do. Every entry point (the CLI, the MkDocs hook,
a file the loader could not read) sends what it did not expect through `explain`, which writes
the details to `log_file()` for the maintainers and returns the sentence to print.
"""

from __future__ import annotations

import errno
import os
import time
import traceback
from pathlib import Path

EXIT_INTERRUPTED = 130
"""What a shell reports for a command ended by Ctrl-C (128 + SIGINT)."""
EXIT_CLOSED_PIPE = 141
"""What a shell reports for a command whose reader went away (128 + SIGPIPE)."""

DISK_FULL = (errno.ENOSPC, errno.EDQUOT)
"""A full disk or an exhausted quota: the user can act on it (free space), unlike a bug."""

OS_ADVICE = {
    errno.ENOSPC: "磁盘空间已满：请清理磁盘后重试",
    errno.EDQUOT: "磁盘配额已用完：请清理磁盘或申请更多配额后重试",
    errno.EACCES: "没有读写权限：请检查该文件或目录的权限，或换一个有权限的目录",
    errno.EPERM: "操作不被允许：请检查该文件或目录的权限",
    errno.EROFS: "磁盘是只读的：请换一个可写的目录",
    errno.ENOENT: "文件或目录不存在：请检查路径是否正确（可能在运行期间被移走）",
    errno.EEXIST: "已有同名的文件或目录：请换一个路径，或先移走它",
    errno.ENOTDIR: "路径中的某一级是文件而不是目录：请检查路径",
    errno.EISDIR: "这是一个目录而不是文件：请给出文件的路径",
    errno.ENAMETOOLONG: "文件名太长：请换一个较短的名字",
    errno.ELOOP: "路径中的符号链接成环：请检查路径中的链接",
    errno.EBUSY: "目录正被占用（可能是挂载点）：发布目录请用挂载点里面的一个子目录",
    errno.EXDEV: "不能跨磁盘移动：发布目录与它的上级目录须在同一磁盘上（不要直接用挂载点）",
    errno.EMFILE: "同时打开的文件太多：请关闭其他程序后重试",
    errno.ENOMEM: "内存不足：请关闭其他程序或换一台内存更大的机器后重试",
}


def log_file() -> Path:
    """$PERFSITE_LOG, else error.log in perfsite's cache folder (as the check cache)."""
    configured = os.environ.get("PERFSITE_LOG")
    if configured:
        return Path(configured)
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "perfsite" / "error.log"


def record(error: BaseException, context: str) -> Path | None:
    """Append the traceback to the log file; its path, or None if it cannot be written (a full
    disk must not turn into a second failure)."""
    path = log_file()
    stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime())
    text = "".join(traceback.format_exception(error))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {stamp} pid {os.getpid()} {context}\n{text}\n")
    except OSError:
        return None
    return path


def explain(error: BaseException, context: str, file: str = "") -> str:
    """One sentence for an unexpected failure while doing `context` (on `file`, if known)."""
    where = file or _os_file(error)
    subject = f"{context}（{where}）" if where else context
    if isinstance(error, OSError) and error.errno in OS_ADVICE:
        if error.errno not in DISK_FULL:
            record(error, context)
        return f"{subject}失败：{OS_ADVICE[error.errno]}"
    if isinstance(error, MemoryError):
        return f"{subject}失败：{OS_ADVICE[errno.ENOMEM]}"
    if isinstance(error, RecursionError):
        record(error, context)
        return f"{subject}失败：内容嵌套过深，无法处理：请检查该文件"
    logged = record(error, context)
    detail = f"{type(error).__name__}: {error}"[:300]
    where_log = f"详细信息已写入 {logged}，" if logged else ""
    return (f"{subject}时出现意外错误（{detail}）：{where_log}"
            "请检查该文件；无法解决时请把这条消息和日志文件发给系统维护人员")


def _os_file(error: BaseException) -> str:
    if isinstance(error, OSError) and isinstance(error.filename, str | bytes | os.PathLike):
        return os.fsdecode(error.filename)
    return ""
