"""File formats. ``source_for(path)`` picks the reader; one module per format.

Order matters: specific formats come before generic ones, and a source may look at the file's
bytes (``Source.sniff``) when the suffix alone does not decide, e.g. ``.xml``.
"""

from __future__ import annotations

import importlib
from typing import Any

from termlint.sources.base import Comment, Document, Source, SourceError

#: (module, class, suffixes) in the order readers are tried. Modules are imported only when a
#: file with one of their suffixes turns up, which keeps start-up small.
_REGISTRY: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("json", "ArbSource", (".arb",)),
    ("json", "JsonSource", (".json",)),
    ("yaml", "YamlSource", (".yaml", ".yml")),
    ("po", "PoSource", (".po", ".pot")),
    ("properties", "PropertiesSource", (".properties",)),
    ("strings", "StringsSource", (".strings",)),
    ("xml", "StringsdictSource", (".stringsdict",)),
    ("xml", "AndroidSource", (".xml",)),
    ("xml", "XliffSource", (".xlf", ".xliff")),
    ("xml", "XmlSource", (".xml",)),
    ("html", "HtmlSource", (".html", ".htm", ".xhtml")),
    ("markdown", "MarkdownSource", (".md", ".markdown", ".mdown", ".mkd")),
    ("text", "TextSource", (".txt", ".text")),
)
_loaded: dict[str, Source] = {}


def _instance(module: str, name: str) -> Source:
    source = _loaded.get(name)
    if source is None:
        cls: type[Source] = getattr(importlib.import_module(f"termlint.sources.{module}"), name)
        source = _loaded[name] = cls()
    return source


def _candidates(path: str) -> list[Source]:
    lower = path.lower()
    return [_instance(m, c) for m, c, suffixes in _REGISTRY if lower.endswith(suffixes)]


def __getattr__(name: str) -> Any:
    if name == "SOURCES":
        return tuple(_instance(m, c) for m, c, _ in _REGISTRY)
    raise AttributeError(name)


def source_for(path: str, raw: bytes | None = None) -> Source | None:
    """The source that reads ``path``, or None when no format claims it.

    With ``raw`` (the file's bytes) a source may also check the content, so an ``.xml`` file
    goes to the reader of its vocabulary (Android resources, XLIFF, plist).
    """
    for source in _candidates(path):
        if source.handles(path) and (raw is None or source.sniff(path, raw)):
            return source if raw is None else source.refine(path, raw)
    return None


def source_by_name(name: str) -> Source:
    for module, cls, _ in _REGISTRY:
        source = _instance(module, cls)
        if source.name == name:
            return source
    raise KeyError(name)


__all__ = [
    "SOURCES",
    "Comment",
    "Document",
    "Source",
    "SourceError",
    "source_by_name",
    "source_for",
]
