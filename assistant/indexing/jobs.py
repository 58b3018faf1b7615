"""Reindexing in the background, for the web app: one build at a time, with progress to show.

A build asked for while one runs is not refused: it is queued, and runs once the current
build ends, so every upload is indexed. The running server keeps answering from the index
in use, and the Assistant opens the new one on the next request after the switch.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from assistant.errors import AssistantError
from assistant.settings import Settings

if TYPE_CHECKING:  # the build's libraries load with the first build, not with the web app
    from assistant.embedding.base import Embedder
    from assistant.indexing.build import BuildSummary

log = logging.getLogger(__name__)

IDLE, RUNNING, DONE, FAILED = "idle", "running", "done", "failed"


@dataclass(frozen=True)
class JobStatus:
    """Where the background build stands: state, stage and count, and how the last one ended."""

    state: str = IDLE
    stage: str = ""
    done: int = 0
    total: int = 0
    queued: bool = False
    started: str = ""
    finished: str = ""
    summary: BuildSummary | None = None
    error: str = ""

    @property
    def running(self) -> bool:
        """Tell whether a build is under way."""
        return self.state == RUNNING

    def message(self) -> str:
        """Describe the state in Swedish, for the documents page."""
        if self.state == RUNNING:
            count = f" {self.done} av {self.total}" if self.total else ""
            then = " Sedan indexeras de senaste ändringarna." if self.queued else ""
            return f"Indexerar: {self.stage or 'startar'}{count} …{then}"
        if self.state == DONE and self.summary is not None:
            return f"Indexeringen blev klar {self.finished}. {' '.join(self.summary.lines())}"
        if self.state == FAILED:
            return f"Indexeringen misslyckades: {self.error}"
        return "Ingen indexering pågår."

    def as_json(self) -> dict[str, Any]:
        """Return the status as `GET /api/index-status` shows it."""
        return {
            "state": self.state,
            "running": self.running,
            "stage": self.stage,
            "done": self.done,
            "total": self.total,
            "queued": self.queued,
            "started": self.started,
            "finished": self.finished,
            "message": self.message(),
            "summary": asdict(self.summary) if self.summary is not None else None,
            "error": self.error or None,
        }


class IndexJobs:
    """Runs `build_index` in a background thread, one build at a time, and keeps its status."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._status = JobStatus()

    def status(self) -> JobStatus:
        """Return the current status."""
        with self._lock:
            return self._status

    def start(self, embedder: Embedder | None = None) -> JobStatus:
        """Start a build now, or queue one more if a build is running; return the status."""
        with self._lock:
            if self._status.running:
                self._status = replace(self._status, queued=True)
                return self._status
            self._status = JobStatus(RUNNING, started=_now())
        threading.Thread(target=self._run, args=(embedder,), name="reindex", daemon=True).start()
        return self.status()

    def _progress(self, stage: str, done: int, total: int) -> None:
        with self._lock:
            self._status = replace(self._status, stage=stage, done=done, total=total)

    def _run(self, embedder: Embedder | None) -> None:
        from assistant.indexing.build import build_index

        while True:
            summary, error = None, ""
            try:
                summary = build_index(self.settings, embedder, self._progress, wait=True)
            except AssistantError as exc:
                error = str(exc)
            except Exception:  # a thread has no caller to raise to: log it, show it on the page
                log.exception("Background reindex failed")
                error = "ett oväntat fel inträffade; se serverns logg."
            with self._lock:
                ended = replace(self._status, state=FAILED if summary is None else DONE, summary=summary,
                                error=error, finished=_now())
                if ended.queued:
                    # Another change arrived while we built: build once more to include it.
                    self._status = replace(ended, state=RUNNING, queued=False, stage="", done=0, total=0,
                                           started=_now())
                    continue
                self._status = ended
                return


def _now() -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S")
