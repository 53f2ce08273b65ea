"""Per-programme CPU of the build's worker path, stage by stage, in one process.

A build's workers read, score and project every programme file; the whole build's CPU is
roughly this path times the programmes, plus the parent's share. Timing each stage alone (over
every file of a demo tree, best of `--rounds` passes, process CPU time) tells where a
programme's milliseconds go, which a whole build on a shared machine cannot:

    .venv/bin/python bench/stages.py --n 1000

The stages are those of perfsite.site.workers.Share, called the same way: digest (file_digest),
read (load_document: YAML, checks, scoring) and four parts of it, each timed alone and inside the
next (compose: libyaml's node tree of a text already read; yaml: load_yaml_file, the file read,
composed and its values built; document: read_document, the values read into a document and
checked; scored: that and a 自评 scored; read adds the cross-file facts; the sum counts read alone),
record (the published record), summary (listing row and series entry), parts (the /data/
pieces), page (page data, template, JSON and CSV downloads), write (the page and its downloads,
into a scratch folder), cache (what the build cache adds to writing a page: its `whole` entry,
linked, with the page's title and head values in its index; a build keeps the cache unless told not to), load_cache (what the
build cache adds to loading: a file's /data/ pieces written into the pack rather than the
spool, and its pack entry: the summary and page pickled, each piece's SHA-256), reply (the
summaries of files read pickled to the parent and unpickled there), forward (a rebuild's path
for a file the build cache gave: its summary forwarded still pickled, the reply pickled, then
unpickled and each summary opened in the parent). Measurements, not published figures:
floats are fine here.

Each round starts as a worker of a cold build does: the memos of pure functions that reading and
the records fill (perfsite.values, perfsite.yamlload, perfsite.rules, perfsite.scoring,
perfsite.record, perfsite.opendata.parts) are emptied first, so
`read` and `record` pay each text's first parse once a round, as a build pays it once a worker.

A tree with the whole cycle (`--cycle`: `perfsite demo --cycle`, or `--data` of such a tree), or
with a 绩效目标表 for every programme (`--targets`: the 10,000-programme `bench/run.py --targets`
tree's kind), adds a stage per other kind of document, each called as the worker calls it: compare (a 自评 against
its 绩效目标表, made once before its page, whose `page` is then given it), target_parts and
cycle_parts (their /data/ pieces), targets_page, report_page, rectification_page; `write`
writes every page. Every stage is divided by the scored 自评s, so the sum is a programme's whole
cost, its other documents included.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import hashlib
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from perfsite import record as record_module
from perfsite import rules, scoring, values, yamlload
from perfsite.dataset import ScoredProgramme, TreeRead, file_digest, load_document, load_tree
from perfsite.documents import read_document
from perfsite.model import Programme
from perfsite.opendata import parts
from perfsite.opendata.cycle import cycle_part
from perfsite.opendata.parts import Spool, programme_parts
from perfsite.opendata.targets import target_part
from perfsite.pagedata import series_entry
from perfsite.record import Record, RectificationRecord, ReportRecord, TargetRecord
from perfsite.scoring import score_programme
from perfsite.site.buildcache import BuildCache
from perfsite.site.pages import listing_row
from perfsite.site.rectification_page import render_rectification
from perfsite.site.render import Templates, grade_band
from perfsite.site.report_page import render_report
from perfsite.site.shell import (
    CONTENT_MARK,
    DESCRIPTION_MARK,
    KEYWORDS_MARK,
    PUBDATE_TAG,
    SHELL_URL,
    TITLE_MARK,
    render_programme,
)
from perfsite.site.targets_page import changes, render_targets
from perfsite.site.workers import (
    Forwarded,
    Held,
    LoadReply,
    PackSpool,
    Page,
    Share,
    Summary,
    Writing,
    _bare,
    _headed,
    page_of,
)
from perfsite.targets_compare import Parses
from perfsite.yamlload import load_yaml_file

PY = sys.executable
REPO = Path(__file__).resolve().parent.parent

SHELL = (f"<!doctype html><html><head><title>{TITLE_MARK}</title>{PUBDATE_TAG}"
         f'<meta name="description" content="{DESCRIPTION_MARK}"><meta name="keywords" content="{KEYWORDS_MARK}">'
         f'<link rel="canonical" href="https://example.org/{SHELL_URL}">' + "<!-- theme -->" * 3000 +
         f"</head><body>{CONTENT_MARK}<footer>{TITLE_MARK}</footer></body></html>")
"""A stand-in for the page MkDocs renders (about as long: ~45 KB): writing fills its marks the same way."""
PLAIN_VALUES = dict(yamlload._PLAIN_VALUES)
"""The YAML loader's memo as a fresh process has it (before this process read any file)."""


