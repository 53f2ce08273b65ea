"""Plain helpers shared by the core tests (importable by name, unlike conftest.py, which
tests/browser/conftest.py shadows when the whole suite is collected)."""

from __future__ import annotations

from pathlib import Path

from perfsite.reader import read_programme
from perfsite.scoring import ScoredProgramme, score_programme
from perfsite.siteconfig import SiteConfig


def core_minimal_programme(**overrides: object) -> dict[str, object]:
    """A valid two-indicator programme (60 + 40, both met: total 100.00) to vary in a test."""
    data: dict[str, object] = {
        "name": "测试项目",
        "year": 2021,
        "department": "测试局",
        "indicators": [
            {"level1": "产出指标", "level2": "数量指标", "name": "完成数量", "weight": 60,
             "target": "≥10个", "actual": "10个", "score": 60},
            {"level1": "效益指标", "level2": "满意度指标", "name": "满意度", "weight": 40,
             "target": "≥90%", "actual": "95%", "score": 40},
        ],
    }
    data.update(overrides)
    return data


def scored(path: Path, base: Path) -> ScoredProgramme:
    """One file read and scored with the default site settings."""
    site = SiteConfig()
    prog, problems = read_programme(path, site, base)
    assert prog is not None
    return score_programme(prog, site, problems)


def key_line(path: Path, key: str) -> int:
    """The line of the top-level `key:` in a YAML file, read from its text (what a problem about
    that key must point at), or 1 when the key is not written."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next((n for n, line in enumerate(lines, 1) if line.startswith(f"{key}:")), 1)


SEED_SITE = Path(__file__).resolve().parent.parent / "data" / "site.yaml"


def data_tree(data: Path, files: dict[str, str]) -> Path:
    """A data folder at `data` holding `files` (path below it → text) and the seed site.yaml."""
    for name, text in files.items():
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (data / "site.yaml").write_text(SEED_SITE.read_text(encoding="utf-8"), encoding="utf-8")
    return data
