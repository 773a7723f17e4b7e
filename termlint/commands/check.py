"""``termlint check``: lint files, decide what to report (config, directives, baseline, changed
lines), report in one or two formats, optionally fix."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import click

from termlint.commands.check_output import check_outputs, write_reports
from termlint.commands.check_views import (
    apply_baselines,
    baseline_of,
    beyond_baseline,
    list_files,
    show_settings_of,
    shown,
    write_patch,
)
from termlint.commands.common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    SEVERITIES,
    echo,
    fail,
)
from termlint.config import ConfigError, Override
from termlint.decide import decide, engine_args
from termlint.model import FileError, Finding, Severity, WrittenFix, sort_findings
from termlint.report import NEEDS_FIXES, REPORTERS
from termlint.report.escape import visible

#: Files from which on a terminal gets a progress bar.
PROGRESS_FROM = 20


@dataclass
class Run:
    """What one ``check`` run collects."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    suppressed: int = 0
    files: int = 0
    #: Files checked per language (a file with Finnish and Swedish strings counts in both).
    languages: Counter[str] = field(default_factory=Counter)
    #: The folders named to be walked, resolved: ``--fix`` writes a walked file only when
    #: its real path is inside one of them (see :func:`_inside_roots`).
    roots: tuple[str, ...] = ()
    #: ``--select``/``--ignore``: whether a finding is reported (None: every one is).
    keep: Callable[[Finding], bool] | None = None
    #: ``--fix`` and ``--diff`` leave the findings of a file's baseline alone (unless
    #: ``--fix-baselined``); the baselines they read, by file name, each read once.
    keep_baselined: bool = True
    baselines: dict[str, Any] = field(default_factory=dict)
    #: For formats that carry fixes (rdjson, ``carry``): what --fix would write, and each
    #: file's encoding and byte order mark.
    carry: bool = False
    fixes: dict[Finding, WrittenFix] = field(default_factory=dict)
    encodings: dict[str, tuple[str, bytes]] = field(default_factory=dict)


def _settle(result: Any, settings: Mapping[str, Override], keep_document: bool,
            unused: bool = False) -> Any:
    """Apply suppression to one file's result where it was linted, and drop the parsed
    document unless fixing needs it: a worker then sends back findings and text only."""
    if result.document is None:
        return result
    result.text = result.document.text
    result.findings, result.suppressed = decide(result.findings, settings[result.path],
                                                 result.document, unused)
    if not keep_document:
        result.document = result.source = None
    return result


