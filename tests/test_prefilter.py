"""The prefilter is lossless: with it and without it the engine finds exactly the same."""

from __future__ import annotations

import random

import pytest

from termlint.engine import Engine
from termlint.engine.prefilter import Candidates, clause_windows, variants
from termlint.morphology import Morphology
from termlint.vocab import load_selection
from tests.test_engine import NEGATIVE, POSITIVE
from tests.test_spans import VARIED

SENTENCES = [t for t, _ in POSITIVE] + NEGATIVE + [
    "Sähköisessa asiointipalvelussa voit hakea.",
    "Sahkoiset palvelut ilman pisteitä",
    "Epalvelu ja EPALVELUT",
    "sähköiset\n\nplvelut",
    "Rivi ilman välimerkkejä sähköisiä ja turvallisia sekä helppoja palveluja jatkuu",
    "Lyhenne THL:n sähköiset palvelut; DVV:n e-palvelut!",
    "Pehmeä tavuviiva: sähk\u00adöiset palve\u00adlut.",
    "Windows-rivinvaihdot: sähköiset\r\n\r\npalvelut ja sähköiset\r\n \r\npalvelut",
    "Yksi CRLF ei erota: sähköiset\r\npalvelut",
    "Sähköinen resepti; palvelut erikseen. Sähköinen allekirjoitus ja asiointipalvelut",
    "Terveydenhuollon sähköisiä ajanvarauksia ja terveydenhuollon sähköisiä palveluja",
    "SAHKOISET ASIOINTIKANAVAT ja sähköiset sosiaali-, terveys- ja asiointipalvelut",
    "Sähköinen resepti ja sähköiset palvelut toimivat, sähköinen allekirjoituspalvelu myös",
    "Sähköisen tunnistamisen sähköisiä asiointipalveluja",
]


def texts() -> list[str]:
    rng = random.Random(20261129)
    out = [*SENTENCES, VARIED.lstrip("\ufeff")]
    separators = [" ", "\n", ". ", "; ", "\n\n", ", ", " ja "]
    for _ in range(60):
        picked = rng.sample(SENTENCES, k=rng.randint(2, 8))
        out.append("".join(s + rng.choice(separators) for s in picked))
    return out


@pytest.fixture(scope="module")
def engines(morphology: Morphology) -> tuple[Engine, Engine]:
    from termlint.api import make_inflector

    vocabularies = load_selection()
    inflector = make_inflector(morphology)
    return (Engine(vocabularies, morphology, inflector, use_prefilter=True),
            Engine(vocabularies, morphology, inflector, use_prefilter=False))


def test_same_findings_with_and_without_prefilter(engines: tuple[Engine, Engine]) -> None:
    fast, full = engines
    total = 0
    for text in texts():
        with_prefilter = fast.lint_text(text)
        assert with_prefilter == full.lint_text(text), text
        total += len(with_prefilter)
    assert total > 100  # the texts are full of findings, so equality is not vacuous


def test_text_without_candidates_is_not_analysed(engines: tuple[Engine, Engine]) -> None:
    fast, _ = engines
    before = fast.morphology.misses + fast.morphology.hits
    assert fast.lint_text("Tervetuloa. Kirjaudu sisään pankkitunnuksilla.") == []
    assert fast.morphology.misses + fast.morphology.hits == before


def test_windows_are_whole_clauses() -> None:
    candidates = Candidates(["palvel"])
    text = "Alku on tässä. Käytä palveluja nyt! Loppu.\n\nToinen PALVELU"
    windows = clause_windows(text, candidates)
    assert windows == [(14, 34, [21]), (44, 58, [51])]
    assert [text[s:e] for s, e, _ in windows] == [" Käytä palveluja nyt", "Toinen PALVELU"]
    assert clause_windows("ei mitään", candidates) == []
    # A clause with a soft hyphen or a combining mark that may hide a stem is analysed
    # whole, from every word; one that hides none is not analysed at all.
    assert clause_windows("Alku. palve\u00adlu tässä. Loppu.", candidates) == [(5, 20, None)]
    assert clause_windows("Alku. e\u0301 tässä. Loppu.", candidates) == []
    assert clause_windows("Alku. palvelu e\u0301. Loppu.", candidates) == [(5, 16, None)]
    assert clause_windows("Alku. pa\u0301lvelu. Loppu.", candidates) == []  # á is no a
    assert clause_windows("Alku. PA\u0308LVE\u00adLU. Loppu.", candidates) == [(5, 15, None)]
    accented = Candidates(["idé"])
    assert clause_windows("En ide\u0301 till", accented) == [(0, 12, None)]


