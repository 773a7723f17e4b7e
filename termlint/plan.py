"""What a ``check`` run will check: each file with its configuration, and what it passes over.

**The nearest configuration wins, per file**, as in ruff: a file is checked with the
``.termlint.yaml`` (or ``pyproject.toml`` with ``[tool.termlint]``) nearest above it, so a
monorepo's apps keep their own settings whatever order their files are named in (the first
path's configuration used to apply to every file). ``--config`` and ``--isolated`` choose one
configuration for every file.

The plan is made before anything is linted, in two passes: every configuration that governs
a file is loaded first, then every file is checked against the union of the files they name
(a vocabulary folder named only by ``apps/a/.termlint.yaml`` is still skipped when the walk
reaches it through the repository root).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from termlint.config import Config, ConfigError, Override, find, load
from termlint.model import FileError
from termlint.ownfiles import OwnFiles
from termlint.sources import source_for
from termlint.walk import IgnoreRules, iter_files


class Resolver:
    """The configuration of each file, each configuration file loaded once."""

    def __init__(self, config_file: str | None = None, isolated: bool = False) -> None:
        self._default = Config()
        self._fixed: Config | None = None
        if isolated:
            self._fixed = self._default
        elif config_file is not None:
            self._fixed = load(config_file)
        self._memo: dict[str, Path | None] = {}
        self._loaded: dict[Path, Config] = {}
        self._used_default = False

    def for_path(self, path: str) -> Config:
        """The configuration that governs ``path`` (raises ``ConfigError`` for a bad one)."""
        if self._fixed is not None:
            return self._fixed
        found = find(path, self._memo)
        if found is None:
            self._used_default = True
            return self._default
        if found not in self._loaded:
            self._loaded[found] = load(found)
        return self._loaded[found]

    def configs(self) -> list[Config]:
        """Every configuration that governs a file so far."""
        if self._fixed is not None:
            return [self._fixed]
        return list(self._loaded.values()) + ([self._default] if self._used_default else [])


@dataclass
class Target:
    """One file to check and the settings it is checked with."""

    path: str
    explicit: bool
    config: Config
    settings: Override


@dataclass
class Plan:
    targets: list[Target] = field(default_factory=list)
    #: Files passed over, with the reason (termlint's own files, excluded files).
    skipped: list[tuple[str, str]] = field(default_factory=list)
    #: Named paths that cannot be checked (missing, or no reader for the type).
    errors: list[FileError] = field(default_factory=list)
    #: Named folders in which nothing was found to check.
    empty: list[str] = field(default_factory=list)
    #: Files named on the command line that are termlint's own (also in ``skipped``): each
    #: gets a notice whatever the verbosity, so that a run given only its own vocabulary
    #: never looks like a green check of it.
    own_named: list[tuple[str, str]] = field(default_factory=list)


def _readable(resolver: Resolver, path: str) -> bool:
    """Whether a reader takes ``path``: its configuration's ``readers``, or a built-in one. A
    configuration that cannot be loaded is reported when the file is planned."""
    try:
        readers = resolver.for_path(path).readers
    except ConfigError:
        readers = {}
    return source_for(path, readers=readers) is not None


def make_plan(paths: Sequence[str], resolver: Resolver, own: OwnFiles) -> Plan:
    """The files ``paths`` name, each with its configuration (see the module docstring)."""
    plan = Plan()
    ignore = IgnoreRules()
    found: list[tuple[str, str, bool, Config, str]] = []
    seen: set[str] = set()
    for name in paths:
        if not os.path.lexists(name):
            plan.errors.append(FileError(name, "no such file or folder"))
            continue
        for path, explicit in iter_files([name], plan.errors, ignore, partial(
                _readable, resolver)):
            real = os.path.realpath(path)
            if real in seen:
                continue  # named twice, or a file named inside a named folder
            seen.add(real)
            found.append((path, real, explicit, resolver.for_path(path), name))
    for cfg in resolver.configs():
        own.add_config(cfg)
    checked_in: set[str] = set()
    for path, real, explicit, cfg, name in found:
        reason = own.reason(path, real)
        if reason is not None:
            plan.skipped.append((path, f"termlint's own file: {reason}"))
            if explicit:
                plan.own_named.append((path, reason))
            continue
        if not cfg.selected(path, explicit):
            plan.skipped.append((path, f"excluded by {_where(cfg)}"))
            continue
        if explicit and source_for(path, readers=cfg.readers) is None:
            plan.errors.append(FileError(path, "no reader for this file type (termlint reads "
                                               "text, Markdown, JSON, JSON5, YAML, PO, "
                                               "properties, strings, String Catalog, "
                                               "XML/XLIFF, .resx, Fluent and HTML files; "
                                               "'readers' in the configuration maps more)"))
            continue
        plan.targets.append(Target(path, explicit, cfg, cfg.for_path(path)))
        checked_in.add(name)
    plan.empty = [n for n in dict.fromkeys(paths) if os.path.isdir(n) and n not in checked_in]
    return plan


def _where(cfg: Config) -> str:
    return os.path.relpath(cfg.path) if cfg.path is not None else "the defaults"


#: The order in which a file's language is decided, first to last (docs/configuration.md).
LANGUAGE_ORDER = ("--language > an override's language > the file's declaration (PO header, "
                  "root keys fi:/sv:) > the file's name > a value's key (title.sv) or content "
                  "> the top-level language > fi")


def _language_lines(cfg: Config, settings: Override, cli_language: str | None) -> list[str]:
    """``--show-settings``' language lines: the language that applies and why, and the order."""
    from termlint.sources.language import from_path

    source = _where(cfg)
    default = settings.language or "fi"
    told = f"default {default} from {source}" if settings.language else "built-in default fi"
    named = from_path(settings.files[0]) if settings.files else None
    if cli_language:
        line = f"language: {cli_language}  (forced by --language)"
    elif settings.forced_language:
        line = f"language: {settings.forced_language}  (forced by an override in {source})"
    elif named:
        line = f"language: {named}  (from the file's name, unless the file declares one; {told})"
    else:
        line = (f"language: as the file declares, else by each value's key or content, else "
                f"{default}  ({told})")
    return [line, f"language order: {LANGUAGE_ORDER}"]


