"""``termlint init``: write a commented starter ``.termlint.yaml`` and print CI snippets."""

from __future__ import annotations

import os
from pathlib import Path

import click

from termlint.commands.common import fail

#: The schema file the starter's first line names, for an editor with a YAML language server.
#: ``init`` does not write it (a copy goes stale when termlint is upgraded, and a team may keep
#: one shared copy instead): the starter and the printed hint say how to make it.
SCHEMA_FILE = ".termlint.schema.json"

STARTER = """\
# yaml-language-server: $schema=.termlint.schema.json
# termlint configuration. Paths and globs are relative to this file's folder.
# Reference: docs/configuration.md. Remove the '#' to use a setting.
# The first line lets an editor check and complete this file against termlint's schema;
# write the schema once with: termlint schema config > .termlint.schema.json

# Vocabularies: bundled names (termlint vocab list) or files; '+name' adds to the defaults.
# vocabularies: [thl-digi, thl-digi-rules, stm-sote]

# Folders whose *.yaml vocabulary or rule files are added to the vocabularies.
# rule-folders: [terminology/]

# Files to check when folders are walked, and files never to check.
# include: ["docs/**", "locales/**"]
exclude: ["node_modules/**", "dist/**", "vendor/**"]

# Organisation vocabularies shared by many repositories, each pinned by its sha256
# (docs/configuration.md#packages). Run 'termlint vocab sync' after adding or re-pinning one,
# and in CI before 'termlint check' (docs/ci.md#vocabulary-packages).
# packages:
#   - git: https://git.example.org/terminology/org-terms.git
#     ref: v2.1
#     sha256: <what 'termlint vocab hash' prints for a checkout of the ref>
#   - url: https://terms.example.org/org-terms-2.1.tar.gz
#     sha256: <what sha256sum prints for the file>

# Rules to switch off, as full ids or prefixes.
# disable: [stm-sote]

# Severity per vocabulary, concept rule or rule: error, warning, info or suggestion.
# severity:
#   stm-sote: info
#   thl-digi/digitaalinen-palvelu: error

# Lowest severity that makes the exit code 1.
fail-level: warning

# Language of files whose language the path does not tell: fi or sv.
language: fi

# Key paths of UI strings not to check (globs; '*' spans dots).
# ignore-keys: ["legal.*", "*.debug"]

# Known findings to leave out of reports (made with: termlint check --write-baseline FILE).
# baseline: .termlint-baseline.json

# Settings for some files only; later entries win.
# overrides:
#   - files: ["locales/sv/**", "**/*.sv.json"]
#     language: sv
#   - files: ["docs/legacy/**"]
#     severity: {thl-digi: info}
"""

#: termlint has no release tags yet: the snippets pin a commit. ``pre-commit autoupdate
#: --bleeding-edge`` writes the newest one in place of ``COMMIT`` (docs/ci.md).
PRE_COMMIT = """\
# .pre-commit-config.yaml
# Replace REPOSITORY_URL with the URL of the termlint repository you install from, then run
#   pre-commit autoupdate --bleeding-edge --repo REPOSITORY_URL
# which pins its newest commit in place of COMMIT.
repos:
  - repo: REPOSITORY_URL
    rev: COMMIT
    hooks:
      - id: termlint
"""

GITHUB = """\
# .github/workflows/termlint.yml (excerpt; the full workflow is in docs/ci.md)
      - uses: actions/checkout@v4
      - uses: OWNER/termlint@COMMIT  # this repository's action, at the commit pinned above
        with:
          paths: .
          sarif: true  # needs permissions: security-events: write
"""

GITLAB = """\
# .gitlab-ci.yml
termlint:
  image: python:3.12
  script:
    - pip install "termlint @ git+REPOSITORY_URL@COMMIT"  # the commit pinned above
    - termlint check --format gitlab --output gl-code-quality-report.json .
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality-report.json
"""


@click.command()
@click.argument("folder", default=".", type=click.Path(file_okay=False, path_type=Path))
def init(folder: Path) -> None:
    """Write a starter .termlint.yaml in FOLDER and print pre-commit and CI snippets."""
    from termlint.version import __version__

    target = folder / ".termlint.yaml"
    if target.is_symlink():
        # Even a dangling one: writing through it would create its target, wherever it points.
        fail(f"{target} is a symbolic link (to {os.readlink(target)}); not writing through it")
    if target.exists():
        fail(f"{target} already exists; not overwriting it")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # O_EXCL: a file or link that appeared since the checks above is never followed
        # or overwritten.
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        fail(f"cannot write {target}: {exc.strerror or exc}")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(STARTER)
    click.echo(f"Wrote {target}")
    click.echo(f"Editor support (the file's first line names it): termlint schema config > "
               f"{SCHEMA_FILE}\n")
    click.echo("pre-commit:\n" + PRE_COMMIT.format(version=__version__))
    click.echo("GitHub Actions:\n" + GITHUB.format(version=__version__))
    click.echo("GitLab CI:\n" + GITLAB.format(version=__version__), nl=False)
