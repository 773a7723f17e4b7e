"""Build a hit's suggestions: the preferred term, in the form the sentence needs.

The principle is to change as little as possible. When the preferred term has the same shape
as the flagged one (*sähköinen palvelu* → *digitaalinen palvelu*), only the words that differ
are replaced, each inflected like the word it replaces, so compound heads, elided coordinations
and the author's own spelling variants stay as written. When the shape differs (*e-palvelussa*
→ *digitaalisessa palvelussa*, or *verkkoasiointi* inside *verkkoasiointikanavien*), the
replacement is built from the head word's form. Every inflected word comes from an
:class:`~termlint.morphology.inflect_api.Inflector`, which returns verified forms only; anything
it cannot produce turns the suggestion into a base form marked as needing inflection.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple, Protocol

from termlint.engine.matcher import Hit
from termlint.engine.patterns import ADJECTIVE_CLASSES
from termlint.model import Analysis, Token
from termlint.morphology import Morphology
from termlint.morphology.inflect_api import Inflector
from termlint.morphology.tokenize import words
from termlint.morphology.verbs import NEGATION_CLASS, VerbConjugator, is_verb, wanted_forms

Replacement = tuple[int, int, str]


class Suggestion(NamedTuple):
    """A replacement phrase, the edits that make it, and whether its forms were verified (a
    named tuple: cheaper to define at start-up than a frozen dataclass)."""

    text: str
    replacements: tuple[Replacement, ...]
    verified: bool
    #: 0 for a suggestion in the author's shape; 1 where a compound was split into a phrase
    #: (*verkkoasiointikanavien* → *digitaalisten asiointikanavien*), offered after the others.
    rank: int = 0


class LanguageSuggester(Protocol):
    """What makes the suggestions of another language's hits."""

    def suggest(self, hit: Hit, tokens: Sequence[Token], text: str,
                markup: bool = False) -> list[Suggestion]: ...


def match_case(original: str, new: str) -> str:
    """Give ``new`` the capitalisation pattern of ``original`` (lower, Sentence, ALL CAPS)."""
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return new.upper()
    if letters and letters[0].isupper():
        return new[:1].upper() + new[1:]
    return new


def keep_term_case(preferred: Sequence[str], new: str) -> str:
    """Give the words of ``new`` the capitals its preferred term is written with: the
    analyser reads and inflects *WWW-osoite* in lower case, and *www-osoitteesta* would lose
    what the vocabulary wrote (a word's lower-case letters stay as the inflection made them).
    """
    low = new.lower()
    for word in preferred:
        upper = [i for i, c in enumerate(word) if c.isupper()]
        if not upper:
            continue
        lead = word[: upper[-1] + 1]
        at = low.find(lead.lower())
        while at != -1:
            if at == 0 or not low[at - 1].isalpha():
                new = new[:at] + lead + new[at + len(lead):]
                break
            at = low.find(lead.lower(), at + 1)
    return new


@functools.lru_cache(maxsize=1024)
def _phrase_words(phrase: str) -> tuple[str, ...]:
    """The words of a vocabulary phrase; the same few phrases are split for every finding."""
    return tuple(phrase[s:e] for s, e, _ in words(phrase))