def _progress(total: int) -> Any:
    """A rich progress bar on stderr for long runs on a terminal; None otherwise."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    return Progress(TextColumn("termlint"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.description}"), console=Console(stderr=True),
                    transient=True)


@click.command()
# readable=False: click would refuse an unreadable path as a usage error and stop the run;
# termlint reports it as that file's error and checks the others.
@click.argument("paths", nargs=-1, type=click.Path(path_type=str, readable=False))
@click.option("--stdin", "use_stdin", is_flag=True,
              help="Read the text to check from stdin (as does the path '-').")
@click.option("--stdin-filename", default="stdin.txt", show_default=True,
              help="File name for stdin input (chooses the format and shows in reports).")
@click.option("--format", "fmt", type=click.Choice(sorted(REPORTERS)), default="text",
              show_default=True, help="Report format.")
@click.option("-o", "--output", metavar="FILE",
              help="Write the report in --format to FILE ('-': standard output); the terminal "
              "gets the text report.")
@click.option("--fail-level", type=click.Choice(SEVERITIES), default=None,
              help="Lowest severity that makes the exit code 1 (default: from each file's "
                   "config, else warning).")
@click.option("--vocab", "vocab", multiple=True, metavar="NAME|PATH",
              help="Vocabulary to use (repeatable); '+NAME' adds to and '-NAME' removes from "
                   "the defaults. Replaces the config's vocabularies.")
@click.option("--language", default=None,
              help="Check every file in this language, whatever its name or content says "
                   "(FI and fi-FI mean fi). Without it: an override's language, the file's "
                   "declaration, its name, its content, the config's language, fi.")
@click.option("--config", "config_file", metavar="FILE",
              type=click.Path(dir_okay=False, readable=False),
              help="Use this config file for every file instead of each file's nearest one.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--baseline", metavar="FILE", help="Report only findings not in this baseline.")
@click.option("--write-baseline", metavar="FILE",
              help="Record the current findings in FILE and exit 0.")
@click.option("--changed-since", metavar="REF",
              help="Report only findings on lines changed since the git revision REF.")
@click.option("--fix", is_flag=True, help="Apply verified suggestions in place.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--fix-baselined", is_flag=True,
              help="With --fix or --diff, also fix the findings the baseline accepts "
                   "(by default they are left as they are).")
@click.option("--report-unused-directives", is_flag=True,
              help="Report inline 'termlint: disable…' directives that silence nothing.")
@click.option("--show-settings", metavar="PATH",
              help="Print the settings PATH is checked with and the files they come from.")
@click.option("--show-files", is_flag=True,
              help="List the files that would be checked, with reader and language; "
                   "check nothing.")
@click.option("-v", "--verbose", is_flag=True,
              help="Also name the files that were skipped and why, or in a language no "
                   "selected vocabulary covers.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0,
              help="Processes to use for many files or one long file (default 0: one per "
                   "CPU; 1: no extra processes).")
@click.option("--no-prefilter", is_flag=True,
              help="Analyse every word instead of only the clauses with candidate stems "
                   "(slower; the findings are the same).")
@click.option("--select", multiple=True, metavar="IDS",
              help="Report only these rules, concepts or vocabularies (comma-separated, "
                   "repeatable; an id prefix, or a glob with * ? [).")
@click.option("--ignore", multiple=True, metavar="IDS",
              help="Do not report these rules, concepts or vocabularies (as --select).")
@click.option("--statistics", is_flag=True,
              help="Print the number of findings per rule instead of the findings.")
@click.option("-q", "--quiet", is_flag=True,
              help="Print findings and errors only: no summary line, progress or notes.")
@click.option("--exit-zero", is_flag=True,
              help="Exit 0 even when findings reach the fail level (errors still exit 2).")
@click.option("--report-language", type=click.Choice(["en", "fi"]), default=None,
              help="Language of the HTML report's interface (default: fi for a Finnish "
                   "locale, else en).")
@click.option("--source-url", metavar="TEMPLATE",
              help="Link each finding of the HTML report to this URL, with {path} and {line} "
                   "(default: the file, relative to the report).")
def check(paths: tuple[str, ...], use_stdin: bool, stdin_filename: str, fmt: str,
          output: str | None, fail_level: str | None, vocab: tuple[str, ...],
          language: str | None, config_file: str | None, isolated: bool, baseline: str | None,
          write_baseline: str | None, changed_since: str | None, fix: bool, diff: bool,
          fix_baselined: bool, report_unused_directives: bool, show_settings: str | None,
          show_files: bool, verbose: bool, jobs: int, no_prefilter: bool,
          select: tuple[str, ...], ignore: tuple[str, ...], statistics: bool, quiet: bool,
          exit_zero: bool, report_language: str | None, source_url: str | None) -> None:
    """Check files and folders (default: the current folder) for non-recommended terms."""
    from termlint.lint import Linter, lint_paths
    from termlint.ownfiles import OwnFiles
    from termlint.plan import Plan, Resolver, Target, make_plan
    from termlint.report import Report
    from termlint.validation import UnknownName, normalise_language

    if "-" in paths:
        if len(paths) > 1:
            fail("'-' (standard input) cannot be combined with other paths")
        paths, use_stdin = (), True
    if use_stdin and paths:
        fail("give either PATHS or --stdin, not both")
    if fix and diff:
        fail("--fix and --diff cannot be combined")
    if use_stdin and fix:
        fail("--fix cannot write to stdin; use --diff")
    if baseline and write_baseline:
        fail("--baseline and --write-baseline cannot be combined")
    if fix_baselined and not (fix or diff):
        fail("--fix-baselined needs --fix or --diff")
    from termlint.commands.check_output import statistics_format_ok

    if statistics and not statistics_format_ok(fmt, output):
        fail(f"--statistics prints text or json; write --format {fmt} to a file with -o")
    if language is not None:
        try:
            language = normalise_language(language)
        except UnknownName as exc:
            fail(f"--language: {exc}")
    try:
        resolver = Resolver(config_file, isolated)
        if show_settings is not None:
            show_settings_of(resolver, show_settings, vocab, language)
            return
        if use_stdin:
            cfg = resolver.for_path(stdin_filename)
            plan = Plan(targets=[Target(stdin_filename, True, cfg, cfg.for_path(stdin_filename))])
        else:
            own = OwnFiles()
            own.add_cli(vocab, baseline, write_baseline, output)
            plan = make_plan(paths or (".",), resolver, own)
    except ConfigError as exc:
        fail(str(exc))
    named_own = {path for path, _ in plan.own_named}
    for path, reason in plan.skipped:
        if verbose and path not in named_own:
            echo(f"termlint: skipped {path}: {reason}", err=True)
    for name in plan.empty:
        echo(f"termlint: nothing to check in {name} (no file there that termlint reads)",
                   err=True)
    if show_files:
        _own_named(plan)
        list_files(plan.targets, language)
        sys.exit(EXIT_ERROR if plan.errors else EXIT_OK)
    from termlint.idcheck import check_ids

    problems = check_ids(plan.targets, vocab)
    from termlint.commands import check_select

    select, ignore = check_select.entries(select), check_select.entries(ignore)
    if select or ignore:
        from termlint.idcheck import selectable_ids

        ids = selectable_ids(plan.targets, vocab)
        problems += (check_select.unknown("--select", select, ids)
                     + check_select.unknown("--ignore", ignore, ids))
    if problems:
        fail("\n".join(problems))
    changed = None
    if changed_since is not None:
        from termlint.gitdiff import ChangedLines, GitError

        try:
            changed = ChangedLines(changed_since, [t.path for t in plan.targets])
        except GitError as exc:
            fail(f"--changed-since: {exc}")
    if not use_stdin:
        check_outputs(output, write_baseline, [p for p in paths if not os.path.isdir(p)])
    _own_named(plan)
    jobs = jobs or usable_cpus()
    # A format that carries fixes needs each file's parsed document, as --fix does.
    carry = fmt in NEEDS_FIXES
    run = Run(errors=list(plan.errors),
              roots=tuple(os.path.realpath(p) for p in paths or (".",) if os.path.isdir(p)),
              keep=check_select.chooser(select, ignore), keep_baselined=not fix_baselined,
              carry=carry)
    cache: dict[tuple[Any, ...], dict[str, Any]] = {}
    # Files that share settings share an engine; the common case is one group.
    groups: dict[tuple[int, str, str | None, str, tuple[tuple[str, str], ...]],
                 tuple[dict[str, Any], str, str | None, list[Target]]] = {}
    for target in plan.targets:
        settings = target.settings
        args = engine_args(settings, vocab, not no_prefilter, cache, target.config.names)
        # --language and an override's language force a file's language; the top-level
        # language is only the default where neither the file nor its content tells.
        forced = language or settings.forced_language
        lang = forced or settings.language or "fi"
        asked = "--language" if language else (
            shown(target.config) if settings.forced_language or settings.language else "")
        readers = tuple(sorted(target.config.readers.items()))
        groups.setdefault((id(args), lang, forced, asked, readers),
                          (args, lang, forced, []))[3].append(target)
    progress = None if quiet else _progress(len(plan.targets))
    task = progress.add_task("", total=len(plan.targets)) if progress is not None else None
    if progress is not None:
        progress.start()
    from termlint.morphology import AnalyzerUnavailable

    try:
        for (_, _, _, asked, readers), (args, lang, forced, members) in groups.items():
            linter = Linter(_build(args), default_language=lang, forced_language=forced,
                            readers=dict(readers))
            if asked and lang not in linter.engine.languages:
                covered = ", ".join(sorted(linter.engine.languages))
                fail(f"{asked}: no selected vocabulary covers language {lang!r} "
                     f"(covered: {covered})")
            linter.engine.jobs = jobs
            if use_stdin:
                results: Iterator[Any] = iter([linter.lint_path(stdin_filename,
                                                                sys.stdin.buffer.read())])
            else:
                finish = partial(_settle, settings={t.path: t.settings for t in members},
                                 keep_document=fix or diff or carry,
                                 unused=report_unused_directives)
                results = lint_paths(linter, [t.path for t in members], jobs, finish)
            for target, result in zip(members, results, strict=True):
                if progress is not None:
                    progress.update(task, advance=1, description=target.path)
                _one_file(run, linter, result, target, fix, diff, verbose, changed,
                          report_unused_directives, baseline_of(baseline, target.config))
    except AnalyzerUnavailable as exc:  # the analyser is loaded when a word first needs it
        fail(str(exc))
    finally:
        if progress is not None:
            progress.stop()
    run.findings = sort_findings(run.findings)
    run.errors.sort(key=lambda e: e.path)
    for error in run.errors:
        click.echo(f"{visible(error.path)}: error: {visible(error.message)}", err=True)
    if write_baseline:
        from termlint.baseline import Baseline

        root = Path(os.path.realpath(write_baseline)).parent
        try:
            Baseline.build(run.findings, run.texts, root).write(write_baseline, run.findings,
                                                                run.texts)
        except OSError as exc:
            fail(f"cannot write {write_baseline}: {exc.strerror or exc}")
        if not quiet:
            click.echo(f"termlint: wrote {len(run.findings)} findings to {write_baseline}",
                       err=True)
        sys.exit(EXIT_ERROR if run.errors else EXIT_OK)
    config_of = {t.path: t.config for t in plan.targets}
    run.findings, known = apply_baselines(run.findings, run.texts, baseline, config_of)
    if verbose and (run.suppressed or known):
        click.echo(f"termlint: {run.suppressed} suppressed, {known} in the baseline", err=True)
    report = Report(findings=run.findings, errors=run.errors, files=run.files, fixed=run.fixed,
                    texts=run.texts, fixes=run.fixes, encodings=run.encodings)
    report.languages = dict(sorted(run.languages.items()))
    report.summary = not quiet
    if fmt == "html":
        from termlint.commands.check_output import explanations, file_links, interface_language

        report.interface_language = interface_language(report_language)
        report.file_links = file_links(source_url, output)
        report.explanations = explanations((f.rule for f in run.findings),
                                           (a["vocabularies"] for a in cache.values()))
    write_reports(report, fmt, output, diff, statistics)
    if run.errors:
        sys.exit(EXIT_ERROR)

    def threshold(path: str) -> Severity:
        cfg = config_of.get(path)
        return Severity.parse(fail_level or (cfg.fail_level if cfg else None) or "warning")

    failing = any(f.severity >= threshold(f.path) for f in run.findings)
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_OK)


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity mask where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _own_named(plan: Any) -> None:
    """Say of each file of termlint's own named on the command line (``plan``: a
    :class:`termlint.plan.Plan`) that it was not checked.

    Named (by hand or by pre-commit) yet passed over: always said, once the usage errors are
    past (a fatal error stays the only line), and the exit code is that of a folder with
    nothing to check (0), as a commit that only edits the vocabulary must not fail its hook.
    """
    for path, reason in plan.own_named:
        echo(f"termlint: not checked: {path} is termlint's own file: {reason}", err=True)


def _build(args: dict[str, Any]) -> Any:
    """The engine for ``args``, or a one-line error (missing analyser, bad vocabulary)."""
    from termlint.api import build_engine
    from termlint.morphology import AnalyzerUnavailable

    try:
        return build_engine(**args)
    except AnalyzerUnavailable as exc:
        fail(str(exc))
    except Exception as exc:
        # The schema (where VocabError lives) is imported only if a vocabulary was loaded:
        # a run from a compiled snapshot never needs it.
        from termlint.vocab.schema import VocabError

        if isinstance(exc, VocabError):
            fail(str(exc))
        raise


def _one_file(run: Run, linter: Any, result: Any, target: Any, fix: bool, diff: bool,
              verbose: bool, changed: Any, unused: bool, baseline: str | None) -> None:
    """Decide, fix and collect the findings of one file (``baseline``: the one that governs
    it, whose findings ``--fix`` leaves alone; with ``run.carry``, also what --fix would
    write for those that remain, for a format that carries fixes)."""
    path, explicit, settings = target.path, target.explicit, target.settings
    if result.skipped:
        if explicit or verbose:
            echo(f"termlint: skipped {path}: {result.skipped}", err=True)
        return
    if result.unchecked and verbose:
        echo(f"termlint: nothing checked in {path}: its language "
                   f"({', '.join(result.unchecked)}, from its name or content) is in no "
                   "selected vocabulary", err=True)
    run.files += 1
    run.languages.update(result.languages)
    if result.error is not None:
        run.errors.append(result.error)
        return
    if result.suppressed is None:  # not settled where it was linted (stdin)
        assert result.document is not None
        result = _settle(result, {path: settings}, keep_document=True, unused=unused)
    run.texts[path] = result.text
    run.suppressed += result.suppressed
    if changed is not None:
        from termlint.gitdiff import GitError

        try:
            result.findings = [f for f in result.findings
                               if changed.touches(path, f.line, f.end_line)]
        except GitError as exc:
            fail(f"--changed-since: {exc}")
    if run.keep is not None:
        result.findings = [f for f in result.findings if run.keep(f)]
    remaining = result.findings
    document, source = result.document, result.source
    if fix or diff:
        from termlint.fix import FixError, apply_to_file

        assert result.document is not None and result.source is not None
        wanted = result.findings
        if baseline is not None and run.keep_baselined:
            wanted = beyond_baseline(wanted, path, result.text, baseline, run.baselines)
        try:
            if fix and not explicit:
                _inside_roots(path, run.roots)
            applied, patch = apply_to_file(result.document, result.source,
                                           wanted, write=fix, diff=diff)
        except FixError as exc:
            run.errors.append(FileError(path, f"not fixed: {exc}"))
            applied, patch = [], b""
        if patch:
            write_patch(patch, result.document.encoding)
        if fix and applied:
            run.fixed.extend(applied)
            # What is left is reported with its positions in the fixed file.
            again = linter.lint_path(path)
            if again.document is not None:
                run.texts[path] = again.document.text
                remaining, _ = decide(again.findings, settings, again.document, unused)
                document, source = again.document, again.source
    if run.keep is not None:
        remaining = [f for f in remaining if run.keep(f)]
    if run.carry and document is not None and source is not None:
        from termlint.fixplan import written_fixes

        carried = remaining  # the findings --fix would consider, as above
        if baseline is not None and run.keep_baselined:
            carried = beyond_baseline(carried, path, document.text, baseline, run.baselines)
        run.encodings[path] = (document.encoding, document.bom)
        run.fixes.update(written_fixes(document, source, carried))
    run.findings.extend(remaining)


def _inside_roots(path: str, roots: Sequence[str]) -> None:
    """Refuse to fix a walked file whose real path leaves the folders walked: a symbolic
    link in a repository may point anywhere (``docs/x.md -> /etc/motd``, or another
    checkout), and walking a folder is no request to edit files outside it. A file named on
    the command line is fixed through its link, as asked."""
    from termlint.fix import FixError

    real = os.path.realpath(path)
    if not any(real == root or real.startswith(root.rstrip(os.sep) + os.sep)
               for root in roots):
        raise FixError(path, f"a symbolic link to {real}, outside the folders checked; "
                             "name that file to fix it")
