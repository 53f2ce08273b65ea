"""Which of a file's forms a reader's note is about, when the file holds several.

Readers put what they say about the whole file (revisions, Word comments, a hidden sheet that holds
no form) on the file's first table, beside that table's own notes; a file of several programmes'
forms is imported as one file per form. A note naming cells goes with the form holding them
(`tables.split_notes`); one naming a page of a PDF stays with the table the reader put it on. A note
naming a table of the file and no cell (「工作表「甲」的绘图部件…已损坏」) is about the forms read from
that table only: given to every form of the file, it sent the clerk of a form on another sheet to
look for it there. A note naming none of these is about the file: said once, on the first form's
report and marked so; said on each form, a department's sheet of 12 programmes' 目标表 printed the
same line 12 times.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from perfsite.importing.grid import Grid
from perfsite.importing.tables import CELL_REF

PAGE_REF = re.compile(r"第 ?\d+(?:[、，,–\-～]\d+)* ?页")
"""A page a PDF or OFD reader's note names (「PDF 第 4 页：第一行按被分页截断的上一行读取…」): such a note stays
with the table the reader put it on, since a table does not say which pages it spans."""
WHOLE_FILE = "关于整个文件（不只是这个项目）："
"""Put before a note about the whole file, said once on the first of its forms' reports."""


def tables_named(note: str, labels: Iterable[str]) -> set[str]:
    """The labels of a file's tables a note names (「表1」 not within 「表12」)."""
    return {label for label in labels if re.search(re.escape(label) + r"(?!\d)", note)}


def about_file(note: str, labels: Collection[str]) -> bool:
    """Whether a reader's note names no cell and none of the file's tables (`labels`): it is about the file."""
    return not CELL_REF.search(note) and not tables_named(note, labels)


def keep_file_notes(first: Grid | None, grids: list[Grid], labels: Collection[str]) -> None:
    """The notes about the whole file that a reader put on the file's `first` table, put on the first of
    `grids` when `first` is no longer among them (a 决算's statement or a 汇总表 set aside, never imported):
    a Word file's revisions, noted on its 收入支出决算总表, were never said."""
    if first is None or not grids or any(grid is first for grid in grids):
        return
    grids[0].notes[:0] = [note for note in first.notes if about_file(note, labels) and note not in grids[0].notes]


def place_notes(candidates: Iterable[str], forms: list[tuple[list[str], Collection[str]]], say_at: int = 0) -> None:
    """Each of a file's reader notes among `candidates` that names no cell, put in the note lists of the
    forms it is about: (the form's notes, the labels of its tables) each. One naming tables goes to the
    forms read from them (and out of the others'); one naming none to `forms[say_at]` alone, marked as
    about the file (where a form already says it, in its place). Running it again changes nothing."""
    labels = {label for _, own in forms for label in own}
    for note in dict.fromkeys(candidates):
        if note.startswith(WHOLE_FILE) or CELL_REF.search(note) or PAGE_REF.search(note):
            continue
        named = tables_named(note, labels)  # none: about the file
        text = note if named else WHOLE_FILE + note
        for n, (notes, own) in enumerate(forms):
            keep = bool(named & set(own)) if named else n == say_at
            at = [k for k, said in enumerate(notes) if said in (note, text)]
            for k in reversed(at[1:] if keep else at):
                del notes[k]
            if keep and at:
                notes[at[0]] = text
            elif keep:
                notes.append(text)


def hand_over_file_notes(parts: Iterable[list[Grid]], programmes: Grid, labels: Collection[str]) -> None:
    """The notes about the whole file on the tables of its split-off 部门整体 forms (`parts`), moved to the
    first table of its programmes' forms (`programmes`) and marked as about the file. A reader puts them on
    the file's first table: when a 部门整体 form opens the file, left there they are said on its report and
    copied to the programmes' (`keep_file_notes`), twice and neither time as the file's. Said on the report
    headed by the file's own name, once; the notes naming a table or a page of the department's form stay with it."""
    for grids in parts:
        for grid in grids:
            moved = [note for note in grid.notes if about_file(note, labels) and not PAGE_REF.search(note)
                     and not note.startswith(WHOLE_FILE)]
            grid.notes[:] = [note for note in grid.notes if note not in moved]
            programmes.notes += [WHOLE_FILE + note for note in moved if WHOLE_FILE + note not in programmes.notes]
