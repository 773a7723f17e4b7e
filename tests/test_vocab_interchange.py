"""Import and export: TBX, SKOS and CSV round trips give the same findings; hand-written TBX
files with every status import correctly; unsafe XML is refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from termlint.api import build_engine
from termlint.engine import Engine
from termlint.model import Match, Severity, Status
from termlint.morphology import Morphology
from termlint.vocab import (
    VocabError,
    Vocabulary,
    bundled_files,
    load_bundled,
    load_vocabulary,
    parse_vocabulary,
)
from termlint.vocab.csvio import export_csv, import_csv
from termlint.vocab.interchange import ImportResult
from termlint.vocab.skos import export_skos, import_skos
from termlint.vocab.tbx import export_tbx, import_tbx
from termlint.vocab.yamlio import dump_vocabulary

DATA = Path(__file__).parent / "data" / "vocab"
VOCABS = ["thl-digi", "stm-sote", "it-general", "sv-vard"]
TEXTS = {
    "fi": (
        "Käytä sähköisiä palveluja. Kirjaudu e-palveluun tai epalveluun. Verkkopalvelu on auki. "
        "Sähköinen asiointi ja verkkoasiointikanava. Tutustu terveydenhuollon sähköisiin "
        "palveluihin. Sähköisessä asiointipalvelussa voit hakea tukea. Löydät sote-palvelut "
        "täältä. Chattaus ja livestriimaus alkavat. Sähköinen resepti näkyy. Sähköiset "
        "asiointiprosessit ja sähköinen tunnistuspalvelu. Kysy chatissa."
    ),
    "sv": ("Logga in på webbtjänsten. Social- och hälsotjänster. Nättjänsterna. E-tjänsten. "
           "Välfärdsregionen och social- och hälsovården. Hälsovården. Arbetshälsovården."),
}

Exporter = Callable[[Vocabulary], str]
Importer = Callable[[str, Vocabulary], ImportResult]
FORMATS: dict[str, tuple[Exporter, Importer]] = {
    "tbx": (export_tbx, lambda text, v: import_tbx(text, "x.tbx")),
    "skos-turtle": (export_skos, lambda text, v: import_skos(text, "x.ttl")),
    "skos-rdfxml": (lambda v: export_skos(v, "xml"), lambda text, v: import_skos(text, "x.rdf")),
    "csv": (export_csv, lambda text, v: import_csv(text, "x.csv", vocab_id=v.id)),
}


def findings(engine: Engine) -> list[tuple[str, Match]]:
    return [(lang, m) for lang, text in TEXTS.items() for m in engine.lint_text(text, lang)]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("name", VOCABS)
def test_round_trip_gives_the_same_findings(morphology: Morphology, name: str, fmt: str) -> None:
    original = load_vocabulary(bundled_files()[name])
    export, import_ = FORMATS[fmt]
    result = import_(export(original), original)
    assert result.warnings == []
    # What an import writes must load again through the ordinary loader.
    reloaded = parse_vocabulary("round-trip.yaml", dump_vocabulary(result.vocabulary))
    assert reloaded.id == original.id
    before = findings(build_engine([original], morphology=morphology))
    after = findings(build_engine([reloaded], morphology=morphology))
    assert before, "the test text must exercise the vocabulary"
    assert after == before
    statuses = {(t.language, t.text): t.status for c in original.concepts for t in c.terms}
    assert {(t.language, t.text): t.status for c in reloaded.concepts for t in c.terms} == statuses


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_round_trip_with_the_rules_of_other_files(morphology: Morphology, fmt: str) -> None:
    """thl-digi's exceptions must still shield the rules of thl-digi-rules after a round trip."""
    every = {v.id: v for v in load_bundled()}
    thl, rules = every["thl-digi"], every["thl-digi-rules"]
    export, import_ = FORMATS[fmt]
    again = parse_vocabulary("x.yaml", dump_vocabulary(import_(export(thl), thl).vocabulary))
    before = findings(build_engine([thl, rules], morphology=morphology))
    after = findings(build_engine([again, rules], morphology=morphology))
    assert after == before
    assert any(m.rule == "thl-digi/sahkoinen-palvelusana" for _, m in before)


def test_yaml_writer_round_trips_every_bundled_file_exactly() -> None:
    for name, path in bundled_files().items():
        original = load_vocabulary(path)
        again = parse_vocabulary(str(path), dump_vocabulary(original))
        strip = _without_lines
        assert strip(again) == strip(original), name


