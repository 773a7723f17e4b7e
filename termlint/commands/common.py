"""Helpers shared by the commands: exit codes and fatal errors."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

from termlint.model import Severity

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITIES = [s.name.lower() for s in Severity]


def fail(message: str) -> NoReturn:
    """Stop with a one-line error and exit code 2."""
    click.echo(f"termlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)

