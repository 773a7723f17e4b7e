"""What an analyser backend is: the attribute dictionaries it answers with, the error it raises
when it cannot load, and the small helpers both backends share.

It sits below :mod:`~termlint.morphology.libvoikko_backend`,
:mod:`~termlint.morphology.pyvoikko_backend` and :mod:`~termlint.morphology.analyzer`, so that
the backends need not import the analyser that chooses between them (they used to, in a circle).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Mapping, Sequence
from typing import Protocol

RawAnalysis = Mapping[str, str]


class AnalyzerUnavailable(RuntimeError):
    """The morphology backend cannot be loaded (library or dictionary missing)."""


class Backend(Protocol):
    """What termlint needs from an analyser: Voikko-style attribute dictionaries per word."""

    name: str

    def analyze(self, word: str) -> Sequence[RawAnalysis]: ...


def digest(facts: Sequence[str]) -> str:
    """A short name for ``facts`` (hashlib's OpenSSL would add milliseconds to start-up)."""
    import zlib

    raw = "\n".join(facts).encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"


_notice_lock = threading.Lock()
_notice_given = False


def notice(message: str) -> None:
    """Print a one-line notice to stderr, once per process."""
    global _notice_given
    with _notice_lock:
        if _notice_given:
            return
        _notice_given = True
    print(f"termlint: {message}", file=sys.stderr)
