"""Issue 7: the same data gives the same site, byte for byte, and nothing is fetched from elsewhere.

Two `mkdocs build` runs of the sample data into different output dirs, from data trees at
different paths written in opposite creation order (so directory listings differ), under
different time zones, locales and hash seeds, must give identical files. SOURCE_DATE_EPOCH fixes the one
clock-derived value MkDocs writes (sitemap lastmod, and the gzip header of sitemap.xml.gz).
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest_site import DATA, REPO

from perfsite.dates import PUBLISHER_TIME

EPOCH = 1_700_000_000  # 2023-11-14T22:13:20Z
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def copy_tree(source: Path, dest: Path, reverse: bool) -> Path:
    """Copy `source` file by file, creating files (and folders) in sorted or reverse-sorted order."""
    files = sorted(p for p in source.rglob("*") if p.is_file())
    for path in reversed(files) if reverse else files:
        target = dest / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return dest


def build(out: Path, data: Path, **env: str) -> Path:
    environ = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "TZ", "LANG", "LC_ALL")}
    environ.update(NO_MKDOCS_2_WARNING="1", PERFSITE_DATA=str(data), **env)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(out)],
        cwd=REPO, env=environ, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("repro")
    a = build(root / "out-a", copy_tree(DATA, root / "data-one", reverse=False),
              SOURCE_DATE_EPOCH=str(EPOCH), TZ="UTC", LANG="C.UTF-8", LC_ALL="C.UTF-8", PYTHONHASHSEED="1")
    b = build(root / "elsewhere" / "out-b", copy_tree(DATA, root / "other" / "data-two", reverse=True),
              SOURCE_DATE_EPOCH=str(EPOCH), TZ="Pacific/Kiritimati", LANG="zh_CN.UTF-8", LC_ALL="tr_TR.UTF-8",
              PYTHONHASHSEED="4242")
    return a, b


def test_two_builds_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    a, b = (snapshot(site) for site in two_builds)
    assert sorted(a) == sorted(b)
    differing = [name for name in a if a[name] != b[name]]
    assert not differing, differing
    assert len(a) > 50


def test_source_date_epoch_sets_sitemap_lastmod(two_builds: tuple[Path, Path], tmp_path: Path) -> None:
    site = two_builds[0]
    day = dt.datetime.fromtimestamp(EPOCH, PUBLISHER_TIME).date().isoformat()  # 2023-11-15, the pages' build date
    lastmods = {e.text for e in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}lastmod")}
    assert lastmods == {day}
    with gzip.open(site / "sitemap.xml.gz") as handle:
        assert handle.read() == (site / "sitemap.xml").read_bytes()
    midnight = EPOCH - EPOCH % 86_400  # MkDocs stamps the gzip header with the build date's midnight
    assert int.from_bytes((site / "sitemap.xml.gz").read_bytes()[4:8], "little") == midnight
    # Another epoch moves exactly the sitemap, the entry times of the year zips (with the files
    # that give their SHA-256: files.json and the 数据下载 page) and the 整改 pages and their
    # twins, which judge overdue measures as of that day and say so; nothing else.
    other = build(tmp_path / "out", DATA, SOURCE_DATE_EPOCH=str(EPOCH + 86_400 * 400), TZ="UTC")
    changed = sorted(k for k, v in snapshot(other).items() if snapshot(site).get(k) != v)
    zips = sorted(p.relative_to(site).as_posix() for p in (site / "data").glob("*.zip"))
    dated = sorted(k for k in snapshot(site) if "rectification/" in k and not k.endswith(".yaml"))
    assert dated and {"rectification/index.html", "rectification/index.json", "rectification/rectification.csv"} <= set(dated)
    # /data/'s 整改 table (and the workbook holding it, site-wide and in each year) says which
    # measures are overdue as of that day, and so do the list rows' ⚠ 逾期 marks and the 项目查询 index's cycle column
    before, after = snapshot(site), snapshot(other)
    marked = {k for k in changed if b"ps-tag--overdue" in before.get(k, b"") + after.get(k, b"")}
    # and a 自评 page's verdict box, which counts its 整改 measures overdue that day
    marked |= {k for k in changed if b"ps-verify-cycle" in before.get(k, b"") + after.get(k, b"")}
    index_parts = {k for k in changed if k.startswith("projects/index/")}
    assert marked and index_parts
    assert zips and changed == sorted(["sitemap.xml", "sitemap.xml.gz", "data/files.json", "downloads/index.html", *zips,
                                       *dated, "data/rectification.csv", "data/evaluations.xlsx", *marked, *index_parts,
                                       *(f"data/{year}/{name}" for year in (2022, 2023)  # and each year's
                                         for name in ("rectification.csv", "evaluations.xlsx"))])
    stamp = dt.datetime.fromtimestamp(EPOCH + 86_400 * 400, dt.timezone(dt.timedelta(hours=8)))  # Beijing time
    with zipfile.ZipFile(tmp_path / "out" / zips[0]) as archive:
        assert {i.date_time for i in archive.infolist()} == {
            (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second - stamp.second % 2)}


REGISTRIES = ("https://beian.miit.gov.cn/", "https://beian.mps.gov.cn/")


def test_nothing_absolute_except_authored_links_and_site_url(two_builds: tuple[Path, Path]) -> None:
    """Every absolute http(s) URL in the built site is site_url (sitemap, feed, print URL),
    a link written in the data, an XML namespace / licence identifier inside our assets, a
    vocabulary the open data's metadata declares (schema.org, DCAT-US), or the
    footer's link to the registry of a record site.yaml names (ICP 备案, 公安备案), as 政府网站发展指引 asks."""
    site = two_builds[0]
    site_url = yaml.safe_load((DATA / "site.yaml").read_text(encoding="utf-8"))["site_url"]
    authored: set[str] = set()
    url_re = re.compile(r"https?://[^\s\"'<>()\\\]]+")
    for path in DATA.rglob("*"):
        if path.is_file() and path.suffix in (".yaml", ".yml", ".csv"):
            authored.update(url_re.findall(path.read_text(encoding="utf-8", errors="replace")))
    namespaces = ("http://www.w3.org/", "http://www.sitemaps.org/", "http://purl.org/", "http://schemas.openxmlformats.org/",
                  "https://schema.org", "https://project-open-data.cio.gov/v1.1/schema")  # vocabularies, never fetched
    found: dict[str, set[str]] = {}
    for path in site.rglob("*"):
        if not path.is_file() or path.suffix not in (".html", ".xml", ".json", ".csv", ".css", ".js", ".svg"):
            continue
        rel = path.relative_to(site).as_posix()
        if rel.startswith("assets/") and not rel.startswith("assets/perfsite/"):
            continue  # Material's own bundle: checked by the browser test (no request leaves 127.0.0.1)
        for url in url_re.findall(path.read_text(encoding="utf-8", errors="replace")):
            url = url.rstrip(".,;，。")
            if url.startswith(site_url) or url.startswith(namespaces) or url.startswith(REGISTRIES):
                continue
            if any(url == a or url.startswith(a) or a.startswith(url) for a in authored):
                continue
            found.setdefault(url, set()).add(rel)
    assert not found, found


