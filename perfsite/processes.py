"""How many worker processes a command may start: one per core, or $PERFSITE_JOBS; none without fork.

Kept apart from the build's workers (perfsite.site.workers costs 0.25 s to import) so that
`perfsite import` reads the same setting without loading the site code.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
from collections.abc import Callable
from typing import Any


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
    pid = 0
    try:
        with signals_kept():
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
    except BaseException:  # stopped as it forked: the child's work is not wanted
        if pid:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(readable)
        os.close(writable)
        raise
    os.close(writable)

    def answer() -> tuple[bytes, int]:
        with os.fdopen(readable, "rb") as handle:
            sent = handle.read()  # before waiting: the answer may be larger than the pipe holds
        _, status = os.waitpid(pid, 0)
        return sent, os.waitstatus_to_exitcode(status)

    return answer


KEPT_SIGNALS = (signal.SIGINT, signal.SIGTERM)
"""Ctrl-C, and SIGTERM (a cancelled CI job): the signals that stop a build, a check or an import."""


class signals_kept:  # lower case as contextlib's suppress: named for the `with` block it makes
    """Ctrl-C or SIGTERM arriving in this block is acted on as it ends, by the handler it would
    have met (an exception raised there, or the process ended), after the block gave the caller
    what it started: around a fork, so the caller can stop the child it made.

    A signal's exception raised during a fork is dropped: the first Python code the parent runs
    after a fork is the interpreter's at-fork hooks (logging's), and an exception raised in one
    is printed as 「Exception ignored」 and lost; a cancelled build went on and published. One
    raised later in `subprocess.Popen` or `Process.start` loses the child they started. Only
    the main thread runs signal handlers: elsewhere nothing is held, nor in a block inside
    another. A child forked meanwhile gets the handlers back at once (_give_back): a worker must
    still end on SIGTERM.

    The held handlers are this instance's, and the registry that finds the one instance holding
    them is the signal module's own table: while held, each kept signal's handler is this
    instance's `_arrived`, so the at-fork hook reads the instance from `signal.getsignal()`.
    """

    def __init__(self) -> None:
        self.handlers: dict[int, Any] = {}
        """The handlers held back, by signal: empty when nothing is held."""
        self.arrived: list[int] = []
        """The held signals that arrived, in order: the first is raised as the block ends."""

    def __enter__(self) -> signals_kept:
        if threading.current_thread() is threading.main_thread() and not any(map(holding, KEPT_SIGNALS)):
            self.handlers = {s: h for s in KEPT_SIGNALS if (h := signal.getsignal(s)) is not None}
            for number in self.handlers:
                signal.signal(number, self._arrived)
        return self

    def __exit__(self, *exc: object) -> None:
        self.give_back()
        if self.arrived:
            signal.raise_signal(self.arrived[0])

    def _arrived(self, signum: int, frame: object) -> None:
        self.arrived.append(signum)

    def give_back(self) -> None:
        """The held handlers back in place."""
        handlers, self.handlers = self.handlers, {}
        for number, handler in handlers.items():
            signal.signal(number, handler)


def holding(number: int) -> signals_kept | None:
    """The signals_kept() block holding signal `number` back, if one is."""
    owner = getattr(signal.getsignal(number), "__self__", None)
    return owner if isinstance(owner, signals_kept) else None


def _give_back() -> None:
    """In a child forked inside signals_kept(): the handlers it held, so the child answers the
    signals as it should (what arrived before the fork was the parent's)."""
    for number in KEPT_SIGNALS:
        if (block := holding(number)) is not None:
            block.give_back()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_give_back)
