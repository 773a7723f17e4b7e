"""Write a :class:`Vocabulary` back as a vocabulary YAML file that the loader reads unchanged.

Importers build a :class:`Vocabulary` and call :func:`dump_vocabulary`; the test suite parses
the text again, so the writer and :mod:`termlint.vocab.schema` cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

from termlint.vocab.schema import Example, Name, Rule, Term, Vocabulary

#: The width lines are kept to (a longer string is broken over lines).
_WIDTH = 100


class _Flow(dict[str, Any]):
    """A mapping written on one line (terms and examples), as the bundled files are."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key, as the hand-written files do.
        super().increase_indent(flow, False)


def _flow(dumper: _Dumper, data: _Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


_Dumper.add_representer(_Flow, _flow)

_OPTIONS: dict[str, Any] = {"sort_keys": False, "allow_unicode": True, "width": _WIDTH,
                            "default_flow_style": False}


_CSafeDumper: Any = getattr(yaml, "CSafeDumper", None)
_Fast: Any = None
if _CSafeDumper is not None:
    class _CDumper(_CSafeDumper):  # type: ignore[misc]
        """libyaml's emitter with :class:`_Dumper`'s representation."""

        def ignore_aliases(self, data: Any) -> bool:
            return True

    _CDumper.add_representer(_Flow, _flow)
    _Fast = _CDumper


def _pieces(data: dict[str, Any]) -> Iterator[tuple[dict[str, Any], bool]]:
    """The top-level entries of ``data`` as one-key mappings, a list cut into one mapping per
    item (``True``: drop the key's line, written with the first item).

    A block mapping's entries and a block sequence's items are written the same whatever their
    neighbours are (no anchors, no flow style at this level), so the text of the pieces, joined,
    is the text of the whole; and each piece can take the fast path or not on its own."""
    for key, value in data.items():
        if isinstance(value, list) and value:
            for index, item in enumerate(value):
                yield {key: [item]}, index > 0
        else:
            yield {key: value}, False


def _dump_piece(piece: dict[str, Any], drop_first: bool) -> str:
    text = fast_dump(piece)
    if text is None:
        text = yaml.dump(piece, Dumper=_Dumper, **_OPTIONS)
    return text.split("\n", 1)[1] if drop_first else text


def fast_dump(data: dict[str, Any]) -> str | None:
    """What ``yaml.dump(data, Dumper=_Dumper)`` writes, made by libyaml's emitter in C (ten
    times faster on a big import), or None where that cannot be sure to be byte-identical.

    Two things differ: libyaml writes a block sequence under a mapping key at the key's column
    (``terms:`` / ``- x``) where :class:`_Dumper` indents it as the hand-written files do, which
    :func:`_indent_sequences` adds back; and the two emitters may break a long line or a line
    break inside a string differently. So the C path is taken only when every string is
    printable on one line (no line break, control or format character, nothing beyond the
    Basic Multilingual Plane) and no line of the
    result is longer than the width, where neither emitter ever breaks a line."""
    if _Fast is None or not _one_line_strings(data):
        return None
    raw = yaml.dump(data, Dumper=_Fast, **_OPTIONS)
    return _indent_sequences(raw)


def _one_line_strings(data: Any) -> bool:
    """Whether every string in ``data`` (keys too) is printable, on one line and in the BMP."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            # libyaml escapes a character beyond the BMP even with allow_unicode (a random
            # test found it); PyYAML writes it as it is.
            if not item.isprintable() or (not item.isascii() and max(item) > "\uffff"):
                return False
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return True


def _indent_sequences(raw: str) -> str | None:
    """libyaml's block output with every block sequence under a mapping key indented by two
    more columns (and everything inside it), or None for a line over the width.

    A sequence is under a key when its first item (``-`` at column c) follows a line that ends
    with ``:`` and whose key starts at column c; with every string on one line, a line that
    ends with ``:`` is always such a key (a plain string ending with ``:`` is quoted)."""
    out: list[str] = []
    open_at: list[int] = []  # libyaml columns of the indented sequences around this line
    key_column = -1
    for line in raw.splitlines():
        rest = line.lstrip(" ")
        column = len(line) - len(rest)
        item = rest == "-" or rest.startswith("- ")
        while open_at and (column < open_at[-1] or (column == open_at[-1] and not item)):
            open_at.pop()
        if item and column == key_column and (not open_at or open_at[-1] != column):
            open_at.append(column)
        shifted = " " * (2 * len(open_at)) + line
        if len(shifted) > _WIDTH or not rest:
            return None
        out.append(shifted)
        key_column = -1
        if rest.endswith(":"):
            dashes = 0
            while rest.startswith("- ", 2 * dashes):
                dashes += 1
            key_column = column + 2 * dashes
    return "\n".join(out) + "\n"


def _term(term: Term) -> Any:
    entry = _Flow(term=term.text, status=term.status.value)
    if term.match != "head":
        entry["match"] = term.match
    if term.fuzzy:
        entry["fuzzy"] = True
    if not term.fix:
        entry["fix"] = False
    if term.note:
        entry["note"] = term.note
    if term.message:
        entry["message"] = term.message
    return entry


def _examples(examples: tuple[Example, ...]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for example in examples:
        kind = "flag" if example.flag else "pass"
        if example.fix is None and example.language == "fi":
            item: Any = example.text
        else:
            item = _Flow(text=example.text)
            if example.fix is not None:
                item["fix"] = example.fix
            if example.language != "fi":
                item["language"] = example.language
        out.setdefault(kind, []).append(item)
    return out


def _rule(rule: Rule) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": rule.id, "kind": rule.kind}
    if rule.language != "fi":
        entry["language"] = rule.language
    entry["modifier"] = rule.modifier
    entry["replacement"] = rule.replacement
    for key in ("heads", "parts", "exceptions"):
        if getattr(rule, key):
            entry[key] = list(getattr(rule, key))
    entry["severity"] = str(rule.severity)
    for key in ("concept", "source", "message"):
        if getattr(rule, key):
            entry[key] = getattr(rule, key)
    if rule.examples:
        entry["examples"] = _examples(rule.examples)
    return entry


def _cited(text: str, cited: tuple[str | None, str | None] | None,
           language: str = "fi") -> Any:
    """An exception: its text, or ``{text, source, note, language}`` when it cites a source
    or is not Finnish."""
    if cited is None and language == "fi":
        return text
    entry: dict[str, Any] = {"text": text}
    for key, value in zip(("source", "note"), cited or (None, None), strict=True):
        if value:
            entry[key] = value
    if language != "fi":
        entry["language"] = language
    return entry


def _name(name: Name) -> Any:
    """A name: its text, or ``{name, number, source, note, language}`` with what it has."""
    if not (name.number or name.source or name.note or name.language != "fi"):
        return name.text
    entry: dict[str, Any] = {"name": name.text}
    for key in ("number", "source", "note"):
        if getattr(name, key):
            entry[key] = getattr(name, key)
    if name.language != "fi":
        entry["language"] = name.language
    return entry


def vocabulary_data(vocab: Vocabulary) -> dict[str, Any]:
    """The plain data of a vocabulary file (what :func:`dump_vocabulary` writes)."""
    data: dict[str, Any] = {"id": vocab.id}
    for key in ("title", "source", "licence"):
        if getattr(vocab, key):
            data[key] = getattr(vocab, key)
    data["default"] = vocab.default
    if vocab.severity:
        data["severity"] = {status.value: str(sev) for status, sev in vocab.severity.items()}
    if vocab.disable:
        data["disable"] = list(vocab.disable)
    if vocab.exceptions:
        data["exceptions"] = [_cited(text, vocab.exception_sources.get(text),
                                     vocab.exception_language(text))
                              for text in vocab.exceptions]
    if vocab.names:
        data["names"] = [_name(n) for n in vocab.names]
    concepts: list[dict[str, Any]] = []
    for concept in vocab.concepts:
        entry: dict[str, Any] = {"id": concept.id}
        if concept.source:
            entry["source"] = concept.source
        if concept.note:
            entry["note"] = concept.note
        if concept.severity is not None:
            entry["severity"] = str(concept.severity)
        if concept.exceptions:
            entry["exceptions"] = list(concept.exceptions)
        terms: dict[str, list[Any]] = {}
        for term in concept.terms:
            terms.setdefault(term.language, []).append(_term(term))
        entry["terms"] = terms
        if concept.examples:
            entry["examples"] = _examples(concept.examples)
        concepts.append(entry)
    if concepts:
        data["concepts"] = concepts
    if vocab.rules:
        data["rules"] = [_rule(r) for r in vocab.rules]
    return data


def dump_vocabulary(vocab: Vocabulary, header: str = "", fast: bool = True) -> str:
    """YAML text for ``vocab``; ``header`` lines are written first as comments. ``fast=False``
    writes with PyYAML's Python emitter alone (the tests check both give the same bytes)."""
    data = vocabulary_data(vocab)
    if fast:
        body = "".join(_dump_piece(piece, drop_first) for piece, drop_first in _pieces(data))
    else:
        body = yaml.dump(data, Dumper=_Dumper, **_OPTIONS)
    comments = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    return comments + body


