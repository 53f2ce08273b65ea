"""Originals published beside 评价报告 under attack: a file whose bytes would run as a page on our
domain (HTML or SVG named .pdf, a PDF or DOCX with markup where browsers sniff), a name that
reads other than it is (bidi overrides, zero-width and C1 control characters, line separators)
or is too long for a file system, a link out of data/, a 2 GB file, a file changed between its
check and its publication. Each is refused in Chinese at its file, line and key, or published
with the size and SHA-256 of the very bytes published.

Loader cases read the seed 农村公路养护 2022 tree (tests/test_harden_kinds.py's helpers); the
build cases build it in this process (tests/test_cache_hostile.py's `build`), about 1 s each.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest_site import REPO
from mkdocs.exceptions import Abort
from test_cache_hostile import Tree, build, differences, write_override
from test_harden_kinds import PDF, PDF_BYTES, REPORT, SELF, edit, folder, problems, seed_tree

from perfsite import reports
from perfsite.problems import Severity
from perfsite.reports import MAX_ORIGINAL_NAME
from perfsite.site import workers


def place(root: Path, name: str, make: object) -> None:
    """Write the original `name` beside the report (bytes, or a function making the file; None:
    none) and point the report at it, the name written as a YAML double-quoted string with
    escapes (how a name with a line separator or a control character can be written at all)."""
    (folder(root) / PDF).unlink()
    target = folder(root) / name
    if callable(make):
        make(target)
    elif make is not None:
        target.write_bytes(make)  # type: ignore[arg-type]
    edit(root, REPORT, f"file: {PDF}", f"file: {json.dumps(name)}")


def refusals(root: Path) -> list[tuple[int | None, str, str]]:
    """The report's errors: (line, key, message)."""
    return [(p.line, p.key, p.message) for p in problems(root, Severity.ERROR) if p.file.endswith(REPORT)]


