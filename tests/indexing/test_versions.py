"""Versions of one plan: which document replaces which, answers that prefer the newest, marked citations."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from assistant.answering.present import answer_json
from assistant.cli import main
from assistant.core import Assistant
from assistant.embedding.base import Embedder
from assistant.indexing.build import build_index, version_and_date
from assistant.indexing.versions import describe, is_older, prefer_newest, series_key, superseded, version_groups
from assistant.models import DocumentInfo
from assistant.search.retrieve import search
from assistant.settings import Settings

CopyCorpus = Callable[[Path, list[str]], Settings]
ROOT = Path(__file__).resolve().parents[2]
PLAN = "aktivitetsplan-nosam-barn-och-unga-2026.docx"
OLD_PLAN = "aktivitetsplan-nosam-barn-och-unga-2026-v2.5.docx"
OLD_ROW = "Gamla rutinen: SIP skrivs på papper och faxas till vårdcentralen varje fredag."


def info(path: str, title: str = "", date: str = "", version: str = "") -> DocumentInfo:
    """A document record as the index keeps it."""
    return DocumentInfo(path.replace(".", "-"), path, title or path, "txt", None, 1, "2026-01-01 10:00", version, date)


def test_version_and_date_are_read_as_the_documents_write_them() -> None:
    assert version_and_date("Aktivitetsplan NOSAM 2026\n\n2026-05-21\n\nVersion.2.8\n\nI planen") == ("2.8", "2026-05-21")
    assert version_and_date("Årsrapport 2025\n\nDatum: 2026-03-13\n\nFastställt av …") == ("", "2026-03-13")
    assert version_and_date("Handlingsplan 2024\n\nFastställd: 2024-02-07\n\nSenast ändrad: 2024-02-07") == (
        "", "2024-02-07")
    # A labelled date wins over one the text merely mentions; "versionen" is no version number.
    assert version_and_date("Beslut 2023-01-10 gäller. Reviderad: 2024-06-01. I versionen 3 ändras") == (
        "", "2024-06-01")


def test_series_leave_out_years_dates_and_versions_but_reports_keep_their_year() -> None:
    assert series_key(info("handlingsplan-nosam-molndal-2024.txt")) == "handlingsplan nosam molndal"
    assert series_key(info("Handlingsplan NOSAM Mölndal 2025 v3.docx")) == "handlingsplan nosam mölndal"
    assert series_key(info("plan-2026-05-21-reviderad.md")) == "plan"
    assert series_key(info("arsrapport-samla-2025.pdf", "Årsrapport 2025")) == "arsrapport samla 2025"


def test_which_is_older_is_read_from_what_both_documents_state() -> None:
    assert is_older(info("a", date="2024-02-07"), info("b", date="2025-01-01"))
    assert is_older(info("a-2024.txt"), info("b", date="2025-03-01"))  # a year alone
    assert not is_older(info("a-2025.txt"), info("b", date="2025-03-01"))  # the same year: unknown
    assert is_older(info("a", date="2026-05-21", version="2.9"), info("b", date="2026-05-21", version="2.10"))
    assert not is_older(info("a", date="2026-05-21"), info("b", date="2026-05-21", version="2.8"))
    assert not is_older(info("a"), info("b"))


def test_plans_of_different_years_are_versions_but_reports_and_copies_are_not() -> None:
    documents = {d.doc_id: d for d in (
        info("handlingsplan-nosam-molndal-2024.txt", "Handlingsplan 2024/NOSAM Mölndal/", "2024-02-07"),
        info("handlingsplan-nosam-molndal-2025.txt", "Handlingsplan 2025/NOSAM Mölndal/", "2025-02-12"),
        info("arsrapport-samla-2024.pdf", "Årsrapport 2024", "2025-03-10"),
        info("arsrapport-samla-2025.pdf", "Årsrapport 2025", "2026-03-13"),
        info("plan.docx", "Aktivitetsplan NOSAM", "2026-05-21", "2.8"),
        info("plan.pdf", "Aktivitetsplan NOSAM", "2026-05-21", "2.8"),
    )}
    replaced = superseded(documents)
    assert {old: new.path for old, new in replaced.items()} == {
        "handlingsplan-nosam-molndal-2024-txt": "handlingsplan-nosam-molndal-2025.txt"}
    assert len(version_groups(documents)) == 2  # the two Mölndal plans; the Word and PDF copies


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory: pytest.TempPathFactory, corpus_copy: CopyCorpus, embedder: Embedder) -> Settings:
    """The activity plan (2026-05-21, version 2.8) and an older version of it (2025-11-03, version 2.5)
    whose SIP row says something else."""
    settings = corpus_copy(tmp_path_factory.mktemp("versions"), [PLAN])
    plan = docx.Document(str(settings.corpus / PLAN))
    assert [p.text for p in plan.paragraphs[1:3]] == ["2026-05-21", "Version.2.8"]
    plan.paragraphs[1].text = "2025-11-03"
    plan.paragraphs[2].text = "Version.2.5"
    sip_row = plan.tables[0].rows[1]
    assert sip_row.cells[1].text.startswith("Samordnad individuell plan")
    sip_row.cells[2].text = OLD_ROW
    plan.save(str(settings.corpus / OLD_PLAN))
    build_index(settings, embedder)
    return settings


@pytest.fixture(scope="module")
def versions_assistant(two_versions: Settings, embedder: Embedder) -> Assistant:
    """The assistant over both versions."""
    return Assistant.open(two_versions, embedder)


def test_the_index_knows_the_older_version_and_what_replaces_it(versions_assistant: Assistant) -> None:
    documents = versions_assistant.index.documents
    by_path = {d.path: d for d in documents.values()}
    old, new = by_path[OLD_PLAN], by_path[PLAN]
    assert (old.date, old.version, new.date, new.version) == ("2025-11-03", "2.5", "2026-05-21", "2.8")
    assert superseded(documents) == {old.doc_id: new}
    assert describe(new) == f"{new.title} (2026-05-21, version 2.8)"


def test_a_passage_both_versions_share_is_cited_from_the_newest(versions_assistant: Assistant) -> None:
    index = versions_assistant.index
    new_id = next(d.doc_id for d in index.documents.values() if d.path == PLAN)
    question = "Vad ska göras för att öka skolnärvaron?"
    raw = search(index, versions_assistant.embedder, question, 10)
    assert {p.chunk.document for p in raw} == {PLAN, OLD_PLAN}  # both copies are found …
    preferred = prefer_newest(raw, index.superseded)
    assert [p.rank for p in preferred] == list(range(1, len(preferred) + 1))
    newest_texts = {p.chunk.text for p in preferred if p.chunk.doc_id == new_id}
    # … but the old version's copy of a passage the newest also has is dropped.
    assert all(p.chunk.text not in newest_texts for p in preferred if p.chunk.document == OLD_PLAN)
    answer = versions_assistant.ask(question)
    assert answer.found and answer.citations
    assert all(c.chunk.document == PLAN and not c.superseded_by for c in answer.citations)


def test_a_citation_from_the_older_version_is_marked(versions_assistant: Assistant) -> None:
    answer = versions_assistant.ask("Skrivs SIP på papper och faxas till vårdcentralen?")
    old = [c for c in answer.citations if c.chunk.document == OLD_PLAN]
    assert answer.found and old, answer
    new = next(d for d in versions_assistant.documents() if d.path == PLAN)
    assert all(c.superseded_by == describe(new) for c in old)
    cited = answer_json(answer)["citations"]
    marked = [c for c in cited if c["document"] == OLD_PLAN]
    assert marked[0]["superseded_by"] == f"{new.title} (2026-05-21, version 2.8)"
    assert marked[0]["version_note"] == f"äldre version, ersatt av {new.title} (2026-05-21, version 2.8)"
    assert all(c["superseded_by"] is None for c in cited if c["document"] == PLAN)


def test_the_cli_and_the_documents_page_mark_the_older_version(
    two_versions: Settings, versions_assistant: Assistant, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "Skrivs SIP på papper och faxas till vårdcentralen?",
                 "--corpus", str(two_versions.corpus), "--index", str(two_versions.index)]) == 0
    printed = capsys.readouterr().out
    assert re.search(rf"\({re.escape(OLD_PLAN)}\) – äldre version, ersatt av Aktivitetsplan", printed), printed

    from assistant.web.app import create_app

    html = create_app(two_versions, versions_assistant).test_client().get("/dokument").get_data(as_text=True)
    old_id = next(d.doc_id for d in versions_assistant.documents() if d.path == OLD_PLAN)
    row = re.search(rf'<tr data-doc-id="{old_id}" class="is-superseded">.*?</tr>', html, re.S)
    assert row and "Äldre version, ersatt av" in row.group(0) and "2026-05-21, version 2.8" in row.group(0)
