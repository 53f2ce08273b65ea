"""Issue 7: YAML and id hazards stop the site build with a message naming the file and the fault.

The core's unit tests (test_yamlload.py, test_dataset.py) check the loader; here every hazard goes
through the same path as publishing (`perfsite.site.build_site`, which the MkDocs hook calls) and
all of them must be reported together, each with its file.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from conftest_site import mkdocs_build
from core_helpers import core_minimal_programme

from perfsite.problems import PerfsiteError
from perfsite.site import build_site

GOOD = yaml.safe_dump(core_minimal_programme(), allow_unicode=True, sort_keys=False)

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(8))


def programme(**overrides: object) -> str:
    return yaml.safe_dump(core_minimal_programme(**overrides), allow_unicode=True, sort_keys=False)


HAZARDS: dict[str, tuple[bytes, tuple[str, ...]]] = {
    # file (under the data root) → (bytes, words the message must contain)
    "2021/a/duplicate.yaml": (GOOD.replace("department: 测试局\n", "department: 测试局\ndepartment: 另一局\n",
                                           ).replace("name: 测试项目", "name: 重复键项目", 1).encode(),
                              ("department", "重复")),
    "2021/a/bomb.yaml": (ALIAS_BOMB.encode(), ("别名炸弹",)),
    "2021/a/huge.yaml": (("name: 大文件\n" + "# " + "x" * 1_100_000 + "\n").encode(), ("文件过大",)),
    "2021/a/gbk.yaml": (programme(name="编码项目").encode("gbk"), ("UTF-8",)),
    "2021/a/dotdot.yaml": (programme(name="上级目录", id="../evil").encode(), ("id", "../evil")),
    "2021/a/absolute.yaml": (programme(name="绝对路径", id="/etc/passwd").encode(), ("id", "/etc/passwd")),
    "2021/a/unsafe.yaml": (programme(name="不安全字符", id="a b?c#d").encode(), ("id", "a b?c#d")),
    "2021/a/backslash.yaml": (programme(name="反斜杠", id="..\\..\\x").encode(), ("id",)),
    "2021/a/series.yaml": (programme(name="系列", series="../../etc").encode(), ("series",)),
    "2021/a/Upper Case.yaml": (programme(name="文件名").encode(), ("文件名", "id")),
    "2021/b/twin.yaml": (programme(name="同名一", id="same-id").encode(), ()),
    "2021/c/twin.yaml": (programme(name="同名二", id="same-id").encode(), ("same-id", "重复")),
    "2021/d/case.yaml": (programme(name="大小写", id="Case-Id").encode(), ("id",)),
}


@pytest.fixture(scope="module")
def hazard_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hazards") / "data"
    (root / "2021" / "ok").mkdir(parents=True)
    (root / "site.yaml").write_text("title: 测试\n", encoding="utf-8")
    (root / "2021" / "ok" / "fine.yaml").write_text(GOOD, encoding="utf-8")
    for name, (content, _) in HAZARDS.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return root


@pytest.fixture(scope="module")
def error_lines(hazard_tree: Path) -> list[str]:
    with pytest.raises(PerfsiteError) as info:
        build_site(hazard_tree)
    return info.value.lines


@pytest.mark.parametrize("name", [n for n, (_, words) in HAZARDS.items() if words])
def test_each_hazard_is_an_error_naming_file_and_fault(error_lines: list[str], name: str) -> None:
    words = HAZARDS[name][1]
    mine = [line for line in error_lines if name in line]
    assert mine, f"no error names {name}:\n" + "\n".join(error_lines)
    assert any(all(w in line for w in words) for line in mine), (words, mine)


def test_the_good_file_is_not_blamed(error_lines: list[str]) -> None:
    assert not [line for line in error_lines if "fine.yaml" in line]


def test_alias_bomb_and_huge_file_are_refused_quickly(tmp_path: Path) -> None:
    from perfsite.yamlload import load_yaml_file

    for name in ("2021/a/bomb.yaml", "2021/a/huge.yaml"):
        path = tmp_path / Path(name).name
        path.write_bytes(HAZARDS[name][0])
        start = time.perf_counter()
        loaded = load_yaml_file(path, path.name)
        assert time.perf_counter() - start < 2.0, name
        assert loaded.data is None and loaded.problems


def test_duplicate_key_in_site_settings_is_an_error(tmp_path: Path) -> None:
    root = tmp_path / "data"
    (root / "2021" / "a").mkdir(parents=True)
    (root / "2021" / "a" / "fine.yaml").write_text(GOOD, encoding="utf-8")
    (root / "site.yaml").write_text("title: 一\ntitle: 二\n", encoding="utf-8")
    with pytest.raises(PerfsiteError) as info:
        build_site(root)
    assert any("site.yaml" in line and "title" in line for line in info.value.lines), info.value.lines


def test_mkdocs_build_fails_listing_every_hazard(hazard_tree: Path, tmp_path: Path) -> None:
    result = mkdocs_build(tmp_path / "out", hazard_tree)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    for name, (_, words) in HAZARDS.items():
        if words:
            assert name in output, name
    assert not (tmp_path / "out" / "index.html").exists()


def test_listing_urls_never_collide_ignoring_case(tmp_path: Path) -> None:
    """Departments/regions differing only in case get listing URLs distinct on any file system."""
    root = tmp_path / "data"
    (root / "2021" / "a").mkdir(parents=True)
    for i, (dept, region) in enumerate((("ABC局", "Xian"), ("abc局", "xian"), ("Abc局", "XIAN"))):
        (root / "2021" / "a" / f"p{i}.yaml").write_text(
            programme(name=f"项目{i}", department=dept, region=region), encoding="utf-8")
    build = build_site(root)
    urls = [p.url for p in build.pages] + list(build.files)
    folded = [u.casefold() for u in urls]
    assert len(set(folded)) == len(folded), sorted(u for u in urls if folded.count(u.casefold()) > 1)
    assert sum(1 for p in build.pages if p.url.startswith("departments/") and p.url != "departments/") == 3


def test_symlink_out_of_the_data_tree_is_an_error(tmp_path: Path) -> None:
    outside = tmp_path / "outside" / "elsewhere.yaml"
    outside.parent.mkdir()
    outside.write_text(programme(name="树外文件"), encoding="utf-8")
    root = tmp_path / "data"
    (root / "2021" / "a").mkdir(parents=True)
    (root / "2021" / "a" / "fine.yaml").write_text(GOOD, encoding="utf-8")
    (root / "2021" / "a" / "linked.yaml").symlink_to(outside)
    with pytest.raises(PerfsiteError) as info:
        build_site(root)
    assert any("linked.yaml" in line for line in info.value.lines), info.value.lines
