"""``--changed-since REF``: the lines of each file that differ from a git revision.

``git diff --unified=0 REF -- FILE`` lists the changed hunks; the ``+start,count`` side of each
hunk header gives the changed lines of the working-tree file. A file git does not track counts
as changed everywhere.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


class GitError(Exception):
    """git is missing, the folder is not a repository, or the revision is unknown."""


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              encoding="utf-8", errors="replace", check=False)
    except FileNotFoundError:
        raise GitError("git is not installed") from None


def parse_hunks(diff: str) -> set[int]:
    """Changed (added or modified) line numbers of the new file in a ``--unified=0`` diff."""
    lines: set[int] = set()
    for m in _HUNK.finditer(diff):
        start = int(m.group(1))
        count = 1 if m.group(2) is None else int(m.group(2))
        lines.update(range(start, start + count))
    return lines


class ChangedLines:
    """Changed lines per file against ``ref``, computed once per file."""

    def __init__(self, ref: str) -> None:
        self.ref = ref
        self._cache: dict[str, set[int] | None] = {}
        self._checked: set[Path] = set()

    def _verify(self, cwd: Path) -> None:
        if cwd in self._checked:
            return
        probe = _git(["rev-parse", "--verify", "--quiet", f"{self.ref}^{{commit}}"], cwd)
        if probe.returncode != 0:
            inside = _git(["rev-parse", "--is-inside-work-tree"], cwd)
            if inside.returncode != 0:
                raise GitError(f"{cwd} is not inside a git repository")
            raise GitError(f"unknown git revision {self.ref!r}")
        self._checked.add(cwd)

    def lines(self, path: str) -> set[int] | None:
        """Changed line numbers of ``path``; None when every line counts (untracked file)."""
        if path in self._cache:
            return self._cache[path]
        file = Path(os.path.realpath(path))
        cwd = file.parent
        self._verify(cwd)
        tracked = _git(["ls-files", "--error-unmatch", "--", file.name], cwd)
        result: set[int] | None
        if tracked.returncode != 0:
            result = None
        else:
            diff = _git(["diff", "--unified=0", "--no-color", "--no-ext-diff", self.ref, "--",
                         file.name], cwd)
            if diff.returncode != 0:
                raise GitError(diff.stderr.strip() or f"git diff failed for {path}")
            result = parse_hunks(diff.stdout)
        self._cache[path] = result
        return result

    def touches(self, path: str, first_line: int, last_line: int) -> bool:
        changed = self.lines(path)
        return changed is None or any(n in changed for n in range(first_line, last_line + 1))
