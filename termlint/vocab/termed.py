"""Import from THL's Termed (the platform behind Sote-sanastot): JSON, CSV and Turtle exports.

What is read, from the termed-api v3.4.0 code (docs/term-banks.md cites each file):

* **JSON**: a list of nodes (``/nodes``), of node trees (``/node-trees``, referenced nodes
  inlined), one node, or a dump ``{graphs, types, nodes}`` (``/dump``). A concept is a node of
  type ``Concept``. THL keeps its terms in text attributes (``prefLabel``, ``altLabel``,
  ``avoidableLabel``, ``deprecatedLabel``); the Termed-era Sanastot model keeps them in ``Term``
  nodes referenced as ``prefLabelXl``, ``altLabelXl``, ``notRecommendedSynonym``, ``searchTerm``,
  ``hiddenTerm``. Both are read. A ``Status`` reference is resolved to the status node's code.
* **CSV**: the plain export (``properties.<attr>.<lang>`` columns, several values in one cell
  joined by ``|`` and quoted with ``'``) and THL's translation CSV (``translate=true``).
* **Turtle**: nodes typed with a ``…/types/Concept`` type; a predicate is known by its local name
  after ``/textAttributes/`` or ``/referenceAttributes/``, or by its SKOS address.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from termlint.model import Status
from termlint.vocab.interchange import ImportResult
from termlint.vocab.schema import VocabError, Vocabulary
from termlint.vocab.termbank import (
    BankConcept,
    BankTerm,
    Options,
    build_vocabulary,
    count_unknown,
)

#: THL's text attributes that hold terms. The last two pairings are inferred (the THL UI
#: labels *vältettävä* and *hylättävä termi* read as TEPA's *mieluummin kuin* and *ei*).
THL_ROLES: dict[str, Status | None] = {
    "prefLabel": Status.PREFERRED, "altLabel": Status.ADMITTED,
    "avoidableLabel": Status.DEPRECATED, "deprecatedLabel": Status.FORBIDDEN,
}
#: Termed-era Sanastot: references from a concept to its ``Term`` nodes.
YTI_ROLES: dict[str, Status | None] = {
    "prefLabelXl": Status.PREFERRED, "altLabelXl": Status.ADMITTED,
    "notRecommendedSynonym": Status.DEPRECATED, "searchTerm": None, "hiddenTerm": None,
}
ROLES: dict[str, Status | None] = {**THL_ROLES, **YTI_ROLES}

#: Concept attributes that are understood but are not terms (notes, links, the Sanastot status).
NOTE_ATTRIBUTES = ("definition", "note")
CONCEPT_TEXT = {"definition", "note", "link", "definitionOld", "noteOld", "conceptDiagram",
                "status"}
CONCEPT_REFERENCES = {"status", "broader", "partOf", "related"}
TERM_TEXT = {"prefLabel", "status", "source", "scope", "termStyle", "termFamily",
             "termConjugation", "termEquivalency", "termInfo", "wordClass",
             "termHomographNumber", "editorialNote", "draftComment", "historyNote", "changeNote"}
NODE_KEYS = {"id", "code", "uri", "number", "createdBy", "createdDate", "lastModifiedBy",
             "lastModifiedDate", "type", "properties", "references", "referrers"}
VALUE_KEYS = {"lang", "value", "regex"}
CSV_META = {"id", "type.id", "type.graph.id", "code", "uri", "number", "createdBy",
            "createdDate", "lastModifiedBy", "lastModifiedDate"}


# -- JSON ---------------------------------------------------------------------------------------


def _nodes(data: Any, path: str) -> list[dict[str, Any]]:
    if isinstance(data, dict) and isinstance(data.get("nodes"), list):
        nodes = data["nodes"]  # a dump: {graphs, types, nodes}
    elif isinstance(data, dict) and "type" in data:
        nodes = [data]
    elif isinstance(data, list):
        nodes = data
    else:
        raise VocabError(path, None, "not a Termed export (expected a list of nodes, a node or "
                                     "a dump with 'nodes')")
    return [n for n in nodes if isinstance(n, dict)]


def _type(node: Mapping[str, Any]) -> str:
    kind = node.get("type")
    return str(kind.get("id", "")) if isinstance(kind, dict) else ""


def _values(node: Mapping[str, Any], attr: str, result: ImportResult) -> Iterator[tuple[str, str]]:
    properties = node.get("properties")
    values = properties.get(attr) if isinstance(properties, dict) else None
    for value in values if isinstance(values, list) else []:
        if isinstance(value, dict) and isinstance(value.get("value"), str):
            count_unknown(result, f"properties.{attr}[].", value, VALUE_KEYS)
            yield str(value.get("lang") or ""), value["value"]


def _first_value(node: Mapping[str, Any], attr: str, result: ImportResult,
                 language: str | None = None) -> str | None:
    for lang, value in _values(node, attr, result):
        if language is None or lang in (language, ""):
            return value
    return None


def _index(nodes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every node by id, also those inlined in node trees (to resolve terms and statuses)."""
    index: dict[str, dict[str, Any]] = {}
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node.get("id"), str) and (node["id"] not in index or node.get("properties")):
            index[node["id"]] = node
        references = node.get("references")
        for targets in references.values() if isinstance(references, dict) else []:
            if isinstance(targets, list):
                stack.extend(t for t in targets if isinstance(t, dict))
    return index


