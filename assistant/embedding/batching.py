"""Questions are embedded by worker threads, one per core, each sized to the load.

The server answers each request on its own thread. If every request thread ran the embedding
engine, each would start its own team of OpenMP threads; the teams wait on each other, and
once a second thread has started a team, even a question asked alone takes 25 ms instead of
14 ms. So only the lead worker ever runs a team: alone, it embeds a question on every core.
Questions that arrive while it is busy go to helper workers, one core each, which is the most
questions a second. With 8 clients on two cores this gave 45 answers a second against 27.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from functools import partial
from typing import Any, TypeVar

import numpy as np

# What to run, given the threads it may use, and where its result goes.
_Job = tuple[Callable[[int], Any], "Future[Any]"]
_Result = TypeVar("_Result")


class QueryPool:
    """Calls `embed(text, threads)` from worker threads, one text a call."""

    def __init__(self, embed: Callable[[str, int], np.ndarray], cores: int | None = None) -> None:
        self._embed = embed
        self._cores = max(1, cores or os.cpu_count() or 1)
        self._lock = threading.Lock()
        self._for_lead: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._waiting: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._lead_idle = True
        self._helpers_busy = 0
        self._started = False

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return one row per text; the texts are embedded side by side with any others waiting."""
        results: list[Future[np.ndarray]] = []
        with self._lock:
            self._start_workers()
            for text in texts:
                results.append(Future())
                # The lead takes a text when it is idle; otherwise the text waits for whoever is free.
                job: _Job = (partial(self._embed, text), results[-1])
                (self._for_lead if self._lead_idle else self._waiting).put(job)
                self._lead_idle = False
        return np.vstack([result.result() for result in results])

    def on_lead(self, work: Callable[[int], _Result]) -> _Result:
        """Run `work(threads)` on the lead, after what it has in hand (questions meanwhile go to helpers).

        Other work for the engines, such as a build's passages or loading PyTorch, goes here, so
        that no second thread ever starts an OpenMP team. (Never call it from work on the lead.)"""
        return self.submit_to_lead(work).result()

    def submit_to_lead(self, work: Callable[[int], _Result]) -> Future[_Result]:
        """Hand `work(threads)` to the lead as `on_lead` does, without waiting for it."""
        result: Future[_Result] = Future()
        with self._lock:
            self._start_workers()
            self._for_lead.put((work, result))
            self._lead_idle = False
        return result

    def _start_workers(self) -> None:
        if self._started:
            return
        threading.Thread(target=self._lead, name="query-embedding-lead", daemon=True).start()
        for number in range(1, self._cores):
            threading.Thread(target=self._helper, name=f"query-embedding-{number}", daemon=True).start()
        self._started = True

    @staticmethod
    def _outcome(work: Callable[[int], Any], threads: int) -> Any:
        # Worked out before the request is told, so that the lead can first say it is free.
        try:
            return work(threads)
        except BaseException as exc:  # the request that asked hears of the failure
            return exc

    @staticmethod
    def _tell(result: Future[Any], outcome: Any) -> None:
        if isinstance(outcome, BaseException):
            result.set_exception(outcome)
        else:
            result.set_result(outcome)

    def _lead(self) -> None:
        following: _Job | None = None
        while True:
            work, result = following if following is not None else self._for_lead.get()
            outcome = self._outcome(work, self._cores if self._helpers_busy == 0 else 1)
            with self._lock:
                try:
                    following = self._waiting.get_nowait()
                except queue.Empty:
                    following = None
                    # Idle before the answer goes out, so the asker's next question comes here;
                    # not idle while work handed to it with `on_lead` waits.
                    self._lead_idle = self._for_lead.empty()
            self._tell(result, outcome)
            # Let go of finished work before waiting for more: a build's last batch holds its model.
            del work, result, outcome

    def _helper(self) -> None:
        while True:
            work, result = self._waiting.get()
            with self._lock:
                self._helpers_busy += 1
            try:
                self._tell(result, self._outcome(work, 1))
            finally:
                with self._lock:
                    self._helpers_busy -= 1
                del work, result
