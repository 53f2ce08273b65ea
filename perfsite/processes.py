"""How many worker processes a command may start: one per core, or $PERFSITE_JOBS; none without fork.

Kept apart from the build's workers (perfsite.site.workers costs 0.25 s to import) so that
`perfsite import` reads the same setting without loading the site code.
"""

from __future__ import annotations

import multiprocessing as mp
import os


def jobs() -> int:
    """Worker count: $PERFSITE_JOBS, else one per core."""
    return max(1, int(os.environ.get("PERFSITE_JOBS") or os.cpu_count() or 1))


def can_fork() -> bool:
    """Workers are forked, inheriting the loaded code and data; where fork is missing (Windows)
    build, check and import run in one process, as with PERFSITE_JOBS=1."""
    return "fork" in mp.get_all_start_methods()
