"""The vocabulary writer's fast path (libyaml's emitter in C, issue 17): byte for byte the file
PyYAML's Python emitter writes, on every bundled vocabulary, every term-bank fixture and a
seeded stream of awkward strings; and taken, not silently skipped."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from termlint.model import Status
from termlint.vocab import load_vocabulary
from termlint.vocab.importer import default_statuses, read, roles_of
from termlint.vocab.schema import Concept, Term, Vocabulary
from termlint.vocab.termbank import Options, parse_map, parse_statuses
from termlint.vocab.yamlio import _Flow, _pieces, dump_vocabulary, fast_dump, vocabulary_data

ROOT = Path(__file__).resolve().parent.parent
TERMBANK = ROOT / "tests" / "data" / "termbank"
FIXTURES = [("termed", "thl-node-trees.json"), ("termed", "thl-dump.json"),
            ("termed", "thl-plain.csv"), ("termed", "thl-translation.csv"),
            ("termed", "thl-nodes.ttl"), ("sanastot", "yti-termed.json"),
            ("sanastot", "sanastot.ttl"), ("sanastot", "sanastot.rdf"), ("ntrf", "ntrf.xml")]


def test_libyaml_is_there() -> None:
    # setup.sh installs PyYAML's wheel, which carries libyaml; without it every dump would take
    # the slow path and the tests below would compare the Python emitter with itself.
    assert yaml.__with_libyaml__


@pytest.mark.parametrize("path", sorted([*(ROOT / "vocab").glob("*.yaml"),
                                          *(ROOT / "rules").glob("*.yaml")]), ids=str)
def test_bundled_vocabularies_are_written_the_same(path: Path) -> None:
    vocabulary = load_vocabulary(path)
    assert dump_vocabulary(vocabulary, "h") == dump_vocabulary(vocabulary, "h", fast=False)


@pytest.mark.parametrize(("fmt", "name"), FIXTURES)
def test_term_bank_imports_are_written_the_same(fmt: str, name: str) -> None:
    path = TERMBANK / name
    options = Options(roles=parse_map((), roles_of(fmt)),
                      statuses=parse_statuses(None, default_statuses(fmt)))
    vocabulary = read(path.read_text(encoding="utf-8"), str(path), fmt, options, None).vocabulary
    assert dump_vocabulary(vocabulary) == dump_vocabulary(vocabulary, fast=False)


def _vocabulary(concepts: int) -> Vocabulary:
    return Vocabulary(id="iso", path="iso.yaml", concepts=tuple(
        Concept(id=f"c{i}", source=f"https://sanasto.example.org/c{i}", note="Huom: #1",
                terms=(Term(f"sähköinen palvelu {i}", Status.DEPRECATED, "fi"),
                       Term(f"digitaalinen palvelu {i}", Status.PREFERRED, "fi")))
        for i in range(concepts)))


def test_a_big_import_takes_the_fast_path() -> None:
    vocabulary = _vocabulary(200)
    text = dump_vocabulary(vocabulary)
    assert text == dump_vocabulary(vocabulary, fast=False)
    assert all(fast_dump(piece) is not None for piece, _ in _pieces(vocabulary_data(vocabulary)))
    assert fast_dump({"concepts": [{"id": "c1", "terms": {"fi": [_Flow(term="x")]}}]}) == \
        "concepts:\n  - id: c1\n    terms:\n      fi:\n        - {term: x}\n"


def test_strings_the_fast_path_cannot_be_sure_of_go_the_slow_way() -> None:
    for awkward in ("rivi\nrivi", "pehmeä\u00adtavu", "\U0001d538", "sana " * 30):
        assert fast_dump({"note": awkward}) is None


ATOMS = ["a", "ä", " ", ": ", ":", "#", " #", "'", '"', "-", "- ", "?", "? ", "@", "`", "!",
         "&", "*", "{", "}", "[", "]", ",", "%", "|", ">", "€", "yes", "null", "~", "0", "1.5",
         "0x1F", "=", "<<", "...", "---", "\\", "\U0001d538", "ö", "Å", "x" * 30, " x", "ß"]


def test_awkward_strings_are_written_the_same() -> None:
    rng = random.Random(17)

    def text() -> str:
        return "".join(rng.choice(ATOMS) for _ in range(rng.randint(0, 8)))

    fast = 0
    for _ in range(1500):
        piece = {"concepts": [{"id": text() or "x", "source": text(), "note": text(),
                               "terms": {"fi": [_Flow(term=text(), status="preferred",
                                                      note=text())]},
                               "exceptions": [text(), text()]}]}
        written = fast_dump(piece)
        if written is not None:
            fast += 1
            assert written == yaml.dump(piece, Dumper=_dumper(), sort_keys=False,
                                        allow_unicode=True, width=100,
                                        default_flow_style=False)
    assert fast > 300  # the comparison was made, not skipped


def _dumper() -> type[yaml.SafeDumper]:
    from termlint.vocab import yamlio

    return yamlio._Dumper
