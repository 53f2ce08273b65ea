"""The one place that talks to the core: dataset → SiteConfig + programme dicts."""

from __future__ import annotations

from pathlib import Path

from perfsite.site.model import ProgrammeInput
from perfsite.siteconfig import SiteConfig


def load(data_dir: Path) -> tuple[SiteConfig, list[ProgrammeInput], list[str], dict[str, bytes]]:
    """Load and score data_dir; raise PerfsiteError listing every error (nothing is published).

    Also returns the site-wide open data files (/data/…, feed.xml), built by the core.
    """
    from perfsite.dataset import load_dataset
    from perfsite.opendata import open_data_files
    from perfsite.pagedata import programme_data

    dataset = load_dataset(data_dir)
    if not dataset.ok:
        raise dataset.refusal()
    programmes = [
        ProgrammeInput(
            data=programme_data(sp, dataset),
            yaml_path=sp.programme.path,
            csv_path=getattr(sp.programme, "csv_path", None),
        )
        for sp in dataset.programmes
    ]
    messages = [p.as_text() for p in dataset.problems]
    return dataset.site, programmes, messages, open_data_files(dataset)

