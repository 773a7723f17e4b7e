"""Baselines: remember today's findings so that only new ones are reported.

A finding is remembered by a fingerprint that survives edits elsewhere in the file: the rule,
the path (relative to the baseline file), where it is (a UI string's key path, or else the
whitespace-normalised text of its line) and the matched text. Line numbers are left out, so
moving a paragraph does not make its findings new. Identical fingerprints are counted: if a
line with a known finding is duplicated, the copy is new.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from termlint.model import Finding

VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read or has the wrong shape."""


def line_text(text: str, finding: Finding) -> str:
    """The finding's first line, whitespace collapsed (the anchor that survives moves)."""
    return _line_anchor(text, finding)[len("line:"):]


def _line_anchor(text: str, finding: Finding) -> str:
    """``line:`` and :func:`line_text`, one string object per line, so that hashing it
    again (:func:`_prefix`'s cache) costs no pass over it."""
    starts, anchors = _lines_of(text)
    line = bisect.bisect_right(starts, finding.offset) - 1
    if line not in anchors:
        end = starts[line + 1] - 1 if line + 1 < len(starts) else len(text)
        anchors[line] = "line:" + " ".join(text[starts[line]:end].split())
    return anchors[line]


@functools.lru_cache(maxsize=4)
def _lines_of(text: str) -> tuple[list[int], dict[int, str]]:
    """The line starts of ``text`` and each line's collapsed text once worked out: looked up
    per finding, a 2.6 MB line with 60,000 findings was searched and collapsed 60,000 times
    (quadratic; every baseline, ``--baseline`` and the GitLab report fingerprint). The
    cache holds a few texts (a ``str`` keeps its hash, so a lookup costs no pass)."""
    return [0, *(m.end() for m in re.finditer("\n", text))], {}


def relative_path(path: str, root: str | Path) -> str:
    """``path`` relative to ``root`` with forward slashes (as stored in baselines)."""
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:  # another drive on Windows
        rel = os.path.abspath(path)
    return Path(rel).as_posix()


def _readable(name: str) -> str:
    """A file name for the baseline's reviewers: bytes that are not UTF-8 as ``\\xNN`` (JSON in
    UTF-8 cannot hold them; the fingerprint keeps the real bytes)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def fingerprint(finding: Finding, text: str | None, root: str | Path = ".") -> str:
    """A stable identity for ``finding`` (hex SHA-256; see the module notes)."""
    anchor = f"key:{finding.key}" if finding.key is not None else (
        _line_anchor(text, finding) if text is not None else "")
    # The hash of "rule␟path␟anchor␟text": its first three parts hashed once per line and
    # copied (hashing a 2.6 MB line for each of its 60,000 findings was quadratic).
    digest = _prefix(finding.rule, relative_path(finding.path, root), anchor).copy()
    digest.update(("\x1f" + finding.text).encode("utf-8", "surrogateescape"))
    hexdigest: str = digest.hexdigest()
    return hexdigest


@functools.lru_cache(maxsize=64)
def _prefix(rule: str, path: str, anchor: str) -> Any:
    """sha256 fed with ``rule␟path␟anchor`` (surrogateescape: a file name that is not
    UTF-8 is hashed by its bytes, no error)."""
    return hashlib.sha256("\x1f".join((rule, path, anchor)).encode("utf-8", "surrogateescape"))


@dataclass
class Baseline:
    """Fingerprint counts read from or written to a baseline file."""

    counts: Counter[str]
    root: Path

    @classmethod
    def build(cls, findings: Iterable[Finding], texts: Mapping[str, str],
              root: str | Path) -> Baseline:
        root = Path(root)
        counts = Counter(fingerprint(f, texts.get(f.path), root) for f in findings)
        return cls(counts, root)

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        path = Path(path)
        if path.exists() and not path.is_file():
            # A folder, a named pipe or a device: reading it would fail or never end.
            raise BaselineError(f"{path}: not a regular file")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"{path}: no such baseline file") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BaselineError(f"{path}: not a termlint baseline ({exc})") from None
        except RecursionError:
            raise BaselineError(f"{path}: not a termlint baseline (nested too deeply)") from None
        entries = data.get("findings") if isinstance(data, dict) else None
        if not isinstance(entries, list) or data.get("version") != VERSION:
            raise BaselineError(f"{path}: not a termlint baseline (version {VERSION} expected)")
        counts: Counter[str] = Counter()
        for entry in entries:
            if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
                raise BaselineError(f"{path}: malformed entry {entry!r}")
            count = entry.get("count", 1)
            counts[entry["fingerprint"]] += count if isinstance(count, int) and count > 0 else 1
        return cls(counts, Path(os.path.realpath(path)).parent)

    def write(self, path: str | Path, findings: Sequence[Finding],
              texts: Mapping[str, str]) -> None:
        """Write the baseline; each entry also names the rule, path and text for reviewers."""
        seen: dict[str, dict[str, object]] = {}
        for f in findings:
            key = fingerprint(f, texts.get(f.path), self.root)
            if key not in seen:
                seen[key] = {"fingerprint": key, "rule": f.rule,
                             "path": _readable(relative_path(f.path, self.root)),
                             "text": f.text,
                             "count": self.counts[key]}
        entries = sorted(seen.values(), key=lambda e: (str(e["path"]), str(e["rule"]),
                                                       str(e["text"]), str(e["fingerprint"])))
        body = {"version": VERSION, "tool": "termlint", "findings": entries}
        Path(path).write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n",
                              encoding="utf-8")

    def split(self, findings: Sequence[Finding],
              texts: Mapping[str, str]) -> tuple[list[Finding], list[Finding]]:
        """``(new, known)``: findings beyond the remembered count of their fingerprint are new."""
        budget = Counter(self.counts)
        new: list[Finding] = []
        known: list[Finding] = []
        for f in findings:
            key = fingerprint(f, texts.get(f.path), self.root)
            if budget[key] > 0:
                budget[key] -= 1
                known.append(f)
            else:
                new.append(f)
        return new, known