def test_candidates_are_umlaut_insensitive() -> None:
    candidates = Candidates(["sähkö"])
    assert set(variants("sähkö")) == {"sähkö", "sahko", "sähko", "sahkö"}
    for word in ["sähköinen", "Sahkoisessa", "SÄHKÖISET", "sahköisiä"]:
        assert candidates.positions("x " + word) == [2], word


def test_fuzzy_starts_count_at_word_start_only() -> None:
    candidates = Candidates([], ["epalvelu"])
    assert candidates.positions("Epalvelu ja E-palvleu") == [0, 12]
    assert candidates.scan("kepalvelu", every=True)[0] == []
    # The quick search reports a start anywhere in a word; the engine then drops the word
    # by what it is (``kepalvelu`` begins no pattern).
    assert candidates.positions("kepalvelu") == [1]


def test_a_word_start_inside_a_word_finds_nothing(engines: tuple[Engine, Engine]) -> None:
    fast, slow = engines
    for text in ("Kepalvelu on outo sana.", "Tepalvelun ja epalvelun välissä", "epalvelu"):
        assert fast.lint_text(text) == slow.lint_text(text)
    assert [m.rule for m in fast.lint_text("Tepalvelun ja epalvelun välissä")] == \
        [m.rule for m in slow.lint_text("epalvelun")]


def test_lowercasing_that_changes_length_keeps_offsets() -> None:
    candidates = Candidates(["palvel"])
    assert candidates.positions("\u0130 palvelu") == [2]


def test_chunked_search_finds_stems_across_chunk_edges(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from termlint.engine import prefilter

    monkeypatch.setattr(prefilter, "CHUNK", 7)
    candidates = Candidates(["palvel"], ["epalvelu"])
    text = "xx palvelu yy PALVELU zz epalvelu palvelupalvelu"
    expected = [3, 14, 25, 26, 34, 41]
    assert candidates.scan(text, every=True)[0] == expected
    assert candidates.positions(text) == [3, 14, 25, 34, 41]  # one per overlapping run
    monkeypatch.setattr(prefilter, "CHUNK", 1 << 20)
    assert candidates.scan(text, every=True)[0] == expected
    assert candidates.positions(text) == [3, 14, 25, 34, 41]


def test_clause_memo_gives_the_same_matches_at_any_offset(engines: tuple[Engine, Engine]) -> None:
    fast, _ = engines
    clause = "Käytä sähköisiä palveluja ja e-palveluja"
    first = fast.lint_text(clause + ".")
    text = "Alku. " + clause + ". " + clause + "."
    again = fast.lint_text(text)
    assert len(first) == 2 and len(again) == 4
    for offset, part in ((6, again[:2]), (6 + len(clause) + 2, again[2:])):
        for a, b in zip(first, part, strict=True):
            assert (b.start - offset, b.end - offset) == (a.start, a.end)
            assert [(s - offset, e - offset, r) for s, e, r in b.replacements] == \
                list(a.replacements)
            assert text[b.start : b.end] == clause[a.start : a.end]


def test_exception_that_starts_before_the_hit(morphology: Morphology) -> None:
    from termlint.vocab import parse_vocabulary

    vocab = parse_vocabulary("own.yaml", (
        "id: own\nexceptions: [kansallinen sähköinen palvelu]\nconcepts:\n  - id: c\n"
        "    terms:\n      fi:\n        - {term: digitaalinen palvelu, status: preferred}\n"
        "        - {term: sähköinen palvelu, status: deprecated}\n"))
    text = "Käytä kansallista sähköistä palvelua. Käytä sähköistä palvelua."
    for use in (True, False):
        engine = Engine([vocab], morphology, use_prefilter=use)
        assert [text[m.start:m.end] for m in engine.lint_text(text)] == ["sähköistä palvelua"]


# -- the byte search finds exactly what a search of the lower-cased text finds ----------------

_ALPHABET = ("palvesähköäöåÄÖÅAPLVESHK -‐.\n\u212a\u212b\u0130\u00ad\u0301\u0345\u0370"
             "\u037féí\u20ad\u036f"
             # zero-width characters and Cyrillic/Greek look-alikes (issue 21)
             "\u200b\u200d\u2060\ufeff\u0430\u043e\u04d3\u03bf\u0436")


def _reference(text: str, candidates: Candidates,
               anywhere: bool = False) -> tuple[list[int], list[int]]:
    """What the automaton should report, worked out by plain string searches (with
    ``anywhere``, word starts count inside a word too)."""
    from termlint.engine.prefilter import UNSAFE

    low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    found: set[int] = set()
    for spelling, kind in zip(candidates.spellings, candidates._kinds, strict=True):
        at = low.find(spelling)
        while at >= 0:
            word_start = at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_")
            if kind == 0 or word_start or anywhere:
                found.add(at)
            at = low.find(spelling, at + 1)
    return sorted(found), [m.start() for m in UNSAFE.finditer(text)]


@pytest.mark.parametrize("chunk", [5, 1 << 20])
def test_byte_search_equals_text_search(monkeypatch, chunk: int) -> None:  # type: ignore[no-untyped-def]
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from termlint.engine import prefilter

    monkeypatch.setattr(prefilter, "CHUNK", chunk)
    candidates = Candidates(["palvel", "sähkö", "e-palv"], ["epalvelu"], unsafe=True)

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=_ALPHABET, max_size=60))
    def check(text: str) -> None:
        expected, unsafe = _reference(text, candidates)
        assert candidates.scan(text, every=True) == (expected, unsafe)
        # Without ``every`` overlapping occurrences may be skipped and word starts are
        # reported anywhere in a word, but every word that holds an expected offset holds a
        # reported one, and nothing else is reported.
        anywhere, _ = _reference(text, candidates, anywhere=True)
        found, found_unsafe = candidates.scan(text)
        assert found_unsafe == unsafe and set(found) <= set(anywhere)
        assert {_word_at(text, p) for p in found} >= {_word_at(text, p) for p in expected}
        if not any(c in text for c in "\u2010\u212a\u212b"):  # else searched as text
            assert {_word_at(text, p) for p in found} == {_word_at(text, p) for p in anywhere}

    check()


