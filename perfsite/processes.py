"""How many worker processes a command may start: one per core, or $PERFSITE_JOBS.

Kept apart from the build's workers (perfsite.site.workers costs 0.25 s to import) so that
`perfsite import` reads the same setting without loading the site code.
"""

from __future__ import annotations

import os


def jobs() -> int:
    """Worker count: $PERFSITE_JOBS, else one per core."""
    return max(1, int(os.environ.get("PERFSITE_JOBS") or os.cpu_count() or 1))
