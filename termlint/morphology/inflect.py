"""Generate-and-test inflection: propose word forms by rule, keep what Voikko reads back.

libvoikko analyses but cannot generate, and the generators that exist either miss noun classes
and the comitative (voikko 0.5), or cost seconds and hundreds of megabytes to load (pyomorfi,
pypykko). A suggestion only needs *one* right form, and Voikko can check any proposed form in
~25 µs. So this module proposes a generous set of spellings from string rules
(:mod:`termlint.morphology.inflect_candidates`) and returns only those that Voikko analyses as
the requested lemma, case, number, possessive suffix and clitic. A wrong proposal costs a
lookup; it can never reach the user.

Per lemma the work is done once: the weak and strong singular stems (found through the
genitive and the essive), the plural stems (through the inessive and essive plural) and the
vowel harmony; each (case, number) cell is then a handful of verified lookups. Probing goes
through a private :class:`Morphology` so that thousands of rejected spellings do not push real
words out of the engine's analysis cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, MutableMapping, Sequence
from dataclasses import dataclass, field

from termlint.model import Analysis
from termlint.morphology.analyzer import Morphology, normalize
from termlint.morphology.inflect_candidates import (
    CLITICS,
    WEAK_PLURAL,
    WEAK_SINGULAR,
    consonant_stems,
    genitive_plural,
    harmonize,
    head_is_back,
    illative_plural,
    illative_singular,
    partitive_plural,
    partitive_singular,
    plural_stems,
    vowel_stems,
    with_clitic,
    with_possessive,
)
from termlint.morphology.ranking import combine, common_prefix, rank_like

#: Voikko's case names for the cases a noun or adjective inflects in (the accusative
#: ``kohdanto`` exists only for personal pronouns), plus the -sti adverb of an adjective.
CASES: tuple[str, ...] = (
    "nimento",
    "omanto",
    "osanto",
    "olento",
    "tulento",
    "sisaolento",
    "sisaeronto",
    "sisatulento",
    "ulkoolento",
    "ulkoeronto",
    "ulkotulento",
    "vajanto",
    "seuranto",
    "keinonto",
    "kerrontosti",
)
NUMBERS: tuple[str, ...] = ("singular", "plural")
POSSESSIVES: tuple[str, ...] = ("1s", "2s", "1p", "2p", "3")

#: Clitics Voikko does not tag; the analyser wrapper reports them only when Voikko rejects the
#: whole word, and it does not check their vowel harmony, so the inflector checks both itself.
UNTAGGED_CLITICS = frozenset({"han", "pa", "s"})

#: Word classes that agree with their head in a multi-word term (``digitaalisissa palveluissa``).
AGREEING_CLASSES = frozenset({"laatusana", "nimisana_laatusana", "lukusana", "asemosana"})

Cell = tuple[str, "str | None"]


def _matches(
    analysis: Analysis,
    lemma: str,
    case: str | None,
    number: str | None,
    possessive: str | None,
    clitic: str | None,
) -> bool:
    """Whether ``analysis`` is exactly the requested form (a comparative is never wanted)."""
    return (
        analysis.lemma == lemma
        and analysis.case == case
        and analysis.number == number
        and analysis.possessive == possessive
        and analysis.clitic == clitic
        and analysis.comparison in (None, "positive")
        # A verb reading (an infinitive has a case too) is never a noun or adjective form:
        # verbs are conjugated and verified by termlint.morphology.verbs.
        and analysis.mood is None
        and analysis.person is None
    )


@dataclass
class _Paradigm:
    """The verified building blocks of one lemma and its verified case forms, filled lazily."""

    lemma: str
    weak: list[str]
    strong: list[str]
    back: bool
    weak_plural: list[str] | None = None
    strong_plural: list[str] | None = None
    cells: dict[Cell, list[str]] = field(default_factory=dict)


class VoikkoInflector:
    """The :class:`~termlint.morphology.inflect_api.Inflector` over a Voikko analyser."""

    def __init__(self, morphology: Morphology, cache_size: int = 4096,
                 store: MutableMapping[str, str] | None = None) -> None:
        self.morphology = morphology
        #: Optional persistent store of verified forms (``termlint.cache.JsonCache``): building
        #: a new lemma's paradigm costs ~20 ms, so each run need not pay for it again.
        self.store = store
        self._probe = Morphology(morphology.backend, cache_size=50_000)
        self.cache_size = cache_size
        self._paradigms: OrderedDict[str, _Paradigm] = OrderedDict()
        self._results: OrderedDict[tuple[str, str | None, str | None, str | None, str | None],
                                   tuple[str, ...]] = OrderedDict()
        self._lock = threading.Lock()

    # -- the public interface -------------------------------------------------------------------

    def inflect(
        self,
        lemma: str,
        case: str | None,
        number: str | None,
        possessive: str | None = None,
        clitic: str | None = None,
        like: str | None = None,
    ) -> list[str]:
        """Verified forms of ``lemma`` in the requested form, best first (see the protocol).

        A multi-word lemma is inflected as a noun phrase: adjectives (and numerals, pronouns)
        in the base form agree with the last word, other words (``sosiaali-``, ``ja``, a
        genitive attribute) stay as written; the possessive and clitic go on the last word
        only, so the comitative reads ``digitaalisine palveluineen``.
        """
        words = normalize(lemma).split()
        if not words:
            return []
        likes = like.split() if like else []
        if len(words) == 1:
            return rank_like(self._word(self._base_word(words[0]), case, number, possessive,
                                        clitic),
                             likes[-1] if likes else None)
        options: list[list[str]] = []
        for index, word in enumerate(words):
            word_like = likes[index - len(words)] if len(likes) >= len(words) - index else None
            if index == len(words) - 1:
                found = self._word(self._base_word(word), case, number, possessive, clitic)
            elif self._agrees(word):
                found = self._word(self._base_word(word), case, number, None, None)
            else:
                found = [word]
            if not found:
                return []
            options.append(rank_like(found, word_like))
        return combine(options)

    def verify(
        self,
        form: str,
        lemma: str,
        case: str | None,
        number: str | None,
        possessive: str | None = None,
        clitic: str | None = None,
    ) -> bool:
        """Whether ``form`` is ``lemma`` in the requested form, by the engine's analyser.

        Multi-word forms are checked word by word as :meth:`inflect` builds them. For the
        untagged clitics (``-han``, ``-pa``, ``-s``) a reading without a clitic is accepted when
        the form is a verified form plus that clitic in the word's own vowel harmony.
        """
        words = normalize(form).split()
        lemmas = normalize(lemma).split()
        if len(words) != len(lemmas) or not words:
            return False
        for index, (word, base) in enumerate(zip(words, lemmas, strict=True)):
            if index == len(words) - 1:
                ok = self._verify_word(self.morphology, word, self._base_word(base), case,
                                       number, possessive, clitic)
            elif self._agrees(base):
                ok = self._verify_word(self.morphology, word, self._base_word(base), case,
                                       number, None, None)
            else:
                ok = word == base
            if not ok:
                return False
        return True

    def paradigm(self, lemma: str) -> dict[Cell, list[str]]:
        """Every verified case form of a one-word ``lemma``: ``{(case, number): forms}``.

        For vocabulary compilation and inspection; cells with no form are left out.
        """
        out: dict[Cell, list[str]] = {}
        for case in CASES:
            for number in (None,) if case == "kerrontosti" else NUMBERS:
                forms = self._word(lemma, case, number, None, None)
                if forms:
                    out[(case, number)] = forms
        return out

    # -- single words ---------------------------------------------------------------------------

    def _word(
        self,
        word: str,
        case: str | None,
        number: str | None,
        possessive: str | None,
        clitic: str | None,
    ) -> list[str]:
        key = (word, case, number, possessive, clitic)
        with self._lock:
            cached = self._results.get(key)
            if cached is not None:
                self._results.move_to_end(key)
                return list(cached)
        stored_key = "|".join(str(part) for part in key)
        stored = self.store.get(stored_key) if self.store is not None else None
        if stored is not None:
            result = tuple(stored.split("\t")) if stored else ()
        else:
            result = tuple(self._word_uncached(word, case, number, possessive, clitic))
            if self.store is not None:
                self.store[stored_key] = "\t".join(result)
        with self._lock:
            self._results[key] = result
            if len(self._results) > self.cache_size:
                self._results.popitem(last=False)
        return list(result)

    def _word_uncached(
        self,
        word: str,
        case: str | None,
        number: str | None,
        possessive: str | None,
        clitic: str | None,
    ) -> list[str]:
        lemma = word.lower()
        if case is None:
            forms = [word]
        else:
            prefix, body = self._split_prefix(word)
            para = self._paradigm(body)
            forms = [prefix + f for f in self._cell(para, case, number)]
        if possessive is not None:
            forms = [
                p
                for f in forms
                for p in with_possessive(f, case or "", number, possessive,
                                         self._strong_of(word), self._back_of(word))
                if self._verify_word(self._probe, p, lemma, case, number, possessive, None)
            ]
        if clitic is not None:
            if clitic not in CLITICS:
                return []
            forms = [
                with_clitic(f, clitic, back)
                for f in forms
                if (back := self._form_is_back(f, lemma, case, number, possessive)) is not None
            ]
        return [f for f in dict.fromkeys(forms)
                if self._verify_word(self.morphology, f, lemma, case, number, possessive, clitic)]

    def _verify_word(
        self,
        morphology: Morphology,
        form: str,
        lemma: str,
        case: str | None,
        number: str | None,
        possessive: str | None,
        clitic: str | None,
    ) -> bool:
        lemma = lemma.lower()
        analyses = morphology.analyze(form)
        if clitic not in UNTAGGED_CLITICS:
            return any(_matches(a, lemma, case, number, possessive, clitic) for a in analyses)
        if not any(_matches(a, lemma, case, number, possessive, clitic)
                   or _matches(a, lemma, case, number, possessive, None) for a in analyses):
            return False
        assert clitic is not None
        for back in (True, False):
            surface = harmonize(CLITICS[clitic], back)
            if not form.lower().endswith(surface):
                continue
            stripped = form[: len(form) - len(surface)]
            if not self._verify_word(morphology, stripped, lemma, case, number, possessive, None):
                continue
            if clitic == "s" or self._form_is_back(stripped, lemma, case, number,
                                                   possessive) is back:
                return True
        return False

    def _form_is_back(
        self, form: str, lemma: str, case: str | None, number: str | None,
        possessive: str | None,
    ) -> bool | None:
        """The vowel harmony of a verified form, as Voikko judges it: which of ``-kaan`` and
        ``-kään`` it accepts after the form (None when neither). Needed because the harmony of
        ``-han``/``-pa`` is not checked by the analyser."""
        for back in (True, False):
            probe = form + harmonize(CLITICS["kaan"], back)
            if any(_matches(a, lemma, case, number, possessive, "kaan")
                   for a in self._probe.analyze(probe)):
                return back
        return None

    # -- lemma shape ----------------------------------------------------------------------------

    def _base_word(self, word: str) -> str:
        """The lemma of a base-form word; a term may name its head in the plural
        (``terveyspalvelut``), which then inflects as ``terveyspalvelu``."""
        readings = self.morphology.analyze(word)
        lower = word.lower()
        if any(a.lemma == lower for a in readings) or not readings:
            return word
        nominative = [a for a in readings if a.case == "nimento" and a.possessive is None
                      and a.clitic is None]
        if not nominative:
            return word
        base = nominative[0].lemma
        shared = common_prefix(lower, base)
        return word[:shared] + base[shared:]

    def _agrees(self, word: str) -> bool:
        """Whether a non-final word of a term agrees with the head (an adjective in the
        nominative), rather than staying as written (``sosiaali-``, ``ja``, ``Kelan``)."""
        if word.endswith("-"):
            return False
        return any(a.case == "nimento" and a.word_class in AGREEING_CLASSES
                   and a.possessive is None and a.clitic is None
                   for a in self.morphology.analyze(word))

    def _split_prefix(self, word: str) -> tuple[str, str]:
        """Split off a hyphenated prefix that Voikko cannot read (``Kanta-``): its forms are
        the last part's forms, and the analyser wrapper reads them back with the prefix."""
        if "-" not in word.strip("-"):
            return "", word
        readings = self._probe.analyze(word)
        if not readings or any(not a.prefix for a in readings):
            return "", word
        cut = word.rfind("-") + 1
        return word[:cut], word[cut:]

    # -- paradigms ------------------------------------------------------------------------------

    def _verified(self, candidates: Sequence[str], lemma: str, case: str,
                  number: str | None) -> list[str]:
        return [c for c in candidates
                if self._verify_word(self._probe, c, lemma, case, number, None, None)]

    def _paradigm(self, lemma: str) -> _Paradigm:
        with self._lock:
            cached = self._paradigms.get(lemma)
            if cached is not None:
                self._paradigms.move_to_end(lemma)
                return cached
        para = self._build(lemma)
        with self._lock:
            self._paradigms[lemma] = para
            if len(self._paradigms) > max(64, self.cache_size // 8):
                self._paradigms.popitem(last=False)
        return para

    def _build(self, lemma: str) -> _Paradigm:
        """Find the weak and strong singular stems and the harmony of ``lemma``."""
        stems = vowel_stems(lemma)
        weak = [g[:-1] for g in self._verified([s + "n" for s in stems], lemma, "omanto",
                                               "singular")]
        back = head_is_back(lemma)
        for stem in weak:
            found = [b for b in (True, False)
                     if self._verified([stem + harmonize("ssA", b)], lemma, "sisaolento",
                                       "singular")]
            if found:
                back = found[0]
                break
        na = harmonize("nA", back)
        strong = [g[: -len(na)] for g in self._verified([s + na for s in stems], lemma,
                                                         "olento", "singular")]
        return _Paradigm(lemma=lemma, weak=weak, strong=strong, back=back)

    def _strong_of(self, word: str) -> list[str]:
        prefix, body = self._split_prefix(word)
        return [prefix + s for s in self._paradigm(body).strong]

    def _back_of(self, word: str) -> bool:
        return self._paradigm(self._split_prefix(word)[1]).back

    def _plurals(self, para: _Paradigm) -> tuple[list[str], list[str]]:
        if para.weak_plural is None or para.strong_plural is None:
            lemma = para.lemma
            ssa, na = harmonize("ssA", para.back), harmonize("nA", para.back)
            weak = plural_stems([*para.weak, *para.strong, lemma])
            strong = plural_stems([*para.strong, *para.weak, lemma])
            para.weak_plural = [f[: -len(ssa)] for f in self._verified(
                [s + ssa for s in weak], lemma, "sisaolento", "plural")]
            para.strong_plural = [f[: -len(na)] for f in self._verified(
                [s + na for s in strong], lemma, "olento", "plural")]
        return para.weak_plural, para.strong_plural

    def _cell(self, para: _Paradigm, case: str, number: str | None) -> list[str]:
        key: Cell = (case, number)
        cached = para.cells.get(key)
        if cached is not None:
            return cached
        candidates = self._candidates(para, case, number)
        found = self._verified(candidates, para.lemma, case, number)
        para.cells[key] = found
        return found

    def _candidates(self, para: _Paradigm, case: str, number: str | None) -> list[str]:
        back, lemma = para.back, para.lemma

        def endings(stems: Sequence[str], table: dict[str, tuple[str, ...]]) -> list[str]:
            return [s + harmonize(e, back) for s in stems for e in table.get(case, ())]

        if number == "singular" or (number is None and case == "kerrontosti"):
            if case == "nimento":
                return [lemma]
            if case == "olento":
                return [s + harmonize("nA", back) for s in para.strong]
            if case == "sisatulento":
                return illative_singular(para.strong)
            if case == "osanto":
                return partitive_singular(para.strong, lemma, back)
            return endings(para.weak, WEAK_SINGULAR)
        if number != "plural":
            return []
        if case == "nimento":
            return [s + "t" for s in para.weak]
        weak_plural, strong_plural = self._plurals(para)
        builders: dict[str, Callable[[], list[str]]] = {
            "olento": lambda: [s + harmonize("nA", back) for s in strong_plural],
            "seuranto": lambda: [s + "ne" for s in strong_plural],
            "osanto": lambda: partitive_plural(strong_plural, back),
            "omanto": lambda: genitive_plural(strong_plural, para.strong, lemma),
            "sisatulento": lambda: illative_plural(strong_plural),
        }
        if case in builders:
            return builders[case]()
        return endings(weak_plural, WEAK_PLURAL)


__all__ = ["CASES", "NUMBERS", "POSSESSIVES", "VoikkoInflector", "consonant_stems", "rank_like"]
