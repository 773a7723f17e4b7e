"""CSV import and export: one row per term, for spreadsheets and review.

Columns (a header row is required; names are matched case-insensitively, order is free):

``concept, language, term, status, match, note, source`` — required in that sense that the
exporter always writes them; an import needs at least ``concept``, ``term`` and ``status``.
Optional: ``severity`` (the level a flagged term is reported at), ``fuzzy`` (``true``),
``term_note``, ``fix`` (``false`` for a term whose suggestion is advice only, never a fix) and
``message`` (the term's own finding message). ``note`` and ``source`` belong to the concept:
the first non-empty value of a concept's rows is used. A row with status ``exception`` is an
established phrase that no pattern may flag: of that concept, or of the whole vocabulary when
``concept`` is empty.

Severities are written per row (the effective level). On import, a level shared by every row of
a status becomes the vocabulary's level for that status, and a concept whose rows differ from
it gets a concept level.
"""

from __future__ import annotations

import csv
import io
from collections import Counter

from termlint.model import Severity, Status
from termlint.vocab.interchange import (
    ImportResult,
    default_severity,
    effective_severity,
    finish_concept,
    parse_severity,
    parse_status,
    primary_language,
    slug,
)
from termlint.vocab.schema import Concept, Term, VocabError, Vocabulary

COLUMNS = ("concept", "language", "term", "status", "match", "note", "source", "severity",
           "fuzzy", "term_note", "fix", "message")
EXCEPTION = "exception"


def export_csv(vocab: Vocabulary) -> str:
    """CSV text for ``vocab`` (concepts and exceptions; rules have no row form)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for concept in vocab.concepts:
        source = concept.source or vocab.source or ""
        for term in concept.terms:
            severity = effective_severity(vocab, concept, term)
            writer.writerow([concept.id, term.language, term.text, term.status.value,
                             term.match, concept.note or "", source,
                             str(severity) if severity is not None else "",
                             "true" if term.fuzzy else "", term.note or "",
                             "" if term.fix else "false", term.message or ""])
        for phrase in concept.exceptions:
            writer.writerow([concept.id, "fi", phrase, EXCEPTION, *[""] * (len(COLUMNS) - 4)])
    for phrase in vocab.exceptions:
        writer.writerow(["", vocab.exception_language(phrase), phrase, EXCEPTION,
                         *[""] * (len(COLUMNS) - 4)])
    return out.getvalue()


def _delimiter(text: str) -> str:
    """The header line's separator: comma, semicolon (spreadsheets in Finnish) or tab."""
    header = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=header.count)


def _rows(text: str, path: str) -> list[list[str]]:
    """All rows of ``text``. The csv module refuses a field over its process-wide limit
    (128 KiB) with ``_csv.Error``; no field can be longer than the file, so the limit is
    raised to the file's length for this read, and any other CSV error names its line."""
    limit = csv.field_size_limit()
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    try:
        csv.field_size_limit(max(limit, len(text) + 1))
        return list(reader)
    except csv.Error as exc:
        raise VocabError(path, reader.line_num or None, f"invalid CSV: {exc}") from None
    finally:
        csv.field_size_limit(limit)


def import_csv(text: str, path: str = "<csv>", vocab_id: str = "imported",
               title: str = "", source: str | None = None) -> ImportResult:
    """Read CSV text into a :class:`Vocabulary`; errors name the file and row line."""
    text = text.removeprefix("\ufeff")
    rows = _rows(text, path)
    if not rows:
        raise VocabError(path, None, "empty CSV file")
    header = [h.strip().lower() for h in rows[0]]
    for needed in ("concept", "term", "status"):
        if needed not in header:
            raise VocabError(path, 1, f"CSV header needs a {needed!r} column "
                                      f"(columns: {', '.join(COLUMNS)})")
    index = {name: header.index(name) for name in COLUMNS if name in header}
    warnings: list[str] = []
    order: list[str] = []
    terms: dict[str, list[Term]] = {}
    severities: dict[str, list[tuple[Status, Severity]]] = {}
    notes: dict[str, str] = {}
    sources: dict[str, str] = {}
    concept_exceptions: dict[str, list[str]] = {}
    vocab_exceptions: list[str] = []
    exception_languages: dict[str, str] = {}

    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(name: str, row: list[str] = row) -> str:
            position = index.get(name)
            return row[position].strip() if position is not None and position < len(row) else ""

        concept_id, term_text, status_text = cell("concept"), cell("term"), cell("status")
        if not term_text:
            raise VocabError(path, line, "row has no term")
        if status_text.lower() == EXCEPTION:
            if concept_id:
                concept_exceptions.setdefault(slug(concept_id), []).append(term_text)
            else:
                vocab_exceptions.append(term_text)
                if cell("language") not in ("", "fi"):
                    exception_languages[term_text] = cell("language")
            continue
        if not concept_id:
            raise VocabError(path, line, f"term {term_text!r} has no concept")
        status = parse_status(status_text or "preferred")
        if status is None:
            names = ", ".join([*(s.value for s in Status), EXCEPTION])
            raise VocabError(path, line, f"unknown status {status_text!r} (expected one of: "
                                         f"{names})")
        match = cell("match") or "head"
        if match not in ("whole", "head", "part"):
            raise VocabError(path, line, f"unknown match {match!r} (expected whole, head, part)")
        cid = slug(concept_id)
        if cid not in terms:
            order.append(cid)
            terms[cid] = []
        terms[cid].append(Term(text=term_text, status=status,
                               language=primary_language(cell("language") or "fi"),
                               match=match, note=cell("term_note") or None,
                               fuzzy=cell("fuzzy").lower() in ("true", "yes", "1"), line=line,
                               fix=cell("fix").lower() not in ("false", "no", "0"),
                               message=cell("message") or None))
        if cell("note") and cid not in notes:
            notes[cid] = cell("note")
        if cell("source") and cid not in sources:
            sources[cid] = cell("source")
        if cell("severity") and status.flagged:
            level = parse_severity(cell("severity"))
            if level is None:
                raise VocabError(path, line, f"unknown severity {cell('severity')!r}")
            severities.setdefault(cid, []).append((status, level))

    vocab_severity: dict[Status, Severity] = {}
    per_status: dict[Status, Counter[Severity]] = {}
    for pairs in severities.values():
        for status, level in pairs:
            per_status.setdefault(status, Counter())[level] += 1
    for status, counts in per_status.items():
        if len(counts) == 1:
            level = next(iter(counts))
            if level != default_severity(status):
                vocab_severity[status] = level
    concepts: list[Concept] = []
    for cid in order:
        concept_level: Severity | None = None
        for status, level in severities.get(cid, []):
            if level != vocab_severity.get(status, default_severity(status)):
                if concept_level is not None and concept_level != level:
                    warnings.append(f"concept {cid!r}: rows give different severities; "
                                    f"{concept_level} kept")
                    continue
                concept_level = level
        concept = finish_concept(Concept(
            id=cid, terms=tuple(terms[cid]), exceptions=tuple(concept_exceptions.pop(cid, [])),
            note=notes.get(cid), source=sources.get(cid), severity=concept_level), warnings)
        if concept is not None:
            concepts.append(concept)
    for cid, phrases in concept_exceptions.items():
        warnings.append(f"exceptions of unknown concept {cid!r} kept for the whole vocabulary")
        vocab_exceptions.extend(phrases)
    vocab = Vocabulary(id=vocab_id, path=path, title=title, source=source,
                       severity=vocab_severity, concepts=tuple(concepts),
                       exceptions=tuple(vocab_exceptions),
                       exception_languages=exception_languages)
    return ImportResult(vocab, warnings)
