"""The Swedish lexicon: paradigms proposed by rule and read back by Apertium's analyser, kept
as plain data, and a Swedish run that loads no lemma table."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from termlint.morphology import apertium
from termlint.morphology.swedish import SwedishMorphology
from termlint.morphology.swedish_lexicon import SwedishLexicon, vocabulary_words, with_simplemma
from termlint.morphology.swedish_paradigms import with_apertium


@pytest.fixture(scope="module")
def lexicon() -> SwedishLexicon:
    return with_apertium(["digital", "tjänst", "e-tjänst", "välfärdsområde", "specialiserad",
                          "sjukvård", "specialsjukvård", "hälsovård"])


def test_apertium_reads_and_writes_swedish() -> None:
    found = apertium.analyse(["webbtjänsternas", "a$b", "xyzzyq"])
    (reading,) = found["webbtjänsternas"]
    assert (reading.lemma, reading.before) == ("tjänst", ("webb",))
    assert {"pl", "def", "gen"} <= set(reading.tags)
    assert found["a$b"] == [] and found["xyzzyq"] == []  # not sent / not known


def test_the_build_runs_the_analyser_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Apertium's generator is never loaded (70 MB in ``lt-proc``, issue 16); where the analyser
    reads two plurals (*vårdar*, *vårder*), the one the generator gave is kept."""
    calls: list[list[str]] = []
    run = apertium._run

    def recording(args: list[str], lines: list[str]) -> list[str]:
        calls.append(list(args))
        return run(args, lines)

    monkeypatch.setattr(apertium, "_run", recording)
    built = with_apertium(["vård", "tjänst"])
    assert calls and all(args[0] == "-e" and args[-1].endswith(apertium.ANALYSER)
                         for args in calls)
    assert built.nouns["vård"].forms["pl.ind"] == "vårdar"
    assert "pl.def" not in built.nouns["vård"].forms  # *vårdarna* is also *vårdare*'s
    assert built.nouns["tjänst"].forms["pl.def.gen"] == "tjänsternas"


