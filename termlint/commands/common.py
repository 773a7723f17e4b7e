"""Helpers shared by the commands: exit codes, fatal errors, building the engine."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

import click

from termlint.model import Severity

if TYPE_CHECKING:
    from termlint.engine import Engine

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITIES = [s.name.lower() for s in Severity]


def fail(message: str) -> NoReturn:
    """Stop with a one-line error and exit code 2."""
    click.echo(f"termlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def engine_or_exit(vocabularies: Sequence[str] = (), use_prefilter: bool = True) -> Engine:
    """Build the engine or stop with a one-line error (missing Voikko, bad vocabulary)."""
    from termlint.api import build_engine
    from termlint.morphology import AnalyzerUnavailable
    from termlint.vocab import VocabError

    try:
        return build_engine(vocabularies, use_prefilter=use_prefilter)
    except (AnalyzerUnavailable, VocabError) as exc:
        fail(str(exc))
