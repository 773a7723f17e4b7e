"""Round 2 of the bundled term facts (vocab-facts.md, sections D, E, G and the traps of H).

The vocabularies' own examples test each entry (tests/test_vocab_examples.py); this file checks
what no single example can: that the traps stay silent under *every* bundled vocabulary at once,
optional ones included, that the new entries report at the severities the facts give, and
which vocabularies are optional."""

from __future__ import annotations

import pytest

from termlint.api import build_engine, lint_text
from termlint.engine import Engine
from termlint.morphology import Morphology
from termlint.vocab import bundled_files, load_bundled


@pytest.fixture(scope="module")
def everything(morphology: Morphology) -> Engine:
    return build_engine(load_bundled(), morphology=morphology)


# Each sentence is one trap of "Do not flag": a finding here means a guess was shipped.
TRAPS = [
    "Potilas on myös terveydenhuollon asiakas.",              # potilas ↔ asiakas (D)
    "Asiakkaat ja potilaat vastasivat kyselyyn.",
    "Mobiilipalvelu lähettää muistutuksen.",                  # H: not shipped
    "Ohjelmisto hankitaan verkkosovelluspalveluna.",          # H: SaaS, no deprecated term
    "Etäsovelluspalvelun sopimus uusitaan.",
    "Katso nettisivuilta ja nettikameran kuvasta.",           # netti- words (G, H)
    "Nettijuttelu on auki arkisin.",
    "Hyvinvointialue korvaa maakunnan tehtävät.",             # no invented deprecation
    "Sote-alueen rajat ovat samat kuin maakunnan.",
    "Keskustelu oli eloisa ja pitkä.",                        # 'Eloisa' left out (adjective)
]


@pytest.mark.parametrize("text", TRAPS)
def test_traps_stay_silent_under_every_bundled_vocabulary(everything: Engine, text: str) -> None:
    assert lint_text(text, engine=everything) == []


@pytest.mark.parametrize(("text", "rule", "severity"), [
    ("Varaa aika sote-keskukseen.", "stm-sote/sote-keskus", "suggestion"),
    ("Hyvinvointikeskuksen ovi on auki.", "sote-naming/terveyskeskus", "info"),
    ("Soite tiedottaa.", "sote-naming/keski-pohjanmaan-hyvinvointialue", "info"),
    ("Katso websivuilta.", "it-general/verkkosivu", "suggestion"),
    ("Tarvitset webkameran.", "it-general/verkkokamera", "suggestion"),
    ("Ota yhteyttä webmasteriin.", "it-general/sivustovastaava", "suggestion"),
])
def test_new_entries_report_at_the_given_severity(everything: Engine, text: str, rule: str,
                                                  severity: str) -> None:
    findings = lint_text(text, engine=everything)
    assert [(f.rule, str(f.severity)) for f in findings] == [(rule, severity)]


def test_optional_vocabularies_stay_off_by_default() -> None:
    by_id = {v.id: v for v in load_bundled()}
    assert "sote-naming" in bundled_files()
    assert not by_id["sote-naming"].default and not by_id["it-general"].default
    # stm-sote carries sote-keskus and is on by default (at suggestion level).
    assert by_id["stm-sote"].default
    assert lint_text("Hyvinvointikeskuksen ovi on auki. Katso websivuilta.") == []
