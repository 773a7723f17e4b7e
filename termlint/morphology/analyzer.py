"""Word analysis: reading a backend's raw answers, and the repairs Voikko needs.

Voikko answers most Finnish words, but a term linter meets the words it cannot read: hyphenated
proper-name compounds, ``THL:n``, clitics it does not tag, ``-minen`` nouns reported as verbs.
:class:`Morphology` wraps any backend, applies those repairs in one place and caches the result,
so that the engine only ever sees clean :class:`~termlint.model.Analysis` records.
"""

from __future__ import annotations

import dataclasses
import re
import threading
import unicodedata
from collections import OrderedDict
from dataclasses import replace
from typing import TYPE_CHECKING

from termlint.model import Analysis
from termlint.morphology.libvoikko_backend import (
    DeferredLibvoikko,
    LibvoikkoBackend,
    libvoikko_fingerprint,
    load_backend,
)
from termlint.morphology.protocol import AnalyzerUnavailable, Backend, RawAnalysis
from termlint.morphology.tokenize import INVISIBLE_RE

# The backends and their choice live in their own modules; these names stay importable here,
# where callers have always found them.
__all__ = ["AnalyzerUnavailable", "Backend", "DeferredLibvoikko", "LibvoikkoBackend",
           "Morphology", "RawAnalysis", "convert", "libvoikko_fingerprint", "load_backend",
           "normalize"]

if TYPE_CHECKING:
    from termlint.cache import ShardedStore


# -- conversion of raw analyses ---------------------------------------------------------------

_TAG = re.compile(r"\[[^\]]*\]")
_BASE_BLOCK = re.compile(r"\[Xp\].*?\[X\]")


def _surface_before_minen(fst: str) -> str | None:
    """Surface text up to the ``-minen`` derivation tag (``[Tn4]``), or None without one."""
    cut = fst.find("[Tn4]")
    if cut < 0:
        return None
    return _TAG.sub("", _BASE_BLOCK.sub("", fst[:cut]))


def _compound_parts(surface: str, structure: str, lemma: str) -> tuple[str, ...]:
    """Base forms of compound parts: the prefix parts as written, the head from the lemma."""
    pieces: list[str] = []
    chars = iter(surface)
    current: list[str] = []
    for mark in structure:
        if mark == "=":
            if current:
                pieces.append("".join(current))
            current = []
            continue
        try:
            current.append(next(chars))
        except StopIteration:
            return (lemma,)
    if current:
        pieces.append("".join(current))
    if len(pieces) <= 1:
        return (lemma,)
    prefix = "".join(pieces[:-1]).lower()
    if not lemma.startswith(prefix):
        return (lemma,)
    head = lemma[len(prefix) :]
    parts = [p.lower().strip("-") for p in pieces[:-1]]
    parts = [p for p in parts if p]
    if not head:
        return (lemma,)
    return (*parts, head.strip("-"))


#: Word classes whose nominative singular and plural with a possessive suffix are one spelling.
_NOMINAL_CLASSES = frozenset({"nimisana", "nimisana_laatusana", "laatusana"})


