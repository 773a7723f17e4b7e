"""Which language a file (or a segment) is in, from declarations and path conventions.

Content declarations win (PO ``Language:``, XLIFF ``target-language``, a Rails YAML root key):
the parser puts them in ``Document.language`` before :func:`detect_language` runs. Otherwise the
path decides: ``fi.json``, ``fi-FI.yml``, ``locales/fi/common.json``, ``values-fi/strings.xml``,
``values-b+sv+FI``, ``fi.lproj/Localizable.strings``, ``messages_fi.properties``,
``Bundle_fi_FI.properties``, ``messages.fi.xlf``, ``locale/sv/LC_MESSAGES/app.po``.
``None`` means unknown; the pipeline then uses its configured default language.
"""

from __future__ import annotations

import re
from typing import Protocol

from termlint.model import Segment, evolve


class Document(Protocol):
    """What language detection reads and sets of a parsed file: its declared language and its
    segments. A protocol rather than :class:`termlint.sources.base.Document` itself, because the
    readers' base module calls this one (the two used to import each other)."""

    language: str | None
    segments: list[Segment]

#: ISO 639-1 codes (and a few 639-2/3 ones used in Finland) accepted as language tags.
#: Anything else (``src``, ``app``, ``ui``) is never taken for a language.
_CODES = """
    af am ar az be bg bn bs ca cs cy da de el en eo es et eu fa fi fo fr fy ga gl gu he hi hr
    hu hy id is it ja ka kk kl km kn ko ku ky lb lt lv mk ml mn mr ms mt nb ne nl nn no pa pl
    ps pt ro ru se sk sl so sq sr sv sw ta te th tk tl tr uk ur uz vi zh smn sms fit rmf fkv
"""
LANGUAGES = frozenset(_CODES.split())

#: Codes that are also common words or abbreviations in file and folder names (``user_id``,
#: ``tests/it``): never taken from a file-name suffix or a bare directory name.
AMBIGUOUS = frozenset({"id", "it", "is", "no", "be", "so", "am", "as", "to", "me", "my", "km"})

# A language tag: fi, fi-FI, fi_FI, sv-rFI (Android), b+sv+FI (Android BCP 47), zh-Hant-TW.
_TAG = re.compile(
    r"^(?:b\+)?([a-z]{2,3})(?:[-_+](?:r?[A-Z]{2}|[A-Za-z]{4}|[0-9]{3}))*$", re.IGNORECASE
)
_LANGUAGE_ONLY = re.compile(r"^([a-zA-Z]{2,3})(?:[-_+][a-zA-Z0-9]+)*$")


def normalize(tag: str | None) -> str | None:
    """``sv-FI``, ``sv_FI``, ``SV`` → ``sv``; ``None`` for anything that is not a known tag."""
    if not tag:
        return None
    m = _LANGUAGE_ONLY.match(tag.strip())
    if not m:
        return None
    code = m.group(1).lower()
    return code if code in LANGUAGES else None


def language_of_name(name: str) -> str | None:
    """Language of a path component (a directory or a file stem), or None."""
    m = _TAG.match(name)
    if m and m.group(1).lower() in LANGUAGES:
        return m.group(1).lower()
    return None


def from_path(path: str) -> str | None:
    parts = [p for p in re.split(r"[\\/]+", path) if p]
    if not parts:
        return None
    filename = parts[-1]
    stem = filename.split(".")[0]
    # fi.json, fi-FI.yml, sv_FI.po
    lang = language_of_name(stem)
    if lang:
        return lang
    # messages.fi.xlf, app.fi-FI.json, Localizable.fi.strings: the part before the suffix
    dotted = filename.split(".")
    for piece in reversed(dotted[1:-1]):
        lang = language_of_name(piece)
        if lang:
            return lang
    # messages_fi.properties, Bundle_fi_FI.properties, strings-sv.json
    m = re.search(r"[_-]([a-z]{2,3})(?:[_-]([A-Z]{2}))?$", stem)
    if m and m.group(1) in LANGUAGES and m.group(1) not in AMBIGUOUS:
        return m.group(1)
    for directory in reversed(parts[:-1]):
        # fi.lproj, values-fi, values-fi-rFI, values-b+sv+FI, locales/fi, locale/sv_FI
        name = directory
        if name.lower().endswith(".lproj"):
            return language_of_name(name[: -len(".lproj")])
        if name.startswith("values-") or name.startswith("values_"):
            for qualifier in name[len("values-") :].split("-"):
                lang = language_of_name(qualifier)
                if lang:
                    return lang
            return None
        if name == "values":
            return None
        lang = language_of_name(name)
        if lang and not (lang in AMBIGUOUS and lang == name.lower()):
            return lang
    return None


def detect_language(path: str, doc: Document) -> str | None:
    """The language of ``doc``: its own declaration first, then the path conventions."""
    declared = normalize(doc.language)
    if declared:
        return declared
    return from_path(path)


def apply_root_languages(doc: Document, max_tag: int = 35) -> None:
    """Top-level keys that are language tags (Rails ``fi:``, JSON ``{"fi": {...}}``) set the
    language of the segments under them; a file whose roots are not all tags is left alone."""
    roots = {(seg.key or "").split(".", 1)[0] for seg in doc.segments if seg.key}
    if not roots or not all(normalize(r) and len(r) <= max_tag for r in roots):
        return
    if any(seg.key is not None and "." not in seg.key for seg in doc.segments):
        return
    doc.segments = [
        evolve(s, language=normalize((s.key or "").split(".", 1)[0])) for s in doc.segments
    ]
    if len(roots) == 1 and doc.language is None:
        doc.language = normalize(next(iter(roots)))
