"""The data licence in machine-readable form, for datapackage.json, data.json (DCAT) and the
schema.org block of the 数据下载 page.

site.yaml's `licence` is free text. A licence it names (CC BY 4.0, CC0, ODC-By, ODbL, PDDL) is
published with its identifier and address; an address written in the text is the licence's
address; other text (and no text) points at the site's own 隐私与版权 page, whose 版权与数据许可
section says what today's site says: the licence text if any, and that a citation must name the
source. So a harvester always finds a licence address, and never one the bureau did not choose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from perfsite.opendata.parts import absolute

KNOWN = (
    (re.compile(r"cc[\s-]*by[\s-]*4\.0|署名\s*4\.0"), "CC-BY-4.0", "Creative Commons Attribution 4.0 International",
     "https://creativecommons.org/licenses/by/4.0/"),
    (re.compile(r"cc[\s-]*0|cc\s*zero"), "CC0-1.0", "Creative Commons Zero v1.0 Universal",
     "https://creativecommons.org/publicdomain/zero/1.0/"),
    (re.compile(r"odc[\s-]*by"), "ODC-By-1.0", "Open Data Commons Attribution License v1.0",
     "https://opendatacommons.org/licenses/by/1-0/"),
    (re.compile(r"odbl"), "ODbL-1.0", "Open Data Commons Open Database License v1.0",
     "https://opendatacommons.org/licenses/odbl/1-0/"),
    (re.compile(r"pddl"), "PDDL-1.0", "Open Data Commons Public Domain Dedication and License v1.0",
     "https://opendatacommons.org/licenses/pddl/1-0/"),
)
"""(pattern in the lower-cased text, SPDX identifier, title, address) of licences recognised by name."""
URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
TERMS_PAGE = "privacy/#licence"
"""The 版权与数据许可 section of the 隐私与版权 page (perfsite/site/about.py, about.html)."""
DEFAULT_TITLE = "引用时请注明来源（本站名称与页面网址）"
"""What the site says about reuse when site.yaml gives no licence (about.html)."""


class Licensed(Protocol):
    """site.yaml's settings as SiteConfig holds them (a Protocol so tests can pass a stand-in)."""

    licence: str
    site_url: str


@dataclass(frozen=True)
class Licence:
    """`name`: SPDX identifier ("" for a licence of the bureau's own); `title`; `path`: its address."""

    name: str
    title: str
    path: str

    def datapackage(self) -> dict[str, str]:
        """A Data Package `licenses` entry (name only when it is an Open Definition identifier)."""
        entry = {"name": self.name} if self.name else {}
        return entry | {"path": self.path, "title": self.title}


def licence_of(site: Licensed) -> Licence:
    text = site.licence.strip()
    lowered = text.lower()
    for pattern, name, title, url in KNOWN:
        if pattern.search(lowered):
            return Licence(name, text or title, url)
    written = URL.search(text)
    if written:
        return Licence("", text, written.group(0).rstrip(".,;)）。，；"))
    return Licence("", text or DEFAULT_TITLE, absolute(site.site_url, TERMS_PAGE))
