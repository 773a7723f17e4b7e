"""The ``termlint`` console script, kept apart from :mod:`termlint.cli` so that it can tune
the interpreter before the command line's imports run.

A run allocates mostly acyclic objects that reference counting frees: imported modules and
functions, compiled patterns, tokens and findings. With the collector's default threshold
(a collection every 700 net allocations) a check of a few megabytes spends several
per cent of its time traversing them for cycles that are not there. A higher first threshold
keeps collection for the garbage that needs it, at no cost in peak memory that a benchmark
of 72 MB of text could see (cyclic garbage is still collected, a little later).
"""

from __future__ import annotations

import gc

#: Allocations between two young-generation collections (Python's default: 700).
YOUNG_THRESHOLD = 50_000


def entry() -> None:
    """Raise the collector's threshold, then run :func:`termlint.cli.entry`."""
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, older, oldest)
    from termlint.cli import entry as run

    run()
