"""Build-stage timings for logs and the bench: seconds and megabytes, not published figures.

They are floats on purpose (measurements), shortened by formatting; published figures go through
`perfsite.decimals` instead.
"""

from __future__ import annotations

import logging
import time

log = logging.getLogger("mkdocs.plugins.perfsite")
"""The build's log to the operator (MkDocs shows its plugins' INFO lines): one logger for every
module of the build, so a handler or level set on it reaches all of them."""


def figure(value: float, places: int = 2) -> float:
    """A measurement shortened to `places` decimals for a report."""
    return float(f"{value:.{places}f}")


def since(started: float) -> float:
    """Seconds since a `time.perf_counter()` reading, to 2 places."""
    return figure(time.perf_counter() - started)
