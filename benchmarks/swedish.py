"""Swedish beside Finnish: cold start, a bilingual i18n tree, a large Swedish text.

Usage: ``.venv/bin/python benchmarks/swedish.py [--runs 7] [--json OUT] [--only WORDS]``

Every pair that is compared runs in turn, a run of each per round (this machine's speed drifts
by a fifth over minutes), each the median of ``--runs`` fresh processes, with termlint's
on-disk caches filled by one untimed run first, except for the first runs on a machine, which
start each run from an empty cache (the Swedish one builds the Swedish lexicon with Apertium).
The texts are our own sentences (see ``SWEDISH`` and ``FINNISH``), repeated with every clause
marked so that no clause repeats.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import TERMLINT, mark, measure_together, termlint_findings

SWEDISH = [
    "Logga in i e-tjänsten med bankkoder eller mobilcertifikat.",
    "Välfärdsregionen ordnar social- och hälsovården i hela landskapet.",
    "Webbtjänsterna är stängda i natt på grund av underhåll.",
    "Kontakta arbetshälsovården om du har frågor om din arbetsförmåga.",
    "Remissen skickas till specialsjukvården inom två veckor.",
    "Hälsovårdaren på hälsovårdscentralen svarar på frågor om vaccinationer.",
    "Bashälsovården och företagshälsovården samarbetar kring arbetshälsa.",
    "Boka tid på vårdcentralen eller ring rådgivningen.",
    "Digitala tjänster är öppna dygnet runt.",
    "Spara formuläret innan du stänger webbläsaren.",
]
FINNISH = [
    "Kirjaudu e-palveluun pankkitunnuksilla tai mobiilivarmenteella.",
    "Hyvinvointialueen sähköisissä palveluissa voit varata ajan.",
    "Digitaaliset palvelut ovat avoinna ympäri vuorokauden.",
    "Tallenna lomake ennen kuin suljet selaimen.",
]
#: Words of the neutral sentences between the flagged ones: a real text flags about one
#: sentence in fifty (the Finnish benchmark text: 615 findings in 4.5 MB).
NEUTRAL = {
    "sv": (["Kommunen", "Personalen", "Du", "Familjen", "Mottagningen", "Skolan"],
           ["svarar på", "ordnar", "skickar", "granskar", "planerar", "betalar"],
           ["frågor om bostäder", "ansökan om stöd", "ett brev", "tider för besök",
            "avgifterna", "kvällskurser"],
           ["i dag", "på måndag", "varje vecka", "under hösten", "inom en månad", "snart"]),
    "fi": (["Kunta", "Henkilökunta", "Perhe", "Vastaanotto", "Koulu", "Kirjasto"],
           ["vastaa", "järjestää", "lähettää", "tarkistaa", "suunnittelee", "maksaa"],
           ["kysymyksiin asumisesta", "hakemuksen", "kirjeen", "käyntiajat", "maksut",
            "iltakurssit"],
           ["tänään", "maanantaina", "joka viikko", "syksyllä", "kuukauden sisällä", "pian"]),
}
TARGET_BYTES = 4_500_000


def text_of(sentences: list[str], size: int, seed: int, language: str = "sv") -> str:
    """About ``size`` bytes: paragraphs of neutral sentences, one of ``sentences`` in 50."""
    rng = random.Random(seed)
    words = NEUTRAL[language]
    pieces: list[str] = []
    total, k = 0, 0
    while total < size:
        chosen = [rng.choice(sentences) if sentences and rng.random() < 0.02 else
                  " ".join(rng.choice(part) for part in words) + "." for _ in range(5)]
        piece = mark(" ".join(chosen), f"k{k}") + "\n\n"
        pieces.append(piece)
        total += len(piece.encode("utf-8"))
        k += 1
    return "".join(pieces)


def tree(root: Path, files: int) -> None:
    """A bilingual i18n tree: ``fi.json`` and ``sv.json`` per module, a Swedish Markdown page."""
    for n in range(files):
        module = root / f"module{n:03d}" / "locales"
        module.mkdir(parents=True)
        for language, sentences in (("fi", FINNISH), ("sv", SWEDISH)):
            values = {f"key{i}": mark(s, f"m{n}") for i, s in enumerate(sentences)}
            values.update({f"text{i}": text_of([], 60, n * 100 + i, language).strip()
                           for i in range(40)})
            (module / f"{language}.json").write_text(
                json.dumps(values, ensure_ascii=False, indent=2), encoding="utf-8")
        (root / f"module{n:03d}" / "README.sv.md").write_text(
            "# Vård\n\n" + text_of(SWEDISH, 2000, n), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--only", help="run only the groups whose name contains this")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="termlint-sv-bench-"))
    env = {**os.environ, "TERMLINT_CACHE_DIR": str(work / "cache")}
    check = [TERMLINT, "check", "--format", "json", "--fail-level", "error"]

    (work / "fi.txt").write_text("Kirjaudu e-palveluun.\n", encoding="utf-8")
    (work / "sv.txt").write_text("Kontakta välfärdsregionen.\n", encoding="utf-8")
    small = work / "small"
    tree(small, 3)
    large = work / "large"
    tree(large, 150)
    (work / "sv-large.txt").write_text(text_of(SWEDISH, TARGET_BYTES, 1), encoding="utf-8")
    (work / "fi-large.txt").write_text(text_of(FINNISH, TARGET_BYTES, 1, "fi"), encoding="utf-8")

    def first_run(*cmd: str) -> list[str]:
        """``cmd`` from an empty cache of its own, as on a machine termlint never ran on."""
        return ["sh", "-c", 'rm -rf "$0" && TERMLINT_CACHE_DIR="$0" exec "$@"',
                str(work / "empty-cache"), *cmd]

    groups = {
        "first run": [first_run(*check, str(work / "fi.txt")),
                      first_run(*check, "--language", "sv", str(work / "sv.txt"))],
        "one sentence": [[*check, str(work / "fi.txt")],
                         [*check, "--language", "sv", str(work / "sv.txt")]],
        "bilingual tree, 9 files": [[*check, str(small)], [*check, "--jobs", "1", str(small)]],
        "bilingual tree, 450 files": [[*check, str(large)],
                                      [*check, "--jobs", "1", str(large)]],
        "4.5 MB text": [[*check, str(work / "fi-large.txt")],
                        [*check, "--language", "sv", str(work / "sv-large.txt")]],
    }
    names = {
        "first run": ("Finnish first run on a machine (one sentence, empty cache)",
                      "Swedish first run on a machine (one sentence, empty cache)"),
        "one sentence": ("Finnish cold start (one sentence)", "Swedish cold start (one sentence)"),
        "bilingual tree, 9 files": ("bilingual tree, 9 files, default --jobs",
                                    "bilingual tree, 9 files, --jobs 1"),
        "bilingual tree, 450 files": ("bilingual tree, 450 files, default --jobs",
                                      "bilingual tree, 450 files, --jobs 1"),
        "4.5 MB text": ("Finnish 4.5 MB text", "Swedish 4.5 MB text"),
    }
    rows = []
    print("| run | median s | peak MiB | findings |\n|---|---:|---:|---:|")
    for group, cmds in groups.items():
        if args.only and args.only not in group:
            continue
        for cmd in cmds:  # fill the caches: a second run on a machine is measured
            subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           check=False)
        for name, result in zip(names[group], measure_together(cmds, args.runs, env=env),
                                strict=True):
            findings = termlint_findings(str(result["output"]))
            rows.append({"run": name, "median_s": result["median_s"],
                         "peak_mib": result["peak_mib"], "findings": findings})
            print(f"| {name} | {float(result['median_s']):.3f} | "
                  f"{float(result['peak_mib']):.1f} | {findings} |", flush=True)
    by_name = {str(r["run"]): float(r["median_s"]) for r in rows}
    finnish, swedish = names["one sentence"]
    if finnish in by_name and swedish in by_name:
        print(f"\nSwedish / Finnish cold start = {by_name[swedish] / by_name[finnish]:.2f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
