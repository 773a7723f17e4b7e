"""Building segments character by character with their file offsets."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterable

from termlint.model import Offsets, Segment
from termlint.sources.masking import Span, find_masks, split_hidden


class SegmentBuilder:
    """Collects a value's decoded text and the file offset each character came from.

    The text is kept as the pieces it was added in (a verbatim run is one piece, a decoded
    escape another), each with its file offset. Most values have no escape: their pieces sit
    one after another in the file, so their segment needs no table of offsets, and a value
    that has one gets it as runs (:class:`~termlint.model.Offsets`), one a piece at most.
    Adding a piece is two list appends; the rest is worked out once, when the segment is built.
    """

    __slots__ = ("_pieces", "_size", "_starts")

    def __init__(self) -> None:
        self._pieces: list[str] = []
        self._starts: list[int] = []
        #: The length so far, kept as pieces are added: the HTML reader asks after every
        #: piece, and summing the pieces each time was quadratic (40,000 ``&a``: 9 s).
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def char(self, ch: str, offset: int) -> None:
        """One decoded character (possibly from an escape) starting at file ``offset``."""
        self._pieces.append(ch)
        self._starts.append(offset)
        self._size += len(ch)

    def verbatim(self, text: str, start: int, end: int) -> None:
        """File text ``text[start:end]`` taken as is."""
        if end > start:
            self._pieces.append(text[start:end])
            self._starts.append(start)
            self._size += end - start

    def text(self) -> str:
        return "".join(self._pieces)

    @property
    def chars(self) -> list[str]:
        """The characters one by one, for a reader that reworks them (Android escapes)."""
        return list(self.text())

    @property
    def first_offset(self) -> int | None:
        """The file offset of the first character, without building :attr:`offsets`."""
        return self._starts[0] if self._starts else None

    @property
    def offsets(self) -> list[int]:
        """The file offset of each character."""
        starts = self._starts
        if len(starts) == sum(map(len, self._pieces)):  # a character a piece
            return list(starts)
        return list(itertools.chain.from_iterable(
            map(range, starts, map(operator.add, starts, map(len, self._pieces)))))

    @classmethod
    def of(cls, chars: list[str], offsets: list[int]) -> SegmentBuilder:
        """A builder holding ``chars``, each from its offset in ``offsets``."""
        made = cls()
        made._pieces = chars
        made._starts = offsets
        made._size = sum(map(len, chars))
        return made

    def build(
        self,
        end: int,
        *,
        key: str | None = None,
        language: str | None = None,
        extra_masks: Iterable[Span] = (),
    ) -> Segment:
        """The segment; ``end`` is the file offset just after the value's last character."""
        text = "".join(self._pieces)
        masks, hidden = split_hidden(text, find_masks(text, extra_masks))
        first = self._starts[0] if self._starts else end
        # Verbatim when each piece starts where the one before it ended, and the value ends
        # where its last piece does.
        if end - first == len(text) and (not self._starts or self._starts == list(
                itertools.accumulate(map(len, self._pieces[:-1]), initial=first))):
            return Segment(text=text, start=first, language=language, key=key, masks=masks,
                           hidden=hidden)
        # Runs, one a piece at most: a per-character table of a 200,000-line block scalar
        # was 7.5 million integers (450 MiB).
        offsets = Offsets(self._starts, map(len, self._pieces), end)
        return Segment(
            text=text, start=first, offsets=offsets, language=language, key=key,
            masks=masks, hidden=hidden,
        )


def verbatim_segment(
    text: str,
    start: int,
    end: int,
    *,
    key: str | None = None,
    language: str | None = None,
    extra_masks: Iterable[Span] = (),
    value: str | None = None,
) -> Segment:
    """The segment of file text ``text[start:end]`` taken as is; ``value``, when the caller
    already holds that text as a string (a decoder's), is used instead of a second copy."""
    if value is None:
        value = text[start:end]
    masks, hidden = split_hidden(value, find_masks(value, extra_masks))
    return Segment(
        text=value, start=start, key=key, language=language, masks=masks, hidden=hidden
    )
