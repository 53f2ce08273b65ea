"""上犹县寺下镇's 绩效评价报告 as its copy prints it, in traditional characters (「關于2019年度…績效評價報告」,
tests/forms_trial7b/SOURCES.md): recognised as the simplified copy is, through one traditional → simplified fold used
for matching only (`grid.simplified`, one character for one); every text is written as the report wrote it."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
import yaml

from perfsite.cli import main
from perfsite.importing.grid import simplified

HERE = Path(__file__).parent / "forms_trial7b"
REPORT = HERE / "g-shangyou-sixia-tongzu-pingjia.docx"


def test_the_report_in_traditional_characters_gets_the_evaluation_hint(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    main(["import", str(REPORT), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert "標題是" not in out
    assert "标题是「關于2019年度高其坑通組道路工程績效評價報告」，但没有写明由谁评价" in out, out


def _report(tmp: Path, path: Path) -> tuple[dict[str, object], str]:
    main(["import", str(path), "--evaluation", "部门评价", "--out", str(tmp)])
    [out] = sorted(tmp.rglob("*.yaml"))
    return yaml.safe_load(out.read_text(encoding="utf-8")), out.read_text(encoding="utf-8")


def test_with_the_evaluation_flag_it_imports_as_written(tmp_path: Path) -> None:
    data, text = _report(tmp_path / "t", REPORT)
    plain, _ = _report(tmp_path / "s", HERE / "g-simplified.docx")  # the same report in simplified characters
    assert data["kind"] == "评价报告" and data["evaluation"] == "部门评价" and data["year"] == 2019
    assert data["name"] == "高其坑通組道路工程"
    assert data["original"]["title"] == "關于2019年度高其坑通組道路工程績效評價報告"  # type: ignore[index]
    assert str(data["conclusion"]).startswith("(一)評價結論:該項目能夠較為準確的按照年初設定的項目實施目標進行實施")
    body = "\n".join(p.text for p in docx.Document(str(REPORT)).paragraphs)
    assert all(line in body for line in str(data["conclusion"]).split("\n") if line)  # every line as written
    assert set(data) == set(plain)
    for key in ("name", "conclusion", "original"):
        assert yaml.safe_dump(plain[key], allow_unicode=True) == simplified(yaml.safe_dump(data[key], allow_unicode=True))
    assert "绩效" not in text.split("conclusion:")[1].split("\n")[1]


def test_the_fold_is_one_character_for_one() -> None:
    words = "關于績效評價報告項目總投資據實撥付基礎設施負責監督夠"
    assert simplified(words) == "关于绩效评价报告项目总投资据实拨付基础设施负责监督够"
    assert len(simplified(words)) == len(words)
