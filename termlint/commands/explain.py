"""``termlint explain TERM|RULE``: the concept behind a term or rule, its status and source."""

from __future__ import annotations

import json
import sys

import click

from termlint.commands.common import EXIT_FINDINGS, EXIT_OK, fail


@click.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--vocab", "vocab", multiple=True, metavar="NAME|PATH",
              help="Vocabularies to search (repeatable; default: every bundled one).")
@click.option("--language", "languages", multiple=True, type=click.Choice(["fi", "sv"]),
              help="Language of the query text (default: both).")
def explain(query: tuple[str, ...], fmt: str, vocab: tuple[str, ...],
            languages: tuple[str, ...]) -> None:
    """Explain a term in any inflected form, or a rule id such as thl-digi/digitaalinen-palvelu.

    Several words are one phrase: termlint explain sähköisissä palveluissa.
    """
    from termlint.api import build_engine
    from termlint.morphology import AnalyzerUnavailable, Morphology
    from termlint.services.explain import explain_text, lookup_id, term_vocabulary, to_json, to_text
    from termlint.vocab import VocabError, load_bundled, load_selection

    text = " ".join(query).strip()
    try:
        vocabs = load_selection(vocab) if vocab else load_bundled()
    except VocabError as exc:
        fail(str(exc))
    found = lookup_id(text, vocabs)
    if not found:
        try:
            morphology = Morphology()
            engine = build_engine([term_vocabulary(v) for v in vocabs], morphology=morphology)
        except (AnalyzerUnavailable, VocabError) as exc:
            fail(str(exc))
        found = explain_text(text, engine, vocabs, languages or ("fi", "sv"))
    if fmt == "json":
        json.dump({"query": text, "results": [to_json(e) for e in found]}, sys.stdout,
                  ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif found:
        click.echo("\n\n".join(to_text(e) for e in found))
    if not found:
        click.echo(f"termlint: no term, exception or rule of the searched vocabularies matches "
                   f"{text!r}", err=True)
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)
