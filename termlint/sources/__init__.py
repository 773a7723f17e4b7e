"""File formats. ``source_for(path)`` picks the reader; one module per format.

Order matters: specific formats come before generic ones, and a source may look at the file's
bytes (``Source.sniff``) when the suffix alone does not decide, e.g. ``.xml``.
"""

from __future__ import annotations

from termlint.sources.base import Comment, Document, Source, SourceError
from termlint.sources.html import HtmlSource
from termlint.sources.json import ArbSource, JsonSource
from termlint.sources.markdown import MarkdownSource
from termlint.sources.po import PoSource
from termlint.sources.properties import PropertiesSource
from termlint.sources.strings import StringsSource
from termlint.sources.text import TextSource
from termlint.sources.xml import AndroidSource, StringsdictSource, XliffSource, XmlSource
from termlint.sources.yaml import YamlSource

SOURCES: tuple[Source, ...] = (
    ArbSource(),
    JsonSource(),
    YamlSource(),
    PoSource(),
    PropertiesSource(),
    StringsSource(),
    StringsdictSource(),
    AndroidSource(),
    XliffSource(),
    XmlSource(),
    HtmlSource(),
    MarkdownSource(),
    TextSource(),
)


def source_for(path: str, raw: bytes | None = None) -> Source | None:
    """The source that reads ``path``, or None when no format claims it.

    With ``raw`` (the file's bytes) a source may also check the content, so an ``.xml`` file
    goes to the reader of its vocabulary (Android resources, XLIFF, plist).
    """
    for source in SOURCES:
        if source.handles(path) and (raw is None or source.sniff(path, raw)):
            return source if raw is None else source.refine(path, raw)
    return None


def source_by_name(name: str) -> Source:
    for source in SOURCES:
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
