"""``termlint check``: lint files, report, optionally fix."""

from __future__ import annotations

import sys
from typing import Any

import click

from termlint.commands.common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    SEVERITIES,
    engine_or_exit,
    fail,
)
from termlint.model import FileError, Finding, Severity


@click.command()
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
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes to spread many files over.")
@click.option("--no-prefilter", is_flag=True,
              help="Analyse every word instead of only the clauses with candidate stems "
                   "(slower; the findings are the same).")
def check(paths: tuple[str, ...], use_stdin: bool, stdin_filename: str, fmt: str,
          fail_level: str, vocab: tuple[str, ...], language: str, fix: bool, diff: bool,
          verbose: bool, jobs: int, no_prefilter: bool) -> None:
    """Check files and folders (default: the current folder) for non-recommended terms."""
    from termlint.lint import Linter, iter_files, lint_paths
    from termlint.report import REPORTERS, Report

    if use_stdin and paths:
        fail("give either PATHS or --stdin, not both")
    if fix and diff:
        fail("--fix and --diff cannot be combined")
    if use_stdin and fix:
        fail("--fix cannot write to stdin; use --diff")
    engine_args: dict[str, Any] = {"vocabularies": vocab, "use_prefilter": not no_prefilter}
    linter = Linter(engine_or_exit(vocab, not no_prefilter), default_language=language)
    findings: list[Finding] = []
    errors: list[FileError] = []
    fixed: list[Finding] = []
    texts: dict[str, str] = {}
    files = 0
    if use_stdin:
        targets = [(stdin_filename, True)]
        results = iter([linter.lint_path(stdin_filename, sys.stdin.buffer.read())])
    else:
        targets = list(iter_files(paths or (".",)))
        results = lint_paths(linter, [p for p, _ in targets], jobs, engine_args)
    for (path, explicit), result in zip(targets, results, strict=True):
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
                applied, patch = apply_to_file(result.document, result.source,
                                               result.findings, write=fix, diff=diff)
            except FixError as exc:
                errors.append(FileError(path, f"not fixed: {exc}"))
                applied, patch = [], ""
            sys.stdout.write(patch)
            if fix and applied:
                fixed.extend(applied)
                # What is left is reported with its positions in the fixed file.
                again = linter.lint_path(path)
                if again.document is not None:
                    texts[path] = again.document.text
                    remaining = again.findings
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


