"""The Swedish forms a set of vocabularies needs, worked out once and kept as data.

Loading a whole Swedish lemma table costs a second and a hundred megabytes per process, yet a
vocabulary needs a few dozen words: its terms' words and heads. So when a vocabulary is
compiled, each such word gets its paradigm: a noun its eight forms (number × definiteness ×
genitive, *tjänst*, *tjänsten*, *tjänster*, *tjänsterna*, *tjänsts*…), an adjective its
agreeing forms (*digital*, *digitalt*, *digitala*), plus the determiners a definite phrase with
an adjective needs (*den*, *det*, *de*). With Apertium installed (Debian ``apertium-swe-nor``)
every form is generated and then analysed back, and kept only if it reads as the lemma with
the features asked for; the lexicon is then ``verified`` and suggestions can be inflected.
Without it, the forms come from simplemma's table (lemmas only, no features): matching is the
same, suggestions stay base forms marked unverified.

A compound the vocabulary writes (*välfärdsområde*, *e-tjänst*) takes the paradigm of its last
part with its first parts kept as written. The lexicon is plain data (:meth:`to_data`), stored
with the compiled vocabulary so that later runs never ask Apertium or load simplemma.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: Noun forms: number, definiteness, genitive.
NOUN_KEYS = tuple(f"{n}.{d}{g}" for n in ("sg", "pl") for d in ("ind", "def")
                  for g in ("", ".gen"))
#: Adjective forms by what they agree with: an indefinite singular of either gender, or a
#: definite or plural head (one form, *digitala*).
ADJECTIVE_KEYS = ("ut.sg.ind", "nt.sg.ind", "pl", "sg.def")
#: Determiners opening a definite phrase with an adjective (*den digitala tjänsten*).
DETERMINER_KEYS = {"ut.sg": "den<det><dem><ut><sg>", "nt.sg": "den<det><dem><nt><sg>",
                   "pl": "den<det><dem><un><pl>"}
_HYPHENS = ("-", "\u2010")
FORMAT = 1
#: Noun endings, longest first: what may follow a known head in a word no table lists.
ENDINGS = ("ernas", "arnas", "ornas", "erna", "arna", "orna", "ens", "ers", "ars", "ors",
           "ets", "nas", "en", "er", "ar", "or", "et", "na", "ns", "s", "n", "a", "")


@dataclass
class Noun:
    gender: str  # ut | nt
    forms: dict[str, str]  # NOUN_KEYS → form


@dataclass
class SwedishLexicon:
    """Forms of the vocabulary's Swedish words; see the module docstring."""

    nouns: dict[str, Noun] = field(default_factory=dict)
    adjectives: dict[str, dict[str, str]] = field(default_factory=dict)
    determiners: dict[str, str] = field(default_factory=dict)
    #: Lemmas of other forms (from simplemma, without features), form → lemmas.
    lemmas: dict[str, list[str]] = field(default_factory=dict)
    #: Whether the paradigms were generated and analysed back (Apertium).
    verified: bool = False
    _index: dict[str, list[tuple[str, str]]] | None = field(default=None, repr=False)

    # -- looking up ----------------------------------------------------------------------------

    @property
    def index(self) -> Mapping[str, list[tuple[str, str]]]:
        """form → (lemma, key) pairs: key is a noun key, ``adj:`` + an adjective key, or ``""``
        for a lemma without features."""
        if self._index is None:
            index: dict[str, list[tuple[str, str]]] = {}
            for lemma, noun in self.nouns.items():
                for key, form in noun.forms.items():
                    index.setdefault(form, []).append((lemma, key))
            for lemma, forms in self.adjectives.items():
                for key, form in forms.items():
                    index.setdefault(form, []).append((lemma, "adj:" + key))
            for form, lemmas in self.lemmas.items():
                for lemma in lemmas:
                    if all(lemma != known for known, _ in index.get(form, ())):
                        index.setdefault(form, []).append((lemma, ""))
            self._index = index
        return self._index

    def readings(self, word: str) -> list[tuple[str, str]]:
        """(lemma, key) for a lower-case word; a compound ending in a known noun form (*e-tjänsten*,
        *primärvårdens*) gets that noun's readings with its first part kept: the longest
        known ending wins."""
        found = self.index.get(word)
        if found:
            return list(found)
        for cut in range(2, len(word) - 2):
            tail = self.index.get(word[cut:])
            if tail:
                head = word[:cut]
                return [(head + lemma, key) for lemma, key in tail
                        if not key.startswith("adj:")]
        return []

    def noun(self, lemma: str) -> tuple[str, Noun] | None:
        """The paradigm of ``lemma`` or of its longest known last part, with the part before."""
        if lemma in self.nouns:
            return "", self.nouns[lemma]
        for cut in range(1, len(lemma) - 2):
            found = self.nouns.get(lemma[cut:])
            if found is not None:
                return lemma[:cut], found
        return None

    # -- plain data ----------------------------------------------------------------------------

    def to_data(self) -> dict[str, Any]:
        return {"format": FORMAT, "verified": self.verified,
                "nouns": {k: [n.gender, n.forms] for k, n in self.nouns.items()},
                "adjectives": self.adjectives, "determiners": self.determiners,
                "lemmas": self.lemmas}

    @classmethod
    def from_data(cls, data: Any) -> SwedishLexicon:
        """What :meth:`to_data` wrote; ValueError for anything else."""
        try:
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError("not a Swedish lexicon of this format")
            nouns = {str(k): Noun(str(v[0]), {str(a): str(b) for a, b in v[1].items()})
                     for k, v in data["nouns"].items()}
            adjectives = {str(k): {str(a): str(b) for a, b in v.items()}
                          for k, v in data["adjectives"].items()}
            determiners = {str(a): str(b) for a, b in data["determiners"].items()}
            lemmas = {str(k): [str(x) for x in v] for k, v in data["lemmas"].items()}
            return cls(nouns, adjectives, determiners, lemmas, bool(data["verified"]))
        except (KeyError, TypeError, IndexError, AttributeError) as exc:
            raise ValueError(f"malformed Swedish lexicon ({type(exc).__name__})") from None


