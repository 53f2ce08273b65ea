"""How many worker processes a command may start: one per core, or $PERFSITE_JOBS; none without fork.

Kept apart from the build's workers (perfsite.site.workers costs 0.25 s to import) so that
`perfsite import` reads the same setting without loading the site code.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable


def jobs() -> int:
    """Worker count: $PERFSITE_JOBS, else one per core."""
    return max(1, int(os.environ.get("PERFSITE_JOBS") or os.cpu_count() or 1))


def can_fork() -> bool:
    """Workers are forked, inheriting the loaded code and data; where fork is missing (Windows)
    build, check and import run in one process, as with PERFSITE_JOBS=1."""
    return "fork" in mp.get_all_start_methods()


def in_fork(produce: Callable[[], bytes]) -> tuple[bytes, int]:
    """`produce()` run in a fork of this process: the bytes it gave (b"" when it raised or was
    killed) and the child's exit code (0 when it gave them). The child starts with every module
    and all the data this process holds, with no interpreter to start: a PDF read in a new
    interpreter spent 0.73–0.81 s of CPU importing for a read of 0.10 s."""
    return forking(produce)()


def forking(produce: Callable[[], bytes]) -> Callable[[], tuple[bytes, int]]:
    """Fork now, in the calling thread (no other thread is then inside this process's locks in
    the child), to run `produce()`; call what it returns to wait for in_fork's answer."""
    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child never returns: os._exit skips this process's exit handlers and buffers
        code = 1
        try:
            os.close(readable)
            with os.fdopen(writable, "wb") as out:
                out.write(produce())
            code = 0
        finally:
            os._exit(code)
    os.close(writable)

    def answer() -> tuple[bytes, int]:
        with os.fdopen(readable, "rb") as handle:
            sent = handle.read()  # before waiting: the answer may be larger than the pipe holds
        _, status = os.waitpid(pid, 0)
        return sent, os.waitstatus_to_exitcode(status)

    return answer
