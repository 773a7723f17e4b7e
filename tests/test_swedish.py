"""Swedish analysis: simplemma lemmas, compounds split at term heads, matching in the engine."""

from __future__ import annotations

import pytest

from termlint.api import build_engine
from termlint.model import Severity
from termlint.morphology import Morphology
from termlint.morphology.swedish import SwedishMorphology, heads_of


@pytest.fixture(scope="module")
def sv() -> SwedishMorphology:
    return SwedishMorphology(heads_of(["webbtjänst", "nättjänst", "social- och hälsotjänster",
                                       "digital tjänst"]))


@pytest.mark.parametrize(("word", "lemma", "parts"), [
    ("tjänst", "tjänst", ("tjänst",)),
    ("tjänster", "tjänst", ("tjänst",)),
    ("tjänsten", "tjänst", ("tjänst",)),
    ("tjänsterna", "tjänst", ("tjänst",)),
    ("Webbtjänsten", "webbtjänst", ("webb", "tjänst")),
    ("webbtjänsterna", "webbtjänst", ("webb", "tjänst")),
    ("hälsotjänster", "hälsotjänst", ("hälso", "tjänst")),
    ("primärhälsotjänsterna", "primärhälsotjänst", ("primär", "hälso", "tjänst")),
    ("e-tjänsten", "e-tjänst", ("e", "tjänst")),
    ("digitala", "digital", ("digital",)),
    ("digitalt", "digital", ("digital",)),
])
def test_lemmas_and_compound_parts(sv: SwedishMorphology, word: str, lemma: str,
                                   parts: tuple[str, ...]) -> None:
    (analysis,) = sv.analyze(word)
    assert analysis.lemma == lemma
    assert analysis.parts == parts
    assert analysis.head == parts[-1]


def test_no_analysis_for_non_words_and_no_repairs(sv: SwedishMorphology) -> None:
    assert sv.analyze("") == ()
    assert sv.analyze("123") == ()
    assert sv.repair_diacritics("tjanst") == ("tjanst", ())


def test_heads_of_takes_the_last_word() -> None:
    assert heads_of(["digital tjänst", "social- och hälsotjänster", ""]) == \
        {"tjänst", "hälsotjänster"}


def test_engine_matches_swedish_terms_only_in_swedish(morphology: Morphology) -> None:
    engine = build_engine(["thl-digi", "stm-sote"], morphology=morphology)
    text = ("Logga in på webbtjänsten. Nättjänsterna är stängda. Använd e-tjänsten och "
            "elektroniska tjänster. Information om social- och hälsotjänster.")
    found = [(text[m.start:m.end], m.rule, m.severity) for m in engine.lint_text(text, "sv")]
    assert found == [
        ("webbtjänsten", "thl-digi/digitaalinen-palvelu", Severity.INFO),
        ("Nättjänsterna", "thl-digi/digitaalinen-palvelu", Severity.INFO),
        ("social- och hälsotjänster", "stm-sote/sosiaali-ja-terveyspalvelut",
         Severity.SUGGESTION),
    ]
    assert engine.lint_text(text, "fi") == []
    # sähköinen → digitaalinen is not ported to Swedish: "elektronisk tjänst" is acceptable.
    assert engine.lint_text("Elektroniska tjänster och e-tjänster.", "sv") == []
    # A compound that merely contains the head word is not the narrower term.
    assert engine.lint_text("Webbtjänstleverantören svarar.", "sv") == []
