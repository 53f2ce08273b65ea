"""Small pieces of perfsite.site and the hook: links, number text, slugs, sums, serve watching."""

from __future__ import annotations

import importlib.util
import json
import posixpath
import random
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest_site import REPO
from markupsafe import escape

from perfsite.site import stats
from perfsite.site.pages import FIRST_ROWS, FIRST_ROWS_ENV, first_rows, first_years, index_files
from perfsite.site.render import (
    Templates,
    _relpath,
    disclosed,
    escape_text,
    escape_values,
    group_digits,
    linker,
    percent,
    relative_url,
    slug,
)


@pytest.mark.parametrize(("target", "page", "expected"), [
    ("projects/", "projects/2021/x/", "../../"),
    ("", "projects/", "../"),
    ("", "", "./"),
    ("projects/index.json", "projects/", "index.json"),
    ("years/2021/", "projects/2021/x/", "../../../years/2021/"),
    ("projects/2021/x/x.yaml", "projects/2021/x/", "x.yaml"),
])
def test_relative_url(target: str, page: str, expected: str) -> None:
    assert relative_url(target, page) == expected


def test_relpath_agrees_with_posixpath() -> None:
    """The fast relative path is posixpath.relpath's, also for unclean paths (which it hands over)."""
    rnd = random.Random(2)
    parts = ["a", "b", "..", ".", "", "x.y", "年"]
    for _ in range(20000):
        path, start = ("/" + "/".join(rnd.choice(parts) for _ in range(rnd.randint(0, 4))) + rnd.choice(["", "/"])
                       for _ in range(2))
        assert _relpath(path, start) == posixpath.relpath(path, start), (path, start)


def test_linker_agrees_with_relative_url() -> None:
    """The per-page shortcut (listing → programme) gives relative_url's link for any target."""
    rnd = random.Random(3)
    parts = ["projects", "years", "2024", "x", "..", ".", "", "年", "a.csv"]
    pages = ["", "years/2024/", "years/2024/page/3/", "projects/", "projects/2024/x/", "regions/甲县/",
             "projects/2024/x/index.html"]
    for page in pages:
        link = linker(page)
        for _ in range(3000):
            target = "/".join(rnd.choice(parts) for _ in range(rnd.randint(0, 4))) + rnd.choice(["", "/"])
            assert link(target) == relative_url(target, page), (target, page)


def test_a_link_below_the_page_is_the_rest_of_its_path() -> None:
    """A programme page's downloads, below its own folder, as relative_url makes them."""
    link = linker("projects/2024/x/")
    assert [link(t) for t in ("projects/2024/x/x.json", "projects/2024/x/", "projects/2024/x/sub/", "projects/2024/y/")] == [
        "x.json", "./", "sub/", "../y/"]
    assert linker("projects//x/")("projects//x/x.json") == relative_url("projects//x/x.json", "projects//x/")


def test_a_template_is_looked_up_once_per_build() -> None:
    """Each Templates keeps its templates by name (a programme page looks up four a page); a
    site's own template still comes first, and another Templates compiles its own."""
    templates = Templates()
    first = templates.env.get_template("_checks.html")
    assert templates.env.get_template("_checks.html") is first
    assert templates.env.loaded["_checks.html"] is first
    assert Templates().env.get_template("_checks.html") is not first


def test_template_calls_pass_the_context_to_whoever_asks_for_it() -> None:
    """Plain functions are called at once; one marked pass_context (or a callable object, a macro)
    still gets what Jinja gives it, in a loop too."""
    from jinja2 import pass_context

    @pass_context
    def page(context: Any, suffix: str) -> str:
        return context["page_url"] + suffix

    class Twice:
        def __call__(self, text: str) -> str:
            return text * 2

    template = Templates().env.from_string(
        "{{ plain('a') }}|{{ page('!') }}|{% for x in 'xy' %}{{ plain(x) }}{{ page(x) }}{{ twice(x) }}{% endfor %}"
        "{% macro m(v) %}<{{ v }}>{% endmacro %}{{ m(plain('b')) }}")
    assert template.render(plain=lambda t: t.upper(), page=page, twice=Twice(),
                           page_url="p/") == "A|p/!|Xp/xxxYp/yyy<B>"


