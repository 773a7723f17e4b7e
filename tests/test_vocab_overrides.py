"""Severity overrides from a config mapping, and the ``disable`` key of a vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from termlint.api import build_engine
from termlint.cli import main
from termlint.model import Severity, Status
from termlint.morphology import Morphology
from termlint.vocab import (
    VocabError,
    apply_disables,
    apply_overrides,
    load_bundled,
    load_selection,
    unknown_override_keys,
)

ORG = str(Path(__file__).parent / "data" / "vocab" / "org.yaml")
TEXT = ("Käytä sähköisiä palveluja. Epalvelu on suljettu. Sähköinen asiointi on helppoa. "
        "Sähköiset asiointiprosessit uudistuvat. Löydät sote-palvelut täältä.")


def severities(vocabs: list, morphology: Morphology) -> dict[str, Severity]:  # type: ignore[type-arg]
    engine = build_engine(vocabs, morphology=morphology)
    return {TEXT[m.start:m.end]: m.severity for m in engine.lint_text(TEXT)}


def test_defaults_come_from_the_status(morphology: Morphology) -> None:
    found = severities(load_selection(), morphology)
    assert found == {
        "sähköisiä palveluja": Severity.WARNING,
        "Epalvelu": Severity.ERROR,
        "Sähköinen asiointi": Severity.WARNING,
        "Sähköiset asiointiprosessit": Severity.WARNING,
        "sote-palvelut": Severity.SUGGESTION,
    }


def test_vocabulary_concept_and_rule_keys(morphology: Morphology) -> None:
    vocabs = apply_overrides(load_selection(), {
        "thl-digi": "info",                          # every term of the vocabulary …
        "thl-digi/digitaalinen-asiointi": "error",   # … but this concept
        "thl-digi/sahkoinen-palvelusana": "suggestion",  # a rule in thl-digi-rules
        "stm-sote": "warning",
    })
    assert severities(vocabs, morphology) == {
        "sähköisiä palveluja": Severity.INFO,
        "Epalvelu": Severity.INFO,
        "Sähköinen asiointi": Severity.ERROR,
        "Sähköiset asiointiprosessit": Severity.SUGGESTION,
        "sote-palvelut": Severity.WARNING,
    }


def test_a_vocabulary_key_reaches_the_rules_named_after_it() -> None:
    vocabs = {v.id: v for v in apply_overrides(load_bundled(), {"thl-digi": "error"})}
    assert vocabs["thl-digi-rules"].rules[0].severity is Severity.ERROR
    palvelu = vocabs["thl-digi"].concepts[0]
    assert vocabs["thl-digi"].severity_for(palvelu, Status.NARROWER) is Severity.ERROR


def test_overrides_leave_the_input_alone_and_check_values() -> None:
    vocabs = load_selection()
    apply_overrides(vocabs, {"thl-digi": "error"})
    assert next(v for v in vocabs if v.id == "thl-digi").severity == {}
    with pytest.raises(VocabError, match="thl-digi: unknown severity 'loud'"):
        apply_overrides(vocabs, {"thl-digi": "loud"})
    assert unknown_override_keys(vocabs, {"thl-digi": "info", "thl-dgi/x": "info"}) == \
        ["thl-dgi/x"]


def test_an_organisation_file_switches_bundled_entries_off(morphology: Morphology) -> None:
    vocabs = load_selection(["+" + ORG])
    ids = {v.id for v in vocabs}
    assert "stm-sote" not in ids and "org" in ids
    thl = next(v for v in vocabs if v.id == "thl-digi")
    assert "digitaalinen-asiointi" not in {c.id for c in thl.concepts}
    rules = next(v for v in vocabs if v.id == "thl-digi-rules")
    assert rules.rules == ()
    engine = build_engine(["+" + ORG], morphology=morphology)
    found = {TEXT[m.start:m.end]: m.rule for m in engine.lint_text(TEXT)}
    # Its own exception (sähköinen palvelu) silences that term of thl-digi, too.
    assert found == {"Epalvelu": "thl-digi/digitaalinen-palvelu"}
    own = engine.lint_text("Kirjaudu asiakasextranetiin.")
    assert [m.rule for m in own] == ["org/asiakasportaali"]


def test_disable_through_the_check_command() -> None:
    runner = CliRunner()
    text = "Sähköinen asiointi on helppoa."
    before = runner.invoke(main, ["check", "--stdin"], input=text)
    assert "thl-digi/digitaalinen-asiointi" in before.output
    after = runner.invoke(main, ["check", "--stdin", "--vocab", "+" + ORG], input=text)
    assert after.exit_code == 0, after.output
    assert "digitaalinen-asiointi" not in after.output


def test_a_vocabulary_never_disables_itself_and_extra_ids_work() -> None:
    vocabs = load_bundled()
    assert apply_disables(vocabs) == vocabs
    kept = apply_disables(vocabs, ["stm-sote", "thl-digi/etapalvelu"])
    assert "stm-sote" not in {v.id for v in kept}
    thl = next(v for v in kept if v.id == "thl-digi")
    assert "etapalvelu" not in {c.id for c in thl.concepts}
