"""Split segment text into words with exact offsets, and mark what a phrase may not cross.

Offsets are positions in the segment text, never recomputed from the word: a soft hyphen inside
a word stays inside the token's span (the analyser sees the word without it), and masked ranges
(placeholders, code, URLs) produce no token and a barrier instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

#: Characters that show nothing and join nothing in Finnish or Swedish text: the soft hyphen
#: (U+00AD), zero-width space, non-joiner and joiner (U+200B–U+200D), word joiner (U+2060)
#: and a byte order mark inside text (U+FEFF). Inside a word they stay in the token's span but
#: the analyser reads the word without them, so none of them can hide a deprecated term.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
_W = rf"(?:[^\W_]|[{INVISIBLE}\u0300-\u036f])"
#: A word: letters and digits, joined by inner hyphens, colons (``THL:n``) or apostrophes; a
#: trailing hyphen is kept only before a comma or a conjunction (coordinated ellipsis).
WORD = re.compile(
    rf"{_W}+(?:[-\u2010:'\u2019]{_W}+)*"
    r"(?:[-\u2010](?=\s*,|\s+(?:ja|tai|sekä|eli|taikka|ynnä|och|eller|samt)\b))?"
)
#: :data:`WORD` for text with no invisible character or combining mark, where the two are the same:
#: one character class repeated is matched twice as fast as an alternation repeated.
_PLAIN_WORD = re.compile(
    r"[^\W_]+(?:[-\u2010:'\u2019][^\W_]+)*"
    r"(?:[-\u2010](?=\s*,|\s+(?:ja|tai|sekä|eli|taikka|ynnä|och|eller|samt)\b))?"
)
_HIDDEN_IN_WORDS = re.compile(f"[{INVISIBLE}\u0300-\u036f]")
#: Punctuation that ends a clause: no multi-word term spans it. A blank line ends one too, in
#: CRLF files as well (the prefilter's clause boundary is the same).
_BREAK = re.compile(r"[.!?;:\u2026()\[\]{}\"“”«»|/\\<>=*#]|\n[ \t]*\r?\n")


def words(
    text: str, masks: Sequence[tuple[int, int]] = (), start: int = 0, end: int | None = None
) -> Iterator[tuple[int, int, bool]]:
    """Yield ``(start, end, barrier_before)`` for each word of ``text[start:end]`` outside the
    masks; offsets are positions in the whole ``text``."""
    return iter(word_spans(text, masks, start, end))


def word_spans(
    text: str, masks: Sequence[tuple[int, int]] = (), start: int = 0, end: int | None = None
) -> list[tuple[int, int, bool]]:
    """The words of :func:`words` as a list.

    The engine splits every clause that holds a candidate stem, so this is on the hot path:
    the usual gap between two words is one space, which is told apart from a clause break
    without a regular-expression search.
    """
    stop = len(text) if end is None else end
    spans: list[tuple[int, int, bool]] = []
    prev_end = start
    word = WORD if _HIDDEN_IN_WORDS.search(text, start, stop) else _PLAIN_WORD
    if not masks:
        for m in word.finditer(text, start, stop):
            w_start, w_end = m.span()
            if w_start == prev_end + 1 and text[prev_end] == " ":
                spans.append((w_start, w_end, False))
            else:
                spans.append((w_start, w_end, _BREAK.search(text, prev_end, w_start) is not None))
            prev_end = w_end
        return spans
    mask_iter = iter(sorted(masks))
    mask = next(mask_iter, None)
    barrier = False
    for m in word.finditer(text, start, stop):
        w_start, w_end = m.span()
        while mask is not None and mask[1] <= w_start:
            barrier = True
            mask = next(mask_iter, None)
        if mask is not None and mask[0] < w_end and w_start < mask[1]:
            barrier = True
            continue
        if _BREAK.search(text, prev_end, w_start):
            barrier = True
        spans.append((w_start, w_end, barrier))
        barrier = False
        prev_end = w_end
    return spans