def convert(word: str, raw: RawAnalysis) -> list[Analysis]:
    """Turn one Voikko record into analyses; a ``-minen`` verb also yields its noun reading."""
    lemma = raw.get("BASEFORM", word).lower()
    word_class = raw.get("CLASS", "")
    clitic = raw.get("FOCUS") or ("ko" if raw.get("KYSYMYSLIITE") == "true" else None)
    parts = _compound_parts(word, raw.get("STRUCTURE", ""), lemma)
    base = Analysis(lemma=lemma, word_class=word_class, case=raw.get("SIJAMUOTO"),
                    number=raw.get("NUMBER"), possessive=raw.get("POSSESSIVE"), clitic=clitic,
                    parts=parts, comparison=raw.get("COMPARISON"), mood=raw.get("MOOD"),
                    tense=raw.get("TENSE"), person=raw.get("PERSON"),
                    negative=raw.get("NEGATIVE"))
    out = [base]
    if (base.possessive and base.case == "nimento" and base.number == "singular"
            and base.word_class in _NOMINAL_CLASSES):
        # Voikko reads *palvelumme* as a nominative singular only, but with a possessive
        # suffix the nominative plural (*palvelu-t* + *-mme*) and the genitive singular
        # (*palvelu-n* + *-mme*) are spelt the same: without those readings *Sähköiset
        # palvelumme* and *sähköisen palvelumme* would not agree.
        out.append(replace(base, number="plural"))
        out.append(replace(base, case="omanto"))
    if base.mood == "MINEN-infinitive":
        stem = _surface_before_minen(raw.get("FSTOUTPUT", ""))
        if stem:
            noun = (stem + "minen").lower()
            lead = "".join(parts[:-1])
            noun_parts = (*parts[:-1], noun[len(lead) :]) if len(parts) > 1 else (noun,)
            out.append(replace(base, lemma=noun, word_class="nimisana", parts=noun_parts,
                               mood=None, tense=None, person=None, negative=None))
    return out


# -- repairs for words the backend cannot read ----------------------------------------------

_UNTAGGED_CLITICS = ("hän", "han", "pä", "pa", "s")
_ABBREVIATION = re.compile(r"^([A-ZÅÄÖ0-9][A-ZÅÄÖ0-9&.]*):([a-zåäö]+)$")
#: Case endings after an abbreviation's colon (``THL:n``, ``DVV:ltä``); vowel harmony both ways.
_COLON_ENDINGS: dict[str, tuple[str, str]] = {
    "n": ("omanto", "singular"),
    "ssa": ("sisaolento", "singular"),
    "ssä": ("sisaolento", "singular"),
    "sta": ("sisaeronto", "singular"),
    "stä": ("sisaeronto", "singular"),
    "lla": ("ulkoolento", "singular"),
    "llä": ("ulkoolento", "singular"),
    "lta": ("ulkoeronto", "singular"),
    "ltä": ("ulkoeronto", "singular"),
    "lle": ("ulkotulento", "singular"),
    "ksi": ("tulento", "singular"),
    "na": ("olento", "singular"),
    "nä": ("olento", "singular"),
    "ta": ("osanto", "singular"),
    "tä": ("osanto", "singular"),
    "a": ("osanto", "singular"),
    "ä": ("osanto", "singular"),
    "t": ("nimento", "plural"),
    "iin": ("sisatulento", "singular"),
    "hon": ("sisatulento", "singular"),
    "hön": ("sisatulento", "singular"),
    "ään": ("sisatulento", "singular"),
    "aan": ("sisatulento", "singular"),
    "een": ("sisatulento", "singular"),
    "ssa-": ("sisaolento", "singular"),
}


def normalize(word: str) -> str:
    """The spelling handed to the analyser: no soft hyphens or zero-width characters
    (:data:`~termlint.morphology.tokenize.INVISIBLE`), typographic apostrophes unified,
    and composed (NFC): text pasted from macOS often spells *ä* as ``a`` + U+0308, which
    Voikko does not read."""
    if word.isascii():
        return word
    word = INVISIBLE_RE.sub("", word).replace("\u2019", "'").replace("\u2010", "-")
    if not unicodedata.is_normalized("NFC", word):
        word = unicodedata.normalize("NFC", word)
    return word


# The on-disk form of a word's analyses is one string: readings split by RS, fields by US and
# compound parts by GS (control characters no word or lemma holds). A JSON file of plain
# strings loads several times faster than one of nested lists, and only the words looked up
# are ever split.
_RS, _US, _GS = "\x1e", "\x1f", "\x1d"
_FIELDS = 14
#: Part of the cache's name: a new encoding starts a new cache.
_STORE_FORMAT = 3