INSIDE_READ = ("compose", "yaml", "document", "scored")
"""Parts of `read`, each timed alone: compose within yaml within document within scored within read."""


def scored_document(path: Path, site: Any, base: Path) -> Any:
    """read_document and a 自评's scoring, as load_document does them (the rest of read is the
    folder check and the cross-file facts)."""
    doc, problems = read_document(path, site, base)
    return score_programme(doc, site, problems) if isinstance(doc, Programme) else doc


def fresh_memos() -> None:
    """Empty the memos a worker fills as it reads (pure functions of a text: a cold build's
    worker starts with none of them; a round that found them full would time only hits)."""
    values._parse_text.cache_clear()
    values.parse_figure.cache_clear()
    values.identity_text.cache_clear()
    yamlload._PLAIN_VALUES.clear()
    yamlload._PLAIN_VALUES.update(PLAIN_VALUES)
    record_module._GIVEN_RULES.clear()
    values._written_text.cache_clear()
    rules._cells_met.cache_clear()
    rules._as_written.cache_clear()
    scoring._far_above.cache_clear()
    parts._key_cells.cache_clear()
    parts._short_text_cell.cache_clear()


def tree(root: Path) -> TreeRead:
    """The demo tree's files as a build's workers get them."""
    found: list[TreeRead] = []

    def keep(job: TreeRead) -> list[Any]:
        found.append(job)
        return []

    load_tree(root, root, keep)
    return found[0]


def best(rounds: int, run: Callable[[], Any]) -> float:
    """The least process CPU time of `rounds` runs, with automatic collection off as in the
    build's workers (perfsite.executor), a collection between runs."""
    times = []
    for _ in range(rounds):
        fresh_memos()
        gc.collect()
        gc.disable()
        try:
            started = time.process_time()
            run()
            times.append(time.process_time() - started)
        finally:
            gc.enable()
    return min(times)


