"""A Ctrl-C or SIGTERM that arrives while perfsite forks (MkDocs, the workers, a /data/ writer)
stops it as at any other moment.

The race is made exact: a one-shot at-fork hook sends the signal from inside the parent's
after-fork hooks, where the interpreter runs a handler it has pending and drops what it raises
(「Exception ignored in: <function _releaseLock>」). Before signals_kept() the build went on
and published, the workers started, the fork's answer came back as if nothing had happened.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from perfsite import cli
from perfsite.executor import Pool
from perfsite.processes import can_fork, in_fork, signals_kept
from tests.fork_signal import ARMED, no_gc_callbacks  # noqa: F401 (autouse: signals sent to this process)
from tests.test_executor import Echo

pytestmark = pytest.mark.skipif(not can_fork(), reason="the race is a fork's")


BLOCKED = os.pipe()
"""Never written: a child or worker reading it is busy until it is ended."""


@pytest.fixture
def sigterm_ends() -> object:
    """SIGTERM raising SystemExit, as `perfsite build`, `perfsite import` and the plugin set it."""
    def terminate(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    before = signal.signal(signal.SIGTERM, terminate)
    yield
    ARMED.clear()
    signal.signal(signal.SIGTERM, before)


def test_sigterm_during_a_fork_is_raised_and_the_child_does_not_live_on(sigterm_ends: object) -> None:
    before = set(_children())
    ARMED.append(signal.SIGTERM)
    with pytest.raises(SystemExit) as ended:
        in_fork(lambda: os.read(BLOCKED[0], 1))  # a child that would wait for ever
    assert ended.value.code == 128 + signal.SIGTERM
    assert set(_children()) - before == set()  # ended and reaped: the parent stops what it forked
    assert in_fork(lambda: b"again") == (b"again", 0)  # handlers and hooks as before


def test_ctrl_c_while_the_workers_start_stops_them(tmp_path: Path) -> None:
    ARMED.append(signal.SIGINT)
    before = set(_children())
    with pytest.raises(KeyboardInterrupt):
        Pool(2, Echo, "测试")
    assert set(_children()) - before == set()  # the workers forked meanwhile are ended, not orphaned
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_worker_forked_while_signals_are_kept_still_ends_on_sigterm(sigterm_ends: object) -> None:
    """The child must not keep the parent's held-back handlers: it would ignore SIGTERM."""
    with signals_kept():
        answer = in_fork(lambda: repr(signal.getsignal(signal.SIGTERM)).encode())
    assert b"terminate" in answer[0]


def test_sigterm_as_the_build_starts_mkdocs_stops_the_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A cancelled CI job at the moment `perfsite build` forks MkDocs: nothing published, no
    build folder left (before, the signal was dropped in the fork and the site went live)."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "mkdocs.yml").write_text("site_name: 测试\n", encoding="utf-8")
    fake = tmp_path / "fake"
    (fake / "mkdocs").mkdir(parents=True)
    (fake / "mkdocs" / "__init__.py").write_text("", encoding="utf-8")
    # a build that publishes at once: the site folder with its manifest
    (fake / "mkdocs" / "__main__.py").write_text(
        "import sys, pathlib\n"
        "site = pathlib.Path(sys.argv[sys.argv.index('--site-dir') + 1])\n"
        "site.mkdir(parents=True)\n"
        "(site / 'index.html').write_text('x')\n"
        "(site / 'perfsite-manifest.json').write_text('{\"years\": {\"2023\": [\"a\"]}}')\n",
        encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(fake))
    monkeypatch.chdir(project)
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    ARMED.append(signal.SIGTERM)
    try:
        with pytest.raises(SystemExit) as ended:
            cli.main(["build", "--no-cache"])
    finally:
        ARMED.clear()
    assert ended.value.code == 128 + signal.SIGTERM
    assert not (project / "site").exists()
    assert not any(p.name.startswith(".site-build-") for p in project.iterdir())
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    capsys.readouterr()


def _children() -> list[int]:
    """This process's living children (zombies reaped by their owners are gone)."""
    try:
        listed = Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read_text()
    except OSError:
        pytest.skip("needs /proc")
    return [int(pid) for pid in listed.split()]


class Busy:
    """A worker whose request never ends on its own (a long read, as a build's load is)."""

    def __init__(self, counts: object, slot: int, inbox: object) -> None:
        pass

    def handle(self, request: object) -> bytes:
        return os.read(BLOCKED[0], 1)


def test_closing_a_pool_stopped_inside_a_call_ends_its_busy_workers_at_once() -> None:
    """Ctrl-C or SIGTERM inside a call leaves the workers at their requests; close() (MkDocs'
    on_shutdown, check's finally) sent Stop, which a worker reads only after its request, and
    waited up to 10 s for each, then left it running."""
    pool = Pool(2, Busy, "测试")
    pool.start([None, None])
    started = list(pool.processes)
    pool.close()
    assert [process.is_alive() for process in started] == [False, False]
    assert set(_children()) & {process.pid for process in started} == set()
