"""The programme page's shortcuts give what the long way gives: the twin made once for the page
and its JSON, the written-out indicator CSV row, CSV lines without worksheet cells, the shell cut
at its marks. Each is checked against the general code it stands in for, on hostile text."""

from __future__ import annotations

import dataclasses
import html
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfsite.opendata.parts import COLUMNS_OF, TABLES, csv_lines, encode_rows
from perfsite.opendata.tables import INDICATOR_CSV_NAMES, cell_text, indicator_csv_row
from perfsite.pagedata import page_data, twin, year_entry
from perfsite.reader import read_programme
from perfsite.record import Record, make_record
from perfsite.scoring import score_programme
from perfsite.site.model import ProgrammeInput
from perfsite.site.programme_page import programme_files
from perfsite.site.shell import (
    CONTENT_MARK,
    DESCRIPTION_MARK,
    KEYWORDS_MARK,
    PUBDATE_TAG,
    SHELL_URL,
    TITLE_MARK,
    fill_shell,
    page_bytes,
    render_programme,
)
from perfsite.siteconfig import SiteConfig

ODD = ["", " 前后空格 ", "=1+1", "-", "-5.00", "@x", "\t制表", "a,b", 'say "hi"', "行\n换", "<b>&amp;</b>",
       "\u3000全角空格", "1e3", "\x02"]


def _record(tmp_path: Path, cells: list[str]) -> Record:
    rows = "".join(
        f"  - {{level1: 产出指标, level2: 数量指标, name: {json.dumps('指标' + str(i) + c, ensure_ascii=False)}, "
        f"weight: {'' if i % 3 == 2 else 10}, target: {json.dumps(c, ensure_ascii=False)}, "
        f"actual: {json.dumps(c, ensure_ascii=False)}, remark: {json.dumps(c, ensure_ascii=False)}, "
        f"rule_text: {json.dumps(c, ensure_ascii=False)}, applicable: {'false' if i % 4 == 3 else 'true'}, "
        f"score: {'' if i % 2 else 10}{', rule: {type: deduct, per: 0.5, count: 1}' if i % 5 == 1 else ''}}}\n"
        for i, c in enumerate(cells))
    path = tmp_path / "odd.yaml"
    path.write_text("year: 2023\nid: odd\nname: 甲\ndepartment: 某局\nseries: odd\n"
                    "budget:\n  unit: 万元\n  budget: {total: 100}\n  funded: {total: 100}\n  spent: {total: 90}\n"
                    "indicators:\n" + rows, encoding="utf-8")
    programme, problems = read_programme(path, SiteConfig())
    assert programme is not None
    return make_record(score_programme(programme, SiteConfig(), problems))


@pytest.fixture
def rec(tmp_path: Path) -> Record:
    return _record(tmp_path, ODD)


def test_the_written_out_csv_row_is_cell_text_of_every_field(rec: Record) -> None:
    for ind in rec.indicators:
        row = indicator_csv_row(ind)
        assert list(row) == list(INDICATOR_CSV_NAMES)
        assert row == {name: cell_text(getattr(ind, name)) for name in INDICATOR_CSV_NAMES}


def test_csv_lines_are_the_csv_half_of_encode_rows(rec: Record) -> None:
    from perfsite.opendata.tables import budget_rows, indicator_rows, programme_row

    tables = {"programmes": [programme_row(rec)], "indicators": indicator_rows(rec), "budget": budget_rows(rec)}
    for name in TABLES:
        assert csv_lines(COLUMNS_OF[name], tables[name]) == encode_rows(COLUMNS_OF[name], tables[name])[0]


@given(st.lists(st.sampled_from(ODD) | st.text(max_size=6), min_size=1, max_size=40))
def test_csv_lines_match_encode_rows_on_any_text(texts: list[str]) -> None:
    columns = COLUMNS_OF["indicators"]
    rows = [{c.name: texts[(i + j) % len(texts)] for j, c in enumerate(columns) if c.type != "boolean"}
            for i in range(3)]
    assert csv_lines(columns, rows) == encode_rows(columns, rows)[0]


@pytest.mark.parametrize("ident", ["odd", "=1+1", " 前后空格 ", "a,b", 'say "hi"', "<b>&amp;</b>", "-", ""])
def test_the_tables_made_without_their_rows_are_encode_rows_of_them(rec: Record, ident: str) -> None:
    from perfsite.opendata.parts import budget_encoded, indicators_encoded
    from perfsite.opendata.tables import INDICATOR_CSV_COLUMNS, budget_rows, indicator_rows
    from perfsite.site.programme_page import indicators_csv

    rec = dataclasses.replace(rec, id=ident)
    for encoded, rows, table in ((budget_encoded(rec), budget_rows(rec), "budget"),
                                 (indicators_encoded(rec), indicator_rows(rec), "indicators")):
        assert encoded[2] == len(rows) > 0
        assert encoded[:2] == encode_rows(COLUMNS_OF[table], rows)
    header = ",".join(c.header for c in INDICATOR_CSV_COLUMNS)
    assert indicators_csv(rec).decode("utf-8-sig") == header + "\r\n" + csv_lines(
        INDICATOR_CSV_COLUMNS, [indicator_csv_row(ind) for ind in rec.indicators])


