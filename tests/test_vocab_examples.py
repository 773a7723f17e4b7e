"""Every example carried by a bundled concept or rule is a test case of its own."""

from __future__ import annotations

import pytest

from termlint.api import build_engine
from termlint.engine import Engine
from termlint.morphology import Morphology
from termlint.services.selftest import ExampleResult, check_example
from termlint.vocab import Vocabulary, load_bundled

VOCABULARIES = load_bundled()
CASES = [
    (vocab, rule, example)
    for vocab in VOCABULARIES
    for rule, example in (
        [(f"{vocab.id}/{c.id}", e) for c in vocab.concepts for e in c.examples]
        + [(r.id, e) for r in vocab.rules for e in r.examples]
    )
]


@pytest.fixture(scope="module")
def engines(morphology: Morphology) -> dict[str, Engine]:
    # build_engine gives Swedish examples the Swedish analyser, as `termlint vocab test` does.
    return {v.id: build_engine([v], morphology=morphology) for v in VOCABULARIES}


def test_every_default_vocabulary_carries_examples() -> None:
    with_examples = {vocab.id for vocab, _, _ in CASES}
    assert {"thl-digi", "stm-sote", "thl-digi-rules", "it-general"} <= with_examples
    # Every concept that flags a term carries at least one flag and one pass example.
    for vocab in VOCABULARIES:
        for concept in vocab.concepts:
            if any(t.status.flagged for t in concept.terms):
                kinds = {e.flag for e in concept.examples}
                assert kinds == {True, False}, f"{vocab.id}/{concept.id}"


@pytest.mark.parametrize(
    ("vocab", "rule", "example"), CASES,
    ids=[f"{r}:{'flag' if e.flag else 'pass'}:{e.text}" for _, r, e in CASES],
)
def test_example(engines: dict[str, Engine], vocab: Vocabulary, rule: str, example) -> None:  # type: ignore[no-untyped-def]
    result: ExampleResult = check_example(engines[vocab.id], vocab.path, rule, example)
    assert result.ok, result.describe()
