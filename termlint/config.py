"""Project configuration: ``.termlint.yaml`` or ``[tool.termlint]`` in ``pyproject.toml``.

Discovery walks up from the checked path to the filesystem root, as ruff does; in each folder
``.termlint.yaml`` (or ``.termlint.yml``) wins over a ``pyproject.toml`` that has a
``[tool.termlint]`` table. ``--config FILE`` names the file; ``--isolated`` ignores all of them.
Relative paths in a config file are relative to the folder that holds it.

Keys are written with hyphens (``fail-level``); underscores are accepted too. Unknown keys and
bad values raise :class:`ConfigError` with the file and line.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from termlint.config_read import ConfigError
from termlint.config_read import Located as _Located
from termlint.config_read import read_text as _read_text
from termlint.config_read import read_toml as _read_toml
from termlint.config_read import yaml_lines as _yaml_lines
from termlint.globs import glob_match, globset
from termlint.model import Severity
from termlint.validation import LANGUAGES

if TYPE_CHECKING:
    from termlint.packages import Package

__all__ = ["CONFIG_NAMES", "DEFAULT", "LANGUAGES", "Config", "ConfigError", "Override", "find",
           "glob_match", "key_ignored", "load", "parse", "resolve"]

CONFIG_NAMES = (".termlint.yaml", ".termlint.yml")


@functools.lru_cache(maxsize=4096)
def _real_folder(folder: str) -> str:
    """``os.path.realpath`` of a folder, remembered: every file of a walked folder asks."""
    # realpath, not Path.resolve(): a symlink loop must not raise (Python < 3.13 does).
    return os.path.realpath(folder)


def _realpath(path: str) -> str:
    """``os.path.realpath(path)`` with one system call for a plain file in a known folder
    (realpath would check every folder on the way, for every file)."""
    folder, name = os.path.split(os.path.abspath(path))
    if not name or name in (".", "..") or os.path.islink(path):
        return os.path.realpath(path)
    return os.path.join(_real_folder(folder), name)


@functools.lru_cache(maxsize=8192)
def _relative(root_folder: str, path: str, cwd: str) -> str:
    """:meth:`Config.relative`, remembered: each file is asked about twice (selection and
    settings), and this runs for every file of a walked repository. ``cwd`` is only part of
    the key."""
    real, root = _realpath(path), _real_folder(os.path.abspath(root_folder))
    if real == root:
        return "."
    prefix = root.rstrip(os.sep) + os.sep
    if real.startswith(prefix):
        return real[len(prefix):].replace(os.sep, "/")
    return Path(path).as_posix()


@dataclass(frozen=True)
class Override:
    """Settings for the files matching ``files`` (globs relative to the config folder)."""

    files: tuple[str, ...]
    language: str | None = None
    vocabularies: tuple[str, ...] | None = None
    severity: Mapping[str, str] = field(default_factory=dict)
    disable: tuple[str, ...] = ()
    ignore_keys: tuple[str, ...] = ()
    #: Set by :meth:`Config.for_path`: the ``language`` of the last override whose ``files``
    #: match. It is forced on the file, over its name and content; the top-level ``language``
    #: (kept in :attr:`language`) only applies where nothing tells.
    forced_language: str | None = None


@dataclass(frozen=True)
class Config:
    """A loaded configuration; :data:`DEFAULT` when there is none."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    vocabularies: tuple[str, ...] = ()
    rule_folders: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    fail_level: str | None = None
    baseline: str | None = None
    ignore_keys: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    language: str | None = None
    overrides: tuple[Override, ...] = ()
    #: The project's own names (services, programmes, acts) never flagged inside.
    names: tuple[str, ...] = ()
    #: Vocabulary packages, read from termlint's cache (``termlint vocab sync`` fills it).
    packages: tuple[Package, ...] = ()
    #: File-name suffix → reader name (``{".jsonc": "json5"}``), tried before the built-in
    #: suffixes, for files walked and named alike.
    readers: Mapping[str, str] = field(default_factory=dict)

    # -- questions the pipeline asks ----------------------------------------------------------

    def relative(self, path: str) -> str:
        """``path`` relative to the config folder, with ``/`` (or as given when outside)."""
        # A relative path means another file once the working folder changes.
        root = str(self.root)
        absolute = os.path.isabs(path) and os.path.isabs(root)
        return _relative(root, path, "" if absolute else os.getcwd())

    def selected(self, path: str, explicit: bool) -> bool:
        """Whether a file is checked: ``exclude`` always wins; ``include`` (when given)
        limits files found by walking folders, not files named on the command line."""
        rel = self.relative(path)
        if self.exclude and globset(self.exclude).match(rel):
            return False
        return explicit or not self.include or globset(self.include).match(rel)

    def for_path(self, path: str) -> Override:
        """The effective per-file settings: the top level, then each matching override."""
        rel = self.relative(path)
        forced: str | None = None
        vocabularies = self.vocabulary_names()
        severity = dict(self.severity)
        disable = list(self.disable)
        ignore = list(self.ignore_keys)
        for o in self.overrides:
            if not globset(o.files).match(rel):
                continue
            forced = o.language or forced
            if o.vocabularies is not None:
                vocabularies = self._paths(o.vocabularies)
            severity.update(o.severity)
            disable.extend(o.disable)
            ignore.extend(o.ignore_keys)
        return Override(files=(rel,), language=self.language, vocabularies=vocabularies,
                        severity=severity, disable=tuple(disable), ignore_keys=tuple(ignore),
                        forced_language=forced)

    def vocabulary_names(self) -> tuple[str, ...]:
        """Vocabulary names and paths for :func:`termlint.vocab.load_selection`, with the YAML
        files of every rule folder added (``+path``)."""
        return self._vocabulary_names

    @functools.cached_property
    def _vocabulary_names(self) -> tuple[str, ...]:
        # Worked out once per configuration: every file's settings (:meth:`for_path`) ask, and
        # each asking listed the rule folders again.
        names = list(self._paths(self.vocabularies))
        if self.packages:
            from termlint.packages import PackageError, installed_files

            for package in self.packages:
                try:
                    names.extend(f"+{p}" for p in installed_files(package))
                except PackageError as exc:
                    raise ConfigError(self.path or "configuration", package.line,
                                      str(exc)) from None
        for folder in self.rule_folders:
            base = self.root / folder
            names.extend(f"+{p}" for p in sorted(base.glob("*.yaml")) + sorted(base.glob("*.yml")))
        return tuple(names)

    def _paths(self, names: Iterable[str]) -> tuple[str, ...]:
        """Vocabulary entries that look like paths made relative to the config folder."""
        out = []
        for name in names:
            op = name[0] if name[:1] in "+-" else ""
            bare = name[len(op):]
            if ("/" in bare or bare.endswith((".yaml", ".yml", ".tbx", ".csv", ".ttl"))) \
                    and not Path(bare).is_absolute():
                bare = str(self.root / bare)
            out.append(op + bare)
        return tuple(out)

    def baseline_path(self) -> Path | None:
        return None if self.baseline is None else self.root / self.baseline


