"""Safe publishing: one build at a time per output, built aside, swapped in whole, never shrunk by
accident.

Two `make site` runs sharing one build folder once published a site matching neither build, and
an empty data folder replaced the live site with an empty one, both with exit code 0. Here:

- a lock file beside the output (`.site.lock`, fcntl.flock) admits one build per output; the
  lock file names its holder, so a second build says whom it waits for;
- each build writes into its own new folder beside the output (`.site-build-XXXX/site`; its
  temporary files go to `.site-build-XXXX/tmp`), so the swap is a rename on one file system
  and one `rmtree` removes everything the build made, on every exit path;
- the swap is one atomic renameat2(RENAME_EXCHANGE) on Linux, else two renames with the previous
  site put back if the second fails;
- every build writes a manifest (programme ids per year) into the site; a build that would
  publish more than DROP_PERCENT % fewer programmes than the live site's manifest stops unless
  told to go on.

No MkDocs here: perfsite.site.commands runs MkDocs in a subprocess.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import socket
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfsite.kinds import DEFAULT_KIND, KINDS, DocumentKind

MANIFEST = "perfsite-manifest.json"
"""What a build published (programme ids per year), read by the next build's drop check."""
DROP_PERCENT = 10
"""A build may publish at most this share fewer programmes than the live site without being told."""
ALLOW_DROP_ENV = "PERFSITE_ALLOW_DROP"
LIVE_ENV = "PERFSITE_LIVE_SITE"
"""Set by `perfsite build` for MkDocs: the live site the hook compares the loaded data with, so
a drop stops the build before it renders anything (minutes, at 100,000 programmes)."""
STAGED_ENV = "PERFSITE_STAGED"
"""Set by `perfsite build` for MkDocs: the site folder is a new staging folder, swapped in once
built and never built into again, so the session writes no record of its pages for a next build
into it (perfsite.site.session.SiteRecord: at 100,000 programmes a pickle of 100,000 entry keys)."""
ALLOW_HINT = f"加 --allow-drop（make site 时设环境变量 {ALLOW_DROP_ENV}=1）"
POLL_SECONDS = 0.2
"""How often a waiting build tries the lock again."""


class PublishError(Exception):
    """Publishing stopped for a reason the user can act on; the message says which and what to do."""


