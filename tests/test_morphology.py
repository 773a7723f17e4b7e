"""Morphology: tokens keep exact offsets; analyses are repaired where Voikko alone fails."""

from __future__ import annotations

import pytest

from termlint.model import Analysis
from termlint.morphology import Morphology, tokenize


def lemmas(morphology: Morphology, word: str) -> set[str]:
    return {a.lemma for a in morphology.analyze(word)}


def one(morphology: Morphology, word: str, lemma: str) -> Analysis:
    found = [a for a in morphology.analyze(word) if a.lemma == lemma]
    assert found, f"{word!r} has no reading with lemma {lemma!r}: {morphology.analyze(word)}"
    return found[0]


@pytest.mark.parametrize("word", ["Palveluissa", "PALVELUISSA", "palveluissa"])
def test_capitalisation_does_not_change_the_reading(morphology: Morphology, word: str) -> None:
    a = one(morphology, word, "palvelu")
    assert (a.case, a.number) == ("sisaolento", "plural")


@pytest.mark.parametrize(
    ("word", "clitic"),
    [("palveluissakin", "kin"), ("palveluissakaan", "kaan"), ("palvelussako", "ko"),
     ("palvelussahan", "han"), ("palvelussapa", "pa")],
)
def test_clitics_are_reported(morphology: Morphology, word: str, clitic: str) -> None:
    assert any(a.clitic == clitic and a.lemma == "palvelu" for a in morphology.analyze(word))


def test_possessive_suffix(morphology: Morphology) -> None:
    a = one(morphology, "palveluissamme", "palvelu")
    assert (a.case, a.number, a.possessive) == ("sisaolento", "plural", "1p")


def test_compound_parts_and_head(morphology: Morphology) -> None:
    a = one(morphology, "verkkoasiointikanavien", "verkkoasiointikanava")
    assert a.parts == ("verkko", "asiointi", "kanava")
    assert a.head == "kanava"
    assert one(morphology, "terveyspalveluihin", "terveyspalvelu").parts == ("terveys", "palvelu")


@pytest.mark.parametrize(
    ("word", "lemma", "parts", "case"),
    [
        ("Kanta-palveluiden", "kanta-palvelu", ("kanta", "palvelu"), "omanto"),
        ("Lupapiste-asiointipalvelun", "lupapiste-asiointipalvelu",
         ("lupapiste", "asiointi", "palvelu"), "omanto"),
        ("ICT-palveluihin", "ict-palvelu", ("ict", "palvelu"), "sisatulento"),
    ],
)
def test_hyphen_compound_with_unknown_prefix(
    morphology: Morphology, word: str, lemma: str, parts: tuple[str, ...], case: str
) -> None:
    a = one(morphology, word, lemma)
    assert a.parts == parts
    assert a.case == case
    assert a.prefix == word.split("-")[0].lower() + "-"


def test_known_hyphen_compound_is_analysed_whole(morphology: Morphology) -> None:
    a = one(morphology, "e-palveluihin", "e-palvelu")
    assert a.parts == ("e", "palvelu")
    assert a.prefix == ""


@pytest.mark.parametrize(
    ("word", "lemma", "case"),
    [("THL:n", "thl", "omanto"), ("DVV:ltä", "dvv", "ulkoeronto"), ("EU:ssa", "eu", "sisaolento")],
)
def test_abbreviation_with_colon_ending(
    morphology: Morphology, word: str, lemma: str, case: str
) -> None:
    a = one(morphology, word, lemma)
    assert a.case == case


def test_soft_hyphen_inside_word(morphology: Morphology) -> None:
    text = "Käytä palve\u00adluissa"
    tokens = tokenize(text, morphology)
    assert [t.text for t in tokens] == ["Käytä", "palve\u00adluissa"]
    assert text[tokens[1].start : tokens[1].end] == "palve\u00adluissa"
    assert "palvelu" in {a.lemma for a in tokens[1].analyses}