def vocabulary_words(terms: Iterable[str]) -> list[str]:
    """The lower-case words of ``terms`` (the part after a hyphen too), in order, once each."""
    seen: dict[str, None] = {}
    for term in terms:
        for word in term.replace("\u2010", "-").split():
            low = word.lower().strip(".,;:()")
            if low and any(c.isalpha() for c in low) and not low.endswith(_HYPHENS):
                seen.setdefault(low, None)
    return list(seen)


def with_simplemma(words: list[str]) -> SwedishLexicon:
    """Lemmas only: every form simplemma's Swedish table gives for the words' lemmas."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    # Loaded once, here (simplemma.lemmatize would load a second copy of its own).
    table = DefaultDictionaryFactory().get_dictionary("sv")
    lemma_of: dict[str, str] = {}
    for word in words:
        last = word
        for hyphen in _HYPHENS:
            last = last.rpartition(hyphen)[2] or last
        found = table.get(last)
        lemma = (found.decode("utf-8") if isinstance(found, bytes) else str(found or last))
        lemma_of[lemma.lower()] = word[: len(word) - len(last)]
    # A listed word that merely ends like a vocabulary word and an ending keeps its own lemma
    # (*hälsovårdarna* is *hälsovårdare*), so that the analyser does not cut it at a head.
    # Matched on reversed words, anchored at the start: a search for the same alternatives
    # at the end of each of the table's million words takes ten times as long.
    reversed_ends = re.compile(
        b"(?:" + b"|".join(re.escape(e.encode()[::-1]) for e in ENDINGS if e) + b")?(?:"
        + b"|".join(re.escape(w.encode()[::-1]) for w in sorted(lemma_of, key=len, reverse=True)
                    if len(w) >= 4) + b")")
    wanted = {lemma.encode(): lemma for lemma in lemma_of}
    # simplemma keeps the table as UTF-8 bytes and decodes each entry it is asked for: its
    # own bytes (where they are where simplemma 1.x and 2.x keep them) are walked thirty
    # times as fast, and only the entries kept are decoded.
    raw = getattr(table, "_dict", None)
    pairs: Iterable[tuple[bytes, bytes]] = raw.items() if isinstance(raw, dict) else (
        (str(f).encode(), b if isinstance(b, bytes) else str(b).encode())
        for f, b in table.items())
    lemmas: dict[str, list[str]] = {}
    for form, lemma_bytes in pairs:
        if not isinstance(form, bytes) or not isinstance(lemma_bytes, bytes):
            continue
        low_lemma = lemma_bytes.lower()
        if low_lemma in wanted:
            text = wanted[low_lemma]
            prefix = lemma_of[text]
            lemmas.setdefault(prefix + form.decode("utf-8").lower(), []).append(prefix + text)
        elif reversed_ends.match(form.lower()[::-1]):
            lemmas.setdefault(form.decode("utf-8").lower(), []).append(
                lemma_bytes.decode("utf-8").lower())
    for word in words:
        lemmas.setdefault(word, [word])
    return SwedishLexicon(lemmas={k: sorted(set(v)) for k, v in lemmas.items()})
