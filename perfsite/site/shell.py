"""Programme pages written from the one programme page MkDocs renders (the *shell*).

Programme pages all sit at the same depth (projects/<year>/<id>/), so the theme around their
content is the same but for title and URL: MkDocs renders one shell page whose title and content
are marks, and each programme page is that page with its URL, title and content put in.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

from perfsite.kinds import KINDS, DocumentKind
from perfsite.pagedata import page_data, page_twin
from perfsite.record import Record
from perfsite.safefile import write_new
from perfsite.site.department_page import DepartmentLinks, department_page_of
from perfsite.site.model import ProgrammeInput, SitePage
from perfsite.site.programme_page import programme_context
from perfsite.site.programme_page import programme_files as page_files
from perfsite.site.render import Templates, bar, grade_classifier, standard
from perfsite.site.report_page import document_links
from perfsite.site.targets_page import target_comparison
from perfsite.site.years_page import SERIES_FOLDER, series_page, years_rows
from perfsite.siteconfig import SiteConfig
from perfsite.targets import TargetTable
from perfsite.targets_compare import IndicatorChange

SHELL_URL = "projects/0/perfsite-shell/"
"""The one programme-depth page MkDocs renders; its output is the template for all others."""
TITLE_MARK = "PERFSITE-SHELL-TITLE-7f3a"
CONTENT_MARK = "<h1>PERFSITE-SHELL-CONTENT-7f3a</h1>"
"""Has an h1, as every programme page does, so Material adds none of its own."""
DESCRIPTION_MARK = "PERFSITE-SHELL-DESC-7f3a"
KEYWORDS_MARK = "PERFSITE-SHELL-KEYWORDS-7f3a"
PUBDATE_TAG = '<meta name="PubDate" content="PERFSITE-SHELL-PUBDATE-7f3a">'
"""The head's per-page values (overrides/main.html); a page without `published` has no PubDate."""

P = dict[str, Any]


def page_title(data: P) -> str:
    return f"{data['name']}（{data['year']}年度）"


Head = tuple[str, str, str]
"""(description, keywords, PubDate tag) of a programme page's head, escaped for attributes."""


class Subpage(NamedTuple):
    """A page below a programme page, made with it and written into the same shell: among the
    page's files (its key the page's index.html path), so it is cached, linked and rebuilt with
    the page it belongs to."""

    title: str
    body: str
    head: Head


Rendered = tuple[str, str, str, dict[str, bytes | Subpage], P, Head]
"""(url, title, content HTML, downloads and pages below it, page data, head values) of a programme page."""


def render_programme(rec: Record, info: SiteConfig, others: list[P], targets: TargetTable | None = None,
                     changes: list[IndicatorChange] | None = None,
                     documents: frozenset[str] = frozenset(),
                     departments: DepartmentLinks | None = None, templates: Templates | None = None,
                     cycle: P | None = None, compared: P | None = None,
                     gaps: Mapping[int, str] | None = None) -> Rendered:
    """(url, title, content HTML, downloads, page data, head values) of one programme page,
    exactly as pages.Builder renders it.

    `others` is the programme's series as year_entry() gives it (itself included, dropped here);
    `targets`, the same programme-year's 绩效目标表, adds the comparison with it to the page
    (`changes`: that comparison, when already made).
    `documents` (every document page's address) gives the links to its other documents;
    `departments`, the department pages, the link to its department-year's; `cycle`, its
    programme-year's 评价报告 and 整改 (programme_page.cycle_facts). The newest year of
    a series also makes the series' 各年度指标对照 page (a Subpage among its files). `compared`:
    this 自评 beside its programme-year's 评价报告 (report_compare.compare), page and twin.
    `gaps`: the 绩效目标表s of its series' years without a 自评 (programme_page.gap_tables).
    """
    url = rec.url
    comparison = target_comparison(rec, targets, changes) if targets is not None else None
    if targets is not None and targets.renamed:  # the years comparison follows a rename its 目标表 states
        rec = replace(rec, renamed=(*rec.renamed, *targets.renamed))
    others = [o for o in others if o["url"] != url]
    published = page_twin(rec, others, comparison)  # made once: the page's data and its JSON
    if compared is not None:  # a key of its own only where there is a report: the twin of pagedata.twin otherwise
        published["report_compared"] = compared
    data = page_data(rec, others, comparison, published)
    context = programme_context(data, info, department_page_of(departments or {}, rec.year, rec.department), cycle,
                                gaps if others else None)
    context["documents"] = document_links(url, documents, DocumentKind.SELF_EVALUATION)
    templates = templates or standard()
    body = templates.render("programme.html", url, site=info, grade_class=grade_classifier(info), bar=bar,
                            **context)
    item = ProgrammeInput(data=data, yaml_path=rec.yaml_path, csv_path=rec.csv_path, record=rec)
    files: dict[str, bytes | Subpage] = dict(page_files(item, published))
    compared = data.get("years_compared")
    if compared and series_page(compared) == url + SERIES_FOLDER:
        files[url + SERIES_FOLDER + "index.html"] = _series_page(data, compared, info, templates)
    return url, page_title(data), body, files, data, head_values(data, context["summary"])


