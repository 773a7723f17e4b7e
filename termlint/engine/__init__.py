"""The matching engine: vocabularies in, matches with inflected suggestions out.

It knows no file format: it lints one :class:`~termlint.model.Segment` (text, language, masks)
at a time and answers in segment coordinates.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from termlint.engine import prefilter
from termlint.engine.clauses import (
    Blocked,
    Masks,
    Possible,
    blank,
    exception_token_starts,
    token_indices,
)
from termlint.engine.making import MatchMaker
from termlint.engine.matcher import Hit, match_at, resolve_overlaps, slot_analyses
from termlint.engine.names import cited, compile_names
from termlint.engine.patterns import (
    Pattern,
    Slot,
    compile_vocabulary,
    flagged_languages,
    fold,
)
from termlint.engine.store import MatchStore, shift
from termlint.engine.suggest import Suggester
from termlint.engine.tables import ParadigmStems, Tables, build_tables
from termlint.model import Analysis, Match, Segment, Token, evolve
from termlint.morphology import LazyTokens, Morphology, WordAnalyzer
from termlint.morphology.confusables import fold_lookalikes
from termlint.morphology.inflect_api import Inflector
from termlint.morphology.tokenize import INVISIBLE_RE, WORD

if TYPE_CHECKING:
    from termlint.engine.snapshot import Compiled
    from termlint.vocab.schema import Vocabulary

T = TypeVar("T")

#: Clause memo: entries kept, and the longest clause remembered.
MEMO_SIZE = 8192
MEMO_MAX_CHARS = 4096
#: Surface forms whose opening patterns are remembered (cleared when full).
OPENER_MEMO_SIZE = 65536
#: Longest stretch without white space searched back for the start of a candidate's word.
MAX_WORD_CHARS = 256
#: Shortest segment (in characters) worth sharing between processes (see ``jobs``).
PARALLEL_MIN_CHARS = 200_000
#: Segments up to this long are searched for candidates together (see
#: :meth:`Engine.may_hold_matches`); a longer one is searched when it is linted.
BATCH_MAX_CHARS = 4096


class Engine:
    """Compiled patterns for a set of vocabularies, ready to lint segments.

    Patterns are compiled per language on first use: a run over Finnish files never loads the
    Swedish lemmatiser, and start-up stays small.
    """

    def __init__(
        self,
        vocabularies: Sequence[Vocabulary] | Callable[[], Sequence[Vocabulary]],
        morphology: Morphology | None = None,
        inflector: Inflector | None = None,
        disabled: Iterable[str] = (),
        analyzers: Mapping[str, WordAnalyzer] | None = None,
        use_prefilter: bool = True,
        stem_cache: MutableMapping[str, str] | None = None,
        compiled: Mapping[str, Compiled] | None = None,
        languages: Iterable[str] | None = None,
        names: Iterable[str] = (),
    ) -> None:
        """``vocabularies`` may be a function that loads them: with ``compiled`` (patterns
        and exception phrases per language, from :mod:`termlint.engine.snapshot`) and the
        ``languages`` they flag, it is called only when a language not compiled is needed.
        ``names`` are the project's own names (config ``names:``), added to the
        vocabularies' (see :mod:`termlint.engine.names`)."""
        self.names = tuple(names)
        self.morphology = morphology if morphology is not None else Morphology()
        #: Morphology per language; Finnish is always there, others fall back to it.
        self.analyzers: dict[str, WordAnalyzer] = {**(analyzers or {}), "fi": self.morphology}
        self._vocabularies: tuple[Vocabulary, ...] | None = None
        self._load_vocabularies: Callable[[], Sequence[Vocabulary]] | None = None
        if callable(vocabularies):
            self._load_vocabularies = vocabularies
        else:
            self._vocabularies = tuple(vocabularies)
        self._compiled: dict[str, Compiled] = dict(compiled or {})
        self.suggester = Suggester(self.morphology, inflector)
        if "sv" in self.analyzers:
            from termlint.engine.suggest_sv import SwedishSuggester

            self.suggester.by_language["sv"] = SwedishSuggester(self.analyzers["sv"])
        self.inflector = inflector
        self.use_prefilter = use_prefilter
        self.disabled = frozenset(disabled)
        #: Paradigm stems by lemma; a persistent mapping (``termlint.cache``) saves start-up.
        self.stem_cache: MutableMapping[str, str] = stem_cache if stem_cache is not None else {}
        self._stems = ParadigmStems(inflector, self.stem_cache)
        #: Language and index of each compiled pattern, by identity: the on-disk name of a
        #: pattern in :attr:`match_store` keys.
        self._pattern_numbers: dict[int, str] = {}
        #: Makes each hit's match with its suggestions, remembered per phrase.
        self._maker = MatchMaker(self.suggester, self._pattern_numbers)
        self.languages: frozenset[str] = frozenset(
            languages if languages is not None else
            (language for vocab in self.vocabularies for language in flagged_languages(vocab))
        )
        self._tables: dict[str, Tables] = {}
        self._lock = threading.Lock()
        #: Matches of recently seen clauses, relative to the clause: UI string files repeat
        #: the same sentences, and a clause's matches depend on nothing outside it.
        #: Each entry is the clause's start when it was linted and its matches there; a later
        #: copy of the clause shifts them by the distance between the two.
        self._memo: OrderedDict[tuple[object, ...], tuple[int, tuple[Match, ...]]] = \
            OrderedDict()
        self._opener_memo: dict[tuple[str, str, bool], tuple[Pattern, ...]] = {}
        #: Processes a long segment's clauses may be shared between (``termlint check
        #: --jobs``); forked copies of this engine do the other shares.
        self.jobs = 1
        # Finnish is compiled now, so that vocabulary problems surface before any file is read.
        if "fi" in self.languages:
            self.tables("fi")

    def tables(self, language: str) -> Tables:
        """The compiled tables of ``language`` (compiled once, thread-safely)."""
        found = self._tables.get(language)
        if found is not None:
            return found
        with self._lock:
            if language not in self._tables:
                self._tables[language] = self._compile(language)
            return self._tables[language]

    @property
    def match_store(self) -> MatchStore | None:
        """Matches with their suggestions kept between runs (see
        :class:`~termlint.engine.making.MatchMaker`); set by whoever can name everything a
        match depends on (the compiled snapshot's key does), else None."""
        return self._maker.store

    @match_store.setter
    def match_store(self, store: MatchStore | None) -> None:
        self._maker.store = store

    @property
    def vocabularies(self) -> tuple[Vocabulary, ...]:
        """The vocabularies, loaded now if the engine was built from a snapshot."""
        if self._vocabularies is None:
            assert self._load_vocabularies is not None
            self._vocabularies = tuple(self._load_vocabularies())
        return self._vocabularies

    def compiled(self, language: str) -> Compiled:
        """The patterns and exception phrases of ``language``, as compiled (for a snapshot)."""
        self.tables(language)
        return self._compiled[language]

    @property
    def patterns(self) -> list[Pattern]:
        return [p for language in sorted(self.languages) for p in self.tables(language).patterns]

    def _compile(self, language: str) -> Tables:
        if language not in self._compiled:
            analyzer = self.analyzer(language)
            found_patterns: list[Pattern] = []
            found_exceptions: list[tuple[Slot, ...]] = []
            for vocab in self.vocabularies:
                found, excepted = compile_vocabulary(analyzer, vocab, language, self.disabled)
                found_patterns.extend(found)
                found_exceptions.extend(excepted)
            # A name guards text of its own language; the configuration's names are Finnish.
            found_exceptions.extend(compile_names(analyzer, (
                *((n.text, n.number) for v in self.vocabularies for n in v.names
                  if n.language == language),
                *((text, None) for text in (self.names if language == "fi" else ()))),
                language))
            self._compiled[language] = (found_patterns, found_exceptions)
        patterns, excepted_slots = self._compiled[language]
        self._pattern_numbers.update((id(p), f"{language}{i}") for i, p in enumerate(patterns))
        stem_of = self._stems if language == "fi" else prefilter.heuristic_stem
        tables = build_tables(patterns, excepted_slots, language, stem_of)
        save = getattr(self.stem_cache, "save", None)
        if callable(save):
            save()
        return tables

    def take_fresh(self) -> dict[str, dict[str, str]]:
        """What this process learnt for the on-disk caches (new analyses, new paradigm
        stems), handed over and forgotten here: a forked worker sends it to the parent."""
        stems = self._stems.take_fresh()
        matches = self.match_store.take_fresh() if self.match_store is not None else {}
        return {"analyses": self.morphology.take_fresh(), "stems": stems, "matches": matches}

    def absorb(self, fresh: Mapping[str, Mapping[str, str]]) -> None:
        """Take what a worker learnt (see :meth:`take_fresh`); the parent saves it."""
        self.morphology.absorb(dict(fresh.get("analyses", {})))
        for lemma, stem in fresh.get("stems", {}).items():
            self.stem_cache.setdefault(lemma, stem)
        if self.match_store is not None:
            self.match_store.absorb(dict(fresh.get("matches", {})))

    # -- matching -------------------------------------------------------------------------------

    def warm(self) -> None:
        """Before forking: build every language's tables and analyser, which forked
        children would otherwise each build again (only many files are forked for)."""
        for language in sorted(self.languages):
            self.tables(language)
            if language != "fi":
                self.analyzer(language).analyze("")

    @property
    def compiled_languages(self) -> frozenset[str]:
        return frozenset(self._compiled)

    def analyzer(self, language: str) -> WordAnalyzer:
        return self.analyzers.get(language, self.morphology)

    def _repair(self, token: Token, analyzer: WordAnalyzer, stems: tuple[str, ...]) -> Token:
        """Give an unknown word that looks like a vocabulary word its umlauts back."""
        if token.known:
            return token
        word = INVISIBLE_RE.sub("", token.text)
        # Cyrillic or Greek look-alike letters in a Latin word (``sähkоinen`` with U+043E)
        # are read as the Latin letters they imitate; such a match is never fixed.
        latin = fold_lookalikes(word)
        analyses: tuple[Analysis, ...] = ()
        if latin is not None:
            word = latin
            analyses = analyzer.analyze(word)
        if not analyses and fold(word).startswith(stems):
            _, analyses = analyzer.repair_diacritics(word)
        if not analyses:
            return token
        return evolve(token, analyses=analyses, repaired=True)

    def _candidates(self, index: dict[str, list[Pattern]], token: Token) -> list[Pattern]:
        keys: set[str] = set()
        for analysis in token.analyses:
            keys.add(analysis.lemma)
            keys.update(analysis.parts)
        found: list[Pattern] = []
        for key in keys:
            found.extend(index.get(key, ()))
        return found

    def _openers(self, language: str, tables: Tables, token: Token,
                 exceptions: bool = False) -> tuple[Pattern, ...]:
        """The patterns whose first slot fits ``token``: the only ones worth trying there.

        What fits depends on the word alone (its analyses, umlauts restored or not), so the
        answer is remembered per surface form: a clause whose candidate words start no
        pattern is dropped after one dictionary look-up, and a word that does start one is
        not tried against the patterns it cannot begin. With ``exceptions``, the same for the
        exception phrases.
        """
        key = (language, token.text, exceptions)
        found = self._opener_memo.get(key)
        if found is None:
            if exceptions:
                patterns = self._candidates(tables.exception_index, token)
            else:
                patterns = self._candidates(tables.index, token)
                if not token.known:
                    patterns = patterns + tables.fuzzy
            found = tuple(p for p in patterns if slot_analyses(p.slots[0], token)[0])
            if len(self._opener_memo) >= OPENER_MEMO_SIZE:
                self._opener_memo.clear()
            self._opener_memo[key] = found
        return found

    def _may_open(self, language: str, tables: Tables, analyzer: WordAnalyzer,
                  finish: Callable[[Token], Token], text: str,
                  openers_at: dict[int, tuple[Pattern, ...]] | None, position: int) -> bool:
        """Whether the word at candidate ``position`` can begin a pattern (True if unsure).

        Most candidate stems sit in words that begin nothing (*sähköposti*, *sähköisesti*);
        finding that out from the one word, before its clause is even delimited, is what keeps
        them cheap. The word is found by splitting from the last white space before
        ``position``: words hold no white space, and clause boundaries end in white space, so
        that split yields the very token the clause's split would. A word cut short by a
        trailing hyphen (``sosiaali-``) depends on what follows the clause, so it is left to
        the full split, as is a candidate with no white space near before it. The patterns a
        word opens are noted in ``openers_at`` by position, for :meth:`_lint_windows`.
        """
        k = position
        floor = max(0, position - MAX_WORD_CHARS)
        while k > floor and not text[k - 1].isspace():
            k -= 1
        if k == floor and k > 0:
            return True
        m = WORD.search(text, k)
        if m is None or m.start() > position or m.end() <= position \
                or m.group().endswith(("-", "\u2010")):
            return True
        surface = m.group()
        found = self._opener_memo.get((language, surface, False))
        if found is None:
            token = finish(Token(text=surface, start=m.start(), end=m.end(),
                                 analyses=analyzer.analyze(surface)))
            found = self._openers(language, tables, token)
        if found and openers_at is not None:
            openers_at[position] = found
        return bool(found)

    def hits(self, text: str, tokens: Sequence[Token], language: str,
             starts: Iterable[int] | None = None,
             exception_starts: Iterable[int] | Callable[[], Iterable[int]] | None = None,
             clause: tuple[int, int] | None = None,
             possible: Possible | None = None) -> list[Hit]:
        """All non-overlapping hits in a token stream, exceptions removed.

        ``starts`` and ``exception_starts`` limit where a hit or an exception may begin (the
        prefilter's candidate words); None means at any token. ``exception_starts`` may be a
        function, called only when there is a hit for an exception to cancel. With the
        ``clause`` the tokens come from, a pattern is tried only if the clause holds a stem of
        each of its other words (:attr:`Tables.required`): *sähköinen* opens four patterns,
        and a clause seldom has the head words of more than one. ``possible`` is that test,
        if the caller has made it for the same clause already.
        """
        tables = self.tables(language)
        if possible is None:
            possible = Possible(text, clause, tables.requirement)
        raw: list[Hit] = []
        for i in range(len(tokens)) if starts is None else starts:
            for pattern in self._openers(language, tables, tokens[i]):
                if possible(pattern):
                    hit = match_at(text, tokens, i, pattern)
                    if hit is not None:
                        raw.append(hit)
        if not raw:
            return []
        if possible.excludes(tables.exception_requirement):
            return resolve_overlaps(raw)  # no exception has its other words in this clause
        if callable(exception_starts):
            exception_starts = exception_starts()
        spans: list[tuple[int, int]] = []
        for i in range(len(tokens)) if exception_starts is None else exception_starts:
            for pattern in self._openers(language, tables, tokens[i], exceptions=True):
                if possible(pattern):
                    hit = match_at(text, tokens, i, pattern)
                    if hit is not None and cited(pattern, text, tokens, hit.last):
                        spans.append((hit.first, hit.last))
        blocked = Blocked(spans)
        return resolve_overlaps([h for h in raw if not blocked.overlaps(h.first, h.last)])

    def may_hold_matches(self, segments: Sequence[Segment], languages: Sequence[str]
                         ) -> list[bool]:
        """For each segment, in the language given for it, whether it can hold a match at all:
        False only where the prefilter finds neither a candidate stem nor a character that
        could hide one (or the language has no vocabulary).

        A string file has thousands of short values and few hold a stem. Searching each of
        them on its own costs more than everything else done for them, so the short ones are
        searched together (:func:`prefilter.texts_with_candidates`) and the rest are never
        looked at. A long segment is searched as usual when it is linted.
        """
        result = [language in self.languages for language in languages]
        if not self.use_prefilter:
            return result
        for language in set(languages) & set(self.languages):
            indices = [i for i, (segment, other) in enumerate(zip(segments, languages,
                                                                   strict=True))
                       if other == language and len(segment.text) <= BATCH_MAX_CHARS]
            if len(indices) < 2:
                continue
            held = prefilter.texts_with_candidates(
                [blank(segments[i].text, segments[i].hidden) for i in indices],
                self.tables(language).candidates)
            for index in indices:
                result[index] = False
            for k in held:
                result[indices[k]] = True
        return result

    def lint_segment(self, segment: Segment, default_language: str = "fi") -> list[Match]:
        """Matches in one segment, in segment coordinates, with suggestions."""
        return self.lint_segment_as(segment, _same, default_language)

    def lint_segment_as(self, segment: Segment, convert: Callable[[Match], T],
                        default_language: str = "fi") -> list[T]:
        """``convert`` of each match of :meth:`lint_segment`, applied where the match is made.

        When a long segment is shared between processes (see :attr:`jobs`), each converts its
        own matches, so that work (placing a match in its file, say) is shared too; what
        ``convert`` gives must pickle.
        """
        language = segment.language or default_language
        if language not in self.languages:
            return []
        self.tables(language)  # compiled here, before any fork, not once per process
        if self.jobs > 1 and language != "fi":
            self.analyzer(language).analyze("")  # built before the fork too
        # A lone surrogate (JSON "\ud800", .properties "\uD800") is no letter, so no word
        # holds one and the analyser never sees it; the candidate search reads it as bytes.
        text = blank(segment.text, segment.hidden)
        if not self.use_prefilter:
            found = self._lint_windows(segment, language, text, [(0, len(text), None)])
            return [convert(m) for m in found]
        if self.jobs > 1 and len(text) >= PARALLEL_MIN_CHARS:
            from termlint.parallel import PIECES_PER_JOB, fork_map

            # Each process finds the candidates of its pieces of the text, not only analyses
            # them: the search is a fifth of the work on a long text. The text is cut into
            # several pieces a process, which the processes take as they go.
            return fork_map(partial(self._lint_ranges_as, segment, language, text, convert),
                            prefilter.split_points(text, self.jobs * PIECES_PER_JOB),
                            self.jobs, report=self.take_fresh, absorb=self.absorb)
        return self._lint_ranges_as(segment, language, text, convert, [(0, len(text))])

    def _lint_ranges_as(self, segment: Segment, language: str, text: str,
                        convert: Callable[[Match], T],
                        ranges: Sequence[tuple[int, int]]) -> list[T]:
        return [convert(m) for m in self._lint_ranges(segment, language, text, ranges)]

    def _lint_ranges(self, segment: Segment, language: str, text: str,
                     ranges: Sequence[tuple[int, int]]) -> list[Match]:
        """Matches in ``text[lo:hi]`` for each range (ranges start and end at clauses)."""
        tables = self.tables(language)
        analyzer = self.analyzer(language)
        finish = partial(self._repair, analyzer=analyzer, stems=tables.stems)
        openers_at: dict[int, tuple[Pattern, ...]] = {}
        keep = partial(self._may_open, language, tables, analyzer, finish, text, openers_at)
        matches: list[Match] = []
        for lo, hi in ranges:
            windows = prefilter.clause_windows(text, tables.candidates, keep, lo, hi,
                                               every=bool(segment.masks))
            matches.extend(self._lint_windows(segment, language, text, windows, openers_at))
        return matches

    def _lint_windows(self, segment: Segment, language: str, text: str,
                      windows: Sequence[prefilter.Window],
                      openers_at: Mapping[int, tuple[Pattern, ...]] | None = None
                      ) -> list[Match]:
        """Matches in the clause ``windows`` of ``segment`` (``text`` is what is scanned).

        ``openers_at`` gives the patterns each candidate's word opens (see :meth:`_may_open`):
        a clause in which none of them is possible (the clause lacks one of each pattern's
        other words) can hold no hit, and is passed over without being split into words.
        """
        tables = self.tables(language)
        analyzer = self.analyzer(language)
        matches: list[Match] = []
        finish = partial(self._repair, analyzer=analyzer, stems=tables.stems)
        masked = Masks(segment.masks)
        for start, end, anchors in windows:
            key = None
            if end - start <= MEMO_MAX_CHARS:
                clause = text[start:end]
                key = (language, clause if text is segment.text else segment.text[start:end],
                       clause, masked.within(start, end))
                with self._lock:
                    remembered = self._memo.get(key)
                if remembered is not None:
                    origin, known = remembered
                    matches.extend(shift(m, start - origin) for m in known)
                    continue
            possible = Possible(text, None if anchors is None else (start, end),
                                 tables.requirement)
            if anchors and openers_at is not None and all(
                    at in openers_at and not any(possible(p) for p in openers_at[at])
                    for at in anchors):
                continue  # no hit can begin here: nothing to split, analyse or remember
            tokens = LazyTokens(text, analyzer, segment.masks, start, end, finish=finish)
            starts: list[int] | None = None
            exception_starts: Callable[[], list[int]] | None = None
            if anchors is not None:
                starts = token_indices(tokens, anchors)
                exception_starts = partial(exception_token_starts, tables, tokens, text, start, end)
            found = [self._maker(hit, tokens, segment.text, text)
                     for hit in self.hits(text, tokens, language, starts, exception_starts,
                                          None if anchors is None else (start, end),
                                          possible)]
            matches.extend(found)
            if key is not None:
                with self._lock:
                    self._memo[key] = (start, tuple(found))
                    if len(self._memo) > MEMO_SIZE:
                        self._memo.popitem(last=False)
        return matches

    def lint_text(self, text: str, language: str = "fi") -> list[Match]:
        return self.lint_segment(Segment(text=text, language=language))


def _same(match: Match) -> Match:
    return match


