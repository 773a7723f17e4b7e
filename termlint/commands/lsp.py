"""``termlint lsp``: run the language server over standard input and output."""

from __future__ import annotations

import click

from termlint.commands.common import fail


@click.command()
@click.option("--stdio", is_flag=True,
              help="Talk over standard input and output (the default and only transport; "
                   "accepted because many clients pass it).")
@click.option("--log-file", metavar="FILE", type=click.Path(dir_okay=False),
              help="Write the server's log to FILE (standard output carries the protocol).")
def lsp(stdio: bool, log_file: str | None) -> None:
    """Run the termlint language server for editors (Language Server Protocol over stdio).

    Settings come from the client's initializationOptions and workspace/configuration
    (section "termlint"); each file's .termlint.yaml still decides what is reported. See
    docs/editors.md.
    """
    try:
        import pygls  # noqa: F401
    except ImportError:
        fail("termlint lsp needs pygls and lsprotocol: pip install 'termlint[lsp]'")
    import logging

    if log_file:
        logging.basicConfig(filename=log_file, level=logging.INFO,
                            format="%(asctime)s %(name)s %(levelname)s %(message)s")
    import os
    import sys

    from termlint.lsp.features import make_server

    server = make_server()
    server.start_io()
    # The protocol's "exit" closes standard output and pygls swallows the exit code it
    # raises; Python would then fail flushing the closed stream and end with 1 after a clean
    # shutdown. The Language Server Protocol says: 0 when "shutdown" came before "exit",
    # else 1 (a client that vanished).
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (lives to the end)
    sys.exit(0 if getattr(server.protocol, "_shutdown", False) else 1)
