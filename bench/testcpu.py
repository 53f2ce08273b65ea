"""A pytest plugin recording each test's process CPU (user + system, children reaped so far
included) and wall time, one JSON line per test, to find where the suite's time goes:

    PYTHONPATH=bench TESTCPU_OUT=/tmp/cpu.jsonl .venv/bin/python -m pytest -n auto --dist loadfile -p testcpu
    .venv/bin/python bench/testcpu.py /tmp/cpu.jsonl

A test is charged from the previous test's teardown to its own, so a module's fixtures fall on its
first test and collection on each process's first. Processes still running are counted from /proc,
so chromium's renderers are charged to the tests that made them work (tests/README.md)."""

from __future__ import annotations

import json
import os
import sys
import time
from collections import defaultdict
from typing import Any, TextIO

_TICK = os.sysconf("SC_CLK_TCK")


def _own_cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _grandchildren_cpu() -> dict[int, float]:
    """CPU so far of every running process below this one's children (their own, not what they reaped).

    Chromium forks its renderers from a zygote that reaps them, so their CPU reaches this process's
    reaped-children count only if every process in between waits for its children: 8 docs pages
    under axe showed 3 CPU s of the renderers' 27. Children of this process are left out (their CPU
    arrives when they are reaped); what one reaps is left out (counted where it ran). What such a
    chain does hand up when the browser closes is counted again, on the process's last test."""
    below: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        below[int(fields[1])].append((int(name), sum(int(f) for f in fields[11:13]) / _TICK))
    found: dict[int, float] = {}
    todo = [pid for pid, _ in below.get(os.getpid(), ())]
    while todo:
        for pid, cpu in below.get(todo.pop(), ()):
            found[pid] = cpu
            todo.append(pid)
    return found


class _Recorder:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.seen: dict[int, float] = {}
        """Each running grandchild's CPU when last looked at: a test is charged what each used since."""
        self.charged = 0.0
        self.cpu, self.wall = self._cpu(), time.time()

    def _cpu(self) -> float:
        now = _grandchildren_cpu()
        grown = sum(max(0.0, cpu - self.seen.get(pid, 0.0)) for pid, cpu in now.items())
        self.seen = now
        self.charged += grown
        return _own_cpu() + self.charged

    def pytest_runtest_logreport(self, report: Any) -> None:
        if report.when != "teardown":
            return
        cpu, wall = self._cpu(), time.time()
        self.out.write(json.dumps({"id": report.nodeid, "cpu": cpu - self.cpu, "wall": wall - self.wall,
                                   "w": os.environ.get("PYTEST_XDIST_WORKER", "main")}) + "\n")
        self.out.flush()
        self.cpu, self.wall = cpu, wall


def pytest_configure(config: Any) -> None:
    """Recorded in the processes that run tests (xdist's controller only hears their reports)."""
    path = os.environ.get("TESTCPU_OUT")
    controller = not hasattr(config, "workerinput") and bool(getattr(config.option, "numprocesses", None))
    if path and not controller:
        out = open(path, "a", encoding="utf-8")  # noqa: SIM115 (closed when pytest ends)
        config.add_cleanup(out.close)
        config.pluginmanager.register(_Recorder(out), "testcpu-recorder")


def summary(path: str, top: int = 40) -> str:
    """Modules by CPU, then the costliest tests."""
    modules: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    tests = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            module = modules[row["id"].split("::")[0]]
            module[0] += row["cpu"]
            module[1] += row["wall"]
            module[2] += 1
            tests.append((row["cpu"], row["wall"], row["id"]))
    lines = [f"CPU {sum(m[0] for m in modules.values()):.1f} s, test wall {sum(m[1] for m in modules.values()):.1f} s, "
             f"{len(tests)} tests", "   CPU s   wall s  tests  module"]
    for name, (cpu, wall, count) in sorted(modules.items(), key=lambda kv: -kv[1][0])[:top]:
        lines.append(f"{cpu:8.1f} {wall:8.1f} {count:6.0f}  {name}")
    lines.append("   CPU s   wall s  test")
    lines += [f"{cpu:8.1f} {wall:8.1f}  {name}" for cpu, wall, name in sorted(tests, reverse=True)[:top]]
    return "\n".join(lines)


if __name__ == "__main__":
    print(summary(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 40))
