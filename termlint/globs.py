"""Configuration globs (``include``, ``exclude``, ``overrides.files``), compiled once.

The rules are gitignore-like: ``**`` spans folders, a pattern without ``/`` matches a name in
any folder, and a pattern that matches a folder matches everything below it.

Why not one regular expression per glob: ``**/`` becomes ``(?:.*/)?``, and a glob with that
group repeated (``**/**/**/…/x.txt``) backtracks exponentially on a deep path that does not
match (14 repetitions took over 30 s). Here a glob is a list of folder-level parts and a path
is matched part by part with a set of reachable pattern positions, so the work is at most
(path parts × glob parts), whatever the glob. Each part is one small ``fnmatch`` expression
(no ``/`` inside, so it cannot backtrack across folders).
"""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Sequence

_STAR2 = "**"


@functools.lru_cache(maxsize=4096)
def _part(pattern: str) -> re.Pattern[str]:
    return re.compile(fnmatch.translate(pattern))


def _name_regex(piece: str) -> str:
    """A regular expression for one path name's glob: ``*`` and ``?`` never cross ``/``."""
    out = []
    i = 0
    while i < len(piece):
        c = piece[i]
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[" and "]" in piece[i + 2:]:
            end = piece.index("]", i + 2)
            body = piece[i + 1:end]
            negate = body.startswith("!")
            body = body[1:] if negate else body
            out.append("[" + ("^/" if negate else "") + body.replace("\\", "\\\\") + "]")
            i = end
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


class Glob:
    """One compiled glob."""

    __slots__ = ("anywhere", "parts", "pattern", "regex")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        text = pattern.strip().removeprefix("./")
        #: A glob without ``/`` (``*.bak``, ``legal``) tests each name on the path.
        self.anywhere: re.Pattern[str] | None = None
        self.parts: tuple[re.Pattern[str] | None, ...] = ()  # None stands for ``**``
        #: One regular expression when the glob has at most one ``**``: it cannot backtrack
        #: more than once over the path, and ``re`` runs in C (most globs are such).
        self.regex: re.Pattern[str] | None = None
        if not text:
            return
        if "/" not in text.rstrip("/"):
            self.anywhere = _part(text.rstrip("/"))
            return
        parts: list[re.Pattern[str] | None] = []
        for piece in text.strip("/").split("/"):
            if piece == _STAR2:
                if parts and parts[-1] is None:
                    continue  # ``**/**`` is ``**``
                parts.append(None)
            elif piece:
                # ``a**b`` inside a name is as ``a*b`` (``*`` already spans the name).
                parts.append(_part(piece.replace(_STAR2, "*")))
        self.parts = tuple(parts)
        pieces = [p for p in text.strip("/").split("/") if p]
        if sum(p == _STAR2 for p in pieces) <= 1:
            out = []
            for i, piece in enumerate(pieces):
                last = i == len(pieces) - 1
                if piece == _STAR2:
                    out.append(".*" if last else "(?:[^/]+/)*")
                else:
                    out.append(_name_regex(piece.replace(_STAR2, "*")) + ("" if last else "/"))
            self.regex = re.compile("".join(out) + "(?:/.*)?", re.S)

    def match(self, path: str) -> bool:
        """Whether ``path`` (relative, ``/``-separated) or a folder above it matches."""
        if self.anywhere is not None:
            full = self.anywhere.match
            return any(full(name) for name in path.split("/"))
        if self.regex is not None:
            return self.regex.fullmatch(path) is not None
        parts = self.parts
        if not parts:
            return False
        end = len(parts)
        # Positions in ``parts`` reachable after the names seen so far; ``**`` may match
        # nothing, so a position on it also reaches the next one.
        states = _closure({0}, parts)
        for name in path.split("/"):
            following: set[int] = set()
            for at in states:
                if at == end:
                    return True  # a folder above the path matched: everything below it does
                part = parts[at]
                if part is None:
                    following.add(at)  # ``**`` takes this name and may take more
                elif part.match(name):
                    following.add(at + 1)
            if not following:
                return False
            states = _closure(following, parts)
        return end in states


def _closure(states: set[int], parts: Sequence[re.Pattern[str] | None]) -> set[int]:
    out = set(states)
    for at in sorted(states):
        while at < len(parts) and parts[at] is None:
            at += 1
            out.add(at)
    return out


class GlobSet:
    """Several globs, compiled once; ``match`` is true when any of them matches."""

    __slots__ = ("globs",)

    def __init__(self, patterns: Sequence[str]) -> None:
        self.globs = tuple(Glob(p) for p in patterns)

    def __bool__(self) -> bool:
        return bool(self.globs)

    def match(self, path: str) -> bool:
        return any(g.match(path) for g in self.globs)


@functools.lru_cache(maxsize=1024)
def globset(patterns: tuple[str, ...]) -> GlobSet:
    """The compiled set for ``patterns`` (remembered: each config asks for the same sets
    for every file)."""
    return GlobSet(patterns)


def glob_match(path: str, pattern: str) -> bool:
    """Whether one glob matches ``path`` (compiled once and remembered)."""
    return globset((pattern,)).match(path)
