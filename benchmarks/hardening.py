"""Time and peak memory of termlint on hostile sizes (the figures in docs/hardening.md).

Each case runs in a fresh process (``termlint check --isolated --format json`` on a generated
file, or a vocabulary load and compile), and peak memory is the process's VmHWM read from
``/proc`` after it ends (Linux). The unit tests in tests/test_hardening.py check only that
these inputs complete and give the right findings; speed belongs here.

    .venv/bin/python benchmarks/hardening.py [--runs 3] [--superlinear]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FI = "Käytä sähköisiä palveluja.\n"
LINES = [
    "Asiakas voi varata ajan terveysasemalle ja saada neuvontaa puhelimitse.\n",
    "Hyvinvointialue järjestää sosiaali- ja terveyspalvelut asukkailleen.\n",
    "Palveluun kirjaudutaan vahvalla tunnistautumisella, ja lomake tallentuu.\n",
    "Lisätietoja saat digitaalisista palveluista ja neuvonnasta.\n",
]

#: Runs in the child: run ``argv`` as the termlint CLI or compile a vocabulary, then report
#: the wall time and the peak resident memory.
CHILD = r"""
import json, sys, time
started = time.perf_counter()
kind, arg = sys.argv[1], sys.argv[2]
peak = 0
def vm_hwm():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
if kind == "format":
    # The report goes to a file, so the peak is termlint's, not a captured copy's (``--output``
    # would add the text report on the terminal); it is read back only after the peak is.
    import io, contextlib, os
    from termlint.cli import main
    report = arg + "." + sys.argv[3]
    with open(report, "w", encoding="utf-8") as handle, contextlib.redirect_stdout(handle), \
            contextlib.redirect_stderr(io.StringIO()):
        try:
            main(["check", "--isolated", "-j", "1", "--format", sys.argv[3], arg])
        except SystemExit:
            pass
    elapsed, peak = time.perf_counter() - started, vm_hwm()
    with open(report, encoding="utf-8") as handle:
        log = json.load(handle)
    os.remove(report)
    findings = len(log["runs"][0]["results"] if sys.argv[3] == "sarif"
                   else log["findings"] if sys.argv[3] == "json" else log)
elif kind in ("cli", "diff", "vocab-cli"):
    import io, contextlib
    from termlint.cli import main
    class Out(io.StringIO):
        buffer = io.BytesIO()  # --diff writes a file's patch in its own bytes
    out = Out()
    args = (["--diff", arg] if kind == "diff" else ["--format", "json", arg] if kind == "cli"
            else ["--format", "json", "--vocab", arg, sys.argv[3]])
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        try:
            main(["check", "--isolated", "-j", "1", *args])
        except SystemExit:
            pass
    if kind == "diff":
        findings = out.buffer.getvalue().count(b"digitaalisia")
    else:
        try:
            findings = len(json.loads(out.getvalue())["findings"])
        except ValueError:
            findings = -1  # refused with an error line, as intended
elif kind == "text":
    import io, contextlib
    from termlint.cli import main
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            main(["check", "--isolated", arg])
        except SystemExit:
            pass
    findings = len(out.getvalue().encode())
else:
    from termlint.api import build_engine
    from termlint.vocab import load_vocabulary
    loaded = time.perf_counter()
    vocab = load_vocabulary(arg)
    load = time.perf_counter() - loaded
    engine = build_engine([vocab])
    findings = len(engine.tables("fi").patterns)
if not peak:
    elapsed, peak = time.perf_counter() - started, vm_hwm()
