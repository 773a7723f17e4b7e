"""Split segment text into words with exact offsets, and mark what a phrase may not cross.

Offsets are positions in the segment text, never recomputed from the word: a soft hyphen inside
a word stays inside the token's span (the analyser sees the word without it), and masked ranges
(placeholders, code, URLs) produce no token and a barrier instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

_W = r"(?:[^\W_]|[\u00ad\u0300-\u036f])"
#: A word: letters and digits, joined by inner hyphens, colons (``THL:n``) or apostrophes; a
#: trailing hyphen is kept only before a comma or a conjunction (coordinated ellipsis).
WORD = re.compile(
    rf"{_W}+(?:[-\u2010:'\u2019]{_W}+)*"
    r"(?:[-\u2010](?=\s*,|\s+(?:ja|tai|sekä|eli|taikka|ynnä|och|eller|samt)\b))?"
)
#: Punctuation that ends a clause: no multi-word term spans it.
_BREAK = re.compile(r"[.!?;:\u2026()\[\]{}\"“”«»|/\\<>=*#]|\n[ \t]*\n")


def words(
    text: str, masks: Sequence[tuple[int, int]] = (), start: int = 0, end: int | None = None
) -> Iterator[tuple[int, int, bool]]:
    """Yield ``(start, end, barrier_before)`` for each word of ``text[start:end]`` outside the
    masks; offsets are positions in the whole ``text``."""
    mask_iter = iter(sorted(masks))
    mask = next(mask_iter, None)
    prev_end = start
    barrier = False
    for m in WORD.finditer(text, start, len(text) if end is None else end):
        w_start, w_end = m.span()
        while mask is not None and mask[1] <= w_start:
            barrier = True
            mask = next(mask_iter, None)
        if mask is not None and mask[0] < w_end and w_start < mask[1]:
            barrier = True
            continue
        if _BREAK.search(text, prev_end, w_start):
            barrier = True
        yield w_start, w_end, barrier
        barrier = False
        prev_end = w_end