def _word_at(text: str, position: int) -> tuple[int, int] | None:
    """The span of the word (as the tokenizer splits) holding ``position``, if any."""
    from termlint.morphology.tokenize import WORD

    for m in WORD.finditer(text):
        if m.start() <= position < m.end():
            return m.span()
    return None


def test_overlapping_stems_are_found_once_per_word() -> None:
    candidates = Candidates(["palvel", "e-palv", "lvelu"])
    text = "e-palvelu ja Palvelut"
    assert candidates.scan(text, every=True)[0] == [0, 2, 4, 13, 15]
    assert candidates.scan(text)[0] == [0, 13]


def test_byte_search_special_cases() -> None:
    candidates = Candidates(["sähkö", "palvel"], unsafe=True)
    # Capital umlauts are found in the bytes without lower-casing the text.
    assert candidates.scan("SÄHKÖINEN Sähköinen") == ([0, 10], [])
    # KELVIN SIGN lower-cases to "k": the chunk is searched as text, as before.
    assert candidates.scan("sähöinen s\u00e4h\u212aöinen") == ([9], [])
    # Offsets count characters, not bytes, after two- and three-byte characters.
    assert candidates.scan("ä‐€ palvelu") == ([4], [])
    # A soft hyphen and a combining mark are reported; a Greek letter after U+036F is not.
    assert candidates.scan("a\u00adb \u0301 \u0370 palvelu") == ([8], [1, 4])
    # Lone surrogates (from JSON escapes) do not break the search.
    assert candidates.scan("\ud800 palvelu") == ([2], [])
    # A stem with a letter the bytes cannot case-fold is searched as text.
    accented = Candidates(["idé"])
    assert accented.positions("En IDÉ") == [3]
    # Every character beyond Latin-1 is "?" in the bytes searched: neither a question mark
    # nor a quotation mark next to a stem shifts or hides it.
    assert candidates.scan("palvelu? ”palvelu” – sähkö?") == ([0, 10, 21], [])
    # The other hyphen, which spellings hold, is found (that chunk is searched as text).
    hyphens = Candidates(["e-palv"], unsafe=True)
    assert hyphens.scan("e\u2010palvelu ja e-palvelu\u00ad") == ([0, 13], [22])


