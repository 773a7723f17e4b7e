"""Running the CLI in-process for tests: exit code, stdout and stderr, optionally in a folder."""

from __future__ import annotations

import os
import subprocess
import sys
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


def imports_of_two_runs(path: Path, module: str,
                        env: dict[str, str]) -> list[subprocess.CompletedProcess[str]]:
    """``termlint check PATH`` twice, each in a fresh interpreter with ``env``; each run's
    stderr says whether ``module`` was imported (``True``/``False``), its stdout is the
    report. The first run fills the on-disk caches, the second runs from them."""
    probe = ("import sys; from termlint.cli import main\n"
             "try:\n    main(['check', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
             f"print({module!r} in sys.modules, file=sys.stderr)")
    return [subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True,
                           text=True, env=env, check=False) for _ in range(2)]
