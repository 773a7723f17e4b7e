"""Vocabularies: the bundled ones (``vocab/`` and ``rules/`` in the repository, shipped in the
wheel) and any file a user names."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from termlint.vocab.loader import load_vocabulary, parse_vocabulary
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
    )

#: Names this package re-exports, imported on first use: finding the bundled files must not
#: cost the schema's import (a check that runs from a compiled snapshot never needs it).
_LAZY = {
    **dict.fromkeys(("apply_disables", "apply_overrides", "disabled_ids", "known_ids",
                     "unknown_override_keys"), "termlint.vocab.overrides"),
    **dict.fromkeys(("Concept", "Example", "Rule", "Term", "VocabError", "Vocabulary"),
                    "termlint.vocab.schema"),
    **dict.fromkeys(("load_vocabulary", "parse_vocabulary"), "termlint.vocab.loader"),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'termlint.vocab' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


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


def selection_files(names: Iterable[str] = ()) -> list[tuple[str, Path]]:
    """Every file whose content decides what :func:`load_selection` of ``names`` gives, as
    ``(name, path)``: all the bundled files (which of them are defaults, and their ids, are
    written inside them) and every existing file a name may point to. A name that is no file
    is a bundled id or an error, which the bundled files' content decides."""
    files = list(bundled_files().items())
    for name in names:
        if name.startswith("-"):
            continue
        key = name[1:] if name.startswith("+") else name
        path = Path(key)
        if path.is_file():
            files.append((key, path.absolute()))
    return files


def load_bundled() -> list[Vocabulary]:
    from termlint.vocab.loader import load_vocabulary

    return [load_vocabulary(p) for p in bundled_files().values()]


def load_selection(names: Iterable[str] = ()) -> list[Vocabulary]:
    """Vocabularies by bundled name or file path; no names means the bundled defaults.

    ``+name`` adds to the defaults instead of replacing them, ``-name`` removes one. The
    ``disable`` lists of the chosen vocabularies are applied (see :func:`apply_disables`), so an
    organisation's own file can switch off a bundled concept or rule.
    """
    from termlint.vocab.loader import load_vocabulary
    from termlint.vocab.overrides import apply_disables
    from termlint.vocab.schema import VocabError

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
        _refuse_same_id(chosen.get(vocab.id), vocab)
        chosen[vocab.id] = vocab
    from termlint.vocab.precedence import let_own_win

    bundled = {str(path) for path in bundled_files().values()}
    return let_own_win(apply_disables(list(chosen.values())), bundled)


def _refuse_same_id(earlier: Vocabulary | None, later: Vocabulary) -> None:
    """Refuse two files that give one vocabulary id.

    Rules are disabled and overridden by id (``disable: [thl-digi/...]``), and the later
    file would replace the earlier one whole: a project file that reuses a bundled id, or two
    packages that happen to pick the same one, would silently drop a vocabulary the user
    asked for. The same file named twice (in ``vocabularies:`` and a rule folder) is fine.
    """
    from termlint.vocab.schema import VocabError

    if earlier is None or Path(earlier.path).resolve() == Path(later.path).resolve():
        return
    hint = (f"; to use yours instead, list '-{later.id}' first in 'vocabularies'"
            if Path(earlier.path).resolve() in _bundled_paths() else "")
    raise VocabError(later.path, None,
                     f"vocabulary id {later.id!r} is also the id of {earlier.path}: give one "
                     f"of them another 'id'{hint}")


def _bundled_paths() -> set[Path]:
    return {path.resolve() for path in bundled_files().values()}


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
    "selection_files",
    "unknown_override_keys",
]
