"""SKOS import and export (with rdflib).

Plain SKOS has labels but no term status, so termlint writes each term twice:

* as a plain label, for any SKOS tool: the first preferred term of a language is
  ``skos:prefLabel``, other preferred and admitted terms ``skos:altLabel``, flagged terms
  (deprecated, forbidden, narrower) ``skos:hiddenLabel`` — found by search, never displayed;
* as a SKOS-XL label (``skosxl:prefLabel`` / ``altLabel`` / ``hiddenLabel`` → ``skosxl:Label``
  with ``skosxl:literalForm``) that carries ``tl:status``, and where needed ``tl:match``,
  ``tl:fuzzy``, ``tl:fix`` (false: advice only), ``tl:message``, ``skos:note`` and ``tl:order``.

``tl:`` is the termlint namespace ``urn:termlint:ns#``. Concepts carry ``skos:notation`` (the
concept id), ``dct:source``, ``skos:note``, ``tl:severity``, ``tl:exception`` and ``tl:order``; the
concept scheme carries ``dct:title``, ``dct:source``, ``dct:license``, ``tl:id``, ``tl:default``,
``tl:severity`` (``deprecated=suggestion``), ``tl:exception`` and ``tl:disable``.

On import, labels with ``tl:status`` are used as they are. Without them the labels map to
statuses: prefLabel → preferred, altLabel → admitted, Sanastot's ``term:notRecommendedSynonym``
→ deprecated; a hiddenLabel is a search term and is never flagged (it is counted as skipped).
A label may be a literal or a SKOS-XL label resource, also inside an RDF list, and a concept is
found by ``rdf:type skos:Concept`` or by ``skos:inScheme`` alone (as Sanastot exports it).

Formats: Turtle (``.ttl``, the default), N-Triples (``.nt``) and RDF/XML (``.rdf``, ``.xml``).
RDF/XML is first parsed with defusedxml, so a file with entity declarations or external
references is refused before rdflib reads it. JSON-LD is not read: its contexts may name remote
documents.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from rdflib import RDF, SKOS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from termlint.model import Status
from termlint.vocab.interchange import (
    ImportResult,
    finish_concept,
    parse_severity,
    parse_status,
    slug,
    unique_id,
)
from termlint.vocab.rdfterms import SKOSXL, concept_nodes, label_terms, parse_graph
from termlint.vocab.schema import Concept, Term, VocabError, Vocabulary

TL = Namespace("urn:termlint:ns#")
FORMATS = {".ttl": "turtle", ".nt": "nt", ".rdf": "xml", ".xml": "xml", ".owl": "xml"}
_PLAIN = {SKOS.prefLabel: Status.PREFERRED, SKOS.altLabel: Status.ADMITTED,
          SKOS.hiddenLabel: Status.DEPRECATED}
#: Label roles (:data:`termlint.vocab.rdfterms.LABELS`) without ``tl:status``: a hidden label is
#: a search term and is never flagged; Sanastot's not-recommended synonym is deprecated.
_ROLES: dict[str, Status | None] = {"prefLabel": Status.PREFERRED, "altLabel": Status.ADMITTED,
                                    "notRecommendedSynonym": Status.DEPRECATED,
                                    "hiddenLabel": None}
_RANK = {"prefLabel": 0, "altLabel": 1, "notRecommendedSynonym": 2, "hiddenLabel": 3}
_XL = {SKOSXL.prefLabel: SKOS.prefLabel, SKOSXL.altLabel: SKOS.altLabel,
       SKOSXL.hiddenLabel: SKOS.hiddenLabel}


def rdf_format(path: str) -> str:
    return FORMATS.get(Path(path).suffix.lower(), "turtle")


# -- export -------------------------------------------------------------------------------------


def _label_property(term: Term, first_preferred: bool) -> URIRef:
    if term.status is Status.PREFERRED and first_preferred:
        return SKOS.prefLabel
    if term.status in (Status.PREFERRED, Status.ADMITTED):
        return SKOS.altLabel
    return SKOS.hiddenLabel


def build_graph(vocab: Vocabulary, base: str | None = None) -> Graph:
    base = base or f"urn:termlint:vocab:{vocab.id}/"
    graph = Graph()
    graph.bind("skos", SKOS)
    graph.bind("skosxl", SKOSXL)
    graph.bind("dct", DCTERMS)
    graph.bind("tl", TL)
    scheme = URIRef(base.rstrip("/#") if base.endswith(("/", "#")) else base + "scheme")
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, TL.id, Literal(vocab.id)))
    graph.add((scheme, TL.default, Literal(vocab.default)))
    if vocab.title:
        graph.add((scheme, DCTERMS.title, Literal(vocab.title)))
    if vocab.source:
        graph.add((scheme, DCTERMS.source, Literal(vocab.source)))
    if vocab.licence:
        graph.add((scheme, DCTERMS.license, Literal(vocab.licence)))
    for status, severity in vocab.severity.items():
        graph.add((scheme, TL.severity, Literal(f"{status.value}={severity}")))
    for phrase in vocab.exceptions:
        graph.add((scheme, TL.exception, Literal(phrase, lang=vocab.exception_language(phrase))))
    for entry in vocab.disable:
        graph.add((scheme, TL.disable, Literal(entry)))
    for c_index, concept in enumerate(vocab.concepts):
        node = URIRef(base + concept.id)
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, SKOS.inScheme, scheme))
        graph.add((node, SKOS.notation, Literal(concept.id)))
        graph.add((node, TL.order, Literal(c_index)))
        if concept.note:
            graph.add((node, SKOS.note, Literal(concept.note, lang="en")))
        if concept.source:
            graph.add((node, DCTERMS.source, Literal(concept.source)))
        if concept.severity is not None:
            graph.add((node, TL.severity, Literal(str(concept.severity))))
        for phrase in concept.exceptions:
            graph.add((node, TL.exception, Literal(phrase, lang="fi")))
        seen_preferred: set[str] = set()
        for t_index, term in enumerate(concept.terms):
            first = term.status is Status.PREFERRED and term.language not in seen_preferred
            if first:
                seen_preferred.add(term.language)
            prop = _label_property(term, first)
            literal = Literal(term.text, lang=term.language)
            graph.add((node, prop, literal))
            label = BNode()
            xl_prop = {SKOS.prefLabel: SKOSXL.prefLabel, SKOS.altLabel: SKOSXL.altLabel,
                       SKOS.hiddenLabel: SKOSXL.hiddenLabel}[prop]
            graph.add((node, xl_prop, label))
            graph.add((label, RDF.type, SKOSXL.Label))
            graph.add((label, SKOSXL.literalForm, literal))
            graph.add((label, TL.status, Literal(term.status.value)))
            graph.add((label, TL.order, Literal(t_index)))
            if term.match != "head":
                graph.add((label, TL.match, Literal(term.match)))
            if term.fuzzy:
                graph.add((label, TL.fuzzy, Literal(True)))
            if not term.fix:
                graph.add((label, TL.fix, Literal(False)))
            if term.message:
                graph.add((label, TL.message, Literal(term.message, lang="en")))
            if term.note:
                graph.add((label, SKOS.note, Literal(term.note, lang="en")))
    return graph


def export_skos(vocab: Vocabulary, fmt: str = "turtle", base: str | None = None) -> str:
    """SKOS text for ``vocab`` (concepts only: rules have no SKOS form)."""
    return build_graph(vocab, base).serialize(format=fmt)


# -- import -------------------------------------------------------------------------------------


def _first(graph: Graph, subject: Node, prop: URIRef) -> str | None:
    for value in graph.objects(subject, prop):
        return str(value)
    return None


def _all(graph: Graph, subject: Node, prop: URIRef) -> list[str]:
    return sorted(str(v) for v in graph.objects(subject, prop))


def _order(graph: Graph, subject: Node) -> int:
    value = _first(graph, subject, TL.order)
    try:
        return int(value) if value is not None else 1 << 30
    except ValueError:
        return 1 << 30


def _address(node: Node) -> str | None:
    """A concept's own web address as its citation (Sanastot's concept URIs resolve); not
    termlint's ``urn:termlint:`` names, nor blank nodes."""
    text = str(node)
    return text if isinstance(node, URIRef) and text.startswith(("http:", "https:")) else None


