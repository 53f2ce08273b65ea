"""perfsite.markup: the Markdown subset of `sections`, rendered safely (no raw HTML, safe links only)."""

from __future__ import annotations

import random

import pytest

from perfsite.markup import _MD, has_controls, plain_paragraphs, render_markdown, safe_link, visible


def test_paragraphs_lists_emphasis():
    assert render_markdown("段落一\n\n段落二") == "<p>段落一</p>\n<p>段落二</p>\n"
    assert render_markdown("- 甲\n- 乙") == "<ul>\n<li>甲</li>\n<li>乙</li>\n</ul>\n"
    assert render_markdown("1. 甲\n2. 乙").startswith("<ol>")
    assert render_markdown("*强调* **加粗**") == "<p><em>强调</em> <strong>加粗</strong></p>\n"


@pytest.mark.parametrize("url", ["https://example.gov.cn/a", "http://example.gov.cn/", "../zhengce/a.html", "/jxgk/a", "#top"])
def test_allowed_links_render(url):
    html = render_markdown(f"[依据]({url})")
    assert f'href="{url}"' in html
    assert 'rel="nofollow noopener"' in html


@pytest.mark.parametrize(
    "text",
    [
        "[坏](javascript:alert(1))",
        "[坏](JAVASCRIPT:alert(1))",
        "[坏](javascript&#58;alert(1))",
        "[坏](data:text/html,hi)",
        "[坏](//evil.example/x)",
        "[坏](vbscript:msgbox)",
        "<javascript:alert(1)>",
        "[坏][r]\n\n[r]: javascript:alert(1)",
    ],
)
def test_unsafe_links_stay_text(text):
    html = render_markdown(text)
    assert "<a " not in html
    assert "href" not in html


@pytest.mark.parametrize(
    "text",
    ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<b>粗</b> 文字", "<div>\n块\n</div>", "<iframe src=x>"],
)
def test_raw_html_is_never_rendered(text):
    html = render_markdown(text)
    assert "<script" not in html and "<img" not in html and "<b>" not in html and "<div" not in html and "<iframe" not in html
    assert "&lt;" in html


def test_images_are_not_rendered():
    assert "<img" not in render_markdown("![图](https://example.gov.cn/y.png)")


def test_attribute_injection_in_link_is_escaped():
    html = render_markdown('[a](https://a.b/"onmouseover="x)')
    assert '"onmouseover' not in html


def test_direction_controls_are_made_visible():
    assert visible("名称\u202e反转") == "名称[U+202E]反转"
    assert visible("甲\u2066乙\u2069") == "甲[U+2066]乙[U+2069]"
    assert "\u202e" not in render_markdown("名称\u202e反转")
    assert "[U+202E]" in render_markdown("名称\u202e反转")
    assert visible("普通文字") == "普通文字"


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://a.gov.cn/x", True), ("HTTP://A.GOV.CN", True), ("a/b.html", True), ("../a", True), ("#x", True),
        ("javascript:alert(1)", False), ("mailto:a@b.cn", False), ("//evil/x", False), ("\\\\evil\\x", False),
        ("https:///nohost", False), ("ftp://a.cn/x", False),
    ],
)
def test_safe_link(url, ok):
    assert safe_link(url) is ok


def test_plain_paragraphs_match_the_parser():
    """The parser-free path gives the parser's bytes whenever it answers (random texts of tricky characters)."""
    alphabet = ["甲", "1", "9", "a", ".", ",", "%", "\n", " ", "\u3000", "\xa0", "\x85", "\u2028", "\ufeff",
                "-", "*", ")", "#", "_", "&", "<", '"', "=", "+", ">", "`", "\t", "\x00", "（", "．"]
    rnd = random.Random(5)
    answered = 0
    for _ in range(20000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 8)))
        html = plain_paragraphs(text)
        if html is not None:
            answered += 1
            assert html == _MD.render(text), repr(text)
    assert answered > 100
    assert plain_paragraphs("段落一，50%。\n\n段落二") == "<p>段落一，50%。</p>\n<p>段落二</p>\n"
    assert plain_paragraphs("1. 甲") is None and plain_paragraphs("") is None


def test_has_controls():
    assert has_controls("名称\u202e") and has_controls("\u061c")
    assert not has_controls("普通文字 plain")
