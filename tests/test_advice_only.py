"""Issue 15/17, round 2: a term the vocabulary marks ``fix: false`` is advice only.

A ``deprecated`` term whose preferred term is not a synonym in every context (a unit's proper
name, *hyvinvointikeskus*; a word wrong in one meaning only, *verkko-osoite*) keeps its finding
and its suggestion in every report, and nothing ever applies it: ``--fix`` leaves the file
byte for byte as it was, ``--diff`` shows no change, SARIF carries no ``fixes`` and JSON's
``suggestion_is_fix`` is all false. A narrower term's message comes from its own entry.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from termlint.engine import Engine, snapshot
from termlint.engine.fixability import may_fix
from termlint.engine.patterns import compile_vocabulary
from termlint.engine.suggest import keep_term_case
from termlint.model import Status
from termlint.morphology import Morphology
from termlint.report import REPORTERS
from termlint.vocab import VocabError, bundled_files, load_vocabulary, parse_vocabulary
from termlint.vocab.csvio import export_csv, import_csv
from termlint.vocab.skos import export_skos, import_skos
from termlint.vocab.tbx import export_tbx, import_tbx
from termlint.vocab.yamlio import dump_vocabulary
from tests.cli_helpers import run_cli

VOCAB = """\
id: proj
source: https://example.org/sanasto
concepts:
  - id: asiakirja
    source: https://example.org/asiakirja
    terms:
      fi:
        - {term: asiakirja, status: preferred}
        - {term: dokumentti, status: deprecated, fix: false}
        - {term: paperi, status: deprecated}
        - {term: lomake, status: narrower}
        - term: liite
          status: narrower
          message: "'liite' is one kind of document; keep it for an attachment"
