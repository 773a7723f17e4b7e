"""Running the CLI in-process for tests: exit code, stdout and stderr, optionally in a folder."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from termlint.cli import main


def run_cli(args: list[str], cwd: Path | None = None,
            input: str | bytes | None = None) -> tuple[int, str, str]:
    """``termlint ARGS`` through click's runner; an unexpected exception is re-raised."""
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, args, input=input)
    finally:
        os.chdir(old)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr
