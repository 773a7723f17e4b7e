"""Names a user writes that must name something: languages and rule, concept and vocabulary
ids. A misspelt one used to be ignored in silence, so that a run checked less than it said
(``--language FI`` checked nothing; ``disable: [thl-dgi]`` disabled nothing). Each is now
normalised where a spelling is only a matter of form, and refused with a "did you mean"
otherwise."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

#: The languages termlint can check (a selected vocabulary must still cover the one asked).
LANGUAGES = ("fi", "sv", "en")


class UnknownName(ValueError):
    """A name that names nothing; the message says what would."""


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice nearest ``word`` (at least ``cutoff`` alike), or None.

    difflib's ratio is enough for ids of a few dozen characters (rapidfuzz would be faster on
    thousands of choices, which a vocabulary selection never has)."""
    close = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the nearest choice, or an empty string."""
    near = closest(word, choices)
    return f" (did you mean '{near}'?)" if near is not None else ""


def normalise_language(value: str) -> str:
    """``FI``, ``fi-FI``, ``fi_fi`` → ``fi``; refuses what termlint cannot check."""
    code = value.strip().lower().replace("_", "-").split("-", 1)[0]
    if code not in LANGUAGES:
        raise UnknownName(f"unknown language {value!r} (valid: {', '.join(LANGUAGES)})"
                         + did_you_mean(code, LANGUAGES))
    return code


def require_covered(language: str, covered: Iterable[str], where: str) -> None:
    """Refuse a language that no selected vocabulary covers: files in it would be read and
    nothing in them checked."""
    valid = sorted(covered)
    if language not in valid:
        raise UnknownName(f"{where}: no selected vocabulary covers language {language!r} "
                         f"(covered: {', '.join(valid) or 'none'})")


def unknown_disable(entries: Iterable[str], ids: set[str], where: str) -> list[str]:
    """Messages for ``disable`` entries (ids or prefixes of ids) that match no id."""
    out = []
    for entry in entries:
        if not entry or not any(i.startswith(entry) for i in ids):
            out.append(f"{where}: unknown rule, concept or vocabulary id {entry!r}"
                       + did_you_mean(entry, ids))
    return out


def unknown_keys(severity: Mapping[str, str], ids: set[str], where: str) -> list[str]:
    """Messages for ``severity`` keys that name no loaded vocabulary, concept or rule."""
    return [f"{where}: unknown rule, concept or vocabulary id {key!r}" + did_you_mean(key, ids)
            for key in sorted(severity) if key not in ids]


def unknown_vocab_names(names: Iterable[str], bundled: Iterable[str],
                        where: str = "--vocab") -> list[str]:
    """Messages for ``--vocab``/``vocabularies`` names that are neither bundled nor a file;
    ``-NAME`` must name a bundled vocabulary (removing what is not there is a typo)."""
    import os

    known = sorted(bundled)
    out = []
    for name in names:
        bare = name[1:] if name[:1] in "+-" else name
        if bare in known or (name[:1] != "-" and os.path.exists(bare)):
            continue
        out.append(f"{where} {name}: no such vocabulary (bundled: {', '.join(known)}; or give "
                   "a path)" + did_you_mean(bare, known))
    return out

