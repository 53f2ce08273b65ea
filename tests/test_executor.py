"""perfsite.executor with real forked workers: a failed call leaves no reply behind for the next."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import pytest

from perfsite.executor import Pool, WorkerError, send_note, told_message
from perfsite.processes import can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="forked workers need fork")


@dataclass(frozen=True)
class Job:
    word: str


class Echo:
    """Replies with the request's word; "boom" raises, "die" ends the worker, "wait" waits to be
    told, "note" notes its word (upper case) before it replies, "notes" each word after it and then LAST."""

    def __init__(self, counts: Any, slot: int, inbox: Any) -> None:
        self.inbox = inbox

    def handle(self, request: Job) -> str:
        if request.word == "boom":
            raise ValueError("injected")
        if request.word == "die":
            os._exit(3)
        if request.word == "wait":
            return f"told {told_message(self.inbox.recv())}"
        if request.word.startswith("notes"):  # "notes a b": "A", "B", then "LAST"
            for word in request.word.split()[1:]:
                send_note(self.inbox, word.upper())
            send_note(self.inbox, "LAST")
            return f"{request.word} replied"
        if request.word.startswith("note"):
            send_note(self.inbox, request.word.upper())
            return f"{request.word} replied"
        return request.word


@pytest.fixture
def pool() -> Any:
    shares = Pool(2, Echo, "测试")
    yield shares
    shares.kill()


def test_after_a_failed_call_the_next_call_gets_its_own_replies(pool: Pool) -> None:
    with pytest.raises(WorkerError, match="测试"):
        pool.call([Job("boom"), Job("stale")])
    assert pool.call([Job("a"), Job("b")]) == ["a", "b"]
    assert not pool.broken


def test_a_message_told_after_its_request_failed_is_not_taken_for_a_request(pool: Pool) -> None:
    pool.start([Job("boom"), Job("wait")])
    pool.tell("go")
    with pytest.raises(WorkerError):
        pool.finish()
    assert pool.call([Job("a"), Job("b")]) == ["a", "b"]


def test_a_worker_that_went_away_breaks_the_pool(pool: Pool) -> None:
    with pytest.raises(WorkerError, match="工作进程意外退出"):
        pool.call([Job("a"), Job("die")])
    assert pool.broken


def test_one_process_gives_the_same_replies_and_failures() -> None:
    local = Pool(1, Echo, "测试")
    assert local.processes == []
    with pytest.raises(WorkerError, match="测试"):
        local.call([Job("boom")])
    assert local.call([Job("a")]) == ["a"]


def test_notes_are_read_before_the_replies(pool: Pool) -> None:
    pool.start([Job("note a"), Job("note b")])
    assert sorted(pool.each_note(lambda _: True)) == [(0, "NOTE A"), (1, "NOTE B")]
    assert pool.finish() == ["note a replied", "note b replied"]


def test_each_worker_s_notes_are_read_as_they_come_up_to_its_last(pool: Pool) -> None:
    pool.start([Job("notes a b c"), Job("notes d")])
    read = list(pool.each_note(lambda note: note == "LAST"))
    assert [note for slot, note in read if slot == 0] == ["A", "B", "C", "LAST"]
    assert [note for slot, note in read if slot == 1] == ["D", "LAST"]
    assert pool.finish() == ["notes a b c replied", "notes d replied"]


def test_a_note_nobody_reads_is_not_taken_for_a_reply(pool: Pool) -> None:
    assert pool.call([Job("note a"), Job("b")]) == ["note a replied", "b"]
    assert pool.call([Job("c"), Job("d")]) == ["c", "d"]


def test_a_worker_that_fails_before_its_note_fails_the_call_and_leaves_no_reply_behind(pool: Pool) -> None:
    pool.start([Job("note a"), Job("boom")])
    assert list(pool.each_note(lambda _: True)) == [(0, "NOTE A")]
    assert pool.early
    with pytest.raises(WorkerError, match="测试"):
        pool.finish()
    assert pool.call([Job("c"), Job("d")]) == ["c", "d"]
