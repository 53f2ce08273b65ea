"""perfsite init's requirements.txt: every runtime dependency pinned to what is installed."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

from perfsite import __version__
from perfsite.scaffold import pinned_requirements, scaffold


def test_the_new_repository_pins_perfsite_and_everything_it_needs(tmp_path: Path) -> None:
    scaffold(tmp_path / "site", "某县预算绩效信息公开")
    lines = [line for line in (tmp_path / "site" / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert f"perfsite=={__version__}" in lines and "@PINNED@" not in " ".join(lines)
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+(\[[a-z,]+\])?==\S+", line) for line in lines), lines
    names = {line.split("==")[0].lower() for line in lines}
    # direct dependencies and ones only they pull in (MarkupSafe through Jinja2), at the installed versions
    for name in ("mkdocs", "mkdocs-material", "jinja2", "pyyaml", "markupsafe"):
        assert name in names, name
    assert f"Jinja2=={version('jinja2')}" in lines and f"MarkupSafe=={version('markupsafe')}" in lines
    assert not {"pytest", "hypothesis", "playwright"} & names  # the test extra is not the bureau's


def test_a_package_without_dependencies_pins_nothing_else() -> None:
    assert pinned_requirements("mergedeep") == []
