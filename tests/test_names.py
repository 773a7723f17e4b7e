"""Names are not terms: act titles and the project's own names are never flagged inside, in
any inflection and citation frame; a flagged term just outside a name still is.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from termlint.api import build_engine, lint_text
from termlint.config import ConfigError, load
from termlint.engine import Engine, snapshot
from termlint.engine.names import compile_name, head_index
from termlint.morphology import Morphology
from termlint.vocab import load_bundled
from termlint.vocab.loader import parse_vocabulary
from termlint.vocab.schema import VocabError
from termlint.vocab.validate import validate_vocabulary
from termlint.vocab.yamlio import dump_vocabulary
from tests.cli_helpers import run_cli

ASIOINTI = "thl-digi/digitaalinen-asiointi"
PALVELU = "thl-digi/digitaalinen-palvelu"
MODIFIER = "thl-digi/sahkoinen-palvelusana"


def found(engine: Engine, text: str) -> list[tuple[str, str]]:
    return [(f.text, f.rule) for f in lint_text(text, engine=engine)]


@pytest.fixture(scope="module")
def names_only(morphology: Morphology) -> Engine:
    """The bundled vocabularies with every exception removed: what stays silent here is
    silenced by a bundled *name* alone (*sähköinen luottamuspalvelu* is also an exception)."""
    vocabularies = [replace(v, exceptions=(), concepts=tuple(
        replace(c, exceptions=()) for c in v.concepts)) for v in load_bundled() if v.default]
    return build_engine(vocabularies, morphology=morphology)


@pytest.fixture(scope="module")
def no_names(morphology: Morphology) -> Engine:
    """The same without names and exceptions: the control that shows what names silence."""
    vocabularies = [replace(v, names=(), exceptions=(), concepts=tuple(
        replace(c, exceptions=()) for c in v.concepts)) for v in load_bundled() if v.default]
    return build_engine(vocabularies, morphology=morphology)


CITED = [
    # 13/2003, laki sähköisestä asioinnista viranomaistoiminnassa
    "Laki sähköisestä asioinnista viranomaistoiminnassa (13/2003) tuli voimaan helmikuussa.",
    "Tiedot käsitellään sähköisestä asioinnista viranomaistoiminnassa annetun lain (13/2003) "
    "mukaisesti.",
    "Päätös annetaan tiedoksi laissa sähköisestä asioinnista viranomaistoiminnassa säädetyllä "
    "tavalla.",
    "Sähköisestä asioinnista viranomaistoiminnassa annetussa laissa säädetään tiedoksiannosta.",
    "Lain sähköisestä asioinnista viranomaistoiminnassa mukaan asiakirja on toimitettava ajoissa.",
    "Sähköisestä asioinnista viranomaistoiminnassa annettu laki koskee kaikkia viranomaisia.",
    "Hakemukseen sovelletaan, mitä sähköisestä asioinnista viranomaistoiminnassa (13/2003) "
    "säädetään.",
    "Kunta noudattaa lakia sähköisestä asioinnista viranomaistoiminnassa.",
    # 617/2009, laki vahvasta sähköisestä tunnistamisesta ja sähköisistä luottamuspalveluista
    "Laki vahvasta sähköisestä tunnistamisesta ja sähköisistä luottamuspalveluista (617/2009) "
    "uudistettiin.",
    "Vahvasta sähköisestä tunnistamisesta ja sähköisistä luottamuspalveluista annetun lain "
    "mukaan tunnistuspalvelun tarjoaja vastaa virheistä.",
    "Tunnistus tehdään lain vahvasta sähköisestä tunnistamisesta ja sähköisistä "
    "luottamuspalveluista mukaisesti.",
    "Asiasta säädetään laissa vahvasta sähköisestä tunnistamisesta ja sähköisistä "
    "luottamuspalveluista.",
    "Tunnistusvälineestä säädetään vahvasta sähköisestä tunnistamisesta ja sähköisistä "
    "luottamuspalveluista (617/2009).",
]


@pytest.mark.parametrize("text", CITED)
def test_a_cited_act_is_not_flagged_inside(names_only: Engine, no_names: Engine,
                                           text: str) -> None:
    assert found(no_names, text), "the act's title holds a flagged term"
    assert found(names_only, text) == []


@pytest.mark.parametrize("text", CITED)
def test_bundled_defaults_are_silent_on_cited_acts(engine: Engine, text: str) -> None:
    assert found(engine, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # a flagged term just outside the name is still flagged
    ("Laki sähköisestä asioinnista viranomaistoiminnassa koskee myös sähköisiä palveluja.",
     [("sähköisiä palveluja", PALVELU)]),
    ("Sähköinen asiointi perustuu sähköisestä asioinnista viranomaistoiminnassa annettuun "
     "lakiin.", [("Sähköinen asiointi", ASIOINTI)]),
    # the title's words without a citation frame are a use of the term
    ("Sähköisestä asioinnista viranomaistoiminnassa puhutaan paljon.",
     [("Sähköisestä asioinnista", ASIOINTI)]),
    # another act's number is no citation of this one
    ("Hakemukseen sovelletaan, mitä sähköisestä asioinnista viranomaistoiminnassa (14/2003) "
     "säädetään.", [("sähköisestä asioinnista", ASIOINTI)]),
    # a title cut short is not the name
    ("Laki sähköisestä asioinnista tuli voimaan.", [("sähköisestä asioinnista", ASIOINTI)]),
    # the title's words in another order are not the name
    ("Laki viranomaistoiminnassa sähköisestä asioinnista tuli voimaan.",
     [("sähköisestä asioinnista", ASIOINTI)]),
    # a number beyond a sentence end cites nothing
    ("Kerromme sähköisestä asioinnista viranomaistoiminnassa. (13/2003) on lain numero.",
     [("sähköisestä asioinnista", ASIOINTI)]),
    ("Tarjoamme sähköisiä palveluja, ja laki vahvasta sähköisestä tunnistamisesta ja "
     "sähköisistä luottamuspalveluista pätee.", [("sähköisiä palveluja", PALVELU)]),
])
def test_terms_outside_a_name_are_flagged(names_only: Engine, text: str,
                                          expected: list[tuple[str, str]]) -> None:
    assert found(names_only, text) == expected


def test_legal_term_sahkoinen_luottamuspalvelu_is_an_exception(engine: Engine) -> None:
    assert found(engine, "Kunta ostaa sähköisiä luottamuspalveluita.") == []
    assert found(engine, "Sähköiset luottamuspalvelut ovat eIDAS-asetuksen käsite.") == []
    # the exception covers that phrase only
    assert found(engine, "Kunta ostaa sähköisiä palveluita.") == [
        ("sähköisiä palveluita", PALVELU)]


def test_head_is_the_word_that_inflects(morphology: Morphology) -> None:
    assert head_index(morphology, "laki sähköisestä asioinnista viranomaistoiminnassa") == 0
    assert head_index(morphology, "Sähköisen asioinnin tukipalvelu") == 2
    assert head_index(morphology, "valtioneuvoston asetus sähköisestä asioinnista") == 1


def test_an_act_compiles_to_three_frames_and_a_plain_name_to_one(
        morphology: Morphology) -> None:
    act = compile_name(morphology, "laki sähköisestä asioinnista viranomaistoiminnassa",
                       "13/2003")
    assert [[s.role for s in phrase] for phrase in act] == [
        ["head", "fixed", "fixed", "fixed"],
        ["fixed", "fixed", "fixed", "agree", "head"],
        ["fixed", "fixed", "fixed", "after"],
    ]
    assert act[2][-1].case == "13/2003"
    assert len(compile_name(morphology, "Sähköisen asioinnin tukipalvelu")) == 1


def test_names_survive_a_snapshot(morphology: Morphology) -> None:
    text = "Asiaan sovelletaan sähköisestä asioinnista viranomaistoiminnassa (13/2003) säädettyä."
    built = build_engine(morphology=morphology)
    patterns, exceptions = snapshot.load(json.loads(json.dumps(
        snapshot.dump(*built.compiled("fi")))))
    again = Engine(load_bundled, morphology=morphology, compiled={"fi": (patterns, exceptions)},
                   languages=built.languages)
    assert found(again, text) == []
    assert found(again, text.replace("13/2003", "13/2004")) == [
        ("sähköisestä asioinnista", ASIOINTI)]


def test_own_names_are_compiled_with_the_vocabularies(morphology: Morphology) -> None:
    text = "Ota yhteyttä sähköisen asioinnin tukipalveluun."
    assert found(build_engine(morphology=morphology), text) == [
        ("sähköisen asioinnin", ASIOINTI)]
    own = build_engine(morphology=morphology, names=["Sähköisen asioinnin tukipalvelu"])
    assert found(own, text) == []
    assert found(own, "Sähköisen asioinnin tukipalvelu neuvoo sähköisessä asioinnissa.") == [
        ("sähköisessä asioinnissa", ASIOINTI)]


# -- the vocabulary format ------------------------------------------------------------------------


def test_names_load_as_text_or_mapping() -> None:
    vocab = parse_vocabulary("v.yaml", (
        "id: v\n"
        "names:\n"
        "  - Omaolo-palvelu\n"
        "  - name: laki   sähköisestä asioinnista viranomaistoiminnassa\n"
        "    number: 13/2003\n"
        "    source: https://www.finlex.fi/fi/laki/alkup/2003/20030013\n"
        "exceptions:\n"
        "  - sähköinen laite\n"
        "  - {text: sähköinen luottamuspalvelu, source: https://example.org/eidas}\n"))
    assert [(n.text, n.number, n.line) for n in vocab.names] == [
        ("Omaolo-palvelu", None, 3),
        ("laki sähköisestä asioinnista viranomaistoiminnassa", "13/2003", 4)]
    assert vocab.names[1].source == "https://www.finlex.fi/fi/laki/alkup/2003/20030013"
    assert vocab.exceptions == ("sähköinen laite", "sähköinen luottamuspalvelu")
    assert vocab.exception_sources == {
        "sähköinen luottamuspalvelu": ("https://example.org/eidas", None)}
    again = parse_vocabulary("v.yaml", dump_vocabulary(vocab))
    assert again.names == tuple(replace(n, line=m.line) for n, m in zip(
        vocab.names, again.names, strict=True))
    assert again.exception_sources == vocab.exception_sources


@pytest.mark.parametrize(("text", "line", "message"), [
    ("id: v\nnames: laki\n", 1, "'names' must be a list"),
    ("id: v\nnames:\n  - {name: laki x, number: 13-2003}\n", 3, "must look like 13/2003"),
    ("id: v\nnames:\n  - {name: laki x, year: 2003}\n", 3, "unknown key 'year'"),
    ("id: v\nnames:\n  - {number: 13/2003}\n", 3, "needs 'name'"),
    ("id: v\nnames:\n  - '--'\n", 3, "has no word to match"),
    ("id: v\nexceptions:\n  - {text: sähköinen laite, url: x}\n", 3, "unknown key 'url'"),
])
def test_bad_names_are_reported_with_their_line(text: str, line: int, message: str) -> None:
    with pytest.raises(VocabError) as caught:
        parse_vocabulary("v.yaml", text)
    assert caught.value.line == line
    assert message in caught.value.message


def test_validate_reports_duplicate_names_and_acts_without_source(
        morphology: Morphology) -> None:
    vocab = parse_vocabulary("v.yaml", (
        "id: v\n"
        "names:\n"
        "  - {name: laki sähköisestä asioinnista viranomaistoiminnassa, number: 13/2003}\n"
        "  - Laki sähköisestä asioinnista viranomaistoiminnassa\n"
        "  - Qwzxq ohjelma\n"))
    problems = [(p.line, p.level, p.message) for p in validate_vocabulary(
        vocab, {"fi": morphology})]
    assert (3, "warning", "name 'laki sähköisestä asioinnista viranomaistoiminnassa' "
                          "(13/2003) cites no 'source'; give the act's Finlex address") in problems
    assert any(line == 4 and level == "error" and "duplicate name" in message
               for line, level, message in problems)
    assert any(line == 5 and "cannot read 'Qwzxq" in message
               for line, _, message in problems)


def test_bundled_names_cite_finlex() -> None:
    names = [n for v in load_bundled() for n in v.names]
    assert {n.number for n in names} >= {"13/2003", "617/2009"}
    assert all(n.source and "finlex.fi" in n.source for n in names)


# -- config ----------------------------------------------------------------------------------------


def test_config_names_are_read_and_checked(tmp_path: Path) -> None:
    config = tmp_path / ".termlint.yaml"
    config.write_text("names:\n  - Sähköisen  asioinnin tukipalvelu\n", encoding="utf-8")
    assert load(config).names == ("Sähköisen asioinnin tukipalvelu",)
    config.write_text("names: {a: b}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'names' must be a list of strings"):
        load(config)
    config.write_text("names:\n  - ok\n  - '!!'\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load(config)
    assert caught.value.line == 3


def test_check_honours_the_configs_names(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Sähköisen asioinnin tukipalvelu auttaa.\nSähköinen asiointi on helppoa.\n",
        encoding="utf-8")
    code, out, _ = run_cli(["check", "--format", "json", "--isolated", "a.txt"], cwd=tmp_path)
    assert [f["line"] for f in json.loads(out)["findings"]] == [1, 2]
    (tmp_path / ".termlint.yaml").write_text(
        "names: [Sähköisen asioinnin tukipalvelu]\n", encoding="utf-8")
    code, out, _ = run_cli(["check", "--format", "json", "a.txt"], cwd=tmp_path)
    assert code == 1
    assert [(f["line"], f["text"]) for f in json.loads(out)["findings"]] == [
        (2, "Sähköinen asiointi")]
