"""Incremental, atomic and watched reindexing, on writable copies of the sample corpus."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from assistant.core import Assistant
from assistant.embedding.base import Embedder
from assistant.errors import AssistantError
from assistant.indexing.build import EMBEDDING, READING, BuildSummary, build_index, build_lock
from assistant.indexing.store import CURRENT, StoredIndex, current_generation
from assistant.indexing.watch import corpus_snapshot, watch_corpus
from assistant.settings import Settings

CopyCorpus = Callable[[Path, list[str]], Settings]
ROOT = Path(__file__).resolve().parents[2]
PLAN = "aktivitetsplan-nosam-barn-och-unga-2026.docx"
MEETINGS = "motesstruktur-nosam-lerum-alingsas-2022.txt"
FOLLOW_UP = "uppfoljning-samverkan-barn-och-unga-alingsas-2023.txt"
REPORT_PDF = "arsrapport-samla-2025.pdf"

NEW_DOCUMENT = """Zebralyftet 2026

Zebralyftet är ett nytt projekt för äldre med psykisk ohälsa i Lerum. Projektet drivs av NOSAM Lerum
tillsammans med vårdcentralerna och ska ge fler äldre stöd i hemmet.

Projektledare är Karin Zebrasson. Projektet följs upp varje halvår i NOSAM.
"""


class RecordingEmbedder:
    """The real embedder, keeping every passage it is asked to embed (to see what a build embeds)."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.passages: list[str] = []

    @property
    def name(self) -> str:
        """The real embedder's name."""
        return self.inner.name

    @property
    def dim(self) -> int:
        """The real embedder's vector length."""
        return self.inner.dim

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed questions with the real embedder."""
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Record the passages, then embed them with the real embedder."""
        self.passages.extend(texts)
        return self.inner.embed_passages(texts, progress)


def _rows(index: StoredIndex, sql: str, *args: str) -> int:
    with sqlite3.connect(index.generation / "index.sqlite") as db:
        return int(db.execute(sql, args).fetchone()[0])


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, corpus_copy: CopyCorpus, embedder: Embedder) -> Settings:
    """A copy of the activity plan and two text documents, indexed once."""
    settings = corpus_copy(tmp_path_factory.mktemp("library"), [PLAN, MEETINGS, FOLLOW_UP])
    summary = build_index(settings, embedder)
    assert summary.added == tuple(sorted((PLAN, MEETINGS, FOLLOW_UP)))
    return settings


def test_add_change_and_delete_are_counted_and_reflected_everywhere(library: Settings, embedder: Embedder) -> None:
    before = StoredIndex(library.index, embedder.name)
    plan_id = next(d.doc_id for d in before.documents.values() if d.path == PLAN)
    assert any(a.doc_id == plan_id for a in before.activities)
    (library.corpus / "zebralyftet.txt").write_text(NEW_DOCUMENT, encoding="utf-8")
    meetings = library.corpus / MEETINGS
    text = meetings.read_text(encoding="utf-8")
    assert "tar lång tid och därför" in text
    meetings.write_text(text.replace("tar lång tid och därför", "kräver zebramöten och därför"), encoding="utf-8")
    (library.corpus / PLAN).unlink()

    recorder = RecordingEmbedder(embedder)
    summary = build_index(library, recorder)

    assert summary.added == ("zebralyftet.txt",)
    assert summary.changed == (MEETINGS,)
    assert summary.removed == (PLAN,)
    assert summary.unchanged == (FOLLOW_UP,)
    assert summary.documents == 3
    # Only text that is new was embedded: the new document, and the changed passage of the other.
    assert summary.embedded == len(recorder.passages) > 0
    for passage in recorder.passages:
        assert "Zebra" in passage or "zebramöten" in passage, passage

    after = StoredIndex(library.index, embedder.name)
    assert after.generation != before.generation
    assert {d.path for d in after.documents.values()} == {"zebralyftet.txt", MEETINGS, FOLLOW_UP}
    # The removed plan is gone from the vectors, the terms, the database and the register.
    assert all(c.doc_id != plan_id for c in after.chunks)
    assert after.vectors.ntotal == len(after.chunks) == len(after.lexical)
    assert _rows(after, "SELECT COUNT(*) FROM chunks WHERE doc_id = ?", plan_id) == 0
    assert _rows(after, "SELECT COUNT(*) FROM documents WHERE doc_id = ?", plan_id) == 0
    assert _rows(after, "SELECT COUNT(*) FROM activities WHERE doc_id = ?", plan_id) == 0
    assert not after.activities

    assistant = Assistant.open(library, embedder)
    assert assistant.search("Zebralyftet projekt för äldre", 1)[0].chunk.document == "zebralyftet.txt"
    assert assistant.search("zebramöten", 1)[0].chunk.document == MEETINGS
    plan_hits = assistant.search("Samordnad individuell plan SIP familjecentral", 10)
    assert all(p.chunk.document != PLAN for p in plan_hits)