def test_a_budget_figure_csv_would_quote_goes_the_long_way(rec: Record, monkeypatch: pytest.MonkeyPatch) -> None:
    from perfsite.opendata import parts
    from perfsite.opendata.tables import budget_rows

    odd = [("budget", "total", "1,000.00", "0.1", ""), ("funding_rate", "total", "", "", '"9"'),
           ("spent", "total", "5.00", "", "")]
    monkeypatch.setattr(parts, "budget_cells", lambda _: odd)
    monkeypatch.setattr("perfsite.opendata.tables.budget_cells", lambda _: odd)
    assert parts.budget_encoded(rec) == (*encode_rows(COLUMNS_OF["budget"], budget_rows(rec)), 3)


def test_a_page_made_with_its_twin_once_is_the_page_made_the_long_way(rec: Record, tmp_path: Path) -> None:
    other = _record(tmp_path, ODD[:3])
    others = [year_entry(other) | {"year": 2022, "url": "projects/2022/odd/"}, year_entry(rec)]
    url, _, _, files, data, _ = render_programme(rec, SiteConfig(), others)
    alone = [o for o in others if o["url"] != url]
    assert data == page_data(rec, alone)
    item = ProgrammeInput(data=page_data(rec, alone), yaml_path=rec.yaml_path, csv_path=rec.csv_path, record=rec)
    assert files == programme_files(item)
    assert json.loads(files[rec.links["json"]]) == json.loads(json.dumps(twin(rec, alone), ensure_ascii=False))
    assert "level1_rowspan" not in files[rec.links["json"]].decode()  # the page's layout stayed out of the twin


def _replaced(shell: str, url: str, title: str, body: str, head: tuple[str, str, str]) -> str:
    """What the shell's marks say: the URL and title everywhere, the head values in <head>."""
    page = shell.replace(SHELL_URL, url).replace(TITLE_MARK, html.escape(title))
    top, _, tail = page.partition(CONTENT_MARK)
    top = top.replace(DESCRIPTION_MARK, head[0]).replace(KEYWORDS_MARK, head[1]).replace(PUBDATE_TAG, head[2])
    return top + body + tail


@pytest.mark.parametrize("pubdate", ["", '<meta name="PubDate" content="2023-01-02">'])
def test_the_cut_shell_fills_as_replacing_its_marks(pubdate: str) -> None:
    shell = (f'<html><head><title>{TITLE_MARK} - 站</title><link rel="canonical" href="/{SHELL_URL}">'
             f'<meta name="description" content="{DESCRIPTION_MARK}"><meta name="keywords" content="{KEYWORDS_MARK}">'
             f'{PUBDATE_TAG}</head><body><a href="../../../">首页</a>{CONTENT_MARK}'
             f'<footer>{SHELL_URL} {TITLE_MARK} {DESCRIPTION_MARK}</footer></body></html>')
    args = ("projects/2023/odd/", "<甲> & 乙", "<p>正文 ∑</p>", ("描述 &amp;", "甲,乙", pubdate))
    assert page_bytes(shell, *args) == _replaced(shell, *args).encode("utf-8")
    assert fill_shell(shell, *args) == _replaced(shell, *args)


@pytest.mark.parametrize("written", [None, "ratio", {"type": "deduct", "per": "0.5", "count": 3},
                                     {"type": "bands", "bands": [{"min": "90%", "score": 10}, {"min": "80%", "score": 6}]},
                                     {"type": "shortfall", "step": "10000人", "per": 2, "zero_below": "40000人"},
                                     {"type": "budget", "rate": "执行率"}, {"type": "judged", "level": "好"}])
def test_a_remembered_rule_cell_is_the_rule_cell(written: object) -> None:
    from decimal import Decimal

    from perfsite.indicator_csv import rule_cell
    from perfsite.problems import Problems
    from perfsite.record import _given_rule
    from perfsite.rules import read_rule

    def read() -> object:
        value = {k: Decimal(str(v)) if isinstance(v, int) else v for k, v in written.items()} \
            if isinstance(written, dict) else written
        return read_rule(value, ("rule",), Problems("x.yaml", {}), SiteConfig())

    first, again = read(), read()
    assert first is not again
    assert _given_rule(first) == (rule_cell(first) or None)  # type: ignore[arg-type]
    assert _given_rule(again) == (rule_cell(again) or None)  # type: ignore[arg-type]


