"""Issue 15, "done when": every form of every flagged term either gets a fix that reads back
with the same features as the words it replaces, or no fix at all.

Forms come from Voikko-verified generation: nouns and noun phrases in every case and number,
each with every possessive suffix and each with every clitic (exhaustive over those two
axes, not their product: a possessive and a clitic together is checked on a seeded sample).
Verbs, which no bundled vocabulary holds, are checked through a project vocabulary
(*klikata* → *napsauttaa*) in every mood, tense, person, number, polarity and 3rd
infinitive case the conjugator can make, in two sentence frames.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from termlint.api import build_engine
from termlint.engine import Engine
from termlint.engine.fixability import is_synonym
from termlint.engine.patterns import ADJECTIVE_CLASSES
from termlint.model import Analysis, Match, Status
from termlint.morphology import Morphology
from termlint.morphology.inflect import CASES, NUMBERS, POSSESSIVES
from termlint.morphology.inflect_candidates import CLITICS
from termlint.morphology.tokenize import words
from termlint.morphology.verbs import VerbConjugator, VerbForm, forms_of, is_verb
from termlint.vocab.loader import load_vocabulary, parse_vocabulary
from tests.test_verbs import VERBS  # the same project vocabulary

BUNDLED = sorted((Path(__file__).parent.parent / "vocab").glob("*.yaml"))
NOUN_CASES = tuple(c for c in CASES if c != "kerrontosti")
SEED = 15


def _features(analysis: Analysis) -> set[tuple[object, ...]]:
    """What a fix must keep: every feature of the reading (verbs through their forms)."""
    if is_verb(analysis):
        return {("verb", *f) for f in forms_of(analysis)}
    return {("noun", analysis.case, analysis.number, analysis.possessive, analysis.clitic)}


def _agreement(analysis: Analysis) -> tuple[object, ...]:
    return (analysis.case, analysis.number)


def assert_fix_keeps_features(morphology: Morphology, text: str, match: Match) -> None:
    """A fix's new words read back with the features of the words they replace."""
    if not match.verified:
        assert match.replacements == ()
        return
    assert match.replacements
    for start, end, new in match.replacements:
        old_words = [text[start:end][a:b] for a, b, _ in words(text[start:end])]
        new_words = [new[a:b] for a, b, _ in words(new)]
        old_head = {f for a in morphology.analyze(old_words[-1]) for f in _features(a)}
        new_head = {f for a in morphology.analyze(new_words[-1]) for f in _features(a)}
        assert old_head & new_head, (text, new, old_head, new_head)
        if len(new_words) > 1:  # a rebuilt phrase: its modifiers agree with the old head
            wanted = {_agreement(a) for a in morphology.analyze(old_words[-1])}
            for word in new_words[:-1]:
                readings = morphology.analyze(word)
                if not any(a.word_class in ADJECTIVE_CLASSES for a in readings):
                    continue  # "ja", an elided part, a genitive attribute: as written
                got = {_agreement(a) for a in readings}
                assert got & wanted, (text, new, word)


def noun_forms(engine: Engine, term: str) -> Iterator[str]:
    assert engine.inflector is not None
    rng = random.Random(SEED)
    for case in NOUN_CASES:
        for number in NUMBERS:
            for possessive in (None, *POSSESSIVES):
                yield from engine.inflector.inflect(term, case, number, possessive)[:1]
            for clitic in CLITICS:
                yield from engine.inflector.inflect(term, case, number, None, clitic)[:1]
            yield from engine.inflector.inflect(term, case, number, rng.choice(POSSESSIVES),
                                                rng.choice(sorted(CLITICS)))[:1]


def flagged_terms() -> list[tuple[str, str, Status, bool]]:
    """Every flagged Finnish term with its status and whether a fix may be applied at all
    (a synonym the vocabulary has not marked ``fix: false``)."""
    return [(path.name, term.text, term.status, is_synonym(term.status) and term.fix)
            for path in BUNDLED
            for concept in load_vocabulary(path).concepts for term in concept.terms
            if term.status.flagged and term.language == "fi" and not term.fuzzy]


@pytest.fixture(scope="module")
def everything(morphology: Morphology) -> Engine:
    """Every bundled vocabulary, the optional ones too."""
    return build_engine([path.stem for path in BUNDLED], morphology=morphology)