def test_an_unchanged_corpus_is_not_read_or_embedded_again(library: Settings, embedder: Embedder) -> None:
    recorder = RecordingEmbedder(embedder)
    summary = build_index(library, recorder)
    assert summary.added == summary.changed == summary.removed == ()
    assert len(summary.unchanged) == summary.documents
    assert summary.embedded == 0 and recorder.passages == []


def test_a_document_that_becomes_unreadable_is_changed_and_listed(library: Settings, embedder: Embedder) -> None:
    broken = library.corpus / "trasig.txt"
    broken.write_text("Trasig plan\n\nEn kort plan om trasiga filer.\n", encoding="utf-8")
    assert build_index(library, embedder).added == ("trasig.txt",)
    broken.write_bytes(b"")
    summary = build_index(library, embedder)
    assert summary.changed == ("trasig.txt",) and summary.removed == ()
    assert [f.path for f in summary.failures] == ["trasig.txt"]
    index = StoredIndex(library.index, embedder.name)
    assert "trasig.txt" not in {d.path for d in index.documents.values()}
    assert [f.path for f in index.failures] == ["trasig.txt"]
    broken.unlink()
    summary = build_index(library, embedder)
    assert summary.removed == () and summary.failures == ()


def test_a_second_build_is_refused_clearly_or_waits(library: Settings, embedder: Embedder) -> None:
    with build_lock(library.index):
        with pytest.raises(AssistantError, match="En annan indexering .* pågår redan"):
            build_index(library, embedder)
        waiting = threading.Thread(target=build_index, args=(library, embedder), kwargs={"wait": True})
        waiting.start()
        time.sleep(0.5)
        assert waiting.is_alive()
    waiting.join(timeout=60)
    assert not waiting.is_alive()


