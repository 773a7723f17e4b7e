"""The on-disk cache: stems and verified forms survive the process; a broken file is ignored."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from termlint.cache import JsonCache
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


def test_a_run_fills_the_cache_and_the_next_run_agrees(tmp_path: Path) -> None:
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
    files = {p.name.split("-")[0]: json.loads(p.read_text(encoding="utf-8"))
             for p in (tmp_path / "cache").iterdir() if p.is_file()}
    assert files["stems"]["sähköinen"] == "sähkö"
    assert any(key.startswith("digitaalinen|") for key in files["forms"])
    stored: dict[str, object] = {}
    for shard in (tmp_path / "cache").glob("analyses2-libvoikko-*/*.json"):
        stored.update(json.loads(shard.read_text(encoding="utf-8")))
    assert {"sähköisiä", "palveluja", "e-palvelua"} <= set(stored)


def test_parsed_vocabularies_are_cached_and_read_back_the_same(tmp_path: Path,
                                                                monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from termlint.vocab.schema import load_vocabulary

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


def test_a_cached_run_does_not_import_yaml(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Käytä e-palvelua.\n", encoding="utf-8")
    env = {"TERMLINT_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    runs = imports_of_two_runs(text, "yaml", env)
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
    shard = again.folder / f"{ShardedStore.shard_of('uusi'):02d}.json"
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
    store = ShardedStore(f"analyses2-{backend.name}-{backend.fingerprint()}")
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
             "tunnistamista", "isoäiti", "parempi", "xyzzyq", "e-palveluun", "käytetty"]
    for word in words:
        analyses = morphology.analyze(word)
        assert _decode(_encode(analyses)) == analyses, word
    made_up = (Analysis("a", "", None, None, None, None, (), "", True, None, None),
               Analysis("b-c", "nimisana", "omanto", "plural", "1s", "han", ("b", "c"), "b-",
                        False, "comparative", "A-infinitive"))
    assert _decode(_encode(made_up)) == made_up
    assert _decode(_encode(())) == ()
