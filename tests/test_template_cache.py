"""$PERFSITE_TEMPLATE_CACHE: builds without a build cache keep their compiled templates there and
nothing else; what they publish is the same with or without it, and a damaged file is compiled again."""

from __future__ import annotations

from pathlib import Path

from conftest_site import build_or_fail, tree_differences


def compiled(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_builds_share_compiled_templates_and_publish_the_same_site(tmp_path: Path) -> None:
    cache = tmp_path / "jinja"
    without = build_or_fail(tmp_path / "without", PERFSITE_TEMPLATE_CACHE="")
    assert not cache.exists()
    first = build_or_fail(tmp_path / "first", PERFSITE_TEMPLATE_CACHE=str(cache))
    kept = compiled(cache)
    assert len({p.parent for p in kept}) == 2  # Material's templates and perfsite's, each by what compiling them depends on
    assert len(kept) > 40 and all(p.name.endswith(".cache") for p in kept)
    stamps = {p: p.stat().st_mtime_ns for p in kept}
    victim = next(iter(kept))
    victim.write_bytes(kept[victim][:-7] + b"garbage")  # a damaged file is compiled again, never run
    second = build_or_fail(tmp_path / "second", PERFSITE_TEMPLATE_CACHE=str(cache))
    assert compiled(cache) == kept
    assert [p for p in kept if p.stat().st_mtime_ns != stamps[p]] == [victim]  # the others were read, not written
    assert not tree_differences(first, without)
    assert not tree_differences(second, without)
