"""``termlint vocab``: list, validate, test, import and export vocabularies."""

from __future__ import annotations

import sys

import click

from termlint.commands.common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, echo, fail, write_output


@click.group()
def vocab() -> None:
    """List, validate, test, import and export vocabularies."""


def _register_import() -> None:
    """``vocab import`` lives in its own module (it has many options and formats)."""
    from termlint.commands.vocab_import import vocab_import

    vocab.add_command(vocab_import)


_register_import()


@vocab.command("list")
def vocab_list() -> None:
    """Show the bundled vocabularies and whether they are on by default."""
    from termlint.vocab import VocabError, bundled_files, load_vocabulary

    for name, path in bundled_files().items():
        try:
            v = load_vocabulary(path)
        except VocabError as exc:
            echo(f"{name}: error: {exc}")
            continue
        state = "default" if v.default else "optional"
        echo(f"{v.id:<16} {state:<8} {len(v.concepts):>3} concepts {len(v.rules):>2} rules"
                   f"  {v.title}")


@vocab.command("test")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=str))
def vocab_test(files: tuple[str, ...]) -> None:
    """Run the examples of every concept and rule (default: all bundled vocabularies)."""
    from termlint.api import build_engine
    from termlint.morphology import AnalyzerUnavailable, Morphology
    from termlint.services.selftest import run_examples
    from termlint.vocab import VocabError, bundled_files, load_vocabulary

    paths = list(files) or [str(p) for p in bundled_files().values()]
    try:
        morphology = Morphology()
    except AnalyzerUnavailable as exc:
        fail(str(exc))
    failed = total = 0
    for path in paths:
        try:
            vocabulary = load_vocabulary(path)
        except VocabError as exc:
            echo(f"{exc}", err=True)
            failed += 1
            continue
        engine = build_engine([vocabulary], morphology=morphology)
        for result in run_examples(engine, [vocabulary]):
            total += 1
            if not result.ok:
                failed += 1
                echo(result.describe())
    echo(f"{total - failed} passed, {failed} failed")
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)




@vocab.command("validate")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("-v", "--verbose", is_flag=True,
              help="Print every warning (past 20 of one kind in a file, a few are printed and "
                   "the rest counted).")
def vocab_validate(files: tuple[str, ...], strict: bool, verbose: bool) -> None:
    """Check vocabulary files: schema, duplicate or contradictory terms, missing sources, and
    words the analyser cannot read. Prints file:line messages; exit 1 on errors."""
    from termlint.morphology import AnalyzerUnavailable, Morphology, WordAnalyzer
    from termlint.morphology.swedish import SwedishMorphology
    from termlint.vocab import VocabError, load_bundled
    from termlint.vocab.validate import ERROR, describe_classes, shown, validate_file

    try:
        morphology = Morphology()
    except AnalyzerUnavailable as exc:
        fail(str(exc))
    try:
        bundled = load_bundled()
    except VocabError:
        bundled = []
    analyzers: dict[str, WordAnalyzer] = {"fi": morphology, "sv": SwedishMorphology()}
    errors = warnings = 0
    for path in files:
        problems = validate_file(path, analyzers, bundled)
        for line in shown(problems, every=verbose):
            echo(line)
        for problem in problems:
            if problem.level == ERROR:
                errors += 1
            else:
                warnings += 1
        classes = describe_classes(path, morphology)
        if classes:
            echo(f"{path}: {classes}")
    echo(f"{len(files)} file(s): {errors} error(s), {warnings} warning(s)")
    sys.exit(EXIT_FINDINGS if errors or (strict and warnings) else EXIT_OK)


@vocab.command("export")
@click.argument("name", required=False, default="thl-digi", metavar="[VOCAB]")
@click.option("--to", "fmt", required=True, type=click.Choice(["tbx", "skos", "csv"]),
              help="Output format.")
@click.option("-o", "--output", default="-", type=click.Path(dir_okay=False, path_type=str),
              help="File to write (default: standard output).")
@click.option("--rdf-format", type=click.Choice(["turtle", "xml", "nt"]),
              help="RDF syntax for SKOS (default: from the file name, else Turtle).")
