"""Listing and department pages written from shells (perfsite.site.shell.themed_pages) instead of
rendered by MkDocs: the same bytes as MkDocs makes, every file of the site included (sitemap.xml
and the full-text search index too), and a page whose title or content a shell cannot carry
exactly is left to MkDocs."""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest_site import DATA, HOSTILE_PROGRAMME, REPO, build_in_process

from perfsite.site.model import SitePage
from perfsite.site.shell import (
    CONTENT_MARK,
    SHELL_FOLDER,
    SHELL_PAGES_ENV,
    SHELLED,
    TITLE_MARK,
    fill_themed,
    shell_of,
    themed,
    themed_pages,
)

LISTINGS = ["years/2024/", "years/2024/page/2/", "regions/曲沃县/", "departments/a-1f2e3d4c/page/12/"]
TARGETS = ["", "projects/", "years/", "regions/", "departments/", "search/", "assets/perfsite/perfsite.css",
           "feed.xml", "assets/images/favicon.svg"]


def relative(target: str, page: str) -> str:
    """A link from `page` to `target` as MkDocs writes it (mkdocs.utils.get_relative_url)."""
    rel = posixpath.relpath("/" + target, "/" + page)
    return rel + "/" if target.endswith("/") else rel


@pytest.mark.parametrize("url", LISTINGS)
def test_a_shell_links_the_theme_as_each_of_its_pages_does(url: str) -> None:
    shell = shell_of(url)
    assert shell != url and shell.count("/") == url.count("/") and shell.split("/")[0] == url.split("/")[0]
    assert SHELL_FOLDER in shell and SHELL_FOLDER.lower() != SHELL_FOLDER  # no slug or year is upper case
    assert [relative(t, shell) for t in TARGETS] == [relative(t, url) for t in TARGETS]


@pytest.mark.parametrize(("url", "title", "body", "expected"), [
    ("years/2024/", "2024年度项目绩效评价", "<h1>2024年度</h1>", True),
    ("years/2024/page/3/", "2024年度项目绩效评价（第 3 页，共 5 页）", "<h1>x</h1>", True),
    ("regions/a/", "A & B项目绩效评价", "<h1>x</h1>", False),  # escaped in one place, not in another
    ("regions/a/", "“O'Hara”项目", "<h1>x</h1>", False),
    ("regions/a/", 'say "x"', "<h1>x</h1>", False),
    ("regions/a/", "<b>县</b>", "<h1>x</h1>", False),
    ("regions/a/", "两个  空格", "<h1>x</h1>", False),  # striptags joins white space
    ("regions/a/", "全角\u3000空格", "<h1>x</h1>", False),
    ("regions/a/", " 前后空格", "<h1>x</h1>", False),
    ("regions/a/", "没有标题", "<p>x</p>", False),  # Material would add an <h1>
    ("years/", "按年度查看", "<h1>x</h1>", False),  # first level: in the navigation
])
def test_which_pages_a_shell_can_carry(url: str, title: str, body: str, expected: bool) -> None:
    assert themed(url, title, body) is expected


def page(url: str, kind: str = "listing", title: str = "项目", in_nav: bool = False) -> SitePage:
    return SitePage(url=url, title=title, html=f"<h1>{url}</h1>", kind=kind, in_nav=in_nav)


def test_pages_split_into_mkdocs_and_shells_in_page_order() -> None:
    pages = [page("projects/0/perfsite-shell/", "programme"), page("projects/", "index", in_nav=True),
             page("years/2024/"), page("years/2024/page/2/"), page("years/2023/"),
             page("years/", in_nav=True), page("regions/a&b/", title="A & B"), page("regions/曲沃县/"),
             page("departments/a-1/2024/", "department"), page("departments/a-1/2023/", "department"),
             page("departments/b&c/2024/", "department", title="B & C"), page("rectification/", "rectification"),
             page("", "home", in_nav=True)]
    split = themed_pages(pages)
    assert [p.url for p in split.rendered] == [
        "projects/0/perfsite-shell/", "projects/", "years/Perfsite-Shell/", "years/Perfsite-Shell/0/0/",
        "years/", "regions/a&b/", "regions/Perfsite-Shell/", "departments/Perfsite-Shell-Department/0/",
        "departments/b&c/2024/", "rectification/", ""]
    assert {k: [p.url for p in v] for k, v in split.groups.items()} == {
        "years/Perfsite-Shell/": ["years/2024/", "years/2023/"], "years/Perfsite-Shell/0/0/": ["years/2024/page/2/"],
        "regions/Perfsite-Shell/": ["regions/曲沃县/"],
        "departments/Perfsite-Shell-Department/0/": ["departments/a-1/2024/", "departments/a-1/2023/"]}
    shells = [p for p in split.rendered if SHELL_FOLDER in p.url]
    assert all(p.title == TITLE_MARK and p.html == CONTENT_MARK for p in shells)
    assert [p.kind for p in shells] == ["listing", "listing", "listing", "department"]  # the layout of its pages
    assert split.sitemap == {  # each written page listed where MkDocs listed it, in a shell's place
        "years/Perfsite-Shell/": ["years/2024/"], "years/Perfsite-Shell/0/0/": ["years/2024/page/2/", "years/2023/"],
        "regions/Perfsite-Shell/": [quote("regions/曲沃县/")],
        "departments/Perfsite-Shell-Department/0/": ["departments/a-1/2024/", "departments/a-1/2023/"]}
    assert themed_pages(pages, enabled=False).rendered == pages


