"""termlint: keep Finnish and Swedish social- and health-service texts on THL's terminology."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from termlint.version import __version__

if TYPE_CHECKING:
    from termlint.api import lint_text as lint_text


def __getattr__(name: str) -> Any:
    # Lazy, so that `termlint --version` and imports of the model stay cheap.
    if name == "lint_text":
        from termlint.api import lint_text

        return lint_text
    raise AttributeError(name)


__all__ = ["__version__", "lint_text"]
