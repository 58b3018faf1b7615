"""Versions of the same plan: which indexed document replaces which, and answers that prefer the newest.

Two documents are versions of one plan when they share a title, or a series: the file name
without its years, dates and version numbers ("handlingsplan-molndal-2024.txt" and
"handlingsplan-molndal-2025.txt"). A report describes its own year, so for reports the year
stays in the series: the 2025 annual report does not replace the 2024 one. Within a group,
the document with the latest date (else year, then version) is the current one; the others
are superseded by it when what both state shows them older. Documents that cannot be told
apart (the same date and version, or nothing stated) supersede nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from assistant.models import Answer, DocumentInfo, Passage

# A passage of an old version yields to one of the newest version that scores at least this share of it.
COMPARABLE = 0.8

_DATE = re.compile(r"(?<!\d)(?:19|20)\d\d-?[01]\d-?[0-3]\d(?!\d)")
_VERSION = re.compile(r"(?<![a-zåäö])(?:version|ver|rev|v)[\s._-]*\d+(?:[._-]\d+)*", re.IGNORECASE)
_DRAFT = re.compile(r"(?<![a-zåäö])(?:utkast|reviderad|slutlig|final|kopia)(?![a-zåäö])", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_REPORT = re.compile(r"rapport|uppföljning|uppfoljning|protokoll|minnesanteckning|utvärdering|utvardering|"
                     r"redovisning|bokslut", re.IGNORECASE)


def _words(text: str) -> str:
    return " ".join(re.findall(r"[0-9a-zåäöéü]+", text.casefold()))


def title_key(info: DocumentInfo) -> str:
    """Return the document's title without dates and version numbers, folded for comparison."""
    return _words(_VERSION.sub(" ", _DATE.sub(" ", info.title)))


def series_key(info: DocumentInfo) -> str:
    """Return the file name without dates, version numbers (and, for plans, years), folded."""
    stem = PurePosixPath(info.path.replace("\\", "/")).stem
    stem = _DRAFT.sub(" ", _VERSION.sub(" ", _DATE.sub(" ", stem)))
    if not _REPORT.search(stem) and not _REPORT.search(info.title):
        stem = _YEAR.sub(" ", stem)
    return _words(stem)


def _version_numbers(version: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", version))


def _when(info: DocumentInfo) -> str:
    years = _YEAR.findall(f"{PurePosixPath(info.path).stem} {info.title}")
    return info.date or (max(years) if years else "")


def document_date(info: DocumentInfo) -> str:
    """When a document is from, as staff should see it beside a source: its date, else the year in its
    title or file name ("2022" for the meeting-structure slides), else ""."""
    return _when(info)


def recency(info: DocumentInfo) -> tuple[str, tuple[int, ...]]:
    """Return a sort key that grows with a document's date (else the year in its name) and version."""
    return _when(info), _version_numbers(info.version)


def is_older(info: DocumentInfo, other: DocumentInfo) -> bool:
    """Tell whether a document is an older version than another, by what both of them state.

    Dates are compared first, at the precision both give (a year alone matches any date in
    it), then version numbers; what only one of them states decides nothing.
    """
    mine, theirs = _when(info), _when(other)
    common = min(len(mine), len(theirs))
    if common and mine[:common] != theirs[:common]:
        return mine[:common] < theirs[:common]
    versions = _version_numbers(info.version), _version_numbers(other.version)
    return bool(versions[0] and versions[1]) and versions[0] < versions[1]


def version_groups(documents: Mapping[str, DocumentInfo]) -> list[list[DocumentInfo]]:
    """Return the groups of two or more documents that are versions of one plan, newest first."""
    parent = {doc_id: doc_id for doc_id in documents}

    def root(doc_id: str) -> str:
        while parent[doc_id] != doc_id:
            parent[doc_id] = parent[parent[doc_id]]
            doc_id = parent[doc_id]
        return doc_id

    first_with: dict[tuple[str, str], str] = {}
    for doc_id, info in documents.items():
        for key in (("title", title_key(info)), ("series", series_key(info))):
            if not key[1]:
                continue
            other = first_with.setdefault(key, doc_id)
            parent[root(doc_id)] = root(other)
    groups: dict[str, list[DocumentInfo]] = {}
    for doc_id, info in documents.items():
        groups.setdefault(root(doc_id), []).append(info)
    return [sorted(g, key=recency, reverse=True) for g in groups.values() if len(g) > 1]


def superseded(documents: Mapping[str, DocumentInfo]) -> dict[str, DocumentInfo]:
    """Map each superseded document's id to the newest version of its plan."""
    replaced: dict[str, DocumentInfo] = {}
    for group in version_groups(documents):
        newest = group[0]
        replaced.update((older.doc_id, newest) for older in group[1:] if is_older(older, newest))
    return replaced


def describe(info: DocumentInfo) -> str:
    """Name a document with what tells its versions apart: "Aktivitetsplan … (2026-05-21, version 2.8)"."""
    marks = [m for m in (info.date, f"version {info.version}" if info.version else "") if m]
    return f"{info.title} ({', '.join(marks)})" if marks else info.title


def superseded_note(superseded_by: str) -> str:
    """Return the mark a citation from an older version carries ("äldre version, ersatt av …")."""
    return f"äldre version, ersatt av {superseded_by}" if superseded_by else ""


def _flat(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class _Placed:
    passage: Passage
    position: float


def prefer_newest(passages: Sequence[Passage], replaced: Mapping[str, DocumentInfo]) -> list[Passage]:
    """Put the newest version first: drop an old version's passage the newest repeats word for word,
    and place one below a comparably good passage of the newest version. Ranks are renumbered.
    `replaced` is `superseded(documents)`."""
    if not any(p.chunk.doc_id in replaced for p in passages):
        return list(passages)
    placed: list[_Placed] = []
    for position, passage in enumerate(passages):
        newest = replaced.get(passage.chunk.doc_id)
        if newest is None:
            placed.append(_Placed(passage, position))
            continue
        rivals = [(i, p) for i, p in enumerate(passages) if p.chunk.doc_id == newest.doc_id]
        if any(_flat(p.chunk.text) == _flat(passage.chunk.text) for _, p in rivals):
            continue
        better = [i for i, p in rivals if p.score >= COMPARABLE * passage.score]
        placed.append(_Placed(passage, max(position, better[0] + 0.5) if better else position))
    ordered = sorted(placed, key=lambda item: item.position)
    return [replace(item.passage, rank=rank) for rank, item in enumerate(ordered, start=1)]


def mark_superseded(answer: Answer, replaced: Mapping[str, DocumentInfo]) -> Answer:
    """Return the answer with each citation from an older version marked with the version replacing it
    (`replaced` is `superseded(documents)`)."""
    if not any(c.chunk.doc_id in replaced for c in answer.citations):
        return answer
    citations = tuple(
        replace(c, superseded_by=describe(replaced[c.chunk.doc_id])) if c.chunk.doc_id in replaced else c
        for c in answer.citations
    )
    return replace(answer, citations=citations)