def vocab_export(name: str, fmt: str, output: str, rdf_format: str | None) -> None:
    """Export a vocabulary (bundled name or YAML path; default thl-digi) as TBX, SKOS or CSV.

    Concepts, terms, statuses, sources, notes, severities and exceptions are exported; examples
    and pattern rules are not (they have no place in these formats)."""
    from termlint.vocab import VocabError, load_selection
    from termlint.vocab.csvio import export_csv
    from termlint.vocab.skos import export_skos
    from termlint.vocab.skos import rdf_format as guess_rdf
    from termlint.vocab.tbx import export_tbx

    try:
        vocabulary = load_selection([name])[0]
    except (VocabError, IndexError) as exc:
        fail(str(exc))
    if not vocabulary.concepts:
        fail(f"{vocabulary.id} has no concepts (pattern rules cannot be exported)")
    if vocabulary.rules:
        echo(f"termlint: warning: the {len(vocabulary.rules)} pattern rule(s) of "
                   f"{vocabulary.id} are not exported", err=True)
    if fmt == "tbx":
        text = export_tbx(vocabulary)
    elif fmt == "skos":
        text = export_skos(vocabulary, rdf_format or (guess_rdf(output) if output != "-"
                                                      else "turtle"))
    else:
        text = export_csv(vocabulary)
    write_output(output, text)



@vocab.command("sync")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=str),
              help="Configuration file whose packages to fetch (default: the one nearest to "
                   "each PATH, or to the working folder).")
@click.option("--refresh", is_flag=True,
              help="Fetch every package again, also one whose pinned copy is in the cache.")
def vocab_sync(paths: tuple[str, ...], config_file: str | None, refresh: bool) -> None:
    """Fetch the vocabulary packages of a configuration into termlint's cache.

    Each package is checked against its pinned sha256 before it is kept; a check run then
    reads it from the cache, offline. Exit 2 if any package could not be fetched or does not
    match its pin (the others are still fetched). A package whose pinned copy is already in
    the cache, intact, is not fetched again unless --refresh is given."""
    from termlint.config import ConfigError, find, load
    from termlint.packages import PackageError, sync

    configs = []
    try:
        if config_file is not None:
            configs.append(load(config_file))
        else:
            for path in paths or (".",):
                found = find(path)
                if found is None:
                    # Nothing names a package here: nothing to fetch (as for a configuration
                    # without packages), so a CI step can always run the sync.
                    echo(f"termlint: no configuration file found from {path}", err=True)
                    continue
                configs.append(load(found))
    except ConfigError as exc:
        fail(str(exc))
    seen: set[str] = set()
    errors = 0
    for cfg in configs:
        for package in cfg.packages:
            if package.key in seen:
                continue
            seen.add(package.key)
            try:
                result = sync(package, refresh=refresh)
            except PackageError as exc:
                where = f"{cfg.path}:{package.line}" if package.line else f"{cfg.path}"
                echo(f"termlint: error: {where}: {exc}", err=True)
                errors += 1
                continue
            if not result.fetched:
                echo(f"up to date {package.label}: {len(result.files)} file(s) in the cache")
                continue
            commit = f" (commit {result.commit[:12]})" if result.commit else ""
            echo(f"synced {package.label}{commit}: {len(result.files)} file(s): "
                       f"{', '.join(result.files)}")
    if not seen:
        echo("nothing to sync: the configuration names no packages", err=True)
    sys.exit(EXIT_ERROR if errors else EXIT_OK)


@vocab.command("hash")
@click.argument("path", type=click.Path(exists=True, path_type=str))
def vocab_hash(path: str) -> None:
    """Print the sha256 that pins PATH as a package: of the file for an archive or a YAML
    file, of its vocabulary files for a folder (a git checkout included)."""
    import hashlib
    from pathlib import Path

    from termlint.packages import PackageError
    from termlint.packages.archive import digest
    from termlint.packages.fetch import read_local

    try:
        raw, files = read_local(Path(path), path)
    except PackageError as exc:
        fail(str(exc))
    if raw is not None:
        echo(f"{hashlib.sha256(raw).hexdigest()}  {path}")
    elif not files:
        fail(f"{path}: holds no vocabulary file (*.yaml at its top, or in vocab/ or rules/)")
    else:
        echo(f"{digest(files)}  {path} ({len(files)} file(s): {', '.join(sorted(files))})")