def _language(literal: Node) -> str:
    lang = literal.language if isinstance(literal, Literal) else None
    return (lang or "fi").split("-")[0].lower()


def _terms(graph: Graph, node: Node, warnings: list[str], cid: str,
           skipped: Counter[str]) -> list[Term]:
    found: list[tuple[int, int, Term]] = []
    xl_labels: list[tuple[URIRef, Node]] = [
        (prop, label) for prop in _XL for label in graph.objects(node, prop)
    ]
    if any((label, TL.status, None) in graph for _, label in xl_labels):
        for prop, label in xl_labels:
            literal = next(iter(graph.objects(label, SKOSXL.literalForm)), None)
            if literal is None:
                continue
            raw = _first(graph, label, TL.status)
            status = parse_status(raw) if raw else None
            if status is None:
                status = _PLAIN[_XL[prop]]
                if raw:
                    warnings.append(f"concept {cid!r}: unknown status {raw!r}; "
                                    f"taken from the label kind")
            match = _first(graph, label, TL.match) or "head"
            term = Term(text=str(literal), status=status, language=_language(literal),
                        match=match if match in ("whole", "head", "part") else "head",
                        note=_first(graph, label, SKOS.note),
                        fuzzy=(_first(graph, label, TL.fuzzy) or "").lower() == "true",
                        fix=(_first(graph, label, TL.fix) or "").lower() != "false",
                        message=_first(graph, label, TL.message))
            found.append((_order(graph, label), 0, term))
        return [t for _, _, t in sorted(found, key=lambda x: (x[0], x[2].text))]
    # No termlint statuses: read the labels as SKOS and Sanastot write them, literals or SKOS-XL
    # label resources, also inside RDF lists. A hidden label is a search term: never flagged.
    for role, literal, _ in label_terms(graph, node):
        status = _ROLES[role]
        if status is None:
            skipped[f"skos:{role} (search term, never flagged)"] += 1
            continue
        found.append((_RANK[role], 0, Term(text=str(literal), status=status,
                                           language=_language(literal))))
    unique: dict[tuple[str, str], Term] = {}
    for _, _, term in sorted(found, key=lambda x: (x[0], x[1], x[2].language, x[2].text)):
        unique.setdefault((term.language, term.text), term)
    return list(unique.values())