def test_each_kind_has_shells_of_its_own() -> None:
    folders = list(SHELLED.values())
    assert len(set(folders)) == len(folders) and all(f.lower() != f for f in folders)
    assert shell_of("departments/a-1/2024/", "department") != shell_of("departments/a-1/2024/")


def test_a_page_is_its_shell_with_address_title_and_content_put_in() -> None:
    shell_url = "regions/Perfsite-Shell/"
    shell = (f'<head><title>{TITLE_MARK} - 站</title><link rel="canonical" href="https://x.cn/{shell_url}">'
             f'<meta name="ArticleTitle" content="{TITLE_MARK}"></head><body><a href="../../years/">年度</a>'
             f"{CONTENT_MARK}<footer>{TITLE_MARK}</footer></body>")
    out = fill_themed(shell, shell_url, "regions/曲沃县/", "曲沃县项目", "<h1>曲沃县</h1>\ud800")
    assert out == (f'<head><title>曲沃县项目 - 站</title><link rel="canonical" href="https://x.cn/{quote("regions/曲沃县/")}">'
                   '<meta name="ArticleTitle" content="曲沃县项目"></head><body><a href="../../years/">年度</a>'
                   "<h1>曲沃县</h1>&#55296;<footer>曲沃县项目</footer></body>").encode()


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, float]]:
    """The sample data (a department page among them) plus a programme whose region and
    department carry markup (their listing pages stay with MkDocs), built with shells and with
    every page rendered by MkDocs, with full-text search (a department page is indexed); the
    shelled build's timings. Both built in this process (conftest_site.build_in_process)."""
    root = tmp_path_factory.mktemp("shells")
    data = root / "data"
    shutil.copytree(DATA, data)
    (data / "2024" / "x").mkdir(parents=True)
    (data / "2024" / "x" / "hostile.yaml").write_text(HOSTILE_PROGRAMME, encoding="utf-8")
    env = {"PERFSITE_DATA": str(data), "SOURCE_DATE_EPOCH": "1700000000", "PERFSITE_SEARCH": "1",
           "PERFSITE_BUILD_CACHE": "0"}
    shelled = build_in_process(REPO, root / "shells", env)
    build_in_process(REPO, root / "mkdocs", {**env, SHELL_PAGES_ENV: "0"})
    return root / "shells", root / "mkdocs", shelled


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_the_site_is_the_same_bytes_as_mkdocs_makes(two_sites: tuple[Path, Path, dict[str, float]]) -> None:
    shells, plain, timings = two_sites
    written = int(timings["themed"])
    listings = [p for p in snapshot(plain) if re.match(r"(years|regions|departments)/.+/index\.html$", p)]
    assert 0 < written < len(listings)  # most from shells, the hostile region's and department's by MkDocs
    department = shells / "departments" / "示例县教育局" / "2023" / "index.html"  # written from its shell
    assert "data-pagefind-body" in department.read_text(encoding="utf-8")
    assert snapshot(shells) == snapshot(plain)
    assert not [p for p in snapshot(shells) if SHELL_FOLDER in p]
    assert SHELL_FOLDER not in (shells / "sitemap.xml").read_text(encoding="utf-8")


def test_compiled_templates_are_kept_per_environment_and_follow_their_source(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from jinja2 import Environment, FileSystemLoader

    from perfsite.site.buildcache import BuildCache, code_version
    from perfsite.site.render import Templates
    from perfsite.site.session import TEMPLATE_CACHE, BuildSession, compile_key

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("{{ a }}-one", encoding="utf-8")
    session = BuildSession(serve=False)
    session.cache = BuildCache(tmp_path / "cache", "v-test")

    def render(**settings: object) -> str:
        env = Environment(loader=FileSystemLoader(str(templates)), **settings)  # type: ignore[arg-type]
        env.bytecode_cache = session.template_cache(env)
        return env.get_template("page.html").render(a=1)

    assert render() == "1-one"
    kept = list((tmp_path / "cache" / TEMPLATE_CACHE).rglob("*.cache"))
    assert len(kept) == 1
    assert render() == "1-one"  # compiled code read back
    (templates / "page.html").write_text("{{ a }}-two", encoding="utf-8")
    assert render() == "1-two"  # the source changed: compiled again
    assert render(trim_blocks=True) == "1-two"
    assert len(list((tmp_path / "cache" / TEMPLATE_CACHE).iterdir())) == 2  # other settings, another folder
    env = Environment()
    assert compile_key(env, "v1") != compile_key(env, "v2")  # perfsite's code (its compiler) is in the key
    assert compile_key(Templates().env, "v1") != compile_key(env, "v1")
    session.cache = None
    monkeypatch.delenv("PERFSITE_TEMPLATE_CACHE", raising=False)
    assert session.template_cache(env) is None
    monkeypatch.setenv("PERFSITE_TEMPLATE_CACHE", str(tmp_path / "templates-only"))
    assert session.template_cache(env) is not None  # compiled templates alone, without a build cache
    assert [p.name for p in (tmp_path / "templates-only").iterdir()] == [compile_key(env, code_version())]
