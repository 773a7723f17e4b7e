"""The HTML report (``--format html``): one self-contained page for content editors and
terminologists, who would rather look than read a terminal.

What it holds: totals; a bar chart (inline SVG) and a table of findings per concept and per
file; every finding in its context with the match marked, the fix or suggestions, the
``termlint explain`` text of its rule and a link to its source; filters by severity, concept
and file. The interface is in Finnish or English (:mod:`termlint.report.html_text`).

Why it is built this way:

- Self-contained: the style sheet and script are inline, the chart is inline SVG, and no font
  is loaded. A Content-Security-Policy allows only that style sheet and that script (by their
  SHA-256), so the page can fetch nothing and no other script can run even if some text were
  ever written unescaped.
- Everything from a file or a vocabulary (lines, names, keys, messages, sources) is hostile
  input: it is written through :func:`_esc`, which shows control and bidirectional characters
  as escapes (as the text report does) and escapes ``& < > " '``. The findings are rendered
  on the server side as HTML, so no file text ever passes through JavaScript source.
- Accessible (WCAG 2.1 AA): ``lang``, landmarks, a skip link, one heading hierarchy, labelled
  filters that are native ``select`` elements (keyboard-operable with no extra code), tables
  with captions and header scopes beside each chart, a polite live region for the count of
  findings shown, visible focus, and severity told in words, never by colour alone.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
from collections import Counter
from collections.abc import Iterable
from typing import TextIO
from urllib.parse import quote

from termlint.model import Finding, Severity
from termlint.report import Report
from termlint.report.escape import visible
from termlint.report.html_text import CSS, LANGUAGES, SCRIPT, TEXT
from termlint.version import __version__

#: Bars drawn in a chart; the table beside it lists every row.
MAX_BARS = 25
#: Characters of context shown on each side of a match (a minified file is one long line).
CONTEXT = 120
#: Characters of a name shown in a chart label; the full name is the bar's SVG title.
LABEL = 42

_URL = re.compile(r"https?://[^\s<>\"'`)\]]+")


def _esc(text: str) -> str:
    """File or vocabulary text made safe for HTML text and attribute values: controls and
    bidirectional characters shown as escapes, non-UTF-8 bytes as ``\\xNN``, markup escaped.
    Line breaks are kept (a multi-line match is shown on its lines)."""
    lines = text.replace("\r\n", "\n").split("\n")
    return "\n".join(html.escape(visible(line), quote=True) for line in lines)


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def concept_of(f: Finding) -> str:
    """The concept a finding is about, with its vocabulary (``thl-digi/digitaalinen-palvelu``);
    the rule id for a finding of no concept (a directive)."""
    if f.concept and "/" in f.rule:
        return f"{f.rule.split('/', 1)[0]}/{f.concept}"
    return f.rule


def render(report: Report, out: TextIO) -> None:
    lang = report.interface_language if report.interface_language in LANGUAGES else "en"
    t = TEXT[lang]
    csp = (f"default-src 'none'; style-src {_csp_hash(CSS)}; script-src {_csp_hash(SCRIPT)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    out.write(f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
              f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
              '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
              f'<meta name="generator" content="termlint {_esc(__version__)}">\n'
              f"<title>{_esc(t['title'])}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
              f'<a class="skip" href="#findings">{_esc(t["skip"])}</a>\n'
              f"<header>\n<h1>{_esc(t['title'])}</h1>\n<p>{_esc(t['intro'])}</p>\n</header>\n"
              "<main>\n")
    out.write(_totals(report, t))
    concepts = Counter(concept_of(f) for f in report.findings)
    files = Counter(f.path for f in report.findings)
    out.write(_breakdown("per-concept", t["per_concept"], t["concept"], concepts, t))
    out.write(_breakdown("per-file", t["per_file"], t["file"], files, t))
    anchors = {rule: f"x{index}" for index, rule in enumerate(
        sorted({f.rule for f in report.findings if f.rule in report.explanations}), 1)}
    out.write(_findings(report, t, concepts, files, anchors))
    out.write(_explanations(report, t, anchors))
    if report.errors:
        out.write(f'<section aria-labelledby="errors-h">\n<h2 id="errors-h">'
                  f"{_esc(t['errors'])}</h2>\n<ul>\n")
        for e in report.errors:
            out.write(f"<li><code>{_esc(e.path)}</code>: {_esc(e.message)}</li>\n")
        out.write("</ul>\n</section>\n")
    out.write(f"</main>\n<footer>\n<p>{_esc(t['footer'].format(version=__version__))}</p>\n"
              f"</footer>\n<script>{SCRIPT}</script>\n</body>\n</html>\n")


def _totals(report: Report, t: dict[str, str]) -> str:
    by_severity = Counter(f.severity for f in report.findings)
    rows = [(t["files"], report.files), (t["findings"], len(report.findings))]
    rows += [(t[f"severity_{s}"], by_severity[s]) for s in sorted(Severity, reverse=True)]
    rows.append((t["fixable"], sum(1 for f in report.findings if f.verified)))
    if report.fixed:
        rows.append((t["fixed"], len(report.fixed)))
    rows.append((t["errors"], len(report.errors)))
    body = "".join(f'<tr><th scope="row">{_esc(name)}</th><td class="num">{count}</td></tr>\n'
                   for name, count in rows)
    return (f'<section aria-labelledby="totals-h">\n<h2 id="totals-h">{_esc(t["totals"])}</h2>\n'
            f'<table>\n<caption class="sr-only">{_esc(t["totals"])}</caption>\n'
            f"<tbody>\n{body}</tbody>\n</table>\n</section>\n")


def _breakdown(ident: str, heading: str, column: str, counts: Counter[str],
               t: dict[str, str]) -> str:
    """A section with a bar chart and, for every row, a table (the chart's text equivalent)."""
    if not counts:
        return ""
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    parts = [f'<section aria-labelledby="{ident}-h">\n<h2 id="{ident}-h">{_esc(heading)}</h2>\n',
             f'<figure aria-labelledby="{ident}-cap">\n', _chart(rows[:MAX_BARS], f"{ident}-cap"),
             f'<figcaption id="{ident}-cap">{_esc(t["chart"].format(what=heading))}']
    if len(rows) > MAX_BARS:
        parts.append(" " + _esc(t["chart_more"].format(shown=MAX_BARS, total=len(rows))))
    parts.append("</figcaption>\n</figure>\n<table>\n"
                 f'<caption class="sr-only">{_esc(heading)}</caption>\n<thead><tr>'
                 f'<th scope="col">{_esc(column)}</th><th scope="col" class="num">'
                 f"{_esc(t['count'])}</th></tr></thead>\n<tbody>\n")
    parts.extend(f'<tr><th scope="row"><code>{_esc(name)}</code></th>'
                 f'<td class="num">{count}</td></tr>\n' for name, count in rows)
    parts.append("</tbody>\n</table>\n</section>\n")
    return "".join(parts)


def _chart(rows: list[tuple[str, int]], caption: str) -> str:
    """Horizontal bars with the name and count written beside each, as inline SVG."""
    width, label_width, bar, gap = 760, 330, 20, 8
    room = width - label_width - 60
    most = max(count for _, count in rows)
    height = len(rows) * (bar + gap)
    out = [f'<svg role="img" aria-labelledby="{caption}" width="100%" '
           f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">\n']
    for index, (name, count) in enumerate(rows):
        y = index * (bar + gap)
        label = name if len(name) <= LABEL else name[: LABEL - 1] + "…"
        length = max(2, round(room * count / most))
        out.append(f"<g><title>{_esc(name)}: {count}</title>"
                   f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">'
                   f"{_esc(label)}</text>"
                   f'<rect class="bar" x="{label_width}" y="{y}" width="{length}" '
                   f'height="{bar}"></rect>'
                   f'<text x="{label_width + length + 6}" y="{y + 15}">{count}</text></g>\n')
    out.append("</svg>\n")
    return "".join(out)


def _options(values: Iterable[tuple[str, str, int]], t: dict[str, str]) -> str:
    """``option`` elements: all, then each (value, label, count)."""
    out = [f'<option value="">{_esc(t["all"])}</option>']
    out.extend(f'<option value="{_esc(value)}">{_esc(label)} ({count})</option>'
               for value, label, count in values)
    return "".join(out)


def _findings(report: Report, t: dict[str, str], concepts: Counter[str],
              files: Counter[str], anchors: dict[str, str]) -> str:
    total = len(report.findings)
    parts = [f'<section aria-labelledby="findings-h" id="findings">\n'
             f'<h2 id="findings-h">{_esc(t["findings_h"])}</h2>\n']
    if not total:
        parts.append(f"<p>{_esc(t['none'])}</p>\n</section>\n")
        return "".join(parts)
    severities = Counter(f.severity for f in report.findings)
    selects = [
        ("severity", t["severity"], _options(((str(s), t[f"severity_{s}"], severities[s])
                                              for s in sorted(severities, reverse=True)), t)),
        ("concept", t["concept"], _options(((c, c, n) for c, n in sorted(concepts.items())), t)),
        ("file", t["file"], _options(((p, p, n) for p, n in sorted(files.items())), t)),
    ]
    parts.append(f'<form id="filters" class="filters" hidden aria-label="{_esc(t["filters"])}">\n')
    for name, label, options in selects:
        parts.append(f'<div><label for="filter-{name}">{_esc(label)}</label>'
                     f'<select id="filter-{name}" name="{name}">{options}</select></div>\n')
    parts.append(f'<div><button type="reset">{_esc(t["reset"])}</button></div>\n</form>\n'
                 f'<p id="status" class="status" role="status" aria-live="polite" '
                 f'data-template="{_esc(t["shown"])}">'
                 f"{_esc(t['shown'].format(shown=total, total=total))}</p>\n"
                 f'<p id="none-shown" hidden>{_esc(t["none_shown"])}</p>\n'
                 '<ol class="findings">\n')
    for index, f in enumerate(report.findings, 1):
        parts.append(_finding(index, f, report, t, anchors.get(f.rule)))
    parts.append("</ol>\n</section>\n")
    return "".join(parts)


def _lang_attrs(report: Report) -> tuple[str, str]:
    """``lang`` attributes for the parts not in the interface's language (WCAG 3.1.2): the
    quoted file text and fixes when every checked file had one language, and termlint's
    messages and explanations, which are English."""
    interface = report.interface_language
    content = next(iter(report.languages)) if len(report.languages) == 1 else interface
    return ("" if content == interface else f' lang="{_esc(content)}"',
            "" if interface == "en" else ' lang="en"')


def _finding(index: int, f: Finding, report: Report, t: dict[str, str],
             anchor: str | None) -> str:
    severity = str(f.severity)
    content, english = _lang_attrs(report)
    where = f"{_esc(f.path)}:{f.line}:{f.column}"
    href = _file_href(report.file_links, f)
    if href is not None:
        where = f'<a href="{_esc(href)}">{where}</a>'
    out = [f'<li data-severity="{severity}" data-concept="{_esc(concept_of(f))}" '
           f'data-file="{_esc(f.path)}">\n<article aria-labelledby="f{index}">\n'
           f'<h3 id="f{index}">{where}</h3>\n'
           f'<p><span class="badge sev-{severity}">{_esc(t["severity_" + severity])}</span> '
           f"<span{english}>{_esc(f.message)}</span></p>\n"]
    context = _context(report.texts.get(f.path), f)
    if context is not None:
        before, match, after = context
        out.append(f'<p class="context"><span class="sr-only">{_esc(t["context"])}: </span>'
                   f"<span{content}>{before}"
                   f'<mark title="{_esc(t["match"])}">{match}</mark>{after}</span></p>\n')
    out.append("<dl>\n")
    if f.suggestions:
        if f.verified:
            out.append(f"<dt>{_esc(t['fix'])}</dt><dd{content}><strong>"
                       f"{_esc(f.suggestions[0])}</strong></dd>\n")
            advice = f.suggestions[1:]
        else:
            advice = f.suggestions
        if advice:
            out.append(f"<dt>{_esc(t['advice'])}</dt><dd{content}>"
                       f"{_esc(', '.join(advice))}</dd>\n")
    out.append(f"<dt>{_esc(t['rule'])}</dt><dd><code>{_esc(f.rule)}</code></dd>\n")
    if f.key:
        out.append(f"<dt>{_esc(t['key'])}</dt><dd><code>{_esc(f.key)}</code></dd>\n")
    if f.source:
        out.append(f"<dt>{_esc(t['source'])}</dt><dd>{_source(f.source)}</dd>\n")
    out.append("</dl>\n")
    # Each explanation is written once (a rule's is the same for all its findings; a corpus
    # has thousands of findings of a few rules): the link leads to it, and the script copies
    # it into the finding when the details are opened.
    if anchor is not None:
        out.append(f'<details data-explain="{anchor}"><summary>{_esc(t["explanation"])}'
                   f'</summary><p><a href="#{anchor}">{_esc(t["explanation"])}: '
                   f"<code>{_esc(f.rule)}</code></a></p></details>\n")
    else:
        out.append(f"<details><summary>{_esc(t['explanation'])}</summary>"
                   f"<p>{_esc(t['no_explanation'])}</p></details>\n")
    out.append("</article>\n</li>\n")
    return "".join(out)


def _explanations(report: Report, t: dict[str, str], anchors: dict[str, str]) -> str:
    """The ``termlint explain`` text of every rule reported, once each."""
    if not anchors:
        return ""
    english = "" if report.interface_language == "en" else ' lang="en"'
    parts = [f'<section aria-labelledby="explanations-h">\n<h2 id="explanations-h">'
             f"{_esc(t['explanations'])}</h2>\n"]
    for rule, anchor in anchors.items():
        parts.append(f'<article id="{anchor}" aria-labelledby="{anchor}-h">\n'
                     f'<h3 id="{anchor}-h"><code>{_esc(rule)}</code></h3>\n'
                     f"<pre{english}>{_esc(report.explanations[rule])}</pre>\n</article>\n")
    parts.append("</section>\n")
    return "".join(parts)


def _context(text: str | None, f: Finding) -> tuple[str, str, str] | None:
    """The escaped text before the match on its first line, the match and the rest of its last
    line, each side cut to :data:`CONTEXT` characters with ``…``; None when the positions do not
    fit the text (a report built without it)."""
    if text is None:
        return None
    start = f.offset - (f.column - 1)
    if not 0 <= start <= f.offset <= f.end_offset <= len(text):
        return None
    end = text.find("\n", f.end_offset)
    end = len(text) if end < 0 else end
    before, after = text[start : f.offset], text[f.end_offset : end].rstrip("\r")
    if len(before) > CONTEXT:
        before = "…" + before[-CONTEXT:]
    if len(after) > CONTEXT:
        after = after[:CONTEXT] + "…"
    return _esc(before), _esc(text[f.offset : f.end_offset]), _esc(after)


def _source(source: str) -> str:
    """A vocabulary's source citation with its first http(s) address made a link."""
    found = _URL.search(source)
    if found is None:
        return _esc(source)
    url = found.group()
    return (_esc(source[: found.start()]) + f'<a href="{_esc(url)}">{_esc(url)}</a>'
            + _esc(source[found.end() :]))


def _file_href(template: str | None, f: Finding) -> str | None:
    """The link to a finding's file: ``{path}`` and ``{line}`` filled in, the path
    percent-encoded (so no file name can end the attribute or start a ``javascript:`` URL); an
    absolute path under a relative template is linked as a ``file:`` URL."""
    if template is None:
        return None
    path = quote(f.path.replace(os.sep, "/"), safe="/", errors="surrogateescape")
    if os.path.isabs(f.path) and "://" not in template:
        return "file://" + path
    return template.replace("{path}", path).replace("{line}", str(f.line))
