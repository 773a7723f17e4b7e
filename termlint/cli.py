"""Command line: wires sources, engine, fixes and reports together; exit codes as ruff's.

0 — nothing at or above the fail level; 1 — findings; 2 — usage, configuration or input errors.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from termlint import __version__
from termlint.model import FileError, Finding, Severity

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITIES = [s.name.lower() for s in Severity]


def _fail(message: str) -> None:
    click.echo(f"termlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _engine(vocab: Sequence[str]):  # type: ignore[no-untyped-def]
    """Build the engine or stop with a one-line error (missing Voikko, bad vocabulary)."""
    from termlint.api import build_engine
    from termlint.morphology import AnalyzerUnavailable
    from termlint.vocab import VocabError

    try:
        return build_engine(vocab)
    except (AnalyzerUnavailable, VocabError) as exc:
        _fail(str(exc))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="termlint")
def main() -> None:
    """Check Finnish social- and health-service texts against THL's recommended terms."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--stdin", "use_stdin", is_flag=True, help="Read the text to check from stdin.")
@click.option("--stdin-filename", default="stdin.txt", show_default=True,
              help="File name for stdin input (chooses the format and shows in reports).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Report format.")
@click.option("--fail-level", type=click.Choice(SEVERITIES), default="warning", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--vocab", "vocab", multiple=True, metavar="NAME|PATH",
              help="Vocabulary to use (repeatable); '+NAME' adds to and '-NAME' removes from "
                   "the defaults.")
@click.option("--language", default="fi", show_default=True,
              help="Language of files whose language cannot be told from the path or content.")
@click.option("--fix", is_flag=True, help="Apply verified suggestions in place.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("-v", "--verbose", is_flag=True, help="Also name the files that were skipped.")
def check(paths: tuple[str, ...], use_stdin: bool, stdin_filename: str, fmt: str,
          fail_level: str, vocab: tuple[str, ...], language: str, fix: bool, diff: bool,
          verbose: bool) -> None:
    """Check files and folders (default: the current folder) for non-recommended terms."""
    from termlint.lint import Linter, iter_files
    from termlint.report import REPORTERS, Report

    if use_stdin and paths:
        _fail("give either PATHS or --stdin, not both")
    if fix and diff:
        _fail("--fix and --diff cannot be combined")
    if use_stdin and fix:
        _fail("--fix cannot write to stdin; use --diff")
    linter = Linter(_engine(vocab), default_language=language)
    findings: list[Finding] = []
    errors: list[FileError] = []
    fixed: list[Finding] = []
    texts: dict[str, str] = {}
    files = 0
    jobs = [(stdin_filename, True)] if use_stdin else list(iter_files(paths or (".",)))
    for path, explicit in jobs:
        raw = sys.stdin.buffer.read() if use_stdin else None
        result = linter.lint_path(path, raw)
        if result.skipped:
            if explicit or verbose:
                click.echo(f"termlint: skipped {path}: {result.skipped}", err=True)
            continue
        files += 1
        if result.error is not None:
            errors.append(result.error)
            continue
        assert result.document is not None and result.source is not None
        texts[path] = result.document.text
        remaining = result.findings
        if fix or diff:
            from termlint.fix import FixError, apply_to_file

            try:
                applied, remaining = apply_to_file(result.document, result.source,
                                                   result.findings, write=fix, diff=diff)
            except FixError as exc:
                errors.append(FileError(path, f"not fixed: {exc}"))
                applied = []
            fixed.extend(applied)
            if fix and applied:
                texts[path] = Path(path).read_text(encoding=result.document.encoding,
                                                   errors="replace")
        findings.extend(remaining)
    for error in errors:
        click.echo(f"{error.path}: error: {error.message}", err=True)
    report = Report(findings=findings, errors=errors, files=files, fixed=fixed, texts=texts)
    if not diff or fmt != "text":
        REPORTERS[fmt](report, sys.stdout)
    if errors:
        sys.exit(EXIT_ERROR)
    threshold = Severity.parse(fail_level)
    sys.exit(EXIT_FINDINGS if any(f.severity >= threshold for f in findings) else EXIT_OK)


@main.group()
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
    from termlint.engine import Engine
    from termlint.morphology import AnalyzerUnavailable, Morphology
    from termlint.vocab import VocabError, bundled_files, load_vocabulary
    from termlint.vocab.selftest import run_examples

    paths = list(files) or [str(p) for p in bundled_files().values()]
    try:
        morphology = Morphology()
    except AnalyzerUnavailable as exc:
        _fail(str(exc))
    from termlint.api import make_inflector

    inflector = make_inflector(morphology)
    failed = total = 0
    for path in paths:
        try:
            vocabulary = load_vocabulary(path)
        except VocabError as exc:
            click.echo(f"{exc}", err=True)
            failed += 1
            continue
        engine = Engine([vocabulary], morphology, inflector)
        for result in run_examples(engine, [vocabulary]):
            total += 1
            if not result.ok:
                failed += 1
                click.echo(result.describe())
    click.echo(f"{total - failed} passed, {failed} failed")
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


if __name__ == "__main__":  # pragma: no cover
    main()
