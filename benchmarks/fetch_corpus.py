"""Download the benchmark corpus (``benchmarks/corpus.tsv``) so the figures in
``benchmarks/README.md`` can be reproduced from a clone.

Each file is fetched from GitHub at its fixed commit and kept only if its SHA-256 and size are
the listed ones; the files are saved under the names ``benchmarks/run.py`` reads.

    .venv/bin/python benchmarks/fetch_corpus.py [DEST]     # default: ../shared/corpora

The files are third-party data under their own licences (listed in the repositories named);
they are read in place, never copied into this repository.
"""

from __future__ import annotations

import hashlib
import sys
import urllib.request
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
LIST = HERE / "corpus.tsv"
DEFAULT = HERE.parent.parent / "shared" / "corpora"


def entries() -> list[tuple[str, str, str, str, str, int]]:
    """``(repository, commit, path, saved as, sha256, bytes)`` for every corpus file."""
    rows = []
    for line in LIST.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            repo, commit, path, saved, digest, size = line.split("\t")
            rows.append((repo, commit, path, saved, digest, int(size)))
    return rows


def main() -> None:
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    failed = 0
    for repo, commit, path, saved, digest, size in entries():
        target = dest / saved
        if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == digest:
            continue
        url = f"https://raw.githubusercontent.com/{repo}/{commit}/{quote(path)}"
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                data = response.read()
        except OSError as exc:
            print(f"{url}: {exc}", file=sys.stderr)
            failed += 1
            continue
        if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
            print(f"{url}: not the listed file ({len(data)} bytes)", file=sys.stderr)
            failed += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        print(f"{saved}: {size} bytes")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
