"""Atom feed of published programmes; dates come from the data (`published`), never the clock."""

from __future__ import annotations

from collections.abc import Sequence

from perfsite.opendata.parts import EPOCH, Parts, absolute, stamp, xml_escape
from perfsite.siteconfig import SiteConfig

MAX_ENTRIES = 100


def atom_feed(parts: Sequence[Parts], site: SiteConfig) -> bytes:
    """The newest MAX_ENTRIES programmes by publication date (then year and id, newest first)."""
    entries = sorted(parts, key=lambda p: (p.feed_date, p.year, p.id), reverse=True)[:MAX_ENTRIES]
    updated = max((p.feed_date for p in entries), default=site.data_date or EPOCH)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
        f"  <title>{xml_escape(site.title)}</title>",
        f"  <id>{xml_escape(absolute(site.site_url, ''))}</id>",
        f'  <link rel="self" href="{xml_escape(absolute(site.site_url, "feed.xml"))}"/>',
        f'  <link href="{xml_escape(absolute(site.site_url, ""))}"/>',
        f"  <updated>{stamp(updated)}</updated>",
        f"  <author><name>{xml_escape(site.publisher or site.title)}</name></author>",
        *(p.feed_entry for p in entries),
        "</feed>",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")
