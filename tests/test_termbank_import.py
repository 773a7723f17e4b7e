"""Term-bank imports (issue 17): THL Termed JSON/CSV/Turtle, Sanastot SKOS-XL and Termed-era
JSON, NTRF. Each hand-written fixture imports into a file that validation accepts and that
finds the deprecated terms of a Finnish text in their inflected forms, leaves the search terms
silent, and gives the same findings after a TBX, SKOS or CSV round trip."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from termlint.api import build_engine
from termlint.model import Severity
from termlint.morphology import Morphology, WordAnalyzer
from termlint.morphology.swedish import SwedishMorphology
from termlint.vocab import VocabError, Vocabulary, load_vocabulary
from termlint.vocab.csvio import export_csv
from termlint.vocab.importer import Origin, default_statuses, run_import
from termlint.vocab.skos import export_skos
from termlint.vocab.tbx import export_tbx
from termlint.vocab.termbank import Options, parse_map, parse_statuses
from termlint.vocab.validate import ERROR, validate_vocabulary

DATA = Path(__file__).parent / "data" / "termbank"
TEXT = (DATA / "teksti.md").read_text(encoding="utf-8")

#: (format, fixture, status of *epalvelu*): THL's deprecatedLabel and NTRF's DTEB are
#: forbidden, Sanastot's not-recommended synonym deprecated.
FIXTURES = [
    ("termed", "thl-node-trees.json", "forbidden"),
    ("termed", "thl-dump.json", "forbidden"),
    ("termed", "thl-plain.csv", "forbidden"),
    ("termed", "thl-translation.csv", "forbidden"),
    ("termed", "thl-nodes.ttl", "forbidden"),
    ("sanastot", "yti-termed.json", "deprecated"),
    ("sanastot", "sanastot.ttl", "deprecated"),
    ("sanastot", "sanastot.rdf", "deprecated"),
    ("ntrf", "ntrf.xml", "forbidden"),
]
#: The term bank's own id of the first concept, which its imported source must keep.
SOURCE = {
    "thl-node-trees.json": "https://sanasto.example.org/sote/digitaalinen-palvelu",
    "thl-dump.json": "https://sanasto.example.org/sote/digitaalinen-palvelu",
    "thl-plain.csv": "https://sanasto.example.org/sote/digitaalinen-palvelu",
    "thl-translation.csv": "6f1d2c8a-0b3e-4e55-9d0a-1a2b3c4d5e01",
    "thl-nodes.ttl": "https://sanasto.example.org/sote/digitaalinen-palvelu",
    "yti-termed.json": "http://uri.suomi.fi/terminology/testi/c1",
    "sanastot.ttl": "https://iri.suomi.fi/terminology/testisanasto/c12",
    "sanastot.rdf": "https://iri.suomi.fi/terminology/testisanasto/c12",
    "ntrf.xml": "ntrf.xml#c12",
}
LEVEL = {"forbidden": Severity.ERROR, "deprecated": Severity.WARNING}


@pytest.fixture(scope="module")
def analyzers(morphology: Morphology) -> dict[str, WordAnalyzer]:
    return {"fi": morphology, "sv": SwedishMorphology()}


def do_import(fmt: str, name: str, analyzers: Mapping[str, WordAnalyzer],
              roles: tuple[str, ...] = (), statuses: str | None = None,
              tmp: Path | None = None) -> Vocabulary:
    from termlint.vocab.importer import roles_of

    path = DATA / name
    options = Options(roles=parse_map(roles, roles_of(fmt)),
                      statuses=parse_statuses(statuses, default_statuses(fmt)))
    imported = run_import(path.read_text(encoding="utf-8"), Origin(str(path), path.read_bytes()),
                          fmt, options, analyzers, "imported.yaml")
    if tmp is not None:
        (tmp / "imported.yaml").write_text(imported.yaml_text, encoding="utf-8")
    return imported.result.vocabulary


def found(vocab: Vocabulary, morphology: Morphology) -> list[tuple[str, str, Severity, str]]:
    """(rule, matched text, severity, first suggestion) of every finding in the test text."""
    engine = build_engine([vocab], morphology=morphology)
    return [(m.rule, TEXT[m.start:m.end], m.severity, m.suggestions[0] if m.suggestions else "")
            for m in engine.lint_text(TEXT, "fi")]


@pytest.mark.parametrize("fmt, name, epalvelu", FIXTURES)
def test_fixture_imports_valid_and_finds_inflected_terms(
        fmt: str, name: str, epalvelu: str, morphology: Morphology,
        analyzers: dict[str, WordAnalyzer], tmp_path: Path) -> None:
    vocab = do_import(fmt, name, analyzers, tmp=tmp_path)
    # The written file passes validation, loaded as `vocab validate` loads it.
    written = load_vocabulary(tmp_path / "imported.yaml")
    assert [p for p in validate_vocabulary(written, analyzers) if p.level == ERROR] == []
    # Readable ids from the preferred term; the term bank's id kept as the source.
    by_id = {c.id: c for c in vocab.concepts}
    assert {"digitaalinen-palvelu", "etavastaanotto"} <= set(by_id)
    assert SOURCE[name] in (by_id["digitaalinen-palvelu"].source or "")
    findings = found(vocab, morphology)
    rules = {(rule.split("/", 1)[1], text, severity) for rule, text, severity, _ in findings}
    assert rules == {
        ("digitaalinen-palvelu", "sähköisissä palveluissa", Severity.WARNING),
        ("etavastaanotto", "virtuaalivastaanotolle", Severity.WARNING),
        ("digitaalinen-palvelu", "epalveluun", LEVEL[epalvelu]),
    }
    fixes = {text: fix for _, text, _, fix in findings}
    assert fixes["sähköisissä palveluissa"] == "digitaalisissa palveluissa"
    assert fixes["virtuaalivastaanotolle"] == "etävastaanotolle"
    # The search terms (verkkopalvelu, etälääkäri) are in the text and stay silent.
    assert not any("erkkopalvelu" in t or "etälääkäri" in t for _, t, _, _ in findings)


@pytest.mark.parametrize("fmt, name, role", [
    ("sanastot", "sanastot.ttl", "hiddenLabel"), ("sanastot", "yti-termed.json", "searchTerm"),
    ("ntrf", "ntrf.xml", "STE")])
def test_search_terms_are_silent_only_because_of_the_mapping(
        fmt: str, name: str, role: str, morphology: Morphology,
        analyzers: dict[str, WordAnalyzer]) -> None:
    """Mapped to deprecated on purpose, the same search term is found: the silence above is
    the mapping's doing, not a text that cannot match."""
    vocab = do_import(fmt, name, analyzers, roles=(f"{role}=deprecated",))
    assert any(text == "Verkkopalvelussa" for _, text, _, _ in found(vocab, morphology))