def test_minen_noun_is_rebuilt_from_the_verb_reading(morphology: Morphology) -> None:
    found = lemmas(morphology, "etätapaamisessa")
    assert "etätapaaminen" in found
    noun = one(morphology, "etätapaamisessa", "etätapaaminen")
    assert noun.word_class == "nimisana"
    assert noun.parts == ("etä", "tapaaminen")
    assert noun.case == "sisaolento"


def test_unranked_alternatives_are_all_kept(morphology: Morphology) -> None:
    # Voikko returns an over-segmented reading first; the right one must be there too.
    assert {"nettisivu", "nettisivuilta"} <= lemmas(morphology, "nettisivuilta")


def test_unknown_word_has_no_analysis(morphology: Morphology) -> None:
    assert morphology.analyze("xqzvbrk") == ()
    tokens = tokenize("sana xqzvbrk", morphology)
    assert not tokens[1].known


def test_adverb_is_not_the_adjective(morphology: Morphology) -> None:
    a = one(morphology, "sähköisesti", "sähköinen")
    assert a.case == "kerrontosti"


def test_umlaut_repair(morphology: Morphology) -> None:
    fixed, analyses = morphology.repair_diacritics("Sähköisessa")
    assert fixed == "Sähköisessä"
    assert any(a.lemma == "sähköinen" and a.case == "sisaolento" for a in analyses)


def test_cache_is_bounded_and_counts_hits() -> None:
    m = Morphology(cache_size=3)
    for word in ["talo", "auto", "kissa", "koira", "talo"]:
        m.analyze(word)
    assert len(m._cache) == 3
    m.analyze("talo")
    assert m.hits >= 1


def test_tokens_keep_offsets_and_barriers(morphology: Morphology) -> None:
    text = "Sähköiset {name} palvelut. Uusi\nrivi THL:n sosiaali- ja terveyspalvelut"
    tokens = tokenize(text, morphology, masks=[(10, 16)])
    for t in tokens:
        assert text[t.start : t.end] == t.text
    by_text = {t.text: t for t in tokens}
    assert "name" not in by_text
    assert by_text["palvelut"].barrier_before  # the mask lies between
    assert by_text["Uusi"].barrier_before  # a full stop lies between
    assert not by_text["rivi"].barrier_before  # a line break alone is no barrier
    assert by_text["sosiaali-"].ellipsis
    assert by_text["THL:n"].known


def test_lazy_tokens_analyse_only_what_is_looked_at(morphology: Morphology) -> None:
    from termlint.morphology import LazyTokens

    text = "Alku. Käytä sähköisiä palveluja tänään."
    lazy = LazyTokens(text, morphology, (), 5, len(text))
    eager = tokenize(text, morphology, (), 5, len(text))
    assert len(lazy) == len(eager) == 4
    assert lazy._done == [None] * 4  # nothing analysed yet
    assert lazy.index_at(text.index("sähköisiä") + 3) == 1
    assert lazy.index_at(text.index(" tänään")) is None  # a space is in no token
    assert lazy[1] == eager[1]
    assert sum(t is not None for t in lazy._done) == 1
    assert lazy[1:3] == eager[1:3]
    assert list(lazy) == eager


def test_word_split_is_the_same_with_the_plain_expression() -> None:
    """Text without soft hyphens and combining marks is split by a faster expression; it
    must find exactly the words the full one finds."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from termlint.morphology.tokenize import WORD, word_spans

    pieces = st.sampled_from(["sähkö", "Palvelu", "e-", "-", "\u2010", ":n", "'", "’", " ",
                              ", ", " ja ", " och ", "_", "\u00ad", "e\u0301", ". ", "\n\n",
                              "3", "tai", "x"])

    @settings(max_examples=400, deadline=None)
    @given(st.lists(pieces, max_size=25), st.integers(0, 5))
    def check(parts: list[str], skip: int) -> None:
        text = "".join(parts)
        start = min(skip, len(text))
        expected = [m.span() for m in WORD.finditer(text, start)]
        assert [(a, b) for a, b, _ in word_spans(text, (), start)] == expected

    check()