"""

#: CRLF line ends, a trailing space and no final newline: any rewrite would show.
ADVICE_TEXT = "Lähetä dokumentti tänään. \r\nDokumentti on valmis."


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "proj.yaml").write_text(VOCAB, encoding="utf-8")
    (tmp_path / "advice.txt").write_bytes(ADVICE_TEXT.encode("utf-8"))
    (tmp_path / "fix.txt").write_text("Täytä paperi huolella.\n", encoding="utf-8")
    return tmp_path


def check(project: Path, name: str, *args: str) -> tuple[int, str]:
    code, out, _ = run_cli(["check", "--vocab", str(project / "proj.yaml"), *args,
                            str(project / name)])
    return code, out


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_advice_only_is_reported_with_its_suggestion_in_every_format(project: Path,
                                                                     fmt: str) -> None:
    code, out = check(project, "advice.txt", "--format", fmt)
    assert code == 1, out  # a deprecated term is a warning: the run fails as before
    assert "dokumentti" in out.lower() and "asiakirja" in out.lower()
    if fmt == "text":
        assert "= suggestion: asiakirja (not applied by --fix: check that it fits)" in out
        assert "= fix:" not in out and "fixable with --fix" not in out
        assert "consider 'asiakirja' if it fits" in out  # not "use": it is advice
    elif fmt == "json":
        found = json.loads(out)["findings"]
        assert len(found) == 2
        for finding in found:
            assert finding["suggestions"][0].lower() == "asiakirja"
            assert finding["fixable"] is False
            assert finding["suggestion_is_fix"] == [False] * len(finding["suggestions"])
    elif fmt == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        assert len(results) == 2 and not any("fixes" in r for r in results)


def test_fix_and_diff_leave_advice_only_byte_identical(project: Path) -> None:
    before = (project / "advice.txt").read_bytes()
    _, diff = check(project, "advice.txt", "--diff")
    assert not any(line.startswith(("+", "@@")) for line in diff.splitlines()), diff
    for _ in range(2):  # the second run reads the compiled snapshot and the match store
        check(project, "advice.txt", "--fix")
        assert (project / "advice.txt").read_bytes() == before


def test_the_same_status_without_fix_false_is_still_fixed(project: Path) -> None:
    """The control: ``fix: false`` is what stops the fix, not the status or the word."""
    check(project, "fix.txt", "--fix")
    assert (project / "fix.txt").read_text(encoding="utf-8") == "Täytä asiakirja huolella.\n"


def test_narrower_message_comes_from_the_entry(project: Path) -> None:
    (project / "n.txt").write_text("Täytä lomake. Avaa liite.\n", encoding="utf-8")
    _, out = check(project, "n.txt", "--format", "json")
    messages = [f["message"] for f in json.loads(out)["findings"]]
    assert messages == [
        "'lomake' names a narrower concept; keep it where you mean that, use 'asiakirja' "
        "for the broader concept",
        "'liite' is one kind of document; keep it for an attachment",
    ]
    assert not any("digital service" in m for m in messages)


def test_the_bundled_narrower_terms_keep_the_digital_service_wording(engine: Engine) -> None:
    (match,) = engine.lint_text("Ajanvaraus on avoinna verkkopalvelussamme.")
    assert "if you mean any digital service" in match.message
    (match,) = engine.lint_text("Logga in på webbtjänsten.", "sv")
    assert "if you mean any digital service, use 'digital tjänst'" in match.message


def test_every_bundled_narrower_term_has_its_own_message() -> None:
    """The made message is generic; a bundled hint says in its own words what the broader
    concept is (where it is any digital service, and only there, it says so)."""
    for path in bundled_files().values():
        for concept in load_vocabulary(path).concepts:
            for term in concept.terms:
                if term.status is Status.NARROWER:
                    assert term.message and term.text in term.message, (path, term.text)


# -- the bundled entries that are advice only ---------------------------------------------------

BUNDLED = [
    # (vocabularies, sentence, flagged word, first suggestion)
    (["+sote-naming"], "Hyvinvointikeskuksen vastaanotto on auki.", "Hyvinvointikeskuksen",
     "Terveyskeskuksen"),
    (["+sote-naming"], "Hoitaja tapaa sinut hyvän olon keskuksessa.", "hyvän olon keskuksessa",
     "terveyskeskuksessa"),
    ([], "Varaa aika sote-keskukseen.", "sote-keskukseen", "terveyskeskukseen"),
    (["+it-general"], "Lomake löytyy verkko-osoitteesta.", "verkko-osoitteesta",
     "WWW-osoitteesta"),
    (["+it-general"], "Verkko-osoite on esitteen takasivulla.", "Verkko-osoite", "WWW-osoite"),
    (["--language", "sv"], "Välfärdscentralen är öppen på vardagar.", "Välfärdscentralen",
     "Vårdcentralen"),
    (["--language", "sv"], "Hälsovården i kommunen förnyas.", "Hälsovården",
     "Hälso- och sjukvården"),
]


@pytest.mark.parametrize(("vocabs", "sentence", "word", "suggestion"), BUNDLED,
                         ids=[b[2] for b in BUNDLED])
def test_bundled_advice_only_entries(tmp_path: Path, vocabs: list[str], sentence: str,
                                     word: str, suggestion: str) -> None:
    path = tmp_path / "page.md"
    path.write_bytes((sentence + "\n").encode("utf-8"))
    args = vocabs if vocabs[:1] == ["--language"] else \
        [a for v in vocabs for a in ("--vocab", v)]
    code, out, _ = run_cli(["check", *args, "--format", "json", str(path)])
    (finding,) = json.loads(out)["findings"]
    assert finding["text"] == word
    assert finding["suggestions"][0] == suggestion
    assert finding["fixable"] is False and not any(finding["suggestion_is_fix"])
    # an advice-only term keeps its severity: sv-vard's unit names are warnings (exit 1),
    # the others info or suggestion hints (exit 0)
    assert code == (1 if word == "Välfärdscentralen" else 0)
    _, diff, _ = run_cli(["check", *args, "--diff", str(path)])
    assert "@@" not in diff
    run_cli(["check", *args, "--fix", str(path)])
    assert path.read_bytes() == (sentence + "\n").encode("utf-8")


def test_verkko_osoite_is_not_flagged_for_other_addresses(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("WWW-osoite ja sähköpostiosoite. Laitteen IP-osoite näkyy.\n",
                    encoding="utf-8")
    code, out, _ = run_cli(["check", "--vocab", "+it-general", "--format", "json", str(path)])
    assert code == 0 and json.loads(out)["findings"] == []


def test_explain_says_advice_only() -> None:
    code, out, _ = run_cli(["explain", "--vocab", "+sote-naming", "hyvinvointikeskus"])
    assert code == 0, out
    assert "advice only (fix: false): never applied by --fix" in out


# -- the model, the loader and the formats ------------------------------------------------------

def test_the_rule_itself() -> None:
    assert may_fix(Status.DEPRECATED, 1.0, True, True)
    assert not may_fix(Status.DEPRECATED, 1.0, True, False)
    assert not may_fix(Status.FORBIDDEN, 1.0, True, False)
    assert not may_fix(Status.NARROWER, 1.0, True, True)  # fix: true never makes a hint a fix


@pytest.mark.parametrize("value", ["'no'", "0", "maybe"])
def test_fix_must_be_true_or_false(value: str) -> None:
    text = ("id: x\nconcepts:\n  - id: a\n    terms:\n      fi:\n        - asiakirja\n"
            f"        - {{term: dokumentti, status: deprecated, fix: {value}}}\n")
    with pytest.raises(VocabError, match="'fix' in term of concept 'a' must be true or false"):
        parse_vocabulary("x.yaml", text)


def _advice_terms(vocab_text: str) -> list[tuple[str, bool, str | None]]:
    vocab = parse_vocabulary("proj.yaml", vocab_text)
    return [(t.text, t.fix, t.message) for c in vocab.concepts for t in c.terms]


FORMATS = {
    "yaml": lambda v: parse_vocabulary("x.yaml", dump_vocabulary(v)),
    "tbx": lambda v: import_tbx(export_tbx(v), "x.tbx").vocabulary,
    "skos": lambda v: import_skos(export_skos(v), "x.ttl").vocabulary,
    "csv": lambda v: import_csv(export_csv(v), "x.csv", vocab_id=v.id).vocabulary,
}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_fix_false_and_message_survive_every_format(fmt: str) -> None:
    original = parse_vocabulary("proj.yaml", VOCAB)
    back = FORMATS[fmt](original)
    assert [(t.text, t.fix, t.message) for c in back.concepts for t in c.terms] == \
        _advice_terms(VOCAB)


def test_the_snapshot_keeps_advice_only(morphology: Morphology) -> None:
    vocab = parse_vocabulary("proj.yaml", VOCAB)
    patterns, exceptions = compile_vocabulary(morphology, vocab, "fi")
    loaded, _ = snapshot.load(json.loads(json.dumps(snapshot.dump(patterns, exceptions))))
    assert [(p.term, p.fixable, p.message) for p in loaded] == \
        [(p.term, p.fixable, p.message) for p in patterns]
    assert {p.term: p.fixable for p in loaded} == \
        {"dokumentti": False, "paperi": True, "lomake": True, "liite": True}


def test_suggestions_keep_the_capitals_of_the_preferred_term() -> None:
    assert keep_term_case(["WWW-osoite"], "www-osoitteesta") == "WWW-osoitteesta"
    assert keep_term_case(["Internet-kamera"], "internet-kameralla") == "Internet-kameralla"
    assert keep_term_case(["digitaalinen", "palvelu"], "digitaalisessa palvelussa") == \
        "digitaalisessa palvelussa"
    # only at a word's start: "awww-" is another word
    assert keep_term_case(["WWW-osoite"], "awww-osoite") == "awww-osoite"


def test_vocab_test_says_why_an_advice_only_term_gets_no_fix(tmp_path: Path) -> None:
    path = tmp_path / "proj.yaml"
    path.write_text(VOCAB + "    examples:\n      flag:\n"
                    "        - {text: Lähetä dokumentti., fix: Lähetä asiakirja.}\n"
                    "        - {text: Täytä paperi., fix: Täytä asiakirja.}\n", encoding="utf-8")
    code, out, _ = run_cli(["vocab", "test", str(path)])
    assert code == 1
    assert ("'dokumentti' is marked fix: false (advice only), so a flag example of it "
            "expects no fix") in out
    assert "1 passed, 1 failed" in out  # the fixable term's example still passes


def test_validate_warns_of_fix_false_where_it_has_no_effect(tmp_path: Path) -> None:
    path = tmp_path / "proj.yaml"
    path.write_text(VOCAB.replace("{term: lomake, status: narrower}",
                                  "{term: lomake, status: narrower, fix: false}"),
                    encoding="utf-8")
    code, out, _ = run_cli(["vocab", "validate", str(path)])
    assert code == 0, out  # a warning, not an error
    warnings = [line for line in out.splitlines() if "'fix: false' has no effect" in line]
    assert warnings == [f"{path}:11: warning: term 'lomake': 'fix: false' has no effect on a "
                        "narrower term (only deprecated and forbidden terms are ever fixed)"]
