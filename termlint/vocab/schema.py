"""Vocabulary and rule files: the typed model (the loader is :mod:`termlint.vocab.loader`).

A vocabulary is data a terminologist can review: concepts with terms per language and a status
per term, a citation, and test sentences. Rules (``rules/*.yaml``) cover patterns that are not
one vocabulary term, such as a deprecated modifier in front of any of a set of nouns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from termlint.model import Severity, Status

MATCH_MODES = ("whole", "head", "part")
RULE_KINDS = ("modifier",)

DEFAULT_SEVERITY: dict[Status, Severity] = {
    Status.FORBIDDEN: Severity.ERROR,
    Status.DEPRECATED: Severity.WARNING,
    Status.NARROWER: Severity.INFO,
}


class VocabError(Exception):
    """A vocabulary, rule or config file that cannot be used; ``str()`` is ``path:line: msg``."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Example:
    """A test sentence: ``flag`` examples must produce a finding (optionally with ``fix``)."""

    text: str
    flag: bool
    fix: str | None = None
    line: int | None = None
    #: Language the example is linted in (``fi`` unless the example says ``language: sv``).
    language: str = "fi"


@dataclass(frozen=True)
class Term:
    text: str
    status: Status
    language: str
    match: str = "head"
    note: str | None = None
    line: int | None = None
    #: True when the term's words are outside the analyser's dictionary on purpose (a misspelling
    #: such as *epalvelu*): they are matched by spelling, and ``vocab validate`` accepts that.
    fuzzy: bool = False
    #: False for a term whose suggestion is advice only, never a fix (issue 15): a
    #: ``deprecated`` term whose preferred term is not a synonym in every context, such as a
    #: unit's proper name (*hyvinvointikeskus*) or a word right only in one meaning
    #: (*verkko-osoite*). True never makes a term fixable that is not a synonym.
    fix: bool = True
    #: The finding's message, in the vocabulary's words, when the generated one would say
    #: something untrue for this term (see :func:`termlint.engine.patterns.term_message`).
    message: str | None = None


@dataclass(frozen=True)
class Concept:
    id: str
    terms: tuple[Term, ...]
    exceptions: tuple[str, ...] = ()
    note: str | None = None
    source: str | None = None
    severity: Severity | None = None
    examples: tuple[Example, ...] = ()
    line: int | None = None

    def preferred(self, language: str) -> list[str]:
        return [t.text for t in self.terms
                if t.language == language and t.status is Status.PREFERRED]


@dataclass(frozen=True)
class Rule:
    """A pattern rule; ``kind: modifier`` is an adjective that is wrong in front of the heads."""

    id: str
    kind: str
    language: str
    modifier: str
    replacement: str
    heads: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    exceptions: tuple[str, ...] = ()
    severity: Severity = Severity.WARNING
    message: str | None = None
    concept: str | None = None
    source: str | None = None
    examples: tuple[Example, ...] = ()
    line: int | None = None


@dataclass(frozen=True)
class Name:
    """A proper name (the title of an act, a service, an organisation) that holds words a
    pattern would flag: no pattern may flag anything inside it. ``number`` is an act's number
    (``13/2003``), which also marks a citation by the number in parentheses."""

    text: str
    number: str | None = None
    source: str | None = None
    note: str | None = None
    line: int | None = None
    #: The language of the texts the name is matched in (a Swedish name guards Swedish text).
    language: str = "fi"


@dataclass(frozen=True)
class Vocabulary:
    id: str
    path: str
    title: str = ""
    source: str | None = None
    licence: str | None = None
    default: bool = True
    severity: dict[Status, Severity] = field(default_factory=dict)
    concepts: tuple[Concept, ...] = ()
    rules: tuple[Rule, ...] = ()
    exceptions: tuple[str, ...] = ()
    #: Ids switched off in *other* vocabularies when this one is selected: a vocabulary id, a
    #: concept rule id (``thl-digi/digitaalinen-palvelu``) or a rule id.
    disable: tuple[str, ...] = ()
    #: Names never flagged inside (see :class:`Name`); they apply to every selected vocabulary.
    names: tuple[Name, ...] = ()
    #: Source and note of the :attr:`exceptions` written as ``{text, source, note}``, by text.
    exception_sources: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    #: The language of each of the :attr:`exceptions` that is not Finnish, by text (written
    #: ``{text, language: sv}``): an exception guards text of its own language only.
    exception_languages: dict[str, str] = field(default_factory=dict)
    line: int | None = None

    def exception_language(self, text: str) -> str:
        """The language one of the :attr:`exceptions` is matched in (Finnish unless it says)."""
        return self.exception_languages.get(text, "fi")

    def severity_for(self, concept: Concept, status: Status) -> Severity:
        if concept.severity is not None:
            return concept.severity
        return self.severity.get(status, DEFAULT_SEVERITY.get(status, Severity.WARNING))


#: A letter or a digit: what the tokeniser needs to find a word (``termlint.morphology``'s
#: ``WORD``). A term made of punctuation, emoji or white space only would compile to no
#: pattern at all.
_LETTER = re.compile(r"[^\W_]")


def has_word(text: str) -> bool:
    return _LETTER.search(text) is not None
