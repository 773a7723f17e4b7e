"""Finnish morphology: tokens with exact offsets, analyses through Voikko, and inflection.

This package knows words, not rules or files: the engine asks it what a word is, and (for
suggestions) how to say a lemma in a given form.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import Protocol, overload

from termlint.model import Analysis, Token
from termlint.morphology.analyzer import (
    AnalyzerUnavailable,
    Backend,
    LibvoikkoBackend,
    Morphology,
    load_backend,
    normalize,
)
from termlint.morphology.tokenize import word_spans, words

_CONJUNCTION_HYPHEN = ("-", "\u2010")


class WordAnalyzer(Protocol):
    """What the engine needs of a language's morphology (Finnish: :class:`Morphology`)."""

    def analyze(self, word: str) -> tuple[Analysis, ...]: ...

    def repair_diacritics(self, word: str) -> tuple[str, tuple[Analysis, ...]]: ...


def tokenize(
    text: str,
    morphology: WordAnalyzer,
    masks: Sequence[tuple[int, int]] = (),
    start: int = 0,
    end: int | None = None,
) -> list[Token]:
    """Tokens of ``text[start:end]`` with their analyses; masks give barriers, not tokens."""
    return list(LazyTokens(text, morphology, masks, start, end))


class LazyTokens(Sequence[Token]):
    """The tokens of ``text[start:end]``, each analysed the first time it is looked at.

    Most words of a clause that holds a vocabulary stem are never inspected by the matcher:
    only the words at a candidate and the few after it are. Splitting into words is cheap;
    analysing is not, so it waits. ``finish`` may adjust a token once it is analysed (the
    engine restores umlauts there).
    """

    def __init__(
        self,
        text: str,
        morphology: WordAnalyzer,
        masks: Sequence[tuple[int, int]] = (),
        start: int = 0,
        end: int | None = None,
        finish: Callable[[Token], Token] | None = None,
    ) -> None:
        self._text = text
        self._morphology = morphology
        self._finish = finish
        self._spans = word_spans(text, masks, start, end)
        self._starts = [s for s, _, _ in self._spans]
        self._done: list[Token | None] = [None] * len(self._spans)

    def __len__(self) -> int:
        return len(self._spans)

    @overload
    def __getitem__(self, index: int) -> Token: ...

    @overload
    def __getitem__(self, index: slice) -> list[Token]: ...

    def __getitem__(self, index: int | slice) -> Token | list[Token]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        token = self._done[index]
        if token is None:
            w_start, w_end, barrier = self._spans[index]
            surface = self._text[w_start:w_end]
            token = Token(text=surface, start=w_start, end=w_end,
                          analyses=self._morphology.analyze(surface),
                          ellipsis=surface.endswith(_CONJUNCTION_HYPHEN),
                          barrier_before=barrier)
            if self._finish is not None:
                token = self._finish(token)
            self._done[index] = token
        return token

    def index_at(self, offset: int) -> int | None:
        """The index of the token that contains ``offset``, if any."""
        at = bisect.bisect_right(self._starts, offset) - 1
        if at >= 0 and offset < self._spans[at][1]:
            return at
        return None


__all__ = [
    "AnalyzerUnavailable",
    "Backend",
    "LazyTokens",
    "LibvoikkoBackend",
    "Morphology",
    "WordAnalyzer",
    "load_backend",
    "normalize",
    "tokenize",
    "words",
]
