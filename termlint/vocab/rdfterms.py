"""RDF helpers shared by the SKOS and the Sanastot import: labels as literals or as SKOS-XL
resources (also inside RDF lists), concepts with or without ``rdf:type``, safe RDF/XML.

A Sanastot export is SKOS-XL, so the plain SKOS import reads its labels the same way; keeping
that reading here means the two cannot disagree on what a term is.
"""

from __future__ import annotations

from collections.abc import Iterator

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from rdflib import RDF, SKOS, Graph, Literal, Namespace
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from termlint.vocab.schema import VocabError

SKOSXL = Namespace("http://www.w3.org/2008/05/skos-xl#")
TERM = Namespace("https://iri.suomi.fi/model/term/")
ST = Namespace("http://uri.suomi.fi/datamodel/ns/st#")
META = Namespace("https://iri.suomi.fi/model/suomi-meta/")
#: Label properties by role name; SKOS-XL's own label properties count as the plain ones.
LABELS = {
    SKOS.prefLabel: "prefLabel", SKOSXL.prefLabel: "prefLabel",
    SKOS.altLabel: "altLabel", SKOSXL.altLabel: "altLabel",
    TERM.notRecommendedSynonym: "notRecommendedSynonym",
    ST.notRecommendedSynonym: "notRecommendedSynonym",
    SKOS.hiddenLabel: "hiddenLabel", SKOSXL.hiddenLabel: "hiddenLabel",
}
#: Label (term) properties that are understood: the text, status, equivalence, and notes.
LABEL_KNOWN = {
    RDF.type, SKOSXL.literalForm, META.publicationStatus, TERM.termEquivalency,
    SKOS.changeNote, SKOS.historyNote, SKOS.editorialNote, SKOS.note, TERM.homographNumber,
    TERM.scope, TERM.termConjugation, TERM.termFamily, TERM.termInfo, TERM.termStyle,
    TERM.wordClass, TERM.source, TERM.draftComment, DCTERMS.created, DCTERMS.modified,
}


def name_of(graph: Graph, node: Node) -> str:
    """A short name for a predicate in a report (``term:scope``), else its address."""
    try:
        return graph.namespace_manager.normalizeUri(node)  # type: ignore[arg-type]
    except Exception:  # rdflib raises for addresses it cannot split
        return str(node)


def items(graph: Graph, value: Node) -> Iterator[Node]:
    """The value itself, or the members of the RDF list it heads (Sanastot writes lists)."""
    if (value, RDF.first, None) in graph:
        yield from graph.items(value)
    else:
        yield value


def first(graph: Graph, node: Node, prop: Node) -> Node | None:
    return next(iter(graph.objects(node, prop)), None)


def label_terms(graph: Graph, node: Node, unknown: dict[str, int] | None = None,
                ) -> Iterator[tuple[str, Literal, Node | None]]:
    """``(role, literal, label resource or None)`` for every term of a concept, plain literal
    labels and SKOS-XL label resources alike, also inside RDF lists."""
    for prop, role in LABELS.items():
        for value in graph.objects(node, prop):
            for item in items(graph, value):
                if isinstance(item, Literal):
                    yield role, item, None
                    continue
                if unknown is not None:
                    for predicate in set(graph.predicates(item)):
                        if predicate not in LABEL_KNOWN and not str(predicate).startswith(
                                "urn:termlint:"):
                            key = f"label {name_of(graph, predicate)}"
                            unknown[key] = unknown.get(key, 0) + 1
                for literal in graph.objects(item, SKOSXL.literalForm):
                    if isinstance(literal, Literal):
                        yield role, literal, item


def concept_nodes(graph: Graph) -> list[Node]:
    """Typed ``skos:Concept`` nodes and every node in a scheme that is not a scheme or a
    collection (Sanastot's concepts carry no ``rdf:type``)."""
    skip = set(graph.subjects(RDF.type, SKOS.ConceptScheme)) | set(
        graph.subjects(RDF.type, SKOS.Collection))
    found = set(graph.subjects(RDF.type, SKOS.Concept)) | set(graph.subjects(SKOS.inScheme, None))
    return sorted(found - skip, key=str)


def parse_graph(text: str, path: str, fmt: str) -> Graph:
    if fmt == "xml":
        check_xml(text, path)
    graph = Graph()
    try:
        graph.parse(data=text, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        raise VocabError(path, None, f"invalid {fmt} RDF: {exc}") from None
    return graph


def check_xml(text: str, path: str) -> None:
    """Refuse RDF/XML with entity declarations or external references before rdflib reads it."""
    try:
        SafeET.fromstring(text)
    except DefusedXmlException as exc:
        raise VocabError(path, None, f"refused unsafe XML ({type(exc).__name__}): entity "
                                     "declarations and external references are not allowed") \
            from None
    except SafeET.ParseError as exc:
        raise VocabError(path, None, f"invalid XML: {exc}") from None
