"""Building segments character by character with their file offsets."""

from __future__ import annotations

from collections.abc import Iterable

from termlint.model import Segment
from termlint.sources.masking import Span, find_masks, split_hidden


class SegmentBuilder:
    """Collects decoded characters and the file offset each one came from."""

    __slots__ = ("chars", "offsets")

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offsets: list[int] = []

    def __len__(self) -> int:
        return len(self.chars)

    def char(self, ch: str, offset: int) -> None:
        """One decoded character (possibly from an escape) starting at file ``offset``."""
        self.chars.append(ch)
        self.offsets.append(offset)

    def verbatim(self, text: str, start: int, end: int) -> None:
        """File text ``text[start:end]`` taken as is."""
        self.chars.extend(text[start:end])
        self.offsets.extend(range(start, end))

    def text(self) -> str:
        return "".join(self.chars)

    def build(
        self,
        end: int,
        *,
        key: str | None = None,
        language: str | None = None,
        extra_masks: Iterable[Span] = (),
    ) -> Segment:
        """The segment; ``end`` is the file offset just after the value's last character."""
        text = "".join(self.chars)
        offsets = (*self.offsets, end)
        masks, hidden = split_hidden(text, find_masks(text, extra_masks))
        first = offsets[0]
        if offsets[-1] - first == len(text) and all(
            o == first + i for i, o in enumerate(offsets)
        ):
            return Segment(text=text, start=first, language=language, key=key, masks=masks,
                           hidden=hidden)
        return Segment(
            text=text, start=first, offsets=offsets, language=language, key=key, masks=masks,
            hidden=hidden,
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
