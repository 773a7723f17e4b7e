"""Swedish suggestions in the form the sentence needs: definiteness, number and genitive.

A Swedish noun carries its definiteness and genitive in its ending (*tjänst*, *tjänsten*,
*tjänsterna*, *tjänsternas*), and an adjective that enters a definite phrase brings a
determiner with it (*e-tjänsten* → *den digitala tjänsten*, *webbtjänsternas* → *de digitala
tjänsternas*). The forms come from the vocabulary's verified lexicon
(:mod:`termlint.morphology.swedish_lexicon`), each generated and analysed back when the
vocabulary was compiled, so a new gender is right too (*välfärdsregionen* →
*välfärdsområdet*). A flagged word inside a compound is swapped in place and the new word is
analysed back by Apertium (*arbetshälsovårdsenheter* → *företagshälsovårdsenheter*).

Where the form cannot be known from the word alone, the suggestion stays a base form marked
unverified: a word before it that agrees with the old gender (*en*, *den nya*), a genitive or
possessive before an indefinite noun that would need the adjective's definite form
(*kommunens digitala tjänst*), or an ending that reads two ways with different results.
Without a verified lexicon (Apertium not installed) every suggestion is a base form.
"""

from __future__ import annotations

from collections.abc import Sequence

from termlint.engine.matcher import Hit
from termlint.engine.suggest import Suggestion, _phrase_words, match_case
from termlint.model import Token
from termlint.morphology import WordAnalyzer
from termlint.morphology.apertium import Reading
from termlint.morphology.swedish_lexicon import SwedishLexicon

#: Words that agree with a noun's gender or make its adjective definite: a new noun of
#: another gender, or an adjective entering after them, would need them changed too.
_AGREEING = frozenset((
    "en", "ett", "den", "det", "de", "denna", "detta", "dessa", "någon", "något", "ingen",
    "inget", "min", "mitt", "mina", "din", "ditt", "dina", "sin", "sitt", "sina", "vår", "vårt",
    "våra", "er", "ert", "era", "hans", "hennes", "dess", "deras", "varje", "vilken", "vilket",
    "samma", "annan", "annat",
))
#: Verbs after which an adjective agrees with the subject (*tjänsten är ny*, *området är nytt*).
_COPULAS = frozenset(("är", "var", "blir", "blev", "vara", "bli", "varit", "blivit"))
#: Words after which an adjective takes its definite form with an indefinite noun
#: (*min digitala tjänst*, *den digitala tjänsten*): an adjective entering there is not
#: given a determiner of its own.
_DEFINITE_MAKERS = frozenset((
    "den", "det", "de", "denna", "detta", "dessa", "min", "mitt", "mina", "din", "ditt", "dina",
    "sin", "sitt", "sina", "vår", "vårt", "våra", "er", "ert", "era", "hans", "hennes", "dess",
    "deras", "samma",
))