@pytest.mark.parametrize(("vocabulary", "term", "status", "fixable"), flagged_terms())
def test_every_form_of_every_bundled_term(everything: Engine, morphology: Morphology,
                                          vocabulary: str, term: str, status: Status,
                                          fixable: bool) -> None:
    forms = list(dict.fromkeys(noun_forms(everything, term)))
    assert len(forms) >= 200, forms  # the generator does reach the term's whole paradigm
    found = fixed = 0
    for form in forms:
        for text in (f"Tässä on {form} nyt.", f"{form[:1].upper()}{form[1:]} on tässä."):
            matches = everything.lint_text(text)
            found += bool(matches)
            for match in matches:
                assert_fix_keeps_features(morphology, text, match)
                fixed += match.verified
    # Not vacuous: every form is found, and a synonym's forms do get fixes (a narrower
    # term's and an advice-only term's, `fix: false`, never do).
    assert found == 2 * len(forms)
    assert fixed > len(forms) if fixable else fixed == 0




def verb_forms() -> Iterator[VerbForm]:
    for mood, tenses in (("indicative", ("present_simple", "past_imperfective")),
                         ("conditional", ("present_simple",)),
                         ("imperative", ("present_simple",))):
        for tense in tenses:
            for person, number in (("1", "singular"), ("2", "singular"), ("3", "singular"),
                                   ("1", "plural"), ("2", "plural"), ("3", "plural"),
                                   ("4", None)):
                yield VerbForm(mood, tense, person, number, False)
    for group in ("present", "conditional"):
        for voice in ("active", "passive"):
            yield VerbForm(group, "present_simple", voice, None, True)
    yield VerbForm("A-infinitive", None, None, None, False)
    for case in ("sisaolento", "sisaeronto", "sisatulento", "ulkoolento", "vajanto"):
        yield VerbForm("MA-infinitive", None, None, "singular", False, case)


def test_every_form_of_a_project_verb(morphology: Morphology) -> None:
    engine = build_engine([parse_vocabulary("proj.yaml", VERBS)], morphology=morphology)
    conjugator = VerbConjugator(morphology)
    made = [w for form in verb_forms() for w in conjugator.conjugate("klikata", form)[:1]]
    assert len(made) >= 25, made
    fixed = 0
    for word in made:
        for text in (f"{word[:1].upper()}{word[1:]} tästä.", f"Nyt {word} tästä.",
                     f"Nyt ei {word} tästä."):
            matches = engine.lint_text(text)
            assert matches, text  # every form of the deprecated verb is found
            for match in matches:
                assert_fix_keeps_features(morphology, text, match)
                fixed += match.verified
    assert fixed >= 25  # most forms get a fix; the rest are advice, never a wrong fix


def test_no_status_other_than_a_synonym_is_ever_fixed(engine: Engine) -> None:
    narrower = [(t.text, path.name) for path in BUNDLED
                for concept in load_vocabulary(path).concepts for t in concept.terms
                if t.status is Status.NARROWER and t.language == "fi"]
    assert narrower
    for term, _ in narrower:
        for form in list(dict.fromkeys(noun_forms(engine, term))):
            for match in engine.lint_text(f"Tässä on {form} nyt."):
                if match.message.startswith(f"'{term}'"):
                    assert not match.verified and match.replacements == ()


ADJECTIVES = """\
id: proj
source: https://example.org/sanasto
concepts:
  - id: napsautettu
    source: https://example.org/napsautettu
    terms:
      fi:
        - {term: napsautettu, status: preferred}
        - {term: klikattu, status: deprecated}
  - id: digitaalinen
    source: https://example.org/digitaalinen
    terms:
      fi:
        - {term: digitaalinen, status: preferred}
        - {term: sähköinen, status: deprecated}
"""


@pytest.mark.parametrize("term", ["klikattu", "sähköinen"])
def test_every_form_of_a_project_participle_and_adjective(morphology: Morphology,
                                                          term: str) -> None:
    engine = build_engine([parse_vocabulary("proj.yaml", ADJECTIVES)], morphology=morphology)
    forms = list(dict.fromkeys(noun_forms(engine, term)))
    assert len(forms) >= 100, forms
    fixed = 0
    for form in forms:
        text = f"Tässä on {form} nyt."
        (match,) = engine.lint_text(text)  # every form of the lone adjective is found
        assert_fix_keeps_features(morphology, text, match)
        fixed += match.verified
    assert fixed > len(forms) // 2
