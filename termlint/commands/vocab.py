"""``termlint vocab``: list, validate and test vocabularies."""

from __future__ import annotations

import sys

import click

from termlint.commands.common import EXIT_FINDINGS, EXIT_OK, fail


@click.group()
def vocab() -> None:
    """List, validate and test vocabularies."""


@vocab.command("list")
def vocab_list() -> None:
    """Show the bundled vocabularies and whether they are on by default."""
    from termlint.vocab import VocabError, bundled_files, load_vocabulary

    for name, path in bundled_files().items():
        try:
            v = load_vocabulary(path)
        except VocabError as exc:
            click.echo(f"{name}: error: {exc}")
            continue
        state = "default" if v.default else "optional"
        click.echo(f"{v.id:<16} {state:<8} {len(v.concepts):>3} concepts {len(v.rules):>2} rules"
                   f"  {v.title}")


@vocab.command("test")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=str))
def vocab_test(files: tuple[str, ...]) -> None:
    """Run the examples of every concept and rule (default: all bundled vocabularies)."""
    from termlint.api import build_engine
    from termlint.morphology import AnalyzerUnavailable, Morphology
    from termlint.vocab import VocabError, bundled_files, load_vocabulary
    from termlint.vocab.selftest import run_examples

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
            click.echo(f"{exc}", err=True)
            failed += 1
            continue
        engine = build_engine([vocabulary], morphology=morphology)
        for result in run_examples(engine, [vocabulary]):
            total += 1
            if not result.ok:
                failed += 1
                click.echo(result.describe())
    click.echo(f"{total - failed} passed, {failed} failed")
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