def test_two_builds_at_once_leave_one_whole_index(library: Settings, embedder: Embedder) -> None:
    (library.corpus / "samtidig.txt").write_text("Samtidig plan\n\nTvå indexeringar på en gång.\n", encoding="utf-8")
    results: list[BuildSummary | BaseException] = []

    def build() -> None:
        try:
            results.append(build_index(library, embedder, wait=True))
        except BaseException as exc:  # collected and checked below
            results.append(exc)

    threads = [threading.Thread(target=build) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(isinstance(r, BuildSummary) for r in results) and len(results) == 2
    # The first added the file, the second (which waited) found it unchanged.
    assert sorted(len(r.added) for r in results if isinstance(r, BuildSummary)) == [0, 1]
    index = StoredIndex(library.index, embedder.name)
    assert "samtidig.txt" in {d.path for d in index.documents.values()}
    assert index.vectors.ntotal == len(index.chunks)
    (library.corpus / "samtidig.txt").unlink()
    build_index(library, embedder)


# ---------- killed builds ----------


@pytest.fixture(scope="module")
def killable(tmp_path_factory: pytest.TempPathFactory, corpus_copy: CopyCorpus, embedder: Embedder) -> Settings:
    """Two text documents indexed; then a PDF (slow to read) and a new document (to embed) are added."""
    settings = corpus_copy(tmp_path_factory.mktemp("killable"), [MEETINGS, FOLLOW_UP])
    build_index(settings, embedder)
    (settings.corpus / REPORT_PDF).write_bytes((ROOT / "corpus" / REPORT_PDF).read_bytes())
    (settings.corpus / "zebralyftet.txt").write_text(NEW_DOCUMENT, encoding="utf-8")
    return settings


class BuildProcess:
    """`plan-assistant index` in a subprocess, its progress bar read as it runs."""

    def __init__(self, settings: Settings) -> None:
        self.output = ""
        self.process = subprocess.Popen(
            [sys.executable, "-m", "assistant", "index", "--corpus", str(settings.corpus), "--index", str(settings.index)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        stream = self.process.stderr
        assert stream is not None
        for piece in iter(lambda: os.read(stream.fileno(), 4096), b""):
            self.output += piece.decode("utf-8", errors="replace")

    def kill_when(self, pattern: str, timeout: float = 120) -> int:
        """SIGKILL the build as soon as its output matches, or once it ends; return its exit code."""
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.output) and self.process.poll() is None:
            assert time.monotonic() < deadline, self.output
            time.sleep(0.01)
        return self.kill()

    def kill(self) -> int:
        """SIGKILL the build now (if it still runs); return its exit code."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        code = self.process.wait(timeout=30)
        self._reader.join(timeout=5)
        return code


def _assert_whole(settings: Settings, embedder: Embedder, old: str) -> bool:
    """The index in use opens and answers; return whether it is still the old one."""
    generation = current_generation(settings.index)
    assistant = Assistant.open(settings, embedder)
    answer = assistant.ask("Vad är Mini Maria?")
    assert answer.found and answer.citations
    paths = {d.path for d in assistant.documents()}
    if generation.name == old:
        assert paths == {MEETINGS, FOLLOW_UP}
        return True
    assert paths == {MEETINGS, FOLLOW_UP, REPORT_PDF, "zebralyftet.txt"}
    return False


def test_a_killed_build_leaves_the_old_index_whole(killable: Settings, embedder: Embedder) -> None:
    old = current_generation(killable.index).name
    for moment in (READING, EMBEDDING):  # while reading the PDF, and while embedding
        build = BuildProcess(killable)
        assert build.kill_when(moment) == -signal.SIGKILL, build.output
        assert _assert_whole(killable, embedder, old) is True
    # Right after embedding: killed while writing or switching, or just after it switched.
    BuildProcess(killable).kill_when(rf"{EMBEDDING}: 100%")
    _assert_whole(killable, embedder, old)
    # Killed at moments spread over a whole (now cached) build: the index is always whole.
    for delay in (0.8, 1.6, 2.4, 3.2):
        build = BuildProcess(killable)
        time.sleep(delay)
        build.kill()
        _assert_whole(killable, embedder, old)
    # The lock died with the process, and the next build cleans up what the killed ones left.
    summary = build_index(killable, embedder)
    assert summary.documents == 4
    left = sorted(p.name for p in killable.index.iterdir() if p.name.startswith(("gen-", f".{CURRENT}.")))
    assert len(left) <= 2 and all(name.startswith("gen-") for name in left)
    assert current_generation(killable.index).name in left
    assert _assert_whole(killable, embedder, old) is False


# ---------- watching ----------


def test_the_snapshot_sees_added_changed_and_removed_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("ett", encoding="utf-8")
    (tmp_path / ".dold.txt").write_text("syns inte", encoding="utf-8")
    first = corpus_snapshot(tmp_path)
    assert list(first) == ["a.txt"]
    (tmp_path / "a.txt").write_text("ett två", encoding="utf-8")
    assert corpus_snapshot(tmp_path) != first
    (tmp_path / "a.txt").unlink()
    assert corpus_snapshot(tmp_path) == {}


@pytest.fixture()
def watched(tmp_path: Path, corpus_copy: CopyCorpus) -> Settings:
    """One small text document to watch."""
    settings = corpus_copy(tmp_path, [MEETINGS])
    return settings


def _wait_for(condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_watching_reindexes_when_the_corpus_changes(watched: Settings, embedder: Embedder) -> None:
    summaries: list[BuildSummary] = []
    errors: list[AssistantError] = []
    stop = threading.Event()
    watcher = threading.Thread(
        target=watch_corpus, args=(watched, summaries.append, errors.append, stop, embedder),
        kwargs={"interval": 0.1, "quiet": 0.2}, daemon=True,
    )
    watcher.start()
    try:
        _wait_for(lambda: len(summaries) == 1, 60)
        assert summaries[0].added == (MEETINGS,)
        (watched.corpus / "zebralyftet.txt").write_text(NEW_DOCUMENT, encoding="utf-8")
        _wait_for(lambda: len(summaries) == 2, 60)
        assert summaries[1].added == ("zebralyftet.txt",) and summaries[1].unchanged == (MEETINGS,)
        (watched.corpus / MEETINGS).unlink()
        _wait_for(lambda: len(summaries) == 3, 60)
        assert summaries[2].removed == (MEETINGS,)
        time.sleep(0.5)
        assert len(summaries) == 3 and not errors  # nothing changed: no build
    finally:
        stop.set()
        watcher.join(timeout=30)
    assert not watcher.is_alive()


def _lines(process: subprocess.Popen[str]) -> Iterator[str]:
    assert process.stdout is not None
    yield from process.stdout


def test_the_watch_command_prints_a_line_per_reindex_and_ends_on_ctrl_c(watched: Settings) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant", "index", "--watch", "--interval", "0.2",
         "--corpus", str(watched.corpus), "--index", str(watched.index)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
        # A background shell may start us with SIGINT ignored; the child must feel Ctrl+C.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    timer = threading.Timer(120, process.kill)
    timer.start()
    try:
        lines = _lines(process)
        assert next(lines).startswith("Bevakar ")
        first = next(lines)
        assert "Indexet är klart" in first and "1 ny," in first
        (watched.corpus / "ny.md").write_text("# Ny plan\n\nEn ny plan om samverkan.\n", encoding="utf-8")
        second = next(lines)
        assert "1 ny, 0 ändrade, 0 borttagna, 1 oförändrad" in second
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
        assert "Bevakningen avslutad." in process.stdout.read()  # type: ignore[union-attr]
    finally:
        timer.cancel()
        process.kill()
