"""The per-programme JSON twin is a documented contract: docs/json.md names every key it has, and
every key it names is still written (over the programmes in data/, as the site publishes them)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest_site import DATA

from perfsite.site import build_site

DOC = Path(__file__).resolve().parents[1] / "docs" / "json.md"
SECTION = "## 项目页的 JSON 数据"
CHECK_LISTS = re.compile(r"^checks\.(?:discrepancies|warnings|notes)\[\]\.")
"""The three lists of checks have items of one shape, documented once as ``checks.*[].…``."""
COMPARISON_LISTS = re.compile(r"^target_comparison\.(?:rows|removed)\[\]\.")
"""So have the comparison's two lists, documented once as ``target_comparison.*[].…``."""


def documented(heading: str = SECTION, ends: str = "\n### ") -> set[str]:
    """The key paths in the first column of the table under `heading` in docs/json.md."""
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index(heading):]
    section = section[:section.index(ends)]
    keys: set[str] = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            keys.update(re.findall(r"`([^`]+)`", line.split("|")[1]))
    return keys


def key_paths(value: Any, prefix: str = "") -> set[str]:
    """Every key path in a JSON value: ``a.b``, ``a[].c`` for the items of list ``a``."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}{key}"
            found.add(COMPARISON_LISTS.sub("target_comparison.*[].", CHECK_LISTS.sub("checks.*[].", path)))
            found |= key_paths(item, path + ".")
    elif isinstance(value, list):
        for item in value:
            found |= key_paths(item, prefix.removesuffix(".") + "[].")
    return found


@pytest.fixture(scope="module")
def published() -> set[str]:
    """The key paths of every twin the site writes for data/."""
    paths: set[str] = set()
    for name, content in build_site(DATA).files.items():
        if re.fullmatch(r"projects/\d+/([^/]+)/\1\.json", name):  # a 自评's twin, beside its page
            paths |= key_paths(json.loads(content))
    return paths


def test_every_key_of_the_twin_is_documented(published: set[str]) -> None:
    assert published - documented() == set(), "docs/json.md 未说明这些字段"


def test_every_documented_key_is_still_written(published: set[str]) -> None:
    assert documented() - published == set(), "docs/json.md 说明了已不再输出的字段"


def test_layout_stays_out_of_the_twin(published: set[str]) -> None:
    assert not {p for p in published if "rowspan" in p or p.endswith(".html")}


def test_key_paths_reads_nested_lists_and_check_lists() -> None:
    value = {"a": [{"b": 1}, {"c": {"d": None}}], "checks": {"warnings": [{"field": "x"}]}}
    assert key_paths(value) == {"a", "a[].b", "a[].c", "a[].c.d", "checks", "checks.warnings",
                                "checks.*[].field"}


TARGETS_SECTION = "## 绩效目标表页的 JSON 数据"


def test_the_targets_twin_is_documented_key_for_key() -> None:
    from perfsite.dataset import load_document
    from perfsite.record import make_record, make_target_record
    from perfsite.site.targets_page import changes, lowered_note, targets_twin
    from perfsite.siteconfig import SiteConfig

    keys = documented(TARGETS_SECTION, "\n## ")
    paths: set[str] = set()
    for path in sorted(DATA.rglob("*-mubiao.yaml")):
        table, _, problems = load_document(path, DATA, SiteConfig(), DATA)
        scored, _, _ = load_document(path.with_name(path.name.replace("-mubiao", "")), DATA, SiteConfig(), DATA)
        lowered = lowered_note(changes(make_record(scored), table))  # type: ignore[arg-type]  # the seed's 自评s lower two
        paths |= key_paths(targets_twin(make_target_record(table, problems), True, lowered))  # type: ignore[arg-type]
    assert paths == keys
