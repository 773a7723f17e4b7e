"""Vocabulary and rule files: the bundled ones load; malformed ones fail with file:line."""

from __future__ import annotations

import pytest

from termlint.model import Severity, Status
from termlint.vocab import VocabError, bundled_files, load_bundled, parse_vocabulary


def test_bundled_vocabularies_load_with_sources() -> None:
    vocabularies = {v.id: v for v in load_bundled()}
    assert {"thl-digi", "stm-sote", "thl-digi-rules"} <= set(vocabularies)
    thl = vocabularies["thl-digi"]
    palvelu = next(c for c in thl.concepts if c.id == "digitaalinen-palvelu")
    statuses = {t.text: t.status for t in palvelu.terms if t.language == "fi"}
    assert statuses["sähköinen palvelu"] is Status.DEPRECATED
    assert statuses["epalvelu"] is Status.FORBIDDEN
    assert statuses["verkkopalvelu"] is Status.NARROWER
    assert palvelu.source and "14176" in palvelu.source
    assert thl.severity_for(palvelu, Status.FORBIDDEN) is Severity.ERROR
    sote = vocabularies["stm-sote"]
    assert sote.severity_for(sote.concepts[0], Status.DEPRECATED) is Severity.SUGGESTION
    assert all(path.suffix == ".yaml" for path in bundled_files().values())


def test_every_bundled_file_is_named_by_its_id() -> None:
    """Names are checked against the bundled files' names before anything is loaded (an
    unknown ``--vocab`` or ``vocabularies:`` entry is an error with "did you mean"), so a file
    whose name is not its id could not be asked for by the id ``vocab list`` shows."""
    assert {name: vocab.id for name, vocab in
            zip(bundled_files(), load_bundled(), strict=True)} == \
        {name: name for name in bundled_files()}


BAD = [
    ("id: x\nconcepts: [\n", 3, "invalid YAML"),
    ("id: x\ncolour: red\n", 1, "unknown key 'colour' in vocabulary file"),
    ("concepts: []\n", 1, "vocabulary file needs 'id'"),
    ("id: x\nconcepts:\n  - id: a\n    terms: {fi: [{term: t, status: odd}]}\n",
     4,
     "unknown status 'odd'"),
    ("id: x\nconcepts:\n  - id: a\n    terms:\n      fi:\n"
     "        - {term: t, status: deprecated}\n",
     3, "concept 'a' has no preferred term"),
    ("id: x\nconcepts:\n  - id: a\n    terms: {fi: [p]}\n  - id: a\n    terms: {fi: [q]}\n", 5,
     "duplicate concept id 'a'"),
    ("id: x\nconcepts:\n  - id: a\n    terms: {fi: [p]}\n    severity: loud\n", 3,
     "unknown severity 'loud'"),
    ("id: x\nrules:\n  - id: r\n    kind: regex\n", 3, "unknown rule kind 'regex'"),
    ("id: x\nrules:\n  - {id: r, kind: modifier, modifier: a, replacement: b}\n",
     3,
     "needs 'heads' or 'parts'"),
    ("id: x\nconcepts:\n  - id: a\n    terms: {fi: [p]}\n"
     "    examples: {pass: [{text: t, fix: u}]}\n",
     5, "a 'pass' example cannot have a 'fix'"),
    ("- just\n- a list\n", 1, "vocabulary file must be a mapping"),
    ("id: x\nconcepts:\n  - id: a\n    terms: {fi: [{term: t, status: preferred, match: all}]}\n",
     4, "unknown match 'all'"),
    ("id: !!python/object:os.system x\n", 1, "invalid YAML"),
]


@pytest.mark.parametrize(("text", "line", "message"), BAD, ids=[m for _, _, m in BAD])
def test_malformed_vocabulary(text: str, line: int, message: str) -> None:
    with pytest.raises(VocabError) as info:
        parse_vocabulary("v.yaml", text)
    assert info.value.line == line
    assert message in str(info.value)
    assert str(info.value).startswith(f"v.yaml:{line}: ")


def test_a_list_where_a_mapping_belongs_is_named_in_yaml_words() -> None:
    # The loader's own list type once leaked into the message ("got _Lines").
    text = "id: v\nconcepts:\n  - id: c\n    terms:\n      - {term: a, status: preferred}\n"
    with pytest.raises(VocabError) as caught:
        parse_vocabulary("v.yaml", text)
    assert "must be a mapping (key: value), got a list (- items)" in str(caught.value)
    assert "_Lines" not in str(caught.value)
