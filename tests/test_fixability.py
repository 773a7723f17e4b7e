"""Issue 15, item 1: only a synonym is a fix, in every output and in --fix/--diff.

Each status of a term (and a near-miss spelling, and a word read only after its umlauts were
restored) is checked in every report format: a deprecated or forbidden term's verified form
is a fix; a narrower concept's preferred term, a fuzzy hit and a repaired word keep their
suggestions as advice only.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from termlint.engine import Engine
from termlint.engine.fixability import is_synonym, may_fix
from termlint.model import Status
from termlint.report import REPORTERS
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
        - {term: tiedosto, status: admitted}
        - {term: dokumentti, status: deprecated}
        - {term: paperi, status: forbidden}
        - {term: lomake, status: narrower}
        - {term: ducumentti, status: forbidden, fuzzy: true}
"""

#: One sentence per case, the flagged word and whether its suggestion is a fix.
CASES = {
    "deprecated": ("Lähetä dokumentti tänään.", "dokumentti", "asiakirja", True),
    "forbidden": ("Täytä paperi huolella.", "paperi", "asiakirja", True),
    "narrower": ("Täytä lomake huolella.", "lomake", "asiakirja", False),
    "fuzzy": ("Lähetä ducumentti tänään.", "ducumentti", "asiakirja", False),
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "proj.yaml").write_text(VOCAB, encoding="utf-8")
    for name, (sentence, *_rest) in CASES.items():
        (tmp_path / f"{name}.txt").write_text(sentence + "\n", encoding="utf-8")
    (tmp_path / "preferred.txt").write_text("Lähetä asiakirja ja tiedosto.\n", encoding="utf-8")
    return tmp_path


def check(project: Path, name: str, *args: str) -> tuple[int, str]:
    code, out, _ = run_cli(["check", "--vocab", str(project / "proj.yaml"), *args,
                            str(project / f"{name}.txt")])
    return code, out


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_every_status_in_every_format(project: Path, name: str, fmt: str) -> None:
    _, word, preferred, fix = CASES[name]
    code, out = check(project, name, "--format", fmt)
    assert code in (0, 1), out  # an info hint does not fail the run
    assert word in out and preferred in out  # the finding and its idea are always reported
    if fmt == "text":
        assert (f"= fix: {preferred}" in out) is fix
        assert ("1 fixable with --fix" in out) is fix
    elif fmt == "json":
        (finding,) = json.loads(out)["findings"]
        assert finding["suggestions"][0] == preferred
        assert finding["fixable"] is fix
        assert finding["suggestion_is_fix"] == [fix] + [False] * (len(finding["suggestions"]) - 1)
    elif fmt == "sarif":
        (result,) = json.loads(out)["runs"][0]["results"]
        assert ("fixes" in result) is fix
        if fix:
            (change,) = result["fixes"][0]["artifactChanges"]
            assert change["replacements"][0]["insertedContent"]["text"] == preferred
    elif fmt == "html":
        # The fix is set apart (and strong); advice is listed as suggestions.
        strong = re.search(f"</dt><dd[^>]*><strong>{preferred}</strong></dd>", out)
        assert (strong is not None) is fix
    else:
        # These formats have no channel for a fix: they name the suggestion, never a fix.
        assert "fix" not in out.lower().replace(word, "")


@pytest.mark.parametrize("name", sorted(CASES))
def test_diff_and_fix_apply_synonyms_only(project: Path, name: str) -> None:
    sentence, word, preferred, fix = CASES[name]
    _, diff = check(project, name, "--diff")
    assert (f"+{sentence.replace(word, preferred)}" in diff) is fix
    check(project, name, "--fix")
    written = (project / f"{name}.txt").read_text(encoding="utf-8")
    assert written == (sentence.replace(word, preferred) if fix else sentence) + "\n"


def test_preferred_and_admitted_terms_are_not_reported(project: Path) -> None:
    code, out = check(project, "preferred", "--format", "json")
    assert code == 0
    assert json.loads(out)["findings"] == []


def test_narrower_hint_of_the_bundled_vocabulary_is_advice(engine: Engine) -> None:
    (match,) = engine.lint_text("Ajanvaraus on avoinna verkkopalvelussamme.")
    assert match.suggestions[0] == "digitaalisessa palvelussamme"  # the idea, inflected
    assert not match.verified and match.replacements == ()


def test_a_word_read_after_restoring_umlauts_is_advice(engine: Engine) -> None:
    (match,) = engine.lint_text("Kaytamme sahkoisia palveluja.")
    assert match.confidence < 1.0
    assert match.suggestions and not match.verified and match.replacements == ()


def test_the_rule_itself() -> None:
    assert is_synonym(Status.DEPRECATED) and is_synonym(Status.FORBIDDEN)
    assert not any(is_synonym(s) for s in (Status.NARROWER, Status.PREFERRED, Status.ADMITTED,
                                           None))
    assert may_fix(Status.DEPRECATED, 1.0, True)
    assert not may_fix(Status.DEPRECATED, 0.99, True)
    assert not may_fix(Status.DEPRECATED, 1.0, False)
    assert not may_fix(Status.NARROWER, 1.0, True)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_text_report_labels_advice_without_calling_it_unverified(project: Path,
                                                                      name: str) -> None:
    """A narrower concept's preferred term is a well-formed word, only not a synonym: the
    text report says it is not applied, not that its form is unverified."""
    _, out = check(project, name)
    fix = CASES[name][3]
    assert ("= fix: " in out) is fix
    assert ("= suggestion: " in out) is not fix
    assert "not verified" not in out
    assert ("(not applied by --fix: check that it fits)" in out) is not fix
