"""The scaled corpus: hundreds of varied documents made from the sample, built, queried and changed.

Loading, cleaning, chunking, term indexing and writing run for real; the passage vectors are
borrowed (see bench/borrowed.py), while questions, and the text of a changed document, are
embedded by the real model.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

from assistant.indexing.store import current_generation
from assistant.settings import Settings
from bench.borrowed import BorrowedVectors, real_vectors
from bench.children import run_child
from bench.measure import disk_mb
from bench.scaled_corpus import make_scaled_corpus

SEED = 20260
# What the changed document gains: a new paragraph, as an edit to a plan would add.
ADDED_PARAGRAPH = (
    "Tillägg efter uppföljningen: arbetsgruppen går igenom rutinen för samordnad individuell plan "
    "varje kvartal, redovisar antalet genomförda planer till styrgruppen och föreslår förbättringar "
    "av kallelser, dokumentation och uppföljning tillsammans med brukarorganisationerna."
)


def generate(source: Path, target: Path, documents: int) -> dict[str, Any]:
    """Write the scaled corpus and report how long it took and what it holds."""
    began = time.monotonic()
    paths = make_scaled_corpus(source, target, documents, SEED)
    return {
        "documents": len(paths),
        "formats": dict(Counter(p.suffix for p in paths)),
        "generate_seconds": round(time.monotonic() - began, 2),
        "corpus_disk_mb": disk_mb(target),
    }


def build(corpus: Path, index: Path, sample_index: Path, work: Path) -> dict[str, Any]:
    """Build the scaled index in a child process, with vectors borrowed from the sample index."""
    name, texts, vectors = real_vectors(sample_index)
    borrow = work / "borrowed.npz"
    BorrowedVectors.save(borrow, name, texts, vectors)
    result = run_child(["build", str(corpus), str(index), Settings().embedder, "--borrow", str(borrow)])
    return {**result, "index_disk_mb": disk_mb(current_generation(index)), "vectors": "synthetic (borrowed)"}


def change_one_document(corpus: Path) -> Path:
    """Edit the first text document of the corpus: add a paragraph at its end; return its path."""
    path = sorted(corpus.glob("*.txt"))[0]
    path.write_text(path.read_text(encoding="utf-8").rstrip() + "\n\n" + ADDED_PARAGRAPH + "\n", encoding="utf-8")
    return path


def reindex_after_change(corpus: Path, index: Path, embedder: str) -> dict[str, Any]:
    """Change one document, then update the index in a child process with the real embedder."""
    changed = change_one_document(corpus)
    result = run_child(["build", str(corpus), str(index), embedder])
    return {**result, "document": changed.name}


def latency(corpus: Path, index: Path, embedder: str, queries: int) -> dict[str, Any]:
    """Time question embedding, `search` and `ask` on an index, in a fresh process."""
    return run_child(["latency", str(corpus), str(index), embedder, "--queries", str(queries)])
