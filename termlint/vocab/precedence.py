"""Which vocabulary wins when two of them disagree about a term.

A project's own vocabulary may prefer a term that a bundled one deprecates (*sähköinen
palvelu* preferred in-house, deprecated by THL), while the bundled one prefers the term the
project deprecates. Taken together, the two would flag each other's suggestion, and ``--fix``
would turn the text back and forth on every run. ``termlint vocab validate`` reports such a
pair inside one file as an error; across the vocabularies of a run the rule is:

**the project's own vocabulary wins over a bundled one, and among vocabularies of the same
kind the one selected later wins.** A term that a winning vocabulary accepts (preferred or
admitted) is no longer flagged by the vocabularies it wins over: it is dropped from their
flagged terms, and when one of their rules could flag it (the rule's modifier is in the term,
as *sähköinen* in *sähköinen palvelu*) it becomes an exception of theirs. Nothing else of
theirs changes.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from termlint.vocab.schema import Concept, Vocabulary


def _accepted(vocab: Vocabulary) -> set[tuple[str, str]]:
    return {(t.language, t.text.lower()) for c in vocab.concepts for t in c.terms
            if not t.status.flagged}


def let_own_win(vocabs: Sequence[Vocabulary],
                bundled: Collection[str] = ()) -> list[Vocabulary]:
    """``vocabs`` without the flagged terms that a vocabulary ranked above accepts.

    Rank: a vocabulary whose ``path`` is in ``bundled`` is below every other, and within
    each kind a later one is above an earlier one. Returned in the order given.
    """
    order = sorted(range(len(vocabs)), key=lambda i: (vocabs[i].path not in bundled, i))
    rank = {index: place for place, index in enumerate(order)}
    accepted = [_accepted(v) for v in vocabs]
    out: list[Vocabulary] = []
    for i, vocab in enumerate(vocabs):
        above: set[tuple[str, str]] = set()
        for j in range(len(vocabs)):
            if rank[j] > rank[i]:
                above |= accepted[j]
        if not above:
            out.append(vocab)
            continue
        concepts = tuple(_without(c, above) for c in vocab.concepts)
        modifiers = [r.modifier.lower() for r in vocab.rules if r.language == "fi"]
        # Exceptions are Finnish phrases (the schema gives them no language).
        excepted = tuple(sorted(text for language, text in above if language == "fi"
                                and any(m in text for m in modifiers)
                                and text not in vocab.exceptions))
        if concepts != vocab.concepts or excepted:
            vocab = replace(vocab, concepts=concepts, exceptions=vocab.exceptions + excepted)
        out.append(vocab)
    return out


def _without(concept: Concept, accepted: set[tuple[str, str]]) -> Concept:
    terms = tuple(t for t in concept.terms
                  if not (t.status.flagged and (t.language, t.text.lower()) in accepted))
    return concept if len(terms) == len(concept.terms) else replace(concept, terms=terms)
