"""Reindexing in the background, for the web app: one build at a time, with progress to show.

A build asked for while one runs is not refused: it is queued, and runs once the current
build ends, so every upload is indexed. The running server keeps answering from the index
in use, and the Assistant opens the new one on the next request after the switch.

Each runner also writes its status to `build-status.json` in the index folder, so that every
process serving that folder (the workers of `serve --workers N`, another machine on the same
storage) shows the administrator the same build, whichever process the page's request reaches.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
import uuid
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import AssistantError
from assistant.settings import Settings

if TYPE_CHECKING:  # the build's libraries load with the first build, not with the web app
    from assistant.embedding.base import Embedder
    from assistant.indexing.build import BuildSummary

log = logging.getLogger(__name__)

IDLE, RUNNING, DONE, FAILED = "idle", "running", "done", "failed"
STATUS_FILE = "build-status.json"
# Progress is written at most this often; a build that says nothing for STALE seconds has died.
PUBLISH_EVERY = 0.5
STALE = 600.0


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
    # How another process put it (read from the shared status file, which holds no summary).
    told: str = ""

    @property
    def running(self) -> bool:
        """Tell whether a build is under way."""
        return self.state == RUNNING

    def message(self) -> str:
        """Describe the state in Swedish, for the documents page."""
        if self.told:
            return self.told
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
        self._writer = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._published = 0.0
        self._began = time.time()

    def status(self) -> JobStatus:
        """Return the status of this runner's build, or of another process's when that one is running
        or ended no earlier."""
        with self._lock:
            own = self._status
        if own.running:
            return own
        # A build that ended before this runner began is not news to show.
        other = read_shared_status(self.settings.index, self._writer, since=self._began)
        # The file holds the newest status any process wrote: a tie to the second goes to it.
        if other is not None and (other.running or other.finished >= own.finished):
            return other
        return own

    def _set(self, status: JobStatus, force: bool = True) -> None:
        # Called with the lock held.
        self._status = status
        if force or time.monotonic() - self._published >= PUBLISH_EVERY:
            self._published = time.monotonic()
            _publish(self.settings.index, self._writer, status)

    def start(self, embedder: Embedder | None = None) -> JobStatus:
        """Start a build now, or queue one more if a build is running; return the status."""
        with self._lock:
            if self._status.running:
                self._set(replace(self._status, queued=True))
                return self._status
            self._set(JobStatus(RUNNING, started=_now()))
        threading.Thread(target=self._run, args=(embedder,), name="reindex", daemon=True).start()
        return self.status()

    def _progress(self, stage: str, done: int, total: int) -> None:
        with self._lock:
            self._set(replace(self._status, stage=stage, done=done, total=total),
                      force=stage != self._status.stage or done == total)

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
                    self._set(replace(ended, state=RUNNING, queued=False, stage="", done=0, total=0,
                                      started=_now()))
                    continue
                self._set(ended)
                return


def _publish(folder: Path, writer: str, status: JobStatus) -> None:
    """Write the status for the other processes on the folder (whole or not at all)."""
    shared = {**status.as_json(), "summary": None, "writer": writer, "updated": time.time()}
    path = folder / STATUS_FILE
    partial = path.with_name(f".{STATUS_FILE}.{writer.replace(':', '-')}")
    try:
        partial.write_text(json.dumps(shared, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, path)
    except OSError as exc:  # a read-only or vanished folder: this process's page still knows
        log.warning("Indexeringens status kunde inte skrivas till %s: %s", path, exc)


def read_shared_status(folder: Path, reader: str = "", since: float = 0.0) -> JobStatus | None:
    """The status another process wrote to the folder (None: none, its own, unreadable, a running
    build that has said nothing for STALE seconds, or one that ended before `since`)."""
    try:
        shared = json.loads((folder / STATUS_FILE).read_text(encoding="utf-8"))
        running, updated = shared["state"] == RUNNING, float(shared["updated"])
        if shared["writer"] == reader or (running and time.time() - updated > STALE) or (not running and updated < since):
            return None
        return JobStatus(shared["state"], shared["stage"], shared["done"], shared["total"], shared["queued"],
                         shared["started"], shared["finished"], None, shared["error"] or "", shared["message"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _now() -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S")