@pytest.mark.parametrize("fmt, name", [(f, n) for f, n, _ in FIXTURES])
@pytest.mark.parametrize("export", ["tbx", "skos", "csv"])
def test_round_trip_through_tbx_skos_csv_gives_the_same_findings(
        fmt: str, name: str, export: str, morphology: Morphology,
        analyzers: dict[str, WordAnalyzer]) -> None:
    vocab = do_import(fmt, name, analyzers)
    text = {"tbx": export_tbx, "skos": export_skos, "csv": export_csv}[export](vocab)
    origin = Origin(f"again.{ 'ttl' if export == 'skos' else export}", text.encode())
    again = run_import(text, origin, export, Options(vocab_id=vocab.id), analyzers,
                       "again.yaml").result.vocabulary
    before = found(vocab, morphology)
    assert before
    assert found(again, morphology) == before


def test_thl_mapping_is_configurable(morphology: Morphology,
                                     analyzers: dict[str, WordAnalyzer]) -> None:
    vocab = do_import("termed", "thl-dump.json", analyzers,
                      roles=("avoidableLabel=forbidden", "deprecatedLabel=deprecated"))
    levels = {text: severity for _, text, severity, _ in found(vocab, morphology)}
    assert levels["sähköisissä palveluissa"] is Severity.ERROR
    assert levels["epalveluun"] is Severity.WARNING
    with pytest.raises(ValueError, match="ROLE one of"):
        parse_map(["hakutermi=deprecated"], ["prefLabel"])
    with pytest.raises(ValueError, match="unknown status"):
        parse_map(["prefLabel=kielletty"], ["prefLabel"])


