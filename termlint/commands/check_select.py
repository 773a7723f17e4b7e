"""``--select`` and ``--ignore``: which findings a run reports, as ruff's options of the same
names choose rules.

An entry names rules, concepts or vocabularies in one of two ways:

- without ``*``, ``?`` or ``[``, it is a **prefix** of rule ids, as in ``disable``:
  ``thl-digi`` (a vocabulary), ``thl-digi/digitaalinen-palvelu`` (a concept's rule),
  ``termlint/`` (termlint's own rules about directives); or exactly a bare concept id
  (``digitaalinen-palvelu``);
- with them, it is a **glob** (``fnmatch``, case-sensitive) that must match a whole rule id or
  bare concept id: ``*/digitaalinen-*``, ``thl-digi/*asiointi*``.

A finding is kept when ``--select`` is not given or one of its entries matches, and no
``--ignore`` entry matches (so ``--ignore`` wins, as in ruff). An entry that matches no id of
the selected vocabularies is refused with the nearest id ("did you mean"), like a misspelt
``disable`` entry: a typo would otherwise silently report nothing or everything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from fnmatch import fnmatchcase

from termlint.model import Finding
from termlint.validation import did_you_mean

_GLOB = frozenset("*?[")


def entries(values: Iterable[str]) -> tuple[str, ...]:
    """The entries of repeated, comma-separated option values, blanks dropped."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _is_glob(entry: str) -> bool:
    return not _GLOB.isdisjoint(entry)


def matches(entry: str, finding: Finding) -> bool:
    """Whether ``entry`` names the finding's rule or concept (module docstring)."""
    if _is_glob(entry):
        return fnmatchcase(finding.rule, entry) or (
            finding.concept is not None and fnmatchcase(finding.concept, entry))
    return finding.rule.startswith(entry) or entry == finding.concept


def chooser(select: Sequence[str], ignore: Sequence[str]) -> Callable[[Finding], bool] | None:
    """A test of whether a finding is reported; None when neither option was given."""
    if not select and not ignore:
        return None

    def keep(finding: Finding) -> bool:
        return ((not select or any(matches(e, finding) for e in select))
                and not any(matches(e, finding) for e in ignore))

    return keep


def unknown(option: str, given: Sequence[str], ids: set[str]) -> list[str]:
    """One message per entry that names nothing in ``ids`` (rule, concept and vocabulary ids
    as :func:`termlint.idcheck.selectable_ids` gives them)."""
    concepts = {i.split("/", 1)[1] for i in ids if "/" in i}
    names = ids | concepts
    problems = []
    for entry in given:
        if _is_glob(entry):
            known = any(fnmatchcase(name, entry) for name in names)
        else:
            known = entry in concepts or any(i.startswith(entry) for i in ids)
        if not known:
            problems.append(f"{option} {entry}: no rule, concept or vocabulary id matches it"
                            + did_you_mean(entry, names))
    return problems
