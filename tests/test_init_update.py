"""`perfsite init --update DIR`: a repository made by an older perfsite takes the installed one's
wheel, requirements.txt, CI files and commit hook, and nothing of the bureau's is touched."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsite import __version__
from perfsite.cli import main
from perfsite.scaffold import KEPT_HEADING, REFRESHED, WHEELHOUSE, scaffold


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def old_site(root: Path) -> Path:
    """A repository as an older perfsite (0.0.9) left it, after the bureau's own work."""
    old = root.parent / "perfsite-0.0.9-py3-none-any.whl"
    old.write_bytes(b"PK old")
    scaffold(root, "某县预算绩效信息公开", old)
    (root / "requirements.txt").write_text("--find-links wheelhouse\nperfsite==0.0.9\nmkdocs==1.5.0\n"
                                           "openpyxl-extras>=1.0  # 本单位另加\n-r 本单位.txt\n", encoding="utf-8")
    (root / ".gitlab-ci.yml").write_text("image: python:3.10\n", encoding="utf-8")
    (root / ".pre-commit-config.yaml").unlink()
    (root / "requirements-import.txt").unlink()  # 0.0.9 wrote none
    (root / ".gitignore").write_text("/site/\n/本单位笔记/\n", encoding="utf-8")
    site = root / "data/site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("示例县财政局", "某县财政局"), encoding="utf-8")
    (root / "docs/notice.md").write_text("# 公告\n", encoding="utf-8")
    (root / "overrides/perfsite").mkdir()
    (root / "overrides/perfsite/home.html").write_text("{# 本单位的首页 #}\n", encoding="utf-8")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as out:
        out.write("# 本单位改过\n")
    (root / "README.md").write_text("# 本单位的说明\n", encoding="utf-8")
    return root


def test_update_refreshes_what_follows_perfsite_and_nothing_of_the_bureaus(tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    root = old_site(tmp_path / "site")
    ours = tmp_path / f"perfsite-{__version__}-py3-none-any.whl"
    ours.write_bytes(b"PK ours")
    before = tree(root)
    fresh = tmp_path / "fresh"
    scaffold(fresh, "某县预算绩效信息公开", ours)

    assert main(["init", "--update", str(root), "--wheel", str(ours)]) == 0
    said = capsys.readouterr().out
    after = tree(root)
    for name in REFRESHED:
        if name != "requirements.txt":
            assert after[name] == (fresh / name).read_bytes(), name
    requirements = (root / "requirements.txt").read_text(encoding="utf-8")
    assert requirements.startswith((fresh / "requirements.txt").read_text(encoding="utf-8"))
    assert requirements.endswith(f"{KEPT_HEADING}\nopenpyxl-extras>=1.0  # 本单位另加\n-r 本单位.txt\n")  # the bureau's own
    assert "\nperfsite==" not in requirements and "mkdocs==1.5.0" not in requirements
    assert after[f"{WHEELHOUSE}/{ours.name}"] == b"PK ours" and f"{WHEELHOUSE}/perfsite-0.0.9-py3-none-any.whl" not in after
    assert after[".gitignore"].decode().startswith("/site/\n/本单位笔记/\n") and "/.perfsite-cache/" in after[".gitignore"].decode()
    mine = [name for name in before if name.startswith(("data/", "docs/", "overrides/"))] + ["mkdocs.yml", "README.md"]
    assert {name: after[name] for name in mine} == {name: before[name] for name in mine}
    assert set(after) - set(before) == {".pre-commit-config.yaml", "requirements-import.txt", f"{WHEELHOUSE}/{ours.name}"}
    for line in ("更新 requirements.txt", "新增 requirements-import.txt", "更新 .gitlab-ci.yml", "新增 .pre-commit-config.yaml",
                 f"新增 {WHEELHOUSE}/{ours.name}", f"删除 {WHEELHOUSE}/perfsite-0.0.9-py3-none-any.whl"):
        assert any(said_line.startswith(f"  {line}") for said_line in said.splitlines()), line
    assert ".github/workflows/site.yml" not in said  # unchanged since the old perfsite: not listed

    assert main(["init", "--update", str(root), "--wheel", str(ours)]) == 0
    assert "没有改动" in capsys.readouterr().out and tree(root) == after


def test_update_uses_this_versions_wheel_already_in_the_wheelhouse(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """This checkout is installed editable (pip recorded no wheel): the wheelhouse's copy serves."""
    ours = tmp_path / f"perfsite-{__version__}-py3-none-any.whl"
    ours.write_bytes(b"PK ours")
    root = tmp_path / "site"
    scaffold(root, "某县预算绩效信息公开", ours)
    (root / ".github/workflows/site.yml").write_text("name: 旧\n", encoding="utf-8")
    assert main(["init", "--update", str(root)]) == 0
    assert capsys.readouterr().out.count("\n  ") == 1 and "name: 旧" not in (root / ".github/workflows/site.yml").read_text()


def test_update_refuses_a_folder_that_is_not_a_perfsite_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ours = tmp_path / f"perfsite-{__version__}-py3-none-any.whl"
    ours.write_bytes(b"PK ours")
    other = tmp_path / "other"
    other.mkdir()
    (other / "mkdocs.yml").write_text("site_name: 别的网站\nplugins:\n  - search\n", encoding="utf-8")
    (other / "requirements.txt").write_text("mkdocs==1.6.1\n", encoding="utf-8")
    for folder, why in ((other, "没有使用 perfsite 插件"), (tmp_path / "empty", "不存在"), (tmp_path / "none", "不存在")):
        if folder.name == "empty":
            folder.mkdir()
        before = tree(folder) if folder.exists() else None
        assert main(["init", "--update", str(folder), "--wheel", str(ours)]) == 1
        err = capsys.readouterr().err
        assert "不是 perfsite 网站仓库" in err or "不是目录" in err, err
        assert why in err
        assert (tree(folder) if folder.exists() else None) == before


def test_update_without_a_wheel_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = old_site(tmp_path / "site")
    before = tree(root)
    assert main(["init", "--update", str(root)]) == 1
    assert "找不到 perfsite" in capsys.readouterr().err and tree(root) == before
    assert main(["init", "--update", str(root), "--title", "新名称"]) == 2
    assert tree(root) == before


@pytest.mark.parametrize("asked", ["./wheelhouse/perfsite-0.0.9-py3-none-any.whl[import]", "perfsite[import, search]==0.0.9"])
def test_update_keeps_the_extras_the_bureau_asked_for_on_its_perfsite_line(tmp_path: Path, asked: str) -> None:
    """A bureau that imports PDFs installed `….whl[import]`: the new wheel line asks for the same extras,
    or the next `pip install -r requirements.txt` would leave import without pandas."""
    root = old_site(tmp_path / "site")
    (root / "requirements.txt").write_text(f"{asked}\nmkdocs==1.5.0\n", encoding="utf-8")
    ours = tmp_path / f"perfsite-{__version__}-py3-none-any.whl"
    ours.write_bytes(b"PK ours")

    assert main(["init", "--update", str(root), "--wheel", str(ours)]) == 0
    lines = (root / "requirements.txt").read_text(encoding="utf-8").splitlines()
    extras = asked[asked.index("["):asked.index("]") + 1].replace(" ", "")
    assert f"./{WHEELHOUSE}/{ours.name}{extras}" in lines
    assert sum("perfsite" in line and not line.startswith("#") for line in lines) == 1