def measure(root: Path, rounds: int, only: list[str] | None = None) -> dict[str, float]:
    """Each stage's CPU in milliseconds per scored programme (a tree's files of other kinds are
    digested and read too, and counted in), and their sum (`only`: these stages)."""
    job = tree(root)
    site, paths = job.site, [Path(p) for p in job.paths]
    read = [load_document(p, job.root, site, job.base) for p in paths]
    share = Share()
    records = [share._make(str(p), scored, problems) for p, (scored, _, problems) in zip(paths, read, strict=True)]
    programmes = [r for r in records if isinstance(r, Record)]
    targets = [r for r in records if isinstance(r, TargetRecord)]
    reports = [r for r in records if isinstance(r, ReportRecord)]
    rectifications = [r for r in records if isinstance(r, RectificationRecord)]
    tables = {(t.year, t.id): t for t in share.tables.values()}
    documents = frozenset(r.url for r in records if r is not None)
    evaluated = frozenset(rec.url for rec in programmes)
    paired = [(rec, tables[(rec.year, rec.id)]) for rec in programmes if (rec.year, rec.id) in tables]
    compared = {rec.url: changes(rec, table) for rec, table in paired}

    def make_records(maker: Share) -> list[Any]:
        """Every file's record as one worker makes them: one Share for all (a Share per record
        would add its construction, about 0.013 ms, to each)."""
        return [maker._make(str(p), scored, problems) for p, (scored, _, problems) in zip(paths, read, strict=True)]

    def compare_all(parses: Parses) -> list[Any]:
        return [changes(rec, table, parses) for rec, table in paired]

    today = "2026-12-05"
    band = grade_band(site)
    series: dict[str, list[tuple[tuple[int, str], Any]]] = defaultdict(list)
    for rec in programmes:
        if rec.series:
            series[rec.series].append(((rec.year, rec.id), series_entry(rec)))
    others = {k: [e for _, e in sorted(v, key=lambda item: item[0])] for k, v in series.items()}
    templates = Templates(None)
    scratch = Path(tempfile.mkdtemp(prefix="perfsite-stages-"))
    spool = Spool(scratch / "spool.bin")

    def self_pages() -> list[Any]:
        return [render_programme(rec, site, others.get(rec.series or "", []), tables.get((rec.year, rec.id)),
                                 compared.get(rec.url), documents, None, templates) for rec in programmes]

    def target_pages() -> list[Any]:
        return [render_targets(rec, site, rec.programme_url in evaluated, documents, templates) for rec in targets]

    def report_pages() -> list[Any]:
        return [render_report(rec, site, documents, templates) for rec in reports]

    def rectification_pages() -> list[Any]:
        return [render_rectification(rec, site, documents, today, templates) for rec in rectifications]

    made = [(rec, made) for recs, render in ((programmes, self_pages), (targets, target_pages),
                                             (reports, report_pages), (rectifications, rectification_pages))
            for rec, made in zip(recs, render(), strict=True)]
    pages = [Page(page_of(rec), "", rec.file, made=rendered) for rec, rendered in made]  # type: ignore[arg-type]
    salt = job.salt
    rounds_done = [0]

    def write() -> None:
        writing = Writing(scratch / f"site{rounds_done[0]}", None, {}, None, None)  # type: ignore[arg-type]
        rounds_done[0] += 1
        for page in pages:
            writing.write(page, SHELL)

    def write_cached() -> None:
        """The same with the build cache a build keeps by default: each page's whole files (linked)
        as a `whole` entry; `cache` in the table is this less `write`."""
        cache = BuildCache(scratch / f"cache{rounds_done[0]}", "stages")
        writing = Writing(scratch / f"site{rounds_done[0]}", None, {}, cache, None)  # type: ignore[arg-type]
        rounds_done[0] += 1
        for page in cached_pages:
            writing.write(page, SHELL)

    def load_cached() -> None:
        """`parts` as a build with the build cache makes them (into the pack, linked as the spool)
        and each file's pack entry; `load_cache` in the table is this less `parts`."""
        cache = BuildCache(scratch / f"packs{rounds_done[0]}", "stages")
        rounds_done[0] += 1
        writer = cache.new_pack()
        direct = PackSpool.into(writer, str(scratch))
        assert direct is not None
        for rec, summary in zip(programmes, summaries, strict=True):
            part = programme_parts(rec, site, direct)
            loader._to_cache(writer, rec.file, rec.file, dataclasses.replace(summary, parts=part), held[rec.file], direct)
        writer.finish()

    loader = Share()
    loader.read = job
    held = {rec.file: Held("", rec, [], None, page_of(rec)) for rec in programmes}
    summaries = [loader._summary(rec.file, held[rec.file], True, band, "", False) for rec in programmes]
    replies = [dataclasses.replace(summary, parts=programme_parts(rec, site, spool))
               for rec, summary in zip(programmes, summaries, strict=True)]

    forwarded = [forward(summary, n) for n, summary in enumerate(replies)]
    texts = [p.read_text(encoding="utf-8-sig") for p in paths]

    cached_pages = [Page(page.of, hashlib.sha256(page.path.encode()).hexdigest(), page.path, made=page.made)
                    for page in pages]

    stages: dict[str, Callable[[], Any]] = {
        "digest": lambda: [file_digest(p, salt) for p in paths],
        "compose": lambda: [yaml.compose(text, Loader=yamlload._Loader) for text in texts],
        "yaml": lambda: [load_yaml_file(p) for p in paths],
        "document": lambda: [read_document(p, site, job.base) for p in paths],
        "scored": lambda: [scored_document(p, site, job.base) for p in paths],
        "read": lambda: [load_document(p, job.root, site, job.base) for p in paths],
        "record": lambda: make_records(Share()),
        "summary": lambda: [(listing_row(rec, band), series_entry(rec)) for rec in programmes],
        "parts": lambda: [programme_parts(rec, site, spool) for rec in programmes],
        "page": self_pages,
        "write": write,
        "write_cached": write_cached,
        "loaded_cached": load_cached,
        "reply": lambda: pickle.loads(pickle.dumps(replies, protocol=pickle.HIGHEST_PROTOCOL)),
        "forward": lambda: pickle.loads(pickle.dumps(LoadReply(forwarded), protocol=pickle.HIGHEST_PROTOCOL)).summaries(),
    }
    if targets or reports or rectifications:
        stages.update({
            "compare": lambda: compare_all(Parses()),  # a worker's Parses starts empty each build
            "target_parts": lambda: [target_part(rec, site, spool) for rec in targets],
            "cycle_parts": lambda: [cycle_part(rec, site) for rec in (*reports, *rectifications)],
            "targets_page": target_pages,
            "report_page": report_pages,
            "rectification_page": rectification_pages,
        })
    try:
        wanted = (set(only or stages) | ({"write", "write_cached"} if only and "cache" in only else set())
                  | ({"parts", "loaded_cached"} if only and "load_cache" in only else set()))
        times = {name: best(rounds, run) for name, run in stages.items() if name in wanted}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    scored = sum(isinstance(s, ScoredProgramme) for s, _, _ in read)
    per = {name: 1000 * seconds / max(scored, 1) for name, seconds in times.items()}
    if "write_cached" in per:  # shown as what the cache adds, after `write`
        cache = max(0.0, per.pop("write_cached") - per["write"])  # a difference: noise must not make it negative
        per = {name: ms for key, value in per.items() for name, ms in
               ([(key, value), ("cache", cache)] if key == "write" else [(key, value)])}
        if only and "write" not in only:
            del per["write"]
    if "loaded_cached" in per:  # shown as what the cache adds to loading, after `parts`
        load_cache = max(0.0, per.pop("loaded_cached") - per["parts"])
        per = {name: ms for key, value in per.items() for name, ms in
               ([(key, value), ("load_cache", load_cache)] if key == "parts" else [(key, value)])}
        if only and "parts" not in only:
            del per["parts"]
    per["sum"] = sum(v for k, v in per.items() if k not in INSIDE_READ)
    return per


