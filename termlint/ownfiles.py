"""termlint's own files, which a run never lints nor fixes.

A baseline quotes every finding it remembers, a report quotes every finding it reports, a
project vocabulary names the very terms it deprecates: linting them reports each finding once
more, and ``--fix`` would rewrite a vocabulary into nonsense. So these files are passed over
whether a folder walk finds them or the command line (pre-commit) names them:

* configuration files by name (``.termlint.yaml``/``.yml``; a nested one too: it is
  configuration, never a UI-strings file);
* files named by a configuration or the command line: vocabularies, rule-folder files, the
  baseline, ``--output`` and ``--write-baseline``;
* termlint's reports and vocabularies wherever they lie, recognised by their first bytes (a
  report written with ``> report.json`` is named nowhere).

Each skip has a reason, which ``check -v`` prints.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from termlint.config import CONFIG_NAMES, Config
from termlint.walk import open_unblocked

#: How much of a file is read to recognise a report or a vocabulary by its content.
SNIFF_BYTES = 8192

_REPORT_SIGNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a termlint JSON report",
     re.compile(r'\A\{"version": \d+,\s*"findings": \[')),
    ("a termlint baseline",
     re.compile(r'\A\{\s*"version": \d+,\s*"tool": "termlint"')),
    ("a termlint SARIF report",
     re.compile(r'"\$schema": "[^"]*sarif[^"]*".*?"driver": \{\s*"name": "termlint"', re.S)),
    ("a code quality report (GitLab)",
     re.compile(r'\A\[\s*\{\s*"type": "issue",\s*"description": ".*?"check_name": ', re.S)),
    ("a termlint JUnit report",
     re.compile(r'\A(?:<\?xml[^>]*>\s*)?<testsuites name="termlint"')),
    ("a termlint Checkstyle report",
     re.compile(r'\A(?:<\?xml[^>]*>\s*)?<checkstyle version="[^"]*"\s*(?:/>|>\s*'
                r'(?:<file name="[^"]*">\s*<error [^>]*source="termlint\.|</checkstyle>|'
                r'<file name="[^"]*"\s*/>))')),
    ("a termlint GitHub annotations report",
     re.compile(r'\A::(?:error|warning|notice) file=[^\n]*title=termlint')),
    # A text report ends with its summary line and either is that line alone or opens with a
    # finding or a file error: a user's notes that merely end like a summary are checked.
    ("a termlint text report",
     re.compile(r'\A(?:[^\n]*:\d+:\d+: (?:error|warning|suggestion|info) [^\n]*\n'
                r'|[^\n]*: error: [^\n]*\n)(?:.*\n)?'
                r'\d+ findings? (?:\([^)\n]*\) )?in \d+ files?\b[^\n]*\n?\Z'
                r'|\A\d+ findings? (?:\([^)\n]*\) )?in \d+ files?\b[^\n]*\n?\Z', re.S)),
    ("a termlint concise report",
     re.compile(r'\A(?:[^\n:]+:\d+:\d+: (?:error|warning|suggestion|info|hint) '
                r'[\w.-]+/[\w./-]+ [^\n]*\n)+')),
    ("a termlint HTML report",
     re.compile(r'\A<!DOCTYPE html>\n<html lang="[a-z]+">\n<head>\n(?:<meta [^\n]*\n){0,4}'
                r'<meta name="generator" content="termlint ')),
    ("a termlint vocabulary",
     re.compile(r'(?m)^id: [\w.-]+\s*$(?=.*^(?:concepts|rules):\s*$)', re.S)),
)


#: The endings a termlint report or vocabulary may have; other files are never sniffed.
REPORT_SUFFIXES = frozenset({".json", ".sarif", ".xml", ".txt", ".text", ".log", ".yaml", ".yml",
                             ".html", ".htm", ""})


def _head_and_tail(path: str) -> str:
    """The first (and for a text report, the last) bytes of ``path``, decoded leniently."""
    try:
        # Checked before reading: a named pipe or a device named on the command line must
        # get its one-line error from the reader, not hang here.
        fd, info = open_unblocked(path)
    except OSError:
        return ""
    try:
        if not stat.S_ISREG(info.st_mode):
            return ""
        with open(fd, "rb", closefd=False) as handle:
            head = handle.read(SNIFF_BYTES)
            tail = b""
            if info.st_size > SNIFF_BYTES:
                handle.seek(max(SNIFF_BYTES, info.st_size - 512))
                tail = b"\n" + handle.read(512)
    except OSError:
        return ""
    finally:
        os.close(fd)
    data = head + tail
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode("utf-8", errors="replace")


def recognise(path: str) -> str | None:
    """What termlint file ``path`` is by its content, or None for any other file."""
    if Path(path).suffix.lower() not in REPORT_SUFFIXES:
        return None
    return recognise_text(path, _head_and_tail(path))


def recognise_text(path: str, text: str) -> str | None:
    """What termlint file ``path`` is by ``text`` (its first bytes and, for a long file, its
    last ones; or an editor's buffer whole), or None for any other file."""
    if not text or Path(path).suffix.lower() not in REPORT_SUFFIXES:
        return None
    for reason, sign in _REPORT_SIGNS:
        if sign.search(text):
            return reason
    return None


class OwnFiles:
    """The files of one run that are termlint's own, each with the reason it is skipped."""

    def __init__(self) -> None:
        self.named: dict[str, str] = {}

    def add(self, path: str | Path | None, reason: str) -> None:
        if path:
            self.named.setdefault(os.path.realpath(path), reason)

    def add_config(self, cfg: Config) -> None:
        """Everything a configuration names: the file itself, its baseline, vocabularies and
        the YAML files of its rule folders."""
        if cfg.path is None:
            return
        where = _shown(cfg.path)
        self.add(cfg.path, "termlint configuration")
        baseline = cfg.baseline_path()
        if baseline is not None:
            self.add(baseline, f"the baseline named in {where}")
        for name in cfg.vocabulary_names():
            self.add_vocabulary(name, f"a vocabulary named in {where}")

    def add_vocabulary(self, name: str, reason: str) -> None:
        bare = name[1:] if name[:1] in "+-" else name
        if name[:1] != "-" and os.path.isfile(bare):
            self.add(bare, reason)

    def add_cli(self, vocab: Iterable[str], baseline: str | None, write_baseline: str | None,
                output: str | None) -> None:
        for name in vocab:
            self.add_vocabulary(name, "a vocabulary named by --vocab")
        self.add(baseline, "the --baseline file")
        self.add(write_baseline, "the --write-baseline file")
        if output not in (None, "-"):
            self.add(output, "the --output file")

    def reason(self, path: str, real: str) -> str | None:
        """Why ``path`` (whose real path is ``real``) is termlint's own file, or None when it
        is a file to check."""
        if os.path.basename(path) in CONFIG_NAMES:
            return "termlint configuration"
        named = self.named.get(real)
        if named is not None:
            return named
        return recognise(path)

    def reason_for_text(self, path: str, real: str, text: str) -> str | None:
        """:meth:`reason` for a file whose text is at hand (an editor's unsaved buffer): its
        content is recognised from ``text``, as :func:`recognise` reads it from the file."""
        if os.path.basename(path) in CONFIG_NAMES:
            return "termlint configuration"
        named = self.named.get(real)
        if named is not None:
            return named
        if len(text) > SNIFF_BYTES:
            text = text[:SNIFF_BYTES] + "\n" + text[-512:]
        return recognise_text(path, text.removeprefix("\ufeff"))


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)
