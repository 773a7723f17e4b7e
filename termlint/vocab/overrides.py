"""Changing loaded vocabularies without editing their files: severities from a config mapping,
and the ``disable`` list by which one vocabulary switches off entries of another.

Both return new :class:`Vocabulary` objects (they are frozen); the inputs are left as they were.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from termlint.model import Severity, Status
from termlint.vocab.schema import DEFAULT_SEVERITY, VocabError, Vocabulary

_FLAGGED = tuple(s for s in Status if s.flagged)


def _parse(key: str, value: str) -> Severity:
    try:
        return Severity.parse(str(value))
    except ValueError as exc:
        raise VocabError("severity overrides", None, f"{key}: {exc}") from None


def apply_overrides(vocabs: Sequence[Vocabulary],
                    overrides: Mapping[str, str]) -> list[Vocabulary]:
    """Vocabularies with severities set from ``overrides`` (key → severity name).

    A key is a vocabulary id (every flagged term and rule of it), a concept rule id
    (``thl-digi/digitaalinen-palvelu``) or a rule id (``thl-digi/sahkoinen-palvelusana``). The
    more specific key wins: a concept or rule key beats its vocabulary's key, whatever the
    order. A rule is also reached by the vocabulary id its own id starts with (``thl-digi``
    reaches ``thl-digi/sahkoinen-palvelusana`` in the ``thl-digi-rules`` file). Keys that name
    nothing loaded are ignored (see :func:`unknown_override_keys`); a value that is not a
    severity is a :class:`VocabError`.
    """
    parsed = {key: _parse(key, value) for key, value in overrides.items()}
    out: list[Vocabulary] = []
    for vocab in vocabs:
        whole = parsed.get(vocab.id)
        severity = dict(vocab.severity)
        concepts = list(vocab.concepts)
        rules = list(vocab.rules)
        if whole is not None:
            severity = dict.fromkeys(_FLAGGED, whole)
            concepts = [replace(c, severity=None) for c in concepts]
            rules = [replace(r, severity=whole) for r in rules]
        concepts = [
            replace(c, severity=parsed[f"{vocab.id}/{c.id}"]) if f"{vocab.id}/{c.id}" in parsed
            else c
            for c in concepts
        ]
        for index, rule in enumerate(rules):
            # A rule id is namespaced by the vocabulary it belongs to (``thl-digi/…`` even in
            # the ``thl-digi-rules`` file), so the namespace works as a vocabulary key too.
            namespace = rule.id.split("/", 1)[0] if "/" in rule.id else None
            for key in (rule.id, namespace):
                if key is not None and key in parsed and key != vocab.id:
                    rules[index] = replace(rule, severity=parsed[key])
                    break
        out.append(replace(vocab, severity=severity, concepts=tuple(concepts),
                           rules=tuple(rules)))
    return out


def known_ids(vocabs: Iterable[Vocabulary]) -> set[str]:
    """Every id an override or a ``disable`` entry may name."""
    ids: set[str] = set()
    for vocab in vocabs:
        ids.add(vocab.id)
        ids.update(f"{vocab.id}/{c.id}" for c in vocab.concepts)
        ids.update(r.id for r in vocab.rules)
        ids.update(r.id.split("/", 1)[0] for r in vocab.rules if "/" in r.id)
    return ids


def unknown_override_keys(vocabs: Sequence[Vocabulary], overrides: Mapping[str, str]) -> list[str]:
    """Keys of ``overrides`` that name no loaded vocabulary, concept or rule (for a warning)."""
    ids = known_ids(vocabs)
    return sorted(k for k in overrides if k not in ids)


def disabled_ids(vocabs: Iterable[Vocabulary]) -> set[str]:
    """The union of the ``disable`` lists of ``vocabs``."""
    return {entry for vocab in vocabs for entry in vocab.disable}


def apply_disables(vocabs: Sequence[Vocabulary],
                   disabled: Iterable[str] = ()) -> list[Vocabulary]:
    """Vocabularies without the entries that any selected vocabulary (or ``disabled``) names.

    An id naming a whole vocabulary drops it; a concept rule id drops that concept (its terms,
    exceptions and examples); a rule id drops that rule. A vocabulary never disables itself.
    """
    off_by: dict[str, set[str]] = {}
    for vocab in vocabs:
        for entry in vocab.disable:
            off_by.setdefault(entry, set()).add(vocab.id)
    extra = set(disabled)

    def off(entry: str, owner: str) -> bool:
        return entry in extra or bool(off_by.get(entry, set()) - {owner})

    out: list[Vocabulary] = []
    for vocab in vocabs:
        if off(vocab.id, vocab.id):
            continue
        concepts = tuple(c for c in vocab.concepts if not off(f"{vocab.id}/{c.id}", vocab.id))
        rules = tuple(r for r in vocab.rules if not off(r.id, vocab.id))
        if concepts != vocab.concepts or rules != vocab.rules:
            vocab = replace(vocab, concepts=concepts, rules=rules)
        out.append(vocab)
    return out


def default_severity(status: Status) -> Severity:
    """The severity a status has when nothing overrides it."""
    return DEFAULT_SEVERITY.get(status, Severity.WARNING)