def test_status_filters(analyzers: dict[str, WordAnalyzer]) -> None:
    # Sanastot: VALID by default, so the draft concept and the draft synonym stay out.
    ids = {c.id: c for c in do_import("sanastot", "sanastot.ttl", analyzers).concepts}
    assert set(ids) == {"digitaalinen-palvelu", "etavastaanotto"}
    assert "etäkäynti" not in {t.text for t in ids["etavastaanotto"].terms}
    every = {c.id: c for c in do_import("sanastot", "sanastot.ttl", analyzers,
                                        statuses="all").concepts}
    assert set(every) == {"digitaalinen-palvelu", "etavastaanotto", "asiakasmaksu"}
    assert "etäkäynti" in {t.text for t in every["etavastaanotto"].terms}
    # Termed: every status by default; a Status node's code filters (resolved by id).
    assert len(do_import("termed", "thl-dump.json", analyzers).concepts) == 3
    only = do_import("termed", "thl-dump.json", analyzers, statuses="recommended")
    assert [c.id for c in only.concepts] == ["digitaalinen-palvelu", "etavastaanotto"]


def test_what_is_not_understood_is_counted(analyzers: dict[str, WordAnalyzer]) -> None:
    from termlint.vocab.importer import read

    def report(fmt: str, name: str) -> tuple[dict[str, int], dict[str, int]]:
        path = DATA / name
        result = read(path.read_text(encoding="utf-8"), str(path), fmt,
                      Options(statuses=default_statuses(fmt)), None)
        return dict(result.unknown), dict(result.skipped)

    assert report("sanastot", "sanastot.ttl") == (
        {"concept ex:internalCode": 1, "label ex:reviewer": 1},
        {"concept with status DRAFT": 1, "hiddenLabel (never flagged)": 2,
         "term with status DRAFT": 1})
    unknown, skipped = report("ntrf", "ntrf.xml")
    assert unknown == {"LANG/KUVA": 1, "RECORD@type": 1, "term role ACRO": 1}
    assert skipped == {"DEVREC (a development version of the record)": 1,
                       "DTE with an equivalence marker (never flagged)": 1,
                       "STE (never flagged)": 2}
    assert report("termed", "thl-node-trees.json")[0] == {"properties.conceptNumber": 1}
    assert report("termed", "thl-plain.csv")[0] == {"column properties.conceptNumber": 1}
    assert report("termed", "thl-nodes.ttl")[0] == {"textAttributes/conceptNumber": 1}
    assert report("sanastot", "yti-termed.json") == (
        {}, {"concept with status DRAFT": 1, "hiddenTerm (never flagged)": 1,
             "searchTerm (never flagged)": 1})


def test_equivalence_is_kept_never_turned_into_a_direction(
        analyzers: dict[str, WordAnalyzer]) -> None:
    for fmt, name, marker in [("sanastot", "sanastot.ttl", "CLOSE"),
                              ("ntrf", "ntrf.xml", "near-equivalent"),
                              ("sanastot", "yti-termed.json", "~")]:
        vocab = do_import(fmt, name, analyzers)
        swedish = [t for c in vocab.concepts for t in c.terms if t.language == "sv"]
        assert [(t.text, t.status.value) for t in swedish] == [("digital tjänst", "preferred")]
        assert f": {marker} " in (swedish[0].note or "")
        assert not any(t.status.value == "narrower" for c in vocab.concepts for t in c.terms)


