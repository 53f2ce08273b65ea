"""Addresses a Windows server cannot hold: con, nul, com1 … as an id, a series or a file name are
errors at their line; a department or region so named gets a suffixed address. Such a folder
cannot be created on Windows, so a site copied to an IIS server silently lost that page."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfsite.cli import main
from perfsite.site.render import slug

DATA = Path(__file__).resolve().parent.parent / "data"
SEED = DATA / "2023" / "jiaoyu" / "yingyang-gaishan.yaml"


def check(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, name: str = "p.yaml") -> str:
    data = tmp_path / "data"
    (data / "2023" / "jy").mkdir(parents=True)
    (data / "site.yaml").write_bytes((DATA / "site.yaml").read_bytes())
    (data / "2023" / "jy" / name).write_text(text, encoding="utf-8")
    code = main(["check", "--no-cache", str(data)])
    out = capsys.readouterr().out
    assert code == 1, out
    return out


@pytest.mark.parametrize("name", ["con", "nul", "com1", "lpt9", "aux", "prn"])
def test_a_windows_device_name_as_series_or_id_is_an_error_at_its_line(tmp_path: Path, name: str,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    text = SEED.read_text(encoding="utf-8")
    line = text.count("\n", 0, text.index("series: yingyang-gaishan")) + 1
    out = check(tmp_path, capsys, text.replace("series: yingyang-gaishan", f"series: {name}"))
    assert f"p.yaml:{line}: series: 错误：series 不能用作网址：「{name}」是 Windows 的设备名" in out
    out = check(tmp_path / "b", capsys, text.replace("series: yingyang-gaishan", f"series: yingyang-gaishan\nid: {name}"))
    assert f"p.yaml:{line + 1}: id: 错误：id 不能用作网址：「{name}」是 Windows 的设备名" in out


def test_a_file_named_for_a_device_needs_an_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = check(tmp_path, capsys, SEED.read_text(encoding="utf-8"), "nul.yaml")
    assert "文件名「nul.yaml」不能直接作网址：「nul」是 Windows 的设备名" in out and "请加一行 id" in out


def test_a_series_longer_than_an_id_may_be_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = check(tmp_path, capsys, SEED.read_text(encoding="utf-8").replace("series: yingyang-gaishan", "series: " + "x" * 81))
    assert "最长 80 个字符" in out


def test_names_that_only_look_reserved_keep_their_address() -> None:
    assert slug("曲沃县") == "曲沃县" and slug("conx") == "conx" and slug("com10") == "com10"
    assert slug("nul").startswith("nul-") and slug("con") != "con"
