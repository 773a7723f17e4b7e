"""Letters of other scripts that look like Latin ones, for words that mix the two.

A deprecated term written with a Cyrillic *а* or *о* in place of the Latin letter
(``sähkоisiä`` with U+043E) looks the same on screen, but no analyser reads it, so nothing
would flag it. A word that mixes Latin letters with such look-alikes is read a second time
with the look-alikes folded to Latin; a match found that way is reported at lower confidence
(as a possible misspelling) and never fixed automatically, since the writer's intent is
unknown. A word written wholly in another script is left alone: Russian or Greek text is not
Finnish in disguise.
"""

from __future__ import annotations

import re

#: Cyrillic and Greek letters that render like a Latin letter in common fonts (a subset of
#: Unicode's confusables list: only single letters that look the same, both cases).
LOOKALIKES = {
    # Cyrillic
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
    "ј": "j", "ѕ": "s", "һ": "h", "ԁ": "d", "ӓ": "ä", "ӧ": "ö", "к": "k",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S", "Ӓ": "Ä",
    "Ӧ": "Ö",
    # Greek
    "ο": "o", "α": "a", "ν": "v", "ι": "i", "κ": "k", "Α": "A", "Β": "B", "Ε": "E",
    "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P",
    "Τ": "T", "Υ": "Y", "Χ": "X",
}
LOOKALIKE_RE = re.compile("[" + "".join(LOOKALIKES) + "]")
#: ``str.translate`` table folding each look-alike to its Latin letter.
LOOKALIKE_TABLE = str.maketrans(LOOKALIKES)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
#: Letters of the two scripts that have no Latin look-alike: a word with one is written in
#: that script, not disguised.
_OTHER = re.compile("[\u0370-\u03ff\u0400-\u04ff]")


def fold_lookalikes(word: str) -> str | None:
    """``word`` with its look-alike letters made Latin, if it mixes Latin letters with
    look-alikes (and with no other letter of their scripts); None otherwise."""
    if word.isascii() or not LOOKALIKE_RE.search(word) or not _LATIN.search(word):
        return None
    folded = word.translate(LOOKALIKE_TABLE)
    return None if _OTHER.search(folded) else folded
