"""The JSON shapes that tools outside the project read: keep these keys stable."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assistant.models import Answer, Chunk, Citation, Passage


def chunk_url(chunk: Chunk) -> str:
    """Return the source-view URL that opens a chunk's document at the chunk, highlighted."""
    return f"/documents/{chunk.doc_id}#chunk-{chunk.chunk_id}"


def _chunk_fields(chunk: Chunk) -> dict[str, Any]:
    return {
        "document": chunk.document,
        "title": chunk.title,
        "section": chunk.section,
        "page": chunk.page,
        "chunk_id": chunk.chunk_id,
    }


def passage_json(passage: Passage) -> dict[str, Any]:
    """Return one search hit as `{"rank", "score", "text", "document", "title", …}`."""
    return {
        "rank": passage.rank,
        "score": round(float(passage.score), 6),
        "text": passage.chunk.text,
        **_chunk_fields(passage.chunk),
        "url": chunk_url(passage.chunk),
    }


def search_json(question: str, passages: Sequence[Passage]) -> dict[str, Any]:
    """Return the search contract: `{"question": str, "passages": [...]}`."""
    return {"question": question, "passages": [passage_json(p) for p in passages]}


def citation_json(citation: Citation) -> dict[str, Any]:
    """Return one citation as `{"n", "document", "title", "section", "page", "chunk_id", "quote", "url"}`."""
    return {"n": citation.n, **_chunk_fields(citation.chunk), "quote": citation.quote, "url": citation.url}


def answer_json(answer: Answer) -> dict[str, Any]:
    """Return the ask contract: `{"question", "answer", "found", "citations": [...]}` (+ "related")."""
    return {
        "question": answer.question,
        "answer": answer.text,
        "found": answer.found,
        "citations": [citation_json(c) for c in answer.citations],
        "related": [passage_json(p) for p in answer.related],
    }
