"""The id registry reads a year's folder as the build's data walk does: what tools leave there
reserves no id, and no file there can hang or blow up an import."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from perfsite.ids import IdRegistry

PROGRAMME = "id: xuesheng-zizhu\nname: 学生资助\ndepartment: 示例县教育局\nyear: 2023\n"


@pytest.mark.parametrize("where", [".git/x.yaml", ".git/objects/xuesheng-zizhu.yaml", "jiaoyu/~$x.yaml",
                                   "jiaoyu/.#x.yaml", ".hidden/sub/x.yaml"])
def test_what_tools_leave_reserves_no_id(tmp_path: Path, where: str) -> None:
    left = tmp_path / "2023" / where
    left.parent.mkdir(parents=True)
    left.write_text(PROGRAMME.replace("示例县教育局", "示例县民政局"), encoding="utf-8")
    claim = IdRegistry(tmp_path).claim("学生资助", "示例县财政局", "2023")
    assert (claim.id, claim.displaced) == ("xuesheng-zizhu", None)
    assert IdRegistry(tmp_path).holder("2023", "xuesheng-zizhu") == (False, None)


def test_a_programme_beside_them_still_reserves_its_id(tmp_path: Path) -> None:
    mine = tmp_path / "2023/jiaoyu/xuesheng-zizhu.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text(PROGRAMME, encoding="utf-8")
    (tmp_path / "2023/.git").mkdir()
    (tmp_path / "2023/.git/x.yaml").write_text(PROGRAMME, encoding="utf-8")
    assert IdRegistry(tmp_path).claim("学生资助", "示例县教育局", "2023").existing == mine
    assert IdRegistry(tmp_path).claim("学生资助", "示例县财政局", "2023").id == "xuesheng-zizhu-2"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_named_yaml_reserves_its_name_without_blocking(tmp_path: Path) -> None:
    """A FIFO opened for reading waits for a writer forever: the registry must not open it so."""
    (tmp_path / "2023").mkdir()
    os.mkfifo(tmp_path / "2023/xuesheng-zizhu.yaml")
    claim = IdRegistry(tmp_path).claim("学生资助", "示例县教育局", "2023")
    assert claim.id == "xuesheng-zizhu-2"  # the name is taken all the same


def test_an_alias_bomb_in_a_name_is_no_name(tmp_path: Path) -> None:
    """A flow list of aliases on the name's own line (a few hundred bytes) printed as text is
    billions of characters; the build refuses such a name, and so does the registry."""
    levels = ["&a0 [x, x, x, x, x, x, x, x, x]"] + [f"&a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    bomb = tmp_path / "2023/bomb.yaml"
    bomb.parent.mkdir(parents=True)
    bomb.write_text(f"name: [{', '.join(levels)}]\ndepartment: 示例局\n", encoding="utf-8")
    block = tmp_path / "2023/block.yaml"
    block.write_text("name: &x\n" + "\n".join(f"  - {levels[0].split(' ', 1)[1]}" for _ in range(3))
                     + "\nother: [" + ", ".join(levels[1:]).replace("*a0", "*x") + "]\n", encoding="utf-8")
    ids = IdRegistry(tmp_path)
    assert ids.claim("学生资助", "示例局", "2023").id == "xuesheng-zizhu"
    assert ids.holder("2023", "bomb") == (True, bomb)
