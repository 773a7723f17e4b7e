"""Write termlint/morphology/swedish_forms_data.py: the Swedish forms of every bundled vocabulary.

Usage: ``.venv/bin/python scripts/swedish_forms.py`` (needs Apertium: Debian ``lttoolbox`` and
``apertium-swe-nor``, which ``scripts/setup.sh`` installs). Run it after changing the Swedish
terms of a bundled vocabulary; until then their new words are built on the first run, with
Apertium's generator. ``tests/test_swedish_lexicon.py`` checks the file against Apertium.
"""

from __future__ import annotations

import pprint
import sys
from pathlib import Path

from termlint.morphology import apertium
from termlint.morphology.swedish import DEFAULT_HEADS
from termlint.morphology.swedish_lexicon import vocabulary_words
from termlint.morphology.swedish_paradigms import with_apertium
from termlint.vocab import load_bundled

TARGET = Path(__file__).resolve().parents[1] / "termlint" / "morphology" / "swedish_forms_data.py"
HEADER = '''"""The Swedish forms of the bundled vocabularies' words, made with Apertium by
``scripts/swedish_forms.py`` (see :func:`termlint.morphology.swedish_paradigms.build`).
Do not edit by hand."""

from __future__ import annotations

from typing import Any

'''


def bundled_words() -> list[str]:
    """The Swedish words of every bundled vocabulary and rule, as ``swedish_morphology`` takes
    them from a selection of them."""
    vocabs = load_bundled()
    terms = ([t.text for v in vocabs for c in v.concepts for t in c.terms if t.language == "sv"]
             + [h for v in vocabs for r in v.rules if r.language == "sv"
                for h in (*r.heads, *r.parts)])
    return sorted(vocabulary_words([*terms, *DEFAULT_HEADS]))


def main() -> int:
    if not apertium.available():
        print("swedish_forms: Apertium's Swedish analyser and generator are not installed",
              file=sys.stderr)
        return 1
    words = bundled_words()
    data = with_apertium(words).to_data()
    TARGET.write_text(HEADER + "WORDS: list[str] = " + pprint.pformat(words, width=96) + "\n"
                      + "LEXICON: dict[str, Any] = " + pprint.pformat(data, width=96) + "\n",
                      encoding="utf-8")
    print(f"swedish_forms: {len(words)} words, {len(data['nouns'])} nouns, "
          f"{len(data['adjectives'])} adjectives -> {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
