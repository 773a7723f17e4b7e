"""The data model shared by every stage: segments in, findings out.

Everything here is a frozen dataclass so that stages cannot change each other's data behind their
backs, and so that findings compare on all their fields (tests and the baseline rely on that).
"""

from __future__ import annotations

import bisect
import enum
import operator
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress
from typing import Any, TypeVar, overload

_Record = TypeVar("_Record")


class Severity(enum.IntEnum):
    """Finding levels, ordered so that ``>=`` means "at least as serious"."""

    SUGGESTION = 1
    INFO = 2
    WARNING = 3
    ERROR = 4

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            names = ", ".join(s.name.lower() for s in cls)
            raise ValueError(f"unknown severity {value!r} (expected one of: {names})") from None

    def __str__(self) -> str:
        return self.name.lower()


class Status(enum.Enum):
    """Term status as terminology work uses it (TEPA, TBX), plus the hint-only narrower term."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"
    FORBIDDEN = "forbidden"
    NARROWER = "narrower"

    @property
    def flagged(self) -> bool:
        return self in (Status.DEPRECATED, Status.FORBIDDEN, Status.NARROWER)


class Offsets(Sequence[int]):
    """The file offset of each character of a segment, and last the offset after the value,
    kept as runs: a run is a stretch of characters whose file offsets go up by one.

    A value with an escape, or a block scalar with its indentation removed, needs a table of
    where each character came from; as one integer a character, a 200,000-line YAML block
    scalar made 7.5 million of them (450 MiB, most of a run's memory). Runs cost one pair a
    piece the reader added (a line, an escape), and reading entry ``i`` is one bisection. The
    sequence behaves as the per-character tuple did: indexing, slicing, ``len``, iteration,
    and equality with a tuple of the same numbers (``bisect`` works on it unchanged).
    """

    __slots__ = ("_at", "_file", "_size")

    def __init__(self, starts: Iterable[int], lengths: Iterable[int], end: int) -> None:
        """Pieces of consecutive characters (``lengths[k]`` characters from file offset
        ``starts[k]``), then the offset ``end`` just after the value."""
        first, size = list(starts), list(lengths)
        if len(first) != len(size):
            raise ValueError("offsets: as many piece starts as piece lengths are needed")
        if min(size, default=1) <= 0:  # empty pieces hold no character
            kept = [n > 0 for n in size]
            first, size = list(compress(first, kept)), list(compress(size, kept))
        # Worked out with C loops (a reader may add a piece a character): a run starts where a
        # piece does not begin where the one before it ended.
        positions = list(accumulate(size, initial=0))
        ends = list(map(operator.add, first, size))
        new = [True, *map(operator.ne, first[1:], ends)] if first else []
        at, file = array("q", compress(positions, new)), array("q", compress(first, new))
        position = positions[-1]
        if not ends or end != ends[-1]:
            at.append(position)
            file.append(end)
        self._at, self._file, self._size = at, file, position + 1

    @classmethod
    def of(cls, offsets: Iterable[int]) -> Offsets:
        """The runs of a per-character table (its last entry is the end offset)."""
        every = list(offsets)
        if not every:
            raise ValueError("offsets need at least the end offset")
        return cls(every[:-1], [1] * (len(every) - 1), every[-1])

    @property
    def runs(self) -> int:
        """How many runs the table holds (what it costs, for tests and benchmarks)."""
        return len(self._at)

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[int, ...]: ...

    def __getitem__(self, index: int | slice) -> int | tuple[int, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(self._size)))
        if index < 0:
            index += self._size
        if not 0 <= index < self._size:
            raise IndexError("segment offset index out of range")
        run = bisect.bisect_right(self._at, index) - 1
        return self._file[run] + index - self._at[run]

    def __iter__(self) -> Iterator[int]:
        bounds = [*self._at[1:], self._size]
        for start, first, stop in zip(self._file, self._at, bounds, strict=True):
            yield from range(start, start + stop - first)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Offsets):
            return (self._size, self._at, self._file) == (other._size, other._at, other._file)
        if isinstance(other, tuple):
            return len(other) == self._size and tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._size, self._at.tobytes(), self._file.tobytes()))

    def __repr__(self) -> str:
        return f"Offsets({list(self)!r})" if self._size <= 20 else (
            f"<Offsets of {self._size} entries in {self.runs} runs>")


@dataclass(frozen=True)
class Segment:
    """One stretch of lintable text taken from a file, with an exact way back to the file.

    ``text`` is the *value* as a reader sees it (escapes decoded). ``offsets``, when given, has
    ``len(text) + 1`` entries: the file-text offset of each character and, last, the offset just
    after the final character (kept as runs, :class:`Offsets`); without it the segment is a
    verbatim slice starting at ``start``.
    ``masks`` are half-open ranges of ``text`` (placeholders, tags, URLs) that must never be
    matched and that no multi-word match may run through.
    """

    text: str
    start: int = 0
    offsets: Offsets | None = None
    language: str | None = None
    key: str | None = None
    masks: tuple[tuple[int, int], ...] = ()
    #: Ranges of inline markup inside running text (``<b>``, ``&nbsp;``, Markdown ``**``): they
    #: are never matched, but unlike masks a phrase may run through them.
    hidden: tuple[tuple[int, int], ...] = ()

    def file_offset(self, index: int) -> int:
        """File-text offset of segment position ``index`` (``index == len(text)`` allowed)."""
        if self.offsets is None:
            return self.start + index
        return self.offsets[index]

    def file_span(self, start: int, end: int) -> tuple[int, int]:
        """File-text span covering segment span ``[start, end)``; end is exclusive."""
        if end <= start:
            pos = self.file_offset(start)
            return pos, pos
        # The end maps through the last character so that an escape such as ``\u00e4`` at the
        # end of the match is covered in full.
        if self.offsets is None:
            return self.start + start, self.start + end
        return self.offsets[start], self.offsets[end]

    def exact_span(self, start: int, end: int, file_text: str) -> tuple[int, int]:
        """Like :meth:`file_span`, but the end stops after the last character's own file text.

        ``offsets[end]`` is where the *next* character starts, so text a format drops between
        two characters (a PO line's closing quote and the next line's opening one, an escaped
        line break) would otherwise trail the span. A character written verbatim ends one
        position after its start; an escaped one ends where the next character begins.
        """
        file_start, file_end = self.file_span(start, end)
        if self.offsets is None or end <= start:
            return file_start, file_end
        last = self.offsets[end - 1]
        if file_text[last : last + 1] == self.text[end - 1]:
            return file_start, last + 1
        return file_start, file_end


@dataclass(frozen=True)
class Analysis:
    """One morphological reading of a word, reduced to what matching and inflection need.

    ``lemma`` is lower-cased. ``parts`` are the lower-cased base forms of the compound parts
    (the last one is the head's lemma); a word that is not a compound has one part. ``prefix``
    holds a hyphenated prefix that the analyser could not read (``Kanta-`` in
    ``Kanta-palveluiden``); it is already the first entry of ``parts``.
    """

    lemma: str
    word_class: str
    case: str | None = None
    number: str | None = None
    possessive: str | None = None
    clitic: str | None = None
    parts: tuple[str, ...] = ()
    prefix: str = ""
    guessed: bool = False
    comparison: str | None = None
    mood: str | None = None
    #: Verb features (Voikko's TENSE, PERSON with "4" for the passive, NEGATIVE "true", "false"
    #: or "both"): a verb's suggestion is verified against them too (``morphology.verbs``).
    tense: str | None = None
    person: str | None = None
    negative: str | None = None

    @property
    def head(self) -> str:
        return self.parts[-1] if self.parts else self.lemma


@dataclass(frozen=True)
class Token:
    """A word in a segment with its exact span and all its analyses (unranked)."""

    text: str
    start: int
    end: int
    analyses: tuple[Analysis, ...] = ()
    #: True for a word cut short by a hyphen before a conjunction (``sosiaali-`` in
    #: ``sosiaali- ja terveyspalvelut``).
    ellipsis: bool = False
    #: True when a mask, a sentence break or a line with no words lies before this token.
    barrier_before: bool = False
    #: True when the analysis came from a repaired spelling (missing umlauts): lower confidence.
    repaired: bool = False

    @property
    def known(self) -> bool:
        return bool(self.analyses)


@dataclass(frozen=True)
class Edit:
    """Replace the file text ``[start, end)`` by ``replacement`` (an unescaped value)."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Match:
    """What the engine found in one segment, in segment coordinates."""

    start: int
    end: int
    rule: str
    severity: Severity
    message: str
    suggestions: tuple[str, ...]
    concept: str | None
    source: str | None
    #: True when the first suggestion is a fix, safe to apply: a synonym's verified form, at
    #: full confidence (``termlint.engine.fixability``).
    verified: bool = False
    confidence: float = 1.0
    #: Segment-coordinate replacements that turn the matched text into ``suggestions[0]``.
    replacements: tuple[tuple[int, int, str], ...] = ()


@dataclass(frozen=True)
class Finding:
    """A match placed in a file: the unit every report, baseline and fix works on."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    end_offset: int
    text: str
    rule: str
    severity: Severity
    message: str
    suggestions: tuple[str, ...] = ()
    concept: str | None = None
    source: str | None = None
    key: str | None = None
    verified: bool = False
    confidence: float = 1.0
    edits: tuple[Edit, ...] = field(default=(), compare=False)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.offset, self.end_offset, self.rule)


@dataclass(frozen=True)
class FileError:
    """A file that could not be read or parsed: reported, never fatal to the run."""

    path: str
    message: str


def sort_findings(findings: Sequence[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: f.sort_key)


def evolve(record: _Record, **changes: Any) -> _Record:
    """``dataclasses.replace`` for the records of this module, without its cost.

    ``replace`` runs ``__init__`` again, which looks every field up by name and sets each
    through ``object.__setattr__``: several microseconds a record, and a strings file of
    50,000 values has the language set on every segment. These records have no
    ``__post_init__`` and no field computed on construction, so a copy of the fields with
    some changed is the same object. An unknown field is refused, as ``replace`` refuses it.
    """
    known = record.__dataclass_fields__  # type: ignore[attr-defined]
    unknown = changes.keys() - known.keys()
    if unknown:
        raise TypeError(f"{type(record).__name__} has no field {', '.join(sorted(unknown))}")
    made = object.__new__(type(record))
    fields = made.__dict__
    fields.update(record.__dict__)
    fields.update(changes)
    return made