def test_a_text_in_another_script_is_searched_as_text(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from termlint.engine import prefilter

    monkeypatch.setattr(prefilter, "MAX_WIDE", 8)
    candidates = Candidates(["sähkö", "palvel"], ["epalvelu"], unsafe=True)
    text = "Привет мир, " * 3 + "SÄHKÖINEN palvelu, ка\u0301к epa kepa \u00ad"
    expected, unsafe = _reference(text, candidates)
    assert candidates.scan(text) == (expected, unsafe)
    assert [text[p:p + 5] for p in expected] == ["SÄHKÖ", "palve", "epa k"]
    # Below the limit the same text is searched as bytes, with the same offsets (a word start
    # inside a word counts there, as the byte search reports it, see Candidates).
    monkeypatch.setattr(prefilter, "MAX_WIDE", 4096)
    found, found_unsafe = candidates.scan(text)
    assert found_unsafe == unsafe and set(found) == set(expected) | {text.index("kepa") + 1}


def test_lone_surrogates_with_the_text_search() -> None:
    # A stem with a letter the bytes cannot case-fold sends the search down the text path.
    candidates = Candidates(["idé", "palvel"])
    assert candidates.positions("\ud800 IDÉ \udfff palvelu") == [2, 8]


def test_lone_surrogate_in_a_segment(engines: tuple[Engine, Engine]) -> None:
    text = "\ud800 Käytä sähköisiä palveluja ja e-palvelua \udfff."
    for engine in engines:
        found = engine.lint_text(text)
        assert [text[m.start:m.end] for m in found] == ["sähköisiä palveluja", "e-palvelua"]
        assert found[0].suggestions[0] == "digitaalisia palveluja"


def test_fold_equals_the_translation_table() -> None:
    """``fold`` is a chain of replacements for speed; it must fold exactly as the table."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from termlint.engine.patterns import _FOLD, fold

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet=_ALPHABET + "ÉÜüß\u0130-ia", max_size=40))
    def check(text: str) -> None:
        assert fold(text) == text.lower().translate(_FOLD)

    check()
    assert fold("Sähkö-Palvelu\u00ad\u2010Å") == "sahkopalvelua"


def test_clause_start_is_after_the_last_boundary_before_the_word() -> None:
    """The backward search starts small and grows; wherever it stops, the clause holds the
    same text as one cut after the last boundary that a search of the whole text finds."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from termlint.engine.prefilter import BOUNDARY, _clause_start

    pieces = st.sampled_from(["sana", "x" * 150, " ", ". ", "!\n", "\n\n", "\n \n", "\n",
                              ";", "? ", "\r\n\r\n", "a.b"])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces, max_size=40), st.data())
    def check(parts: list[str], data: st.DataObject) -> None:
        text = "".join(parts) + "palvelu"
        position = data.draw(st.integers(0, len(text) - 1))
        if not text[position].isalpha():
            return
        ends = [m.end() for m in BOUNDARY.finditer(text, 0, position)]
        expected = ends[-1] if ends else 0
        found = _clause_start(text, position)
        # Runs of blank lines pair up differently from different starting points; the
        # clause's words are the same either way.
        assert text[found:position].lstrip() == text[expected:position].lstrip()

    check()


def test_exceptions_are_skipped_only_where_none_can_match(engines: tuple[Engine, Engine]) -> None:
    fast, _ = engines
    tables = fast.tables("fi")
    stems = tables.exception_requirement
    assert stems is not None and "resep" in stems
    text = "Sähköinen resepti ja sähköiset palvelut toimivat"
    found = fast.lint_text(text)
    assert [text[m.start:m.end] for m in found] == ["sähköiset palvelut"]