@pytest.mark.parametrize(("disclosure", "shown"), [
    ({"index_no": None, "doc_no": None, "issuer": None, "validity": None, "corrections": []}, False),
    ({"index_no": "", "doc_no": None, "issuer": None, "validity": None, "corrections": []}, False),
    ({"index_no": None, "doc_no": "测财〔2022〕2号", "issuer": None, "validity": None, "corrections": []}, True),
    ({"index_no": None, "doc_no": None, "issuer": None, "validity": None,
      "corrections": [{"date": "2024-01-02", "what": "x", "why": "y"}]}, True),
])
def test_disclosure_section_shown_only_when_given(disclosure: dict[str, Any], shown: bool) -> None:
    """The programme page includes 公开信息 only when the test says so, and the section says the same."""
    assert disclosed(disclosure) is shown
    html = Templates().env.get_template("_disclosure.html").render(disclosure=disclosure, published=None, url=str)
    assert ('id="ps-disclosure"' in html) is shown


def test_escape_is_autoescape() -> None:
    """HTML built in Python escapes exactly as the templates' autoescape does (&#34;, not &quot;)."""
    for value in ["a<b>&\"c'", "纯文本", "", 5, None, True]:
        assert escape_text(value) == str(escape(value))
    row = {"name": "甲", "count": 2}
    assert escape_values(row) is row
    assert escape_values({"name": "<甲>", "count": 2}) == {"name": "&lt;甲&gt;", "count": 2}


def test_number_text_never_goes_through_float() -> None:
    assert group_digits("215457.60") == "215,457.60"
    assert group_digits("4700.90") == "4,700.90"
    assert group_digits("12345678901234567890.01") == "12,345,678,901,234,567,890.01"
    assert group_digits("-1000.00") == "-1,000.00"
    assert [group_digits(v) for v in ("0.50", "999", "1000", "100000", "+1234")] == [
        "0.50", "999", "1,000", "100,000", "1,234"]
    assert group_digits(None) == "—"
    assert [group_digits(v) for v in ("0", "0.00", "007", "-0.50", "١٢٣٤", "1²3", "1,234", "12a")] == [
        "0", "0.00", "007", "-0.50", "١,٢٣٤", "1²3", "1,234", "12a"]
    assert percent(None) == "—" and percent("97.94") == "97.94%"


def test_slug_is_readable_when_safe_and_unique_otherwise() -> None:
    assert slug("曲沃县") == "曲沃县"
    assert slug("示例县教育局") == "示例县教育局"
    unsafe = [slug(name) for name in ("../etc", "a/b", "A", "a b", "a-b-")]
    assert len(set(unsafe)) == len(unsafe)
    assert all("/" not in s and ".." not in s and s == s.lower() for s in unsafe)


def test_summary_sums_exactly_and_converts_yuan() -> None:
    rows = [
        {"score": "99.10", "grade": "优", "budget_wan": "25.00", "spent_wan": "25.00"},
        {"score": "80.00", "grade": "良", "budget_wan": stats.exact(Decimal("12345.67") / 10000),
         "spent_wan": stats.exact(Decimal("10000.01") / 10000)},
        {"score": None, "grade": None, "budget_wan": None, "spent_wan": None},
    ]
    s = stats.summarise(rows, ["优", "良", "中", "差"])
    assert s.count == 3 and s.with_budget == 2
    assert s.budget == "26.234567" and s.spent == "26.000001"
    assert s.mean == "89.55"
    assert s.grades == [("优", 1), ("良", 1), ("中", 0), ("差", 0), ("未评级", 1)]
    assert s.execution_rate == "99.11"


