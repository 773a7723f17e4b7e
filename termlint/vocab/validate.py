"""``termlint vocab validate``: what the loader accepts but a reviewer should not.

The loader already refuses malformed files. Validation adds the checks that need the whole
vocabulary or the analyser: a term listed twice, a term that is preferred in one place and
deprecated in another, a concept that flags terms without citing a source, and a term or rule
word that the analyser cannot read (its pattern then never matches an inflected form, or, in a
rule, never matches at all), and names listed twice or acts without a source.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from termlint.model import Status
from termlint.morphology import WordAnalyzer
from termlint.morphology.tokenize import words
from termlint.vocab.loader import load_vocabulary
from termlint.vocab.overrides import known_ids
from termlint.vocab.schema import Concept, Term, VocabError, Vocabulary

ERROR, WARNING = "error", "warning"
_ACCEPTED = (Status.PREFERRED, Status.ADMITTED)
_REJECTED = (Status.DEPRECATED, Status.FORBIDDEN)


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    level: str
    message: str
    #: Set on a warning that an imported term bank can give once per concept: past
    #: :data:`REPEATS` of one kind in a file, :func:`shown` prints a few and a count.
    kind: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.level}: {self.message}"


#: The kind of the warning "flags terms but has no 'flag' example".
NO_FLAG_EXAMPLE = "concept(s) flag terms but have no 'flag' example"
#: More warnings of one kind in one file than this are summed up (see :func:`shown`).
REPEATS = 20
#: How many of them are printed before the summary line.
FIRST = 5


def shown(problems: list[Problem], every: bool = False) -> list[str]:
    """The lines to print for one file's ``problems``.

    A term bank imported whole gives one "no 'flag' example" warning per concept, thousands
    of lines that bury the errors. Past :data:`REPEATS` warnings of one kind, the first
    :data:`FIRST` are printed and then one line with how many more there are; ``every``
    prints them all. Errors are always printed one by one: each is a thing to fix.
    """
    counts: dict[str, int] = {}
    for problem in problems:
        if problem.kind:
            counts[problem.kind] = counts.get(problem.kind, 0) + 1
    lines: list[str] = []
    printed: dict[str, int] = {}
    for problem in problems:
        kind = problem.kind
        if every or not kind or counts[kind] <= REPEATS:
            lines.append(str(problem))
            continue
        printed[kind] = printed.get(kind, 0) + 1
        if printed[kind] <= FIRST:
            lines.append(str(problem))
        elif printed[kind] == FIRST + 1:
            lines.append(f"{problem.path}: {problem.level}: {counts[kind] - FIRST} more "
                         f"{kind} (-v shows every one)")
    return lines


def _words(phrase: str) -> list[str]:
    return [phrase[start:end] for start, end, _ in words(phrase)]


def _unreadable(analyzer: WordAnalyzer, phrase: str) -> list[str]:
    return [w for w in _words(phrase) if not analyzer.analyze(w)]


def _term_problems(vocab: Vocabulary, analyzers: Mapping[str, WordAnalyzer]) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[tuple[str, str], tuple[Concept, Term]] = {}
    for concept in vocab.concepts:
        flagged = [t for t in concept.terms if t.status.flagged]
        if flagged and not concept.source:
            problems.append(Problem(vocab.path, concept.line, ERROR,
                                    f"concept {concept.id!r} flags terms but cites no 'source'"))
        if flagged and not any(e.flag for e in concept.examples):
            problems.append(Problem(vocab.path, concept.line, WARNING,
                                    f"concept {concept.id!r} flags terms but has no 'flag' "
                                    "example", kind=NO_FLAG_EXAMPLE))
        for term in concept.terms:
            key = (term.language, term.text.lower())
            if key in seen:
                other_concept, other = seen[key]
                message = _clash(term, other, concept, other_concept)
                if message:
                    problems.append(Problem(vocab.path, term.line or concept.line, ERROR, message))
            else:
                seen[key] = (concept, term)
            if not term.fix and term.status not in _REJECTED:
                # Only a synonym is ever a fix: on any other status the key says nothing.
                problems.append(Problem(
                    vocab.path, term.line or concept.line, WARNING,
                    f"term {term.text!r}: 'fix: false' has no effect on a {term.status.value} "
                    "term (only deprecated and forbidden terms are ever fixed)"))
            if not term.status.flagged:
                continue
            analyzer = analyzers.get(term.language)
            if analyzer is None:
                continue
            for word in _unreadable(analyzer, term.text):
                if term.fuzzy:
                    continue
                problems.append(Problem(
                    vocab.path, term.line or concept.line, ERROR,
                    f"term {term.text!r}: the analyser cannot read {word!r}, so the pattern "
                    "never matches its inflected forms; correct the spelling, or mark the term "
                    "'fuzzy: true' if it is a misspelling matched by spelling on purpose"))
    return problems


def _clash(term: Term, other: Term, concept: Concept, other_concept: Concept) -> str | None:
    where = "this concept" if concept is other_concept else f"concept {other_concept.id!r}"
    if concept is other_concept:
        return f"duplicate term {term.text!r} ({term.language}) in concept {concept.id!r}"
    statuses = {term.status, other.status}
    if statuses & set(_ACCEPTED) and statuses & set(_REJECTED):
        return (f"term {term.text!r} ({term.language}) is {term.status.value} here but "
                f"{other.status.value} in {where}")
    if term.status in _REJECTED and other.status in _REJECTED:
        return f"duplicate flagged term {term.text!r} ({term.language}), also in {where}"
    return None


def _rule_problems(vocab: Vocabulary, analyzers: Mapping[str, WordAnalyzer]) -> list[Problem]:
    problems: list[Problem] = []
    for rule in vocab.rules:
        if not (rule.source or vocab.source):
            problems.append(Problem(vocab.path, rule.line, ERROR,
                                    f"rule {rule.id!r} cites no 'source'"))
        analyzer = analyzers.get(rule.language)
        if analyzer is None:
            continue
        for phrase in (rule.modifier, *rule.heads, *rule.parts):
            for word in _unreadable(analyzer, phrase):
                problems.append(Problem(vocab.path, rule.line, ERROR,
                                        f"rule {rule.id!r}: the analyser cannot read {word!r}, "
                                        "so this part of the rule can never match"))
    return problems


def _exception_problems(vocab: Vocabulary,
                        analyzers: Mapping[str, WordAnalyzer]) -> list[Problem]:
    problems: list[Problem] = []
    phrases = [(p, vocab.line, vocab.exception_language(p)) for p in vocab.exceptions]
    phrases += [(p, c.line, "fi") for c in vocab.concepts for p in c.exceptions]
    for phrase, line, language in phrases:
        analyzer = analyzers.get(language)
        if analyzer is None:
            continue
        for word in _unreadable(analyzer, phrase):
            problems.append(Problem(vocab.path, line, WARNING,
                                    f"exception {phrase!r}: the analyser cannot read {word!r}; "
                                    "the exception only covers that spelling"))
    return problems


def _name_problems(vocab: Vocabulary, analyzers: Mapping[str, WordAnalyzer]) -> list[Problem]:
    """Names listed twice, an act (a name with a number) that cites no source, and words the
    analyser cannot read (the name then matches only that spelling of them)."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for name in vocab.names:
        analyzer = analyzers.get(name.language)
        line = name.line or vocab.line
        key = name.text.lower()
        if key in seen:
            problems.append(Problem(vocab.path, line, ERROR, f"duplicate name {name.text!r}"))
        seen.add(key)
        if name.number is not None and not name.source:
            problems.append(Problem(vocab.path, line, WARNING,
                                    f"name {name.text!r} ({name.number}) cites no 'source'; "
                                    "give the act's Finlex address"))
        if analyzer is None:
            continue
        for word in _unreadable(analyzer, name.text):
            problems.append(Problem(vocab.path, line, WARNING,
                                    f"name {name.text!r}: the analyser cannot read {word!r}; "
                                    "the name matches only that spelling of it"))
    return problems


