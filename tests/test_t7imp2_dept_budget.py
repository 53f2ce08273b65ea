"""绥阳县太白镇's 部门整体支出绩效自评表 (tests/forms_trial7b/SOURCES.md) prints one budget only, 年初预算数(A), and its
执行率 is B/A; under it 基本支出 and 项目支出 rows with their own 分值 and 得分. `execution` has no 年初预算数 key and
its `budget` is the 全年预算数 the form lacks: the 年初预算数 is kept in a comment above `execution`, the note says the
form has no 全年预算数 (never to copy one from it), and each of the two rows is named with its figures."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from perfsite.cli import main

HERE = Path(__file__).parent / "forms_trial7b"


def test_only_an_initial_budget_and_the_spending_rows_are_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["import", str(HERE / "b-constructed-rows.xlsx"), "--year", "2021", "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    [path] = sorted((tmp_path / "out").rglob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["execution"] == {"spent": 1268.72}  # no 全年预算数 printed, none written
    assert "# 原表的年初预算数 1172.55：原表没有全年预算数" in text.split("execution:")[0]
    assert "请对照原表补上" not in out
    assert "原表只有年初预算数 1172.55、没有全年预算数" in out
    for said in ("「基本支出」一行（年初预算数 985.19，全年执行数 914.97，分值 10，得分 10）",
                 "「项目支出」一行（年初预算数 187.36，全年执行数 353.75，分值 10，得分 10）"):
        assert said in out
        assert said.replace("」一行（", "」一行：").removesuffix("）") in text
    unplaced = [line for line in out.splitlines() if line.startswith("    - ")]
    assert not [line for line in unplaced if any(x in line for x in ("基本支出", "项目支出", "985.19", "353.75"))], unplaced
