"""Compiled patterns as plain data, so that a run can skip compiling the vocabularies.

Compiling the bundled vocabularies means importing the vocabulary schema, building a few
thousand objects from the parsed files and asking the analyser about every term word: about
a tenth of a check's start-up, the same every run. :func:`dump` turns what compiling gives
(the patterns and the exception phrases of one language) into JSON-able lists and :func:`load`
turns them back; the caller keeps them on disk under a key that names everything the result
depends on (see ``termlint.api``).

Loading is strict: anything that does not have the exact shape :func:`dump` writes raises
:class:`ValueError`, and the caller then compiles as if there were no snapshot.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from termlint.engine.patterns import Option, Pattern, Slot
from termlint.model import Severity, Status

#: Bumped whenever the shape below changes (an older snapshot then no longer loads).
FORMAT = 2

Compiled = tuple[list[Pattern], list[tuple[Slot, ...]]]


def dump(patterns: Sequence[Pattern], exceptions: Sequence[tuple[Slot, ...]]) -> dict[str, Any]:
    """``patterns`` and exception phrases (as slot tuples) as plain lists."""
    return {
        "format": FORMAT,
        "patterns": [[p.rule, p.language, [_slot(s) for s in p.slots], int(p.severity),
                      p.message, p.term, p.status.value if p.status is not None else None,
                      p.concept, p.source, list(p.preferred), p.replacement, p.fixable]
                     for p in patterns],
        "exceptions": [[_slot(s) for s in slots] for slots in exceptions],
    }


def load(data: Any) -> Compiled:
    """What :func:`dump` wrote, as patterns and exception slot tuples; ValueError if the data
    is not exactly that."""
    try:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a snapshot of this format")
        patterns = [_pattern(entry) for entry in _list(data["patterns"])]
        exceptions = [tuple(_slot_of(s) for s in _list(slots))
                      for slots in _list(data["exceptions"])]
    except (KeyError, TypeError, IndexError) as exc:
        raise ValueError(f"malformed snapshot ({type(exc).__name__})") from None
    return patterns, exceptions


def _slot(slot: Slot) -> list[Any]:
    return [slot.role, [[list(o.parts), o.mode, o.lemma] for o in slot.options], slot.case,
            slot.fuzzy]


def _pattern(entry: Any) -> Pattern:
    (rule, language, slots, severity, message, term, status, concept, source, preferred,
     replacement, fixable) = _list(entry, 12)
    if not isinstance(fixable, bool):
        raise ValueError("malformed snapshot (fixable)")
    return Pattern(
        rule=_str(rule),
        language=_str(language),
        slots=tuple(_slot_of(s) for s in _list(slots)),
        severity=Severity(severity),
        message=_str(message),
        term=_str(term),
        status=Status(status) if status is not None else None,
        concept=_optional(concept),
        source=_optional(source),
        preferred=tuple(_str(p) for p in _list(preferred)),
        replacement=_optional(replacement),
        fixable=fixable,
    )


def _slot_of(entry: Any) -> Slot:
    role, options, case, fuzzy = _list(entry, 4)
    return Slot(
        role=_str(role),
        options=tuple(_option(o) for o in _list(options)),
        case=_optional(case),
        fuzzy=_optional(fuzzy),
    )


def _option(entry: Any) -> Option:
    parts, mode, lemma = _list(entry, 3)
    return Option(tuple(_str(p) for p in _list(parts)), _str(mode), _str(lemma))


def _list(value: Any, size: int | None = None) -> list[Any]:
    if not isinstance(value, list) or (size is not None and len(value) != size):
        raise TypeError("expected a list")
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value


def _optional(value: Any) -> str | None:
    return None if value is None else _str(value)
