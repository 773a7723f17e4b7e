"""Time ``termlint vocab import`` of a big Termed dump, and its YAML writer alone (issue 17).

The dump is made here from the concepts of ``tests/data/termbank/thl-dump.json``, each copied
with its labels made unique, so it has the fixture's shapes (a third of its concepts without a
``uri``, whose source is a long line). The writer is timed with libyaml's emitter (the default)
and with PyYAML's Python emitter alone (``fast=False``), in turn, in one process; the import in
fresh processes.

    .venv/bin/python benchmarks/vocab_import.py [--concepts 3000] [--runs 3]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ["alfa", "beeta", "gamma", "delta", "eeta", "kappa", "lambda", "sigma", "tau", "omega"]


def make_dump(concepts: int, path: Path) -> None:
    dump = json.loads((ROOT / "tests/data/termbank/thl-dump.json").read_text(encoding="utf-8"))
    models = [n for n in dump["nodes"] if n["type"]["id"] == "Concept"]
    nodes = [n for n in dump["nodes"] if n["type"]["id"] != "Concept"]
    for i in range(concepts):
        node = copy.deepcopy(models[i % len(models)])
        tag = "".join(WORDS[int(digit)] for digit in str(i))
        node["id"] = f"{node['id'][:-6]}{i:06d}"
        node["code"] = f"{node['code']}-{i}"
        if "uri" in node:
            node["uri"] += f"-{i}"
        for labels in node["properties"].values():
            for label in labels:
                value = label["value"]
                label["value"] = f"{value} {tag}" if " " in value else f"{tag}{value}"
        nodes.append(node)
    dump["nodes"] = nodes
    path.write_text(json.dumps(dump, ensure_ascii=False), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concepts", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from termlint.vocab import load_vocabulary
    from termlint.vocab.yamlio import dump_vocabulary

    with tempfile.TemporaryDirectory(prefix="termlint-bench-") as tmp:
        dump, out = Path(tmp) / "dump.json", Path(tmp) / "out.yaml"
        make_dump(args.concepts, dump)
        env = dict(os.environ, TERMLINT_CACHE_DIR=str(Path(tmp) / "cache"))
        termlint = str(Path(sys.executable).with_name("termlint"))
        command = [termlint, "vocab", "import", "--from", "termed", str(dump), "-o", str(out)]
        subprocess.run(command, env=env, check=True, capture_output=True)  # fills the caches
        vocabulary = load_vocabulary(out)
        times: dict[str, list[float]] = {"import": [], "fast": [], "python": []}
        for _ in range(args.runs):
            started = time.perf_counter()
            subprocess.run(command, env=env, check=True, capture_output=True)
            times["import"].append(time.perf_counter() - started)
            for name, fast in (("fast", True), ("python", False)):
                started = time.perf_counter()
                text = dump_vocabulary(vocabulary, fast=fast)
                times[name].append(time.perf_counter() - started)
            assert text == dump_vocabulary(vocabulary)
    print(f"{args.concepts} concepts, median of {args.runs} runs:")
    print(f"  termlint vocab import: {statistics.median(times['import']):.2f} s")
    print(f"  writer, libyaml:       {statistics.median(times['fast']):.2f} s")
    print(f"  writer, Python:        {statistics.median(times['python']):.2f} s")


if __name__ == "__main__":
    main()
