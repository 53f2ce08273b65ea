"""perfsite.site.search: a small stub per programme with only the words worth finding, one
Pagefind index per year under the primary (prose) index, merged by the search page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from perfsite.site import search

DATA = {
    "year": 2024, "id": "roads", "url": "projects/2024/roads/", "name": "农村公路<script>alert(1)</script>",
    "department": "交通运输局", "region": "翼城县", "evaluation": "单位自评", "evaluator": None,
    "grade": "良", "total": "85.50",
    "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "新建里程", "score": "9.00"},
                   {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "score": "8.00"}],
    "sections": [{"title": "项目概况", "html": "<p>修建通村公路 12 公里。</p>"}],
}


def test_a_stub_holds_the_words_worth_finding_and_the_year_in_its_title() -> None:
    stub = search.stub_html(DATA)
    assert f'<h1 data-pagefind-weight="{search.TITLE_WEIGHT}">农村公路&lt;script&gt;alert(1)&lt;/script&gt;（2024年度）</h1>' in stub
    assert "<script>" not in stub
    assert "<p>评价等级：良 · 交通运输局 · 翼城县 · 单位自评</p>" in stub  # the grade before an excerpt's cut
    assert stub.count("2024年度") == 1  # in the title only: excerpts do not repeat it
    assert stub.count("产出指标") == 1 and "新建里程" in stub and "养护里程" in stub
    assert "<h2>项目概况</h2><p>修建通村公路 12 公里。</p>" in stub
    assert "85.50" not in stub and "9.00" not in stub  # figures are for the tables, not for search
    assert f'<main {search.MARK} {search.META} data-kind="绩效自评" data-year="2024">' in stub


def test_a_stub_names_the_grade_the_page_leads_with() -> None:
    """A published grade (良) over a recomputation rated 优: the result says what the page says."""
    published = {**DATA, "grade": "优", "headline": {"source": "published", "grade": "良", "computed_grade": "优"}}
    assert "评价等级：良" in search.stub_html(published) and "评价等级：优" not in search.stub_html(published)
    computed = {**DATA, "grade": "优", "headline": {"source": "computed", "grade": None, "computed_grade": "优"}}
    assert "评价等级：优" in search.stub_html(computed)


def test_stubs_go_in_their_index_folder_at_the_page_path(tmp_path: Path) -> None:
    search.write_stub(tmp_path, DATA, {2024: 1})
    assert (tmp_path / "2024" / "projects" / "2024" / "roads" / "index.html").is_file()
    search.write_stub(tmp_path, DATA, {2024: 3})
    assert len(list(tmp_path.glob("2024-*/projects/2024/roads/index.html"))) == 1


def test_a_big_year_is_split_into_stable_indexes_of_bounded_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SHARD_PAGES", 10)
    plan = search.shard_plan({2023: 10, 2024: 25})
    assert plan == {2023: 1, 2024: 3}
    assert search.shard_names(plan) == ["2024-1", "2024-2", "2024-3", "2023"]
    ids = [f"p{i}" for i in range(300)]
    shards = [search.shard_of(plan, 2024, i) for i in ids]
    assert set(shards) == {"2024-1", "2024-2", "2024-3"}
    assert max(shards.count(s) for s in set(shards)) < 150  # spread, not all in one
    assert shards == [search.shard_of(plan, 2024, i) for i in ids]  # the same every build
    assert search.shard_of(plan, 2023, "p1") == "2023"


def test_years_are_indexed_in_parts_small_enough_to_make_again_and_few_enough_to_merge() -> None:
    """Parts of about PART_PAGES pages, at most YEAR_PARTS a year, none over SHARD_PAGES."""
    counts = {2018: 1, 2019: 1_250, 2020: 1_251, 2021: 2_500, 2022: 25_000, 2023: 60_000}
    plan = search.shard_plan(counts)
    assert plan == {2018: 1, 2019: 1, 2020: 2, 2021: 2, 2022: 5, 2023: 12}
    for year, parts in plan.items():
        assert counts[year] / parts <= search.SHARD_PAGES


def test_a_years_parts_are_sized_by_every_page_indexed_there(tmp_path: Path) -> None:
    """A 绩效目标表's page is indexed in its programme's part: a year of 1,250 programmes, each with
    one, is 2,500 stubs, two parts of PART_PAGES (one part of 2,500 made a rebuild's Pagefind
    twice as long)."""
    from collections import Counter

    from perfsite.demo import write_demo
    from perfsite.site.session import BuildSession

    data = tmp_path / "data"
    write_demo(6, data, seed=5, targets=True)
    session = BuildSession(serve=False)
    try:
        loaded = session.load_tree(data)
        programmes = Counter(row["year"] for row in loaded.rows)
        tables = Counter(int(url.split("/")[1]) for url in loaded.target_urls())
        assert tables and loaded.indexed_pages() == programmes + tables
    finally:
        session.close()
    assert search.shard_plan({2024: 1_250 + 1_250}) == {2024: 2}


def test_a_new_programme_changes_one_part_and_the_others_keep_theirs() -> None:
    """A part's index is made again when its stubs change: an edit or a new programme touches
    the part it lands in, the other parts keep every programme they had."""
    before = {f"p{i}": search.shard_of(search.shard_plan({2024: 2_400}), 2024, f"p{i}") for i in range(2_400)}
    plan = search.shard_plan({2024: 2_401})
    after = {ident: search.shard_of(plan, 2024, ident) for ident in [*before, "new"]}
    assert all(after[ident] == shard for ident, shard in before.items())
    assert set(after.values()) == set(before.values()) == {"2024-1", "2024-2"}


def test_the_search_page_lists_every_index_until_their_sizes_are_known() -> None:
    page = search.search_page(True, ["2024-1", "2024-2", "2023"])
    assert 'data-merge="../pagefind/2024-1/ ../pagefind/2024-2/ ../pagefind/2023/" data-later=""' in page.html
    assert "search.js" in page.html
    assert "目前只检索了2024年度的项目和说明文档" in page.html and "同时检索2023年度" in page.html  # hidden till settled
    one = search.search_page(True, ["2024-1", "2024-2"])
    assert "ps-ft-wider" not in one.html  # one year: nothing to widen to
    off = search.search_page(False, [])
    assert "search.js" not in off.html and "data-merge" not in off.html and "项目查询" in off.html


def test_a_first_query_merges_every_index_that_fits_its_budget_else_the_newest_years() -> None:
    costs = {"2024-1": 30, "2024-2": 30, "2023": 50, "2022": 50}
    assert search.first_shards(costs, 100, 260) == list(costs)
    assert search.first_shards(costs, 100, 259) == ["2024-1", "2024-2"]
    assert search.first_shards(costs, 300, 0) == ["2024-1", "2024-2"]  # the newest year even over budget
    assert search.first_shards({}, 100, 0) == []


def fake_bundle(folder: Path, meta: int, chunks: list[int]) -> None:
    """A Pagefind bundle's files a query loads, of the given sizes (entry 10 bytes)."""
    (folder / "index").mkdir(parents=True)
    (folder / "pagefind-entry.json").write_bytes(b"e" * 10)
    (folder / "pagefind.zh-cn_1.pf_meta").write_bytes(b"m" * meta)
    for number, size in enumerate(chunks):
        (folder / "index" / f"zh-cn_{number}.pf_index").write_bytes(b"c" * size)


