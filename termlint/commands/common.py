"""Helpers shared by the commands: exit codes, fatal errors and writing a command's output."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from termlint.model import Severity

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITIES = [s.name.lower() for s in Severity]


def fail(message: str) -> NoReturn:
    """Stop with a one-line error and exit code 2."""
    click.echo(f"termlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)



def write_output(output: str, text: str) -> None:
    """Write ``text`` to the file ``output``, or to standard output for ``-`` (what ``vocab
    export`` and ``vocab import`` write); a file that cannot be written stops the command."""
    if output == "-":
        sys.stdout.write(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"{output}: cannot write: {exc}")
