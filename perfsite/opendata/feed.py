"""Atom feed of published programmes; dates come from the data (`published`), never the clock."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from perfsite.opendata.parts import EPOCH, absolute, stamp, xml_escape
from perfsite.siteconfig import SiteConfig

MAX_ENTRIES = 100


class Entry(Protocol):
    """A feed entry with what orders it: a programme's Parts, a target table's TargetPart."""

    @property
    def year(self) -> int: ...
    @property
    def id(self) -> str: ...
    @property
    def feed_date(self) -> str: ...
    @property
    def feed_entry(self) -> str: ...


def atom_feed(parts: Sequence[Entry], site: SiteConfig) -> bytes:
    """The newest MAX_ENTRIES documents (自评s and 绩效目标表) by publication date (then year and
    id, newest first)."""
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
