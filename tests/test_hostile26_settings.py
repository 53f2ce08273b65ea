"""`data_dir: !ENV …` in mkdocs.yml names the folder the build reads, and so the folder `perfsite
check`, `import` and `new` read and write: MkDocs' env tag, resolved as MkDocs resolves it."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsite.cli import main
from perfsite.siteconfig import DATA_ENV, site_data_folder

VARIABLE = "PERFSITE_TEST_FOLDER"


def _site(root: Path, monkeypatch: pytest.MonkeyPatch, data_dir: str) -> Path:
    (root / "mkdocs.yml").write_text(f"site_name: 测试\nplugins:\n  - perfsite:\n      data_dir: {data_dir}\n",
                                     encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.delenv(DATA_ENV, raising=False)
    monkeypatch.delenv(VARIABLE, raising=False)
    return root


def test_the_variable_set_names_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    site = _site(tmp_path, monkeypatch, f"!ENV {VARIABLE}")
    monkeypatch.setenv(VARIABLE, "shuju-2024")
    assert site_data_folder().path == Path("shuju-2024")
    assert main(["new", "--name", "测试项目", "--year", "2024"]) == 2  # not there: no second data folder begun
    err = capsys.readouterr().err
    assert "找不到数据目录 shuju-2024" in err and "mkdocs.yml" in err and VARIABLE in err
    (site / "shuju-2024").mkdir()
    assert main(["new", "--name", "测试项目", "--year", "2024"]) == 0
    assert [p.relative_to(site).parts[:2] for p in site.rglob("*.yaml")] == [("shuju-2024", "2024")]


def test_a_default_stands_for_an_unset_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _site(tmp_path, monkeypatch, f"!ENV [{VARIABLE}, OTHER_UNSET_VARIABLE, mydata]")
    monkeypatch.delenv("OTHER_UNSET_VARIABLE", raising=False)
    assert site_data_folder().path == Path("mydata")
    monkeypatch.setenv("OTHER_UNSET_VARIABLE", "second")
    assert site_data_folder().path == Path("second")


def test_an_unset_variable_without_default_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """MkDocs reads it as unset (the plugin's default, then `data`): so do the commands, and a
    missing folder names mkdocs.yml and the variable, not a bare 「找不到数据目录 data」."""
    site = _site(tmp_path, monkeypatch, f"!ENV {VARIABLE}")
    assert site_data_folder().path == Path("data")
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert "找不到数据目录 data" in err and "mkdocs.yml" in err and f"环境变量 {VARIABLE} 没有设置" in err
    assert main(["import", str(site / "none.docx")]) == 2
    assert f"环境变量 {VARIABLE} 没有设置" in capsys.readouterr().err
    assert not (site / "data").exists()
    (site / "data").mkdir()  # present, it is what the build reads too
    assert main(["new", "--name", "测试项目", "--year", "2024"]) == 0
    assert [p.relative_to(site).parts[:2] for p in site.rglob("*.yaml")] == [("data", "2024")]
