"""The documents around the 自评 in /data/ per year, and build_site as a projection of the real build.

build_site (tests, other renderers) runs the build's own pipeline in this process: its /data/
files and its programme and document pages are the ones `mkdocs build` publishes, byte for byte.
Each year's bundle holds that year's rows of the 绩效目标表, 评价报告, 整改, 结果应用 and 部门整体
tables, listed in its datapackage.json, files.json, its zip and on the 数据下载 page.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import shutil
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from conftest_site import DATA, build_or_fail

from perfsite.demo import write_demo
from perfsite.opendata.build import FileFacts, MemorySink
from perfsite.opendata.cycle import DOC_TABLES
from perfsite.site import SiteBuild, build_site
from perfsite.site.session import BuildSession

EPOCH = "1733356800"  # 2024-12-05: which 整改 measures are overdue is fixed
BASE = ("programmes", "indicators", "budget")


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SiteBuild]:
    """data/ built by `mkdocs build` (as `perfsite build` does) and by build_site, on one date."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    mp.setenv("PERFSITE_SEARCH", "0")
    try:
        real = build_or_fail(tmp_path_factory.mktemp("cycle-data") / "site")
        return real, build_site(DATA)
    finally:
        mp.undo()


def _published(root: Path, prefix: str) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / prefix).rglob("*")) if p.is_file()}


def test_build_site_publishes_the_real_builds_data_files(both: tuple[Path, SiteBuild]) -> None:
    real, built = both
    mine = {path: content for path, content in built.files.items() if path.startswith("data/")}
    theirs = _published(real, "data")
    assert sorted(mine) == sorted(theirs)
    assert [path for path in mine if mine[path] != theirs[path]] == []
    for path in ("data.json", "feed.xml"):
        assert built.files[path] == (real / path).read_bytes(), path


def test_build_site_renders_every_programme_and_document_page_and_download(both: tuple[Path, SiteBuild]) -> None:
    real, built = both
    theirs = _published(real, "projects")
    pages = {p.url for p in built.pages if p.kind in ("programme", "document")}
    assert pages == {path.removesuffix("index.html") for path in theirs
                     if path.endswith("/index.html") and path.count("/") >= 3}
    assert {p.url for p in built.pages if p.kind == "document"} >= {
        "projects/2023/yingyang-gaishan/targets/", "projects/2023/yingyang-gaishan/evaluation/",
        "projects/2023/yingyang-gaishan/rectification/"}
    def below_pages(files: dict[str, bytes]) -> dict[str, bytes]:
        """The downloads beside programme and document pages (not the 项目查询 data beside projects/)."""
        return {path: content for path, content in files.items()
                if path.startswith("projects/") and path.count("/") >= 3 and not path.endswith("/index.html")}

    assert below_pages(built.files) == below_pages(theirs)
    page = next(p for p in built.pages if p.url == "projects/2023/yingyang-gaishan/")
    assert "../../../projects/2023/yingyang-gaishan/evaluation/" in page.html or 'href="evaluation/"' in page.html


def _csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_each_year_has_its_rows_of_every_document_table(both: tuple[Path, SiteBuild]) -> None:
    _, built = both
    files = built.files
    years = sorted(int(p.split("/")[1]) for p in files
                   if p.startswith("data/") and p.endswith("/programmes.csv") and p.count("/") == 2)
    seen = set()
    for name in DOC_TABLES:
        whole = _csv(files[f"data/{name}.csv"])
        header, rows = whole[0], whole[1:]
        column = header.index("年度")
        for year in years:
            mine = [row for row in rows if row[column] == str(year)]
            path = f"data/{year}/{name}.csv"
            if not mine:
                assert path not in files
                continue
            seen.add((name, year))
            assert _csv(files[path]) == [header, *mine]
    assert {("targets", 2022), ("reports", 2022), ("rectification", 2023), ("application", 2023),
            ("departments", 2023)} <= seen
    assert ("departments", 2022) not in seen


def test_each_years_package_zip_and_manifest_list_its_document_tables(both: tuple[Path, SiteBuild]) -> None:
    _, built = both
    files = built.files
    manifest = json.loads(files["data/files.json"])["files"]
    for year in (2021, 2022, 2023):
        prefix = f"data/{year}/"
        present = [name for name in DOC_TABLES if f"{prefix}{name}.csv" in files]
        package = json.loads(files[f"{prefix}datapackage.json"])
        assert [r["name"] for r in package["resources"]] == [*BASE, *present]
        books = {f"{prefix}{DOC_TABLES[name].book}" for name in present}
        assert books <= set(files)
        with zipfile.ZipFile(io.BytesIO(files[f"data/{year}.zip"])) as archive:
            names = archive.namelist()
            assert names == sorted(names)
            assert {f"data/{n}" for n in names} == {p for p in files if p.startswith(prefix)}
            for name in names:
                assert archive.read(name) == files[f"data/{name}"]
        for path in (p for p in files if p.startswith(prefix)):
            assert manifest[path]["bytes"] == len(files[path]), path
    assert "data/2021/targets.csv" not in files  # 2021 has no 绩效目标表


