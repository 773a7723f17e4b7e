"""Import NTRF XML, the Nordic terminological record format of Sanastokeskus' term bank.

A ``RECORD`` (``numb``, ``stat``) is a concept; each ``LANG value="fi"`` holds its terms by role:
``TE`` the main term, ``SY`` a synonym, ``DTE`` deprecated, ``DTEA`` "rather than" (loose),
``DTEB`` "not" (strict), ``STE`` a search term (never flagged). A term's ``EQUI`` marks a near
equivalent (``broader``, ``narrower``, ``near-equivalent``) and is kept as written. Roles the
format has but whose status the sources do not give (``EXTE``, ``DES``, ``ACRO``, ``DTE1``…) are
reported and can be mapped with ``--map``. Parsed with defusedxml: a ``DOCTYPE`` naming the DTD
is fine, entity declarations and external entities are refused.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from termlint.model import Status
from termlint.vocab.interchange import ImportResult, slug
from termlint.vocab.schema import VocabError, Vocabulary
from termlint.vocab.termbank import BankConcept, BankTerm, Options, build_vocabulary

ROLES: dict[str, Status | None] = {
    "TE": Status.PREFERRED, "SY": Status.ADMITTED, "DTE": Status.DEPRECATED,
    "DTEA": Status.DEPRECATED, "DTEB": Status.FORBIDDEN, "STE": None,
}
#: Term elements of the NTRF DTD that the default mapping leaves out (reported when met).
OTHER_ROLES = ("DTE1", "DTE2", "EXTE", "DES", "ACRO", "ASTE")
KNOWN_ROLES = (*ROLES, *OTHER_ROLES)

#: RECORD children understood but not needed: relations, classification and record keeping.
RECORD_KNOWN = {"NUMB", "POSI", "SUBJ", "LANG", "BCON", "NCON", "SCON", "RCON", "ECON",
                "RCONEXT", "NCONEXT", "BCONEXT", "CLAS", "CLASPEC", "CLASYS", "CRDAT", "CRBY",
                "CREA", "UPDAT", "UPBY", "UPDA", "CHDAT", "CHBY", "CHECK", "APDAT", "APBY",
                "APPR", "DEVREC"}
LANG_KNOWN = {"DEF", "EXPLAN", "NOTE", "APDAT"}
TERM_KNOWN = {"EQUI", "TERM", "HOGR"}
ATTRIBUTES = {"RECORD": {"numb", "stat", "upda"}, "LANG": {"value"}, "EQUI": {"value"},
              **{role: {"stat"} for role in KNOWN_ROLES}}
#: Markup inside TERM that is part of the written term; GRAM, POS, GEND, INFL annotate it.
TERM_TEXT_MARKUP = {"SUB", "SUP"}


def _text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _term_text(element: ET.Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag in TERM_TEXT_MARKUP:
            parts.append(child.text or "")
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _attributes(element: ET.Element, unknown: Counter[str]) -> None:
    for name in element.attrib:
        if name not in ATTRIBUTES.get(str(element.tag), set()):
            unknown[f"{element.tag}@{name}"] += 1


def _record(record: ET.Element, source: str, unknown: Counter[str],
            skipped: Counter[str]) -> BankConcept:
    _attributes(record, unknown)
    numb = record.get("numb") or ""
    concept = BankConcept(key=numb, source=f"{source}#{numb}" if numb else source,
                          statuses=[record.get("stat") or ""])
    for child in record:
        tag = str(child.tag)
        if tag == "DEVREC":
            skipped["DEVREC (a development version of the record)"] += 1
        elif tag not in RECORD_KNOWN:
            unknown[f"RECORD/{tag}"] += 1
    for lang in record.findall("LANG"):
        _attributes(lang, unknown)
        language = lang.get("value") or ""
        for element in lang:
            tag = str(element.tag)
            if tag not in KNOWN_ROLES:
                if tag in LANG_KNOWN:
                    if tag == "DEF" and language == "fi" and not concept.note:
                        concept.note = _text(element)
                else:
                    unknown[f"LANG/{tag}"] += 1
                continue
            _attributes(element, unknown)
            term = element.find("TERM")
            if term is None or not _term_text(term):
                unknown[f"{tag} without TERM"] += 1
                continue
            equi = element.find("EQUI")
            if equi is not None:
                _attributes(equi, unknown)
            for part in element:
                if part.tag not in TERM_KNOWN:
                    unknown[f"{tag}/{part.tag}"] += 1
            concept.terms.append(BankTerm(
                _term_text(term), language, tag, status=element.get("stat"),
                equivalence=(equi.get("value") or _text(equi)) if equi is not None else None))
    return concept


def import_ntrf(text: str, path: str, options: Options) -> ImportResult:
    """An NTRF XML file as a vocabulary."""
    try:
        root = SafeET.fromstring(text)
    except DefusedXmlException as exc:
        raise VocabError(path, None, f"refused unsafe XML ({type(exc).__name__}): entity "
                                     "declarations and external references are not allowed") \
            from None
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise VocabError(path, line, f"invalid XML: {exc}") from None
    if root.tag != "VOCABULARY":
        raise VocabError(path, None, f"not an NTRF file (root element <{root.tag}>, expected "
                                     "<VOCABULARY>)")
    result = ImportResult(Vocabulary(id="ntrf", path=path))
    source = options.source or Path(path).name
    records = []
    for child in root:
        if child.tag == "RECORD":
            records.append(_record(child, source, result.unknown, result.skipped))
        elif child.tag not in ("HEADER", "HEAD", "DIAG", "RDIAG", "PICT", "P", "COMM", "REMK",
                               "REFERENCES"):
            result.unknown[f"VOCABULARY/{child.tag}"] += 1
    title = next((_text(h) for h in root.iterfind("HEADER/TITLES/HLANG")
                  if h.get("lang") == "fi"), "")
    default_id = slug(Path(path).stem) if not path.startswith(("http:", "https:")) else "ntrf"
    return build_vocabulary(records, ROLES, options, path, default_id, result, title=title)
