"""Apertium's Swedish analyser and generator, called through ``lt-proc`` in batches.

Debian's ``apertium-swe-nor`` holds a Swedish analyser (``swe-nob.automorf.bin``) and a Swedish
generator (``nor-swe.autogen.bin``); ``lttoolbox`` runs them. termlint asks them only while it
compiles a vocabulary (a few dozen words, one process per batch), never per word of a text:
the answers are stored with the compiled vocabulary (see
:mod:`termlint.morphology.swedish_lexicon`).

Analyses come back as ``^surface/reading/reading$``; a reading of a compound joins its parts with
``+`` (``webb<n><ut><sg><ind><cmp>+tjänst<n><ut><pl><def><gen>``). Generation takes a lemma with
its tags (``^tjänst<n><ut><pl><def>$``) and answers the form, or the lemma marked ``#``/``*`` when
it cannot.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass

#: Where Debian installs the language pair; ``TERMLINT_APERTIUM_SWE`` names another folder.
DEFAULT_FOLDER = "/usr/share/apertium/apertium-swe-nor"
ANALYSER = "swe-nob.automorf.bin"
GENERATOR = "nor-swe.autogen.bin"
_TAG_RE = re.compile(r"<([^<>]+)>")


@dataclass(frozen=True)
class Reading:
    """One reading of a word: the lemma of its last compound part, that part's tags, and the
    surface-free lemmas of the parts before it."""

    lemma: str
    tags: tuple[str, ...]
    before: tuple[str, ...] = ()

    @property
    def compound(self) -> bool:
        return bool(self.before)


def folder() -> str:
    return os.environ.get("TERMLINT_APERTIUM_SWE", DEFAULT_FOLDER)


def available() -> bool:
    """Whether ``lt-proc`` and both Swedish transducers are installed."""
    base = folder()
    return (shutil.which("lt-proc") is not None
            and os.path.isfile(os.path.join(base, ANALYSER))
            and os.path.isfile(os.path.join(base, GENERATOR)))


def _run(args: Sequence[str], lines: Sequence[str]) -> list[str]:
    """``lt-proc`` over ``lines``, one answer line per input line (``-z`` flushes on NUL, so
    every line is its own unit and nothing is joined across lines)."""
    text = "".join(line + "\n" for line in lines)
    done = subprocess.run(["lt-proc", *args], input=text.encode("utf-8"), capture_output=True,
                          timeout=60, check=True)
    out = done.stdout.decode("utf-8").split("\n")[: len(lines)]
    return out + [""] * (len(lines) - len(out))  # a missing answer is no answer


def _reading(raw: str) -> Reading | None:
    parts = raw.split("+")
    found: list[tuple[str, tuple[str, ...]]] = []
    for part in parts:
        at = part.find("<")
        if at <= 0:
            return None
        found.append((part[:at].lower(), tuple(_TAG_RE.findall(part[at:]))))
    lemma, tags = found[-1]
    return Reading(lemma, tags, tuple(p for p, _ in found[:-1]))


def analyse(words: Sequence[str]) -> dict[str, list[Reading]]:
    """Every reading of each word (compounds included); a word Apertium does not know has none."""
    # Only plain words are sent: lt-proc reads ^ $ / < > [ ] @ \\ as its own syntax.
    result: dict[str, list[Reading]] = {w: [] for w in words if not w.isalpha()}
    words = [w for w in words if w.isalpha()]
    if not words:
        return result
    base = folder()
    lines = _run(["-e", "-w", os.path.join(base, ANALYSER)], list(words))
    for word, line in zip(words, lines, strict=True):
        readings: list[Reading] = []
        body = line.strip()
        if body.startswith("^") and body.endswith("$") and "$" not in body[:-1]:
            for raw in body[1:-1].split("/")[1:]:
                reading = _reading(raw)
                if reading is not None and reading not in readings:
                    readings.append(reading)
        result[word] = readings
    return result


def generate(requests: Sequence[str]) -> list[str | None]:
    """The form for each ``lemma<tag><tag>`` request, or None where the generator has none."""
    if not requests:
        return []
    base = folder()
    lines = _run(["-g", os.path.join(base, GENERATOR)], [f"^{r}$" for r in requests])
    return [None if not line.strip() or line.strip()[0] in "#*@" or "<" in line
            else line.strip() for line in lines]
