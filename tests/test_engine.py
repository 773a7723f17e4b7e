"""Engine: every matching behaviour of the core issue, with sentences written for these tests.

Rows are ``(text, [(matched text, rule)])``; the matched text is cut from the input at the
finding's offsets, so a wrong span fails the test.
"""

from __future__ import annotations

import pytest

from termlint.api import lint_text
from termlint.engine import Engine
from termlint.model import Severity

PALVELU = "thl-digi/digitaalinen-palvelu"
ASIOINTI = "thl-digi/digitaalinen-asiointi"
ASIOINTIPALVELU = "thl-digi/digitaalinen-asiointipalvelu"
TERVEYDENHUOLTO = "thl-digi/terveydenhuollon-digitaalinen-palvelu"
MODIFIER = "thl-digi/sahkoinen-palvelusana"
SOTE = "stm-sote/sosiaali-ja-terveyspalvelut"


def found(engine: Engine, text: str) -> list[tuple[str, str]]:
    return [(f.text, f.rule) for f in lint_text(text, engine=engine)]


POSITIVE = [
    # single words, whole and inflected
    ("Kirjaudu e-palveluun.", [("e-palveluun", PALVELU)]),
    ("E-asiointi avautuu.", [("E-asiointi", ASIOINTI)]),
    ("Verkkoasioinnissa on katko.", [("Verkkoasioinnissa", ASIOINTI)]),
    # a deprecated word as a modifier part of a compound
    ("Valitse verkkoasiointikanava listasta.", [("verkkoasiointikanava", ASIOINTI)]),
    # adjective + noun with agreement, many cases
    ("Käytä sähköisiä palveluja.", [("sähköisiä palveluja", PALVELU)]),
    ("Tietoa on sähköisissä palveluissa.", [("sähköisissä palveluissa", PALVELU)]),
    ("Tukea sähköiseen asiointiin.", [("sähköiseen asiointiin", ASIOINTI)]),
    ("Sähköisen asioinnin ratkaisu.", [("Sähköisen asioinnin", ASIOINTI)]),
    ("Palvelu toimii sähköisine palveluineen.", [("sähköisine palveluineen", PALVELU)]),
    # across a line break
    ("Käytä sähköisiä\npalveluja.", [("sähköisiä\npalveluja", PALVELU)]),
    # the deprecated noun as the head of a compound
    ("Sähköiset terveyspalvelut ovat auki.", [("Sähköiset terveyspalvelut", PALVELU)]),
    ("Kirjaudu sähköiseen asiointipalveluun.", [("sähköiseen asiointipalveluun", ASIOINTIPALVELU)]),
    ("Avaa sähköinen Lupapiste-asiointipalvelu.",
     [("sähköinen Lupapiste-asiointipalvelu", ASIOINTIPALVELU)]),
    # coordination: elided compound parts and coordinated adjectives
    ("Sähköiset sosiaali- ja terveyspalvelut kehittyvät.",
     [("Sähköiset sosiaali- ja terveyspalvelut", PALVELU)]),
    ("Sähköiset sosiaali-, terveys- ja sivistyspalvelut.",
     [("Sähköiset sosiaali-, terveys- ja sivistyspalvelut", PALVELU)]),
    ("Tarjoamme sähköisiä ja turvallisia palveluja.",
     [("sähköisiä ja turvallisia palveluja", PALVELU)]),
    ("Tarjoamme sähköisiä, helppoja ja turvallisia palveluja.",
     [("sähköisiä, helppoja ja turvallisia palveluja", PALVELU)]),
    # capitals, clitics, possessives
    ("SÄHKÖISET PALVELUT", [("SÄHKÖISET PALVELUT", PALVELU)]),
    ("Myös sähköisissä palveluissammekin on tukea.",
     [("sähköisissä palveluissammekin", PALVELU)]),
    # the most specific rule wins where matches overlap
    ("Tutustu terveydenhuollon sähköisiin palveluihin.",
     [("terveydenhuollon sähköisiin palveluihin", TERVEYDENHUOLTO)]),
    # the modifier rule for service words that are not one vocabulary term
    ("Sähköiset asiointiprosessit uudistuvat.", [("Sähköiset asiointiprosessit", MODIFIER)]),
    ("Varaa aika sähköisestä ajanvarauksesta.", [("sähköisestä ajanvarauksesta", MODIFIER)]),
    # a service named by a phrase, written before a spaced-hyphen head
    ("Tiedot ovat sähköisessä Ajoneuvon julkiset rekisteritiedot -palvelussa.",
     [("sähköisessä Ajoneuvon julkiset rekisteritiedot -palvelussa", PALVELU)]),
    ("Kirjaudu sähköiseen Kela -palveluun.", [("sähköiseen Kela -palveluun", PALVELU)]),
    # soft hyphen inside a word
    ("Käytä sähköi\u00adsiä palveluja.", [("sähköi\u00adsiä palveluja", PALVELU)]),
    # the sote vocabulary
    ("Löydät sote-palvelut täältä.", [("sote-palvelut", SOTE)]),
    # two findings in one sentence
    ("Sähköinen asiointi ja e-palvelut.", [("Sähköinen asiointi", ASIOINTI),
                                           ("e-palvelut", PALVELU)]),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE, ids=[t for t, _ in POSITIVE])
