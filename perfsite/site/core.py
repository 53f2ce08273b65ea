"""The one place that talks to the core: dataset → SiteInfo + programme dicts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from perfsite.site.model import ProgrammeInput, SiteInfo


def percent_text(share: Decimal) -> str:
    """0.8 → "80" (a share of the weight, shown in percent)."""
    text = f"{(share * 100).normalize():f}"
    return text


def site_info(config: Any) -> SiteInfo:
    """SiteConfig → SiteInfo (strings only), tolerant of None for absent keys."""

    def text(name: str) -> str:
        value = getattr(config, name, "") or ""
        return str(value)

    return SiteInfo(
        title=text("title") or "预算绩效信息公开",
        site_url=text("site_url"),
        publisher=text("publisher"),
        contact=text("contact"),
        site_code=text("site_code"),
        icp=text("icp"),
        police_record=text("police_record"),
        licence=text("licence"),
        data_date=text("data_date"),
        grades=tuple((f"{band.min.normalize():f}", band.label) for band in config.grades),
        grade_aliases={k: list(v) for k, v in config.grade_aliases.items()},
        judged_levels={k: (percent_text(lo), percent_text(hi))
                       for k, (lo, hi) in config.judged_levels.items()},
    )


def load(data_dir: Path) -> tuple[SiteInfo, list[ProgrammeInput], list[str], Any, dict[str, bytes]]:
    """Load and score data_dir; raise DataError listing every error (nothing is published).

    Also returns the site-wide open data files (/data/…, feed.xml), built by the core.
    """
    from perfsite.dataset import load_dataset
    from perfsite.opendata import open_data_files
    from perfsite.pagedata import page_data, year_entry
    from perfsite.record import make_record
    from perfsite.site import DataError

    dataset = load_dataset(data_dir)
    if not dataset.ok:
        lines = [_text(p) for p in dataset.problems if str(getattr(p, "severity", "")) == "error"]
        raise DataError(lines or [_text(p) for p in dataset.problems])
    records = {id(sp): make_record(sp) for sp in dataset.programmes}  # each made once, also for its series
    programmes = []
    for sp in dataset.programmes:
        rec = records[id(sp)]
        others = [year_entry(records[id(o)]) for o in dataset.by_series(rec.series) if o is not sp] if rec.series else []
        programmes.append(ProgrammeInput(data=page_data(rec, others), yaml_path=rec.yaml_path,
                                         csv_path=rec.csv_path, record=rec))
    messages = [_text(p) for p in dataset.problems]
    return site_info(dataset.site), programmes, messages, dataset.site, open_data_files(dataset)


def _text(problem: Any) -> str:
    as_text = getattr(problem, "as_text", None)
    return as_text() if callable(as_text) else str(problem)
