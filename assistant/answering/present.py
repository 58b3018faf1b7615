"""The JSON shapes that tools outside the project read: keep these keys stable."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assistant.indexing.versions import superseded_note
from assistant.models import Activity, Answer, Chunk, Citation, Passage


def source_url(doc_id: str, chunk_id: str) -> str:
    """Return the source-view URL that opens a document at one of its chunks, highlighted."""
    return f"/documents/{doc_id}#chunk-{chunk_id}"


def chunk_url(chunk: Chunk) -> str:
    """Return the source-view URL that opens a chunk's document at the chunk, highlighted."""
    return source_url(chunk.doc_id, chunk.chunk_id)


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
    """Return one citation as `{"n", "document", "title", "section", "page", "chunk_id", "quote", "url"}`.

    A citation from an older version of a plan also has `"superseded_by"` (the version replacing
    it) and `"version_note"` ("äldre version, ersatt av …"); both are null for a current document.
    """
    return {"n": citation.n, **_chunk_fields(citation.chunk), "quote": citation.quote, "url": citation.url,
            "superseded_by": citation.superseded_by or None,
            "version_note": superseded_note(citation.superseded_by) or None}


def answer_json(answer: Answer) -> dict[str, Any]:
    """Return the ask contract: `{"question", "answer", "found", "citations": [...]}` (+ "related", "activities")."""
    return {
        "question": answer.question,
        "answer": answer.text,
        "found": answer.found,
        "citations": [citation_json(c) for c in answer.citations],
        "related": [passage_json(p) for p in answer.related],
        "activities": [activity_json(a) for a in answer.activities],
    }


def activity_json(activity: Activity) -> dict[str, Any]:
    """Return one register row: its normalised fields, its original cells, and its source `url`."""
    return {
        "id": activity.id,
        "document": activity.document,
        "title": activity.title,
        "doc_id": activity.doc_id,
        "chunk_id": activity.chunk_id,
        "page": activity.page,
        "target_group": activity.target_group,
        "goal": activity.goal,
        "what": activity.what,
        "how": activity.how,
        "responsible": list(activity.responsible),
        "start": activity.start,
        "start_period": activity.start_period,
        "deadline": activity.deadline,
        "deadline_period": activity.deadline_period,
        "follow_up": activity.follow_up,
        "status": activity.status,
        "continued": activity.continued,
        "cells": [{"header": cell.header, "text": cell.text} for cell in activity.cells],
        "url": source_url(activity.doc_id, activity.chunk_id),
    }
