"""Progress and the closing line of `perfsite build`, `check` and `import`: one mechanism for all.

On a terminal a long run shows a bar redrawn in place; in a CI log, a pipe or a file nothing is
drawn (a log of 10,000 carriage-return updates helps nobody), and every command ends with one
summary line. A 10,000-programme build runs in a MkDocs subprocess whose stderr is a pipe, so
the hook reports its progress as `report_line` lines (only when `perfsite build` asks for them
through PROGRESS_ENV) and `perfsite build` draws the bar from them.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Mapping
from typing import TextIO

Progress = Callable[[str, int, int], None]
"""(stage, done, total): called as a run advances."""

WIDTH = 24
"""Cells of the bar: with the longest stage name and counts the line stays under 80 columns."""
REDRAW_SECONDS = 0.1
"""A bar is redrawn at most this often (and always at the first and the last step): 10,000
redraws of a line cost a slow terminal more than the work they report."""
PROGRESS_ENV = "PERFSITE_PROGRESS"
"""Set (to 1) by `perfsite build` for MkDocs: the hook then reports progress on stderr."""
VERBOSE_ENV = "PERFSITE_VERBOSE"
"""Set (to 1) by `perfsite build --verbose` for MkDocs: the hook logs every data problem."""
MARK = "perfsite-progress\t"
"""How a progress report from the MkDocs subprocess starts (a line no MkDocs message starts with)."""
TALLY_MARK = "perfsite-tally\t"
"""How the MkDocs subprocess's count of programmes and problems starts."""


def is_terminal(stream: TextIO) -> bool:
    """Whether a person watches `stream` (a closed or detached stream is not a terminal)."""
    try:
        return stream.isatty()
    except (ValueError, AttributeError, OSError):
        return False


class Bar:
    """A one-line bar rewritten in place on a terminal: `读取 [#####-----] 4500/10000 个项目 45%`."""

    def __init__(self, stream: TextIO, unit: str, clock: Callable[[], float] = time.monotonic,
                 units: Mapping[str, str] | None = None):
        self.stream = stream
        self.unit = unit
        self.units = units or {}
        """A stage's own unit where it counts something else (a build reads files, then writes pages)."""
        self.clock = clock
        self.last: tuple[str, float] | None = None
        self.text = ""
        self.shown = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = self.clock()
        last = self.last
        if last is not None and last[0] == stage and done < total and now - last[1] < REDRAW_SECONDS:
            return
        text = bar_text(stage, done, total, self.units.get(stage, self.unit))
        if self.shown and text == self.text:
            return
        self.last, self.text = (stage, now), text
        self.stream.write("\r" + text + "\033[K")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        """Erase the bar (the summary line says it all); nothing if none was drawn."""
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False


def bar_text(stage: str, done: int, total: int, unit: str) -> str:
    """The bar's text; a stage of unknown size (total 0) shows its name only."""
    if total <= 0:
        return f"{stage}……"
    done = min(max(done, 0), total)
    filled = WIDTH * done // total
    return f"{stage} [{'#' * filled}{'-' * (WIDTH - filled)}] {done}/{total} {unit} {100 * done // total}%"


def terminal_bar(stream: TextIO, unit: str = "个文件", units: Mapping[str, str] | None = None) -> Bar | None:
    """A bar on `stream` if a person watches it; None (draw nothing) for a pipe, a file or CI.
    `units`: stage → its unit, where a stage counts other things than `unit`."""
    return Bar(stream, unit, units=units) if is_terminal(stream) else None


def report_line(stage: str, done: int, total: int) -> str:
    """A progress report as the MkDocs subprocess writes it for `perfsite build` (one line)."""
    clean = stage.replace("\t", " ").replace("\n", " ")
    return f"{MARK}{clean}\t{done}\t{total}\n"


def read_report(line: str) -> tuple[str, int, int] | None:
    """(stage, done, total) of a `report_line`, None for any other line."""
    if not line.startswith(MARK):
        return None
    parts = line[len(MARK):].rstrip("\r\n").split("\t")
    if len(parts) != 3 or not (parts[1].isdigit() and parts[2].isdigit()):
        return None
    return parts[0], int(parts[1]), int(parts[2])


def tally_line(counts: dict[str, int], programmes: int) -> str:
    """The data's problem counts (`report.tally`) as the MkDocs subprocess tells `perfsite build`."""
    return TALLY_MARK + json.dumps({"programmes": programmes} | counts) + "\n"


def read_tally(line: str) -> dict[str, int] | None:
    """The counts of a `tally_line`, None for any other line."""
    if not line.startswith(TALLY_MARK):
        return None
    try:
        counts = json.loads(line[len(TALLY_MARK):])
    except ValueError:
        return None
    if not isinstance(counts, dict) or not all(isinstance(v, int) for v in counts.values()):
        return None
    return counts


def reporter(stream: TextIO, clock: Callable[[], float] = time.monotonic) -> Progress:
    """Progress as `report_line`s on `stream`, at most one per REDRAW_SECONDS a stage (and its
    first and last step): what the hook gives `perfsite build` to draw."""
    last: dict[str, float] = {}

    def report(stage: str, done: int, total: int) -> None:
        now = clock()
        if stage in last and done < total and now - last[stage] < REDRAW_SECONDS:
            return
        last[stage] = now
        stream.write(report_line(stage, done, total))
        stream.flush()

    return report


class Ticker:
    """Reports a count other processes advance (the build's workers write it into shared memory)
    from a thread, every REDRAW_SECONDS, until stopped; then once more, at the final count."""

    def __init__(self, progress: Progress, stage: str, total: int, count: Callable[[], int]):
        self.progress, self.stage, self.total, self.count = progress, stage, total, count
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="perfsite-progress", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        told = -1
        while not self.stopping.wait(REDRAW_SECONDS):
            done = min(self.count(), self.total)
            if done != told:  # a stalled count (MkDocs busy with its own pages) is not told again
                self.progress(self.stage, done, self.total)
                told = done

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join()
        self.progress(self.stage, min(self.count(), self.total), self.total)


def tenths(seconds: float) -> str:
    """A run's duration to the tenth of a second (`21.2`): the summary line and the JSON say the same."""
    return f"{seconds:.1f}"


def took(seconds: float) -> str:
    """`用时 21.2 秒`: the end of every summary line (a duration, not a published figure)."""
    return f"用时 {tenths(seconds)} 秒"