def _without_lines(vocab: Vocabulary) -> object:
    from dataclasses import replace

    return replace(
        vocab, line=None, names=tuple(replace(n, line=None) for n in vocab.names),
        concepts=tuple(replace(c, line=None, terms=tuple(replace(t, line=None) for t in c.terms),
                               examples=tuple(replace(e, line=None) for e in c.examples))
                       for c in vocab.concepts),
        rules=tuple(replace(r, line=None, examples=tuple(replace(e, line=None)
                                                         for e in r.examples))
                    for r in vocab.rules),
    )


def test_handwritten_tbx_v3_with_all_four_statuses() -> None:
    result = import_tbx((DATA / "handmade-v3.tbx").read_text(encoding="utf-8"),
                        str(DATA / "handmade-v3.tbx"))
    vocab = result.vocabulary
    assert vocab.id == "handmade-v3"
    assert vocab.title == "Ajanvarauksen sanasto (testi)"
    concept = vocab.concepts[0]
    assert concept.id == "c-001-digitaalinen-ajanvaraus"
    assert concept.source == "https://example.org/ajanvaraus#1 (ajanvaraussanasto, käsite 1)"
    assert concept.note == "Ajan varaaminen digitaalisen palvelun kautta."
    terms = {(t.language, t.text): t.status for t in concept.terms}
    assert terms == {
        ("fi", "digitaalinen ajanvaraus"): Status.PREFERRED,
        ("fi", "digiajanvaraus"): Status.ADMITTED,
        ("fi", "nettiajanvaraus"): Status.DEPRECATED,
        ("fi", "online-ajanvaraus"): Status.DEPRECATED,  # superseded: use the new term
        ("sv", "digital tidsbokning"): Status.PREFERRED,
    }
    assert next(t for t in concept.terms if t.text == "nettiajanvaraus").note == "Puhekielinen."
    # A concept without statuses gets its first term as preferred; one with only a deprecated
    # term cannot be used and is left out; both are reported.
    assert [c.id for c in vocab.concepts] == ["c-001-digitaalinen-ajanvaraus", "c-002"]
    assert vocab.concepts[1].terms[0].status is Status.PREFERRED
    assert len(result.warnings) == 2
    assert "c-003" in result.warnings[1]


def test_handwritten_tbx_imports_and_lints(morphology: Morphology) -> None:
    vocab = import_tbx((DATA / "handmade-v3.tbx").read_text(encoding="utf-8"), "t.tbx").vocabulary
    engine = build_engine([parse_vocabulary("t.yaml", dump_vocabulary(vocab))],
                          morphology=morphology)
    found = engine.lint_text("Varaa aika nettiajanvarauksesta.")
    assert [(m.rule, m.severity) for m in found] == [
        ("t/c-001-digitaalinen-ajanvaraus", Severity.WARNING)]
    assert found[0].suggestions[0] == "digitaalisesta ajanvarauksesta"


def test_handwritten_tbx_v2_martif_with_normative_authorization() -> None:
    vocab = import_tbx((DATA / "handmade-v2.tbx").read_text(encoding="utf-8"), "v2.tbx",
                       vocab_id="v2").vocabulary
    assert vocab.id == "v2"
    assert vocab.source == "Testisanasto"
    terms = [(t.text, t.status) for t in vocab.concepts[0].terms]
    assert terms == [("etävastaanotto", Status.PREFERRED), ("videovastaanotto", Status.ADMITTED),
                     ("nettivastaanotto", Status.DEPRECATED),
                     ("virtuaalivastaanotto", Status.DEPRECATED)]


def test_tbx_dct_style_status_elements() -> None:
    text = """<tbx type="TBX-Min" style="dct" xmlns="urn:iso:std:iso:30042:ed-2"
      xmlns:min="http://www.tbxinfo.net/ns/min"><text><body>
      <conceptEntry id="a"><langSec xml:lang="fi">
        <termSec><term>etäpalvelu</term>
          <min:administrativeStatus>preferredTerm-admn-sts</min:administrativeStatus></termSec>
        <termSec><term>kaukopalvelu</term>
          <min:administrativeStatus>deprecatedTerm-admn-sts</min:administrativeStatus></termSec>
      </langSec></conceptEntry></body></text></tbx>"""
    vocab = import_tbx(text, "dct.tbx").vocabulary
    assert [t.status for t in vocab.concepts[0].terms] == [Status.PREFERRED, Status.DEPRECATED]


