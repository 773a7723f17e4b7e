"""Shared fixtures: one analyser and one engine per test session (loading Voikko costs ~50 ms)."""

from __future__ import annotations

import os
import tempfile

import pytest

# Tests never touch the user's cache folder (~/.cache/termlint).
os.environ.setdefault("TERMLINT_CACHE_DIR", tempfile.mkdtemp(prefix="termlint-test-cache-"))

from termlint.api import build_engine
from termlint.engine import Engine
from termlint.morphology import Morphology


@pytest.fixture(scope="session")
def morphology() -> Morphology:
    return Morphology()


@pytest.fixture(scope="session")
def engine(morphology: Morphology) -> Engine:
    return build_engine(morphology=morphology)