def test_hidden_characters_anywhere_change_no_finding(engines: tuple[Engine, Engine]) -> None:
    """Soft hyphens and combining marks put anywhere in varied sentences: the prefilter (which
    analyses a clause whole only where such a character may hide a stem) finds exactly what
    analysing everything finds."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    fast, slow = engines
    marks = ["\u00ad", "\u0301", "\u0308", "\u030a", "\u0345",
             "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
    # Look-alikes replace a letter (a, o, ä, ö: Cyrillic а, о, ӓ, ӧ; Greek ο).
    lookalikes = {"a": "\u0430", "o": "\u03bf", "ä": "\u04d3", "ö": "\u04e7", "e": "\u0435"}

    @settings(max_examples=150, deadline=None)
    @given(st.sampled_from(SENTENCES), st.lists(st.tuples(st.integers(0, 200),
                                                           st.sampled_from(marks)), max_size=4),
           st.lists(st.integers(0, 200), max_size=2))
    def check(sentence: str, inserts: list[tuple[int, str]], swaps: list[int]) -> None:
        text = sentence
        for at in swaps:
            at = min(at, len(text) - 1)
            if text[at] in lookalikes:
                text = text[:at] + lookalikes[text[at]] + text[at + 1:]
        for at, mark in sorted(inserts, reverse=True):
            at = min(at, len(text))
            text = text[:at] + mark + text[at:]
        assert fast.lint_text(text) == slow.lint_text(text)

    check()


def test_a_clause_where_no_pattern_is_possible_is_not_split(engines: tuple[Engine, Engine],
                                                            monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """*Sähköinen* opens patterns, but a clause without any of their other words cannot
    hold a hit: it is passed over before it is split into words."""
    import termlint.engine

    fast, slow = engines
    made: list[int] = []
    real = termlint.engine.LazyTokens

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(termlint.engine, "LazyTokens", counted)
    text = "Sähköinen resepti toimii hyvin. Käytä sähköisiä palveluja (testi 42)."
    found = fast.lint_text(text)
    assert [text[m.start:m.end] for m in found] == ["sähköisiä palveluja"]
    assert made == [1]  # only the second clause was split
    assert slow.lint_text(text) == found


# -- short values are searched together ---------------------------------------------------------

@pytest.mark.parametrize("chunk", [7, 1 << 20])
def test_texts_with_candidates_equals_searching_each_text(monkeypatch, chunk: int) -> None:  # type: ignore[no-untyped-def]
    """Joined by line breaks, a chunk at a time, the texts show exactly which of them hold a
    candidate or an unsafe character, as searching each on its own does."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from termlint.engine import prefilter
    from termlint.engine.prefilter import UNSAFE, texts_with_candidates

    monkeypatch.setattr(prefilter, "CHUNK", chunk)

    candidates = Candidates(["palvel", "sähkö", "e-palv"], ["epalvelu"], unsafe=True)
    plain = Candidates(["palvel", "sähkö"])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.text(alphabet=_ALPHABET, max_size=12), max_size=8))
    def check(texts: list[str]) -> None:
        for searched in (candidates, plain):
            expected = set()
            for index, text in enumerate(texts):
                found, unsafe = searched.scan(text)
                if found or unsafe or UNSAFE.search(text):
                    expected.add(index)
            assert texts_with_candidates(texts, searched) == expected

    check()


def test_segments_without_candidates_are_skipped_losslessly(
        engines: tuple[Engine, Engine]) -> None:
    from termlint.lint import Linter
    from termlint.model import Segment
    from termlint.sources.base import Document

    rng = random.Random(7)
    values = [*texts(), "Tallenna", "Peruuta", "{count} viestiä", "", "e‐palvelut", "Sv: sähköinen",
              "sähk\u00adöinen palvelu", "Ei mitään"] * 3
    rng.shuffle(values)
    text = ""
    segments = []
    for n, value in enumerate(values):
        segments.append(Segment(text=value, start=len(text), key=f"k{n}",
                                language="sv" if n % 17 == 0 else None))
        text += value + "\n"
    doc = Document(path="fi.json", text=text, format="json", segments=segments)
    with_prefilter, without = (Linter(engine) for engine in engines)
    worth = with_prefilter.engine.may_hold_matches(segments, ["sv" if s.language else "fi"
                                                              for s in segments])
    assert 0 < worth.count(True) < len(segments)  # some are skipped, some are not
    found = with_prefilter.lint_document(doc)
    assert found and found == without.lint_document(doc)
    # Every skipped segment really holds nothing.
    for segment, wanted in zip(segments, worth, strict=True):
        if not wanted:
            assert not with_prefilter.engine.lint_segment(segment)