def _series_page(data: P, compared: P, info: SiteConfig, templates: Templates) -> Subpage:
    first, last = compared["years"][0]["year"], compared["years"][-1]["year"]
    title = f"{data['name']}：各年度指标对照（{first}—{last}年度）"
    body = templates.render("years.html", data["url"] + SERIES_FOLDER, site=info, programme=data, compared=compared,
                            years_rows=years_rows(compared))
    description = html.escape(f"{title}。各年度绩效指标的目标值与实际值，按指标名称对应，标出目标调低和改动。")
    keywords = html.escape(",".join(w for w in (data["name"], data.get("department"), "各年度指标对照", "预算绩效") if w))
    return Subpage(title, body, (description, keywords, ""))


def head_values(data: P, summary: str) -> Head:
    """The head's per-page values from the page data and its summary sentence (made once, for the page)."""
    description = f"{data['name']}（{data['year']}年度）绩效评价结果。{summary}"
    words = [data["name"], f"{data['year']}年度", data.get("department"), data.get("region"), "预算绩效", "绩效评价"]
    keywords = ",".join(w for w in words if w)
    published = data.get("published")
    pubdate = f'<meta name="PubDate" content="{html.escape(published)}">' if published else ""
    return html.escape(description), html.escape(keywords), pubdate


def fill_shell(shell: str, url: str, title: str, body: str, head_marks: Head = ("", "", "")) -> str:
    """The shell page (compacted) with this programme's URL, (escaped) title, head values and
    content; the head values are marks in <head> only, so only that part is searched for them."""
    return page_bytes(shell, url, title, body, head_marks).decode("utf-8")


_HEAD_MARKS = re.compile("|".join(re.escape(m) for m in (SHELL_URL, TITLE_MARK, DESCRIPTION_MARK, KEYWORDS_MARK,
                                                         PUBDATE_TAG)))
_TAIL_MARKS = re.compile("|".join(re.escape(m) for m in (SHELL_URL, TITLE_MARK)))
Slots = tuple[bytes | str, ...]


_KEPT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.IGNORECASE | re.DOTALL)
_LINE_BREAKS = re.compile(r"[ \t\r\f]*\n\s*")


def compact(html_text: str) -> str:
    """The page's text with every run of white space that holds a line break made one line break.

    Material's templates indent every line and leave the blank lines of their logic: a fifth of
    the shell, repeated on every programme page. A browser shows any run of white space outside
    <pre> and <textarea> as one space, and a line break is such a space, so the page looks the
    same; <pre>, <textarea>, <script> and <style> are kept as written."""
    parts = _KEPT.split(html_text)
    out = []
    for i, part in enumerate(parts):
        if i % 3 == 0:
            out.append(_LINE_BREAKS.sub("\n", part))
        elif i % 3 == 1:
            out.append(part)
    return "".join(out)


_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)
_WIDE_ESCAPE = re.compile(r"\\\\|\\u([0-9a-fA-F]{4})")
"""A JSON string's escaped backslash (kept, so the ``u`` after it is never read as an escape) or a \\u escape."""


def _readable_config(html_text: str) -> str:
    """Material's page config with its Chinese texts as characters, not ``\\uXXXX`` escapes (the
    same JSON, half the bytes). Escapes of ASCII (``\\u003c`` for ``<``) stay: they keep a
    ``</script>`` in a value from ending the element."""
    def chars(found: re.Match[str]) -> str:
        if found.group(1) is None:
            return found.group(0)
        code = int(found.group(1), 16)
        return chr(code) if code >= 0x80 and not 0xD800 <= code <= 0xDFFF else found.group(0)

    return _CONFIG.sub(lambda m: m.group(1) + _WIDE_ESCAPE.sub(chars, m.group(2)) + m.group(3), html_text, count=1)


