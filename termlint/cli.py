"""Command line entry point: registers the commands; each lives in ``termlint/commands/``.

Exit codes as ruff and Vale: 0 — nothing at or above the fail level; 1 — findings; 2 — usage,
configuration or input errors; 130 — interrupted (SIGINT), as shells report it.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from termlint.version import __version__

#: Exit code of a run stopped by SIGINT (Ctrl-C): 128 + the signal number, as shells report it.
EXIT_INTERRUPTED = 130

#: Each command's module and function, imported only when that command runs (``check`` does
#: not pay for ``vocab``'s imports).
COMMANDS = {
    "check": "termlint.commands.check:check",
    "init": "termlint.commands.init:init",
    "vocab": "termlint.commands.vocab:vocab",
    "explain": "termlint.commands.explain:explain",
    "lsp": "termlint.commands.lsp:lsp",
    "schema": "termlint.commands.schema:schema",
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, name = target.partition(":")
        command: click.Command = getattr(importlib.import_module(module), name)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; Ctrl-C ends it with exit code 130 (128 + SIGINT), as shells do,
        not click's 1, which means "findings" here."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("termlint: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="termlint")
def main() -> None:
    """Check Finnish social- and health-service texts against THL's recommended terms."""


def entry() -> None:
    """The ``termlint`` console script: :func:`main`, then a quick exit.

    Tearing down the interpreter (freeing every object of a run over megabytes of text) takes
    longer than some whole runs, and nothing is left to do by then: the exit handlers run
    (termlint's caches are saved there), the output is flushed, and the process ends.
    """
    code: Any = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    except KeyboardInterrupt:  # before or after a command ran (imports, exit handlers)
        code = EXIT_INTERRUPTED
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: the reader has gone
            code = code or 1
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    entry()
