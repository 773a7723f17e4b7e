"""Ordering and joining verified word forms: which of several valid spellings to offer first,
and how per-word options become a short list of phrases.

Pure string work, apart from the inflector that makes the forms, so that its rules can be read
(and tested) without a paradigm in mind.
"""

from __future__ import annotations

from collections.abc import Sequence

_FOLD = str.maketrans("äöyå", "aouo")


def fold_harmony(word: str) -> str:
    """Spelling with harmony folded away, so ``sähköisten`` can vouch for ``digitaalisten``."""
    return word.lower().translate(_FOLD)


def common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def rank_like(forms: Sequence[str], like: str | None) -> list[str]:
    """``forms`` with the one whose ending best matches the author's word ``like`` first.

    Only the order changes, and ties keep the generator's order, so ``like`` can choose
    between valid variants (``palvelujen``/``palveluiden``) but never introduce a form.
    """
    if not like or len(forms) < 2:
        return list(forms)
    target = fold_harmony(like)
    return sorted(forms, key=lambda f: -common_suffix(fold_harmony(f), target))


def common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def combine(options: Sequence[Sequence[str]], limit: int = 8) -> list[str]:
    """Phrases from per-word options: the best of each first, then one word varied at a time
    (last word first), so the list stays short and ordered by how far it strays."""
    best = [o[0] for o in options]
    out = [" ".join(best)]
    for index in reversed(range(len(options))):
        for alternative in options[index][1:]:
            words = list(best)
            words[index] = alternative
            phrase = " ".join(words)
            if phrase not in out:
                out.append(phrase)
            if len(out) >= limit:
                return out
    return out