@lru_cache(maxsize=4)
def _shell_slots(shell: str) -> Slots:
    """The shell cut at its marks, made once per shell: its text between marks as UTF-8 bytes
    (compacted), each mark as itself (a str), the content mark as "" (a page is tens of KB:
    replacing five marks in it and encoding it whole cost more than writing it)."""
    head, _, tail = compact(_readable_config(shell)).partition(CONTENT_MARK)
    slots: list[bytes | str] = []
    for part, marks in ((head, _HEAD_MARKS), (tail, _TAIL_MARKS)):
        at = 0
        for found in marks.finditer(part):
            slots += [part[at:found.start()].encode("utf-8"), found.group()]
            at = found.end()
        slots.append(part[at:].encode("utf-8"))
        if part is head:
            slots.append("")
    return tuple(slots)


def page_bytes(shell: str, url: str, title: str, body: str, head_marks: Head = ("", "", "")) -> bytes:
    """fill_shell's page as UTF-8: the shell's text compacted and encoded once per shell, only
    this page's values and content encoded here."""
    description, keywords, pubdate = head_marks
    values = {SHELL_URL: url, TITLE_MARK: html.escape(title), DESCRIPTION_MARK: description,
              KEYWORDS_MARK: keywords, PUBDATE_TAG: pubdate, "": body}
    return b"".join([slot if type(slot) is bytes else values[slot].encode("utf-8")  # type: ignore[index]
                     for slot in _shell_slots(shell)])


def write_file(path: str, content: bytes) -> int:
    """Write a new file with plain system calls (pathlib's checks cost as much as the write,
    four files a programme). A file already there is replaced, never written into: it may be a
    hard link of a build cache entry (perfsite.site.buildcache)."""
    try:
        write_new(path, content)
    except FileExistsError:
        os.unlink(path)
        write_new(path, content)
    return len(content)


def pages_below(url: str, pages: frozenset[str] | set[str]) -> frozenset[str]:
    """The folders of a page's folder that are pages of their own (a programme's 绩效目标表 and
    other documents, KindInfo.slug) among `pages`."""
    return frozenset(info.slug for info in KINDS.values() if info.slug and f"{url}{info.slug}/" in pages)


def clear_page(folder: str, keep: frozenset[str] = frozenset()) -> None:
    """Empty a page's folder of a kept site tree before the page is written again: its files and
    folders go, but for the folders named in `keep` (the pages below it, written on their own);
    a folder not there is left so."""
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in entries:
        if entry.name not in keep or not entry.is_dir(follow_symlinks=False):
            remove_entry(entry)


def remove_entry(entry: os.DirEntry[str]) -> None:
    """Remove a file, or a folder with all in it."""
    if entry.is_dir(follow_symlinks=False):
        shutil.rmtree(entry.path)
    else:
        os.unlink(entry.path)


_UP = re.compile(r"""((?:href|src)="|"base": ")(?=\.\./)""")


@lru_cache(maxsize=2)
def deeper_shell(shell: str) -> str:
    """The shell for a page one folder below a programme's (/projects/<year>/<id>/targets/): its
    relative links (``../../../assets/…``, the 项目查询 tab's ``../../``, Material's config
    ``"base": "../../.."``) go up one folder more. Made once per shell; the content is rendered
    for its own address."""
    return _UP.sub(r"\1../", shell)


def write_filled(out: Path, shell: str, url: str, title: str, body: str, head_marks: Head) -> bytes:
    """Write a page's index.html under `out`: the shell (one folder deeper for a document page
    below its programme's) with the page put in; the bytes written."""
    if url.count("/") > SHELL_URL.count("/"):
        shell = deeper_shell(shell)
    folder = f"{out}/{url}"
    try:  # the downloads sit beside the page; its year's folder is there but for the first
        os.mkdir(folder)
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
    except FileExistsError:
        pass
    content = page_bytes(shell, url, title, body, head_marks)
    write_file(f"{folder}index.html", content)
    return content


SHELL_FOLDER = "Perfsite-Shell"
"""The folder of the shells listing pages are written from: upper case, so no listing's slug
(render.slug: lower case) or year is ever the same."""
SHELL_PAGES_ENV = "PERFSITE_SHELL_PAGES"
"""`0` has MkDocs render every listing and department page itself (a check, or a site
whose theme shows something a shell cannot: see `themed`)."""
_PLAIN_TITLE = re.compile(r"[^&<>\"'\s]+(?: [^&<>\"'\s]+)*")


