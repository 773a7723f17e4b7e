"""Output formats: one module per format, each a ``render(report, out)`` function.

The CLI only looks a renderer up in :data:`REPORTERS`; no format logic lives anywhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from termlint.model import FileError, Finding


@dataclass
class Report:
    """Everything a renderer may show about one run."""

    findings: list[Finding]
    errors: list[FileError]
    files: int
    fixed: list[Finding] = field(default_factory=list)
    #: File text by path, for renderers that quote the source line.
    texts: dict[str, str] = field(default_factory=dict)
    #: Files checked per language, for the summary line.
    languages: dict[str, int] = field(default_factory=dict)
    #: ``termlint explain`` text by rule id, for the HTML report (the CLI fills it in only for
    #: that format: reports know no vocabulary).
    explanations: dict[str, str] = field(default_factory=dict)
    #: Language of the HTML report's interface text (``en`` or ``fi``).
    interface_language: str = "en"
    #: How the HTML report links a finding to its file: a template with ``{path}`` and
    #: ``{line}`` (``--source-url``, or a path relative to the report); None: no link.
    file_links: str | None = None
    #: False with ``--quiet``: the text report leaves out its summary line.
    summary: bool = True


Renderer = Callable[[Report, TextIO], None]


#: Format name -> module in this package.
_MODULES = {"text": "text", "json": "json_report", "sarif": "sarif", "github": "github",
            "junit": "junit", "checkstyle": "checkstyle", "gitlab": "gitlab",
            "concise": "concise", "html": "html"}

#: Formats a person reads: written in the output's own encoding, anything it cannot hold
#: escaped. The others are documents in UTF-8 whatever the locale (JSON and XML say so).
HUMAN = frozenset({"text", "concise", "github"})


def _lazy(module: str) -> Renderer:
    def render(report: Report, out: TextIO) -> None:
        import importlib

        real: Renderer = importlib.import_module(f"termlint.report.{module}").render
        real(report, out)

    return render


#: Format name -> renderer; each module is imported the first time its format is used.
REPORTERS: dict[str, Renderer] = {name: _lazy(module) for name, module in _MODULES.items()}

__all__ = ["HUMAN", "REPORTERS", "Renderer", "Report"]
