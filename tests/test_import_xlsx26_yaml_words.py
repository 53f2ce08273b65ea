"""A word YAML 1.1 reads as true/false (``no``, ``yes``, ``on``, ``off``) typed into a data file's text cell is
the text as written: ``target: no`` published 「否」 and ``actual: on`` 「是」, words the form never printed. The
contract's flags (`applicable`, `sample`, `core`) written with those words read as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_reader import errors, read

from perfsite.yamlload import load_yaml_text


@pytest.mark.parametrize("word", ["no", "No", "yes", "YES", "on", "Off"])
def test_a_yaml_1_1_word_is_text(word: str) -> None:
    assert load_yaml_text(f"x: {word}\n{word}: 1\n").data == {"x": word, word: 1}


@pytest.mark.parametrize("word", ["true", "False", "TRUE"])
def test_true_and_false_are_still_flags(word: str) -> None:
    assert load_yaml_text(f"x: {word}\n").data == {"x": word.lower() == "true"}


def _indicator(tmp_path: Path, core_write, core_programme, **cells: object):  # type: ignore[no-untyped-def]
    """The minimal programme with its first indicator's `cells`; a value ``@word`` is written bare, as typed."""
    data = core_programme()
    data["indicators"][0].update(cells)
    path = core_write(tmp_path / "gonglu.yaml", data)
    text = path.read_text(encoding="utf-8")
    for value in cells.values():
        if isinstance(value, str) and value.startswith("@"):
            text = text.replace(f"'{value}'", value[1:]).replace(f'"{value}"', value[1:]).replace(value, value[1:])
    path.write_text(text, encoding="utf-8")
    return read(path)


def test_a_target_typed_no_is_published_as_written(tmp_path: Path, core_write, core_programme) -> None:  # type: ignore[no-untyped-def]
    prog, problems = _indicator(tmp_path, core_write, core_programme, target="@no", actual="@on")
    assert not errors(problems), problems.items
    first = prog.indicators[0]
    assert (first.target, first.actual) == ("no", "on")  # were 「否」 and 「是」


def test_a_cell_typed_true_is_published_as_written(tmp_path: Path, core_write, core_programme) -> None:  # type: ignore[no-untyped-def]
    prog, problems = _indicator(tmp_path, core_write, core_programme, actual=True)
    assert not errors(problems), problems.items
    assert prog.indicators[0].actual == "true"


@pytest.mark.parametrize(("word", "flag"), [("no", False), ("off", False), ("yes", True), ("On", True)])
def test_flags_written_as_yaml_1_1_words_read_as_before(tmp_path: Path, core_write, core_programme,  # type: ignore[no-untyped-def]
                                                          word: str, flag: bool) -> None:
    data = core_programme()
    data["indicators"][0].update(applicable="__FLAG__", remark="不适用的原因")
    data["sample"] = "__FLAG__"
    path = core_write(tmp_path / "gonglu.yaml", data)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"__FLAG__"', word).replace("'__FLAG__'", word).replace("__FLAG__", word), encoding="utf-8")
    prog, problems = read(path)
    assert not errors(problems), [p.message for p in problems.items]
    assert prog.indicators[0].applicable is flag
    assert prog.sample is flag