class Suggester:
    """Turns hits into inflected suggestions; without an inflector, into base forms."""

    def __init__(self, morphology: Morphology, inflector: Inflector | None) -> None:
        self.morphology = morphology
        self.inflector = inflector
        self.conjugator = VerbConjugator(morphology) if inflector is not None else None
        #: Suggesters of other languages, by language (``engine/suggest_sv.py``): the
        #: Finnish inflector knows nothing of their forms.
        self.by_language: dict[str, LanguageSuggester] = {}

    # -- single words ---------------------------------------------------------------------------

    def _inflect_like(self, lemma: str, analysis: Analysis, token: Token | None,
                      adjective: bool = False) -> str | None:
        """``lemma`` in ``analysis``'s form; ``token`` is the word it replaces, whose spelling
        variant (*palvelujen*/*palveluiden*) wins where several forms are right."""
        if self.inflector is None:
            return None
        possessive = None if adjective else analysis.possessive
        clitic = None if adjective and analysis.case == "seuranto" else analysis.clitic
        forms = self.inflector.inflect(lemma, analysis.case, analysis.number, possessive, clitic,
                                       like=token.text if token is not None else None)
        return forms[0] if forms else None

    def _reanalyses_as(self, word: str, analysis: Analysis) -> bool:
        return any(a.case == analysis.case and a.number == analysis.number
                   for a in self.morphology.analyze(word))

    def _phrase_in_form(self, phrase: str, analysis: Analysis, token: Token,
                        with_head: bool = True) -> str | None:
        """A base-form phrase put into ``analysis``'s form: agreeing adjectives follow the head,
        words in other cases (a genitive attribute) stay as written. With ``with_head=False``
        every word is a modifier of a head that the caller supplies."""
        out: list[str] = []
        items = _phrase_words(phrase)
        for index, word in enumerate(items):
            if with_head and index == len(items) - 1:
                # A term may name its head in the plural ("terveyspalvelut"): inflect the lemma.
                readings = [a for a in self.morphology.analyze(word) if a.case == "nimento"]
                lemma = readings[0].lemma if readings else word.lower()
                new = self._inflect_like(lemma, analysis, token)
            else:
                agreeing = any(a.case == "nimento" and a.word_class in ADJECTIVE_CLASSES
                               for a in self.morphology.analyze(word))
                # Only the head carries a clitic or a possessive suffix in a rebuilt phrase.
                bare = replace(analysis, clitic=None, possessive=None)
                new = self._inflect_like(word, bare, None, adjective=True) if agreeing \
                    else word
            if new is None:
                return None
            out.append(new)
        return " ".join(out)

    # -- whole hits -----------------------------------------------------------------------------

    def suggest(self, hit: Hit, tokens: Sequence[Token], text: str,
                markup: bool = False) -> list[Suggestion]:
        """Suggestions for ``hit``, best first. With ``markup`` (inline tags or emphasis inside
        the span) only word-for-word replacements are offered, which leave the markup alone."""
        pattern = hit.pattern
        other = self.by_language.get(pattern.language)
        if other is not None:
            return other.suggest(hit, tokens, text, markup)
        found: list[Suggestion] = []
        candidates: list[Suggestion | None]
        if pattern.replacement is not None:
            candidates = [self._same_shape(hit, tokens, text, [pattern.replacement], pattern.term)]
        else:
            candidates = [self._for_preferred(hit, tokens, text, p, markup)
                          for p in pattern.preferred]
        for suggestion in candidates:
            if suggestion is not None and suggestion.text not in (s.text for s in found):
                found.append(suggestion)
        if not found or self.inflector is None:
            # Base forms, marked unverified: the user still learns what to write.
            return found + [Suggestion(p, (), False) for p in pattern.preferred
                            if p not in (s.text for s in found)]
        found.sort(key=lambda s: (not s.verified, s.rank))
        return found

    def _apply(self, text: str, start: int, end: int, replacements: Sequence[Replacement]) -> str:
        out = text[start:end]
        for r_start, r_end, new in sorted(replacements, reverse=True):
            out = out[: r_start - start] + new + out[r_end - start :]
        return out

    def _for_preferred(self, hit: Hit, tokens: Sequence[Token], text: str,
                       preferred: str, markup: bool = False) -> Suggestion | None:
        flagged = _phrase_words(hit.pattern.term)
        wanted = _phrase_words(preferred)
        if len(flagged) == len(wanted) == len(hit.slot_tokens) and len(wanted) > 1 \
                and flagged[-1].lower() == wanted[-1].lower():
            return self._same_shape(hit, tokens, text, wanted[:-1], hit.pattern.term)
        if markup and hit.first != hit.last:
            return None
        return self._new_shape(hit, tokens, text, preferred)

    def _same_shape(self, hit: Hit, tokens: Sequence[Token], text: str,
                    new_words: Sequence[str], term: str) -> Suggestion | None:
        """Replace the modifier words that differ; the head and everything between stay."""
        old_words = _phrase_words(term)
        replacements: list[Replacement] = []
        for slot_index, new in enumerate(new_words):
            if slot_index < len(old_words) - 1 and old_words[slot_index].lower() == new.lower():
                continue
            token = tokens[hit.slot_tokens[slot_index]]
            analyses = hit.slot_analyses[slot_index]
            analysis = _in_forms(analyses, hit)
            if hit.pattern.slots[slot_index].role == "fixed":
                form: str | None = new
            else:
                form = self._inflect_like(new.lower(), analysis, token, adjective=True)
            if form is None:
                return None
            replacements.append((token.start, token.end, match_case(token.text, form)))
        start, end = tokens[hit.first].start, tokens[hit.last].end
        return Suggestion(self._apply(text, start, end, replacements), tuple(replacements), True)

    def _new_shape(self, hit: Hit, tokens: Sequence[Token], text: str,
                   preferred: str) -> Suggestion | None:
        """Rebuild the phrase around the head word when the preferred term is shaped apart."""
        head_token = tokens[hit.slot_tokens[-1]]
        head = _in_forms(hit.slot_analyses[-1], hit)
        if head.guessed:
            return None
        option = next((o for o in hit.pattern.slots[-1].options if o.accepts(head)), None)
        if option is None:
            return None
        parts = head.parts or (head.lemma,)
        n = len(option.parts)
        at = next(i for i in range(len(parts) - n + 1) if parts[i : i + n] == option.parts)
        before, after = parts[:at], parts[at + n :]
        # Anything between the first flagged word and the head (coordinated adjectives, elided
        # parts) would be lost by a rebuilt phrase, so such hits keep only same-shape fixes.
        if hit.last - hit.first + 1 != len(hit.slot_tokens):
            return None
        start, end = tokens[hit.first].start, head_token.end
        wanted = _phrase_words(preferred)
        if before and not head.prefix:
            return None
        if any(is_verb(a) for a in hit.slot_analyses[-1]):
            return self._verb(hit, tokens, text, preferred, bool(before or after))
        prefix_text = head_token.text[: len(head.prefix)] if head.prefix else ""
        if not after:
            phrase = self._phrase_in_form(preferred, head, head_token)
            if phrase is None or self._ambiguous(preferred, phrase, hit, head_token):
                return None
            new = prefix_text + phrase if len(wanted) == 1 else phrase
            if prefix_text and len(wanted) > 1:
                return None
        else:
            # The flagged word is a modifier part: swap the surface of those parts in place.
            surface = head_token.text
            lead = len("".join(before))
            flagged_surface = "".join(option.parts)
            if surface[lead : lead + len(flagged_surface)].lower() != flagged_surface:
                return None
            rest = surface[lead + len(flagged_surface) :]
            if len(wanted) == 1:
                new = surface[:lead] + wanted[0] + rest
                if not self._reanalyses_as(new, head):
                    return None
            elif wanted[-1].lower() == option.parts[-1] and not before:
                modifiers = self._phrase_in_form(" ".join(wanted[:-1]), head, head_token,
                                                 with_head=False)
                if modifiers is None:
                    return None
                new = modifiers + " " + option.parts[-1] + rest
            else:
                return None
        new = match_case(tokens[hit.first].text, keep_term_case(wanted, new))
        replacement = (start, end, new)
        split = bool(after) and len(wanted) > 1
        return Suggestion(self._apply(text, start, end, [replacement]), (replacement,), True,
                          rank=1 if split else 0)


    def _ambiguous(self, preferred: str, phrase: str, hit: Hit, token: Token) -> bool:
        """Whether the head word's other readings would put ``preferred`` in another form
        than ``phrase``: *e-palvelumme* is a nominative singular, a nominative plural or a
        genitive (*digitaalinen*/*digitaaliset*/*digitaalisen palvelumme*), and nothing in
        the hit says which, so no rebuilt phrase is verified."""
        for analysis in hit.slot_analyses[-1]:
            if (analysis.case, analysis.number) in hit.forms:
                other = self._phrase_in_form(preferred, analysis, token)
                if other is not None and other != phrase:
                    return True
        return False

    def _verb(self, hit: Hit, tokens: Sequence[Token], text: str, preferred: str,
              inside: bool) -> Suggestion | None:
        """The preferred verb in the form the sentence gives the flagged one, verified for
        every feature (mood, tense, person, number, polarity, infinitive case, possessive,
        clitic); None (advice only) when the form is ambiguous or cannot be made."""
        if self.conjugator is None or inside or len(hit.slot_tokens) != 1 \
                or len(_phrase_words(preferred)) != 1:
            return None
        token = tokens[hit.first]
        # The word before, if in the same clause: a negation verb right before it (nothing
        # but space between) asks for the connegative; punctuation makes the verb initial.
        initial, negation = True, None
        if hit.first > 0 and not token.barrier_before:
            previous = tokens[hit.first - 1]
            gap = text[previous.end : token.start]
            initial = bool(set(gap) & set(".!?:;"))
            if not gap.strip():
                negation = next((a for a in previous.analyses
                                 if a.word_class == NEGATION_CLASS), None)
        forms = wanted_forms(hit.slot_analyses[-1], negation, initial)
        spellings = self.conjugator.same_forms(preferred, forms) if forms else []
        if not spellings:
            return None
        new = match_case(token.text, spellings[0])
        replacement = (token.start, token.end, new)
        return Suggestion(new, (replacement,), True)


def _in_forms(analyses: Sequence[Analysis], hit: Hit) -> Analysis:
    for analysis in analyses:
        if (analysis.case, analysis.number) in hit.forms:
            return analysis
    return analyses[0]
