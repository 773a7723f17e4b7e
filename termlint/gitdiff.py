"""``--changed-since REF``: the lines of each file that differ from a git revision.

One ``git diff --text --unified=0 REF -- FILES…`` per repository (and one ``git ls-files``
to tell untracked files, which count as changed everywhere) gives the changed hunks of every
file at once; it used to be two git calls per file.

``--text`` matters for UTF-16 files (``Localizable.strings``): git calls them binary and
prints no hunks for them without it. With it, git still counts lines by the byte 0x0A, which
is one half of a UTF-16 line break, and sometimes half of another character (U+010A, say):
its line numbers are mapped to the file's real lines by :func:`_utf16_lines`, from the
working file's bytes.
"""

from __future__ import annotations

import bisect
import os
import re
import subprocess
from collections.abc import Iterable, Sequence

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)
_HUNK_BYTES = re.compile(rb"^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
#: Most file names fit many times in one command line; beyond this many characters of
#: names a second ``git diff`` is run (the system's limit on arguments is far higher).
_ARGS_CHARS = 100_000


class GitError(Exception):
    """git is missing, the folder is not a repository, or the revision is unknown."""


def _git(args: list[str], cwd: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
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


def _unquote(name: bytes) -> bytes:
    """A path as git prints it in a diff header: C-quoted when it holds special bytes."""
    if not (name.startswith(b'"') and name.endswith(b'"')):
        return name
    body, out, i = name[1:-1], bytearray(), 0
    simple = {ord("n"): 10, ord("t"): 9, ord('"'): 34, ord("\\"): 92, ord("a"): 7,
              ord("b"): 8, ord("f"): 12, ord("r"): 13, ord("v"): 11}
    while i < len(body):
        c = body[i]
        if c == 92 and i + 1 < len(body):
            n = body[i + 1]
            if 48 <= n <= 55 and i + 4 <= len(body):
                out.append(int(body[i + 1:i + 4], 8))
                i += 4
                continue
            out.append(simple.get(n, n))
            i += 2
            continue
        out.append(c)
        i += 1
    return bytes(out)


def parse_diff(data: bytes) -> dict[bytes, list[tuple[int, int]]]:
    """Changed line ranges of the new side, per path (relative to the repository root), in
    git's own line numbering: ``(start, count)`` for each hunk. Hunk bodies are skipped by
    their counts, so a changed line that reads like a header cannot be taken for one."""
    out: dict[bytes, list[tuple[int, int]]] = {}
    lines = data.split(b"\n")
    current: bytes | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if line.startswith(b"diff --git "):
            current = None
        elif line.startswith(b"+++ "):
            target = line[4:]
            current = None if target == b"/dev/null" else _unquote(target)[2:]
            if current is not None:
                out.setdefault(current, [])
        elif line.startswith(b"@@ ") and current is not None:
            m = _HUNK_BYTES.match(line)
            if m is None:
                continue
            old = 1 if m.group(1) is None else int(m.group(1))
            start = int(m.group(2))
            new = 1 if m.group(3) is None else int(m.group(3))
            out[current].append((start, new))
            skip = old + new
            while skip and i < len(lines):
                if not lines[i].startswith(b"\\"):  # "\ No newline at end of file"
                    skip -= 1
                i += 1
    return out


def _utf16(data: bytes) -> str | None:
    """``"le"``/``"be"`` for UTF-16 bytes (a BOM, or NULs in every other byte), else None."""
    if data.startswith(b"\xff\xfe"):
        return "le"
    if data.startswith(b"\xfe\xff"):
        return "be"
    head = data[:4096]
    if len(head) >= 4 and b"\0" in head:
        odd = head[1::2].count(0)
        even = head[0::2].count(0)
        if odd > len(head) // 4 and even == 0:
            return "le"
        if even > len(head) // 4 and odd == 0:
            return "be"
    return None


def _utf16_lines(data: bytes, order: str, hunks: Iterable[tuple[int, int]]) -> set[int]:
    """Real line numbers of a UTF-16 file covered by hunks counted in 0x0A bytes."""
    starts = [0]
    at = data.find(b"\n")
    while at >= 0:
        starts.append(at + 1)
        at = data.find(b"\n", at + 1)
    bom = 2 if data[:2] in (b"\xff\xfe", b"\xfe\xff") else 0
    # The 0x0A byte of each real line break, at a code-unit boundary.
    breaks = [s - 1 for s in starts[1:]
              if (order == "le" and (s - 1 - bom) % 2 == 0 and data[s:s + 1] == b"\0")
              or (order == "be" and (s - 2 - bom) % 2 == 0 and data[s - 2:s - 1] == b"\0")]
    lines: set[int] = set()
    for start, count in hunks:
        for git_line in range(start, start + count):
            if 1 <= git_line <= len(starts):
                lines.add(bisect.bisect_left(breaks, starts[git_line - 1]) + 1)
    return lines


def _repository(folder: str, memo: dict[str, str | None]) -> str | None:
    """The work tree root above ``folder`` (the folder holding ``.git``), remembered."""
    seen = []
    here = folder
    while here not in memo:
        seen.append(here)
        if os.path.exists(os.path.join(here, ".git")):
            memo[here] = here
            break
        parent = os.path.dirname(here)
        if parent == here:
            memo[here] = None
            break
        here = parent
    root = memo[here]
    for f in seen:
        memo[f] = root
    return root


class ChangedLines:
    """Changed lines of the files of one run against ``ref``, from one diff per repository."""

    def __init__(self, ref: str, paths: Sequence[str]) -> None:
        self.ref = ref
        self._lines: dict[str, set[int] | None] = {}
        #: The real path of each path asked about: :meth:`touches` is asked once per finding.
        self._reals: dict[str, str] = {}
        memo: dict[str, str | None] = {}
        by_root: dict[str, list[str]] = {}
        for path in paths:
            real = self._real(path)
            root = _repository(os.path.dirname(real), memo)
            if root is None:
                raise GitError(f"{os.path.dirname(path) or '.'} is not inside a git "
                               "repository")
            by_root.setdefault(root, []).append(real)
        for root, files in by_root.items():
            self._load(root, files)

    def _load(self, root: str, files: list[str]) -> None:
        rel = {os.path.relpath(f, root).replace(os.sep, "/"): f for f in files}
        listed = _git(["ls-files", "-z", "--", *[":(literal)" + r for r in rel]], root)
        if listed.returncode != 0:
            raise GitError(listed.stderr.decode(errors="replace").strip()
                           or f"{root} is not inside a git repository")
        tracked = {os.fsdecode(n) for n in listed.stdout.split(b"\0") if n}
        hunks: dict[bytes, list[tuple[int, int]]] = {}
        names = sorted(r for r in rel if r in tracked)
        if not names:  # nothing to diff: the revision must still exist
            probe = _git(["rev-parse", "--verify", "--quiet", f"{self.ref}^{{commit}}"], root)
            if probe.returncode != 0:
                raise GitError(f"unknown git revision {self.ref!r}")
        for chunk in _chunks(names):
            diff = _git(["diff", "--text", "--unified=0", "--no-color", "--no-ext-diff",
                         "--no-textconv", "--no-renames", "--src-prefix=a/", "--dst-prefix=b/",
                         self.ref, "--", *[":(literal)" + n for n in chunk]], root)
            if diff.returncode != 0:
                message = diff.stderr.decode(errors="replace").strip()
                if any(sign in message for sign in ("unknown revision", "bad revision",
                                                    "ambiguous argument", "bad object")):
                    raise GitError(f"unknown git revision {self.ref!r}")
                raise GitError(message.splitlines()[0] if message else "git diff failed")
            hunks.update(parse_diff(diff.stdout))
        for name, real in rel.items():
            if name not in tracked:
                self._lines[real] = None
                continue
            found = hunks.get(os.fsencode(name), [])
            self._lines[real] = self._real_lines(real, found)

    @staticmethod
    def _real_lines(path: str, hunks: list[tuple[int, int]]) -> set[int]:
        if not hunks:
            return set()
        try:
            with open(path, "rb") as handle:
                head = handle.read(4096)
                order = _utf16(head)
                if order is not None:
                    return _utf16_lines(head + handle.read(), order, hunks)
        except OSError:
            pass
        return {n for start, count in hunks for n in range(start, start + count)}

    def _real(self, path: str) -> str:
        real = self._reals.get(path)
        if real is None:
            real = self._reals[path] = os.path.realpath(path)
        return real

    def lines(self, path: str) -> set[int] | None:
        """Changed line numbers of ``path``; None when every line counts (untracked file)."""
        real = self._real(path)
        if real not in self._lines:
            self._load_late(path, real)
        return self._lines.get(real)

    def _load_late(self, path: str, real: str) -> None:
        root = _repository(os.path.dirname(real), {})
        if root is None:
            raise GitError(f"{os.path.dirname(path) or '.'} is not inside a git repository")
        self._load(root, [real])

    def touches(self, path: str, first_line: int, last_line: int) -> bool:
        changed = self.lines(path)
        return changed is None or any(n in changed for n in range(first_line, last_line + 1))


def _chunks(names: list[str]) -> Iterable[list[str]]:
    chunk: list[str] = []
    size = 0
    for name in names:
        if chunk and size + len(name) > _ARGS_CHARS:
            yield chunk
            chunk, size = [], 0
        chunk.append(name)
        size += len(name) + 12
    if chunk:
        yield chunk
