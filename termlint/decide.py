"""What ``check`` decides about one file once it is linted, as plain functions.

The engine finds matches and the pipeline places them; whether a finding is *reported* also
depends on the file's settings (``disable`` prefixes, ``ignore-keys``), its inline directives
and the baseline its configuration names. These decisions used to live in the ``check``
command, so a library caller (``Linter.lint_path``) got findings that ``check`` would have
suppressed. They live here so that ``check``, :func:`termlint.lint_buffer` and the language
server make them with one piece of code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from termlint.config import Config, Override, key_ignored
from termlint.model import Finding, sort_findings
from termlint.sources import Document

__all__ = ["baseline_name", "decide", "engine_args", "split_baselines"]


def engine_args(settings: Override, vocab: Sequence[str], use_prefilter: bool,
                cache: dict[tuple[Any, ...], dict[str, Any]],
                own_names: Sequence[str] = ()) -> dict[str, Any]:
    """Keyword arguments of :func:`termlint.api.build_engine` for one file's settings.

    ``vocab`` (``--vocab``) replaces the configuration's selection when given; ``own_names``
    are the configuration's ``names``. Files with equal settings get the *same* dictionary
    from ``cache``, so callers can share one engine per dictionary."""
    names = tuple(vocab) if vocab else tuple(settings.vocabularies or ())
    severity = tuple(sorted(settings.severity.items()))
    disabled = tuple(sorted(settings.disable))
    key = (names, severity, disabled, use_prefilter, tuple(own_names))
    if key not in cache:
        from termlint.vocab import load_selection

        args: dict[str, Any] = {"vocabularies": names, "disabled": disabled,
                                "use_prefilter": use_prefilter}
        if own_names:
            args["names"] = tuple(own_names)
        if severity:
            from termlint.vocab.overrides import apply_overrides

            args["vocabularies"] = apply_overrides(load_selection(names), dict(severity))
        cache[key] = args
    return cache[key]


def decide(findings: list[Finding], settings: Override, document: Document,
           unused: bool = False) -> tuple[list[Finding], int]:
    """Findings that survive ``disable`` prefixes, ``ignore-keys`` and inline directives,
    with findings about the directives themselves (misspelt ones; with ``unused``, those that
    silence nothing), and how many were dropped."""
    from termlint.suppress import rule_matches, suppress, unknown_directives, unused_directives

    about = unknown_directives(document)
    if unused:
        about.extend(unused_directives(document, findings))
    kept = [f for f in findings + about
            if not (settings.disable and rule_matches(f.rule, settings.disable))
            and not key_ignored(f.key, settings.ignore_keys)]
    dropped = len(findings) + len(about) - len(kept)
    kept, suppressed = suppress(document, kept)
    return sort_findings(kept), dropped + len(suppressed)


def baseline_name(cfg: Config | None, given: str | None) -> str | None:
    """The baseline that governs a file: ``given`` (``--baseline``) for every file, else the
    one its configuration names, else none."""
    if given:
        return given
    own = cfg.baseline_path() if cfg is not None else None
    return str(own) if own is not None else None


def split_baselines(findings: Sequence[Finding], texts: Mapping[str, str], given: str | None,
                    config_of: Mapping[str, Config | None],
                    load: Callable[[str], Any] | None = None) -> tuple[list[Finding], int]:
    """Findings not remembered in the baseline that governs their file, and how many were.

    ``load`` reads a baseline by name (default :meth:`termlint.baseline.Baseline.load`, which
    raises :class:`~termlint.baseline.BaselineError` for a bad one); a caller that lints the
    same file again and again passes one that remembers what it read."""
    if load is None:
        from termlint.baseline import Baseline

        load = Baseline.load
    by_file: dict[str | None, list[Finding]] = {}
    for f in findings:
        by_file.setdefault(baseline_name(config_of.get(f.path), given), []).append(f)
    kept: list[Finding] = list(by_file.pop(None, []))
    known = 0
    for name, group in sorted(by_file.items(), key=lambda item: str(item[0])):
        assert name is not None
        new, old = load(name).split(group, dict(texts))
        kept.extend(new)
        known += len(old)
    return sort_findings(kept), known