def test_skos_import_reads_a_sanastot_export(analyzers: dict[str, WordAnalyzer]) -> None:
    """The plain SKOS import on a Sanastot export: concepts without rdf:type are found, labels
    are their text (not urn:uuid addresses), the not-recommended synonym is deprecated and the
    search term is left out (issue 17: before, 0 concepts)."""
    vocab = do_import("skos", "sanastot.ttl", analyzers)
    terms = {(t.text, t.status.value) for c in vocab.concepts for t in c.terms}
    assert len(vocab.concepts) == 3
    assert not any(text.startswith("urn:") for text, _ in terms)
    assert ("sähköinen palvelu", "deprecated") in terms
    assert ("virtuaalivastaanotto", "deprecated") in terms
    assert not any(text in ("verkkopalvelu", "etälääkäri") for text, _ in terms)
    assert vocab.concepts[0].source == "https://iri.suomi.fi/terminology/testisanasto/c12"


def test_import_settles_what_validation_would_reject(analyzers: dict[str, WordAnalyzer]) -> None:
    """A CSV whose terms clash across concepts, with no sources, still imports valid."""
    text = ("concept,language,term,status\n"
            "a,fi,digitaalinen palvelu,preferred\n"
            "a,fi,sähköinen palvelu,deprecated\n"
            "b,fi,sähköinen palvelu,preferred\n"
            "b,fi,verkkopalvelu,deprecated\n"
            "c,fi,etävastaanotto,preferred\n"
            "c,fi,verkkopalvelu,forbidden\n")
    imported = run_import(text, Origin("clash.csv", text.encode()), "csv", Options(), analyzers,
                          "clash.yaml")
    vocab = imported.result.vocabulary
    assert [p for p in validate_vocabulary(vocab, analyzers) if p.level == ERROR] == []
    flagged = {(c.id, t.text) for c in vocab.concepts for t in c.terms if t.status.flagged}
    assert flagged == {("b", "verkkopalvelu")}
    assert all(c.source == "clash.csv" for c in vocab.concepts if c.id == "b")
    assert len(imported.settled) == 3


def test_ntrf_refuses_entities() -> None:
    text = ('<?xml version="1.0"?><!DOCTYPE VOCABULARY [<!ENTITY x "palvelu">]>'
            '<VOCABULARY><RECORD numb="1"><LANG value="fi"><TE><TERM>&x;</TERM></TE></LANG>'
            '</RECORD></VOCABULARY>')
    from termlint.vocab.ntrf import import_ntrf

    with pytest.raises(VocabError, match="refused unsafe XML"):
        import_ntrf(text, "evil.xml", Options())
    with pytest.raises(VocabError, match="not an NTRF file"):
        import_ntrf("<martif/>", "x.xml", Options())


def test_command_line_reports_and_refuses(tmp_path: Path) -> None:
    from tests.cli_helpers import run_cli

    out = tmp_path / "ntrf.yaml"
    code, _, err = run_cli(["vocab", "import", "--from", "ntrf", str(DATA / "ntrf.xml"),
                            "-o", str(out)])
    assert code == 0, err
    assert "not understood, left out: LANG/KUVA ×1, RECORD@type ×1, term role ACRO ×1" in err
    assert "3 concepts imported as 'ntrf'" in err
    code, _, err = run_cli(["vocab", "import", "--from", "ntrf", str(DATA / "ntrf.xml"),
                            "--map", "ACRO=admitted", "-o", str(out)])
    assert code == 0 and "term role ACRO" not in err
    assert "{term: EVO, status: admitted}" in out.read_text(encoding="utf-8")
    for args, message in [
        (["--from", "ntrf", "--map", "TE=kielletty"], "unknown status 'kielletty'"),
        (["--from", "tbx", "--map", "TE=preferred"], "--map applies to term-bank formats"),
        (["--from", "termed", "--map", "avoidableLabel"], "expected ROLE=STATUS"),
    ]:
        code, _, err = run_cli(["vocab", "import", *args, str(DATA / "ntrf.xml"),
                                "-o", str(tmp_path / "no.yaml")])
        assert (code, err.count("\n")) == (2, 1) and message in err, err
    assert not (tmp_path / "no.yaml").exists()
    code, _, err = run_cli(["vocab", "import", "-o", str(tmp_path / "no.yaml")])
    assert code == 2 and "give either an input file or --url" in err


