"""``termlint explain``: what a term or rule id means, where it comes from, what to write.

A query is either an id (``thl-digi/digitaalinen-palvelu``, a rule id, or a bare concept id) or
text. Text is matched the way ``check`` matches it, so any inflected form of any term works
(*sähköisissä palveluissa* finds *sähköinen palvelu*); unlike ``check``, preferred and admitted
terms and established exceptions are found too. To do that, every term is compiled as a pattern
of its own ("term patterns"), with rule ids that point back to its concept and term.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from termlint.engine import Engine
from termlint.model import Match, Severity, Status
from termlint.vocab.schema import Concept, Rule, Term, Vocabulary

_SEP = "~"
_EXCEPTION = "exception"


@dataclass(frozen=True)
class Explanation:
    """One concept or rule that a query names, and how the query relates to it."""

    vocabulary: Vocabulary
    concept: Concept | None = None
    rule: Rule | None = None
    #: The term the query text matched (None for an id query or a rule match).
    term: Term | None = None
    #: The matched stretch of the query and its language.
    matched: str | None = None
    language: str | None = None
    #: An established phrase that no pattern flags (``sähköinen resepti``).
    exception: str | None = None

    @property
    def id(self) -> str:
        if self.rule is not None:
            return self.rule.id
        if self.concept is not None:
            return f"{self.vocabulary.id}/{self.concept.id}"
        return self.vocabulary.id

    @property
    def severity(self) -> Severity | None:
        if self.rule is not None:
            return self.rule.severity
        if self.concept is not None and self.term is not None and self.term.status.flagged:
            return self.vocabulary.severity_for(self.concept, self.term.status)
        return None


def concept_name(concept: Concept) -> str:
    """The first preferred term, Finnish first: how a concept is called in messages."""
    for language in ("fi", "sv"):
        names = concept.preferred(language)
        if names:
            return names[0]
    return next((t.text for t in concept.terms if t.status is Status.PREFERRED), concept.id)


# -- lookups ------------------------------------------------------------------------------------


def lookup_id(query: str, vocabs: Sequence[Vocabulary]) -> list[Explanation]:
    """Concepts and rules whose id is ``query`` (full rule id, or bare concept id)."""
    wanted = query.strip()
    found: list[Explanation] = []
    for vocab in vocabs:
        for concept in vocab.concepts:
            if wanted in (f"{vocab.id}/{concept.id}", concept.id):
                found.append(Explanation(vocab, concept=concept))
        for rule in vocab.rules:
            if wanted == rule.id:
                found.append(Explanation(vocab, rule=rule,
                                         concept=_rule_concept(rule, vocab, vocabs)))
    return found


def _rule_concept(rule: Rule, vocab: Vocabulary,
                  vocabs: Sequence[Vocabulary]) -> Concept | None:
    if rule.concept is None:
        return None
    namespace = rule.id.split("/", 1)[0]
    for candidate in sorted(vocabs, key=lambda v: v.id not in (namespace, vocab.id)):
        for concept in candidate.concepts:
            if concept.id == rule.concept:
                return concept
    return None


def term_vocabulary(vocab: Vocabulary) -> Vocabulary:
    """``vocab`` with every term and exception made a flagged pattern of its own.

    Pattern ids are ``vocab/concept~index`` for terms and ``vocab/~exception~index`` for
    exceptions, so a match leads back to them. Exceptions and names are dropped as such (they would
    block the very text asked about); rules stay as they are.
    """
    concepts: list[Concept] = []
    for concept in vocab.concepts:
        for index, term in enumerate(concept.terms):
            pseudo = replace(term, status=Status.DEPRECATED)
            concepts.append(Concept(id=f"{concept.id}{_SEP}{index}", terms=(pseudo,)))
    phrases = [*vocab.exceptions, *(p for c in vocab.concepts for p in c.exceptions)]
    languages = [*(vocab.exception_language(p) for p in vocab.exceptions),
                 *("fi" for c in vocab.concepts for _ in c.exceptions)]
    for index, (phrase, language) in enumerate(zip(phrases, languages, strict=True)):
        term = Term(text=phrase, status=Status.DEPRECATED, language=language, match="whole")
        concepts.append(Concept(id=f"{_SEP}{_EXCEPTION}{_SEP}{index}", terms=(term,)))
    return replace(vocab, concepts=tuple(concepts), exceptions=(), disable=(),
                   names=())


def _resolve(match: Match, query: str, language: str,
             vocabs: Sequence[Vocabulary]) -> Explanation | None:
    text = query[match.start : match.end]
    vocab_id, _, local = match.rule.partition("/")
    for vocab in vocabs:
        for rule in vocab.rules:
            if rule.id == match.rule:
                return Explanation(vocab, rule=rule, concept=_rule_concept(rule, vocab, vocabs),
                                   matched=text, language=language)
        if vocab.id != vocab_id or _SEP not in local:
            continue
        if local.startswith(f"{_SEP}{_EXCEPTION}{_SEP}"):
            phrases = [*vocab.exceptions, *(p for c in vocab.concepts for p in c.exceptions)]
            index = int(local.rsplit(_SEP, 1)[1])
            return Explanation(vocab, exception=phrases[index], matched=text, language=language)
        concept_id, _, index_text = local.rpartition(_SEP)
        for concept in vocab.concepts:
            if concept.id == concept_id:
                term = concept.terms[int(index_text)]
                return Explanation(vocab, concept=concept, term=term, matched=text,
                                   language=language)
    return None


def explain_text(query: str, engine: Engine, vocabs: Sequence[Vocabulary],
                 languages: Sequence[str] = ("fi", "sv")) -> list[Explanation]:
    """Concepts, rules and exceptions whose terms the query text contains.

    ``engine`` must be built on :func:`term_vocabulary` copies of ``vocabs``. Matches that
    cover the whole query come first; a query that is one phrase gives one answer per concept.
    """
    scored: list[tuple[tuple[int, int, int], Explanation]] = []
    seen: set[tuple[str, str | None]] = set()
    stripped = query.strip()
    for order, language in enumerate(languages):
        for match in engine.lint_text(stripped, language):
            found = _resolve(match, stripped, language, vocabs)
            if found is None:
                continue
            key = (found.id, found.exception)
            if key in seen:
                continue
            seen.add(key)
            covers = match.start == 0 and match.end == len(stripped)
            rank = (0 if covers else 1, 0 if found.term is not None or found.exception else 1,
                    order)
            scored.append((rank, found))
    return [e for _, e in sorted(scored, key=lambda x: x[0])]


# -- output -------------------------------------------------------------------------------------


def _terms_by_language(concept: Concept) -> dict[str, list[Term]]:
    out: dict[str, list[Term]] = {}
    for term in concept.terms:
        out.setdefault(term.language, []).append(term)
    return out


def to_json(explanation: Explanation) -> dict[str, Any]:
    vocab = explanation.vocabulary
    data: dict[str, Any] = {
        "id": explanation.id,
        "kind": "rule" if explanation.rule else "exception" if explanation.exception
        else "concept",
        "vocabulary": {"id": vocab.id, "title": vocab.title, "default": vocab.default,
                       "source": vocab.source, "licence": vocab.licence},
        "query": None,
    }
    if explanation.matched is not None:
        term = explanation.term
        data["query"] = {
            "text": explanation.matched,
            "language": explanation.language,
            "term": term.text if term else explanation.exception,
            "status": term.status.value if term else
            ("exception" if explanation.exception else None),
            "severity": str(explanation.severity) if explanation.severity else None,
        }
    if explanation.exception is not None:
        data["exception"] = explanation.exception
        data["source"] = vocab.source
    concept = explanation.concept
    if concept is not None:
        data["concept"] = {
            "id": concept.id,
            "name": concept_name(concept),
            "preferred": {lang: [t.text for t in terms if t.status is Status.PREFERRED]
                          for lang, terms in _terms_by_language(concept).items()},
            "terms": {lang: [{"term": t.text, "status": t.status.value, "match": t.match,
                              "severity": str(vocab.severity_for(concept, t.status))
                              if t.status.flagged else None, "fix": t.fix}
                             for t in terms]
                      for lang, terms in _terms_by_language(concept).items()},
            "note": concept.note,
            "source": concept.source or vocab.source,
        }
        data["source"] = concept.source or vocab.source
    rule = explanation.rule
    if rule is not None:
        data["rule"] = {"id": rule.id, "kind": rule.kind, "modifier": rule.modifier,
                        "replacement": rule.replacement, "heads": list(rule.heads),
                        "parts": list(rule.parts), "severity": str(rule.severity),
                        "message": rule.message, "source": rule.source or vocab.source}
        data["source"] = rule.source or vocab.source
    return data


def to_text(explanation: Explanation) -> str:
    vocab = explanation.vocabulary
    lines: list[str] = []
    concept, rule = explanation.concept, explanation.rule
    if explanation.exception is not None:
        lines.append(f"{explanation.exception}  (established phrase, never flagged)")
        lines.append(f"  '{explanation.matched}' is an exception of {vocab.id}: no rule or term "
                     "flags it.")
    elif rule is not None:
        lines.append(f"{rule.id}  (rule: {rule.kind})")
        if rule.message:
            lines.append(f"  {rule.message}")
        lines.append(f"  flags '{rule.modifier}' in front of: "
                     + ", ".join([*rule.heads, *(f"…{p}…" for p in rule.parts)]))
        lines.append(f"  write instead: {rule.replacement}; severity: {rule.severity}")
        if concept is not None:
            lines.append(f"  concept: {concept_name(concept)}")
        if explanation.matched is not None:
            lines.append(f"  '{explanation.matched}' is matched by this rule")
    elif concept is not None:
        lines.append(f"{concept_name(concept)}  ({vocab.id}/{concept.id})")
    term = explanation.term
    if term is not None and concept is not None:
        verdict = {
            Status.PREFERRED: "the preferred term",
            Status.ADMITTED: "an admitted term",
            Status.DEPRECATED: "deprecated",
            Status.FORBIDDEN: "forbidden",
            Status.NARROWER: "a term for a narrower concept",
        }[term.status]
        form = "" if explanation.matched == term.text else f" (a form of '{term.text}')"
        flagged = f"; reported as {explanation.severity}" if explanation.severity else ""
        if term.status.flagged and not term.fix:
            flagged += "; advice only (fix: false): never applied by --fix"
        lines.append(f"  '{explanation.matched}'{form} [{term.language}]: {verdict}{flagged}")
    if concept is not None:
        by_language = _terms_by_language(concept)
        for language, terms in by_language.items():
            preferred = [t.text for t in terms if t.status is Status.PREFERRED]
            others = [f"{t.text} ({t.status.value})" for t in terms
                      if t.status is not Status.PREFERRED]
            lines.append(f"  preferred ({language}): {', '.join(preferred) or '-'}")
            if others:
                lines.append(f"  other terms ({language}): {', '.join(others)}")
        if concept.note:
            lines.append(f"  note: {' '.join(concept.note.split())}")
    source = (rule.source if rule else concept.source if concept else None) or vocab.source
    if source:
        lines.append(f"  source: {source}")
    state = "on by default" if vocab.default else "optional: --vocab +" + vocab.id
    lines.append(f"  vocabulary: {vocab.id} — {vocab.title or vocab.id} ({state})")
    return "\n".join(lines)
