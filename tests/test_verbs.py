"""Issue 15, items 3, 4 and 6: verbs conjugated and verified for every feature, possessive
plurals, and name compounds written with a spaced hyphen."""

from __future__ import annotations

from pathlib import Path

import pytest

from termlint.api import build_engine
from termlint.engine import Engine
from termlint.morphology import Morphology
from termlint.morphology.verbs import VerbConjugator, VerbForm, forms_of, wanted_forms
from termlint.vocab.loader import parse_vocabulary
from tests.cli_helpers import run_cli

VERBS = """\
id: proj
source: https://example.org/sanasto
concepts:
  - id: napsauttaa
    source: https://example.org/napsauttaa
    terms:
      fi:
        - {term: napsauttaa, status: preferred}
        - {term: klikata, status: deprecated}
"""


@pytest.fixture(scope="module")
def verbs(morphology: Morphology) -> Engine:
    vocab = parse_vocabulary("proj.yaml", VERBS)
    return build_engine([vocab], morphology=morphology)


@pytest.mark.parametrize(("sentence", "fixed"), [
    ("Klikkaa tästä.", "Napsauta"),              # clause-initial: the imperative
    ("Älä klikkaa linkkiä.", "napsauta"),         # prohibitive: the connegative
    ("Et klikkaa linkkiä.", "napsauta"),
    ("Klikkasit väärää nappia.", "Napsautit"),    # past, 2nd person singular
    ("He klikkasivat linkkiä.", "napsauttivat"),
    ("Kirjaudu klikkaamalla nappia.", "napsauttamalla"),  # 3rd infinitive, adessive
    ("Menin klikkaamaan linkkiä.", "napsauttamaan"),      # 3rd infinitive, illative
    ("Sivua klikataan usein.", "napsautetaan"),   # passive
    ("Sivua ei klikata usein.", "napsauteta"),    # passive connegative
    ("Klikkaisin linkkiä.", "Napsauttaisin"),     # conditional
    ("Klikatkaa tästä.", "Napsauttakaa"),         # imperative plural
    ("Klikkaako hän?", "Napsauttaako"),           # question clitic
])
def test_verb_fixes_keep_every_feature(verbs: Engine, morphology: Morphology, sentence: str,
                                       fixed: str) -> None:
    (match,) = verbs.lint_text(sentence)
    assert match.verified, match
    assert match.suggestions[0] == fixed
    old = sentence[match.start : match.end]
    # Read back: the fix has exactly the features the sentence gives the old word.
    old_forms = {f for a in morphology.analyze(old) for f in forms_of(a)}
    new_forms = {f for a in morphology.analyze(fixed) for f in forms_of(a)}
    assert old_forms & new_forms


@pytest.mark.parametrize("sentence", [
    "Hän klikkaa linkkiä.",         # 3rd person or imperative: the verbs differ, so advice
    "Sitä klikatessa näkyy valikko.",  # Voikko gives the 2nd infinitive no case to verify
    "Klikkaamisesta ei ole apua.",   # -minen noun reading of the verb: not generated
])
def test_unverifiable_verb_forms_are_advice(verbs: Engine, sentence: str) -> None:
    (match,) = verbs.lint_text(sentence)
    assert not match.verified and match.replacements == ()
    assert match.suggestions == ("napsauttaa",)


def test_the_same_phrase_in_another_context_is_not_reused(verbs: Engine) -> None:
    matches = verbs.lint_text("Älä klikkaa linkkiä. Hän klikkaa linkkiä. Klikkaa tästä.")
    assert [(m.verified, m.suggestions[0]) for m in matches] == [
        (True, "napsauta"), (False, "napsauttaa"), (True, "Napsauta")]


def test_a_noun_inflector_never_verifies_a_verb_reading(engine: Engine) -> None:
    assert engine.inflector is not None
    # "napsauttaa" reads as an indicative with no case: it was once taken as a "form".
    assert engine.inflector.inflect("napsauttaa", None, "singular") == []
    assert engine.inflector.inflect("klikata", "ulkoolento", "singular") == []