def polyglot_docx() -> bytes:
    """A real DOCX whose first entry, stored uncompressed, is a web page: its markup lies in the first bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.html", "<html><script>alert(document.cookie)</script></html>")
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


HOSTILE = [
    ("svg named pdf", "a.pdf", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
     "不是 PDF 或 Word"),
    ("pdf polyglot", "a.pdf", b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>\n" + PDF_BYTES[9:],
     "网页标记「<html」"),
    ("pdf polyglot, svg", "a.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n< SVG onload=alert(1)>\n" + PDF_BYTES[9:], "网页标记「< SVG」"),
    ("docx polyglot", "a.docx", polyglot_docx(), "网页标记「<html」"),
    ("bidi override", "报告\u202efdp.exe.pdf", PDF_BYTES, "U+202E"),
    ("bidi isolate", "报告\u2067.pdf", PDF_BYTES, "U+2067"),
    ("zero width space", "评价\u200b报告.pdf", PDF_BYTES, "U+200B"),
    ("C1 control", "报告\x85.pdf", PDF_BYTES, "U+0085"),
    ("line separator", "报告\u2028.pdf", PDF_BYTES, "U+2028"),
    ("too long", "评" * (MAX_ORIGINAL_NAME - 3) + ".pdf", PDF_BYTES, f"上限 {MAX_ORIGINAL_NAME}"),
    ("too long for the file system", "报" * 100 + ".pdf", None, f"上限 {MAX_ORIGINAL_NAME}"),
    ("2 GB", "a.pdf", lambda p: p.open("wb").truncate(2**31), "文件过大"),
    ("a link out of data/", "a.pdf", lambda p: p.symlink_to("/etc/passwd"), "符号链接"),
]


@pytest.mark.parametrize(("name", "make", "message"), [case[1:] for case in HOSTILE], ids=[case[0] for case in HOSTILE])
def test_a_hostile_original_is_refused_at_its_line(tmp_path: Path, name: str, make: object, message: str) -> None:
    root = seed_tree(tmp_path)
    place(root, name, make)
    found = refusals(root)
    assert len(found) == 1 and found[0][:2] == (21, "original.file") and message in found[0][2], found


@pytest.mark.parametrize("name", ["评" * (MAX_ORIGINAL_NAME - 4) + ".pdf", "农村公路养护（2022年度）评价报告·终稿.pdf"])
def test_long_and_punctuated_names_within_the_limit_are_published(tmp_path: Path, name: str) -> None:
    root = seed_tree(tmp_path)
    place(root, name, PDF_BYTES)
    assert refusals(root) == []


def seed_project(root: Path) -> Tree:
    """The seed 农村公路养护 2022 tree with a project of its own (tests/test_cache_hostile.py's layout)."""
    tree = Tree(root)
    tree.project.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", tree.project / "mkdocs.yml")
    (tree.project / "hooks").symlink_to(REPO / "hooks")
    (tree.project / "overrides").mkdir()
    (tree.project / "docs").mkdir()
    (tree.project / "docs" / "notice.md").write_text("# 公告\n", encoding="utf-8")
    seed_tree(root)
    return tree


def test_the_size_and_sha256_shown_are_those_of_the_bytes_published(tmp_path: Path) -> None:
    tree = seed_project(tmp_path)
    build(tree, tmp_path / "site", None)
    published = sorted((tmp_path / "site" / "projects").rglob(PDF))
    assert len(published) == 1 and published[0].read_bytes() == (folder(tree.data) / PDF).read_bytes()
    twin = json.loads(next(published[0].parent.glob("*.json")).read_text(encoding="utf-8"))
    content = published[0].read_bytes()
    assert twin["original"]["size"] == len(content)
    assert twin["original"]["sha256"] == hashlib.sha256(content).hexdigest()
    page = (published[0].parent / "index.html").read_text(encoding="utf-8")
    assert twin["original"]["sha256"] in page


def test_an_original_changed_between_its_check_and_its_publication_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The original is rewritten (same size, one byte changed) right after the loader checked it:
    the build stops and names the file; nothing is published with the old size and SHA-256."""
    tree = seed_project(tmp_path)
    checked = reports._original

    def then_changed(*args: object) -> object:
        found = checked(*args)  # type: ignore[arg-type]
        if found is not None:
            content = bytearray(found.path.read_bytes())
            content[len(content) // 2] ^= 1
            found.path.write_bytes(bytes(content))
        return found

    monkeypatch.setattr(reports, "_original", then_changed)
    said: list[str] = []
    with pytest.raises(Abort):
        build(tree, tmp_path / "site", None, said=said)
    assert any(line.startswith("生成网站页面失败：") and f"{REPORT}: original.file: 报告原件「{PDF}」在检查之后被改动" in line
               for line in said), said[-5:]
    assert not (tmp_path / "site" / "projects").exists() or not list((tmp_path / "site" / "projects").rglob(PDF))


def test_an_original_changed_and_changed_back_while_it_was_read_is_never_published_from_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The original is rewritten (one byte) after the cache key's read of it and before the
    loader's check, then put back once the build is done: that build publishes the bytes it
    checked, and the next one, with the cache, the bytes there now, as a build without it does."""
    tree = seed_project(tmp_path)
    pdf = folder(tree.data) / PDF
    before = pdf.read_bytes()
    checked = reports._original
    changed: list[bytes] = []

    def changed_first(*args: object) -> object:
        if not changed:
            content = bytearray(before)
            content[len(content) // 2] ^= 1
            changed.append(bytes(content))
            pdf.write_bytes(changed[0])
        return checked(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(reports, "_original", changed_first)
    build(tree, tmp_path / "first", tmp_path / "cache")
    monkeypatch.setattr(reports, "_original", checked)
    assert [p.read_bytes() for p in (tmp_path / "first" / "projects").rglob(PDF)] == [changed[0]]
    pdf.write_bytes(before)
    build(tree, tmp_path / "warm", tmp_path / "cache")
    build(tree, tmp_path / "cold", None)
    published = sorted((tmp_path / "warm" / "projects").rglob(PDF))
    assert [p.read_bytes() for p in published] == [before]
    twin = json.loads(next(published[0].parent.glob("*.json")).read_text(encoding="utf-8"))
    assert (twin["original"]["size"], twin["original"]["sha256"]) == (len(before), hashlib.sha256(before).hexdigest())
    assert differences(tmp_path / "warm", tmp_path / "cold") == []


def test_an_original_changed_after_its_entry_was_read_from_the_cache_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The report's cache entry is taken (its file unchanged), its page must be made again (a
    template of the site's changed) and the original changes as the record is made again for it:
    the build stops and names the file, rather than cache a page of other bytes under its key."""
    tree = seed_project(tmp_path)
    build(tree, tmp_path / "first", tmp_path / "cache")
    write_override(tree, "evaluation.html")
    checked = reports._original

    def changed_first(*args: object) -> object:
        pdf = folder(tree.data) / PDF
        content = bytearray(pdf.read_bytes())
        content[len(content) // 2] ^= 1
        pdf.write_bytes(bytes(content))
        return checked(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(reports, "_original", changed_first)
    said: list[str] = []
    with pytest.raises(Abort):
        build(tree, tmp_path / "second", tmp_path / "cache", said=said)
    assert any(line.startswith("生成网站页面失败：") and f"{REPORT}: original.file: 报告原件「{PDF}」在读取之后被改动" in line for line in said), said[-5:]


def test_a_data_file_changed_after_its_entry_was_read_from_the_cache_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The 自评's cache entry is taken (its file unchanged), its page must be made again (a
    template of the site's changed) and the file changes (its name: the page's address and
    series stay) as its record is made again: the build stops and names the file, rather than
    publish, and cache under the old bytes' key, a page of other bytes."""
    tree = seed_project(tmp_path)
    build(tree, tmp_path / "first", tmp_path / "cache")
    write_override(tree, "programme.html")
    real = workers.load_document

    def changed_first(path: Path, *args: object) -> object:
        if path.name == SELF:
            edit(tree.data, SELF, "name: 农村公路养护", "name: 农村公路养护（改）")
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(workers, "load_document", changed_first)
    said: list[str] = []
    with pytest.raises(Abort):
        build(tree, tmp_path / "second", tmp_path / "cache", said=said)
    assert any(line.startswith("生成网站页面失败：") and f"{SELF}: 数据文件在读取之后被改动" in line for line in said), said[-5:]