def test_each_years_package_validates(both: tuple[Path, SiteBuild], tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    for path, content in both[1].files.items():
        if path.startswith("data/2023/"):
            (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / path).write_bytes(content)
    report = frictionless.validate(str(tmp_path / "data/2023/datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_downloads_page_links_each_years_document_files(both: tuple[Path, SiteBuild]) -> None:
    _, built = both
    page = next(p for p in built.pages if p.url == "downloads/")
    linked = {posixpath.normpath(posixpath.join("downloads", h))
              for h in lxml.html.fromstring(page.html).xpath(".//a/@href") if not h.startswith(("#", "http"))}
    published = {path for path in built.files if path.startswith("data/")}
    assert published <= linked, sorted(published - linked)
    assert {p for p in linked if p.startswith("data/")} <= published
    assert "data/2023/departments.csv" in linked and "data/2022/departments.csv" not in linked


class Recording:
    """A build cache that has nothing and notes the entry kinds it is asked for, by year."""

    def __init__(self) -> None:
        self.kinds: dict[tuple[int, str], str] = {}

    def reuse(self, year: int, kind: str, paths: list[str]) -> bool:
        self.kinds[(year, "bundle")] = kind
        return False

    def content(self, year: int, kind: str, path: str) -> bytes | None:
        self.kinds[(year, "zip")] = kind
        return None

    def keep(self, year: int, kind: str, paths: list[str], facts: Mapping[str, FileFacts]) -> None:
        pass

    def blob(self, year: int, kind: str) -> bytes | None:
        return None

    def keep_blob(self, year: int, kind: str, content: bytes) -> None:
        pass


def _kinds(root: Path, today: str) -> dict[tuple[int, str], str]:
    session = BuildSession(serve=False)
    try:
        session.workers(0)
        loaded = session.load_tree(root, parts=True)
        assert loaded.dataset.ok
        kept = Recording()
        loaded.write_open_data(MemorySink(), today, kept)
        return kept.kinds
    finally:
        session.close()


def test_a_years_cache_key_holds_its_document_rows(tmp_path: Path) -> None:
    """A year's bundle is reused while it has the same document tables, its zip while their
    rows are the same: a 整改 changed in 2023 redoes 2023's zip alone; 2022 without 整改 its bundle."""
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    before = _kinds(root, "2024-12-05")
    assert _kinds(root, "2024-12-05") == before
    changed = root / "2023" / "jiaoyu" / "yingyang-gaishan-zhenggai.yaml"
    changed.write_text(changed.read_text(encoding="utf-8").replace("status: 未开始", "status: 整改中", 1), encoding="utf-8")
    after = _kinds(root, "2024-12-05")
    assert {key for key in before if before[key] != after[key]} == {(2023, "zip")}
    for path in (root / "2022").rglob("*-zhenggai.yaml"):
        path.unlink()
    fewer = _kinds(root, "2024-12-05")
    assert {key for key in after if after[key] != fewer[key]} == {(2022, "bundle"), (2022, "zip")}
    assert before[(2021, "bundle")] == fewer[(2021, "bundle")] and before[(2021, "zip")] == fewer[(2021, "zip")]


def test_the_demo_cycle_reaches_every_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1777593600")  # 2026-05-01
    write_demo(120, tmp_path / "d", seed=2, cycle=True)
    files = build_site(tmp_path / "d").files
    reports = list((tmp_path / "d").rglob("*-pingjia.yaml"))
    assert len(_csv(files["data/reports.csv"])) - 1 == len(reports) > 0
    measures = _csv(files["data/rectification.csv"])
    overdue = {row[measures[0].index("逾期")] for row in measures[1:]}
    assert overdue == {"true", "false"}
    assert len(_csv(files["data/departments.csv"])) - 1 == 2 * len(list((tmp_path / "d").rglob("bumen-*-ziping.yaml")))
    originals: dict[str, Any] = {p.name: p.read_bytes() for p in (tmp_path / "d").rglob("*") if p.suffix in (".pdf", ".docx")}
    published = {path.rsplit("/", 1)[1]: content for path, content in files.items() if path.endswith((".pdf", ".docx"))}
    assert published == originals
    assert {p.split("/")[1] for p in files if p.endswith("/reports.csv") and p.count("/") == 2} >= {"2021", "2022"}
