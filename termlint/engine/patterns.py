"""Compile vocabulary terms and rules into lemma patterns.

A term such as *sähköinen palvelu* becomes a sequence of slots, each naming a lemma and how the
word must relate to the phrase's head: an adjective that agrees with it in case and number, a
genitive attribute that stays fixed (*terveydenhuollon*), or the head itself, which may also be
the head or a part of a compound (*asiointipalvelu*, *verkkoasiointikanava*). Compilation uses
the analyser, so a vocabulary is written in plain base forms and never as regular expressions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from termlint.model import Analysis, Severity, Status
from termlint.morphology import WordAnalyzer
from termlint.morphology.tokenize import INVISIBLE, INVISIBLE_RE, words

if TYPE_CHECKING:  # only annotations: a run from a snapshot never loads the schema
    from termlint.vocab.schema import Rule, Term, Vocabulary

ADJECTIVE_CLASSES = frozenset({"laatusana", "nimisana_laatusana"})
#: Points per slot by how exactly it matched; used to prefer the most specific pattern.
MODE_SCORE = {"whole": 3, "head": 2, "part": 1, "fuzzy": 3}


_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "-": None, "\u2010": None,
                       **dict.fromkeys(INVISIBLE)})


def fold(text: str) -> str:
    """Lower-case, umlauts dropped, hyphens and invisible characters removed: for near-miss
    matching.

    The same as ``text.lower().translate(_FOLD)``, made of ``str.replace`` calls: a
    translation table with non-ASCII keys is applied a character at a time through a
    dictionary, a dozen times slower on a clause than a few searches that find nothing.
    """
    low = text.lower()
    if not low.isascii():
        low = INVISIBLE_RE.sub("", low.replace("ä", "a").replace("ö", "o").replace("å", "a")
                               .replace("\u2010", ""))
    return low.replace("-", "")


@dataclass(frozen=True)
class Option:
    """One acceptable head word: its compound parts and how it may sit inside a compound."""

    parts: tuple[str, ...]
    mode: str  # whole | head | part
    #: The word's whole lemma as the vocabulary wrote it (``e-palvelu``): its paradigm stem
    #: is what the prefilter looks for.
    lemma: str = ""

    def accepts(self, analysis: Analysis) -> bool:
        parts = analysis.parts or (analysis.lemma,)
        n = len(self.parts)
        if self.mode == "whole":
            # Only the word itself: "Suomi.fi-verkkopalvelu" is a service's name, not a use of
            # the narrower term "verkkopalvelu".
            return parts == self.parts or analysis.lemma == "".join(self.parts)
        if self.mode == "head":
            return len(parts) >= n and parts[-n:] == self.parts
        return any(parts[i : i + n] == self.parts for i in range(len(parts) - n + 1))


@dataclass(frozen=True)
class Slot:
    """One word of a pattern.

    ``role`` is ``agree`` (an adjective agreeing with the head), ``fixed`` (a word in a fixed
    case, like a genitive attribute), ``literal`` (any form of the lemma), or ``head``.
    ``fuzzy`` holds the folded spelling of a term word that the analyser cannot read
    (*epalvelu*): such a slot matches unknown words that look like it.
    """

    role: str
    options: tuple[Option, ...]
    case: str | None = None
    fuzzy: str | None = None
    #: The matcher's memo of which readings of a word fit this slot (see
    #: :func:`termlint.engine.matcher.slot_analyses`); not part of the slot's identity.
    memo: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def keys(self) -> set[str]:
        """Lemma parts that any matching word must contain: the pattern index uses them."""
        return {o.parts[-1] for o in self.options}

    def score(self, analyses: tuple[Analysis, ...]) -> int:
        if self.fuzzy is not None:
            return 10 + MODE_SCORE["fuzzy"]
        return max((10 * len(o.parts) + MODE_SCORE[o.mode] for o in self.options
                    for a in analyses if o.accepts(a)), default=0)

    def accepts(self, analysis: Analysis) -> bool:
        if self.role == "agree":
            if analysis.word_class not in ADJECTIVE_CLASSES or analysis.case == "kerrontosti":
                return False
        elif self.role == "head" and analysis.word_class == "laatusana":
            # A head must have a noun reading (noun-adjectives such as "nimisana_laatusana" do).
            return False
        if self.role == "fixed" and analysis.case != self.case:
            return False
        return any(o.accepts(analysis) for o in self.options)


@dataclass(frozen=True)
class Pattern:
    """A compiled term or rule: slots plus everything a finding needs to explain itself."""

    rule: str
    language: str
    slots: tuple[Slot, ...]
    severity: Severity
    message: str
    term: str
    status: Status | None
    concept: str | None
    source: str | None
    preferred: tuple[str, ...]
    #: For modifier rules: the replacement lemma of the first (modifier) slot.
    replacement: str | None = None
    #: False when the vocabulary says the term's suggestion is advice only (``fix: false``):
    #: it is never a fix, whatever its status (see :mod:`termlint.engine.fixability`).
    fixable: bool = True

    def specificity(self, analyses: tuple[tuple[Analysis, ...], ...]) -> int:
        """More words, then more compound parts named, then stricter modes: more specific.

        Scored on the options that actually matched ``analyses`` (one tuple per slot), so a
        rule listing many heads is not more specific than the one head it matched.
        """
        return 100 * len(self.slots) + sum(
            slot.score(found) for slot, found in zip(self.slots, analyses, strict=True)
        )


def best_analysis(morphology: WordAnalyzer, word: str) -> Analysis | None:
    """The reading of a term word to compile: prefer nominative, fewest compound parts."""
    found = morphology.analyze(word)
    if not found:
        return None
    return min(
        found,
        key=lambda a: (a.case not in ("nimento", None), a.mood is not None, len(a.parts)),
    )


def compile_phrase(
    morphology: WordAnalyzer, phrase: str, mode: str = "head", head: int | None = None
) -> tuple[Slot, ...]:
    """Slots for a base-form phrase: the last word is the head, earlier words agree or stay.

    ``head`` picks another word as the head (a name such as *laki sähköisestä asioinnista*
    inflects its first word): the words after it keep their case, as written."""
    spans = list(words(phrase))
    head_at = len(spans) - 1 if head is None else head
    slots: list[Slot] = []
    for index, (start, end, _) in enumerate(spans):
        word = phrase[start:end]
        analysis = best_analysis(morphology, word)
        last = index == head_at
        if analysis is None:
            # Unreadable: match the literal spelling of unknown words, loosely.
            slots.append(Slot(role="head" if last else "literal",
                              options=(Option((word.lower(),), "whole"),), fuzzy=fold(word)))
            continue
        parts = analysis.parts or (analysis.lemma,)
        if last and len(spans) == 1 and analysis.word_class == "laatusana":
            # A term that is one adjective or participle (*klikattu*): a "head" slot wants a
            # noun reading, so any form of the lemma is matched instead.
            slots.append(Slot(role="literal", options=(Option(parts, mode, analysis.lemma),)))
        elif last:
            slots.append(Slot(role="head", options=(Option(parts, mode, analysis.lemma),)))
        elif word.endswith("-") or analysis.case is None:
            slots.append(Slot(role="literal", options=(Option(parts, "whole", analysis.lemma),)))
        elif (analysis.case == "nimento" and analysis.word_class in ADJECTIVE_CLASSES
              and index < head_at):
            slots.append(Slot(role="agree", options=(Option(parts, "whole", analysis.lemma),)))
        else:
            slots.append(Slot(role="fixed", options=(Option(parts, "whole", analysis.lemma),),
                              case=analysis.case))
    return tuple(slots)


def term_message(term: Term, preferred: list[str]) -> str:
    """The message of a finding of ``term``: the vocabulary's own (``message:``) if it has
    one, else one made from the term's status and its concept's preferred terms.

    The made one says only what holds for any vocabulary: a ``narrower`` term is right for
    its own, narrower concept, so the preferred term is offered for the broader one; and a
    term whose suggestion is advice only (``fix: false``) is told to *consider* it, not to
    use it. What the broader concept is in plain words (*any digital service*) only the
    vocabulary knows: it says so in the term's ``message``.
    """
    if term.message:
        return term.message
    suggestion = " or ".join(f"'{p}'" for p in preferred[:2])
    if term.status is Status.NARROWER:
        return (f"'{term.text}' names a narrower concept; keep it where you mean that, "
                f"use {suggestion} for the broader concept")
    verdict = {
        Status.DEPRECATED: "is not recommended",
        Status.FORBIDDEN: "is wrong",
    }.get(term.status, "is flagged")
    if not term.fix:
        return f"'{term.text}' {verdict}; consider {suggestion} if it fits"
    return f"'{term.text}' {verdict}; use {suggestion}"


def compile_vocabulary(
    analyzer: WordAnalyzer, vocab: Vocabulary, language: str,
    disabled: frozenset[str] = frozenset(),
) -> tuple[list[Pattern], list[tuple[Slot, ...]]]:
    """The patterns of ``vocab`` in ``language`` and its exceptions there, as slot sequences.

    One language at a time, with that language's analyser, so that a run over Finnish files
    never loads another language's morphology.
    """
    patterns: list[Pattern] = []
    exceptions: list[tuple[Slot, ...]] = []
    for phrase in vocab.exceptions:
        # An exception is Finnish unless it says otherwise (``language: sv``).
        if vocab.exception_language(phrase) == language:
            exceptions.append(compile_phrase(analyzer, phrase, "whole"))
    for concept in vocab.concepts:
        rule_id = f"{vocab.id}/{concept.id}"
        if rule_id in disabled:
            continue
        if language == "fi":
            for phrase in concept.exceptions:
                exceptions.append(compile_phrase(analyzer, phrase, "whole"))
        for term in concept.terms:
            if not term.status.flagged or term.language != language:
                continue
            slots = compile_phrase(analyzer, term.text, term.match)
            if not slots:
                continue  # no word in the term (the loader refuses those; code may not)
            preferred = concept.preferred(term.language)
            patterns.append(
                Pattern(
                    rule=rule_id,
                    language=term.language,
                    slots=slots,
                    severity=vocab.severity_for(concept, term.status),
                    message=term_message(term, preferred),
                    term=term.text,
                    status=term.status,
                    concept=concept.id,
                    source=concept.source or vocab.source,
                    preferred=tuple(preferred),
                    fixable=term.fix,
                )
            )
    for rule in vocab.rules:
        if rule.id in disabled or rule.language != language:
            continue
        pattern = compile_rule(analyzer, rule, vocab)
        if pattern is not None:
            patterns.append(pattern)
        for phrase in rule.exceptions:
            exceptions.append(compile_phrase(analyzer, phrase, "whole"))
    return patterns, [slots for slots in exceptions if slots]


def flagged_languages(vocab: Vocabulary) -> set[str]:
    """Languages in which ``vocab`` flags anything."""
    found = {t.language for c in vocab.concepts for t in c.terms if t.status.flagged}
    return found | {r.language for r in vocab.rules}


def compile_rule(morphology: WordAnalyzer, rule: Rule, vocab: Vocabulary) -> Pattern | None:
    """A ``modifier`` rule: an agreeing adjective slot, then any of the listed heads (None
    when the modifier or every head has no word in it)."""
    modifiers = compile_phrase(morphology, rule.modifier, "whole")
    if not modifiers:
        return None
    modifier = modifiers[0]
    options: list[Option] = []
    for words_, mode in ((rule.heads, "head"), (rule.parts, "part")):
        for word in words_:
            if not any(True for _ in words(word)):
                continue
            analysis = best_analysis(morphology, word)
            parts = (analysis.parts or (analysis.lemma,)) if analysis else (word.lower(),)
            options.append(Option(parts, mode, analysis.lemma if analysis else word.lower()))
    if not options:
        return None
    head = Slot(role="head", options=tuple(options))
    agree = Slot(role="agree", options=modifier.options)
    message = rule.message or f"'{rule.modifier}' here: use '{rule.replacement}'"
    return Pattern(
        rule=rule.id,
        language=rule.language,
        slots=(agree, head),
        severity=rule.severity,
        message=message,
        term=rule.modifier,
        status=Status.DEPRECATED,
        concept=rule.concept,
        source=rule.source or vocab.source,
        preferred=(rule.replacement,),
        replacement=rule.replacement,
    )
