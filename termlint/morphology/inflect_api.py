"""The inflection interface the engine uses to put a preferred term into the matched form."""

from __future__ import annotations

from typing import Protocol


class Inflector(Protocol):
    """Produces *verified* word forms: every returned form analyses back to ``lemma`` with the
    requested case, number, possessive suffix and clitic. An empty list means "cannot do it
    safely"; the engine then offers the base form and marks the finding as needing inflection.
    """

    def inflect(
        self,
        lemma: str,
        case: str | None,
        number: str | None,
        possessive: str | None = None,
        clitic: str | None = None,
        like: str | None = None,
    ) -> list[str]:
        """Forms of ``lemma`` (Voikko case names such as ``sisaolento``), best first.

        ``like`` is the word the author wrote in the same slot; where several forms are valid
        (``palvelujen``/``palveluiden``) the one whose ending matches it comes first.
        """
        ...
