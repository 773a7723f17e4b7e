"""A value built the first time it is needed, once, from any thread.

termlint defers whatever a run may never need (libvoikko, the Swedish lemmatiser, the
inflector and its forms cache): start-up is a large share of a pre-commit run. The objects
that stand in for them hold one of these.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class OnFirstUse(Generic[T]):
    """``factory()``, called by the first :meth:`get` and remembered."""

    def __init__(self, factory: Callable[[], T]) -> None:
        self._factory = factory
        self._value: T | None = None
        self._lock = threading.Lock()

    @property
    def made(self) -> bool:
        return self._value is not None

    def get(self) -> T:
        value = self._value
        if value is None:
            with self._lock:
                if self._value is None:
                    self._value = self._factory()
                value = self._value
        return value