def test_term_bank_options_are_refused_elsewhere(tmp_path: Path) -> None:
    from tests.cli_helpers import run_cli

    for args, message in [
        (["--from", "tbx", "--status", "VALID"], "--status applies to term-bank formats"),
        (["--from", "termed", "--graph", "g"], "--graph goes with --from termed --url"),
    ]:
        code, _, err = run_cli(["vocab", "import", *args, str(DATA / "ntrf.xml"),
                                "-o", str(tmp_path / "no.yaml")])
        assert (code, err.count("\n")) == (2, 1) and message in err, err


def test_a_language_with_nothing_to_recommend_is_reported(
        analyzers: dict[str, WordAnalyzer]) -> None:
    text = ('<VOCABULARY><RECORD numb="k1"><LANG value="sv"><TE><TERM>digital tjänst</TERM>'
            '</TE></LANG><LANG value="fi"><DTEA><TERM>sähköinen palvelu</TERM></DTEA></LANG>'
            '</RECORD></VOCABULARY>')
    imported = run_import(text, Origin("k.xml", text.encode()), "ntrf", Options(), analyzers,
                          "k.yaml")
    assert imported.result.warnings == [
        "concept 'k1': flags fi terms but has no fi term to recommend; its findings suggest "
        "nothing"]


def test_bad_input_is_one_clear_error() -> None:
    from termlint.vocab.sanastot import import_sanastot
    from termlint.vocab.termed import import_termed

    rdf = ('<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">&x;</rdf:RDF>')
    with pytest.raises(VocabError, match="refused unsafe XML"):
        import_sanastot(rdf, "evil.rdf", Options())
    with pytest.raises(VocabError, match=r"^bad.json:2: invalid JSON"):
        import_termed('{"nodes": [\n', "bad.json", Options())
    with pytest.raises(VocabError, match="not a Termed export"):
        import_termed('"text"', "text.json", Options())
    with pytest.raises(VocabError, match=r"no concept to import \(concept with status DRAFT: 1"):
        import_sanastot((DATA / "sanastot.ttl").read_text(encoding="utf-8"), "s.ttl",
                        Options(statuses=frozenset({"RETIRED"})))


def test_a_termed_dump_is_named_after_its_graph() -> None:
    """A dump names its graph: the vocabulary takes the graph's code and title, so that two
    graphs fetched with --url do not both import as 'termed' (found trying the flow as a
    vendor would)."""
    from termlint.vocab.importer import read, roles_of

    path = DATA / "thl-dump.json"
    text = path.read_text(encoding="utf-8")
    options = Options(roles=parse_map((), roles_of("termed")),
                      statuses=parse_statuses(None, default_statuses("termed")))
    for name in (str(path), "https://termed.example.fi/api/graphs/g/dump"):
        vocabulary = read(text, name, "termed", options, "json").vocabulary
        assert (vocabulary.id, vocabulary.title) == ("sote", "Testisanasto")
    chosen = Options(roles=options.roles, statuses=options.statuses, vocab_id="oma",
                     title="Oma sanasto")
    vocabulary = read(text, str(path), "termed", chosen, "json").vocabulary
    assert (vocabulary.id, vocabulary.title) == ("oma", "Oma sanasto")
    # A node listing names no graph: the file's name, as before.
    listing = read((DATA / "thl-node-trees.json").read_text(encoding="utf-8"),
                   str(DATA / "thl-node-trees.json"), "termed", options, "json").vocabulary
    assert (listing.id, listing.title) == ("thl-node-trees", "")