def test_index_files_are_one_compact_part_a_year_listed_newest_first() -> None:
    first = {"url": "projects/2021/a/", "year": 2021, "name": "甲", "department": "教育局",
             "region": "", "evaluation": "单位自评", "score": "90.00", "grade": "优",
             "budget_wan": "1.00", "sample": True, "total": "90.50", "verdict": "discrepancy",
             "execution_rate": "98.00", "source": "published"}
    newer = {**first, "url": "projects/2022/b/", "year": 2022, "name": "乙", "department": "未载明",
             "verdict": "match", "source": "computed"}
    files = index_files([newer, first, first], limit=2)
    assert set(files) == {"projects/index.json", "projects/index/2022.json", "projects/index/2021.json"}
    listing = json.loads(files["projects/index.json"])
    assert listing["parts"] == [{"year": 2022, "count": 1, "path": "index/2022.json"},
                                {"year": 2021, "count": 2, "path": "index/2021.json"}]
    assert listing["first"] == [2022] and listing["count"] == 3 and listing["fields"][0] == "path"
    old = json.loads(files["projects/index/2021.json"])
    assert old["year"] == 2021
    # no 绩效目标表, no 评价报告 or 整改, a 自评, no total-agrees mismatch, no report grade: 0
    row = ["2021/a/", 2021, "甲", 0, 0, 0, "90.00", 0, "1.00", 1, "90.50", 0, "98.00", 1, 0, 0, 0, 0, 0, 0]
    assert old["columns"] == [[value, value] for value in row]  # column by column: it gzips smaller
    assert old["departments"] == ["教育局"] and old["verdicts"] == ["discrepancy"]
    assert len(listing["fields"]) == len(old["columns"])
    new = json.loads(files["projects/index/2022.json"])  # its own lookups: 未载明 is "", match is 0
    assert new["departments"] == [""] and new["verdicts"] == ["match"] and new["columns"][13] == [0]
    assert json.loads(index_files([newer, first, first], limit=3)["projects/index.json"])["first"] == [2022, 2021]


@pytest.mark.parametrize(("counts", "limit", "first"), [
    ({2024: 25_000, 2023: 25_000}, 20_000, [2024]),  # the newest year even above the limit
    ({2022: 5_000, 2024: 5_000, 2023: 5_000}, 12_000, [2024, 2023]),
    ({2024: 5_000, 2023: 5_000}, 10_000, [2024, 2023]),
    ({}, 10, []),
])
def test_first_years_are_the_newest_within_the_limit(counts: dict[int, int], limit: int, first: list[int]) -> None:
    assert first_years(counts, limit) == first


def test_first_rows_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FIRST_ROWS_ENV, "12")
    assert first_rows() == 12
    monkeypatch.setenv(FIRST_ROWS_ENV, "很多")
    assert first_rows() == FIRST_ROWS


class FakeServer:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_serve_rebuilds_on_data_change(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from mkdocs.config import load_config

    monkeypatch.delenv("PERFSITE_DATA", raising=False)
    own = tmp_path / "tmp"  # the session's temp folders alone: other test processes share the system's
    own.mkdir()
    monkeypatch.setenv("TMPDIR", str(own))
    monkeypatch.setattr(tempfile, "tempdir", None)
    spec = importlib.util.spec_from_file_location("perfsite_hook", REPO / "hooks/perfsite_hook.py")
    assert spec and spec.loader
    hook: Any = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    config = load_config(str(REPO / "mkdocs.yml"))
    assert tempfile.gettempdir() == str(own)
    try:
        hook.on_config(config)
        server = FakeServer()
        hook.on_serve(server, config, None)
        assert Path(server.watched[0]) == (REPO / "data").resolve()
        assert config.extra["perfsite"]["publisher"]
    finally:
        hook.on_shutdown()  # as `mkdocs serve` ends: the serve session's kept folders go with it
    assert list(own.iterdir()) == []