class SwedishSuggester:
    """Suggestions for hits of Swedish patterns (see the module docstring)."""

    def __init__(self, analyzer: WordAnalyzer | None) -> None:
        self._analyzer = analyzer

    def lexicon(self) -> SwedishLexicon | None:
        found = getattr(self._analyzer, "lexicon", None)
        return found if isinstance(found, SwedishLexicon) and found.verified else None

    def suggest(self, hit: Hit, tokens: Sequence[Token], text: str,
                markup: bool = False) -> list[Suggestion]:
        pattern = hit.pattern
        wanted = [pattern.replacement] if pattern.replacement is not None \
            else list(pattern.preferred)
        lexicon = self.lexicon()
        found: list[Suggestion] = []
        if lexicon is not None:
            for preferred in wanted:
                suggestion = self._one(lexicon, hit, tokens, text, preferred, markup)
                if suggestion is not None and suggestion.text not in (s.text for s in found):
                    found.append(suggestion)
        if not found:
            # Base forms, marked unverified: the user still learns what to write.
            return [Suggestion(p, (), False) for p in pattern.preferred]
        return found

    # -- one preferred term ---------------------------------------------------------------------

    def _one(self, lexicon: SwedishLexicon, hit: Hit, tokens: Sequence[Token], text: str,
             preferred: str, markup: bool) -> Suggestion | None:
        flagged = _phrase_words(hit.pattern.term)
        wanted = _phrase_words(preferred)
        if len(flagged) == len(wanted) == len(hit.slot_tokens) > 1 \
                and flagged[-1].lower() == wanted[-1].lower():
            return self._modifiers(lexicon, hit, tokens, text, flagged, wanted)
        if hit.first != hit.last or len(flagged) != 1:
            return None
        token = tokens[hit.first]
        low = token.text.lower()
        old = flagged[0].lower()
        at = low.find(old)
        if at < 0:
            return None
        before, rest = token.text[:at], low[at + len(old):]
        noun = lexicon.nouns.get(old)
        keys = [k for k, form in noun.forms.items() if form == old + rest] if noun else []
        if not keys:
            return self._in_place(token, before, rest, old, wanted)
        assert noun is not None
        if before and len(wanted) > 1:
            return None
        phrases = {self._phrase(lexicon, wanted, key) for key in keys}
        if len(phrases) != 1:
            return None  # the ending reads two ways with different results
        (built,) = phrases
        if built is None:
            return None
        phrase, gender, adjective = built
        if gender != noun.gender and any(k.startswith("sg") for k in keys) \
                and _COPULAS & set(words_after(tokens, hit.last, text)):
            return None  # "välfärdsregionen är ny": the predicative would need "nytt"
        previous = words_before(tokens, hit.first, text)
        if previous:
            if gender != noun.gender and any(k.startswith("sg") for k in keys) \
                    and any(w in _AGREEING for w in previous):
                return None  # "en välfärdsregion": the article would need changing too
            if adjective and (any(w in _DEFINITE_MAKERS for w in previous) or (
                    previous[-1].endswith("s") and any(k.startswith("sg.ind") for k in keys))):
                # "kommunens e-tjänst", "den nya e-tjänsten": the adjective would need its
                # definite form and no determiner of its own.
                return None
        new = before + phrase if len(wanted) == 1 else phrase
        new = match_case(token.text, new) if not before else new
        replacement = (token.start, token.end, new)
        return Suggestion(new, (replacement,), True)

    def _phrase(self, lexicon: SwedishLexicon, wanted: Sequence[str],
                key: str) -> tuple[str, str, bool] | None:
        """``wanted`` with its head in the form ``key``, adjectives agreeing and a determiner
        where a definite phrase gets an adjective; with the head's gender and whether an
        adjective entered. None where a form is missing."""
        found = lexicon.noun(wanted[-1].lower())
        if found is None:
            return None
        prefix, noun = found
        head = noun.forms.get(key)
        if head is None:
            return None
        number, definite = key.split(".")[:2]
        agree = "pl" if number == "pl" else "sg.def" if definite == "def" \
            else f"{noun.gender}.sg.ind"
        words: list[str] = []
        adjective = False
        for word in wanted[:-1]:
            forms = lexicon.adjectives.get(word.lower())
            if forms is None:
                words.append(word)  # not agreeing: "hälso- och", "kund inom"
                continue
            form = forms.get(agree)
            if form is None:
                return None
            words.append(form)
            adjective = True
        if adjective and definite == "def":
            determiner = lexicon.determiners.get("pl" if number == "pl" else f"{noun.gender}.sg")
            if determiner is None:
                return None
            words.insert(0, determiner)
        words.append(prefix + head)
        return " ".join(words), noun.gender, adjective

    def _modifiers(self, lexicon: SwedishLexicon, hit: Hit, tokens: Sequence[Token], text: str,
                   flagged: Sequence[str], wanted: Sequence[str]) -> Suggestion | None:
        """Same shape (*elektronisk tjänst* → *digital tjänst*): each differing adjective in
        the form of the one it replaces; the head and everything between stay."""
        replacements: list[tuple[int, int, str]] = []
        for index, new in enumerate(wanted[:-1]):
            if flagged[index].lower() == new.lower():
                continue
            token = tokens[hit.slot_tokens[index]]
            old_forms = lexicon.adjectives.get(flagged[index].lower(), {})
            new_forms = lexicon.adjectives.get(new.lower())
            keys = [k for k, form in old_forms.items() if form == token.text.lower()]
            if new_forms is None or not keys:
                return None
            forms = {new_forms.get(k) for k in keys}
            if len(forms) != 1 or None in forms:
                return None
            (form,) = forms
            assert form is not None
            replacements.append((token.start, token.end, match_case(token.text, form)))
        start, end = tokens[hit.first].start, tokens[hit.last].end
        out = text[start:end]
        for r_start, r_end, new_text in sorted(replacements, reverse=True):
            out = out[: r_start - start] + new_text + out[r_end - start:]
        return Suggestion(out, tuple(replacements), True)

    def _in_place(self, token: Token, before: str, rest: str, old: str,
                  wanted: Sequence[str]) -> Suggestion | None:
        """The flagged word as a compound's first part (*arbetshälsovårds|enheter*): the
        preferred word put in its place, kept only if Apertium reads the new word with the
        same last part and features as the old one."""
        from termlint.morphology import apertium

        if len(wanted) != 1 or not rest or not apertium.available():
            return None
        surface = token.text
        new = before + match_case(surface[len(before):], wanted[0].lower()) \
            + surface[len(before) + len(old):]
        # The old word's last part: from its compound reading, or else (Apertium does not
        # know every first part) from the rest read alone, without a linking "s".
        alone = rest[1:] if rest[:1] in ("s", "-") and len(rest) > 4 else rest
        readings = apertium.analyse([surface.lower(), new.lower(), alone])
        old_tails = {_tail(r) for r in readings[surface.lower()] if r.compound} \
            or {_tail(r) for r in readings[alone] if not r.compound}
        new_tails = {_tail(r) for r in readings[new.lower()] if r.compound}
        if not old_tails & new_tails:
            return None
        return Suggestion(new, ((token.start, token.end, new),), True)


def _tail(reading: Reading) -> tuple[str, tuple[str, ...]]:
    """A last part's lemma and features, without the tags that say where it may stand."""
    return reading.lemma, tuple(t for t in reading.tags if not t.startswith(("compound", "cmp")))


def words_after(tokens: Sequence[Token], index: int, text: str) -> list[str]:
    """Up to two lower-case words after ``tokens[index]`` in the same clause."""
    found: list[str] = []
    i = index
    while i + 1 < len(tokens) and len(found) < 2:
        gap = text[tokens[i].end : tokens[i + 1].start]
        if gap.strip() or tokens[i + 1].barrier_before:
            break
        found.append(tokens[i + 1].text.lower())
        i += 1
    return found


def words_before(tokens: Sequence[Token], index: int, text: str) -> list[str]:
    """Up to two lower-case words before ``tokens[index]`` in the same clause (only spaces
    between), nearest last."""
    found: list[str] = []
    i = index
    while i > 0 and len(found) < 2:
        gap = text[tokens[i - 1].end : tokens[i].start]
        if gap.strip() or tokens[i].barrier_before:
            break
        found.insert(0, tokens[i - 1].text.lower())
        i -= 1
    return found