def test_the_page_is_settled_on_the_built_indexes_sizes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every index while they fit the budget; the older years' for later when they do not."""
    site = tmp_path / "site"
    names = ["2024-1", "2024-2", "2023"]
    fake_bundle(site / search.BUNDLE, 100, [1000])
    (site / search.BUNDLE / "pagefind.js").write_bytes(b"j" * 2000)
    (site / search.BUNDLE / "wasm.unknown.pagefind").write_bytes(b"w" * 3000)
    for name, meta in zip(names, (400, 400, 9000), strict=True):
        fake_bundle(site / search.shard_bundle(name), meta, [100, 201])  # one chunk: their mean, 151
    assert search.index_bytes(site / search.shard_bundle("2023")) == 10 + 9000 + 151
    fixed = search.query_bytes(site)
    assert fixed == 2000 + 3000 + len((Path(search.__file__).parent.parent / "assets" / "search.js").read_bytes()) \
        + 10 + 100 + 1000 + search.RESULTS_BYTES
    every = fixed + 2 * (10 + 400 + 151) + 10 + 9000 + 151

    def settle(budget: int) -> tuple[list[str], str]:
        (site / search.URL).mkdir(parents=True, exist_ok=True)
        (site / search.URL / "index.html").write_text(search.search_page(True, names).html, encoding="utf-8")
        monkeypatch.setenv(search.FIRST_QUERY_ENV, str(budget))
        return search.settle_page(site, names), (site / search.URL / "index.html").read_text(encoding="utf-8")

    first, html = settle(-(-every // 1024))
    assert first == names and 'data-merge="../pagefind/2024-1/ ../pagefind/2024-2/ ../pagefind/2023/" data-later=""' in html
    first, html = settle(every // 1024)
    assert first == ["2024-1", "2024-2"]
    assert 'data-merge="../pagefind/2024-1/ ../pagefind/2024-2/" data-later="../pagefind/2023/"' in html
    assert "目前只检索了2024年度的项目和说明文档" in html and "同时检索2023年度" in html
    monkeypatch.delenv(search.FIRST_QUERY_ENV)
    assert search.first_query_budget() == search.FIRST_QUERY_KB * 1024


@pytest.mark.parametrize(("value", "on"), [("1", True), ("0", False), ("no", False), ("true", True)])
def test_the_environment_switches_search(monkeypatch: pytest.MonkeyPatch, value: str, on: bool) -> None:
    monkeypatch.setenv("PERFSITE_SEARCH", value)
    assert search.enabled({"perfsite_search": not on}) is on


def test_build_index_writes_a_primary_and_one_index_per_year(tmp_path: Path) -> None:
    site, stubs = tmp_path / "site", tmp_path / "stubs"
    (site / "method").mkdir(parents=True)
    (site / "method" / "index.html").write_text(
        f'<html lang="zh-CN"><body><div {search.MARK}><h1>方法说明</h1><p>评分规则</p></div></body></html>',
        encoding="utf-8")
    (site / "projects").mkdir()
    (site / "unmarked.html").write_text("<html><body><p>导航</p></body></html>", encoding="utf-8")
    for year in (2023, 2024):
        search.write_stub(stubs, DATA | {"year": year, "url": f"projects/{year}/roads/"}, {2023: 1, 2024: 1})
    search.copy_prose(site, stubs, ["method/index.html", "unmarked.html"])
    search.build_index(site, stubs, ["2024", "2023"], jobs=2)
    primary = site / search.BUNDLE
    assert (primary / "pagefind-ui.js").is_file() and (primary / "pagefind-entry.json").is_file()
    assert list((stubs / search.PROSE).rglob("*.html")) == [stubs / search.PROSE / "method" / "index.html"]
    for year in (2023, 2024):
        bundle = site / search.shard_bundle(str(year))
        assert (bundle / "pagefind-entry.json").is_file() and list((bundle / "fragment").iterdir())
        assert not list(bundle.glob("*.js")) and not list(bundle.glob("wasm.*"))  # the primary's are used


def test_one_pagefind_process_makes_index_after_index_as_the_command_line_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind's extended build loads its Chinese dictionary in each process (0.22 s of CPU): a
    build runs at most as many processes as it makes indexes at once (here the year indexes one
    at a time, the primary beside them), not one per index, and each index is the one the
    command line makes of the same stubs, byte for byte."""
    import subprocess

    site, stubs = tmp_path / "site", tmp_path / "stubs"
    for year in (2022, 2023, 2024):
        search.write_stub(stubs, DATA | {"year": year, "url": f"projects/{year}/roads/", "name": f"农村公路{year}"},
                          {2022: 1, 2023: 1, 2024: 1})
    (stubs / search.PROSE / "method").mkdir(parents=True)
    (stubs / search.PROSE / "method" / "index.html").write_text(
        f'<html lang="zh-CN"><body><div {search.MARK}><h1>方法说明</h1></div></body></html>', encoding="utf-8")
    binary = search._pagefind_command()[0]
    launched: list[subprocess.Popen[bytes]] = []
    real = subprocess.Popen

    def popen(args: list[str], *rest: object, **named: object) -> subprocess.Popen[bytes]:
        process = real(args, *rest, **named)  # type: ignore[arg-type]
        if args[0] == binary:
            launched.append(process)
        return process

    monkeypatch.setattr(subprocess, "Popen", popen)
    search.build_index(site, stubs, ["2024", "2023", "2022"], jobs=1)
    monkeypatch.undo()
    assert len(launched) <= 2  # four indexes
    assert all(process.poll() is not None for process in launched)  # none left running after the build
    out = tmp_path / "cli"
    subprocess.run([*search._pagefind_command(), "--site", str(stubs / "2023"), "--output-path", str(out),
                    "--exclude-selectors", ", ".join(search.EXCLUDE), "--silent"], check=True)
    search._drop_ui(out)
    made = site / search.shard_bundle("2023")
    assert {p.relative_to(made): p.read_bytes() for p in made.rglob("*") if p.is_file()} == \
        {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_a_pagefind_that_stops_is_reported_and_not_used_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    search.write_stub(tmp_path / "stubs", DATA, {2024: 1})
    monkeypatch.setattr(search, "_pagefind_command",
                        lambda: (sys.executable, "-c", "import sys; sys.stderr.write('索引写不下'); sys.exit(3)"))
    services = search._Services()
    with pytest.raises(RuntimeError, match=r"pagefind 失败（2024）：检索程序 Pagefind 意外退出（退出码 3），请检查磁盘空间和内存后重新构建：索引写不下"):
        search._pagefind(tmp_path / "stubs" / "2024", tmp_path / "out", services)
    assert services.idle == []
    monkeypatch.undo()
    search._pagefind(tmp_path / "stubs" / "2024", tmp_path / "out", services)
    services.close()
    assert (tmp_path / "out" / "pagefind-entry.json").is_file()


def test_indexes_made_beside_each_other_are_kept_and_taken_back_whole(tmp_path: Path) -> None:
    """The primary index is made aside while the year indexes run and each is stored in the build
    cache by its own run: a second build of the same stubs makes none and publishes the same
    bytes, and nothing made aside is left in the site."""
    from perfsite.site.buildcache import BuildCache

    def build(name: str) -> tuple[Path, dict[str, float]]:
        site, stubs = tmp_path / name / "site", tmp_path / name / "stubs"
        (site / "method").mkdir(parents=True)
        (site / "method" / "index.html").write_text(
            f'<html lang="zh-CN"><body><div {search.MARK}><h1>方法说明</h1><p>评分规则</p></div></body></html>',
            encoding="utf-8")
        for year in (2023, 2024):
            search.write_stub(stubs, DATA | {"year": year, "url": f"projects/{year}/roads/"}, {2023: 1, 2024: 1})
        search.copy_prose(site, stubs, ["method/index.html"])
        return site, search.build_index(site, stubs, ["2024", "2023"], jobs=2, cache=cache)

    def files(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    cache = BuildCache(tmp_path / "cache", "test")
    first, made = build("one")
    second, again = build("two")
    assert (made["indexed"], again["indexed"]) == (3, 0)
    assert files(first) == files(second)
    assert {p.name for p in (first / search.BUNDLE).iterdir() if p.is_dir()} == {"2023", "2024", "fragment", "index"}
    assert not (tmp_path / "one" / "stubs" / search.PRIMARY).exists()


def test_a_shards_key_is_its_stubs_as_the_workers_told_them(tmp_path: Path) -> None:
    """Workers report each stub's SHA-256: the key of a shard changes with any stub's, and is
    not read from the files (a 10,000-programme site has 10,000 of them)."""
    from perfsite.site.buildcache import BuildCache

    cache = BuildCache(tmp_path / "cache", "test")
    source = tmp_path / "stubs" / "2024"
    source.mkdir(parents=True)
    told = [("2024/projects/2024/a/index.html", "1" * 64, ""), ("2024/projects/2024/b/index.html", "2" * 64, "")]

    def key(stubbed: list[search.Stub]) -> str:
        return search.Shards(cache, set(), stubbed)._key(source)

    assert key(told) == key(list(reversed(told)))
    assert key(told) != key([told[0], (told[1][0], "3" * 64, "")]) != key(told[:1])
    assert key(told) == key([told[0], (*told[1][:2], "/cache/whole/x/3")])  # where a stub lies is no input
    (source / "x.html").write_text("<p>未告知</p>", encoding="utf-8")
    assert key(told) == key(told[::-1])  # the files are not read when the workers told the stubs
    untold = key([("2023/projects/2023/a/index.html", "1" * 64, "")])  # none of this shard's: its files' bytes
    (source / "x.html").write_text("<p>改过</p>", encoding="utf-8")
    assert key([]) != untold


def test_a_kept_index_is_linked_back_and_not_used_once_written_to(tmp_path: Path) -> None:
    """An index from the build cache is linked into the site, not read and hashed (42 MB at
    10,000 programmes); a published index file written to in place (the cache's file is the same
    inode) makes the entry unused, so the index is made again rather than published changed."""
    from perfsite.site.buildcache import BuildCache

    cache = BuildCache(tmp_path / "cache", "test")
    source = tmp_path / "stubs" / "2024"
    first = tmp_path / "one" / "pagefind" / "2024"
    (first / "index").mkdir(parents=True)
    (first / "pagefind-entry.json").write_text('{"version":"1"}', encoding="utf-8")
    (first / "index" / "en_1.pf_index").write_bytes(b"\x00index")
    told = [("2024/projects/2024/a/index.html", "1" * 64, "")]
    search.Shards(cache, set(), told).keep(source, first)

    used: set[tuple[str, str]] = set()
    second = tmp_path / "two" / "pagefind" / "2024"
    assert search.Shards(cache, used, told).reuse(source, second)
    assert {p.relative_to(second): p.read_bytes() for p in second.rglob("*") if p.is_file()} == {
        p.relative_to(first): p.read_bytes() for p in first.rglob("*") if p.is_file()}
    assert (second / "index" / "en_1.pf_index").stat().st_ino == (first / "index" / "en_1.pf_index").stat().st_ino
    assert [kind for kind, _ in used] == ["shard"]

    with open(first / "index" / "en_1.pf_index", "ab") as handle:  # edited in the published site
        handle.write(b"\x01")
    assert not search.Shards(cache, set(), told).reuse(source, tmp_path / "three" / "pagefind" / "2024")


def _stubs_made_in(order: list[int], stubs: Path) -> None:
    """A 自评's stub and its 绩效目标表's for each programme of `order`, made in that order, and
    two of them in the other order (a rebuild links the cached stubs around the pages it
    rendered again)."""
    for n in order:
        url = f"projects/2024/p{n:03d}/"
        data = DATA | {"id": f"p{n:03d}", "url": url, "name": f"农村公路{n}号", "region": f"第{n % 7}片区"}
        target = {"year": 2024, "id": data["id"], "url": f"{url}targets/", "name": data["name"],
                  "department": "交通运输局", "annual_goal": f"新建里程{n}公里", "indicators": []}
        kinds = [(target, search.target_stub_html), (data, search.stub_html)]
        for page, make in kinds if n % 2 else kinds[::-1]:
            search.write_stub(stubs, page, {2024: 2}, make)


@pytest.mark.parametrize("where", ["disk", "memory"])
def test_the_same_stubs_made_in_another_order_give_the_same_indexes(where: str) -> None:
    """Pagefind numbers pages in the order it walks their folders; tmpfs (and btrfs) list a
    folder in the order its entries were made, and workers make stubs in no fixed order. Two
    builds of the same stubs made in other orders publish the same bytes."""
    import random
    import tempfile

    # Not tmp_path: `make test` puts the tests' scratch on tmpfs where there is room.
    folder = {"disk": "/var/tmp", "memory": "/dev/shm"}[where]
    if not Path(folder).is_dir():
        pytest.skip(f"no {folder}")
    root = Path(tempfile.mkdtemp(dir=folder))
    try:
        bundles = []
        order = list(range(150))
        for build, made in enumerate([order, random.Random(7).sample(order, len(order))]):
            site, stubs = root / f"site{build}", root / f"stubs{build}"
            prose = stubs / search.PROSE / "method" / "index.html"
            prose.parent.mkdir(parents=True)
            prose.write_text(f'<html lang="zh-CN"><body><div {search.MARK}><h1>方法说明</h1></div></body></html>',
                             encoding="utf-8")
            _stubs_made_in(made, stubs)
            search.build_index(site, stubs, search.shard_names({2024: 2}), jobs=2)
            bundle = site / search.BUNDLE
            bundles.append({p.relative_to(bundle).as_posix(): p.read_bytes()
                            for p in sorted(bundle.rglob("*")) if p.is_file()})
        assert len([name for name in bundles[0] if name.startswith("2024-") and name.endswith(".pf_fragment")]) == 300
        assert bundles[0] == bundles[1]
    finally:
        shutil.rmtree(root)


def test_listing_in_path_order_keeps_every_file(tmp_path: Path) -> None:
    """Entries renamed away and back: a name that is another's away name is not overwritten."""
    for name in ("b.html", "a.~", "a", "c/index.html", "c/x/index.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name, encoding="utf-8")
    search.in_path_order(tmp_path)
    found = {p.relative_to(tmp_path).as_posix(): p.read_text(encoding="utf-8") for p in tmp_path.rglob("*") if p.is_file()}
    assert found == {name: name for name in ("b.html", "a.~", "a", "c/index.html", "c/x/index.html")}


@pytest.mark.parametrize("where", ["disk", "memory"])
def test_stubs_are_renamed_only_where_the_listing_follows_the_making(where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """tmpfs lists a folder's names in the order they were made: each stub's folder is renamed
    away and back. ext4 lists by a hash of the names, the same in any order: nothing is renamed
    there, and the indexes' bytes still do not depend on the order
    (test_the_same_stubs_made_in_another_order_give_the_same_indexes)."""
    import tempfile

    folder = {"disk": "/var/tmp", "memory": "/dev/shm"}[where]
    if not Path(folder).is_dir():
        pytest.skip(f"no {folder}")
    root = Path(tempfile.mkdtemp(dir=folder))
    renamed: list[str] = []
    real = search.os.rename
    monkeypatch.setattr(search.os, "rename", lambda old, new: (renamed.append(str(old)), real(old, new)))
    try:
        for name in ("b", "c", "a"):
            (root / "projects" / "2024" / name).mkdir(parents=True)
            (root / "projects" / "2024" / name / "index.html").write_text("<html></html>", encoding="utf-8")
        search.in_path_order(root)
        listed_as_made = search.lists_as_made(str(root))
        assert (len(renamed) == 6) if listed_as_made else renamed == []
        if where == "memory":
            assert listed_as_made  # tmpfs
        assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == [
            "projects", "projects/2024", "projects/2024/a", "projects/2024/a/index.html", "projects/2024/b",
            "projects/2024/b/index.html", "projects/2024/c", "projects/2024/c/index.html"]
    finally:
        shutil.rmtree(root)


def test_a_file_system_listing_in_making_order_is_told_apart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The probe makes the same names in two orders in two folders: listed in that order (tmpfs),
    the stubs are renamed; listed alike (by a hash, ext4), not; where the probe cannot be made,
    they are. The probe leaves nothing behind."""
    made = {"a": list(search.PROBE_NAMES), "b": list(search.PROBE_NAMES[::-1])}
    for listing, expected in ((lambda path: made[path[-1]], True), (lambda path: sorted(made[path[-1]]), False)):
        with monkeypatch.context() as patched:
            patched.setattr(search.os, "listdir", listing)
            assert search.lists_as_made(str(tmp_path)) is expected
        assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(search.tempfile, "mkdtemp", lambda **_: (_ for _ in ()).throw(PermissionError()))
    assert search.lists_as_made(str(tmp_path)) is True


def test_an_index_file_named_outside_its_bundle_is_refused(tmp_path: Path) -> None:
    """The service hands an index's files back to be written here: each lands below the bundle."""
    import base64

    content = base64.b64encode(b"pagefind").decode()
    search._write_bundle(tmp_path / "b", [{"path": "fragment/x.pf_fragment", "content": content},
                                          {"path": "pagefind-entry.json", "content": content}])
    assert (tmp_path / "b" / "fragment" / "x.pf_fragment").read_bytes() == b"pagefind"
    for name in ("../x", "/tmp/x", "fragment/../../x"):
        with pytest.raises(RuntimeError, match="不在索引目录内"):
            search._write_bundle(tmp_path / "b", [{"path": name, "content": content}])
    assert not (tmp_path / "x").exists()