def test_hostile_tree_builds_are_byte_identical(tmp_path: Path) -> None:
    """The same for the hostile tree (hashed listing URLs, escaped payloads, bidi marks)."""
    from test_trust_hostile import hostile_copy

    source = hostile_copy(tmp_path / "source")
    a = build(tmp_path / "a", copy_tree(source, tmp_path / "one", reverse=False),
              SOURCE_DATE_EPOCH=str(EPOCH), TZ="UTC", PYTHONHASHSEED="7")
    b = build(tmp_path / "b", copy_tree(source, tmp_path / "two", reverse=True),
              SOURCE_DATE_EPOCH=str(EPOCH), TZ="Asia/Shanghai", LC_ALL="zh_CN.GB18030", PYTHONHASHSEED="8")
    sa, sb = snapshot(a), snapshot(b)
    assert sorted(sa) == sorted(sb)
    assert [name for name in sa if sa[name] != sb[name]] == []


def test_a_build_writes_nothing_into_the_data_tree_or_docs(tmp_path: Path) -> None:
    data = copy_tree(DATA, tmp_path / "data", reverse=False)
    before_data, before_docs = snapshot(data), snapshot(REPO / "docs")
    build(tmp_path / "out", data, SOURCE_DATE_EPOCH=str(EPOCH))
    assert snapshot(data) == before_data
    assert snapshot(REPO / "docs") == before_docs
