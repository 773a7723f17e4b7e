"""Library entry points: build an engine once, lint text without touching files."""

from __future__ import annotations

import threading
from collections.abc import Iterable

from termlint.engine import Engine
from termlint.lint import LineIndex, place
from termlint.model import Finding, Segment, sort_findings
from termlint.morphology import Morphology
from termlint.morphology.inflect_api import Inflector
from termlint.sources import Document
from termlint.vocab import load_selection


def make_inflector(morphology: Morphology) -> Inflector | None:
    """The verified inflector, when the inflection module is available."""
    import importlib

    try:
        module = importlib.import_module("termlint.morphology.inflect")
    except ImportError:
        return None
    inflector: Inflector = module.VoikkoInflector(morphology)
    return inflector


def build_engine(vocabularies: Iterable[str] = (), disabled: Iterable[str] = (),
                 morphology: Morphology | None = None) -> Engine:
    """An engine for the named vocabularies (bundled names or paths; none = defaults)."""
    morph = morphology if morphology is not None else Morphology()
    return Engine(load_selection(vocabularies), morph, make_inflector(morph), disabled)


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
