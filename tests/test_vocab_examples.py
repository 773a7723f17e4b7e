"""Every example carried by a bundled concept or rule is a test case of its own."""

from __future__ import annotations

import pytest

from termlint.api import make_inflector
from termlint.engine import Engine
from termlint.morphology import Morphology
from termlint.vocab import Vocabulary, load_bundled
from termlint.vocab.selftest import ExampleResult, check_example

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
    inflector = make_inflector(morphology)
    return {v.id: Engine([v], morphology, inflector) for v in VOCABULARIES}


def test_every_default_vocabulary_carries_examples() -> None:
    with_examples = {vocab.id for vocab, _, _ in CASES}
    assert {"thl-digi", "stm-sote", "thl-digi-rules"} <= with_examples


@pytest.mark.parametrize(
    ("vocab", "rule", "example"), CASES,
    ids=[f"{r}:{'flag' if e.flag else 'pass'}:{e.text}" for _, r, e in CASES],
)
def test_example(engines: dict[str, Engine], vocab: Vocabulary, rule: str, example) -> None:  # type: ignore[no-untyped-def]
    result: ExampleResult = check_example(engines[vocab.id], vocab.path, rule, example)
    assert result.ok, result.describe()
