"""Swedish word analysis for the engine: lemmas from the vocabulary's lexicon, compounds split
at known words.

Swedish needs much less than Finnish: nouns inflect with a handful of endings (*tjänst*,
*tjänsten*, *tjänster*, *tjänsterna*) and compounds are written as one word (*webbtjänsten*).
Only the words a vocabulary names can match, so with a
:class:`~termlint.morphology.swedish_lexicon.SwedishLexicon` (the forms of those words, compiled
with the vocabulary) a word is looked up there and every other word is its own lemma: no
lemma table is loaded. Without one (``SwedishMorphology()`` alone) simplemma's whole table is
asked, as before. A compound is split before a known head that ends it and around a known
noun inside it (*arbetshälsovårds|enheter*), so that ``head`` and ``part`` matching work as
they do for Finnish (``parts=("webb", "tjänst")``).

Swedish has no case agreement that matters here, so analyses carry no case or number: the
engine then treats earlier words of a term as plain lemmas (*digital* matches *digitala* and
*digitalt*) and the last word as the head.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable

from termlint.model import Analysis
from termlint.morphology.swedish_lexicon import ENDINGS, SwedishLexicon
from termlint.morphology.tokenize import INVISIBLE_RE

#: Heads every Swedish service vocabulary needs, whatever the selected vocabularies say.
DEFAULT_HEADS = ("tjänst", "service", "ärendehantering", "hantering")
_HYPHENS = ("-", "\u2010")
#: Word class given to every Swedish analysis: a noun-like class, so a word can be a head.
WORD_CLASS = "sv"


class SwedishMorphology:
    """A :class:`~termlint.morphology.WordAnalyzer` for Swedish (``analyze``, no repairs)."""

    def __init__(self, heads: Iterable[str] = (), cache_size: int = 50_000,
                 lexicon: SwedishLexicon | None = None) -> None:
        self.lexicon = lexicon
        self._heads: set[str] = set()
        self._cache: OrderedDict[str, tuple[Analysis, ...]] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        self.add_heads(DEFAULT_HEADS)
        self.add_heads(heads)

    @property
    def heads(self) -> frozenset[str]:
        return frozenset(self._heads)

    def add_heads(self, heads: Iterable[str]) -> None:
        """Teach the splitter more compound heads (lemmas, e.g. the last word of each term)."""
        new = {h.strip().lower() for h in heads if h.strip()}
        new |= {self.lemma(h) for h in new}
        with self._lock:
            self._heads |= {h for h in new if len(h) >= 3}
            self._cache.clear()

    # -- lemmas ---------------------------------------------------------------------------------

    def lemma(self, word: str) -> str:
        """The lemma of one word (lower-case); unknown words are reduced greedily."""
        low = word.lower()
        if self.lexicon is not None:
            readings = self.lexicon.readings(low)
            return readings[0][0] if readings else low
        import simplemma

        found = str(simplemma.lemmatize(low, lang="sv")).lower()
        if found == low and not simplemma.is_known(low, lang="sv"):
            found = str(simplemma.lemmatize(low, lang="sv", greedy=True)).lower()
        return found

    def _known(self, low: str) -> bool:
        """Whether the lexicon (or, without one, simplemma) lists ``low`` with a lemma."""
        if self.lexicon is not None:
            return bool(self.lexicon.readings(low))
        import simplemma

        return bool(simplemma.is_known(low, lang="sv"))

    def _head_lemma(self, low: str, lemma: str) -> str:
        """``lemma``, or a compound lemma rebuilt from a known head and a noun ending."""
        if any(lemma.endswith(h) for h in self._heads):
            return lemma
        # A head with a paradigm in the lexicon was looked for by its real forms already.
        paradigms = self.lexicon.nouns if self.lexicon is not None else {}
        for head in sorted(self._heads - paradigms.keys(), key=len, reverse=True):
            for ending in ENDINGS:
                if low.endswith(head + ending):
                    return low[: len(low) - len(ending)] if ending else low
        return lemma

    def split(self, lemma: str) -> tuple[str, ...]:
        """Compound parts of a lemma: cut before every known head that ends it, and at hyphens."""
        for hyphen in _HYPHENS:
            if hyphen in lemma:
                left, _, right = lemma.rpartition(hyphen)
                return (*self.split(left), *self.split(right)) if left else self.split(right)
        cuts = sorted({len(lemma) - len(h) for h in self._heads
                       if lemma.endswith(h) and len(lemma) - len(h) >= 2})
        if not cuts:
            inner = self._inner_head(lemma)
            if inner is not None:
                return (*self.split(lemma[:inner[0]]), lemma[inner[1]:])
        parts: list[str] = []
        previous = 0
        for cut in cuts:
            parts.append(lemma[previous:cut])
            previous = cut
        parts.append(lemma[previous:])
        return tuple(parts)

    def _inner_head(self, lemma: str) -> tuple[int, int] | None:
        """Where a known head ends inside ``lemma`` as a compound's first element, and where
        the next element begins after the linking *s* (*arbetshälsovård|s|enhet*,
        *välfärdsregion|s|styrelse*): the longest such head, or None. The next element must
        have four letters at least, so that a derivation (*hälsovård|are*) is not cut."""
        best: tuple[int, int, int] | None = None
        for head in self._heads:
            at = lemma.find(head)
            while at >= 0:
                end = at + len(head)
                start = end + 1 if lemma.startswith("s", end) else end
                if len(lemma) - start >= 4 and (best is None or end - at > best[2]):
                    best = (end, start, end - at)
                at = lemma.find(head, at + 1)
        return None if best is None else (best[0], best[1])

    # -- WordAnalyzer ---------------------------------------------------------------------------

    def analyze(self, word: str) -> tuple[Analysis, ...]:
        clean = INVISIBLE_RE.sub("", word).strip()
        if not clean or not any(c.isalpha() for c in clean):
            return ()
        with self._lock:
            cached = self._cache.get(clean)
            if cached is not None:
                self._cache.move_to_end(clean)
                return cached
        low = clean.lower()
        if low.endswith(_HYPHENS):
            # "social-" in "social- och hälsotjänster": the first part of an elided compound.
            base = low.rstrip("".join(_HYPHENS))
            result = (Analysis(lemma=base, word_class=WORD_CLASS, parts=(base,)),)
        else:
            lemma = self.lemma(low)
            if not self._known(low):
                # Only a word simplemma does not list is rebuilt from a known head: a listed
                # one keeps its lemma (*hälsovårdarna* is *hälsovårdare*, not *hälsovård*).
                lemma = self._head_lemma(low, lemma)
            result = (Analysis(lemma=lemma, word_class=WORD_CLASS, parts=self.split(lemma)),)
        with self._lock:
            self._cache[clean] = result
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return result

    def repair_diacritics(self, word: str) -> tuple[str, tuple[Analysis, ...]]:
        """No repairs for Swedish: a word without its ring or dots stays unknown."""
        return word, ()


def heads_of(terms: Iterable[str]) -> set[str]:
    """The last word of each term: the heads a Swedish vocabulary needs the splitter to know."""
    heads: set[str] = set()
    for term in terms:
        words = term.replace("\u2010", "-").split()
        if words:
            heads.add(words[-1].lower())
    return heads
