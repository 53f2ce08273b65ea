"""The docs pages MkDocs converts from Markdown are kept in the build cache (perfsite_mkdocs.conventions.Converted):
a rebuild converts none of them again and publishes the bytes a build without the cache does; a page whose text
changes is converted again; a conversion that warned is never kept (`--strict` stops every such build)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest_site import REPO, tree_differences

from perfsite.site.buildcache import BuildCache
from perfsite.site.memo import Memo
from perfsite_mkdocs.conventions import Converted, _stable

COUNTING = """
import json, sys
import markdown
texts = []
convert = markdown.Markdown.convert
def counted(self, text):
    if text.strip():
        texts.append(text.splitlines()[0])
    return convert(self, text)
markdown.Markdown.convert = counted
from mkdocs.__main__ import cli
try:
    cli(["build", "--strict", "-f", sys.argv[1], "-d", sys.argv[2]])
except SystemExit as done:
    code = done.code or 0
else:
    code = 0
print(json.dumps(texts))
sys.exit(code)
"""
"""An in-process `mkdocs build --strict` that prints the first line of every text Markdown converted."""


def project(root: Path, pages: dict[str, str], extensions: str = "") -> Path:
    """A project beside this repository's hooks and overrides with its own docs/ (`pages`)."""
    root.mkdir()
    for name in ("hooks", "overrides"):
        (root / name).symlink_to(REPO / name)
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text + extensions, encoding="utf-8")
    for name, body in pages.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return root


def build(root: Path, out: Path, data: Path, cache: str) -> tuple[int, list[str], str]:
    """Build `root` into `out` with the build cache at `cache` ("0": none): exit status, the texts converted, stderr."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PERFSITE_DATA": str(data), "PERFSITE_BUILD_CACHE": cache,
           "SOURCE_DATE_EPOCH": "1700000000"}
    done = subprocess.run([sys.executable, "-c", COUNTING, str(root / "mkdocs.yml"), str(out)], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    lines = done.stdout.strip().splitlines()
    return done.returncode, json.loads(lines[-1]) if lines else [], done.stderr


PAGES = {
    "guide.md": "# 使用说明\n\n见 [数据格式](format.md#fields)。\n\n```python\nprint('x')\n```\n\n!!! note\n    提示\n",
    "format.md": "# 数据格式\n\n## 字段 {#fields}\n\n| 键 | 含义 |\n| --- | --- |\n| name | 名称 |\n",
}


def test_a_rebuild_converts_no_docs_page_and_publishes_the_same_bytes(tmp_path: Path, core_data_tree: Path) -> None:
    data = core_data_tree
    root = project(tmp_path / "project", PAGES)
    cache = str(tmp_path / "cache")
    code, first, err = build(root, tmp_path / "first", data, cache)
    assert code == 0, err
    assert sorted(first) == ["# 使用说明", "# 数据格式"]  # the pages' own conversions (`print` is highlighted, not converted)
    code, again, err = build(root, tmp_path / "again", data, cache)
    assert code == 0, err
    assert again == []
    code, _, err = build(root, tmp_path / "plain", data, "0")
    assert code == 0, err
    assert tree_differences(tmp_path / "again", tmp_path / "plain") == []
    assert tree_differences(tmp_path / "first", tmp_path / "plain") == []

    (root / "docs" / "guide.md").write_text(PAGES["guide.md"].replace("使用说明", "填报说明"), encoding="utf-8")
    code, changed, err = build(root, tmp_path / "changed", data, cache)
    assert code == 0, err
    assert changed == ["# 填报说明"]
    assert "填报说明" in (tmp_path / "changed" / "guide" / "index.html").read_text(encoding="utf-8")


def test_a_page_whose_conversion_warned_is_converted_again_and_strict_stops_each_build(
        tmp_path: Path, core_data_tree: Path) -> None:
    data = core_data_tree
    root = project(tmp_path / "project", {"guide.md": "# 使用说明\n\n见 [缺失的页](missing.md)。\n"})
    cache = str(tmp_path / "cache")
    for out in ("first", "again"):
        code, converted, err = build(root, tmp_path / out, data, cache)
        assert code != 0
        assert "missing.md" in err
        assert converted == ["# 使用说明"]


def test_a_new_docs_file_converts_the_pages_again(tmp_path: Path, core_data_tree: Path) -> None:
    """A page's links are resolved against the site's files: another file may change them."""
    data = core_data_tree
    root = project(tmp_path / "project", PAGES)
    cache = str(tmp_path / "cache")
    assert build(root, tmp_path / "first", data, cache)[0] == 0
    (root / "docs" / "extra.md").write_text("# 附录\n", encoding="utf-8")
    code, converted, err = build(root, tmp_path / "again", data, cache)
    assert code == 0, err
    assert sorted(converted) == ["# 使用说明", "# 数据格式", "# 附录"]


class Config(dict[str, object]):
    pass


def settings(extensions: list[object], configs: dict[str, object] | None = None) -> Config:
    return Config(markdown_extensions=extensions, mdx_configs=configs or {}, validation={"links": {}},
                  use_directory_urls=True)


@pytest.mark.parametrize("extensions", [
    ["toc", "pymdownx.snippets"],  # reads other files
    ["toc", "some.plugin.include"],  # not known to be pure
    ["toc", object()],  # an extension object: what it does is not known
])
def test_an_extension_that_may_read_other_files_turns_the_cache_off(tmp_path: Path, extensions: list[object]) -> None:
    memo = Memo(BuildCache(tmp_path, "v"), "prose", set())
    assert Converted.of(memo, settings(["toc", "markdown.extensions.tables"])) is not None
    assert Converted.of(memo, settings(extensions)) is None
    assert Converted.of(None, settings(["toc"])) is None


def test_settings_are_named_the_same_in_every_process(tmp_path: Path) -> None:
    """A setting that is a function is named by its module and name, not by its address."""
    memo = Memo(BuildCache(tmp_path, "v"), "prose", set())
    named = Converted.of(memo, settings(["pymdownx.emoji"], {"pymdownx.emoji": {"emoji_index": project}}))
    assert named is not None and "test_prose_cache.project" in named.settings
    assert _stable({"b": [1, 2], "a": project}) == _stable({"a": project, "b": [1, 2]})
    assert Converted.of(memo, settings(["toc"], {"toc": {"slugify": object()}})) is None
