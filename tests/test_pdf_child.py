"""A PDF is read in a limited child process (perfsite.importing.pdf_reader.read_pdf): forked from the importing
process where there is fork, a new interpreter where there is not; both answer what a read in this process gives,
and the child's memory limit counts from what it started with."""

from __future__ import annotations

import mmap
import os
import subprocess
from pathlib import Path

import pytest
from forms.make import forms, load_form
from pdf_makers import DRAWINGS, draw_form

from perfsite.importing import pdf_reader
from perfsite.importing.pdf_reader import read_here, read_pdf


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real form (tests/forms/) as a report engine draws it."""
    path = tmp_path_factory.mktemp("child") / "form.pdf"
    path.write_bytes(draw_form(load_form(forms()[0]), DRAWINGS[0]))
    return path


def test_a_forked_child_reads_what_this_process_reads_and_starts_no_interpreter(
        pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_interpreter(*args: object, **kwargs: object) -> None:
        raise AssertionError("a new interpreter was started")

    monkeypatch.setattr(subprocess, "run", no_interpreter)
    blocks, headers = read_pdf(pdf)
    assert (blocks, headers) == read_here(pdf)
    assert any(getattr(block, "rows", None) for block in blocks)


def test_without_fork_a_new_interpreter_reads_it(pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[list[str]] = []
    run = subprocess.run

    def counted(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        started.append(command)
        return run(command, **kwargs)  # type: ignore[call-overload,no-any-return]

    monkeypatch.delattr(os, "fork")
    monkeypatch.setattr(subprocess, "run", counted)
    assert read_pdf(pdf) == read_here(pdf)
    assert [command[1:3] for command in started] == [["-m", "perfsite.importing.pdf_reader"]]


def test_a_process_holding_much_address_space_still_reads(pdf: Path) -> None:
    """The limit is CHILD_MEMORY beyond the parent's address space at the fork, not in all: an importing
    process that has mapped more than CHILD_MEMORY (untouched, so it costs no memory) still reads."""
    held = mmap.mmap(-1, pdf_reader.CHILD_MEMORY + (256 << 20))
    try:
        assert read_pdf(pdf) == read_here(pdf)
    finally:
        held.close()


def test_the_child_is_still_limited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A child that reaches the limit becomes the clerk's message, and this process goes on."""
    monkeypatch.setattr(pdf_reader, "read_here", lambda path: [bytearray(pdf_reader.CHILD_MEMORY + (64 << 20))])
    path = tmp_path / "any.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(pdf_reader.ImportFailure, match="PDF 内容过大或过于复杂"):
        read_pdf(path)
