"""What ``check`` shows besides findings (``--show-settings``, ``--show-files``) and the
baselines it applies per configuration: kept apart so that the command module only wires."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

import click

from termlint.commands.common import fail
from termlint.model import Finding


def shown(cfg: Any) -> str:
    return os.path.relpath(cfg.path) if cfg.path is not None else "the configuration"


def apply_baselines(findings: list[Finding], texts: Mapping[str, str], cli_baseline: str | None,
                    config_of: Mapping[str, Any]) -> tuple[list[Finding], int]:
    """Findings not remembered in the baseline that governs their file (``--baseline`` for
    every file, else the one each file's configuration names), and how many were; a bad
    baseline is a one-line error (:func:`termlint.decide.split_baselines`)."""
    from termlint.baseline import BaselineError
    from termlint.decide import split_baselines

    try:
        return split_baselines(findings, texts, cli_baseline, config_of)
    except BaselineError as exc:
        fail(str(exc))


def show_settings_of(resolver: Any, path: str, vocab: Sequence[str],
                   language: str | None) -> None:
    from termlint.plan import describe

    cfg = resolver.for_path(path)
    click.echo(f"settings for {path}:")
    for line in describe(cfg, cfg.for_path(path), vocab, language):
        click.echo(f"  {line}")


def list_files(targets: Sequence[Any], language: str | None) -> None:
    from termlint.sources import source_for

    for t in targets:
        source = source_for(t.path)
        reader = source.name if source is not None else "?"
        lang = language or t.settings.language or "fi (or from the file's name or content)"
        click.echo(f"{t.path}\t{reader}\t{lang}")
    click.echo(f"termlint: {len(targets)} files would be checked", err=True)
