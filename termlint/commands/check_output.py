"""Where ``check`` writes its reports: the format asked for to a file or standard output, the
text report or ``--statistics`` to the terminal, refusing an output that would overwrite a file
being checked; and what the HTML report needs from outside the report layer (the ``explain``
text of each rule, the interface language). Kept apart so that the command module only wires."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

from termlint.commands.common import fail
from termlint.model import Finding
from termlint.report import HUMAN, REPORTERS


def write_reports(report: Any, fmt: str, output: str | None, diff: bool,
                  statistics: bool = False) -> None:
    """The report in ``fmt`` to ``output`` (the terminal then gets the text report, or the
    statistics) or to standard output; with ``--diff`` the terminal has the patch instead."""
    if output is not None and output != "-":  # ``-o -``: standard output, as for most tools
        try:
            with open(output, "w", encoding="utf-8", newline="\n") as handle:
                REPORTERS[fmt](report, handle)
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror}")
        if statistics and not diff:
            _to_stdout(report, "text", _statistics_renderer(report.findings, "text"))
        elif not diff:
            _to_stdout(report, "text")
    elif statistics and not diff:
        _to_stdout(report, fmt, _statistics_renderer(report.findings, fmt))
    elif not diff or fmt != "text":
        _to_stdout(report, fmt)


def statistics_format_ok(fmt: str, output: str | None) -> bool:
    """``--statistics`` prints text or JSON; another format must go to a file (``-o``)."""
    return fmt in ("text", "json") or (output is not None and output != "-")


def _statistics_renderer(findings: Sequence[Finding], fmt: str) -> Any:
    def render(_report: Any, out: TextIO) -> None:
        write_statistics(findings, fmt, out)

    return render


def write_statistics(findings: Sequence[Finding], fmt: str, out: TextIO) -> None:
    """Findings counted per rule, most first, as ``ruff --statistics`` counts them: the count,
    the rule, ``[*]`` when some of them ``--fix`` would fix, and the highest severity. As JSON
    (``--format json``): a list of ``{"rule", "count", "fixable", "severity"}``."""
    counts = Counter(f.rule for f in findings)
    fixable = Counter(f.rule for f in findings if f.verified)
    worst: dict[str, Any] = {}
    for f in findings:
        worst[f.rule] = max(worst.get(f.rule, f.severity), f.severity)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if fmt == "json":
        json.dump([{"rule": rule, "count": count, "fixable": fixable[rule],
                    "severity": str(worst[rule])} for rule, count in rows],
                  out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    from termlint.report.escape import visible

    width = max((len(str(count)) for _, count in rows), default=1)
    for rule, count in rows:
        mark = "[*]" if fixable[rule] else "[ ]"
        out.write(f"{count:>{width}}\t{visible(rule)}\t{mark} {worst[rule]}\n")
    if fixable:
        out.write(f"[*] {sum(fixable.values())} fixable with --fix\n")


def _to_stdout(report: Any, fmt: str, renderer: Any = None) -> None:
    """Write a report to standard output, whatever its encoding and however it fails.

    A format a person reads keeps the output's encoding (``LC_ALL=C``, ``PYTHONIOENCODING=
    ascii``) and shows what it cannot hold as ``\\xNN``/``\\uNNNN`` escapes; JSON and XML
    reports are UTF-8 documents, so they are written in UTF-8 whatever the locale. A write
    that fails (a full disk) is a one-line error and exit 2, not a traceback."""
    stream = sys.stdout
    reconfigure = getattr(stream, "reconfigure", None)
    try:
        if reconfigure is not None:
            stream.flush()
            if fmt in HUMAN:
                reconfigure(errors="backslashreplace")
            else:
                reconfigure(encoding="utf-8", errors="strict")
        (renderer or REPORTERS[fmt])(report, stream)
        stream.flush()
    except BrokenPipeError:
        raise  # the reader has gone (``| head``): the entry point ends the run quietly
    except OSError as exc:
        fail(f"cannot write the report to standard output: {exc.strerror or exc}")


def check_outputs(output: str | None, write_baseline: str | None,
                  named: Sequence[str]) -> None:
    """Refuse, before anything is read or written, an output file that would overwrite a
    file named to be checked (the same file by any name: a link, ``./x``) or that cannot be
    created: a folder, or in a folder that does not exist."""
    identities: dict[tuple[int, int], str] = {}
    for path in named:
        try:
            info = os.stat(path)
        except OSError:
            continue
        identities[(info.st_dev, info.st_ino)] = path
    for option, target in (("--output", output), ("--write-baseline", write_baseline)):
        if target is None:
            continue
        if os.path.isdir(target):
            fail(f"{option} {target}: is a directory; give a file name")
        folder = os.path.dirname(target) or "."
        if not os.path.isdir(folder):
            fail(f"{option} {target}: folder {folder} does not exist")
        try:
            info = os.stat(target)
        except OSError:
            continue
        checked = identities.get((info.st_dev, info.st_ino))
        if checked is not None:
            fail(f"{option} {target}: is {checked}, a file to check; not overwriting it")


def interface_language(asked: str | None, environ: Mapping[str, str] = os.environ) -> str:
    """``--report-language``, else Finnish when the locale is Finnish, else English."""
    if asked:
        return asked
    from termlint.report.html_text import language_from_locale

    return language_from_locale(dict(environ))


def file_links(source_url: str | None, output: str | None) -> str | None:
    """The HTML report's link template: ``--source-url`` (which must hold ``{path}``), else
    for a report written to a file the checked file's path relative to the report's folder
    (paths in a report are relative to the working folder); none for standard output."""
    if source_url is not None:
        if "{path}" not in source_url:
            fail("--source-url: the template must hold {path} (and may hold {line})")
        return source_url
    if output is None or output == "-":
        return None
    folder = os.path.dirname(os.path.abspath(output))
    base = os.path.relpath(os.getcwd(), folder).replace(os.sep, "/")
    return "{path}" if base == "." else base + "/{path}"


def explanations(rules: Iterable[str], selections: Iterable[Any]) -> dict[str, str]:
    """The ``termlint explain`` text of each rule, from the vocabularies the run used
    (``selections``: each engine's ``vocabularies`` argument, names or loaded ones) and then
    the bundled ones. A rule no vocabulary defines (termlint's own) gets none."""
    from termlint.services.explain import lookup_id, to_text
    from termlint.vocab import load_bundled, load_selection

    vocabs: list[Any] = []
    for selection in selections:
        try:
            vocabs.extend(load_selection(selection) if isinstance(selection, tuple)
                          else selection)
        except Exception:  # a broken vocabulary was reported when the engine was built
            continue
    vocabs.extend(load_bundled())
    out: dict[str, str] = {}
    for rule in sorted(set(rules)):
        found = lookup_id(rule, vocabs)
        if found:
            out[rule] = to_text(found[0])
    return out
