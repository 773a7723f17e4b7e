"""``termlint explain TERM|RULE``: the concept behind a term or rule, its status and source.

It answers for the project it is run in: the configuration found from the working folder (or
``--config``) adds its vocabularies and rule folders and sets its severities, so ``explain``
says what ``check`` would report there.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from termlint.commands.common import EXIT_FINDINGS, EXIT_OK, echo, fail


@click.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--vocab", "vocab", multiple=True, metavar="NAME|PATH",
              help="Vocabularies to search (repeatable; default: every bundled one).")
@click.option("--language", "languages", multiple=True, type=click.Choice(["fi", "sv"]),
              help="Language of the query text (default: both).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Configuration file (default: found from the working folder up).")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
def explain(query: tuple[str, ...], fmt: str, vocab: tuple[str, ...],
            languages: tuple[str, ...], config_file: str | None, isolated: bool) -> None:
    """Explain a term in any inflected form, or a rule id such as thl-digi/digitaalinen-palvelu.

    Several words are one phrase: termlint explain sähköisissä palveluissa.
    """
    from termlint.api import build_engine
    from termlint.config import ConfigError, resolve
    from termlint.morphology import AnalyzerUnavailable, Morphology
    from termlint.services.explain import explain_text, lookup_id, term_vocabulary, to_json, to_text
    from termlint.vocab import VocabError, load_bundled, load_selection

    text = " ".join(query).strip()
    try:
        cfg = resolve(["."], config_file, isolated)
        vocabs = _vocabularies(vocab, cfg.vocabulary_names(), load_bundled, load_selection)
        if cfg.severity:
            from termlint.vocab.overrides import apply_overrides

            vocabs = apply_overrides(vocabs, cfg.severity)
    except (ConfigError, VocabError) as exc:
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
        echo("\n\n".join(to_text(e) for e in found))
    if not found:
        echo(f"termlint: no term, exception or rule of the searched vocabularies matches "
                   f"{text!r}", err=True)
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


def _vocabularies(cli: tuple[str, ...], project: tuple[str, ...], bundled: Any,
                  select: Any) -> list[Any]:
    """What ``explain`` searches: ``--vocab`` as given; else the project's selection, with
    every bundled vocabulary kept when the project only adds (``+path``) or removes; else every
    bundled vocabulary (``explain`` also knows those ``check`` does not use by default)."""
    if cli:
        return list(select(cli))
    if not project:
        return list(bundled())
    if all(name[:1] in "+-" for name in project):
        extra = tuple(f"+{v.id}" for v in bundled() if not v.default)
        return list(select(extra + project))
    return list(select(project))
