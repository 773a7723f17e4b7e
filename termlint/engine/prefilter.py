"""Find the few clauses worth analysing before any word is analysed.

Most UI strings hold no vocabulary word at all. Every hit starts with a word whose reading
contains one of the patterns' first-slot lemmas, and every surface form of such a word contains
the *paradigm stem* of that lemma (*palvel-* for *palvelu*, *sähköi-* for *sähköinen*). One
compiled regular expression over those stems, umlaut-insensitive so that misspellings with
missing umlauts still pass, tells which clauses to tokenise and analyse.

The cut is lossless: a clause is bounded by sentence punctuation followed by white space or by
a blank line, and the matcher never lets a phrase cross either, so analysing whole clauses
around candidates yields exactly the hits of analysing everything. Texts with soft hyphens or
combining marks inside words are analysed whole, since a stem could be split by them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable

#: Clause boundaries: sentence punctuation followed by white space, or a blank line.
BOUNDARY = re.compile(r"[.!?;](?=\s)|\n[ \t]*\r?\n")
#: Characters that can hide a stem inside a word; their presence disables the prefilter.
UNSAFE = re.compile("[\u00ad\u0300-\u036f]")

_VARIANTS = {"a": "aä", "ä": "aä", "o": "oö", "ö": "oö", "å": "åa", "-": "-\u2010"}


def stem_pattern(stem: str) -> str:
    """A regex for ``stem`` that also matches it with umlauts dropped or added."""
    out: list[str] = []
    for ch in stem.lower():
        variants = _VARIANTS.get(ch)
        out.append(f"[{re.escape(variants)}]" if variants else re.escape(ch))
    return "".join(out)


def heuristic_stem(lemma: str) -> str:
    """A stem short enough to survive consonant gradation and stem vowel changes."""
    return lemma[: max(3, len(lemma) - 4)]


def common_prefix(words: Iterable[str]) -> str:
    items = [w.lower() for w in words]
    if not items:
        return ""
    first, last = min(items), max(items)
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return first[:size]


def build_regex(
    keys: Iterable[str], fuzzy_starts: Iterable[str], stem_of: Callable[[str], str]
) -> re.Pattern[str]:
    """One case-insensitive regex matching any candidate word start or stem."""
    stems = sorted({stem_of(k) for k in keys if k}, key=len, reverse=True)
    alternatives = [stem_pattern(s) for s in stems]
    for start in sorted(set(fuzzy_starts)):
        # Unknown words resembling an unanalysable term (``epalvelu``) are matched by their
        # first two letters, with an optional hyphen between them.
        if len(start) >= 2:
            alternatives.append(
                r"(?<![^\W_])" + stem_pattern(start[0]) + "[-\u2010]?" + stem_pattern(start[1])
            )
    if not alternatives:
        return re.compile(r"(?!)")
    return re.compile("|".join(alternatives), re.IGNORECASE)


def clause_windows(text: str, candidates: re.Pattern[str]) -> list[tuple[int, int]] | None:
    """Clause spans holding a candidate; ``[]`` when none, None when the text is unsafe."""
    if UNSAFE.search(text):
        return None
    first = candidates.search(text)
    if first is None:
        return []
    starts: list[int] = [0]
    ends: list[int] = []
    for boundary in BOUNDARY.finditer(text):
        ends.append(boundary.start())
        starts.append(boundary.end())
    ends.append(len(text))
    windows: list[tuple[int, int]] = []
    for match in candidates.finditer(text, first.start()):
        at = bisect.bisect_right(starts, match.start()) - 1
        span = (starts[at], ends[at])
        if not windows or windows[-1] != span:
            windows.append(span)
    return windows
