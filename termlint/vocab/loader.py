"""Reading vocabulary and rule files into the model of :mod:`termlint.vocab.schema`, with the
file and line of any error.

The loader is YAML with line numbers kept per item, no aliases or merge keys (a vocabulary is
data a terminologist reviews, and an alias bomb must not expand), and a check of every key and
value against the schema; the model stays free of YAML so that importers (TBX, SKOS, CSV) and
the engine depend on the dataclasses alone.
"""

from __future__ import annotations

import codecs
import functools
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from termlint.model import Severity, Status
from termlint.validation import LANGUAGES
from termlint.vocab.schema import (
    MATCH_MODES,
    RULE_KINDS,
    Concept,
    Example,
    Name,
    Rule,
    Term,
    VocabError,
    Vocabulary,
    has_word,
)


class _Lines(list[Any]):
    """A YAML sequence that remembers the 1-based line of each item (``item_lines``)."""

    item_lines: list[int]


def _with_lines(items: list[Any], default: int | None) -> Iterator[tuple[int | None, Any]]:
    """Each item of a YAML sequence with its line (``default`` where none is recorded)."""
    lines = getattr(items, "item_lines", [])
    for position, item in enumerate(items):
        yield (lines[position] if position < len(lines) else default), item


class _AliasRefused(Exception):
    """A vocabulary file uses a YAML alias; ``line`` is 1-based."""

    def __init__(self, mark: Any) -> None:
        super().__init__("alias")
        self.line: int | None = mark.line + 1 if mark is not None else None


@functools.lru_cache(maxsize=1)
def _line_loader() -> Any:
    """A safe YAML loader that records lines: each mapping's under the key ``__line__``, each
    sequence item's in ``item_lines``.

    PyYAML is imported here, not at the top: a run whose vocabularies are all in the parse
    cache (:func:`read_yaml`) never loads it, which is a tenth of termlint's start-up.
    """
    import yaml

    #: libyaml's safe loader when PyYAML was built with it (5x faster), else the Python one.
    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class LineLoader(base):  # type: ignore[misc]
        def construct_object(self, node: Any, deep: bool = False) -> Any:
            # A node met a second time is an alias (or a merge of an anchored mapping).
            # Vocabularies need none, and each use would be expanded again by every later
            # pass (the parse cache, the schema reader): a 319-byte file of nested aliases
            # took 2.2 s and 358 MiB, nine times more per level. Refused where it is used.
            if node in self.constructed_objects:
                raise _AliasRefused(node.start_mark)
            return super().construct_object(node, deep)

    def mapping(loader: Any, node: Any) -> dict[str, Any]:
        found = {str(k): v for k, v in loader.construct_mapping(node, deep=True).items()}
        found["__line__"] = node.start_mark.line + 1
        return found

    def sequence(loader: Any, node: Any) -> list[Any]:
        items = _Lines(loader.construct_sequence(node, deep=True))
        items.item_lines = [child.start_mark.line + 1 for child in node.value]
        return items

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, sequence)
    return LineLoader


def read_yaml(path: str, text: str) -> Any:
    """Parse YAML safely (no tags, no code) with line numbers; errors name file and line.

    A file parsed before is taken from the parse cache (:mod:`termlint.cache`), keyed by a
    hash of its text; a file that fails to parse is never cached.
    """
    from termlint.cache import ParseCache

    cache = ParseCache("vocab-yaml")
    found = cache.get(text)
    if found is not None:
        return _decode_lines(found)
    data = _parse_yaml(path, text)
    cache.put(text, _encode_lines(data))
    return data


_ITEMS, _ITEM_LINES = "\x00items", "\x00lines"


