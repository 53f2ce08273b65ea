"""`perfsite check`, `import` and `new` read the data folder the build reads: a site whose
mkdocs.yml names `shuju` is not told 「找不到数据目录 data」."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsite.cli import main
from perfsite.siteconfig import DATA_ENV, data_folder, site_data_folder

MKDOCS = """site_name: 测试
plugins:
  - search
  - perfsite:
      data_dir: shuju
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
extra:
  token: !ENV [NO_SUCH_VARIABLE, x]
"""


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(DATA_ENV, raising=False)
    return tmp_path


def test_check_in_a_site_reads_the_configured_folder(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 2
    assert "找不到数据目录 shuju（由 mkdocs.yml 中 perfsite 插件的 data_dir 指定）" in capsys.readouterr().err
    (site / "data").mkdir()  # the old default, present, is not what the build reads
    assert main(["check"]) == 2
    assert "找不到数据目录 shuju" in capsys.readouterr().err
    (site / "shuju").mkdir()
    main(["check"])
    assert "找不到数据目录" not in capsys.readouterr().err


def test_new_and_import_write_into_the_configured_folder(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "--name", "测试项目", "--year", "2024"]) == 2
    assert "找不到数据目录 shuju" in capsys.readouterr().err
    assert not (site / "data").exists()
    assert main(["import", str(site / "none.docx")]) == 2
    assert "找不到数据目录 shuju" in capsys.readouterr().err
    (site / "shuju").mkdir()
    assert main(["new", "--name", "测试项目", "--year", "2024"]) == 0
    assert [p.relative_to(site).parts[:2] for p in site.rglob("*.yaml")] == [("shuju", "2024")]


def test_the_build_and_the_commands_share_one_rule(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert site_data_folder().path == Path("shuju")
    assert data_folder(site, "", "from-extra").path == site / "from-extra"
    assert data_folder(site).path == site / "data"
    monkeypatch.setenv(DATA_ENV, "shard-2023")
    assert site_data_folder().path == Path("shard-2023")
    assert "PERFSITE_DATA" in site_data_folder().named_by


def test_without_mkdocs_yml_the_folder_is_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(DATA_ENV, raising=False)
    assert site_data_folder().path == Path("data")
    assert site_data_folder().named_by == ""
