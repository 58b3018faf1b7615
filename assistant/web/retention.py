"""How long feedback is kept: ratings older than `Settings.retention_days` are deleted when the app is
built and then once a day, by a daemon thread in each server process (so it never keeps one alive).

Questions, answers and comments may hold personal details, so they are not kept for ever by default.
With 0 or fewer days nothing is deleted automatically: the feedback stays until an administrator
deletes it on /feedback, and the pages say so. The log gets the number of ratings deleted, never
their text.
"""

from __future__ import annotations

import logging
import sqlite3
import threading

from flask import Flask

from assistant.settings import Settings
from assistant.web.feedback_store import DAY_SECONDS, FeedbackStore, feedback_path

EXTENSION = "plan_assistant_retention"

log = logging.getLogger(__name__)


class FeedbackRetention:
    """Deletes expired feedback now and then every `interval` seconds, until stopped."""

    def __init__(self, store: FeedbackStore, days: int, interval: float = DAY_SECONDS) -> None:
        self.store = store
        self.days = days
        self.interval = interval
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def enabled(self) -> bool:
        """Tell whether expired feedback is deleted at all (a positive number of days)."""
        return self.days > 0

    def sweep(self) -> int:
        """Delete the feedback older than the retention period; return how many ratings went."""
        if not self.enabled:
            return 0
        try:
            deleted = self.store.delete_older_than(self.days)
        except sqlite3.Error:
            # A locked or unreadable file must not stop the server; the next sweep tries again.
            log.exception("Gammal återkoppling kunde inte tas bort ur %s.", self.store.path)
            return 0
        log.info("Återkoppling äldre än %d dagar borttagen: %d omdömen.", self.days, deleted)
        return deleted

    def start(self) -> FeedbackRetention:
        """Sweep now, then start the daily sweeps on a daemon thread (none when retention is off)."""
        if not self.enabled:
            log.info("Återkoppling sparas utan tidsgräns (PLAN_ASSISTANT_RETENTION_DAYS=%d).", self.days)
            return self
        self.sweep()
        self._thread = threading.Thread(target=self._run, name="feedback-retention", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stopped.wait(self.interval):
            self.sweep()

    def stop(self) -> None:
        """Stop the daily sweeps and wait for a sweep in progress to finish."""
        self._stopped.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    @property
    def running(self) -> bool:
        """Tell whether the daily sweeps are running."""
        return self._thread is not None and self._thread.is_alive()


def start_retention(app: Flask, settings: Settings, interval: float = DAY_SECONDS) -> FeedbackRetention:
    """Delete the app's expired feedback now and every `interval` seconds; kept in the app's extensions."""
    retention = FeedbackRetention(FeedbackStore(feedback_path(settings.index)), settings.retention_days, interval)
    app.extensions[EXTENSION] = retention.start()
    return retention
