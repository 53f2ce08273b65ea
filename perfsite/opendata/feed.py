"""Atom feed of published programmes; dates come from the data (`published`), never the clock."""

from __future__ import annotations

from xml.sax.saxutils import escape as _escape

from perfsite.dataset import Dataset
from perfsite.decimals import fmt2

MAX_ENTRIES = 100


def escape(text: str) -> str:
    """XML text and attribute values (quotes too)."""
    return _escape(text, {'"': "&quot;", "'": "&apos;"})
EPOCH = "2000-01-01"


def absolute(site_url: str, path: str) -> str:
    """An absolute URL from site_url; relative when site_url is not set."""
    if not site_url:
        return "/" + path
    return site_url.rstrip("/") + "/" + path


def _stamp(date: str) -> str:
    """Dates are validated ISO dates by the core; escaped all the same, as every text here."""
    return escape(f"{date[:10]}T00:00:00Z")


def atom_feed(data: Dataset) -> bytes:
    site = data.site
    dated = [sp for sp in data.programmes]
    dated.sort(key=lambda sp: (sp.programme.published or site.data_date or EPOCH, sp.programme.year, sp.programme.id),
               reverse=True)
    entries = dated[:MAX_ENTRIES]
    updated = max((sp.programme.published or site.data_date or EPOCH for sp in entries), default=site.data_date or EPOCH)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
        f"  <title>{escape(site.title)}</title>",
        f"  <id>{escape(absolute(site.site_url, ''))}</id>",
        f'  <link rel="self" href="{escape(absolute(site.site_url, "feed.xml"))}"/>',
        f'  <link href="{escape(absolute(site.site_url, ""))}"/>',
        f"  <updated>{_stamp(updated)}</updated>",
        f"  <author><name>{escape(site.publisher or site.title)}</name></author>",
    ]
    for sp in entries:
        p = sp.programme
        url = absolute(site.site_url, p.url)
        summary = f"{p.year}年度 {p.department}；计算总分 {fmt2(sp.total) or '—'}，等级 {sp.grade or '—'}"
        lines += [
            "  <entry>",
            f"    <title>{escape(p.name)}（{p.year}年度）</title>",
            f"    <id>{escape(url)}</id>",
            f'    <link href="{escape(url)}"/>',
            f"    <updated>{_stamp(p.published or site.data_date or EPOCH)}</updated>",
            f"    <summary>{escape(summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")
