"""TBX (ISO 30042) import and export.

Export writes TBX v3 in the TBX-Basic dialect, DCA style: ``conceptEntry`` / ``langSec`` /
``termSec`` with ``termNote type="administrativeStatus"``. What TBX-Basic has no data category
for (termlint's ``forbidden`` and ``narrower`` statuses, match modes, severities, exceptions, the
vocabulary id, a term's ``fix: false`` and ``message``) travels in ``<note>`` elements starting
with ``termlint:``; other tools show them as notes, and the importer reads them back.

Import reads TBX v3 (DCA and DCT style) and the older TBX v2 / TBX-Basic ``martif`` files
(``termEntry`` / ``langSet`` / ``tig`` or ``ntig``), with the status in ``administrativeStatus``
or the older ``normativeAuthorization``. XML is parsed with defusedxml: entity declarations and
external references are refused, so no billion-laughs or external-entity file gets through.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from termlint.model import Status
from termlint.vocab.interchange import (
    ImportResult,
    finish_concept,
    first_url,
    parse_note,
    parse_severity,
    parse_status,
    primary_language,
    slug,
    termlint_note,
    unique_id,
)
from termlint.vocab.schema import Concept, Term, VocabError, Vocabulary

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: termlint status → TBX administrativeStatus value (forbidden and narrower add a note).
EXPORT_STATUS = {
    Status.PREFERRED: "preferredTerm-admn-sts",
    Status.ADMITTED: "admittedTerm-admn-sts",
    Status.DEPRECATED: "deprecatedTerm-admn-sts",
    Status.FORBIDDEN: "deprecatedTerm-admn-sts",
    Status.NARROWER: "deprecatedTerm-admn-sts",
}
#: TBX administrativeStatus / normativeAuthorization value (suffix removed) → termlint status.
IMPORT_STATUS = {
    "preferredterm": Status.PREFERRED,
    "admittedterm": Status.ADMITTED,
    "deprecatedterm": Status.DEPRECATED,
    "supersededterm": Status.DEPRECATED,
    # Values of the older normativeAuthorization category:
    "standardizedterm": Status.PREFERRED,
    "legalterm": Status.PREFERRED,
    "regulatedterm": Status.PREFERRED,
}


# -- export -------------------------------------------------------------------------------------


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = text
    return element


def export_tbx(vocab: Vocabulary) -> str:
    """TBX v3 (TBX-Basic, DCA) text for ``vocab``; rules are not terms and are not exported."""
    root = ET.Element("tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: "fi",
                              "xmlns": TBX_NS})
    header = _sub(root, "tbxHeader")
    file_desc = _sub(header, "fileDesc")
    _sub(_sub(file_desc, "titleStmt"), "title", vocab.title or vocab.id)
    if vocab.licence:
        _sub(_sub(file_desc, "publicationStmt"), "p", vocab.licence)
    source_desc = _sub(file_desc, "sourceDesc")
    if vocab.source:
        _sub(source_desc, "p", vocab.source)
    _sub(source_desc, "p", termlint_note("id", vocab.id))
    _sub(source_desc, "p", termlint_note("default", "true" if vocab.default else "false"))
    for status, severity in vocab.severity.items():
        _sub(source_desc, "p", termlint_note(f"severity.{status.value}", str(severity)))
    for phrase in vocab.exceptions:
        language = vocab.exception_language(phrase)
        key = "exception" if language == "fi" else f"exception.{language}"
        _sub(source_desc, "p", termlint_note(key, phrase))
    for entry in vocab.disable:
        _sub(source_desc, "p", termlint_note("disable", entry))
    body = _sub(_sub(root, "text"), "body")
    for concept in vocab.concepts:
        element = _sub(body, "conceptEntry", id=concept.id)
        if concept.note:
            _sub(element, "note", concept.note)
        if concept.source:
            url = first_url(concept.source)
            if url:
                _sub(element, "xref", concept.source, type="externalCrossReference", target=url)
            else:
                _sub(element, "note", termlint_note("source", concept.source))
        if concept.severity is not None:
            _sub(element, "note", termlint_note("severity", str(concept.severity)))
        for phrase in concept.exceptions:
            _sub(element, "note", termlint_note("exception", phrase))
        languages: dict[str, ET.Element] = {}
        for term in concept.terms:
            lang_sec = languages.get(term.language)
            if lang_sec is None:
                lang_sec = languages[term.language] = _sub(element, "langSec",
                                                            **{XML_LANG: term.language})
            term_sec = _sub(lang_sec, "termSec")
            _sub(term_sec, "term", term.text)
            _sub(term_sec, "termNote", EXPORT_STATUS[term.status], type="administrativeStatus")
            if term.note:
                _sub(term_sec, "note", term.note)
            if term.status in (Status.FORBIDDEN, Status.NARROWER):
                _sub(term_sec, "note", termlint_note("status", term.status.value))
            if term.match != "head":
                _sub(term_sec, "note", termlint_note("match", term.match))
            if term.fuzzy:
                _sub(term_sec, "note", termlint_note("fuzzy"))
            if not term.fix:
                _sub(term_sec, "note", termlint_note("fix", "false"))
            if term.message:
                _sub(term_sec, "note", termlint_note("message", term.message))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# -- import -------------------------------------------------------------------------------------


def _local(tag: object) -> str:
    name = str(tag)
    return name.rsplit("}", 1)[-1] if "}" in name else name


def _children(element: ET.Element, *names: str) -> Iterator[ET.Element]:
    for child in element:
        if _local(child.tag) in names:
            yield child


def _text(element: ET.Element) -> str:
    return "".join(element.itertext()).strip()


def _status_value(term_section: ET.Element) -> str | None:
    """The administrativeStatus (or normativeAuthorization) of a term section, DCA or DCT."""
    found: dict[str, str] = {}
    for element in term_section.iter():
        name = _local(element.tag)
        kind = element.get("type") if name in ("termNote", "admin", "descrip") else name
        if kind in ("administrativeStatus", "normativeAuthorization"):
            found.setdefault(kind, _text(element))
    return found.get("administrativeStatus") or found.get("normativeAuthorization")


def _map_status(value: str | None) -> Status | None:
    if value is None:
        return None
    key = value.strip().lower()
    for suffix in ("-admn-sts", "-admnsts"):
        key = key.removesuffix(suffix)
    return IMPORT_STATUS.get(key)


def _xref_source(element: ET.Element) -> str | None:
    """A citation from an external cross-reference: its text, with the target URL kept."""
    text, target = _text(element), (element.get("target") or "").strip()
    if text and target and target not in text:
        return f"{target} ({text})"
    return text or target or None


def _language(element: ET.Element, fallback: str) -> str:
    tag = element.get(XML_LANG) or element.get("lang")
    return primary_language(tag) if tag else fallback


def _read_term(section: ET.Element, language: str, concept_id: str,
               warnings: list[str]) -> Term | None:
    term_element = next((e for e in section.iter() if _local(e.tag) == "term"), None)
    if term_element is None or not _text(term_element):
        return None
    text = " ".join(_text(term_element).split())
    raw = _status_value(section)
    status = _map_status(raw)
    if raw is not None and status is None:
        warnings.append(f"concept {concept_id!r}: unknown status {raw!r} of {text!r}; "
                        "taken as admitted")
    status = status or Status.ADMITTED
    match, fuzzy, fix = "head", False, True
    message: str | None = None
    notes: list[str] = []
    for note in (e for e in section.iter() if _local(e.tag) == "note"):
        parsed = parse_note(_text(note))
        if parsed is None:
            notes.append(_text(note))
            continue
        key, value = parsed
        if key == "status":
            status = parse_status(value) or status
        elif key == "match" and value in ("whole", "head", "part"):
            match = value
        elif key == "fuzzy":
            fuzzy = True
        elif key == "fix":
            fix = value.lower() != "false"
        elif key == "message" and value:
            message = value
    return Term(text=text, status=status, language=language, match=match,
                note=" ".join(notes) or None, fuzzy=fuzzy, fix=fix, message=message)


def import_tbx(text: str, path: str = "<tbx>", vocab_id: str | None = None) -> ImportResult:
    """Read TBX text into a :class:`Vocabulary` (plus warnings about what was guessed)."""
    try:
        root = SafeET.fromstring(text)
    except DefusedXmlException as exc:
        raise VocabError(path, None, f"refused unsafe XML ({type(exc).__name__}): "
                                     "entity declarations and external references are "
                                     "not allowed") from None
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise VocabError(path, line, f"invalid XML: {exc}") from None
    if _local(root.tag) not in ("tbx", "martif"):
        raise VocabError(path, None, f"not a TBX file (root element <{_local(root.tag)}>)")
    warnings: list[str] = []
    default_language = _language(root, "fi")
    meta: dict[str, list[str]] = {}
    plain: dict[str, list[str]] = {}
    for name in ("title", "p"):
        for element in root.iter():
            if _local(element.tag) != name or not _text(element):
                continue
            parsed = parse_note(_text(element))
            if parsed is not None:
                meta.setdefault(parsed[0], []).append(parsed[1])
            else:
                plain.setdefault(name, []).append(_text(element))
    title = (plain.get("title") or [""])[0]
    # The first plain paragraph of the header's publicationStmt is the licence, of its
    # sourceDesc the source.
    licence = source = None
    for element in root.iter():
        if _local(element.tag) in ("publicationStmt", "sourceDesc"):
            first = next((_text(p) for p in _children(element, "p")
                          if parse_note(_text(p)) is None and _text(p)), None)
            if _local(element.tag) == "publicationStmt":
                licence = licence or first
            else:
                source = source or first
    severity = {}
    for key, values in meta.items():
        if key.startswith("severity."):
            status, level = parse_status(key.split(".", 1)[1]), parse_severity(values[0])
            if status is not None and level is not None:
                severity[status] = level
    concepts: list[Concept] = []
    taken: set[str] = set()
    for index, entry in enumerate(e for e in root.iter()
                                  if _local(e.tag) in ("conceptEntry", "termEntry")):
        raw_id = entry.get("id") or ""
        terms: list[Term] = []
        for lang_sec in _children(entry, "langSec", "langSet"):
            language = _language(lang_sec, default_language)
            for section in _children(lang_sec, "termSec", "tig", "ntig"):
                term = _read_term(section, language, raw_id or f"#{index + 1}", warnings)
                if term is not None:
                    terms.append(term)
        concept_id = unique_id(slug(raw_id) if raw_id else
                               slug(terms[0].text) if terms else f"concept-{index + 1}", taken)
        note_parts: list[str] = []
        concept_source: str | None = None
        concept_severity = None
        exceptions: list[str] = []
        for child in entry:
            name = _local(child.tag)
            if name == "note":
                parsed = parse_note(_text(child))
                if parsed is None:
                    note_parts.append(_text(child))
                elif parsed[0] == "severity":
                    concept_severity = parse_severity(parsed[1])
                elif parsed[0] == "exception":
                    exceptions.append(parsed[1])
                elif parsed[0] == "source":
                    concept_source = parsed[1]
            elif name == "xref" and child.get("type") == "externalCrossReference":
                concept_source = concept_source or _xref_source(child)
            elif name in ("admin", "descrip") and child.get("type") == "source":
                concept_source = concept_source or _text(child)
            elif name == "descrip" and child.get("type") == "definition" and not note_parts:
                note_parts.append(_text(child))
        concept = finish_concept(Concept(
            id=concept_id, terms=tuple(terms), exceptions=tuple(exceptions),
            note=" ".join(p for p in note_parts if p) or None, source=concept_source,
            severity=concept_severity), warnings)
        if concept is not None:
            concepts.append(concept)
    default = (meta.get("default") or ["true"])[0].lower() != "false"
    the_id = vocab_id or next(iter(meta.get("id", [])), "") or slug(Path(path).stem)
    vocab = Vocabulary(id=the_id, path=path, title=title, source=source, licence=licence,
                       default=default, severity=severity, concepts=tuple(concepts),
                       exceptions=tuple(meta.get("exception", []))
                       + tuple(text for key, texts in meta.items()
                               if key.startswith("exception.") for text in texts),
                       exception_languages={text: key.partition(".")[2]
                                            for key, texts in meta.items()
                                            if key.startswith("exception.") for text in texts},
                       disable=tuple(meta.get("disable", [])))
    return ImportResult(vocab, warnings)
