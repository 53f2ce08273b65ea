"""The one executor of check, build and serve: worker processes, each owning a share of the files.

A `Pool` runs a `Handler` in each of n forked workers (they inherit the loaded code and, under
`mkdocs serve`, keep what they read between rebuilds), or in this process when n is 1: where
fork is missing (Windows), for a small tree, with PERFSITE_JOBS=1 and in unit tests. Either way
the same request objects go in and the same reply objects come out.

A call sends one request per share and reads one reply from every worker before it returns or
raises, so a failure never leaves a reply unread for the next call to take for its own. A worker
that went away makes the pool `broken`; its owner starts a new one.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing as mp
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Protocol

from perfsite.failures import explain
from perfsite.kinds import programme_file
from perfsite.processes import can_fork, jobs, signals_kept
from perfsite.safefile import FileRefused


class Handler(Protocol):
    """What a worker runs: one reply per request (a request may also wait on `inbox` for a told message)."""

    def handle(self, request: Any) -> Any: ...


MakeHandler = Callable[[Any, int, Any], Handler]
"""(progress counts, this worker's slot, its inbox or None) → the worker's handler."""


@dataclass(frozen=True)
class Failed:
    """A worker's reply when its request raised: the sentence for the user (the traceback is in the log)."""

    message: str


@dataclass(frozen=True)
class Told:
    """A message for a running request (`Pool.tell`), which reads it from its inbox; one that
    arrives after its request ended (the request failed first) is dropped, never taken for a request."""

    message: Any


@dataclass(frozen=True)
class Note:
    """What a running request tells the parent before its reply (`send_note`, read by
    `Pool.each_note`): e.g. a render's search stubs, known before its pages are linked, so the
    parent indexes them meanwhile. A note nobody reads is passed over by `Pool.finish`."""

    message: Any


def send_note(inbox: Any, message: Any) -> None:
    """From a handler: tell the parent `message` now (nothing in this process: its request ends
    before the parent could read it, and the reply says it all)."""
    if inbox is not None:
        inbox.send(Note(message))


def told_message(received: Any) -> Any:
    """What the parent told, from what a handler read from its inbox."""
    return received.message if isinstance(received, Told) else received


@dataclass(frozen=True)
class Stop:
    """Ends a worker at once: freeing 50,000 scored programmes one by one would take seconds."""


class WorkerError(RuntimeError):
    """A worker's request failed: its message is already the sentence for the user."""


GONE = "工作进程意外退出（可能是内存不足被系统结束）：请重新运行；仍然失败时请把这条消息发给系统维护人员"


def workers_for(files: int, parallel_from: int) -> int:
    """One worker per core (PERFSITE_JOBS) for a tree of at least `parallel_from` files where
    fork exists; else 1 (this process): below it, forking costs more than it saves."""
    return jobs() if files >= parallel_from and can_fork() else 1


def owner(path: str, n: int) -> int:
    """The share a file belongs to, the same in every run (so a serve worker keeps its files);
    a programme-year's documents named as import names them go to its 自评's share (kinds.programme_file)."""
    return int(hashlib.sha1(programme_file(path).encode()).hexdigest()[:8], 16) % n


class Pool:
    """n workers running a handler each (n = 1: the handler in this process)."""

    def __init__(self, n: int, make_handler: MakeHandler, doing: str) -> None:
        """`doing` names the work in a failure's sentence (「生成网站页面失败：…」)."""
        self.n = n
        self.doing = doing
        self.counts: Any = mp.get_context("fork").RawArray("q", n) if n > 1 else [0]
        """Per worker: files read or pages rendered in the current call, for a progress bar
        (shared memory, no lock: each worker writes only its own slot; about 1 µs an increment)."""
        self.broken = False
        self.running = False
        """A call's requests are out and not all its replies read: the caller was stopped (Ctrl-C,
        SIGTERM) inside it, so close() ends the workers instead of waiting for them to finish."""
        self.local = make_handler(self.counts, 0, None) if n == 1 else None
        self.replies: list[Any] = []
        self.early: dict[int, Any] = {}
        """Replies `each_note` read in place of a worker's note (it failed first): finish() returns them."""
        self.conns: list[Any] = []
        self.processes: list[Any] = []
        if n > 1:
            ctx = mp.get_context("fork")
            try:
                with signals_kept():  # Ctrl-C or SIGTERM while forking stops the pool, not lost in a fork
                    for slot in range(n):
                        parent, child = ctx.Pipe()
                        process = ctx.Process(target=_worker, args=(child, list(self.conns), os.getpid(),
                                                                    make_handler, self.counts, slot, doing), daemon=True)
                        process.start()
                        self.processes.append(process)
                        child.close()
                        self.conns.append(parent)
            except BaseException:
                self.kill()
                raise

    def owner(self, path: str) -> int:
        return owner(path, self.n)

    def split(self, paths: Sequence[str]) -> list[list[str]]:
        """The paths of each share, in the order given."""
        shares: list[list[str]] = [[] for _ in range(self.n)]
        for path in paths:
            shares[self.owner(path)].append(path)
        return shares

    def progress(self) -> int:
        """Files read or pages rendered so far by the running call, over all workers."""
        return sum(self.counts)

    def call(self, requests: Sequence[Any]) -> list[Any]:
        """One request per share; the replies in share order (WorkerError if any failed)."""
        self.start(requests)
        return self.finish()

    def start(self, requests: Sequence[Any]) -> None:
        """Send one request per share; finish() collects the replies (the parent works meanwhile)."""
        if len(requests) != self.n:
            raise ValueError(f"{len(requests)} requests for {self.n} shares")
        if self.local is not None:
            self.replies = [_run(self.local, requests[0], self.doing)]
            return
        self.running = True
        for conn, request in zip(self.conns, requests, strict=True):
            conn.send(request)

    def tell(self, message: Any) -> None:
        """Send every worker a message its running request waits for (a render's shell)."""
        for conn in self.conns:
            conn.send(Told(message))

    def each_note(self, last: Callable[[Any], bool]) -> Iterator[tuple[int, Any]]:
        """Each worker's notes to the running call as they come, from whichever worker sends
        first, with its slot, until every worker has sent one that is `last` or replied (the
        reply is kept for finish(); `early` then names the worker). Read as they come, not worker by
        worker: a render tells each year whose stubs are all written (its index can be made
        while the workers render later years), and the first worker's later notes would
        otherwise wait behind the second's earlier ones."""
        if self.local is not None:
            return
        waiting = {conn: slot for slot, conn in enumerate(self.conns) if slot not in self.early}
        while waiting:
            for conn in wait(list(waiting)):
                received = self._receive(conn)
                if not isinstance(received, Note):
                    self.early[waiting.pop(conn)] = received
                    continue
                yield waiting[conn], received.message
                if last(received.message):
                    del waiting[conn]

    def _receive(self, conn: Any) -> Any:
        try:
            return conn.recv()
        except (EOFError, OSError):
            self.broken = True
            return Failed(GONE)

    def finish(self) -> list[Any]:
        """Every worker's reply to the running call, all read before a failure is raised (notes
        not read by `each_note` are passed over)."""
        if self.local is not None:
            replies, self.replies = self.replies, []
        else:
            replies = []
            for slot, conn in enumerate(self.conns):
                reply = self.early.pop(slot) if slot in self.early else self._receive(conn)
                while isinstance(reply, Note):
                    reply = self._receive(conn)
                replies.append(reply)
            self.running = False
        failed = next((r for r in replies if isinstance(r, Failed)), None)
        if failed is not None:
            raise WorkerError(failed.message)
        return replies

    def close(self) -> None:
        """End the workers once they are idle (a build is done with them; Pagefind then has their
        memory); at once when a call was left running: a worker sees Stop only after its request,
        and each was waited for up to 10 s, so a build or check stopped while the workers read
        took 10 s a worker to end (11.7 s with two, measured) and a CI job's grace ran out."""
        if self.running:
            self.kill()
            return
        for conn in self.conns:
            try:
                conn.send(Stop())
                conn.close()
            except OSError:
                pass
        for process in self.processes:
            process.join(timeout=10)
        self.conns, self.processes = [], []

    def kill(self) -> None:
        """End the workers at once: after a failure nothing they are doing is wanted."""
        for process in self.processes:
            process.kill()
        for process in self.processes:
            process.join()
        for conn in self.conns:
            conn.close()
        self.conns, self.processes = [], []
        self.early.clear()
        self.running = False


def _run(handler: Handler, request: Any, doing: str) -> Any:
    try:
        return handler.handle(request)
    except FileRefused as error:  # a data file refused when read again: its sentence names it
        return Failed(f"{doing}失败：{error.message}")
    except Exception as error:  # the parent raises it as WorkerError; explain() logs the traceback
        return Failed(explain(error, doing))


def _worker(conn: Any, siblings: list[Any], parent: int, make_handler: MakeHandler, counts: Any,
            slot: int, doing: str) -> None:
    """A worker's loop: answer each request with its handler's reply, or Failed.

    It ends when the parent goes away (even killed), so no orphan keeps the serve port open.
    """
    for other in siblings:  # ends of earlier workers' pipes, inherited by fork: not ours
        other.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to report, once
    gc.disable()
    handler = make_handler(counts, slot, conn)
    while True:
        try:
            while not conn.poll(1.0):
                if os.getppid() != parent:
                    return
            request = conn.recv()
        except (EOFError, OSError):
            return
        if isinstance(request, Stop):
            conn.close()
            os._exit(0)
        if isinstance(request, Told):  # for a request that has ended: nobody waits for it
            continue
        conn.send(_run(handler, request, doing))
