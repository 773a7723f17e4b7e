"""Ids named in configuration and on the command line must name something loaded.

``disable: [thl-dgi]`` used to disable nothing and ``--vocab -nope`` to remove nothing, in
silence. Every configuration that governs a checked file is looked at once: its ``disable``
entries (ids or prefixes), its ``severity`` keys and its vocabulary names, top level and
overrides, against the ids of the bundled vocabularies and of the ones it selects.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from termlint.validation import unknown_disable, unknown_keys, unknown_vocab_names

#: Rules termlint itself reports (about directives), which ``disable`` may name too.
OWN_RULES = frozenset({"termlint/unknown-directive", "termlint/unused-directive"})


def check_ids(targets: Iterable[Any], cli_vocab: Sequence[str]) -> list[str]:
    """One message per unknown id (empty when all are known)."""
    from termlint.vocab import bundled_files

    bundled = set(bundled_files())
    problems = unknown_vocab_names(cli_vocab, bundled)
    seen: set[int] = set()
    cache: dict[tuple[str, ...], set[str]] = {}
    for target in targets:
        cfg = target.config
        if id(cfg) in seen:
            continue
        seen.add(id(cfg))
        where = str(cfg.path) if cfg.path is not None else "configuration"
        sections = [(where, cfg.disable, cfg.severity, cfg.vocabulary_names())]
        for index, o in enumerate(cfg.overrides):
            sections.append((f"{where}: overrides.{index}", o.disable, o.severity,
                             cfg._paths(o.vocabularies) if o.vocabularies is not None
                             else cfg.vocabulary_names()))
        for place, disable, severity, names in sections:
            if not cli_vocab:
                problems.extend(unknown_vocab_names(names, bundled, f"{place}: vocabulary"))
            if not disable and not severity:
                continue
            ids = _ids(tuple(cli_vocab) or tuple(names), cache)
            problems.extend(unknown_disable(disable, ids, f"{place}: disable"))
            problems.extend(unknown_keys(severity, ids, f"{place}: severity"))
    return list(dict.fromkeys(problems))


def _ids(names: tuple[str, ...], cache: dict[tuple[str, ...], set[str]]) -> set[str]:
    """Every id the bundled vocabularies and the selection ``names`` define."""
    if names not in cache:
        from termlint.vocab import load_bundled, load_selection
        from termlint.vocab.overrides import known_ids

        try:
            chosen = list(load_selection(names))
        except Exception:  # a broken vocabulary is reported when the engine is built
            chosen = []
        cache[names] = known_ids([*load_bundled(), *chosen]) | OWN_RULES
    return cache[names]


def selectable_ids(targets: Iterable[Any], cli_vocab: Sequence[str]) -> set[str]:
    """Every id that ``--select`` and ``--ignore`` may name for these files: those of the
    vocabularies each governing configuration selects (or ``--vocab``), bundled ones included."""
    cache: dict[tuple[str, ...], set[str]] = {}
    ids: set[str] = set()
    seen: set[int] = set()
    for target in targets:
        if id(target.config) not in seen:
            seen.add(id(target.config))
            ids |= _ids(tuple(cli_vocab) or tuple(target.config.vocabulary_names()), cache)
    return ids or _ids(tuple(cli_vocab), cache)
