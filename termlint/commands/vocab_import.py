"""``termlint vocab import``: a TBX, SKOS, CSV or term-bank export (a file or ``--url``) into a
termlint vocabulary. The work is :mod:`termlint.vocab.importer`; this wires the options."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from termlint.commands.common import echo, fail, write_output

if TYPE_CHECKING:
    from termlint.vocab.importer import Origin

_SUFFIX = {".tbx": "tbx", ".tbxm": "tbx", ".ttl": "skos", ".rdf": "skos", ".nt": "skos",
           ".csv": "csv", ".tsv": "csv"}
_FORMATS = ["tbx", "skos", "csv", "termed", "sanastot", "ntrf"]
#: What to ask a server for, by format: Termed answers JSON (a dump), Sanastot Turtle.
_ACCEPT = {"termed": "application/json", "sanastot": "text/turtle, application/rdf+xml;q=0.9",
           "skos": "text/turtle, application/rdf+xml;q=0.9", "tbx": "application/xml",
           "ntrf": "application/xml", "csv": "text/csv"}
#: The syntax an importer is told, by format and answered content type.
_RDF_KIND = {"text/turtle": "turtle", "application/rdf+xml": "xml", "application/n-triples": "nt"}
_KIND = {"termed": {"application/json": "json", "text/csv": "csv", "text/turtle": "ttl",
                    "application/n-triples": "nt"},
         "sanastot": _RDF_KIND, "skos": _RDF_KIND}


@click.command("import")
@click.argument("source", required=False,
                type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.option("--from", "fmt", type=click.Choice(_FORMATS),
              help="Input format (default: from the file name: .tbx, .ttl/.rdf/.nt, .csv).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=str),
              help="Vocabulary YAML file to write ('-' for standard output).")
@click.option("--url", help="Fetch the export instead of reading a file: a termed-api address "
                            "(with --graph) or a Sanastot export address. Credentials come from "
                            "the environment (TERMLINT_TERMED_USER and TERMLINT_TERMED_PASSWORD, "
                            "or TERMLINT_TERMED_TOKEN).")
@click.option("--graph", help="termed-api graph id whose dump --url fetches.")
@click.option("--map", "roles", multiple=True, metavar="ROLE=STATUS",
              help="Term-bank formats: the status of a role (avoidableLabel=deprecated, "
                   "DTEA=forbidden, hiddenLabel=skip); repeatable.")
@click.option("--status", "statuses", metavar="CODES",
              help="Term-bank formats: concept and term statuses to import, comma-separated, or "
                   "'all' (default: VALID for sanastot, all for termed and ntrf).")
@click.option("--id", "vocab_id", help="Vocabulary id (default: from the file, else its name).")
@click.option("--title", default="", help="Title, where the input has none.")
@click.option("--source", "source_url", help="Citation, where the input has none.")
def vocab_import(source: str | None, fmt: str | None, output: str, url: str | None,
                 graph: str | None, roles: tuple[str, ...], statuses: str | None,
                 vocab_id: str | None, title: str, source_url: str | None) -> None:
    """Convert a terminology export (TBX, SKOS, CSV, THL Termed, Sanastot, NTRF) into a
    termlint vocabulary (YAML) that `termlint vocab validate` accepts."""
    from termlint.morphology import AnalyzerUnavailable, Morphology, WordAnalyzer
    from termlint.morphology.swedish import SwedishMorphology
    from termlint.vocab.importer import Origin, default_statuses, roles_of, run_import
    from termlint.vocab.schema import VocabError
    from termlint.vocab.termbank import Options, parse_map, parse_statuses, summary

    if (source is None) == (url is None):
        fail("give either an input file or --url")
    fmt = fmt or (_SUFFIX.get(Path(source).suffix.lower()) if source else None)
    if fmt is None:
        fail(f"cannot tell the format of {source or url}; give --from "
             f"{'|'.join(_FORMATS)}")
    if statuses is not None and not roles_of(fmt):
        fail(f"--status applies to term-bank formats, not {fmt}")
    if graph is not None and (url is None or fmt != "termed"):
        fail("--graph goes with --from termed --url")
    try:
        role_map = parse_map(roles, roles_of(fmt))
    except ValueError as exc:
        fail(str(exc) if roles_of(fmt) else f"--map applies to term-bank formats, not {fmt}")
    options = Options(roles=role_map, statuses=parse_statuses(statuses, default_statuses(fmt)),
                      vocab_id=vocab_id, title=title, source=source_url)
    kind = None
    if url is not None:
        origin, text, kind = _fetch(url, fmt, graph)
        options.source = options.source or origin.name
    else:
        assert source is not None
        try:
            data = Path(source).read_bytes()
            text = data.decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"{source}: cannot read: {exc}")
        origin = Origin(source, data)
    try:
        morphology = Morphology()
    except AnalyzerUnavailable as exc:
        fail(str(exc))
    analyzers: dict[str, WordAnalyzer] = {"fi": morphology, "sv": SwedishMorphology()}
    name = origin.name
    try:
        imported = run_import(text, origin, fmt, options, analyzers, output, kind)
    except VocabError as exc:
        fail(str(exc))
    result = imported.result
    for warning in [*result.warnings, *imported.settled]:
        echo(f"{name}: warning: {warning}", err=True)
    for line in summary(result):
        echo(f"{name}: {line}", err=True)
    write_output(output, imported.yaml_text)
    echo(f"{name}: {len(result.vocabulary.concepts)} concepts imported as "
               f"{result.vocabulary.id!r}", err=True)


def _fetch(url: str, fmt: str, graph: str | None) -> tuple[Origin, str, str | None]:
    from termlint.vocab.fetch import FetchError, fetch, termed_url
    from termlint.vocab.importer import Origin

    try:
        target = termed_url(url, graph) if fmt == "termed" else url
        # Termed credentials go to a termed-api only.
        fetched = fetch(target, _ACCEPT[fmt], env=None if fmt == "termed" else {})
        text = fetched.text()
    except FetchError as exc:
        fail(str(exc))
    except UnicodeDecodeError as exc:
        fail(f"{url}: the answer is not UTF-8: {exc}")
    origin = Origin(fetched.url, fetched.data, fetched.fetched_at)
    return origin, text, _KIND.get(fmt, {}).get(fetched.content_type)