def _encode(analyses: tuple[Analysis, ...]) -> str:
    """Analyses as one string (the on-disk analysis cache's form); None fields become ``""``
    (no field that may be None is ever empty)."""
    return _RS.join(_US.join((a.lemma, a.word_class, a.case or "", a.number or "",
                              a.possessive or "", a.clitic or "", _GS.join(a.parts), a.prefix,
                              "1" if a.guessed else "", a.comparison or "", a.mood or "",
                              a.tense or "", a.person or "", a.negative or ""))
                    for a in analyses)


def _decode(stored: object) -> tuple[Analysis, ...] | None:
    """Analyses back from :func:`_encode`'s string; None for anything malformed."""
    if not isinstance(stored, str):
        return None
    if not stored:
        return ()
    found: list[Analysis] = []
    for record in stored.split(_RS):
        fields = record.split(_US)
        if len(fields) != _FIELDS or fields[8] not in ("", "1"):
            return None
        lemma, word_class, case, number, possessive, clitic, parts, prefix, guessed, \
            comparison, mood, tense, person, negative = fields
        found.append(_analysis((lemma, word_class, case or None, number or None,
                                possessive or None, clitic or None,
                                tuple(parts.split(_GS)) if parts else (), prefix,
                                guessed == "1", comparison or None, mood or None,
                                tense or None, person or None, negative or None)))
    return tuple(found)


_ANALYSIS_FIELDS = tuple(f.name for f in dataclasses.fields(Analysis))


def _analysis(values: tuple[object, ...]) -> Analysis:
    """The :class:`Analysis` with these field values, in field order.

    What ``Analysis(*values)`` makes, for a fifth of the cost: a frozen dataclass's
    ``__init__`` sets each of the fourteen fields through ``object.__setattr__``, and a run
    decodes a few thousand stored analyses. Analysis has no ``__post_init__`` and no field
    computed on construction, so filling its ``__dict__`` gives the same object.
    """
    made = object.__new__(Analysis)
    made.__dict__.update(zip(_ANALYSIS_FIELDS, values, strict=True))
    return made


