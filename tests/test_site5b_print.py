"""Every page type prints who publishes it, its absolute address and the date its data is as of,
from one pair of macros (_macros.html print_head and page_meta); read from the shared sample site
(data/site.yaml sets site_url and data_date)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ADDRESS = "https://example.gov.cn/jxgk/"
PAGES = ("projects/2022/yingyang-gaishan/", "projects/2022/yingyang-gaishan/targets/",
         "projects/2022/yingyang-gaishan/evaluation/", "projects/2022/yingyang-gaishan/rectification/",
         "departments/示例县教育局/2023/", "rectification/", "years/2022/", "departments/", "")


@pytest.mark.parametrize("path", PAGES)
def test_every_page_type_prints_its_address_and_data_date(sample_site: Path, path: str) -> None:
    html = (sample_site / path / "index.html").read_text(encoding="utf-8")
    head = re.search(r'<p class="ps-print-only">(.*?)</p>', html)
    assert head, path
    text = re.sub(r"<[^>]+>", " ", head.group(1))
    assert "示例县财政局" in text, (path, text)  # the head says who publishes; the foot, printed too, the rest
    assert f'数据截至 2026-11-01。本页网址：<span class="ps-url">{ADDRESS}{path}</span>' in html, path


def test_links_that_matter_carry_their_absolute_address_for_print(sample_site: Path) -> None:
    """The report's original, a 整改 finding's source and every download list a printed page keeps."""
    def addresses(path: str) -> list[str]:
        html = (sample_site / path / "index.html").read_text(encoding="utf-8")
        return re.findall(r'data-address="([^"]+)"', html)

    base = f"{ADDRESS}projects/2022/yingyang-gaishan/"
    evaluation = addresses("projects/2022/yingyang-gaishan/evaluation/")
    assert f"{base}evaluation/yingyang-gaishan-2022-pingjia.pdf" in evaluation
    assert f"{base}rectification/" in evaluation
    rectification = addresses("projects/2022/yingyang-gaishan/rectification/")
    assert f"{base}evaluation/#ps-findings" in rectification and f"{base}" in rectification
    for path in ("projects/2022/yingyang-gaishan/targets/", "departments/示例县教育局/2023/"):
        assert any(a.endswith(".json") for a in addresses(path)), path
