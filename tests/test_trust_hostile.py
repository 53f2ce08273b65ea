"""Issue 7: hostile data builds, and in the HTML nothing from it can execute.

The tree is tests/fixtures/hostile/ (every field a payload calling window.__pwned=1 or alert),
copied to a temp dir under hostile file and folder names. The browser half of the proof is
tests/browser/test_trust_browser.py.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from conftest_site import build_or_fail, index_rows

from perfsite.markup import safe_link

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
HOSTILE_FILE = "<img src=x onerror=window.__pwned=1>.yaml"
HOSTILE_FOLDER = "<script>alert(9)<\\script>"
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
URL_ATTRS = ("href", "src", "action", "formaction", "srcset", "xlink:href", "data", "poster", "background")
BAD_SCHEME = re.compile(r"^\s*(javascript|data|vbscript)\s*:", re.I)
FORBIDDEN_TAGS = ("iframe", "object", "embed", "base", "frame", "frameset", "applet")


def hostile_copy(dest: Path) -> Path:
    """The hostile tree under `dest`, with a hostile file name and folder name."""
    shutil.copytree(HOSTILE, dest)
    programmes = dest / "2024" / "hostile"
    (programmes / "named.yaml").rename(programmes / HOSTILE_FILE)
    (dest / "2024" / HOSTILE_FOLDER).mkdir()
    (programmes / "scripted.yaml").rename(dest / "2024" / HOSTILE_FOLDER / "scripted.yaml")
    return dest


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    return build_or_fail(root / "out", hostile_copy(root / "data"))


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def parse(path: Path) -> Any:
    return lxml.html.fromstring(path.read_text(encoding="utf-8"))


def test_hostile_tree_builds_every_page_type(hostile_site: Path) -> None:
    expected = ["index.html", "projects/index.html", "projects/2024/scripted/index.html",
                "projects/2024/named-file/index.html", "years/2024/index.html", "years/index.html",
                "regions/index.html", "departments/index.html", "method/index.html", "downloads/index.html",
                "404.html"]
    for path in expected:
        assert (hostile_site / path).is_file(), path
    assert len(list((hostile_site / "regions").glob("*/index.html"))) >= 2
    assert len(list((hostile_site / "departments").glob("*/index.html"))) >= 2


def test_no_markup_from_data_can_execute(hostile_site: Path) -> None:
    """No event attribute, no script/javascript:/data: URL, no frame, no payload in a script."""
    found: list[str] = []
    for path in html_files(hostile_site):
        where = path.relative_to(hostile_site).as_posix()
        for el in parse(path).iter():
            if not isinstance(el.tag, str):
                continue
            tag = el.tag.lower()
            if tag in FORBIDDEN_TAGS:
                found.append(f"{where}: <{tag}>")
            if tag == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
                found.append(f"{where}: meta refresh")
            if tag == "script" and el.get("type") == "application/ld+json":
                # a data block (schema.org): never run; the data in it is JSON with every "<"
                # escaped, so nothing in it can end the element or open another
                if "<" in (el.text or "") or not isinstance(json.loads(el.text or "null"), dict):
                    found.append(f"{where}: markup in a JSON-LD block")
            elif tag == "script" and re.search(r"__pwned|alert", el.text or ""):
                found.append(f"{where}: payload in <script>")
            if tag == "script" and el.get("src") and not el.get("src", "").startswith(("../", "assets/", "./")) \
                    and "assets/" not in el.get("src", ""):
                found.append(f"{where}: script src {el.get('src')}")
            if tag == "style" and "display:none" in (el.text or "").replace(" ", ""):
                found.append(f"{where}: <style> from data")
            for name, value in el.attrib.items():
                if name.lower().startswith("on"):
                    found.append(f"{where}: <{tag} {name}=…>")
                if name.lower() in URL_ATTRS and BAD_SCHEME.match(value):
                    found.append(f"{where}: <{tag} {name}={value[:40]}>")
    assert not found, "\n".join(found)


def test_payloads_are_shown_as_text(hostile_site: Path) -> None:
    doc = parse(hostile_site / "projects" / "2024" / "scripted" / "index.html")
    body = doc.xpath("//*[contains(@class,'ps-programme')]")[0]
    text = body.text_content()
    assert "<script>window.__pwned=1</script>企业扶持{{ 7*7 }}" in doc.xpath("string(//h1)")
    assert "<svg onload=window.__pwned=1>" in text          # indicator name
    assert "</td></tr></table><script>alert('remark')</script>" in text  # remark
    assert '"><img src=x onerror=window.__pwned=1>局' in text  # department
    assert "<b onmouseover=\"window.__pwned=1\">粗</b>" in text  # Markdown HTML stays text
    assert "企业扶持49" not in text and "TPL" not in text.replace("{% if true %}TPL{% endif %}", "")
    raw = (hostile_site / "projects" / "2024" / "scripted" / "index.html").read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in raw and "<svg onload" not in raw and "<img src=x" not in raw


def test_template_syntax_from_data_and_settings_is_literal(hostile_site: Path) -> None:
    home = parse(hostile_site / "index.html")
    assert "公开{{ 7*7 }}{% if true %}TPL{% endif %}" in home.xpath("string(//title)")
    region_pages = [parse(p).xpath("string(//h1)") for p in (hostile_site / "regions").glob("*/index.html")]
    assert any("{{ 7*7 }}县" in h for h in region_pages), region_pages
    for path in html_files(hostile_site):
        text = path.read_text(encoding="utf-8")
        assert "公开49" not in text and "企业扶持49" not in text and "49县" not in text, path


def test_section_links_are_only_http_https_or_relative(hostile_site: Path) -> None:
    doc = parse(hostile_site / "projects" / "2024" / "scripted" / "index.html")
    hrefs = doc.xpath("//*[contains(@class,'ps-programme')]//a/@href")
    assert "https://example.gov.cn/ok" in hrefs and "../other/" in hrefs
    assert all(safe_link(h) for h in hrefs), [h for h in hrefs if not safe_link(h)]
    text = doc.text_content()
    assert "javascript 链接" in text  # the refused link stays as its words


def test_direction_overrides_in_programme_fields_are_shown(hostile_site: Path) -> None:
    doc = parse(hostile_site / "projects" / "2024" / "scripted" / "index.html")
    for node in doc.xpath("//*[contains(@class,'ps-print-only')]"):  # site.yaml values: see below
        node.drop_tree()
    body = doc.xpath("//*[contains(@class,'ps-programme')]")[0].text_content()
    assert "[U+202E]gnp.exe" in body and "[U+202E]dnaxe" in body and "[U+2066]" in body
    assert not BIDI.search(body)


def test_direction_overrides_in_site_settings_are_shown(hostile_site: Path) -> None:
    offenders = [p.relative_to(hostile_site).as_posix() for p in html_files(hostile_site)
                 if BIDI.search(parse(p).text_content())]
    assert not offenders, offenders


def test_file_names_do_not_reach_the_pages(hostile_site: Path) -> None:
    for path in html_files(hostile_site):
        text = path.read_text(encoding="utf-8")
        assert "onerror=window.__pwned=1>.yaml" not in text
        assert "alert(9)" not in text


def test_open_data_csv_cells_are_inert_in_excel(hostile_site: Path) -> None:
    import csv
    import io

    for path in sorted((hostile_site / "data").rglob("*.csv")):
        for row in csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))):
            risky = [c for c in row if c[:1] in ("=", "+", "@")]
            assert not risky, (path.name, risky)


def test_feed_and_index_data_escape_payloads(hostile_site: Path) -> None:
    import xml.etree.ElementTree as ET

    feed = ET.parse(hostile_site / "feed.xml").getroot()  # well-formed despite the payloads
    titles = [e.text or "" for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert any("<script>window.__pwned=1</script>" in t for t in titles)
    rows = index_rows(lambda path: (hostile_site / path).read_bytes())
    assert any("<script>" in row["name"] for row in rows)
    assert all(not BAD_SCHEME.match(row["path"]) and "<" not in row["path"] for row in rows)


def scan_executable(site: Path) -> list[str]:
    """The checks of test_no_markup_from_data_can_execute as a function, for other builds."""
    found = []
    for path in html_files(site):
        where = path.relative_to(site).as_posix()
        for el in parse(path).iter():
            if not isinstance(el.tag, str):
                continue
            if el.tag.lower() == "script" and re.search(r"__pwned|alert", el.text or ""):
                found.append(f"{where}: payload in <script>")
            for name, value in el.attrib.items():
                if name.lower().startswith("on") or (name.lower() in URL_ATTRS and BAD_SCHEME.match(value)):
                    found.append(f"{where}: <{el.tag} {name}={value[:40]}>")
    return found


@pytest.mark.parametrize("site_url", ['https://x.org/"><script>window.__pwned=1</script>/',
                                      "javascript:window.__pwned=1//"])
def test_hostile_site_url_is_refused_or_inert(tmp_path: Path, site_url: str) -> None:
    import xml.etree.ElementTree as ET

    from conftest_site import mkdocs_build

    data = hostile_copy(tmp_path / "data")
    settings = (data / "site.yaml").read_text(encoding="utf-8")
    quoted = site_url.replace("\\", "\\\\").replace('"', '\\"')
    (data / "site.yaml").write_text(re.sub(r"(?m)^site_url: .*$", lambda _: f'site_url: "{quoted}"', settings),
                                    encoding="utf-8")
    result = mkdocs_build(tmp_path / "out", data)
    if result.returncode != 0:
        assert "site_url" in result.stdout + result.stderr
        return
    site = tmp_path / "out"
    assert scan_executable(site) == []
    ET.parse(site / "feed.xml")
    ET.parse(site / "sitemap.xml")


def test_hostile_dates_are_refused_or_feed_stays_well_formed(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    from conftest_site import mkdocs_build

    data = hostile_copy(tmp_path / "data")
    scripted = data / "2024" / HOSTILE_FOLDER / "scripted.yaml"
    text = scripted.read_text(encoding="utf-8").replace('published: "2024-06-01"',
                                                         'published: "<link href=\'javascript:alert(1)\'/>"')
    scripted.write_text(text, encoding="utf-8")
    result = mkdocs_build(tmp_path / "out", data)
    if result.returncode != 0:
        assert "published" in result.stdout + result.stderr
        return
    feed = ET.parse(tmp_path / "out" / "feed.xml").getroot()
    assert all(not (e.get("href") or "").startswith("javascript:") for e in feed.iter())