def describe(cfg: Config, settings: Override, cli_vocab: Iterable[str] = (),
             cli_language: str | None = None) -> list[str]:
    """``--show-settings``: the resolved settings of one file, and where each came from."""
    source = _where(cfg)
    vocab = tuple(cli_vocab)
    lines = [f"configuration: {cfg.path if cfg.path is not None else '(none: defaults)'}",
             f"root: {cfg.root}",
             *_language_lines(cfg, settings, cli_language),
             "vocabularies: " + (", ".join(vocab or settings.vocabularies or ()) or
                                 "(the bundled defaults)")
             + f"  (from {'--vocab' if vocab else source})",
             f"disable: {', '.join(settings.disable) or '(none)'}",
             "severity: " + (", ".join(f"{k}={v}" for k, v in sorted(settings.severity.items()))
                             or "(vocabulary defaults)"),
             f"ignore-keys: {', '.join(settings.ignore_keys) or '(none)'}",
             f"names: {', '.join(cfg.names) or '(none)'}",
             f"include: {', '.join(cfg.include) or '(all readable files)'}",
             f"exclude: {', '.join(cfg.exclude) or '(none)'}",
             f"fail-level: {cfg.fail_level or 'warning'}",
             f"baseline: {cfg.baseline_path() or '(none)'}"]
    matched = [o for o in cfg.overrides if o.files and _matches(cfg, settings, o)]
    for o in matched:
        lines.append(f"override applied: files {', '.join(o.files)}  (from {source})")
    return lines


def _matches(cfg: Config, settings: Override, override: Override) -> bool:
    from termlint.globs import globset

    return globset(override.files).match(settings.files[0])
