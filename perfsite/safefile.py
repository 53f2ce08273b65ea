"""Read a data file only when it is a regular file of bounded size, with a Chinese reason otherwise.

A data tree comes from a commit or a shared drive, so a name may be anything: a FIFO (reading it
waits forever for a writer), a link to /dev/zero (read until memory runs out), a directory named
site.yaml, a symlink loop. The file is opened without following a final symlink and without
blocking on a FIFO, checked with fstat on that same descriptor (no gap between check and read),
and read up to its limit plus one byte (a file that grows while read is still refused).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

LEFT_BY_TOOLS = (".", "~$")
"""How the names start of what tools leave in a folder: hidden folders and files (.git/, .DS_Store,
macOS's ._x.yaml copies, Emacs's .#x.yaml lock links, LibreOffice's .~lock files) and Office's ~$
owner files. The data walk (dataset), the id registry (ids) and a folder import
(pipeline.expand) pass them over: a .git/ holds no programme, and reading it turned its files into programmes; the data walk
names such a *.yaml, unread."""

_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class FileRefused(OSError):
    """A file perfsite will not read; `message` says why in the clerk's words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def _kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "是一个文件夹"
    if stat.S_ISFIFO(mode):
        return "是命名管道（FIFO）"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "是设备文件"
    if stat.S_ISSOCK(mode):
        return "是套接字"
    if stat.S_ISLNK(mode):
        return "是符号链接"
    return "不是普通文件"


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; FileRefused (an OSError) otherwise."""
    try:
        handle = os.open(path, _FLAGS)
    except OSError as exc:
        raise FileRefused(_open_message(exc, path)) from None
    except ValueError:  # an embedded NUL
        raise FileRefused("文件名中含有空字符，无法读取") from None
    try:
        mode, size = _fstat(handle)
        if not stat.S_ISREG(mode):
            raise FileRefused(f"{_kind(mode)}，不是普通文件：请提交文件本身")
        if size > limit:
            raise FileRefused(too_big(size, limit))
        if hasattr(os, "set_blocking"):
            os.set_blocking(handle, True)  # a regular file never blocks; reads are plain reads now
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(handle, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise FileRefused(too_big(len(data), limit))
        return data
    except FileRefused:
        raise
    except OSError as exc:
        raise FileRefused(os_message(exc)) from None
    finally:
        os.close(handle)


def too_big(size: int, limit: int) -> str:
    return f"文件过大（{size} 字节，上限 {limit} 字节），拒绝读取"


def _fstat(handle: int) -> tuple[int, int]:
    found = os.fstat(handle)
    return found.st_mode, found.st_size


def _open_message(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ELOOP:  # O_NOFOLLOW on a final link, or a loop further up
        try:
            if stat.S_ISLNK(os.lstat(path).st_mode):
                return "是符号链接（可能指向数据目录之外或形成循环）：请提交文件本身"
        except OSError:
            pass
    return os_message(exc)


_ERRNO_TEXT = {
    errno.ENOENT: "文件不存在",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EACCES: "没有读取权限",
    errno.EPERM: "没有读取权限",
    errno.EISDIR: "是一个文件夹，不是文件",
    errno.ELOOP: "路径中的符号链接形成循环（或层数过多）：请改为真实的文件夹和文件",
    errno.ENAMETOOLONG: "文件名或路径过长",
    errno.EIO: "读取时出现磁盘错误",
}


def os_message(exc: OSError) -> str:
    """The reason read_limited refuses a file for an OS error (what the loader reports)."""
    text = _ERRNO_TEXT.get(exc.errno or 0)
    return text if text else f"无法读取文件（{exc.strerror or exc.__class__.__name__}）"


def os_reason(exc: OSError) -> str:
    """Why an OS call on a file failed, in the clerk's words where the cause is a common one."""
    return _ERRNO_TEXT.get(exc.errno or 0) or exc.strerror or str(exc)


def write_new(path: str, content: bytes) -> None:
    """Create `path` (FileExistsError if it is there) with `content`, by plain system calls and
    with the permissions of any site file (0666 less the umask)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def write_beside(target: Path, content: bytes, suffix: str = ".tmp") -> str:
    """Write `content` to a new hidden file beside `target` (`write_new`: 0666 less the umask) and return
    its name, to be renamed over `target` once every file of the batch is whole. tempfile.mkstemp creates
    0600, and the renamed file kept it, readable by its owner only, unlike every other file the clerk
    makes (a colleague's build of the shared folder could not read it). A name taken is tried again."""
    for _ in range(100):
        name = str(target.parent / f".{target.name}.{secrets.token_hex(4)}{suffix}")
        try:
            write_new(name, content)
        except FileExistsError:
            continue
        except BaseException:  # a disk full or Ctrl-C mid-write: no part of the file left behind
            with contextlib.suppress(OSError):
                os.unlink(name)
            raise
        return name
    raise FileExistsError(errno.EEXIST, "无法在文件夹中新建临时文件", str(target.parent))
