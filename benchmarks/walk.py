"""Time of choosing the files to check on hostile configurations (issue 21; docs/hardening.md).

Three cases, each at three sizes, each size in a fresh process that walks a generated tree
and resolves every file's settings (``iter_files`` + ``Config.selected``/``for_path``, the
API the old and the new code share, so that ``--code`` can time another checkout):

* ``overrides``: 700 per-path overrides over 250/500/1000 files;
* ``deep-glob``: an exclude glob with ``**/a/`` 14 times over folder chains (``a/a/…``)
  20/25/30 deep;
* ``gitignore``: 150 ``.gitignore`` patterns (a root file and one in every folder) over
  550/1100/2200 folders in chains 10 deep.

    .venv/bin/python benchmarks/walk.py [--code PATH_TO_A_CHECKOUT] [--timeout 60]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import sys, time
from termlint import config
from termlint.lint import iter_files
root = sys.argv[1]
started = time.perf_counter()
cfg = config.resolve([root])
count = 0
for path, explicit in iter_files([root]):
    if cfg.selected(path, explicit):
        cfg.for_path(path)
        count += 1
print(time.perf_counter() - started, count)
"""


def overrides(folder: Path, files: int) -> None:
    lines = ["overrides:"]
    for i in range(700):
        lines.append(f"  - files: ['src/m{i % 50}/**/f{i}.txt', '**/x{i}/*.md']")
        lines.append("    severity: {thl-digi: error}")
    (folder / ".termlint.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for i in range(files):
        sub = folder / "src" / f"m{i % 50}" / "a"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"f{i}.txt").write_text("Teksti.\n", encoding="utf-8")


def deep_glob(folder: Path, depth: int) -> None:
    pattern = "**/a/" * 14 + "never.txt"
    (folder / ".termlint.yaml").write_text(f"exclude: ['{pattern}']\n", encoding="utf-8")
    here = folder
    for level in range(depth):
        here = here / "a"
        here.mkdir()
        (here / f"f{level}.txt").write_text("Teksti.\n", encoding="utf-8")


def gitignore(folder: Path, folders: int) -> None:
    (folder / ".git").mkdir()
    (folder / ".gitignore").write_text(
        "".join(f"*.tmp{i}\nbuild{i}/\n" for i in range(75)), encoding="utf-8")
    chains = folders // 10
    for c in range(chains):
        here = folder / f"c{c}"
        for level in range(10):
            here = here / f"l{level}"
            here.mkdir(parents=True)
            (here / ".gitignore").write_text("*.bak\n", encoding="utf-8")
        (here / "fi.txt").write_text("Teksti.\n", encoding="utf-8")


CASES = {"overrides": (overrides, (250, 500, 1000)),
         "deep-glob": (deep_glob, (20, 25, 30)),
         "gitignore": (gitignore, (550, 1100, 2200))}


def measure(code: Path, root: Path, timeout: float) -> str:
    env = dict(os.environ, PYTHONPATH=str(code))
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, str(root)], env=env, text=True,
                              cwd=root,
                              capture_output=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return f"> {timeout:.0f} s"
    seconds, count = done.stdout.split()
    return f"{float(seconds):.3f} s ({count} files)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    started = time.perf_counter()
    for name, (make, sizes) in CASES.items():
        for size in sizes:
            with tempfile.TemporaryDirectory() as tmp:
                make(Path(tmp), size)
                print(f"{name:10} {size:>5}: {measure(args.code, Path(tmp), args.timeout)}",
                      flush=True)
    print(f"total {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
