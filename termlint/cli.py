"""Command line entry point: registers the commands; each lives in ``termlint/commands/``.

Exit codes as ruff and Vale: 0 — nothing at or above the fail level; 1 — findings; 2 — usage,
configuration or input errors.
"""

from __future__ import annotations

import click

from termlint import __version__
from termlint.commands.check import check
from termlint.commands.explain import explain
from termlint.commands.init import init
from termlint.commands.vocab import vocab


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="termlint")
def main() -> None:
    """Check Finnish social- and health-service texts against THL's recommended terms."""


main.add_command(check)
main.add_command(init)
main.add_command(vocab)
main.add_command(explain)


if __name__ == "__main__":  # pragma: no cover
    main()
