"""Results of pure work kept in the build cache under one kind, found again by all they depend on.

The pages MkDocs converts from docs/*.md are the case: about 470 KB of Markdown, converted again
by every build (0.44–0.70 s of CPU on this project's ten pages, measured 2026-12-06 under load,
on the one thread every build waits for), though a data commit never changes them. The entries
are plain blobs of the build cache (perfsite.site.buildcache): checksummed, written aside and
renamed, pruned when a build did not use them."""

from __future__ import annotations

from dataclasses import dataclass

from perfsite.site.buildcache import BuildCache


@dataclass
class Memo:
    """Blobs of one `kind` (a folder of the build cache); `used` is the build's set of entries to keep."""

    cache: BuildCache
    kind: str
    used: set[tuple[str, str]]

    def key(self, *parts: str) -> str:
        """The key of a result that depends on `parts` (and on perfsite's version)."""
        return self.cache.key(self.kind, *parts)

    def get(self, key: str) -> bytes | None:
        """The result stored under `key`, or None (absent or damaged: do the work)."""
        found = self.cache.read(self.kind, key)
        if found is not None:
            self.used.add((self.kind, key))
        return found

    def put(self, key: str, payload: bytes) -> None:
        self.cache.write(self.kind, key, payload)
        self.used.add((self.kind, key))