def test_flags(engine: Engine, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(engine, text) == expected


NEGATIVE = [
    "Käytä digitaalisia palveluja.",
    "Digipalvelu on avoinna.",
    # established terms
    "Sähköinen resepti näkyy Omakannassa.",
    "Sähköisen lääkemääräyksen uusiminen.",
    "Allekirjoita sähköisellä allekirjoituksella.",
    "Sähköinen allekirjoituspalvelu on käytössä.",
    "Käytä vahvaa sähköistä tunnistamista.",
    "Kirjaudu sähköiseen tunnistuspalveluun.",
    "Lähetä sähköpostia palveluun.",
    # the adverb is not the adjective
    "Voit asioida sähköisesti palvelussamme.",
    "Voinko kerätä tukea sähköisesti muissakin palveluissa?",
    # no agreement, or words between
    "Saat päätöksen sähköisenä palvelun kautta.",
    "Tiedot ovat sähköisessä muodossa palveluun.",
    # a name needs its spaced hyphen, and the head must agree
    "Tiedot ovat sähköisessä Ajoneuvon rekisterissä palvelussa.",
    "Maksu sähköisellä Ajoneuvon tiedot -palvelussa.",
    # a whole-word term inside a service's hyphenated name is part of the name
    "Siirry Omaolo.fi-verkkopalveluun.",
    "Tunnistaudu Suomi.fi-verkkopalvelussa.",
    # clause breaks are barriers
    "Laite on sähköinen. Palvelu toimii.",
    # hyphen compounds that only end like e-palvelu
    "Syötä sote-palvelupaikkatunniste.",
    "TE-palvelujen asiakkaille.",
    "Katso ONLINE-palvelusta.",
    "Kanta-palveluiden käyttö.",
    # unrelated
    "Etäpalvelu on reaaliaikainen.",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_does_not_flag(engine: Engine, text: str) -> None:
    assert found(engine, text) == []


def test_near_misses_are_caught_with_lower_confidence(engine: Engine) -> None:
    findings = lint_text("Sähköisessa asiointipalvelussa voit hakea. Epalvelu on kiinni.",
                         engine=engine)
    assert [(f.text, f.rule) for f in findings] == [
        ("Sähköisessa asiointipalvelussa", ASIOINTIPALVELU),
        ("Epalvelu", PALVELU),
    ]
    assert all(f.confidence < 1.0 for f in findings)
    assert all("possible misspelling" in f.message for f in findings)
    assert not any(f.verified for f in findings)


def test_forbidden_term_is_an_error_and_narrower_a_hint(engine: Engine) -> None:
    severities = {f.text: f.severity for f in lint_text(
        "Epalvelu ja verkkopalvelu sekä sähköinen palvelu.", engine=engine)}
    assert severities["Epalvelu"] is Severity.ERROR
    assert severities["verkkopalvelu"] is Severity.INFO
    assert severities["sähköinen palvelu"] is Severity.WARNING
    sote = lint_text("sote-palvelut", engine=engine)[0]
    assert sote.severity is Severity.SUGGESTION


def test_masks_block_matches(engine: Engine) -> None:
    from termlint.model import Segment

    text = "Käytä sähköisiä {x} palveluja ja `e-palvelu`."
    segment = Segment(text=text, language="fi", masks=((16, 19), (33, 44)))
    assert engine.lint_segment(segment) == []


def test_finding_carries_concept_source_and_message(engine: Engine) -> None:
    f = lint_text("Käytä sähköisiä palveluja.", engine=engine)[0]
    assert f.concept == "digitaalinen-palvelu"
    assert f.source is not None and f.source.startswith("https://")
    assert "digitaalinen palvelu" in f.message
    assert (f.line, f.column, f.end_line, f.end_column) == (1, 7, 1, 26)


def test_swedish_segment_is_not_matched_with_finnish_terms(engine: Engine) -> None:
    assert lint_text("Käytä sähköisiä palveluja.", language="sv", engine=engine) == []


def test_fuzzy_match_needs_the_first_letters(engine: Engine) -> None:
    # A misspelt unrelated word that merely contains "palvelu" is not the forbidden "epalvelu".
    assert found(engine, "Katso palveluvälyän ohjeet.") == []
    assert found(engine, "Epalveluun ei pääse.") == [("Epalveluun", PALVELU)]


def test_slot_memo_never_answers_for_other_readings() -> None:
    """The matcher remembers fits per word form, but only for the very readings it saw."""
    from termlint.engine.matcher import slot_analyses
    from termlint.engine.patterns import Option, Slot
    from termlint.model import Analysis, Token

    slot = Slot(role="head", options=(Option(parts=("palvelu",), mode="head"),))
    noun = (Analysis(lemma="palvelu", word_class="nimisana", case="nimento",
                     number="singular", parts=("palvelu",)),)
    other = (Analysis(lemma="palvelu", word_class="laatusana", case="nimento",
                      number="singular", parts=("palvelu",)),)
    assert slot_analyses(slot, Token("palvelu", 0, 7, noun)) == (noun, 1.0)
    assert slot_analyses(slot, Token("palvelu", 0, 7, other)) == ((), 0.0)
    assert slot_analyses(slot, Token("palvelu", 0, 7, noun, repaired=True)) == (noun, 0.8)
    assert slot_analyses(slot, Token("palvelu", 0, 7, noun)) == (noun, 1.0)


def test_clause_memo_key_takes_the_masks_inside_the_clause() -> None:
    from termlint.engine.clauses import Masks as _Masks

    masks = _Masks([(50, 60), (2, 4), (8, 30), (12, 14), (70, 71)])
    assert masks.within(0, 10) == ((2, 4), (8, 30))
    assert masks.within(10, 20) == ((-2, 20), (2, 4))
    assert masks.within(30, 50) == ()
    assert masks.within(55, 75) == ((-5, 5), (15, 16))
    assert _Masks([]).within(0, 100) == ()
    import random

    rng = random.Random(5)
    spans = [(a, a + rng.randint(1, 20)) for a in (rng.randint(0, 500) for _ in range(60))]
    table = _Masks(spans)
    for _ in range(300):
        start = rng.randint(0, 520)
        end = start + rng.randint(1, 80)
        expected = tuple((a - start, b - start) for a, b in sorted(spans)
                         if a < end and b > start)
        assert table.within(start, end) == expected
