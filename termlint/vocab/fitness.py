"""Make an imported vocabulary pass ``termlint vocab validate`` before it is written.

A term bank may hold what a termlint vocabulary must not: the same flagged term in two concepts,
a term recommended in one concept and deprecated in another, a deliberate misspelling the
analyser cannot read, a concept with no citation. Validation would reject the written file, so
an import settles each case here, in the way that can never flag a recommended word, and says
what it did. The rules are those of :mod:`termlint.vocab.validate`; the import command runs the
validator afterwards, so the two cannot drift apart unnoticed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from termlint.model import Status
from termlint.morphology import WordAnalyzer
from termlint.morphology.tokenize import words
from termlint.vocab.schema import Concept, Term, Vocabulary

_ACCEPTED = (Status.PREFERRED, Status.ADMITTED)
_REJECTED = (Status.DEPRECATED, Status.FORBIDDEN)


def _unreadable(analyzer: WordAnalyzer, phrase: str) -> bool:
    return any(not analyzer.analyze(phrase[start:end]) for start, end, _ in words(phrase))


def make_valid(vocab: Vocabulary, analyzers: Mapping[str, WordAnalyzer],
               fallback_source: str) -> tuple[Vocabulary, list[str]]:
    """``vocab`` changed so that validation finds no error, and a warning per change."""
    warnings: list[str] = []
    accepted: dict[tuple[str, str], str] = {}
    for concept in vocab.concepts:
        for term in concept.terms:
            if term.status in _ACCEPTED:
                accepted.setdefault((term.language, term.text.lower()), concept.id)
    flagged_in: dict[tuple[str, str], str] = {}
    concepts: list[Concept] = []
    for concept in vocab.concepts:
        terms: list[Term] = []
        seen: set[tuple[str, str]] = set()
        for term in concept.terms:
            key = (term.language, term.text.lower())
            if key in seen:
                warnings.append(f"concept {concept.id!r}: {term.text!r} ({term.language}) "
                                "listed twice; the first kept")
                continue
            if term.status in _REJECTED:
                owner = accepted.get(key)
                if owner is not None and owner != concept.id:
                    warnings.append(f"concept {concept.id!r}: {term.text!r} ({term.language}) "
                                    f"is {term.status.value} here but recommended in "
                                    f"{owner!r}; not flagged")
                    continue
                first = flagged_in.setdefault(key, concept.id)
                if first != concept.id:
                    warnings.append(f"concept {concept.id!r}: {term.text!r} ({term.language}) "
                                    f"is already flagged in {first!r}; kept there only")
                    continue
            seen.add(key)
            analyzer = analyzers.get(term.language)
            if (term.status.flagged and not term.fuzzy and analyzer is not None
                    and _unreadable(analyzer, term.text)):
                warnings.append(f"concept {concept.id!r}: the analyser cannot read "
                                f"{term.text!r}; matched by spelling only (fuzzy)")
                term = replace(term, fuzzy=True)
            terms.append(term)
        source = concept.source
        if not source and any(t.status.flagged for t in terms):
            source = vocab.source or fallback_source
            warnings.append(f"concept {concept.id!r}: no source; {source!r} cited")
        concepts.append(replace(concept, terms=tuple(terms), source=source))
    return replace(vocab, concepts=tuple(concepts)), warnings