def test_a_rule_cell_is_remembered_by_its_parameters_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rules that differ only in how a figure is written (0.5 and 0.50) keep their own cells, and
    the memo is looked up without the rule's dataclass repr (Python code for its enum: the cost
    it was there to save)."""
    from decimal import Decimal

    from perfsite.indicator_csv import rule_cell
    from perfsite.model import Rule
    from perfsite.problems import Problems
    from perfsite.record import _GIVEN_RULES, _given_rule
    from perfsite.rules import read_rule

    def no_repr(self: Rule) -> str:
        raise AssertionError("the memo key must not need the rule's repr")

    _GIVEN_RULES.clear()
    monkeypatch.setattr(Rule, "__repr__", no_repr)
    short, long = (read_rule({"type": "deduct", "per": Decimal(per), "count": Decimal(3)}, ("rule",),
                             Problems("x.yaml", {}), SiteConfig()) for per in ("0.5", "0.50"))
    for rule in (short, long, short, long):
        assert _given_rule(rule) == rule_cell(rule)
    assert _given_rule(short) != _given_rule(long)


GRADE_LOOP = ('{% for g in grades %}{{ g.label }}：{% if loop.first %}{{ g.min | plain }} 分及以上'
              '{% elif g.min == 0 %}{{ grades[loop.index0 - 1].min | plain }} 分以下'
              '{% else %}{{ g.min | plain }} 分至 {{ grades[loop.index0 - 1].min | plain }} 分以下{% endif %}'
              '{{ "；" if not loop.last else "。" }}{% endfor %}')
"""The loop programme.html wrote the 评价等级 bands with, before grade_help wrote them once per site."""


@pytest.mark.parametrize("grades", [
    None,  # the default bands
    (("<甲> & 乙", "95.50"), ("良", "85"), ("合格", "60.0"), ("差", "0")),
    (("A", "1E+2"), ("B", "0"), ("C", "0")),  # a band at 0 before the last: "… 分以下" as the loop wrote it
    (("唯一", "0"),),
    (),
])
def test_the_grade_bands_written_once_are_the_template_loop(grades: tuple[tuple[str, str], ...] | None) -> None:
    from decimal import Decimal

    from perfsite.site.programme_page import grade_help
    from perfsite.site.render import Templates
    from perfsite.siteconfig import GradeBand

    bands = SiteConfig().grades if grades is None else tuple(GradeBand(Decimal(m), label) for label, m in grades)
    looped = Templates().env.from_string(GRADE_LOOP).render(grades=bands)
    assert str(grade_help(bands)) == looped
    if bands:
        assert bands[0].label.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in looped


def _stock(templates: object) -> object:
    """The same templates under Jinja's own code generator (autoescape through markupsafe.escape)."""
    from jinja2 import Environment

    from perfsite.site.render import Templates

    assert isinstance(templates, Templates)
    env = templates.env
    stock = Environment(loader=env.loader, autoescape=env.autoescape, undefined=env.undefined,
                        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    stock.filters.update(env.filters)
    stock.tests.update(env.tests)
    stock.globals.update({k: v for k, v in env.globals.items() if k not in stock.globals})
    templates.env = stock
    return templates


HOSTILE_OUTPUT = ("{{ a }}|{{ b }}|{{ n }}|{{ t }}|{{ d }}|{{ z }}|{{ m }}|{{ a ~ b }}|{{ a | upper }}"
                  "{% macro w(x) %}<i>{{ x }}</i>{% endmacro %}|{{ w(a) }}|{{ w(m) }}"
                  "{% set s %}<b>{{ a }}{{ n }}</b>{% endset %}|{{ s }}|{% filter upper %}{{ a }}{% endfilter %}"
                  "{% autoescape false %}|{{ a }}{% endautoescape %}")


@pytest.mark.parametrize("text", [*ODD, "<script>alert(1)</script>", "a'b\"c", "plain 文本", "&amp;"])
def test_output_text_writes_what_autoescape_writes(text: str) -> None:
    from decimal import Decimal

    from markupsafe import Markup

    from perfsite.site.render import Templates

    values = {"a": text, "b": "甲", "n": 2023, "t": True, "d": Decimal("1E+3"), "z": None, "m": Markup("<em>x</em>")}
    ours = Templates().env.from_string(HOSTILE_OUTPUT).render(**values)
    stock = _stock(Templates()).env.from_string(HOSTILE_OUTPUT).render(**values)  # type: ignore[attr-defined]
    assert ours == stock


def test_a_programme_page_under_jinjas_own_escape_is_the_same_page(rec: Record) -> None:
    from perfsite.site.render import Templates

    ours = render_programme(rec, SiteConfig(), [year_entry(rec)], templates=Templates())
    stock = render_programme(rec, SiteConfig(), [year_entry(rec)], templates=_stock(Templates()))  # type: ignore[arg-type]
    assert ours[2] == stock[2]
    assert "&lt;b&gt;&amp;amp;&lt;/b&gt;" in ours[2]  # the hostile cell went through escape
