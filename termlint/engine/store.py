"""Matches kept between runs: the store's protocol, and a match as plain data and back.

A match's suggestions cost an inflection and a verification; the same phrases recur across
files and runs, so the engine keeps them by phrase and hit shape (see
:class:`termlint.engine.making.MatchMaker`). What is read back is checked field by field: a
damaged entry is recomputed, never trusted.
"""

from __future__ import annotations

from typing import Any, Protocol

from termlint.model import Match, Severity, evolve


class MatchStore(Protocol):
    """What :attr:`Engine.match_store` needs (``termlint.cache.ShardedStore`` has it)."""

    def get(self, key: str) -> Any: ...

    def put(self, key: str, value: Any) -> None: ...

    def take_fresh(self) -> dict[str, Any]: ...

    def absorb(self, entries: dict[str, Any]) -> None: ...


def match_data(match: Match, origin: int) -> list[Any]:
    """``match`` as plain data, its positions counted from ``origin``."""
    return [match.start - origin, match.end - origin, match.rule, int(match.severity),
            match.message, list(match.suggestions), match.concept, match.source,
            match.verified, match.confidence,
            [[a - origin, b - origin, new] for a, b, new in match.replacements]]


def match_from(data: Any, origin: int) -> Match | None:
    """The match :func:`match_data` wrote, placed at ``origin``; None for anything else."""
    try:
        (start, end, rule, severity, message, suggestions, concept, source, verified,
         confidence, replacements) = data
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(rule, str)
                and isinstance(message, str) and isinstance(verified, bool)
                and isinstance(confidence, (int, float)) and not isinstance(confidence, bool)
                and all(isinstance(x, str) for x in suggestions)
                and all(x is None or isinstance(x, str) for x in (concept, source))
                and all(isinstance(a, int) and isinstance(b, int) and isinstance(new, str)
                        for a, b, new in replacements)):
            return None
        return Match(start=origin + start, end=origin + end, rule=rule,
                     severity=Severity(severity), message=message,
                     suggestions=tuple(suggestions), concept=concept, source=source,
                     verified=verified, confidence=float(confidence),
                     replacements=tuple((origin + a, origin + b, new)
                                        for a, b, new in replacements))
    except (TypeError, ValueError):
        return None


def shift(match: Match, offset: int) -> Match:
    """``match`` moved ``offset`` characters along the text (remembered matches are moved
    thousands of times a run, so with :func:`evolve`, not ``dataclasses.replace``)."""
    if offset == 0:
        return match
    return evolve(match, start=match.start + offset, end=match.end + offset,
                  replacements=tuple((a + offset, b + offset, new)
                                     for a, b, new in match.replacements))
