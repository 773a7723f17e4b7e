"""Find the few clauses worth analysing before any word is analysed.

Most UI strings hold no vocabulary word at all. Every hit starts with a word whose reading
contains one of the patterns' first-slot lemmas, and every surface form of such a word contains
the *paradigm stem* of that lemma (*e-palvel-* for *e-palvelu*, *sähkö-* for *sähköinen*). One
automaton over those stems, in every umlaut spelling so that misspellings with missing
umlauts still pass, tells which clauses to tokenise and analyse.

The cut is lossless: a clause is bounded by sentence punctuation followed by white space or by
a blank line, and the matcher never lets a phrase cross either, so analysing whole clauses
around candidates yields exactly the hits of analysing everything. A clause with a soft hyphen
or a combining mark is always analysed, since such a character could split a stem.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

#: Clause boundaries: sentence punctuation followed by white space, or a blank line.
BOUNDARY = re.compile(r"[.!?;](?=\s)|\n[ \t]*\r?\n")
#: Characters that can hide a stem inside a word; their presence disables the prefilter.
UNSAFE = re.compile("[\u00ad\u0300-\u036f]")

#: Characters lower-cased and searched at a time.
CHUNK = 1 << 20

_VARIANTS = {"a": "aä", "ä": "aä", "o": "oö", "ö": "oö", "å": "åa", "-": "-\u2010"}


def variants(stem: str) -> list[str]:
    """``stem`` lower-cased with every umlaut dropped or added (``sähkö`` → ``sahko`` …)."""
    options = [_VARIANTS.get(ch, ch) for ch in stem.lower()]
    return ["".join(p) for p in itertools.product(*options)]


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


class Candidates:
    """Where candidate words are: an Aho-Corasick automaton over the stems' spellings.

    One pass of a compiled automaton (ahocorasick-rs) over the lower-cased text finds every
    stem in every umlaut spelling at once; a regular-expression alternation of the same
    spellings is several times slower on megabytes of text. ``fuzzy_starts`` are the first
    letters of unanalysable terms (*epa* for *epalvelu*), which count only at a word start.
    """

    def __init__(self, stems: Iterable[str], fuzzy_starts: Iterable[str] = ()) -> None:
        import ahocorasick_rs

        spellings: list[str] = []
        word_start: list[bool] = []
        for stem in sorted({s for s in stems if s}):
            for spelling in variants(stem):
                spellings.append(spelling)
                word_start.append(False)
        for start in sorted({f[:3] for f in fuzzy_starts if len(f) >= 3}):
            for spelling in {start, start[0] + "-" + start[1:], start[0] + "\u2010" + start[1:]}:
                spellings.append(spelling)
                word_start.append(True)
        self.spellings = tuple(spellings)
        self._word_start = tuple(word_start)
        self._automaton = ahocorasick_rs.AhoCorasick(spellings) if spellings else None

    def positions(self, text: str) -> list[int]:
        """Start offsets of candidate stems in ``text``, ascending.

        Long texts are lower-cased and searched a chunk at a time (chunks overlap by the
        longest spelling), so a 70 MB file does not need a second full-size copy.
        """
        if self._automaton is None:
            return []
        overlap = max(map(len, self.spellings)) - 1
        found: list[int] = []
        for base in range(0, len(text), CHUNK):
            end = min(len(text), base + CHUNK)
            piece = text[base : end + overlap]
            low = piece.lower()
            if len(low) != len(piece):
                # A few characters (such as U+0130) lower-case to two; keep offsets aligned.
                low = "".join(c if len(c.lower()) != 1 else c.lower() for c in piece)
            for index, start, _ in self._automaton.find_matches_as_indexes(low, overlapping=True):
                if start >= end - base:
                    continue  # found again, whole, in the next chunk
                at = base + start
                if self._word_start[index] and at > 0 and (text[at - 1].isalnum()
                                                           or text[at - 1] == "_"):
                    continue
                found.append(at)
        found.sort()
        return found


def _clause_start(text: str, position: int) -> int:
    """Where the clause holding ``position`` starts: just after the last boundary before it.

    The search looks back in growing steps instead of scanning the whole text, so a megabyte
    of text with a few candidates costs a few short searches.
    """
    step = 512
    low = position
    while low > 0:
        low = max(0, low - step)
        last = None
        for last in BOUNDARY.finditer(text, low, position):  # noqa: B007 - want the last one
            pass
        if last is not None:
            return last.end()
        step *= 8
    return 0


Window = tuple[int, int, "list[int] | None"]


def clause_windows(text: str, candidates: Candidates) -> list[Window]:
    """Clause spans holding a candidate or a character that could hide one; ``[]`` if none.

    Each window is ``(start, end, anchors)``: the candidate offsets inside it, where a match
    can begin, or None for a clause with a soft hyphen or a combining mark, where any word
    may begin one.
    """
    unsafe = {m.start() for m in UNSAFE.finditer(text)}
    windows: list[Window] = []
    for position in sorted({*candidates.positions(text), *unsafe}):
        if windows and position < windows[-1][1]:
            start, end, anchors = windows[-1]
        else:
            boundary = BOUNDARY.search(text, position)
            start = _clause_start(text, position)
            end = boundary.start() if boundary else len(text)
            anchors = []
            windows.append((start, end, anchors))
        if anchors is None:
            continue
        if position in unsafe:
            windows[-1] = (start, end, None)
        else:
            anchors.append(position)
    return windows
