"""The JSON shapes that tools outside the project read: keep these keys stable."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assistant.indexing.versions import superseded_note
from assistant.ingest.periods import describe_period
from assistant.models import Activity, Answer, Chunk, Citation, Passage


def source_url(doc_id: str, chunk_id: str, marks: Sequence[tuple[int, int]] = ()) -> str:
    """Return the source-view URL that opens a document at one of its chunks, highlighted, with the
    quoted stretches (`marks`: start and end in the document's text) marked."""
    query = "?markera=" + ",".join(f"{start}-{end}" for start, end in marks) if marks else ""
    return f"/documents/{doc_id}{query}#chunk-{chunk_id}"


def chunk_url(chunk: Chunk, marks: Sequence[tuple[int, int]] = ()) -> str:
    """Return the source-view URL that opens a chunk's document at the chunk, the quoted stretches marked."""
    return source_url(chunk.doc_id, chunk.chunk_id, marks)


def _folded(text: str) -> str:
    return " ".join(text.replace("/", " ").split()).casefold().strip(" –-")


def display_section(chunk: Chunk) -> str:
    """The chunk's section path without the headings that only repeat its document's title (the title
    is shown beside it already)."""
    parts = chunk.section.split(" › ") if chunk.section else []
    title = _folded(chunk.title)
    while parts and (_folded(parts[0]) in title or title in _folded(parts[0])):
        parts.pop(0)
    return " › ".join(parts)


def page_label(chunk: Chunk) -> str:
    """Where in its file a chunk stands, as staff say it: "bild 3" in a presentation, "s. 3" elsewhere."""
    if chunk.page is None:
        return ""
    return f"bild {chunk.page}" if chunk.document.lower().endswith(".pptx") else f"s. {chunk.page}"


def source_line(chunk: Chunk) -> str:
    """A source as one line for people: title, section, page and date ("Årsrapport 2025 – Sammanfattning, s. 4, 2026-03-13")."""
    section = display_section(chunk)
    place = ", ".join(part for part in (section, page_label(chunk), chunk.dated) if part)
    return f"{chunk.title} – {place}" if place else chunk.title


def _chunk_fields(chunk: Chunk) -> dict[str, Any]:
    return {
        "document": chunk.document,
        "title": chunk.title,
        "section": display_section(chunk),
        "page": chunk.page,
        "page_label": page_label(chunk) or None,
        "date": chunk.dated,
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
    """Return one citation as `{"n", "document", "title", "section", "page", "date", "chunk_id", "quote", "url"}`;
    `section` leaves out headings that repeat the title, and `date` is when the document is from.

    A citation from an older version of a plan also has `"superseded_by"` (the version replacing
    it) and `"version_note"` ("äldre version, ersatt av …"); both are null for a current document.
    """
    return {"n": citation.n, **_chunk_fields(citation.chunk), "quote": citation.quote, "url": citation.url,
            "superseded_by": citation.superseded_by or None,
            "version_note": superseded_note(citation.superseded_by) or None}


def answer_json(answer: Answer) -> dict[str, Any]:
    """Return the ask contract: `{"question", "answer", "found", "citations": [...]}` (+ "related", "activities",
    and "mode": "generated" | "extractive" with "fallback": null or why a model's answer was not used)."""
    return {
        "question": answer.question,
        "answer": answer.text,
        "found": answer.found,
        "citations": [citation_json(c) for c in answer.citations],
        "related": [passage_json(p) for p in answer.related],
        "activities": [activity_json(a) for a in answer.activities],
        "mode": answer.mode,
        "fallback": answer.fallback,
    }


def shown_period(period: str, text: str) -> str:
    """A start or deadline as every page shows it: the normalised period in words ("oktober 2025"),
    else the cell as written."""
    return describe_period(period) if period else text


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
        "start_shown": shown_period(activity.start_period, activity.start),
        "deadline": activity.deadline,
        "deadline_period": activity.deadline_period,
        "deadline_shown": shown_period(activity.deadline_period, activity.deadline),
        "follow_up": activity.follow_up,
        "status": activity.status,
        "continued": activity.continued,
        "cells": [{"header": cell.header, "text": cell.text} for cell in activity.cells],
        "url": source_url(activity.doc_id, activity.chunk_id),
    }
