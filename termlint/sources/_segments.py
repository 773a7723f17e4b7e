"""Building segments character by character with their file offsets."""

from __future__ import annotations

from collections.abc import Iterable

from termlint.model import Segment
from termlint.sources.masking import Span, find_masks, split_hidden


class SegmentBuilder:
    """Collects a value's decoded text and the file offset each character came from.

    The text is kept as the pieces it was added in (a verbatim run is one piece), with each
    piece's file offset, and whether the characters so far sit one after another in the file.
    Most values have no escape, so their segment needs no table of offsets at all, and the
    per-character table is built only for a value that has one.
    """

    __slots__ = ("_contiguous", "_length", "_pieces", "_starts")

    def __init__(self) -> None:
        self._pieces: list[str] = []
        self._starts: list[int] = []
        self._length = 0
        self._contiguous = True

    def __len__(self) -> int:
        return self._length

    def _add(self, piece: str, offset: int) -> None:
        if self._length and offset != self._starts[0] + self._length:
            self._contiguous = False
        self._pieces.append(piece)
        self._starts.append(offset)
        self._length += len(piece)

    def char(self, ch: str, offset: int) -> None:
        """One decoded character (possibly from an escape) starting at file ``offset``."""
        self._add(ch, offset)

    def verbatim(self, text: str, start: int, end: int) -> None:
        """File text ``text[start:end]`` taken as is."""
        if end > start:
            self._add(text[start:end], start)

    def text(self) -> str:
        return "".join(self._pieces)

    @property
    def chars(self) -> list[str]:
        """The characters one by one, for a reader that reworks them (Android escapes)."""
        return list(self.text())

    @property
    def offsets(self) -> list[int]:
        """The file offset of each character."""
        offsets: list[int] = []
        for piece, start in zip(self._pieces, self._starts, strict=True):
            offsets.extend(range(start, start + len(piece)))
        return offsets

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
        if self._contiguous and end - first == len(text):
            return Segment(text=text, start=first, language=language, key=key, masks=masks,
                           hidden=hidden)
        offsets = self.offsets
        offsets.append(end)
        return Segment(
            text=text, start=first, offsets=tuple(offsets), language=language, key=key,
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
) -> Segment:
    value = text[start:end]
    masks, hidden = split_hidden(value, find_masks(value, extra_masks))
    return Segment(
        text=value, start=start, key=key, language=language, masks=masks, hidden=hidden
    )
