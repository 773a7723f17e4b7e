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


Renderer = Callable[[Report, TextIO], None]


def _load() -> dict[str, Renderer]:
    from termlint.report import checkstyle, github, gitlab, json_report, junit, sarif, text

    return {"text": text.render, "json": json_report.render, "sarif": sarif.render,
            "github": github.render, "junit": junit.render, "checkstyle": checkstyle.render,
            "gitlab": gitlab.render}


REPORTERS: dict[str, Renderer] = _load()

__all__ = ["REPORTERS", "Renderer", "Report"]
