"""Data files `perfsite check` passed that published something other than what they say, or the
same thing differently in two places: each now says so in check, naming the file and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from perfsite.dataset import load_dataset
from perfsite.problems import Severity
from perfsite.site import build_site


@pytest.mark.parametrize("other", ["示例县 教育局", "示例县\u00a0教育局", "示例县教育局(本级)", "示例县教育局\u200b（本级）"])
def test_one_department_written_two_ways_is_named_before_it_gets_two_department_pages(
        tmp_path: Path, core_write: Callable[[Path, object], Path], core_programme: Callable[..., dict[str, object]],
        other: str) -> None:
    """A department is listed by its name as written: 「示例县教育局」 in one file and
    「示例县 教育局」 in another (a space from a wrapped cell, a half-width bracket) published two
    departments, each with its page and half the programmes, while check (which compares names
    ignoring spaces, width and invisible characters when it looks for duplicates) said nothing."""
    root = tmp_path / "data"
    first = "示例县教育局（本级）" if "本级" in other else "示例县教育局"
    core_write(root / "2021" / "a" / "one.yaml", core_programme(name="项目甲", department=first))
    core_write(root / "2021" / "b" / "two.yaml", core_programme(name="项目乙", department=other))
    built = build_site(root)
    assert len({name for name in built.files if name.startswith("departments/") and name.endswith("/programmes.csv")}) == 2
    said = [p for p in load_dataset(root).problems if p.key == "department"]
    assert [(p.severity, Path(p.file).name, p.line) for p in said] == [(Severity.WARNING, "two.yaml", 3)]
    assert f"「{other}」" in said[0].message and f"「{first}」" in said[0].message and "one.yaml" in said[0].message
    assert "两个部门" in said[0].message


def test_one_department_written_the_same_way_says_nothing(
        tmp_path: Path, core_write: Callable[[Path, object], Path], core_programme: Callable[..., dict[str, object]]) -> None:
    root = tmp_path / "data"
    core_write(root / "2021" / "a" / "one.yaml", core_programme(name="项目甲", department="示例县教育局"))
    core_write(root / "2022" / "b" / "two.yaml", core_programme(name="项目乙", year=2022, department="示例县教育局"))
    assert [p for p in load_dataset(root).problems if p.key == "department"] == []


@pytest.mark.parametrize(("written", "shown"), [("weight\u00a0", "weight[U+00A0]"), ("wei\u200bght", "wei[U+200B]ght"),
                                                ("ｗｅｉｇｈｔ", "ｗｅｉｇｈｔ")])
def test_a_key_with_an_unseen_or_full_width_character_is_shown_as_written_with_the_key_meant(
        tmp_path: Path, written: str, shown: str) -> None:
    """A key typed with a no-break space or a zero-width space was refused as 「未知的键 weight ，
    您是不是想写 weight？」: nothing on the screen to change. The character is marked where it is,
    and a full-width key is matched to the key it spells."""
    path = tmp_path / "2021" / "a.yaml"
    path.parent.mkdir()
    path.write_text("name: 项目\nyear: 2021\ndepartment: 测试局\nindicators:\n"
                    "  - {level1: 产出指标, level2: 数量指标, name: 数量, weight: 100, target: ≥1个, actual: 1个}\n"
                    f"  - {{level1: 产出指标, level2: 数量指标, name: 质量, {written}: 0, target: ≥1个, actual: 1个}}\n",
                    encoding="utf-8")
    said = [p.message for p in load_dataset(tmp_path).problems if "未知的键" in p.message]
    assert len(said) == 1 and said[0].startswith(f"未知的键 {shown}，您是不是想写 weight？")
