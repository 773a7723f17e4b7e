"""Finnish morphology: tokens with exact offsets, analyses through Voikko, and inflection.

This package knows words, not rules or files: the engine asks it what a word is, and (for
suggestions) how to say a lemma in a given form.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from termlint.model import Analysis, Token
from termlint.morphology.analyzer import (
    AnalyzerUnavailable,
    Backend,
    LibvoikkoBackend,
    Morphology,
    load_backend,
    normalize,
)
from termlint.morphology.tokenize import words

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
    tokens: list[Token] = []
    for w_start, w_end, barrier in words(text, masks, start, end):
        surface = text[w_start:w_end]
        ellipsis = surface.endswith(_CONJUNCTION_HYPHEN)
        tokens.append(
            Token(
                text=surface,
                start=w_start,
                end=w_end,
                analyses=morphology.analyze(surface),
                ellipsis=ellipsis,
                barrier_before=barrier,
            )
        )
    return tokens


__all__ = [
    "AnalyzerUnavailable",
    "Backend",
    "LibvoikkoBackend",
    "Morphology",
    "WordAnalyzer",
    "load_backend",
    "normalize",
    "tokenize",
    "words",
]
