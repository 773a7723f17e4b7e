"""Import from the national Sanastot platform (sanastot.suomi.fi): its SKOS-XL export.

The v2 export (``/terminology-api/v2/export/{prefix}``, Turtle or RDF/XML) differs from plain
SKOS in ways a SKOS reader gets wrong (docs/term-banks.md):

* concepts are found by ``skos:inScheme``, with or without ``rdf:type skos:Concept``;
* a term is a ``skos-xl:Label`` resource, not a literal: ``skos:prefLabel``, ``skos:altLabel``,
  ``term:notRecommendedSynonym`` and ``skos:hiddenLabel`` point at it, often through an RDF list,
  and its text is its ``skos-xl:literalForm``;
* ``term:notRecommendedSynonym`` is the deprecated term; ``skos:hiddenLabel`` is a search term,
  which is never flagged;
* concepts and terms carry ``suomi-meta:publicationStatus`` (an address or a string ending in
  the code, ``…/code/VALID``), used as a filter;
* ``term:termEquivalency`` (``BROADER``, ``NARROWER``, ``CLOSE``) is kept as it is written.

The Termed-era Sanastot JSON is read by :mod:`termlint.vocab.termed` (``Term`` references).
"""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF, RDFS, SKOS, Graph, Literal, Namespace
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from termlint.model import Status
from termlint.vocab.interchange import ImportResult, slug
from termlint.vocab.rdfterms import (
    LABELS,
    META,
    TERM,
    concept_nodes,
    first,
    items,
    label_terms,
    name_of,
    parse_graph,
)
from termlint.vocab.schema import Vocabulary
from termlint.vocab.termbank import BankConcept, BankTerm, Options, build_vocabulary

DCAP = Namespace("http://purl.org/ws-mmi-dc/terms/")

ROLES: dict[str, Status | None] = {
    "prefLabel": Status.PREFERRED, "altLabel": Status.ADMITTED,
    "notRecommendedSynonym": Status.DEPRECATED, "hiddenLabel": None,
}
#: Concept properties that are understood but hold no term.
CONCEPT_KNOWN = {
    RDF.type, SKOS.inScheme, SKOS.definition, SKOS.note, SKOS.example, SKOS.editorialNote,
    SKOS.historyNote, SKOS.changeNote, SKOS.scopeNote, SKOS.broader, SKOS.narrower,
    SKOS.related, SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch,
    SKOS.relatedMatch, SKOS.notation, DCTERMS.created, DCTERMS.modified, DCTERMS.source,
    RDFS.seeAlso, META.publicationStatus, META.creator, META.modifier, TERM.conceptClass,
    TERM.source, TERM.subjectArea, TERM.orderedSynonym, SKOS.topConceptOf, DCTERMS.isPartOf,
    DCTERMS.hasPart,
}
DEFAULT_STATUSES = frozenset({"VALID"})
FORMATS = {".ttl": "turtle", ".nt": "nt", ".rdf": "xml", ".xml": "xml", ".owl": "xml"}


def _text(graph: Graph, node: Node, prop: Node) -> str | None:
    """The Finnish (else language-less, else any) text of a property, lists included."""
    values = [i for v in graph.objects(node, prop) for i in items(graph, v)
              if isinstance(i, Literal)]
    for wanted in ("fi", None):
        for value in values:
            if value.language == wanted:
                return str(value)
    return str(values[0]) if values else None


def import_sanastot(text: str, path: str, options: Options, fmt: str | None = None) -> ImportResult:
    """A Sanastot SKOS-XL export (Turtle, N-Triples or RDF/XML) as a vocabulary."""
    fmt = fmt or FORMATS.get(Path(path).suffix.lower()) or (
        "xml" if text.lstrip("\ufeff \r\n").startswith("<") and "rdf:RDF" in text[:2000]
        else "turtle")
    graph = parse_graph(text, path, fmt)
    result = ImportResult(Vocabulary(id="sanastot", path=path))
    unknown: dict[str, int] = {}
    records: list[BankConcept] = []
    for node in concept_nodes(graph):
        record = BankConcept(key=str(node), source=str(node))
        for predicate in graph.predicates(node):
            if predicate not in CONCEPT_KNOWN and predicate not in LABELS:
                key = f"concept {name_of(graph, predicate)}"
                unknown[key] = unknown.get(key, 0) + 1
        for role, literal, label in label_terms(graph, node, unknown):
            status = equivalence = None
            if label is not None:
                found = first(graph, label, META.publicationStatus)
                status = str(found) if found is not None else None
                found = first(graph, label, TERM.termEquivalency)
                equivalence = str(found) if found is not None else None
            record.terms.append(BankTerm(str(literal), literal.language or "", role,
                                         status=status, equivalence=equivalence))
        record.terms.sort(key=lambda t: list(ROLES).index(t.role))
        record.statuses = [str(v) for v in graph.objects(node, META.publicationStatus)]
        record.note = _text(graph, node, SKOS.definition) or _text(graph, node, SKOS.note)
        records.append(record)
    result.unknown.update(unknown)
    scheme = next(iter(graph.subjects(RDF.type, SKOS.ConceptScheme)), None)
    title, default_id = "", slug(Path(path).stem)
    if scheme is not None:
        title = _text(graph, scheme, SKOS.prefLabel) or ""
        prefix = first(graph, scheme, DCAP.preferredXMLNamespacePrefix)
        default_id = slug(str(prefix)) if prefix is not None else default_id
    if path.startswith(("http:", "https:")) and scheme is None:
        default_id = slug(path.rstrip("/").rsplit("/", 1)[-1])
    return build_vocabulary(records, ROLES, options, path, default_id, result, title=title)