def _resolved(target: dict[str, Any], index: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    if target.get("properties") or target.get("code"):
        return target
    return index.get(str(target.get("id")), target)


def _status_code(target: dict[str, Any], result: ImportResult) -> str:
    return str(target.get("code") or _first_value(target, "prefLabel", result)
               or target.get("id") or "")


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _json_concept(node: dict[str, Any], index: Mapping[str, dict[str, Any]],
                  result: ImportResult) -> BankConcept:
    count_unknown(result, "node.", node, NODE_KEYS)
    properties: dict[str, Any] = _mapping(node.get("properties"))
    references: dict[str, Any] = _mapping(node.get("references"))
    count_unknown(result, "properties.", properties, {*CONCEPT_TEXT, *THL_ROLES})
    count_unknown(result, "references.", references, {*CONCEPT_REFERENCES, *YTI_ROLES})
    key = str(node.get("code") or node.get("id") or "")
    graph = _mapping(_mapping(node.get("type")).get("graph")).get("id", "")
    record = BankConcept(key=key, source=node.get("uri") or (
        f"Termed node {node.get('id')} (code {node.get('code')}, graph {graph})"))
    for role in THL_ROLES:
        record.terms += [BankTerm(v, lang, role) for lang, v in _values(node, role, result)]
    for role in YTI_ROLES:
        targets = references.get(role)
        for target in targets if isinstance(targets, list) else []:
            term = _resolved(target, index) if isinstance(target, dict) else {}
            count_unknown(result, f"{role}.properties.", term.get("properties") or {}, TERM_TEXT)
            status = _first_value(term, "status", result)
            equivalence = _first_value(term, "termEquivalency", result)
            record.terms += [BankTerm(v, lang, role, status=status, equivalence=equivalence)
                             for lang, v in _values(term, "prefLabel", result)]
    record.statuses = [v for _, v in _values(node, "status", result)]
    statuses = references.get("status")
    for target in statuses if isinstance(statuses, list) else []:
        if isinstance(target, dict):
            record.statuses.append(_status_code(_resolved(target, index), result))
    for attr in NOTE_ATTRIBUTES:
        record.note = record.note or _first_value(node, attr, result, "fi")
    return record


def read_json(text: str, path: str, result: ImportResult) -> tuple[list[BankConcept], Any]:
    """The concepts of a Termed JSON export, and the parsed JSON (for :func:`dump_graph`)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise VocabError(path, exc.lineno, f"invalid JSON: {exc.msg}") from None
    nodes = _nodes(data, path)
    index = _index(nodes)
    return [_json_concept(n, index, result) for n in nodes if _type(n) == "Concept"], data


def dump_graph(data: Any) -> tuple[str | None, str]:
    """The code and the title (its ``prefLabel``, Finnish first) of the one graph a dump
    names, so that a dump imports as the graph's vocabulary (``sote``), not as its file
    name or, fetched, as ``termed``: ``(None, "")`` when there is not exactly one graph."""
    graphs = data.get("graphs") if isinstance(data, dict) else None
    if not isinstance(graphs, list) or len(graphs) != 1 or not isinstance(graphs[0], dict):
        return None, ""
    graph = graphs[0]
    code = graph.get("code") if isinstance(graph.get("code"), str) else None
    labels = [label for label in _mapping(graph.get("properties")).get("prefLabel") or []
              if isinstance(label, dict) and isinstance(label.get("value"), str)]
    labels.sort(key=lambda label: (label.get("lang") != "fi", str(label.get("lang"))))
    return (code or None), (str(labels[0]["value"]).strip() if labels else "")


# -- CSV ----------------------------------------------------------------------------------------


def _cell_values(cell: str) -> list[str]:
    """Several values in one cell: joined by ``|``, each quoted with ``'`` where needed."""
    if not cell.strip():
        return []
    return [v for row in csv.reader([cell], delimiter="|", quotechar="'")
            for v in row if v.strip()]


def _known_column(name: str) -> bool:
    parts = name.split(".")
    if name in CSV_META:
        return True
    if parts[0] == "properties" and len(parts) in (2, 3):
        return parts[1] in ROLES or parts[1] in CONCEPT_TEXT
    return parts[0] in ("references", "r") and len(parts) >= 2 and \
        parts[1] in CONCEPT_REFERENCES


def read_csv(text: str, path: str, result: ImportResult) -> list[BankConcept]:
    text = text.removeprefix("\ufeff")
    header_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=header_line.count)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows or "id" not in rows[0]:
        raise VocabError(path, 1, "not a Termed CSV export (no 'id' column in the header)")
    header = rows[0]
    unknown = {name for name in header if not _known_column(name)}
    records = []
    for line, row in enumerate(rows[1:], start=2):
        cells = dict(zip(header, row, strict=False))
        if not any(v.strip() for v in row):
            continue
        if cells.get("type.id", "Concept") not in ("Concept", ""):
            continue
        for name in unknown:
            if cells.get(name, "").strip():
                result.unknown[f"column {name}"] += 1  # counted per value left out
        key = cells.get("code") or cells.get("id") or f"row {line}"
        record = BankConcept(key=key, source=cells.get("uri") or (
            f"Termed node {cells.get('id')} ({Path(path).name}, line {line})"))
        for name, cell in cells.items():
            parts = name.split(".")
            if parts[0] == "properties" and len(parts) in (2, 3) and parts[1] in THL_ROLES:
                lang = parts[2] if len(parts) == 3 else ""
                record.terms += [BankTerm(v, lang, parts[1]) for v in _cell_values(cell)]
            elif parts[0] in ("references", "r") and len(parts) >= 2 and parts[1] == "status":
                record.statuses += _cell_values(cell)
        for attr in NOTE_ATTRIBUTES:
            record.note = record.note or next(iter(_cell_values(
                cells.get(f"properties.{attr}.fi", ""))), None)
        records.append(record)
    return records