class Morphology:
    """Analyses words through a backend, with repairs and a bounded, thread-safe LRU cache."""

    def __init__(self, backend: Backend | None = None, cache_size: int = 100_000,
                 persistent: bool = False) -> None:
        self.backend = backend if backend is not None else load_backend()
        self.cache_size = cache_size
        self._cache: OrderedDict[str, tuple[Analysis, ...]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        #: With ``persistent``, analyses are also kept on disk between runs (see
        #: :meth:`save`), per analyser fingerprint; opened on the first cache miss.
        self.persistent = persistent
        self._store: ShardedStore | None = None
        self._store_opened = False

    def _persistent_store(self) -> ShardedStore | None:
        if not self._store_opened:
            self._store_opened = True
            fingerprint = getattr(self.backend, "fingerprint", None)
            if self.persistent and callable(fingerprint):
                from termlint.cache import ShardedStore

                self._store = ShardedStore(
                    f"analyses{_STORE_FORMAT}-{self.backend.name}-{fingerprint()}")
        return self._store

    def save(self) -> None:
        """Write the analyses made in this run (and those absorbed from workers) to disk."""
        if self._store is not None:
            self._store.save()

    def take_fresh(self) -> dict[str, str]:
        """Analyses made here since the last call, encoded: a worker process hands them over
        with its results, and the parent (which saves) absorbs them."""
        return self._store.take_fresh() if self._store is not None else {}

    def absorb(self, entries: dict[str, str]) -> None:
        store = self._persistent_store()
        if store is not None and entries:
            store.absorb(entries)

    def analyze(self, word: str) -> tuple[Analysis, ...]:
        """All readings of ``word`` (unranked), repaired where Voikko alone finds none."""
        key = normalize(word)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                self.hits += 1
                return cached
        store = self._persistent_store()
        stored = store.get(key) if store is not None else None
        result = _decode(stored) if stored is not None else None
        if result is None:
            result = self._analyze_uncached(key)
            if store is not None:
                store.put(key, _encode(result))
        with self._lock:
            self.misses += 1
            self._cache[key] = result
            if len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return result

    def _raw(self, word: str) -> tuple[Analysis, ...]:
        seen: dict[tuple[object, ...], Analysis] = {}
        for raw in self.backend.analyze(word):
            for analysis in convert(word, raw):
                key = (analysis.lemma, analysis.case, analysis.number, analysis.possessive,
                       analysis.clitic, analysis.word_class, analysis.mood, analysis.tense,
                       analysis.person, analysis.negative)
                # Voikko returns over-segmented compounds too; keep the reading with fewest parts.
                old = seen.get(key)
                if old is None or len(analysis.parts) < len(old.parts):
                    seen[key] = analysis
        return tuple(seen.values())

    def _analyze_uncached(self, word: str) -> tuple[Analysis, ...]:
        if not word:
            return ()
        found = self._raw(word)
        if found:
            return self._tag_untagged_clitic(word, found)
        abbreviation = _ABBREVIATION.match(word)
        if abbreviation:
            base, ending = abbreviation.groups()
            case, number = _COLON_ENDINGS.get(ending, (None, None))
            if case is not None:
                return (Analysis(lemma=base.lower(), word_class="lyhenne", case=case,
                                 number=number, parts=(base.lower(),)),)
        lower = word.lower()
        for clitic in _UNTAGGED_CLITICS:
            if lower.endswith(clitic) and len(word) > len(clitic) + 2:
                stem = self._raw(word[: -len(clitic)])
                if stem:
                    return tuple(replace(a, clitic=clitic.replace("ä", "a")) for a in stem)
        if "-" in word.strip("-"):
            prefix, _, rest = word.rpartition("-")
            if rest:
                tail = self._analyze_uncached(rest)
                prefix_lemma = prefix.lower() + "-"
                return tuple(
                    replace(a, lemma=prefix_lemma + a.lemma, prefix=prefix_lemma,
                            parts=(prefix.lower().strip("-"), *a.parts))
                    for a in tail
                )
        return ()

    def _tag_untagged_clitic(self, word: str, found: tuple[Analysis, ...]) -> tuple[Analysis, ...]:
        """Voikko reads ``palvelussahan`` but drops the ``-han``: put the clitic back on the
        readings that the word without it also has, so an inflected suggestion keeps it."""
        lower = word.lower()
        for clitic in _UNTAGGED_CLITICS:
            if not lower.endswith(clitic) or len(word) <= len(clitic) + 2:
                continue
            bare = self._raw(word[: -len(clitic)])
            stem = {(a.lemma, a.case, a.number, a.possessive) for a in bare}
            if not stem:
                continue
            tag = clitic.replace("ä", "a")
            return tuple(
                replace(a, clitic=tag)
                if a.clitic is None and (a.lemma, a.case, a.number, a.possessive) in stem
                else a
                for a in found
            )
        return found

    def repair_diacritics(self, word: str, limit: int = 64) -> tuple[str, tuple[Analysis, ...]]:
        """Readings of ``word`` with umlauts restored (``Sähköisessa`` → ``Sähköisessä``).

        Tries the variants with the fewest changes first and stops at the first that the
        analyser reads. The engine calls this only for unknown words that resemble a
        vocabulary word, because each try costs an analysis.
        """
        swaps = {"a": "ä", "o": "ö", "A": "Ä", "O": "Ö"}
        positions = [i for i, ch in enumerate(word) if ch in swaps]
        if not positions:
            return word, ()
        candidates: list[tuple[int, str]] = []
        for mask in range(1, min(1 << len(positions), limit + 1)):
            chars = list(word)
            changes = 0
            for bit, pos in enumerate(positions):
                if mask >> bit & 1:
                    chars[pos] = swaps[chars[pos]]
                    changes += 1
            candidates.append((changes, "".join(chars)))
        candidates.sort(key=lambda c: c[0])
        for _, candidate in candidates:
            found = self.analyze(candidate)
            if found:
                return candidate, found
        return word, ()

