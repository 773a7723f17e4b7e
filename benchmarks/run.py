"""Benchmark termlint against textlint + textlint-rule-prh and grep on ~4.5 MB of Finnish.

Usage: ``.venv/bin/python benchmarks/run.py [--runs 5] [--no-textlint] [--json OUT]``

The text is built from the string values of ``../shared/corpora`` (read through termlint's own
sources) when that folder exists, otherwise from generated Finnish sentences. Every timing is the
median of ``--runs`` runs of a fresh process; peak memory is the child's maximum RSS.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The corpus folder: ``$TERMLINT_BENCH_CORPORA``, else ``../shared/corpora`` next to the clone
#: (``benchmarks/fetch_corpus.py`` downloads it there; see benchmarks/README.md).
CORPORA = Path(os.environ.get("TERMLINT_BENCH_CORPORA") or ROOT.parent / "shared" / "corpora")
TARGET_BYTES = 4_500_000
TERMLINT = str(Path(sys.executable).with_name("termlint"))

#: The regex tools' dictionary: one rule per term that the bundled vocabularies flag, as a prh
#: user would write it (a stem plus any ending, compounds where termlint matches compounds),
#: each with its own recommended term. Case is ignored (prh ``/i``, ``grep -i``).
_L = "[a-zåäö]"
_SAHKOINEN = rf"sähköi{_L}*\s+[a-zåäö-]*"
RULES = [
    (rf"[a-zåäö-]*sote-palvel{_L}*", "sosiaali- ja terveyspalvelut"),
    (rf"{_SAHKOINEN}palvel{_L}*", "digitaalinen palvelu"),
    (rf"(^|[^a-zåäö-])e-palvel{_L}*", "digitaalinen palvelu"),
    (rf"(^|[^a-zåäö])epalvel{_L}*", "digitaalinen palvelu"),
    (rf"(^|[^a-zåäö-])verkkopalvel{_L}*", "digitaalinen palvelu"),
    (rf"(^|[^a-zåäö-])nettipalvel{_L}*", "digitaalinen palvelu"),
    (rf"terveydenhuollon\s+{_SAHKOINEN}palvel{_L}*", "terveydenhuollon digitaalinen palvelu"),
    (rf"{_SAHKOINEN}asioin{_L}*", "digitaalinen asiointi"),
    (rf"(^|[^a-zåäö-])e-asioin{_L}*", "digitaalinen asiointi"),
    (r"[a-zåäö-]*verkkoasioin[a-zåäö-]*", "digitaalinen asiointi"),
    (rf"{_SAHKOINEN}asiointipalvel{_L}*", "digitaalinen asiointipalvelu"),
    (rf"{_SAHKOINEN}(palvel|asioin|ajanvara|palvelukanav|asiointikanav|asiointiprosess)"
     rf"{_L}*", "digitaalinen"),
    (r"social-\s+och\s+hälsotjänst[a-zåäö]*", "social- och hälsovårdstjänster"),
    (r"(^|[^a-zåäö-])webbtjänst[a-zåäö]*", "digital tjänst"),
    (r"(^|[^a-zåäö-])nättjänst[a-zåäö]*", "digital tjänst"),
]
#: What ``grep -E -i -o`` looks for: the literal stems of those rules, as the issue's
#: baseline has it ("grep -E with the same stems"). Plain alternatives are grep's fastest case;
#: the rules' character classes and prefixes would make it several times slower.
STEMS = ["sähköi", "e-palvel", "epalvel", "verkkopalvel", "nettipalvel", "sote-palvel",
         "e-asioin", "verkkoasioin", "hälsotjänst", "webbtjänst", "nättjänst"]

OWN_SENTENCES = [
    "Hyvinvointialueen sähköisissä palveluissa voit varata ajan ja uusia reseptin.",
    "Kirjaudu e-palveluun pankkitunnuksilla tai mobiilivarmenteella.",
    "Digitaaliset palvelut ovat avoinna ympäri vuorokauden.",
    "Tarjoamme tukea sähköiseen asiointiin kirjastoissa ja palvelupisteissä.",
    "Sähköinen resepti ja vahva sähköinen tunnistaminen ovat vakiintuneita termejä.",
    "Voit myös asioida sähköisesti Omakannassa.",
    "Lähetä viesti hoitajalle ja odota vastausta kahden arkipäivän kuluessa.",
    "Ajanvaraus onnistuu puhelimitse ja verkkoasioinnin kautta.",
    "Sosiaali- ja terveyspalvelut löydät alueen verkkosivuilta.",
    "Tallenna lomake ennen kuin suljet selaimen.",
]


def build_text() -> tuple[str, str]:
    """The benchmark text (about 4.5 MB) and where it came from."""
    pieces: list[str] = []
    origin = "generated Finnish sentences"
    if CORPORA.is_dir():
        sys.path.insert(0, str(ROOT))
        from termlint.sources import SourceError, source_for

        for path in sorted(CORPORA.rglob("*")):
            source = source_for(str(path)) if path.is_file() else None
            if source is None or path.name == "SOURCES.md":
                continue
            try:
                doc = source.read(str(path), path.read_bytes())
            except SourceError:
                continue
            pieces.extend(s.text.strip() for s in doc.segments if s.text.strip())
        origin = f"string values of {len(pieces)} segments in ../shared/corpora"
    if not pieces:
        rng = random.Random(7)
        pieces = [" ".join(rng.sample(OWN_SENTENCES, 3)) for _ in range(2000)]
    # Every clause of each repetition is marked, so that no clause repeats exactly: termlint
    # remembers the matches of clauses it has seen, and the benchmark should not profit from
    # copies that a real repository would not have.
    size = sum(len(p.encode("utf-8")) + 2 for p in pieces)
    repeat = max(1, TARGET_BYTES // size + 1)
    text = "".join(mark(p, f"k{k}") + "\n\n" for k in range(repeat) for p in pieces)
    data = text.encode("utf-8")[:TARGET_BYTES].decode("utf-8", errors="ignore")
    return data[: data.rfind("\n\n") + 2], origin



def mark(text: str, label: str) -> str:
    """``text`` with ``(label)`` at the end of every clause, before the punctuation that ends
    it, so that each clause is new. (After the punctuation, the label would begin the next
    clause and leave the first clause of every string unmarked: half the clauses of the 1x
    text repeated exactly, and termlint's clause memo profited from the copies.)"""
    return _CLAUSE_END.sub(f" ({label})", text) + f" ({label})"


_CLAUSE_END = re.compile(r"(?=[.!?;](?:\s|$))|(?=\n[ \t]*\n)")


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (termlint forks to share work; textlint does not)."""
    found = [pid]
    for parent in found:
        try:
            with open(f"/proc/{parent}/task/{parent}/children", encoding="ascii") as handle:
                found.extend(int(child) for child in handle.read().split())
        except (OSError, ValueError):
            continue
    return found


def _status_kib(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return 0
    return 0


def _pss_kib(pid: int) -> int:
    """Proportional set size: shared pages (a forked child's) counted once over the tree."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return 0
    return 0


def peak_memory(cmd: list[str], cwd: Path | None = None,
                env: dict[str, str] | None = None) -> float:
    """Peak memory of one run in MiB: the largest of the summed PSS of the process tree,
    sampled every 2 ms, and the maximum RSS that GNU time reports for the program.

    This is a separate run, so the sampling does not slow down the timed ones. PSS counts a
    page shared with a forked child once, not once per process. GNU time catches a run too
    short for any sample (grep); it forks from a small process, so unlike this script's own
    rusage it does not count the benchmark's memory borrowed by the child before exec.
    """
    timer = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    with tempfile.NamedTemporaryFile("r", suffix=".maxrss") as report:
        wrapped = [timer, "-f", "%M", "-o", report.name, *cmd] if timer else cmd
        proc = subprocess.Popen(wrapped, cwd=cwd, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, env=env)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, sum(_pss_kib(p) for p in _tree(proc.pid)[1 if timer else 0:]))
            time.sleep(0.002)
        with contextlib.suppress(ValueError, IndexError):
            peak = max(peak, int(report.read().split()[-1]))
    return peak / 1024


def measure(cmd: list[str], runs: int, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> dict[str, float | str]:
    """Median wall time over ``runs`` fresh processes, and the peak memory of one more."""
    return measure_together([cmd], runs, cwd, env)[0]


def measure_together(cmds: list[list[str]], runs: int, cwd: Path | None = None,
                     env: dict[str, str] | None = None) -> list[dict[str, float | str]]:
    """:func:`measure` for several commands, run in turn in each round: a ratio of two of
    their medians is then measured under the same machine conditions (this machine's speed
    drifts by a fifth over minutes)."""
    times: list[list[float]] = [[] for _ in cmds]
    outputs = [""] * len(cmds)
    for _ in range(runs):
        for index, cmd in enumerate(cmds):
            with tempfile.TemporaryFile() as sink:
                start = time.perf_counter()
                subprocess.run(cmd, cwd=cwd, stdout=sink, stderr=subprocess.DEVNULL,
                               check=False, env=env)
                times[index].append(time.perf_counter() - start)
                sink.seek(0)
                outputs[index] = sink.read().decode("utf-8", errors="replace")
    return [{"median_s": statistics.median(spent), "peak_mib": peak_memory(cmd, cwd, env),
             "output": output} for cmd, spent, output in zip(cmds, times, outputs, strict=True)]


def termlint_findings(output: str) -> int:
    try:
        return int(json.loads(output)["summary"]["findings"])
    except (ValueError, KeyError):
        return -1


def setup_textlint(work: Path) -> Path | None:
    """Install textlint and textlint-rule-prh from npm into ``work``; None if npm fails."""
    if shutil.which("npm") is None:
        return None
    (work / "package.json").write_text('{"private": true}', encoding="utf-8")
    proc = subprocess.run(
        ["npm", "install", "--silent", "--no-audit", "--no-fund", "textlint@15",
         "textlint-rule-prh@6"], cwd=work, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        print(f"textlint install failed: {proc.stderr.strip()[:200]}", file=sys.stderr)
        return None
    rules = [{"expected": expected, "pattern": f"/{pattern}/i"} for pattern, expected in RULES]
    import yaml

    (work / "prh.yml").write_text(yaml.safe_dump({"version": 1, "rules": rules},
                                                 allow_unicode=True), encoding="utf-8")
    (work / ".textlintrc.json").write_text(
        json.dumps({"rules": {"prh": {"rulePaths": ["./prh.yml"]}}}), encoding="utf-8")
    return work / "node_modules" / ".bin" / "textlint"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-textlint", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    text, origin = build_text()
    work = Path(tempfile.mkdtemp(prefix="termlint-bench-"))
    big = work / "bench.txt"
    big.write_text(text, encoding="utf-8")
    for factor in (4, 16):
        with open(work / f"bench{factor}.txt", "w", encoding="utf-8") as handle:
            for n in range(factor):
                handle.write(mark(text, f"x{n}"))
    # The same material as a UI strings file: one JSON value per paragraph of the text.
    strings = work / "fi.json"
    strings.write_text(json.dumps({f"key{n}": value for n, value in enumerate(
        v for v in text.split("\n\n") if v.strip())}, ensure_ascii=False, indent=2),
        encoding="utf-8")
    small = work / "small.txt"
    small.write_text("Käytä sähköisiä palveluja.\n", encoding="utf-8")
    many = work / "many"
    many.mkdir()
    chunks = text.split("\n\n")
    size = max(1, len(chunks) // 400)
    for i in range(0, len(chunks), size):
        (many / f"f{i:06d}.txt").write_text("\n\n".join(chunks[i : i + size]), encoding="utf-8")
    mb = len(text.encode("utf-8")) / 1e6
    print(f"text: {mb:.2f} MB from {origin}; {len(list(many.iterdir()))} files for --jobs")
    # The interpreter matters: a build without profile-guided and link-time optimisation
    # (pyenv's default) runs termlint about a tenth slower than the distribution's.
    print(f"termlint on Python {platform.python_version()} ({os.path.realpath(sys.executable)})")

    # Byte-compile termlint as pip does when it installs a wheel (an editable install where
    # PYTHONDONTWRITEBYTECODE is set would compile it from source on every run).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "termlint")],
                   check=False, stdout=subprocess.DEVNULL)
    # termlint's on-disk caches in a folder of the benchmark's own, filled by one untimed
    # run of each command: what a second run on a machine sees, and nothing left over from
    # other work on this one.
    env = {**os.environ, "TERMLINT_CACHE_DIR": str(work / "cache")}
    rows: list[tuple[str, dict[str, float | str], str]] = []

    def report(name: str, result: dict[str, float | str], findings: str = "") -> None:
        if not findings:
            findings = str(termlint_findings(str(result["output"])))
        rows.append((name, result, findings))
        print(f"  {name:<34} {result['median_s']:8.3f} s  {result['peak_mib']:7.1f} MiB"
              f"  findings {findings}", flush=True)

    def add(name: str, cmd: list[str]) -> None:
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
        report(name, measure(cmd, args.runs, env=env))

    check = [TERMLINT, "check", "--format", "json", "--fail-level", "error"]
    grep = ["grep", "-E", "-i", "-o", "|".join(STEMS), str(big)]
    textlint = None if args.no_textlint else setup_textlint(work)
    # The three tools on the same text, a run of each in turn: their ratios are measured
    # under the same conditions.
    first = [*check, str(big)]
    subprocess.run(first, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    group = [first, grep]
    if textlint is not None:
        group.append([str(textlint), "--format", "json", str(big)])
    results = measure_together(group, args.runs, work, env)
    report("termlint 1x (4.5 MB)", results[0])
    report("grep -E (same stems)", results[1],
           str(len(str(results[1]["output"]).splitlines())) + " hits")
    if textlint is not None:
        try:
            count = str(sum(len(f["messages"]) for f in json.loads(str(results[2]["output"]))))
        except ValueError:
            count = "?"
        report("textlint + prh", results[2], count + " hits")
    add("termlint 4x", [*check, str(work / "bench4.txt")])
    add("termlint 16x", [*check, str(work / "bench16.txt")])
    add("termlint 1x as JSON strings", [*check, str(strings)])
    add("termlint --no-prefilter 1x", [*check, "--no-prefilter", str(big)])
    same = rows[-1][1]["output"] == results[0]["output"]
    print(f"  the prefilter is lossless here: JSON {'identical' if same else 'DIFFERENT'}",
          flush=True)
    small_cmds = [[*check, str(small)]]
    if textlint is not None:
        small_cmds.append([str(textlint), str(small)])
    subprocess.run(small_cmds[0], env=env, stdout=subprocess.DEVNULL, check=False)
    small_results = measure_together(small_cmds, args.runs, work, env)
    report("termlint cold start (small file)", small_results[0])
    if textlint is not None:
        report("textlint cold start", small_results[1], "-")
    # The first run on a machine (or a CI job without a kept cache): every on-disk cache
    # empty, so paradigm stems, verified forms and analyses are all worked out.
    empty = work / "empty-cache"
    report("termlint 1x, empty cache (first run)", measure(
        ["sh", "-c", f'rm -rf "{empty}" && TERMLINT_CACHE_DIR="{empty}" exec "$0" "$@"',
         *check, str(big)], args.runs))
    jobs = [[*check, "--jobs", "1", str(many)], [*check, "--jobs", "2", str(many)]]
    subprocess.run(jobs[0], env=env, stdout=subprocess.DEVNULL, check=False)
    one_job, two_jobs = measure_together(jobs, args.runs, env=env)
    report("termlint --jobs 1 (many files)", one_job)
    report("termlint --jobs 2 (many files)", two_jobs)
    by_name = {name: float(r["median_s"]) for name, r, _ in rows}
    print("\n| run | median s | peak MiB | findings |\n|---|---:|---:|---:|")
    for name, r, findings in rows:
        print(f"| {name} | {float(r['median_s']):.3f} | {float(r['peak_mib']):.1f} | {findings} |")
    one = by_name["termlint 1x (4.5 MB)"]
    print(f"\nlinearity: 4x/1x = {by_name['termlint 4x'] / one:.2f}, "
          f"16x/1x = {by_name['termlint 16x'] / one:.2f}")
    print(f"termlint / grep = {one / by_name['grep -E (same stems)']:.1f}x slower")
    if "textlint + prh" in by_name:
        print(f"textlint / termlint = {by_name['textlint + prh'] / one:.1f}x")
        if "textlint cold start" in by_name:
            # Throughput net of each tool's own start-up: the time the text itself costs.
            net_textlint = by_name["textlint + prh"] - by_name["textlint cold start"]
            net_termlint = one - by_name["termlint cold start (small file)"]
            print(f"textlint / termlint net of start-up = {net_textlint / net_termlint:.1f}x")
    jobs1 = by_name["termlint --jobs 1 (many files)"]
    jobs2 = by_name["termlint --jobs 2 (many files)"]
    print(f"--jobs 1 / --jobs 2 = {jobs1 / jobs2:.2f}")
    if args.json:
        args.json.write_text(json.dumps(
            [{"run": n, "median_s": r["median_s"], "peak_mib": r["peak_mib"], "findings": f}
             for n, r, f in rows], indent=2), encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
