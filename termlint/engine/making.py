"""Matches from hits: the suggestions made (and verified) for a hit, remembered per phrase in
this process and, through a :class:`~termlint.engine.store.MatchStore`, between runs.

Making a match is the expensive end of the scan (inflection and verification by re-analysis),
and what it gives depends on the phrase alone, not on where it stands; so it is one object with
its memo, apart from the scan that finds the hits.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from termlint.engine.fixability import depends_on_context, may_fix
from termlint.engine.matcher import Hit
from termlint.engine.store import MatchStore, match_data, match_from, shift
from termlint.engine.suggest import Suggester
from termlint.engine.suggest_sv import words_after, words_before
from termlint.model import Match, Token

#: Phrases remembered in this process (the memo is cleared when full); as many as the
#: engine's clause memo keeps clauses.
PHRASE_MEMO_SIZE = 8192


class MatchMaker:
    """Makes the match for a hit (call it), with suggestions, or finds it made already."""

    def __init__(self, suggester: Suggester, pattern_numbers: Mapping[int, str]) -> None:
        self.suggester = suggester
        #: Matches with their suggestions kept between runs, by phrase and hit shape; set by
        #: whoever can name everything a match depends on (the compiled snapshot's key does).
        self.store: MatchStore | None = None
        #: Language and index of each compiled pattern, by identity: the on-disk name of a
        #: pattern in :attr:`store` keys (filled by the engine as it compiles).
        self._pattern_numbers = pattern_numbers
        #: Matches by phrase and hit shape, with where the phrase began.
        self._memo: dict[tuple[object, ...], tuple[int, Match]] = {}

    def __call__(self, hit: Hit, tokens: Sequence[Token], text: str, scanned: str) -> Match:
        """The match for ``hit``, its suggestions remembered per phrase.

        A suggestion depends on the hit's words and the text between them and nothing else,
        and the same flagged phrases recur throughout a text; so a match is remembered
        relative to its start, keyed by the phrase's text, its words' spans and the hit's
        shape, and shifted into place when the phrase comes again.
        """
        start, end = tokens[hit.first].start, tokens[hit.last].end
        if depends_on_context(hit):
            return self.make(hit, tokens, text, scanned)
        key = (id(hit.pattern), text[start:end], scanned[start:end],
               tuple((t.start - start, t.end - start)
                     for t in (tokens[i] for i in range(hit.first, hit.last + 1))),
               tuple(i - hit.first for i in hit.slot_tokens), hit.forms, hit.confidence,
               # A Swedish suggestion looks at two words before (an article, a genitive) and
               # after (a verb like "är" with a predicative adjective).
               " ".join([*words_before(tokens, hit.first, text), "|",
                         *words_after(tokens, hit.last, text)])
               if hit.pattern.language == "sv" else "")
        remembered = self._memo.get(key)
        if remembered is not None:
            origin, known = remembered
            return shift(known, start - origin)
        store, stored = self.store, self._stored_key(key)
        match = None
        if store is not None and stored is not None:
            match = match_from(store.get(stored), start)
        if match is None:
            match = self.make(hit, tokens, text, scanned)
            if store is not None and stored is not None:
                store.put(stored, match_data(match, start))
        if len(self._memo) >= PHRASE_MEMO_SIZE:
            self._memo.clear()
        self._memo[key] = (start, match)
        return match

    def _stored_key(self, key: tuple[Any, ...]) -> str | None:
        """The on-disk form of a match memo key: the pattern's language and place among the
        compiled patterns instead of its identity. None without a store or for a pattern
        this engine did not compile."""
        if self.store is None:
            return None
        number = self._pattern_numbers.get(key[0])
        if number is None:
            return None
        import json

        _, text, scanned, spans, slots, forms, confidence, before = key
        return json.dumps([number, text, None if scanned == text else scanned, spans, slots,
                           sorted(forms, key=repr), confidence, *([before] if before else [])],
                          ensure_ascii=False, separators=(",", ":"))

    def make(self, hit: Hit, tokens: Sequence[Token], text: str, scanned: str) -> Match:
        """The match for ``hit`` with its suggestions, made now (no memo, no store)."""
        pattern = hit.pattern
        start, end = tokens[hit.first].start, tokens[hit.last].end
        markup = text[start:end] != scanned[start:end]
        suggestions = self.suggester.suggest(hit, tokens, text, markup)
        best = suggestions[0] if suggestions else None
        verified = may_fix(pattern.status, hit.confidence, bool(best and best.verified),
                           pattern.fixable)
        message = pattern.message
        if hit.confidence < 1.0:
            message += " (possible misspelling)"
        return Match(
            start=start,
            end=end,
            rule=pattern.rule,
            severity=pattern.severity,
            message=message,
            suggestions=tuple(s.text for s in suggestions),
            concept=pattern.concept,
            source=pattern.source,
            verified=verified,
            confidence=round(hit.confidence, 2),
            replacements=best.replacements if best is not None and verified else (),
        )
