"""A Ctrl-C or SIGTERM sent from inside a fork of the test process: the race `signals_kept`
closes, made certain rather than left to timing. One hook for every test module that needs it."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator

import pytest

from perfsite.processes import can_fork

ARMED: list[int] = []
"""The signal the next fork of this process sends it from the parent's after-fork hooks (one-shot)."""
_TEST_PROCESS = os.getpid()


def _signal_in_fork() -> None:
    if ARMED and os.getpid() == _TEST_PROCESS:
        os.kill(os.getpid(), ARMED.pop())


if can_fork():
    os.register_at_fork(after_in_parent=_signal_in_fork)


@pytest.fixture(autouse=True)
def no_gc_callbacks() -> Iterator[None]:
    """A signal a test sends its own process is handled at the next Python line run, and a
    collection right after `os.kill` runs hypothesis's gc callback first: raised there, the
    KeyboardInterrupt is printed as unraisable and lost, and the test's `pytest.raises` fails.
    Seen in a whole-suite run (as the warning); the callbacks are put back after each test."""
    kept = gc.callbacks[:]
    gc.callbacks.clear()
    try:
        yield
    finally:
        gc.callbacks[:] = kept
