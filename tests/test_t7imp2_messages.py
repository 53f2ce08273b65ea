"""Messages on 施甸县's 2019 自评表 (tests/forms_trial7b/SOURCES.md): its 执行率 printed 0.1 is quoted as printed (it
is written as printed, a fraction to one place); its missing 分值 column sends the clerk to the unit for the weights, never to copy them."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from perfsite.cli import main

HERE = Path(__file__).parent / "forms_trial7b"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    tmp = tmp_path_factory.mktemp("a")
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        main(["import", str(HERE / "a-shidian-xinxing-zhuti.xlsx"), "--out", str(tmp)])
    [path] = sorted(tmp.rglob("*.yaml"))
    return buffer.getvalue(), path.read_text(encoding="utf-8")


def test_the_rate_is_quoted_as_printed(imported: tuple[str, str]) -> None:
    out, text = imported
    assert "原表印出的 10%" not in out + text
    assert "指标「预算执行率」：原表印出的 0.1 是预算表算出的预算执行率 14.46% 四舍五入的结果（舍入）" in out
    assert "原表印出的 0.1 是它按原表的位数四舍五入的结果" in text
    assert "# 原表印作 0.1（小数，只印到十分位）：照原表写入" in text


def test_no_weights_column_sends_the_clerk_to_the_unit(imported: tuple[str, str]) -> None:
    out, _ = imported
    assert "请对照原表逐项填写" not in out
    assert ("工作表「自评表」没有「分值」列：原表没有印出各项指标的分值，weight 未写入：请向填报单位问清各项的分值后填写"
            "（原表上没有，不要照别的表抄，也不要自行估算）") in out