print(json.dumps({"seconds": elapsed, "peak_mib": peak, "count": findings}))
"""


def write_big(path: Path, megabytes: int) -> None:
    block = "".join(LINES) * 250
    size = count = 0
    with path.open("w", encoding="utf-8") as out:
        while size < megabytes << 20:
            out.write(block)
            size += len(block.encode())
            count += 1
            if count % 100 == 0:
                out.write(FI)


def write_cases(folder: Path) -> dict[str, Path]:
    cases: dict[str, Path] = {}
    big = folder / "big50.txt"
    write_big(big, 50)
    cases["50 MB text, 800,000 lines"] = big
    lines = folder / "lines.md"
    lines.write_text("".join(f"Rivi {i}: {FI}" if i % 1000 == 0 else f"Rivi {i}.\n"
                             for i in range(100_000)), encoding="utf-8")
    cases["100,000-line Markdown"] = lines
    line = folder / "line.txt"
    filler = "asiakas voi varata ajan terveysasemalle ja saada neuvontaa "
    line.write_text(FI.strip() + " " + filler * (5_000_000 // len(filler)) + FI,
                    encoding="utf-8")
    cases["5 MB single line"] = line
    many = folder / "many.txt"
    many.write_text("käytä sähköisiä palveluja " * 20_000, encoding="utf-8")
    cases["20,000 findings in one clause"] = many
    minified = folder / "minified.json"
    sentence = "Asiakas voi varata ajan ja saada neuvontaa. " * 150
    minified.write_text("{" + ", ".join(f'"k{i}": "{sentence}{FI.strip()}"' for i in range(200))
                        + "}", encoding="utf-8")
    cases["minified 1.3 MB JSON, 200 findings: text report (count: report bytes)"] = minified
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from test_hardening import huge_vocabulary

    vocab = folder / "huge.yaml"
    vocab.write_text(huge_vocabulary(20_000), encoding="utf-8")
    cases["vocabulary of 20,000 concepts: load + compile"] = vocab
    cases.update(superlinear_cases(folder))
    return cases


def superlinear_cases(folder: Path) -> dict[str, Path]:
    """The inputs of issue 21 that once took time (or memory) growing faster than their size;
    tests/sources/test_growth.py checks the same shapes for linear growth."""
    cases: dict[str, Path] = {}

    def put(name: str, file: str, text: str) -> None:
        path = folder / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        cases[name] = path

    sentence = "Asiakas voi `koodi` käyttää **lihava** palvelua tänään. "
    put("Markdown, code and bold in every sentence", "emphasis/a.md", sentence * 5_200 + FI)
    put("Markdown, unclosed backtick runs", "ticks/a.md", FI + "``` " + "sana ` " * 3_000)
    put("YAML flow mapping of plain scalars on one line", "flow/fi.yml",
        "a: {" + ", ".join(f"k{i}: arvo numero {i}" for i in range(16_000)) + f"}}\nb: {FI}")
    put("YAML literal block of 200,000 lines", "literal/fi.yml",
        "a: |\n" + "".join(f"  Rivi {i}: asiakas voi varata ajan.\n" for i in range(200_000))
        + f"  {FI}\n")
    put("YAML folded block of 200,000 lines", "folded/fi.yml",
        "a: >\n" + "".join(f"  Rivi {i}: asiakas voi varata ajan.\n" for i in range(200_000))
        + f"  {FI}\n")
    put("the same 200,000 lines as text", "literal/fi.txt",
        "".join(f"Rivi {i}: asiakas voi varata ajan.\n" for i in range(200_000)) + f"{FI}\n")
    put("HTML, '<a' repeated", "tags/a.html", f"<p>{FI}</p>" + "<a" * 39_000)
    put("HTML, '<!--' repeated", "comments/a.html", f"<p>{FI}</p>" + "<!--" * 19_500)
    put("--diff of 8,000 findings in one file", "fix/a.txt", (FI + " ") * 8_000)
    for count, size in ((15_000, "0.6"), (30_000, "1.3"), (60_000, "2.6")):
        # One line whose every sentence is a finding with a fix (SARIF once held the whole
        # log, indented, in memory: 953 MiB at 60,000). Each format reads the same file.
        put(f"one {size} MB line, {count:,} findings: --format json", f"line{count}/a.txt",
            "Asiakas käyttää sähköisiä palveluja. " * count + "\n")
        for fmt in ("sarif", "gitlab"):
            cases[f"one {size} MB line, {count:,} findings: --format {fmt}"] = \
                folder / f"line{count}" / "a.txt"
    sparse = folder / "sparse" / "a.txt"
    sparse.parent.mkdir()
    with sparse.open("wb") as handle:
        handle.truncate(2 << 30)
    cases["sparse 2 GB file (refused unread)"] = sparse
    names = "abcdefghij"
    bomb = ["id: bomb", "title: x", "a: &a [" + ", ".join(["lol"] * 9) + "]"]
    bomb += [f"{names[i]}: &{names[i]} [" + ", ".join([f"*{names[i - 1]}"] * 9) + "]"
             for i in range(1, 9)]
    put("vocabulary with a 9-level alias bomb (refused)", "bomb/bomb.yaml",
        "\n".join(bomb) + "\nconcepts: []\n")
    return cases


def measure(kind: str, path: Path, *extra: str) -> dict[str, float]:
    proc = subprocess.run([sys.executable, "-c", CHILD, kind, str(path), *extra],
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONHASHSEED": "0", "TERMLINT_NO_CACHE": "1"})
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--superlinear", action="store_true",
                        help="only the inputs of issue 21 that once grew faster than linear")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        cases = superlinear_cases(Path(tmp)) if args.superlinear else write_cases(Path(tmp))
        print(f"(inputs written in {time.perf_counter() - started:.1f} s)")
        print("| case | size | median s | peak MiB | findings/patterns |")
        print("|---|---|---|---|---|")
        for name, path in cases.items():
            kind, extra = ("vocab" if path.suffix == ".yaml" else
                           "text" if path.name == "minified.json" else "cli"), []
            if "alias bomb" in name:
                kind, extra = "vocab-cli", [str(cases["--diff of 8,000 findings in one file"])]
            elif name.startswith("--diff"):
                kind = "diff"
            elif ": --format " in name:
                kind, extra = "format", [name.rsplit(" ", 1)[1]]
            runs = [measure(kind, path, *extra) for _ in range(args.runs)]
            size = path.stat().st_size / (1 << 20)
            seconds = statistics.median(r["seconds"] for r in runs)
            peak = max(r["peak_mib"] for r in runs)
            print(f"| {name} | {size:.1f} MB | {seconds:.2f} | {peak:.0f} | "
                  f"{int(runs[0]['count'])} |")


if __name__ == "__main__":
    main()
