"""What the term-bank importers (THL Termed, Sanastot, NTRF) share.

Each reader turns its format into :class:`BankConcept` records that still speak the term bank's
language: a term has a *role* (``prefLabel``, ``avoidableLabel``, ``DTEB``,
``notRecommendedSynonym`` …), not a termlint status. :func:`build_vocabulary` then maps roles to
statuses through a :class:`RoleMap`, applies the publication-status filter, names each concept
by a readable slug of its preferred term and keeps the term bank's own id as the source. Keeping
the mapping in one table per format is what makes it overridable (``--map ROLE=STATUS``): some
pairings are inferred, not documented (see docs/term-banks.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from termlint.model import Status
from termlint.vocab.interchange import (
    ImportResult,
    finish_concept,
    parse_status,
    primary_language,
    slug,
    unique_id,
)
from termlint.vocab.schema import Concept, Term, VocabError, Vocabulary, has_word

#: ``--map`` value for a role that is read but never becomes a term (search terms).
SKIP = "skip"

#: A role's status, or None for a role whose terms are never imported (never flagged).
RoleMap = Mapping[str, Status | None]


@dataclass
class BankTerm:
    """A term as the term bank has it: its text, language and role."""

    text: str
    language: str
    role: str
    #: The term's own publication status (Sanastot ``VALID``, NTRF ``stat``), if it has one.
    status: str | None = None
    #: An equivalence marker (``<``, ``>``, ``~``, ``BROADER``, NTRF ``EQUI``): the term is not an
    #: exact equivalent. Kept verbatim in the note; a direction is never guessed from it.
    equivalence: str | None = None


@dataclass
class BankConcept:
    """A concept record: the term bank's id, its address (the source) and its terms."""

    key: str
    source: str | None
    terms: list[BankTerm] = field(default_factory=list)
    note: str | None = None
    #: Codes of the concept's status (THL ``Status`` nodes, Sanastot ``VALID``, NTRF ``stat``).
    statuses: list[str] = field(default_factory=list)


@dataclass
class Options:
    """What the user chose: role overrides, accepted statuses, ids and citation."""

    roles: dict[str, Status | None] = field(default_factory=dict)
    #: Accepted concept and term statuses (upper case); None accepts every status.
    statuses: frozenset[str] | None = None
    vocab_id: str | None = None
    title: str = ""
    source: str | None = None


def parse_map(entries: Iterable[str], known: Iterable[str]) -> dict[str, Status | None]:
    """``["avoidableLabel=forbidden", "hiddenLabel=skip"]`` → a role map; a role the format does
    not have, or a status termlint does not have, is a usage error naming both lists."""
    roles = sorted(known)
    out: dict[str, Status | None] = {}
    for entry in entries:
        role, sep, value = entry.partition("=")
        role, value = role.strip(), value.strip().lower()
        if not sep or role not in roles:
            raise ValueError(f"--map {entry!r}: expected ROLE=STATUS with ROLE one of "
                             f"{', '.join(roles)}")
        if value == SKIP:
            out[role] = None
            continue
        status = parse_status(value)
        if status is None:
            names = ", ".join([*(s.value for s in Status), SKIP])
            raise ValueError(f"--map {entry!r}: unknown status {value!r} (expected one of: "
                             f"{names})")
        out[role] = status
    return out


def parse_statuses(text: str | None, default: frozenset[str] | None) -> frozenset[str] | None:
    """``--status VALID,DRAFT`` → the accepted set; ``all`` (or ``*``) accepts everything."""
    if text is None:
        return default
    values = {v.strip().upper() for v in text.split(",") if v.strip()}
    return None if not values or values & {"ALL", "*"} else frozenset(values)


def status_code(value: str) -> str:
    """The code at the end of a status address (``…/code/VALID`` → ``VALID``), upper case."""
    return value.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1].strip().upper()


def _accepted(codes: Iterable[str], statuses: frozenset[str] | None) -> bool:
    codes = [status_code(c) for c in codes if c]
    return statuses is None or not codes or any(c in statuses for c in codes)


def _term(term: BankTerm, status: Status) -> Term:
    text = " ".join(term.text.split())
    note = None
    if term.equivalence:
        note = f"equivalence in the source: {term.equivalence} (not an exact equivalent)"
    return Term(text=text, status=status, language=primary_language(term.language or "fi"),
                note=note)


