"""Atom feed of published programmes and 绩效目标表 and of their corrections; dates come from the data
(`published`, a 更正记录's date), never the clock."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from perfsite.opendata.parts import EPOCH, Parts, absolute, stamp, xml_escape
from perfsite.siteconfig import SiteConfig

MAX_ENTRIES = 100

FeedItem = tuple[str, int, str, int, str]
"""(date, year, id, order, entry): a document's entry, ordered by date, then year and id, then
`order` (0 for a programme, its corrections 1, 2 … after it)."""

TARGET_ORDER = 1000
"""A 绩效目标表's entry sorts after its programme-year's 自评 entries; its corrections after it."""


class Entry(Protocol):
    """A document's feed entry with what orders it (a target table's TargetPart)."""

    @property
    def year(self) -> int: ...
    @property
    def id(self) -> str: ...
    @property
    def feed_date(self) -> str: ...
    @property
    def feed_entry(self) -> str: ...


def target_item(entry: Entry) -> FeedItem:
    """A 绩效目标表's own entry as a FeedItem."""
    return (entry.feed_date, entry.year, entry.id, TARGET_ORDER, entry.feed_entry)


def feed_items(parts: Sequence[Parts]) -> list[FeedItem]:
    """Every programme's entry and one entry per correction of it."""
    items: list[FeedItem] = [(p.feed_date, p.year, p.id, 0, p.feed_entry) for p in parts]
    items += [(date, p.year, p.id, number, entry)
              for p in parts for number, (date, entry) in enumerate(p.corrections, 1)]
    return items


def atom_feed(parts: Sequence[Parts], site: SiteConfig, others: Sequence[FeedItem] = ()) -> bytes:
    """The newest MAX_ENTRIES entries (then by year and id, newest first): programmes, their
    corrections, and `others` (the corrections of other document kinds, as FeedItems)."""
    entries = sorted([*feed_items(parts), *others], reverse=True)[:MAX_ENTRIES]
    updated = max((item[0] for item in entries), default=site.data_date or EPOCH)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
        f"  <title>{xml_escape(site.title)}</title>",
        f"  <id>{xml_escape(absolute(site.site_url, ''))}</id>",
        f'  <link rel="self" href="{xml_escape(absolute(site.site_url, "feed.xml"))}"/>',
        f'  <link href="{xml_escape(absolute(site.site_url, ""))}"/>',
        f"  <updated>{stamp(updated)}</updated>",
        f"  <author><name>{xml_escape(site.publisher or site.title)}</name></author>",
        *(item[4] for item in entries),
        "</feed>",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")