@dataclass(frozen=True)
class Manifest:
    """The programmes a site publishes: year → sorted ids."""

    years: dict[str, list[str]] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict, compare=False)
    """Documents published by kind (`report.kind_counts`): what the build's closing line counts. Not
    compared: the drop check is about programmes; a manifest written before it has none."""

    @property
    def count(self) -> int:
        return sum(len(ids) for ids in self.years.values())

    def published_text(self) -> str:
        """`3 个项目、1 个项目支出绩效目标表、1 个绩效评价报告`: every kind the build published, not only
        the 自评 programmes (`3 个项目` alone said nothing of the target table beside them). A 自评 is a
        「项目」 here as in check's summary (`report.files_text`); a site of 自评 only reads as before."""
        others = [f"{n} 个{KINDS[DocumentKind(kind)].label}" for kind, n in self.kinds.items() if kind != DEFAULT_KIND]
        return "、".join([f"{self.count} 个项目", *others])

    @classmethod
    def of_rows(cls, rows: Iterable[dict[str, Any]]) -> Manifest:
        """From the summary rows of a build (`url` is projects/<year>/<id>/)."""
        years: dict[str, list[str]] = {}
        for row in rows:
            years.setdefault(str(row["year"]), []).append(row["url"].rstrip("/").rsplit("/", 1)[-1])
        return cls({year: sorted(ids) for year, ids in sorted(years.items())})

    def to_json(self) -> str:
        return json.dumps({"format": 1, "programmes": self.count, "years": self.years}
                          | ({"kinds": self.kinds} if self.kinds else {}),
                          ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_manifest(site_dir: Path, rows: Iterable[dict[str, Any]], kinds: dict[str, int] | None = None) -> None:
    """Write the manifest of a finished build (no clock in it: builds stay reproducible)."""
    manifest = Manifest(Manifest.of_rows(rows).years, kinds or {})
    (site_dir / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")


def read_manifest(site_dir: Path) -> Manifest | None:
    """The programmes a live site publishes: its manifest, else (a site built before manifests,
    or a damaged one) its programme page folders; None when there is no site."""
    try:
        data = json.loads((site_dir / MANIFEST).read_text(encoding="utf-8"))
        years = data["years"]
        if isinstance(years, dict) and all(isinstance(ids, list) for ids in years.values()):
            kinds = data.get("kinds")  # written sorted: read back in the cycle's order
            counted = ({str(k): n for k in DocumentKind if isinstance(n := kinds.get(str(k)), int)}
                       if isinstance(kinds, dict) else {})
            return Manifest({str(year): sorted(str(i) for i in ids) for year, ids in years.items()}, counted)
    except (OSError, ValueError, KeyError, TypeError):
        pass
    projects = site_dir / "projects"
    if not site_dir.is_dir():
        return None
    years = {}
    if projects.is_dir():
        for year in sorted(projects.iterdir()):
            if year.is_dir():
                years[year.name] = sorted(p.name for p in year.iterdir() if (p / "index.html").is_file())
    return Manifest(years)


def drop_message(before: Manifest | None, after: Manifest, live: Path, allow_hint: str = ALLOW_HINT) -> str | None:
    """Why publishing `after` over a live site publishing `before` needs confirmation, or None:
    more than DROP_PERCENT % fewer programmes."""
    if before is None or 100 * (before.count - after.count) <= DROP_PERCENT * before.count:
        return None
    lost = [f"{year} 年 {len(ids)} → {len(after.years.get(year, []))} 个"
            for year, ids in before.years.items() if len(after.years.get(year, [])) < len(ids)]
    return (f"本次生成只有 {after.count} 个项目，而正在公开的网站（{live}）有 {before.count} 个，"
            f"减少超过 {DROP_PERCENT}%（{'；'.join(lost[:10])}{' …' if len(lost) > 10 else ''}）。"
            "可能是数据目录为空、路径写错或只挂载了一部分，网站未替换。"
            f"确认要这样发布，请{allow_hint}后重新生成。")


SITE_MARKS = (MANIFEST, "index.html")
"""A folder holding one of these is a website (by perfsite, or by plain MkDocs): a build may replace it."""


def foreign(live: Path, project: Path) -> str | None:
    """Why publishing at `live` would destroy what a user made, or None: `live` holds the project
    (mkdocs.yml, data/) or is a non-empty folder that is no website. The swap removes the
    previous folder whole, so `--site-dir data` would otherwise delete the data tree."""
    if not live.is_dir():
        return None
    here = live.resolve()
    if here == project.resolve() or here in project.resolve().parents:
        return (f"{live} 是项目所在的目录（其中有 mkdocs.yml）：发布会用网站替换整个目录，未生成；"
                "请用 --site-dir 指定单独的发布目录，如 site")
    if any((live / mark).is_file() for mark in SITE_MARKS) or next(live.iterdir(), None) is None:
        return None
    return (f"{live} 中已有文件，但不是生成的网站（没有 index.html 或 {MANIFEST}）：发布会删除其中的全部文件，"
            "未生成；请换一个 --site-dir，或先把其中的文件移走")


def lock_path(live: Path) -> Path:
    return live.parent / f".{live.name}.lock"


@contextmanager
def build_lock(live: Path, wait: float, say: Callable[[str], None]) -> Iterator[None]:
    """Hold the output's lock for the block; wait at most `wait` seconds for another build."""
    path = lock_path(live)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, path, live, wait, say)
        os.ftruncate(fd, 0)
        started = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
        os.write(fd, f"进程 {os.getpid()}，主机 {socket.gethostname()}，开始于 {started}\n".encode())
        yield
    finally:
        os.close(fd)  # closing releases the lock; the file stays (removing it would race a waiter)


def _try_lock(fd: int) -> bool:
    """Take the lock on `fd` without waiting: flock on POSIX, msvcrt's byte lock on Windows
    (both released when the file is closed, even by a killed process)."""
    if os.name == "nt":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _acquire(fd: int, path: Path, live: Path, wait: float, say: Callable[[str], None]) -> None:
    deadline = time.monotonic() + wait
    told = False
    while True:
        if _try_lock(fd):
            return
        holder = _holder(path)
        if time.monotonic() >= deadline:
            raise PublishError(f"另一次生成（{holder}）正在写入 {live}，等待 {wait:g} 秒后仍未结束，本次未生成："
                               f"请等它结束后重试，或用 --wait 秒数 延长等待（锁文件 {path}）")
        if not told:
            say(f"另一次生成（{holder}）正在写入 {live}：等待它结束（最多 {wait:g} 秒）……")
            told = True
        time.sleep(POLL_SECONDS)


def _holder(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip() or "未知进程"
    except (OSError, UnicodeDecodeError):
        return "未知进程"


@dataclass(frozen=True)
class Staging:
    """A build's own folder beside the output: the new site and the build's temporary files."""

    root: Path

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def tmp(self) -> Path:
        return self.root / "tmp"

    @classmethod
    def create(cls, live: Path) -> Staging:
        root = Path(tempfile.mkdtemp(prefix=_prefix(live), dir=live.parent))
        (root / "tmp").mkdir()
        return cls(root)

    def remove(self) -> None:
        remove_tree(self.root)


def _prefix(live: Path) -> str:
    return f".{live.name}-build-"


def sweep(live: Path) -> list[Path]:
    """Remove the folders of builds that were killed (no exit path ran); only under the lock,
    when no other build of this output can be running."""
    found = sorted(live.parent.glob(_prefix(live) + "*"))
    for folder in found:
        remove_tree(folder)
    return found


def remove_tree(folder: Path) -> None:
    """Remove a folder, also one whose files are read-only or vanish meanwhile."""
    shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():
        shutil.rmtree(folder)


def swap(new: Path, live: Path, old: Path) -> None:
    """Publish `new` at `live` in one step; the previous site ends at `old` (inside the build's
    folder, removed with it). On failure `live` is the previous site, as it was."""
    if not live.exists() and not live.is_symlink():
        os.rename(new, live)
        return
    if not live.is_dir():
        raise PublishError(f"{live} 已存在但不是目录：请移走它后重新生成")
    if _exchange(new, live):
        os.rename(new, old)
        return
    os.rename(live, old)
    try:
        os.rename(new, live)
    except BaseException:
        os.rename(old, live)
        raise


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system or file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))
