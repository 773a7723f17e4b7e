"""Compiled tables of one language: patterns indexed by the lemmas that can open them,
exception phrases, the prefilter's candidate stems, and the paradigm stems all of these are
built from.

Compiling a vocabulary into slot patterns is :mod:`termlint.engine.patterns`; this module turns
those patterns into what the scan looks things up in, once per language.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass

from termlint.engine import prefilter
from termlint.engine.names import exception_pattern
from termlint.engine.patterns import Pattern, Slot, fold
from termlint.morphology.inflect_api import Inflector

#: Voikko's names of the Finnish cases used to derive paradigm stems.
CASES = ("nimento", "omanto", "osanto", "olento", "tulento", "sisaolento", "sisaeronto",
         "sisatulento", "ulkoolento", "ulkoeronto", "ulkotulento", "vajanto", "seuranto",
         "keinonto")


@dataclass
class Tables:
    """Everything compiled for one language."""

    patterns: list[Pattern]
    index: dict[str, list[Pattern]]
    fuzzy: list[Pattern]
    exception_index: dict[str, list[Pattern]]
    stems: tuple[str, ...]
    candidates: prefilter.Candidates
    #: Where an exception can begin: its first word's stems, as for the patterns.
    exception_candidates: prefilter.Candidates
    #: Per pattern (by ``id``): for each slot after the first, the folded paradigm stems of
    #: its words, one of which the clause must hold for the pattern to match there. Filled
    #: by :meth:`requirement` when a pattern is first tried: deriving a paradigm stem takes
    #: tens of milliseconds when the on-disk cache does not have it yet.
    required: dict[int, tuple[tuple[str, ...], ...]]
    stem_of: Callable[[str], str]

    @functools.cached_property
    def exception_requirement(self) -> tuple[str, ...] | None:
        """Stems one of which a clause must hold for any exception to match there: for each
        exception, the stems of one of its other words, together (None if some exception has
        one word, which needs no other). Worked out when first asked, as :meth:`requirement`
        is.

        Each exception needs every one of its other words, so any one will do; the word
        whose shortest stem is longest is the rarest in text. A name's *sähköisestä* is in
        every clause with a hit, *viranomaistoiminnassa* seldom, and *lain* (stem *la*) is in
        many words."""
        stems: set[str] = set()
        for patterns in self.exception_index.values():
            for pattern in patterns:
                groups = self.requirement(pattern)
                if not groups:
                    return None
                stems.update(max(groups, key=lambda g: min(map(len, g), default=0)))
        return tuple(sorted(stems))

    def requirement(self, pattern: Pattern) -> tuple[tuple[str, ...], ...]:
        found = self.required.get(id(pattern))
        if found is None:
            found = self.required[id(pattern)] = tuple(
                tuple(sorted({fold(self.stem_of(o.lemma or "".join(o.parts)))
                              for o in slot.options}))
                for slot in pattern.slots[1:] if slot.fuzzy is None)
        return found


def build_tables(patterns: list[Pattern], excepted_slots: list[tuple[Slot, ...]],
                 language: str, stem_of: Callable[[str], str]) -> Tables:
    """The lookup tables of ``language``'s compiled ``patterns`` and exception phrases;
    ``stem_of`` gives a lemma's paradigm stem (:class:`ParadigmStems` for Finnish)."""
    exceptions = [exception_pattern(slots, language) for slots in excepted_slots]
    index: dict[str, list[Pattern]] = defaultdict(list)
    fuzzy: list[Pattern] = []
    stems: set[str] = set()
    for pattern in patterns:
        first = pattern.slots[0]
        if first.fuzzy is not None:
            fuzzy.append(pattern)
        for key in first.keys:
            index[key].append(pattern)
        for slot in pattern.slots:
            for option in slot.options:
                for part in option.parts:
                    folded = fold(part)
                    if len(folded) >= 5 and slot.fuzzy is None:
                        stems.add(folded[: max(5, len(folded) - 3)])
    exception_index: dict[str, list[Pattern]] = defaultdict(list)
    for pattern in exceptions:
        for key in pattern.slots[0].keys:
            exception_index[key].append(pattern)
    # Every hit starts with a word of some pattern's first slot; each such word's surface
    # holds the paradigm stem of that slot's whole lemma (e-palvel-, verkkoasioi-, sähkö-).
    anchors = {o.lemma or o.parts[-1] for p in patterns if p.slots[0].fuzzy is None
               for o in p.slots[0].options}
    candidates = prefilter.Candidates(
        (stem_of(a) for a in anchors),
        [s.fuzzy for p in fuzzy for s in p.slots[:1] if s.fuzzy],
        unsafe=True,
    )
    exception_candidates = prefilter.Candidates(
        (stem_of(o.lemma or o.parts[-1]) for p in exceptions if p.slots[0].fuzzy is None
         for o in p.slots[0].options),
        [s.fuzzy for p in exceptions for s in p.slots[:1] if s.fuzzy],
    )
    # Every word a slot accepts holds the paradigm stem of one of its options (as a whole
    # word, a compound's head or one of its parts), just as for the first slot.
    return Tables(patterns, dict(index), fuzzy, dict(exception_index),
                   tuple(sorted(stems)), candidates, exception_candidates, {}, stem_of)


class ParadigmStems:
    """The part of a lemma that all its inflected forms share, one letter to spare, kept in a
    persistent mapping (``termlint.cache``) and noted as fresh for a forked worker to hand
    back to its parent (:meth:`take_fresh`)."""

    def __init__(self, inflector: Inflector | None, cache: MutableMapping[str, str]) -> None:
        self.inflector = inflector
        self.cache = cache
        self._fresh: dict[str, str] = {}

    def take_fresh(self) -> dict[str, str]:
        """Stems derived since the last call, handed over and forgotten here."""
        fresh, self._fresh = self._fresh, {}
        return fresh

    def __call__(self, lemma: str) -> str:
        """The part of ``lemma`` that all its inflected forms share, one letter to spare.

        With the inflector this is the common prefix of its verified case forms (consonant
        gradation included: *asiointi*/*asioinnin* → *asioin*); without, a cautious cut.
        """
        if self.inflector is None or " " in lemma:
            return prefilter.heuristic_stem(lemma)
        cached = self.cache.get(lemma)
        if cached is not None:
            return cached
        stem = self._derive(lemma)
        self.cache[lemma] = stem
        self._fresh[lemma] = stem
        return stem

    def _derive(self, lemma: str) -> str:
        assert self.inflector is not None
        forms = [lemma]
        for number in ("singular", "plural"):
            for case in CASES:
                forms.extend(self.inflector.inflect(lemma, case, number))
        if len(forms) < 10:
            return prefilter.heuristic_stem(lemma)
        stem = prefilter.common_prefix(forms)
        return stem[: max(3, len(stem) - 1)]