# -- Turtle -------------------------------------------------------------------------------------


def read_turtle(text: str, path: str, result: ImportResult, fmt: str) -> list[BankConcept]:
    from rdflib import RDF, SKOS, Graph, Literal, URIRef
    from rdflib.term import Node

    graph = Graph()
    try:
        graph.parse(data=text, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        raise VocabError(path, None, f"invalid {fmt} RDF: {exc}") from None
    termed = "http://purl.org/termed/"
    known_uris = {str(SKOS.prefLabel): "prefLabel", str(SKOS.altLabel): "altLabel",
                  str(SKOS.definition): "definition", str(SKOS.note): "note",
                  str(SKOS.broader): "broader", str(SKOS.related): "related"}

    def attribute(predicate: str) -> tuple[str, str] | None:
        for kind in ("textAttributes", "referenceAttributes"):
            if f"/{kind}/" in predicate:
                return kind, predicate.rsplit(f"/{kind}/", 1)[1]
        name = known_uris.get(predicate)
        return ("uri", name) if name else None

    def code(target: Node) -> str:
        for value in graph.objects(target, URIRef(termed + "code")):
            return str(value)
        return str(target).rstrip("/#").rsplit("/", 1)[-1]

    concepts = sorted({s for s, o in graph.subject_objects(RDF.type)
                       if str(o).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1] == "Concept"},
                      key=str)
    records = []
    for node in concepts:
        record = BankConcept(key=code(node), source=str(node))
        for predicate, value in graph.predicate_objects(node):
            name = str(predicate)
            if predicate == RDF.type or (name.startswith(termed)
                                         and "/" not in name[len(termed):]):
                continue  # termed:id, termed:code … : the node's own fields
            found = attribute(name)
            if found is None:
                result.unknown[f"predicate {name}"] += 1
                continue
            attr = found[1]
            if attr in THL_ROLES and isinstance(value, Literal):
                record.terms.append(BankTerm(str(value), value.language or "", attr))
            elif attr == "status":
                record.statuses.append(code(value))
            elif attr in NOTE_ATTRIBUTES and isinstance(value, Literal):
                if value.language in (None, "fi"):
                    record.note = record.note or str(value)
            elif attr not in CONCEPT_TEXT and attr not in CONCEPT_REFERENCES:
                result.unknown[f"{found[0]}/{attr}"] += 1
        record.terms.sort(key=lambda t: (list(THL_ROLES).index(t.role), t.language, t.text))
        records.append(record)
    return records


def import_termed(text: str, path: str, options: Options, kind: str | None = None) -> ImportResult:
    """A Termed export (``kind`` json, csv, ttl, nt; default from the content) as a vocabulary."""
    kind = kind or ("json" if path.lower().endswith(".json") else sniff(text))
    result = ImportResult(Vocabulary(id="termed", path=path))
    code, title = None, ""
    if kind == "json":
        records, data = read_json(text, path, result)
        code, title = dump_graph(data)
    elif kind == "csv":
        records = read_csv(text, path, result)
    else:
        records = read_turtle(text, path, result, "nt" if kind == "nt" else "turtle")
    default_id = code or ("termed" if path.startswith(("http:", "https:")) else Path(path).stem)
    from termlint.vocab.interchange import slug

    return build_vocabulary(records, ROLES, options, path, slug(default_id), result,
                            title=title)


def sniff(text: str) -> str:
    """json, csv or ttl from the first characters (exports are named ``nodes``, ``dump``…)."""
    head = text.lstrip("\ufeff \t\r\n")[:1]
    if head in "[{":
        return "json"
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    if first.startswith(("@prefix", "@base", "<", "PREFIX", "#")):
        return "ttl"
    return "csv"
