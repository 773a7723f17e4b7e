"""Which matches may be applied: a fix must never change what the text means.

A suggestion is a *fix* (applied by ``--fix``, shown by ``--diff``, offered as a SARIF fix or
an editor's quick fix) only when all of these hold:

* the flagged term is a **synonym** of the preferred one (``deprecated`` or ``forbidden``):
  a term for a narrower, broader or related concept (``narrower``, *verkkopalvelu*) names
  something else, so the preferred term is only an idea for the author to weigh;
* the vocabulary has not marked the term **advice only** (``fix: false``): a term the source
  advises against whose preferred term is still not a synonym in every context, such as a
  unit's proper name (*hyvinvointikeskus* for *terveyskeskus*) or a word wrong only in one of
  its meanings (*verkko-osoite* for *WWW-osoite*). Only the vocabulary knows that; the
  status alone cannot say it;
* the hit is **fully confident**: a near-miss spelling (a fuzzy term such as *epalvelu*) or a
  word read only after its umlauts were restored may not be the term at all;
* every word form of the suggestion was **verified**: the analyser reads it back with every
  feature of the word it replaces (see :mod:`termlint.engine.suggest`).

Everything else keeps its suggestions, as advice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from termlint.model import Status
from termlint.morphology.verbs import is_verb

if TYPE_CHECKING:
    from termlint.engine.matcher import Hit

#: Statuses whose terms mean the same as the preferred term. Any status not listed (narrower,
#: and any relation added later) is advice only: a new status is never fixable by accident.
SYNONYM_STATUSES = frozenset({Status.DEPRECATED, Status.FORBIDDEN})


def is_synonym(status: Status | None) -> bool:
    """Whether a term of ``status`` may be replaced by the preferred term without changing
    the meaning (a pattern without a status is not a term of a concept: never)."""
    return status in SYNONYM_STATUSES


def may_fix(status: Status | None, confidence: float, verified: bool,
            fixable: bool = True) -> bool:
    """Whether a match whose best suggestion is ``verified`` may be applied as a fix;
    ``fixable`` is the term's ``fix`` (False: advice only)."""
    return fixable and verified and confidence >= 1.0 and is_synonym(status)


def depends_on_context(hit: Hit) -> bool:
    """Whether the suggestion for ``hit`` depends on words outside it: a verb's form does
    (*Älä klikkaa* needs the connegative, *Klikkaa tästä* the imperative, *Hän klikkaa* is
    ambiguous), so its match is never reused for the same phrase elsewhere."""
    return any(is_verb(a) for found in hit.slot_analyses for a in found)
