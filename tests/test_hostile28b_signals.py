"""A Ctrl-C is held only while perfsite forks, and never lost: not while `perfsite serve` starts
MkDocs, not for the whole of an import's placing.

The signal is sent from a seam, never after a delay: from the parent's after-fork hooks (where
an exception raised is dropped), from inside Popen once its child runs, or from the placing.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from perfsite.importing.pipeline import Pool
from perfsite.processes import KEPT_SIGNALS, can_fork, holding, in_fork, signals_kept
from perfsite.site import commands
from tests.fork_signal import ARMED, no_gc_callbacks  # noqa: F401 (autouse: signals sent to this process)

pytestmark = pytest.mark.skipif(not can_fork(), reason="the race is a fork's")


PREVIEW = ["sleep", "infinity"]
"""MkDocs' preview as serve sees it: it runs until it is stopped, and Ctrl-C ends it at any
moment of its start (no interpreter of its own to start first)."""


@pytest.fixture
def preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[subprocess.Popen[bytes]]]:
    """`perfsite serve` with its MkDocs replaced by PREVIEW: each one started is listed."""
    (tmp_path / "mkdocs.yml").write_text("site_name: 测试\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    started: list[subprocess.Popen[bytes]] = []
    yield started
    ARMED.clear()
    for process in started:  # what the old code left running
        if process.poll() is None:
            process.kill()
            process.wait()


def _serve(started: list[subprocess.Popen[bytes]], monkeypatch: pytest.MonkeyPatch,
           interrupt_inside: bool = False) -> int:
    class Preview(subprocess.Popen):  # type: ignore[type-arg]
        def __init__(self, command: list[str], **kwargs: object) -> None:
            assert command[1:4] == ["-m", "mkdocs", "serve"]
            self.sent: list[int] = []
            super().__init__(PREVIEW, **kwargs)  # type: ignore[call-overload]
            started.append(self)
            if interrupt_inside:  # Ctrl-C inside Popen, once MkDocs runs
                os.kill(os.getpid(), signal.SIGINT)

        def send_signal(self, sig: int) -> None:
            self.sent.append(sig)
            super().send_signal(sig)

        def wait(self, timeout: float | None = None) -> int:
            if timeout is None and signal.SIGINT not in self.sent:  # serve would wait for ever: killed instead
                self.kill()
            return super().wait(timeout)

    monkeypatch.setattr(subprocess, "Popen", Preview)
    return commands.cmd_serve(argparse.Namespace(config_file="mkdocs.yml", dev_addr="127.0.0.1:8000"))


def test_ctrl_c_as_serve_starts_mkdocs_is_not_dropped(preview: list[subprocess.Popen[bytes]],
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """Raised in the after-fork hook, the Ctrl-C was printed as 「Exception ignored」 and the
    preview served on; a second Ctrl-C was needed."""
    ARMED.append(signal.SIGINT)
    with pytest.raises(KeyboardInterrupt):
        _serve(preview, monkeypatch)
    assert [process.returncode for process in preview] == [-signal.SIGINT]  # stopped by Ctrl-C, and reaped
    assert "Exception ignored" not in capsys.readouterr().err
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_ctrl_c_inside_serves_popen_stops_the_mkdocs_it_started(preview: list[subprocess.Popen[bytes]],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Raised inside Popen, the Ctrl-C lost the process it had started: MkDocs, started after
    the terminal's Ctrl-C, served on with nobody to stop it."""
    with pytest.raises(KeyboardInterrupt):
        _serve(preview, monkeypatch, interrupt_inside=True)
    assert [process.returncode for process in preview] == [-signal.SIGINT]


def test_sigterm_as_serve_starts_mkdocs_stops_the_preview(preview: list[subprocess.Popen[bytes]],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A service manager stopping the preview as it starts: held, then MkDocs is sent Ctrl-C and
    serve ends when it does."""
    def ended(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    before = signal.signal(signal.SIGTERM, ended)  # what the old code met: dropped in the fork, not fatal to pytest
    try:
        ARMED.append(signal.SIGTERM)
        assert _serve(preview, monkeypatch) == commands.EXIT_FAILED
        assert signal.getsignal(signal.SIGTERM) is ended
    finally:
        signal.signal(signal.SIGTERM, before)
    assert [process.returncode for process in preview] == [-signal.SIGINT]


def _double(n: int) -> int:
    return 2 * n


def test_ctrl_c_while_an_import_places_its_programmes_stops_the_placing() -> None:
    """The pool's map takes every item before it returns, and each is placed (an export's
    programmes) as it is taken: a Ctrl-C held over the map let all of them be placed first."""
    placed: list[int] = []

    def placing() -> Iterator[tuple[int]]:
        for n in range(200):
            placed.append(n)
            if n == 3:  # the clerk's Ctrl-C
                os.kill(os.getpid(), signal.SIGINT)
            yield (n,)

    with pytest.raises(KeyboardInterrupt), Pool(2) as pool:
        list(pool.map(_double, placing()))
    assert len(placed) < 200, len(placed)
    with Pool(2) as pool:  # and what a pool gives is all of it, in order
        assert list(pool.map(_double, [(n,) for n in range(5)])) == [0, 2, 4, 6, 8]


def test_a_block_inside_another_holds_nothing_and_the_outer_raises_once() -> None:
    """The at-fork hook finds the block holding the signals through their handlers: a child
    forked inside holds nothing."""
    reached = False
    with pytest.raises(KeyboardInterrupt), signals_kept() as outer:
        assert all(holding(number) is outer for number in KEPT_SIGNALS)
        with signals_kept() as inner:
            assert inner.handlers == {} and holding(signal.SIGINT) is outer
            os.kill(os.getpid(), signal.SIGINT)
        assert in_fork(lambda: repr(holding(signal.SIGINT)).encode()) == (b"None", 0)
        reached = True  # the inner block raised nothing
    assert reached and outer.arrived == [signal.SIGINT]
    assert holding(signal.SIGINT) is None and signal.getsignal(signal.SIGINT) is signal.default_int_handler
