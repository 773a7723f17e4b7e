"""Vocabularies: the bundled ones (``vocab/`` and ``rules/`` in the repository, shipped in the
wheel) and any file a user names."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from termlint.vocab.overrides import (
    apply_disables,
    apply_overrides,
    disabled_ids,
    known_ids,
    unknown_override_keys,
)
from termlint.vocab.schema import (
    Concept,
    Example,
    Rule,
    Term,
    VocabError,
    Vocabulary,
    load_vocabulary,
    parse_vocabulary,
)

_REPO_ROOT = Path(__file__).resolve().parents[2]


def _data_dir(package: str, folder: str) -> Path:
    """The folder of bundled YAML: package data in a wheel, the repository folder otherwise."""
    # In an installed wheel the data sits in termlint/_vocab and termlint/_rules. They have no
    # __init__.py, so importlib.resources returns a MultiplexedPath whose str() is no path.
    installed = Path(__file__).resolve().parents[1] / package.rsplit(".", 1)[-1]
    if installed.is_dir() and any(installed.glob("*.yaml")):
        return installed
    # A checkout (editable install): the repository's own folder, found without importing
    # importlib.resources (a few milliseconds of every start-up).
    repository = _REPO_ROOT / folder
    if repository.is_dir() and any(repository.glob("*.yaml")):
        return repository
    import importlib.resources

    try:
        path = Path(str(importlib.resources.files(package)))
        if path.is_dir():
            return path
    except (ModuleNotFoundError, TypeError):
        pass
    return repository


def bundled_files() -> dict[str, Path]:
    """Bundled vocabulary and rule files by their ``id`` (read from the file name's stem)."""
    files: dict[str, Path] = {}
    for package, folder in (("termlint._vocab", "vocab"), ("termlint._rules", "rules")):
        for path in sorted(_data_dir(package, folder).glob("*.yaml")):
            files[path.stem] = path
    return files


def load_bundled() -> list[Vocabulary]:
    return [load_vocabulary(p) for p in bundled_files().values()]


def load_selection(names: Iterable[str] = ()) -> list[Vocabulary]:
    """Vocabularies by bundled name or file path; no names means the bundled defaults.

    ``+name`` adds to the defaults instead of replacing them, ``-name`` removes one. The
    ``disable`` lists of the chosen vocabularies are applied (see :func:`apply_disables`), so an
    organisation's own file can switch off a bundled concept or rule.
    """
    names = list(names)
    every = {v.id: v for v in load_bundled()}
    chosen: dict[str, Vocabulary] = {}
    if not names or all(n.startswith(("+", "-")) for n in names):
        chosen = {k: v for k, v in every.items() if v.default}
    for name in names:
        op = name[0] if name[:1] in "+-" else "="
        key = name[1:] if op != "=" else name
        if op == "-":
            chosen.pop(key, None)
            continue
        if key in every:
            vocab = every[key]
        elif Path(key).exists():
            vocab = load_vocabulary(key)
        else:
            known = ", ".join(sorted(every))
            raise VocabError(key, None, f"no such vocabulary (bundled: {known}; or give a path)")
        chosen[vocab.id] = vocab
    return apply_disables(list(chosen.values()))


__all__ = [
    "Concept",
    "Example",
    "Rule",
    "Term",
    "VocabError",
    "Vocabulary",
    "apply_disables",
    "apply_overrides",
    "bundled_files",
    "disabled_ids",
    "known_ids",
    "load_bundled",
    "load_selection",
    "load_vocabulary",
    "parse_vocabulary",
    "unknown_override_keys",
]
