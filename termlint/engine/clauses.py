"""Clauses and spans: the small structures the scan consults for every candidate.

Whether a clause can hold a pattern at all (:class:`Possible`), the masks inside a clause for
the clause memo (:class:`Masks`), token ranges covered by exceptions (:class:`Blocked`), and
text with hidden markup blanked out. They are kept apart from :class:`~termlint.engine.Engine`
because each is a plain data structure with its own invariant, tested on its own.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from termlint.engine.patterns import Pattern, fold
from termlint.morphology import LazyTokens

if TYPE_CHECKING:
    from termlint.engine.tables import Tables


def exception_token_starts(tables: Tables, tokens: LazyTokens, text: str, start: int,
                           end: int) -> list[int]:
    """Indices of the tokens of ``text[start:end]`` where an exception may begin."""
    return token_indices(tokens, (
        start + p for p in tables.exception_candidates.positions(text[start:end])))


def token_indices(tokens: LazyTokens, offsets: Iterable[int]) -> list[int]:
    """Indices of the tokens holding ``offsets``, in order, each once."""
    return sorted({i for i in map(tokens.index_at, offsets) if i is not None})


class Possible:
    """Whether a clause holds a stem of each word of a pattern after the first (see
    :attr:`Tables.required`); the clause is folded once, when first asked. Without a clause
    (no prefilter) every pattern is possible."""

    def __init__(self, text: str, clause: tuple[int, int] | None,
                 required: Callable[[Pattern], tuple[tuple[str, ...], ...]]) -> None:
        self._text = text
        self._clause = clause
        self._required = required
        self._folded: str | None = None
        #: Answers per pattern: a long clause with thousands of candidates asks each pattern
        #: again and again, and every answer is a search through the whole clause.
        self._known: dict[int, bool] = {}

    def __call__(self, pattern: Pattern) -> bool:
        if self._clause is None:
            return True
        known = self._known.get(id(pattern))
        if known is not None:
            return known
        folded = self._clause_folded(self._clause)
        known = True
        for group in self._required(pattern):  # loops, not all(any(...)): no generator frames
            for stem in group:
                if stem in folded:
                    break
            else:
                known = False
                break
        self._known[id(pattern)] = known
        return known

    def excludes(self, stems: tuple[str, ...] | None) -> bool:
        """True when the clause holds none of ``stems`` (None: cannot tell, so False)."""
        if stems is None or self._clause is None:
            return False
        folded = self._clause_folded(self._clause)
        return all(stem not in folded for stem in stems)

    def _clause_folded(self, clause: tuple[int, int]) -> str:
        """The clause's text folded (see :func:`fold`), once, when first asked."""
        if self._folded is None:
            self._folded = fold(self._text[clause[0]:clause[1]])
        return self._folded


class Spans:
    """Spans sorted by start, with the furthest end reached by any span starting at or before
    each one: which spans meet a range is then two bisections, not a scan of them all (a
    segment may have thousands of placeholders, a long clause many exceptions)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        self.reach = list(itertools.accumulate((b for _, b in self.spans), max))


class Masks(Spans):
    """A segment's masks, for the clause memo's key: the masks inside a clause, relative to
    its start."""

    def within(self, start: int, end: int) -> tuple[tuple[int, int], ...]:
        """The masks overlapping ``[start, end)``, shifted by ``-start``, in order."""
        if not self.spans:
            return ()
        stop = bisect.bisect_left(self.starts, end)
        first = bisect.bisect_right(self.reach, start, 0, stop)
        return tuple((a - start, b - start) for a, b in self.spans[first:stop] if b > start)


class Blocked(Spans):
    """Token ranges (first and last token, both included) covered by exceptions."""

    def overlaps(self, first: int, last: int) -> bool:
        at = bisect.bisect_right(self.starts, last)
        return at > 0 and self.reach[at - 1] >= first


def blank(text: str, hidden: Sequence[tuple[int, int]]) -> str:
    """``text`` with hidden markup replaced by spaces: same offsets, no words, no barriers."""
    if not hidden:
        return text
    chars = list(text)
    for start, end in hidden:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
