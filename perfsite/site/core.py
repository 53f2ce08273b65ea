"""The one place that talks to the core: dataset → SiteConfig + programme dicts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from perfsite.site.model import ProgrammeInput
from perfsite.siteconfig import SiteConfig


def load(data_dir: Path) -> tuple[SiteConfig, list[ProgrammeInput], list[str], dict[str, bytes]]:
    """Load and score data_dir; raise DataError listing every error (nothing is published).

    Also returns the site-wide open data files (/data/…, feed.xml), built by the core.
    """
    from perfsite.dataset import load_dataset
    from perfsite.opendata import open_data_files
    from perfsite.pagedata import programme_data
    from perfsite.site import DataError

    dataset = load_dataset(data_dir)
    if not dataset.ok:
        lines = [_text(p) for p in dataset.problems if str(getattr(p, "severity", "")) == "error"]
        raise DataError(lines or [_text(p) for p in dataset.problems])
    programmes = [
        ProgrammeInput(
            data=programme_data(sp, dataset),
            yaml_path=sp.programme.path,
            csv_path=getattr(sp.programme, "csv_path", None),
        )
        for sp in dataset.programmes
    ]
    messages = [_text(p) for p in dataset.problems]
    return dataset.site, programmes, messages, open_data_files(dataset)


def _text(problem: Any) -> str:
    as_text = getattr(problem, "as_text", None)
    return as_text() if callable(as_text) else str(problem)
