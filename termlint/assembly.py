"""Building engines: the analysers, the on-disk caches and the compiled snapshots an engine is
made of.

The library facade (:mod:`termlint.api`) and the file linter's worker processes
(:mod:`termlint.lint`) both build engines; keeping the building here lets the facade sit on top
of the linter without the linter reaching back up into it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from termlint.engine import Engine
from termlint.lazy import OnFirstUse
from termlint.model import Analysis
from termlint.morphology import Morphology, WordAnalyzer
from termlint.morphology.inflect_api import Inflector

if TYPE_CHECKING:
    from termlint.cache import ParseCache, ShardedStore
    from termlint.engine.snapshot import Compiled
    from termlint.vocab.schema import Vocabulary


def make_inflector(morphology: Morphology, persistent: bool = True) -> Inflector:
    """The verified inflector; with ``persistent``, its forms are kept in the on-disk cache
    (saved when the process exits), so later runs skip building the same paradigms.

    It is built when first asked for a form: a run whose suggestions all come from the
    on-disk match store (see :func:`_match_store`) imports the inflection module and reads
    the forms cache not at all."""
    def build() -> Inflector:
        from termlint.morphology.inflect import VoikkoInflector

        if not persistent:
            return VoikkoInflector(morphology)
        import atexit

        from termlint.cache import JsonCache

        store = JsonCache(f"forms-{cache_identity(morphology)}")
        atexit.register(store.save)
        return VoikkoInflector(morphology, store=store)

    return LazyInflector(build)


class LazyInflector:
    """An inflector built on first use (see :func:`make_inflector`)."""

    def __init__(self, factory: Callable[[], Inflector]) -> None:
        self._inflector = OnFirstUse(factory)

    def inflect(self, lemma: str, case: str | None, number: str | None,
                possessive: str | None = None, clitic: str | None = None,
                like: str | None = None) -> list[str]:
        return self._inflector.get().inflect(lemma, case, number, possessive, clitic, like)


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
                 morphology: Morphology | None = None, use_prefilter: bool = True,
                 names: Iterable[str] = ()) -> Engine:
    """An engine for the named vocabularies (bundled names or paths; none = defaults), or for
    already loaded :class:`Vocabulary` objects (used as given, their ``disable`` lists applied).

    Swedish terms get their own analyser, taught the heads of the Swedish terms so that it can
    split compounds (*webbtjänsterna* = *webb* + *tjänst*).

    ``names`` are the project's own names (config ``names:``): nothing inside them is
    flagged (see :mod:`termlint.engine.names`).

    Vocabularies named by name or path, with the default persistent analyser, are compiled
    once and kept compiled on disk (see :func:`_snapshot_key`): later runs load the patterns
    and read the vocabulary files only if a language not compiled yet is needed.
    """
    # --no-prefilter analyses every word of the text: a diagnostic run, whose analyses would
    # only crowd out the words that matter from the on-disk cache.
    morph = morphology if morphology is not None else _persistent_morphology(use_prefilter)
    own_names = tuple(names)
    wanted = list(vocabularies)
    selected = [v for v in wanted if isinstance(v, str)]  # vocabulary names or paths
    disabled = tuple(disabled)

    def load() -> Sequence[Vocabulary]:
        from termlint.vocab import apply_disables, load_selection

        loaded = [v for v in wanted if not isinstance(v, str)]
        if not loaded:
            return load_selection(selected)
        from termlint.vocab.precedence import let_own_win

        return let_own_win(apply_disables(loaded))

    swedish_stored: dict[str, Any] = {}  # the Swedish analyser's data from a snapshot

    def swedish() -> WordAnalyzer:
        from termlint.morphology.swedish import SwedishMorphology

        stored = swedish_stored.get("data")
        if stored is not None:
            from termlint.morphology.swedish_lexicon import SwedishLexicon

            try:
                return SwedishMorphology(stored["heads"],
                                         lexicon=SwedishLexicon.from_data(stored["lexicon"]))
            except (KeyError, TypeError, ValueError):
                pass  # built afresh below
        return swedish_morphology(engine.vocabularies)

    import atexit

    from termlint.cache import JsonCache, ParseCache

    stems = JsonCache(f"stems-{cache_identity(morph)}")
    atexit.register(stems.save)  # stems derived during the run, for the patterns' other words
    key = (_snapshot_key(selected, disabled, morph, own_names)
           if morphology is None and len(selected) == len(wanted) else None)
    store = ParseCache("engine", keep=16)
    found = _snapshot(store.get(key)) if key is not None else None
    common: dict[str, Any] = {
        "morphology": morph, "inflector": make_inflector(morph), "disabled": disabled,
        "analyzers": {"sv": LazyAnalyzer(swedish)}, "use_prefilter": use_prefilter,
        "stem_cache": stems, "names": own_names,
    }
    if found is not None:
        languages, compiled, swedish_data = found
        if swedish_data is not None:
            swedish_stored["data"] = swedish_data
        engine = Engine(load, compiled=compiled, languages=languages, **common)
    else:
        engine = Engine(load(), **common)
        if key is not None:
            from termlint.engine import snapshot

            entry: dict[str, Any] = {"languages": sorted(engine.languages)}
            if "fi" in engine.languages:
                entry["fi"] = snapshot.dump(*engine.compiled("fi"))
            store.put(key, entry)
    if key is not None and "sv" in engine.languages and "sv" not in engine.compiled_languages:
        # Swedish is compiled on first use (a Finnish run never pays for it): if this run
        # compiles it, the snapshot gets its patterns and lexicon at exit, and later runs load
        # them and never build a Swedish lexicon or lemma table again.
        atexit.register(_add_swedish, store, key, engine)
    if key is not None and use_prefilter:
        engine.match_store = _match_store(key)
    return engine


def _match_store(key: str) -> ShardedStore:
    """Matches and their suggestions kept between runs for the engine ``key`` names (see
    :func:`_snapshot_key`): everything a suggestion depends on is in the key, so a store
    made with other vocabularies, analyser or code is never read. Loaded a shard at a time
    when first needed (in each forked process, not before the fork), saved at exit."""
    import atexit

    from termlint.cache import ShardedStore, checksum

    store = ShardedStore(f"matches-{checksum(key.encode('utf-8', 'surrogatepass'))}",
                         per_shard=2500, shards=4, family="matches-")
    atexit.register(store.save)
    return store


def _add_swedish(store: ParseCache, key: str, engine: Engine) -> None:
    """Add the Swedish patterns and lexicon to the stored snapshot ``key``, if this run
    compiled them (in this process: a forked child's exit handlers do not run)."""
    from termlint.engine import snapshot

    entry = store.get(key)
    if "sv" not in engine.compiled_languages or not isinstance(entry, dict) or "sv" in entry:
        return
    data = swedish_data_of(engine.analyzer("sv"))
    if data is not None:
        store.put(key, {**entry, "sv": snapshot.dump(*engine.compiled("sv")),
                        "sv-analyser": data})


def swedish_morphology(vocabs: Sequence[Vocabulary]) -> WordAnalyzer:
    """The Swedish analyser of ``vocabs``: taught the heads of their Swedish terms, with the
    forms of their Swedish words (:mod:`termlint.morphology.swedish_lexicon`)."""
    from termlint.morphology.swedish import DEFAULT_HEADS, SwedishMorphology, heads_of
    from termlint.morphology.swedish_lexicon import vocabulary_words
    from termlint.morphology.swedish_paradigms import build

    terms = (
        [t.text for v in vocabs for c in v.concepts for t in c.terms if t.language == "sv"]
        + [h for v in vocabs for r in v.rules if r.language == "sv"
           for h in (*r.heads, *r.parts)]
    )
    lexicon = build(vocabulary_words([*terms, *DEFAULT_HEADS]))
    return SwedishMorphology(heads_of(terms), lexicon=lexicon)


def swedish_data_of(analyzer: WordAnalyzer) -> dict[str, Any] | None:
    """What a snapshot keeps of the Swedish analyser: its heads and lexicon."""
    if isinstance(analyzer, LazyAnalyzer):
        analyzer = analyzer.get()
    lexicon = getattr(analyzer, "lexicon", None)
    heads = getattr(analyzer, "heads", None)
    if lexicon is None or heads is None:
        return None
    return {"heads": sorted(heads), "lexicon": lexicon.to_data()}


def _snapshot(entry: Any) -> tuple[list[str], dict[str, Compiled], Any] | None:
    """The languages, compiled patterns and Swedish analyser data of a stored snapshot; None
    if there is none or it does not load (the vocabularies are then compiled)."""
    if not isinstance(entry, dict):
        return None
    from termlint.engine import snapshot

    languages = entry.get("languages")
    if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
        return None
    compiled: dict[str, Compiled] = {}
    for language in ("fi", "sv"):
        # Swedish is stored once a run has compiled it; until then it is compiled on use.
        if language in languages and (language == "fi" or language in entry):
            try:
                compiled[language] = snapshot.load(entry.get(language))
            except ValueError:
                return None
    swedish = entry.get("sv-analyser")
    if "sv" in compiled and not isinstance(swedish, dict):
        return None
    return languages, compiled, swedish


#: The parts of termlint that decide what compiling a vocabulary gives: a snapshot made by
#: other code (an edited checkout, another version) is never used.
_COMPILER_PARTS = ("engine", "vocab", "morphology")


def _code_stamp() -> list[list[Any]]:
    """Name, size and modification time of every module of :data:`_COMPILER_PARTS` and of
    the model; cheap (a few dozen ``stat`` calls) and enough for an edited checkout."""
    package = os.path.dirname(os.path.abspath(__file__))
    stamp: list[list[Any]] = []
    for folder in (package, *(os.path.join(package, part) for part in _COMPILER_PARTS)):
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for item in entries:
            if item.name.endswith(".py") and (folder != package or item.name in
                                              ("model.py", "assembly.py", "cache.py")):
                info = item.stat()
                stamp.append([os.path.relpath(item.path, package), info.st_size,
                              info.st_mtime_ns])
    return stamp


def _snapshot_key(names: Sequence[str], disabled: Sequence[str],
                  morphology: Morphology, own_names: Sequence[str] = ()) -> str | None:
    """Everything a compiled snapshot depends on, as text: termlint's version and compiler
    code, the analyser and its dictionary (its fingerprint), the selection and the disabled
    rules, and a checksum of every vocabulary file the selection may read. None when a file
    cannot be read (compiling then reports it)."""
    import json

    from termlint.cache import checksum
    from termlint.engine.snapshot import FORMAT
    from termlint.version import __version__
    from termlint.vocab import selection_files

    files = selection_files(names)
    checksums: list[list[Any]] = []
    for name, path in files:
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        checksums.append([name, str(path), checksum(raw)])
    return json.dumps({"format": FORMAT, "version": __version__, "code": _code_stamp(),
                       "analyser": cache_identity(morphology), "names": list(names),
                       "disabled": sorted(disabled), "files": checksums,
                       "own-names": list(own_names), "swedish": _swedish_generator()},
                      sort_keys=True)


def _swedish_generator() -> str:
    """Which Swedish forms a compiled snapshot holds: Apertium's (with its transducers' sizes
    and times, so an upgraded package is seen) or simplemma's lemmas."""
    from termlint.morphology import apertium

    if not apertium.available():
        return "simplemma"
    stamps = []
    for name in (apertium.ANALYSER, apertium.GENERATOR):
        info = os.stat(os.path.join(apertium.folder(), name))
        stamps.append(f"{info.st_size}-{info.st_mtime_ns}")
    return "apertium-" + "-".join(stamps)


class LazyAnalyzer:
    """An analyser built on first use: loading the Swedish lemma table takes most of a second,
    which a run over Finnish files should never pay."""

    def __init__(self, factory: Callable[[], WordAnalyzer]) -> None:
        self._analyzer = OnFirstUse(factory)

    def analyze(self, word: str) -> tuple[Analysis, ...]:
        return self._analyzer.get().analyze(word)

    def repair_diacritics(self, word: str) -> tuple[str, tuple[Analysis, ...]]:
        return self._analyzer.get().repair_diacritics(word)

    @property
    def built(self) -> bool:
        return self._analyzer.made

    def get(self) -> WordAnalyzer:
        """The analyser itself (built now if it was not)."""
        return self._analyzer.get()

    @property
    def lexicon(self) -> Any:
        """The built analyser's lexicon, if it has one (the Swedish suggester inflects with it)."""
        return getattr(self._analyzer.get(), "lexicon", None)
