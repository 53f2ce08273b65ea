"""Finding an indicator again in another document: its 一级/二级/三级 path, and explicit renames.

A 绩效目标表 and the 自评 of the same year, or the 自评s of two years, are matched row by row by
path, compared as a reader sees names (perfsite.values.identity_text: full/half width, case,
spaces and invisible characters do not count; punctuation at a 三级 name's ends neither,
shown as the other's wording: loose_key). The 一级 and 二级 labels of one form are worded
differently by the other (label_key: 「服务对象满意度指标等」 and 「服务对象满意度指标」, 「产出」
and 「产出指标」); the 三级 name is the indicator. A renamed indicator is matched only when a file
says so (`renamed`), never by guessing from similar names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from perfsite.model import IndicatorPath, Rename
from perfsite.problems import Problems
from perfsite.schema import SHORT_TEXT, check_keys, mapping_rows, shown
from perfsite.values import identity_text

RENAME_KEYS = ("from", "to")

Key = tuple[str, str, str]
"""An IndicatorPath as compared (identity_text of each level)."""


@lru_cache(maxsize=65_536)
def path_key(path: IndicatorPath) -> Key:
    """Remembered: the same paths recur in every year of a series and across programmes."""
    level1, level2, name = path
    return identity_text(level1), identity_text(level2), identity_text(name)


_NOTE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕")
"""A note in brackets (「数量指标（必填）」; NFKC has made （） and ［］ half-width)."""
_LABEL_TAILS = ("等", "指标")
"""Words a form adds to a 一级/二级 label, or leaves off: 「服务对象满意度指标等」, 「产出」."""


_EDGE_MARKS = "。.,、;:!?…·*~-—\"'“”‘’「」『』"
"""Punctuation a form leaves at either end of a name or label (「完成及时率。」, 「“培训人数”」,
「数量指标：」; NFKC has made ，；：！？＊ half-width): the same name, else the 自评's row were 新增
beside the table's 未评价, and its lowered target left out of the count."""


@lru_cache(maxsize=4096)
def label_key(label: str) -> str:
    """A 一级/二级 label as two forms of one programme are matched by when their exact labels
    differ: identity_text without notes in brackets and without a trailing 等 or 指标, so
    「服务对象满意度指标等」, 「服务对象满意度指标」 and 「服务对象满意度」 are one label, and so
    are 「数量指标：」 and 「数量指标」 (_EDGE_MARKS).
    Remembered: a few dozen labels recur in every table."""
    text = identity_text(label)
    while True:
        bare = _NOTE.sub("", text).strip(_EDGE_MARKS) or text
        for tail in _LABEL_TAILS:
            bare = bare.removesuffix(tail)
        if bare == text:
            return text
        text = bare


def loose_key(key: Key) -> Key:
    """A path's Key with its 一级/二级 labels as label_key compares them, the 三级 name without
    punctuation at its ends (_EDGE_MARKS); a pair found so shows the other's wording."""
    return label_key(key[0]), label_key(key[1]), key[2].strip(_EDGE_MARKS) or key[2]


def read_renames(raw: object, problems: Problems) -> tuple[Rename, ...]:
    """The `renamed` list: each item `{from: [一级, 二级, 三级], to: [一级, 二级, 三级]}`."""
    if raw is None:
        return ()
    example = "例如 - {from: [产出指标, 数量指标, 培训人数], to: [产出指标, 数量指标, 培训人次]}"
    found = []
    for where, row in mapping_rows(raw, "renamed", problems, f"renamed（指标改名）应是列表，{example}",
                                   lambda kind: f"每条改名应是键值映射（from、to），而不是{kind}：{example}"):
        check_keys(row, RENAME_KEYS, where, problems, RENAME_KEYS)
        old, new = (_path(row.get(key), (*where, key), problems) for key in RENAME_KEYS)
        if old is None or new is None:
            continue
        if path_key(old) == path_key(new):
            problems.error(where, "from 和 to 是同一个指标：不是改名，请删去这一条")
            continue
        found.append(Rename(old, new, problems.line_of(where)))
    _check_unique(found, problems)
    return tuple(found)


def _path(raw: object, where: tuple[object, ...], problems: Problems) -> IndicatorPath | None:
    if raw is None:
        return None  # check_keys reported it
    if (not isinstance(raw, list) or len(raw) != 3
            or not all(isinstance(part, str) and part.strip() for part in raw)):
        problems.error(where, f"{where[-1]} 应是 [一级指标, 二级指标, 三级指标] 三段文字，而不是「{shown(raw)}」")
        return None
    if any(len(part) > SHORT_TEXT for part in raw):
        problems.error(where, f"指标名称太长（上限 {SHORT_TEXT} 个字符）")
        return None
    return raw[0].strip(), raw[1].strip(), raw[2].strip()


def _check_unique(renames: list[Rename], problems: Problems) -> None:
    """One old name has one new name, and one new name one old name: else the match would be a guess."""
    olds: dict[Key, Rename] = {}
    news: dict[Key, Rename] = {}
    for rename in renames:
        for seen, key, side in ((olds, path_key(rename.old), "from"), (news, path_key(rename.new), "to")):
            if key in seen:
                problems.error(("renamed",), f"指标「{'/'.join(getattr(rename, 'old' if side == 'from' else 'new'))}」"
                               f"在 renamed 中出现了两次（{side}）：一个指标只能改名一次")
            seen[key] = rename


def check_renames_name_rows(renames: Iterable[Rename], paths: Iterable[IndicatorPath], problems: Problems) -> None:
    """A rename names an indicator of the file that states it, by its old or its new name: one
    that names neither is a typing slip that would silently match nothing. One that names two
    of its rows (both names are the file's) makes them one indicator wherever it applies: the
    各年度指标对照 listed one of them as 「不再列入」 while the file still lists it (a 警告: such
    files were valid)."""
    own = {path_key(path) for path in paths}
    for index, rename in enumerate(renames):
        old, new = path_key(rename.old) in own, path_key(rename.new) in own
        if not old and not new:
            problems.error(("renamed", index), f"改名的 from「{'/'.join(rename.old)}」和 to「{'/'.join(rename.new)}」"
                           "都不是本文件中的指标：请照本文件的 一级、二级、三级指标名称填写其中之一")
        elif old and new:
            problems.warning(("renamed", index), f"改名的 from「{'/'.join(rename.old)}」和 to「{'/'.join(rename.new)}」"
                             "都是本文件中的指标：改了名的指标不会仍以原名称列在表中；按这条改名，两项会被当作同一个指标，"
                             "各年度指标对照和与绩效目标表的比较把它们混在一起。请删去这一条改名，或改正指标名称")


def rename_map(renames: Iterable[Rename]) -> Mapping[Key, Key]:
    """Old key → newest key, following chains (A→B in one file, B→C in the next); a cycle
    (A→B, B→A) stops where it began, so every path maps to one key and the walk ends."""
    step = {path_key(r.old): path_key(r.new) for r in renames}
    final: dict[Key, Key] = {}
    for start in step:
        seen = {start}
        key = step[start]
        while key in step and key not in seen:
            seen.add(key)
            key = step[key]
        final[start] = key
    return final


def canonical(path: IndicatorPath, renames: Mapping[Key, Key]) -> Key:
    """The key an indicator is matched by: its newest name."""
    key = path_key(path)
    return renames.get(key, key)
