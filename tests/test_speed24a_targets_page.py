"""The 绩效目标表 page's parts that depend on its rows and documents: the ★ note of each table, the
note on targets written without a sign, and the 公开信息, 数据核验 and document sections, each shown
exactly when the record has what it says (the page finds these in Python, not with Jinja filters)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from perfsite.dataset import load_document
from perfsite.problems import Problem, Severity
from perfsite.record import TargetRecord, make_target_record
from perfsite.site.render import standard
from perfsite.site.targets_page import render_targets
from perfsite.siteconfig import SiteConfig

REPO = Path(__file__).resolve().parent.parent
TABLE = REPO / "data" / "2022" / "jiaoyu" / "yingyang-gaishan-mubiao.yaml"


@pytest.fixture(scope="module")
def seeded() -> tuple[TargetRecord, object]:
    site = SiteConfig()
    table, _, problems = load_document(TABLE, REPO / "data", site, REPO)
    rec = make_target_record(table, problems)  # type: ignore[arg-type]
    # a 中期 set of two rows, for what each table says of its own rows
    return dataclasses.replace(rec, midterm_indicators=rec.indicators[:2]), site


def _body(rec: TargetRecord, site: object, documents: frozenset[str] = frozenset()) -> str:
    return render_targets(rec, site, True, documents, standard())[2]  # type: ignore[arg-type]


def _rows(rows: tuple[dict, ...], **values: object) -> tuple[dict, ...]:
    return tuple({**row, **values} for row in rows)


def _captions(body: str) -> list[str]:
    """The two indicator tables' captions (年度, 中期)."""
    return [body.split(f'<caption id="{name}">')[1].split("</caption>")[0] for name in ("ps-cap-tind", "ps-cap-tmid")]


def test_each_table_notes_core_indicators_only_when_it_has_one(seeded):
    rec, site = seeded
    plain = dataclasses.replace(rec, indicators=_rows(rec.indicators, core=False),
                                midterm_indicators=_rows(rec.midterm_indicators, core=False))
    assert ["为核心指标" in c for c in _captions(_body(plain, site))] == [False, False]
    midterm_only = dataclasses.replace(plain, midterm_indicators=(
        {**plain.midterm_indicators[0], "core": True}, *plain.midterm_indicators[1:]))
    assert ["为核心指标" in c for c in _captions(_body(midterm_only, site))] == [False, True]
    annual_only = dataclasses.replace(plain, indicators=({**plain.indicators[0], "core": True}, *plain.indicators[1:]))
    assert ["为核心指标" in c for c in _captions(_body(annual_only, site))] == [True, False]


def test_the_note_on_targets_without_a_sign_follows_either_set(seeded):
    rec, site = seeded
    note = "原表没有写符号的目标值照原表写"
    none = dataclasses.replace(rec, indicators=_rows(rec.indicators, nature_inferred=False),
                               midterm_indicators=_rows(rec.midterm_indicators, nature_inferred=False))
    assert note not in _body(none, site)
    midterm = dataclasses.replace(none, midterm_indicators=(
        {**none.midterm_indicators[0], "nature_inferred": True}, *none.midterm_indicators[1:]))
    assert note in _body(midterm, site)
    annual = dataclasses.replace(none, indicators=({**none.indicators[0], "nature_inferred": True}, *none.indicators[1:]))
    assert note in _body(annual, site)


def test_disclosure_checks_and_documents_appear_only_with_something_to_show(seeded):
    rec, site = seeded
    assert rec.disclosure["corrections"], "the seed table has a 更正记录"
    shown = _body(rec, site, frozenset({rec.url, rec.programme_url}))
    assert 'id="ps-disclosure"' in shown and 'class="ps-docs"' in shown
    bare = dataclasses.replace(rec, disclosure={**rec.disclosure, "index_no": None, "doc_no": None, "issuer": None,
                                                "validity": None, "corrections": []}, problems=())
    body = _body(bare, site)
    assert 'id="ps-disclosure"' not in body and 'id="ps-checks"' not in body and 'class="ps-docs"' not in body
    warned = dataclasses.replace(bare, problems=(Problem(Severity.WARNING, "示例提示：权重合计不是 100", rec.file, 3,
                                                         "weight_total").as_dict(),))
    assert "示例提示：权重合计不是 100" in _body(warned, site).split('id="ps-checks"')[1]
