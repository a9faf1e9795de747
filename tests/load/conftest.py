"""A private parse cache folder for tests that look inside it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.load import parse_cache


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty parse cache in `tmp_path/cache`, switched on, for this test only."""
    where = tmp_path / "cache"
    monkeypatch.setenv(parse_cache.ENV_DIR, str(where))
    monkeypatch.delenv(parse_cache.ENV_SWITCH, raising=False)
    parse_cache.folder.cache_clear()
    yield where
    parse_cache.folder.cache_clear()
