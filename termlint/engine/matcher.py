"""Match compiled patterns against a token stream.

Finnish puts words between the parts of a term: coordinated adjectives (*sähköisiä ja
turvallisia palveluja*), elided compound parts (*sähköiset sosiaali- ja terveyspalvelut*). The
matcher lets exactly those through, checks that adjectives agree with the head in case and
number, and never crosses a barrier (a mask, a clause break, a comma outside a coordination).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import NamedTuple

from termlint.engine.patterns import ADJECTIVE_CLASSES, Pattern, Slot, fold
from termlint.model import Analysis, Token

CONJUNCTIONS = frozenset({"ja", "tai", "sekä", "eli", "taikka", "ynnä", "och", "eller", "samt"})
#: How many coordinated or stacked adjectives may stand between a modifier and its head.
MAX_FILLERS = 3
#: Most words of a name between a modifier and a head written "-palvelussa".
MAX_NAME_WORDS = 5
#: Lowest rapidfuzz ratio (0-100) at which an unknown word counts as a misspelt term word.
FUZZY_CUTOFF = 85.0

Form = tuple[str | None, str | None]


class Hit(NamedTuple):
    """A pattern matched at ``tokens[first:last + 1]``; ``slot_tokens`` index each slot's word.

    A named tuple rather than a frozen dataclass: the matcher's own record, made thousands of
    times a run, and a tenth of the cost to define at start-up."""

    pattern: Pattern
    first: int
    last: int
    slot_tokens: tuple[int, ...]
    slot_analyses: tuple[tuple[Analysis, ...], ...]
    forms: frozenset[Form]
    confidence: float

    @property
    def score(self) -> tuple[int, int, bool, float]:
        # A vocabulary term beats a generic modifier rule of the same specificity.
        return (self.pattern.specificity(self.slot_analyses), self.last - self.first,
                self.pattern.replacement is None, self.confidence)


def _gap(text: str, tokens: Sequence[Token], j: int) -> str:
    return text[tokens[j - 1].end : tokens[j].start]


def _plain_gap(gap: str) -> bool:
    return gap.strip() == ""


def _fuzzy(slot: Slot, token: Token) -> float:
    if slot.fuzzy is None or token.known:
        return 0.0
    word = fold(token.text)
    stem = slot.fuzzy[:-1] if len(slot.fuzzy) > 4 else slot.fuzzy
    # Typos seldom hit the first letters; requiring three keeps "palveluvälyän" from looking
    # like "epalvelu" (and lets the prefilter look for those three letters only).
    if word[:3] != stem[:3]:
        return 0.0
    from rapidfuzz import fuzz  # only unknown words that start like a term get here

    score = float(fuzz.ratio(word[: len(stem)], stem))
    return score if score >= FUZZY_CUTOFF and len(word) <= len(stem) + 8 else 0.0


#: Words remembered per slot before its memo is emptied.
SLOT_MEMO_SIZE = 4096


def slot_analyses(slot: Slot, token: Token) -> tuple[tuple[Analysis, ...], float]:
    """Readings of ``token`` that fit ``slot`` and the confidence of the fit (0 = no fit).

    The answer depends on the word's readings only, and the same words recur in every clause,
    so it is remembered per slot and surface form. The analyser hands out one tuple of
    readings per word form (its cache), so an identity check tells a remembered answer is for
    these very readings; anything else is worked out afresh.
    """
    entry = slot.memo.get(token.text)
    if entry is not None and entry[0] is token.analyses and entry[1] == token.repaired:
        return entry[2]  # type: ignore[no-any-return]
    result = _fit(slot, token)
    if len(slot.memo) >= SLOT_MEMO_SIZE:
        slot.memo.clear()
    slot.memo[token.text] = (token.analyses, token.repaired, result)
    return result


def _fit(slot: Slot, token: Token) -> tuple[tuple[Analysis, ...], float]:
    found = tuple(a for a in token.analyses if slot.accepts(a))
    if found:
        return found, (0.8 if token.repaired else 1.0)
    score = _fuzzy(slot, token)
    if score:
        guess = Analysis(lemma=slot.options[0].parts[-1], word_class="", guessed=True,
                         parts=slot.options[0].parts)
        return (guess,), 0.9 * score / 100.0
    return (), 0.0


def _forms(analyses: Sequence[Analysis]) -> set[Form]:
    return {(a.case, a.number) for a in analyses}


def _is_adjective_in(token: Token, forms: set[Form]) -> bool:
    return any(
        a.word_class in ADJECTIVE_CLASSES
        and (a.case, a.number) in forms
        and a.case != "kerrontosti"
        for a in token.analyses
    )


def _skip_fillers(text: str, tokens: Sequence[Token], j: int, forms: set[Form],
                  next_slot: Slot) -> int:
    """Skip adjectives coordinated with or stacked after an agreeing modifier."""
    for _ in range(MAX_FILLERS):
        if j >= len(tokens) or tokens[j].barrier_before:
            return j
        token = tokens[j]
        if slot_analyses(next_slot, token)[0]:
            return j
        gap = _gap(text, tokens, j)
        if token.text.lower() in CONJUNCTIONS and _plain_gap(gap):
            if j + 1 < len(tokens) and not tokens[j + 1].barrier_before \
                    and _plain_gap(_gap(text, tokens, j + 1)) \
                    and _is_adjective_in(tokens[j + 1], forms):
                j += 2
                continue
            return j
        if (_plain_gap(gap) or gap.strip() == ",") and _is_adjective_in(token, forms):
            j += 1
            continue
        return j
    return j


def _skip_ellipsis(text: str, tokens: Sequence[Token], j: int) -> int | None:
    """Skip ``sosiaali- ja`` / ``sosiaali-, terveys- ja`` before a head; None if malformed."""
    start = j
    while j < len(tokens) and tokens[j].ellipsis and not (j > start and tokens[j].barrier_before):
        if j > start and _gap(text, tokens, j).strip() not in ("", ","):
            return None
        j += 1
        if j >= len(tokens):
            return None
        if tokens[j].text.lower() in CONJUNCTIONS:
            j += 1
    return j


def _fits_here(text: str, tokens: Sequence[Token], j: int, slot: Slot) -> bool:
    return (j < len(tokens) and not tokens[j].barrier_before
            and _plain_gap(_gap(text, tokens, j)) and bool(slot_analyses(slot, tokens[j])[0]))


def _skip_name(text: str, tokens: Sequence[Token], j: int) -> int | None:
    """The head after a capitalised name written before it with a spaced hyphen.

    Finnish writes a service named by a phrase as *Ajoneuvon julkiset rekisteritiedot
    -palvelussa*: the modifier agrees with *-palvelussa*, across the name. Returns the index of
    that head word, or None when the words ahead are not such a name.
    """
    if j >= len(tokens) or tokens[j].barrier_before or not tokens[j].text[:1].isupper():
        return None
    if not _plain_gap(_gap(text, tokens, j)):
        return None
    for k in range(j + 1, min(len(tokens), j + 1 + MAX_NAME_WORDS)):
        if tokens[k].barrier_before:
            return None
        gap = _gap(text, tokens, k)
        if gap.endswith(("-", "\u2010")) and gap[:-1] and not gap[:-1].strip():
            return k
        if not _plain_gap(gap):
            return None
    return None


def open_compound_part(text: str, start: int) -> bool:
    """Whether the word at ``start`` is the second part of an open compound, written after a
    spaced hyphen: *Kanta.fi -verkkopalvelusta*, *Omakanta -palvelussa*.

    Such a word is part of one compound with the words before it, as if written *Kanta.fi-
    verkkopalvelusta*; a term matched only as a whole word (``match: whole``) is therefore
    not matched there either, so both spellings of a service's name behave alike.
    """
    return (start >= 3 and text[start - 1] in "-\u2010" and text[start - 2] in " \u00a0"
            and not text[start - 3].isspace())


def match_at(text: str, tokens: Sequence[Token], i: int, pattern: Pattern) -> Hit | None:
    """Try ``pattern`` with its first slot on ``tokens[i]``."""
    slots = pattern.slots
    first, confidence = slot_analyses(slots[0], tokens[i])
    if not first:
        return None
    if len(slots) == 1 and pattern.rule != "exception" \
            and all(o.mode == "whole" for o in slots[0].options) \
            and open_compound_part(text, tokens[i].start):
        return None  # a whole-word term as the last part of a name compound
    chosen: list[tuple[Analysis, ...]] = [first]
    positions = [i]
    forms: set[Form] | None = _forms(first) if slots[0].role in ("agree", "head") else None
    j = i + 1
    for k in range(1, len(slots)):
        slot = slots[k]
        if slots[k - 1].role == "agree" and forms is not None:
            j = _skip_fillers(text, tokens, j, forms, slot)
        named = False
        if slot.role == "head":
            skipped = _skip_ellipsis(text, tokens, j)
            if skipped is None:
                return None
            j = skipped
            if slots[k - 1].role == "agree" and not _fits_here(text, tokens, j, slot):
                name_head = _skip_name(text, tokens, j)
                if name_head is not None:
                    j, named = name_head, True
        if j >= len(tokens) or tokens[j].barrier_before:
            return None
        if not named and not _plain_gap(_gap(text, tokens, j)):
            return None
        found, fit = slot_analyses(slot, tokens[j])
        if not found:
            return None
        if slot.role in ("agree", "head"):
            found_forms = _forms(found)
            if forms is not None and not any(a.guessed for a in found):
                found_forms &= forms
                if not found_forms:
                    return None
                found = tuple(a for a in found if (a.case, a.number) in found_forms)
            forms = found_forms
        chosen.append(found)
        positions.append(j)
        confidence = min(confidence, fit)
        j += 1
    return Hit(pattern=pattern, first=i, last=positions[-1], slot_tokens=tuple(positions),
               slot_analyses=tuple(chosen), forms=frozenset(forms or ()), confidence=confidence)


def resolve_overlaps(hits: Sequence[Hit]) -> list[Hit]:
    """Keep the most specific hit where hits overlap (then the longest, then the surest)."""
    # The kept hits never overlap, so, ordered by first token, their last tokens ascend too:
    # the one kept hit that starts last at or before ``hit.last`` is the only one that can
    # reach back to ``hit.first``. Bisection keeps a segment with thousands of hits linear-ish
    # (checking every kept hit was quadratic: minutes for a megabyte of flagged text).
    if len(hits) <= 1:
        return list(hits)  # the usual case: nothing to weigh
    firsts: list[int] = []
    lasts: list[int] = []
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: h.score, reverse=True):
        at = bisect.bisect_right(firsts, hit.last)
        if at and lasts[at - 1] >= hit.first:
            continue
        firsts.insert(at, hit.first)
        lasts.insert(at, hit.last)
        kept.insert(at, hit)
    return kept