SHELLED = {"listing": SHELL_FOLDER, "department": f"{SHELL_FOLDER}-Department"}
"""The kinds of page written from shells, each kind from shells of its own (its layout, and for a
department page the full-text search mark around the content, come from the kind): the folder
each kind's shells are in. A department page (about 80 at 10,000 programmes with the whole
disclosure cycle) took MkDocs about 2.9 ms in the main process (thread CPU, 2,000 programmes)."""


def shell_of(url: str, kind: str = "listing") -> str:
    """The shell a page of `kind` at `url` is written from: in the same first folder and as deep.

    The theme's links (the navigation tabs, assets, the feed) lead to the site's first-level
    folders, and MkDocs writes each relative to the page (from years/2024/ to years/ is ``../``,
    from regions/x/ ``../../years/``): such a link depends only on the page's first folder and
    depth, so every listing page of one first folder and depth has the same theme around it but
    for its title and address: years/2024/ and years/2023/ are written from years/Perfsite-Shell/,
    years/2024/page/2/ from years/Perfsite-Shell/0/0/."""
    first, *rest = url.rstrip("/").split("/")
    return "/".join([first, SHELLED[kind], *["0"] * (len(rest) - 1)]) + "/"


def themed(url: str, title: str, body: str) -> bool:
    """Whether a listing page can be written from its shell and come out as MkDocs makes it.

    Material prints the title escaped in some places and through `striptags` (which unescapes
    and joins white space) in others; a title without ``& < > " '`` and with single spaces only
    is the same text in all of them, as the shell's title mark is. Material adds an <h1> of
    its own to a page whose content has none (the shell's content mark has one). A page at the
    first level (an overview, in the navigation) stays with MkDocs: the tabs mark it active."""
    return url.count("/") >= 2 and "<h1" in body and _PLAIN_TITLE.fullmatch(title) is not None


def fill_themed(shell: str, shell_url: str, url: str, title: str, body: str) -> bytes:
    """A listing page as MkDocs writes it (UTF-8, characters UTF-8 cannot hold as references),
    from its shell as MkDocs rendered it: the shell's address (MkDocs quotes a page's address in
    its canonical link), its title mark (a `themed` title, the same escaped or not) and its
    content put in."""
    head, _, tail = shell.partition(CONTENT_MARK)
    address = quote(url)
    text = "".join((head.replace(shell_url, address).replace(TITLE_MARK, title), body,
                    tail.replace(shell_url, address).replace(TITLE_MARK, title)))
    return text.encode("utf-8", errors="xmlcharrefreplace")


def write_themed(site_dir: Path, url: str, content: bytes) -> None:
    """Write a listing page where MkDocs would (site_dir/url/index.html)."""
    folder = site_dir / url
    folder.mkdir(parents=True, exist_ok=True)
    write_file(str(folder / "index.html"), content)


@dataclass
class ThemedPages:
    """A build's listing and department pages written from shells (shell_of) instead of rendered
    by MkDocs: MkDocs put each of some 250 listing pages (10,000 programmes) through Markdown and
    the whole Material theme, about 8 ms a page, where a page filled into its shell takes
    microseconds.

    `rendered`: the pages MkDocs renders, in page order, each group's shell where its first page
    was; `groups`: shell address → the pages written from it, in page order; `sitemap`: the
    address of a page MkDocs renders → the addresses sitemap.xml lists in its entry's place (the
    pages written after it, in page order; a shell's own entry goes), MkDocs' quoted addresses."""

    rendered: list[SitePage]
    groups: dict[str, list[SitePage]] = field(default_factory=dict)
    sitemap: dict[str, list[str]] = field(default_factory=dict)

    def shell(self, url: str) -> list[SitePage] | None:
        """The pages written from the shell at `url` (None: not a listing shell)."""
        return self.groups.get(url)


def themed_pages(pages: list[SitePage], enabled: bool = True) -> ThemedPages:
    """Split a build's pages (in page order) into those MkDocs renders and the listing and
    department pages written from shells (all rendered by MkDocs when not `enabled`)."""
    found = ThemedPages([])
    for page in pages:
        if not (enabled and page.kind in SHELLED and not page.in_nav and themed(page.url, page.title, page.html)):
            found.rendered.append(page)
            continue
        url = shell_of(page.url, page.kind)
        if url not in found.groups:
            found.groups[url] = []
            found.rendered.append(SitePage(url=url, title=TITLE_MARK, html=CONTENT_MARK, kind=page.kind))
            found.sitemap[url] = []
        anchor = quote(found.rendered[-1].url)
        found.sitemap.setdefault(anchor, [anchor]).append(quote(page.url))
        found.groups[url].append(page)
    return found
