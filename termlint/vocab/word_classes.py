"""The word classes of a vocabulary's terms, for ``termlint vocab validate``.

What a fix can do depends on the class of the word it replaces: nouns and adjectives are
inflected in every case, number, possessive and clitic; verbs are conjugated in the finite
forms, the connegative and the 3rd infinitive, and offered as advice in any other form (see
docs/vocabulary-format.md). A vocabulary author should see which kinds of words their terms
are, as Voikko reads them, to know what to expect.
"""

from __future__ import annotations

from collections import Counter

from termlint.morphology import WordAnalyzer
from termlint.morphology.tokenize import words
from termlint.vocab.schema import Vocabulary

#: Voikko's classes, grouped as the vocabulary format documents them.
GROUPS = {
    "nimisana": "noun",
    "nimisana_laatusana": "noun",
    "laatusana": "adjective",
    "teonsana": "verb",
    "lyhenne": "abbreviation",
}
ORDER = ("noun", "adjective", "verb", "participle", "abbreviation", "other", "unknown")


def head_class(analyzer: WordAnalyzer, term: str) -> str:
    """The group of a term's last word: its base-form reading's class (a participle is an
    adjective that Voikko marks as one), "unknown" when the analyser cannot read it."""
    spans = list(words(term))
    if not spans:
        return "unknown"
    start, end, _ = spans[-1]
    readings = analyzer.analyze(term[start:end])
    if not readings:
        return "unknown"
    base = [a for a in readings if a.case in (None, "nimento") and a.mood in (None,
                                                                              "A-infinitive")]
    reading = (base or list(readings))[0]
    if reading.word_class == "laatusana" and _participle(analyzer, term[start:end]):
        return "participle"
    return GROUPS.get(reading.word_class, "other")


def _participle(analyzer: WordAnalyzer, word: str) -> bool:
    """Whether Voikko's own record marks ``word`` as a participle (the reduced readings the
    engine keeps do not say, since a participle has its own lemma there)."""
    backend = getattr(analyzer, "backend", None)
    if backend is None:
        return False
    return any("PARTICIPLE" in raw for raw in backend.analyze(word))


def word_classes(vocab: Vocabulary, analyzer: WordAnalyzer, language: str = "fi") -> str:
    """One line: how many of ``vocab``'s terms in ``language`` end in each word class."""
    counts = Counter(head_class(analyzer, t.text) for c in vocab.concepts for t in c.terms
                     if t.language == language)
    if not counts:
        return ""
    shown = ", ".join(f"{counts[g]} {g}" for g in ORDER if counts[g])
    return f"word classes of its {language} terms: {shown}"
