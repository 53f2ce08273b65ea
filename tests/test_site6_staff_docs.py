"""$PERFSITE_STAFF_DOCS=1 builds the engineering pages mkdocs.yml keeps out of the public site, as
pages outside the navigation, with no edit to mkdocs.yml; unset (or 0), they stay excluded."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from conftest_site import REPO
from mkdocs.config import load_config
from mkdocs.structure.files import InclusionLevel, get_files

STAFF = ("deploy.md", "design.md", "import.md", "operator.md", "performance.md", "performance-log.md", "scaling.md")


def _hook():
    spec = importlib.util.spec_from_file_location("site6_hook", REPO / "hooks" / "perfsite_hook.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("value", ["1", "0", None])
def test_the_staff_switch_builds_the_engineering_pages_out_of_the_navigation(
        value: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    if value is None:
        monkeypatch.delenv("PERFSITE_STAFF_DOCS", raising=False)
    else:
        monkeypatch.setenv("PERFSITE_STAFF_DOCS", value)
    config = load_config(str(REPO / "mkdocs.yml"))
    files = {f.src_uri: f.inclusion for f in get_files(_hook().staff_docs(config))}
    expected = InclusionLevel.NOT_IN_NAV if value == "1" else InclusionLevel.EXCLUDED
    assert {name: files[name] for name in STAFF} == dict.fromkeys(STAFF, expected)
    assert files["json.md"] == InclusionLevel.NOT_IN_NAV  # the data contract's pages as before
    assert Path(config.config_file_path).name == "mkdocs.yml"