def validate_vocabulary(vocab: Vocabulary, analyzers: Mapping[str, WordAnalyzer],
                        others: Iterable[Vocabulary] = ()) -> list[Problem]:
    """Problems of a loaded vocabulary; ``others`` (the bundled ones) resolve ``disable`` ids."""
    problems = _term_problems(vocab, analyzers) + _rule_problems(vocab, analyzers)
    problems += _exception_problems(vocab, analyzers) + _name_problems(vocab, analyzers)
    ids = known_ids([vocab, *others])
    for entry in vocab.disable:
        if entry not in ids:
            problems.append(Problem(vocab.path, vocab.line, WARNING,
                                    f"disable: {entry!r} names no bundled vocabulary, concept "
                                    "or rule"))
    return sorted(problems, key=lambda p: (p.line or 0, p.message))


def validate_file(path: str, analyzers: Mapping[str, WordAnalyzer],
                  others: Iterable[Vocabulary] = ()) -> list[Problem]:
    """Load and validate one file; a file the loader refuses is one error with its line."""
    try:
        vocab = load_vocabulary(path)
    except VocabError as exc:
        return [Problem(exc.path, exc.line, ERROR, exc.message)]
    return validate_vocabulary(vocab, analyzers, [o for o in others if o.id != vocab.id])


def describe_classes(path: str, analyzer: WordAnalyzer) -> str:
    """The word classes of a file's Finnish terms (``vocab.word_classes``); "" for a file the
    loader refuses (its error is already reported) or one without Finnish terms."""
    from termlint.vocab.word_classes import word_classes

    try:
        vocab = load_vocabulary(path)
    except VocabError:
        return ""
    return word_classes(vocab, analyzer)