def test_conjugator_and_contexts(morphology: Morphology) -> None:
    conjugator = VerbConjugator(morphology)
    past = VerbForm("indicative", "past_imperfective", "2", "singular", False)
    assert conjugator.conjugate("napsauttaa", past) == ["napsautit"]
    assert conjugator.conjugate("tulla", past) == ["tulit"]
    assert conjugator.conjugate("tarvita", past) == ["tarvitsit"]
    klikkaa = morphology.analyze("klikkaa")
    negation = next(a for a in morphology.analyze("älä"))
    assert {f.mood for f in wanted_forms(klikkaa, None, True)} == {"imperative"}
    assert {f.mood for f in wanted_forms(klikkaa, None, False)} == {"imperative", "indicative"}
    assert all(f.negative for f in wanted_forms(klikkaa, negation, False))
    # Two forms that need different spellings of the new verb: nothing is right for both.
    assert conjugator.same_forms("napsauttaa", wanted_forms(klikkaa, None, False)) == []


@pytest.mark.parametrize(("sentence", "fixed"), [
    ("Sähköiset palvelumme ovat auki.", "Digitaaliset palvelumme"),
    ("Käytä sähköisiä palvelujamme.", "digitaalisia palvelujamme"),
    ("Sähköiset asiointipalvelumme ovat auki.", "Digitaaliset asiointipalvelumme"),
    ("Sähköinen palvelumme on auki.", "Digitaalinen palvelumme"),
    ("Sähköiset palveluni toimivat.", "Digitaaliset palveluni"),
])
def test_possessive_plurals_match_and_keep_their_number(engine: Engine, sentence: str,
                                                        fixed: str) -> None:
    (match,) = engine.lint_text(sentence)
    assert match.verified and match.suggestions[0] == fixed


def test_genitive_with_a_possessive_suffix_agrees(engine: Engine) -> None:
    (match,) = engine.lint_text("Asioi sähköisen palvelumme kautta.")
    assert match.verified and match.suggestions[0] == "digitaalisen palvelumme"


def test_a_rebuilt_phrase_is_not_guessed_for_an_ambiguous_head(engine: Engine) -> None:
    # "e-palvelumme": nominative singular or plural, or genitive; nothing says which, so only
    # the one-word preferred term (the same spelling for all three) is a fix.
    (match,) = engine.lint_text("Tässä on e-palvelumme osoite.")
    assert match.suggestions == ("digipalvelumme",) and match.verified


def test_possessive_reading_does_not_invent_agreement(engine: Engine) -> None:
    # A plural adjective with a singular noun without a possessive suffix still disagrees.
    assert engine.lint_text("Sähköiset palvelu on auki.") == []


@pytest.mark.parametrize("sentence", [
    "Lue lisää Kanta.fi -verkkopalvelusta.",
    "Lue lisää Kanta.fi-verkkopalvelusta.",
    "Lue lisää Kanta -verkkopalvelusta.",
    "Lue lisää Kanta-verkkopalvelusta.",
    "Kirjaudu Omakanta\u00a0-verkkopalveluun.",
])
def test_name_compounds_with_and_without_a_space_are_not_hinted(engine: Engine,
                                                                sentence: str) -> None:
    assert engine.lint_text(sentence) == []


@pytest.mark.parametrize("sentence", [
    "Lue lisää verkkopalvelusta.",
    "Lue lisää - verkkopalvelusta.",  # a dash with spaces on both sides is not a compound
])
def test_the_narrower_term_alone_is_still_hinted(engine: Engine, sentence: str) -> None:
    (match,) = engine.lint_text(sentence)
    assert match.rule == "thl-digi/digitaalinen-palvelu" and not match.verified


def test_vocab_validate_reports_word_classes(tmp_path: Path) -> None:
    path = tmp_path / "proj.yaml"
    path.write_text(VERBS.replace(
        "        - {term: klikata, status: deprecated}\n",
        "        - {term: klikata, status: deprecated}\n"
        "        - {term: klikattu, status: deprecated}\n"
        "        - {term: sähköinen lomake, status: deprecated}\n"
        "        - {term: sähköinen, status: deprecated}\n"), encoding="utf-8")
    _, out, _ = run_cli(["vocab", "validate", str(path)])
    assert f"{path}: word classes of its fi terms: 1 noun, 1 adjective, 2 verb, " \
        "1 participle" in out