DEFAULT = Config()


def key_ignored(key: str | None, patterns: Sequence[str]) -> bool:
    """Whether a UI-string key path (``home.banner.title``) matches an ``ignore-keys`` glob
    (``*`` spans dots, so ``legal.*`` covers every key under ``legal``)."""
    return key is not None and any(fnmatch.fnmatchcase(key, p) for p in patterns)


# -- reading ------------------------------------------------------------------------------------

_TOP = {"vocabularies", "rule-folders", "include", "exclude", "disable", "fail-level",
        "baseline", "ignore-keys", "severity", "language", "overrides", "names",
        "packages", "readers"}
_OVERRIDE = {"files", "language", "vocabularies", "severity", "disable", "ignore-keys"}


def _norm(key: Any) -> str:
    return str(key).replace("_", "-")


def _strings(loc: _Located, where: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise loc.error(where, f"'{where}' must be a list of strings")
    return tuple(value)


def _severity_map(loc: _Located, where: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise loc.error(where, f"'{where}' must map rule ids to severities")
    out: dict[str, str] = {}
    for key, level in value.items():
        try:
            out[str(key)] = str(Severity.parse(str(level)))
        except ValueError as exc:
            raise loc.error(f"{where}.{key}", f"'{where}.{key}': {exc}") from None
    return out


def _language(loc: _Located, where: str, value: Any) -> str:
    from termlint.validation import UnknownName, normalise_language

    if not isinstance(value, str):
        raise loc.error(where, f"'{where}' must be a language code such as fi, not {value!r}")
    try:
        return normalise_language(value)
    except UnknownName as exc:
        raise loc.error(where, f"'{where}': {exc}") from None


def _readers(loc: _Located, value: Any) -> dict[str, str]:
    """``readers``: each key a file-name suffix (``.jsonc``), each value a reader's name."""
    from termlint.sources import reader_problem

    if not isinstance(value, dict):
        raise loc.error("readers", "'readers' must map file suffixes to readers: {.jsonc: json5}")
    for suffix, name in value.items():
        problem = reader_problem(suffix, name)
        if problem is not None:
            raise loc.error(f"readers.{suffix}", f"'readers': {problem}")
    return {str(suffix): str(name) for suffix, name in value.items()}


def _unknown(loc: _Located, prefix: str, keys: Iterable[str], allowed: set[str]) -> None:
    for key in keys:
        if _norm(key) not in allowed:
            known = ", ".join(sorted(allowed))
            raise loc.error(f"{prefix}{_norm(key)}" if prefix else _norm(key),
                            f"unknown key '{key}' (known keys: {known})")


def parse(data: Any, path: Path, lines: Mapping[str, int]) -> Config:
    """Validate a config mapping (from YAML or TOML) and build a :class:`Config`."""
    loc = _Located(path, {_norm(k): v for k, v in lines.items()})
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(path, 1, "the configuration must be a mapping of keys to values")
    _unknown(loc, "", data, _TOP)
    values = {_norm(k): v for k, v in data.items()}
    kwargs: dict[str, Any] = {"path": path, "root": Path(os.path.realpath(path.parent))}
    for key in ("vocabularies", "rule-folders", "include", "exclude", "disable", "ignore-keys"):
        if key in values:
            kwargs[key.replace("-", "_")] = _strings(loc, key, values[key])
    if "names" in values:
        names = _strings(loc, "names", values["names"])
        for index, name in enumerate(names):
            if not re.search(r"[^\W_]", name):
                raise loc.error(f"names.{index}", f"'names' item {name!r} has no word to match "
                                                  "(no letter or digit)")
        kwargs["names"] = tuple(" ".join(n.split()) for n in names)
    if "fail-level" in values:
        try:
            kwargs["fail_level"] = str(Severity.parse(str(values["fail-level"])))
        except ValueError as exc:
            raise loc.error("fail-level", f"'fail-level': {exc}") from None
    if "baseline" in values:
        if not isinstance(values["baseline"], str):
            raise loc.error("baseline", "'baseline' must be a file path")
        kwargs["baseline"] = values["baseline"]
    if "severity" in values:
        kwargs["severity"] = _severity_map(loc, "severity", values["severity"])
    if "language" in values:
        kwargs["language"] = _language(loc, "language", values["language"])
    if "packages" in values:
        kwargs["packages"] = _packages(loc, values["packages"], kwargs["root"])
    if "readers" in values:
        kwargs["readers"] = _readers(loc, values["readers"])
    overrides = values.get("overrides", [])
    if not isinstance(overrides, list):
        raise loc.error("overrides", "'overrides' must be a list of mappings with 'files'")
    parsed: list[Override] = []
    for index, item in enumerate(overrides):
        where = f"overrides.{index}"
        if not isinstance(item, dict):
            raise loc.error(where, f"'{where}' must be a mapping")
        _unknown(loc, where + ".", item, _OVERRIDE)
        entry = {_norm(k): v for k, v in item.items()}
        if "files" not in entry:
            raise loc.error(where, f"'{where}' needs 'files' (a list of globs)")
        parsed.append(Override(
            files=_strings(loc, f"{where}.files", entry["files"]),
            language=(_language(loc, f"{where}.language", entry["language"])
                      if "language" in entry else None),
            vocabularies=(_strings(loc, f"{where}.vocabularies", entry["vocabularies"])
                          if "vocabularies" in entry else None),
            severity=(_severity_map(loc, f"{where}.severity", entry["severity"])
                      if "severity" in entry else {}),
            disable=_strings(loc, f"{where}.disable", entry.get("disable", [])),
            ignore_keys=_strings(loc, f"{where}.ignore-keys", entry.get("ignore-keys", [])),
        ))
    kwargs["overrides"] = tuple(parsed)
    return Config(**kwargs)


def _packages(loc: _Located, value: Any, root: Path) -> tuple[Package, ...]:
    from termlint.packages import parse_package

    if not isinstance(value, list):
        raise loc.error("packages", "'packages' must be a list of mappings (url, git or path, "
                                    "with sha256)")
    out = []
    for index, item in enumerate(value):
        where = f"packages.{index}"
        try:
            out.append(parse_package(item, root, loc.lines.get(where)))
        except ValueError as exc:
            raise loc.error(where, f"'{where}': {exc}") from None
    return tuple(out)


def load(path: str | Path) -> Config:
    """Read one config file (YAML, or a ``pyproject.toml`` with ``[tool.termlint]``)."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(path, None, "no such configuration file")
    if path.name == "pyproject.toml" or path.suffix == ".toml":
        table, lines = _read_toml(path)
        if table is None:
            raise ConfigError(path, None, "no [tool.termlint] table")
        return parse(table, path, lines)
    text = _read_text(path)
    try:
        data, lines = _yaml_lines(text, path)
    except RecursionError:
        raise ConfigError(path, None, "not valid YAML: nesting too deep") from None
    return parse(data, path, lines)


def find(start: str | Path, memo: dict[str, Path | None] | None = None) -> Path | None:
    """The nearest config file at or above ``start`` (a file or folder), or None.

    ``memo`` remembers the answer per folder for one run: a run asking for every file of a
    tree then looks into each folder once."""
    here = os.path.realpath(start)
    if not os.path.isdir(here):
        here = os.path.dirname(here)
    memo = {} if memo is None else memo
    visited: list[str] = []
    found: Path | None = None
    while True:
        if here in memo:
            found = memo[here]
            break
        visited.append(here)
        found = _config_in(here)
        parent = os.path.dirname(here)
        if found is not None or parent == here:
            break
        here = parent
    for folder in visited:
        memo[folder] = found
    return found


def _config_in(folder: str) -> Path | None:
    for name in CONFIG_NAMES:
        candidate = Path(folder, name)
        if candidate.is_file():
            return candidate
    pyproject = Path(folder, "pyproject.toml")
    if pyproject.is_file():
        try:
            if re.search(r"^\s*\[\s*tool\.termlint\s*[\].]", pyproject.read_text(
                    encoding="utf-8", errors="replace"), re.MULTILINE):
                return pyproject
        except OSError:
            pass
    return None


def resolve(paths: Sequence[str], config_file: str | None = None,
            isolated: bool = False) -> Config:
    """The configuration for a run: ``--config``, else discovery from the first path."""
    if isolated:
        return Config()
    if config_file is not None:
        return load(config_file)
    found = find(paths[0] if paths else ".")
    return load(found) if found is not None else Config()