def _terms(concept: BankConcept, roles: RoleMap, options: Options,
           result: ImportResult) -> list[Term]:
    terms: list[Term] = []
    seen: set[tuple[str, str]] = set()
    for raw in concept.terms:
        if raw.role not in roles:
            result.unknown[f"term role {raw.role}"] += 1
            continue
        status = roles[raw.role]
        if status is None:
            result.skipped[f"{raw.role} (never flagged)"] += 1
            continue
        if not has_word(raw.text):
            result.skipped["term without a letter or digit"] += 1
            continue
        if raw.status and not _accepted([raw.status], options.statuses):
            result.skipped[f"term with status {status_code(raw.status)}"] += 1
            continue
        if raw.equivalence and status.flagged:
            # A flagged term that is only a near equivalent: flagging it with this concept's
            # preferred term as the fix could change the meaning.
            result.skipped[f"{raw.role} with an equivalence marker (never flagged)"] += 1
            continue
        term = _term(raw, status)
        key = (term.language, term.text.lower())
        if key in seen:
            result.warnings.append(f"concept {concept.key!r}: {term.text!r} ({term.language}) "
                                   f"listed twice; the first role kept")
            continue
        seen.add(key)
        terms.append(term)
    accepted = {t.language for t in terms if not t.status.flagged}
    for language in sorted({t.language for t in terms if t.status.flagged} - accepted):
        result.warnings.append(f"concept {concept.key!r}: flags {language} terms but has no "
                               f"{language} term to recommend; its findings suggest nothing")
    order = {Status.PREFERRED: 0, Status.ADMITTED: 1}
    return sorted(terms, key=lambda t: order.get(t.status, 2))


def _readable_id(terms: list[Term], key: str) -> str:
    for language in ("fi", None):
        for term in terms:
            if term.status is Status.PREFERRED and language in (None, term.language):
                return slug(term.text)
    return slug(key)


def build_vocabulary(records: Iterable[BankConcept], roles: RoleMap, options: Options,
                     path: str, default_id: str, result: ImportResult | None = None,
                     title: str = "") -> ImportResult:
    """A vocabulary from term-bank records: roles mapped, statuses filtered, ids readable."""
    result = result or ImportResult(Vocabulary(id=default_id, path=path))
    roles = {**roles, **options.roles}
    concepts: list[Concept] = []
    taken: set[str] = set()
    for record in records:
        if not _accepted(record.statuses, options.statuses):
            codes = ",".join(sorted({status_code(c) for c in record.statuses}))
            result.skipped[f"concept with status {codes}"] += 1
            continue
        terms = _terms(record, roles, options, result)
        if not terms:
            result.skipped["concept without an imported term"] += 1
            continue
        cid = unique_id(_readable_id(terms, record.key), taken)
        source = record.source or (f"{options.source} ({record.key})" if options.source
                                   else record.key)
        concept = finish_concept(Concept(id=cid, terms=tuple(terms), note=record.note,
                                         source=source), result.warnings)
        if concept is not None:
            concepts.append(concept)
    if not concepts:
        skipped = "; ".join(f"{reason}: {n}" for reason, n in sorted(result.skipped.items()))
        raise VocabError(path, None, "no concept to import" + (f" ({skipped})" if skipped
                                                                 else ""))
    result.vocabulary = Vocabulary(
        id=options.vocab_id or default_id, path=path, title=options.title or title,
        source=options.source, concepts=tuple(concepts))
    return result


def count_unknown(result: ImportResult, where: str, names: Iterable[str],
                  known: Iterable[str]) -> None:
    """Count each of ``names`` that is not in ``known`` as ``where.name``."""
    understood = set(known)
    for name in names:
        if name not in understood:
            result.unknown[f"{where}{name}"] += 1


def summary(result: ImportResult) -> list[str]:
    """Lines for standard error: what was not understood, and what was left out on purpose."""
    lines = []
    if result.unknown:
        lines.append("not understood, left out: " + ", ".join(
            f"{name} ×{n}" for name, n in sorted(result.unknown.items())))
    if result.skipped:
        lines.append("left out on purpose: " + ", ".join(
            f"{name} ×{n}" for name, n in sorted(result.skipped.items())))
    return lines
