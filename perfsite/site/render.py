"""Jinja rendering with autoescape on, plus the few filters that format published figures.

Figures arrive as decimal strings from the core and are formatted as text only (grouping digits),
never through float, so the page shows exactly what the core computed.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path
from types import FunctionType
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined, select_autoescape
from jinja2.compiler import CodeGenerator
from jinja2.runtime import Context
from markupsafe import Markup, escape

from perfsite.decimals import plain
from perfsite.headline import grade_label, shown_grade, verify_badge
from perfsite.reader import WINDOWS_RESERVED
from perfsite.siteconfig import SiteConfig

DASH = "—"
_SPECIAL = re.compile("[&<>\"']")
_UNCLEAN = re.compile(r"//|/\.\.?(?:/|$)")
"""Path text posixpath.relpath would normalise (empty, "." or ".." segments)."""


def relative_url(target: str, page_url: str) -> str:
    """A link from page `page_url` to site path `target`, both relative to the site root.

    Relative links keep the site working under any base path (site_url /jxgk/) and from a file
    server, and MkDocs does not rewrite links in HTML we hand it.
    """
    is_dir = target == "" or target.endswith("/")
    rel = _relpath("/" + target, "/" + page_url.rsplit("/", 1)[0] + "/")
    if rel == ".":
        return "./"
    return rel + "/" if is_dir else rel


def linker(page_url: str) -> Callable[[str], str]:
    """relative_url() for one page, for lists of thousands of links: a clean target outside the
    page's first folder (a programme from a listing) is just "../" per folder + the target, one
    below the page's own folder (a programme page's four downloads) the rest of it."""
    folder = page_url.rsplit("/", 1)[0]
    here = [part for part in folder.split("/") if part]
    up = "../" * len(here)
    top = here[0] if here else None
    # the page's own folder when it is clean: a target below it (the page's downloads) is the rest of it
    inside = folder + "/" if here and not _UNCLEAN.search("/" + folder + "/") else None

    def link(target: str) -> str:
        if target and not _UNCLEAN.search("/" + target):
            if target.partition("/")[0] != top:
                return up + target
            if inside is not None and target.startswith(inside):
                return target[len(inside):] or "./"
        return relative_url(target, page_url)

    return link


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath of two absolute paths, without its normalising when they are clean
    (as site paths are): a programme page makes about ten links."""
    if _UNCLEAN.search(path) or _UNCLEAN.search(start):
        return posixpath.relpath(path, start)
    to = [part for part in path.split("/") if part]
    here = [part for part in start.split("/") if part]
    common = 0
    for a, b in zip(to, here, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def escape_values(row: dict[str, Any]) -> dict[str, Any]:
    """The row with its text values escaped as escape_text() does; the row itself when none has
    anything to escape (one search for the whole row, not one per cell)."""
    if not _SPECIAL.search("".join([v for v in row.values() if isinstance(v, str)])):
        return row
    return {k: escape_text(v) if isinstance(v, str) else v for k, v in row.items()}


def needs_escaping(text: str) -> bool:
    """Whether `text` has a character autoescape would replace: test a row's texts joined, once."""
    return _SPECIAL.search(text) is not None


def escape_text(value: object) -> str:
    """`value` as autoescape writes it ({{ value }}: markupsafe's entities, so bytes match), for
    HTML built in Python; plain text, the usual case, is returned as it is."""
    if type(value) is str and not _SPECIAL.search(value):
        return value
    return str(escape(value))


def group_digits(value: str | None) -> str:
    """``"215457.60"`` → ``"215,457.60"``; None → ``—``. Works on the text, never on a float."""
    if value is None or value == "":
        return DASH
    whole, dot, frac = value.partition(".")
    if whole.isascii() and whole.isdigit() and len(whole) < 19 and (whole[0] != "0" or whole == "0"):
        return f"{int(whole):,}{dot}{frac}"  # the usual figure: int's grouping is exact, 3× faster
    sign = "-" if value.startswith("-") else ""
    whole, dot, frac = value.lstrip("+-").partition(".")
    if not whole.isdigit():
        return value
    head = len(whole) % 3 or 3
    groups = [whole[:head], *(whole[i:i + 3] for i in range(head, len(whole), 3))]
    return sign + ",".join(groups) + dot + frac


def percent(value: str | None) -> str:
    """A percent figure ("97.94") as ``97.94%``; None (0/0 or not computable) as ``—``."""
    return DASH if value is None or value == "" else f"{value}%"


LEVEL_WORD = "指标"
"""The word an indicator-level name ends with (产出指标, 可持续影响指标, 服务对象满意度指标)."""

_SHORT_LEVEL = 4


def level_name(escaped: str) -> str:
    """An indicator-level name, already escaped, with a break allowed before its last 「指标」
    alone: the CSS keeps CJK words whole (word-break: keep-all), and a name too long for its
    column broke wherever it overflowed, 「服务对象满意 / 度指标」 in the 部门整体 table's 77 px
    column and 「可持续影响指 / 标」 in a 自评表's. A name without the word is unchanged, and so is one of
    four characters (「产出指标」「数量指标」): every level column holds four at least (「满意度指标」
    broke in a printed 自评表's 一级 column), and a page's thirteen level names marked cost the
    heaviest demo page 65 of its 40 KB (overflow-wrap still breaks such a name where a column is
    narrower)."""
    if len(escaped) > _SHORT_LEVEL and escaped.endswith(LEVEL_WORD):
        return escaped[:-len(LEVEL_WORD)] + "<wbr>" + LEVEL_WORD
    return escaped


def level_filter(value: str | None) -> Markup:
    """level_name() for a template ({{ name | level }}): escapes, then marks the break."""
    return Markup(level_name(str(escape(value or ""))))


def disclosed(disclosure: dict[str, Any]) -> bool:
    """Whether a document page shows 公开信息 (_disclosure.html; `disclosure` as the record publishes
    it): it gives any of 索引号, 文号, 发布机构, 时效性 or an 更正记录. Most give none, and their
    pages test this before including the section rather than inside it (an include copies the
    page's context: about 5 µs a programme page)."""
    return bool(disclosure["index_no"] or disclosure["doc_no"] or disclosure["issuer"] or disclosure["validity"]
                or disclosure["corrections"])


TEMPLATE_FOLDER = "perfsite"
"""Inside a site's custom_dir: templates here replace perfsite's own of the same name."""


def output_text(value: object) -> str | Markup:
    """What ``{{ value }}`` writes under autoescape: markupsafe's escape, but plain text (most of
    a page's values: names, figures, years) is written as it is, without escape() making a Markup
    of it (two Python calls a value, a tenth of a programme page's render). The text is the same:
    escaping a text with none of & < > " ' changes nothing, and the page's output is joined as text."""
    kind = type(value)
    if kind is str:
        return value if not _SPECIAL.search(value) else escape(value)  # type: ignore[arg-type]
    if kind is int:
        return str(value)
    return escape(value)


class _Generator(CodeGenerator):
    """Jinja's code generator, writing ``{{ … }}`` under autoescape as output_text(…) (reached as
    `environment.output_text`, the compiled template's one global besides Jinja's runtime)."""

    def _output_child_pre(self, node: Any, frame: Any, finalize: Any) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile and finalize.src is None:
            self.write("environment.output_text(")
        else:
            super()._output_child_pre(node, frame, finalize)


class _Context(Context):
    """Jinja's context, calling a plain function (url(), grade_class(), bar()) at once: Jinja's
    call() first asks the function and its __call__ whether they want the context passed (a
    programme page makes about a dozen calls, some 1.5 µs each). A plain function can only ask
    through its own attribute, so the answer is the same; anything else is Jinja's call()."""

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if type(__obj) is not FunctionType or hasattr(__obj, "jinja_pass_arg"):
            return super().call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined("value was undefined because a callable raised a StopIteration exception")


class _Environment(Environment):
    """Jinja's environment with output_text() and, with auto_reload off, its templates kept by
    name: Jinja's own cache makes a weak reference and takes a lock for every lookup, and a
    programme page looks up four templates (itself and what it includes), about 3 µs each."""

    code_generator_class = _Generator
    context_class = _Context
    output_text = staticmethod(output_text)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.loaded: dict[str, Any] = {}

    def _load_template(self, name: str, globals: Any) -> Any:
        if globals or self.auto_reload:
            return super()._load_template(name, globals)
        template = self.loaded.get(name)
        if template is None:
            template = self.loaded[name] = super()._load_template(name, globals)
        return template


class Templates:
    """perfsite's Jinja templates, a site's own (`custom_dir/perfsite/`) before them: one per
    build (the session's for the pages it renders, each worker's for programme pages), so a
    site's overrides never reach another build. Each template is compiled once per object."""

    def __init__(self, overrides: Path | None = None) -> None:
        self.overrides = overrides
        package = PackageLoader("perfsite", "templates")
        self.env = _Environment(
            loader=package if overrides is None else ChoiceLoader([FileSystemLoader(str(overrides)), package]),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            auto_reload=False,  # a Templates is made per build: no need to stat its files (7 a programme page)
        )
        self.env.filters["num"] = group_digits
        self.env.filters["pct"] = percent
        self.env.filters["plain"] = plain
        self.env.filters["level"] = level_filter
        self.env.tests["disclosed"] = disclosed
        self.env.globals.update(shown_grade=shown_grade, grade_label=grade_label, verify_badge=verify_badge)  # one rule for every headline

    @classmethod
    def of_site(cls, custom_dir: str | None) -> Templates:
        """The templates of a site whose theme's custom_dir is `custom_dir` (None: perfsite's alone)."""
        return cls(Path(custom_dir) / TEMPLATE_FOLDER if custom_dir else None)

    def print_head(self, site: SiteConfig) -> str:
        """The printed page's site-title line (_macros.html print_head), for a page no template of
        ours renders: a documentation page printed without it began with its own title alone."""
        return str(self.env.get_template("_macros.html").module.print_head(site, ""))

    def render(self, template: str, page_url: str, **context: Any) -> str:
        """Render `template` for the page at `page_url`; `url()` in templates makes relative links
        (linker's: most of a page's links leave its first folder, and are then one join)."""
        return self.env.get_template(template).render(url=linker(page_url), page_url=page_url, **context)


@cache
def standard() -> Templates:
    """perfsite's own templates alone, compiled once per process: for what is rendered outside a
    site build (tests, `perfsite score`), where no site can have overrides."""
    return Templates()


# -- small helpers the page builders share ------------------------------------------------------
def slug(name: str) -> str:
    """A URL segment for a region or department: the name itself when it is safe, else + hash.

    Letters of any script and digits stay readable (/regions/曲沃县/); anything else (slashes,
    dots, spaces, upper case that could collide on case-insensitive disks) gets a stable suffix.
    """
    clean = re.sub(r"[^\w]+|_", "-", name.lower()).strip("-")[:40]
    if clean == name and clean and clean not in WINDOWS_RESERVED:  # a folder named nul cannot be copied to Windows
        return clean
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return f"{clean}-{digest}" if clean else digest


def grade_band(info: SiteConfig) -> Callable[[str | None], str | None]:
    """A grade word → its band's label (优秀 → 优, 优 → 优) through site.yaml's aliases; a word
    that is no grade, and None, give None. Lists count and filter by band, not by the word a
    bureau happened to print."""

    def band(grade: str | None) -> str | None:
        return info.canonical_grade(grade or "")

    return band


def grade_classifier(info: SiteConfig) -> Callable[[str | None], str]:
    """CSS class per grade by rank (g1 best), so renamed bands keep their colours; a published
    word (优秀) takes its band's colour through the aliases."""
    ranks = {band.label: f"g{i}" for i, band in enumerate(info.grades, start=1)}
    ranks.update({alias: ranks[label] for label, aliases in info.grade_aliases.items() if label in ranks
                  for alias in aliases})

    def grade_class(grade: str | None) -> str:
        return ranks.get(grade or "", "none")

    return grade_class


def bar(value: Decimal | int, top: Decimal | int, width: float, offset: float = 0) -> str:
    """Bar length (plus an offset) for a chart: drawing only, so float is fine here."""
    return f"{offset + ((float(value) / float(top) * width) if top else 0):.1f}"
