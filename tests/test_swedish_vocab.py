"""The Finland-Swedish health-care vocabulary (sv-vard, sv-klient), and Swedish exceptions and
names: flagged terms in their inflected and compound forms, the traps that stay silent, and an
exception or a name that guards the text of its own language only."""

from __future__ import annotations

from dataclasses import replace

import pytest

from termlint.api import build_engine
from termlint.engine import Engine
from termlint.model import Severity
from termlint.morphology import Morphology
from termlint.morphology.swedish import SwedishMorphology
from termlint.vocab import load_bundled
from termlint.vocab.loader import parse_vocabulary
from termlint.vocab.schema import VocabError
from termlint.vocab.yamlio import dump_vocabulary


@pytest.fixture(scope="module")
def default_engine(morphology: Morphology) -> Engine:
    return build_engine((), morphology=morphology)


def found(engine: Engine, text: str) -> list[tuple[str, str, Severity]]:
    return [(text[m.start:m.end], m.rule, m.severity) for m in engine.lint_text(text, "sv")]


@pytest.mark.parametrize(("text", "word", "concept", "severity"), [
    ("Välfärdsregionen ordnar vården.", "Välfärdsregionen", "hyvinvointialue", Severity.ERROR),
    ("Välfärdsregionernas budget.", "Välfärdsregionernas", "hyvinvointialue", Severity.ERROR),
    ("Välfärdsregionsstyrelsen möts.", "Välfärdsregionsstyrelsen", "hyvinvointialue",
     Severity.ERROR),
    ("Boka tid på välfärdsstationen.", "välfärdsstationen", "terveyskeskus", Severity.WARNING),
    ("Kommunens välfärdscentraler.", "välfärdscentraler", "terveyskeskus", Severity.WARNING),
    ("Kontakta arbetshälsovården.", "arbetshälsovården", "tyoterveyshuolto", Severity.WARNING),
    ("Arbetshälsovårdsenheterna slås ihop.", "Arbetshälsovårdsenheterna", "tyoterveyshuolto",
     Severity.WARNING),
    ("Bashälsovårdens läkare.", "Bashälsovårdens", "perusterveydenhuolto", Severity.WARNING),
    ("Primärhälsovården växer.", "Primärhälsovården", "perusterveydenhuolto-primarhalsovard",
     Severity.INFO),
    ("Remiss till specialsjukvården.", "specialsjukvården", "erikoissairaanhoito",
     Severity.WARNING),
    ("Hälsovården förnyas.", "Hälsovården", "terveydenhuolto", Severity.INFO),
])
def test_flagged_forms(default_engine: Engine, text: str, word: str, concept: str,
                       severity: Severity) -> None:
    assert found(default_engine, text) == [(word, f"sv-vard/{concept}", severity)]


@pytest.mark.parametrize("text", [
    "Social- och hälsovården ordnas av välfärdsområdet.",
    "Information om social- och hälsovård på svenska.",
    "Social- och hälsovårdstjänster och social- och hälsovårdscentraler.",
    "Hälsovårdaren ringer upp dig.",
    "Hälsovårdarna på rådgivningen.",
    "Hälsovårdscentralen är stängd.",
    "Arbetshälsan är viktig.",
    "Vi främjar arbetshälsa.",
    "Specialistvården tar emot remisser.",
    "Företagshälsovården och skolhälsovården samarbetar.",
    "Primärvården och den specialiserade sjukvården.",
    "Patienten är kund inom hälso- och sjukvården.",
    "Klienten får hjälp av socialarbetaren.",
    "Den slutna vården och anstaltsvården.",
    "Välfärden i regionen förbättras.",
])
def test_traps_stay_silent(default_engine: Engine, text: str) -> None:
    assert found(default_engine, text) == []


def test_the_swedish_exception_is_what_keeps_social_och_halsovard_silent(
        morphology: Morphology) -> None:
    (vard,) = [v for v in load_bundled() if v.id == "sv-vard"]
    bare = replace(vard, exceptions=(), exception_languages={}, exception_sources={})
    text = "Social- och hälsovården ordnas av välfärdsområdet."
    assert [w for w, _, _ in found(build_engine([bare], morphology=morphology), text)] == \
        ["hälsovården"]
    assert found(build_engine([vard], morphology=morphology), text) == []


def test_klient_is_a_hint_only_when_sv_klient_is_selected(morphology: Morphology,
                                                          default_engine: Engine) -> None:
    text = "Klienten får en kallelse."
    assert found(default_engine, text) == []
    engine = build_engine(["+sv-klient"], morphology=morphology)
    assert found(engine, text) == [("Klienten", "sv-klient/asiakas", Severity.INFO)]


VOCAB = """\
id: x
exceptions:
  - {text: digital tjänst i korthet, language: sv}
  - digitaalinen palvelu
names:
  - {name: Webbtjänsten Hälsobyn, language: sv}
  - Sähköinen palvelu Oy
concepts:
  - id: c
    source: https://example.org/
    terms:
      fi:
        - {term: digitaalinen palvelu, status: preferred}
        - {term: sähköinen palvelu, status: deprecated}
      sv:
        - {term: digital tjänst, status: deprecated}
        - {term: webbtjänst, status: deprecated}
"""


def test_swedish_exceptions_and_names_guard_swedish_text_only(morphology: Morphology) -> None:
    vocab = parse_vocabulary("x.yaml", VOCAB)
    assert vocab.exception_language("digital tjänst i korthet") == "sv"
    assert vocab.exception_language("digitaalinen palvelu") == "fi"
    assert [(n.text, n.language) for n in vocab.names] == [
        ("Webbtjänsten Hälsobyn", "sv"), ("Sähköinen palvelu Oy", "fi")]
    engine = build_engine([vocab], morphology=morphology)
    sv = ("Den digitala tjänsten i korthet. Den digitala tjänsten. "
          "Logga in på Webbtjänsten Hälsobyn i dag. Logga in på webbtjänsten.")
    assert [w for w, _, _ in found(engine, sv)] == ["digitala tjänsten", "webbtjänsten"]
    # A Swedish name or exception does not guard Finnish text, nor a Finnish one Swedish.
    fi = "Sähköinen palvelu Oy ja sähköinen palvelu. Digital tjänst i korthet."
    assert [fi[m.start:m.end] for m in engine.lint_text(fi, "fi")] == ["sähköinen palvelu"]


def test_languages_survive_the_yaml_writer() -> None:
    vocab = parse_vocabulary("x.yaml", VOCAB)
    again = parse_vocabulary("y.yaml", dump_vocabulary(vocab))
    assert again.exception_languages == {"digital tjänst i korthet": "sv"}
    assert [n.language for n in again.names] == ["sv", "fi"]


def test_an_unknown_language_is_an_error_with_its_line() -> None:
    text = VOCAB.replace("{name: Webbtjänsten Hälsobyn, language: sv}",
                         "{name: Webbtjänsten Hälsobyn, language: xx}")
    with pytest.raises(VocabError, match=r"x.yaml:6: .*language 'xx'"):
        parse_vocabulary("x.yaml", text)


def test_compound_cut_after_a_known_head_and_a_linking_s() -> None:
    sv = SwedishMorphology(["arbetshälsovård", "hälsovård", "välfärdsregion"])
    assert sv.analyze("arbetshälsovårdsenheterna")[0].parts[:2] == ("arbets", "hälsovård")
    assert sv.analyze("välfärdsregionsstyrelsen")[0].parts[0] == "välfärdsregion"
    # a derivation is not a compound: hälsovård|are is not cut
    assert sv.analyze("hälsovårdare")[0].parts == ("hälsovårdare",)
