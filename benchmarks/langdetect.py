"""Cost of telling Finnish from Swedish by content (issue 16.4; docs/configuration.md).

A file whose name and declarations say nothing of its language has each value's language
guessed (``termlint.sources.langdetect``). This times that guess on generated UI strings and
sentences of both languages (each value made unique, so the word cache helps as it would in a
real file, not more), and on one long paragraph, of which only the first 400 characters are
read. The target: well under the cost of linting the same values (tens of microseconds).

    .venv/bin/python benchmarks/langdetect.py [--values 50000] [--runs 5]
"""

from __future__ import annotations

import argparse
import time

from termlint.model import Segment
from termlint.sources.langdetect import detect_segments

TEXTS = (
    "Spara ändringar", "Tallenna muutokset", "Kirjaudu sähköiseen asiointiin",
    "Logga in på e-tjänsten", "Välfärdsområdet ordnar social- och hälsovården för invånarna.",
    "Hyvinvointialue järjestää sosiaali- ja terveyspalvelut asukkaille.", "Avbryt", "Sulje",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--values", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    values = [Segment(text=f"{TEXTS[i % len(TEXTS)]} {i}") for i in range(args.values)]
    long = [Segment(text="Hyvinvointialue järjestää sosiaali- ja terveyspalvelut. " * 20_000)]
    best = best_long = float("inf")
    for _ in range(args.runs):
        start = time.perf_counter()
        detect_segments(values)
        best = min(best, time.perf_counter() - start)
        start = time.perf_counter()
        detect_segments(long)
        best_long = min(best_long, time.perf_counter() - start)
    print(f"{args.values} values: {best:.3f} s at best, {best / args.values * 1e6:.1f} µs a value")
    print(f"one value of {len(long[0].text):,} characters: {best_long * 1e3:.2f} ms")


if __name__ == "__main__":
    main()
