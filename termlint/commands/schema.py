"""``termlint schema``: print the JSON Schema of the configuration or of a vocabulary file.

Editors' YAML language servers check and complete a file against a schema named in its first
line (``# yaml-language-server: $schema=PATH``). The schemas live in ``schemas/`` of the
repository and ship in the wheel; this command prints the one that matches the installed
termlint, so that a project can keep a copy next to its files (tests/test_schemas.py keeps
each schema in step with its loader).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from termlint.commands.common import fail

SCHEMAS = {"config": "termlint-config.schema.json", "vocabulary": "vocabulary.schema.json"}


def schema_path(name: str) -> Path | None:
    """The schema file in an installed wheel (``termlint/_schemas``) or in a checkout."""
    here = Path(__file__).resolve().parents[1]
    for folder in (here / "_schemas", here.parent / "schemas"):
        path = folder / SCHEMAS[name]
        if path.is_file():
            return path
    return None


@click.command()
@click.argument("name", type=click.Choice(sorted(SCHEMAS)))
def schema(name: str) -> None:
    """Print the JSON Schema (draft 2020-12) of .termlint.yaml (config) or of a vocabulary
    file (vocabulary), for editors: termlint schema config > termlint-config.schema.json"""
    path = schema_path(name)
    if path is None:
        fail(f"the {name} schema is not installed with this termlint")
    sys.stdout.write(path.read_text(encoding="utf-8"))
