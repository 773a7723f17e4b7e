"""Library entry points: build an engine once, lint text without touching files."""

from __future__ import annotations

import threading

from termlint.assembly import (
    LazyAnalyzer,
    LazyInflector,
    build_engine,
    cache_identity,
    make_inflector,
)
from termlint.engine import Engine
from termlint.lint import LineIndex, place
from termlint.model import Finding, Segment, sort_findings
from termlint.sources import Document

__all__ = ["LazyAnalyzer", "LazyInflector", "build_engine", "cache_identity", "default_engine",
           "lint_text", "make_inflector"]


_default: Engine | None = None
_default_lock = threading.Lock()


def default_engine() -> Engine:
    global _default
    with _default_lock:
        if _default is None:
            _default = build_engine()
        return _default


def lint_text(text: str, language: str = "fi", engine: Engine | None = None) -> list[Finding]:
    """Findings in ``text`` with the bundled default vocabularies (path ``<text>``)."""
    eng = engine if engine is not None else default_engine()
    doc = Document(path="<text>", text=text, format="text", language=language)
    segment = Segment(text=text, language=language)
    index = LineIndex(text)
    return sort_findings([place(doc, segment, m, index) for m in eng.lint_segment(segment)])