def test_building_the_bundled_lexicon_stays_under_60_mib(tmp_path: Path) -> None:
    """The largest process a first Swedish run starts (``lt-proc``) stays under issue 16's
    60 MiB; measured in a fresh process so that no other test's children count."""
    script = (
        "import resource\n"
        "from termlint.assembly import swedish_morphology\n"
        "from termlint.vocab import load_selection\n"
        "swedish_morphology(load_selection([]))\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, cwd=tmp_path)
    kib = int(done.stdout.split()[-1])
    assert 0 < kib < 60 * 1024


def test_nouns_get_all_eight_forms_with_their_gender(lexicon: SwedishLexicon) -> None:
    assert lexicon.verified
    tjanst = lexicon.nouns["tjänst"]
    assert tjanst.gender == "ut"
    assert tjanst.forms == {
        "sg.ind": "tjänst", "sg.ind.gen": "tjänsts", "sg.def": "tjänsten",
        "sg.def.gen": "tjänstens", "pl.ind": "tjänster", "pl.ind.gen": "tjänsters",
        "pl.def": "tjänsterna", "pl.def.gen": "tjänsternas"}
    omrade = lexicon.nouns["välfärdsområde"]  # a compound: its last part's paradigm
    assert omrade.gender == "nt"
    assert (omrade.forms["sg.def"], omrade.forms["pl.def.gen"]) == \
        ("välfärdsområdet", "välfärdsområdenas")
    assert lexicon.nouns["e-tjänst"].forms["pl.def"] == "e-tjänsterna"
    # Unknown to Apertium: read by its longest known ending.
    assert lexicon.nouns["specialsjukvård"].forms["sg.def.gen"] == "specialsjukvårdens"


def test_adjectives_and_determiners(lexicon: SwedishLexicon) -> None:
    assert lexicon.adjectives["digital"] == {"ut.sg.ind": "digital", "nt.sg.ind": "digitalt",
                                             "pl": "digitala", "sg.def": "digitala"}
    assert lexicon.adjectives["specialiserad"]["sg.def"] == "specialiserade"
    assert lexicon.determiners == {"ut.sg": "den", "nt.sg": "det", "pl": "de"}


def test_a_form_that_is_also_another_noun_is_left_out(lexicon: SwedishLexicon) -> None:
    """*hälsovårdarna* is the plural of *hälsovård* to Apertium, but also *hälsovårdare*."""
    assert "hälsovårdarna" not in lexicon.nouns["hälsovård"].forms.values()
    assert lexicon.readings("hälsovårdarna") == []
    assert lexicon.readings("hälsovården") == [("hälsovård", "sg.def")]


def test_compounds_read_by_their_known_ending(lexicon: SwedishLexicon) -> None:
    assert lexicon.readings("primärtjänsternas") == [("primärtjänst", "pl.def.gen")]
    assert lexicon.readings("digitala") == [("digital", "adj:pl"), ("digital", "adj:sg.def")]
    assert lexicon.noun("webbtjänst") == ("webb", lexicon.nouns["tjänst"])


def test_the_lexicon_is_plain_data(lexicon: SwedishLexicon) -> None:
    again = SwedishLexicon.from_data(lexicon.to_data())
    assert again.to_data() == lexicon.to_data()
    assert again.index == lexicon.index
    for broken in (None, {"format": 99}, {"format": 1, "nouns": {"x": 3}}):
        with pytest.raises(ValueError):
            SwedishLexicon.from_data(broken)


def test_analyser_with_a_lexicon(lexicon: SwedishLexicon) -> None:
    sv = SwedishMorphology(["tjänst", "hälsovård", "välfärdsområde"], lexicon=lexicon)
    assert sv.analyze("Tjänsterna")[0].lemma == "tjänst"
    assert sv.analyze("webbtjänsternas")[0].parts == ("webb", "tjänst")
    assert sv.analyze("hälsovårdarna")[0].lemma == "hälsovårdarna"  # not hälsovård
    assert sv.analyze("arbetshälsovårdsenheter")[0].parts == ("arbets", "hälsovård", "enheter")
    assert sv.analyze("okänt")[0].lemma == "okänt"


def test_vocabulary_words() -> None:
    assert vocabulary_words(["digital tjänst", "social- och hälsovård", "e-tjänst",
                             "Digital tjänst"]) == \
        ["digital", "tjänst", "och", "hälsovård", "e-tjänst"]


def test_without_apertium_simplemma_gives_the_lemmas() -> None:
    plain = with_simplemma(["tjänst", "hälsovård", "digital"])
    assert not plain.verified and not plain.nouns
    assert plain.readings("tjänsterna") == [("tjänst", "")]
    assert plain.readings("digitalt") == [("digital", "")]
    # Listed words that end like a vocabulary word keep their own lemma.
    assert plain.readings("hälsovårdarna") == [("hälsovårdare", "")]


_PROBE = ("import sys; from termlint.api import build_engine; e = build_engine(); "
          "found = e.lint_text('Kontakta välfärdsregionen.', 'sv'); "
          "print(len(found), found[0].suggestions[0], 'simplemma' in sys.modules)")


@pytest.mark.parametrize("with_apertium", [True, False])
def test_a_swedish_run_loads_no_lemma_table(tmp_path: Path, with_apertium: bool) -> None:
    """The second run of a Swedish text takes everything from the compiled snapshot:
    simplemma is never imported (it cost 1.1 to 1.5 s and ~125 MB a process)."""
    env = {**os.environ, "TERMLINT_CACHE_DIR": str(tmp_path / "cache")}
    if not with_apertium:
        env["TERMLINT_APERTIUM_SWE"] = str(tmp_path / "none")
    runs = [subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True,
                           text=True, check=True).stdout.split() for _ in range(2)]
    first, second = runs
    assert second[:2] == first[:2]
    assert second[2] == "False"
    assert first[2] == ("False" if with_apertium else "True")
    assert second[1] == ("välfärdsområdet" if with_apertium else "välfärdsområde")


_WARM = ("from termlint.api import build_engine; e = build_engine(); "
         "s = e.analyzers['sv']; langs = sorted(e.compiled_languages); before = s.built; "
         "e.warm(); print(langs, before, s.built, e._vocabularies is None)")


def test_swedish_is_stored_once_compiled_and_warmed_before_a_fork(tmp_path: Path) -> None:
    """A Finnish run does not compile Swedish; a run that does stores it in the snapshot at
    exit; the next one loads it without reading a vocabulary, and ``warm`` builds the Swedish
    analyser before a fork, so that forked children inherit it instead of each building it."""
    env = {**os.environ, "TERMLINT_CACHE_DIR": str(tmp_path)}

    def run(code: str) -> str:
        return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                              text=True, check=True).stdout.strip()

    assert run("from termlint.api import build_engine; e = build_engine(); "
               "e.lint_text('Kirjaudu e-palveluun.', 'fi'); print(sorted(e.compiled_languages))"
               ) == "['fi']"
    assert run(_WARM) == "['fi'] False True False"  # Swedish compiled from the vocabularies
    assert run(_WARM) == "['fi', 'sv'] False True True"  # ... and stored by that run
