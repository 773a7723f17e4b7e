"""The pip-only analyser (pyvoikko) against libvoikko: same findings, same word readings.

The pre-commit hook runs where the system libvoikko may be missing, so the fallback must not
change what termlint reports. The texts are every sentence of the engine and span tests plus
sentences written here for the harder readings (hyphenated compounds, names, clitics, -minen
nouns, abbreviations with a case ending).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from termlint.api import build_engine, lint_text
from termlint.engine import Engine
from termlint.model import Finding
from termlint.morphology import Morphology
from termlint.morphology.analyzer import LibvoikkoBackend, load_backend
from termlint.morphology.pyvoikko_backend import PyvoikkoBackend
from tests.cli_helpers import imports_of_two_runs
from tests.test_engine import NEGATIVE, POSITIVE
from tests.test_spans import VARIED

OWN = [
    "Kanta-palveluiden ja Lupapiste-asiointipalvelun sähköiset palvelut toimivat.",
    "THL:n ja DVV:ltä saadut ohjeet koskevat e-palveluja sekä sote-palveluita.",
    "Etätapaamisessa käytetään sähköisiä asiointipalveluja, eikö niin?",
    "Omaishoidon tuki haetaan verkkoasioinnin kautta Pohjois-Savossa ja Ison-Britannian EU:ssa.",
    "Sähköisessa palvelussahan on vika; palveluissammekaan ei ole sähköistä asiointia.",
    "Hyvinvointialueen nettisivuilta löytyy sähköisiä, helppoja ja turvallisia palveluita.",
    "Sote-palvelupaikkatunniste ja URL-osoitteen linja-autossa: SÄHKÖINEN ASIOINTI.",
    "Tietojärjestelmä- ja sosiaali- sekä terveyspalvelut paremmassa sähköisesti hoidetussa "
    "muodossa.",
]

TEXTS = [text for text, _ in POSITIVE] + list(NEGATIVE) + OWN + VARIED.splitlines()


@pytest.fixture(scope="module")
def engines(engine: Engine) -> tuple[Engine, Engine]:
    return engine, build_engine(morphology=Morphology(PyvoikkoBackend()))


def _key(findings: list[Finding]) -> list[tuple[object, ...]]:
    return [(f.offset, f.end_offset, f.text, f.rule, f.severity, f.suggestions, f.verified,
             f.confidence) for f in findings]


@pytest.mark.parametrize("text", TEXTS)
def test_same_findings(engines: tuple[Engine, Engine], text: str) -> None:
    native, pip = engines
    assert _key(lint_text(text, engine=pip)) == _key(lint_text(text, engine=native))


def test_same_readings_for_every_word() -> None:
    native, pip = Morphology(LibvoikkoBackend()), Morphology(PyvoikkoBackend())
    words = {w for text in TEXTS for w in re.findall(r"[^\W\d_]+(?:[-:'][^\W\d_]+)*-?", text)}
    assert len(words) > 150
    differ = [w for w in sorted(words) if set(native.analyze(w)) != set(pip.analyze(w))]
    assert differ == []


def test_records_match_libvoikko_field_by_field() -> None:
    native, pip = LibvoikkoBackend(), PyvoikkoBackend()
    fields = ("BASEFORM", "CLASS", "SIJAMUOTO", "NUMBER", "POSSESSIVE", "FOCUS", "KYSYMYSLIITE",
              "COMPARISON", "MOOD", "PARTICIPLE")
    for word in ("e-palveluun", "Sote-palvelut", "Kanta-palveluiden", "isoäiti", "EU:ssa",
                 "URL-osoitteen", "palvelussako", "käytetty", "yllä", "Ison-Britannian",
                 "tunnistamista", "sähköisesti"):
        def shape(records: object) -> set[tuple[object, ...]]:
            return {(r.get("BASEFORM", "").lower(), *(r.get(k) for k in fields[1:]),
                     r.get("STRUCTURE", "").replace("i", "p").replace("q", "p").replace("j", "p"))
                    for r in records}  # type: ignore[attr-defined]
        assert shape(pip.analyze(word)) == shape(native.analyze(word)), word


def _backend_in_subprocess(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = ("from termlint.morphology.analyzer import load_backend; "
            "print(load_backend().name); load_backend()")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=True)


def test_selection_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    base = {k: v for k, v in os.environ.items()
            if k not in ("TERMLINT_ANALYZER", "TERMLINT_DISABLE_LIBVOIKKO")}
    assert _backend_in_subprocess(base).stdout.strip() == "libvoikko"
    forced = _backend_in_subprocess({**base, "TERMLINT_ANALYZER": "pyvoikko"})
    assert forced.stdout.strip() == "pyvoikko"
    assert forced.stderr == ""  # asked for: no notice
    fallback = _backend_in_subprocess({**base, "TERMLINT_DISABLE_LIBVOIKKO": "1"})
    assert fallback.stdout.strip() == "pyvoikko"
    # The notice is one line, printed once even though the backend was loaded twice.
    assert fallback.stderr.count("\n") == 1 and "pyvoikko" in fallback.stderr
    monkeypatch.setenv("TERMLINT_ANALYZER", "libvoikko")
    assert load_backend().name == "libvoikko"
    monkeypatch.setenv("TERMLINT_ANALYZER", "nonsense")
    with pytest.raises(Exception, match="unknown analyser"):
        load_backend()


# -- libvoikko loaded only when a word needs it ------------------------------------------------


def test_deferred_libvoikko_loads_on_first_word() -> None:
    from termlint.morphology.analyzer import DeferredLibvoikko, libvoikko_fingerprint

    backend = load_backend(deferred=True)
    assert isinstance(backend, DeferredLibvoikko) and backend.name == "libvoikko"
    assert not backend.loaded
    assert backend.fingerprint() == libvoikko_fingerprint() == LibvoikkoBackend().fingerprint()
    assert not backend.loaded  # the fingerprint reads files, it loads nothing
    assert list(backend.analyze("palveluissa")) == list(LibvoikkoBackend().analyze("palveluissa"))
    assert backend.loaded


def test_deferred_libvoikko_falls_back_to_pyvoikko(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from termlint.morphology import analyzer, protocol
    from termlint.morphology.analyzer import AnalyzerUnavailable, DeferredLibvoikko

    def broken(self: object, path: str | None = None) -> None:
        raise AnalyzerUnavailable("libvoikko could not be loaded (no dictionary); install it")

    monkeypatch.setattr(analyzer.LibvoikkoBackend, "__init__", broken)
    monkeypatch.setattr(protocol, "_notice_given", False)
    backend = DeferredLibvoikko(None)
    assert list(backend.analyze("palveluissa")) == list(PyvoikkoBackend().analyze("palveluissa"))
    notice = capsys.readouterr().err
    assert notice.count("\n") == 1 and "pyvoikko" in notice and "no dictionary" in notice


def test_a_warm_run_never_loads_libvoikko(tmp_path: Path) -> None:
    import os

    text = tmp_path / "a.txt"
    text.write_text("Käytä sähköisiä palveluja.\n", encoding="utf-8")
    env = {**{k: v for k, v in os.environ.items()
              if k not in ("TERMLINT_ANALYZER", "TERMLINT_DISABLE_LIBVOIKKO")},
           "TERMLINT_CACHE_DIR": str(tmp_path / "cache")}
    runs = imports_of_two_runs(text, "libvoikko", env)
    assert runs[0].stdout == runs[1].stdout and "1 finding" in runs[0].stdout
    assert [r.stderr.strip() for r in runs] == ["True", "False"]


def test_no_analyser_at_all_mid_run_is_one_clear_error(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from termlint.morphology.analyzer import AnalyzerUnavailable, DeferredLibvoikko
    from tests.cli_helpers import run_cli

    def unavailable(self: object) -> object:
        raise AnalyzerUnavailable("neither libvoikko nor pyvoikko can be loaded; install them")

    monkeypatch.setenv("TERMLINT_CACHE_DIR", str(tmp_path / "empty-cache"))
    monkeypatch.setattr(DeferredLibvoikko, "_load", unavailable)
    (tmp_path / "a.txt").write_text("Käytä sähköisiä palveluja.\n", encoding="utf-8")
    code, _out, err = run_cli(["check", str(tmp_path / "a.txt")])
    assert code == 2
    assert err.strip() == ("termlint: error: neither libvoikko nor pyvoikko can be loaded; "
                           "install them")
