"""Find the few clauses worth analysing before any word is analysed.

Most UI strings hold no vocabulary word at all. Every hit starts with a word whose reading
contains one of the patterns' first-slot lemmas, and every surface form of such a word contains
the *paradigm stem* of that lemma (*e-palvel-* for *e-palvelu*, *sähkö-* for *sähköinen*). One
automaton over those stems, in every umlaut spelling so that misspellings with missing
umlauts still pass, tells which clauses to tokenise and analyse.

The cut is lossless: a clause is bounded by sentence punctuation followed by white space or by
a blank line, and the matcher never lets a phrase cross either, so analysing whole clauses
around candidates yields exactly the hits of analysing everything. A clause with a soft hyphen,
a zero-width character or a combining mark is always analysed, since such a character could
split a stem.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence

from termlint.morphology.confusables import LOOKALIKE_RE, LOOKALIKE_TABLE, LOOKALIKES
from termlint.morphology.tokenize import INVISIBLE

#: Clause boundaries: sentence punctuation followed by white space, or a blank line.
BOUNDARY = re.compile(r"[.!?;](?=\s)|\n[ \t]*\r?\n")
#: Characters that can hide a stem inside a word; their presence disables the prefilter.
UNSAFE = re.compile(f"[{INVISIBLE}\u0300-\u036f{''.join(LOOKALIKES)}]")

_SURROGATE = re.compile("[\ud800-\udfff]")

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


#: Non-ASCII letters the byte search folds to lower case besides ASCII ones.
_CAPITALS = {"ä": "Ä", "ö": "Ö", "å": "Å"}


def _latin1_folding() -> bytes:
    """A ``bytes.translate`` table that lower-cases the Latin-1 bytes of ASCII letters and of
    *Ä*, *Ö* and *Å*: the spellings' letters are those, so a spelling is found in the folded
    bytes exactly where ``text.lower()`` holds it."""
    table = bytearray(range(256))
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = code + 32
    for lower, upper in _CAPITALS.items():
        table[ord(upper)] = ord(lower)
    return bytes(table)


_FOLD_LATIN1 = _latin1_folding()
#: Characters beyond Latin-1 that a chunk is searched as text for: the other hyphen, which
#: spellings hold (*e‐palvelu*), and two symbols that ``str.lower`` turns into a letter of a
#: stem although they are not that letter (KELVIN SIGN, ANGSTROM SIGN).
_AS_TEXT = frozenset("\u2010\u212a\u212b")
#: Characters beyond Latin-1 a chunk may hold and still be searched as bytes; a text in
#: another script is searched as text instead of being walked a character at a time.
MAX_WIDE = 4096

#: What a spelling of the automaton stands for.
STEM, WORD_START = 0, 1


class Candidates:
    """Where candidate words are: an Aho-Corasick automaton over the stems' spellings.

    One pass of a compiled automaton (ahocorasick-rs) finds every stem in every umlaut
    spelling at once; a regular-expression alternation of the same spellings is several times
    slower on megabytes of text. ``fuzzy_starts`` are the first letters of unanalysable terms
    (*epa* for *epalvelu*), which matter only at a word start (see :meth:`scan`). With
    ``unsafe``, :meth:`scan` also reports the characters that could hide a stem
    (:data:`UNSAFE`), found in the bytes already made for the search.

    The search runs on the text encoded as Latin-1, every character beyond it replaced by
    ``?``, and folded by one ``bytes.translate`` (:data:`_FOLD_LATIN1`: ASCII letters and
    *Ä*, *Ö*, *Å* lower-cased). One byte stands for one character, so an offset found is the
    character's offset, with no conversion; no lower-cased copy of the text is made; and a
    spelling (letters of ASCII and *ä*, *ö*, *å*) is found exactly where ``text.lower()``
    holds it. A chunk that holds one of the few characters beyond Latin-1 that matter
    (:data:`_AS_TEXT`), or that is mostly beyond it (another script), is searched as text.
    """

    def __init__(self, stems: Iterable[str], fuzzy_starts: Iterable[str] = (),
                 unsafe: bool = False) -> None:
        import ahocorasick_rs

        spellings: list[str] = []
        kinds: list[int] = []
        for stem in sorted({s for s in stems if s}):
            for spelling in variants(stem):
                spellings.append(spelling)
                kinds.append(STEM)
        for start in sorted({f[:3] for f in fuzzy_starts if len(f) >= 3}):
            for spelling in {start, start[0] + "-" + start[1:], start[0] + "\u2010" + start[1:]}:
                spellings.append(spelling)
                kinds.append(WORD_START)
        self.spellings = tuple(spellings)
        self._kinds = tuple(kinds)
        self._automaton: object | None = None  # the text automaton, built when first needed
        #: The byte search is exact only for spellings whose letters beyond ASCII are the
        #: ones :data:`_FOLD_LATIN1` folds; anything else is searched as lower-cased text.
        self._by_bytes = all(c.isascii() or c in _CAPITALS or c == "\u2010"
                             for spelling in spellings for c in spelling)
        #: Whether :meth:`scan` reports unsafe characters (else the caller looks for them).
        self.reports_unsafe = unsafe
        # A spelling with the other hyphen can match only in a chunk that holds one, and such
        # a chunk is searched as text: the byte automata go without it.
        in_bytes = [(sp.encode("latin-1"), kind) for sp, kind in zip(spellings, kinds,
                                                                     strict=True)
                    if self._by_bytes and "\u2010" not in sp]
        stem_bytes = [sp for sp, kind in in_bytes if kind == STEM]
        start_bytes = [sp for sp, kind in in_bytes if kind == WORD_START]
        #: Stems are searched leftmost-first, without overlaps, which a SIMD prefilter makes
        #: several times faster than reporting every overlapping occurrence. A skipped
        #: occurrence starts inside a reported one; when every spelling begins and ends with
        #: a letter, both lie in one word, and the engine only asks which words hold a stem.
        #: Word starts (*epa* of *epalvelu*) are searched in the same pass, anywhere in a
        #: word: that reports a few more words (*kepa…*), which the engine drops by the word
        #: itself, and spares a second, overlapping search for the starts alone.
        self._whole_words = all(sp[:1].isalnum() and sp[-1:].isalnum() for sp in spellings)
        self._stems = ahocorasick_rs.BytesAhoCorasick(stem_bytes) if stem_bytes else None
        self._first = (ahocorasick_rs.BytesAhoCorasick(
            stem_bytes + start_bytes, matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_FIRST)
            if (stem_bytes or start_bytes) and self._whole_words else None)
        self._starts = ahocorasick_rs.BytesAhoCorasick(start_bytes) if start_bytes else None
        self._overlap = max(map(len, spellings), default=1) - 1

    def positions(self, text: str) -> list[int]:
        """Start offsets of candidate stems in ``text``, ascending."""
        return self.scan(text)[0]

    def scan(self, text: str, lo: int = 0, hi: int | None = None, every: bool = False
             ) -> tuple[list[int], list[int]]:
        """Start offsets of candidate stems, and offsets of unsafe characters, ascending, in
        ``text[lo:hi]`` (offsets count from the start of ``text``).

        Every word that holds a stem, or begins with a word start, holds a reported offset
        (a word with a word start elsewhere in it may be reported too); with ``every``, each
        occurrence of each stem is reported, overlapping ones too, and word starts only at
        the start of a word. Long texts are searched a chunk at a time (chunks overlap by the
        longest spelling), so a 70 MB file needs no second full-size copy.
        """
        found: list[int] = []
        unsafe: list[int] = []
        if not self.spellings and not self.reports_unsafe:
            return found, unsafe
        stop = len(text) if hi is None else hi
        for base in range(lo, stop, CHUNK):
            end = min(stop, base + CHUNK)
            piece = text[base : end + self._overlap]
            data, wide = b"", None
            if self._by_bytes:
                data = piece.encode("latin-1", "replace")
                wide = _wide(piece, data)
            if wide is None or any(piece[at] in _AS_TEXT for at in wide):
                hits = self._text_hits(piece) if self.spellings else []
                unsafe_here = ([m.start() for m in UNSAFE.finditer(piece)]
                               if self.reports_unsafe else [])
            else:
                hits = self._byte_hits(data.translate(_FOLD_LATIN1), every)
                unsafe_here = _unsafe(piece, data, wide) if self.reports_unsafe else []
            unsafe.extend(base + at for at in unsafe_here if at < end - base)
            for kind, start in hits:
                if start >= end - base:
                    continue  # found again, whole, in the next chunk
                at = base + start
                if kind == WORD_START and at > 0 and (text[at - 1].isalnum()
                                                        or text[at - 1] == "_"):
                    continue
                found.append(at)
        found.sort()
        unsafe.sort()
        return found, unsafe

    def _byte_hits(self, data: bytes, every: bool = False) -> list[tuple[int, int]]:
        """``(kind, offset)`` of the spellings in the folded Latin-1 ``data`` (see
        :meth:`scan` for which), in order."""
        if self._first is not None and not every:
            # Stems and word starts alike, each counted as a stem (see __init__); a
            # leftmost-first search reports them in order.
            return [(STEM, at) for _, at, _ in self._first.find_matches_as_indexes(data)]
        raw: list[tuple[int, int]] = []
        if self._stems is not None:
            raw.extend((STEM, at) for _, at, _ in
                       self._stems.find_matches_as_indexes(data, overlapping=True))
        if self._starts is not None:
            raw.extend((WORD_START, at) for _, at, _ in
                       self._starts.find_matches_as_indexes(data, overlapping=True))
        raw.sort(key=lambda m: m[1])
        return raw

    def _text_hits(self, piece: str) -> list[tuple[int, int]]:
        """The same as :meth:`_byte_hits`, searching ``piece.lower()`` as text."""
        if self._automaton is None:
            import ahocorasick_rs

            self._automaton = ahocorasick_rs.AhoCorasick(list(self.spellings))
        # The text automaton takes no lone surrogates; U+FFFD is no letter either.
        piece = _SURROGATE.sub("\ufffd", piece)
        low = piece.lower()
        if len(low) != len(piece):
            # A few characters (such as U+0130) lower-case to two; keep offsets aligned.
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in piece)
        return [(self._kinds[index], start) for index, start, _
                in self._automaton.find_matches_as_indexes(  # type: ignore[attr-defined]
                    low, overlapping=True)]


def _wide(piece: str, data: bytes) -> list[int] | None:
    """Offsets of the characters of ``piece`` beyond Latin-1 (``?`` in its Latin-1 ``data``),
    or None when there are more than :data:`MAX_WIDE` (a text in another script)."""
    wide: list[int] = []
    at = data.find(b"?")
    while at >= 0:
        if piece[at] != "?":
            if len(wide) == MAX_WIDE:
                return None
            wide.append(at)
        at = data.find(b"?", at + 1)
    return wide


def _unsafe(piece: str, data: bytes, wide: list[int]) -> list[int]:
    """Offsets of the characters :data:`UNSAFE` finds in ``piece``, ascending: soft hyphens,
    which Latin-1 holds (``memchr`` finds them), and combining marks and zero-width
    characters among the characters beyond it."""
    found = [at for at in wide if "\u0300" <= piece[at] <= "\u036f" or piece[at] in INVISIBLE
             or piece[at] in LOOKALIKES]
    at = data.find(b"\xad")
    while at >= 0:
        found.append(at)
        at = data.find(b"\xad", at + 1)
    found.sort()
    return found


def _clause_start(text: str, position: int) -> int:
    """Where the clause holding ``position`` starts: just after the last boundary before it.

    The search looks back in growing steps instead of scanning the whole text, so a megabyte
    of text with a few candidates costs a few short searches. The first step is about one
    clause long (UI strings' clauses are a hundred characters or so), since every boundary
    in the step is visited to reach the last.
    """
    step = 128
    low = position
    while low > 0:
        low = max(0, low - step)
        last = None
        for last in BOUNDARY.finditer(text, low, position):  # noqa: B007 - want the last one
            pass
        if last is not None:
            return last.end()
        step *= 4
    return 0


Window = tuple[int, int, "list[int] | None"]


def split_points(text: str, parts: int) -> list[tuple[int, int]]:
    """``text`` cut into up to ``parts`` ranges of similar length, each cut at a clause
    boundary, so that no clause (and no match) is split between two ranges."""
    ranges: list[tuple[int, int]] = []
    lo = 0
    for k in range(1, parts):
        boundary = BOUNDARY.search(text, max(lo, len(text) * k // parts))
        if boundary is None:
            break
        ranges.append((lo, boundary.end()))
        lo = boundary.end()
    ranges.append((lo, len(text)))
    return ranges


def clause_windows(text: str, candidates: Candidates,
                   keep: Callable[[int], bool] | None = None, lo: int = 0,
                   hi: int | None = None, every: bool = False) -> list[Window]:
    """Clause spans holding a candidate or a character that could hide one; ``[]`` if none.

    ``keep`` may drop candidates first (the engine drops those whose word begins no
    pattern); a clause is delimited only for what is left.

    Each window is ``(start, end, anchors)``: the candidate offsets inside it, where a match
    can begin, or None for a clause with a soft hyphen or a combining mark, where any word
    may begin one. With ``lo`` and ``hi`` (clause boundaries, see :func:`split_points`) only
    the clauses of ``text[lo:hi]`` are looked at. ``every`` is passed to
    :meth:`Candidates.scan` (a segment with masks wants every occurrence: a mask could end
    inside a word).
    """
    stop = len(text) if hi is None else hi
    found, unsafe_at = candidates.scan(text, lo, stop, every)
    if keep is not None:
        found = [p for p in found if keep(p)]
    if not candidates.reports_unsafe:
        unsafe_at = [m.start() for m in UNSAFE.finditer(text, lo, stop)]
    unsafe = set(unsafe_at)
    windows: list[Window] = []
    for position in sorted({*found, *unsafe}):
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
    if not unsafe:
        return windows
    # A clause is analysed whole for a soft hyphen or a combining mark only if the text it
    # would hide holds a stem: most such clauses hold none (a hyphenated long word of some
    # other kind) and cost a full analysis for nothing.
    kept = sorted(found)
    return [w for w in windows if w[2] is not None
            or bisect.bisect_left(kept, w[0]) < bisect.bisect_left(kept, w[1])
            or candidates.positions(unhidden(text[w[0]:w[1]]))]


def texts_with_candidates(texts: Sequence[str], candidates: Candidates) -> set[int]:
    """Indices of the ``texts`` that hold a candidate or a character that could hide one: the
    others can hold no match (their clause windows are empty).

    A string file's values are thousands of short texts, few with a stem; searched one by one,
    each pays the search's set-up. Here they are searched a chunk at a time (about
    :data:`CHUNK` characters, so a big file makes no second full-size copy), joined by line
    breaks: no spelling holds a line break, so no occurrence spans two texts, and an
    occurrence a leftmost-first search skips overlaps a reported one, in the same text.
    """
    held: set[int] = set()
    first = 0
    while first < len(texts):
        ends: list[int] = []  # the offset of the line break after each text of the chunk
        end = -1
        last = first
        while last < len(texts) and (last == first or end < CHUNK):
            end += len(texts[last]) + 1
            ends.append(end)
            last += 1
        joined = "\n".join(texts[first:last])
        found, unsafe = candidates.scan(joined)
        if not candidates.reports_unsafe:
            unsafe = [m.start() for m in UNSAFE.finditer(joined)]
        for position in itertools.chain(found, unsafe):
            held.add(first + bisect.bisect_left(ends, position))
        first = last
    return held


def unhidden(text: str) -> str:
    """``text`` as the analyser reads its words: composed (NFC), with soft hyphens and the
    combining marks that compose with nothing removed. A stem hidden in ``text`` by such a
    character shows in this (the stems' spellings hold neither, and the missing-umlaut
    spellings cover a letter whose mark was dropped)."""
    text = unicodedata.normalize("NFC", text)
    if LOOKALIKE_RE.search(text):  # folded one for one: offsets do not move
        text = text.translate(LOOKALIKE_TABLE)
    return UNSAFE.sub("", text)
