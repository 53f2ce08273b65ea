"""What a built site says to citizens names no YAML key in （） and asks nothing of the clerk
(「请核对」): the warnings a document's page shows (数据核验, and its JSON twin's `checks`) and
the site's own notes. `perfsite check` still names the key, in the location it prints."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest

from perfsite.site import build_site

REPO = Path(__file__).resolve().parent.parent
KEY_IN_TEXT = re.compile(r"[（(](?![a-z_0-9.]*\.(?:xml|csv|json|zip)[）)])[a-z_][a-z_0-9.]*[）)]|请核对")
"""A key in brackets（evidence, original.file）or 「请核对」; a file name in brackets（feed.xml）is not a key."""
DICTIONARY = "downloads/"
"""The 数据下载 page names each CSV column by its header (`as_of`, `budget.csv`): the open data's own names."""


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Two years of one programme (自评, 绩效目标表, 评价报告, 整改): the 2022 自评 dated before its
    year ended, the 2023 绩效目标表 after its year: both pages show that warning. The 2023 整改 has
    a measure due within the year evaluated, one due more than MAX_DEADLINE_YEARS after it and a
    done one without evidence, each a warning its page shows; another 整改 has neither 评价报告 nor 自评."""
    data = tmp_path_factory.mktemp("wording") / "data"
    (data / "2022").mkdir(parents=True)
    shutil.copy(REPO / "data" / "site.yaml", data / "site.yaml")
    for year in ("2022", "2023"):
        shutil.copytree(REPO / "data" / year / "jiaoyu", data / year / "jiaoyu",
                        ignore=shutil.ignore_patterns("bumen-*"))
    _edit(data / "2022/jiaoyu/yingyang-gaishan.yaml", "published: 2023-06-15", "published: 2022-06-15")
    _edit(data / "2023/jiaoyu/yingyang-gaishan-mubiao.yaml", "published: 2023-02-08", "published: 2024-02-08")
    rectified = data / "2023/jiaoyu/yingyang-gaishan-zhenggai.yaml"
    _edit(rectified, "deadline: 2024-09-30", "deadline: 2023-09-30")  # within the year evaluated
    _edit(rectified, "deadline: 2025-03-31", "deadline: 2035-03-31")  # past MAX_DEADLINE_YEARS
    _edit(rectified, ", evidence: 2024年秋季学期课程安排表}", "}")  # done, no evidence
    alone = rectified.read_text(encoding="utf-8").replace("id: yingyang-gaishan\n", "id: gudu-zhenggai\n")
    (data / "2023/jiaoyu/gudu-zhenggai.yaml").write_text(alone.replace("营养改善计划", "营养改善计划（另一项目）"),
                                                         encoding="utf-8")  # a 整改 with no 评价报告 and no 自评
    return build_site(data)


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment)))


def test_no_page_names_a_key_or_asks_to_check(built) -> None:  # type: ignore[no-untyped-def]
    texts = {page.url: _text(page.html) for page in built.pages if page.url != DICTIONARY}
    shown = " ".join(texts.values())
    assert "在被评价的 2022 年度结束之前" in shown and "在本表的 2023 年度之后" in shown  # the warnings are there
    for said in ("在被评价的 2023 年度之内", "永远不会显示为逾期", "公众无从核实"):  # 整改's
        assert said in shown, said
    assert any("years/" in url for url in texts)  # the comparison of years, with its note
    found = {url: KEY_IN_TEXT.findall(text) for url, text in texts.items() if KEY_IN_TEXT.search(text)}
    assert found == {}


def test_no_twin_check_names_a_key_or_asks_to_check(built) -> None:  # type: ignore[no-untyped-def]
    messages = []
    for name, body in built.files.items():
        if name.startswith("projects/") and name.endswith(".json"):
            checks = json.loads(body).get("checks") or {}
            messages += [c["message"] for group in checks.values() for c in group]
    assert any("发布日期或年度可能有误" in m for m in messages)
    assert [m for m in messages if KEY_IN_TEXT.search(m)] == []
