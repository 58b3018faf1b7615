"""The FAISS index type follows the index's size: exact search while it is fast, IVF beyond."""

from __future__ import annotations

import json

import faiss
import numpy as np

from assistant.indexing.store import FLAT_UP_TO, StoredIndex, vector_index


def test_the_sample_index_is_searched_exactly(assistant) -> None:  # type: ignore[no-untyped-def]
    assert assistant.index.vectors.ntotal < FLAT_UP_TO
    assert isinstance(assistant.index.vectors, faiss.IndexFlatIP)


def test_past_the_limit_ivf_finds_what_exact_search_finds(assistant, embedder, shared_dir) -> None:  # type: ignore[no-untyped-def]
    index: StoredIndex = assistant.index
    vectors = index.vectors.reconstruct_n(0, index.vectors.ntotal)
    inverted = vector_index(vectors, flat_up_to=len(vectors) - 1)
    assert isinstance(inverted, faiss.IndexIVFFlat)
    assert np.allclose(inverted.reconstruct(7), vectors[7])
    questions = [json.loads(line)["q"] for line in (shared_dir / "eval" / "dev.jsonl").read_text().splitlines() if line]
    queries = embedder.embed_queries(questions)
    _, exact = vector_index(vectors).search(queries, 10)
    _, found = inverted.search(queries, 10)
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(exact, found)])
    assert recall >= 0.95 and np.array_equal(exact[:, 0], found[:, 0])
