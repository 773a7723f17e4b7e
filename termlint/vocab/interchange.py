"""What the import and export formats share: ids, the ``termlint:`` key=value notes, and the
rules by which an imported concept becomes loadable (it needs a preferred term).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace

from termlint.model import Severity, Status
from termlint.vocab.schema import DEFAULT_SEVERITY, Concept, Term, Vocabulary

#: Prefix of the notes (TBX) by which termlint keeps what a format has no field for.
NOTE_PREFIX = "termlint:"


@dataclass
class ImportResult:
    """An imported vocabulary and what the importer had to guess or leave out."""

    vocabulary: Vocabulary
    warnings: list[str] = field(default_factory=list)
    #: Fields of the input the importer does not understand, by name, with how often they
    #: occurred: reported so that nothing is dropped without the user seeing it.
    unknown: Counter[str] = field(default_factory=Counter)
    #: Terms and concepts left out on purpose (a search term, a status filter), by reason.
    skipped: Counter[str] = field(default_factory=Counter)


def slug(text: str) -> str:
    """An ASCII id from a term or a foreign id (``Etäpalvelu`` → ``etapalvelu``)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return out or "concept"


def unique_id(wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 2
    while candidate in taken:
        candidate, n = f"{wanted}-{n}", n + 1
    taken.add(candidate)
    return candidate


def primary_language(tag: str) -> str:
    """``fi-FI`` → ``fi``; ``sv_SE`` → ``sv``."""
    return re.split(r"[-_]", tag.strip())[0].lower()


def termlint_note(key: str, value: str | None = None) -> str:
    return f"{NOTE_PREFIX} {key}" if value is None else f"{NOTE_PREFIX} {key}={value}"


def parse_note(text: str) -> tuple[str, str] | None:
    """``("match", "whole")`` for ``termlint: match=whole``; None for an ordinary note."""
    stripped = text.strip()
    if not stripped.startswith(NOTE_PREFIX):
        return None
    body = stripped[len(NOTE_PREFIX):].strip()
    key, _, value = body.partition("=")
    return key.strip(), value.strip()


def parse_status(value: str) -> Status | None:
    try:
        return Status(value.strip().lower())
    except ValueError:
        return None


def parse_severity(value: str) -> Severity | None:
    try:
        return Severity.parse(value)
    except ValueError:
        return None


def finish_concept(concept: Concept, warnings: list[str]) -> Concept | None:
    """A loadable concept: with a preferred term, promoted from an admitted one if need be.

    A concept whose terms are all flagged cannot be used (nothing to suggest); it is dropped
    with a warning rather than guessed.
    """
    if not concept.terms:
        warnings.append(f"concept {concept.id!r}: no terms; left out")
        return None
    if any(t.status is Status.PREFERRED for t in concept.terms):
        return concept
    for index, term in enumerate(concept.terms):
        if term.status is Status.ADMITTED:
            warnings.append(f"concept {concept.id!r}: no preferred term; "
                            f"{term.text!r} ({term.language}) made preferred")
            terms = list(concept.terms)
            terms[index] = replace(term, status=Status.PREFERRED)
            return replace(concept, terms=tuple(terms))
    warnings.append(f"concept {concept.id!r}: no preferred or admitted term; left out")
    return None


def effective_severity(vocab: Vocabulary, concept: Concept, term: Term) -> Severity | None:
    """The severity a flagged term is reported with; None for a term that is never flagged."""
    if not term.status.flagged:
        return None
    return vocab.severity_for(concept, term.status)


def default_severity(status: Status) -> Severity:
    return DEFAULT_SEVERITY.get(status, Severity.WARNING)


def first_url(text: str | None) -> str | None:
    if not text:
        return None
    found = re.search(r"https?://\S+", text)
    return found.group(0).rstrip(").,;") if found else None