def import_skos(text: str, path: str = "<skos>", fmt: str | None = None,
                vocab_id: str | None = None) -> ImportResult:
    """Read SKOS (Turtle, N-Triples or RDF/XML) into a :class:`Vocabulary`."""
    fmt = fmt or rdf_format(path)
    if fmt not in set(FORMATS.values()):
        raise VocabError(path, None, f"unsupported RDF format {fmt!r} (Turtle, N-Triples, "
                                     "RDF/XML)")
    graph = parse_graph(text, path, fmt)
    warnings: list[str] = []
    scheme = next(iter(graph.subjects(RDF.type, SKOS.ConceptScheme)), None)
    nodes: Iterable[Node] = concept_nodes(graph)
    skipped: Counter[str] = Counter()
    taken: set[str] = set()
    concepts: list[Concept] = []
    for node in sorted(nodes, key=lambda n: (_order(graph, n), str(n))):
        raw_id = _first(graph, node, SKOS.notation) or str(node).rstrip("/#").rsplit("/", 1)[-1]
        raw_id = raw_id.rsplit("#", 1)[-1]
        cid = unique_id(slug(raw_id), taken)
        severity_text = _first(graph, node, TL.severity)
        note = _first(graph, node, SKOS.note) or _first(graph, node, SKOS.definition)
        concept = finish_concept(Concept(
            id=cid, terms=tuple(_terms(graph, node, warnings, cid, skipped)),
            exceptions=tuple(_all(graph, node, TL.exception)), note=note,
            source=_first(graph, node, DCTERMS.source) or _address(node),
            severity=parse_severity(severity_text) if severity_text else None), warnings)
        if concept is not None:
            concepts.append(concept)
    severity = {}
    title = source = licence = the_id = None
    default = True
    exceptions: list[str] = []
    exception_languages: dict[str, str] = {}
    disable: list[str] = []
    if scheme is not None:
        for pair in _all(graph, scheme, TL.severity):
            status_text, _, level_text = pair.partition("=")
            status, level = parse_status(status_text), parse_severity(level_text)
            if status is not None and level is not None:
                severity[status] = level
        title = _first(graph, scheme, DCTERMS.title) or _first(graph, scheme, SKOS.prefLabel)
        source = _first(graph, scheme, DCTERMS.source)
        licence = _first(graph, scheme, DCTERMS.license)
        the_id = _first(graph, scheme, TL.id)
        default = (_first(graph, scheme, TL.default) or "true").lower() != "false"
        exceptions = _all(graph, scheme, TL.exception)
        exception_languages = {str(v): v.language for v in graph.objects(scheme, TL.exception)
                               if isinstance(v, Literal) and v.language not in (None, "fi")}
        disable = _all(graph, scheme, TL.disable)
    vocab = Vocabulary(
        id=vocab_id or the_id or slug(Path(path).stem), path=path, title=title or "",
        source=source, licence=licence, default=default, severity=severity,
        concepts=tuple(concepts), exceptions=tuple(exceptions), disable=tuple(disable),
        exception_languages=exception_languages)
    return ImportResult(vocab, warnings, skipped=skipped)
