"""The JSON Schemas in ``schemas/`` say what the real loaders say (issue 17.5).

Editors check ``.termlint.yaml`` and vocabulary files against the schemas; termlint checks
them with :func:`termlint.config.load` and :func:`termlint.vocab.parse_vocabulary` (the first
stage of ``termlint vocab validate``). Both are run over the same files: every bundled
vocabulary, every example in the docs, ``termlint init``'s starter file and a set of bad files,
and must accept and refuse the same ones. The key sets are compared too, so a key added to a
loader and not to its schema fails here, at merge time.

What the schemas do not express, and only the loaders and ``vocab validate`` check: that a
term, name or phrase holds a letter or digit in any script (JSON Schema's patterns have no
portable Unicode classes), duplicate concept ids, and the review of ``vocab validate`` beyond
loading (duplicates, contradictions, sources, unreadable words). ``test_known_gaps`` pins these
down, so that closing one is noticed.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from termlint.config import _OVERRIDE, _TOP, ConfigError, load
from termlint.packages import KEYS as PACKAGE_KEYS
from termlint.vocab import VocabError, bundled_files, parse_vocabulary
from tests.cli_helpers import run_cli

REPO = Path(__file__).resolve().parents[1]
CONFIG_SCHEMA = json.loads((REPO / "schemas/termlint-config.schema.json").read_text("utf-8"))
VOCAB_SCHEMA = json.loads((REPO / "schemas/vocabulary.schema.json").read_text("utf-8"))
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
PIN = "a" * 64


def schema_accepts(schema: dict[str, Any], text: str) -> bool:
    return Draft202012Validator(schema).is_valid(yaml.safe_load(text))


def config_accepts(tmp_path: Path, text: str) -> bool:
    path = tmp_path / ".termlint.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load(path)
    except ConfigError:
        return False
    return True


def vocab_accepts(text: str) -> bool:
    try:
        parse_vocabulary("<test>", text)
    except VocabError:
        return False
    return True


def _doc_blocks() -> list[tuple[str, str, str]]:
    """``(where, kind, text)`` of every YAML example in the docs that is a configuration or a
    vocabulary (CI snippets are checked by tests/test_doc_snippets.py): those of the two
    vocabulary pages are vocabularies, the others configurations. A vocabulary fragment
    without an ``id`` (a ``concepts:`` or ``rules:`` excerpt) gets one, so that what it shows
    is checked, not the id it leaves out."""
    config_keys = set(CONFIG_SCHEMA["properties"])
    found = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for index, match in enumerate(re.finditer(r"^```ya?ml\n(.*?)^```", text,
                                                  re.MULTILINE | re.DOTALL)):
            block = match.group(1)
            data = yaml.safe_load(block)
            if not isinstance(data, dict):
                continue
            where = f"{path.name}#{index}"
            if path.name.startswith("vocabular"):
                found.append((where, "vocabulary", block if "id" in data else f"id: doc\n{block}"))
            elif set(data) <= config_keys:
                found.append((where, "configuration", block))
    return found


DOC_BLOCKS = _doc_blocks()


def test_the_docs_show_both_kinds() -> None:
    kinds = {kind for _, kind, _ in DOC_BLOCKS}
    assert kinds == {"configuration", "vocabulary"}
    assert sum(kind == "configuration" for _, kind, _ in DOC_BLOCKS) >= 4


def test_the_schemas_are_valid_draft_2020_12() -> None:
    for schema in (CONFIG_SCHEMA, VOCAB_SCHEMA):
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize(("where", "kind", "text"), DOC_BLOCKS, ids=[w for w, _, _ in DOC_BLOCKS])
def test_docs_examples_are_valid_for_schema_and_loader(tmp_path: Path, where: str, kind: str,
                                                       text: str) -> None:
    if kind == "configuration":
        assert (schema_accepts(CONFIG_SCHEMA, text), config_accepts(tmp_path, text)) == (True, True)
    else:
        assert (schema_accepts(VOCAB_SCHEMA, text), vocab_accepts(text)) == (True, True)


@pytest.mark.parametrize("path", sorted(bundled_files().values()), ids=lambda p: p.name)
def test_every_bundled_vocabulary_is_valid_for_both(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert (schema_accepts(VOCAB_SCHEMA, text), vocab_accepts(text)) == (True, True)


def test_the_starter_file_of_init_is_valid_for_both(tmp_path: Path) -> None:
    assert run_cli(["init", str(tmp_path)])[0] == 0
    text = (tmp_path / ".termlint.yaml").read_text(encoding="utf-8")
    assert (schema_accepts(CONFIG_SCHEMA, text), config_accepts(tmp_path, text)) == (True, True)


def test_the_starter_file_names_its_schema_and_shows_packages(tmp_path: Path) -> None:
    """The editor line comes first; the commented ``packages:`` example, uncommented with
    real pins in place of its placeholders, is valid for both (so it teaches nothing wrong)."""
    from termlint.commands.init import SCHEMA_FILE, STARTER

    assert STARTER.splitlines()[0] == f"# yaml-language-server: $schema={SCHEMA_FILE}"
    lines = STARTER.splitlines()
    start = lines.index("# packages:")
    block = []
    for line in lines[start:]:
        if not line.startswith("#"):
            break
        block.append(re.sub(r"<[^>]*>", PIN, line[2:]))
    text = "\n".join(block) + "\n"
    assert text.count("sha256:") == 2
    assert (schema_accepts(CONFIG_SCHEMA, text), config_accepts(tmp_path, text)) == (True, True)


GOOD_CONFIGS = [
    "",
    "fail_level: Error\nignore_keys: legal.*\n",
    "language: fi-FI\nseverity: {thl-digi: info, stm-sote: ' suggestion '}\n",
    "overrides:\n  - files: '**/sv/**'\n    language: SV\n    ignore_keys: [debug.*]\n",
    "names: [Sähköisen asioinnin tukipalvelu]\nvocabularies: +org.yaml\n",
    f"packages:\n  - git: git@example.org:org/terms.git\n    ref: v1\n    sha256: {PIN}\n",
    f"packages:\n  - path: ../terms\n    sha256: {PIN.upper()}\n",
]
BAD_CONFIGS = [
    "- a list\n",
    "vocabularys: [thl-digi]\n",                        # a misspelt key
    "fail-level: loud\n",
    "fail-level: 3\n",
    "language: de\n",
    "severity: [thl-digi]\n",
    "severity: {thl-digi: loud}\n",
    "include: [1, 2]\n",
    "baseline: [a, b]\n",
    "overrides: {files: x}\n",
    "overrides:\n  - language: sv\n",                    # no files
    "overrides:\n  - files: x\n    colour: red\n",
    "packages: {url: https://example.org/t.yaml}\n",
    "packages:\n  - url: https://example.org/t.yaml\n",  # no pin
    "packages:\n  - url: https://example.org/t.yaml\n    sha256: abc\n",
    f"packages:\n  - url: ftp://example.org/t.yaml\n    sha256: {PIN}\n",
    f"packages:\n  - url: https://e.org/t.yaml\n    path: t.yaml\n    sha256: {PIN}\n",
    f"packages:\n  - path: t.yaml\n    ref: main\n    sha256: {PIN}\n",
    f"packages:\n  - git: -oProxyCommand=x\n    sha256: {PIN}\n",
    f"packages:\n  - sha256: {PIN}\n",
]


@pytest.mark.parametrize("text", GOOD_CONFIGS + BAD_CONFIGS)
def test_config_schema_and_loader_agree(tmp_path: Path, text: str) -> None:
    expected = text in GOOD_CONFIGS
    assert (schema_accepts(CONFIG_SCHEMA, text), config_accepts(tmp_path, text)) == \
        (expected, expected)


_R = "id: x\nrules:\n  - {id: r, kind: modifier, modifier: m, replacement: n"
_C = "id: x\nconcepts:\n  - id: a\n    terms: "
_TERM = "    terms:\n      fi:\n        - {term: digipalvelu, status: preferred}\n"
GOOD_VOCABS = [
    "id: x\n",
    "id: 7\ntitle: null\ndefault: false\nseverity: {deprecated: Info}\n",
    f"id: x\nconcepts:\n  - id: a\n{_TERM}    severity: null\n    examples: null\n",
    _C + "{sv: [digital tjänst], fi: [{term: x, status: deprecated}]}\n",
    _C + "{fi: [y, {term: x, status: deprecated, fix: false, message: m}]}\n",
    _C + "{fi: [y, {term: x, status: narrower, fix: true, message: null}]}\n",
    f"id: x\nconcepts:\n  - id: a\n{_TERM}    examples:\n      flag: [{{text: t, fix: null}}]\n"
    "      pass: [{text: t, fix: null, language: sv}]\n",
    "id: x\nexceptions: [sähköinen resepti, {text: sähköinen laite, source: null}]\n",
    "id: x\nnames: [Kanta, {name: laki x, number: ' 13/2003 ', source: s}]\ndisable: stm-sote\n",
    "id: x\nrules:\n  - {id: r, kind: modifier, modifier: m, replacement: n, heads: palvelu}\n",
    _R + ", heads: [], parts: [a]}\n",
]
BAD_VOCABS = [
    "title: no id\n",
    "id: x\nconcept: []\n",                                  # a misspelt key
    "id: x\ndefault: yes please\n",
    "id: x\nseverity: {obsolete: info}\n",
    "id: x\nseverity: {deprecated: loud}\n",
    "id: x\nconcepts: {a: b}\n",
    "id: x\nconcepts:\n  - id: a\n",                         # no terms
    "id: x\nconcepts:\n  - id: a\n    terms: {}\n",
    "id: x\nconcepts:\n  - id: a\n    terms: {fi: []}\n",
    _C + "{fi: [{term: x, status: deprecated}]}\n",  # no preferred term
    "id: x\nconcepts:\n  - id: a\n    terms: {fi: [{term: x, status: old}]}\n",
    "id: x\nconcepts:\n  - id: a\n    terms: {fi: [{term: x}]}\n",
    "id: x\nconcepts:\n  - id: a\n    terms: {fi: [{term: x, status: preferred, match: tail}]}\n",
    "id: x\nconcepts:\n  - id: a\n    terms: {fi: [{term: x, status: preferred, fuzzy: 1}]}\n",
    _C + "{fi: [y, {term: x, status: deprecated, fix: 'no'}]}\n",
    _C + "{fi: [y, {term: x, status: deprecated, message: [a]}]}\n",
    f"id: x\nconcepts:\n  - id: a\n{_TERM}    severity: loud\n",
    f"id: x\nconcepts:\n  - id: a\n{_TERM}    examples:\n      pass: [{{text: t, fix: u}}]\n",
    f"id: x\nconcepts:\n  - id: a\n{_TERM}    examples:\n      maybe: [t]\n",
    f"id: x\nconcepts:\n  - id: a\n{_TERM}    exceptions: [{{text: x}}]\n",
    "id: x\nexceptions: [{text: a, url: b}]\n",
    "id: x\nnames: [{name: laki x, number: 13-2003}]\n",
    "id: x\nnames: Kanta\n",
    "id: x\nrules:\n  - {id: r, kind: regex, modifier: m, replacement: n, heads: [a]}\n",
    "id: x\nrules:\n  - {id: r, kind: modifier, modifier: m, replacement: n}\n",  # no heads
    _R + ", heads: [], parts: []}\n",
    "id: x\nrules:\n  - {kind: modifier, modifier: m, replacement: n, heads: [a]}\n",
    "id: x\ndisable: [1]\n",
]


@pytest.mark.parametrize("text", GOOD_VOCABS + BAD_VOCABS)
def test_vocabulary_schema_and_loader_agree(text: str) -> None:
    expected = text in GOOD_VOCABS
    assert (schema_accepts(VOCAB_SCHEMA, text), vocab_accepts(text)) == (expected, expected)


def test_known_gaps() -> None:
    """What only the loader refuses (see the module's docstring)."""
    for text in ("id: x\nexceptions: ['---']\n",
                 f"id: x\nconcepts:\n  - id: a\n{_TERM}  - id: a\n{_TERM}"):
        assert (schema_accepts(VOCAB_SCHEMA, text), vocab_accepts(text)) == (True, False)


# -- the key sets: a key the loader accepts and the schema does not know fails here -----------

def _with_underscores(keys: set[str]) -> set[str]:
    return keys | {k.replace("-", "_") for k in keys}


def test_config_schema_knows_every_key_the_loader_accepts() -> None:
    props = CONFIG_SCHEMA["properties"]
    assert set(props) == _with_underscores(_TOP)
    assert set(props["overrides"]["items"]["properties"]) == _with_underscores(_OVERRIDE)
    assert set(CONFIG_SCHEMA["$defs"]["package"]["properties"]) == PACKAGE_KEYS


def _loader_key_sets() -> set[frozenset[str]]:
    """Every key set the vocabulary loader passes to ``check_keys`` (read from its source)."""
    tree = ast.parse((REPO / "termlint/vocab/loader.py").read_text(encoding="utf-8"))
    return {frozenset(ast.literal_eval(node.args[0]))
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "check_keys"
            and node.args and isinstance(node.args[0], ast.Set)}


def _schema_key_sets(node: Any) -> set[frozenset[str]]:
    """Every ``properties`` key set of an object schema that forbids other keys."""
    found: set[frozenset[str]] = set()
    if isinstance(node, dict):
        if node.get("additionalProperties") is False and "properties" in node:
            found.add(frozenset(node["properties"]))
        for value in node.values():
            found |= _schema_key_sets(value)
    elif isinstance(node, list):
        for value in node:
            found |= _schema_key_sets(value)
    return found


def test_vocabulary_schema_knows_every_key_the_loader_accepts() -> None:
    loader = _loader_key_sets()
    assert len(loader) >= 7  # top, concept, term, rule, name, exception item, examples, example
    assert _schema_key_sets(VOCAB_SCHEMA) == loader


@pytest.mark.parametrize(("name", "file"), [("config", "termlint-config.schema.json"),
                                            ("vocabulary", "vocabulary.schema.json")])
def test_termlint_schema_prints_the_schema(name: str, file: str) -> None:
    code, out, _ = run_cli(["schema", name])
    assert code == 0 and json.loads(out) == json.loads((REPO / "schemas" / file).read_text("utf-8"))
