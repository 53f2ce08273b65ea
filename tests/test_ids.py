"""Readable ids: pinyin of the programme name, word by word, unique per year and run."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfsite.cli import main
from perfsite.ids import MAX_LENGTH, IdRegistry, is_id, readable_id
from perfsite.reader import SLUG


@pytest.mark.parametrize(("name", "expected"), [
    ("小升规企业奖励资金", "xiaoshenggui-qiye-jiangli-zijin"),  # an unknown run (小升规) stays one word
    ("“小升规”企业奖励资金", "xiaoshenggui-qiye-jiangli-zijin"),  # quotes are boundaries, not letters
    ("2021年度小升规企业奖励资金项目", "xiaoshenggui-qiye-jiangli-zijin"),  # year and 项目 add nothing
    ("重庆银行长江大桥维修", "chongqing-yinhang-changjiang-daqiao-weixiu"),  # polyphones by phrase: not zhong/xing/zhang
    ("绿色发展", "lvse-fazhan"),  # ü as v, as typed
    ("G20峰会保障经费", "g20-fenghui-baozhang-jingfei"),  # ASCII kept, lower-cased
    ("ＡＢＣ１２３全角", "abc123-quanjiao"),  # full-width letters and digits normalised
    ("城乡居民基本医疗保险补助", "chengxiang-jumin-jiben-yiliao-baoxian-buzhu"),
    ("长江流域重点水域禁捕退捕补偿资金", "changjiang-liuyu-zhongdian-shuiyu-jinbu-tuibu"),  # long unknown run read in pairs; cut
    ("吉县高标准农田建设", "jixian-gaobiaozhun-nongtian-jianshe"),  # a place name ends at its 县, not at 高
    ("项目", "xiangmu"),  # a name that is only the dropped word keeps it
])
def test_readable_ids(name: str, expected: str) -> None:
    assert readable_id(name) == expected


def test_long_names_are_cut_between_words() -> None:
    ident = readable_id("义务教育阶段学生营养改善计划中央专项资金配套")
    assert len(ident) <= MAX_LENGTH
    assert ident == "yiwujiaoyu-jieduan-xuesheng-yingyang-gaishan"  # the next word (jihua) would pass 48


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_long_names_of_one_family_keep_the_tail_that_tells_them_apart(tmp_path: Path, order: tuple[int, int]) -> None:
    """Two names sharing a long head differ at the end: the cut id keeps that end, so each gets its
    own id whichever file comes first (no -2 decided by the order of the files)."""
    names = ["省巩固拓展产业扶贫重点竹笋项目", "省巩固拓展产业扶贫重点茶叶项目"]
    ids = IdRegistry(tmp_path)
    got = {}
    for i in order:
        claim = ids.claim(names[i], "示例县农业农村局", "2023")
        ids.keep(claim.id, names[i], "示例县农业农村局", "2023", tmp_path / f"{claim.id}.yaml", f"{i}.docx")
        got[i] = claim.id
    assert got == {0: "sheng-gonggu-tuozhan-chanye-fupin-zhusun", 1: "sheng-gonggu-tuozhan-chanye-fupin-chaye"}
    # common words after the telling one come along as far as they fit
    assert readable_id("省级巩固拓展脱贫攻坚成果产业扶贫重点竹笋产业发展资金") == "shengji-gonggu-tuozhan-zhusun-chanye-fazhan"


def test_a_name_without_letters_gets_a_stable_hash() -> None:
    assert readable_id("！！！") == readable_id("！！！")
    assert readable_id("！！！").startswith("prog-") and readable_id("！！！") != readable_id("……")


@given(st.text(max_size=60))
def test_every_name_gives_a_valid_id(name: str) -> None:
    ident = readable_id(name)
    assert is_id(ident) and SLUG.fullmatch(ident) and len(ident) <= MAX_LENGTH
    assert readable_id(name) == ident


def _programme(path: Path, name: str, department: str, *, ident: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(("" if ident is None else f"id: {ident}\n")
                    + f"name: {name}\nyear: 2023\ndepartment: {department}\nindicators: []\n", encoding="utf-8")
    return path


def test_registry_suffixes_other_programmes_and_returns_the_same_programme(tmp_path: Path) -> None:
    mine = _programme(tmp_path / "2023/jiaoyu/xuesheng-zizhu.yaml", "学生资助", "示例县教育局")
    _programme(tmp_path / "2023/imported/other.yaml", "学生资助", "示例县民政局", ident="Xuesheng-Zizhu-2")
    ids = IdRegistry(tmp_path)
    same = ids.claim("学生资助", "示例县教育局", "2023")
    assert (same.id, same.existing) == ("xuesheng-zizhu", mine)
    # another department: -2 is taken too (an id: line, compared ignoring case, as check does)
    other = ids.claim("学生资助", "示例县财政局", "2023")
    assert (other.id, other.existing) == ("xuesheng-zizhu-3", None)
    assert other.displaced == ("xuesheng-zizhu", mine)
    ids.keep(other.id, "学生资助", "示例县财政局", "2023", tmp_path / "2023/imported/xuesheng-zizhu-3.yaml", "a.docx")
    assert ids.claim("学生资助", "示例县人社局", "2023").id == "xuesheng-zizhu-4"
    again = ids.claim("学生资助", "示例县财政局", "2023")
    assert (again.id, again.planned_by) == ("xuesheng-zizhu-3", "a.docx")
    assert ids.claim("学生资助", "示例县人社局", "2024").id == "xuesheng-zizhu"  # ids are per year


def test_registry_compares_names_as_check_does(tmp_path: Path) -> None:
    """A re-import whose name differs only in full-width letters or a zero-width space is the
    programme `perfsite check` would call a duplicate: it lands on that file, not beside it."""
    mine = _programme(tmp_path / "2023/a/gongcheng.yaml", "G312工程", "示例局")
    again = IdRegistry(tmp_path).claim("Ｇ312\u200b工程", "示例局", "2023")
    assert again.existing == mine


def test_registry_reads_names_written_as_block_or_quoted(tmp_path: Path) -> None:
    path = tmp_path / "2023/a/x.yaml"
    path.parent.mkdir(parents=True)
    path.write_text('name: >-\n  学生\n  资助\ndepartment: "示例局"\nyear: 2023\n', encoding="utf-8")
    assert IdRegistry(tmp_path).claim("学生 资助", "示例局", "2023").existing == path


def test_new_derives_the_id_from_the_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "--year", "2023", "--name", "学生资助", "--out", str(tmp_path)]) == 0
    first = tmp_path / "2023/xuesheng-zizhu.yaml"
    assert first.exists()
    assert main(["new", "--year", "2023", "--name", "学生资助", "--out", str(tmp_path)]) == 1  # the same programme
    assert "已存在" in capsys.readouterr().err
    first.write_text(first.read_text(encoding="utf-8").replace("department:  ", "department: 示例局"), encoding="utf-8")
    assert main(["new", "--year", "2023", "--name", "学生资助", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "2023/xuesheng-zizhu-2.yaml").exists()
    assert "网址编号 xuesheng-zizhu 已由" in capsys.readouterr().out
    assert main(["new", "--year", "2023", "--id", "zizhu", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "2023/zizhu.yaml").exists()
