"""The one place that talks to the core: dataset → SiteConfig + programme dicts."""

from __future__ import annotations

from pathlib import Path

from perfsite.department import DepartmentDocument
from perfsite.site.model import ProgrammeInput
from perfsite.siteconfig import SiteConfig


def load(data_dir: Path) -> tuple[SiteConfig, list[ProgrammeInput], list[str], dict[str, bytes], list[DepartmentDocument]]:
    """Load and score data_dir; raise PerfsiteError listing every error (nothing is published).

    Also returns the site-wide open data files (/data/…, feed.xml), built by the core, and the
    部门整体 documents (their pages are rendered with the listings).
    """
    from perfsite.dataset import load_dataset
    from perfsite.opendata import open_data_files
    from perfsite.pagedata import page_data, series_entry
    from perfsite.record import make_record
    from perfsite.site.targets_page import target_comparison

    dataset = load_dataset(data_dir)
    if not dataset.ok:
        raise dataset.refusal()
    records = {id(sp): make_record(sp) for sp in dataset.programmes}  # each made once, also for its series
    tables = {(t.year, t.id): t for t in dataset.targets}
    programmes = []
    for sp in dataset.programmes:
        rec = records[id(sp)]
        others = [series_entry(records[id(o)]) for o in dataset.by_series(rec.series) if o is not sp] if rec.series else []
        table = tables.get((rec.year, rec.id))
        comparison = target_comparison(rec, table) if table is not None else None
        programmes.append(ProgrammeInput(data=page_data(rec, others, comparison), yaml_path=rec.yaml_path,
                                         csv_path=rec.csv_path, record=rec))
    messages = [p.as_text() for p in dataset.problems]
    return dataset.site, programmes, messages, open_data_files(dataset), dataset.departments

