"""Library entry points: build an engine once, lint text without touching files."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from termlint.engine import Engine
from termlint.lint import LineIndex, place
from termlint.model import Analysis, Finding, Segment, sort_findings
from termlint.morphology import Morphology, WordAnalyzer
from termlint.morphology.inflect_api import Inflector
from termlint.sources import Document
from termlint.vocab import Vocabulary, apply_disables, load_selection


def make_inflector(morphology: Morphology, persistent: bool = True) -> Inflector:
    """The verified inflector; with ``persistent``, its forms are kept in the on-disk cache
    (saved when the process exits), so later runs skip building the same paradigms."""
    from termlint.morphology.inflect import VoikkoInflector

    if not persistent:
        return VoikkoInflector(morphology)
    import atexit

    from termlint.cache import JsonCache

    store = JsonCache(f"forms-{cache_identity(morphology)}")
    atexit.register(store.save)
    return VoikkoInflector(morphology, store=store)


def cache_identity(morphology: Morphology) -> str:
    """The analyser's name and fingerprint: what on-disk caches of its answers are named by."""
    fingerprint = getattr(morphology.backend, "fingerprint", None)
    return morphology.backend.name + (f"-{fingerprint()}" if callable(fingerprint) else "")


def _persistent_morphology(persistent: bool = True) -> Morphology:
    """The analyser, with its analyses kept on disk between runs (saved at exit) unless
    ``persistent`` is false."""
    import atexit

    from termlint.morphology import load_backend

    morphology = Morphology(load_backend(deferred=True), persistent=persistent)
    atexit.register(morphology.save)
    return morphology


def build_engine(vocabularies: Iterable[str | Vocabulary] = (), disabled: Iterable[str] = (),
                 morphology: Morphology | None = None, use_prefilter: bool = True) -> Engine:
    """An engine for the named vocabularies (bundled names or paths; none = defaults), or for
    already loaded :class:`Vocabulary` objects (used as given, their ``disable`` lists applied).

    Swedish terms get their own analyser, taught the heads of the Swedish terms so that it can
    split compounds (*webbtjänsterna* = *webb* + *tjänst*).
    """
    # --no-prefilter analyses every word of the text: a diagnostic run, whose analyses would
    # only crowd out the words that matter from the on-disk cache.
    morph = morphology if morphology is not None else _persistent_morphology(use_prefilter)
    wanted = list(vocabularies)
    loaded = [v for v in wanted if isinstance(v, Vocabulary)]
    vocabs = (apply_disables(loaded) if loaded
              else load_selection([v for v in wanted if isinstance(v, str)]))
    swedish_terms = (
        [t.text for v in vocabs for c in v.concepts for t in c.terms if t.language == "sv"]
        + [h for v in vocabs for r in v.rules if r.language == "sv" for h in (*r.heads, *r.parts)]
    )

    def swedish() -> WordAnalyzer:
        from termlint.morphology.swedish import SwedishMorphology, heads_of

        return SwedishMorphology(heads_of(swedish_terms))

    import atexit

    from termlint.cache import JsonCache

    stems = JsonCache(f"stems-{cache_identity(morph)}")
    atexit.register(stems.save)  # stems derived during the run, for the patterns' other words
    return Engine(vocabs, morph, make_inflector(morph), disabled,
                  analyzers={"sv": LazyAnalyzer(swedish)}, use_prefilter=use_prefilter,
                  stem_cache=stems)


class LazyAnalyzer:
    """An analyser built on first use: loading the Swedish lemma table takes most of a second,
    which a run over Finnish files should never pay."""

    def __init__(self, factory: Callable[[], WordAnalyzer]) -> None:
        self._factory = factory
        self._analyzer: WordAnalyzer | None = None
        self._lock = threading.Lock()

    def _get(self) -> WordAnalyzer:
        with self._lock:
            if self._analyzer is None:
                self._analyzer = self._factory()
            return self._analyzer

    def analyze(self, word: str) -> tuple[Analysis, ...]:
        return self._get().analyze(word)

    def repair_diacritics(self, word: str) -> tuple[str, tuple[Analysis, ...]]:
        return self._get().repair_diacritics(word)


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
