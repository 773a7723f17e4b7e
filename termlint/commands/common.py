"""Helpers shared by the commands: exit codes, fatal errors, text for a person to read, and
writing a command's output."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from termlint.model import Severity

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITIES = [s.name.lower() for s in Severity]


def echo(message: str, err: bool = False) -> None:
    """``click.echo`` of a message that may quote what others wrote (a file name, a concept
    id or note from a vocabulary): each line's control characters are shown as escapes, as
    the reports show them, so a terminal never obeys them. ``click.echo`` strips ANSI codes
    only when the output is not a terminal, which is the one place they do no harm."""
    from termlint.report.escape import visible

    click.echo("\n".join(map(visible, message.split("\n"))), err=err)


def fail(message: str) -> NoReturn:
    """Stop with a one-line error and exit code 2."""
    echo(f"termlint: error: {message}", err=True)
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
