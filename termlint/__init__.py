"""termlint: keep Finnish and Swedish social- and health-service texts on THL's terminology."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from termlint.version import __version__

if TYPE_CHECKING:
    from termlint.api import lint_text as lint_text
    from termlint.buffer import BufferError as BufferError
    from termlint.buffer import lint_buffer as lint_buffer


def __getattr__(name: str) -> Any:
    # Lazy, so that `termlint --version` and imports of the model stay cheap.
    if name == "lint_text":
        from termlint.api import lint_text

        return lint_text
    if name in ("lint_buffer", "BufferError"):
        from termlint import buffer

        return getattr(buffer, name)
    raise AttributeError(name)


__all__ = ["BufferError", "__version__", "lint_buffer", "lint_text"]
