"""Bracket notes read by `annotation`/`note_kind`, no longer refused when they say one thing:
「（未含）」 is 「not included」 as 「（不含）」 is (≤5%（未含） is ＜5%: at 5% the target is not met), and a
noun ending in a counted unit's character names what is counted (（事项）, （农户）, （案件）): a label,
so 「≥100（事项）」 is 100 of the actual's unit. A note that may be a unit of its own stays refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_rtfix1_scoring import row, scored
from test_rules import run

from perfsite.rules import Status
from perfsite.values import Comparator, Figure, Note, note_kind, note_problem, parse_value


@pytest.mark.parametrize(("text", "comparator"), [
    ("≤5%（未含）", Comparator.LT), ("≤5%（未含本数）", Comparator.LT), ("≥95%（未包括）", Comparator.GT),
    ("≥95%（未包含该数）", Comparator.GT)])
def test_not_included_in_other_words_is_strict(text: str, comparator: Comparator) -> None:
    value = parse_value(text)
    assert value.is_number and value.comparator is comparator, note_problem(text)


def test_at_a_not_included_edge_the_target_is_not_met() -> None:
    out = run(10, "≤5%（未含）", "5%", "ratio")
    assert out.met is False


@pytest.mark.parametrize("note", ["事项", "农户", "案件", "车辆", "脱贫户", "受益人"])
def test_a_noun_ending_in_a_counted_unit_is_a_label(note: str) -> None:
    assert note_kind(note) is Note.LABEL
    assert parse_value(f"≥100（{note}）").figures == (Figure(Decimal(100), ""),)


@pytest.mark.parametrize("note", ["千人", "台套", "个体户", "两项", "每人", "车次", "工日", "km项"])
def test_a_note_that_may_be_a_unit_of_its_own_stays_refused(note: str) -> None:
    assert note_kind(note) is Note.UNKNOWN
    assert parse_value(f"≥5（{note}）").kind.value == "text" and "可能是单位" in (note_problem(f"≥5（{note}）") or "")


def test_a_counted_noun_target_is_scored_in_the_actual_s_unit(tmp_path, core_write) -> None:  # type: ignore[no-untyped-def]
    sp = scored(tmp_path, core_write, row("办理事项", 30, "≥100（事项）", "120项", score=30), row("B", 70, "≥1", "1", score=70))
    first = sp.indicators[0]
    assert first.status is not Status.NOT_RECOMPUTED and first.outcome.met is True
