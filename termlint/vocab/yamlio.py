"""Write a :class:`Vocabulary` back as a vocabulary YAML file that the loader reads unchanged.

Importers build a :class:`Vocabulary` and call :func:`dump_vocabulary`; the test suite parses
the text again, so the writer and :mod:`termlint.vocab.schema` cannot drift apart.
"""

from __future__ import annotations

from typing import Any

import yaml

from termlint.vocab.schema import Example, Name, Rule, Term, Vocabulary


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


def dump_vocabulary(vocab: Vocabulary, header: str = "") -> str:
    """YAML text for ``vocab``; ``header`` lines are written first as comments."""
    body = yaml.dump(vocabulary_data(vocab), Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True, width=100, default_flow_style=False)
    comments = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    return comments + body


