"""``vocab validate`` on an imported term bank (issue 17 follow-up): one warning kind repeated
for every concept is summed up past a threshold, ``-v`` prints every one, and neither the
counts nor the exit code change."""

from __future__ import annotations

from pathlib import Path

import pytest

from termlint.vocab.validate import FIRST, REPEATS
from tests.test_vocab_commands import run

# Real Finnish words, so that the analyser reads every term and only the missing examples warn.
WORDS = ["talo", "auto", "kirja", "pöytä", "tuoli", "ikkuna", "ovi", "katto", "lattia", "seinä",
         "kukka", "puu", "metsä", "järvi", "joki", "meri", "vuori", "kivi", "hiekka", "lumi",
         "sade", "tuuli", "pilvi", "taivas", "aurinko", "kuu", "tähti", "yö", "päivä", "aamu"]
OTHERS = ["kissa", "koira", "hevonen", "lehmä", "lammas", "sika", "kana", "hiiri", "karhu", "susi",
          "kettu", "jänis", "orava", "hirvi", "lintu", "kala", "käärme", "sammakko", "perhonen",
          "muurahainen", "mehiläinen", "ampiainen", "hämähäkki", "kärpänen", "hyttynen", "kotka",
          "pöllö", "varis", "harakka", "joutsen"]


def bank(tmp_path: Path, concepts: int) -> str:
    lines = ["id: bank", "source: https://example.org/bank", "concepts:"]
    for n in range(concepts):
        lines += [f"  - id: c{n}", f"    source: https://example.org/bank/c{n}",
                  "    terms:", "      fi:",
                  f"        - {{term: {OTHERS[n]}, status: preferred}}",
                  f"        - {{term: {WORDS[n]}, status: deprecated}}"]
    path = tmp_path / f"bank{concepts}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def missing(out: str) -> list[str]:
    return [line for line in out.splitlines() if "no 'flag' example" in line]


def test_a_few_warnings_are_each_printed(tmp_path: Path) -> None:
    path = bank(tmp_path, 3)
    code, out = run("validate", path)
    assert code == 0, out
    assert len(missing(out)) == 3 and "more concept(s)" not in out
    assert out.strip().splitlines()[-1] == "1 file(s): 0 error(s), 3 warning(s)"


@pytest.mark.parametrize("strict", [False, True])
def test_many_warnings_are_summed_up_and_v_prints_them_all(tmp_path: Path, strict: bool) -> None:
    count = REPEATS + 5
    path = bank(tmp_path, count)
    flags = ["--strict"] if strict else []
    code, out = run("validate", *flags, path)
    lines = missing(out)
    assert len(lines) == FIRST + 1
    assert lines[-1] == (f"{path}: warning: {count - FIRST} more concept(s) flag terms but "
                         "have no 'flag' example (-v shows every one)")
    summary = f"1 file(s): 0 error(s), {count} warning(s)"
    assert out.strip().splitlines()[-1] == summary
    code_all, out_all = run("validate", *flags, "-v", path)
    assert len(missing(out_all)) == count and "more concept(s)" not in out_all
    assert out_all.strip().splitlines()[-1] == summary
    assert code == code_all == (1 if strict else 0)
