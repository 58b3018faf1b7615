"""Questions asked at the same moment are embedded together, by one thread.

The server answers each request on its own thread. If every thread ran the embedding engine at
once, each run would start its own team of OpenMP threads on a two-core machine, and the teams
would spin waiting for each other. Here one worker runs the engine: a question that arrives
while it is busy waits, with the others that arrive meanwhile, for the next run, which embeds
them all in one batch.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future

import numpy as np

# The most questions embedded in one run; more wait for the next.
MAX_BATCH = 16


class QueryBatcher:
    """Calls `embed` from one worker thread, with every text that is waiting."""

    def __init__(self, embed: Callable[[list[str]], np.ndarray]) -> None:
        self._embed = embed
        self._waiting: queue.SimpleQueue[tuple[str, Future[np.ndarray]]] = queue.SimpleQueue()
        self._start = threading.Lock()
        self._worker: threading.Thread | None = None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return one row per text, embedded in a batch with any others asked meanwhile."""
        if self._worker is None:
            with self._start:
                if self._worker is None:
                    self._worker = threading.Thread(target=self._work, name="query-embedding", daemon=True)
                    self._worker.start()
        results: list[Future[np.ndarray]] = []
        for text in texts:
            results.append(Future())
            self._waiting.put((text, results[-1]))
        return np.vstack([result.result() for result in results])

    def _work(self) -> None:
        while True:
            batch = [self._waiting.get()]
            while len(batch) < MAX_BATCH:
                try:
                    batch.append(self._waiting.get_nowait())
                except queue.Empty:
                    break
            try:
                vectors = self._embed([text for text, _ in batch])
            except BaseException as exc:  # every waiting request hears of the failure
                for _, result in batch:
                    result.set_exception(exc)
                continue
            for (_, result), vector in zip(batch, vectors):
                result.set_result(vector)
