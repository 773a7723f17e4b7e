"""File formats. ``source_for(path)`` picks the reader; one module per format.

Order matters: specific formats come before generic ones, and a source may look at the file's
bytes (``Source.sniff``) when the suffix alone does not decide, e.g. ``.xml``.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from termlint.sources.base import Comment, Document, Source, SourceError

#: (module, class, suffixes) in the order readers are tried. Modules are imported only when a
#: file with one of their suffixes turns up, which keeps start-up small.
_REGISTRY: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("json", "ArbSource", (".arb",)),
    ("json", "XcstringsSource", (".xcstrings",)),
    ("json", "JsonSource", (".json",)),
    ("jsonfive", "Json5Source", (".json5",)),
    ("resx", "ResxSource", (".resx", ".resw")),
    ("ftl", "FluentSource", (".ftl",)),
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
#: Each reader's name (``Source.name``, what configuration's ``readers`` maps a suffix to), with
#: its place in the registry: naming a reader imports its module only.
_NAMES: dict[str, tuple[str, str]] = {
    "arb": ("json", "ArbSource"), "xcstrings": ("json", "XcstringsSource"),
    "json": ("json", "JsonSource"), "json5": ("jsonfive", "Json5Source"),
    "resx": ("resx", "ResxSource"), "fluent": ("ftl", "FluentSource"),
    "yaml": ("yaml", "YamlSource"), "po": ("po", "PoSource"),
    "properties": ("properties", "PropertiesSource"), "strings": ("strings", "StringsSource"),
    "stringsdict": ("xml", "StringsdictSource"), "android": ("xml", "AndroidSource"),
    "xliff": ("xml", "XliffSource"), "xml": ("xml", "XmlSource"),
    "html": ("html", "HtmlSource"), "markdown": ("markdown", "MarkdownSource"),
    "text": ("text", "TextSource"),
}
READER_NAMES = tuple(sorted(_NAMES))


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


def reader_problem(suffix: object, name: object) -> str | None:
    """What is wrong with one ``readers`` entry of a configuration, or None."""
    if not isinstance(suffix, str) or not suffix.startswith(".") or len(suffix) < 2 \
            or "/" in suffix or "\\" in suffix:
        return f"{suffix!r} is not a file suffix such as '.jsonc'"
    if name not in _NAMES:
        return f"unknown reader {name!r} for {suffix!r} (readers: {', '.join(READER_NAMES)})"
    return None


def mapped_reader(path: str, readers: Mapping[str, str]) -> str | None:
    """The reader configuration's ``readers`` maps ``path``'s suffix to (the longest suffix
    that ends the name, case aside), or None."""
    lower = path.lower()
    best = max((s for s in readers if lower.endswith(s.lower())), key=len, default=None)
    return readers[best] if best is not None else None


def source_for(path: str, raw: bytes | None = None,
               readers: Mapping[str, str] | None = None) -> Source | None:
    """The source that reads ``path``, or None when no format claims it.

    ``readers`` (configuration: suffix → reader name) comes first: ``{".jsonc": "json5"}``
    reads a ``.jsonc`` file with the JSON5 reader. With ``raw`` (the file's bytes) a source
    may also check the content, so an ``.xml`` file goes to the reader of its vocabulary
    (Android resources, XLIFF, plist).
    """
    named = mapped_reader(path, readers) if readers else None
    if named is not None:
        source = source_by_name(named)
        return source if raw is None else source.refine(path, raw)
    for source in _candidates(path):
        if source.handles(path) and (raw is None or source.sniff(path, raw)):
            return source if raw is None else source.refine(path, raw)
    return None


def source_by_name(name: str) -> Source:
    """The reader called ``name`` (one of :data:`READER_NAMES`); KeyError for another."""
    module, cls = _NAMES[name]
    return _instance(module, cls)


__all__ = [
    "READER_NAMES",
    "SOURCES",
    "Comment",
    "Document",
    "Source",
    "SourceError",
    "mapped_reader",
    "reader_problem",
    "source_by_name",
    "source_for",
]
