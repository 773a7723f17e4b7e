"""What ``check`` shows besides findings (``--show-settings``, ``--show-files``), how it
writes its reports and patches, and the baselines it applies per configuration: kept apart so
that the command module only wires."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from termlint.commands.common import echo, fail
from termlint.model import Finding


def shown(cfg: Any) -> str:
    return os.path.relpath(cfg.path) if cfg.path is not None else "the configuration"


def baseline_of(cli_baseline: str | None, config: Any) -> str | None:
    """The baseline that governs a file: ``--baseline``, else the one its config names."""
    from termlint.decide import baseline_name

    return baseline_name(config, cli_baseline)


def beyond_baseline(findings: list[Finding], path: str, text: str, name: str,
                    loaded: dict[str, Any]) -> list[Finding]:
    """The findings of one file that its baseline does not accept: what ``--fix`` and
    ``--diff`` may change. A baselined finding is one a team chose to keep for now, as ruff
    leaves a ``noqa``-ed or per-file-ignored finding alone under ``--fix``; fixing it anyway
    is ``--fix-baselined``. Each baseline file is read once (``loaded``); the fingerprint
    holds the file's path, so one file's findings can be split on their own."""
    from termlint.baseline import Baseline, BaselineError

    if name not in loaded:
        try:
            loaded[name] = Baseline.load(name)
        except BaselineError as exc:
            fail(str(exc))
    new: list[Finding] = loaded[name].split(findings, {path: text})[0]
    return new


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
    echo(f"settings for {path}:")
    for line in describe(cfg, cfg.for_path(path), vocab, language):
        echo(f"  {line}")


def list_files(targets: Sequence[Any], language: str | None) -> None:
    from termlint.sources import source_for

    for t in targets:
        source = source_for(t.path)
        reader = source.name if source is not None else "?"
        lang = language or t.settings.language or "fi (or from the file's name or content)"
        echo(f"{t.path}\t{reader}\t{lang}")
    echo(f"termlint: {len(targets)} files would be checked", err=True)


def write_patch(patch: bytes, encoding: str) -> None:
    """The patch as is (the file's own bytes: a Latin-1 file's diff is Latin-1), so that
    ``termlint check --diff > x.patch`` is what ``git apply`` and ``patch`` read; on a
    terminal its control characters are shown as escapes instead (the file's content must
    not set the window title or clear the screen), as every other report shows them."""
    sys.stdout.flush()
    if sys.stdout.isatty():
        from termlint.report.escape import visible_patch

        reconfigure = getattr(sys.stdout, "reconfigure", None)
        if reconfigure is not None:  # a terminal that is not UTF-8 gets \xNN, no traceback
            reconfigure(errors="backslashreplace")
        sys.stdout.write(visible_patch(patch, encoding))
        sys.stdout.flush()
        return
    sys.stdout.buffer.write(patch)
    sys.stdout.buffer.flush()
