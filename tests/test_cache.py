"""The on-disk cache: stems and verified forms survive the process; a broken file is ignored."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from termlint.cache import JsonCache
from termlint.vocab import VocabError


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
    text = tmp_path / "a.txt"
    text.write_text("Käytä sähköisiä palveluja ja e-palvelua.\n", encoding="utf-8")
    env = {"TERMLINT_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    exe = str(Path(sys.executable).with_name("termlint"))
    runs = [subprocess.run([exe, "check", "--format", "json", str(text)], capture_output=True,
                           text=True, env=env, check=False) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout
    assert len(json.loads(runs[0].stdout)["findings"]) == 2
    files = {p.name.split("-")[0]: json.loads(p.read_text(encoding="utf-8"))
             for p in (tmp_path / "cache").iterdir() if p.is_file()}
    assert files["stems"]["sähköinen"] == "sähkö"
    assert any(key.startswith("digitaalinen|") for key in files["forms"])


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
    probe = ("import sys; from termlint.cli import main\n"
             "try:\n    main(['check', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
             "print('yaml' in sys.modules, file=sys.stderr)")
    runs = [subprocess.run([sys.executable, "-c", probe, str(text)], capture_output=True,
                           text=True, env=env, check=False) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout and "1 finding" in runs[0].stdout
    assert [r.stderr.strip() for r in runs] == ["True", "False"]
