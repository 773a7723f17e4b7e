"""Names are not terms: compile a name into the phrases that cite it, for the exception check.

A name (the title of an act, a service, an organisation) may hold a flagged term: *laki
sähköisestä asioinnista viranomaistoiminnassa* holds *sähköinen asiointi*. Nothing inside a
name is flagged, since the writer cannot change it. A name is matched like an exception, a
phrase whose hit cancels every hit it overlaps, in any inflection of its head word.

Finnish cites an act in a few frames, and each becomes one exception phrase:

- the title itself, its first word inflected: *laki / lain / laissa sähköisestä asioinnista
  viranomaistoiminnassa* (the words after the head keep the case they have in the title);
- the title turned round with the participle *annettu*, which agrees with the head:
  *sähköisestä asioinnista viranomaistoiminnassa annetun lain*, *… annetussa laissa*;
- for an act with a number, the words after the head followed by the number in parentheses:
  *sähköisestä asioinnista viranomaistoiminnassa (13/2003)*.

The last frame needs text after the last word, which a slot cannot hold (a parenthesis is a
barrier). It is written as a trailing pseudo-slot of role ``after`` whose ``case`` holds the
number, so that the compiled phrases stay plain slot tuples (and snapshots keep their shape);
:func:`exception_pattern` moves it into the pattern's ``term``, and :func:`cited` checks it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from termlint.engine.patterns import (
    ADJECTIVE_CLASSES,
    Pattern,
    Slot,
    best_analysis,
    compile_phrase,
)
from termlint.model import Severity, Token
from termlint.morphology import WordAnalyzer
from termlint.morphology.tokenize import words

#: The participle of the turned-round citation frame (*… annettu laki*).
PARTICIPLE = "annettu"
#: Role of the pseudo-slot that carries an act's number (see the module docstring).
AFTER = "after"
#: Characters allowed around the number inside the parentheses (*(L 13/2003)*): no sentence
#: punctuation and no line break, so the check never looks past the clause (the clause memo
#: keys on the clause's text).
_INSIDE = r"[^().!?;\r\n]{0,20}?"


def head_index(analyzer: WordAnalyzer, text: str) -> int:
    """Which word of a name inflects: the last noun in the nominative (*laki* in *laki
    sähköisestä asioinnista*, *tukipalvelu* in *sähköisen asioinnin tukipalvelu*), else the
    last word in the nominative, else the last word."""
    spans = list(words(text))
    nominative: list[int] = []
    nouns: list[int] = []
    for index, (start, end, _) in enumerate(spans):
        analysis = best_analysis(analyzer, text[start:end])
        if analysis is not None and analysis.case == "nimento":
            nominative.append(index)
            if analysis.word_class not in ADJECTIVE_CLASSES:
                nouns.append(index)
    if nouns:
        return nouns[-1]
    return nominative[-1] if nominative else len(spans) - 1


def compile_name(analyzer: WordAnalyzer, text: str, number: str | None = None,
                 language: str = "fi") -> list[tuple[Slot, ...]]:
    """The exception phrases of one name, as slot tuples (see the module docstring).

    The citation frames are Finnish legal writing; a name in another language is matched as
    written, its last word in any inflection (the analyser gives Swedish words no case)."""
    spans = list(words(text))
    if not spans:
        return []
    head = head_index(analyzer, text) if language == "fi" else len(spans) - 1
    phrases = [compile_phrase(analyzer, text, "whole", head=head)]
    if language == "fi" and head < len(spans) - 1:
        rest = text[spans[head + 1][0]:]
        title = text[:spans[head][1]]
        phrases.append(compile_phrase(analyzer, f"{rest} {PARTICIPLE} {title}", "whole"))
        if number is not None:
            # Every word keeps its case (no word is the head): the number names the act.
            fixed = compile_phrase(analyzer, rest, "whole", head=len(spans))
            phrases.append((*fixed, Slot(role=AFTER, options=(), case=number)))
    return [p for p in phrases if p]


def compile_names(analyzer: WordAnalyzer, names: Iterable[tuple[str, str | None]],
                  language: str = "fi") -> list[tuple[Slot, ...]]:
    """:func:`compile_name` of each ``(text, number)``, all in ``language``."""
    return [phrase for text, number in names
            for phrase in compile_name(analyzer, text, number, language)]


def exception_pattern(slots: tuple[Slot, ...], language: str) -> Pattern:
    """The pattern the engine matches for an exception phrase; a name's number, carried by a
    trailing ``after`` slot, becomes the pattern's ``term`` (empty when there is none)."""
    number = ""
    if slots and slots[-1].role == AFTER:
        number, slots = slots[-1].case or "", slots[:-1]
    return Pattern(rule="exception", language=language, slots=slots, severity=Severity.INFO,
                   message="", term=number, status=None, concept=None, source=None,
                   preferred=())


_CITATIONS: dict[str, re.Pattern[str]] = {}


def cited(pattern: Pattern, text: str, tokens: Sequence[Token], last: int) -> bool:
    """Whether an exception hit ending at ``tokens[last]`` counts: always, unless its pattern
    needs an act's number in parentheses right after it (*… viranomaistoiminnassa
    (13/2003)*)."""
    number = pattern.term
    if not number:
        return True
    found = _CITATIONS.get(number)
    if found is None:
        found = _CITATIONS[number] = re.compile(
            rf"[^\S\r\n]*\({_INSIDE}(?<![\d/]){re.escape(number)}(?![\d/]){_INSIDE}\)")
    return found.match(text, tokens[last].end) is not None