def _encode_lines(data: Any) -> Any:
    """``data`` as plain JSON values: a :class:`_Lines` becomes a mapping of its items and
    their lines, under keys starting with NUL (no vocabulary key does)."""
    if isinstance(data, _Lines):
        return {_ITEMS: [_encode_lines(v) for v in data],
                _ITEM_LINES: list(getattr(data, "item_lines", []))}
    if isinstance(data, dict):
        return {k: _encode_lines(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_encode_lines(v) for v in data]
    return data


def _decode_lines(data: Any) -> Any:
    if isinstance(data, dict):
        if _ITEMS in data:
            items = _Lines(_decode_lines(v) for v in data[_ITEMS])
            items.item_lines = list(data[_ITEM_LINES])
            return items
        return {k: _decode_lines(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_decode_lines(v) for v in data]
    return data


def _parse_yaml(path: str, text: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=_line_loader())
    except _AliasRefused as exc:
        raise VocabError(path, exc.line, "the value anchored here is used again: YAML "
                                         "aliases (*name) and merge keys (<<) are not allowed "
                                         "in vocabulary files; write the value out") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        problem = " ".join(str(exc.problem or exc).split())
        raise VocabError(path, line, f"invalid YAML: {problem}") from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else None
        what = f"U+{code:04X}" if code is not None else repr(exc.character)
        raise VocabError(path, line, f"invalid YAML: special character {what} is not "
                                     "allowed") from None
    except yaml.YAMLError as exc:
        raise VocabError(path, None, f"invalid YAML: {' '.join(str(exc).split())}") from None
    except RecursionError:
        raise VocabError(path, None, "invalid YAML: nesting too deep") from None


def _yaml_kind(data: Any) -> str:
    """What a YAML value is, in the file's words (not Python's: a user never wrote a
    ``_Lines``)."""
    if data is None:
        return "nothing"
    if isinstance(data, list):
        return "a list (- items)"
    if isinstance(data, bool):
        return "true/false"
    if isinstance(data, (int, float)):
        return "a number"
    return "a text" if isinstance(data, str) else "another kind of value"


class _Reader:
    """Typed access to one mapping with errors that carry the file and line."""

    def __init__(self, path: str, data: Any, what: str, line: int | None = None) -> None:
        if not isinstance(data, dict):
            raise VocabError(path, line, f"{what} must be a mapping (key: value), "
                                         f"got {_yaml_kind(data)}")
        self.path = path
        self.data = data
        self.line: int | None = data.get("__line__", line)
        self.what = what

    def error(self, message: str) -> VocabError:
        return VocabError(self.path, self.line, message)

    def check_keys(self, allowed: set[str]) -> None:
        unknown = sorted(k for k in self.data if k != "__line__" and k not in allowed)
        if unknown:
            raise self.error(
                f"unknown key {unknown[0]!r} in {self.what} (allowed: {', '.join(sorted(allowed))})"
            )

    def text(self, key: str, default: str | None = None, required: bool = False) -> str | None:
        value = self.data.get(key, default)
        if value is None:
            if required:
                raise self.error(f"{self.what} needs {key!r}")
            return None
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise self.error(f"{key!r} in {self.what} must be text")
        return str(value)

    def req(self, key: str) -> str:
        value = self.text(key, required=True)
        assert value is not None
        return value

    def flag(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.error(f"{key!r} in {self.what} must be true or false")
        return value

    def str_list(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(f"{key!r} in {self.what} must be a list of texts")
        return tuple(value)

    def phrases(self, key: str,
                cited: dict[str, tuple[str | None, str | None]] | None = None,
                languages: dict[str, str] | None = None,
                ) -> tuple[str, ...]:
        """A list of texts the engine compiles into patterns: each needs a word in it.

        With ``cited``, an item may also be a mapping ``{text: …, source: …, note: …}``, so
        that an exception can cite where it comes from; its source and note go into
        ``cited``, by text (the engine needs the text only). With ``languages`` too, the
        mapping may say ``language: sv``; a language other than Finnish goes there."""
        raw = self.data.get(key, [])
        if cited is not None and isinstance(raw, list):
            items: list[Any] = []
            for line, item in _with_lines(raw, self.line):
                if isinstance(item, dict):
                    entry = _Reader(self.path, item, f"item of {key!r}", line)
                    entry.check_keys({"text", "source", "note", "language"})
                    item = entry.req("text")
                    cited[item] = (entry.text("source"), entry.text("note"))
                    language = _language(entry)
                    if languages is not None and language != "fi":
                        languages[item] = language
                items.append(item)
            raw = items
        values = _Reader(self.path, {key: raw, "__line__": self.line}, self.what).str_list(key)
        for value in values:
            if not has_word(value):
                raise self.error(f"{value!r} in {key!r} has no word to match "
                                 "(no letter or digit)")
        return values

    def severity(self, key: str) -> Severity | None:
        value = self.text(key)
        if value is None:
            return None
        try:
            return Severity.parse(value)
        except ValueError as exc:
            raise self.error(str(exc)) from None


_NUMBER = re.compile(r"\d{1,5}/\d{4}")


def _names(reader: _Reader) -> tuple[Name, ...]:
    """The ``names`` list: each a text, or ``{name, number, source, note}``."""
    raw = reader.data.get("names", [])
    if not isinstance(raw, list):
        raise reader.error("'names' must be a list")
    out: list[Name] = []
    for line, item in _with_lines(raw, reader.line):
        if isinstance(item, str):
            item = {"name": item, "__line__": line}
        entry = _Reader(reader.path, item, "item of 'names'", line)
        entry.check_keys({"name", "number", "source", "note", "language"})
        text = " ".join(entry.req("name").split())
        if not has_word(text):
            raise entry.error(f"name {text!r} has no word to match (no letter or digit)")
        number = entry.text("number")
        if number is not None and not _NUMBER.fullmatch(number.strip()):
            raise entry.error(f"number {number!r} of name {text!r} must look like 13/2003 "
                              "(number/year)")
        out.append(Name(text=text, number=number.strip() if number else None,
                        source=entry.text("source"), note=entry.text("note"), line=entry.line,
                        language=_language(entry)))
    return tuple(out)


def _language(entry: _Reader) -> str:
    """An item's ``language`` (Finnish when it has none); an unknown code is an error."""
    language = entry.text("language", "fi") or "fi"
    if language not in LANGUAGES:
        raise entry.error(f"language {language!r} must be one of {', '.join(LANGUAGES)}")
    return language


def _examples(reader: _Reader) -> tuple[Example, ...]:
    raw = reader.data.get("examples")
    if raw is None:
        return ()
    ex = _Reader(reader.path, raw, "examples", reader.line)
    ex.check_keys({"flag", "pass"})
    out: list[Example] = []
    for kind in ("flag", "pass"):
        items = ex.data.get(kind, [])
        if not isinstance(items, list):
            raise ex.error(f"examples.{kind} must be a list")
        for line, item in _with_lines(items, ex.line):
            if isinstance(item, str):
                out.append(Example(text=item, flag=kind == "flag", line=line))
                continue
            entry = _Reader(reader.path, item, f"example in examples.{kind}", ex.line)
            entry.check_keys({"text", "fix", "language"})
            fix = entry.text("fix")
            if kind == "pass" and fix is not None:
                raise entry.error("a 'pass' example cannot have a 'fix'")
            out.append(Example(text=entry.req("text"), flag=kind == "flag", fix=fix,
                               line=entry.line, language=entry.text("language", "fi") or "fi"))
    return tuple(out)


def _status(reader: _Reader) -> Status:
    value = reader.req("status")
    try:
        return Status(value)
    except ValueError:
        names = ", ".join(s.value for s in Status)
        raise reader.error(f"unknown status {value!r} (expected one of: {names})") from None


def _concept(path: str, raw: Any, index: int) -> Concept:
    reader = _Reader(path, raw, f"concept #{index + 1}")
    reader.check_keys({"id", "terms", "exceptions", "note", "source", "severity", "examples"})
    cid = reader.req("id")
    terms_raw = reader.data.get("terms")
    terms_reader = _Reader(path, terms_raw, f"terms of concept {cid!r}", reader.line)
    terms: list[Term] = []
    for language, items in terms_reader.data.items():
        if language == "__line__":
            continue
        if not isinstance(items, list) or not items:
            raise terms_reader.error(f"terms.{language} of {cid!r} must be a non-empty list")
        for line, item in _with_lines(items, terms_reader.line):
            if isinstance(item, str):
                item = {"term": item, "status": "preferred", "__line__": line}
            term = _Reader(path, item, f"term of concept {cid!r}", terms_reader.line)
            term.check_keys({"term", "status", "match", "note", "fuzzy", "fix", "message"})
            match = term.text("match", "head") or "head"
            if match not in MATCH_MODES:
                modes = ", ".join(MATCH_MODES)
                raise term.error(f"unknown match {match!r} (expected one of: {modes})")
            text = term.req("term").strip()
            if not has_word(text):
                raise term.error(f"term {text!r} of concept {cid!r} has no word to match "
                                 "(no letter or digit)")
            terms.append(Term(text=text, status=_status(term),
                              language=language, match=match, note=term.text("note"),
                              line=term.line, fuzzy=term.flag("fuzzy", False),
                              fix=term.flag("fix", True), message=term.text("message")))
    if not any(t.status is Status.PREFERRED for t in terms):
        raise reader.error(f"concept {cid!r} has no preferred term")
    return Concept(id=cid, terms=tuple(terms), exceptions=reader.phrases("exceptions"),
                   note=reader.text("note"), source=reader.text("source"),
                   severity=reader.severity("severity"), examples=_examples(reader),
                   line=reader.line)


def _rule(path: str, raw: Any, index: int) -> Rule:
    reader = _Reader(path, raw, f"rule #{index + 1}")
    reader.check_keys({"id", "kind", "language", "modifier", "replacement", "heads", "parts",
                       "exceptions", "severity", "message", "concept", "source", "examples"})
    kind = reader.req("kind")
    if kind not in RULE_KINDS:
        kinds = ", ".join(RULE_KINDS)
        raise reader.error(f"unknown rule kind {kind!r} (expected one of: {kinds})")
    heads, parts = reader.phrases("heads"), reader.phrases("parts")
    if not heads and not parts:
        raise reader.error("a modifier rule needs 'heads' or 'parts'")
    modifier, replacement = reader.req("modifier"), reader.req("replacement")
    for key, value in (("modifier", modifier), ("replacement", replacement)):
        if not has_word(value):
            raise reader.error(f"{key!r} {value!r} has no word to match (no letter or digit)")
    return Rule(id=reader.req("id"), kind=kind, language=reader.text("language", "fi") or "fi",
                modifier=modifier, replacement=replacement,
                heads=heads, parts=parts, exceptions=reader.phrases("exceptions"),
                severity=reader.severity("severity") or Severity.WARNING,
                message=reader.text("message"), concept=reader.text("concept"),
                source=reader.text("source"), examples=_examples(reader), line=reader.line)


def parse_vocabulary(path: str, text: str) -> Vocabulary:
    """Build a :class:`Vocabulary` from YAML text; every problem is a :class:`VocabError`."""
    data = read_yaml(path, text)
    top = _Reader(path, data, "vocabulary file", 1)
    top.check_keys({"id", "title", "source", "licence", "default", "severity", "concepts",
                    "rules", "exceptions", "disable", "names"})
    concepts_raw = top.data.get("concepts", [])
    rules_raw = top.data.get("rules", [])
    if not isinstance(concepts_raw, list) or not isinstance(rules_raw, list):
        raise top.error("'concepts' and 'rules' must be lists")
    severity: dict[Status, Severity] = {}
    if "severity" in top.data:
        sev = _Reader(path, top.data["severity"], "severity", top.line)
        for key, value in sev.data.items():
            if key == "__line__":
                continue
            try:
                severity[Status(key)] = Severity.parse(str(value))
            except ValueError as exc:
                raise sev.error(f"severity.{key}: {exc}") from None
    concepts = tuple(_concept(path, c, i) for i, c in enumerate(concepts_raw))
    cited: dict[str, tuple[str | None, str | None]] = {}
    languages: dict[str, str] = {}
    exceptions = top.phrases("exceptions", cited, languages)
    seen: set[str] = set()
    for concept in concepts:
        if concept.id in seen:
            raise VocabError(path, concept.line, f"duplicate concept id {concept.id!r}")
        seen.add(concept.id)
    return Vocabulary(
        id=top.req("id"), path=path, title=top.text("title", "") or "",
        source=top.text("source"), licence=top.text("licence"),
        default=top.flag("default", True), severity=severity, concepts=concepts,
        rules=tuple(_rule(path, r, i) for i, r in enumerate(rules_raw)),
        exceptions=exceptions, disable=top.str_list("disable"),
        names=_names(top), exception_sources=cited, exception_languages=languages,
        line=top.line,
    )


def load_vocabulary(path: str | Path) -> Vocabulary:
    """Load a vocabulary or rule file; every problem, reading included, is a one-line
    :class:`VocabError` naming the file (and the line where there is one)."""
    name = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise VocabError(name, None, "no such vocabulary file") from None
    except OSError as exc:
        raise VocabError(name, None, f"cannot read vocabulary: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise VocabError(name, None, "is a directory; give a vocabulary file (.yaml)")
    if not stat.S_ISREG(info.st_mode):
        # A named pipe would block the run, a device would never end.
        raise VocabError(name, None, "not a regular file")
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise VocabError(name, None, f"cannot read vocabulary: {exc.strerror or exc}") from None
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise VocabError(name, line, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); "
                                     "vocabulary files are UTF-8") from None
    return parse_vocabulary(name, text)
