"""The on-disk cache: stems and verified forms survive the process; a broken file is ignored."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from termlint.cache import JsonCache, read_entry, write_entry
from termlint.vocab import VocabError
from tests.cli_helpers import imports_of_two_runs


def test_round_trip_and_corrupt_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERMLINT_CACHE_DIR", str(tmp_path))
    cache = JsonCache("stems-test")
    cache["palvelu"] = "palvel"
    cache.save()
    assert cache.path is not None
    assert JsonCache("stems-test") == {"palvelu": "palvel"}
    cache.path.write_text("{not json", encoding="utf-8")
    assert JsonCache("stems-test") == {}


def test_disabled_and_unwritable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERMLINT_NO_CACHE", "1")
    cache = JsonCache("x")
    cache["a"] = "b"
    cache.save()  # nothing to write to, no error
    assert cache.path is None
    monkeypatch.delenv("TERMLINT_NO_CACHE")
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("TERMLINT_CACHE_DIR", str(blocker / "sub"))
    cache = JsonCache("x")
    cache["a"] = "b"
    cache.save()  # the folder cannot be made: ignored


def test_a_run_fills_the_cache_and_the_next_run_agrees(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The first run fills every cache (stems, verified forms, analyses); the second reads
    them back and reports the same, byte for byte."""
    text = tmp_path / "a.txt"
    text.write_text("Käytä sähköisiä palveluja ja e-palvelua. Sote-palveluista lisää.\n",
                    encoding="utf-8")
    env = {"TERMLINT_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    exe = str(Path(sys.executable).with_name("termlint"))
    runs = [subprocess.run([exe, "check", "--format", "json", str(text)], capture_output=True,
                           text=True, env=env, check=False) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout
    assert len(json.loads(runs[0].stdout)["findings"]) == 3
    monkeypatch.setenv("TERMLINT_CACHE_DIR", env["TERMLINT_CACHE_DIR"])  # read_entry's key
    files = {p.name.split("-")[0]: read_entry(p)
             for p in (tmp_path / "cache").iterdir() if p.is_file() and p.name != "key"}
    assert files["stems"]["sähköinen"] == "sähkö"
    assert any(key.startswith("digitaalinen|") for key in files["forms"])
    stored: dict[str, object] = {}
    for shard in (tmp_path / "cache").glob("analyses3-libvoikko-*/*.json"):
        stored.update(read_entry(shard))
    assert {"sähköisiä", "palveluja", "e-palvelua"} <= set(stored)


def test_parsed_vocabularies_are_cached_and_read_back_the_same(tmp_path: Path,
                                                                monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from termlint.vocab.loader import load_vocabulary

    monkeypatch.setenv("TERMLINT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "own.yaml"
    path.write_text("id: own\nconcepts:\n  - id: c\n    terms:\n      fi:\n"
                    "        - {term: digitaalinen palvelu, status: preferred}\n"
                    "        - {term: sähköinen palvelu, status: deprecated}\n", encoding="utf-8")
    first = load_vocabulary(path)
    cached = list((tmp_path / "cache").glob("vocab-yaml-*/*.json"))
    assert len(cached) == 1
    # Read back from the cache: the same vocabulary, line numbers included.
    assert load_vocabulary(path) == first
    assert first.concepts[0].line == 3 and first.concepts[0].terms[1].line == 7
    # A damaged cache file is ignored, not trusted.
    cached[0].write_text("{not json", encoding="utf-8")
    assert load_vocabulary(path) == first
    # A changed file is parsed again (its text hashes to a new name), errors and all.
    path.write_text("id: own\nconcepts: [\n", encoding="utf-8")
    with pytest.raises(VocabError, match=r"own.yaml:\d+: invalid YAML"):
        load_vocabulary(path)


@pytest.mark.parametrize("module", ["yaml", "termlint.vocab.schema"])
def test_a_cached_run_does_not_import(tmp_path: Path, module: str) -> None:
    """The second run reads the parsed vocabularies (no PyYAML) and the compiled snapshot
    (no vocabulary schema) from the caches the first run filled."""
    text = tmp_path / "a.txt"
    text.write_text("Käytä e-palvelua.\n", encoding="utf-8")
    env = {"TERMLINT_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    runs = imports_of_two_runs(text, module, env)
    assert runs[0].stdout == runs[1].stdout and "1 finding" in runs[0].stdout
    assert [r.stderr.strip() for r in runs] == ["True", "False"]


# -- analyses kept between runs ----------------------------------------------------------------


def test_sharded_store_round_trip_cap_and_damage(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from termlint.cache import ShardedStore

    monkeypatch.setenv("TERMLINT_CACHE_DIR", str(tmp_path))
    store = ShardedStore("words", per_shard=3)
    for n in range(200):
        store.put(f"sana{n}", [n])
    assert store.get("sana7") == [7]  # fresh entries are served before any save
    store.save()
    again = ShardedStore("words", per_shard=3)
    kept = {f"sana{n}" for n in range(200) if again.get(f"sana{n}") is not None}
    # Each shard keeps its newest three entries.
    assert 0 < len(kept) <= 3 * ShardedStore.SHARDS
    assert "sana199" in kept and again.get("sana199") == [199]
    # Fresh entries travel between processes by take_fresh/absorb.
    again.put("uusi", [1])
    handed = again.take_fresh()
    assert handed == {"uusi": [1]} and again.take_fresh() == {}
    third = ShardedStore("words")
    third.absorb(handed)
    third.save()
    assert ShardedStore("words").get("uusi") == [1]
    # A damaged shard is ignored, not trusted.
    assert again.folder is not None
    shard = again.folder / f"{again.shard_of('uusi'):02d}.json"
    shard.write_text("{broken", encoding="utf-8")
    assert ShardedStore("words").get("uusi") is None


class _CountingBackend:
    """A real Voikko backend that counts the words it is asked about."""

    def __init__(self) -> None:
        from termlint.morphology import load_backend

        self.inner = load_backend()
        self.name = self.inner.name
        self.asked: list[str] = []
        self.version = "1"

    def analyze(self, word: str):  # type: ignore[no-untyped-def]
        self.asked.append(word)
        return self.inner.analyze(word)

    def fingerprint(self) -> str:
        return self.version


def test_persistent_analyses_are_read_back_instead_of_analysed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from termlint.morphology import Morphology

    monkeypatch.setenv("TERMLINT_CACHE_DIR", str(tmp_path))
    words = ["palveluissa", "sähköisiä", "Kanta-palveluiden", "THL:n", "xyzzyq"]
    first_backend = _CountingBackend()
    first = Morphology(first_backend, persistent=True)
    expected = [first.analyze(w) for w in words]
    assert first_backend.asked  # analysed for real
    first.save()
    second_backend = _CountingBackend()
    second = Morphology(second_backend, persistent=True)
    assert [second.analyze(w) for w in words] == expected
    assert second_backend.asked == []  # every answer came from the disk
    assert expected[-1] == ()  # unknown words are remembered as unknown too
    # Another dictionary (another fingerprint) starts afresh.
    third_backend = _CountingBackend()
    third_backend.version = "2"
    Morphology(third_backend, persistent=True).analyze("palveluissa")
    assert third_backend.asked
    # Without persistence nothing is read or written.
    plain_backend = _CountingBackend()
    Morphology(plain_backend).analyze("palveluissa")
    assert plain_backend.asked


def test_malformed_stored_analyses_are_analysed_again(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from termlint.cache import ShardedStore
    from termlint.morphology import Morphology

    monkeypatch.setenv("TERMLINT_CACHE_DIR", str(tmp_path))
    backend = _CountingBackend()
    store = ShardedStore(f"analyses3-{backend.name}-{backend.fingerprint()}")
    store.put("palvelu", "palvelu\x1fnimisana")  # too few fields
    store.put("palvelua", [["palvelua", "nimisana"]])  # not the string form
    store.save()
    morphology = Morphology(backend, persistent=True)
    assert morphology.analyze("palvelu")[0].lemma == "palvelu"
    assert morphology.analyze("palvelua")[0].case == "osanto"
    assert backend.asked == ["palvelu", "palvelua"]


def test_analyses_survive_their_on_disk_encoding(morphology) -> None:  # type: ignore[no-untyped-def]
    from termlint.model import Analysis
    from termlint.morphology.analyzer import _decode, _encode

    words = ["palveluissa", "sähköisiä", "Kanta-palveluiden", "THL:n", "palvelussahan",
             "tunnistamista", "isoäiti", "parempi", "xyzzyq", "e-palveluun", "käytetty",
             "klikkasit", "klikataan", "palvelumme"]
    for word in words:
        analyses = morphology.analyze(word)
        assert _decode(_encode(analyses)) == analyses, word
    made_up = (Analysis("a", "", None, None, None, None, (), "", True, None, None),
               Analysis("b-c", "nimisana", "omanto", "plural", "1s", "han", ("b", "c"), "b-",
                        False, "comparative", "A-infinitive"),
               Analysis("c", "teonsana", None, "singular", None, "ko", ("c",), "", False, None,
                        "indicative", "past_imperfective", "2", "false"))
    assert _decode(_encode(made_up)) == made_up
    assert _decode(_encode(())) == ()
    # Decoded analyses are built without __init__: they must be the very same objects.
    for original, decoded in zip(made_up, _decode(_encode(made_up)) or (), strict=True):
        assert vars(decoded) == vars(original) and hash(decoded) == hash(original)
        assert repr(decoded) == repr(original)
        with pytest.raises(AttributeError):
            decoded.lemma = "x"  # type: ignore[misc]


# -- compiled vocabularies kept between runs ---------------------------------------------------


def test_snapshot_round_trip_gives_the_same_patterns(morphology) -> None:  # type: ignore[no-untyped-def]
    from termlint.engine import Engine, snapshot
    from termlint.vocab import load_selection

    engine = Engine(load_selection(["+it-general", "+thl-digi-rules"]), morphology)
    patterns, exceptions = engine.compiled("fi")
    assert len(patterns) >= 10 and exceptions
    data = json.loads(json.dumps(snapshot.dump(patterns, exceptions)))
    assert snapshot.load(data) == (patterns, exceptions)


@pytest.mark.parametrize("damage", [
    None, 5, {"format": 1}, {"format": 999, "patterns": [], "exceptions": []},
    {"format": 1, "patterns": [["too", "short"]], "exceptions": []},
    {"format": 1, "patterns": [], "exceptions": [[["head", [[["x"], "whole", 3]], None, None]]]},
    {"format": 1, "patterns": [["r", "fi", [], 9, "m", "t", None, None, None, [], None]],
     "exceptions": []},
])
def test_snapshot_refuses_anything_but_its_own_shape(damage: object) -> None:
    from termlint.engine import snapshot

    with pytest.raises(ValueError):
        snapshot.load(damage)


def _findings(engine, text: str) -> list[tuple[int, int, str, tuple[str, ...]]]:  # type: ignore[no-untyped-def]
    return [(m.start, m.end, m.rule, m.suggestions) for m in engine.lint_text(text)]


SNAPSHOT_TEXT = ("Käytä sähköisiä palveluja ja e-palvelua. Sähköinen resepti on eri asia. "
                 "Sosiaali- ja terveyspalveluiden sähköisessä asioinnissa.")


def test_second_engine_comes_from_the_snapshot(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The first build compiles and stores; the second loads the patterns without reading a
    vocabulary, and finds the same; a Swedish text then loads the vocabularies after all."""
    from termlint.api import build_engine

    monkeypatch.setenv("TERMLINT_CACHE_DIR", str(tmp_path))
    first = build_engine()
    assert first._vocabularies is not None
    stored = list((tmp_path / "engine-0.1.0").glob("*.json"))
    assert len(stored) == 1
    second = build_engine()
    assert second._vocabularies is None  # nothing loaded: the patterns came from disk
    assert second.languages == first.languages
    assert _findings(second, SNAPSHOT_TEXT) == _findings(first, SNAPSHOT_TEXT)
    assert len(_findings(first, SNAPSHOT_TEXT)) == 3
    assert second._vocabularies is None
    assert "sv" in second.languages
    swedish = "Vi erbjuder social- och hälsotjänster."
    found = [(m.start, m.rule) for m in second.lint_text(swedish, "sv")]
    assert found and found == [(m.start, m.rule) for m in first.lint_text(swedish, "sv")]
    assert second._vocabularies is not None


def test_a_missing_vocabulary_is_still_an_error(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from termlint.api import build_engine

    monkeypatch.setenv("TERMLINT_CACHE_DIR", str(tmp_path))
    for _ in range(2):
        with pytest.raises(VocabError, match="no such vocabulary"):
            build_engine([str(tmp_path / "missing.yaml")])


def test_snapshot_follows_the_vocabulary_file(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A user's vocabulary edited between runs is compiled again, never read stale."""
    from termlint.api import build_engine

    monkeypatch.setenv("TERMLINT_CACHE_DIR", str(tmp_path / "cache"))
    own = tmp_path / "own.yaml"
    template = ("id: own\nconcepts:\n  - id: c\n    terms:\n      fi:\n"
                "        - {term: digitaalinen lomake, status: preferred}\n"
                "        - {term: WORD, status: deprecated}\n")
    own.write_text(template.replace("WORD", "lomakepalvelu"), encoding="utf-8")
    text = "Tämä on lomakepalvelu."
    before = _findings(build_engine([str(own)]), text)
    assert [f[2] for f in before] == ["own/c"]
    second = build_engine([str(own)])
    assert second._vocabularies is None and _findings(second, text) == before
    own.write_text(template.replace("WORD", "kyselypalvelu"), encoding="utf-8")
    changed = build_engine([str(own)])
    assert changed._vocabularies is not None  # compiled again
    assert _findings(changed, text) == []
    assert [f[2] for f in _findings(changed, "Tämä on kyselypalvelu.")] == ["own/c"]


def test_a_damaged_snapshot_is_compiled_again(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from termlint.api import build_engine

    monkeypatch.setenv("TERMLINT_CACHE_DIR", str(tmp_path))
    expected = _findings(build_engine(), SNAPSHOT_TEXT)
    (stored,) = (tmp_path / "engine-0.1.0").glob("*.json")
    entry = read_entry(stored)
    entry["data"]["fi"]["patterns"][0][2] = "not a list of slots"
    # Signed with the right key, so that the snapshot's own checks must reject it.
    assert write_entry(stored, entry)
    engine = build_engine()
    assert engine._vocabularies is not None  # compiled, not loaded
    assert _findings(engine, SNAPSHOT_TEXT) == expected


def test_snapshot_key_names_what_compiling_depends_on(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      morphology) -> None:  # type: ignore[no-untyped-def]
    from termlint import assembly as api

    key = api._snapshot_key([], [], morphology)
    assert key is not None
    assert api._snapshot_key(["+it-general"], [], morphology) != key
    assert api._snapshot_key([], ["thl-digi/digitaalinen-palvelu"], morphology) != key
    own = tmp_path / "own.yaml"
    own.write_text("id: own\n", encoding="utf-8")
    with_file = api._snapshot_key([str(own)], [], morphology)
    own.write_text("id: own2\n", encoding="utf-8")
    assert with_file is not None and api._snapshot_key([str(own)], [], morphology) != with_file
    monkeypatch.setattr(api, "_code_stamp", lambda: [["engine/matcher.py", 1, 2]])
    assert api._snapshot_key([], [], morphology) != key


# -- matches and their suggestions kept between runs -------------------------------------------


def test_matches_come_back_from_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second engine with the same key reads matches and suggestions back instead of
    making them; what it reports is the same."""
    from termlint.api import build_engine
    from termlint.engine.making import MatchMaker

    monkeypatch.setenv("TERMLINT_CACHE_DIR", str(tmp_path))
    first = build_engine()
    expected = _findings(first, SNAPSHOT_TEXT)
    assert first.match_store is not None
    first.match_store.save()  # type: ignore[attr-defined]
    assert list(tmp_path.glob("matches-*/*.json"))

    def no_making(*_: object) -> None:
        raise AssertionError("a stored match was made again")

    second = build_engine()
    monkeypatch.setattr(MatchMaker, "make", no_making)
    assert _findings(second, SNAPSHOT_TEXT) == expected
    # Elsewhere in a text, the same phrases are placed where they are.
    moved = "Alku. " + SNAPSHOT_TEXT
    assert [(a - 6, b - 6, r, s) for a, b, r, s in _findings(second, moved)] == expected


def test_damaged_stored_matches_are_made_again(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from termlint.api import build_engine

    monkeypatch.setenv("TERMLINT_CACHE_DIR", str(tmp_path))
    expected = _findings(build_engine(), SNAPSHOT_TEXT)
    engine = build_engine()
    assert engine.match_store is not None
    monkeypatch.setattr(engine.match_store, "get", lambda key: [0, "x", None])
    assert _findings(engine, SNAPSHOT_TEXT) == expected


@pytest.mark.parametrize("junk", [
    None, 3, "text", [], [0, 5, "r", 3, "m", ["s"], None, None, True, 1.0],
    [0, 5, "r", 9, "m", ["s"], None, None, True, 1.0, []],
    [0, 5, "r", 3, "m", [1], None, None, True, 1.0, []],
    [0, 5, "r", 3, "m", ["s"], None, None, "yes", 1.0, []],
    [0, 5, "r", 3, "m", ["s"], None, None, True, 1.0, [[0, 1]]],
    ["0", 5, "r", 3, "m", ["s"], None, None, True, 1.0, []],
])
def test_stored_match_refuses_anything_but_its_own_shape(junk: object) -> None:
    from termlint.engine.store import match_from as _match_from

    assert _match_from(junk, 10) is None


def test_stored_match_round_trip() -> None:
    from termlint.engine.store import match_data as _match_data
    from termlint.engine.store import match_from as _match_from
    from termlint.model import Match, Severity

    match = Match(start=12, end=30, rule="v/c", severity=Severity.WARNING, message="m",
                  suggestions=("a b", "c"), concept="c", source=None, verified=True,
                  confidence=0.9, replacements=((12, 15, "a"), (20, 30, "b")))
    data = json.loads(json.dumps(_match_data(match, 10)))
    assert _match_from(data, 10) == match
    moved = _match_from(data, 110)
    assert moved is not None and (moved.start, moved.end) == (112, 130)
    assert moved.replacements == ((112, 115, "a"), (120, 130, "b"))


def test_the_inflector_is_built_only_when_a_form_is_needed(morphology) -> None:  # type: ignore[no-untyped-def]
    from termlint.api import LazyInflector, make_inflector

    built: list[int] = []
    real = make_inflector(morphology, persistent=False)

    def factory() -> object:
        built.append(1)
        return real

    lazy = LazyInflector(factory)  # type: ignore[arg-type]
    assert built == []
    assert lazy.inflect("palvelu", "sisaolento", "plural") == \
        real.inflect("palvelu", "sisaolento", "plural") == ["palveluissa"]
    lazy.inflect("sähköinen", "omanto", "singular")
    assert built == [1]


def test_on_first_use_builds_once_from_many_threads() -> None:
    import threading
    import time

    from termlint.lazy import OnFirstUse

    built: list[int] = []

    def factory() -> object:
        time.sleep(0.01)
        built.append(1)
        return object()

    lazy = OnFirstUse(factory)
    assert not lazy.made
    got: list[object] = []
    threads = [threading.Thread(target=lambda: got.append(lazy.get())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert built == [1] and lazy.made and len({id(g) for g in got}) == 1


# -- old entries do not pile up ------------------------------------------------------------------


def test_parse_cache_keeps_the_most_recently_used(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from termlint.cache import ParseCache

    monkeypatch.setenv("TERMLINT_CACHE_DIR", str(tmp_path))
    cache = ParseCache("things", keep=3)
    for n in range(3):
        cache.put(f"text {n}", n)
    assert cache.folder is not None
    # "text 0" is the oldest by its time, but reading it makes it the most recently used.
    for n, path in enumerate(sorted(cache.folder.iterdir(), key=lambda p: p.stat().st_mtime)):
        os.utime(path, (1000 + n, 1000 + n))
    os.utime(cache._path("text 0"), (900, 900))  # type: ignore[arg-type]
    assert cache.get("text 0") == 0
    cache.put("text 3", 3)
    assert len(list(cache.folder.glob("*.json"))) == 3
    assert [cache.get(f"text {n}") for n in range(4)] == [0, None, 2, 3]


def test_match_stores_of_other_keys_are_pruned(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from termlint import __version__
    from termlint.cache import ShardedStore

    monkeypatch.setenv("TERMLINT_CACHE_DIR", str(tmp_path))
    for n in range(5):
        store = ShardedStore(f"matches-{n}", family="matches-", keep=3)
        store.put("phrase", [n])
        store.save()
        assert store.folder is not None
        os.utime(store.folder, (1000 + n, 1000 + n))
    ShardedStore("analyses-x").put("word", [1])  # another family is never touched
    other = ShardedStore("analyses-x")
    other.put("word", [1])
    other.save()
    kept = sorted(p.name for p in tmp_path.iterdir() if p.name != "key")
    assert kept == [f"analyses-x-{__version__}", *(f"matches-{n}-{__version__}" for n in (2, 3, 4))]
    # Reading a store marks it used: it outlives newer ones that nobody reads.
    assert ShardedStore("matches-2", family="matches-").get("phrase") == [2]
    newest = ShardedStore("matches-5", family="matches-", keep=3)
    newest.put("phrase", [5])
    newest.save()
    assert sorted(p.name for p in tmp_path.glob("matches-*")) == [
        f"matches-{n}-{__version__}" for n in (2, 4, 5)]
