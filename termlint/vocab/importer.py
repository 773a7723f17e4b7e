"""One import, whatever the format: read, make valid, write YAML that validation accepts.

The command line only chooses the input; this module decides what an import is, so that a test
can run an import without a terminal, and every format gets the same guarantees: the written
file loads, ``termlint vocab validate`` finds no error in it, and it says where it came from
(the input's name or address, the date of a fetch and the SHA-256 of the bytes read).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from termlint.morphology import WordAnalyzer
from termlint.vocab.fitness import make_valid
from termlint.vocab.interchange import ImportResult, slug
from termlint.vocab.loader import parse_vocabulary
from termlint.vocab.schema import VocabError
from termlint.vocab.termbank import Options
from termlint.vocab.validate import ERROR, validate_vocabulary
from termlint.vocab.yamlio import dump_vocabulary

#: Formats, and the term-bank roles ``--map`` may name in each.
TERM_BANKS = ("termed", "sanastot", "ntrf")
FORMATS = ("tbx", "skos", "csv", *TERM_BANKS)


def roles_of(fmt: str) -> tuple[str, ...]:
    """The roles ``--map`` accepts for a format (empty for tbx, skos and csv)."""
    if fmt == "termed":
        from termlint.vocab.termed import ROLES

        return tuple(ROLES)
    if fmt == "sanastot":
        from termlint.vocab.sanastot import ROLES as SANASTOT
        from termlint.vocab.termed import YTI_ROLES

        return (*SANASTOT, *YTI_ROLES)  # the v2 RDF and the Termed-era JSON
    if fmt == "ntrf":
        from termlint.vocab.ntrf import KNOWN_ROLES

        return KNOWN_ROLES
    return ()


def default_statuses(fmt: str) -> frozenset[str] | None:
    """Sanastot imports only VALID concepts and terms unless told; the others take all."""
    if fmt == "sanastot":
        from termlint.vocab.sanastot import DEFAULT_STATUSES

        return DEFAULT_STATUSES
    return None


@dataclass(frozen=True)
class Origin:
    """Where the input came from, for the written file's header."""

    name: str
    data: bytes
    fetched_at: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def header(self, fmt: str) -> str:
        lines = [f"Imported by termlint from {self.name} ({fmt})."]
        if self.fetched_at:
            lines.append(f"Fetched: {self.fetched_at}")
        lines.append(f"SHA-256 of the input: {self.sha256}")
        return "\n".join(lines)


def read(text: str, path: str, fmt: str, options: Options, kind: str | None) -> ImportResult:
    """Dispatch to the format's importer (``kind`` a syntax hint: json, csv, ttl, xml …)."""
    if fmt == "termed" or (fmt == "sanastot" and (kind == "json" or (
            kind is None and text.lstrip("\ufeff \t\r\n")[:1] in ("[", "{")))):
        # Sanastot before its v2 store ran on Termed: its JSON is Termed JSON.
        from termlint.vocab.termed import import_termed

        return import_termed(text, path, options, kind)
    if fmt == "sanastot":
        from termlint.vocab.sanastot import import_sanastot

        return import_sanastot(text, path, options, kind)
    if fmt == "ntrf":
        from termlint.vocab.ntrf import import_ntrf

        return import_ntrf(text, path, options)
    if fmt == "tbx":
        from termlint.vocab.tbx import import_tbx

        return import_tbx(text, path, options.vocab_id)
    if fmt == "skos":
        from termlint.vocab.skos import import_skos

        return import_skos(text, path, fmt=kind, vocab_id=options.vocab_id)
    from termlint.vocab.csvio import import_csv

    default_id = slug(Path(path).stem) if not path.startswith(("http:", "https:")) else "csv"
    return import_csv(text, path, options.vocab_id or default_id, options.title, options.source)


@dataclass
class Imported:
    yaml_text: str
    result: ImportResult
    #: What :func:`make_valid` changed so that validation accepts the file.
    settled: list[str]


def run_import(text: str, origin: Origin, fmt: str, options: Options,
               analyzers: Mapping[str, WordAnalyzer], output: str,
               kind: str | None = None) -> Imported:
    """The YAML an import writes; a :class:`VocabError` if the input cannot be imported."""
    result = read(text, origin.name, fmt, options, kind)
    vocabulary = result.vocabulary
    if options.title and not vocabulary.title:
        vocabulary = replace(vocabulary, title=options.title)
    if options.source and not vocabulary.source:
        vocabulary = replace(vocabulary, source=options.source)
    vocabulary, settled = make_valid(vocabulary, analyzers, vocabulary.source or origin.name)
    yaml_text = dump_vocabulary(vocabulary, header=origin.header(fmt))
    written = parse_vocabulary(output, yaml_text)  # what we write must load again
    problems = [p for p in validate_vocabulary(written, analyzers) if p.level == ERROR]
    if problems:
        # make_valid settles every error validation knows; one left is a bug to report.
        raise VocabError(output, problems[0].line, "the imported vocabulary would not pass "
                                                   f"validation: {problems[0].message}")
    result.vocabulary = written
    return Imported(yaml_text, result, settled)