def forward(summary: Summary, n: int) -> Forwarded:
    """A summary as a worker forwards it from its pack entry after a one-file commit (Share._from_cache):
    pickled as Share._to_cache keeps it, its /data/ pieces' place given beside it."""
    kept = dataclasses.replace(_headed(summary), parts=_bare(summary.parts), target_part=_bare(summary.target_part),
                               fresh=False, slot=0)
    parts = (f"pack-{n % 2}", n * 1024, bytes(32)) if summary.parts is not None else None
    return Forwarded(summary.path, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL), n % 2, f"{n:064x}",
                     f"pack-{n % 2}", parts, None)


def table(per: dict[str, float]) -> str:
    return "\n".join(f"{name:18} {ms:6.3f} ms" for name, ms in per.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="demo programmes (perfsite demo --n)")
    parser.add_argument("--data", type=Path, help="an existing data tree instead of a new demo tree")
    parser.add_argument("--cycle", action="store_true",
                        help="a demo tree with the whole cycle (perfsite demo --cycle): a stage per kind of document")
    parser.add_argument("--targets", action="store_true",
                        help="a demo tree with a 绩效目标表 for every programme (perfsite demo --targets): the "
                             "compare, target_parts and targets_page stages, and the tables in read and write")
    parser.add_argument("--rounds", type=int, default=3, help="passes per stage; the best counts")
    parser.add_argument("--stage", action="append", help="time only this stage (repeatable)")
    args = parser.parse_args(argv)
    data = args.data
    scratch = None
    if data is None:
        scratch = Path(tempfile.mkdtemp(prefix="perfsite-stages-data-"))
        data = scratch / "data"
        cycle = ["--cycle"] if args.cycle else ["--targets"] if args.targets else []
        subprocess.run([PY, "-m", "perfsite", "demo", "--n", str(args.n), *cycle, "--out", str(data)], check=True,
                       cwd=REPO, stdout=subprocess.DEVNULL)
    try:
        print(table(measure(data, args.rounds, args.stage)))
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