@pytest.mark.parametrize("name", ["billion-laughs.tbx", "external-entity.tbx"])
def test_unsafe_xml_is_refused(name: str) -> None:
    with pytest.raises(VocabError, match="refused unsafe XML"):
        import_tbx((DATA / name).read_text(encoding="utf-8"), name)


def test_unsafe_rdf_xml_is_refused() -> None:
    text = (DATA / "billion-laughs.tbx").read_text(encoding="utf-8")
    with pytest.raises(VocabError, match="refused unsafe XML"):
        import_skos(text, "bomb.rdf")


def test_forbidden_and_narrower_survive_tbx_as_deprecated_plus_note() -> None:
    thl = load_vocabulary(bundled_files()["thl-digi"])
    text = export_tbx(thl)
    assert "<term>epalvelu</term>" in text
    assert "termlint: status=forbidden" in text
    assert "termlint: status=narrower" in text
    assert "preferredTerm-admn-sts" in text and "admittedTerm-admn-sts" in text


def test_plain_skos_labels_map_to_statuses() -> None:
    text = """
    @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    <http://example.org/c/etapalvelu> a skos:Concept ;
        skos:prefLabel "etäpalvelu"@fi ;
        skos:altLabel "etäasiointi"@fi ;
        skos:hiddenLabel "kaukopalvelu"@fi ;
        skos:prefLabel "distanstjänst"@sv .
    """
    result = import_skos(text, "plain.ttl")
    vocab = result.vocabulary
    assert vocab.id == "plain"
    concept = vocab.concepts[0]
    assert concept.id == "etapalvelu"
    # A hidden label is a search term (SKOS: found by search, never shown): it is never
    # flagged, and the import says it left it out (issue 17).
    assert {(t.language, t.text, t.status) for t in concept.terms} == {
        ("fi", "etäpalvelu", Status.PREFERRED), ("fi", "etäasiointi", Status.ADMITTED),
        ("sv", "distanstjänst", Status.PREFERRED)}
    assert result.skipped == {"skos:hiddenLabel (search term, never flagged)": 1}
    assert concept.source == "http://example.org/c/etapalvelu"


def test_skos_export_is_plain_skos_too() -> None:
    thl = load_vocabulary(bundled_files()["thl-digi"])
    text = export_skos(thl)
    assert 'skos:prefLabel "digitaalinen palvelu"@fi' in text
    assert 'skos:hiddenLabel "sähköinen palvelu"@fi' in text or \
        '"sähköinen palvelu"@fi' in text
    assert "urn:termlint:ns#" in text


def test_csv_with_semicolons_and_errors() -> None:
    text = ("Concept;Language;Term;Status;Match;Note;Source\n"
            "etäpalvelu;fi;etäpalvelu;preferred;;Oma huomautus;https://example.org/e\n"
            "etäpalvelu;fi;kaukopalvelu;deprecated;whole;;\n"
            ";fi;etäpalvelupiste;exception;;;\n")
    vocab = import_csv(text, "x.csv", vocab_id="x").vocabulary
    concept = vocab.concepts[0]
    assert concept.id == "etapalvelu"
    assert concept.note == "Oma huomautus"
    assert concept.source == "https://example.org/e"
    assert concept.terms[1].match == "whole"
    assert vocab.exceptions == ("etäpalvelupiste",)
    with pytest.raises(VocabError, match=r"x.csv:2: unknown status 'odd'"):
        import_csv("concept,term,status\na,b,odd\n", "x.csv")
    with pytest.raises(VocabError, match=r"needs a 'status' column"):
        import_csv("concept,term\na,b\n", "x.csv")


def test_csv_severities_become_vocabulary_and_concept_levels() -> None:
    text = ("concept,language,term,status,severity\n"
            "a,fi,digitaalinen palvelu,preferred,\n"
            "a,fi,sähköinen palvelu,deprecated,suggestion\n"
            "b,fi,digiasiointi,preferred,\n"
            "b,fi,verkkoasiointi,deprecated,suggestion\n"
            "b,fi,e-asiointi,forbidden,info\n")
    vocab = import_csv(text, "x.csv").vocabulary
    assert vocab.severity == {Status.DEPRECATED: Severity.SUGGESTION, Status.FORBIDDEN:
                              Severity.INFO}
